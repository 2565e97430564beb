/*
 * ldrt timeline FILE [--format text|markdown|json]: the events of a patient
 * document in time order. Public API only.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static void timeline_help(void)
{
    printf("Usage: ldrt timeline FILE [--format text|markdown|json]\n"
           "\n"
           "Prints the timeline of a patient document: one row per recorded event in\n"
           "time order (a series of administrations is one row), with its date and a\n"
           "summary of its fields. Partial dates stay partial (\"2023-07\").\n"
           "\n"
           "Options:\n"
           "  --format FORMAT  text (default), markdown or json\n"
           "\n"
           "Examples:\n"
           "  ldrt timeline examples/data/case-fong-2025.json\n"
           "  ldrt timeline case.json --format markdown > timeline.md\n"
           "\n"
           "Exit status: 0 success, 1 unreadable or invalid document, 2 usage error.\n");
}

int cmd_timeline(int argc, char **argv)
{
    const char *file = NULL, *fmt = "text";
    for (int i = 1; i < argc; i++) {
        if (tool_is_help(argv[i])) {
            timeline_help();
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--format") == 0) {
            if (i + 1 >= argc)
                return tool_usage_error("timeline", "--format needs a value");
            fmt = argv[++i];
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            fmt = argv[i] + 9;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return tool_usage_error("timeline", "unknown option '%s'", argv[i]);
        } else if (file) {
            return tool_usage_error("timeline", "unexpected argument '%s'", argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!file)
        return tool_usage_error("timeline", "a patient document (FILE) is needed");
    ldrt_format format;
    if (ldrt_timeline_format_parse(fmt, &format) != LDRT_OK)
        return tool_usage_error("timeline", "unknown format '%s' (text, markdown or json)", fmt);
    ldrt_patient *p = NULL;
    if (ldrt_patient_load_json(file, &p) != LDRT_OK) {
        return tool_file_error("timeline", file);
    }
    char *text = NULL;
    size_t size = 0;
    int rc = ldrt_timeline_render(p, format, &text, &size);
    ldrt_patient_free(p);
    if (rc != LDRT_OK) {
        return tool_file_error("timeline", file);
    }
    int bad = fwrite(text, 1, size, stdout) != size || fflush(stdout) != 0;
    ldrt_free(text);
    if (bad) {
        fprintf(stderr, "ldrt timeline: cannot write the output\n");
        return EXIT_INVALID;
    }
    return EXIT_OK;
}
