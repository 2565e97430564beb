/*
 * Shared by the harnesses of the ldrt command (fuzz_cli, fuzz_cli_options):
 * runs the command in process (the tool sources are compiled into the
 * harness with main renamed ldrt_tool_main) with stdout and stderr captured
 * in memory, and checks the contract of every command:
 *   - exit 0, 1 or (only where usage errors are possible) 2;
 *   - on failure nothing on stdout and one error on stderr beginning
 *     "ldrt " (or "FILE: " for validate);
 *   - on success, JSON output parses strictly (jansson: no NaN, no
 *     duplicate key, one value), SVG output is well-formed XML, and no
 *     output prints a non-finite number ("nan", "inf");
 * and abort()s on a breach, which libFuzzer reports with the input.
 * The streams are swapped at the FILE level (stdout, stderr), so that the
 * fuzzer's and the sanitizers' own reports still reach the terminal.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_FUZZ_CLI_RUN_H
#define LDRT_FUZZ_CLI_RUN_H

#include <ctype.h>
#include <strings.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../support/xmlcheck.c"

int ldrt_tool_main(int argc, char **argv);

enum cli_output { CLI_TEXT, CLI_JSON, CLI_SVG };

struct cli_result {
    int status;
    char *out, *err;
    size_t out_len, err_len;
};

static void cli_fail(const char *why, char **argv, const struct cli_result *r)
{
    fprintf(stderr, "\nldrt contract broken: %s\ncommand:", why);
    for (size_t i = 0; argv[i]; i++)
        fprintf(stderr, " '%s'", argv[i]);
    fprintf(stderr, "\nexit status %d\n--- stdout (%zu bytes)\n%.2000s\n--- stderr\n%.2000s\n",
            r->status, r->out_len, r->out ? r->out : "", r->err ? r->err : "");
    abort();
}

/* Runs ldrt argv[0..] (argv[0] is "ldrt", NULL-terminated). */
static void cli_run(char **argv, struct cli_result *r)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    memset(r, 0, sizeof *r);
    FILE *old_out = stdout, *old_err = stderr;
    FILE *out = open_memstream(&r->out, &r->out_len);
    FILE *err = open_memstream(&r->err, &r->err_len);
    if (!out || !err)
        abort();
    fflush(old_out);
    stdout = out;
    stderr = err;
    r->status = ldrt_tool_main(argc, argv);
    stdout = old_out;
    stderr = old_err;
    fclose(out);
    fclose(err);
}

static void cli_result_free(struct cli_result *r)
{
    free(r->out);
    free(r->err);
}

/* A word "nan" or "inf" (any case, signed or not) that is not part of a
 * longer word: a non-finite number printed as one. */
static int has_non_finite(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        size_t n = 0;
        if (strncasecmp(p, "nan", 3) == 0)
            n = 3;
        else if (strncasecmp(p, "infinity", 8) == 0)
            n = 8;
        else if (strncasecmp(p, "inf", 3) == 0)
            n = 3;
        if (n && !isalnum((unsigned char)p[n]) && p[n] != '_' && p[n] != '-')
            return 1;
    }
    return 0;
}

static void cli_check(char **argv, const struct cli_result *r, enum cli_output kind,
                      int usage_possible, int numbers_only)
{
    const char *cmd = argv[1];
    if (!(r->status == 0 || r->status == 1 || (usage_possible && r->status == 2)))
        cli_fail("exit status is not 0 or 1 (2 for usage errors)", argv, r);
    if (r->status != 0) {
        if (r->out_len != 0)
            cli_fail("failed but wrote on stdout", argv, r);
        if (r->err_len == 0)
            cli_fail("failed without a message on stderr", argv, r);
        if (strcmp(cmd, "validate") == 0) {
            size_t n = strlen(argv[2]);
            if (strncmp(r->err, argv[2], n) != 0 || r->err[n] != ':')
                cli_fail("validate: the error does not begin with the file", argv, r);
        } else if (strncmp(r->err, "ldrt ", 5) != 0) {
            cli_fail("the error does not begin with 'ldrt '", argv, r);
        }
        return;
    }
    if (r->out_len == 0 || strlen(r->out) != r->out_len)
        cli_fail("exit 0 with no output, or a NUL byte in the output", argv, r);
    if (kind == CLI_JSON) {
        json_error_t e;
        json_t *j = json_loadb(r->out, r->out_len, JSON_REJECT_DUPLICATES, &e);
        if (!j) {
            fprintf(stderr, "jansson: %s (line %d, column %d)\n", e.text, e.line, e.column);
            cli_fail("invalid JSON on stdout", argv, r);
        }
        json_decref(j);
    } else if (kind == CLI_SVG) {
        char why[200];
        if (tu_xml_check(r->out, why, sizeof why) != 0) {
            fprintf(stderr, "xml: %s\n", why);
            cli_fail("SVG that is not well-formed XML", argv, r);
        }
    }
    /* A document's free text may hold the word "nan": only outputs made of
     * numbers and fixed words (a dose schedule) are searched for it. */
    if (numbers_only && has_non_finite(r->out))
        cli_fail("a non-finite number in the output", argv, r);
}

#endif
