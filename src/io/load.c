/*
 * Reading the patient document (format version 1) and checking it.
 * The document is parsed by jansson, checked against the limits, then built
 * through the model's own mutation functions, so that a document and a
 * program building the same record obey the same rules.
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

typedef struct {
    ldrt_patient *p;
    char path[320];
    size_t plen;
    int collect;        /* validation: record problems and go on */
    ldrt__buf report;
    size_t problems;
} ld;

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

/* A failure at the current path: "path.key: message" (key may be NULL). */
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

/* A failure of a model function called for the object at the current path:
 * its message begins with the field name, so the path is joined with a dot. */
static int fail_model(ld *c, int code)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s", ldrt_last_error());
    if (code == LDRT_ENOMEM)
        return ldrt__error(code, "%s: %s", c->plen ? c->path : "document", msg);
    /* A message naming the object itself ("prescription: ...") at the path
     * of that object: do not name it twice. */
    const char *last = strrchr(c->path, '.');
    last = last ? last + 1 : c->path;
    size_t n = strlen(last);
    if (n && strncmp(msg, last, n) == 0 && msg[n] == ':')
        return ldrt__error(code, "%s%s", c->path, msg + n);
    return ldrt__error(code, "%s%s%s", c->path, c->plen ? "." : "", msg);
}

#define MODEL(c, call)                         \
    do {                                       \
        int rc_ = (call);                      \
        if (rc_)                               \
            return fail_model((c), rc_);       \
    } while (0)

/* ---- typed member access ------------------------------------------------------------ */

static int get_string(ld *c, json_t *obj, const char *key, const char **out, int required)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return required ? failf(c, LDRT_EINVAL, key, "required") : LDRT_OK;
    if (!json_is_string(v))
        return failf(c, LDRT_EINVAL, key, "must be a string");
    if (json_string_length(v) == 0)
        return failf(c, LDRT_EINVAL, key, "must not be empty");
    *out = json_string_value(v);
    return LDRT_OK;
}

static int get_date(ld *c, json_t *obj, const char *key, ldrt_date *out, int required)
{
    const char *s;
    int rc = get_string(c, obj, key, &s, required);
    *out = LDRT_DATE_NONE;
    if (rc || !s)
        return rc;
    rc = ldrt_date_parse(s, out);
    if (rc) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", ldrt_last_error());
        return failf(c, rc, key, "%s", msg);
    }
    return LDRT_OK;
}

/* A number; *present is 0 when absent (NAN written). */
static int get_number(ld *c, json_t *obj, const char *key, double *out, int required)
{
    json_t *v = json_object_get(obj, key);
    *out = NAN;
    if (!v)
        return required ? failf(c, LDRT_EINVAL, key, "required") : LDRT_OK;
    if (!json_is_number(v))
        return failf(c, LDRT_EINVAL, key, "must be a number");
    *out = json_number_value(v);
    return LDRT_OK;
}

static int get_int(ld *c, json_t *obj, const char *key, int *out, int required, int lo, int hi)
{
    json_t *v = json_object_get(obj, key);
    *out = 0;
    if (!v)
        return required ? failf(c, LDRT_EINVAL, key, "required") : LDRT_OK;
    if (!json_is_integer(v))
        return failf(c, LDRT_EINVAL, key, "must be an integer");
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return failf(c, LDRT_EINVAL, key, "must be %d to %d (got %" JSON_INTEGER_FORMAT ")", lo, hi, x);
    *out = (int)x;
    return LDRT_OK;
}

static int get_bool(ld *c, json_t *obj, const char *key, int *out)
{
    json_t *v = json_object_get(obj, key);
    *out = -1;
    if (!v)
        return LDRT_OK;
    if (!json_is_boolean(v))
        return failf(c, LDRT_EINVAL, key, "must be true or false");
    *out = json_is_true(v);
    return LDRT_OK;
}

/* An optional array (NULL when absent) of at most max items. */
static int get_array(ld *c, json_t *obj, const char *key, json_t **out, size_t max)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return LDRT_OK;
    if (!json_is_array(v))
        return failf(c, LDRT_EINVAL, key, "must be an array");
    if (json_array_size(v) > max)
        return failf(c, LDRT_ERANGE, key, "has %zu items, more than the limit of %zu",
                     json_array_size(v), max);
    *out = v;
    return LDRT_OK;
}

static int get_object(ld *c, json_t *obj, const char *key, json_t **out, int required)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v)
        return required ? failf(c, LDRT_EINVAL, key, "required") : LDRT_OK;
    if (!json_is_object(v))
        return failf(c, LDRT_EINVAL, key, "must be an object");
    *out = v;
    return LDRT_OK;
}

static int in_list(const char *key, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], key) == 0)
            return 1;
    return 0;
}

/* Collects the members of obj that are not in known into a new object
 * (*out stays NULL when there are none). */
static int take_extras(ld *c, json_t *obj, const char *const *known, ldrt__extra *out)
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

/* Stores extras into a slot of the patient (freeing on failure is the
 * patient's job once stored). */
#define EXTRAS(c, obj, known, slot)                                  \
    do {                                                             \
        ldrt__extra x_ = NULL;                                       \
        int rc_ = take_extras((c), (obj), (known), &x_);             \
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
static const char *const agent_keys[] = { "drug", "dose", "unit", "code", NULL };
static const char *const code_keys[] = { "system", "code", "display", NULL };
static const char *const fraction_keys[] = { "date", "dose_gy", NULL };
static const char *const repeat_keys[] = { "every_days", "count", NULL };
static const char *const rx_keys[] = { "total_gy", "fractions", "schedule", NULL };
static const char *const meas_keys[] = { "lesion", "diameter_mm", "too_small", NULL };
static const char *const sul_keys[] = { "lesion", "value", NULL };
static const char *const new_keys[] = { "id", "site", "diameter_mm", NULL };
static const char *const rr_keys[] = { "criteria", "overall", NULL };

/* Members of events by kind (index = ldrt_event_kind), after the common ones. */
static const char *const event_common[] = { "type", "date", "end", "id", "note", "code", NULL };
static const char *const ev_dx[] = { "site", "detail", "site_code", NULL };
static const char *const ev_surgery[] = { "procedure", "site", "pathology", "lesions", "new_therapy",
                                          "site_code", NULL };
static const char *const ev_systemic[] = { "agents", "regimen", "cycle", "intent", "repeat",
                                           "new_therapy", NULL };
static const char *const ev_rt[] = { "course_id", "targets", "site", "technique", "modality",
                                     "intent", "margin_mm", "fractions", "prescription",
                                     "new_therapy", "site_code", NULL };
static const char *const ev_imaging[] = { "modality", "baseline", "measurements", "sul_peak",
                                          "liver_sul_mean", "blood_pool_sul", "non_target",
                                          "new_lesions",
                                          "recorded_response", NULL };
static const char *const ev_tox[] = { "term", "grade", "attribution", "resolved", NULL };
static const char *const ev_hold[] = { "kind", "drugs", "reason", NULL };
static const char *const ev_none[] = { NULL };
static const char *const *const event_fields[] = {
    ev_none, ev_dx, ev_dx, ev_dx, ev_surgery, ev_systemic, ev_rt, ev_imaging, ev_tox, ev_hold, ev_none,
};

static int load_text_field(ld *c, ldrt_event *e, json_t *obj, int field)
{
    const char *s;
    const char *name = ldrt_event_field_name(field);
    int rc = get_string(c, obj, name, &s, 0);
    if (rc || !s)
        return rc;
    MODEL(c, ldrt_event_set_text(e, field, s));
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

/* Reads obj's "code" (of LDRT_CODE_OF_TERM) or "site_code" and sets it on
 * the item; *slot is where the item keeps it (for the unknown members). */
static int load_code(ld *c, json_t *obj, int of, void *item, code_setter set, ldrt__code **slot)
{
    const char *key = of == LDRT_CODE_OF_SITE ? "site_code" : "code";
    json_t *o;
    int rc = get_object(c, obj, key, &o, 0);
    if (rc || !o)
        return rc;
    const char *sys, *code, *display;
    size_t old = push_key(c, key);
    rc = get_string(c, o, "system", &sys, 1);
    if (!rc)
        rc = get_string(c, o, "code", &code, 1);
    if (!rc)
        rc = get_string(c, o, "display", &display, 0);
    pop(c, old);
    if (rc)
        return rc;
    if ((rc = set(item, of, sys, code, display)))
        return fail_model(c, rc);
    old = push_key(c, key);
    rc = take_extras(c, o, code_keys, &(*slot)->extra);
    pop(c, old);
    return rc;
}

static int set_agent_code(void *item, int of, const char *s, const char *code, const char *d)
{
    ldrt_event *e = item;
    (void)of;
    return ldrt_systemic_set_agent_code(ldrt_event_as_systemic_mut(e), e->n_agents - 1, s, code, d);
}

static int load_agents(ld *c, ldrt_event *e, json_t *arr)
{
    size_t i;
    json_t *a;
    json_array_foreach(arr, i, a) {
        size_t old = push_index(c, i);
        if (!json_is_object(a))
            return failf(c, LDRT_EINVAL, NULL, "must be an object");
        const char *drug, *unit;
        double dose;
        int rc = get_string(c, a, "drug", &drug, 1);
        if (!rc)
            rc = get_number(c, a, "dose", &dose, 0);
        if (!rc)
            rc = get_string(c, a, "unit", &unit, 0);
        if (rc)
            return rc;
        MODEL(c, ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), drug, dose, unit));
        if ((rc = load_code(c, a, LDRT_CODE_OF_TERM, e, set_agent_code,
                            &e->agents[e->n_agents - 1].code)))
            return rc;
        EXTRAS(c, a, agent_keys, e->agents[e->n_agents - 1].extra);
        pop(c, old);
    }
    return LDRT_OK;
}

static int load_lesion_ids(ld *c, ldrt_event *e, json_t *arr, int surgery)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        size_t old = push_index(c, i);
        if (!json_is_string(v))
            return failf(c, LDRT_EINVAL, NULL, "must be a lesion id (a string)");
        int rc = surgery ? ldrt_event_add_removed_lesion(e, json_string_value(v))
                         : ldrt_course_add_target(ldrt_event_as_course_mut(e), json_string_value(v));
        if (rc) {
            /* The model names the list; the path already does. */
            const char *m = strstr(ldrt_last_error(), ": ");
            char msg[400];
            snprintf(msg, sizeof msg, "%s", m ? m + 2 : ldrt_last_error());
            return failf(c, rc, NULL, "%s", msg);
        }
        pop(c, old);
    }
    return LDRT_OK;
}

static int load_fractions(ld *c, ldrt_event *e, json_t *arr)
{
    size_t i;
    json_t *f;
    json_array_foreach(arr, i, f) {
        size_t old = push_index(c, i);
        if (!json_is_object(f))
            return failf(c, LDRT_EINVAL, NULL, "must be an object");
        ldrt_date d;
        double dose;
        int rc = get_date(c, f, "date", &d, 1);
        if (!rc)
            rc = get_number(c, f, "dose_gy", &dose, 1);
        if (rc)
            return rc;
        ldrt_fraction *fr;
        MODEL(c, ldrt_course_add_fraction(ldrt_event_as_course_mut(e), d, dose, &fr));
        EXTRAS(c, f, fraction_keys, fr->extra);
        pop(c, old);
    }
    return LDRT_OK;
}

static int load_repeat(ld *c, ldrt_event *e, json_t *r)
{
    int every, count;
    int rc = get_int(c, r, "every_days", &every, 1, 1, LDRT_MAX_REPEAT_EVERY_DAYS);
    if (!rc)
        rc = get_int(c, r, "count", &count, 1, 1, LDRT_MAX_REPEAT_COUNT);
    if (rc)
        return rc;
    MODEL(c, ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(e), every, count));
    EXTRAS(c, r, repeat_keys, e->repeat_extra);
    return LDRT_OK;
}

static int load_prescription(ld *c, ldrt_event *e, json_t *r)
{
    double total;
    int n;
    ldrt_schedule sched;
    const char *s;
    int rc = get_number(c, r, "total_gy", &total, 1);
    if (!rc)
        rc = get_int(c, r, "fractions", &n, 1, 1, LDRT_MAX_FRACTIONS);
    if (!rc)
        rc = get_string(c, r, "schedule", &s, 1);
    if (rc)
        return rc;
    if (ldrt_schedule_parse(s, &sched))
        return failf(c, LDRT_EINVAL, "schedule", "\"%.40s\" is not daily, weekdays or alternate-days", s);
    MODEL(c, ldrt_course_set_prescription(ldrt_event_as_course_mut(e), total, n, sched));
    EXTRAS(c, r, rx_keys, e->rx_extra);
    return LDRT_OK;
}

static int load_measurements(ld *c, ldrt_event *e, json_t *arr)
{
    size_t i;
    json_t *m;
    json_array_foreach(arr, i, m) {
        size_t old = push_index(c, i);
        if (!json_is_object(m))
            return failf(c, LDRT_EINVAL, NULL, "must be an object");
        const char *lesion;
        double d = NAN;
        int too_small;
        int rc = get_string(c, m, "lesion", &lesion, 1);
        json_t *dv = json_object_get(m, "diameter_mm");
        if (!rc && dv && !json_is_null(dv))
            rc = get_number(c, m, "diameter_mm", &d, 0);
        if (!rc)
            rc = get_bool(c, m, "too_small", &too_small);
        if (rc)
            return rc;
        MODEL(c, ldrt_scan_add_measurement(ldrt_event_as_scan_mut(e), lesion, d, too_small == 1 ? LDRT_MEASUREMENT_TOO_SMALL : 0));
        ldrt__measurement *x = &e->meas[e->n_meas - 1];
        x->too_small = too_small;
        x->diameter_null = dv && json_is_null(dv);
        EXTRAS(c, m, meas_keys, x->extra);
        pop(c, old);
    }
    return LDRT_OK;
}

static int load_sul(ld *c, ldrt_event *e, json_t *arr)
{
    size_t i;
    json_t *m;
    json_array_foreach(arr, i, m) {
        size_t old = push_index(c, i);
        if (!json_is_object(m))
            return failf(c, LDRT_EINVAL, NULL, "must be an object");
        const char *lesion;
        double v;
        int rc = get_string(c, m, "lesion", &lesion, 1);
        if (!rc)
            rc = get_number(c, m, "value", &v, 1);
        if (rc)
            return rc;
        MODEL(c, ldrt_scan_add_sul_peak(ldrt_event_as_scan_mut(e), lesion, v));
        EXTRAS(c, m, sul_keys, e->sul[e->n_sul - 1].extra);
        pop(c, old);
    }
    return LDRT_OK;
}

static int load_non_target(ld *c, ldrt_event *e, json_t *obj)
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
        int rc = ldrt_scan_set_non_target(ldrt_event_as_scan_mut(e), key, state);
        if (rc)
            return failf(c, rc, NULL, "%s", ldrt_last_error());
        pop(c, old);
    }
    return LDRT_OK;
}

static int load_new_lesions(ld *c, ldrt_event *e, json_t *arr)
{
    size_t i;
    json_t *m;
    json_array_foreach(arr, i, m) {
        size_t old = push_index(c, i);
        if (!json_is_object(m))
            return failf(c, LDRT_EINVAL, NULL, "must be an object");
        const char *id, *site;
        double d;
        int rc = get_string(c, m, "id", &id, 1);
        if (!rc)
            rc = get_string(c, m, "site", &site, 0);
        if (!rc)
            rc = get_number(c, m, "diameter_mm", &d, 0);
        if (rc)
            return rc;
        MODEL(c, ldrt_scan_add_new_lesion(ldrt_event_as_scan_mut(e), id, site, d));
        EXTRAS(c, m, new_keys, e->newl[e->n_new - 1].extra);
        pop(c, old);
    }
    MODEL(c, ldrt_scan_set_new_lesions_reported(ldrt_event_as_scan_mut(e), 1));
    return LDRT_OK;
}

/* Runs a loader for the member key (an array or an object) with the path pushed. */
#define MEMBER(c, key, call)                         \
    do {                                             \
        size_t old_ = push_key((c), (key));          \
        int rc_ = (call);                            \
        pop((c), old_);                              \
        if (rc_)                                     \
            return rc_;                              \
    } while (0)

static int load_event_fields(ld *c, ldrt_event *e, json_t *obj, int kind)
{
    const char *const *fields = event_fields[kind];
    /* Members of other kinds are mistakes, not unknown members. */
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (in_list(key, event_common) || in_list(key, fields))
            continue;
        for (int k = 1; k <= LDRT_EVENT_NOTE; k++)
            if (in_list(key, event_fields[k]))
                return failf(c, LDRT_EINVAL, key, "not a field of %s events",
                             ldrt_event_kind_name(kind));
    }
    ldrt_date end;
    int rc = get_date(c, obj, "end", &end, 0);
    if (rc)
        return rc;
    if (end)
        MODEL(c, ldrt_event_set_end(e, end));
    for (int f = LDRT_FIELD_ID; f < LDRT__FIELD_COUNT; f++)
        if (ldrt__field_allowed(kind, f) && (rc = load_text_field(c, e, obj, f)))
            return rc;
    for (int of = LDRT_CODE_OF_TERM; of <= LDRT_CODE_OF_SITE; of++)
        if ((rc = load_code(c, obj, of, e, set_event_code, &e->codes[of])))
            return rc;
    json_t *arr, *o;
    if (kind == LDRT_EVENT_SURGERY || kind == LDRT_EVENT_SYSTEMIC || kind == LDRT_EVENT_RADIOTHERAPY) {
        int flag;
        if ((rc = get_bool(c, obj, "new_therapy", &flag)))
            return rc;
        if (flag >= 0) {
            MODEL(c, ldrt_event_set_new_therapy(e, flag));
            e->new_therapy = flag ? 1 : -1;
        }
    }
    switch (kind) {
    case LDRT_EVENT_SURGERY:
        if ((rc = get_array(c, obj, "lesions", &arr, LDRT_MAX_ITEMS)))
            return rc;
        if (arr)
            MEMBER(c, "lesions", load_lesion_ids(c, e, arr, 1));
        break;
    case LDRT_EVENT_SYSTEMIC: {
        int cycle;
        if ((rc = get_array(c, obj, "agents", &arr, LDRT_MAX_ITEMS)))
            return rc;
        if (arr)
            MEMBER(c, "agents", load_agents(c, e, arr));
        if ((rc = get_int(c, obj, "cycle", &cycle, 0, 1, 100000)))
            return rc;
        if (cycle)
            MODEL(c, ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(e), cycle));
        if ((rc = get_object(c, obj, "repeat", &o, 0)))
            return rc;
        if (o)
            MEMBER(c, "repeat", load_repeat(c, e, o));
        break;
    }
    case LDRT_EVENT_RADIOTHERAPY: {
        double margin;
        if ((rc = get_array(c, obj, "targets", &arr, LDRT_MAX_ITEMS)))
            return rc;
        if (arr)
            MEMBER(c, "targets", load_lesion_ids(c, e, arr, 0));
        if ((rc = get_number(c, obj, "margin_mm", &margin, 0)))
            return rc;
        if (!isnan(margin))
            MODEL(c, ldrt_course_set_margin_mm(ldrt_event_as_course_mut(e), margin));
        if ((rc = get_array(c, obj, "fractions", &arr, LDRT_MAX_FRACTIONS)) ||
            (rc = get_object(c, obj, "prescription", &o, 0)))
            return rc;
        if (arr && o)
            return failf(c, LDRT_EINVAL, "prescription",
                         "a course has either listed fractions or a prescription, not both");
        if (arr)
            MEMBER(c, "fractions", load_fractions(c, e, arr));
        if (o)
            MEMBER(c, "prescription", load_prescription(c, e, o));
        break;
    }
    case LDRT_EVENT_IMAGING: {
        int baseline;
        double liver;
        if ((rc = get_bool(c, obj, "baseline", &baseline)))
            return rc;
        if (baseline >= 0)
            MODEL(c, ldrt_scan_set_baseline(ldrt_event_as_scan_mut(e), baseline));
        if ((rc = get_array(c, obj, "measurements", &arr, LDRT_MAX_ITEMS)))
            return rc;
        if (arr)
            MEMBER(c, "measurements", load_measurements(c, e, arr));
        if ((rc = get_array(c, obj, "sul_peak", &arr, LDRT_MAX_ITEMS)))
            return rc;
        if (arr)
            MEMBER(c, "sul_peak", load_sul(c, e, arr));
        if ((rc = get_number(c, obj, "liver_sul_mean", &liver, 0)))
            return rc;
        if (!isnan(liver))
            MODEL(c, ldrt_scan_set_liver_sul_mean(ldrt_event_as_scan_mut(e), liver));
        if ((rc = get_number(c, obj, "blood_pool_sul", &liver, 0)))
            return rc;
        if (!isnan(liver))
            MODEL(c, ldrt_scan_set_blood_pool_sul(ldrt_event_as_scan_mut(e), liver));
        if ((rc = get_object(c, obj, "non_target", &o, 0)))
            return rc;
        if (o)
            MEMBER(c, "non_target", load_non_target(c, e, o));
        if ((rc = get_array(c, obj, "new_lesions", &arr, LDRT_MAX_ITEMS)))
            return rc;
        if (arr)
            MEMBER(c, "new_lesions", load_new_lesions(c, e, arr));
        if ((rc = get_object(c, obj, "recorded_response", &o, 0)))
            return rc;
        if (o) {
            const char *crit, *overall;
            size_t old = push_key(c, "recorded_response");
            rc = get_string(c, o, "criteria", &crit, 1);
            if (!rc)
                rc = get_string(c, o, "overall", &overall, 1);
            if (!rc && (rc = ldrt_scan_set_recorded_response(ldrt_event_as_scan_mut(e), crit, overall)))
                rc = fail_model(c, rc);
            if (!rc)
                rc = take_extras(c, o, rr_keys, &e->rr_extra);
            pop(c, old);
            if (rc)
                return rc;
        }
        break;
    }
    case LDRT_EVENT_TOXICITY: {
        int grade;
        ldrt_date resolved;
        if ((rc = get_int(c, obj, "grade", &grade, 0, 1, 5)))
            return rc;
        if (grade)
            MODEL(c, ldrt_event_set_grade(e, grade));
        if ((rc = get_date(c, obj, "resolved", &resolved, 0)))
            return rc;
        if (resolved)
            MODEL(c, ldrt_event_set_resolved(e, resolved));
        break;
    }
    case LDRT_EVENT_HOLD: {
        const char *k;
        ldrt_hold_kind hk;
        if ((rc = get_string(c, obj, "kind", &k, 0)))
            return rc;
        if (k) {
            if (ldrt_hold_kind_parse(k, &hk))
                return failf(c, LDRT_EINVAL, "kind", "\"%.40s\" is not holiday or discontinued", k);
            MODEL(c, ldrt_event_set_hold_kind(e, hk));
        }
        if ((rc = get_array(c, obj, "drugs", &arr, LDRT_MAX_ITEMS)))
            return rc;
        size_t i;
        json_t *d;
        if (arr)
            json_array_foreach(arr, i, d) {
                size_t old = push_key(c, "drugs");
                push_index(c, i);
                if (!json_is_string(d))
                    return failf(c, LDRT_EINVAL, NULL, "must be a drug name (a string)");
                if ((rc = ldrt_event_add_drug(e, json_string_value(d)))) {
                    const char *m = strstr(ldrt_last_error(), ": ");
                    char msg[400];
                    snprintf(msg, sizeof msg, "%s", m ? m + 2 : ldrt_last_error());
                    return failf(c, rc, NULL, "%s", msg);
                }
                pop(c, old);
            }
        break;
    }
    default:
        break;
    }
    static const char *const *const lists[] = { event_common, ev_dx, ev_surgery, ev_systemic, ev_rt,
                                                ev_imaging, ev_tox, ev_hold };
    /* Unknown members: those of no kind at all. */
    json_t *extra = NULL;
    json_object_foreach(obj, key, v) {
        int known = 0;
        for (size_t k = 0; k < sizeof lists / sizeof lists[0] && !known; k++)
            known = in_list(key, lists[k]);
        if (known)
            continue;
        if (!extra && !(extra = json_object()))
            return failf(c, LDRT_ENOMEM, NULL, "out of memory");
        if (json_object_set(extra, key, v)) {
            json_decref(extra);
            return failf(c, LDRT_ENOMEM, NULL, "out of memory");
        }
    }
    e->extra = extra;
    return LDRT_OK;
}

static int load_event(ld *c, json_t *obj)
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
    rc = load_event_fields(c, e, obj, kind);
    if (rc)
        (void)ldrt_patient_remove_event(c->p, e);
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
        rc = fail_model(c, rc);
        (void)ldrt_patient_remove_lesion(c->p, l);
        return rc;
    }
    l->nodal = nodal;
    l->category = category;
    ldrt__extra x = NULL;
    if ((rc = load_code(c, obj, LDRT_CODE_OF_SITE, l, set_lesion_code, &l->codes[LDRT_CODE_OF_SITE])) ||
        (rc = take_extras(c, obj, lesion_keys, &x))) {
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
        rc = fail_model(c, rc);
    const char *key;
    json_t *v;
    if (!rc && markers) {
        d->markers_present = 1;
        json_object_foreach(markers, key, v) {
            size_t old = push_key(c, "markers");
            push_key(c, key);
            if (!json_is_string(v))
                rc = failf(c, LDRT_EINVAL, NULL, "must be a string");
            else if ((rc = ldrt_diagnosis_set_marker(d, key, json_string_value(v)))) {
                const char *m = strstr(ldrt_last_error(), ": ");
                char msg[400];
                snprintf(msg, sizeof msg, "%s", m ? m + 2 : ldrt_last_error());
                rc = failf(c, rc, NULL, "%s", msg);
            }
            pop(c, old);
            if (rc)
                break;
        }
    }
    for (int of = LDRT_CODE_OF_TERM; !rc && of <= LDRT_CODE_OF_SITE; of++)
        rc = load_code(c, obj, of, d, set_diagnosis_code, &d->codes[of]);
    if (!rc)
        rc = take_extras(c, obj, diagnosis_keys, &d->extra);
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
    size_t old = push_key(c, "events");
    int rc = LDRT_OK;
    for (size_t k = 0; k < n && !rc; k++) {
        size_t o2 = push_index(c, keys[k].index);
        rc = load_event(c, json_array_get(arr, keys[k].index));
        pop(c, o2);
        if (rc)
            rc = problem(c, rc);
    }
    pop(c, old);
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
        rc = fail_model(c, rc);
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
            rc = fail_model(c, rc);
            pop(c, old);
        }
        if (!rc && pat) {
            size_t old = push_key(c, "patient");
            rc = take_extras(c, pat, patient_keys, &c->p->patient_extra);
            pop(c, old);
        }
    } else {
        rc = fail_model(c, rc);
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
    return take_extras(c, root, top_keys, &c->p->extra);
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
