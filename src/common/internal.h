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

/* Allocation through the hooks. Sizes that overflow fail cleanly. */
void *ldrt__malloc(size_t size);
void *ldrt__calloc(size_t count, size_t size);
void *ldrt__realloc(void *ptr, size_t size);
void *ldrt__reallocarray(void *ptr, size_t count, size_t size);
void ldrt__free(void *ptr);
char *ldrt__strdup(const char *s);
char *ldrt__strndup(const char *s, size_t n);

/* Compares two strings ignoring the case of ASCII letters only (any locale):
 * < 0, 0 or > 0 as strcmp. */
int ldrt__ascii_casecmp(const char *a, const char *b);

/* Argument checks that record a message naming the argument. */
#define LDRT__CHECK_NOT_NULL(arg)                                               \
    do {                                                                        \
        if ((arg) == NULL)                                                      \
            return ldrt__error(LDRT_EINVAL, "%s: must not be NULL", #arg);      \
    } while (0)

/* Dates: fast internal forms for valid full dates. */
int ldrt__date_is_valid(ldrt_date d);
int64_t ldrt__days_from_civil(int y, int m, int d);
void ldrt__civil_from_days(int64_t z, int *y, int *m, int *d);

#endif /* LDRT_INTERNAL_H */
