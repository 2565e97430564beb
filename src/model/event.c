/*
 * Events of the patient record: creation, time order, text fields, systemic
 * series, holds, surgery, radiotherapy courses with their fractions, imaging,
 * toxicity.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "model.h"

static const int64_t DAYS_MAX = 2932896; /* 9999-12-31 */

/* ---- allocation and release --------------------------------------------------- */

static void event_init(ldrt_event *e, ldrt_patient *p, int kind, ldrt_date date)
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

static void free_admins(ldrt_event **admins, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ldrt__free(admins[i]);
    ldrt__free(admins);
}

static void free_fractions(ldrt_patient *p, ldrt_fraction **f, size_t n)
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
    }
    ldrt__free(e->agents);
    free_admins(e->admins, e->n_admins);
    for (size_t i = 0; i < e->n_drugs; i++)
        ldrt__free(e->drugs[i]);
    ldrt__free(e->drugs);
    ldrt__free(e->removed);
    ldrt__free(e->targets);
    free_fractions(p, e->fractions, e->n_fractions);
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
    ldrt__extra_free(p, e->extra);
    ldrt__free(e);
}

/* ---- checks shared by the mutations --------------------------------------------- */

static int check_kind(const ldrt_event *e, int kind, const char *what)
{
    if (e->kind != kind)
        return ldrt__error(LDRT_EINVAL, "%s: not a field of %s events (this is a %s event)", what,
                           ldrt_event_kind_name(kind), ldrt_event_kind_name(e->kind));
    return LDRT_OK;
}

static int check_recorded(const ldrt_event *e, const char *what)
{
    if (e->parent)
        return ldrt__error(LDRT_ESTATE, "%s: a generated administration cannot be changed; change its series", what);
    return LDRT_OK;
}

#define EVENT_CHECK(e, kind, what)                         \
    do {                                                   \
        LDRT__CHECK_NOT_NULL(e);                           \
        int rc_ = check_recorded((e), (what));             \
        if (!rc_)                                          \
            rc_ = check_kind((e), (kind), (what));         \
        if (rc_)                                           \
            return rc_;                                    \
    } while (0)

/* A value of a quantity: finite, above min (or at it when min_inclusive), and
 * at most max, the quantity's limit of ldrt/limits.h ("absurd but finite"). */
static int check_finite(double v, double min, int min_inclusive, double max, const char *name)
{
    if (!isfinite(v) || (min_inclusive ? v < min : v <= min))
        return ldrt__error(LDRT_EINVAL, "%s: must be %s %g and finite (got %g)", name,
                           min_inclusive ? ">=" : ">", min, v);
    if (v > max)
        return ldrt__error(LDRT_EINVAL, "%s: must be at most %g (got %g)", name, max, v);
    return LDRT_OK;
}

static ldrt_lesion *lesion_arg(ldrt_patient *p, const char *id, const char *name, int *rc)
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
    event_init(e, p, kind, date);
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
    int rc = check_recorded(e, "event");
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

/* ---- expansion of series and prescriptions ------------------------------------------ */

static ldrt_date at_precision(int64_t day, ldrt_date like)
{
    ldrt_date d = ldrt__date_of_day(day);
    if (like % 10000 == 0)
        return d / 10000 * 10000;
    if (like % 100 == 0)
        return d / 100 * 100;
    return d;
}

/* Builds the administrations of a series starting at (date, lo, hi). */
static int build_admins(ldrt_event *e, ldrt_date date, int every, int count, ldrt_event ***out)
{
    int64_t lo, hi;
    ldrt__date_span(date, &lo, &hi);
    if (hi + (int64_t)every * (count - 1) > DAYS_MAX)
        return ldrt__error(LDRT_ERANGE, "repeat: the series runs past the year 9999");
    ldrt_event **a = ldrt__calloc((size_t)count, sizeof *a);
    if (!a)
        return LDRT_ENOMEM;
    for (int k = 0; k < count; k++) {
        ldrt_event *g = ldrt__calloc(1, sizeof *g);
        if (!g) {
            free_admins(a, (size_t)k);
            return LDRT_ENOMEM;
        }
        int64_t off = (int64_t)every * k;
        event_init(g, e->patient, LDRT_EVENT_SYSTEMIC, at_precision(lo + off, date));
        g->lo = lo + off;
        g->hi = hi + off;
        g->seq = e->seq;
        g->parent = e;
        g->admin_index = (size_t)k;
        a[k] = g;
    }
    *out = a;
    return LDRT_OK;
}

static int weekday_of_day(int64_t z)
{
    int64_t w = (z + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1; /* 1 Monday .. 7 Sunday */
}

/* Day offset of fraction k from a start day for a schedule. */
static void schedule_days(int64_t start, int schedule, int n, int64_t *days)
{
    int64_t d = start;
    for (int k = 0; k < n; k++) {
        days[k] = d;
        if (schedule == LDRT_SCHEDULE_DAILY)
            d += 1;
        else if (schedule == LDRT_SCHEDULE_ALTERNATE_DAYS)
            d += 2;
        else {
            d += 1;
            while (weekday_of_day(d) > 5)
                d++;
        }
    }
}

/* Fraction spans of a prescription from a (possibly partial) start date:
 * every possible start day is tried (weekend days are not possible starts of
 * a weekdays course). lo/hi receive n spans; ott_min/max the overall time. */
static int prescription_spans(ldrt_date date, int schedule, int n, int64_t *lo, int64_t *hi,
                              int64_t *ott_min, int64_t *ott_max)
{
    int64_t slo, shi;
    ldrt__date_span(date, &slo, &shi);
    int64_t *days = ldrt__calloc((size_t)n, sizeof *days);
    if (!days)
        return LDRT_ENOMEM;
    int any = 0;
    for (int64_t s = slo; s <= shi; s++) {
        if (schedule == LDRT_SCHEDULE_WEEKDAYS && weekday_of_day(s) > 5)
            continue;
        schedule_days(s, schedule, n, days);
        int64_t ott = days[n - 1] - days[0];
        for (int k = 0; k < n; k++) {
            if (!any || days[k] < lo[k])
                lo[k] = days[k];
            if (!any || days[k] > hi[k])
                hi[k] = days[k];
        }
        if (!any || ott < *ott_min)
            *ott_min = ott;
        if (!any || ott > *ott_max)
            *ott_max = ott;
        any = 1;
    }
    ldrt__free(days);
    if (!any)
        return ldrt__error(LDRT_EINVAL, "schedule: a weekdays course cannot start on a weekend day");
    if (hi[n - 1] > DAYS_MAX)
        return ldrt__error(LDRT_ERANGE, "prescription: the course runs past the year 9999");
    return LDRT_OK;
}

static int build_rx(ldrt_event *e, ldrt_date date, ldrt_date end, double total_gy, int n,
                    int schedule, ldrt_fraction ***out)
{
    int64_t *lo = ldrt__calloc((size_t)n * 2, sizeof *lo);
    if (!lo)
        return LDRT_ENOMEM;
    int64_t *hi = lo + n, omin = 0, omax = 0;
    int rc = prescription_spans(date, schedule, n, lo, hi, &omin, &omax);
    if (rc) {
        ldrt__free(lo);
        return rc;
    }
    if (end != LDRT_DATE_NONE) {
        int64_t elo, ehi;
        ldrt__date_span(end, &elo, &ehi);
        if (lo[n - 1] > ehi) {
            ldrt__free(lo);
            return ldrt__error(LDRT_EINVAL,
                               "prescription: the last of %d fractions falls after the course end",
                               n);
        }
    }
    ldrt_fraction **f = ldrt__calloc((size_t)n, sizeof *f);
    if (!f) {
        ldrt__free(lo);
        return LDRT_ENOMEM;
    }
    for (int k = 0; k < n; k++) {
        f[k] = ldrt__calloc(1, sizeof **f);
        if (!f[k]) {
            free_fractions(e->patient, f, (size_t)k);
            ldrt__free(lo);
            return LDRT_ENOMEM;
        }
        f[k]->course = e;
        f[k]->index = (size_t)k;
        f[k]->lo = lo[k];
        f[k]->hi = hi[k];
        f[k]->date = at_precision(lo[k], date);
        f[k]->dose_gy = total_gy / n;
        f[k]->expanded = 1;
    }
    ldrt__free(lo);
    *out = f;
    return LDRT_OK;
}

int ldrt__course_ott(const ldrt_event *e, int64_t *min_days, int64_t *max_days)
{
    if (e->n_fractions == 0)
        return ldrt__error(LDRT_ENOTFOUND, "fractions: the course has none");
    if (e->has_rx && e->n_fractions > 0) {
        int n = (int)e->n_fractions;
        int64_t *lo = ldrt__calloc((size_t)n * 2, sizeof *lo);
        if (!lo)
            return LDRT_ENOMEM;
        int rc = prescription_spans(e->date, e->rx_schedule, n, lo, lo + n, min_days, max_days);
        ldrt__free(lo);
        return rc;
    }
    const ldrt_fraction *a = e->fractions[0], *b = e->fractions[e->n_fractions - 1];
    int64_t mn = b->lo - a->hi;
    *min_days = mn < 0 ? 0 : mn;
    *max_days = b->hi - a->lo;
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
static int fraction_fits(ldrt_date date, ldrt_date end, int64_t lo, int64_t hi)
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
    int rc = check_recorded(e, "date");
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
            if (!fraction_fits(date, e->end, e->fractions[i]->lo, e->fractions[i]->hi))
                return ldrt__error(LDRT_EINVAL,
                                   "date: fraction %zu would fall outside the course", i);
    ldrt_event **admins = NULL;
    ldrt_fraction **fr = NULL;
    if (e->repeat_count) {
        rc = build_admins(e, date, e->repeat_every_days, e->repeat_count, &admins);
        if (rc)
            return rc;
    }
    if (e->has_rx) {
        rc = build_rx(e, date, e->end, e->rx_total_gy, e->rx_fractions, e->rx_schedule, &fr);
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
        free_admins(e->admins, e->n_admins);
        e->admins = admins;
    }
    if (fr) {
        free_fractions(p, e->fractions, e->n_fractions);
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
    int rc = check_recorded(e, "end");
    if (!rc)
        rc = check_end(e->date, end, "end");
    if (rc)
        return rc;
    for (size_t i = 0; i < e->n_fractions; i++)
        if (!fraction_fits(e->date, end, e->fractions[i]->lo, e->fractions[i]->hi))
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
    int rc = check_recorded(e, name);
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

/* ---- systemic ------------------------------------------------------------------------------ */

int ldrt_systemic_add_agent(ldrt_systemic *systemic, const char *drug, double dose, const char *unit)
{
    ldrt_event *e = LDRT__EV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    EVENT_CHECK(e, LDRT_EVENT_SYSTEMIC, "agents");
    int rc = ldrt__check_text(drug, "drug");
    if (!rc && !isnan(dose))
        rc = check_finite(dose, 0, 0, LDRT_MAX_DRUG_DOSE, "dose");
    if (!rc && !isnan(dose) && !unit)
        rc = ldrt__error(LDRT_EINVAL, "unit: required with a dose");
    if (!rc && unit)
        rc = ldrt__check_text(unit, "unit");
    if (rc)
        return rc;
    if (e->n_agents >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "agents: at most %d", LDRT_MAX_ITEMS);
    ldrt__agent a = { .dose = dose };
    a.drug = ldrt__strdup(drug);
    if (a.drug && unit)
        a.unit = ldrt__strdup(unit);
    if (!a.drug || (unit && !a.unit) ||
        ldrt__reserve((void **)&e->agents, e->n_agents, sizeof *e->agents)) {
        ldrt__free(a.drug);
        ldrt__free(a.unit);
        return LDRT_ENOMEM;
    }
    e->agents[e->n_agents++] = a;
    return LDRT_OK;
}

size_t ldrt_systemic_agent_count(const ldrt_systemic *systemic)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    return e ? ldrt__src(e)->n_agents : 0;
}

const char *ldrt_systemic_agent_drug(const ldrt_systemic *systemic, size_t i)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    return e && i < ldrt__src(e)->n_agents ? ldrt__src(e)->agents[i].drug : NULL;
}

int ldrt_systemic_agent_dose(const ldrt_systemic *systemic, size_t i, double *dose)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    LDRT__CHECK_NOT_NULL(dose);
    const ldrt_event *s = ldrt__src(e);
    if (i >= s->n_agents)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu agents)", i, s->n_agents);
    if (isnan(s->agents[i].dose))
        return ldrt__error(LDRT_ENOTFOUND, "dose: not recorded for %s", s->agents[i].drug);
    *dose = s->agents[i].dose;
    return LDRT_OK;
}

const char *ldrt_systemic_agent_unit(const ldrt_systemic *systemic, size_t i)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    return e && i < ldrt__src(e)->n_agents ? ldrt__src(e)->agents[i].unit : NULL;
}

int ldrt_systemic_gives_drug(const ldrt_systemic *systemic, const char *drug)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    if (!e || !drug || e->kind != LDRT_EVENT_SYSTEMIC)
        return 0;
    const ldrt_event *s = ldrt__src(e);
    for (size_t i = 0; i < s->n_agents; i++)
        if (strcmp(s->agents[i].drug, drug) == 0)
            return 1;
    return 0;
}

int ldrt_systemic_cycle(const ldrt_systemic *systemic, int *cycle)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    LDRT__CHECK_NOT_NULL(cycle);
    const ldrt_event *s = ldrt__src(e);
    if (s->cycle == 0)
        return ldrt__error(LDRT_ENOTFOUND, "cycle: not recorded");
    *cycle = s->cycle + (e->parent ? (int)e->admin_index : 0);
    return LDRT_OK;
}

int ldrt_systemic_set_cycle(ldrt_systemic *systemic, int cycle)
{
    ldrt_event *e = LDRT__EV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    EVENT_CHECK(e, LDRT_EVENT_SYSTEMIC, "cycle");
    if (cycle < 0 || cycle > 100000)
        return ldrt__error(LDRT_EINVAL, "cycle: must be >= 1, or 0 to clear (got %d)", cycle);
    e->cycle = cycle;
    return LDRT_OK;
}

int ldrt_systemic_set_repeat(ldrt_systemic *systemic, int every_days, int count)
{
    ldrt_event *e = LDRT__EV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    EVENT_CHECK(e, LDRT_EVENT_SYSTEMIC, "repeat");
    ldrt_patient *p = e->patient;
    if (every_days == 0 && count == 0) {
        p->n_generated -= e->n_admins;
        free_admins(e->admins, e->n_admins);
        e->admins = NULL;
        e->n_admins = 0;
        e->repeat_every_days = e->repeat_count = 0;
        ldrt__extra_free(p, e->repeat_extra);
        e->repeat_extra = NULL;
        return LDRT_OK;
    }
    if (every_days < 1 || every_days > LDRT_MAX_REPEAT_EVERY_DAYS)
        return ldrt__error(LDRT_EINVAL, "every_days: must be 1 to %d (got %d)",
                           LDRT_MAX_REPEAT_EVERY_DAYS, every_days);
    if (count < 1 || count > LDRT_MAX_REPEAT_COUNT)
        return ldrt__error(LDRT_EINVAL, "count: must be 1 to %d (got %d)", LDRT_MAX_REPEAT_COUNT,
                           count);
    if (p->n_generated - e->n_admins + (size_t)count > LDRT_MAX_GENERATED)
        return ldrt__error(LDRT_ERANGE, "repeat: the patient would have more than %d generated items",
                           LDRT_MAX_GENERATED);
    ldrt_event **a;
    int rc = build_admins(e, e->date, every_days, count, &a);
    if (rc)
        return rc;
    p->n_generated = p->n_generated - e->n_admins + (size_t)count;
    free_admins(e->admins, e->n_admins);
    e->admins = a;
    e->n_admins = (size_t)count;
    e->repeat_every_days = every_days;
    e->repeat_count = count;
    return LDRT_OK;
}

int ldrt_systemic_repeat(const ldrt_systemic *systemic, int *every_days, int *count)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    if (e->repeat_count == 0)
        return ldrt__error(LDRT_ENOTFOUND, "repeat: not a series");
    if (every_days)
        *every_days = e->repeat_every_days;
    if (count)
        *count = e->repeat_count;
    return LDRT_OK;
}

size_t ldrt_systemic_administration_count(const ldrt_systemic *systemic)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    if (!e || e->kind != LDRT_EVENT_SYSTEMIC)
        return 0;
    return e->repeat_count ? e->n_admins : 1;
}

const ldrt_event *ldrt_systemic_administration_at(const ldrt_systemic *systemic, size_t i)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    if (!e || e->kind != LDRT_EVENT_SYSTEMIC)
        return NULL;
    if (e->repeat_count)
        return i < e->n_admins ? e->admins[i] : NULL;
    return i == 0 ? (ldrt_event *)e : NULL;
}

int ldrt_event_is_expanded(const ldrt_event *e) { return e && e->parent ? 1 : 0; }
const ldrt_event *ldrt_event_parent(const ldrt_event *e) { return e ? e->parent : NULL; }

/* ---- holds ----------------------------------------------------------------------------------- */

int ldrt_event_hold_kind(const ldrt_event *e, int *kind)
{
    LDRT__CHECK_NOT_NULL(e);
    LDRT__CHECK_NOT_NULL(kind);
    if (!e->hold_kind)
        return ldrt__error(LDRT_ENOTFOUND, "kind: not recorded");
    *kind = e->hold_kind;
    return LDRT_OK;
}

int ldrt_event_set_hold_kind(ldrt_event *e, ldrt_hold_kind kind)
{
    EVENT_CHECK(e, LDRT_EVENT_HOLD, "kind");
    if (kind != 0 && !ldrt_hold_kind_name(kind))
        return ldrt__error(LDRT_EINVAL, "kind: %d is not a hold kind", kind);
    e->hold_kind = kind;
    return LDRT_OK;
}

int ldrt_event_add_drug(ldrt_event *e, const char *drug)
{
    EVENT_CHECK(e, LDRT_EVENT_HOLD, "drugs");
    int rc = ldrt__check_text(drug, "drug");
    if (rc)
        return rc;
    for (size_t i = 0; i < e->n_drugs; i++)
        if (strcmp(e->drugs[i], drug) == 0)
            return ldrt__error(LDRT_EINVAL, "drug: \"%.60s\" is already listed", drug);
    if (e->n_drugs >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "drugs: at most %d", LDRT_MAX_ITEMS);
    char *c = ldrt__strdup(drug);
    if (!c || ldrt__reserve((void **)&e->drugs, e->n_drugs, sizeof *e->drugs)) {
        ldrt__free(c);
        return LDRT_ENOMEM;
    }
    e->drugs[e->n_drugs++] = c;
    return LDRT_OK;
}

size_t ldrt_event_drug_count(const ldrt_event *e) { return e ? e->n_drugs : 0; }
const char *ldrt_event_drug_at(const ldrt_event *e, size_t i)
{
    return e && i < e->n_drugs ? e->drugs[i] : NULL;
}

/* ---- lesion lists (surgery, course targets) ---------------------------------------------------- */

static int add_lesion_ref(ldrt_event *e, ldrt_lesion ***list, size_t *n, const char *id,
                          const char *name)
{
    int rc = LDRT_OK;
    ldrt_lesion *l = lesion_arg(e->patient, id, name, &rc);
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
    EVENT_CHECK(e, LDRT_EVENT_SURGERY, "lesions");
    return add_lesion_ref(e, &e->removed, &e->n_removed, lesion_id, "lesions");
}
size_t ldrt_event_removed_lesion_count(const ldrt_event *e) { return e ? e->n_removed : 0; }
const ldrt_lesion *ldrt_event_removed_lesion_at(const ldrt_event *e, size_t i)
{
    return e && i < e->n_removed ? e->removed[i] : NULL;
}

int ldrt_course_add_target(ldrt_course *course, const char *lesion_id)
{
    ldrt_event *e = LDRT__EV(course);
    LDRT__CHECK_NOT_NULL(course);
    EVENT_CHECK(e, LDRT_EVENT_RADIOTHERAPY, "targets");
    return add_lesion_ref(e, &e->targets, &e->n_targets, lesion_id, "targets");
}
size_t ldrt_course_target_count(const ldrt_course *course)
{
    const ldrt_event *e = LDRT__CEV(course);
    return e ? e->n_targets : 0;
}
const ldrt_lesion *ldrt_course_target_at(const ldrt_course *course, size_t i)
{
    const ldrt_event *e = LDRT__CEV(course);
    return e && i < e->n_targets ? e->targets[i] : NULL;
}

int ldrt_course_targets_lesion(const ldrt_course *course, const ldrt_lesion *l)
{
    const ldrt_event *e = LDRT__CEV(course);
    if (!e || !l)
        return 0;
    for (size_t i = 0; i < e->n_targets; i++)
        if (e->targets[i] == l)
            return 1;
    return 0;
}

/* ---- radiotherapy --------------------------------------------------------------------------------- */

int ldrt_course_margin_mm(const ldrt_course *course, double *margin_mm)
{
    const ldrt_event *e = LDRT__CEV(course);
    LDRT__CHECK_NOT_NULL(course);
    LDRT__CHECK_NOT_NULL(margin_mm);
    if (isnan(e->margin_mm))
        return ldrt__error(LDRT_ENOTFOUND, "margin_mm: not recorded");
    *margin_mm = e->margin_mm;
    return LDRT_OK;
}

int ldrt_course_set_margin_mm(ldrt_course *course, double margin_mm)
{
    ldrt_event *e = LDRT__EV(course);
    LDRT__CHECK_NOT_NULL(course);
    EVENT_CHECK(e, LDRT_EVENT_RADIOTHERAPY, "margin_mm");
    if (!isnan(margin_mm)) {
        int rc = check_finite(margin_mm, 0, 1, LDRT_MAX_LENGTH_MM, "margin_mm");
        if (rc)
            return rc;
    }
    e->margin_mm = margin_mm;
    return LDRT_OK;
}

int ldrt_course_add_fraction(ldrt_course *course, ldrt_date date, double dose_gy, ldrt_fraction **out)
{
    ldrt_event *e = LDRT__EV(course);
    LDRT__CHECK_NOT_NULL(course);
    EVENT_CHECK(e, LDRT_EVENT_RADIOTHERAPY, "fractions");
    if (e->has_rx)
        return ldrt__error(LDRT_ESTATE, "fractions: the course has a prescription; "
                                        "its fractions are generated");
    int rc = ldrt__check_date(date, "date");
    if (!rc)
        rc = check_finite(dose_gy, 0, 0, LDRT_MAX_DOSE_GY, "dose_gy");
    if (rc)
        return rc;
    int64_t lo, hi;
    ldrt__date_span(date, &lo, &hi);
    if (!fraction_fits(e->date, e->end, lo, hi))
        return ldrt__error(LDRT_EINVAL, "date: the fraction falls outside the course");
    if (e->n_fractions > 0 && hi < e->fractions[e->n_fractions - 1]->lo)
        return ldrt__error(LDRT_EINVAL, "date: the fraction is before the previous fraction");
    if (e->n_fractions >= LDRT_MAX_FRACTIONS)
        return ldrt__error(LDRT_ERANGE, "fractions: at most %d per course", LDRT_MAX_FRACTIONS);
    ldrt_fraction *f = ldrt__calloc(1, sizeof *f);
    if (!f || ldrt__reserve((void **)&e->fractions, e->n_fractions, sizeof *e->fractions)) {
        ldrt__free(f);
        return LDRT_ENOMEM;
    }
    f->course = e;
    f->index = e->n_fractions;
    f->date = date;
    f->lo = lo;
    f->hi = hi;
    f->dose_gy = dose_gy;
    e->fractions[e->n_fractions++] = f;
    if (out)
        *out = f;
    return LDRT_OK;
}

int ldrt_course_set_prescription(ldrt_course *course, double total_gy, int fractions, ldrt_schedule schedule)
{
    ldrt_event *e = LDRT__EV(course);
    LDRT__CHECK_NOT_NULL(course);
    EVENT_CHECK(e, LDRT_EVENT_RADIOTHERAPY, "prescription");
    if (!e->has_rx && e->n_fractions > 0)
        return ldrt__error(LDRT_ESTATE, "prescription: the course already lists its fractions");
    int rc = check_finite(total_gy, 0, 0, LDRT_MAX_DOSE_GY, "total_gy");
    if (rc)
        return rc;
    if (fractions < 1 || fractions > LDRT_MAX_FRACTIONS)
        return ldrt__error(LDRT_EINVAL, "fractions: must be 1 to %d (got %d)", LDRT_MAX_FRACTIONS,
                           fractions);
    if (!ldrt_schedule_name(schedule))
        return ldrt__error(LDRT_EINVAL, "schedule: %d is not a schedule", schedule);
    ldrt_patient *p = e->patient;
    size_t old = e->has_rx ? e->n_fractions : 0;
    if (p->n_generated - old + (size_t)fractions > LDRT_MAX_GENERATED)
        return ldrt__error(LDRT_ERANGE, "prescription: the patient would have more than %d generated items",
                           LDRT_MAX_GENERATED);
    ldrt_fraction **f;
    rc = build_rx(e, e->date, e->end, total_gy, fractions, schedule, &f);
    if (rc)
        return rc;
    free_fractions(p, e->fractions, e->n_fractions);
    p->n_generated = p->n_generated - old + (size_t)fractions;
    e->fractions = f;
    e->n_fractions = (size_t)fractions;
    e->has_rx = 1;
    e->rx_total_gy = total_gy;
    e->rx_fractions = fractions;
    e->rx_schedule = schedule;
    return LDRT_OK;
}

int ldrt_course_prescription(const ldrt_course *course, double *total_gy, int *fractions, int *schedule)
{
    const ldrt_event *e = LDRT__CEV(course);
    LDRT__CHECK_NOT_NULL(course);
    if (!e->has_rx)
        return ldrt__error(LDRT_ENOTFOUND, "prescription: not recorded");
    if (total_gy)
        *total_gy = e->rx_total_gy;
    if (fractions)
        *fractions = e->rx_fractions;
    if (schedule)
        *schedule = e->rx_schedule;
    return LDRT_OK;
}

size_t ldrt_course_fraction_count(const ldrt_course *course)
{
    const ldrt_event *e = LDRT__CEV(course);
    return e ? e->n_fractions : 0;
}
const ldrt_fraction *ldrt_course_fraction_at(const ldrt_course *course, size_t i)
{
    const ldrt_event *e = LDRT__CEV(course);
    return e && i < e->n_fractions ? e->fractions[i] : NULL;
}

const ldrt_course *ldrt_fraction_course(const ldrt_fraction *f)
{
    return f ? LDRT__CCOURSE(f->course) : NULL;
}
size_t ldrt_fraction_index(const ldrt_fraction *f) { return f ? f->index : 0; }
ldrt_date ldrt_fraction_date(const ldrt_fraction *f) { return f ? f->date : LDRT_DATE_NONE; }
int ldrt_fraction_is_expanded(const ldrt_fraction *f) { return f ? f->expanded : 0; }

int ldrt_fraction_span(const ldrt_fraction *f, ldrt_date *earliest, ldrt_date *latest)
{
    LDRT__CHECK_NOT_NULL(f);
    if (earliest)
        *earliest = ldrt__date_of_day(f->lo);
    if (latest)
        *latest = ldrt__date_of_day(f->hi);
    return LDRT_OK;
}

int ldrt_fraction_dose_gy(const ldrt_fraction *f, double *dose_gy)
{
    LDRT__CHECK_NOT_NULL(f);
    LDRT__CHECK_NOT_NULL(dose_gy);
    *dose_gy = f->dose_gy;
    return LDRT_OK;
}

/* ---- imaging ------------------------------------------------------------------------------------------- */

int ldrt_scan_baseline(const ldrt_scan *scan, int *baseline)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(baseline);
    if (e->baseline < 0)
        return ldrt__error(LDRT_ENOTFOUND, "baseline: not recorded");
    *baseline = e->baseline;
    return LDRT_OK;
}

int ldrt_scan_set_baseline(ldrt_scan *scan, int baseline)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "baseline");
    if (baseline < -1 || baseline > 1)
        return ldrt__error(LDRT_EINVAL, "baseline: must be 1, 0 or -1 (got %d)", baseline);
    e->baseline = baseline;
    return LDRT_OK;
}

int ldrt_scan_add_measurement(ldrt_scan *scan, const char *lesion_id, double diameter_mm,
                               unsigned flags)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "measurements");
    int rc = LDRT_OK;
    ldrt_lesion *l = lesion_arg(e->patient, lesion_id, "lesion", &rc);
    if (!l)
        return rc;
    if (!isnan(diameter_mm) && (rc = check_finite(diameter_mm, 0, 1, LDRT_MAX_LENGTH_MM, "diameter_mm")))
        return rc;
    if (flags & ~LDRT_MEASUREMENT_TOO_SMALL)
        return ldrt__error(LDRT_EINVAL, "flags: unknown flags 0x%x", flags);
    for (size_t i = 0; i < e->n_meas; i++)
        if (e->meas[i].lesion == l)
            return ldrt__error(LDRT_EINVAL, "lesion: \"%.60s\" is already measured on this scan",
                               lesion_id);
    if (e->n_meas >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "measurements: at most %d", LDRT_MAX_ITEMS);
    if (ldrt__reserve((void **)&e->meas, e->n_meas, sizeof *e->meas))
        return LDRT_ENOMEM;
    ldrt__measurement m = { .lesion = l, .diameter_mm = diameter_mm,
                            .too_small = (flags & LDRT_MEASUREMENT_TOO_SMALL) ? 1 : -1 };
    e->meas[e->n_meas++] = m;
    return LDRT_OK;
}

size_t ldrt_scan_measurement_count(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->n_meas : 0;
}
const ldrt_lesion *ldrt_scan_measurement_lesion(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_meas ? e->meas[i].lesion : NULL;
}

int ldrt_scan_measurement_state(const ldrt_scan *scan, size_t i, ldrt_lesion_state *state)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(state);
    if (i >= e->n_meas)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu measurements)", i,
                           e->n_meas);
    *state = ldrt__measurement_state(&e->meas[i]);
    return LDRT_OK;
}

int ldrt_scan_measurement_diameter_mm(const ldrt_scan *scan, size_t i, double *diameter_mm)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(diameter_mm);
    if (i >= e->n_meas)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu measurements)", i,
                           e->n_meas);
    if (isnan(e->meas[i].diameter_mm))
        return ldrt__error(LDRT_ENOTFOUND, "diameter_mm: no value for lesion \"%.60s\"",
                           e->meas[i].lesion->id);
    *diameter_mm = e->meas[i].diameter_mm;
    return LDRT_OK;
}

int ldrt_scan_find_measurement(const ldrt_scan *scan, const ldrt_lesion *l, size_t *index)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(l);
    LDRT__CHECK_NOT_NULL(index);
    for (size_t i = 0; i < e->n_meas; i++)
        if (e->meas[i].lesion == l) {
            *index = i;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "lesion: \"%.60s\" is not measured on this scan", l->id);
}

int ldrt_scan_add_sul_peak(ldrt_scan *scan, const char *lesion_id, double value)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "sul_peak");
    int rc = LDRT_OK;
    ldrt_lesion *l = lesion_arg(e->patient, lesion_id, "lesion", &rc);
    if (!l)
        return rc;
    if ((rc = check_finite(value, 0, 1, LDRT_MAX_SUL, "value")))
        return rc;
    for (size_t i = 0; i < e->n_sul; i++)
        if (e->sul[i].lesion == l)
            return ldrt__error(LDRT_EINVAL, "lesion: \"%.60s\" already has a SULpeak on this scan",
                               lesion_id);
    if (e->n_sul >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "sul_peak: at most %d", LDRT_MAX_ITEMS);
    if (ldrt__reserve((void **)&e->sul, e->n_sul, sizeof *e->sul))
        return LDRT_ENOMEM;
    ldrt__sul s = { .lesion = l, .value = value };
    e->sul[e->n_sul++] = s;
    return LDRT_OK;
}

size_t ldrt_scan_sul_peak_count(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->n_sul : 0;
}
const ldrt_lesion *ldrt_scan_sul_peak_lesion(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_sul ? e->sul[i].lesion : NULL;
}

int ldrt_scan_sul_peak_value(const ldrt_scan *scan, size_t i, double *value)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(value);
    if (i >= e->n_sul)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu SULpeaks)", i, e->n_sul);
    *value = e->sul[i].value;
    return LDRT_OK;
}

int ldrt_scan_liver_sul_mean(const ldrt_scan *scan, double *value)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(value);
    if (isnan(e->liver_sul_mean))
        return ldrt__error(LDRT_ENOTFOUND, "liver_sul_mean: not recorded");
    *value = e->liver_sul_mean;
    return LDRT_OK;
}

int ldrt_scan_set_liver_sul_mean(ldrt_scan *scan, double value)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "liver_sul_mean");
    if (!isnan(value)) {
        int rc = check_finite(value, 0, 0, LDRT_MAX_SUL, "liver_sul_mean");
        if (rc)
            return rc;
    }
    e->liver_sul_mean = value;
    return LDRT_OK;
}

int ldrt_scan_blood_pool_sul(const ldrt_scan *scan, double *value)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(value);
    if (isnan(e->blood_pool_sul))
        return ldrt__error(LDRT_ENOTFOUND, "blood_pool_sul: not recorded");
    *value = e->blood_pool_sul;
    return LDRT_OK;
}

int ldrt_scan_set_blood_pool_sul(ldrt_scan *scan, double value)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "blood_pool_sul");
    if (!isnan(value)) {
        int rc = check_finite(value, 0, 0, LDRT_MAX_SUL, "blood_pool_sul");
        if (rc)
            return rc;
    }
    e->blood_pool_sul = value;
    return LDRT_OK;
}

int ldrt_scan_set_non_target(ldrt_scan *scan, const char *lesion_id, ldrt_lesion_state state)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "non_target");
    int rc = LDRT_OK;
    ldrt_lesion *l = lesion_arg(e->patient, lesion_id, "lesion", &rc);
    if (!l)
        return rc;
    if (!ldrt__non_target_state_ok(state))
        return ldrt__error(LDRT_EINVAL, "state: %d is not a non-target state", (int)state);
    for (size_t i = 0; i < e->n_nt; i++)
        if (e->nt[i].lesion == l) {
            e->nt[i].state = state;
            return LDRT_OK;
        }
    if (e->n_nt >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "non_target: at most %d", LDRT_MAX_ITEMS);
    if (ldrt__reserve((void **)&e->nt, e->n_nt, sizeof *e->nt))
        return LDRT_ENOMEM;
    ldrt__non_target n = { .lesion = l, .state = state };
    e->nt[e->n_nt++] = n;
    return LDRT_OK;
}

size_t ldrt_scan_non_target_count(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->n_nt : 0;
}
const ldrt_lesion *ldrt_scan_non_target_lesion(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_nt ? e->nt[i].lesion : NULL;
}
int ldrt_scan_non_target_state(const ldrt_scan *scan, size_t i, ldrt_lesion_state *state)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(state);
    if (i >= e->n_nt)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu non-target states)", i,
                           e->n_nt);
    *state = e->nt[i].state;
    return LDRT_OK;
}

int ldrt_scan_add_new_lesion(ldrt_scan *scan, const char *id, const char *site, double diameter_mm)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "new_lesions");
    int rc = ldrt__check_text(id, "id");
    if (!rc && site)
        rc = ldrt__check_text(site, "site");
    if (!rc && !isnan(diameter_mm))
        rc = check_finite(diameter_mm, 0, 1, LDRT_MAX_LENGTH_MM, "diameter_mm");
    if (rc)
        return rc;
    for (size_t i = 0; i < e->n_new; i++)
        if (strcmp(e->newl[i].id, id) == 0)
            return ldrt__error(LDRT_EINVAL, "id: new lesion \"%.60s\" is already listed", id);
    if (e->n_new >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "new_lesions: at most %d", LDRT_MAX_ITEMS);
    ldrt__new_lesion n = { .diameter_mm = diameter_mm };
    n.id = ldrt__strdup(id);
    if (n.id && site)
        n.site = ldrt__strdup(site);
    if (!n.id || (site && !n.site) ||
        ldrt__reserve((void **)&e->newl, e->n_new, sizeof *e->newl)) {
        ldrt__free(n.id);
        ldrt__free(n.site);
        return LDRT_ENOMEM;
    }
    e->newl[e->n_new++] = n;
    e->new_lesions_present = 1;
    return LDRT_OK;
}

size_t ldrt_scan_new_lesion_count(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->n_new : 0;
}
const char *ldrt_scan_new_lesion_id(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_new ? e->newl[i].id : NULL;
}
const char *ldrt_scan_new_lesion_site(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_new ? e->newl[i].site : NULL;
}

int ldrt_scan_new_lesion_diameter_mm(const ldrt_scan *scan, size_t i, double *diameter_mm)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(diameter_mm);
    if (i >= e->n_new)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu new lesions)", i, e->n_new);
    if (isnan(e->newl[i].diameter_mm))
        return ldrt__error(LDRT_ENOTFOUND, "diameter_mm: not given for new lesion \"%.60s\"",
                           e->newl[i].id);
    *diameter_mm = e->newl[i].diameter_mm;
    return LDRT_OK;
}

int ldrt_scan_new_lesions_reported(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->new_lesions_present : 0;
}

int ldrt_scan_set_new_lesions_reported(ldrt_scan *scan, int reported)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "new_lesions");
    if (reported != 0 && reported != 1)
        return ldrt__error(LDRT_EINVAL, "reported: must be 1 or 0 (got %d)", reported);
    if (!reported && e->n_new)
        return ldrt__error(LDRT_ESTATE, "new_lesions: the list has %zu entries", e->n_new);
    e->new_lesions_present = reported;
    return LDRT_OK;
}

int ldrt_scan_set_recorded_response(ldrt_scan *scan, const char *criteria, const char *overall)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    EVENT_CHECK(e, LDRT_EVENT_IMAGING, "recorded_response");
    if (!criteria) {
        ldrt__free(e->rr_criteria);
        ldrt__free(e->rr_overall);
        e->rr_criteria = e->rr_overall = NULL;
        ldrt__extra_free(e->patient, e->rr_extra);
        e->rr_extra = NULL;
        return LDRT_OK;
    }
    LDRT__CHECK_NOT_NULL(overall);
    int v = ldrt__label_of_criteria(criteria, overall);
    if (v < 0)
        return ldrt__error(LDRT_EINVAL,
                           "criteria: \"%.40s\" is not recist1.1, irecist or percist1.0", criteria);
    if (v == 0)
        return ldrt__error(LDRT_EINVAL, "overall: \"%.40s\" is not a %s response", overall,
                           criteria);
    char *c = ldrt__strdup(criteria);
    char *o = c ? ldrt__strdup(overall) : NULL;
    if (!o) {
        ldrt__free(c);
        return LDRT_ENOMEM;
    }
    ldrt__free(e->rr_criteria);
    ldrt__free(e->rr_overall);
    e->rr_criteria = c;
    e->rr_overall = o;
    return LDRT_OK;
}

int ldrt_scan_recorded_response(const ldrt_scan *scan, const char **criteria, const char **overall)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    if (!e->rr_criteria)
        return ldrt__error(LDRT_ENOTFOUND, "recorded_response: not recorded");
    if (criteria)
        *criteria = e->rr_criteria;
    if (overall)
        *overall = e->rr_overall;
    return LDRT_OK;
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
    EVENT_CHECK(e, LDRT_EVENT_TOXICITY, "grade");
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
    EVENT_CHECK(e, LDRT_EVENT_TOXICITY, "resolved");
    int rc = check_end(e->date, resolved, "resolved");
    if (rc)
        return rc;
    e->resolved = resolved;
    return LDRT_OK;
}
