/*
 * ldrt report FILE [--format text|markdown|json]: the whole story of a
 * patient document, section by section: ldrt_patient_report().
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static void report_help(void)
{
    printf("Usage: ldrt report FILE [--format text|markdown|json]\n"
           "\n"
           "Tells the whole story of a patient document: a summary; the patient and\n"
           "diagnoses; the timeline; each radiotherapy course with its physical dose, BED and\n"
           "EQD2 and its classification (low-dose, conventional, hypofractionated,\n"
           "SBRT) with the rules' sources; immunotherapy exposure per line of therapy\n"
           "and per drug (\"at least N\" when cycles are not recorded; time on drug\n"
           "without holds and gaps between lines) with the holidays; the timing of\n"
           "each drug against each course (90-day window);\n"
           "the response under RECIST 1.1, iRECIST and PERCIST 1.0 with the reason\n"
           "for every answer; each lesion's response to each course, in field and\n"
           "out of field (abscopal); SITC resistance per line of therapy; toxicities.\n"
           "Dates known only to the month or year stay partial.\n"
           "\n"
           "Options:\n"
           "  --format FORMAT  text (default), markdown or json\n"
           "\n"
           "Examples:\n"
           "  ldrt report examples/data/case-fong-2025.json\n"
           "  ldrt report case.json --format markdown > case.md\n"
           "  ldrt report case.json --format json | python3 -m json.tool\n"
           "\n"
           "Exit status: 0 success, 1 unreadable or invalid document, 2 usage error.\n");
}

int cmd_report(int argc, char **argv)
{
    const char *file = NULL, *fmt = "text";
    for (int i = 1; i < argc; i++) {
        if (tool_is_help(argv[i])) {
            report_help();
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--format") == 0) {
            if (i + 1 >= argc)
                return tool_usage_error("report", "--format needs a value");
            fmt = argv[++i];
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            fmt = argv[i] + 9;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return tool_usage_error("report", "unknown option '%s'", argv[i]);
        } else if (file) {
            return tool_usage_error("report", "unexpected argument '%s'", argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!file)
        return tool_usage_error("report", "a patient document (FILE) is needed");
    ldrt_format format;
    if (ldrt_format_parse(fmt, &format) != LDRT_OK)
        return tool_usage_error("report", "unknown format '%s' (text, markdown or json)", fmt);
    ldrt_patient *p = NULL;
    if (ldrt_patient_load_json(file, &p) != LDRT_OK)
        return tool_file_error("report", file);
    char *text = NULL;
    size_t size = 0;
    int rc = ldrt_patient_report(p, format, LDRT_REPORT_ALL, &text, &size);
    ldrt_patient_free(p);
    if (rc != LDRT_OK)
        return tool_file_error("report", file);
    return tool_write_output("report", text, size);
}
