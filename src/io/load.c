/*
 * Reading the patient document (format version 1) and checking it.
 * The document is parsed by jansson, checked against the limits, then built
 * through the model's own mutation functions, so that a document and a
 * program building the same record obey the same rules. The members of an
 * event and of the objects inside it are read by walking their tables
 * (fields.c), the ones the writer walks.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "io_internal.h"

/* ---- the loading context: current JSON path, error collection ------------------ */

struct ldrt__ld {
    ldrt_patient *p;
    char path[320];
    size_t plen;
    int collect;        /* validation: record problems and go on */
    ldrt__buf report;
    size_t problems;
    json_t *obj;        /* the event whose members are being loaded */
};
typedef ldrt__ld ld;

static size_t push_key(ld *c, const char *key)
{
    size_t old = c->plen;
    int n = snprintf(c->path + c->plen, sizeof c->path - c->plen, "%s%s", c->plen ? "." : "", key);
    if (n > 0)
        c->plen = c->plen + (size_t)n < sizeof c->path ? c->plen + (size_t)n : sizeof c->path - 1;
    return old;
}

static size_t push_index(ld *c, size_t i)
{
    size_t old = c->plen;
    int n = snprintf(c->path + c->plen, sizeof c->path - c->plen, "[%zu]", i);
    if (n > 0)
        c->plen = c->plen + (size_t)n < sizeof c->path ? c->plen + (size_t)n : sizeof c->path - 1;
    return old;
}

static void pop(ld *c, size_t old)
{
    c->plen = old;
    c->path[old] = '\0';
}

/* A failure found by the loader at the current path: "path.key: message"
 * (key may be NULL). */
static int failf(ld *c, int code, const char *key, const char *fmt, ...) LDRT__PRINTF(4, 5);
static int failf(ld *c, int code, const char *key, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *sep = c->plen && key ? "." : "";
    const char *where = c->plen || key ? c->path : "document";
    return ldrt__error(code, "%s%s%s: %s", where, sep, key ? key : "", msg);
}

/* Whether msg begins with "name:" for the n bytes of name. */
static int names(const char *msg, const char *name, size_t n)
{
    return n && strncmp(msg, name, n) == 0 && msg[n] == ':';
}

/* The one helper that puts the JSON path before a failure of the model,
 * called for the item at the current path. The model's message begins with
 * the name of what it concerns ("total_gy: must be > 0"), and the path is
 * joined to it: "events[2].prescription.total_gy: must be > 0". When the
 * path itself already ends with that name (the object, "prescription", or
 * the list the item belongs to, "targets" for "targets[0]"), or the name is
 * one of `self` (space-separated: the model's names for the values an item
 * of a list gives, "drug" for "drugs[1]"), the path takes its place:
 * "events[0].targets[0]: unknown lesion \"T9\"". Out of memory is placed at
 * the path (or the document). */
static int at_path(ld *c, int code, const char *self)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s", ldrt_last_error());
    if (code == LDRT_ENOMEM)
        return ldrt__error(code, "%s: %s", c->plen ? c->path : "document", msg);
    const char *last = strrchr(c->path, '.');
    last = last ? last + 1 : c->path;
    size_t n = strcspn(last, "[");
    size_t skip = names(msg, last, n) ? n : 0;
    while (!skip && self && *self) {
        size_t k = strcspn(self, " ");
        skip = names(msg, self, k) ? k : 0;
        self += k + (self[k] == ' ');
    }
    if (skip)
        return ldrt__error(code, "%s%s", c->path, msg + skip);
    return ldrt__error(code, "%s%s%s", c->path, c->plen ? "." : "", msg);
}

#define MODEL(c, call)                         \
    do {                                       \
        int rc_ = (call);                      \
        if (rc_)                               \
            return at_path((c), rc_, NULL);    \
    } while (0)

/* ---- typed member access ------------------------------------------------------------ */

/* Checks a present member's value v against its JSON type (and limits) and
 * reads it into out. */
static int check_value(ld *c, const char *key, int type, int64_t lo, int64_t hi, json_t *v,
                       ldrt__val *out)
{
    switch (type) {
    case LDRT__J_STRING:
    case LDRT__J_DATE:
        if (!json_is_string(v))
            return failf(c, LDRT_EINVAL, key, "must be a string");
        if (json_string_length(v) == 0)
            return failf(c, LDRT_EINVAL, key, "must not be empty");
        out->s = json_string_value(v);
        if (type == LDRT__J_DATE) {
            int rc = ldrt_date_parse(out->s, &out->d);
            if (rc) {
                /* The parser's message, whole, at the member's path. */
                char msg[256];
                snprintf(msg, sizeof msg, "%s", ldrt_last_error());
                return failf(c, rc, key, "%s", msg);
            }
        }
        return LDRT_OK;
    case LDRT__J_NUMBER:
        if (!json_is_number(v))
            return failf(c, LDRT_EINVAL, key, "must be a number");
        out->n = json_number_value(v);
        return LDRT_OK;
    case LDRT__J_INT: {
        if (!json_is_integer(v))
            return failf(c, LDRT_EINVAL, key, "must be an integer");
        json_int_t x = json_integer_value(v);
        if (x < lo || x > hi)
            return failf(c, LDRT_EINVAL, key, "must be %d to %d (got %" JSON_INTEGER_FORMAT ")",
                         (int)lo, (int)hi, x);
        out->i = x;
        return LDRT_OK;
    }
    case LDRT__J_BOOL:
        if (!json_is_boolean(v))
            return failf(c, LDRT_EINVAL, key, "must be true or false");
        out->b = json_is_true(v);
        return LDRT_OK;
    case LDRT__J_OBJECT:
        return json_is_object(v) ? LDRT_OK : failf(c, LDRT_EINVAL, key, "must be an object");
    default:
        if (!json_is_array(v))
            return failf(c, LDRT_EINVAL, key, "must be an array");
        if (json_array_size(v) > (size_t)hi)
            return failf(c, LDRT_ERANGE, key, "has %zu items, more than the limit of %zu",
                         json_array_size(v), (size_t)hi);
        return LDRT_OK;
    }
}

/* A member by key: *out NULL when absent (an error when required). */
static int get_member(ld *c, json_t *obj, const char *key, int type, int required, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return required ? failf(c, LDRT_EINVAL, key, "required") : LDRT_OK;
    ldrt__val x;
    int rc = check_value(c, key, type, 0, 0, v, &x);
    if (!rc)
        *out = v;
    return rc;
}

static int get_string(ld *c, json_t *obj, const char *key, const char **out, int required)
{
    json_t *v;
    int rc = get_member(c, obj, key, LDRT__J_STRING, required, &v);
    *out = v ? json_string_value(v) : NULL;
    return rc;
}

static int get_date(ld *c, json_t *obj, const char *key, ldrt_date *out, int required)
{
    json_t *v = json_object_get(obj, key);
    ldrt__val x = { .d = LDRT_DATE_NONE };
    int rc = LDRT_OK;
    if (!v)
        rc = required ? failf(c, LDRT_EINVAL, key, "required") : LDRT_OK;
    else
        rc = check_value(c, key, LDRT__J_DATE, 0, 0, v, &x);
    *out = rc ? LDRT_DATE_NONE : x.d;
    return rc;
}

/* -1 when absent. */
static int get_bool(ld *c, json_t *obj, const char *key, int *out)
{
    json_t *v;
    int rc = get_member(c, obj, key, LDRT__J_BOOL, 0, &v);
    *out = v ? json_is_true(v) : -1;
    return rc;
}

/* An optional array (NULL when absent) of at most max items. */
static int get_array(ld *c, json_t *obj, const char *key, json_t **out, size_t max)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return LDRT_OK;
    int rc = check_value(c, key, LDRT__J_ARRAY, 0, (int64_t)max, v, NULL);
    if (!rc)
        *out = v;
    return rc;
}

static int get_object(ld *c, json_t *obj, const char *key, json_t **out, int required)
{
    return get_member(c, obj, key, LDRT__J_OBJECT, required, out);
}

/* Reads the scalar members of obj that t lists, in order, into vals (absent:
 * present[i] 0); the first problem stops. Compound members are left to the
 * caller. */
static int read_members(ld *c, json_t *obj, const ldrt__fields *t, ldrt__val *vals, int *present)
{
    for (size_t i = 0; i < t->n; i++) {
        const ldrt__field *f = &t->f[i];
        present[i] = 0;
        vals[i] = (ldrt__val){ .d = LDRT_DATE_NONE, .n = NAN, .b = -1 };
        if (f->type == LDRT__J_OBJECT || f->type == LDRT__J_ARRAY)
            continue;
        json_t *v = json_object_get(obj, f->name);
        if (v && f->nullable && json_is_null(v))
            continue;
        if (!v) {
            if (f->required)
                return failf(c, LDRT_EINVAL, f->name, "required");
            continue;
        }
        int rc = check_value(c, f->name, f->type, f->lo, f->hi, v, &vals[i]);
        if (rc)
            return rc;
        present[i] = 1;
    }
    return LDRT_OK;
}

/* Collects the members of obj that the table t does not name into a new
 * object (*out stays NULL when there are none). */
static int take_extras(ld *c, json_t *obj, const ldrt__fields *t, ldrt__extra *out)
{
    const char *key;
    json_t *v;
    json_t *extra = NULL;
    json_object_foreach(obj, key, v) {
        if (ldrt__field_find(t, key, 0) >= 0)
            continue;
        if (!extra && !(extra = json_object()))
            return failf(c, LDRT_ENOMEM, NULL, "out of memory");
        if (json_object_set(extra, key, v)) {
            json_decref(extra);
            return failf(c, LDRT_ENOMEM, NULL, "out of memory");
        }
    }
    *out = extra;
    return LDRT_OK;
}

/* Stores extras into a slot of the patient (freeing on failure is the
 * patient's job once stored). */
#define EXTRAS(c, obj, table, slot)                                  \
    do {                                                             \
        ldrt__extra x_ = NULL;                                       \
        int rc_ = take_extras((c), (obj), (table), &x_);             \
        if (rc_)                                                     \
            return rc_;                                              \
        (slot) = x_;                                                 \
    } while (0)

/* ---- limits ------------------------------------------------------------------------------ */

static int check_limits(ld *c, json_t *v, int depth)
{
    if (json_is_string(v)) {
        if (json_string_length(v) > LDRT_JSON_MAX_STRING)
            return failf(c, LDRT_ERANGE, NULL, "string of %zu bytes is longer than the limit of %d",
                         json_string_length(v), LDRT_JSON_MAX_STRING);
        return LDRT_OK;
    }
    if (!json_is_object(v) && !json_is_array(v))
        return LDRT_OK;
    if (depth > LDRT_JSON_MAX_DEPTH)
        return failf(c, LDRT_ERANGE, NULL, "nested deeper than the limit of %d levels",
                     LDRT_JSON_MAX_DEPTH);
    int rc = LDRT_OK;
    if (json_is_object(v)) {
        const char *key;
        json_t *x;
        json_object_foreach(v, key, x) {
            if (strlen(key) > LDRT_JSON_MAX_STRING)
                return failf(c, LDRT_ERANGE, NULL, "a key is longer than the limit of %d bytes",
                             LDRT_JSON_MAX_STRING);
            size_t old = push_key(c, key);
            rc = check_limits(c, x, depth + 1);
            pop(c, old);
            if (rc)
                return rc;
        }
    } else {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            size_t old = push_index(c, i);
            rc = check_limits(c, x, depth + 1);
            pop(c, old);
            if (rc)
                return rc;
        }
    }
    return LDRT_OK;
}

/* ---- problems: first error, or collected ----------------------------------------------------- */

/* In validation mode a problem is recorded and loading goes on (returns
 * OK); out of memory always stops. */
static int problem(ld *c, int rc)
{
    if (!c->collect || rc == LDRT_ENOMEM)
        return rc;
    if (++c->problems > LDRT_JSON_MAX_PROBLEMS)
        return LDRT_OK;  /* counted, not listed */
    char msg[512];
    snprintf(msg, sizeof msg, "%s\n", ldrt_last_error());
    return ldrt__buf_puts(&c->report, msg) ? LDRT_ENOMEM : LDRT_OK;
}

/* ---- objects ------------------------------------------------------------------------------------ */

static const char *const top_keys[] = { "ldrt", "patient", "diagnoses", "lesions", "events", NULL };
static const char *const patient_keys[] = { "id", "sex", "birth_date", "death_date", "death_cause",
                                            "last_contact", NULL };
static const char *const diagnosis_keys[] = { "date", "condition", "site", "stage", "markers",
                                              "code", "site_code", NULL };
static const char *const lesion_keys[] = { "id", "site", "organ", "nodal", "category", "site_code",
                                           NULL };

static int in_list(const char *key, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], key) == 0)
            return 1;
    return 0;
}

/* take_extras() for the objects read without a table (the patient, a
 * diagnosis, a lesion, the document). */
static int take_extras_list(ld *c, json_t *obj, const char *const *known, ldrt__extra *out)
{
    const char *key;
    json_t *v;
    json_t *extra = NULL;
    json_object_foreach(obj, key, v) {
        if (in_list(key, known))
            continue;
        if (!extra && !(extra = json_object()))
            return failf(c, LDRT_ENOMEM, NULL, "out of memory");
        if (json_object_set(extra, key, v)) {
            json_decref(extra);
            return failf(c, LDRT_ENOMEM, NULL, "out of memory");
        }
    }
    *out = extra;
    return LDRT_OK;
}

/* ---- codes -------------------------------------------------------------------------- */

/* Sets a code on an item (one of the public setters behind a common shape). */
typedef int (*code_setter)(void *item, int of, const char *system, const char *code,
                           const char *display);

static int set_diagnosis_code(void *item, int of, const char *s, const char *code, const char *d)
{
    return ldrt_diagnosis_set_code(item, of, s, code, d);
}

static int set_lesion_code(void *item, int of, const char *s, const char *code, const char *d)
{
    return ldrt_lesion_set_code(item, of, s, code, d);
}

static int set_event_code(void *item, int of, const char *s, const char *code, const char *d)
{
    return ldrt_event_set_code(item, of, s, code, d);
}

static int set_agent_code(void *item, int of, const char *s, const char *code, const char *d)
{
    ldrt_event *e = item;
    (void)of;
    return ldrt_systemic_set_agent_code(ldrt_event_as_systemic_mut(e), e->n_agents - 1, s, code, d);
}

/* Reads the code object o (the path names it: "...code") and sets it on the
 * item; *slot is where the item keeps it (for the unknown members). The
 * model's message names the member ("code.code: ..."), so it is placed at
 * the path of the item. */
static int code_member(ld *c, json_t *o, int of, void *item, code_setter set, ldrt__code **slot)
{
    enum { SYSTEM, CODE, DISPLAY };
    ldrt__val v[3];
    int present[3];
    int rc = read_members(c, o, &ldrt__code_fields, v, present);
    if (rc)
        return rc;
    const char *key = of == LDRT_CODE_OF_SITE ? "site_code" : "code";
    size_t k = strlen(key);
    size_t parent = c->plen > k ? c->plen - k - 1 : 0;
    pop(c, parent);
    rc = set(item, of, v[SYSTEM].s, v[CODE].s, v[DISPLAY].s);
    if (rc)
        rc = at_path(c, rc, NULL);
    push_key(c, key);
    if (rc)
        return rc;
    return take_extras(c, o, &ldrt__code_fields, &(*slot)->extra);
}

/* obj's "code" (of LDRT_CODE_OF_TERM) or "site_code", for the objects read
 * without a table. */
static int load_code(ld *c, json_t *obj, int of, void *item, code_setter set, ldrt__code **slot)
{
    const char *key = of == LDRT_CODE_OF_SITE ? "site_code" : "code";
    json_t *o;
    int rc = get_object(c, obj, key, &o, 0);
    if (rc || !o)
        return rc;
    size_t old = push_key(c, key);
    rc = code_member(c, o, of, item, set, slot);
    pop(c, old);
    return rc;
}

int ldrt__load_event_code(ld *c, void *e, json_t *v)
{
    ldrt_event *ev = e;
    return code_member(c, v, LDRT_CODE_OF_TERM, e, set_event_code, &ev->codes[LDRT_CODE_OF_TERM]);
}

int ldrt__load_event_site_code(ld *c, void *e, json_t *v)
{
    ldrt_event *ev = e;
    return code_member(c, v, LDRT_CODE_OF_SITE, e, set_event_code, &ev->codes[LDRT_CODE_OF_SITE]);
}

int ldrt__load_agent_code(ld *c, void *e, json_t *v)
{
    ldrt_event *ev = e;
    return code_member(c, v, LDRT_CODE_OF_TERM, e, set_agent_code, &ev->agents[ev->n_agents - 1].code);
}

/* ---- lists inside events ------------------------------------------------------------------- */

/* Calls item(c, e, element) for each element of arr with its index on the
 * path; the first failure stops. */
static int each_item(ld *c, ldrt_event *e, json_t *arr, int (*item)(ld *, ldrt_event *, json_t *))
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        size_t old = push_index(c, i);
        int rc = item(c, e, v);
        if (rc)
            return rc;
        pop(c, old);
    }
    return LDRT_OK;
}

/* Reads the scalar members of an item object of a list (table t) into vals. */
static int item_members(ld *c, json_t *obj, const ldrt__fields *t, ldrt__val *vals, int *present)
{
    if (!json_is_object(obj))
        return failf(c, LDRT_EINVAL, NULL, "must be an object");
    return read_members(c, obj, t, vals, present);
}

/* The compound members of an item of a list (the table's load), after the
 * item is made. */
static int compound_members(ld *c, json_t *obj, const ldrt__fields *t, void *item)
{
    for (size_t i = 0; i < t->n; i++) {
        const ldrt__field *f = &t->f[i];
        json_t *v;
        if (!f->load || !(v = json_object_get(obj, f->name)))
            continue;
        ldrt__val x;
        int rc = check_value(c, f->name, f->type, f->lo, f->hi, v, &x);
        if (!rc) {
            size_t old = push_key(c, f->name);
            rc = f->load(c, item, v);
            pop(c, old);
        }
        if (rc)
            return rc;
    }
    return LDRT_OK;
}

static int agent_item(ld *c, ldrt_event *e, json_t *a)
{
    enum { DRUG, DOSE, UNIT, CODE };
    ldrt__val v[4];
    int present[4];
    int rc = item_members(c, a, &ldrt__agent_fields, v, present);
    if (rc)
        return rc;
    MODEL(c, ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), v[DRUG].s, v[DOSE].n, v[UNIT].s));
    if ((rc = compound_members(c, a, &ldrt__agent_fields, e)))
        return rc;
    EXTRAS(c, a, &ldrt__agent_fields, e->agents[e->n_agents - 1].extra);
    return LDRT_OK;
}

int ldrt__load_agents(ld *c, void *e, json_t *v)
{
    return each_item(c, e, v, agent_item);
}

static int removed_item(ld *c, ldrt_event *e, json_t *v)
{
    if (!json_is_string(v))
        return failf(c, LDRT_EINVAL, NULL, "must be a lesion id (a string)");
    int rc = ldrt_event_add_removed_lesion(e, json_string_value(v));
    return rc ? at_path(c, rc, NULL) : LDRT_OK;
}

static int target_item(ld *c, ldrt_event *e, json_t *v)
{
    if (!json_is_string(v))
        return failf(c, LDRT_EINVAL, NULL, "must be a lesion id (a string)");
    int rc = ldrt_course_add_target(ldrt_event_as_course_mut(e), json_string_value(v));
    return rc ? at_path(c, rc, NULL) : LDRT_OK;
}

int ldrt__load_removed(ld *c, void *e, json_t *v)
{
    return each_item(c, e, v, removed_item);
}

int ldrt__load_targets(ld *c, void *e, json_t *v)
{
    return each_item(c, e, v, target_item);
}

static int drug_item(ld *c, ldrt_event *e, json_t *v)
{
    if (!json_is_string(v))
        return failf(c, LDRT_EINVAL, NULL, "must be a drug name (a string)");
    int rc = ldrt_event_add_drug(e, json_string_value(v));
    return rc ? at_path(c, rc, "drug") : LDRT_OK;
}

int ldrt__load_drugs(ld *c, void *e, json_t *v)
{
    return each_item(c, e, v, drug_item);
}

static int fraction_item(ld *c, ldrt_event *e, json_t *f)
{
    enum { DATE, DOSE };
    ldrt__val v[2];
    int present[2];
    int rc = item_members(c, f, &ldrt__fraction_fields, v, present);
    if (rc)
        return rc;
    ldrt_fraction *fr;
    MODEL(c, ldrt_course_add_fraction(ldrt_event_as_course_mut(e), v[DATE].d, v[DOSE].n, &fr));
    EXTRAS(c, f, &ldrt__fraction_fields, fr->extra);
    return LDRT_OK;
}

int ldrt__load_fractions(ld *c, void *e, json_t *v)
{
    return each_item(c, e, v, fraction_item);
}

static int measurement_item(ld *c, ldrt_event *e, json_t *m)
{
    enum { LESION, DIAMETER, TOO_SMALL };
    ldrt__val v[3];
    int present[3];
    int rc = item_members(c, m, &ldrt__meas_fields, v, present);
    if (rc)
        return rc;
    int too_small = v[TOO_SMALL].b;
    MODEL(c, ldrt_scan_add_measurement(ldrt_event_as_scan_mut(e), v[LESION].s, v[DIAMETER].n,
                                       too_small == 1 ? LDRT_MEASUREMENT_TOO_SMALL : 0));
    ldrt__measurement *x = &e->meas[e->n_meas - 1];
    x->too_small = too_small;
    /* "diameter_mm": null says the lesion was not evaluated (kept). */
    x->diameter_null = json_is_null(json_object_get(m, "diameter_mm"));
    EXTRAS(c, m, &ldrt__meas_fields, x->extra);
    return LDRT_OK;
}

int ldrt__load_measurements(ld *c, void *e, json_t *v)
{
    return each_item(c, e, v, measurement_item);
}

static int sul_item(ld *c, ldrt_event *e, json_t *m)
{
    enum { LESION, VALUE };
    ldrt__val v[2];
    int present[2];
    int rc = item_members(c, m, &ldrt__sul_fields, v, present);
    if (rc)
        return rc;
    MODEL(c, ldrt_scan_add_sul_peak(ldrt_event_as_scan_mut(e), v[LESION].s, v[VALUE].n));
    EXTRAS(c, m, &ldrt__sul_fields, e->sul[e->n_sul - 1].extra);
    return LDRT_OK;
}

int ldrt__load_sul(ld *c, void *e, json_t *v)
{
    return each_item(c, e, v, sul_item);
}

static int new_lesion_item(ld *c, ldrt_event *e, json_t *m)
{
    enum { ID, SITE, DIAMETER };
    ldrt__val v[3];
    int present[3];
    int rc = item_members(c, m, &ldrt__new_lesion_fields, v, present);
    if (rc)
        return rc;
    MODEL(c, ldrt_scan_add_new_lesion(ldrt_event_as_scan_mut(e), v[ID].s, v[SITE].s, v[DIAMETER].n));
    EXTRAS(c, m, &ldrt__new_lesion_fields, e->newl[e->n_new - 1].extra);
    return LDRT_OK;
}

int ldrt__load_new_lesions(ld *c, void *e, json_t *v)
{
    int rc = each_item(c, e, v, new_lesion_item);
    if (rc)
        return rc;
    MODEL(c, ldrt_scan_set_new_lesions_reported(ldrt_event_as_scan_mut(e), 1));
    return LDRT_OK;
}

int ldrt__load_non_target(ld *c, void *e, json_t *obj)
{
    const char *key;
    json_t *v;
    if (json_object_size(obj) > LDRT_MAX_ITEMS)
        return failf(c, LDRT_ERANGE, NULL, "more than %d lesions", LDRT_MAX_ITEMS);
    json_object_foreach(obj, key, v) {
        size_t old = push_key(c, key);
        ldrt_lesion_state state;
        if (!json_is_string(v) || ldrt_lesion_state_parse(json_string_value(v), &state) ||
            !ldrt__non_target_state_ok(state))
            return failf(c, LDRT_EINVAL, NULL,
                         "must be \"present\", \"absent\", \"unequivocal-progression\" or \"not-evaluated\"");
        if (!ldrt__find_lesion(c->p, key))
            return failf(c, LDRT_ENOTFOUND, NULL, "unknown lesion \"%.60s\"", key);
        MODEL(c, ldrt_scan_set_non_target(ldrt_event_as_scan_mut(e), key, state));
        pop(c, old);
    }
    return LDRT_OK;
}

/* ---- objects inside events ------------------------------------------------------------------ */

int ldrt__load_repeat(ld *c, void *item, json_t *r)
{
    enum { EVERY, COUNT, DATES, UNTIL };
    ldrt_event *e = item;
    ldrt__val v[4];
    int present[4];
    int rc = read_members(c, r, &ldrt__repeat_fields, v, present);
    if (rc)
        return rc;
    if (present[DATES] && strcmp(v[DATES].s, "unknown") != 0)
        return failf(c, LDRT_EINVAL, "dates", "\"%.40s\" is not \"unknown\" (leave dates out when "
                     "the administrations are dated)", v[DATES].s);
    if (present[UNTIL] && !present[DATES])
        return failf(c, LDRT_EINVAL, "until", "only with \"dates\": \"unknown\"");
    /* The series is expanded, then (dates unknown) its administrations dropped. */
    MODEL(c, ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(e), (int)v[EVERY].i, (int)v[COUNT].i));
    if (present[DATES])
        MODEL(c, ldrt_systemic_set_dates_unknown(ldrt_event_as_systemic_mut(e), 1,
                                                 present[UNTIL] ? v[UNTIL].d : LDRT_DATE_NONE));
    EXTRAS(c, r, &ldrt__repeat_fields, e->repeat_extra);
    return LDRT_OK;
}

int ldrt__load_prescription(ld *c, void *item, json_t *r)
{
    enum { TOTAL, FRACTIONS, SCHEDULE };
    ldrt_event *e = item;
    if (json_object_get(c->obj, "fractions"))
        return failf(c, LDRT_EINVAL, NULL,
                     "a course has either listed fractions or a prescription, not both");
    ldrt__val v[3];
    int present[3];
    int rc = read_members(c, r, &ldrt__rx_fields, v, present);
    if (rc)
        return rc;
    ldrt_schedule sched;
    if (ldrt_schedule_parse(v[SCHEDULE].s, &sched))
        return failf(c, LDRT_EINVAL, "schedule", "\"%.40s\" is not daily, weekdays or alternate-days",
                     v[SCHEDULE].s);
    MODEL(c, ldrt_course_set_prescription(ldrt_event_as_course_mut(e), v[TOTAL].n, (int)v[FRACTIONS].i,
                                          sched));
    EXTRAS(c, r, &ldrt__rx_fields, e->rx_extra);
    return LDRT_OK;
}

int ldrt__load_recorded_response(ld *c, void *item, json_t *o)
{
    enum { CRITERIA, OVERALL };
    ldrt_event *e = item;
    ldrt__val v[2];
    int present[2];
    int rc = read_members(c, o, &ldrt__rr_fields, v, present);
    if (rc)
        return rc;
    MODEL(c, ldrt_scan_set_recorded_response(ldrt_event_as_scan_mut(e), v[CRITERIA].s, v[OVERALL].s));
    EXTRAS(c, o, &ldrt__rr_fields, e->rr_extra);
    return LDRT_OK;
}

/* ---- events ------------------------------------------------------------------------------------ */

/* Checks that every member of obj belongs to the event's kind: a member of
 * another kind is a mistake, not an unknown member. */
static int check_kind_members(ld *c, json_t *obj, int kind)
{
    const char *key;
    json_t *v;
    unsigned mine = LDRT__KIND(kind);
    json_object_foreach(obj, key, v) {
        if (ldrt__field_find(&ldrt__event_fields, key, mine) < 0 &&
            ldrt__field_find(&ldrt__event_fields, key, LDRT__ALL_KINDS) >= 0)
            return failf(c, LDRT_EINVAL, key, "not a field of %s events", ldrt_event_kind_name(kind));
    }
    return LDRT_OK;
}

/* Sets one member of an event from its value v (present), with its name on
 * the path when it is compound. */
static int load_event_member(ld *c, ldrt_event *e, const ldrt__field *f, json_t *v)
{
    ldrt__val x;
    int rc = check_value(c, f->name, f->type, f->lo, f->hi, v, &x);
    if (rc)
        return rc;
    if (f->load) {
        size_t old = push_key(c, f->name);
        rc = f->load(c, e, v);
        pop(c, old);
        return rc;
    }
    rc = f->set(e, &x);
    return rc ? at_path(c, rc, NULL) : LDRT_OK;
}

/* The members of an event after its type and date: the table walked in
 * order (first to find them all, so that a member of another kind is
 * refused before anything is set); unknown members are kept. */
static int load_event_members(ld *c, ldrt_event *e, json_t *obj, int kind)
{
    const ldrt__fields *t = &ldrt__event_fields;
    json_t *vals[LDRT__EVENT_FIELDS_MAX];
    unsigned mine = LDRT__KIND(kind);
    size_t found = 2, size = json_object_size(obj); /* type and date */
    int rc = LDRT_OK;
    for (size_t i = 0; i < t->n; i++) {
        const ldrt__field *f = &t->f[i];
        vals[i] = (f->kinds & mine) && (f->set || f->load) ? json_object_get(obj, f->name) : NULL;
        found += vals[i] != NULL;
    }
    if (found < size && (rc = check_kind_members(c, obj, kind)))
        return rc;
    c->obj = obj;
    for (size_t i = 0; i < t->n && found > 2; i++)
        if (vals[i] && (rc = load_event_member(c, e, &t->f[i], vals[i])))
            return rc;
    if (found < size)
        rc = take_extras(c, obj, t, &e->extra);
    return rc;
}

static int load_event(ld *c, json_t *obj, ldrt_event **out)
{
    if (!json_is_object(obj))
        return failf(c, LDRT_EINVAL, NULL, "must be an object");
    const char *type;
    ldrt_date date;
    ldrt_event_kind kind;
    int rc = get_string(c, obj, "type", &type, 1);
    if (rc)
        return rc;
    if (ldrt_event_kind_parse(type, &kind))
        return failf(c, LDRT_EINVAL, "type", "unknown event type \"%.40s\"", type);
    if ((rc = get_date(c, obj, "date", &date, 1)))
        return rc;
    ldrt_event *e;
    MODEL(c, ldrt_patient_add_event(c->p, kind, date, &e));
    rc = load_event_members(c, e, obj, kind);
    if (rc)
        (void)ldrt_patient_remove_event(c->p, e);
    else
        *out = e;
    return rc;
}

static int load_lesion(ld *c, json_t *obj)
{
    if (!json_is_object(obj))
        return failf(c, LDRT_EINVAL, NULL, "must be an object");
    const char *id, *site, *organ, *cat;
    int nodal;
    ldrt_lesion_role category = LDRT_ROLE_NONE;
    int rc = get_string(c, obj, "id", &id, 1);
    if (!rc)
        rc = get_string(c, obj, "site", &site, 0);
    if (!rc)
        rc = get_string(c, obj, "organ", &organ, 0);
    if (!rc)
        rc = get_bool(c, obj, "nodal", &nodal);
    if (!rc)
        rc = get_string(c, obj, "category", &cat, 0);
    if (rc)
        return rc;
    if (cat && (ldrt_lesion_role_parse(cat, &category) || category > LDRT_ROLE_NEW))
        return failf(c, LDRT_EINVAL, "category", "\"%.40s\" is not target, non-target or new", cat);
    ldrt_lesion *l;
    MODEL(c, ldrt_patient_add_lesion(c->p, id, &l));
    if ((site && (rc = ldrt_lesion_set_site(l, site))) ||
        (organ && (rc = ldrt_lesion_set_organ(l, organ)))) {
        rc = at_path(c, rc, NULL);
        (void)ldrt_patient_remove_lesion(c->p, l);
        return rc;
    }
    l->nodal = nodal;
    l->category = category;
    ldrt__extra x = NULL;
    if ((rc = load_code(c, obj, LDRT_CODE_OF_SITE, l, set_lesion_code, &l->codes[LDRT_CODE_OF_SITE])) ||
        (rc = take_extras_list(c, obj, lesion_keys, &x))) {
        (void)ldrt_patient_remove_lesion(c->p, l);
        return rc;
    }
    l->extra = x;
    return LDRT_OK;
}

static int load_diagnosis(ld *c, json_t *obj)
{
    if (!json_is_object(obj))
        return failf(c, LDRT_EINVAL, NULL, "must be an object");
    const char *cond, *site, *stage;
    ldrt_date date;
    json_t *markers;
    int rc = get_date(c, obj, "date", &date, 1);
    if (!rc)
        rc = get_string(c, obj, "condition", &cond, 1);
    if (!rc)
        rc = get_string(c, obj, "site", &site, 0);
    if (!rc)
        rc = get_string(c, obj, "stage", &stage, 0);
    if (!rc)
        rc = get_object(c, obj, "markers", &markers, 0);
    if (rc)
        return rc;
    if (markers && json_object_size(markers) > LDRT_MAX_ITEMS)
        return failf(c, LDRT_ERANGE, "markers", "more than %d markers", LDRT_MAX_ITEMS);
    ldrt_diagnosis *d;
    MODEL(c, ldrt_patient_add_diagnosis(c->p, date, cond, &d));
    if ((site && (rc = ldrt_diagnosis_set_site(d, site))) ||
        (stage && (rc = ldrt_diagnosis_set_stage(d, stage))))
        rc = at_path(c, rc, NULL);
    const char *key;
    json_t *v;
    if (!rc && markers) {
        d->markers_present = 1;
        json_object_foreach(markers, key, v) {
            size_t old = push_key(c, "markers");
            push_key(c, key);
            if (!json_is_string(v))
                rc = failf(c, LDRT_EINVAL, NULL, "must be a string");
            else if ((rc = ldrt_diagnosis_set_marker(d, key, json_string_value(v))))
                rc = at_path(c, rc, "name value");
            pop(c, old);
            if (rc)
                break;
        }
    }
    for (int of = LDRT_CODE_OF_TERM; !rc && of <= LDRT_CODE_OF_SITE; of++)
        rc = load_code(c, obj, of, d, set_diagnosis_code, &d->codes[of]);
    if (!rc)
        rc = take_extras_list(c, obj, diagnosis_keys, &d->extra);
    if (rc)
        (void)ldrt_patient_remove_diagnosis(c->p, d);
    return rc;
}

/* Loads each element of a list with the path pushed; in validation mode a
 * bad element is reported and skipped. */
static int load_list(ld *c, json_t *arr, const char *name, int (*fn)(ld *, json_t *))
{
    size_t old = push_key(c, name);
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        size_t o2 = push_index(c, i);
        int rc = fn(c, v);
        pop(c, o2);
        if (rc && (rc = problem(c, rc))) {
            pop(c, old);
            return rc;
        }
    }
    pop(c, old);
    return LDRT_OK;
}

/* Events are added in time order (stable), so that each lands at the end of
 * the patient's sorted list: loading stays O(n log n) whatever the order of
 * the document. An element without a valid date sorts first (and fails). */
typedef struct {
    ldrt_date date;
    size_t index;
} order_key;

static int order_cmp(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* The references `during` makes, in document order, once every event is in
 * (an event may name one that comes later): each must name another event of
 * the record whose span overlaps the toxicity's date. */
static int check_during(ld *c, ldrt_event *const *made, size_t n)
{
    int rc = LDRT_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        if (!made[i] || !ldrt_event_text(made[i], LDRT_FIELD_DURING))
            continue;
        rc = ldrt_event_placed_span(made[i], NULL, NULL);
        if (rc) {
            size_t o2 = push_index(c, i);
            rc = problem(c, at_path(c, rc, NULL));
            pop(c, o2);
        }
    }
    return rc;
}

static int load_events(ld *c, json_t *arr)
{
    size_t n = json_array_size(arr);
    if (n == 0)
        return LDRT_OK;
    order_key *keys = ldrt__calloc(n, sizeof *keys);
    if (!keys)
        return failf(c, LDRT_ENOMEM, "events", "out of memory");
    for (size_t i = 0; i < n; i++) {
        json_t *d = json_object_get(json_array_get(arr, i), "date");
        keys[i].index = i;
        if (!json_is_string(d) || ldrt_date_parse(json_string_value(d), &keys[i].date))
            keys[i].date = 0;
    }
    qsort(keys, n, sizeof *keys, order_cmp);
    ldrt_event **made = ldrt__calloc(n, sizeof *made);
    if (!made) {
        ldrt__free(keys);
        return failf(c, LDRT_ENOMEM, "events", "out of memory");
    }
    size_t old = push_key(c, "events");
    int rc = LDRT_OK;
    for (size_t k = 0; k < n && !rc; k++) {
        size_t o2 = push_index(c, keys[k].index);
        rc = load_event(c, json_array_get(arr, keys[k].index), &made[keys[k].index]);
        pop(c, o2);
        if (rc)
            rc = problem(c, rc);
    }
    if (!rc)
        rc = check_during(c, made, n);
    pop(c, old);
    ldrt__free(made);
    ldrt__free(keys);
    return rc;
}

/* The vital status and follow-up members of "patient". */
typedef struct {
    ldrt_date death, contact;
    const char *cause;
} vital;

static int get_vital(ld *c, json_t *pat, vital *v)
{
    int rc = get_date(c, pat, "death_date", &v->death, 0);
    if (!rc)
        rc = get_string(c, pat, "death_cause", &v->cause, 0);
    if (!rc)
        rc = get_date(c, pat, "last_contact", &v->contact, 0);
    return rc;
}

static int set_vital(ld *c, const vital *v)
{
    size_t old = push_key(c, "patient");
    int rc = LDRT_OK;
    if (v->contact)
        rc = ldrt_patient_set_last_contact(c->p, v->contact);
    if (!rc && v->death)
        rc = ldrt_patient_set_death_date(c->p, v->death);
    if (!rc && v->cause)
        rc = ldrt_patient_set_death_cause(c->p, v->cause);
    if (rc)
        rc = at_path(c, rc, NULL);
    pop(c, old);
    return rc;
}

static int load_document(ld *c, json_t *root)
{
    if (!json_is_object(root))
        return failf(c, LDRT_EINVAL, NULL, "must be a JSON object");
    int rc = check_limits(c, root, 1);
    if (rc)
        return rc;
    json_t *v = json_object_get(root, "ldrt");
    if (!v)
        rc = failf(c, LDRT_EINVAL, "ldrt", "required (the format version, 1)");
    else if (!json_is_integer(v))
        rc = failf(c, LDRT_EINVAL, "ldrt", "must be an integer (the format version, 1)");
    else if (json_integer_value(v) != LDRT_FORMAT_VERSION)
        rc = failf(c, LDRT_EUNSUPPORTED, "ldrt",
                   "version %" JSON_INTEGER_FORMAT " is not supported (this library reads version %d)",
                   json_integer_value(v), LDRT_FORMAT_VERSION);
    if (rc && (rc = problem(c, rc)))
        return rc;
    json_t *pat, *diags, *lesions, *events;
    const char *id = NULL, *sex = NULL;
    ldrt_date birth = 0;
    vital vs = { 0 };
    rc = get_object(c, root, "patient", &pat, 1);
    if (!rc) {
        size_t old = push_key(c, "patient");
        rc = get_string(c, pat, "id", &id, 1);
        if (!rc)
            rc = get_string(c, pat, "sex", &sex, 0);
        if (!rc)
            rc = get_date(c, pat, "birth_date", &birth, 0);
        if (!rc)
            rc = get_vital(c, pat, &vs);
        pop(c, old);
    }
    if (rc && (rc = problem(c, rc)))
        return rc;
    rc = ldrt_patient_new(id ? id : "unknown", &c->p);
    if (rc == LDRT_OK) {
        c->p->extra_free = ldrt__json_extra_free;
        if (sex)
            rc = ldrt_patient_set_sex(c->p, sex);
        if (!rc)
            rc = ldrt_patient_set_birth_date(c->p, birth);
        if (rc) {
            size_t old = push_key(c, "patient");
            rc = at_path(c, rc, NULL);
            pop(c, old);
        }
        if (!rc && pat) {
            size_t old = push_key(c, "patient");
            rc = take_extras_list(c, pat, patient_keys, &c->p->patient_extra);
            pop(c, old);
        }
    } else {
        rc = at_path(c, rc, NULL);
    }
    if (rc && (rc = problem(c, rc)))
        return rc;
    if (!c->p)
        return LDRT_ENOMEM;
    rc = get_array(c, root, "diagnoses", &diags, LDRT_MAX_ITEMS);
    if (!rc && diags) {
        c->p->diagnoses_present = 1;
        rc = load_list(c, diags, "diagnoses", load_diagnosis);
    }
    if (rc && (rc = problem(c, rc)))
        return rc;
    rc = get_array(c, root, "lesions", &lesions, LDRT_MAX_ITEMS);
    if (!rc && lesions) {
        c->p->lesions_present = 1;
        rc = load_list(c, lesions, "lesions", load_lesion);
    }
    if (rc && (rc = problem(c, rc)))
        return rc;
    rc = get_array(c, root, "events", &events, LDRT_MAX_EVENTS);
    if (!rc && !events)
        rc = failf(c, LDRT_EINVAL, "events", "required (an empty list when there are none)");
    if (!rc)
        rc = load_events(c, events);
    if (rc && (rc = problem(c, rc)))
        return rc;
    /* The vital status last: its dates are checked against every event. */
    rc = set_vital(c, &vs);
    if (rc && (rc = problem(c, rc)))
        return rc;
    return take_extras_list(c, root, top_keys, &c->p->extra);
}

/* ---- entry points ----------------------------------------------------------------------------- */

/* Whether jansson can still allocate (a small object with a member). */
static int probe_allocation(void)
{
    json_t *o = json_object();
    int ok = o && json_object_set_new(o, "probe", json_string("probe")) == 0;
    json_decref(o);
    return ok;
}

static int same_error(const json_error_t *a, const json_error_t *b)
{
    return a->line == b->line && a->column == b->column && a->position == b->position &&
           strcmp(a->text, b->text) == 0;
}

/* Parses with jansson and makes sure that what it built is what the text
 * says. jansson's allocator is the program's (libldrt never replaces it), and
 * jansson 2.14 does not always report its own allocation failures: its lexer
 * drops a character when its buffer cannot grow (the parse then succeeds
 * with changed text, or fails with a syntax error), and some failures are
 * reported without a message. So:
 * - a tree is walked beside the text (ldrt__json_verify()); any difference
 *   means jansson lost data: LDRT_ENOMEM, never a changed record;
 * - an error is confirmed by parsing again: a syntax error is a property of
 *   the text and comes back the same; a different outcome means the first
 *   was an allocation failure (LDRT_ENOMEM), and a lasting one is caught by
 *   a probe allocation. */
static int parse(ld *c, const char *data, size_t size, json_t **root)
{
    if (size > LDRT_JSON_MAX_BYTES)
        return failf(c, LDRT_ERANGE, NULL, "%zu bytes is more than the limit of %u", size,
                     LDRT_JSON_MAX_BYTES);
    int line, column;
    if (ldrt__json_find_nul(data, size, &line, &column))
        return failf(c, LDRT_EPARSE, NULL, "line %d, column %d: NUL byte (not allowed in JSON text)",
                     line, column);
    json_error_t err;
    *root = json_loadb(data, size, JSON_REJECT_DUPLICATES, &err);
    if (*root) {
        int v = ldrt__json_verify(data, size, *root);
        if (v == 0)
            return LDRT_OK;
        json_decref(*root);
        *root = NULL;
        return failf(c, LDRT_ENOMEM, NULL, "out of memory while parsing (a value was read changed)");
    }
    if (err.text[0] == '\0' || json_error_code(&err) == json_error_out_of_memory ||
        !probe_allocation())
        return failf(c, LDRT_ENOMEM, NULL, "out of memory while parsing");
    json_error_t again;
    json_t *second = json_loadb(data, size, JSON_REJECT_DUPLICATES, &again);
    if (second || !same_error(&err, &again)) {
        json_decref(second);
        return failf(c, LDRT_ENOMEM, NULL, "out of memory while parsing");
    }
    switch (json_error_code(&err)) {
    case json_error_stack_overflow:
        return failf(c, LDRT_ERANGE, NULL, "nested deeper than the limit of %d levels",
                     LDRT_JSON_MAX_DEPTH);
    default:
        return failf(c, LDRT_EPARSE, NULL, "line %d, column %d: %s", err.line, err.column, err.text);
    }
}

static int load_buffer(ld *c, const char *data, size_t size)
{
    json_t *root = NULL;
    int rc = parse(c, data, size, &root);
    if (rc)
        return rc;
    rc = load_document(c, root);
    json_decref(root);
    return rc;
}

int ldrt_patient_load_json_buffer(const char *data, size_t size, ldrt_patient **out)
{
    LDRT__CHECK_NOT_NULL(data);
    LDRT__CHECK_NOT_NULL(out);
    ld c = { 0 };
    int rc = load_buffer(&c, data, size);
    if (rc) {
        ldrt_patient_free(c.p);
        return rc;
    }
    *out = c.p;
    return LDRT_OK;
}

/* Reads a whole file (at most the document limit, plus one byte to detect more). */
static int read_file(const char *path, char **data, size_t *size)
{
    if (!*path)
        return ldrt__error(LDRT_EINVAL, "path: must not be empty");
    FILE *f = fopen(path, "rb");
    if (!f)
        return ldrt__error(LDRT_EIO, "%s: cannot open: %s", path, strerror(errno));
    ldrt__buf b = { 0 };
    char chunk[65536];
    size_t n;
    int rc = LDRT_OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > (size_t)LDRT_JSON_MAX_BYTES) {
            rc = ldrt__error(LDRT_ERANGE, "%s: more than the limit of %u bytes", path,
                             LDRT_JSON_MAX_BYTES);
            break;
        }
        if ((rc = ldrt__buf_add(&b, chunk, n)))
            break;
    }
    if (!rc && ferror(f))
        rc = ldrt__error(LDRT_EIO, "%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    if (rc) {
        ldrt__buf_free(&b);
        return rc;
    }
    *data = b.data;
    *size = b.len;
    return LDRT_OK;
}

int ldrt_patient_load_json(const char *path, ldrt_patient **out)
{
    LDRT__CHECK_NOT_NULL(path);
    LDRT__CHECK_NOT_NULL(out);
    char *data = NULL;
    size_t size = 0;
    int rc = read_file(path, &data, &size);
    if (rc)
        return rc;
    rc = ldrt_patient_load_json_buffer(data ? data : "", size, out);
    ldrt__free(data);
    return rc;
}

int ldrt_json_validate_buffer(const char *data, size_t size, char **report, size_t *problems)
{
    LDRT__CHECK_NOT_NULL(data);
    LDRT__CHECK_NOT_NULL(report);
    LDRT__CHECK_NOT_NULL(problems);
    ld c = { .collect = 1 };
    int rc = load_buffer(&c, data, size);
    ldrt_patient_free(c.p);
    if (rc == LDRT_ENOMEM) {
        ldrt__buf_free(&c.report);
        return rc;
    }
    if (rc) {
        /* A problem that stops the check (parse error, limit). */
        c.problems++;
        char msg[600];
        snprintf(msg, sizeof msg, "%s\n", ldrt_last_error());
        if (ldrt__buf_puts(&c.report, msg)) {
            ldrt__buf_free(&c.report);
            return LDRT_ENOMEM;
        }
    }
    if (c.problems > LDRT_JSON_MAX_PROBLEMS &&
        ldrt__buf_printf(&c.report, "document: %zu more problems not listed\n",
                         c.problems - LDRT_JSON_MAX_PROBLEMS)) {
        ldrt__buf_free(&c.report);
        return LDRT_ENOMEM;
    }
    if (!c.report.data && ldrt__buf_add(&c.report, "", 0)) {
        ldrt__buf_free(&c.report);
        return LDRT_ENOMEM;
    }
    *report = c.report.data;
    *problems = c.problems;
    return LDRT_OK;
}

int ldrt_json_validate_file(const char *path, char **report, size_t *problems)
{
    LDRT__CHECK_NOT_NULL(path);
    LDRT__CHECK_NOT_NULL(report);
    LDRT__CHECK_NOT_NULL(problems);
    char *data = NULL;
    size_t size = 0;
    int rc = read_file(path, &data, &size);
    if (rc == LDRT_ERANGE) {
        /* A report line names a JSON path or the document, never the file
         * (the caller prints the file name before each line). */
        char msg[600];
        snprintf(msg, sizeof msg, "document: more than the limit of %u bytes\n",
                 LDRT_JSON_MAX_BYTES);
        char *r = ldrt__strdup(msg);
        if (!r)
            return LDRT_ENOMEM;
        *report = r;
        *problems = 1;
        return LDRT_OK;
    }
    if (rc)
        return rc;
    rc = ldrt_json_validate_buffer(data ? data : "", size, report, problems);
    ldrt__free(data);
    return rc;
}
