/*
 * Tests of the dose module's scalar functions: the LQ core, the other
 * published models, tissue presets and regimen classification.
 *
 * Expected values are the test vectors of the project's radiobiology
 * reference (section 4, "computed from the formula", which match the peer
 * repositories where they overlap: rad-tools, DICOMautomaton, DVHmetrics),
 * checked to half a unit of their last printed digit, or hand calculations
 * written next to each case.
 * SPDX-License-Identifier: MIT
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "testutil.h"

#define ASSERT_NEAR(got, want, tol)                                                   \
    do {                                                                              \
        double g_ = (got), w_ = (want), t_ = (tol);                                   \
        ck_assert_msg(fabs(g_ - w_) <= t_, "%s = %.10g, expected %.10g (+/- %g)", #got, \
                      g_, w_, t_);                                                    \
    } while (0)

#define ASSERT_REL(got, want, rel) ASSERT_NEAR(got, want, fabs((double)(want)) * (rel))

/* ---- plain LQ: reference section 4 table -------------------------------------------- */

static const double ab_list[5] = { 0.6, 1.5, 2.0, 3.0, 10.0 };

static const struct lq_row {
    double total, n;
    double bed[5], eqd2[5];
    double tol_bed, tol_eqd2;
} lq_rows[] = {
    { 40, 5, { 573.333, 253.333, 200, 146.667, 72 }, { 132.308, 108.571, 100, 88, 60 }, 5e-4, 5e-4 },
    { 10, 5, { 43.333, 23.333, 20, 16.667, 12 }, { 10, 10, 10, 10, 10 }, 5e-4, 1e-12 },
    { 60, 30, { 260, 140, 120, 100, 72 }, { 60, 60, 60, 60, 60 }, 1e-9, 1e-9 },
    { 70, 35, { 303.3333, 163.3333, 140, 116.6667, 84 }, { 70, 70, 70, 70, 70 }, 5e-5, 1e-9 },
    { 2, 2, { 5.3333, 3.3333, 3, 2.6667, 2.2 }, { 1.2308, 1.4286, 1.5, 1.6, 1.8333 }, 5e-5, 5e-5 },
    { 2, 4, { 3.6667, 2.6667, 2.5, 2.3333, 2.1 }, { 0.8462, 1.1429, 1.25, 1.4, 1.75 }, 5e-5, 5e-5 },
    { 4, 4, { 10.667, 6.6667, 6, 5.3333, 4.4 }, { 2.4615, 2.8571, 3, 3.2, 3.6667 }, 5e-4, 5e-5 },
    { 36, 3, { 756, 324, 252, 180, 79.2 }, { 174.46, 138.86, 126, 108, 66 }, 1e-9, 5e-3 },
};

START_TEST(lq_reference_table)
{
    const struct lq_row *r = &lq_rows[_i];
    for (int k = 0; k < 5; k++) {
        double bed = -1, eqd2 = -1;
        tu_assert_ok(ldrt_lq_bed(r->total, r->n, ab_list[k], &bed));
        tu_assert_ok(ldrt_lq_eqd2(r->total, r->n, ab_list[k], &eqd2));
        ASSERT_NEAR(bed, r->bed[k], r->tol_bed);
        ASSERT_NEAR(eqd2, r->eqd2[k], r->tol_eqd2);
    }
}
END_TEST

START_TEST(lq_single_values)
{
    double v;
    /* Reference section 4 "single values". */
    tu_assert_ok(ldrt_lq_eqd2(50, 4, 10, &v)); ASSERT_NEAR(v, 93.75, 1e-12);
    tu_assert_ok(ldrt_lq_eqd2(50, 4, 3, &v)); ASSERT_NEAR(v, 155, 1e-12);
    tu_assert_ok(ldrt_lq_bed(54, 3, 10, &v)); ASSERT_NEAR(v, 151.2, 1e-12);
    tu_assert_ok(ldrt_lq_eqd2(54, 3, 10, &v)); ASSERT_NEAR(v, 126, 1e-12);
    tu_assert_ok(ldrt_lq_eqd2(60, 8, 10, &v)); ASSERT_NEAR(v, 87.5, 1e-12);
    tu_assert_ok(ldrt_lq_eqd2(30, 5, 10, &v)); ASSERT_NEAR(v, 40, 1e-12);
    /* EQDx by hand: 40 Gy/5 at ab 3 in 3 Gy fractions: 40 (8 + 3)/(3 + 3) = 440/6 = 73.333... */
    tu_assert_ok(ldrt_lq_eqd(40, 5, 3, 3, &v)); ASSERT_REL(v, 440.0 / 6.0, 1e-15);
    /* x = 0 gives the BED: 40 (8 + 3)/3 = 146.666... */
    tu_assert_ok(ldrt_lq_eqd(40, 5, 3, 0, &v)); ASSERT_REL(v, 440.0 / 3.0, 1e-15);
    /* Zero dose is legal: BED 0. */
    tu_assert_ok(ldrt_lq_bed(0, 5, 3, &v)); ASSERT_NEAR(v, 0, 0);
    /* Non-integer n (analytic extension): 10 Gy in 2.5 fractions at ab 10:
     * d = 4, BED = 10 (1 + 0.4) = 14. */
    tu_assert_ok(ldrt_lq_bed(10, 2.5, 10, &v)); ASSERT_REL(v, 14, 1e-15);
    /* EQD from BED: 72 / (1 + 2/10) = 60. */
    tu_assert_ok(ldrt_lq_eqd_from_bed(72, 10, 2, &v)); ASSERT_REL(v, 60, 1e-15);
}
END_TEST

START_TEST(lq_repopulation)
{
    double v;
    /* rad-tools base test and reference: 1.2 Gy x 68, ab 10, T 45, Tk 21, a 0.35, Tpot 3. */
    tu_assert_ok(ldrt_lq_bed_repop(81.6, 68, 10, 45, 21, 0.35, 3, &v));
    ASSERT_NEAR(v, 75.54863587, 5e-9);
    /* By hand, BED = D (1 + d/ab) - ln2 (T - Tk) / (alpha Tpot):
     * 60/30, T 39: 72 - 0.693147 x 11 / 1.05 = 72 - 7.2615 = 64.7385;
     * 60/30, T 42: 72 - 0.693147 x 14 / 1.05 = 72 - 9.2420 = 62.7580;
     * 70/35, T 46, Tk 21, alpha 0.3: 84 - 0.693147 x 25 / 0.9 = 84 - 19.2541 = 64.7459. */
    tu_assert_ok(ldrt_lq_bed_repop(60, 30, 10, 39, 28, 0.35, 3, &v)); ASSERT_NEAR(v, 64.7385, 5e-5);
    tu_assert_ok(ldrt_lq_bed_repop(60, 30, 10, 42, 28, 0.35, 3, &v)); ASSERT_NEAR(v, 62.7580, 5e-5);
    tu_assert_ok(ldrt_lq_bed_repop(70, 35, 10, 46, 21, 0.3, 3, &v)); ASSERT_NEAR(v, 64.7459, 5e-5);
    /* No correction when T <= Tk: plain BED of 60/30 at ab 10 = 72. */
    tu_assert_ok(ldrt_lq_bed_repop(60, 30, 10, 28, 28, 0.35, 3, &v)); ASSERT_NEAR(v, 72, 1e-12);
    tu_assert_ok(ldrt_lq_bed_repop(60, 30, 10, 10, 28, 0.35, 3, &v)); ASSERT_NEAR(v, 72, 1e-12);
}
END_TEST

START_TEST(lq_unequal_fractions)
{
    double v;
    /* Hand: fractions 8, 8, 4 Gy at ab 10: 8*1.8 + 8*1.8 + 4*1.4 = 14.4+14.4+5.6 = 34.4. */
    const double f[] = { 8, 8, 4 };
    tu_assert_ok(ldrt_lq_bed_fractions(f, 3, 10, &v)); ASSERT_REL(v, 34.4, 1e-15);
    /* EQD2 = 34.4 / 1.2 = 28.666... */
    tu_assert_ok(ldrt_lq_eqd_fractions(f, 3, 10, 2, &v)); ASSERT_REL(v, 34.4 / 1.2, 1e-15);
    /* Equal fractions agree with ldrt_lq_bed: 5 x 8 Gy at ab 3 -> 146.667 (reference). */
    const double g[] = { 8, 8, 8, 8, 8 };
    double w;
    tu_assert_ok(ldrt_lq_bed_fractions(g, 5, 3, &v));
    tu_assert_ok(ldrt_lq_bed(40, 5, 3, &w));
    ASSERT_REL(v, w, 1e-15);
    /* A zero fraction contributes nothing. */
    const double z[] = { 2, 0 };
    tu_assert_ok(ldrt_lq_bed_fractions(z, 2, 2, &v)); ASSERT_REL(v, 4, 1e-15);
}
END_TEST

/* ---- inverses round-trip to 1e-9 relative -------------------------------------------- */

START_TEST(lq_inverses_round_trip)
{
    const double totals[] = { 0.5, 2, 10, 40, 60, 81.6 };
    const double ns[] = { 1, 2, 5, 30, 2.5 };
    const double abs_[] = { 0.6, 2, 3, 10 };
    for (size_t a = 0; a < 6; a++)
        for (size_t b = 0; b < 5; b++)
            for (size_t c = 0; c < 4; c++) {
                double D = totals[a], n = ns[b], ab = abs_[c], bed, back, eqd, d, nn;
                tu_assert_ok(ldrt_lq_bed(D, n, ab, &bed));
                tu_assert_ok(ldrt_lq_total_for_bed(bed, n, ab, &back));
                ASSERT_REL(back, D, 1e-9);
                tu_assert_ok(ldrt_lq_dose_per_fraction_for_bed(bed, n, ab, &d));
                ASSERT_REL(d, D / n, 1e-9);
                tu_assert_ok(ldrt_lq_fractions_for_bed(bed, D / n, ab, &nn));
                ASSERT_REL(nn, n, 1e-9);
                for (double x = 0; x <= 4; x += 1) {
                    tu_assert_ok(ldrt_lq_eqd(D, n, ab, x, &eqd));
                    tu_assert_ok(ldrt_lq_total_for_eqd(eqd, n, ab, x, &back));
                    ASSERT_REL(back, D, 1e-9);
                }
                /* isoeffect there and back: to 3 Gy fractions, then find d2 again */
                double D2, d2;
                tu_assert_ok(ldrt_lq_isoeffective_total(D, n, ab, 3.0, &D2));
                tu_assert_ok(ldrt_lq_isoeffective_dose_per_fraction(D, n, ab, D2, &d2));
                ASSERT_REL(d2, 3.0, 1e-9);
            }
}
END_TEST

START_TEST(lq_inverse_values)
{
    double v;
    /* Reference: 40/5 converted to 3 Gy fractions at ab 10 -> 55.385 (= 40*18/13). */
    tu_assert_ok(ldrt_lq_isoeffective_total(40, 5, 10, 3, &v));
    ASSERT_NEAR(v, 55.385, 5e-4);
    ASSERT_REL(v, 720.0 / 13.0, 1e-15);
    /* Hand: total for BED 72 at n 30, ab 10: D^2/300 + D - 72 = 0 -> D = 60 (3600/300 = 12). */
    tu_assert_ok(ldrt_lq_total_for_bed(72, 30, 10, &v)); ASSERT_REL(v, 60, 1e-12);
    /* Hand: remaining EQD2 budget 43.75 Gy at ab 2 in 5 fractions -> 25 Gy (5 Gy/fx):
     * BED = 43.75 * 2 = 87.5 = 25 (1 + 5/2). */
    tu_assert_ok(ldrt_lq_total_for_eqd(43.75, 5, 2, 2, &v)); ASSERT_REL(v, 25, 1e-12);
    /* Hand: fractions of 2 Gy for BED 72 at ab 10: 72 / (2 * 1.2) = 30. */
    tu_assert_ok(ldrt_lq_fractions_for_bed(72, 2, 10, &v)); ASSERT_REL(v, 30, 1e-12);
    /* No isoeffective schedule: D2 larger than the BED allows at any d2 > 0:
     * 10 Gy/5 at ab 3 has BED 16.67; D2 = 20 would need d2 = (10/20)(2+3) - 3 < 0. */
    tu_assert_error(ldrt_lq_isoeffective_dose_per_fraction(10, 5, 3, 20, &v), LDRT_ERANGE,
                    "total2_gy");
}
END_TEST

/* ---- bad parameters of the LQ core ------------------------------------------------------ */

START_TEST(lq_bad_parameters)
{
    double v = 42.0;
    tu_assert_error(ldrt_lq_bed(10, 5, -3, &v), LDRT_EINVAL, "alpha_beta_gy");
    tu_assert_error(ldrt_lq_bed(10, 5, 0, &v), LDRT_EINVAL, "alpha_beta_gy");
    tu_assert_error(ldrt_lq_bed(10, 0, 3, &v), LDRT_EINVAL, "fractions");
    tu_assert_error(ldrt_lq_bed(10, -1, 3, &v), LDRT_EINVAL, "fractions");
    tu_assert_error(ldrt_lq_bed(-1, 5, 3, &v), LDRT_EINVAL, "total_gy");
    tu_assert_error(ldrt_lq_bed(NAN, 5, 3, &v), LDRT_EINVAL, "total_gy");
    tu_assert_error(ldrt_lq_bed(INFINITY, 5, 3, &v), LDRT_EINVAL, "total_gy");
    tu_assert_error(ldrt_lq_bed(10, NAN, 3, &v), LDRT_EINVAL, "fractions");
    tu_assert_error(ldrt_lq_bed(10, 5, NAN, &v), LDRT_EINVAL, "alpha_beta_gy");
    tu_assert_error(ldrt_lq_bed(10, 5, 3, NULL), LDRT_EINVAL, "bed_gy");
    tu_assert_error(ldrt_lq_eqd(10, 5, 3, -2, &v), LDRT_EINVAL, "ref_dose_per_fraction_gy");
    tu_assert_error(ldrt_lq_eqd2(10, 5, 3, NULL), LDRT_EINVAL, "eqd_gy");
    tu_assert_error(ldrt_lq_bed_repop(10, 5, 3, -1, 21, 0.35, 3, &v), LDRT_EINVAL, "treatment_days");
    tu_assert_error(ldrt_lq_bed_repop(10, 5, 3, 30, -1, 0.35, 3, &v), LDRT_EINVAL, "kickoff_days");
    tu_assert_error(ldrt_lq_bed_repop(10, 5, 3, 30, 21, 0, 3, &v), LDRT_EINVAL, "alpha_per_gy");
    tu_assert_error(ldrt_lq_bed_repop(10, 5, 3, 30, 21, 0.35, 0, &v), LDRT_EINVAL, "tpot_days");
    const double f[] = { 2, -1 };
    tu_assert_error(ldrt_lq_bed_fractions(f, 2, 3, &v), LDRT_EINVAL, "doses_gy[1]");
    tu_assert_error(ldrt_lq_bed_fractions(f, 0, 3, &v), LDRT_EINVAL, "count");
    tu_assert_error(ldrt_lq_bed_fractions(NULL, 2, 3, &v), LDRT_EINVAL, "doses_gy");
    tu_assert_error(ldrt_lq_eqd_fractions(f, 1, 3, NAN, &v), LDRT_EINVAL, "ref_dose_per_fraction_gy");
    tu_assert_error(ldrt_lq_eqd_from_bed(-1, 3, 2, &v), LDRT_EINVAL, "bed_gy");
    tu_assert_error(ldrt_lq_total_for_bed(-1, 5, 3, &v), LDRT_EINVAL, "bed_gy");
    tu_assert_error(ldrt_lq_total_for_eqd(10, 5, 3, -1, &v), LDRT_EINVAL, "ref_dose_per_fraction_gy");
    tu_assert_error(ldrt_lq_dose_per_fraction_for_bed(10, 0, 3, &v), LDRT_EINVAL, "fractions");
    tu_assert_error(ldrt_lq_fractions_for_bed(10, 0, 3, &v), LDRT_EINVAL, "dose_per_fraction_gy");
    tu_assert_error(ldrt_lq_fractions_for_bed(0, 2, 3, &v), LDRT_EINVAL, "bed_gy");
    tu_assert_error(ldrt_lq_isoeffective_total(10, 5, 3, 0, &v), LDRT_EINVAL, "dose_per_fraction2_gy");
    tu_assert_error(ldrt_lq_isoeffective_dose_per_fraction(10, 5, 3, 0, &v), LDRT_EINVAL, "total2_gy");
    /* Valid but extreme: the result overflows. */
    tu_assert_error(ldrt_lq_bed(1e300, 1e-300, 3, &v), LDRT_ERANGE, "bed_gy");
    tu_assert_error(ldrt_lq_eqd2(1e300, 1e-300, 3, &v), LDRT_ERANGE, "eqd_gy");
    tu_assert_error(ldrt_lql_bed(1e308, 1e-300, 3, 6, &v), LDRT_ERANGE, "bed_gy");
    tu_assert_error(ldrt_lq_bed_repop(1e300, 1e-300, 3, 0, 0, 1, 1, &v), LDRT_ERANGE, "bed_gy");
    tu_assert_error(ldrt_lq_fractions_for_bed(1e300, 1e-300, 1e-300, &v), LDRT_ERANGE, "fractions");
    tu_assert_error(ldrt_lq_isoeffective_total(1e300, 1e-300, 1e-300, 1, &v), LDRT_ERANGE, "total2_gy");
    tu_assert_error(ldrt_usc_bed(1e300, 1e-300, 0.33, 1.25, 1.8, &v), LDRT_ERANGE, "bed_gy");
    tu_assert_error(ldrt_hrs_eqd(1e300, 1e-300, 3, 3, 0.25, 2, &v), LDRT_ERANGE, "eqd_gy");
    tu_assert_error(ldrt_ir_bed(1e300, 1e-300, 3, 2, 1, 1, &v), LDRT_ERANGE, "bed_gy");
    tu_assert_error(ldrt_reirr_cumulative((const double[]){DBL_MAX, DBL_MAX}, (const double[]){0, 0}, 2, &v),
                    LDRT_ERANGE, "total_gy");
    /* Nothing was written by any failing call. */
    ck_assert(v == 42.0);
}
END_TEST

/* ---- LQ-L --------------------------------------------------------------------------- */

START_TEST(lql_reference)
{
    double b, e;
    /* Reference section 4 LQ-L vectors. */
    tu_assert_ok(ldrt_lql_bed(60, 3, 10, 6, &b)); ASSERT_NEAR(b, 121.2, 1e-9);
    tu_assert_ok(ldrt_lql_eqd(60, 3, 10, 6, 2, &e)); ASSERT_NEAR(e, 101.0, 1e-9);
    tu_assert_ok(ldrt_lql_bed(60, 3, 3, 6, &b)); ASSERT_NEAR(b, 264, 1e-9);
    tu_assert_ok(ldrt_lql_eqd(60, 3, 3, 6, 2, &e)); ASSERT_NEAR(e, 158.4, 1e-9);
    tu_assert_ok(ldrt_lql_bed(54, 3, 10, 6, &b)); ASSERT_NEAR(b, 108, 1e-9);
    tu_assert_ok(ldrt_lql_eqd(54, 3, 10, 6, 2, &e)); ASSERT_NEAR(e, 90, 1e-9);
    tu_assert_ok(ldrt_lql_bed(24, 1, 10, 6, &b)); ASSERT_NEAR(b, 49.2, 1e-9);
    tu_assert_ok(ldrt_lql_eqd(24, 1, 10, 6, 2, &e)); ASSERT_NEAR(e, 41, 1e-9);
    tu_assert_ok(ldrt_lql_bed(40, 5, 10, 6, &b)); ASSERT_NEAR(b, 70, 1e-9);
    tu_assert_ok(ldrt_lql_eqd(40, 5, 10, 6, 2, &e)); ASSERT_NEAR(e, 58.333, 5e-4);
    /* d <= dT: unchanged from LQ. */
    tu_assert_ok(ldrt_lql_bed(30, 10, 2.5, 5, &b)); ASSERT_NEAR(b, 66, 1e-9);
    /* Exactly at dT = d: LQ value 3 x 6 (1 + 0.6) = 28.8 either side. */
    tu_assert_ok(ldrt_lql_bed(18, 3, 10, 6, &b)); ASSERT_NEAR(b, 28.8, 1e-12);
    tu_assert_error(ldrt_lql_bed(60, 3, 10, 0, &b), LDRT_EINVAL, "transition_dose_gy");
    tu_assert_error(ldrt_lql_bed(60, 3, 10, NAN, &b), LDRT_EINVAL, "transition_dose_gy");
    tu_assert_error(ldrt_lql_eqd(60, 3, 10, 6, 0, &e), LDRT_EINVAL, "ref_dose_per_fraction_gy");
}
END_TEST

/* ---- USC ---------------------------------------------------------------------------- */

static const struct usc_row { double D, n, bed, eqd2, sfed; } usc_rows[] = {
    { 60, 3, 132.364, 107.401, 56.4 },
    { 54, 3, 117.818, 95.598, 50.4 },
    { 48, 4, 98.909, 80.255, 42.6 },
    { 34, 1, 78.061, 63.339, 34 },
};

START_TEST(usc_reference)
{
    double dt, ab, b, e, s;
    /* Park 2008 H460 parameters as in the reference: DT 6.1277, ab 8.6048. */
    tu_assert_ok(ldrt_usc_params(0.33, 1.25, 1.8, &dt, &ab));
    ASSERT_NEAR(dt, 6.1277, 5e-5);
    ASSERT_NEAR(ab, 8.6048, 5e-5);
    for (size_t i = 0; i < sizeof usc_rows / sizeof usc_rows[0]; i++) {
        const struct usc_row *r = &usc_rows[i];
        tu_assert_ok(ldrt_usc_bed(r->D, r->n, 0.33, 1.25, 1.8, &b));
        tu_assert_ok(ldrt_usc_eqd(r->D, r->n, 0.33, 1.25, 1.8, 2, &e));
        tu_assert_ok(ldrt_usc_sfed(r->D, r->n, 0.33, 1.25, 1.8, &s));
        ASSERT_NEAR(b, r->bed, 5e-4);
        ASSERT_NEAR(e, r->eqd2, 5e-4);
        ASSERT_NEAR(s, r->sfed, 1e-9);
    }
    /* 30/5: d = 6 < DT, LQ applies: BED = 30 (1 + 6/8.6048) = 50.919 by hand. */
    tu_assert_ok(ldrt_usc_bed(30, 5, 0.33, 1.25, 1.8, &b)); ASSERT_NEAR(b, 50.919, 5e-4);
    /* Below the transition the SFED is the LQ single dose of the same effect:
     * one fraction of 4 Gy is its own SFED. */
    tu_assert_ok(ldrt_usc_sfed(4, 1, 0.33, 1.25, 1.8, &s)); ASSERT_REL(s, 4, 1e-12);
    tu_assert_error(ldrt_usc_params(0.9, 1.25, 1.8, &dt, &ab), LDRT_EINVAL, "d0_gy");
    tu_assert_error(ldrt_usc_params(0, 1.25, 1.8, &dt, &ab), LDRT_EINVAL, "alpha_per_gy");
    tu_assert_error(ldrt_usc_bed(60, 3, 0.33, -1, 1.8, &b), LDRT_EINVAL, "d0_gy");
    tu_assert_error(ldrt_usc_bed(60, 3, 0.33, 1.25, 0, &b), LDRT_EINVAL, "dq_gy");
    tu_assert_error(ldrt_usc_sfed(-60, 3, 0.33, 1.25, 1.8, &s), LDRT_EINVAL, "total_gy");
    tu_assert_error(ldrt_usc_eqd(60, 3, 0.33, 1.25, 1.8, 0, &e), LDRT_EINVAL, "ref_dose");
}
END_TEST

/* ---- incomplete repair and dose rate -------------------------------------------------- */

START_TEST(incomplete_repair_reference)
{
    double h, b, g;
    /* T1/2 1.5 h, 6 h apart: phi = 2^-4 = 0.0625, h2 = phi, h3 = (2/3) phi (2 + phi) = 0.0859. */
    tu_assert_ok(ldrt_ir_h_factor(2, 6, 1.5, &h)); ASSERT_REL(h, 0.0625, 1e-12);
    tu_assert_ok(ldrt_ir_h_factor(3, 6, 1.5, &h)); ASSERT_NEAR(h, 0.0859, 5e-5);
    ASSERT_REL(h, 2.0 / 3.0 * 0.0625 * 2.0625, 1e-12);
    tu_assert_ok(ldrt_ir_h_factor(1, 6, 1.5, &h)); ASSERT_NEAR(h, 0, 0);
    /* BID 1.2 x 68 at ab 3, by hand: 81.6 (1 + 1.2 x 1.0625 / 3) = 81.6 x 1.425 = 116.28;
     * with full repair (once daily) 81.6 (1 + 1.2/3) = 114.24. */
    tu_assert_ok(ldrt_ir_bed(81.6, 68, 3, 2, 6, 1.5, &b)); ASSERT_NEAR(b, 116.28, 5e-9);
    tu_assert_ok(ldrt_ir_bed(81.6, 68, 3, 1, 6, 1.5, &b)); ASSERT_NEAR(b, 114.24, 5e-9);
    /* LDR 60 Gy at 0.5 Gy/h (120 h), T1/2 1.5 h: g = 0.035417, BED10 72.750, BED3 102.500. */
    tu_assert_ok(ldrt_lc_g_continuous(120, 1.5, &g)); ASSERT_NEAR(g, 0.035417, 5e-7);
    tu_assert_ok(ldrt_lc_bed_protracted(60, 1, 120, 1.5, 10, &b)); ASSERT_NEAR(b, 72.750, 5e-4);
    tu_assert_ok(ldrt_lc_bed_protracted(60, 1, 120, 1.5, 3, &b)); ASSERT_NEAR(b, 102.500, 5e-4);
    /* 8 Gy in 30 min, T1/2 0.5 h: G 0.80402, BED3 25.152 (plain LQ 29.333). */
    tu_assert_ok(ldrt_lc_g_continuous(0.5, 0.5, &g)); ASSERT_NEAR(g, 0.80402, 5e-6);
    tu_assert_ok(ldrt_lc_bed_protracted(8, 1, 0.5, 0.5, 3, &b)); ASSERT_NEAR(b, 25.152, 5e-4);
    /* Acute limit: G = 1 at t = 0 and -> 1 - x/3 for tiny x. */
    tu_assert_ok(ldrt_lc_g_continuous(0, 1, &g)); ASSERT_NEAR(g, 1, 0);
    tu_assert_ok(ldrt_lc_g_continuous(1e-9, 1, &g)); ASSERT_NEAR(g, 1, 1e-9);
    /* Permanent implants: Cs-131 (9.7 d) 0.006402; I-125 (59.4 d) 0.001051, repair 1.5 h.
     * (The GammaTile converter's docstring says 0.014 for Cs-131; the formula gives 0.0064:
     * a regression guard.) */
    tu_assert_ok(ldrt_lc_g_permanent(9.7, 1.5, &g)); ASSERT_NEAR(g, 0.006402, 5e-7);
    tu_assert_ok(ldrt_lc_g_permanent(59.4, 1.5, &g)); ASSERT_NEAR(g, 0.001051, 5e-7);
    /* Hand: 60 Gy Cs-131 at ab 2: 60 (1 + G 60/2) with G = 0.0064018... */
    double gc;
    tu_assert_ok(ldrt_lc_g_permanent(9.7, 1.5, &gc));
    tu_assert_ok(ldrt_lc_bed_permanent(60, 9.7, 1.5, 2, &b)); ASSERT_REL(b, 60 * (1 + gc * 30), 1e-15);
    tu_assert_error(ldrt_ir_h_factor(0, 6, 1.5, &h), LDRT_EINVAL, "fractions_per_day");
    tu_assert_error(ldrt_ir_h_factor(2, 0, 1.5, &h), LDRT_EINVAL, "interval_h");
    tu_assert_error(ldrt_ir_h_factor(2, 6, -1, &h), LDRT_EINVAL, "repair_half_time_h");
    tu_assert_error(ldrt_ir_bed(81.6, 68, 3, 13, 6, 1.5, &b), LDRT_EINVAL, "fractions_per_day");
    tu_assert_error(ldrt_lc_g_continuous(-1, 1, &g), LDRT_EINVAL, "duration_h");
    tu_assert_error(ldrt_lc_g_continuous(1, 0, &g), LDRT_EINVAL, "repair_half_time_h");
    tu_assert_error(ldrt_lc_bed_protracted(8, 1, 0.5, 0.5, 0, &b), LDRT_EINVAL, "alpha_beta_gy");
    tu_assert_error(ldrt_lc_g_permanent(0, 1.5, &g), LDRT_EINVAL, "isotope_half_life_days");
    tu_assert_error(ldrt_lc_bed_permanent(60, 9.7, 1.5, -2, &b), LDRT_EINVAL, "alpha_beta_gy");
}
END_TEST

/* ---- induced repair / HRS -------------------------------------------------------------- */

START_TEST(hrs_reference)
{
    double b, lq, e;
    /* Reference: ratio 3, dc 0.25, ab 10. */
    tu_assert_ok(ldrt_hrs_bed(2, 4, 10, 3, 0.25, &b)); ASSERT_NEAR(b, 2.641, 5e-4);
    tu_assert_ok(ldrt_lq_bed(2, 4, 10, &lq)); ASSERT_NEAR(lq, 2.1, 1e-12);
    tu_assert_ok(ldrt_hrs_bed(2, 2, 10, 3, 0.25, &b)); ASSERT_NEAR(b, 2.273, 5e-4);
    tu_assert_ok(ldrt_hrs_bed(4, 4, 10, 3, 0.25, &b)); ASSERT_NEAR(b, 4.547, 5e-4);
    tu_assert_ok(ldrt_hrs_bed(60, 30, 10, 3, 0.25, &b)); ASSERT_NEAR(b, 72.040, 5e-4);
    /* ratio 1 is plain LQ. */
    tu_assert_ok(ldrt_hrs_bed(2, 4, 10, 1, 0.25, &b)); ASSERT_REL(b, 2.1, 1e-15);
    /* EQD2 under HRS, hand: 2 Gy in 4 x 0.5: BED = 2 (1 + 2 e^-2 + 0.05);
     * per gray at 2 Gy: 1 + 2 e^-8 + 0.2. */
    tu_assert_ok(ldrt_hrs_eqd(2, 4, 10, 3, 0.25, 2, &e));
    ASSERT_REL(e, 2 * (1 + 2 * exp(-2.0) + 0.05) / (1 + 2 * exp(-8.0) + 0.2), 1e-14);
    tu_assert_error(ldrt_hrs_bed(2, 4, 10, 0.5, 0.25, &b), LDRT_EINVAL, "alpha_ratio");
    tu_assert_error(ldrt_hrs_bed(2, 4, 10, 3, 0, &b), LDRT_EINVAL, "dc_gy");
    tu_assert_error(ldrt_hrs_eqd(2, 4, 10, 3, 0.25, -1, &e), LDRT_EINVAL, "ref_dose");
}
END_TEST

/* ---- gEUD, NTCP, TCP ----------------------------------------------------------------------- */

START_TEST(geud_ntcp_reference)
{
    const double d[] = { 10, 20, 30 };
    double e, p;
    tu_assert_ok(ldrt_geud(d, NULL, 3, 1, &e)); ASSERT_NEAR(e, 20, 1e-12);
    tu_assert_ok(ldrt_geud(d, NULL, 3, 2, &e)); ASSERT_NEAR(e, 21.6025, 5e-5);
    tu_assert_ok(ldrt_geud(d, NULL, 3, 10, &e)); ASSERT_NEAR(e, 26.9251, 5e-5);
    tu_assert_ok(ldrt_geud(d, NULL, 3, -10, &e)); ASSERT_NEAR(e, 11.1601, 5e-5);
    /* Volumes are relative: {2,2,2} is the same as equal volumes. */
    const double v2[] = { 2, 2, 2 };
    tu_assert_ok(ldrt_geud(d, v2, 3, 2, &e)); ASSERT_NEAR(e, 21.6025, 5e-5);
    /* Hand: volumes {1, 0, 3}, a = 1: (10 + 90)/4 = 25. */
    const double v3[] = { 1, 0, 3 };
    tu_assert_ok(ldrt_geud(d, v3, 3, 1, &e)); ASSERT_REL(e, 25, 1e-15);
    /* Negative a with a zero dose: 0. */
    const double dz[] = { 0, 20 };
    tu_assert_ok(ldrt_geud(dz, NULL, 2, -10, &e)); ASSERT_NEAR(e, 0, 0);
    /* Large a stays finite (scaled by Dmax): a = 200 -> near Dmax 30. */
    tu_assert_ok(ldrt_geud(d, NULL, 3, 200, &e)); ck_assert(e > 29.8 && e <= 30);
    /* LKB: uniform 20 Gy, TD50 30.8, m 0.37 -> 0.17164. */
    tu_assert_ok(ldrt_ntcp_lkb(20, 30.8, 0.37, &p)); ASSERT_NEAR(p, 0.17164, 5e-6);
    const double u[] = { 20, 20 };
    tu_assert_ok(ldrt_ntcp_lkb_dvh(u, NULL, 2, 30.8, 0.37, 0.99, &p)); ASSERT_NEAR(p, 0.17164, 5e-6);
    /* At TD50 the NTCP is 1/2 (hand). */
    tu_assert_ok(ldrt_ntcp_lkb(30.8, 30.8, 0.37, &p)); ASSERT_NEAR(p, 0.5, 1e-15);
    /* Logit TCP: EUD 60, TCD50 51.9, gamma50 0.8 -> 0.61398. */
    tu_assert_ok(ldrt_dose_response_logit(60, 51.9, 0.8, &p)); ASSERT_NEAR(p, 0.61398, 5e-6);
    tu_assert_ok(ldrt_dose_response_logit(0, 51.9, 0.8, &p)); ASSERT_NEAR(p, 0, 0);
    /* Poisson at D50: 2^-exp(0) = 1/2 (hand); at 0 Gy: 2^-exp(e g) (hand, g = 1). */
    tu_assert_ok(ldrt_dose_response_poisson(51.9, 51.9, 2, &p)); ASSERT_NEAR(p, 0.5, 1e-15);
    tu_assert_ok(ldrt_dose_response_poisson(0, 50, 1, &p)); ASSERT_REL(p, pow(2, -exp(exp(1.0))), 1e-14);
    tu_assert_error(ldrt_geud(d, NULL, 3, 0, &e), LDRT_EINVAL, "a:");
    tu_assert_error(ldrt_geud(d, NULL, 0, 1, &e), LDRT_EINVAL, "count");
    const double bad[] = { 10, -1 };
    tu_assert_error(ldrt_geud(bad, NULL, 2, 1, &e), LDRT_EINVAL, "doses_gy[1]");
    const double vz[] = { 0, 0, 0 };
    tu_assert_error(ldrt_geud(d, vz, 3, 1, &e), LDRT_EINVAL, "volumes");
    const double vn[] = { 1, -1, 0 };
    tu_assert_error(ldrt_geud(d, vn, 3, 1, &e), LDRT_EINVAL, "volumes[1]");
    tu_assert_error(ldrt_ntcp_lkb(20, 0, 0.37, &p), LDRT_EINVAL, "td50_gy");
    tu_assert_error(ldrt_ntcp_lkb(20, 30.8, 0, &p), LDRT_EINVAL, "m:");
    tu_assert_error(ldrt_ntcp_lkb_dvh(u, NULL, 2, 30.8, 0.37, 0, &p), LDRT_EINVAL, "n:");
    tu_assert_error(ldrt_dose_response_logit(60, 51.9, 0, &p), LDRT_EINVAL, "gamma50");
    tu_assert_error(ldrt_dose_response_poisson(-1, 51.9, 1, &p), LDRT_EINVAL, "eud_gy");
}
END_TEST

/* ---- re-irradiation --------------------------------------------------------------------------- */

START_TEST(reirradiation_reference)
{
    double r, v, eqd1, eqd2;
    /* Fixed factors: <6 mo 0, 6-12 mo 0.25, >=12 mo 0.5 (RECOVERY_FACTORS of
     * github.com/subbumishra92/reirradiation-eqd2-calculator, app.py; month = 365.25/12 = 30.4375 d). */
    tu_assert_ok(ldrt_reirr_recovery_fixed(0, &r)); ASSERT_NEAR(r, 0, 0);
    tu_assert_ok(ldrt_reirr_recovery_fixed(182, &r)); ASSERT_NEAR(r, 0, 0);        /* 5.98 mo */
    tu_assert_ok(ldrt_reirr_recovery_fixed(182.625, &r)); ASSERT_NEAR(r, 0.25, 0); /* 6 mo exactly */
    tu_assert_ok(ldrt_reirr_recovery_fixed(365, &r)); ASSERT_NEAR(r, 0.25, 0);
    tu_assert_ok(ldrt_reirr_recovery_fixed(365.25, &r)); ASSERT_NEAR(r, 0.5, 0);
    /* Cord, ab 2: prior 50/25 (EQD2 50) + new 25/5 (EQD2 43.75). */
    tu_assert_ok(ldrt_lq_eqd2(50, 25, 2, &eqd1)); ASSERT_NEAR(eqd1, 50, 1e-12);
    tu_assert_ok(ldrt_lq_eqd2(25, 5, 2, &eqd2)); ASSERT_NEAR(eqd2, 43.75, 1e-12);
    const double e[] = { eqd1, eqd2 };
    const double rec0[] = { 0, 0 }, rec25[] = { 0.25, 0 }, rec50[] = { 0.5, 0 };
    tu_assert_ok(ldrt_reirr_cumulative(e, rec0, 2, &v)); ASSERT_NEAR(v, 93.75, 1e-12);
    tu_assert_ok(ldrt_reirr_cumulative(e, NULL, 2, &v)); ASSERT_NEAR(v, 93.75, 1e-12);
    tu_assert_ok(ldrt_reirr_cumulative(e, rec25, 2, &v)); ASSERT_NEAR(v, 81.25, 1e-12);
    tu_assert_ok(ldrt_reirr_cumulative(e, rec50, 2, &v)); ASSERT_NEAR(v, 68.75, 1e-12);
    /* Jones & Grant: prior 40/20 (BED2 80), tolerance 50/25 (BED2 100). */
    static const struct { double months, cons, r_cons, fit; } jg[] = {
        { 0, 43.70, 1.80, 33.21 }, { 6, 41.02, 2.05, 31.62 }, { 12, 36.86, 2.50, 28.49 },
        { 24, 24.16, 4.82, 16.19 }, { 36, 11.22, 12.52, 4.90 },
    };
    double b1, btol;
    tu_assert_ok(ldrt_lq_bed(40, 20, 2, &b1)); ASSERT_NEAR(b1, 80, 1e-12);
    tu_assert_ok(ldrt_lq_bed(50, 25, 2, &btol)); ASSERT_NEAR(btol, 100, 1e-12);
    for (size_t i = 0; i < 5; i++) {
        double days = jg[i].months * 365.25 / 12.0, eff, rr;
        tu_assert_ok(ldrt_reirr_jones_grant(b1, btol, days, LDRT_JG_CONSERVATIVE, &eff, &rr));
        ASSERT_NEAR(eff, jg[i].cons, 5e-3);
        ASSERT_NEAR(rr, jg[i].r_cons, 5e-3);
        tu_assert_ok(ldrt_reirr_jones_grant(b1, btol, days, LDRT_JG_FITTED, &eff, NULL));
        ASSERT_NEAR(eff, jg[i].fit, 5e-3);
    }
    /* Gap clamped at 3 years: 5 years gives the 36-month value. */
    tu_assert_ok(ldrt_reirr_jones_grant(b1, btol, 5 * 365.25, LDRT_JG_CONSERVATIVE, &v, NULL));
    ASSERT_NEAR(v, 11.22, 5e-3);
    /* Prior at or above tolerance: unchanged. */
    tu_assert_ok(ldrt_reirr_jones_grant(120, 100, 400, LDRT_JG_CONSERVATIVE, &v, NULL));
    ASSERT_NEAR(v, 120, 0);
    tu_assert_error(ldrt_reirr_recovery_fixed(-1, &r), LDRT_EINVAL, "gap_days");
    tu_assert_error(ldrt_reirr_cumulative(e, NULL, 0, &v), LDRT_EINVAL, "count");
    const double badrec[] = { 0, 1.5 };
    tu_assert_error(ldrt_reirr_cumulative(e, badrec, 2, &v), LDRT_EINVAL, "recovery[1]");
    const double bade[] = { NAN };
    tu_assert_error(ldrt_reirr_cumulative(bade, NULL, 1, &v), LDRT_EINVAL, "eqd_gy[0]");
    tu_assert_error(ldrt_reirr_jones_grant(80, 0, 0, 0, &v, NULL), LDRT_EINVAL, "tolerance_bed_gy");
    tu_assert_error(ldrt_reirr_jones_grant(80, 100, -1, 0, &v, NULL), LDRT_EINVAL, "gap_days");
    tu_assert_error(ldrt_reirr_jones_grant(80, 100, 0, 7, &v, NULL), LDRT_EINVAL, "model");
}
END_TEST

/* ---- tissue presets --------------------------------------------------------------------------- */

START_TEST(tissue_presets)
{
    size_t n = ldrt_tissue_count(), idx;
    ck_assert_uint_ge(n, 10);
    for (size_t i = 0; i < n; i++) {
        const char *name = NULL, *cit = NULL;
        double ab = 0, lo, hi;
        int ver = -1;
        tu_assert_ok(ldrt_tissue_info(i, &name, &ab, &lo, &hi, &cit, &ver));
        ck_assert(name != NULL && cit != NULL && strlen(cit) > 10);
        ck_assert(ab > 0);
        ck_assert(ver == 0 || ver == 1);
        tu_assert_ok(ldrt_tissue_find(name, &idx));
        ck_assert_uint_eq(idx, i);
        if (!isnan(lo)) ck_assert(lo <= ab && ab <= hi);
    }
    double ab, lo, hi, tk, tp, al;
    int ver;
    /* Melanoma: Bentzen 1989, 0.6 (95% CI -1.1 to 2.5). */
    tu_assert_ok(ldrt_tissue_find("Melanoma", &idx));
    tu_assert_ok(ldrt_tissue_info(idx, NULL, &ab, &lo, &hi, NULL, &ver));
    ASSERT_NEAR(ab, 0.6, 0); ASSERT_NEAR(lo, -1.1, 0); ASSERT_NEAR(hi, 2.5, 0);
    ck_assert_int_eq(ver, 1);
    tu_assert_ok(ldrt_tissue_find("tumour", &idx));
    tu_assert_ok(ldrt_tissue_info(idx, NULL, &ab, NULL, NULL, NULL, NULL)); ASSERT_NEAR(ab, 10, 0);
    tu_assert_error(ldrt_tissue_kinetics(idx, &tk, &tp, &al), LDRT_ENOTFOUND, "no published kinetics");
    tu_assert_ok(ldrt_tissue_find("late", &idx));
    tu_assert_ok(ldrt_tissue_info(idx, NULL, &ab, NULL, NULL, NULL, NULL)); ASSERT_NEAR(ab, 3, 0);
    /* CERR Lung BED.json: Tk 28, Tpot 3, alpha 0.35. */
    tu_assert_ok(ldrt_tissue_find("nsclc", &idx));
    tu_assert_ok(ldrt_tissue_kinetics(idx, &tk, &tp, &al));
    ASSERT_NEAR(tk, 28, 0); ASSERT_NEAR(tp, 3, 0); ASSERT_NEAR(al, 0.35, 0);
    /* Unconfirmed presets are flagged. */
    tu_assert_ok(ldrt_tissue_find("breast", &idx));
    tu_assert_ok(ldrt_tissue_info(idx, NULL, NULL, NULL, NULL, NULL, &ver));
    ck_assert_int_eq(ver, 0);
    /* The USC preset's ab is the tangent-consistent value of ldrt_usc_params. */
    double usc_ab;
    tu_assert_ok(ldrt_usc_params(0.33, 1.25, 1.8, NULL, &usc_ab));
    tu_assert_ok(ldrt_tissue_find("nsclc-h460-usc", &idx));
    tu_assert_ok(ldrt_tissue_info(idx, NULL, &ab, NULL, NULL, NULL, NULL));
    ASSERT_NEAR(ab, usc_ab, 5e-5);
    tu_assert_error(ldrt_tissue_find("unicorn", &idx), LDRT_ENOTFOUND, "unicorn");
    tu_assert_error(ldrt_tissue_find(NULL, &idx), LDRT_EINVAL, "name");
    tu_assert_error(ldrt_tissue_info(n, NULL, NULL, NULL, NULL, NULL, NULL), LDRT_ERANGE, "index");
    tu_assert_error(ldrt_tissue_kinetics(n, NULL, NULL, NULL), LDRT_ERANGE, "index");
}
END_TEST

/* ---- regimen classification ---------------------------------------------------------------------- */

static const struct class_row {
    double total, n;
    ldrt_regimen regimen;
    unsigned rules;
    const char *why;
} class_rows[] = {
    /* The seed case: SBRT 40 Gy/5 fx (8 Gy) and L-XRT 10 Gy/5 fx (2 Gy). */
    { 40, 5, LDRT_REGIMEN_SBRT, LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO | LDRT_REGIMEN_RULE_SABR_UK, "seed SBRT" },
    { 10, 5, LDRT_REGIMEN_LOW_DOSE,
      LDRT_REGIMEN_RULE_LXRT_SEED | LDRT_REGIMEN_RULE_LOW_DOSE_MENON | LDRT_REGIMEN_RULE_CONVENTIONAL, "seed L-XRT, 2 Gy exactly" },
    /* No dose: < 1 Gy total; exactly 1 Gy is not "no dose". */
    { 0, 1, LDRT_REGIMEN_NO_DOSE, LDRT_REGIMEN_RULE_NO_DOSE, "zero" },
    { 0.99, 1, LDRT_REGIMEN_NO_DOSE, LDRT_REGIMEN_RULE_NO_DOSE, "just below 1 Gy" },
    { 1, 1, LDRT_REGIMEN_LOW_DOSE, LDRT_REGIMEN_RULE_LXRT_SEED | LDRT_REGIMEN_RULE_LOW_DOSE_MENON, "1 Gy total exactly" },
    { 1, 4, LDRT_REGIMEN_LOW_DOSE, LDRT_REGIMEN_RULE_LOW_DOSE_MENON, "1 Gy as 4 x 0.25: Menon only" },
    /* RadScopal-type secondary: 1 Gy x 2; HRS region 0.5 Gy x 4. */
    { 2, 2, LDRT_REGIMEN_LOW_DOSE, LDRT_REGIMEN_RULE_LXRT_SEED | LDRT_REGIMEN_RULE_LOW_DOSE_MENON, "1 Gy x 2" },
    { 2, 4, LDRT_REGIMEN_LOW_DOSE, LDRT_REGIMEN_RULE_LXRT_SEED | LDRT_REGIMEN_RULE_LOW_DOSE_MENON, "0.5 Gy x 4, d = 0.5 exactly" },
    /* Seed rule edges: total 10 exactly in; 10.5 out (Menon still in). */
    { 10.5, 7, LDRT_REGIMEN_LOW_DOSE, LDRT_REGIMEN_RULE_LOW_DOSE_MENON, "1.5 Gy x 7 = 10.5 Gy: Menon, d < 1.8" },
    { 12, 6, LDRT_REGIMEN_CONVENTIONAL, LDRT_REGIMEN_RULE_LOW_DOSE_MENON | LDRT_REGIMEN_RULE_CONVENTIONAL, "2 Gy x 6" },
    { 20, 10, LDRT_REGIMEN_CONVENTIONAL, LDRT_REGIMEN_RULE_LOW_DOSE_MENON | LDRT_REGIMEN_RULE_CONVENTIONAL, "20 Gy total exactly" },
    { 20.1, 10, LDRT_REGIMEN_HYPOFRACTIONATED, LDRT_REGIMEN_RULE_MODERATE_HYPO, "2.01 Gy: above conventional" },
    { 60, 30, LDRT_REGIMEN_CONVENTIONAL, LDRT_REGIMEN_RULE_CONVENTIONAL, "2 Gy x 30" },
    { 54, 30, LDRT_REGIMEN_CONVENTIONAL, LDRT_REGIMEN_RULE_CONVENTIONAL, "1.8 Gy x 30, d = 1.8 exactly" },
    { 81.6, 68, LDRT_REGIMEN_OTHER, 0, "1.2 Gy x 68" },
    { 60, 20, LDRT_REGIMEN_HYPOFRACTIONATED, LDRT_REGIMEN_RULE_MODERATE_HYPO, "3 Gy x 20" },
    /* SBRT boundaries: exactly 5 fractions in; 6 fractions only UK SABR (3-8). */
    { 25, 5, LDRT_REGIMEN_SBRT, LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO | LDRT_REGIMEN_RULE_SABR_UK, "5 Gy x 5, both 5s exact" },
    { 30, 6, LDRT_REGIMEN_SBRT, LDRT_REGIMEN_RULE_SABR_UK, "5 Gy x 6: UK SABR only" },
    { 40, 8, LDRT_REGIMEN_SBRT, LDRT_REGIMEN_RULE_SABR_UK, "5 Gy x 8: 8 fractions exactly" },
    { 45, 9, LDRT_REGIMEN_HYPOFRACTIONATED, 0, "5 Gy x 9: neither rule" },
    { 24, 1, LDRT_REGIMEN_SBRT, LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO, "24 Gy x 1: ACR-ASTRO only (< 3 fx)" },
    { 36, 3, LDRT_REGIMEN_SBRT, LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO | LDRT_REGIMEN_RULE_SABR_UK, "RadScopal H-XRT 12 Gy x 3" },
    { 20, 5, LDRT_REGIMEN_HYPOFRACTIONATED, LDRT_REGIMEN_RULE_LOW_DOSE_MENON | LDRT_REGIMEN_RULE_MODERATE_HYPO, "4 Gy x 5" },
};

START_TEST(regimen_boundaries)
{
    const struct class_row *r = &class_rows[_i];
    ldrt_regimen regimen = (ldrt_regimen)99;
    unsigned rules = 999;
    tu_assert_ok(ldrt_regimen_classify(r->total, r->n, &regimen, &rules));
    ck_assert_msg(regimen == r->regimen, "%s: regimen %s, expected %s", r->why,
                  ldrt_regimen_name(regimen), ldrt_regimen_name(r->regimen));
    ck_assert_msg(rules == r->rules, "%s: rules 0x%x, expected 0x%x", r->why, rules, r->rules);
}
END_TEST

START_TEST(regimen_fractions_and_sources)
{
    ldrt_regimen regimen;
    unsigned rules;
    /* Rounding: 10 x 0.1 Gy sums to 0.9999999999999999; it is 1 Gy. */
    double tenth[10];
    for (int i = 0; i < 10; i++) tenth[i] = 0.1;
    tu_assert_ok(ldrt_regimen_classify_fractions(tenth, 10, &regimen, &rules));
    ck_assert_int_eq(regimen, LDRT_REGIMEN_LOW_DOSE);
    ck_assert_uint_eq(rules, LDRT_REGIMEN_RULE_LOW_DOSE_MENON);
    /* Unequal fractions: one 2.5 Gy fraction breaks the seed rule (every fraction 0.5-2). */
    const double mixed[] = { 1, 1, 2.5 };
    tu_assert_ok(ldrt_regimen_classify_fractions(mixed, 3, &regimen, &rules));
    ck_assert(!(rules & LDRT_REGIMEN_RULE_LXRT_SEED));
    ck_assert(rules & LDRT_REGIMEN_RULE_LOW_DOSE_MENON);
    const double even[] = { 2, 2, 2, 2, 2 };
    tu_assert_ok(ldrt_regimen_classify_fractions(even, 5, &regimen, &rules));
    ck_assert_int_eq(regimen, LDRT_REGIMEN_LOW_DOSE);
    /* The seed's 10 Gy in 5 x 2 Gy: low-dose by the seed (0.5-2 Gy/fx, 1-10
     * Gy) and Menon (1-20 Gy) rules; 2 Gy is also in the conventional
     * 1.8-2 Gy band, which matches but is no reason for "low-dose". */
    ck_assert_uint_eq(rules, LDRT_REGIMEN_RULE_LXRT_SEED | LDRT_REGIMEN_RULE_LOW_DOSE_MENON |
                                 LDRT_REGIMEN_RULE_CONVENTIONAL);
    unsigned sup = 0, also = 0;
    tu_assert_ok(ldrt_regimen_rules_split(regimen, rules, &sup, &also));
    ck_assert_uint_eq(sup, LDRT_REGIMEN_RULE_LXRT_SEED | LDRT_REGIMEN_RULE_LOW_DOSE_MENON);
    ck_assert_uint_eq(also, LDRT_REGIMEN_RULE_CONVENTIONAL);
    /* 60 Gy in 30: conventional, supported by its own rule only. */
    tu_assert_ok(ldrt_regimen_classify(60, 30, &regimen, &rules));
    tu_assert_ok(ldrt_regimen_rules_split(regimen, rules, &sup, NULL));
    ck_assert_uint_eq(sup, LDRT_REGIMEN_RULE_CONVENTIONAL);
    /* 24 Gy in 3 (8 Gy): SBRT by both SBRT rules, nothing else. */
    tu_assert_ok(ldrt_regimen_classify(24, 3, &regimen, &rules));
    tu_assert_ok(ldrt_regimen_rules_split(regimen, rules, &sup, &also));
    ck_assert_uint_eq(sup, LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO | LDRT_REGIMEN_RULE_SABR_UK);
    ck_assert_uint_eq(also, 0);
    tu_assert_error(ldrt_regimen_rules_split(99, rules, &sup, &also), LDRT_EINVAL, "regimen");
    /* Names and sources. */
    ck_assert_str_eq(ldrt_regimen_name(LDRT_REGIMEN_SBRT), "sbrt");
    ck_assert_str_eq(ldrt_regimen_name(LDRT_REGIMEN_LOW_DOSE), "low-dose");
    ck_assert_ptr_null(ldrt_regimen_name(99));
    ck_assert_ptr_nonnull(strstr(ldrt_regimen_rule_source(LDRT_REGIMEN_RULE_NO_DOSE), "Menon"));
    ck_assert_ptr_nonnull(strstr(ldrt_regimen_rule_source(LDRT_REGIMEN_RULE_LXRT_SEED), "Front Oncol 2025"));
    ck_assert_ptr_nonnull(strstr(ldrt_regimen_rule_source(LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO), "Chao"));
    ck_assert_ptr_nonnull(strstr(ldrt_regimen_rule_source(LDRT_REGIMEN_RULE_SABR_UK), "3-8"));
    ck_assert_ptr_null(ldrt_regimen_rule_source(3));
    ck_assert_str_eq(ldrt_regimen_rule_name(LDRT_REGIMEN_RULE_LXRT_SEED), "lxrt-seed");
    ck_assert_str_eq(ldrt_regimen_rule_name(LDRT_REGIMEN_RULE_SABR_UK), "sabr-uk");
    ck_assert_ptr_null(ldrt_regimen_rule_name(0));
    /* Bad input. */
    tu_assert_error(ldrt_regimen_classify(-1, 5, &regimen, &rules), LDRT_EINVAL, "total_gy");
    tu_assert_error(ldrt_regimen_classify(10, 0.5, &regimen, &rules), LDRT_EINVAL, "fractions");
    tu_assert_error(ldrt_regimen_classify(10, NAN, &regimen, &rules), LDRT_EINVAL, "fractions");
    const double bad[] = { 1, NAN };
    tu_assert_error(ldrt_regimen_classify_fractions(bad, 2, &regimen, &rules), LDRT_EINVAL, "doses_gy[1]");
    tu_assert_error(ldrt_regimen_classify_fractions(NULL, 2, &regimen, &rules), LDRT_EINVAL, "doses_gy");
    tu_assert_error(ldrt_regimen_classify_fractions(bad, 0, &regimen, &rules), LDRT_EINVAL, "count");
}
END_TEST

/* The seed case: EQD2 of both courses at ab 10, 3 and the melanoma preset. */
START_TEST(seed_case_doses)
{
    size_t idx;
    double mel, v;
    tu_assert_ok(ldrt_tissue_find("melanoma", &idx));
    tu_assert_ok(ldrt_tissue_info(idx, NULL, &mel, NULL, NULL, NULL, NULL));
    /* SBRT 40/5: EQD2(10) 60, EQD2(3) 88, EQD2(0.6) 132.308 (reference table). */
    tu_assert_ok(ldrt_lq_eqd2(40, 5, 10, &v)); ASSERT_NEAR(v, 60, 1e-12);
    tu_assert_ok(ldrt_lq_eqd2(40, 5, 3, &v)); ASSERT_NEAR(v, 88, 1e-12);
    tu_assert_ok(ldrt_lq_eqd2(40, 5, mel, &v)); ASSERT_NEAR(v, 132.308, 5e-4);
    /* L-XRT 10/5 in 2 Gy fractions: EQD2 10 at every ab. */
    tu_assert_ok(ldrt_lq_eqd2(10, 5, mel, &v)); ASSERT_NEAR(v, 10, 1e-12);
}
END_TEST

static Suite *dose_suite(void)
{
    Suite *s = suite_create("dose");
    TCase *tc = tcase_create("lq");
    tcase_add_loop_test(tc, lq_reference_table, 0, (int)(sizeof lq_rows / sizeof lq_rows[0]));
    tcase_add_test(tc, lq_single_values);
    tcase_add_test(tc, lq_repopulation);
    tcase_add_test(tc, lq_unequal_fractions);
    tcase_add_test(tc, lq_inverses_round_trip);
    tcase_add_test(tc, lq_inverse_values);
    tcase_add_test(tc, lq_bad_parameters);
    tcase_add_test(tc, seed_case_doses);
    suite_add_tcase(s, tc);

    tc = tcase_create("models");
    tcase_add_test(tc, lql_reference);
    tcase_add_test(tc, usc_reference);
    tcase_add_test(tc, incomplete_repair_reference);
    tcase_add_test(tc, hrs_reference);
    tcase_add_test(tc, geud_ntcp_reference);
    tcase_add_test(tc, reirradiation_reference);
    suite_add_tcase(s, tc);

    tc = tcase_create("presets-and-classes");
    tcase_add_test(tc, tissue_presets);
    tcase_add_loop_test(tc, regimen_boundaries, 0, (int)(sizeof class_rows / sizeof class_rows[0]));
    tcase_add_test(tc, regimen_fractions_and_sources);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(dose_suite)
