/*
 * The per-patient response API: builds the measurement rows of a patient's
 * scans from the patient record and runs the array engine on them; course
 * (in-field / out-of-field) analysis and abscopal response; SITC resistance
 * from the patient's drug administrations.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt/patient.h"
#include "response_internal.h"

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
        size_t cap = r->cap_tp ? r->cap_tp * 2 : 16;
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
        size_t cap = r->cap ? r->cap * 2 : 64;
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
    if (r->n_names == r->cap_names) {
        size_t cap = r->cap_names ? r->cap_names * 2 : 16;
        const char **nn = ldrt__reallocarray(r->names, cap, sizeof *nn);
        if (!nn)
            return LDRT_ENOMEM;
        r->names = nn;
        r->cap_names = cap;
    }
    r->names[r->n_names] = id;
    *out = (int32_t)r->n_names++;
    return LDRT_OK;
}

static int64_t lo_day(ldrt_date d)
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

typedef struct {
    uintptr_t key; /* 0: empty slot */
    int32_t idx;
} lesion_key;

typedef struct {
    size_t nl;
    lesion_key *keys;    /* open-addressing hash table, mask + 1 slots */
    size_t mask;
    int32_t *meas, *sul; /* per lesion: index in the scan's list, or -1 */
    uint8_t *nt;         /* per lesion: non-target state + 1, or 0 */
    const ldrt_event *loaded;
} scan_index;

static size_t key_hash(uintptr_t key, size_t mask)
{
    uint64_t h = (uint64_t)key * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 32) & mask;
}

static void sx_free(scan_index *x)
{
    ldrt__free(x->keys);
    ldrt__free(x->meas);
    ldrt__free(x->sul);
    ldrt__free(x->nt);
    memset(x, 0, sizeof *x);
}

static int sx_init(scan_index *x, const ldrt_patient *p)
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
        sx_free(x);
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

static int32_t sx_find(const scan_index *x, const ldrt_lesion *l)
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
        if ((i = sx_find(x, ldrt_scan_measurement_lesion(ldrt_event_as_scan(s), j))) >= 0)
            x->meas[i] = -1;
    for (size_t j = 0, n = ldrt_scan_sul_peak_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = sx_find(x, ldrt_scan_sul_peak_lesion(ldrt_event_as_scan(s), j))) >= 0)
            x->sul[i] = -1;
    for (size_t j = 0, n = ldrt_scan_non_target_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = sx_find(x, ldrt_scan_non_target_lesion(ldrt_event_as_scan(s), j))) >= 0)
            x->nt[i] = 0;
    x->loaded = NULL;
}

/* Loads a scan; the first entry of a lesion wins, as the find functions do. */
static void sx_load(scan_index *x, const ldrt_event *s)
{
    sx_clear(x);
    int32_t i;
    for (size_t j = 0, n = ldrt_scan_measurement_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = sx_find(x, ldrt_scan_measurement_lesion(ldrt_event_as_scan(s), j))) >= 0 && x->meas[i] < 0)
            x->meas[i] = (int32_t)j;
    for (size_t j = 0, n = ldrt_scan_sul_peak_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = sx_find(x, ldrt_scan_sul_peak_lesion(ldrt_event_as_scan(s), j))) >= 0 && x->sul[i] < 0)
            x->sul[i] = (int32_t)j;
    for (size_t j = 0, n = ldrt_scan_non_target_count(ldrt_event_as_scan(s)); j < n; j++)
        if ((i = sx_find(x, ldrt_scan_non_target_lesion(ldrt_event_as_scan(s), j))) >= 0 && !x->nt[i])
        {
            ldrt_lesion_state st = LDRT_STATE_NOT_EVALUATED;
            (void)ldrt_scan_non_target_state(ldrt_event_as_scan(s), j, &st);
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
    (void)ldrt_scan_measurement_state(ldrt_event_as_scan(scan), (size_t)j, &s);
    *mm = NAN;
    if (s == LDRT_STATE_PRESENT) {
        ldrt_scan_measurement_diameter_mm(ldrt_event_as_scan(scan), (size_t)j, mm);
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
    return j >= 0 && ldrt_scan_sul_peak_value(ldrt_event_as_scan(x->loaded), (size_t)j, v) == LDRT_OK;
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
        if (ldrt_scan_baseline(ldrt_event_as_scan(sc->scans[i]), &b) == LDRT_OK && b && has_data(sc->scans[i], criteria)) {
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
    ldrt_lesion_nodal(l, &nodal);
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
    int rc = sx_init(&x, p);
    if (rc != LDRT_OK)
        return rc;
    int *roles = ldrt__calloc(nl ? nl : 1, sizeof *roles);
    if (!roles || (rc = add_lesion_names(p, r)) != LDRT_OK) {
        ldrt__free(roles);
        sx_free(&x);
        return roles ? rc : LDRT_ENOMEM;
    }
    sx_load(&x, sc->scans[sc->base]);
    for (size_t i = 0; i < nl; i++)
        roles[i] = lesion_role(ldrt_patient_lesion_at(p, i), &x, i);
    for (size_t k = sc->base; k < sc->n_scans && rc == LDRT_OK; k++) {
        const ldrt_event *s = sc->scans[k];
        if (k > sc->base && !has_data(s, LDRT_CRITERIA_RECIST11) &&
            ldrt_scan_new_lesion_count(ldrt_event_as_scan(s)) == 0)
            continue; /* a scan that says nothing under these criteria */
        if ((rc = rows_scan(r, ldrt_event_date(s))) != LDRT_OK)
            break;
        sx_load(&x, s);
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
            ldrt_scan_new_lesion_diameter_mm(ldrt_event_as_scan(s), j, &mm);
            rc = rows_add(r, idx, new_role(mm, 0), LDRT_STATE_PRESENT, mm);
        }
    }
    sx_free(&x);
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
    int rc = sx_init(&x, p);
    if (rc != LDRT_OK)
        return rc;
    uint8_t *at_base = ldrt__calloc(nl ? nl : 1, 1);
    if (!at_base || (rc = add_lesion_names(p, r)) != LDRT_OK) {
        ldrt__free(at_base);
        sx_free(&x);
        return at_base ? rc : LDRT_ENOMEM;
    }
    sx_load(&x, sc->scans[sc->base]);
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
        sx_load(&x, s);
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
        if (ldrt_scan_liver_sul_mean(ldrt_event_as_scan(s), &v) == LDRT_OK && rc == LDRT_OK)
            rc = rows_add(r, 0, LDRT_ROLE_REFERENCE, LDRT_STATE_PRESENT, v);
        if (ldrt_scan_blood_pool_sul(ldrt_event_as_scan(s), &v) == LDRT_OK && rc == LDRT_OK)
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
    sx_free(&x);
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
        if (ldrt_scan_recorded_response(ldrt_event_as_scan(scans[i]), &c, &o) != LDRT_OK || !c || !o ||
            strcmp(c, ldrt_criteria_name(criteria)) != 0)
            continue;
        int label;
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

/* ---- radiotherapy courses: in field, out of field, abscopal --------------------- */

typedef struct {
    const ldrt_lesion *lesion;
    int in_field;
    double before_mm, best_mm, best_pct;
    int responded;
    int64_t days;
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
    int rc = ldrt_course_fraction_dates(ldrt_event_as_course(course), &first, &last);
    if (rc != LDRT_OK)
        return ldrt__error(LDRT_ENOTFOUND, "course: has no fractions");
    int64_t first_lo = lo_day(first), last_lo = lo_day(last);
    const ldrt_event **scans = NULL;
    size_t n_scans = 0;
    rc = ldrt_patient_events(patient, LDRT_EVENT_BIT(LDRT_EVENT_IMAGING), LDRT_DATE_NONE,
                             LDRT_DATE_NONE, 0, &scans, &n_scans);
    if (rc != LDRT_OK)
        return rc;
    size_t nl = ldrt_patient_lesion_count(patient);
    ldrt_course_response *cr = ldrt__calloc(1, sizeof *cr);
    double *before = NULL, *best = NULL, *pct = NULL, *b_all = NULL;
    uint8_t *in_field = NULL, *flag = NULL;
    size_t *count = NULL, *slot = NULL;
    scan_index x = { 0 };
    if (!cr || sx_init(&x, patient) != LDRT_OK)
        goto nomem;
    size_t n1 = nl ? nl : 1;
    cr->les = ldrt__calloc(n1, sizeof *cr->les);
    before = ldrt__calloc(n1, sizeof *before);
    best = ldrt__calloc(n1, sizeof *best);
    pct = ldrt__calloc(n1, sizeof *pct);
    b_all = ldrt__calloc(n1, sizeof *b_all);
    count = ldrt__calloc(n1, sizeof *count);
    slot = ldrt__calloc(n1, sizeof *slot);
    in_field = ldrt__calloc(n1, 1);
    flag = ldrt__calloc(n1, 1);
    if (!cr->les || !before || !best || !pct || !b_all || !count || !slot || !in_field || !flag)
        goto nomem;
    int64_t thr = ldrt__milli(ldrt__opt(options, LDRT_SET_ABSCOPAL_PCT));
    /* Scan-major, in date order: the measurements before the course all come
     * before those after it, so a lesion's "before" value is final when its
     * first scan after the course is read. Pass 1 counts, pass 2 fills. */
    for (size_t i = 0; i < nl; i++)
        b_all[i] = NAN;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            size_t total = 0;
            for (size_t i = 0; i < nl; i++) {
                slot[i] = total;
                total += count[i];
                b_all[i] = NAN;
            }
            cr->scan_date = ldrt__calloc(total ? total : 1, sizeof *cr->scan_date);
            cr->scan_mm = ldrt__calloc(total ? total : 1, sizeof *cr->scan_mm);
            if (!cr->scan_date || !cr->scan_mm)
                goto nomem;
        }
        for (size_t k = 0; k < n_scans; k++) {
            size_t nm = ldrt_scan_measurement_count(ldrt_event_as_scan(scans[k]));
            if (nm == 0)
                continue;
            int64_t s_lo = lo_day(ldrt_event_date(scans[k]));
            if (s_lo > first_lo && s_lo <= last_lo)
                continue; /* during the course */
            sx_load(&x, scans[k]);
            for (size_t j = 0; j < nm; j++) {
                int32_t li = sx_find(&x, ldrt_scan_measurement_lesion(ldrt_event_as_scan(scans[k]), j));
                /* The first measurement of a lesion on a scan counts. */
                if (li < 0 || x.meas[li] != (int32_t)j)
                    continue;
                ldrt_lesion_state ms = LDRT_STATE_NOT_EVALUATED;
                (void)ldrt_scan_measurement_state(ldrt_event_as_scan(scans[k]), j, &ms);
                double mm = NAN;
                if (ms == LDRT_STATE_TOO_SMALL)
                    mm = 5.0; /* RECIST 1.1 default */
                else if (ms == LDRT_STATE_PRESENT)
                    ldrt_scan_measurement_diameter_mm(ldrt_event_as_scan(scans[k]), j, &mm);
                if (isnan(mm))
                    continue;
                if (s_lo <= first_lo) {
                    b_all[li] = mm; /* the last measurement before the course */
                } else if (!isnan(b_all[li])) {
                    if (pass == 0) {
                        count[li]++;
                    } else {
                        cr->scan_date[slot[li]] = ldrt_event_date(scans[k]);
                        cr->scan_mm[slot[li]++] = mm;
                    }
                }
            }
        }
    }
    for (size_t i = 0; i < nl; i++) {
        if (count[i] == 0)
            continue; /* nothing to compare */
        const ldrt_lesion *l = ldrt_patient_lesion_at(patient, i);
        size_t first_scan = slot[i] - count[i];
        double b = b_all[i], bst = NAN;
        int responded = 0;
        int64_t days = -1;
        int64_t bc = ldrt__centi(b);
        for (size_t q = first_scan; q < slot[i]; q++) {
            double mm = cr->scan_mm[q];
            if (isnan(bst) || mm < bst)
                bst = mm;
            int64_t ac = ldrt__centi(mm);
            if (!responded && bc > 0 && (bc - ac) * 100000 >= thr * bc) {
                responded = 1;
                days = lo_day(cr->scan_date[q]) - last_lo;
            }
        }
        course_lesion *c = &cr->les[cr->n];
        c->lesion = l;
        c->in_field = ldrt_course_targets_lesion(ldrt_event_as_course(course), l) == 1;
        c->before_mm = b;
        c->best_mm = bst;
        c->responded = responded;
        c->days = days;
        c->first_scan = first_scan;
        c->n_scans = count[i];
        before[cr->n] = b;
        best[cr->n] = bst;
        in_field[cr->n] = (uint8_t)c->in_field;
        cr->n++;
    }
    cr->n_scan = slot[nl ? nl - 1 : 0];
    rc = ldrt_abscopal_arrays(options, cr->n, before, best, in_field, pct, flag, &cr->n_abscopal);
    if (rc != LDRT_OK)
        goto fail;
    for (size_t i = 0; i < cr->n; i++)
        cr->les[i].best_pct = pct[i];
    *out = cr;
    cr = NULL; /* the caller's now: the cleanup below frees only the scratch */
    goto done;
nomem:
    rc = LDRT_ENOMEM;
fail:
done:
    ldrt__free(before);
    ldrt__free(best);
    ldrt__free(pct);
    ldrt__free(b_all);
    ldrt__free(count);
    ldrt__free(slot);
    ldrt__free(in_field);
    ldrt__free(flag);
    sx_free(&x);
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

/* ---- lines of therapy ----------------------------------------------------------- */

/* The narrowest ldrt_date covering every day an event can fall on. */
static ldrt_date cover_date(const ldrt_event *e)
{
    ldrt_date lo, hi;
    if (ldrt_event_span(e, &lo, &hi) != LDRT_OK)
        return ldrt_event_date(e);
    if (lo == hi)
        return lo;
    if (lo / 100 == hi / 100)
        return lo / 100 * 100;
    if (lo / 10000 == hi / 10000)
        return lo / 10000 * 10000;
    return ldrt_event_date(e);
}

static int starts_line(const ldrt_event *e, const ldrt_event *cur)
{
    int cycle;
    if (!cur)
        return 1;
    if (ldrt_systemic_cycle(ldrt_event_as_systemic(e), &cycle) == LDRT_OK && cycle == 1)
        return 1;
    for (size_t i = 0; i < ldrt_systemic_agent_count(ldrt_event_as_systemic(e)); i++)
        if (ldrt_systemic_gives_drug(ldrt_event_as_systemic(cur), ldrt_systemic_agent_drug(ldrt_event_as_systemic(e), i)) != 1)
            return 1;
    return 0;
}

/* The events that start a line of therapy, in time order. */
static int find_lines(const ldrt_patient *patient, const ldrt_event ***out, size_t *count)
{
    const ldrt_event **sys = NULL;
    size_t n = 0, m = 0;
    int rc = ldrt_patient_events(patient, LDRT_EVENT_BIT(LDRT_EVENT_SYSTEMIC), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &sys, &n);
    if (rc != LDRT_OK)
        return rc;
    const ldrt_event *cur = NULL;
    for (size_t i = 0; i < n; i++)
        if (starts_line(sys[i], cur))
            cur = sys[m++] = sys[i];
    *out = sys;
    *count = m;
    return LDRT_OK;
}

int ldrt_patient_therapy_lines(const ldrt_patient *patient, const ldrt_systemic ***out,
                               size_t *count)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(out);
    LDRT__CHECK_NOT_NULL(count);
    const ldrt_event **lines = NULL;
    size_t n = 0;
    int rc = find_lines(patient, &lines, &n);
    if (rc != LDRT_OK)
        return rc;
    /* Each slot is rewritten as the handle of its own event. */
    const ldrt_systemic **typed = (const ldrt_systemic **)(void *)lines;
    for (size_t i = 0; i < n; i++) {
        const ldrt_event *e = lines[i];
        typed[i] = ldrt_event_as_systemic(e);
    }
    *out = typed;
    *count = n;
    return LDRT_OK;
}

static int ci_contains(const char *s, const char *needle)
{
    if (!s)
        return 0;
    size_t k = strlen(needle);
    for (; *s; s++) {
        size_t i = 0;
        while (i < k && s[i] && (s[i] | 0x20) == needle[i])
            i++;
        if (i == k)
            return 1;
    }
    return 0;
}

static int line_setting(const ldrt_event *line)
{
    const char *intent = ldrt_event_text(line, LDRT_FIELD_INTENT);
    if (ci_contains(intent, "neoadjuvant"))
        return LDRT_LINE_NEOADJUVANT;
    if (ci_contains(intent, "adjuvant"))
        return LDRT_LINE_ADJUVANT;
    return LDRT_LINE_ADVANCED;
}

typedef struct {
    ldrt_date *dates;
    char **names;
    size_t n, cap;
} cuts_t;

static void cuts_free(cuts_t *c)
{
    for (size_t i = 0; i < c->n; i++)
        ldrt__free(c->names[i]);
    ldrt__free(c->names);
    ldrt__free(c->dates);
}

static int cuts_add(cuts_t *c, ldrt_date d, const char *what, const char *detail)
{
    if (d == LDRT_DATE_NONE)
        return LDRT_OK;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        ldrt_date *nd = ldrt__reallocarray(c->dates, cap, sizeof *nd);
        if (!nd)
            return LDRT_ENOMEM;
        c->dates = nd;
        char **nn = ldrt__reallocarray(c->names, cap, sizeof *nn);
        if (!nn)
            return LDRT_ENOMEM;
        c->names = nn;
        c->cap = cap;
    }
    char buf[160];
    snprintf(buf, sizeof buf, "%s%s%.100s%s", what, detail ? " " : "", detail ? detail : "", "");
    char *s = ldrt__strdup(buf);
    if (!s)
        return LDRT_ENOMEM;
    c->dates[c->n] = d;
    c->names[c->n++] = s;
    return LDRT_OK;
}

/* Treatments other than the line: other line starts, radiotherapy courses
 * (first fraction), surgery other than a biopsy that removed nothing. */
static int collect_cuts(const ldrt_patient *p, const ldrt_event *const *lines, size_t n_lines,
                        const ldrt_event *line, cuts_t *c)
{
    int rc = LDRT_OK;
    for (size_t i = 0; i < n_lines && rc == LDRT_OK; i++) {
        if (lines[i] == line)
            continue;
        char drugs[120] = "";
        size_t len = 0;
        for (size_t k = 0; k < ldrt_systemic_agent_count(ldrt_event_as_systemic(lines[i])) && len < sizeof drugs; k++) {
            int w = snprintf(drugs + len, sizeof drugs - len, "%s%s", k ? " + " : "",
                             ldrt_systemic_agent_drug(ldrt_event_as_systemic(lines[i]), k));
            if (w > 0)
                len += (size_t)w;
        }
        rc = cuts_add(c, ldrt_event_date(lines[i]), "systemic therapy", drugs[0] ? drugs : NULL);
    }
    size_t ne = ldrt_patient_event_count(p);
    for (size_t i = 0; i < ne && rc == LDRT_OK; i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        int type = ldrt_event_type(e);
        if (type == LDRT_EVENT_RADIOTHERAPY) {
            ldrt_date first = LDRT_DATE_NONE;
            if (ldrt_course_fraction_count(ldrt_event_as_course(e)) == 0 ||
                ldrt_course_fraction_dates(ldrt_event_as_course(e), &first, NULL) != LDRT_OK)
                first = ldrt_event_date(e);
            rc = cuts_add(c, first, "radiotherapy", ldrt_event_text(e, LDRT_FIELD_COURSE_ID));
        } else if (type == LDRT_EVENT_SURGERY) {
            const char *proc = ldrt_event_text(e, LDRT_FIELD_PROCEDURE);
            if (ci_contains(proc, "biops") && ldrt_event_removed_lesion_count(e) == 0)
                continue;
            rc = cuts_add(c, ldrt_event_date(e), "surgery", proc ? proc : NULL);
        }
    }
    return rc;
}

/* The responses of a line in date order, one per day (the worst of the
 * day: PD wins): the assessment's time points and the record's progression
 * and recurrence events @p ev (as PD), from @p first (LDRT_DATE_NONE: from
 * the start) to before day number @p end_lo (INT64_MAX: no end). The arrays
 * are the caller's (ldrt__free); on LDRT_ENOMEM nothing is returned. */
static int merge_responses(const ldrt_assessment *assessment, int crit, const ldrt_event *const *ev,
                           size_t n_ev, ldrt_date first, int64_t end_lo, ldrt_date **dates_out,
                           int32_t **labels_out, size_t *m_out)
{
    size_t n_tp = assessment ? ldrt_assessment_timepoint_count(assessment) : 0;
    ldrt_date *dates = ldrt__calloc(n_tp + n_ev + 1, sizeof *dates);
    int32_t *labels = ldrt__calloc(n_tp + n_ev + 1, sizeof *labels);
    if (!dates || !labels) {
        ldrt__free(dates);
        ldrt__free(labels);
        return LDRT_ENOMEM;
    }
    size_t m = 0, a = 0, e = 0;
    int pd = crit == LDRT_CRITERIA_IRECIST ? LDRT_RESPONSE_IUPD : LDRT_RESPONSE_PD;
    while (a < n_tp || e < n_ev) {
        ldrt_date da = LDRT_DATE_NONE, de = LDRT_DATE_NONE;
        int la = 0;
        if (a < n_tp)
            ldrt_assessment_timepoint(assessment, a, &da, &la, NULL, NULL, NULL);
        if (e < n_ev)
            de = ldrt_event_date(ev[e]);
        int take_e = a >= n_tp || (e < n_ev && de <= da);
        ldrt_date d = take_e ? de : da;
        int l = take_e ? pd : la;
        if (take_e) e++; else a++;
        if (l == LDRT_RESPONSE_NONE || (first != LDRT_DATE_NONE && d < first) ||
            lo_day(d) >= end_lo)
            continue;
        if (m > 0 && dates[m - 1] == d) {
            if (l == pd)
                labels[m - 1] = pd; /* the worst of the day */
            continue;
        }
        dates[m] = d;
        labels[m++] = l;
    }
    *dates_out = dates;
    *labels_out = labels;
    *m_out = m;
    return LDRT_OK;
}

int ldrt_patient_line_resistance(const ldrt_patient *patient, const ldrt_systemic *systemic,
                                 const ldrt_assessment *assessment,
                                 const ldrt_response_options *options, ldrt_resistance_result **out)
{
    LDRT__CHECK_NOT_NULL(patient);
    const ldrt_event *line = ldrt_systemic_as_event(systemic);
    if (!line)
        return ldrt__error(LDRT_EINVAL, "line: must not be NULL");
    LDRT__CHECK_NOT_NULL(out);
    if (ldrt_event_patient(line) != patient)
        return ldrt__error(LDRT_EINVAL, "line: belongs to another patient");
    int crit = 0;
    if (assessment) {
        ldrt_assessment_criteria(assessment, &crit);
        if (crit == LDRT_CRITERIA_PERCIST10)
            return ldrt__error(LDRT_EINVAL, "assessment: SITC resistance needs RECIST 1.1 or iRECIST responses");
    }
    const ldrt_event **lines = NULL, **ev = NULL, **adm = NULL;
    size_t n_lines = 0, n_ev = 0, n_adm = 0;
    ldrt_date *dates = NULL;
    int32_t *labels = NULL;
    cuts_t cuts = { 0 };
    int rc = find_lines(patient, &lines, &n_lines);
    if (rc != LDRT_OK)
        return rc;
    size_t li = n_lines;
    for (size_t i = 0; i < n_lines; i++)
        if (lines[i] == line)
            li = i;
    if (li == n_lines) {
        rc = ldrt__error(LDRT_EINVAL, "line: not a systemic event that starts a line of therapy");
        goto done;
    }
    int64_t start_lo = lo_day(ldrt_event_date(line));
    int64_t end_lo = li + 1 < n_lines ? lo_day(ldrt_event_date(lines[li + 1])) : INT64_MAX;
    /* The line's administrations: its drugs, from its start to the next. */
    ldrt_date first = LDRT_DATE_NONE;
    if ((rc = ldrt_patient_events(patient, LDRT_EVENT_BIT(LDRT_EVENT_SYSTEMIC), LDRT_DATE_NONE,
                                  LDRT_DATE_NONE, LDRT_EVENTS_EXPAND, &adm, &n_adm)) != LDRT_OK)
        goto done;
    size_t na = 0;
    for (size_t i = 0; i < n_adm; i++) {
        int64_t d = lo_day(ldrt_event_date(adm[i]));
        int mine = 0;
        for (size_t k = 0; k < ldrt_systemic_agent_count(ldrt_event_as_systemic(line)) && !mine; k++)
            mine = ldrt_systemic_gives_drug(ldrt_event_as_systemic(adm[i]), ldrt_systemic_agent_drug(ldrt_event_as_systemic(line), k)) == 1;
        if (mine && d >= start_lo && d < end_lo)
            adm[na++] = adm[i];
    }
    if (na > 0)
        first = cover_date(adm[0]);
    if ((rc = ldrt_patient_events(patient,
                                  LDRT_EVENT_BIT(LDRT_EVENT_PROGRESSION) |
                                      LDRT_EVENT_BIT(LDRT_EVENT_RECURRENCE),
                                  LDRT_DATE_NONE, LDRT_DATE_NONE, 0, &ev, &n_ev)) != LDRT_OK)
        goto done;
    size_t m = 0;
    if ((rc = merge_responses(assessment, crit, ev, n_ev, first, end_lo, &dates, &labels, &m)) !=
        LDRT_OK)
        goto done;
    /* Last dose: the line's last administration not after the first PD. */
    ldrt_date last = LDRT_DATE_NONE, last_span[2] = { LDRT_DATE_NONE, LDRT_DATE_NONE };
    int64_t pd_lo = INT64_MAX;
    for (size_t i = 0; i < m; i++)
        if (labels[i] == LDRT_RESPONSE_PD || labels[i] == LDRT_RESPONSE_IUPD ||
            labels[i] == LDRT_RESPONSE_ICPD) {
            pd_lo = lo_day(dates[i]);
            break;
        }
    for (size_t i = 0; i < na && pd_lo != INT64_MAX; i++) {
        ldrt_date lo;
        int64_t d = 0;
        if (ldrt_event_span(adm[i], &lo, NULL) == LDRT_OK)
            ldrt_date_to_days(lo, &d);
        if (d <= pd_lo) {
            last = cover_date(adm[i]);
            ldrt_event_span(adm[i], &last_span[0], &last_span[1]);
        }
    }
    if (last != LDRT_DATE_NONE && first != LDRT_DATE_NONE && last < first)
        last = first;
    if ((rc = collect_cuts(patient, lines, n_lines, line, &cuts)) != LDRT_OK)
        goto done;
    rc = ldrt__resistance_classify(options, line_setting(line), first, last, m, dates, labels,
                                   cuts.n, cuts.dates, (const char *const *)cuts.names,
                                   last != LDRT_DATE_NONE ? last_span : NULL, out);
done:
    cuts_free(&cuts);
    ldrt_free(lines);
    ldrt_free(ev);
    ldrt_free(adm);
    ldrt__free(dates);
    ldrt__free(labels);
    return rc;
}

/* ---- resistance from the record ------------------------------------------------- */

int ldrt_patient_resistance(const ldrt_patient *patient, const char *drug, ldrt_date line_start,
                            const ldrt_assessment *assessment,
                            const ldrt_response_options *options, ldrt_resistance_result **out)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(drug);
    LDRT__CHECK_NOT_NULL(out);
    if (line_start != LDRT_DATE_NONE && ldrt_date_validate(line_start) != LDRT_OK)
        return ldrt__error(LDRT_EINVAL, "line_start: not a valid date (%d)", line_start);
    int crit = 0;
    if (assessment) {
        ldrt_assessment_criteria(assessment, &crit);
        if (crit == LDRT_CRITERIA_PERCIST10)
            return ldrt__error(LDRT_EINVAL, "assessment: SITC resistance needs RECIST 1.1 or iRECIST responses");
    }
    const ldrt_event **adm = NULL, **ev = NULL, **holds = NULL, **lines = NULL;
    size_t n_adm = 0, n_ev = 0, n_holds = 0, n_lines = 0;
    cuts_t cuts = { 0 };
    ldrt_date *dates = NULL;
    int32_t *labels = NULL;
    int rc = ldrt_patient_drug_administrations(patient, drug, &adm, &n_adm);
    if (rc == LDRT_OK)
        rc = ldrt_patient_events(patient,
                                 LDRT_EVENT_BIT(LDRT_EVENT_PROGRESSION) |
                                     LDRT_EVENT_BIT(LDRT_EVENT_RECURRENCE),
                                 LDRT_DATE_NONE, LDRT_DATE_NONE, 0, &ev, &n_ev);
    if (rc == LDRT_OK)
        rc = ldrt_patient_drug_holds(patient, drug, &holds, &n_holds);
    if (rc != LDRT_OK)
        goto done;
    ldrt_date first = LDRT_DATE_NONE;
    for (size_t i = 0; i < n_adm; i++) {
        ldrt_date d = ldrt_event_date(adm[i]);
        if (line_start == LDRT_DATE_NONE || d >= line_start) {
            first = d;
            break;
        }
    }
    /* Responses on or after the first dose: the assessment's time points
     * and the record's progression and recurrence events (as PD). */
    size_t m = 0;
    if ((rc = merge_responses(assessment, crit, ev, n_ev, first, INT64_MAX, &dates, &labels,
                              &m)) != LDRT_OK)
        goto done;
    /* Last dose: the last administration before progression when a hold of
     * the drug follows it (else treatment continued). */
    ldrt_date last = LDRT_DATE_NONE;
    ldrt_date pd_date = LDRT_DATE_NONE;
    for (size_t i = 0; i < m; i++)
        if (labels[i] == LDRT_RESPONSE_PD || labels[i] == LDRT_RESPONSE_IUPD ||
            labels[i] == LDRT_RESPONSE_ICPD) {
            pd_date = dates[i];
            break;
        }
    if (first != LDRT_DATE_NONE && pd_date != LDRT_DATE_NONE) {
        ldrt_date last_adm = LDRT_DATE_NONE;
        for (size_t i = 0; i < n_adm; i++) {
            ldrt_date d = ldrt_event_date(adm[i]);
            if (d >= first && d < pd_date)
                last_adm = d;
        }
        for (size_t i = 0; i < n_holds && last_adm != LDRT_DATE_NONE; i++) {
            ldrt_date h = ldrt_event_date(holds[i]);
            if (h >= last_adm && h <= pd_date)
                last = last_adm;
        }
    }
    /* The line that holds the first dose: its setting, and the other
     * treatments that bound the confirmation window. */
    int setting = LDRT_LINE_ADVANCED;
    if (first != LDRT_DATE_NONE) {
        if ((rc = find_lines(patient, &lines, &n_lines)) != LDRT_OK)
            goto done;
        const ldrt_event *mine = NULL;
        for (size_t i = 0; i < n_lines; i++)
            if (lo_day(ldrt_event_date(lines[i])) <= lo_day(first) &&
                ldrt_systemic_gives_drug(ldrt_event_as_systemic(lines[i]), drug) == 1)
                mine = lines[i];
        if (mine)
            setting = line_setting(mine);
        if ((rc = collect_cuts(patient, lines, n_lines, mine, &cuts)) != LDRT_OK)
            goto done;
    }
    rc = ldrt__resistance_classify(options, setting, first, last, m, dates, labels, cuts.n,
                                   cuts.dates, (const char *const *)cuts.names, NULL, out);
done:
    cuts_free(&cuts);
    ldrt_free(lines);
    ldrt_free(adm);
    ldrt_free(ev);
    ldrt_free(holds);
    ldrt__free(dates);
    ldrt__free(labels);
    return rc;
}

