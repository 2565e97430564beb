/*
 * Tests of the response settings and names (src/response/options.c):
 * the CDISC response labels, the settings with their defaults and bounds.
 *
 * Sources named at each test:
 *  [ADM]  pharmaverse/admiralonco ADRS template conventions (confirmation
 *         >= 28 d, <= 1 NE between, SD >= 42 d, no PR after CR).
 *  [iR]   Seymour et al., Lancet Oncol 2017 (iRECIST), Tables 2-3, and the
 *         EORTC iRECIST FAQ (additive +4 then +2 mm = iCPD).
 *  [PER]  Wahl et al., JNM 2009 (PERCIST 1.0) as tabulated in PMC2938069 T3
 *         and PMC4377159 T2.
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
            ldrt_response back = -1;
            tu_assert_ok(ldrt_response_label_parse(want[i], &back));
            ck_assert_int_eq(back, i);
        }
    }
    ck_assert_ptr_null(ldrt_response_label_name(17));
    ck_assert_ptr_null(ldrt_response_label_name(-1));
    ldrt_response x = 99;
    tu_assert_error(ldrt_response_label_parse("cr", &x), LDRT_ENOTFOUND, "text");
    ck_assert_int_eq(x, 99);
    tu_assert_error(ldrt_response_label_parse(NULL, &x), LDRT_EINVAL, "text");
    tu_assert_error(ldrt_response_label_parse("CR", NULL), LDRT_EINVAL, "label");
    ck_assert_str_eq(ldrt_criteria_name(LDRT_CRITERIA_RECIST11), "recist1.1");
    ck_assert_str_eq(ldrt_criteria_name(LDRT_CRITERIA_IRECIST), "irecist");
    ck_assert_str_eq(ldrt_criteria_name(LDRT_CRITERIA_PERCIST10), "percist1.0");
    ck_assert_ptr_null(ldrt_criteria_name(0));
    ldrt_criteria c = 0;
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

static Suite *options_suite(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("names");
    tcase_add_test(tc, label_names_are_cdisc);
    tcase_add_test(tc, settings_defaults_and_bounds);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(options_suite)
