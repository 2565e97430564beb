/*
 * PERCIST 1.0 (Wahl et al., J Nucl Med 2009;50:122S-150S; thresholds as
 * tabulated in PMC2938069 T3 and PMC4377159 T2): SULpeak of the hottest lesion
 * of each scan (not necessarily the same lesion), CMR / PMR / SMD / PMD, new
 * FDG-avid lesions. Exact to 0.001 SUL.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "response_internal.h"

void ldrt__percist_patient(const ldrt_response_options *opt, size_t n,
                           const int64_t *tp_offsets, const uint8_t *role,
                           const uint8_t *state, const double *value, ldrt__tp *detail)
{
    int64_t pmr_pct = ldrt__milli(ldrt__opt(opt, LDRT_SET_PERCIST_PMR_PCT));
    int64_t pmr_abs = ldrt__milli(ldrt__opt(opt, LDRT_SET_PERCIST_PMR_SUL));
    int64_t pmd_pct = ldrt__milli(ldrt__opt(opt, LDRT_SET_PERCIST_PMD_PCT));
    int64_t pmd_abs = ldrt__milli(ldrt__opt(opt, LDRT_SET_PERCIST_PMD_SUL));
    int64_t base = -1;
    int32_t n_t = 0;
    for (size_t k = 0; k < n; k++) {
        int64_t h = -1, liver = -1, pool = -1;
        int32_t measured = 0, n_new = 0, rows_t = 0;
        for (int64_t i = tp_offsets[k]; i < tp_offsets[k + 1]; i++) {
            int r = role[i] & ~LDRT_ROLE_NODAL;
            uint8_t st = state[i];
            if (r == LDRT_ROLE_TARGET) {
                rows_t++;
                int64_t m = -1;
                if (st == LDRT_STATE_PRESENT && !isnan(value[i]))
                    m = ldrt__milli(value[i]);
                else if (st == LDRT_STATE_ABSENT)
                    m = 0;
                if (m >= 0) {
                    measured++;
                    if (m > h)
                        h = m;
                }
            } else if (r == LDRT_ROLE_NEW || r == LDRT_ROLE_NEW_TARGET) {
                if (st != LDRT_STATE_ABSENT && st != LDRT_STATE_NOT_EVALUATED &&
                    st != LDRT_STATE_EQUIVOCAL)
                    n_new++;
            } else if (r == LDRT_ROLE_REFERENCE && st == LDRT_STATE_PRESENT && !isnan(value[i])) {
                liver = ldrt__milli(value[i]);
            } else if (r == LDRT_ROLE_BLOOD_POOL && st == LDRT_STATE_PRESENT &&
                       !isnan(value[i])) {
                pool = ldrt__milli(value[i]);
            }
        }
        ldrt__tp *d = &detail[k];
        memset(d, 0, sizeof *d);
        d->lesion = -1;
        d->nadir = -1;
        d->liver = liver;
        d->blood_pool = pool;
        d->n_new = n_new;
        d->new_lesion = (int8_t)(n_new > 0);
        d->sum = h;
        d->non_target = LDRT_RESPONSE_NONE;
        if (k == 0) {
            n_t = rows_t;
            base = measured == rows_t && rows_t > 0 ? h : -1;
            d->base = base;
            d->n_targets = n_t;
            d->rule = base < 0 ? LDRT_RULE_BASELINE_INCOMPLETE : LDRT_RULE_BASELINE;
            d->overall = d->target = LDRT_RESPONSE_NONE;
            continue;
        }
        d->base = base;
        d->n_targets = n_t;
        d->n_missing = n_t - measured > 0 ? n_t - measured : 0;
        int32_t ov, ru;
        if (n_new > 0) {
            ov = LDRT_RESPONSE_PMD;
            ru = LDRT_RULE_NEW_LESION;
        } else if (base < 0) {
            ov = LDRT_RESPONSE_NE;
            ru = LDRT_RULE_BASELINE_INCOMPLETE;
        } else if (h >= 0 && (h - base) * 100000 > pmd_pct * base && h - base > pmd_abs) {
            /* The known hottest value is a lower bound: PMD holds whatever a
             * lesion not evaluated shows. */
            ov = LDRT_RESPONSE_PMD;
            ru = LDRT_RULE_PMD;
        } else if (measured < n_t || h < 0) {
            ov = LDRT_RESPONSE_NE;
            ru = measured == 0 ? LDRT_RULE_NOT_EVALUATED : LDRT_RULE_TARGET_MISSING;
        } else if (h == 0 || (liver >= 0 && h < liver && (pool < 0 || h <= pool))) {
            /* Wahl 2009: uptake resolved "so that it is less than mean liver
             * activity and indistinguishable from surrounding background
             * blood-pool levels": strictly below the liver mean, and not
             * above the blood pool when it is recorded. */
            ov = LDRT_RESPONSE_CMR;
            ru = LDRT_RULE_CMR;
        } else if ((base - h) * 100000 >= pmr_pct * base && base - h >= pmr_abs) {
            ov = LDRT_RESPONSE_PMR;
            ru = LDRT_RULE_PMR;
        } else {
            ov = LDRT_RESPONSE_SMD;
            ru = LDRT_RULE_SMD;
        }
        d->overall = d->target = ov;
        d->rule = ru;
    }
}
