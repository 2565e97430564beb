/*
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

static long fail_at = -1;
static int fail_once;   /* fail only allocation fail_at, not the later ones */
static long count;
static long live;

/* Whether the next allocation fails (counting it when it fails alone, so
 * that the allocations after it keep their numbers). */
static int must_fail(void)
{
    if (fail_at < 0 || count < fail_at)
        return 0;
    if (fail_once) {
        if (count > fail_at)
            return 0;
        count++;
    }
    return 1;
}

static void *tu_malloc(size_t size, void *ud)
{
    (void)ud;
    if (must_fail())
        return NULL;
    void *p = malloc(size);
    if (p) {
        count++;
        live++;
    }
    return p;
}

static void *tu_realloc(void *ptr, size_t size, void *ud)
{
    (void)ud;
    if (must_fail())
        return NULL;
    void *p = realloc(ptr, size);
    if (p) {
        count++;
        if (!ptr)
            live++;
    }
    return p;
}

static void tu_free(void *ptr, void *ud)
{
    (void)ud;
    if (ptr) {
        live--;
        free(ptr);
    }
}

/* jansson's hooks have no user pointer. */
static void *tu_json_malloc(size_t size) { return tu_malloc(size, NULL); }
static void tu_json_free(void *ptr) { tu_free(ptr, NULL); }

#ifdef LDRT_TEST_WITH_JANSSON
#include <jansson.h>
static void set_json(int on)
{
    if (on)
        json_set_alloc_funcs(tu_json_malloc, tu_json_free);
    else
        json_set_alloc_funcs(malloc, free);
}
#else
static void set_json(int on)
{
    (void)on;
    (void)tu_json_malloc;
    (void)tu_json_free;
}
#endif

void tu_alloc_install(void)
{
    fail_at = -1;
    count = 0;
    live = 0;
    ck_assert_int_eq(ldrt_set_allocator(tu_malloc, tu_realloc, tu_free, NULL), LDRT_OK);
    set_json(1);
}

void tu_alloc_uninstall(void)
{
    ck_assert_int_eq(ldrt_set_allocator(NULL, NULL, NULL, NULL), LDRT_OK);
    set_json(0);
    fail_at = -1;
}

void tu_alloc_fail_at(long n)
{
    fail_at = n < 0 ? -1 : count + n;
    fail_once = 0;
}

void tu_alloc_fail_only(long n)
{
    fail_at = n < 0 ? -1 : count + n;
    fail_once = 1;
}

/* A failure for memory keeps its message: the thread's last error is an
 * out-of-memory one, not a message erased (or replaced by a look-up's) on
 * the way out. */
static void tu_assert_enomem_message(long n)
{
    ck_assert_msg(ldrt_last_error_code() == LDRT_ENOMEM && ldrt_last_error()[0] != '\0',
                  "allocation %ld failed: LDRT_ENOMEM returned, but the last error is code %d, "
                  "message \"%s\"", n, ldrt_last_error_code(), ldrt_last_error());
}

long tu_alloc_fail_once_each(int (*fn)(void *arg), int (*check)(void *arg),
                             void (*cleanup)(void *arg), void *arg, long *failures)
{
    long n;
    long failed = 0;
    for (n = 0; n < 1000000; n++) {
        long before = live;
        long start = count;
        ldrt_clear_error();
        tu_alloc_fail_only(n);
        int rc = fn(arg);
        long used = count - start;
        tu_alloc_fail_at(-1);
        if (rc == LDRT_OK) {
            ck_assert_msg(check == NULL || check(arg) == 0,
                          "allocation %ld failed alone: the call succeeded with a wrong result", n);
        } else {
            ck_assert_msg(rc == LDRT_ENOMEM,
                          "allocation %ld failed alone: expected LDRT_ENOMEM, got %d (%s)", n, rc,
                          ldrt_last_error());
            tu_assert_enomem_message(n);
            failed++;
        }
        if (cleanup)
            cleanup(arg);
        ck_assert_msg(live == before, "allocation %ld failed alone: %ld blocks leaked", n,
                      live - before);
        if (used <= n)  /* the run ended before allocation n: every index was tried */
            break;
    }
    if (failures)
        *failures = failed;
    return n;
}

long tu_alloc_count(void)
{
    return count;
}

long tu_alloc_live(void)
{
    return live;
}

long tu_alloc_fail_each(int (*fn)(void *arg), void (*cleanup)(void *arg), void *arg)
{
    for (long n = 0; n < 100000; n++) {
        long before = live;
        long start = count;
        ldrt_clear_error();
        tu_alloc_fail_at(n);
        int rc = fn(arg);
        tu_alloc_fail_at(-1);
        if (rc == LDRT_OK) {
            long used = count - start;
            if (cleanup)
                cleanup(arg);
            ck_assert_msg(live == before, "success leaked %ld blocks", live - before);
            return used;
        }
        ck_assert_msg(rc == LDRT_ENOMEM, "allocation %ld failed: expected LDRT_ENOMEM, got %d (%s)",
                      n, rc, ldrt_last_error());
        tu_assert_enomem_message(n);
        if (cleanup)
            cleanup(arg);
        ck_assert_msg(live == before, "failing allocation %ld leaked %ld blocks", n, live - before);
    }
    ck_abort_msg("function never succeeded");
    return -1;
}

static const char *join(const char *env, const char *fallback, const char *name)
{
    static char buf[4096];
    const char *dir = getenv(env);
    snprintf(buf, sizeof buf, "%s/%s", dir ? dir : fallback, name);
    return buf;
}

const char *tu_data_path(const char *name)
{
    return join("LDRT_TEST_DATA", "tests/data", name);
}

const char *tu_example_path(const char *name)
{
    return join("LDRT_EXAMPLES", "examples/data", name);
}

int tu_run_suite(Suite *suite)
{
    SRunner *sr = srunner_create(suite);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

char *tu_slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    ck_assert_int_ge(n, 0);
    ck_assert_int_eq(fseek(f, 0, SEEK_SET), 0);
    char *data = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    if (size)
        *size = (size_t)n;
    return data;
}
