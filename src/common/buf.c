/*
 * SPDX-License-Identifier: MIT
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ldrt__buf_init(ldrt__buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void ldrt__buf_free(ldrt__buf *b)
{
    ldrt__free(b->data);
    ldrt__buf_init(b);
}

static int reserve(ldrt__buf *b, size_t extra)
{
    if (b->failed)
        return 0;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->failed = ldrt__error(LDRT_ENOMEM, "text of %zu bytes is too large", b->len);
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    if (ldrt__grow((void **)&b->data, &b->cap, need, 1, 256)) {
        b->failed = LDRT_ENOMEM;
        return 0;
    }
    return 1;
}

int ldrt__buf_add(ldrt__buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return b->failed;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return LDRT_OK;
}

int ldrt__buf_puts(ldrt__buf *b, const char *s)
{
    return ldrt__buf_add(b, s, strlen(s));
}

int ldrt__buf_printf(ldrt__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (b->failed)
        return b->failed;
    if (n < 0)
        return b->failed = ldrt__error(LDRT_EINVAL, "text could not be formatted");
    if ((size_t)n < sizeof small)
        return ldrt__buf_add(b, small, (size_t)n);
    if (!reserve(b, (size_t)n))
        return b->failed;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return LDRT_OK;
}

int ldrt__buf_puts_xml(ldrt__buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': ldrt__buf_puts(b, "&amp;"); break;
        case '<': ldrt__buf_puts(b, "&lt;"); break;
        case '>': ldrt__buf_puts(b, "&gt;"); break;
        case '"': ldrt__buf_puts(b, "&quot;"); break;
        case '\'': ldrt__buf_puts(b, "&apos;"); break;
        default:
            /* XML 1.0 forbids most control characters even when escaped. */
            if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
                ldrt__buf_add(b, "?", 1);
            else
                ldrt__buf_add(b, s, 1);
        }
    }
    return b->failed;
}

int ldrt__buf_puts_json(ldrt__buf *b, const char *s)
{
    ldrt__buf_add(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': ldrt__buf_puts(b, "\\\""); break;
        case '\\': ldrt__buf_puts(b, "\\\\"); break;
        case '\n': ldrt__buf_puts(b, "\\n"); break;
        case '\r': ldrt__buf_puts(b, "\\r"); break;
        case '\t': ldrt__buf_puts(b, "\\t"); break;
        default:
            if (c < 0x20)
                ldrt__buf_printf(b, "\\u%04x", c);
            else
                ldrt__buf_add(b, s, 1);
        }
    }
    return ldrt__buf_add(b, "\"", 1);
}

int ldrt__buf_finish(ldrt__buf *b, char **out)
{
    if (b->failed) {
        int rc = b->failed;
        ldrt__buf_free(b);
        return rc;
    }
    if (!b->data) {
        b->data = ldrt__malloc(1);
        if (!b->data)
            return LDRT_ENOMEM;
        b->data[0] = '\0';
    }
    *out = b->data;
    ldrt__buf_init(b);
    return LDRT_OK;
}
