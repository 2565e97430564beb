/*
 * libFuzzer harness: loading any bytes as a patient document never crashes
 * or leaks; a document that loads saves to text that loads again and saves
 * to the same bytes; the validator agrees with the loader; every timeline
 * format renders.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    ldrt_patient *p = NULL, *q = NULL;
    int rc = ldrt_patient_load_json_buffer(text, size, &p);
    char *report = NULL;
    size_t problems = 0;
    if (ldrt_json_validate_buffer(text, size, &report, &problems) == LDRT_OK) {
        if ((rc == LDRT_OK) != (problems == 0))
            abort();
        ldrt_free(report);
    }
    if (rc != LDRT_OK)
        return 0;
    char *once = NULL, *twice = NULL;
    size_t n1 = 0, n2 = 0;
    if (ldrt_patient_save_json_buffer(p, &once, &n1) != LDRT_OK)
        abort();
    if (ldrt_patient_load_json_buffer(once, n1, &q) != LDRT_OK)
        abort();
    if (ldrt_patient_save_json_buffer(q, &twice, &n2) != LDRT_OK)
        abort();
    if (n1 != n2 || memcmp(once, twice, n1) != 0)
        abort();
    for (int f = LDRT_TIMELINE_TEXT; f <= LDRT_TIMELINE_JSON; f++) {
        char *out = NULL;
        if (ldrt_timeline_render(p, f, &out, NULL) != LDRT_OK)
            abort();
        ldrt_free(out);
    }
    ldrt_free(once);
    ldrt_free(twice);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
    return 0;
}
