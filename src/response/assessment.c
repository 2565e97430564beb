/*
 * One patient's assessment: runs the array engine on one patient's rows,
 * derives the best overall response and the endpoints, and writes the reason
 * of every answer with the numbers it used.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "response_internal.h"

#define N_ENDPOINTS 6

struct ldrt_assessment {
    int criteria;
    int recorded;
    ldrt_response_options opt;
    size_t n;
    ldrt_date *dates;
    int64_t *lo, *hi;
    ldrt__tp *tp;
    int32_t *recist_rule;  /* iRECIST: the RECIST rule underneath */
    int32_t *pd_from;
    char **reasons;
    ldrt__bor bor;
    char *bor_reason[2];
    char **warnings;
    size_t n_warnings;
    int64_t ep_days[N_ENDPOINTS];
    int64_t ep_min[N_ENDPOINTS], ep_max[N_ENDPOINTS];
    int ep_censor[N_ENDPOINTS];
    int ep_death[N_ENDPOINTS];   /* the event is the death */
    /* The reference date's span (have_ref 0: none) and the follow-up
     * (ldrt_assessment_set_follow_up()): spans of days, has_* 0 when absent. */
    int have_ref;
    int64_t ref_lo, ref_hi;
    int has_follow_up, has_death, has_alive, has_new_therapy;
    int64_t death_lo, death_hi, alive_lo, alive_hi, nt_lo, nt_hi;
};

void ldrt_assessment_free(ldrt_assessment *a)
{
    if (!a)
        return;
    if (a->reasons)
        for (size_t i = 0; i < a->n; i++)
            ldrt__free(a->reasons[i]);
    for (size_t i = 0; i < a->n_warnings; i++)
        ldrt__free(a->warnings[i]);
    ldrt__free(a->warnings);
    ldrt__free(a->reasons);
    ldrt__free(a->bor_reason[0]);
    ldrt__free(a->bor_reason[1]);
    ldrt__free(a->dates);
    ldrt__free(a->lo);
    ldrt__free(a->hi);
    ldrt__free(a->tp);
    ldrt__free(a->recist_rule);
    ldrt__free(a->pd_from);
    ldrt__free(a);
}

int ldrt__assessment_warn(ldrt_assessment *a, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char **w = ldrt__reallocarray(a->warnings, a->n_warnings + 1, sizeof *w);
    if (!w)
        return LDRT_ENOMEM;
    a->warnings = w;
    if (!(w[a->n_warnings] = ldrt__strdup(buf)))
        return LDRT_ENOMEM;
    a->n_warnings++;
    return LDRT_OK;
}

/* ---- text helpers ---------------------------------------------------------- */

typedef struct {
    char buf[640];
    size_t len;
} sbuf;

static void sb_add(sbuf *s, const char *fmt, ...) LDRT__PRINTF(2, 3);
static void sb_add(sbuf *s, const char *fmt, ...)
{
    if (s->len >= sizeof s->buf - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->buf + s->len, sizeof s->buf - s->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->len += (size_t)n < sizeof s->buf - s->len ? (size_t)n : sizeof s->buf - s->len - 1;
}

static const char *fmt_date(ldrt_date d, char *buf)
{
    if (ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE) != LDRT_OK)
        snprintf(buf, LDRT_DATE_BUFSIZE, "?");
    return buf;
}

static double pct(int64_t v, int64_t ref)
{
    return ref > 0 ? (double)(v - ref) * 100.0 / (double)ref : NAN;
}

/* "+20.0% (+5.0 mm) from nadir 25.0 mm" (the mm only when with_mm). From a
 * sum of 0 mm no percentage exists: the change is given in mm alone, as RECIST
 * 1.1 then decides by it (any increase from 0 mm is more than +20%, so the
 * absolute +5 mm decides PD). Sums in 0.01 mm. */
static void sum_change(sbuf *s, int64_t v, int64_t ref, const char *what, int with_mm)
{
    if (ref <= 0)
        sb_add(s, "%+.1f mm from %s 0.0 mm (a change from 0 mm is absolute)",
               (double)(v - ref) / 100.0, what);
    else if (with_mm)
        sb_add(s, "%+.1f%% (%+.1f mm) from %s %.1f mm", pct(v, ref), (double)(v - ref) / 100.0,
               what, (double)ref / 100.0);
    else
        sb_add(s, "%+.1f%% from %s %.1f mm", pct(v, ref), what, (double)ref / 100.0);
}

static void lesion_name(sbuf *s, int32_t l, const char *const *names, size_t n_names)
{
    if (l >= 0 && names && (size_t)l < n_names && names[l])
        sb_add(s, "%s", names[l]);
    else if (l >= 0)
        sb_add(s, "#%d", l);
    else
        sb_add(s, "?");
}

static const char *nt_word(int32_t ntr)
{
    switch (ntr) {
    case LDRT_RESPONSE_NONE: return "no non-target disease";
    case LDRT_RESPONSE_CR: return "non-target lesions gone";
    default: return "non-target disease persists";
    }
}

static void recist_reason(sbuf *s, const ldrt__tp *d, int32_t rule, const char *const *names,
                          size_t n_names, const char *cr_date)
{
    switch (rule) {
    case LDRT_RULE_BASELINE:
        if (d->n_targets > 0)
            sb_add(s, "baseline: target sum %.1f mm (%d target lesion%s)", (double)d->sum / 100.0,
                   d->n_targets, d->n_targets == 1 ? "" : "s");
        else
            sb_add(s, "baseline: no target lesion");
        break;
    case LDRT_RULE_BASELINE_INCOMPLETE:
        sb_add(s, "a baseline target lesion was not measured: no reference sum");
        break;
    case LDRT_RULE_NO_BASELINE_DISEASE:
        sb_add(s, "no target or non-target lesion at baseline");
        break;
    case LDRT_RULE_NEW_LESION:
        sb_add(s, "unequivocal new lesion ");
        lesion_name(s, d->lesion, names, n_names);
        break;
    case LDRT_RULE_TARGET_PD:
        sb_add(s, "sum ");
        sum_change(s, d->sum, d->nadir, "nadir", 1);
        if (d->n_missing > 0)
            sb_add(s, "; PD whatever the %d lesion%s not evaluated measure%s", d->n_missing,
                   d->n_missing == 1 ? "" : "s", d->n_missing == 1 ? "s" : "");
        break;
    case LDRT_RULE_TARGET_REAPPEARED:
        sb_add(s, "target lesion ");
        lesion_name(s, d->lesion, names, n_names);
        sb_add(s, " reappeared after the confirmed CR%s%s (sum %.1f mm): PD (EORTC RECIST FAQ)",
               d->cr_at >= 0 ? " of " : "", d->cr_at >= 0 ? cr_date : "",
               (double)d->sum / 100.0);
        break;
    case LDRT_RULE_NON_TARGET_PD:
        sb_add(s, "unequivocal progression of non-target lesion ");
        lesion_name(s, d->lesion, names, n_names);
        break;
    case LDRT_RULE_NON_TARGET_REAPPEARED:
        sb_add(s, "non-target lesion ");
        lesion_name(s, d->lesion, names, n_names);
        sb_add(s, " reappeared after the confirmed CR%s%s: PD (EORTC RECIST FAQ)",
               d->cr_at >= 0 ? " of " : "", d->cr_at >= 0 ? cr_date : "");
        break;
    case LDRT_RULE_TARGET_MISSING:
        sb_add(s, "%d of %d target lesions not evaluated; the measured sum ", d->n_missing,
               d->n_targets);
        if (d->sum >= 0)
            sb_add(s, "%.1f mm", (double)d->sum / 100.0);
        else
            sb_add(s, "(none)");
        sb_add(s, " does not show PD and a missing lesion could change the answer");
        break;
    case LDRT_RULE_CR:
        sb_add(s, "all target lesions gone, nodes < 10 mm (sum %.1f mm); %s",
               (double)d->sum / 100.0, nt_word(d->non_target));
        break;
    case LDRT_RULE_CR_NON_TARGET_PRESENT:
        sb_add(s, "target lesions gone (sum %.1f mm) but non-target disease persists",
               (double)d->sum / 100.0);
        break;
    case LDRT_RULE_CR_NON_TARGET_NE:
        sb_add(s, "target lesions gone (sum %.1f mm); non-target lesions not all evaluated",
               (double)d->sum / 100.0);
        break;
    case LDRT_RULE_TARGET_PR:
        sb_add(s, "sum ");
        sum_change(s, d->sum, d->base, "baseline", 0);
        break;
    case LDRT_RULE_TARGET_SD:
        sb_add(s, "sum ");
        sum_change(s, d->sum, d->base, "baseline", 0);
        sb_add(s, ", ");
        sum_change(s, d->sum, d->nadir, "nadir", 1);
        sb_add(s, ": neither PR (<= -30%%) nor PD (>= +20%% and >= +5 mm)");
        break;
    case LDRT_RULE_NON_TARGET_CR:
        sb_add(s, "non-target-only disease: all non-target lesions gone");
        break;
    case LDRT_RULE_NON_TARGET_NON_CR:
        sb_add(s, "non-target-only disease persists without unequivocal progression");
        break;
    case LDRT_RULE_NON_TARGET_NE:
        sb_add(s, "non-target-only disease: lesions not all evaluated");
        break;
    default:
        sb_add(s, "%s", ldrt_response_rule_name(rule));
        break;
    }
}

static void percist_reason(sbuf *s, const ldrt__tp *d)
{
    switch (d->rule) {
    case LDRT_RULE_BASELINE:
        sb_add(s, "baseline: hottest SULpeak %.2f", (double)d->sum / 1000.0);
        return;
    case LDRT_RULE_NEW_LESION:
        sb_add(s, "new FDG-avid lesion");
        return;
    case LDRT_RULE_CMR:
        if (d->sum == 0)
            sb_add(s, "no FDG-avid lesion left; no new lesion");
        else
        {
            sb_add(s, "hottest SULpeak %.2f < mean liver SUL %.2f", (double)d->sum / 1000.0,
                   (double)d->liver / 1000.0);
            if (d->blood_pool >= 0)
                sb_add(s, " and <= blood-pool SUL %.2f", (double)d->blood_pool / 1000.0);
            else
                sb_add(s, " (blood pool not recorded)");
            sb_add(s, "; no new lesion");
        }
        return;
    case LDRT_RULE_PMR:
    case LDRT_RULE_PMD:
    case LDRT_RULE_SMD:
        sb_add(s, "hottest SULpeak %.2f vs %.2f at baseline: %+.1f%% (%+.2f SUL)",
               (double)d->sum / 1000.0, (double)d->base / 1000.0, pct(d->sum, d->base),
               (double)(d->sum - d->base) / 1000.0);
        if (d->rule == LDRT_RULE_PMR && d->liver >= 0 && d->sum == d->liver)
            sb_add(s, "; not CMR: not below the mean liver SUL %.2f", (double)d->liver / 1000.0);
        else if (d->rule == LDRT_RULE_PMR && d->blood_pool >= 0 && d->sum > d->blood_pool)
            sb_add(s, "; not CMR: above the blood-pool SUL %.2f", (double)d->blood_pool / 1000.0);
        return;
    case LDRT_RULE_TARGET_MISSING:
        sb_add(s, "%d of %d lesions not evaluated; the hottest measured does not show PMD",
               d->n_missing, d->n_targets);
        return;
    default:
        sb_add(s, "%s", ldrt_response_rule_name(d->rule));
        return;
    }
}

/* iRECIST: which categories an iUPD came from. */
static const char *iupd_kind(unsigned w)
{
    switch (w & (LDRT__IW_TRIG_TARGET | LDRT__IW_TRIG_NT | LDRT__IW_TRIG_NEW)) {
    case LDRT__IW_TRIG_TARGET: return "target";
    case LDRT__IW_TRIG_NT: return "non-target";
    case LDRT__IW_TRIG_NEW: return "new-lesion";
    case LDRT__IW_TRIG_TARGET | LDRT__IW_TRIG_NT: return "target and non-target";
    case LDRT__IW_TRIG_TARGET | LDRT__IW_TRIG_NEW: return "target and new-lesion";
    case LDRT__IW_TRIG_NT | LDRT__IW_TRIG_NEW: return "non-target and new-lesion";
    default: return "target, non-target and new-lesion";
    }
}

/* iRECIST: the Table 2 rules that confirmed an iUPD, with their numbers. */
static void irecist_why(sbuf *s, const ldrt__tp *d, const ldrt__tp *du, const char *const *names,
                        size_t n_names, const char *crd)
{
    const char *sep = " ";
    unsigned w = d->iwhy;
    if (w & LDRT__IW_TARGET_GROWTH) {
        sb_add(s, "%starget sum %+.1f mm since the iUPD (%.1f -> %.1f mm, >= 5 mm)", sep,
               (double)(d->sum - du->sum) / 100.0, (double)du->sum / 100.0,
               (double)d->sum / 100.0);
        sep = "; ";
    }
    if (w & LDRT__IW_TARGET_NEW_PD) {
        sb_add(s, "%starget lesions newly meet RECIST PD (another category): ", sep);
        recist_reason(s, d, LDRT_RULE_TARGET_PD, names, n_names, crd);
        sep = "; ";
    }
    if (w & LDRT__IW_NT_INCREASE) {
        sb_add(s, "%sfurther increase of non-target disease after the non-target iUPD (need not "
                  "be unequivocal)", sep);
        sep = "; ";
    }
    if (w & LDRT__IW_NT_NEW_PD) {
        sb_add(s, "%snon-target lesions newly progress (another category): ", sep);
        recist_reason(s, d, LDRT_RULE_NON_TARGET_PD, names, n_names, crd);
        sep = "; ";
    }
    if (w & LDRT__IW_NLT_GROWTH) {
        sb_add(s, "%snew-lesion target sum %+.1f mm since the iUPD (>= 5 mm)", sep,
               (double)(d->nlt_sum - du->nlt_sum) / 100.0);
        sep = "; ";
    }
    if (w & LDRT__IW_NLNT_INCREASE) {
        sb_add(s, "%sincrease of new non-target lesions", sep);
        sep = "; ";
    }
    if (w & LDRT__IW_MORE_NEW)
        sb_add(s, "%snew lesions %d (was %d at the iUPD)", sep, d->n_new, du->n_new);
}

/* ---- construction --------------------------------------------------------------- */

static int check_dates(size_t n, const ldrt_date *dates)
{
    if (n > 0)
        LDRT__CHECK_NOT_NULL(dates);
    for (size_t i = 0; i < n; i++) {
        if (ldrt_date_validate(dates[i]) != LDRT_OK || dates[i] == LDRT_DATE_NONE)
            return ldrt__error(LDRT_EINVAL, "dates[%zu]: not a valid date (%d)", i, dates[i]);
        if (i > 0 && dates[i] < dates[i - 1])
            return ldrt__error(LDRT_EINVAL, "dates[%zu]: scans must be in date order", i);
    }
    return LDRT_OK;
}

static int alloc_assessment(int criteria, const ldrt_response_options *options, size_t n,
                            const ldrt_date *dates, ldrt_assessment **out)
{
    ldrt_assessment *a = ldrt__calloc(1, sizeof *a);
    if (!a)
        return LDRT_ENOMEM;
    a->criteria = criteria;
    if (options)
        a->opt = *options;
    else
        ldrt__options_defaults(&a->opt);
    a->n = n;
    size_t m = n ? n : 1;
    a->dates = ldrt__calloc(m, sizeof *a->dates);
    a->lo = ldrt__calloc(m, sizeof *a->lo);
    a->hi = ldrt__calloc(m, sizeof *a->hi);
    a->tp = ldrt__calloc(m, sizeof *a->tp);
    a->recist_rule = ldrt__calloc(m, sizeof *a->recist_rule);
    a->pd_from = ldrt__calloc(m, sizeof *a->pd_from);
    a->reasons = ldrt__calloc(m, sizeof *a->reasons);
    if (!a->dates || !a->lo || !a->hi || !a->tp || !a->recist_rule || !a->pd_from ||
        !a->reasons) {
        ldrt_assessment_free(a);
        return LDRT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        ldrt_date e, l;
        a->dates[i] = dates[i];
        ldrt_date_earliest(dates[i], &e);
        ldrt_date_latest(dates[i], &l);
        ldrt_date_to_days(e, &a->lo[i]);
        ldrt_date_to_days(l, &a->hi[i]);
        a->pd_from[i] = (int32_t)i;
        a->tp[i].cr_at = -1;
        a->tp[i].blood_pool = -1;
    }
    *out = a;
    return LDRT_OK;
}

/* The duration from a start span to an end span: days by the earliest-day
 * convention (end's earliest day minus start's earliest day) and [min, max]
 * the range every possible pair of days gives (end's earliest minus start's
 * latest, end's latest minus start's earliest), never below 0. */
static void set_duration(ldrt_assessment *a, int e, int64_t s_lo, int64_t s_hi, int64_t e_lo,
                         int64_t e_hi)
{
    int64_t days = e_lo - s_lo, dmin = e_lo - s_hi, dmax = e_hi - s_lo;
    a->ep_days[e] = days < 0 ? 0 : days;
    a->ep_min[e] = dmin < 0 ? 0 : dmin;
    a->ep_max[e] = dmax < 0 ? 0 : dmax;
}

/* The endpoints, from the best-response derivation and the follow-up.
 * Tumour endpoints follow the confirmed reading: the response is the first
 * one confirmed under the settings, the progression the first time point
 * read as PD (a PD, or a later time point Table 3 reads as PD).
 * With a new anticancer therapy after the reference date, only time points
 * whose earliest day is not after the therapy's earliest day count, and an
 * endpoint without its event by then is censored at the last of them (FDA
 * endpoints guidance, Appendix 3). A death is the event of progression-free time and
 * of the duration of response when no progression came first and no new
 * therapy started before it; overall survival ends at the death or is
 * censored at the date last known alive. */
static void endpoints(ldrt_assessment *a)
{
    const ldrt__bor *b = &a->bor;
    int64_t ref_lo = a->ref_lo, ref_hi = a->ref_hi;
    int32_t r = b->first_conf_resp, d = b->read_pd, last = b->last;
    int32_t pdi = d >= 0 ? a->pd_from[d] : -1;
    int nt = a->has_new_therapy && a->nt_lo > ref_lo;
    if (nt) {
        /* Time points after the new therapy do not count. */
        if (r >= 0 && a->lo[r] > a->nt_lo)
            r = -1;
        if (pdi >= 0 && a->lo[pdi] > a->nt_lo)
            d = pdi = -1;
        while (last >= 0 && a->lo[last] > a->nt_lo)
            last--;
    }
    /* A death counts when no new therapy came before it. */
    int death = a->has_death && !nt;
    for (int e = 1; e < N_ENDPOINTS; e++) {
        int censor = LDRT_CENSOR_NOT_APPLICABLE;
        int64_t s_lo = ref_lo, s_hi = ref_hi;
        int32_t end_i = -1; /* time point of the end; -1 with censor set: day 0 */
        int applies = a->have_ref, by_death = 0;
        a->ep_death[e] = 0;
        if (e == LDRT_ENDPOINT_DURATION_OF_RESPONSE) {
            applies = applies && r >= 0;
            if (applies) {
                s_lo = a->lo[r];
                s_hi = a->hi[r];
            }
        } else if (e == LDRT_ENDPOINT_DURATION_OF_SD) {
            applies = applies && (b->bor == LDRT__C_SD || b->bor == LDRT__C_NON);
        } else if (e == LDRT_ENDPOINT_OVERALL_SURVIVAL) {
            applies = applies && a->has_follow_up && (a->has_death || a->has_alive);
        }
        if (!applies) {
            /* not applicable */
        } else if (e == LDRT_ENDPOINT_OVERALL_SURVIVAL) {
            if (a->has_death) {
                censor = LDRT_CENSOR_NONE;
                by_death = 1;
            } else {
                censor = LDRT_CENSOR_LAST_KNOWN_ALIVE;
                set_duration(a, e, s_lo, s_hi, a->alive_lo, a->alive_hi);
            }
        } else if (e == LDRT_ENDPOINT_TIME_TO_RESPONSE) {
            if (r >= 0) {
                end_i = r;
                censor = LDRT_CENSOR_NONE;
            } else if (d >= 0) {
                end_i = pdi;
                censor = LDRT_CENSOR_PROGRESSED;
            } else if (last >= 0 && (!nt || a->lo[last] > ref_lo)) {
                end_i = last;
                censor = nt ? LDRT_CENSOR_NEW_THERAPY : LDRT_CENSOR_LAST_ASSESSMENT;
            } else {
                censor = nt ? LDRT_CENSOR_NEW_THERAPY : LDRT_CENSOR_NO_ASSESSMENT;
            }
        } else if (d >= 0) {
            end_i = pdi;
            censor = LDRT_CENSOR_NONE;
        } else if (death && e != LDRT_ENDPOINT_DURATION_OF_SD) {
            censor = LDRT_CENSOR_NONE;
            by_death = 1;
        } else if (last >= 0 && a->lo[last] > ref_lo) {
            end_i = last;
            censor = nt ? LDRT_CENSOR_NEW_THERAPY : LDRT_CENSOR_LAST_ASSESSMENT;
        } else {
            censor = nt ? LDRT_CENSOR_NEW_THERAPY : LDRT_CENSOR_NO_ASSESSMENT;
        }
        a->ep_censor[e] = censor;
        a->ep_death[e] = by_death;
        if (censor == LDRT_CENSOR_NOT_APPLICABLE) {
            a->ep_days[e] = a->ep_min[e] = a->ep_max[e] = -1;
        } else if (by_death) {
            set_duration(a, e, s_lo, s_hi, a->death_lo, a->death_hi);
        } else if (e == LDRT_ENDPOINT_OVERALL_SURVIVAL) {
            /* set above */
        } else if (end_i >= 0) {
            set_duration(a, e, s_lo, s_hi, a->lo[end_i], a->hi[end_i]);
        } else {
            a->ep_days[e] = a->ep_min[e] = a->ep_max[e] = 0;
        }
    }
}

/* The reference date and its day span: the option, else the first time point; 0 without one. */
static int reference_span(const ldrt_assessment *a, ldrt_date *refd, int64_t *ref_lo,
                          int64_t *ref_hi)
{
    *refd = (ldrt_date)a->opt.v[LDRT_SET_REFERENCE_DATE];
    *ref_lo = 0;
    *ref_hi = 0;
    if (*refd != LDRT_DATE_NONE) {
        ldrt_date e, l;
        ldrt_date_earliest(*refd, &e);
        ldrt_date_latest(*refd, &l);
        ldrt_date_to_days(e, ref_lo);
        ldrt_date_to_days(l, ref_hi);
        return 1;
    }
    if (a->n > 0) {
        *refd = a->dates[0];
        *ref_lo = a->lo[0];
        *ref_hi = a->hi[0];
        return 1;
    }
    return 0;
}

/* Explains the best response without (c == 0) or with (c == 1) confirmation into s. */
static void explain_bor(sbuf *s, const ldrt_assessment *a, const ldrt__bor *b, const int32_t *cls,
                        int c, ldrt_date refd)
{
    int fam = a->criteria;
    char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE], d3[LDRT_DATE_BUFSIZE];
    int confirm = (int)a->opt.v[LDRT_SET_CONFIRM_DAYS];
    int sd_min = (int)a->opt.v[LDRT_SET_SD_MIN_DAYS];
    int best = c ? b->cbor : b->bor, i = c ? b->cbor_i : b->bor_i;
    const char *bl = ldrt_response_label_name(ldrt__class_label(fam, best));
    if (best == LDRT__C_NONE) {
        sb_add(s, "no assessment after the reference date %s", fmt_date(refd, d1));
    } else if (best == LDRT__C_CR || best == LDRT__C_PR) {
        sb_add(s, "%s on %s", bl, fmt_date(a->dates[i], d1));
        if (c)
            sb_add(s, " confirmed by %s on %s (>= %d days later)",
                   ldrt_response_label_name(a->tp[b->cbor_j].overall),
                   fmt_date(a->dates[b->cbor_j], d2), confirm);
    } else if (best == LDRT__C_SD || best == LDRT__C_NON) {
        int orig = c ? b->cbor_read : cls[i];
        if (orig == LDRT__C_CR || orig == LDRT__C_PR)
            sb_add(s, "%s on %s not confirmed; counts as %s (>= %d days after the reference date %s)",
                   ldrt_response_label_name(ldrt__class_label(fam, orig)),
                   fmt_date(a->dates[i], d1), bl, sd_min, fmt_date(refd, d2));
        else
            sb_add(s, "%s on %s, >= %d days after the reference date %s", bl,
                   fmt_date(a->dates[i], d1), sd_min, fmt_date(refd, d2));
        if (c && b->cr_revised && b->cr_i >= 0)
            sb_add(s, "; the unconfirmed CR on %s, followed by PR, is read as PR "
                      "(RECIST 1.1 Table 3 footnote)", fmt_date(a->dates[b->cr_i], d3));
    } else if (best == LDRT__C_PD && c && i == b->read_pd &&
               b->read_pd_kind == LDRT__READ_REAPPEARED) {
        sb_add(s, "%s on %s after the CR of %s, confirmed: a reappearance, so PD "
                  "(RECIST 1.1 Table 3 footnote; EORTC RECIST FAQ)",
               ldrt_response_label_name(a->tp[i].overall), fmt_date(a->dates[i], d1),
               fmt_date(a->dates[b->cr_i], d2));
    } else if (best == LDRT__C_PD && c && i == b->read_pd &&
               b->read_pd_kind == LDRT__READ_CR_SD_ROW) {
        sb_add(s, "%s on %s after the unconfirmed CR of %s, no time point >= %d days after "
                  "the reference date %s: PD (RECIST 1.1 Table 3, CR then SD: SD provided "
                  "the minimum SD duration is met, otherwise PD)",
               ldrt_response_label_name(a->tp[i].overall), fmt_date(a->dates[i], d1),
               fmt_date(a->dates[b->cr_i], d2), sd_min, fmt_date(refd, d3));
    } else if (best == LDRT__C_PD || best == LDRT__C_UPD) {
        sb_add(s, "%s on %s", bl, fmt_date(a->dates[i], d1));
        if (best == LDRT__C_PD && a->pd_from[i] != i)
            sb_add(s, " (progression dated from %s)", fmt_date(a->dates[a->pd_from[i]], d2));
        sb_add(s, "; no better response before it");
    } else {
        sb_add(s, "no response met the %srules (SD needs >= %d days after %s)",
               c ? "confirmation or SD-minimum " : "SD-minimum ", sd_min, fmt_date(refd, d1));
    }
    if (c && (best == LDRT__C_CR || best == LDRT__C_PR) && b->cr_revised && b->cr_i >= 0 &&
        best == LDRT__C_PR)
        sb_add(s, "; the unconfirmed CR on %s, followed by PR, is read as PR "
                  "(RECIST 1.1 Table 3 footnote)", fmt_date(a->dates[b->cr_i], d3));
}

/* Warns about a CR followed by disease: a reappearance when confirmed, else not one. */
static int cr_then_disease_warning(ldrt_assessment *a, const ldrt__bor *b)
{
    char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
    if (b->read_pd_kind == LDRT__READ_REAPPEARED && b->read_pd == b->crpr_i)
        return ldrt__assessment_warn(
            a,
            "%s on %s confirmed, then %s on %s: read as PD, a reappearance after a definitive "
            "CR (RECIST 1.1 Table 3 footnote); if the CR was not true, revise it to PR",
            ldrt_response_label_name(a->tp[b->cr_i].overall), fmt_date(a->dates[b->cr_i], d1),
            ldrt_response_label_name(a->tp[b->crpr_i].overall),
            fmt_date(a->dates[b->crpr_i], d2));
    return ldrt__assessment_warn(
        a,
        "%s on %s, not confirmed, followed by %s on %s: the CR was not definitively "
        "assigned, so the later disease is not read as a reappearance (EORTC RECIST FAQ)",
        ldrt_response_label_name(a->tp[b->cr_i].overall), fmt_date(a->dates[b->cr_i], d1),
        ldrt_response_label_name(a->tp[b->crpr_i].overall),
        fmt_date(a->dates[b->crpr_i], d2));
}

/* Best response, endpoints and their reasons. */
static int finish(ldrt_assessment *a)
{
    size_t n = a->n;
    int32_t *cls = ldrt__calloc(n ? n : 1, sizeof *cls);
    int32_t *scratch = ldrt__calloc(n ? 2 * n : 1, sizeof *scratch);
    if (!cls || !scratch) {
        ldrt__free(cls);
        ldrt__free(scratch);
        return LDRT_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        cls[i] = ldrt__label_class(a->tp[i].overall);
    ldrt_date refd;
    int64_t ref_lo, ref_hi;
    int have_ref = reference_span(a, &refd, &ref_lo, &ref_hi);
    ldrt__bor b;
    if (have_ref)
        ldrt__bor_patient(&a->opt, n, a->lo, a->hi, cls, ref_lo, ref_hi, scratch, &b);
    else
        ldrt__bor_init(&b);
    a->bor = b;
    int rc = LDRT_OK;
    for (int c = 0; c < 2; c++) {
        sbuf s = { .len = 0 };
        s.buf[0] = '\0';
        explain_bor(&s, a, &b, cls, c, refd);
        if (!(a->bor_reason[c] = ldrt__strdup(s.buf)))
            rc = LDRT_ENOMEM;
    }
    if (rc == LDRT_OK && b.crpr_i >= 0 && b.cr_i >= 0)
        rc = cr_then_disease_warning(a, &b);
    a->have_ref = have_ref;
    a->ref_lo = ref_lo;
    a->ref_hi = ref_hi;
    endpoints(a);
    ldrt__free(cls);
    ldrt__free(scratch);
    return rc;
}

static int build_reasons(ldrt_assessment *a, const char *const *names, size_t n_names)
{
    char d1[LDRT_DATE_BUFSIZE];
    int pending = -1;
    for (size_t k = 0; k < a->n; k++) {
        sbuf s = { .len = 0 };
        s.buf[0] = '\0';
        const ldrt__tp *d = &a->tp[k];
        char crd[LDRT_DATE_BUFSIZE] = "";
        if (!a->recorded && k > 0 && d->cr_at >= 0)
            fmt_date(a->dates[d->cr_at], crd);
        if (a->recorded) {
            sb_add(&s, "recorded %s", k < a->n ? ldrt_response_label_name(d->overall) : "");
            if (d->overall == LDRT_RESPONSE_NONE)
                sb_add(&s, "baseline");
        } else if (a->criteria == LDRT_CRITERIA_PERCIST10) {
            percist_reason(&s, d);
        } else if (a->criteria == LDRT_CRITERIA_IRECIST) {
            int32_t u = a->pd_from[k];
            switch (d->rule) {
            case LDRT_RULE_IUPD:
                sb_add(&s, "first progression, unconfirmed: ");
                recist_reason(&s, d, a->recist_rule[k], names, n_names, crd);
                pending = (int)k;
                break;
            case LDRT_RULE_ICPD: {
                if ((size_t)u == k || (k > 0 && a->tp[k - 1].overall == LDRT_RESPONSE_ICPD)) {
                    sb_add(&s, "progression already confirmed: stays iCPD");
                    break;
                }
                const ldrt__tp *du = &a->tp[u];
                sb_add(&s, "confirms the %s iUPD of %s (iRECIST Table 2):", iupd_kind(du->iwhy),
                       fmt_date(a->dates[u], d1));
                irecist_why(&s, d, du, names, n_names, crd);
                pending = -1;
                break;
            }
            case LDRT_RULE_IUPD_PERSISTS: {
                int32_t pu = d->iupd_at >= 0 ? d->iupd_at : (pending >= 0 ? pending : 0);
                const ldrt__tp *du = &a->tp[pu];
                sb_add(&s, "the %s iUPD of %s is neither confirmed nor reversed (iRECIST Table 2):",
                       iupd_kind(du->iwhy), fmt_date(a->dates[pu], d1));
                const char *sep = " ";
                if (d->iwhy & LDRT__IW_PERSIST_TARGET) {
                    sb_add(&s, "%stargets still meet PD", sep);
                    if (d->sum >= 0 && du->sum >= 0)
                        sb_add(&s, ", target sum %+.1f mm since the iUPD (< 5 mm)",
                               (double)(d->sum - du->sum) / 100.0);
                    sep = "; ";
                }
                if (d->iwhy & LDRT__IW_PERSIST_NT) {
                    sb_add(&s, "%snon-target progression persists with no further increase", sep);
                    sep = "; ";
                }
                if (d->iwhy & LDRT__IW_PERSIST_NEW) {
                    sb_add(&s, "%snew lesions unchanged (%d, as at the iUPD; new-lesion target sum "
                               "%+.1f mm, < 5 mm; no new non-target increase) and baseline "
                               "targets not smaller",
                           sep, d->n_new, (double)(d->nlt_sum - du->nlt_sum) / 100.0);
                }
                break;
            }
            case LDRT_RULE_IUPD_TOO_EARLY:
                sb_add(&s, "scan %lld days after the iUPD of %s, below the %d-day minimum "
                           "(less %d days tolerance): cannot confirm",
                       (long long)(pending >= 0 ? a->lo[k] - a->hi[pending] : 0),
                       fmt_date(a->dates[pending >= 0 ? pending : 0], d1),
                       (int)a->opt.v[LDRT_SET_ICONFIRM_MIN_DAYS],
                       (int)a->opt.v[LDRT_SET_ICONFIRM_TOLERANCE_DAYS]);
                break;
            default:
                if (pending >= 0 && d->overall != LDRT_RESPONSE_NE) {
                    sb_add(&s, "bar reset after the unconfirmed iUPD of %s: ",
                           fmt_date(a->dates[pending], d1));
                    pending = -1;
                }
                recist_reason(&s, d, d->rule, names, n_names, crd);
                if (d->overall == LDRT_RESPONSE_IPR && d->target == LDRT_RESPONSE_CR &&
                    d->n_new > 0)
                    sb_add(&s, "; new lesions remain, so not iCR");
                break;
            }
        } else {
            recist_reason(&s, d, d->rule, names, n_names, crd);
            if (d->reappearance_not_pd && d->cr_at >= 0) {
                sb_add(&s, "; lesion ");
                lesion_name(&s, d->lesion, names, n_names);
                sb_add(&s, " reappeared after the CR of %s, not confirmed: not PD by itself "
                           "(EORTC RECIST FAQ: only after a definitively assigned CR)", crd);
            }
            if (a->pd_from[k] != (int32_t)k)
                sb_add(&s, "; the lesion was equivocal on %s, so PD dates from that scan",
                       fmt_date(a->dates[a->pd_from[k]], d1));
        }
        if (!(a->reasons[k] = ldrt__strdup(s.buf)))
            return LDRT_ENOMEM;
    }
    return LDRT_OK;
}

/* RECIST 1.1 target selection, as warnings (the record is the clinician's). */
static int selection_warnings(ldrt_assessment *a, const int64_t *tp_offsets,
                              const int32_t *lesion, const uint8_t *role, const uint8_t *state,
                              const double *value, const char *const *names, size_t n_names)
{
    int rc = LDRT_OK;
    int n_t = 0;
    for (int64_t i = tp_offsets[0]; i < tp_offsets[1] && rc == LDRT_OK; i++) {
        int r = role[i] & ~LDRT_ROLE_NODAL, nodal = role[i] & LDRT_ROLE_NODAL;
        if (r == LDRT_ROLE_NON_TARGET && nodal && state[i] == LDRT_STATE_PRESENT &&
            !isnan(value[i]) && ldrt__centi(value[i]) < 1000) {
            sbuf s = { .len = 0 };
            s.buf[0] = '\0';
            lesion_name(&s, lesion[i], names, n_names);
            rc = ldrt__assessment_warn(a, "non-target node %s: short axis %.1f mm at baseline is "
                                          "below 10 mm, a normal node (RECIST 1.1)",
                                       s.buf, value[i]);
            continue;
        }
        if (r != LDRT_ROLE_TARGET)
            continue;
        n_t++;
        if (state[i] != LDRT_STATE_PRESENT || isnan(value[i]))
            continue;
        int64_t c = ldrt__centi(value[i]);
        sbuf s = { .len = 0 };
        s.buf[0] = '\0';
        lesion_name(&s, lesion[i], names, n_names);
        if (nodal && c < 1500)
            rc = ldrt__assessment_warn(a, "target node %s: short axis %.1f mm at baseline is below "
                                          "the 15 mm measurability minimum (RECIST 1.1)",
                                       s.buf, value[i]);
        else if (!nodal && c < 1000)
            rc = ldrt__assessment_warn(a, "target lesion %s: %.1f mm at baseline is below the "
                                          "10 mm measurability minimum (RECIST 1.1)",
                                       s.buf, value[i]);
    }
    if (rc == LDRT_OK && n_t > 5)
        rc = ldrt__assessment_warn(a, "%d target lesions at baseline: RECIST 1.1 allows at most 5",
                                   n_t);
    return rc;
}

static int percist_warnings(ldrt_assessment *a)
{
    int64_t pct_m = ldrt__milli(a->opt.v[LDRT_SET_PERCIST_LIVER_PCT]);
    int64_t abs_m = ldrt__milli(a->opt.v[LDRT_SET_PERCIST_LIVER_SUL]);
    char d1[LDRT_DATE_BUFSIZE];
    int64_t l0 = a->n ? a->tp[0].liver : -1;
    int missing = 0;
    for (size_t k = 1; k < a->n; k++) {
        int64_t lk = a->tp[k].liver;
        if (l0 < 0 || lk < 0) {
            missing = 1;
            continue;
        }
        int64_t diff = lk > l0 ? lk - l0 : l0 - lk;
        if (diff * 100000 > pct_m * l0 || diff > abs_m) {
            int rc = ldrt__assessment_warn(
                a,
                "scan %s: mean liver SUL %.2f vs %.2f at baseline (%+.1f%%, %+.2f SUL) is outside "
                "%g%% and %g SUL: the scans may not be comparable (PERCIST 1.0)",
                fmt_date(a->dates[k], d1), (double)lk / 1000.0, (double)l0 / 1000.0,
                pct(lk, l0), (double)(lk - l0) / 1000.0, a->opt.v[LDRT_SET_PERCIST_LIVER_PCT],
                a->opt.v[LDRT_SET_PERCIST_LIVER_SUL]);
            if (rc != LDRT_OK)
                return rc;
        }
    }
    if (missing)
        return ldrt__assessment_warn(a, "mean liver SUL not given for every scan: scan "
                                        "comparability (PERCIST 1.0) not checked for those scans");
    return LDRT_OK;
}

/* RECIST 1.1 with the EORTC RECIST FAQ ("Does a new lesion always result in
 * PD?"): a lesion that reappears after a CR makes PD only when the CR was
 * definitively assigned, read here as confirmed under the settings (a later
 * CR >= confirm_days after the first CR of the run, at most max_ne_between
 * NE between). Otherwise the time point takes its labels without the
 * reappearance rule. */
static void reappearance_reading(ldrt_assessment *a)
{
    int64_t confirm = (int64_t)a->opt.v[LDRT_SET_CONFIRM_DAYS];
    int max_ne = (int)a->opt.v[LDRT_SET_MAX_NE_BETWEEN];
    if (a->n > 0)
        a->tp[0].cr_at = -1;
    for (size_t k = 1; k < a->n; k++) {
        ldrt__tp *d = &a->tp[k];
        d->cr_at = -1;
        if (d->rule != LDRT_RULE_TARGET_REAPPEARED && d->rule != LDRT_RULE_NON_TARGET_REAPPEARED)
            continue;
        size_t i0 = k;
        for (size_t j = k; j-- > 1;) {
            if (a->tp[j].overall == LDRT_RESPONSE_CR)
                i0 = j;
            else if (a->tp[j].overall != LDRT_RESPONSE_NE)
                break;
        }
        if (i0 == k)
            continue;
        d->cr_at = (int32_t)i0;
        int confirmed = 0, ne = 0;
        for (size_t j = i0 + 1; j < k && !confirmed; j++) {
            if (a->tp[j].overall == LDRT_RESPONSE_NE) {
                if (++ne > max_ne)
                    break;
            } else if (a->lo[j] - a->hi[i0] >= confirm) {
                confirmed = 1;
            }
        }
        if (confirmed)
            continue;
        d->overall = d->alt_overall;
        d->target = d->alt_target;
        d->non_target = d->alt_non_target;
        d->rule = d->alt_rule;
        d->reappearance_not_pd = 1;
    }
}

/* Dates the progression of a confirmed equivocal new lesion from its first
 * equivocal scan (RECIST 1.1 section 4.3.2). */
static void equivocal_dating(ldrt_assessment *a, const int64_t *tp_offsets, const int32_t *lesion,
                             const uint8_t *role, const uint8_t *state)
{
    for (size_t k = 1; k < a->n; k++) {
        if (a->recist_rule[k] != LDRT_RULE_NEW_LESION)
            continue;
        int32_t first = (int32_t)k;
        for (int64_t i = tp_offsets[k]; i < tp_offsets[k + 1]; i++) {
            int r = role[i] & ~LDRT_ROLE_NODAL;
            if ((r != LDRT_ROLE_NEW && r != LDRT_ROLE_NEW_TARGET) ||
                state[i] == LDRT_STATE_ABSENT || state[i] == LDRT_STATE_NOT_EVALUATED ||
                state[i] == LDRT_STATE_EQUIVOCAL)
                continue;
            for (size_t j = 1; j < k; j++)
                for (int64_t q = tp_offsets[j]; q < tp_offsets[j + 1]; q++)
                    if (lesion[q] == lesion[i] && state[q] == LDRT_STATE_EQUIVOCAL &&
                        (int32_t)j < first)
                        first = (int32_t)j;
        }
        if (a->criteria == LDRT_CRITERIA_RECIST11)
            a->pd_from[k] = first;
        return; /* the first PD only */
    }
}

int ldrt__assess_rows(int criteria, const ldrt_response_options *options, size_t n_timepoints,
                      const ldrt_date *dates, const int64_t *tp_offsets, const int32_t *lesion,
                      const uint8_t *role, const uint8_t *state, const double *value,
                      const char *const *names, size_t n_names, ldrt_assessment **out)
{
    LDRT__CHECK_NOT_NULL(out);
    if (!ldrt_criteria_name(criteria))
        return ldrt__error(LDRT_ENOTFOUND, "criteria: unknown criteria %d", criteria);
    if (n_timepoints == 0)
        return ldrt__error(LDRT_EINVAL, "n_timepoints: must be >= 1 (the baseline scan)");
    int rc = check_dates(n_timepoints, dates);
    if (rc != LDRT_OK)
        return rc;
    int64_t poff[2] = { 0, (int64_t)n_timepoints };
    rc = ldrt__validate_rows(criteria, 1, poff, tp_offsets, lesion, role, state, value);
    if (rc != LDRT_OK)
        return rc;
    ldrt_assessment *a;
    if ((rc = alloc_assessment(criteria, options, n_timepoints, dates, &a)) != LDRT_OK)
        return rc;
    if (criteria == LDRT_CRITERIA_PERCIST10) {
        ldrt__percist_patient(&a->opt, a->n, tp_offsets, role, state, value, a->tp);
        rc = percist_warnings(a);
    } else {
        /* The cohort engine, one patient. */
        ldrt__recist_patient(a->n, tp_offsets, lesion, role, state, value, a->tp, NULL, NULL,
                             NULL, NULL, NULL);
        reappearance_reading(a);
        for (size_t k = 0; k < a->n; k++)
            a->recist_rule[k] = a->tp[k].rule;
        equivocal_dating(a, tp_offsets, lesion, role, state);
        if (criteria == LDRT_CRITERIA_IRECIST)
            ldrt__irecist_patient(&a->opt, a->n, a->lo, a->hi, a->tp, a->pd_from);
        rc = selection_warnings(a, tp_offsets, lesion, role, state, value, names, n_names);
    }
    if (rc == LDRT_OK)
        rc = build_reasons(a, names, n_names);
    if (rc == LDRT_OK)
        rc = finish(a);
    if (rc != LDRT_OK) {
        ldrt_assessment_free(a);
        return rc;
    }
    *out = a;
    return LDRT_OK;
}

int ldrt_assess_arrays(ldrt_criteria criteria, const ldrt_response_options *options, size_t n_timepoints, const ldrt_date *dates, const int64_t *tp_offsets, const int32_t *lesion, const uint8_t *role, const uint8_t *state, const double *value, ldrt_assessment **out)
{
    return ldrt__assess_rows(criteria, options, n_timepoints, dates, tp_offsets, lesion, role,
                             state, value, NULL, 0, out);
}

int ldrt_assess_recorded(ldrt_criteria criteria, const ldrt_response_options *options, size_t n_timepoints, const ldrt_date *dates, const int32_t *labels, ldrt_assessment **out)
{
    LDRT__CHECK_NOT_NULL(out);
    if (!ldrt_criteria_name(criteria))
        return ldrt__error(LDRT_ENOTFOUND, "criteria: unknown criteria %d", criteria);
    if (n_timepoints > 0)
        LDRT__CHECK_NOT_NULL(labels);
    int rc = check_dates(n_timepoints, dates);
    if (rc != LDRT_OK)
        return rc;
    for (size_t i = 0; i < n_timepoints; i++) {
        int f = ldrt__label_family(labels[i]);
        if (f < 0)
            return ldrt__error(LDRT_EINVAL, "labels[%zu]: not a response label (got %d)", i,
                               labels[i]);
        if (f != 0 && f != (int)criteria)
            return ldrt__error(LDRT_EINVAL, "labels[%zu]: %s is not a %s response", i,
                               ldrt_response_label_name(labels[i]), ldrt_criteria_name(criteria));
    }
    ldrt_assessment *a;
    if ((rc = alloc_assessment(criteria, options, n_timepoints, dates, &a)) != LDRT_OK)
        return rc;
    a->recorded = 1;
    for (size_t i = 0; i < n_timepoints; i++) {
        ldrt__tp *d = &a->tp[i];
        d->overall = labels[i];
        d->rule = labels[i] == LDRT_RESPONSE_NONE ? LDRT_RULE_BASELINE : LDRT_RULE_RECORDED;
        d->sum = d->base = d->nadir = d->liver = -1;
        d->lesion = -1;
        a->recist_rule[i] = d->rule;
    }
    /* iRECIST: a recorded iCPD dates from the iUPD it confirms. */
    if (criteria == LDRT_CRITERIA_IRECIST)
        for (size_t i = 0; i < n_timepoints; i++)
            if (labels[i] == LDRT_RESPONSE_ICPD) {
                size_t j = i;
                while (j > 0 && (labels[j - 1] == LDRT_RESPONSE_IUPD ||
                                 labels[j - 1] == LDRT_RESPONSE_NE))
                    j--;
                while (j < i && labels[j] != LDRT_RESPONSE_IUPD)
                    j++;
                a->pd_from[i] = (int32_t)j;
                break;
            }
    rc = build_reasons(a, NULL, 0);
    if (rc == LDRT_OK)
        rc = finish(a);
    if (rc != LDRT_OK) {
        ldrt_assessment_free(a);
        return rc;
    }
    *out = a;
    return LDRT_OK;
}

/* ---- accessors ------------------------------------------------------------------- */

int ldrt_assessment_criteria(const ldrt_assessment *a, ldrt_criteria *criteria)
{
    LDRT__CHECK_NOT_NULL(a);
    LDRT__CHECK_NOT_NULL(criteria);
    *criteria = a->criteria;
    return LDRT_OK;
}

const ldrt_response_options *ldrt_assessment_options(const ldrt_assessment *a)
{
    if (!a) {
        ldrt__error(LDRT_EINVAL, "assessment: must not be NULL");
        return NULL;
    }
    return &a->opt;
}

size_t ldrt_assessment_timepoint_count(const ldrt_assessment *a)
{
    return a ? a->n : 0;
}

#define CHECK_INDEX(a, i)                                                                 \
    do {                                                                                  \
        LDRT__CHECK_NOT_NULL(a);                                                          \
        if ((i) >= (a)->n)                                                                \
            return ldrt__error(LDRT_ERANGE, "i: time point %zu out of range (%zu time points)", \
                               (size_t)(i), (a)->n);                                      \
    } while (0)

int ldrt_assessment_timepoint(const ldrt_assessment *a, size_t i, ldrt_date *date,
                              ldrt_response *overall, ldrt_response *target,
                              ldrt_response *non_target, int *new_lesions)
{
    CHECK_INDEX(a, i);
    const ldrt__tp *d = &a->tp[i];
    if (date) *date = a->dates[i];
    if (overall) *overall = d->overall;
    if (target) *target = d->target;
    if (non_target) *non_target = d->non_target;
    if (new_lesions) *new_lesions = d->new_lesion == 1;
    return LDRT_OK;
}

int ldrt_assessment_overall(const ldrt_assessment *a, size_t i, ldrt_response *overall)
{
    LDRT__CHECK_NOT_NULL(overall);
    CHECK_INDEX(a, i);
    *overall = a->tp[i].overall;
    return LDRT_OK;
}

int ldrt_assessment_values(const ldrt_assessment *a, size_t i, double *sum,
                           double *change_from_baseline_pct, double *change_from_nadir_pct)
{
    CHECK_INDEX(a, i);
    const ldrt__tp *d = &a->tp[i];
    double scale = a->criteria == LDRT_CRITERIA_PERCIST10 ? 1000.0 : 100.0;
    if (sum) *sum = d->sum >= 0 ? (double)d->sum / scale : NAN;
    if (change_from_baseline_pct)
        *change_from_baseline_pct = i > 0 && d->sum >= 0 && d->base > 0 ? pct(d->sum, d->base) : NAN;
    if (change_from_nadir_pct)
        *change_from_nadir_pct = i > 0 && d->sum >= 0 && d->nadir > 0 ? pct(d->sum, d->nadir) : NAN;
    return LDRT_OK;
}

int ldrt_assessment_rule(const ldrt_assessment *a, size_t i, ldrt_response_rule *rule)
{
    LDRT__CHECK_NOT_NULL(rule);
    CHECK_INDEX(a, i);
    *rule = a->tp[i].rule;
    return LDRT_OK;
}

/* The i-th of n borrowed strings, or NULL with an error naming what failed. */
static const char *string_at(const ldrt_assessment *a, char *const *strings, size_t n, size_t i,
                             const char *what)
{
    if (!a) {
        ldrt__error(LDRT_EINVAL, "assessment: must not be NULL");
        return NULL;
    }
    if (i >= n) {
        ldrt__error(LDRT_ERANGE, "i: %s %zu out of range (%zu %ss)", what, i, n, what);
        return NULL;
    }
    return strings[i];
}

const char *ldrt_assessment_reason(const ldrt_assessment *a, size_t i)
{
    return string_at(a, a ? a->reasons : NULL, a ? a->n : 0, i, "time point");
}

int ldrt_assessment_best(const ldrt_assessment *a, int confirmed, ldrt_response *label)
{
    LDRT__CHECK_NOT_NULL(a);
    LDRT__CHECK_NOT_NULL(label);
    if (confirmed != 0 && confirmed != 1)
        return ldrt__error(LDRT_EINVAL, "confirmed: must be 0 or 1 (got %d)", confirmed);
    *label = ldrt__class_label(a->criteria, confirmed ? a->bor.cbor : a->bor.bor);
    return LDRT_OK;
}

const char *ldrt_assessment_best_reason(const ldrt_assessment *a, int confirmed)
{
    if (!a) {
        ldrt__error(LDRT_EINVAL, "assessment: must not be NULL");
        return NULL;
    }
    if (confirmed != 0 && confirmed != 1) {
        ldrt__error(LDRT_EINVAL, "confirmed: must be 0 or 1 (got %d)", confirmed);
        return NULL;
    }
    return a->bor_reason[confirmed];
}

int ldrt_assessment_endpoint(const ldrt_assessment *a, ldrt_endpoint endpoint, int64_t *days,
                             ldrt_censor *censor)
{
    LDRT__CHECK_NOT_NULL(a);
    if (!ldrt_endpoint_name(endpoint))
        return ldrt__error(LDRT_ENOTFOUND, "endpoint: unknown endpoint %d", endpoint);
    if (days) *days = a->ep_days[endpoint];
    if (censor) *censor = a->ep_censor[endpoint];
    return LDRT_OK;
}

int ldrt_assessment_endpoint_death(const ldrt_assessment *a, ldrt_endpoint endpoint, int *death)
{
    LDRT__CHECK_NOT_NULL(a);
    LDRT__CHECK_NOT_NULL(death);
    if (!ldrt_endpoint_name(endpoint))
        return ldrt__error(LDRT_ENOTFOUND, "endpoint: unknown endpoint %d", endpoint);
    *death = a->ep_death[endpoint];
    return LDRT_OK;
}

static int span_of(ldrt_date d, const char *name, int *has, int64_t *lo, int64_t *hi)
{
    *has = d != LDRT_DATE_NONE;
    if (!*has)
        return LDRT_OK;
    if (ldrt_date_validate(d) != LDRT_OK)
        return ldrt__error(LDRT_EINVAL, "%s: %ld is not a valid date", name, (long)d);
    ldrt_date e, l;
    ldrt_date_earliest(d, &e);
    ldrt_date_latest(d, &l);
    ldrt_date_to_days(e, lo);
    ldrt_date_to_days(l, hi);
    return LDRT_OK;
}

int ldrt__assessment_reference(const ldrt_assessment *a, int64_t *lo)
{
    *lo = a->ref_lo;
    return a->have_ref;
}

int ldrt_assessment_set_follow_up(ldrt_assessment *a, ldrt_date death, ldrt_date last_known_alive,
                                  ldrt_date new_therapy)
{
    LDRT__CHECK_NOT_NULL(a);
    int hd, ha, hn;
    int64_t dlo, dhi, alo, ahi, nlo, nhi;
    int rc = span_of(death, "death", &hd, &dlo, &dhi);
    if (!rc)
        rc = span_of(last_known_alive, "last_known_alive", &ha, &alo, &ahi);
    if (!rc)
        rc = span_of(new_therapy, "new_therapy", &hn, &nlo, &nhi);
    if (rc)
        return rc;
    char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
    if (hd && ha && dhi < alo)
        return ldrt__error(LDRT_EINVAL, "death: %s is before the date last known alive %s",
                           fmt_date(death, d1), fmt_date(last_known_alive, d2));
    for (size_t i = 0; hd && i < a->n; i++)
        if (dhi < a->lo[i])
            return ldrt__error(LDRT_EINVAL, "death: %s is before the time point of %s",
                               fmt_date(death, d1), fmt_date(a->dates[i], d2));
    a->has_follow_up = 1;
    a->has_death = hd;
    a->death_lo = dlo;
    a->death_hi = dhi;
    a->has_alive = ha;
    a->alive_lo = alo;
    a->alive_hi = ahi;
    a->has_new_therapy = hn;
    a->nt_lo = nlo;
    a->nt_hi = nhi;
    endpoints(a);
    return LDRT_OK;
}

int ldrt_assessment_endpoint_range(const ldrt_assessment *assessment, ldrt_endpoint endpoint,
                                   int64_t *days_min,
                                   int64_t *days_max)
{
    LDRT__CHECK_NOT_NULL(assessment);
    const ldrt_assessment *a = assessment;
    if (!ldrt_endpoint_name(endpoint))
        return ldrt__error(LDRT_ENOTFOUND, "endpoint: unknown endpoint %d", endpoint);
    if (days_min) *days_min = a->ep_min[endpoint];
    if (days_max) *days_max = a->ep_max[endpoint];
    return LDRT_OK;
}

size_t ldrt_assessment_warning_count(const ldrt_assessment *a)
{
    return a ? a->n_warnings : 0;
}

const char *ldrt_assessment_warning(const ldrt_assessment *a, size_t i)
{
    return string_at(a, a ? a->warnings : NULL, a ? a->n_warnings : 0, i, "warning");
}
