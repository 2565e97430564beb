/*
 * Tests of the per-patient dose functions (declared in ldrt/dose.h,
 * implemented in src/model/course_dose.c): course and lesion doses from the
 * real fractions, classification, RadScopal pairs and checkpoint-inhibitor
 * timing, on the seed case (Fong, Ho & So, Front Oncol 2025) and on small
 * records built in the tests. Expected values are hand calculations written
 * next to each case.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "testutil.h"

#define ASSERT_NEAR(got, want, tol)                                                   \
    do {                                                                              \
        double g_ = (got), w_ = (want), t_ = (tol);                                   \
        ck_assert_msg(fabs(g_ - w_) <= t_, "%s = %.10g, expected %.10g (+/- %g)", #got, \
                      g_, w_, t_);                                                    \
    } while (0)

static ldrt_date D(const char *s)
{
    ldrt_date d = 0;
    ck_assert_int_eq(ldrt_date_parse(s, &d), LDRT_OK);
    return d;
}

static ldrt_patient *load_seed(void)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &p));
    return p;
}

START_TEST(seed_course_doses)
{
    ldrt_patient *p = load_seed();
    const ldrt_course *sbrt, *lxrt;
    tu_assert_ok(ldrt_patient_find_course(p, "SBRT-2022", &sbrt));
    tu_assert_ok(ldrt_patient_find_course(p, "LXRT-2023", &lxrt));
    size_t mel_i;
    double mel, total, bed, eqd2;
    tu_assert_ok(ldrt_tissue_find("melanoma", &mel_i));
    tu_assert_ok(ldrt_tissue_info(mel_i, NULL, &mel, NULL, NULL, NULL, NULL));
    /* SBRT 40 Gy / 5 (alternate days, dated at month precision): BED10 = 40 (1 + 8/10) = 72,
     * EQD2(10) = 60, EQD2(3) = 40 (8 + 3)/5 = 88, EQD2(0.6) = 40 (8.6)/2.6 = 132.308. */
    tu_assert_ok(ldrt_course_dose(sbrt, 10, &total, &bed, &eqd2));
    ASSERT_NEAR(total, 40, 1e-12); ASSERT_NEAR(bed, 72, 1e-12); ASSERT_NEAR(eqd2, 60, 1e-12);
    tu_assert_ok(ldrt_course_dose(sbrt, 3, NULL, NULL, &eqd2)); ASSERT_NEAR(eqd2, 88, 1e-12);
    tu_assert_ok(ldrt_course_dose(sbrt, mel, NULL, NULL, &eqd2)); ASSERT_NEAR(eqd2, 344.0 / 2.6, 1e-9);
    /* L-XRT 10 Gy / 5 listed fractions of 2 Gy: EQD2 10 at any alpha/beta; BED10 12. */
    tu_assert_ok(ldrt_course_dose(lxrt, 10, &total, &bed, &eqd2));
    ASSERT_NEAR(total, 10, 1e-12); ASSERT_NEAR(bed, 12, 1e-12); ASSERT_NEAR(eqd2, 10, 1e-12);
    tu_assert_ok(ldrt_course_dose(lxrt, mel, NULL, NULL, &eqd2)); ASSERT_NEAR(eqd2, 10, 1e-12);
    /* Classification. */
    ldrt_regimen reg;
    unsigned rules;
    tu_assert_ok(ldrt_course_classify(sbrt, &reg, &rules));
    ck_assert_int_eq(reg, LDRT_REGIMEN_SBRT);
    ck_assert_uint_eq(rules, LDRT_REGIMEN_RULE_SBRT_ACR_ASTRO | LDRT_REGIMEN_RULE_SABR_UK);
    tu_assert_ok(ldrt_course_classify(lxrt, &reg, &rules));
    ck_assert_int_eq(reg, LDRT_REGIMEN_LOW_DOSE);
    ck_assert(rules & LDRT_REGIMEN_RULE_LXRT_SEED);
    /* Repopulation with T from the dates: the paper's "alternate days" does
     * not fix the overall time (a weekend between fractions lengthens it), so
     * the seed dates the five fractions at month precision: T is 0 to 30
     * days (May 2022). Tk 0, alpha 0.35, Tpot 3: from 72 - ln2 * 30 / 1.05
     * = 52.196... (T = 30) to 72 (T = 0). */
    int64_t tmin, tmax;
    tu_assert_ok(ldrt_course_overall_days(sbrt, &tmin, &tmax));
    ck_assert_int_eq(tmin, 0);
    ck_assert_int_eq(tmax, 30);
    double bmin, bmax;
    tu_assert_ok(ldrt_course_bed_repop(sbrt, 10, 0, 0.35, 3, &bmin, &bmax));
    ASSERT_NEAR(bmin, 72 - log(2.0) * 30 / 1.05, 1e-9);
    ASSERT_NEAR(bmax, 72, 1e-12);
    /* Lesions: the pelvic node got the SBRT, T1 the L-XRT, NT1 nothing. */
    const ldrt_lesion *node, *t1, *nt1;
    size_t nc;
    tu_assert_ok(ldrt_patient_find_lesion(p, "pelvic-node-2022", &node));
    tu_assert_ok(ldrt_patient_find_lesion(p, "T1", &t1));
    tu_assert_ok(ldrt_patient_find_lesion(p, "NT1", &nt1));
    tu_assert_ok(ldrt_lesion_dose(p, node, 10, LDRT_RECOVERY_NONE, &total, &bed, &eqd2, &nc));
    ASSERT_NEAR(total, 40, 1e-12); ASSERT_NEAR(eqd2, 60, 1e-12); ck_assert_uint_eq(nc, 1);
    tu_assert_ok(ldrt_lesion_dose(p, t1, 3, LDRT_RECOVERY_FIXED, &total, &bed, &eqd2, &nc));
    ASSERT_NEAR(total, 10, 1e-12); ASSERT_NEAR(eqd2, 10, 1e-12); ck_assert_uint_eq(nc, 1);
    tu_assert_ok(ldrt_lesion_dose(p, nt1, 3, LDRT_RECOVERY_NONE, &total, &bed, &eqd2, &nc));
    ASSERT_NEAR(total, 0, 0); ck_assert_uint_eq(nc, 0);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(seed_radscopal_and_timing)
{
    ldrt_patient *p = load_seed();
    const ldrt_course **hi = NULL, **lo = NULL, *lxrt, *sbrt;
    size_t n = 99;
    /* SBRT (May 2022) and L-XRT (July 2023) are over a year apart: no RadScopal
     * pair within 30 days; with a 600-day window they pair (different lesions). */
    tu_assert_ok(ldrt_patient_radscopal(p, 30, &hi, &lo, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(hi);
    tu_assert_ok(ldrt_patient_radscopal(p, 600, &hi, &lo, &n));
    ck_assert_uint_eq(n, 1);
    tu_assert_ok(ldrt_patient_find_course(p, "SBRT-2022", &sbrt));
    tu_assert_ok(ldrt_patient_find_course(p, "LXRT-2023", &lxrt));
    ck_assert_ptr_eq(hi[0], sbrt);
    ck_assert_ptr_eq(lo[0], lxrt);
    ldrt_free(hi);
    ldrt_free(lo);
    /* The pembrolizumab maintenance from July 2023 (cycles 5-18) is a series
     * with unknown dates: a dose of it may fall on any day from 1 July 2023
     * on, the days of the L-XRT (21 to 26 July) included, so the nearest
     * dose may be 0 days away: concurrent (the paper: pembrolizumab went on
     * through the low-dose radiotherapy). */
    int64_t since, until;
    ldrt_drug_timing t;
    tu_assert_ok(ldrt_course_drug_timing(p, ldrt_event_as_course(ldrt_course_as_event(lxrt)), "pembrolizumab", LDRT_ICI_WINDOW_DAYS, &since,
                                         &until, &t));
    ck_assert_int_eq(t, LDRT_TIMING_CONCURRENT);
    ck_assert_int_eq(since, 0);
    ck_assert_int_eq(until, 0);
    /* Nivolumab ended in 2021: only before, far outside 90 days. The shortest gap is
     * from the latest day the last administration can fall on (its span: the 16th of
     * a 14-day series started in March 2021, 2021-03-31 + 15 x 14 = 2021-10-27) to
     * 2023-07-21: 4 + 30 + 31 (2021) + 365 (2022) + 201 (2023 to July 21) = 632. */
    const ldrt_event **adm;
    size_t na;
    ldrt_date latest;
    int64_t want;
    tu_assert_ok(ldrt_patient_drug_administrations(p, "nivolumab", &adm, &na));
    ck_assert_uint_eq(na, 16);
    tu_assert_ok(ldrt_event_span(adm[na - 1], NULL, &latest));
    ldrt_free(adm);
    ck_assert_int_eq(latest, 20211027);
    tu_assert_ok(ldrt_date_days_between(latest, D("2023-07-21"), &want));
    ck_assert_int_eq(want, 632);
    tu_assert_ok(ldrt_course_drug_timing(p, ldrt_event_as_course(ldrt_course_as_event(lxrt)), "nivolumab", 90, &since, &until, &t));
    ck_assert_int_eq(t, LDRT_TIMING_BEFORE);
    ck_assert_int_eq(since, want);
    ck_assert_int_eq(until, -1);
    tu_assert_ok(ldrt_course_drug_timing(p, ldrt_event_as_course(ldrt_course_as_event(lxrt)), "atezolizumab", 90, &since, &until, &t));
    ck_assert_int_eq(t, LDRT_TIMING_NOT_GIVEN);
    ck_assert_int_eq(since, -1);
    ck_assert(ldrt_drug_is_checkpoint_inhibitor("Pembrolizumab"));
    ck_assert(!ldrt_drug_is_checkpoint_inhibitor("cyclophosphamide"));
    ck_assert(!ldrt_drug_is_checkpoint_inhibitor(NULL));
    ck_assert_str_eq(ldrt_drug_timing_name(LDRT_TIMING_CONCURRENT), "concurrent");
    ck_assert_ptr_null(ldrt_drug_timing_name(42));
    ldrt_patient_free(p);
}
END_TEST

/* A built record: H-XRT 12 Gy x 3 to L1 (2023-03-01..03), L-XRT 1 Gy x 2 to L2
 * (2023-03-06, 07), an unequal course 3 + 1 Gy to L2 (2023-09-01, 02), a second
 * course 5 x 2 Gy to L1 a year later (2024-03-04..08), and pembrolizumab on
 * 2023-01-01 and 2023-06-30. */
struct rec {
    ldrt_patient *p;
    ldrt_event *a, *b, *c, *u;
    ldrt_lesion *l1, *l2;
};

static ldrt_event *course(ldrt_patient *p, const char *lesion, const char *const *dates,
                          const double *doses, size_t n)
{
    ldrt_event *e;
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, D(dates[0]), &e));
    tu_assert_ok(ldrt_course_add_target(ldrt_event_as_course_mut(e), lesion));
    for (size_t i = 0; i < n; i++)
        tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(e), D(dates[i]), doses[i], NULL));
    return e;
}

static void build(struct rec *r)
{
    tu_assert_ok(ldrt_patient_new("built", &r->p));
    tu_assert_ok(ldrt_patient_add_lesion(r->p, "L1", &r->l1));
    tu_assert_ok(ldrt_patient_add_lesion(r->p, "L2", &r->l2));
    static const char *const da[] = { "2023-03-01", "2023-03-02", "2023-03-03" };
    static const char *const db[] = { "2023-03-06", "2023-03-07" };
    static const char *const du[] = { "2023-09-01", "2023-09-02" };
    static const char *const dc[] = { "2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07",
                                      "2024-03-08" };
    static const double fa[] = { 12, 12, 12 }, fb[] = { 1, 1 }, fu[] = { 3, 1 },
                        fc[] = { 2, 2, 2, 2, 2 };
    r->a = course(r->p, "L1", da, fa, 3);
    r->b = course(r->p, "L2", db, fb, 2);
    r->u = course(r->p, "L2", du, fu, 2);
    r->c = course(r->p, "L1", dc, fc, 5);
    const char *dates[2] = { "2023-01-01", "2023-06-30" };
    for (int i = 0; i < 2; i++) {
        ldrt_event *s;
        tu_assert_ok(ldrt_patient_add_event(r->p, LDRT_EVENT_SYSTEMIC, D(dates[i]), &s));
        tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "pembrolizumab", 200, "mg"));
    }
}

/* The timing range: the nearest distance between a course and a drug with
 * both bounds the partial dates allow, hand-computed. */
static const char timing_doc[] =
    "{\"ldrt\": 1, \"patient\": {\"id\": \"t\"}, \"events\": ["
    " {\"type\": \"radiotherapy\", \"date\": \"2023-03-01\", \"course_id\": \"C1\","
    "  \"fractions\": [{\"date\": \"2023-03-01\", \"dose_gy\": 2}, {\"date\": \"2023-03-02\", \"dose_gy\": 2}]},"
    " {\"type\": \"radiotherapy\", \"date\": \"2023-02\", \"course_id\": \"C2\","
    "  \"fractions\": [{\"date\": \"2023-02\", \"dose_gy\": 2}, {\"date\": \"2023-02\", \"dose_gy\": 2}]},"
    " {\"type\": \"radiotherapy\", \"date\": \"2024-02\", \"course_id\": \"C3\","
    "  \"fractions\": [{\"date\": \"2024-02\", \"dose_gy\": 2}]},"
    " {\"type\": \"systemic\", \"date\": \"2022-11\", \"agents\": [{\"drug\": \"pembrolizumab\"}]},"
    " {\"type\": \"systemic\", \"date\": \"2023-03-31\", \"agents\": [{\"drug\": \"nivolumab\"}]},"
    " {\"type\": \"systemic\", \"date\": \"2024-01\", \"agents\": [{\"drug\": \"ipilimumab\"}]},"
    " {\"type\": \"systemic\", \"date\": \"2023-02\", \"agents\": [{\"drug\": \"durvalumab\"}]},"
    " {\"type\": \"systemic\", \"date\": \"2023-03-10\", \"agents\": [{\"drug\": \"avelumab\"}]},"
    " {\"type\": \"systemic\", \"date\": \"2023-01\", \"agents\": [{\"drug\": \"atezolizumab\"}]},"
    " {\"type\": \"systemic\", \"date\": \"2023-04-15\", \"agents\": [{\"drug\": \"atezolizumab\"}]}"
    "]}";

static void range_is(const ldrt_patient *p, const char *course, const char *drug, int64_t window,
                     int64_t want_lo, int64_t want_hi, ldrt_drug_timing want_t, int want_certain)
{
    const ldrt_course *c = NULL;
    int64_t lo = -7, hi = -7;
    ldrt_drug_timing t = (ldrt_drug_timing)-1;
    int certain = -1;
    tu_assert_ok(ldrt_patient_find_course(p, course, &c));
    tu_assert_ok(ldrt_course_drug_timing_range(p, c, drug, window, &lo, &hi, &t, &certain));
    ck_assert_msg(lo == want_lo && hi == want_hi, "%s %s: %lld to %lld days, expected %lld to %lld",
                  course, drug, (long long)lo, (long long)hi, (long long)want_lo, (long long)want_hi);
    ck_assert_msg(t == want_t && certain == want_certain, "%s %s window %lld: timing %d certain %d",
                  course, drug, (long long)window, (int)t, certain);
}

START_TEST(timing_range_hand_computed)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(timing_doc, sizeof timing_doc - 1, &p));
    /* C1, 2023-03-01 to 03-02; pembrolizumab in November 2022 (1 to 30 Nov).
     * Shortest: 30 Nov to 1 Mar = 1 (Dec 1) + 30 + 31 + 28 + 1 = 91; longest:
     * 1 Nov to 1 Mar = 91 + 29 = 120. Window 90: before, certain; 100:
     * possibly concurrent; 120: concurrent. */
    range_is(p, "C1", "pembrolizumab", 90, 91, 120, LDRT_TIMING_BEFORE, 1);
    range_is(p, "C1", "pembrolizumab", 100, 91, 120, LDRT_TIMING_CONCURRENT, 0);
    range_is(p, "C1", "pembrolizumab", 120, 91, 120, LDRT_TIMING_CONCURRENT, 1);
    /* Exact dates collapse: avelumab 2023-03-10, 8 days after 03-02. */
    range_is(p, "C1", "avelumab", 90, 8, 8, LDRT_TIMING_CONCURRENT, 1);
    range_is(p, "C1", "avelumab", 7, 8, 8, LDRT_TIMING_AFTER, 1);
    /* Two administrations, January 2023 and 2023-04-15: the nearest is at
     * least min(1 Mar - 31 Jan = 29, 15 Apr - 2 Mar = 44) = 29 days and at most
     * min(1 Mar - 1 Jan = 59, 44) = 44 days. */
    range_is(p, "C1", "atezolizumab", 30, 29, 44, LDRT_TIMING_CONCURRENT, 0);
    range_is(p, "C1", "atezolizumab", 28, 29, 44, LDRT_TIMING_BEFORE_AND_AFTER, 1);
    /* C2, every fraction in February 2023 (28 days); nivolumab 2023-03-31:
     * 31 Mar - 28 Feb = 31 at least, 31 Mar - 1 Feb = 58 at most (the course
     * can be a single day, 1 Feb). */
    range_is(p, "C2", "nivolumab", 30, 31, 58, LDRT_TIMING_AFTER, 1);
    range_is(p, "C2", "nivolumab", 31, 31, 58, LDRT_TIMING_CONCURRENT, 0);
    range_is(p, "C2", "nivolumab", 58, 31, 58, LDRT_TIMING_CONCURRENT, 1);
    /* Durvalumab also in February 2023: it can fall during the course (0),
     * or 27 days from it at most (course on 1 Feb, dose on 28 Feb, or the
     * reverse). Window 0: possibly concurrent. */
    range_is(p, "C2", "durvalumab", 0, 0, 27, LDRT_TIMING_CONCURRENT, 0);
    range_is(p, "C2", "durvalumab", 27, 0, 27, LDRT_TIMING_CONCURRENT, 1);
    /* C3 in February 2024 (a leap year: 29 days); ipilimumab in January 2024:
     * 1 Feb - 31 Jan = 1 at least, 29 Feb - 1 Jan = 59 at most. */
    range_is(p, "C3", "ipilimumab", 90, 1, 59, LDRT_TIMING_CONCURRENT, 1);
    range_is(p, "C3", "ipilimumab", 58, 1, 59, LDRT_TIMING_CONCURRENT, 0);
    /* Never given. */
    range_is(p, "C3", "cemiplimab", 90, -1, -1, LDRT_TIMING_NOT_GIVEN, 1);
    /* Bad arguments change nothing. */
    const ldrt_course *c = NULL;
    int64_t lo = 5;
    tu_assert_ok(ldrt_patient_find_course(p, "C1", &c));
    tu_assert_error(ldrt_course_drug_timing_range(p, c, NULL, 90, &lo, NULL, NULL, NULL),
                    LDRT_EINVAL, "drug");
    tu_assert_error(ldrt_course_drug_timing_range(p, c, "x", -1, &lo, NULL, NULL, NULL),
                    LDRT_EINVAL, "window_days");
    tu_assert_error(ldrt_course_drug_timing_range(NULL, c, "x", 90, &lo, NULL, NULL, NULL),
                    LDRT_EINVAL, "patient");
    ck_assert_int_eq(lo, 5);
    ldrt_patient_free(p);
    /* The seed: ipilimumab's 4th cycle of the 2021 line (November 2021 + 63
     * days: 3 Jan to 1 Feb 2022) against the SBRT of May 2022 (1 to 31 May):
     * 1 May - 1 Feb = 89 to 31 May - 3 Jan = 148 days: possibly concurrent
     * within 90 days. */
    p = load_seed();
    range_is(p, "SBRT-2022", "ipilimumab", LDRT_ICI_WINDOW_DAYS, 89, 148, LDRT_TIMING_CONCURRENT, 0);
    /* The L-XRT (21 to 26 July 2023) and the rechallenge's 4th ipilimumab
     * cycle (April 2023 + 63 days: 3 Jun to 2 Jul): 21 Jul - 2 Jul = 19 to
     * 21 Jul - 3 Jun = 48 days: concurrent, certain. */
    range_is(p, "LXRT-2023", "ipilimumab", LDRT_ICI_WINDOW_DAYS, 19, 48, LDRT_TIMING_CONCURRENT, 1);
    ldrt_patient_free(p);
}
END_TEST

/* A series whose dates are not recorded can have had a dose on any day of
 * its span: the nearest distance starts at 0 when the course lies in the span,
 * and is at most the planned interval when the course lies where a dose came
 * every every_days (after the latest start, before the earliest end). */
static const char undated_doc[] =
    "{\"ldrt\": 1, \"patient\": {\"id\": \"u\"}, \"events\": ["
    " {\"type\": \"radiotherapy\", \"date\": \"2023-07-21\", \"course_id\": \"C1\","
    "  \"fractions\": [{\"date\": \"2023-07-21\", \"dose_gy\": 2}, {\"date\": \"2023-07-26\", \"dose_gy\": 2}]},"
    " {\"type\": \"systemic\", \"date\": \"2023-06-01\", \"agents\": [{\"drug\": \"pembrolizumab\"}],"
    "  \"repeat\": {\"every_days\": 21, \"count\": 10, \"dates\": \"unknown\"}},"
    " {\"type\": \"systemic\", \"date\": \"2023-01-01\", \"agents\": [{\"drug\": \"nivolumab\"}],"
    "  \"repeat\": {\"every_days\": 21, \"count\": 3, \"dates\": \"unknown\"}}"
    "]}";

START_TEST(timing_with_undated_series)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(undated_doc, sizeof undated_doc - 1, &p));
    /* Pembrolizumab from 2023-06-01, 10 doses every 21 days: the last no
     * earlier than 1 Jun + 9 x 21 = 189 days = 7 Dec 2023. The course (21 to
     * 26 Jul) lies inside [1 Jun, 7 Dec]: a dose may fall on its days (0),
     * and one came within 21 days of each of them (21). */
    range_is(p, "C1", "pembrolizumab", 90, 0, 21, LDRT_TIMING_CONCURRENT, 1);
    range_is(p, "C1", "pembrolizumab", 20, 0, 21, LDRT_TIMING_CONCURRENT, 0);
    /* Nivolumab from 2023-01-01, 3 doses every 21 days: the span ends on
     * 1 Jan + 42 = 12 Feb. Nearest at least 12 Feb -> 21 Jul = 17 (to Mar 1)
     * + 31 + 30 + 31 + 30 + 20 = 159 days; at most 1 Jan -> 26 Jul = 31 + 28
     * + 31 + 30 + 31 + 30 + 25 = 206 days. */
    range_is(p, "C1", "nivolumab", 90, 159, 206, LDRT_TIMING_BEFORE, 1);
    /* The single-value form agrees: 0 and 0 for the series that spans the
     * course, 159 days before it for the other. */
    const ldrt_course *c = NULL;
    int64_t since = -7, until = -7;
    ldrt_drug_timing t;
    tu_assert_ok(ldrt_patient_find_course(p, "C1", &c));
    tu_assert_ok(ldrt_course_drug_timing(p, c, "pembrolizumab", 90, &since, &until, &t));
    ck_assert_int_eq(since, 0);
    ck_assert_int_eq(until, 0);
    ck_assert_int_eq(t, LDRT_TIMING_CONCURRENT);
    tu_assert_ok(ldrt_course_drug_timing(p, c, "nivolumab", 90, &since, &until, &t));
    ck_assert_int_eq(since, 159);
    ck_assert_int_eq(until, -1);
    ck_assert_int_eq(t, LDRT_TIMING_BEFORE);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(built_lesion_recovery_and_unequal)
{
    struct rec r;
    build(&r);
    double total, bed, eqd2;
    size_t nc;
    /* L1 at ab 10: BED_A = 36 (1 + 12/10) = 79.2, BED_C = 10 (1 + 0.2) = 12.
     * No recovery: 91.2, EQD2 91.2/1.2 = 76. Fixed recovery: the gap from
     * 2023-03-03 to 2024-03-04 is 367 days = 12.06 months -> r = 0.5:
     * 79.2 * 0.5 + 12 = 51.6, EQD2 43. Physical 46 either way. */
    tu_assert_ok(ldrt_lesion_dose(r.p, r.l1, 10, LDRT_RECOVERY_NONE, &total, &bed, &eqd2, &nc));
    ASSERT_NEAR(total, 46, 1e-12); ASSERT_NEAR(bed, 91.2, 1e-9); ASSERT_NEAR(eqd2, 76, 1e-9);
    ck_assert_uint_eq(nc, 2);
    tu_assert_ok(ldrt_lesion_dose(r.p, r.l1, 10, LDRT_RECOVERY_FIXED, &total, &bed, &eqd2, &nc));
    ASSERT_NEAR(total, 46, 1e-12); ASSERT_NEAR(bed, 51.6, 1e-9); ASSERT_NEAR(eqd2, 43, 1e-9);
    /* Unequal course 3 + 1 Gy at ab 10: BED = 3 (1.3) + 1 (1.1) = 5.0, EQD2 5/1.2.
     * Its mean is 2 Gy/fx, but one fraction exceeds 2 Gy: not the seed L-XRT rule;
     * total 4 Gy is Menon low dose; mean 2 Gy is conventional, which comes first. */
    tu_assert_ok(ldrt_course_dose(ldrt_event_as_course(r.u), 10, &total, &bed, &eqd2));
    ASSERT_NEAR(total, 4, 1e-12); ASSERT_NEAR(bed, 5.0, 1e-12); ASSERT_NEAR(eqd2, 5.0 / 1.2, 1e-12);
    ldrt_regimen reg;
    unsigned rules;
    tu_assert_ok(ldrt_course_classify(ldrt_event_as_course(r.u), &reg, &rules));
    ck_assert_int_eq(reg, LDRT_REGIMEN_CONVENTIONAL);
    ck_assert_uint_eq(rules, LDRT_REGIMEN_RULE_LOW_DOSE_MENON | LDRT_REGIMEN_RULE_CONVENTIONAL);
    /* Repopulation over T = 2 days (full dates): 79.2 - ln2 * 2 / (0.35 * 3). */
    double bmin, bmax;
    tu_assert_ok(ldrt_course_bed_repop(ldrt_event_as_course(r.a), 10, 0, 0.35, 3, &bmin, &bmax));
    ASSERT_NEAR(bmin, 79.2 - log(2.0) * 2 / 1.05, 1e-9);
    ASSERT_NEAR(bmax, bmin, 1e-12);
    ldrt_patient_free(r.p);
}
END_TEST

START_TEST(built_radscopal_and_timing)
{
    struct rec r;
    build(&r);
    const ldrt_course **hi, **lo;
    size_t n;
    /* H-XRT ends 2023-03-03, L-XRT starts 2023-03-06: 3 days apart. */
    tu_assert_ok(ldrt_patient_radscopal(r.p, 3, &hi, &lo, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_eq(hi[0], r.a);
    ck_assert_ptr_eq(lo[0], r.b);
    ldrt_free(hi);
    ldrt_free(lo);
    tu_assert_ok(ldrt_patient_radscopal(r.p, 2, &hi, &lo, &n));
    ck_assert_uint_eq(n, 0);
    /* Pembrolizumab vs course A (2023-03-01..03): previous 2023-01-01 is 59 days before
     * (Jan 31 + Feb 28 = 59), next 2023-06-30 is 119 days after the last fraction
     * (28 + 30 + 31 + 30 = 119). Window 90: concurrent; 30: before and after. */
    int64_t since, until;
    ldrt_drug_timing t;
    tu_assert_ok(ldrt_course_drug_timing(r.p, ldrt_event_as_course(r.a), "pembrolizumab", 90, &since, &until, &t));
    ck_assert_int_eq(since, 59);
    ck_assert_int_eq(until, 119);
    ck_assert_int_eq(t, LDRT_TIMING_CONCURRENT);
    tu_assert_ok(ldrt_course_drug_timing(r.p, ldrt_event_as_course(r.a), "pembrolizumab", 30, NULL, NULL, &t));
    ck_assert_int_eq(t, LDRT_TIMING_BEFORE_AND_AFTER);
    /* Window 59 exactly: concurrent (inclusive); 58: not. */
    tu_assert_ok(ldrt_course_drug_timing(r.p, ldrt_event_as_course(r.a), "pembrolizumab", 59, NULL, NULL, &t));
    ck_assert_int_eq(t, LDRT_TIMING_CONCURRENT);
    tu_assert_ok(ldrt_course_drug_timing(r.p, ldrt_event_as_course(r.a), "pembrolizumab", 58, NULL, NULL, &t));
    ck_assert_int_eq(t, LDRT_TIMING_BEFORE_AND_AFTER);
    /* Course C (2024-03) comes after every administration. */
    tu_assert_ok(ldrt_course_drug_timing(r.p, ldrt_event_as_course(r.c), "pembrolizumab", 30, &since, &until, &t));
    ck_assert_int_eq(t, LDRT_TIMING_BEFORE);
    ck_assert_int_eq(until, -1);
    ldrt_patient_free(r.p);
}
END_TEST

START_TEST(course_dose_errors)
{
    struct rec r;
    build(&r);
    double v = 42;
    ldrt_event *note, *empty;
    tu_assert_ok(ldrt_patient_add_event(r.p, LDRT_EVENT_NOTE, D("2023-01-02"), &note));
    tu_assert_ok(ldrt_patient_add_event(r.p, LDRT_EVENT_RADIOTHERAPY, D("2023-01-02"), &empty));
    tu_assert_error(ldrt_course_dose(NULL, 10, &v, NULL, NULL), LDRT_EINVAL, "course");
    tu_assert_error(ldrt_course_dose(ldrt_event_as_course(note), 10, &v, NULL, NULL), LDRT_EINVAL, "course");
    tu_assert_error(ldrt_course_dose(ldrt_event_as_course(empty), 10, &v, NULL, NULL), LDRT_ENOTFOUND, "no fractions");
    tu_assert_error(ldrt_course_dose(ldrt_event_as_course(r.a), 0, &v, NULL, NULL), LDRT_EINVAL, "alpha_beta_gy");
    tu_assert_error(ldrt_course_bed_repop(ldrt_event_as_course(r.a), 10, -1, 0.35, 3, &v, NULL), LDRT_EINVAL, "kickoff_days");
    tu_assert_error(ldrt_course_bed_repop(ldrt_event_as_course(r.a), 10, 0, 0.35, 0, &v, NULL), LDRT_EINVAL, "tpot_days");
    tu_assert_error(ldrt_course_classify(ldrt_event_as_course(empty), NULL, NULL), LDRT_ENOTFOUND, "no fractions");
    ldrt_patient *other;
    ldrt_lesion *ol;
    tu_assert_ok(ldrt_patient_new("other", &other));
    tu_assert_ok(ldrt_patient_add_lesion(other, "L1", &ol));
    tu_assert_error(ldrt_lesion_dose(r.p, ol, 10, 0, &v, NULL, NULL, NULL), LDRT_ENOTFOUND, "lesion");
    tu_assert_error(ldrt_lesion_dose(r.p, r.l1, 10, 7, &v, NULL, NULL, NULL), LDRT_EINVAL, "recovery");
    tu_assert_error(ldrt_lesion_dose(r.p, r.l1, -1, 0, &v, NULL, NULL, NULL), LDRT_EINVAL, "alpha_beta_gy");
    tu_assert_error(ldrt_lesion_dose(NULL, r.l1, 10, 0, &v, NULL, NULL, NULL), LDRT_EINVAL, "patient");
    const ldrt_course **hi, **lo;
    size_t n;
    tu_assert_error(ldrt_patient_radscopal(r.p, -1, &hi, &lo, &n), LDRT_EINVAL, "window_days");
    tu_assert_error(ldrt_patient_radscopal(r.p, 3, NULL, &lo, &n), LDRT_EINVAL, "high");
    int64_t s;
    tu_assert_error(ldrt_course_drug_timing(r.p, ldrt_event_as_course(r.a), NULL, 90, &s, NULL, NULL), LDRT_EINVAL, "drug");
    tu_assert_error(ldrt_course_drug_timing(r.p, ldrt_event_as_course(r.a), "x", -1, &s, NULL, NULL), LDRT_EINVAL, "window_days");
    tu_assert_error(ldrt_course_drug_timing(other, ldrt_event_as_course(r.a), "x", 1, &s, NULL, NULL), LDRT_EINVAL, "course");
    ck_assert(v == 42);
    ldrt_patient_free(other);
    ldrt_patient_free(r.p);
}
END_TEST

struct rs_job {
    ldrt_patient *p;
    const ldrt_course *course;
    const ldrt_course **hi, **lo;
    size_t n;
};

/* RadScopal (allocates the pair arrays) and drug timing (allocates the
 * administrations list) under allocation failure. */
static int rs_run(void *arg)
{
    struct rs_job *j = arg;
    int rc = ldrt_patient_radscopal(j->p, 3, &j->hi, &j->lo, &j->n);
    if (rc) return rc;
    int64_t s;
    rc = ldrt_course_drug_timing(j->p, ldrt_event_as_course(ldrt_course_as_event(j->course)), "pembrolizumab", 90, &s, NULL, NULL);
    if (rc) {
        ldrt_free(j->hi);
        ldrt_free(j->lo);
        j->hi = j->lo = NULL;
    }
    return rc;
}

static void rs_clean(void *arg)
{
    struct rs_job *j = arg;
    ldrt_free(j->hi);
    ldrt_free(j->lo);
    j->hi = j->lo = NULL;
}

START_TEST(course_dose_allocation_failures)
{
    struct rec r;
    build(&r);
    struct rs_job j = { r.p, ldrt_event_as_course(r.a), NULL, NULL, 0 };
    tu_alloc_install();
    long n = tu_alloc_fail_each(rs_run, rs_clean, &j);
    tu_alloc_uninstall();
    ck_assert_int_ge(n, 3); /* two pair arrays and the administrations list */
    ldrt_patient_free(r.p);
}
END_TEST

/* The ldrt command: LDRT_BIN, else the regular build's bin/ldrt (the
 * sanitizer tree builds the tests only), else NULL. */
static const char *cli_path(void)
{
    const char *bin = getenv("LDRT_BIN");
    if (bin && access(bin, X_OK) == 0) return bin;
    if (access("bin/ldrt", X_OK) == 0) return "bin/ldrt";
    return NULL;
}

/* Runs the ldrt command and captures stdout; returns the exit status. */
static int run_cli(const char *args, char *out, size_t size)
{
    const char *bin = cli_path();
    ck_assert_ptr_nonnull(bin);
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s 2>/dev/null", bin, args);
    FILE *f = popen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    int st = pclose(f);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

START_TEST(cli_dose)
{
    char out[8192], args[1024];
    if (cli_path() == NULL) {
        fprintf(stderr, "cli_dose: no ldrt command built; skipped\n");
        return;
    }
    /* 10 Gy / 5 at ab 10: BED 12, EQD2 10 (hand). */
    ck_assert_int_eq(run_cli("dose --total 10 --fractions 5 --ab 10 --format json", out, sizeof out), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"bed_gy\": 12,"));
    ck_assert_ptr_nonnull(strstr(out, "\"eqd2_gy\": 10,"));
    ck_assert_ptr_nonnull(strstr(out, "\"regimen\": \"low-dose\""));
    /* LQ-L 60/3, ab 10, dT 6: BED 121.2, EQD2 101 (reference vectors). */
    ck_assert_int_eq(run_cli("dose --total 60 --fractions 3 --ab 10 --model lql --transition 6", out,
                             sizeof out), 0);
    ck_assert_ptr_nonnull(strstr(out, "BED:      121.200 Gy"));
    ck_assert_ptr_nonnull(strstr(out, "EQD2:     101.000 Gy"));
    /* USC 54/3 with the H460 parameters: BED 117.818, EQD2 95.598, SFED 50.4 (reference). */
    ck_assert_int_eq(run_cli("dose --total 54 --fractions 3 --model usc --alpha 0.33 --d0 1.25 "
                             "--dq 1.8", out, sizeof out), 0);
    ck_assert_ptr_nonnull(strstr(out, "BED:      117.818 Gy"));
    ck_assert_ptr_nonnull(strstr(out, "EQD2:     95.598 Gy"));
    ck_assert_ptr_nonnull(strstr(out, "SFED:     50.400 Gy"));
    ck_assert_int_eq(run_cli("dose --total 54 --fractions 3 --model usc --alpha 0.33", out,
                             sizeof out), 2);
    ck_assert_int_eq(run_cli("dose --total 40 --fractions 5 --preset melanoma", out, sizeof out), 0);
    ck_assert_ptr_nonnull(strstr(out, "EQD2:     132.308 Gy"));
    ck_assert_int_eq(run_cli("dose --list-presets --format json", out, sizeof out), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"name\": \"melanoma\""));
    /* Failures: nothing on stdout; 1 for invalid input, 2 for usage. */
    ck_assert_int_eq(run_cli("dose --total 10 --fractions 5 --ab -3", out, sizeof out), 1);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(run_cli("dose --total 10 --fractions 5", out, sizeof out), 2);
    ck_assert_str_eq(out, "");
    ck_assert_int_eq(run_cli("dose --total 10 --fractions 5 --ab 3 --model lql", out, sizeof out), 2);
    ck_assert_int_eq(run_cli("dose --bogus", out, sizeof out), 2);
    ck_assert_int_eq(run_cli("dose --help", out, sizeof out), 0);
    ck_assert_ptr_nonnull(strstr(out, "Examples:"));
    /* The patient table of the seed case. */
    snprintf(args, sizeof args, "dose %s --ab 10 --ab 3 --radscopal-window 600 --format json",
             tu_example_path("case-fong-2025.json"));
    ck_assert_int_eq(run_cli(args, out, sizeof out), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"course\": \"SBRT-2022\""));
    ck_assert_ptr_nonnull(strstr(out, "\"eqd2_gy\": [60, 88]"));
    ck_assert_ptr_nonnull(strstr(out, "\"eqd2_gy\": [10, 10]"));
    ck_assert_ptr_nonnull(strstr(out, "\"high\": \"SBRT-2022\", \"low\": \"LXRT-2023\""));
    ck_assert_int_eq(run_cli("dose /nonexistent/case.json", out, sizeof out), 1);
    ck_assert_str_eq(out, "");
}
END_TEST

static Suite *course_suite(void)
{
    Suite *s = suite_create("course-dose");
    TCase *tc = tcase_create("seed");
    tcase_add_test(tc, seed_course_doses);
    tcase_add_test(tc, seed_radscopal_and_timing);
    suite_add_tcase(s, tc);
    tc = tcase_create("built");
    tcase_add_test(tc, built_lesion_recovery_and_unequal);
    tcase_add_test(tc, built_radscopal_and_timing);
    tcase_add_test(tc, timing_range_hand_computed);
    tcase_add_test(tc, timing_with_undated_series);
    tcase_add_test(tc, course_dose_errors);
    tcase_add_test(tc, course_dose_allocation_failures);
    suite_add_tcase(s, tc);
    tc = tcase_create("cli");
    tcase_add_test(tc, cli_dose);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(course_suite)
