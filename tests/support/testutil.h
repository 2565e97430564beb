/*
 * Shared test support: a counting allocator that can fail the N-th
 * allocation, and the main() every suite uses.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_TESTUTIL_H
#define LDRT_TESTUTIL_H

#include <check.h>
#include <stddef.h>
#include <string.h>

#include "ldrt.h"

/* Installs the counting allocator (also for jansson when the io module is
 * linked). fail_at < 0 never fails; fail_at = N fails the N-th allocation
 * from now (0 = the next one) and every later one. */
void tu_alloc_install(void);
void tu_alloc_fail_at(long fail_at);
/* Fails the N-th allocation from now and only that one (a transient failure). */
void tu_alloc_fail_only(long n);
/* Allocations made so far (successful ones) since tu_alloc_install(). */
long tu_alloc_count(void);
/* Blocks currently live (allocated through the hooks and not freed). */
long tu_alloc_live(void);
void tu_alloc_uninstall(void);

/* Runs fn(arg) with allocation n failing, for n = 0, 1, ... until fn
 * succeeds. Each failure must return LDRT_ENOMEM and leave no live block
 * beyond those alive before the call; cleanup(arg) (may be NULL) runs after
 * each attempt and must release what a success produced. Returns the number
 * of allocations the successful run made. */
long tu_alloc_fail_each(int (*fn)(void *arg), void (*cleanup)(void *arg), void *arg);

/* Runs fn(arg) once for each allocation index n = 0, 1, ... with allocation
 * n failing alone, until a run makes fewer than n + 1 allocations. Each run
 * must return LDRT_ENOMEM, or LDRT_OK with check(arg) == 0 (a correct result;
 * check may be NULL); cleanup(arg) (may be NULL) runs after each and nothing
 * may leak. Returns the number of runs; *failures (may be NULL) receives how
 * many returned LDRT_ENOMEM. */
long tu_alloc_fail_once_each(int (*fn)(void *arg), int (*check)(void *arg),
                             void (*cleanup)(void *arg), void *arg, long *failures);

/* Asserts that rc is code and that the last error message contains needle. */
#define tu_assert_error(rc, code, needle)                                        \
    do {                                                                         \
        int tu_rc_ = (rc);                                                       \
        ck_assert_msg(tu_rc_ == (code), "expected %s, got %d (%s): %s", #code,   \
                      tu_rc_, ldrt_strerror(tu_rc_), ldrt_last_error());         \
        ck_assert_msg(strstr(ldrt_last_error(), (needle)) != NULL,               \
                      "message \"%s\" does not name \"%s\"", ldrt_last_error(),  \
                      (needle));                                                 \
    } while (0)

#define tu_assert_ok(rc)                                                         \
    do {                                                                         \
        int tu_rc_ = (rc);                                                       \
        ck_assert_msg(tu_rc_ == LDRT_OK, "%s failed: %d (%s): %s", #rc, tu_rc_,  \
                      ldrt_strerror(tu_rc_), ldrt_last_error());                 \
    } while (0)

/* Path of a file under tests/data (LDRT_TEST_DATA) or examples/data
 * (LDRT_EXAMPLES); static buffer. */
const char *tu_data_path(const char *name);
const char *tu_example_path(const char *name);
/* The whole file at path, NUL-terminated (the test fails if it cannot be read);
 * its length in *size when size is not NULL. Free with free(). */
char *tu_slurp(const char *path, size_t *size);

/* main() for a suite: runs it and returns non-zero on any failure. */
int tu_run_suite(Suite *suite);
#define TU_MAIN(make_suite)                                                      \
    int main(void) { return tu_run_suite(make_suite()); }

#endif
