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
struct ldrt__bld {
    int oom;
};
typedef ldrt__bld bld;

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

/* A scalar member's value as JSON (NULL when absent). */
static json_t *scalar(bld *b, const ldrt__field *f, const void *item)
{
    ldrt__val v;
    int got = f->get(item, &v);
    if (!got)
        return NULL;
    json_t *j = NULL;
    switch (got < 0 ? 0 : f->type) {
    case 0:
        j = json_null();
        break;
    case LDRT__J_STRING:
        j = json_string(v.s);
        break;
    case LDRT__J_DATE: {
        char text[LDRT_DATE_BUFSIZE];
        if (ldrt_date_format(v.d, text, sizeof text) != LDRT_OK)
            return NULL;
        j = json_string(text);
        break;
    }
    case LDRT__J_NUMBER:
        j = num(v.n);
        break;
    case LDRT__J_INT:
        j = json_integer((json_int_t)v.i);
        break;
    default:
        j = json_boolean(v.b);
        break;
    }
    if (!j)
        b->oom = 1;
    return j;
}

/* Writes the members of item that table t lists (of the event kinds
 * `kinds`; 0 for the objects that are not events), in the table's order,
 * then the unknown members kept from the document. */
static void write_members(bld *b, json_t *o, const ldrt__fields *t, unsigned kinds,
                          const void *item, ldrt__extra x)
{
    if (!o)
        return;
    for (size_t i = 0; i < t->n; i++) {
        const ldrt__field *f = &t->f[i];
        if (kinds && !(f->kinds & kinds))
            continue;
        json_t *v = f->save ? f->save(b, item) : scalar(b, f, item);
        if (v)
            set(b, o, f->name, v);
    }
    extras(b, o, x);
}

/* An object of the members of item that t lists. */
static json_t *members(bld *b, const ldrt__fields *t, const void *item, ldrt__extra x)
{
    json_t *o = obj(b);
    write_members(b, o, t, 0, item, x);
    return o;
}

static json_t *lesion_ids(bld *b, ldrt_lesion *const *ls, size_t n)
{
    if (!n)
        return NULL;
    json_t *a = arr(b);
    for (size_t i = 0; a && i < n; i++)
        append(b, a, json_string(ls[i]->id));
    return a;
}

json_t *ldrt__save_removed(bld *b, const void *item)
{
    const ldrt_event *e = item;
    return lesion_ids(b, e->removed, e->n_removed);
}

json_t *ldrt__save_targets(bld *b, const void *item)
{
    const ldrt_event *e = item;
    return lesion_ids(b, e->targets, e->n_targets);
}

json_t *ldrt__save_drugs(bld *b, const void *item)
{
    const ldrt_event *e = item;
    if (!e->n_drugs)
        return NULL;
    json_t *a = arr(b);
    for (size_t i = 0; a && i < e->n_drugs; i++)
        append(b, a, json_string(e->drugs[i]));
    return a;
}

/* A code as its document object (NULL when there is none). */
static json_t *code_json(bld *b, const ldrt__code *code)
{
    return code ? members(b, &ldrt__code_fields, code, code->extra) : NULL;
}

json_t *ldrt__save_event_code(bld *b, const void *item)
{
    return code_json(b, ((const ldrt_event *)item)->codes[LDRT_CODE_OF_TERM]);
}

json_t *ldrt__save_event_site_code(bld *b, const void *item)
{
    return code_json(b, ((const ldrt_event *)item)->codes[LDRT_CODE_OF_SITE]);
}

json_t *ldrt__save_agent_code(bld *b, const void *item)
{
    return code_json(b, ((const ldrt__agent *)item)->code);
}

static void set_code(bld *b, json_t *o, const char *key, const ldrt__code *code)
{
    if (o && code)
        set(b, o, key, code_json(b, code));
}

json_t *ldrt__save_agents(bld *b, const void *item)
{
    const ldrt_event *e = item;
    if (!e->n_agents)
        return NULL;
    json_t *a = arr(b);
    for (size_t i = 0; a && i < e->n_agents; i++)
        append(b, a, members(b, &ldrt__agent_fields, &e->agents[i], e->agents[i].extra));
    return a;
}

json_t *ldrt__save_repeat(bld *b, const void *item)
{
    const ldrt_event *e = item;
    return e->repeat_count ? members(b, &ldrt__repeat_fields, e, e->repeat_extra) : NULL;
}

json_t *ldrt__save_prescription(bld *b, const void *item)
{
    const ldrt_event *e = item;
    return e->has_rx ? members(b, &ldrt__rx_fields, e, e->rx_extra) : NULL;
}

/* Listed fractions (the fractions of a prescription are not written). */
json_t *ldrt__save_fractions(bld *b, const void *item)
{
    const ldrt_event *e = item;
    if (e->has_rx || !e->n_fractions)
        return NULL;
    json_t *a = arr(b);
    for (size_t i = 0; a && i < e->n_fractions; i++)
        append(b, a, members(b, &ldrt__fraction_fields, e->fractions[i], e->fractions[i]->extra));
    return a;
}

json_t *ldrt__save_measurements(bld *b, const void *item)
{
    const ldrt_event *e = item;
    if (!e->n_meas)
        return NULL;
    json_t *a = arr(b);
    for (size_t i = 0; a && i < e->n_meas; i++)
        append(b, a, members(b, &ldrt__meas_fields, &e->meas[i], e->meas[i].extra));
    return a;
}

json_t *ldrt__save_sul(bld *b, const void *item)
{
    const ldrt_event *e = item;
    if (!e->n_sul)
        return NULL;
    json_t *a = arr(b);
    for (size_t i = 0; a && i < e->n_sul; i++)
        append(b, a, members(b, &ldrt__sul_fields, &e->sul[i], e->sul[i].extra));
    return a;
}

json_t *ldrt__save_non_target(bld *b, const void *item)
{
    const ldrt_event *e = item;
    if (!e->n_nt)
        return NULL;
    json_t *x = obj(b);
    for (size_t i = 0; x && i < e->n_nt; i++)
        set_str(b, x, e->nt[i].lesion->id, ldrt_lesion_state_name(e->nt[i].state));
    return x;
}

json_t *ldrt__save_new_lesions(bld *b, const void *item)
{
    const ldrt_event *e = item;
    if (!e->new_lesions_present)
        return NULL;
    json_t *a = arr(b);
    for (size_t i = 0; a && i < e->n_new; i++)
        append(b, a, members(b, &ldrt__new_lesion_fields, &e->newl[i], e->newl[i].extra));
    return a;
}

json_t *ldrt__save_recorded_response(bld *b, const void *item)
{
    const ldrt_event *e = item;
    return e->rr_criteria ? members(b, &ldrt__rr_fields, e, e->rr_extra) : NULL;
}

static json_t *event_json(bld *b, const ldrt_event *e)
{
    json_t *o = obj(b);
    write_members(b, o, &ldrt__event_fields, LDRT__KIND(e->kind), e, e->extra);
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
