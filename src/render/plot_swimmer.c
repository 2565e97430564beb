/*
 * The swimmer (treatment history) plot: drugs, holidays, radiotherapy
 * courses, surgeries, scans, toxicities and disease events on one time axis.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "ldrt/dose.h"
#include "ldrt/response.h"
#include "plot_internal.h"

#define ROW_TICKS 30.0   /* height of a drug row */
#define ROW_LABELS 64.0  /* height of a row with labels above its markers */
#define LEVEL_H 13.0     /* vertical distance between two label levels */
#define MARK_R 6.0

static void fail(ldrt__buf *b, int rc)
{
    if (!b->failed)
        b->failed = rc;
}

static void fmt_date(ldrt_date d, char *buf)
{
    if (ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE) != LDRT_OK)
        strcpy(buf, "?");
}

/* The range of days of the whole record. */
static int record_range(const ldrt_patient *p, int64_t *first, int64_t *last)
{
    const ldrt_event **ev;
    size_t n;
    int rc = ldrt_patient_events(p, LDRT_EVENT_ALL, LDRT_DATE_NONE, LDRT_DATE_NONE,
                                 LDRT_EVENTS_EXPAND, &ev, &n);
    if (rc != LDRT_OK)
        return rc;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        ldrt_date lo, hi, end;
        int64_t a, z;
        if (ldrt_event_span(ev[i], &lo, &hi) != LDRT_OK)
            continue;
        if (LDRT__SILENT(ldrt_event_end(ev[i], &end)) == LDRT_OK)
            (void)ldrt_date_latest(end, &hi);
        if (ldrt_date_to_days(lo, &a) != LDRT_OK || ldrt_date_to_days(hi, &z) != LDRT_OK)
            continue;
        /* A year-only date would stretch the axis over a year: count its first day. */
        if (ldrt_event_date(ev[i]) % 10000 == 0)
            z = a;
        if (!any || a < *first)
            *first = a;
        if (!any || z > *last)
            *last = z;
        any = 1;
    }
    ldrt_free(ev);
    /* A series with unknown dates has no administration in that list: its
     * span (ldrt_systemic_series_days()) counts instead. */
    for (size_t i = 0; any && i < ldrt_patient_event_count(p); i++) {
        const ldrt_systemic *s = ldrt_event_as_systemic(ldrt_patient_event_at(p, i));
        int64_t a, z;
        if (s && !ldrt_systemic_dates_known(s) &&
            ldrt_systemic_series_days(s, &a, NULL, NULL, &z) == LDRT_OK) {
            *first = a < *first ? a : *first;
            *last = z > *last ? z : *last;
        }
    }
    return any ? LDRT_OK : LDRT_ENOTFOUND;
}

/* Whether a systemic event of the record is a series with unknown dates. */
static int has_undated(const ldrt_patient *p)
{
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_systemic *s = ldrt_event_as_systemic(ldrt_patient_event_at(p, i));
        if (s && !ldrt_systemic_dates_known(s))
            return 1;
    }
    return 0;
}

#define HATCH_ID "ldrt-undated-hatch"

/* The hatching of a series with unknown dates, defined once. */
static void hatch_defs(ldrt__buf *b)
{
    ldrt__buf_puts(b,
                   "<defs><pattern id=\"" HATCH_ID "\" patternUnits=\"userSpaceOnUse\" "
                   "width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
                   "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#555555\" "
                   "stroke-width=\"1.5\"/></pattern></defs>\n");
}

/* ---- drugs ----------------------------------------------------------------------- */

/* The drug names in order of first administration (borrowed strings). */
static int drug_names(const ldrt_patient *p, const char ***names, size_t *count)
{
    const ldrt_event **ev;
    size_t n;
    int rc = ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_SYSTEMIC), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &ev, &n);
    if (rc != LDRT_OK)
        return rc;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += ldrt_systemic_agent_count(ldrt_event_as_systemic(ev[i]));
    const char **out = NULL;
    size_t k = 0;
    if (total > 0) {
        out = ldrt__calloc(total, sizeof *out);
        if (!out) {
            ldrt_free(ev);
            return LDRT_ENOMEM;
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0; a < ldrt_systemic_agent_count(ldrt_event_as_systemic(ev[i])); a++) {
            const char *d = ldrt_systemic_agent_drug(ldrt_event_as_systemic(ev[i]), a);
            size_t j = 0;
            while (j < k && strcmp(out[j], d) != 0)
                j++;
            if (j == k)
                out[k++] = d;
        }
    ldrt_free(ev);
    *names = out;
    *count = k;
    return LDRT_OK;
}

/* The day a hold box stops: the next administration of the drug after the
 * hold (a hold ends when the drug is given again), else the hold's recorded
 * end (its latest day), else the end of the axis. When both are known the
 * earlier wins, so a month-level end ("2023-04") does not cover cycles given
 * in that month. */
static int64_t hold_stop(const ldrt_event *hold, const ldrt__plot_when *w,
                         const ldrt_event *const *adm, size_t na, const ldrt__plot_axis *ax)
{
    int64_t stop = ax->d1, e;
    ldrt_date end, endlast;
    if (LDRT__SILENT(ldrt_event_end(hold, &end)) == LDRT_OK && ldrt_date_latest(end, &endlast) == LDRT_OK &&
        ldrt_date_to_days(endlast, &e) == LDRT_OK)
        stop = e;
    for (size_t i = 0; i < na; i++) {
        ldrt__plot_when wa;
        if (ldrt__plot_when_event(adm[i], &wa) == LDRT_OK && wa.day > w->day) {
            if (wa.day < stop)
                stop = wa.day;
            break;
        }
    }
    return stop;
}

/* A holiday or discontinuation: shaded from the hold to hold_stop(). */
static void hold_box(ldrt__buf *b, const ldrt_event *hold, const char *drug, const char *color,
                     const ldrt_event *const *adm, size_t na, const ldrt__plot_axis *ax, double y)
{
    double mid = y + ROW_TICKS / 2;
    ldrt__plot_when w;
    if (ldrt__plot_when_event(hold, &w) != LDRT_OK)
        return;
    int64_t stop = hold_stop(hold, &w, adm, na, ax);
    ldrt_hold_kind kind = LDRT_HOLD_HOLIDAY;
    (void)ldrt_event_hold_kind(hold, &kind);
    const char *what = kind == LDRT_HOLD_DISCONTINUED ? "discontinued" : "holiday";
    double x0 = ldrt__plot_x(ax, w.day), x1 = ldrt__plot_x(ax, stop);
    char d0[LDRT_DATE_BUFSIZE];
    fmt_date(ldrt_event_date(hold), d0);
    ldrt__buf_printf(b,
                     "<rect class=\"hold\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                     "fill=\"%s\" fill-opacity=\"0.12\" stroke=\"%s\" stroke-dasharray=\"4 3\">"
                     "<title>",
                     x0, y + 3, x1 - x0 > 1 ? x1 - x0 : 1, ROW_TICKS - 6, color, color);
    ldrt__plot_text(b, drug, 80);
    ldrt__buf_printf(b, " %s from %s", what, d0);
    const char *reason = ldrt_event_text(hold, LDRT_FIELD_REASON);
    if (reason) {
        ldrt__buf_puts(b, ": ");
        ldrt__plot_text(b, reason, 300);
    }
    ldrt__buf_puts(b, "</title></rect>\n");
    double tw = (double)strlen(what) * LDRT__PLOT_CHAR_W * 0.9 + 6 + 11 * LDRT__PLOT_CHAR_W;
    if (x1 - x0 > tw) {
        ldrt__buf_printf(b,
                         "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\" "
                         "font-style=\"italic\">%s from %s</text>\n",
                         x0 + 5, mid + 4, "#444444", what, d0);
    }
}

/* One administration's mark, hollow when its day is not recorded. */
static void dose_mark(ldrt__buf *b, const ldrt_event *adm, const char *drug, const char *color,
                      const ldrt__plot_axis *ax, double y, int *partial_seen)
{
    ldrt__plot_when w;
    if (ldrt__plot_when_event(adm, &w) != LDRT_OK)
        return;
    double x = ldrt__plot_x(ax, w.day);
    char d[LDRT_DATE_BUFSIZE];
    fmt_date(ldrt_event_date(adm), d);
    if (w.partial) {
        *partial_seen = 1;
        ldrt__buf_printf(b,
                         "<rect class=\"dose partial\" x=\"%.1f\" y=\"%.1f\" width=\"3\" "
                         "height=\"%.1f\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"1.2\">",
                         x - 1.5, y + 6, ROW_TICKS - 12, color);
    } else {
        ldrt__buf_printf(b,
                         "<rect class=\"dose\" x=\"%.1f\" y=\"%.1f\" width=\"3\" height=\"%.1f\" "
                         "fill=\"%s\">",
                         x - 1.5, y + 6, ROW_TICKS - 12, color);
    }
    ldrt__buf_puts(b, "<title>");
    ldrt__plot_text(b, drug, 80);
    const ldrt_systemic *s = ldrt_event_as_systemic(adm);
    for (size_t a = 0; a < ldrt_systemic_agent_count(s); a++) {
        double dose;
        if (strcmp(ldrt_systemic_agent_drug(s, a), drug) == 0 &&
            LDRT__SILENT(ldrt_systemic_agent_dose(s, a, &dose)) == LDRT_OK) {
            const char *unit = ldrt_systemic_agent_unit(s, a);
            ldrt__buf_printf(b, " %g ", dose);
            ldrt__plot_text(b, unit ? unit : "", 20);
        }
    }
    int cycle;
    if (ldrt_systemic_cycle(s, &cycle) == LDRT_OK)
        ldrt__buf_printf(b, ", cycle %d", cycle);
    ldrt__buf_printf(b, ", %s%s</title></rect>\n", d, w.partial ? " (day not recorded)" : "");
}

/* A series of the drug with unknown dates: a hatched bar from its date to
 * the latest day of its end (its until, else the planned end). */
static void undated_bar(ldrt__buf *b, const ldrt_systemic *s, const char *drug, const char *color,
                        const ldrt__plot_axis *ax, double y)
{
    int64_t a, z, every = 0;
    int count = 0, cycle = 0;
    if (ldrt_systemic_series_days(s, &a, NULL, NULL, &z) != LDRT_OK ||
        ldrt_systemic_repeat(s, &every, &count) != LDRT_OK)
        return;
    double x0 = ldrt__plot_x(ax, a), x1 = ldrt__plot_x(ax, z);
    ldrt__buf_printf(b,
                     "<rect class=\"undated\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                     "height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.18\" stroke=\"%s\"/>\n",
                     x0, y + 6, x1 - x0 > 1 ? x1 - x0 : 1, ROW_TICKS - 12, color, color);
    ldrt__buf_printf(b,
                     "<rect class=\"undated\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                     "height=\"%.1f\" fill=\"url(#" HATCH_ID ")\"><title>",
                     x0, y + 6, x1 - x0 > 1 ? x1 - x0 : 1, ROW_TICKS - 12);
    ldrt__plot_text(b, drug, 80);
    ldrt__buf_printf(b, " x%d every %lld days", count, (long long)every);
    if (LDRT__SILENT(ldrt_systemic_cycle(s, &cycle)) == LDRT_OK)
        ldrt__buf_printf(b, " (cycles %d-%d)", cycle, cycle + count - 1);
    char d[LDRT_DATE_BUFSIZE], u[LDRT_DATE_BUFSIZE];
    ldrt_date until;
    fmt_date(ldrt_event_date(ldrt_systemic_as_event(s)), d);
    ldrt__buf_printf(b, ", dates not recorded: from %s", d);
    if (LDRT__SILENT(ldrt_systemic_until(s, &until)) == LDRT_OK) {
        fmt_date(until, u);
        ldrt__buf_printf(b, ", the last by %s", u);
    } else {
        ldrt__buf_puts(b, ", to the planned end (an estimate)");
    }
    ldrt__buf_puts(b, "</title></rect>\n");
}

static void undated_bars(ldrt__buf *b, const ldrt_patient *p, const char *drug, const char *color,
                         const ldrt__plot_axis *ax, double y)
{
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_systemic *s = ldrt_event_as_systemic(ldrt_patient_event_at(p, i));
        if (s && !ldrt_systemic_dates_known(s) && ldrt_systemic_gives_drug(s, drug) == 1)
            undated_bar(b, s, drug, color, ax, y);
    }
}

static void drug_row(ldrt__buf *b, const ldrt_patient *p, const char *drug, size_t index,
                     const ldrt__plot_axis *ax, double y, int *partial_seen)
{
    const char *color = ldrt__plot_color(index);
    double mid = y + ROW_TICKS / 2;
    const ldrt_event **adm = NULL, **holds = NULL;
    size_t na = 0, nh = 0;
    int rc = ldrt_patient_drug_administrations(p, drug, &adm, &na);
    if (rc == LDRT_OK)
        rc = ldrt_patient_drug_holds(p, drug, &holds, &nh);
    if (rc != LDRT_OK) {
        ldrt_free(adm);
        fail(b, rc);
        return;
    }
    ldrt__buf_puts(b, "<g class=\"drug\">\n");
    ldrt__plot_label(b, LDRT__PLOT_LEFT - 10, mid + 4, "end", "fill=\"#222222\"", drug);
    ldrt__buf_printf(b,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f0f0f0\"/>\n",
                     ax->x0, mid, ax->x1, mid);
    for (size_t h = 0; h < nh; h++)
        hold_box(b, holds[h], drug, color, adm, na, ax, y);
    undated_bars(b, p, drug, color, ax, y);
    for (size_t i = 0; i < na; i++)
        dose_mark(b, adm[i], drug, color, ax, y, partial_seen);
    ldrt__buf_puts(b, "</g>\n");
    ldrt_free(adm);
    ldrt_free(holds);
}

/* ---- rows of labelled markers ------------------------------------------------------ */

enum shape { SHAPE_BAR, SHAPE_TRIANGLE, SHAPE_CIRCLE, SHAPE_SQUARE, SHAPE_DIAMOND };

static void marker(ldrt__buf *b, enum shape shape, double x, double y, const char *color,
                   int hollow)
{
    const char *fill = hollow ? "#ffffff" : color;
    switch (shape) {
    case SHAPE_TRIANGLE:
        ldrt__buf_printf(b,
                         "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" stroke=\"%s\" "
                         "stroke-width=\"1.5\">",
                         x, y - MARK_R, x + MARK_R, y + MARK_R, x - MARK_R, y + MARK_R, fill, color);
        break;
    case SHAPE_SQUARE:
        ldrt__buf_printf(b,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                         "stroke=\"%s\" stroke-width=\"1.5\">",
                         x - MARK_R + 1, y - MARK_R + 1, 2 * MARK_R - 2, 2 * MARK_R - 2, fill, color);
        break;
    case SHAPE_DIAMOND:
        ldrt__buf_printf(b,
                         "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" "
                         "stroke=\"%s\" stroke-width=\"1.5\">",
                         x, y - MARK_R, x + MARK_R, y, x, y + MARK_R, x - MARK_R, y, fill, color);
        break;
    default:
        ldrt__buf_printf(b,
                         "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\" "
                         "stroke-width=\"1.5\">",
                         x, y, MARK_R, fill, color);
        break;
    }
}

static const char *shape_close(enum shape shape)
{
    switch (shape) {
    case SHAPE_TRIANGLE:
    case SHAPE_DIAMOND: return "</path>\n";
    case SHAPE_SQUARE: return "</rect>\n";
    default: return "</circle>\n";
    }
}

/* A label above a marker at x, on the first free level of the row. */
static void lane_label(ldrt__buf *b, ldrt__plot_lanes *lanes, double x, double mid,
                       const char *text, const char *color)
{
    if (!text || !*text)
        return;
    double w = (double)ldrt__plot_text_len(text, LDRT__PLOT_LABEL_MAX) * LDRT__PLOT_CHAR_W * 0.92;
    /* Keep the label inside the picture: shift it left near the right edge. */
    double start = x - 3;
    if (start + w > LDRT__PLOT_WIDTH - 6)
        start = LDRT__PLOT_WIDTH - 6 - w;
    if (start < 2)
        start = 2;
    int level = ldrt__plot_lanes_take(lanes, start - 1, w + 4);
    double ly = mid - MARK_R - 5 - level * LEVEL_H;
    if (level > 0)
        ldrt__buf_printf(b,
                         "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbbbbb\" "
                         "stroke-width=\"0.8\"/>\n",
                         x, mid - MARK_R - 1, x, ly + 2);
    char extra[64];
    snprintf(extra, sizeof extra, "font-size=\"11\" fill=\"%s\"", color);
    ldrt__plot_label(b, start, ly, "start", extra, text);
}

static void row_title(ldrt__buf *b, const ldrt__plot_axis *ax, double mid, const char *title)
{
    ldrt__plot_label(b, LDRT__PLOT_LEFT - 10, mid + 4, "end", "fill=\"#222222\"", title);
    ldrt__buf_printf(b,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f0f0f0\"/>\n",
                     ax->x0, mid, ax->x1, mid);
}

/* The span a course is drawn over: its first and last fractions in order
 * (a partial one no earlier than the one before), or its date when it has
 * none. 0 when nothing is placeable. */
static int course_span(const ldrt_event *c, ldrt__plot_when *first, ldrt__plot_when *last,
                       int *partial)
{
    const ldrt_course *co = ldrt_event_as_course(c);
    size_t nf = ldrt_course_fraction_count(co);
    *partial = 0;
    if (nf == 0) {
        if (ldrt__plot_when_event(c, first) != LDRT_OK)
            return 0;
        *last = *first;
        *partial = first->partial;
        return 1;
    }
    int64_t prev = INT64_MIN;
    int any = 0;
    for (size_t f = 0; f < nf; f++) {
        ldrt__plot_when w;
        if (ldrt__plot_when_fraction(ldrt_course_fraction_at(co, f), &w) != LDRT_OK)
            continue;
        if (w.day < prev)
            w.day = prev;
        prev = w.day;
        *partial |= w.partial;
        if (!any)
            *first = w;
        *last = w;
        any = 1;
    }
    return any;
}

/* "10 Gy / 5 fx, EQD2 10 Gy, low-dose" as far as the course allows; the
 * EQD2 look-up's code (LDRT_ENOMEM fails the plot). */
static int course_dose_text(const ldrt_event *c, char *dose, size_t size)
{
    const ldrt_course *co = ldrt_event_as_course(c);
    size_t nf = ldrt_course_fraction_count(co);
    double total = 0, eqd2;
    (void)ldrt_course_total_dose_gy(co, &total);
    int rc = nf > 0 ? ldrt__plot_course_eqd2(c, &eqd2) : LDRT_ENOTFOUND;
    ldrt_regimen regimen;
    const char *cls = nf > 0 && ldrt_course_classify(co, &regimen, NULL) == LDRT_OK
                          ? ldrt_regimen_name(regimen)
                          : NULL;
    if (rc == LDRT_OK && cls)
        snprintf(dose, size, "%g Gy / %zu fx, EQD2 %.3g Gy, %s", total, nf, eqd2, cls);
    else if (rc == LDRT_OK)
        snprintf(dose, size, "%g Gy / %zu fx, EQD2 %.3g Gy", total, nf, eqd2);
    else if (nf > 0)
        snprintf(dose, size, "%g Gy / %zu fx", total, nf);
    else
        snprintf(dose, size, "no fractions recorded");
    return rc;
}

/* The course's bar with its title; then its label in a free lane. */
static void course_bar(ldrt__buf *b, const ldrt_event *c, double x0, double x1, double mid,
                       int partial, const char *dose, ldrt__plot_lanes *lanes)
{
    const ldrt_course *co = ldrt_event_as_course(c);
    size_t nf = ldrt_course_fraction_count(co);
    const char *id = ldrt_event_text(c, LDRT_FIELD_COURSE_ID);
    const char *tech = ldrt_event_text(c, LDRT_FIELD_TECHNIQUE);
    const char *site = ldrt_event_text(c, LDRT_FIELD_SITE);
    ldrt__buf_printf(b,
                     "<rect class=\"course%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                     "height=\"%.1f\" rx=\"2\" fill=\"%s\" stroke=\"#C0392B\" "
                     "stroke-width=\"1.5\"><title>",
                     partial ? " partial" : "", x0, mid - 7, x1 - x0, 14.0,
                     partial ? "#ffffff" : "#C0392B");
    if (id) {
        ldrt__plot_text(b, id, 80);
        ldrt__buf_puts(b, ": ");
    }
    if (tech) {
        ldrt__plot_text(b, tech, 40);
        ldrt__buf_puts(b, " ");
    }
    ldrt__buf_puts(b, dose);
    if (site) {
        ldrt__buf_puts(b, " to ");
        ldrt__plot_text(b, site, 200);
    }
    char d0[LDRT_DATE_BUFSIZE], d1[LDRT_DATE_BUFSIZE];
    if (nf > 0) {
        fmt_date(ldrt_fraction_date(ldrt_course_fraction_at(co, 0)), d0);
        fmt_date(ldrt_fraction_date(ldrt_course_fraction_at(co, nf - 1)), d1);
        ldrt__buf_printf(b, ", %s to %s", d0, d1);
    }
    ldrt__buf_puts(b, "</title></rect>\n");
    /* The label: "ID: TECH total Gy / n fx". */
    ldrt__buf buf;
    ldrt__buf_init(&buf);
    if (id) {
        ldrt__buf_puts(&buf, id);
        ldrt__buf_puts(&buf, ": ");
    }
    if (tech) {
        ldrt__buf_puts(&buf, tech);
        ldrt__buf_puts(&buf, " ");
    }
    ldrt__buf_puts(&buf, dose);
    if (buf.failed)
        fail(b, buf.failed);
    else
        lane_label(b, lanes, x0, mid - 1, buf.data, "#7B241C");
    ldrt__buf_free(&buf);
}

static void radiotherapy_row(ldrt__buf *b, const ldrt_patient *p, const ldrt__plot_axis *ax,
                             double mid, int *partial_seen)
{
    const ldrt_event **ev;
    size_t n;
    int rc = ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_RADIOTHERAPY), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &ev, &n);
    if (rc != LDRT_OK) {
        fail(b, rc);
        return;
    }
    ldrt__buf_puts(b, "<g class=\"radiotherapy\">\n");
    row_title(b, ax, mid, "radiotherapy");
    ldrt__plot_lanes lanes;
    ldrt__plot_lanes_init(&lanes);
    for (size_t i = 0; i < n; i++) {
        ldrt__plot_when first = { 0, 0 }, last = { 0, 0 };
        int partial = 0;
        if (!course_span(ev[i], &first, &last, &partial))
            continue;
        *partial_seen |= partial;
        double x0 = ldrt__plot_x(ax, first.day), x1 = ldrt__plot_x(ax, last.day + 1);
        if (x1 - x0 < 5)
            x1 = x0 + 5;
        char dose[96];
        if (course_dose_text(ev[i], dose, sizeof dose) == LDRT_ENOMEM) {
            fail(b, LDRT_ENOMEM);
            break;
        }
        course_bar(b, ev[i], x0, x1, mid, partial, dose, &lanes);
    }
    ldrt__buf_puts(b, "</g>\n");
    ldrt_free(ev);
}

/* One marker (and label) per event of the kinds in mask. */
/* The RECIST 1.1 response of the time point dated like a scan, or NULL.
 * Scans come in time order and so do the time points: *cursor walks them
 * once. */
static const char *computed_response(const ldrt_assessment *a, const ldrt_event *scan,
                                     size_t *cursor)
{
    if (!a)
        return NULL;
    ldrt_date d = ldrt_event_date(scan);
    size_t n = ldrt_assessment_timepoint_count(a);
    for (; *cursor < n; (*cursor)++) {
        ldrt_date td;
        ldrt_response overall;
        int order;
        if (ldrt_assessment_timepoint(a, *cursor, &td, &overall, NULL, NULL, NULL) != LDRT_OK ||
            ldrt_date_compare(td, d, &order) != LDRT_OK)
            return NULL;
        if (order > 0)
            return NULL; /* this scan is not a time point (it said nothing) */
        if (order == 0) {
            const char *name = ldrt_response_label_name(overall);
            (*cursor)++;
            return name && *name ? name : NULL;
        }
    }
    return NULL;
}

/* The hover text of a toxicity: its attribution, and the event it occurred
 * during with the span it is placed on ("radiotherapy; during LXRT-2023,
 * 2023-07-21 to 2023-07-26"). */
static const char *toxicity_detail(const ldrt_event *e, char *buf, size_t size)
{
    const char *attr = ldrt_event_text(e, LDRT_FIELD_ATTRIBUTION);
    const char *during = ldrt_event_text(e, LDRT_FIELD_DURING);
    ldrt_date lo, hi;
    if (!during || LDRT__SILENT(ldrt_event_placed_span(e, &lo, &hi)) != LDRT_OK)
        return attr;
    char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
    fmt_date(lo, d1);
    fmt_date(hi, d2);
    snprintf(buf, size, "%.60s%sduring %.40s, %s%s%s", attr ? attr : "", attr ? "; " : "", during,
             d1, lo == hi ? "" : " to ", lo == hi ? "" : d2);
    return buf;
}

static void events_row(ldrt__buf *b, const ldrt_patient *p, const ldrt__plot_axis *ax,
                       double mid, unsigned mask, const char *title, const char *cls,
                       enum shape shape, const ldrt_assessment *recist, int *partial_seen)
{
    const ldrt_event **ev;
    size_t n;
    int rc = ldrt_patient_events(p, mask, LDRT_DATE_NONE, LDRT_DATE_NONE, 0, &ev, &n);
    if (rc != LDRT_OK) {
        fail(b, rc);
        return;
    }
    ldrt__buf_printf(b, "<g class=\"%s\">\n", cls);
    row_title(b, ax, mid, title);
    ldrt__plot_lanes lanes;
    ldrt__plot_lanes_init(&lanes);
    size_t cursor = 0;
    for (size_t i = 0; i < n; i++) {
        const ldrt_event *e = ev[i];
        ldrt__plot_when w;
        if (ldrt__plot_when_event(e, &w) != LDRT_OK)
            continue;
        *partial_seen |= w.partial;
        int kind = ldrt_event_type(e);
        const char *color = "#555555", *label = NULL, *detail = NULL;
        char text[128], more[160];
        text[0] = '\0';
        if (kind == LDRT_EVENT_IMAGING) {
            const char *criteria = NULL, *overall = computed_response(recist, e, &cursor);
            if (!overall)
                (void)LDRT__SILENT(ldrt_scan_recorded_response(ldrt_event_as_scan(e), &criteria, &overall));
            const char *mod = ldrt_event_text(e, LDRT_FIELD_MODALITY);
            color = overall ? ldrt__plot_response_color(overall) : "#555555";
            int baseline = 0;
            if (LDRT__SILENT(ldrt_scan_baseline(ldrt_event_as_scan(e), &baseline)) != LDRT_OK)
                baseline = 0;
            snprintf(text, sizeof text, "%s%.40s%s%.20s", baseline ? "baseline " : "",
                     mod ? mod : "scan", overall ? " " : "", overall ? overall : "");
            label = text;
            detail = ldrt_event_text(e, LDRT_FIELD_NOTE);
        } else if (kind == LDRT_EVENT_TOXICITY) {
            int grade = 0;
            (void)ldrt_event_grade(e, &grade);
            const char *term = ldrt_event_text(e, LDRT_FIELD_TERM);
            color = grade >= 3 ? "#D55E00" : "#8E44AD";
            if (grade > 0)
                snprintf(text, sizeof text, "G%d %.40s", grade, term ? term : "toxicity");
            else
                snprintf(text, sizeof text, "%.40s", term ? term : "toxicity");
            label = text;
            detail = toxicity_detail(e, more, sizeof more);
        } else if (kind == LDRT_EVENT_SURGERY) {
            color = "#34495E";
            label = ldrt_event_text(e, LDRT_FIELD_PROCEDURE);
            if (!label)
                label = "surgery";
            detail = ldrt_event_text(e, LDRT_FIELD_PATHOLOGY);
        } else {
            color = kind == LDRT_EVENT_DIAGNOSIS ? "#34495E" : "#D55E00";
            label = ldrt_event_kind_name(kind);
            detail = ldrt_event_text(e, LDRT_FIELD_SITE);
        }
        double x = ldrt__plot_x(ax, w.day);
        marker(b, shape, x, mid, color, w.partial);
        char d[LDRT_DATE_BUFSIZE];
        fmt_date(ldrt_event_date(e), d);
        ldrt__buf_printf(b, "<title>%s ", d);
        ldrt__plot_text(b, label, 200);
        if (detail) {
            ldrt__buf_puts(b, ": ");
            ldrt__plot_text(b, detail, 400);
        }
        ldrt__buf_puts(b, "</title>");
        ldrt__buf_puts(b, shape_close(shape));
        lane_label(b, &lanes, x, mid, label, "#333333");
    }
    ldrt__buf_puts(b, "</g>\n");
    ldrt_free(ev);
}

/* Dashed vertical lines at recurrences and progressions, across the rows. */
static void disease_lines(ldrt__buf *b, const ldrt_patient *p, const ldrt__plot_axis *ax,
                          double top, double bottom)
{
    const ldrt_event **ev;
    size_t n;
    int rc = ldrt_patient_events(p,
                                 LDRT_EVENT_BIT(LDRT_EVENT_RECURRENCE) |
                                     LDRT_EVENT_BIT(LDRT_EVENT_PROGRESSION),
                                 LDRT_DATE_NONE, LDRT_DATE_NONE, 0, &ev, &n);
    if (rc != LDRT_OK) {
        fail(b, rc);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        ldrt__plot_when w;
        if (ldrt__plot_when_event(ev[i], &w) != LDRT_OK)
            continue;
        double x = ldrt__plot_x(ax, w.day);
        ldrt__buf_printf(b,
                         "<line class=\"disease\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                         "stroke=\"#D55E00\" stroke-opacity=\"0.45\" stroke-dasharray=\"2 4\"/>\n",
                         x, top, x, bottom);
    }
    ldrt_free(ev);
}

static void legend(ldrt__buf *b, double y, int partial_seen, int undated_seen)
{
    double x = LDRT__PLOT_LEFT;
    ldrt__buf_printf(b, "<g class=\"legend\" font-size=\"11\" fill=\"#333333\">\n");
    ldrt__buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"3\" height=\"12\" fill=\"%s\"/>", x,
                     y - 10, ldrt__plot_color(0));
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">drug administration</text>\n", x + 8, y);
    x += 140;
    ldrt__buf_printf(b,
                     "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"12\" fill=\"%s\" "
                     "fill-opacity=\"0.12\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>",
                     x, y - 10, ldrt__plot_color(0), ldrt__plot_color(0));
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">holiday / discontinued</text>\n", x + 24, y);
    x += 160;
    ldrt__buf_printf(b,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#D55E00\" "
                     "stroke-dasharray=\"2 4\"/>",
                     x + 6, y - 12, x + 6, y + 2);
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">recurrence / progression</text>\n", x + 16, y);
    x += 170;
    ldrt__buf_printf(b,
                     "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"12\" rx=\"2\" "
                     "fill=\"#C0392B\"/>",
                     x, y - 10);
    ldrt__buf_printf(b,
                     "<text x=\"%.1f\" y=\"%.1f\">radiotherapy course (EQD2 at alpha/beta %g Gy)"
                     "</text>\n",
                     x + 24, y, ldrt__plot_alpha_beta_gy());
    y += 20;
    x = LDRT__PLOT_LEFT;
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">scan (RECIST 1.1 or recorded):</text>\n",
                     x, y);
    x += 186;
    static const char *const labels[] = { "CR", "PR", "SD", "PD" };
    for (size_t i = 0; i < 4; i++) {
        ldrt__buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>", x, y - 4,
                         ldrt__plot_response_color(labels[i]));
        ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", x + 8, y, labels[i]);
        x += 44;
    }
    ldrt__buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#555555\"/>", x, y - 4);
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">not assessed</text>\n", x + 8, y);
    x += 110;
    ldrt__buf_printf(b,
                     "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#34495E\"/>"
                     "<text x=\"%.1f\" y=\"%.1f\">surgery</text>\n",
                     x, y - 10, x + 6, y + 1, x - 6, y + 1, x + 10, y);
    x += 72;
    ldrt__buf_printf(b,
                     "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"#8E44AD\"/>"
                     "<text x=\"%.1f\" y=\"%.1f\">toxicity (CTCAE grade)</text>\n",
                     x - 5, y - 9, x + 10, y);
    if (partial_seen) {
        y += 20;
        ldrt__buf_printf(b,
                         "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#ffffff\" "
                         "stroke=\"#555555\" stroke-width=\"1.5\"/>",
                         LDRT__PLOT_LEFT, y - 4);
        ldrt__buf_printf(b,
                         "<text x=\"%.1f\" y=\"%.1f\">hollow marker: the day (or month) is not "
                         "recorded; drawn at the earliest day the date allows</text>\n",
                         LDRT__PLOT_LEFT + 10, y);
    }
    if (undated_seen) {
        y += 20;
        ldrt__buf_printf(b,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"12\" "
                         "fill=\"url(#" HATCH_ID ")\" stroke=\"%s\"/>",
                         LDRT__PLOT_LEFT, y - 10, ldrt__plot_color(0));
        ldrt__buf_printf(b,
                         "<text x=\"%.1f\" y=\"%.1f\">dates not recorded: a series given on "
                         "days the record does not hold, over its span</text>\n",
                         LDRT__PLOT_LEFT + 24, y);
    }
    ldrt__buf_puts(b, "</g>\n");
}

void ldrt__plot_swimmer(ldrt__buf *b, const ldrt_patient *p)
{
    const char *pid = ldrt_patient_id(p);
    ldrt__buf title;
    ldrt__buf_init(&title);
    ldrt__buf_puts(&title, "Treatment history of ");
    ldrt__buf_puts(&title, pid ? pid : "?");
    if (title.failed) {
        fail(b, title.failed);
        ldrt__buf_free(&title);
        return;
    }
    int64_t first = 0, last = 0;
    int rc = record_range(p, &first, &last);
    if (rc == LDRT_ENOTFOUND) {
        ldrt__plot_begin(b, LDRT__PLOT_WIDTH, 120, title.data, "The record has no events.");
        ldrt__plot_label(b, LDRT__PLOT_WIDTH / 2, 64, "middle", "fill=\"#555555\"",
                         "Nothing to plot: the record has no events.");
        ldrt__plot_end(b);
        ldrt__buf_free(&title);
        return;
    }
    const char **drugs = NULL;
    size_t ndrugs = 0;
    if (rc == LDRT_OK)
        rc = drug_names(p, &drugs, &ndrugs);
    if (rc != LDRT_OK) {
        fail(b, rc);
        ldrt__buf_free(&title);
        return;
    }
    /* Scans show their RECIST 1.1 response when the record can be assessed,
     * else the response recorded on them (only a lack of memory fails). */
    ldrt_assessment *recist = NULL;
    rc = ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &recist);
    if (rc != LDRT_OK)
        recist = NULL;
    if (rc == LDRT_ENOMEM) {
        fail(b, rc);
        ldrt__free(drugs);
        ldrt__buf_free(&title);
        return;
    }
    ldrt__plot_axis ax;
    ldrt__plot_axis_init(&ax, first, last, LDRT__PLOT_LEFT, LDRT__PLOT_WIDTH - LDRT__PLOT_RIGHT);
    double top = 56;
    double rows_h = (double)ndrugs * ROW_TICKS + 5 * ROW_LABELS + 8;
    double bottom = top + rows_h;
    int undated = has_undated(p);
    double height = bottom + 46 + 66 + (undated ? 20 : 0);
    ldrt__plot_begin(b, LDRT__PLOT_WIDTH, height, title.data,
                     "Swimmer plot: one row per drug with a tick per administration and its "
                     "holidays shaded; radiotherapy courses as bars labelled with dose and "
                     "fractions; surgeries, scans with their recorded response, toxicities with "
                     "their grade, and disease events, on a time axis of calendar dates.");
    if (undated)
        hatch_defs(b);
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"24\" font-size=\"16\" font-weight=\"bold\" "
                        "fill=\"#111111\">", LDRT__PLOT_LEFT);
    ldrt__plot_text(b, title.data, 120);
    ldrt__buf_puts(b, "</text>\n");
    ldrt__buf_free(&title);
    ldrt__buf_printf(b,
                     "<text x=\"%.1f\" y=\"42\" font-size=\"11\" fill=\"#555555\">Immunotherapy, "
                     "radiotherapy and response over time (hover a marker for details)</text>\n",
                     LDRT__PLOT_LEFT);
    ldrt__plot_time_grid(b, &ax, top, bottom, "Date (year-month)");
    disease_lines(b, p, &ax, top, bottom);
    int partial = 0;
    double y = top + 4;
    for (size_t i = 0; i < ndrugs; i++) {
        drug_row(b, p, drugs[i], i, &ax, y, &partial);
        y += ROW_TICKS;
    }
    ldrt__free(drugs);
    double mid = y + ROW_LABELS - 16;
    radiotherapy_row(b, p, &ax, mid, &partial);
    mid += ROW_LABELS;
    events_row(b, p, &ax, mid, LDRT_EVENT_BIT(LDRT_EVENT_SURGERY), "surgery", "surgery",
               SHAPE_TRIANGLE, NULL, &partial);
    mid += ROW_LABELS;
    events_row(b, p, &ax, mid, LDRT_EVENT_BIT(LDRT_EVENT_IMAGING), "scans", "scans",
               SHAPE_CIRCLE, recist, &partial);
    mid += ROW_LABELS;
    events_row(b, p, &ax, mid, LDRT_EVENT_BIT(LDRT_EVENT_TOXICITY), "toxicity", "toxicity",
               SHAPE_SQUARE, NULL, &partial);
    mid += ROW_LABELS;
    events_row(b, p, &ax, mid,
               LDRT_EVENT_BIT(LDRT_EVENT_DIAGNOSIS) | LDRT_EVENT_BIT(LDRT_EVENT_RECURRENCE) |
                   LDRT_EVENT_BIT(LDRT_EVENT_PROGRESSION),
               "disease", "disease", SHAPE_DIAMOND, NULL, &partial);
    legend(b, bottom + 64, partial, undated);
    ldrt__plot_end(b);
    ldrt_assessment_free(recist);
}
