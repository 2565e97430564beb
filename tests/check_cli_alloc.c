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
#include <dirent.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
    /* SDTM: the pharmaverse study audited, imported into a new directory
     * (OUTDIR, one per run), and its documents (imported once, before the
     * runs) exported again. A command that writes files is held to the same
     * rule over them: exit 0 with the files of the run without a failure,
     * or exit 1 leaving only complete files of that run (no partial file,
     * no temporary one). */
    { "study", "SDTM", "--criteria", "recist1.1" },
    { "study", "SDTM", "--criteria", "recist1.1", "--format", "csv" },
    { "study", "SDTM", "--criteria", "irecist", "--format", "json" },
    { "import", "--sdtm", "SDTM", "--output", "OUTDIR" },
    { "export", "--sdtm", "OUTDIR", "SDTM-DOCS" },
};
#define N_CMDLINES (sizeof cmdlines / sizeof cmdlines[0])

/* What the child tells the parent (shared memory). */
static struct counts {
    long used; /* allocations the run made (the failed one included) */
    long live; /* blocks still allocated when ldrt_tool_main returned */
} *shared;

/* The documents of the SDTM export (at most MAX_DOCS of the study). */
#define MAX_DOCS 26
#define DEFAULT_DOCS 4

struct job {
    char *argv[16 + MAX_DOCS];
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

/* A file a command wrote: its name in the output directory and its bytes. */
struct file {
    char name[256];
    char *data;
    size_t len;
};
#define MAX_FILES 64

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct file *)a)->name, ((const struct file *)b)->name);
}

/* The files of dir, sorted by name (none when dir does not exist); free
 * with free_files. */
static size_t read_files(const char *dir, struct file *files)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        ck_assert_msg(n < MAX_FILES, "%s: more than %d files", dir, MAX_FILES);
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(files[n].name, sizeof files[n].name, "%s", e->d_name);
        files[n].data = tu_slurp(path, &files[n].len);
        n++;
    }
    if (d)
        closedir(d);
    qsort(files, n, sizeof *files, by_name);
    return n;
}

static void free_files(struct file *files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(files[i].data);
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4400];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* The files a run left in outdir against those of the run without a
 * failure: all of them, byte for byte, when it succeeded; when it failed,
 * only complete files of that run (no partial file, no temporary one). */
static void check_files(const char *what, int ok, const char *outdir, const struct file *ref,
                        size_t nref)
{
    struct file got[MAX_FILES];
    size_t n = read_files(outdir, got);
    if (ok)
        ck_assert_msg(n == nref, "%s: exit 0 with %zu files in the output directory, not %zu",
                      what, n, nref);
    for (size_t i = 0; i < n; i++) {
        const struct file *want = NULL;
        for (size_t k = 0; k < nref && !want; k++)
            if (strcmp(ref[k].name, got[i].name) == 0)
                want = &ref[k];
        ck_assert_msg(want != NULL, "%s: exit %d left a file the run without a failure does not "
                      "write: %s", what, ok ? 0 : 1, got[i].name);
        ck_assert_msg(got[i].len == want->len && memcmp(got[i].data, want->data, want->len) == 0,
                      "%s: exit %d with %s different from the run without a failure (%zu bytes, "
                      "not %zu)", what, ok ? 0 : 1, got[i].name, got[i].len, want->len);
    }
    free_files(got, n);
}

/* The documents of the first max subjects of the SDTM study sdtm, saved
 * by the library into dir (before any allocation hook is installed); their
 * paths in paths[], each of size bytes. Returns how many. */
static size_t write_sdtm_docs(const char *sdtm, const char *dir, char (*paths)[4400], size_t max)
{
    ldrt_study *st = NULL;
    ck_assert_msg(ldrt_study_read_sdtm(sdtm, NULL, &st) == LDRT_OK, "cannot read %s: %s", sdtm,
                  ldrt_last_error());
    size_t n = ldrt_study_subject_count(st);
    n = n < max ? n : max;
    for (size_t i = 0; i < n; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/subject-%02zu.json", dir, i);
        ck_assert_msg(ldrt_patient_save_json(ldrt_study_patient_at(st, i), paths[i]) == LDRT_OK,
                      "cannot write %s", paths[i]);
    }
    ldrt_study_free(st);
    return n;
}

static size_t doc_count(void)
{
    const char *s = getenv("LDRT_CLI_ALLOC_DOCS");
    long n = s && *s ? strtol(s, NULL, 10) : DEFAULT_DOCS;
    return n < 1 ? 1 : n > MAX_DOCS ? MAX_DOCS : (size_t)n;
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
    char seed[4096], all_kinds[4096], mcode[4096], fseed[4200], fall[4200], sdtm[4096];
    char dir[] = "/tmp/ldrt-cli-alloc-XXXXXX", outdir[4200];
    static char docs[MAX_DOCS][4400];
    size_t ndocs = 0;
    int writes = 0; /* whether the command line writes into OUTDIR */
    if (!selected(c))
        return;
    snprintf(sdtm, sizeof sdtm, "%s", tu_data_path("sdtm/pharmaverse"));
    snprintf(seed, sizeof seed, "%s", tu_example_path("case-fong-2025.json"));
    snprintf(all_kinds, sizeof all_kinds, "%s", tu_data_path("all-kinds.json"));
    snprintf(mcode, sizeof mcode, "%s", tu_data_path("fhir/mcode-jenny-m.json"));
    ck_assert_ptr_nonnull(mkdtemp(dir));
    write_bundle(seed, dir, "seed.fhir.json", fseed, sizeof fseed);
    write_bundle(all_kinds, dir, "all-kinds.fhir.json", fall, sizeof fall);
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    for (size_t k = 0; k < 9 && c[k]; k++) {
        writes |= strcmp(c[k], "OUTDIR") == 0;
        if (strcmp(c[k], "SDTM-DOCS") == 0)
            ndocs = write_sdtm_docs(sdtm, dir, docs, doc_count());
    }
    j.argv[j.argc++] = (char *)"ldrt";
    for (size_t k = 0; k < 9 && c[k]; k++) {
        if (strcmp(c[k], "SDTM-DOCS") == 0) {
            for (size_t d = 0; d < ndocs; d++)
                j.argv[j.argc++] = docs[d];
            continue;
        }
        j.argv[j.argc++] = strcmp(c[k], "FILE") == 0             ? seed
                           : strcmp(c[k], "ALL-KINDS") == 0      ? all_kinds
                           : strcmp(c[k], "FHIR-SEED") == 0      ? fseed
                           : strcmp(c[k], "FHIR-ALL-KINDS") == 0 ? fall
                           : strcmp(c[k], "FHIR-MCODE") == 0     ? mcode
                           : strcmp(c[k], "SDTM") == 0           ? sdtm
                           : strcmp(c[k], "OUTDIR") == 0         ? outdir
                                                                 : (char *)c[k];
    }
    j.argv[j.argc] = NULL;

    /* The run without a failure: the reference (its files, when it writes
     * some, kept to compare). */
    struct tu_run ref;
    struct file ref_files[MAX_FILES];
    size_t nref = 0;
    tu_run_function(child, &j, RUN_SECONDS, &ref);
    char what[600];
    describe(&j, -1, what, sizeof what);
    if (writes) {
        nref = read_files(outdir, ref_files);
        remove_tree(outdir);
    }
    ck_assert_msg(ref.status == 0 && (writes ? nref > 0 : ref.out_len > 0), "%s: exit %d: %.2000s",
                  what, ref.status, ref.err);
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
        if (writes) {
            check_files(what, r.status == 0, outdir, ref_files, nref);
            remove_tree(outdir);
        }
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
            at = 0;
            while (at < r.err_len && at < ref.err_len && r.err[at] == ref.err[at])
                at++;
            from = at > 300 ? at - 300 : 0;
            ck_assert_msg(r.err_len == ref.err_len && at == r.err_len,
                          "%s: exit 0 with a stderr different from the run without a failure "
                          "(%zu bytes, not %zu) from byte %zu:\n%.600s\n--- expected\n%.600s",
                          what, r.err_len, ref.err_len, at, r.err + from, ref.err + from);
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
    free_files(ref_files, nref);
    remove_tree(dir);
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
