/*
 * SVG plots: the public entry points, the time axis, text and labels shared
 * by the swimmer, spider and cumulative-dose plots, and the atomic save.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt/dose.h"
#include "ldrt/io.h"
#include "render_internal.h"
#include "plot_internal.h"

/* ---- dates ---------------------------------------------------------------------- */

static int is_partial(ldrt_date d)
{
    return d % 100 == 0;
}

int ldrt__plot_when_date(ldrt_date date, ldrt__plot_when *out)
{
    ldrt_date first;
    int rc = ldrt_date_earliest(date, &first);
    if (rc == LDRT_OK)
        rc = ldrt_date_to_days(first, &out->day);
    out->partial = is_partial(date);
    return rc;
}

/* An event is drawn at the first day of its placed span (a toxicity within
 * the event it occurred during: ldrt_event_placed_span()), hollow while that
 * span holds more than one day of a partial date. */
int ldrt__plot_when_event(const ldrt_event *e, ldrt__plot_when *out)
{
    ldrt_date first, last;
    int rc = ldrt_event_span(e, &first, &last);
    if (rc == LDRT_OK && ldrt_event_text(e, LDRT_FIELD_DURING))
        (void)LDRT__SILENT(ldrt_event_placed_span(e, &first, &last));
    if (rc == LDRT_OK)
        rc = ldrt_date_to_days(first, &out->day);
    out->partial = is_partial(ldrt_event_date(e)) && first != last;
    return rc;
}

int ldrt__plot_when_fraction(const ldrt_fraction *f, ldrt__plot_when *out)
{
    ldrt_date first;
    int rc = ldrt_fraction_span(f, &first, NULL);
    if (rc == LDRT_OK)
        rc = ldrt_date_to_days(first, &out->day);
    out->partial = is_partial(ldrt_fraction_date(f));
    return rc;
}

/* ---- axis ----------------------------------------------------------------------- */

void ldrt__plot_axis_init(ldrt__plot_axis *a, int64_t first, int64_t last, double x0, double x1)
{
    if (last < first) {
        int64_t t = first;
        first = last;
        last = t;
    }
    int64_t margin = (last - first) / 33;
    if (margin < 7)
        margin = 7;
    a->d0 = first - margin;
    a->d1 = last + margin;
    a->x0 = x0;
    a->x1 = x1;
}

double ldrt__plot_x(const ldrt__plot_axis *a, int64_t day)
{
    return a->x0 + (double)(day - a->d0) * (a->x1 - a->x0) / (double)(a->d1 - a->d0);
}

/* ---- document ------------------------------------------------------------------- */

void ldrt__plot_begin(ldrt__buf *b, double width, double height, const char *title,
                      const char *desc)
{
    ldrt__buf_printf(b,
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                     "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                     "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
                     "font-size=\"%.0f\" role=\"img\">\n",
                     width, height, width, height, LDRT__PLOT_FONT);
    ldrt__buf_puts(b, "<title>");
    ldrt__plot_text(b, title, 200);
    ldrt__buf_puts(b, "</title>\n<desc>");
    ldrt__plot_text(b, desc, 2000);
    ldrt__buf_puts(b, "</desc>\n");
    ldrt__buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
                     width, height);
}

void ldrt__plot_end(ldrt__buf *b)
{
    ldrt__buf_puts(b, "</svg>\n");
}

static int month_index(int64_t day)
{
    ldrt_date d;
    int y = 1970, m = 1;
    if (ldrt_date_from_days(day, &d) == LDRT_OK)
        (void)ldrt_date_parts(d, &y, &m, NULL, NULL);
    return y * 12 + (m - 1);
}

void ldrt__plot_time_grid(ldrt__buf *b, const ldrt__plot_axis *a, double y_top, double y_bottom,
                          const char *axis_title)
{
    int first = month_index(a->d0) + 1, last = month_index(a->d1);
    int span = last - first + 1;
    /* A label every step months, so that about 6 to 18 labels show. */
    int step = span <= 15 ? 1 : span <= 30 ? 2 : span <= 54 ? 3 : span <= 108 ? 6
                                                                : 12 * (1 + span / 216);
    ldrt__buf_puts(b, "<g class=\"time-axis\">\n");
    for (int mi = first; mi <= last; mi++) {
        int year = mi / 12, month = mi % 12 + 1;
        if ((step >= 12 && month != 1) || (step < 12 && (mi % step) != 0))
            continue;
        ldrt_date d;
        int64_t day;
        if (ldrt_date_make(year, month, 1, &d) != LDRT_OK || ldrt_date_to_days(d, &day) != LDRT_OK)
            continue;
        double x = ldrt__plot_x(a, day);
        ldrt__buf_printf(b,
                         "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                         "stroke-width=\"1\"/>\n",
                         x, y_top, x, y_bottom, month == 1 ? "#c8c8c8" : "#ececec");
        ldrt__buf_printf(b,
                         "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#333333\"%s>"
                         "%04d-%02d</text>\n",
                         x, y_bottom + 16, month == 1 ? " font-weight=\"bold\"" : "", year, month);
    }
    ldrt__buf_printf(b,
                     "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n",
                     a->x0, y_bottom, a->x1, y_bottom);
    ldrt__plot_label(b, (a->x0 + a->x1) / 2, y_bottom + 36, "middle", "fill=\"#333333\"",
                     axis_title);
    ldrt__buf_puts(b, "</g>\n");
}

/* ---- text ------------------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned min;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE ||
        cp == 0xFFFF)
        return 0;
    return n;
}

/* Walks s character by character: calls put (when b is not NULL) and
 * returns the number of characters written. */
static size_t text_walk(ldrt__buf *b, const char *s, size_t max)
{
    if (!s)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t total = 0;
    for (const unsigned char *q = p; *q;) {
        size_t n = utf8_len(q);
        q += n ? n : 1;
        total++;
    }
    size_t limit = total > max ? (max > 0 ? max - 1 : 0) : total;
    size_t count = 0;
    while (*p && count < limit) {
        size_t n = utf8_len(p);
        if (b) {
            if (n == 0) {
                ldrt__buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD */
            } else if (n == 1) {
                char c = (char)*p;
                switch (c) {
                case '&': ldrt__buf_puts(b, "&amp;"); break;
                case '<': ldrt__buf_puts(b, "&lt;"); break;
                case '>': ldrt__buf_puts(b, "&gt;"); break;
                case '"': ldrt__buf_puts(b, "&quot;"); break;
                case '\'': ldrt__buf_puts(b, "&apos;"); break;
                default:
                    ldrt__buf_add(b, *p < 0x20 || *p == 0x7F ? " " : &c, 1);
                }
            } else {
                ldrt__buf_add(b, (const char *)p, n);
            }
        }
        p += n ? n : 1;
        count++;
    }
    if (total > limit) {
        if (b && max > 0)
            ldrt__buf_puts(b, "\xE2\x80\xA6"); /* U+2026 */
        count += max > 0;
    }
    return count;
}

void ldrt__plot_text(ldrt__buf *b, const char *s, size_t max)
{
    (void)text_walk(b, s, max);
}

size_t ldrt__plot_text_len(const char *s, size_t max)
{
    return text_walk(NULL, s, max);
}

void ldrt__plot_label(ldrt__buf *b, double x, double y, const char *anchor, const char *extra,
                      const char *text)
{
    ldrt__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
                     extra ? " " : "", extra ? extra : "");
    ldrt__plot_text(b, text, LDRT__PLOT_LABEL_MAX);
    ldrt__buf_puts(b, "</text>\n");
}

void ldrt__plot_lanes_init(ldrt__plot_lanes *l)
{
    for (int i = 0; i < LDRT__PLOT_LEVELS; i++)
        l->end[i] = -1e300;
}

int ldrt__plot_lanes_take(ldrt__plot_lanes *l, double x, double width)
{
    int best = 0;
    for (int i = 0; i < LDRT__PLOT_LEVELS; i++) {
        if (l->end[i] + 4 <= x) {
            best = i;
            goto take;
        }
        if (l->end[i] < l->end[best])
            best = i;
    }
take:
    l->end[best] = x + width;
    return best;
}

/* ---- colours ------------------------------------------------------------------------ */

const char *ldrt__plot_color(size_t i)
{
    /* A colour-blind-friendly qualitative palette (Okabe & Ito, 2008). */
    static const char *const palette[] = { "#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                           "#56B4E9", "#D55E00", "#F0E442", "#000000" };
    return palette[i % (sizeof palette / sizeof palette[0])];
}

const char *ldrt__plot_response_color(const char *label)
{
    if (!label)
        return "#999999";
    static const struct { const char *label, *color; } map[] = {
        { "CR", "#009E73" },  { "iCR", "#009E73" }, { "CMR", "#009E73" },
        { "PR", "#56B4E9" },  { "iPR", "#56B4E9" }, { "PMR", "#56B4E9" },
        { "SD", "#E69F00" },  { "iSD", "#E69F00" }, { "SMD", "#E69F00" },
        { "NON-CR/NON-PD", "#E69F00" },
        { "PD", "#D55E00" },  { "iUPD", "#D55E00" }, { "iCPD", "#D55E00" },
        { "PMD", "#D55E00" },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].label, label) == 0)
            return map[i].color;
    return "#999999";
}

/* ---- dose -------------------------------------------------------------------------- */

double ldrt__plot_alpha_beta_gy(void)
{
    size_t i;
    double ab;
    if (ldrt_tissue_find("tumour", &i) == LDRT_OK &&
        ldrt_tissue_info(i, NULL, &ab, NULL, NULL, NULL, NULL) == LDRT_OK)
        return ab;
    return 10.0; /* the same preset's value, should the table ever lose it */
}

int ldrt__plot_course_eqd2(const ldrt_event *course, double *eqd2_gy)
{
    size_t n = ldrt_course_fraction_count(ldrt_event_as_course(course));
    if (n == 0)
        return LDRT_ENOTFOUND;
    double *d = ldrt__calloc(n, sizeof *d);
    if (!d)
        return LDRT_ENOMEM;
    int rc = LDRT_OK;
    for (size_t i = 0; i < n && rc == LDRT_OK; i++)
        rc = ldrt_fraction_dose_gy(ldrt_course_fraction_at(ldrt_event_as_course(course), i), &d[i]);
    if (rc == LDRT_OK)
        rc = ldrt_lq_eqd_fractions(d, n, ldrt__plot_alpha_beta_gy(), 2.0, eqd2_gy);
    ldrt__free(d);
    return rc;
}

/* ---- public entry points --------------------------------------------------------- */

const char * ldrt_plot_kind_name(ldrt_plot_kind kind)
{
    switch (kind) {
    case LDRT_PLOT_SWIMMER: return "swimmer";
    case LDRT_PLOT_SPIDER: return "spider";
    case LDRT_PLOT_DOSE: return "dose";
    default: return NULL;
    }
}

int ldrt_plot_kind_parse(const char *name, ldrt_plot_kind *kind)
{
    LDRT__CHECK_NOT_NULL(name);
    LDRT__CHECK_NOT_NULL(kind);
    for (int k = LDRT_PLOT_SWIMMER; k <= LDRT_PLOT_DOSE; k++)
        if (strcmp(name, ldrt_plot_kind_name(k)) == 0) {
            *kind = (ldrt_plot_kind)k;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND,
                       "name: unknown plot kind \"%.40s\" (expected swimmer, spider or dose)",
                       name);
}

int ldrt_plot_svg(const ldrt_patient *patient, ldrt_plot_kind kind, char **out, size_t *size)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(out);
    if (!ldrt_plot_kind_name(kind))
        return ldrt__error(LDRT_EINVAL, "kind: must be an ldrt_plot_kind (got %d)", kind);
    ldrt__buf b;
    ldrt__buf_init(&b);
    switch (kind) {
    case LDRT_PLOT_SWIMMER: ldrt__plot_swimmer(&b, patient); break;
    case LDRT_PLOT_SPIDER: ldrt__plot_spider(&b, patient); break;
    default: ldrt__plot_dose(&b, patient); break;
    }
    size_t len = b.len;
    char *text;
    int rc = ldrt__buf_finish(&b, &text);
    if (rc != LDRT_OK)
        return ldrt__error(rc, "plot: the %s plot could not be rendered (%s)",
                           ldrt_plot_kind_name(kind), ldrt_strerror(rc));
    *out = text;
    if (size)
        *size = len;
    return LDRT_OK;
}

int ldrt_plot_save_svg(const ldrt_patient *patient, ldrt_plot_kind kind, const char *path)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(path);
    if (!*path)
        return ldrt__error(LDRT_EINVAL, "path: must not be empty");
    char *svg;
    size_t len;
    int rc = ldrt_plot_svg(patient, kind, &svg, &len);
    if (rc != LDRT_OK)
        return rc;
    rc = ldrt__write_file_atomic(path, svg, len);
    ldrt__free(svg);
    return rc;
}
