/*
 * ldrt: the command-line face of libldrt. A thin shell over the public API.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static const struct ldrt_command commands[] = {
    { "report", "the whole story of a patient document (text, Markdown or JSON)", cmd_report },
    { "timeline", "print the events of a patient document in time order", cmd_timeline },
    { "dose", "BED, EQD2 and regimen of a schedule, or the dose table of a patient", cmd_dose },
    { "assess", "tumour response by RECIST 1.1, iRECIST or PERCIST 1.0, with reasons", cmd_assess },
    { "validate", "check patient documents and list every problem with its path", cmd_validate },
    { "plot", "draw a patient document as SVG (swimmer, spider, cumulative dose)", cmd_plot },
    { "version", "print the version of the command and of the library", cmd_version },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

int tool_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "ldrt %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'ldrt %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int tool_file_error(const char *cmd, const char *file)
{
    /* The message may quote the document: escaped for the terminal. */
    char *safe = NULL;
    const char *msg = ldrt_text_escape(ldrt_last_error(), LDRT_FORMAT_TEXT, &safe) == LDRT_OK
                          ? safe : "out of memory";
    size_t n = strlen(file);
    if (strncmp(msg, file, n) == 0 && msg[n] == ':')
        fprintf(stderr, "ldrt %s: %s\n", cmd, msg);
    else
        fprintf(stderr, "ldrt %s: %s: %s\n", cmd, file, msg);
    ldrt_free(safe);
    return EXIT_INVALID;
}

int tool_write_output(const char *cmd, char *text, size_t size)
{
    int bad = fwrite(text, 1, size, stdout) != size || fflush(stdout) != 0;
    ldrt_free(text);
    if (bad) {
        fprintf(stderr, "ldrt %s: cannot write the output: %s\n", cmd, strerror(errno));
        return EXIT_INVALID;
    }
    return EXIT_OK;
}

/* Every command ends here: what it printed must have reached stdout (a full
 * disk, a closed pipe), else the command failed. */
static int finish(const char *cmd, int status)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (status == EXIT_OK || status == EXIT_USAGE)
            fprintf(stderr, "ldrt%s%s: cannot write the output: %s\n", cmd ? " " : "",
                    cmd ? cmd : "", errno ? strerror(errno) : "write error");
        return status == EXIT_USAGE ? EXIT_USAGE : EXIT_INVALID;
    }
    return status;
}

int tool_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: ldrt COMMAND [ARGS...]\n"
            "\n"
            "The clinical record of immunotherapy plus (low-dose) radiotherapy:\n"
            "dose equivalence, regimens and tumour response from a patient document.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "Run 'ldrt COMMAND --help' for the options and examples of a command.\n"
            "Exit status: 0 success, 1 invalid input, 2 usage error.\n");
}

int cmd_version(int argc, char **argv)
{
    if (argc > 1 && tool_is_help(argv[1])) {
        printf("Usage: ldrt version\n\n"
               "Prints the version of the ldrt command and of the libldrt library it runs\n"
               "with; they differ only when a newer library is installed.\n\n"
               "Example:\n  ldrt version\n");
        return EXIT_OK;
    }
    if (argc > 1)
        return tool_usage_error("version", "unexpected argument '%s'", argv[1]);
    printf("ldrt %s (libldrt %s)\n", LDRT_VERSION_STRING, ldrt_version_string());
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (tool_is_help(argv[1])) {
        usage(stdout);
        return finish(NULL, EXIT_OK);
    }
    if (strcmp(argv[1], "--version") == 0)
        return finish("version", cmd_version(1, argv + 1));
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return finish(commands[i].name, commands[i].run(argc - 1, argv + 1));
    fprintf(stderr, "ldrt: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
