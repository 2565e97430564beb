/*
 * Per-patient lines of therapy and the response of one line
 * (ldrt_patient_therapy_lines(), ldrt_patient_line_resistance()).
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt/patient.h"
#include "response_internal.h"
#include "patient_internal.h"

/* ---- lines of therapy ----------------------------------------------------------- */

/* The narrowest ldrt_date covering the days lo..hi (exact dates): the day,
 * its month or its year; otherwise when they are in different years. */
static ldrt_date cover_days(ldrt_date lo, ldrt_date hi, ldrt_date otherwise)
{
    if (lo == hi)
        return lo;
    if (lo / 100 == hi / 100)
        return lo / 100 * 100;
    if (lo / 10000 == hi / 10000)
        return lo / 10000 * 10000;
    return otherwise;
}

/* The narrowest ldrt_date covering every day an event can fall on. */
ldrt_date ldrt__pt_cover_date(const ldrt_event *e)
{
    ldrt_date lo, hi;
    if (ldrt_event_span(e, &lo, &hi) != LDRT_OK)
        return ldrt_event_date(e);
    return cover_days(lo, hi, ldrt_event_date(e));
}

static int starts_line(const ldrt_event *e, const ldrt_event *cur)
{
    int cycle;
    if (!cur)
        return 1;
    if (LDRT__SILENT(ldrt_systemic_cycle(ldrt_event_as_systemic(e), &cycle)) == LDRT_OK && cycle == 1)
        return 1;
    for (size_t i = 0; i < ldrt_systemic_agent_count(ldrt_event_as_systemic(e)); i++)
        if (ldrt_systemic_gives_drug(ldrt_event_as_systemic(cur), ldrt_systemic_agent_drug(ldrt_event_as_systemic(e), i)) != 1)
            return 1;
    return 0;
}

/* The events that start a line of therapy, in time order. */
int ldrt__pt_find_lines(const ldrt_patient *patient, const ldrt_event ***out, size_t *count)
{
    const ldrt_event **sys = NULL;
    size_t n = 0, m = 0;
    int rc = ldrt_patient_events(patient, LDRT_EVENT_BIT(LDRT_EVENT_SYSTEMIC), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &sys, &n);
    if (rc != LDRT_OK)
        return rc;
    const ldrt_event *cur = NULL;
    for (size_t i = 0; i < n; i++)
        if (starts_line(sys[i], cur))
            cur = sys[m++] = sys[i];
    *out = sys;
    *count = m;
    return LDRT_OK;
}

int ldrt_patient_therapy_lines(const ldrt_patient *patient, const ldrt_systemic ***out,
                               size_t *count)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(out);
    LDRT__CHECK_NOT_NULL(count);
    const ldrt_event **lines = NULL;
    size_t n = 0;
    int rc = ldrt__pt_find_lines(patient, &lines, &n);
    if (rc != LDRT_OK)
        return rc;
    /* Each slot is rewritten as the handle of its own event. */
    const ldrt_systemic **typed = (const ldrt_systemic **)(void *)lines;
    for (size_t i = 0; i < n; i++) {
        const ldrt_event *e = lines[i];
        typed[i] = ldrt_event_as_systemic(e);
    }
    *out = typed;
    *count = n;
    return LDRT_OK;
}

static int ci_contains(const char *s, const char *needle)
{
    if (!s)
        return 0;
    size_t k = strlen(needle);
    for (; *s; s++) {
        size_t i = 0;
        while (i < k && s[i] && (s[i] | 0x20) == needle[i])
            i++;
        if (i == k)
            return 1;
    }
    return 0;
}

int ldrt__pt_line_setting(const ldrt_event *line)
{
    const char *intent = ldrt_event_text(line, LDRT_FIELD_INTENT);
    if (ci_contains(intent, "neoadjuvant"))
        return LDRT_LINE_NEOADJUVANT;
    if (ci_contains(intent, "adjuvant"))
        return LDRT_LINE_ADJUVANT;
    return LDRT_LINE_ADVANCED;
}

/* A hold (holiday or discontinuation) records that the drug was stopped on
 * its date: when no administration of the drug in the line certainly comes
 * after it (the drug did not resume in the line), the hold ends the line and
 * no administration of the line can be later than the hold's date. */
int64_t ldrt__pt_hold_bound(const ldrt_event *const *holds, size_t n_holds, int64_t start_lo,
                            int64_t end_lo, int64_t last_lo)
{
    int64_t bound = INT64_MAX;
    for (size_t i = 0; i < n_holds; i++) {
        ldrt_date d = ldrt_event_date(holds[i]), l;
        int64_t lo = ldrt__pt_lo_day(d), hi = lo;
        if (ldrt_date_latest(d, &l) == LDRT_OK)
            ldrt_date_to_days(l, &hi);
        if (lo >= start_lo && lo < end_lo && hi >= last_lo && hi < bound)
            bound = hi;
    }
    return bound;
}

/* The latest day the line's administration @p a can fall on given the holds
 * that end the line (ldrt__pt_hold_bound()): bounded only when every drug of
 * the line it gives is held. The line's administrations are adm[0..na). */
static int line_hold_bound(const ldrt_patient *p, const ldrt_event *line, const ldrt_event *const *adm,
                           size_t na, int64_t start_lo, int64_t end_lo, const ldrt_event *a,
                           int64_t *bound)
{
    const ldrt_systemic *ls = ldrt_event_as_systemic(line);
    int64_t worst = INT64_MIN;
    for (size_t k = 0; k < ldrt_systemic_agent_count(ls); k++) {
        const char *drug = ldrt_systemic_agent_drug(ls, k);
        if (ldrt_systemic_gives_drug(ldrt_event_as_systemic(a), drug) != 1)
            continue;
        int64_t last_lo = INT64_MIN;
        for (size_t i = 0; i < na; i++)
            if (ldrt_systemic_gives_drug(ldrt_event_as_systemic(adm[i]), drug) == 1) {
                ldrt_date lo;
                if (ldrt_event_span(adm[i], &lo, NULL) != LDRT_OK)
                    lo = ldrt_event_date(adm[i]);
                int64_t d = ldrt__pt_lo_day(lo);
                if (d > last_lo)
                    last_lo = d;
            }
        const ldrt_event **holds = NULL;
        size_t nh = 0;
        int rc = ldrt_patient_drug_holds(p, drug, &holds, &nh);
        if (rc != LDRT_OK)
            return rc;
        int64_t b = ldrt__pt_hold_bound(holds, nh, start_lo, end_lo, last_lo);
        ldrt_free(holds);
        if (b > worst)
            worst = b;
    }
    *bound = worst == INT64_MIN ? INT64_MAX : worst;
    return LDRT_OK;
}

/* Bounds the last dose's span [span[0], span[1]] by the hold that ends the
 * line, and gives the narrowest date covering it in @p last. */
static int bound_last_dose(const ldrt_patient *p, const ldrt_event *line, const ldrt_event *const *adm,
                           size_t na, int64_t start_lo, int64_t end_lo, const ldrt_event *a,
                           ldrt_date span[2], ldrt_date *last)
{
    int64_t bound, lo = 0, hi = 0;
    int rc = line_hold_bound(p, line, adm, na, start_lo, end_lo, a, &bound);
    if (rc != LDRT_OK || bound == INT64_MAX)
        return rc;
    if (ldrt_date_to_days(span[0], &lo) != LDRT_OK || ldrt_date_to_days(span[1], &hi) != LDRT_OK ||
        bound >= hi || bound < lo)
        return LDRT_OK;
    if ((rc = ldrt_date_from_days(bound, &span[1])) != LDRT_OK)
        return rc;
    *last = cover_days(span[0], span[1], *last);
    return LDRT_OK;
}

/* The index in adm[0..na) of the line's last administration not after the
 * first PD of the responses (dates, labels)[0..m), or na when none is. */
static size_t last_dose_index(const ldrt_event *const *adm, size_t na, const ldrt_date *dates,
                              const int32_t *labels, size_t m)
{
    int64_t pd_lo = INT64_MAX;
    for (size_t i = 0; i < m; i++)
        if (labels[i] == LDRT_RESPONSE_PD || labels[i] == LDRT_RESPONSE_IUPD ||
            labels[i] == LDRT_RESPONSE_ICPD) {
            pd_lo = ldrt__pt_lo_day(dates[i]);
            break;
        }
    size_t last = na;
    for (size_t i = 0; i < na && pd_lo != INT64_MAX; i++) {
        ldrt_date lo;
        int64_t d = 0;
        if (ldrt_event_span(adm[i], &lo, NULL) == LDRT_OK)
            ldrt_date_to_days(lo, &d);
        if (d <= pd_lo)
            last = i;
    }
    return last;
}

void ldrt__pt_cuts_free(cuts_t *c)
{
    for (size_t i = 0; i < c->n; i++)
        ldrt__free(c->names[i]);
    ldrt__free(c->names);
    ldrt__free(c->dates);
}

static int cuts_add(cuts_t *c, ldrt_date d, const char *what, const char *detail)
{
    if (d == LDRT_DATE_NONE)
        return LDRT_OK;
    if (c->n == c->cap) {
        size_t cap = ldrt__grow_cap(c->cap, c->n + 1, 8);
        if (!cap)
            return LDRT_ENOMEM;
        ldrt_date *nd = ldrt__reallocarray(c->dates, cap, sizeof *nd);
        if (!nd)
            return LDRT_ENOMEM;
        c->dates = nd;
        char **nn = ldrt__reallocarray(c->names, cap, sizeof *nn);
        if (!nn)
            return LDRT_ENOMEM;
        c->names = nn;
        c->cap = cap;
    }
    char buf[160];
    snprintf(buf, sizeof buf, "%s%s%.100s%s", what, detail ? " " : "", detail ? detail : "", "");
    char *s = ldrt__strdup(buf);
    if (!s)
        return LDRT_ENOMEM;
    c->dates[c->n] = d;
    c->names[c->n++] = s;
    return LDRT_OK;
}

/* Treatments other than the line: other line starts, radiotherapy courses
 * (first fraction), surgery other than a biopsy that removed nothing. */
int ldrt__pt_collect_cuts(const ldrt_patient *p, const ldrt_event *const *lines, size_t n_lines,
                          const ldrt_event *line, cuts_t *c)
{
    int rc = LDRT_OK;
    for (size_t i = 0; i < n_lines && rc == LDRT_OK; i++) {
        if (lines[i] == line)
            continue;
        char drugs[120] = "";
        size_t len = 0;
        for (size_t k = 0; k < ldrt_systemic_agent_count(ldrt_event_as_systemic(lines[i])) && len < sizeof drugs; k++) {
            int w = snprintf(drugs + len, sizeof drugs - len, "%s%s", k ? " + " : "",
                             ldrt_systemic_agent_drug(ldrt_event_as_systemic(lines[i]), k));
            if (w > 0)
                len += (size_t)w;
        }
        rc = cuts_add(c, ldrt_event_date(lines[i]), "systemic therapy", drugs[0] ? drugs : NULL);
    }
    size_t ne = ldrt_patient_event_count(p);
    for (size_t i = 0; i < ne && rc == LDRT_OK; i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        int type = ldrt_event_type(e);
        if (type == LDRT_EVENT_RADIOTHERAPY) {
            ldrt_date first = LDRT_DATE_NONE;
            if (ldrt_course_fraction_count(ldrt_event_as_course(e)) == 0 ||
                LDRT__SILENT(ldrt_course_fraction_dates(ldrt_event_as_course(e), &first, NULL)) != LDRT_OK)
                first = ldrt_event_date(e);
            rc = cuts_add(c, first, "radiotherapy", ldrt_event_text(e, LDRT_FIELD_COURSE_ID));
        } else if (type == LDRT_EVENT_SURGERY) {
            const char *proc = ldrt_event_text(e, LDRT_FIELD_PROCEDURE);
            if (ci_contains(proc, "biops") && ldrt_event_removed_lesion_count(e) == 0)
                continue;
            rc = cuts_add(c, ldrt_event_date(e), "surgery", proc ? proc : NULL);
        }
    }
    return rc;
}

/* The responses of a line in date order, one per day (the worst of the
 * day: PD wins): the assessment's time points and the record's progression
 * and recurrence events @p ev (as PD), from @p first (LDRT_DATE_NONE: from
 * the start) to before day number @p end_lo (INT64_MAX: no end). The arrays
 * are the caller's (ldrt__free); on LDRT_ENOMEM nothing is returned. */
int ldrt__pt_merge_responses(const ldrt_assessment *assessment, int crit, const ldrt_event *const *ev,
                             size_t n_ev, ldrt_date first, int64_t end_lo, ldrt_date **dates_out,
                             int32_t **labels_out, size_t *m_out)
{
    size_t n_tp = assessment ? ldrt_assessment_timepoint_count(assessment) : 0;
    ldrt_date *dates = ldrt__calloc(n_tp + n_ev + 1, sizeof *dates);
    int32_t *labels = ldrt__calloc(n_tp + n_ev + 1, sizeof *labels);
    if (!dates || !labels) {
        ldrt__free(dates);
        ldrt__free(labels);
        return LDRT_ENOMEM;
    }
    size_t m = 0, a = 0, e = 0;
    int pd = crit == LDRT_CRITERIA_IRECIST ? LDRT_RESPONSE_IUPD : LDRT_RESPONSE_PD;
    while (a < n_tp || e < n_ev) {
        ldrt_date da = LDRT_DATE_NONE, de = LDRT_DATE_NONE;
        ldrt_response la = LDRT_RESPONSE_NONE;
        if (a < n_tp)
            ldrt_assessment_timepoint(assessment, a, &da, &la, NULL, NULL, NULL);
        if (e < n_ev)
            de = ldrt_event_date(ev[e]);
        int take_e = a >= n_tp || (e < n_ev && de <= da);
        ldrt_date d = take_e ? de : da;
        int l = take_e ? pd : (int)la;
        if (take_e) e++; else a++;
        if (l == LDRT_RESPONSE_NONE || (first != LDRT_DATE_NONE && d < first) ||
            ldrt__pt_lo_day(d) >= end_lo)
            continue;
        if (m > 0 && dates[m - 1] == d) {
            if (l == pd)
                labels[m - 1] = pd; /* the worst of the day */
            continue;
        }
        dates[m] = d;
        labels[m++] = l;
    }
    *dates_out = dates;
    *labels_out = labels;
    *m_out = m;
    return LDRT_OK;
}

int ldrt_patient_line_resistance(const ldrt_patient *patient, const ldrt_systemic *systemic,
                                 const ldrt_assessment *assessment,
                                 const ldrt_response_options *options, ldrt_resistance_result **out)
{
    LDRT__CHECK_NOT_NULL(patient);
    const ldrt_event *line = ldrt_systemic_as_event(systemic);
    if (!line)
        return ldrt__error(LDRT_EINVAL, "line: must not be NULL");
    LDRT__CHECK_NOT_NULL(out);
    if (ldrt_event_patient(line) != patient)
        return ldrt__error(LDRT_EINVAL, "line: belongs to another patient");
    ldrt_criteria crit = 0;
    if (assessment) {
        ldrt_assessment_criteria(assessment, &crit);
        if (crit == LDRT_CRITERIA_PERCIST10)
            return ldrt__error(LDRT_EINVAL, "assessment: SITC resistance needs RECIST 1.1 or iRECIST responses");
    }
    const ldrt_event **lines = NULL, **ev = NULL, **adm = NULL;
    size_t n_lines = 0, n_ev = 0, n_adm = 0;
    ldrt_date *dates = NULL;
    int32_t *labels = NULL;
    cuts_t cuts = { 0 };
    int rc = ldrt__pt_find_lines(patient, &lines, &n_lines);
    if (rc != LDRT_OK)
        return rc;
    size_t li = n_lines;
    for (size_t i = 0; i < n_lines; i++)
        if (lines[i] == line)
            li = i;
    if (li == n_lines) {
        rc = ldrt__error(LDRT_EINVAL, "line: not a systemic event that starts a line of therapy");
        goto done;
    }
    int64_t start_lo = ldrt__pt_lo_day(ldrt_event_date(line));
    int64_t end_lo = li + 1 < n_lines ? ldrt__pt_lo_day(ldrt_event_date(lines[li + 1])) : INT64_MAX;
    /* The line's administrations: its drugs, from its start to the next. */
    ldrt_date first = LDRT_DATE_NONE;
    if ((rc = ldrt_patient_events(patient, LDRT_EVENT_BIT(LDRT_EVENT_SYSTEMIC), LDRT_DATE_NONE,
                                  LDRT_DATE_NONE, LDRT_EVENTS_EXPAND, &adm, &n_adm)) != LDRT_OK)
        goto done;
    size_t na = 0;
    for (size_t i = 0; i < n_adm; i++) {
        int64_t d = ldrt__pt_lo_day(ldrt_event_date(adm[i]));
        int mine = 0;
        for (size_t k = 0; k < ldrt_systemic_agent_count(ldrt_event_as_systemic(line)) && !mine; k++)
            mine = ldrt_systemic_gives_drug(ldrt_event_as_systemic(adm[i]), ldrt_systemic_agent_drug(ldrt_event_as_systemic(line), k)) == 1;
        if (mine && d >= start_lo && d < end_lo)
            adm[na++] = adm[i];
    }
    if (na > 0)
        first = ldrt__pt_cover_date(adm[0]);
    if ((rc = ldrt_patient_events(patient,
                                  LDRT_EVENT_BIT(LDRT_EVENT_PROGRESSION) |
                                      LDRT_EVENT_BIT(LDRT_EVENT_RECURRENCE),
                                  LDRT_DATE_NONE, LDRT_DATE_NONE, 0, &ev, &n_ev)) != LDRT_OK)
        goto done;
    size_t m = 0;
    if ((rc = ldrt__pt_merge_responses(assessment, crit, ev, n_ev, first, end_lo, &dates, &labels, &m)) !=
        LDRT_OK)
        goto done;
    /* Last dose: the line's last administration not after the first PD. */
    ldrt_date last = LDRT_DATE_NONE, last_span[2] = { LDRT_DATE_NONE, LDRT_DATE_NONE };
    size_t li_adm = last_dose_index(adm, na, dates, labels, m);
    if (li_adm < na) {
        last = ldrt__pt_cover_date(adm[li_adm]);
        ldrt_event_span(adm[li_adm], &last_span[0], &last_span[1]);
        /* A hold that ends the line bounds its last dose: the drug was
         * stopped on the hold's date, so the last dose was not later. */
        if ((rc = bound_last_dose(patient, line, adm, na, start_lo, end_lo, adm[li_adm], last_span,
                                  &last)) != LDRT_OK)
            goto done;
    }
    if (last != LDRT_DATE_NONE && first != LDRT_DATE_NONE && last < first)
        last = first;
    if ((rc = ldrt__pt_collect_cuts(patient, lines, n_lines, line, &cuts)) != LDRT_OK)
        goto done;
    rc = ldrt__resistance_classify(options, ldrt__pt_line_setting(line), first, last, m, dates, labels,
                                   cuts.n, cuts.dates, (const char *const *)cuts.names,
                                   last != LDRT_DATE_NONE ? last_span : NULL, out);
done:
    ldrt__pt_cuts_free(&cuts);
    ldrt_free(lines);
    ldrt_free(ev);
    ldrt_free(adm);
    ldrt__free(dates);
    ldrt__free(labels);
    return rc;
}
