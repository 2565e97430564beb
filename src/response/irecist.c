/*
 * iRECIST (Seymour et al., Lancet Oncol 2017;18:e143-52, Tables 2-3, and the
 * EORTC iRECIST FAQ): iUPD at the first RECIST progression, confirmation as
 * iCPD at a later scan, reset of the bar after an unconfirmed iUPD, new-lesion
 * targets and non-targets kept apart from the baseline lesions.
 * SPDX-License-Identifier: MIT
 */
#include "response_internal.h"

/* The RECIST response of the baseline lesions alone (new lesions aside). */
static void baseline_only(const ldrt__tp *d, int32_t *label, int32_t *rule)
{
    if (d->n_targets > 0) {
        switch (d->target) {
        case LDRT_RESPONSE_CR:
            if (d->non_target == LDRT_RESPONSE_NON_CR_NON_PD) {
                *label = LDRT_RESPONSE_PR;
                *rule = LDRT_RULE_CR_NON_TARGET_PRESENT;
            } else if (d->non_target == LDRT_RESPONSE_NE) {
                *label = LDRT_RESPONSE_PR;
                *rule = LDRT_RULE_CR_NON_TARGET_NE;
            } else {
                *label = LDRT_RESPONSE_CR;
                *rule = LDRT_RULE_CR;
            }
            return;
        case LDRT_RESPONSE_PR:
            *label = LDRT_RESPONSE_PR;
            *rule = LDRT_RULE_TARGET_PR;
            return;
        case LDRT_RESPONSE_SD:
            *label = LDRT_RESPONSE_SD;
            *rule = LDRT_RULE_TARGET_SD;
            return;
        default:
            *label = LDRT_RESPONSE_NE;
            *rule = d->rule == LDRT_RULE_BASELINE_INCOMPLETE ? LDRT_RULE_BASELINE_INCOMPLETE
                                                             : LDRT_RULE_TARGET_MISSING;
            return;
        }
    }
    if (d->non_target == LDRT_RESPONSE_CR) {
        *label = LDRT_RESPONSE_CR;
        *rule = LDRT_RULE_NON_TARGET_CR;
    } else if (d->non_target == LDRT_RESPONSE_NON_CR_NON_PD) {
        *label = LDRT_RESPONSE_NON_CR_NON_PD;
        *rule = LDRT_RULE_NON_TARGET_NON_CR;
    } else if (d->non_target == LDRT_RESPONSE_NE) {
        *label = LDRT_RESPONSE_NE;
        *rule = LDRT_RULE_NON_TARGET_NE;
    } else {
        *label = LDRT_RESPONSE_NE;
        *rule = LDRT_RULE_NO_BASELINE_DISEASE;
    }
}

static int32_t to_i(int32_t label, int32_t n_new)
{
    switch (label) {
    case LDRT_RESPONSE_CR:
        /* iCR needs every lesion gone, new ones included (Seymour 2017). */
        return n_new > 0 ? LDRT_RESPONSE_IPR : LDRT_RESPONSE_ICR;
    case LDRT_RESPONSE_PR: return LDRT_RESPONSE_IPR;
    case LDRT_RESPONSE_SD: return LDRT_RESPONSE_ISD;
    case LDRT_RESPONSE_NON_CR_NON_PD: return LDRT_RESPONSE_NON_ICR_NON_IUPD;
    default: return LDRT_RESPONSE_NE;
    }
}

void ldrt__irecist_patient(const ldrt_response_options *opt, size_t n, const int64_t *lo,
                           const int64_t *hi, ldrt__tp *detail, int32_t *pd_from)
{
    int64_t min_gap = (int64_t)ldrt__opt(opt, LDRT_SET_ICONFIRM_MIN_DAYS) -
                      (int64_t)ldrt__opt(opt, LDRT_SET_ICONFIRM_TOLERANCE_DAYS);
    enum { NORMAL, PENDING, CONFIRMED } st = NORMAL;
    int ever = 0, trig_t = 0, trig_nt = 0, trig_new = 0;
    size_t u = 0;
    int64_t sum_u = -1, nlt_u = 0, nlt_nadir = -1;
    int32_t nnew_u = 0, nnew_ref = 0;
    if (n > 0)
        pd_from[0] = 0;
    for (size_t k = 1; k < n; k++) {
        ldrt__tp *d = &detail[k];
        pd_from[k] = (int32_t)k;
        d->iwhy = 0;
        d->iupd_at = -1;
        int tpd = d->target == LDRT_RESPONSE_PD;
        int ntpd = d->non_target == LDRT_RESPONSE_PD;
        int32_t base, base_rule;
        baseline_only(d, &base, &base_rule);
        if (st == CONFIRMED) {
            d->overall = LDRT_RESPONSE_ICPD;
            d->rule = LDRT_RULE_ICPD;
            d->iupd_at = (int32_t)u;
            pd_from[k] = (int32_t)u;
            continue;
        }
        if (st == NORMAL) {
            int new_trig;
            if (!ever) {
                new_trig = d->n_new > 0;
            } else {
                /* After a reset, new lesions already seen trigger iUPD again
                 * only if more appear, their targets reach RECIST PD against
                 * their own nadir, or their non-targets progress. */
                int nlt_pd = nlt_nadir >= 0 && 10 * d->nlt_sum >= 12 * nlt_nadir &&
                             d->nlt_sum - nlt_nadir >= 500;
                new_trig = d->n_new > nnew_ref || nlt_pd || d->nlnt_pd;
            }
            if (tpd || ntpd || new_trig) {
                st = PENDING;
                ever = 1;
                u = k;
                trig_t = tpd;
                trig_nt = ntpd;
                trig_new = new_trig;
                sum_u = d->sum;
                nlt_u = d->nlt_sum;
                nnew_u = d->n_new;
                d->overall = LDRT_RESPONSE_IUPD;
                d->rule = LDRT_RULE_IUPD;
                d->iupd_at = (int32_t)k;
                d->iwhy = (uint16_t)((tpd ? LDRT__IW_TRIG_TARGET : 0) |
                                     (ntpd ? LDRT__IW_TRIG_NT : 0) |
                                     (new_trig ? LDRT__IW_TRIG_NEW : 0));
            } else {
                d->overall = to_i(base, d->n_new);
                d->rule = base_rule;
                if (ever && (nlt_nadir < 0 || d->nlt_sum < nlt_nadir))
                    nlt_nadir = d->nlt_sum;
            }
            continue;
        }
        /* PENDING: increases are measured from the iUPD scan, so they add up
         * across scans (+4 mm then +2 mm confirms). */
        int more_new = d->n_new > nnew_u;
        unsigned why = 0;
        if (trig_t && d->sum >= 0 && sum_u >= 0 && d->sum - sum_u >= 500)
            why |= LDRT__IW_TARGET_GROWTH;
        if (!trig_t && tpd)
            why |= LDRT__IW_TARGET_NEW_PD;
        if (trig_nt && d->nt_increase)
            why |= LDRT__IW_NT_INCREASE;
        if (!trig_nt && ntpd)
            why |= LDRT__IW_NT_NEW_PD;
        if (d->nlt_sum - nlt_u >= 500)
            why |= LDRT__IW_NLT_GROWTH;
        if (d->nlnt_increase || d->nlnt_pd)
            why |= LDRT__IW_NLNT_INCREASE;
        if (more_new)
            why |= LDRT__IW_MORE_NEW;
        int confirm = why != 0;
        d->iupd_at = (int32_t)u;
        if (lo[k] - hi[u] < min_gap && !more_new) {
            d->overall = LDRT_RESPONSE_IUPD;
            d->rule = LDRT_RULE_IUPD_TOO_EARLY;
            continue;
        }
        unsigned persist = (trig_t && tpd ? LDRT__IW_PERSIST_TARGET : 0u) |
                           (trig_nt && ntpd ? LDRT__IW_PERSIST_NT : 0u) |
                           (trig_new && d->n_new > 0 &&
                                    !(d->sum >= 0 && sum_u >= 0 && d->n_missing == 0 &&
                                      d->sum < sum_u)
                                ? LDRT__IW_PERSIST_NEW
                                : 0u);
        if (confirm) {
            st = CONFIRMED;
            d->overall = LDRT_RESPONSE_ICPD;
            d->rule = LDRT_RULE_ICPD;
            d->iwhy = (uint16_t)why;
            pd_from[k] = (int32_t)u;
        } else if (persist) {
            d->iwhy = (uint16_t)persist;
            /* EORTC iRECIST FAQ ("Assigning response after the appearance of
             * new lesions"): a new-lesion iUPD with no change in any disease
             * measurement stays iUPD (scenario F); further shrinkage of the
             * baseline targets allows iPR (scenario B). */
            d->overall = LDRT_RESPONSE_IUPD;
            d->rule = LDRT_RULE_IUPD_PERSISTS;
        } else if (base == LDRT_RESPONSE_NE) {
            d->overall = LDRT_RESPONSE_NE;
            d->rule = base_rule;
        } else {
            /* Reset the bar: the next progression must be confirmed again. */
            st = NORMAL;
            nnew_ref = d->n_new;
            nlt_nadir = d->nlt_sum;
            d->overall = to_i(base, d->n_new);
            d->rule = base_rule;
        }
    }
}
