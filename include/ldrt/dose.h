/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/dose.h
 * @brief Radiobiological dose equivalence: LQ, BED, EQD2/EQDx and the other
 *        published models, tissue presets, regimen classification, bulk
 *        kernels for dose grids and DVHs.
 *
 * Every function here is pure (no patient, no state): a treatment-planning
 * script can use it alone. Doses are in gray, times in the unit their name
 * says (`_days`, `_h`). The dose of a patient's courses and lesions is the
 * record's (ldrt/patient.h, @ref course_dose).
 *
 * The bulk kernels and the DVHs (@ref kernels) are the experimental tier:
 * declared only when the program defines `LDRT_EXPERIMENTAL_API` before
 * including this header, and they may change in any minor release (see the
 * guide @ref guide_abi). Everything else here is stable.
 */
#ifndef LDRT_DOSE_H
#define LDRT_DOSE_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup dose Dose equivalence
 * @brief What a course of radiation is worth biologically: the LQ model and
 *        its published extensions, tissue presets, regimen classification and
 *        bulk kernels; pure functions, no patient.
 *
 * See the guide @ref guide_dose for the formulas, their sources and the
 * verification state of every preset.
 */

/**
 * @defgroup lq Linear-quadratic model: BED, EQD2, EQDx, inverses
 * @ingroup dose
 * @brief The LQ core every other model extends.
 *
 * With total dose D in n fractions of d = D/n and tissue ratio alpha/beta:
 *
 * - BED = D (1 + d / (alpha/beta))
 * - EQDx = D (d + alpha/beta) / (x + alpha/beta) = BED / (1 + x / (alpha/beta))
 * - EQD2 = EQDx with x = 2 Gy
 *
 * Sources: Fowler, Br J Radiol 1989;62:679-694 and Br J Radiol 2010;83:554-568;
 * Barendsen, Int J Radiat Oncol Biol Phys 1982;8:1981-1997.
 *
 * **Validation.** Every function checks its arguments and fails with
 * #LDRT_EINVAL naming the argument: doses must be finite and >= 0, fraction
 * numbers finite and > 0 (non-integer numbers are allowed, as an analytic
 * extension), alpha/beta finite and > 0, reference doses finite and >= 0.
 * No function ever falls back to the physical dose. A result that is not
 * finite (valid but extreme arguments, such as 1e300 Gy) is #LDRT_ERANGE.
 * Out parameters are written only on success.
 * @{
 */

/**
 * Biologically effective dose of n equal fractions (LQ).
 *
 * BED = D (1 + (D/n) / (alpha/beta)) (Fowler 1989).
 *
 * @param total_gy       total physical dose D, >= 0 Gy.
 * @param fractions      number of fractions n, > 0.
 * @param alpha_beta_gy  alpha/beta of the tissue, > 0 Gy.
 * @param bed_gy         receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_bed(double total_gy, double fractions, double alpha_beta_gy, double *bed_gy);

/**
 * Equivalent dose in fractions of x Gy (EQDx, the "Withers formula").
 *
 * EQDx = D (D/n + alpha/beta) / (x + alpha/beta). With x = 0 this is the BED.
 *
 * @param total_gy                   total physical dose, >= 0 Gy.
 * @param fractions                  number of fractions, > 0.
 * @param alpha_beta_gy              alpha/beta, > 0 Gy.
 * @param ref_dose_per_fraction_gy   reference dose per fraction x, >= 0 Gy.
 * @param eqd_gy                     receives EQDx in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_eqd(double total_gy, double fractions, double alpha_beta_gy, double ref_dose_per_fraction_gy, double *eqd_gy);

/**
 * Equivalent dose in 2 Gy fractions: ldrt_lq_eqd() with x = 2 Gy.
 *
 * @param total_gy       total physical dose, >= 0 Gy.
 * @param fractions      number of fractions, > 0.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param eqd2_gy        receives EQD2 in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_eqd2(double total_gy, double fractions, double alpha_beta_gy, double *eqd2_gy);

/**
 * BED with a repopulation correction.
 *
 * BED = D (1 + d/(alpha/beta)) - ln2 (T - Tk) / (alpha Tpot) when T > Tk, and
 * plain LQ when T <= Tk (no correction). Source: Fowler 1989; the form used by
 * CERR (Jeong et al., AAPM 2017) and rad-tools. The result may be negative
 * for a long, low-dose course; it is returned as computed.
 *
 * @param total_gy        total dose, >= 0 Gy.
 * @param fractions       number of fractions, > 0.
 * @param alpha_beta_gy   alpha/beta, > 0 Gy.
 * @param treatment_days  overall treatment time T, >= 0 days.
 * @param kickoff_days    kick-off time Tk of accelerated repopulation, >= 0 days.
 * @param alpha_per_gy    alpha of the tissue, > 0 per Gy.
 * @param tpot_days       potential doubling time Tpot, > 0 days.
 * @param bed_gy          receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_bed_repop(double total_gy, double fractions, double alpha_beta_gy, double treatment_days, double kickoff_days, double alpha_per_gy, double tpot_days, double *bed_gy);

/**
 * BED of a list of fractions of unequal size.
 *
 * BED = sum_i d_i (1 + d_i/(alpha/beta)). A fraction of 0 Gy contributes 0.
 *
 * @param doses_gy       the dose of each fraction, each finite and >= 0 Gy; not NULL.
 * @param count          number of fractions, >= 1.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param bed_gy         receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the argument (and the index of a bad dose), or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_bed_fractions(const double *doses_gy, size_t count, double alpha_beta_gy, double *bed_gy);

/**
 * EQDx of a list of fractions of unequal size: BED / (1 + x/(alpha/beta)).
 *
 * @param doses_gy                   the dose of each fraction (>= 0 Gy); not NULL.
 * @param count                      number of fractions, >= 1.
 * @param alpha_beta_gy              alpha/beta, > 0 Gy.
 * @param ref_dose_per_fraction_gy   reference dose per fraction x, >= 0 Gy.
 * @param eqd_gy                     receives EQDx in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_eqd_fractions(const double *doses_gy, size_t count, double alpha_beta_gy, double ref_dose_per_fraction_gy, double *eqd_gy);

/**
 * Converts a BED to EQDx: EQDx = BED / (1 + x/(alpha/beta)).
 *
 * @param bed_gy                     a BED, finite and >= 0 Gy.
 * @param alpha_beta_gy              the alpha/beta the BED was computed with, > 0 Gy.
 * @param ref_dose_per_fraction_gy   x, >= 0 Gy.
 * @param eqd_gy                     receives EQDx in Gy; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_lq_eqd_from_bed(double bed_gy, double alpha_beta_gy, double ref_dose_per_fraction_gy, double *eqd_gy);

/**
 * Inverse: the total dose in n equal fractions that gives a target BED.
 *
 * D = n (alpha/beta) (sqrt(1 + 4 BED / (n alpha/beta)) - 1) / 2, the positive
 * root of D^2/(n alpha/beta) + D - BED = 0 (DICOMautomaton D_from_n_BEDabr).
 * Computed in the cancellation-free form D = 2 BED / (1 + sqrt(1 + 4 BED/(n alpha/beta))).
 *
 * @param bed_gy         target BED, finite and >= 0 Gy.
 * @param fractions      number of fractions, > 0.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param total_gy       receives the total dose in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_total_for_bed(double bed_gy, double fractions, double alpha_beta_gy, double *total_gy);

/**
 * Inverse: the total dose in n equal fractions that gives a target EQDx
 * (for example the remaining EQD2 budget of an organ at risk).
 *
 * The target is turned into a BED, BED = EQDx (1 + x/(alpha/beta)), and
 * solved with ldrt_lq_total_for_bed().
 *
 * @param eqd_gy                     target EQDx, finite and >= 0 Gy.
 * @param fractions                  number of fractions, > 0.
 * @param alpha_beta_gy              alpha/beta, > 0 Gy.
 * @param ref_dose_per_fraction_gy   x, >= 0 Gy.
 * @param total_gy                   receives the total dose in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_total_for_eqd(double eqd_gy, double fractions, double alpha_beta_gy, double ref_dose_per_fraction_gy, double *total_gy);

/**
 * Inverse: the dose per fraction that gives a target BED in n fractions
 * (the maximum dose per fraction under a BED budget): ldrt_lq_total_for_bed() / n.
 *
 * @param bed_gy         target BED, finite and >= 0 Gy.
 * @param fractions      number of fractions, > 0.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param dose_per_fraction_gy receives the dose per fraction in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_dose_per_fraction_for_bed(double bed_gy, double fractions, double alpha_beta_gy, double *dose_per_fraction_gy);

/**
 * Inverse: the number of fractions of size d that gives a target BED,
 * n = BED / (d (1 + d/(alpha/beta))). Not rounded.
 *
 * @param bed_gy                 target BED, finite and > 0 Gy.
 * @param dose_per_fraction_gy   d, finite and > 0 Gy.
 * @param alpha_beta_gy          alpha/beta, > 0 Gy.
 * @param fractions              receives n (may be non-integer); not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_fractions_for_bed(double bed_gy, double dose_per_fraction_gy, double alpha_beta_gy, double *fractions);

/**
 * Isoeffect: the total dose in fractions of d2 equivalent to D1 in n1 fractions.
 *
 * D2 = D1 (d1 + alpha/beta) / (d2 + alpha/beta), d1 = D1/n1 (Withers; DVHmetrics
 * getIsoEffD, citing Barendsen 1982 and IAEA TRS-461).
 *
 * @param total1_gy              D1, >= 0 Gy.
 * @param fractions1             n1, > 0.
 * @param alpha_beta_gy          alpha/beta, > 0 Gy.
 * @param dose_per_fraction2_gy  d2, finite and > 0 Gy.
 * @param total2_gy              receives D2 in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lq_isoeffective_total(double total1_gy, double fractions1, double alpha_beta_gy, double dose_per_fraction2_gy, double *total2_gy);

/**
 * Isoeffect: the dose per fraction d2 that makes total D2 equivalent to D1 in n1 fractions.
 *
 * d2 = (D1/D2)(d1 + alpha/beta) - alpha/beta (DVHmetrics getIsoEffD).
 *
 * @param total1_gy      D1, > 0 Gy.
 * @param fractions1     n1, > 0.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param total2_gy      D2, > 0 Gy.
 * @param dose_per_fraction2_gy receives d2 in Gy; not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL naming the bad argument; #LDRT_ERANGE when
 *         no positive d2 exists (D2 too large to be isoeffective).
 */
LDRT_API int ldrt_lq_isoeffective_dose_per_fraction(double total1_gy, double fractions1, double alpha_beta_gy, double total2_gy, double *dose_per_fraction2_gy);
/** @} */

/**
 * @defgroup models Other published models
 * @ingroup dose
 * @brief LQ-L, USC, incomplete repair, dose rate, induced repair, gEUD,
 *        NTCP/TCP and re-irradiation, each with its source.
 * @{
 */

/**
 * BED under the linear-quadratic-linear model (Astrahan).
 *
 * Per fraction: d (1 + d/(alpha/beta)) for d <= dT; for d > dT the tangent
 * continuation dT (1 + dT/(alpha/beta)) + (1 + 2 dT/(alpha/beta)) (d - dT).
 * Source: Astrahan M, Med Phys 2008;35:4161-4172, doi 10.1118/1.2969065.
 *
 * @param total_gy            total dose, >= 0 Gy.
 * @param fractions           number of fractions, > 0.
 * @param alpha_beta_gy       alpha/beta, > 0 Gy.
 * @param transition_dose_gy  transition dose dT, finite and > 0 Gy (6 Gy in the
 *                            Python voxel tool, 5 Gy in the UMRO presets).
 * @param bed_gy              receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lql_bed(double total_gy, double fractions, double alpha_beta_gy, double transition_dose_gy, double *bed_gy);

/**
 * EQDx under LQ-L: BED_LQL(D, n) divided by the LQ-L BED per gray of x Gy
 * fractions (the UMRO form EQD2 = D RE(d) / RE(2)).
 *
 * @param total_gy                 total dose, >= 0 Gy.
 * @param fractions                number of fractions, > 0.
 * @param alpha_beta_gy            alpha/beta, > 0 Gy.
 * @param transition_dose_gy       dT, > 0 Gy.
 * @param ref_dose_per_fraction_gy x, finite and > 0 Gy.
 * @param eqd_gy                   receives EQDx in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lql_eqd(double total_gy, double fractions, double alpha_beta_gy, double transition_dose_gy, double ref_dose_per_fraction_gy, double *eqd_gy);

/**
 * Parameters derived from the universal survival curve (USC).
 *
 * Transition dose DT = 2 Dq / (1 - alpha D0); beta is set so that the LQ and
 * multi-target curves meet tangentially at DT, beta = (1/D0 - alpha) / (2 DT),
 * and alpha/beta follows. Source: Park C, Papiez L, Zhang S, Story M,
 * Timmerman RD, Int J Radiat Oncol Biol Phys 2008;70(3):847-852,
 * doi 10.1016/j.ijrobp.2007.10.059. H460 NSCLC: alpha 0.33 /Gy, D0 1.25 Gy,
 * Dq 1.8 Gy give DT 6.13 Gy and alpha/beta 8.60 Gy.
 *
 * @param alpha_per_gy        alpha, > 0 per Gy.
 * @param d0_gy               D0, > 0 Gy, with alpha D0 < 1.
 * @param dq_gy               Dq, > 0 Gy.
 * @param transition_dose_gy  receives DT in Gy (may be NULL).
 * @param alpha_beta_gy       receives the tangent-consistent alpha/beta in Gy (may be NULL).
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_usc_params(double alpha_per_gy, double d0_gy, double dq_gy, double *transition_dose_gy, double *alpha_beta_gy);

/**
 * BED under the universal survival curve (Park 2008).
 *
 * LQ (with the tangent-consistent alpha/beta of ldrt_usc_params()) for
 * d <= DT; n (d - Dq) / (alpha D0) for d > DT.
 *
 * @param total_gy      total dose, >= 0 Gy.
 * @param fractions     number of fractions, > 0.
 * @param alpha_per_gy  alpha, > 0 per Gy.
 * @param d0_gy         D0, > 0 Gy (alpha D0 < 1).
 * @param dq_gy         Dq, > 0 Gy.
 * @param bed_gy        receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_usc_bed(double total_gy, double fractions, double alpha_per_gy, double d0_gy, double dq_gy, double *bed_gy);

/**
 * EQDx under the USC: the USC BED divided by the USC BED per gray of x Gy fractions.
 *
 * @param total_gy                 total dose, >= 0 Gy.
 * @param fractions                number of fractions, > 0.
 * @param alpha_per_gy             alpha, > 0 per Gy.
 * @param d0_gy                    D0, > 0 Gy.
 * @param dq_gy                    Dq, > 0 Gy.
 * @param ref_dose_per_fraction_gy x, finite and > 0 Gy.
 * @param eqd_gy                   receives EQDx in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_usc_eqd(double total_gy, double fractions, double alpha_per_gy, double d0_gy, double dq_gy, double ref_dose_per_fraction_gy, double *eqd_gy);

/**
 * Single-fraction equivalent dose under the USC (Park 2008).
 *
 * The single dose with the same log cell kill E: for E at or beyond the
 * transition, SFED = E D0 + Dq, which for n fractions of d >= DT is
 * n (d - Dq) + Dq; below it, the LQ root of alpha s + beta s^2 = E.
 *
 * @param total_gy      total dose, >= 0 Gy.
 * @param fractions     number of fractions, > 0.
 * @param alpha_per_gy  alpha, > 0 per Gy.
 * @param d0_gy         D0, > 0 Gy.
 * @param dq_gy         Dq, > 0 Gy.
 * @param sfed_gy       receives the SFED in Gy; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_usc_sfed(double total_gy, double fractions, double alpha_per_gy, double d0_gy, double dq_gy, double *sfed_gy);

/**
 * Thames incomplete-repair factor h_m for m equally spaced fractions a day.
 *
 * h_m = (2/m) (phi/(1-phi)) (m - (1 - phi^m)/(1 - phi)), phi = exp(-mu dt),
 * mu = ln2 / T_half. Source: Thames HD, Int J Radiat Biol 1985;47:319-339
 * (the form is stated as in the reference document and not yet confirmed
 * against the primary text). h_1 = 0.
 *
 * @param fractions_per_day  m, 1 to 12.
 * @param interval_h         time between fractions of a day, finite and > 0 hours.
 * @param repair_half_time_h repair half-time, finite and > 0 hours.
 * @param h                  receives h_m (dimensionless); not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_ir_h_factor(int fractions_per_day, double interval_h, double repair_half_time_h, double *h);

/**
 * BED with incomplete repair between fractions given the same day (Thames).
 *
 * BED = D (1 + d (1 + h_m) / (alpha/beta)), with h_m of ldrt_ir_h_factor()
 * (every day has m fractions).
 *
 * @param total_gy           total dose, >= 0 Gy.
 * @param fractions          number of fractions, > 0.
 * @param alpha_beta_gy      alpha/beta, > 0 Gy.
 * @param fractions_per_day  m, 1 to 12.
 * @param interval_h         interval between fractions of a day, > 0 hours.
 * @param repair_half_time_h repair half-time, > 0 hours.
 * @param bed_gy             receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_ir_bed(double total_gy, double fractions, double alpha_beta_gy, int fractions_per_day, double interval_h, double repair_half_time_h, double *bed_gy);

/**
 * Lea-Catcheside dose-protraction factor G of one continuous exposure.
 *
 * G = 2 (x - 1 + exp(-x)) / x^2 with x = mu t, mu = ln2 / T_half (Lea and
 * Catcheside 1942; Dale, Br J Radiol 1985;58:515-528). G -> 1 for an
 * acute exposure, -> 0 for a long one.
 *
 * @param duration_h          exposure time t, finite and >= 0 hours (0: acute, G = 1).
 * @param repair_half_time_h  repair half-time, finite and > 0 hours.
 * @param g                   receives G (dimensionless); not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_lc_g_continuous(double duration_h, double repair_half_time_h, double *g);

/**
 * BED of fractions each delivered continuously over a time t, with full
 * repair between fractions: BED = D (1 + G d / (alpha/beta)).
 *
 * Covers protracted fractions and low-dose-rate brachytherapy (one fraction).
 *
 * @param total_gy            total dose, >= 0 Gy.
 * @param fractions           number of fractions, > 0.
 * @param duration_h          delivery time of one fraction, >= 0 hours.
 * @param repair_half_time_h  repair half-time, > 0 hours.
 * @param alpha_beta_gy       alpha/beta, > 0 Gy.
 * @param bed_gy              receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lc_bed_protracted(double total_gy, double fractions, double duration_h, double repair_half_time_h, double alpha_beta_gy, double *bed_gy);

/**
 * G factor of a permanent implant (exponentially decaying dose rate, infinite time).
 *
 * G = lambda / (lambda + mu), lambda = ln2 / isotope half-life, mu = ln2 /
 * repair half-time (Dale 1985, as in the GammaTile EQD2 converter). Cs-131
 * (9.7 d) with 1.5 h repair gives 0.0064.
 *
 * @param isotope_half_life_days  physical half-life, finite and > 0 days.
 * @param repair_half_time_h      repair half-time, finite and > 0 hours.
 * @param g                       receives G; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_lc_g_permanent(double isotope_half_life_days, double repair_half_time_h, double *g);

/**
 * BED of a permanent implant delivering total dose D: BED = D (1 + G D / (alpha/beta))
 * with G of ldrt_lc_g_permanent() (Dale 1985; no repopulation term).
 *
 * @param total_gy                total dose, >= 0 Gy.
 * @param isotope_half_life_days  physical half-life, > 0 days.
 * @param repair_half_time_h      repair half-time, > 0 hours.
 * @param alpha_beta_gy           alpha/beta, > 0 Gy.
 * @param bed_gy                  receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_lc_bed_permanent(double total_gy, double isotope_half_life_days, double repair_half_time_h, double alpha_beta_gy, double *bed_gy);

/**
 * BED under the induced-repair (low-dose hyper-radiosensitivity) model.
 *
 * alpha(d) = alpha_r (1 + (alpha_s/alpha_r - 1) exp(-d/dc)) gives
 * BED = D (1 + (alpha_s/alpha_r - 1) exp(-d/dc) + d/(alpha/beta)).
 * Source: Joiner MC, Marples B, Lambin P, Short SC, Turesson I, Int J Radiat
 * Oncol Biol Phys 2001;49:379-389 (primary not yet confirmed); the form and
 * the typical values alpha_s/alpha_r 3 (2-10), dc 0.25 Gy (0.2-0.3) are those
 * of the public voxel EQD2 tool. Below about 1 Gy per fraction, where L-XRT
 * lives, it differs from plain LQ: report both.
 *
 * @param total_gy          total dose, >= 0 Gy.
 * @param fractions         number of fractions, > 0.
 * @param alpha_beta_gy     alpha/beta, > 0 Gy.
 * @param alpha_ratio       alpha_s/alpha_r, finite and >= 1.
 * @param dc_gy             dc, finite and > 0 Gy.
 * @param bed_gy            receives the BED in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_hrs_bed(double total_gy, double fractions, double alpha_beta_gy, double alpha_ratio, double dc_gy, double *bed_gy);

/**
 * EQDx under the induced-repair model: the HRS BED divided by the HRS BED
 * per gray of x Gy fractions, (1 + (alpha_s/alpha_r - 1) exp(-x/dc) + x/(alpha/beta)).
 *
 * @param total_gy                 total dose, >= 0 Gy.
 * @param fractions                number of fractions, > 0.
 * @param alpha_beta_gy            alpha/beta, > 0 Gy.
 * @param alpha_ratio              alpha_s/alpha_r, >= 1.
 * @param dc_gy                    dc, > 0 Gy.
 * @param ref_dose_per_fraction_gy x, >= 0 Gy.
 * @param eqd_gy                   receives EQDx in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_hrs_eqd(double total_gy, double fractions, double alpha_beta_gy, double alpha_ratio, double dc_gy, double ref_dose_per_fraction_gy, double *eqd_gy);

/**
 * Generalised equivalent uniform dose (Niemierko, Med Phys 1999;26:1100).
 *
 * gEUD = (sum_i v_i D_i^a / sum_i v_i)^(1/a). a = 1 is the mean dose; a large
 * positive a tends to the maximum, a large negative one to the minimum. With
 * a < 0 and a dose of 0 in a non-empty volume, gEUD is 0.
 *
 * @param doses_gy    dose of each bin or voxel (>= 0 Gy); not NULL.
 * @param volumes     relative volume of each (>= 0, not all 0), or NULL for equal volumes.
 * @param count       number of entries, >= 1.
 * @param a           volume parameter, finite and non-zero.
 * @param eud_gy      receives gEUD in Gy; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_geud(const double *doses_gy, const double *volumes, size_t count, double a, double *eud_gy);

/**
 * Lyman-Kutcher-Burman NTCP from an equivalent uniform dose.
 *
 * NTCP = Phi((EUD - TD50) / (m TD50)), Phi the standard normal distribution
 * (Lyman 1985; Kutcher and Burman 1989). The EUD should be an EQD2 (convert first).
 *
 * @param eud_gy   EUD, finite and >= 0 Gy.
 * @param td50_gy  TD50, finite and > 0 Gy.
 * @param m        slope parameter, finite and > 0.
 * @param ntcp     receives the probability (0 to 1); not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_ntcp_lkb(double eud_gy, double td50_gy, double m, double *ntcp);

/**
 * LKB NTCP of a DVH: ldrt_ntcp_lkb() of the gEUD with a = 1/n.
 *
 * @param doses_gy  dose of each bin (>= 0 Gy); not NULL.
 * @param volumes   relative volume of each bin, or NULL for equal volumes.
 * @param count     number of bins, >= 1.
 * @param td50_gy   TD50, > 0 Gy.
 * @param m         slope, > 0.
 * @param n         volume effect parameter, finite and > 0.
 * @param ntcp      receives the probability; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_ntcp_lkb_dvh(const double *doses_gy, const double *volumes, size_t count, double td50_gy, double m, double n, double *ntcp);

/**
 * Logistic (Niemierko) dose-response: P = 1 / (1 + (D50/EUD)^(4 gamma50)).
 * Used for TCP (D50 = TCD50) and NTCP (D50 = TD50). P(0) = 0.
 *
 * @param eud_gy   EUD, finite and >= 0 Gy.
 * @param d50_gy   dose of 50 % response, finite and > 0 Gy.
 * @param gamma50  normalised slope at D50, finite and > 0.
 * @param p        receives the probability; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_dose_response_logit(double eud_gy, double d50_gy, double gamma50, double *p);

/**
 * Poisson (Kallman) dose-response: P = 2^(-exp(e gamma50 (1 - EUD/D50)))
 * (Kallman, Agren, Brahme 1992; as in DVHmetrics).
 *
 * @param eud_gy   EUD, finite and >= 0 Gy.
 * @param d50_gy   dose of 50 % response, > 0 Gy.
 * @param gamma50  normalised slope, > 0.
 * @param p        receives the probability; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_dose_response_poisson(double eud_gy, double d50_gy, double gamma50, double *p);

/**
 * Fixed recovery factor of a prior course by the time since it.
 *
 * < 6 months: 0; 6 to < 12 months: 0.25; >= 12 months: 0.5. Source: the
 * RECOVERY_FACTORS of the open-source re-irradiation EQD2 calculator
 * (github.com/subbumishra92/reirradiation-eqd2-calculator, app.py), a
 * convention of a public tool, not a peer-reviewed model; prefer
 * ldrt_reirr_jones_grant() where its published parameters apply.
 * A month is 365.25/12 days.
 *
 * @param gap_days  days from the end of the prior course, finite and >= 0.
 * @param recovery  receives the factor (0 to 1); not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_reirr_recovery_fixed(double gap_days, double *recovery);

/**
 * Cumulative EQD of several courses with recovery: sum_i EQD_i (1 - r_i).
 *
 * @param eqd_gy     EQD of each course (same alpha/beta and x), >= 0 Gy; not NULL.
 * @param recovery   recovery factor of each course, 0 to 1, or NULL for none.
 * @param count      number of courses, >= 1.
 * @param total_gy   receives the cumulative EQD in Gy; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument and index, or
 *         #LDRT_ERANGE when the result overflows (extreme but valid arguments).
 */
LDRT_API int ldrt_reirr_cumulative(const double *eqd_gy, const double *recovery, size_t count, double *total_gy);

/** Which recovery-rate form of Jones & Grant 2014 to use. */
typedef enum ldrt_jg_model {
    LDRT_JG_CONSERVATIVE = 0, /**< r = 1.5 + exp(1.2 (t - 1)), the recommended default. */
    LDRT_JG_FITTED = 1        /**< r = 2.8 + exp(1.67 (t - 1)), the fit to the primate data. */
} ldrt_jg_model;

/**
 * Effective prior BED after time-dependent recovery (Jones & Grant 2014).
 *
 * BED_eff = BED_tol (1 - (1 - BED_1/BED_tol)^(1/(1+r))) when 0 < BED_1/BED_tol < 1,
 * else BED_1 unchanged; t = gap in years (365.25 days), clamped to 0-3 years.
 * Source: Jones B, Grant W, Clin Oncol 2014;26:461-467,
 * doi 10.1016/j.clon.2014.04.027, as implemented in DICOMautomaton.
 * Jones and Grant recommend alpha/beta 2 Gy for the CNS.
 *
 * @param prior_bed_gy      BED of the prior course, finite and >= 0 Gy.
 * @param tolerance_bed_gy  tolerance BED of the organ, finite and > 0 Gy.
 * @param gap_days          time since the prior course, finite and >= 0 days.
 * @param model             an ::ldrt_jg_model.
 * @param effective_bed_gy  receives the effective prior BED in Gy; not NULL.
 * @param r                 receives r (may be NULL).
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_reirr_jones_grant(double prior_bed_gy, double tolerance_bed_gy, double gap_days, ldrt_jg_model model, double *effective_bed_gy, double *r);
/** @} */

/**
 * @defgroup tissue Tissue parameter presets
 * @ingroup dose
 * @brief alpha/beta (and where known Tk, Tpot, alpha) by name, with citations.
 *
 * Each preset has a name, alpha/beta, its confidence interval or published
 * range (NaN when none is given), a citation, and a flag telling whether the
 * value was confirmed against the cited source (1) or is still unverified
 * (0). The doc/guides/dose.md page lists the table.
 * @{
 */

/**
 * Number of presets.
 *
 * @return the count; presets are indexed 0 to count - 1.
 */
LDRT_API size_t ldrt_tissue_count(void);

/**
 * Finds a preset by name (exact, case-insensitive ASCII).
 *
 * @param name   a preset name such as "tumour", "late", "melanoma"; not NULL.
 * @param index  receives its index; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_tissue_find(const char *name, size_t *index);

/**
 * Reads a preset. Every out parameter may be NULL.
 *
 * @param index          0 to ldrt_tissue_count() - 1.
 * @param name           receives its name (static storage).
 * @param alpha_beta_gy  receives alpha/beta in Gy.
 * @param low_gy         receives the lower bound of its CI or range in Gy, or NaN.
 * @param high_gy        receives the upper bound in Gy, or NaN.
 * @param citation       receives the citation (static storage).
 * @param verified       receives 1 when confirmed against the cited source, else 0.
 * @return #LDRT_OK or #LDRT_ERANGE for a bad index.
 */
LDRT_API int ldrt_tissue_info(size_t index, const char **name, double *alpha_beta_gy, double *low_gy, double *high_gy, const char **citation, int *verified);

/**
 * Reads the repopulation parameters of a preset. Every out parameter may be NULL.
 *
 * @param index         0 to ldrt_tissue_count() - 1.
 * @param kickoff_days  receives Tk in days.
 * @param tpot_days     receives Tpot in days.
 * @param alpha_per_gy  receives alpha per Gy.
 * @return #LDRT_OK; #LDRT_ERANGE for a bad index; #LDRT_ENOTFOUND when the
 *         preset has no published kinetics.
 */
LDRT_API int ldrt_tissue_kinetics(size_t index, double *kickoff_days, double *tpot_days, double *alpha_per_gy);
/** @} */

/**
 * @defgroup regimen Regimen classification
 * @ingroup dose
 * @brief Pure functions of a course's physical description, each rule with
 *        its defining source.
 *
 * Comparisons allow 1e-9 Gy of rounding, so 10 x 0.1 Gy counts as 1 Gy.
 * Boundaries are inclusive unless said otherwise.
 * @{
 */

/** The primary class of a course. */
typedef enum ldrt_regimen {
    LDRT_REGIMEN_NO_DOSE = 0,      /**< Total < 1 Gy (Menon 2019). */
    LDRT_REGIMEN_LOW_DOSE = 1,     /**< L-XRT: the seed rule, or else the 1-20 Gy rule with d < 1.8 Gy. */
    LDRT_REGIMEN_CONVENTIONAL = 2, /**< 1.8 <= d <= 2 Gy (convention, unverified). */
    LDRT_REGIMEN_HYPOFRACTIONATED = 3, /**< Moderate hypofractionation: d > 2 Gy, not SBRT/SABR (convention, unverified). */
    LDRT_REGIMEN_SBRT = 4,         /**< SBRT/SABR dose pattern (ACR-ASTRO or UK SABR rule). */
    LDRT_REGIMEN_OTHER = 5         /**< None of the above (e.g. 1.2 Gy fractions to 81.6 Gy). */
} ldrt_regimen;

/** The rules a course satisfies (bits of a mask). */
typedef enum ldrt_regimen_rule {
    LDRT_REGIMEN_RULE_NO_DOSE = 1u << 0,        /**< Total < 1 Gy. Menon H et al., J Immunother Cancer 2019;7:237, doi 10.1186/s40425-019-0718-6. */
    LDRT_REGIMEN_RULE_LXRT_SEED = 1u << 1,      /**< Every fraction 0.5-2 Gy and total 1-10 Gy. Fong, Ho, So, Front Oncol 2025;15:1483117. */
    LDRT_REGIMEN_RULE_LOW_DOSE_MENON = 1u << 2, /**< Total 1-20 Gy. Menon 2019 (low-dose lesions of the abscopal literature). */
    LDRT_REGIMEN_RULE_CONVENTIONAL = 1u << 3,   /**< Mean dose per fraction 1.8-2 Gy (convention, unverified). */
    LDRT_REGIMEN_RULE_MODERATE_HYPO = 1u << 4,  /**< Mean dose per fraction > 2 Gy and < 5 Gy (convention, unverified). */
    LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO = 1u << 5, /**< <= 5 fractions at >= 5 Gy per fraction. Chao ST et al., Am J Clin Oncol 2020;43:545-552 (the 5 Gy threshold is a convention, unverified). */
    LDRT_REGIMEN_RULE_SABR_UK = 1u << 6         /**< 3-8 fractions at >= 5 Gy per fraction. UK SABR Consortium (the 5 Gy threshold is a convention, unverified). */
} ldrt_regimen_rule;

/**
 * Classifies a course of n equal fractions.
 *
 * The primary class is the first that applies: no dose; L-XRT by the seed
 * rule; SBRT/SABR; moderate hypofractionation; conventional; L-XRT by the
 * 1-20 Gy rule when d < 1.8 Gy; other.
 *
 * @param total_gy    total dose, finite and >= 0 Gy.
 * @param fractions   number of fractions, finite and >= 1.
 * @param regimen     receives an ::ldrt_regimen (may be NULL).
 * @param rules       receives the mask of ::ldrt_regimen_rule satisfied (may be NULL).
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument.
 */
LDRT_API int ldrt_regimen_classify(double total_gy, double fractions, ldrt_regimen *regimen, unsigned *rules);

/**
 * Classifies a course given its fraction doses (possibly unequal).
 *
 * The seed L-XRT rule needs every fraction in 0.5-2 Gy; the other rules use
 * the total and the mean dose per fraction.
 *
 * @param doses_gy  dose of each fraction, finite and >= 0 Gy; not NULL.
 * @param count     number of fractions, >= 1.
 * @param regimen   receives an ::ldrt_regimen (may be NULL).
 * @param rules     receives the mask of ::ldrt_regimen_rule (may be NULL).
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument and index.
 */
LDRT_API int ldrt_regimen_classify_fractions(const double *doses_gy, size_t count, ldrt_regimen *regimen, unsigned *rules);

/**
 * Names a regimen class: "no-dose", "low-dose", "conventional",
 * "hypofractionated", "sbrt", "other".
 *
 * @param regimen  an ::ldrt_regimen.
 * @return a static string, or NULL for an unknown value.
 */
LDRT_API const char *ldrt_regimen_name(ldrt_regimen regimen);

/**
 * The short name of one rule: "no-dose", "lxrt-seed", "low-dose-menon",
 * "conventional", "moderate-hypo", "sbrt-acr-astro", "sabr-uk".
 *
 * @param rule  one ::ldrt_regimen_rule bit.
 * @return a static string, or NULL for an unknown value.
 */
LDRT_API const char *ldrt_regimen_rule_name(unsigned rule);

/**
 * The defining source of one rule.
 *
 * @param rule  one ::ldrt_regimen_rule bit.
 * @return a static citation, or NULL for an unknown value.
 */
LDRT_API const char *ldrt_regimen_rule_source(unsigned rule);
/**
 * Splits the rules a course satisfies into those that support its class and
 * those that merely also match. The rules that define each class: no-dose,
 * #LDRT_REGIMEN_RULE_NO_DOSE; low-dose, #LDRT_REGIMEN_RULE_LXRT_SEED and
 * #LDRT_REGIMEN_RULE_LOW_DOSE_MENON; conventional,
 * #LDRT_REGIMEN_RULE_CONVENTIONAL; hypofractionated,
 * #LDRT_REGIMEN_RULE_MODERATE_HYPO; sbrt, #LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO and
 * #LDRT_REGIMEN_RULE_SABR_UK; other, none. For example the seed's 10 Gy in 5
 * fractions of 2 Gy is low-dose by the seed and Menon rules and also matches
 * the conventional 1.8-2 Gy band, which is not a reason for "low-dose".
 * @param regimen     an ::ldrt_regimen (from ldrt_regimen_classify()).
 * @param rules       the ::ldrt_regimen_rule mask it satisfied.
 * @param supporting  receives the rules of @p rules that define the class (may be NULL).
 * @param also        receives the other rules of @p rules (may be NULL).
 * @return #LDRT_OK, or #LDRT_EINVAL when @p regimen is not an ::ldrt_regimen.
 */
LDRT_API int ldrt_regimen_rules_split(ldrt_regimen regimen, unsigned rules, unsigned *supporting,
                                      unsigned *also);
/** @} */

#ifdef LDRT_EXPERIMENTAL_API
/**
 * @defgroup kernels Bulk kernels for dose grids and DVHs
 * @ingroup dose
 * @brief Voxel-wise EQD2/EQDx/BED and DVHs, vectorised with run-time dispatch.
 *
 * **Experimental tier.** Declared only with `LDRT_EXPERIMENTAL_API` defined
 * before the include; exported in the version node `LDRT_EXPERIMENTAL_0.1`.
 * Their signatures and data layouts may change in any minor release (see
 * @ref guide_abi).
 *
 * Every voxel uses its own dose per fraction, d = D/n.
 *
 * **Bad doses.** A dose that is NaN, infinite or negative is an error:
 * the kernel returns #LDRT_EINVAL with a message naming the array and the
 * index of the first bad value ("dose_gy[1234]: must be finite and >= 0").
 * The kernels work in blocks of 4096 voxels, so on such an error some output
 * may already be written: an out-of-place call never changes its input and
 * writes nothing of the output from 4096 voxels past the bad one on; an
 * in-place call changes nothing from the bad voxel on (voxels before it may
 * already be converted). To keep an array intact on failure, check it first
 * with ldrt_dose_check_f32() or convert out of place. Arguments other than
 * the arrays' contents are checked before anything is written.
 *
 * **Precision.** Float kernels compute in single precision from constants
 * computed in double; results agree with the scalar functions to a few
 * units in the last place.
 * @{
 */

/**
 * Checks a dose array: every value finite and >= 0.
 *
 * @param dose_gy  the array; not NULL unless @p count is 0.
 * @param count    number of values.
 * @return #LDRT_OK or #LDRT_EINVAL naming the index of the first bad value.
 */
LDRT_API int ldrt_dose_check_f32(const float *dose_gy, size_t count);

/**
 * EQD2 of every voxel of a float dose grid: D (D/n + alpha/beta) / (2 + alpha/beta).
 *
 * @param dose_gy        total physical dose per voxel (finite, >= 0 Gy); not NULL unless count is 0.
 * @param count          number of voxels.
 * @param fractions      number of fractions, > 0.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param out_gy         receives EQD2 per voxel; may equal @p dose_gy (in place); not NULL unless count is 0.
 * @return #LDRT_OK or #LDRT_EINVAL (see the bad-dose policy above).
 */
LDRT_API int ldrt_lq_eqd2_f32(const float *dose_gy, size_t count, double fractions, double alpha_beta_gy, float *out_gy);

/**
 * EQDx of every voxel (x = 0 gives the BED).
 *
 * @param dose_gy                  total dose per voxel (>= 0 Gy).
 * @param count                    number of voxels.
 * @param fractions                number of fractions, > 0.
 * @param alpha_beta_gy            alpha/beta, > 0 Gy.
 * @param ref_dose_per_fraction_gy x, >= 0 Gy.
 * @param out_gy                   receives EQDx; may equal @p dose_gy.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_lq_eqd_f32(const float *dose_gy, size_t count, double fractions, double alpha_beta_gy, double ref_dose_per_fraction_gy, float *out_gy);

/**
 * EQD2 of every voxel of a double dose grid.
 *
 * @param dose_gy        total dose per voxel (finite, >= 0 Gy).
 * @param count          number of voxels.
 * @param fractions      number of fractions, > 0.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param out_gy         receives EQD2; may equal @p dose_gy.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_lq_eqd2_f64(const double *dose_gy, size_t count, double fractions, double alpha_beta_gy, double *out_gy);

/**
 * EQDx of every voxel of a double dose grid (x = 0 gives the BED).
 *
 * @param dose_gy                  total dose per voxel (>= 0 Gy).
 * @param count                    number of voxels.
 * @param fractions                number of fractions, > 0.
 * @param alpha_beta_gy            alpha/beta, > 0 Gy.
 * @param ref_dose_per_fraction_gy x, >= 0 Gy.
 * @param out_gy                   receives EQDx; may equal @p dose_gy.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_lq_eqd_f64(const double *dose_gy, size_t count, double fractions, double alpha_beta_gy, double ref_dose_per_fraction_gy, double *out_gy);

/**
 * EQD2 of every voxel with its own alpha/beta.
 *
 * @param dose_gy        total dose per voxel (>= 0 Gy).
 * @param alpha_beta_gy  alpha/beta per voxel (finite, > 0 Gy; a bad one is an
 *                       error naming "alpha_beta_gy[i]"); not NULL unless count is 0.
 * @param count          number of voxels.
 * @param fractions      number of fractions, > 0.
 * @param out_gy         receives EQD2; may equal @p dose_gy.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_lq_eqd2_f32_voxel_ab(const float *dose_gy, const float *alpha_beta_gy, size_t count, double fractions, float *out_gy);

/**
 * EQD2 of every voxel with the alpha/beta of its structure label.
 *
 * @param dose_gy        total dose per voxel (>= 0 Gy).
 * @param labels         structure label per voxel (an index into @p table); not NULL unless count is 0.
 * @param count          number of voxels.
 * @param fractions      number of fractions, > 0.
 * @param table_gy       alpha/beta of each label, each finite and > 0 Gy; not NULL.
 * @param table_len      entries in @p table_gy, 1 to 256; a label >= table_len
 *                       is an error naming "labels[i]".
 * @param out_gy         receives EQD2; may equal @p dose_gy.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_lq_eqd2_f32_labels(const float *dose_gy, const uint8_t *labels, size_t count, double fractions, const double *table_gy, size_t table_len, float *out_gy);

/**
 * Sum of the EQD2 of several courses, in one pass:
 * out = sum_k w_k D_k (D_k/n_k + alpha/beta) / (2 + alpha/beta).
 *
 * The grids must already be registered to one another (same voxels).
 *
 * @param doses_gy       @p courses pointers to grids of @p count doses (>= 0 Gy); not NULL.
 * @param fractions      number of fractions of each course, each > 0; not NULL.
 * @param weights        weight of each course (finite, >= 0; e.g. 1 - recovery), or NULL for 1.
 * @param courses        number of courses, 1 to 64.
 * @param count          number of voxels.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param out_gy         receives the summed EQD2; may equal one of the grids.
 * @return #LDRT_OK or #LDRT_EINVAL ("doses_gy[k][i]" for a bad dose).
 */
LDRT_API int ldrt_lq_eqd2_sum_f32(const float *const *doses_gy, const double *fractions, const double *weights, size_t courses, size_t count, double alpha_beta_gy, float *out_gy);

/** A dose-volume histogram of one structure (opaque; see ldrt_dvh_compute_f32()). */
typedef struct ldrt_dvh ldrt_dvh;

/**
 * Computes the DVH of the voxels of a dose grid selected by a mask.
 *
 * Bin i counts the voxels with i <= D (1/w) < i + 1, the product computed in
 * double (so i w <= D < (i + 1) w up to one rounding of 1/w); there are
 * floor(Dmax (1/w)) + 1 bins. Every voxel has the same volume; volumes are
 * reported in percent of the structure. The mask is scanned in blocks and
 * blocks of zeros are skipped, so a small structure costs little.
 *
 * @param dose_gy       dose per voxel; doses inside the mask must be finite and >= 0 Gy
 *                      (others are ignored, whatever their value); not NULL.
 * @param mask          non-zero for voxels of the structure, or NULL for all voxels.
 * @param count         number of voxels, >= 1.
 * @param bin_width_gy  bin width w, finite and > 0 Gy (any width; the number
 *                      of bins may not exceed 2^26).
 * @param out           receives the DVH, owned by the caller (ldrt_dvh_free()); not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL (bad argument, a bad dose with its index,
 *         or a mask that selects no voxel); #LDRT_ERANGE (more than 2^26
 *         bins for @p bin_width_gy); #LDRT_ENOMEM.
 */
LDRT_API int ldrt_dvh_compute_f32(const float *dose_gy, const uint8_t *mask, size_t count, double bin_width_gy, ldrt_dvh **out);

/**
 * Frees a DVH.
 *
 * @param dvh  a DVH, or NULL (no-op).
 */
LDRT_API void ldrt_dvh_free(ldrt_dvh *dvh);

/**
 * The binning of a DVH. Out parameters may be NULL.
 *
 * @param dvh           a DVH; not NULL.
 * @param bins          receives the number of bins.
 * @param bin_width_gy  receives the bin width in Gy.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_dvh_bins(const ldrt_dvh *dvh, size_t *bins, double *bin_width_gy);

/**
 * The differential DVH: percent of the structure's volume in each bin.
 *
 * @param dvh          a DVH; not NULL.
 * @param volume_pct   receives @p bins values; not NULL.
 * @param bins         the size of @p volume_pct; must equal the DVH's number of bins.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE (wrong size).
 */
LDRT_API int ldrt_dvh_differential(const ldrt_dvh *dvh, double *volume_pct, size_t bins);

/**
 * The cumulative DVH: entry i is the percent of the volume receiving at
 * least i w Gy (entry 0 is 100).
 *
 * @param dvh          a DVH; not NULL.
 * @param volume_pct   receives @p bins values; not NULL.
 * @param bins         the size of @p volume_pct; must equal the DVH's number of bins.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE (wrong size).
 */
LDRT_API int ldrt_dvh_cumulative(const ldrt_dvh *dvh, double *volume_pct, size_t bins);

/**
 * Exact summary statistics of the structure (from the voxels, not the bins).
 * Out parameters may be NULL.
 *
 * @param dvh       a DVH; not NULL.
 * @param voxels    receives the number of voxels in the structure.
 * @param mean_gy   receives Dmean in Gy.
 * @param min_gy    receives Dmin in Gy.
 * @param max_gy    receives Dmax in Gy.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_dvh_stats(const ldrt_dvh *dvh, uint64_t *voxels, double *mean_gy, double *min_gy, double *max_gy);

/**
 * D at a volume: the dose received by at least @p volume_pct percent of the structure.
 *
 * Interpolated linearly within the bin where the cumulative DVH crosses
 * @p volume_pct (voxels spread uniformly within a bin), then clamped to
 * [Dmin, Dmax]; so D100 is at most one bin below Dmin before clamping, D0 is Dmax.
 *
 * @param dvh         a DVH; not NULL.
 * @param volume_pct  0 to 100.
 * @param dose_gy     receives the dose in Gy; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_dvh_dose_at_volume(const ldrt_dvh *dvh, double volume_pct, double *dose_gy);

/**
 * V at a dose: the percent of the structure receiving at least @p dose_gy,
 * interpolated linearly within its bin (0 above Dmax, 100 at or below 0 Gy).
 *
 * @param dvh         a DVH; not NULL.
 * @param dose_gy     the dose, finite and >= 0 Gy.
 * @param volume_pct  receives the volume in percent; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_dvh_volume_at_dose(const ldrt_dvh *dvh, double dose_gy, double *volume_pct);

/**
 * Computes the DVH of a structure in absolute volume, with whole voxels (a
 * uint8 mask) or partial voxels (a float weight per voxel: the fraction of
 * the voxel inside the structure).
 *
 * Each selected voxel adds its weight (1 for a mask) times @p voxel_cc to the
 * bin of its dose (binned as in ldrt_dvh_compute_f32()); the structure's
 * volume is the sum of the weights times @p voxel_cc (ldrt_dvh_volume_cc()).
 * Dmean is the weighted mean dose; Dmin and Dmax are the extreme doses of the
 * voxels of non-zero weight. Every other accessor works as for
 * ldrt_dvh_compute_f32(), with volumes weighted.
 *
 * @param dose_gy       dose per voxel; doses of selected voxels must be finite and >= 0 Gy;
 *                      not NULL.
 * @param mask          non-zero for whole voxels of the structure, or NULL.
 * @param weights       fraction of each voxel inside the structure, 0 to 1 (0 or -0: not
 *                      selected), or NULL. At most one of @p mask and @p weights;
 *                      both NULL selects every voxel.
 * @param count         number of voxels, >= 1.
 * @param voxel_cc      volume of one voxel in cc (cm^3), finite and > 0 (for a dose grid
 *                      with spacings in mm: dx dy dz / 1000).
 * @param bin_width_gy  bin width, finite and > 0 Gy (at most 2^26 bins).
 * @param out           receives the DVH, owned by the caller (ldrt_dvh_free()); not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL (bad argument, both a mask and weights, a
 *         weight outside 0 to 1 or a bad dose with its index, nothing
 *         selected); #LDRT_ERANGE (too many bins); #LDRT_ENOMEM.
 */
LDRT_API int ldrt_dvh_compute_cc_f32(const float *dose_gy, const uint8_t *mask, const float *weights, size_t count, double voxel_cc, double bin_width_gy, ldrt_dvh **out);

/**
 * The structure's volume in cc: the sum of its voxels' weights times the voxel volume.
 *
 * @param dvh        a DVH from ldrt_dvh_compute_cc_f32(); not NULL.
 * @param volume_cc  receives the volume in cc; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL (NULL, or a DVH made without the voxel volume).
 */
LDRT_API int ldrt_dvh_volume_cc(const ldrt_dvh *dvh, double *volume_cc);

/**
 * A DVH metric by its AAPM TG-263 name, computed from the cumulative DVH.
 *
 * Names (case-sensitive; numbers are decimal, without sign or exponent):
 * - `D<v>cc`, `D<v>%`: the dose received by at least v cc, or v percent, of
 *   the structure (`D2cc`, `D0.1cc`, `D0.03cc`, `D95%`).
 * - `Dmean`, `Dmax`, `Dmin`: the (weighted) mean dose, and the highest and
 *   lowest voxel dose. **Dmax is the maximum voxel dose** (a point maximum),
 *   not a near-maximum; ask for `D0.03cc` or `D2%` for those.
 * - `V<d>Gy`, `V<d>cGy`, `V<d>%` followed by `[cc]` or `[%]` (required): the
 *   volume receiving at least d Gy, d cGy or d percent of @p prescription_gy,
 *   in cc or in percent of the structure (`V20Gy[cc]`, `V20Gy[%]`, `V95%[%]`).
 * - A dose metric may end with its unit: `[Gy]` (the default), `[cGy]`, or
 *   `[%]` (percent of @p prescription_gy): `D95%[Gy]`, `Dmax[%]`.
 *
 * Interpolation: the cumulative DVH C(D), the volume receiving at least D,
 * is taken as piecewise linear, exact at the bin edges i w and linear within
 * each bin (the bin's volume spread uniformly over it). V metrics evaluate
 * C; D metrics invert it (the largest D with C(D) >= v), clamped to
 * [Dmin, Dmax]. Dmean, Dmax and Dmin come from the voxels, not the bins.
 * Absolute volumes need a DVH from ldrt_dvh_compute_cc_f32().
 *
 * @param dvh              a DVH; not NULL.
 * @param metric           the metric's name; not NULL.
 * @param prescription_gy  the prescription dose for `%` doses, finite and >= 0 Gy;
 *                         0 when there is none (a `%` dose then fails).
 * @param value            receives the value: Gy (or cGy, or percent of the
 *                         prescription) for doses, cc or percent for volumes; not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL (not a metric name, with the accepted forms;
 *         a V metric without its result unit; a volume in cc from a DVH
 *         without the voxel volume; a `%` dose without a prescription; a
 *         volume over 100 %); #LDRT_ERANGE (`D<v>cc` with v larger than the
 *         structure).
 */
LDRT_API int ldrt_dvh_metric(const ldrt_dvh *dvh, const char *metric, double prescription_gy, double *value);
/** @} */
#endif /* LDRT_EXPERIMENTAL_API */

#ifdef __cplusplus
}
#endif

#endif /* LDRT_DOSE_H */
