/*
 * libFuzzer harness: the ldrt command end to end on any document. The first
 * byte of the input chooses a command line (validate; report, timeline and
 * assess under each criteria in each format; each plot; dose with its
 * options), the rest is the document, written to a temporary file that the
 * command reads. The contract of every command is checked (cli_run.h):
 * exit 0 or 1, nothing on stdout and an error on stderr on failure, JSON
 * that parses, SVG that is well-formed.
 * Built with the tool sources (main renamed ldrt_tool_main), see Makefile.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <unistd.h>

#include "cli_run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

struct cmdline {
    enum cli_output out;
    const char *args[10]; /* after "ldrt", with FILE for the document */
};

static const struct cmdline cmdlines[] = {
    { CLI_TEXT, { "validate", "FILE" } },
    { CLI_TEXT, { "report", "FILE" } },
    { CLI_TEXT, { "report", "FILE", "--format", "markdown" } },
    { CLI_JSON, { "report", "FILE", "--format", "json" } },
    { CLI_TEXT, { "timeline", "FILE" } },
    { CLI_TEXT, { "timeline", "FILE", "--format", "markdown" } },
    { CLI_JSON, { "timeline", "FILE", "--format", "json" } },
    { CLI_TEXT, { "assess", "FILE", "--criteria", "recist1.1" } },
    { CLI_TEXT, { "assess", "FILE", "--criteria", "recist1.1", "--format", "markdown" } },
    { CLI_JSON, { "assess", "FILE", "--criteria", "recist1.1", "--format", "json" } },
    { CLI_TEXT, { "assess", "FILE", "--criteria", "irecist" } },
    { CLI_JSON, { "assess", "FILE", "--criteria", "irecist", "--format", "json" } },
    { CLI_TEXT, { "assess", "FILE", "--criteria", "percist1.0" } },
    { CLI_JSON, { "assess", "FILE", "--criteria", "percist1.0", "--format", "json" } },
    { CLI_JSON, { "assess", "FILE", "--criteria", "recist1.1", "--confirm-days", "0",
                  "--sd-min-days", "0", "--format", "json" } },
    { CLI_SVG, { "plot", "FILE", "--kind", "swimmer" } },
    { CLI_SVG, { "plot", "FILE", "--kind", "spider" } },
    { CLI_SVG, { "plot", "FILE", "--kind", "dose" } },
    { CLI_TEXT, { "dose", "FILE" } },
    { CLI_JSON, { "dose", "FILE", "--format", "json" } },
    { CLI_JSON, { "dose", "FILE", "--ab", "0.5", "--ab", "30", "--recovery", "fixed",
                  "--format", "json" } },
    { CLI_TEXT, { "dose", "FILE", "--preset", "melanoma", "--window", "0",
                  "--radscopal-window", "0" } },
    { CLI_JSON, { "dose", "FILE", "--window", "36500", "--radscopal-window", "36500",
                  "--format", "json" } },
};
#define N_CMDLINES (sizeof cmdlines / sizeof cmdlines[0])

static char path[4096];

static void remove_tmp(void)
{
    unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/ldrt-fuzz-cli-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        abort();
    close(fd);
    atexit(remove_tmp);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const struct cmdline *c = &cmdlines[data[0] % N_CMDLINES];
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data + 1, 1, size - 1, f) != size - 1 || fclose(f) != 0)
        abort();
    char *argv[16];
    size_t n = 0;
    argv[n++] = (char *)"ldrt";
    for (size_t i = 0; i < 10 && c->args[i]; i++)
        argv[n++] = strcmp(c->args[i], "FILE") == 0 ? path : (char *)c->args[i];
    argv[n] = NULL;
    struct cli_result r;
    cli_run(argv, &r);
    cli_check(argv, &r, c->out, 0, 0);
    cli_result_free(&r);
    return 0;
}
