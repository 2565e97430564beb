/*
 * The spider plot (percent change of each lesion from baseline) and the
 * cumulative-dose chart.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ldrt/dose.h"
#include "ldrt/response.h"
#include "plot_internal.h"

#define TOP 64.0
#define PLOT_H 360.0

static void fail(ldrt__buf *b, int rc)
{
    if (!b->failed)
        b->failed = rc;
}

/* A tick step from {1, 2, 5} x 10^k giving at most about 8 ticks over span. */
static double nice_step(double span)
{
    if (!(span > 0))
        return 1;
    double raw = span / 8;
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

typedef struct yaxis {
    double lo, hi; /* values at the bottom and the top */
    double y0, y1; /* their y (y0 > y1) */
} yaxis;

static double ymap(const yaxis *a, double v)
{
    return a->y0 + (v - a->lo) * (a->y1 - a->y0) / (a->hi - a->lo);
}

static void y_grid(ldrt__buf *b, const yaxis *ya, const ldrt__plot_axis *ax, double step,
                   const char *unit_suffix, const char *title)
{
    ldrt__buf_puts(b, "<g class=\"value-axis\">\n");
    for (double v = ceil(ya->lo / step) * step; v <= ya->hi + 1e-9; v += step) {
        double y = ymap(ya, v);
        ldrt__buf_printf(b,
                         "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ececec\"/>\n"
                         "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"#333333\">%g%s"
                         "</text>\n",
                         ax->x0, y, ax->x1, y, ax->x0 - 6, y + 4, fabs(v) < 1e-9 ? 0.0 : v,
                         unit_suffix);
    }
    ldrt__buf_printf(b,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n",
                     ax->x0, ya->y0, ax->x0, ya->y1);
    double cy = (ya->y0 + ya->y1) / 2;
    ldrt__buf_printf(b,
                     "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333333\" "
                     "transform=\"rotate(-90 %.1f %.1f)\">",
                     ax->x0 - 58, cy, ax->x0 - 58, cy);
    ldrt__plot_text(b, title, 80);
    ldrt__buf_puts(b, "</text>\n</g>\n");
}

static void heading(ldrt__buf *b, const char *title, const char *pid, const char *sub)
{
    ldrt__buf_printf(b,
                     "<text x=\"%.1f\" y=\"24\" font-size=\"16\" font-weight=\"bold\" "
                     "fill=\"#111111\">",
                     LDRT__PLOT_LEFT);
    ldrt__plot_text(b, title, 80);
    ldrt__plot_text(b, pid ? pid : "?", 60);
    ldrt__buf_puts(b, "</text>\n");
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"42\" font-size=\"11\" fill=\"#555555\">",
                     LDRT__PLOT_LEFT);
    ldrt__plot_text(b, sub, 200);
    ldrt__buf_puts(b, "</text>\n");
}

static void nothing(ldrt__buf *b, const char *title, const char *pid, const char *why)
{
    ldrt__plot_begin(b, LDRT__PLOT_WIDTH, 120, title, why);
    heading(b, title, pid, "");
    ldrt__plot_label(b, LDRT__PLOT_WIDTH / 2, 80, "middle", "fill=\"#555555\"", why);
    ldrt__plot_end(b);
}

/* Shaded bands of radiotherapy courses (those of mask, or all when NULL)
 * over a chart, with their course id at the top. */
static void course_bands(ldrt__buf *b, const ldrt_event **courses, size_t n, const ldrt__plot_axis *ax,
                         double top, double bottom)
{
    ldrt__plot_lanes lanes;
    ldrt__plot_lanes_init(&lanes);
    for (size_t i = 0; i < n; i++) {
        size_t nf = ldrt_course_fraction_count(ldrt_event_as_course(courses[i]));
        ldrt__plot_when f0, f1;
        if (nf == 0 || ldrt__plot_when_fraction(ldrt_course_fraction_at(ldrt_event_as_course(courses[i]), 0), &f0) ||
            ldrt__plot_when_fraction(ldrt_course_fraction_at(ldrt_event_as_course(courses[i]), nf - 1), &f1))
            continue;
        if (f1.day < f0.day)
            f1.day = f0.day;
        if (f0.day > ax->d1 || f1.day < ax->d0)
            continue;
        double x0 = ldrt__plot_x(ax, f0.day), x1 = ldrt__plot_x(ax, f1.day + 1);
        if (x1 - x0 < 4)
            x1 = x0 + 4;
        ldrt__buf_printf(b,
                         "<rect class=\"course\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                         "height=\"%.1f\" fill=\"#C0392B\" fill-opacity=\"0.15\"/>\n",
                         x0, top, x1 - x0, bottom - top);
        const char *id = ldrt_event_text(courses[i], LDRT_FIELD_COURSE_ID);
        double total = 0;
        (void)ldrt_course_total_dose_gy(ldrt_event_as_course(courses[i]), &total);
        char text[160];
        snprintf(text, sizeof text, "%.60s %g Gy/%zu fx", id ? id : "RT", total, nf);
        double w = (double)ldrt__plot_text_len(text, LDRT__PLOT_LABEL_MAX) * LDRT__PLOT_CHAR_W;
        int level = ldrt__plot_lanes_take(&lanes, x0, w);
        ldrt__plot_label(b, x0 + 2, top + 12 + level * 13, "start",
                         "font-size=\"11\" fill=\"#7B241C\"", text);
    }
}

/* ---- spider ------------------------------------------------------------------------ */

typedef struct spider_point {
    int64_t day;
    int partial;
    double pct;
    const ldrt_event *scan;
} spider_point;

typedef struct spider_series {
    const ldrt_lesion *lesion;
    double baseline_mm;
    int in_field;
    spider_point *pts;
    size_t n;
} spider_series;

/* The measured diameter of a lesion on a scan, if measured. */
static int measured(const ldrt_scan *scan, const ldrt_lesion *l, double *mm)
{
    size_t k;
    if (LDRT__SILENT(ldrt_scan_find_measurement(scan, l, &k)) != LDRT_OK)
        return 0;
    ldrt_lesion_state state;
    if (ldrt_scan_measurement_state(scan, k, &state) != LDRT_OK || state != LDRT_STATE_PRESENT)
        return 0;
    return ldrt_scan_measurement_diameter_mm(scan, k, mm) == LDRT_OK;
}

static int spider_series_of(const ldrt_patient *p, const ldrt_lesion *l, const ldrt_event **courses,
                            size_t ncourses, spider_series *s, int *zero_baseline)
{
    const ldrt_scan **scans;
    size_t n;
    int rc = ldrt_patient_lesion_scans(p, l, &scans, &n);
    if (rc != LDRT_OK)
        return rc;
    s->lesion = l;
    s->pts = NULL;
    s->n = 0;
    s->in_field = 0;
    *zero_baseline = 0;
    for (size_t c = 0; c < ncourses; c++)
        if (ldrt_course_targets_lesion(ldrt_event_as_course(courses[c]), l) == 1)
            s->in_field = 1;
    /* Baseline: the last baseline scan that measured it, else the first measurement. */
    size_t base = n;
    double mm;
    for (size_t i = 0; i < n; i++) {
        int is_base = 0;
        if (measured(scans[i], l, &mm) && LDRT__SILENT(ldrt_scan_baseline(scans[i], &is_base)) == LDRT_OK &&
            is_base)
            base = i;
    }
    if (base == n)
        for (size_t i = 0; i < n && base == n; i++)
            if (measured(scans[i], l, &mm))
                base = i;
    if (base == n) {
        ldrt_free(scans);
        return LDRT_OK;
    }
    (void)measured(scans[base], l, &s->baseline_mm);
    if (!(s->baseline_mm > 0)) {
        *zero_baseline = 1;
        ldrt_free(scans);
        return LDRT_OK;
    }
    s->pts = ldrt__calloc(n - base, sizeof *s->pts);
    if (!s->pts) {
        ldrt_free(scans);
        return LDRT_ENOMEM;
    }
    for (size_t i = base; i < n; i++) {
        ldrt__plot_when w;
        if (!measured(scans[i], l, &mm) || ldrt__plot_when_event(ldrt_scan_as_event(scans[i]), &w) != LDRT_OK)
            continue;
        spider_point *pt = &s->pts[s->n++];
        pt->day = w.day;
        pt->partial = w.partial;
        pt->pct = 100.0 * (mm - s->baseline_mm) / s->baseline_mm;
        pt->scan = ldrt_scan_as_event(scans[i]);
    }
    ldrt_free(scans);
    return LDRT_OK;
}

static void pct_text(char *buf, size_t size, double pct)
{
    /* From a baseline of a few micrometres the change can be any size: three
     * significant digits then, so the text stays bounded. */
    if (!(fabs(pct) < 1e6))
        snprintf(buf, size, "%+.3g%%", pct);
    else if (fabs(pct - round(pct)) < 0.05)
        snprintf(buf, size, "%+.0f%%", round(pct));
    else
        snprintf(buf, size, "%+.1f%%", pct);
}

/* The series of the lesions with a measured baseline above 0 mm (into series,
 * *ns of them) and the lesions with a baseline of 0 mm (into zero). */
static int spider_collect(const ldrt_patient *p, const ldrt_event **courses, size_t ncourses,
                          spider_series *series, size_t *ns, const ldrt_lesion **zero,
                          size_t *nzero)
{
    size_t nl = ldrt_patient_lesion_count(p);
    for (size_t i = 0; i < nl; i++) {
        int z = 0;
        int rc = spider_series_of(p, ldrt_patient_lesion_at(p, i), courses, ncourses,
                                  &series[*ns], &z);
        if (rc != LDRT_OK)
            return rc;
        if (z)
            zero[(*nzero)++] = ldrt_patient_lesion_at(p, i);
        if (series[*ns].n > 0)
            (*ns)++;
        else
            ldrt__free(series[*ns].pts);
    }
    return LDRT_OK;
}

/* The RECIST 1.1 overall response of each scan, along the bottom. */
static int spider_recist_row(ldrt__buf *b, const ldrt_patient *p, const ldrt__plot_axis *ax)
{
    ldrt_assessment *recist = NULL;
    int rc = ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &recist);
    if (rc == LDRT_ENOMEM)
        return rc;
    if (rc != LDRT_OK)
        return LDRT_OK;
    ldrt__buf_printf(b, "<g class=\"recist\" font-size=\"11\" font-weight=\"bold\">\n"
                        "<text x=\"%.1f\" y=\"%.1f\" fill=\"#555555\" "
                        "font-weight=\"normal\">RECIST 1.1:</text>\n",
                     ax->x0 + 6, TOP + PLOT_H - 8);
    for (size_t i = 0; i < ldrt_assessment_timepoint_count(recist); i++) {
        ldrt_date td;
        ldrt_response overall;
        ldrt__plot_when w;
        if (ldrt_assessment_timepoint(recist, i, &td, &overall, NULL, NULL, NULL) != LDRT_OK ||
            ldrt__plot_when_date(td, &w) != LDRT_OK || w.day < ax->d0 || w.day > ax->d1)
            continue;
        const char *label = ldrt_response_label_name(overall);
        if (!label || !*label)
            continue;
        ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">",
                         ldrt__plot_x(ax, w.day), TOP + PLOT_H - 8,
                         ldrt__plot_response_color(label));
        ldrt__plot_text(b, label, 20);
        ldrt__buf_puts(b, "</text>\n");
    }
    ldrt__buf_puts(b, "</g>\n");
    ldrt_assessment_free(recist);
    return LDRT_OK;
}

/* Reference lines: 0, -30% (PR) and +20% (PD), Eisenhauer 2009. */
static void spider_thresholds(ldrt__buf *b, const ldrt__plot_axis *ax, const yaxis *ya)
{
    ldrt__buf_printf(b,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\"/>\n",
                     ax->x0, ymap(ya, 0), ax->x1, ymap(ya, 0));
    ldrt__buf_printf(b,
                     "<g class=\"threshold\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                     "stroke=\"#009E73\" stroke-width=\"1.5\" stroke-dasharray=\"8 4\"/>"
                     "<text x=\"%.1f\" y=\"%.1f\" fill=\"#00745A\" font-size=\"11\">"
                     "-30%%: partial response</text></g>\n",
                     ax->x0, ymap(ya, -30), ax->x1, ymap(ya, -30), ax->x1 + 6, ymap(ya, -30) + 4);
    ldrt__buf_printf(b,
                     "<g class=\"threshold\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                     "stroke=\"#D55E00\" stroke-width=\"1.5\" stroke-dasharray=\"8 4\"/>"
                     "<text x=\"%.1f\" y=\"%.1f\" fill=\"#A04000\" font-size=\"11\">"
                     "+20%%: progression</text></g>\n",
                     ax->x0, ymap(ya, 20), ax->x1, ymap(ya, 20), ax->x1 + 6, ymap(ya, 20) + 4);
}

/* One point of a lesion's line, with its tooltip and (few lesions) its label. */
static void spider_point_draw(ldrt__buf *b, const spider_series *sr, size_t i, const char *color,
                              const ldrt__plot_axis *ax, const yaxis *ya, int labelled)
{
    const spider_point *pt = &sr->pts[i];
    double x = ldrt__plot_x(ax, pt->day), y = ymap(ya, pt->pct);
    const char *fill = pt->partial ? "#ffffff" : color;
    if (sr->in_field)
        ldrt__buf_printf(b,
                         "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"%s\" "
                         "stroke-width=\"2\">",
                         x, y, fill, color);
    else
        ldrt__buf_printf(b,
                         "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"%s\" "
                         "stroke=\"%s\" stroke-width=\"2\">",
                         x - 4.5, y - 4.5, fill, color);
    char d[LDRT_DATE_BUFSIZE], pc[32];
    if (ldrt_date_format(ldrt_event_date(pt->scan), d, sizeof d) != LDRT_OK)
        strcpy(d, "?");
    pct_text(pc, sizeof pc, pt->pct);
    double mm = 0;
    (void)measured(ldrt_event_as_scan(pt->scan), sr->lesion, &mm);
    ldrt__buf_puts(b, "<title>");
    ldrt__plot_text(b, ldrt_lesion_id(sr->lesion), 80);
    ldrt__buf_printf(b, " %s: %g mm, %s from baseline %g mm</title>%s\n", d, mm, pc,
                     sr->baseline_mm, sr->in_field ? "</circle>" : "</rect>");
    if (i > 0 && labelled)
        ldrt__buf_printf(b,
                         "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\" "
                         "font-weight=\"bold\">%s</text>\n",
                         x + 7, y - 7, color, pc);
}

/* The line of series s (colour s); returns whether a point is partial. */
static int spider_line(ldrt__buf *b, const spider_series *sr, size_t s, size_t ns,
                       const ldrt__plot_axis *ax, const yaxis *ya)
{
    int partial = 0;
    const char *color = ldrt__plot_color(s);
    ldrt__buf_printf(b, "<g class=\"lesion %s\">\n", sr->in_field ? "in-field" : "out-of-field");
    ldrt__buf_puts(b, "<polyline fill=\"none\" stroke-width=\"2\" ");
    ldrt__buf_printf(b, "stroke=\"%s\"%s points=\"", color,
                     sr->in_field ? "" : " stroke-dasharray=\"6 4\"");
    for (size_t i = 0; i < sr->n; i++)
        ldrt__buf_printf(b, "%s%.1f,%.1f", i ? " " : "", ldrt__plot_x(ax, sr->pts[i].day),
                         ymap(ya, sr->pts[i].pct));
    ldrt__buf_puts(b, "\"/>\n");
    for (size_t i = 0; i < sr->n; i++) {
        partial |= sr->pts[i].partial;
        spider_point_draw(b, sr, i, color, ax, ya, ns <= 6);
    }
    /* The lesion id at the end of its line. */
    const spider_point *last = &sr->pts[sr->n - 1];
    char extra[64];
    snprintf(extra, sizeof extra, "font-size=\"11\" fill=\"%s\"", color);
    ldrt__plot_label(b, ldrt__plot_x(ax, last->day) + 8, ymap(ya, last->pct) + 14, "start",
                     extra, ldrt_lesion_id(sr->lesion));
    ldrt__buf_puts(b, "</g>\n");
    return partial;
}

/* The legend line of series s at y. */
static void spider_legend_line(ldrt__buf *b, const spider_series *sr, size_t s, double y,
                               const ldrt_event **courses, size_t ncourses)
{
    const char *color = ldrt__plot_color(s);
    ldrt__buf_printf(b,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                     "stroke-width=\"2\"%s/>",
                     LDRT__PLOT_LEFT, y - 4, LDRT__PLOT_LEFT + 28, y - 4, color,
                     sr->in_field ? "" : " stroke-dasharray=\"6 4\"");
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", LDRT__PLOT_LEFT + 36, y);
    ldrt__plot_text(b, ldrt_lesion_id(sr->lesion), 40);
    const char *site = ldrt_lesion_site(sr->lesion);
    if (site) {
        ldrt__buf_puts(b, ": ");
        ldrt__plot_text(b, site, 60);
    }
    ldrt__buf_printf(b, " (baseline %g mm; %s", sr->baseline_mm,
                     sr->in_field ? "in field of " : "out of field");
    if (sr->in_field) {
        int firstc = 1;
        for (size_t c = 0; c < ncourses; c++)
            if (ldrt_course_targets_lesion(ldrt_event_as_course(courses[c]), sr->lesion) == 1) {
                const char *id = ldrt_event_text(courses[c], LDRT_FIELD_COURSE_ID);
                ldrt__buf_puts(b, firstc ? "" : ", ");
                ldrt__plot_text(b, id ? id : "a course", 40);
                firstc = 0;
            }
    }
    ldrt__buf_puts(b, ")</text>\n");
}

/* Legend: one line per lesion, the lesions not drawn, the marks. */
static void spider_legend(ldrt__buf *b, const spider_series *series, size_t ns,
                          const ldrt_lesion **zero, size_t nzero, const ldrt_event **courses,
                          size_t ncourses, double legend_y, int partial)
{
    ldrt__buf_puts(b, "<g class=\"legend\" font-size=\"11\" fill=\"#333333\">\n");
    double y = legend_y;
    for (size_t s = 0; s < ns; s++, y += 18)
        spider_legend_line(b, &series[s], s, y, courses, ncourses);
    if (nzero) {
        ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">Not drawn (baseline 0 mm, no percent change): ",
                         LDRT__PLOT_LEFT, y);
        for (size_t i = 0; i < nzero; i++) {
            ldrt__buf_puts(b, i ? ", " : "");
            ldrt__plot_text(b, ldrt_lesion_id(zero[i]), 40);
        }
        ldrt__buf_puts(b, "</text>\n");
        y += 18;
    }
    ldrt__buf_printf(b,
                     "<text x=\"%.1f\" y=\"%.1f\">circle, solid line: in a radiotherapy field; "
                     "square, dashed line: out of field%s</text>\n",
                     LDRT__PLOT_LEFT, y + 4,
                     partial ? "; hollow: scan day not recorded, drawn at the earliest day "
                               "the date allows" : "");
    ldrt__buf_puts(b, "</g>\n");
}

/* The axes of the series: days over every point, percentages with 10 points
 * of room, at least -40 to +30 (both thresholds show). */
static double spider_axes(const spider_series *series, size_t ns, ldrt__plot_axis *ax, yaxis *ya)
{
    int64_t d0 = series[0].pts[0].day, d1 = d0;
    double lo = -40, hi = 30;
    for (size_t s = 0; s < ns; s++)
        for (size_t i = 0; i < series[s].n; i++) {
            const spider_point *pt = &series[s].pts[i];
            if (pt->day < d0) d0 = pt->day;
            if (pt->day > d1) d1 = pt->day;
            if (pt->pct - 10 < lo) lo = pt->pct - 10;
            if (pt->pct + 10 > hi) hi = pt->pct + 10;
        }
    double step = nice_step(hi - lo);
    lo = floor(lo / step) * step;
    hi = ceil(hi / step) * step;
    ldrt__plot_axis_init(ax, d0, d1, LDRT__PLOT_LEFT, LDRT__PLOT_WIDTH - 150);
    *ya = (yaxis){ lo, hi, TOP + PLOT_H, TOP };
    return step;
}

void ldrt__plot_spider(ldrt__buf *b, const ldrt_patient *p)
{
    static const char title[] = "Change from baseline per lesion: ";
    const char *pid = ldrt_patient_id(p);
    const ldrt_event **courses = NULL;
    size_t ncourses = 0;
    int rc = ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_RADIOTHERAPY), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &courses, &ncourses);
    if (rc != LDRT_OK) {
        fail(b, rc);
        return;
    }
    size_t nl = ldrt_patient_lesion_count(p), ns = 0, nzero = 0;
    spider_series *series = nl ? ldrt__calloc(nl, sizeof *series) : NULL;
    const ldrt_lesion **zero = nl ? ldrt__calloc(nl, sizeof *zero) : NULL;
    if (nl && (!series || !zero)) {
        fail(b, LDRT_ENOMEM);
        goto done;
    }
    rc = spider_collect(p, courses, ncourses, series, &ns, zero, &nzero);
    if (rc != LDRT_OK) {
        fail(b, rc);
        goto done;
    }
    if (ns == 0) {
        nothing(b, title, pid,
                "Nothing to plot: no lesion has a measured baseline diameter above 0 mm.");
        goto done;
    }
    ldrt__plot_axis ax;
    yaxis ya;
    double step = spider_axes(series, ns, &ax, &ya);
    double legend_y = TOP + PLOT_H + 70;
    double height = legend_y + 18.0 * (double)ns + (nzero ? 18 : 0) + 40;
    ldrt__plot_begin(b, LDRT__PLOT_WIDTH, height, "Spider plot",
                     "Spider plot: percent change of each lesion's diameter from its baseline "
                     "over time, with the RECIST 1.1 thresholds for partial response (-30%) and "
                     "progression (+20%); lesions in a radiotherapy field are drawn solid, "
                     "lesions out of field dashed; radiotherapy courses are shaded.");
    heading(b, title, pid,
            "Longest diameter (short axis for nodes) against the lesion's baseline scan; "
            "RECIST 1.1 thresholds dashed");
    ldrt__plot_time_grid(b, &ax, TOP, TOP + PLOT_H, "Scan date (year-month)");
    y_grid(b, &ya, &ax, step, "%", "Change in diameter from baseline (%)");
    course_bands(b, courses, ncourses, &ax, TOP, TOP + PLOT_H);
    rc = spider_recist_row(b, p, &ax);
    if (rc != LDRT_OK) {
        fail(b, rc);
        goto done;
    }
    spider_thresholds(b, &ax, &ya);
    int partial = 0;
    for (size_t s = 0; s < ns; s++)
        partial |= spider_line(b, &series[s], s, ns, &ax, &ya);
    spider_legend(b, series, ns, zero, nzero, courses, ncourses, legend_y, partial);
    ldrt__plot_end(b);
done:
    if (series)
        for (size_t s = 0; s < nl; s++)
            if (s < ns)
                ldrt__free(series[s].pts);
    ldrt__free(series);
    ldrt__free(zero);
    ldrt_free(courses);
}

/* ---- cumulative dose ------------------------------------------------------------------ */

typedef struct dose_series {
    const ldrt_lesion *lesion;  /* NULL: a course without targets */
    const ldrt_event *course;   /* the course, for untargeted ones */
    int64_t *day;
    double *cum;
    double *eqd2; /* cumulative EQD2 (alpha/beta of ldrt__plot_alpha_beta_gy) */
    int *partial;
    size_t n;
} dose_series;

static dose_series *find_series(dose_series *s, size_t n, const ldrt_lesion *l,
                                const ldrt_event *course)
{
    for (size_t i = 0; i < n; i++)
        if (l ? s[i].lesion == l : (s[i].lesion == NULL && s[i].course == course))
            return &s[i];
    return NULL;
}

/* Appends a course's fractions to a series as cumulative physical dose and EQD2 steps. */
static void dose_add_fractions(dose_series *sr, const ldrt_event *course, size_t nf, double ab)
{
    int64_t prev = INT64_MIN;
    for (size_t f = 0; f < nf; f++) {
        const ldrt_fraction *fr = ldrt_course_fraction_at(ldrt_event_as_course(course), f);
        ldrt__plot_when w;
        double gy;
        if (ldrt__plot_when_fraction(fr, &w) != LDRT_OK ||
            ldrt_fraction_dose_gy(fr, &gy) != LDRT_OK)
            continue;
        if (w.day < prev)
            w.day = prev;
        prev = w.day;
        /* EQD2 adds up fraction by fraction (LQ without time). */
        double e2 = 0;
        (void)ldrt_lq_eqd2(gy, 1, ab, &e2);
        double before = sr->n ? sr->cum[sr->n - 1] : 0;
        double before2 = sr->n ? sr->eqd2[sr->n - 1] : 0;
        sr->day[sr->n] = w.day;
        sr->cum[sr->n] = before + gy;
        sr->eqd2[sr->n] = before2 + e2;
        sr->partial[sr->n] = w.partial;
        sr->n++;
    }
}

/* Builds the series (one per course and target); 0 on success, else -1 after fail() (*out and
 * *ns still set, for dose_free). */
static int dose_collect(ldrt__buf *b, const ldrt_event **courses, size_t nc, double ab,
                        dose_series **out, size_t *ns)
{
    /* At most one series per (course, target) pair; each with all fractions. */
    size_t cap = 0, total_fx = 0;
    for (size_t c = 0; c < nc; c++) {
        size_t t = ldrt_course_target_count(ldrt_event_as_course(courses[c]));
        cap += t ? t : 1;
        total_fx += ldrt_course_fraction_count(ldrt_event_as_course(courses[c]));
    }
    dose_series *s = cap ? ldrt__calloc(cap, sizeof *s) : NULL;
    *out = s;
    *ns = 0;
    if (cap && !s) {
        fail(b, LDRT_ENOMEM);
        return -1;
    }
    for (size_t c = 0; c < nc; c++) {
        size_t nt = ldrt_course_target_count(ldrt_event_as_course(courses[c]));
        size_t nf = ldrt_course_fraction_count(ldrt_event_as_course(courses[c]));
        if (nf == 0)
            continue;
        for (size_t t = 0; t < (nt ? nt : 1); t++) {
            const ldrt_lesion *l = nt ? ldrt_course_target_at(ldrt_event_as_course(courses[c]), t) : NULL;
            dose_series *sr = find_series(s, *ns, l, courses[c]);
            if (!sr) {
                sr = &s[(*ns)++];
                sr->lesion = l;
                sr->course = courses[c];
                sr->day = ldrt__calloc(total_fx, sizeof *sr->day);
                sr->cum = ldrt__calloc(total_fx, sizeof *sr->cum);
                sr->eqd2 = ldrt__calloc(total_fx, sizeof *sr->eqd2);
                sr->partial = ldrt__calloc(total_fx, sizeof *sr->partial);
                if (!sr->day || !sr->cum || !sr->eqd2 || !sr->partial) {
                    fail(b, LDRT_ENOMEM);
                    return -1;
                }
            }
            dose_add_fractions(sr, courses[c], nf, ab);
        }
    }
    return 0;
}

/* Frees the series and their arrays. */
static void dose_free(dose_series *s, size_t ns)
{
    for (size_t i = 0; i < ns; i++) {
        ldrt__free(s[i].day);
        ldrt__free(s[i].cum);
        ldrt__free(s[i].eqd2);
        ldrt__free(s[i].partial);
    }
    ldrt__free(s);
}

/* Finds the time span and the dose scale (rounded top and grid step) of the series. */
static void dose_scales(const dose_series *s, size_t ns, int64_t *d0_out, int64_t *d1_out,
                        double *hi_out, double *step_out)
{
    int64_t d0 = s[0].day[0], d1 = d0;
    double hi = 0;
    for (size_t i = 0; i < ns; i++)
        for (size_t k = 0; k < s[i].n; k++) {
            if (s[i].day[k] < d0) d0 = s[i].day[k];
            if (s[i].day[k] > d1) d1 = s[i].day[k];
            if (s[i].cum[k] > hi) hi = s[i].cum[k];
            if (s[i].eqd2[k] > hi) hi = s[i].eqd2[k];
        }
    double step = nice_step(hi * 1.1);
    hi = ceil(hi * 1.1 / step) * step;
    if (hi <= 0)
        hi = 1;
    *d0_out = d0;
    *d1_out = d1;
    *hi_out = hi;
    *step_out = step;
}

/* Draws one cumulative step line (physical dose or EQD2) from zero to the right edge. */
static void dose_steps(ldrt__buf *b, const int64_t *day, const double *v, size_t n,
                       const ldrt__plot_axis *ax, const yaxis *ya)
{
    for (size_t k = 0; k < n; k++) {
        double xk = ldrt__plot_x(ax, day[k]);
        ldrt__buf_printf(b, " %.1f,%.1f %.1f,%.1f", xk, ymap(ya, k ? v[k - 1] : 0), xk,
                         ymap(ya, v[k]));
    }
    ldrt__buf_printf(b, " %.1f,%.1f\"/>\n", ax->x1, ymap(ya, v[n - 1]));
}

/* Draws series i (dose and EQD2 lines, fraction dots, end label); nonzero if a day is partial. */
static int dose_series_draw(ldrt__buf *b, const dose_series *sr, size_t i,
                            const ldrt__plot_axis *ax, const yaxis *ya)
{
    int partial = 0;
    const char *color = ldrt__plot_color(i);
    ldrt__buf_printf(b, "<g class=\"dose-series\">\n<polyline fill=\"none\" stroke=\"%s\" "
                        "stroke-width=\"2\" points=\"", color);
    double x = ldrt__plot_x(ax, sr->day[0]);
    ldrt__buf_printf(b, "%.1f,%.1f", x, ymap(ya, 0));
    dose_steps(b, sr->day, sr->cum, sr->n, ax, ya);
    ldrt__buf_printf(b, "<polyline class=\"eqd2\" fill=\"none\" stroke=\"%s\" "
                        "stroke-width=\"1.5\" stroke-dasharray=\"5 3\" points=\"%.1f,%.1f",
                     color, x, ymap(ya, 0));
    dose_steps(b, sr->day, sr->eqd2, sr->n, ax, ya);
    for (size_t k = 0; k < sr->n; k++) {
        partial |= sr->partial[k];
        ldrt__buf_printf(b,
                         "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" stroke=\"%s\" "
                         "stroke-width=\"1.5\"/>\n",
                         ldrt__plot_x(ax, sr->day[k]), ymap(ya, sr->cum[k]),
                         sr->partial[k] ? "#ffffff" : color, color);
    }
    char text[160];
    snprintf(text, sizeof text, "%.40s: %g Gy",
             sr->lesion ? ldrt_lesion_id(sr->lesion)
                        : (ldrt_event_text(sr->course, LDRT_FIELD_COURSE_ID)
                               ? ldrt_event_text(sr->course, LDRT_FIELD_COURSE_ID)
                               : "course"),
             sr->cum[sr->n - 1]);
    char extra[64];
    snprintf(extra, sizeof extra, "font-size=\"11\" fill=\"%s\"", color);
    ldrt__plot_label(b, ax->x1 + 6, ymap(ya, sr->cum[sr->n - 1]) + 4, "start", extra, text);
    ldrt__buf_puts(b, "</g>\n");
    return partial;
}

/* Writes the legend: a line per series, the line styles, and the hollow-dot note if needed. */
static void dose_legend(ldrt__buf *b, const dose_series *s, size_t ns, double legend_y, double ab,
                        int partial)
{
    ldrt__buf_puts(b, "<g class=\"legend\" font-size=\"11\" fill=\"#333333\">\n");
    double y = legend_y;
    for (size_t i = 0; i < ns; i++, y += 18) {
        const dose_series *sr = &s[i];
        ldrt__buf_printf(b,
                         "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                         "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\">",
                         LDRT__PLOT_LEFT, y - 4, LDRT__PLOT_LEFT + 28, y - 4, ldrt__plot_color(i),
                         LDRT__PLOT_LEFT + 36, y);
        if (sr->lesion) {
            ldrt__plot_text(b, ldrt_lesion_id(sr->lesion), 40);
            const char *site = ldrt_lesion_site(sr->lesion);
            if (site) {
                ldrt__buf_puts(b, ": ");
                ldrt__plot_text(b, site, 60);
            }
        } else {
            const char *id = ldrt_event_text(sr->course, LDRT_FIELD_COURSE_ID);
            const char *site = ldrt_event_text(sr->course, LDRT_FIELD_SITE);
            ldrt__plot_text(b, id ? id : "course", 40);
            ldrt__buf_puts(b, " (no target lesion recorded");
            if (site) {
                ldrt__buf_puts(b, "; ");
                ldrt__plot_text(b, site, 60);
            }
            ldrt__buf_puts(b, ")");
        }
        ldrt__buf_printf(b, ", %g Gy in %zu fractions, EQD2 %.3g Gy</text>\n", sr->cum[sr->n - 1],
                         sr->n, sr->eqd2[sr->n - 1]);
    }
    ldrt__buf_printf(b,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\" "
                     "stroke-width=\"2\"/><text x=\"%.1f\" y=\"%.1f\">physical dose</text>"
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\" "
                     "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/><text x=\"%.1f\" y=\"%.1f\">"
                     "EQD2 (linear-quadratic, alpha/beta %g Gy, no time factor)</text>\n",
                     LDRT__PLOT_LEFT, y - 4, LDRT__PLOT_LEFT + 28, y - 4, LDRT__PLOT_LEFT + 36, y,
                     LDRT__PLOT_LEFT + 150, y - 4, LDRT__PLOT_LEFT + 178, y - 4,
                     LDRT__PLOT_LEFT + 186, y, ab);
    y += 18;
    if (partial)
        ldrt__buf_printf(b,
                         "<text x=\"%.1f\" y=\"%.1f\">hollow: fraction day not recorded, drawn at "
                         "the earliest day the date allows (and not before the fraction before "
                         "it)</text>\n",
                         LDRT__PLOT_LEFT, y + 4);
    ldrt__buf_puts(b, "</g>\n");
}

void ldrt__plot_dose(ldrt__buf *b, const ldrt_patient *p)
{
    static const char title[] = "Cumulative radiotherapy dose: ";
    const char *pid = ldrt_patient_id(p);
    const ldrt_event **courses = NULL;
    size_t nc = 0;
    int rc = ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_RADIOTHERAPY), LDRT_DATE_NONE,
                                 LDRT_DATE_NONE, 0, &courses, &nc);
    if (rc != LDRT_OK) {
        fail(b, rc);
        return;
    }
    dose_series *s = NULL;
    size_t ns = 0;
    double ab = ldrt__plot_alpha_beta_gy();
    if (dose_collect(b, courses, nc, ab, &s, &ns) != 0)
        goto done;
    if (ns == 0) {
        nothing(b, title, pid, "Nothing to plot: no radiotherapy fraction is recorded.");
        goto done;
    }
    int64_t d0, d1;
    double hi, step;
    dose_scales(s, ns, &d0, &d1, &hi, &step);
    ldrt__plot_axis ax;
    ldrt__plot_axis_init(&ax, d0, d1, LDRT__PLOT_LEFT, LDRT__PLOT_WIDTH - 190);
    yaxis ya = { 0, hi, TOP + PLOT_H, TOP };
    double legend_y = TOP + PLOT_H + 70;
    double height = legend_y + 18.0 * (double)ns + 58;
    ldrt__plot_begin(b, LDRT__PLOT_WIDTH, height, "Cumulative dose chart",
                     "Cumulative physical radiotherapy dose in gray received by each irradiated "
                     "lesion over time, one step per fraction.");
    heading(b, title, pid, "Physical dose (solid) and EQD2 (dashed) summed over fractions, per lesion a course targets");
    ldrt__plot_time_grid(b, &ax, TOP, TOP + PLOT_H, "Fraction date (year-month)");
    y_grid(b, &ya, &ax, step, "", "Cumulative dose (Gy)");
    course_bands(b, courses, nc, &ax, TOP, TOP + PLOT_H);
    int partial = 0;
    for (size_t i = 0; i < ns; i++)
        partial |= dose_series_draw(b, &s[i], i, &ax, &ya);
    dose_legend(b, s, ns, legend_y, ab, partial);
    ldrt__plot_end(b);
done:
    dose_free(s, ns);
    ldrt_free(courses);
}
