/*
 * Status codes and the per-thread message of the last failure.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define LDRT__MESSAGE_MAX 512

/* One message per thread: no global mutable state is shared. */
static _Thread_local char last_message[LDRT__MESSAGE_MAX];
static _Thread_local int last_code;

const char *ldrt_strerror(int code)
{
    switch (code) {
    case LDRT_OK: return "success";
    case LDRT_EINVAL: return "invalid argument";
    case LDRT_ENOMEM: return "out of memory";
    case LDRT_ERANGE: return "value out of range";
    case LDRT_ENOTFOUND: return "not found";
    case LDRT_EPARSE: return "parse error";
    case LDRT_EIO: return "input/output error";
    case LDRT_ESTATE: return "wrong state";
    case LDRT_EUNSUPPORTED: return "unsupported";
    default: return "unknown error";
    }
}

const char *ldrt_last_error(void)
{
    return last_message;
}

int ldrt_last_error_code(void)
{
    return last_code;
}

void ldrt_clear_error(void)
{
    last_message[0] = '\0';
    last_code = LDRT_OK;
}

int ldrt__verror(int code, const char *fmt, va_list ap)
{
    int n = vsnprintf(last_message, sizeof last_message, fmt, ap);
    if (n < 0)
        snprintf(last_message, sizeof last_message, "%s", ldrt_strerror(code));
    last_code = code;
    return code;
}

int ldrt__error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ldrt__verror(code, fmt, ap);
    va_end(ap);
    return code;
}

void ldrt__error_prefix(const char *fmt, ...)
{
    char prefix[LDRT__MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix - 2, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t plen = strlen(prefix);
    prefix[plen++] = ':';
    prefix[plen++] = ' ';
    size_t mlen = strlen(last_message);
    if (plen >= sizeof last_message)
        plen = sizeof last_message - 1;
    if (plen + mlen >= sizeof last_message)
        mlen = sizeof last_message - 1 - plen;
    memmove(last_message + plen, last_message, mlen);
    memcpy(last_message, prefix, plen);
    last_message[plen + mlen] = '\0';
}
