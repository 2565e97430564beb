/*
 * The other published dose models: LQ-L (Astrahan 2008), USC (Park 2008),
 * incomplete repair (Thames 1985), Lea-Catcheside G (Dale 1985), induced
 * repair / HRS (Joiner & Marples), gEUD (Niemierko 1999), LKB, logistic and
 * Poisson dose-response, re-irradiation (fixed factors; Jones & Grant 2014).
 * Each function's header comment in ldrt/dose.h gives its source.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>

#include "dose_internal.h"

static int check_lq(double total_gy, double fractions, double alpha_beta_gy)
{
    LDRT__CHECK_DOSE("total_gy", total_gy);
    LDRT__CHECK_POS("fractions", fractions);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    return LDRT_OK;
}

/* ---- LQ-L (Astrahan, Med Phys 2008;35:4161) ------------------------------------ */

/* BED of one fraction of d under LQ-L. */
static double lql_bed1(double d, double ab, double dt)
{
    if (d <= dt)
        return d * (1.0 + d / ab);
    return dt * (1.0 + dt / ab) + (1.0 + 2.0 * dt / ab) * (d - dt);
}

int ldrt_lql_bed(double total_gy, double fractions, double alpha_beta_gy,
                 double transition_dose_gy, double *bed_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    LDRT__CHECK_POS("transition_dose_gy", transition_dose_gy);
    LDRT__CHECK_OUT(bed_gy);
    return ldrt__put_finite("bed_gy", bed_gy,
                            fractions * lql_bed1(total_gy / fractions, alpha_beta_gy, transition_dose_gy));
}

int ldrt_lql_eqd(double total_gy, double fractions, double alpha_beta_gy,
                 double transition_dose_gy, double ref_dose_per_fraction_gy, double *eqd_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    LDRT__CHECK_POS("transition_dose_gy", transition_dose_gy);
    LDRT__CHECK_POS("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    LDRT__CHECK_OUT(eqd_gy);
    double x = ref_dose_per_fraction_gy;
    double bed = fractions * lql_bed1(total_gy / fractions, alpha_beta_gy, transition_dose_gy);
    return ldrt__put_finite("eqd_gy", eqd_gy,
                            bed * x / lql_bed1(x, alpha_beta_gy, transition_dose_gy));
}

/* ---- USC (Park et al., IJROBP 2008;70:847) ---------------------------------------- */

struct usc {
    double alpha, d0, dq, dt, beta, ab;
};

static int usc_make(double alpha, double d0, double dq, struct usc *u)
{
    LDRT__CHECK_POS("alpha_per_gy", alpha);
    LDRT__CHECK_POS("d0_gy", d0);
    LDRT__CHECK_POS("dq_gy", dq);
    if (!(alpha * d0 < 1.0))
        return ldrt__error(LDRT_EINVAL,
                           "d0_gy: alpha_per_gy * d0_gy must be < 1 for a transition dose "
                           "(got %g)", alpha * d0);
    u->alpha = alpha;
    u->d0 = d0;
    u->dq = dq;
    u->dt = 2.0 * dq / (1.0 - alpha * d0);
    u->beta = (1.0 / d0 - alpha) / (2.0 * u->dt);
    u->ab = alpha / u->beta;
    return LDRT_OK;
}

/* Log cell kill of one fraction of d. */
static double usc_kill1(const struct usc *u, double d)
{
    if (d <= u->dt)
        return u->alpha * d + u->beta * d * d;
    return (d - u->dq) / u->d0;
}

int ldrt_usc_params(double alpha_per_gy, double d0_gy, double dq_gy,
                    double *transition_dose_gy, double *alpha_beta_gy)
{
    struct usc u;
    int rc = usc_make(alpha_per_gy, d0_gy, dq_gy, &u);
    if (rc) return rc;
    if (transition_dose_gy) *transition_dose_gy = u.dt;
    if (alpha_beta_gy) *alpha_beta_gy = u.ab;
    return LDRT_OK;
}

int ldrt_usc_bed(double total_gy, double fractions, double alpha_per_gy, double d0_gy,
                 double dq_gy, double *bed_gy)
{
    struct usc u;
    LDRT__CHECK_DOSE("total_gy", total_gy);
    LDRT__CHECK_POS("fractions", fractions);
    int rc = usc_make(alpha_per_gy, d0_gy, dq_gy, &u);
    if (rc) return rc;
    LDRT__CHECK_OUT(bed_gy);
    /* BED = E / alpha. */
    return ldrt__put_finite("bed_gy", bed_gy,
                            fractions * usc_kill1(&u, total_gy / fractions) / u.alpha);
}

int ldrt_usc_eqd(double total_gy, double fractions, double alpha_per_gy, double d0_gy,
                 double dq_gy, double ref_dose_per_fraction_gy, double *eqd_gy)
{
    struct usc u;
    LDRT__CHECK_DOSE("total_gy", total_gy);
    LDRT__CHECK_POS("fractions", fractions);
    int rc = usc_make(alpha_per_gy, d0_gy, dq_gy, &u);
    if (rc) return rc;
    LDRT__CHECK_POS("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    LDRT__CHECK_OUT(eqd_gy);
    double x = ref_dose_per_fraction_gy;
    double e = fractions * usc_kill1(&u, total_gy / fractions);
    return ldrt__put_finite("eqd_gy", eqd_gy, e * x / usc_kill1(&u, x));
}

int ldrt_usc_sfed(double total_gy, double fractions, double alpha_per_gy, double d0_gy,
                  double dq_gy, double *sfed_gy)
{
    struct usc u;
    LDRT__CHECK_DOSE("total_gy", total_gy);
    LDRT__CHECK_POS("fractions", fractions);
    int rc = usc_make(alpha_per_gy, d0_gy, dq_gy, &u);
    if (rc) return rc;
    LDRT__CHECK_OUT(sfed_gy);
    double e = fractions * usc_kill1(&u, total_gy / fractions);
    double e_dt = usc_kill1(&u, u.dt);
    if (e >= e_dt) {
        *sfed_gy = e * u.d0 + u.dq;
    } else {
        /* Positive root of beta s^2 + alpha s - e = 0, cancellation-free. */
        *sfed_gy = 2.0 * e / (u.alpha + sqrt(u.alpha * u.alpha + 4.0 * u.beta * e));
    }
    return LDRT_OK;
}

/* ---- incomplete repair (Thames 1985) ------------------------------------------------ */

static int h_factor(int m, double interval_h, double half_h, double *h)
{
    if (m < 1 || m > 12)
        return ldrt__error(LDRT_EINVAL, "fractions_per_day: must be 1 to 12 (got %d)", m);
    LDRT__CHECK_POS("interval_h", interval_h);
    LDRT__CHECK_POS("repair_half_time_h", half_h);
    double phi = exp(-LDRT__LN2 / half_h * interval_h);
    if (m == 1 || phi == 0.0) {
        return ldrt__put_finite("h", h, 0.0);
    }
    /* With geo = (1 - phi^m)/(1 - phi) = 1 + phi + ... + phi^(m-1),
     * m - geo = sum_k (1 - phi^k) and 1 - phi^k = (1 - phi)(1 + ... + phi^(k-1)), so
     * (m - geo)/(1 - phi) = sum_{k=1}^{m-1} sum_{j<k} phi^j: no cancellation. */
    double s = 0.0, partial = 0.0, p = 1.0;
    for (int k = 1; k < m; k++) {
        partial += p;   /* 1 + phi + ... + phi^(k-1) */
        p *= phi;
        s += partial;
    }
    return ldrt__put_finite("h", h, (2.0 / m) * phi * s);
}

int ldrt_ir_h_factor(int fractions_per_day, double interval_h, double repair_half_time_h,
                     double *h)
{
    double v;
    int rc = h_factor(fractions_per_day, interval_h, repair_half_time_h, &v);
    if (rc) return rc;
    LDRT__CHECK_OUT(h);
    return ldrt__put_finite("h", h, v);
}

int ldrt_ir_bed(double total_gy, double fractions, double alpha_beta_gy, int fractions_per_day,
                double interval_h, double repair_half_time_h, double *bed_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    double h;
    rc = h_factor(fractions_per_day, interval_h, repair_half_time_h, &h);
    if (rc) return rc;
    LDRT__CHECK_OUT(bed_gy);
    double d = total_gy / fractions;
    return ldrt__put_finite("bed_gy", bed_gy, total_gy * (1.0 + d * (1.0 + h) / alpha_beta_gy));
}

/* ---- Lea-Catcheside G (Dale 1985) ----------------------------------------------------- */

static double g_continuous(double x)
{
    if (x < 1e-4) /* series 1 - x/3 + x^2/12, error < x^3/60 */
        return 1.0 - x / 3.0 + x * x / 12.0;
    return 2.0 * (x + expm1(-x)) / (x * x);
}

int ldrt_lc_g_continuous(double duration_h, double repair_half_time_h, double *g)
{
    LDRT__CHECK_DOSE("duration_h", duration_h);
    LDRT__CHECK_POS("repair_half_time_h", repair_half_time_h);
    LDRT__CHECK_OUT(g);
    return ldrt__put_finite("g", g, g_continuous(LDRT__LN2 / repair_half_time_h * duration_h));
}

int ldrt_lc_bed_protracted(double total_gy, double fractions, double duration_h,
                           double repair_half_time_h, double alpha_beta_gy, double *bed_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    LDRT__CHECK_DOSE("duration_h", duration_h);
    LDRT__CHECK_POS("repair_half_time_h", repair_half_time_h);
    LDRT__CHECK_OUT(bed_gy);
    double g = g_continuous(LDRT__LN2 / repair_half_time_h * duration_h);
    return ldrt__put_finite("bed_gy", bed_gy,
                            total_gy * (1.0 + g * (total_gy / fractions) / alpha_beta_gy));
}

static double g_permanent(double half_life_days, double repair_h)
{
    double lambda = LDRT__LN2 / (half_life_days * 24.0); /* per hour */
    double mu = LDRT__LN2 / repair_h;
    return lambda / (lambda + mu);
}

int ldrt_lc_g_permanent(double isotope_half_life_days, double repair_half_time_h, double *g)
{
    LDRT__CHECK_POS("isotope_half_life_days", isotope_half_life_days);
    LDRT__CHECK_POS("repair_half_time_h", repair_half_time_h);
    LDRT__CHECK_OUT(g);
    return ldrt__put_finite("g", g, g_permanent(isotope_half_life_days, repair_half_time_h));
}

int ldrt_lc_bed_permanent(double total_gy, double isotope_half_life_days,
                          double repair_half_time_h, double alpha_beta_gy, double *bed_gy)
{
    LDRT__CHECK_DOSE("total_gy", total_gy);
    LDRT__CHECK_POS("isotope_half_life_days", isotope_half_life_days);
    LDRT__CHECK_POS("repair_half_time_h", repair_half_time_h);
    LDRT__CHECK_POS("alpha_beta_gy", alpha_beta_gy);
    LDRT__CHECK_OUT(bed_gy);
    double g = g_permanent(isotope_half_life_days, repair_half_time_h);
    return ldrt__put_finite("bed_gy", bed_gy, total_gy * (1.0 + g * total_gy / alpha_beta_gy));
}

/* ---- induced repair / HRS (Joiner, Marples et al. 2001) --------------------------------- */

static int check_hrs(double alpha_ratio, double dc_gy)
{
    if (!(isfinite(alpha_ratio) && alpha_ratio >= 1.0))
        return ldrt__error(LDRT_EINVAL, "alpha_ratio: must be finite and >= 1 (got %g)",
                           alpha_ratio);
    LDRT__CHECK_POS("dc_gy", dc_gy);
    return LDRT_OK;
}

/* BED per gray of fractions of d. */
static double hrs_re(double d, double ab, double ratio, double dc)
{
    return 1.0 + (ratio - 1.0) * exp(-d / dc) + d / ab;
}

int ldrt_hrs_bed(double total_gy, double fractions, double alpha_beta_gy, double alpha_ratio,
                 double dc_gy, double *bed_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    rc = check_hrs(alpha_ratio, dc_gy);
    if (rc) return rc;
    LDRT__CHECK_OUT(bed_gy);
    return ldrt__put_finite("bed_gy", bed_gy,
                            total_gy * hrs_re(total_gy / fractions, alpha_beta_gy, alpha_ratio, dc_gy));
}

int ldrt_hrs_eqd(double total_gy, double fractions, double alpha_beta_gy, double alpha_ratio,
                 double dc_gy, double ref_dose_per_fraction_gy, double *eqd_gy)
{
    int rc = check_lq(total_gy, fractions, alpha_beta_gy);
    if (rc) return rc;
    rc = check_hrs(alpha_ratio, dc_gy);
    if (rc) return rc;
    LDRT__CHECK_DOSE("ref_dose_per_fraction_gy", ref_dose_per_fraction_gy);
    LDRT__CHECK_OUT(eqd_gy);
    double bed = total_gy * hrs_re(total_gy / fractions, alpha_beta_gy, alpha_ratio, dc_gy);
    return ldrt__put_finite("eqd_gy", eqd_gy,
                            bed / hrs_re(ref_dose_per_fraction_gy, alpha_beta_gy, alpha_ratio, dc_gy));
}

/* ---- gEUD, NTCP, TCP ----------------------------------------------------------------------- */

static int geud(const double *doses, const double *volumes, size_t count, double a, double *eud)
{
    LDRT__CHECK_NOT_NULL(doses);
    if (count == 0)
        return ldrt__error(LDRT_EINVAL, "count: must be >= 1 (got 0)");
    if (!(isfinite(a) && a != 0.0))
        return ldrt__error(LDRT_EINVAL, "a: must be finite and non-zero (got %g)", a);
    double vsum = 0.0, dmax = 0.0;
    int zero_dose = 0;
    for (size_t i = 0; i < count; i++) {
        double v = volumes ? volumes[i] : 1.0;
        if (!(isfinite(doses[i]) && doses[i] >= 0.0))
            return ldrt__error(LDRT_EINVAL, "doses_gy[%zu]: must be finite and >= 0 (got %g)",
                               i, doses[i]);
        if (!(isfinite(v) && v >= 0.0))
            return ldrt__error(LDRT_EINVAL, "volumes[%zu]: must be finite and >= 0 (got %g)",
                               i, v);
        vsum += v;
        if (v > 0.0) {
            if (doses[i] > dmax) dmax = doses[i];
            if (doses[i] == 0.0) zero_dose = 1;
        }
    }
    if (!(vsum > 0.0))
        return ldrt__error(LDRT_EINVAL, "volumes: must not all be 0");
    if (dmax == 0.0 || (a < 0.0 && zero_dose)) {
        return ldrt__put_finite("eud", eud, 0.0);
    }
    /* Scale by dmax so D^a neither overflows nor underflows for large |a|. */
    double s = 0.0;
    for (size_t i = 0; i < count; i++) {
        double v = volumes ? volumes[i] : 1.0;
        if (v > 0.0)
            s += v / vsum * pow(doses[i] / dmax, a);
    }
    return ldrt__put_finite("eud", eud, dmax * pow(s, 1.0 / a));
}

int ldrt_geud(const double *doses_gy, const double *volumes, size_t count, double a,
              double *eud_gy)
{
    double e;
    int rc = geud(doses_gy, volumes, count, a, &e);
    if (rc) return rc;
    LDRT__CHECK_OUT(eud_gy);
    return ldrt__put_finite("eud_gy", eud_gy, e);
}

static int lkb_check(double td50_gy, double m)
{
    LDRT__CHECK_POS("td50_gy", td50_gy);
    LDRT__CHECK_POS("m", m);
    return LDRT_OK;
}

static double lkb(double eud, double td50, double m)
{
    double t = (eud - td50) / (m * td50);
    return 0.5 * erfc(-t / sqrt(2.0));
}

int ldrt_ntcp_lkb(double eud_gy, double td50_gy, double m, double *ntcp)
{
    LDRT__CHECK_DOSE("eud_gy", eud_gy);
    int rc = lkb_check(td50_gy, m);
    if (rc) return rc;
    LDRT__CHECK_OUT(ntcp);
    return ldrt__put_finite("ntcp", ntcp, lkb(eud_gy, td50_gy, m));
}

int ldrt_ntcp_lkb_dvh(const double *doses_gy, const double *volumes, size_t count,
                      double td50_gy, double m, double n, double *ntcp)
{
    int rc = lkb_check(td50_gy, m);
    if (rc) return rc;
    LDRT__CHECK_POS("n", n);
    double e;
    rc = geud(doses_gy, volumes, count, 1.0 / n, &e);
    if (rc) return rc;
    LDRT__CHECK_OUT(ntcp);
    return ldrt__put_finite("ntcp", ntcp, lkb(e, td50_gy, m));
}

static int response_check(double eud_gy, double d50_gy, double gamma50)
{
    LDRT__CHECK_DOSE("eud_gy", eud_gy);
    LDRT__CHECK_POS("d50_gy", d50_gy);
    LDRT__CHECK_POS("gamma50", gamma50);
    return LDRT_OK;
}

int ldrt_dose_response_logit(double eud_gy, double d50_gy, double gamma50, double *p)
{
    int rc = response_check(eud_gy, d50_gy, gamma50);
    if (rc) return rc;
    LDRT__CHECK_OUT(p);
    return ldrt__put_finite("p", p,
                            eud_gy == 0.0 ? 0.0 : 1.0 / (1.0 + pow(d50_gy / eud_gy, 4.0 * gamma50)));
}

int ldrt_dose_response_poisson(double eud_gy, double d50_gy, double gamma50, double *p)
{
    int rc = response_check(eud_gy, d50_gy, gamma50);
    if (rc) return rc;
    LDRT__CHECK_OUT(p);
    return ldrt__put_finite("p", p, pow(2.0, -exp(exp(1.0) * gamma50 * (1.0 - eud_gy / d50_gy))));
}

/* ---- re-irradiation ------------------------------------------------------------------------ */

int ldrt_reirr_recovery_fixed(double gap_days, double *recovery)
{
    LDRT__CHECK_DOSE("gap_days", gap_days);
    LDRT__CHECK_OUT(recovery);
    double months = gap_days / LDRT__DAYS_PER_MONTH;
    /* RECOVERY_FACTORS of github.com/subbumishra92/reirradiation-eqd2-calculator
     * (app.py): <6 mo 0, 6-12 mo 0.25, >=12 mo 0.5 (a tool's convention). */
    return ldrt__put_finite("recovery", recovery, months < 6.0 ? 0.0 : months < 12.0 ? 0.25 : 0.5);
}

int ldrt_reirr_cumulative(const double *eqd_gy, const double *recovery, size_t count,
                          double *total_gy)
{
    LDRT__CHECK_NOT_NULL(eqd_gy);
    if (count == 0)
        return ldrt__error(LDRT_EINVAL, "count: must be >= 1 (got 0)");
    double sum = 0.0;
    for (size_t i = 0; i < count; i++) {
        double r = recovery ? recovery[i] : 0.0;
        if (!(isfinite(eqd_gy[i]) && eqd_gy[i] >= 0.0))
            return ldrt__error(LDRT_EINVAL, "eqd_gy[%zu]: must be finite and >= 0 (got %g)",
                               i, eqd_gy[i]);
        if (!(r >= 0.0 && r <= 1.0))
            return ldrt__error(LDRT_EINVAL, "recovery[%zu]: must be 0 to 1 (got %g)", i, r);
        sum += eqd_gy[i] * (1.0 - r);
    }
    LDRT__CHECK_OUT(total_gy);
    return ldrt__put_finite("total_gy", total_gy, sum);
}

int ldrt_reirr_jones_grant(double prior_bed_gy, double tolerance_bed_gy, double gap_days, ldrt_jg_model model, double *effective_bed_gy, double *r)
{
    LDRT__CHECK_DOSE("prior_bed_gy", prior_bed_gy);
    LDRT__CHECK_POS("tolerance_bed_gy", tolerance_bed_gy);
    LDRT__CHECK_DOSE("gap_days", gap_days);
    if (model != LDRT_JG_CONSERVATIVE && model != LDRT_JG_FITTED)
        return ldrt__error(LDRT_EINVAL, "model: must be LDRT_JG_CONSERVATIVE or LDRT_JG_FITTED "
                                        "(got %d)", model);
    LDRT__CHECK_OUT(effective_bed_gy);
    double t = gap_days / LDRT__DAYS_PER_YEAR;
    if (t > 3.0) t = 3.0; /* the model is fitted to 0-3 years */
    double rr = model == LDRT_JG_CONSERVATIVE ? 1.5 + exp(1.2 * (t - 1.0))
                                              : 2.8 + exp(1.67 * (t - 1.0));
    double ratio = prior_bed_gy / tolerance_bed_gy;
    double eff = prior_bed_gy;
    if (ratio > 0.0 && ratio < 1.0)
        eff = tolerance_bed_gy * (1.0 - pow(1.0 - ratio, 1.0 / (1.0 + rr)));
    *effective_bed_gy = eff;
    if (r) *r = rr;
    return LDRT_OK;
}
