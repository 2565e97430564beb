/*
 * Internal helpers of the render module: escaping of record text for a
 * terminal and for Markdown, bounded number formatting, and the one
 * document writer (headings, paragraphs, fields and tables) that writes
 * text, Markdown and JSON from the same calls. Not installed.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_RENDER_INTERNAL_H
#define LDRT_RENDER_INTERNAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "internal.h"
#include "ldrt/render.h"
#include "../io/io_internal.h" /* ldrt__json_print, ldrt__write_file_atomic */

/* ---- text from the record ------------------------------------------------------- */

/* Appends s for a terminal: control characters (C0 except the newline when
 * keep_newline, DEL, C1) and bytes that are not valid UTF-8 are written as
 * \xHH. markdown_cell also writes '|' as "\|" and a newline as a space. */
int ldrt__buf_puts_safe(ldrt__buf *b, const char *s, int keep_newline, int markdown_cell);

/* A JSON string of s (NULL: ""); bytes that are not valid UTF-8 become '?'.
 * NULL only when memory ran out. */
json_t *ldrt__json_text(const char *s);

/* ---- numbers -------------------------------------------------------------------- */

/* Longest text ldrt__fmt_num writes, with its NUL. */
#define LDRT__NUM_BUFSIZE 48

/* Writes v with `decimals` decimals (0 to 6), or, when decimals < 0, as an
 * integer when it is one and with two decimals otherwise. Magnitudes of
 * 1e15 and more are written in exponent notation, so the text always fits
 * in LDRT__NUM_BUFSIZE. A value that is not finite gives "". */
void ldrt__fmt_num(char buf[LDRT__NUM_BUFSIZE], double v, int decimals);

/* ---- the document writer ---------------------------------------------------------- */

/* Column kinds of a table. */
enum {
    LDRT__COL_TEXT = 0,      /* text; a JSON string */
    LDRT__COL_NUM = 1,       /* a number: right-aligned; a JSON number */
    LDRT__COL_JSON_ONLY = 2  /* a JSON member only (no column in text and Markdown) */
};

typedef struct ldrt__col {
    const char *title; /* text and Markdown header */
    const char *key;   /* JSON member name */
    int kind;          /* LDRT__COL_*: numbers are right-aligned, JSON numbers */
    int decimals;      /* for numbers: as ldrt__fmt_num() */
} ldrt__col;

#define LDRT__DOC_DEPTH 8

typedef struct ldrt__doc {
    ldrt_format format;
    int rc;                          /* the first failure (sticky) */
    char message[256];               /* its message: later queries may replace the last error */
    ldrt__buf out;                   /* text and Markdown */
    json_t *stack[LDRT__DOC_DEPTH];  /* JSON: the open objects, stack[0] the root */
    int depth;
    /* the table being filled */
    const ldrt__col *cols;
    size_t ncols;
    const char *table_key;
    char **cells;                    /* text and Markdown: escaped cell texts */
    size_t ncells, cap;
    json_t *rows, *row;              /* JSON: the rows, the row being filled */
    size_t col;                      /* next column of the row */
} ldrt__doc;

void ldrt__doc_init(ldrt__doc *d, ldrt_format format);
void ldrt__doc_free(ldrt__doc *d);
/* The title of the whole document (a JSON member "title"). */
void ldrt__doc_title(ldrt__doc *d, const char *title);
/* A section: a heading in text and Markdown, a nested object in JSON. */
void ldrt__doc_section(ldrt__doc *d, const char *key, const char *title);
void ldrt__doc_section_end(ldrt__doc *d);
/* A paragraph of record text (a JSON string member); wrapped at 78 columns in text. */
void ldrt__doc_para(ldrt__doc *d, const char *key, const char *text);
/* A "name: value" line (a JSON string member, null when value is NULL or ""). */
void ldrt__doc_field(ldrt__doc *d, const char *key, const char *name, const char *value);
/* The members of a patient's "patient" object that the format does not name
 * (a jansson object, borrowed; NULL when none). Defined in the model. */
const void *ldrt__patient_extra(const ldrt_patient *p);
/* A rendered block: in text and Markdown, text as it is (already escaped by
 * its renderer); in JSON, value (a new reference, stolen) under key. */
void ldrt__doc_block(ldrt__doc *d, const char *key, const char *text, json_t *value);
/* A table: columns, then cells row by row (each row ncols cells), then end. */
void ldrt__doc_table(ldrt__doc *d, const char *key, const ldrt__col *cols, size_t ncols);
void ldrt__doc_cell_text(ldrt__doc *d, const char *s);   /* NULL or "": no value */
void ldrt__doc_cell_num(ldrt__doc *d, double v);         /* not finite: no value */
void ldrt__doc_cell_int(ldrt__doc *d, int64_t v);
void ldrt__doc_cell_none(ldrt__doc *d);
/* A number shown as text (with a note such as "(mean)"); JSON gets v. */
void ldrt__doc_cell_num_text(ldrt__doc *d, double v, const char *text);
void ldrt__doc_cell_bool(ldrt__doc *d, int v);
void ldrt__doc_table_end(ldrt__doc *d);
/* Records a failure (the first one is kept). */
void ldrt__doc_fail(ldrt__doc *d, int rc);
/* Finishes the document into *out (ldrt_free) and frees the writer; returns
 * the first failure (then nothing is returned). */
int ldrt__doc_finish(ldrt__doc *d, char **out, size_t *size);

/* The renderers of the timeline and of an assessment: text and Markdown
 * into text; in JSON, the object into *json (a new reference) when json is
 * not NULL, else printed into text. */
int ldrt__timeline_build(const ldrt_patient *p, ldrt_format format, ldrt__buf *text, json_t **json);
int ldrt__assessment_build(const ldrt_assessment *a, ldrt_format format, ldrt__buf *text,
                           json_t **json);

/* Prints a JSON value with the library's printer, with a final newline. */
int ldrt__json_render(const json_t *value, ldrt__buf *out);

#endif
