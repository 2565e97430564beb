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
    tcase_add_test(t, record_text_is_escaped_for_terminals);
    tcase_add_test(t, format_names_round_trip);
    tcase_add_test(t, report_bad_arguments_change_nothing);
    tcase_add_test(t, report_survives_every_allocation_failure);
    tcase_add_test(t, absurd_doses_are_refused_or_reported);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(render_suite)
