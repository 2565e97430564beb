/*
 * ldrt plot FILE --kind swimmer|spider|dose [--output OUT.svg]: a picture of
 * a patient document as self-contained SVG. Public API only.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

static void plot_help(void)
{
    printf("Usage: ldrt plot FILE --kind swimmer|spider|dose [--output OUT.svg]\n"
           "\n"
           "Draws a patient document as a self-contained SVG picture (no script, no\n"
           "external reference; opens in any browser):\n"
           "  swimmer  the treatment history: a row per drug with a tick per\n"
           "           administration and its holidays, radiotherapy courses labelled\n"
           "           with dose, fractions and EQD2, surgeries, scans, toxicities\n"
           "  spider   each measured lesion's percent change from baseline over time,\n"
           "           with the RECIST 1.1 thresholds (-30%%, +20%%); lesions in a\n"
           "           radiotherapy field solid, out of field dashed\n"
           "  dose     cumulative physical dose and EQD2 per irradiated lesion\n"
           "Dates known only to the month or year are drawn hollow, at the earliest\n"
           "day they can fall on.\n"
           "\n"
           "Options:\n"
           "  --kind KIND        swimmer, spider or dose (required)\n"
           "  --output FILE      write the SVG to FILE, atomically (default: stdout)\n"
           "\n"
           "Examples:\n"
           "  ldrt plot examples/data/case-fong-2025.json --kind swimmer --output swimmer.svg\n"
           "  ldrt plot case.json --kind spider > spider.svg\n"
           "\n"
           "Exit status: 0 success, 1 unreadable or invalid document or unwritable\n"
           "output, 2 usage error.\n");
}

/* Reads the value of an option given as "--name VALUE" or "--name=VALUE". */
static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strcmp(argv[*i], name) == 0) {
        if (*i + 1 >= argc)
            return -1;
        *value = argv[++*i];
        return 1;
    }
    if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
        *value = argv[*i] + n + 1;
        return 1;
    }
    return 0;
}

int cmd_plot(int argc, char **argv)
{
    const char *file = NULL, *kind_name = NULL, *output = NULL;
    for (int i = 1; i < argc; i++) {
        if (tool_is_help(argv[i])) {
            plot_help();
            return EXIT_OK;
        }
        int r;
        if ((r = option_value(argc, argv, &i, "--kind", &kind_name)) != 0 ||
            (r = option_value(argc, argv, &i, "--output", &output)) != 0) {
            if (r < 0)
                return tool_usage_error("plot", "%s needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return tool_usage_error("plot", "unknown option '%s'", argv[i]);
        } else if (file) {
            return tool_usage_error("plot", "unexpected argument '%s'", argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!file)
        return tool_usage_error("plot", "a patient document (FILE) is needed");
    if (!kind_name)
        return tool_usage_error("plot", "--kind is needed (swimmer, spider or dose)");
    ldrt_plot_kind kind;
    if (ldrt_plot_kind_parse(kind_name, &kind) != LDRT_OK)
        return tool_usage_error("plot", "unknown kind '%s' (swimmer, spider or dose)", kind_name);
    if (output && !*output)
        return tool_usage_error("plot", "--output needs a file name");
    ldrt_patient *p = NULL;
    if (ldrt_patient_load_json(file, &p) != LDRT_OK)
        return tool_file_error("plot", file);
    int status = EXIT_OK;
    if (output && strcmp(output, "-") != 0) {
        if (ldrt_plot_save_svg(p, kind, output) != LDRT_OK) {
            fprintf(stderr, "ldrt plot: %s\n", ldrt_last_error());
            status = EXIT_INVALID;
        }
    } else {
        char *svg = NULL;
        size_t size = 0;
        if (ldrt_plot_svg(p, kind, &svg, &size) != LDRT_OK) {
            status = tool_file_error("plot", file);
        } else if (fwrite(svg, 1, size, stdout) != size || fflush(stdout) != 0) {
            fprintf(stderr, "ldrt plot: cannot write the output\n");
            status = EXIT_INVALID;
        }
        ldrt_free(svg);
    }
    ldrt_patient_free(p);
    return status;
}
