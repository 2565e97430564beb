/*
 * Locale-independent text comparison for names (tissue presets, drugs):
 * the C library's strcasecmp depends on the locale and is not C11.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

int ldrt__ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z') cb += 'a' - 'A';
        if (ca != cb) return ca - cb;
        if (ca == 0) return 0;
    }
}
