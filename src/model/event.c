/*
 * Events of the patient record: creation, time order, typed handles, dates,
 * text fields, surgery (removed lesions), toxicity.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "model.h"

/* ---- allocation and release --------------------------------------------------- */

void ldrt__event_init(ldrt_event *e, ldrt_patient *p, int kind, ldrt_date date)
{
    e->patient = p;
    e->kind = kind;
    e->date = date;
    e->margin_mm = NAN;
    e->liver_sul_mean = NAN;
    e->blood_pool_sul = NAN;
    e->baseline = -1;
    ldrt__date_span(date, &e->lo, &e->hi);
}

void ldrt__free_admins(ldrt_event **admins, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ldrt__free(admins[i]);
    ldrt__free(admins);
}

void ldrt__free_fractions(ldrt_patient *p, ldrt_fraction **f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ldrt__extra_free(p, f[i]->extra);
        ldrt__free(f[i]);
    }
    ldrt__free(f);
}

void ldrt__event_free(ldrt_event *e)
{
    if (!e)
        return;
    ldrt_patient *p = e->patient;
    for (int i = 0; i < LDRT__FIELD_COUNT; i++)
        ldrt__free(e->text[i]);
    for (size_t i = 0; i < e->n_agents; i++) {
        ldrt__free(e->agents[i].drug);
        ldrt__free(e->agents[i].unit);
        ldrt__extra_free(p, e->agents[i].extra);
        ldrt__code_free(p, e->agents[i].code);
    }
    ldrt__free(e->agents);
    ldrt__free_admins(e->admins, e->n_admins);
    for (size_t i = 0; i < e->n_drugs; i++)
        ldrt__free(e->drugs[i]);
    ldrt__free(e->drugs);
    ldrt__free(e->removed);
    ldrt__free(e->targets);
    ldrt__free_fractions(p, e->fractions, e->n_fractions);
    for (size_t i = 0; i < e->n_meas; i++)
        ldrt__extra_free(p, e->meas[i].extra);
    ldrt__free(e->meas);
    for (size_t i = 0; i < e->n_sul; i++)
        ldrt__extra_free(p, e->sul[i].extra);
    ldrt__free(e->sul);
    ldrt__free(e->nt);
    for (size_t i = 0; i < e->n_new; i++) {
        ldrt__free(e->newl[i].id);
        ldrt__free(e->newl[i].site);
        ldrt__extra_free(p, e->newl[i].extra);
    }
    ldrt__free(e->newl);
    ldrt__free(e->rr_criteria);
    ldrt__free(e->rr_overall);
    ldrt__extra_free(p, e->rr_extra);
    ldrt__extra_free(p, e->repeat_extra);
    ldrt__extra_free(p, e->rx_extra);
    ldrt__codes_free(p, e->codes);
    ldrt__extra_free(p, e->extra);
    ldrt__free(e);
}

/* ---- checks shared by the mutations --------------------------------------------- */

int ldrt__event_check_kind(const ldrt_event *e, int kind, const char *what)
{
    if (e->kind != kind)
        return ldrt__error(LDRT_EINVAL, "%s: not a field of %s events (this is a %s event)", what,
                           ldrt_event_kind_name(kind), ldrt_event_kind_name(e->kind));
    return LDRT_OK;
}

int ldrt__event_check_recorded(const ldrt_event *e, const char *what)
{
    if (e->parent)
        return ldrt__error(LDRT_ESTATE, "%s: a generated administration cannot be changed; change its series", what);
    return LDRT_OK;
}

/* A value of a quantity: finite, above min (or at it when min_inclusive), and
 * at most max, the quantity's limit of ldrt/limits.h ("absurd but finite"). */
int ldrt__check_finite(double v, double min, int min_inclusive, double max, const char *name)
{
    if (!isfinite(v) || (min_inclusive ? v < min : v <= min))
        return ldrt__error(LDRT_EINVAL, "%s: must be %s %g and finite (got %g)", name,
                           min_inclusive ? ">=" : ">", min, v);
    if (v > max)
        return ldrt__error(LDRT_EINVAL, "%s: must be at most %g (got %g)", name, max, v);
    return LDRT_OK;
}

ldrt_lesion *ldrt__lesion_arg(ldrt_patient *p, const char *id, const char *name, int *rc)
{
    if (!id) {
        *rc = ldrt__error(LDRT_EINVAL, "%s: must not be NULL", name);
        return NULL;
    }
    ldrt_lesion *l = ldrt__find_lesion(p, id);
    if (!l)
        *rc = ldrt__error(LDRT_ENOTFOUND, "%s: unknown lesion \"%.60s\"", name, id);
    return l;
}

/* ---- time order -------------------------------------------------------------------- */

static size_t insert_position(const ldrt_patient *p, ldrt_date date, uint64_t seq)
{
    size_t lo = 0, hi = p->n_events;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ldrt_event *m = p->events[mid];
        if (m->date < date || (m->date == date && m->seq < seq))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t index_of(const ldrt_patient *p, const ldrt_event *e)
{
    size_t i = insert_position(p, e->date, e->seq);
    return i < p->n_events && p->events[i] == e ? i : p->n_events;
}

int ldrt_patient_add_event(ldrt_patient *p, ldrt_event_kind kind, ldrt_date date, ldrt_event **out)
{
    LDRT__CHECK_NOT_NULL(p);
    if (!ldrt_event_kind_name(kind))
        return ldrt__error(LDRT_EINVAL, "kind: %d is not an event kind", kind);
    int rc = ldrt__check_date(date, "date");
    if (rc)
        return rc;
    if (p->n_events >= LDRT_MAX_EVENTS)
        return ldrt__error(LDRT_ERANGE, "events: at most %d", LDRT_MAX_EVENTS);
    /* Allocate first, grow the array last: a failure leaves nothing behind. */
    ldrt_event *e = ldrt__calloc(1, sizeof *e);
    if (!e)
        return LDRT_ENOMEM;
    if (ldrt__reserve((void **)&p->events, p->n_events, sizeof *p->events)) {
        ldrt__free(e);
        return LDRT_ENOMEM;
    }
    ldrt__event_init(e, p, kind, date);
    e->seq = p->next_seq++;
    size_t at = insert_position(p, date, e->seq);
    memmove(p->events + at + 1, p->events + at, (p->n_events - at) * sizeof *p->events);
    p->events[at] = e;
    p->n_events++;
    if (out)
        *out = e;
    return LDRT_OK;
}

int ldrt_patient_remove_event(ldrt_patient *p, ldrt_event *e)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(e);
    if (e->patient != p)
        return ldrt__error(LDRT_ENOTFOUND, "event: not an event of this patient");
    int rc = ldrt__event_check_recorded(e, "event");
    if (rc)
        return rc;
    size_t at = index_of(p, e);
    if (at == p->n_events)
        return ldrt__error(LDRT_ENOTFOUND, "event: not an event of this patient");
    memmove(p->events + at, p->events + at + 1, (p->n_events - at - 1) * sizeof *p->events);
    p->n_events--;
    p->n_generated -= e->n_admins;
    if (e->has_rx)
        p->n_generated -= e->n_fractions;
    ldrt__index_remove(&p->event_ids, e->text[LDRT_FIELD_ID], e);
    ldrt__index_remove(&p->course_ids, e->text[LDRT_FIELD_COURSE_ID], e);
    ldrt__event_free(e);
    return LDRT_OK;
}

size_t ldrt_patient_event_count(const ldrt_patient *p) { return p ? p->n_events : 0; }

const ldrt_event *ldrt_patient_event_at(const ldrt_patient *p, size_t i)
{
    return p && i < p->n_events ? p->events[i] : NULL;
}

ldrt_event *ldrt_patient_event_at_mut(ldrt_patient *p, size_t i)
{
    return p && i < p->n_events ? p->events[i] : NULL;
}

int ldrt_patient_find_event(const ldrt_patient *p, const char *id, const ldrt_event **out)
{
    ldrt_event *e = NULL;
    int rc = ldrt_patient_find_event_mut((ldrt_patient *)p, id, &e);
    if (rc == LDRT_OK)
        *out = e;
    return rc;
}

int ldrt_patient_find_event_mut(ldrt_patient *p, const char *id, ldrt_event **out)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(id);
    LDRT__CHECK_NOT_NULL(out);
    ldrt_event *e = ldrt__index_find(&p->event_ids, id);
    if (!e)
        return ldrt__error(LDRT_ENOTFOUND, "id: no event \"%.60s\"", id);
    *out = e;
    return LDRT_OK;
}

int ldrt_patient_find_course(const ldrt_patient *p, const char *course_id,
                             const ldrt_course **out)
{
    ldrt_course *c = NULL;
    int rc = ldrt_patient_find_course_mut((ldrt_patient *)p, course_id, &c);
    if (rc == LDRT_OK)
        *out = c;
    return rc;
}

int ldrt_patient_find_course_mut(ldrt_patient *p, const char *course_id, ldrt_course **out)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(course_id);
    LDRT__CHECK_NOT_NULL(out);
    ldrt_event *e = ldrt__index_find(&p->course_ids, course_id);
    if (!e)
        return ldrt__error(LDRT_ENOTFOUND, "course_id: no course \"%.60s\"", course_id);
    *out = LDRT__COURSE(e);
    return LDRT_OK;
}

const ldrt_patient *ldrt_event_patient(const ldrt_event *e) { return e ? e->patient : NULL; }

/* ---- typed handles --------------------------------------------------------------------------- */

const ldrt_course *ldrt_event_as_course(const ldrt_event *e)
{
    return e && e->kind == LDRT_EVENT_RADIOTHERAPY ? LDRT__CCOURSE(e) : NULL;
}

ldrt_course *ldrt_event_as_course_mut(ldrt_event *e)
{
    return e && e->kind == LDRT_EVENT_RADIOTHERAPY ? LDRT__COURSE(e) : NULL;
}

const ldrt_scan *ldrt_event_as_scan(const ldrt_event *e)
{
    return e && e->kind == LDRT_EVENT_IMAGING ? LDRT__CSCAN(e) : NULL;
}

ldrt_scan *ldrt_event_as_scan_mut(ldrt_event *e)
{
    return e && e->kind == LDRT_EVENT_IMAGING ? LDRT__SCAN(e) : NULL;
}

const ldrt_systemic *ldrt_event_as_systemic(const ldrt_event *e)
{
    return e && e->kind == LDRT_EVENT_SYSTEMIC ? LDRT__CSYSTEMIC(e) : NULL;
}

ldrt_systemic *ldrt_event_as_systemic_mut(ldrt_event *e)
{
    return e && e->kind == LDRT_EVENT_SYSTEMIC ? LDRT__SYSTEMIC(e) : NULL;
}

const ldrt_event *ldrt_course_as_event(const ldrt_course *c) { return LDRT__CEV(c); }
ldrt_event *ldrt_course_as_event_mut(ldrt_course *c) { return LDRT__EV(c); }
const ldrt_event *ldrt_scan_as_event(const ldrt_scan *s) { return LDRT__CEV(s); }
ldrt_event *ldrt_scan_as_event_mut(ldrt_scan *s) { return LDRT__EV(s); }
const ldrt_event *ldrt_systemic_as_event(const ldrt_systemic *s) { return LDRT__CEV(s); }
ldrt_event *ldrt_systemic_as_event_mut(ldrt_systemic *s) { return LDRT__EV(s); }
ldrt_event_kind ldrt_event_type(const ldrt_event *e) { return e ? e->kind : 0; }
ldrt_date ldrt_event_date(const ldrt_event *e) { return e ? e->date : LDRT_DATE_NONE; }

int ldrt_event_span(const ldrt_event *e, ldrt_date *earliest, ldrt_date *latest)
{
    LDRT__CHECK_NOT_NULL(e);
    if (earliest)
        *earliest = ldrt__date_of_day(e->lo);
    if (latest)
        *latest = ldrt__date_of_day(e->hi);
    return LDRT_OK;
}


/* ---- dates of an event ---------------------------------------------------------------- */

static int check_end(ldrt_date date, ldrt_date end, const char *name)
{
    if (end == LDRT_DATE_NONE)
        return LDRT_OK;
    int rc = ldrt__check_date(end, name);
    if (rc)
        return rc;
    int rel;
    (void)ldrt_date_relation(end, date, &rel);
    if (rel == LDRT_DATE_BEFORE) {
        char a[LDRT_DATE_BUFSIZE], b[LDRT_DATE_BUFSIZE];
        (void)ldrt_date_format(end, a, sizeof a);
        (void)ldrt_date_format(date, b, sizeof b);
        return ldrt__error(LDRT_EINVAL, "%s: %s is before the event date %s", name, a, b);
    }
    return LDRT_OK;
}

/* A fraction span [lo, hi] fits a course from date to end (may be NONE). */
int ldrt__fraction_fits(ldrt_date date, ldrt_date end, int64_t lo, int64_t hi)
{
    int64_t clo, chi;
    ldrt__date_span(date, &clo, &chi);
    if (hi < clo)
        return 0;
    if (end != LDRT_DATE_NONE) {
        int64_t elo, ehi;
        ldrt__date_span(end, &elo, &ehi);
        if (lo > ehi)
            return 0;
    }
    return 1;
}

int ldrt_event_set_date(ldrt_event *e, ldrt_date date)
{
    LDRT__CHECK_NOT_NULL(e);
    int rc = ldrt__event_check_recorded(e, "date");
    if (!rc)
        rc = ldrt__check_date(date, "date");
    if (!rc)
        rc = check_end(date, e->end, "end");
    if (!rc)
        rc = check_end(date, e->resolved, "resolved");
    if (rc)
        return rc;
    if (!e->has_rx)
        for (size_t i = 0; i < e->n_fractions; i++)
            if (!ldrt__fraction_fits(date, e->end, e->fractions[i]->lo, e->fractions[i]->hi))
                return ldrt__error(LDRT_EINVAL,
                                   "date: fraction %zu would fall outside the course", i);
    ldrt_event **admins = NULL;
    ldrt_fraction **fr = NULL;
    if (!rc && e->repeat_undated)
        rc = check_end(date, e->repeat_until, "repeat.until");
    if (rc)
        return rc;
    if (e->repeat_count && !e->repeat_undated) {
        rc = ldrt__build_admins(e, date, e->repeat_every_days, e->repeat_count, &admins);
        if (rc)
            return rc;
    }
    if (e->has_rx) {
        rc = ldrt__build_rx(e, date, e->end, e->rx_total_gy, e->rx_fractions, e->rx_schedule, &fr);
        if (rc)
            return rc;
    }
    ldrt_patient *p = e->patient;
    size_t at = index_of(p, e);
    memmove(p->events + at, p->events + at + 1, (p->n_events - at - 1) * sizeof *p->events);
    p->n_events--;
    e->date = date;
    ldrt__date_span(date, &e->lo, &e->hi);
    if (admins) {
        ldrt__free_admins(e->admins, e->n_admins);
        e->admins = admins;
    }
    if (fr) {
        ldrt__free_fractions(p, e->fractions, e->n_fractions);
        e->fractions = fr;
    }
    at = insert_position(p, date, e->seq);
    memmove(p->events + at + 1, p->events + at, (p->n_events - at) * sizeof *p->events);
    p->events[at] = e;
    p->n_events++;
    return LDRT_OK;
}

int ldrt_event_end(const ldrt_event *e, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(e);
    LDRT__CHECK_NOT_NULL(out);
    if (e->end == LDRT_DATE_NONE)
        return ldrt__error(LDRT_ENOTFOUND, "end: not recorded");
    *out = e->end;
    return LDRT_OK;
}

int ldrt_event_set_end(ldrt_event *e, ldrt_date end)
{
    LDRT__CHECK_NOT_NULL(e);
    int rc = ldrt__event_check_recorded(e, "end");
    if (!rc)
        rc = check_end(e->date, end, "end");
    if (rc)
        return rc;
    for (size_t i = 0; i < e->n_fractions; i++)
        if (!ldrt__fraction_fits(e->date, end, e->fractions[i]->lo, e->fractions[i]->hi))
            return ldrt__error(LDRT_EINVAL, "end: fraction %zu falls after it", i);
    e->end = end;
    return LDRT_OK;
}

/* ---- text fields ------------------------------------------------------------------------ */

int ldrt__field_allowed(int kind, int field)
{
    switch (field) {
    case LDRT_FIELD_ID:
    case LDRT_FIELD_NOTE:
        return 1;
    case LDRT_FIELD_SITE:
        return kind == LDRT_EVENT_DIAGNOSIS || kind == LDRT_EVENT_RECURRENCE ||
               kind == LDRT_EVENT_PROGRESSION || kind == LDRT_EVENT_SURGERY ||
               kind == LDRT_EVENT_RADIOTHERAPY;
    case LDRT_FIELD_DETAIL:
        return kind == LDRT_EVENT_DIAGNOSIS || kind == LDRT_EVENT_RECURRENCE ||
               kind == LDRT_EVENT_PROGRESSION;
    case LDRT_FIELD_PROCEDURE:
    case LDRT_FIELD_PATHOLOGY:
        return kind == LDRT_EVENT_SURGERY;
    case LDRT_FIELD_REGIMEN:
        return kind == LDRT_EVENT_SYSTEMIC;
    case LDRT_FIELD_INTENT:
        return kind == LDRT_EVENT_SYSTEMIC || kind == LDRT_EVENT_RADIOTHERAPY;
    case LDRT_FIELD_COURSE_ID:
    case LDRT_FIELD_TECHNIQUE:
        return kind == LDRT_EVENT_RADIOTHERAPY;
    case LDRT_FIELD_MODALITY:
        return kind == LDRT_EVENT_RADIOTHERAPY || kind == LDRT_EVENT_IMAGING;
    case LDRT_FIELD_TERM:
    case LDRT_FIELD_ATTRIBUTION:
    case LDRT_FIELD_DURING:
        return kind == LDRT_EVENT_TOXICITY;
    case LDRT_FIELD_REASON:
        return kind == LDRT_EVENT_HOLD;
    default:
        return 0;
    }
}

const char * ldrt_event_text(const ldrt_event *e, ldrt_event_field field)
{
    if (!e || field < 1 || field >= LDRT__FIELD_COUNT)
        return NULL;
    if (field == LDRT_FIELD_ID)
        return e->text[field];
    return ldrt__src(e)->text[field];
}

const char *ldrt_event_id(const ldrt_event *e) { return e ? e->text[LDRT_FIELD_ID] : NULL; }

int ldrt_event_set_text(ldrt_event *e, ldrt_event_field field, const char *value)
{
    LDRT__CHECK_NOT_NULL(e);
    if (field < 1 || field >= LDRT__FIELD_COUNT)
        return ldrt__error(LDRT_EINVAL, "field: %d is not a text field", field);
    const char *name = ldrt_event_field_name(field);
    int rc = ldrt__event_check_recorded(e, name);
    if (rc)
        return rc;
    if (!ldrt__field_allowed(e->kind, field))
        return ldrt__error(LDRT_EINVAL, "%s: not a field of %s events", name,
                           ldrt_event_kind_name(e->kind));
    if (field != LDRT_FIELD_ID && field != LDRT_FIELD_COURSE_ID)
        return ldrt__set_text(&e->text[field], value, name);
    /* Identifiers are unique and indexed. */
    ldrt__index *x = field == LDRT_FIELD_ID ? &e->patient->event_ids : &e->patient->course_ids;
    char *copy = NULL;
    if (value) {
        void *other = ldrt__index_find(x, value);
        if (other && other != e)
            return ldrt__error(LDRT_EINVAL, "%s: \"%.60s\" is already used by another event",
                               name, value);
        if ((rc = ldrt__check_text(value, name)))
            return rc;
        copy = ldrt__strdup(value);
        if (!copy || ldrt__index_reserve(x, 1)) {
            ldrt__free(copy);
            return LDRT_ENOMEM;
        }
    }
    ldrt__index_remove(x, e->text[field], e);
    ldrt__free(e->text[field]);
    e->text[field] = copy;
    if (copy)
        ldrt__index_add(x, copy, e);
    return LDRT_OK;
}


/* ---- lesion lists (surgery, course targets) ---------------------------------------------------- */

int ldrt__add_lesion_ref(ldrt_event *e, ldrt_lesion ***list, size_t *n, const char *id,
                         const char *name)
{
    int rc = LDRT_OK;
    ldrt_lesion *l = ldrt__lesion_arg(e->patient, id, name, &rc);
    if (!l)
        return rc;
    for (size_t i = 0; i < *n; i++)
        if ((*list)[i] == l)
            return ldrt__error(LDRT_EINVAL, "%s: lesion \"%.60s\" is already listed", name, id);
    if (*n >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "%s: at most %d", name, LDRT_MAX_ITEMS);
    if (ldrt__reserve((void **)list, *n, sizeof **list))
        return LDRT_ENOMEM;
    (*list)[(*n)++] = l;
    return LDRT_OK;
}

int ldrt_event_add_removed_lesion(ldrt_event *e, const char *lesion_id)
{
    LDRT__EVENT_CHECK(e, LDRT_EVENT_SURGERY, "lesions");
    return ldrt__add_lesion_ref(e, &e->removed, &e->n_removed, lesion_id, "lesions");
}
size_t ldrt_event_removed_lesion_count(const ldrt_event *e) { return e ? e->n_removed : 0; }
const ldrt_lesion *ldrt_event_removed_lesion_at(const ldrt_event *e, size_t i)
{
    return e && i < e->n_removed ? e->removed[i] : NULL;
}

/* ---- toxicity --------------------------------------------------------------------------------------------- */

int ldrt_event_grade(const ldrt_event *e, int *grade)
{
    LDRT__CHECK_NOT_NULL(e);
    LDRT__CHECK_NOT_NULL(grade);
    if (!e->grade)
        return ldrt__error(LDRT_ENOTFOUND, "grade: not recorded");
    *grade = e->grade;
    return LDRT_OK;
}

int ldrt_event_set_grade(ldrt_event *e, int grade)
{
    LDRT__EVENT_CHECK(e, LDRT_EVENT_TOXICITY, "grade");
    if (grade < 0 || grade > 5)
        return ldrt__error(LDRT_EINVAL, "grade: must be 1 to 5, or 0 to clear (got %d)", grade);
    e->grade = grade;
    return LDRT_OK;
}

int ldrt_event_resolved(const ldrt_event *e, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(e);
    LDRT__CHECK_NOT_NULL(out);
    if (e->resolved == LDRT_DATE_NONE)
        return ldrt__error(LDRT_ENOTFOUND, "resolved: not recorded");
    *out = e->resolved;
    return LDRT_OK;
}

int ldrt_event_set_resolved(ldrt_event *e, ldrt_date resolved)
{
    LDRT__EVENT_CHECK(e, LDRT_EVENT_TOXICITY, "resolved");
    int rc = check_end(e->date, resolved, "resolved");
    if (rc)
        return rc;
    e->resolved = resolved;
    return LDRT_OK;
}
