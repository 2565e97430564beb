/*
 * Crash-safe saves: processes that save a patient are killed (SIGKILL) at
 * random points, many times. After every kill the target must be the old
 * or the new document, complete, byte for byte; the next save must succeed
 * and leave no temporary file behind. Then the saves that fail: a full file
 * system, a read-only directory, a target that is a directory, and a
 * symbolic link (followed).
 *
 * LDRT_KILL_ROUNDS sets the number of kills (default 60, a few seconds;
 * `make soak` runs many more) and LDRT_KILL_SEED the random seed (printed).
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE 1 /* mount(), usleep() */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

static char *temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *dir = malloc(4096);
    ck_assert_ptr_nonnull(dir);
    snprintf(dir, 4096, "%s/ldrt-check-killsave-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

static char *read_all(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY);
    ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n == cap)
            buf = realloc(buf, cap *= 2);
        ssize_t r = read(fd, buf + n, cap - n);
        ck_assert_int_ge(r, 0);
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    *size = n;
    return buf;
}

/* Entries of dir whose name contains ".tmp-" (the temporaries). */
static int temporaries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strstr(e->d_name, ".tmp-") != NULL;
    closedir(d);
    return n;
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
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            chmod(path, 0700);
            remove_tree(path);
        } else {
            unlink(path);
        }
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* Two versions of a record: a small one and one of about 600 kB (its save
 * takes long enough to be killed in the middle). */
static ldrt_patient *old_p, *new_p;
static char *old_doc, *new_doc;
static size_t old_len, new_len;

static void make_patients(void)
{
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &old_p));
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &new_p));
    char *note = malloc(60001);
    for (int i = 0; i < 10; i++) {
        memset(note, 'a' + i, 60000);
        note[60000] = '\0';
        ldrt_event *e = NULL;
        tu_assert_ok(ldrt_patient_add_event(new_p, LDRT_EVENT_NOTE, 20240101, &e));
        tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, note));
    }
    free(note);
    tu_assert_ok(ldrt_patient_save_json_buffer(old_p, &old_doc, &old_len));
    tu_assert_ok(ldrt_patient_save_json_buffer(new_p, &new_doc, &new_len));
}

static void free_patients(void)
{
    ldrt_patient_free(old_p);
    ldrt_patient_free(new_p);
    ldrt_free(old_doc);
    ldrt_free(new_doc);
}

/* 0 when path holds exactly the old or the new document. */
static int old_or_new(const char *path)
{
    size_t n;
    char *got = read_all(path, &n);
    int ok = (n == old_len && memcmp(got, old_doc, n) == 0) ||
             (n == new_len && memcmp(got, new_doc, n) == 0);
    free(got);
    return ok ? 0 : -1;
}

START_TEST(killed_saves_leave_the_old_or_the_new_file)
{
    const char *env = getenv("LDRT_KILL_ROUNDS");
    long rounds = env ? strtol(env, NULL, 10) : 60;
    env = getenv("LDRT_KILL_SEED");
    struct timeval tv;
    gettimeofday(&tv, NULL);
    unsigned seed = env ? (unsigned)strtoul(env, NULL, 10) : (unsigned)(tv.tv_sec ^ tv.tv_usec);
    srand(seed);
    make_patients();
    char *dir = temp_dir(), path[4200];
    snprintf(path, sizeof path, "%s/case.json", dir);
    tu_assert_ok(ldrt_patient_save_json(old_p, path));
    long survived = 0, mid_save = 0;
    for (long r = 0; r < rounds; r++) {
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            /* Save the two versions in turn until killed. */
            for (unsigned k = 0;; k++)
                if (ldrt_patient_save_json(k % 2 ? old_p : new_p, path) && getenv("LDRT_KILL_DEBUG"))
                    fprintf(stderr, "child: %s\n", ldrt_last_error());
        }
        /* Anywhere in the first few saves (one takes some 20 to 40 ms). */
        usleep((useconds_t)(rand() % 100000));
        kill(pid, SIGKILL);
        int status;
        ck_assert_int_eq(waitpid(pid, &status, 0), pid);
        ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        ck_assert_msg(old_or_new(path) == 0, "kill %ld (seed %u): the target is neither the old "
                                             "nor the new document", r, seed);
        survived++;
        mid_save += temporaries(dir) > 0;
        /* The next save succeeds and removes what the killed one left. */
        tu_assert_ok(ldrt_patient_save_json(r % 2 ? old_p : new_p, path));
        ck_assert_int_eq(temporaries(dir), 0);
        ck_assert_int_eq(old_or_new(path), 0);
    }
    printf("killsave: %ld kills survived (seed %u), %ld of them in the middle of a save "
           "(a temporary left, removed by the next save)\n", survived, seed, mid_save);
    remove_tree(dir);
    free(dir);
    free_patients();
}
END_TEST

/* A failed save: the old file as it was, and no temporary. */
static void assert_failed_cleanly(int rc, const char *dir, const char *path, const char *needle)
{
    tu_assert_error(rc, LDRT_EIO, needle);
    ck_assert_int_eq(temporaries(dir), 0);
    if (path)
        ck_assert_int_eq(old_or_new(path), 0);
}

START_TEST(failed_saves_leave_nothing_behind)
{
    make_patients();
    char *dir = temp_dir(), path[4200], sub[4200], link[4200];
    snprintf(path, sizeof path, "%s/case.json", dir);
    tu_assert_ok(ldrt_patient_save_json(old_p, path));
    /* The target is a directory. */
    snprintf(sub, sizeof sub, "%s/folder.json", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    assert_failed_cleanly(ldrt_patient_save_json(new_p, sub), dir, NULL, "is a directory");
    /* The target is a symbolic link: followed, the link stays. */
    snprintf(link, sizeof link, "%s/link.json", dir);
    ck_assert_int_eq(symlink("case.json", link), 0);
    tu_assert_ok(ldrt_patient_save_json(new_p, link));
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    size_t n;
    char *got = read_all(path, &n);
    ck_assert(n == new_len && memcmp(got, new_doc, n) == 0);
    free(got);
    ck_assert_int_eq(temporaries(dir), 0);
    /* A read-only directory (root may write anywhere: then a read-only
     * mount stands for it when the system allows one). */
    char ro[4200];
    snprintf(ro, sizeof ro, "%s/ro", dir);
    ck_assert_int_eq(mkdir(ro, 0700), 0);
    char rpath[4300];
    snprintf(rpath, sizeof rpath, "%s/case.json", ro);
    tu_assert_ok(ldrt_patient_save_json(old_p, rpath));
    int ro_done = 0;
    if (geteuid() != 0) {
        ck_assert_int_eq(chmod(ro, 0500), 0);
        assert_failed_cleanly(ldrt_patient_save_json(new_p, rpath), ro, rpath,
                              "cannot create a temporary file");
        ck_assert_int_eq(chmod(ro, 0700), 0);
        ro_done = 1;
    } else if (mount(ro, ro, NULL, MS_BIND, NULL) == 0) {
        if (mount(NULL, ro, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) == 0) {
            assert_failed_cleanly(ldrt_patient_save_json(new_p, rpath), ro, rpath,
                                  "cannot create a temporary file");
            ro_done = 1;
        }
        umount(ro);
    }
    /* A full file system: a 64 kB tmpfs (root only; where it cannot be
     * mounted, the file size limit of check_save.c stands for it). */
    char full[4200];
    snprintf(full, sizeof full, "%s/full", dir);
    ck_assert_int_eq(mkdir(full, 0700), 0);
    int full_done = 0;
    if (mount("ldrt-test", full, "tmpfs", 0, "size=64k") == 0) {
        char fpath[4300];
        snprintf(fpath, sizeof fpath, "%s/case.json", full);
        tu_assert_ok(ldrt_patient_save_json(old_p, fpath));
        assert_failed_cleanly(ldrt_patient_save_json(new_p, fpath), full, fpath, "cannot write");
        full_done = 1;
        umount(full);
    }
    printf("killsave: failed saves checked: directory target, symlink (followed), read-only "
           "directory %s, full file system %s\n", ro_done ? "yes" : "skipped (no bind mount)",
           full_done ? "yes (tmpfs)" : "skipped (no tmpfs mount; see check_save)");
    remove_tree(dir);
    free(dir);
    free_patients();
}
END_TEST

static Suite *killsave_suite(void)
{
    Suite *s = suite_create("killsave");
    TCase *t = tcase_create("kills");
    tcase_set_timeout(t, 3600);
    tcase_add_test(t, killed_saves_leave_the_old_or_the_new_file);
    tcase_add_test(t, failed_saves_leave_nothing_behind);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(killsave_suite)
