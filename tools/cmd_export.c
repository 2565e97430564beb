/*
 * ldrt export --fhir FILE [--output PATH]: a patient document in another
 * format. One switch per format; the writers are the library's.
 * SPDX-License-Identifier: MIT
 */
/* The FHIR functions are in the experimental tier (doc/guides/abi.md). */
#define LDRT_EXPERIMENTAL_API

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static void export_help(void)
{
    printf("Usage: ldrt export --fhir FILE [--output PATH]\n"
           "\n"
           "Writes a patient document in another format, on standard output or,\n"
           "with --output, to PATH (replaced atomically: the previous file is kept\n"
           "intact on any failure).\n"
           "\n"
           "Formats:\n"
           "  --fhir FILE    one FHIR R4 Bundle (type collection) with the mCODE STU4\n"
           "                 and CodeX Radiation Therapy profiles: Patient, Condition,\n"
           "                 BodyStructure per lesion, ImagingStudy and TumorSize and\n"
           "                 CancerDiseaseStatus per scan, RadiotherapyCourseSummary per\n"
           "                 course, Procedure per surgery, MedicationAdministration or\n"
           "                 MedicationStatement per drug, AdverseEvent per toxicity.\n"
           "                 Partial dates stay partial; full URLs are urn:uuid names\n"
           "                 derived from the record, so the same record gives the\n"
           "                 same bytes. The mapping: doc/guides/fhir.md.\n"
           "\n"
           "Options:\n"
           "  --output PATH  write to PATH instead of standard output\n"
           "\n"
           "Examples:\n"
           "  ldrt export --fhir examples/data/case-fong-2025.json > case.fhir.json\n"
           "  ldrt export --fhir case.json --output case.fhir.json\n"
           "\n"
           "Exit status: 0 success, 1 unreadable or invalid document or a write\n"
           "failure, 2 usage error.\n");
}

enum { FMT_NONE, FMT_FHIR };

int cmd_export(int argc, char **argv)
{
    /* The format switch picks the form: --sdtm is cmd_sdtm.c's. */
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--sdtm") == 0)
            return cmd_export_sdtm(argc, argv);
    const char *file = NULL, *output = NULL;
    int fmt = FMT_NONE;
    for (int i = 1; i < argc; i++) {
        if (tool_is_help(argv[i])) {
            export_help();
            char *help[] = { argv[0], (char *)"--help", NULL };
            printf("\n");
            return cmd_export_sdtm(2, help);
        }
        if (strcmp(argv[i], "--fhir") == 0) {
            if (fmt != FMT_NONE)
                return tool_usage_error("export", "one format only");
            if (i + 1 >= argc)
                return tool_usage_error("export", "--fhir needs a patient document (FILE)");
            fmt = FMT_FHIR;
            file = argv[++i];
        } else if (strcmp(argv[i], "--output") == 0) {
            if (i + 1 >= argc)
                return tool_usage_error("export", "--output needs a value");
            if (output)
                return tool_usage_error("export", "--output given twice");
            output = argv[++i];
            if (!*output)
                return tool_usage_error("export", "--output needs a non-empty path");
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return tool_usage_error("export", "unknown option '%s'", argv[i]);
        } else {
            return tool_usage_error("export", "unexpected argument '%s'", argv[i]);
        }
    }
    if (fmt == FMT_NONE)
        return tool_usage_error("export", "missing the format: --fhir FILE or --sdtm DIR");
    ldrt_patient *p = NULL;
    if (ldrt_patient_load_json(file, &p) != LDRT_OK)
        return tool_file_error("export", file);
    int rc;
    if (output) {
        rc = ldrt_patient_save_fhir(p, output);
        ldrt_patient_free(p);
        if (rc != LDRT_OK)
            return tool_file_error("export", output);
        return EXIT_OK;
    }
    char *text = NULL;
    size_t size = 0;
    rc = ldrt_patient_write_fhir(p, &text, &size);
    ldrt_patient_free(p);
    if (rc != LDRT_OK)
        return tool_file_error("export", file);
    return tool_write_output("export", text, size);
}
