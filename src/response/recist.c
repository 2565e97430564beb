/*
 * RECIST 1.1 time-point responses from lesion measurements: the array
 * engine shared by the cohort entry point and the per-patient assessment.
 *
 * Source of every rule: Eisenhauer et al., EJC 2009;45:228-247 (RECIST 1.1),
 * sections 4.3-4.4 and Tables 1-2, with the EORTC RECIST FAQ.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "response_internal.h"

#define MAX_LESION (1 << 20)

/* Which states a role may take (bit per ::ldrt_lesion_state). */
static const unsigned allowed_states[7] = {
    [LDRT_ROLE_TARGET] = 1u << LDRT_STATE_PRESENT | 1u << LDRT_STATE_ABSENT |
                         1u << LDRT_STATE_TOO_SMALL | 1u << LDRT_STATE_NOT_EVALUATED,
    [LDRT_ROLE_NON_TARGET] = 1u << LDRT_STATE_PRESENT | 1u << LDRT_STATE_ABSENT |
                             1u << LDRT_STATE_TOO_SMALL | 1u << LDRT_STATE_NOT_EVALUATED |
                             1u << LDRT_STATE_PROGRESSION | 1u << LDRT_STATE_INCREASED,
    [LDRT_ROLE_NEW] = 0x7fu,
    [LDRT_ROLE_NEW_TARGET] = 1u << LDRT_STATE_PRESENT | 1u << LDRT_STATE_ABSENT |
                             1u << LDRT_STATE_TOO_SMALL | 1u << LDRT_STATE_NOT_EVALUATED |
                             1u << LDRT_STATE_EQUIVOCAL,
    [LDRT_ROLE_REFERENCE] = 1u << LDRT_STATE_PRESENT | 1u << LDRT_STATE_NOT_EVALUATED,
    [LDRT_ROLE_BLOOD_POOL] = 1u << LDRT_STATE_PRESENT | 1u << LDRT_STATE_NOT_EVALUATED,
};

static const char *role_word(int r)
{
    switch (r) {
    case LDRT_ROLE_TARGET: return "target";
    case LDRT_ROLE_NON_TARGET: return "non-target";
    default: return "new";
    }
}

/* Allowed states by role byte (role | nodal flag), for the fast check. */
static const uint8_t allowed_by_byte[256] = {
    [LDRT_ROLE_TARGET] = 0x0f, [LDRT_ROLE_TARGET | LDRT_ROLE_NODAL] = 0x0f,
    [LDRT_ROLE_NON_TARGET] = 0x3f, [LDRT_ROLE_NON_TARGET | LDRT_ROLE_NODAL] = 0x3f,
    [LDRT_ROLE_NEW] = 0x7f, [LDRT_ROLE_NEW | LDRT_ROLE_NODAL] = 0x7f,
    [LDRT_ROLE_NEW_TARGET] = 0x4f, [LDRT_ROLE_NEW_TARGET | LDRT_ROLE_NODAL] = 0x4f,
    [LDRT_ROLE_REFERENCE] = 0x09, [LDRT_ROLE_REFERENCE | LDRT_ROLE_NODAL] = 0x09,
    [LDRT_ROLE_BLOOD_POOL] = 0x09, [LDRT_ROLE_BLOOD_POOL | LDRT_ROLE_NODAL] = 0x09,
};

static inline int row_ok(uint8_t ro, uint8_t st, double v, int32_t l)
{
    unsigned okst = (allowed_by_byte[ro] >> (st & 7u)) & 1u & (st < 7u);
    unsigned okv = (st != LDRT_STATE_PRESENT) | (!(v < 0) & !(v > 1e7));
    return (int)(okst & okv & ((uint32_t)l < (uint32_t)MAX_LESION));
}

/* Every row on its own, in blocks of 16: a quick test that accepts the
 * common rows (targets in states 0-3, non-targets 0-5, new lesions 0-6,
 * values >= 0 and <= 1e7 or NaN, lesion < 2^20); a block it does not accept
 * is checked exactly row by row. Returns 0 when a row is invalid, else
 * ROWS_VALID, with ROWS_TARGETS too when every row is a target (nodal or
 * not). */
enum { ROWS_VALID = 1, ROWS_TARGETS = 2 };
static int rows_valid(int64_t n, const int32_t *lesion, const uint8_t *role, const uint8_t *state,
                      const double *value)
{
    int64_t i = 0;
    uint32_t lesion_bits = 0;
    unsigned targets = 1;
#if defined(__SSE2__)
    const __m128i m_ef = _mm_set1_epi8((char)~LDRT_ROLE_NODAL), one = _mm_set1_epi8(1),
                  two = _mm_set1_epi8(2), three = _mm_set1_epi8(3),
                  four = _mm_set1_epi8(4), five = _mm_set1_epi8(5), six = _mm_set1_epi8(6);
    const __m128d zero = _mm_setzero_pd(), top = _mm_set1_pd(1e7);
    __m128i lbits = _mm_setzero_si128(), all_t = _mm_set1_epi8(-1);
    for (; i + 16 <= n; i += 16) {
        __m128i r = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(role + i)), m_ef);
        __m128i st = _mm_loadu_si128((const __m128i *)(const void *)(state + i));
        __m128i is_t = _mm_or_si128(_mm_cmpeq_epi8(r, one), _mm_cmpeq_epi8(r, four));
        __m128i is_nt = _mm_cmpeq_epi8(r, two), is_new = _mm_cmpeq_epi8(r, three);
        all_t = _mm_and_si128(all_t, _mm_cmpeq_epi8(r, one));
        __m128i lim = _mm_or_si128(_mm_and_si128(is_t, three),
                                   _mm_or_si128(_mm_and_si128(is_nt, five),
                                                _mm_and_si128(is_new, six)));
        __m128i known = _mm_or_si128(is_t, _mm_or_si128(is_nt, is_new));
        __m128i st_ok = _mm_cmpeq_epi8(_mm_max_epu8(st, lim), lim);
        int good = _mm_movemask_epi8(_mm_and_si128(known, st_ok)) == 0xffff;
        __m128d vbad = _mm_setzero_pd();
        for (int k = 0; k < 16; k += 2) {
            __m128d v = _mm_loadu_pd(value + i + k);
            vbad = _mm_or_pd(vbad, _mm_or_pd(_mm_cmplt_pd(v, zero), _mm_cmpgt_pd(v, top)));
        }
        good &= _mm_movemask_pd(vbad) == 0;
        for (int k = 0; k < 16; k += 4)
            lbits = _mm_or_si128(lbits, _mm_loadu_si128((const __m128i *)(const void *)(lesion + i + k)));
        if (!good)
            for (int k = 0; k < 16; k++)
                if (!row_ok(role[i + k], state[i + k], value[i + k], lesion[i + k]))
                    return 0;
    }
    uint32_t lb[4];
    _mm_storeu_si128((__m128i *)(void *)lb, lbits);
    lesion_bits = lb[0] | lb[1] | lb[2] | lb[3];
    targets = _mm_movemask_epi8(all_t) == 0xffff;
#endif
    unsigned ok = (lesion_bits & ~(uint32_t)(MAX_LESION - 1)) == 0;
    for (; i < n; i++) {
        ok &= (unsigned)row_ok(role[i], state[i], value[i], lesion[i]);
        targets &= (role[i] & ~LDRT_ROLE_NODAL) == LDRT_ROLE_TARGET;
    }
    return !ok ? 0 : targets ? ROWS_VALID | ROWS_TARGETS : ROWS_VALID;
}

/* Whether rows [j, j + 8) repeat the rows nb before them: the same lesions,
 * the same roles (nodal flag aside). Role bytes by words, lesions by vectors. */
static inline unsigned same_as_before_8(int64_t j, int64_t nb, const int32_t *lesion,
                                        const uint8_t *role)
{
    const uint64_t mask = 0x0101010101010101ull * (uint8_t)~LDRT_ROLE_NODAL;
    uint64_t x, y;
    memcpy(&x, role + j, 8);
    memcpy(&y, role + j - nb, 8);
    unsigned ok = ((x ^ y) & mask) == 0;
#if defined(__SSE2__)
    __m128i a0 = _mm_loadu_si128((const __m128i *)(const void *)(lesion + j));
    __m128i a1 = _mm_loadu_si128((const __m128i *)(const void *)(lesion + j + 4));
    __m128i c0 = _mm_loadu_si128((const __m128i *)(const void *)(lesion + j - nb));
    __m128i c1 = _mm_loadu_si128((const __m128i *)(const void *)(lesion + j - nb + 4));
    ok &= _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi32(a0, c0), _mm_cmpeq_epi32(a1, c1))) == 0xffff;
#else
    for (int k = 0; k < 8; k++)
        ok &= lesion[j + k] == lesion[j + k - nb];
#endif
    return ok;
}

/* The common shape: at most 8 baseline rows, all targets or non-targets with
 * distinct lesions, and follow-ups that list the same lesions in the same
 * order with the same roles (rows already valid one by one). Returns whether
 * the patient has it. */
static int patient_shape_ok(int64_t t0, int64_t t1, const int64_t *tp_offsets,
                            const int32_t *lesion, const uint8_t *role)
{
    int64_t b0 = tp_offsets[t0], nb = tp_offsets[t0 + 1] - b0, end = tp_offsets[t1];
    if (nb > 8)
        return 0;
    unsigned ok = 1;
    /* Distinct baseline lesions: one bit each while they are below 64 (the
     * rows are valid, so lesions are >= 0), else pair by pair. */
    uint64_t seen = 0, dup = 0;
    uint32_t high = 0;
    for (int64_t i = b0; i < b0 + nb; i++) {
        unsigned r = role[i] & ~(unsigned)LDRT_ROLE_NODAL;
        ok &= (r == LDRT_ROLE_TARGET) | (r == LDRT_ROLE_NON_TARGET);
        uint64_t bit = 1ull << (lesion[i] & 63);
        dup |= seen & bit;
        seen |= bit;
        high |= (uint32_t)lesion[i] >> 6;
    }
    ok &= dup == 0;
    for (int64_t i = b0; high && i < b0 + nb; i++)
        for (int64_t j = b0; j < i; j++)
            ok &= lesion[j] != lesion[i];
    for (int64_t t = t0 + 1; t < t1; t++)
        ok &= tp_offsets[t + 1] - tp_offsets[t] == nb;
    if (!ok)
        return 0;
    int64_t j = b0 + nb;
    for (; j + 8 <= end; j += 8)
        ok &= same_as_before_8(j, nb, lesion, role);
    /* The rest: the last eight rows again when there are eight follow-up
     * rows, else row by row. */
    if (j < end && end - (b0 + nb) >= 8)
        ok &= same_as_before_8(end - 8, nb, lesion, role);
    else
        for (; j < end; j++)
            ok &= (lesion[j] == lesion[j - nb]) &
                  (((role[j] ^ role[j - nb]) & ~LDRT_ROLE_NODAL) == 0);
    return (int)ok;
}

/* Scratch of the detailed check: lesion -> baseline role, lesion -> last
 * time point seen (+1). Grown on demand. */
typedef struct {
    uint8_t *mark;
    int64_t *seen;
    size_t cap;
} scratch_t;

static int scratch_fit(scratch_t *s, int32_t max_lesion)
{
    size_t need = (size_t)max_lesion + 1;
    if (need <= s->cap)
        return LDRT_OK;
    uint8_t *m = ldrt__realloc(s->mark, need);
    if (!m)
        return LDRT_ENOMEM;
    s->mark = m;
    int64_t *q = ldrt__reallocarray(s->seen, need, sizeof *q);
    if (!q)
        return LDRT_ENOMEM;
    s->seen = q;
    memset(s->mark + s->cap, 0, need - s->cap);
    memset(s->seen + s->cap, 0, (need - s->cap) * sizeof *q);
    s->cap = need;
    return LDRT_OK;
}

/* Detailed check of one patient: names the first bad row. */
static int patient_check(size_t p, int64_t t0, int64_t t1, const int64_t *tp_offsets,
                         const int32_t *lesion, const uint8_t *role, const uint8_t *state,
                         const double *value, scratch_t *sc)
{
    int32_t max_lesion = 0;
    for (int64_t i = tp_offsets[t0]; i < tp_offsets[t1]; i++) {
        unsigned r = role[i] & ~(unsigned)LDRT_ROLE_NODAL, s = state[i];
        if (!(r >= 1u && r <= 6u) || (role[i] & 0xe0u))
            return ldrt__error(LDRT_EINVAL, "role[%lld]: not a lesion role (got %u)",
                               (long long)i, role[i]);
        if (s >= 7u)
            return ldrt__error(LDRT_EINVAL, "state[%lld]: not a lesion state (got %u)",
                               (long long)i, s);
        if (!((allowed_states[r] >> s) & 1u))
            return ldrt__error(LDRT_EINVAL, "state[%lld]: state %u does not apply to a %s row",
                               (long long)i, s,
                               r == LDRT_ROLE_REFERENCE    ? "reference"
                               : r == LDRT_ROLE_BLOOD_POOL ? "blood-pool"
                                                           : role_word((int)r));
        if (lesion[i] < 0 || lesion[i] >= MAX_LESION)
            return ldrt__error(LDRT_EINVAL, "lesion[%lld]: must be from 0 to %d (got %d)",
                               (long long)i, MAX_LESION - 1, lesion[i]);
        if (s == LDRT_STATE_PRESENT && !isnan(value[i]) && !(value[i] >= 0 && value[i] <= 1e7))
            return ldrt__error(LDRT_EINVAL, "value[%lld]: must be >= 0 and finite, or NaN (got %g)",
                               (long long)i, value[i]);
        if (lesion[i] > max_lesion)
            max_lesion = lesion[i];
    }
    int rc = scratch_fit(sc, max_lesion);
    if (rc != LDRT_OK)
        return rc;
    uint8_t *mark = sc->mark;
    int64_t *seen = sc->seen;
    for (int64_t t = t0; t < t1 && rc == LDRT_OK; t++) {
        int n_ref = 0, n_pool = 0;
        for (int64_t i = tp_offsets[t]; i < tp_offsets[t + 1]; i++) {
            int r = role[i] & ~LDRT_ROLE_NODAL;
            int32_t l = lesion[i];
            if (r == LDRT_ROLE_REFERENCE || r == LDRT_ROLE_BLOOD_POOL) {
                if (++*(r == LDRT_ROLE_REFERENCE ? &n_ref : &n_pool) > 1)
                    rc = ldrt__error(LDRT_EINVAL,
                                     "role[%lld]: a second %s row in time point %lld",
                                     (long long)i,
                                     r == LDRT_ROLE_REFERENCE ? "reference" : "blood-pool",
                                     (long long)(t - t0));
                if (rc != LDRT_OK)
                    break;
                continue;
            }
            if (seen[l] == t + 1) {
                rc = ldrt__error(LDRT_EINVAL,
                                 "lesion[%lld]: lesion %d appears twice in time point %lld of patient %zu",
                                 (long long)i, l, (long long)(t - t0), p);
                break;
            }
            seen[l] = t + 1;
            if (t == t0) {
                if (r == LDRT_ROLE_NEW || r == LDRT_ROLE_NEW_TARGET)
                    rc = ldrt__error(LDRT_EINVAL, "role[%lld]: a new lesion at baseline (patient %zu)",
                                     (long long)i, p);
                else
                    mark[l] = (uint8_t)r;
            } else if (r == LDRT_ROLE_TARGET || r == LDRT_ROLE_NON_TARGET) {
                if (mark[l] != r)
                    rc = ldrt__error(LDRT_EINVAL,
                                     "role[%lld]: lesion %d is a %s in time point %lld of patient %zu "
                                     "but %s at baseline",
                                     (long long)i, l, role_word(r), (long long)(t - t0), p,
                                     mark[l] ? (mark[l] == LDRT_ROLE_TARGET ? "a target"
                                                                            : "a non-target")
                                             : "absent");
            } else if (mark[l] != 0) {
                rc = ldrt__error(LDRT_EINVAL,
                                 "role[%lld]: lesion %d is new in time point %lld of patient %zu "
                                 "but was present at baseline",
                                 (long long)i, l, (long long)(t - t0), p);
            }
            if (rc != LDRT_OK)
                break;
        }
    }
    if (t1 > t0)
        for (int64_t i = tp_offsets[t0]; i < tp_offsets[t0 + 1]; i++)
            mark[lesion[i]] = 0;
    return rc;
}

/* The offsets and the array pointers. */
static int check_offsets(size_t n_patients, const int64_t *patient_offsets,
                         const int64_t *tp_offsets, const int32_t *lesion, const uint8_t *role,
                         const uint8_t *state, const double *value)
{
    LDRT__CHECK_NOT_NULL(patient_offsets);
    LDRT__CHECK_NOT_NULL(tp_offsets);
    if (patient_offsets[0] != 0)
        return ldrt__error(LDRT_EINVAL, "patient_offsets[0]: must be 0 (got %lld)",
                           (long long)patient_offsets[0]);
    for (size_t p = 0; p < n_patients; p++)
        if (patient_offsets[p + 1] < patient_offsets[p])
            return ldrt__error(LDRT_EINVAL, "patient_offsets[%zu]: must not decrease (%lld < %lld)",
                               p + 1, (long long)patient_offsets[p + 1],
                               (long long)patient_offsets[p]);
    int64_t n_tp = patient_offsets[n_patients];
    if (tp_offsets[0] != 0)
        return ldrt__error(LDRT_EINVAL, "tp_offsets[0]: must be 0 (got %lld)",
                           (long long)tp_offsets[0]);
    unsigned decreasing = 0;
    for (int64_t t = 0; t < n_tp; t++)
        decreasing |= tp_offsets[t + 1] < tp_offsets[t];
    for (int64_t t = 0; decreasing && t < n_tp; t++)
        if (tp_offsets[t + 1] < tp_offsets[t])
            return ldrt__error(LDRT_EINVAL, "tp_offsets[%lld]: must not decrease (%lld < %lld)",
                               (long long)(t + 1), (long long)tp_offsets[t + 1],
                               (long long)tp_offsets[t]);
    if (tp_offsets[n_tp] > 0) {
        LDRT__CHECK_NOT_NULL(lesion);
        LDRT__CHECK_NOT_NULL(role);
        LDRT__CHECK_NOT_NULL(state);
        LDRT__CHECK_NOT_NULL(value);
    }
    return LDRT_OK;
}

/* The rows of patients [p0, p1): each row, then each patient's shape. */
static int check_patients(size_t p0, size_t p1, const int64_t *patient_offsets,
                          const int64_t *tp_offsets, const int32_t *lesion, const uint8_t *role,
                          const uint8_t *state, const double *value, scratch_t *sc)
{
    int64_t r0 = tp_offsets[patient_offsets[p0]], r1 = tp_offsets[patient_offsets[p1]];
    /* No rows: the arrays may be NULL, and NULL + 0 is undefined in C. */
    int all_valid = r1 == r0 ||
                    rows_valid(r1 - r0, lesion + r0, role + r0, state + r0, value + r0);
    int rc = LDRT_OK;
    for (size_t p = p0; p < p1 && rc == LDRT_OK; p++) {
        int64_t t0 = patient_offsets[p], t1 = patient_offsets[p + 1];
        if (t1 == t0 || (all_valid && patient_shape_ok(t0, t1, tp_offsets, lesion, role)))
            continue;
        rc = patient_check(p, t0, t1, tp_offsets, lesion, role, state, value, sc);
    }
    return rc;
}

int ldrt__validate_rows(int criteria, size_t n_patients, const int64_t *patient_offsets,
                        const int64_t *tp_offsets, const int32_t *lesion, const uint8_t *role,
                        const uint8_t *state, const double *value)
{
    (void)criteria;
    int rc = check_offsets(n_patients, patient_offsets, tp_offsets, lesion, role, state, value);
    if (rc != LDRT_OK || n_patients == 0)
        return rc;
    scratch_t sc = { NULL, NULL, 0 };
    rc = check_patients(0, n_patients, patient_offsets, tp_offsets, lesion, role, state, value, &sc);
    ldrt__free(sc.mark);
    ldrt__free(sc.seen);
    return rc;
}

/* Overall response and rule by target (rows) and non-target (columns)
 * response: RECIST 1.1 Table 1 (targets) and Table 2 (non-target only, row
 * NONE). Index order: NONE, CR, PR, SD, PD, NE, NON-CR/NON-PD. Target PD,
 * non-target PD and new lesions are settled by the caller. */
enum { N_ = LDRT_RESPONSE_NONE, CR_ = LDRT_RESPONSE_CR, PR_ = LDRT_RESPONSE_PR,
       SD_ = LDRT_RESPONSE_SD, PD_ = LDRT_RESPONSE_PD, NE_ = LDRT_RESPONSE_NE,
       NN_ = LDRT_RESPONSE_NON_CR_NON_PD };
static const uint8_t overall_table[7][7] = {
    /*          NONE CR   PR   SD   PD   NE   NON */
    [N_]  = { NE_, CR_, NE_, NE_, PD_, NE_, NN_ },
    [CR_] = { CR_, CR_, PR_, PR_, PD_, PR_, PR_ },
    [PR_] = { PR_, PR_, PR_, PR_, PD_, PR_, PR_ },
    [SD_] = { SD_, SD_, SD_, SD_, PD_, SD_, SD_ },
    [PD_] = { PD_, PD_, PD_, PD_, PD_, PD_, PD_ },
    [NE_] = { NE_, NE_, NE_, NE_, PD_, NE_, NE_ },
    [NN_] = { NE_, NE_, NE_, NE_, PD_, NE_, NE_ },
};
enum { R_ND = LDRT_RULE_NO_BASELINE_DISEASE, R_NCR = LDRT_RULE_NON_TARGET_CR,
       R_NNE = LDRT_RULE_NON_TARGET_NE, R_NNON = LDRT_RULE_NON_TARGET_NON_CR,
       R_NPD = LDRT_RULE_NON_TARGET_PD, R_CR = LDRT_RULE_CR,
       R_CRP = LDRT_RULE_CR_NON_TARGET_PRESENT, R_CRNE = LDRT_RULE_CR_NON_TARGET_NE,
       R_PR = LDRT_RULE_TARGET_PR, R_SD = LDRT_RULE_TARGET_SD, R_TPD = LDRT_RULE_TARGET_PD,
       R_MISS = LDRT_RULE_TARGET_MISSING };
static const uint8_t rule_table[7][7] = {
    /*          NONE   CR     PR     SD     PD     NE      NON */
    [N_]  = { R_ND,  R_NCR, R_NNE, R_NNE, R_NPD, R_NNE,  R_NNON },
    [CR_] = { R_CR,  R_CR,  R_CRP, R_CRP, R_NPD, R_CRNE, R_CRP },
    [PR_] = { R_PR,  R_PR,  R_PR,  R_PR,  R_NPD, R_PR,   R_PR },
    [SD_] = { R_SD,  R_SD,  R_SD,  R_SD,  R_NPD, R_SD,   R_SD },
    [PD_] = { R_TPD, R_TPD, R_TPD, R_TPD, R_TPD, R_TPD,  R_TPD },
    [NE_] = { R_MISS, R_MISS, R_MISS, R_MISS, R_NPD, R_MISS, R_MISS },
    [NN_] = { R_MISS, R_MISS, R_MISS, R_MISS, R_NPD, R_MISS, R_MISS },
};

/* Overall response and rule from the target and non-target responses
 * (Tables 1 and 2) and new lesions. */
static inline void decide(int32_t tr, int32_t ntr, int tpd, int nt_pd, int new_yes,
                          int incomplete, int32_t *ov_out, int32_t *ru_out)
{
    int32_t ov = overall_table[tr][ntr], ru = rule_table[tr][ntr];
    ru = tr == LDRT_RESPONSE_NE && incomplete ? LDRT_RULE_BASELINE_INCOMPLETE : ru;
    int other_pd = tr != LDRT_RESPONSE_PD && ntr != LDRT_RESPONSE_PD;
    ru = tr == LDRT_RESPONSE_PD ? (tpd ? LDRT_RULE_TARGET_PD : LDRT_RULE_TARGET_REAPPEARED) : ru;
    ru = tr != LDRT_RESPONSE_PD && ntr == LDRT_RESPONSE_PD
             ? (nt_pd ? LDRT_RULE_NON_TARGET_PD : LDRT_RULE_NON_TARGET_REAPPEARED)
             : ru;
    ov = other_pd & new_yes ? LDRT_RESPONSE_PD : ov;
    ru = other_pd & new_yes ? LDRT_RULE_NEW_LESION : ru;
    *ov_out = ov;
    *ru_out = ru;
}

/* Counts a target row: returns its size in 0.01 mm, -1 when not evaluated. */
static inline int64_t target_size(uint8_t st, double v)
{
    if (st == LDRT_STATE_PRESENT)
        return isnan(v) ? -1 : ldrt__centi(v);
    if (st == LDRT_STATE_TOO_SMALL)
        return 500; /* RECIST 1.1: too small to measure -> default 5 mm */
    if (st == LDRT_STATE_ABSENT)
        return 0;
    return -1;
}

/* The common cohort shape, without a detail record: every time point lists
 * the same nb target lesions (validated: the baseline targets) and nothing
 * else. Same rules as the general kernel below, without the role switch;
 * nb is a constant in each instance so the row loop unrolls. Sizes are in
 * 0.01 mm; RECIST 1.1 section 4.3 and its notes give each threshold: too
 * small to measure counts 5 mm (500); a node under 10 mm short axis (1000)
 * is normal for CR; PD is a sum >= 120 % of the nadir and >= 5 mm above it
 * (10 sum >= 12 nadir, sum - nadir >= 500); PR is a sum <= 70 % of the
 * baseline (10 sum <= 7 base). */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif
/* A target size in 0.01 mm for targets_regular(): 0 unless has. The rows
 * are validated first, so a present, measured value lies in [0, 1e7] and
 * the plain conversion gives what ldrt__centi() gives, without its
 * saturation tests. */
static ALWAYS_INLINE int64_t centi_valid(int has, double v)
{
    return (int64_t)((has ? v : 0.0) * 100.0 + 0.5);
}

enum { CHECK_NONE, CHECK_SHAPE, CHECK_ROLES };
static ALWAYS_INLINE unsigned
targets_regular(size_t n_tp, int64_t b0, const int nb, const int check, const int64_t *tp,
                const int32_t *lesion, const uint8_t *role, const uint8_t *state,
                const double *value, int32_t *overall, int32_t *target, int32_t *non_target,
                double *sum_mm, int32_t *rule)
{
    int64_t base = 0;
    int incomplete = 0;
    /* The shape, checked unless check is CHECK_NONE (rows valid one by one,
     * n_tp * nb rows from b0): the baseline lesions distinct, each time
     * point at its offset (tp) and listing the baseline lesions in their
     * order, and with CHECK_ROLES every row a target. Returns nonzero when
     * the patient does not have it (its outputs are then meaningless). */
    unsigned bad = 0;
    int32_t les[5] = { 0 };
    for (int i = 0; check && i < nb; i++) {
        les[i] = lesion[b0 + i];
        for (int j = 0; j < i; j++)
            bad |= les[j] == les[i];
    }
    for (int i = 0; i < nb; i++) {
        if (check == CHECK_ROLES)
            bad |= (role[b0 + i] & ~LDRT_ROLE_NODAL) != LDRT_ROLE_TARGET;
        uint8_t st = state[b0 + i];
        double v = value[b0 + i];
        int has = (st == LDRT_STATE_PRESENT) & (v == v);
        int64_t c = centi_valid(has, v);
        c = st == LDRT_STATE_TOO_SMALL ? 500 : c;
        incomplete |= !(has | (st == LDRT_STATE_ABSENT) | (st == LDRT_STATE_TOO_SMALL));
        base += c;
    }
    overall[0] = LDRT_RESPONSE_NONE;
    if (target) target[0] = LDRT_RESPONSE_NONE;
    if (non_target) non_target[0] = LDRT_RESPONSE_NONE;
    if (sum_mm) sum_mm[0] = incomplete ? NAN : (double)base / 100.0;
    if (rule) rule[0] = incomplete ? LDRT_RULE_BASELINE_INCOMPLETE : LDRT_RULE_BASELINE;
    int64_t nadir = base;
    int prev_cr = 0;
    for (size_t k = 1; k < n_tp; k++) {
        int64_t r0 = b0 + (int64_t)k * nb, sum = 0;
        int measured = 0, notcr = 0;
        if (check)
            bad |= tp[k] != r0;
        for (int i = 0; i < nb; i++) {
            if (check == CHECK_ROLES)
                bad |= (role[r0 + i] & ~LDRT_ROLE_NODAL) != LDRT_ROLE_TARGET;
            if (check)
                bad |= lesion[r0 + i] != les[i];
            uint8_t st = state[r0 + i];
            double v = value[r0 + i];
            int has = (st == LDRT_STATE_PRESENT) & (v == v);
            int64_t c = centi_valid(has, v);
            c = st == LDRT_STATE_TOO_SMALL ? 500 : c;
            int counted = has | (st == LDRT_STATE_ABSENT) | (st == LDRT_STATE_TOO_SMALL);
            measured += counted;
            sum += counted ? c : 0;
            notcr |= counted & ((role[r0 + i] & LDRT_ROLE_NODAL) ? c >= 1000 : c > 0);
        }
        int reappeared = notcr & prev_cr;
        int c_pd = (10 * sum >= 12 * nadir) & (sum - nadir >= 500);
        int32_t tr = LDRT_RESPONSE_SD;
        tr = 10 * sum <= 7 * base ? LDRT_RESPONSE_PR : tr;
        tr = !notcr ? LDRT_RESPONSE_CR : tr;
        tr = measured < nb ? LDRT_RESPONSE_NE : tr;
        tr = (c_pd | reappeared) ? LDRT_RESPONSE_PD : tr;
        tr = incomplete ? LDRT_RESPONSE_NE : tr;
        /* Table 1 without non-target lesions: the overall response is the
         * target response (overall_table[tr][NONE] == tr). */
        int32_t ov = tr;
        overall[k] = ov;
        if (target) target[k] = tr;
        if (non_target) non_target[k] = LDRT_RESPONSE_NONE;
        if (sum_mm) sum_mm[k] = measured > 0 ? (double)sum / 100.0 : NAN;
        if (rule) {
            int32_t ru = rule_table[tr][LDRT_RESPONSE_NONE];
            ru = tr == LDRT_RESPONSE_NE && incomplete ? LDRT_RULE_BASELINE_INCOMPLETE : ru;
            ru = tr == LDRT_RESPONSE_PD && !c_pd ? LDRT_RULE_TARGET_REAPPEARED : ru;
            rule[k] = ru;
        }
        nadir = (!incomplete & (measured == nb) & (sum < nadir)) ? sum : nadir;
        prev_cr = ov == LDRT_RESPONSE_NE ? prev_cr : ov == LDRT_RESPONSE_CR;
    }
    return bad;
}

/* targets_regular() with nb (1-5) a constant in each instance: inlined with
 * a constant check and NULL detail pointers, each call site gets its own
 * specialised loops. */
static ALWAYS_INLINE unsigned
targets_regular_nb(int64_t nb, size_t n_tp, int64_t b0, const int check, const int64_t *tp,
                   const int32_t *lesion, const uint8_t *role, const uint8_t *state,
                   const double *value, int32_t *overall, int32_t *target, int32_t *non_target,
                   double *sum_mm, int32_t *rule)
{
#define TR(k) targets_regular(n_tp, b0, k, check, tp, lesion, role, state, value, overall, \
                              target, non_target, sum_mm, rule)
    switch (nb) {
    case 1: return TR(1);
    case 2: return TR(2);
    case 3: return TR(3);
    case 4: return TR(4);
    default: return TR(5);
    }
#undef TR
}

/* Whether one patient has the shape of targets_regular(); its nb. */
static int regular_targets(size_t n_tp, const int64_t *tp_offsets, const uint8_t *role)
{
    int64_t b0 = tp_offsets[0], nb = tp_offsets[1] - b0;
    if (nb < 1 || nb > 5)
        return 0;
    unsigned ok = 1;
    for (size_t k = 1; k < n_tp; k++)
        ok &= tp_offsets[k + 1] - tp_offsets[k] == nb;
    if (!ok)
        return 0;
    /* Eight role bytes at a time: each must be TARGET, nodal or not. */
    int64_t i = b0, end = tp_offsets[n_tp];
    const uint64_t mask = 0x0101010101010101ull * (uint8_t)~LDRT_ROLE_NODAL;
    const uint64_t want = 0x0101010101010101ull * LDRT_ROLE_TARGET;
    for (; i + 8 <= end; i += 8) {
        uint64_t x;
        memcpy(&x, role + i, 8);
        ok &= (x & mask) == want;
    }
    for (; i < end; i++)
        ok &= (role[i] & ~LDRT_ROLE_NODAL) == LDRT_ROLE_TARGET;
    return ok ? (int)nb : 0;
}

/* The cohort fast path: a patient of the shape of regular_targets(), with
 * no detail record, is classified by targets_regular() with nb a constant
 * in each call. Returns whether it was. */
static int fast_path_regular(size_t n_tp, const int64_t *tp_offsets, const uint8_t *role,
                             const uint8_t *state, const double *value, int32_t *overall,
                             int32_t *target, int32_t *non_target, double *sum_mm, int32_t *rule)
{
    int nb = regular_targets(n_tp, tp_offsets, role);
    if (nb == 0)
        return 0;
    targets_regular_nb(nb, n_tp, tp_offsets[0], CHECK_NONE, NULL, NULL, role, state, value,
                       overall, target, non_target, sum_mm, rule);
    return 1;
}

/* The baseline of a patient: its target lesions and their sum (0.01 mm),
 * its non-target lesions. incomplete: a baseline target not measured. */
typedef struct {
    int32_t n_t, n_nt;
    int64_t base;
    int incomplete;
} recist_baseline;

/* What the rows of one follow-up time point add up to. note: the lesion
 * the rule that decides names (reappeared, unequivocal progression, new). */
typedef struct {
    int64_t sum, nlt;
    int32_t measured, nt_eval, n_new, note;
    int notcr, reappeared, nt_pd, nt_present, nt_reappeared;
    int nt_inc, nlnt_inc, nlnt_pd, new_yes, new_eq;
} recist_rows;

/* The answers at one follow-up time point; the alt ones (suffix 0) without
 * the reappearance rule. */
typedef struct {
    int32_t tr, ntr, ov, ru, tr0, ntr0, ov0, ru0, missing;
    int tpd;
} recist_answer;

/* Baseline rows [lo, hi): the target count and sum, the non-target count. */
static recist_baseline baseline_sums(int64_t lo, int64_t hi, const uint8_t *role,
                                     const uint8_t *state, const double *value)
{
    recist_baseline bl = { 0, 0, 0, 0 };
    for (int64_t i = lo; i < hi; i++) {
        int r = role[i] & ~LDRT_ROLE_NODAL;
        if (r == LDRT_ROLE_TARGET) {
            int64_t c = target_size(state[i], value[i]);
            bl.n_t++;
            if (c < 0)
                bl.incomplete = 1;
            else
                bl.base += c;
        } else if (r == LDRT_ROLE_NON_TARGET) {
            bl.n_nt++;
        }
    }
    return bl;
}

/* The outputs of the baseline time point 0. */
static void record_baseline(const recist_baseline *bl, ldrt__tp *detail, int32_t *overall,
                            int32_t *target, int32_t *non_target, double *sum_mm, int32_t *rule)
{
    int32_t n_t = bl->n_t;
    int64_t base = bl->base;
    int incomplete = bl->incomplete;
    if (overall) overall[0] = LDRT_RESPONSE_NONE;
    if (target) target[0] = LDRT_RESPONSE_NONE;
    if (non_target) non_target[0] = LDRT_RESPONSE_NONE;
    if (sum_mm) sum_mm[0] = n_t > 0 && !incomplete ? (double)base / 100.0 : NAN;
    if (rule) rule[0] = incomplete ? LDRT_RULE_BASELINE_INCOMPLETE : LDRT_RULE_BASELINE;
    if (detail) {
        memset(&detail[0], 0, sizeof detail[0]);
        detail[0].rule = incomplete ? LDRT_RULE_BASELINE_INCOMPLETE : LDRT_RULE_BASELINE;
        detail[0].n_targets = n_t;
        detail[0].sum = n_t > 0 && !incomplete ? base : -1;
        detail[0].base = detail[0].sum;
        detail[0].nadir = -1;
        detail[0].lesion = -1;
        detail[0].liver = -1;
    }
}

/* A target row at a follow-up time point. */
static inline void target_row(recist_rows *t, int nodal, uint8_t st, double v, int32_t lesion,
                              int prev_cr)
{
    /* Branch-free: present with a value, absent (0 mm), too
     * small (5 mm, RECIST 1.1 default) or not evaluated. */
    int has = (st == LDRT_STATE_PRESENT) & (v == v);
    int64_t c = ldrt__centi(has ? v : 0.0);
    c = st == LDRT_STATE_TOO_SMALL ? 500 : c;
    int counted = has | (st == LDRT_STATE_ABSENT) | (st == LDRT_STATE_TOO_SMALL);
    t->measured += counted;
    t->sum += counted ? c : 0;
    /* CR: non-nodal lesions gone, nodes < 10 mm short axis. */
    int residual = counted & (nodal ? c >= 1000 : c > 0);
    t->notcr |= residual;
    if (residual & prev_cr & !t->reappeared) {
        t->reappeared = 1;
        t->note = lesion;
    }
}

/* A non-target row at a follow-up time point: unequivocal progression,
 * increase, present (not CR: a node >= 10 mm short axis or any non-nodal
 * lesion), or a reappearance after a CR. */
static inline void non_target_row(recist_rows *t, int nodal, uint8_t st, double v,
                                  int32_t lesion, int prev_cr)
{
    if (st == LDRT_STATE_NOT_EVALUATED)
        return;
    t->nt_eval++;
    if (st == LDRT_STATE_PROGRESSION) {
        t->nt_pd = 1;
        if (t->note < 0) t->note = lesion;
        return;
    }
    if (st == LDRT_STATE_INCREASED)
        t->nt_inc = 1;
    int normal = st == LDRT_STATE_ABSENT ||
                 (nodal && (st == LDRT_STATE_TOO_SMALL ||
                            (st == LDRT_STATE_PRESENT && !isnan(v) &&
                             ldrt__centi(v) < 1000)));
    if (!normal) {
        t->nt_present = 1;
        if (prev_cr && !t->nt_reappeared) {
            t->nt_reappeared = 1;
            if (!t->reappeared) t->note = lesion;
        }
    }
}

/* A new lesion row (new, or new and measurable for iRECIST): absent or
 * not evaluated counts for nothing, equivocal is not yet a new lesion
 * (RECIST 1.1 section 4.3.2), anything else is. */
static inline void new_lesion_row(recist_rows *t, uint8_t ro, uint8_t st, double v,
                                  int32_t lesion)
{
    if (st == LDRT_STATE_ABSENT || st == LDRT_STATE_NOT_EVALUATED)
        return;
    if (st == LDRT_STATE_EQUIVOCAL) {
        t->new_eq = 1;
        return;
    }
    t->new_yes = 1;
    t->n_new++;
    if ((ro & ~LDRT_ROLE_NODAL) == LDRT_ROLE_NEW_TARGET) {
        int64_t c = target_size(st, v);
        if (c > 0) t->nlt += c;
    } else if (st == LDRT_STATE_PROGRESSION) {
        t->nlnt_pd = 1;
    } else if (st == LDRT_STATE_INCREASED) {
        t->nlnt_inc = 1;
    }
    if (t->note < 0 && !t->nt_pd && !t->reappeared) t->note = lesion;
}

/* The rows [lo, hi) of one follow-up time point, in their order. */
static recist_rows tally_rows(int64_t lo, int64_t hi, const int32_t *lesion,
                              const uint8_t *role, const uint8_t *state, const double *value,
                              int prev_cr)
{
    recist_rows t;
    memset(&t, 0, sizeof t);
    t.note = -1;
    for (int64_t i = lo; i < hi; i++) {
        uint8_t ro = role[i], st = state[i];
        int nodal = ro & LDRT_ROLE_NODAL;
        switch (ro & ~LDRT_ROLE_NODAL) {
        case LDRT_ROLE_TARGET:
            target_row(&t, nodal, st, value[i], lesion[i], prev_cr);
            break;
        case LDRT_ROLE_NON_TARGET:
            non_target_row(&t, nodal, st, value[i], lesion[i], prev_cr);
            break;
        case LDRT_ROLE_NEW:
        case LDRT_ROLE_NEW_TARGET:
            new_lesion_row(&t, ro, st, value[i], lesion[i]);
            break;
        default:
            break;
        }
    }
    return t;
}

/* The target, non-target and overall responses of one follow-up time
 * point (RECIST 1.1 sections 4.3.1-4.3.2, Tables 1-2), with and without
 * the reappearance rule (tr0, ntr0: the alt answers of the detail). */
static void time_point_answer(const recist_baseline *bl, const recist_rows *t, int64_t nadir,
                              recist_answer *a)
{
    int32_t n_t = bl->n_t, n_nt = bl->n_nt;
    int64_t base = bl->base, sum = t->sum;
    int incomplete = bl->incomplete;
    int32_t missing = n_t - t->measured;
    /* Decisions as selects (no data-dependent branches): the priority
     * of each rule is the order of the lines, last wins. */
    int c_pd = (10 * sum >= 12 * nadir) & (sum - nadir >= 500);
    int32_t tr = LDRT_RESPONSE_SD;
    tr = 10 * sum <= 7 * base ? LDRT_RESPONSE_PR : tr;
    tr = !t->notcr ? LDRT_RESPONSE_CR : tr;
    tr = missing > 0 ? LDRT_RESPONSE_NE : tr;
    /* The known sum is a lower bound: PD stays PD whatever a missing
     * lesion measures. tr0: the same without the reappearance rule. */
    int32_t tr0 = c_pd ? LDRT_RESPONSE_PD : tr;
    tr = (c_pd | t->reappeared) ? LDRT_RESPONSE_PD : tr;
    tr = incomplete ? LDRT_RESPONSE_NE : tr;
    tr = n_t > 0 ? tr : LDRT_RESPONSE_NONE;
    tr0 = incomplete ? LDRT_RESPONSE_NE : tr0;
    tr0 = n_t > 0 ? tr0 : LDRT_RESPONSE_NONE;
    int tpd = c_pd & !incomplete & (n_t > 0);
    int32_t ntr = LDRT_RESPONSE_CR;
    ntr = t->nt_present ? LDRT_RESPONSE_NON_CR_NON_PD : ntr;
    ntr = t->nt_eval < n_nt ? LDRT_RESPONSE_NE : ntr;
    int32_t ntr0 = t->nt_pd ? LDRT_RESPONSE_PD : ntr;
    ntr = (t->nt_pd | t->nt_reappeared) ? LDRT_RESPONSE_PD : ntr;
    ntr = n_nt > 0 ? ntr : LDRT_RESPONSE_NONE;
    ntr0 = n_nt > 0 ? ntr0 : LDRT_RESPONSE_NONE;
    decide(tr, ntr, tpd, t->nt_pd, t->new_yes, incomplete, &a->ov, &a->ru);
    decide(tr0, ntr0, tpd, t->nt_pd, t->new_yes, incomplete, &a->ov0, &a->ru0);
    a->tr = tr;
    a->ntr = ntr;
    a->tr0 = tr0;
    a->ntr0 = ntr0;
    a->tpd = tpd;
    a->missing = missing;
}

/* The detail record of one follow-up time point. */
static void fill_detail(ldrt__tp *d, const recist_baseline *bl, const recist_rows *t,
                        int64_t nadir, const recist_answer *a)
{
    int32_t n_t = bl->n_t;
    int incomplete = bl->incomplete;
    d->overall = a->ov;
    d->target = a->tr;
    d->non_target = a->ntr;
    d->rule = a->ru;
    d->new_lesion = (int8_t)(t->new_yes ? 1 : t->new_eq ? 2 : 0);
    d->nt_increase = (int8_t)t->nt_inc;
    d->nlnt_increase = (int8_t)t->nlnt_inc;
    d->nlnt_pd = (int8_t)t->nlnt_pd;
    d->target_pd = (int8_t)a->tpd;
    d->n_targets = n_t;
    d->n_missing = n_t > 0 ? a->missing : 0;
    d->n_new = t->n_new;
    d->lesion = t->note;
    d->sum = n_t > 0 && t->measured > 0 ? t->sum : -1;
    d->base = n_t > 0 && !incomplete ? bl->base : -1;
    d->nadir = n_t > 0 && !incomplete ? nadir : -1;
    d->nlt_sum = t->nlt;
    d->liver = -1;
    d->alt_overall = a->ov0;
    d->alt_target = a->tr0;
    d->alt_non_target = a->ntr0;
    d->alt_rule = a->ru0;
}

void ldrt__recist_patient(size_t n_tp, const int64_t *tp_offsets, const int32_t *lesion,
                          const uint8_t *role, const uint8_t *state, const double *value,
                          ldrt__tp *detail, int32_t *overall, int32_t *target,
                          int32_t *non_target, double *sum_mm, int32_t *rule)
{
    if (n_tp == 0)
        return;
    if (!detail && overall &&
        fast_path_regular(n_tp, tp_offsets, role, state, value, overall, target, non_target,
                          sum_mm, rule))
        return;
    /* Baseline. */
    recist_baseline bl = baseline_sums(tp_offsets[0], tp_offsets[1], role, state, value);
    record_baseline(&bl, detail, overall, target, non_target, sum_mm, rule);
    int64_t nadir = bl.base;
    int prev_cr = 0;
    for (size_t k = 1; k < n_tp; k++) {
        recist_rows t = tally_rows(tp_offsets[k], tp_offsets[k + 1], lesion, role, state, value,
                                   prev_cr);
        recist_answer a;
        time_point_answer(&bl, &t, nadir, &a);
        if (overall) overall[k] = a.ov;
        if (target) target[k] = a.tr;
        if (non_target) non_target[k] = a.ntr;
        if (sum_mm) sum_mm[k] = bl.n_t > 0 && t.measured > 0 ? (double)t.sum / 100.0 : NAN;
        if (rule) rule[k] = a.ru;
        if (detail)
            fill_detail(&detail[k], &bl, &t, nadir, &a);
        /* The nadir: the smallest complete sum so far, baseline included. */
        if (bl.n_t > 0 && !bl.incomplete && a.missing == 0 && t.sum < nadir)
            nadir = t.sum;
        if (a.ov != LDRT_RESPONSE_NE)
            prev_cr = a.ov == LDRT_RESPONSE_CR;
    }
}

/* Rows per block of the cohort call: the block is checked, then classified
 * while its rows are still in cache. */
#define BLOCK_ROWS 16384

/* The cohort call's private result arrays. */
typedef struct {
    int32_t *overall, *target, *non_target;
    double *sum_mm;
    int32_t *rule;
} outputs_t;

/* One block of the cohort call, patients [p0, p1): every row is checked on
 * its own, then each patient's shape is checked and the patient classified
 * while its rows are in cache. A patient with only targets, 1-5 per time
 * point, goes to targets_regular(), which checks that shape as it
 * classifies (the answers of ldrt__recist_patient()'s fast path); any other
 * patient is checked as by check_patients() and classified by the general
 * path. So every patient check_patients() accepts is classified, and the
 * first error is the one check_patients() reports. */
static int check_classify(size_t p0, size_t p1, const int64_t *patient_offsets,
                          const int64_t *tp_offsets, const int32_t *lesion, const uint8_t *role,
                          const uint8_t *state, const double *value, scratch_t *sc,
                          const outputs_t *o)
{
    int64_t r0 = tp_offsets[patient_offsets[p0]], r1 = tp_offsets[patient_offsets[p1]];
    /* No rows: the arrays may be NULL, and NULL + 0 is undefined in C. */
    int rv = r1 == r0 ? ROWS_VALID
                      : rows_valid(r1 - r0, lesion + r0, role + r0, state + r0, value + r0);
    int all_valid = rv != 0, all_targets = (rv & ROWS_TARGETS) != 0;
    int detail = o->target || o->non_target || o->sum_mm || o->rule;
    for (size_t p = p0; p < p1; p++) {
        int64_t t0 = patient_offsets[p], t1 = patient_offsets[p + 1];
        if (t1 == t0)
            continue;
        size_t n = (size_t)(t1 - t0);
        int64_t b0 = tp_offsets[t0], nb = tp_offsets[t0 + 1] - b0;
        const int64_t *tp = tp_offsets + t0;
        int32_t *ov = o->overall + t0, *tg = o->target ? o->target + t0 : NULL,
                *nt = o->non_target ? o->non_target + t0 : NULL,
                *ru = o->rule ? o->rule + t0 : NULL;
        double *sm = o->sum_mm ? o->sum_mm + t0 : NULL;
        /* Targets only, 1-5 per time point: the rows read lie in the
         * patient's. A patient that does not fit is checked and classified
         * again below. The call that asks only for the overall response
         * (the usual cohort call) gets instances without the detail outputs,
         * and, when every row of the block is a target, without the role
         * test. Against the separate shape check this is 0.83-0.89x the
         * time with the file built at -O3 (no gain at -O2), identical
         * outputs. */
        if (all_valid && nb >= 1 && nb <= 5 && tp_offsets[t1] - b0 == (int64_t)n * nb) {
            unsigned bad;
            if (!detail && all_targets)
                bad = targets_regular_nb(nb, n, b0, CHECK_SHAPE, tp, lesion, role, state, value,
                                         ov, NULL, NULL, NULL, NULL);
            else if (!detail)
                bad = targets_regular_nb(nb, n, b0, CHECK_ROLES, tp, lesion, role, state, value,
                                         ov, NULL, NULL, NULL, NULL);
            else
                bad = targets_regular_nb(nb, n, b0, CHECK_ROLES, tp, lesion, role, state, value,
                                         ov, tg, nt, sm, ru);
            if (!bad)
                continue;
        }
        if (!all_valid || !patient_shape_ok(t0, t1, tp_offsets, lesion, role)) {
            int rc = patient_check(p, t0, t1, tp_offsets, lesion, role, state, value, sc);
            if (rc != LDRT_OK)
                return rc;
        }
        ldrt__recist_patient(n, tp, lesion, role, state, value, NULL, ov, tg, nt, sm, ru);
    }
    return LDRT_OK;
}

int ldrt_recist_classify_arrays(const ldrt_response_options *options, size_t n_patients,
                                const int64_t *patient_offsets, const int64_t *tp_offsets,
                                const int32_t *lesion, const uint8_t *role,
                                const uint8_t *state, const double *value_mm, int32_t *overall,
                                int32_t *target, int32_t *non_target, double *sum_mm,
                                int32_t *rule)
{
    (void)options;
    int rc = check_offsets(n_patients, patient_offsets, tp_offsets, lesion, role, state, value_mm);
    if (rc != LDRT_OK)
        return rc;
    size_t n_tp = (size_t)patient_offsets[n_patients];
    if (n_tp == 0)
        return LDRT_OK;
    LDRT__CHECK_NOT_NULL(overall);
    /* Results go to private arrays first: nothing is written unless every
     * row is valid. */
    int32_t *o_ov = ldrt__malloc(n_tp * sizeof *o_ov);
    int32_t *o_tg = target ? ldrt__malloc(n_tp * sizeof *o_tg) : NULL;
    int32_t *o_nt = non_target ? ldrt__malloc(n_tp * sizeof *o_nt) : NULL;
    double *o_sum = sum_mm ? ldrt__malloc(n_tp * sizeof *o_sum) : NULL;
    int32_t *o_ru = rule ? ldrt__malloc(n_tp * sizeof *o_ru) : NULL;
    scratch_t sc = { NULL, NULL, 0 };
    outputs_t out = { o_ov, o_tg, o_nt, o_sum, o_ru };
    if (!o_ov || (target && !o_tg) || (non_target && !o_nt) || (sum_mm && !o_sum) ||
        (rule && !o_ru)) {
        rc = LDRT_ENOMEM;
        goto done;
    }
    for (size_t p0 = 0; p0 < n_patients && rc == LDRT_OK;) {
        size_t p1 = p0 + 1;
        int64_t r0 = tp_offsets[patient_offsets[p0]];
        while (p1 < n_patients && tp_offsets[patient_offsets[p1 + 1]] - r0 <= BLOCK_ROWS)
            p1++;
        rc = check_classify(p0, p1, patient_offsets, tp_offsets, lesion, role, state, value_mm,
                            &sc, &out);
        p0 = p1;
    }
    if (rc == LDRT_OK) {
        memcpy(overall, o_ov, n_tp * sizeof *o_ov);
        if (target) memcpy(target, o_tg, n_tp * sizeof *o_tg);
        if (non_target) memcpy(non_target, o_nt, n_tp * sizeof *o_nt);
        if (sum_mm) memcpy(sum_mm, o_sum, n_tp * sizeof *o_sum);
        if (rule) memcpy(rule, o_ru, n_tp * sizeof *o_ru);
    }
done:
    ldrt__free(o_ov);
    ldrt__free(o_tg);
    ldrt__free(o_nt);
    ldrt__free(o_sum);
    ldrt__free(o_ru);
    ldrt__free(sc.mark);
    ldrt__free(sc.seen);
    return rc;
}
