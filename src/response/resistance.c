/*
 * SITC immunotherapy resistance (Kluger et al., J Immunother Cancer
 * 2020;8:e000398, Table 1), and abscopal (out-of-field) response flags.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "response_internal.h"

struct ldrt_resistance_result {
    int category;
    char *missing;
    char *reason;
};

void ldrt_resistance_result_free(ldrt_resistance_result *r)
{
    if (!r)
        return;
    ldrt__free(r->missing);
    ldrt__free(r->reason);
    ldrt__free(r);
}

static void span(ldrt_date d, int64_t *lo, int64_t *hi)
{
    ldrt_date e, l;
    ldrt_date_earliest(d, &e);
    ldrt_date_latest(d, &l);
    ldrt_date_to_days(e, lo);
    ldrt_date_to_days(l, hi);
}

/* "210" when the bounds agree, "62 to 121" when the dates allow a range. */
static const char *days_range(int64_t lo, int64_t hi, char *buf)
{
    if (lo == hi)
        snprintf(buf, 48, "%lld", (long long)lo);
    else
        snprintf(buf, 48, "%lld to %lld", (long long)lo, (long long)hi);
    return buf;
}

static const char *fd(ldrt_date d, char *buf)
{
    if (d == LDRT_DATE_NONE || LDRT__SILENT(ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE)) != LDRT_OK)
        snprintf(buf, LDRT_DATE_BUFSIZE, "?");
    return buf;
}

static int is_pd(int label)
{
    return label == LDRT_RESPONSE_PD || label == LDRT_RESPONSE_IUPD || label == LDRT_RESPONSE_ICPD;
}

/* The first intervention that may fall on or after the PD (not wholly
 * before it): the earliest day of its date, or INT64_MAX when none. */
static size_t first_cut(size_t n_cut, const ldrt_date *cut, int64_t p_lo, int64_t *cut_lo)
{
    size_t best = n_cut;
    *cut_lo = INT64_MAX;
    for (size_t i = 0; i < n_cut; i++) {
        int64_t lo, hi;
        span(cut[i], &lo, &hi);
        if (hi >= p_lo && lo < *cut_lo) {
            *cut_lo = lo;
            best = i;
        }
    }
    return best;
}

static const char *setting_name(int setting)
{
    return setting == LDRT_LINE_ADJUVANT ? "adjuvant" : "neoadjuvant";
}

/* The evidence a classification rests on: its inputs, its thresholds, and
 * what the dates and labels show. */
struct resist_evidence {
    int setting;
    ldrt_date first_dose, last_dose;
    size_t n, n_cut;
    const ldrt_date *dates, *cuts;
    const int32_t *labels;
    const char *const *cut_names;
    int64_t min_exp, long_days, conf_days, off_days;
    int64_t f_lo, f_hi, l_lo, l_hi;
    char lastbuf[2 * LDRT_DATE_BUFSIZE + 16];
    size_t s0, p; /* the first scan on treatment, the first PD (n: none) */
    /* Set only when the advanced setting has a PD on treatment. */
    int64_t p_lo, p_hi;
    int best;
    int64_t exp_min, exp_max, sd_min, sd_max;
    size_t ci, q, after_cut;
    char cutdesc[160];
    int off, off_maybe;
};

/* Why a classification came out as it did: one value per reason text. */
enum resist_why {
    RESIST_LINE_PD, RESIST_LINE_NO_PD, RESIST_NO_FIRST_DOSE, RESIST_NO_SCAN, RESIST_NO_PD,
    RESIST_OFF, RESIST_OFF_MAYBE, RESIST_UNCONFIRMED_CUT, RESIST_UNCONFIRMED, RESIST_REFUTED,
    RESIST_CONFIRMED, RESIST_CONFIRMED_SHORT, RESIST_CONFIRMED_SHORT_SECONDARY,
    RESIST_CONFIRMED_INEXACT
};

/* Checks the arguments of ldrt__resistance_classify(). */
static int resist_validate(int setting, ldrt_date first_dose, ldrt_date last_dose, size_t n,
                           const ldrt_date *dates, const int32_t *labels, size_t n_cut,
                           const ldrt_date *cuts, ldrt_resistance_result **out)
{
    LDRT__CHECK_NOT_NULL(out);
    if (n > 0) {
        LDRT__CHECK_NOT_NULL(dates);
        LDRT__CHECK_NOT_NULL(labels);
    }
    if (n_cut > 0)
        LDRT__CHECK_NOT_NULL(cuts);
    if (setting < LDRT_LINE_ADVANCED || setting > LDRT_LINE_NEOADJUVANT)
        return ldrt__error(LDRT_EINVAL, "setting: not an ldrt_line_setting value (%d)", setting);
    if (first_dose != LDRT_DATE_NONE && ldrt_date_validate(first_dose) != LDRT_OK)
        return ldrt__error(LDRT_EINVAL, "first_dose: not a valid date (%d)", first_dose);
    if (last_dose != LDRT_DATE_NONE && ldrt_date_validate(last_dose) != LDRT_OK)
        return ldrt__error(LDRT_EINVAL, "last_dose: not a valid date (%d)", last_dose);
    if (first_dose != LDRT_DATE_NONE && last_dose != LDRT_DATE_NONE && last_dose < first_dose)
        return ldrt__error(LDRT_EINVAL, "last_dose: before first_dose");
    for (size_t i = 0; i < n; i++) {
        if (dates[i] == LDRT_DATE_NONE || ldrt_date_validate(dates[i]) != LDRT_OK)
            return ldrt__error(LDRT_EINVAL, "dates[%zu]: not a valid date (%d)", i, dates[i]);
        if (i > 0 && dates[i] < dates[i - 1])
            return ldrt__error(LDRT_EINVAL, "dates[%zu]: scans must be in date order", i);
        int f = ldrt__label_family(labels[i]);
        if (f < 0 || f == LDRT_CRITERIA_PERCIST10)
            return ldrt__error(LDRT_EINVAL, "labels[%zu]: not a RECIST 1.1 or iRECIST response (%d)",
                               i, labels[i]);
    }
    for (size_t i = 0; i < n_cut; i++)
        if (cuts[i] == LDRT_DATE_NONE || ldrt_date_validate(cuts[i]) != LDRT_OK)
            return ldrt__error(LDRT_EINVAL, "interventions[%zu]: not a valid date (%d)", i, cuts[i]);
    return LDRT_OK;
}

/* Evidence from the doses: the days of the first and the last dose. */
static void resist_dose_evidence(struct resist_evidence *ev, const ldrt_date *last_span)
{
    char b1[LDRT_DATE_BUFSIZE], b2[LDRT_DATE_BUFSIZE];
    ev->f_lo = ev->f_hi = ev->l_lo = ev->l_hi = 0;
    if (ev->first_dose != LDRT_DATE_NONE)
        span(ev->first_dose, &ev->f_lo, &ev->f_hi);
    if (ev->last_dose != LDRT_DATE_NONE)
        span(ev->last_dose, &ev->l_lo, &ev->l_hi);
    fd(ev->last_dose, ev->lastbuf);
    if (ev->last_dose != LDRT_DATE_NONE && last_span) {
        /* Every day the last administration can fall on (a generated
         * administration of a series with a partial start, bounded by a hold
         * that ends the line): narrower than its recorded date, and than
         * @p last_dose, which the caller may have widened to a date that
         * does not sort before the first dose (a year-level 2020 sorts
         * before 2020-01 although it covers it). */
        int64_t a, b, c, d;
        span(last_span[0], &a, &b);
        span(last_span[1], &c, &d);
        if (a <= d) {
            ev->l_lo = a;
            ev->l_hi = d;
            if (a != d)
                snprintf(ev->lastbuf, sizeof ev->lastbuf, "%s to %s", fd(last_span[0], b1),
                         fd(last_span[1], b2));
            else
                fd(last_span[0], ev->lastbuf);
        }
    }
}

/* Evidence from the scans: the first on treatment and the first PD. */
static void resist_scan_evidence(struct resist_evidence *ev)
{
    /* Scans on treatment: not wholly before the first dose. */
    ev->s0 = 0;
    ev->p = ev->n;
    if (ev->first_dose != LDRT_DATE_NONE)
        while (ev->s0 < ev->n) {
            int64_t lo, hi;
            span(ev->dates[ev->s0], &lo, &hi);
            if (hi >= ev->f_lo && ev->dates[ev->s0] > ev->first_dose)
                break;
            ev->s0++;
        }
    for (size_t i = ev->s0; i < ev->n; i++)
        if (is_pd(ev->labels[i])) {
            ev->p = i;
            break;
        }
}

/* Evidence around the PD: best response, exposure, confirmation scan. */
static void resist_pd_evidence(struct resist_evidence *ev)
{
    char b3[LDRT_DATE_BUFSIZE];
    size_t p = ev->p;
    span(ev->dates[p], &ev->p_lo, &ev->p_hi);
    /* Best response before progression, and how long SD lasted. */
    static const int better[8] = { [LDRT__C_CR] = 4, [LDRT__C_PR] = 3, [LDRT__C_SD] = 2,
                                   [LDRT__C_NON] = 1 };
    ev->best = LDRT__C_NONE;
    for (size_t i = ev->s0; i < p; i++) {
        int c = ldrt__label_class(ev->labels[i]);
        if (better[c] > better[ev->best])
            ev->best = c;
    }
    /* Exposure to the drug up to progression (or the last dose). */
    int64_t end_lo = ev->p_lo, end_hi = ev->p_hi;
    if (ev->last_dose != LDRT_DATE_NONE && ev->l_lo < end_lo) {
        end_lo = ev->l_lo;
        end_hi = ev->l_hi;
    }
    ev->exp_min = end_lo - ev->f_hi;
    ev->exp_max = end_hi - ev->f_lo;
    if (ev->exp_min < 0)
        ev->exp_min = 0;
    ev->sd_min = ev->p_lo - ev->f_hi;
    ev->sd_max = ev->p_hi - ev->f_lo;
    /* Confirmation window: the next evaluable scan >= conf_days after
     * PD, wholly before the first intervention (new line of therapy,
     * radiotherapy, surgery) that may fall on or after the PD. A scan
     * after such a treatment measures that treatment too. */
    int64_t cut_lo;
    ev->ci = first_cut(ev->n_cut, ev->cuts, ev->p_lo, &cut_lo);
    ev->q = ev->after_cut = ev->n;
    for (size_t i = p + 1; i < ev->n; i++) {
        int64_t lo, hi;
        span(ev->dates[i], &lo, &hi);
        if (ev->labels[i] != LDRT_RESPONSE_NE && ev->labels[i] != LDRT_RESPONSE_NONE &&
            lo - ev->p_hi >= ev->conf_days) {
            if (hi < cut_lo)
                ev->q = i;
            else
                ev->after_cut = i;
            break;
        }
    }
    ev->cutdesc[0] = '\0';
    if (ev->ci < ev->n_cut) {
        const char *nm = ev->cut_names && ev->cut_names[ev->ci] ? ev->cut_names[ev->ci]
                                                                : "the next treatment";
        snprintf(ev->cutdesc, sizeof ev->cutdesc, "%.120s on %s", nm, fd(ev->cuts[ev->ci], b3));
    }
    ev->off = ev->last_dose != LDRT_DATE_NONE && ev->p_lo - ev->l_hi > ev->off_days;
    ev->off_maybe = ev->last_dose != LDRT_DATE_NONE && ev->p_hi - ev->l_lo > ev->off_days;
}

/* Decides the category from the evidence, and says why. */
static enum resist_why resist_decide(const struct resist_evidence *ev, int *cat)
{
    *cat = LDRT_RESISTANCE_INSUFFICIENT;
    if (ev->setting != LDRT_LINE_ADVANCED) {
        /* Kluger 2020, Table 1: "Definitions of primary and secondary
         * resistance in advanced disease setting". No SITC definition for
         * (neo)adjuvant lines was found that could be cited exactly. */
        *cat = LDRT_RESISTANCE_NOT_APPLICABLE;
        return ev->p < ev->n ? RESIST_LINE_PD : RESIST_LINE_NO_PD;
    }
    if (ev->first_dose == LDRT_DATE_NONE)
        return RESIST_NO_FIRST_DOSE;
    if (ev->s0 >= ev->n)
        return RESIST_NO_SCAN;
    if (ev->p >= ev->n) {
        *cat = LDRT_RESISTANCE_NONE;
        return RESIST_NO_PD;
    }
    if (ev->off) {
        *cat = LDRT_RESISTANCE_AFTER_DISCONTINUATION;
        return RESIST_OFF;
    }
    if (ev->off_maybe)
        return RESIST_OFF_MAYBE;
    if (ev->q >= ev->n)
        return ev->ci < ev->n_cut ? RESIST_UNCONFIRMED_CUT : RESIST_UNCONFIRMED;
    if (!is_pd(ev->labels[ev->q])) {
        *cat = LDRT_RESISTANCE_NONE;
        return RESIST_REFUTED;
    }
    int best = ev->best;
    int responder = best == LDRT__C_CR || best == LDRT__C_PR;
    int long_sd = best == LDRT__C_SD && ev->sd_min > ev->long_days;
    int short_sd_or_pd = best == LDRT__C_NONE || best == LDRT__C_NON ||
                         (best == LDRT__C_SD && ev->sd_max < ev->long_days);
    int secondary_ok = ev->exp_min >= ev->long_days && (responder || long_sd);
    int primary_ok = ev->exp_min >= ev->min_exp && short_sd_or_pd;
    if (secondary_ok) {
        *cat = LDRT_RESISTANCE_SECONDARY;
        return RESIST_CONFIRMED;
    }
    if (primary_ok) {
        *cat = LDRT_RESISTANCE_PRIMARY;
        return RESIST_CONFIRMED;
    }
    if (ev->exp_max < ev->min_exp)
        return RESIST_CONFIRMED_SHORT;
    if ((responder || long_sd) && ev->exp_max < ev->long_days)
        return RESIST_CONFIRMED_SHORT_SECONDARY;
    return RESIST_CONFIRMED_INEXACT;
}

/* Writes what is missing and the reason for the cases before a PD. */
static void resist_explain_early(const struct resist_evidence *ev, enum resist_why why,
                                 char *missing, size_t nm, char *reason, size_t nr)
{
    char b1[LDRT_DATE_BUFSIZE], b2[LDRT_DATE_BUFSIZE];
    switch (why) {
    case RESIST_LINE_PD:
        snprintf(reason, nr,
                 "%s line: the SITC definitions (Kluger 2020, Table 1) are for the "
                 "advanced-disease setting; %s on %s (recurrence after or during "
                 "%s therapy) is not classified as primary or secondary resistance",
                 setting_name(ev->setting), ldrt_response_label_name(ev->labels[ev->p]),
                 fd(ev->dates[ev->p], b1), setting_name(ev->setting));
        break;
    case RESIST_LINE_NO_PD:
        snprintf(reason, nr,
                 "%s line: the SITC definitions (Kluger 2020, Table 1) are for the "
                 "advanced-disease setting; no progression on record",
                 setting_name(ev->setting));
        break;
    case RESIST_NO_FIRST_DOSE:
        snprintf(missing, nm, "date of the first dose");
        snprintf(reason, nr, "the first dose of the drug is not dated");
        break;
    case RESIST_NO_SCAN:
        snprintf(missing, nm, "a response assessment after the first dose");
        snprintf(reason, nr, "no scan after the first dose on %s", fd(ev->first_dose, b1));
        break;
    default: /* RESIST_NO_PD */
        snprintf(reason, nr, "no progression on record from the first dose on %s to "
                             "the last scan on %s", fd(ev->first_dose, b1),
                 fd(ev->dates[ev->n - 1], b2));
        break;
    }
}

/* Writes what is missing and the reason for the cases with a PD. */
static void resist_explain(const struct resist_evidence *ev, enum resist_why why, char *missing,
                           size_t nm, char *reason, size_t nr)
{
    char b1[LDRT_DATE_BUFSIZE], b2[LDRT_DATE_BUFSIZE], b3[LDRT_DATE_BUFSIZE], rb[48];
    if (why < RESIST_OFF) {
        resist_explain_early(ev, why, missing, nm, reason, nr);
        return;
    }
    const ldrt_date *dates = ev->dates;
    const int32_t *labels = ev->labels;
    size_t p = ev->p, q = ev->q;
    long long conf_days = (long long)ev->conf_days;
    const char *bl = ev->best == LDRT__C_NONE
                         ? "none before PD"
                         : ldrt_response_label_name(ldrt__class_label(LDRT_CRITERIA_RECIST11, ev->best));
    int len;
    switch (why) {
    case RESIST_OFF:
        snprintf(reason, nr, "%s on %s, more than %lld days after the last dose on %s",
                 ldrt_response_label_name(labels[p]), fd(dates[p], b1),
                 (long long)ev->off_days, ev->lastbuf);
        break;
    case RESIST_OFF_MAYBE:
        snprintf(missing, nm, "exact dates of the last dose and of PD");
        snprintf(reason, nr,
                 "PD on %s may be more or less than %lld days after the last dose on %s",
                 fd(dates[p], b1), (long long)ev->off_days, ev->lastbuf);
        break;
    case RESIST_UNCONFIRMED_CUT:
        snprintf(missing, nm, "confirmatory scan >= %lld days after PD on %s, before %s",
                 conf_days, fd(dates[p], b1), ev->cutdesc);
        len = snprintf(reason, nr,
                       "%s on %s after %s days of exposure (best response: %s); no "
                       "scan >= %lld days later before %s",
                       ldrt_response_label_name(labels[p]), fd(dates[p], b1),
                       days_range(ev->exp_min, ev->exp_max, rb), bl, conf_days, ev->cutdesc);
        if (ev->after_cut < ev->n && len > 0 && (size_t)len < nr)
            snprintf(reason + len, nr - (size_t)len,
                     "; the scan of %s, after that treatment, shows %s and cannot confirm "
                     "or refute it", fd(dates[ev->after_cut], b2),
                     ldrt_response_label_name(labels[ev->after_cut]));
        break;
    case RESIST_UNCONFIRMED:
        snprintf(missing, nm, "confirmatory scan >= %lld days after PD on %s", conf_days,
                 fd(dates[p], b1));
        snprintf(reason, nr,
                 "%s on %s after %s days of exposure (best response: %s); no "
                 "confirmatory scan >= %lld days later",
                 ldrt_response_label_name(labels[p]), fd(dates[p], b1),
                 days_range(ev->exp_min, ev->exp_max, rb), bl, conf_days);
        break;
    case RESIST_REFUTED:
        snprintf(reason, nr,
                 "%s on %s not confirmed: the next scan >= %lld days later, on %s, shows %s",
                 ldrt_response_label_name(labels[p]), fd(dates[p], b1), conf_days,
                 fd(dates[q], b2), ldrt_response_label_name(labels[q]));
        break;
    default: /* confirmed */
        if (why == RESIST_CONFIRMED_SHORT)
            snprintf(missing, nm, "drug exposure >= %lld days before PD", (long long)ev->min_exp);
        else if (why == RESIST_CONFIRMED_SHORT_SECONDARY)
            snprintf(missing, nm, "drug exposure >= %lld days for secondary resistance",
                     (long long)ev->long_days);
        else if (why == RESIST_CONFIRMED_INEXACT)
            snprintf(missing, nm, "exact dates of the first dose and of PD");
        snprintf(reason, nr,
                 "%s on %s confirmed on %s; exposure from %s: %s days; best "
                 "response before PD: %s",
                 ldrt_response_label_name(labels[p]), fd(dates[p], b1), fd(dates[q], b2),
                 fd(ev->first_dose, b3), days_range(ev->exp_min, ev->exp_max, rb), bl);
        break;
    }
}

/* SITC resistance of one line: checks, gathers the evidence, decides and
 * explains. */
int ldrt__resistance_classify(const ldrt_response_options *options, int setting,
                              ldrt_date first_dose, ldrt_date last_dose, size_t n,
                              const ldrt_date *dates, const int32_t *labels, size_t n_cut,
                              const ldrt_date *cuts, const char *const *cut_names,
                              const ldrt_date *last_span, ldrt_resistance_result **out)
{
    int rc = resist_validate(setting, first_dose, last_dose, n, dates, labels, n_cut, cuts, out);
    if (rc != LDRT_OK)
        return rc;
    struct resist_evidence ev = { .setting = setting, .first_dose = first_dose,
                                  .last_dose = last_dose, .n = n, .n_cut = n_cut,
                                  .dates = dates, .cuts = cuts, .labels = labels,
                                  .cut_names = cut_names };
    ev.min_exp = (int64_t)ldrt__opt(options, LDRT_SET_RESIST_MIN_EXPOSURE_DAYS);
    ev.long_days = (int64_t)ldrt__opt(options, LDRT_SET_RESIST_LONG_DAYS);
    ev.conf_days = (int64_t)ldrt__opt(options, LDRT_SET_RESIST_CONFIRM_DAYS);
    ev.off_days = (int64_t)ldrt__opt(options, LDRT_SET_RESIST_OFF_TREATMENT_DAYS);
    resist_dose_evidence(&ev, last_span);
    resist_scan_evidence(&ev);
    if (setting == LDRT_LINE_ADVANCED && first_dose != LDRT_DATE_NONE && ev.s0 < n && ev.p < n)
        resist_pd_evidence(&ev);
    int cat;
    enum resist_why why = resist_decide(&ev, &cat);
    char missing[256] = "", reason[768] = "";
    resist_explain(&ev, why, missing, sizeof missing, reason, sizeof reason);
    ldrt_resistance_result *r = ldrt__calloc(1, sizeof *r);
    if (!r)
        return LDRT_ENOMEM;
    r->category = cat;
    r->missing = ldrt__strdup(missing);
    r->reason = ldrt__strdup(reason);
    if (!r->missing || !r->reason) {
        ldrt_resistance_result_free(r);
        return LDRT_ENOMEM;
    }
    *out = r;
    return LDRT_OK;
}

int ldrt_resistance_classify(const ldrt_response_options *options, ldrt_date first_dose,
                             ldrt_date last_dose, size_t n, const ldrt_date *dates,
                             const int32_t *labels, ldrt_resistance_result **out)
{
    return ldrt__resistance_classify(options, LDRT_LINE_ADVANCED, first_dose, last_dose, n, dates,
                                     labels, 0, NULL, NULL, NULL, out);
}

int ldrt_resistance_classify_line(const ldrt_response_options *options, ldrt_line_setting setting, ldrt_date first_dose, ldrt_date last_dose, size_t n, const ldrt_date *dates, const int32_t *labels, size_t n_interventions, const ldrt_date *interventions, ldrt_resistance_result **out)
{
    if (n_interventions > 0 && !interventions)
        return ldrt__error(LDRT_EINVAL, "interventions: must not be NULL");
    return ldrt__resistance_classify(options, setting, first_dose, last_dose, n, dates, labels,
                                     n_interventions, interventions, NULL, NULL, out);
}

int ldrt_resistance_category(const ldrt_resistance_result *r, ldrt_resistance *category)
{
    LDRT__CHECK_NOT_NULL(r);
    LDRT__CHECK_NOT_NULL(category);
    *category = r->category;
    return LDRT_OK;
}

const char *ldrt_resistance_missing(const ldrt_resistance_result *r)
{
    if (!r) {
        ldrt__error(LDRT_EINVAL, "result: must not be NULL");
        return NULL;
    }
    return r->missing;
}

const char *ldrt_resistance_reason(const ldrt_resistance_result *r)
{
    if (!r) {
        ldrt__error(LDRT_EINVAL, "result: must not be NULL");
        return NULL;
    }
    return r->reason;
}

int ldrt_abscopal_arrays(const ldrt_response_options *options, size_t n, const double *before_mm,
                         const double *after_mm, const uint8_t *in_field, double *change_pct,
                         uint8_t *abscopal, size_t *n_abscopal)
{
    if (n > 0) {
        LDRT__CHECK_NOT_NULL(before_mm);
        LDRT__CHECK_NOT_NULL(after_mm);
        LDRT__CHECK_NOT_NULL(in_field);
        LDRT__CHECK_NOT_NULL(abscopal);
    }
    for (size_t i = 0; i < n; i++) {
        if (!isnan(before_mm[i]) && !(before_mm[i] >= 0 && before_mm[i] <= 1e7))
            return ldrt__error(LDRT_EINVAL, "before_mm[%zu]: must be >= 0 or NaN (got %g)", i,
                               before_mm[i]);
        if (!isnan(after_mm[i]) && !(after_mm[i] >= 0 && after_mm[i] <= 1e7))
            return ldrt__error(LDRT_EINVAL, "after_mm[%zu]: must be >= 0 or NaN (got %g)", i,
                               after_mm[i]);
        if (in_field[i] > 1)
            return ldrt__error(LDRT_EINVAL, "in_field[%zu]: must be 0 or 1 (got %u)", i,
                               in_field[i]);
    }
    /* Threshold in thousandths of a percent, sizes in 0.01 mm: exact. */
    int64_t thr = ldrt__milli(ldrt__opt(options, LDRT_SET_ABSCOPAL_PCT));
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        int known = !isnan(before_mm[i]) && !isnan(after_mm[i]);
        int64_t b = known ? ldrt__centi(before_mm[i]) : 0, a = known ? ldrt__centi(after_mm[i]) : 0;
        if (change_pct)
            change_pct[i] = known && b > 0 ? (double)(a - b) * 100.0 / (double)b : NAN;
        int hit = known && !in_field[i] && b > 0 && (b - a) * 100000 >= thr * b;
        abscopal[i] = (uint8_t)hit;
        count += (size_t)hit;
    }
    if (n_abscopal)
        *n_abscopal = count;
    return LDRT_OK;
}
