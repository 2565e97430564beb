/*
 * FHIR R4 export: one Bundle (type collection) per patient, mCODE STU4 and
 * CodeX Radiation Therapy profiles where they apply, libldrt extensions
 * for the rest. Built with jansson from the patient document, so every
 * member of the document ends up somewhere; the mapping is described in
 * doc/guides/fhir.md.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhir_internal.h"

/* Frees what jansson allocated (json_dumps): with jansson's own allocator. */
static void jfree(void *p)
{
    json_free_t f = NULL;
    json_get_alloc_funcs(NULL, &f);
    if (p)
        (f ? f : free)(p);
}
#include "ldrt/dose.h"
#include "ldrt/response.h"

#define REF_SIZE 46 /* "urn:uuid:" + 36 + NUL */

typedef struct {
    int oom;
    const ldrt_patient *p;
    const char *pid;
    json_t *doc;
    json_t *entries;
    char patient[REF_SIZE];
    char condition[REF_SIZE]; /* the first diagnosis, or "" */
    json_t *lesions;          /* lesion id -> full URL (strings) */
} fx;

/* ---- building ------------------------------------------------------------------------- */

static const char *get_s(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

static int get_n(json_t *o, const char *key, double *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_number(v))
        return 0;
    *out = json_number_value(v);
    return 1;
}

static json_t *O(fx *x)
{
    json_t *o = json_object();
    if (!o)
        x->oom = 1;
    return o;
}

static json_t *A(fx *x)
{
    json_t *a = json_array();
    if (!a)
        x->oom = 1;
    return a;
}

/* json_object_set_new() and json_array_append_new() release the value
 * themselves when they fail; only a value that never reached them is
 * released here. */
static void put(fx *x, json_t *o, const char *key, json_t *v)
{
    if (!o || !v) {
        json_decref(v);
        x->oom = 1;
    } else if (json_object_set_new(o, key, v)) {
        x->oom = 1;
    }
}

static void add(fx *x, json_t *a, json_t *v)
{
    if (!a || !v) {
        json_decref(v);
        x->oom = 1;
    } else if (json_array_append_new(a, v)) {
        x->oom = 1;
    }
}

static void put_s(fx *x, json_t *o, const char *key, const char *s)
{
    if (s && *s)
        put(x, o, key, json_string(s));
}

static json_t *str(fx *x, const char *s)
{
    json_t *v = json_string(s ? s : "");
    if (!v)
        x->oom = 1;
    return v;
}

/* Integral values as integers, others as reals (shortest round-trip form). */
static json_t *num(fx *x, double v)
{
    json_t *n = v == floor(v) && fabs(v) < 1e15 ? json_integer((json_int_t)v) : json_real(v);
    if (!n)
        x->oom = 1;
    return n;
}

/* A dose in cGy from gray: rounded to 1e-4 cGy, so that 2.2 Gy is 220 cGy. */
static double cgy(double gy)
{
    return round(gy * 100.0 * 1e4) / 1e4;
}

static json_t *ref(fx *x, const char *url)
{
    json_t *o = O(x);
    put_s(x, o, "reference", url);
    return o;
}

static json_t *coding(fx *x, const char *system, const char *code, const char *display)
{
    json_t *c = O(x);
    put_s(x, c, "system", system);
    put_s(x, c, "code", code);
    put_s(x, c, "display", display);
    return c;
}

/* A CodeableConcept of one coding (system may be NULL: text only). */
static json_t *cc(fx *x, const char *system, const char *code, const char *display,
                  const char *text)
{
    json_t *o = O(x);
    if (system && code) {
        json_t *a = A(x);
        add(x, a, coding(x, system, code, display));
        put(x, o, "coding", a);
    }
    put_s(x, o, "text", text);
    return o;
}

/* A data-absent-reason extension (on an element). */
static json_t *dar_ext(fx *x, const char *reason)
{
    json_t *e = O(x);
    put_s(x, e, "url", FHIR_DAR);
    put_s(x, e, "valueCode", reason);
    return e;
}

/* A CodeableConcept with only text, or a data-absent-reason when there is none. */
static json_t *cc_text_or_absent(fx *x, const char *text)
{
    if (text && *text)
        return cc(x, NULL, NULL, NULL, text);
    json_t *o = O(x), *a = A(x);
    add(x, a, dar_ext(x, "unknown"));
    put(x, o, "extension", a);
    return o;
}

/* The CodeableConcept of an item's term: the code recorded on the item
 * (item[code_key]: system, code, display) as its coding, and the item's
 * words (item[text_key]) as its text; a data-absent-reason when the item
 * has neither and absent is set, else NULL. */
static json_t *coded(fx *x, json_t *item, const char *text_key, const char *code_key, int absent)
{
    json_t *code = code_key ? json_object_get(item, code_key) : NULL;
    const char *text = text_key ? get_s(item, text_key) : NULL;
    if (get_s(code, "system") && get_s(code, "code"))
        return cc(x, get_s(code, "system"), get_s(code, "code"), get_s(code, "display"), text);
    if (text || absent)
        return cc_text_or_absent(x, text);
    return NULL;
}

/* Takes out of rest what coded() wrote of rest[key] (its other members
 * stay in the residue). */
static void take_code(json_t *rest, const char *key)
{
    json_t *c = json_object_get(rest, key);
    json_object_del(c, "system");
    json_object_del(c, "code");
    json_object_del(c, "display");
}

static json_t *quantity(fx *x, double value, const char *ucum)
{
    json_t *q = O(x);
    put(x, q, "value", num(x, value));
    if (ucum) {
        put_s(x, q, "unit", ucum);
        put_s(x, q, "system", FHIR_UCUM);
        put_s(x, q, "code", ucum);
    }
    return q;
}

/* Units the agents of the seed cases use that are UCUM codes as written. */
static int is_ucum(const char *u)
{
    static const char *const ok[] = { "mg", "g", "ug", "mg/kg", "mg/m2", "mL", "[iU]", NULL };
    for (size_t i = 0; u && ok[i]; i++)
        if (strcmp(u, ok[i]) == 0)
            return 1;
    return 0;
}

/* Appends v to the array res[key], made when missing. A new array is
 * filled before it is put: a failed put releases it (and v with it), so
 * nothing is used after. */
static void list_add(fx *x, json_t *res, const char *key, json_t *v)
{
    json_t *a = json_object_get(res, key);
    if (a) {
        add(x, a, v);
        return;
    }
    a = A(x);
    add(x, a, v);
    put(x, res, key, a);
}

static void push_ext(fx *x, json_t *res, json_t *e)
{
    list_add(x, res, "extension", e);
}

/* {"url": url, key: value} */
static json_t *ext(fx *x, const char *url, const char *key, json_t *value)
{
    json_t *e = O(x);
    put_s(x, e, "url", url);
    put(x, e, key, value);
    return e;
}

static void ext_s(fx *x, json_t *res, const char *url, const char *s)
{
    if (s && *s)
        push_ext(x, res, ext(x, url, "valueString", str(x, s)));
}

static void note(fx *x, json_t *res, const char *text)
{
    if (text && *text) {
        json_t *n = O(x);
        put_s(x, n, "text", text);
        list_add(x, res, "note", n);
    }
}

/* The full URL of the entry named key ("Patient", "Condition/diagnoses/0"...). */
static void url_of(fx *x, const char *key, char out[REF_SIZE])
{
    char name[1024];
    int n = snprintf(name, sizeof name, "%zu:%s|%s", strlen(x->pid), x->pid, key);
    char u[37];
    if (n < 0 || (size_t)n >= sizeof name) {
        /* A long id: hash the pieces through a heap copy. */
        size_t len = strlen(x->pid) + strlen(key) + 32;
        char *big = ldrt__malloc(len);
        if (!big) {
            x->oom = 1;
            ldrt__uuid5("", 0, u);
        } else {
            n = snprintf(big, len, "%zu:%s|%s", strlen(x->pid), x->pid, key);
            ldrt__uuid5(big, (size_t)n, u);
            ldrt__free(big);
        }
    } else {
        ldrt__uuid5(name, (size_t)n, u);
    }
    snprintf(out, REF_SIZE, "urn:uuid:%s", u);
}

/* A new resource with its type, id (the UUID of key) and profile. */
static json_t *resource(fx *x, const char *type, const char *key, const char *profile,
                        char url[REF_SIZE])
{
    url_of(x, key, url);
    json_t *r = O(x);
    put_s(x, r, "resourceType", type);
    put_s(x, r, "id", url + 9);
    if (profile) {
        json_t *m = O(x), *a = A(x);
        add(x, a, str(x, profile));
        put(x, m, "profile", a);
        put(x, r, "meta", m);
    }
    return r;
}

static void emit(fx *x, json_t *r, const char *url)
{
    json_t *e = O(x);
    put_s(x, e, "fullUrl", url);
    put(x, e, "resource", r);
    add(x, x->entries, e);
}

static void source(fx *x, json_t *r, const char *pointer)
{
    push_ext(x, r, ext(x, LX "source", "valueString", str(x, pointer)));
}

/* ---- the residue: members of the document that no element took ------------------------- */

/* Appends to b the pointer token of key, escaped (RFC 6901). */
static void pointer_add(ldrt__buf *b, const char *key)
{
    ldrt__buf_add(b, "/", 1);
    for (const char *k = key; *k; k++) {
        if (*k == '~')
            ldrt__buf_add(b, "~0", 2);
        else if (*k == '/')
            ldrt__buf_add(b, "~1", 2);
        else
            ldrt__buf_add(b, k, 1);
    }
}

/* One extension per leaf of rest (what was not taken out of orig): a
 * pointer from the document root and the JSON text of the value. An
 * object or array that was emptied by taking is not a leaf; one that was
 * empty in the document is. */
static void residue_walk(fx *x, json_t *res, ldrt__buf *path, json_t *rest, json_t *orig)
{
    size_t mark = path->len;
    int leaf = 0;
    if ((json_is_object(rest) || json_is_array(rest)) && json_equal(rest, orig)) {
        leaf = 1; /* untouched: one member, whole */
    } else if (json_is_object(rest)) {
        if (json_object_size(rest) == 0) {
            leaf = json_is_object(orig) && json_object_size(orig) == 0;
        } else {
            const char *key;
            json_t *v;
            json_object_foreach(rest, key, v) {
                pointer_add(path, key);
                residue_walk(x, res, path, v, json_object_get(orig, key));
                path->len = mark;
                if (path->data)
                    path->data[mark] = '\0';
            }
        }
    } else if (json_is_array(rest)) {
        if (json_array_size(rest) == 0) {
            leaf = json_is_array(orig) && json_array_size(orig) == 0;
        } else {
            for (size_t i = 0; i < json_array_size(rest); i++) {
                char idx[32];
                snprintf(idx, sizeof idx, "%zu", i);
                pointer_add(path, idx);
                residue_walk(x, res, path, json_array_get(rest, i), json_array_get(orig, i));
                path->len = mark;
                if (path->data)
                    path->data[mark] = '\0';
            }
        }
    } else {
        leaf = 1;
    }
    if (!leaf)
        return;
    /* jansson's dump is checked against the tree: it has written a broken
     * text under allocation failure. */
    char *text = json_dumps(rest, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!text || !path->data || ldrt__json_verify(text, strlen(text), rest) != 0) {
        jfree(text);
        x->oom = 1;
        return;
    }
    json_t *e = O(x), *sub = A(x);
    put_s(x, e, "url", LX "document-member");
    add(x, sub, ext(x, "pointer", "valueString", str(x, path->data)));
    add(x, sub, ext(x, "json", "valueString", str(x, text)));
    put(x, e, "extension", sub);
    push_ext(x, res, e);
    jfree(text);
}

static void residue(fx *x, json_t *res, const char *pointer, json_t *rest, json_t *orig)
{
    ldrt__buf path;
    ldrt__buf_init(&path);
    if (ldrt__buf_puts(&path, pointer)) {
        x->oom = 1;
        return;
    }
    residue_walk(x, res, &path, rest, orig);
    ldrt__buf_free(&path);
}

static void take(json_t *rest, const char *key)
{
    json_object_del(rest, key);
}

/* ---- patient, diagnoses, lesions --------------------------------------------------------- */

static void patient_resource(fx *x)
{
    json_t *pat = json_object_get(x->doc, "patient");
    json_t *r = resource(x, "Patient", "Patient", FHIR_MCODE "mcode-cancer-patient", x->patient);
    source(x, r, "/patient");
    json_t *ids = A(x), *id = O(x);
    put_s(x, id, "system", LID "patient");
    put_s(x, id, "value", x->pid);
    add(x, ids, id);
    put(x, r, "identifier", ids);
    /* US Core requires a name; the record holds none (us-core-6: a
     * data-absent-reason instead of family and given). */
    json_t *names = A(x), *name = O(x), *ne = A(x);
    add(x, ne, dar_ext(x, "unknown"));
    put(x, name, "extension", ne);
    add(x, names, name);
    put(x, r, "name", names);
    const char *sex = get_s(pat, "sex");
    if (sex && (!strcmp(sex, "male") || !strcmp(sex, "female") || !strcmp(sex, "other") ||
                !strcmp(sex, "unknown"))) {
        put_s(x, r, "gender", sex);
    } else {
        /* US Core requires gender: unknown, and the libldrt extension
         * keeps what the record says (nothing, or another word). */
        put_s(x, r, "gender", "unknown");
        ext_s(x, r, LX "sex", sex);
        if (!sex) {
            json_t *g = O(x), *ga = A(x);
            add(x, ga, dar_ext(x, "unknown"));
            put(x, g, "extension", ga);
            put(x, r, "_gender", g);
        }
    }
    put_s(x, r, "birthDate", get_s(pat, "birth_date"));
    /* The date of death (mCODE: Patient.deceased is must-support). */
    put_s(x, r, "deceasedDateTime", get_s(pat, "death_date"));
    /* Neither mCODE STU4 nor US Core 6.1 has an element for the cause of
     * death or the date last known alive on Patient: libldrt extensions. */
    ext_s(x, r, LX "death-cause", get_s(pat, "death_cause"));
    if (get_s(pat, "last_contact"))
        push_ext(x, r, ext(x, LX "last-contact", "valueDate", str(x, get_s(pat, "last_contact"))));
    json_t *rest = json_deep_copy(pat);
    if (!rest)
        x->oom = 1;
    take(rest, "id");
    take(rest, "sex");
    take(rest, "birth_date");
    if (get_s(pat, "death_date"))
        take(rest, "death_date");
    if (get_s(pat, "death_cause"))
        take(rest, "death_cause");
    if (get_s(pat, "last_contact"))
        take(rest, "last_contact");
    residue(x, r, "/patient", rest, pat);
    json_decref(rest);
    /* Members of the document itself beyond the record ("source", ...). */
    json_t *top = json_deep_copy(x->doc);
    if (!top)
        x->oom = 1;
    static const char *const known[] = { "ldrt", "patient", "diagnoses", "lesions", "events", NULL };
    for (size_t i = 0; known[i]; i++) {
        /* An empty list of diagnoses or lesions says "none", explicitly. */
        json_t *v = json_object_get(top, known[i]);
        if (!(json_is_array(v) && json_array_size(v) == 0 && i >= 2 && i <= 3))
            take(top, known[i]);
    }
    residue(x, r, "", top, x->doc);
    json_decref(top);
    emit(x, r, x->patient);
}

/* Whether a diagnosis is a secondary (metastatic) cancer by what the record
 * says: its code is one of ICD-10-CM's secondary malignant neoplasms
 * (C77-C79, "Secondary and unspecified malignant neoplasm of lymph nodes",
 * "Secondary malignant neoplasm of respiratory and digestive organs",
 * "Secondary malignant neoplasm of other and unspecified sites") or an
 * ICD-O-3 morphology of behaviour 6 ("malignant, metastatic site"). The
 * record has no other word for it: any other diagnosis is primary. */
static int is_secondary(json_t *d)
{
    json_t *c = json_object_get(d, "code");
    const char *sys = get_s(c, "system"), *code = get_s(c, "code");
    if (!sys || !code)
        return 0;
    if (!strcmp(sys, "http://hl7.org/fhir/sid/icd-10-cm"))
        return code[0] == 'C' && code[1] == '7' && code[2] >= '7' && code[2] <= '9';
    if (!strcmp(sys, "http://terminology.hl7.org/CodeSystem/icd-o-3"))
        return strlen(code) == 6 && code[4] == '/' && code[5] == '6';
    return 0;
}

/* The tumour markers of a diagnosis: one Observation each, focused on it. */
static void marker_resources(fx *x, json_t *markers, const char *ptr, const char *url)
{
    const char *name;
    json_t *v;
    json_object_foreach(markers, name, v) {
        char murl[REF_SIZE];
        /* The marker's name makes the key unique. */
        ldrt__buf k;
        ldrt__buf_init(&k);
        ldrt__buf_puts(&k, "Observation");
        ldrt__buf_puts(&k, ptr);
        pointer_add(&k, "markers");
        pointer_add(&k, name);
        if (!k.data) {
            x->oom = 1;
            continue;
        }
        json_t *o = resource(x, "Observation", k.data, NULL, murl);
        source(x, o, k.data + strlen("Observation"));
        ldrt__buf_free(&k);
        put_s(x, o, "status", "final");
        put(x, o, "code", cc(x, LCS "observation", "tumor-marker", "Tumor marker", name));
        put(x, o, "subject", ref(x, x->patient));
        json_t *focus = A(x);
        add(x, focus, ref(x, url));
        put(x, o, "focus", focus);
        if (json_is_string(v) && json_string_length(v))
            put(x, o, "valueString", str(x, json_string_value(v)));
        emit(x, o, murl);
    }
}

static void diagnosis_resource(fx *x, json_t *d, size_t i, const char *primary)
{
    char key[64], ptr[48], url[REF_SIZE];
    snprintf(ptr, sizeof ptr, "/diagnoses/%zu", i);
    snprintf(key, sizeof key, "Condition%s", ptr);
    int secondary = is_secondary(d);
    json_t *r = resource(x, "Condition", key,
                         secondary ? FHIR_MCODE "mcode-secondary-cancer-condition"
                                   : FHIR_MCODE "mcode-primary-cancer-condition", url);
    source(x, r, ptr);
    if (get_s(d, "date"))
        push_ext(x, r, ext(x, FHIR_ASSERTED, "valueDateTime", str(x, get_s(d, "date"))));
    /* mCODE SecondaryCancerCondition: the related primary (the first). */
    if (secondary && primary[0])
        push_ext(x, r, ext(x, FHIR_CONDITION_RELATED, "valueReference", ref(x, primary)));
    json_t *cat = A(x);
    add(x, cat, cc(x, FHIR_COND_CAT, "problem-list-item", "Problem List Item", NULL));
    put(x, r, "category", cat);
    put(x, r, "code", coded(x, d, "condition", "code", 1));
    json_t *site = coded(x, d, "site", "site_code", 0);
    if (site)
        list_add(x, r, "bodySite", site);
    put(x, r, "subject", ref(x, x->patient));
    put_s(x, r, "onsetDateTime", get_s(d, "date"));
    /* SecondaryCancerCondition does not use stage: a secondary's stage
     * stays a member of the document (in the residue). */
    if (get_s(d, "stage") && !secondary) {
        json_t *st = O(x);
        put(x, st, "summary", cc(x, NULL, NULL, NULL, get_s(d, "stage")));
        list_add(x, r, "stage", st);
    }
    json_t *rest = json_deep_copy(d);
    if (!rest)
        x->oom = 1;
    take(rest, "date");
    take(rest, "condition");
    take(rest, "site");
    if (!secondary)
        take(rest, "stage");
    take_code(rest, "code");
    take_code(rest, "site_code");
    json_t *markers = json_object_get(d, "markers");
    if (json_is_object(markers) && json_object_size(markers)) {
        take(rest, "markers");
        marker_resources(x, markers, ptr, url);
    }
    residue(x, r, ptr, rest, d);
    json_decref(rest);
    emit(x, r, url);
}

/* The conditions; events refer to the first primary cancer (else to the
 * first diagnosis), and secondary cancers name it as their primary. */
static void diagnosis_resources(fx *x)
{
    json_t *dx = json_object_get(x->doc, "diagnoses");
    char primary[REF_SIZE] = "";
    for (size_t i = 0; i < json_array_size(dx) && !primary[0]; i++)
        if (!is_secondary(json_array_get(dx, i))) {
            char key[64];
            snprintf(key, sizeof key, "Condition/diagnoses/%zu", i);
            url_of(x, key, primary);
        }
    if (primary[0])
        memcpy(x->condition, primary, REF_SIZE);
    else if (json_array_size(dx))
        url_of(x, "Condition/diagnoses/0", x->condition);
    for (size_t i = 0; i < json_array_size(dx); i++)
        diagnosis_resource(x, json_array_get(dx, i), i, primary);
}

static void lesion_resources(fx *x)
{
    json_t *ls = json_object_get(x->doc, "lesions");
    for (size_t i = 0; i < json_array_size(ls); i++) {
        json_t *l = json_array_get(ls, i);
        char key[64], ptr[48], url[REF_SIZE];
        snprintf(ptr, sizeof ptr, "/lesions/%zu", i);
        snprintf(key, sizeof key, "BodyStructure%s", ptr);
        json_t *r = resource(x, "BodyStructure", key, FHIR_MCODE "mcode-tumor", url);
        const char *id = get_s(l, "id");
        if (id)
            put(x, x->lesions, id, str(x, url));
        source(x, r, ptr);
        if (x->condition[0])
            push_ext(x, r, ext(x, FHIR_MCODE "mcode-related-condition", "valueReference",
                               ref(x, x->condition)));
        ext_s(x, r, LX "lesion-organ", get_s(l, "organ"));
        json_t *nodal = json_object_get(l, "nodal");
        if (json_is_boolean(nodal))
            push_ext(x, r, ext(x, LX "lesion-nodal", "valueBoolean", json_boolean(json_is_true(nodal))));
        if (get_s(l, "category"))
            push_ext(x, r, ext(x, LX "lesion-category", "valueCode", str(x, get_s(l, "category"))));
        json_t *ids = A(x), *ident = O(x);
        put_s(x, ident, "use", "usual");
        put(x, ident, "type", cc(x, FHIR_RES_TYPES, "BodyStructure", "BodyStructure", NULL));
        put_s(x, ident, "system", LID "lesion");
        put_s(x, ident, "value", id);
        add(x, ids, ident);
        put(x, r, "identifier", ids);
        put(x, r, "location", coded(x, l, "site", "site_code", 1));
        put(x, r, "patient", ref(x, x->patient));
        json_t *rest = json_deep_copy(l);
        if (!rest)
            x->oom = 1;
        take(rest, "id");
        take(rest, "site");
        take(rest, "organ");
        take(rest, "nodal");
        take(rest, "category");
        take_code(rest, "site_code");
        residue(x, r, ptr, rest, l);
        json_decref(rest);
        emit(x, r, url);
    }
}

static const char *lesion_url(fx *x, const char *id)
{
    json_t *v = id ? json_object_get(x->lesions, id) : NULL;
    return v ? json_string_value(v) : NULL;
}

/* ---- events ------------------------------------------------------------------------------ */

/* The event-level members every resource of an event gets. */
static void common_event(fx *x, json_t *r, json_t *ev, const char *ptr)
{
    source(x, r, ptr);
    ext_s(x, r, LX "event-id", get_s(ev, "id"));
}

/* effective[x] or performed[x]: a dateTime, or a Period when there is an end. */
static void when(fx *x, json_t *r, const char *prefix, json_t *ev)
{
    char key[40];
    const char *d = get_s(ev, "date"), *e = get_s(ev, "end");
    if (e) {
        json_t *p = O(x);
        put_s(x, p, "start", d);
        put_s(x, p, "end", e);
        snprintf(key, sizeof key, "%sPeriod", prefix);
        put(x, r, key, p);
    } else if (d) {
        snprintf(key, sizeof key, "%sDateTime", prefix);
        put_s(x, r, key, d);
    }
}

static json_t *rest_of(fx *x, json_t *ev)
{
    json_t *rest = json_deep_copy(ev);
    if (!rest)
        x->oom = 1;
    take(rest, "type");
    take(rest, "date");
    take(rest, "end");
    take(rest, "id");
    take(rest, "note");
    return rest;
}

static void text_event(fx *x, json_t *ev, const char *ptr, const char *type)
{
    char key[64], url[REF_SIZE];
    snprintf(key, sizeof key, "Observation%s", ptr);
    json_t *r = resource(x, "Observation", key, NULL, url);
    common_event(x, r, ev, ptr);
    put_s(x, r, "status", "final");
    static const struct {
        const char *type, *display;
    } names[] = { { "diagnosis", "Diagnosis" }, { "recurrence", "Recurrence" },
                  { "progression", "Progression" }, { "note", "Note" } };
    const char *display = type;
    for (size_t i = 0; i < 4; i++)
        if (!strcmp(type, names[i].type))
            display = names[i].display;
    put(x, r, "code", cc(x, LCS "event-type", type, display, NULL));
    put(x, r, "subject", ref(x, x->patient));
    if (x->condition[0] && strcmp(type, "note") != 0) {
        json_t *f = A(x);
        add(x, f, ref(x, x->condition));
        put(x, r, "focus", f);
    }
    when(x, r, "effective", ev);
    put_s(x, r, "valueString", get_s(ev, "detail"));
    note(x, r, get_s(ev, "note"));
    json_t *site = coded(x, ev, "site", "site_code", 0);
    if (site)
        put(x, r, "bodySite", site);
    json_t *rest = rest_of(x, ev);
    take(rest, "detail");
    take(rest, "site");
    take_code(rest, "site_code");
    residue(x, r, ptr, rest, ev);
    json_decref(rest);
    emit(x, r, url);
}

static void surgery_event(fx *x, json_t *ev, const char *ptr)
{
    char key[64], url[REF_SIZE];
    snprintf(key, sizeof key, "Procedure%s", ptr);
    json_t *r = resource(x, "Procedure", key, FHIR_MCODE "mcode-cancer-related-surgical-procedure", url);
    common_event(x, r, ev, ptr);
    ext_s(x, r, LX "pathology", get_s(ev, "pathology"));
    json_t *ls = json_object_get(ev, "lesions");
    for (size_t i = 0; i < json_array_size(ls); i++) {
        const char *u = lesion_url(x, json_string_value(json_array_get(ls, i)));
        if (u)
            push_ext(x, r, ext(x, LX "removed-lesion", "valueReference", ref(x, u)));
    }
    put_s(x, r, "status", "completed");
    put(x, r, "code", coded(x, ev, "procedure", "code", 1));
    put(x, r, "subject", ref(x, x->patient));
    when(x, r, "performed", ev);
    if (x->condition[0]) {
        json_t *a = A(x);
        add(x, a, ref(x, x->condition));
        put(x, r, "reasonReference", a);
    }
    json_t *site = coded(x, ev, "site", "site_code", 0);
    if (site)
        list_add(x, r, "bodySite", site);
    note(x, r, get_s(ev, "note"));
    json_t *rest = rest_of(x, ev);
    take(rest, "procedure");
    take(rest, "site");
    take_code(rest, "code");
    take_code(rest, "site_code");
    take(rest, "pathology");
    take(rest, "lesions");
    residue(x, r, ptr, rest, ev);
    json_decref(rest);
    emit(x, r, url);
}

/* mCODE ProcedureIntentVS (SNOMED CT) for the intents it has. */
static void procedure_intent(fx *x, json_t *r, const char *intent)
{
    static const struct {
        const char *word, *code, *display;
    } t[] = { { "curative", "373808002", "Curative - procedure intent" },
              { "palliative", "363676003", "Palliative - procedure intent" },
              { "supportive", "399707004", "Supportive - procedure intent" } };
    for (size_t i = 0; intent && i < 3; i++)
        if (!ldrt__ascii_casecmp(intent, t[i].word))
            push_ext(x, r, ext(x, FHIR_MCODE "mcode-procedure-intent", "valueCodeableConcept",
                               cc(x, FHIR_SCT, t[i].code, t[i].display, NULL)));
}

/* The drug of an agent (its code when recorded), or a bare name. */
static void medication(fx *x, json_t *r, json_t *agent, const char *drug)
{
    if (agent)
        put(x, r, "medicationCodeableConcept", coded(x, agent, "drug", "code", 1));
    else
        put(x, r, "medicationCodeableConcept", cc_text_or_absent(x, drug));
}

static void systemic_common(fx *x, json_t *r, json_t *ev, const char *ptr, int cycle)
{
    common_event(x, r, ev, ptr);
    procedure_intent(x, r, get_s(ev, "intent"));
    ext_s(x, r, LX "intent", get_s(ev, "intent"));
    ext_s(x, r, LX "regimen", get_s(ev, "regimen"));
    if (cycle)
        push_ext(x, r, ext(x, LX "cycle", "valueInteger", json_integer(cycle)));
}

static json_t *dose_of(fx *x, json_t *agent)
{
    double d;
    if (!get_n(agent, "dose", &d))
        return NULL;
    const char *u = get_s(agent, "unit");
    json_t *q = quantity(x, d, is_ucum(u) ? u : NULL);
    if (u && !is_ucum(u))
        put_s(x, q, "unit", u);
    return q;
}

/* What the resources of one systemic event share. */
typedef struct {
    json_t *ev;
    const char *ptr;
    json_t *rest; /* the event's members no element took */
    int residue_done;
    int cyc;
    int has_rep;
    double every, count;
    ldrt_date date;
} sys_event;

/* The residue goes on the first resource of the event. */
static void sys_residue(fx *x, sys_event *se, json_t *r)
{
    if (!se->residue_done) {
        residue(x, r, se->ptr, se->rest, se->ev);
        se->residue_done = 1;
    }
}

static void reason_condition(fx *x, json_t *r)
{
    if (x->condition[0]) {
        json_t *a = A(x);
        add(x, a, ref(x, x->condition));
        put(x, r, "reasonReference", a);
    }
}

/* {"repeat": {"count", "period", "periodUnit": "d"}} */
static json_t *timing_of(fx *x, const sys_event *se)
{
    json_t *t = O(x), *rp = O(x);
    put(x, rp, "count", num(x, se->count));
    put(x, rp, "period", num(x, se->every));
    put_s(x, rp, "periodUnit", "d");
    put(x, t, "repeat", rp);
    return t;
}

/* o["doseAndRate"] = [{"doseQuantity": dose}] */
static void dose_and_rate(fx *x, json_t *o, json_t *dose)
{
    json_t *dr = O(x), *drs = A(x);
    put(x, dr, "doseQuantity", dose);
    add(x, drs, dr);
    put(x, o, "doseAndRate", drs);
}

/* The day is unknown: what was given is a statement. */
static void systemic_statement(fx *x, sys_event *se, json_t *ag, const char *aptr)
{
    char key[128], url[REF_SIZE];
    snprintf(key, sizeof key, "MedicationStatement%s", aptr);
    json_t *r = resource(x, "MedicationStatement", key, NULL, url);
    systemic_common(x, r, se->ev, aptr, se->cyc);
    put_s(x, r, "status", "completed");
    medication(x, r, ag, NULL);
    put(x, r, "subject", ref(x, x->patient));
    when(x, r, "effective", se->ev);
    reason_condition(x, r);
    note(x, r, get_s(se->ev, "note"));
    json_t *dose = ag ? dose_of(x, ag) : NULL;
    if (se->has_rep || dose) {
        json_t *dg = O(x), *dgs = A(x);
        if (se->has_rep)
            put(x, dg, "timing", timing_of(x, se));
        if (dose)
            dose_and_rate(x, dg, dose);
        add(x, dgs, dg);
        put(x, r, "dosage", dgs);
    }
    sys_residue(x, se, r);
    emit(x, r, url);
}

/* The order of a series, with its timing; its full URL in req_url. */
static void systemic_request(fx *x, sys_event *se, json_t *ag, const char *aptr,
                             char req_url[REF_SIZE])
{
    char key[128];
    snprintf(key, sizeof key, "MedicationRequest%s", aptr);
    json_t *r = resource(x, "MedicationRequest", key, NULL, req_url);
    systemic_common(x, r, se->ev, aptr, se->cyc);
    put_s(x, r, "status", "completed");
    put_s(x, r, "intent", "order");
    medication(x, r, ag, NULL);
    put(x, r, "subject", ref(x, x->patient));
    json_t *di = O(x), *dis = A(x);
    put(x, di, "timing", timing_of(x, se));
    json_t *dose = ag ? dose_of(x, ag) : NULL;
    if (dose)
        dose_and_rate(x, di, dose);
    add(x, dis, di);
    put(x, r, "dosageInstruction", dis);
    emit(x, r, req_url);
}

/* Administration i of the agent (the i-th dose of a series), on date dtext. */
static void systemic_administration(fx *x, sys_event *se, json_t *ag, const char *aptr,
                                    size_t i, const char *dtext, const char *req_url)
{
    char key[160], url[REF_SIZE];
    snprintf(key, sizeof key, "MedicationAdministration%s/%zu", aptr, i);
    json_t *r = resource(x, "MedicationAdministration", key,
                         FHIR_MCODE "mcode-cancer-related-medication-administration", url);
    systemic_common(x, r, se->ev, aptr, se->cyc ? se->cyc + (int)i : 0);
    if (se->has_rep)
        push_ext(x, r, ext(x, LX "administration", "valueInteger", json_integer((json_int_t)i + 1)));
    put_s(x, r, "status", "completed");
    medication(x, r, ag, NULL);
    put(x, r, "subject", ref(x, x->patient));
    if (i == 0 && get_s(se->ev, "end")) {
        json_t *p = O(x);
        put_s(x, p, "start", dtext);
        put_s(x, p, "end", get_s(se->ev, "end"));
        put(x, r, "effectivePeriod", p);
    } else {
        put_s(x, r, "effectiveDateTime", dtext);
    }
    if (req_url[0])
        put(x, r, "request", ref(x, req_url));
    reason_condition(x, r);
    if (i == 0)
        note(x, r, get_s(se->ev, "note"));
    json_t *dose = ag ? dose_of(x, ag) : NULL;
    if (dose) {
        json_t *dg = O(x);
        put(x, dg, "dose", dose);
        put(x, r, "dosage", dg);
    }
    sys_residue(x, se, r);
    emit(x, r, url);
}

/* The day is known: one administration per dose given, and the order
 * (with its timing) when the event is a series. */
static void systemic_given(fx *x, sys_event *se, json_t *ag, const char *aptr)
{
    char req_url[REF_SIZE] = "";
    if (se->has_rep)
        systemic_request(x, se, ag, aptr, req_url);
    size_t n = se->has_rep ? (size_t)se->count : 1;
    for (size_t i = 0; i < n; i++) {
        ldrt_date di = se->date;
        if (i && ldrt_date_add_days(se->date, (int64_t)i * (int64_t)se->every, &di))
            break;
        char dtext[LDRT_DATE_BUFSIZE];
        if (ldrt_date_format(di, dtext, sizeof dtext))
            break;
        systemic_administration(x, se, ag, aptr, i, dtext, req_url);
    }
}

/* The members of a systemic event that no element takes. */
static json_t *systemic_rest(fx *x, json_t *ev)
{
    json_t *rest = rest_of(x, ev);
    take(rest, "regimen");
    take(rest, "cycle");
    take(rest, "intent");
    json_t *rrep = json_object_get(rest, "repeat");
    take(rrep, "every_days");
    take(rrep, "count");
    json_t *rest_agents = json_object_get(rest, "agents");
    for (size_t j = 0; j < json_array_size(rest_agents); j++) {
        json_t *rag = json_array_get(rest_agents, j);
        take(rag, "drug");
        take(rag, "dose");
        take(rag, "unit");
        take_code(rag, "code");
    }
    return rest;
}

static void systemic_event(fx *x, json_t *ev, const char *ptr)
{
    sys_event se = { .ev = ev, .ptr = ptr, .date = LDRT_DATE_NONE };
    json_t *agents = json_object_get(ev, "agents");
    json_t *rep = json_object_get(ev, "repeat");
    double cyc = 0;
    se.has_rep = json_is_object(rep) && get_n(rep, "every_days", &se.every) &&
                 get_n(rep, "count", &se.count);
    get_n(ev, "cycle", &cyc);
    se.cyc = (int)cyc;
    const char *d = get_s(ev, "date");
    ldrt_date_precision prec = LDRT_DATE_PRECISION_YEAR;
    if (!d || ldrt_date_parse(d, &se.date) || ldrt_date_parts(se.date, NULL, NULL, NULL, &prec))
        prec = 0;
    size_t n_agents = json_array_size(agents) ? json_array_size(agents) : 1;
    se.rest = systemic_rest(x, ev);
    for (size_t j = 0; j < n_agents; j++) {
        json_t *ag = json_array_get(agents, j);
        char aptr[96];
        if (ag)
            snprintf(aptr, sizeof aptr, "%s/agents/%zu", ptr, j);
        else
            snprintf(aptr, sizeof aptr, "%s", ptr);
        if (prec == LDRT_DATE_PRECISION_DAY)
            systemic_given(x, &se, ag, aptr);
        else
            systemic_statement(x, &se, ag, aptr);
    }
    json_decref(se.rest);
}

static void hold_event(fx *x, json_t *ev, const char *ptr)
{
    json_t *drugs = json_object_get(ev, "drugs");
    size_t n = json_array_size(drugs) ? json_array_size(drugs) : 1;
    const char *kind = get_s(ev, "kind");
    json_t *rest = rest_of(x, ev);
    take(rest, "kind");
    take(rest, "drugs");
    take(rest, "reason");
    for (size_t j = 0; j < n; j++) {
        char aptr[96], key[128], url[REF_SIZE];
        if (json_array_size(drugs))
            snprintf(aptr, sizeof aptr, "%s/drugs/%zu", ptr, j);
        else
            snprintf(aptr, sizeof aptr, "%s", ptr);
        snprintf(key, sizeof key, "MedicationStatement%s", aptr);
        json_t *r = resource(x, "MedicationStatement", key, NULL, url);
        common_event(x, r, ev, aptr);
        if (kind)
            push_ext(x, r, ext(x, LX "hold-kind", "valueCode", str(x, kind)));
        put_s(x, r, "status", kind && !strcmp(kind, "discontinued") ? "stopped" : "on-hold");
        if (get_s(ev, "reason")) {
            json_t *a = A(x);
            add(x, a, cc(x, NULL, NULL, NULL, get_s(ev, "reason")));
            put(x, r, "statusReason", a);
        }
        json_t *dv = json_array_get(drugs, j);
        medication(x, r, NULL, json_is_string(dv) ? json_string_value(dv) : NULL);
        put(x, r, "subject", ref(x, x->patient));
        const char *d = get_s(ev, "date"), *e = get_s(ev, "end");
        json_t *p = O(x);
        put_s(x, p, "start", d);
        put_s(x, p, "end", e);
        put(x, r, "effectivePeriod", p);
        note(x, r, get_s(ev, "note"));
        if (j == 0)
            residue(x, r, ptr, rest, ev);
        emit(x, r, url);
    }
    json_decref(rest);
}

static void toxicity_event(fx *x, json_t *ev, const char *ptr)
{
    char key[64], url[REF_SIZE];
    snprintf(key, sizeof key, "AdverseEvent%s", ptr);
    json_t *r = resource(x, "AdverseEvent", key, NULL, url);
    common_event(x, r, ev, ptr);
    double grade = 0;
    if (get_n(ev, "grade", &grade)) {
        /* NCI Thesaurus grade concepts (THO adverse-event-clinical-research-grades). */
        static const char *const codes[] = { NULL, "C41338", "C41339", "C41340", "C41337", "C48275" };
        static const char *const names[] = { NULL, "Grade 1 Mild Adverse Event",
                                             "Grade 2 Moderate Adverse Event",
                                             "Grade 3 Severe Adverse Event",
                                             "Grade 4 Life-Threatening or Disabling Adverse Event",
                                             "Grade 5 Death Related to Adverse Event" };
        int g = (int)grade;
        char text[16];
        snprintf(text, sizeof text, "Grade %d", g);
        if (g >= 1 && g <= 5)
            push_ext(x, r, ext(x, FHIR_AE_GRADE, "valueCodeableConcept",
                               cc(x, FHIR_NCIT, codes[g], names[g], text)));
    }
    ext_s(x, r, LX "attribution", get_s(ev, "attribution"));
    if (get_s(ev, "resolved"))
        push_ext(x, r, ext(x, LX "resolved", "valueDateTime", str(x, get_s(ev, "resolved"))));
    if (get_s(ev, "end"))
        push_ext(x, r, ext(x, LX "end", "valueDateTime", str(x, get_s(ev, "end"))));
    ext_s(x, r, LX "note", get_s(ev, "note"));
    put_s(x, r, "actuality", "actual");
    put(x, r, "event", coded(x, ev, "term", "code", 1));
    put(x, r, "subject", ref(x, x->patient));
    put_s(x, r, "date", get_s(ev, "date"));
    if (get_s(ev, "resolved"))
        put(x, r, "outcome", cc(x, FHIR_AE_OUTCOME, "resolved", "Resolved", NULL));
    json_t *rest = rest_of(x, ev);
    take(rest, "term");
    take_code(rest, "code");
    take(rest, "grade");
    take(rest, "attribution");
    take(rest, "resolved");
    residue(x, r, ptr, rest, ev);
    json_decref(rest);
    emit(x, r, url);
}

/* mCODE RadiotherapyModalityVS and RadiotherapyTechniqueVS (SNOMED CT). */
static const struct {
    const char *word, *code, *display;
} modalities[] = {
    { "photon", "1156506007", "External beam radiation therapy using photons (procedure)" },
    { "photons", "1156506007", "External beam radiation therapy using photons (procedure)" },
    { "electron", "45643008", "External beam radiation therapy using electrons (procedure)" },
    { "electrons", "45643008", "External beam radiation therapy using electrons (procedure)" },
    { "proton", "10611004", "External beam radiation therapy protons (procedure)" },
    { "protons", "10611004", "External beam radiation therapy protons (procedure)" },
    { "neutron", "80347004", "External beam radiation therapy neutrons (procedure)" },
    { "carbon", "1156505006", "External beam radiation therapy using carbon ions (procedure)" },
}, techniques[] = {
    { "IMRT", "441799006", "Intensity modulated radiation therapy (procedure)" },
    { "VMAT", "1156530009", "Volumetric Modulated Arc Therapy (procedure)" },
    { "3D-CRT", "1162782007", "Three dimensional external beam radiation therapy (procedure)" },
    { "3D", "1162782007", "Three dimensional external beam radiation therapy (procedure)" },
    { "2D", "1156526006", "Two dimensional external beam radiation therapy (procedure)" },
};

/* The volume of a course: RadiotherapyVolume (description or identifier required). */
static void radiotherapy_volume(fx *x, json_t *ev, const char *ptr, const char *course_id,
                                char vurl[REF_SIZE])
{
    char vkey[64];
    snprintf(vkey, sizeof vkey, "BodyStructure%s", ptr);
    json_t *v = resource(x, "BodyStructure", vkey, FHIR_MCODE "mcode-radiotherapy-volume", vurl);
    source(x, v, ptr);
    if (course_id) {
        json_t *ids = A(x), *id = O(x);
        put_s(x, id, "use", "usual");
        put_s(x, id, "system", LID "course-volume");
        put_s(x, id, "value", course_id);
        add(x, ids, id);
        put(x, v, "identifier", ids);
    }
    ldrt__buf b;
    ldrt__buf_init(&b);
    ldrt__buf_puts(&b, "Volume treated by course ");
    ldrt__buf_puts(&b, course_id ? course_id : "(no id)");
    if (get_s(ev, "site")) {
        ldrt__buf_puts(&b, ": ");
        ldrt__buf_puts(&b, get_s(ev, "site"));
    }
    if (!b.data)
        x->oom = 1;
    put_s(x, v, "description", b.data);
    ldrt__buf_free(&b);
    put(x, v, "patient", ref(x, x->patient));
    emit(x, v, vurl);
}

/* The mCODE modality and technique of a course (SNOMED CT), and its words. */
static void radiotherapy_modality(fx *x, json_t *r, json_t *ev)
{
    const char *modality = get_s(ev, "modality"), *technique = get_s(ev, "technique");
    const char *mcode = NULL, *mdisp = NULL, *tcode = NULL, *tdisp = NULL;
    for (size_t i = 0; modality && i < sizeof modalities / sizeof modalities[0]; i++)
        if (!ldrt__ascii_casecmp(modality, modalities[i].word)) {
            mcode = modalities[i].code;
            mdisp = modalities[i].display;
        }
    for (size_t i = 0; technique && i < sizeof techniques / sizeof techniques[0]; i++)
        if (!ldrt__ascii_casecmp(technique, techniques[i].word)) {
            tcode = techniques[i].code;
            tdisp = techniques[i].display;
        }
    if (mcode) {
        json_t *mt = O(x), *sub = A(x);
        put_s(x, mt, "url", FHIR_MCODE "mcode-radiotherapy-modality-and-technique");
        add(x, sub, ext(x, FHIR_MCODE "mcode-radiotherapy-modality", "valueCodeableConcept",
                        cc(x, FHIR_SCT, mcode, mdisp, NULL)));
        if (tcode)
            add(x, sub, ext(x, FHIR_MCODE "mcode-radiotherapy-technique", "valueCodeableConcept",
                            cc(x, FHIR_SCT, tcode, tdisp, NULL)));
        put(x, mt, "extension", sub);
        push_ext(x, r, mt);
    }
    ext_s(x, r, LX "modality", modality);
    ext_s(x, r, LX "technique", technique);
}

/* Sessions, dose delivered to the volume, and EQD2 and BED (linear-
 * quadratic, summed over the fractions, no time factor) at the two
 * alpha/beta values of the report: from the model's course, where a
 * prescription is expanded into its fractions. */
static void radiotherapy_dose(fx *x, json_t *r, const char *course_id, const char *vurl)
{
    const ldrt_course *course = NULL;
    size_t nf = 0;
    double total_gy = 0;
    if (course_id && ldrt_patient_find_course(x->p, course_id, &course) == LDRT_OK && course) {
        nf = ldrt_course_fraction_count(course);
        ldrt_course_total_dose_gy(course, &total_gy);
    }
    if (!nf)
        return;
    push_ext(x, r, ext(x, FHIR_MCODE "mcode-radiotherapy-sessions", "valueUnsignedInt",
                       json_integer((json_int_t)nf)));
    json_t *dv = O(x), *sub = A(x);
    put_s(x, dv, "url", FHIR_MCODE "mcode-radiotherapy-dose-delivered-to-volume");
    add(x, sub, ext(x, "volume", "valueReference", ref(x, vurl)));
    add(x, sub, ext(x, "totalDoseDelivered", "valueQuantity", quantity(x, cgy(total_gy), "cGy")));
    add(x, sub, ext(x, "fractionsDelivered", "valueUnsignedInt", json_integer((json_int_t)nf)));
    put(x, dv, "extension", sub);
    push_ext(x, r, dv);
    static const double abs_gy[] = { 10.0, 3.0 };
    for (size_t k = 0; k < 2; k++) {
        double tot, bed, eqd2;
        if (ldrt_course_dose(course, abs_gy[k], &tot, &bed, &eqd2) != LDRT_OK)
            continue;
        for (int m = 0; m < 2; m++) {
            json_t *e = O(x), *s = A(x);
            put_s(x, e, "url", LX "dose-equivalent");
            add(x, s, ext(x, "metric", "valueCode", str(x, m ? "BED" : "EQD2")));
            add(x, s, ext(x, "alphaBeta", "valueQuantity", quantity(x, abs_gy[k], "Gy")));
            add(x, s, ext(x, "dose", "valueQuantity", quantity(x, m ? bed : eqd2, "Gy")));
            put(x, e, "extension", s);
            push_ext(x, r, e);
        }
    }
}

/* The course as the document writes it: fractions, prescription, margin, targets. */
static void radiotherapy_plan(fx *x, json_t *r, json_t *ev)
{
    json_t *fr = json_object_get(ev, "fractions");
    for (size_t i = 0; i < json_array_size(fr); i++) {
        json_t *f = json_array_get(fr, i), *e = O(x), *s = A(x);
        double dgy;
        put_s(x, e, "url", LX "fraction");
        if (get_s(f, "date"))
            add(x, s, ext(x, "date", "valueDateTime", str(x, get_s(f, "date"))));
        if (get_n(f, "dose_gy", &dgy))
            add(x, s, ext(x, "dose", "valueQuantity", quantity(x, dgy, "Gy")));
        put(x, e, "extension", s);
        push_ext(x, r, e);
    }
    json_t *rx = json_object_get(ev, "prescription");
    if (json_is_object(rx)) {
        json_t *e = O(x), *s = A(x);
        double t, n;
        put_s(x, e, "url", LX "prescription");
        if (get_n(rx, "total_gy", &t))
            add(x, s, ext(x, "total", "valueQuantity", quantity(x, t, "Gy")));
        if (get_n(rx, "fractions", &n))
            add(x, s, ext(x, "fractions", "valuePositiveInt", num(x, n)));
        if (get_s(rx, "schedule"))
            add(x, s, ext(x, "schedule", "valueCode", str(x, get_s(rx, "schedule"))));
        put(x, e, "extension", s);
        push_ext(x, r, e);
    }
    double margin;
    if (get_n(ev, "margin_mm", &margin))
        push_ext(x, r, ext(x, LX "margin", "valueQuantity", quantity(x, margin, "mm")));
    json_t *tg = json_object_get(ev, "targets");
    for (size_t i = 0; i < json_array_size(tg); i++) {
        const char *u = lesion_url(x, json_string_value(json_array_get(tg, i)));
        if (u)
            push_ext(x, r, ext(x, LX "target-lesion", "valueReference", ref(x, u)));
    }
}

/* The members of a course that no element takes. */
static json_t *radiotherapy_rest(fx *x, json_t *ev)
{
    json_t *rest = rest_of(x, ev);
    static const char *const taken[] = { "course_id", "targets", "site", "technique", "modality",
                                         "intent", "margin_mm", NULL };
    for (size_t i = 0; taken[i]; i++)
        take(rest, taken[i]);
    take_code(rest, "site_code");
    json_t *rrx = json_object_get(rest, "prescription");
    take(rrx, "total_gy");
    take(rrx, "fractions");
    take(rrx, "schedule");
    json_t *rfr = json_object_get(rest, "fractions");
    for (size_t i = 0; i < json_array_size(rfr); i++) {
        take(json_array_get(rfr, i), "date");
        take(json_array_get(rfr, i), "dose_gy");
    }
    return rest;
}

static void radiotherapy_event(fx *x, json_t *ev, const char *ptr)
{
    char key[64], url[REF_SIZE], vurl[REF_SIZE];
    snprintf(key, sizeof key, "Procedure%s", ptr);
    const char *course_id = get_s(ev, "course_id");
    radiotherapy_volume(x, ev, ptr, course_id, vurl);
    json_t *r = resource(x, "Procedure", key, FHIR_MCODE "mcode-radiotherapy-course-summary", url);
    common_event(x, r, ev, ptr);
    procedure_intent(x, r, get_s(ev, "intent"));
    radiotherapy_modality(x, r, ev);
    ext_s(x, r, LX "intent", get_s(ev, "intent"));
    radiotherapy_dose(x, r, course_id, vurl);
    radiotherapy_plan(x, r, ev);
    if (course_id) {
        json_t *ids = A(x), *id = O(x);
        put_s(x, id, "system", LID "course");
        put_s(x, id, "value", course_id);
        add(x, ids, id);
        put(x, r, "identifier", ids);
    }
    put_s(x, r, "status", "completed");
    put(x, r, "category", cc(x, FHIR_SCT, "1287742003", "Radiotherapy (procedure)", NULL));
    put(x, r, "code", cc(x, FHIR_SCT, "1217123003", "Radiotherapy course of treatment (regime/therapy)", NULL));
    put(x, r, "subject", ref(x, x->patient));
    /* performedPeriod only (mCODE): the course's date, and its end when recorded. */
    json_t *p = O(x);
    put_s(x, p, "start", get_s(ev, "date"));
    put_s(x, p, "end", get_s(ev, "end"));
    put(x, r, "performedPeriod", p);
    reason_condition(x, r);
    json_t *site = coded(x, ev, "site", "site_code", 0);
    if (site)
        list_add(x, r, "bodySite", site);
    note(x, r, get_s(ev, "note"));
    json_t *rest = radiotherapy_rest(x, ev);
    residue(x, r, ptr, rest, ev);
    json_decref(rest);
    emit(x, r, url);
}

/* mCODE TumorSizeMethodVS (SNOMED CT) by scan modality. */
static void size_method(fx *x, json_t *r, const char *modality)
{
    const char *code = "363679005", *display = "Imaging (procedure)";
    if (modality && !strcmp(modality, "CT")) {
        code = "77477000";
        display = "Computerized axial tomography (procedure)";
    } else if (modality && !strcmp(modality, "MRI")) {
        code = "113091000";
        display = "Magnetic resonance imaging (procedure)";
    } else if (modality && (!strcmp(modality, "PET/CT") || !strcmp(modality, "PET"))) {
        code = "82918005";
        display = "Positron emission tomography (procedure)";
    }
    put(x, r, "method", cc(x, FHIR_SCT, code, display, NULL));
}

static json_t *component(fx *x, const char *system, const char *code, const char *display,
                         const char *code2, json_t *value, const char *absent)
{
    json_t *c = O(x), *cd = cc(x, system, code, display, NULL);
    if (code2)
        add(x, json_object_get(cd, "coding"), coding(x, LCS "observation", code2, "Short axis"));
    put(x, c, "code", cd);
    if (value)
        put(x, c, "valueQuantity", value);
    else
        put(x, c, "dataAbsentReason", cc(x, FHIR_DAR_CS, absent, NULL, NULL));
    return c;
}

static int lesion_nodal(fx *x, const char *id)
{
    json_t *ls = json_object_get(x->doc, "lesions");
    for (size_t i = 0; id && i < json_array_size(ls); i++) {
        json_t *l = json_array_get(ls, i);
        const char *lid = get_s(l, "id");
        if (lid && !strcmp(lid, id))
            return json_is_true(json_object_get(l, "nodal"));
    }
    return 0;
}

/* An Observation derived from a scan, with its pointer, code and focus. */
static json_t *scan_obs(fx *x, const char *key, const char *pointer, json_t *ev,
                        const char *study, char url[REF_SIZE])
{
    json_t *o = resource(x, "Observation", key, NULL, url);
    source(x, o, pointer);
    put_s(x, o, "status", "final");
    (void)ev;
    (void)study;
    return o;
}

static void finish_scan_obs(fx *x, json_t *o, json_t *ev, const char *study, const char *lesion)
{
    put(x, o, "subject", ref(x, x->patient));
    const char *lu = lesion_url(x, lesion);
    if (lu) {
        json_t *f = A(x);
        add(x, f, ref(x, lu));
        put(x, o, "focus", f);
    }
    put_s(x, o, "effectiveDateTime", get_s(ev, "date"));
    json_t *df = A(x);
    add(x, df, ref(x, study));
    put(x, o, "derivedFrom", df);
}

static void status_obs(fx *x, json_t *ev, const char *ptr, const char *study, const char *criteria,
                       const char *label, int recorded, const char *suffix)
{
    const char *tcode, *tdisp;
    char key[160], url[REF_SIZE], system[128];
    snprintf(key, sizeof key, "Observation%s/%s", ptr, suffix);
    json_t *o = resource(x, "Observation", key, FHIR_MCODE "mcode-cancer-disease-status", url);
    char sp[160];
    snprintf(sp, sizeof sp, "%s%s", ptr, recorded ? "/recorded_response" : "");
    source(x, o, sp);
    push_ext(x, o, ext(x, FHIR_MCODE "mcode-cancer-disease-status-evidence-type",
                       "valueCodeableConcept", cc(x, FHIR_SCT, "363679005", "Imaging (procedure)", NULL)));
    push_ext(x, o, ext(x, LX "response-assessment", "valueCode", str(x, recorded ? "recorded" : "computed")));
    put_s(x, o, "status", "final");
    put(x, o, "code", cc(x, FHIR_LOINC, "97509-4", "Cancer Disease Progression", NULL));
    put(x, o, "subject", ref(x, x->patient));
    if (x->condition[0]) {
        json_t *f = A(x);
        add(x, f, ref(x, x->condition));
        put(x, o, "focus", f);
    }
    put_s(x, o, "effectiveDateTime", get_s(ev, "date"));
    json_t *v = O(x), *codings = A(x);
    if (ldrt__fhir_trend(label, &tcode, &tdisp))
        add(x, codings, coding(x, FHIR_SCT, tcode, tdisp));
    snprintf(system, sizeof system, "%sresponse-%s", LCS, criteria);
    add(x, codings, coding(x, system, label, NULL));
    put(x, v, "coding", codings);
    put(x, o, "valueCodeableConcept", v);
    json_t *df = A(x);
    add(x, df, ref(x, study));
    put(x, o, "derivedFrom", df);
    emit(x, o, url);
}

/* The time points of every criteria the record can be assessed by. */
typedef struct {
    ldrt_assessment *a[3];
} assessments;

/* The DICOM modalities of a scan's modality word (none for others). */
static void imaging_modality(fx *x, json_t *r, const char *modality)
{
    if (!modality)
        return;
    json_t *m = A(x);
    if (!strcmp(modality, "CT"))
        add(x, m, coding(x, FHIR_DCM, "CT", "Computed Tomography"));
    else if (!strcmp(modality, "MRI"))
        add(x, m, coding(x, FHIR_DCM, "MR", "Magnetic Resonance"));
    else if (!strcmp(modality, "PET/CT")) {
        add(x, m, coding(x, FHIR_DCM, "PT", "Positron emission tomography"));
        add(x, m, coding(x, FHIR_DCM, "CT", "Computed Tomography"));
    } else if (!strcmp(modality, "PET"))
        add(x, m, coding(x, FHIR_DCM, "PT", "Positron emission tomography"));
    if (json_array_size(m))
        put(x, r, "modality", m);
    else
        json_decref(m);
}

/* A boolean member of o, when it is one, as extension url of r. */
static void ext_bool(fx *x, json_t *r, const char *url, json_t *o, const char *key)
{
    json_t *b = json_object_get(o, key);
    if (json_is_boolean(b))
        push_ext(x, r, ext(x, url, "valueBoolean", json_boolean(json_is_true(b))));
}

/* The scan itself: an ImagingStudy, with the event's residue; its full URL in url. */
static void imaging_study(fx *x, json_t *ev, const char *ptr, char url[REF_SIZE])
{
    char key[64];
    snprintf(key, sizeof key, "ImagingStudy%s", ptr);
    json_t *r = resource(x, "ImagingStudy", key, NULL, url);
    common_event(x, r, ev, ptr);
    ext_s(x, r, LX "imaging-modality", get_s(ev, "modality"));
    ext_bool(x, r, LX "baseline", ev, "baseline");
    double v;
    if (get_n(ev, "liver_sul_mean", &v))
        push_ext(x, r, ext(x, LX "liver-sul-mean", "valueDecimal", num(x, v)));
    if (get_n(ev, "blood_pool_sul", &v))
        push_ext(x, r, ext(x, LX "blood-pool-sul", "valueDecimal", num(x, v)));
    json_t *nl = json_object_get(ev, "new_lesions");
    if (json_is_array(nl) && json_array_size(nl) == 0)
        push_ext(x, r, ext(x, LX "new-lesions-none", "valueBoolean", json_true()));
    put_s(x, r, "status", "available");
    imaging_modality(x, r, get_s(ev, "modality"));
    json_t *proc = coded(x, ev, NULL, "code", 0);
    if (proc)
        list_add(x, r, "procedureCode", proc);
    put(x, r, "subject", ref(x, x->patient));
    put_s(x, r, "started", get_s(ev, "date"));
    note(x, r, get_s(ev, "note"));
    json_t *rest = rest_of(x, ev);
    static const char *const taken[] = { "modality", "baseline", "liver_sul_mean", "blood_pool_sul",
                                         "measurements", "sul_peak", "non_target", "new_lesions", NULL };
    for (size_t i = 0; taken[i]; i++)
        take(rest, taken[i]);
    take_code(rest, "code");
    json_t *rrr = json_object_get(rest, "recorded_response");
    if (get_s(rrr, "criteria") && get_s(rrr, "overall")) {
        take(rrr, "criteria");
        take(rrr, "overall");
    }
    residue(x, r, ptr, rest, ev);
    json_decref(rest);
    emit(x, r, url);
}

/* Measurement i of a scan: mCODE TumorSize. */
static void tumor_size(fx *x, json_t *ev, const char *ptr, const char *study, size_t i)
{
    json_t *m = json_array_get(json_object_get(ev, "measurements"), i);
    char mp[96], mk[128], mu[REF_SIZE];
    snprintf(mp, sizeof mp, "%s/measurements/%zu", ptr, i);
    snprintf(mk, sizeof mk, "Observation%s", mp);
    json_t *o = resource(x, "Observation", mk, FHIR_MCODE "mcode-tumor-size", mu);
    source(x, o, mp);
    ext_bool(x, o, LX "too-small", m, "too_small");
    put_s(x, o, "status", "final");
    put(x, o, "code", cc(x, FHIR_LOINC, "21889-1", "Size Tumor", NULL));
    finish_scan_obs(x, o, ev, study, get_s(m, "lesion"));
    size_method(x, o, get_s(ev, "modality"));
    double dmm = 0;
    int has = get_n(m, "diameter_mm", &dmm);
    json_t *comps = A(x);
    if (lesion_nodal(x, get_s(m, "lesion"))) {
        /* A node is measured by its short axis (RECIST 1.1): LOINC has
         * no short-axis code in the TumorSize value set; the additional
         * dimension (33729-5) carries it, marked by a libldrt coding,
         * and the longest dimension is absent. */
        add(x, comps, component(x, FHIR_LOINC, "33728-7", "Size.maximum dimension in Tumor",
                                NULL, NULL, "not-performed"));
        if (has)
            add(x, comps, component(x, FHIR_LOINC, "33729-5", "Size additional dimension in Tumor",
                                    "short-axis", quantity(x, dmm, "mm"), NULL));
    } else {
        add(x, comps, component(x, FHIR_LOINC, "33728-7", "Size.maximum dimension in Tumor",
                                NULL, has ? quantity(x, dmm, "mm") : NULL, "not-performed"));
    }
    put(x, o, "component", comps);
    json_t *mrest = json_deep_copy(m);
    if (!mrest)
        x->oom = 1;
    take(mrest, "lesion");
    if (json_is_number(json_object_get(mrest, "diameter_mm")))
        take(mrest, "diameter_mm");
    take(mrest, "too_small");
    residue(x, o, mp, mrest, m);
    json_decref(mrest);
    emit(x, o, mu);
}

/* SULpeak i of a scan. */
static void sul_peak(fx *x, json_t *ev, const char *ptr, const char *study, size_t i)
{
    json_t *s = json_array_get(json_object_get(ev, "sul_peak"), i);
    char sp[96], sk[128], su[REF_SIZE];
    snprintf(sp, sizeof sp, "%s/sul_peak/%zu", ptr, i);
    snprintf(sk, sizeof sk, "Observation%s", sp);
    json_t *o = scan_obs(x, sk, sp, ev, study, su);
    put(x, o, "code", cc(x, LCS "observation", "sul-peak", "SULpeak", NULL));
    finish_scan_obs(x, o, ev, study, get_s(s, "lesion"));
    double val;
    if (get_n(s, "value", &val))
        put(x, o, "valueQuantity", quantity(x, val, NULL));
    json_t *srest = json_deep_copy(s);
    if (!srest)
        x->oom = 1;
    take(srest, "lesion");
    take(srest, "value");
    residue(x, o, sp, srest, s);
    json_decref(srest);
    emit(x, o, su);
}

/* The state of non-target lesion lid at a scan. */
static void non_target(fx *x, json_t *ev, const char *ptr, const char *study, const char *lid,
                       json_t *st)
{
    ldrt__buf k, kk;
    ldrt__buf_init(&k);
    ldrt__buf_puts(&k, ptr);
    pointer_add(&k, "non_target");
    pointer_add(&k, lid);
    ldrt__buf_init(&kk);
    ldrt__buf_puts(&kk, "Observation");
    ldrt__buf_puts(&kk, k.data ? k.data : "");
    char nu[REF_SIZE];
    if (k.data && kk.data) {
        json_t *o = scan_obs(x, kk.data, k.data, ev, study, nu);
        put(x, o, "code", cc(x, LCS "observation", "non-target-state", "Non-target lesion state", NULL));
        finish_scan_obs(x, o, ev, study, lid);
        ext_s(x, o, LX "lesion-id", lid);
        if (json_is_string(st))
            put(x, o, "valueCodeableConcept",
                cc(x, LCS "lesion-state", json_string_value(st), NULL, NULL));
        emit(x, o, nu);
    } else {
        x->oom = 1;
    }
    ldrt__buf_free(&k);
    ldrt__buf_free(&kk);
}

/* New lesion i of a scan. */
static void new_lesion(fx *x, json_t *ev, const char *ptr, const char *study, size_t i)
{
    json_t *n = json_array_get(json_object_get(ev, "new_lesions"), i);
    char np[96], nk[128], nu[REF_SIZE];
    snprintf(np, sizeof np, "%s/new_lesions/%zu", ptr, i);
    snprintf(nk, sizeof nk, "Observation%s", np);
    json_t *o = scan_obs(x, nk, np, ev, study, nu);
    put(x, o, "code", cc(x, LCS "observation", "new-lesion", "New lesion", NULL));
    finish_scan_obs(x, o, ev, study, get_s(n, "id"));
    ext_s(x, o, LX "lesion-id", get_s(n, "id"));
    double dmm = 0;
    if (get_n(n, "diameter_mm", &dmm))
        put(x, o, "valueQuantity", quantity(x, dmm, "mm"));
    if (get_s(n, "site"))
        put(x, o, "bodySite", cc(x, NULL, NULL, NULL, get_s(n, "site")));
    json_t *nrest = json_deep_copy(n);
    if (!nrest)
        x->oom = 1;
    take(nrest, "id");
    take(nrest, "site");
    take(nrest, "diameter_mm");
    residue(x, o, np, nrest, n);
    json_decref(nrest);
    emit(x, o, nu);
}

/* The computed overall response of a scan, per criteria: time points
 * follow the scans in date order; a time point is this scan's when its
 * date is the scan's. */
static void computed_status(fx *x, json_t *ev, const char *ptr, const char *study,
                            assessments *as, size_t *tp_next)
{
    for (int c = 0; c < 3; c++) {
        ldrt_assessment *a = as->a[c];
        if (!a)
            continue;
        size_t n = ldrt_assessment_timepoint_count(a);
        for (size_t i = tp_next[c]; i < n; i++) {
            ldrt_date d;
            ldrt_response overall;
            char dt[LDRT_DATE_BUFSIZE];
            if (ldrt_assessment_timepoint(a, i, &d, &overall, NULL, NULL, NULL) ||
                ldrt_date_format(d, dt, sizeof dt) || !get_s(ev, "date") ||
                strcmp(dt, get_s(ev, "date")) != 0)
                continue;
            tp_next[c] = i + 1;
            const char *label = ldrt_response_label_name((ldrt_response)overall);
            const char *tc, *td;
            if (label && ldrt__fhir_trend(label, &tc, &td)) {
                char suffix[48];
                const char *crit = ldrt_criteria_name((ldrt_criteria)c);
                snprintf(suffix, sizeof suffix, "response/%s", crit);
                status_obs(x, ev, ptr, study, crit, label, 0, suffix);
            }
            break;
        }
    }
}

static void imaging_event(fx *x, json_t *ev, const char *ptr, assessments *as, size_t *tp_next)
{
    char url[REF_SIZE];
    imaging_study(x, ev, ptr, url);
    for (size_t i = 0; i < json_array_size(json_object_get(ev, "measurements")); i++)
        tumor_size(x, ev, ptr, url, i);
    for (size_t i = 0; i < json_array_size(json_object_get(ev, "sul_peak")); i++)
        sul_peak(x, ev, ptr, url, i);
    json_t *nt = json_object_get(ev, "non_target");
    if (json_is_object(nt)) {
        const char *lid;
        json_t *st;
        json_object_foreach(nt, lid, st)
            non_target(x, ev, ptr, url, lid, st);
    }
    for (size_t i = 0; i < json_array_size(json_object_get(ev, "new_lesions")); i++)
        new_lesion(x, ev, ptr, url, i);
    json_t *rr = json_object_get(ev, "recorded_response");
    if (json_is_object(rr) && get_s(rr, "criteria") && get_s(rr, "overall"))
        status_obs(x, ev, ptr, url, get_s(rr, "criteria"), get_s(rr, "overall"), 1, "recorded");
    computed_status(x, ev, ptr, url, as, tp_next);
}

/* ---- pruning: no empty arrays, objects or strings, no nulls -------------------------------- */

static int prune(json_t *v)
{
    if (json_is_object(v)) {
        const char *key;
        json_t *m;
        void *tmp;
        json_object_foreach_safe(v, tmp, key, m) {
            if (prune(m))
                json_object_del(v, key);
        }
        return json_object_size(v) == 0;
    }
    if (json_is_array(v)) {
        for (size_t i = json_array_size(v); i-- > 0;)
            if (prune(json_array_get(v, i)))
                json_array_remove(v, i);
        return json_array_size(v) == 0;
    }
    if (json_is_null(v))
        return 1;
    if (json_is_string(v))
        return json_string_length(v) == 0;
    return 0;
}

static int build(const ldrt_patient *p, json_t **out)
{
    json_t *doc = NULL;
    int rc = ldrt__patient_to_json(p, &doc);
    if (rc)
        return rc;
    fx x = { 0 };
    x.p = p;
    x.doc = doc;
    x.pid = get_s(json_object_get(doc, "patient"), "id");
    if (!x.pid)
        x.pid = "";
    x.entries = A(&x);
    x.lesions = O(&x);
    assessments as = { { NULL, NULL, NULL } };
    /* A record that a criteria cannot assess has no computed status for it;
     * running out of memory is a failure, never a shorter bundle. */
    for (int c = 0; c < 3; c++) {
        int arc = ldrt_patient_assess(p, (ldrt_criteria)c, NULL, &as.a[c]);
        if (arc != LDRT_OK)
            as.a[c] = NULL;
        if (arc == LDRT_ENOMEM)
            x.oom = 1;
    }
    ldrt_clear_error();
    json_t *bundle = O(&x);
    char burl[REF_SIZE];
    url_of(&x, "Bundle", burl);
    put_s(&x, bundle, "resourceType", "Bundle");
    put_s(&x, bundle, "id", burl + 9);
    {
        json_t *id = O(&x);
        put_s(&x, id, "system", "urn:ietf:rfc:3986");
        put_s(&x, id, "value", burl);
        put(&x, bundle, "identifier", id);
    }
    put_s(&x, bundle, "type", "collection");
    patient_resource(&x);
    diagnosis_resources(&x);
    lesion_resources(&x);
    json_t *events = json_object_get(doc, "events");
    size_t tp_next[3] = { 0, 0, 0 };
    for (size_t k = 0; k < json_array_size(events) && !x.oom; k++) {
        json_t *ev = json_array_get(events, k);
        char ptr[48];
        snprintf(ptr, sizeof ptr, "/events/%zu", k);
        const char *type = get_s(ev, "type");
        if (!type)
            continue;
        if (!strcmp(type, "diagnosis") || !strcmp(type, "recurrence") ||
            !strcmp(type, "progression") || !strcmp(type, "note"))
            text_event(&x, ev, ptr, type);
        else if (!strcmp(type, "surgery"))
            surgery_event(&x, ev, ptr);
        else if (!strcmp(type, "systemic"))
            systemic_event(&x, ev, ptr);
        else if (!strcmp(type, "radiotherapy"))
            radiotherapy_event(&x, ev, ptr);
        else if (!strcmp(type, "imaging"))
            imaging_event(&x, ev, ptr, &as, tp_next);
        else if (!strcmp(type, "toxicity"))
            toxicity_event(&x, ev, ptr);
        else if (!strcmp(type, "hold"))
            hold_event(&x, ev, ptr);
    }
    for (int c = 0; c < 3; c++)
        ldrt_assessment_free(as.a[c]);
    put(&x, bundle, "entry", x.entries);
    json_decref(x.lesions);
    json_decref(doc);
    if (x.oom) {
        json_decref(bundle);
        return ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory");
    }
    prune(bundle);
    *out = bundle;
    return LDRT_OK;
}

int ldrt_patient_write_fhir(const ldrt_patient *patient, char **out, size_t *size)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    if (size)
        *size = 0;
    json_t *bundle = NULL;
    int rc = build(patient, &bundle);
    if (rc)
        return rc;
    ldrt__buf b;
    ldrt__buf_init(&b);
    rc = ldrt__json_print(&b, bundle);
    json_decref(bundle);
    if (!rc)
        rc = ldrt__buf_add(&b, "\n", 1);
    if (rc) {
        ldrt__buf_free(&b);
        return ldrt__error(LDRT_ENOMEM, "FHIR bundle: out of memory");
    }
    if (b.len > LDRT_JSON_MAX_BYTES) {
        ldrt__buf_free(&b);
        return ldrt__error(LDRT_ERANGE, "FHIR bundle: longer than %u bytes", LDRT_JSON_MAX_BYTES);
    }
    if (size)
        *size = b.len;
    *out = b.data;
    return LDRT_OK;
}

int ldrt_patient_save_fhir(const ldrt_patient *patient, const char *path)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(path);
    if (!*path)
        return ldrt__error(LDRT_EINVAL, "path: must not be empty");
    char *text = NULL;
    size_t n = 0;
    int rc = ldrt_patient_write_fhir(patient, &text, &n);
    if (rc)
        return rc;
    rc = ldrt__write_file_atomic(path, text, n);
    ldrt_free(text);
    return rc;
}
