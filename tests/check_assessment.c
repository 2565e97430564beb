/*
 * Tests of the array engine's entry points (src/response/assessment.c and
 * the cohort call of src/response/recist.c): the cohort engine against the
 * per-patient assessment and an independent reference, every bad argument,
 * allocation failures.
 * Every expected number is a hand calculation written next to it.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "response_rows.h"
#include "testutil.h"

/* ---- the cohort engine ------------------------------------------------------------------ */

/* Deterministic generator (64-bit LCG, Knuth MMIX constants). */
static uint64_t lcg_state;
static uint32_t lcg(void)
{
    lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(lcg_state >> 33);
}

START_TEST(cohort_matches_per_patient_assessment)
{
    /* 300 synthetic patients through the cohort call, each compared with its
     * own per-patient assessment (same engine, different entry: offsets,
     * output arrays and the per-patient wrapper must agree). */
    enum { NP = 300 };
    static int64_t poff[NP + 1], toff[NP * 8 + 1];
    static int32_t les[NP * 8 * 6];
    static uint8_t rol[NP * 8 * 6], sta[NP * 8 * 6];
    static double val[NP * 8 * 6];
    static int32_t ov[NP * 8], tg[NP * 8], ntg[NP * 8], ru[NP * 8];
    static double sm[NP * 8];
    lcg_state = 42;
    int64_t t = 0, r = 0;
    for (int p = 0; p < NP; p++) {
        poff[p] = t;
        int ntp = 1 + (int)(lcg() % 6), nt = (int)(lcg() % 4), nnt = (int)(lcg() % 3);
        double size[4];
        for (int k = 0; k < ntp; k++, t++) {
            toff[t] = r;
            for (int l = 0; l < nt; l++, r++) {
                if (k == 0) size[l] = 10 + lcg() % 40;
                else size[l] = size[l] * (0.6 + (lcg() % 60) / 100.0);
                les[r] = l;
                rol[r] = LDRT_ROLE_TARGET;
                sta[r] = LDRT_STATE_PRESENT;
                val[r] = size[l];
                if (k > 0 && lcg() % 20 == 0) sta[r] = LDRT_STATE_NOT_EVALUATED;
                if (k > 0 && lcg() % 15 == 0) sta[r] = LDRT_STATE_ABSENT;
            }
            for (int l = 0; l < nnt; l++, r++) {
                les[r] = 4 + l;
                rol[r] = LDRT_ROLE_NON_TARGET;
                sta[r] = k == 0 ? LDRT_STATE_PRESENT : (uint8_t)(lcg() % 2 ? LDRT_STATE_PRESENT : LDRT_STATE_ABSENT);
                if (k > 0 && lcg() % 25 == 0) sta[r] = LDRT_STATE_PROGRESSION;
                val[r] = NAN;
            }
            if (k > 0 && lcg() % 12 == 0) {
                les[r] = 9;
                rol[r] = LDRT_ROLE_NEW;
                sta[r] = LDRT_STATE_PRESENT;
                val[r] = NAN;
                r++;
            }
        }
    }
    poff[NP] = t;
    toff[t] = r;
    tu_assert_ok(ldrt_recist_classify_arrays(NULL, NP, poff, toff, les, rol, sta, val, ov, tg,
                                             ntg, sm, ru));
    int seen[8] = { 0 }, reread = 0;
    for (int p = 0; p < NP; p++) {
        size_t n = (size_t)(poff[p + 1] - poff[p]);
        ldrt_date dates[8];
        int64_t off[9];
        for (size_t k = 0; k < n; k++) {
            ldrt_date_add_days(20230101, (int64_t)k * 60, &dates[k]);
            off[k] = toff[poff[p] + (int64_t)k] - toff[poff[p]];
        }
        off[n] = toff[poff[p + 1]] - toff[poff[p]];
        int64_t r0 = toff[poff[p]];
        ldrt_assessment *a = NULL;
        tu_assert_ok(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, n, dates, off, les + r0,
                                        rol + r0, sta + r0, val + r0, &a));
        for (size_t k = 0; k < n; k++) {
            ldrt_response nn;
            ldrt_response o;
            ldrt_response_rule rr;
            ldrt_response tt;
            double s;
            tu_assert_ok(ldrt_assessment_timepoint(a, k, NULL, &o, &tt, &nn, NULL));
            tu_assert_ok(ldrt_assessment_rule(a, k, &rr));
            tu_assert_ok(ldrt_assessment_values(a, k, &s, NULL, NULL));
            int64_t g = poff[p] + (int64_t)k;
            /* The cohort call has no dates, so it reads a reappearance after
             * any overall CR as PD (as when confirmation is not required);
             * the per-patient path does so only after a confirmed CR, and
             * its reason says when it did not. */
            if ((ru[g] == LDRT_RULE_TARGET_REAPPEARED ||
                 ru[g] == LDRT_RULE_NON_TARGET_REAPPEARED) && (int32_t)rr != ru[g]) {
                ck_assert_ptr_nonnull(strstr(ldrt_assessment_reason(a, k), "not confirmed"));
                reread++;
                continue;
            }
            ck_assert_int_eq(o, ov[g]);
            ck_assert_int_eq(tt, tg[g]);
            ck_assert_int_eq(nn, ntg[g]);
            ck_assert_int_eq(rr, ru[g]);
            if (k > 0 && !isnan(sm[g]))
                ck_assert_double_eq_tol(s, sm[g], 1e-9);
            if (ov[g] >= 0 && ov[g] < 8) seen[ov[g]]++;
        }
        ldrt_assessment_free(a);
    }
    /* The generator reaches every RECIST label, and the re-reading. */
    for (int l = LDRT_RESPONSE_CR; l <= LDRT_RESPONSE_NON_CR_NON_PD; l++)
        ck_assert_msg(seen[l] > 0, "label %s never produced", ldrt_response_label_name(l));
    ck_assert_int_gt(reread, 0);
}
END_TEST


/* An independent RECIST 1.1 classifier for the randomised comparison below:
 * written from Tables 1-2 and section 4 of RECIST 1.1 directly, per lesion
 * (lookups by lesion index, sizes in integer tenths of a millimetre), sharing
 * no code with the library. */
enum { RL_MAXL = 12 };
typedef struct {
    int present;      /* row given */
    int role, nodal, state;
    int tenths;       /* size, when measured */
} ref_row;

static int ref_size(const ref_row *r)
{
    if (!r->present) return -1;
    if (r->state == LDRT_STATE_TOO_SMALL) return 50;
    if (r->state == LDRT_STATE_ABSENT) return 0;
    if (r->state == LDRT_STATE_PRESENT && r->tenths >= 0) return r->tenths;
    return -1;
}

static void ref_classify(int ntp, ref_row rows[][RL_MAXL], int *out)
{
    int is_t[RL_MAXL] = { 0 }, is_nt[RL_MAXL] = { 0 }, nt_count = 0, t_count = 0;
    long base = 0;
    int incomplete = 0;
    for (int l = 0; l < RL_MAXL; l++) {
        const ref_row *r = &rows[0][l];
        if (!r->present) continue;
        if (r->role == LDRT_ROLE_TARGET) {
            is_t[l] = 1;
            t_count++;
            if (ref_size(r) < 0) incomplete = 1; else base += ref_size(r);
        } else if (r->role == LDRT_ROLE_NON_TARGET) {
            is_nt[l] = 1;
            nt_count++;
        }
    }
    long nadir = base;
    int prev_cr = 0;
    out[0] = LDRT_RESPONSE_NONE;
    for (int k = 1; k < ntp; k++) {
        long known = 0;
        int missing = 0, all_gone = 1, reappeared = 0;
        for (int l = 0; l < RL_MAXL; l++) {
            if (!is_t[l]) continue;
            const ref_row *r = &rows[k][l];
            int sz = ref_size(r);
            if (sz < 0) { missing++; continue; }
            known += sz;
            int residual = r->nodal ? sz >= 100 : sz > 0;
            if (residual) { all_gone = 0; if (prev_cr) reappeared = 1; }
        }
        int nt_pd = 0, nt_ne = 0, nt_present = 0;
        for (int l = 0; l < RL_MAXL; l++) {
            if (!is_nt[l]) continue;
            const ref_row *r = &rows[k][l];
            if (!r->present || r->state == LDRT_STATE_NOT_EVALUATED) { nt_ne = 1; continue; }
            if (r->state == LDRT_STATE_PROGRESSION) { nt_pd = 1; continue; }
            int normal = r->state == LDRT_STATE_ABSENT ||
                         (r->nodal && (r->state == LDRT_STATE_TOO_SMALL ||
                                       (r->state == LDRT_STATE_PRESENT && r->tenths >= 0 && r->tenths < 100)));
            if (!normal) { nt_present = 1; if (prev_cr) nt_pd = 1; }
        }
        int new_lesion = 0;
        for (int l = 0; l < RL_MAXL; l++) {
            const ref_row *r = &rows[k][l];
            if (r->present && (r->role == LDRT_ROLE_NEW || r->role == LDRT_ROLE_NEW_TARGET) &&
                (r->state == LDRT_STATE_PRESENT || r->state == LDRT_STATE_TOO_SMALL ||
                 r->state == LDRT_STATE_PROGRESSION || r->state == LDRT_STATE_INCREASED))
                new_lesion = 1;
        }
        /* Target response. */
        int t = LDRT_RESPONSE_NONE;
        if (t_count > 0) {
            if (incomplete) t = LDRT_RESPONSE_NE;
            else if ((known * 10 >= nadir * 12 && known - nadir >= 50) || reappeared) t = LDRT_RESPONSE_PD;
            else if (missing) t = LDRT_RESPONSE_NE;
            else if (all_gone) t = LDRT_RESPONSE_CR;
            else if (known * 10 <= base * 7) t = LDRT_RESPONSE_PR;
            else t = LDRT_RESPONSE_SD;
        }
        int nt = LDRT_RESPONSE_NONE;
        if (nt_count > 0)
            nt = nt_pd ? LDRT_RESPONSE_PD : nt_ne ? LDRT_RESPONSE_NE
               : nt_present ? LDRT_RESPONSE_NON_CR_NON_PD : LDRT_RESPONSE_CR;
        int o;
        if (t == LDRT_RESPONSE_PD || nt == LDRT_RESPONSE_PD || new_lesion) o = LDRT_RESPONSE_PD;
        else if (t_count > 0) {
            if (t == LDRT_RESPONSE_NE) o = LDRT_RESPONSE_NE;
            else if (t == LDRT_RESPONSE_CR)
                o = (nt == LDRT_RESPONSE_CR || nt == LDRT_RESPONSE_NONE) ? LDRT_RESPONSE_CR : LDRT_RESPONSE_PR;
            else o = t;
        } else if (nt_count > 0) {
            o = nt == LDRT_RESPONSE_CR ? LDRT_RESPONSE_CR
              : nt == LDRT_RESPONSE_NON_CR_NON_PD ? LDRT_RESPONSE_NON_CR_NON_PD : LDRT_RESPONSE_NE;
        } else o = LDRT_RESPONSE_NE;
        out[k] = o;
        if (t_count > 0 && !incomplete && !missing && known < nadir) nadir = known;
        if (o != LDRT_RESPONSE_NE) prev_cr = o == LDRT_RESPONSE_CR;
    }
}

START_TEST(cohort_matches_independent_reference)
{
    /* 2000 random patients with targets (some nodal), non-targets, new
     * lesions, missing and too-small measurements, equivocal new lesions and
     * disappearances: every label of the library equals the independent
     * classifier's. Sizes are whole tenths of a millimetre. */
    enum { NP = 2000, MAXTPP = 8 };
    static int64_t poff[NP + 1], toff[NP * MAXTPP + 1];
    static int32_t les[NP * MAXTPP * RL_MAXL];
    static uint8_t rol[NP * MAXTPP * RL_MAXL], sta[NP * MAXTPP * RL_MAXL];
    static double val[NP * MAXTPP * RL_MAXL];
    static int32_t ov[NP * MAXTPP];
    static ref_row rows[NP][MAXTPP][RL_MAXL];
    static int ntps[NP];
    lcg_state = 2027;
    int64_t t = 0, r = 0;
    memset(rows, 0, sizeof rows);
    for (int p = 0; p < NP; p++) {
        poff[p] = t;
        int ntp = 2 + (int)(lcg() % (MAXTPP - 1)), nt = (int)(lcg() % 4), nnt = (int)(lcg() % 3);
        ntps[p] = ntp;
        int tenths[RL_MAXL], nodal[RL_MAXL];
        for (int l = 0; l < nt + nnt; l++) {
            nodal[l] = lcg() % 4 == 0;
            tenths[l] = (int)(100 + lcg() % 400);
        }
        for (int k = 0; k < ntp; k++, t++) {
            toff[t] = r;
            for (int l = 0; l < nt + nnt; l++) {
                int is_target = l < nt;
                ref_row *x = &rows[p][k][l];
                if (k > 0 && lcg() % 25 == 0)
                    continue; /* row absent: not evaluated */
                x->present = 1;
                x->role = is_target ? LDRT_ROLE_TARGET : LDRT_ROLE_NON_TARGET;
                x->nodal = nodal[l];
                x->tenths = -1;
                int u = (int)(lcg() % 100);
                if (is_target) {
                    if (k > 0) tenths[l] = tenths[l] * (60 + (int)(lcg() % 70)) / 100;
                    x->state = LDRT_STATE_PRESENT;
                    x->tenths = tenths[l];
                    if (k > 0 && u < 10) { x->state = LDRT_STATE_ABSENT; x->tenths = -1; }
                    else if (k > 0 && u < 14) { x->state = LDRT_STATE_TOO_SMALL; x->tenths = -1; }
                    else if (k > 0 && u < 18) { x->state = LDRT_STATE_NOT_EVALUATED; x->tenths = -1; }
                    else if (k > 0 && u < 21) x->tenths = -1; /* NaN: not evaluated */
                } else {
                    x->state = k == 0 ? LDRT_STATE_PRESENT
                             : u < 40 ? LDRT_STATE_PRESENT : u < 75 ? LDRT_STATE_ABSENT
                             : u < 82 ? LDRT_STATE_NOT_EVALUATED : u < 86 ? LDRT_STATE_PROGRESSION
                             : u < 92 ? LDRT_STATE_INCREASED : LDRT_STATE_TOO_SMALL;
                    if (x->state == LDRT_STATE_PRESENT && x->nodal && lcg() % 2)
                        x->tenths = (int)(50 + lcg() % 150);
                }
                les[r] = l;
                rol[r] = (uint8_t)(x->role | (x->nodal ? LDRT_ROLE_NODAL : 0));
                sta[r] = (uint8_t)x->state;
                val[r] = x->tenths >= 0 ? x->tenths / 10.0 : NAN;
                r++;
            }
            if (k > 0 && lcg() % 10 == 0) {
                ref_row *x = &rows[p][k][RL_MAXL - 1];
                x->present = 1;
                x->role = lcg() % 2 ? LDRT_ROLE_NEW : LDRT_ROLE_NEW_TARGET;
                x->state = lcg() % 3 == 0 ? LDRT_STATE_EQUIVOCAL : LDRT_STATE_PRESENT;
                x->tenths = x->role == LDRT_ROLE_NEW_TARGET ? (int)(50 + lcg() % 200) : -1;
                les[r] = RL_MAXL - 1;
                rol[r] = (uint8_t)x->role;
                sta[r] = (uint8_t)x->state;
                val[r] = x->tenths >= 0 ? x->tenths / 10.0 : NAN;
                r++;
            }
        }
    }
    poff[NP] = t;
    toff[t] = r;
    tu_assert_ok(ldrt_recist_classify_arrays(NULL, NP, poff, toff, les, rol, sta, val, ov, NULL,
                                             NULL, NULL, NULL));
    int seen[8] = { 0 };
    for (int p = 0; p < NP; p++) {
        int want[MAXTPP];
        ref_classify(ntps[p], rows[p], want);
        for (int k = 0; k < ntps[p]; k++) {
            int got = ov[poff[p] + k];
            ck_assert_msg(got == want[k], "patient %d time point %d: library %s, reference %s", p,
                          k, ldrt_response_label_name(got), ldrt_response_label_name(want[k]));
            seen[got]++;
        }
    }
    for (int l = LDRT_RESPONSE_CR; l <= LDRT_RESPONSE_NON_CR_NON_PD; l++)
        ck_assert_msg(seen[l] > 20, "label %s produced %d times", ldrt_response_label_name(l), seen[l]);
}
END_TEST

/* Patients with only targets and the same number of rows at every time point
 * take a path that checks their shape as it classifies; one that only looks
 * like that shape must get the answers and the errors of the full check.
 * Baseline lesions 10, 11, 12 of 30, 20 and 10 mm (sum 60); then 20, 15, 10
 * (sum 45: -25 %, SD) and 15, 10, 5 (sum 30: -50 %, PR). */
START_TEST(cohort_targets_only_shape_is_checked)
{
    enum { NP = 4, NTP = 3, NL = 3 };
    static const int32_t in_order[NTP][NL] = { { 10, 11, 12 }, { 10, 11, 12 }, { 10, 11, 12 } };
    static const double mm[NTP][NL] = { { 30, 20, 10 }, { 20, 15, 10 }, { 15, 10, 5 } };
    int64_t poff[NP + 1], toff[NP * NTP + 1];
    int32_t les[NP * NTP * NL], ov[NP * NTP], tg[NP * NTP];
    uint8_t rol[NP * NTP * NL], sta[NP * NTP * NL];
    double val[NP * NTP * NL], sum[NP * NTP];
    int64_t r = 0;
    for (int p = 0; p < NP; p++) {
        poff[p] = p * NTP;
        for (int k = 0; k < NTP; k++) {
            toff[p * NTP + k] = r;
            for (int i = 0; i < NL; i++, r++) {
                /* Patient 1 lists its follow-up lesions in another order,
                 * with the same sizes: 12, 10, 11. */
                int j = p == 1 && k > 0 ? (i + 2) % NL : i;
                les[r] = in_order[k][j];
                val[r] = mm[k][j];
                rol[r] = LDRT_ROLE_TARGET;
                sta[r] = LDRT_STATE_PRESENT;
            }
        }
    }
    poff[NP] = NP * NTP;
    toff[NP * NTP] = r;
    /* Patient 3: lesion 12 at the last scan replaced by a new target lesion
     * 13 (the same number of rows): PD (RECIST 1.1 section 4.3.1, new lesion). */
    les[3 * NTP * NL + 2 * NL + 2] = 13;
    rol[3 * NTP * NL + 2 * NL + 2] = LDRT_ROLE_NEW_TARGET;
    static const int want[NP][NTP] = {
        { LDRT_RESPONSE_NONE, LDRT_RESPONSE_SD, LDRT_RESPONSE_PR },
        { LDRT_RESPONSE_NONE, LDRT_RESPONSE_SD, LDRT_RESPONSE_PR },
        { LDRT_RESPONSE_NONE, LDRT_RESPONSE_SD, LDRT_RESPONSE_PR },
        { LDRT_RESPONSE_NONE, LDRT_RESPONSE_SD, LDRT_RESPONSE_PD },
    };
    /* The overall response alone, for patients 0-2 (every row a target) and
     * for all four (a new lesion among them); then with the details. */
    for (int pass = 0; pass < 3; pass++) {
        size_t np = pass == 0 ? 3 : NP;
        memset(ov, 0x7f, sizeof ov);
        tu_assert_ok(ldrt_recist_classify_arrays(NULL, np, poff, toff, les, rol, sta, val, ov,
                                                 pass == 2 ? tg : NULL, NULL,
                                                 pass == 2 ? sum : NULL, NULL));
        for (size_t p = 0; p < np; p++)
            for (int k = 0; k < NTP; k++)
                ck_assert_msg(ov[p * NTP + k] == want[p][k], "pass %d patient %zu time point %d: %s",
                              pass, p, k, ldrt_response_label_name(ov[p * NTP + k]));
    }
    ck_assert_double_eq_tol(sum[NTP + 1], 45.0, 1e-9);
    ck_assert_double_eq_tol(sum[NTP + 2], 30.0, 1e-9);
    ck_label(tg[NTP + 2], LDRT_RESPONSE_PR);
    ck_assert_double_eq_tol(sum[3 * NTP + 2], 25.0, 1e-9); /* 15 + 10, lesion 13 not counted */

    /* Errors the shape check must not hide, each in patient 1. */
    int64_t b = NTP * NL;
    les[b + 1] = 10; /* baseline lesion 10 twice */
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 3, poff, toff, les, rol, sta, val, ov, NULL,
                                                NULL, NULL, NULL),
                    LDRT_EINVAL, "appears twice");
    les[b + 1] = 11;
    les[b + NL] = 14; /* a target at follow-up that was not at baseline */
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 3, poff, toff, les, rol, sta, val, ov, NULL,
                                                NULL, NULL, NULL),
                    LDRT_EINVAL, "but absent at baseline");
    les[b + NL] = 12;
    rol[b + NL] = LDRT_ROLE_NON_TARGET; /* a baseline target called a non-target */
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 3, poff, toff, les, rol, sta, val, ov, tg,
                                                NULL, NULL, NULL),
                    LDRT_EINVAL, "but a target at baseline");
    rol[b + NL] = LDRT_ROLE_TARGET;
    /* Patient 2 with 3, 2 and 4 rows (9 in all, as if 3 each): its last
     * time point holds lesion 12 twice. */
    toff[2 * NTP + 2]--;
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 3, poff, toff, les, rol, sta, val, ov, NULL,
                                                NULL, NULL, NULL),
                    LDRT_EINVAL, "lesion 12 appears twice in time point 2 of patient 2");
}
END_TEST

/* Regression (found by fuzzing): a cohort whose time points have no lesion
 * rows may pass NULL row arrays; no pointer arithmetic may touch them. With
 * no disease recorded at baseline nothing can be evaluated: RECIST 1.1
 * gives NE (Eisenhauer 2009, section 4.3.4: overall response needs baseline
 * lesions to compare with). */
START_TEST(cohort_without_rows_accepts_null_arrays)
{
    int64_t poff[2] = { 0, 2 }, toff[3] = { 0, 0, 0 };
    int32_t ov[2] = { -1, -1 };
    tu_assert_ok(ldrt_recist_classify_arrays(NULL, 1, poff, toff, NULL, NULL, NULL, NULL, ov, NULL,
                                             NULL, NULL, NULL));
    ck_assert_int_eq(ov[1], LDRT_RESPONSE_NE);
}
END_TEST

START_TEST(cohort_bad_arguments)
{
    int64_t poff[3] = { 0, 2, 3 }, toff[4] = { 0, 2, 4, 5 };
    int32_t les[5] = { 0, 1, 0, 1, 0 };
    uint8_t rol[5] = { LDRT_ROLE_TARGET, LDRT_ROLE_NON_TARGET, LDRT_ROLE_TARGET,
                       LDRT_ROLE_NON_TARGET, LDRT_ROLE_TARGET };
    uint8_t sta[5] = { 0, 0, 0, 0, 0 };
    double val[5] = { 20, NAN, 10, NAN, 30 };
    int32_t ov[3] = { -7, -7, -7 };
#define RUN() ldrt_recist_classify_arrays(NULL, 2, poff, toff, les, rol, sta, val, ov, NULL, NULL, NULL, NULL)
    tu_assert_ok(RUN());
    ck_label(ov[1], LDRT_RESPONSE_PR); /* 20 -> 10: -50% */
    ck_label(ov[2], LDRT_RESPONSE_NONE);
    ov[0] = ov[1] = ov[2] = -7;
    rol[3] = 9;
    tu_assert_error(RUN(), LDRT_EINVAL, "role[3]");
    rol[3] = LDRT_ROLE_NON_TARGET | 0x40;
    tu_assert_error(RUN(), LDRT_EINVAL, "role[3]");
    rol[3] = LDRT_ROLE_NON_TARGET;
    sta[2] = 9;
    tu_assert_error(RUN(), LDRT_EINVAL, "state[2]");
    sta[2] = LDRT_STATE_PROGRESSION; /* not a target state */
    tu_assert_error(RUN(), LDRT_EINVAL, "state[2]");
    sta[2] = 0;
    val[2] = -1;
    tu_assert_error(RUN(), LDRT_EINVAL, "value[2]");
    val[2] = INFINITY;
    tu_assert_error(RUN(), LDRT_EINVAL, "value[2]");
    val[2] = 10;
    les[2] = -1;
    tu_assert_error(RUN(), LDRT_EINVAL, "lesion[2]");
    les[2] = 1; /* lesion 1 was a non-target at baseline */
    tu_assert_error(RUN(), LDRT_EINVAL, "but a non-target at baseline");
    les[2] = 0;
    les[3] = 0; /* twice in one time point */
    tu_assert_error(RUN(), LDRT_EINVAL, "appears twice");
    les[3] = 1;
    rol[3] = LDRT_ROLE_NEW; /* lesion 1 cannot be new: it was at baseline */
    tu_assert_error(RUN(), LDRT_EINVAL, "was present at baseline");
    rol[3] = LDRT_ROLE_NON_TARGET;
    rol[1] = LDRT_ROLE_NEW;
    tu_assert_error(RUN(), LDRT_EINVAL, "new lesion at baseline");
    rol[1] = LDRT_ROLE_NON_TARGET;
    toff[2] = 1;
    tu_assert_error(RUN(), LDRT_EINVAL, "tp_offsets[2]");
    toff[2] = 4;
    toff[0] = 1;
    tu_assert_error(RUN(), LDRT_EINVAL, "tp_offsets[0]");
    toff[0] = 0;
    poff[1] = 4;
    tu_assert_error(RUN(), LDRT_EINVAL, "patient_offsets[2]");
    poff[1] = 2;
    poff[0] = 1;
    tu_assert_error(RUN(), LDRT_EINVAL, "patient_offsets[0]");
    poff[0] = 0;
    /* Nothing was written by the failed calls. */
    ck_assert_int_eq(ov[0], -7);
    ck_assert_int_eq(ov[1], -7);
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 2, NULL, toff, les, rol, sta, val, ov, NULL, NULL, NULL, NULL),
                    LDRT_EINVAL, "patient_offsets");
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 2, poff, NULL, les, rol, sta, val, ov, NULL, NULL, NULL, NULL),
                    LDRT_EINVAL, "tp_offsets");
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 2, poff, toff, NULL, rol, sta, val, ov, NULL, NULL, NULL, NULL),
                    LDRT_EINVAL, "lesion");
    tu_assert_error(ldrt_recist_classify_arrays(NULL, 2, poff, toff, les, rol, sta, val, NULL, NULL, NULL, NULL, NULL),
                    LDRT_EINVAL, "overall");
    /* Zero patients is fine. */
    int64_t zero = 0;
    tu_assert_ok(ldrt_recist_classify_arrays(NULL, 0, &zero, &zero, NULL, NULL, NULL, NULL, NULL,
                                             NULL, NULL, NULL, NULL));
#undef RUN
}
END_TEST

START_TEST(assessment_bad_arguments)
{
    pb_reset();
    pb_scan("2023-01-10");
    T(0, 20);
    pb_scan("2023-03-10");
    T(0, 10);
    ldrt_assessment *a = NULL;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, NULL), LDRT_EINVAL, "out");
    tu_assert_error(ldrt_assess_arrays(7, NULL, P.n_tp, P.dates, P.off, P.lesion, P.role,
                                       P.state, P.value, &a), LDRT_ENOTFOUND, "criteria");
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, 0, P.dates, P.off, P.lesion,
                                       P.role, P.state, P.value, &a), LDRT_EINVAL, "n_timepoints");
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, NULL, P.off,
                                       P.lesion, P.role, P.state, P.value, &a), LDRT_EINVAL, "dates");
    ldrt_date saved = P.dates[1];
    P.dates[1] = 20230101;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, &a), LDRT_EINVAL, "dates[1]");
    P.dates[1] = 20231301;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, &a), LDRT_EINVAL, "dates[1]");
    P.dates[1] = saved;
    P.state[1] = 8;
    tu_assert_error(ldrt_assess_arrays(LDRT_CRITERIA_RECIST11, NULL, P.n_tp, P.dates, P.off,
                                       P.lesion, P.role, P.state, P.value, &a), LDRT_EINVAL, "state[1]");
    P.state[1] = 0;
    ck_assert_ptr_null(a);
    /* Recorded responses of the wrong family or not labels at all. */
    int32_t l[2] = { LDRT_RESPONSE_NONE, LDRT_RESPONSE_ICR };
    tu_assert_error(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, 2, P.dates, l, &a),
                    LDRT_EINVAL, "labels[1]: iCR is not a recist1.1 response");
    l[1] = 40;
    tu_assert_error(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, 2, P.dates, l, &a),
                    LDRT_EINVAL, "labels[1]");
    tu_assert_error(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, 2, P.dates, NULL, &a),
                    LDRT_EINVAL, "labels");
    tu_assert_error(ldrt_assess_recorded(0, NULL, 2, P.dates, l, &a), LDRT_ENOTFOUND, "criteria");
    tu_assert_error(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, 2, P.dates, l, NULL),
                    LDRT_EINVAL, "out");
    /* Accessors. */
    a = pb_assess(LDRT_CRITERIA_RECIST11, NULL);
    ldrt_response x;
    ldrt_response_rule xu;
    ldrt_criteria xc;
    tu_assert_error(ldrt_assessment_overall(a, 2, &x), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_assessment_overall(a, 0, NULL), LDRT_EINVAL, "overall");
    tu_assert_error(ldrt_assessment_overall(NULL, 0, &x), LDRT_EINVAL, "a");
    tu_assert_error(ldrt_assessment_timepoint(a, 5, NULL, NULL, NULL, NULL, NULL), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_assessment_values(a, 5, NULL, NULL, NULL), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_assessment_rule(a, 5, &xu), LDRT_ERANGE, "i");
    tu_assert_error(ldrt_assessment_rule(a, 0, NULL), LDRT_EINVAL, "rule");
    ck_assert_ptr_null(ldrt_assessment_reason(a, 2));
    ck_assert_ptr_null(ldrt_assessment_reason(NULL, 0));
    tu_assert_error(ldrt_assessment_best(a, 2, &x), LDRT_EINVAL, "confirmed");
    tu_assert_error(ldrt_assessment_best(a, 0, NULL), LDRT_EINVAL, "label");
    ck_assert_ptr_null(ldrt_assessment_best_reason(a, 3));
    ck_assert_ptr_null(ldrt_assessment_best_reason(NULL, 0));
    tu_assert_error(ldrt_assessment_endpoint(a, 9, NULL, NULL), LDRT_ENOTFOUND, "endpoint");
    tu_assert_error(ldrt_assessment_endpoint(NULL, 1, NULL, NULL), LDRT_EINVAL, "a");
    ck_assert_ptr_null(ldrt_assessment_warning(a, 0));
    ck_assert_ptr_null(ldrt_assessment_warning(NULL, 0));
    ck_assert_uint_eq(ldrt_assessment_warning_count(NULL), 0);
    ck_assert_uint_eq(ldrt_assessment_timepoint_count(NULL), 0);
    tu_assert_error(ldrt_assessment_criteria(a, NULL), LDRT_EINVAL, "criteria");
    tu_assert_ok(ldrt_assessment_criteria(a, &xc));
    ck_assert_int_eq(xc, LDRT_CRITERIA_RECIST11);
    ck_assert_ptr_nonnull(ldrt_assessment_options(a));
    ck_assert_ptr_null(ldrt_assessment_options(NULL));
    ck_assert_str_eq(ldrt_assessment_reason(a, 0), "baseline: target sum 20.0 mm (1 target lesion)");
    ldrt_assessment_free(a);
    ldrt_assessment_free(NULL);
}
END_TEST

/* ---- allocation failures ---------------------------------------------------------------- */

static ldrt_assessment *fail_out;
static int do_assess(void *arg)
{
    (void)arg;
    return ldrt_assess_arrays(LDRT_CRITERIA_IRECIST, NULL, P.n_tp, P.dates, P.off, P.lesion,
                              P.role, P.state, P.value, &fail_out);
}
static void undo_assess(void *arg)
{
    (void)arg;
    ldrt_assessment_free(fail_out);
    fail_out = NULL;
}
static ldrt_resistance_result *fail_res;
static int do_resist(void *arg)
{
    (void)arg;
    ldrt_date d[2] = { 20230301, 20230401 };
    int32_t l[2] = { LDRT_RESPONSE_PD, LDRT_RESPONSE_PD };
    return ldrt_resistance_classify(NULL, 20230101, 0, 2, d, l, &fail_res);
}
static void undo_resist(void *arg)
{
    (void)arg;
    ldrt_resistance_result_free(fail_res);
    fail_res = NULL;
}
static ldrt_response_options *fail_opt;
static int do_opt(void *arg)
{
    (void)arg;
    return ldrt_response_options_new(&fail_opt);
}
static void undo_opt(void *arg)
{
    (void)arg;
    ldrt_response_options_free(fail_opt);
    fail_opt = NULL;
}
static int do_cohort(void *arg)
{
    (void)arg;
    int64_t poff[2] = { 0, (int64_t)P.n_tp };
    int32_t ov[MAXTP];
    return ldrt_recist_classify_arrays(NULL, 1, poff, P.off, P.lesion, P.role, P.state, P.value,
                                       ov, NULL, NULL, NULL, NULL);
}
static int do_bor(void *arg)
{
    (void)arg;
    int64_t poff[2] = { 0, 2 };
    int32_t day[2] = { 0, 50 }, lab[2] = { 0, LDRT_RESPONSE_PR }, b[1];
    return ldrt_bor_arrays(NULL, 1, poff, day, lab, NULL, b, NULL);
}

START_TEST(allocation_failures)
{
    pb_reset();
    pb_scan("2023-01-01");
    T(0, 50);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-03-01");
    T(0, 60);
    NT(1, LDRT_STATE_PRESENT);
    pb_scan("2023-04-05");
    T(0, 30);
    NT(1, LDRT_STATE_ABSENT);
    pb_scan("2023-05-10");
    T(0, 8);
    NT(1, LDRT_STATE_ABSENT);
    NEW(2, LDRT_STATE_EQUIVOCAL); /* an irregular shape: the detailed check runs */
    tu_alloc_install();
    ck_assert_int_gt(tu_alloc_fail_each(do_assess, undo_assess, NULL), 5);
    ck_assert_int_gt(tu_alloc_fail_each(do_resist, undo_resist, NULL), 1);
    ck_assert_int_eq(tu_alloc_fail_each(do_opt, undo_opt, NULL), 1);
    /* the private result array, then the detailed check's two scratch arrays */
    ck_assert_int_eq(tu_alloc_fail_each(do_cohort, NULL, NULL), 3);
    ck_assert_int_eq(tu_alloc_fail_each(do_bor, NULL, NULL), 3);
    tu_alloc_uninstall();
}
END_TEST

static Suite *assessment_suite(void)
{
    Suite *s = suite_create("assessment");
    TCase *tc = tcase_create("cohort");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, cohort_matches_per_patient_assessment);
    tcase_add_test(tc, cohort_matches_independent_reference);
    tcase_add_test(tc, cohort_targets_only_shape_is_checked);
    tcase_add_test(tc, cohort_without_rows_accepts_null_arrays);
    tcase_add_test(tc, cohort_bad_arguments);
    tcase_add_test(tc, assessment_bad_arguments);
    tcase_add_test(tc, allocation_failures);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(assessment_suite)
