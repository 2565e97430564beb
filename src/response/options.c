/*
 * Response settings, names of labels, criteria, rules and endpoints.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "response_internal.h"

/* Each default carries its source (see doc/guides/response.md). */
static const struct setting {
    const char *name;
    double def;
    double min, max;
    int integer;
} settings[LDRT__N_SETTINGS] = {
    [0] = { NULL, 0, 0, 0, 0 },
    /* admiralonco ADRS template (inst/templates/ad_adrs.R): confirmation
     * period 28 days, "without any +1"; RECIST 1.1: confirm >= 4 weeks. */
    [LDRT_SET_CONFIRM_DAYS] = { "confirm_days", 28, 0, 3650, 1 },
    /* admiralonco ADRS template: SD (and NON-CR/NON-PD) at >= RANDDT + 42
     * days; RECIST 1.1: "generally not less than 6-8 weeks". */
    [LDRT_SET_SD_MIN_DAYS] = { "sd_min_days", 42, 0, 3650, 1 },
    /* admiralonco: at most 1 NE between a response and its confirmation. */
    [LDRT_SET_MAX_NE_BETWEEN] = { "max_ne_between", 1, 0, 100, 1 },
    /* 0: the baseline scan's date. */
    [LDRT_SET_REFERENCE_DATE] = { "reference_date", 0, 0, 99991231, 1 },
    /* iRECIST (Seymour 2017): confirm at the next assessment 4-8 weeks later;
     * EORTC FAQ: scans < 4 weeks after iUPD (+/- 2 days) are disregarded. */
    [LDRT_SET_ICONFIRM_MIN_DAYS] = { "irecist_confirm_min_days", 28, 0, 3650, 1 },
    [LDRT_SET_ICONFIRM_TOLERANCE_DAYS] = { "irecist_confirm_tolerance_days", 2, 0, 3650, 1 },
    /* PERCIST 1.0 (Wahl 2009, via PMC2938069 T3, PMC4377159 T2): PMR >= 30%
     * and >= 0.8 SUL; PMD > 30% and > 0.8 SUL; liver within 20% and 0.3. */
    [LDRT_SET_PERCIST_PMR_PCT] = { "percist_pmr_pct", 30, 0, 100, 0 },
    [LDRT_SET_PERCIST_PMR_SUL] = { "percist_pmr_sul", 0.8, 0, 100, 0 },
    [LDRT_SET_PERCIST_PMD_PCT] = { "percist_pmd_pct", 30, 0, 1000, 0 },
    [LDRT_SET_PERCIST_PMD_SUL] = { "percist_pmd_sul", 0.8, 0, 100, 0 },
    [LDRT_SET_PERCIST_LIVER_PCT] = { "percist_liver_pct", 20, 0, 100, 0 },
    [LDRT_SET_PERCIST_LIVER_SUL] = { "percist_liver_sul", 0.3, 0, 100, 0 },
    /* Golden et al. 2015 operational definition (>= 30% decrease of the
     * longest diameter of a non-irradiated lesion) [unverified verbatim]. */
    [LDRT_SET_ABSCOPAL_PCT] = { "abscopal_pct", 30, 0, 100, 0 },
    /* SITC (Kluger 2020, Table 1): exposure >= 6 weeks; 6 months; confirm
     * >= 4 weeks after PD; within 12 weeks of stopping (third-party summary
     * of SITC; Kluger Table 2 unverified). */
    [LDRT_SET_RESIST_MIN_EXPOSURE_DAYS] = { "resistance_min_exposure_days", 42, 0, 3650, 1 },
    [LDRT_SET_RESIST_LONG_DAYS] = { "resistance_long_days", 183, 0, 3650, 1 },
    [LDRT_SET_RESIST_CONFIRM_DAYS] = { "resistance_confirm_days", 28, 0, 3650, 1 },
    [LDRT_SET_RESIST_OFF_TREATMENT_DAYS] = { "resistance_off_treatment_days", 84, 0, 3650, 1 },
};

void ldrt__options_defaults(ldrt_response_options *opt)
{
    for (int i = 0; i < LDRT__N_SETTINGS; i++)
        opt->v[i] = settings[i].def;
}

double ldrt__opt(const ldrt_response_options *opt, int setting)
{
    return opt ? opt->v[setting] : settings[setting].def;
}

static int known_setting(int s)
{
    return s >= 1 && s < LDRT__N_SETTINGS && settings[s].name != NULL;
}

int ldrt_response_options_new(ldrt_response_options **out)
{
    LDRT__CHECK_NOT_NULL(out);
    ldrt_response_options *o = ldrt__malloc(sizeof *o);
    if (!o)
        return LDRT_ENOMEM;
    ldrt__options_defaults(o);
    *out = o;
    return LDRT_OK;
}

void ldrt_response_options_free(ldrt_response_options *options)
{
    ldrt__free(options);
}

int ldrt_response_options_set(ldrt_response_options *options, ldrt_response_setting setting, double value)
{
    LDRT__CHECK_NOT_NULL(options);
    if (!known_setting(setting))
        return ldrt__error(LDRT_ENOTFOUND, "setting: unknown setting %d", setting);
    const struct setting *s = &settings[setting];
    if (!isfinite(value) || value < s->min || value > s->max)
        return ldrt__error(LDRT_EINVAL, "%s: must be from %g to %g (got %g)", s->name, s->min,
                           s->max, value);
    if (s->integer && value != floor(value))
        return ldrt__error(LDRT_EINVAL, "%s: must be a whole number (got %g)", s->name, value);
    if (setting == LDRT_SET_REFERENCE_DATE && value != 0 &&
        ldrt_date_validate((ldrt_date)value) != LDRT_OK)
        return ldrt__error(LDRT_EINVAL, "reference_date: not a valid date (got %g)", value);
    if ((setting == LDRT_SET_PERCIST_PMR_PCT || setting == LDRT_SET_ABSCOPAL_PCT ||
         setting == LDRT_SET_PERCIST_PMD_PCT || setting == LDRT_SET_PERCIST_LIVER_PCT) &&
        (value <= 0 || (setting != LDRT_SET_PERCIST_PMD_PCT && value >= 100)))
        return ldrt__error(LDRT_EINVAL, "%s: must be above 0 and %s (got %g)", s->name,
                           setting == LDRT_SET_PERCIST_PMD_PCT ? "at most 1000" : "below 100",
                           value);
    options->v[setting] = value;
    return LDRT_OK;
}

int ldrt_response_options_get(const ldrt_response_options *options, ldrt_response_setting setting, double *value)
{
    LDRT__CHECK_NOT_NULL(value);
    if (!known_setting(setting))
        return ldrt__error(LDRT_ENOTFOUND, "setting: unknown setting %d", setting);
    *value = ldrt__opt(options, setting);
    return LDRT_OK;
}

int ldrt_response_options_set_confirm_days(ldrt_response_options *options, int64_t days)
{
    return ldrt_response_options_set(options, LDRT_SET_CONFIRM_DAYS, (double)days);
}

int ldrt_response_options_set_sd_min_days(ldrt_response_options *options, int64_t days)
{
    return ldrt_response_options_set(options, LDRT_SET_SD_MIN_DAYS, (double)days);
}

int ldrt_response_options_set_reference_date(ldrt_response_options *options, ldrt_date date)
{
    return ldrt_response_options_set(options, LDRT_SET_REFERENCE_DATE, date);
}

const char * ldrt_response_setting_name(ldrt_response_setting setting)
{
    return known_setting(setting) ? settings[setting].name : NULL;
}

/* ---- labels ------------------------------------------------------------------ */

/* The class and criteria of each label; its spelling is the one table of
 * src/common/vocabulary.c (ldrt__label_spelling()), shared with the record. */
static const struct label {
    int cls;
    int family;
} labels[] = {
    [LDRT_RESPONSE_NONE] = { LDRT__C_NONE, 0 },
    [LDRT_RESPONSE_CR] = { LDRT__C_CR, LDRT_CRITERIA_RECIST11 },
    [LDRT_RESPONSE_PR] = { LDRT__C_PR, LDRT_CRITERIA_RECIST11 },
    [LDRT_RESPONSE_SD] = { LDRT__C_SD, LDRT_CRITERIA_RECIST11 },
    [LDRT_RESPONSE_PD] = { LDRT__C_PD, LDRT_CRITERIA_RECIST11 },
    [LDRT_RESPONSE_NE] = { LDRT__C_NE, 0 },
    [LDRT_RESPONSE_NON_CR_NON_PD] = { LDRT__C_NON, LDRT_CRITERIA_RECIST11 },
    [LDRT_RESPONSE_ICR] = { LDRT__C_CR, LDRT_CRITERIA_IRECIST },
    [LDRT_RESPONSE_IPR] = { LDRT__C_PR, LDRT_CRITERIA_IRECIST },
    [LDRT_RESPONSE_ISD] = { LDRT__C_SD, LDRT_CRITERIA_IRECIST },
    [LDRT_RESPONSE_IUPD] = { LDRT__C_UPD, LDRT_CRITERIA_IRECIST },
    [LDRT_RESPONSE_ICPD] = { LDRT__C_PD, LDRT_CRITERIA_IRECIST },
    [LDRT_RESPONSE_NON_ICR_NON_IUPD] = { LDRT__C_NON, LDRT_CRITERIA_IRECIST },
    [LDRT_RESPONSE_CMR] = { LDRT__C_CR, LDRT_CRITERIA_PERCIST10 },
    [LDRT_RESPONSE_PMR] = { LDRT__C_PR, LDRT_CRITERIA_PERCIST10 },
    [LDRT_RESPONSE_SMD] = { LDRT__C_SD, LDRT_CRITERIA_PERCIST10 },
    [LDRT_RESPONSE_PMD] = { LDRT__C_PD, LDRT_CRITERIA_PERCIST10 },
};
#define N_LABELS ((int)(sizeof labels / sizeof labels[0]))

int ldrt__label_class(int label)
{
    return label >= 0 && label < N_LABELS ? labels[label].cls : -1;
}

int ldrt__label_family(int label)
{
    return label >= 0 && label < N_LABELS ? labels[label].family : -1;
}

int ldrt__class_label(int family, int cls)
{
    static const int32_t map[4][8] = {
        [LDRT_CRITERIA_RECIST11] = { 0, LDRT_RESPONSE_CR, LDRT_RESPONSE_PR, LDRT_RESPONSE_SD,
                                     LDRT_RESPONSE_NON_CR_NON_PD, LDRT_RESPONSE_PD,
                                     LDRT_RESPONSE_PD, LDRT_RESPONSE_NE },
        [LDRT_CRITERIA_IRECIST] = { 0, LDRT_RESPONSE_ICR, LDRT_RESPONSE_IPR, LDRT_RESPONSE_ISD,
                                    LDRT_RESPONSE_NON_ICR_NON_IUPD, LDRT_RESPONSE_ICPD,
                                    LDRT_RESPONSE_IUPD, LDRT_RESPONSE_NE },
        [LDRT_CRITERIA_PERCIST10] = { 0, LDRT_RESPONSE_CMR, LDRT_RESPONSE_PMR, LDRT_RESPONSE_SMD,
                                      LDRT_RESPONSE_SMD, LDRT_RESPONSE_PMD, LDRT_RESPONSE_PMD,
                                      LDRT_RESPONSE_NE },
    };
    if (family < 1 || family > 3 || cls < 0 || cls > 7)
        return LDRT_RESPONSE_NONE;
    return map[family][cls];
}

const char * ldrt_response_label_name(ldrt_response label)
{
    return label >= 0 && label < N_LABELS ? ldrt__label_spelling(label) : NULL;
}

int ldrt_response_label_parse(const char *text, ldrt_response *label)
{
    LDRT__CHECK_NOT_NULL(text);
    LDRT__CHECK_NOT_NULL(label);
    for (int i = 1; i < N_LABELS; i++)
        if (strcmp(text, ldrt__label_spelling(i)) == 0) {
            *label = (ldrt_response)i;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "text: unknown response label \"%.40s\"", text);
}

const char * ldrt_criteria_name(ldrt_criteria criteria)
{
    return ldrt__criteria_spelling(criteria);
}

int ldrt_criteria_parse(const char *text, ldrt_criteria *criteria)
{
    LDRT__CHECK_NOT_NULL(text);
    LDRT__CHECK_NOT_NULL(criteria);
    for (int i = 1; i <= 3; i++)
        if (strcmp(text, ldrt__criteria_spelling(i)) == 0) {
            *criteria = (ldrt_criteria)i;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND,
                       "text: unknown criteria \"%.40s\" (expected recist1.1, irecist or percist1.0)",
                       text);
}

const char * ldrt_response_rule_name(ldrt_response_rule rule)
{
    static const char *const names[] = {
        [LDRT_RULE_NONE] = "not assessed",
        [LDRT_RULE_BASELINE] = "baseline",
        [LDRT_RULE_BASELINE_INCOMPLETE] = "a baseline target lesion was not measured",
        [LDRT_RULE_NO_BASELINE_DISEASE] = "no target or non-target lesion at baseline",
        [LDRT_RULE_NEW_LESION] = "unequivocal new lesion",
        [LDRT_RULE_TARGET_PD] = "target sum >= 20% and >= 5 mm above the nadir",
        [LDRT_RULE_TARGET_REAPPEARED] = "target lesion reappeared after CR",
        [LDRT_RULE_NON_TARGET_PD] = "unequivocal progression of non-target disease",
        [LDRT_RULE_NON_TARGET_REAPPEARED] = "non-target lesion reappeared after CR",
        [LDRT_RULE_TARGET_MISSING] = "target lesion not evaluated",
        [LDRT_RULE_CR] = "all target lesions gone, nodes < 10 mm, no non-target disease",
        [LDRT_RULE_CR_NON_TARGET_PRESENT] = "target CR with non-target disease present",
        [LDRT_RULE_CR_NON_TARGET_NE] = "target CR with non-targets not all evaluated",
        [LDRT_RULE_TARGET_PR] = "target sum >= 30% below baseline",
        [LDRT_RULE_TARGET_SD] = "target sum neither PR nor PD",
        [LDRT_RULE_NON_TARGET_CR] = "non-target-only disease gone",
        [LDRT_RULE_NON_TARGET_NON_CR] = "non-target-only disease persists",
        [LDRT_RULE_NON_TARGET_NE] = "non-target-only disease not all evaluated",
        [LDRT_RULE_IUPD] = "first RECIST progression, unconfirmed",
        [LDRT_RULE_ICPD] = "progression confirmed after iUPD",
        [LDRT_RULE_IUPD_PERSISTS] = "iUPD neither confirmed nor reversed",
        [LDRT_RULE_IUPD_TOO_EARLY] = "scan too soon after iUPD to confirm it",
        [LDRT_RULE_CMR] = "hottest lesion at or below the liver, no new lesion",
        [LDRT_RULE_PMR] = "SULpeak decrease >= 30% and >= 0.8 SUL",
        [LDRT_RULE_PMD] = "SULpeak increase > 30% and > 0.8 SUL",
        [LDRT_RULE_SMD] = "SULpeak neither PMR nor PMD",
        [LDRT_RULE_NOT_EVALUATED] = "lesions not evaluated",
        [LDRT_RULE_RECORDED] = "recorded response",
    };
    return rule >= 0 && rule < (int)(sizeof names / sizeof names[0]) ? names[rule] : NULL;
}

const char * ldrt_endpoint_name(ldrt_endpoint endpoint)
{
    switch (endpoint) {
    case LDRT_ENDPOINT_TIME_TO_RESPONSE: return "time_to_response";
    case LDRT_ENDPOINT_DURATION_OF_RESPONSE: return "duration_of_response";
    case LDRT_ENDPOINT_DURATION_OF_SD: return "duration_of_sd";
    case LDRT_ENDPOINT_PROGRESSION_FREE: return "progression_free";
    case LDRT_ENDPOINT_OVERALL_SURVIVAL: return "overall_survival";
    default: return NULL;
    }
}

const char * ldrt_censor_name(ldrt_censor censor)
{
    switch (censor) {
    case LDRT_CENSOR_NONE: return "event";
    case LDRT_CENSOR_LAST_ASSESSMENT: return "last assessment";
    case LDRT_CENSOR_NO_ASSESSMENT: return "no assessment";
    case LDRT_CENSOR_NOT_APPLICABLE: return "not applicable";
    case LDRT_CENSOR_PROGRESSED: return "progressed first";
    case LDRT_CENSOR_NEW_THERAPY: return "new therapy";
    case LDRT_CENSOR_LAST_KNOWN_ALIVE: return "last known alive";
    default: return NULL;
    }
}

const char * ldrt_resistance_name(ldrt_resistance category)
{
    switch (category) {
    case LDRT_RESISTANCE_INSUFFICIENT: return "insufficient data";
    case LDRT_RESISTANCE_NONE: return "none";
    case LDRT_RESISTANCE_PRIMARY: return "primary resistance";
    case LDRT_RESISTANCE_SECONDARY: return "secondary resistance";
    case LDRT_RESISTANCE_AFTER_DISCONTINUATION: return "progression after discontinuation";
    case LDRT_RESISTANCE_NOT_APPLICABLE: return "not applicable";
    default: return NULL;
    }
}
