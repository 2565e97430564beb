/*
 * Writing the patient document: the compact form (series and prescriptions
 * as given), known members in a fixed order, unknown members after them,
 * and an atomic file replacement.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io_internal.h"

/* Building sets oom on any failed jansson allocation and goes on; the
 * caller checks it once at the end. */
typedef struct {
    int oom;
} bld;

static void set(bld *b, json_t *obj, const char *key, json_t *v)
{
    if (!v || json_object_set_new(obj, key, v))
        b->oom = 1;
}

static void append(bld *b, json_t *arr, json_t *v)
{
    if (!v || json_array_append_new(arr, v))
        b->oom = 1;
}

static json_t *obj(bld *b)
{
    json_t *o = json_object();
    if (!o)
        b->oom = 1;
    return o;
}

static json_t *arr(bld *b)
{
    json_t *a = json_array();
    if (!a)
        b->oom = 1;
    return a;
}

static void set_str(bld *b, json_t *o, const char *key, const char *s)
{
    if (o && s)
        set(b, o, key, json_string(s));
}

/* Integral values as integers, others as reals. */
static json_t *num(double v)
{
    if (v == floor(v) && fabs(v) < 1e15)
        return json_integer((json_int_t)v);
    return json_real(v);
}

static void set_num(bld *b, json_t *o, const char *key, double v)
{
    if (o && !isnan(v))
        set(b, o, key, num(v));
}

static void set_date(bld *b, json_t *o, const char *key, ldrt_date d)
{
    char text[LDRT_DATE_BUFSIZE];
    if (o && d != LDRT_DATE_NONE && ldrt_date_format(d, text, sizeof text) == LDRT_OK)
        set(b, o, key, json_string(text));
}

static void set_bool(bld *b, json_t *o, const char *key, int v)
{
    if (o && v >= 0)
        set(b, o, key, json_boolean(v));
}

/* A deep copy of v that only reads v. Saving a patient must not write to
 * it: several threads may save the same read-only patient at once (the
 * thread guide allows it), and json_object_set() or json_deep_copy() would
 * touch the shared values' reference counts (or, in some jansson versions,
 * their loop-check marks). Depth is bounded by LDRT_JSON_MAX_DEPTH. */
static json_t *copy(const json_t *v)
{
    json_t *c = NULL;
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *x;
        if (!(c = json_object()))
            return NULL;
        json_object_foreach((json_t *)v, key, x) {
            if (json_object_set_new(c, key, copy(x))) {
                json_decref(c);
                return NULL;
            }
        }
        return c;
    }
    case JSON_ARRAY:
        if (!(c = json_array()))
            return NULL;
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (json_array_append_new(c, copy(json_array_get(v, i)))) {
                json_decref(c);
                return NULL;
            }
        }
        return c;
    case JSON_STRING:
        return json_stringn_nocheck(json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
        return json_integer(json_integer_value(v));
    case JSON_REAL:
        return json_real(json_real_value(v));
    case JSON_TRUE:
        return json_true();
    case JSON_FALSE:
        return json_false();
    default:
        return json_null();
    }
}

/* Appends (copies of) the unknown members kept from the document. */
static void extras(bld *b, json_t *o, ldrt__extra x)
{
    const char *key;
    json_t *v;
    if (!o || !x)
        return;
    json_object_foreach((json_t *)x, key, v)
        set(b, o, key, copy(v));
}

/* A code as its document object (NULL when there is none). */
static void set_code(bld *b, json_t *o, const char *key, const ldrt__code *code)
{
    if (!o || !code)
        return;
    json_t *x = obj(b);
    set_str(b, x, "system", code->system);
    set_str(b, x, "code", code->code);
    set_str(b, x, "display", code->display);
    extras(b, x, code->extra);
    set(b, o, key, x);
}

static json_t *lesion_ids(bld *b, ldrt_lesion *const *ls, size_t n)
{
    json_t *a = arr(b);
    for (size_t i = 0; a && i < n; i++)
        append(b, a, json_string(ls[i]->id));
    return a;
}

static json_t *event_json(bld *b, const ldrt_event *e)
{
    json_t *o = obj(b);
    if (!o)
        return NULL;
    set_str(b, o, "type", ldrt_event_kind_name(e->kind));
    set_date(b, o, "date", e->date);
    set_date(b, o, "end", e->end);
    set_str(b, o, "id", e->text[LDRT_FIELD_ID]);
    switch (e->kind) {
    case LDRT_EVENT_DIAGNOSIS:
    case LDRT_EVENT_RECURRENCE:
    case LDRT_EVENT_PROGRESSION:
        set_str(b, o, "site", e->text[LDRT_FIELD_SITE]);
        set_str(b, o, "detail", e->text[LDRT_FIELD_DETAIL]);
        break;
    case LDRT_EVENT_SURGERY:
        set_str(b, o, "procedure", e->text[LDRT_FIELD_PROCEDURE]);
        set_str(b, o, "site", e->text[LDRT_FIELD_SITE]);
        set_str(b, o, "pathology", e->text[LDRT_FIELD_PATHOLOGY]);
        if (e->n_removed)
            set(b, o, "lesions", lesion_ids(b, e->removed, e->n_removed));
        break;
    case LDRT_EVENT_SYSTEMIC:
        if (e->n_agents) {
            json_t *a = arr(b);
            for (size_t i = 0; a && i < e->n_agents; i++) {
                json_t *g = obj(b);
                set_str(b, g, "drug", e->agents[i].drug);
                set_num(b, g, "dose", e->agents[i].dose);
                set_str(b, g, "unit", e->agents[i].unit);
                set_code(b, g, "code", e->agents[i].code);
                extras(b, g, e->agents[i].extra);
                append(b, a, g);
            }
            set(b, o, "agents", a);
        }
        set_str(b, o, "regimen", e->text[LDRT_FIELD_REGIMEN]);
        if (e->cycle)
            set(b, o, "cycle", json_integer(e->cycle));
        set_str(b, o, "intent", e->text[LDRT_FIELD_INTENT]);
        if (e->repeat_count) {
            json_t *r = obj(b);
            if (r) {
                set(b, r, "every_days", json_integer(e->repeat_every_days));
                set(b, r, "count", json_integer(e->repeat_count));
                extras(b, r, e->repeat_extra);
            }
            set(b, o, "repeat", r);
        }
        break;
    case LDRT_EVENT_RADIOTHERAPY:
        set_str(b, o, "course_id", e->text[LDRT_FIELD_COURSE_ID]);
        if (e->n_targets)
            set(b, o, "targets", lesion_ids(b, e->targets, e->n_targets));
        set_str(b, o, "site", e->text[LDRT_FIELD_SITE]);
        set_str(b, o, "technique", e->text[LDRT_FIELD_TECHNIQUE]);
        set_str(b, o, "modality", e->text[LDRT_FIELD_MODALITY]);
        set_str(b, o, "intent", e->text[LDRT_FIELD_INTENT]);
        set_num(b, o, "margin_mm", e->margin_mm);
        if (e->has_rx) {
            json_t *r = obj(b);
            if (r) {
                set_num(b, r, "total_gy", e->rx_total_gy);
                set(b, r, "fractions", json_integer(e->rx_fractions));
                set_str(b, r, "schedule", ldrt_schedule_name(e->rx_schedule));
                extras(b, r, e->rx_extra);
            }
            set(b, o, "prescription", r);
        } else if (e->n_fractions) {
            json_t *a = arr(b);
            for (size_t i = 0; a && i < e->n_fractions; i++) {
                json_t *f = obj(b);
                set_date(b, f, "date", e->fractions[i]->date);
                set_num(b, f, "dose_gy", e->fractions[i]->dose_gy);
                extras(b, f, e->fractions[i]->extra);
                append(b, a, f);
            }
            set(b, o, "fractions", a);
        }
        break;
    case LDRT_EVENT_IMAGING:
        set_str(b, o, "modality", e->text[LDRT_FIELD_MODALITY]);
        set_bool(b, o, "baseline", e->baseline);
        if (e->n_meas) {
            json_t *a = arr(b);
            for (size_t i = 0; a && i < e->n_meas; i++) {
                const ldrt__measurement *m = &e->meas[i];
                json_t *x = obj(b);
                set_str(b, x, "lesion", m->lesion->id);
                if (!isnan(m->diameter_mm))
                    set_num(b, x, "diameter_mm", m->diameter_mm);
                else if (m->diameter_null && x)
                    set(b, x, "diameter_mm", json_null());
                set_bool(b, x, "too_small", m->too_small);
                extras(b, x, m->extra);
                append(b, a, x);
            }
            set(b, o, "measurements", a);
        }
        if (e->n_sul) {
            json_t *a = arr(b);
            for (size_t i = 0; a && i < e->n_sul; i++) {
                json_t *x = obj(b);
                set_str(b, x, "lesion", e->sul[i].lesion->id);
                set_num(b, x, "value", e->sul[i].value);
                extras(b, x, e->sul[i].extra);
                append(b, a, x);
            }
            set(b, o, "sul_peak", a);
        }
        set_num(b, o, "liver_sul_mean", e->liver_sul_mean);
        set_num(b, o, "blood_pool_sul", e->blood_pool_sul);
        if (e->n_nt) {
            json_t *x = obj(b);
            for (size_t i = 0; x && i < e->n_nt; i++)
                set_str(b, x, e->nt[i].lesion->id, ldrt_lesion_state_name(e->nt[i].state));
            set(b, o, "non_target", x);
        }
        if (e->new_lesions_present) {
            json_t *a = arr(b);
            for (size_t i = 0; a && i < e->n_new; i++) {
                json_t *x = obj(b);
                set_str(b, x, "id", e->newl[i].id);
                set_str(b, x, "site", e->newl[i].site);
                set_num(b, x, "diameter_mm", e->newl[i].diameter_mm);
                extras(b, x, e->newl[i].extra);
                append(b, a, x);
            }
            set(b, o, "new_lesions", a);
        }
        if (e->rr_criteria) {
            json_t *x = obj(b);
            set_str(b, x, "criteria", e->rr_criteria);
            set_str(b, x, "overall", e->rr_overall);
            extras(b, x, e->rr_extra);
            set(b, o, "recorded_response", x);
        }
        break;
    case LDRT_EVENT_TOXICITY:
        set_str(b, o, "term", e->text[LDRT_FIELD_TERM]);
        if (e->grade)
            set(b, o, "grade", json_integer(e->grade));
        set_str(b, o, "attribution", e->text[LDRT_FIELD_ATTRIBUTION]);
        set_date(b, o, "resolved", e->resolved);
        break;
    case LDRT_EVENT_HOLD:
        set_str(b, o, "kind", ldrt_hold_kind_name(e->hold_kind));
        if (e->n_drugs) {
            json_t *a = arr(b);
            for (size_t i = 0; a && i < e->n_drugs; i++)
                append(b, a, json_string(e->drugs[i]));
            set(b, o, "drugs", a);
        }
        set_str(b, o, "reason", e->text[LDRT_FIELD_REASON]);
        break;
    default:
        break;
    }
    set_code(b, o, "code", e->codes[LDRT_CODE_OF_TERM]);
    set_code(b, o, "site_code", e->codes[LDRT_CODE_OF_SITE]);
    if (e->new_therapy)
        set_bool(b, o, "new_therapy", e->new_therapy == 1);
    set_str(b, o, "note", e->text[LDRT_FIELD_NOTE]);
    extras(b, o, e->extra);
    return o;
}

int ldrt__patient_to_json(const ldrt_patient *p, json_t **out)
{
    bld b = { 0 };
    json_t *root = obj(&b);
    if (!root)
        return ldrt__error(LDRT_ENOMEM, "document: out of memory");
    set(&b, root, "ldrt", json_integer(LDRT_FORMAT_VERSION));
    json_t *pat = obj(&b);
    set_str(&b, pat, "id", p->id);
    set_str(&b, pat, "sex", p->sex);
    set_date(&b, pat, "birth_date", p->birth_date);
    set_date(&b, pat, "death_date", p->death_date);
    set_str(&b, pat, "death_cause", p->death_cause);
    set_date(&b, pat, "last_contact", p->last_contact);
    extras(&b, pat, p->patient_extra);
    set(&b, root, "patient", pat);
    if (p->n_diagnoses || p->diagnoses_present) {
        json_t *a = arr(&b);
        for (size_t i = 0; a && i < p->n_diagnoses; i++) {
            const ldrt_diagnosis *d = p->diagnoses[i];
            json_t *o = obj(&b);
            set_date(&b, o, "date", d->date);
            set_str(&b, o, "condition", d->condition);
            set_str(&b, o, "site", d->site);
            set_str(&b, o, "stage", d->stage);
            if (d->n_markers || d->markers_present) {
                json_t *m = obj(&b);
                for (size_t k = 0; m && k < d->n_markers; k++)
                    set_str(&b, m, d->markers[k].name, d->markers[k].value);
                if (o)
                    set(&b, o, "markers", m);
                else
                    json_decref(m);
            }
            set_code(&b, o, "code", d->codes[LDRT_CODE_OF_TERM]);
            set_code(&b, o, "site_code", d->codes[LDRT_CODE_OF_SITE]);
            extras(&b, o, d->extra);
            append(&b, a, o);
        }
        set(&b, root, "diagnoses", a);
    }
    if (p->n_lesions || p->lesions_present) {
        json_t *a = arr(&b);
        for (size_t i = 0; a && i < p->n_lesions; i++) {
            const ldrt_lesion *l = p->lesions[i];
            json_t *o = obj(&b);
            set_str(&b, o, "id", l->id);
            set_str(&b, o, "site", l->site);
            set_str(&b, o, "organ", l->organ);
            set_bool(&b, o, "nodal", l->nodal);
            set_str(&b, o, "category", ldrt_lesion_role_name(l->category));
            set_code(&b, o, "site_code", l->codes[LDRT_CODE_OF_SITE]);
            extras(&b, o, l->extra);
            append(&b, a, o);
        }
        set(&b, root, "lesions", a);
    }
    json_t *ev = arr(&b);
    for (size_t i = 0; ev && i < p->n_events; i++)
        append(&b, ev, event_json(&b, p->events[i]));
    set(&b, root, "events", ev);
    extras(&b, root, p->extra);
    if (b.oom) {
        json_decref(root);
        return ldrt__error(LDRT_ENOMEM, "document: out of memory");
    }
    *out = root;
    return LDRT_OK;
}

int ldrt_patient_save_json_buffer(const ldrt_patient *p, char **out, size_t *size)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(out);
    json_t *root;
    int rc = ldrt__patient_to_json(p, &root);
    if (rc)
        return rc;
    ldrt__buf b = { 0 };
    rc = ldrt__json_print(&b, root);
    if (!rc)
        rc = ldrt__buf_add(&b, "\n", 1);
    json_decref(root);
    if (!rc && b.len > (size_t)LDRT_JSON_MAX_BYTES)
        /* The loader refuses it: never write what cannot be read back. */
        rc = ldrt__error(LDRT_ERANGE, "document: %zu bytes is more than the limit of %u",
                         b.len, LDRT_JSON_MAX_BYTES);
    if (rc) {
        ldrt__buf_free(&b);
        return rc;
    }
    *out = b.data;
    if (size)
        *size = b.len;
    return LDRT_OK;
}

int ldrt_patient_save_json(const ldrt_patient *p, const char *path)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(path);
    if (!path[0])
        return ldrt__error(LDRT_EINVAL, "path: must not be empty");
    char *data;
    size_t size;
    int rc = ldrt_patient_save_json_buffer(p, &data, &size);
    if (rc)
        return rc;
    rc = ldrt__write_file_atomic(path, data, size);
    ldrt__free(data);
    return rc;
}
