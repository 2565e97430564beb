/*
 * libFuzzer harness: every document that loads draws as each kind of plot,
 * and every plot is well-formed XML (tests/support/xmlcheck.c) without
 * script or external reference, whatever text the record holds.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "../support/xmlcheck.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ldrt_patient *p = NULL;
    if (ldrt_patient_load_json_buffer((const char *)data, size, &p) != LDRT_OK)
        return 0;
    for (int kind = LDRT_PLOT_SWIMMER; kind <= LDRT_PLOT_DOSE; kind++) {
        char *svg = NULL;
        size_t len = 0;
        char why[160];
        if (ldrt_plot_svg(p, kind, &svg, &len) != LDRT_OK)
            abort();
        if (len != strlen(svg) || tu_xml_check(svg, why, sizeof why) != 0 ||
            strstr(svg, "<script") || strstr(svg, "href=\""))
            abort();
        ldrt_free(svg);
    }
    ldrt_patient_free(p);
    return 0;
}
