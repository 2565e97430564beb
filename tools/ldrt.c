/*
 * ldrt: the command-line face of libldrt. A thin shell over the public API.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static const struct ldrt_command commands[] = {
    { "report", "the whole story of a patient document (text, Markdown or JSON)", cmd_report },
    { "timeline", "print the events of a patient document in time order", cmd_timeline },
    { "dose", "BED, EQD2 and regimen of a schedule, or the dose table of a patient", cmd_dose },
    { "assess", "tumour response by RECIST 1.1, iRECIST or PERCIST 1.0, with reasons", cmd_assess },
    { "import", "patient documents from a FHIR R4 (mCODE) bundle or CDISC SDTM domains", cmd_import },
    { "export", "patient documents as a FHIR R4 (mCODE) bundle or CDISC SDTM domains", cmd_export },
    { "study", "assess a whole SDTM study and audit its recorded responses", cmd_study },
    { "validate", "check patient documents and list every problem with its path", cmd_validate },
    { "plot", "draw a patient document as SVG (swimmer, spider, cumulative dose)", cmd_plot },
    { "version", "print the version of the command and of the library", cmd_version },
    { "help", "print this list, or the help of a command (ldrt help COMMAND)", cmd_help },
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

int cmd_help(int argc, char **argv)
{
    if (argc > 1 && tool_is_help(argv[1])) {
        printf("Usage: ldrt help [COMMAND]\n\n"
               "Prints the list of commands, or the help of COMMAND (as ldrt COMMAND --help).\n\n"
               "Examples:\n  ldrt help\n  ldrt help dose\n");
        return EXIT_OK;
    }
    if (argc < 2) {
        usage(stdout);
        return EXIT_OK;
    }
    if (argc > 2)
        return tool_usage_error("help", "unexpected argument '%s'", argv[2]);
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0 && commands[i].run != cmd_help) {
            char *args[] = { argv[1], (char *)"--help", NULL };
            return commands[i].run(2, args);
        }
    return tool_usage_error("help", "unknown command '%s'", argv[1]);
}

/* The '=' of a "--name=value" argument, or NULL. A help request neither
 * is a value nor takes one: "--total=--help" and "--help=x" stay one
 * (unknown) argument, a usage error, rather than becoming "--total" "--help"
 * or "--help" "x" and printing the help. */
static char *option_value_sign(const char *arg)
{
    char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    if (!eq || tool_is_help(eq + 1))
        return NULL;
    return (size_t)(eq - arg) == strlen("--help") && strncmp(arg, "--help", 6) == 0 ? NULL : eq;
}

/* GNU style: "--name=value" is "--name" "value" for every command (up to a
 * "--" that ends the options). Returns a new argv (argv[0..argc]) or NULL. */
static char **split_options(int argc, char **argv, int *out_argc)
{
    int extra = 0;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        extra += option_value_sign(argv[i]) != NULL;
    char **v = calloc((size_t)argc + (size_t)extra + 1, sizeof *v);
    if (!v)
        return NULL;
    int n = 0, opts = 1;
    for (int i = 0; i < argc; i++) {
        char *eq = i > 0 && opts ? option_value_sign(argv[i]) : NULL;
        if (i > 0 && strcmp(argv[i], "--") == 0)
            opts = 0;
        if (eq) {
            *eq = '\0'; /* argv strings are writable (C11 5.1.2.2.1) */
            v[n++] = argv[i];
            v[n++] = eq + 1;
        } else {
            v[n++] = argv[i];
        }
    }
    v[n] = NULL;
    *out_argc = n;
    return v;
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
        if (strcmp(argv[1], commands[i].name) == 0) {
            int n = 0;
            char **v = split_options(argc, argv, &n);
            if (!v) {
                fprintf(stderr, "ldrt: out of memory\n");
                return EXIT_INVALID;
            }
            int status = finish(commands[i].name, commands[i].run(n - 1, v + 1));
            free(v);
            return status;
        }
    fprintf(stderr, "ldrt: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
