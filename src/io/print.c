/*
 * A deterministic JSON printer (byte-stable output).
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_internal.h"

/* ---- the printer ----------------------------------------------------------- */

static int put_string(ldrt__buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    int rc = ldrt__buf_add(b, "\"", 1);
    size_t start = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        rc = ldrt__buf_add(b, s + start, i - start);
        start = i + 1;
        char esc[7] = { '\\', 0 };
        size_t len = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        if (!rc)
            rc = ldrt__buf_add(b, esc, len);
    }
    if (!rc)
        rc = ldrt__buf_add(b, s + start, n - start);
    return rc ? rc : ldrt__buf_add(b, "\"", 1);
}

/* The shortest %.*g form that reads back to v (in the process locale), with
 * the locale's decimal separator replaced by '.', and ".0" added to an
 * integral value so that it stays a real. */
static int put_real(ldrt__buf *b, double v)
{
    char raw[64], out[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(raw, sizeof raw, "%.*g", prec, v);
        if (strtod(raw, NULL) == v)
            break;
    }
    /* Plain notation for ordinary magnitudes (-100.0, not -1e+02). */
    if (strchr(raw, 'e') && fabs(v) >= 1e-4 && fabs(v) < 1e15) {
        for (int dec = 0; dec <= 17; dec++) {
            snprintf(raw, sizeof raw, "%.*f", dec, v);
            if (strtod(raw, NULL) == v)
                break;
        }
    }
    size_t o = 0;
    int has_point = 0;
    for (size_t i = 0; raw[i] && o < sizeof out - 3; i++) {
        char c = raw[i];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E') {
            out[o++] = c;
            if (c == 'e' || c == 'E')
                has_point = 1;
        } else if (o == 0 || out[o - 1] != '.') {
            out[o++] = '.';   /* the locale's decimal separator, of any length */
            has_point = 1;
        }
    }
    if (!has_point) {
        out[o++] = '.';
        out[o++] = '0';
    }
    out[o] = '\0';
    return ldrt__buf_add(b, out, o);
}

static int is_container(const json_t *v)
{
    return json_is_object(v) || json_is_array(v);
}

static int is_flat(const json_t *v)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x)
            if (is_container(x) && json_object_size(x) + json_array_size(x) > 0)
                return 0;
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
            if (is_container(x) && json_object_size(x) + json_array_size(x) > 0)
                return 0;
    }
    return 1;
}

#define INLINE_WIDTH 100

static int print_value(ldrt__buf *b, const json_t *v, int indent, int force_inline);

static int newline(ldrt__buf *b, int indent)
{
    int rc = ldrt__buf_add(b, "\n", 1);
    for (int i = 0; i < indent && !rc; i++)
        rc = ldrt__buf_add(b, "  ", 2);
    return rc;
}

static int print_container(ldrt__buf *b, const json_t *v, int indent, int inl)
{
    int obj = json_is_object(v);
    size_t n = obj ? json_object_size(v) : json_array_size(v);
    int rc = ldrt__buf_add(b, obj ? "{" : "[", 1);
    if (n == 0)
        return rc ? rc : ldrt__buf_add(b, obj ? "}" : "]", 1);
    size_t i = 0;
    const char *key;
    json_t *x;
    if (obj) {
        json_object_foreach((json_t *)v, key, x) {
            if (!rc && i > 0)
                rc = ldrt__buf_add(b, inl ? ", " : ",", inl ? 2 : 1);
            if (!rc && !inl)
                rc = newline(b, indent + 1);
            if (!rc)
                rc = put_string(b, key, strlen(key));
            if (!rc)
                rc = ldrt__buf_add(b, ": ", 2);
            if (!rc)
                rc = print_value(b, x, indent + 1, inl);
            i++;
        }
    } else {
        json_array_foreach(v, i, x) {
            if (!rc && i > 0)
                rc = ldrt__buf_add(b, inl ? ", " : ",", inl ? 2 : 1);
            if (!rc && !inl)
                rc = newline(b, indent + 1);
            if (!rc)
                rc = print_value(b, x, indent + 1, inl);
        }
    }
    if (!rc && !inl)
        rc = newline(b, indent);
    return rc ? rc : ldrt__buf_add(b, obj ? "}" : "]", 1);
}

static int print_value(ldrt__buf *b, const json_t *v, int indent, int force_inline)
{
    char num[32];
    switch (json_typeof(v)) {
    case JSON_OBJECT:
    case JSON_ARRAY: {
        if (force_inline)
            return print_container(b, v, indent, 1);
        if (is_flat(v)) {
            /* Inline when it fits on a line. */
            ldrt__buf tmp = { 0 };
            int rc = print_container(&tmp, v, indent, 1);
            if (rc) {
                ldrt__buf_free(&tmp);
                return rc;
            }
            if (tmp.len <= INLINE_WIDTH) {
                rc = ldrt__buf_add(b, tmp.data, tmp.len);
                ldrt__buf_free(&tmp);
                return rc;
            }
            ldrt__buf_free(&tmp);
        }
        return print_container(b, v, indent, 0);
    }
    case JSON_STRING:
        return put_string(b, json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return ldrt__buf_puts(b, num);
    case JSON_REAL:
        return put_real(b, json_real_value(v));
    case JSON_TRUE:
        return ldrt__buf_puts(b, "true");
    case JSON_FALSE:
        return ldrt__buf_puts(b, "false");
    default:
        return ldrt__buf_puts(b, "null");
    }
}

int ldrt__json_print(ldrt__buf *b, const json_t *value)
{
    return print_value(b, value, 0, 0);
}

void ldrt__json_extra_free(void *extra)
{
    json_decref(extra);
}
