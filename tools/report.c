/*
 * See report.h.
 * SPDX-License-Identifier: MIT
 */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text ------------------------------------------------------------------------ */

void tool_text_add(tool_text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1024;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->s, cap);
        if (!p) {
            t->failed = 1;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

void tool_text_puts(tool_text *t, const char *s)
{
    tool_text_add(t, s, strlen(s));
}

void tool_text_printf(tool_text *t, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        t->failed = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        tool_text_add(t, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        t->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    tool_text_add(t, big, (size_t)n);
    free(big);
}

void tool_text_json(tool_text *t, const char *s)
{
    tool_text_add(t, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char e[2] = { '\\', (char)c };
            tool_text_add(t, e, 2);
        } else if (c == '\n') {
            tool_text_puts(t, "\\n");
        } else if (c == '\t') {
            tool_text_puts(t, "\\t");
        } else if (c < 0x20) {
            tool_text_printf(t, "\\u%04x", c);
        } else {
            tool_text_add(t, s, 1);
        }
    }
    tool_text_add(t, "\"", 1);
}

void tool_text_free(tool_text *t)
{
    free(t->s);
    memset(t, 0, sizeof *t);
}

/* ---- report ------------------------------------------------------------------------ */

void report_init(report *r, int format)
{
    memset(r, 0, sizeof *r);
    r->format = format;
    if (format == REPORT_JSON) {
        tool_text_puts(&r->out, "{");
        r->json_depth = 1;
    }
}

static void clear_table(report *r)
{
    for (size_t i = 0; i < r->nrows * r->ncols; i++)
        free(r->cells[i]);
    free(r->cells);
    r->cells = NULL;
    r->nrows = r->cap = 0;
    r->cols = NULL;
    r->ncols = 0;
}

void report_free(report *r)
{
    clear_table(r);
    tool_text_free(&r->out);
}

static void json_indent(report *r)
{
    tool_text_puts(&r->out, "\n");
    for (int i = 0; i < r->json_depth; i++)
        tool_text_puts(&r->out, "  ");
}

static void json_key(report *r, const char *key)
{
    if (r->json_members++)
        tool_text_puts(&r->out, ",");
    json_indent(r);
    tool_text_json(&r->out, key);
    tool_text_puts(&r->out, ": ");
}

void report_title(report *r, const char *title)
{
    if (r->format == REPORT_JSON) {
        json_key(r, "title");
        tool_text_json(&r->out, title);
    } else if (r->format == REPORT_MARKDOWN) {
        tool_text_printf(&r->out, "# %s\n", title);
    } else {
        size_t n = strlen(title);
        tool_text_printf(&r->out, "%s\n", title);
        for (size_t i = 0; i < n; i++)
            tool_text_puts(&r->out, "=");
        tool_text_puts(&r->out, "\n");
    }
}

void report_section(report *r, const char *key, const char *title)
{
    if (r->format == REPORT_JSON) {
        json_key(r, key);
        tool_text_puts(&r->out, "{");
        r->json_depth++;
        r->json_members = 0;
    } else if (r->format == REPORT_MARKDOWN) {
        tool_text_printf(&r->out, "\n## %s\n", title);
    } else {
        tool_text_printf(&r->out, "\n%s\n", title);
        for (size_t i = 0; i < strlen(title); i++)
            tool_text_puts(&r->out, "-");
        tool_text_puts(&r->out, "\n");
    }
}

void report_section_end(report *r)
{
    if (r->format == REPORT_JSON) {
        r->json_depth--;
        json_indent(r);
        tool_text_puts(&r->out, "}");
        r->json_members = 1;
    }
}

/* Writes text wrapped at 78 columns (text format). */
static void wrapped(tool_text *t, const char *s, size_t indent)
{
    size_t col = indent;
    while (*s) {
        const char *w = s;
        while (*w == ' ')
            w++;
        const char *e = w;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        size_t n = (size_t)(e - w);
        if (col > indent && col + 1 + n > 78) {
            tool_text_puts(t, "\n");
            for (size_t i = 0; i < indent; i++)
                tool_text_puts(t, " ");
            col = indent;
        } else if (col > indent) {
            tool_text_puts(t, " ");
            col++;
        }
        tool_text_add(t, w, n);
        col += n;
        s = e;
        if (*s == '\n') {
            tool_text_puts(t, "\n");
            for (size_t i = 0; i < indent; i++)
                tool_text_puts(t, " ");
            col = indent;
            s++;
        }
    }
    tool_text_puts(t, "\n");
}

void report_para(report *r, const char *key, const char *text)
{
    if (r->format == REPORT_JSON) {
        json_key(r, key);
        tool_text_json(&r->out, text);
    } else if (r->format == REPORT_MARKDOWN) {
        tool_text_printf(&r->out, "\n%s\n", text);
    } else {
        tool_text_puts(&r->out, "\n");
        wrapped(&r->out, text, 0);
    }
}

void report_field(report *r, const char *key, const char *name, const char *value, int numeric)
{
    if (r->format == REPORT_JSON) {
        json_key(r, key);
        if (!value || !*value)
            tool_text_puts(&r->out, "null");
        else if (numeric)
            tool_text_puts(&r->out, value);
        else
            tool_text_json(&r->out, value);
    } else if (r->format == REPORT_MARKDOWN) {
        tool_text_printf(&r->out, "- **%s:** %s\n", name, value && *value ? value : "-");
    } else {
        tool_text_printf(&r->out, "%-22s %s\n", name, value && *value ? value : "-");
    }
}

void report_raw(report *r, const char *key, const char *s)
{
    if (r->format == REPORT_JSON) {
        json_key(r, key);
        /* Indent the nested document by the current depth. */
        for (const char *p = s; *p; p++) {
            if (*p == '\n') {
                if (p[1] == '\0')
                    break;
                json_indent(r);
            } else {
                tool_text_add(&r->out, p, 1);
            }
        }
    } else {
        tool_text_puts(&r->out, "\n");
        tool_text_puts(&r->out, s);
        if (*s && s[strlen(s) - 1] != '\n')
            tool_text_puts(&r->out, "\n");
    }
}

void report_table(report *r, const char *key, const report_col *cols, size_t ncols)
{
    clear_table(r);
    r->table_key = key;
    r->cols = cols;
    r->ncols = ncols;
}

void report_row(report *r, const char *const *cells)
{
    if (r->out.failed)
        return;
    if (r->nrows == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        char **p = realloc(r->cells, cap * r->ncols * sizeof *p);
        if (!p) {
            r->out.failed = 1;
            return;
        }
        r->cells = p;
        r->cap = cap;
    }
    for (size_t c = 0; c < r->ncols; c++) {
        const char *v = cells[c] ? cells[c] : "";
        char *copy = malloc(strlen(v) + 1);
        if (!copy) {
            for (size_t k = 0; k < c; k++)
                free(r->cells[r->nrows * r->ncols + k]);
            r->out.failed = 1;
            return;
        }
        strcpy(copy, v);
        r->cells[r->nrows * r->ncols + c] = copy;
    }
    r->nrows++;
}

/* Display width of UTF-8 text (code points). */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void report_table_end(report *r)
{
    tool_text *t = &r->out;
    size_t nc = r->ncols;
    if (r->format == REPORT_JSON) {
        json_key(r, r->table_key);
        tool_text_puts(t, "[");
        for (size_t i = 0; i < r->nrows; i++) {
            tool_text_puts(t, i ? "," : "");
            r->json_depth++;
            json_indent(r);
            r->json_depth--;
            tool_text_puts(t, "{");
            for (size_t c = 0; c < nc; c++) {
                const char *v = r->cells[i * nc + c];
                tool_text_printf(t, "%s", c ? ", " : "");
                tool_text_json(t, r->cols[c].key);
                tool_text_puts(t, ": ");
                if (!*v)
                    tool_text_puts(t, "null");
                else if (r->cols[c].kind == COL_NUM)
                    tool_text_puts(t, v);
                else
                    tool_text_json(t, v);
            }
            tool_text_puts(t, "}");
        }
        if (r->nrows)
            json_indent(r);
        tool_text_puts(t, "]");
    } else if (r->nrows == 0) {
        tool_text_puts(t, r->format == REPORT_MARKDOWN ? "\n_None recorded._\n" : "\nNone recorded.\n");
    } else if (r->format == REPORT_MARKDOWN) {
        tool_text_puts(t, "\n|");
        for (size_t c = 0; c < nc; c++)
            tool_text_printf(t, " %s |", r->cols[c].title);
        tool_text_puts(t, "\n|");
        for (size_t c = 0; c < nc; c++)
            tool_text_puts(t, r->cols[c].kind == COL_NUM ? "---:|" : "---|");
        tool_text_puts(t, "\n");
        for (size_t i = 0; i < r->nrows; i++) {
            tool_text_puts(t, "|");
            for (size_t c = 0; c < nc; c++) {
                tool_text_puts(t, " ");
                for (const char *p = r->cells[i * nc + c]; *p; p++) {
                    if (*p == '|')
                        tool_text_puts(t, "\\|");
                    else if (*p == '\n')
                        tool_text_puts(t, " ");
                    else
                        tool_text_add(t, p, 1);
                }
                tool_text_puts(t, r->cells[i * nc + c][0] ? " |" : "- |");
            }
            tool_text_puts(t, "\n");
        }
    } else {
        size_t w[32] = { 0 };
        for (size_t c = 0; c < nc && c < 32; c++) {
            w[c] = width(r->cols[c].title);
            for (size_t i = 0; i < r->nrows; i++) {
                size_t k = width(r->cells[i * nc + c]);
                if (k > w[c])
                    w[c] = k;
            }
        }
        tool_text_puts(t, "\n");
        for (size_t row = 0; row < r->nrows + 2; row++) {
            for (size_t c = 0; c < nc && c < 32; c++) {
                const char *v = row == 0 ? r->cols[c].title : row == 1 ? NULL
                                                                       : r->cells[(row - 2) * nc + c];
                size_t k;
                if (!v) {
                    for (k = 0; k < w[c]; k++)
                        tool_text_puts(t, "-");
                } else {
                    if (!*v)
                        v = "-";
                    k = width(v);
                    int right = r->cols[c].kind == COL_NUM && row > 1;
                    for (size_t s = k; right && s < w[c]; s++)
                        tool_text_puts(t, " ");
                    tool_text_puts(t, v);
                    for (size_t s = k; !right && c + 1 < nc && s < w[c]; s++)
                        tool_text_puts(t, " ");
                }
                if (c + 1 < nc)
                    tool_text_puts(t, "  ");
            }
            tool_text_puts(t, "\n");
        }
    }
    clear_table(r);
}

int report_finish(report *r)
{
    if (r->format == REPORT_JSON) {
        tool_text_puts(&r->out, "\n}\n");
    }
    return r->out.failed ? -1 : 0;
}
