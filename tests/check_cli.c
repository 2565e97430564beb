/*
 * Tests of the ldrt command (bin/ldrt, found through LDRT_BIN): exit
 * statuses (0 success, 1 invalid input, 2 usage), --help with examples on
 * every subcommand, nothing on stdout on failure, errors on stderr naming
 * the file and the JSON path, and the plot and report subcommands on the
 * seed case.
 * SPDX-License-Identifier: MIT
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "runner.h"
#include "testutil.h"
#include "xmlcheck.h"

static const char *bin(void)
{
    const char *b = getenv("LDRT_BIN");
    return b && *b ? b : "bin/ldrt";
}

/* Runs bin/ldrt with args (NULL-terminated); returns its exit status and
 * what it wrote (malloc'd). */
static int run(const char *const *args, char **out, char **err)
{
    const char *argv[32];
    size_t n = 0;
    argv[n++] = bin();
    for (; args[n - 1] && n < 31; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    struct tu_run r;
    tu_run_program(argv, 120, &r);
    ck_assert_msg(r.status >= 0, "ldrt killed by signal %d: %.2000s", -r.status, r.err);
    *out = r.out;
    *err = r.err;
    return r.status;
}

#define RUN(out, err, ...) run((const char *const[]){ __VA_ARGS__, NULL }, out, err)

static const char *seed(void)
{
    static char path[512];
    snprintf(path, sizeof path, "%s", tu_example_path("case-fong-2025.json"));
    return path;
}

static char tmp[64];

static void make_tmp(void)
{
    strcpy(tmp, "/tmp/ldrt-cli-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static const char *write_tmp(const char *name, const char *text)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void rm_tmp(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

/* ---- the command ------------------------------------------------------------------ */

START_TEST(usage_errors_exit_2)
{
    char *out, *err;
    ck_assert_int_eq(run((const char *const[]){ NULL }, &out, &err), 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "Usage: ldrt COMMAND"));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "frobnicate"), 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "unknown command 'frobnicate'"));
    free(out);
    free(err);
}
END_TEST

START_TEST(every_subcommand_has_help_with_examples)
{
    char *out, *err;
    ck_assert_int_eq(RUN(&out, &err, "--help"), 0);
    /* The command table as printed: "  NAME  summary" lines after "Commands:". */
    char *list = strstr(out, "Commands:\n");
    ck_assert_ptr_nonnull(list);
    int seen = 0, plot = 0, report = 0;
    for (char *line = strchr(list, '\n') + 1; line && strncmp(line, "  ", 2) == 0;) {
        char name[32];
        ck_assert_int_eq(sscanf(line, " %31s", name), 1);
        char *hout, *herr;
        ck_assert_int_eq(RUN(&hout, &herr, name, "--help"), 0);
        char usage[64];
        snprintf(usage, sizeof usage, "Usage: ldrt %s", name);
        ck_assert_msg(strstr(hout, usage) != NULL, "%s --help has no usage line", name);
        ck_assert_msg(strstr(hout, "Example") != NULL, "%s --help has no example", name);
        ck_assert_str_eq(herr, "");
        free(hout);
        free(herr);
        seen++;
        plot += strcmp(name, "plot") == 0;
        report += strcmp(name, "report") == 0;
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    ck_assert_int_ge(seen, 3);
    ck_assert(plot && report);
    free(out);
    free(err);
}
END_TEST

/* The man page documents every subcommand and formats without a warning. */
START_TEST(man_page_covers_every_subcommand)
{
    ck_assert_msg(access("doc/ldrt.1", R_OK) == 0, "doc/ldrt.1 is missing");
    char *man = tu_slurp("doc/ldrt.1", NULL);
    char *out, *err;
    ck_assert_int_eq(RUN(&out, &err, "--help"), 0);
    char *list = strstr(out, "Commands:\n");
    ck_assert_ptr_nonnull(list);
    for (char *line = strchr(list, '\n') + 1; line && strncmp(line, "  ", 2) == 0;) {
        char name[32], section[48];
        ck_assert_int_eq(sscanf(line, " %31s", name), 1);
        snprintf(section, sizeof section, "\n.SS %s\n", name);
        ck_assert_msg(strstr(man, section) != NULL, "doc/ldrt.1 has no section for '%s'", name);
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    ck_assert_ptr_nonnull(strstr(man, ".SH EXIT STATUS"));
    free(out);
    free(err);
    free(man);
    if (system("groff -v >/dev/null 2>&1") == 0) {
        FILE *g = popen("groff -man -Tutf8 -ww -z doc/ldrt.1 2>&1", "r");
        ck_assert_ptr_nonnull(g);
        char buf[512];
        size_t n = fread(buf, 1, sizeof buf - 1, g);
        buf[n] = '\0';
        ck_assert_int_eq(pclose(g), 0);
        ck_assert_msg(n == 0, "groff warns about doc/ldrt.1: %s", buf);
    }
}
END_TEST

/* ---- plot ------------------------------------------------------------------------- */

START_TEST(plot_usage_errors)
{
    static const char *const cases[][5] = {
        { "plot", NULL, NULL, NULL },                      /* no file */
        { "plot", "x.json", NULL, NULL },                  /* no --kind */
        { "plot", "x.json", "--kind", NULL },              /* --kind without value */
        { "plot", "x.json", "--kind", "pie" },             /* unknown kind */
        { "plot", "x.json", "--colour", "red" },           /* unknown option */
    };
    static const char *const needles[] = { "FILE", "--kind", "--kind needs a value",
                                           "unknown kind 'pie'", "unknown option '--colour'" };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out, *err;
        ck_assert_int_eq(run(cases[i], &out, &err), 2);
        ck_assert_str_eq(out, "");
        ck_assert_msg(strstr(err, needles[i]) != NULL, "case %zu: %s", i, err);
        ck_assert_ptr_nonnull(strstr(err, "Try 'ldrt plot --help'"));
        free(out);
        free(err);
    }
}
END_TEST

START_TEST(plot_invalid_input_exits_1_naming_file_and_path)
{
    make_tmp();
    char *out, *err;
    /* A file that does not exist. */
    char missing[128];
    snprintf(missing, sizeof missing, "%s/nope.json", tmp);
    ck_assert_int_eq(RUN(&out, &err, "plot", missing, "--kind", "swimmer"), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, missing));
    free(out);
    free(err);
    /* A document with a negative fraction dose: the JSON path is named. */
    const char *bad = write_tmp("bad.json",
                                "{\"ldrt\": 1, \"patient\": {\"id\": \"x\"}, \"events\": ["
                                "{\"type\": \"radiotherapy\", \"date\": \"2023-07-21\", "
                                "\"fractions\": [{\"date\": \"2023-07-21\", \"dose_gy\": -2}]}]}");
    ck_assert_int_eq(RUN(&out, &err, "plot", bad, "--kind", "dose"), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, bad));
    ck_assert_ptr_nonnull(strstr(err, "events[0].fractions[0].dose_gy"));
    free(out);
    free(err);
    /* An output that cannot be written: exit 1, the path named, nothing left. */
    char unwritable[160];
    snprintf(unwritable, sizeof unwritable, "%s/no/such/dir/p.svg", tmp);
    ck_assert_int_eq(RUN(&out, &err, "plot", seed(), "--kind", "spider", "--output", unwritable), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, unwritable));
    free(out);
    free(err);
    rm_tmp();
}
END_TEST

START_TEST(plot_writes_svg_to_stdout_or_file)
{
    make_tmp();
    char *out, *err, *out2, *err2;
    ck_assert_int_eq(RUN(&out, &err, "plot", seed(), "--kind", "swimmer"), 0);
    ck_assert_str_eq(err, "");
    char why[160];
    ck_assert_msg(tu_xml_check(out, why, sizeof why) == 0, "%s", why);
    char path[160];
    snprintf(path, sizeof path, "%s/s.svg", tmp);
    ck_assert_int_eq(RUN(&out2, &err2, "plot", seed(), "--kind=swimmer", "--output", path), 0);
    ck_assert_str_eq(out2, "");
    char *file = tu_slurp(path, NULL);
    ck_assert_str_eq(file, out);
    free(file);
    free(out);
    free(err);
    free(out2);
    free(err2);
    rm_tmp();
}
END_TEST

/* The plots committed under doc/ are the current rendering of the seed case
 * (regenerate them with `ldrt plot` when this fails). */
START_TEST(doc_plots_are_up_to_date)
{
    static const char *const kinds[] = { "swimmer", "spider", "dose" };
    for (size_t i = 0; i < 3; i++) {
        char path[64];
        snprintf(path, sizeof path, "doc/case-%s.svg", kinds[i]);
        ck_assert_msg(access(path, R_OK) == 0, "%s is missing", path);
        char *file = tu_slurp(path, NULL);
        char *out, *err;
        ck_assert_int_eq(RUN(&out, &err, "plot", seed(), "--kind", kinds[i]), 0);
        ck_assert_msg(strcmp(file, out) == 0,
                      "%s is stale: ldrt plot examples/data/case-fong-2025.json --kind %s "
                      "--output %s",
                      path, kinds[i], path);
        free(file);
        free(out);
        free(err);
    }
}
END_TEST

/* ---- report ---------------------------------------------------------------------- */

START_TEST(report_tells_the_seed_story)
{
    char *out, *err;
    ck_assert_int_eq(RUN(&out, &err, "report", seed()), 0);
    ck_assert_str_eq(err, "");
    static const char *const needles[] = {
        "Report of patient fong-2025-melanoma",
        "Summary",
        "Radiotherapy courses",
        /* SBRT 40 Gy / 5: BED10 = 40 (1 + 8/10) = 72, EQD2 a/b 10 = 60, a/b 3 = 40 x 11/5 = 88. */
        "SBRT-2022", "72", "60", "88", "sbrt",
        /* L-XRT 10 Gy / 5: BED10 = 12, EQD2 = 10, low-dose by the seed rule. */
        "LXRT-2023", "2023-07-21", "2023-07-26", "low-dose",
        "Fong KHA, Ho I, So TH, Front Oncol 2025",
        /* Per line of therapy (tests/check_exposure.c seed_case_per_line):
         * the rechallenge's pembrolizumab has cycles 1-4 and 19 dated and
         * 5-18 of unknown dates: 5 recorded, at least 19 given, 398 to 456
         * days. Then the totals:
         * nivolumab 240 mg x 16 = 3840 mg. */
        "Immunotherapy exposure", "Time on drug (days)", "at least 19", "398 to 456",
        "3840 mg", "holiday from 2022-06-13",
        "Immunotherapy timing against radiotherapy", "LXRT-2023  pembrolizumab", "concurrent",
        /* T1: 22 -> 14 mm (-36.4%, PR) -> 0 mm (CR), confirmed in April 2024. */
        "Tumour response", "recist1.1", "CR on 2023-12 confirmed by CR on 2024-04",
        "sum -36.4% from baseline 22.0 mm",
        "Response by course: in field and abscopal", "LXRT-2023  T1", "in field", "-100.0",
        "Immunotherapy resistance (SITC)", "pembrolizumab",
        "Toxicities", "Diarrhea",
    };
    const char *at = out;
    for (size_t i = 0; i < sizeof needles / sizeof needles[0]; i++) {
        const char *hit = strstr(at, needles[i]);
        ck_assert_msg(hit != NULL, "report lacks (in order) \"%s\"", needles[i]);
        at = hit;
    }
    free(out);
    free(err);
}
END_TEST

START_TEST(report_formats)
{
    char *out, *err;
    ck_assert_int_eq(RUN(&out, &err, "report", seed(), "--format", "markdown"), 0);
    ck_assert_ptr_nonnull(strstr(out, "# Report of patient fong-2025-melanoma\n"));
    /* The summary paragraph (unwrapped in Markdown). */
    ck_assert_ptr_nonnull(strstr(out, "Treatment stopped: holiday of pembrolizumab from 2022-06-13."));
    ck_assert_ptr_nonnull(strstr(out, "LXRT-2023 (low-dose, 10 Gy in 5 fractions from 2023-07-21)."));
    ck_assert_ptr_nonnull(strstr(out, "RECIST 1.1 from the baseline of 2023-07: best overall "
                                      "response CR, confirmed CR."));
    ck_assert_ptr_nonnull(strstr(out, "Toxicities: 2 recorded, worst grade 2."));
    /* Ipilimumab is two lines of 4 doses, not one total of 8. */
    ck_assert_ptr_nonnull(strstr(out, "line 3: ipilimumab x4 (2023-04 to 2023-06), pembrolizumab "
                                      "at least x19 (5 recorded, 2023-04 to 2024-06)."));
    ck_assert_ptr_null(strstr(out, "ipilimumab x8"));
    ck_assert_ptr_nonnull(strstr(out, "| 3 | pembrolizumab | 2023-04 | 2024-06 | 5 | at least 19 | "
                                      "398 to 456 |"));
    ck_assert_ptr_nonnull(strstr(out, "\n## Radiotherapy courses\n"));
    ck_assert_ptr_nonnull(strstr(out, "| SBRT-2022 | SBRT | pelvic-node-2022 |"));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "report", seed(), "--format=json"), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"course_id\": \"LXRT-2023\""));
    ck_assert_ptr_nonnull(strstr(out, "\"eqd2_tumour_gy\": 10"));
    ck_assert_ptr_nonnull(strstr(out, "\"regimen\": \"low-dose\""));
    ck_assert_ptr_nonnull(strstr(out, "\"confirmed_best_overall_response\": \"CR\""));
    if (system("python3 -c 'import json' >/dev/null 2>&1") == 0) {
        make_tmp();
        const char *path = write_tmp("r.json", out);
        char cmd[512];
        snprintf(cmd, sizeof cmd,
                 "python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); "
                 "x = d[\"immunotherapy\"][\"drugs\"][4]; "
                 "sys.exit(d[\"radiotherapy\"][\"courses\"][1][\"eqd2_tumour_gy\"] != 10 or "
                 "(x[\"line\"], x[\"recorded\"], x[\"administrations\"], "
                 "x[\"administrations_exact\"], x[\"exposure_days_min\"], "
                 "x[\"exposure_days_max\"]) != (3, 5, 19, False, 398, 456))' %s",
                 path);
        ck_assert_msg(system(cmd) == 0, "the JSON report does not parse as expected");
        rm_tmp();
    }
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "report", seed(), "--format", "html"), 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "unknown format 'html'"));
    free(out);
    free(err);
}
END_TEST

/* Text from the record that could break a format is escaped in each. */
START_TEST(report_escapes_hostile_text)
{
    make_tmp();
    const char *doc = write_tmp(
        "hostile.json",
        "{\"ldrt\": 1, \"patient\": {\"id\": \"a|b \\\"q\\\" \\\\ <x>\"},"
        " \"lesions\": [{\"id\": \"L|1\", \"category\": \"target\"}],"
        " \"events\": ["
        "{\"type\": \"radiotherapy\", \"date\": \"2024-01-02\", \"course_id\": \"C|1\\\"\","
        "  \"targets\": [\"L|1\"], \"fractions\": [{\"date\": \"2024-01-02\", \"dose_gy\": 2}]},"
        "{\"type\": \"toxicity\", \"date\": \"2024-01-03\", \"term\": \"tab\\there\\nnewline\","
        "  \"grade\": 1}]}");
    char *out, *err;
    ck_assert_int_eq(RUN(&out, &err, "report", doc, "--format", "markdown"), 0);
    ck_assert_ptr_nonnull(strstr(out, "| C\\|1\" |"));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "report", doc, "--format", "json"), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"course_id\": \"C|1\\\"\""));
    if (system("python3 -c 'import json' >/dev/null 2>&1") == 0) {
        char docpath[160];
        snprintf(docpath, sizeof docpath, "%s", doc);
        doc = docpath;
        const char *path = write_tmp("r.json", out);
        char cmd[512];
        snprintf(cmd, sizeof cmd,
                 "python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); "
                 "s = json.load(open(sys.argv[2])); "
                 "sys.exit(d[\"patient\"][\"id\"] != s[\"patient\"][\"id\"] or "
                 "d[\"toxicity\"][\"events\"][0][\"term\"] != s[\"events\"][1][\"term\"])' %s %s",
                 path, doc);
        ck_assert_msg(system(cmd) == 0, "the JSON report of a hostile record does not parse back");
    }
    free(out);
    free(err);
    rm_tmp();
}
END_TEST

START_TEST(report_invalid_input)
{
    make_tmp();
    char *out, *err;
    const char *bad = write_tmp("bad.json", "{\"ldrt\": 1, \"patient\": {\"id\": \"x\"}, "
                                            "\"events\": [{\"type\": \"imaging\", \"date\": \"2023-13\"}]}");
    ck_assert_int_eq(RUN(&out, &err, "report", bad), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "ldrt report: "));
    ck_assert_ptr_nonnull(strstr(err, bad));
    ck_assert_ptr_nonnull(strstr(err, "events[0].date"));
    free(out);
    free(err);
    const char *notjson = write_tmp("n.json", "this is not JSON");
    ck_assert_int_eq(RUN(&out, &err, "report", notjson, "--format", "json"), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, notjson));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "report"), 2);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    rm_tmp();
}
END_TEST

/* A schedule of fewer than one fraction is invalid input (exit 1, nothing on
 * stdout), not a result without its class; the first bad argument is the
 * one named. */
START_TEST(dose_schedule_needs_whole_fractions)
{
    static const char *const bad[] = { "0.5", "2.5", "0", "-1", "1001", "1e9" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out, *err;
        ck_assert_int_eq(RUN(&out, &err, "dose", "--total", "10", "--fractions", bad[i], "--ab", "10"), 2);
        ck_assert_str_eq(out, "");
        ck_assert_ptr_nonnull(strstr(err, "--fractions: a whole number from 1 to 1000"));
        free(out);
        free(err);
        ck_assert_int_eq(RUN(&out, &err, "dose", "--total", "10", "--fractions", bad[i], "--model",
                             "usc", "--alpha", "0.33", "--d0", "1.25", "--dq", "1.8"), 2);
        ck_assert_str_eq(out, "");
        ck_assert_ptr_nonnull(strstr(err, "--fractions"));
        free(out);
        free(err);
    }
    char *out, *err;
    /* alpha/beta 0 is refused by the library, naming it. */
    ck_assert_int_eq(RUN(&out, &err, "dose", "--total", "10", "--fractions", "5", "--ab", "0"), 1);
    ck_assert_ptr_nonnull(strstr(err, "alpha_beta_gy"));
    free(out);
    free(err);
    /* 10 Gy in 5 fractions: d = 2 Gy, BED = 10 (1 + 2/10) = 12 Gy by hand; GNU style options. */
    ck_assert_int_eq(RUN(&out, &err, "dose", "--total=10", "--fractions=5", "--ab=10"), 0);
    ck_assert_ptr_nonnull(strstr(out, "BED:      12.000 Gy"));
    free(out);
    free(err);
    /* A value is never a help request (found by fuzzing): a usage error, nothing on stdout. */
    ck_assert_int_eq(RUN(&out, &err, "dose", "--total=--help", "--format", "json"), 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "unknown option '--total=--help'"));
    free(out);
    free(err);
    /* Nor does a help request take a value (found by fuzzing: "--help=E"
     * printed the help, as text, where --format json was asked). */
    ck_assert_int_eq(RUN(&out, &err, "dose", "--total", "10", "--help=E", "--format", "json"), 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "unknown option '--help=E'"));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "dose", "--total", "10", "--fractions", "5", "--ab", "10",
                         "--format", "markdown"), 0);
    ck_assert_ptr_nonnull(strstr(out, "- **BED:** 12.000 Gy\n"));
    ck_assert_ptr_nonnull(strstr(out, "- **EQD2:** 10.000 Gy\n"));
    free(out);
    free(err);
    /* A document in Markdown: headings and tables, not text in a code block. The
     * seed's first course, 40 Gy in 5 x 8 Gy: EQD2(10) = 40 (8 + 10)/(2 + 10) = 60,
     * EQD2(3) = 40 (8 + 3)/(2 + 3) = 88, by hand. */
    ck_assert_int_eq(RUN(&out, &err, "dose", seed(), "--format", "markdown"), 0);
    ck_assert_ptr_null(strstr(out, "```"));
    ck_assert_ptr_nonnull(strstr(out, "## Courses\n\n| Course | First | Last |"));
    ck_assert_ptr_nonnull(strstr(out, "| SBRT-2022 | 2022-05 | 2022-05 | 5 | 40.00 | 8.00 | sbrt | "
                                      "60.00 | 88.00 | pelvic-node-2022 |\n"));
    ck_assert_ptr_nonnull(strstr(out, "## Immunotherapy timing (window 90 days)\n"));
    ck_assert_ptr_nonnull(strstr(out, "## Lesions (cumulative, recovery none)\n"));
    free(out);
    free(err);
    /* Absurd doses: the one limit of ldrt/limits.h (a prescription's total). */
    ck_assert_int_eq(RUN(&out, &err, "dose", "--total", "1e30", "--fractions", "2", "--ab", "10"), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "--total: must be at most 1000 Gy"));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "dose", "--total", "1000", "--fractions", "2", "--ab", "10", "--format", "json"), 0);
    json_t *v = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(v);
    /* BED = 1000 (1 + 500/10) = 51000 Gy by hand. */
    ck_assert_double_eq_tol(json_number_value(json_object_get(v, "bed_gy")), 51000.0, 1e-6);
    json_decref(v);
    free(out);
    free(err);
}
END_TEST

/* ldrt validate A B with one bad file: nothing on stdout, the good file's
 * verdict on stderr with the problems. */
START_TEST(validate_prints_nothing_on_stdout_when_one_file_fails)
{
    char good[512], bad[512];
    snprintf(good, sizeof good, "%s", seed());
    snprintf(bad, sizeof bad, "%s", tu_data_path("corpus/absurd-dose.json"));
    char *out, *err;
    ck_assert_int_eq(RUN(&out, &err, "validate", good, bad), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, ": valid"));
    ck_assert_ptr_nonnull(strstr(err, "dose_gy"));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "validate", good, good), 0);
    ck_assert_ptr_nonnull(strstr(out, ": valid\n"));
    ck_assert_str_eq(err, "");
    free(out);
    free(err);
}
END_TEST

/* ldrt help [COMMAND] is ldrt --help and ldrt COMMAND --help. */
START_TEST(help_command)
{
    char *out, *err, *out2, *err2;
    ck_assert_int_eq(RUN(&out, &err, "help"), 0);
    ck_assert_int_eq(RUN(&out2, &err2, "--help"), 0);
    ck_assert_str_eq(out, out2);
    free(out);
    free(err);
    free(out2);
    free(err2);
    ck_assert_int_eq(RUN(&out, &err, "help", "report"), 0);
    ck_assert_int_eq(RUN(&out2, &err2, "report", "--help"), 0);
    ck_assert_str_eq(out, out2);
    free(out);
    free(err);
    free(out2);
    free(err2);
    ck_assert_int_eq(RUN(&out, &err, "help", "frobnicate"), 2);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "unknown command 'frobnicate'"));
    free(out);
    free(err);
}
END_TEST

/* Every command that reads a patient document names an unreadable or invalid
 * FILE exactly once, and exits 1 with nothing on stdout. */
static const char *const file_commands[][4] = {
    { "report", NULL }, { "timeline", NULL }, { "dose", NULL },
    { "validate", NULL }, { "assess", "--criteria", "recist1.1", NULL },
    { "plot", "--kind", "swimmer", NULL },
};

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *s = strstr(hay, needle); s; s = strstr(s + 1, needle))
        n++;
    return n;
}

START_TEST(bad_file_named_once)
{
    make_tmp();
    const char *const *c = file_commands[_i];
    char missing[128];
    snprintf(missing, sizeof missing, "%s/nope.json", tmp);
    const char *invalid = write_tmp("empty-object.json", "{}");
    const char *files[] = { missing, tmp /* a directory */, invalid };
    for (size_t k = 0; k < 3; k++) {
        char *out, *err;
        ck_assert_int_eq(RUN(&out, &err, c[0], files[k], c[1], c[2], c[3]), 1);
        ck_assert_str_eq(out, "");
        /* An unreadable file is an error of the command ("ldrt CMD: ..."); the
         * problems of an invalid one may be listed as "FILE: path: ..." (validate). */
        ck_assert_msg(k == 2 || strncmp(err, "ldrt ", 5) == 0, "%s", err);
        ck_assert_msg(count_of(err, files[k]) >= 1, "%s: %s", c[0], err);
        /* "FILE: FILE: ..." would name it twice on one line. */
        char twice[400];
        snprintf(twice, sizeof twice, "%s: %s:", files[k], files[k]);
        ck_assert_msg(strstr(err, twice) == NULL, "%s: %s", c[0], err);
        free(out);
        free(err);
    }
    rm_tmp();
}
END_TEST

/* A full disk is invalid output: exit 1 with a message. */
/* Every command checks that its output reached stdout: on a full device it
 * exits 1 and says so on stderr (a usage error stays 2). */
START_TEST(unwritable_stdout_exits_1)
{
    if (access("/dev/full", W_OK) != 0)
        return;
    static const char *const cmds[] = {
        "report SEED", "report SEED --format json", "plot SEED --kind swimmer",
        "timeline SEED", "assess SEED --criteria recist1.1", "validate SEED",
        "dose SEED", "dose SEED --format json", "dose --total 10 --fractions 5 --ab 10",
        "dose --list-presets", "version", "--version", "--help", "report --help",
        "timeline --help", "dose --help", "assess --help", "validate --help", "plot --help",
        "version --help",
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char args[1024], cmd[1400], errpath[64];
        const char *at = strstr(cmds[i], "SEED");
        if (at)
            snprintf(args, sizeof args, "%.*s'%s'%s", (int)(at - cmds[i]), cmds[i], seed(), at + 4);
        else
            snprintf(args, sizeof args, "%s", cmds[i]);
        snprintf(errpath, sizeof errpath, "/tmp/ldrt-cli-full-XXXXXX");
        int fd = mkstemp(errpath);
        ck_assert_int_ge(fd, 0);
        close(fd);
        snprintf(cmd, sizeof cmd, "'%s' %s > /dev/full 2>'%s'", bin(), args, errpath);
        int st = system(cmd);
        char *err = tu_slurp(errpath, NULL);
        unlink(errpath);
        ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 1, "ldrt %s > /dev/full: status %d", cmds[i], st);
        ck_assert_msg(strstr(err, "cannot write") != NULL, "ldrt %s > /dev/full: stderr %s", cmds[i], err);
        free(err);
    }
}
END_TEST

/* True when s holds a control character other than the newline (C0, DEL)
 * or a C1 control (UTF-8 C2 80..C2 9F). */
static int has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
            return 1;
    return 0;
}

/* The corpus (tests/data/corpus: empty, zero, huge, partial, missing and
 * hostile values, absurd doses) and the other documents, through every
 * command in every format: exit 0 with output that parses (JSON) or holds
 * no control character (text, Markdown), or exit 1 with nothing on stdout
 * and the reason on stderr. */
static const char *const corpus_docs[] = {
    "corpus/absurd-dose.json", "corpus/empty-lists.json", "corpus/hostile-invalid.json",
    "corpus/hostile-text.json",
    "corpus/huge-values.json", "corpus/minimal.json", "corpus/missing-values.json",
    "corpus/partial-dates.json", "corpus/unequal-fractions.json", "corpus/zero-values.json",
    "all-kinds.json", "bad-multi.json", NULL /* the seed case */,
};

static const char *const corpus_cmds[][4] = {
    { "report", NULL }, { "timeline", NULL }, { "dose", NULL },
    { "assess", "--criteria", "recist1.1", NULL }, { "assess", "--criteria", "irecist", NULL },
    { "assess", "--criteria", "percist1.0", NULL },
};

START_TEST(corpus_through_every_command)
{
    char path[512];
    const char *name = corpus_docs[_i];
    snprintf(path, sizeof path, "%s", name ? tu_data_path(name) : seed());
    static const char *const formats[] = { "json", "text", "markdown" };
    size_t ok = 0;
    for (size_t c = 0; c < sizeof corpus_cmds / sizeof corpus_cmds[0]; c++) {
        for (size_t f = 0; f < 3; f++) {
            const char *const *k = corpus_cmds[c];
            char *out, *err;
            int rc = RUN(&out, &err, k[0], path, "--format", formats[f], k[1], k[2], k[3]);
            ck_assert_msg(rc == 0 || rc == 1, "%s %s --format %s: status %d", k[0], path, formats[f], rc);
            if (rc == 0) {
                ok++;
                if (f == 0) {
                    json_error_t e;
                    json_t *v = json_loads(out, JSON_REJECT_DUPLICATES, &e);
                    ck_assert_msg(v != NULL, "%s %s --format json: invalid JSON (%s, line %d)",
                                  k[0], path, e.text, e.line);
                    json_decref(v);
                } else {
                    ck_assert_msg(!has_control(out), "%s %s --format %s: control character",
                                  k[0], path, formats[f]);
                }
            } else {
                ck_assert_msg(out[0] == '\0', "%s %s: output on failure", k[0], path);
                ck_assert_msg(strstr(err, "ldrt ") != NULL, "%s %s: no message", k[0], path);
            }
            ck_assert_msg(!has_control(err), "%s %s: control character on stderr", k[0], path);
            free(out);
            free(err);
        }
    }
    static const char *const kinds[] = { "swimmer", "spider", "dose" };
    for (size_t k = 0; k < 3; k++) {
        char *out, *err, why[256] = "";
        int rc = RUN(&out, &err, "plot", path, "--kind", kinds[k]);
        ck_assert_msg(rc == 0 || rc == 1, "plot %s %s: status %d", kinds[k], path, rc);
        if (rc == 0)
            ck_assert_msg(tu_xml_check(out, why, sizeof why) == 0, "plot %s %s: %s", kinds[k], path, why);
        else
            ck_assert_str_eq(out, "");
        free(out);
        free(err);
    }
    /* Absurd doses are refused where they enter, naming the field. */
    if (name && strstr(name, "absurd")) {
        ck_assert_uint_eq(ok, 0);
        char *out, *err;
        ck_assert_int_eq(RUN(&out, &err, "validate", path), 1);
        ck_assert_ptr_nonnull(strstr(err, "events[0].fractions[0].dose_gy: must be at most 1000"));
        free(out);
        free(err);
    } else if (name && (strstr(name, "bad-multi") || strstr(name, "hostile-invalid"))) {
        ck_assert_uint_eq(ok, 0);
    } else {
        ck_assert_uint_ge(ok, 8); /* report, timeline, dose in every format at least */
    }
}
END_TEST

/* `ldrt report` prints exactly what ldrt_patient_report() returns. */
START_TEST(report_is_the_library_report)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(seed(), &p));
    static const char *const names[] = { "text", "markdown", "json" };
    for (int f = LDRT_FORMAT_TEXT; f <= LDRT_FORMAT_JSON; f++) {
        char *lib = NULL, *out, *err;
        tu_assert_ok(ldrt_patient_report(p, (ldrt_format)f, LDRT_REPORT_ALL, &lib, NULL));
        ck_assert_int_eq(RUN(&out, &err, "report", seed(), "--format", names[f - 1]), 0);
        ck_assert_str_eq(out, lib);
        ldrt_free(lib);
        free(out);
        free(err);
    }
    ldrt_patient_free(p);
}
END_TEST


/* PERCIST 1.0 on a document without SULpeak data (the seed): `ldrt assess`
 * and the report give the same answer, "not assessable" with the same
 * reason, and assess exits 0 (issue: one answer for one question). */
START_TEST(assess_percist_not_assessable_like_the_report)
{
    static const char why[] =
        "not assessable: patient: no baseline scan with SULpeak data and no recorded percist1.0 response";
    char *out, *err;
    ck_assert_int_eq(RUN(&out, &err, "assess", seed(), "--criteria", "percist1.0"), 0);
    ck_assert_str_eq(err, "");
    ck_assert_ptr_nonnull(strstr(out, why));
    ck_assert_ptr_nonnull(strstr(out, "Response by percist1.0: "));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "report", seed()), 0);
    ck_assert_ptr_nonnull(strstr(out, why));
    free(out);
    free(err);
    ck_assert_int_eq(RUN(&out, &err, "assess", seed(), "--criteria", "percist1.0", "--format", "json"), 0);
    json_error_t e;
    json_t *v = json_loads(out, JSON_REJECT_DUPLICATES, &e);
    ck_assert_ptr_nonnull(v);
    ck_assert(json_is_false(json_object_get(v, "assessable")));
    ck_assert_str_eq(json_string_value(json_object_get(v, "criteria")), "percist1.0");
    ck_assert_str_eq(json_string_value(json_object_get(v, "reason")), why + strlen("not assessable: "));
    ck_assert_uint_eq(json_array_size(json_object_get(v, "timepoints")), 0);
    ck_assert(json_is_null(json_object_get(v, "confirmed_best_overall_response")));
    json_decref(v);
    free(out);
    free(err);
    /* an assessable criteria says so */
    ck_assert_int_eq(RUN(&out, &err, "assess", seed(), "--criteria", "recist1.1", "--format", "json"), 0);
    v = json_loads(out, JSON_REJECT_DUPLICATES, &e);
    ck_assert_ptr_nonnull(v);
    ck_assert(json_is_true(json_object_get(v, "assessable")));
    json_decref(v);
    free(out);
    free(err);
    /* an unreadable document is still an error (exit 1, nothing on stdout) */
    ck_assert_int_eq(RUN(&out, &err, "assess", "/nonexistent/x.json", "--criteria", "percist1.0"), 1);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, usage_errors_exit_2);
    tcase_add_test(tc, every_subcommand_has_help_with_examples);
    tcase_add_test(tc, man_page_covers_every_subcommand);
    tcase_add_test(tc, plot_usage_errors);
    tcase_add_test(tc, plot_invalid_input_exits_1_naming_file_and_path);
    tcase_add_test(tc, plot_writes_svg_to_stdout_or_file);
    tcase_add_test(tc, doc_plots_are_up_to_date);
    tcase_add_test(tc, report_tells_the_seed_story);
    tcase_add_test(tc, report_formats);
    tcase_add_test(tc, report_escapes_hostile_text);
    tcase_add_test(tc, report_invalid_input);
    tcase_add_test(tc, unwritable_stdout_exits_1);
    tcase_add_test(tc, dose_schedule_needs_whole_fractions);
    tcase_add_test(tc, report_is_the_library_report);
    tcase_add_test(tc, validate_prints_nothing_on_stdout_when_one_file_fails);
    tcase_add_test(tc, help_command);
    tcase_add_test(tc, assess_percist_not_assessable_like_the_report);
    tcase_add_loop_test(tc, corpus_through_every_command, 0,
                        (int)(sizeof corpus_docs / sizeof corpus_docs[0]));
    tcase_add_loop_test(tc, bad_file_named_once, 0, (int)(sizeof file_commands / sizeof file_commands[0]));
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(cli_suite)
