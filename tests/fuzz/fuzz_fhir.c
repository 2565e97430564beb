/*
 * libFuzzer harness: reading any bytes as a FHIR bundle never crashes or
 * leaks; a bundle that reads gives a patient whose own export reads back to
 * the same document (the export of an imported record is lossless too).
 * SPDX-License-Identifier: MIT
 */
#define LDRT_EXPERIMENTAL_API
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ldrt_patient *p = NULL, *q = NULL;
    char *warnings = NULL;
    if (ldrt_patient_read_fhir((const char *)data, size, &p, &warnings) != LDRT_OK)
        return 0;
    ldrt_free(warnings);
    char *bundle = NULL, *a = NULL, *b = NULL;
    size_t n = 0, na = 0, nb = 0;
    int rc = ldrt_patient_write_fhir(p, &bundle, &n);
    if (rc == LDRT_ERANGE) { /* an imported record may outgrow the limit */
        ldrt_patient_free(p);
        return 0;
    }
    if (rc != LDRT_OK)
        abort();
    if (ldrt_patient_read_fhir(bundle, n, &q, &warnings) != LDRT_OK)
        abort();
    if (warnings[0] != '\0')
        abort();
    if (ldrt_patient_save_json_buffer(p, &a, &na) != LDRT_OK ||
        ldrt_patient_save_json_buffer(q, &b, &nb) != LDRT_OK)
        abort();
    if (na != nb || memcmp(a, b, na) != 0)
        abort();
    ldrt_free(a);
    ldrt_free(b);
    ldrt_free(bundle);
    ldrt_free(warnings);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
    return 0;
}
