/*
 * Benchmark of the dose kernels on a 512 x 512 x 200 float32 grid.
 *
 * For each kernel: the median over ROUNDS rounds of the ratio of its time to
 * two references measured in the same round (the three run back to back, in
 * rotating order): glibc memcpy of one dose array, and a streaming copy of it
 * (aligned vector loads, non-temporal stores: the bytes an out-of-place
 * kernel must move, moved as fast as one core moves them; on the AMD EPYC
 * machines of the project it is faster than memcpy). When Python with numpy
 * is available, also the speedup over the straightforward numpy expression on
 * the same data (bench/bench_dose.py, which reads the arrays this program
 * writes to a temporary directory).
 *
 * Targets: constant-alpha/beta EQD2 <= 1.05 x the streaming copy (two
 * streams, the copy's own traffic); per-voxel alpha/beta <= 1.6 x (three
 * streams: 1.5 x is the limit); the DVH of a 3 % mask <= 0.5 x memcpy; every
 * kernel >= 4 x faster than numpy.
 *
 * Synthetic dose: a Gaussian blob (max about 69 Gy) on a 1 Gy bath with small
 * noise; the "PTV" mask is an ellipsoid of about 3 % of the voxels.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LDRT_EXPERIMENTAL_API /* the bulk kernels and DVHs: the experimental tier */
#include "ldrt.h"
#include "bench_util.h"

#if defined(__GNUC__) && defined(__x86_64__)
#  include <immintrin.h>
#  define BENCH_X86 1
#else
#  define BENCH_X86 0
#endif

#define NX 512
#define NY 512
#define NZ 200
#define ROUNDS 11

enum { K_EQD2, K_VOXEL_AB, K_LABELS, K_SUM3, K_DVH, N_KERNELS };
static const char *names[N_KERNELS] = { "eqd2 (constant alpha/beta)", "eqd2 (per-voxel alpha/beta)",
                                        "eqd2 (label + lookup table)", "eqd2 sum of 3 courses",
                                        "dvh of a 3% mask" };
static const char *keys[N_KERNELS] = { "eqd2", "voxel_ab", "labels", "sum3", "dvh" };
/* Target of each kernel's ratio, and its reference (1: streaming copy, 0: memcpy). */
static const double targets[N_KERNELS] = { 1.05, 1.6, -1, -1, 0.5 };
static const int target_stream[N_KERNELS] = { 1, 1, 0, 0, 0 };

static float *dose, *dose_b, *dose_c, *out, *ab;
static uint8_t *mask, *labels;
static size_t n;
static double dmax;

static int run_kernel(int k)
{
    static const double table[4] = { 10, 3, 2, 0.6 };
    switch (k) {
    case K_EQD2: return ldrt_lq_eqd2_f32(dose, n, 5, 3, out);
    case K_VOXEL_AB: return ldrt_lq_eqd2_f32_voxel_ab(dose, ab, n, 5, out);
    case K_LABELS: return ldrt_lq_eqd2_f32_labels(dose, labels, n, 5, table, 4, out);
    case K_SUM3: {
        const float *g[3] = { dose, dose_b, dose_c };
        const double fx[3] = { 5, 30, 1 };
        return ldrt_lq_eqd2_sum_f32(g, fx, NULL, 3, n, 3, out);
    }
    case K_DVH: {
        ldrt_dvh *h;
        int rc = ldrt_dvh_compute_f32(dose, mask, n, dmax / 1000.0, &h);
        ldrt_dvh_free(h);
        return rc;
    }
    }
    return -1;
}

/* The streaming copy: 64-byte aligned loads, non-temporal stores (AVX when
 * the processor has it, else SSE2); dst and src are 64-byte aligned and n a
 * multiple of 16. */
#if BENCH_X86
__attribute__((target("avx"))) static void stream_copy_avx(float *dst, const float *src, size_t len)
{
    for (size_t i = 0; i < len; i += 16) {
        __m256 a = _mm256_load_ps(src + i), b = _mm256_load_ps(src + i + 8);
        _mm256_stream_ps(dst + i, a);
        _mm256_stream_ps(dst + i + 8, b);
    }
    _mm_sfence();
}

static void stream_copy_sse2(float *dst, const float *src, size_t len)
{
    for (size_t i = 0; i < len; i += 16)
        for (size_t k = 0; k < 16; k += 4)
            _mm_stream_ps(dst + i + k, _mm_load_ps(src + i + k));
    _mm_sfence();
}
#endif

static int have_avx;

static void stream_copy(float *dst, const float *src, size_t len)
{
#if BENCH_X86
    if (have_avx) stream_copy_avx(dst, src, len);
    else stream_copy_sse2(dst, src, len);
#else
    memcpy(dst, src, n * sizeof *dst);
#endif
}

static int write_file(const char *dir, const char *name, const void *p, size_t bytes)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(p, 1, bytes, f);
    return fclose(f) == 0 && w == bytes ? 0 : -1;
}

/* Runs the numpy peer; fills np_ms (NAN when absent). */
static void run_numpy(const char *self, double np_ms[N_KERNELS])
{
    for (int k = 0; k < N_KERNELS; k++) np_ms[k] = NAN;
    char script[4096];
    const char *slash = strrchr(self, '/');
    /* The script sits in bench/ of the source tree; the binary in build/bench/. */
    if (access("bench/bench_dose.py", R_OK) == 0)
        snprintf(script, sizeof script, "bench/bench_dose.py");
    else if (slash)
        snprintf(script, sizeof script, "%.*s/../../bench/bench_dose.py", (int)(slash - self), self);
    else
        return;
    if (access(script, R_OK) != 0) {
        printf("numpy: bench/bench_dose.py not found; comparison skipped\n");
        return;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/ldrt-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        printf("numpy: no temporary directory; comparison skipped\n");
        return;
    }
    int ok = write_file(dir, "dose.f32", dose, n * 4) == 0 &&
             write_file(dir, "dose_b.f32", dose_b, n * 4) == 0 &&
             write_file(dir, "dose_c.f32", dose_c, n * 4) == 0 &&
             write_file(dir, "ab.f32", ab, n * 4) == 0 &&
             write_file(dir, "mask.u8", mask, n) == 0 &&
             write_file(dir, "labels.u8", labels, n) == 0;
    if (ok) {
        const char *pythons[2] = { "python3", "/usr/bin/python3" };
        for (int p = 0; p < 2; p++) {
            char cmd[16384];
            snprintf(cmd, sizeof cmd, "%s -c 'import numpy' 2>/dev/null && %s '%s' '%s' %zu %.9g %d",
                     pythons[p], pythons[p], script, dir, n, dmax, ROUNDS);
            FILE *f = popen(cmd, "r");
            if (!f) continue;
            char line[512];
            int got = 0;
            while (fgets(line, sizeof line, f)) {
                char key[64];
                double ms;
                if (sscanf(line, "%63s %lf", key, &ms) == 2)
                    for (int k = 0; k < N_KERNELS; k++)
                        if (strcmp(key, keys[k]) == 0) { np_ms[k] = ms; got = 1; }
                if (strncmp(line, "numpy", 5) == 0) printf("%s", line);
            }
            pclose(f);
            if (got) break;
        }
    }
    const char *files[6] = { "dose.f32", "dose_b.f32", "dose_c.f32", "ab.f32", "mask.u8", "labels.u8" };
    for (int i = 0; i < 6; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        unlink(path);
    }
    rmdir(dir);
}

int main(int argc, char **argv)
{
    (void)argc;
    n = (size_t)NX * NY * NZ;
#if BENCH_X86
    __builtin_cpu_init();
    have_avx = __builtin_cpu_supports("avx");
#endif
    /* 64-byte aligned (n * 4 is a multiple of 64), as a planning system's
     * reader or numpy would give them. */
    dose = aligned_alloc(64, n * 4); dose_b = aligned_alloc(64, n * 4);
    dose_c = aligned_alloc(64, n * 4); out = aligned_alloc(64, n * 4);
    ab = aligned_alloc(64, n * 4); mask = aligned_alloc(64, n); labels = aligned_alloc(64, n);
    if (!dose || !dose_b || !dose_c || !out || !ab || !mask || !labels) {
        fprintf(stderr, "bench_dose: out of memory\n");
        return 1;
    }
    uint32_t s = 1;
    size_t inside = 0;
    dmax = 0;
    for (size_t z = 0; z < NZ; z++)
        for (size_t y = 0; y < NY; y++)
            for (size_t x = 0; x < NX; x++) {
                size_t i = (z * NY + y) * NX + x;
                double dx = (x - 256.0) / 60.0, dy = (y - 256.0) / 50.0, dz = (z - 100.0) / 30.0;
                double r2 = dx * dx + dy * dy + dz * dz;
                s = s * 1664525u + 1013904223u;
                double noise = ((s >> 8) / 16777216.0 - 0.5) * 0.2;
                float d = (float)(68.0 * exp(-0.5 * r2) + 1.0 + noise);
                dose[i] = d;
                dose_b[i] = d * 0.25f;
                dose_c[i] = d * 0.1f;
                ab[i] = r2 < 1.0 ? 10.0f : 3.0f;
                /* PTV: ellipsoid with semi-axes 100, 90, 47 voxels (about 3.4 %). */
                double ex = (x - 256.0) / 100.0, ey = (y - 256.0) / 90.0, ez = (z - 100.0) / 47.0;
                mask[i] = ex * ex + ey * ey + ez * ez <= 1.0;
                inside += mask[i];
                labels[i] = (uint8_t)(mask[i] ? 0 : r2 < 4.0 ? 1 : 2);
                if (d > dmax) dmax = d;
                out[i] = 0.0f;
            }
    printf("bench_dose: %dx%dx%d float32 grid (%zu voxels, %.1f MB per array), mask %.2f %%, "
           "%d rounds, libldrt %s\n", NX, NY, NZ, n, n * 4 / 1e6, 100.0 * inside / n, ROUNDS,
           ldrt_version_string());

    double ratio[N_KERNELS][ROUNDS], sratio[N_KERNELS][ROUNDS], kms[N_KERNELS][ROUNDS];
    double cms[ROUNDS * N_KERNELS], sms[ROUNDS * N_KERNELS];
    int nc = 0;
    for (int k = 0; k < N_KERNELS; k++) {
        if (run_kernel(k) != 0) { /* warm-up */
            fprintf(stderr, "bench_dose: %s failed: %s\n", names[k], ldrt_last_error());
            return 1;
        }
        memcpy(out, dose, n * 4);
        stream_copy(out, dose, n);
    }
    for (int r = 0; r < ROUNDS; r++)
        for (int k = 0; k < N_KERNELS; k++) {
            double t[3]; /* kernel, memcpy, streaming copy */
            for (int j = 0; j < 3; j++) {
                int what = (j + r + k) % 3;
                double t0 = 1e3 * bench_now();
                if (what == 0) run_kernel(k);
                else if (what == 1) memcpy(out, dose, n * 4);
                else stream_copy(out, dose, n);
                t[what] = 1e3 * bench_now() - t0;
            }
            ratio[k][r] = t[0] / t[1];
            sratio[k][r] = t[0] / t[2];
            kms[k][r] = t[0];
            cms[nc] = t[1];
            sms[nc++] = t[2];
        }
    double np_ms[N_KERNELS];
    run_numpy(argv[0], np_ms);

    double mc = bench_median(cms, (size_t)nc), sc = bench_median(sms, (size_t)nc);
    printf("memcpy of one array: median %.2f ms; streaming copy: median %.2f ms (%.3f x memcpy)\n",
           mc, sc, sc / mc);
    printf("%-30s %9s %9s %9s %14s %9s %14s\n", "kernel", "median ms", "x memcpy", "x stream",
           "target", "numpy ms", "vs numpy");
    int fail = 0;
    for (int k = 0; k < N_KERNELS; k++) {
        double rm = bench_median(ratio[k], ROUNDS), rs = bench_median(sratio[k], ROUNDS);
        double km = bench_median(kms[k], ROUNDS);
        char tgt[32] = "-", npc[32] = "-", spd[32] = "-";
        if (targets[k] > 0)
            snprintf(tgt, sizeof tgt, "<= %.2f %s", targets[k], target_stream[k] ? "stream" : "memcpy");
        if (!isnan(np_ms[k])) {
            snprintf(npc, sizeof npc, "%.1f", np_ms[k]);
            snprintf(spd, sizeof spd, "%.1fx faster", np_ms[k] / km);
            if (np_ms[k] / km < 4.0) fail = 1;
        }
        if (targets[k] > 0 && (target_stream[k] ? rs : rm) > targets[k]) fail = 1;
        printf("%-30s %9.2f %9.3f %9.3f %14s %9s %14s\n", names[k], km, rm, rs, tgt, npc, spd);
    }
    if (isnan(np_ms[0])) printf("numpy: not available; the numpy comparison is skipped\n");
    printf("bench_dose: %s\n", fail ? "some targets missed (see above)" : "all targets met");
    free(dose); free(dose_b); free(dose_c); free(out); free(ab); free(mask); free(labels);
    return 0;
}
