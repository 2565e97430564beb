/*
 * The one document writer of the library: headings, paragraphs, fields and
 * tables written as plain text, Markdown or JSON from the same calls (JSON
 * through jansson and the library's printer, never by hand), with record
 * text escaped for a terminal and numbers formatted in bounded space.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_internal.h"

/* ---- text from the record ------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static int put_hex(ldrt__buf *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
    return ldrt__buf_add(b, e, 4);
}

int ldrt__buf_puts_safe(ldrt__buf *b, const char *s, int keep_newline, int markdown_cell)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    int rc = LDRT_OK;
    while (*p && !rc) {
        size_t n = utf8_len(p);
        if (n == 0) {
            rc = put_hex(b, *p++);
        } else if (n == 1) {
            unsigned char c = *p++;
            if (c == '\n' && markdown_cell)
                rc = ldrt__buf_add(b, " ", 1);
            else if (c == '\n' && keep_newline)
                rc = ldrt__buf_add(b, "\n", 1);
            else if (c < 0x20 || c == 0x7F)
                rc = put_hex(b, c);
            else if (c == '|' && markdown_cell)
                rc = ldrt__buf_add(b, "\\|", 2);
            else
                rc = ldrt__buf_add(b, (const char *)&c, 1);
        } else if (n == 2 && p[0] == 0xC2 && p[1] < 0xA0) {
            /* U+0080..U+009F: the C1 controls (CSI is U+009B). */
            rc = put_hex(b, p[0]);
            if (!rc)
                rc = put_hex(b, p[1]);
            p += 2;
        } else {
            rc = ldrt__buf_add(b, (const char *)p, n);
            p += n;
        }
    }
    return rc ? rc : ldrt__buf_add(b, "", 0);
}

json_t *ldrt__json_text(const char *s)
{
    json_t *v = json_string(s ? s : "");
    if (v || !s)
        return v;
    /* Not valid UTF-8 (text cut by a caller, a message): each bad byte becomes '?'. */
    size_t n = strlen(s);
    char *copy = ldrt__malloc(n + 1);
    if (!copy)
        return NULL;
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t k = utf8_len(p);
        if (k == 0) {
            copy[o++] = '?';
            p++;
        } else {
            memcpy(copy + o, p, k);
            o += k;
            p += k;
        }
    }
    copy[o] = '\0';
    v = json_string(copy);
    ldrt__free(copy);
    return v;
}

int ldrt_text_escape(const char *text, ldrt_format format, char **out)
{
    LDRT__CHECK_NOT_NULL(text);
    LDRT__CHECK_NOT_NULL(out);
    if (!ldrt_format_name(format))
        return ldrt__error(LDRT_EINVAL, "format: %d is not an output format", (int)format);
    ldrt__buf b = { 0 };
    int rc;
    if (format == LDRT_FORMAT_JSON) {
        json_t *v = ldrt__json_text(text);
        rc = v ? ldrt__json_print(&b, v) : ldrt__error(LDRT_ENOMEM, "text: out of memory");
        json_decref(v);
    } else {
        rc = ldrt__buf_puts_safe(&b, text, 1, format == LDRT_FORMAT_MARKDOWN);
    }
    if (!rc && !b.data)
        rc = ldrt__buf_add(&b, "", 0);
    if (rc) {
        ldrt__buf_free(&b);
        return rc;
    }
    return ldrt__buf_finish(&b, out);
}

/* ---- numbers -------------------------------------------------------------------- */

void ldrt__fmt_num(char buf[LDRT__NUM_BUFSIZE], double v, int decimals)
{
    buf[0] = '\0';
    if (!isfinite(v))
        return;
    if (decimals > 6)
        decimals = 6;
    if (decimals < 0)
        decimals = fabs(v - round(v)) < 1e-9 ? 0 : 2;
    int n;
    if (fabs(v) >= 1e15)
        n = snprintf(buf, LDRT__NUM_BUFSIZE, "%.*e", decimals > 0 ? decimals : 3, v);
    else
        n = snprintf(buf, LDRT__NUM_BUFSIZE, "%.*f", decimals, v);
    /* Cannot happen: under 1e15 with at most 6 decimals is at most 24
     * characters, an exponent form at most 16. Checked all the same. */
    if (n < 0 || n >= LDRT__NUM_BUFSIZE)
        buf[0] = '\0';
}

/* The JSON number of a cell: rounded to what the text shows; an integer
 * when the value is one. */
static json_t *json_num(double v, int decimals)
{
    if (!isfinite(v))
        return json_null();
    if (decimals < 0)
        decimals = fabs(v - round(v)) < 1e-9 ? 0 : 2;
    if (decimals == 0 && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)round(v));
    double scale = pow(10.0, decimals > 6 ? 6 : decimals), r = round(v * scale) / scale;
    return json_real(isfinite(r) ? r : v);
}

/* ---- the writer ----------------------------------------------------------------------- */

void ldrt__doc_fail(ldrt__doc *d, int rc)
{
    if (!d->rc && rc) {
        d->rc = rc;
        /* A failed allocation's message may already be another one (the
         * text buffers keep only the code): it is said plainly. */
        snprintf(d->message, sizeof d->message, "%s",
                 rc == LDRT_ENOMEM ? "report: out of memory" : ldrt_last_error());
    }
}

static void oom(ldrt__doc *d)
{
    ldrt__doc_fail(d, ldrt__error(LDRT_ENOMEM, "report: out of memory"));
}

static void put(ldrt__doc *d, const char *s)
{
    if (!d->rc)
        ldrt__doc_fail(d, ldrt__buf_puts(&d->out, s));
}

static void put_safe(ldrt__doc *d, const char *s, int keep_newline, int cell)
{
    if (!d->rc)
        ldrt__doc_fail(d, ldrt__buf_puts_safe(&d->out, s, keep_newline, cell));
}

static void repeat(ldrt__doc *d, char c, size_t n)
{
    for (size_t i = 0; i < n && !d->rc; i++)
        ldrt__doc_fail(d, ldrt__buf_add(&d->out, &c, 1));
}

/* Sets key in the current JSON object to value (a new reference, stolen). */
static void json_member(ldrt__doc *d, const char *key, json_t *value)
{
    if (d->rc) {
        json_decref(value);
        return;
    }
    if (!value || json_object_set_new(d->stack[d->depth], key, value))
        oom(d);
}

/* Display width of UTF-8 text (code points). */
static size_t width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void ldrt__doc_init(ldrt__doc *d, ldrt_format format)
{
    memset(d, 0, sizeof *d);
    d->format = format;
    if (format == LDRT_FORMAT_JSON) {
        d->stack[0] = json_object();
        if (!d->stack[0])
            oom(d);
    }
}

static void clear_table(ldrt__doc *d)
{
    for (size_t i = 0; i < d->ncells; i++)
        ldrt__free(d->cells[i]);
    ldrt__free(d->cells);
    d->cells = NULL;
    d->ncells = d->cap = 0;
    json_decref(d->rows);
    json_decref(d->row);
    d->rows = d->row = NULL;
    d->cols = NULL;
    d->ncols = d->col = 0;
}

void ldrt__doc_free(ldrt__doc *d)
{
    clear_table(d);
    json_decref(d->stack[0]);
    d->stack[0] = NULL;
    ldrt__buf_free(&d->out);
}

void ldrt__doc_title(ldrt__doc *d, const char *title)
{
    if (d->format == LDRT_FORMAT_JSON) {
        json_member(d, "title", ldrt__json_text(title));
        return;
    }
    ldrt__buf t = { 0 };
    ldrt__doc_fail(d, ldrt__buf_puts_safe(&t, title, 0, 0));
    if (d->format == LDRT_FORMAT_MARKDOWN) {
        put(d, "# ");
        put(d, t.data);
        put(d, "\n");
    } else if (!d->rc) {
        put(d, t.data);
        put(d, "\n");
        repeat(d, '=', width(t.data));
        put(d, "\n");
    }
    ldrt__buf_free(&t);
}

void ldrt__doc_section(ldrt__doc *d, const char *key, const char *title)
{
    if (d->format == LDRT_FORMAT_JSON) {
        if (d->depth + 1 >= LDRT__DOC_DEPTH) {
            ldrt__doc_fail(d, ldrt__error(LDRT_EINVAL, "report: sections nested too deep"));
            return;
        }
        json_t *o = json_object();
        json_member(d, key, o ? json_incref(o) : NULL);
        if (!d->rc)
            d->stack[++d->depth] = o;
        json_decref(o);
    } else if (d->format == LDRT_FORMAT_MARKDOWN) {
        put(d, "\n## ");
        put(d, title);
        put(d, "\n");
    } else {
        put(d, "\n");
        put(d, title);
        put(d, "\n");
        repeat(d, '-', width(title));
        put(d, "\n");
    }
}

void ldrt__doc_section_end(ldrt__doc *d)
{
    if (d->format == LDRT_FORMAT_JSON && d->depth > 0 && !d->rc)
        d->depth--;
}

/* Writes text wrapped at 78 columns. */
static void wrapped(ldrt__doc *d, const char *s)
{
    size_t col = 0;
    while (*s && !d->rc) {
        const char *w = s;
        while (*w == ' ')
            w++;
        const char *e = w;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        size_t n = (size_t)(e - w);
        if (col > 0 && col + 1 + n > 78) {
            put(d, "\n");
            col = 0;
        } else if (col > 0) {
            put(d, " ");
            col++;
        }
        if (!d->rc)
            ldrt__doc_fail(d, ldrt__buf_add(&d->out, w, n));
        col += n;
        s = e;
        if (*s == '\n') {
            put(d, "\n");
            col = 0;
            s++;
        }
    }
    put(d, "\n");
}

void ldrt__doc_para(ldrt__doc *d, const char *key, const char *text)
{
    if (d->format == LDRT_FORMAT_JSON) {
        json_member(d, key, ldrt__json_text(text));
        return;
    }
    ldrt__buf t = { 0 };
    ldrt__doc_fail(d, ldrt__buf_puts_safe(&t, text, 1, 0));
    put(d, "\n");
    if (d->rc) {
    } else if (d->format == LDRT_FORMAT_MARKDOWN) {
        put(d, t.data);
        put(d, "\n");
    } else {
        wrapped(d, t.data);
    }
    ldrt__buf_free(&t);
}

void ldrt__doc_field(ldrt__doc *d, const char *key, const char *name, const char *value)
{
    int none = !value || !*value;
    if (d->format == LDRT_FORMAT_JSON) {
        json_member(d, key, none ? json_null() : ldrt__json_text(value));
        return;
    }
    if (d->format == LDRT_FORMAT_MARKDOWN) {
        put(d, "- **");
        put(d, name);
        put(d, ":** ");
    } else {
        put(d, name);
        repeat(d, ' ', width(name) < 22 ? 22 - width(name) : 0);
        put(d, " ");
    }
    put_safe(d, none ? "-" : value, 0, 0);
    put(d, "\n");
}

void ldrt__doc_block(ldrt__doc *d, const char *key, const char *text, json_t *value)
{
    if (d->format == LDRT_FORMAT_JSON) {
        json_member(d, key, value);
        return;
    }
    json_decref(value);
    put(d, "\n");
    put(d, text);
    if (text && *text && text[strlen(text) - 1] != '\n')
        put(d, "\n");
}

void ldrt__doc_table(ldrt__doc *d, const char *key, const ldrt__col *cols, size_t ncols)
{
    clear_table(d);
    d->table_key = key;
    d->cols = cols;
    d->ncols = ncols;
    if (d->format == LDRT_FORMAT_JSON && !d->rc && !(d->rows = json_array()))
        oom(d);
}

/* Adds the next cell: its text (text, Markdown) or its JSON value (stolen). */
static void cell(ldrt__doc *d, const char *text, json_t *value)
{
    if (d->rc || d->ncols == 0) {
        json_decref(value);
        return;
    }
    const ldrt__col *c = &d->cols[d->col];
    if (d->format == LDRT_FORMAT_JSON) {
        if (!d->row && !(d->row = json_object())) {
            json_decref(value);
            oom(d);
            return;
        }
        if (!value || json_object_set_new(d->row, c->key, value)) {
            oom(d);
            return;
        }
        if (d->col + 1 == d->ncols) {
            int bad = json_array_append_new(d->rows, d->row);
            d->row = NULL;
            if (bad)
                oom(d);
        }
    } else {
        json_decref(value);
        if (ldrt__grow((void **)&d->cells, &d->cap, d->ncells + 1, sizeof *d->cells, 64)) {
            oom(d);
            return;
        }
        ldrt__buf t = { 0 };
        int rc = ldrt__buf_puts_safe(&t, text && *text ? text : "-", 0,
                                     d->format == LDRT_FORMAT_MARKDOWN);
        if (rc) {
            ldrt__buf_free(&t);
            ldrt__doc_fail(d, rc);
            return;
        }
        d->cells[d->ncells++] = t.data;
    }
    d->col = (d->col + 1) % d->ncols;
}

void ldrt__doc_cell_text(ldrt__doc *d, const char *s)
{
    cell(d, s, d->format == LDRT_FORMAT_JSON ? (s && *s ? ldrt__json_text(s) : json_null()) : NULL);
}

void ldrt__doc_cell_num(ldrt__doc *d, double v)
{
    char buf[LDRT__NUM_BUFSIZE] = "";
    int decimals = d->ncols ? d->cols[d->col].decimals : -1;
    if (d->format != LDRT_FORMAT_JSON)
        ldrt__fmt_num(buf, v, decimals);
    cell(d, buf, d->format == LDRT_FORMAT_JSON ? json_num(v, decimals) : NULL);
}

void ldrt__doc_cell_int(ldrt__doc *d, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    cell(d, buf, d->format == LDRT_FORMAT_JSON ? json_integer((json_int_t)v) : NULL);
}

void ldrt__doc_cell_none(ldrt__doc *d)
{
    cell(d, "", d->format == LDRT_FORMAT_JSON ? json_null() : NULL);
}

void ldrt__doc_cell_num_text(ldrt__doc *d, double v, const char *text)
{
    int decimals = d->ncols ? d->cols[d->col].decimals : -1;
    cell(d, text, d->format == LDRT_FORMAT_JSON ? json_num(v, decimals) : NULL);
}

void ldrt__doc_cell_bool(ldrt__doc *d, int v)
{
    cell(d, v ? "yes" : "no", d->format == LDRT_FORMAT_JSON ? json_boolean(v) : NULL);
}

static void table_text(ldrt__doc *d)
{
    size_t nc = d->ncols, nrows = d->ncells / nc;
    if (nrows == 0) {
        put(d, d->format == LDRT_FORMAT_MARKDOWN ? "\n_None recorded._\n" : "\nNone recorded.\n");
        return;
    }
    if (d->format == LDRT_FORMAT_MARKDOWN) {
        put(d, "\n|");
        for (size_t c = 0; c < nc; c++) {
            if (d->cols[c].kind == LDRT__COL_JSON_ONLY)
                continue;
            put(d, " ");
            put(d, d->cols[c].title);
            put(d, " |");
        }
        put(d, "\n|");
        for (size_t c = 0; c < nc; c++)
            if (d->cols[c].kind != LDRT__COL_JSON_ONLY)
                put(d, d->cols[c].kind == LDRT__COL_NUM ? "---:|" : "---|");
        put(d, "\n");
        for (size_t i = 0; i < nrows; i++) {
            put(d, "|");
            for (size_t c = 0; c < nc; c++) {
                if (d->cols[c].kind == LDRT__COL_JSON_ONLY)
                    continue;
                put(d, " ");
                put(d, d->cells[i * nc + c]);
                put(d, " |");
            }
            put(d, "\n");
        }
        return;
    }
    size_t *w = ldrt__calloc(nc, sizeof *w);
    if (!w) {
        oom(d);
        return;
    }
    for (size_t c = 0; c < nc; c++) {
        if (d->cols[c].kind == LDRT__COL_JSON_ONLY)
            continue;
        w[c] = width(d->cols[c].title);
        for (size_t i = 0; i < nrows; i++) {
            size_t k = width(d->cells[i * nc + c]);
            if (k > w[c])
                w[c] = k;
        }
    }
    /* The last column shown is not padded. */
    size_t lastc = 0;
    for (size_t c = 0; c < nc; c++)
        if (d->cols[c].kind != LDRT__COL_JSON_ONLY)
            lastc = c;
    put(d, "\n");
    for (size_t row = 0; row < nrows + 2; row++) {
        for (size_t c = 0; c < nc; c++) {
            if (d->cols[c].kind == LDRT__COL_JSON_ONLY)
                continue;
            const char *v = row == 0 ? d->cols[c].title : row == 1 ? NULL : d->cells[(row - 2) * nc + c];
            if (!v) {
                repeat(d, '-', w[c]);
            } else {
                size_t k = width(v);
                int right = d->cols[c].kind == LDRT__COL_NUM && row > 1;
                if (right)
                    repeat(d, ' ', w[c] - k);
                put(d, v);
                if (!right && c < lastc)
                    repeat(d, ' ', w[c] - k);
            }
            if (c < lastc)
                put(d, "  ");
        }
        put(d, "\n");
    }
    ldrt__free(w);
}

void ldrt__doc_table_end(ldrt__doc *d)
{
    if (d->ncols && d->col != 0 && !d->rc)
        ldrt__doc_fail(d, ldrt__error(LDRT_EINVAL, "report: a table row is incomplete"));
    if (d->format == LDRT_FORMAT_JSON) {
        json_t *rows = d->rows;
        d->rows = NULL;
        json_member(d, d->table_key, rows);
    } else if (d->ncols && !d->rc) {
        table_text(d);
    }
    clear_table(d);
}

int ldrt__json_render(const json_t *value, ldrt__buf *out)
{
    int rc = ldrt__json_print(out, value);
    return rc ? rc : ldrt__buf_add(out, "\n", 1);
}

int ldrt__doc_finish(ldrt__doc *d, char **out, size_t *size)
{
    if (d->format == LDRT_FORMAT_JSON && !d->rc)
        ldrt__doc_fail(d, ldrt__json_render(d->stack[0], &d->out));
    if (!d->rc && !d->out.data)
        ldrt__doc_fail(d, ldrt__buf_add(&d->out, "", 0));
    size_t len = d->out.len;
    int rc = d->rc;
    char *text = NULL;
    if (!rc)
        rc = ldrt__buf_finish(&d->out, &text);
    ldrt__doc_free(d);
    /* The rendering went on after the first failure (its queries may have set
     * other errors): the error is the first failure's. */
    if (rc)
        return d->message[0] ? ldrt__error(rc, "%s", d->message) : rc;
    *out = text;
    if (size)
        *size = len;
    return LDRT_OK;
}
