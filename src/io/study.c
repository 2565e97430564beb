/*
 * The study handle: subjects by USUBJID, the rows the SDTM reader could not
 * map, the reader streams found; and the audit of recorded responses.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "io_internal.h"
#include "study_internal.h"

/* ---- settings ----------------------------------------------------------------- */

int ldrt_sdtm_options_new(ldrt_sdtm_options **out)
{
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    ldrt_sdtm_options *o = ldrt__calloc(1, sizeof *o);
    if (o)
        o->reader = ldrt__strdup("INVESTIGATOR");
    if (!o || !o->reader) {
        ldrt__free(o);
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    }
    o->criteria = LDRT_CRITERIA_RECIST11;
    *out = o;
    return LDRT_OK;
}

void ldrt_sdtm_options_free(ldrt_sdtm_options *o)
{
    if (!o)
        return;
    ldrt__free(o->reader);
    ldrt__free(o);
}

int ldrt_sdtm_options_set_reader(ldrt_sdtm_options *o, const char *reader)
{
    LDRT__CHECK_NOT_NULL(o);
    LDRT__CHECK_NOT_NULL(reader);
    if (!*reader)
        return ldrt__error(LDRT_EINVAL, "reader: must not be empty");
    char *r = ldrt__strdup(reader);
    if (!r)
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    ldrt__free(o->reader);
    o->reader = r;
    return LDRT_OK;
}

int ldrt_sdtm_options_set_criteria(ldrt_sdtm_options *o, ldrt_criteria criteria)
{
    LDRT__CHECK_NOT_NULL(o);
    if (!ldrt_criteria_name(criteria))
        return ldrt__error(LDRT_EINVAL, "criteria: unknown value %d", (int)criteria);
    o->criteria = criteria;
    return LDRT_OK;
}

/* ---- the study ---------------------------------------------------------------- */

int ldrt_study_new(const char *studyid, ldrt_study **out)
{
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    LDRT__CHECK_NOT_NULL(studyid);
    if (!*studyid)
        return ldrt__error(LDRT_EINVAL, "studyid: must not be empty");
    ldrt_study *st = ldrt__calloc(1, sizeof *st);
    if (st) {
        st->studyid = ldrt__strdup(studyid);
        st->reader = ldrt__strdup("INVESTIGATOR");
    }
    if (!st || !st->studyid || !st->reader) {
        ldrt_study_free(st);
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    }
    *out = st;
    return LDRT_OK;
}

void ldrt_study_free(ldrt_study *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n; i++)
        ldrt_patient_free(st->s[i].patient);
    for (size_t i = 0; i < st->nu; i++) {
        ldrt__free(st->u[i].file);
        ldrt__free(st->u[i].usubjid);
        ldrt__free(st->u[i].reason);
    }
    for (size_t i = 0; i < st->nstreams; i++)
        ldrt__free(st->streams[i]);
    ldrt__free(st->streams);
    ldrt__free(st->u);
    ldrt__free(st->s);
    ldrt__free(st->hash);
    ldrt__free(st->studyid);
    ldrt__free(st->reader);
    ldrt__free(st);
}

const char *ldrt_study_id(const ldrt_study *st) { return st ? st->studyid : NULL; }
const char *ldrt_study_reader(const ldrt_study *st) { return st ? st->reader : NULL; }
size_t ldrt_study_reader_count(const ldrt_study *st) { return st ? st->nstreams : 0; }

const char *ldrt_study_reader_at(const ldrt_study *st, size_t i)
{
    return st && i < st->nstreams ? st->streams[i] : NULL;
}

size_t ldrt_study_subject_count(const ldrt_study *st) { return st ? st->n : 0; }

const ldrt_patient *ldrt_study_patient_at(const ldrt_study *st, size_t i)
{
    return st && i < st->n ? st->s[i].patient : NULL;
}

ldrt_patient *ldrt_study_patient_at_mut(ldrt_study *st, size_t i)
{
    return st && i < st->n ? st->s[i].patient : NULL;
}

static uint64_t hash_text(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

static int rehash(ldrt_study *st, size_t cap)
{
    size_t *h = ldrt__calloc(cap, sizeof *h);
    if (!h)
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    for (size_t i = 0; i < st->n; i++) {
        size_t k = (size_t)(hash_text(ldrt_patient_id(st->s[i].patient)) & (cap - 1));
        while (h[k])
            k = (k + 1) & (cap - 1);
        h[k] = i + 1;
    }
    ldrt__free(st->hash);
    st->hash = h;
    st->hash_cap = cap;
    return LDRT_OK;
}

int ldrt_study_find_subject(const ldrt_study *st, const char *usubjid, size_t *index)
{
    LDRT__CHECK_NOT_NULL(st);
    LDRT__CHECK_NOT_NULL(usubjid);
    LDRT__CHECK_NOT_NULL(index);
    if (st->hash_cap) {
        size_t k = (size_t)(hash_text(usubjid) & (st->hash_cap - 1));
        while (st->hash[k]) {
            size_t i = st->hash[k] - 1;
            if (strcmp(ldrt_patient_id(st->s[i].patient), usubjid) == 0) {
                *index = i;
                return LDRT_OK;
            }
            k = (k + 1) & (st->hash_cap - 1);
        }
    }
    return ldrt__error(LDRT_ENOTFOUND, "no subject '%s' in the study", usubjid);
}

/* Appends a record (taken over on success). */
static int append(ldrt_study *st, ldrt_patient *p, size_t *index)
{
    if (st->n == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 16;
        study_subject *s = ldrt__reallocarray(st->s, cap, sizeof *s);
        if (!s)
            return ldrt__error(LDRT_ENOMEM, "out of memory");
        st->s = s;
        st->cap = cap;
    }
    if ((st->n + 1) * 2 > st->hash_cap) {
        size_t cap = st->hash_cap ? st->hash_cap * 2 : 64;
        size_t save = st->n;
        int rc = rehash(st, cap);
        if (rc != LDRT_OK)
            return rc;
        st->n = save;
    }
    st->s[st->n] = (study_subject){ .patient = p };
    size_t k = (size_t)(hash_text(ldrt_patient_id(p)) & (st->hash_cap - 1));
    while (st->hash[k])
        k = (k + 1) & (st->hash_cap - 1);
    st->hash[k] = st->n + 1;
    if (index)
        *index = st->n;
    st->n++;
    return LDRT_OK;
}

int ldrt_study_add_patient(ldrt_study *st, ldrt_patient *p)
{
    LDRT__CHECK_NOT_NULL(st);
    LDRT__CHECK_NOT_NULL(p);
    size_t i;
    if (ldrt_study_find_subject(st, ldrt_patient_id(p), &i) == LDRT_OK)
        return ldrt__error(LDRT_ESTATE, "the study already has a subject '%s'", ldrt_patient_id(p));
    ldrt_clear_error();
    return append(st, p, NULL);
}

int ldrt__study_subject(ldrt_study *st, const char *usubjid, size_t *index)
{
    if (ldrt_study_find_subject(st, usubjid, index) == LDRT_OK)
        return LDRT_OK;
    ldrt_patient *p = NULL;
    int rc = ldrt_patient_new(usubjid, &p);
    if (rc != LDRT_OK)
        return rc;
    rc = append(st, p, index);
    if (rc != LDRT_OK)
        ldrt_patient_free(p);
    return rc;
}

static int cmp_subject(const void *a, const void *b)
{
    const study_subject *x = a, *y = b;
    return strcmp(ldrt_patient_id(x->patient), ldrt_patient_id(y->patient));
}

int ldrt__study_sort(ldrt_study *st)
{
    if (st->n > 1)
        qsort(st->s, st->n, sizeof *st->s, cmp_subject);
    return st->hash_cap ? rehash(st, st->hash_cap) : LDRT_OK;
}

int ldrt_study_subject_date(const ldrt_study *st, size_t i, ldrt_study_date which, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(st);
    LDRT__CHECK_NOT_NULL(out);
    if (i >= st->n)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu subjects)", i, st->n);
    ldrt_date d;
    if (which == LDRT_STUDY_FIRST_DOSE)
        d = st->s[i].first_dose;
    else if (which == LDRT_STUDY_RANDOMIZATION)
        d = st->s[i].randomization;
    else
        return ldrt__error(LDRT_EINVAL, "which: unknown study date %d", (int)which);
    if (!d)
        return ldrt__error(LDRT_ENOTFOUND, "%s: no %s date", ldrt_patient_id(st->s[i].patient),
                           which == LDRT_STUDY_FIRST_DOSE ? "first-dose" : "randomization");
    *out = d;
    return LDRT_OK;
}

int ldrt_study_set_subject_date(ldrt_study *st, size_t i, ldrt_study_date which, ldrt_date date)
{
    LDRT__CHECK_NOT_NULL(st);
    if (i >= st->n)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu subjects)", i, st->n);
    if (date != LDRT_DATE_NONE && ldrt_date_validate(date) != LDRT_OK)
        return ldrt__error(LDRT_EINVAL, "date: %ld is not a valid date", (long)date);
    if (which == LDRT_STUDY_FIRST_DOSE)
        st->s[i].first_dose = date;
    else if (which == LDRT_STUDY_RANDOMIZATION)
        st->s[i].randomization = date;
    else
        return ldrt__error(LDRT_EINVAL, "which: unknown study date %d", (int)which);
    return LDRT_OK;
}

int ldrt__study_unmapped(ldrt_study *st, const char *domain, const char *file, size_t row,
                         const char *usubjid, const char *fmt, ...)
{
    if (st->nu == st->capu) {
        size_t cap = st->capu ? st->capu * 2 : 32;
        study_unmapped *u = ldrt__reallocarray(st->u, cap, sizeof *u);
        if (!u)
            return ldrt__error(LDRT_ENOMEM, "out of memory");
        st->u = u;
        st->capu = cap;
    }
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    study_unmapped *u = &st->u[st->nu];
    memset(u, 0, sizeof *u);
    snprintf(u->domain, sizeof u->domain, "%s", domain);
    u->file = ldrt__strdup(file);
    u->usubjid = ldrt__strdup(usubjid ? usubjid : "");
    u->reason = ldrt__strdup(reason);
    u->row = row;
    if (!u->file || !u->usubjid || !u->reason) {
        ldrt__free(u->file);
        ldrt__free(u->usubjid);
        ldrt__free(u->reason);
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    }
    st->nu++;
    return LDRT_OK;
}

size_t ldrt_study_unmapped_count(const ldrt_study *st) { return st ? st->nu : 0; }

int ldrt_study_unmapped_at(const ldrt_study *st, size_t i, const char **domain, const char **file,
                           size_t *row, const char **usubjid, const char **reason)
{
    LDRT__CHECK_NOT_NULL(st);
    if (i >= st->nu)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu rows)", i, st->nu);
    const study_unmapped *u = &st->u[i];
    if (domain)
        *domain = u->domain;
    if (file)
        *file = u->file;
    if (row)
        *row = u->row;
    if (usubjid)
        *usubjid = u->usubjid;
    if (reason)
        *reason = u->reason;
    return LDRT_OK;
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int ldrt__study_stream(ldrt_study *st, const char *stream)
{
    for (size_t i = 0; i < st->nstreams; i++)
        if (strcmp(st->streams[i], stream) == 0)
            return LDRT_OK;
    if (st->nstreams == st->capstreams) {
        size_t cap = st->capstreams ? st->capstreams * 2 : 8;
        char **s = ldrt__reallocarray(st->streams, cap, sizeof *s);
        if (!s)
            return ldrt__error(LDRT_ENOMEM, "out of memory");
        st->streams = s;
        st->capstreams = cap;
    }
    char *c = ldrt__strdup(stream);
    if (!c)
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    st->streams[st->nstreams++] = c;
    qsort(st->streams, st->nstreams, sizeof *st->streams, cmp_text);
    return LDRT_OK;
}

/* ---- the audit ---------------------------------------------------------------- */

typedef struct disagreement {
    ldrt_date date;
    ldrt_response computed, recorded;
    char *reason;
} disagreement;

typedef struct audit_subject {
    size_t subject;
    ldrt_response best, confirmed;
    int basis; /* basis: 1 computed, 0 recorded, -1 none */
    disagreement *d;
    size_t nd;
    char *note; /* why not assessable */
} audit_subject;

struct ldrt_study_audit {
    const ldrt_study *study;
    ldrt_criteria criteria;
    audit_subject *s;
    size_t n, cap;
};

int ldrt_study_audit_new(const ldrt_study *study, ldrt_criteria criteria, ldrt_study_audit **out)
{
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    LDRT__CHECK_NOT_NULL(study);
    if (!ldrt_criteria_name(criteria))
        return ldrt__error(LDRT_EINVAL, "criteria: unknown value %d", (int)criteria);
    ldrt_study_audit *a = ldrt__calloc(1, sizeof *a);
    if (!a)
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    a->study = study;
    a->criteria = criteria;
    *out = a;
    return LDRT_OK;
}

static void subject_free(audit_subject *s)
{
    for (size_t j = 0; j < s->nd; j++)
        ldrt__free(s->d[j].reason);
    ldrt__free(s->d);
    ldrt__free(s->note);
}

void ldrt_study_audit_free(ldrt_study_audit *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        subject_free(&a->s[i]);
    ldrt__free(a->s);
    ldrt__free(a);
}

static int add_disagreement(audit_subject *s, ldrt_date date, int computed, int recorded,
                            const char *reason)
{
    disagreement *d = ldrt__reallocarray(s->d, s->nd + 1, sizeof *d);
    if (!d)
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    s->d = d;
    d[s->nd] = (disagreement){ date, computed, recorded, ldrt__strdup(reason ? reason : "") };
    if (!d[s->nd].reason)
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    s->nd++;
    return LDRT_OK;
}

/* The recorded response of the criteria on the scan(s) of a date: the
 * label, LDRT_RESPONSE_NONE when none. */
static int recorded_on(const ldrt_patient *p, const char *crit, ldrt_date date)
{
    size_t n = ldrt_patient_event_count(p);
    for (size_t k = 0; k < n; k++) {
        const ldrt_event *e = ldrt_patient_event_at(p, k);
        if (ldrt_event_type(e) != LDRT_EVENT_IMAGING || ldrt_event_date(e) != date)
            continue;
        const char *c = NULL, *label = NULL;
        ldrt_response v = LDRT_RESPONSE_NONE;
        if (ldrt_scan_recorded_response(ldrt_event_as_scan(e), &c, &label) == LDRT_OK &&
            strcmp(c, crit) == 0 && ldrt_response_label_parse(label, &v) == LDRT_OK)
            return v;
    }
    return LDRT_RESPONSE_NONE;
}

static int cmp_disagreement(const void *a, const void *b)
{
    const disagreement *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

static int audit_one(const ldrt_patient *p, ldrt_criteria criteria,
                     const ldrt_response_options *options, audit_subject *s)
{
    const char *crit = ldrt_criteria_name(criteria);
    ldrt_assessment *as = NULL;
    int rc = ldrt_patient_assess(p, criteria, options, &as);
    if (rc == LDRT_ENOTFOUND || rc == LDRT_EINVAL) {
        s->basis = -1;
        s->note = ldrt__strdup(ldrt_last_error());
        ldrt_clear_error();
        return s->note ? LDRT_OK : ldrt__error(LDRT_ENOMEM, "out of memory");
    }
    if (rc != LDRT_OK)
        return rc;
    ldrt_assessment_best(as, 0, &s->best);
    ldrt_assessment_best(as, 1, &s->confirmed);
    size_t n = ldrt_assessment_timepoint_count(as);
    s->basis = 1;
    ldrt_date *seen = ldrt__calloc(n ? n : 1, sizeof *seen);
    if (!seen) {
        ldrt_assessment_free(as);
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n && rc == LDRT_OK; i++) {
        ldrt_date date = 0;
        ldrt_response overall = LDRT_RESPONSE_NONE;
        ldrt_response_rule rule = LDRT_RULE_NONE;
        ldrt_assessment_timepoint(as, i, &date, &overall, NULL, NULL, NULL);
        ldrt_assessment_rule(as, i, &rule);
        seen[i] = date;
        if (rule == LDRT_RULE_RECORDED)
            s->basis = 0;
        if (rule == LDRT_RULE_BASELINE || rule == LDRT_RULE_RECORDED)
            continue;
        int recorded = recorded_on(p, crit, date);
        if (recorded == LDRT_RESPONSE_NONE || recorded == (int)overall)
            continue;
        char reason[600];
        const char *why = ldrt_assessment_reason(as, i);
        snprintf(reason, sizeof reason, "%s: %s", ldrt_response_rule_name(rule), why ? why : "");
        rc = add_disagreement(s, date, overall, recorded, reason);
    }
    /* Responses recorded on scans that got no time point. */
    size_t ne = ldrt_patient_event_count(p);
    for (size_t k = 0; k < ne && rc == LDRT_OK && s->basis == 1; k++) {
        const ldrt_event *e = ldrt_patient_event_at(p, k);
        if (ldrt_event_type(e) != LDRT_EVENT_IMAGING)
            continue;
        const char *c = NULL, *label = NULL;
        ldrt_response v = LDRT_RESPONSE_NONE;
        if (ldrt_scan_recorded_response(ldrt_event_as_scan(e), &c, &label) != LDRT_OK ||
            strcmp(c, crit) != 0 || ldrt_response_label_parse(label, &v) != LDRT_OK)
            continue;
        ldrt_date d = ldrt_event_date(e);
        size_t i = 0;
        while (i < n && seen[i] != d)
            i++;
        if (i == n)
            rc = add_disagreement(s, d, LDRT_RESPONSE_NONE, v,
                                  "no tumour measurements on this date: the recorded response cannot be recomputed");
    }
    /* The look-ups above leave a message when a scan has no recorded
     * response; a failure (memory) keeps its own. */
    if (rc == LDRT_OK)
        ldrt_clear_error();
    ldrt__free(seen);
    ldrt_assessment_free(as);
    if (rc == LDRT_OK && s->nd > 1)
        qsort(s->d, s->nd, sizeof *s->d, cmp_disagreement);
    return rc;
}

int ldrt_study_audit_add(ldrt_study_audit *a, size_t subject, const ldrt_response_options *options)
{
    LDRT__CHECK_NOT_NULL(a);
    if (subject >= a->study->n)
        return ldrt__error(LDRT_EINVAL, "subject: %zu is out of range (%zu subjects)", subject,
                           a->study->n);
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 16;
        audit_subject *s = ldrt__reallocarray(a->s, cap, sizeof *s);
        if (!s)
            return ldrt__error(LDRT_ENOMEM, "out of memory");
        a->s = s;
        a->cap = cap;
    }
    audit_subject s = { .subject = subject };
    int rc = audit_one(a->study->s[subject].patient, a->criteria, options, &s);
    if (rc != LDRT_OK) {
        subject_free(&s);
        return rc;
    }
    a->s[a->n++] = s;
    return LDRT_OK;
}

size_t ldrt_study_audit_count(const ldrt_study_audit *a) { return a ? a->n : 0; }

int ldrt_study_audit_result(const ldrt_study_audit *a, size_t i, const char **usubjid,
                            ldrt_response *best, ldrt_response *confirmed, int *computed)
{
    LDRT__CHECK_NOT_NULL(a);
    if (i >= a->n)
        return ldrt__error(LDRT_EINVAL, "i: %zu is out of range (%zu subjects)", i, a->n);
    const audit_subject *s = &a->s[i];
    if (usubjid)
        *usubjid = ldrt_patient_id(a->study->s[s->subject].patient);
    if (best)
        *best = s->best;
    if (confirmed)
        *confirmed = s->confirmed;
    if (computed)
        *computed = s->basis;
    return LDRT_OK;
}

size_t ldrt_study_audit_disagreement_count(const ldrt_study_audit *a, size_t i)
{
    return a && i < a->n ? a->s[i].nd : 0;
}

int ldrt_study_audit_disagreement(const ldrt_study_audit *a, size_t i, size_t j, ldrt_date *date,
                                  ldrt_response *computed, ldrt_response *recorded,
                                  const char **reason)
{
    LDRT__CHECK_NOT_NULL(a);
    if (i >= a->n || j >= a->s[i].nd)
        return ldrt__error(LDRT_EINVAL, "i, j: (%zu, %zu) is out of range", i, j);
    const disagreement *d = &a->s[i].d[j];
    if (date)
        *date = d->date;
    if (computed)
        *computed = d->computed;
    if (recorded)
        *recorded = d->recorded;
    if (reason)
        *reason = d->reason;
    return LDRT_OK;
}

static const char *basis_name(int basis)
{
    return basis > 0 ? "measurements" : basis == 0 ? "recorded" : "none";
}

static const char *label_or(int label, const char *none)
{
    const char *s = label ? ldrt_response_label_name((ldrt_response)label) : NULL;
    return s && *s ? s : none;
}

static json_t *label_json(int label)
{
    const char *s = label_or(label, NULL);
    return s ? json_string(s) : json_null();
}

static int render_json(const ldrt_study_audit *a, ldrt__buf *b)
{
    json_t *root = json_object(), *subs = json_array();
    int bad = !root || !subs;
    bad |= json_object_set_new(root, "criteria", json_string(ldrt_criteria_name(a->criteria)));
    bad |= json_object_set_new(root, "reader", json_string(a->study->reader));
    bad |= json_object_set(root, "subjects", subs);
    for (size_t i = 0; i < a->n && !bad; i++) {
        const audit_subject *s = &a->s[i];
        json_t *o = json_object(), *ds = json_array();
        bad |= !o || !ds;
        bad |= json_array_append(subs, o);
        bad |= json_object_set_new(o, "usubjid",
                                   json_string(ldrt_patient_id(a->study->s[s->subject].patient)));
        bad |= json_object_set_new(o, "best_overall_response", label_json(s->best));
        bad |= json_object_set_new(o, "confirmed_best_overall_response", label_json(s->confirmed));
        bad |= json_object_set_new(o, "basis", json_string(basis_name(s->basis)));
        if (s->note)
            bad |= json_object_set_new(o, "note", json_string(s->note));
        bad |= json_object_set(o, "disagreements", ds);
        for (size_t j = 0; j < s->nd && !bad; j++) {
            char date[LDRT_DATE_BUFSIZE] = "";
            ldrt_date_format(s->d[j].date, date, sizeof date);
            json_t *d = json_object();
            bad |= !d;
            bad |= json_array_append(ds, d);
            bad |= json_object_set_new(d, "date", json_string(date));
            bad |= json_object_set_new(d, "computed", label_json(s->d[j].computed));
            bad |= json_object_set_new(d, "recorded", label_json(s->d[j].recorded));
            bad |= json_object_set_new(d, "reason", json_string(s->d[j].reason));
            json_decref(d);
        }
        json_decref(o);
        json_decref(ds);
    }
    int rc = bad ? ldrt__error(LDRT_ENOMEM, "out of memory rendering the audit")
                 : ldrt__json_print(b, root);
    if (rc == LDRT_OK)
        rc = ldrt__buf_puts(b, "\n");
    json_decref(subs);
    json_decref(root);
    return rc;
}

static void render_text(const ldrt_study_audit *a, ldrt__buf *b, int markdown)
{
    size_t total = 0;
    for (size_t i = 0; i < a->n; i++)
        total += a->s[i].nd;
    if (markdown) {
        ldrt__buf_printf(b, "## Audit: %s, reader %s\n\n", ldrt_criteria_name(a->criteria),
                         a->study->reader);
        ldrt__buf_puts(b, "| subject | best | confirmed best | basis | date | computed | recorded | reason |\n"
                          "|---|---|---|---|---|---|---|---|\n");
    } else {
        ldrt__buf_printf(b, "Audit by %s, reader %s: %zu subjects, %zu disagreements\n\n",
                         ldrt_criteria_name(a->criteria), a->study->reader, a->n, total);
    }
    for (size_t i = 0; i < a->n; i++) {
        const audit_subject *s = &a->s[i];
        const char *id = ldrt_patient_id(a->study->s[s->subject].patient);
        if (markdown) {
            if (s->nd == 0)
                ldrt__buf_printf(b, "| %s | %s | %s | %s | | | | |\n", id, label_or(s->best, "-"),
                                 label_or(s->confirmed, "-"), basis_name(s->basis));
            for (size_t j = 0; j < s->nd; j++) {
                char date[LDRT_DATE_BUFSIZE] = "";
                ldrt_date_format(s->d[j].date, date, sizeof date);
                ldrt__buf_printf(b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", id,
                                 label_or(s->best, "-"), label_or(s->confirmed, "-"),
                                 basis_name(s->basis), date, label_or(s->d[j].computed, "-"),
                                 label_or(s->d[j].recorded, "-"), s->d[j].reason);
            }
            continue;
        }
        ldrt__buf_printf(b, "%s  best %s  confirmed %s  (%s)", id, label_or(s->best, "-"),
                         label_or(s->confirmed, "-"), basis_name(s->basis));
        if (s->note)
            ldrt__buf_printf(b, ": %s", s->note);
        ldrt__buf_puts(b, "\n");
        for (size_t j = 0; j < s->nd; j++) {
            char date[LDRT_DATE_BUFSIZE] = "";
            ldrt_date_format(s->d[j].date, date, sizeof date);
            ldrt__buf_printf(b, "    %-10s  computed %-13s recorded %-13s %s\n", date,
                             label_or(s->d[j].computed, "-"), label_or(s->d[j].recorded, "-"),
                             s->d[j].reason);
        }
    }
}

int ldrt_study_audit_render(const ldrt_study_audit *a, ldrt_format format, char **out, size_t *len)
{
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    LDRT__CHECK_NOT_NULL(a);
    ldrt__buf b;
    ldrt__buf_init(&b);
    int rc = LDRT_OK;
    if (format == LDRT_FORMAT_JSON)
        rc = render_json(a, &b);
    else if (format == LDRT_FORMAT_TEXT || format == LDRT_FORMAT_MARKDOWN)
        render_text(a, &b, format == LDRT_FORMAT_MARKDOWN);
    else
        rc = ldrt__error(LDRT_EINVAL, "format: unknown value %d", (int)format);
    if (rc != LDRT_OK) {
        ldrt__buf_free(&b);
        return rc;
    }
    size_t n = b.len;
    rc = ldrt__buf_finish(&b, out);
    if (rc == LDRT_OK && len)
        *len = n;
    return rc;
}

int ldrt_study_audit_csv(const ldrt_study_audit *a, char **out, size_t *len)
{
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    LDRT__CHECK_NOT_NULL(a);
    static const char *const head[] = { "usubjid", "best_overall_response",
                                        "confirmed_best_overall_response", "basis", "date",
                                        "computed", "recorded", "reason" };
    ldrt__csv_writer w;
    ldrt__csv_writer_init(&w, head, sizeof head / sizeof head[0]);
    for (size_t i = 0; i < a->n; i++) {
        const audit_subject *s = &a->s[i];
        const char *id = ldrt_patient_id(a->study->s[s->subject].patient);
        for (size_t j = 0; j == 0 || j < s->nd; j++) {
            ldrt__csv_field(&w, id);
            ldrt__csv_field(&w, label_or(s->best, ""));
            ldrt__csv_field(&w, label_or(s->confirmed, ""));
            ldrt__csv_field(&w, basis_name(s->basis));
            if (s->nd == 0) {
                for (int k = 0; k < 4; k++)
                    ldrt__csv_field(&w, NULL);
            } else {
                char date[LDRT_DATE_BUFSIZE] = "";
                ldrt_date_format(s->d[j].date, date, sizeof date);
                ldrt__csv_field(&w, date);
                ldrt__csv_field(&w, label_or(s->d[j].computed, ""));
                ldrt__csv_field(&w, label_or(s->d[j].recorded, ""));
                ldrt__csv_field(&w, s->d[j].reason);
            }
            ldrt__csv_end_row(&w);
        }
    }
    return ldrt__csv_writer_finish(&w, out, len);
}
