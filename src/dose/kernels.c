/*
 * Bulk kernels: voxel-wise EQDx/BED of dose grids (constant, per-voxel and
 * per-label alpha/beta; several courses summed in one pass).
 *
 * Speed comes from three things (measurements in the project's performance
 * reference): the divisions are hoisted out of the loop (EQDx = D (D q + l)
 * with q = 1/(n (x + ab)) and l = ab/(x + ab) computed once in double);
 * the loops are written with SSE2 intrinsics, which every x86-64 processor
 * has, so they are vectorised whatever the compiler flags; and an AVX2+FMA
 * version of each loop is compiled with a target attribute and chosen at run
 * time with __builtin_cpu_supports, so a plain x86-64 build still runs
 * everywhere. Large out-of-place conversions use non-temporal stores (they
 * do not read the destination into the cache). Other processors use the
 * plain C loops.
 *
 * Bad doses: in-place blocks, and every block below AVX2, are checked before
 * they are converted; out-of-place AVX2 blocks are checked while they are
 * converted (see the policy in ldrt/dose.h and the block engine below).
 * SPDX-License-Identifier: MIT
 */
#include <float.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "dose_internal.h"

#if defined(__GNUC__) && defined(__x86_64__) && !defined(LDRT_NO_SIMD)
#  define LDRT_X86 1
#  include <immintrin.h>
#  define AVX2_FN __attribute__((target("avx2,fma")))
#else
#  define LDRT_X86 0
#endif

#define BLOCK 4096
/* Out-of-place conversions larger than this stream their stores. */
#define STREAM_MIN_BYTES ((size_t)16 << 20)

_Thread_local int ldrt__dose_isa_cap = -1;

/* The processor's level, asked once per process (the first kernel call
 * stores it; later calls read one word). Two threads racing on the first
 * call both store the same value. */
static atomic_int cpu_level = -1;

static int detect_level(void)
{
    int level = LDRT__ISA_SCALAR;
#if LDRT_X86
    level = LDRT__ISA_SSE2;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        level = LDRT__ISA_AVX2;
#endif
    return level;
}

int ldrt__dose_isa(void)
{
    int level = atomic_load_explicit(&cpu_level, memory_order_relaxed);
    if (level < 0) {
        level = detect_level();
        atomic_store_explicit(&cpu_level, level, memory_order_relaxed);
    }
    if (ldrt__dose_isa_cap >= 0 && ldrt__dose_isa_cap < level)
        level = ldrt__dose_isa_cap;
    return level;
}

static inline int bad_f32(float d)
{
    return !(d >= 0.0f && d <= FLT_MAX);
}

/* ---- validation: index of the first bad value, or n ------------------------------ */

static size_t first_bad_scalar(const float *x, size_t n, float lo_excl_zero)
{
    /* lo_excl_zero != 0: the value must be > 0 (alpha/beta); else >= 0 (dose). */
    for (size_t i = 0; i < n; i++) {
        float v = x[i];
        if (lo_excl_zero != 0.0f ? !(v > 0.0f && v <= FLT_MAX) : bad_f32(v))
            return i;
    }
    return n;
}

#if LDRT_X86
static size_t first_bad_sse2(const float *x, size_t n, float strict)
{
    const __m128 zero = _mm_setzero_ps(), big = _mm_set1_ps(FLT_MAX);
    size_t i = 0;
    if (strict != 0.0f) {
        for (; i + 4 <= n; i += 4) {
            __m128 v = _mm_loadu_ps(x + i);
            __m128 ok = _mm_and_ps(_mm_cmpgt_ps(v, zero), _mm_cmple_ps(v, big));
            if (_mm_movemask_ps(ok) != 0xF) break;
        }
    } else {
        for (; i + 4 <= n; i += 4) {
            __m128 v = _mm_loadu_ps(x + i);
            __m128 ok = _mm_and_ps(_mm_cmpge_ps(v, zero), _mm_cmple_ps(v, big));
            if (_mm_movemask_ps(ok) != 0xF) break;
        }
    }
    return i + first_bad_scalar(x + i, n - i, strict);
}

AVX2_FN static size_t first_bad_avx2(const float *x, size_t n, float strict)
{
    const __m256 zero = _mm256_setzero_ps(), big = _mm256_set1_ps(FLT_MAX);
    const int pred = strict != 0.0f ? _CMP_GT_OQ : _CMP_GE_OQ;
    size_t i = 0;
    if (pred == _CMP_GT_OQ) {
        for (; i + 16 <= n; i += 16) {
            __m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
            __m256 ok = _mm256_and_ps(
                _mm256_and_ps(_mm256_cmp_ps(a, zero, _CMP_GT_OQ), _mm256_cmp_ps(a, big, _CMP_LE_OQ)),
                _mm256_and_ps(_mm256_cmp_ps(b, zero, _CMP_GT_OQ), _mm256_cmp_ps(b, big, _CMP_LE_OQ)));
            if (_mm256_movemask_ps(ok) != 0xFF) break;
        }
    } else {
        for (; i + 16 <= n; i += 16) {
            __m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
            __m256 ok = _mm256_and_ps(
                _mm256_and_ps(_mm256_cmp_ps(a, zero, _CMP_GE_OQ), _mm256_cmp_ps(a, big, _CMP_LE_OQ)),
                _mm256_and_ps(_mm256_cmp_ps(b, zero, _CMP_GE_OQ), _mm256_cmp_ps(b, big, _CMP_LE_OQ)));
            if (_mm256_movemask_ps(ok) != 0xFF) break;
        }
    }
    return i + first_bad_scalar(x + i, n - i, strict);
}
#endif

static size_t first_bad(int isa, const float *x, size_t n, float strict)
{
#if LDRT_X86
    if (isa >= LDRT__ISA_AVX2) return first_bad_avx2(x, n, strict);
    if (isa >= LDRT__ISA_SSE2) return first_bad_sse2(x, n, strict);
#endif
    (void)isa;
    return first_bad_scalar(x, n, strict);
}

/* ---- the AVX2 block engine ----------------------------------------------------------
 *
 * One block of BLOCK voxels is processed as NSTREAM interleaved streams of
 * BLOCK/NSTREAM voxels (4 KiB each): every step reads one 64-byte line from
 * each stream and prefetches the same line of the next block. Several DRAM
 * streams in flight read faster on one core than a single linear stream (the
 * same trick the C library's large memcpy uses). Out-of-place blocks are
 * checked while they are converted (the bad-dose policy allows the block
 * holding a bad value to be partly written); in-place blocks are checked
 * first and converted second, from the cache.
 */
#ifndef NSTREAM
#define NSTREAM 4
#endif
#define SLEN (BLOCK / NSTREAM)
/* Prefetch distance in blocks. */
#ifndef PF_BLOCKS
#define PF_BLOCKS 1
#endif

#if LDRT_X86
#ifndef PF_HINT
#define PF_HINT _MM_HINT_T0
#endif
#define PREFETCH(p) _mm_prefetch((const char *)(p), PF_HINT)

AVX2_FN static inline __m256 ok_dose8(__m256 v)
{
    return _mm256_and_ps(_mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_GE_OQ),
                         _mm256_cmp_ps(v, _mm256_set1_ps(FLT_MAX), _CMP_LE_OQ));
}

AVX2_FN static inline __m256 ok_ab8(__m256 v)
{
    return _mm256_and_ps(_mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_GT_OQ),
                         _mm256_cmp_ps(v, _mm256_set1_ps(FLT_MAX), _CMP_LE_OQ));
}

AVX2_FN static inline void put8(float *p, __m256 v, int stream)
{
    if (stream) _mm256_stream_ps(p, v);
    else _mm256_storeu_ps(p, v);
}

/* Checks a whole block (doses), prefetching the next one (pf may equal in). */
AVX2_FN static int check_block_avx2(const float *in, const float *pf)
{
    __m256 ok = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
    for (size_t j = 0; j < SLEN; j += 16)
        for (size_t s = 0; s < NSTREAM; s++) {
            const float *x = in + s * SLEN + j;
            PREFETCH(pf + s * SLEN + j);
            ok = _mm256_and_ps(ok, _mm256_and_ps(ok_dose8(_mm256_loadu_ps(x)),
                                                 ok_dose8(_mm256_loadu_ps(x + 8))));
        }
    return _mm256_movemask_ps(ok) == 0xFF;
}

AVX2_FN static int eqd_block_avx2(const float *in, const float *pf, float q, float l, float *out,
                                  int fused, int stream)
{
    const __m256 vq = _mm256_set1_ps(q), vl = _mm256_set1_ps(l);
    __m256 ok = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
    if (!fused) {
        if (!check_block_avx2(in, pf)) return 0;
        for (size_t j = 0; j < BLOCK; j += 16) {
            __m256 a = _mm256_loadu_ps(in + j), b = _mm256_loadu_ps(in + j + 8);
            put8(out + j, _mm256_mul_ps(a, _mm256_fmadd_ps(a, vq, vl)), stream);
            put8(out + j + 8, _mm256_mul_ps(b, _mm256_fmadd_ps(b, vq, vl)), stream);
        }
        return 1;
    }
    for (size_t j = 0; j < SLEN; j += 16)
        for (size_t s = 0; s < NSTREAM; s++) {
            size_t o = s * SLEN + j;
            PREFETCH(pf + o);
            __m256 a = _mm256_loadu_ps(in + o), b = _mm256_loadu_ps(in + o + 8);
            ok = _mm256_and_ps(ok, _mm256_and_ps(ok_dose8(a), ok_dose8(b)));
            put8(out + o, _mm256_mul_ps(a, _mm256_fmadd_ps(a, vq, vl)), stream);
            put8(out + o + 8, _mm256_mul_ps(b, _mm256_fmadd_ps(b, vq, vl)), stream);
        }
    return _mm256_movemask_ps(ok) == 0xFF;
}
#endif

/* Voxels before out is 64-byte aligned (0 when it cannot be): streamed stores
 * must fill whole cache lines, or the write-combining buffers flush half lines. */
static size_t align_head(const float *out, size_t count)
{
    uintptr_t a = (uintptr_t)out;
    if (a % sizeof(float) != 0) return 0;
    size_t h = ((64 - a % 64) % 64) / sizeof(float);
    return h < count ? h : count;
}

/* ---- constant alpha/beta: out = d (d q + l) ---------------------------------------- */

static void eqd_scalar(const float *in, size_t n, float q, float l, float *out)
{
    for (size_t i = 0; i < n; i++) {
        float d = in[i];
        out[i] = d * (d * q + l);
    }
}

#if LDRT_X86
static void eqd_sse2(const float *in, size_t n, float q, float l, float *out)
{
    const __m128 vq = _mm_set1_ps(q), vl = _mm_set1_ps(l);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128 a = _mm_loadu_ps(in + i), b = _mm_loadu_ps(in + i + 4);
        _mm_storeu_ps(out + i, _mm_mul_ps(a, _mm_add_ps(_mm_mul_ps(a, vq), vl)));
        _mm_storeu_ps(out + i + 4, _mm_mul_ps(b, _mm_add_ps(_mm_mul_ps(b, vq), vl)));
    }
    eqd_scalar(in + i, n - i, q, l, out + i);
}
#endif

static void store_fence(int isa, int stream)
{
#if LDRT_X86
    if (stream && isa >= LDRT__ISA_AVX2)
        _mm_sfence();
#endif
    (void)isa;
    (void)stream;
}

static int check_grid_args(const void *in, size_t count, double fractions, const void *out)
{
    if (count > 0) {
        if (in == NULL) return ldrt__error(LDRT_EINVAL, "dose_gy: must not be NULL");
        if (out == NULL) return ldrt__error(LDRT_EINVAL, "out_gy: must not be NULL");
    }
    LDRT__CHECK_POS("fractions", fractions);
    return LDRT_OK;
}

static int bad_dose_error(const char *name, size_t index, double v)
{
    return ldrt__error(LDRT_EINVAL, "%s[%zu]: must be finite and >= 0 (got %g)", name, index, v);
}

/* ---- the driver loop, written once -------------------------------------------------------
 *
 * Every grid kernel runs the same loop: an unaligned head converted with the
 * plain loops (so that the streamed stores of the blocks fill whole cache
 * lines), AVX2 blocks of BLOCK voxels with the stores streamed beyond the
 * cache, the rest block by block with the plain loops of the level, and a
 * store fence after streamed stores. A kernel plugs in its pieces. */
struct kern {
    const float *in, *ab;         /* doses; per-voxel alpha/beta */
    const uint8_t *lab;           /* labels */
    const float *const *grids;    /* courses */
    size_t courses;
    const float *qt, *lt;         /* per-label or per-course constants */
    size_t table_len;
    float q, l, inv_n;
    float *out;
    int inplace;
    /* Checks [off, off + len), then converts it with the loops of level isa. */
    int (*run)(const struct kern *k, int isa, size_t off, size_t len);
    /* AVX2: the block at start, prefetching pfo voxels ahead; 0 when it holds
     * a bad value (fused: checked while converted, else checked first). */
    int (*block)(const struct kern *k, size_t start, size_t pfo, int fused, int stream);
    /* The error of the block at start, known to hold a bad value. */
    int (*error)(const struct kern *k, size_t start, size_t len);
};

#if LDRT_X86
#  define KBLOCK(f) (f)
#else
#  define KBLOCK(f) NULL
#endif

static int drive(const struct kern *k, size_t count)
{
    const int isa = ldrt__dose_isa();
    size_t start = 0;
    int rc;
#if LDRT_X86
    if (isa >= LDRT__ISA_AVX2 && count >= 2 * BLOCK) {
        size_t head = k->inplace ? 0 : align_head(k->out, count);
        const int stream = !k->inplace && count * sizeof(float) >= STREAM_MIN_BYTES &&
                           ((uintptr_t)(k->out + head) % 64) == 0;
        if ((rc = k->run(k, isa, 0, head)) != LDRT_OK) return rc;
        for (start = head; start + BLOCK <= count; start += BLOCK) {
            size_t pfo = start + (PF_BLOCKS + 1) * BLOCK <= count ? PF_BLOCKS * BLOCK : 0;
            if (!k->block(k, start, pfo, !k->inplace, stream)) {
                store_fence(isa, stream);
                return k->error(k, start, BLOCK);
            }
        }
        store_fence(isa, stream);
    }
#endif
    for (; start < count; start += BLOCK)
        if ((rc = k->run(k, isa, start, count - start < BLOCK ? count - start : BLOCK)) != LDRT_OK)
            return rc;
    return LDRT_OK;
}

int ldrt_dose_check_f32(const float *dose_gy, size_t count)
{
    if (count == 0) return LDRT_OK;
    LDRT__CHECK_NOT_NULL(dose_gy);
    const int isa = ldrt__dose_isa();
    size_t start = 0;
#if LDRT_X86
    if (isa >= LDRT__ISA_AVX2)
        for (; start + BLOCK <= count; start += BLOCK) {
            const float *in = dose_gy + start;
            const float *pf = start + (PF_BLOCKS + 1) * BLOCK <= count ? in + PF_BLOCKS * BLOCK : in;
            if (!check_block_avx2(in, pf)) break; /* the scan below finds the index */
        }
#endif
    size_t bad = first_bad(isa, dose_gy + start, count - start, 0.0f);
    if (start + bad < count)
        return bad_dose_error("dose_gy", start + bad, dose_gy[start + bad]);
    return LDRT_OK;
}

#if LDRT_X86
/* The AVX2 heads and tails round exactly as the vector blocks do (one fma). */
AVX2_FN static void eqd_tail_avx2(const float *in, size_t n, float q, float l, float *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = in[i] * fmaf(in[i], q, l);
}
#endif

/* Checks then converts a short run (head or tail) with the plain loops. */
static int eqd_run(int isa, const float *in, size_t off, size_t len, float q, float l, float *out)
{
    size_t bad = first_bad(isa, in + off, len, 0.0f);
    if (bad < len) return bad_dose_error("dose_gy", off + bad, in[off + bad]);
#if LDRT_X86
    if (isa >= LDRT__ISA_AVX2) {
        eqd_tail_avx2(in + off, len, q, l, out + off);
        return LDRT_OK;
    }
    if (isa >= LDRT__ISA_SSE2) {
        eqd_sse2(in + off, len, q, l, out + off);
        return LDRT_OK;
    }
#endif
    eqd_scalar(in + off, len, q, l, out + off);
    return LDRT_OK;
}

static int eqd_run_k(const struct kern *k, int isa, size_t off, size_t len)
{
    return eqd_run(isa, k->in, off, len, k->q, k->l, k->out);
}

#if LDRT_X86
static int eqd_block_k(const struct kern *k, size_t start, size_t pfo, int fused, int stream)
{
    return eqd_block_avx2(k->in + start, k->in + start + pfo, k->q, k->l, k->out + start, fused,
                          stream);
}
#endif

static int eqd_error_k(const struct kern *k, size_t start, size_t len)
{
    size_t bad = first_bad_scalar(k->in + start, len, 0.0f);
    return bad_dose_error("dose_gy", start + bad, k->in[start + bad]);
}

int ldrt_lq_eqd_f32(const float *dose_gy, size_t count, double fractions, double alpha_beta_gy,
                    double ref_dose_per_fraction_gy, float *out_gy)
{
    int rc = check_grid_args(dose_gy, count, fractions, out_gy);
    if (rc) return rc;
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_DOSE("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    const float q = (float)(1.0 / (fractions * (ref_dose_per_fraction_gy + alpha_beta_gy)));
    const float l = (float)(alpha_beta_gy / (ref_dose_per_fraction_gy + alpha_beta_gy));
    struct kern k = { .in = dose_gy, .q = q, .l = l, .out = out_gy,
                      .inplace = (const void *)dose_gy == (void *)out_gy,
                      .run = eqd_run_k, .block = KBLOCK(eqd_block_k), .error = eqd_error_k };
    return drive(&k, count);
}

int ldrt_lq_eqd2_f32(const float *dose_gy, size_t count, double fractions, double alpha_beta_gy,
                     float *out_gy)
{
    return ldrt_lq_eqd_f32(dose_gy, count, fractions, alpha_beta_gy, 2.0, out_gy);
}

/* ---- double grids ---------------------------------------------------------------------- */

int ldrt_lq_eqd_f64(const double *dose_gy, size_t count, double fractions, double alpha_beta_gy,
                    double ref_dose_per_fraction_gy, double *out_gy)
{
    int rc = check_grid_args(dose_gy, count, fractions, out_gy);
    if (rc) return rc;
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_DOSE("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    const double q = 1.0 / (fractions * (ref_dose_per_fraction_gy + alpha_beta_gy));
    const double l = alpha_beta_gy / (ref_dose_per_fraction_gy + alpha_beta_gy);
    for (size_t start = 0; start < count; start += BLOCK) {
        size_t len = count - start < BLOCK ? count - start : BLOCK;
        const double *in = dose_gy + start;
        double *out = out_gy + start;
        for (size_t i = 0; i < len; i++)
            if (!(in[i] >= 0.0 && in[i] <= DBL_MAX))
                return bad_dose_error("dose_gy", start + i, in[i]);
        size_t i = 0;
#if LDRT_X86
        const __m128d vq = _mm_set1_pd(q), vl = _mm_set1_pd(l);
        for (; i + 2 <= len; i += 2) {
            __m128d a = _mm_loadu_pd(in + i);
            _mm_storeu_pd(out + i, _mm_mul_pd(a, _mm_add_pd(_mm_mul_pd(a, vq), vl)));
        }
#endif
        for (; i < len; i++)
            out[i] = in[i] * (in[i] * q + l);
    }
    return LDRT_OK;
}

int ldrt_lq_eqd2_f64(const double *dose_gy, size_t count, double fractions, double alpha_beta_gy,
                     double *out_gy)
{
    return ldrt_lq_eqd_f64(dose_gy, count, fractions, alpha_beta_gy, 2.0, out_gy);
}

/* ---- per-voxel alpha/beta: out = d (d/n + ab) / (2 + ab) ----------------------------- */

static void vab_scalar(const float *in, const float *ab, size_t n, float inv_n, float *out)
{
    for (size_t i = 0; i < n; i++) {
        float d = in[i], a = ab[i];
        out[i] = d * (d * inv_n + a) / (2.0f + a);
    }
}

#if LDRT_X86
static void vab_sse2(const float *in, const float *ab, size_t n, float inv_n, float *out)
{
    const __m128 vn = _mm_set1_ps(inv_n), two = _mm_set1_ps(2.0f);
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m128 d = _mm_loadu_ps(in + i), a = _mm_loadu_ps(ab + i);
        __m128 num = _mm_mul_ps(d, _mm_add_ps(_mm_mul_ps(d, vn), a));
        _mm_storeu_ps(out + i, _mm_div_ps(num, _mm_add_ps(two, a)));
    }
    vab_scalar(in + i, ab + i, n - i, inv_n, out + i);
}

/* 1/(2 + ab) by the approximate reciprocal and one Newton step,
 * r = r0 (2 - x r0): within about 2 ulp of the quotient, and no divider in
 * the loop (a division per 8 voxels made the per-voxel kernel
 * compute-bound). The AVX2 tails compute exactly the same steps. */
AVX2_FN static inline __m256 vab8(__m256 d, __m256 a, __m256 vn)
{
    const __m256 two = _mm256_set1_ps(2.0f);
    __m256 x = _mm256_add_ps(two, a);
    __m256 r0 = _mm256_rcp_ps(x);
    __m256 r = _mm256_mul_ps(r0, _mm256_fnmadd_ps(x, r0, two));
    return _mm256_mul_ps(_mm256_mul_ps(d, _mm256_fmadd_ps(d, vn, a)), r);
}

/* The per-voxel kernel reads two arrays: already two streams, and more
 * interleaved streams made it slower (measured: 1 stream 1.5 x the streaming
 * copy, 4 streams 2.4 x). */
#ifndef VAB_NSTREAM
#define VAB_NSTREAM 1
#endif
#define VAB_SLEN (BLOCK / VAB_NSTREAM)

AVX2_FN static int vab_block_avx2(const float *in, const float *ab, size_t pfo, float inv_n,
                                  float *out, int fused, int stream)
{
    const __m256 vn = _mm256_set1_ps(inv_n);
    __m256 ok = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
    for (size_t j = 0; j < VAB_SLEN; j += 16)
        for (size_t s = 0; s < VAB_NSTREAM; s++) {
            size_t o = s * VAB_SLEN + j;
            PREFETCH(in + pfo + o);
            PREFETCH(ab + pfo + o);
            __m256 a = _mm256_loadu_ps(in + o), b = _mm256_loadu_ps(in + o + 8);
            __m256 x = _mm256_loadu_ps(ab + o), y = _mm256_loadu_ps(ab + o + 8);
            ok = _mm256_and_ps(ok, _mm256_and_ps(_mm256_and_ps(ok_dose8(a), ok_dose8(b)),
                                                 _mm256_and_ps(ok_ab8(x), ok_ab8(y))));
            if (fused) {
                put8(out + o, vab8(a, x, vn), stream);
                put8(out + o + 8, vab8(b, y, vn), stream);
            }
        }
    if (_mm256_movemask_ps(ok) != 0xFF) return 0;
    if (!fused)
        for (size_t j = 0; j < BLOCK; j += 8)
            put8(out + j, vab8(_mm256_loadu_ps(in + j), _mm256_loadu_ps(ab + j), vn), stream);
    return 1;
}
#endif

static int vab_error(int isa, const float *in, const float *ab, size_t off, size_t len)
{
    size_t bad = first_bad(isa, in + off, len, 0.0f);
    size_t bad_ab = first_bad(isa, ab + off, len, 1.0f);
    if (bad < len && bad <= bad_ab)
        return bad_dose_error("dose_gy", off + bad, in[off + bad]);
    if (bad_ab < len)
        return ldrt__error(LDRT_EINVAL, "alpha_beta_gy[%zu]: must be finite and > 0 (got %g)",
                           off + bad_ab, (double)ab[off + bad_ab]);
    return LDRT_OK;
}

#if LDRT_X86
AVX2_FN static void vab_tail_avx2(const float *in, const float *ab, size_t n, float inv_n,
                                  float *out)
{
    for (size_t i = 0; i < n; i++) {
        float x = 2.0f + ab[i];
        float r0 = _mm_cvtss_f32(_mm_rcp_ss(_mm_set_ss(x)));
        float r = r0 * fmaf(-x, r0, 2.0f);
        out[i] = (in[i] * fmaf(in[i], inv_n, ab[i])) * r;
    }
}
#endif

static int vab_run(int isa, const float *in, const float *ab, size_t off, size_t len, float inv_n,
                   float *out)
{
    int rc = vab_error(isa, in, ab, off, len);
    if (rc) return rc;
#if LDRT_X86
    if (isa >= LDRT__ISA_AVX2) {
        vab_tail_avx2(in + off, ab + off, len, inv_n, out + off);
        return LDRT_OK;
    }
    if (isa >= LDRT__ISA_SSE2) {
        vab_sse2(in + off, ab + off, len, inv_n, out + off);
        return LDRT_OK;
    }
#endif
    vab_scalar(in + off, ab + off, len, inv_n, out + off);
    return LDRT_OK;
}

static int vab_run_k(const struct kern *k, int isa, size_t off, size_t len)
{
    return vab_run(isa, k->in, k->ab, off, len, k->inv_n, k->out);
}

#if LDRT_X86
static int vab_block_k(const struct kern *k, size_t start, size_t pfo, int fused, int stream)
{
    return vab_block_avx2(k->in + start, k->ab + start, pfo, k->inv_n, k->out + start, fused,
                          stream);
}
#endif

static int vab_error_k(const struct kern *k, size_t start, size_t len)
{
    return vab_error(LDRT__ISA_SCALAR, k->in, k->ab, start, len);
}

int ldrt_lq_eqd2_f32_voxel_ab(const float *dose_gy, const float *alpha_beta_gy, size_t count,
                              double fractions, float *out_gy)
{
    int rc = check_grid_args(dose_gy, count, fractions, out_gy);
    if (rc) return rc;
    if (count > 0 && alpha_beta_gy == NULL)
        return ldrt__error(LDRT_EINVAL, "alpha_beta_gy: must not be NULL");
    const float inv_n = (float)(1.0 / fractions);
    struct kern k = { .in = dose_gy, .ab = alpha_beta_gy, .inv_n = inv_n, .out = out_gy,
                      .inplace = (const void *)dose_gy == (void *)out_gy ||
                                 (const void *)alpha_beta_gy == (void *)out_gy,
                      .run = vab_run_k, .block = KBLOCK(vab_block_k), .error = vab_error_k };
    return drive(&k, count);
}

/* ---- label + lookup table ---------------------------------------------------------------- */

static void lab_scalar(const float *in, const uint8_t *lab, size_t n, const float *qt,
                       const float *lt, float *out)
{
    for (size_t i = 0; i < n; i++) {
        float d = in[i];
        out[i] = d * (d * qt[lab[i]] + lt[lab[i]]);
    }
}

#if LDRT_X86
/* Up to 8 labels: the table lives in two registers (permutevar); else gathers. */
AVX2_FN static inline __m256 lab8(__m256 d, __m128i b8, const float *qt, const float *lt,
                                  __m256 qv, __m256 lv, int small)
{
    __m256i idx = _mm256_cvtepu8_epi32(b8);
    __m256 q, l;
    if (small) {
        q = _mm256_permutevar8x32_ps(qv, idx);
        l = _mm256_permutevar8x32_ps(lv, idx);
    } else {
        q = _mm256_i32gather_ps(qt, idx, 4);
        l = _mm256_i32gather_ps(lt, idx, 4);
    }
    return _mm256_mul_ps(d, _mm256_fmadd_ps(d, q, l));
}

AVX2_FN static int lab_block_avx2(const float *in, const uint8_t *lab, size_t pfo, const float *qt,
                                  const float *lt, unsigned table_len, float *out, int fused,
                                  int stream)
{
    const __m256 qv = _mm256_loadu_ps(qt), lv = _mm256_loadu_ps(lt);
    const int small = table_len <= 8;
    __m256 ok = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
    __m128i mx = _mm_setzero_si128();
    for (size_t j = 0; j < SLEN; j += 16)
        for (size_t s = 0; s < NSTREAM; s++) {
            size_t o = s * SLEN + j;
            PREFETCH(in + pfo + o);
            if (j % 64 == 0) PREFETCH(lab + pfo + o);
            __m256 a = _mm256_loadu_ps(in + o), b = _mm256_loadu_ps(in + o + 8);
            __m128i l16 = _mm_loadu_si128((const __m128i *)(lab + o));
            ok = _mm256_and_ps(ok, _mm256_and_ps(ok_dose8(a), ok_dose8(b)));
            mx = _mm_max_epu8(mx, l16);
            if (fused) {
                put8(out + o, lab8(a, l16, qt, lt, qv, lv, small), stream);
                put8(out + o + 8, lab8(b, _mm_srli_si128(l16, 8), qt, lt, qv, lv, small), stream);
            }
        }
    if (_mm256_movemask_ps(ok) != 0xFF) return 0;
    if (table_len < 256) {
        /* every byte < table_len  <=>  max(bytes) <= table_len - 1 */
        __m128i lim = _mm_set1_epi8((char)(table_len - 1));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(mx, lim), lim)) != 0xFFFF) return 0;
    }
    if (!fused)
        for (size_t j = 0; j < BLOCK; j += 8) {
            int64_t w;
            memcpy(&w, lab + j, 8);
            put8(out + j, lab8(_mm256_loadu_ps(in + j), _mm_cvtsi64_si128(w), qt, lt, qv, lv, small),
                 stream);
        }
    return 1;
}
#endif

#if LDRT_X86
AVX2_FN static void lab_tail_avx2(const float *in, const uint8_t *lab, size_t n, const float *qt,
                                  const float *lt, float *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = in[i] * fmaf(in[i], qt[lab[i]], lt[lab[i]]);
}
#endif

/* Converts a checked run with the loop of the level. */
static void lab_conv(int isa, const float *in, const uint8_t *lab, size_t n, const float *qt,
                     const float *lt, float *out)
{
#if LDRT_X86
    if (isa >= LDRT__ISA_AVX2) {
        lab_tail_avx2(in, lab, n, qt, lt, out);
        return;
    }
#endif
    (void)isa;
    lab_scalar(in, lab, n, qt, lt, out);
}

static int lab_error(int isa, const float *in, const uint8_t *lab, size_t off, size_t len,
                     size_t table_len)
{
    size_t bad = first_bad(isa, in + off, len, 0.0f), bad_lab = len;
    for (size_t i = 0; i < len; i++)
        if (lab[off + i] >= table_len) {
            bad_lab = i;
            break;
        }
    if (bad < len && bad <= bad_lab)
        return bad_dose_error("dose_gy", off + bad, in[off + bad]);
    if (bad_lab < len)
        return ldrt__error(LDRT_EINVAL, "labels[%zu]: %u is not an index of table_gy "
                           "(table_len %zu)", off + bad_lab, lab[off + bad_lab], table_len);
    return LDRT_OK;
}

static int lab_run_k(const struct kern *k, int isa, size_t off, size_t len)
{
    int rc = lab_error(isa, k->in, k->lab, off, len, k->table_len);
    if (rc == LDRT_OK) lab_conv(isa, k->in + off, k->lab + off, len, k->qt, k->lt, k->out + off);
    return rc;
}

#if LDRT_X86
static int lab_block_k(const struct kern *k, size_t start, size_t pfo, int fused, int stream)
{
    return lab_block_avx2(k->in + start, k->lab + start, pfo, k->qt, k->lt,
                          (unsigned)k->table_len, k->out + start, fused, stream);
}
#endif

static int lab_error_k(const struct kern *k, size_t start, size_t len)
{
    return lab_error(LDRT__ISA_SCALAR, k->in, k->lab, start, len, k->table_len);
}

int ldrt_lq_eqd2_f32_labels(const float *dose_gy, const uint8_t *labels, size_t count,
                            double fractions, const double *table_gy, size_t table_len,
                            float *out_gy)
{
    int rc = check_grid_args(dose_gy, count, fractions, out_gy);
    if (rc) return rc;
    if (count > 0 && labels == NULL)
        return ldrt__error(LDRT_EINVAL, "labels: must not be NULL");
    LDRT__CHECK_NOT_NULL(table_gy);
    if (table_len < 1 || table_len > 256)
        return ldrt__error(LDRT_EINVAL, "table_len: must be 1 to 256 (got %zu)", table_len);
    float qt[256], lt[256];
    for (size_t k = 0; k < 256; k++) {
        if (k < table_len) {
            double ab = table_gy[k];
            if (!(isfinite(ab) && ab > 0.0))
                return ldrt__error(LDRT_EINVAL, "table_gy[%zu]: must be finite and > 0 (got %g)",
                                   k, ab);
            qt[k] = (float)(1.0 / (fractions * (2.0 + ab)));
            lt[k] = (float)(ab / (2.0 + ab));
        } else {
            qt[k] = lt[k] = 0.0f; /* never used: labels are checked */
        }
    }
    struct kern k = { .in = dose_gy, .lab = labels, .qt = qt, .lt = lt, .table_len = table_len,
                      .out = out_gy,
                      .inplace = (const void *)dose_gy == (void *)out_gy ||
                                 (const void *)labels == (void *)out_gy,
                      .run = lab_run_k, .block = KBLOCK(lab_block_k), .error = lab_error_k };
    return drive(&k, count);
}

/* ---- several courses in one pass ----------------------------------------------------------- */

#define MAX_COURSES 64

static void sum_scalar(const float *const *in, size_t k, size_t off, size_t n, const float *q,
                       const float *l, float *out)
{
    for (size_t i = 0; i < n; i++) {
        float acc = 0.0f;
        for (size_t c = 0; c < k; c++) {
            float d = in[c][off + i];
            acc += d * (d * q[c] + l[c]);
        }
        out[off + i] = acc;
    }
}

#if LDRT_X86
static void sum_sse2(const float *const *in, size_t k, size_t off, size_t n, const float *q,
                     const float *l, float *out)
{
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m128 acc = _mm_setzero_ps();
        for (size_t c = 0; c < k; c++) {
            __m128 d = _mm_loadu_ps(in[c] + off + i);
            acc = _mm_add_ps(acc, _mm_mul_ps(d, _mm_add_ps(_mm_mul_ps(d, _mm_set1_ps(q[c])),
                                                           _mm_set1_ps(l[c]))));
        }
        _mm_storeu_ps(out + off + i, acc);
    }
    sum_scalar(in, k, off + i, n - i, q, l, out);
}

/* Several courses: each grid is already a stream of its own (see the
 * per-voxel kernel). */
#ifndef SUM_NSTREAM
#define SUM_NSTREAM 1
#endif
#define SUM_SLEN (BLOCK / SUM_NSTREAM)

AVX2_FN static int sum_block_avx2(const float *const *in, size_t k, size_t off, size_t pfo,
                                  const float *q, const float *l, float *out, int fused,
                                  int stream)
{
    __m256 ok = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
    for (size_t j = 0; j < SUM_SLEN; j += 8)
        for (size_t s = 0; s < SUM_NSTREAM; s++) {
            size_t o = off + s * SUM_SLEN + j;
            __m256 acc = _mm256_setzero_ps();
            for (size_t c = 0; c < k; c++) {
                if (j % 16 == 0) PREFETCH(in[c] + pfo + o);
                __m256 d = _mm256_loadu_ps(in[c] + o);
                ok = _mm256_and_ps(ok, ok_dose8(d));
                acc = _mm256_fmadd_ps(d, _mm256_fmadd_ps(d, _mm256_set1_ps(q[c]),
                                                         _mm256_set1_ps(l[c])), acc);
            }
            if (fused) put8(out + o, acc, stream);
        }
    if (_mm256_movemask_ps(ok) != 0xFF) return 0;
    if (!fused)
        for (size_t j = 0; j < BLOCK; j += 8) {
            __m256 acc = _mm256_setzero_ps();
            for (size_t c = 0; c < k; c++) {
                __m256 d = _mm256_loadu_ps(in[c] + off + j);
                acc = _mm256_fmadd_ps(d, _mm256_fmadd_ps(d, _mm256_set1_ps(q[c]),
                                                         _mm256_set1_ps(l[c])), acc);
            }
            put8(out + off + j, acc, stream);
        }
    return 1;
}
#endif

static int sum_error(int isa, const float *const *in, size_t k, size_t off, size_t len)
{
    for (size_t c = 0; c < k; c++) {
        size_t bad = first_bad(isa, in[c] + off, len, 0.0f);
        if (bad < len)
            return ldrt__error(LDRT_EINVAL, "doses_gy[%zu][%zu]: must be finite and >= 0 "
                               "(got %g)", c, off + bad, (double)in[c][off + bad]);
    }
    return LDRT_OK;
}

#if LDRT_X86
AVX2_FN static void sum_tail_avx2(const float *const *in, size_t k, size_t off, size_t n,
                                  const float *q, const float *l, float *out)
{
    for (size_t i = off; i < off + n; i++) {
        float acc = 0.0f;
        for (size_t c = 0; c < k; c++)
            acc = fmaf(in[c][i], fmaf(in[c][i], q[c], l[c]), acc);
        out[i] = acc;
    }
}
#endif

static int sum_run(int isa, const float *const *in, size_t k, size_t off, size_t len,
                   const float *q, const float *l, float *out)
{
    int rc = sum_error(isa, in, k, off, len);
    if (rc) return rc;
#if LDRT_X86
    if (isa >= LDRT__ISA_AVX2) {
        sum_tail_avx2(in, k, off, len, q, l, out);
        return LDRT_OK;
    }
    if (isa >= LDRT__ISA_SSE2) {
        sum_sse2(in, k, off, len, q, l, out);
        return LDRT_OK;
    }
#endif
    sum_scalar(in, k, off, len, q, l, out);
    return LDRT_OK;
}

static int sum_run_k(const struct kern *k, int isa, size_t off, size_t len)
{
    return sum_run(isa, k->grids, k->courses, off, len, k->qt, k->lt, k->out);
}

#if LDRT_X86
static int sum_block_k(const struct kern *k, size_t start, size_t pfo, int fused, int stream)
{
    return sum_block_avx2(k->grids, k->courses, start, pfo, k->qt, k->lt, k->out, fused, stream);
}
#endif

static int sum_error_k(const struct kern *k, size_t start, size_t len)
{
    return sum_error(LDRT__ISA_SCALAR, k->grids, k->courses, start, len);
}

int ldrt_lq_eqd2_sum_f32(const float *const *doses_gy, const double *fractions,
                         const double *weights, size_t courses, size_t count,
                         double alpha_beta_gy, float *out_gy)
{
    LDRT__CHECK_NOT_NULL(doses_gy);
    LDRT__CHECK_NOT_NULL(fractions);
    if (courses < 1 || courses > MAX_COURSES)
        return ldrt__error(LDRT_EINVAL, "courses: must be 1 to %d (got %zu)", MAX_COURSES,
                           courses);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    if (count > 0 && out_gy == NULL)
        return ldrt__error(LDRT_EINVAL, "out_gy: must not be NULL");
    float q[MAX_COURSES], l[MAX_COURSES];
    int inplace = 0;
    for (size_t c = 0; c < courses; c++) {
        if (count > 0 && doses_gy[c] == NULL)
            return ldrt__error(LDRT_EINVAL, "doses_gy[%zu]: must not be NULL", c);
        if (!(isfinite(fractions[c]) && fractions[c] > 0.0))
            return ldrt__error(LDRT_EINVAL, "fractions[%zu]: must be finite and > 0 (got %g)", c,
                               fractions[c]);
        double w = weights ? weights[c] : 1.0;
        if (!(isfinite(w) && w >= 0.0))
            return ldrt__error(LDRT_EINVAL, "weights[%zu]: must be finite and >= 0 (got %g)", c,
                               w);
        q[c] = (float)(w / (fractions[c] * (2.0 + alpha_beta_gy)));
        l[c] = (float)(w * alpha_beta_gy / (2.0 + alpha_beta_gy));
        inplace |= (const void *)doses_gy[c] == (void *)out_gy;
    }
    struct kern k = { .grids = doses_gy, .courses = courses, .qt = q, .lt = l, .out = out_gy,
                      .inplace = inplace,
                      .run = sum_run_k, .block = KBLOCK(sum_block_k), .error = sum_error_k };
    return drive(&k, count);
}
