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
/* Inside LDRT__SILENT() (depth > 0), failures write their message here
 * instead, where the library may read it (ldrt__silent_error()). */
static _Thread_local int silenced;
static _Thread_local char silent_message[LDRT__MESSAGE_MAX];

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

void ldrt__silence_begin(void)
{
    if (silenced++ == 0)
        silent_message[0] = '\0';
}

int ldrt__silence_end(int status)
{
    silenced--;
    return status;
}

const char *ldrt__silent_error(void)
{
    return silent_message;
}

/* Where a message goes: the thread's public message, or the silent one.
 * Running out of memory is never an answer to a look-up, and the caller
 * always passes it on: its message stays public. */
static char *message_for(int code)
{
    return silenced && code != LDRT_ENOMEM ? silent_message : last_message;
}

int ldrt__verror(int code, const char *fmt, va_list ap)
{
    char *msg = message_for(code);
    int n = vsnprintf(msg, LDRT__MESSAGE_MAX, fmt, ap);
    if (n < 0)
        snprintf(msg, LDRT__MESSAGE_MAX, "%s", ldrt_strerror(code));
    if (msg == last_message)
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
    char *msg = silenced ? silent_message : last_message;
    size_t mlen = strlen(msg);
    if (plen >= LDRT__MESSAGE_MAX)
        plen = LDRT__MESSAGE_MAX - 1;
    if (plen + mlen >= LDRT__MESSAGE_MAX)
        mlen = LDRT__MESSAGE_MAX - 1 - plen;
    memmove(msg + plen, msg, mlen);
    memcpy(msg, prefix, plen);
    msg[plen + mlen] = '\0';
}
