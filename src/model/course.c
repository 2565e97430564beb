/*
 * Radiotherapy courses: targets, margin, fractions, prescriptions and their
 * expansion, overall treatment time.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "model.h"

/* ---- expansion of prescriptions ------------------------------------------------ */

static int weekday_of_day(int64_t z)
{
    int64_t w = (z + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1; /* 1 Monday .. 7 Sunday */
}

/* Day offset of fraction k from a start day for a schedule. */
static void schedule_days(int64_t start, int schedule, int n, int64_t *days)
{
    int64_t d = start;
    for (int k = 0; k < n; k++) {
        days[k] = d;
        if (schedule == LDRT_SCHEDULE_DAILY)
            d += 1;
        else if (schedule == LDRT_SCHEDULE_ALTERNATE_DAYS)
            d += 2;
        else {
            d += 1;
            while (weekday_of_day(d) > 5)
                d++;
        }
    }
}

/* Fraction spans of a prescription from a (possibly partial) start date:
 * every possible start day is tried (weekend days are not possible starts of
 * a weekdays course). lo/hi receive n spans; ott_min/max the overall time. */
static int prescription_spans(ldrt_date date, int schedule, int n, int64_t *lo, int64_t *hi,
                              int64_t *ott_min, int64_t *ott_max)
{
    int64_t slo, shi;
    ldrt__date_span(date, &slo, &shi);
    int64_t *days = ldrt__calloc((size_t)n, sizeof *days);
    if (!days)
        return LDRT_ENOMEM;
    int any = 0;
    for (int64_t s = slo; s <= shi; s++) {
        if (schedule == LDRT_SCHEDULE_WEEKDAYS && weekday_of_day(s) > 5)
            continue;
        schedule_days(s, schedule, n, days);
        int64_t ott = days[n - 1] - days[0];
        for (int k = 0; k < n; k++) {
            if (!any || days[k] < lo[k])
                lo[k] = days[k];
            if (!any || days[k] > hi[k])
                hi[k] = days[k];
        }
        if (!any || ott < *ott_min)
            *ott_min = ott;
        if (!any || ott > *ott_max)
            *ott_max = ott;
        any = 1;
    }
    ldrt__free(days);
    if (!any)
        return ldrt__error(LDRT_EINVAL, "schedule: a weekdays course cannot start on a weekend day");
    if (hi[n - 1] > LDRT__DAYS_MAX)
        return ldrt__error(LDRT_ERANGE, "prescription: the course runs past the year 9999");
    return LDRT_OK;
}

int ldrt__build_rx(ldrt_event *e, ldrt_date date, ldrt_date end, double total_gy, int n,
                   int schedule, ldrt_fraction ***out)
{
    int64_t *lo = ldrt__calloc((size_t)n * 2, sizeof *lo);
    if (!lo)
        return LDRT_ENOMEM;
    int64_t *hi = lo + n, omin = 0, omax = 0;
    int rc = prescription_spans(date, schedule, n, lo, hi, &omin, &omax);
    if (rc) {
        ldrt__free(lo);
        return rc;
    }
    if (end != LDRT_DATE_NONE) {
        int64_t elo, ehi;
        ldrt__date_span(end, &elo, &ehi);
        if (lo[n - 1] > ehi) {
            ldrt__free(lo);
            return ldrt__error(LDRT_EINVAL,
                               "prescription: the last of %d fractions falls after the course end",
                               n);
        }
    }
    ldrt_fraction **f = ldrt__calloc((size_t)n, sizeof *f);
    if (!f) {
        ldrt__free(lo);
        return LDRT_ENOMEM;
    }
    for (int k = 0; k < n; k++) {
        f[k] = ldrt__calloc(1, sizeof **f);
        if (!f[k]) {
            ldrt__free_fractions(e->patient, f, (size_t)k);
            ldrt__free(lo);
            return LDRT_ENOMEM;
        }
        f[k]->course = e;
        f[k]->index = (size_t)k;
        f[k]->lo = lo[k];
        f[k]->hi = hi[k];
        f[k]->date = ldrt__at_precision(lo[k], date);
        f[k]->dose_gy = total_gy / n;
        f[k]->expanded = 1;
    }
    ldrt__free(lo);
    *out = f;
    return LDRT_OK;
}

int ldrt__course_ott(const ldrt_event *e, int64_t *min_days, int64_t *max_days)
{
    if (e->n_fractions == 0)
        return ldrt__error(LDRT_ENOTFOUND, "fractions: the course has none");
    if (e->has_rx && e->n_fractions > 0) {
        int n = (int)e->n_fractions;
        int64_t *lo = ldrt__calloc((size_t)n * 2, sizeof *lo);
        if (!lo)
            return LDRT_ENOMEM;
        int rc = prescription_spans(e->date, e->rx_schedule, n, lo, lo + n, min_days, max_days);
        ldrt__free(lo);
        return rc;
    }
    const ldrt_fraction *a = e->fractions[0], *b = e->fractions[e->n_fractions - 1];
    int64_t mn = b->lo - a->hi;
    *min_days = mn < 0 ? 0 : mn;
    *max_days = b->hi - a->lo;
    return LDRT_OK;
}


int ldrt_course_add_target(ldrt_course *course, const char *lesion_id)
{
    ldrt_event *e = LDRT__EV(course);
    LDRT__CHECK_NOT_NULL(course);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_RADIOTHERAPY, "targets");
    return ldrt__add_lesion_ref(e, &e->targets, &e->n_targets, lesion_id, "targets");
}
size_t ldrt_course_target_count(const ldrt_course *course)
{
    const ldrt_event *e = LDRT__CEV(course);
    return e ? e->n_targets : 0;
}
const ldrt_lesion *ldrt_course_target_at(const ldrt_course *course, size_t i)
{
    const ldrt_event *e = LDRT__CEV(course);
    return e && i < e->n_targets ? e->targets[i] : NULL;
}

int ldrt_course_targets_lesion(const ldrt_course *course, const ldrt_lesion *l)
{
    const ldrt_event *e = LDRT__CEV(course);
    if (!e || !l)
        return 0;
    for (size_t i = 0; i < e->n_targets; i++)
        if (e->targets[i] == l)
            return 1;
    return 0;
}

/* ---- radiotherapy --------------------------------------------------------------------------------- */

int ldrt_course_margin_mm(const ldrt_course *course, double *margin_mm)
{
    const ldrt_event *e = LDRT__CEV(course);
    LDRT__CHECK_NOT_NULL(course);
    LDRT__CHECK_NOT_NULL(margin_mm);
    if (isnan(e->margin_mm))
        return ldrt__error(LDRT_ENOTFOUND, "margin_mm: not recorded");
    *margin_mm = e->margin_mm;
    return LDRT_OK;
}

int ldrt_course_set_margin_mm(ldrt_course *course, double margin_mm)
{
    ldrt_event *e = LDRT__EV(course);
    LDRT__CHECK_NOT_NULL(course);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_RADIOTHERAPY, "margin_mm");
    if (!isnan(margin_mm)) {
        int rc = ldrt__check_finite(margin_mm, 0, 1, LDRT_MAX_LENGTH_MM, "margin_mm");
        if (rc)
            return rc;
    }
    e->margin_mm = margin_mm;
    return LDRT_OK;
}

int ldrt_course_add_fraction(ldrt_course *course, ldrt_date date, double dose_gy, ldrt_fraction **out)
{
    ldrt_event *e = LDRT__EV(course);
    LDRT__CHECK_NOT_NULL(course);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_RADIOTHERAPY, "fractions");
    if (e->has_rx)
        return ldrt__error(LDRT_ESTATE, "fractions: the course has a prescription; "
                                        "its fractions are generated");
    int rc = ldrt__check_date(date, "date");
    if (!rc)
        rc = ldrt__check_finite(dose_gy, 0, 0, LDRT_MAX_DOSE_GY, "dose_gy");
    if (rc)
        return rc;
    int64_t lo, hi;
    ldrt__date_span(date, &lo, &hi);
    if (!ldrt__fraction_fits(e->date, e->end, lo, hi))
        return ldrt__error(LDRT_EINVAL, "date: the fraction falls outside the course");
    if (e->n_fractions > 0 && hi < e->fractions[e->n_fractions - 1]->lo)
        return ldrt__error(LDRT_EINVAL, "date: the fraction is before the previous fraction");
    if (e->n_fractions >= LDRT_MAX_FRACTIONS)
        return ldrt__error(LDRT_ERANGE, "fractions: at most %d per course", LDRT_MAX_FRACTIONS);
    ldrt_fraction *f = ldrt__calloc(1, sizeof *f);
    if (!f || ldrt__reserve((void **)&e->fractions, e->n_fractions, sizeof *e->fractions)) {
        ldrt__free(f);
        return LDRT_ENOMEM;
    }
    f->course = e;
    f->index = e->n_fractions;
    f->date = date;
    f->lo = lo;
    f->hi = hi;
    f->dose_gy = dose_gy;
    e->fractions[e->n_fractions++] = f;
    if (out)
        *out = f;
    return LDRT_OK;
}

int ldrt_course_set_prescription(ldrt_course *course, double total_gy, int fractions, ldrt_schedule schedule)
{
    ldrt_event *e = LDRT__EV(course);
    LDRT__CHECK_NOT_NULL(course);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_RADIOTHERAPY, "prescription");
    if (!e->has_rx && e->n_fractions > 0)
        return ldrt__error(LDRT_ESTATE, "prescription: the course already lists its fractions");
    int rc = ldrt__check_finite(total_gy, 0, 0, LDRT_MAX_DOSE_GY, "total_gy");
    if (rc)
        return rc;
    if (fractions < 1 || fractions > LDRT_MAX_FRACTIONS)
        return ldrt__error(LDRT_EINVAL, "fractions: must be 1 to %d (got %d)", LDRT_MAX_FRACTIONS,
                           fractions);
    if (!ldrt_schedule_name(schedule))
        return ldrt__error(LDRT_EINVAL, "schedule: %d is not a schedule", schedule);
    ldrt_patient *p = e->patient;
    size_t old = e->has_rx ? e->n_fractions : 0;
    if (p->n_generated - old + (size_t)fractions > LDRT_MAX_GENERATED)
        return ldrt__error(LDRT_ERANGE, "prescription: the patient would have more than %d generated items",
                           LDRT_MAX_GENERATED);
    ldrt_fraction **f;
    rc = ldrt__build_rx(e, e->date, e->end, total_gy, fractions, schedule, &f);
    if (rc)
        return rc;
    ldrt__free_fractions(p, e->fractions, e->n_fractions);
    p->n_generated = p->n_generated - old + (size_t)fractions;
    e->fractions = f;
    e->n_fractions = (size_t)fractions;
    e->has_rx = 1;
    e->rx_total_gy = total_gy;
    e->rx_fractions = fractions;
    e->rx_schedule = schedule;
    return LDRT_OK;
}

int ldrt_course_prescription(const ldrt_course *course, double *total_gy, int *fractions,
                             ldrt_schedule *schedule)
{
    const ldrt_event *e = LDRT__CEV(course);
    LDRT__CHECK_NOT_NULL(course);
    if (!e->has_rx)
        return ldrt__error(LDRT_ENOTFOUND, "prescription: not recorded");
    if (total_gy)
        *total_gy = e->rx_total_gy;
    if (fractions)
        *fractions = e->rx_fractions;
    if (schedule)
        *schedule = e->rx_schedule;
    return LDRT_OK;
}

size_t ldrt_course_fraction_count(const ldrt_course *course)
{
    const ldrt_event *e = LDRT__CEV(course);
    return e ? e->n_fractions : 0;
}
const ldrt_fraction *ldrt_course_fraction_at(const ldrt_course *course, size_t i)
{
    const ldrt_event *e = LDRT__CEV(course);
    return e && i < e->n_fractions ? e->fractions[i] : NULL;
}

const ldrt_course *ldrt_fraction_course(const ldrt_fraction *f)
{
    return f ? LDRT__CCOURSE(f->course) : NULL;
}
size_t ldrt_fraction_index(const ldrt_fraction *f) { return f ? f->index : 0; }
ldrt_date ldrt_fraction_date(const ldrt_fraction *f) { return f ? f->date : LDRT_DATE_NONE; }
int ldrt_fraction_is_expanded(const ldrt_fraction *f) { return f ? f->expanded : 0; }

int ldrt_fraction_span(const ldrt_fraction *f, ldrt_date *earliest, ldrt_date *latest)
{
    LDRT__CHECK_NOT_NULL(f);
    if (earliest)
        *earliest = ldrt__date_of_day(f->lo);
    if (latest)
        *latest = ldrt__date_of_day(f->hi);
    return LDRT_OK;
}

int ldrt_fraction_dose_gy(const ldrt_fraction *f, double *dose_gy)
{
    LDRT__CHECK_NOT_NULL(f);
    LDRT__CHECK_NOT_NULL(dose_gy);
    *dose_gy = f->dose_gy;
    return LDRT_OK;
}
