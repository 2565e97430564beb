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

#include "response_internal.h"

#define MAX_LESION (1 << 20)

/* Which states a role may take (bit per ::ldrt_lesion_state). */
static const unsigned allowed_states[6] = {
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
};

static const char *role_word(int r)
{
    switch (r) {
    case LDRT_ROLE_TARGET: return "target";
    case LDRT_ROLE_NON_TARGET: return "non-target";
    default: return "new";
    }
}

int ldrt__validate_rows(int criteria, size_t n_patients, const int64_t *patient_offsets,
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
    for (int64_t t = 0; t < n_tp; t++)
        if (tp_offsets[t + 1] < tp_offsets[t])
            return ldrt__error(LDRT_EINVAL, "tp_offsets[%lld]: must not decrease (%lld < %lld)",
                               (long long)(t + 1), (long long)tp_offsets[t + 1],
                               (long long)tp_offsets[t]);
    int64_t n_rows = tp_offsets[n_tp];
    if (n_rows > 0) {
        LDRT__CHECK_NOT_NULL(lesion);
        LDRT__CHECK_NOT_NULL(role);
        LDRT__CHECK_NOT_NULL(state);
        LDRT__CHECK_NOT_NULL(value);
    }
    /* Row by row: a branch-free scan first, details only on failure. */
    int32_t max_lesion = -1;
    unsigned bad = 0;
    for (int64_t i = 0; i < n_rows; i++) {
        unsigned r = role[i] & ~(unsigned)LDRT_ROLE_NODAL, s = state[i];
        unsigned okr = (r >= 1u && r <= 5u) && (role[i] & 0xe0u) == 0;
        unsigned oks = s < 7u && okr && ((allowed_states[r] >> s) & 1u);
        double v = value[i];
        unsigned okv = s != LDRT_STATE_PRESENT || isnan(v) || (v >= 0 && v <= 1e7);
        unsigned okl = lesion[i] >= 0 && lesion[i] < MAX_LESION;
        bad |= !(okr && oks && okv && okl);
        if (lesion[i] > max_lesion)
            max_lesion = lesion[i];
    }
    if (bad) {
        for (int64_t i = 0; i < n_rows; i++) {
            unsigned r = role[i] & ~(unsigned)LDRT_ROLE_NODAL, s = state[i];
            if (!(r >= 1u && r <= 5u) || (role[i] & 0xe0u))
                return ldrt__error(LDRT_EINVAL, "role[%lld]: not a lesion role (got %u)",
                                   (long long)i, role[i]);
            if (s >= 7u)
                return ldrt__error(LDRT_EINVAL, "state[%lld]: not a lesion state (got %u)",
                                   (long long)i, s);
            if (!((allowed_states[r] >> s) & 1u))
                return ldrt__error(LDRT_EINVAL, "state[%lld]: state %u does not apply to a %s row",
                                   (long long)i, s,
                                   r == LDRT_ROLE_REFERENCE ? "reference" : role_word((int)r));
            if (lesion[i] < 0 || lesion[i] >= MAX_LESION)
                return ldrt__error(LDRT_EINVAL, "lesion[%lld]: must be from 0 to %d (got %d)",
                                   (long long)i, MAX_LESION - 1, lesion[i]);
            if (s == LDRT_STATE_PRESENT && !isnan(value[i]) &&
                !(value[i] >= 0 && value[i] <= 1e7))
                return ldrt__error(LDRT_EINVAL, "value[%lld]: must be >= 0 and finite, or NaN (got %g)",
                                   (long long)i, value[i]);
        }
    }
    (void)criteria;
    if (n_rows == 0)
        return LDRT_OK;
    /* Lesion identity: baseline roles, no duplicate in a scan. */
    uint8_t *mark = ldrt__calloc((size_t)max_lesion + 1, 1);
    int64_t *seen = ldrt__calloc((size_t)max_lesion + 1, sizeof *seen);
    if (!mark || !seen) {
        ldrt__free(mark);
        ldrt__free(seen);
        return LDRT_ENOMEM;
    }
    int rc = LDRT_OK;
    for (size_t p = 0; p < n_patients && rc == LDRT_OK; p++) {
        int64_t t0 = patient_offsets[p], t1 = patient_offsets[p + 1];
        for (int64_t t = t0; t < t1 && rc == LDRT_OK; t++) {
            int n_ref = 0;
            for (int64_t i = tp_offsets[t]; i < tp_offsets[t + 1]; i++) {
                int r = role[i] & ~LDRT_ROLE_NODAL;
                int32_t l = lesion[i];
                if (r == LDRT_ROLE_REFERENCE) {
                    if (++n_ref > 1)
                        rc = ldrt__error(LDRT_EINVAL,
                                         "role[%lld]: a second reference row in time point %lld",
                                         (long long)i, (long long)(t - t0));
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
                        rc = ldrt__error(LDRT_EINVAL,
                                         "role[%lld]: a new lesion at baseline (patient %zu)",
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
    }
    ldrt__free(mark);
    ldrt__free(seen);
    return rc;
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

void ldrt__recist_patient(size_t n_tp, const int64_t *tp_offsets, const int32_t *lesion,
                          const uint8_t *role, const uint8_t *state, const double *value,
                          ldrt__tp *detail, int32_t *overall, int32_t *target,
                          int32_t *non_target, double *sum_mm, int32_t *rule)
{
    if (n_tp == 0)
        return;
    /* Baseline. */
    int32_t n_t = 0, n_nt = 0;
    int64_t base = 0;
    int incomplete = 0;
    for (int64_t i = tp_offsets[0]; i < tp_offsets[1]; i++) {
        int r = role[i] & ~LDRT_ROLE_NODAL;
        if (r == LDRT_ROLE_TARGET) {
            int64_t c = target_size(state[i], value[i]);
            n_t++;
            if (c < 0)
                incomplete = 1;
            else
                base += c;
        } else if (r == LDRT_ROLE_NON_TARGET) {
            n_nt++;
        }
    }
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
    int64_t nadir = base;
    int prev_cr = 0;
    for (size_t k = 1; k < n_tp; k++) {
        int64_t sum = 0, nlt = 0;
        int32_t measured = 0, nt_eval = 0, n_new = 0, note = -1;
        int notcr = 0, reappeared = 0, nt_pd = 0, nt_present = 0, nt_reappeared = 0;
        int nt_inc = 0, nlnt_inc = 0, nlnt_pd = 0, new_yes = 0, new_eq = 0;
        for (int64_t i = tp_offsets[k]; i < tp_offsets[k + 1]; i++) {
            uint8_t ro = role[i], st = state[i];
            int nodal = ro & LDRT_ROLE_NODAL;
            switch (ro & ~LDRT_ROLE_NODAL) {
            case LDRT_ROLE_TARGET: {
                int64_t c = target_size(st, value[i]);
                if (c < 0)
                    break;
                measured++;
                sum += c;
                /* CR: non-nodal lesions gone, nodes < 10 mm short axis. */
                int residual = nodal ? c >= 1000 : c > 0;
                notcr |= residual;
                if (residual && prev_cr && !reappeared) {
                    reappeared = 1;
                    note = lesion[i];
                }
                break;
            }
            case LDRT_ROLE_NON_TARGET: {
                if (st == LDRT_STATE_NOT_EVALUATED)
                    break;
                nt_eval++;
                if (st == LDRT_STATE_PROGRESSION) {
                    nt_pd = 1;
                    if (note < 0) note = lesion[i];
                    break;
                }
                if (st == LDRT_STATE_INCREASED)
                    nt_inc = 1;
                int normal = st == LDRT_STATE_ABSENT ||
                             (nodal && (st == LDRT_STATE_TOO_SMALL ||
                                        (st == LDRT_STATE_PRESENT && !isnan(value[i]) &&
                                         ldrt__centi(value[i]) < 1000)));
                if (!normal) {
                    nt_present = 1;
                    if (prev_cr && !nt_reappeared) {
                        nt_reappeared = 1;
                        if (!reappeared) note = lesion[i];
                    }
                }
                break;
            }
            case LDRT_ROLE_NEW:
            case LDRT_ROLE_NEW_TARGET:
                if (st == LDRT_STATE_ABSENT || st == LDRT_STATE_NOT_EVALUATED)
                    break;
                if (st == LDRT_STATE_EQUIVOCAL) {
                    new_eq = 1;
                    break;
                }
                new_yes = 1;
                n_new++;
                if ((ro & ~LDRT_ROLE_NODAL) == LDRT_ROLE_NEW_TARGET) {
                    int64_t c = target_size(st, value[i]);
                    if (c > 0) nlt += c;
                } else if (st == LDRT_STATE_PROGRESSION) {
                    nlnt_pd = 1;
                } else if (st == LDRT_STATE_INCREASED) {
                    nlnt_inc = 1;
                }
                if (note < 0 && !nt_pd && !reappeared) note = lesion[i];
                break;
            default:
                break;
            }
        }
        int32_t missing = n_t - measured;
        int32_t tr = LDRT_RESPONSE_NONE, ntr = LDRT_RESPONSE_NONE, ov, ru;
        int tpd = 0;
        if (n_t > 0) {
            if (incomplete) {
                tr = LDRT_RESPONSE_NE;
            } else if (10 * sum >= 12 * nadir && sum - nadir >= 500) {
                /* The known sum is a lower bound: PD stays PD whatever a
                 * missing lesion measures. */
                tr = LDRT_RESPONSE_PD;
                tpd = 1;
            } else if (reappeared) {
                tr = LDRT_RESPONSE_PD;
            } else if (missing > 0) {
                tr = LDRT_RESPONSE_NE;
            } else if (!notcr) {
                tr = LDRT_RESPONSE_CR;
            } else if (10 * sum <= 7 * base) {
                tr = LDRT_RESPONSE_PR;
            } else {
                tr = LDRT_RESPONSE_SD;
            }
        }
        if (n_nt > 0) {
            if (nt_pd || nt_reappeared)
                ntr = LDRT_RESPONSE_PD;
            else if (nt_eval < n_nt)
                ntr = LDRT_RESPONSE_NE;
            else if (nt_present)
                ntr = LDRT_RESPONSE_NON_CR_NON_PD;
            else
                ntr = LDRT_RESPONSE_CR;
        }
        if (tr == LDRT_RESPONSE_PD) {
            ov = LDRT_RESPONSE_PD;
            ru = tpd ? LDRT_RULE_TARGET_PD : LDRT_RULE_TARGET_REAPPEARED;
        } else if (ntr == LDRT_RESPONSE_PD) {
            ov = LDRT_RESPONSE_PD;
            ru = nt_pd ? LDRT_RULE_NON_TARGET_PD : LDRT_RULE_NON_TARGET_REAPPEARED;
        } else if (new_yes) {
            ov = LDRT_RESPONSE_PD;
            ru = LDRT_RULE_NEW_LESION;
        } else if (n_t > 0) {
            switch (tr) {
            case LDRT_RESPONSE_NE:
                ov = LDRT_RESPONSE_NE;
                ru = incomplete ? LDRT_RULE_BASELINE_INCOMPLETE : LDRT_RULE_TARGET_MISSING;
                break;
            case LDRT_RESPONSE_CR:
                if (ntr == LDRT_RESPONSE_NON_CR_NON_PD) {
                    ov = LDRT_RESPONSE_PR;
                    ru = LDRT_RULE_CR_NON_TARGET_PRESENT;
                } else if (ntr == LDRT_RESPONSE_NE) {
                    ov = LDRT_RESPONSE_PR;
                    ru = LDRT_RULE_CR_NON_TARGET_NE;
                } else {
                    ov = LDRT_RESPONSE_CR;
                    ru = LDRT_RULE_CR;
                }
                break;
            case LDRT_RESPONSE_PR:
                ov = LDRT_RESPONSE_PR;
                ru = LDRT_RULE_TARGET_PR;
                break;
            default:
                ov = LDRT_RESPONSE_SD;
                ru = LDRT_RULE_TARGET_SD;
                break;
            }
        } else if (n_nt > 0) {
            if (ntr == LDRT_RESPONSE_CR) {
                ov = LDRT_RESPONSE_CR;
                ru = LDRT_RULE_NON_TARGET_CR;
            } else if (ntr == LDRT_RESPONSE_NON_CR_NON_PD) {
                ov = LDRT_RESPONSE_NON_CR_NON_PD;
                ru = LDRT_RULE_NON_TARGET_NON_CR;
            } else {
                ov = LDRT_RESPONSE_NE;
                ru = LDRT_RULE_NON_TARGET_NE;
            }
        } else {
            ov = LDRT_RESPONSE_NE;
            ru = LDRT_RULE_NO_BASELINE_DISEASE;
        }
        if (overall) overall[k] = ov;
        if (target) target[k] = tr;
        if (non_target) non_target[k] = ntr;
        if (sum_mm) sum_mm[k] = n_t > 0 && measured > 0 ? (double)sum / 100.0 : NAN;
        if (rule) rule[k] = ru;
        if (detail) {
            ldrt__tp *d = &detail[k];
            d->overall = ov;
            d->target = tr;
            d->non_target = ntr;
            d->rule = ru;
            d->new_lesion = (int8_t)(new_yes ? 1 : new_eq ? 2 : 0);
            d->nt_increase = (int8_t)nt_inc;
            d->nlnt_increase = (int8_t)nlnt_inc;
            d->nlnt_pd = (int8_t)nlnt_pd;
            d->target_pd = (int8_t)tpd;
            d->n_targets = n_t;
            d->n_missing = n_t > 0 ? missing : 0;
            d->n_new = n_new;
            d->lesion = note;
            d->sum = n_t > 0 && measured > 0 ? sum : -1;
            d->base = n_t > 0 && !incomplete ? base : -1;
            d->nadir = n_t > 0 && !incomplete ? nadir : -1;
            d->nlt_sum = nlt;
            d->liver = -1;
        }
        if (n_t > 0 && !incomplete && missing == 0 && sum < nadir)
            nadir = sum;
        if (ov != LDRT_RESPONSE_NE)
            prev_cr = ov == LDRT_RESPONSE_CR;
    }
}

int ldrt_recist_classify_arrays(const ldrt_response_options *options, size_t n_patients,
                                const int64_t *patient_offsets, const int64_t *tp_offsets,
                                const int32_t *lesion, const uint8_t *role,
                                const uint8_t *state, const double *value_mm, int32_t *overall,
                                int32_t *target, int32_t *non_target, double *sum_mm,
                                int32_t *rule)
{
    (void)options;
    LDRT__CHECK_NOT_NULL(patient_offsets);
    if (patient_offsets[n_patients] > 0)
        LDRT__CHECK_NOT_NULL(overall);
    int rc = ldrt__validate_rows(LDRT_CRITERIA_RECIST11, n_patients, patient_offsets, tp_offsets,
                                 lesion, role, state, value_mm);
    if (rc != LDRT_OK)
        return rc;
    for (size_t p = 0; p < n_patients; p++) {
        if (patient_offsets[p + 1] == patient_offsets[p])
            continue;
        int64_t t0 = patient_offsets[p];
        size_t n = (size_t)(patient_offsets[p + 1] - t0);
        ldrt__recist_patient(n, tp_offsets + t0, lesion, role, state, value_mm, NULL,
                             overall + t0, target ? target + t0 : NULL,
                             non_target ? non_target + t0 : NULL, sum_mm ? sum_mm + t0 : NULL,
                             rule ? rule + t0 : NULL);
    }
    return LDRT_OK;
}
