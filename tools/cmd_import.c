/*
 * ldrt import --fhir BUNDLE [--output PATH]: a patient document from
 * another format. One switch per format; the readers are the library's.
 * SPDX-License-Identifier: MIT
 */
/* The FHIR functions are in the experimental tier (doc/guides/abi.md). */
#define LDRT_EXPERIMENTAL_API

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static void import_help(void)
{
    printf("Usage: ldrt import --fhir BUNDLE [--output PATH]\n"
           "\n"
           "Reads a record in another format and prints the patient document\n"
           "(format version %d) on standard output or, with --output, saves it to\n"
           "PATH (replaced atomically).\n"
           "\n"
           "Formats:\n"
           "  --fhir BUNDLE  a FHIR R4 Bundle (JSON) of one patient: the resources\n"
           "                 'ldrt export --fhir' writes, or another system's mCODE\n"
           "                 bundle. A resource that cannot be mapped is kept whole in\n"
           "                 the document's member fhir_unmapped and named in a\n"
           "                 warning on standard error; nothing is dropped silently.\n"
           "\n"
           "Options:\n"
           "  --output PATH  save to PATH instead of printing\n"
           "\n"
           "Examples:\n"
           "  ldrt import --fhir case.fhir.json > case.json\n"
           "  ldrt import --fhir bundle.json --output case.json && ldrt report case.json\n"
           "\n"
           "Exit status: 0 success (warnings included), 1 unreadable or invalid\n"
           "bundle or a write failure, 2 usage error.\n",
           LDRT_FORMAT_VERSION);
}

enum { FMT_NONE, FMT_FHIR };

/* Prints each warning line on stderr, escaped for the terminal. */
/* The warnings, one "ldrt import: FILE: warning: ..." line each, escaped
 * for the terminal, as one text to print once the record is out: NULL
 * when memory ran out (the library's last error says so). */
static char *warning_lines(const char *file, char *warnings)
{
    size_t cap = 1, len = 0;
    char *all = NULL;
    for (char *line = warnings; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *safe = NULL;
        if (ldrt_text_escape(line, LDRT_FORMAT_TEXT, &safe) != LDRT_OK) {
            free(all);
            return NULL;
        }
        size_t need = strlen(file) + strlen(safe) + 32;
        char *grown = realloc(all, cap + need);
        if (!grown) {
            ldrt_free(safe);
            free(all);
            return NULL;
        }
        all = grown;
        cap += need;
        len += (size_t)snprintf(all + len, cap - len, "ldrt import: %s: warning: %s\n", file, safe);
        ldrt_free(safe);
        if (!nl)
            break;
        line = nl + 1;
    }
    if (!all)
        all = calloc(1, 1);
    return all;
}

int cmd_import(int argc, char **argv)
{
    /* The format switch picks the form: --sdtm is cmd_sdtm.c's. */
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--sdtm") == 0)
            return cmd_import_sdtm(argc, argv);
    const char *file = NULL, *output = NULL;
    int fmt = FMT_NONE;
    for (int i = 1; i < argc; i++) {
        if (tool_is_help(argv[i])) {
            import_help();
            char *help[] = { argv[0], (char *)"--help", NULL };
            printf("\n");
            return cmd_import_sdtm(2, help);
        }
        if (strcmp(argv[i], "--fhir") == 0) {
            if (fmt != FMT_NONE)
                return tool_usage_error("import", "one format only");
            if (i + 1 >= argc)
                return tool_usage_error("import", "--fhir needs a bundle (BUNDLE)");
            fmt = FMT_FHIR;
            file = argv[++i];
        } else if (strcmp(argv[i], "--output") == 0) {
            if (i + 1 >= argc)
                return tool_usage_error("import", "--output needs a value");
            if (output)
                return tool_usage_error("import", "--output given twice");
            output = argv[++i];
            if (!*output)
                return tool_usage_error("import", "--output needs a non-empty path");
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return tool_usage_error("import", "unknown option '%s'", argv[i]);
        } else {
            return tool_usage_error("import", "unexpected argument '%s'", argv[i]);
        }
    }
    if (fmt == FMT_NONE)
        return tool_usage_error("import", "missing the format: --fhir BUNDLE or --sdtm DIR");
    ldrt_patient *p = NULL;
    char *warnings = NULL;
    if (ldrt_patient_load_fhir(file, &p, &warnings) != LDRT_OK)
        return tool_file_error("import", file);
    /* The warnings are printed once the record is written: a run that
     * fails says only why. */
    char *lines = warning_lines(file, warnings);
    ldrt_free(warnings);
    if (!lines) {
        ldrt_patient_free(p);
        fprintf(stderr, "ldrt import: %s: out of memory\n", file);
        return EXIT_INVALID;
    }
    int rc;
    if (output) {
        rc = ldrt_patient_save_json(p, output);
        ldrt_patient_free(p);
        if (rc != LDRT_OK) {
            free(lines);
            return tool_file_error("import", output);
        }
        fputs(lines, stderr);
        free(lines);
        return EXIT_OK;
    }
    char *text = NULL;
    size_t size = 0;
    rc = ldrt_patient_save_json_buffer(p, &text, &size);
    ldrt_patient_free(p);
    if (rc != LDRT_OK) {
        free(lines);
        return tool_file_error("import", file);
    }
    fputs(lines, stderr);
    free(lines);
    return tool_write_output("import", text, size);
}
