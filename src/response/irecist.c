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

/* What iRECIST carries from one time point to the next. */
typedef struct {
    enum { NORMAL, PENDING, CONFIRMED } st;
    int ever, trig_t, trig_nt, trig_new;
    size_t u;
    int64_t sum_u, nlt_u, nlt_nadir;
    int32_t nnew_u, nnew_ref;
} irecist_state;

/* Time point k with no iUPD pending: iUPD when something progresses, else the iRECIST label. */
static void irecist_normal(irecist_state *s, ldrt__tp *d, size_t k, int tpd, int ntpd,
                           int32_t base, int32_t base_rule)
{
    int new_trig;
    if (!s->ever) {
        new_trig = d->n_new > 0;
    } else {
        /* After a reset, new lesions already seen trigger iUPD again
         * only if more appear, their targets reach RECIST PD against
         * their own nadir, or their non-targets progress. */
        int nlt_pd = s->nlt_nadir >= 0 && 10 * d->nlt_sum >= 12 * s->nlt_nadir &&
                     d->nlt_sum - s->nlt_nadir >= 500;
        new_trig = d->n_new > s->nnew_ref || nlt_pd || d->nlnt_pd;
    }
    if (tpd || ntpd || new_trig) {
        s->st = PENDING;
        s->ever = 1;
        s->u = k;
        s->trig_t = tpd;
        s->trig_nt = ntpd;
        s->trig_new = new_trig;
        s->sum_u = d->sum;
        s->nlt_u = d->nlt_sum;
        s->nnew_u = d->n_new;
        d->overall = LDRT_RESPONSE_IUPD;
        d->rule = LDRT_RULE_IUPD;
        d->iupd_at = (int32_t)k;
        d->iwhy = (uint16_t)((tpd ? LDRT__IW_TRIG_TARGET : 0) |
                             (ntpd ? LDRT__IW_TRIG_NT : 0) |
                             (new_trig ? LDRT__IW_TRIG_NEW : 0));
    } else {
        d->overall = to_i(base, d->n_new);
        d->rule = base_rule;
        if (s->ever && (s->nlt_nadir < 0 || d->nlt_sum < s->nlt_nadir))
            s->nlt_nadir = d->nlt_sum;
    }
}

/* The evidence confirming a pending iUPD (LDRT__IW_* bits; 0 for none).
 * Increases are measured from the iUPD scan, so they add up across scans
 * (+4 mm then +2 mm confirms). */
static unsigned irecist_confirm_why(const irecist_state *s, const ldrt__tp *d, int tpd, int ntpd)
{
    unsigned why = 0;
    if (s->trig_t && d->sum >= 0 && s->sum_u >= 0 && d->sum - s->sum_u >= 500)
        why |= LDRT__IW_TARGET_GROWTH;
    if (!s->trig_t && tpd)
        why |= LDRT__IW_TARGET_NEW_PD;
    if (s->trig_nt && d->nt_increase)
        why |= LDRT__IW_NT_INCREASE;
    if (!s->trig_nt && ntpd)
        why |= LDRT__IW_NT_NEW_PD;
    if (d->nlt_sum - s->nlt_u >= 500)
        why |= LDRT__IW_NLT_GROWTH;
    if (d->nlnt_increase || d->nlnt_pd)
        why |= LDRT__IW_NLNT_INCREASE;
    if (d->n_new > s->nnew_u)
        why |= LDRT__IW_MORE_NEW;
    return why;
}

/* The evidence that the pending iUPD persists without confirmation (LDRT__IW_PERSIST_* bits). */
static unsigned irecist_persist_why(const irecist_state *s, const ldrt__tp *d, int tpd, int ntpd)
{
    return (s->trig_t && tpd ? LDRT__IW_PERSIST_TARGET : 0u) |
           (s->trig_nt && ntpd ? LDRT__IW_PERSIST_NT : 0u) |
           (s->trig_new && d->n_new > 0 &&
                    !(d->sum >= 0 && s->sum_u >= 0 && d->n_missing == 0 && d->sum < s->sum_u)
                ? LDRT__IW_PERSIST_NEW
                : 0u);
}

void ldrt__irecist_patient(const ldrt_response_options *opt, size_t n, const int64_t *lo,
                           const int64_t *hi, ldrt__tp *detail, int32_t *pd_from)
{
    int64_t min_gap = (int64_t)ldrt__opt(opt, LDRT_SET_ICONFIRM_MIN_DAYS) -
                      (int64_t)ldrt__opt(opt, LDRT_SET_ICONFIRM_TOLERANCE_DAYS);
    irecist_state s = { .st = NORMAL, .sum_u = -1, .nlt_nadir = -1 };
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
        if (s.st == CONFIRMED) {
            d->overall = LDRT_RESPONSE_ICPD;
            d->rule = LDRT_RULE_ICPD;
            d->iupd_at = (int32_t)s.u;
            pd_from[k] = (int32_t)s.u;
            continue;
        }
        if (s.st == NORMAL) {
            irecist_normal(&s, d, k, tpd, ntpd, base, base_rule);
            continue;
        }
        /* PENDING: gather the evidence, then decide. */
        int more_new = d->n_new > s.nnew_u;
        unsigned why = irecist_confirm_why(&s, d, tpd, ntpd);
        unsigned persist = irecist_persist_why(&s, d, tpd, ntpd);
        d->iupd_at = (int32_t)s.u;
        if (lo[k] - hi[s.u] < min_gap && !more_new) {
            d->overall = LDRT_RESPONSE_IUPD;
            d->rule = LDRT_RULE_IUPD_TOO_EARLY;
        } else if (why != 0) {
            s.st = CONFIRMED;
            d->overall = LDRT_RESPONSE_ICPD;
            d->rule = LDRT_RULE_ICPD;
            d->iwhy = (uint16_t)why;
            pd_from[k] = (int32_t)s.u;
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
            s.st = NORMAL;
            s.nnew_ref = d->n_new;
            s.nlt_nadir = d->nlt_sum;
            d->overall = to_i(base, d->n_new);
            d->rule = base_rule;
        }
    }
}
