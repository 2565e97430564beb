/*
 * Best overall response without and with confirmation.
 *
 * Rules: RECIST 1.1 (Eisenhauer 2009) section 4.4 and Table 3 (with its
 * CR-then-PR footnote); the operational conventions of admiralonco's ADRS
 * template (pharmaverse/admiralonco, inst/templates/ad_adrs.R and
 * R/response_sources.R): confirmation >= 28 days with plain date
 * differences, <= 1 NE in between, no PR after CR, SD and NON-CR/NON-PD only
 * >= 42 days after the reference date, data up to the first PD, priority
 * CR > PR > SD > NON-CR/NON-PD > PD > NE.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "response_internal.h"

/* Rank of a class in the best-response order (higher is better). iRECIST:
 * iCR > iPR > iSD > NON-iCR/NON-iUPD > iCPD > iUPD > NE (admiralonco
 * iRECIST vignette). */
static int rank(int cls)
{
    static const int r[8] = { [LDRT__C_NONE] = 0, [LDRT__C_NE] = 1, [LDRT__C_UPD] = 2,
                              [LDRT__C_PD] = 3, [LDRT__C_NON] = 4, [LDRT__C_SD] = 5,
                              [LDRT__C_PR] = 6, [LDRT__C_CR] = 7 };
    return r[cls];
}

/* Eligible time points: labelled, not wholly before the reference date,
 * up to and including the first PD. Their indexes go to scratch; the first
 * response, the first PD and the last eligible time point to b. Returns
 * their number. */
static size_t eligible_points(size_t n, const int64_t *hi, const int32_t *cls, int64_t ref_lo,
                              int32_t *scratch, ldrt__bor *b)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (cls[i] == LDRT__C_NONE || hi[i] < ref_lo)
            continue;
        scratch[m++] = (int32_t)i;
        if (b->first_resp < 0 && (cls[i] == LDRT__C_CR || cls[i] == LDRT__C_PR))
            b->first_resp = (int32_t)i;
        if (cls[i] == LDRT__C_PD) {
            b->first_pd = (int32_t)i;
            break;
        }
    }
    if (m > 0)
        b->last = scratch[m - 1];
    return m;
}

/* Best overall response without confirmation: SD and NON-CR/NON-PD count
 * only >= M days after the reference date, else NE. */
static void unconfirmed_bor(size_t m, const int32_t *scratch, const int64_t *lo,
                            const int32_t *cls, int64_t ref_hi, int64_t sd_min, ldrt__bor *b)
{
    for (size_t q = 0; q < m; q++) {
        int i = scratch[q], c = cls[i];
        int late = lo[i] - ref_hi >= sd_min;
        if (c == LDRT__C_SD || c == LDRT__C_NON)
            c = late ? c : LDRT__C_NE;
        if (rank(c) > rank(b->bor)) {
            b->bor = c;
            b->bor_i = i;
        }
    }
}

/* Whether the CR run starting at scratch[run] is confirmed by a later
 * non-NE time point before q, >= N days after it, with <= max_ne NE between
 * (the CR "definitively assigned" of the Table 3 footnote). */
static int cr_run_confirmed(size_t run, size_t q, const int32_t *scratch, const int32_t *w,
                            const int64_t *lo, const int64_t *hi, int64_t confirm, int max_ne)
{
    int confirmed = 0, ne = 0;
    for (size_t r = run + 1; r < q && !confirmed; r++) {
        int j = scratch[r];
        if (w[r] == LDRT__C_NE) {
            if (++ne > max_ne)
                break;
        } else if (lo[j] - hi[scratch[run]] >= confirm) {
            confirmed = 1;
        }
    }
    return confirmed;
}

/* Whether the SD minimum is met for the CR-then-SD row: the CR or a time
 * point up to q (not NE, not PD) >= M days after the reference date. */
static int sd_minimum_met(size_t q, const int32_t *scratch, const int32_t *w, const int64_t *lo,
                          int64_t ref_hi, int64_t sd_min)
{
    int met = 0;
    for (size_t r = 0; r <= q; r++)
        if (w[r] != LDRT__C_NE && w[r] != LDRT__C_PD && lo[scratch[r]] - ref_hi >= sd_min)
            met = 1;
    return met;
}

/* RECIST 1.1 Table 3, row by row, over the read classes w[] (the classes
 * as recorded, except where a row or its footnote reads a time point
 * otherwise).
 *   CR then CR: CR (confirmed when >= N days apart, confirmed_bor()).
 *   CR then PR: footnote. When the CR was definitively assigned (here:
 *     confirmed; EORTC RECIST FAQ "Does a new lesion always result in
 *     PD?"), the later disease is a reappearance, so PD there; when it
 *     was not, the CR is revised to PR and the PR rules apply.
 *   CR then SD (or NON-CR/NON-PD): after a confirmed CR a reappearance,
 *     so PD; after an unconfirmed one "SD provided minimum criteria for
 *     SD duration met, otherwise PD": PD at the later time point unless
 *     the CR or a time point up to it is >= M days after the reference.
 *   CR then PD, CR then NE, PR then anything, NE then NE: the general
 *     rules of confirmed_bor() (an unconfirmed CR/PR counts as SD when the
 *     SD minimum is met, else NE; PD stays PD).
 * Returns the number of time points read (up to a PD read here). */
static size_t read_table3(size_t m, const int32_t *scratch, int32_t *w, const int64_t *lo,
                          const int64_t *hi, int64_t ref_hi, int64_t confirm, int64_t sd_min,
                          int max_ne, ldrt__bor *b)
{
    size_t run = (size_t)-1; /* first CR of the current CR run (with NE between) */
    for (size_t q = 0; q < m; q++) {
        int i = scratch[q], c = w[q];
        if (c == LDRT__C_CR) {
            if (run == (size_t)-1)
                run = q;
            continue;
        }
        if (c == LDRT__C_NE || run == (size_t)-1)
            continue;
        if (c == LDRT__C_PD) {
            run = (size_t)-1;
            continue;
        }
        /* c is PR, SD or NON after a CR run [run, q). */
        int confirmed = cr_run_confirmed(run, q, scratch, w, lo, hi, confirm, max_ne);
        b->crpr_i = i;
        b->cr_i = scratch[run];
        if (confirmed) {
            w[q] = LDRT__C_PD;
            b->read_pd = i;
            b->read_pd_kind = LDRT__READ_REAPPEARED;
            return q + 1;
        }
        if (c == LDRT__C_PR) {
            for (size_t r = run; r < q; r++)
                if (w[r] == LDRT__C_CR)
                    w[r] = LDRT__C_PR;
            b->cr_revised = 1;
            run = (size_t)-1;
            continue;
        }
        if (!sd_minimum_met(q, scratch, w, lo, ref_hi, sd_min)) {
            w[q] = LDRT__C_PD;
            b->read_pd = i;
            b->read_pd_kind = LDRT__READ_CR_SD_ROW;
            return q + 1;
        }
        run = (size_t)-1;
    }
    return m;
}

/* The time point confirming the CR or PR read at w[q]: a CR (for a CR) or
 * a CR/PR (for a PR) >= N days later, with <= max_ne NE and nothing worse
 * between, and no PR after a CR. Its index, or -1. */
static int confirming_point(size_t q, size_t m, const int32_t *scratch, const int32_t *w,
                            const int64_t *lo, const int64_t *hi, int64_t confirm, int max_ne)
{
    int i = scratch[q], c = w[q];
    int ne = 0, cr_seen = c == LDRT__C_CR;
    for (size_t r = q + 1; r < m; r++) {
        int j = scratch[r], cj = w[r];
        int ok_conf = c == LDRT__C_CR ? cj == LDRT__C_CR
                                      : (cj == LDRT__C_CR || cj == LDRT__C_PR);
        if (cj == LDRT__C_PR && cr_seen)
            break; /* no PR after a CR */
        if (ok_conf && lo[j] - hi[i] >= confirm)
            return j;
        if (cj == LDRT__C_NE) {
            if (++ne > max_ne)
                break;
        } else if (!(cj == LDRT__C_CR || (c == LDRT__C_PR && cj == LDRT__C_PR))) {
            break; /* an SD (or worse) between breaks the confirmation */
        }
        if (cj == LDRT__C_CR)
            cr_seen = 1;
    }
    return -1;
}

/* Best overall response with confirmation over the read classes w[]: a
 * confirmed CR/PR counts as itself, an unconfirmed one as SD when the SD
 * minimum is met, else NE; SD and NON-CR/NON-PD only when late; PD stays
 * PD. */
static void confirmed_bor(size_t m, const int32_t *scratch, const int32_t *w, const int64_t *lo,
                          const int64_t *hi, int64_t ref_hi, int64_t confirm, int64_t sd_min,
                          int max_ne, ldrt__bor *b)
{
    for (size_t q = 0; q < m; q++) {
        int i = scratch[q], c = w[q], eff = LDRT__C_NE;
        int late = lo[i] - ref_hi >= sd_min;
        int j_found = -1;
        if (c == LDRT__C_CR || c == LDRT__C_PR) {
            j_found = confirming_point(q, m, scratch, w, lo, hi, confirm, max_ne);
            if (j_found >= 0) {
                eff = c;
                if (b->first_conf_resp < 0)
                    b->first_conf_resp = i;
            } else {
                eff = late ? LDRT__C_SD : LDRT__C_NE;
            }
        } else if (c == LDRT__C_SD || c == LDRT__C_NON) {
            eff = late ? c : LDRT__C_NE;
        } else {
            eff = c;
        }
        if (rank(eff) > rank(b->cbor)) {
            b->cbor = eff;
            b->cbor_i = i;
            b->cbor_j = j_found;
            b->cbor_read = c;
        }
    }
}

void ldrt__bor_patient(const ldrt_response_options *opt, size_t n, const int64_t *lo,
                       const int64_t *hi, const int32_t *cls, int64_t ref_lo, int64_t ref_hi,
                       int32_t *scratch, ldrt__bor *out)
{
    int64_t confirm = (int64_t)ldrt__opt(opt, LDRT_SET_CONFIRM_DAYS);
    int64_t sd_min = (int64_t)ldrt__opt(opt, LDRT_SET_SD_MIN_DAYS);
    int max_ne = (int)ldrt__opt(opt, LDRT_SET_MAX_NE_BETWEEN);
    ldrt__bor b;
    ldrt__bor_init(&b);
    size_t m = eligible_points(n, hi, cls, ref_lo, scratch, &b);
    /* Without confirmation. */
    unconfirmed_bor(m, scratch, lo, cls, ref_hi, sd_min, &b);
    /* With confirmation: Table 3 first, over the read classes w[], which
     * live in the second half of scratch. */
    int32_t *w = scratch + n;
    for (size_t q = 0; q < m; q++)
        w[q] = cls[scratch[q]];
    m = read_table3(m, scratch, w, lo, hi, ref_hi, confirm, sd_min, max_ne, &b);
    if (b.read_pd < 0 && b.first_pd >= 0) {
        b.read_pd = b.first_pd;
        b.read_pd_kind = LDRT__READ_PD;
    }
    confirmed_bor(m, scratch, w, lo, hi, ref_hi, confirm, sd_min, max_ne, &b);
    *out = b;
}

int ldrt_bor_arrays(const ldrt_response_options *options, size_t n_patients,
                    const int64_t *patient_offsets, const int32_t *day, const int32_t *label,
                    const int32_t *reference_day, int32_t *bor, int32_t *confirmed_bor)
{
    LDRT__CHECK_NOT_NULL(patient_offsets);
    if (patient_offsets[0] != 0)
        return ldrt__error(LDRT_EINVAL, "patient_offsets[0]: must be 0 (got %lld)",
                           (long long)patient_offsets[0]);
    int64_t longest = 0;
    for (size_t p = 0; p < n_patients; p++) {
        if (patient_offsets[p + 1] < patient_offsets[p])
            return ldrt__error(LDRT_EINVAL, "patient_offsets[%zu]: must not decrease", p + 1);
        if (patient_offsets[p + 1] - patient_offsets[p] > longest)
            longest = patient_offsets[p + 1] - patient_offsets[p];
    }
    if (n_patients == 0)
        return LDRT_OK;
    LDRT__CHECK_NOT_NULL(bor);
    int64_t n_tp = patient_offsets[n_patients];
    if (n_tp > 0) {
        LDRT__CHECK_NOT_NULL(day);
        LDRT__CHECK_NOT_NULL(label);
    }
    for (size_t p = 0; p < n_patients; p++) {
        int fam = 0;
        for (int64_t t = patient_offsets[p]; t < patient_offsets[p + 1]; t++) {
            int f = ldrt__label_family(label[t]);
            if (f < 0)
                return ldrt__error(LDRT_EINVAL, "label[%lld]: not a response label (got %d)",
                                   (long long)t, label[t]);
            if (f && fam && f != fam)
                return ldrt__error(LDRT_EINVAL,
                                   "label[%lld]: %s mixes criteria within patient %zu",
                                   (long long)t, ldrt_response_label_name(label[t]), p);
            if (f)
                fam = f;
            if (t > patient_offsets[p] && day[t] < day[t - 1])
                return ldrt__error(LDRT_EINVAL, "day[%lld]: dates must not go back within patient %zu",
                                   (long long)t, p);
        }
    }
    size_t cap = (size_t)(longest > 0 ? longest : 1);
    int32_t *scratch = ldrt__malloc(2 * cap * sizeof *scratch);
    int32_t *cls = ldrt__malloc(cap * sizeof *cls);
    int64_t *lo = ldrt__malloc(cap * sizeof *lo);
    if (!scratch || !cls || !lo) {
        ldrt__free(scratch);
        ldrt__free(cls);
        ldrt__free(lo);
        return LDRT_ENOMEM;
    }
    for (size_t p = 0; p < n_patients; p++) {
        int64_t t0 = patient_offsets[p];
        size_t n = (size_t)(patient_offsets[p + 1] - t0);
        int fam = LDRT_CRITERIA_RECIST11;
        if (n == 0) {
            bor[p] = LDRT_RESPONSE_NONE;
            if (confirmed_bor) confirmed_bor[p] = LDRT_RESPONSE_NONE;
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            cls[i] = ldrt__label_class(label[t0 + i]);
            if (ldrt__label_family(label[t0 + i]) > 0)
                fam = ldrt__label_family(label[t0 + i]);
            lo[i] = day[t0 + i];
        }
        int64_t ref = reference_day ? reference_day[p] : day[t0];
        ldrt__bor b;
        ldrt__bor_patient(options, n, lo, lo, cls, ref, ref, scratch, &b);
        bor[p] = ldrt__class_label(fam, b.bor);
        if (confirmed_bor)
            confirmed_bor[p] = ldrt__class_label(fam, b.cbor);
    }
    ldrt__free(cls);
    ldrt__free(lo);
    ldrt__free(scratch);
    return LDRT_OK;
}
