/*
 * Tests of the dose module's bulk kernels and DVHs. The kernels are checked
 * against the scalar functions (an independent, double-precision path) on
 * every instruction-set level this processor has, with lengths that are not
 * multiples of the vector width or of the block, in place and out of place.
 * DVH metrics are checked against a small case computed by hand.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/dose/dose_internal.h"
#include "testutil.h"

#define ASSERT_NEAR(got, want, tol)                                                   \
    do {                                                                              \
        double g_ = (got), w_ = (want), t_ = (tol);                                   \
        ck_assert_msg(fabs(g_ - w_) <= t_, "%s = %.10g, expected %.10g (+/- %g)", #got, \
                      g_, w_, t_);                                                    \
    } while (0)

/* Float results vs double: a few float ulps. */
#define FTOL(want) (1e-6 * fabs(want) + 1e-30)

static uint32_t lcg_state;
static float rnd(float lo, float hi)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lo + (hi - lo) * (float)(lcg_state >> 8) / 16777216.0f;
}

static const size_t lengths[] = { 0, 1, 3, 7, 8, 15, 16, 17, 31, 4095, 4096, 4097, 10001 };
#define N_LEN (sizeof lengths / sizeof lengths[0])

static float *rand_doses(size_t n, float hi)
{
    float *d = malloc((n + 1) * sizeof *d);
    ck_assert_ptr_nonnull(d);
    for (size_t i = 0; i < n; i++) d[i] = rnd(0.0f, hi);
    if (n > 2) d[1] = 0.0f; /* zero dose is legal */
    return d;
}

/* _i = instruction-set cap: 0 scalar, 1 SSE2, 2 AVX2 (where the processor has it). */
START_TEST(eqd_f32_matches_scalar)
{
    ldrt__dose_isa_cap = _i;
    lcg_state = 12345;
    for (size_t li = 0; li < N_LEN; li++) {
        size_t n = lengths[li];
        float *d = rand_doses(n, 70.0f);
        float *out = malloc((n + 1) * sizeof *out);
        float *inplace = malloc((n + 1) * sizeof *inplace);
        memcpy(inplace, d, n * sizeof *d);
        tu_assert_ok(ldrt_lq_eqd2_f32(d, n, 5, 3, out));
        tu_assert_ok(ldrt_lq_eqd2_f32(inplace, n, 5, 3, inplace)); /* out == in */
        for (size_t i = 0; i < n; i++) {
            double want;
            tu_assert_ok(ldrt_lq_eqd2(d[i], 5, 3, &want));
            ASSERT_NEAR(out[i], want, FTOL(want));
            ck_assert(out[i] == inplace[i]);
        }
        /* EQDx with x = 0 is the BED. */
        tu_assert_ok(ldrt_lq_eqd_f32(d, n, 30, 10, 0, out));
        for (size_t i = 0; i < n; i++) {
            double want;
            tu_assert_ok(ldrt_lq_bed(d[i], 30, 10, &want));
            ASSERT_NEAR(out[i], want, FTOL(want));
        }
        free(d);
        free(out);
        free(inplace);
    }
    ldrt__dose_isa_cap = -1;
}
END_TEST

START_TEST(eqd_f32_streaming_and_unaligned)
{
    /* Large enough (> 16 MiB) for non-temporal stores; out misaligned by one float. */
    ldrt__dose_isa_cap = _i;
    lcg_state = 777;
    size_t n = ((size_t)16 << 20) / sizeof(float) + 37;
    float *d = rand_doses(n, 80.0f);
    float *buf = malloc((n + 1) * sizeof *buf);
    ck_assert_ptr_nonnull(buf);
    float *out = buf + 1;
    tu_assert_ok(ldrt_lq_eqd2_f32(d, n, 3, 10, out));
    for (size_t i = 0; i < n; i += 997) {
        double want;
        tu_assert_ok(ldrt_lq_eqd2(d[i], 3, 10, &want));
        ASSERT_NEAR(out[i], want, FTOL(want));
    }
    double want;
    tu_assert_ok(ldrt_lq_eqd2(d[n - 1], 3, 10, &want));
    ASSERT_NEAR(out[n - 1], want, FTOL(want));
    free(d);
    free(buf);
    ldrt__dose_isa_cap = -1;
}
END_TEST

START_TEST(eqd_f64_matches_scalar)
{
    lcg_state = 99;
    for (size_t li = 0; li < N_LEN; li++) {
        size_t n = lengths[li];
        double *d = malloc((n + 1) * sizeof *d), *out = malloc((n + 1) * sizeof *out);
        for (size_t i = 0; i < n; i++) d[i] = rnd(0, 60);
        tu_assert_ok(ldrt_lq_eqd2_f64(d, n, 5, 10, out));
        for (size_t i = 0; i < n; i++) {
            double want;
            tu_assert_ok(ldrt_lq_eqd2(d[i], 5, 10, &want));
            ASSERT_NEAR(out[i], want, 1e-14 * want);
        }
        tu_assert_ok(ldrt_lq_eqd_f64(d, n, 5, 10, 3, d)); /* in place */
        for (size_t i = 0; i < n; i++) ASSERT_NEAR(d[i], out[i] * 12.0 / 13.0, 1e-13 * out[i]);
        free(d);
        free(out);
    }
}
END_TEST

START_TEST(voxel_ab_and_labels_match_scalar)
{
    ldrt__dose_isa_cap = _i;
    lcg_state = 4242;
    const double table[4] = { 10, 3, 2, 0.6 };
    for (size_t li = 0; li < N_LEN; li++) {
        size_t n = lengths[li];
        float *d = rand_doses(n, 70.0f);
        float *ab = malloc((n + 1) * sizeof *ab), *out = malloc((n + 1) * sizeof *out);
        float *inplace = malloc((n + 1) * sizeof *inplace);
        uint8_t *lab = malloc(n + 1);
        for (size_t i = 0; i < n; i++) {
            ab[i] = rnd(0.5f, 15.0f);
            lab[i] = (uint8_t)(lcg_state >> 29) & 3;
        }
        memcpy(inplace, d, n * sizeof *d);
        tu_assert_ok(ldrt_lq_eqd2_f32_voxel_ab(d, ab, n, 5, out));
        tu_assert_ok(ldrt_lq_eqd2_f32_voxel_ab(inplace, ab, n, 5, inplace));
        for (size_t i = 0; i < n; i++) {
            double want;
            tu_assert_ok(ldrt_lq_eqd2(d[i], 5, ab[i], &want));
            ASSERT_NEAR(out[i], want, FTOL(want));
            ck_assert(out[i] == inplace[i]);
        }
        memcpy(inplace, d, n * sizeof *d);
        tu_assert_ok(ldrt_lq_eqd2_f32_labels(d, lab, n, 5, table, 4, out));
        tu_assert_ok(ldrt_lq_eqd2_f32_labels(inplace, lab, n, 5, table, 4, inplace));
        for (size_t i = 0; i < n; i++) {
            double want;
            tu_assert_ok(ldrt_lq_eqd2(d[i], 5, table[lab[i]], &want));
            ASSERT_NEAR(out[i], want, FTOL(want));
            ck_assert(out[i] == inplace[i]);
        }
        free(d);
        free(ab);
        free(out);
        free(inplace);
        free(lab);
    }
    ldrt__dose_isa_cap = -1;
}
END_TEST

START_TEST(sum_of_courses_matches_scalar)
{
    ldrt__dose_isa_cap = _i;
    lcg_state = 31337;
    for (size_t li = 0; li < N_LEN; li++) {
        size_t n = lengths[li];
        float *a = rand_doses(n, 40.0f), *b = rand_doses(n, 10.0f), *c = rand_doses(n, 8.0f);
        float *out = malloc((n + 1) * sizeof *out);
        const float *grids[3] = { a, b, c };
        const double fx[3] = { 5, 30, 1 }, w[3] = { 1, 0.75, 0.5 };
        tu_assert_ok(ldrt_lq_eqd2_sum_f32(grids, fx, w, 3, n, 3, out));
        for (size_t i = 0; i < n; i++) {
            double e0, e1, e2;
            tu_assert_ok(ldrt_lq_eqd2(a[i], 5, 3, &e0));
            tu_assert_ok(ldrt_lq_eqd2(b[i], 30, 3, &e1));
            tu_assert_ok(ldrt_lq_eqd2(c[i], 1, 3, &e2));
            double want = e0 + 0.75 * e1 + 0.5 * e2;
            ASSERT_NEAR(out[i], want, 4 * FTOL(want));
        }
        /* Output may be one of the inputs; weights NULL means 1. */
        float *copy = malloc((n + 1) * sizeof *copy);
        memcpy(copy, a, n * sizeof *a);
        grids[0] = copy;
        tu_assert_ok(ldrt_lq_eqd2_sum_f32(grids, fx, NULL, 1, n, 3, copy));
        for (size_t i = 0; i < n; i++) {
            double want;
            tu_assert_ok(ldrt_lq_eqd2(a[i], 5, 3, &want));
            ASSERT_NEAR(copy[i], want, FTOL(want));
        }
        free(a); free(b); free(c); free(out); free(copy);
    }
    ldrt__dose_isa_cap = -1;
}
END_TEST

START_TEST(bad_doses_report_their_index)
{
    ldrt__dose_isa_cap = _i;
    const size_t n = 10001;
    float *d = malloc(n * sizeof *d), *out = malloc(n * sizeof *out), *ab = malloc(n * sizeof *ab);
    uint8_t *lab = calloc(n, 1);
    for (size_t i = 0; i < n; i++) { d[i] = 2.0f; ab[i] = 3.0f; }
    const float bads[3] = { NAN, -1.0f, INFINITY };
    for (int k = 0; k < 3; k++) {
        d[5000] = bads[k];
        for (size_t i = 0; i < n; i++) out[i] = -7.0f;
        tu_assert_error(ldrt_lq_eqd2_f32(d, n, 5, 3, out), LDRT_EINVAL, "dose_gy[5000]");
        /* Policy, out of place: the input is unchanged and nothing is written from
         * index 5000 + 4096 on (earlier blocks may hold results: 2 Gy in 5 fractions
         * at ab 3 is 2 (0.4 + 3)/5 = 1.36 Gy). */
        for (size_t i = 0; i < n; i++) {
            if (i == 5000) continue; /* the bad voxel's own output is unspecified */
            ck_assert(d[i] == 2.0f);
            ck_assert(out[i] == -7.0f || (i < 5000 + 4096 && fabsf(out[i] - 1.36f) < 1e-6f));
            if (i >= 5000 + 4096) ck_assert(out[i] == -7.0f);
        }
        /* In place: nothing from the bad index on changes. */
        memcpy(out, d, n * sizeof *d);
        tu_assert_error(ldrt_lq_eqd2_f32(out, n, 5, 3, out), LDRT_EINVAL, "dose_gy[5000]");
        for (size_t i = 5001; i < n; i++) ck_assert(out[i] == 2.0f);
        for (size_t i = 0; i < 5000; i++) ck_assert(out[i] == 2.0f || fabsf(out[i] - 1.36f) < 1e-6f);
        tu_assert_error(ldrt_dose_check_f32(d, n), LDRT_EINVAL, "dose_gy[5000]");
        tu_assert_error(ldrt_lq_eqd2_f32_voxel_ab(d, ab, n, 5, out), LDRT_EINVAL, "dose_gy[5000]");
        tu_assert_error(ldrt_lq_eqd2_f32_labels(d, lab, n, 5, (const double[]){ 3 }, 1, out),
                        LDRT_EINVAL, "dose_gy[5000]");
        const float *g[2] = { ab, d };
        tu_assert_error(ldrt_lq_eqd2_sum_f32(g, (const double[]){ 5, 5 }, NULL, 2, n, 3, out),
                        LDRT_EINVAL, "doses_gy[1][5000]");
    }
    d[5000] = 2.0f;
    tu_assert_ok(ldrt_dose_check_f32(d, n));
    d[n - 1] = NAN; /* in the scalar tail */
    tu_assert_error(ldrt_lq_eqd2_f32(d, n, 5, 3, out), LDRT_EINVAL, "dose_gy[10000]");
    tu_assert_error(ldrt_dose_check_f32(d, n), LDRT_EINVAL, "dose_gy[10000]");
    d[0] = -0.0f; /* negative zero is zero: a legal dose */
    d[n - 1] = 2.0f;
    tu_assert_ok(ldrt_dose_check_f32(d, n));
    d[0] = 2.0f;
    d[n - 1] = 2.0f;
    ab[17] = 0.0f;
    tu_assert_error(ldrt_lq_eqd2_f32_voxel_ab(d, ab, n, 5, out), LDRT_EINVAL, "alpha_beta_gy[17]");
    ab[17] = NAN;
    tu_assert_error(ldrt_lq_eqd2_f32_voxel_ab(d, ab, n, 5, out), LDRT_EINVAL, "alpha_beta_gy[17]");
    lab[9999] = 2;
    tu_assert_error(ldrt_lq_eqd2_f32_labels(d, lab, n, 5, (const double[]){ 3, 10 }, 2, out),
                    LDRT_EINVAL, "labels[9999]");
    free(d); free(out); free(ab); free(lab);
    ldrt__dose_isa_cap = -1;
}
END_TEST

START_TEST(kernel_bad_arguments)
{
    float d[4] = { 1, 2, 3, 4 }, out[4];
    double dd[2] = { 1, 2 };
    uint8_t lab[4] = { 0 };
    tu_assert_error(ldrt_lq_eqd2_f32(d, 4, 0, 3, out), LDRT_EINVAL, "fractions");
    tu_assert_error(ldrt_lq_eqd2_f32(d, 4, 5, -3, out), LDRT_EINVAL, "alpha_beta_gy");
    tu_assert_error(ldrt_lq_eqd2_f32(NULL, 4, 5, 3, out), LDRT_EINVAL, "dose_gy");
    tu_assert_error(ldrt_lq_eqd2_f32(d, 4, 5, 3, NULL), LDRT_EINVAL, "out_gy");
    tu_assert_ok(ldrt_lq_eqd2_f32(NULL, 0, 5, 3, NULL)); /* empty grid */
    tu_assert_error(ldrt_lq_eqd_f32(d, 4, 5, 3, -1, out), LDRT_EINVAL, "ref_dose_per_fraction_gy");
    tu_assert_error(ldrt_lq_eqd2_f64(dd, 2, 5, NAN, dd), LDRT_EINVAL, "alpha_beta_gy");
    dd[1] = -2;
    tu_assert_error(ldrt_lq_eqd2_f64(dd, 2, 5, 3, dd), LDRT_EINVAL, "dose_gy[1]");
    tu_assert_error(ldrt_lq_eqd2_f32_voxel_ab(d, NULL, 4, 5, out), LDRT_EINVAL, "alpha_beta_gy");
    tu_assert_error(ldrt_lq_eqd2_f32_labels(d, NULL, 4, 5, (const double[]){ 3 }, 1, out),
                    LDRT_EINVAL, "labels");
    tu_assert_error(ldrt_lq_eqd2_f32_labels(d, lab, 4, 5, NULL, 1, out), LDRT_EINVAL, "table_gy");
    tu_assert_error(ldrt_lq_eqd2_f32_labels(d, lab, 4, 5, (const double[]){ 3 }, 0, out),
                    LDRT_EINVAL, "table_len");
    tu_assert_error(ldrt_lq_eqd2_f32_labels(d, lab, 4, 5, (const double[]){ 3, -1 }, 2, out),
                    LDRT_EINVAL, "table_gy[1]");
    const float *g[1] = { d };
    tu_assert_error(ldrt_lq_eqd2_sum_f32(g, (const double[]){ 0 }, NULL, 1, 4, 3, out),
                    LDRT_EINVAL, "fractions[0]");
    tu_assert_error(ldrt_lq_eqd2_sum_f32(g, (const double[]){ 5 }, (const double[]){ -1 }, 1, 4, 3,
                                         out), LDRT_EINVAL, "weights[0]");
    tu_assert_error(ldrt_lq_eqd2_sum_f32(g, (const double[]){ 5 }, NULL, 0, 4, 3, out),
                    LDRT_EINVAL, "courses");
    const float *gn[1] = { NULL };
    tu_assert_error(ldrt_lq_eqd2_sum_f32(gn, (const double[]){ 5 }, NULL, 1, 4, 3, out),
                    LDRT_EINVAL, "doses_gy[0]");
    tu_assert_error(ldrt_lq_eqd2_sum_f32(g, (const double[]){ 5 }, NULL, 1, 4, 0, out),
                    LDRT_EINVAL, "alpha_beta_gy");
}
END_TEST

/* ---- DVH ------------------------------------------------------------------------------------ */

START_TEST(dvh_hand_case)
{
    /* Structure = voxels 0..3 (mask), doses {0.5, 1.5, 1.5, 2.5}; voxel 4 is outside
     * (and NaN: never read). Bin width 1 Gy: counts {1, 2, 1}, 3 bins.
     * Differential %: {25, 50, 25}. Cumulative % at edges 0, 1, 2: {100, 75, 25}.
     * Dmean = 6/4 = 1.5, Dmin 0.5, Dmax 2.5.
     * D50: cumulative crosses 50 between edge 1 (75) and edge 2 (25):
     *      1 + (75 - 50)/(75 - 25) = 1.5 Gy.
     * D90: between edge 0 (100) and 1 (75): 0 + (100 - 90)/25 = 0.4 -> clamped to Dmin 0.5.
     * D10: between edge 2 (25) and 3 (0): 2 + (25 - 10)/25 = 2.6 -> clamped to Dmax 2.5.
     * D20: 2 + (25 - 20)/25 = 2.2.
     * V at 2 Gy: 25 %. V at 1.5: 75 - (75 - 25) * 0.5 = 50 %. V at 3: 0. V at 0: 100. */
    const float dose[5] = { 0.5f, 1.5f, 1.5f, 2.5f, NAN };
    const uint8_t mask[5] = { 1, 1, 1, 1, 0 };
    ldrt_dvh *h = NULL;
    tu_assert_ok(ldrt_dvh_compute_f32(dose, mask, 5, 1.0, &h));
    size_t bins;
    double w;
    tu_assert_ok(ldrt_dvh_bins(h, &bins, &w));
    ck_assert_uint_eq(bins, 3);
    ASSERT_NEAR(w, 1.0, 0);
    double diff[3], cum[3];
    tu_assert_ok(ldrt_dvh_differential(h, diff, 3));
    tu_assert_ok(ldrt_dvh_cumulative(h, cum, 3));
    ASSERT_NEAR(diff[0], 25, 1e-12); ASSERT_NEAR(diff[1], 50, 1e-12); ASSERT_NEAR(diff[2], 25, 1e-12);
    ASSERT_NEAR(cum[0], 100, 1e-12); ASSERT_NEAR(cum[1], 75, 1e-12); ASSERT_NEAR(cum[2], 25, 1e-12);
    uint64_t nv;
    double mean, mn, mx, v;
    tu_assert_ok(ldrt_dvh_stats(h, &nv, &mean, &mn, &mx));
    ck_assert_uint_eq(nv, 4);
    ASSERT_NEAR(mean, 1.5, 1e-12); ASSERT_NEAR(mn, 0.5, 0); ASSERT_NEAR(mx, 2.5, 0);
    tu_assert_ok(ldrt_dvh_dose_at_volume(h, 50, &v)); ASSERT_NEAR(v, 1.5, 1e-12);
    tu_assert_ok(ldrt_dvh_dose_at_volume(h, 90, &v)); ASSERT_NEAR(v, 0.5, 1e-12);
    tu_assert_ok(ldrt_dvh_dose_at_volume(h, 10, &v)); ASSERT_NEAR(v, 2.5, 1e-12);
    tu_assert_ok(ldrt_dvh_dose_at_volume(h, 20, &v)); ASSERT_NEAR(v, 2.2, 1e-12);
    tu_assert_ok(ldrt_dvh_dose_at_volume(h, 0, &v)); ASSERT_NEAR(v, 2.5, 0);
    tu_assert_ok(ldrt_dvh_dose_at_volume(h, 100, &v)); ASSERT_NEAR(v, 0.5, 0);
    tu_assert_ok(ldrt_dvh_volume_at_dose(h, 2.0, &v)); ASSERT_NEAR(v, 25, 1e-12);
    tu_assert_ok(ldrt_dvh_volume_at_dose(h, 1.5, &v)); ASSERT_NEAR(v, 50, 1e-12);
    tu_assert_ok(ldrt_dvh_volume_at_dose(h, 3.0, &v)); ASSERT_NEAR(v, 0, 0);
    tu_assert_ok(ldrt_dvh_volume_at_dose(h, 0.0, &v)); ASSERT_NEAR(v, 100, 1e-12);
    /* Bad arguments. */
    double small[2];
    tu_assert_error(ldrt_dvh_differential(h, small, 2), LDRT_ERANGE, "bins");
    tu_assert_error(ldrt_dvh_cumulative(h, NULL, 3), LDRT_EINVAL, "volume_pct");
    tu_assert_error(ldrt_dvh_dose_at_volume(h, 101, &v), LDRT_EINVAL, "volume_pct");
    tu_assert_error(ldrt_dvh_dose_at_volume(h, NAN, &v), LDRT_EINVAL, "volume_pct");
    tu_assert_error(ldrt_dvh_volume_at_dose(h, -1, &v), LDRT_EINVAL, "dose_gy");
    tu_assert_error(ldrt_dvh_stats(NULL, &nv, NULL, NULL, NULL), LDRT_EINVAL, "dvh");
    ldrt_dvh_free(h);
    ldrt_dvh_free(NULL);

    /* Half-gray bins of the same structure: {0.5} {1.5,1.5} {2.5} fall in bins 1, 3, 5
     * of 6 (edges 0, 0.5, ..., 2.5); V at 1 Gy = 75 %. */
    tu_assert_ok(ldrt_dvh_compute_f32(dose, mask, 5, 0.5, &h));
    tu_assert_ok(ldrt_dvh_bins(h, &bins, NULL));
    ck_assert_uint_eq(bins, 6);
    double d6[6];
    tu_assert_ok(ldrt_dvh_differential(h, d6, 6));
    ASSERT_NEAR(d6[1], 25, 1e-12); ASSERT_NEAR(d6[3], 50, 1e-12); ASSERT_NEAR(d6[5], 25, 1e-12);
    ASSERT_NEAR(d6[0] + d6[2] + d6[4], 0, 0);
    tu_assert_ok(ldrt_dvh_volume_at_dose(h, 1.0, &v)); ASSERT_NEAR(v, 75, 1e-12);
    ldrt_dvh_free(h);
}
END_TEST

START_TEST(dvh_masked_matches_naive)
{
    /* A sparse mask with runs, over a length that is not a multiple of 64. */
    lcg_state = 2024;
    size_t n = 100003;
    float *d = rand_doses(n, 70.0f);
    uint8_t *mask = calloc(n, 1);
    for (size_t i = 0; i < n; i++)
        if ((i / 97) % 31 == 0 || i % 1013 == 0 || i == n - 1) mask[i] = (uint8_t)(1 + i % 3);
    d[500] = NAN; /* outside the mask (500/97 = 5): never read */
    mask[500] = 0;
    const double w = 0.7;
    ldrt_dvh *h = NULL;
    tu_assert_ok(ldrt_dvh_compute_f32(d, mask, n, w, &h));
    /* Naive histogram in the test. */
    size_t nb = 0;
    double sum = 0, mx = 0;
    uint64_t cnt = 0;
    for (size_t i = 0; i < n; i++)
        if (mask[i]) { cnt++; sum += d[i]; if (d[i] > mx) mx = d[i]; }
    nb = (size_t)floor(mx * (1.0 / w)) + 1;
    uint64_t *hist = calloc(nb, sizeof *hist);
    for (size_t i = 0; i < n; i++)
        if (mask[i]) hist[(size_t)floor(d[i] * (1.0 / w))]++;
    size_t bins;
    tu_assert_ok(ldrt_dvh_bins(h, &bins, NULL));
    ck_assert_uint_eq(bins, nb);
    double *diff = malloc(nb * sizeof *diff);
    tu_assert_ok(ldrt_dvh_differential(h, diff, nb));
    for (size_t b = 0; b < nb; b++) ASSERT_NEAR(diff[b], 100.0 * hist[b] / cnt, 1e-9);
    uint64_t nv;
    double mean, dmax;
    tu_assert_ok(ldrt_dvh_stats(h, &nv, &mean, NULL, &dmax));
    ck_assert_uint_eq(nv, cnt);
    ASSERT_NEAR(mean, sum / cnt, 1e-9);
    ASSERT_NEAR(dmax, mx, 0);
    ldrt_dvh_free(h);
    /* No mask: every voxel (after the NaN is repaired). */
    d[500] = 1.0f;
    tu_assert_ok(ldrt_dvh_compute_f32(d, NULL, n, 1.0, &h));
    tu_assert_ok(ldrt_dvh_stats(h, &nv, NULL, NULL, NULL));
    ck_assert_uint_eq(nv, n);
    ldrt_dvh_free(h);
    free(d); free(mask); free(hist); free(diff);
}
END_TEST

START_TEST(dvh_errors)
{
    float d[130];
    uint8_t m[130];
    for (int i = 0; i < 130; i++) { d[i] = 1.0f; m[i] = 1; }
    ldrt_dvh *h = (ldrt_dvh *)0x1;
    d[100] = NAN;
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 130, 1.0, &h), LDRT_EINVAL, "dose_gy[100]");
    d[100] = -0.5f;
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 130, 1.0, &h), LDRT_EINVAL, "dose_gy[100]");
    d[100] = 1.0f;
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 130, 0, &h), LDRT_EINVAL, "bin_width_gy");
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 130, 1e-12, &h), LDRT_ERANGE, "bin_width_gy");
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 130, 1e-310, &h), LDRT_ERANGE, "bin_width_gy");
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 130, INFINITY, &h), LDRT_EINVAL, "bin_width_gy");
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 0, 1, &h), LDRT_EINVAL, "count");
    tu_assert_error(ldrt_dvh_compute_f32(NULL, m, 130, 1, &h), LDRT_EINVAL, "dose_gy");
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 130, 1, NULL), LDRT_EINVAL, "out");
    memset(m, 0, sizeof m);
    tu_assert_error(ldrt_dvh_compute_f32(d, m, 130, 1, &h), LDRT_EINVAL, "mask");
    ck_assert_ptr_eq(h, (ldrt_dvh *)0x1); /* untouched on failure */
}
END_TEST

struct dvh_job {
    const float *d;
    size_t n;
    ldrt_dvh *h;
};

static int dvh_job_run(void *arg)
{
    struct dvh_job *j = arg;
    return ldrt_dvh_compute_f32(j->d, NULL, j->n, 0.01, &j->h);
}

static void dvh_job_clean(void *arg)
{
    struct dvh_job *j = arg;
    ldrt_dvh_free(j->h);
    j->h = NULL;
}

START_TEST(dvh_allocation_failures)
{
    /* Doses up to 50 Gy in 0.01 Gy bins: the histogram grows several times. */
    float d[200];
    for (int i = 0; i < 200; i++) d[i] = (float)i * 0.25f;
    struct dvh_job j = { d, 200, NULL };
    tu_alloc_install();
    long n = tu_alloc_fail_each(dvh_job_run, dvh_job_clean, &j);
    tu_alloc_uninstall();
    ck_assert_int_ge(n, 3);
}
END_TEST


/* Ten voxels of 0.5 cc with doses k + 0.05 Gy (k = 0..9), bins of 0.1 Gy:
 * voxel k sits alone in bin 10k. The cumulative DVH C(D) (cc receiving at
 * least D) is C(i w) = 0.5 x (voxels in bins >= i), linear within a bin.
 * Hand values:
 * - structure 5 cc; Dmean = 4.55 Gy; Dmax = 9.05; Dmin = 0.05.
 * - D2cc: 2 cc = 4 voxels (6..9): the largest D with C(D) >= 2 is the lower
 *   edge of voxel 6's bin, 6.0 Gy (C(6.0) = 2.0, C(6.0+) < 2).
 * - D0.25cc: half of the top voxel: C falls from 0.5 at 9.0 to 0 at 9.1, so
 *   D = 9.0 + 0.1 x (0.5 - 0.25)/0.5 = 9.05 Gy (= Dmax: the clamp does not act).
 * - D0.1cc: 9.0 + 0.1 x 0.4/0.5 = 9.08, clamped to Dmax 9.05.
 * - D50%: 2.5 cc = 5 voxels: 5.0 Gy. D100%: C(0) = 5 cc: D = 0.0, clamped to Dmin 0.05.
 * - V5Gy[cc]: voxels 5..9 = 2.5 cc; V5Gy[%] = 50; V5.05Gy[cc]: half of voxel
 *   5's bin lies above 5.05: 2.0 + 0.5 x 0.5 = 2.25 cc; V500cGy[cc] = 2.5.
 * - V95%[%] with a 6 Gy prescription: 5.7 Gy -> voxels 6..9 = 40 %.
 * - Dmax[%] with a 6 Gy prescription: 9.05 / 6 x 100. D2cc[cGy] = 600. */
START_TEST(dvh_cc_hand_case)
{
    float d[10];
    for (int k = 0; k < 10; k++) d[k] = (float)k + 0.05f;
    ldrt_dvh *h;
    tu_assert_ok(ldrt_dvh_compute_cc_f32(d, NULL, NULL, 10, 0.5, 0.1, &h));
    double v, tol = 1e-5; /* doses are floats: k + 0.05 within 5e-7 */
    tu_assert_ok(ldrt_dvh_volume_cc(h, &v));
    ASSERT_NEAR(v, 5.0, 1e-12);
    tu_assert_ok(ldrt_dvh_metric(h, "Dmean", 0, &v)); ASSERT_NEAR(v, 4.55, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "Dmax", 0, &v)); ASSERT_NEAR(v, 9.05, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "Dmin", 0, &v)); ASSERT_NEAR(v, 0.05, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D2cc", 0, &v)); ASSERT_NEAR(v, 6.0, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D2cc[Gy]", 0, &v)); ASSERT_NEAR(v, 6.0, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D2cc[cGy]", 0, &v)); ASSERT_NEAR(v, 600.0, 100 * tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D0.25cc", 0, &v)); ASSERT_NEAR(v, 9.05, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D0.1cc", 0, &v)); ASSERT_NEAR(v, 9.05, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D50%", 0, &v)); ASSERT_NEAR(v, 5.0, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D100%", 0, &v)); ASSERT_NEAR(v, 0.05, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "V5Gy[cc]", 0, &v)); ASSERT_NEAR(v, 2.5, 1e-9);
    tu_assert_ok(ldrt_dvh_metric(h, "V5Gy[%]", 0, &v)); ASSERT_NEAR(v, 50.0, 1e-9);
    tu_assert_ok(ldrt_dvh_metric(h, "V5.05Gy[cc]", 0, &v)); ASSERT_NEAR(v, 2.25, 1e-9);
    tu_assert_ok(ldrt_dvh_metric(h, "V500cGy[cc]", 0, &v)); ASSERT_NEAR(v, 2.5, 1e-9);
    tu_assert_ok(ldrt_dvh_metric(h, "V95%[%]", 6.0, &v)); ASSERT_NEAR(v, 40.0, 1e-9);
    tu_assert_ok(ldrt_dvh_metric(h, "Dmax[%]", 6.0, &v)); ASSERT_NEAR(v, 9.05 / 6 * 100, 1e-3);
    tu_assert_ok(ldrt_dvh_metric(h, "V100Gy[cc]", 0, &v)); ASSERT_NEAR(v, 0.0, 0);
    /* The percent accessors agree with the metrics. */
    tu_assert_ok(ldrt_dvh_volume_at_dose(h, 5.05, &v)); ASSERT_NEAR(v, 45.0, 1e-9);
    tu_assert_ok(ldrt_dvh_dose_at_volume(h, 40, &v)); ASSERT_NEAR(v, 6.0, tol);
    /* Errors name the metric. */
    tu_assert_error(ldrt_dvh_metric(h, "D6cc", 0, &v), LDRT_ERANGE, "only 5 cc");
    tu_assert_error(ldrt_dvh_metric(h, "V20Gy", 0, &v), LDRT_EINVAL, "[cc] or [%]");
    tu_assert_error(ldrt_dvh_metric(h, "V95%[%]", 0, &v), LDRT_EINVAL, "prescription");
    tu_assert_error(ldrt_dvh_metric(h, "D95%[%]", 0, &v), LDRT_EINVAL, "prescription");
    tu_assert_error(ldrt_dvh_metric(h, "D101%", 0, &v), LDRT_EINVAL, "100");
    static const char *bad[] = { "D", "Dcc", "D2", "D2Gy", "D-2cc", "D2cc[cc]", "D2cc[Gy",
                                 "D2cc[Gy]x", "V20", "V20cc[cc]", "V20Gy[Gy]", "Dmedian",
                                 "d2cc", "D1e1cc", "", "Dmean ", "D.cc" };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        tu_assert_error(ldrt_dvh_metric(h, bad[k], 0, &v), LDRT_EINVAL, "metric");
    tu_assert_error(ldrt_dvh_metric(h, NULL, 0, &v), LDRT_EINVAL, "metric");
    tu_assert_error(ldrt_dvh_metric(h, "Dmax", -1, &v), LDRT_EINVAL, "prescription_gy");
    tu_assert_error(ldrt_dvh_metric(h, "Dmax", 0, NULL), LDRT_EINVAL, "value");
    tu_assert_error(ldrt_dvh_metric(NULL, "Dmax", 0, &v), LDRT_EINVAL, "dvh");
    ldrt_dvh_free(h);

    /* A DVH without the voxel volume: percent metrics only. */
    tu_assert_ok(ldrt_dvh_compute_f32(d, NULL, 10, 0.1, &h));
    tu_assert_ok(ldrt_dvh_metric(h, "D50%", 0, &v)); ASSERT_NEAR(v, 5.0, tol);
    tu_assert_error(ldrt_dvh_metric(h, "D2cc", 0, &v), LDRT_EINVAL, "voxel volume");
    tu_assert_error(ldrt_dvh_metric(h, "V5Gy[cc]", 0, &v), LDRT_EINVAL, "voxel volume");
    tu_assert_error(ldrt_dvh_volume_cc(h, &v), LDRT_EINVAL, "voxel volume");
    ldrt_dvh_free(h);
}
END_TEST

/* Partial voxels: the same ten doses, weights 1 except voxel 9 (0.5) and
 * voxel 0 (0, not in the structure), 2 cc voxels. By hand:
 * - volume = (8 + 0.5) x 2 = 17 cc; Dmean = (sum_{k=1..8} (k + 0.05) + 0.5 x 9.05) / 8.5
 *   = (36.4 + 4.525) / 8.5; Dmin = 1.05 (voxel 0 is out).
 * - D1cc: voxel 9 holds 1 cc alone in bin 90: C(9.0) = 1 cc, so D1cc = 9.0.
 * - D3cc: C(8.0) = 1 + 2 = 3 cc: 8.0 Gy.
 * - V8.05Gy[cc]: 1 + 2 x 0.5 = 2 cc. */
START_TEST(dvh_partial_voxels_hand_case)
{
    float d[40], w[40];
    memset(w, 0, sizeof w);
    for (int k = 0; k < 40; k++) d[k] = -1.0f; /* never read: weight 0 */
    /* Put the ten voxels at 20..29, past one skipped block of 16 zeros. */
    for (int k = 0; k < 10; k++) {
        d[20 + k] = (float)k + 0.05f;
        w[20 + k] = 1.0f;
    }
    w[29] = 0.5f;
    w[20] = -0.0f; /* negative zero: not selected */
    ldrt_dvh *h;
    tu_assert_ok(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 2.0, 0.1, &h));
    double v, tol = 1e-5;
    tu_assert_ok(ldrt_dvh_volume_cc(h, &v)); ASSERT_NEAR(v, 17.0, 1e-12);
    tu_assert_ok(ldrt_dvh_metric(h, "Dmean", 0, &v)); ASSERT_NEAR(v, (36.4 + 4.525) / 8.5, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "Dmin", 0, &v)); ASSERT_NEAR(v, 1.05, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D1cc", 0, &v)); ASSERT_NEAR(v, 9.0, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "D3cc", 0, &v)); ASSERT_NEAR(v, 8.0, tol);
    tu_assert_ok(ldrt_dvh_metric(h, "V8.05Gy[cc]", 0, &v)); ASSERT_NEAR(v, 2.0, 1e-6);
    uint64_t nv;
    tu_assert_ok(ldrt_dvh_stats(h, &nv, NULL, NULL, NULL));
    ck_assert_uint_eq(nv, 9);
    ldrt_dvh_free(h);

    /* The uint8 mask path with the voxel volume: the same as weights of 1. */
    uint8_t m[40] = { 0 };
    for (int k = 21; k < 30; k++) m[k] = 1;
    tu_assert_ok(ldrt_dvh_compute_cc_f32(d, m, NULL, 40, 2.0, 0.1, &h));
    tu_assert_ok(ldrt_dvh_volume_cc(h, &v)); ASSERT_NEAR(v, 18.0, 1e-12);
    tu_assert_ok(ldrt_dvh_metric(h, "D2cc", 0, &v)); ASSERT_NEAR(v, 9.0, tol);
    ldrt_dvh_free(h);

    /* Errors. */
    h = (ldrt_dvh *)0x1;
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, m, w, 40, 2.0, 0.1, &h), LDRT_EINVAL, "not both");
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 0.0, 0.1, &h), LDRT_EINVAL, "voxel_cc");
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, NAN, 0.1, &h), LDRT_EINVAL, "voxel_cc");
    w[25] = 1.5f;
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 2.0, 0.1, &h), LDRT_EINVAL, "weights[25]");
    w[25] = NAN;
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 2.0, 0.1, &h), LDRT_EINVAL, "weights[25]");
    w[25] = -0.25f;
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 2.0, 0.1, &h), LDRT_EINVAL, "weights[25]");
    w[25] = 1.0f;
    d[25] = NAN;
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 2.0, 0.1, &h), LDRT_EINVAL, "dose_gy[25]");
    d[25] = 5.05f;
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 2.0, 1e-12, &h), LDRT_ERANGE, "bin_width_gy");
    memset(w, 0, sizeof w);
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 2.0, 0.1, &h), LDRT_EINVAL, "selects no voxel");
    tu_assert_error(ldrt_dvh_compute_cc_f32(NULL, NULL, w, 40, 2.0, 0.1, &h), LDRT_EINVAL, "dose_gy");
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 0, 2.0, 0.1, &h), LDRT_EINVAL, "count");
    tu_assert_error(ldrt_dvh_compute_cc_f32(d, NULL, w, 40, 2.0, 0.1, NULL), LDRT_EINVAL, "out");
    ck_assert_ptr_eq(h, (ldrt_dvh *)0x1);
}
END_TEST

/* A weighted DVH equals the uint8 DVH when the weights are 0 or 1 (an
 * independent path through the code), on a grid with many bins. */
START_TEST(dvh_weights_match_mask)
{
    size_t n = 20000;
    float *d = malloc(n * sizeof *d), *w = malloc(n * sizeof *w);
    uint8_t *m = malloc(n);
    lcg_state = 31337;
    for (size_t i = 0; i < n; i++) {
        d[i] = rnd(0.0f, 60.0f);
        m[i] = (uint8_t)((i / 37) % 3 == 0);
        w[i] = m[i] ? 1.0f : 0.0f;
    }
    ldrt_dvh *a, *b;
    tu_assert_ok(ldrt_dvh_compute_cc_f32(d, m, NULL, n, 0.027, 0.01, &a));
    tu_assert_ok(ldrt_dvh_compute_cc_f32(d, NULL, w, n, 0.027, 0.01, &b));
    static const char *names[] = { "D2cc", "D0.1cc", "D95%", "Dmean", "Dmax", "Dmin",
                                   "V20Gy[cc]", "V20Gy[%]", "D0.03cc" };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        double x, y;
        tu_assert_ok(ldrt_dvh_metric(a, names[k], 0, &x));
        tu_assert_ok(ldrt_dvh_metric(b, names[k], 0, &y));
        ASSERT_NEAR(x, y, 1e-9 * (1 + fabs(x)));
    }
    ldrt_dvh_free(a);
    ldrt_dvh_free(b);
    free(d);
    free(w);
    free(m);
}
END_TEST

struct dvhw_job {
    const float *d, *w;
    size_t n;
    ldrt_dvh *h;
};

static int dvhw_job_run(void *arg)
{
    struct dvhw_job *j = arg;
    return ldrt_dvh_compute_cc_f32(j->d, NULL, j->w, j->n, 0.1, 0.01, &j->h);
}

static void dvhw_job_clean(void *arg)
{
    struct dvhw_job *j = arg;
    ldrt_dvh_free(j->h);
    j->h = NULL;
}

START_TEST(dvh_weighted_allocation_failures)
{
    float d[200], w[200];
    for (int i = 0; i < 200; i++) {
        d[i] = (float)i * 0.25f;
        w[i] = 0.5f;
    }
    struct dvhw_job j = { d, w, 200, NULL };
    tu_alloc_install();
    long n = tu_alloc_fail_each(dvhw_job_run, dvhw_job_clean, &j);
    tu_alloc_uninstall();
    ck_assert_int_ge(n, 3);
}
END_TEST

static Suite *kernels_suite(void)
{
    Suite *s = suite_create("dose-kernels");
    TCase *tc = tcase_create("grids");
    tcase_add_loop_test(tc, eqd_f32_matches_scalar, 0, 3);
    tcase_add_loop_test(tc, eqd_f32_streaming_and_unaligned, 0, 3);
    tcase_add_test(tc, eqd_f64_matches_scalar);
    tcase_add_loop_test(tc, voxel_ab_and_labels_match_scalar, 0, 3);
    tcase_add_loop_test(tc, sum_of_courses_matches_scalar, 0, 3);
    tcase_add_loop_test(tc, bad_doses_report_their_index, 0, 3);
    tcase_add_test(tc, kernel_bad_arguments);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    tc = tcase_create("dvh");
    tcase_add_test(tc, dvh_hand_case);
    tcase_add_test(tc, dvh_masked_matches_naive);
    tcase_add_test(tc, dvh_errors);
    tcase_add_test(tc, dvh_allocation_failures);
    tcase_add_test(tc, dvh_cc_hand_case);
    tcase_add_test(tc, dvh_partial_voxels_hand_case);
    tcase_add_test(tc, dvh_weights_match_mask);
    tcase_add_test(tc, dvh_weighted_allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(kernels_suite)
