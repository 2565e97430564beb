/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/common.h
 * @brief Status codes, error messages, version, allocation hooks and dates.
 *
 * Everything else in libldrt is built on this header. Read it first.
 */
#ifndef LDRT_COMMON_H
#define LDRT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/limits.h"

/**
 * @defgroup common Common: status, errors, version, memory, dates
 * @brief The conventions every other module follows.
 *
 * **Status codes.** Every function that can fail returns an `int`: #LDRT_OK
 * (zero) on success or one of the negative `LDRT_E*` codes. Results are
 * written through out parameters, and only on success: on failure an out
 * parameter keeps whatever value it had, and no object is changed.
 *
 * **Error messages.** When a function fails it also records a message that
 * names what was wrong (the argument, or the JSON path of a document:
 * `events[4].fractions[2].dose_gy: must be > 0`). Read it with
 * ldrt_last_error(). The message is kept per thread (thread-local storage),
 * so two threads never see each other's errors and no global state is
 * shared. It stays valid until the next failing libldrt call in the same
 * thread; a successful call does not clear it.
 *
 * @code
 * double bed;
 * if (ldrt_lq_bed(10.0, 5.0, -3.0, &bed) != LDRT_OK)
 *     fprintf(stderr, "ldrt: %s\n", ldrt_last_error());
 * // ldrt: alpha_beta_gy: must be > 0 (got -3)
 * @endcode
 *
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/** @cond LDRT_INTERNAL */
#if defined(_WIN32) && !defined(LDRT_STATIC)
#  ifdef LDRT_BUILDING
#    define LDRT_API __declspec(dllexport)
#  else
#    define LDRT_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define LDRT_API __attribute__((visibility("default")))
#else
#  define LDRT_API
#endif
/** @endcond */

/** @name Version
 * The version of the headers a program was compiled with. Compare with
 * ldrt_version() at run time to check that the library loaded is the one
 * the program expects (same major version, minor at least as new).
 * @{ */
/** Major version: changes only with an incompatible ABI (and the SONAME). */
#define LDRT_VERSION_MAJOR 0
/** Minor version: new functions or enum values, compatible. */
#define LDRT_VERSION_MINOR 1
/** Patch version: fixes only. */
#define LDRT_VERSION_PATCH 0
/** The version as a string, "MAJOR.MINOR.PATCH". */
#define LDRT_VERSION_STRING "0.1.0"
/** The version as one number, MAJOR * 10000 + MINOR * 100 + PATCH. */
#define LDRT_VERSION_NUMBER \
    (LDRT_VERSION_MAJOR * 10000 + LDRT_VERSION_MINOR * 100 + LDRT_VERSION_PATCH)
/** True when the headers are at least version @p major.@p minor.@p patch. */
#define LDRT_VERSION_AT_LEAST(major, minor, patch) \
    (LDRT_VERSION_NUMBER >= ((major) * 10000 + (minor) * 100 + (patch)))
/** @} */

/**
 * Status codes returned by every fallible function.
 *
 * The list only grows: a code keeps its value forever.
 */
typedef enum ldrt_status {
    LDRT_OK = 0,            /**< Success. */
    LDRT_EINVAL = -1,       /**< An argument is invalid (NULL, NaN, out of its domain). */
    LDRT_ENOMEM = -2,       /**< Memory could not be allocated. */
    LDRT_ERANGE = -3,       /**< A value or result is outside the representable range, or a buffer is too small. */
    LDRT_ENOTFOUND = -4,    /**< A named thing (lesion, preset, drug, event) does not exist. */
    LDRT_EPARSE = -5,       /**< Text could not be parsed (a date, a JSON document). */
    LDRT_EIO = -6,          /**< Reading or writing a file failed. */
    LDRT_ESTATE = -7,       /**< The object is not in a state that allows the call. */
    LDRT_EUNSUPPORTED = -8  /**< The request is valid but not supported (a document version, a model option). */
} ldrt_status;

/**
 * Names a status code.
 *
 * @param code a value returned by a libldrt function.
 * @return a static, never NULL, English description ("invalid argument");
 *         "unknown error" for a value that is not a status code.
 */
LDRT_API const char *ldrt_strerror(int code);

/**
 * The detailed message of the last failure in the calling thread.
 *
 * @return a thread-local string naming what was wrong, or "" when no libldrt
 *         call has failed in this thread. Borrowed: valid until the next
 *         failing libldrt call in this thread. Never NULL.
 */
LDRT_API const char *ldrt_last_error(void);

/**
 * The status code of the last failure in the calling thread.
 *
 * @return a negative `LDRT_E*` code, or #LDRT_OK when no call has failed in
 *         this thread (or since ldrt_clear_error()).
 */
LDRT_API int ldrt_last_error_code(void);

/** Forgets the last failure of the calling thread (message "" and code #LDRT_OK). */
LDRT_API void ldrt_clear_error(void);

/**
 * The version of the library that is running.
 *
 * @return LDRT_VERSION_NUMBER as the library was built.
 */
LDRT_API int ldrt_version(void);

/**
 * The version of the library that is running, as text.
 *
 * @return LDRT_VERSION_STRING as the library was built (static storage).
 */
LDRT_API const char *ldrt_version_string(void);

/** @name Allocation hooks
 * @{ */

/** Allocates @p size bytes; returns NULL on failure. */
typedef void *(*ldrt_malloc_fn)(size_t size, void *user_data);
/** Resizes @p ptr (which may be NULL) to @p size bytes; returns NULL and leaves @p ptr valid on failure. */
typedef void *(*ldrt_realloc_fn)(void *ptr, size_t size, void *user_data);
/** Frees @p ptr, which may be NULL. */
typedef void (*ldrt_free_fn)(void *ptr, void *user_data);

/**
 * Routes every allocation the library makes through the caller's functions.
 *
 * Call it once, before any other libldrt call and before other threads use
 * the library: the hooks are process-wide, and memory must be freed by the
 * allocator that gave it. Passing three NULLs restores the C library's
 * malloc, realloc and free.
 *
 * @param malloc_fn   allocation function, or NULL (with the others) for the default.
 * @param realloc_fn  reallocation function.
 * @param free_fn     release function.
 * @param user_data   passed unchanged to each hook; may be NULL.
 * @return #LDRT_OK, or #LDRT_EINVAL when some but not all hooks are NULL.
 */
LDRT_API int ldrt_set_allocator(ldrt_malloc_fn malloc_fn, ldrt_realloc_fn realloc_fn,
                                ldrt_free_fn free_fn, void *user_data);

/**
 * Frees memory that libldrt allocated and handed to the caller (strings and
 * arrays documented as "owned by the caller; free with ldrt_free()").
 *
 * @param ptr a pointer returned that way, or NULL (no-op).
 */
LDRT_API void ldrt_free(void *ptr);
/** @} */

/** @name Dates with precision
 *
 * Clinical records often know only the month or the year of an event, and
 * libldrt keeps that precision rather than inventing a day. A date is a
 * plain integer, `year * 10000 + month * 100 + day`, where an unknown month
 * or day is 0: `"2023-07-21"` is 20230721, `"2023-07"` is 20230700 and
 * `"2023"` is 20230000. Zero (#LDRT_DATE_NONE) means "no date".
 *
 * A partial date stands for the span of days it can mean: `"2023-07"` is
 * 1 to 31 July 2023 (ldrt_date_earliest(), ldrt_date_latest()).
 *
 * **Ordering rule.** Dates sort by their integer value, which is the same as
 * sorting by earliest day and, for equal earliest days, putting the less
 * precise date first: `"2023"` < `"2023-01"` < `"2023-01-01"` < `"2023-01-02"`
 * < ... < `"2023-02"`. ldrt_date_compare() gives this order;
 * ldrt_date_relation() tells whether two spans can overlap.
 *
 * Years run from 1 to 9999 in the proleptic Gregorian calendar. Nothing
 * depends on the time zone or locale of the process.
 * @{ */

/** A calendar date with its precision: `year * 10000 + month * 100 + day`. */
typedef int32_t ldrt_date;

/** No date. */
#define LDRT_DATE_NONE 0
/** Buffer size that always fits ldrt_date_format()'s output ("YYYY-MM-DD" and NUL). */
#define LDRT_DATE_BUFSIZE 11

/** How much of a date is known. */
typedef enum ldrt_date_precision {
    LDRT_DATE_PRECISION_YEAR = 1,   /**< `YYYY` */
    LDRT_DATE_PRECISION_MONTH = 2,  /**< `YYYY-MM` */
    LDRT_DATE_PRECISION_DAY = 3     /**< `YYYY-MM-DD` */
} ldrt_date_precision;

/** How two date spans relate (see ldrt_date_relation()). */
typedef enum ldrt_date_rel {
    LDRT_DATE_BEFORE = -1,   /**< Every day of the first is before every day of the second. */
    LDRT_DATE_OVERLAPS = 0,  /**< The spans share at least one day (equal full dates included). */
    LDRT_DATE_AFTER = 1      /**< Every day of the first is after every day of the second. */
} ldrt_date_rel;

/**
 * Parses an ISO 8601 calendar date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 *
 * Exactly four year digits, two month digits and two day digits; nothing
 * may follow. Impossible dates (`2023-02-30`, month 13, year 0) are refused.
 *
 * @param text  NUL-terminated text; not NULL.
 * @param out   receives the date; not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL for a NULL argument; #LDRT_EPARSE for text
 *         that is not such a date (the message says why).
 */
LDRT_API int ldrt_date_parse(const char *text, ldrt_date *out);

/**
 * Builds a date from its parts.
 *
 * @param year   1 to 9999.
 * @param month  1 to 12, or 0 when only the year is known.
 * @param day    1 to the month's length, or 0 when unknown (must be 0 when month is 0).
 * @param out    receives the date; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad part.
 */
LDRT_API int ldrt_date_make(int year, int month, int day, ldrt_date *out);

/**
 * Writes a date as ISO 8601 text with its own precision.
 *
 * @param date  a valid date.
 * @param buf   destination; receives "YYYY", "YYYY-MM" or "YYYY-MM-DD".
 * @param size  size of @p buf in bytes; #LDRT_DATE_BUFSIZE always suffices.
 * @return #LDRT_OK; #LDRT_EINVAL for an invalid date or NULL @p buf;
 *         #LDRT_ERANGE when @p size is too small (nothing written).
 */
LDRT_API int ldrt_date_format(ldrt_date date, char *buf, size_t size);

/**
 * Checks a date value.
 *
 * @param date any integer.
 * @return #LDRT_OK when @p date is a valid date, else #LDRT_EINVAL.
 */
LDRT_API int ldrt_date_validate(ldrt_date date);

/**
 * Splits a date into its parts.
 *
 * @param date       a valid date.
 * @param year       receives the year (may be NULL).
 * @param month      receives the month or 0 (may be NULL).
 * @param day        receives the day or 0 (may be NULL).
 * @param precision  receives an ::ldrt_date_precision (may be NULL).
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_date_parts(ldrt_date date, int *year, int *month, int *day,
                             ldrt_date_precision *precision);

/**
 * The first day a date can mean (`"2023-07"` -> 2023-07-01).
 *
 * @param date  a valid date.
 * @param out   receives a full date; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_date_earliest(ldrt_date date, ldrt_date *out);

/**
 * The last day a date can mean (`"2024-02"` -> 2024-02-29).
 *
 * @param date  a valid date.
 * @param out   receives a full date; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_date_latest(ldrt_date date, ldrt_date *out);

/**
 * Orders two dates by the documented rule (earliest day, then less precise first).
 *
 * @param a      a valid date.
 * @param b      a valid date.
 * @param order  receives -1, 0 or 1 as @p a sorts before, with or after @p b.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_date_compare(ldrt_date a, ldrt_date b, int *order);

/**
 * Tells whether the span of @p a lies before, overlaps, or lies after that of @p b.
 *
 * @param a         a valid date.
 * @param b         a valid date.
 * @param relation  receives an ::ldrt_date_rel.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_date_relation(ldrt_date a, ldrt_date b, ldrt_date_rel *relation);

/**
 * Days from @p from to @p to (positive when @p to is later).
 *
 * Both dates must be full (day precision): a partial date has no single
 * difference. Use ldrt_date_days_between_range() for partial dates.
 *
 * @param from  a full date.
 * @param to    a full date.
 * @param days  receives `to - from` in days; not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL for an invalid or partial date.
 */
LDRT_API int ldrt_date_days_between(ldrt_date from, ldrt_date to, int64_t *days);

/**
 * The smallest and largest number of days from @p from to @p to, over every
 * day each (possibly partial) date can mean.
 *
 * @param from      a valid date.
 * @param to        a valid date.
 * @param min_days  receives the smallest difference (may be NULL).
 * @param max_days  receives the largest difference (may be NULL).
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_date_days_between_range(ldrt_date from, ldrt_date to,
                                          int64_t *min_days, int64_t *max_days);

/**
 * Adds a number of days to a full date.
 *
 * @param date  a full date.
 * @param days  days to add (negative to go back).
 * @param out   receives the new date; not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL for an invalid or partial date;
 *         #LDRT_ERANGE when the result falls outside years 1-9999.
 */
LDRT_API int ldrt_date_add_days(ldrt_date date, int64_t days, ldrt_date *out);

/**
 * The day number of a full date: days since 1970-01-01 (negative before).
 *
 * @param date  a full date.
 * @param days  receives the day number; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL (invalid or partial date).
 */
LDRT_API int ldrt_date_to_days(ldrt_date date, int64_t *days);

/**
 * The full date of a day number (days since 1970-01-01).
 *
 * @param days  a day number within years 1-9999.
 * @param out   receives the date; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL @p out) or #LDRT_ERANGE.
 */
LDRT_API int ldrt_date_from_days(int64_t days, ldrt_date *out);

/**
 * The weekday of a full date.
 *
 * @param date     a full date.
 * @param weekday  receives 1 (Monday) to 7 (Sunday), as ISO 8601 numbers them.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_date_weekday(ldrt_date date, int *weekday);
/** @} */

#ifdef __cplusplus
}
#endif

/** @} */
#endif /* LDRT_COMMON_H */
