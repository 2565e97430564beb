/*
 * The hostile-document corpus (tests/data/hostile, written by its
 * generate.py) through every command of ldrt (LDRT_BIN): validate; report,
 * timeline and each assess criteria in text, Markdown and JSON; each plot;
 * dose in text and JSON. For every run:
 *   - the command ends by itself within the time limit (no hang) and is not
 *     killed by a signal (no crash);
 *   - it exits 0 or 1 (2 is a usage error; the command lines are valid);
 *   - no sanitizer report on stderr (under `make sanitize` the command is
 *     instrumented, and a report makes it exit with a distinct status);
 *   - on failure, nothing on stdout and an error on stderr that begins with
 *     "ldrt COMMAND: " and names the file;
 *   - on success, JSON output is one JSON value that jansson parses strictly
 *     (no NaN, no duplicate key), and SVG output is well-formed XML.
 * And across commands: a document that `validate` refuses is refused by
 * every command (one that it accepts may still be refused, by assess when it
 * has no baseline, with the same kind of error). The refusal path is the
 * same for every format of a command, so a refused document runs through
 * one command line of each command.
 * SPDX-License-Identifier: MIT
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"
#include "testutil.h"
#include "xmlcheck.h"

/* Seconds one command may take on one document (instrumented and on a busy
 * machine; uninstrumented, the slowest document takes well under one). */
#define RUN_SECONDS 60

enum output { OUT_TEXT, OUT_JSON, OUT_SVG };

struct cmdline {
    const char *args[6]; /* after "ldrt CMD FILE", NULL-terminated */
    const char *cmd;
    enum output out;
    int on_invalid; /* also run on documents validate refuses */
};

static const struct cmdline cmdlines[] = {
    { { NULL }, "validate", OUT_TEXT, 1 },
    { { NULL }, "report", OUT_TEXT, 0 },
    { { "--format", "markdown", NULL }, "report", OUT_TEXT, 0 },
    { { "--format", "json", NULL }, "report", OUT_JSON, 1 },
    { { NULL }, "timeline", OUT_TEXT, 0 },
    { { "--format", "markdown", NULL }, "timeline", OUT_TEXT, 0 },
    { { "--format", "json", NULL }, "timeline", OUT_JSON, 1 },
    { { "--criteria", "recist1.1", NULL }, "assess", OUT_TEXT, 0 },
    { { "--criteria", "recist1.1", "--format", "json", NULL }, "assess", OUT_JSON, 1 },
    { { "--criteria", "irecist", "--format", "markdown", NULL }, "assess", OUT_TEXT, 0 },
    { { "--criteria", "irecist", "--format", "json", NULL }, "assess", OUT_JSON, 0 },
    { { "--criteria", "percist1.0", NULL }, "assess", OUT_TEXT, 0 },
    { { "--criteria", "percist1.0", "--format", "json", NULL }, "assess", OUT_JSON, 0 },
    { { "--kind", "swimmer", NULL }, "plot", OUT_SVG, 1 },
    { { "--kind", "spider", NULL }, "plot", OUT_SVG, 0 },
    { { "--kind", "dose", NULL }, "plot", OUT_SVG, 0 },
    { { NULL }, "dose", OUT_TEXT, 0 },
    { { "--format", "json", "--radscopal-window", "30", NULL }, "dose", OUT_JSON, 1 },
};
#define N_CMDLINES (sizeof cmdlines / sizeof cmdlines[0])

static char **docs;
static int n_docs;

static const char *bin(void)
{
    const char *b = getenv("LDRT_BIN");
    return b && *b ? b : "bin/ldrt";
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists tests/data/hostile/ *.json, sorted. */
static void find_docs(void)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s", tu_data_path("hostile"));
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "check_hostile: %s: %s\n", dir, strerror(errno));
        exit(EXIT_FAILURE);
    }
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        if ((size_t)n_docs == cap) {
            cap = cap ? 2 * cap : 512;
            docs = realloc(docs, cap * sizeof *docs);
            if (!docs)
                exit(EXIT_FAILURE);
        }
        size_t len = strlen(dir) + n + 2;
        docs[n_docs] = malloc(len);
        if (!docs[n_docs])
            exit(EXIT_FAILURE);
        snprintf(docs[n_docs++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(docs, (size_t)n_docs, sizeof *docs, by_name);
}

static void run(const struct cmdline *c, const char *doc, struct tu_run *r)
{
    const char *argv[12];
    size_t n = 0;
    argv[n++] = bin();
    argv[n++] = c->cmd;
    argv[n++] = doc;
    for (size_t i = 0; c->args[i]; i++)
        argv[n++] = c->args[i];
    argv[n] = NULL;
    tu_run_program(argv, RUN_SECONDS, r);
}

static const char *base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void check_run(const struct cmdline *c, const char *doc, const struct tu_run *r)
{
    char what[800];
    snprintf(what, sizeof what, "ldrt %s %s %s %s %s %s", c->cmd, base(doc),
             c->args[0] ? c->args[0] : "", c->args[0] && c->args[1] ? c->args[1] : "",
             c->args[0] && c->args[1] && c->args[2] ? c->args[2] : "",
             c->args[0] && c->args[1] && c->args[2] && c->args[3] ? c->args[3] : "");
    ck_assert_msg(r->status != -SIGALRM, "%s: no answer in %d s (hang)", what, RUN_SECONDS);
    ck_assert_msg(r->status >= 0, "%s: killed by signal %d: %.2000s", what, -r->status, r->err);
    ck_assert_msg(strstr(r->err, "Sanitizer") == NULL && strstr(r->err, "runtime error") == NULL,
                  "%s: sanitizer report (status %d): %.4000s", what, r->status, r->err);
    ck_assert_msg(r->status == 0 || r->status == 1, "%s: exit status %d: %.2000s", what,
                  r->status, r->err);
    if (r->status != 0) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "ldrt %s: ", c->cmd);
        ck_assert_msg(r->out_len == 0, "%s: failed (exit 1) but wrote %zu bytes on stdout", what,
                      r->out_len);
        /* validate names each file as "FILE: path: message" (no command prefix). */
        if (strcmp(c->cmd, "validate") != 0)
            ck_assert_msg(strncmp(r->err, prefix, strlen(prefix)) == 0,
                          "%s: error does not begin with '%s': %.500s", what, prefix, r->err);
        ck_assert_msg(strstr(r->err, base(doc)) != NULL, "%s: error does not name the file: %.500s",
                      what, r->err);
        ck_assert_msg(r->err_len > strlen(prefix) + strlen(doc) + 2,
                      "%s: error without a message: %s", what, r->err);
        return;
    }
    if (c->out == OUT_JSON) {
        json_error_t jerr;
        json_t *j = json_loadb(r->out, r->out_len, JSON_REJECT_DUPLICATES, &jerr);
        ck_assert_msg(j != NULL, "%s: invalid JSON on stdout: %s (line %d, column %d): %.300s",
                      what, jerr.text, jerr.line, jerr.column,
                      r->out + (jerr.position > 150 ? jerr.position - 150 : 0));
        json_decref(j);
    } else if (c->out == OUT_SVG) {
        char why[200];
        ck_assert_msg(strlen(r->out) == r->out_len, "%s: NUL byte in the SVG", what);
        ck_assert_msg(tu_xml_check(r->out, why, sizeof why) == 0, "%s: SVG not well-formed: %s",
                      what, why);
    } else {
        ck_assert_msg(strlen(r->out) == r->out_len, "%s: NUL byte in the output", what);
    }
    ck_assert_msg(r->out_len > 0, "%s: exit 0 with nothing on stdout", what);
}

START_TEST(hostile_document)
{
    const char *doc = docs[_i];
    int valid = 1;
    for (size_t k = 0; k < N_CMDLINES; k++) {
        if (!valid && !cmdlines[k].on_invalid)
            continue;
        struct tu_run r;
        run(&cmdlines[k], doc, &r);
        check_run(&cmdlines[k], doc, &r);
        if (k == 0)
            valid = r.status == 0;
        else if (!valid)
            ck_assert_msg(r.status != 0, "ldrt %s %s: exit 0 although validate refuses the document",
                          cmdlines[k].cmd, base(doc));
        tu_run_free(&r);
    }
}
END_TEST

/* The corpus is what the generator writes and covers what it promises. */
START_TEST(corpus_is_large_and_varied)
{
    ck_assert_int_ge(n_docs, 150);
    static const char *const kinds[] = { "nesting-",  "duplicate-key-", "utf8-",     "nul",
                                         "number-nan", "number-infinity", "1e400",   "date-bad-",
                                         "date-all-month-only", "undefined-", "duplicate-lesion-id",
                                         "order-",    "empty-",        "unknown-",  "limit-" };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        int found = 0;
        for (int i = 0; i < n_docs && !found; i++)
            found = strstr(base(docs[i]), kinds[k]) != NULL;
        ck_assert_msg(found, "no hostile document of kind '%s'", kinds[k]);
    }
}
END_TEST

static Suite *hostile_suite(void)
{
    find_docs();
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("hostile");
    tcase_set_timeout(tc, (double)RUN_SECONDS * 4);
    tcase_add_test(tc, corpus_is_large_and_varied);
    tcase_add_loop_test(tc, hostile_document, 0, n_docs);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(hostile_suite)
