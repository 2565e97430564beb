/*
 * ldrt assess: tumour response of a patient document by RECIST 1.1, iRECIST
 * or PERCIST 1.0, with the reason of every answer.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static void assess_usage(FILE *out)
{
    fprintf(out,
            "Usage: ldrt assess FILE --criteria recist1.1|irecist|percist1.0\n"
            "                   [--confirm-days N] [--sd-min-days N] [--reference-date DATE]\n"
            "                   [--format text|markdown|json]\n"
            "\n"
            "Classifies every scan of the patient document FILE by the criteria, with the\n"
            "rule that decided each answer and the numbers it used, then the best overall\n"
            "response without and with confirmation, the durations and the warnings.\n"
            "A document without data for the criteria is \"not assessable\", with the\n"
            "reason (exit status 0), as the report says.\n"
            "\n"
            "Options:\n"
            "  --criteria C         recist1.1, irecist or percist1.0 (required)\n"
            "  --confirm-days N     CR/PR confirmed by a scan at least N days later (default 28)\n"
            "  --sd-min-days N      SD counts only N days or more after the reference date (default 42)\n"
            "  --reference-date D   the date the SD minimum counts from (default: the baseline scan)\n"
            "  --format F           text (default), markdown or json (stable keys)\n"
            "\n"
            "Example:\n"
            "  ldrt assess examples/data/case-fong-2025.json --criteria recist1.1 --format json\n");
}

static int parse_days(const char *opt, const char *text, int *out)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < 0 || v > 3650)
        return tool_usage_error("assess", "%s: expected a number of days from 0 to 3650, got '%s'",
                                opt, text);
    *out = (int)v;
    return EXIT_OK;
}

int cmd_assess(int argc, char **argv)
{
    const char *file = NULL, *criteria = NULL, *format = "text", *ref = NULL;
    int confirm = -1, sd_min = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (tool_is_help(a)) {
            assess_usage(stdout);
            return EXIT_OK;
        }
        if (a[0] == '-' && a[1] == '-') {
            if (i + 1 >= argc)
                return tool_usage_error("assess", "%s needs a value", a);
            const char *v = argv[++i];
            int rc = EXIT_OK;
            if (strcmp(a, "--criteria") == 0)
                criteria = v;
            else if (strcmp(a, "--format") == 0)
                format = v;
            else if (strcmp(a, "--reference-date") == 0)
                ref = v;
            else if (strcmp(a, "--confirm-days") == 0)
                rc = parse_days(a, v, &confirm);
            else if (strcmp(a, "--sd-min-days") == 0)
                rc = parse_days(a, v, &sd_min);
            else
                return tool_usage_error("assess", "unknown option '%s'", a);
            if (rc != EXIT_OK)
                return rc;
        } else if (!file) {
            file = a;
        } else {
            return tool_usage_error("assess", "unexpected argument '%s'", a);
        }
    }
    if (!file)
        return tool_usage_error("assess", "missing FILE");
    if (!criteria)
        return tool_usage_error("assess", "missing --criteria (recist1.1, irecist or percist1.0)");
    ldrt_criteria crit = LDRT_CRITERIA_RECIST11;
    ldrt_format fmt = LDRT_FORMAT_TEXT;
    if (ldrt_criteria_parse(criteria, &crit) != LDRT_OK)
        return tool_usage_error("assess", "--criteria: unknown criteria '%s' (recist1.1, irecist or percist1.0)",
                                criteria);
    if (ldrt_timeline_format_parse(format, &fmt) != LDRT_OK)
        return tool_usage_error("assess", "--format: unknown format '%s' (text, markdown or json)",
                                format);
    ldrt_date ref_date = LDRT_DATE_NONE;
    if (ref && ldrt_date_parse(ref, &ref_date) != LDRT_OK)
        return tool_usage_error("assess", "--reference-date: %s", ldrt_last_error());
    ldrt_response_options *opt = NULL;
    ldrt_patient *p = NULL;
    char *text = NULL;
    int status = EXIT_INVALID;
    if (ldrt_response_options_new(&opt) != LDRT_OK ||
        (confirm >= 0 && ldrt_response_options_set_confirm_days(opt, confirm) != LDRT_OK) ||
        (sd_min >= 0 && ldrt_response_options_set_sd_min_days(opt, sd_min) != LDRT_OK) ||
        (ref_date && ldrt_response_options_set_reference_date(opt, ref_date) != LDRT_OK) ||
        ldrt_patient_load_json(file, &p) != LDRT_OK ||
        ldrt_patient_assessment_render(p, crit, opt, fmt, &text, NULL) != LDRT_OK) {
        tool_file_error("assess", file);
    } else {
        fputs(text, stdout);
        status = EXIT_OK;
    }
    ldrt_free(text);
    ldrt_patient_free(p);
    ldrt_response_options_free(opt);
    return status;
}
