/*
 * CSV (RFC 4180) reader and writer: see csv.h.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* A field while parsing: its offset in the arena and whether it was quoted. */
typedef struct field_ref {
    size_t off;
    size_t len;
    unsigned char quoted;
} field_ref;

typedef struct parser {
    const char *name;
    field_ref *f;       /* every field, row after row */
    size_t nf, capf;
    size_t *row_first;  /* first field of each record */
    size_t *row_line;   /* spreadsheet row number of each record */
    size_t nr, capr;
    char *arena;
    size_t alen;
} parser;

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return LDRT_OK;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = ldrt__reallocarray(*p, n, elem);
    if (!q)
        return ldrt__error(LDRT_ENOMEM, "out of memory reading CSV");
    *p = q;
    *cap = n;
    return LDRT_OK;
}

static int add_row(parser *ps, size_t line)
{
    if (ps->nr > LDRT__CSV_MAX_ROWS)
        return ldrt__error(LDRT_ERANGE, "%s: more than %d data rows", ps->name,
                           LDRT__CSV_MAX_ROWS);
    size_t cap = ps->capr;
    if (ps->nr + 1 > cap) {
        size_t cap2 = cap;
        if (grow((void **)&ps->row_first, &cap, ps->nr + 1, sizeof *ps->row_first) != LDRT_OK ||
            grow((void **)&ps->row_line, &cap2, ps->nr + 1, sizeof *ps->row_line) != LDRT_OK)
            return LDRT_ENOMEM;
        ps->capr = cap < cap2 ? cap : cap2;
    }
    ps->row_first[ps->nr] = ps->nf;
    ps->row_line[ps->nr] = line;
    ps->nr++;
    return LDRT_OK;
}

static int add_field(parser *ps, size_t off, size_t len, int quoted, size_t line, size_t col)
{
    if (len > LDRT__CSV_MAX_FIELD)
        return ldrt__error(LDRT_ERANGE, "%s: row %zu, column %zu: field longer than %zu bytes",
                           ps->name, line, col, LDRT__CSV_MAX_FIELD);
    if (col > LDRT__CSV_MAX_COLS)
        return ldrt__error(LDRT_ERANGE, "%s: row %zu: more than %d fields", ps->name, line,
                           LDRT__CSV_MAX_COLS);
    if (grow((void **)&ps->f, &ps->capf, ps->nf + 1, sizeof *ps->f) != LDRT_OK)
        return LDRT_ENOMEM;
    ps->f[ps->nf].off = off;
    ps->f[ps->nf].len = len;
    ps->f[ps->nf].quoted = (unsigned char)quoted;
    ps->nf++;
    return LDRT_OK;
}

static void parser_free(parser *ps)
{
    ldrt__free(ps->f);
    ldrt__free(ps->row_first);
    ldrt__free(ps->row_line);
    ldrt__free(ps->arena);
}

/* Splits data into records and fields (text copied to the arena, quotes undone). */
static int split(parser *ps, const char *d, size_t n)
{
    size_t i = 0, line = 1;
    if (n >= 3 && (unsigned char)d[0] == 0xEF && (unsigned char)d[1] == 0xBB &&
        (unsigned char)d[2] == 0xBF)
        i = 3;
    /* Every field takes at least one input byte or ends the input, plus its NUL. */
    ps->arena = ldrt__malloc(2 * n + 2);
    if (!ps->arena)
        return ldrt__error(LDRT_ENOMEM, "out of memory reading %s", ps->name);
    while (i < n) {
        /* A blank line is skipped. */
        if (d[i] == '\n' || d[i] == '\r') {
            i += (d[i] == '\r' && i + 1 < n && d[i + 1] == '\n') ? 2 : 1;
            line++;
            continue;
        }
        size_t rec_line = line, col = 1;
        int rc = add_row(ps, rec_line);
        if (rc != LDRT_OK)
            return rc;
        for (;;) {
            size_t off = ps->alen;
            int quoted = 0;
            if (i < n && d[i] == '"') {
                quoted = 1;
                i++;
                for (;;) {
                    if (i >= n)
                        return ldrt__error(LDRT_EPARSE,
                                           "%s: row %zu, column %zu: quoted field not closed",
                                           ps->name, rec_line, col);
                    char c = d[i];
                    if (c == '\0')
                        return ldrt__error(LDRT_EPARSE, "%s: row %zu, column %zu: NUL byte",
                                           ps->name, rec_line, col);
                    if (c == '"') {
                        if (i + 1 < n && d[i + 1] == '"') {
                            ps->arena[ps->alen++] = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (c == '\n' || (c == '\r' && !(i + 1 < n && d[i + 1] == '\n')))
                        line++;
                    ps->arena[ps->alen++] = c;
                    i++;
                    if (ps->alen - off > LDRT__CSV_MAX_FIELD)
                        return ldrt__error(LDRT_ERANGE,
                                           "%s: row %zu, column %zu: field longer than %zu bytes",
                                           ps->name, rec_line, col, LDRT__CSV_MAX_FIELD);
                }
                if (i < n && d[i] != ',' && d[i] != '\n' && d[i] != '\r')
                    return ldrt__error(LDRT_EPARSE,
                                       "%s: row %zu, column %zu: text after the closing quote",
                                       ps->name, rec_line, col);
            } else {
                while (i < n && d[i] != ',' && d[i] != '\n' && d[i] != '\r') {
                    if (d[i] == '"')
                        return ldrt__error(LDRT_EPARSE,
                                           "%s: row %zu, column %zu: quote inside an unquoted field",
                                           ps->name, rec_line, col);
                    if (d[i] == '\0')
                        return ldrt__error(LDRT_EPARSE, "%s: row %zu, column %zu: NUL byte",
                                           ps->name, rec_line, col);
                    ps->arena[ps->alen++] = d[i++];
                    if (ps->alen - off > LDRT__CSV_MAX_FIELD)
                        return ldrt__error(LDRT_ERANGE,
                                           "%s: row %zu, column %zu: field longer than %zu bytes",
                                           ps->name, rec_line, col, LDRT__CSV_MAX_FIELD);
                }
            }
            size_t len = ps->alen - off;
            ps->arena[ps->alen++] = '\0';
            rc = add_field(ps, off, len, quoted, rec_line, col);
            if (rc != LDRT_OK)
                return rc;
            if (i < n && d[i] == ',') {
                i++;
                col++;
                continue;
            }
            if (i < n) { /* the record's line break */
                i += (d[i] == '\r' && i + 1 < n && d[i + 1] == '\n') ? 2 : 1;
                line++;
            }
            break;
        }
    }
    return LDRT_OK;
}

void ldrt__csv_free(ldrt__csv *csv)
{
    if (!csv)
        return;
    ldrt__free(csv->name);
    ldrt__free(csv->cell);
    ldrt__free(csv->missing);
    ldrt__free(csv->line);
    ldrt__free(csv->arena);
    ldrt__free(csv);
}

int ldrt__csv_parse(const char *data, size_t size, const char *name, ldrt__csv **out)
{
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    if (!data && size)
        return ldrt__error(LDRT_EINVAL, "data: must not be NULL");
    if (!name)
        name = "CSV";
    if (size > LDRT__CSV_MAX_BYTES)
        return ldrt__error(LDRT_ERANGE, "%s: larger than %zu bytes", name, LDRT__CSV_MAX_BYTES);
    parser ps = { .name = name };
    int rc = split(&ps, data ? data : "", size);
    if (rc != LDRT_OK) {
        parser_free(&ps);
        return rc;
    }
    if (ps.nr == 0) {
        parser_free(&ps);
        return ldrt__error(LDRT_EPARSE, "%s: no header row", name);
    }
    size_t cols = (ps.nr > 1 ? ps.row_first[1] : ps.nf) - ps.row_first[0];
    for (size_t r = 0; r < ps.nr; r++) {
        size_t end = r + 1 < ps.nr ? ps.row_first[r + 1] : ps.nf;
        size_t k = end - ps.row_first[r];
        if (k != cols) {
            rc = ldrt__error(LDRT_EPARSE, "%s: row %zu: %zu fields, the header has %zu", name,
                             ps.row_line[r], k, cols);
            parser_free(&ps);
            return rc;
        }
    }
    for (size_t c = 0; c < cols; c++) {
        const field_ref *h = &ps.f[c];
        if (h->len == 0) {
            rc = ldrt__error(LDRT_EPARSE, "%s: row 1, column %zu: empty column name", name, c + 1);
            parser_free(&ps);
            return rc;
        }
        for (size_t c2 = 0; c2 < c; c2++)
            if (strcmp(ps.arena + ps.f[c2].off, ps.arena + h->off) == 0) {
                rc = ldrt__error(LDRT_EPARSE, "%s: row 1, column %zu: column name '%s' repeated",
                                 name, c + 1, ps.arena + h->off);
                parser_free(&ps);
                return rc;
            }
    }
    ldrt__csv *csv = ldrt__calloc(1, sizeof *csv);
    if (csv) {
        csv->name = ldrt__strdup(name);
        csv->cell = ldrt__reallocarray(NULL, ps.nf ? ps.nf : 1, sizeof *csv->cell);
        csv->missing = ldrt__malloc(ps.nf ? ps.nf : 1);
        csv->line = ldrt__reallocarray(NULL, ps.nr, sizeof *csv->line);
    }
    if (!csv || !csv->name || !csv->cell || !csv->missing || !csv->line) {
        ldrt__csv_free(csv);
        parser_free(&ps);
        return ldrt__error(LDRT_ENOMEM, "out of memory reading %s", name);
    }
    csv->rows = ps.nr - 1;
    csv->cols = cols;
    for (size_t k = 0; k < ps.nf; k++) {
        const field_ref *f = &ps.f[k];
        csv->cell[k] = ps.arena + f->off;
        csv->missing[k] = f->len == 0 || (!f->quoted && strcmp(csv->cell[k], "NA") == 0);
    }
    for (size_t r = 0; r < ps.nr; r++)
        csv->line[r] = ps.row_line[r];
    csv->arena = ps.arena;
    ps.arena = NULL;
    parser_free(&ps);
    *out = csv;
    return LDRT_OK;
}

int ldrt__csv_read_file(const char *path, ldrt__csv **out)
{
    LDRT__CHECK_NOT_NULL(path);
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ldrt__error(LDRT_EIO, "%s: cannot open: %s", path, strerror(errno));
    char *data = NULL;
    size_t len = 0, cap = 0;
    int rc = LDRT_OK;
    for (;;) {
        if (len == cap) {
            if (cap > LDRT__CSV_MAX_BYTES) {
                rc = ldrt__error(LDRT_ERANGE, "%s: larger than %zu bytes", path,
                                 LDRT__CSV_MAX_BYTES);
                break;
            }
            size_t ncap = cap ? cap * 2 : 65536;
            char *nd = ldrt__realloc(data, ncap);
            if (!nd) {
                rc = ldrt__error(LDRT_ENOMEM, "out of memory reading %s", path);
                break;
            }
            data = nd;
            cap = ncap;
        }
        size_t got = fread(data + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                rc = ldrt__error(LDRT_EIO, "%s: cannot read", path);
            break;
        }
    }
    fclose(f);
    if (rc == LDRT_OK)
        rc = ldrt__csv_parse(data, len, path, out);
    ldrt__free(data);
    return rc;
}

int ldrt__csv_column(const ldrt__csv *csv, const char *name)
{
    for (size_t c = 0; csv && c < csv->cols; c++)
        if (strcmp(csv->cell[c], name) == 0)
            return (int)c;
    return -1;
}

const char *ldrt__csv_get(const ldrt__csv *csv, size_t r, int c)
{
    if (!csv || c < 0 || (size_t)c >= csv->cols || r >= csv->rows)
        return NULL;
    size_t k = (r + 1) * csv->cols + (size_t)c;
    return csv->missing[k] ? NULL : csv->cell[k];
}

/* ---- writer ------------------------------------------------------------------ */

static int put_field(ldrt__csv_writer *w, const char *s)
{
    if (w->failed)
        return w->failed;
    if (w->col > 0)
        ldrt__buf_add(&w->buf, ",", 1);
    size_t n = s ? strlen(s) : 0;
    /* "NA" is quoted: unquoted, the reader takes it for a missing value. */
    int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ' || strpbrk(s, ",\"\r\n") != NULL ||
                          strcmp(s, "NA") == 0);
    if (!quote) {
        if (n)
            ldrt__buf_add(&w->buf, s, n);
        else if (w->cols == 1)
            /* An empty line is skipped by the reader: the one empty field of a
             * one-column row is written as "" so that the row reads back. */
            ldrt__buf_add(&w->buf, "\"\"", 2);
    } else {
        ldrt__buf_add(&w->buf, "\"", 1);
        for (const char *p = s; *p; p++) {
            if (*p == '"')
                ldrt__buf_add(&w->buf, "\"", 1);
            ldrt__buf_add(&w->buf, p, 1);
        }
        ldrt__buf_add(&w->buf, "\"", 1);
    }
    w->col++;
    if (w->buf.failed)
        w->failed = w->buf.failed;
    return w->failed;
}

int ldrt__csv_writer_init(ldrt__csv_writer *w, const char *const *names, size_t n)
{
    memset(w, 0, sizeof *w);
    ldrt__buf_init(&w->buf);
    w->cols = n;
    for (size_t i = 0; i < n; i++)
        put_field(w, names[i]);
    return ldrt__csv_end_row(w);
}

int ldrt__csv_field(ldrt__csv_writer *w, const char *text)
{
    if (!w->failed && w->col >= w->cols)
        w->failed = ldrt__error(LDRT_ESTATE, "CSV row with more than %zu fields", w->cols);
    return put_field(w, text);
}

int ldrt__csv_number(ldrt__csv_writer *w, double v)
{
    char text[40] = "";
    if (isfinite(v)) {
        /* The shortest of %.1g .. %.17g that reads back to v. */
        for (int prec = 1; prec <= 17; prec++) {
            snprintf(text, sizeof text, "%.*g", prec, v);
            if (strtod(text, NULL) == v)
                break;
        }
    }
    return ldrt__csv_field(w, text);
}

int ldrt__csv_int(ldrt__csv_writer *w, long long v)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", v);
    return ldrt__csv_field(w, text);
}

int ldrt__csv_end_row(ldrt__csv_writer *w)
{
    if (w->failed)
        return w->failed;
    if (w->col != w->cols)
        return w->failed = ldrt__error(LDRT_ESTATE, "CSV row with %zu fields, the header has %zu",
                                       w->col, w->cols);
    ldrt__buf_add(&w->buf, "\r\n", 2);
    w->col = 0;
    if (w->buf.failed)
        w->failed = w->buf.failed;
    return w->failed;
}

int ldrt__csv_writer_finish(ldrt__csv_writer *w, char **out, size_t *len)
{
    *out = NULL;
    if (!w->failed && w->col != 0)
        w->failed = ldrt__error(LDRT_ESTATE, "CSV row not ended");
    if (w->failed) {
        int rc = w->failed;
        ldrt__buf_free(&w->buf);
        return rc;
    }
    size_t n = w->buf.len;
    int rc = ldrt__buf_finish(&w->buf, out);
    if (rc == LDRT_OK && len)
        *len = n;
    return rc;
}

void ldrt__csv_writer_free(ldrt__csv_writer *w)
{
    ldrt__buf_free(&w->buf);
}
