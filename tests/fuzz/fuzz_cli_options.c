/*
 * libFuzzer harness: the option parsers of the ldrt command, numeric ones
 * first (--total, --fractions, --ab, --ref, --alpha, --d0, --dq,
 * --transition, --alpha-ratio, --dc, --window, --radscopal-window,
 * --confirm-days, --sd-min-days, --reference-date). The first byte chooses
 * the command: a dose schedule, the dose table of the seed case, or its
 * assessment; the rest is the argument list, one argument per line.
 * Checked (cli_run.h): exit 0, 1 or 2, nothing on stdout and an error on
 * stderr on failure, JSON that parses, and no "nan" or "inf" printed by a
 * dose schedule. Arguments with '/' are not tried (no file outside the
 * working directory is ever read); no command here writes a file.
 * Built with the tool sources (main renamed ldrt_tool_main), see Makefile.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <unistd.h>

#include "cli_run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The seed case; make fuzz runs at the top of the tree. */
#define SEED "examples/data/case-fong-2025.json"
#define MAX_ARGS 24
#define MAX_ARG 80

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > MAX_ARGS * (MAX_ARG + 1))
        return 0;
    int mode = data[0] % 3;
    char text[MAX_ARGS * (MAX_ARG + 1) + 1];
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    if (memchr(data + 1, '\0', size - 1) || strchr(text, '/'))
        return 0;
    char *argv[MAX_ARGS + 4];
    size_t n = 0;
    argv[n++] = (char *)"ldrt";
    argv[n++] = (char *)(mode == 2 ? "assess" : "dose");
    if (mode != 0)
        argv[n++] = (char *)SEED;
    char *save = NULL;
    for (char *t = strtok_r(text, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
        if (n >= MAX_ARGS + 2 || strlen(t) > MAX_ARG)
            return 0;
        argv[n++] = t;
    }
    argv[n] = NULL;
    enum cli_output kind = CLI_TEXT;
    int plain = 1; /* output of numbers and fixed words only */
    for (size_t i = 2; i < n; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < n)
            kind = strcmp(argv[i + 1], "json") == 0 ? CLI_JSON : CLI_TEXT;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0 ||
            strcmp(argv[i], "--list-presets") == 0)
            plain = 0;
    }
    struct cli_result r;
    cli_run(argv, &r);
    /* A help request prints usage text, whatever --format says before or
     * after it (the fuzzer found --help followed by --format json). */
    cli_check(argv, &r, plain ? kind : CLI_TEXT, 1, mode == 0 && plain);
    cli_result_free(&r);
    return 0;
}
