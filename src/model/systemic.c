/*
 * Systemic therapy events: agents, cycles, series and their administrations;
 * holds (drug holidays and discontinuations).
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "model.h"

/* ---- expansion of series and prescriptions ------------------------------------------ */

ldrt_date ldrt__at_precision(int64_t day, ldrt_date like)
{
    ldrt_date d = ldrt__date_of_day(day);
    if (like % 10000 == 0)
        return d / 10000 * 10000;
    if (like % 100 == 0)
        return d / 100 * 100;
    return d;
}

/* Builds the administrations of a series starting at (date, lo, hi). */
int ldrt__build_admins(ldrt_event *e, ldrt_date date, int every, int count, ldrt_event ***out)
{
    int64_t lo, hi;
    ldrt__date_span(date, &lo, &hi);
    if (hi + (int64_t)every * (count - 1) > LDRT__DAYS_MAX)
        return ldrt__error(LDRT_ERANGE, "repeat: the series runs past the year 9999");
    ldrt_event **a = ldrt__calloc((size_t)count, sizeof *a);
    if (!a)
        return LDRT_ENOMEM;
    for (int k = 0; k < count; k++) {
        ldrt_event *g = ldrt__calloc(1, sizeof *g);
        if (!g) {
            ldrt__free_admins(a, (size_t)k);
            return LDRT_ENOMEM;
        }
        int64_t off = (int64_t)every * k;
        ldrt__event_init(g, e->patient, LDRT_EVENT_SYSTEMIC, ldrt__at_precision(lo + off, date));
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

/* ---- systemic ------------------------------------------------------------------------------ */

int ldrt_systemic_add_agent(ldrt_systemic *systemic, const char *drug, double dose, const char *unit)
{
    ldrt_event *e = LDRT__EV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_SYSTEMIC, "agents");
    int rc = ldrt__check_text(drug, "drug");
    if (!rc && !isnan(dose))
        rc = ldrt__check_finite(dose, 0, 0, LDRT_MAX_DRUG_DOSE, "dose");
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
    LDRT__EVENT_CHECK(e, LDRT_EVENT_SYSTEMIC, "cycle");
    if (cycle < 0 || cycle > 100000)
        return ldrt__error(LDRT_EINVAL, "cycle: must be >= 1, or 0 to clear (got %d)", cycle);
    e->cycle = cycle;
    return LDRT_OK;
}

/* (Re)builds the administrations of series e; count 0 removes them. */
static int expand(ldrt_event *e, int every_days, int count)
{
    ldrt_patient *p = e->patient;
    if (p->n_generated - e->n_admins + (size_t)count > LDRT_MAX_GENERATED)
        return ldrt__error(LDRT_ERANGE, "repeat: the patient would have more than %d generated items",
                           LDRT_MAX_GENERATED);
    ldrt_event **a = NULL;
    if (count) {
        int rc = ldrt__build_admins(e, e->date, every_days, count, &a);
        if (rc)
            return rc;
    }
    p->n_generated = p->n_generated - e->n_admins + (size_t)count;
    ldrt__free_admins(e->admins, e->n_admins);
    e->admins = a;
    e->n_admins = (size_t)count;
    return LDRT_OK;
}

int ldrt_systemic_set_repeat(ldrt_systemic *systemic, int64_t every_days, int count)
{
    ldrt_event *e = LDRT__EV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_SYSTEMIC, "repeat");
    ldrt_patient *p = e->patient;
    if (every_days == 0 && count == 0) {
        p->n_generated -= e->n_admins;
        ldrt__free_admins(e->admins, e->n_admins);
        e->admins = NULL;
        e->n_admins = 0;
        e->repeat_every_days = e->repeat_count = e->repeat_undated = 0;
        e->repeat_until = LDRT_DATE_NONE;
        ldrt__extra_free(p, e->repeat_extra);
        e->repeat_extra = NULL;
        return LDRT_OK;
    }
    if (every_days < 1 || every_days > LDRT_MAX_REPEAT_EVERY_DAYS)
        return ldrt__error(LDRT_EINVAL, "every_days: must be 1 to %d (got %lld)",
                           LDRT_MAX_REPEAT_EVERY_DAYS, (long long)every_days);
    if (count < 1 || count > LDRT_MAX_REPEAT_COUNT)
        return ldrt__error(LDRT_EINVAL, "count: must be 1 to %d (got %d)", LDRT_MAX_REPEAT_COUNT,
                           count);
    if (e->repeat_undated) { /* nothing is expanded: only the numbers change */
        e->repeat_every_days = (int)every_days;
        e->repeat_count = count;
        return LDRT_OK;
    }
    int rc = expand(e, (int)every_days, count);
    if (rc)
        return rc;
    e->repeat_every_days = (int)every_days;
    e->repeat_count = count;
    return LDRT_OK;
}

int ldrt_systemic_repeat(const ldrt_systemic *systemic, int64_t *every_days, int *count)
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

int ldrt_systemic_dates_known(const ldrt_systemic *systemic)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    return e && e->kind == LDRT_EVENT_SYSTEMIC && ldrt__src(e)->repeat_undated ? 0 : 1;
}

int ldrt_systemic_set_dates_unknown(ldrt_systemic *systemic, int unknown, ldrt_date until)
{
    ldrt_event *e = LDRT__EV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_SYSTEMIC, "repeat.dates");
    if (unknown != 0 && unknown != 1)
        return ldrt__error(LDRT_EINVAL, "dates: unknown must be 0 or 1 (got %d)", unknown);
    if (e->repeat_count == 0)
        return ldrt__error(LDRT_EINVAL, "dates: only a series (repeat) can have unknown dates");
    if (!unknown && until != LDRT_DATE_NONE)
        return ldrt__error(LDRT_EINVAL, "until: only with dates \"unknown\"");
    if (until != LDRT_DATE_NONE) {
        int rc = ldrt__check_date(until, "until");
        if (rc)
            return rc;
        int64_t ulo, uhi, slo, shi;
        ldrt__date_span(until, &ulo, &uhi);
        ldrt__date_span(e->date, &slo, &shi);
        if (uhi < slo) /* the series cannot end before its first day */
            return ldrt__error(LDRT_EINVAL, "until: before the date of the series");
    }
    int rc = expand(e, e->repeat_every_days, unknown ? 0 : e->repeat_count);
    if (rc)
        return rc;
    e->repeat_undated = unknown;
    e->repeat_until = until;
    return LDRT_OK;
}

int ldrt_systemic_until(const ldrt_systemic *systemic, ldrt_date *until)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    LDRT__CHECK_NOT_NULL(until);
    e = ldrt__src(e);
    if (e->repeat_until == LDRT_DATE_NONE)
        return ldrt__error(LDRT_ENOTFOUND, "until: not recorded");
    *until = e->repeat_until;
    return LDRT_OK;
}

int ldrt_systemic_series_days(const ldrt_systemic *systemic, int64_t *start_min, int64_t *start_max,
                              int64_t *end_min, int64_t *end_max)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    LDRT__CHECK_NOT_NULL(systemic);
    e = ldrt__src(e);
    if (e->kind != LDRT_EVENT_SYSTEMIC || e->repeat_count == 0)
        return ldrt__error(LDRT_ENOTFOUND, "repeat: not a series");
    int64_t lo, hi, plan = (int64_t)e->repeat_every_days * (e->repeat_count - 1);
    ldrt__date_span(e->date, &lo, &hi);
    int64_t elo = lo + plan, ehi = hi + plan;
    if (e->repeat_undated && e->repeat_until != LDRT_DATE_NONE) {
        int64_t ulo, uhi;
        ldrt__date_span(e->repeat_until, &ulo, &uhi);
        ehi = uhi; /* delays can only lengthen the planned schedule */
        if (elo > ehi)
            elo = ehi;
    }
    if (start_min)
        *start_min = lo;
    if (start_max)
        *start_max = hi;
    if (end_min)
        *end_min = elo;
    if (end_max)
        *end_max = ehi;
    return LDRT_OK;
}

size_t ldrt_systemic_administration_count(const ldrt_systemic *systemic)
{
    const ldrt_event *e = LDRT__CEV(systemic);
    if (!e || e->kind != LDRT_EVENT_SYSTEMIC)
        return 0;
    return e->repeat_count ? e->n_admins : 1; /* 0 for a series with unknown dates */
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

int ldrt_event_hold_kind(const ldrt_event *e, ldrt_hold_kind *kind)
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
    LDRT__EVENT_CHECK(e, LDRT_EVENT_HOLD, "kind");
    if (kind != 0 && !ldrt_hold_kind_name(kind))
        return ldrt__error(LDRT_EINVAL, "kind: %d is not a hold kind", kind);
    e->hold_kind = kind;
    return LDRT_OK;
}

int ldrt_event_add_drug(ldrt_event *e, const char *drug)
{
    LDRT__EVENT_CHECK(e, LDRT_EVENT_HOLD, "drugs");
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
