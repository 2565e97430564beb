/*
 * Per-patient course response: in-field / out-of-field analysis of a
 * radiotherapy course and abscopal response.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt/patient.h"
#include "response_internal.h"
#include "patient_internal.h"

/* ---- radiotherapy courses: in field, out of field, abscopal --------------------- */

/* The latest day a (possibly partial) date can be. */
static int64_t hi_day(ldrt_date d)
{
    ldrt_date e;
    int64_t v = 0;
    if (ldrt_date_latest(d, &e) == LDRT_OK)
        ldrt_date_to_days(e, &v);
    return v;
}

typedef struct {
    const ldrt_lesion *lesion;
    int in_field;
    double before_mm, best_mm, best_pct;
    int responded;
    int64_t days;
    int64_t days_min, days_max; /* the range the dates allow */
    size_t first_scan, n_scans;  /* into the scan arrays */
} course_lesion;

struct ldrt_course_response {
    course_lesion *les;
    size_t n;
    ldrt_date *scan_date;
    double *scan_mm;
    size_t n_scan;
    size_t n_abscopal;
};

void ldrt_course_response_free(ldrt_course_response *cr)
{
    if (!cr)
        return;
    ldrt__free(cr->les);
    ldrt__free(cr->scan_date);
    ldrt__free(cr->scan_mm);
    ldrt__free(cr);
}

/* Per-lesion scratch of a course response, indexed by lesion then by row. */
typedef struct {
    double *before, *best, *pct, *b_all;
    uint8_t *in_field, *flag;
    size_t *count, *slot;
} course_scratch;

/* The course in days: its first fraction, and the bounds of its last one. */
typedef struct {
    int64_t first_lo, last_lo, last_hi;
} course_window;

/* Allocates the lesion rows and the scratch for n1 lesions; 0 when out of memory. */
static int course_scratch_alloc(ldrt_course_response *cr, course_scratch *s, size_t n1)
{
    cr->les = ldrt__calloc(n1, sizeof *cr->les);
    s->before = ldrt__calloc(n1, sizeof *s->before);
    s->best = ldrt__calloc(n1, sizeof *s->best);
    s->pct = ldrt__calloc(n1, sizeof *s->pct);
    s->b_all = ldrt__calloc(n1, sizeof *s->b_all);
    s->count = ldrt__calloc(n1, sizeof *s->count);
    s->slot = ldrt__calloc(n1, sizeof *s->slot);
    s->in_field = ldrt__calloc(n1, 1);
    s->flag = ldrt__calloc(n1, 1);
    return cr->les && s->before && s->best && s->pct && s->b_all && s->count && s->slot &&
           s->in_field && s->flag;
}

/* Frees the scratch of a course response. */
static void course_scratch_free(course_scratch *s)
{
    ldrt__free(s->before);
    ldrt__free(s->best);
    ldrt__free(s->pct);
    ldrt__free(s->b_all);
    ldrt__free(s->count);
    ldrt__free(s->slot);
    ldrt__free(s->in_field);
    ldrt__free(s->flag);
}

/* Reads one scan outside the course: pass 0 counts the measurements after it, pass 1 stores them. */
static void course_read_scan(ldrt_course_response *cr, course_scratch *s, scan_index *x,
                             const ldrt_event *scan, const course_window *w, int pass)
{
    size_t nm = ldrt_scan_measurement_count(ldrt_event_as_scan(scan));
    if (nm == 0)
        return;
    int64_t s_lo = ldrt__pt_lo_day(ldrt_event_date(scan));
    if (s_lo > w->first_lo && s_lo <= w->last_lo)
        return; /* during the course */
    ldrt__pt_sx_load(x, scan);
    for (size_t j = 0; j < nm; j++) {
        int32_t li = ldrt__pt_sx_find(x, ldrt_scan_measurement_lesion(ldrt_event_as_scan(scan), j));
        /* The first measurement of a lesion on a scan counts. */
        if (li < 0 || x->meas[li] != (int32_t)j)
            continue;
        ldrt_lesion_state ms = LDRT_STATE_NOT_EVALUATED;
        (void)LDRT__SILENT(ldrt_scan_measurement_state(ldrt_event_as_scan(scan), j, &ms));
        double mm = NAN;
        if (ms == LDRT_STATE_TOO_SMALL)
            mm = 5.0; /* RECIST 1.1 default */
        else if (ms == LDRT_STATE_PRESENT)
            LDRT__SILENT(ldrt_scan_measurement_diameter_mm(ldrt_event_as_scan(scan), j, &mm));
        if (isnan(mm))
            continue;
        if (s_lo <= w->first_lo) {
            s->b_all[li] = mm; /* the last measurement before the course */
        } else if (!isnan(s->b_all[li])) {
            if (pass == 0) {
                s->count[li]++;
            } else {
                cr->scan_date[s->slot[li]] = ldrt_event_date(scan);
                cr->scan_mm[s->slot[li]++] = mm;
            }
        }
    }
}

/* Gathers every lesion's measurements before and after the course; LDRT_ENOMEM when out of memory. */
static int course_gather(ldrt_course_response *cr, course_scratch *s, scan_index *x,
                         const ldrt_event **scans, size_t n_scans, size_t nl,
                         const course_window *w)
{
    /* Scan-major, in date order: the measurements before the course all come
     * before those after it, so a lesion's "before" value is final when its
     * first scan after the course is read. Pass 1 counts, pass 2 fills. */
    for (size_t i = 0; i < nl; i++)
        s->b_all[i] = NAN;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            size_t total = 0;
            for (size_t i = 0; i < nl; i++) {
                s->slot[i] = total;
                total += s->count[i];
                s->b_all[i] = NAN;
            }
            cr->scan_date = ldrt__calloc(total ? total : 1, sizeof *cr->scan_date);
            cr->scan_mm = ldrt__calloc(total ? total : 1, sizeof *cr->scan_mm);
            if (!cr->scan_date || !cr->scan_mm)
                return LDRT_ENOMEM;
        }
        for (size_t k = 0; k < n_scans; k++)
            course_read_scan(cr, s, x, scans[k], w, pass);
    }
    return LDRT_OK;
}

/* Adds lesion i's row when it was measured after the course: best size, first response. */
static void course_add_lesion(ldrt_course_response *cr, course_scratch *s,
                              const ldrt_patient *patient, const ldrt_event *course, size_t i,
                              int64_t thr, const course_window *w)
{
    if (s->count[i] == 0)
        return; /* nothing to compare */
    const ldrt_lesion *l = ldrt_patient_lesion_at(patient, i);
    size_t first_scan = s->slot[i] - s->count[i];
    double b = s->b_all[i], bst = NAN;
    int responded = 0;
    int64_t days = -1, dmin = -1, dmax = -1;
    int64_t bc = ldrt__centi(b);
    for (size_t q = first_scan; q < s->slot[i]; q++) {
        double mm = cr->scan_mm[q];
        if (isnan(bst) || mm < bst)
            bst = mm;
        int64_t ac = ldrt__centi(mm);
        if (!responded && bc > 0 && (bc - ac) * 100000 >= thr * bc) {
            responded = 1;
            days = ldrt__pt_lo_day(cr->scan_date[q]) - w->last_lo;
            dmin = ldrt__pt_lo_day(cr->scan_date[q]) - w->last_hi;
            dmax = hi_day(cr->scan_date[q]) - w->last_lo;
            if (dmin < 0)
                dmin = 0;
        }
    }
    course_lesion *c = &cr->les[cr->n];
    c->lesion = l;
    c->in_field = ldrt_course_targets_lesion(ldrt_event_as_course(course), l) == 1;
    c->before_mm = b;
    c->best_mm = bst;
    c->responded = responded;
    c->days = days;
    c->days_min = dmin;
    c->days_max = dmax;
    c->first_scan = first_scan;
    c->n_scans = s->count[i];
    s->before[cr->n] = b;
    s->best[cr->n] = bst;
    s->in_field[cr->n] = (uint8_t)c->in_field;
    cr->n++;
}

int ldrt_patient_course_response(const ldrt_patient *patient, const ldrt_course *handle,
                                 const ldrt_response_options *options,
                                 ldrt_course_response **out)
{
    LDRT__CHECK_NOT_NULL(patient);
    const ldrt_event *course = ldrt_course_as_event(handle);
    if (!course)
        return ldrt__error(LDRT_EINVAL, "course: must not be NULL");
    LDRT__CHECK_NOT_NULL(out);
    if (ldrt_event_type(course) != LDRT_EVENT_RADIOTHERAPY)
        return ldrt__error(LDRT_EINVAL, "course: not a radiotherapy event");
    if (ldrt_event_patient(course) != patient)
        return ldrt__error(LDRT_EINVAL, "course: belongs to another patient");
    ldrt_date first, last;
    int rc = LDRT__SILENT(ldrt_course_fraction_dates(ldrt_event_as_course(course), &first, &last));
    if (rc != LDRT_OK)
        return ldrt__error(LDRT_ENOTFOUND, "course: has no fractions");
    course_window w;
    w.first_lo = ldrt__pt_lo_day(first);
    w.last_lo = ldrt__pt_lo_day(last);
    w.last_hi = hi_day(last);
    const ldrt_event **scans = NULL;
    size_t n_scans = 0;
    rc = ldrt_patient_events(patient, LDRT_EVENT_BIT(LDRT_EVENT_IMAGING), LDRT_DATE_NONE,
                             LDRT_DATE_NONE, 0, &scans, &n_scans);
    if (rc != LDRT_OK)
        return rc;
    size_t nl = ldrt_patient_lesion_count(patient);
    ldrt_course_response *cr = ldrt__calloc(1, sizeof *cr);
    course_scratch s = { 0 };
    scan_index x = { 0 };
    if (!cr || ldrt__pt_sx_init(&x, patient) != LDRT_OK)
        goto nomem;
    if (!course_scratch_alloc(cr, &s, nl ? nl : 1))
        goto nomem;
    int64_t thr = ldrt__milli(ldrt__opt(options, LDRT_SET_ABSCOPAL_PCT));
    if (course_gather(cr, &s, &x, scans, n_scans, nl, &w) != LDRT_OK)
        goto nomem;
    for (size_t i = 0; i < nl; i++)
        course_add_lesion(cr, &s, patient, course, i, thr, &w);
    cr->n_scan = s.slot[nl ? nl - 1 : 0];
    rc = ldrt_abscopal_arrays(options, cr->n, s.before, s.best, s.in_field, s.pct, s.flag,
                              &cr->n_abscopal);
    if (rc != LDRT_OK)
        goto fail;
    for (size_t i = 0; i < cr->n; i++)
        cr->les[i].best_pct = s.pct[i];
    *out = cr;
    cr = NULL; /* the caller's now: the cleanup below frees only the scratch */
    goto done;
nomem:
    rc = LDRT_ENOMEM;
fail:
done:
    course_scratch_free(&s);
    ldrt__pt_sx_free(&x);
    ldrt_free(scans);
    ldrt_course_response_free(cr);
    return rc;
}

size_t ldrt_course_response_count(const ldrt_course_response *cr)
{
    return cr ? cr->n : 0;
}

size_t ldrt_course_response_abscopal_count(const ldrt_course_response *cr)
{
    return cr ? cr->n_abscopal : 0;
}

int ldrt_course_response_lesion(const ldrt_course_response *cr, size_t i,
                                const ldrt_lesion **lesion, int *in_field, double *before_mm,
                                double *best_mm, double *best_change_pct, int *responded,
                                int64_t *days_to_response)
{
    LDRT__CHECK_NOT_NULL(cr);
    if (i >= cr->n)
        return ldrt__error(LDRT_ERANGE, "i: lesion %zu out of range (%zu lesions)", i, cr->n);
    const course_lesion *c = &cr->les[i];
    if (lesion) *lesion = c->lesion;
    if (in_field) *in_field = c->in_field;
    if (before_mm) *before_mm = c->before_mm;
    if (best_mm) *best_mm = c->best_mm;
    if (best_change_pct) *best_change_pct = c->best_pct;
    if (responded) *responded = c->responded;
    if (days_to_response) *days_to_response = c->days;
    return LDRT_OK;
}

int ldrt_course_response_days_range(const ldrt_course_response *response, size_t i,
                                    int64_t *days_min, int64_t *days_max)
{
    LDRT__CHECK_NOT_NULL(response);
    if (i >= response->n)
        return ldrt__error(LDRT_ERANGE, "i: lesion %zu out of range (%zu lesions)", i, response->n);
    if (days_min) *days_min = response->les[i].days_min;
    if (days_max) *days_max = response->les[i].days_max;
    return LDRT_OK;
}

size_t ldrt_course_response_scan_count(const ldrt_course_response *cr, size_t i)
{
    return cr && i < cr->n ? cr->les[i].n_scans : 0;
}

int ldrt_course_response_scan(const ldrt_course_response *cr, size_t i, size_t j,
                              ldrt_date *date, double *diameter_mm, double *change_pct)
{
    LDRT__CHECK_NOT_NULL(cr);
    if (i >= cr->n)
        return ldrt__error(LDRT_ERANGE, "i: lesion %zu out of range (%zu lesions)", i, cr->n);
    const course_lesion *c = &cr->les[i];
    if (j >= c->n_scans)
        return ldrt__error(LDRT_ERANGE, "j: scan %zu out of range (%zu scans)", j, c->n_scans);
    double mm = cr->scan_mm[c->first_scan + j];
    if (date) *date = cr->scan_date[c->first_scan + j];
    if (diameter_mm) *diameter_mm = mm;
    if (change_pct) {
        int64_t b = ldrt__centi(c->before_mm), a = ldrt__centi(mm);
        *change_pct = b > 0 ? (double)(a - b) * 100.0 / (double)b : NAN;
    }
    return LDRT_OK;
}
