/*
 * Tests of the common module: status codes, messages, version, allocation
 * hooks and dates. Expected dates and day counts are hand calculations
 * written next to each case (or well-known calendar facts).
 * SPDX-License-Identifier: MIT
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "internal.h"
#include "testutil.h"

/* ---- status codes and messages ---------------------------------------------- */

START_TEST(strerror_names_every_code)
{
    static const struct { int code; const char *text; } rows[] = {
        { LDRT_OK, "success" },          { LDRT_EINVAL, "invalid argument" },
        { LDRT_ENOMEM, "out of memory" }, { LDRT_ERANGE, "value out of range" },
        { LDRT_ENOTFOUND, "not found" },  { LDRT_EPARSE, "parse error" },
        { LDRT_EIO, "input/output error" }, { LDRT_ESTATE, "wrong state" },
        { LDRT_EUNSUPPORTED, "unsupported" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        ck_assert_str_eq(ldrt_strerror(rows[i].code), rows[i].text);
    ck_assert_str_eq(ldrt_strerror(-9999), "unknown error");
    ck_assert_str_eq(ldrt_strerror(7), "unknown error");
}
END_TEST

START_TEST(codes_are_stable)
{
    /* The values are part of the ABI (append-only). */
    ck_assert_int_eq(LDRT_OK, 0);
    ck_assert_int_eq(LDRT_EINVAL, -1);
    ck_assert_int_eq(LDRT_ENOMEM, -2);
    ck_assert_int_eq(LDRT_ERANGE, -3);
    ck_assert_int_eq(LDRT_ENOTFOUND, -4);
    ck_assert_int_eq(LDRT_EPARSE, -5);
    ck_assert_int_eq(LDRT_EIO, -6);
    ck_assert_int_eq(LDRT_ESTATE, -7);
    ck_assert_int_eq(LDRT_EUNSUPPORTED, -8);
}
END_TEST

START_TEST(last_error_is_kept_and_cleared)
{
    ldrt_clear_error();
    ck_assert_str_eq(ldrt_last_error(), "");
    ck_assert_int_eq(ldrt_last_error_code(), LDRT_OK);
    ldrt_date d;
    tu_assert_error(ldrt_date_parse("2023-13", &d), LDRT_EPARSE, "month 13");
    ck_assert_int_eq(ldrt_last_error_code(), LDRT_EPARSE);
    /* A success does not clear the message. */
    tu_assert_ok(ldrt_date_parse("2023-12", &d));
    ck_assert_ptr_nonnull(strstr(ldrt_last_error(), "month 13"));
    ldrt_clear_error();
    ck_assert_str_eq(ldrt_last_error(), "");
}
END_TEST

START_TEST(long_messages_are_truncated_safely)
{
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_int_eq(ldrt__error(LDRT_EINVAL, "%s", big), LDRT_EINVAL);
    ck_assert_uint_lt(strlen(ldrt_last_error()), 512);
    ldrt__error_prefix("events[%d]", 3);
    ck_assert_int_eq(strncmp(ldrt_last_error(), "events[3]: xxx", 14), 0);
}
END_TEST

struct thread_arg {
    const char *text;
    char seen[256];
    int code;
};

static void *parse_in_thread(void *p)
{
    struct thread_arg *a = p;
    ldrt_date d;
    for (int i = 0; i < 2000; i++)
        (void)ldrt_date_parse(a->text, &d);
    snprintf(a->seen, sizeof a->seen, "%s", ldrt_last_error());
    a->code = ldrt_last_error_code();
    return NULL;
}

START_TEST(messages_are_per_thread)
{
    struct thread_arg a = { .text = "2023-02-30" }, b = { .text = "20x3" };
    pthread_t ta, tb;
    ldrt_clear_error();
    ck_assert_int_eq(pthread_create(&ta, NULL, parse_in_thread, &a), 0);
    ck_assert_int_eq(pthread_create(&tb, NULL, parse_in_thread, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    ck_assert_ptr_nonnull(strstr(a.seen, "has 28 days"));
    ck_assert_ptr_nonnull(strstr(b.seen, "expected YYYY"));
    ck_assert_int_eq(a.code, LDRT_EPARSE);
    /* The main thread saw neither failure. */
    ck_assert_str_eq(ldrt_last_error(), "");
}
END_TEST

/* ---- version ---------------------------------------------------------------- */

START_TEST(version_matches_headers)
{
    ck_assert_int_eq(ldrt_version(), LDRT_VERSION_NUMBER);
    ck_assert_str_eq(ldrt_version_string(), LDRT_VERSION_STRING);
    char text[32];
    snprintf(text, sizeof text, "%d.%d.%d", LDRT_VERSION_MAJOR, LDRT_VERSION_MINOR,
             LDRT_VERSION_PATCH);
    ck_assert_str_eq(text, LDRT_VERSION_STRING);
    ck_assert_int_eq(LDRT_VERSION_NUMBER,
                     LDRT_VERSION_MAJOR * 10000 + LDRT_VERSION_MINOR * 100 + LDRT_VERSION_PATCH);
    ck_assert(LDRT_VERSION_AT_LEAST(0, 0, 1));
    ck_assert(!LDRT_VERSION_AT_LEAST(LDRT_VERSION_MAJOR + 1, 0, 0));
}
END_TEST

/* ---- allocation hooks ------------------------------------------------------- */

static int hook_calls;
static void *counting_malloc(size_t n, void *ud) { (*(int *)ud)++; return malloc(n); }
static void *counting_realloc(void *p, size_t n, void *ud) { (*(int *)ud)++; return realloc(p, n); }
static void counting_free(void *p, void *ud) { (*(int *)ud)++; free(p); }

START_TEST(growable_array_doubles)
{
    /* Hand calculation: from 0 the first capacity, then doubling until need fits. */
    ck_assert_uint_eq(ldrt__grow_cap(0, 1, 16), 16);
    ck_assert_uint_eq(ldrt__grow_cap(16, 16, 16), 16);  /* already fits */
    ck_assert_uint_eq(ldrt__grow_cap(16, 17, 16), 32);
    ck_assert_uint_eq(ldrt__grow_cap(0, 100, 8), 128); /* 8 16 32 64 128 */
    ck_assert_uint_eq(ldrt__grow_cap(3, 7, 8), 12);    /* 3 6 12 */
    ck_assert_uint_eq(ldrt__grow_cap(SIZE_MAX / 2 + 1, SIZE_MAX, 1), 0); /* overflow */
    tu_alloc_install();
    int *a = NULL;
    size_t cap = 0;
    for (int i = 0; i < 100; i++) {
        tu_assert_ok(ldrt__grow((void **)&a, &cap, (size_t)i + 1, sizeof *a, 4));
        a[i] = i;
    }
    ck_assert_uint_eq(cap, 128); /* 4 8 16 32 64 128 */
    for (int i = 0; i < 100; i++)
        ck_assert_int_eq(a[i], i);
    /* a failed growth leaves the array and its capacity as they were */
    tu_alloc_fail_at(0);
    ck_assert_int_eq(ldrt__grow((void **)&a, &cap, 129, sizeof *a, 4), LDRT_ENOMEM);
    tu_alloc_fail_at(-1);
    ck_assert_uint_eq(cap, 128);
    ck_assert_int_eq(a[99], 99);
    ldrt__free(a);
    ck_assert_int_eq(tu_alloc_live(), 0);
    tu_alloc_uninstall();
}
END_TEST

START_TEST(allocator_hooks_are_used)
{
    hook_calls = 0;
    tu_assert_ok(ldrt_set_allocator(counting_malloc, counting_realloc, counting_free, &hook_calls));
    char *s = ldrt__strdup("pembrolizumab");
    ck_assert_str_eq(s, "pembrolizumab");
    s = ldrt__realloc(s, 64);
    ck_assert_ptr_nonnull(s);
    ldrt_free(s);
    ldrt_free(NULL);
    ck_assert_int_eq(hook_calls, 3);
    tu_assert_ok(ldrt_set_allocator(NULL, NULL, NULL, NULL));
}
END_TEST

START_TEST(allocator_rejects_partial_hooks)
{
    tu_assert_error(ldrt_set_allocator(NULL, counting_realloc, counting_free, NULL),
                    LDRT_EINVAL, "malloc_fn");
    tu_assert_error(ldrt_set_allocator(counting_malloc, NULL, counting_free, NULL),
                    LDRT_EINVAL, "realloc_fn");
    tu_assert_error(ldrt_set_allocator(counting_malloc, counting_realloc, NULL, NULL),
                    LDRT_EINVAL, "free_fn");
}
END_TEST

START_TEST(allocation_failures_and_overflow)
{
    tu_alloc_install();
    tu_alloc_fail_at(0);
    ck_assert_ptr_null(ldrt__malloc(10));
    ck_assert_int_eq(ldrt_last_error_code(), LDRT_ENOMEM);
    ck_assert_ptr_null(ldrt__strdup("x"));
    tu_alloc_fail_at(-1);
    ck_assert_ptr_null(ldrt__calloc(SIZE_MAX / 2, 4));
    tu_assert_error(LDRT_ENOMEM, LDRT_ENOMEM, "overflows");
    ck_assert_ptr_null(ldrt__reallocarray(NULL, SIZE_MAX / 8, 16));
    int *z = ldrt__calloc(4, sizeof(int));
    ck_assert_int_eq(z[0] + z[1] + z[2] + z[3], 0);
    ldrt__free(z);
    ck_assert_int_eq(tu_alloc_live(), 0);
    tu_alloc_uninstall();
}
END_TEST

/* ---- dates ------------------------------------------------------------------ */

static const struct { const char *text; ldrt_date value; int precision; } good_dates[] = {
    { "2023-07-21", 20230721, LDRT_DATE_PRECISION_DAY },
    { "2023-07", 20230700, LDRT_DATE_PRECISION_MONTH },
    { "2023", 20230000, LDRT_DATE_PRECISION_YEAR },
    { "2024-02-29", 20240229, LDRT_DATE_PRECISION_DAY },  /* 2024 is a leap year */
    { "2000-02-29", 20000229, LDRT_DATE_PRECISION_DAY },  /* divisible by 400 */
    { "1800-01-01", 18000101, LDRT_DATE_PRECISION_DAY },
    { "9999-12-31", 99991231, LDRT_DATE_PRECISION_DAY },
    { "0001-01-01", 10101, LDRT_DATE_PRECISION_DAY },
};

START_TEST(date_parse_and_format_round_trip)
{
    ldrt_date d = 0;
    char buf[LDRT_DATE_BUFSIZE];
    ldrt_date_precision prec = 0;
    tu_assert_ok(ldrt_date_parse(good_dates[_i].text, &d));
    ck_assert_int_eq(d, good_dates[_i].value);
    tu_assert_ok(ldrt_date_format(d, buf, sizeof buf));
    ck_assert_str_eq(buf, good_dates[_i].text);
    tu_assert_ok(ldrt_date_parts(d, NULL, NULL, NULL, &prec));
    ck_assert_int_eq(prec, good_dates[_i].precision);
    tu_assert_ok(ldrt_date_validate(d));
}
END_TEST

static const struct { const char *text; const char *why; } bad_dates[] = {
    { "2023-02-30", "has 28 days" },
    { "2023-02-29", "has 28 days" },   /* 2023 is not a leap year */
    { "1900-02-29", "has 28 days" },   /* divisible by 100, not by 400 */
    { "2023-13", "month 13" },
    { "2023-00", "month 00" },
    { "2023-04-31", "has 30 days" },
    { "2023-07-00", "has 31 days" },
    { "0000", "year 0000" },
    { "2023-07-21x", "unexpected text" },
    { "2023-07-21T10:00", "unexpected text" },
    { " 2023", "expected YYYY" },
    { "23-07-21", "expected YYYY" },
    { "2023-7-21", "month must be two digits" },
    { "2023-07-1", "day must be two digits" },
    { "2023-", "month must be two digits" },
    { "", "expected YYYY" },
    { "2023/07/21", "unexpected text" },
    { "+2023", "expected YYYY" },
    { "20230721", "unexpected text" },
};

START_TEST(date_parse_rejects_impossible)
{
    ldrt_date d = 12345;
    tu_assert_error(ldrt_date_parse(bad_dates[_i].text, &d), LDRT_EPARSE, bad_dates[_i].why);
    ck_assert_int_eq(d, 12345); /* unchanged */
}
END_TEST

START_TEST(date_null_arguments)
{
    ldrt_date d;
    char buf[4];
    int64_t n;
    int i;
    ldrt_date_precision pr;
    ldrt_date_rel rel;
    tu_assert_error(ldrt_date_parse(NULL, &d), LDRT_EINVAL, "text");
    tu_assert_error(ldrt_date_parse("2023", NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_date_make(2023, 1, 1, NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_date_format(20230101, NULL, 11), LDRT_EINVAL, "buf");
    tu_assert_error(ldrt_date_format(20230101, buf, sizeof buf), LDRT_ERANGE, "size");
    tu_assert_error(ldrt_date_format(20231301, buf, sizeof buf), LDRT_EINVAL, "date");
    tu_assert_error(ldrt_date_earliest(20230700, NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_date_latest(20230700, NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_date_compare(20230700, 20230701, NULL), LDRT_EINVAL, "order");
    tu_assert_error(ldrt_date_relation(20230700, 20230701, NULL), LDRT_EINVAL, "relation");
    tu_assert_error(ldrt_date_days_between(20230701, 20230702, NULL), LDRT_EINVAL, "days");
    tu_assert_error(ldrt_date_add_days(20230701, 1, NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_date_to_days(20230701, NULL), LDRT_EINVAL, "days");
    tu_assert_error(ldrt_date_from_days(0, NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_date_weekday(20230701, NULL), LDRT_EINVAL, "weekday");
    tu_assert_error(ldrt_date_compare(0, 20230701, &i), LDRT_EINVAL, "a:");
    tu_assert_error(ldrt_date_relation(20230701, 20231232, &rel), LDRT_EINVAL, "b:");
    tu_assert_error(ldrt_date_days_between_range(-1, 20230701, &n, &n), LDRT_EINVAL, "from");
    tu_assert_error(ldrt_date_days_between_range(20230701, 100000000, &n, &n), LDRT_EINVAL, "to");
    tu_assert_error(ldrt_date_parts(20230229, &i, &i, &i, &pr), LDRT_EINVAL, "date");
    tu_assert_error(ldrt_date_validate(20230015), LDRT_EINVAL, "date");
}
END_TEST

START_TEST(date_make_validates_parts)
{
    ldrt_date d = 0;
    tu_assert_ok(ldrt_date_make(2023, 7, 21, &d));
    ck_assert_int_eq(d, 20230721);
    tu_assert_ok(ldrt_date_make(2023, 7, 0, &d));
    ck_assert_int_eq(d, 20230700);
    tu_assert_ok(ldrt_date_make(2023, 0, 0, &d));
    ck_assert_int_eq(d, 20230000);
    tu_assert_error(ldrt_date_make(0, 1, 1, &d), LDRT_EINVAL, "year");
    tu_assert_error(ldrt_date_make(10000, 1, 1, &d), LDRT_EINVAL, "year");
    tu_assert_error(ldrt_date_make(2023, 13, 1, &d), LDRT_EINVAL, "month");
    tu_assert_error(ldrt_date_make(2023, -1, 1, &d), LDRT_EINVAL, "month");
    tu_assert_error(ldrt_date_make(2023, 0, 5, &d), LDRT_EINVAL, "day");
    tu_assert_error(ldrt_date_make(2023, 2, 29, &d), LDRT_EINVAL, "has 28 days");
    tu_assert_error(ldrt_date_make(2023, 2, -1, &d), LDRT_EINVAL, "day");
    ck_assert_int_eq(d, 20230000);
}
END_TEST

START_TEST(date_spans)
{
    ldrt_date e, l;
    tu_assert_ok(ldrt_date_earliest(20230700, &e));
    tu_assert_ok(ldrt_date_latest(20230700, &l));
    ck_assert_int_eq(e, 20230701);
    ck_assert_int_eq(l, 20230731);
    tu_assert_ok(ldrt_date_latest(20240200, &l));
    ck_assert_int_eq(l, 20240229);
    tu_assert_ok(ldrt_date_latest(20230200, &l));
    ck_assert_int_eq(l, 20230228);
    tu_assert_ok(ldrt_date_earliest(20220000, &e));
    tu_assert_ok(ldrt_date_latest(20220000, &l));
    ck_assert_int_eq(e, 20220101);
    ck_assert_int_eq(l, 20221231);
    tu_assert_ok(ldrt_date_latest(20230721, &l));
    ck_assert_int_eq(l, 20230721);
}
END_TEST

START_TEST(date_ordering_rule)
{
    /* Documented order: by earliest day, less precise first. */
    static const ldrt_date sorted[] = { 20230000, 20230100, 20230101, 20230102,
                                        20230131, 20230200, 20230721, 20240000 };
    size_t n = sizeof sorted / sizeof sorted[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            int order = 99;
            tu_assert_ok(ldrt_date_compare(sorted[i], sorted[j], &order));
            ck_assert_int_eq(order, (i > j) - (i < j));
        }
}
END_TEST

START_TEST(date_relations)
{
    int r;
    tu_assert_ok(ldrt_date_relation(20230700, 20230721, &r));
    ck_assert_int_eq(r, LDRT_DATE_OVERLAPS);
    tu_assert_ok(ldrt_date_relation(20230700, 20230801, &r));
    ck_assert_int_eq(r, LDRT_DATE_BEFORE);
    tu_assert_ok(ldrt_date_relation(20230801, 20230700, &r));
    ck_assert_int_eq(r, LDRT_DATE_AFTER);
    tu_assert_ok(ldrt_date_relation(20230000, 20231231, &r));
    ck_assert_int_eq(r, LDRT_DATE_OVERLAPS);
    tu_assert_ok(ldrt_date_relation(20230721, 20230721, &r));
    ck_assert_int_eq(r, LDRT_DATE_OVERLAPS);
    tu_assert_ok(ldrt_date_relation(20230720, 20230721, &r));
    ck_assert_int_eq(r, LDRT_DATE_BEFORE);
}
END_TEST

START_TEST(date_arithmetic)
{
    int64_t n = 0, lo = 0, hi = 0;
    ldrt_date d = 0;
    /* L-XRT of the seed case: 21 to 26 July 2023 is 5 days apart. */
    tu_assert_ok(ldrt_date_days_between(20230721, 20230726, &n));
    ck_assert_int_eq(n, 5);
    tu_assert_ok(ldrt_date_days_between(20230726, 20230721, &n));
    ck_assert_int_eq(n, -5);
    /* 2023 has 365 days, 2024 has 366. */
    tu_assert_ok(ldrt_date_days_between(20230101, 20240101, &n));
    ck_assert_int_eq(n, 365);
    tu_assert_ok(ldrt_date_days_between(20240101, 20250101, &n));
    ck_assert_int_eq(n, 366);
    tu_assert_error(ldrt_date_days_between(20230700, 20230726, &n), LDRT_EINVAL, "partial");
    /* Day numbers: the Unix epoch, and 2000-03-01 = 11017 (30 years = 10957
     * days to 2000-01-01, + 31 + 29). */
    tu_assert_ok(ldrt_date_to_days(19700101, &n));
    ck_assert_int_eq(n, 0);
    tu_assert_ok(ldrt_date_to_days(20000301, &n));
    ck_assert_int_eq(n, 11017);
    tu_assert_ok(ldrt_date_to_days(19691231, &n));
    ck_assert_int_eq(n, -1);
    tu_assert_ok(ldrt_date_from_days(11017, &d));
    ck_assert_int_eq(d, 20000301);
    tu_assert_ok(ldrt_date_add_days(20230721, 5, &d));
    ck_assert_int_eq(d, 20230726);
    tu_assert_ok(ldrt_date_add_days(20231231, 1, &d));
    ck_assert_int_eq(d, 20240101);
    tu_assert_ok(ldrt_date_add_days(20240301, -1, &d));
    ck_assert_int_eq(d, 20240229);
    tu_assert_error(ldrt_date_add_days(99991231, 1, &d), LDRT_ERANGE, "years 1-9999");
    tu_assert_error(ldrt_date_add_days(10101, -1, &d), LDRT_ERANGE, "years 1-9999");
    tu_assert_error(ldrt_date_add_days(20230700, 1, &d), LDRT_EINVAL, "partial");
    tu_assert_error(ldrt_date_from_days(3000000, &d), LDRT_ERANGE, "days");
    /* Ranges: July 2023 to 2023-09-20 is 51 to 81 days. */
    tu_assert_ok(ldrt_date_days_between_range(20230700, 20230920, &lo, &hi));
    ck_assert_int_eq(lo, 51);
    ck_assert_int_eq(hi, 81);
    tu_assert_ok(ldrt_date_days_between_range(20230721, 20230726, &lo, NULL));
    ck_assert_int_eq(lo, 5);
}
END_TEST

START_TEST(date_round_trip_every_day)
{
    /* Every day from 1800 to 2400 converts to a day number and back, and
     * consecutive days differ by one. */
    int64_t start, prev = 0;
    tu_assert_ok(ldrt_date_to_days(18000101, &start));
    for (int64_t z = start; z < start + 600 * 366; z++) {
        ldrt_date d;
        int64_t back;
        tu_assert_ok(ldrt_date_from_days(z, &d));
        tu_assert_ok(ldrt_date_to_days(d, &back));
        ck_assert_int_eq(back, z);
        if (z > start)
            ck_assert_int_eq(back - prev, 1);
        prev = back;
    }
}
END_TEST

START_TEST(date_weekdays)
{
    int w = 0;
    tu_assert_ok(ldrt_date_weekday(19700101, &w));
    ck_assert_int_eq(w, 4); /* Thursday */
    tu_assert_ok(ldrt_date_weekday(20230721, &w));
    ck_assert_int_eq(w, 5); /* Friday 21 July 2023 */
    tu_assert_ok(ldrt_date_weekday(20230724, &w));
    ck_assert_int_eq(w, 1); /* Monday */
    tu_assert_ok(ldrt_date_weekday(18000101, &w));
    ck_assert_int_eq(w, 3); /* Wednesday 1 January 1800 */
    tu_assert_error(ldrt_date_weekday(20230700, &w), LDRT_EINVAL, "partial");
}
END_TEST

/* ---- text buffer ------------------------------------------------------------ */

START_TEST(buf_appends_and_escapes)
{
    ldrt__buf b;
    char *out = NULL;
    ldrt__buf_init(&b);
    ldrt__buf_puts(&b, "dose ");
    ldrt__buf_printf(&b, "%.1f Gy in %d", 10.0, 5);
    ldrt__buf_puts(&b, " <fx> & 'x' \"y\"");
    ldrt__buf_puts_xml(&b, " <fx> & 'x' \"y\"\x01");
    ldrt__buf_puts_json(&b, "a\"b\\c\n\x02");
    tu_assert_ok(ldrt__buf_finish(&b, &out));
    ck_assert_str_eq(out, "dose 10.0 Gy in 5 <fx> & 'x' \"y\""
                          " &lt;fx&gt; &amp; &apos;x&apos; &quot;y&quot;?"
                          "\"a\\\"b\\\\c\\n\\u0002\"");
    ldrt_free(out);
    /* Long formatted text takes the slow path. */
    ldrt__buf_init(&b);
    char big[1000];
    memset(big, 'g', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ldrt__buf_printf(&b, "[%s]", big);
    tu_assert_ok(ldrt__buf_finish(&b, &out));
    ck_assert_uint_eq(strlen(out), 1001);
    ck_assert_int_eq(out[0], '[');
    ck_assert_int_eq(out[1000], ']');
    ldrt_free(out);
    /* An empty buffer finishes as "". */
    ldrt__buf_init(&b);
    tu_assert_ok(ldrt__buf_finish(&b, &out));
    ck_assert_str_eq(out, "");
    ldrt_free(out);
}
END_TEST

static int buf_build(void *arg)
{
    char **out = arg;
    ldrt__buf b;
    ldrt__buf_init(&b);
    for (int i = 0; i < 200; i++)
        ldrt__buf_printf(&b, "fraction %d: %.1f Gy\n", i + 1, 2.0);
    return ldrt__buf_finish(&b, out);
}

static void buf_cleanup(void *arg)
{
    char **out = arg;
    ldrt_free(*out);
    *out = NULL;
}

START_TEST(buf_allocation_failures)
{
    char *out = NULL;
    tu_alloc_install();
    long used = tu_alloc_fail_each(buf_build, buf_cleanup, &out);
    ck_assert_int_gt(used, 1);
    tu_alloc_uninstall();
}
END_TEST

/* ASCII-only case folding: 'A'-'Z' match 'a'-'z'; nothing else is folded
 * (U+00C9 'É' in UTF-8 is two bytes >= 0x80 and stays itself). */
START_TEST(ascii_casecmp_folds_ascii_only)
{
    ck_assert_int_eq(ldrt__ascii_casecmp("Melanoma", "mELANOMA"), 0);
    ck_assert_int_eq(ldrt__ascii_casecmp("", ""), 0);
    ck_assert_int_lt(ldrt__ascii_casecmp("abc", "abd"), 0);
    ck_assert_int_gt(ldrt__ascii_casecmp("abcd", "ABC"), 0);
    ck_assert_int_lt(ldrt__ascii_casecmp("AB", "abc"), 0);
    /* '@' (0x40) and '`' (0x60) sit next to the letters and are not folded. */
    ck_assert_int_ne(ldrt__ascii_casecmp("@", "`"), 0);
    ck_assert_int_ne(ldrt__ascii_casecmp("\xC3\x89", "\xC3\xA9"), 0);
}
END_TEST

static Suite *common_suite(void)
{
    Suite *s = suite_create("common");
    TCase *tc = tcase_create("status");
    tcase_add_test(tc, strerror_names_every_code);
    tcase_add_test(tc, codes_are_stable);
    tcase_add_test(tc, last_error_is_kept_and_cleared);
    tcase_add_test(tc, long_messages_are_truncated_safely);
    tcase_add_test(tc, messages_are_per_thread);
    tcase_add_test(tc, version_matches_headers);
    suite_add_tcase(s, tc);

    tc = tcase_create("alloc");
    tcase_add_test(tc, allocator_hooks_are_used);
    tcase_add_test(tc, growable_array_doubles);
    tcase_add_test(tc, allocator_rejects_partial_hooks);
    tcase_add_test(tc, allocation_failures_and_overflow);
    tcase_add_test(tc, buf_appends_and_escapes);
    tcase_add_test(tc, buf_allocation_failures);
    tcase_add_test(tc, ascii_casecmp_folds_ascii_only);
    suite_add_tcase(s, tc);

    tc = tcase_create("date");
    tcase_add_loop_test(tc, date_parse_and_format_round_trip, 0,
                        (int)(sizeof good_dates / sizeof good_dates[0]));
    tcase_add_loop_test(tc, date_parse_rejects_impossible, 0,
                        (int)(sizeof bad_dates / sizeof bad_dates[0]));
    tcase_add_test(tc, date_null_arguments);
    tcase_add_test(tc, date_make_validates_parts);
    tcase_add_test(tc, date_spans);
    tcase_add_test(tc, date_ordering_rule);
    tcase_add_test(tc, date_relations);
    tcase_add_test(tc, date_arithmetic);
    tcase_add_test(tc, date_round_trip_every_day);
    tcase_add_test(tc, date_weekdays);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(common_suite)
