/*
 * Saving: the limits hold on every path that creates data (whatever is
 * saved can be loaded), and files are replaced atomically and safely.
 * SPDX-License-Identifier: MIT
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

/* ---- helpers ------------------------------------------------------------------------------- */

static char *text_of(size_t n, char c)
{
    char *s = malloc(n + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

/* A new private directory under TMPDIR (or /tmp); caller frees. */
static char *temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *dir = malloc(4096);
    ck_assert_ptr_nonnull(dir);
    snprintf(dir, 4096, "%s/ldrt-check-save-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

/* Saves p to memory, loads that back and saves again: the same bytes. */
static void assert_round_trip(const ldrt_patient *p)
{
    char *a = NULL, *b = NULL;
    size_t na = 0, nb = 0;
    ldrt_patient *q = NULL;
    tu_assert_ok(ldrt_patient_save_json_buffer(p, &a, &na));
    tu_assert_ok(ldrt_patient_load_json_buffer(a, na, &q));
    tu_assert_ok(ldrt_patient_save_json_buffer(q, &b, &nb));
    ck_assert_uint_eq(na, nb);
    ck_assert_int_eq(memcmp(a, b, na), 0);
    ldrt_free(a);
    ldrt_free(b);
    ldrt_patient_free(q);
}

/* ---- limits: nothing saved is unloadable ----------------------------------------------------- */

START_TEST(text_setters_refuse_what_load_refuses)
{
    char *at = text_of(LDRT_JSON_MAX_STRING, 'a');
    char *over = text_of(LDRT_JSON_MAX_STRING + 1, 'a');
    ldrt_patient *p = NULL;
    /* The 70,000-byte patient id of the report, and one byte over the limit. */
    char *id70k = text_of(70000, 'p');
    tu_assert_error(ldrt_patient_new(id70k, &p), LDRT_ERANGE, "id: longer than the limit of 65536");
    ck_assert_ptr_null(p);
    tu_assert_error(ldrt_patient_new(over, &p), LDRT_ERANGE, "id");
    /* Exactly at the limit: accepted, saved, loaded back. */
    tu_assert_ok(ldrt_patient_new(at, &p));
    ldrt_event *e = NULL;
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_NOTE, 20230721, &e));
    tu_assert_error(ldrt_event_set_text(e, LDRT_FIELD_NOTE, over), LDRT_ERANGE, "note");
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, at));
    tu_assert_error(ldrt_patient_set_sex(p, over), LDRT_ERANGE, "sex");
    tu_assert_error(ldrt_patient_add_lesion(p, over, NULL), LDRT_ERANGE, "id");
    tu_assert_ok(ldrt_patient_add_lesion(p, at, NULL));
    ldrt_diagnosis *d = NULL;
    tu_assert_error(ldrt_patient_add_diagnosis(p, 20210101, over, NULL), LDRT_ERANGE, "condition");
    tu_assert_ok(ldrt_patient_add_diagnosis(p, 20210101, "melanoma", &d));
    tu_assert_error(ldrt_diagnosis_set_marker(d, over, "x"), LDRT_ERANGE, "name");
    tu_assert_error(ldrt_diagnosis_set_marker(d, "BRAF", over), LDRT_ERANGE, "value");
    ldrt_event *s = NULL;
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, 20230801, &s));
    tu_assert_error(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), over, 200, "mg"), LDRT_ERANGE, "drug");
    tu_assert_error(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "nivolumab", 200, over), LDRT_ERANGE, "unit");
    assert_round_trip(p);
    ldrt_patient_free(p);
    free(at);
    free(over);
    free(id70k);
}
END_TEST

START_TEST(save_refuses_a_document_over_the_size_limit)
{
    /* 300 notes of 60,000 bytes: 18 MB, over the 16 MiB (16,777,216 bytes) limit. */
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_new("big", &p));
    char *note = text_of(60000, 'n');
    ldrt_event *e = NULL;
    for (int i = 0; i < 300; i++) {
        tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_NOTE, 20230101, &e));
        tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, note));
    }
    char *out = (char *)"untouched";
    tu_assert_error(ldrt_patient_save_json_buffer(p, &out, NULL), LDRT_ERANGE,
                    "more than the limit of 16777216");
    ck_assert_str_eq(out, "untouched");
    char *dir = temp_dir(), path[4200];
    snprintf(path, sizeof path, "%s/big.json", dir);
    tu_assert_error(ldrt_patient_save_json(p, path), LDRT_ERANGE, "document");
    ck_assert_int_eq(access(path, F_OK), -1);
    /* Under the limit (250 notes, 15 MB): saved, and loaded back. */
    for (int i = 0; i < 50; i++)
        tu_assert_ok(ldrt_patient_remove_event(p, ldrt_patient_event_at_mut(p, 0)));
    tu_assert_ok(ldrt_patient_save_json(p, path));
    ldrt_patient *q = NULL;
    tu_assert_ok(ldrt_patient_load_json(path, &q));
    ck_assert_uint_eq(ldrt_patient_event_count(q), 250);
    ldrt_patient_free(q);
    unlink(path);
    rmdir(dir);
    free(dir);
    free(note);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(values_over_their_limit_are_refused)
{
    ldrt_patient *p = NULL;
    ldrt_event *rt = NULL, *rx = NULL, *img = NULL, *sys = NULL;
    tu_assert_ok(ldrt_patient_new("v", &p));
    tu_assert_ok(ldrt_patient_add_lesion(p, "T1", NULL));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, 20230721, &rt));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, 20230801, &rx));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, 20230901, &img));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, 20230701, &sys));
    /* The doses of the report (1e30 Gy) and one step over each limit. */
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(rt), 20230721, 1e30, NULL), LDRT_EINVAL,
                    "dose_gy: must be at most 1000");
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(rt), 20230721, LDRT_MAX_DOSE_GY * 1.000001, NULL),
                    LDRT_EINVAL, "dose_gy");
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(rt), 20230721, LDRT_MAX_DOSE_GY, NULL));
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(rx), 2e30, 5, LDRT_SCHEDULE_DAILY), LDRT_EINVAL,
                    "total_gy");
    tu_assert_ok(ldrt_course_set_prescription(ldrt_event_as_course_mut(rx), LDRT_MAX_DOSE_GY, 5, LDRT_SCHEDULE_DAILY));
    tu_assert_error(ldrt_course_set_margin_mm(ldrt_event_as_course_mut(rt), 1e20), LDRT_EINVAL, "margin_mm");
    tu_assert_error(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(img), "T1", LDRT_MAX_LENGTH_MM * 2, 0), LDRT_EINVAL,
                    "diameter_mm");
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(img), "T1", LDRT_MAX_LENGTH_MM, 0));
    tu_assert_error(ldrt_scan_set_liver_sul_mean(ldrt_event_as_scan_mut(img), 1e300), LDRT_EINVAL, "liver_sul_mean");
    tu_assert_error(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(sys), "nivolumab", 1e300, "mg"), LDRT_EINVAL, "dose");
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(sys), "nivolumab", 480, "mg"));
    assert_round_trip(p);
    ldrt_patient_free(p);
    /* The loader refuses the same values with their path. */
    const char *doc =
        "{\"ldrt\": 1, \"patient\": {\"id\": \"x\"}, \"events\": [{\"type\": \"radiotherapy\","
        " \"date\": \"2023-07-21\", \"fractions\": [{\"date\": \"2023-07-21\", \"dose_gy\": 1e30},"
        " {\"date\": \"2023-07-22\", \"dose_gy\": 2e30}]}]}";
    tu_assert_error(ldrt_patient_load_json_buffer(doc, strlen(doc), &p), LDRT_EINVAL,
                    "events[0].fractions[0].dose_gy: must be at most 1000");
}
END_TEST


/* ---- atomic saves: what is replaced, and what is left behind ------------------------------------ */


/* Entries of dir other than . and .. (hidden ones included). */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
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
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static ldrt_patient *patient_named(const char *id)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_new(id, &p));
    return p;
}

START_TEST(a_symlink_is_followed_to_its_target)
{
    char *dir = temp_dir();
    char real[4200], link[4200], dangling[4200];
    snprintf(real, sizeof real, "%s/real.json", dir);
    snprintf(link, sizeof link, "%s/link.json", dir);
    snprintf(dangling, sizeof dangling, "%s/dangling.json", dir);
    ldrt_patient *old = patient_named("old"), *new = patient_named("new");
    tu_assert_ok(ldrt_patient_save_json(old, real));
    ck_assert_int_eq(chmod(real, 0640), 0);
    ck_assert_int_eq(symlink("real.json", link), 0);
    tu_assert_ok(ldrt_patient_save_json(new, link));
    /* The link is still a link; the file it points to has the new record
     * and keeps its mode. */
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_int_eq(stat(real, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
    char *text = tu_slurp(real, NULL);
    ck_assert_ptr_nonnull(strstr(text, "\"id\": \"new\""));
    free(text);
    /* A link to nothing is refused, and nothing is created. */
    ck_assert_int_eq(symlink("nowhere/x.json", dangling), 0);
    tu_assert_error(ldrt_patient_save_json(new, dangling), LDRT_EIO, "symbolic link");
    ck_assert_int_eq(count_entries(dir), 3);
    ldrt_patient_free(old);
    ldrt_patient_free(new);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(only_a_regular_file_is_replaced)
{
    char *dir = temp_dir();
    char fifo[4200], sub[4200], dev[4200];
    snprintf(fifo, sizeof fifo, "%s/fifo.json", dir);
    snprintf(sub, sizeof sub, "%s/sub.json", dir);
    snprintf(dev, sizeof dev, "%s/null.json", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    ck_assert_int_eq(symlink("/dev/null", dev), 0);
    ldrt_patient *p = patient_named("p");
    tu_assert_error(ldrt_patient_save_json(p, fifo), LDRT_EIO, "is a FIFO");
    tu_assert_error(ldrt_patient_save_json(p, sub), LDRT_EIO, "is a directory");
    tu_assert_error(ldrt_patient_save_json(p, dev), LDRT_EIO, "is a device");
    tu_assert_error(ldrt_patient_save_json(p, "/dev/null"), LDRT_EIO, "is a device");
    struct stat st;
    ck_assert_int_eq(lstat(fifo, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    ck_assert_int_eq(lstat(sub, &st), 0);
    ck_assert(S_ISDIR(st.st_mode));
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));
    ck_assert_int_eq(count_entries(dir), 3);  /* no temporary left */
    ldrt_patient_free(p);
    remove_tree(dir);
    free(dir);
}
END_TEST

START_TEST(names_up_to_name_max_are_saved)
{
    char *dir = temp_dir();
    ldrt_patient *p = patient_named("p");
    for (size_t len = 240; len <= 255; len++) {
        char path[4400];
        int h = snprintf(path, sizeof path, "%s/", dir);
        memset(path + h, 'n', len - 5);
        strcpy(path + h + len - 5, ".json");
        ck_assert_uint_eq(strlen(path + h), len);
        tu_assert_ok(ldrt_patient_save_json(p, path));
        tu_assert_ok(ldrt_patient_save_json(p, path));  /* replaced too */
        ldrt_patient *q = NULL;
        tu_assert_ok(ldrt_patient_load_json(path, &q));
        ldrt_patient_free(q);
        unlink(path);
    }
    ck_assert_int_eq(count_entries(dir), 0);
    ldrt_patient_free(p);
    remove_tree(dir);
    free(dir);
}
END_TEST

/* A save killed half-way (the file size limit's SIGXFSZ) leaves its
 * temporary file; the next save of the same target removes it. */
START_TEST(a_killed_save_is_cleaned_by_the_next)
{
    char *dir = temp_dir(), path[4200], other[4200];
    snprintf(path, sizeof path, "%s/case.json", dir);
    snprintf(other, sizeof other, "%s/other.json", dir);
    ldrt_patient *old = patient_named("old"), *big = patient_named("big");
    char *note = text_of(60000, 'x');
    ldrt_event *e = NULL;
    tu_assert_ok(ldrt_patient_add_event(big, LDRT_EVENT_NOTE, 20230101, &e));
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, note));
    tu_assert_ok(ldrt_patient_save_json(old, path));
    char *before = tu_slurp(path, NULL);
    for (int round = 0; round < 2; round++) {
        pid_t pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            struct rlimit lim = { 4096, 4096 }, core = { 0, 0 };
            setrlimit(RLIMIT_CORE, &core);
            signal(SIGXFSZ, SIG_DFL);
            setrlimit(RLIMIT_FSIZE, &lim);
            ldrt_patient_save_json(big, path);
            _exit(0);
        }
        int status;
        ck_assert_int_eq(waitpid(pid, &status, 0), pid);
        ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ);
        /* The target is the old file; the dead save's temporary is there
         * (the second save removed the first's before it died in turn). */
        char *now = tu_slurp(path, NULL);
        ck_assert_str_eq(now, before);
        free(now);
        ck_assert_int_eq(count_entries(dir), 2);
    }
    /* Another target's save leaves them alone; the same target's removes them. */
    tu_assert_ok(ldrt_patient_save_json(old, other));
    ck_assert_int_eq(count_entries(dir), 3);
    tu_assert_ok(ldrt_patient_save_json(big, path));
    ck_assert_int_eq(count_entries(dir), 2);
    char *now = tu_slurp(path, NULL);
    ck_assert_ptr_nonnull(strstr(now, note));
    free(now);
    free(before);
    free(note);
    ldrt_patient_free(old);
    ldrt_patient_free(big);
    remove_tree(dir);
    free(dir);
}
END_TEST

/* A failed save leaves no temporary and the old file as it was: a
 * directory where nothing can be created (not for root), a write that
 * fails (the file size limit stands for a full file system). */
START_TEST(a_failed_save_leaves_nothing_behind)
{
    char *dir = temp_dir(), path[4200];
    snprintf(path, sizeof path, "%s/case.json", dir);
    ldrt_patient *old = patient_named("old"), *big = patient_named("big");
    char *note = text_of(60000, 'x');
    ldrt_event *e = NULL;
    tu_assert_ok(ldrt_patient_add_event(big, LDRT_EVENT_NOTE, 20230101, &e));
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, note));
    tu_assert_ok(ldrt_patient_save_json(old, path));
    char *before = tu_slurp(path, NULL);
    struct rlimit prev, lim;
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &prev), 0);
    lim = prev;
    lim.rlim_cur = 4096;
    void (*h)(int) = signal(SIGXFSZ, SIG_IGN);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    int rc = ldrt_patient_save_json(big, path);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &prev), 0);
    signal(SIGXFSZ, h);
    tu_assert_error(rc, LDRT_EIO, "cannot write");
    char *now = tu_slurp(path, NULL);
    ck_assert_str_eq(now, before);
    free(now);
    ck_assert_int_eq(count_entries(dir), 1);
    if (geteuid() != 0) {
        ck_assert_int_eq(chmod(dir, 0500), 0);
        rc = ldrt_patient_save_json(big, path);
        ck_assert_int_eq(chmod(dir, 0700), 0);
        tu_assert_error(rc, LDRT_EIO, "cannot create a temporary file");
        ck_assert_int_eq(count_entries(dir), 1);
    }
    free(before);
    free(note);
    ldrt_patient_free(old);
    ldrt_patient_free(big);
    remove_tree(dir);
    free(dir);
}
END_TEST

static Suite *save_suite(void)
{
    Suite *s = suite_create("save");
    TCase *t = tcase_create("limits");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, text_setters_refuse_what_load_refuses);
    tcase_add_test(t, save_refuses_a_document_over_the_size_limit);
    tcase_add_test(t, values_over_their_limit_are_refused);
    suite_add_tcase(s, t);
    TCase *a = tcase_create("atomic");
    tcase_set_timeout(a, 60);
    tcase_add_test(a, a_symlink_is_followed_to_its_target);
    tcase_add_test(a, only_a_regular_file_is_replaced);
    tcase_add_test(a, names_up_to_name_max_are_saved);
    tcase_add_test(a, a_killed_save_is_cleaned_by_the_next);
    tcase_add_test(a, a_failed_save_leaves_nothing_behind);
    suite_add_tcase(s, a);
    return s;
}

TU_MAIN(save_suite)
