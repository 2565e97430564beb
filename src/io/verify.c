/*
 * Checking what jansson read against the text it read.
 *
 * jansson's lexer ignores a failed growth of its token buffer (2.14:
 * lex_save() drops the character), so one transient allocation failure
 * inside jansson can turn "fong-2025-melanoma" into "fong-2025-melaoma" and
 * still report success. jansson's allocator belongs to the program
 * (json_set_alloc_funcs() is process-wide, and a host that uses jansson
 * itself may have set its own), so libldrt cannot count on hooks to learn
 * of the failure. Instead every parse is verified: the text is walked once
 * more, independently, beside the tree jansson built, and every key,
 * string, number and literal must be what the text says. jansson keeps the
 * members of an object in document order, so the walk is a single pass.
 * SPDX-License-Identifier: MIT
 */
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

typedef struct {
    const unsigned char *s;
    size_t n;
    size_t i;
} walk;

static void skip_ws(walk *w)
{
    while (w->i < w->n && (w->s[w->i] == ' ' || w->s[w->i] == '\t' || w->s[w->i] == '\n' ||
                           w->s[w->i] == '\r'))
        w->i++;
}

static int hex4(walk *w, unsigned *out)
{
    if (w->n - w->i < 4)
        return -1;
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned char c = w->s[w->i++];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* Compares the string token at w (at its opening quote) with the len bytes
 * of want, decoding escapes as JSON does. 0 when equal. */
static int same_string(walk *w, const char *want, size_t len)
{
    if (w->i >= w->n || w->s[w->i] != '"')
        return -1;
    w->i++;
    size_t k = 0;
    while (w->i < w->n) {
        unsigned char c = w->s[w->i++];
        if (c == '"')
            return k == len ? 0 : -1;
        if (c != '\\') {
            if (k >= len || (unsigned char)want[k++] != c)
                return -1;
            continue;
        }
        if (w->i >= w->n)
            return -1;
        unsigned char e = w->s[w->i++];
        unsigned char one;
        switch (e) {
        case '"': one = '"'; break;
        case '\\': one = '\\'; break;
        case '/': one = '/'; break;
        case 'b': one = '\b'; break;
        case 'f': one = '\f'; break;
        case 'n': one = '\n'; break;
        case 'r': one = '\r'; break;
        case 't': one = '\t'; break;
        case 'u': {
            unsigned u, lo;
            if (hex4(w, &u))
                return -1;
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (w->n - w->i < 2 || w->s[w->i] != '\\' || w->s[w->i + 1] != 'u')
                    return -1;
                w->i += 2;
                if (hex4(w, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return -1;
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            }
            unsigned char utf8[4];
            size_t m;
            if (u < 0x80) {
                utf8[0] = (unsigned char)u;
                m = 1;
            } else if (u < 0x800) {
                utf8[0] = (unsigned char)(0xC0 | (u >> 6));
                utf8[1] = (unsigned char)(0x80 | (u & 0x3F));
                m = 2;
            } else if (u < 0x10000) {
                utf8[0] = (unsigned char)(0xE0 | (u >> 12));
                utf8[1] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
                utf8[2] = (unsigned char)(0x80 | (u & 0x3F));
                m = 3;
            } else {
                utf8[0] = (unsigned char)(0xF0 | (u >> 18));
                utf8[1] = (unsigned char)(0x80 | ((u >> 12) & 0x3F));
                utf8[2] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
                utf8[3] = (unsigned char)(0x80 | (u & 0x3F));
                m = 4;
            }
            if (len - k < m || memcmp(want + k, utf8, m) != 0)
                return -1;
            k += m;
            continue;
        }
        default:
            return -1;
        }
        if (k >= len || (unsigned char)want[k++] != one)
            return -1;
    }
    return -1;
}

/* A number token: integers (no '.', 'e' or 'E') exactly, reals as jansson
 * reads them (strtod with the locale's decimal separator). */
static int same_number(walk *w, const json_t *v)
{
    size_t start = w->i;
    int real = 0;
    while (w->i < w->n) {
        unsigned char c = w->s[w->i];
        if (c == '.' || c == 'e' || c == 'E')
            real = 1;
        else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9')))
            break;
        w->i++;
    }
    size_t len = w->i - start;
    if (len == 0)
        return -1;
    const char *t = (const char *)w->s + start;
    if (!real) {
        if (!json_is_integer(v))
            return -1;
        int neg = t[0] == '-';
        uint64_t mag = 0;
        for (size_t k = (size_t)neg; k < len; k++) {
            if (t[k] < '0' || t[k] > '9' || mag > (UINT64_MAX - 9) / 10)
                return -1;
            mag = mag * 10 + (uint64_t)(t[k] - '0');
        }
        json_int_t want = json_integer_value(v);
        if (neg)
            return want <= 0 && (uint64_t)0 - (uint64_t)want == mag ? 0 : -1;
        return want >= 0 && (uint64_t)want == mag ? 0 : -1;
    }
    if (!json_is_real(v))
        return -1;
    /* The token with '.' replaced by the locale's separator, as jansson does. */
    const char *point = localeconv()->decimal_point;
    size_t plen = point && *point ? strlen(point) : 1;
    char small[128];
    char *buf = small;
    size_t need = len * plen + 1;
    if (need > sizeof small && !(buf = ldrt__malloc(need)))
        return LDRT_ENOMEM;
    size_t o = 0;
    for (size_t k = 0; k < len; k++) {
        if (t[k] == '.' && point && *point) {
            memcpy(buf + o, point, plen);
            o += plen;
        } else {
            buf[o++] = t[k];
        }
    }
    buf[o] = '\0';
    char *end;
    double d = strtod(buf, &end);
    int ok = end == buf + o && d == json_real_value(v);
    if (buf != small)
        ldrt__free(buf);
    return ok ? 0 : -1;
}

static int literal(walk *w, const char *word)
{
    size_t m = strlen(word);
    if (w->n - w->i < m || memcmp(w->s + w->i, word, m) != 0)
        return -1;
    w->i += m;
    return 0;
}

static int same_value(walk *w, const json_t *v, int depth)
{
    if (depth > LDRT_JSON_MAX_DEPTH)
        return 2;  /* not walked: the limits check refuses the document */
    skip_ws(w);
    if (w->i >= w->n)
        return -1;
    unsigned char c = w->s[w->i];
    int rc;
    switch (c) {
    case '{': {
        if (!json_is_object(v))
            return -1;
        w->i++;
        void *it = json_object_iter((json_t *)v);
        skip_ws(w);
        if (w->i < w->n && w->s[w->i] == '}') {
            w->i++;
            return it ? -1 : 0;
        }
        for (;;) {
            if (!it)
                return -1;
            skip_ws(w);
            const char *key = json_object_iter_key(it);
            if (same_string(w, key, strlen(key)))
                return -1;
            skip_ws(w);
            if (w->i >= w->n || w->s[w->i++] != ':')
                return -1;
            if ((rc = same_value(w, json_object_iter_value(it), depth + 1)))
                return rc;
            it = json_object_iter_next((json_t *)v, it);
            skip_ws(w);
            if (w->i >= w->n)
                return -1;
            c = w->s[w->i++];
            if (c == '}')
                return it ? -1 : 0;
            if (c != ',')
                return -1;
        }
    }
    case '[': {
        if (!json_is_array(v))
            return -1;
        w->i++;
        size_t k = 0, count = json_array_size(v);
        skip_ws(w);
        if (w->i < w->n && w->s[w->i] == ']') {
            w->i++;
            return count == 0 ? 0 : -1;
        }
        for (;;) {
            if (k >= count)
                return -1;
            if ((rc = same_value(w, json_array_get(v, k++), depth + 1)))
                return rc;
            skip_ws(w);
            if (w->i >= w->n)
                return -1;
            c = w->s[w->i++];
            if (c == ']')
                return k == count ? 0 : -1;
            if (c != ',')
                return -1;
        }
    }
    case '"':
        if (!json_is_string(v))
            return -1;
        return same_string(w, json_string_value(v), json_string_length(v));
    case 't':
        return json_is_true(v) ? literal(w, "true") : -1;
    case 'f':
        return json_is_false(v) ? literal(w, "false") : -1;
    case 'n':
        return json_is_null(v) ? literal(w, "null") : -1;
    default:
        return same_number(w, v);
    }
}

int ldrt__json_verify(const char *data, size_t size, const json_t *root)
{
    walk w = { (const unsigned char *)data, size, 0 };
    int rc = same_value(&w, root, 1);
    if (rc == 2)
        return 0;
    if (rc)
        return rc == LDRT_ENOMEM ? rc : 1;
    skip_ws(&w);
    return w.i == w.n ? 0 : 1;
}

int ldrt__json_find_nul(const char *data, size_t size, int *line, int *column)
{
    const char *nul = memchr(data, '\0', size);
    if (!nul)
        return 0;
    int l = 1, c = 1;
    for (const char *p = data; p < nul; p++) {
        if (*p == '\n') {
            l = l < INT_MAX ? l + 1 : l;
            c = 1;
        } else if (c < INT_MAX) {
            c++;
        }
    }
    *line = l;
    *column = c;
    return 1;
}
