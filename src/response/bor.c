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

void ldrt__bor_patient(const ldrt_response_options *opt, size_t n, const int64_t *lo,
                       const int64_t *hi, const int32_t *cls, int64_t ref_lo, int64_t ref_hi,
                       int32_t *scratch, ldrt__bor *out)
{
    int64_t confirm = (int64_t)ldrt__opt(opt, LDRT_SET_CONFIRM_DAYS);
    int64_t sd_min = (int64_t)ldrt__opt(opt, LDRT_SET_SD_MIN_DAYS);
    int max_ne = (int)ldrt__opt(opt, LDRT_SET_MAX_NE_BETWEEN);
    ldrt__bor b = { LDRT__C_NONE, LDRT__C_NONE, -1, -1, -1, -1, -1, -1, -1 };
    /* Eligible time points: labelled, not wholly before the reference date,
     * up to and including the first PD. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (cls[i] == LDRT__C_NONE || hi[i] < ref_lo)
            continue;
        scratch[m++] = (int32_t)i;
        if (b.first_resp < 0 && (cls[i] == LDRT__C_CR || cls[i] == LDRT__C_PR))
            b.first_resp = (int32_t)i;
        if (cls[i] == LDRT__C_PD) {
            b.first_pd = (int32_t)i;
            break;
        }
    }
    if (m > 0)
        b.last = scratch[m - 1];
    /* Without confirmation. */
    for (size_t q = 0; q < m; q++) {
        int i = scratch[q], c = cls[i];
        int late = lo[i] - ref_hi >= sd_min;
        if (c == LDRT__C_SD || c == LDRT__C_NON)
            c = late ? c : LDRT__C_NE;
        if (rank(c) > rank(b.bor)) {
            b.bor = c;
            b.bor_i = i;
        }
    }
    /* With confirmation. A CR followed by PR, SD or NON-CR/NON-PD: if the CR
     * was true, the later disease is a reappearance, so PD (Table 3
     * footnote); the first such scan ends the data. */
    int seen_cr = 0;
    for (size_t q = 0; q < m; q++) {
        int i = scratch[q], c = cls[i];
        if (c == LDRT__C_CR) {
            seen_cr = 1;
        } else if (seen_cr && (c == LDRT__C_PR || c == LDRT__C_SD || c == LDRT__C_NON)) {
            b.crpr_i = i;
            m = q + 1;
            break;
        }
    }
#define W(q) ((q) + 1 == m && b.crpr_i >= 0 ? LDRT__C_PD : cls[scratch[q]])
    for (size_t q = 0; q < m; q++) {
        int i = scratch[q], c = W(q), eff = LDRT__C_NE;
        int late = lo[i] - ref_hi >= sd_min;
        int j_found = -1;
        if (c == LDRT__C_CR || c == LDRT__C_PR) {
            int ne = 0, cr_seen = c == LDRT__C_CR;
            for (size_t r = q + 1; r < m; r++) {
                int j = scratch[r], cj = W(r);
                int ok_conf = c == LDRT__C_CR ? cj == LDRT__C_CR
                                              : (cj == LDRT__C_CR || cj == LDRT__C_PR);
                if (cj == LDRT__C_PR && cr_seen)
                    break; /* no PR after a CR */
                if (ok_conf && lo[j] - hi[i] >= confirm) {
                    j_found = j;
                    break;
                }
                if (cj == LDRT__C_NE) {
                    if (++ne > max_ne)
                        break;
                } else if (!(cj == LDRT__C_CR || (c == LDRT__C_PR && cj == LDRT__C_PR))) {
                    break; /* an SD (or worse) between breaks the confirmation */
                }
                if (cj == LDRT__C_CR)
                    cr_seen = 1;
            }
            if (j_found >= 0)
                eff = c;
            else
                eff = late ? LDRT__C_SD : LDRT__C_NE;
        } else if (c == LDRT__C_SD || c == LDRT__C_NON) {
            eff = late ? c : LDRT__C_NE;
        } else {
            eff = c;
        }
        if (rank(eff) > rank(b.cbor)) {
            b.cbor = eff;
            b.cbor_i = i;
            b.cbor_j = j_found;
        }
    }
#undef W
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
    int32_t *scratch = ldrt__malloc(cap * sizeof *scratch);
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
