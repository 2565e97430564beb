/*
 * Vital status and follow-up: the date of death and its cause, the date the
 * patient was last known alive, and the events that start a new anticancer
 * therapy (where the tumour endpoints are censored).
 *
 * Date rules (partial dates: a date is the span of days it can mean, and a
 * date is "before" another only when every day it can mean is):
 *  - the death date is not before the birth date, nor before any event
 *    (recorded events, the administrations of a series, the fractions of a
 *    course);
 *  - the last contact is not before the birth date nor after the death date;
 *  - a cause of death needs a death date.
 * The setters apply the rules against what the record holds; ldrt_patient_
 * check_dates() applies them to the whole record (the loader calls it once
 * the document is built).
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "model.h"

static const char *date_text(ldrt_date d, char *buf)
{
    if (ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE) != LDRT_OK)
        snprintf(buf, LDRT_DATE_BUFSIZE, "?");
    return buf;
}

/* 1 when every day of a is before every day of b. */
static int wholly_before(int64_t a_hi, int64_t b_lo)
{
    return a_hi < b_lo;
}

/* Names an event for a message: "the imaging of 2023-07-21 (id \"S1\")". */
static void event_words(const ldrt_event *e, char *buf, size_t size)
{
    char d[LDRT_DATE_BUFSIZE];
    const ldrt_event *src = ldrt__src(e);
    const char *kind = ldrt_event_kind_name(e->kind);
    const char *id = src->text[LDRT_FIELD_ID];
    if (e->parent)
        snprintf(buf, size, "administration %zu of the %s series of %s%s%.60s%s", e->admin_index + 1,
                 kind ? kind : "?", date_text(e->parent->date, d), id ? " (id \"" : "",
                 id ? id : "", id ? "\")" : "");
    else
        snprintf(buf, size, "the %s of %s%s%.60s%s", kind ? kind : "?", date_text(e->date, d),
                 id ? " (id \"" : "", id ? id : "", id ? "\")" : "");
}

/* The first item of the record dated wholly after the last day hi (NULL
 * when none); *fraction receives a fraction when that is the item. */
static const ldrt_event *first_after(const ldrt_patient *p, int64_t hi, const ldrt_fraction **fraction)
{
    *fraction = NULL;
    for (size_t i = 0; i < p->n_events; i++) {
        const ldrt_event *e = p->events[i];
        if (wholly_before(hi, e->lo))
            return e;
        for (size_t k = 0; k < e->n_admins; k++)
            if (wholly_before(hi, e->admins[k]->lo))
                return e->admins[k];
        for (size_t k = 0; k < e->n_fractions; k++)
            if (wholly_before(hi, e->fractions[k]->lo)) {
                *fraction = e->fractions[k];
                return e;
            }
    }
    return NULL;
}

static int check_death(const ldrt_patient *p, ldrt_date death, ldrt_date birth, ldrt_date contact)
{
    char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
    int64_t lo, hi, blo, bhi;
    ldrt__date_span(death, &lo, &hi);
    if (birth != LDRT_DATE_NONE) {
        ldrt__date_span(birth, &blo, &bhi);
        if (wholly_before(hi, blo))
            return ldrt__error(LDRT_EINVAL, "death_date: %s is before the birth_date %s",
                               date_text(death, d1), date_text(birth, d2));
    }
    if (contact != LDRT_DATE_NONE) {
        int64_t clo, chi;
        ldrt__date_span(contact, &clo, &chi);
        if (wholly_before(hi, clo))
            return ldrt__error(LDRT_EINVAL, "death_date: %s is before the last_contact %s (the date "
                                            "last known alive)",
                               date_text(death, d1), date_text(contact, d2));
    }
    const ldrt_fraction *f;
    const ldrt_event *e = first_after(p, hi, &f);
    if (e) {
        char what[200];
        event_words(e, what, sizeof what);
        if (f)
            return ldrt__error(LDRT_EINVAL, "death_date: %s is before fraction %zu (%s) of %s",
                               date_text(death, d1), f->index + 1, date_text(f->date, d2), what);
        return ldrt__error(LDRT_EINVAL, "death_date: %s is before %s", date_text(death, d1), what);
    }
    return LDRT_OK;
}

static int check_contact(ldrt_date contact, ldrt_date birth)
{
    char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
    int64_t lo, hi, blo, bhi;
    ldrt__date_span(contact, &lo, &hi);
    if (birth != LDRT_DATE_NONE) {
        ldrt__date_span(birth, &blo, &bhi);
        if (wholly_before(hi, blo))
            return ldrt__error(LDRT_EINVAL, "last_contact: %s is before the birth_date %s",
                               date_text(contact, d1), date_text(birth, d2));
    }
    return LDRT_OK;
}

int ldrt__check_birth(const ldrt_patient *p, ldrt_date birth)
{
    const ldrt_date other[2] = { p->death_date, p->last_contact };
    const char *name[2] = { "death_date", "last_contact" };
    int64_t blo, bhi;
    ldrt__date_span(birth, &blo, &bhi);
    for (int i = 0; i < 2; i++) {
        int64_t lo, hi;
        char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
        if (other[i] == LDRT_DATE_NONE)
            continue;
        ldrt__date_span(other[i], &lo, &hi);
        if (wholly_before(hi, blo))
            return ldrt__error(LDRT_EINVAL, "birth_date: %s is after the %s %s", date_text(birth, d1),
                               name[i], date_text(other[i], d2));
    }
    return LDRT_OK;
}

int ldrt_patient_check_dates(const ldrt_patient *p)
{
    LDRT__CHECK_NOT_NULL(p);
    int rc;
    if (p->last_contact != LDRT_DATE_NONE && (rc = check_contact(p->last_contact, p->birth_date)))
        return rc;
    if (p->death_date != LDRT_DATE_NONE &&
        (rc = check_death(p, p->death_date, p->birth_date, p->last_contact)))
        return rc;
    if (p->death_cause && p->death_date == LDRT_DATE_NONE)
        return ldrt__error(LDRT_EINVAL, "death_cause: given without a death_date");
    return LDRT_OK;
}

int ldrt_patient_death_date(const ldrt_patient *p, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(out);
    if (p->death_date == LDRT_DATE_NONE)
        return ldrt__error(LDRT_ENOTFOUND, "death_date: not recorded");
    *out = p->death_date;
    return LDRT_OK;
}

int ldrt_patient_set_death_date(ldrt_patient *p, ldrt_date date)
{
    LDRT__CHECK_NOT_NULL(p);
    if (date != LDRT_DATE_NONE) {
        int rc = ldrt__check_date(date, "death_date");
        if (!rc)
            rc = check_death(p, date, p->birth_date, p->last_contact);
        if (rc)
            return rc;
    } else if (p->death_cause) {
        return ldrt__error(LDRT_EINVAL, "death_date: the death_cause needs it (clear the cause first)");
    }
    p->death_date = date;
    return LDRT_OK;
}

const char *ldrt_patient_death_cause(const ldrt_patient *p)
{
    return p ? p->death_cause : NULL;
}

int ldrt_patient_set_death_cause(ldrt_patient *p, const char *cause)
{
    LDRT__CHECK_NOT_NULL(p);
    if (cause && p->death_date == LDRT_DATE_NONE)
        return ldrt__error(LDRT_EINVAL, "death_cause: given without a death_date");
    return ldrt__set_text(&p->death_cause, cause, "death_cause");
}

int ldrt_patient_last_contact(const ldrt_patient *p, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(out);
    if (p->last_contact == LDRT_DATE_NONE)
        return ldrt__error(LDRT_ENOTFOUND, "last_contact: not recorded");
    *out = p->last_contact;
    return LDRT_OK;
}

int ldrt_patient_set_last_contact(ldrt_patient *p, ldrt_date date)
{
    LDRT__CHECK_NOT_NULL(p);
    if (date != LDRT_DATE_NONE) {
        int rc = ldrt__check_date(date, "last_contact");
        if (!rc)
            rc = check_contact(date, p->birth_date);
        if (!rc && p->death_date != LDRT_DATE_NONE) {
            int64_t lo, hi, dlo, dhi;
            char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
            ldrt__date_span(date, &lo, &hi);
            ldrt__date_span(p->death_date, &dlo, &dhi);
            if (wholly_before(dhi, lo))
                rc = ldrt__error(LDRT_EINVAL, "last_contact: %s is after the death_date %s",
                                 date_text(date, d1), date_text(p->death_date, d2));
        }
        if (rc)
            return rc;
    }
    p->last_contact = date;
    return LDRT_OK;
}

/* Kinds of events that say the patient was alive on their date: every
 * clinical event; a note may be written about the patient at any time. */
static int shows_alive(int kind)
{
    return kind != LDRT_EVENT_NOTE;
}

int ldrt__last_known_alive(const ldrt_patient *p, int64_t *lo, int64_t *hi, const ldrt_event **event)
{
    int found = 0;
    *event = NULL;
    if (p->last_contact != LDRT_DATE_NONE) {
        ldrt__date_span(p->last_contact, lo, hi);
        found = 1;
    }
    /* Events are sorted by date: the last one that shows the patient alive. */
    for (size_t i = p->n_events; i-- > 0;) {
        const ldrt_event *e = p->events[i];
        if (!shows_alive(e->kind))
            continue;
        if (!found || e->lo > *lo) {
            *lo = e->lo;
            *hi = e->hi;
            *event = e;
            found = 1;
        }
        break;
    }
    return found;
}

int ldrt_patient_last_known_alive(const ldrt_patient *p, ldrt_date *out)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(out);
    int64_t lo, hi;
    const ldrt_event *e;
    if (!ldrt__last_known_alive(p, &lo, &hi, &e))
        return ldrt__error(LDRT_ENOTFOUND, "last_contact: not recorded, and no event shows the "
                                           "patient alive");
    *out = e ? e->date : p->last_contact;
    return LDRT_OK;
}

/* Kinds that can start a new anticancer therapy. */
static int therapy_kind(int kind)
{
    return kind == LDRT_EVENT_SYSTEMIC || kind == LDRT_EVENT_RADIOTHERAPY || kind == LDRT_EVENT_SURGERY;
}

int ldrt_event_new_therapy(const ldrt_event *e, int *flag)
{
    LDRT__CHECK_NOT_NULL(e);
    LDRT__CHECK_NOT_NULL(flag);
    *flag = ldrt__src(e)->new_therapy == 1;
    return LDRT_OK;
}

int ldrt_event_set_new_therapy(ldrt_event *e, int flag)
{
    LDRT__CHECK_NOT_NULL(e);
    if (e->parent)
        return ldrt__error(LDRT_EINVAL, "new_therapy: an administration of a series takes it from "
                                        "its series");
    if (!therapy_kind(e->kind))
        return ldrt__error(LDRT_EINVAL, "new_therapy: only a systemic, radiotherapy or surgery "
                                        "event starts a therapy (this is a %s event)",
                           ldrt_event_kind_name(e->kind));
    if (flag != 0 && flag != 1)
        return ldrt__error(LDRT_EINVAL, "new_therapy: must be 0 or 1 (got %d)", flag);
    e->new_therapy = flag ? 1 : -1;
    return LDRT_OK;
}

const ldrt_event *ldrt__new_therapy_after(const ldrt_patient *p, int64_t after_lo)
{
    for (size_t i = 0; i < p->n_events; i++) {
        const ldrt_event *e = p->events[i];
        if (e->new_therapy == 1 && e->lo > after_lo)
            return e;
    }
    return NULL;
}
