/*
 * Library-internal helpers shared by every module. Not installed.
 * Internal symbols start with "ldrt__" and are hidden from the shared
 * library by -fvisibility=hidden; the prefix keeps them out of the way of a
 * program that links the static library.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_INTERNAL_H
#define LDRT_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

#include "ldrt/common.h"

#if defined(__GNUC__)
#  define LDRT__PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#  define LDRT__PRINTF(fmt, args)
#endif

/* Errors: record a message for the calling thread and return code. */
int ldrt__error(int code, const char *fmt, ...) LDRT__PRINTF(2, 3);
int ldrt__verror(int code, const char *fmt, va_list ap) LDRT__PRINTF(2, 0);
/* Prefixes the current thread's message with "prefix: " (used to add a path). */
void ldrt__error_prefix(const char *fmt, ...) LDRT__PRINTF(1, 2);

/* Silent look-ups. A public call that succeeds leaves no message in
 * ldrt_last_error() (and does not change an earlier one), so where the
 * library asks itself a question whose answer may be "not recorded" (an
 * optional field, criteria without data, a date that may be unknown), it
 * asks silently: LDRT__SILENT(call) evaluates the int-returning call with
 * the calling thread's failures writing their message aside, where
 * ldrt__silent_error() reads it (a report row that says why), and gives the
 * call's status. Silences nest. Out of memory is never an answer: its
 * message stays public. A caller that passes another silenced failure on
 * reports it with its own ldrt__error(). */
void ldrt__silence_begin(void);
int ldrt__silence_end(int status);
const char *ldrt__silent_error(void);
#define LDRT__SILENT(call) (ldrt__silence_begin(), ldrt__silence_end(call))

/* Allocation through the hooks. Sizes that overflow fail cleanly. */
void *ldrt__malloc(size_t size);
void *ldrt__calloc(size_t count, size_t size);
void *ldrt__realloc(void *ptr, size_t size);
void *ldrt__reallocarray(void *ptr, size_t count, size_t size);
void ldrt__free(void *ptr);
char *ldrt__strdup(const char *s);
char *ldrt__strndup(const char *s, size_t n);

/* The growable array, written once. The capacity that holds need elements:
 * cap doubled (first when cap is 0) until it holds them; cap itself when it
 * already does; 0 when doubling overflows. For parallel arrays that share
 * one capacity: compute it once, then ldrt__reallocarray() each. */
size_t ldrt__grow_cap(size_t cap, size_t need, size_t first);
/* Grows *array (elements of elem bytes, capacity *cap) to hold need
 * elements (see ldrt__grow_cap()). On failure returns LDRT_ENOMEM and leaves
 * *array and *cap as they were. */
int ldrt__grow(void **array, size_t *cap, size_t need, size_t elem, size_t first);

/* Compares two strings ignoring the case of ASCII letters only (any locale):
 * < 0, 0 or > 0 as strcmp. */
int ldrt__ascii_casecmp(const char *a, const char *b);

/* Argument checks that record a message naming the argument. */
#define LDRT__CHECK_NOT_NULL(arg)                                               \
    do {                                                                        \
        if ((arg) == NULL)                                                      \
            return ldrt__error(LDRT_EINVAL, "%s: must not be NULL", #arg);      \
    } while (0)

/* Spellings (vocabulary.c): one table per enumeration, read both ways. A
 * name is NULL for an unknown value (or a value without a name); a parse
 * gives LDRT_ENOTFOUND, its message naming `what`, for an unknown name. */
const char *ldrt__spelling(const char *const *names, int n, int value);
int ldrt__spelling_parse(const char *const *names, int n, const char *name, int *value,
                         const char *what);
/* Criteria (ldrt_criteria values) and response labels (ldrt_response values). */
const char *ldrt__criteria_spelling(int criteria);
int ldrt__criteria_count(void);
const char *ldrt__label_spelling(int label);
int ldrt__label_count(void);
/* 1: label is a response of the named criteria (or NE), 0: not, -1: unknown criteria. */
int ldrt__label_of_criteria(const char *criteria, const char *label);

/* Dates: fast internal forms for valid full dates. */
int ldrt__date_is_valid(ldrt_date d);
int64_t ldrt__days_from_civil(int y, int m, int d);
void ldrt__civil_from_days(int64_t z, int *y, int *m, int *d);

#endif /* LDRT_INTERNAL_H */
