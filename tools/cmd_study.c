/*
 * ldrt study: every subject of an SDTM study assessed, and the responses the
 * reader recorded (RS) audited against the ones computed from the
 * measurements (TR).
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static void study_usage(FILE *out)
{
    fprintf(out,
            "Usage: ldrt study DIR --criteria recist1.1|irecist|percist1.0 [--reader READER]\n"
            "                  [--confirm-days N] [--sd-min-days N]\n"
            "                  [--reference-date DATE|first-dose|randomization]\n"
            "                  [--format text|markdown|csv|json]\n"
            "\n"
            "Reads the CDISC SDTM domains of DIR (as ldrt import does), assesses every\n"
            "subject and prints its computed best and confirmed best overall response, and\n"
            "every time point where the computed overall response differs from the one the\n"
            "reader recorded in RS, with the rule and the numbers that decide.\n"
            "\n"
            "Options:\n"
            "  --criteria C         recist1.1, irecist or percist1.0 (required)\n"
            "  --reader READER      the reader stream (default INVESTIGATOR)\n"
            "  --confirm-days N     CR/PR confirmed by a scan at least N days later (default 28)\n"
            "  --sd-min-days N      SD counts only N days or more after the reference date (default 42)\n"
            "  --reference-date D   the date the SD minimum counts from: a date, first-dose\n"
            "                       (DM.RFXSTDTC, else the first EX), randomization (DS)\n"
            "                       (default: the baseline scan)\n"
            "  --format F           text (default), markdown, csv or json (stable keys)\n"
            "\n"
            "When stderr is a terminal, the progress (subjects done of total, rate, time\n"
            "left) is shown there.\n"
            "\n"
            "Example:\n"
            "  ldrt study tests/data/sdtm/pharmaverse --criteria recist1.1 --format json\n");
}

static int parse_days(const char *opt, const char *text, int *out)
{
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < 0 || v > 3650)
        return tool_usage_error("study", "%s: expected a number of days from 0 to 3650, got '%s'",
                                opt, text);
    *out = (int)v;
    return EXIT_OK;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress line: subjects done of total, rate, time left. */
static void progress(size_t done, size_t total, double start, double *last, int final)
{
    double t = now_seconds();
    if (!final && t - *last < 0.1)
        return;
    *last = t;
    double rate = t > start ? (double)done / (t - start) : 0.0;
    double left = rate > 0 ? (double)(total - done) / rate : 0.0;
    fprintf(stderr, "\rsubjects %zu/%zu  %.1f/s  %d:%02d left ", done, total, rate,
            (int)(left / 60), (int)left % 60);
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
}

int cmd_study(int argc, char **argv)
{
    const char *dir = NULL, *criteria = NULL, *format = "text", *ref = NULL, *reader = NULL;
    int confirm = -1, sd_min = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (tool_is_help(a)) {
            study_usage(stdout);
            return EXIT_OK;
        }
        if (a[0] == '-' && a[1] == '-') {
            if (i + 1 >= argc)
                return tool_usage_error("study", "%s needs a value", a);
            const char *v = argv[++i];
            int rc = EXIT_OK;
            if (strcmp(a, "--criteria") == 0)
                criteria = v;
            else if (strcmp(a, "--format") == 0)
                format = v;
            else if (strcmp(a, "--reference-date") == 0)
                ref = v;
            else if (strcmp(a, "--reader") == 0)
                reader = v;
            else if (strcmp(a, "--confirm-days") == 0)
                rc = parse_days(a, v, &confirm);
            else if (strcmp(a, "--sd-min-days") == 0)
                rc = parse_days(a, v, &sd_min);
            else
                return tool_usage_error("study", "unknown option '%s'", a);
            if (rc != EXIT_OK)
                return rc;
        } else if (!dir) {
            dir = a;
        } else {
            return tool_usage_error("study", "unexpected argument '%s'", a);
        }
    }
    if (!dir)
        return tool_usage_error("study", "missing DIR");
    if (!criteria)
        return tool_usage_error("study", "missing --criteria (recist1.1, irecist or percist1.0)");
    ldrt_criteria crit = LDRT_CRITERIA_RECIST11;
    int csv = strcmp(format, "csv") == 0;
    ldrt_format fmt = LDRT_FORMAT_TEXT;
    if (ldrt_criteria_parse(criteria, &crit) != LDRT_OK)
        return tool_usage_error("study", "--criteria: unknown criteria '%s' (recist1.1, irecist or percist1.0)",
                                criteria);
    if (!csv && ldrt_timeline_format_parse(format, &fmt) != LDRT_OK)
        return tool_usage_error("study", "--format: unknown format '%s' (text, markdown, csv or json)",
                                format);
    /* --reference-date: a date, or where to find one per subject. */
    int ref_kind = 0; /* 0 none, 1 a date, LDRT_STUDY_FIRST_DOSE + 1, LDRT_STUDY_RANDOMIZATION + 1 */
    ldrt_date ref_date = LDRT_DATE_NONE;
    if (ref && strcmp(ref, "first-dose") == 0)
        ref_kind = 1 + LDRT_STUDY_FIRST_DOSE;
    else if (ref && strcmp(ref, "randomization") == 0)
        ref_kind = 1 + LDRT_STUDY_RANDOMIZATION;
    else if (ref) {
        if (ldrt_date_parse(ref, &ref_date) != LDRT_OK)
            return tool_usage_error("study", "--reference-date: %s (or first-dose, randomization)",
                                    ldrt_last_error());
        ref_kind = 1;
    }
    ldrt_study *st = NULL;
    int status = tool_read_study("study", dir, reader, criteria, &st);
    if (status != EXIT_OK)
        return status;
    status = tool_report_unmapped("study", st, 0);
    if (status != EXIT_OK) {
        ldrt_study_free(st);
        return status;
    }
    ldrt_study_audit *audit = NULL;
    if (ldrt_study_audit_new(st, (ldrt_criteria)crit, &audit) != LDRT_OK) {
        ldrt_study_free(st);
        return tool_file_error("study", dir);
    }
    size_t n = ldrt_study_subject_count(st), missing_ref = 0;
    int tty = isatty(STDERR_FILENO);
    double start = now_seconds(), last = 0;
    for (size_t i = 0; i < n && status == EXIT_OK; i++) {
        ldrt_response_options *opt = NULL;
        ldrt_date d = ref_date;
        if (ref_kind > 1 &&
            ldrt_study_subject_date(st, i, (ldrt_study_date)(ref_kind - 1), &d) != LDRT_OK) {
            d = LDRT_DATE_NONE;
            missing_ref++;
        }
        if (ldrt_response_options_new(&opt) != LDRT_OK ||
            (confirm >= 0 && ldrt_response_options_set_confirm_days(opt, confirm) != LDRT_OK) ||
            (sd_min >= 0 && ldrt_response_options_set_sd_min_days(opt, sd_min) != LDRT_OK) ||
            (d && ldrt_response_options_set_reference_date(opt, d) != LDRT_OK) ||
            ldrt_study_audit_add(audit, i, opt) != LDRT_OK)
            status = tool_file_error("study", ldrt_patient_id(ldrt_study_patient_at(st, i)));
        ldrt_response_options_free(opt);
        if (tty)
            progress(i + 1, n, start, &last, i + 1 == n);
    }
    if (missing_ref)
        fprintf(stderr, "ldrt study: %zu subject%s without a %s date: the SD minimum counts from "
                "the baseline scan\n", missing_ref, missing_ref == 1 ? "" : "s", ref);
    char *text = NULL;
    size_t len = 0;
    if (status == EXIT_OK) {
        int rc = csv ? ldrt_study_audit_csv(audit, &text, &len)
                     : ldrt_study_audit_render(audit, fmt, &text, &len);
        status = rc == LDRT_OK ? tool_write_output("study", text, len) : tool_file_error("study", dir);
    }
    ldrt_study_audit_free(audit);
    ldrt_study_free(st);
    return status;
}
