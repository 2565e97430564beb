/*
 * The ldrt command under allocation failure: exactly one allocation fails,
 * at every index in turn (libldrt's allocation hooks and jansson's share one
 * counter, tests/support/testutil.c), over every command and format on the
 * seed case (PERCIST, which needs PET scans, on tests/data/all-kinds.json).
 * Each run must either exit 0 with stdout and stderr
 * byte-identical to the run without a failure, or exit 1 with nothing on
 * stdout and an error on stderr that begins "ldrt COMMAND: " and says that
 * memory ran out; never a signal, never a sanitizer report, and nothing left
 * allocated when the command returns.
 *
 * The command runs in process: the tool sources are compiled into this
 * suite with main renamed ldrt_tool_main (see the Makefile), and each run
 * forks (tests/support/runner.c), so that every run starts from the same
 * state. LDRT_CLI_ALLOC_STRIDE=K tries every K-th index only (each command
 * line from a different offset); make check uses a stride, `make soak` and
 * CI's valgrind step the full sweep or a finer one. LDRT_CLI_ALLOC_ONLY=WORDS
 * runs only the command lines whose words begin with WORDS ("export --fhir").
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ldrt.h"

#include "runner.h"
#include "testutil.h"

int ldrt_tool_main(int argc, char **argv);

/* Default stride of make check (about 1/DEFAULT_STRIDE of the indices). */
#define DEFAULT_STRIDE 17
#define RUN_SECONDS 120

static const char *const cmdlines[][9] = {
    { "validate", "FILE" },
    { "report", "FILE" },
    { "report", "FILE", "--format", "markdown" },
    { "report", "FILE", "--format", "json" },
    { "timeline", "FILE" },
    { "timeline", "FILE", "--format", "markdown" },
    { "timeline", "FILE", "--format", "json" },
    { "assess", "FILE", "--criteria", "recist1.1" },
    { "assess", "FILE", "--criteria", "recist1.1", "--format", "markdown" },
    { "assess", "FILE", "--criteria", "recist1.1", "--format", "json" },
    { "assess", "FILE", "--criteria", "irecist" },
    { "assess", "FILE", "--criteria", "irecist", "--format", "markdown" },
    { "assess", "FILE", "--criteria", "irecist", "--format", "json" },
    /* The seed case has no PET scan: PERCIST on the document of every kind. */
    { "assess", "ALL-KINDS", "--criteria", "percist1.0" },
    { "assess", "ALL-KINDS", "--criteria", "percist1.0", "--format", "markdown" },
    { "assess", "ALL-KINDS", "--criteria", "percist1.0", "--format", "json" },
    { "plot", "FILE", "--kind", "swimmer" },
    { "plot", "FILE", "--kind", "spider" },
    { "plot", "FILE", "--kind", "dose" },
    { "dose", "FILE" },
    { "dose", "FILE", "--format", "markdown" },
    { "dose", "FILE", "--format", "json", "--radscopal-window", "30" },
    { "dose", "--total", "30", "--fractions", "10", "--ab", "10", "--format", "json" },
    { "dose", "--list-presets", "--format", "json" },
    /* FHIR both ways: the seed case and the document of every kind exported;
     * their bundles (written once by the library, before the runs) and the
     * mCODE example patient imported. */
    { "export", "--fhir", "FILE" },
    { "export", "--fhir", "ALL-KINDS" },
    { "import", "--fhir", "FHIR-SEED" },
    { "import", "--fhir", "FHIR-ALL-KINDS" },
    { "import", "--fhir", "FHIR-MCODE" },
};
#define N_CMDLINES (sizeof cmdlines / sizeof cmdlines[0])

/* What the child tells the parent (shared memory). */
static struct counts {
    long used; /* allocations the run made (the failed one included) */
    long live; /* blocks still allocated when ldrt_tool_main returned */
} *shared;

struct job {
    char *argv[12];
    int argc;
    long fail; /* the index that fails alone, or -1 */
};

static int child(void *arg)
{
    struct job *j = arg;
    tu_alloc_install();
    tu_alloc_fail_only(j->fail);
    int status = ldrt_tool_main(j->argc, j->argv);
    shared->used = tu_alloc_count();
    shared->live = tu_alloc_live();
    return status;
}

static long stride(void)
{
    const char *s = getenv("LDRT_CLI_ALLOC_STRIDE");
    long k = s && *s ? strtol(s, NULL, 10) : DEFAULT_STRIDE;
    return k >= 1 ? k : 1;
}

/* Whether the command line c is selected by LDRT_CLI_ALLOC_ONLY. */
static int selected(const char *const *c)
{
    const char *only = getenv("LDRT_CLI_ALLOC_ONLY");
    char words[512] = "";
    size_t len = 0;
    if (!only || !*only)
        return 1;
    for (size_t k = 0; k < 9 && c[k] && len < sizeof words; k++)
        len += (size_t)snprintf(words + len, sizeof words - len, "%s%s", k ? " " : "", c[k]);
    return strncmp(words, only, strlen(only)) == 0;
}

static void describe(const struct job *j, long n, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "allocation %ld failing alone in 'ldrt", n);
    for (int i = 1; i < j->argc && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, " %s", j->argv[i]);
    if (len < size)
        snprintf(buf + len, size - len, "'");
}

/* The FHIR bundle of the document at src, written by the library into dir
 * (before any allocation hook is installed) at path. */
static void write_bundle(const char *src, const char *dir, const char *name, char *path,
                         size_t size)
{
    ldrt_patient *p = NULL;
    snprintf(path, size, "%s/%s", dir, name);
    ck_assert_msg(ldrt_patient_load_json(src, &p) == LDRT_OK, "cannot load %s", src);
    ck_assert_msg(ldrt_patient_save_fhir(p, path) == LDRT_OK, "cannot write %s", path);
    ldrt_patient_free(p);
}

START_TEST(one_allocation_fails_at_every_index)
{
    const char *const *c = cmdlines[_i];
    struct job j = { .fail = -1 };
    char seed[4096], all_kinds[4096], mcode[4096], fseed[4200], fall[4200];
    char dir[] = "/tmp/ldrt-cli-alloc-XXXXXX";
    if (!selected(c))
        return;
    snprintf(seed, sizeof seed, "%s", tu_example_path("case-fong-2025.json"));
    snprintf(all_kinds, sizeof all_kinds, "%s", tu_data_path("all-kinds.json"));
    snprintf(mcode, sizeof mcode, "%s", tu_data_path("fhir/mcode-jenny-m.json"));
    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_bundle(seed, dir, "seed.fhir.json", fseed, sizeof fseed);
    write_bundle(all_kinds, dir, "all-kinds.fhir.json", fall, sizeof fall);
    j.argv[j.argc++] = (char *)"ldrt";
    for (size_t k = 0; k < 9 && c[k]; k++)
        j.argv[j.argc++] = strcmp(c[k], "FILE") == 0             ? seed
                           : strcmp(c[k], "ALL-KINDS") == 0      ? all_kinds
                           : strcmp(c[k], "FHIR-SEED") == 0      ? fseed
                           : strcmp(c[k], "FHIR-ALL-KINDS") == 0 ? fall
                           : strcmp(c[k], "FHIR-MCODE") == 0     ? mcode
                                                                 : (char *)c[k];
    j.argv[j.argc] = NULL;

    /* The run without a failure: the reference. */
    struct tu_run ref;
    tu_run_function(child, &j, RUN_SECONDS, &ref);
    char what[600];
    describe(&j, -1, what, sizeof what);
    ck_assert_msg(ref.status == 0 && ref.out_len > 0, "%s: exit %d: %.2000s", what, ref.status,
                  ref.err);
    ck_assert_msg(shared->live == 0, "%s: %ld blocks left allocated", what, shared->live);
    long total = shared->used;
    ck_assert_int_gt(total, 0);

    long k = stride(), runs = 0, refused = 0;
    char prefix[64];
    snprintf(prefix, sizeof prefix, "ldrt %s: ", c[0]);
    for (long n = (long)_i % k; n < total; n += k) {
        struct tu_run r;
        j.fail = n;
        shared->used = shared->live = -1;
        tu_run_function(child, &j, RUN_SECONDS, &r);
        describe(&j, n, what, sizeof what);
        runs++;
        ck_assert_msg(r.status >= 0, "%s: killed by signal %d: %.2000s", what, -r.status, r.err);
        ck_assert_msg(r.status != TU_SANITIZER_STATUS, "%s: sanitizer report: %.4000s", what,
                      r.err);
        ck_assert_msg(shared->live == 0, "%s: exit %d, %ld blocks left allocated: %.500s", what,
                      r.status, shared->live, r.err);
        if (r.status == 0) {
            size_t at = 0;
            while (at < r.out_len && at < ref.out_len && r.out[at] == ref.out[at])
                at++;
            size_t from = at > 300 ? at - 300 : 0;
            ck_assert_msg(r.out_len == ref.out_len && at == r.out_len,
                          "%s: exit 0 with output different from the run without a failure "
                          "(%zu bytes, not %zu) from byte %zu:\n%.600s\n--- expected\n%.600s\n"
                          "--- stderr\n%.500s",
                          what, r.out_len, ref.out_len, at, r.out + from, ref.out + from, r.err);
            ck_assert_msg(r.err_len == ref.err_len && memcmp(r.err, ref.err, r.err_len) == 0,
                          "%s: exit 0 with a different stderr: %.1000s", what, r.err);
        } else {
            refused++;
            ck_assert_msg(r.status == 1, "%s: exit %d, not 1: %.1000s", what, r.status, r.err);
            ck_assert_msg(r.out_len == 0, "%s: failed but wrote %zu bytes on stdout: %.1000s",
                          what, r.out_len, r.out);
            ck_assert_msg(strncmp(r.err, prefix, strlen(prefix)) == 0,
                          "%s: the error does not begin with '%s': %.1000s", what, prefix, r.err);
            ck_assert_msg(strstr(r.err, "out of memory") != NULL,
                          "%s: the error does not say that memory ran out: %.1000s", what, r.err);
        }
        tu_run_free(&r);
    }
    describe(&j, -1, what, sizeof what);
    printf("cli-alloc: %-70s %5ld allocations, %5ld runs (stride %ld), %5ld exit 1\n", what + 31,
           total, runs, k, refused);
    tu_run_free(&ref);
    unlink(fseed);
    unlink(fall);
    rmdir(dir);
}
END_TEST

static Suite *cli_alloc_suite(void)
{
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        perror("check_cli_alloc: mmap");
        exit(EXIT_FAILURE);
    }
    Suite *s = suite_create("cli-alloc");
    TCase *t = tcase_create("one failure at every index");
    tcase_set_timeout(t, 1800);
    tcase_add_loop_test(t, one_allocation_fails_at_every_index, 0, (int)N_CMDLINES);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(cli_alloc_suite)
