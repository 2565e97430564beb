/*
 * A small report writer for the ldrt command: sections, paragraphs and
 * tables rendered as plain text, Markdown or JSON from the same calls. The
 * whole report is built in memory and printed only when complete, so a
 * failing command prints nothing on stdout.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_TOOL_REPORT_H
#define LDRT_TOOL_REPORT_H

#include <stddef.h>

enum { REPORT_TEXT = 1, REPORT_MARKDOWN = 2, REPORT_JSON = 3 };

/* A growing string; a failed allocation sets failed and later appends are ignored. */
typedef struct tool_text {
    char *s;
    size_t len, cap;
    int failed;
} tool_text;

void tool_text_add(tool_text *t, const char *s, size_t n);
void tool_text_puts(tool_text *t, const char *s);
void tool_text_printf(tool_text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void tool_text_json(tool_text *t, const char *s); /* a JSON string literal */
void tool_text_free(tool_text *t);

/* Column kinds: text, or a number (written bare in JSON; "" gives null). */
enum { COL_TEXT = 0, COL_NUM = 1 };

typedef struct report_col {
    const char *title; /* text and Markdown header */
    const char *key;   /* JSON member name */
    int kind;
} report_col;

typedef struct report {
    int format;
    tool_text out;
    int json_members;  /* members written in the current JSON object */
    int json_depth;    /* open JSON objects (sections) */
    /* The table being filled. */
    const report_col *cols;
    size_t ncols;
    char **cells;      /* nrows * ncols strings */
    size_t nrows, cap;
    const char *table_key;
} report;

void report_init(report *r, int format);
void report_free(report *r);
/* Title line of the whole report (a JSON member "title"). */
void report_title(report *r, const char *title);
/* A section: a heading in text and Markdown, a nested object in JSON. */
void report_section(report *r, const char *key, const char *title);
void report_section_end(report *r);
/* A paragraph (a JSON string member). */
void report_para(report *r, const char *key, const char *text);
/* A "name: value" line (a JSON member, a number when numeric is set). */
void report_field(report *r, const char *key, const char *name, const char *value, int numeric);
/* Raw JSON for a member (JSON) or raw text (text, Markdown). */
void report_raw(report *r, const char *key, const char *json_or_text);
/* A table: columns, then rows of ncols cells (copied), then end. */
void report_table(report *r, const char *key, const report_col *cols, size_t ncols);
void report_row(report *r, const char *const *cells);
void report_table_end(report *r);
/* Finishes the document; returns 0, or -1 when memory ran out. */
int report_finish(report *r);

#endif
