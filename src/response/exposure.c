/*
 * Drug exposure as clinicians count it (ldrt_patient_exposure()): per line
 * of therapy and per drug within a line, with the number of administrations
 * ("at least N" when the cycle numbers show cycles the record does not
 * list) and the time on drug as a range, holds and the gaps between lines
 * excluded.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <string.h>

#include "ldrt/patient.h"
#include "response_internal.h"
#include "patient_internal.h"

typedef struct {
    char *name;
    ldrt_date first, last;
    size_t recorded, count;
    int exact;
    int64_t days_min, days_max;
} exp_drug;

typedef struct {
    const ldrt_systemic *start;
    size_t n_drugs;
    exp_drug *drugs;
} exp_line;

struct ldrt_exposure {
    size_t n_lines;
    exp_line *lines;
};

/* One administration of the drug being counted. */
typedef struct {
    const ldrt_event *event;
    const ldrt_event *series; /* the series it was generated from, or NULL */
    int64_t index;            /* its position in that series */
    int cycle;                /* its cycle number, or 0 when unknown */
    int64_t lo, hi;           /* the days it can fall on */
} adm_t;

void ldrt_exposure_free(ldrt_exposure *exposure)
{
    if (!exposure)
        return;
    for (size_t i = 0; i < exposure->n_lines; i++) {
        for (size_t k = 0; k < exposure->lines[i].n_drugs; k++)
            ldrt__free(exposure->lines[i].drugs[k].name);
        ldrt__free(exposure->lines[i].drugs);
    }
    ldrt__free(exposure->lines);
    ldrt__free(exposure);
}

static void day_span(const ldrt_event *e, int64_t *lo, int64_t *hi)
{
    ldrt_date a, b;
    if (ldrt_event_span(e, &a, &b) != LDRT_OK)
        a = b = ldrt_event_date(e);
    *lo = ldrt__pt_lo_day(a);
    ldrt_date l;
    *hi = ldrt_date_latest(b, &l) == LDRT_OK && ldrt_date_to_days(l, hi) == LDRT_OK ? *hi : *lo;
}

/* Days from a to b, smallest and largest: exact within one series. */
static void between(const adm_t *a, const adm_t *b, int64_t *mn, int64_t *mx)
{
    if (a->series && a->series == b->series) {
        int64_t every = 0;
        int count = 0;
        (void)ldrt_systemic_repeat(ldrt_event_as_systemic(a->series), &every, &count);
        *mn = *mx = every * (int64_t)(b->index - a->index);
        return;
    }
    *mn = b->lo - a->hi;
    *mx = b->hi - a->lo;
    if (*mn < 0)
        *mn = 0;
}

/* Appends the administrations of @p drug recorded by systemic event e. */
static int add_admins(const ldrt_event *e, const char *drug, adm_t **v, size_t *n, size_t *cap)
{
    const ldrt_systemic *s = ldrt_event_as_systemic(e);
    if (ldrt_systemic_gives_drug(s, drug) != 1)
        return LDRT_OK;
    int cycle = 0;
    if (LDRT__SILENT(ldrt_systemic_cycle(s, &cycle)) != LDRT_OK || cycle < 1)
        cycle = 0;
    size_t k = ldrt_systemic_administration_count(s);
    size_t m = k ? k : 1;
    for (size_t i = 0; i < m; i++) {
        if (*n == *cap) {
            size_t c = ldrt__grow_cap(*cap, *n + 1, 16);
            adm_t *nv = c ? ldrt__reallocarray(*v, c, sizeof *nv) : NULL;
            if (!nv)
                return LDRT_ENOMEM;
            *v = nv;
            *cap = c;
        }
        adm_t *a = &(*v)[(*n)++];
        a->event = k ? ldrt_systemic_administration_at(s, i) : e;
        a->series = k ? e : NULL;
        a->index = (int64_t)i;
        a->cycle = cycle ? cycle + (int)i : 0;
        day_span(a->event, &a->lo, &a->hi);
    }
    return LDRT_OK;
}

/* Does a hold of the drug interrupt the interval from a to b? It does when
 * it is dated on or after a and b certainly falls after it (b is where
 * the drug resumed). */
static int held_between(const adm_t *a, const adm_t *b, const ldrt_event *const *holds, size_t nh)
{
    for (size_t h = 0; h < nh; h++) {
        int64_t lo, hi;
        day_span(holds[h], &lo, &hi);
        if (hi >= a->lo && b->lo > hi)
            return 1;
    }
    return 0;
}

/* A hold that ends the line (ldrt__pt_hold_bound()) bounds its
 * administrations of the drug: a hold records that the drug was stopped on
 * its date, so none of them is later. Within a series the bound moves back
 * by the series' interval from one administration to the one before. */
static void bound_by_hold(adm_t *v, size_t n, const ldrt_event *const *holds, size_t nh,
                          int64_t start_lo, int64_t end_lo)
{
    int64_t last_lo = INT64_MIN;
    for (size_t i = 0; i < n; i++)
        if (v[i].lo > last_lo)
            last_lo = v[i].lo;
    int64_t bound = ldrt__pt_hold_bound(holds, nh, start_lo, end_lo, last_lo);
    if (n == 0 || bound == INT64_MAX)
        return;
    for (size_t i = n; i-- > 0;) {
        int64_t b = bound;
        if (i + 1 < n && v[i].series && v[i].series == v[i + 1].series) {
            int64_t every = 0;
            int count = 0;
            (void)ldrt_systemic_repeat(ldrt_event_as_systemic(v[i].series), &every, &count);
            if (v[i + 1].hi - every < b)
                b = v[i + 1].hi - every;
        }
        if (b < v[i].hi && b >= v[i].lo)
            v[i].hi = b;
    }
}

/* Counts one drug of one line from its administrations v[0..n). */
static void count_drug(exp_drug *d, const adm_t *v, size_t n, const ldrt_event *const *holds,
                       size_t nh)
{
    d->recorded = n;
    d->first = ldrt_event_date(v[0].event);
    d->last = ldrt_event_date(v[n - 1].event);
    int lo_cycle = 0, hi_cycle = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i].cycle) {
            if (!lo_cycle || v[i].cycle < lo_cycle)
                lo_cycle = v[i].cycle;
            if (v[i].cycle > hi_cycle)
                hi_cycle = v[i].cycle;
        }
    size_t implied = lo_cycle ? (size_t)(hi_cycle - lo_cycle + 1) : 0;
    d->count = implied > n ? implied : n;
    d->exact = d->count == n;
    /* Time on drug: the spans of the runs of administrations that no hold
     * interrupts, added up. */
    d->days_min = d->days_max = 0;
    size_t run = 0;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && !held_between(&v[i - 1], &v[i], holds, nh))
            continue;
        int64_t mn, mx;
        between(&v[run], &v[i - 1], &mn, &mx);
        d->days_min += mn;
        d->days_max += mx;
        run = i;
    }
}

/* Fills one line: the drugs of its events ev[0..n), in order of first use. */
static int fill_line(const ldrt_patient *p, exp_line *line, const ldrt_event *const *ev, size_t n,
                     int64_t end_lo)
{
    int64_t start_lo = n ? ldrt__pt_lo_day(ldrt_event_date(ev[0])) : 0;
    size_t cap_d = 0;
    adm_t *v = NULL;
    size_t nv = 0, cap_v = 0;
    int rc = LDRT_OK;
    for (size_t i = 0; i < n && rc == LDRT_OK; i++) {
        const ldrt_systemic *s = ldrt_event_as_systemic(ev[i]);
        for (size_t a = 0; a < ldrt_systemic_agent_count(s) && rc == LDRT_OK; a++) {
            const char *drug = ldrt_systemic_agent_drug(s, a);
            int seen = 0;
            for (size_t k = 0; k < line->n_drugs && !seen; k++)
                seen = strcmp(line->drugs[k].name, drug) == 0;
            if (seen)
                continue;
            nv = 0;
            for (size_t j = i; j < n && rc == LDRT_OK; j++)
                rc = add_admins(ev[j], drug, &v, &nv, &cap_v);
            const ldrt_event **holds = NULL;
            size_t nh = 0;
            if (rc == LDRT_OK)
                rc = ldrt_patient_drug_holds(p, drug, &holds, &nh);
            if (rc == LDRT_OK && line->n_drugs == cap_d) {
                size_t c = ldrt__grow_cap(cap_d, line->n_drugs + 1, 4);
                exp_drug *nd = c ? ldrt__reallocarray(line->drugs, c, sizeof *nd) : NULL;
                if (!nd)
                    rc = LDRT_ENOMEM;
                else {
                    line->drugs = nd;
                    cap_d = c;
                }
            }
            if (rc == LDRT_OK) {
                exp_drug *d = &line->drugs[line->n_drugs];
                memset(d, 0, sizeof *d);
                if (!(d->name = ldrt__strdup(drug)))
                    rc = LDRT_ENOMEM;
                else {
                    line->n_drugs++;
                    bound_by_hold(v, nv, holds, nh, start_lo, end_lo);
                    count_drug(d, v, nv, holds, nh);
                }
            }
            ldrt_free(holds);
        }
    }
    ldrt__free(v);
    return rc;
}

int ldrt_patient_exposure(const ldrt_patient *patient, ldrt_exposure **out)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(out);
    const ldrt_event **sys = NULL, **lines = NULL;
    size_t n_sys = 0, n_lines = 0;
    int rc = ldrt_patient_events(patient, LDRT_EVENT_BIT(LDRT_EVENT_SYSTEMIC), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &sys, &n_sys);
    if (rc == LDRT_OK)
        rc = ldrt__pt_find_lines(patient, &lines, &n_lines);
    ldrt_exposure *x = rc == LDRT_OK ? ldrt__calloc(1, sizeof *x) : NULL;
    if (rc == LDRT_OK && !x)
        rc = LDRT_ENOMEM;
    if (rc == LDRT_OK && n_lines) {
        x->lines = ldrt__calloc(n_lines, sizeof *x->lines);
        if (!x->lines)
            rc = LDRT_ENOMEM;
    }
    /* The events of line j: from its start to the next line's start. */
    size_t i = 0;
    for (size_t j = 0; j < n_lines && rc == LDRT_OK; j++) {
        while (i < n_sys && sys[i] != lines[j])
            i++;
        size_t end = i + 1;
        while (end < n_sys && (j + 1 >= n_lines || sys[end] != lines[j + 1]))
            end++;
        x->lines[j].start = ldrt_event_as_systemic(lines[j]);
        x->n_lines = j + 1;
        int64_t end_lo = j + 1 < n_lines ? ldrt__pt_lo_day(ldrt_event_date(lines[j + 1])) : INT64_MAX;
        rc = fill_line(patient, &x->lines[j], sys + i, end - i, end_lo);
        i = end;
    }
    ldrt_free(sys);
    ldrt_free(lines);
    if (rc != LDRT_OK) {
        ldrt_exposure_free(x);
        return rc;
    }
    *out = x;
    return LDRT_OK;
}

size_t ldrt_exposure_line_count(const ldrt_exposure *exposure)
{
    return exposure ? exposure->n_lines : 0;
}

static int check_line(const ldrt_exposure *x, size_t line)
{
    LDRT__CHECK_NOT_NULL(x);
    if (line >= x->n_lines)
        return ldrt__error(LDRT_ERANGE, "line: %zu is out of range (%zu lines)", line, x->n_lines);
    return LDRT_OK;
}

static const exp_drug *get_drug(const ldrt_exposure *x, size_t line, size_t drug, int *rc)
{
    if ((*rc = check_line(x, line)) != LDRT_OK)
        return NULL;
    if (drug >= x->lines[line].n_drugs) {
        *rc = ldrt__error(LDRT_ERANGE, "drug: %zu is out of range (%zu drugs in line %zu)", drug,
                          x->lines[line].n_drugs, line);
        return NULL;
    }
    return &x->lines[line].drugs[drug];
}

const ldrt_systemic *ldrt_exposure_line(const ldrt_exposure *exposure, size_t line)
{
    return check_line(exposure, line) == LDRT_OK ? exposure->lines[line].start : NULL;
}

size_t ldrt_exposure_drug_count(const ldrt_exposure *exposure, size_t line)
{
    return LDRT__SILENT(check_line(exposure, line)) == LDRT_OK ? exposure->lines[line].n_drugs : 0;
}

const char *ldrt_exposure_drug(const ldrt_exposure *exposure, size_t line, size_t drug)
{
    int rc;
    const exp_drug *d = get_drug(exposure, line, drug, &rc);
    return d ? d->name : NULL;
}

int ldrt_exposure_dates(const ldrt_exposure *exposure, size_t line, size_t drug,
                        ldrt_date *first, ldrt_date *last)
{
    int rc;
    const exp_drug *d = get_drug(exposure, line, drug, &rc);
    if (!d)
        return rc;
    if (first)
        *first = d->first;
    if (last)
        *last = d->last;
    return LDRT_OK;
}

int ldrt_exposure_count(const ldrt_exposure *exposure, size_t line, size_t drug,
                        size_t *recorded, size_t *count, int *exact)
{
    int rc;
    const exp_drug *d = get_drug(exposure, line, drug, &rc);
    if (!d)
        return rc;
    if (recorded)
        *recorded = d->recorded;
    if (count)
        *count = d->count;
    if (exact)
        *exact = d->exact;
    return LDRT_OK;
}

int ldrt_exposure_days(const ldrt_exposure *exposure, size_t line, size_t drug,
                       int64_t *min_days, int64_t *max_days)
{
    int rc;
    const exp_drug *d = get_drug(exposure, line, drug, &rc);
    if (!d)
        return rc;
    if (min_days)
        *min_days = d->days_min;
    if (max_days)
        *max_days = d->days_max;
    return LDRT_OK;
}
