/*
 * Benchmark of the per-patient response analysis on a large generated
 * document (LESIONS lesions measured on SCANS scans, with COURSES
 * radiotherapy courses): the RECIST 1.1 assessment (ldrt_patient_assess) and
 * the per-course analysis of every course (ldrt_patient_course_response),
 * each as the median over ROUNDS rounds of its ratio to a reference measured
 * in the same round: loading the same document (ldrt_patient_load_json_buffer),
 * one pass that reads and builds every measurement. Near-linear analysis
 * keeps both ratios small and independent of the document's size. With a
 * file argument, writes the 200 x 200 document there (to profile
 * `ldrt report FILE`) instead.
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ldrt.h"
#include "bench_util.h"

#define ROUNDS 7

typedef struct {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n >= 0 && (size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        t->cap = t->cap * 2 + (size_t)n + 1024;
        t->s = realloc(t->s, t->cap);
        if (!t->s) {
            fprintf(stderr, "bench: out of memory\n");
            exit(1);
        }
    }
}

static void date_of(int day, char *buf)
{
    int64_t d0;
    ldrt_date d;
    ldrt_date_to_days(20200101, &d0);
    ldrt_date_from_days(d0 + day, &d);
    ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE);
}

/* LESIONS lesions; SCANS scans 14 days apart, each measuring every lesion
 * but one in seven (a not-evaluated gap); a course every SCANS/COURSES scans
 * targeting two lesions. */
static char *make_document(int lesions, int scans, int courses, size_t *size)
{
    text t = { malloc(1 << 16), 0, 1 << 16 };
    put(&t, "{\"ldrt\": 1, \"patient\": {\"id\": \"bench\"}, \"lesions\": [");
    for (int l = 0; l < lesions; l++)
        put(&t, "%s{\"id\": \"L%d\", \"category\": \"%s\", \"organ\": \"o%d\"}", l ? "," : "", l,
            l < 5 ? "target" : "non-target", l);
    put(&t, "], \"events\": [");
    char d[LDRT_DATE_BUFSIZE];
    int every = scans / (courses ? courses : 1);
    for (int k = 0; k < scans; k++) {
        date_of(14 * k, d);
        put(&t, "%s{\"type\": \"imaging\", \"date\": \"%s\", \"baseline\": %s, \"measurements\": [",
            k ? "," : "", d, k == 0 ? "true" : "false");
        int first = 1;
        for (int l = 0; l < lesions; l++) {
            if (k > 0 && (l + k) % 7 == 0)
                continue;
            put(&t, "%s{\"lesion\": \"L%d\", \"diameter_mm\": %.1f}", first ? "" : ",", l,
                20.0 + (double)((l * 7 + k * 3) % 13));
            first = 0;
        }
        put(&t, "]}");
        if (courses && k % every == every / 2 && k / every < courses) {
            char d2[LDRT_DATE_BUFSIZE];
            date_of(14 * k + 1, d);
            date_of(14 * k + 5, d2);
            put(&t, ",{\"type\": \"radiotherapy\", \"date\": \"%s\", \"course_id\": \"C%d\", "
                    "\"targets\": [\"L%d\", \"L%d\"], \"fractions\": [{\"date\": \"%s\", \"dose_gy\": 2}, "
                    "{\"date\": \"%s\", \"dose_gy\": 2}]}",
                d, k / every, k % lesions, (k + 1) % lesions, d, d2);
        }
    }
    put(&t, "]}");
    *size = t.len;
    return t.s;
}

static void check(int rc, const char *what)
{
    if (rc != LDRT_OK) {
        fprintf(stderr, "bench: %s: %s\n", what, ldrt_last_error());
        exit(1);
    }
}

static void run(int lesions, int scans, int courses)
{
    size_t size;
    char *doc = make_document(lesions, scans, courses, &size);
    double r_assess[ROUNDS], r_course[ROUNDS], t_load[ROUNDS], t_assess[ROUNDS], t_course[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
        ldrt_patient *p = NULL;
        double t0 = bench_now();
        check(ldrt_patient_load_json_buffer(doc, size, &p), "load");
        double t1 = bench_now();
        ldrt_assessment *a = NULL;
        check(ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a), "assess");
        double t2 = bench_now();
        size_t n_courses = 0;
        for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
            const ldrt_event *e = ldrt_patient_event_at(p, i);
            if (ldrt_event_type(e) != LDRT_EVENT_RADIOTHERAPY)
                continue;
            ldrt_course_response *cr = NULL;
            check(ldrt_patient_course_response(p, ldrt_event_as_course(e), NULL, &cr), "course");
            ldrt_course_response_free(cr);
            n_courses++;
        }
        double t3 = bench_now();
        if (n_courses != (size_t)courses) {
            fprintf(stderr, "bench: %zu courses, expected %d\n", n_courses, courses);
            exit(1);
        }
        ldrt_assessment_free(a);
        ldrt_patient_free(p);
        t_load[round] = t1 - t0;
        t_assess[round] = t2 - t1;
        t_course[round] = t3 - t2;
        r_assess[round] = t_assess[round] / t_load[round];
        r_course[round] = t_course[round] / t_load[round];
    }
    qsort(r_assess, ROUNDS, sizeof(double), bench_cmp_double);
    qsort(r_course, ROUNDS, sizeof(double), bench_cmp_double);
    qsort(t_load, ROUNDS, sizeof(double), bench_cmp_double);
    qsort(t_assess, ROUNDS, sizeof(double), bench_cmp_double);
    qsort(t_course, ROUNDS, sizeof(double), bench_cmp_double);
    printf("patient response: %d lesions x %d scans, %d courses (%zu bytes): load %.2f ms; "
           "RECIST 1.1 assessment %.2f ms (%.2fx load); all courses %.2f ms (%.2fx load)\n",
           lesions, scans, courses, size, t_load[ROUNDS / 2] * 1e3, t_assess[ROUNDS / 2] * 1e3,
           r_assess[ROUNDS / 2], t_course[ROUNDS / 2] * 1e3, r_course[ROUNDS / 2]);
    free(doc);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        /* bench_patient_response FILE: write the large document (for
         * profiling `ldrt report FILE`) and stop. */
        size_t size;
        char *doc = make_document(200, 200, 20, &size);
        FILE *f = fopen(argv[1], "wb");
        if (!f || fwrite(doc, 1, size, f) != size || fclose(f) != 0) {
            fprintf(stderr, "bench: cannot write %s\n", argv[1]);
            return 1;
        }
        free(doc);
        return 0;
    }
    run(50, 50, 5);
    run(200, 200, 20);
    return 0;
}
