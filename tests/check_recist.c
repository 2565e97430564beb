/*
 * Tests of RECIST 1.1 per time point (src/response/recist.c): Tables 1 and
 * 2 row by row, boundaries, missing lesions, CR with nodes, reappearance after
 * CR, equivocal new lesions, the seed case, selection warnings.
 *
 * Sources named at each test:
 *  [R11]  Eisenhauer et al., EJC 2009;45:228-247 (RECIST 1.1), Tables 1-3 and
 *         section 4, with the EORTC RECIST FAQ.
 *  [SEED] Fong, Ho, So, Front Oncol 2025;15:1483117 (the seed case report).
 * Every expected number is a hand calculation written next to it.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "response_rows.h"
#include "testutil.h"

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
    int nl;
    ldrt_response ntg;
    ldrt_response ov;
    ldrt_response tg;
    tu_assert_ok(ldrt_assessment_timepoint(a, 1, NULL, &ov, &tg, &ntg, &nl));
    ck_assert_msg((int)ov == r->overall, "Table 1 row %s: got %s", r->row, ldrt_response_label_name(ov));
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
    ldrt_response tg;
    tu_assert_ok(ldrt_assessment_timepoint(a, 1, NULL, NULL, &tg, NULL, NULL));
    ck_assert_int_eq(tg, LDRT_RESPONSE_NONE);
    ldrt_assessment_free(a);
}
END_TEST

/* ---- boundaries: exact arithmetic [R11] ------------------------------------------ */

START_TEST(recist_boundaries_are_exact)
{
    ldrt_response_rule rule;
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
    ldrt_response_rule rule;
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
    ldrt_response_rule rule;
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
    ldrt_censor censor;
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
    ldrt_censor censor;
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

static Suite *recist_suite(void)
{
    Suite *s = suite_create("recist");
    TCase *tc = tcase_create("recist");
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
    return s;
}

TU_MAIN(recist_suite)
