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

int ldrt__resistance_classify(const ldrt_response_options *options, int setting,
                              ldrt_date first_dose, ldrt_date last_dose, size_t n,
                              const ldrt_date *dates, const int32_t *labels, size_t n_cut,
                              const ldrt_date *cuts, const char *const *cut_names,
                              const ldrt_date *last_span, ldrt_resistance_result **out)
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
    int64_t min_exp = (int64_t)ldrt__opt(options, LDRT_SET_RESIST_MIN_EXPOSURE_DAYS);
    int64_t long_days = (int64_t)ldrt__opt(options, LDRT_SET_RESIST_LONG_DAYS);
    int64_t conf_days = (int64_t)ldrt__opt(options, LDRT_SET_RESIST_CONFIRM_DAYS);
    int64_t off_days = (int64_t)ldrt__opt(options, LDRT_SET_RESIST_OFF_TREATMENT_DAYS);
    char missing[256] = "", reason[768] = "";
    char b1[LDRT_DATE_BUFSIZE], b2[LDRT_DATE_BUFSIZE], b3[LDRT_DATE_BUFSIZE], rb[48];
    int cat = LDRT_RESISTANCE_INSUFFICIENT;
    int64_t f_lo = 0, f_hi = 0, l_lo = 0, l_hi = 0;
    if (first_dose != LDRT_DATE_NONE)
        span(first_dose, &f_lo, &f_hi);
    if (last_dose != LDRT_DATE_NONE)
        span(last_dose, &l_lo, &l_hi);
    char lastbuf[2 * LDRT_DATE_BUFSIZE + 16];
    fd(last_dose, lastbuf);
    if (last_dose != LDRT_DATE_NONE && last_span) {
        /* A generated administration of a series with a partial start:
         * every day it can fall on, narrower than its recorded date. */
        int64_t a, b, c, d;
        span(last_span[0], &a, &b);
        span(last_span[1], &c, &d);
        if (a >= l_lo && d <= l_hi && a <= d) {
            l_lo = a;
            l_hi = d;
            if (a != d)
                snprintf(lastbuf, sizeof lastbuf, "%s to %s", fd(last_span[0], b1),
                         fd(last_span[1], b2));
            else
                fd(last_span[0], lastbuf);
        }
    }
    /* Scans on treatment: not wholly before the first dose. */
    size_t s0 = 0, p = n;
    if (first_dose != LDRT_DATE_NONE)
        while (s0 < n) {
            int64_t lo, hi;
            span(dates[s0], &lo, &hi);
            if (hi >= f_lo && dates[s0] > first_dose)
                break;
            s0++;
        }
    for (size_t i = s0; i < n; i++)
        if (is_pd(labels[i])) {
            p = i;
            break;
        }
    if (setting != LDRT_LINE_ADVANCED) {
        /* Kluger 2020, Table 1: "Definitions of primary and secondary
         * resistance in advanced disease setting". No SITC definition for
         * (neo)adjuvant lines was found that could be cited exactly. */
        cat = LDRT_RESISTANCE_NOT_APPLICABLE;
        if (p < n)
            snprintf(reason, sizeof reason,
                     "%s line: the SITC definitions (Kluger 2020, Table 1) are for the "
                     "advanced-disease setting; %s on %s (recurrence after or during "
                     "%s therapy) is not classified as primary or secondary resistance",
                     setting_name(setting), ldrt_response_label_name(labels[p]),
                     fd(dates[p], b1), setting_name(setting));
        else
            snprintf(reason, sizeof reason,
                     "%s line: the SITC definitions (Kluger 2020, Table 1) are for the "
                     "advanced-disease setting; no progression on record",
                     setting_name(setting));
    } else if (first_dose == LDRT_DATE_NONE) {
        snprintf(missing, sizeof missing, "date of the first dose");
        snprintf(reason, sizeof reason, "the first dose of the drug is not dated");
    } else if (s0 >= n) {
        snprintf(missing, sizeof missing, "a response assessment after the first dose");
        snprintf(reason, sizeof reason, "no scan after the first dose on %s", fd(first_dose, b1));
    } else if (p >= n) {
        cat = LDRT_RESISTANCE_NONE;
        snprintf(reason, sizeof reason, "no progression on record from the first dose on %s to "
                                        "the last scan on %s", fd(first_dose, b1),
                 fd(dates[n - 1], b2));
    } else {
        int64_t p_lo, p_hi;
        span(dates[p], &p_lo, &p_hi);
        /* Best response before progression, and how long SD lasted. */
        static const int better[8] = { [LDRT__C_CR] = 4, [LDRT__C_PR] = 3, [LDRT__C_SD] = 2,
                                       [LDRT__C_NON] = 1 };
        int best = LDRT__C_NONE;
        for (size_t i = s0; i < p; i++) {
            int c = ldrt__label_class(labels[i]);
            if (better[c] > better[best])
                best = c;
        }
        /* Exposure to the drug up to progression (or the last dose). */
        int64_t end_lo = p_lo, end_hi = p_hi;
        if (last_dose != LDRT_DATE_NONE && l_lo < end_lo) {
            end_lo = l_lo;
            end_hi = l_hi;
        }
        int64_t exp_min = end_lo - f_hi, exp_max = end_hi - f_lo;
        if (exp_min < 0)
            exp_min = 0;
        int64_t sd_min = p_lo - f_hi, sd_max = p_hi - f_lo;
        /* Confirmation window: the next evaluable scan >= conf_days after
         * PD, wholly before the first intervention (new line of therapy,
         * radiotherapy, surgery) that may fall on or after the PD. A scan
         * after such a treatment measures that treatment too. */
        int64_t cut_lo;
        size_t ci = first_cut(n_cut, cuts, p_lo, &cut_lo);
        size_t q = n, after_cut = n;
        for (size_t i = p + 1; i < n; i++) {
            int64_t lo, hi;
            span(dates[i], &lo, &hi);
            if (labels[i] != LDRT_RESPONSE_NE && labels[i] != LDRT_RESPONSE_NONE &&
                lo - p_hi >= conf_days) {
                if (hi < cut_lo)
                    q = i;
                else
                    after_cut = i;
                break;
            }
        }
        char cutdesc[160] = "";
        if (ci < n_cut) {
            const char *nm = cut_names && cut_names[ci] ? cut_names[ci] : "the next treatment";
            snprintf(cutdesc, sizeof cutdesc, "%.120s on %s", nm, fd(cuts[ci], b3));
        }
        int off = last_dose != LDRT_DATE_NONE && p_lo - l_hi > off_days;
        int off_maybe = last_dose != LDRT_DATE_NONE && p_hi - l_lo > off_days;
        const char *bl = best == LDRT__C_NONE ? "none before PD"
                                              : ldrt_response_label_name(ldrt__class_label(LDRT_CRITERIA_RECIST11, best));
        if (off) {
            cat = LDRT_RESISTANCE_AFTER_DISCONTINUATION;
            snprintf(reason, sizeof reason,
                     "%s on %s, more than %lld days after the last dose on %s",
                     ldrt_response_label_name(labels[p]), fd(dates[p], b1), (long long)off_days,
                     lastbuf);
        } else if (off_maybe) {
            snprintf(missing, sizeof missing, "exact dates of the last dose and of PD");
            snprintf(reason, sizeof reason,
                     "PD on %s may be more or less than %lld days after the last dose on %s",
                     fd(dates[p], b1), (long long)off_days, lastbuf);
        } else if (q >= n && ci < n_cut) {
            snprintf(missing, sizeof missing, "confirmatory scan >= %lld days after PD on %s, "
                                              "before %s", (long long)conf_days, fd(dates[p], b1),
                     cutdesc);
            int len = snprintf(reason, sizeof reason,
                     "%s on %s after %s days of exposure (best response: %s); no "
                     "scan >= %lld days later before %s",
                     ldrt_response_label_name(labels[p]), fd(dates[p], b1),
                     days_range(exp_min, exp_max, rb), bl, (long long)conf_days, cutdesc);
            if (after_cut < n && len > 0 && (size_t)len < sizeof reason)
                snprintf(reason + len, sizeof reason - (size_t)len,
                         "; the scan of %s, after that treatment, shows %s and cannot confirm "
                         "or refute it", fd(dates[after_cut], b2),
                         ldrt_response_label_name(labels[after_cut]));
        } else if (q >= n) {
            snprintf(missing, sizeof missing, "confirmatory scan >= %lld days after PD on %s",
                     (long long)conf_days, fd(dates[p], b1));
            snprintf(reason, sizeof reason,
                     "%s on %s after %s days of exposure (best response: %s); no "
                     "confirmatory scan >= %lld days later",
                     ldrt_response_label_name(labels[p]), fd(dates[p], b1),
                     days_range(exp_min, exp_max, rb), bl, (long long)conf_days);
        } else if (!is_pd(labels[q])) {
            cat = LDRT_RESISTANCE_NONE;
            snprintf(reason, sizeof reason,
                     "%s on %s not confirmed: the next scan >= %lld days later, on %s, shows %s",
                     ldrt_response_label_name(labels[p]), fd(dates[p], b1), (long long)conf_days,
                     fd(dates[q], b2), ldrt_response_label_name(labels[q]));
        } else {
            int responder = best == LDRT__C_CR || best == LDRT__C_PR;
            int long_sd = best == LDRT__C_SD && sd_min > long_days;
            int short_sd_or_pd = best == LDRT__C_NONE || best == LDRT__C_NON ||
                                 (best == LDRT__C_SD && sd_max < long_days);
            int secondary_ok = exp_min >= long_days && (responder || long_sd);
            int primary_ok = exp_min >= min_exp && short_sd_or_pd;
            if (secondary_ok) {
                cat = LDRT_RESISTANCE_SECONDARY;
            } else if (primary_ok) {
                cat = LDRT_RESISTANCE_PRIMARY;
            } else if (exp_max < min_exp) {
                snprintf(missing, sizeof missing, "drug exposure >= %lld days before PD",
                         (long long)min_exp);
            } else if ((responder || long_sd) && exp_max < long_days) {
                snprintf(missing, sizeof missing,
                         "drug exposure >= %lld days for secondary resistance", (long long)long_days);
            } else {
                snprintf(missing, sizeof missing, "exact dates of the first dose and of PD");
            }
            snprintf(reason, sizeof reason,
                     "%s on %s confirmed on %s; exposure from %s: %s days; best "
                     "response before PD: %s",
                     ldrt_response_label_name(labels[p]), fd(dates[p], b1), fd(dates[q], b2),
                     fd(first_dose, b3), days_range(exp_min, exp_max, rb), bl);
        }
    }
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
