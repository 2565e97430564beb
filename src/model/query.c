/*
 * Timeline queries: events by kind and date range, per drug, per course and
 * per lesion.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "model.h"

/* A sortable reference: (date, sequence of the recorded event, sub-index). */
typedef struct {
    const void *item;
    ldrt_date date;
    uint64_t seq;
    size_t sub;
} ref;

static int ref_cmp(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return (x->sub > y->sub) - (x->sub < y->sub);
}

typedef struct {
    ref *refs;
    size_t n;
} ref_list;

static int push(ref_list *l, const void *item, ldrt_date date, uint64_t seq, size_t sub)
{
    if (ldrt__reserve((void **)&l->refs, l->n, sizeof *l->refs))
        return LDRT_ENOMEM;
    ref r = { item, date, seq, sub };
    l->refs[l->n++] = r;
    return LDRT_OK;
}

/* Sorts the list and hands out an array of its items (NULL when empty). */
static int finish(ref_list *l, const void ***out, size_t *count)
{
    const void **arr = NULL;
    if (l->n) {
        qsort(l->refs, l->n, sizeof *l->refs, ref_cmp);
        arr = ldrt__calloc(l->n, sizeof *arr);
        if (!arr) {
            ldrt__free(l->refs);
            return LDRT_ENOMEM;
        }
        for (size_t i = 0; i < l->n; i++)
            arr[i] = l->refs[i].item;
    }
    ldrt__free(l->refs);
    *out = arr;
    *count = l->n;
    return LDRT_OK;
}

static int push_event(ref_list *l, const ldrt_event *e)
{
    return push(l, e, e->date, e->seq, e->parent ? e->admin_index + 1 : 0);
}

int ldrt_patient_events(const ldrt_patient *p, unsigned kinds, ldrt_date from, ldrt_date to,
                        unsigned flags, const ldrt_event ***out, size_t *count)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(out);
    LDRT__CHECK_NOT_NULL(count);
    int64_t lo = INT64_MIN, hi = INT64_MAX, a, b;
    if (from != LDRT_DATE_NONE) {
        int rc = ldrt__check_date(from, "from");
        if (rc)
            return rc;
        ldrt__date_span(from, &lo, &b);
    }
    if (to != LDRT_DATE_NONE) {
        int rc = ldrt__check_date(to, "to");
        if (rc)
            return rc;
        ldrt__date_span(to, &a, &hi);
    }
    if (flags & ~LDRT_EVENTS_EXPAND)
        return ldrt__error(LDRT_EINVAL, "flags: unknown flags 0x%x", flags);
    if (lo > hi)
        return ldrt__error(LDRT_EINVAL, "to: before from");
    ref_list l = { 0 };
    for (size_t i = 0; i < p->n_events; i++) {
        ldrt_event *e = p->events[i];
        if (!(kinds & LDRT_EVENT_BIT(e->kind)))
            continue;
        if ((flags & LDRT_EVENTS_EXPAND) && e->repeat_count) {
            for (size_t k = 0; k < e->n_admins; k++) {
                ldrt_event *g = e->admins[k];
                if (g->hi >= lo && g->lo <= hi && push_event(&l, g)) {
                    ldrt__free(l.refs);
                    return LDRT_ENOMEM;
                }
            }
            continue;
        }
        if (e->hi >= lo && e->lo <= hi && push_event(&l, e)) {
            ldrt__free(l.refs);
            return LDRT_ENOMEM;
        }
    }
    return finish(&l, (const void ***)out, count);
}

static int collect_drug(const ldrt_patient *p, const char *drug, ref_list *l)
{
    for (size_t i = 0; i < p->n_events; i++) {
        ldrt_event *e = p->events[i];
        if (!ldrt_systemic_gives_drug(ldrt_event_as_systemic(e), drug))
            continue;
        size_t n = ldrt_systemic_administration_count(ldrt_event_as_systemic(e));
        for (size_t k = 0; k < n; k++)
            if (push_event(l, ldrt_systemic_administration_at(ldrt_event_as_systemic(e), k))) {
                ldrt__free(l->refs);
                return LDRT_ENOMEM;
            }
    }
    if (l->n > 1) /* qsort(NULL, 0, ...) is undefined */
        qsort(l->refs, l->n, sizeof *l->refs, ref_cmp);
    return LDRT_OK;
}

int ldrt_patient_drug_administrations(const ldrt_patient *p, const char *drug, const ldrt_event ***out,
                                      size_t *count)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(drug);
    LDRT__CHECK_NOT_NULL(out);
    LDRT__CHECK_NOT_NULL(count);
    ref_list l = { 0 };
    if (collect_drug(p, drug, &l))
        return LDRT_ENOMEM;
    return finish(&l, (const void ***)out, count);
}

static int drug_refs(const ldrt_patient *p, const char *drug, ref_list *l)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(drug);
    if (collect_drug(p, drug, l))
        return LDRT_ENOMEM;
    if (l->n == 0)
        return ldrt__error(LDRT_ENOTFOUND, "drug: \"%.60s\" was never given", drug);
    return LDRT_OK;
}

int ldrt_patient_drug_summary(const ldrt_patient *p, const char *drug, ldrt_date *first,
                              ldrt_date *last, size_t *count)
{
    ref_list l = { 0 };
    int rc = drug_refs(p, drug, &l);
    if (rc)
        return rc;
    if (first)
        *first = l.refs[0].date;
    if (last)
        *last = l.refs[l.n - 1].date;
    if (count)
        *count = l.n;
    ldrt__free(l.refs);
    return LDRT_OK;
}

int ldrt_patient_drug_cumulative_dose(const ldrt_patient *p, const char *drug, double *dose,
                                      const char **unit)
{
    LDRT__CHECK_NOT_NULL(dose);
    ref_list l = { 0 };
    int rc = drug_refs(p, drug, &l);
    if (rc)
        return rc;
    double sum = 0;
    const char *u = NULL;
    for (size_t i = 0; i < l.n && !rc; i++) {
        const ldrt_event *e = l.refs[i].item;
        const ldrt_event *s = ldrt__src(e);
        for (size_t k = 0; k < s->n_agents; k++) {
            const ldrt__agent *a = &s->agents[k];
            if (strcmp(a->drug, drug) != 0)
                continue;
            char date[LDRT_DATE_BUFSIZE];
            (void)ldrt_date_format(e->date, date, sizeof date);
            if (isnan(a->dose))
                rc = ldrt__error(LDRT_ENOTFOUND, "dose: the administration of %s has no dose", date);
            else if (u && strcmp(u, a->unit) != 0)
                rc = ldrt__error(LDRT_ESTATE, "unit: %s mixes \"%s\" and \"%s\"", drug, u, a->unit);
            else {
                u = a->unit;
                sum += a->dose;
            }
            break;
        }
    }
    ldrt__free(l.refs);
    if (rc)
        return rc;
    *dose = sum;
    if (unit)
        *unit = u;
    return LDRT_OK;
}

/* Smallest and largest number of days from a to b. Two administrations of
 * one series share the uncertainty of its start: their distance is exact. */
static void interval(const ldrt_event *a, const ldrt_event *b, int64_t *mn, int64_t *mx)
{
    if (a->parent && a->parent == b->parent) {
        *mn = *mx = (int64_t)a->parent->repeat_every_days *
                    ((int64_t)b->admin_index - (int64_t)a->admin_index);
        return;
    }
    *mn = b->lo - a->hi;
    *mx = b->hi - a->lo;
}

int ldrt_patient_drug_exposure_days(const ldrt_patient *p, const char *drug, int64_t *min_days,
                                    int64_t *max_days)
{
    ref_list l = { 0 };
    int rc = drug_refs(p, drug, &l);
    if (rc)
        return rc;
    int64_t mn, mx;
    interval(l.refs[0].item, l.refs[l.n - 1].item, &mn, &mx);
    if (min_days)
        *min_days = mn < 0 ? 0 : mn;
    if (max_days)
        *max_days = mx;
    ldrt__free(l.refs);
    return LDRT_OK;
}

int ldrt_patient_drug_gaps(const ldrt_patient *p, const char *drug, int64_t longer_than_days,
                           const ldrt_event ***out, size_t *count)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(drug);
    LDRT__CHECK_NOT_NULL(out);
    LDRT__CHECK_NOT_NULL(count);
    if (longer_than_days < 0)
        return ldrt__error(LDRT_EINVAL, "longer_than_days: must be >= 0 (got %lld)",
                           (long long)longer_than_days);
    ref_list l = { 0 }, g = { 0 };
    if (collect_drug(p, drug, &l))
        return LDRT_ENOMEM;
    for (size_t i = 0; i + 1 < l.n; i++) {
        int64_t mn, mx;
        interval(l.refs[i].item, l.refs[i + 1].item, &mn, &mx);
        if (mn > longer_than_days && push(&g, l.refs[i].item, l.refs[i].date,
                                                     l.refs[i].seq, l.refs[i].sub)) {
            ldrt__free(l.refs);
            ldrt__free(g.refs);
            return LDRT_ENOMEM;
        }
    }
    ldrt__free(l.refs);
    return finish(&g, (const void ***)out, count);
}

int ldrt_patient_drug_holds(const ldrt_patient *p, const char *drug, const ldrt_event ***out,
                            size_t *count)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(drug);
    LDRT__CHECK_NOT_NULL(out);
    LDRT__CHECK_NOT_NULL(count);
    ref_list l = { 0 };
    for (size_t i = 0; i < p->n_events; i++) {
        ldrt_event *e = p->events[i];
        if (e->kind != LDRT_EVENT_HOLD)
            continue;
        int applies = e->n_drugs == 0;
        for (size_t k = 0; k < e->n_drugs && !applies; k++)
            applies = strcmp(e->drugs[k], drug) == 0;
        if (applies && push_event(&l, e)) {
            ldrt__free(l.refs);
            return LDRT_ENOMEM;
        }
    }
    return finish(&l, (const void ***)out, count);
}

static int check_course(const ldrt_event *e)
{
    if (!e)
        return ldrt__error(LDRT_EINVAL, "course: must not be NULL");
    if (e->kind != LDRT_EVENT_RADIOTHERAPY)
        return ldrt__error(LDRT_EINVAL, "course: a %s event is not a radiotherapy course",
                           ldrt_event_kind_name(e->kind));
    return LDRT_OK;
}

int ldrt_course_fraction_dates(const ldrt_course *course, ldrt_date *first, ldrt_date *last)
{
    const ldrt_event *e = LDRT__CEV(course);
    int rc = check_course(e);
    if (rc)
        return rc;
    if (!e->n_fractions)
        return ldrt__error(LDRT_ENOTFOUND, "fractions: the course has none");
    if (first)
        *first = e->fractions[0]->date;
    if (last)
        *last = e->fractions[e->n_fractions - 1]->date;
    return LDRT_OK;
}

int ldrt_course_overall_days(const ldrt_course *course, int64_t *min_days, int64_t *max_days)
{
    const ldrt_event *e = LDRT__CEV(course);
    int rc = check_course(e);
    if (rc)
        return rc;
    int64_t mn = 0, mx = 0;
    rc = ldrt__course_ott(e, &mn, &mx);
    if (rc)
        return rc;
    if (min_days)
        *min_days = mn;
    if (max_days)
        *max_days = mx;
    return LDRT_OK;
}

int ldrt_course_total_dose_gy(const ldrt_course *course, double *total_gy)
{
    const ldrt_event *e = LDRT__CEV(course);
    int rc = check_course(e);
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(total_gy);
    double s = 0;
    for (size_t i = 0; i < e->n_fractions; i++)
        s += e->fractions[i]->dose_gy;
    *total_gy = s;
    return LDRT_OK;
}

int ldrt_course_dose_per_fraction_gy(const ldrt_course *course, double *mean_gy, int *uniform)
{
    const ldrt_event *e = LDRT__CEV(course);
    int rc = check_course(e);
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(mean_gy);
    if (!e->n_fractions)
        return ldrt__error(LDRT_ENOTFOUND, "fractions: the course has none");
    double s = 0;
    int same = 1;
    for (size_t i = 0; i < e->n_fractions; i++) {
        s += e->fractions[i]->dose_gy;
        if (e->fractions[i]->dose_gy != e->fractions[0]->dose_gy)
            same = 0;
    }
    *mean_gy = s / (double)e->n_fractions;
    if (uniform)
        *uniform = same;
    return LDRT_OK;
}

static int check_lesion(const ldrt_patient *p, const ldrt_lesion *l)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(l);
    if (l->patient != p)
        return ldrt__error(LDRT_EINVAL, "lesion: not a lesion of this patient");
    return LDRT_OK;
}

int ldrt_patient_lesion_fractions(const ldrt_patient *p, const ldrt_lesion *les,
                                  const ldrt_fraction ***out, size_t *count)
{
    int rc = check_lesion(p, les);
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(out);
    LDRT__CHECK_NOT_NULL(count);
    ref_list l = { 0 };
    for (size_t i = 0; i < p->n_events; i++) {
        ldrt_event *e = p->events[i];
        if (!ldrt_course_targets_lesion(ldrt_event_as_course(e), les))
            continue;
        for (size_t k = 0; k < e->n_fractions; k++)
            if (push(&l, e->fractions[k], e->fractions[k]->date, e->seq, k)) {
                ldrt__free(l.refs);
                return LDRT_ENOMEM;
            }
    }
    return finish(&l, (const void ***)out, count);
}

int ldrt_patient_lesion_scans(const ldrt_patient *p, const ldrt_lesion *les, const ldrt_scan ***out,
                              size_t *count)
{
    int rc = check_lesion(p, les);
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(out);
    LDRT__CHECK_NOT_NULL(count);
    ref_list l = { 0 };
    for (size_t i = 0; i < p->n_events; i++) {
        ldrt_event *e = p->events[i];
        if (e->kind != LDRT_EVENT_IMAGING)
            continue;
        int hit = 0;
        for (size_t k = 0; k < e->n_meas && !hit; k++)
            hit = e->meas[k].lesion == les;
        for (size_t k = 0; k < e->n_sul && !hit; k++)
            hit = e->sul[k].lesion == les;
        for (size_t k = 0; k < e->n_nt && !hit; k++)
            hit = e->nt[k].lesion == les;
        if (hit && push_event(&l, e)) {
            ldrt__free(l.refs);
            return LDRT_ENOMEM;
        }
    }
    return finish(&l, (const void ***)out, count);
}
