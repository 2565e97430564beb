/*
 * Dose-volume histograms from a dose grid and a mask, in one pass.
 *
 * The mask is read 64 bytes at a time and all-zero blocks are skipped
 * (the masked-DVH design of the project's performance reference: a 3 %
 * structure costs little more than a scan of its mask). Bins are defined by
 * their edges i w computed in double; the histogram grows when a dose beyond
 * the current bins appears.
 * SPDX-License-Identifier: MIT
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "dose_internal.h"

#if defined(__GNUC__) && defined(__x86_64__) && !defined(LDRT_NO_SIMD)
#  define DVH_SSE2 1
#  include <emmintrin.h>
#else
#  define DVH_SSE2 0
#endif

#define MAX_BINS ((size_t)1 << 26)

struct ldrt_dvh {
    double width;
    size_t bins;        /* floor(max / width) + 1 */
    double *vol;        /* volume in each bin, in voxels (a voxel counts its weight) */
    double total;       /* the structure's volume in voxels: the count or the sum of weights */
    uint64_t voxels;    /* voxels of non-zero weight */
    double voxel_cc;    /* volume of one voxel in cc; 0 when not given */
    double sum, min, max;  /* sum of weight x dose; extreme doses of the selected voxels */
};

/* NSUB interleaved sub-histograms: neighbouring voxels often fall in the
 * same bin, and one counter would serialise their increments. */
#define NSUB 4

struct acc {
    double width, inv_width;
    size_t cap;          /* bins per sub-histogram */
    uint64_t *counts;    /* cap * NSUB, bin-major: counts[b * NSUB + k] */
    uint64_t voxels;
    double sum[NSUB];
    float min, max;
};

/* The bin of a valid dose below MAX_BINS bins: floor(d * (1/w)) in double
 * (signed conversion: one instruction on x86-64). */
static inline size_t bin_of(const struct acc *a, double dd)
{
    return (size_t)(int64_t)(dd * a->inv_width);
}

/* Makes room for bin b (b < MAX_BINS). */
static int grow(struct acc *a, size_t b)
{
    size_t ncap = a->cap * 2;
    while (ncap <= b) ncap *= 2;
    if (ncap > MAX_BINS + 1) ncap = MAX_BINS + 1;
    uint64_t *nc = ldrt__reallocarray(a->counts, ncap * NSUB, sizeof *nc);
    if (nc == NULL)
        return ldrt__error(LDRT_ENOMEM, "dvh: out of memory for %zu bins", ncap);
    memset(nc + a->cap * NSUB, 0, (ncap - a->cap) * NSUB * sizeof *nc);
    a->counts = nc;
    a->cap = ncap;
    return LDRT_OK;
}

/* Reports the first bad selected voxel of [from, to) (known to exist). */
static int bad_voxel(const struct acc *a, const float *dose, const uint8_t *mask, size_t from,
                     size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (mask && !mask[i]) continue;
        float d = dose[i];
        if (!(d >= 0.0f && d <= FLT_MAX))
            return ldrt__error(LDRT_EINVAL, "dose_gy[%zu]: must be finite and >= 0 (got %g)", i,
                               (double)d);
        if ((double)d * a->inv_width >= (double)MAX_BINS)
            return ldrt__error(LDRT_ERANGE, "bin_width_gy: %g Gy gives more than %zu bins for the "
                               "dose %g Gy at dose_gy[%zu]", a->width, MAX_BINS, (double)d, i);
    }
    return ldrt__error(LDRT_EINVAL, "dose_gy: bad value in [%zu, %zu)", from, to);
}

/* Adds m doses v[0..m) (the selected voxels of [from, to)). */
static int add_run(struct acc *a, const float *v, size_t m, const float *dose,
                   const uint8_t *mask, size_t from, size_t to)
{
    if (m == 0) return LDRT_OK;
    int ok = 1;
    float mn = v[0], mx = v[0];
    size_t j = 0;
#if DVH_SSE2
    if (m >= 4) {
        __m128 vmn = _mm_loadu_ps(v), vmx = vmn, okv = _mm_cmpeq_ps(vmn, vmn);
        const __m128 zero = _mm_setzero_ps(), big = _mm_set1_ps(FLT_MAX);
        for (; j + 4 <= m; j += 4) {
            __m128 x = _mm_loadu_ps(v + j);
            okv = _mm_and_ps(okv, _mm_and_ps(_mm_cmpge_ps(x, zero), _mm_cmple_ps(x, big)));
            vmn = _mm_min_ps(vmn, x);
            vmx = _mm_max_ps(vmx, x);
        }
        float t[4];
        ok = _mm_movemask_ps(okv) == 0xF;
        _mm_storeu_ps(t, vmn);
        mn = t[0] < t[1] ? t[0] : t[1];
        mn = t[2] < mn ? t[2] : mn;
        mn = t[3] < mn ? t[3] : mn;
        _mm_storeu_ps(t, vmx);
        mx = t[0] > t[1] ? t[0] : t[1];
        mx = t[2] > mx ? t[2] : mx;
        mx = t[3] > mx ? t[3] : mx;
    }
#endif
    for (; j < m; j++) {
        float d = v[j];
        ok &= d >= 0.0f && d <= FLT_MAX;
        mn = d < mn ? d : mn;
        mx = d > mx ? d : mx;
    }
    if (!ok || (double)mx * a->inv_width >= (double)MAX_BINS)
        return bad_voxel(a, dose, mask, from, to);
    size_t top = bin_of(a, mx);
    if (top >= a->cap) {
        int rc = grow(a, top);
        if (rc) return rc;
    }
    uint64_t *c = a->counts;
    size_t k = 0;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
#if DVH_SSE2
    /* Four voxels per step: bins by cvtps2pd, mulpd, cvttpd2dq (SSE2, every x86-64). */
    const __m128d iw = _mm_set1_pd(a->inv_width);
    __m128d sa = _mm_setzero_pd(), sb = _mm_setzero_pd();
    for (; k + 4 <= m; k += 4) {
        __m128 v4 = _mm_loadu_ps(v + k);
        __m128d lo = _mm_cvtps_pd(v4), hi = _mm_cvtps_pd(_mm_movehl_ps(v4, v4));
        sa = _mm_add_pd(sa, lo);
        sb = _mm_add_pd(sb, hi);
        __m128i blo = _mm_cvttpd_epi32(_mm_mul_pd(lo, iw));
        __m128i bhi = _mm_cvttpd_epi32(_mm_mul_pd(hi, iw));
        int32_t b[4];
        _mm_storel_epi64((__m128i *)b, blo);
        _mm_storel_epi64((__m128i *)(b + 2), bhi);
        c[(size_t)b[0] * NSUB + 0]++;
        c[(size_t)b[1] * NSUB + 1]++;
        c[(size_t)b[2] * NSUB + 2]++;
        c[(size_t)b[3] * NSUB + 3]++;
    }
    double t[4];
    _mm_storeu_pd(t, sa);
    _mm_storeu_pd(t + 2, sb);
    s0 = t[0]; s1 = t[1]; s2 = t[2]; s3 = t[3];
#endif
    for (; k + 4 <= m; k += 4) {
        double d0 = v[k], d1 = v[k + 1], d2 = v[k + 2], d3 = v[k + 3];
        c[bin_of(a, d0) * NSUB + 0]++;
        c[bin_of(a, d1) * NSUB + 1]++;
        c[bin_of(a, d2) * NSUB + 2]++;
        c[bin_of(a, d3) * NSUB + 3]++;
        s0 += d0; s1 += d1; s2 += d2; s3 += d3;
    }
    for (; k < m; k++) {
        double d0 = v[k];
        c[bin_of(a, d0) * NSUB]++;
        s0 += d0;
    }
    a->sum[0] += s0; a->sum[1] += s1; a->sum[2] += s2; a->sum[3] += s3;
    a->voxels += m;
    if (mn < a->min) a->min = mn;
    if (mx > a->max) a->max = mx;
    return LDRT_OK;
}

#define CHUNK 64
/* Software prefetch of the mask, in 256-byte blocks ahead (8 KiB): the mask
 * is the one stream every DVH reads whole, and more reads in flight make it
 * faster on one core. */
#ifndef DVH_MASK_PF
#define DVH_MASK_PF 32
#endif

/* True when the n bytes at p (n a multiple of 64) are not all zero. */
static inline int any_set(const uint8_t *p, size_t n)
{
#if DVH_SSE2
    __m128i acc = _mm_setzero_si128();
    for (size_t k = 0; k < n; k += 64)
        acc = _mm_or_si128(acc, _mm_or_si128(
            _mm_or_si128(_mm_loadu_si128((const __m128i *)(p + k)),
                         _mm_loadu_si128((const __m128i *)(p + k + 16))),
            _mm_or_si128(_mm_loadu_si128((const __m128i *)(p + k + 32)),
                         _mm_loadu_si128((const __m128i *)(p + k + 48)))));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(acc, _mm_setzero_si128())) != 0xFFFF;
#else
    uint64_t any = 0;
    for (size_t k = 0; k < n; k += 8) {
        uint64_t w;
        memcpy(&w, p + k, 8);
        any |= w;
    }
    return any != 0;
#endif
}

/* Bit k set when mask[i + k] is non-zero, for one chunk of len <= 64 voxels. */
static inline uint64_t chunk_bits(const uint8_t *m, size_t len)
{
    uint64_t bits = 0;
#if DVH_SSE2
    if (len == CHUNK) {
        const __m128i z = _mm_setzero_si128();
        for (size_t k = 0; k < CHUNK; k += 16) {
            unsigned zero = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(m + k)), z));
            bits |= (uint64_t)(~zero & 0xFFFFu) << k;
        }
        return bits;
    }
#endif
    for (size_t k = 0; k < len; k++)
        bits |= (uint64_t)(m[k] != 0) << k;
    return bits;
}

static inline unsigned ctz64(uint64_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(x);
#else
    unsigned n = 0;
    while (!(x & 1)) { x >>= 1; n++; }
    return n;
#endif
}

/* Adds the selected voxels of one chunk [i, i + len), run by run: a
 * structure's voxels come in rows, so a chunk holds one or two runs. */
static int add_chunk(struct acc *a, const float *dose, const uint8_t *mask, size_t i, size_t len)
{
    uint64_t bits = chunk_bits(mask + i, len);
    while (bits) {
        unsigned s = ctz64(bits);
        uint64_t t = bits >> s;
        unsigned n = ~t == 0 ? 64 - s : ctz64(~t);
        int rc = add_run(a, dose + i + s, n, dose, mask, i, i + len);
        if (rc) return rc;
        bits = n + s >= 64 ? 0 : bits & ~((((uint64_t)1 << n) - 1) << s);
    }
    return LDRT_OK;
}

static int scan(struct acc *a, const float *dose, const uint8_t *mask, size_t count)
{
    int rc;
    if (mask == NULL) {
        for (size_t i = 0; i < count; i += CHUNK)
            if ((rc = add_run(a, dose + i, count - i < CHUNK ? count - i : CHUNK, dose, mask, i,
                              count - i < CHUNK ? count : i + CHUNK)) != LDRT_OK)
                return rc;
        return LDRT_OK;
    }
    /* Skip all-zero 256-voxel blocks with fixed-size word reads (no calls).
     * The mask is examined PF_AHEAD blocks ahead of the histogram, so that the
     * doses of the selected voxels are prefetched well before they are needed
     * (a structure's voxels come in short rows, too short for the hardware
     * prefetcher to ramp up on its own). */
    enum { BLK = 4 * CHUNK, PF_AHEAD = 8 };
    uint64_t ring = 0; /* bit k: block (current + k) is not all zero */
    size_t nblk = count / BLK;
    for (size_t b = 0; b < nblk + PF_AHEAD; b++) {
        if (b < nblk) {
#if defined(__GNUC__) && DVH_MASK_PF
            if (b + DVH_MASK_PF < nblk)
                for (size_t k = 0; k < BLK; k += 64)
                    __builtin_prefetch(mask + (b + DVH_MASK_PF) * BLK + k);
#endif
            if (any_set(mask + b * BLK, BLK)) {
                ring |= (uint64_t)1 << PF_AHEAD;
#if defined(__GNUC__)
                for (size_t k = 0; k < BLK; k += 16)
                    __builtin_prefetch(dose + b * BLK + k);
#endif
            }
        }
        int cur = (int)(ring & 1);
        ring >>= 1;
        if (b < PF_AHEAD || !cur) continue;
        size_t i = (b - PF_AHEAD) * BLK;
        for (size_t c = 0; c < 4; c++)
            if (any_set(mask + i + c * CHUNK, CHUNK) &&
                (rc = add_chunk(a, dose, mask, i + c * CHUNK, CHUNK)) != LDRT_OK)
                return rc;
    }
    for (size_t i = nblk * BLK; i < count; i += CHUNK)
        if ((rc = add_chunk(a, dose, mask, i, count - i < CHUNK ? count - i : CHUNK)) != LDRT_OK)
            return rc;
    return LDRT_OK;
}

/* Builds the DVH from folded per-bin volumes vol[0..cap) (taken over). */
static int finish(double *vol, size_t cap, double total, uint64_t voxels, double sum, double mn,
                  double mx, double width, double voxel_cc, ldrt_dvh **out)
{
    ldrt_dvh *h = ldrt__malloc(sizeof *h);
    if (h == NULL) {
        ldrt__free(vol);
        return ldrt__error(LDRT_ENOMEM, "dvh: out of memory");
    }
    /* The bin of Dmax is the last non-empty one. */
    size_t bins = cap;
    while (bins > 1 && vol[bins - 1] == 0.0) bins--;
    h->width = width;
    h->bins = bins;
    h->vol = vol; /* holds at least bins entries */
    h->total = total;
    h->voxels = voxels;
    h->voxel_cc = voxel_cc;
    h->sum = sum;
    h->min = mn;
    h->max = mx;
    *out = h;
    return LDRT_OK;
}

static int check_width(double bin_width_gy)
{
    LDRT__CHECK_POS("bin_width_gy", bin_width_gy);
    if (!isfinite(1.0 / bin_width_gy)) /* a subnormal width: 0 Gy times 1/w would be NaN */
        return ldrt__error(LDRT_ERANGE, "bin_width_gy: %g Gy is too small", bin_width_gy);
    return LDRT_OK;
}

/* The uint8-mask (or no-mask) DVH. */
static int compute_mask(const float *dose_gy, const uint8_t *mask, size_t count,
                        double bin_width_gy, double voxel_cc, ldrt_dvh **out)
{
    struct acc a = { bin_width_gy, 1.0 / bin_width_gy, 256, NULL, 0, { 0, 0, 0, 0 }, FLT_MAX, 0.0f };
    a.counts = ldrt__calloc(a.cap * NSUB, sizeof *a.counts);
    if (a.counts == NULL)
        return ldrt__error(LDRT_ENOMEM, "dvh: out of memory");
    int rc = scan(&a, dose_gy, mask, count);
    if (rc == LDRT_OK && a.voxels == 0)
        rc = ldrt__error(LDRT_EINVAL, "mask: selects no voxel");
    double *vol = NULL;
    if (rc == LDRT_OK) {
        vol = ldrt__malloc(a.cap * sizeof *vol);
        if (vol == NULL) rc = ldrt__error(LDRT_ENOMEM, "dvh: out of memory");
    }
    if (rc != LDRT_OK) {
        ldrt__free(a.counts);
        return rc;
    }
    for (size_t b = 0; b < a.cap; b++) {
        uint64_t t = 0;
        for (size_t k = 0; k < NSUB; k++) t += a.counts[b * NSUB + k];
        vol[b] = (double)t;
    }
    ldrt__free(a.counts);
    return finish(vol, a.cap, (double)a.voxels, a.voxels,
                  (a.sum[0] + a.sum[1]) + (a.sum[2] + a.sum[3]), a.min, a.max, bin_width_gy,
                  voxel_cc, out);
}

int ldrt_dvh_compute_f32(const float *dose_gy, const uint8_t *mask, size_t count,
                         double bin_width_gy, ldrt_dvh **out)
{
    LDRT__CHECK_NOT_NULL(dose_gy);
    if (count == 0)
        return ldrt__error(LDRT_EINVAL, "count: must be >= 1 (got 0)");
    int rc = check_width(bin_width_gy);
    if (rc) return rc;
    LDRT__CHECK_NOT_NULL(out);
    return compute_mask(dose_gy, mask, count, bin_width_gy, 0.0, out);
}

/* ---- partial voxels: a float weight per voxel ------------------------------------------ */

struct wacc {
    double width, inv_width;
    size_t cap;
    double *vol;
    double total, sum;
    uint64_t voxels;
    float min, max;
};

static int grow_w(struct wacc *a, size_t b)
{
    size_t ncap = a->cap * 2;
    while (ncap <= b) ncap *= 2;
    if (ncap > MAX_BINS + 1) ncap = MAX_BINS + 1;
    double *nv = ldrt__reallocarray(a->vol, ncap, sizeof *nv);
    if (nv == NULL)
        return ldrt__error(LDRT_ENOMEM, "dvh: out of memory for %zu bins", ncap);
    for (size_t k = a->cap; k < ncap; k++) nv[k] = 0.0;
    a->vol = nv;
    a->cap = ncap;
    return LDRT_OK;
}

/* Adds voxel i of weight w (w != 0, not yet checked). */
static int add_weighted(struct wacc *a, const float *dose, size_t i, float w)
{
    if (!(w > 0.0f && w <= 1.0f))
        return ldrt__error(LDRT_EINVAL, "weights[%zu]: must be 0 to 1 (got %g)", i, (double)w);
    float d = dose[i];
    if (!(d >= 0.0f && d <= FLT_MAX))
        return ldrt__error(LDRT_EINVAL, "dose_gy[%zu]: must be finite and >= 0 (got %g)", i,
                           (double)d);
    double x = (double)d * a->inv_width;
    if (x >= (double)MAX_BINS)
        return ldrt__error(LDRT_ERANGE, "bin_width_gy: %g Gy gives more than %zu bins for the "
                           "dose %g Gy at dose_gy[%zu]", a->width, MAX_BINS, (double)d, i);
    size_t b = (size_t)(int64_t)x;
    if (b >= a->cap) {
        int rc = grow_w(a, b);
        if (rc) return rc;
    }
    a->vol[b] += w;
    a->total += w;
    a->sum += (double)w * d;
    a->voxels++;
    if (d < a->min) a->min = d;
    if (d > a->max) a->max = d;
    return LDRT_OK;
}

/* Scans the weights 16 at a time, skipping runs of zeros (+0 or -0). */
static int scan_weighted(struct wacc *a, const float *dose, const float *w, size_t count)
{
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        uint32_t any = 0;
        for (size_t k = 0; k < 16; k++) {
            uint32_t bits;
            memcpy(&bits, w + i + k, sizeof bits);
            any |= bits & 0x7fffffffu;
        }
        if (any == 0) continue;
        for (size_t k = 0; k < 16; k++)
            if (w[i + k] != 0.0f) {
                int rc = add_weighted(a, dose, i + k, w[i + k]);
                if (rc) return rc;
            }
    }
    for (; i < count; i++)
        if (w[i] != 0.0f) {
            int rc = add_weighted(a, dose, i, w[i]);
            if (rc) return rc;
        }
    return LDRT_OK;
}

int ldrt_dvh_compute_cc_f32(const float *dose_gy, const uint8_t *mask, const float *weights,
                            size_t count, double voxel_cc, double bin_width_gy, ldrt_dvh **out)
{
    LDRT__CHECK_NOT_NULL(dose_gy);
    if (count == 0)
        return ldrt__error(LDRT_EINVAL, "count: must be >= 1 (got 0)");
    if (mask != NULL && weights != NULL)
        return ldrt__error(LDRT_EINVAL, "weights: give a mask or weights, not both");
    LDRT__CHECK_POS("voxel_cc", voxel_cc);
    int rc = check_width(bin_width_gy);
    if (rc) return rc;
    LDRT__CHECK_NOT_NULL(out);
    if (weights == NULL)
        return compute_mask(dose_gy, mask, count, bin_width_gy, voxel_cc, out);
    struct wacc a = { bin_width_gy, 1.0 / bin_width_gy, 256, NULL, 0.0, 0.0, 0, FLT_MAX, 0.0f };
    a.vol = ldrt__calloc(a.cap, sizeof *a.vol);
    if (a.vol == NULL)
        return ldrt__error(LDRT_ENOMEM, "dvh: out of memory");
    rc = scan_weighted(&a, dose_gy, weights, count);
    if (rc == LDRT_OK && a.voxels == 0)
        rc = ldrt__error(LDRT_EINVAL, "weights: selects no voxel");
    if (rc != LDRT_OK) {
        ldrt__free(a.vol);
        return rc;
    }
    return finish(a.vol, a.cap, a.total, a.voxels, a.sum, a.min, a.max, bin_width_gy, voxel_cc,
                  out);
}

void ldrt_dvh_free(ldrt_dvh *dvh)
{
    if (dvh == NULL) return;
    ldrt__free(dvh->vol);
    ldrt__free(dvh);
}

int ldrt_dvh_bins(const ldrt_dvh *dvh, size_t *bins, double *bin_width_gy)
{
    LDRT__CHECK_NOT_NULL(dvh);
    if (bins) *bins = dvh->bins;
    if (bin_width_gy) *bin_width_gy = dvh->width;
    return LDRT_OK;
}

static int check_out_array(const ldrt_dvh *dvh, const double *volume_pct, size_t bins)
{
    LDRT__CHECK_NOT_NULL(dvh);
    LDRT__CHECK_NOT_NULL(volume_pct);
    if (bins != dvh->bins)
        return ldrt__error(LDRT_ERANGE, "bins: must be %zu, the DVH's number of bins (got %zu)",
                           dvh->bins, bins);
    return LDRT_OK;
}

int ldrt_dvh_differential(const ldrt_dvh *dvh, double *volume_pct, size_t bins)
{
    int rc = check_out_array(dvh, volume_pct, bins);
    if (rc) return rc;
    for (size_t i = 0; i < bins; i++)
        volume_pct[i] = 100.0 * dvh->vol[i] / dvh->total;
    return LDRT_OK;
}

int ldrt_dvh_cumulative(const ldrt_dvh *dvh, double *volume_pct, size_t bins)
{
    int rc = check_out_array(dvh, volume_pct, bins);
    if (rc) return rc;
    double n = 0.0;
    for (size_t i = bins; i-- > 0;) {
        n += dvh->vol[i];
        volume_pct[i] = 100.0 * n / dvh->total;
    }
    return LDRT_OK;
}

int ldrt_dvh_stats(const ldrt_dvh *dvh, uint64_t *voxels, double *mean_gy, double *min_gy,
                   double *max_gy)
{
    LDRT__CHECK_NOT_NULL(dvh);
    if (voxels) *voxels = dvh->voxels;
    if (mean_gy) *mean_gy = dvh->sum / dvh->total;
    if (min_gy) *min_gy = dvh->min;
    if (max_gy) *max_gy = dvh->max;
    return LDRT_OK;
}

/* The cumulative DVH C(D), the volume (in voxels) receiving at least D, is
 * piecewise linear: C at the edge i w is the volume of bins i and above, and
 * within a bin the volume is spread uniformly, so C falls linearly from one
 * edge to the next. These two functions evaluate C and invert it. */

/* C(D) for D >= 0. */
static double cum_at(const ldrt_dvh *dvh, double dose_gy)
{
    double x = dose_gy / dvh->width;
    if (x >= (double)dvh->bins) return 0.0;
    size_t i = (size_t)x;
    double above = 0.0; /* volume of bins i+1 and above */
    for (size_t k = dvh->bins; k-- > i + 1;) above += dvh->vol[k];
    return above + dvh->vol[i] * (1.0 - (x - (double)i));
}

/* The largest D with C(D) >= v (0 <= v <= total), clamped to [Dmin, Dmax]. */
static double dose_at(const ldrt_dvh *dvh, double v)
{
    double d = dvh->max;
    double n = 0.0; /* volume of bins i+1 and above while walking down */
    for (size_t i = dvh->bins; i-- > 0;) {
        double c_next = n;
        n += dvh->vol[i];
        if (n >= v) {
            /* n >= v > c_next here, or c_next = 0 = v in the top bin: n > c_next. */
            d = ((double)i + (n - v) / (n - c_next)) * dvh->width;
            break;
        }
    }
    if (d < dvh->min) d = dvh->min;
    if (d > dvh->max) d = dvh->max;
    return d;
}

int ldrt_dvh_dose_at_volume(const ldrt_dvh *dvh, double volume_pct, double *dose_gy)
{
    LDRT__CHECK_NOT_NULL(dvh);
    if (!(volume_pct >= 0.0 && volume_pct <= 100.0))
        return ldrt__error(LDRT_EINVAL, "volume_pct: must be 0 to 100 (got %g)", volume_pct);
    LDRT__CHECK_NOT_NULL(dose_gy);
    *dose_gy = dose_at(dvh, volume_pct / 100.0 * dvh->total);
    return LDRT_OK;
}

int ldrt_dvh_volume_at_dose(const ldrt_dvh *dvh, double dose_gy, double *volume_pct)
{
    LDRT__CHECK_NOT_NULL(dvh);
    LDRT__CHECK_DOSE("dose_gy", dose_gy);
    LDRT__CHECK_NOT_NULL(volume_pct);
    *volume_pct = 100.0 * cum_at(dvh, dose_gy) / dvh->total;
    return LDRT_OK;
}

int ldrt_dvh_volume_cc(const ldrt_dvh *dvh, double *volume_cc)
{
    LDRT__CHECK_NOT_NULL(dvh);
    LDRT__CHECK_NOT_NULL(volume_cc);
    if (dvh->voxel_cc <= 0.0)
        return ldrt__error(LDRT_EINVAL, "dvh: the voxel volume is unknown (use "
                           "ldrt_dvh_compute_cc_f32)");
    *volume_cc = dvh->total * dvh->voxel_cc;
    return LDRT_OK;
}

/* ---- metrics by name ------------------------------------------------------------------ */

/* A non-negative decimal number (digits, optionally '.' and digits), read
 * without the locale; *p advances past it. 0 when there is none. */
static int parse_number(const char **p, double *v)
{
    const char *s = *p;
    double x = 0.0, scale = 1.0;
    int digits = 0;
    while (*s >= '0' && *s <= '9') {
        x = x * 10.0 + (*s++ - '0');
        digits++;
    }
    if (*s == '.') {
        s++;
        double frac = 0.0;
        while (*s >= '0' && *s <= '9') {
            frac = frac * 10.0 + (*s++ - '0');
            scale *= 10.0;
            digits++;
        }
        x += frac / scale;
    }
    if (digits == 0 || digits > 15) return 0;
    *p = s;
    *v = x;
    return 1;
}

enum { U_NONE, U_GY, U_CGY, U_PCT, U_CC };

/* One unit token at *p: "Gy", "cGy", "%", "cc"; advances. */
static int parse_unit(const char **p)
{
    static const struct { const char *text; int unit; } units[] = {
        { "cGy", U_CGY }, { "Gy", U_GY }, { "%", U_PCT }, { "cc", U_CC },
    };
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        size_t n = strlen(units[k].text);
        if (strncmp(*p, units[k].text, n) == 0) {
            *p += n;
            return units[k].unit;
        }
    }
    return U_NONE;
}

/* The optional result unit "[...]" at the end of the name. */
static int parse_result_unit(const char *p, int *unit)
{
    *unit = U_NONE;
    if (*p == '\0') return 1;
    if (*p != '[') return 0;
    p++;
    *unit = parse_unit(&p);
    return *unit != U_NONE && p[0] == ']' && p[1] == '\0';
}

struct metric {
    char kind;       /* 'D' dose at volume, 'V' volume at dose, 'm' mean, 'x' max, 'n' min */
    double x;        /* the volume or dose of the name */
    int x_unit;      /* its unit */
    int result_unit; /* U_NONE: the default */
};

static int bad_metric(const char *name)
{
    return ldrt__error(LDRT_EINVAL, "metric: '%s' is not a DVH metric (D2cc, D0.1cc, D95%%, "
                       "Dmean, Dmax, Dmin, V20Gy[cc], V20Gy[%%], V95%%[%%]; doses may carry "
                       "[Gy], [cGy] or [%%])", name);
}

static int parse_metric(const char *name, struct metric *m)
{
    const char *p = name;
    memset(m, 0, sizeof *m);
    if (strncmp(p, "Dmean", 5) == 0 || strncmp(p, "Dmax", 4) == 0 || strncmp(p, "Dmin", 4) == 0) {
        m->kind = p[2] == 'e' ? 'm' : p[2] == 'a' ? 'x' : 'n';
        p += m->kind == 'm' ? 5 : 4;
    } else if (*p == 'D' || *p == 'V') {
        m->kind = *p++;
        if (!parse_number(&p, &m->x)) return bad_metric(name);
        m->x_unit = parse_unit(&p);
        int ok = m->kind == 'D' ? (m->x_unit == U_CC || m->x_unit == U_PCT)
                                : (m->x_unit == U_GY || m->x_unit == U_CGY || m->x_unit == U_PCT);
        if (!ok) return bad_metric(name);
    } else {
        return bad_metric(name);
    }
    if (!parse_result_unit(p, &m->result_unit)) return bad_metric(name);
    if (m->kind == 'V') {
        if (m->result_unit != U_CC && m->result_unit != U_PCT)
            return ldrt__error(LDRT_EINVAL, "metric: '%s' needs its result unit, [cc] or [%%]",
                               name);
    } else if (m->result_unit == U_CC) {
        return bad_metric(name);
    }
    return LDRT_OK;
}

static int need_cc(const ldrt_dvh *dvh, const char *name)
{
    if (dvh->voxel_cc <= 0.0)
        return ldrt__error(LDRT_EINVAL, "metric: '%s' needs the voxel volume (a DVH from "
                           "ldrt_dvh_compute_cc_f32)", name);
    return LDRT_OK;
}

static int need_rx(double prescription_gy, const char *name)
{
    if (prescription_gy <= 0.0)
        return ldrt__error(LDRT_EINVAL, "metric: '%s' is relative to the prescription; "
                           "prescription_gy must be > 0", name);
    return LDRT_OK;
}

/* A dose metric (D..., Dmean, Dmax, Dmin) in Gy. */
static int dose_metric(const ldrt_dvh *dvh, const struct metric *m, const char *name,
                       double *gy)
{
    int rc;
    switch (m->kind) {
    case 'm': *gy = dvh->sum / dvh->total; return LDRT_OK;
    case 'x': *gy = dvh->max; return LDRT_OK;
    case 'n': *gy = dvh->min; return LDRT_OK;
    default: break;
    }
    double v; /* in voxels */
    if (m->x_unit == U_CC) {
        if ((rc = need_cc(dvh, name)) != LDRT_OK) return rc;
        v = m->x / dvh->voxel_cc;
        if (v > dvh->total)
            return ldrt__error(LDRT_ERANGE, "metric: '%s': the structure is only %g cc", name,
                               dvh->total * dvh->voxel_cc);
    } else {
        if (m->x > 100.0)
            return ldrt__error(LDRT_EINVAL, "metric: '%s': a volume of more than 100 %%", name);
        v = m->x / 100.0 * dvh->total;
    }
    *gy = dose_at(dvh, v);
    return LDRT_OK;
}

int ldrt_dvh_metric(const ldrt_dvh *dvh, const char *metric, double prescription_gy,
                    double *value)
{
    LDRT__CHECK_NOT_NULL(dvh);
    LDRT__CHECK_NOT_NULL(metric);
    LDRT__CHECK_DOSE("prescription_gy", prescription_gy);
    LDRT__CHECK_NOT_NULL(value);
    struct metric m;
    int rc = parse_metric(metric, &m);
    if (rc) return rc;
    double r = 0.0;
    if (m.kind == 'V') {
        double d = m.x_unit == U_GY ? m.x : m.x_unit == U_CGY ? m.x / 100.0 : 0.0;
        if (m.x_unit == U_PCT) {
            if ((rc = need_rx(prescription_gy, metric)) != LDRT_OK) return rc;
            d = m.x / 100.0 * prescription_gy;
        }
        double c = cum_at(dvh, d);
        if (m.result_unit == U_CC) {
            if ((rc = need_cc(dvh, metric)) != LDRT_OK) return rc;
            r = c * dvh->voxel_cc;
        } else {
            r = 100.0 * c / dvh->total;
        }
    } else {
        if ((rc = dose_metric(dvh, &m, metric, &r)) != LDRT_OK) return rc;
        if (m.result_unit == U_CGY) {
            r *= 100.0;
        } else if (m.result_unit == U_PCT) {
            if ((rc = need_rx(prescription_gy, metric)) != LDRT_OK) return rc;
            r = 100.0 * r / prescription_gy;
        }
    }
    *value = r;
    return LDRT_OK;
}
