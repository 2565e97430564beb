/*
 * Tests of the response module: RECIST 1.1 time-point tables, boundaries,
 * missing lesions, CR with nodes, reappearance after CR, best overall
 * response with and without confirmation, iRECIST, PERCIST 1.0, endpoints,
 * SITC resistance, abscopal flags, the cohort engine and every bad argument.
 *
 * Sources named at each test:
 *  [R11]  Eisenhauer et al., EJC 2009;45:228-247 (RECIST 1.1), Tables 1-3 and
 *         section 4, with the EORTC RECIST FAQ.
 *  [ADM]  pharmaverse/admiralonco ADRS template conventions (confirmation
 *         >= 28 d, <= 1 NE between, SD >= 42 d, no PR after CR).
 *  [iR]   Seymour et al., Lancet Oncol 2017 (iRECIST), Tables 2-3, and the
 *         EORTC iRECIST FAQ (additive +4 then +2 mm = iCPD).
 *  [PER]  Wahl et al., JNM 2009 (PERCIST 1.0) as tabulated in PMC2938069 T3
 *         and PMC4377159 T2.
 *  [SITC] Kluger et al., JITC 2020;8:e000398, Table 1.
 *  [SEED] Fong, Ho, So, Front Oncol 2025;15:1483117 (the seed case report).
 * Every expected number is a hand calculation written next to it.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "testutil.h"

/* ---- a small builder of one patient's scans ------------------------------------ */

#define MAXROWS 256
#define MAXTP 32
static struct {
    size_t n_tp;
    ldrt_date dates[MAXTP];
    int64_t off[MAXTP + 1];
    int32_t lesion[MAXROWS];
    uint8_t role[MAXROWS], state[MAXROWS];
    double value[MAXROWS];
} P;

static void pb_reset(void) { memset(&P, 0, sizeof P); }

static void pb_scan(const char *date)
{
    ck_assert_uint_lt(P.n_tp, MAXTP);
    tu_assert_ok(ldrt_date_parse(date, &P.dates[P.n_tp]));
    P.off[P.n_tp + 1] = P.off[P.n_tp];
    P.n_tp++;
}

static void pb_row(int lesion, int role, int state, double value)
{
    int64_t i = P.off[P.n_tp];
    ck_assert_int_lt(i, MAXROWS);
    P.lesion[i] = lesion;
    P.role[i] = (uint8_t)role;
    P.state[i] = (uint8_t)state;
    P.value[i] = value;
    P.off[P.n_tp]++;
}
/* Shorthands: a measured target, a non-target state, a new lesion. */
static void T(int l, double mm) { pb_row(l, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, mm); }
static void TN(int l, double mm) { pb_row(l, LDRT_ROLE_TARGET | LDRT_ROLE_NODAL, LDRT_STATE_PRESENT, mm); }
static void TS(int l, int state) { pb_row(l, LDRT_ROLE_TARGET, state, NAN); }
static void NT(int l, int state) { pb_row(l, LDRT_ROLE_NON_TARGET, state, NAN); }
static void NEW(int l, int state) { pb_row(l, LDRT_ROLE_NEW, state, NAN); }

static ldrt_assessment *pb_assess(int criteria, const ldrt_response_options *o)
{
    ldrt_assessment *a = NULL;
    tu_assert_ok(ldrt_assess_arrays(criteria, o, P.n_tp, P.dates, P.off, P.lesion, P.role,
                                    P.state, P.value, &a));
    return a;
}

static int overall_at(const ldrt_assessment *a, size_t i)
{
    int o = -1;
    tu_assert_ok(ldrt_assessment_overall(a, i, &o));
    return o;
}

static int best(const ldrt_assessment *a, int confirmed)
{
    int b = -1;
    tu_assert_ok(ldrt_assessment_best(a, confirmed, &b));
    return b;
}

#define ck_label(got, want)                                                               \
    ck_assert_msg((got) == (want), "got %s, want %s", ldrt_response_label_name(got),      \
                  ldrt_response_label_name(want))

/* ---- names ---------------------------------------------------------------------- */

START_TEST(label_names_are_cdisc)
{
    /* patient-format.md "Response labels": the CDISC RSORRES spellings. */
    static const char *const want[] = { "", "CR", "PR", "SD", "PD", "NE", "NON-CR/NON-PD",
                                        "iCR", "iPR", "iSD", "iUPD", "iCPD", "NON-iCR/NON-iUPD",
                                        "CMR", "PMR", "SMD", "PMD" };
    for (int i = 0; i < (int)(sizeof want / sizeof want[0]); i++) {
        ck_assert_str_eq(ldrt_response_label_name(i), want[i]);
        if (i > 0) {
            int back = -1;
            tu_assert_ok(ldrt_response_label_parse(want[i], &back));
            ck_assert_int_eq(back, i);
        }
    }
    ck_assert_ptr_null(ldrt_response_label_name(17));
    ck_assert_ptr_null(ldrt_response_label_name(-1));
    int x = 99;
    tu_assert_error(ldrt_response_label_parse("cr", &x), LDRT_ENOTFOUND, "text");
    ck_assert_int_eq(x, 99);
    tu_assert_error(ldrt_response_label_parse(NULL, &x), LDRT_EINVAL, "text");
    tu_assert_error(ldrt_response_label_parse("CR", NULL), LDRT_EINVAL, "label");
    ck_assert_str_eq(ldrt_criteria_name(LDRT_CRITERIA_RECIST11), "recist1.1");
    ck_assert_str_eq(ldrt_criteria_name(LDRT_CRITERIA_IRECIST), "irecist");
    ck_assert_str_eq(ldrt_criteria_name(LDRT_CRITERIA_PERCIST10), "percist1.0");
    ck_assert_ptr_null(ldrt_criteria_name(0));
    int c = 0;
    tu_assert_ok(ldrt_criteria_parse("percist1.0", &c));
    ck_assert_int_eq(c, LDRT_CRITERIA_PERCIST10);
    tu_assert_error(ldrt_criteria_parse("recist", &c), LDRT_ENOTFOUND, "recist1.1");
    tu_assert_error(ldrt_criteria_parse(NULL, &c), LDRT_EINVAL, "text");
    for (int r = 0; r <= LDRT_RULE_RECORDED; r++)
        ck_assert_ptr_nonnull(ldrt_response_rule_name(r));
    ck_assert_ptr_null(ldrt_response_rule_name(LDRT_RULE_RECORDED + 1));
    for (int s = LDRT_SET_CONFIRM_DAYS; s <= LDRT_SET_RESIST_OFF_TREATMENT_DAYS; s++)
        ck_assert_ptr_nonnull(ldrt_response_setting_name(s));
    ck_assert_ptr_null(ldrt_response_setting_name(0));
    ck_assert_str_eq(ldrt_response_setting_name(LDRT_SET_CONFIRM_DAYS), "confirm_days");
    ck_assert_str_eq(ldrt_endpoint_name(LDRT_ENDPOINT_PROGRESSION_FREE), "progression_free");
    ck_assert_ptr_null(ldrt_endpoint_name(0));
    ck_assert_str_eq(ldrt_censor_name(LDRT_CENSOR_NONE), "event");
    ck_assert_ptr_null(ldrt_censor_name(9));
    ck_assert_str_eq(ldrt_resistance_name(LDRT_RESISTANCE_PRIMARY), "primary resistance");
    ck_assert_ptr_null(ldrt_resistance_name(9));
}
END_TEST

/* ---- settings ----------------------------------------------------------------- */

START_TEST(settings_defaults_and_bounds)
{
    ldrt_response_options *o = NULL;
    tu_assert_ok(ldrt_response_options_new(&o));
    double v = 0;
    /* Defaults [ADM], [iR], [PER], [SITC] (see the guide for each source). */
    static const struct { int s; double v; } defaults[] = {
        { LDRT_SET_CONFIRM_DAYS, 28 }, { LDRT_SET_SD_MIN_DAYS, 42 },
        { LDRT_SET_MAX_NE_BETWEEN, 1 }, { LDRT_SET_REFERENCE_DATE, 0 },
        { LDRT_SET_ICONFIRM_MIN_DAYS, 28 }, { LDRT_SET_ICONFIRM_TOLERANCE_DAYS, 2 },
        { LDRT_SET_PERCIST_PMR_PCT, 30 }, { LDRT_SET_PERCIST_PMR_SUL, 0.8 },
        { LDRT_SET_PERCIST_PMD_PCT, 30 }, { LDRT_SET_PERCIST_PMD_SUL, 0.8 },
        { LDRT_SET_PERCIST_LIVER_PCT, 20 }, { LDRT_SET_PERCIST_LIVER_SUL, 0.3 },
        { LDRT_SET_ABSCOPAL_PCT, 30 }, { LDRT_SET_RESIST_MIN_EXPOSURE_DAYS, 42 },
        { LDRT_SET_RESIST_LONG_DAYS, 183 }, { LDRT_SET_RESIST_CONFIRM_DAYS, 28 },
        { LDRT_SET_RESIST_OFF_TREATMENT_DAYS, 84 },
    };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        tu_assert_ok(ldrt_response_options_get(o, defaults[i].s, &v));
        ck_assert_double_eq(v, defaults[i].v);
        tu_assert_ok(ldrt_response_options_get(NULL, defaults[i].s, &v));
        ck_assert_double_eq(v, defaults[i].v);
    }
    tu_assert_ok(ldrt_response_options_set_confirm_days(o, 21));
    tu_assert_ok(ldrt_response_options_get(o, LDRT_SET_CONFIRM_DAYS, &v));
    ck_assert_double_eq(v, 21);
    tu_assert_ok(ldrt_response_options_set_sd_min_days(o, 56));
    tu_assert_ok(ldrt_response_options_set_reference_date(o, 20230721));
    tu_assert_ok(ldrt_response_options_get(o, LDRT_SET_REFERENCE_DATE, &v));
    ck_assert_double_eq(v, 20230721);
    /* Bad values change nothing. */
    tu_assert_error(ldrt_response_options_set_confirm_days(o, -1), LDRT_EINVAL, "confirm_days");
    tu_assert_error(ldrt_response_options_set(o, LDRT_SET_CONFIRM_DAYS, 2.5), LDRT_EINVAL,
                    "whole number");
    tu_assert_error(ldrt_response_options_set(o, LDRT_SET_SD_MIN_DAYS, NAN), LDRT_EINVAL,
                    "sd_min_days");
    tu_assert_error(ldrt_response_options_set_reference_date(o, 20230230), LDRT_EINVAL,
                    "reference_date");
    tu_assert_error(ldrt_response_options_set(o, LDRT_SET_PERCIST_PMR_PCT, 0), LDRT_EINVAL,
                    "percist_pmr_pct");
    tu_assert_error(ldrt_response_options_set(o, LDRT_SET_ABSCOPAL_PCT, 100), LDRT_EINVAL,
                    "abscopal_pct: must be above 0 and below 100 (got 100)");
    /* The PMD increase may go up to 1000 % inclusive, as documented. */
    tu_assert_error(ldrt_response_options_set(o, LDRT_SET_PERCIST_PMD_PCT, 0), LDRT_EINVAL,
                    "percist_pmd_pct: must be above 0 and at most 1000 (got 0)");
    tu_assert_error(ldrt_response_options_set(o, LDRT_SET_PERCIST_PMD_PCT, 1000.5), LDRT_EINVAL,
                    "percist_pmd_pct");
    tu_assert_ok(ldrt_response_options_set(o, LDRT_SET_PERCIST_PMD_PCT, 1000));
    tu_assert_ok(ldrt_response_options_set(o, LDRT_SET_PERCIST_PMD_PCT, 30));
    tu_assert_error(ldrt_response_options_set(o, LDRT_SET_MAX_NE_BETWEEN, 101), LDRT_EINVAL,
                    "max_ne_between");
    tu_assert_error(ldrt_response_options_set(o, 0, 1), LDRT_ENOTFOUND, "setting");
    tu_assert_error(ldrt_response_options_set(o, 99, 1), LDRT_ENOTFOUND, "setting");
    tu_assert_error(ldrt_response_options_set(NULL, LDRT_SET_CONFIRM_DAYS, 1), LDRT_EINVAL,
                    "options");
    tu_assert_error(ldrt_response_options_get(o, 99, &v), LDRT_ENOTFOUND, "setting");
    tu_assert_error(ldrt_response_options_get(o, LDRT_SET_CONFIRM_DAYS, NULL), LDRT_EINVAL, "value");
    tu_assert_error(ldrt_response_options_new(NULL), LDRT_EINVAL, "out");
    tu_assert_ok(ldrt_response_options_get(o, LDRT_SET_CONFIRM_DAYS, &v));
    ck_assert_double_eq(v, 21);
    ldrt_response_options_free(o);
    ldrt_response_options_free(NULL);
}
END_TEST

/* ---- RECIST 1.1 Table 1: target and non-target disease [R11] ----------------------- */

enum { TG_CR, TG_PR, TG_SD, TG_PD, TG_NE };
enum { NTG_CR, NTG_NON, NTG_NE, NTG_PD };
static const struct table1_row {
    int target, non_target, new_lesion, overall;
    const char *row;
} table1[] = {
    { TG_CR, NTG_CR, 0, LDRT_RESPONSE_CR, "CR / CR / No -> CR" },
    { TG_CR, NTG_NON, 0, LDRT_RESPONSE_PR, "CR / Non-CR/non-PD / No -> PR" },
    { TG_CR, NTG_NE, 0, LDRT_RESPONSE_PR, "CR / Not evaluated / No -> PR" },
    { TG_PR, NTG_NON, 0, LDRT_RESPONSE_PR, "PR / Non-PD / No -> PR" },
    { TG_PR, NTG_CR, 0, LDRT_RESPONSE_PR, "PR / Non-PD (CR) / No -> PR" },
    { TG_PR, NTG_NE, 0, LDRT_RESPONSE_PR, "PR / not all evaluated / No -> PR" },
    { TG_SD, NTG_NON, 0, LDRT_RESPONSE_SD, "SD / Non-PD / No -> SD" },
    { TG_SD, NTG_NE, 0, LDRT_RESPONSE_SD, "SD / not all evaluated / No -> SD" },
    { TG_NE, NTG_NON, 0, LDRT_RESPONSE_NE, "Not all evaluated / Non-PD / No -> NE" },
    { TG_PD, NTG_NON, 0, LDRT_RESPONSE_PD, "PD / Any / No -> PD" },
    { TG_PD, NTG_CR, 1, LDRT_RESPONSE_PD, "PD / Any / Yes -> PD" },
    { TG_CR, NTG_PD, 0, LDRT_RESPONSE_PD, "Any / PD / No -> PD" },
    { TG_PR, NTG_PD, 1, LDRT_RESPONSE_PD, "Any / PD / Yes -> PD" },
    { TG_CR, NTG_CR, 1, LDRT_RESPONSE_PD, "Any (CR) / Any / Yes -> PD" },
    { TG_SD, NTG_NON, 1, LDRT_RESPONSE_PD, "Any (SD) / Any / Yes -> PD" },
    { TG_NE, NTG_NE, 1, LDRT_RESPONSE_PD, "Any (NE) / Any / Yes -> PD" },
};

START_TEST(recist_table1_row)
{
    const struct table1_row *r = &table1[_i];
    /* Baseline: target 0 = 40 mm, target 1 = 20 mm (sum 60), non-target 2. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 40);
    T(1, 20);
    NT(2, LDRT_STATE_PRESENT);
    pb_scan("2023-03-10");
    switch (r->target) {
    case TG_CR: TS(0, LDRT_STATE_ABSENT); TS(1, LDRT_STATE_ABSENT); break; /* sum 0 */
    case TG_PR: T(0, 25); T(1, 10); break;     /* 35 mm: -41.7% */
    case TG_SD: T(0, 38); T(1, 20); break;     /* 58 mm: -3.3%, nadir 60 */
    case TG_PD: T(0, 55); T(1, 20); break;     /* 75 mm: +25%, +15 mm from nadir 60 */
    case TG_NE: T(0, 38); TS(1, LDRT_STATE_NOT_EVALUATED); break; /* 38 known, could be PD */
    }
    static const int nt_state[] = { LDRT_STATE_ABSENT, LDRT_STATE_PRESENT,
                                    LDRT_STATE_NOT_EVALUATED, LDRT_STATE_PROGRESSION };
    NT(2, nt_state[r->non_target]);
    if (r->new_lesion)
        NEW(3, LDRT_STATE_PRESENT);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    int ov, tg, ntg, nl;
    tu_assert_ok(ldrt_assessment_timepoint(a, 1, NULL, &ov, &tg, &ntg, &nl));
    ck_assert_msg(ov == r->overall, "Table 1 row %s: got %s", r->row, ldrt_response_label_name(ov));
    ck_assert_int_eq(nl, r->new_lesion);
    static const int want_t[] = { LDRT_RESPONSE_CR, LDRT_RESPONSE_PR, LDRT_RESPONSE_SD,
                                  LDRT_RESPONSE_PD, LDRT_RESPONSE_NE };
    static const int want_nt[] = { LDRT_RESPONSE_CR, LDRT_RESPONSE_NON_CR_NON_PD,
                                   LDRT_RESPONSE_NE, LDRT_RESPONSE_PD };
    ck_label(tg, want_t[r->target]);
    ck_label(ntg, want_nt[r->non_target]);
    ck_assert_ptr_nonnull(ldrt_assessment_reason(a, 1));
    ldrt_assessment_free(a);
}
END_TEST

/* ---- RECIST 1.1 Table 2: non-target disease only [R11] ----------------------------- */

static const struct table2_row {
    int non_target, new_lesion, overall;
    const char *row;
} table2[] = {
    { NTG_CR, 0, LDRT_RESPONSE_CR, "CR / No -> CR" },
    { NTG_NON, 0, LDRT_RESPONSE_NON_CR_NON_PD, "Non-CR/non-PD / No -> NON-CR/NON-PD" },
    { NTG_NE, 0, LDRT_RESPONSE_NE, "Not all evaluated / No -> NE" },
    { NTG_PD, 0, LDRT_RESPONSE_PD, "Unequivocal PD / No -> PD" },
    { NTG_PD, 1, LDRT_RESPONSE_PD, "Unequivocal PD / Yes -> PD" },
    { NTG_CR, 1, LDRT_RESPONSE_PD, "Any (CR) / Yes -> PD" },
    { NTG_NON, 1, LDRT_RESPONSE_PD, "Any (non-CR) / Yes -> PD" },
};

START_TEST(recist_table2_row)
{
    const struct table2_row *r = &table2[_i];
    pb_reset();
    pb_scan("2023-01-10");
    NT(0, LDRT_STATE_PRESENT);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-03-10");
    static const int st[] = { LDRT_STATE_ABSENT, LDRT_STATE_PRESENT, LDRT_STATE_NOT_EVALUATED,
                              LDRT_STATE_PROGRESSION };
    NT(0, r->non_target == NTG_NE ? LDRT_STATE_ABSENT : st[r->non_target]);
    NT(1, st[r->non_target]);
    if (r->new_lesion)
        NEW(5, LDRT_STATE_PRESENT);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    int ov = overall_at(a, 1);
    ck_assert_msg(ov == r->overall, "Table 2 row %s: got %s", r->row, ldrt_response_label_name(ov));
    int tg;
    tu_assert_ok(ldrt_assessment_timepoint(a, 1, NULL, NULL, &tg, NULL, NULL));
    ck_assert_int_eq(tg, LDRT_RESPONSE_NONE);
    ldrt_assessment_free(a);
}
END_TEST

/* ---- boundaries: exact arithmetic [R11] ------------------------------------------ */

START_TEST(recist_boundaries_are_exact)
{
    int rule;
    double sum, cb, cn;
    /* Baseline 12.3 + 11.7 = 24.0 mm; follow-up 16.8 mm = 0.7 x 24.0: exactly
     * -30% is PR. (In doubles 0.7 * 24.0 = 16.799999999999997 < 16.8.) */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 12.3);
    T(1, 11.7);
    pb_scan("2023-03-10");
    T(0, 9.1);
    T(1, 7.7);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PR);
    tu_assert_ok(ldrt_assessment_values(a, 1, &sum, &cb, &cn));
    ck_assert_double_eq_tol(sum, 16.8, 1e-9);
    ck_assert_double_eq_tol(cb, -30.0, 1e-9);
    ck_assert_str_eq(ldrt_assessment_reason(a, 1), "sum -30.0% from baseline 24.0 mm");
    ldrt_assessment_free(a);

    /* 24.0 -> 16.81 mm: -29.96%, SD. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 24.0);
    pb_scan("2023-03-10");
    T(0, 16.81);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_SD);
    ldrt_assessment_free(a);

    /* Nadir 24.5 mm -> 29.4 mm: +20.0% but +4.9 mm: not PD (SD). */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 24.5);
    pb_scan("2023-03-10");
    T(0, 29.4);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_SD);
    tu_assert_ok(ldrt_assessment_rule(a, 1, &rule));
    ck_assert_int_eq(rule, LDRT_RULE_TARGET_SD);
    ldrt_assessment_free(a);

    /* Nadir 25.0 -> 30.0 mm: +20.0% and +5.0 mm: PD. 25.0 -> 29.9: +19.6%: SD. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 25.0);
    pb_scan("2023-03-10");
    T(0, 30.0);
    pb_scan("2023-05-10");
    T(0, 29.9);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PD);
    ck_assert_str_eq(ldrt_assessment_reason(a, 1), "sum +20.0% (+5.0 mm) from nadir 25.0 mm");
    ck_label(overall_at(a, 2), LDRT_RESPONSE_SD);
    ldrt_assessment_free(a);

    /* The SD reason names both references: 50 -> 40 (-20%: SD, nadir 40)
     * -> 42 (-16.0% from baseline, +5.0% and +2.0 mm from the nadir 40). */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 50);
    pb_scan("2023-03-10");
    T(0, 40);
    pb_scan("2023-05-10");
    T(0, 42);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_SD);
    ck_assert_str_eq(ldrt_assessment_reason(a, 2),
                     "sum -16.0% from baseline 50.0 mm, +5.0% (+2.0 mm) from nadir 40.0 mm: neither "
                     "PR (<= -30%) nor PD (>= +20% and >= +5 mm)");
    ldrt_assessment_free(a);

    /* PD is measured from the nadir, not the baseline: 50 -> 30 (PR) -> 36
     * (+20% and +6 mm from the nadir 30, though -28% from baseline). */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 50);
    pb_scan("2023-03-10");
    T(0, 30);
    pb_scan("2023-05-10");
    T(0, 36);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PR);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_PD);
    tu_assert_ok(ldrt_assessment_values(a, 2, &sum, &cb, &cn));
    ck_assert_double_eq_tol(cb, -28.0, 1e-9);
    ck_assert_double_eq_tol(cn, 20.0, 1e-9);
    ldrt_assessment_free(a);
}
END_TEST

/* EORTC FAQ "Managing PR when measurements change slightly": sums
 * 100, 70, 70, 80, 80, 80 with non-targets unchanged. Once PR is assigned
 * (and confirmed), the best response stays PR while later time points no
 * longer quite meet PR (80 is -20% from baseline: SD at that time point) but
 * do not meet PD (80 vs nadir 70: +14.3%). [R11 FAQ] */
START_TEST(recist_pr_maintained_in_best_response)
{
    static const double sums[] = { 100, 70, 70, 80, 80, 80 };
    static const char *const dates[] = { "2023-01-01", "2023-03-01", "2023-05-01",
                                         "2023-07-01", "2023-09-01", "2023-11-01" };
    pb_reset();
    for (int k = 0; k < 6; k++) {
        pb_scan(dates[k]);
        T(0, sums[k]);
        NT(1, LDRT_STATE_PRESENT);
    }
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PR);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_PR);
    /* 80 vs nadir 70: +14.3% and +10 mm: not PD; vs baseline -20%: SD. */
    ck_label(overall_at(a, 3), LDRT_RESPONSE_SD);
    ck_label(best(a, 0), LDRT_RESPONSE_PR);
    /* Confirmed: PR 2023-03-01 confirmed by PR 2023-05-01 (61 days). */
    ck_label(best(a, 1), LDRT_RESPONSE_PR);
    ldrt_assessment_free(a);
}
END_TEST

/* ---- missing lesions, both ways [R11 "Missing data"] -------------------------------- */

START_TEST(recist_missing_lesion_both_ways)
{
    /* Baseline 20 + 30 = 50 mm (nadir 50). */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    T(1, 30);
    /* Lesion 0 not evaluated, lesion 1 = 62: the known sum 62 is already
     * +24% and +12 mm: PD whatever lesion 0 measures. */
    pb_scan("2023-03-10");
    TS(0, LDRT_STATE_NOT_EVALUATED);
    T(1, 62);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PD);
    ck_assert_str_eq(ldrt_assessment_reason(a, 1),
                     "sum +24.0% (+12.0 mm) from nadir 50.0 mm; PD whatever the 1 lesion not "
                     "evaluated measures");
    ldrt_assessment_free(a);

    /* Lesion 0 absent from the list, lesion 1 = 10: known sum 10 looks like
     * a PR, but lesion 0 could be large: NE. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    T(1, 30);
    pb_scan("2023-03-10");
    T(1, 10);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_NE);
    int rule;
    tu_assert_ok(ldrt_assessment_rule(a, 1, &rule));
    ck_assert_int_eq(rule, LDRT_RULE_TARGET_MISSING);
    ck_assert_ptr_nonnull(strstr(ldrt_assessment_reason(a, 1), "1 of 2 target lesions not evaluated"));
    ldrt_assessment_free(a);

    /* A diameter given as NaN (JSON null) is not evaluated either; a new
     * lesion still makes the time point PD. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    pb_scan("2023-03-10");
    T(0, NAN);
    NEW(4, LDRT_STATE_PRESENT);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PD);
    tu_assert_ok(ldrt_assessment_rule(a, 1, &rule));
    ck_assert_int_eq(rule, LDRT_RULE_NEW_LESION);
    ldrt_assessment_free(a);

    /* The nadir ignores incomplete scans: 50 -> (NE, known 10) -> 45 is SD
     * from the nadir 50, not PD from 10. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    T(1, 30);
    pb_scan("2023-03-10");
    T(1, 10);
    pb_scan("2023-05-10");
    T(0, 20);
    T(1, 25);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_SD);
    ldrt_assessment_free(a);
}
END_TEST

/* ---- CR with nodes, too small, reappearance [R11] -------------------------------------- */

START_TEST(recist_cr_with_nodes_and_too_small)
{
    /* Node 18 mm short axis + lung lesion 20 mm = 38. Node 8 mm, lung gone:
     * CR although the sum is 8 mm. Node exactly 10.0 mm: not normal -> PR. */
    pb_reset();
    pb_scan("2023-01-10");
    TN(0, 18);
    T(1, 20);
    pb_scan("2023-03-10");
    TN(0, 8);
    TS(1, LDRT_STATE_ABSENT);
    pb_scan("2023-05-10");
    TN(0, 10.0);
    TS(1, LDRT_STATE_ABSENT);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_CR);
    double sum;
    tu_assert_ok(ldrt_assessment_values(a, 1, &sum, NULL, NULL));
    ck_assert_double_eq_tol(sum, 8.0, 1e-9);
    /* After a CR that was not confirmed, a node back to 10 mm is not PD by
     * itself (EORTC RECIST FAQ "Does a new lesion always result in PD?"):
     * 10/38 = -73.7% from baseline, PR. */
    ck_label(overall_at(a, 2), LDRT_RESPONSE_PR);
    ldrt_assessment_free(a);
    /* After a confirmed CR (a second CR 31 days later), it is PD. */
    pb_reset();
    pb_scan("2023-01-10");
    TN(0, 18);
    T(1, 20);
    pb_scan("2023-03-10");
    TN(0, 8);
    TS(1, LDRT_STATE_ABSENT);
    pb_scan("2023-04-10");
    TN(0, 8);
    TS(1, LDRT_STATE_ABSENT);
    pb_scan("2023-05-10");
    TN(0, 10.0);
    TS(1, LDRT_STATE_ABSENT);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_CR);
    ck_label(overall_at(a, 3), LDRT_RESPONSE_PD);
    ldrt_assessment_free(a);

    /* Without a previous CR, 10 mm: 10/38 = -73.7%: PR. */
    pb_reset();
    pb_scan("2023-01-10");
    TN(0, 18);
    T(1, 20);
    pb_scan("2023-03-10");
    TN(0, 10.0);
    TS(1, LDRT_STATE_ABSENT);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PR);
    ldrt_assessment_free(a);

    /* Too small to measure counts 5 mm: 20 -> 5 = -75% PR, not CR; a node
     * too small to measure (5 mm < 10) is normal, so CR. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    TN(1, 16);
    pb_scan("2023-03-10");
    TS(0, LDRT_STATE_TOO_SMALL);
    pb_row(1, LDRT_ROLE_TARGET | LDRT_ROLE_NODAL, LDRT_STATE_TOO_SMALL, NAN);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PR);
    tu_assert_ok(ldrt_assessment_values(a, 1, &sum, NULL, NULL));
    ck_assert_double_eq_tol(sum, 10.0, 1e-9); /* 5 + 5 */
    ldrt_assessment_free(a);

    /* Non-target node of 8 mm counts as normal for CR. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    pb_row(1, LDRT_ROLE_NON_TARGET | LDRT_ROLE_NODAL, LDRT_STATE_PRESENT, 12);
    pb_scan("2023-03-10");
    TS(0, LDRT_STATE_ABSENT);
    pb_row(1, LDRT_ROLE_NON_TARGET | LDRT_ROLE_NODAL, LDRT_STATE_PRESENT, 8);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_CR);
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(recist_reappearance_after_cr)
{
    /* EORTC FAQ "Does a new lesion always result in PD?": lesions that
     * disappear and reappear are PD only when CR (overall) was definitively
     * assigned at the previous assessment, read as confirmed (a second CR
     * >= 28 days later). 20 -> 0 (CR, 03-10) -> 0 (CR, 04-10, 31 days) ->
     * 3 mm: PD although +3 mm is below the 5 mm rule. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    pb_scan("2023-03-10");
    TS(0, LDRT_STATE_ABSENT);
    pb_scan("2023-04-10");
    TS(0, LDRT_STATE_ABSENT);
    pb_scan("2023-05-10");
    T(0, 3);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_CR);
    ck_label(overall_at(a, 3), LDRT_RESPONSE_PD);
    int rule;
    tu_assert_ok(ldrt_assessment_rule(a, 3, &rule));
    ck_assert_int_eq(rule, LDRT_RULE_TARGET_REAPPEARED);
    ck_assert_str_eq(ldrt_assessment_reason(a, 3),
                     "target lesion #0 reappeared after the confirmed CR of 2023-03-10 (sum 3.0 "
                     "mm): PD (EORTC RECIST FAQ)");
    ldrt_assessment_free(a);
    /* Without the confirming scan the CR was not definitively assigned:
     * 3/20 = -85% from baseline, PR, and the reason says why not PD. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    pb_scan("2023-03-10");
    TS(0, LDRT_STATE_ABSENT);
    pb_scan("2023-05-10");
    T(0, 3);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_PR);
    tu_assert_ok(ldrt_assessment_rule(a, 2, &rule));
    ck_assert_int_eq(rule, LDRT_RULE_TARGET_PR);
    ck_assert_str_eq(ldrt_assessment_reason(a, 2),
                     "sum -85.0% from baseline 20.0 mm; lesion #0 reappeared after the CR of "
                     "2023-03-10, not confirmed: not PD by itself (EORTC RECIST FAQ: only after a "
                     "definitively assigned CR)");
    ldrt_assessment_free(a);
    /* A confirming scan < 28 days after the CR does not make it definitive. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    pb_scan("2023-03-10");
    TS(0, LDRT_STATE_ABSENT);
    pb_scan("2023-03-30");
    TS(0, LDRT_STATE_ABSENT);
    pb_scan("2023-05-10");
    T(0, 3);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 3), LDRT_RESPONSE_PR);
    ldrt_assessment_free(a);

    /* A non-target that comes back after an overall CR confirmed through an
     * NE scan (03-10 CR, 04-10 NE, 04-20 CR: 41 days, one NE between): PD. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-03-10");
    TS(0, LDRT_STATE_ABSENT);
    NT(1, LDRT_STATE_ABSENT);
    pb_scan("2023-04-10");
    TS(0, LDRT_STATE_NOT_EVALUATED);
    NT(1, LDRT_STATE_ABSENT);
    pb_scan("2023-04-20");
    TS(0, LDRT_STATE_ABSENT);
    NT(1, LDRT_STATE_ABSENT);
    pb_scan("2023-05-10");
    TS(0, LDRT_STATE_ABSENT);
    NT(1, LDRT_STATE_PRESENT);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_CR);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_NE);
    ck_label(overall_at(a, 4), LDRT_RESPONSE_PD);
    tu_assert_ok(ldrt_assessment_rule(a, 4, &rule));
    ck_assert_int_eq(rule, LDRT_RULE_NON_TARGET_REAPPEARED);
    ldrt_assessment_free(a);

    /* Without a prior overall CR (targets gone, non-target present = PR),
     * a 3 mm target is not PD: 3/20 = -85% -> PR. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-03-10");
    TS(0, LDRT_STATE_ABSENT);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-05-10");
    T(0, 3);
    NT(1, LDRT_STATE_PRESENT);
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PR);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_PR);
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(recist_equivocal_new_lesion_dates_pd)
{
    /* RECIST 1.1 section 4.3.2: an equivocal new lesion is not PD; once
     * confirmed, PD is dated from the scan where it first appeared. */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    pb_scan("2023-03-10");
    T(0, 18);
    NEW(7, LDRT_STATE_EQUIVOCAL);
    pb_scan("2023-05-10");
    T(0, 18);
    NEW(7, LDRT_STATE_PRESENT);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_SD);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_PD);
    ck_assert_ptr_nonnull(strstr(ldrt_assessment_reason(a, 2), "PD dates from that scan"));
    int64_t days;
    int censor;
    /* PFS: 2023-01-10 -> 2023-03-10 = 59 days (21 + 28 + 10), event. */
    tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_PROGRESSION_FREE, &days, &censor));
    ck_assert_int_eq(days, 59);
    ck_assert_int_eq(censor, LDRT_CENSOR_NONE);
    ldrt_assessment_free(a);
}
END_TEST

/* ---- the seed case [SEED] ---------------------------------------------------------- */

START_TEST(seed_case_single_target)
{
    /* The July 2023 PET/CT: a 2.2 cm mesenteric nodule, the baseline of a
     * single-target assessment. September 2023 CT: 1.4 cm. December 2023 and
     * April 2024: complete remission. 14/22 - 1 = -36.36% -> -36.4%: PR. */
    pb_reset();
    pb_scan("2023-07");
    T(0, 22.0);
    pb_scan("2023-09");
    T(0, 14.0);
    pb_scan("2023-12");
    TS(0, LDRT_STATE_ABSENT);
    pb_scan("2024-04");
    TS(0, LDRT_STATE_ABSENT);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PR);
    ck_assert_str_eq(ldrt_assessment_reason(a, 1), "sum -36.4% from baseline 22.0 mm");
    ck_label(overall_at(a, 2), LDRT_RESPONSE_CR);
    ck_assert_str_eq(ldrt_assessment_reason(a, 2),
                     "all target lesions gone, nodes < 10 mm (sum 0.0 mm); no non-target disease");
    ck_label(overall_at(a, 3), LDRT_RESPONSE_CR);
    ck_label(best(a, 0), LDRT_RESPONSE_CR);
    /* CR 2023-12 confirmed by CR 2024-04: at least 2024-04-01 - 2023-12-31 =
     * 92 days >= 28. */
    ck_label(best(a, 1), LDRT_RESPONSE_CR);
    ck_assert_str_eq(ldrt_assessment_best_reason(a, 1),
                     "CR on 2023-12 confirmed by CR on 2024-04 (>= 28 days later)");
    ldrt_date d;
    tu_assert_ok(ldrt_assessment_timepoint(a, 1, &d, NULL, NULL, NULL, NULL));
    ck_assert_int_eq(d, 20230900); /* the date as written: partial stays partial */
    int64_t days;
    int censor;
    /* Time to response: 2023-07-01 -> 2023-09-01 = 62 days (earliest days). */
    tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_TIME_TO_RESPONSE, &days, &censor));
    ck_assert_int_eq(days, 62);
    ck_assert_int_eq(censor, LDRT_CENSOR_NONE);
    /* Duration of response: from 2023-09-01 to the last scan 2024-04-01 =
     * 213 days (30+31+30+31+31+29+31), censored. */
    tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_DURATION_OF_RESPONSE, &days, &censor));
    ck_assert_int_eq(days, 213);
    ck_assert_int_eq(censor, LDRT_CENSOR_LAST_ASSESSMENT);
    /* The month-level dates as ranges: time to response from "2023-07" to
     * "2023-09" is Sep 1 - Jul 31 = 32 to Sep 30 - Jul 1 = 91 days; the
     * duration of response "2023-09" to "2024-04" is Apr 1 - Sep 30 = 184 to
     * Apr 30 - Sep 1 = 242 days; progression-free (censored at "2024-04")
     * Apr 1 - Jul 31 = 245 to Apr 30 - Jul 1 = 304 days. */
    int64_t dmin, dmax;
    tu_assert_ok(ldrt_assessment_endpoint_range(a, LDRT_ENDPOINT_TIME_TO_RESPONSE, &dmin, &dmax));
    ck_assert_int_eq(dmin, 32);
    ck_assert_int_eq(dmax, 91);
    tu_assert_ok(ldrt_assessment_endpoint_range(a, LDRT_ENDPOINT_DURATION_OF_RESPONSE, &dmin, &dmax));
    ck_assert_int_eq(dmin, 184);
    ck_assert_int_eq(dmax, 242);
    tu_assert_ok(ldrt_assessment_endpoint_range(a, LDRT_ENDPOINT_PROGRESSION_FREE, &dmin, &dmax));
    ck_assert_int_eq(dmin, 245);
    ck_assert_int_eq(dmax, 304);
    tu_assert_ok(ldrt_assessment_endpoint_range(a, LDRT_ENDPOINT_DURATION_OF_SD, &dmin, &dmax));
    ck_assert_int_eq(dmin, -1);
    ck_assert_int_eq(dmax, -1);
    tu_assert_error(ldrt_assessment_endpoint_range(a, 99, &dmin, &dmax), LDRT_ENOTFOUND, "endpoint");
    tu_assert_error(ldrt_assessment_endpoint_range(NULL, 1, &dmin, &dmax), LDRT_EINVAL, "assessment");
    tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_DURATION_OF_SD, &days, &censor));
    ck_assert_int_eq(days, -1);
    ck_assert_int_eq(censor, LDRT_CENSOR_NOT_APPLICABLE);
    ldrt_assessment_free(a);
}
END_TEST

/* ---- BOR with confirmation: RECIST 1.1 Table 3, row by row [R11], [ADM] ---------------- */

static const struct table3_row {
    int first, second, day1, day2, bor;
    const char *row;
} table3[] = {
    /* Reference 2023-01-01. "min met": first TP on day 50 (>= 42), second on
     * day 85 (35 days later >= 28). "not met": days 10 and 40 (30 days apart). */
    /* Row 1: CR, CR -> CR. */
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_CR, 50, 85, LDRT_RESPONSE_CR, "1 CR CR -> CR" },
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_CR, 10, 40, LDRT_RESPONSE_CR, "1 CR CR -> CR (early)" },
    /* Row 2: CR, PR -> "SD, PD or PR" with its footnote. The CR is not
     * confirmed, so not definitively assigned (EORTC FAQ): it is revised to
     * PR and the PR rules decide. PR confirmed 35 or 30 days later -> PR;
     * 20 days later, not confirmed -> SD when the SD minimum is met, NE
     * otherwise (section 4.4; the PD branch needs a definitive CR). */
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_PR, 50, 85, LDRT_RESPONSE_PR, "2 CR PR -> PR (CR revised, PR confirmed)" },
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_PR, 10, 40, LDRT_RESPONSE_PR, "2 CR PR -> PR (early, confirmed)" },
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_PR, 50, 70, LDRT_RESPONSE_SD, "2 CR PR -> SD (not confirmed, min met)" },
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_PR, 10, 30, LDRT_RESPONSE_NE, "2 CR PR -> NE (not confirmed, min not met)" },
    /* Row 3: CR, SD -> SD provided the SD minimum is met, otherwise PD. */
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_SD, 50, 85, LDRT_RESPONSE_SD, "3 CR SD -> SD (min met)" },
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_SD, 10, 40, LDRT_RESPONSE_PD, "3 CR SD -> PD (min not met)" },
    /* Row 4: CR, PD -> SD provided the SD minimum is met, otherwise PD. */
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_PD, 50, 85, LDRT_RESPONSE_SD, "4 CR PD -> SD (min met)" },
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_PD, 10, 40, LDRT_RESPONSE_PD, "4 CR PD -> PD (min not met)" },
    /* Row 5: CR, NE -> SD provided the SD minimum is met, otherwise NE. */
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_NE, 50, 85, LDRT_RESPONSE_SD, "5 CR NE -> SD (min met)" },
    { LDRT_RESPONSE_CR, LDRT_RESPONSE_NE, 10, 40, LDRT_RESPONSE_NE, "5 CR NE -> NE (min not met)" },
    /* Rows 6-8: PR, CR -> PR; PR, PR -> PR; PR, SD -> SD (SD with its
     * minimum, section 4.4: early -> NE). */
    { LDRT_RESPONSE_PR, LDRT_RESPONSE_CR, 50, 85, LDRT_RESPONSE_PR, "6 PR CR -> PR" },
    { LDRT_RESPONSE_PR, LDRT_RESPONSE_PR, 50, 85, LDRT_RESPONSE_PR, "7 PR PR -> PR" },
    { LDRT_RESPONSE_PR, LDRT_RESPONSE_SD, 50, 85, LDRT_RESPONSE_SD, "8 PR SD -> SD" },
    { LDRT_RESPONSE_PR, LDRT_RESPONSE_SD, 10, 40, LDRT_RESPONSE_NE, "8 PR SD -> NE (min not met)" },
    /* Row 9: PR, PD -> SD provided the SD minimum is met, otherwise PD. */
    { LDRT_RESPONSE_PR, LDRT_RESPONSE_PD, 50, 85, LDRT_RESPONSE_SD, "9 PR PD -> SD (min met)" },
    { LDRT_RESPONSE_PR, LDRT_RESPONSE_PD, 10, 40, LDRT_RESPONSE_PD, "9 PR PD -> PD (min not met)" },
    /* Row 10: PR, NE -> SD provided the SD minimum is met, otherwise NE. */
    { LDRT_RESPONSE_PR, LDRT_RESPONSE_NE, 50, 85, LDRT_RESPONSE_SD, "10 PR NE -> SD (min met)" },
    { LDRT_RESPONSE_PR, LDRT_RESPONSE_NE, 10, 40, LDRT_RESPONSE_NE, "10 PR NE -> NE (min not met)" },
    /* Row 11: NE, NE -> NE. */
    { LDRT_RESPONSE_NE, LDRT_RESPONSE_NE, 50, 85, LDRT_RESPONSE_NE, "11 NE NE -> NE" },
};

static ldrt_assessment *recorded(int criteria, const ldrt_response_options *o, size_t n,
                                 const int *days, const int32_t *labels)
{
    ldrt_date dates[MAXTP];
    for (size_t i = 0; i < n; i++)
        tu_assert_ok(ldrt_date_add_days(20230101, days[i], &dates[i]));
    ldrt_assessment *a = NULL;
    tu_assert_ok(ldrt_assess_recorded(criteria, o, n, dates, labels, &a));
    return a;
}

START_TEST(bor_table3_row)
{
    const struct table3_row *r = &table3[_i];
    /* Day 0 is the baseline (the default reference date). */
    int days[3] = { 0, r->day1, r->day2 };
    int32_t labels[3] = { LDRT_RESPONSE_NONE, r->first, r->second };
    ldrt_assessment *a = recorded(LDRT_CRITERIA_RECIST11, NULL, 3, days, labels);
    int got = best(a, 1);
    ck_assert_msg(got == r->bor, "Table 3 row %s: got %s (%s)", r->row,
                  ldrt_response_label_name(got), ldrt_assessment_best_reason(a, 1));
    ldrt_assessment_free(a);
}
END_TEST

/* The same rows from measurements. One 6 mm target at baseline (below the
 * measurability minimum, a warning only) gives every label after any other:
 * CR = gone; PR = 2 mm (-66.7%, and after a CR +2 mm < 5 mm: not PD by the
 * sum); SD = 4.5 mm (-25%; +4.5 mm after a CR, +2.5 mm after a PR: not PD);
 * PD = 20 mm (+14 mm or more above any nadir); NE = not evaluated. */
static void measured_label(int label)
{
    switch (label) {
    case LDRT_RESPONSE_CR: TS(0, LDRT_STATE_ABSENT); break;
    case LDRT_RESPONSE_PR: T(0, 2.0); break;
    case LDRT_RESPONSE_SD: T(0, 4.5); break;
    case LDRT_RESPONSE_PD: T(0, 20.0); break;
    default: TS(0, LDRT_STATE_NOT_EVALUATED); break;
    }
}

START_TEST(bor_table3_row_measured)
{
    const struct table3_row *r = &table3[_i];
    int days[3] = { 0, r->day1, r->day2 };
    int32_t labels[3] = { LDRT_RESPONSE_NONE, r->first, r->second };
    pb_reset();
    for (int k = 0; k < 3; k++) {
        char buf[LDRT_DATE_BUFSIZE];
        ldrt_date d;
        tu_assert_ok(ldrt_date_add_days(20230101, days[k], &d));
        tu_assert_ok(ldrt_date_format(d, buf, sizeof buf));
        pb_scan(buf);
        if (k == 0)
            T(0, 6.0);
        else
            measured_label(labels[k]);
    }
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    /* The time points read as the row says (a reappearance after the
     * unconfirmed CR is not PD by itself), and the best response follows. */
    ck_label(overall_at(a, 1), r->first);
    ck_label(overall_at(a, 2), r->second);
    int got = best(a, 1);
    ck_assert_msg(got == r->bor, "Table 3 row %s (measured): got %s (%s)", r->row,
                  ldrt_response_label_name(got), ldrt_assessment_best_reason(a, 1));
    ldrt_assessment_free(a);
}
END_TEST

/* The footnote's other branch and the EORTC RECIST FAQ ("Does a new lesion
 * always result in PD?"): after a CR definitively assigned (confirmed), any
 * disease is a reappearance, PD at that time point; the endpoints read it so
 * (PFS event, end of the duration of response). */
START_TEST(bor_table3_footnote_confirmed_cr)
{
    static const int32_t later[3] = { LDRT_RESPONSE_PR, LDRT_RESPONSE_SD,
                                      LDRT_RESPONSE_NON_CR_NON_PD };
    for (int v = 0; v < 3; v++) {
        /* CR day 50, CR day 85 (35 days: confirmed), then PR/SD/NON day 120. */
        int d[4] = { 0, 50, 85, 120 };
        int32_t l[4] = { 0, LDRT_RESPONSE_CR, LDRT_RESPONSE_CR, later[v] };
        ldrt_assessment *a = recorded(LDRT_CRITERIA_RECIST11, NULL, 4, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_CR);
        int64_t days;
        int censor;
        /* PFS: event at day 120 (read as PD), not censored. */
        tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_PROGRESSION_FREE, &days, &censor));
        ck_assert_int_eq(days, 120);
        ck_assert_int_eq(censor, LDRT_CENSOR_NONE);
        /* DoR: 50 -> 120 = 70 days, event. */
        tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_DURATION_OF_RESPONSE, &days,
                                              &censor));
        ck_assert_int_eq(days, 70);
        ck_assert_int_eq(censor, LDRT_CENSOR_NONE);
        ck_assert_uint_eq(ldrt_assessment_warning_count(a), 1);
        ck_assert_ptr_nonnull(strstr(ldrt_assessment_warning(a, 0), "read as PD"));
        ldrt_assessment_free(a);
    }
    /* Measured: the same with a target back at 3 mm after two CRs. */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 20);
    pb_scan("2023-02-20");
    TS(0, LDRT_STATE_ABSENT);
    pb_scan("2023-03-27");
    TS(0, LDRT_STATE_ABSENT);
    pb_scan("2023-05-01");
    T(0, 3);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_label(overall_at(a, 3), LDRT_RESPONSE_PD);
    ck_label(best(a, 1), LDRT_RESPONSE_CR);
    int64_t days;
    int censor;
    tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_PROGRESSION_FREE, &days, &censor));
    ck_assert_int_eq(days, 120); /* 2023-01-01 -> 2023-05-01 */
    ck_assert_int_eq(censor, LDRT_CENSOR_NONE);
    ldrt_assessment_free(a);
}
END_TEST

/* Endpoints follow the reading of the confirmed best response. */
START_TEST(bor_endpoints_follow_reading)
{
    int64_t days;
    int censor;
    /* Row 3, min not met: CR day 10, SD day 40 -> PD; the SD time point is
     * read as PD, so PFS is an event at day 40. */
    {
        int d[3] = { 0, 10, 40 };
        int32_t l[3] = { 0, LDRT_RESPONSE_CR, LDRT_RESPONSE_SD };
        ldrt_assessment *a = recorded(LDRT_CRITERIA_RECIST11, NULL, 3, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_PD);
        tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_PROGRESSION_FREE, &days, &censor));
        ck_assert_int_eq(days, 40);
        ck_assert_int_eq(censor, LDRT_CENSOR_NONE);
        /* The CR was not confirmed: no duration of response. */
        tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_DURATION_OF_RESPONSE, &days,
                                              &censor));
        ck_assert_int_eq(censor, LDRT_CENSOR_NOT_APPLICABLE);
        ck_assert_ptr_nonnull(strstr(ldrt_assessment_best_reason(a, 1), "CR then SD"));
        ldrt_assessment_free(a);
    }
    /* PR day 50 and day 85 with confirm_days 400: the confirmed best is SD
     * and there is no duration of response (nor a time to response). */
    {
        ldrt_response_options *o;
        tu_assert_ok(ldrt_response_options_new(&o));
        tu_assert_ok(ldrt_response_options_set(o, LDRT_SET_CONFIRM_DAYS, 400));
        int d[3] = { 0, 50, 85 };
        int32_t l[3] = { 0, LDRT_RESPONSE_PR, LDRT_RESPONSE_PR };
        ldrt_assessment *a = recorded(LDRT_CRITERIA_RECIST11, o, 3, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_SD);
        tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_DURATION_OF_RESPONSE, &days,
                                              &censor));
        ck_assert_int_eq(censor, LDRT_CENSOR_NOT_APPLICABLE);
        ck_assert_int_eq(days, -1);
        tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_TIME_TO_RESPONSE, &days, &censor));
        ck_assert_int_eq(censor, LDRT_CENSOR_LAST_ASSESSMENT);
        ck_assert_int_eq(days, 85);
        ldrt_assessment_free(a);
        ldrt_response_options_free(o);
    }
    /* Row 3, min met: CR day 50, SD day 85 -> SD; the SD is not PD, so PFS
     * is censored at the last assessment. */
    {
        int d[3] = { 0, 50, 85 };
        int32_t l[3] = { 0, LDRT_RESPONSE_CR, LDRT_RESPONSE_SD };
        ldrt_assessment *a = recorded(LDRT_CRITERIA_RECIST11, NULL, 3, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_SD);
        tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_PROGRESSION_FREE, &days, &censor));
        ck_assert_int_eq(days, 85);
        ck_assert_int_eq(censor, LDRT_CENSOR_LAST_ASSESSMENT);
        ldrt_assessment_free(a);
    }
}
END_TEST

START_TEST(bor_confirmation_rules)
{
    ldrt_assessment *a;
    /* [ADM] "at least 28 days", plain differences: 27 days does not confirm
     * (PR on day 50 counts as SD), 28 days does. */
    {
        int d[3] = { 0, 50, 77 };
        int32_t l[3] = { 0, LDRT_RESPONSE_PR, LDRT_RESPONSE_PR };
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 3, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_SD);
        ck_label(best(a, 0), LDRT_RESPONSE_PR);
        ck_assert_str_eq(ldrt_assessment_best_reason(a, 1),
                         "PR on 2023-02-20 not confirmed; counts as SD (>= 42 days after the "
                         "reference date 2023-01-01)");
        ldrt_assessment_free(a);
        d[2] = 78;
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 3, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_PR);
        ldrt_assessment_free(a);
    }
    /* [ADM] at most 1 NE between: PR NE PR -> PR; PR NE NE PR -> SD. */
    {
        int d[5] = { 0, 50, 60, 70, 90 };
        int32_t l[5] = { 0, LDRT_RESPONSE_PR, LDRT_RESPONSE_NE, LDRT_RESPONSE_PR, 0 };
        int32_t l1[4] = { 0, LDRT_RESPONSE_PR, LDRT_RESPONSE_NE, LDRT_RESPONSE_PR };
        int d1[4] = { 0, 50, 60, 90 };
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 4, d1, l1);
        ck_label(best(a, 1), LDRT_RESPONSE_PR);
        ldrt_assessment_free(a);
        l[3] = LDRT_RESPONSE_NE;
        l[4] = LDRT_RESPONSE_PR;
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 5, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_SD);
        ldrt_assessment_free(a);
        /* K = 2 allows it. */
        ldrt_response_options *o;
        tu_assert_ok(ldrt_response_options_new(&o));
        tu_assert_ok(ldrt_response_options_set(o, LDRT_SET_MAX_NE_BETWEEN, 2));
        a = recorded(LDRT_CRITERIA_RECIST11, o, 5, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_PR);
        ldrt_assessment_free(a);
        ldrt_response_options_free(o);
    }
    /* [ADM] an SD between a PR and its confirmation breaks it (grstat also
     * rejects PR-SD-PR). */
    {
        int d[4] = { 0, 50, 70, 90 };
        int32_t l[4] = { 0, LDRT_RESPONSE_PR, LDRT_RESPONSE_SD, LDRT_RESPONSE_PR };
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 4, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_SD);
        ldrt_assessment_free(a);
    }
    /* [ADM] only data up to the first PD: PR, PD, PR -> SD (min met). */
    {
        int d[4] = { 0, 50, 80, 120 };
        int32_t l[4] = { 0, LDRT_RESPONSE_PR, LDRT_RESPONSE_PD, LDRT_RESPONSE_PR };
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 4, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_SD);
        ck_label(best(a, 0), LDRT_RESPONSE_PR);
        ldrt_assessment_free(a);
    }
    /* [ADM] SD minimum also for NON-CR/NON-PD: day 41 -> NE, day 42 -> NON-CR/NON-PD. */
    {
        int d[2] = { 0, 41 };
        int32_t l[2] = { 0, LDRT_RESPONSE_NON_CR_NON_PD };
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 2, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_NE);
        ck_label(best(a, 0), LDRT_RESPONSE_NE);
        ldrt_assessment_free(a);
        d[1] = 42;
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 2, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_NON_CR_NON_PD);
        ldrt_assessment_free(a);
    }
    /* PR, CR, PR at days 50, 60, 90: the CR of day 60 is not confirmed, so
     * not definitively assigned (EORTC FAQ); Table 3 footnote: it is
     * revised to PR, and the PR of day 50 is confirmed by the PR of day 90:
     * PR; a warning names the pair. */
    {
        int d[4] = { 0, 50, 60, 90 };
        int32_t l[4] = { 0, LDRT_RESPONSE_PR, LDRT_RESPONSE_CR, LDRT_RESPONSE_PR };
        a = recorded(LDRT_CRITERIA_RECIST11, NULL, 4, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_PR);
        ck_assert_uint_eq(ldrt_assessment_warning_count(a), 1);
        ck_assert_ptr_nonnull(strstr(ldrt_assessment_warning(a, 0), "not definitively"));
        ldrt_assessment_free(a);
    }
    /* Reference date later than the baseline: SD 41 days after it is NE. */
    {
        ldrt_response_options *o;
        tu_assert_ok(ldrt_response_options_new(&o));
        tu_assert_ok(ldrt_response_options_set_reference_date(o, 20230111)); /* day 10 */
        int d[2] = { 0, 51 };
        int32_t l[2] = { 0, LDRT_RESPONSE_SD };
        a = recorded(LDRT_CRITERIA_RECIST11, o, 2, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_NE);
        ldrt_assessment_free(a);
        d[1] = 52;
        a = recorded(LDRT_CRITERIA_RECIST11, o, 2, d, l);
        ck_label(best(a, 1), LDRT_RESPONSE_SD);
        ldrt_assessment_free(a);
        ldrt_response_options_free(o);
    }
    /* No assessment at all. */
    a = recorded(LDRT_CRITERIA_RECIST11, NULL, 0, NULL, NULL);
    ck_label(best(a, 1), LDRT_RESPONSE_NONE);
    ck_assert_uint_eq(ldrt_assessment_timepoint_count(a), 0);
    int64_t days;
    int censor;
    tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_PROGRESSION_FREE, &days, &censor));
    ck_assert_int_eq(censor, LDRT_CENSOR_NOT_APPLICABLE);
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(bor_cohort_matches_patient)
{
    /* The cohort entry point gives the same answers as the per-patient path
     * on the Table 3 rows (an independent path through ldrt_bor_arrays). */
    size_t n = sizeof table3 / sizeof table3[0];
    int64_t off[64];
    int32_t day[192], lab[192], bor[64], cbor[64];
    off[0] = 0;
    for (size_t p = 0; p < n; p++) {
        int64_t t = off[p];
        int32_t base;
        int64_t b64;
        ldrt_date_to_days(20230101, &b64);
        base = (int32_t)b64;
        day[t] = base;
        lab[t] = LDRT_RESPONSE_NONE;
        day[t + 1] = base + table3[p].day1;
        lab[t + 1] = table3[p].first;
        day[t + 2] = base + table3[p].day2;
        lab[t + 2] = table3[p].second;
        off[p + 1] = t + 3;
    }
    tu_assert_ok(ldrt_bor_arrays(NULL, n, off, day, lab, NULL, bor, cbor));
    for (size_t p = 0; p < n; p++)
        ck_assert_msg(cbor[p] == table3[p].bor, "cohort row %s: got %s", table3[p].row,
                      ldrt_response_label_name(cbor[p]));
    /* Unconfirmed: CR CR -> CR, CR PR -> CR, PR SD -> PR, NE NE -> NE. */
    ck_label(bor[0], LDRT_RESPONSE_CR);
    ck_label(bor[2], LDRT_RESPONSE_CR);
    ck_label(bor[14], LDRT_RESPONSE_PR);
    ck_label(bor[20], LDRT_RESPONSE_NE);
    /* Bad input. */
    lab[4] = 99;
    tu_assert_error(ldrt_bor_arrays(NULL, n, off, day, lab, NULL, bor, cbor), LDRT_EINVAL, "label[4]");
    lab[4] = LDRT_RESPONSE_ICR;
    tu_assert_error(ldrt_bor_arrays(NULL, n, off, day, lab, NULL, bor, cbor), LDRT_EINVAL,
                    "mixes criteria");
    lab[4] = LDRT_RESPONSE_CR;
    day[5] = day[4] - 1;
    tu_assert_error(ldrt_bor_arrays(NULL, n, off, day, lab, NULL, bor, cbor), LDRT_EINVAL, "day[5]");
    off[1] = 5;
    off[2] = 4;
    tu_assert_error(ldrt_bor_arrays(NULL, n, off, day, lab, NULL, bor, cbor), LDRT_EINVAL,
                    "patient_offsets[2]");
    off[0] = 1;
    tu_assert_error(ldrt_bor_arrays(NULL, n, off, day, lab, NULL, bor, cbor), LDRT_EINVAL,
                    "patient_offsets[0]");
    tu_assert_error(ldrt_bor_arrays(NULL, n, NULL, day, lab, NULL, bor, cbor), LDRT_EINVAL,
                    "patient_offsets");
    off[0] = 0;
    off[1] = 3;
    off[2] = 6;
    tu_assert_error(ldrt_bor_arrays(NULL, n, off, day, lab, NULL, NULL, cbor), LDRT_EINVAL, "bor");
    tu_assert_error(ldrt_bor_arrays(NULL, n, off, NULL, lab, NULL, bor, cbor), LDRT_EINVAL, "day");
}
END_TEST

/* ---- iRECIST [iR] ------------------------------------------------------------------ */

/* Seymour 2017 Table 3: iBOR of eight sequences (randomised setting, no
 * confirmation of iCR/iPR): best response without confirmation. Scans every
 * 42 days from the reference date so that iSD meets the SD minimum. */
static const struct iseq {
    int n;
    int32_t l[6];
    int ibor;
    const char *row;
} iseqs[] = {
    { 4, { LDRT_RESPONSE_ICR, LDRT_RESPONSE_ICR, LDRT_RESPONSE_IUPD, LDRT_RESPONSE_ICPD }, LDRT_RESPONSE_ICR, "1: iCR, ..., iUPD, iCPD -> iCR" },
    { 3, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_IPR, LDRT_RESPONSE_ICR }, LDRT_RESPONSE_ICR, "2: iUPD, iPR, iCR -> iCR" },
    { 3, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_ISD, LDRT_RESPONSE_ICR }, LDRT_RESPONSE_ICR, "2: iUPD, iSD, iCR -> iCR" },
    { 3, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_NE, LDRT_RESPONSE_ICR }, LDRT_RESPONSE_ICR, "2: iUPD, NE, iCR -> iCR" },
    { 2, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_IPR }, LDRT_RESPONSE_IPR, "3: iUPD, iPR -> iPR" },
    { 3, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_ISD, LDRT_RESPONSE_IPR }, LDRT_RESPONSE_IPR, "4: iUPD, iSD, iPR -> iPR" },
    { 3, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_NE, LDRT_RESPONSE_IPR }, LDRT_RESPONSE_IPR, "4: iUPD, NE, iPR -> iPR" },
    { 2, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_ISD }, LDRT_RESPONSE_ISD, "5: iUPD, iSD -> iSD" },
    { 2, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_ICPD }, LDRT_RESPONSE_ICPD, "6: iUPD, iCPD -> iCPD" },
    { 3, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_IUPD, LDRT_RESPONSE_ICPD }, LDRT_RESPONSE_ICPD, "7: iUPD, iUPD, iCPD -> iCPD" },
    { 5, { LDRT_RESPONSE_IUPD, LDRT_RESPONSE_NE, LDRT_RESPONSE_NE, LDRT_RESPONSE_NE, LDRT_RESPONSE_NE }, LDRT_RESPONSE_IUPD, "8: iUPD, NE, NE, NE, NE -> iUPD" },
};

START_TEST(irecist_table3_sequence)
{
    const struct iseq *s = &iseqs[_i];
    int days[7];
    int32_t l[7];
    days[0] = 0;
    l[0] = LDRT_RESPONSE_NONE;
    for (int i = 0; i < s->n; i++) {
        days[i + 1] = 42 * (i + 1);
        l[i + 1] = s->l[i];
    }
    ldrt_assessment *a = recorded(LDRT_CRITERIA_IRECIST, NULL, (size_t)s->n + 1, days, l);
    int got = best(a, 0);
    ck_assert_msg(got == s->ibor, "iRECIST Table 3 sequence %s: got %s", s->row,
                  ldrt_response_label_name(got));
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(irecist_from_measurements)
{
    ldrt_assessment *a;
    int rule;
    /* EORTC iRECIST FAQ: increments add up after iUPD. Baseline 50 mm,
     * 2023-03-01 60 mm (+20%, +10 mm: iUPD), 2023-04-05 64 mm (+4 mm since
     * iUPD: stays iUPD), 2023-05-10 66 mm (+6 mm since iUPD >= 5: iCPD). */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    pb_scan("2023-03-01");
    T(0, 60);
    pb_scan("2023-04-05");
    T(0, 64);
    pb_scan("2023-05-10");
    T(0, 66);
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_IUPD);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_IUPD);
    tu_assert_ok(ldrt_assessment_rule(a, 2, &rule));
    ck_assert_int_eq(rule, LDRT_RULE_IUPD_PERSISTS);
    ck_label(overall_at(a, 3), LDRT_RESPONSE_ICPD);
    ck_assert_str_eq(ldrt_assessment_reason(a, 3),
                     "confirms the target iUPD of 2023-03-01 (iRECIST Table 2): target sum +6.0 mm since "
                     "the iUPD (60.0 -> 66.0 mm, >= 5 mm)");
    /* Sequence 7 of Table 3 from measurements: iBOR iCPD. Progression-free
     * time counts to the iUPD that was confirmed: 2023-01-01 -> 03-01 = 59. */
    ck_label(best(a, 0), LDRT_RESPONSE_ICPD);
    int64_t days;
    int censor;
    tu_assert_ok(ldrt_assessment_endpoint(a, LDRT_ENDPOINT_PROGRESSION_FREE, &days, &censor));
    ck_assert_int_eq(days, 59);
    ck_assert_int_eq(censor, LDRT_CENSOR_NONE);
    ldrt_assessment_free(a);

    /* Reset the bar: iUPD, then 40 mm (-20% from baseline 50: iSD); a later
     * iUPD must be confirmed again (sequence 5 then a new iUPD). */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    pb_scan("2023-03-01");
    T(0, 60);
    pb_scan("2023-04-05");
    T(0, 40);
    pb_scan("2023-05-10");
    T(0, 48); /* +20% and +8 mm from the nadir 40: iUPD again, not iCPD */
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_ISD);
    ck_assert_ptr_nonnull(strstr(ldrt_assessment_reason(a, 2), "bar reset after the unconfirmed iUPD of 2023-03-01"));
    ck_label(overall_at(a, 3), LDRT_RESPONSE_IUPD);
    ck_label(best(a, 0), LDRT_RESPONSE_ISD);
    ldrt_assessment_free(a);

    /* A scan 20 days after iUPD cannot confirm it (EORTC FAQ: < 4 weeks,
     * +/- 2 days) unless it shows an additional new lesion. */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    pb_scan("2023-03-01");
    T(0, 60);
    pb_scan("2023-03-21");
    T(0, 70);
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_IUPD);
    tu_assert_ok(ldrt_assessment_rule(a, 2, &rule));
    ck_assert_int_eq(rule, LDRT_RULE_IUPD_TOO_EARLY);
    ldrt_assessment_free(a);
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    pb_scan("2023-03-01");
    T(0, 60);
    pb_scan("2023-03-21");
    T(0, 60);
    NEW(3, LDRT_STATE_PRESENT);
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_ICPD);
    ldrt_assessment_free(a);

    /* New-lesion-driven iUPD: PR (35 mm), then a new lesion (iUPD), then no
     * change: stays iUPD (EORTC FAQ scenario F); then a second new lesion:
     * iCPD (more new lesions). New-lesion targets are summed apart: a new
     * target of 12 mm does not enter the baseline sum. */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    pb_scan("2023-03-01");
    T(0, 35);
    pb_scan("2023-05-01");
    T(0, 35);
    pb_row(8, LDRT_ROLE_NEW_TARGET, LDRT_STATE_PRESENT, 12);
    pb_scan("2023-06-15");
    T(0, 35);
    pb_row(8, LDRT_ROLE_NEW_TARGET, LDRT_STATE_PRESENT, 12);
    pb_scan("2023-08-01");
    T(0, 35);
    pb_row(8, LDRT_ROLE_NEW_TARGET, LDRT_STATE_PRESENT, 12);
    NEW(9, LDRT_STATE_PRESENT);
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_IPR);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_IUPD);
    double sum;
    tu_assert_ok(ldrt_assessment_values(a, 2, &sum, NULL, NULL));
    ck_assert_double_eq_tol(sum, 35.0, 1e-9);
    ck_label(overall_at(a, 3), LDRT_RESPONSE_IUPD);
    ck_label(overall_at(a, 4), LDRT_RESPONSE_ICPD);
    ck_assert_str_eq(ldrt_assessment_reason(a, 4), "confirms the new-lesion iUPD of 2023-05-01 (iRECIST Table 2): new lesions 2 (was 1 at the iUPD)");
    /* iBOR iPR (sequence 1-like: response before progression). */
    ck_label(best(a, 0), LDRT_RESPONSE_IPR);
    ldrt_assessment_free(a);

    /* EORTC iRECIST FAQ scenario B: after a new-lesion iUPD, further
     * shrinkage of the baseline targets (45 -> 30 mm, -40% from baseline
     * 50) gives iPR although the new lesion is still there. */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    pb_scan("2023-03-01");
    T(0, 45);
    NEW(9, LDRT_STATE_PRESENT);
    pb_scan("2023-04-15");
    T(0, 30);
    NEW(9, LDRT_STATE_PRESENT);
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_IUPD);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_IPR);
    ck_assert_str_eq(ldrt_assessment_reason(a, 2),
                     "bar reset after the unconfirmed iUPD of 2023-03-01: sum -40.0% from baseline 50.0 mm");
    ldrt_assessment_free(a);

    /* New-lesion target sum +5 mm confirms; iCR needs the new lesions gone. */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    pb_scan("2023-03-01");
    TS(0, LDRT_STATE_ABSENT);
    pb_row(8, LDRT_ROLE_NEW_TARGET, LDRT_STATE_PRESENT, 12);
    pb_scan("2023-04-15");
    TS(0, LDRT_STATE_ABSENT);
    pb_row(8, LDRT_ROLE_NEW_TARGET, LDRT_STATE_PRESENT, 17);
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_IUPD);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_ICPD);
    ck_assert_str_eq(ldrt_assessment_reason(a, 2),
                     "confirms the new-lesion iUPD of 2023-03-01 (iRECIST Table 2): new-lesion target sum "
                     "+5.0 mm since the iUPD (>= 5 mm)");
    ldrt_assessment_free(a);

    /* Non-target-driven iUPD confirmed by any further increase. */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-03-01");
    T(0, 45);
    NT(1, LDRT_STATE_PROGRESSION);
    pb_scan("2023-04-15");
    T(0, 45);
    NT(1, LDRT_STATE_INCREASED);
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_IUPD);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_ICPD);
    ldrt_assessment_free(a);

    /* After a reset, the old new lesion does not trigger iUPD again; targets
     * shrink with it present: iPR, not iCR. */
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    pb_scan("2023-03-01");
    T(0, 45);
    NEW(9, LDRT_STATE_PRESENT);
    pb_scan("2023-04-15");
    TS(0, LDRT_STATE_ABSENT);
    NEW(9, LDRT_STATE_ABSENT);
    pb_scan("2023-06-01");
    TS(0, LDRT_STATE_ABSENT);
    a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_IUPD);
    ck_label(overall_at(a, 2), LDRT_RESPONSE_ICR);
    ck_label(overall_at(a, 3), LDRT_RESPONSE_ICR);
    ck_label(best(a, 0), LDRT_RESPONSE_ICR);
    ldrt_assessment_free(a);
}
END_TEST

/* ---- PERCIST 1.0 [PER] --------------------------------------------------------------- */

static const struct percist_row {
    double base, follow;
    int want;
    const char *why;
} percist_rows[] = {
    { 10.0, 7.0, LDRT_RESPONSE_PMR, "-30.0% and -3.0 SUL: PMR (>= 30%, >= 0.8)" },
    { 10.0, 7.001, LDRT_RESPONSE_SMD, "-29.99%: SMD" },
    { 2.5, 1.7, LDRT_RESPONSE_PMR, "-32% and exactly -0.8 SUL: PMR" },
    { 2.6, 1.81, LDRT_RESPONSE_SMD, "-30.4% but -0.79 SUL: SMD" },
    { 10.0, 13.0, LDRT_RESPONSE_SMD, "+30.0% exactly: not > 30%: SMD" },
    { 10.0, 13.001, LDRT_RESPONSE_PMD, "+30.01% and +3.001 SUL: PMD" },
    { 2.0, 2.7, LDRT_RESPONSE_SMD, "+35% but +0.7 SUL: SMD" },
    { 2.0, 2.801, LDRT_RESPONSE_PMD, "+40% and +0.801 SUL: PMD" },
    { 2.0, 2.8, LDRT_RESPONSE_SMD, "+40% but +0.8 SUL exactly: not > 0.8: SMD" },
    /* Wahl 2009 CMR: uptake "less than mean liver activity": strictly. */
    { 6.0, 0.999, LDRT_RESPONSE_CMR, "0.999 < mean liver 1.0: CMR" },
    { 6.0, 1.0, LDRT_RESPONSE_PMR, "1.0 = mean liver 1.0, not less: -83.3%, PMR" },
    { 6.0, 1.001, LDRT_RESPONSE_PMR, "1.001 > liver 1.0, -83.3%: PMR" },
};

START_TEST(percist_threshold_row)
{
    const struct percist_row *r = &percist_rows[_i];
    pb_reset();
    pb_scan("2023-07-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, r->base);
    pb_row(0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, 1.0);
    pb_scan("2023-09-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, r->follow);
    pb_row(0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, 1.0);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_PERCIST10, NULL);
    int got = overall_at(a, 1);
    ck_assert_msg(got == r->want, "%g -> %g (%s): got %s", r->base, r->follow, r->why,
                  ldrt_response_label_name(got));
    ck_assert_uint_eq(ldrt_assessment_warning_count(a), 0);
    ldrt_assessment_free(a);
}
END_TEST

/* CMR with the blood pool (Wahl 2009: "indistinguishable from surrounding
 * background blood-pool levels"): below the liver mean and not above the
 * blood pool when it is recorded; the reasons say which rule decided. */
/* iRECIST Table 2 (Seymour 2017, via PMC5648544), row by row, "with previous
 * iUPD": each row's label and the reason naming the rule that produced it,
 * with its numbers. Baseline: target 50 mm, non-target present; iUPD on
 * 2023-03-01, the next scan on 2023-04-15 (45 days). */
static const char *itab2_iupd(int row)
{
    /* The iUPD scan of each row. */
    switch (row) {
    case 5: T(0, 40); NT(1, LDRT_STATE_PROGRESSION); NEW(9, LDRT_STATE_PRESENT); return "5";
    case 6: T(0, 40); NT(1, LDRT_STATE_PROGRESSION); return "6";
    case 7: T(0, 60); NT(1, LDRT_STATE_PRESENT); return "7";
    case 8: T(0, 60); NT(1, LDRT_STATE_PROGRESSION); return "8";
    default: T(0, 60); NT(1, LDRT_STATE_PROGRESSION); NEW(9, LDRT_STATE_PRESENT); return "9";
    }
}

static const struct itab2_row {
    int row;          /* Table 2 row (1-4: no iUPD before; 5-9: iUPD categories) */
    int variant;      /* what the next scan shows */
    int want;
    const char *reason;
} itab2[] = {
    /* Rows 1-4 (the same label with or without a previous iUPD): after an
     * unconfirmed new-lesion iUPD whose lesion has gone, the bar is reset. */
    { 1, 0, LDRT_RESPONSE_ICR, "bar reset after the unconfirmed iUPD of 2023-03-01: all target lesions gone, nodes < 10 mm (sum 0.0 mm); non-target lesions gone" },
    { 2, 0, LDRT_RESPONSE_IPR, "bar reset after the unconfirmed iUPD of 2023-03-01: target lesions gone (sum 0.0 mm) but non-target disease persists" },
    { 3, 0, LDRT_RESPONSE_IPR, "bar reset after the unconfirmed iUPD of 2023-03-01: sum -40.0% from baseline 50.0 mm" },
    { 4, 0, LDRT_RESPONSE_ISD, "bar reset after the unconfirmed iUPD of 2023-03-01: sum -20.0% from baseline 50.0 mm, +0.0% (+0.0 mm) from nadir 40.0 mm: neither PR (<= -30%) nor PD (>= +20% and >= +5 mm)" },
    /* Row 5: new lesions with targets and non-targets unchanged. */
    { 5, 0, LDRT_RESPONSE_IUPD, "the non-target and new-lesion iUPD of 2023-03-01 is neither confirmed nor reversed (iRECIST Table 2): non-target progression persists with no further increase; new lesions unchanged (1, as at the iUPD; new-lesion target sum +0.0 mm, < 5 mm; no new non-target increase) and baseline targets not smaller" },
    { 5, 1, LDRT_RESPONSE_ICPD, "confirms the non-target and new-lesion iUPD of 2023-03-01 (iRECIST Table 2): new lesions 2 (was 1 at the iUPD)" },
    /* Row 6: non-target iUPD; any further increase confirms. */
    { 6, 0, LDRT_RESPONSE_IUPD, "the non-target iUPD of 2023-03-01 is neither confirmed nor reversed (iRECIST Table 2): non-target progression persists with no further increase" },
    { 6, 1, LDRT_RESPONSE_ICPD, "confirms the non-target iUPD of 2023-03-01 (iRECIST Table 2): further increase of non-target disease after the non-target iUPD (need not be unequivocal)" },
    /* ... and targets that newly meet PD confirm it as another category:
     * the reason names that rule, not a growth since the iUPD. */
    { 6, 2, LDRT_RESPONSE_ICPD, "confirms the non-target iUPD of 2023-03-01 (iRECIST Table 2): target lesions newly meet RECIST PD (another category): sum +25.0% (+10.0 mm) from nadir 40.0 mm" },
    /* Row 7: target iUPD; a further >= 5 mm confirms, < 5 mm stays. */
    { 7, 0, LDRT_RESPONSE_IUPD, "the target iUPD of 2023-03-01 is neither confirmed nor reversed (iRECIST Table 2): targets still meet PD, target sum +4.0 mm since the iUPD (< 5 mm)" },
    { 7, 1, LDRT_RESPONSE_ICPD, "confirms the target iUPD of 2023-03-01 (iRECIST Table 2): target sum +5.0 mm since the iUPD (60.0 -> 65.0 mm, >= 5 mm)" },
    /* Row 8: target and non-target iUPD. */
    { 8, 0, LDRT_RESPONSE_IUPD, "the target and non-target iUPD of 2023-03-01 is neither confirmed nor reversed (iRECIST Table 2): targets still meet PD, target sum +4.0 mm since the iUPD (< 5 mm); non-target progression persists with no further increase" },
    { 8, 1, LDRT_RESPONSE_ICPD, "confirms the target and non-target iUPD of 2023-03-01 (iRECIST Table 2): further increase of non-target disease after the non-target iUPD (need not be unequivocal)" },
    /* Row 9: target, non-target and new-lesion iUPD. */
    { 9, 0, LDRT_RESPONSE_IUPD, "the target, non-target and new-lesion iUPD of 2023-03-01 is neither confirmed nor reversed (iRECIST Table 2): targets still meet PD, target sum +4.0 mm since the iUPD (< 5 mm); non-target progression persists with no further increase; new lesions unchanged (1, as at the iUPD; new-lesion target sum +0.0 mm, < 5 mm; no new non-target increase) and baseline targets not smaller" },
    { 9, 1, LDRT_RESPONSE_ICPD, "confirms the target, non-target and new-lesion iUPD of 2023-03-01 (iRECIST Table 2): target sum +6.0 mm since the iUPD (60.0 -> 66.0 mm, >= 5 mm)" },
};

START_TEST(irecist_table2_reasons)
{
    const struct itab2_row *r = &itab2[_i];
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-03-01");
    if (r->row <= 4) {
        /* A new-lesion iUPD with targets at 40 mm. */
        T(0, 40);
        NT(1, LDRT_STATE_PRESENT);
        NEW(9, LDRT_STATE_PRESENT);
    } else {
        itab2_iupd(r->row);
    }
    pb_scan("2023-04-15");
    switch (r->row * 10 + r->variant) {
    case 10: TS(0, LDRT_STATE_ABSENT); NT(1, LDRT_STATE_ABSENT); NEW(9, LDRT_STATE_ABSENT); break;
    case 20: TS(0, LDRT_STATE_ABSENT); NT(1, LDRT_STATE_PRESENT); NEW(9, LDRT_STATE_ABSENT); break;
    case 30: T(0, 30); NT(1, LDRT_STATE_PRESENT); NEW(9, LDRT_STATE_ABSENT); break;
    case 40: T(0, 40); NT(1, LDRT_STATE_PRESENT); NEW(9, LDRT_STATE_ABSENT); break;
    case 50: T(0, 40); NT(1, LDRT_STATE_PROGRESSION); NEW(9, LDRT_STATE_PRESENT); break;
    case 51: T(0, 40); NT(1, LDRT_STATE_PROGRESSION); NEW(9, LDRT_STATE_PRESENT); NEW(10, LDRT_STATE_PRESENT); break;
    case 60: T(0, 40); NT(1, LDRT_STATE_PROGRESSION); break;
    case 61: T(0, 40); NT(1, LDRT_STATE_INCREASED); break;
    case 62: T(0, 50); NT(1, LDRT_STATE_PROGRESSION); break;
    case 70: T(0, 64); NT(1, LDRT_STATE_PRESENT); break;
    case 71: T(0, 65); NT(1, LDRT_STATE_PRESENT); break;
    case 80: T(0, 64); NT(1, LDRT_STATE_PROGRESSION); break;
    case 81: T(0, 64); NT(1, LDRT_STATE_INCREASED); break;
    case 90: T(0, 64); NT(1, LDRT_STATE_PROGRESSION); NEW(9, LDRT_STATE_PRESENT); break;
    default: T(0, 66); NT(1, LDRT_STATE_PROGRESSION); NEW(9, LDRT_STATE_PRESENT); break;
    }
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_IRECIST, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_IUPD);
    ck_assert_msg(overall_at(a, 2) == r->want, "Table 2 row %d.%d: got %s (%s)", r->row,
                  r->variant, ldrt_response_label_name(overall_at(a, 2)),
                  ldrt_assessment_reason(a, 2));
    ck_assert_str_eq(ldrt_assessment_reason(a, 2), r->reason);
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(percist_cmr_blood_pool)
{
    static const struct {
        double follow, pool;
        int want;
        const char *reason;
    } rows[] = {
        { 0.9, 1.2, LDRT_RESPONSE_CMR,
          "hottest SULpeak 0.90 < mean liver SUL 1.00 and <= blood-pool SUL 1.20; no new lesion" },
        { 0.9, 0.9, LDRT_RESPONSE_CMR,
          "hottest SULpeak 0.90 < mean liver SUL 1.00 and <= blood-pool SUL 0.90; no new lesion" },
        { 0.9, 0.8, LDRT_RESPONSE_PMR,
          "hottest SULpeak 0.90 vs 6.00 at baseline: -85.0% (-5.10 SUL); not CMR: above the "
          "blood-pool SUL 0.80" },
        { 0.9, NAN, LDRT_RESPONSE_CMR,
          "hottest SULpeak 0.90 < mean liver SUL 1.00 (blood pool not recorded); no new lesion" },
        { 1.0, 1.5, LDRT_RESPONSE_PMR,
          "hottest SULpeak 1.00 vs 6.00 at baseline: -83.3% (-5.00 SUL); not CMR: not below the "
          "mean liver SUL 1.00" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        pb_reset();
        pb_scan("2023-07-01");
        pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, 6.0);
        pb_row(0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, 1.0);
        pb_scan("2023-09-01");
        pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, rows[i].follow);
        pb_row(0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, 1.0);
        if (!isnan(rows[i].pool))
            pb_row(0, LDRT_ROLE_BLOOD_POOL, LDRT_STATE_PRESENT, rows[i].pool);
        ldrt_assessment *a = pb_assess(LDRT_CRITERIA_PERCIST10, NULL);
        ck_label(overall_at(a, 1), rows[i].want);
        ck_assert_str_eq(ldrt_assessment_reason(a, 1), rows[i].reason);
        ldrt_assessment_free(a);
    }
    /* Two blood-pool rows in one scan are refused, naming the row. */
    pb_reset();
    pb_scan("2023-07-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, 6.0);
    pb_row(0, LDRT_ROLE_BLOOD_POOL, LDRT_STATE_PRESENT, 1.0);
    pb_row(0, LDRT_ROLE_BLOOD_POOL, LDRT_STATE_PRESENT, 1.1);
    ldrt_assessment *a = NULL;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_PERCIST10, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, &a),
                    LDRT_EINVAL, "role[2]: a second blood-pool row");
}
END_TEST

START_TEST(percist_hottest_lesion_and_warnings)
{
    /* The hottest lesion of each scan, not the same lesion: baseline A 5.0,
     * B 3.0 (hottest 5.0); follow-up A 2.0, B 4.5 (hottest 4.5): -10% SMD,
     * although lesion A alone fell 60%. Liver 2.0 -> 2.5 (+25%, +0.5):
     * outside 20% and 0.3: a comparability warning. */
    pb_reset();
    pb_scan("2023-07-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, 5.0);
    pb_row(1, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, 3.0);
    pb_row(0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, 2.0);
    pb_scan("2023-09-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, 2.0);
    pb_row(1, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, 4.5);
    pb_row(0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, 2.5);
    pb_scan("2023-11-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_ABSENT, NAN);
    pb_row(1, LDRT_ROLE_TARGET, LDRT_STATE_ABSENT, NAN);
    pb_row(0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, 2.1);
    pb_scan("2024-01-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_ABSENT, NAN);
    pb_row(1, LDRT_ROLE_TARGET, LDRT_STATE_ABSENT, NAN);
    NEW(2, LDRT_STATE_PRESENT);
    pb_row(0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, 2.1);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_PERCIST10, NULL);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_SMD);
    ck_assert_str_eq(ldrt_assessment_reason(a, 1), "hottest SULpeak 4.50 vs 5.00 at baseline: -10.0% (-0.50 SUL)");
    ck_label(overall_at(a, 2), LDRT_RESPONSE_CMR);
    ck_label(overall_at(a, 3), LDRT_RESPONSE_PMD);
    ck_assert_str_eq(ldrt_assessment_reason(a, 3), "new FDG-avid lesion");
    ck_assert_uint_eq(ldrt_assessment_warning_count(a), 1);
    ck_assert_ptr_nonnull(strstr(ldrt_assessment_warning(a, 0), "2023-09-01: mean liver SUL 2.50 vs 2.00"));
    ck_label(best(a, 0), LDRT_RESPONSE_CMR);
    double v;
    tu_assert_ok(ldrt_assessment_values(a, 1, &v, NULL, NULL));
    ck_assert_double_eq_tol(v, 4.5, 1e-9);
    ldrt_assessment_free(a);

    /* Thresholds are settings: PMR at 25% makes -28% a PMR. */
    ldrt_response_options *o;
    tu_assert_ok(ldrt_response_options_new(&o));
    tu_assert_ok(ldrt_response_options_set(o, LDRT_SET_PERCIST_PMR_PCT, 25));
    pb_reset();
    pb_scan("2023-07-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, 10.0);
    pb_scan("2023-09-01");
    pb_row(0, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, 7.2);
    a = pb_assess(LDRT_CRITERIA_PERCIST10, o);
    ck_label(overall_at(a, 1), LDRT_RESPONSE_PMR);
    /* No liver values: one warning that comparability was not checked. */
    ck_assert_uint_eq(ldrt_assessment_warning_count(a), 1);
    ldrt_assessment_free(a);
    ldrt_response_options_free(o);
}
END_TEST

/* ---- SITC resistance [SITC] ------------------------------------------------------------ */

static const struct resist_row {
    const char *first, *last;
    int n;
    const char *dates[5];
    int32_t labels[5];
    int category;
    const char *missing;
    const char *why;
} resist_rows[] = {
    { "2023-01-01", NULL, 2, { "2023-03-01", "2023-04-01" }, { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_PRIMARY, "", "59 days of exposure >= 42, best response PD, PD confirmed 31 days later" },
    { "2023-01-01", NULL, 3, { "2023-02-15", "2023-05-01", "2023-06-01" },
      { LDRT_RESPONSE_SD, LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_PRIMARY, "", "SD for 120 days < 183, confirmed PD" },
    { "2023-01-01", NULL, 3, { "2023-03-01", "2023-09-01", "2023-10-01" },
      { LDRT_RESPONSE_PR, LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_SECONDARY, "", "PR, exposure 243 days >= 183, confirmed PD" },
    { "2023-01-01", NULL, 3, { "2023-03-01", "2023-08-01", "2023-09-01" },
      { LDRT_RESPONSE_SD, LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_SECONDARY, "", "SD for 212 days > 183, exposure 212 days, confirmed PD" },
    { "2023-01-01", NULL, 1, { "2023-03-01" }, { LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_INSUFFICIENT, "confirmatory scan >= 28 days after PD on 2023-03-01", "no confirmatory scan" },
    { "2023-01-01", NULL, 2, { "2023-03-01", "2023-03-20" }, { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_INSUFFICIENT, "confirmatory scan >= 28 days after PD on 2023-03-01", "19 days is too soon" },
    { "2023-01-01", NULL, 2, { "2023-01-31", "2023-03-01" }, { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_INSUFFICIENT, "drug exposure >= 42 days before PD", "30 days of exposure" },
    { "2023-01-01", NULL, 2, { "2023-03-01", "2023-04-10" }, { LDRT_RESPONSE_PD, LDRT_RESPONSE_PR },
      LDRT_RESISTANCE_NONE, "", "PD not confirmed: PR 40 days later" },
    { "2023-01-01", "2023-03-01", 2, { "2023-08-01", "2023-09-01" }, { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_AFTER_DISCONTINUATION, "", "PD 153 days after the last dose > 84" },
    { NULL, NULL, 1, { "2023-03-01" }, { LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_INSUFFICIENT, "date of the first dose", "no first dose" },
    { "2023-01-01", NULL, 0, { NULL }, { 0 }, LDRT_RESISTANCE_INSUFFICIENT,
      "a response assessment after the first dose", "no scan" },
    { "2023-01-01", NULL, 2, { "2023-03-01", "2023-05-01" }, { LDRT_RESPONSE_SD, LDRT_RESPONSE_PR },
      LDRT_RESISTANCE_NONE, "", "no progression" },
    { "2023-01-01", NULL, 3, { "2023-03-01", "2023-05-01", "2023-06-01" },
      { LDRT_RESPONSE_PR, LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      LDRT_RESISTANCE_INSUFFICIENT, "drug exposure >= 183 days for secondary resistance",
      "responder progressing after 120 days: neither primary nor secondary" },
    /* The seed case after the 2023 rechallenge (April 2023): PD on the July
     * 2023 PET (2023-07-01 - 2023-04-30 = 62 days >= 42 at least), then the
     * first scan >= 28 days later (September 2023) shows PR after L-XRT: the
     * progression is not confirmed, so SITC primary resistance is not
     * established; the response after L-XRT reverses the progression. */
    { "2023-04", NULL, 3, { "2023-07", "2023-09", "2023-12" },
      { LDRT_RESPONSE_PD, LDRT_RESPONSE_PR, LDRT_RESPONSE_CR },
      LDRT_RESISTANCE_NONE, "", "seed case: PD on 2023-07 not confirmed" },
};

START_TEST(resistance_row)
{
    const struct resist_row *r = &resist_rows[_i];
    ldrt_date first = 0, last = 0, dates[5];
    if (r->first) tu_assert_ok(ldrt_date_parse(r->first, &first));
    if (r->last) tu_assert_ok(ldrt_date_parse(r->last, &last));
    for (int i = 0; i < r->n; i++)
        tu_assert_ok(ldrt_date_parse(r->dates[i], &dates[i]));
    ldrt_resistance_result *res = NULL;
    tu_assert_ok(ldrt_resistance_classify(NULL, first, last, (size_t)r->n, dates, r->labels, &res));
    int cat = -1;
    tu_assert_ok(ldrt_resistance_category(res, &cat));
    ck_assert_msg(cat == r->category, "%s: got %s (%s)", r->why, ldrt_resistance_name(cat),
                  ldrt_resistance_reason(res));
    ck_assert_str_eq(ldrt_resistance_missing(res), r->missing);
    ck_assert_ptr_nonnull(ldrt_resistance_reason(res));
    ck_assert_uint_gt(strlen(ldrt_resistance_reason(res)), 10);
    ldrt_resistance_result_free(res);
}
END_TEST

/* ldrt_resistance_classify_line(): the setting of the line [Kluger 2020,
 * Table 1: "Definitions of primary and secondary resistance in advanced
 * disease setting"] and the confirmation window bounded by the next
 * intervention (the library's convention, documented in response.md). */
static const struct line_row {
    int setting;
    const char *first;
    int n;
    const char *dates[4];
    int32_t labels[4];
    int n_cut;
    const char *cuts[3];
    int category;
    const char *missing;
    const char *why;
} line_rows[] = {
    /* The seed case's adjuvant nivolumab (March 2021, intent "adjuvant"):
     * recurrence in October 2021 is not primary resistance. */
    { LDRT_LINE_ADJUVANT, "2021-03", 2, { "2021-10", "2022-01" }, { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      0, { NULL }, LDRT_RESISTANCE_NOT_APPLICABLE, "", "adjuvant line: advanced-disease definitions do not apply" },
    { LDRT_LINE_NEOADJUVANT, "2023-01-01", 0, { NULL }, { 0 }, 0, { NULL },
      LDRT_RESISTANCE_NOT_APPLICABLE, "", "neoadjuvant line without progression" },
    /* Same scans as the first row of resist_rows (primary resistance), but a
     * radiotherapy course 2023-03-15 falls between the PD (2023-03-01) and
     * the scan 31 days later: the window closes, nothing confirms it. */
    { LDRT_LINE_ADVANCED, "2023-01-01", 2, { "2023-03-01", "2023-04-01" }, { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      1, { "2023-03-15" }, LDRT_RESISTANCE_INSUFFICIENT,
      "confirmatory scan >= 28 days after PD on 2023-03-01, before the next treatment on 2023-03-15",
      "scan after an intervening treatment cannot confirm" },
    /* Interventions before the PD, or after the confirmatory scan, do not
     * matter: primary resistance as without them. */
    { LDRT_LINE_ADVANCED, "2023-01-01", 2, { "2023-03-01", "2023-04-01" }, { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },
      2, { "2023-02-01", "2023-04-02" }, LDRT_RESISTANCE_PRIMARY, "", "interventions outside the window" },
    /* The confirmatory scan is the next evaluable one >= 28 days after PD,
     * not a later one: PD 2023-03-01, SD 2023-04-01 (31 days): not confirmed,
     * whatever a scan after a new line (2023-06) shows. */
    { LDRT_LINE_ADVANCED, "2023-01-01", 3, { "2023-03-01", "2023-04-01", "2024-09-01" },
      { LDRT_RESPONSE_PD, LDRT_RESPONSE_SD, LDRT_RESPONSE_PD }, 1, { "2023-06-01" },
      LDRT_RESISTANCE_NONE, "", "the next scan >= 28 days decides" },
    /* An intervention in the same month as a partial PD date may fall after
     * it: the window is closed (seed case: PD 2023-07, L-XRT from
     * 2023-07-21, PR on 2023-09 after it). */
    { LDRT_LINE_ADVANCED, "2023-04", 3, { "2023-07", "2023-09", "2023-12" },
      { LDRT_RESPONSE_PD, LDRT_RESPONSE_PR, LDRT_RESPONSE_CR }, 1, { "2023-07-21" },
      LDRT_RESISTANCE_INSUFFICIENT,
      "confirmatory scan >= 28 days after PD on 2023-07, before the next treatment on 2023-07-21",
      "seed case: the L-XRT response cannot refute the July 2023 PD" },
};

START_TEST(resistance_line_row)
{
    const struct line_row *r = &line_rows[_i];
    ldrt_date first = 0, dates[4], cuts[3];
    tu_assert_ok(ldrt_date_parse(r->first, &first));
    for (int i = 0; i < r->n; i++)
        tu_assert_ok(ldrt_date_parse(r->dates[i], &dates[i]));
    for (int i = 0; i < r->n_cut; i++)
        tu_assert_ok(ldrt_date_parse(r->cuts[i], &cuts[i]));
    ldrt_resistance_result *res = NULL;
    tu_assert_ok(ldrt_resistance_classify_line(NULL, r->setting, first, 0, (size_t)r->n, dates,
                                               r->labels, (size_t)r->n_cut, cuts, &res));
    int cat = -1;
    tu_assert_ok(ldrt_resistance_category(res, &cat));
    ck_assert_msg(cat == r->category, "%s: got %s (%s)", r->why, ldrt_resistance_name(cat),
                  ldrt_resistance_reason(res));
    ck_assert_str_eq(ldrt_resistance_missing(res), r->missing);
    if (r->category == LDRT_RESISTANCE_NOT_APPLICABLE)
        ck_assert_ptr_nonnull(strstr(ldrt_resistance_reason(res), "advanced-disease setting"));
    ldrt_resistance_result_free(res);
}
END_TEST

START_TEST(resistance_line_bad_arguments)
{
    ldrt_resistance_result *res = NULL;
    ldrt_date d[2] = { 20230301, 20230401 }, cut[1] = { 20230230 };
    int32_t l[2] = { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD };
    tu_assert_error(ldrt_resistance_classify_line(NULL, 3, 20230101, 0, 2, d, l, 0, NULL, &res),
                    LDRT_EINVAL, "setting");
    tu_assert_error(ldrt_resistance_classify_line(NULL, -1, 20230101, 0, 2, d, l, 0, NULL, &res),
                    LDRT_EINVAL, "setting");
    tu_assert_error(ldrt_resistance_classify_line(NULL, 0, 20230101, 0, 2, d, l, 1, NULL, &res),
                    LDRT_EINVAL, "interventions");
    tu_assert_error(ldrt_resistance_classify_line(NULL, 0, 20230101, 0, 2, d, l, 1, cut, &res),
                    LDRT_EINVAL, "interventions[0]");
    tu_assert_error(ldrt_resistance_classify_line(NULL, 0, 20230101, 0, 2, d, l, 0, NULL, NULL),
                    LDRT_EINVAL, "out");
    ck_assert_ptr_null(res);
    ck_assert_str_eq(ldrt_resistance_name(LDRT_RESISTANCE_NOT_APPLICABLE), "not applicable");
}
END_TEST

START_TEST(resistance_bad_arguments)
{
    ldrt_resistance_result *res = NULL;
    ldrt_date d[2] = { 20230301, 20230201 };
    int32_t l[2] = { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD };
    tu_assert_error(ldrt_resistance_classify(NULL, 20230101, 0, 2, d, l, NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_resistance_classify(NULL, 20230101, 0, 2, d, l, &res), LDRT_EINVAL, "dates[1]");
    d[1] = 20230401;
    tu_assert_error(ldrt_resistance_classify(NULL, 20230230, 0, 2, d, l, &res), LDRT_EINVAL, "first_dose");
    tu_assert_error(ldrt_resistance_classify(NULL, 20230101, 20230230, 2, d, l, &res), LDRT_EINVAL, "last_dose");
    tu_assert_error(ldrt_resistance_classify(NULL, 20230201, 20230101, 2, d, l, &res), LDRT_EINVAL, "last_dose");
    tu_assert_error(ldrt_resistance_classify(NULL, 20230101, 0, 2, NULL, l, &res), LDRT_EINVAL, "dates");
    tu_assert_error(ldrt_resistance_classify(NULL, 20230101, 0, 2, d, NULL, &res), LDRT_EINVAL, "labels");
    l[1] = LDRT_RESPONSE_PMD;
    tu_assert_error(ldrt_resistance_classify(NULL, 20230101, 0, 2, d, l, &res), LDRT_EINVAL, "labels[1]");
    l[1] = 77;
    tu_assert_error(ldrt_resistance_classify(NULL, 20230101, 0, 2, d, l, &res), LDRT_EINVAL, "labels[1]");
    ck_assert_ptr_null(res);
    int c;
    tu_assert_error(ldrt_resistance_category(NULL, &c), LDRT_EINVAL, "r");
    ck_assert_ptr_null(ldrt_resistance_missing(NULL));
    ck_assert_ptr_null(ldrt_resistance_reason(NULL));
    ldrt_resistance_result_free(NULL);
}
END_TEST

/* ---- abscopal ------------------------------------------------------------------------ */

START_TEST(abscopal_flags)
{
    /* Default: >= 30% decrease of the longest diameter of an out-of-field
     * lesion (Golden et al. 2015 operational definition; see the guide).
     * 20 -> 14 = -30.0%: yes. 20 -> 14.01: -29.95%: no. In field 20 -> 10: no
     * (local response, not abscopal). Unknown: no. 0 -> 0: no. */
    double before[] = { 20, 20, 20, NAN, 0, 33.3 };
    double after[] = { 14, 14.01, 10, 5, 0, 23.31 };
    uint8_t in_field[] = { 0, 0, 1, 0, 0, 0 };
    double change[6];
    uint8_t flag[6];
    size_t count = 99;
    tu_assert_ok(ldrt_abscopal_arrays(NULL, 6, before, after, in_field, change, flag, &count));
    ck_assert_int_eq(flag[0], 1);
    ck_assert_int_eq(flag[1], 0);
    ck_assert_int_eq(flag[2], 0);
    ck_assert_int_eq(flag[3], 0);
    ck_assert_int_eq(flag[4], 0);
    /* 33.3 -> 23.31 = 0.7 x 33.3 exactly (-30%): yes (exact to 0.01 mm). */
    ck_assert_int_eq(flag[5], 1);
    ck_assert_uint_eq(count, 2);
    ck_assert_double_eq_tol(change[0], -30.0, 1e-9);
    ck_assert(isnan(change[3]));
    ldrt_response_options *o;
    tu_assert_ok(ldrt_response_options_new(&o));
    tu_assert_ok(ldrt_response_options_set(o, LDRT_SET_ABSCOPAL_PCT, 50));
    tu_assert_ok(ldrt_abscopal_arrays(o, 6, before, after, in_field, NULL, flag, NULL));
    ck_assert_int_eq(flag[0], 0);
    ldrt_response_options_free(o);
    before[1] = -1;
    tu_assert_error(ldrt_abscopal_arrays(NULL, 6, before, after, in_field, change, flag, &count),
                    LDRT_EINVAL, "before_mm[1]");
    before[1] = 20;
    after[2] = INFINITY;
    tu_assert_error(ldrt_abscopal_arrays(NULL, 6, before, after, in_field, change, flag, &count),
                    LDRT_EINVAL, "after_mm[2]");
    after[2] = 10;
    in_field[0] = 2;
    tu_assert_error(ldrt_abscopal_arrays(NULL, 6, before, after, in_field, change, flag, &count),
                    LDRT_EINVAL, "in_field[0]");
    tu_assert_error(ldrt_abscopal_arrays(NULL, 6, NULL, after, in_field, change, flag, &count),
                    LDRT_EINVAL, "before_mm");
    tu_assert_error(ldrt_abscopal_arrays(NULL, 6, before, after, in_field, change, NULL, &count),
                    LDRT_EINVAL, "abscopal");
    tu_assert_ok(ldrt_abscopal_arrays(NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL));
}
END_TEST

/* ---- the cohort engine ------------------------------------------------------------------ */

/* Deterministic generator (64-bit LCG, Knuth MMIX constants). */
static uint64_t lcg_state;
static uint32_t lcg(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}

START_TEST(cohort_matches_per_patient_assessment)
{
    /* 300 synthetic patients through the cohort call, each compared with its
     * own per-patient assessment (same engine, different entry: offsets,
     * output arrays and the per-patient wrapper must agree). */
    enum { NP = 300 };
    static int64_t poff[NP + 1], toff[NP * 8 + 1];
    static int32_t les[NP * 8 * 6];
    static uint8_t rol[NP * 8 * 6], sta[NP * 8 * 6];
    static double val[NP * 8 * 6];
    static int32_t ov[NP * 8], tg[NP * 8], ntg[NP * 8], ru[NP * 8];
    static double sm[NP * 8];
    lcg_state = 42;
    int64_t t = 0, r = 0;
    for (int p = 0; p < NP; p++) {
        poff[p] = t;
        int ntp = 1 + (int)(lcg() % 6), nt = (int)(lcg() % 4), nnt = (int)(lcg() % 3);
        double size[4];
        for (int k = 0; k < ntp; k++, t++) {
            toff[t] = r;
            for (int l = 0; l < nt; l++, r++) {
                if (k == 0) size[l] = 10 + lcg() % 40;
                else size[l] = size[l] * (0.6 + (lcg() % 60) / 100.0);
                les[r] = l;
                rol[r] = LDRT_ROLE_TARGET;
                sta[r] = LDRT_STATE_PRESENT;
                val[r] = size[l];
                if (k > 0 && lcg() % 20 == 0) sta[r] = LDRT_STATE_NOT_EVALUATED;
                if (k > 0 && lcg() % 15 == 0) sta[r] = LDRT_STATE_ABSENT;
            }
            for (int l = 0; l < nnt; l++, r++) {
                les[r] = 4 + l;
                rol[r] = LDRT_ROLE_NON_TARGET;
                sta[r] = k == 0 ? LDRT_STATE_PRESENT : (uint8_t)(lcg() % 2 ? LDRT_STATE_PRESENT : LDRT_STATE_ABSENT);
                if (k > 0 && lcg() % 25 == 0) sta[r] = LDRT_STATE_PROGRESSION;
                val[r] = NAN;
            }
            if (k > 0 && lcg() % 12 == 0) {
                les[r] = 9;
                rol[r] = LDRT_ROLE_NEW;
                sta[r] = LDRT_STATE_PRESENT;
                val[r] = NAN;
                r++;
            }
        }
    }
    poff[NP] = t;
    toff[t] = r;
    tu_assert_ok(ldrt_recist_classify_arrays(NULL, NP, poff, toff, les, rol, sta, val, ov, tg,
                                             ntg, sm, ru));
    int seen[8] = { 0 }, reread = 0;
    for (int p = 0; p < NP; p++) {
        size_t n = (size_t)(poff[p + 1] - poff[p]);
        ldrt_date dates[8];
        int64_t off[9];
        for (size_t k = 0; k < n; k++) {
            ldrt_date_add_days(20230101, (int64_t)k * 60, &dates[k]);
            off[k] = toff[poff[p] + (int64_t)k] - toff[poff[p]];
        }
        off[n] = toff[poff[p + 1]] - toff[poff[p]];
        int64_t r0 = toff[poff[p]];
        ldrt_assessment *a = NULL;
        tu_assert_ok(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, n, dates, off, les + r0,
                                        rol + r0, sta + r0, val + r0, &a));
        for (size_t k = 0; k < n; k++) {
            int o, tt, nn, rr;
            double s;
            tu_assert_ok(ldrt_assessment_timepoint(a, k, NULL, &o, &tt, &nn, NULL));
            tu_assert_ok(ldrt_assessment_rule(a, k, &rr));
            tu_assert_ok(ldrt_assessment_values(a, k, &s, NULL, NULL));
            int64_t g = poff[p] + (int64_t)k;
            /* The cohort call has no dates, so it reads a reappearance after
             * any overall CR as PD (as when confirmation is not required);
             * the per-patient path does so only after a confirmed CR, and
             * its reason says when it did not. */
            if ((ru[g] == LDRT_RULE_TARGET_REAPPEARED ||
                 ru[g] == LDRT_RULE_NON_TARGET_REAPPEARED) && rr != ru[g]) {
                ck_assert_ptr_nonnull(strstr(ldrt_assessment_reason(a, k), "not confirmed"));
                reread++;
                continue;
            }
            ck_assert_int_eq(o, ov[g]);
            ck_assert_int_eq(tt, tg[g]);
            ck_assert_int_eq(nn, ntg[g]);
            ck_assert_int_eq(rr, ru[g]);
            if (k > 0 && !isnan(sm[g]))
                ck_assert_double_eq_tol(s, sm[g], 1e-9);
            if (ov[g] >= 0 && ov[g] < 8) seen[ov[g]]++;
        }
        ldrt_assessment_free(a);
    }
    /* The generator reaches every RECIST label, and the re-reading. */
    for (int l = LDRT_RESPONSE_CR; l <= LDRT_RESPONSE_NON_CR_NON_PD; l++)
        ck_assert_msg(seen[l] > 0, "label %s never produced", ldrt_response_label_name(l));
    ck_assert_int_gt(reread, 0);
}
END_TEST


/* An independent RECIST 1.1 classifier for the randomised comparison below:
 * written from Tables 1-2 and section 4 of RECIST 1.1 directly, per lesion
 * (lookups by lesion index, sizes in integer tenths of a millimetre), sharing
 * no code with the library. */
enum { RL_MAXL = 12 };
typedef struct {
    int present;      /* row given */
    int role, nodal, state;
    int tenths;       /* size, when measured */
} ref_row;

static int ref_size(const ref_row *r)
{
    if (!r->present) return -1;
    if (r->state == LDRT_STATE_TOO_SMALL) return 50;
    if (r->state == LDRT_STATE_ABSENT) return 0;
    if (r->state == LDRT_STATE_PRESENT && r->tenths >= 0) return r->tenths;
    return -1;
}

static void ref_classify(int ntp, ref_row rows[][RL_MAXL], int *out)
{
    int is_t[RL_MAXL] = { 0 }, is_nt[RL_MAXL] = { 0 }, nt_count = 0, t_count = 0;
    long base = 0;
    int incomplete = 0;
    for (int l = 0; l < RL_MAXL; l++) {
        const ref_row *r = &rows[0][l];
        if (!r->present) continue;
        if (r->role == LDRT_ROLE_TARGET) {
            is_t[l] = 1;
            t_count++;
            if (ref_size(r) < 0) incomplete = 1; else base += ref_size(r);
        } else if (r->role == LDRT_ROLE_NON_TARGET) {
            is_nt[l] = 1;
            nt_count++;
        }
    }
    long nadir = base;
    int prev_cr = 0;
    out[0] = LDRT_RESPONSE_NONE;
    for (int k = 1; k < ntp; k++) {
        long known = 0;
        int missing = 0, all_gone = 1, reappeared = 0;
        for (int l = 0; l < RL_MAXL; l++) {
            if (!is_t[l]) continue;
            const ref_row *r = &rows[k][l];
            int sz = ref_size(r);
            if (sz < 0) { missing++; continue; }
            known += sz;
            int residual = r->nodal ? sz >= 100 : sz > 0;
            if (residual) { all_gone = 0; if (prev_cr) reappeared = 1; }
        }
        int nt_pd = 0, nt_ne = 0, nt_present = 0;
        for (int l = 0; l < RL_MAXL; l++) {
            if (!is_nt[l]) continue;
            const ref_row *r = &rows[k][l];
            if (!r->present || r->state == LDRT_STATE_NOT_EVALUATED) { nt_ne = 1; continue; }
            if (r->state == LDRT_STATE_PROGRESSION) { nt_pd = 1; continue; }
            int normal = r->state == LDRT_STATE_ABSENT ||
                         (r->nodal && (r->state == LDRT_STATE_TOO_SMALL ||
                                       (r->state == LDRT_STATE_PRESENT && r->tenths >= 0 && r->tenths < 100)));
            if (!normal) { nt_present = 1; if (prev_cr) nt_pd = 1; }
        }
        int new_lesion = 0;
        for (int l = 0; l < RL_MAXL; l++) {
            const ref_row *r = &rows[k][l];
            if (r->present && (r->role == LDRT_ROLE_NEW || r->role == LDRT_ROLE_NEW_TARGET) &&
                (r->state == LDRT_STATE_PRESENT || r->state == LDRT_STATE_TOO_SMALL ||
                 r->state == LDRT_STATE_PROGRESSION || r->state == LDRT_STATE_INCREASED))
                new_lesion = 1;
        }
        /* Target response. */
        int t = LDRT_RESPONSE_NONE;
        if (t_count > 0) {
            if (incomplete) t = LDRT_RESPONSE_NE;
            else if ((known * 10 >= nadir * 12 && known - nadir >= 50) || reappeared) t = LDRT_RESPONSE_PD;
            else if (missing) t = LDRT_RESPONSE_NE;
            else if (all_gone) t = LDRT_RESPONSE_CR;
            else if (known * 10 <= base * 7) t = LDRT_RESPONSE_PR;
            else t = LDRT_RESPONSE_SD;
        }
        int nt = LDRT_RESPONSE_NONE;
        if (nt_count > 0)
            nt = nt_pd ? LDRT_RESPONSE_PD : nt_ne ? LDRT_RESPONSE_NE
               : nt_present ? LDRT_RESPONSE_NON_CR_NON_PD : LDRT_RESPONSE_CR;
        int o;
        if (t == LDRT_RESPONSE_PD || nt == LDRT_RESPONSE_PD || new_lesion) o = LDRT_RESPONSE_PD;
        else if (t_count > 0) {
            if (t == LDRT_RESPONSE_NE) o = LDRT_RESPONSE_NE;
            else if (t == LDRT_RESPONSE_CR)
                o = (nt == LDRT_RESPONSE_CR || nt == LDRT_RESPONSE_NONE) ? LDRT_RESPONSE_CR : LDRT_RESPONSE_PR;
            else o = t;
        } else if (nt_count > 0) {
            o = nt == LDRT_RESPONSE_CR ? LDRT_RESPONSE_CR
              : nt == LDRT_RESPONSE_NON_CR_NON_PD ? LDRT_RESPONSE_NON_CR_NON_PD : LDRT_RESPONSE_NE;
        } else o = LDRT_RESPONSE_NE;
        out[k] = o;
        if (t_count > 0 && !incomplete && !missing && known < nadir) nadir = known;
        if (o != LDRT_RESPONSE_NE) prev_cr = o == LDRT_RESPONSE_CR;
    }
}

START_TEST(cohort_matches_independent_reference)
{
    /* 2000 random patients with targets (some nodal), non-targets, new
     * lesions, missing and too-small measurements, equivocal new lesions and
     * disappearances: every label of the library equals the independent
     * classifier's. Sizes are whole tenths of a millimetre. */
    enum { NP = 2000, MAXTPP = 8 };
    static int64_t poff[NP + 1], toff[NP * MAXTPP + 1];
    static int32_t les[NP * MAXTPP * RL_MAXL];
    static uint8_t rol[NP * MAXTPP * RL_MAXL], sta[NP * MAXTPP * RL_MAXL];
    static double val[NP * MAXTPP * RL_MAXL];
    static int32_t ov[NP * MAXTPP];
    static ref_row rows[NP][MAXTPP][RL_MAXL];
    static int ntps[NP];
    lcg_state = 2027;
    int64_t t = 0, r = 0;
    memset(rows, 0, sizeof rows);
    for (int p = 0; p < NP; p++) {
        poff[p] = t;
        int ntp = 2 + (int)(lcg() % (MAXTPP - 1)), nt = (int)(lcg() % 4), nnt = (int)(lcg() % 3);
        ntps[p] = ntp;
        int tenths[RL_MAXL], nodal[RL_MAXL];
        for (int l = 0; l < nt + nnt; l++) {
            nodal[l] = lcg() % 4 == 0;
            tenths[l] = (int)(100 + lcg() % 400);
        }
        for (int k = 0; k < ntp; k++, t++) {
            toff[t] = r;
            for (int l = 0; l < nt + nnt; l++) {
                int is_target = l < nt;
                ref_row *x = &rows[p][k][l];
                if (k > 0 && lcg() % 25 == 0)
                    continue; /* row absent: not evaluated */
                x->present = 1;
                x->role = is_target ? LDRT_ROLE_TARGET : LDRT_ROLE_NON_TARGET;
                x->nodal = nodal[l];
                x->tenths = -1;
                int u = (int)(lcg() % 100);
                if (is_target) {
                    if (k > 0) tenths[l] = tenths[l] * (60 + (int)(lcg() % 70)) / 100;
                    x->state = LDRT_STATE_PRESENT;
                    x->tenths = tenths[l];
                    if (k > 0 && u < 10) { x->state = LDRT_STATE_ABSENT; x->tenths = -1; }
                    else if (k > 0 && u < 14) { x->state = LDRT_STATE_TOO_SMALL; x->tenths = -1; }
                    else if (k > 0 && u < 18) { x->state = LDRT_STATE_NOT_EVALUATED; x->tenths = -1; }
                    else if (k > 0 && u < 21) x->tenths = -1; /* NaN: not evaluated */
                } else {
                    x->state = k == 0 ? LDRT_STATE_PRESENT
                             : u < 40 ? LDRT_STATE_PRESENT : u < 75 ? LDRT_STATE_ABSENT
                             : u < 82 ? LDRT_STATE_NOT_EVALUATED : u < 86 ? LDRT_STATE_PROGRESSION
                             : u < 92 ? LDRT_STATE_INCREASED : LDRT_STATE_TOO_SMALL;
                    if (x->state == LDRT_STATE_PRESENT && x->nodal && lcg() % 2)
                        x->tenths = (int)(50 + lcg() % 150);
                }
                les[r] = l;
                rol[r] = (uint8_t)(x->role | (x->nodal ? LDRT_ROLE_NODAL : 0));
                sta[r] = (uint8_t)x->state;
                val[r] = x->tenths >= 0 ? x->tenths / 10.0 : NAN;
                r++;
            }
            if (k > 0 && lcg() % 10 == 0) {
                ref_row *x = &rows[p][k][RL_MAXL - 1];
                x->present = 1;
                x->role = lcg() % 2 ? LDRT_ROLE_NEW : LDRT_ROLE_NEW_TARGET;
                x->state = lcg() % 3 == 0 ? LDRT_STATE_EQUIVOCAL : LDRT_STATE_PRESENT;
                x->tenths = x->role == LDRT_ROLE_NEW_TARGET ? (int)(50 + lcg() % 200) : -1;
                les[r] = RL_MAXL - 1;
                rol[r] = (uint8_t)x->role;
                sta[r] = (uint8_t)x->state;
                val[r] = x->tenths >= 0 ? x->tenths / 10.0 : NAN;
                r++;
            }
        }
    }
    poff[NP] = t;
    toff[t] = r;
    tu_assert_ok(ldrt_recist_classify_arrays(NULL, NP, poff, toff, les, rol, sta, val, ov, NULL,
                                             NULL, NULL, NULL));
    int seen[8] = { 0 };
    for (int p = 0; p < NP; p++) {
        int want[MAXTPP];
        ref_classify(ntps[p], rows[p], want);
        for (int k = 0; k < ntps[p]; k++) {
            int got = ov[poff[p] + k];
            ck_assert_msg(got == want[k], "patient %d time point %d: library %s, reference %s", p,
                          k, ldrt_response_label_name(got), ldrt_response_label_name(want[k]));
            seen[got]++;
        }
    }
    for (int l = LDRT_RESPONSE_CR; l <= LDRT_RESPONSE_NON_CR_NON_PD; l++)
        ck_assert_msg(seen[l] > 20, "label %s produced %d times", ldrt_response_label_name(l), seen[l]);
}
END_TEST

/* Regression (found by fuzzing): a cohort whose time points have no lesion
 * rows may pass NULL row arrays; no pointer arithmetic may touch them. With
 * no disease recorded at baseline nothing can be evaluated: RECIST 1.1
 * gives NE (Eisenhauer 2009, section 4.3.4: overall response needs baseline
 * lesions to compare with). */
START_TEST(cohort_without_rows_accepts_null_arrays)
{
    int64_t poff[2] = { 0, 2 }, toff[3] = { 0, 0, 0 };
    int32_t ov[2] = { -1, -1 };
    tu_assert_ok(ldrt_recist_classify_arrays(NULL, 1, poff, toff, NULL, NULL, NULL, NULL, ov, NULL,
                                             NULL, NULL, NULL));
    ck_assert_int_eq(ov[1], LDRT_RESPONSE_NE);
}
END_TEST

START_TEST(cohort_bad_arguments)
{
    int64_t poff[3] = { 0, 2, 3 }, toff[4] = { 0, 2, 4, 5 };
    int32_t les[5] = { 0, 1, 0, 1, 0 };
    uint8_t rol[5] = { LDRT_ROLE_TARGET, LDRT_ROLE_NON_TARGET, LDRT_ROLE_TARGET,
                       LDRT_ROLE_NON_TARGET, LDRT_ROLE_TARGET };
    uint8_t sta[5] = { 0, 0, 0, 0, 0 };
    double val[5] = { 20, NAN, 10, NAN, 30 };
    int32_t ov[3] = { -7, -7, -7 };
#define RUN() ldrt_recist_classify_arrays(NULL, 2, poff, toff, les, rol, sta, val, ov, NULL, NULL, NULL, NULL)
    tu_assert_ok(RUN());
    ck_label(ov[1], LDRT_RESPONSE_PR); /* 20 -> 10: -50% */
    ck_label(ov[2], LDRT_RESPONSE_NONE);
    ov[0] = ov[1] = ov[2] = -7;
    rol[3] = 9;
    tu_assert_error(RUN(), LDRT_EINVAL, "role[3]");
    rol[3] = LDRT_ROLE_NON_TARGET | 0x40;
    tu_assert_error(RUN(), LDRT_EINVAL, "role[3]");
    rol[3] = LDRT_ROLE_NON_TARGET;
    sta[2] = 9;
    tu_assert_error(RUN(), LDRT_EINVAL, "state[2]");
    sta[2] = LDRT_STATE_PROGRESSION; /* not a target state */
    tu_assert_error(RUN(), LDRT_EINVAL, "state[2]");
    sta[2] = 0;
    val[2] = -1;
    tu_assert_error(RUN(), LDRT_EINVAL, "value[2]");
    val[2] = INFINITY;
    tu_assert_error(RUN(), LDRT_EINVAL, "value[2]");
    val[2] = 10;
    les[2] = -1;
    tu_assert_error(RUN(), LDRT_EINVAL, "lesion[2]");
    les[2] = 1; /* lesion 1 was a non-target at baseline */
    tu_assert_error(RUN(), LDRT_EINVAL, "but a non-target at baseline");
    les[2] = 0;
    les[3] = 0; /* twice in one time point */
    tu_assert_error(RUN(), LDRT_EINVAL, "appears twice");
    les[3] = 1;
    rol[3] = LDRT_ROLE_NEW; /* lesion 1 cannot be new: it was at baseline */
    tu_assert_error(RUN(), LDRT_EINVAL, "was present at baseline");
    rol[3] = LDRT_ROLE_NON_TARGET;
    rol[1] = LDRT_ROLE_NEW;
    tu_assert_error(RUN(), LDRT_EINVAL, "new lesion at baseline");
    rol[1] = LDRT_ROLE_NON_TARGET;
    toff[2] = 1;
    tu_assert_error(RUN(), LDRT_EINVAL, "tp_offsets[2]");
    toff[2] = 4;
    toff[0] = 1;
    tu_assert_error(RUN(), LDRT_EINVAL, "tp_offsets[0]");
    toff[0] = 0;
    poff[1] = 4;
    tu_assert_error(RUN(), LDRT_EINVAL, "patient_offsets[2]");
    poff[1] = 2;
    poff[0] = 1;
    tu_assert_error(RUN(), LDRT_EINVAL, "patient_offsets[0]");
    poff[0] = 0;
    /* Nothing was written by the failed calls. */
    ck_assert_int_eq(ov[0], -7);
    ck_assert_int_eq(ov[1], -7);
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 2, NULL, toff, les, rol, sta, val, ov, NULL, NULL, NULL, NULL),
                    LDRT_EINVAL, "patient_offsets");
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 2, poff, NULL, les, rol, sta, val, ov, NULL, NULL, NULL, NULL),
                    LDRT_EINVAL, "tp_offsets");
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 2, poff, toff, NULL, rol, sta, val, ov, NULL, NULL, NULL, NULL),
                    LDRT_EINVAL, "lesion");
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 2, poff, toff, les, rol, sta, val, NULL, NULL, NULL, NULL, NULL),
                    LDRT_EINVAL, "overall");
    /* Zero patients is fine. */
    int64_t zero = 0;
    tu_assert_ok(ldrt_recist_classify_arrays(NULL, 0, &zero, &zero, NULL, NULL, NULL, NULL, NULL,
                                             NULL, NULL, NULL, NULL));
#undef RUN
}
END_TEST

START_TEST(assessment_bad_arguments)
{
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    pb_scan("2023-03-10");
    T(0, 10);
    ldrt_assessment *a = NULL;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_assess_arrays(7, NULL, P.n_tp, P.dates, P.off, P.lesion, P.role,
                                       P.state, P.value, &a), LDRT_ENOTFOUND, "criteria");
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, 0, P.dates, P.off, P.lesion,
                                       P.role, P.state, P.value, &a), LDRT_EINVAL, "n_timepoints");
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, NULL, P.off,
                                       P.lesion, P.role, P.state, P.value, &a), LDRT_EINVAL, "dates");
    ldrt_date saved = P.dates[1];
    P.dates[1] = 20230101;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, &a), LDRT_EINVAL, "dates[1]");
    P.dates[1] = 20231301;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, &a), LDRT_EINVAL, "dates[1]");
    P.dates[1] = saved;
    P.state[1] = 8;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, &a), LDRT_EINVAL, "state[1]");
    P.state[1] = 0;
    ck_assert_ptr_null(a);
    /* Recorded responses of the wrong family or not labels at all. */
    int32_t l[2] = { LDRT_RESPONSE_NONE, LDRT_RESPONSE_ICR };
    tu_assert_error(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, 2, P.dates, l, &a),
                    LDRT_EINVAL, "labels[1]: iCR is not a recist1.1 response");
    l[1] = 40;
    tu_assert_error(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, 2, P.dates, l, &a),
                    LDRT_EINVAL, "labels[1]");
    tu_assert_error(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, 2, P.dates, NULL, &a),
                    LDRT_EINVAL, "labels");
    tu_assert_error(ldrt_assess_recorded(0, NULL, 2, P.dates, l, &a), LDRT_ENOTFOUND, "criteria");
    tu_assert_error(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, 2, P.dates, l, NULL),
                    LDRT_EINVAL, "out");
    /* Accessors. */
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    int x;
    tu_assert_error(ldrt_assessment_overall(a, 2, &x), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_assessment_overall(a, 0, NULL), LDRT_EINVAL, "overall");
    tu_assert_error(ldrt_assessment_overall(NULL, 0, &x), LDRT_EINVAL, "a");
    tu_assert_error(ldrt_assessment_timepoint(a, 5, NULL, NULL, NULL, NULL, NULL), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_assessment_values(a, 5, NULL, NULL, NULL), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_assessment_rule(a, 5, &x), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_assessment_rule(a, 0, NULL), LDRT_EINVAL, "rule");
    ck_assert_ptr_null(ldrt_assessment_reason(a, 2));
    ck_assert_ptr_null(ldrt_assessment_reason(NULL, 0));
    tu_assert_error(ldrt_assessment_best(a, 2, &x), LDRT_EINVAL, "confirmed");
    tu_assert_error(ldrt_assessment_best(a, 0, NULL), LDRT_EINVAL, "label");
    ck_assert_ptr_null(ldrt_assessment_best_reason(a, 3));
    ck_assert_ptr_null(ldrt_assessment_best_reason(NULL, 0));
    tu_assert_error(ldrt_assessment_endpoint(a, 9, NULL, NULL), LDRT_ENOTFOUND, "endpoint");
    tu_assert_error(ldrt_assessment_endpoint(NULL, 1, NULL, NULL), LDRT_EINVAL, "a");
    ck_assert_ptr_null(ldrt_assessment_warning(a, 0));
    ck_assert_ptr_null(ldrt_assessment_warning(NULL, 0));
    ck_assert_uint_eq(ldrt_assessment_warning_count(NULL), 0);
    ck_assert_uint_eq(ldrt_assessment_timepoint_count(NULL), 0);
    tu_assert_error(ldrt_assessment_criteria(a, NULL), LDRT_EINVAL, "criteria");
    tu_assert_ok(ldrt_assessment_criteria(a, &x));
    ck_assert_int_eq(x, LDRT_CRITERIA_RECIST11);
    ck_assert_ptr_nonnull(ldrt_assessment_options(a));
    ck_assert_ptr_null(ldrt_assessment_options(NULL));
    ck_assert_str_eq(ldrt_assessment_reason(a, 0), "baseline: target sum 20.0 mm (1 target lesion)");
    ldrt_assessment_free(a);
    ldrt_assessment_free(NULL);
}
END_TEST

START_TEST(selection_warnings)
{
    /* RECIST 1.1 measurability: a 8 mm non-nodal target (< 10 mm), a node of
     * 12 mm short axis (< 15 mm), a non-target node of 8 mm (< 10 mm: normal)
     * and 6 targets (> 5) give four warnings,
     * never a refusal (patient-format.md, "Assessment semantics"). */
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 8);
    TN(1, 12);
    T(2, 20);
    T(3, 20);
    T(4, 20);
    T(5, 20);
    pb_row(6, LDRT_ROLE_NON_TARGET | LDRT_ROLE_NODAL, LDRT_STATE_PRESENT, 8);
    pb_scan("2023-03-10");
    T(0, 8);
    TN(1, 12);
    T(2, 20);
    T(3, 20);
    T(4, 20);
    T(5, 20);
    pb_row(6, LDRT_ROLE_NON_TARGET | LDRT_ROLE_NODAL, LDRT_STATE_PRESENT, 8);
    ldrt_assessment *a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ck_assert_uint_eq(ldrt_assessment_warning_count(a), 4);
    ck_assert_ptr_nonnull(strstr(ldrt_assessment_warning(a, 0), "below the 10 mm"));
    ck_assert_ptr_nonnull(strstr(ldrt_assessment_warning(a, 1), "below the 15 mm"));
    ck_assert_str_eq(ldrt_assessment_warning(a, 2),
                     "non-target node #6: short axis 8.0 mm at baseline is below 10 mm, a normal "
                     "node (RECIST 1.1)");
    ck_assert_ptr_nonnull(strstr(ldrt_assessment_warning(a, 3), "at most 5"));
    ldrt_assessment_free(a);
}
END_TEST

/* ---- allocation failures ---------------------------------------------------------------- */

static ldrt_assessment *fail_out;
static int do_assess(void *arg)
{
    (void)arg;
    return ldrt_assess_arrays(LDRT_CRITERIA_IRECIST, NULL, P.n_tp, P.dates, P.off, P.lesion,
                              P.role, P.state, P.value, &fail_out);
}
static void undo_assess(void *arg)
{
    (void)arg;
    ldrt_assessment_free(fail_out);
    fail_out = NULL;
}
static ldrt_resistance_result *fail_res;
static int do_resist(void *arg)
{
    (void)arg;
    ldrt_date d[2] = { 20230301, 20230401 };
    int32_t l[2] = { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD };
    return ldrt_resistance_classify(NULL, 20230101, 0, 2, d, l, &fail_res);
}
static void undo_resist(void *arg)
{
    (void)arg;
    ldrt_resistance_result_free(fail_res);
    fail_res = NULL;
}
static ldrt_response_options *fail_opt;
static int do_opt(void *arg)
{
    (void)arg;
    return ldrt_response_options_new(&fail_opt);
}
static void undo_opt(void *arg)
{
    (void)arg;
    ldrt_response_options_free(fail_opt);
    fail_opt = NULL;
}
static int do_cohort(void *arg)
{
    (void)arg;
    int64_t poff[2] = { 0, (int64_t)P.n_tp };
    int32_t ov[MAXTP];
    return ldrt_recist_classify_arrays(NULL, 1, poff, P.off, P.lesion, P.role, P.state, P.value,
                                       ov, NULL, NULL, NULL, NULL);
}
static int do_bor(void *arg)
{
    (void)arg;
    int64_t poff[2] = { 0, 2 };
    int32_t day[2] = { 0, 50 }, lab[2] = { 0, LDRT_RESPONSE_PR }, b[1];
    return ldrt_bor_arrays(NULL, 1, poff, day, lab, NULL, b, NULL);
}

START_TEST(allocation_failures)
{
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-03-01");
    T(0, 60);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-04-05");
    T(0, 30);
    NT(1, LDRT_STATE_ABSENT);
    pb_scan("2023-05-10");
    T(0, 8);
    NT(1, LDRT_STATE_ABSENT);
    NEW(2, LDRT_STATE_EQUIVOCAL); /* an irregular shape: the detailed check runs */
    tu_alloc_install();
    ck_assert_int_gt(tu_alloc_fail_each(do_assess, undo_assess, NULL), 5);
    ck_assert_int_gt(tu_alloc_fail_each(do_resist, undo_resist, NULL), 1);
    ck_assert_int_eq(tu_alloc_fail_each(do_opt, undo_opt, NULL), 1);
    /* the private result array, then the detailed check's two scratch arrays */
    ck_assert_int_eq(tu_alloc_fail_each(do_cohort, NULL, NULL), 3);
    ck_assert_int_eq(tu_alloc_fail_each(do_bor, NULL, NULL), 3);
    tu_alloc_uninstall();
}
END_TEST

static Suite *response_suite(void)
{
    Suite *s = suite_create("response");
    TCase *tc = tcase_create("names");
    tcase_add_test(tc, label_names_are_cdisc);
    tcase_add_test(tc, settings_defaults_and_bounds);
    suite_add_tcase(s, tc);
    tc = tcase_create("recist");
    tcase_add_loop_test(tc, recist_table1_row, 0, (int)(sizeof table1 / sizeof table1[0]));
    tcase_add_loop_test(tc, recist_table2_row, 0, (int)(sizeof table2 / sizeof table2[0]));
    tcase_add_test(tc, recist_boundaries_are_exact);
    tcase_add_test(tc, recist_pr_maintained_in_best_response);
    tcase_add_test(tc, recist_missing_lesion_both_ways);
    tcase_add_test(tc, recist_cr_with_nodes_and_too_small);
    tcase_add_test(tc, recist_reappearance_after_cr);
    tcase_add_test(tc, recist_equivocal_new_lesion_dates_pd);
    tcase_add_test(tc, seed_case_single_target);
    tcase_add_test(tc, selection_warnings);
    suite_add_tcase(s, tc);
    tc = tcase_create("bor");
    tcase_add_loop_test(tc, bor_table3_row, 0, (int)(sizeof table3 / sizeof table3[0]));
    tcase_add_loop_test(tc, bor_table3_row_measured, 0, (int)(sizeof table3 / sizeof table3[0]));
    tcase_add_test(tc, bor_table3_footnote_confirmed_cr);
    tcase_add_test(tc, bor_endpoints_follow_reading);
    tcase_add_test(tc, bor_confirmation_rules);
    tcase_add_test(tc, bor_cohort_matches_patient);
    suite_add_tcase(s, tc);
    tc = tcase_create("irecist");
    tcase_add_loop_test(tc, irecist_table3_sequence, 0, (int)(sizeof iseqs / sizeof iseqs[0]));
    tcase_add_test(tc, irecist_from_measurements);
    tcase_add_loop_test(tc, irecist_table2_reasons, 0, (int)(sizeof itab2 / sizeof itab2[0]));
    suite_add_tcase(s, tc);
    tc = tcase_create("percist");
    tcase_add_loop_test(tc, percist_threshold_row, 0,
                        (int)(sizeof percist_rows / sizeof percist_rows[0]));
    tcase_add_test(tc, percist_hottest_lesion_and_warnings);
    tcase_add_test(tc, percist_cmr_blood_pool);
    suite_add_tcase(s, tc);
    tc = tcase_create("resistance");
    tcase_add_loop_test(tc, resistance_row, 0, (int)(sizeof resist_rows / sizeof resist_rows[0]));
    tcase_add_test(tc, resistance_bad_arguments);
    tcase_add_loop_test(tc, resistance_line_row, 0, (int)(sizeof line_rows / sizeof line_rows[0]));
    tcase_add_test(tc, resistance_line_bad_arguments);
    tcase_add_test(tc, abscopal_flags);
    suite_add_tcase(s, tc);
    tc = tcase_create("cohort");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, cohort_matches_per_patient_assessment);
    tcase_add_test(tc, cohort_matches_independent_reference);
    tcase_add_test(tc, cohort_without_rows_accepts_null_arrays);
    tcase_add_test(tc, cohort_bad_arguments);
    tcase_add_test(tc, assessment_bad_arguments);
    tcase_add_test(tc, allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(response_suite)
