/*
 * The patient record: patients, diagnoses, lesions, names of enumerations.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "model.h"

/* ---- shared helpers ------------------------------------------------------- */

void ldrt__date_span(ldrt_date d, int64_t *lo, int64_t *hi)
{
    ldrt_date e = d, l = d;
    (void)ldrt_date_earliest(d, &e);
    (void)ldrt_date_latest(d, &l);
    *lo = ldrt__days_from_civil(e / 10000, e / 100 % 100, e % 100);
    *hi = ldrt__days_from_civil(l / 10000, l / 100 % 100, l % 100);
}

ldrt_date ldrt__date_of_day(int64_t day)
{
    int y, m, d;
    ldrt__civil_from_days(day, &y, &m, &d);
    return y * 10000 + m * 100 + d;
}

void ldrt__extra_free(ldrt_patient *p, ldrt__extra extra)
{
    if (extra && p && p->extra_free)
        p->extra_free(extra);
}

int ldrt__reserve(void **array, size_t n, size_t elem)
{
    /* Capacity is implicit: max(4, next power of two >= n) for n > 0. */
    size_t cap;
    if (n == 0)
        cap = 4;
    else if (n >= 4 && (n & (n - 1)) == 0)
        cap = 2 * n;
    else if (*array)
        return LDRT_OK;
    else
        cap = 4;
    void *p = ldrt__reallocarray(*array, cap, elem);
    if (!p)
        return LDRT_ENOMEM;
    *array = p;
    return LDRT_OK;
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static int utf8_valid(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s++;
        int n;
        unsigned min;
        if (c < 0x80)
            continue;
        else if ((c & 0xE0) == 0xC0)
            n = 1, min = 0x80, c &= 0x1F;
        else if ((c & 0xF0) == 0xE0)
            n = 2, min = 0x800, c &= 0x0F;
        else if ((c & 0xF8) == 0xF0)
            n = 3, min = 0x10000, c &= 0x07;
        else
            return 0;
        for (int i = 0; i < n; i++, s++) {
            if ((*s & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (*s & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
    }
    return 1;
}

int ldrt__check_text(const char *value, const char *name)
{
    if (!value)
        return ldrt__error(LDRT_EINVAL, "%s: must not be NULL", name);
    if (!value[0])
        return ldrt__error(LDRT_EINVAL, "%s: must not be empty", name);
    size_t len = strnlen(value, (size_t)LDRT_JSON_MAX_STRING + 1);
    if (len > LDRT_JSON_MAX_STRING)
        return ldrt__error(LDRT_ERANGE, "%s: longer than the limit of %d bytes", name,
                           LDRT_JSON_MAX_STRING);
    if (!utf8_valid((const unsigned char *)value))
        return ldrt__error(LDRT_EINVAL, "%s: must be valid UTF-8", name);
    return LDRT_OK;
}

int ldrt__set_text(char **slot, const char *value, const char *name)
{
    char *copy = NULL;
    if (value) {
        int rc = ldrt__check_text(value, name);
        if (rc)
            return rc;
        copy = ldrt__strdup(value);
        if (!copy)
            return LDRT_ENOMEM;
    }
    ldrt__free(*slot);
    *slot = copy;
    return LDRT_OK;
}

int ldrt__check_date(ldrt_date d, const char *name)
{
    if (!ldrt__date_is_valid(d))
        return ldrt__error(LDRT_EINVAL, "%s: %ld is not a valid date", name, (long)d);
    return LDRT_OK;
}

/* ---- names ------------------------------------------------------------------ */

static const char *const kind_names[] = {
    NULL, "diagnosis", "recurrence", "progression", "surgery", "systemic",
    "radiotherapy", "imaging", "toxicity", "hold", "note",
};
static const char *const field_names[LDRT__FIELD_COUNT] = {
    NULL, "id", "note", "site", "detail", "procedure", "pathology", "regimen",
    "intent", "course_id", "technique", "modality", "term", "attribution", "reason",
    "during",
};
static const char *const hold_names[] = { NULL, "holiday", "discontinued" };
static const char *const schedule_names[] = { NULL, "daily", "weekdays", "alternate-days" };

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *name_of(const char *const *names, int n, int value)
{
    return value >= 1 && value < n ? names[value] : NULL;
}

static int parse_name(const char *const *names, int n, const char *name, int *out,
                      const char *what)
{
    LDRT__CHECK_NOT_NULL(name);
    LDRT__CHECK_NOT_NULL(out);
    for (int i = 1; i < n; i++)
        if (strcmp(names[i], name) == 0) {
            *out = i;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "%s: unknown value \"%.60s\"", what, name);
}

const char * ldrt_event_kind_name(ldrt_event_kind kind) { return name_of(kind_names, COUNT(kind_names), kind); }
int ldrt_event_kind_parse(const char *name, ldrt_event_kind *kind)
{
    int v = 0;
    int rc = parse_name(kind_names, COUNT(kind_names), name, kind ? &v : NULL, "type");
    if (rc == LDRT_OK)
        *kind = (ldrt_event_kind)v;
    return rc;
}
const char * ldrt_event_field_name(ldrt_event_field field) { return name_of(field_names, COUNT(field_names), field); }
const char * ldrt_hold_kind_name(ldrt_hold_kind kind) { return name_of(hold_names, COUNT(hold_names), kind); }
int ldrt_hold_kind_parse(const char *name, ldrt_hold_kind *kind)
{
    int v = 0;
    int rc = parse_name(hold_names, COUNT(hold_names), name, kind ? &v : NULL, "kind");
    if (rc == LDRT_OK)
        *kind = (ldrt_hold_kind)v;
    return rc;
}
const char * ldrt_schedule_name(ldrt_schedule s) { return name_of(schedule_names, COUNT(schedule_names), s); }
int ldrt_schedule_parse(const char *name, ldrt_schedule *schedule)
{
    int v = 0;
    int rc = parse_name(schedule_names, COUNT(schedule_names), name, schedule ? &v : NULL,
                        "schedule");
    if (rc == LDRT_OK)
        *schedule = (ldrt_schedule)v;
    return rc;
}


/* ---- patient ---------------------------------------------------------------- */

int ldrt_patient_new(const char *id, ldrt_patient **out)
{
    int rc = ldrt__check_text(id, "id");
    if (rc)
        return rc;
    LDRT__CHECK_NOT_NULL(out);
    ldrt_patient *p = ldrt__calloc(1, sizeof *p);
    if (!p)
        return LDRT_ENOMEM;
    p->id = ldrt__strdup(id);
    if (!p->id) {
        ldrt__free(p);
        return LDRT_ENOMEM;
    }
    *out = p;
    return LDRT_OK;
}

static void diagnosis_free(ldrt_patient *p, ldrt_diagnosis *d)
{
    ldrt__free(d->condition);
    ldrt__free(d->site);
    ldrt__free(d->stage);
    for (size_t i = 0; i < d->n_markers; i++) {
        ldrt__free(d->markers[i].name);
        ldrt__free(d->markers[i].value);
    }
    ldrt__free(d->markers);
    ldrt__codes_free(p, d->codes);
    ldrt__extra_free(p, d->extra);
    ldrt__free(d);
}

static void lesion_free(ldrt_patient *p, ldrt_lesion *l)
{
    ldrt__free(l->id);
    ldrt__free(l->site);
    ldrt__free(l->organ);
    ldrt__codes_free(p, l->codes);
    ldrt__extra_free(p, l->extra);
    ldrt__free(l);
}

const void *ldrt__patient_extra(const ldrt_patient *p)
{
    return p ? p->patient_extra : NULL;
}

void ldrt_patient_free(ldrt_patient *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_events; i++)
        ldrt__event_free(p->events[i]);
    ldrt__free(p->events);
    for (size_t i = 0; i < p->n_lesions; i++)
        lesion_free(p, p->lesions[i]);
    ldrt__free(p->lesions);
    for (size_t i = 0; i < p->n_diagnoses; i++)
        diagnosis_free(p, p->diagnoses[i]);
    ldrt__free(p->diagnoses);
    ldrt__extra_free(p, p->extra);
    ldrt__extra_free(p, p->patient_extra);
    ldrt__index_free(&p->lesion_ids);
    ldrt__index_free(&p->event_ids);
    ldrt__index_free(&p->course_ids);
    ldrt__free(p->id);
    ldrt__free(p->sex);
    ldrt__free(p->death_cause);
    ldrt__free(p);
}

const char *ldrt_patient_id(const ldrt_patient *p) { return p ? p->id : NULL; }

int ldrt_patient_set_id(ldrt_patient *p, const char *id)
{
    LDRT__CHECK_NOT_NULL(p);
    int rc = ldrt__check_text(id, "id");
    return rc ? rc : ldrt__set_text(&p->id, id, "id");
}

const char *ldrt_patient_sex(const ldrt_patient *p) { return p ? p->sex : NULL; }

int ldrt_patient_set_sex(ldrt_patient *p, const char *sex)
{
    LDRT__CHECK_NOT_NULL(p);
    return ldrt__set_text(&p->sex, sex, "sex");
}

int ldrt_patient_birth_date(const ldrt_patient *p, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(out);
    if (p->birth_date == LDRT_DATE_NONE)
        return ldrt__error(LDRT_ENOTFOUND, "birth_date: not recorded");
    *out = p->birth_date;
    return LDRT_OK;
}

int ldrt_patient_set_birth_date(ldrt_patient *p, ldrt_date date)
{
    LDRT__CHECK_NOT_NULL(p);
    if (date != LDRT_DATE_NONE) {
        int rc = ldrt__check_date(date, "birth_date");
        if (!rc)
            rc = ldrt__check_birth(p, date);
        if (rc)
            return rc;
    }
    p->birth_date = date;
    return LDRT_OK;
}

/* ---- diagnoses --------------------------------------------------------------- */

int ldrt_patient_add_diagnosis(ldrt_patient *p, ldrt_date date, const char *condition,
                               ldrt_diagnosis **out)
{
    LDRT__CHECK_NOT_NULL(p);
    int rc = ldrt__check_date(date, "date");
    if (!rc)
        rc = ldrt__check_text(condition, "condition");
    if (rc)
        return rc;
    if (p->n_diagnoses >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "diagnoses: at most %d", LDRT_MAX_ITEMS);
    ldrt_diagnosis *d = ldrt__calloc(1, sizeof *d);
    if (!d)
        return LDRT_ENOMEM;
    d->condition = ldrt__strdup(condition);
    if (!d->condition ||
        ldrt__reserve((void **)&p->diagnoses, p->n_diagnoses, sizeof *p->diagnoses)) {
        ldrt__free(d->condition);
        ldrt__free(d);
        return LDRT_ENOMEM;
    }
    d->patient = p;
    d->date = date;
    p->diagnoses[p->n_diagnoses++] = d;
    if (out)
        *out = d;
    return LDRT_OK;
}

size_t ldrt_patient_diagnosis_count(const ldrt_patient *p) { return p ? p->n_diagnoses : 0; }

const ldrt_diagnosis *ldrt_patient_diagnosis_at(const ldrt_patient *p, size_t i)
{
    return p && i < p->n_diagnoses ? p->diagnoses[i] : NULL;
}

ldrt_diagnosis *ldrt_patient_diagnosis_at_mut(ldrt_patient *p, size_t i)
{
    return p && i < p->n_diagnoses ? p->diagnoses[i] : NULL;
}

int ldrt_patient_remove_diagnosis(ldrt_patient *p, ldrt_diagnosis *d)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(d);
    for (size_t i = 0; i < p->n_diagnoses; i++)
        if (p->diagnoses[i] == d) {
            memmove(p->diagnoses + i, p->diagnoses + i + 1,
                    (p->n_diagnoses - i - 1) * sizeof *p->diagnoses);
            p->n_diagnoses--;
            diagnosis_free(p, d);
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "diagnosis: not a diagnosis of this patient");
}

ldrt_date ldrt_diagnosis_date(const ldrt_diagnosis *d) { return d ? d->date : LDRT_DATE_NONE; }
const char *ldrt_diagnosis_condition(const ldrt_diagnosis *d) { return d ? d->condition : NULL; }
const char *ldrt_diagnosis_site(const ldrt_diagnosis *d) { return d ? d->site : NULL; }
const char *ldrt_diagnosis_stage(const ldrt_diagnosis *d) { return d ? d->stage : NULL; }

int ldrt_diagnosis_set_site(ldrt_diagnosis *d, const char *site)
{
    LDRT__CHECK_NOT_NULL(d);
    return ldrt__set_text(&d->site, site, "site");
}

int ldrt_diagnosis_set_stage(ldrt_diagnosis *d, const char *stage)
{
    LDRT__CHECK_NOT_NULL(d);
    return ldrt__set_text(&d->stage, stage, "stage");
}

int ldrt_diagnosis_set_marker(ldrt_diagnosis *d, const char *name, const char *value)
{
    LDRT__CHECK_NOT_NULL(d);
    int rc = ldrt__check_text(name, "name");
    if (rc)
        return rc;
    size_t i = 0;
    while (i < d->n_markers && strcmp(d->markers[i].name, name) != 0)
        i++;
    if (!value) {
        if (i == d->n_markers)
            return LDRT_OK;
        ldrt__free(d->markers[i].name);
        ldrt__free(d->markers[i].value);
        memmove(d->markers + i, d->markers + i + 1, (d->n_markers - i - 1) * sizeof *d->markers);
        d->n_markers--;
        return LDRT_OK;
    }
    if ((rc = ldrt__check_text(value, "value")))
        return rc;
    char *v = ldrt__strdup(value);
    if (!v)
        return LDRT_ENOMEM;
    if (i < d->n_markers) {
        ldrt__free(d->markers[i].value);
        d->markers[i].value = v;
        return LDRT_OK;
    }
    if (d->n_markers >= LDRT_MAX_ITEMS) {
        ldrt__free(v);
        return ldrt__error(LDRT_ERANGE, "markers: at most %d", LDRT_MAX_ITEMS);
    }
    char *n = ldrt__strdup(name);
    if (!n || ldrt__reserve((void **)&d->markers, d->n_markers, sizeof *d->markers)) {
        ldrt__free(n);
        ldrt__free(v);
        return LDRT_ENOMEM;
    }
    d->markers[d->n_markers].name = n;
    d->markers[d->n_markers].value = v;
    d->n_markers++;
    return LDRT_OK;
}

size_t ldrt_diagnosis_marker_count(const ldrt_diagnosis *d) { return d ? d->n_markers : 0; }

int ldrt_diagnosis_marker_at(const ldrt_diagnosis *d, size_t i, const char **name,
                             const char **value)
{
    LDRT__CHECK_NOT_NULL(d);
    if (i >= d->n_markers)
        return ldrt__error(LDRT_ENOTFOUND, "index: %zu is out of range (%zu markers)", i,
                           d->n_markers);
    if (name)
        *name = d->markers[i].name;
    if (value)
        *value = d->markers[i].value;
    return LDRT_OK;
}

/* ---- lesions ---------------------------------------------------------------- */

ldrt_lesion *ldrt__find_lesion(const ldrt_patient *p, const char *id)
{
    return ldrt__index_find(&p->lesion_ids, id);
}

int ldrt_patient_add_lesion(ldrt_patient *p, const char *id, ldrt_lesion **out)
{
    LDRT__CHECK_NOT_NULL(p);
    int rc = ldrt__check_text(id, "id");
    if (rc)
        return rc;
    if (ldrt__find_lesion(p, id))
        return ldrt__error(LDRT_EINVAL, "id: lesion \"%.60s\" already exists", id);
    if (p->n_lesions >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "lesions: at most %d", LDRT_MAX_ITEMS);
    ldrt_lesion *l = ldrt__calloc(1, sizeof *l);
    if (!l)
        return LDRT_ENOMEM;
    l->id = ldrt__strdup(id);
    if (!l->id || ldrt__reserve((void **)&p->lesions, p->n_lesions, sizeof *p->lesions) ||
        ldrt__index_reserve(&p->lesion_ids, 1)) {
        ldrt__free(l->id);
        ldrt__free(l);
        return LDRT_ENOMEM;
    }
    ldrt__index_add(&p->lesion_ids, l->id, l);
    l->patient = p;
    l->nodal = -1;
    p->lesions[p->n_lesions++] = l;
    if (out)
        *out = l;
    return LDRT_OK;
}

size_t ldrt_patient_lesion_count(const ldrt_patient *p) { return p ? p->n_lesions : 0; }

const ldrt_lesion *ldrt_patient_lesion_at(const ldrt_patient *p, size_t i)
{
    return p && i < p->n_lesions ? p->lesions[i] : NULL;
}

ldrt_lesion *ldrt_patient_lesion_at_mut(ldrt_patient *p, size_t i)
{
    return p && i < p->n_lesions ? p->lesions[i] : NULL;
}

int ldrt_patient_find_lesion(const ldrt_patient *p, const char *id, const ldrt_lesion **out)
{
    ldrt_lesion *l = NULL;
    int rc = ldrt_patient_find_lesion_mut((ldrt_patient *)p, id, &l);
    if (rc == LDRT_OK)
        *out = l;
    return rc;
}

int ldrt_patient_find_lesion_mut(ldrt_patient *p, const char *id, ldrt_lesion **out)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(id);
    LDRT__CHECK_NOT_NULL(out);
    ldrt_lesion *l = ldrt__find_lesion(p, id);
    if (!l)
        return ldrt__error(LDRT_ENOTFOUND, "lesion: no lesion \"%.60s\"", id);
    *out = l;
    return LDRT_OK;
}

static int event_names_lesion(const ldrt_event *e, const ldrt_lesion *l)
{
    for (size_t i = 0; i < e->n_targets; i++)
        if (e->targets[i] == l)
            return 1;
    for (size_t i = 0; i < e->n_removed; i++)
        if (e->removed[i] == l)
            return 1;
    for (size_t i = 0; i < e->n_meas; i++)
        if (e->meas[i].lesion == l)
            return 1;
    for (size_t i = 0; i < e->n_sul; i++)
        if (e->sul[i].lesion == l)
            return 1;
    for (size_t i = 0; i < e->n_nt; i++)
        if (e->nt[i].lesion == l)
            return 1;
    return 0;
}

int ldrt_patient_remove_lesion(ldrt_patient *p, ldrt_lesion *l)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(l);
    size_t at = p->n_lesions;
    for (size_t i = 0; i < p->n_lesions; i++)
        if (p->lesions[i] == l)
            at = i;
    if (at == p->n_lesions)
        return ldrt__error(LDRT_ENOTFOUND, "lesion: not a lesion of this patient");
    for (size_t i = 0; i < p->n_events; i++)
        if (event_names_lesion(p->events[i], l)) {
            char date[LDRT_DATE_BUFSIZE];
            (void)ldrt_date_format(p->events[i]->date, date, sizeof date);
            return ldrt__error(LDRT_ESTATE, "lesion: \"%.60s\" is still named by the %s event of %s",
                               l->id, ldrt_event_kind_name(p->events[i]->kind), date);
        }
    memmove(p->lesions + at, p->lesions + at + 1, (p->n_lesions - at - 1) * sizeof *p->lesions);
    p->n_lesions--;
    ldrt__index_remove(&p->lesion_ids, l->id, l);
    lesion_free(p, l);
    return LDRT_OK;
}

const char *ldrt_lesion_id(const ldrt_lesion *l) { return l ? l->id : NULL; }
const char *ldrt_lesion_site(const ldrt_lesion *l) { return l ? l->site : NULL; }
const char *ldrt_lesion_organ(const ldrt_lesion *l) { return l ? l->organ : NULL; }

int ldrt_lesion_nodal(const ldrt_lesion *l, int *nodal)
{
    LDRT__CHECK_NOT_NULL(l);
    LDRT__CHECK_NOT_NULL(nodal);
    if (l->nodal < 0)
        return ldrt__error(LDRT_ENOTFOUND, "nodal: not recorded for lesion \"%.60s\"", l->id);
    *nodal = l->nodal;
    return LDRT_OK;
}

ldrt_lesion_role ldrt_lesion_category_of(const ldrt_lesion *l)
{
    return l ? l->category : LDRT_ROLE_NONE;
}

ldrt_lesion_state ldrt__measurement_state(const ldrt__measurement *m)
{
    if (m->too_small == 1)
        return LDRT_STATE_TOO_SMALL;
    return isnan(m->diameter_mm) ? LDRT_STATE_NOT_EVALUATED : LDRT_STATE_PRESENT;
}

int ldrt__non_target_state_ok(int state)
{
    return state == LDRT_STATE_PRESENT || state == LDRT_STATE_ABSENT ||
           state == LDRT_STATE_PROGRESSION || state == LDRT_STATE_NOT_EVALUATED;
}

int ldrt_lesion_set_site(ldrt_lesion *l, const char *site)
{
    LDRT__CHECK_NOT_NULL(l);
    return ldrt__set_text(&l->site, site, "site");
}

int ldrt_lesion_set_organ(ldrt_lesion *l, const char *organ)
{
    LDRT__CHECK_NOT_NULL(l);
    return ldrt__set_text(&l->organ, organ, "organ");
}

int ldrt_lesion_set_nodal(ldrt_lesion *l, int nodal)
{
    LDRT__CHECK_NOT_NULL(l);
    if (nodal < -1 || nodal > 1)
        return ldrt__error(LDRT_EINVAL, "nodal: must be 1, 0 or -1 (got %d)", nodal);
    l->nodal = nodal;
    return LDRT_OK;
}

int ldrt_lesion_set_category(ldrt_lesion *l, ldrt_lesion_role category)
{
    LDRT__CHECK_NOT_NULL(l);
    if (category != LDRT_ROLE_NONE && category != LDRT_ROLE_TARGET &&
        category != LDRT_ROLE_NON_TARGET && category != LDRT_ROLE_NEW)
        return ldrt__error(LDRT_EINVAL, "category: %d is not a lesion category", (int)category);
    l->category = category;
    return LDRT_OK;
}
