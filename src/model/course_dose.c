/*
 * Per-patient dose: the dose module's models applied to a patient's real
 * courses, lesions and drug administrations (declared in ldrt/dose.h, in the
 * course_dose group). It lives in the model because the model depends on
 * dose, never the reverse.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "ldrt/dose.h"
#include "model.h"

static int check_course(const ldrt_event *course)
{
    if (course == NULL)
        return ldrt__error(LDRT_EINVAL, "course: must not be NULL");
    if (course->kind != LDRT_EVENT_RADIOTHERAPY)
        return ldrt__error(LDRT_EINVAL, "course: must be a radiotherapy event (got %s)",
                           ldrt_event_kind_name(course->kind));
    if (course->n_fractions == 0)
        return ldrt__error(LDRT_ENOTFOUND, "course: %s has no fractions",
                           course->text[LDRT_FIELD_COURSE_ID] ? course->text[LDRT_FIELD_COURSE_ID]
                                                              : "the course");
    return LDRT_OK;
}

/* The fraction doses of a course (n <= LDRT_MAX_FRACTIONS). */
static size_t course_doses(const ldrt_event *course, double *doses)
{
    for (size_t i = 0; i < course->n_fractions; i++)
        doses[i] = course->fractions[i]->dose_gy;
    return course->n_fractions;
}

/* Physical dose and BED of a checked course. */
static int course_bed(const ldrt_event *course, double ab, double *total, double *bed)
{
    double doses[LDRT_MAX_FRACTIONS];
    size_t n = course_doses(course, doses);
    double t = 0.0;
    for (size_t i = 0; i < n; i++) t += doses[i];
    int rc = ldrt_lq_bed_fractions(doses, n, ab, bed);
    if (rc) return rc;
    *total = t;
    return LDRT_OK;
}

int ldrt_course_dose(const ldrt_course *course_h, double alpha_beta_gy, double *total_gy,
                     double *bed_gy, double *eqd2_gy)
{
    const ldrt_event *course = LDRT__CEV(course_h);
    int rc = check_course(course);
    if (rc) return rc;
    if (!(isfinite(alpha_beta_gy) && alpha_beta_gy > 0.0))
        return ldrt__error(LDRT_EINVAL, "alpha_beta_gy: must be finite and > 0 (got %g)",
                           alpha_beta_gy);
    double total, bed;
    if ((rc = course_bed(course, alpha_beta_gy, &total, &bed)) != LDRT_OK) return rc;
    if (total_gy) *total_gy = total;
    if (bed_gy) *bed_gy = bed;
    if (eqd2_gy) *eqd2_gy = bed / (1.0 + 2.0 / alpha_beta_gy);
    return LDRT_OK;
}

int ldrt_course_bed_repop(const ldrt_course *course_h, double alpha_beta_gy, double kickoff_days,
                          double alpha_per_gy, double tpot_days, double *bed_min_gy,
                          double *bed_max_gy)
{
    const ldrt_event *course = LDRT__CEV(course_h);
    int rc = check_course(course);
    if (rc) return rc;
    int64_t tmin, tmax;
    if ((rc = ldrt_course_overall_days(ldrt_event_as_course(course), &tmin, &tmax)) != LDRT_OK) return rc;
    double total, bed, lo, hi;
    if (!(isfinite(alpha_beta_gy) && alpha_beta_gy > 0.0))
        return ldrt__error(LDRT_EINVAL, "alpha_beta_gy: must be finite and > 0 (got %g)",
                           alpha_beta_gy);
    if ((rc = course_bed(course, alpha_beta_gy, &total, &bed)) != LDRT_OK) return rc;
    /* The repopulation term depends on T only: take it from the scalar function
     * (which validates Tk, alpha and Tpot) as its difference from plain LQ, and
     * add it to the BED of the real fractions. */
    double n = (double)course->n_fractions;
    if ((rc = ldrt_lq_bed_repop(total, n, alpha_beta_gy, (double)tmax, kickoff_days, alpha_per_gy,
                                tpot_days, &lo)) != LDRT_OK)
        return rc;
    if ((rc = ldrt_lq_bed_repop(total, n, alpha_beta_gy, (double)tmin, kickoff_days, alpha_per_gy,
                                tpot_days, &hi)) != LDRT_OK)
        return rc;
    double plain;
    if ((rc = ldrt_lq_bed(total, n, alpha_beta_gy, &plain)) != LDRT_OK) return rc;
    /* Replace the equal-fraction BED by the real one; keep the time term. */
    if (bed_min_gy) *bed_min_gy = bed + (lo - plain);
    if (bed_max_gy) *bed_max_gy = bed + (hi - plain);
    return LDRT_OK;
}

int ldrt_course_classify(const ldrt_course *course_h, ldrt_regimen *regimen, unsigned *rules)
{
    const ldrt_event *course = LDRT__CEV(course_h);
    int rc = check_course(course);
    if (rc) return rc;
    double doses[LDRT_MAX_FRACTIONS];
    size_t n = course_doses(course, doses);
    ldrt_regimen r = LDRT_REGIMEN_OTHER;
    rc = ldrt_regimen_classify_fractions(doses, n, regimen ? &r : NULL, rules);
    if (rc == LDRT_OK && regimen)
        *regimen = (int)r;
    return rc;
}

/* Span (day numbers) from the first to the last fraction of a course. */
static void course_span(const ldrt_event *course, int64_t *lo, int64_t *hi)
{
    *lo = course->fractions[0]->lo;
    *hi = course->fractions[course->n_fractions - 1]->hi;
}

static int targets(const ldrt_event *course, const ldrt_lesion *lesion)
{
    for (size_t i = 0; i < course->n_targets; i++)
        if (course->targets[i] == lesion) return 1;
    return 0;
}

int ldrt_lesion_dose(const ldrt_patient *patient, const ldrt_lesion *lesion, double alpha_beta_gy, ldrt_recovery recovery, double *total_gy, double *bed_gy, double *eqd2_gy, size_t *courses)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(lesion);
    if (lesion->patient != patient)
        return ldrt__error(LDRT_ENOTFOUND, "lesion: %s is not a lesion of this patient",
                           lesion->id);
    if (!(isfinite(alpha_beta_gy) && alpha_beta_gy > 0.0))
        return ldrt__error(LDRT_EINVAL, "alpha_beta_gy: must be finite and > 0 (got %g)",
                           alpha_beta_gy);
    if (recovery != LDRT_RECOVERY_NONE && recovery != LDRT_RECOVERY_FIXED)
        return ldrt__error(LDRT_EINVAL, "recovery: must be LDRT_RECOVERY_NONE or "
                                        "LDRT_RECOVERY_FIXED (got %d)", recovery);
    /* The latest course's first fraction: the reference of the recovery times. */
    const ldrt_event *latest = NULL;
    for (size_t i = 0; i < patient->n_events; i++) {
        const ldrt_event *e = patient->events[i];
        if (e->kind == LDRT_EVENT_RADIOTHERAPY && e->n_fractions > 0 && targets(e, lesion))
            latest = e;
    }
    double total = 0.0, bed = 0.0;
    size_t n = 0;
    for (size_t i = 0; i < patient->n_events; i++) {
        const ldrt_event *e = patient->events[i];
        if (e->kind != LDRT_EVENT_RADIOTHERAPY || e->n_fractions == 0 || !targets(e, lesion))
            continue;
        double t, b, r = 0.0;
        int rc = course_bed(e, alpha_beta_gy, &t, &b);
        if (rc) return rc;
        if (recovery == LDRT_RECOVERY_FIXED && e != latest) {
            int64_t elo, ehi, llo, lhi;
            course_span(e, &elo, &ehi);
            course_span(latest, &llo, &lhi);
            /* Shortest gap the dates allow (least recovery), never below 0. */
            int64_t gap = llo - ehi;
            if (gap < 0) gap = 0;
            if ((rc = ldrt_reirr_recovery_fixed((double)gap, &r)) != LDRT_OK) return rc;
        }
        total += t;
        bed += b * (1.0 - r);
        n++;
    }
    if (total_gy) *total_gy = total;
    if (bed_gy) *bed_gy = bed;
    if (eqd2_gy) *eqd2_gy = bed / (1.0 + 2.0 / alpha_beta_gy);
    if (courses) *courses = n;
    return LDRT_OK;
}

/* Shortest number of days between two spans (0 when they can overlap). */
static int64_t span_gap(int64_t alo, int64_t ahi, int64_t blo, int64_t bhi)
{
    if (ahi < blo) return blo - ahi;
    if (bhi < alo) return alo - bhi;
    return 0;
}

static int disjoint_targets(const ldrt_event *a, const ldrt_event *b)
{
    if (a->n_targets == 0 || b->n_targets == 0) return 0;
    for (size_t i = 0; i < a->n_targets; i++)
        if (targets(b, a->targets[i])) return 0;
    return 1;
}

int ldrt_patient_radscopal(const ldrt_patient *patient, int64_t window_days,
                           const ldrt_course ***high, const ldrt_course ***low, size_t *pairs)
{
    LDRT__CHECK_NOT_NULL(patient);
    if (window_days < 0)
        return ldrt__error(LDRT_EINVAL, "window_days: must be >= 0 (got %lld)",
                           (long long)window_days);
    LDRT__CHECK_NOT_NULL(high);
    LDRT__CHECK_NOT_NULL(low);
    LDRT__CHECK_NOT_NULL(pairs);
    const ldrt_course **hi_arr = NULL, **lo_arr = NULL;
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++) { /* pass 0 counts, pass 1 fills */
        size_t k = 0;
        for (size_t i = 0; i < patient->n_events; i++) {
            ldrt_event *h = patient->events[i];
            ldrt_regimen rh;
            if (h->kind != LDRT_EVENT_RADIOTHERAPY || h->n_fractions == 0) continue;
            if (ldrt_course_classify(ldrt_event_as_course(h), &rh, NULL) != LDRT_OK) continue;
            if (rh != LDRT_REGIMEN_SBRT && rh != LDRT_REGIMEN_HYPOFRACTIONATED) continue;
            for (size_t j = 0; j < patient->n_events; j++) {
                ldrt_event *l = patient->events[j];
                ldrt_regimen rl;
                if (l == h || l->kind != LDRT_EVENT_RADIOTHERAPY || l->n_fractions == 0) continue;
                if (ldrt_course_classify(ldrt_event_as_course(l), &rl, NULL) != LDRT_OK || rl != LDRT_REGIMEN_LOW_DOSE)
                    continue;
                if (!disjoint_targets(h, l)) continue;
                int64_t a0, a1, b0, b1;
                course_span(h, &a0, &a1);
                course_span(l, &b0, &b1);
                if (span_gap(a0, a1, b0, b1) > window_days) continue;
                if (pass == 1) {
                    hi_arr[k] = LDRT__CCOURSE(h);
                    lo_arr[k] = LDRT__CCOURSE(l);
                }
                k++;
            }
        }
        if (pass == 0) {
            n = k;
            if (n == 0) break;
            hi_arr = ldrt__calloc(n, sizeof *hi_arr);
            lo_arr = ldrt__calloc(n, sizeof *lo_arr);
            if (hi_arr == NULL || lo_arr == NULL) {
                ldrt__free(hi_arr);
                ldrt__free(lo_arr);
                return ldrt__error(LDRT_ENOMEM, "radscopal: out of memory");
            }
        }
    }
    *high = hi_arr;
    *low = lo_arr;
    *pairs = n;
    return LDRT_OK;
}

int ldrt_drug_is_checkpoint_inhibitor(const char *drug)
{
    /* Anscher et al., JAMA Oncol 2022;8:232-240: the inhibitors of the FDA pooled analysis. */
    static const char *const ici[] = { "atezolizumab", "avelumab", "cemiplimab", "durvalumab",
                                       "ipilimumab", "nivolumab", "pembrolizumab" };
    if (drug == NULL) return 0;
    for (size_t i = 0; i < sizeof ici / sizeof ici[0]; i++)
        if (ldrt__ascii_casecmp(drug, ici[i]) == 0) return 1;
    return 0;
}

/* A series of the drug whose administrations are not dated
 * (ldrt_systemic_dates_known() 0): each of them fell somewhere in the
 * series' span [first day, last day its end can be], every_days apart as
 * planned. It counts as one administration that can fall on any day of that
 * span, so a course inside the span may have had a dose on its own days;
 * and a course inside [latest start, earliest end] had one within
 * every_days of each of its days (the planned interval: the record has no
 * other), which bounds the nearest distance from above. */
typedef struct {
    int64_t lo, hi;      /* the span a dose can fall in */
    int64_t in_lo, in_hi; /* days with a dose at most every days away */
    int64_t every;
} undated_span;

/* The next such series of the drug from event *i on: 1 and *u, or 0. */
static int next_undated(const ldrt_patient *p, const char *drug, size_t *i, undated_span *u)
{
    for (; *i < p->n_events; (*i)++) {
        const ldrt_systemic *s = ldrt_event_as_systemic(p->events[*i]);
        if (!s || ldrt_systemic_dates_known(s) || !ldrt_systemic_gives_drug(s, drug))
            continue;
        int64_t slo, shi, elo, ehi, every = 0;
        int count = 0;
        if (LDRT__SILENT(ldrt_systemic_series_days(s, &slo, &shi, &elo, &ehi)) != LDRT_OK ||
            LDRT__SILENT(ldrt_systemic_repeat(s, &every, &count)) != LDRT_OK)
            continue;
        *u = (undated_span){ slo, ehi, shi, elo, every };
        (*i)++;
        return 1;
    }
    return 0;
}

int ldrt_course_drug_timing(const ldrt_patient *patient, const ldrt_course *handle,
                            const char *drug, int64_t window_days, int64_t *days_since_previous,
                            int64_t *days_until_next, ldrt_drug_timing *timing)
{
    const ldrt_event *course = LDRT__CEV(handle);
    LDRT__CHECK_NOT_NULL(patient);
    int rc = check_course(course);
    if (rc) return rc;
    if (course->patient != patient)
        return ldrt__error(LDRT_EINVAL, "course: is not an event of this patient");
    LDRT__CHECK_NOT_NULL(drug);
    if (window_days < 0)
        return ldrt__error(LDRT_EINVAL, "window_days: must be >= 0 (got %lld)",
                           (long long)window_days);
    const ldrt_event **adm = NULL;
    size_t n = 0;
    if ((rc = ldrt_patient_drug_administrations(patient, drug, &adm, &n)) != LDRT_OK) return rc;
    int64_t c0, c1;
    course_span(course, &c0, &c1);
    int64_t since = -1, until = -1;
    for (size_t i = 0; i < n; i++) {
        const ldrt_event *a = adm[i];
        if (a->hi < c0) { /* before the first fraction */
            int64_t d = c0 - a->hi;
            if (since < 0 || d < since) since = d;
        } else if (a->lo > c1) { /* after the last fraction */
            int64_t d = a->lo - c1;
            if (until < 0 || d < until) until = d;
        } else { /* can fall during the course */
            since = 0;
            until = 0;
        }
    }
    ldrt_free(adm);
    undated_span u;
    for (size_t next = 0; next_undated(patient, drug, &next, &u); n++) {
        if (u.hi < c0) {
            if (since < 0 || c0 - u.hi < since) since = c0 - u.hi;
        } else if (u.lo > c1) {
            if (until < 0 || u.lo - c1 < until) until = u.lo - c1;
        } else {
            since = 0;
            until = 0;
        }
    }
    int t;
    if (n == 0) t = LDRT_TIMING_NOT_GIVEN;
    else if ((since >= 0 && since <= window_days) || (until >= 0 && until <= window_days))
        t = LDRT_TIMING_CONCURRENT;
    else if (since >= 0 && until >= 0) t = LDRT_TIMING_BEFORE_AND_AFTER;
    else if (since >= 0) t = LDRT_TIMING_BEFORE;
    else t = LDRT_TIMING_AFTER;
    if (days_since_previous) *days_since_previous = since;
    if (days_until_next) *days_until_next = until;
    if (timing) *timing = t;
    return LDRT_OK;
}

const char * ldrt_drug_timing_name(ldrt_drug_timing timing)
{
    switch (timing) {
    case LDRT_TIMING_NOT_GIVEN: return "not-given";
    case LDRT_TIMING_CONCURRENT: return "concurrent";
    case LDRT_TIMING_BEFORE: return "before";
    case LDRT_TIMING_AFTER: return "after";
    case LDRT_TIMING_BEFORE_AND_AFTER: return "before-and-after";
    default: return NULL;
    }
}

/* The largest distance, over the days the course can fall on, between the
 * course and the nearest administration: the course as short as its
 * fractions' dates allow (a shorter course is farther from every
 * administration), each administration at the end of its span farther
 * from it. When the first fraction can be no later than the last one
 * can begin (f0hi <= f1lo) the shortest course is [f0hi, f1lo]; otherwise
 * it is a single day t in [max(f0lo, f1lo), min(f0hi, f1hi)] (any longer
 * course holds such a day), each of which is tried. */
static int64_t nearest_max(const ldrt_event *const *adm, size_t n, int64_t f0lo, int64_t f0hi,
                           int64_t f1lo, int64_t f1hi)
{
    int64_t best = -1;
    if (f0hi <= f1lo) {
        for (size_t i = 0; i < n; i++) {
            int64_t d = 0;
            if (f0hi - adm[i]->lo > d) d = f0hi - adm[i]->lo;
            if (adm[i]->hi - f1lo > d) d = adm[i]->hi - f1lo;
            if (best < 0 || d < best) best = d;
        }
        return best;
    }
    int64_t tlo = f0lo > f1lo ? f0lo : f1lo, thi = f0hi < f1hi ? f0hi : f1hi;
    /* A fraction's date is at worst a year: at most 366 days to try. */
    for (int64_t t = tlo; t <= thi; t++) {
        int64_t m = -1;
        for (size_t a = 0; a < n; a++) {
            int64_t d = t - adm[a]->lo > adm[a]->hi - t ? t - adm[a]->lo : adm[a]->hi - t;
            if (m < 0 || d < m) m = d;
        }
        if (m > best) best = m;
    }
    return best;
}

int ldrt_course_drug_timing_range(const ldrt_patient *patient, const ldrt_course *handle,
                                  const char *drug, int64_t window_days, int64_t *nearest_min,
                                  int64_t *nearest_max_days, ldrt_drug_timing *timing,
                                  int *certain)
{
    const ldrt_event *course = LDRT__CEV(handle);
    LDRT__CHECK_NOT_NULL(patient);
    int rc = check_course(course);
    if (rc) return rc;
    if (course->patient != patient)
        return ldrt__error(LDRT_EINVAL, "course: is not an event of this patient");
    LDRT__CHECK_NOT_NULL(drug);
    if (window_days < 0)
        return ldrt__error(LDRT_EINVAL, "window_days: must be >= 0 (got %lld)",
                           (long long)window_days);
    const ldrt_event **adm = NULL;
    size_t n = 0;
    if ((rc = ldrt_patient_drug_administrations(patient, drug, &adm, &n)) != LDRT_OK) return rc;
    const ldrt_fraction *f0 = course->fractions[0], *f1 = course->fractions[course->n_fractions - 1];
    int64_t dmin = -1, dmax = -1;
    int before = 0, after = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t d = 0;
        if (f0->lo - adm[i]->hi > d) d = f0->lo - adm[i]->hi;
        if (adm[i]->lo - f1->hi > d) d = adm[i]->lo - f1->hi;
        if (dmin < 0 || d < dmin) dmin = d;
        before |= adm[i]->hi < f0->lo;
        after |= adm[i]->lo > f1->hi;
    }
    if (n > 0)
        dmax = nearest_max((const ldrt_event *const *)adm, n, f0->lo, f0->hi, f1->lo, f1->hi);
    ldrt_free(adm);
    undated_span u;
    for (size_t next = 0; next_undated(patient, drug, &next, &u); n++) {
        int64_t d = 0, far;
        if (f0->lo - u.hi > d) d = f0->lo - u.hi;
        if (u.lo - f1->hi > d) d = u.lo - f1->hi;
        if (dmin < 0 || d < dmin) dmin = d;
        before |= u.hi < f0->lo;
        after |= u.lo > f1->hi;
        if (f0->lo >= u.in_lo && f1->hi <= u.in_hi)
            far = u.every;
        else /* an upper bound: the span's far end from the course's far day */
            far = f1->hi - u.lo > u.hi - f0->lo ? f1->hi - u.lo : u.hi - f0->lo;
        if (dmax < 0 || far < dmax) dmax = far;
    }
    ldrt_drug_timing t;
    int sure = 1;
    if (n == 0) t = LDRT_TIMING_NOT_GIVEN;
    else if (dmin <= window_days) {
        t = LDRT_TIMING_CONCURRENT;
        sure = dmax <= window_days;
    } else if (before && after) t = LDRT_TIMING_BEFORE_AND_AFTER;
    else if (before) t = LDRT_TIMING_BEFORE;
    else t = LDRT_TIMING_AFTER;
    if (nearest_min) *nearest_min = dmin;
    if (nearest_max_days) *nearest_max_days = dmax;
    if (timing) *timing = t;
    if (certain) *certain = sure;
    return LDRT_OK;
}
