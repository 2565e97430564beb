/*
 * CSV (RFC 4180): the one reader and the one writer of the library's CSV.
 *
 * Reader: a whole file or buffer is parsed into a table of NUL-terminated
 * cells. The first record is the header (non-empty, unique names). Fields
 * are separated by commas; a field may be quoted ("..."), a quote inside it
 * doubled (""); a quoted field may hold commas and line breaks. Records end
 * with LF, CRLF or CR; blank lines are skipped; a UTF-8 byte order mark at
 * the start is skipped. Refused, with a message naming the file, the row and
 * the column: a quote inside an unquoted field, text after a closing quote,
 * an unterminated quoted field, a NUL byte, a record with more or fewer
 * fields than the header, and anything beyond the limits below.
 * Rows are numbered as a spreadsheet shows them: the header is row 1, the
 * first data row is row 2 (the line number when no field spans lines).
 * A cell is *missing* when it is empty or is an unquoted NA (R's spelling of
 * a missing value); a quoted "NA" is the text NA.
 *
 * Writer: fields are appended one by one and quoted when they hold a comma,
 * a quote, CR or LF, begin or end with a space, or are NA; rows end with CRLF (RFC
 * 4180 section 2); every row must have the header's number of fields.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_CSV_H
#define LDRT_CSV_H

#include <stddef.h>

#include "buf.h"

/* Limits of the reader. */
#define LDRT__CSV_MAX_BYTES ((size_t)256 * 1024 * 1024) /* a whole file */
#define LDRT__CSV_MAX_FIELD ((size_t)64 * 1024)          /* one field, in bytes */
#define LDRT__CSV_MAX_COLS 1024                         /* fields of a record */
#define LDRT__CSV_MAX_ROWS 5000000                      /* data rows */

typedef struct ldrt__csv {
    char *name;      /* the file name used in messages */
    size_t rows;     /* data rows (the header excluded) */
    size_t cols;     /* fields of every record */
    char **cell;     /* (rows + 1) * cols cells; row 0 is the header */
    unsigned char *missing; /* one flag per cell */
    size_t *line;    /* rows + 1 spreadsheet row numbers: line[0] is the header's, line[r + 1] data row r's */
    char *arena;     /* the cells' text */
} ldrt__csv;

/* Parses size bytes of data (name is used in messages). */
int ldrt__csv_parse(const char *data, size_t size, const char *name, ldrt__csv **out);
/* Reads and parses a file. */
int ldrt__csv_read_file(const char *path, ldrt__csv **out);
void ldrt__csv_free(ldrt__csv *csv);
/* The index of a header name (exact), or -1. */
int ldrt__csv_column(const ldrt__csv *csv, const char *name);
/* The text of data row r (0-based) in column c, or NULL when c < 0 or the cell is missing. */
const char *ldrt__csv_get(const ldrt__csv *csv, size_t r, int c);

typedef struct ldrt__csv_writer {
    ldrt__buf buf;
    size_t cols; /* fields per row, from the header */
    size_t col;  /* fields of the current row so far */
    int failed;
} ldrt__csv_writer;

/* Starts a table with its header of n names. */
int ldrt__csv_writer_init(ldrt__csv_writer *w, const char *const *names, size_t n);
/* Appends a field (NULL: an empty field). */
int ldrt__csv_field(ldrt__csv_writer *w, const char *text);
/* Appends a number (shortest text that reads back to the same double; NaN: empty). */
int ldrt__csv_number(ldrt__csv_writer *w, double value);
/* Appends an integer. */
int ldrt__csv_int(ldrt__csv_writer *w, long long value);
/* Ends the current row (it must have the header's number of fields). */
int ldrt__csv_end_row(ldrt__csv_writer *w);
/* Hands the text to *out (free with ldrt_free) and its length to *len (may be NULL). */
int ldrt__csv_writer_finish(ldrt__csv_writer *w, char **out, size_t *len);
void ldrt__csv_writer_free(ldrt__csv_writer *w);

#endif
