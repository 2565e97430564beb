/*
 * FHIR R4 import: a Bundle of one patient back into a patient document,
 * which the document loader then checks and builds (so an imported record
 * obeys every rule a loaded one does). What cannot be mapped is kept whole
 * in the document's member "fhir_unmapped" and named in a warning.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhir_internal.h"

typedef struct {
    json_t *res;      /* the resource (borrowed from the bundle) */
    const char *full; /* its fullUrl, or NULL */
    int used;         /* mapped (or part of a mapped resource) */
} item;

typedef struct {
    int oom;
    json_t *root;
    item *items;
    size_t n;
    json_t *doc;
    json_t *diagnoses; /* object: "index" -> diagnosis (own), or array order */
    json_t *lesions;
    json_t *events;     /* object: key -> event; key "k" for own, "f<n>" for others */
    json_t *order;      /* array of event keys in order of appearance */
    json_t *lesion_ids; /* resource key -> lesion id */
    json_t *unmapped;   /* array of resources */
    json_t *names;      /* event key -> "Type/id" of its first resource */
    ldrt__buf warn;
    size_t foreign;
} ix;

/* ---- reading FHIR JSON ----------------------------------------------------------------- */

static const char *S(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

static json_t *ext_get(json_t *res, const char *url)
{
    json_t *a = json_object_get(res, "extension");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *e = json_array_get(a, i);
        const char *u = S(e, "url");
        if (u && !strcmp(u, url))
            return e;
    }
    return NULL;
}

static const char *ext_s(json_t *res, const char *url)
{
    json_t *e = ext_get(res, url);
    const char *s = S(e, "valueString");
    return s ? s : S(e, "valueCode") ? S(e, "valueCode") : S(e, "valueDateTime");
}

static int has_profile(json_t *res, const char *name)
{
    json_t *p = json_object_get(json_object_get(res, "meta"), "profile");
    size_t n = strlen(name);
    for (size_t i = 0; i < json_array_size(p); i++) {
        const char *u = json_string_value(json_array_get(p, i));
        size_t m = u ? strlen(u) : 0;
        if (m >= n && !strcmp(u + m - n, name) && (m == n || u[m - n - 1] == '/'))
            return 1;
    }
    return 0;
}

static int has_code(json_t *cc, const char *system, const char *code)
{
    json_t *a = json_object_get(cc, "coding");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *c = json_array_get(a, i);
        const char *s = S(c, "system"), *k = S(c, "code");
        if (k && !strcmp(k, code) && (!system || (s && !strcmp(s, system))))
            return 1;
    }
    return 0;
}

/* The code of the first coding of cc in system (NULL: none). */
static const char *code_in(json_t *cc, const char *system)
{
    json_t *a = json_object_get(cc, "coding");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *c = json_array_get(a, i);
        const char *s = S(c, "system");
        if (s && !strcmp(s, system))
            return S(c, "code");
    }
    return NULL;
}

/* The words of a CodeableConcept: its text, else a coding's display, else a code. */
static const char *cc_words(json_t *cc)
{
    if (S(cc, "text"))
        return S(cc, "text");
    json_t *a = json_object_get(cc, "coding");
    for (size_t i = 0; i < json_array_size(a); i++)
        if (S(json_array_get(a, i), "display"))
            return S(json_array_get(a, i), "display");
    for (size_t i = 0; i < json_array_size(a); i++)
        if (S(json_array_get(a, i), "code"))
            return S(json_array_get(a, i), "code");
    return NULL;
}

static const char *first_cc_words(json_t *arr)
{
    return cc_words(json_is_array(arr) ? json_array_get(arr, 0) : arr);
}

/* A FHIR date or dateTime as a libldrt date (the date part), or NULL. */
static const char *date_of(const char *s, char out[LDRT_DATE_BUFSIZE])
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    size_t k = n >= 10 && s[4] == '-' && s[7] == '-' ? 10 : n >= 7 && s[4] == '-' ? 7 : 4;
    if (n < 4 || (n > k && s[k] != 'T'))
        return NULL;
    char tmp[16];
    memcpy(tmp, s, k);
    tmp[k] = '\0';
    ldrt_date d;
    if (ldrt_date_parse(tmp, &d) != LDRT_OK || ldrt_date_format(d, out, LDRT_DATE_BUFSIZE))
        return NULL;
    return out;
}

/* ---- building the document ---------------------------------------------------------------- */

/* json_object_set_new() and json_array_append_new() release the value
 * themselves when they fail. */
static void set(ix *x, json_t *o, const char *key, json_t *v)
{
    if (!o || !v) {
        json_decref(v);
        x->oom = 1;
    } else if (json_object_set_new(o, key, v)) {
        x->oom = 1;
    }
}

static void set_s(ix *x, json_t *o, const char *key, const char *s)
{
    if (s && *s)
        set(x, o, key, json_string(s));
}

static void set_num(ix *x, json_t *o, const char *key, double v)
{
    if (isfinite(v))
        set(x, o, key, v == floor(v) && fabs(v) < 1e15 ? json_integer((json_int_t)v) : json_real(v));
}

static void set_date(ix *x, json_t *o, const char *key, const char *fhir)
{
    char d[LDRT_DATE_BUFSIZE];
    set_s(x, o, key, date_of(fhir, d));
}

static void append(ix *x, json_t *a, json_t *v)
{
    if (!a || !v) {
        json_decref(v);
        x->oom = 1;
    } else if (json_array_append_new(a, v)) {
        x->oom = 1;
    }
}

static json_t *obj(ix *x)
{
    json_t *o = json_object();
    if (!o)
        x->oom = 1;
    return o;
}

static void warnf(ix *x, const char *fmt, ...) LDRT__PRINTF(2, 3);
static void warnf(ix *x, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (ldrt__buf_puts(&x->warn, line) || ldrt__buf_puts(&x->warn, "\n"))
        x->oom = 1;
}

/* "Type/id" of a resource, for messages (cut to fit). */
static void name_of(json_t *res, char out[160])
{
    const char *t = S(res, "resourceType"), *id = S(res, "id");
    snprintf(out, 160, "%.60s/%.90s", t ? t : "(no resourceType)", id ? id : "(no id)");
}

/* The resource a Reference points to: by fullUrl, or by "Type/id". */
static json_t *resolve(ix *x, json_t *reference)
{
    const char *r = S(reference, "reference");
    if (!r)
        return NULL;
    for (size_t i = 0; i < x->n; i++)
        if (x->items[i].full && !strcmp(x->items[i].full, r))
            return x->items[i].res;
    const char *slash = strchr(r, '/');
    for (size_t i = 0; slash && i < x->n; i++) {
        const char *t = S(x->items[i].res, "resourceType"), *id = S(x->items[i].res, "id");
        size_t tl = t ? strlen(t) : 0;
        if (t && id && tl == (size_t)(slash - r) && !strncmp(r, t, tl) && !strcmp(slash + 1, id))
            return x->items[i].res;
        /* an absolute URL ending in Type/id */
        size_t rl = strlen(r);
        char tail[200];
        int n = snprintf(tail, sizeof tail, "/%s/%s", t ? t : "", id ? id : "");
        if (t && id && n > 0 && (size_t)n < sizeof tail && rl > (size_t)n &&
            !strcmp(r + rl - (size_t)n, tail))
            return x->items[i].res;
    }
    return NULL;
}

static item *item_of(ix *x, json_t *res)
{
    for (size_t i = 0; i < x->n; i++)
        if (x->items[i].res == res)
            return &x->items[i];
    return NULL;
}

static void use(ix *x, json_t *res)
{
    item *it = item_of(x, res);
    if (it)
        it->used = 1;
}

/* The source pointer of a libldrt resource, or NULL. */
static const char *src(json_t *res)
{
    return S(ext_get(res, LX "source"), "valueString");
}

/* "/events/12/agents/0": kind "events", index 12, rest "/agents/0". */
static int parse_ptr(const char *p, const char *kind, long *index, const char **rest)
{
    size_t n = strlen(kind);
    if (!p || p[0] != '/' || strncmp(p + 1, kind, n) || p[1 + n] != '/')
        return 0;
    char *end;
    errno = 0;
    long i = strtol(p + 2 + n, &end, 10);
    if (errno || i < 0 || end == p + 2 + n || (*end && *end != '/'))
        return 0;
    *index = i;
    *rest = end;
    return 1;
}

/* The lesion id of a Tumor reference (NULL: not a lesion of this bundle). */
static const char *lesion_of(ix *x, json_t *reference)
{
    json_t *res = resolve(x, reference);
    if (!res)
        return NULL;
    char key[32];
    snprintf(key, sizeof key, "%p", (void *)res);
    return json_string_value(json_object_get(x->lesion_ids, key));
}

static const char *focus_lesion(ix *x, json_t *res)
{
    json_t *f = json_object_get(res, "focus");
    for (size_t i = 0; i < json_array_size(f); i++) {
        const char *id = lesion_of(x, json_array_get(f, i));
        if (id)
            return id;
    }
    return NULL;
}

/* The event of key (created with its type when new). */
static json_t *event(ix *x, const char *key, const char *type, json_t *res)
{
    json_t *e = json_object_get(x->events, key);
    if (e)
        return e;
    e = obj(x);
    set_s(x, e, "type", type);
    if (!e) {
        x->oom = 1;
        return NULL;
    }
    if (json_object_set_new(x->events, key, e)) { /* e was released */
        x->oom = 1;
        return NULL;
    }
    append(x, x->order, json_string(key));
    char name[160];
    name_of(res, name);
    set_s(x, x->names, key, name);
    return e;
}

/* The key of a resource's event: "k" for libldrt's own (the pointer
 * /events/k), a fresh "f<n>" for others. */
static void event_key(ix *x, json_t *res, char key[32], const char **rest)
{
    long k;
    *rest = "";
    if (parse_ptr(src(res), "events", &k, rest))
        snprintf(key, 32, "%ld", k);
    else
        snprintf(key, 32, "f%zu", x->foreign++);
}

/* The array o[key], made when missing; NULL when it could not be made.
 * What was put is looked up again, never the pointer handed to set(): a
 * failed set releases its value. */
static json_t *list(ix *x, json_t *o, const char *key)
{
    json_t *a = json_object_get(o, key);
    if (!json_is_array(a)) {
        set(x, o, key, json_array());
        a = json_object_get(o, key);
    }
    return json_is_array(a) ? a : NULL;
}

/* The object o[key], made when missing; NULL when it could not be made. */
static json_t *member(ix *x, json_t *o, const char *key)
{
    json_t *m = json_object_get(o, key);
    if (!json_is_object(m)) {
        set(x, o, key, obj(x));
        m = json_object_get(o, key);
    }
    return json_is_object(m) ? m : NULL;
}

/* A new object appended to the array a; NULL when it could not be. */
static json_t *append_obj(ix *x, json_t *a)
{
    size_t n = json_array_size(a);
    append(x, a, obj(x));
    return json_array_size(a) > n ? json_array_get(a, n) : NULL;
}

/* Element j of the array at o[key], created (as {}) up to j. */
static json_t *nth(ix *x, json_t *o, const char *key, size_t j)
{
    json_t *a = list(x, o, key);
    while (a && json_array_size(a) <= j && !x->oom)
        append(x, a, obj(x));
    return json_array_get(a, j);
}

static size_t index_in(const char *rest, const char *kind)
{
    long i;
    const char *r;
    return parse_ptr(rest, kind, &i, &r) ? (size_t)i : 0;
}

/* Another system's resource is kept whole in the member fhir_source of
 * what it was mapped to: its elements that have no place in the record
 * (names, addresses, codes, performers...) are never dropped. */
static void keep(ix *x, json_t *o, json_t *res)
{
    if (!src(res))
        append(x, list(x, o, "fhir_source"), json_incref(res));
}

static void common(ix *x, json_t *ev, json_t *res)
{
    keep(x, ev, res);
    set_s(x, ev, "id", ext_s(res, LX "event-id"));
    json_t *n = json_object_get(res, "note");
    if (!json_object_get(ev, "note"))
        set_s(x, ev, "note", S(json_array_get(n, 0), "text"));
    if (!json_object_get(ev, "note"))
        set_s(x, ev, "note", ext_s(res, LX "note"));
}

static void when(ix *x, json_t *ev, json_t *res, const char *prefix)
{
    char k[40];
    snprintf(k, sizeof k, "%sDateTime", prefix);
    const char *d = S(res, k);
    snprintf(k, sizeof k, "%sPeriod", prefix);
    json_t *p = json_object_get(res, k);
    if (d) {
        set_date(x, ev, "date", d);
    } else if (p) {
        set_date(x, ev, "date", S(p, "start"));
        set_date(x, ev, "end", S(p, "end"));
    }
}

/* The code of a CodeableConcept as the record's o[key] ({system, code,
 * display}): its first coding in a code system the record accepts, of that
 * system's shape (ldrt_code_check()). Codings of other systems (libldrt's
 * own, or a local one) are not a code of the record; another system's
 * resource keeps them in fhir_source. */
static void set_code(ix *x, json_t *o, const char *key, json_t *cc)
{
    json_t *a = json_object_get(json_is_array(cc) ? json_array_get(cc, 0) : cc, "coding");
    for (size_t i = 0; o && i < json_array_size(a); i++) {
        json_t *c = json_array_get(a, i);
        const char *sys = S(c, "system"), *code = S(c, "code");
        ldrt_code_system which;
        if (!sys || !code || ldrt_code_system_parse(sys, &which) != LDRT_OK ||
            ldrt_code_check(sys, code) != LDRT_OK)
            continue;
        json_t *v = obj(x);
        set_s(x, v, "system", sys);
        set_s(x, v, "code", code);
        set_s(x, v, "display", S(c, "display"));
        set(x, o, key, v);
        break;
    }
    ldrt_clear_error();
}

/* ---- resource by resource ------------------------------------------------------------------ */

static void map_patient(ix *x, json_t *res)
{
    json_t *p = obj(x);
    const char *id = NULL;
    json_t *ids = json_object_get(res, "identifier");
    for (size_t i = 0; i < json_array_size(ids); i++) {
        json_t *d = json_array_get(ids, i);
        const char *sys = S(d, "system");
        if (sys && !strcmp(sys, LID "patient"))
            id = S(d, "value");
    }
    if (!id)
        id = S(json_array_get(ids, 0), "value");
    if (!id)
        id = S(res, "id");
    set_s(x, p, "id", id ? id : "fhir-patient");
    const char *sex = ext_s(res, LX "sex");
    json_t *g = json_object_get(res, "_gender");
    if (!sex && !ext_get(g, FHIR_DAR))
        sex = S(res, "gender");
    set_s(x, p, "sex", sex);
    set_date(x, p, "birth_date", S(res, "birthDate"));
    set_date(x, p, "death_date", S(res, "deceasedDateTime"));
    if (json_object_get(p, "death_date"))
        set_s(x, p, "death_cause", ext_s(res, LX "death-cause"));
    set_date(x, p, "last_contact", S(ext_get(res, LX "last-contact"), "valueDate"));
    keep(x, p, res);
    set(x, x->doc, "patient", p);
    use(x, res);
}

static void map_condition(ix *x, json_t *res)
{
    json_t *d = obj(x);
    const char *asserted = S(ext_get(res, FHIR_ASSERTED), "valueDateTime");
    set_date(x, d, "date", asserted ? asserted : S(res, "onsetDateTime") ? S(res, "onsetDateTime")
                                                                          : S(res, "recordedDate"));
    set_s(x, d, "condition", cc_words(json_object_get(res, "code")));
    set_s(x, d, "site", first_cc_words(json_object_get(res, "bodySite")));
    set_code(x, d, "code", json_object_get(res, "code"));
    set_code(x, d, "site_code", json_object_get(res, "bodySite"));
    set_s(x, d, "stage", cc_words(json_object_get(json_array_get(json_object_get(res, "stage"), 0), "summary")));
    /* Markers: libldrt's tumor-marker observations that focus on it. */
    for (size_t i = 0; i < x->n; i++) {
        json_t *o = x->items[i].res;
        const char *t = S(o, "resourceType");
        if (!t || strcmp(t, "Observation") || !has_code(json_object_get(o, "code"), LCS "observation", "tumor-marker"))
            continue;
        json_t *f = json_object_get(o, "focus");
        if (resolve(x, json_array_get(f, 0)) != res)
            continue;
        const char *name = S(json_object_get(o, "code"), "text");
        if (!name)
            continue;
        json_t *m = member(x, d, "markers");
        set_s(x, m, name, S(o, "valueString") ? S(o, "valueString")
                                               : cc_words(json_object_get(o, "valueCodeableConcept")));
        x->items[i].used = 1;
    }
    keep(x, d, res);
    long k;
    const char *rest;
    char key[32];
    if (parse_ptr(src(res), "diagnoses", &k, &rest))
        snprintf(key, sizeof key, "%010ld", k);
    else
        snprintf(key, sizeof key, "f%010zu", x->foreign++);
    set(x, x->diagnoses, key, d);
    use(x, res);
}

static void map_tumor(ix *x, json_t *res)
{
    json_t *l = obj(x);
    const char *id = NULL;
    json_t *ids = json_object_get(res, "identifier");
    for (size_t i = 0; i < json_array_size(ids); i++) {
        json_t *d = json_array_get(ids, i);
        const char *sys = S(d, "system");
        if (sys && !strcmp(sys, LID "lesion"))
            id = S(d, "value");
    }
    if (!id)
        id = S(json_array_get(ids, 0), "value");
    if (!id)
        id = S(res, "id");
    if (!id) {
        json_decref(l);
        return;
    }
    /* A second lesion of the same id stays unmapped. */
    const char *k2;
    json_t *v;
    json_object_foreach(x->lesion_ids, k2, v) {
        if (!strcmp(json_string_value(v), id)) {
            json_decref(l);
            return;
        }
    }
    set_s(x, l, "id", id);
    set_s(x, l, "site", cc_words(json_object_get(res, "location")));
    set_code(x, l, "site_code", json_object_get(res, "location"));
    set_s(x, l, "organ", ext_s(res, LX "lesion-organ"));
    json_t *nodal = json_object_get(ext_get(res, LX "lesion-nodal"), "valueBoolean");
    if (json_is_boolean(nodal))
        set(x, l, "nodal", json_boolean(json_is_true(nodal)));
    set_s(x, l, "category", ext_s(res, LX "lesion-category"));
    keep(x, l, res);
    long k;
    const char *rest;
    char key[32], rkey[32];
    if (parse_ptr(src(res), "lesions", &k, &rest))
        snprintf(key, sizeof key, "%010ld", k);
    else
        snprintf(key, sizeof key, "f%010zu", x->foreign++);
    set(x, x->lesions, key, l);
    snprintf(rkey, sizeof rkey, "%p", (void *)res);
    set_s(x, x->lesion_ids, rkey, id);
    use(x, res);
}

static const char *imaging_modality(json_t *res, const char **out)
{
    const char *m = ext_s(res, LX "imaging-modality");
    if (m)
        return *out = m;
    json_t *mods = json_object_get(res, "modality");
    int ct = 0, pt = 0, mr = 0;
    for (size_t i = 0; i < json_array_size(mods); i++) {
        const char *c = S(json_array_get(mods, i), "code");
        ct |= c && !strcmp(c, "CT");
        pt |= c && !strcmp(c, "PT");
        mr |= c && !strcmp(c, "MR");
    }
    *out = pt && ct ? "PET/CT" : pt ? "PET" : ct ? "CT" : mr ? "MRI" : NULL;
    return *out;
}

static void map_imaging(ix *x, json_t *res)
{
    char key[32];
    const char *rest, *mod;
    event_key(x, res, key, &rest);
    json_t *ev = event(x, key, "imaging", res);
    set_date(x, ev, "date", S(res, "started"));
    set_s(x, ev, "modality", imaging_modality(res, &mod));
    set_code(x, ev, "code", json_object_get(res, "procedureCode"));
    json_t *b = json_object_get(ext_get(res, LX "baseline"), "valueBoolean");
    if (json_is_boolean(b))
        set(x, ev, "baseline", json_boolean(json_is_true(b)));
    json_t *v = json_object_get(ext_get(res, LX "liver-sul-mean"), "valueDecimal");
    if (json_is_number(v))
        set_num(x, ev, "liver_sul_mean", json_number_value(v));
    v = json_object_get(ext_get(res, LX "blood-pool-sul"), "valueDecimal");
    if (json_is_number(v))
        set_num(x, ev, "blood_pool_sul", json_number_value(v));
    if (json_is_true(json_object_get(ext_get(res, LX "new-lesions-none"), "valueBoolean")))
        list(x, ev, "new_lesions");
    common(x, ev, res);
    use(x, res);
}

/* The imaging event a scan observation belongs to: its ImagingStudy's,
 * else (another system's) the scan of the same date, made when missing. */
static json_t *scan_of(ix *x, json_t *res, const char *method_modality)
{
    const char *rest;
    long k;
    char key[32];
    if (parse_ptr(src(res), "events", &k, &rest)) {
        snprintf(key, sizeof key, "%ld", k);
        return event(x, key, "imaging", res);
    }
    json_t *df = json_object_get(res, "derivedFrom");
    for (size_t i = 0; i < json_array_size(df); i++) {
        json_t *st = resolve(x, json_array_get(df, i));
        if (st && S(st, "resourceType") && !strcmp(S(st, "resourceType"), "ImagingStudy")) {
            snprintf(key, sizeof key, "s%p", (void *)st);
            json_t *ev = json_object_get(x->events, key);
            if (ev)
                return ev;
        }
    }
    char d[LDRT_DATE_BUFSIZE];
    const char *date = date_of(S(res, "effectiveDateTime"), d);
    if (!date)
        return NULL;
    snprintf(key, sizeof key, "d%s", date);
    json_t *ev = json_object_get(x->events, key);
    if (!ev) {
        ev = event(x, key, "imaging", res);
        set_s(x, ev, "date", date);
        set_s(x, ev, "modality", method_modality);
    }
    return ev;
}

static double mm_of(json_t *q, int *ok)
{
    json_t *v = json_object_get(q, "value");
    const char *u = S(q, "code") ? S(q, "code") : S(q, "unit");
    *ok = json_is_number(v) && (!u || !strcmp(u, "mm") || !strcmp(u, "cm"));
    if (!*ok)
        return 0;
    return json_number_value(v) * (u && !strcmp(u, "cm") ? 10.0 : 1.0);
}

static int map_tumor_size(ix *x, json_t *res)
{
    const char *lesion = focus_lesion(x, res);
    if (!lesion)
        return 0; /* a specimen's size, or a tumor not in the bundle */
    json_t *method = json_object_get(res, "method");
    const char *mm = has_code(method, FHIR_SCT, "77477000") ? "CT"
                     : has_code(method, FHIR_SCT, "113091000") ? "MRI"
                     : has_code(method, FHIR_SCT, "82918005") ? "PET/CT" : NULL;
    json_t *ev = scan_of(x, res, mm);
    if (!ev)
        return 0;
    const char *rest = "";
    long k;
    json_t *m;
    if (parse_ptr(src(res), "events", &k, &rest) && !strncmp(rest, "/measurements/", 14))
        m = nth(x, ev, "measurements", index_in(rest, "measurements"));
    else
        m = append_obj(x, list(x, ev, "measurements"));
    set_s(x, m, "lesion", lesion);
    json_t *comps = json_object_get(res, "component");
    double longest = NAN, other = NAN;
    int ok;
    for (size_t i = 0; i < json_array_size(comps); i++) {
        json_t *c = json_array_get(comps, i), *code = json_object_get(c, "code");
        double v = mm_of(json_object_get(c, "valueQuantity"), &ok);
        if (!ok)
            continue;
        if (has_code(code, FHIR_LOINC, "33728-7"))
            longest = v;
        else if (has_code(code, LCS "observation", "short-axis") || has_code(code, FHIR_LOINC, "33729-5"))
            other = isnan(other) ? v : other;
    }
    /* A node's short axis (libldrt's coding) when there is no longest dimension. */
    double d = !isnan(longest) ? longest : other;
    set_num(x, m, "diameter_mm", d);
    json_t *ts = json_object_get(ext_get(res, LX "too-small"), "valueBoolean");
    if (json_is_boolean(ts))
        set(x, m, "too_small", json_boolean(json_is_true(ts)));
    keep(x, ev, res);
    use(x, res);
    return 1;
}

static int map_scan_obs(ix *x, json_t *res, const char *what)
{
    json_t *ev = scan_of(x, res, NULL);
    if (!ev)
        return 0;
    const char *rest = "";
    long k;
    int own = parse_ptr(src(res), "events", &k, &rest);
    if (!strcmp(what, "sul-peak")) {
        const char *lesion = focus_lesion(x, res);
        int ok = json_is_number(json_object_get(json_object_get(res, "valueQuantity"), "value"));
        if (!lesion || !ok)
            return 0;
        json_t *s = own ? nth(x, ev, "sul_peak", index_in(rest, "sul_peak"))
                        : append_obj(x, list(x, ev, "sul_peak"));
        set_s(x, s, "lesion", lesion);
        set_num(x, s, "value", json_number_value(json_object_get(json_object_get(res, "valueQuantity"), "value")));
    } else if (!strcmp(what, "non-target-state")) {
        const char *lesion = ext_s(res, LX "lesion-id");
        if (!lesion)
            lesion = focus_lesion(x, res);
        const char *state = code_in(json_object_get(res, "valueCodeableConcept"), LCS "lesion-state");
        if (!lesion || !state)
            return 0;
        set_s(x, member(x, ev, "non_target"), lesion, state);
    } else if (!strcmp(what, "new-lesion")) {
        json_t *n = own ? nth(x, ev, "new_lesions", index_in(rest, "new_lesions"))
                        : append_obj(x, list(x, ev, "new_lesions"));
        const char *id = ext_s(res, LX "lesion-id");
        set_s(x, n, "id", id ? id : focus_lesion(x, res));
        set_s(x, n, "site", cc_words(json_object_get(res, "bodySite")));
        int ok;
        double d = mm_of(json_object_get(res, "valueQuantity"), &ok);
        if (ok)
            set_num(x, n, "diameter_mm", d);
    } else {
        return 0;
    }
    keep(x, ev, res);
    use(x, res);
    return 1;
}

/* CancerDiseaseStatus: a recorded response (a libldrt response coding)
 * goes to its scan; one libldrt computed is derived data (the import
 * computes it again) and is only marked used. */
static int map_status(ix *x, json_t *res)
{
    const char *how = ext_s(res, LX "response-assessment");
    if (how && !strcmp(how, "computed")) {
        use(x, res);
        return 1;
    }
    json_t *a = json_object_get(json_object_get(res, "valueCodeableConcept"), "coding");
    const char *criteria = NULL, *label = NULL;
    size_t base = strlen(LCS "response-");
    for (size_t i = 0; i < json_array_size(a); i++) {
        const char *s = S(json_array_get(a, i), "system");
        if (s && !strncmp(s, LCS "response-", base)) {
            criteria = s + base;
            label = S(json_array_get(a, i), "code");
        }
    }
    if (!criteria || !label)
        return 0;
    json_t *ev = scan_of(x, res, NULL);
    if (!ev)
        return 0;
    json_t *rr = obj(x);
    set_s(x, rr, "criteria", criteria);
    set_s(x, rr, "overall", label);
    set(x, ev, "recorded_response", rr);
    keep(x, ev, res);
    use(x, res);
    return 1;
}

static int map_text_event(ix *x, json_t *res, const char *type)
{
    char key[32];
    const char *rest;
    event_key(x, res, key, &rest);
    json_t *ev = event(x, key, type, res);
    when(x, ev, res, "effective");
    if (strcmp(type, "note") != 0) {
        set_s(x, ev, "site", cc_words(json_object_get(res, "bodySite")));
        set_code(x, ev, "site_code", json_object_get(res, "bodySite"));
        set_s(x, ev, "detail", S(res, "valueString"));
    }
    common(x, ev, res);
    use(x, res);
    return 1;
}

static int map_observation(ix *x, json_t *res)
{
    json_t *code = json_object_get(res, "code");
    if (has_code(code, FHIR_LOINC, "21889-1"))
        return map_tumor_size(x, res);
    if (has_code(code, FHIR_LOINC, "97509-4"))
        return map_status(x, res);
    const char *lc = code_in(code, LCS "observation");
    if (lc && !strcmp(lc, "tumor-marker"))
        return item_of(x, res) && item_of(x, res)->used;
    if (lc)
        return map_scan_obs(x, res, lc);
    const char *et = code_in(code, LCS "event-type");
    if (et && (!strcmp(et, "diagnosis") || !strcmp(et, "recurrence") || !strcmp(et, "progression") ||
               !strcmp(et, "note")))
        return map_text_event(x, res, et);
    return 0;
}

/* mCODE modality and technique codes back to libldrt's words. */
static const char *rt_word(const char *code)
{
    static const struct {
        const char *code, *word;
    } t[] = { { "1156506007", "photon" }, { "45643008", "electron" }, { "10611004", "proton" },
              { "80347004", "neutron" }, { "1156505006", "carbon" }, { "441799006", "IMRT" },
              { "1156530009", "VMAT" }, { "1162782007", "3D-CRT" }, { "1156526006", "2D" } };
    for (size_t i = 0; code && i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(code, t[i].code))
            return t[i].word;
    return NULL;
}

static double gy_of(json_t *q, int *ok)
{
    json_t *v = json_object_get(q, "value");
    const char *u = S(q, "code") ? S(q, "code") : S(q, "unit");
    *ok = json_is_number(v) && u && (!strcmp(u, "Gy") || !strcmp(u, "cGy"));
    return *ok ? json_number_value(v) / (strcmp(u, "cGy") ? 1.0 : 100.0) : 0;
}

/* The course id: libldrt's identifier, else (another system's) the first
 * identifier or the resource id. */
static const char *course_id_of(json_t *res, int own)
{
    json_t *ids = json_object_get(res, "identifier");
    const char *cid = NULL;
    for (size_t i = 0; i < json_array_size(ids); i++) {
        const char *sys = S(json_array_get(ids, i), "system");
        if (sys && !strcmp(sys, LID "course"))
            cid = S(json_array_get(ids, i), "value");
    }
    if (!cid && !own)
        cid = S(json_array_get(ids, 0), "value") ? S(json_array_get(ids, 0), "value") : S(res, "id");
    return cid;
}

/* The lesions a libldrt extension names, as ids in ev[key]. */
static void lesion_refs(ix *x, json_t *ev, json_t *res, const char *url, const char *key)
{
    json_t *exts = json_object_get(res, "extension");
    for (size_t i = 0; i < json_array_size(exts); i++) {
        json_t *e = json_array_get(exts, i);
        const char *u = S(e, "url");
        if (u && !strcmp(u, url)) {
            const char *id = lesion_of(x, json_object_get(e, "valueReference"));
            if (id)
                append(x, list(x, ev, key), json_string(id));
        }
    }
}

/* Modality, technique and intent: libldrt's words, else mCODE's codes. */
static void course_modality(ix *x, json_t *ev, json_t *res, int own)
{
    const char *tech = ext_s(res, LX "technique"), *mod = ext_s(res, LX "modality");
    json_t *mt = ext_get(res, FHIR_MCODE "mcode-radiotherapy-modality-and-technique");
    size_t n_mt = 0;
    for (size_t i = 0; i < json_array_size(json_object_get(res, "extension")); i++) {
        const char *u = S(json_array_get(json_object_get(res, "extension"), i), "url");
        n_mt += u && !strcmp(u, FHIR_MCODE "mcode-radiotherapy-modality-and-technique");
    }
    if (!own && n_mt > 1) {
        char name[160];
        name_of(res, name);
        warnf(x, "%s: %zu modality and technique entries; the record keeps the first as the "
                 "course's modality and technique (all are in the event's member fhir_source)",
              name, n_mt);
    }
    if (!own && mt) {
        json_t *sub = json_object_get(mt, "extension");
        for (size_t i = 0; i < json_array_size(sub); i++) {
            json_t *s = json_array_get(sub, i);
            const char *u = S(s, "url"), *c = code_in(json_object_get(s, "valueCodeableConcept"), FHIR_SCT);
            if (u && strstr(u, "mcode-radiotherapy-modality") && !mod)
                mod = rt_word(c);
            if (u && strstr(u, "mcode-radiotherapy-technique") && !tech)
                tech = rt_word(c);
        }
    }
    set_s(x, ev, "technique", tech);
    set_s(x, ev, "modality", mod);
    const char *intent = ext_s(res, LX "intent");
    if (!intent && !own) {
        json_t *pi = ext_get(res, FHIR_MCODE "mcode-procedure-intent");
        const char *c = code_in(json_object_get(pi, "valueCodeableConcept"), FHIR_SCT);
        intent = !c ? NULL : !strcmp(c, "373808002") ? "curative" : !strcmp(c, "363676003") ? "palliative"
                 : !strcmp(c, "399707004") ? "supportive" : NULL;
    }
    set_s(x, ev, "intent", intent);
}

/* libldrt's fractions and prescription (its extensions). */
static void course_plan(ix *x, json_t *ev, json_t *res)
{
    int ok;
    json_t *exts = json_object_get(res, "extension");
    for (size_t i = 0; i < json_array_size(exts); i++) {
        json_t *e = json_array_get(exts, i);
        const char *u = S(e, "url");
        if (!u || strcmp(u, LX "fraction"))
            continue;
        json_t *f = obj(x), *sub = json_object_get(e, "extension");
        for (size_t j = 0; j < json_array_size(sub); j++) {
            json_t *s = json_array_get(sub, j);
            const char *su = S(s, "url");
            if (su && !strcmp(su, "date"))
                set_date(x, f, "date", S(s, "valueDateTime"));
            else if (su && !strcmp(su, "dose")) {
                double g = gy_of(json_object_get(s, "valueQuantity"), &ok);
                if (ok)
                    set_num(x, f, "dose_gy", g);
            }
        }
        append(x, list(x, ev, "fractions"), f);
    }
    json_t *rx = ext_get(res, LX "prescription");
    if (!rx)
        return;
    json_t *r = obj(x), *sub = json_object_get(rx, "extension");
    for (size_t j = 0; j < json_array_size(sub); j++) {
        json_t *s = json_array_get(sub, j);
        const char *su = S(s, "url");
        if (su && !strcmp(su, "total")) {
            double g = gy_of(json_object_get(s, "valueQuantity"), &ok);
            if (ok)
                set_num(x, r, "total_gy", g);
        } else if (su && !strcmp(su, "fractions") && json_is_integer(json_object_get(s, "valuePositiveInt"))) {
            set_num(x, r, "fractions", (double)json_integer_value(json_object_get(s, "valuePositiveInt")));
        } else if (su && !strcmp(su, "schedule")) {
            set_s(x, r, "schedule", S(s, "valueCode"));
        }
    }
    set(x, ev, "prescription", r);
}

/* One mCODE dose delivered to a volume, as {volume, total_gy, fractions}. */
static json_t *dose_delivered(ix *x, json_t *e)
{
    int ok;
    json_t *v = obj(x), *sub = json_object_get(e, "extension");
    for (size_t j = 0; j < json_array_size(sub); j++) {
        json_t *s = json_array_get(sub, j);
        const char *su = S(s, "url");
        if (su && !strcmp(su, "volume")) {
            json_t *vol = resolve(x, json_object_get(s, "valueReference"));
            const char *desc = vol ? S(vol, "description") : NULL;
            set_s(x, v, "volume", desc ? desc : S(json_object_get(s, "valueReference"), "display"));
            if (vol)
                use(x, vol);
        } else if (su && !strcmp(su, "totalDoseDelivered")) {
            double g = gy_of(json_object_get(s, "valueQuantity"), &ok);
            if (ok)
                set_num(x, v, "total_gy", g);
        } else if (su && !strcmp(su, "fractionsDelivered") &&
                   json_is_integer(json_object_get(s, "valueUnsignedInt"))) {
            set_num(x, v, "fractions", (double)json_integer_value(json_object_get(s, "valueUnsignedInt")));
        }
    }
    return v;
}

/* Another system's course: the dose delivered to each volume has no
 * fraction dates or schedule, which a libldrt course needs; it is kept
 * as a member of the event and named in a warning. */
static void course_foreign_dose(ix *x, json_t *ev, json_t *res)
{
    int kept = 0;
    json_t *exts = json_object_get(res, "extension");
    for (size_t i = 0; i < json_array_size(exts); i++) {
        json_t *e = json_array_get(exts, i);
        const char *u = S(e, "url");
        if (!u || !strstr(u, "mcode-radiotherapy-dose-delivered-to-volume"))
            continue;
        append(x, list(x, ev, "fhir_dose_delivered"), dose_delivered(x, e));
        kept = 1;
    }
    if (kept) {
        char name[160];
        name_of(res, name);
        warnf(x, "%s: the dose delivered to each volume is kept in the event's member "
                 "fhir_dose_delivered: a libldrt course needs its fractions' dates or a "
                 "prescription with a schedule, which the resource does not give", name);
    }
}

static void map_course(ix *x, json_t *res)
{
    char key[32];
    const char *rest;
    event_key(x, res, key, &rest);
    json_t *ev = event(x, key, "radiotherapy", res);
    int own = key[0] != 'f';
    set_s(x, ev, "course_id", course_id_of(res, own));
    json_t *pp = json_object_get(res, "performedPeriod");
    if (pp) {
        set_date(x, ev, "date", S(pp, "start"));
        set_date(x, ev, "end", S(pp, "end"));
    } else {
        set_date(x, ev, "date", S(res, "performedDateTime"));
    }
    lesion_refs(x, ev, res, LX "target-lesion", "targets");
    set_s(x, ev, "site", first_cc_words(json_object_get(res, "bodySite")));
    set_code(x, ev, "site_code", json_object_get(res, "bodySite"));
    course_modality(x, ev, res, own);
    json_t *margin = json_object_get(json_object_get(ext_get(res, LX "margin"), "valueQuantity"), "value");
    if (json_is_number(margin))
        set_num(x, ev, "margin_mm", json_number_value(margin));
    course_plan(x, ev, res);
    if (!own)
        course_foreign_dose(x, ev, res);
    common(x, ev, res);
    use(x, res);
    /* libldrt's own volume of the course is part of it. */
    json_t *dv = ext_get(res, FHIR_MCODE "mcode-radiotherapy-dose-delivered-to-volume");
    json_t *sub = json_object_get(dv, "extension");
    for (size_t j = 0; own && j < json_array_size(sub); j++) {
        json_t *s = json_array_get(sub, j);
        if (S(s, "url") && !strcmp(S(s, "url"), "volume")) {
            json_t *vol = resolve(x, json_object_get(s, "valueReference"));
            if (vol)
                use(x, vol);
        }
    }
}

static void map_surgery(ix *x, json_t *res)
{
    char key[32];
    const char *rest;
    event_key(x, res, key, &rest);
    json_t *ev = event(x, key, "surgery", res);
    when(x, ev, res, "performed");
    set_s(x, ev, "procedure", cc_words(json_object_get(res, "code")));
    set_code(x, ev, "code", json_object_get(res, "code"));
    set_s(x, ev, "site", first_cc_words(json_object_get(res, "bodySite")));
    set_code(x, ev, "site_code", json_object_get(res, "bodySite"));
    set_s(x, ev, "pathology", ext_s(res, LX "pathology"));
    lesion_refs(x, ev, res, LX "removed-lesion", "lesions");
    common(x, ev, res);
    use(x, res);
}

static void agent_of(ix *x, json_t *ag, json_t *res, json_t *dose)
{
    json_t *med = json_object_get(res, "medicationCodeableConcept");
    set_s(x, ag, "drug", cc_words(med));
    set_code(x, ag, "code", med);
    json_t *v = json_object_get(dose, "value");
    if (json_is_number(v)) {
        set_num(x, ag, "dose", json_number_value(v));
        set_s(x, ag, "unit", S(dose, "code") ? S(dose, "code") : S(dose, "unit"));
    }
}

static void systemic_fields(ix *x, json_t *ev, json_t *res, json_t *timing)
{
    set_s(x, ev, "regimen", ext_s(res, LX "regimen"));
    set_s(x, ev, "intent", ext_s(res, LX "intent"));
    json_t *c = json_object_get(ext_get(res, LX "cycle"), "valueInteger");
    if (json_is_integer(c) && !json_object_get(ev, "cycle"))
        set_num(x, ev, "cycle", (double)json_integer_value(c));
    json_t *rp = json_object_get(timing, "repeat");
    json_t *count = json_object_get(rp, "count"), *period = json_object_get(rp, "period");
    const char *unit = S(rp, "periodUnit");
    if (json_is_integer(count) && json_is_number(period) && unit &&
        (!strcmp(unit, "d") || !strcmp(unit, "wk")) && !json_object_get(ev, "repeat")) {
        json_t *r = obj(x);
        set_num(x, r, "every_days", json_number_value(period) * (strcmp(unit, "wk") ? 1 : 7));
        set_num(x, r, "count", (double)json_integer_value(count));
        set(x, ev, "repeat", r);
    }
}

/* The agent object of a libldrt resource (its pointer's agent index), or a new one. */
static json_t *agent_slot(ix *x, json_t *ev, const char *rest, int own, int *fresh)
{
    long j;
    const char *r2;
    *fresh = 1;
    if (own && parse_ptr(rest, "agents", &j, &r2)) {
        json_t *a = list(x, ev, "agents");
        *fresh = json_array_size(a) <= (size_t)j;
        return nth(x, ev, "agents", (size_t)j);
    }
    if (own)
        return NULL; /* an event without agents */
    return append_obj(x, list(x, ev, "agents"));
}

static void map_statement(ix *x, json_t *res)
{
    const char *status = S(res, "status");
    const char *kind = ext_s(res, LX "hold-kind");
    char key[32];
    const char *rest;
    event_key(x, res, key, &rest);
    int own = key[0] != 'f';
    int hold = kind || (status && (!strcmp(status, "on-hold") || !strcmp(status, "stopped")));
    json_t *med = json_object_get(res, "medicationCodeableConcept");
    if (hold) {
        json_t *ev = event(x, key, "hold", res);
        set_s(x, ev, "kind", kind ? kind : own ? NULL : !strcmp(status, "stopped") ? "discontinued" : "holiday");
        long j;
        const char *r2;
        if (cc_words(med) && (!own || parse_ptr(rest, "drugs", &j, &r2)))
            append(x, list(x, ev, "drugs"), json_string(cc_words(med)));
        set_s(x, ev, "reason", first_cc_words(json_object_get(res, "statusReason")));
        when(x, ev, res, "effective");
        common(x, ev, res);
        use(x, res);
        return;
    }
    json_t *ev = event(x, key, "systemic", res);
    if (!json_object_get(ev, "date"))
        when(x, ev, res, "effective");
    json_t *dg = json_array_get(json_object_get(res, "dosage"), 0);
    int fresh;
    json_t *ag = agent_slot(x, ev, rest, own, &fresh);
    if (ag && fresh | !own)
        agent_of(x, ag, res, json_object_get(json_array_get(json_object_get(dg, "doseAndRate"), 0), "doseQuantity"));
    else if (ag && !json_object_get(ag, "drug"))
        agent_of(x, ag, res, json_object_get(json_array_get(json_object_get(dg, "doseAndRate"), 0), "doseQuantity"));
    systemic_fields(x, ev, res, json_object_get(dg, "timing"));
    common(x, ev, res);
    use(x, res);
}

static void map_administration(ix *x, json_t *res)
{
    char key[32];
    const char *rest;
    event_key(x, res, key, &rest);
    int own = key[0] != 'f';
    json_t *ev = event(x, key, "systemic", res);
    json_t *nth_ext = json_object_get(ext_get(res, LX "administration"), "valueInteger");
    int first = !json_is_integer(nth_ext) || json_integer_value(nth_ext) == 1;
    if (first) {
        if (!json_object_get(ev, "date"))
            when(x, ev, res, "effective");
        int fresh;
        json_t *ag = agent_slot(x, ev, rest, own, &fresh);
        if (ag && !json_object_get(ag, "drug"))
            agent_of(x, ag, res, json_object_get(json_object_get(res, "dosage"), "dose"));
        json_t *req = resolve(x, json_object_get(res, "request"));
        json_t *timing = NULL;
        if (req && own) {
            timing = json_object_get(json_array_get(json_object_get(req, "dosageInstruction"), 0), "timing");
            use(x, req);
        }
        systemic_fields(x, ev, res, timing);
        common(x, ev, res);
    }
    use(x, res);
}

static void map_adverse_event(ix *x, json_t *res)
{
    char key[32];
    const char *rest;
    event_key(x, res, key, &rest);
    json_t *ev = event(x, key, "toxicity", res);
    set_date(x, ev, "date", S(res, "date") ? S(res, "date") : S(res, "detected"));
    set_s(x, ev, "term", cc_words(json_object_get(res, "event")));
    set_code(x, ev, "code", json_object_get(res, "event"));
    json_t *g = ext_get(res, FHIR_AE_GRADE);
    if (!g)
        g = ext_get(res, "http://hl7.org/fhir/uv/ae-research-ig/StructureDefinition/ae-grade");
    json_t *gc = json_object_get(g, "valueCodeableConcept");
    static const char *const codes[] = { "C41338", "C41339", "C41340", "C41337", "C48275" };
    for (int i = 0; i < 5; i++)
        if (has_code(gc, FHIR_NCIT, codes[i]) || has_code(gc, "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl", codes[i]))
            set_num(x, ev, "grade", i + 1);
    /* "Grade N" as written (a grade out of 1-5 is refused by the record,
     * naming this resource); a grade that says no number is named in a warning. */
    if (!json_object_get(ev, "grade") && S(gc, "text") && !strncmp(S(gc, "text"), "Grade ", 6) &&
        strtol(S(gc, "text") + 6, NULL, 10) != 0)
        set_num(x, ev, "grade", (double)strtol(S(gc, "text") + 6, NULL, 10));
    else if (!json_object_get(ev, "grade") && g) {
        char name[160];
        name_of(res, name);
        warnf(x, "%s: a grade the record cannot read; kept in the event's member fhir_source", name);
        append(x, list(x, ev, "fhir_source"), json_incref(res));
    }
    set_s(x, ev, "attribution", ext_s(res, LX "attribution"));
    set_date(x, ev, "resolved", ext_s(res, LX "resolved"));
    set_date(x, ev, "end", ext_s(res, LX "end"));
    common(x, ev, res);
    use(x, res);
}

/* ---- the whole bundle -------------------------------------------------------------------- */

static int dispatch(ix *x, json_t *res)
{
    const char *t = S(res, "resourceType");
    if (!t)
        return 0;
    int own = src(res) != NULL;
    if (!strcmp(t, "ImagingStudy")) {
        map_imaging(x, res);
        /* Scan observations of another system find it by derivedFrom. */
        if (!own) {
            char key[32];
            snprintf(key, sizeof key, "s%p", (void *)res);
            json_t *last = json_array_get(x->order, json_array_size(x->order) - 1);
            json_t *ev = json_object_get(x->events, json_string_value(last));
            if (ev)
                set(x, x->events, key, json_incref(ev));
        }
        return 1;
    }
    if (!strcmp(t, "Observation"))
        return map_observation(x, res);
    if (!strcmp(t, "Procedure")) {
        json_t *code = json_object_get(res, "code");
        if (has_code(code, FHIR_SCT, "1217123003") || has_profile(res, "mcode-radiotherapy-course-summary")) {
            map_course(x, res);
            return 1;
        }
        if (has_profile(res, "mcode-cancer-related-surgical-procedure")) {
            map_surgery(x, res);
            return 1;
        }
        return 0;
    }
    if (!strcmp(t, "MedicationStatement")) {
        map_statement(x, res);
        return 1;
    }
    if (!strcmp(t, "MedicationAdministration")) {
        map_administration(x, res);
        return 1;
    }
    if (!strcmp(t, "MedicationRequest"))
        return item_of(x, res) && item_of(x, res)->used; /* libldrt's: taken by its administrations */
    if (!strcmp(t, "AdverseEvent")) {
        map_adverse_event(x, res);
        return 1;
    }
    if (!strcmp(t, "BodyStructure"))
        return item_of(x, res) && item_of(x, res)->used;
    return 0;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The values of obj in the order of its keys (own "%010ld" keys before others'). */
static json_t *sorted_values(ix *x, json_t *o)
{
    size_t n = json_object_size(o);
    const char **keys = ldrt__calloc(n ? n : 1, sizeof *keys);
    json_t *a = json_array();
    if (!keys || !a) {
        ldrt__free(keys);
        json_decref(a);
        x->oom = 1;
        return NULL;
    }
    size_t i = 0;
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
        keys[i++] = k;
    qsort(keys, n, sizeof *keys, key_cmp);
    for (i = 0; i < n; i++)
        append(x, a, json_incref(json_object_get(o, keys[i])));
    ldrt__free(keys);
    return a;
}

/* Own events in the order of their pointers, then others' in bundle order. */
static json_t *ordered_events(ix *x)
{
    size_t n = json_array_size(x->order);
    json_t *a = json_array();
    long *own = ldrt__calloc(n ? n : 1, sizeof *own);
    if (!a || !own) {
        json_decref(a);
        ldrt__free(own);
        x->oom = 1;
        return NULL;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const char *k = json_string_value(json_array_get(x->order, i));
        if (k[0] >= '0' && k[0] <= '9')
            own[m++] = strtol(k, NULL, 10);
    }
    for (size_t i = 1; i < m; i++)
        for (size_t j = i; j > 0 && own[j - 1] > own[j]; j--) {
            long t = own[j];
            own[j] = own[j - 1];
            own[j - 1] = t;
        }
    json_t *names = json_array();
    for (size_t i = 0; i < m; i++) {
        char k[32];
        snprintf(k, sizeof k, "%ld", own[i]);
        append(x, a, json_incref(json_object_get(x->events, k)));
        append(x, names, json_incref(json_object_get(x->names, k)));
    }
    for (size_t i = 0; i < n; i++) {
        const char *k = json_string_value(json_array_get(x->order, i));
        if (!(k[0] >= '0' && k[0] <= '9')) {
            append(x, a, json_incref(json_object_get(x->events, k)));
            append(x, names, json_incref(json_object_get(x->names, k)));
        }
    }
    ldrt__free(own);
    set(x, x->names, "", names);
    return a;
}

/* Whether a failed parse of text (error err) was memory running out:
 * jansson does not always say so (see the document loader), so the error
 * stands only when a second parse fails the same way. */
static int parse_lost_to_memory(const char *text, const json_error_t *err)
{
    if (!err->text[0] || json_error_code(err) == json_error_out_of_memory)
        return 1;
    json_error_t again;
    json_t *second = json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &again);
    int lost = second || again.line != err->line || again.column != err->column ||
               strcmp(again.text, err->text) != 0;
    json_decref(second);
    return lost;
}

/* The members libldrt kept in its extensions (document-member). */
static void apply_members(ix *x)
{
    for (size_t i = 0; i < x->n; i++) {
        json_t *res = x->items[i].res;
        if (!src(res))
            continue;
        json_t *exts = json_object_get(res, "extension");
        for (size_t j = 0; j < json_array_size(exts); j++) {
            json_t *e = json_array_get(exts, j);
            const char *u = S(e, "url");
            if (!u || strcmp(u, LX "document-member"))
                continue;
            const char *ptr = NULL, *text = NULL;
            json_t *sub = json_object_get(e, "extension");
            for (size_t k = 0; k < json_array_size(sub); k++) {
                json_t *s = json_array_get(sub, k);
                const char *su = S(s, "url");
                if (su && !strcmp(su, "pointer"))
                    ptr = json_string_value(json_object_get(s, "valueString"));
                else if (su && !strcmp(su, "json"))
                    text = S(s, "valueString");
            }
            char name[160];
            name_of(res, name);
            json_error_t jerr;
            json_t *v = text ? json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr) : NULL;
            if (text && !v && parse_lost_to_memory(text, &jerr)) {
                x->oom = 1;
                continue;
            }
            /* jansson can lose part of a string to a failed allocation
             * and still succeed: the tree is checked against the text. */
            if (v && ldrt__json_verify(text, strlen(text), v) != 0) {
                json_decref(v);
                x->oom = 1;
                continue;
            }
            int placed = -1;
            if (ptr && *ptr && v)
                placed = ldrt__json_pointer_set(x->doc, ptr, v); /* takes v */
            else
                json_decref(v);
            if (placed == -2) {
                x->oom = 1;
                continue;
            }
            if (placed != 0) {
                warnf(x, "%s: a document member (%.100s) could not be placed; it is left out",
                      name, ptr ? ptr : "no pointer");
            }
        }
    }
}

static int read_bundle(ix *x, json_t *root)
{
    const char *t = S(root, "resourceType");
    if (!json_is_object(root) || !t || strcmp(t, "Bundle"))
        return ldrt__error(LDRT_EINVAL, "FHIR bundle: not a Bundle (resourceType is %s)",
                           t ? t : "missing");
    json_t *entries = json_object_get(root, "entry");
    if (entries && !json_is_array(entries))
        return ldrt__error(LDRT_EINVAL, "FHIR bundle: entry: must be an array");
    x->n = json_array_size(entries);
    x->items = ldrt__calloc(x->n ? x->n : 1, sizeof *x->items);
    if (!x->items)
        return ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory");
    json_t *patient = NULL;
    for (size_t i = 0; i < x->n; i++) {
        json_t *e = json_array_get(entries, i), *r = json_object_get(e, "resource");
        if (!json_is_object(r) || !S(r, "resourceType"))
            return ldrt__error(LDRT_EINVAL, "FHIR bundle: entry[%zu]: no resource with a resourceType", i);
        x->items[i].res = r;
        x->items[i].full = S(e, "fullUrl");
        if (!strcmp(S(r, "resourceType"), "Patient")) {
            if (patient)
                return ldrt__error(LDRT_EINVAL, "FHIR bundle: more than one Patient (entry[%zu])", i);
            patient = r;
        }
    }
    if (!patient)
        return ldrt__error(LDRT_EINVAL, "FHIR bundle: no Patient");
    set(x, x->doc, "ldrt", json_integer(LDRT_FORMAT_VERSION));
    map_patient(x, patient);
    /* Lesions and diagnoses first: events refer to them. */
    for (size_t i = 0; i < x->n; i++) {
        json_t *r = x->items[i].res;
        const char *type = S(r, "resourceType");
        if (!strcmp(type, "BodyStructure") && (has_profile(r, "mcode-tumor") || parse_ptr(src(r), "lesions", &(long){0}, &(const char *){NULL})))
            map_tumor(x, r);
    }
    for (size_t i = 0; i < x->n; i++) {
        json_t *r = x->items[i].res;
        const char *type = S(r, "resourceType");
        if (!strcmp(type, "Condition") &&
            (has_profile(r, "mcode-primary-cancer-condition") || has_profile(r, "mcode-secondary-cancer-condition") ||
             parse_ptr(src(r), "diagnoses", &(long){0}, &(const char *){NULL})))
            map_condition(x, r);
    }
    /* libldrt's MedicationRequests and volumes are taken with their events. */
    for (size_t i = 0; i < x->n && !x->oom; i++) {
        item *it = &x->items[i];
        if (it->used)
            continue;
        dispatch(x, it->res);
    }
    for (size_t i = 0; i < x->n; i++) {
        item *it = &x->items[i];
        const char *type = S(it->res, "resourceType");
        if (!it->used && (!strcmp(type, "MedicationRequest") || !strcmp(type, "BodyStructure")) &&
            src(it->res)) {
            /* libldrt's own, not referenced by what was mapped: nothing to add. */
            it->used = 1;
        }
    }
    json_t *dx = sorted_values(x, x->diagnoses), *ls = sorted_values(x, x->lesions);
    if (json_array_size(dx))
        set(x, x->doc, "diagnoses", dx);
    else
        json_decref(dx);
    if (json_array_size(ls))
        set(x, x->doc, "lesions", ls);
    else
        json_decref(ls);
    set(x, x->doc, "events", ordered_events(x));
    apply_members(x);
    for (size_t i = 0; i < x->n; i++) {
        if (x->items[i].used)
            continue;
        char name[160];
        name_of(x->items[i].res, name);
        warnf(x, "%s: not mapped to the record; kept whole in the member fhir_unmapped", name);
        append(x, x->unmapped, json_incref(x->items[i].res));
    }
    if (json_array_size(x->unmapped))
        set(x, x->doc, "fhir_unmapped", json_incref(x->unmapped));
    return x->oom ? ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory") : LDRT_OK;
}

/* The resource an "events[N]" path of a loader message came from. */
static const char *culprit(ix *x, const char *msg)
{
    const char *p = strstr(msg, "events[");
    if (!p)
        return NULL;
    size_t n = (size_t)strtoul(p + 7, NULL, 10);
    return json_string_value(json_array_get(json_object_get(x->names, ""), n));
}

/* Parses the bundle's JSON text: root, or the error (a parse error
 * names line and column; memory running out is told apart from it). */
static int parse_bundle(const char *data, size_t size, json_t **root)
{
    int line, column;
    *root = NULL;
    if (ldrt__json_find_nul(data, size, &line, &column))
        return ldrt__error(LDRT_EPARSE, "FHIR bundle: line %d, column %d: NUL byte (not allowed in JSON text)",
                           line, column);
    json_error_t err;
    *root = json_loadb(data, size, JSON_REJECT_DUPLICATES, &err);
    if (!*root) {
        /* jansson does not always report its allocation failures (see the
         * document loader): an error is confirmed by a second parse. */
        json_error_t again;
        json_t *second = err.text[0] ? json_loadb(data, size, JSON_REJECT_DUPLICATES, &again) : NULL;
        if (!err.text[0] || json_error_code(&err) == json_error_out_of_memory || second ||
            again.line != err.line || again.column != err.column || strcmp(again.text, err.text)) {
            json_decref(second);
            return ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory while parsing");
        }
        if (json_error_code(&err) == json_error_stack_overflow)
            return ldrt__error(LDRT_ERANGE, "FHIR bundle: nested too deeply");
        return ldrt__error(LDRT_EPARSE, "FHIR bundle: line %d, column %d: %s", err.line, err.column,
                           err.text);
    }
    if (ldrt__json_verify(data, size, *root) != 0) {
        json_decref(*root);
        *root = NULL;
        return ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory while parsing");
    }
    return LDRT_OK;
}

/* The document read from the bundle through the document loader; a
 * refusal names the resource its event came from. */
static int load_document(ix *x, const char *text, size_t size, ldrt_patient **p)
{
    int rc = ldrt_patient_load_json_buffer(text, size, p);
    if (rc && rc != LDRT_ENOMEM) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", ldrt_last_error());
        const char *who = culprit(x, msg);
        if (who)
            ldrt__error(rc, "FHIR bundle: %s: the record read from it is refused: %s", who, msg);
        else
            ldrt__error(rc, "FHIR bundle: the record read from it is refused: %s", msg);
    }
    return rc;
}

/* Hands the warnings over (an empty string when there are none). */
static int hand_warnings(ldrt__buf *warn, char **warnings)
{
    if (!warn->data && !warn->failed) {
        warn->data = ldrt__strdup("");
        if (!warn->data)
            return ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory");
    }
    if (warn->failed)
        return ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory");
    *warnings = warn->data;
    warn->data = NULL;
    return LDRT_OK;
}

int ldrt_patient_read_fhir(const char *data, size_t size, ldrt_patient **out, char **warnings)
{
    LDRT__CHECK_NOT_NULL(data);
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    if (warnings)
        *warnings = NULL;
    if (size > LDRT_JSON_MAX_BYTES)
        return ldrt__error(LDRT_ERANGE, "FHIR bundle: %zu bytes is more than the limit of %u", size,
                           LDRT_JSON_MAX_BYTES);
    json_t *root = NULL;
    int rc = parse_bundle(data, size, &root);
    if (rc)
        return rc;
    ix x = { 0 };
    ldrt__buf_init(&x.warn);
    x.root = root;
    x.doc = json_object();
    x.diagnoses = json_object();
    x.lesions = json_object();
    x.events = json_object();
    x.order = json_array();
    x.lesion_ids = json_object();
    x.unmapped = json_array();
    x.names = json_object();
    if (!x.doc || !x.diagnoses || !x.lesions || !x.events || !x.order || !x.lesion_ids ||
        !x.unmapped || !x.names)
        rc = ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory");
    else
        rc = read_bundle(&x, root);
    /* The document's text, by the library's checked writer (jansson's
     * dump has written a broken text under allocation failure). */
    ldrt__buf text;
    ldrt__buf_init(&text);
    if (!rc && (ldrt__json_print(&text, x.doc) || !text.data))
        rc = ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory");
    ldrt_patient *p = NULL;
    if (!rc)
        rc = load_document(&x, text.data, text.len, &p);
    ldrt__buf_free(&text);
    json_decref(x.doc);
    json_decref(x.diagnoses);
    json_decref(x.lesions);
    json_decref(x.events);
    json_decref(x.order);
    json_decref(x.lesion_ids);
    json_decref(x.unmapped);
    json_decref(x.names);
    ldrt__free(x.items);
    json_decref(root);
    if (!rc && warnings)
        rc = hand_warnings(&x.warn, warnings);
    ldrt__buf_free(&x.warn);
    if (rc) {
        ldrt_patient_free(p);
        return rc;
    }
    *out = p;
    return LDRT_OK;
}

int ldrt_patient_load_fhir(const char *path, ldrt_patient **out, char **warnings)
{
    LDRT__CHECK_NOT_NULL(path);
    LDRT__CHECK_NOT_NULL(out);
    if (!*path)
        return ldrt__error(LDRT_EINVAL, "path: must not be empty");
    FILE *f = fopen(path, "rb");
    if (!f)
        return ldrt__error(LDRT_EIO, "%s: cannot open: %s", path, strerror(errno));
    ldrt__buf b;
    ldrt__buf_init(&b);
    char chunk[65536];
    size_t n;
    int rc = LDRT_OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > (size_t)LDRT_JSON_MAX_BYTES) {
            rc = ldrt__error(LDRT_ERANGE, "%s: more than the limit of %u bytes", path, LDRT_JSON_MAX_BYTES);
            break;
        }
        if (ldrt__buf_add(&b, chunk, n)) {
            rc = ldrt__error(LDRT_ENOMEM, "%s: out of memory", path);
            break;
        }
    }
    if (!rc && ferror(f))
        rc = ldrt__error(LDRT_EIO, "%s: cannot read: %s", path, strerror(errno));
    fclose(f);
    if (!rc) {
        rc = ldrt_patient_read_fhir(b.data ? b.data : "", b.len, out, warnings);
        if (rc)
            ldrt__error_prefix("%s", path);
    }
    ldrt__buf_free(&b);
    return rc;
}
