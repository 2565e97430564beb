/*
 * Tests of the render layer (ldrt/render.h): the patient report in its three
 * formats, its JSON parsed back, record text escaped for a terminal, format
 * names, bad arguments and allocation failures.
 * SPDX-License-Identifier: MIT
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static ldrt_patient *load_text(const char *doc)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(doc, strlen(doc), &p));
    return p;
}

static char *report(const ldrt_patient *p, ldrt_format format)
{
    char *out = NULL;
    size_t size = 0;
    tu_assert_ok(ldrt_patient_report(p, format, LDRT_REPORT_ALL, &out, &size));
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(size, strlen(out));
    return out;
}

static json_t *report_json(const ldrt_patient *p)
{
    char *out = report(p, LDRT_FORMAT_JSON);
    json_error_t err;
    json_t *root = json_loads(out, JSON_REJECT_DUPLICATES, &err);
    ck_assert_msg(root != NULL, "report JSON does not parse: %s (line %d): %s", err.text,
                  err.line, out);
    ldrt_free(out);
    return root;
}

/* A course of unequal fractions (2 and 3 Gy) and a lesion whose baseline is
 * 0 mm: the two cells the report once printed as `2.50 (mean)` and `nan`. */
static const char *const unequal_doc =
    "{\"ldrt\": 1, \"patient\": {\"id\": \"unequal\"},"
    " \"lesions\": [{\"id\": \"L1\", \"site\": \"skin\", \"category\": \"target\"}],"
    " \"events\": ["
    "  {\"type\": \"imaging\", \"date\": \"2023-01-01\", \"baseline\": true,"
    "   \"measurements\": [{\"lesion\": \"L1\", \"diameter_mm\": 0}]},"
    "  {\"type\": \"radiotherapy\", \"date\": \"2023-02-02\", \"course_id\": \"C2\","
    "   \"targets\": [\"L1\"], \"fractions\": [{\"date\": \"2023-02-02\", \"dose_gy\": 2},"
    "   {\"date\": \"2023-02-03\", \"dose_gy\": 3}]},"
    "  {\"type\": \"imaging\", \"date\": \"2023-03-01\","
    "   \"measurements\": [{\"lesion\": \"L1\", \"diameter_mm\": 5}]}]}";

START_TEST(report_json_has_numbers_and_nulls)
{
    ldrt_patient *p = load_text(unequal_doc);
    json_t *root = report_json(p);
    json_t *course = json_array_get(json_object_get(json_object_get(root, "radiotherapy"), "courses"), 0);
    ck_assert_ptr_nonnull(course);
    /* (2 + 3) / 2 = 2.5 Gy per fraction, a number; the fractions are unequal. */
    ck_assert(json_is_number(json_object_get(course, "dose_per_fraction_gy")));
    ck_assert_double_eq_tol(json_number_value(json_object_get(course, "dose_per_fraction_gy")), 2.5, 1e-12);
    ck_assert(json_is_false(json_object_get(course, "uniform_fractions")));
    ck_assert_int_eq(json_integer_value(json_object_get(course, "fractions")), 2);
    ck_assert_double_eq_tol(json_number_value(json_object_get(course, "total_gy")), 5.0, 1e-12);
    /* BED a/b 10 by hand: 2(1 + 2/10) + 3(1 + 3/10) = 2.4 + 3.9 = 6.3 Gy. */
    ck_assert_double_eq_tol(json_number_value(json_object_get(course, "bed_tumour_gy")), 6.3, 1e-9);
    json_t *lesion = json_array_get(json_object_get(json_object_get(root, "course_response"), "lesions"), 0);
    ck_assert_ptr_nonnull(lesion);
    /* From 0 mm there is no percent change: null, not nan. */
    ck_assert(json_is_null(json_object_get(lesion, "best_change_pct")));
    ck_assert_double_eq_tol(json_number_value(json_object_get(lesion, "best_mm")), 5.0, 1e-12);
    ck_assert_str_eq(json_string_value(json_object_get(root, "title")), "Report of patient unequal");
    json_decref(root);

    char *text = report(p, LDRT_FORMAT_TEXT);
    ck_assert_ptr_nonnull(strstr(text, "2.50 (mean)"));
    /* The course-response row: 0 mm before, 5 mm after, no change, not responded. */
    ck_assert_ptr_nonnull(strstr(text, "C2      L1      in field            0                5           -  no"));
    ldrt_free(text);
    ldrt_patient_free(p);
}
END_TEST

/* The seed case: every section is there in each format, JSON parses. */
START_TEST(seed_report_has_every_section)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &p));
    json_t *root = report_json(p);
    static const char *const keys[] = { "title", "summary", "patient", "timeline", "radiotherapy",
                                        "immunotherapy", "timing", "response", "course_response",
                                        "resistance", "toxicity" };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        ck_assert_msg(json_object_get(root, keys[i]) != NULL, "no %s", keys[i]);
    ck_assert_uint_eq(json_object_size(root), sizeof keys / sizeof keys[0]);
    /* The seed course: 10 Gy in 5 fractions of 2 Gy (Fong et al. 2025). */
    json_t *courses = json_object_get(json_object_get(root, "radiotherapy"), "courses"), *c = NULL;
    for (size_t i = 0; i < json_array_size(courses); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(courses, i), "course_id")),
                   "LXRT-2023") == 0)
            c = json_array_get(courses, i);
    ck_assert_ptr_nonnull(c);
    ck_assert_double_eq_tol(json_number_value(json_object_get(c, "total_gy")), 10.0, 1e-12);
    ck_assert_int_eq(json_integer_value(json_object_get(c, "fractions")), 5);
    ck_assert(json_is_true(json_object_get(c, "uniform_fractions")));
    ck_assert(json_is_object(json_object_get(json_object_get(root, "response"), "recist1.1")));
    /* The timing table gives the nearest dose's range: ipilimumab's 4th 2021
     * cycle (3 Jan to 1 Feb 2022) and the SBRT of May 2022 are 89 to 148 days
     * apart (1 May - 1 Feb; 31 May - 3 Jan): possibly concurrent within 90. */
    json_t *rows = json_object_get(json_object_get(root, "timing"), "courses"), *row = NULL;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *r = json_array_get(rows, i);
        if (strcmp(json_string_value(json_object_get(r, "course_id")), "SBRT-2022") == 0 &&
            strcmp(json_string_value(json_object_get(r, "drug")), "ipilimumab") == 0)
            row = r;
    }
    ck_assert_ptr_nonnull(row);
    ck_assert_int_eq(json_integer_value(json_object_get(row, "nearest_days_min")), 89);
    ck_assert_int_eq(json_integer_value(json_object_get(row, "nearest_days_max")), 148);
    ck_assert_str_eq(json_string_value(json_object_get(row, "timing")), "possibly-concurrent");
    /* The L-XRT's last fraction 2023-07-26, the response seen on the CT of
     * September 2023: 37 (1 Sep: 5 + 31 + 1) to 66 (30 Sep: 5 + 31 + 30) days. */
    json_t *les = json_array_get(json_object_get(json_object_get(root, "course_response"), "lesions"), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(les, "days_to_response_min")), 37);
    ck_assert_int_eq(json_integer_value(json_object_get(les, "days_to_response_max")), 66);
    const ldrt_course *lxrt = NULL;
    ldrt_course_response *cr = NULL;
    int64_t dmin = 0, dmax = 0;
    tu_assert_ok(ldrt_patient_find_course(p, "LXRT-2023", &lxrt));
    tu_assert_ok(ldrt_patient_course_response(p, lxrt, NULL, &cr));
    tu_assert_ok(ldrt_course_response_days_range(cr, 0, &dmin, &dmax));
    ck_assert_int_eq(dmin, 37);
    ck_assert_int_eq(dmax, 66);
    tu_assert_error(ldrt_course_response_days_range(cr, 1, &dmin, &dmax), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_course_response_days_range(NULL, 0, &dmin, &dmax), LDRT_EINVAL, "response");
    ck_assert_int_eq(dmin, 37);
    ldrt_course_response_free(cr);
    json_decref(root);
    char *md = report(p, LDRT_FORMAT_MARKDOWN);
    ck_assert_ptr_nonnull(strstr(md, "# Report of patient fong-2025-melanoma\n"));
    ck_assert_ptr_nonnull(strstr(md, "\n## Radiotherapy courses\n"));
    ldrt_free(md);
    char *text = report(p, LDRT_FORMAT_TEXT);
    ck_assert_ptr_nonnull(strstr(text, "Report of patient fong-2025-melanoma\n====="));
    /* The patient section says what the file holds, with human labels: the
     * seed records an age at presentation (63) and a history, no birth date. */
    ck_assert_ptr_nonnull(strstr(text, "\nAge at presentation    63 years\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nHistory                metabolic syndrome; deranged renal function\n"));
    ck_assert_ptr_null(strstr(text, "Birth date"));
    ck_assert_ptr_null(strstr(text, "age_at_presentation_years"));
    ldrt_free(text);
    /* JSON keeps the member names of the format and their values as written. */
    json_t *again = report_json(p), *pt = json_object_get(again, "patient");
    ck_assert_str_eq(json_string_value(json_object_get(pt, "age_at_presentation_years")), "63");
    ck_assert_ptr_null(json_object_get(pt, "birth_date"));
    json_decref(again);
    /* One section alone. */
    char *tox = NULL;
    tu_assert_ok(ldrt_patient_report(p, LDRT_FORMAT_JSON, LDRT_REPORT_TOXICITY, &tox, NULL));
    json_t *only = json_loads(tox, 0, NULL);
    ck_assert_ptr_nonnull(only);
    ck_assert_uint_eq(json_object_size(only), 2); /* title, toxicity */
    ck_assert_ptr_nonnull(json_object_get(only, "toxicity"));
    json_decref(only);
    ldrt_free(tox);
    ldrt_patient_free(p);
}
END_TEST

/* One row of the report's JSON exposure table, as the report writes it. */
static void expect_exposure_row(json_t *rows, size_t i, int64_t line, const char *drug,
                                const char *first, const char *last, int64_t recorded,
                                int64_t given, int exact, int64_t dmin, int64_t dmax)
{
    json_t *r = json_array_get(rows, i);
    ck_assert_msg(r != NULL, "no exposure row %zu", i);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "line")), line);
    ck_assert_str_eq(json_string_value(json_object_get(r, "drug")), drug);
    ck_assert_str_eq(json_string_value(json_object_get(r, "first")), first);
    ck_assert_str_eq(json_string_value(json_object_get(r, "last")), last);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "recorded")), recorded);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "administrations")), given);
    ck_assert(json_is_boolean(json_object_get(r, "administrations_exact")));
    ck_assert_int_eq(json_is_true(json_object_get(r, "administrations_exact")), exact);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "exposure_days_min")), dmin);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "exposure_days_max")), dmax);
    char days[64];
    if (dmin == dmax)
        snprintf(days, sizeof days, "%lld", (long long)dmin);
    else
        snprintf(days, sizeof days, "%lld to %lld", (long long)dmin, (long long)dmax);
    ck_assert_str_eq(json_string_value(json_object_get(r, "exposure_days")), days);
}

/* The cumulative dose of a drug in the report's JSON "totals" table. */
static const char *total_dose(json_t *root, const char *drug)
{
    json_t *rows = json_object_get(json_object_get(root, "immunotherapy"), "totals");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *r = json_array_get(rows, i);
        if (strcmp(json_string_value(json_object_get(r, "drug")), drug) == 0)
            return json_string_value(json_object_get(r, "cumulative_dose"));
    }
    return NULL;
}

/* The seed case's exposure, per line of therapy and per drug (the numbers
 * of tests/check_exposure.c seed_case_per_line, computed by hand there and
 * restated here), in JSON, text and the summary. */
START_TEST(seed_report_exposure_per_line)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &p));
    json_t *root = report_json(p);
    json_t *rows = json_object_get(json_object_get(root, "immunotherapy"), "drugs");
    ck_assert_uint_eq(json_array_size(rows), 5);
    /* Line 1, adjuvant nivolumab: one series of 16 every 14 days, 15 x 14 =
     * 210 days exactly although the start is month-level. */
    expect_exposure_row(rows, 0, 1, "nivolumab", "2021-03", "2021-09", 16, 16, 1, 210, 210);
    /* Line 2: ipilimumab 4 doses, 3 x 21 = 63 days; pembrolizumab cycles
     * 1-4 and 5-11 = 11. First 2021-11 = [Nov 1, Nov 30]; cycle 11 =
     * 2022-02 + 6 x 21 = +126 days = [Jun 7, Jul 4] 2022. min = Nov 30 ->
     * Jun 7 = 1 (to Dec 1) + 31 + 31 + 28 + 31 + 30 + 31 (to Jun 1) + 6 =
     * 189; the holiday recorded on 2022-06-13 ends the line, so cycle 11
     * is no later than Jun 13: max = Nov 1 -> Jun 13 = 30 + 31 + 31 + 28 +
     * 31 + 30 + 31 (to Jun 1) + 12 = 224. */
    expect_exposure_row(rows, 1, 2, "ipilimumab", "2021-11", "2022-01", 4, 4, 1, 63, 63);
    expect_exposure_row(rows, 2, 2, "pembrolizumab", "2021-11", "2022-06", 11, 11, 1, 189, 224);
    /* Line 3, the rechallenge: ipilimumab 4 doses again, 63 days (not 8 over
     * 550 to 608 days); pembrolizumab cycles 1-4 and 19 dated,
     * 5-18 a series of 14 with unknown dates: 5 recorded, at least 19
     * given. min = Apr 30 2023 -> Jun 1 2024 = 366
     * (to Apr 30 2024, with Feb 29) + 32 = 398; max = Apr 1 2023 -> Jun 30 2024 = 366 + 29 + 31 + 30 = 456.
     * The holiday (2022-06-13 to 2023-04) lies between lines 2 and 3 and is
     * in neither. */
    expect_exposure_row(rows, 3, 3, "ipilimumab", "2023-04", "2023-06", 4, 4, 1, 63, 63);
    expect_exposure_row(rows, 4, 3, "pembrolizumab", "2023-04", "2024-06", 5, 19, 0, 398, 456);
    /* Totals over the record: ipilimumab 4 x 80 + 4 x 75 = 620 mg; nivolumab
     * 16 x 240 = 3840 mg; pembrolizumab has cycles without a dose. */
    ck_assert_str_eq(total_dose(root, "ipilimumab"), "620 mg");
    ck_assert_str_eq(total_dose(root, "nivolumab"), "3840 mg");
    ck_assert_ptr_nonnull(strstr(total_dose(root, "pembrolizumab"), "not computable"));
    const char *story = json_string_value(json_object_get(json_object_get(root, "summary"), "story"));
    ck_assert_ptr_nonnull(strstr(story,
        "Systemic therapy, line 1: nivolumab x16 (2021-03 to 2021-09); line 2: ipilimumab x4 "
        "(2021-11 to 2022-01), pembrolizumab x11 (2021-11 to 2022-06); line 3: ipilimumab x4 "
        "(2023-04 to 2023-06), pembrolizumab at least x19 (5 recorded, 2023-04 to 2024-06)."));
    ck_assert_ptr_null(strstr(story, "x8"));
    ck_assert_ptr_null(strstr(story, "x17"));
    json_decref(root);
    char *text = report(p, LDRT_FORMAT_TEXT);
    ck_assert_ptr_nonnull(strstr(text,
        "\n   3  pembrolizumab  2023-04  2024-06         5  at least 19  398 to 456\n"));
    ck_assert_ptr_nonnull(strstr(text, "\n   2  pembrolizumab  2021-11  2022-06        11           11  189 to 224\n"));
    ck_assert_ptr_null(strstr(text, "550 to 608"));
    ldrt_free(text);
    char *md = report(p, LDRT_FORMAT_MARKDOWN);
    ck_assert_ptr_nonnull(strstr(md, "| 3 | pembrolizumab | 2023-04 | 2024-06 | 5 | at least 19 | 398 to 456 |\n"));
    ldrt_free(md);
    ldrt_patient_free(p);
}
END_TEST

/* A synthetic record (the one of tests/check_exposure.c, with doses): a
 * holiday inside line 1, a gap before line 2, a cycle of line 2 not
 * recorded. */
static const char *const exposure_doc =
    "{\"ldrt\": 1, \"patient\": {\"id\": \"exp\"}, \"events\": ["
    " {\"type\": \"systemic\", \"date\": \"2020-01-06\", \"cycle\": 1,"
    "  \"agents\": [{\"drug\": \"pembrolizumab\", \"dose\": 200, \"unit\": \"mg\"}],"
    "  \"repeat\": {\"every_days\": 21, \"count\": 3}},"
    " {\"type\": \"hold\", \"date\": \"2020-03-01\", \"kind\": \"holiday\", \"drugs\": [\"pembrolizumab\"]},"
    " {\"type\": \"systemic\", \"date\": \"2020-05-04\", \"cycle\": 4,"
    "  \"agents\": [{\"drug\": \"pembrolizumab\", \"dose\": 200, \"unit\": \"mg\"}],"
    "  \"repeat\": {\"every_days\": 21, \"count\": 2}},"
    " {\"type\": \"systemic\", \"date\": \"2020-09\", \"cycle\": 1,"
    "  \"agents\": [{\"drug\": \"ipilimumab\", \"dose\": 80, \"unit\": \"mg\"},"
    "              {\"drug\": \"nivolumab\", \"dose\": 240, \"unit\": \"mg\"}]},"
    " {\"type\": \"systemic\", \"date\": \"2020-11-15\", \"cycle\": 3,"
    "  \"agents\": [{\"drug\": \"nivolumab\", \"dose\": 240, \"unit\": \"mg\"}]}]}";

START_TEST(report_exposure_leaves_out_holds_and_gaps)
{
    ldrt_patient *p = load_text(exposure_doc);
    json_t *root = report_json(p);
    json_t *rows = json_object_get(json_object_get(root, "immunotherapy"), "drugs");
    ck_assert_uint_eq(json_array_size(rows), 3);
    /* Line 1, holiday left out: Jan 6 -> Feb 17 = 42, May 4 -> May 25 = 21:
     * 63 days (first to last would be Jan 6 -> May 25 = 140). */
    expect_exposure_row(rows, 0, 1, "pembrolizumab", "2020-01-06", "2020-05-25", 5, 5, 1, 63, 63);
    /* Line 2: ipilimumab once, 0 days; nivolumab cycles 1 and 3 recorded,
     * at least 3 given; Sep 2020 -> Nov 15: min Sep 30 -> Nov 15 = 1 + 31 +
     * 14 = 46, max Sep 1 -> Nov 15 = 30 + 31 + 14 = 75. The May -> September
     * gap between the lines is in neither. */
    expect_exposure_row(rows, 1, 2, "ipilimumab", "2020-09", "2020-09", 1, 1, 1, 0, 0);
    expect_exposure_row(rows, 2, 2, "nivolumab", "2020-09", "2020-11-15", 2, 3, 0, 46, 75);
    /* Totals: 5 x 200 = 1000 mg; nivolumab 2 x 240 = 480 mg recorded of at
     * least 3 doses: at least 480 mg. */
    ck_assert_str_eq(total_dose(root, "pembrolizumab"), "1000 mg");
    ck_assert_str_eq(total_dose(root, "nivolumab"), "at least 480 mg");
    ck_assert_str_eq(total_dose(root, "ipilimumab"), "80 mg");
    const char *story = json_string_value(json_object_get(json_object_get(root, "summary"), "story"));
    ck_assert_ptr_nonnull(strstr(story, "line 2: ipilimumab x1 (2020-09), nivolumab at least x3 "
                                        "(2 recorded, 2020-09 to 2020-11-15)."));
    json_decref(root);
    ldrt_patient_free(p);
}
END_TEST

/* True when s holds a control character other than the newline, or a C1
 * control (U+0080..U+009F, UTF-8 C2 80..C2 9F). */
static int has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
            return 1;
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            return 1;
    }
    return 0;
}

/* A note that would retitle the terminal and clear the screen, a course id
 * with a CSI (C1) and a site with a '|' and a tab. */
static const char *const hostile_doc =
    "{\"ldrt\": 1, \"patient\": {\"id\": \"esc\\u001b[31mred\"},"
    " \"lesions\": [{\"id\": \"L\\u009b2J\", \"site\": \"a|b\\tc\", \"category\": \"target\"}],"
    " \"events\": ["
    "  {\"type\": \"note\", \"date\": \"2023-01-01\", \"note\": \"x\\u001b]0;pwned\\u0007\\u001b[2Jy\"},"
    "  {\"type\": \"radiotherapy\", \"date\": \"2023-02-02\", \"course_id\": \"C\\u001b[1m\","
    "   \"targets\": [\"L\\u009b2J\"], \"fractions\": [{\"date\": \"2023-02-02\", \"dose_gy\": 2}]},"
    "  {\"type\": \"toxicity\", \"date\": \"2023-02-10\", \"term\": \"rash\\r\\u007f\", \"grade\": 1}]}";

START_TEST(record_text_is_escaped_for_terminals)
{
    ldrt_patient *p = load_text(hostile_doc);
    for (int f = LDRT_FORMAT_TEXT; f <= LDRT_FORMAT_MARKDOWN; f++) {
        char *out = report(p, (ldrt_format)f);
        ck_assert_msg(!has_control(out), "control character in %s report", ldrt_format_name((ldrt_format)f));
        ck_assert_ptr_nonnull(strstr(out, "esc\\x1b[31mred"));
        ck_assert_ptr_nonnull(strstr(out, "x\\x1b]0;pwned\\x07\\x1b[2Jy"));
        ck_assert_ptr_nonnull(strstr(out, "L\\xc2\\x9b2J"));
        ck_assert_ptr_nonnull(strstr(out, "rash\\x0d\\x7f"));
        ldrt_free(out);
        char *tl = NULL;
        tu_assert_ok(ldrt_timeline_render(p, f, &tl, NULL));
        ck_assert_msg(!has_control(tl), "control character in %s timeline", ldrt_format_name((ldrt_format)f));
        ck_assert_ptr_nonnull(strstr(tl, "x\\x1b]0;pwned\\x07\\x1b[2Jy"));
        if (f == LDRT_FORMAT_MARKDOWN) /* a '|' in a cell does not split it */
            ck_assert_ptr_nonnull(strstr(tl, "C\\x1b[1m"));
        ldrt_free(tl);
    }
    /* JSON carries the text exactly. */
    json_t *root = report_json(p);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(root, "patient"), "id")),
                     "esc\x1b[31mred");
    json_t *events = json_object_get(json_object_get(root, "timeline"), "events");
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(events, 0), "note")),
                     "x\x1b]0;pwned\x07\x1b[2Jy");
    json_decref(root);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(format_names_round_trip)
{
    static const char *const names[] = { "text", "markdown", "json" };
    for (int f = LDRT_FORMAT_TEXT; f <= LDRT_FORMAT_JSON; f++) {
        ldrt_format back = (ldrt_format)0;
        ck_assert_str_eq(ldrt_format_name((ldrt_format)f), names[f - 1]);
        tu_assert_ok(ldrt_format_parse(names[f - 1], &back));
        ck_assert_int_eq(back, f);
    }
    ck_assert_ptr_null(ldrt_format_name((ldrt_format)0));
    ck_assert_ptr_null(ldrt_format_name((ldrt_format)4));
    ldrt_format kept = LDRT_FORMAT_MARKDOWN;
    tu_assert_error(ldrt_format_parse("html", &kept), LDRT_ENOTFOUND, "html");
    ck_assert_int_eq(kept, LDRT_FORMAT_MARKDOWN);
    tu_assert_error(ldrt_format_parse(NULL, &kept), LDRT_EINVAL, "name");
    tu_assert_error(ldrt_format_parse("text", NULL), LDRT_EINVAL, "format");
    /* The older names are the same values. */
    ck_assert_int_eq(LDRT_TIMELINE_JSON, LDRT_FORMAT_JSON);
}
END_TEST

START_TEST(report_bad_arguments_change_nothing)
{
    ldrt_patient *p = load_text(unequal_doc);
    char *out = (char *)"untouched";
    tu_assert_error(ldrt_patient_report(NULL, LDRT_FORMAT_TEXT, LDRT_REPORT_ALL, &out, NULL),
                    LDRT_EINVAL, "patient");
    tu_assert_error(ldrt_patient_report(p, LDRT_FORMAT_TEXT, LDRT_REPORT_ALL, NULL, NULL),
                    LDRT_EINVAL, "out");
    tu_assert_error(ldrt_patient_report(p, (ldrt_format)0, LDRT_REPORT_ALL, &out, NULL),
                    LDRT_EINVAL, "format");
    tu_assert_error(ldrt_patient_report(p, (ldrt_format)4, LDRT_REPORT_ALL, &out, NULL),
                    LDRT_EINVAL, "format");
    tu_assert_error(ldrt_patient_report(p, LDRT_FORMAT_TEXT, 0, &out, NULL), LDRT_EINVAL,
                    "sections");
    tu_assert_error(ldrt_patient_report(p, LDRT_FORMAT_TEXT, LDRT_REPORT_ALL + 1, &out, NULL),
                    LDRT_EINVAL, "sections");
    ck_assert_str_eq(out, "untouched");
    ldrt_patient_free(p);
}
END_TEST

struct alloc_case {
    const ldrt_patient *p;
    ldrt_format format;
    char *out;
};

static int report_once(void *arg)
{
    struct alloc_case *c = arg;
    return ldrt_patient_report(c->p, c->format, LDRT_REPORT_ALL, &c->out, NULL);
}

static void report_cleanup(void *arg)
{
    struct alloc_case *c = arg;
    ldrt_free(c->out);
    c->out = NULL;
}

START_TEST(report_survives_every_allocation_failure)
{
    ldrt_patient *p = load_text(unequal_doc);
    tu_alloc_install();
    for (int f = LDRT_FORMAT_TEXT; f <= LDRT_FORMAT_JSON; f++) {
        struct alloc_case c = { p, (ldrt_format)f, NULL };
        long n = tu_alloc_fail_each(report_once, report_cleanup, &c);
        ck_assert_int_gt(n, 10);
    }
    tu_alloc_uninstall();
    ldrt_patient_free(p);
}
END_TEST

/* Absurd but finite doses (1e30 and 2e30 Gy): refused where they enter,
 * with the field named; the report of the largest accepted doses is a
 * report (no overflow, no truncated number). */
START_TEST(absurd_doses_are_refused_or_reported)
{
    static const char *const doc =
        "{\"ldrt\": 1, \"patient\": {\"id\": \"big\"}, \"events\": ["
        " {\"type\": \"radiotherapy\", \"date\": \"2023-01-02\", \"course_id\": \"C1\","
        "  \"fractions\": [{\"date\": \"2023-01-02\", \"dose_gy\": 1e30},"
        "  {\"date\": \"2023-01-03\", \"dose_gy\": 2e30}]}]}";
    ldrt_patient *p = NULL;
    tu_assert_error(ldrt_patient_load_json_buffer(doc, strlen(doc), &p), LDRT_EINVAL,
                    "events[0].fractions[0].dose_gy");
    ck_assert_ptr_null(p);
    /* The largest doses accepted: 2 x LDRT_MAX_DOSE_GY and a little less;
     * mean (1000 + 999.99) / 2 = 999.995 Gy, shown to two decimals. */
    char big[512];
    snprintf(big, sizeof big,
             "{\"ldrt\": 1, \"patient\": {\"id\": \"big\"}, \"events\": ["
             " {\"type\": \"radiotherapy\", \"date\": \"2023-01-02\", \"course_id\": \"C1\","
             "  \"fractions\": [{\"date\": \"2023-01-02\", \"dose_gy\": %.17g},"
             "  {\"date\": \"2023-01-03\", \"dose_gy\": 999.99}]}]}", LDRT_MAX_DOSE_GY);
    p = load_text(big);
    json_t *root = report_json(p);
    json_t *c = json_array_get(json_object_get(json_object_get(root, "radiotherapy"), "courses"), 0);
    ck_assert_double_eq_tol(json_number_value(json_object_get(c, "total_gy")), 1999.99, 1e-9);
    /* BED a/b 10 by hand: 1000(1 + 100) + 999.99(1 + 99.999) = 101000 + 100997.99001,
     * reported to two decimals: 201997.99. */
    ck_assert_double_eq_tol(json_number_value(json_object_get(c, "bed_tumour_gy")), 201997.99, 1e-6);
    json_decref(root);
    char *text = report(p, LDRT_FORMAT_TEXT);
    ck_assert_ptr_nonnull(strstr(text, "1999.99"));
    ck_assert_ptr_nonnull(strstr(text, "1000.00 (mean)"));
    ldrt_free(text);
    ldrt_patient_free(p);
}
END_TEST

static Suite *render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *t = tcase_create("report");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, report_json_has_numbers_and_nulls);
    tcase_add_test(t, seed_report_has_every_section);
    tcase_add_test(t, seed_report_exposure_per_line);
    tcase_add_test(t, report_exposure_leaves_out_holds_and_gaps);
    tcase_add_test(t, record_text_is_escaped_for_terminals);
    tcase_add_test(t, format_names_round_trip);
    tcase_add_test(t, report_bad_arguments_change_nothing);
    tcase_add_test(t, report_survives_every_allocation_failure);
    tcase_add_test(t, absurd_doses_are_refused_or_reported);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(render_suite)
