/*
 * ldrt validate FILE...: checks patient documents and lists every problem
 * with its JSON path. Public API only.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static void validate_help(void)
{
    printf("Usage: ldrt validate FILE...\n"
           "\n"
           "Checks patient documents (format version %d) and prints every problem\n"
           "found, one per line, as FILE: JSON-PATH: message, on standard error.\n"
           "After a problem in one diagnosis, lesion or event the check goes on with\n"
           "the next one. A valid document prints \"FILE: valid\" on standard output.\n"
           "\n"
           "Examples:\n"
           "  ldrt validate examples/data/case-fong-2025.json\n"
           "  ldrt validate *.json || echo 'some documents are invalid'\n"
           "\n"
           "Exit status: 0 every document valid, 1 a document is invalid or\n"
           "unreadable, 2 usage error.\n",
           LDRT_FORMAT_VERSION);
}

int cmd_validate(int argc, char **argv)
{
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (tool_is_help(argv[i])) {
            validate_help();
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--") == 0)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return tool_usage_error("validate", "unknown option '%s'", argv[i]);
        nfiles++;
    }
    if (!nfiles)
        return tool_usage_error("validate", "a patient document (FILE) is needed");
    /* The verdicts of valid files are kept until the end: stdout holds them
     * only when every file is valid (nothing on stdout on failure); otherwise
     * they go to stderr with the problems. */
    int status = EXIT_OK;
    char *valid = NULL;
    size_t valid_len = 0;
    FILE *verdicts = open_memstream(&valid, &valid_len);
    if (!verdicts) {
        fprintf(stderr, "ldrt validate: out of memory\n");
        return EXIT_INVALID;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            continue;
        const char *file = argv[i];
        char *report = NULL;
        size_t problems = 0;
        if (ldrt_json_validate_file(file, &report, &problems) != LDRT_OK) {
            status = tool_file_error("validate", file);
            continue;
        }
        if (problems == 0) {
            fprintf(verdicts, "%s: valid\n", file);
        } else {
            status = EXIT_INVALID;
            /* One line per problem, each prefixed with the file name. */
            for (char *line = report; *line;) {
                char *nl = strchr(line, '\n');
                size_t len = nl ? (size_t)(nl - line) : strlen(line);
                char *safe = NULL;
                if (nl)
                    *nl = '\0';
                /* A message may quote the document: escaped for the terminal. */
                if (ldrt_text_escape(line, LDRT_FORMAT_TEXT, &safe) == LDRT_OK)
                    fprintf(stderr, "%s: %s\n", file, safe);
                else
                    fprintf(stderr, "%s: (out of memory)\n", file);
                ldrt_free(safe);
                line += len + (nl ? 1 : 0);
            }
            fprintf(stderr, "%s: %zu problem%s\n", file, problems, problems == 1 ? "" : "s");
        }
        ldrt_free(report);
    }
    if (fclose(verdicts) != 0) {
        free(valid);
        fprintf(stderr, "ldrt validate: out of memory\n");
        return EXIT_INVALID;
    }
    fwrite(valid, 1, valid_len, status == EXIT_OK ? stdout : stderr);
    free(valid);
    return status;
}
