/*
 * The linear-quadratic core: BED, EQDx, repopulation, unequal fractions,
 * inverse solvers and isoeffect.
 * Sources: Fowler, Br J Radiol 1989;62:679 and 2010;83:554; Barendsen,
 * Int J Radiat Oncol Biol Phys 1982;8:1981; DICOMautomaton (closed-form
 * inverse); DVHmetrics getIsoEffD (isoeffect).
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "dose_internal.h"

/* Checks the common LQ triple. */
static int check_lq(double total_gy, double fractions, double alpha_beta_gy)
{
    LDRT__CHECK_DOSE("total_gy", total_gy);
    LDRT__CHECK_POS("fractions", fractions);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    return LDRT_OK;
}

int ldrt_lq_bed(double total_gy, double fractions, double alpha_beta_gy, double *bed_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    LDRT__CHECK_OUT(bed_gy);
    double d = total_gy / fractions;
    return ldrt__put_finite("bed_gy", bed_gy, total_gy * (1.0 + d / alpha_beta_gy));
}

int ldrt_lq_eqd(double total_gy, double fractions, double alpha_beta_gy,
                double ref_dose_per_fraction_gy, double *eqd_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    LDRT__CHECK_DOSE("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    LDRT__CHECK_OUT(eqd_gy);
    double d = total_gy / fractions;
    return ldrt__put_finite("eqd_gy", eqd_gy,
                            total_gy * (d + alpha_beta_gy) / (ref_dose_per_fraction_gy + alpha_beta_gy));
}

int ldrt_lq_eqd2(double total_gy, double fractions, double alpha_beta_gy, double *eqd2_gy)
{
    return ldrt_lq_eqd(total_gy, fractions, alpha_beta_gy, 2.0, eqd2_gy);
}

int ldrt_lq_bed_repop(double total_gy, double fractions, double alpha_beta_gy,
                      double treatment_days, double kickoff_days, double alpha_per_gy,
                      double tpot_days, double *bed_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    LDRT__CHECK_DOSE("treatment_days", treatment_days);
    LDRT__CHECK_DOSE("kickoff_days", kickoff_days);
    LDRT__CHECK_POS("alpha_per_gy", alpha_per_gy);
    LDRT__CHECK_POS("tpot_days", tpot_days);
    LDRT__CHECK_OUT(bed_gy);
    double bed = total_gy * (1.0 + (total_gy / fractions) / alpha_beta_gy);
    if (treatment_days > kickoff_days)
        bed -= LDRT__LN2 * (treatment_days - kickoff_days) / (alpha_per_gy * tpot_days);
    return ldrt__put_finite("bed_gy", bed_gy, bed);
}

/* Checks a fraction list; returns its BED through *bed. */
static int fractions_bed(const double *doses_gy, size_t count, double alpha_beta_gy,
                         double *bed)
{
    LDRT__CHECK_NOT_NULL(doses_gy);
    if (count == 0)
        return ldrt__error(LDRT_EINVAL, "count: must be >= 1 (got 0)");
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    double sum = 0.0;
    for (size_t i = 0; i < count; i++) {
        double d = doses_gy[i];
        if (!(isfinite(d) && d >= 0.0))
            return ldrt__error(LDRT_EINVAL, "doses_gy[%zu]: must be finite and >= 0 (got %g)",
                               i, d);
        sum += d * (1.0 + d / alpha_beta_gy);
    }
    return ldrt__put_finite("bed", bed, sum);
}

int ldrt_lq_bed_fractions(const double *doses_gy, size_t count, double alpha_beta_gy,
                          double *bed_gy)
{
    double bed;
    int rc = fractions_bed(doses_gy, count, alpha_beta_gy, &bed);
    if (rc) return rc;
    LDRT__CHECK_OUT(bed_gy);
    return ldrt__put_finite("bed_gy", bed_gy, bed);
}

int ldrt_lq_eqd_fractions(const double *doses_gy, size_t count, double alpha_beta_gy,
                          double ref_dose_per_fraction_gy, double *eqd_gy)
{
    double bed;
    int rc = fractions_bed(doses_gy, count, alpha_beta_gy, &bed);
    if (rc) return rc;
    LDRT__CHECK_DOSE("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    LDRT__CHECK_OUT(eqd_gy);
    return ldrt__put_finite("eqd_gy", eqd_gy,
                            bed / (1.0 + ref_dose_per_fraction_gy / alpha_beta_gy));
}

int ldrt_lq_eqd_from_bed(double bed_gy, double alpha_beta_gy, double ref_dose_per_fraction_gy,
                         double *eqd_gy)
{
    LDRT__CHECK_DOSE("bed_gy", bed_gy);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_DOSE("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    LDRT__CHECK_OUT(eqd_gy);
    return ldrt__put_finite("eqd_gy", eqd_gy,
                            bed_gy / (1.0 + ref_dose_per_fraction_gy / alpha_beta_gy));
}

/* Positive root of D^2/(n ab) + D - bed = 0, without cancellation. */
static double total_for_bed(double bed, double n, double ab)
{
    return 2.0 * bed / (1.0 + sqrt(1.0 + 4.0 * bed / (n * ab)));
}

int ldrt_lq_total_for_bed(double bed_gy, double fractions, double alpha_beta_gy,
                          double *total_gy)
{
    LDRT__CHECK_DOSE("bed_gy", bed_gy);
    LDRT__CHECK_POS("fractions", fractions);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_OUT(total_gy);
    return ldrt__put_finite("total_gy", total_gy, total_for_bed(bed_gy, fractions, alpha_beta_gy));
}

int ldrt_lq_total_for_eqd(double eqd_gy, double fractions, double alpha_beta_gy,
                          double ref_dose_per_fraction_gy, double *total_gy)
{
    LDRT__CHECK_DOSE("eqd_gy", eqd_gy);
    LDRT__CHECK_POS("fractions", fractions);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_DOSE("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    LDRT__CHECK_OUT(total_gy);
    double bed = eqd_gy * (1.0 + ref_dose_per_fraction_gy / alpha_beta_gy);
    return ldrt__put_finite("total_gy", total_gy, total_for_bed(bed, fractions, alpha_beta_gy));
}

int ldrt_lq_dose_per_fraction_for_bed(double bed_gy, double fractions, double alpha_beta_gy,
                                      double *dose_per_fraction_gy)
{
    LDRT__CHECK_DOSE("bed_gy", bed_gy);
    LDRT__CHECK_POS("fractions", fractions);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_OUT(dose_per_fraction_gy);
    return ldrt__put_finite("dose_per_fraction_gy", dose_per_fraction_gy,
                            total_for_bed(bed_gy, fractions, alpha_beta_gy) / fractions);
}

int ldrt_lq_fractions_for_bed(double bed_gy, double dose_per_fraction_gy, double alpha_beta_gy,
                              double *fractions)
{
    LDRT__CHECK_POS("bed_gy", bed_gy);
    LDRT__CHECK_POS("dose_per_fraction_gy", dose_per_fraction_gy);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_OUT(fractions);
    return ldrt__put_finite("fractions", fractions,
                            bed_gy / (dose_per_fraction_gy * (1.0 + dose_per_fraction_gy / alpha_beta_gy)));
}

int ldrt_lq_isoeffective_total(double total1_gy, double fractions1, double alpha_beta_gy,
                               double dose_per_fraction2_gy, double *total2_gy)
{
    int rc = check_lq(total1_gy, fractions1, alpha_beta_gy);
    if (rc) return rc;
    LDRT__CHECK_POS("dose_per_fraction2_gy", dose_per_fraction2_gy);
    LDRT__CHECK_OUT(total2_gy);
    double d1 = total1_gy / fractions1;
    return ldrt__put_finite("total2_gy", total2_gy,
                            total1_gy * (d1 + alpha_beta_gy) / (dose_per_fraction2_gy + alpha_beta_gy));
}

int ldrt_lq_isoeffective_dose_per_fraction(double total1_gy, double fractions1,
                                           double alpha_beta_gy, double total2_gy,
                                           double *dose_per_fraction2_gy)
{
    LDRT__CHECK_POS("total1_gy", total1_gy);
    LDRT__CHECK_POS("fractions1", fractions1);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_POS("total2_gy", total2_gy);
    LDRT__CHECK_OUT(dose_per_fraction2_gy);
    double d1 = total1_gy / fractions1;
    double d2 = (total1_gy / total2_gy) * (d1 + alpha_beta_gy) - alpha_beta_gy;
    if (!(d2 > 0.0))
        return ldrt__error(LDRT_ERANGE,
                           "total2_gy: %g Gy cannot be isoeffective with %g Gy in %g fractions "
                           "at any positive dose per fraction", total2_gy, total1_gy, fractions1);
    return ldrt__put_finite("dose_per_fraction2_gy", dose_per_fraction2_gy, d2);
}
