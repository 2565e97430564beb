/*
 * The per-patient response API: builds the measurement rows of a patient's
 * scans from the patient record and runs the array engine on them
 * (ldrt_patient_assess()); the per-scan lesion index shared by the
 * patient_*.c files.
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

/* ---- growable rows ------------------------------------------------------------- */

typedef struct {
    int64_t *off;
    ldrt_date *dates;
    size_t n_tp, cap_tp;
    int32_t *lesion;
    uint8_t *role, *state;
    double *value;
    size_t n, cap;
    const char **names; /* by lesion index (borrowed strings) */
    size_t n_names, cap_names;
    int32_t *recorded;
} rows_t;

static void rows_free(rows_t *r)
{
    ldrt__free(r->off);
    ldrt__free(r->dates);
    ldrt__free(r->lesion);
    ldrt__free(r->role);
    ldrt__free(r->state);
    ldrt__free(r->value);
    ldrt__free(r->names);
    ldrt__free(r->recorded);
}

static int rows_scan(rows_t *r, ldrt_date date)
{
    if (r->n_tp + 2 > r->cap_tp) {
        size_t cap = ldrt__grow_cap(r->cap_tp, r->n_tp + 2, 16);
        if (!cap)
            return LDRT_ENOMEM;
        int64_t *o = ldrt__reallocarray(r->off, cap + 1, sizeof *o);
        if (!o)
            return LDRT_ENOMEM;
        r->off = o;
        ldrt_date *d = ldrt__reallocarray(r->dates, cap, sizeof *d);
        if (!d)
            return LDRT_ENOMEM;
        r->dates = d;
        int32_t *rec = ldrt__reallocarray(r->recorded, cap, sizeof *rec);
        if (!rec)
            return LDRT_ENOMEM;
        r->recorded = rec;
        r->cap_tp = cap;
    }
    if (r->n_tp == 0)
        r->off[0] = 0;
    r->dates[r->n_tp] = date;
    r->recorded[r->n_tp] = 0;
    r->n_tp++;
    r->off[r->n_tp] = (int64_t)r->n;
    return LDRT_OK;
}

static int rows_add(rows_t *r, int32_t lesion, int role, int state, double value)
{
    if (r->n == r->cap) {
        size_t cap = ldrt__grow_cap(r->cap, r->n + 1, 64);
        if (!cap)
            return LDRT_ENOMEM;
        int32_t *l = ldrt__reallocarray(r->lesion, cap, sizeof *l);
        if (!l)
            return LDRT_ENOMEM;
        r->lesion = l;
        uint8_t *ro = ldrt__realloc(r->role, cap);
        if (!ro)
            return LDRT_ENOMEM;
        r->role = ro;
        uint8_t *st = ldrt__realloc(r->state, cap);
        if (!st)
            return LDRT_ENOMEM;
        r->state = st;
        double *v = ldrt__reallocarray(r->value, cap, sizeof *v);
        if (!v)
            return LDRT_ENOMEM;
        r->value = v;
        r->cap = cap;
    }
    r->lesion[r->n] = lesion;
    r->role[r->n] = (uint8_t)role;
    r->state[r->n] = (uint8_t)state;
    r->value[r->n] = value;
    r->n++;
    r->off[r->n_tp] = (int64_t)r->n;
    return LDRT_OK;
}

/* Index of a lesion id: the patient's lesions first, then new-lesion ids. */
static int name_index(rows_t *r, const char *id, int32_t *out)
{
    for (size_t i = 0; i < r->n_names; i++)
        if (r->names[i] && strcmp(r->names[i], id) == 0) {
            *out = (int32_t)i;
            return LDRT_OK;
        }
    if (ldrt__grow((void **)&r->names, &r->cap_names, r->n_names + 1, sizeof *r->names, 16))
        return LDRT_ENOMEM;
    r->names[r->n_names] = id;
    *out = (int32_t)r->n_names++;
    return LDRT_OK;
}

int64_t ldrt__pt_lo_day(ldrt_date d)
{
    ldrt_date e;
    int64_t v = 0;
    if (ldrt_date_earliest(d, &e) == LDRT_OK)
        ldrt_date_to_days(e, &v);
    return v;
}

/* The record and the engines share ldrt_lesion_state; a scan index keeps a
 * non-target state as state + 1, so that 0 means "none recorded". */
static int map_nt(int stored) { return stored - 1; }

/* ---- per-scan lesion index ------------------------------------------------------
 * The patient's lesions by pointer (sorted once), and for the scan being
 * read, each lesion's measurement, non-target state and SULpeak: filled from
 * the scan's own lists, so reading every lesion of every scan costs
 * lesions + entries, not lesions x entries (and no lookup that fails, which
 * would format an error message, is made). */

static size_t key_hash(uintptr_t key, size_t mask)
{
    uint64_t h = (uint64_t)key * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 32) & mask;
}

void ldrt__pt_sx_free(scan_index *x)
{
    ldrt__free(x->keys);
    ldrt__free(x->meas);
    ldrt__free(x->sul);
    ldrt__free(x->nt);
    memset(x, 0, sizeof *x);
}

int ldrt__pt_sx_init(scan_index *x, const ldrt_patient *p)
{
    memset(x, 0, sizeof *x);
    x->nl = ldrt_patient_lesion_count(p);
    size_t n = x->nl ? x->nl : 1, slots = 4;
    while (slots < 2 * n)
        slots *= 2;
    x->mask = slots - 1;
    x->keys = ldrt__calloc(slots, sizeof *x->keys);
    x->meas = ldrt__calloc(n, sizeof *x->meas);
    x->sul = ldrt__calloc(n, sizeof *x->sul);
    x->nt = ldrt__calloc(n, 1);
    if (!x->keys || !x->meas || !x->sul || !x->nt) {
        ldrt__pt_sx_free(x);
        return LDRT_ENOMEM;
    }
    for (size_t i = 0; i < x->nl; i++) {
        uintptr_t key = (uintptr_t)ldrt_patient_lesion_at(p, i);
        size_t h = key_hash(key, x->mask);
        while (x->keys[h].key)
            h = (h + 1) & x->mask;
        x->keys[h].key = key;
        x->keys[h].idx = (int32_t)i;
        x->meas[i] = x->sul[i] = -1;
    }
    return LDRT_OK;
}

int32_t ldrt__pt_sx_find(const scan_index *x, const ldrt_lesion *l)
{
    uintptr_t key = (uintptr_t)l;
    if (!key)
        return -1;
    for (size_t h = key_hash(key, x->mask); x->keys[h].key; h = (h + 1) & x->mask)
        if (x->keys[h].key == key)
            return x->keys[h].idx;
    return -1;
}

/* Resets the entries of the loaded scan (touching only what it set). */
static void sx_clear(scan_index *x)
{
    const ldrt_event *s = x->loaded;
    if (!s)
        return;
    int32_t i;
    for (size_t j = 0, n = ldrt_scan_measurement_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = ldrt__pt_sx_find(x, ldrt_scan_measurement_lesion(ldrt_event_as_scan(s), j))) >= 0)
            x->meas[i] = -1;
    for (size_t j = 0, n = ldrt_scan_sul_peak_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = ldrt__pt_sx_find(x, ldrt_scan_sul_peak_lesion(ldrt_event_as_scan(s), j))) >= 0)
            x->sul[i] = -1;
    for (size_t j = 0, n = ldrt_scan_non_target_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = ldrt__pt_sx_find(x, ldrt_scan_non_target_lesion(ldrt_event_as_scan(s), j))) >= 0)
            x->nt[i] = 0;
    x->loaded = NULL;
}

/* Loads a scan; the first entry of a lesion wins, as the find functions do. */
void ldrt__pt_sx_load(scan_index *x, const ldrt_event *s)
{
    sx_clear(x);
    int32_t i;
    for (size_t j = 0, n = ldrt_scan_measurement_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = ldrt__pt_sx_find(x, ldrt_scan_measurement_lesion(ldrt_event_as_scan(s), j))) >= 0 && x->meas[i] < 0)
            x->meas[i] = (int32_t)j;
    for (size_t j = 0, n = ldrt_scan_sul_peak_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = ldrt__pt_sx_find(x, ldrt_scan_sul_peak_lesion(ldrt_event_as_scan(s), j))) >= 0 && x->sul[i] < 0)
            x->sul[i] = (int32_t)j;
    for (size_t j = 0, n = ldrt_scan_non_target_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = ldrt__pt_sx_find(x, ldrt_scan_non_target_lesion(ldrt_event_as_scan(s), j))) >= 0 && !x->nt[i])
        {
            ldrt_lesion_state st = LDRT_STATE_NOT_EVALUATED;
            (void)LDRT__SILENT(ldrt_scan_non_target_state(ldrt_event_as_scan(s), j, &st));
            x->nt[i] = (uint8_t)(st + 1);
        }
    x->loaded = s;
}

/* The loaded scan's measurement of lesion i: 0 none, else state and value. */
static int sx_measurement(const scan_index *x, size_t i, int *state, double *mm)
{
    int32_t j = x->meas[i];
    if (j < 0)
        return 0;
    const ldrt_event *scan = x->loaded;
    ldrt_lesion_state s = LDRT_STATE_NOT_EVALUATED;
    (void)LDRT__SILENT(ldrt_scan_measurement_state(ldrt_event_as_scan(scan), (size_t)j, &s));
    *mm = NAN;
    if (s == LDRT_STATE_PRESENT) {
        LDRT__SILENT(ldrt_scan_measurement_diameter_mm(ldrt_event_as_scan(scan), (size_t)j, mm));
        *state = LDRT_STATE_PRESENT;
    } else if (s == LDRT_STATE_TOO_SMALL) {
        *state = LDRT_STATE_TOO_SMALL;
    } else {
        *state = LDRT_STATE_NOT_EVALUATED;
    }
    return 1;
}

static int sx_sul(const scan_index *x, size_t i, double *v)
{
    int32_t j = x->sul[i];
    return j >= 0 && LDRT__SILENT(ldrt_scan_sul_peak_value(ldrt_event_as_scan(x->loaded), (size_t)j, v)) == LDRT_OK;
}

/* iRECIST new-lesion targets need RECIST measurability (10 mm, 15 mm nodes). */
static int new_role(double mm, int nodal)
{
    if (!isnan(mm) && mm >= (nodal ? 15.0 : 10.0))
        return LDRT_ROLE_NEW_TARGET | (nodal ? LDRT_ROLE_NODAL : 0);
    return LDRT_ROLE_NEW | (nodal ? LDRT_ROLE_NODAL : 0);
}

typedef struct {
    const ldrt_event **scans;
    size_t n_scans;
    size_t base;          /* baseline scan index */
    int have_base;
} scans_t;

static int has_data(const ldrt_event *s, int criteria)
{
    if (criteria == LDRT_CRITERIA_PERCIST10)
        return ldrt_scan_sul_peak_count(ldrt_event_as_scan(s)) > 0;
    return ldrt_scan_measurement_count(ldrt_event_as_scan(s)) > 0 || ldrt_scan_non_target_count(ldrt_event_as_scan(s)) > 0;
}

static int find_scans(const ldrt_patient *p, int criteria, scans_t *sc)
{
    memset(sc, 0, sizeof *sc);
    int rc = ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_IMAGING), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &sc->scans, &sc->n_scans);
    if (rc != LDRT_OK)
        return rc;
    for (size_t i = 0; i < sc->n_scans; i++) {
        int b = 0;
        if (LDRT__SILENT(ldrt_scan_baseline(ldrt_event_as_scan(sc->scans[i]), &b)) == LDRT_OK && b && has_data(sc->scans[i], criteria)) {
            sc->base = i;
            sc->have_base = 1;
            return LDRT_OK;
        }
    }
    for (size_t i = 0; i < sc->n_scans; i++)
        if (has_data(sc->scans[i], criteria)) {
            sc->base = i;
            sc->have_base = 1;
            return LDRT_OK;
        }
    return LDRT_OK;
}

/* Role of lesion i under RECIST/iRECIST, from the loaded baseline scan;
 * -1 for a lesion categorised target (non-target) that the baseline does not
 * measure (record): RECIST 1.1 selects targets among the lesions measured at
 * baseline, so it cannot serve; it is left out with a warning. */
static int lesion_role(const ldrt_lesion *l, const scan_index *base, size_t i)
{
    int nodal = 0;
    LDRT__SILENT(ldrt_lesion_nodal(l, &nodal));
    int flag = nodal ? LDRT_ROLE_NODAL : 0;
    int st = 0;
    double mm = NAN;
    int has_m = sx_measurement(base, i, &st, &mm);
    int measured = has_m && ((st == LDRT_STATE_PRESENT && !isnan(mm)) || st == LDRT_STATE_TOO_SMALL);
    switch (ldrt_lesion_category_of(l)) {
    case LDRT_ROLE_TARGET: return measured ? LDRT_ROLE_TARGET | flag : -1;
    case LDRT_ROLE_NON_TARGET:
        return (has_m && st != LDRT_STATE_NOT_EVALUATED) ||
                       (base->nt[i] && map_nt(base->nt[i]) != LDRT_STATE_NOT_EVALUATED)
                   ? LDRT_ROLE_NON_TARGET | flag
                   : -1;
    case LDRT_ROLE_NEW: return LDRT_ROLE_NEW | flag;
    default:
        if (has_m && st == LDRT_STATE_PRESENT && !isnan(mm))
            return LDRT_ROLE_TARGET | flag;
        if (base->nt[i])
            return LDRT_ROLE_NON_TARGET | flag;
        return LDRT_ROLE_NEW | flag;
    }
}

/* The patient's lesions take the first name indexes (their ids are unique). */
static int add_lesion_names(const ldrt_patient *p, rows_t *r)
{
    size_t nl = ldrt_patient_lesion_count(p);
    if (nl > r->cap_names) {
        const char **nn = ldrt__reallocarray(r->names, nl, sizeof *nn);
        if (!nn)
            return LDRT_ENOMEM;
        r->names = nn;
        r->cap_names = nl;
    }
    for (size_t i = 0; i < nl; i++)
        r->names[i] = ldrt_lesion_id(ldrt_patient_lesion_at(p, i));
    r->n_names = nl;
    return LDRT_OK;
}

static int build_recist_rows(const ldrt_patient *p, const scans_t *sc, rows_t *r,
                             int **roles_out)
{
    size_t nl = ldrt_patient_lesion_count(p);
    scan_index x;
    int rc = ldrt__pt_sx_init(&x, p);
    if (rc != LDRT_OK)
        return rc;
    int *roles = ldrt__calloc(nl ? nl : 1, sizeof *roles);
    if (!roles || (rc = add_lesion_names(p, r)) != LDRT_OK) {
        ldrt__free(roles);
        ldrt__pt_sx_free(&x);
        return roles ? rc : LDRT_ENOMEM;
    }
    ldrt__pt_sx_load(&x, sc->scans[sc->base]);
    for (size_t i = 0; i < nl; i++)
        roles[i] = lesion_role(ldrt_patient_lesion_at(p, i), &x, i);
    for (size_t k = sc->base; k < sc->n_scans && rc == LDRT_OK; k++) {
        const ldrt_event *s = sc->scans[k];
        if (k > sc->base && !has_data(s, LDRT_CRITERIA_RECIST11) &&
            ldrt_scan_new_lesion_count(ldrt_event_as_scan(s)) == 0)
            continue; /* a scan that says nothing under these criteria */
        if ((rc = rows_scan(r, ldrt_event_date(s))) != LDRT_OK)
            break;
        ldrt__pt_sx_load(&x, s);
        int64_t first_row = (int64_t)r->n;
        for (size_t i = 0; i < nl && rc == LDRT_OK; i++) {
            int role = roles[i];
            if (role < 0)
                continue; /* left out: see lesion_role() */
            int nodal = role & LDRT_ROLE_NODAL;
            int st = 0;
            double mm = NAN;
            int has_m = sx_measurement(&x, i, &st, &mm);
            int nts = x.nt[i];
            switch (role & ~LDRT_ROLE_NODAL) {
            case LDRT_ROLE_TARGET:
                if (has_m)
                    rc = rows_add(r, (int32_t)i, role, st, mm);
                break;
            case LDRT_ROLE_NON_TARGET:
                if (nts)
                    rc = rows_add(r, (int32_t)i, role, map_nt(nts), has_m ? mm : NAN);
                else if (has_m)
                    rc = rows_add(r, (int32_t)i, role,
                                  st == LDRT_STATE_PRESENT && mm == 0 ? LDRT_STATE_ABSENT : st, mm);
                break;
            default:
                if (k == sc->base)
                    break;
                if (has_m)
                    rc = rows_add(r, (int32_t)i, new_role(mm, nodal),
                                  st == LDRT_STATE_PRESENT && mm == 0 ? LDRT_STATE_ABSENT : st,
                                  mm);
                else if (nts)
                    rc = rows_add(r, (int32_t)i, LDRT_ROLE_NEW | nodal, map_nt(nts), NAN);
                break;
            }
        }
        if (k == sc->base)
            continue;
        size_t nn = ldrt_scan_new_lesion_count(ldrt_event_as_scan(s));
        for (size_t j = 0; j < nn && rc == LDRT_OK; j++) {
            int32_t idx;
            if ((rc = name_index(r, ldrt_scan_new_lesion_id(ldrt_event_as_scan(s), j), &idx)) != LDRT_OK)
                break;
            int dup = 0;
            for (int64_t q = first_row; q < (int64_t)r->n; q++)
                dup |= r->lesion[q] == idx;
            if (dup)
                continue;
            /* A lesion of the baseline cannot be "new": skip it here. */
            if ((size_t)idx < nl && (roles[idx] < 0 || (roles[idx] & ~LDRT_ROLE_NODAL) != LDRT_ROLE_NEW))
                continue;
            double mm = NAN;
            LDRT__SILENT(ldrt_scan_new_lesion_diameter_mm(ldrt_event_as_scan(s), j, &mm));
            rc = rows_add(r, idx, new_role(mm, 0), LDRT_STATE_PRESENT, mm);
        }
    }
    ldrt__pt_sx_free(&x);
    if (rc == LDRT_OK)
        *roles_out = roles;
    else
        ldrt__free(roles);
    return rc;
}

static int build_percist_rows(const ldrt_patient *p, const scans_t *sc, rows_t *r,
                              int *skipped)
{
    size_t nl = ldrt_patient_lesion_count(p);
    scan_index x;
    int rc = ldrt__pt_sx_init(&x, p);
    if (rc != LDRT_OK)
        return rc;
    uint8_t *at_base = ldrt__calloc(nl ? nl : 1, 1);
    if (!at_base || (rc = add_lesion_names(p, r)) != LDRT_OK) {
        ldrt__free(at_base);
        ldrt__pt_sx_free(&x);
        return at_base ? rc : LDRT_ENOMEM;
    }
    ldrt__pt_sx_load(&x, sc->scans[sc->base]);
    double v;
    for (size_t i = 0; i < nl; i++)
        at_base[i] = (uint8_t)sx_sul(&x, i, &v);
    for (size_t k = sc->base; k < sc->n_scans && rc == LDRT_OK; k++) {
        const ldrt_event *s = sc->scans[k];
        if (k > sc->base && !has_data(s, LDRT_CRITERIA_PERCIST10) &&
            ldrt_scan_new_lesion_count(ldrt_event_as_scan(s)) == 0)
            continue;
        if ((rc = rows_scan(r, ldrt_event_date(s))) != LDRT_OK)
            break;
        ldrt__pt_sx_load(&x, s);
        for (size_t i = 0; i < nl && rc == LDRT_OK; i++) {
            if (!sx_sul(&x, i, &v))
                continue;
            if (k == sc->base || at_base[i])
                rc = rows_add(r, (int32_t)i, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, v);
            else if (ldrt_lesion_category_of(ldrt_patient_lesion_at(p, i)) == LDRT_ROLE_NEW)
                rc = rows_add(r, (int32_t)i, LDRT_ROLE_NEW, LDRT_STATE_PRESENT, v);
            else
                (*skipped)++;
        }
        if (rc == LDRT_OK && LDRT__SILENT(ldrt_scan_liver_sul_mean(ldrt_event_as_scan(s), &v)) == LDRT_OK)
            rc = rows_add(r, 0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, v);
        if (rc == LDRT_OK && LDRT__SILENT(ldrt_scan_blood_pool_sul(ldrt_event_as_scan(s), &v)) == LDRT_OK)
            rc = rows_add(r, 0, LDRT_ROLE_BLOOD_POOL, LDRT_STATE_PRESENT, v);
        if (k == sc->base)
            continue;
        size_t nn = ldrt_scan_new_lesion_count(ldrt_event_as_scan(s));
        for (size_t j = 0; j < nn && rc == LDRT_OK; j++) {
            int32_t idx;
            if ((rc = name_index(r, ldrt_scan_new_lesion_id(ldrt_event_as_scan(s), j), &idx)) != LDRT_OK)
                break;
            int dup = 0;
            for (int64_t q = r->off[r->n_tp - 1]; q < (int64_t)r->n; q++)
                dup |= r->lesion[q] == idx && (r->role[q] & ~LDRT_ROLE_NODAL) != LDRT_ROLE_REFERENCE &&
                       (r->role[q] & ~LDRT_ROLE_NODAL) != LDRT_ROLE_BLOOD_POOL;
            if (!dup && !((size_t)idx < nl && at_base[idx]))
                rc = rows_add(r, idx, LDRT_ROLE_NEW, LDRT_STATE_PRESENT, NAN);
        }
    }
    ldrt__free(at_base);
    ldrt__pt_sx_free(&x);
    return rc;
}

static int organ_warnings(const ldrt_patient *p, const rows_t *r, ldrt_assessment *a)
{
    /* RECIST 1.1: at most 2 targets per organ. */
    size_t nl = ldrt_patient_lesion_count(p);
    int rc = LDRT_OK;
    for (int64_t i = r->off[0]; i < r->off[1] && rc == LDRT_OK; i++) {
        if ((r->role[i] & ~LDRT_ROLE_NODAL) != LDRT_ROLE_TARGET || (size_t)r->lesion[i] >= nl)
            continue;
        const char *organ = ldrt_lesion_organ(ldrt_patient_lesion_at(p, (size_t)r->lesion[i]));
        if (!organ)
            continue;
        int count = 0, first = 1;
        for (int64_t j = r->off[0]; j < r->off[1]; j++) {
            if ((r->role[j] & ~LDRT_ROLE_NODAL) != LDRT_ROLE_TARGET || (size_t)r->lesion[j] >= nl)
                continue;
            const char *o2 = ldrt_lesion_organ(ldrt_patient_lesion_at(p, (size_t)r->lesion[j]));
            if (o2 && strcmp(o2, organ) == 0) {
                count++;
                if (j < i)
                    first = 0;
            }
        }
        if (count > 2 && first)
            rc = ldrt__assessment_warn(a, "%d target lesions in organ \"%s\": RECIST 1.1 allows at most 2",
                                       count, organ);
    }
    return rc;
}

static int assess_recorded_scans(const ldrt_patient *p, int criteria,
                                 const ldrt_response_options *options, ldrt_assessment **out)
{
    const ldrt_event **scans = NULL;
    size_t n = 0;
    int rc = ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_IMAGING), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &scans, &n);
    if (rc != LDRT_OK)
        return rc;
    ldrt_date *dates = ldrt__calloc(n ? n : 1, sizeof *dates);
    int32_t *labels = ldrt__calloc(n ? n : 1, sizeof *labels);
    size_t m = 0;
    if (!dates || !labels) {
        rc = LDRT_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const char *c = NULL, *o = NULL;
        if (LDRT__SILENT(ldrt_scan_recorded_response(ldrt_event_as_scan(scans[i]), &c, &o)) != LDRT_OK || !c || !o ||
            strcmp(c, ldrt_criteria_name(criteria)) != 0)
            continue;
        ldrt_response label;
        if (ldrt_response_label_parse(o, &label) != LDRT_OK) {
            rc = ldrt__error(LDRT_EINVAL, "recorded_response: unknown label \"%.40s\"", o);
            goto done;
        }
        dates[m] = ldrt_event_date(scans[i]);
        labels[m++] = label;
    }
    if (m == 0) {
        rc = ldrt__error(LDRT_ENOTFOUND,
                         "patient: no baseline scan with %s data and no recorded %s response",
                         criteria == LDRT_CRITERIA_PERCIST10 ? "SULpeak" : "lesion",
                         ldrt_criteria_name(criteria));
        goto done;
    }
    rc = ldrt_assess_recorded(criteria, options, m, dates, labels, out);
    if (rc == LDRT_OK && (rc = ldrt__assess_follow_up(p, *out))) {
        ldrt_assessment_free(*out);
        *out = NULL;
    }
done:
    ldrt_free(scans);
    ldrt__free(dates);
    ldrt__free(labels);
    return rc;
}

int ldrt_patient_assess(const ldrt_patient *patient, ldrt_criteria criteria, const ldrt_response_options *options, ldrt_assessment **out)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(out);
    if (!ldrt_criteria_name(criteria))
        return ldrt__error(LDRT_ENOTFOUND, "criteria: unknown criteria %d", criteria);
    scans_t sc;
    int rc = find_scans(patient, criteria, &sc);
    if (rc != LDRT_OK)
        return rc;
    if (!sc.have_base) {
        ldrt_free(sc.scans);
        return assess_recorded_scans(patient, criteria, options, out);
    }
    rows_t r;
    memset(&r, 0, sizeof r);
    int skipped = 0, *roles = NULL;
    rc = criteria == LDRT_CRITERIA_PERCIST10 ? build_percist_rows(patient, &sc, &r, &skipped)
                                             : build_recist_rows(patient, &sc, &r, &roles);
    ldrt_assessment *a = NULL;
    if (rc == LDRT_OK)
        rc = ldrt__assess_rows(criteria, options, r.n_tp, r.dates, r.off, r.lesion, r.role,
                               r.state, r.value, r.names, r.n_names, &a);
    if (rc == LDRT_OK)
        rc = ldrt__assess_follow_up(patient, a);
    if (rc == LDRT_OK && criteria != LDRT_CRITERIA_PERCIST10)
        rc = organ_warnings(patient, &r, a);
    for (size_t i = 0; roles && rc == LDRT_OK && i < ldrt_patient_lesion_count(patient); i++) {
        if (roles[i] >= 0)
            continue;
        const ldrt_lesion *l = ldrt_patient_lesion_at(patient, i);
        char d[LDRT_DATE_BUFSIZE];
        if (ldrt_date_format(ldrt_event_date(sc.scans[sc.base]), d, sizeof d) != LDRT_OK)
            snprintf(d, sizeof d, "?");
        int target = ldrt_lesion_category_of(l) == LDRT_ROLE_TARGET;
        rc = ldrt__assessment_warn(a, "lesions[%s]: %s lesion not %s on the baseline scan %s; "
                                      "left out of the assessment (RECIST 1.1 %s are the "
                                      "lesions %s at baseline)",
                                   ldrt_lesion_id(l), target ? "target" : "non-target",
                                   target ? "measured" : "recorded", d,
                                   target ? "targets" : "non-targets",
                                   target ? "measured" : "recorded");
    }
    if (rc == LDRT_OK && skipped)
        rc = ldrt__assessment_warn(a, "%d SULpeak value%s of lesions without a baseline value "
                                      "(and not marked new) were not used", skipped,
                                   skipped == 1 ? "" : "s");
    if (rc != LDRT_OK)
        ldrt_assessment_free(a);
    else
        *out = a;
    ldrt__free(roles);
    rows_free(&r);
    ldrt_free(sc.scans);
    return rc;
}
