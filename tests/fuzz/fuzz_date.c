/*
 * libFuzzer harness: date parsing never crashes, and every date it accepts
 * formats back to the same text and parses to the same value.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[64];
    if (size >= sizeof text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    ldrt_date d, again;
    if (ldrt_date_parse(text, &d) != LDRT_OK)
        return 0;
    char out[LDRT_DATE_BUFSIZE];
    if (ldrt_date_format(d, out, sizeof out) != LDRT_OK || strcmp(out, text) != 0)
        abort();
    if (ldrt_date_parse(out, &again) != LDRT_OK || again != d)
        abort();
    ldrt_date lo, hi;
    if (ldrt_date_earliest(d, &lo) || ldrt_date_latest(d, &hi) || lo > hi)
        abort();
    return 0;
}
