/*
 * A growing text buffer for the renderers (text, Markdown, JSON, SVG). A
 * failed append records its status in `failed` and later appends are ignored, so a
 * renderer appends freely and checks once at the end (ldrt__buf_finish).
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_BUF_H
#define LDRT_BUF_H

#include <stddef.h>

#include "internal.h"

typedef struct ldrt__buf {
    char *data;
    size_t len;
    size_t cap;
    int failed; /* 0, or the status of the first failed append */
} ldrt__buf;

void ldrt__buf_init(ldrt__buf *b);
void ldrt__buf_free(ldrt__buf *b);
void ldrt__buf_put(ldrt__buf *b, const char *s, size_t n);
void ldrt__buf_puts(ldrt__buf *b, const char *s);
void ldrt__buf_printf(ldrt__buf *b, const char *fmt, ...) LDRT__PRINTF(2, 3);
/* Text with XML's five special characters escaped (for SVG and XML). */
void ldrt__buf_puts_xml(ldrt__buf *b, const char *s);
/* A JSON string literal, quotes included, with control characters escaped. */
void ldrt__buf_puts_json(ldrt__buf *b, const char *s);
/* Hands the NUL-terminated text to *out (caller frees with ldrt_free) and
 * resets the buffer; LDRT_ENOMEM (and frees) if any append failed. */
int ldrt__buf_finish(ldrt__buf *b, char **out);

#endif
