/*
 * Tests of PERCIST 1.0 (src/response/percist.c): the threshold rows, the
 * complete metabolic response against the blood pool, the hottest lesion.
 *
 * Sources named at each test:
 *  [PER]  Wahl et al., JNM 2009 (PERCIST 1.0) as tabulated in PMC2938069 T3
 *         and PMC4377159 T2.
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

static Suite *percist_suite(void)
{
    Suite *s = suite_create("percist");
    TCase *tc = tcase_create("percist");
    tcase_add_loop_test(tc, percist_threshold_row, 0,
                        (int)(sizeof percist_rows / sizeof percist_rows[0]));
    tcase_add_test(tc, percist_hottest_lesion_and_warnings);
    tcase_add_test(tc, percist_cmr_blood_pool);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(percist_suite)
