/*
 * Internal helpers of the SVG plots (plot*.c): the time axis, text, labels
 * that avoid each other, and the colours. Not installed.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_PLOT_INTERNAL_H
#define LDRT_PLOT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "internal.h"
#include "ldrt/patient.h"

/* Geometry of every plot, in SVG user units (pixels). */
#define LDRT__PLOT_WIDTH 1000.0
#define LDRT__PLOT_LEFT 150.0   /* room for the row labels */
#define LDRT__PLOT_RIGHT 40.0
#define LDRT__PLOT_FONT 12.0
/* Estimated width of one character at the base font size (sans-serif). */
#define LDRT__PLOT_CHAR_W 6.6
/* Longest label written before it is shortened with an ellipsis. */
#define LDRT__PLOT_LABEL_MAX 60

/* A time axis: days (since 1970-01-01) mapped to x. */
typedef struct ldrt__plot_axis {
    int64_t d0, d1;  /* first and last day shown (d1 > d0) */
    double x0, x1;   /* their x */
} ldrt__plot_axis;

/* Where a dated thing goes: the earliest day of its span, and whether its
 * date is partial (month or year known only). */
typedef struct ldrt__plot_when {
    int64_t day;
    int partial;
} ldrt__plot_when;

int ldrt__plot_when_date(ldrt_date date, ldrt__plot_when *out);
int ldrt__plot_when_event(const ldrt_event *e, ldrt__plot_when *out);
int ldrt__plot_when_fraction(const ldrt_fraction *f, ldrt__plot_when *out);

/* Sets the axis over [first, last] days with a margin of about 3% each
 * side (at least 7 days), mapped onto [x0, x1]. */
void ldrt__plot_axis_init(ldrt__plot_axis *a, int64_t first, int64_t last, double x0, double x1);
double ldrt__plot_x(const ldrt__plot_axis *a, int64_t day);

/* The XML prolog, the <svg> element with its size, a <title> and a <desc>,
 * and a white background. */
void ldrt__plot_begin(ldrt__buf *b, double width, double height, const char *title,
                      const char *desc);
void ldrt__plot_end(ldrt__buf *b);

/* Vertical grid lines and date labels (YYYY-MM) of a time axis between
 * y_top and y_bottom, the labels below y_bottom, and the axis title. */
void ldrt__plot_time_grid(ldrt__buf *b, const ldrt__plot_axis *a, double y_top, double y_bottom,
                          const char *axis_title);

/* Character data: XML-escaped, invalid UTF-8 and forbidden control
 * characters replaced, shortened to max characters with an ellipsis. */
void ldrt__plot_text(ldrt__buf *b, const char *s, size_t max);
/* Number of characters ldrt__plot_text writes for s (for width estimates). */
size_t ldrt__plot_text_len(const char *s, size_t max);

/* A <text> element. anchor: "start", "middle" or "end"; extra: further
 * attributes (trusted, may be NULL). */
void ldrt__plot_label(ldrt__buf *b, double x, double y, const char *anchor, const char *extra,
                      const char *text);

/* Label levels that avoid overlaps on one row: returns the lowest level
 * (0..levels-1) free at [x, x + width], or the least recently used one. */
#define LDRT__PLOT_LEVELS 4
typedef struct ldrt__plot_lanes {
    double end[LDRT__PLOT_LEVELS];
} ldrt__plot_lanes;
void ldrt__plot_lanes_init(ldrt__plot_lanes *l);
int ldrt__plot_lanes_take(ldrt__plot_lanes *l, double x, double width);

/* The i-th colour of the categorical palette (cycles). */
const char *ldrt__plot_color(size_t i);
/* Colour of a response label ("CR", "iPR", "PMD", ...), grey when unknown. */
const char *ldrt__plot_response_color(const char *label);

/* alpha/beta of the EQD2 shown on the plots: the "tumour" preset of
 * dose.h (10 Gy; its citation is in ldrt_tissue_info()). */
double ldrt__plot_alpha_beta_gy(void);
/* EQD2 of a course's fractions at that alpha/beta; LDRT_ENOTFOUND when the
 * course has no fractions. */
int ldrt__plot_course_eqd2(const ldrt_event *course, double *eqd2_gy);

/* The renderers, each producing the whole document into b. */
void ldrt__plot_swimmer(ldrt__buf *b, const ldrt_patient *p);
void ldrt__plot_spider(ldrt__buf *b, const ldrt_patient *p);
void ldrt__plot_dose(ldrt__buf *b, const ldrt_patient *p);

#endif
