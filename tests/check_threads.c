/*
 * Threads, as doc/guides/threads.md allows them: 8 threads each load,
 * assess, report, save and compute the dose of their own patients, while
 * all of them read (save, assess, report, timeline, dose) patients they
 * share. Every result must equal the one computed by one thread alone.
 * `make tsan` runs this suite under ThreadSanitizer (0 reports is the bar).
 * SPDX-License-Identifier: MIT
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

#define THREADS 8
#define ROUNDS 6


/* What one thread alone computes from a patient. */
typedef struct {
    char *saved, *report, *assessment, *timeline;
    double dose_gy;
} results;

static int compute(const ldrt_patient *p, results *r)
{
    ldrt_assessment *a = NULL;
    int rc = ldrt_patient_save_json_buffer(p, &r->saved, NULL);
    if (!rc)
        rc = ldrt_patient_report(p, LDRT_FORMAT_JSON, LDRT_REPORT_ALL, &r->report, NULL);
    if (!rc)
        rc = ldrt_timeline_render(p, LDRT_TIMELINE_TEXT, &r->timeline, NULL);
    if (!rc)
        rc = ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a);
    if (!rc)
        rc = ldrt_assessment_render(a, LDRT_TIMELINE_JSON, &r->assessment, NULL);
    ldrt_assessment_free(a);
    r->dose_gy = 0;
    for (size_t i = 0; !rc && i < ldrt_patient_lesion_count(p); i++) {
        double total, bed, eqd2;
        size_t courses;
        rc = ldrt_lesion_dose(p, ldrt_patient_lesion_at(p, i), 10, LDRT_RECOVERY_NONE, &total,
                              &bed, &eqd2, &courses);
        r->dose_gy += eqd2;
    }
    return rc;
}

static void results_free(results *r)
{
    ldrt_free(r->saved);
    ldrt_free(r->report);
    ldrt_free(r->assessment);
    ldrt_free(r->timeline);
    memset(r, 0, sizeof *r);
}

static int same(const results *a, const results *b)
{
    return strcmp(a->saved, b->saved) == 0 && strcmp(a->report, b->report) == 0 &&
           strcmp(a->assessment, b->assessment) == 0 && strcmp(a->timeline, b->timeline) == 0 &&
           a->dose_gy == b->dose_gy;
}

static struct {
    const char *text;
    size_t size;
    const ldrt_patient *shared[2];
    results expected;
    char dir[4096];
} g;

typedef struct {
    int id;
    int failures;
    char message[256];
} worker;

static void note_failure(worker *w, const char *what)
{
    if (!w->failures++)
        snprintf(w->message, sizeof w->message, "thread %d: %s: %s", w->id, what,
                 ldrt_last_error());
}

static void *work(void *arg)
{
    worker *w = arg;
    char path[4200];
    snprintf(path, sizeof path, "%s/thread-%d.json", g.dir, w->id);
    for (int round = 0; round < ROUNDS; round++) {
        /* Its own patient: load, compute, save to its own file, load that. */
        ldrt_patient *own = NULL, *back = NULL;
        results r = { 0 }, s = { 0 };
        if (ldrt_patient_load_json_buffer(g.text, g.size, &own)) {
            note_failure(w, "load");
            continue;
        }
        if (compute(own, &r) || !same(&r, &g.expected))
            note_failure(w, "own patient");
        if (ldrt_patient_save_json(own, path))
            note_failure(w, "save");
        else if (ldrt_patient_load_json(path, &back) || compute(back, &s) || !same(&s, &g.expected))
            note_failure(w, "saved and loaded back");
        results_free(&r);
        results_free(&s);
        ldrt_patient_free(back);
        /* A mutation of its own patient, never seen by the others. */
        ldrt_event *e = NULL;
        if (ldrt_patient_add_event(own, LDRT_EVENT_NOTE, 20240101, &e) ||
            ldrt_event_set_text(e, LDRT_FIELD_NOTE, "thread note"))
            note_failure(w, "mutate own");
        ldrt_patient_free(own);
        /* The shared patients: readers only. */
        for (int k = 0; k < 2; k++) {
            if (compute(g.shared[k], &r) || !same(&r, &g.expected))
                note_failure(w, "shared patient");
            results_free(&r);
        }
        /* An error in this thread: its message is this thread's. */
        double bed;
        char expect[64];
        snprintf(expect, sizeof expect, "got -%d", w->id + 1);
        if (ldrt_lq_bed(10, 2, -(double)(w->id + 1), &bed) != LDRT_EINVAL ||
            !strstr(ldrt_last_error(), expect))
            note_failure(w, "per-thread message");
    }
    return NULL;
}

START_TEST(eight_threads_own_and_shared_patients)
{
    size_t size;
    char *text = tu_slurp(tu_example_path("case-fong-2025.json"), &size);
    g.text = text;
    g.size = size;
    const char *base = getenv("TMPDIR");
    snprintf(g.dir, sizeof g.dir, "%s/ldrt-check-threads-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(g.dir));
    ldrt_patient *a = NULL, *b = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(text, size, &a));
    tu_assert_ok(ldrt_patient_load_json_buffer(text, size, &b));
    g.shared[0] = a;
    g.shared[1] = b;
    tu_assert_ok(compute(a, &g.expected));
    pthread_t t[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        ck_assert_int_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    int failures = 0;
    for (int i = 0; i < THREADS; i++) {
        ck_assert_int_eq(pthread_join(t[i], NULL), 0);
        if (w[i].failures)
            fprintf(stderr, "%s\n", w[i].message);
        failures += w[i].failures;
    }
    ck_assert_int_eq(failures, 0);
    /* The shared patients are as they were. */
    results after = { 0 };
    tu_assert_ok(compute(a, &after));
    ck_assert(same(&after, &g.expected));
    results_free(&after);
    for (int i = 0; i < THREADS; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/thread-%d.json", g.dir, i);
        ck_assert_int_eq(unlink(path), 0);
    }
    ck_assert_int_eq(rmdir(g.dir), 0);  /* no temporary left behind */
    printf("threads: %d threads x %d rounds, own and shared patients: all results equal\n",
           THREADS, ROUNDS);
    results_free(&g.expected);
    ldrt_patient_free(a);
    ldrt_patient_free(b);
    free(text);
}
END_TEST

static Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *t = tcase_create("threads");
    tcase_set_timeout(t, 600);
    tcase_add_test(t, eight_threads_own_and_shared_patients);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(threads_suite)
