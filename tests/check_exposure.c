/*
 * Tests of drug exposure per line of therapy (src/response/exposure.c):
 * the seed case (Fong, Ho, So, Front Oncol 2025;15:1483117, Table 1 and
 * text, as examples/data holds it) and synthetic records with partial
 * dates, holds and two lines. Every expected number is a hand calculation
 * written next to it.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "testutil.h"

static ldrt_date D(const char *text)
{
    ldrt_date d = 0;
    tu_assert_ok(ldrt_date_parse(text, &d));
    return d;
}

static ldrt_systemic *give(ldrt_patient *p, const char *date, const char *drug, const char *drug2,
                           int cycle, int count)
{
    ldrt_event *e = NULL;
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, D(date), &e));
    ldrt_systemic *s = ldrt_event_as_systemic_mut(e);
    tu_assert_ok(ldrt_systemic_add_agent(s, drug, NAN, NULL));
    if (drug2)
        tu_assert_ok(ldrt_systemic_add_agent(s, drug2, NAN, NULL));
    if (cycle)
        tu_assert_ok(ldrt_systemic_set_cycle(s, cycle));
    if (count > 1)
        tu_assert_ok(ldrt_systemic_set_repeat(s, 21, count));
    return s;
}

/* Asserts one drug of one line. */
static void expect(const ldrt_exposure *x, size_t line, size_t k, const char *drug,
                   const char *first, const char *last, size_t recorded, size_t count, int exact,
                   int64_t dmin, int64_t dmax)
{
    ck_assert_str_eq(ldrt_exposure_drug(x, line, k), drug);
    ldrt_date f = 0, l = 0;
    size_t r = 0, c = 0;
    int e = -1;
    int64_t a = -1, b = -1;
    tu_assert_ok(ldrt_exposure_dates(x, line, k, &f, &l));
    tu_assert_ok(ldrt_exposure_count(x, line, k, &r, &c, &e));
    tu_assert_ok(ldrt_exposure_days(x, line, k, &a, &b));
    ck_assert_int_eq(f, D(first));
    ck_assert_int_eq(l, D(last));
    ck_assert_uint_eq(r, recorded);
    ck_assert_uint_eq(c, count);
    ck_assert_int_eq(e, exact);
    ck_assert_int_eq(a, dmin);
    ck_assert_int_eq(b, dmax);
}

START_TEST(seed_case_per_line)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &p));
    ldrt_exposure *x = NULL;
    tu_assert_ok(ldrt_patient_exposure(p, &x));
    /* Lines: adjuvant nivolumab (Mar 2021), ipilimumab + pembrolizumab
     * (Nov 2021, with maintenance from cycle 5), rechallenge (Apr 2023,
     * cycle 1, with maintenance from cycle 5). */
    ck_assert_uint_eq(ldrt_exposure_line_count(x), 3);
    ck_assert_uint_eq(ldrt_exposure_drug_count(x, 0), 1);
    ck_assert_uint_eq(ldrt_exposure_drug_count(x, 1), 2);
    ck_assert_uint_eq(ldrt_exposure_drug_count(x, 2), 2);
    /* Nivolumab: one series of 16 every 14 days: 15 x 14 = 210 days exactly
     * although the start is month-level. */
    expect(x, 0, 0, "nivolumab", "2021-03", "2021-09", 16, 16, 1, 210, 210);
    /* Ipilimumab: two courses of 4, one per line, not 8 over 17 months:
     * 3 x 21 = 63 days in each. */
    expect(x, 1, 0, "ipilimumab", "2021-11", "2022-01", 4, 4, 1, 63, 63);
    expect(x, 2, 0, "ipilimumab", "2023-04", "2023-06", 4, 4, 1, 63, 63);
    /* Pembrolizumab, line 2: cycles 1-4 (Nov 2021 series) and 5-11 (Feb 2022
     * series of 7): 11, exact. First: 2021-11 = [Nov 1, Nov 30]. Last: cycle
     * 11 = Feb 2022 + 6 x 21 = +126 days = [Jun 7, Jul 4] 2022, but the
     * holiday recorded on 2022-06-13 ends the line (the drug was stopped
     * that day): [Jun 7, Jun 13].
     * min = Nov 30 2021 -> Jun 7 2022 = 1+31+31+28+31+30+31 (to Jun 1) + 6 = 189;
     * max = Nov 1 2021 -> Jun 13 2022 = 30+31+31+28+31+30+31 (to Jun 1) + 12 = 224.
     * The holiday follows the last cycle: no run to split. */
    expect(x, 1, 1, "pembrolizumab", "2021-11", "2022-06", 11, 11, 1, 189, 224);
    /* Pembrolizumab, rechallenge line: cycles 1-4 (series), 5 (Jul 2023) and
     * 19 (Jun 2024) are recorded: 6 administrations, at least 19 given.
     * min = Apr 30 2023 -> Jun 1 2024 = 366 (to Apr 30 2024, with Feb 29)
     * + 32 = 398; max = Apr 1 2023 -> Jun 30 2024 = 366 + 29 + 31 + 30 = 456. */
    expect(x, 2, 1, "pembrolizumab", "2023-04", "2024-06", 6, 19, 0, 398, 456);
    ldrt_exposure_free(x);
    ldrt_patient_free(p);
}
END_TEST

/* A line ended by a recorded hold: no administration later than the hold. */
START_TEST(synthetic_line_ended_by_hold)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_new("exp", &p));
    /* Cycles 1-2 on Jan 6 and Jan 27 2020; cycles 3-5 every 21 days from
     * February 2020 (day unknown): cycle 5 = Feb + 42 days = [Feb 1 + 42,
     * Feb 29 + 42] = [Mar 14, Apr 11] 2020. */
    give(p, "2020-01-06", "pembrolizumab", NULL, 1, 2);
    give(p, "2020-02", "pembrolizumab", NULL, 3, 3);
    ldrt_exposure *x = NULL;
    tu_assert_ok(ldrt_patient_exposure(p, &x));
    /* No hold: Jan 6 -> Mar 14 = 25 + 29 + 14 = 68 to Jan 6 -> Apr 11 =
     * 25 + 29 + 31 + 11 = 96 days. */
    expect(x, 0, 0, "pembrolizumab", "2020-01-06", "2020-03", 5, 5, 1, 68, 96);
    ldrt_exposure_free(x);
    /* A holiday recorded on 2020-04-02 ends the line: cycle 5 is on
     * [Mar 14, Apr 2]; Jan 6 -> Apr 2 = 25 + 29 + 31 + 2 = 87 days. */
    ldrt_event *h = NULL;
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_HOLD, D("2020-04-02"), &h));
    tu_assert_ok(ldrt_event_add_drug(h, "pembrolizumab"));
    tu_assert_ok(ldrt_patient_exposure(p, &x));
    expect(x, 0, 0, "pembrolizumab", "2020-01-06", "2020-03", 5, 5, 1, 68, 87);
    ldrt_exposure_free(x);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(synthetic_holds_partial_dates_two_lines)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_new("exp", &p));
    /* Line 1: cycles 1-3 on Jan 6, Jan 27, Feb 17 2020; a holiday on Mar 1;
     * cycles 4-5 on May 4 and May 25. */
    give(p, "2020-01-06", "pembrolizumab", NULL, 1, 3);
    ldrt_event *h = NULL;
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_HOLD, D("2020-03-01"), &h));
    tu_assert_ok(ldrt_event_add_drug(h, "pembrolizumab"));
    give(p, "2020-05-04", "pembrolizumab", NULL, 4, 2);
    /* Line 2: ipilimumab + nivolumab in September 2020 (day unknown), cycle
     * 1; nivolumab cycle 3 on Nov 15 (cycle 2 not recorded). */
    give(p, "2020-09", "ipilimumab", "nivolumab", 1, 0);
    give(p, "2020-11-15", "nivolumab", NULL, 3, 0);
    ldrt_exposure *x = NULL;
    tu_assert_ok(ldrt_patient_exposure(p, &x));
    ck_assert_uint_eq(ldrt_exposure_line_count(x), 2);
    /* Line 1, holiday excluded: Jan 6 -> Feb 17 = 25 + 17 = 42, plus
     * May 4 -> May 25 = 21: 63 (first to last would be 140). */
    expect(x, 0, 0, "pembrolizumab", "2020-01-06", "2020-05-25", 5, 5, 1, 63, 63);
    /* Line 2: ipilimumab once, 0 days. Nivolumab: cycles 1 and 3 recorded,
     * at least 3 given; Sep 2020 -> Nov 15: min Sep 30 -> Nov 15 = 1 + 31 + 14
     * = 46, max Sep 1 -> Nov 15 = 30 + 31 + 14 = 75. The gap between the
     * lines (May 25 -> September) is in neither line. */
    expect(x, 1, 0, "ipilimumab", "2020-09", "2020-09", 1, 1, 1, 0, 0);
    expect(x, 1, 1, "nivolumab", "2020-09", "2020-11-15", 2, 3, 0, 46, 75);
    /* Bad indices name what was wrong. */
    int64_t a = 0;
    tu_assert_error(ldrt_exposure_days(x, 2, 0, &a, NULL), LDRT_ERANGE, "line");
    tu_assert_error(ldrt_exposure_days(x, 1, 2, &a, NULL), LDRT_ERANGE, "drug");
    ck_assert_ptr_null(ldrt_exposure_drug(x, 0, 1));
    ck_assert_ptr_null(ldrt_exposure_line(x, 5));
    ck_assert_ptr_nonnull(ldrt_exposure_line(x, 1));
    ck_assert_uint_eq(ldrt_exposure_drug_count(x, 9), 0);
    ck_assert_uint_eq(ldrt_exposure_line_count(NULL), 0);
    tu_assert_error(ldrt_exposure_dates(NULL, 0, 0, NULL, NULL), LDRT_EINVAL, "NULL");
    tu_assert_error(ldrt_patient_exposure(p, NULL), LDRT_EINVAL, "out");
    ldrt_exposure_free(x);
    ldrt_exposure_free(NULL);
    /* No systemic therapy: no lines. */
    ldrt_patient *q = NULL;
    tu_assert_ok(ldrt_patient_new("none", &q));
    tu_assert_ok(ldrt_patient_exposure(q, &x));
    ck_assert_uint_eq(ldrt_exposure_line_count(x), 0);
    ldrt_exposure_free(x);
    ldrt_patient_free(q);
    ldrt_patient_free(p);
}
END_TEST

static ldrt_patient *fail_p;
static ldrt_exposure *fail_x;

static int run_exposure(void *arg)
{
    (void)arg;
    return ldrt_patient_exposure(fail_p, &fail_x);
}

static void free_exposure(void *arg)
{
    (void)arg;
    ldrt_exposure_free(fail_x);
    fail_x = NULL;
}

START_TEST(allocation_failures)
{
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &fail_p));
    tu_alloc_install();
    long runs = tu_alloc_fail_each(run_exposure, free_exposure, NULL);
    tu_alloc_uninstall();
    ck_assert_int_gt(runs, 5);
    ldrt_patient_free(fail_p);
}
END_TEST

static Suite *exposure_suite(void)
{
    Suite *s = suite_create("exposure");
    TCase *tc = tcase_create("exposure");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, seed_case_per_line);
    tcase_add_test(tc, synthetic_holds_partial_dates_two_lines);
    tcase_add_test(tc, synthetic_line_ended_by_hold);
    tcase_add_test(tc, allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(exposure_suite)
