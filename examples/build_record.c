/*
 * build_record: a patient record built through the API, without JSON, as
 * hospital software would: the low-dose radiotherapy of the seed case
 * (Fong, Ho & So, Front. Oncol. 2025;15:1483117, CC BY 4.0) and the scans
 * around it. Prints the timeline, what the library derives from the course,
 * how a bad input is refused, and the record as a document.
 *
 *   cc build_record.c -lldrt -o build_record && ./build_record
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>

#include <ldrt.h>

/* Stops with the library's message when a call fails. */
#define CHECK(call)                                                          \
    do {                                                                     \
        if ((call) != LDRT_OK) {                                             \
            fprintf(stderr, "build_record: %s: %s\n", #call, ldrt_last_error()); \
            ldrt_patient_free(p);                                            \
            return 1;                                                        \
        }                                                                    \
    } while (0)

int main(void)
{
    ldrt_patient *p = NULL;
    ldrt_event *e;
    CHECK(ldrt_patient_new("lxrt-example", &p));
    CHECK(ldrt_patient_set_sex(p, "male"));

    /* The 2.2 cm mesenteric nodule is the target lesion. */
    ldrt_lesion *t1;
    CHECK(ldrt_patient_add_lesion(p, "T1", &t1));
    CHECK(ldrt_lesion_set_site(t1, "mesentery"));
    CHECK(ldrt_lesion_set_organ(t1, "peritoneum"));
    CHECK(ldrt_lesion_set_nodal(t1, 0));
    CHECK(ldrt_lesion_set_category(t1, LDRT_ROLE_TARGET));

    /* Pembrolizumab rechallenge with ipilimumab 75 mg every 3 weeks x 4 from
     * April 2023 (the day is not known: the date stays month-level). */
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, 20230400, &e));
    CHECK(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), "ipilimumab", 75, "mg"));
    CHECK(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), "pembrolizumab", NAN, NULL)); /* dose not reported */
    CHECK(ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(e), 1));
    CHECK(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(e), 21, 4));

    /* Baseline PET/CT, July 2023: 22 mm. */
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, 20230700, &e));
    CHECK(ldrt_event_set_text(e, LDRT_FIELD_MODALITY, "PET/CT"));
    CHECK(ldrt_scan_set_baseline(ldrt_event_as_scan_mut(e), 1));
    CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(e), "T1", 22.0, 0));

    /* L-XRT: 10 Gy in 5 fractions from 21 to 26 July 2023, 2 cm margin. The
     * paper does not say which of 22-25 July was skipped: those three
     * fractions keep month precision. */
    ldrt_event *course;
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, 20230721, &course));
    CHECK(ldrt_event_set_text(course, LDRT_FIELD_COURSE_ID, "LXRT-2023"));
    CHECK(ldrt_event_set_end(course, 20230726));
    CHECK(ldrt_course_add_target(ldrt_event_as_course_mut(course), "T1"));
    CHECK(ldrt_course_set_margin_mm(ldrt_event_as_course_mut(course), 20));
    static const ldrt_date days[] = { 20230721, 20230700, 20230700, 20230700, 20230726 };
    for (int i = 0; i < 5; i++)
        CHECK(ldrt_course_add_fraction(ldrt_event_as_course_mut(course), days[i], 2.0, NULL));

    /* CT two months later: 14 mm, no new lesions. */
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, 20230900, &e));
    CHECK(ldrt_event_set_text(e, LDRT_FIELD_MODALITY, "CT"));
    CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(e), "T1", 14.0, 0));
    CHECK(ldrt_scan_set_new_lesions_reported(ldrt_event_as_scan_mut(e), 1));

    char *text;
    CHECK(ldrt_timeline_render(p, LDRT_TIMELINE_TEXT, &text, NULL));
    fputs(text, stdout);
    ldrt_free(text);

    /* What the library derives from the course. */
    double total, per;
    int64_t ott_min, ott_max;
    CHECK(ldrt_course_total_dose_gy(ldrt_event_as_course(course), &total));
    CHECK(ldrt_course_dose_per_fraction_gy(ldrt_event_as_course(course), &per, NULL));
    CHECK(ldrt_course_overall_days(ldrt_event_as_course(course), &ott_min, &ott_max));
    printf("\nLXRT-2023: %.1f Gy in %zu fractions of %.1f Gy, overall time %lld days\n", total,
           ldrt_course_fraction_count(ldrt_event_as_course(course)), per, (long long)ott_min);
    size_t n;
    ldrt_date first, last;
    CHECK(ldrt_patient_drug_summary(p, "ipilimumab", &first, &last, &n));
    printf("ipilimumab: %zu administrations, the first in %d-%02d\n", n, first / 10000,
           first / 100 % 100);

    /* A bad input is refused with a message, and the record is unchanged. */
    if (ldrt_course_add_fraction(ldrt_event_as_course_mut(course), 20230727, 2.0, NULL) != LDRT_OK)
        printf("refused: %s\n", ldrt_last_error());

    char *doc;
    CHECK(ldrt_patient_save_json_buffer(p, &doc, NULL));
    printf("\n%s", doc);
    ldrt_free(doc);
    ldrt_patient_free(p);
    return 0;
}
