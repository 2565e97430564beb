/*
 * Tests of SITC resistance and abscopal flags (src/response/resistance.c).
 *
 * Sources named at each test:
 *  [SITC] Kluger et al., JITC 2020;8:e000398, Table 1.
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
    ldrt_resistance cat = -1;
    tu_assert_ok(ldrt_resistance_category(res, &cat));
    ck_assert_msg((int)cat == r->category, "%s: got %s (%s)", r->why, ldrt_resistance_name(cat),
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
    ldrt_resistance cat = -1;
    tu_assert_ok(ldrt_resistance_category(res, &cat));
    ck_assert_msg((int)cat == r->category, "%s: got %s (%s)", r->why, ldrt_resistance_name(cat),
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
    ldrt_resistance c;
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

static Suite *resistance_suite(void)
{
    Suite *s = suite_create("resistance");
    TCase *tc = tcase_create("resistance");
    tcase_add_loop_test(tc, resistance_row, 0, (int)(sizeof resist_rows / sizeof resist_rows[0]));
    tcase_add_test(tc, resistance_bad_arguments);
    tcase_add_loop_test(tc, resistance_line_row, 0, (int)(sizeof line_rows / sizeof line_rows[0]));
    tcase_add_test(tc, resistance_line_bad_arguments);
    tcase_add_test(tc, abscopal_flags);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(resistance_suite)
