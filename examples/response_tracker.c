/*
 * response_tracker: a patient built scan by scan through the API (no JSON),
 * with the tumour response re-assessed each time a scan is recorded, the
 * way a trial or a clinic follows a patient on immunotherapy plus low-dose
 * radiotherapy.
 *
 * The patient is invented for the example. Three measurable lesions at
 * baseline (sum 75 mm); pembrolizumab every 3 weeks; 10 Gy in 5 daily
 * fractions to lung lesion L1 only. The first follow-up scan shows growth
 * (+22.7%, +17 mm: RECIST progression) that later shrinks: the pattern of
 * pseudo-progression that iRECIST was written for (Seymour et al., Lancet
 * Oncol 2017). The lesions outside the radiotherapy field shrink too: an
 * abscopal response.
 *
 * It prints, after each scan, the RECIST 1.1 and iRECIST answer with its
 * reason; then the best overall responses, each lesion's response to the
 * course, and the spider plot as SVG on request:
 *
 *   response_tracker [spider.svg]
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldrt.h>

#define CHECK(call)                                                                 \
    do {                                                                            \
        if ((call) != LDRT_OK) {                                                    \
            fprintf(stderr, "response_tracker: %s: %s\n", #call, ldrt_last_error()); \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

static ldrt_date day(const char *iso)
{
    ldrt_date d;
    CHECK(ldrt_date_parse(iso, &d));
    return d;
}

/* One scan: date and the three diameters in mm. */
struct scan {
    const char *date;
    double l1, l2, h1;
};

static const struct scan scans[] = {
    { "2024-01-08", 30, 20, 25 }, /* baseline: sum 75 mm */
    { "2024-03-04", 36, 26, 30 }, /* 92 mm: +22.7% and +17 mm */
    { "2024-04-08", 20, 15, 18 }, /* 53 mm: -29.3%, short of a response */
    { "2024-06-03", 10, 12, 14 }, /* 36 mm: -52.0% */
    { "2024-07-15", 8, 11, 12 },  /* 31 mm: -58.7%, 6 weeks later */
};

/* The answer of criteria for the last scan recorded. */
static void latest(const ldrt_patient *p, int criteria)
{
    ldrt_assessment *a;
    CHECK(ldrt_patient_assess(p, criteria, NULL, &a));
    size_t n = ldrt_assessment_timepoint_count(a);
    ldrt_response overall;
    CHECK(ldrt_assessment_overall(a, n - 1, &overall));
    const char *label = ldrt_response_label_name(overall);
    printf("    %-10s %-9s %s\n", ldrt_criteria_name(criteria), *label ? label : "baseline",
           ldrt_assessment_reason(a, n - 1));
    ldrt_assessment_free(a);
}

static const char *best(const ldrt_patient *p, int criteria, int confirmed)
{
    ldrt_assessment *a;
    ldrt_response label;
    CHECK(ldrt_patient_assess(p, criteria, NULL, &a));
    CHECK(ldrt_assessment_best(a, confirmed, &label));
    printf("  %-10s best overall response%s: %s (%s)\n", ldrt_criteria_name(criteria),
           confirmed ? ", confirmed" : "", ldrt_response_label_name(label),
           ldrt_assessment_best_reason(a, confirmed));
    ldrt_assessment_free(a);
    return ldrt_response_label_name(label);
}

int main(int argc, char **argv)
{
    ldrt_patient *p;
    CHECK(ldrt_patient_new("tracker-demo", &p));
    static const struct { const char *id, *site, *organ; } lesions[] = {
        { "L1", "right upper lobe", "lung" },
        { "L2", "left lower lobe", "lung" },
        { "H1", "liver segment VII", "liver" },
    };
    for (size_t i = 0; i < 3; i++) {
        ldrt_lesion *l;
        CHECK(ldrt_patient_add_lesion(p, lesions[i].id, &l));
        CHECK(ldrt_lesion_set_site(l, lesions[i].site));
        CHECK(ldrt_lesion_set_organ(l, lesions[i].organ));
        CHECK(ldrt_lesion_set_category(l, LDRT_ROLE_TARGET));
    }
    ldrt_event *e;
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, day("2024-01-10"), &e));
    CHECK(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), "pembrolizumab", 200, "mg"));
    CHECK(ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(e), 1));
    CHECK(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(e), 21, 10));
    ldrt_event *course;
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, day("2024-01-15"), &course));
    CHECK(ldrt_event_set_text(course, LDRT_FIELD_COURSE_ID, "LDRT-L1"));
    CHECK(ldrt_course_add_target(ldrt_event_as_course_mut(course), "L1"));
    CHECK(ldrt_course_set_prescription(ldrt_event_as_course_mut(course), 10, 5, LDRT_SCHEDULE_DAILY));

    printf("Scans of %s as they are recorded (baseline sum 75 mm):\n", ldrt_patient_id(p));
    for (size_t s = 0; s < sizeof scans / sizeof scans[0]; s++) {
        CHECK(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, day(scans[s].date), &e));
        CHECK(ldrt_event_set_text(e, LDRT_FIELD_MODALITY, "CT"));
        if (s == 0)
            CHECK(ldrt_scan_set_baseline(ldrt_event_as_scan_mut(e), 1));
        else
            CHECK(ldrt_scan_set_new_lesions_reported(ldrt_event_as_scan_mut(e), 1)); /* none seen */
        CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(e), "L1", scans[s].l1, 0));
        CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(e), "L2", scans[s].l2, 0));
        CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(e), "H1", scans[s].h1, 0));
        printf("  %s: L1 %g, L2 %g, H1 %g mm\n", scans[s].date, scans[s].l1, scans[s].l2,
               scans[s].h1);
        latest(p, LDRT_CRITERIA_RECIST11);
        latest(p, LDRT_CRITERIA_IRECIST);
    }

    printf("\nBest overall response:\n");
    const char *recist = best(p, LDRT_CRITERIA_RECIST11, 1);
    const char *irecist = best(p, LDRT_CRITERIA_IRECIST, 1);

    printf("\nEach lesion against the low-dose course (10 Gy in 5 fractions to L1):\n");
    ldrt_course_response *cr;
    CHECK(ldrt_patient_course_response(p, ldrt_event_as_course(course), NULL, &cr));
    for (size_t i = 0; i < ldrt_course_response_count(cr); i++) {
        const ldrt_lesion *l;
        int in_field, responded;
        double before, after, pct;
        CHECK(ldrt_course_response_lesion(cr, i, &l, &in_field, &before, &after, &pct, &responded,
                                          NULL));
        printf("  %s (%s, %s): %g -> %g mm, %+.1f%%%s\n", ldrt_lesion_id(l), ldrt_lesion_site(l),
               in_field ? "in field" : "out of field", before, after, pct,
               responded ? (in_field ? ", responded" : ", abscopal response") : "");
    }
    size_t abscopal = ldrt_course_response_abscopal_count(cr);
    printf("  abscopal responses: %zu\n", abscopal);
    ldrt_course_response_free(cr);

    if (argc > 1) {
        CHECK(ldrt_plot_save_svg(p, LDRT_PLOT_SPIDER, argv[1]));
        printf("\nspider plot written to %s\n", argv[1]);
    }

    /* The story the numbers tell (hand-checked): RECIST 1.1 stops at the
     * progression of March (+22.7% and +17 mm over the 75 mm nadir); iRECIST
     * keeps it unconfirmed (iUPD), the next scan resets it, and the response
     * of June is confirmed in July (-52.0%, then -58.7%); both lesions out of
     * the field fell by more than 30% (L2 -45%, H1 -52%). */
    int ok = strcmp(recist, "PD") == 0 && strcmp(irecist, "iPR") == 0 && abscopal == 2;
    ldrt_patient_free(p);
    if (!ok) {
        fprintf(stderr, "response_tracker: the assessment differs from the hand-checked story\n");
        return 1;
    }
    return 0;
}
