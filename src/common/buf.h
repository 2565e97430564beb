/*
 * A growing NUL-terminated text buffer for the renderers (text, Markdown,
 * JSON, SVG), allocating through the hooks. `ldrt__buf b = {0};` is an empty
 * buffer. Every append returns LDRT_OK or the status of the first failed
 * append: a failure is sticky (later appends are ignored and return it), so a
 * renderer may append freely and check once, at ldrt__buf_finish().
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
int ldrt__buf_add(ldrt__buf *b, const char *s, size_t n);
int ldrt__buf_puts(ldrt__buf *b, const char *s);
int ldrt__buf_printf(ldrt__buf *b, const char *fmt, ...) LDRT__PRINTF(2, 3);
/* Text with XML's five special characters escaped (for SVG and XML). */
int ldrt__buf_puts_xml(ldrt__buf *b, const char *s);
/* A JSON string literal, quotes included, with control characters escaped. */
int ldrt__buf_puts_json(ldrt__buf *b, const char *s);
/* Hands the NUL-terminated text to *out (caller frees with ldrt_free) and
 * resets the buffer; LDRT_ENOMEM (and frees) if any append failed. */
int ldrt__buf_finish(ldrt__buf *b, char **out);

#endif
