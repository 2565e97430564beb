/*
 * Cohort-scale response classification: 3 million time points with 9
 * million lesion measurements (synthetic, deterministic), classified by
 * RECIST 1.1 with ldrt_recist_classify_arrays().
 *
 * Prints, as medians over interleaved rounds measured in this run:
 *  - the ratio of the engine's time to one pass that only reads the input
 *    arrays (target: <= 8);
 *  - the speedup over a vectorised numpy implementation of the same rule
 *    (bench_response_numpy.py; target: >= 4), when a Python with numpy is
 *    found (LDRT_BENCH_PYTHON if set, else /usr/bin/python3, then python3).
 *    Without numpy the comparison is skipped and said so.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LDRT_EXPERIMENTAL_API /* the cohort engine: the experimental tier */
#include "ldrt.h"
#include "bench_util.h"

#define N_PATIENTS 500000
#define ROUNDS 11

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint32_t next(void)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(rng >> 33);
}

/* The reference: one pass that reads every input array once. */
static volatile double sink;
static void read_pass(size_t n_tp, size_t n_rows, const int64_t *poff, const int64_t *toff,
                      const int32_t *lesion, const uint8_t *role, const uint8_t *state,
                      const double *value)
{
    int64_t a = 0;
    double s = 0;
    for (size_t i = 0; i <= N_PATIENTS; i++)
        a += poff[i];
    for (size_t i = 0; i <= n_tp; i++)
        a += toff[i];
    for (size_t i = 0; i < n_rows; i++) {
        a += lesion[i] + role[i] + state[i];
        s += value[i];
    }
    sink = s + (double)a;
}

static int write_file(const char *dir, const char *name, const void *p, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(p, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

static const char *find_python(void)
{
    static const char *const candidates[] = { NULL, "/usr/bin/python3", "python3" };
    static char chosen[1024];
    const char *env = getenv("LDRT_BENCH_PYTHON");
    /* LDRT_BENCH_PYTHON, when set, is the only Python tried. */
    for (int i = env && *env ? 0 : 1; i < (env && *env ? 1 : 3); i++) {
        const char *py = i == 0 ? env : candidates[i];
        if (!py || !*py)
            continue;
        char cmd[1200];
        snprintf(cmd, sizeof cmd, "%s -c 'import numpy' >/dev/null 2>&1", py);
        if (system(cmd) == 0) {
            snprintf(chosen, sizeof chosen, "%s", py);
            return chosen;
        }
    }
    return NULL;
}

int main(void)
{
    /* Generate: 500 000 patients, 2-10 time points (mean 6), 1-5 target
     * lesions (mean 3): about 3.0 M time points and 9.0 M measurements. */
    size_t cap_tp = (size_t)N_PATIENTS * 10, cap_rows = cap_tp * 5;
    int64_t *poff = malloc((N_PATIENTS + 1) * sizeof *poff);
    int64_t *toff = malloc((cap_tp + 1) * sizeof *toff);
    int32_t *lesion = malloc(cap_rows * sizeof *lesion);
    uint8_t *role = malloc(cap_rows), *state = malloc(cap_rows);
    double *value = malloc(cap_rows * sizeof *value);
    if (!poff || !toff || !lesion || !role || !state || !value) {
        fprintf(stderr, "bench_response: out of memory\n");
        return 1;
    }
    size_t t = 0, r = 0;
    for (size_t p = 0; p < N_PATIENTS; p++) {
        poff[p] = (int64_t)t;
        int ntp = 2 + (int)(next() % 9), nl = 1 + (int)(next() % 5);
        double size[5];
        int trend = (int)(next() % 3);
        for (int k = 0; k < ntp; k++, t++) {
            toff[t] = (int64_t)r;
            for (int l = 0; l < nl; l++, r++) {
                if (k == 0)
                    size[l] = 10.0 + (double)(next() % 400) / 10.0;
                else if (trend == 0 && next() % 8 == 0)
                    size[l] = 0.0; /* disappeared */
                else
                    size[l] = floor(size[l] * (0.75 + 0.1 * trend + (double)(next() % 30) / 100.0) * 10.0) / 10.0;
                lesion[r] = l;
                role[r] = LDRT_ROLE_TARGET;
                state[r] = size[l] == 0.0 ? LDRT_STATE_ABSENT : LDRT_STATE_PRESENT;
                value[r] = size[l];
            }
        }
    }
    poff[N_PATIENTS] = (int64_t)t;
    toff[t] = (int64_t)r;
    size_t n_tp = t, n_rows = r;
    int32_t *overall = malloc(n_tp * sizeof *overall);
    if (!overall)
        return 1;
    memset(overall, 0, n_tp * sizeof *overall);
    printf("bench_response: %zu patients, %zu time points, %zu lesion measurements\n",
           (size_t)N_PATIENTS, n_tp, n_rows);

    /* Warm-up, then interleaved rounds with alternating order. */
    read_pass(n_tp, n_rows, poff, toff, lesion, role, state, value);
    if (ldrt_recist_classify_arrays(NULL, N_PATIENTS, poff, toff, lesion, role, state, value,
                                    overall, NULL, NULL, NULL, NULL) != LDRT_OK) {
        fprintf(stderr, "bench_response: %s\n", ldrt_last_error());
        return 1;
    }
    double te[ROUNDS], tr[ROUNDS], ratio[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
        double a, b, c;
        if (i % 2 == 0) {
            a = bench_now();
            ldrt_recist_classify_arrays(NULL, N_PATIENTS, poff, toff, lesion, role, state, value,
                                        overall, NULL, NULL, NULL, NULL);
            b = bench_now();
            read_pass(n_tp, n_rows, poff, toff, lesion, role, state, value);
            c = bench_now();
            te[i] = b - a;
            tr[i] = c - b;
        } else {
            a = bench_now();
            read_pass(n_tp, n_rows, poff, toff, lesion, role, state, value);
            b = bench_now();
            ldrt_recist_classify_arrays(NULL, N_PATIENTS, poff, toff, lesion, role, state, value,
                                        overall, NULL, NULL, NULL, NULL);
            c = bench_now();
            tr[i] = b - a;
            te[i] = c - b;
        }
        ratio[i] = te[i] / tr[i];
    }
    double med_ratio = bench_median(ratio, ROUNDS), med_engine = bench_median(te, ROUNDS),
           med_read = bench_median(tr, ROUNDS);
    size_t counts[8] = { 0 };
    for (size_t i = 0; i < n_tp; i++)
        if (overall[i] >= 0 && overall[i] < 8)
            counts[overall[i]]++;
    printf("  engine (validation + classification): median %.1f ms (%.2f ns/measurement)\n",
           med_engine * 1e3, med_engine * 1e9 / (double)n_rows);
    printf("  read-only pass over the inputs:       median %.1f ms\n", med_read * 1e3);
    printf("  ratio engine / read pass: median %.2f over %d rounds (target <= 8): %s\n",
           med_ratio, ROUNDS, med_ratio <= 8.0 ? "met" : "NOT met");
    printf("  labels: CR %zu, PR %zu, SD %zu, PD %zu, baseline %zu\n", counts[1], counts[2],
           counts[3], counts[4], counts[0]);

    const char *py = find_python();
    if (!py) {
        printf("  numpy comparison: skipped (no Python with numpy found)\n");
    } else {
        const char *tmp = getenv("TMPDIR");
        char dirbuf[4096];
        snprintf(dirbuf, sizeof dirbuf, "%s/ldrt-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dirbuf) ||
            write_file(dirbuf, "poff.bin", poff, (N_PATIENTS + 1) * sizeof *poff) ||
            write_file(dirbuf, "toff.bin", toff, (n_tp + 1) * sizeof *toff) ||
            write_file(dirbuf, "value.bin", value, n_rows * sizeof *value)) {
            printf("  numpy comparison: skipped (cannot write temporary files)\n");
        } else {
            /* Interleaved rounds: the engine (best of 3), then one numpy run
             * (its warm-up, then the best of 3), each round giving a ratio. */
            char cmd[8192];
            snprintf(cmd, sizeof cmd, "%s bench/bench_response_numpy.py %s 4", py, dirbuf);
            enum { NP_ROUNDS = 5 };
            double sp[NP_ROUNDS], tnp[NP_ROUNDS], ten[NP_ROUNDS];
            int ok = 1;
            for (int q = 0; q < NP_ROUNDS && ok; q++) {
                double te_r = 1e30;
                for (int w = 0; w < 3; w++) { /* the best of 3, like numpy's side */
                    double a = bench_now();
                    ldrt_recist_classify_arrays(NULL, N_PATIENTS, poff, toff, lesion, role,
                                                state, value, overall, NULL, NULL, NULL, NULL);
                    double e = bench_now() - a;
                    te_r = e < te_r ? e : te_r;
                }
                FILE *f = popen(cmd, "r");
                ok = f && fscanf(f, "%lf", &tnp[q]) == 1;
                if (f)
                    pclose(f);
                ten[q] = te_r;
                sp[q] = ok ? tnp[q] / te_r : 0;
            }
            /* Agreement check. */
            size_t agree = 0;
            char path[4200];
            snprintf(path, sizeof path, "%s/labels.bin", dirbuf);
            FILE *lf = ok ? fopen(path, "rb") : NULL;
            if (lf) {
                int32_t *lab = malloc(n_tp * sizeof *lab);
                if (lab && fread(lab, sizeof *lab, n_tp, lf) == n_tp)
                    for (size_t i = 0; i < n_tp; i++)
                        agree += lab[i] == overall[i];
                free(lab);
                fclose(lf);
            }
            if (!ok) {
                printf("  numpy comparison: skipped (the numpy script failed)\n");
            } else {
                double med_sp = bench_median(sp, NP_ROUNDS);
                printf("  numpy vectorised (same rule):          median %.1f ms (engine in the same "
                       "rounds: median %.1f ms)\n",
                       bench_median(tnp, NP_ROUNDS) * 1e3, bench_median(ten, NP_ROUNDS) * 1e3);
                printf("  speedup over numpy: median %.1fx over %d interleaved rounds (target >= 4): "
                       "%s; labels agree on %zu of %zu time points\n",
                       med_sp, NP_ROUNDS, med_sp >= 4.0 ? "met" : "NOT met", agree, n_tp);
            }
            static const char *const files[] = { "poff.bin", "toff.bin", "value.bin", "labels.bin" };
            for (int i = 0; i < 4; i++) {
                snprintf(path, sizeof path, "%s/%s", dirbuf, files[i]);
                remove(path);
            }
            rmdir(dirbuf);
        }
    }
    free(poff);
    free(toff);
    free(lesion);
    free(role);
    free(state);
    free(value);
    free(overall);
    return 0;
}
