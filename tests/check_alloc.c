/*
 * Allocation failures: one transient failure (exactly one allocation fails,
 * at every index in turn, whether libldrt or jansson makes it) never turns
 * into a success with a wrong result, never leaks, never touches freed
 * memory. Run under valgrind too (make valgrind): ASan does not see inside
 * an uninstrumented jansson.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"


/* Each test prints its figures (the runs, and how many reported LDRT_ENOMEM). */
static void tally(const char *what, long runs, long failures)
{
    printf("alloc: %-28s %6ld runs, %6ld reported LDRT_ENOMEM\n", what, runs, failures);
}

/* ---- load: never LDRT_OK with changed data -------------------------------------------------- */

struct load_arg {
    const char *text;
    size_t size;
    const char *expected;  /* the document saved from a load without failure */
    ldrt_patient *p;
};

static int do_load(void *a)
{
    struct load_arg *x = a;
    return ldrt_patient_load_json_buffer(x->text, x->size, &x->p);
}

static int same_as_expected(void *a)
{
    struct load_arg *x = a;
    char *out = NULL;
    int rc = ldrt_patient_save_json_buffer(x->p, &out, NULL);
    int differ = rc != LDRT_OK || strcmp(out, x->expected) != 0;
    if (differ && rc == LDRT_OK)
        fprintf(stderr, "load succeeded with changed data:\n%.400s\n", out);
    ldrt_free(out);
    return differ;
}

static void undo_load(void *a)
{
    struct load_arg *x = a;
    ldrt_patient_free(x->p);
    x->p = NULL;
}

static void check_load(const char *name, const char *path)
{
    struct load_arg x = { 0 };
    char *text = tu_slurp(path, &x.size);
    x.text = text;
    ldrt_patient *p = NULL;
    char *expected = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(text, x.size, &p));
    tu_assert_ok(ldrt_patient_save_json_buffer(p, &expected, NULL));
    ldrt_patient_free(p);
    x.expected = expected;
    tu_alloc_install();
    long failures = 0;
    long runs = tu_alloc_fail_once_each(do_load, same_as_expected, undo_load, &x, &failures);
    ck_assert_int_eq(tu_alloc_live(), 0);
    tu_alloc_uninstall();
    ck_assert_int_gt(runs, 50);
    tally(name, runs, failures);
    ldrt_free(expected);
    free(text);
}

START_TEST(load_seed_case)
{
    check_load("load case-fong-2025.json", tu_example_path("case-fong-2025.json"));
}
END_TEST

START_TEST(load_all_kinds)
{
    check_load("load all-kinds.json", tu_data_path("all-kinds.json"));
}
END_TEST


/* Every form JSON allows reads back as written: the check of what jansson
 * read never refuses a good document (escapes, surrogate pairs, number forms,
 * empty containers, any whitespace), and no allocation failed here. */
START_TEST(verification_accepts_every_json_form)
{
    static const char doc[] =
        " \t\r\n{\"ldrt\" :1 ,\"patient\":{\"id\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC"
        "\\ud83d\\ude00\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\","
        "\"x\\u0041\":[1,-0,0,-9223372036854775808,9223372036854775807,1.5,-2.25e-3,1E+2,1e400000"
        "0,0.1,1.0,2.5E-1,-0.0,true,false,null,{},[],[[]],{\"\":{}},\"\"]},"
        "\"events\" : [ ] , \"z\" : { \"k\" : [ 1 , { } ] } }\n ";
    ldrt_patient *p = NULL;
    tu_alloc_install();
    int rc = ldrt_patient_load_json_buffer(doc, sizeof doc - 1, &p);
    /* 1e4000000 overflows a double: jansson refuses it, and so must the load. */
    tu_assert_error(rc, LDRT_EPARSE, "real number overflow");
    char *fixed = strdup(doc);
    char *big = strstr(fixed, "1e4000000");
    memcpy(big, "1e300,  0", 9);
    tu_assert_ok(ldrt_patient_load_json_buffer(fixed, strlen(fixed), &p));
    ck_assert_str_eq(ldrt_patient_id(p), "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"
                                        "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    ldrt_patient_free(p);
    ck_assert_int_eq(tu_alloc_live(), 0);
    tu_alloc_uninstall();
    free(fixed);
}
END_TEST

/* ---- the assessment renderer ------------------------------------------------------------------ */

struct render_arg {
    const ldrt_assessment *a;
    int format;
    const char *expected;
    char *out;
};

static int do_render(void *a)
{
    struct render_arg *x = a;
    return ldrt_assessment_render(x->a, x->format, &x->out, NULL);
}

static int render_is_expected(void *a)
{
    struct render_arg *x = a;
    return strcmp(x->out, x->expected) != 0;
}

static void undo_render(void *a)
{
    struct render_arg *x = a;
    ldrt_free(x->out);
    x->out = NULL;
}

START_TEST(assessment_render_every_format)
{
    ldrt_patient *p = NULL;
    ldrt_assessment *a = NULL;
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &p));
    tu_assert_ok(ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a));
    static const char *const names[] = { "", "assessment text", "assessment markdown",
                                         "assessment json" };
    for (int f = LDRT_TIMELINE_TEXT; f <= LDRT_TIMELINE_JSON; f++) {
        struct render_arg x = { .a = a, .format = f };
        char *expected = NULL;
        tu_assert_ok(ldrt_assessment_render(a, f, &expected, NULL));
        x.expected = expected;
        tu_alloc_install();
        long failures = 0;
        long runs = tu_alloc_fail_once_each(do_render, render_is_expected, undo_render, &x,
                                            &failures);
        tu_alloc_uninstall();
        ck_assert_int_gt(runs, 1);
        tally(names[f], runs, failures);
        ldrt_free(expected);
    }
    ldrt_assessment_free(a);
    ldrt_patient_free(p);
}
END_TEST

static Suite *alloc_suite(void)
{
    Suite *s = suite_create("alloc");
    TCase *t = tcase_create("one failure at every index");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, verification_accepts_every_json_form);
    tcase_add_test(t, load_seed_case);
    tcase_add_test(t, load_all_kinds);
    tcase_add_test(t, assessment_render_every_format);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(alloc_suite)
