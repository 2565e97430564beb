/*
 * Tests of iRECIST (src/response/irecist.c): the Table 3 sequences, the
 * assessment from measurements, the Table 2 reasons.
 *
 * Sources named at each test:
 *  [iR]   Seymour et al., Lancet Oncol 2017 (iRECIST), Tables 2-3, and the
 *         EORTC iRECIST FAQ (additive +4 then +2 mm = iCPD).
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
    ldrt_response_rule rule;
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
    ldrt_censor censor;
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

static Suite *irecist_suite(void)
{
    Suite *s = suite_create("irecist");
    TCase *tc = tcase_create("irecist");
    tcase_add_loop_test(tc, irecist_table3_sequence, 0, (int)(sizeof iseqs / sizeof iseqs[0]));
    tcase_add_test(tc, irecist_from_measurements);
    tcase_add_loop_test(tc, irecist_table2_reasons, 0, (int)(sizeof itab2 / sizeof itab2[0]));
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(irecist_suite)
