/*
 * Tests of the record's vital status and follow-up (death, last contact,
 * new anticancer therapy), the endpoints that use them (overall survival,
 * progression-free time with death as an event, censoring at a new
 * therapy), and coded terms. Day counts are hand calculations written next
 * to each assertion (days from 2023-01-10, the baseline).
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "ldrt/io.h"
#include "ldrt/response.h"
#include "ldrt/pending_record.h"

/* ---- helpers ------------------------------------------------------------------ */

static ldrt_patient *load_text(const char *text)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(text, strlen(text), &p));
    return p;
}

static char *save_text(const ldrt_patient *p)
{
    char *out = NULL;
    size_t n = 0;
    tu_assert_ok(ldrt_patient_save_json_buffer(p, &out, &n));
    return out;
}

static void load_fails(const char *text, int code, const char *needle)
{
    ldrt_patient *p = NULL;
    tu_assert_error(ldrt_patient_load_json_buffer(text, strlen(text), &p), code, needle);
    ck_assert_ptr_null(p);
}

/* Recorded RECIST 1.1 responses at the given dates; the first is the baseline. */
static ldrt_assessment *recorded(size_t n, const ldrt_date *dates, const int32_t *labels)
{
    ldrt_assessment *a = NULL;
    tu_assert_ok(ldrt_assess_recorded(LDRT_CRITERIA_RECIST11, NULL, n, dates, labels, &a));
    return a;
}

static void endpoint_is(const ldrt_assessment *a, ldrt_endpoint e, int64_t days, int64_t dmin,
                        int64_t dmax, int censor, int death)
{
    int64_t d = -2, lo = -2, hi = -2;
    int c = -1, dd = -1;
    tu_assert_ok(ldrt_assessment_endpoint(a, e, &d, &c));
    tu_assert_ok(ldrt_assessment_endpoint_range(a, e, &lo, &hi));
    tu_assert_ok(ldrt_assessment_endpoint_death(a, e, &dd));
    ck_assert_msg(d == days && lo == dmin && hi == dmax && c == censor && dd == death,
                  "%s: got %lld [%lld, %lld] %s death=%d, want %lld [%lld, %lld] %s death=%d",
                  ldrt_endpoint_name(e), (long long)d, (long long)lo, (long long)hi,
                  ldrt_censor_name(c), dd, (long long)days, (long long)dmin, (long long)dmax,
                  ldrt_censor_name(censor), death);
}

/* ---- endpoints with follow-up ------------------------------------------------- */

START_TEST(progression_free_time_ends_at_death_without_progression)
{
    /* Baseline 2023-01-10, SD 2023-03-07 (day 56), SD 2023-05-02 (day 112),
     * death 2023-06-15 (day 156: 21 days left of January + 28 + 31 + 30 +
     * 31 + 15). */
    ldrt_date dates[] = { 20230110, 20230307, 20230502 };
    int32_t labels[] = { LDRT_RESPONSE_NONE, LDRT_RESPONSE_SD, LDRT_RESPONSE_SD };
    ldrt_assessment *a = recorded(3, dates, labels);
    /* Without follow-up: PFS censored at the last assessment, OS not applicable. */
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 112, 112, 112, LDRT_CENSOR_LAST_ASSESSMENT, 0);
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, -1, -1, -1, LDRT_CENSOR_NOT_APPLICABLE, 0);
    tu_assert_ok(ldrt_assessment_set_follow_up(a, 20230615, LDRT_DATE_NONE, LDRT_DATE_NONE));
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 156, 156, 156, LDRT_CENSOR_NONE, 1);
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, 156, 156, 156, LDRT_CENSOR_NONE, 1);
    /* The duration of SD counts progression only: censored at the last scan. */
    endpoint_is(a, LDRT_ENDPOINT_DURATION_OF_SD, 112, 112, 112, LDRT_CENSOR_LAST_ASSESSMENT, 0);
    /* A death known to the month, "2023-06": day 142 (June 1) to 171 (June 30). */
    tu_assert_ok(ldrt_assessment_set_follow_up(a, 20230600, LDRT_DATE_NONE, LDRT_DATE_NONE));
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 142, 142, 171, LDRT_CENSOR_NONE, 1);
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, 142, 142, 171, LDRT_CENSOR_NONE, 1);
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(progression_before_death_is_the_event)
{
    /* PD on 2023-05-02 (day 112), death 2023-06-15 (day 156). */
    ldrt_date dates[] = { 20230110, 20230307, 20230502 };
    int32_t labels[] = { LDRT_RESPONSE_NONE, LDRT_RESPONSE_SD, LDRT_RESPONSE_PD };
    ldrt_assessment *a = recorded(3, dates, labels);
    tu_assert_ok(ldrt_assessment_set_follow_up(a, 20230615, 20230502, LDRT_DATE_NONE));
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 112, 112, 112, LDRT_CENSOR_NONE, 0);
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, 156, 156, 156, LDRT_CENSOR_NONE, 1);
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(a_new_therapy_censors_the_tumour_endpoints)
{
    /* PR 2023-03-07 (day 56) confirmed by PR 2023-05-02 (day 112, 56 days
     * later >= 28); a new therapy from 2023-06-01; PD 2023-07-04 (day 175)
     * after it; death 2023-09-01 (day 234). FDA 2018 Table 3: new
     * anticancer treatment started -> censored at the last adequate
     * assessment before it, 2023-05-02. */
    ldrt_date dates[] = { 20230110, 20230307, 20230502, 20230704 };
    int32_t labels[] = { LDRT_RESPONSE_NONE, LDRT_RESPONSE_PR, LDRT_RESPONSE_PR, LDRT_RESPONSE_PD };
    ldrt_assessment *a = recorded(4, dates, labels);
    /* Without the new therapy, the PD is the event: 175 days. */
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 175, 175, 175, LDRT_CENSOR_NONE, 0);
    tu_assert_ok(ldrt_assessment_set_follow_up(a, 20230901, LDRT_DATE_NONE, 20230601));
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 112, 112, 112, LDRT_CENSOR_NEW_THERAPY, 0);
    /* Duration of response: 2023-03-07 to 2023-05-02, 56 days, censored. */
    endpoint_is(a, LDRT_ENDPOINT_DURATION_OF_RESPONSE, 56, 56, 56, LDRT_CENSOR_NEW_THERAPY, 0);
    endpoint_is(a, LDRT_ENDPOINT_TIME_TO_RESPONSE, 56, 56, 56, LDRT_CENSOR_NONE, 0);
    /* Overall survival is not censored at a new therapy: death on day 234. */
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, 234, 234, 234, LDRT_CENSOR_NONE, 1);
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(overall_survival_is_censored_when_last_known_alive)
{
    /* Alive in "2023-10": day 264 (October 1) to 294 (October 31). */
    ldrt_date dates[] = { 20230110, 20230307 };
    int32_t labels[] = { LDRT_RESPONSE_NONE, LDRT_RESPONSE_SD };
    ldrt_assessment *a = recorded(2, dates, labels);
    tu_assert_ok(ldrt_assessment_set_follow_up(a, LDRT_DATE_NONE, 20231000, LDRT_DATE_NONE));
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, 264, 264, 294, LDRT_CENSOR_LAST_KNOWN_ALIVE, 0);
    /* PFS keeps its censoring at the last assessment (day 56). */
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 56, 56, 56, LDRT_CENSOR_LAST_ASSESSMENT, 0);
    ck_assert_str_eq(ldrt_endpoint_name(LDRT_ENDPOINT_OVERALL_SURVIVAL), "overall_survival");
    ck_assert_str_eq(ldrt_censor_name(LDRT_CENSOR_LAST_KNOWN_ALIVE), "last known alive");
    ck_assert_str_eq(ldrt_censor_name(LDRT_CENSOR_NEW_THERAPY), "new therapy");
    ldrt_assessment_free(a);
}
END_TEST

START_TEST(follow_up_dates_are_checked)
{
    ldrt_date dates[] = { 20230110, 20230307 };
    int32_t labels[] = { LDRT_RESPONSE_NONE, LDRT_RESPONSE_SD };
    ldrt_assessment *a = recorded(2, dates, labels);
    tu_assert_error(ldrt_assessment_set_follow_up(a, 20230200, LDRT_DATE_NONE, LDRT_DATE_NONE),
                    LDRT_EINVAL, "death: 2023-02 is before the time point of 2023-03-07");
    tu_assert_error(ldrt_assessment_set_follow_up(a, 20230400, 20230501, LDRT_DATE_NONE),
                    LDRT_EINVAL, "death: 2023-04 is before the date last known alive 2023-05-01");
    tu_assert_error(ldrt_assessment_set_follow_up(a, 20231345, LDRT_DATE_NONE, LDRT_DATE_NONE),
                    LDRT_EINVAL, "death");
    tu_assert_error(ldrt_assessment_set_follow_up(NULL, 0, 0, 0), LDRT_EINVAL, "a");
    /* Nothing changed. */
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, -1, -1, -1, LDRT_CENSOR_NOT_APPLICABLE, 0);
    ldrt_assessment_free(a);
}
END_TEST

/* ---- vital status in the record --------------------------------------------- */

static const char vital_doc[] =
    "{\n"
    "  \"ldrt\": 1,\n"
    "  \"patient\": {\n"
    "    \"id\": \"p1\",\n"
    "    \"birth_date\": \"1958\",\n"
    "    \"death_date\": \"2023-09\",\n"
    "    \"death_cause\": \"progressive melanoma\",\n"
    "    \"last_contact\": \"2023-08-20\"\n"
    "  },\n"
    "  \"events\": [\n"
    "    {\"type\": \"imaging\", \"date\": \"2023-01-10\", \"modality\": \"CT\"},\n"
    "    {\"type\": \"systemic\", \"date\": \"2023-06-01\", \"new_therapy\": true},\n"
    "    {\"type\": \"surgery\", \"date\": \"2023-06-20\", \"new_therapy\": false}\n"
    "  ]\n"
    "}\n";

START_TEST(vital_status_round_trips)
{
    ldrt_patient *p = load_text(vital_doc);
    ldrt_date d;
    tu_assert_ok(ldrt_patient_death_date(p, &d));
    ck_assert_int_eq(d, 20230900);
    ck_assert_str_eq(ldrt_patient_death_cause(p), "progressive melanoma");
    tu_assert_ok(ldrt_patient_last_contact(p, &d));
    ck_assert_int_eq(d, 20230820);
    tu_assert_ok(ldrt_patient_last_known_alive(p, &d));
    ck_assert_int_eq(d, 20230820);
    int flag = -1;
    tu_assert_ok(ldrt_event_new_therapy(ldrt_patient_event_at(p, 1), &flag));
    ck_assert_int_eq(flag, 1);
    tu_assert_ok(ldrt_event_new_therapy(ldrt_patient_event_at(p, 2), &flag));
    ck_assert_int_eq(flag, 0);
    tu_assert_ok(ldrt_event_new_therapy(ldrt_patient_event_at(p, 0), &flag));
    ck_assert_int_eq(flag, 0);
    char *out = save_text(p);
    ck_assert_str_eq(out, vital_doc);
    free(out);
    tu_assert_ok(ldrt_patient_check_dates(p));
    ldrt_patient_free(p);
}
END_TEST

START_TEST(vital_status_errors_name_the_field)
{
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"birth_date\": \"1958\", "
               "\"death_date\": \"1950\"}, \"events\": []}",
               LDRT_EINVAL, "patient.death_date: 1950 is before the birth_date 1958");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"death_date\": \"2023-05\"}, "
               "\"events\": [{\"type\": \"imaging\", \"date\": \"2023-07-21\"}]}",
               LDRT_EINVAL, "patient.death_date: 2023-05 is before the imaging of 2023-07-21");
    /* The administrations of a series count: 2023-05-01 + 3 x 21 days = 2023-07-03. */
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"death_date\": \"2023-06-30\"}, "
               "\"events\": [{\"type\": \"systemic\", \"date\": \"2023-05-01\", "
               "\"repeat\": {\"every_days\": 21, \"count\": 4}}]}",
               LDRT_EINVAL, "patient.death_date: 2023-06-30 is before administration 4 of the "
                            "systemic series of 2023-05-01");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"death_cause\": \"x\"}, \"events\": []}",
               LDRT_EINVAL, "patient.death_cause: given without a death_date");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"death_date\": \"2023-05\", "
               "\"last_contact\": \"2023-06-02\"}, \"events\": []}",
               LDRT_EINVAL, "patient.death_date: 2023-05 is before the last_contact 2023-06-02");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"birth_date\": \"1958\", "
               "\"last_contact\": \"1957\"}, \"events\": []}",
               LDRT_EINVAL, "patient.last_contact: 1957 is before the birth_date 1958");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"death_date\": \"2023-13\"}, "
               "\"events\": []}",
               LDRT_EPARSE, "patient.death_date: date \"2023-13\": month 13");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [{\"type\": \"imaging\", "
               "\"date\": \"2023-07-21\", \"new_therapy\": true}]}",
               LDRT_EINVAL, "events[0].new_therapy: not a field of imaging events");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [{\"type\": \"systemic\", "
               "\"date\": \"2023-07-21\", \"new_therapy\": 1}]}",
               LDRT_EINVAL, "events[0].new_therapy: must be true or false");
    /* Same-month dates may be the same day: not an error. */
    ldrt_patient *p = load_text("{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"death_date\": "
                                "\"2023-07\"}, \"events\": [{\"type\": \"imaging\", \"date\": "
                                "\"2023-07-21\"}]}");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(vital_setters_check_the_record)
{
    ldrt_patient *p = load_text(vital_doc);
    tu_assert_error(ldrt_patient_set_death_date(p, 20230810), LDRT_EINVAL,
                    "death_date: 2023-08-10 is before the last_contact 2023-08-20");
    tu_assert_error(ldrt_patient_set_death_date(p, LDRT_DATE_NONE), LDRT_EINVAL,
                    "death_date: the death_cause needs it");
    tu_assert_error(ldrt_patient_set_last_contact(p, 20231001), LDRT_EINVAL,
                    "last_contact: 2023-10-01 is after the death_date 2023-09");
    tu_assert_error(ldrt_patient_set_birth_date(p, 20240000), LDRT_EINVAL,
                    "birth_date: 2024 is after the death_date 2023-09");
    ldrt_date d;
    tu_assert_ok(ldrt_patient_birth_date(p, &d));
    ck_assert_int_eq(d, 19580000);
    tu_assert_ok(ldrt_patient_set_death_cause(p, NULL));
    tu_assert_ok(ldrt_patient_set_death_date(p, LDRT_DATE_NONE));
    tu_assert_error(ldrt_patient_death_date(p, &d), LDRT_ENOTFOUND, "death_date");
    tu_assert_error(ldrt_patient_set_death_cause(p, "x"), LDRT_EINVAL, "death_cause");
    tu_assert_ok(ldrt_patient_set_last_contact(p, LDRT_DATE_NONE));
    /* Without a last contact, the last event that shows the patient alive. */
    tu_assert_ok(ldrt_patient_last_known_alive(p, &d));
    ck_assert_int_eq(d, 20230620);
    /* Death before the surgery of 2023-06-20. */
    tu_assert_error(ldrt_patient_set_death_date(p, 20230610), LDRT_EINVAL,
                    "death_date: 2023-06-10 is before the surgery of 2023-06-20");
    ldrt_event *img = ldrt_patient_event_at_mut(p, 0);
    tu_assert_error(ldrt_event_set_new_therapy(img, 1), LDRT_EINVAL,
                    "new_therapy: only a systemic, radiotherapy or surgery event");
    tu_assert_error(ldrt_event_set_new_therapy(ldrt_patient_event_at_mut(p, 1), 2), LDRT_EINVAL,
                    "new_therapy: must be 0 or 1");
    ldrt_patient_free(p);
}
END_TEST

static Suite *record_suite(void)
{
    Suite *s = suite_create("record");
    TCase *e = tcase_create("endpoints");
    tcase_add_test(e, progression_free_time_ends_at_death_without_progression);
    tcase_add_test(e, progression_before_death_is_the_event);
    tcase_add_test(e, a_new_therapy_censors_the_tumour_endpoints);
    tcase_add_test(e, overall_survival_is_censored_when_last_known_alive);
    tcase_add_test(e, follow_up_dates_are_checked);
    suite_add_tcase(s, e);
    TCase *v = tcase_create("vital");
    tcase_add_test(v, vital_status_round_trips);
    tcase_add_test(v, vital_status_errors_name_the_field);
    tcase_add_test(v, vital_setters_check_the_record);
    suite_add_tcase(s, v);
    return s;
}

TU_MAIN(record_suite)
