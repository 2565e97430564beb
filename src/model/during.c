/*
 * A toxicity placed within the event it occurred during (`during`): the
 * named event, and the span of days the toxicity can then fall on.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "model.h"

/* The event named by e's `during` (an event id, else a course id), or NULL. */
static const ldrt_event *named(const ldrt_event *e)
{
    const char *id = e->parent ? NULL : e->text[LDRT_FIELD_DURING];
    if (!id)
        return NULL;
    const ldrt_event *other = ldrt__index_find(&e->patient->event_ids, id);
    if (!other)
        other = ldrt__index_find(&e->patient->course_ids, id);
    return other;
}

const ldrt_event *ldrt_event_during(const ldrt_event *e)
{
    const ldrt_event *other = e ? named(e) : NULL;
    return other == e ? NULL : other;
}

/* The days an event runs over: from its date's first day to the last day of
 * its end (or of its date). */
static void run_days(const ldrt_event *e, int64_t *lo, int64_t *hi)
{
    int64_t a = e->lo, z = e->hi;
    if (e->end != LDRT_DATE_NONE) {
        int64_t ea;
        ldrt__date_span(e->end, &ea, &z);
    }
    *lo = a;
    *hi = z;
}

/* The range of days a..z as text: "2023-07-21 to 2023-07-26" (one date when equal). */
static void days_text(int64_t a, int64_t z, char *buf, size_t size)
{
    char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
    (void)ldrt_date_format(ldrt__date_of_day(a), d1, sizeof d1);
    (void)ldrt_date_format(ldrt__date_of_day(z), d2, sizeof d2);
    if (a == z)
        snprintf(buf, size, "%s", d1);
    else
        snprintf(buf, size, "%s to %s", d1, d2);
}

/* The placed days of e in *lo..*hi (its own span when nothing places it):
 * LDRT_OK, or the error ldrt_event_placed_span() documents. */
static int placed_days(const ldrt_event *e, int64_t *lo, int64_t *hi)
{
    *lo = e->lo;
    *hi = e->hi;
    const char *id = e->parent ? NULL : e->text[LDRT_FIELD_DURING];
    if (!id)
        return LDRT_OK;
    const ldrt_event *other = named(e);
    if (!other)
        return ldrt__error(LDRT_ENOTFOUND, "during: undefined event id \"%.60s\"", id);
    if (other == e)
        return ldrt__error(LDRT_EINVAL, "during: \"%.60s\" names the toxicity itself", id);
    int64_t a, z;
    run_days(other, &a, &z);
    if (z < e->lo || a > e->hi) {
        char mine[LDRT_DATE_BUFSIZE], theirs[2 * LDRT_DATE_BUFSIZE + 8];
        (void)ldrt_date_format(e->date, mine, sizeof mine);
        days_text(a, z, theirs, sizeof theirs);
        return ldrt__error(LDRT_ERANGE,
                           "during: the toxicity's date %s does not overlap \"%.60s\" (%s)", mine, id,
                           theirs);
    }
    *lo = a > e->lo ? a : e->lo;
    *hi = z < e->hi ? z : e->hi;
    return LDRT_OK;
}

int ldrt_event_placed_span(const ldrt_event *e, ldrt_date *earliest, ldrt_date *latest)
{
    LDRT__CHECK_NOT_NULL(e);
    int64_t lo, hi;
    int rc = placed_days(e, &lo, &hi);
    if (rc) {
        lo = e->lo;
        hi = e->hi;
    }
    if (earliest)
        *earliest = ldrt__date_of_day(lo);
    if (latest)
        *latest = ldrt__date_of_day(hi);
    return rc;
}
