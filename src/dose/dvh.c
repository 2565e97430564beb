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
    uint64_t *counts;   /* bins entries */
    uint64_t voxels;
    double sum, min, max;
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

int ldrt_dvh_compute_f32(const float *dose_gy, const uint8_t *mask, size_t count,
                         double bin_width_gy, ldrt_dvh **out)
{
    LDRT__CHECK_NOT_NULL(dose_gy);
    if (count == 0)
        return ldrt__error(LDRT_EINVAL, "count: must be >= 1 (got 0)");
    LDRT__CHECK_POS("bin_width_gy", bin_width_gy);
    if (!isfinite(1.0 / bin_width_gy)) /* a subnormal width: 0 Gy times 1/w would be NaN */
        return ldrt__error(LDRT_ERANGE, "bin_width_gy: %g Gy is too small", bin_width_gy);
    LDRT__CHECK_NOT_NULL(out);
    struct acc a = { bin_width_gy, 1.0 / bin_width_gy, 256, NULL, 0, { 0, 0, 0, 0 }, FLT_MAX, 0.0f };
    a.counts = ldrt__calloc(a.cap * NSUB, sizeof *a.counts);
    if (a.counts == NULL)
        return ldrt__error(LDRT_ENOMEM, "dvh: out of memory");
    int rc = scan(&a, dose_gy, mask, count);
    if (rc == LDRT_OK && a.voxels == 0)
        rc = ldrt__error(LDRT_EINVAL, "mask: selects no voxel");
    ldrt_dvh *h = NULL;
    if (rc == LDRT_OK) {
        h = ldrt__malloc(sizeof *h);
        if (h == NULL) rc = ldrt__error(LDRT_ENOMEM, "dvh: out of memory");
    }
    if (rc != LDRT_OK) {
        ldrt__free(a.counts);
        return rc;
    }
    /* Fold the sub-histograms in place: entry b is written after entries
     * b*NSUB.. have been read (b <= b*NSUB). */
    for (size_t b = 0; b < a.cap; b++) {
        uint64_t t = 0;
        for (size_t k = 0; k < NSUB; k++) t += a.counts[b * NSUB + k];
        a.counts[b] = t;
    }
    /* The bin of Dmax is the last non-empty one. */
    size_t bins = a.cap;
    while (bins > 1 && a.counts[bins - 1] == 0) bins--;
    h->width = bin_width_gy;
    h->bins = bins;
    h->counts = a.counts; /* holds at least bins entries */
    h->voxels = a.voxels;
    h->sum = (a.sum[0] + a.sum[1]) + (a.sum[2] + a.sum[3]);
    h->min = a.min;
    h->max = a.max;
    *out = h;
    return LDRT_OK;
}

void ldrt_dvh_free(ldrt_dvh *dvh)
{
    if (dvh == NULL) return;
    ldrt__free(dvh->counts);
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
        volume_pct[i] = 100.0 * (double)dvh->counts[i] / (double)dvh->voxels;
    return LDRT_OK;
}

/* Voxels with dose >= edge i, for i = 0..bins (entry bins is 0). */
static uint64_t above(const ldrt_dvh *dvh, size_t i)
{
    uint64_t n = 0;
    for (size_t k = i; k < dvh->bins; k++) n += dvh->counts[k];
    return n;
}

int ldrt_dvh_cumulative(const ldrt_dvh *dvh, double *volume_pct, size_t bins)
{
    int rc = check_out_array(dvh, volume_pct, bins);
    if (rc) return rc;
    uint64_t n = 0;
    for (size_t i = bins; i-- > 0;) {
        n += dvh->counts[i];
        volume_pct[i] = 100.0 * (double)n / (double)dvh->voxels;
    }
    return LDRT_OK;
}

int ldrt_dvh_stats(const ldrt_dvh *dvh, uint64_t *voxels, double *mean_gy, double *min_gy,
                   double *max_gy)
{
    LDRT__CHECK_NOT_NULL(dvh);
    if (voxels) *voxels = dvh->voxels;
    if (mean_gy) *mean_gy = dvh->sum / (double)dvh->voxels;
    if (min_gy) *min_gy = dvh->min;
    if (max_gy) *max_gy = dvh->max;
    return LDRT_OK;
}

int ldrt_dvh_dose_at_volume(const ldrt_dvh *dvh, double volume_pct, double *dose_gy)
{
    LDRT__CHECK_NOT_NULL(dvh);
    if (!(volume_pct >= 0.0 && volume_pct <= 100.0))
        return ldrt__error(LDRT_EINVAL, "volume_pct: must be 0 to 100 (got %g)", volume_pct);
    LDRT__CHECK_NOT_NULL(dose_gy);
    double total = (double)dvh->voxels;
    /* Largest edge i with C_i >= volume_pct, C_i = 100 above(i) / total. */
    double d = dvh->max;
    uint64_t n = 0; /* voxels >= edge i+1 while walking down */
    for (size_t i = dvh->bins; i-- > 0;) {
        double c_next = 100.0 * (double)n / total;
        n += dvh->counts[i];
        double c = 100.0 * (double)n / total;
        if (c >= volume_pct) {
            d = ((double)i + (c - volume_pct) / (c - c_next)) * dvh->width;
            break;
        }
    }
    if (d < dvh->min) d = dvh->min;
    if (d > dvh->max) d = dvh->max;
    *dose_gy = d;
    return LDRT_OK;
}

int ldrt_dvh_volume_at_dose(const ldrt_dvh *dvh, double dose_gy, double *volume_pct)
{
    LDRT__CHECK_NOT_NULL(dvh);
    LDRT__CHECK_DOSE("dose_gy", dose_gy);
    LDRT__CHECK_NOT_NULL(volume_pct);
    double total = (double)dvh->voxels;
    double x = dose_gy / dvh->width;
    double v;
    if (x >= (double)dvh->bins) {
        v = 0.0;
    } else {
        size_t i = (size_t)x;
        double c = 100.0 * (double)above(dvh, i) / total;
        double c_next = 100.0 * (double)above(dvh, i + 1) / total;
        v = c - (c - c_next) * (x - (double)i);
    }
    *volume_pct = v;
    return LDRT_OK;
}
