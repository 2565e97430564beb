/*
 * The ldrt command: shared declarations of its subcommands.
 * The command uses the public API only (it links the shared library).
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_TOOL_H
#define LDRT_TOOL_H

#include <stddef.h>
#include <stdio.h>

/* Exit statuses of every subcommand. */
enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* A subcommand: name, one-line summary, entry point (argv[0] is its name). */
struct ldrt_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
};

/* Prints "ldrt NAME: message" on stderr and returns EXIT_USAGE. */
int tool_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints "ldrt NAME: FILE: message" on stderr, with the library's last error
 * as the message (FILE is left out when the message already begins with it,
 * as an unreadable file's does), and returns EXIT_INVALID. */
int tool_file_error(const char *cmd, const char *file);

/* Writes text (size bytes) on stdout, frees it (ldrt_free), and checks that
 * it was written: EXIT_OK, or EXIT_INVALID with a message on stderr. */
int tool_write_output(const char *cmd, char *text, size_t size);

/* True when argv[i] is -h or --help. */
int tool_is_help(const char *arg);

int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_dose(int argc, char **argv);
int cmd_assess(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
/* The SDTM forms of import and export (cmd_sdtm.c); cmd_import and
 * cmd_export pick a format by its switch (--fhir, --sdtm). */
int cmd_import_sdtm(int argc, char **argv);
int cmd_export_sdtm(int argc, char **argv);
int cmd_study(int argc, char **argv);

struct ldrt_study;
/* Reads an SDTM directory (reader stream and criteria may be NULL for the
 * defaults); EXIT_OK, or an error printed. */
int tool_read_study(const char *cmd, const char *dir, const char *reader, const char *criteria,
                    struct ldrt_study **out);
/* Prints on stderr every row the reader could not map (each) or their count:
 * EXIT_OK, or EXIT_INVALID with an error printed when memory ran out (a
 * row's line is never printed with a part missing). */
int tool_report_unmapped(const char *cmd, const struct ldrt_study *st, int each);
/* Creates a directory unless it exists: EXIT_OK, or an error printed. */
int tool_make_dir(const char *cmd, const char *dir);

#endif
