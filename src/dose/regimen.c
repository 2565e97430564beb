/*
 * Regimen classification of a course from its physical description.
 * Each rule's defining source is in ldrt_regimen_rule_source() and in the
 * ldrt_regimen_rule documentation.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "dose_internal.h"

/* Rounding allowance for boundaries (10 x 0.1 Gy is 1 Gy). */
#define EPS 1e-9

/* Thresholds, each with its source. */
#define NO_DOSE_BELOW_GY 1.0      /* Menon 2019: no-dose lesions < 1 Gy total */
#define LOW_TOTAL_MAX_GY 20.0     /* Menon 2019: low-dose lesions 1-20 Gy total */
#define SEED_D_MIN_GY 0.5         /* Fong 2025: 0.5-2 Gy per fraction ... */
#define SEED_D_MAX_GY 2.0
#define SEED_TOTAL_MIN_GY 1.0     /* ... for up to 1-10 Gy total */
#define SEED_TOTAL_MAX_GY 10.0
#define CONV_D_MIN_GY 1.8         /* conventional 1.8-2 Gy/fx: convention, unverified */
#define CONV_D_MAX_GY 2.0
#define ABLATIVE_D_MIN_GY 5.0     /* "high"/"ablative" dose per fraction: convention, unverified */
#define SBRT_MAX_FRACTIONS 5.0    /* ACR-ASTRO 2020: 5 fractions or less */
#define SABR_MIN_FRACTIONS 3.0    /* UK SABR Consortium: 3-8 fractions */
#define SABR_MAX_FRACTIONS 8.0

static void classify(double total, double n, double dmin, double dmax, ldrt_regimen *regimen,
                     unsigned *rules)
{
    double d = total / n;
    unsigned r = 0;
    if (total < NO_DOSE_BELOW_GY - EPS)
        r |= LDRT_REGIMEN_RULE_NO_DOSE;
    if (dmin >= SEED_D_MIN_GY - EPS && dmax <= SEED_D_MAX_GY + EPS &&
        total >= SEED_TOTAL_MIN_GY - EPS && total <= SEED_TOTAL_MAX_GY + EPS)
        r |= LDRT_REGIMEN_RULE_LXRT_SEED;
    if (total >= NO_DOSE_BELOW_GY - EPS && total <= LOW_TOTAL_MAX_GY + EPS)
        r |= LDRT_REGIMEN_RULE_LOW_DOSE_MENON;
    if (d >= CONV_D_MIN_GY - EPS && d <= CONV_D_MAX_GY + EPS)
        r |= LDRT_REGIMEN_RULE_CONVENTIONAL;
    if (d > CONV_D_MAX_GY + EPS && d < ABLATIVE_D_MIN_GY - EPS)
        r |= LDRT_REGIMEN_RULE_MODERATE_HYPO;
    if (n <= SBRT_MAX_FRACTIONS + EPS && d >= ABLATIVE_D_MIN_GY - EPS)
        r |= LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO;
    if (n >= SABR_MIN_FRACTIONS - EPS && n <= SABR_MAX_FRACTIONS + EPS &&
        d >= ABLATIVE_D_MIN_GY - EPS)
        r |= LDRT_REGIMEN_RULE_SABR_UK;

    int c;
    if (r & LDRT_REGIMEN_RULE_NO_DOSE) c = LDRT_REGIMEN_NO_DOSE;
    else if (r & LDRT_REGIMEN_RULE_LXRT_SEED) c = LDRT_REGIMEN_LOW_DOSE;
    else if (r & (LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO | LDRT_REGIMEN_RULE_SABR_UK)) c = LDRT_REGIMEN_SBRT;
    else if (d > CONV_D_MAX_GY + EPS) c = LDRT_REGIMEN_HYPOFRACTIONATED;
    else if (r & LDRT_REGIMEN_RULE_CONVENTIONAL) c = LDRT_REGIMEN_CONVENTIONAL;
    else if (r & LDRT_REGIMEN_RULE_LOW_DOSE_MENON) c = LDRT_REGIMEN_LOW_DOSE;
    else c = LDRT_REGIMEN_OTHER;
    if (regimen) *regimen = (ldrt_regimen)c;
    if (rules) *rules = r;
}

int ldrt_regimen_classify(double total_gy, double fractions, ldrt_regimen *regimen, unsigned *rules)
{
    LDRT__CHECK_DOSE("total_gy", total_gy);
    if (!(isfinite(fractions) && fractions >= 1.0))
        return ldrt__error(LDRT_EINVAL, "fractions: must be finite and >= 1 (got %g)",
                           fractions);
    double d = total_gy / fractions;
    classify(total_gy, fractions, d, d, regimen, rules);
    return LDRT_OK;
}

int ldrt_regimen_classify_fractions(const double *doses_gy, size_t count, ldrt_regimen *regimen,
                                    unsigned *rules)
{
    LDRT__CHECK_NOT_NULL(doses_gy);
    if (count == 0)
        return ldrt__error(LDRT_EINVAL, "count: must be >= 1 (got 0)");
    double total = 0.0, dmin = INFINITY, dmax = 0.0;
    for (size_t i = 0; i < count; i++) {
        double d = doses_gy[i];
        if (!(isfinite(d) && d >= 0.0))
            return ldrt__error(LDRT_EINVAL, "doses_gy[%zu]: must be finite and >= 0 (got %g)",
                               i, d);
        total += d;
        if (d < dmin) dmin = d;
        if (d > dmax) dmax = d;
    }
    classify(total, (double)count, dmin, dmax, regimen, rules);
    return LDRT_OK;
}

int ldrt_regimen_rules_split(ldrt_regimen regimen, unsigned rules, unsigned *supporting, unsigned *also)
{
    unsigned m;
    switch (regimen) {
    case LDRT_REGIMEN_NO_DOSE: m = LDRT_REGIMEN_RULE_NO_DOSE; break;
    case LDRT_REGIMEN_LOW_DOSE:
        m = LDRT_REGIMEN_RULE_LXRT_SEED | LDRT_REGIMEN_RULE_LOW_DOSE_MENON;
        break;
    case LDRT_REGIMEN_CONVENTIONAL: m = LDRT_REGIMEN_RULE_CONVENTIONAL; break;
    case LDRT_REGIMEN_HYPOFRACTIONATED: m = LDRT_REGIMEN_RULE_MODERATE_HYPO; break;
    case LDRT_REGIMEN_SBRT:
        m = LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO | LDRT_REGIMEN_RULE_SABR_UK;
        break;
    case LDRT_REGIMEN_OTHER: m = 0; break;
    default:
        return ldrt__error(LDRT_EINVAL, "regimen: not a regimen class (got %d)", regimen);
    }
    if (supporting)
        *supporting = rules & m;
    if (also)
        *also = rules & ~m;
    return LDRT_OK;
}

const char * ldrt_regimen_name(ldrt_regimen regimen)
{
    switch (regimen) {
    case LDRT_REGIMEN_NO_DOSE: return "no-dose";
    case LDRT_REGIMEN_LOW_DOSE: return "low-dose";
    case LDRT_REGIMEN_CONVENTIONAL: return "conventional";
    case LDRT_REGIMEN_HYPOFRACTIONATED: return "hypofractionated";
    case LDRT_REGIMEN_SBRT: return "sbrt";
    case LDRT_REGIMEN_OTHER: return "other";
    default: return NULL;
    }
}

const char *ldrt_regimen_rule_name(unsigned rule)
{
    switch (rule) {
    case LDRT_REGIMEN_RULE_NO_DOSE: return "no-dose";
    case LDRT_REGIMEN_RULE_LXRT_SEED: return "lxrt-seed";
    case LDRT_REGIMEN_RULE_LOW_DOSE_MENON: return "low-dose-menon";
    case LDRT_REGIMEN_RULE_CONVENTIONAL: return "conventional";
    case LDRT_REGIMEN_RULE_MODERATE_HYPO: return "moderate-hypo";
    case LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO: return "sbrt-acr-astro";
    case LDRT_REGIMEN_RULE_SABR_UK: return "sabr-uk";
    default: return NULL;
    }
}

const char *ldrt_regimen_rule_source(unsigned rule)
{
    switch (rule) {
    case LDRT_REGIMEN_RULE_NO_DOSE:
        return "Menon H et al., J Immunother Cancer 2019;7:237, doi 10.1186/s40425-019-0718-6: "
               "no-dose lesions < 1 Gy total";
    case LDRT_REGIMEN_RULE_LXRT_SEED:
        return "Fong KHA, Ho I, So TH, Front Oncol 2025;15:1483117, doi 10.3389/fonc.2025.1483117: "
               "low-dose radiation 0.5-2 Gy per fraction for up to 1-10 Gy total";
    case LDRT_REGIMEN_RULE_LOW_DOSE_MENON:
        return "Menon H et al., J Immunother Cancer 2019;7:237: low-dose lesions 1-20 Gy total";
    case LDRT_REGIMEN_RULE_CONVENTIONAL:
        return "Conventional fractionation 1.8-2 Gy per fraction (clinical convention; "
               "no formal source confirmed)";
    case LDRT_REGIMEN_RULE_MODERATE_HYPO:
        return "Moderate hypofractionation > 2 and < 5 Gy per fraction (clinical convention; "
               "no formal source confirmed)";
    case LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO:
        return "ACR-ASTRO Practice Parameter for SBRT, Chao ST et al., Am J Clin Oncol "
               "2020;43:545-552, doi 10.1097/COC.0000000000000706: 5 fractions or less at a "
               "higher dose per fraction (>= 5 Gy taken as higher; convention, unverified)";
    case LDRT_REGIMEN_RULE_SABR_UK:
        return "UK SABR Consortium: ablative dose in 3-8 fractions (>= 5 Gy per fraction taken "
               "as ablative; convention, unverified)";
    default:
        return NULL;
    }
}
