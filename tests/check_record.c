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
#include "ldrt/code.h"

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
    int dd = -1;
    ldrt_censor c = -1;
    tu_assert_ok(ldrt_assessment_endpoint(a, e, &d, &c));
    tu_assert_ok(ldrt_assessment_endpoint_range(a, e, &lo, &hi));
    tu_assert_ok(ldrt_assessment_endpoint_death(a, e, &dd));
    ck_assert_msg(d == days && lo == dmin && hi == dmax && (int)c == censor && dd == death,
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
     * after it; death 2023-09-01 (day 234). FDA endpoints guidance, Appendix 3: new
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


START_TEST(patient_assessment_takes_the_follow_up_from_the_record)
{
    /* Baseline 2023-01-10 (T1 30 mm), SD on 2023-03-07 and 2023-05-02, a
     * second line flagged new_therapy on 2023-06-01, PD on 2023-07-04 (50 mm,
     * +66.7% and +20 mm), death 2023-09-01 (day 234). The PD comes after the
     * new therapy: PFS is censored at 2023-05-02, day 112 (FDA endpoints guidance). */
    static const char doc[] =
        "{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"death_date\": \"2023-09-01\", "
        "\"last_contact\": \"2023-02-01\"},"
        " \"lesions\": [{\"id\": \"T1\", \"organ\": \"liver\", \"nodal\": false, \"category\": \"target\"}],"
        " \"events\": ["
        "  {\"type\": \"imaging\", \"date\": \"2023-01-10\", \"baseline\": true, \"measurements\": [{\"lesion\": \"T1\", \"diameter_mm\": 30}]},"
        "  {\"type\": \"imaging\", \"date\": \"2023-03-07\", \"measurements\": [{\"lesion\": \"T1\", \"diameter_mm\": 30}]},"
        "  {\"type\": \"imaging\", \"date\": \"2023-05-02\", \"measurements\": [{\"lesion\": \"T1\", \"diameter_mm\": 30}]},"
        "  {\"type\": \"systemic\", \"date\": \"2023-06-01\", \"new_therapy\": true},"
        "  {\"type\": \"imaging\", \"date\": \"2023-07-04\", \"measurements\": [{\"lesion\": \"T1\", \"diameter_mm\": 50}]}"
        " ]}";
    ldrt_patient *p = load_text(doc);
    ldrt_assessment *a = NULL;
    tu_assert_ok(ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a));
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 112, 112, 112, LDRT_CENSOR_NEW_THERAPY, 0);
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, 234, 234, 234, LDRT_CENSOR_NONE, 1);
    int found = 0;
    for (size_t i = 0; i < ldrt_assessment_warning_count(a); i++)
        found |= strstr(ldrt_assessment_warning(a, i),
                        "patient.last_contact: 2023-02-01 is before the imaging of 2023-07-04") != NULL;
    ck_assert_msg(found, "no warning on the last contact");
    ldrt_assessment_free(a);
    /* Without the flag the PD is the event (day 175), and without the death
     * OS is censored at the last event that shows the patient alive. */
    ldrt_event *sys = ldrt_patient_event_at_mut(p, 3);
    tu_assert_ok(ldrt_event_set_new_therapy(sys, 0));
    tu_assert_ok(ldrt_patient_set_death_date(p, LDRT_DATE_NONE));
    tu_assert_ok(ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a));
    endpoint_is(a, LDRT_ENDPOINT_PROGRESSION_FREE, 175, 175, 175, LDRT_CENSOR_NONE, 0);
    endpoint_is(a, LDRT_ENDPOINT_OVERALL_SURVIVAL, 175, 175, 175, LDRT_CENSOR_LAST_KNOWN_ALIVE, 0);
    ldrt_assessment_free(a);
    ldrt_patient_free(p);
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


/* ---- coded terms ---------------------------------------------------------------- */

#define SCT "http://snomed.info/sct"
#define LOINC "http://loinc.org"

START_TEST(code_shapes_follow_each_system)
{
    /* SNOMED CT: Verhoeff check digit, concept partition 00 or 10. */
    tu_assert_ok(ldrt_code_check(SCT, "1156506007"));
    tu_assert_ok(ldrt_code_check(SCT, "45643008"));
    tu_assert_error(ldrt_code_check(SCT, "1156506008"), LDRT_EINVAL,
                    "code: 1156506008 fails the SNOMED CT check digit (Verhoeff)");
    tu_assert_error(ldrt_code_check(SCT, "1156506017"), LDRT_EINVAL, "partition identifier 01");
    tu_assert_error(ldrt_code_check(SCT, "01234"), LDRT_EINVAL, "not a SNOMED CT identifier");
    /* More concepts of the mCODE value sets: planning target volume,
     * gross tumor volume (RadiotherapyVolumeTypeVS). */
    tu_assert_ok(ldrt_code_check(SCT, "228793007"));
    tu_assert_ok(ldrt_code_check(SCT, "228791009"));
    tu_assert_error(ldrt_code_check(SCT, "228791008"), LDRT_EINVAL, "Verhoeff");
    /* LOINC mod 10, the Users' Guide's example 12345 -> 5; and 21889-1,
     * 33728-7, 97509-4 (tumor size, longest dimension, cancer disease status). */
    tu_assert_ok(ldrt_code_check(LOINC, "12345-5"));
    tu_assert_ok(ldrt_code_check(LOINC, "21889-1"));
    tu_assert_ok(ldrt_code_check(LOINC, "33728-7"));
    tu_assert_ok(ldrt_code_check(LOINC, "97509-4"));
    tu_assert_error(ldrt_code_check(LOINC, "21889-2"), LDRT_EINVAL,
                    "code: 21889-2 fails the LOINC mod-10 check digit (expected 1)");
    tu_assert_error(ldrt_code_check(LOINC, "21889"), LDRT_EINVAL, "not a LOINC code");
    tu_assert_ok(ldrt_code_check("http://hl7.org/fhir/sid/icd-10-cm", "C43.72"));
    tu_assert_ok(ldrt_code_check("http://hl7.org/fhir/sid/icd-10-cm", "C43"));
    tu_assert_error(ldrt_code_check("http://hl7.org/fhir/sid/icd-10-cm", "C4372"), LDRT_EINVAL,
                    "not an ICD-10-CM code");
    tu_assert_ok(ldrt_code_check("http://terminology.hl7.org/CodeSystem/icd-o-3", "8720/3"));
    tu_assert_ok(ldrt_code_check("http://terminology.hl7.org/CodeSystem/icd-o-3", "C44.7"));
    tu_assert_error(ldrt_code_check("http://terminology.hl7.org/CodeSystem/icd-o-3", "8720/4"),
                    LDRT_EINVAL, "not an ICD-O-3 code");
    tu_assert_ok(ldrt_code_check("http://www.nlm.nih.gov/research/umls/rxnorm", "3002"));
    tu_assert_error(ldrt_code_check("http://www.nlm.nih.gov/research/umls/rxnorm", "30a2"),
                    LDRT_EINVAL, "not an RxNorm RXCUI");
    tu_assert_ok(ldrt_code_check("http://unitsofmeasure.org", "mg/kg"));
    tu_assert_error(ldrt_code_check("http://unitsofmeasure.org", "mg per kg"), LDRT_EINVAL,
                    "not a UCUM unit");
    tu_assert_ok(ldrt_code_check("http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl", "C57788"));
    tu_assert_error(ldrt_code_check("http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl", "57788"),
                    LDRT_EINVAL, "not an NCI Thesaurus code");
    tu_assert_ok(ldrt_code_check("http://terminology.hl7.org/CodeSystem/mdr", "10012735"));
    tu_assert_error(ldrt_code_check("http://terminology.hl7.org/CodeSystem/mdr", "1001273"),
                    LDRT_EINVAL, "not a MedDRA code");
    tu_assert_error(ldrt_code_check("http://snomed.info/id", "1156506007"), LDRT_EINVAL,
                    "system: \"http://snomed.info/id\" is not one of the accepted code systems");
    ldrt_code_system sys;
    tu_assert_ok(ldrt_code_system_parse(SCT, &sys));
    ck_assert_int_eq(sys, LDRT_CODE_SYSTEM_SNOMED_CT);
    ck_assert_str_eq(ldrt_code_system_uri(LDRT_CODE_SYSTEM_MEDDRA),
                     "http://terminology.hl7.org/CodeSystem/mdr");
    ck_assert_ptr_null(ldrt_code_system_uri(0));
}
END_TEST

START_TEST(every_table_code_has_its_system_shape_and_a_source)
{
    size_t n = ldrt_code_table_count();
    ck_assert_uint_ge(n, 10);
    for (size_t i = 0; i < n; i++) {
        const char *term = NULL, *source = NULL;
        ldrt_code code;
        tu_assert_ok(ldrt_code_table_at(i, &term, &code, &source));
        tu_assert_ok(ldrt_code_check(code.system, code.code));
        ck_assert_ptr_nonnull(code.display);
        ck_assert_uint_gt(strlen(source), 20);
        ldrt_code again;
        tu_assert_ok(ldrt_code_lookup(term, 0, &again));
        ck_assert_str_eq(again.code, code.code);
    }
    tu_assert_error(ldrt_code_table_at(n, NULL, NULL, NULL), LDRT_ERANGE, "index");
    ldrt_code c;
    tu_assert_ok(ldrt_code_lookup("Photon", LDRT_CODE_SYSTEM_SNOMED_CT, &c));
    ck_assert_str_eq(c.code, "1156506007");
    ck_assert_str_eq(c.system, SCT);
    tu_assert_ok(ldrt_code_lookup("diarrhea", 0, &c));
    ck_assert_str_eq(c.code, "C57788");
    /* Unknown terms stay uncoded; no guess from a similar term. */
    tu_assert_error(ldrt_code_lookup("SBRT", 0, &c), LDRT_ENOTFOUND, "no verified code");
    tu_assert_error(ldrt_code_lookup("photons", 0, &c), LDRT_ENOTFOUND, "photons");
    tu_assert_error(ldrt_code_lookup("photon", LDRT_CODE_SYSTEM_RXNORM, &c), LDRT_ENOTFOUND,
                    "rxnorm");
}
END_TEST

static const char coded_doc[] =
    "{\n"
    "  \"ldrt\": 1,\n"
    "  \"patient\": {\"id\": \"p1\"},\n"
    "  \"diagnoses\": [\n"
    "    {\n"
    "      \"date\": \"2021-02\",\n"
    "      \"condition\": \"melanoma\",\n"
    "      \"site\": \"left big toe\",\n"
    "      \"code\": {\"system\": \"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"C43.72\"},\n"
    "      \"site_code\": {\n"
    "        \"system\": \"http://terminology.hl7.org/CodeSystem/icd-o-3\",\n"
    "        \"code\": \"C44.7\",\n"
    "        \"display\": \"Skin of lower limb and hip\",\n"
    "        \"version\": \"3.2\"\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  \"lesions\": [\n"
    "    {\n"
    "      \"id\": \"T1\",\n"
    "      \"site_code\": {\"system\": \"http://terminology.hl7.org/CodeSystem/icd-o-3\", \"code\": \"C44.7\"}\n"
    "    }\n"
    "  ],\n"
    "  \"events\": [\n"
    "    {\n"
    "      \"type\": \"systemic\",\n"
    "      \"date\": \"2023-06-01\",\n"
    "      \"agents\": [\n"
    "        {\n"
    "          \"drug\": \"cyclophosphamide\",\n"
    "          \"code\": {\"system\": \"http://www.nlm.nih.gov/research/umls/rxnorm\", \"code\": \"3002\"}\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"type\": \"radiotherapy\",\n"
    "      \"date\": \"2023-07-01\",\n"
    "      \"modality\": \"photon\",\n"
    "      \"code\": {\n"
    "        \"system\": \"http://snomed.info/sct\",\n"
    "        \"code\": \"1156506007\",\n"
    "        \"display\": \"External beam radiation therapy using photons (procedure)\"\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"type\": \"toxicity\",\n"
    "      \"date\": \"2023-08\",\n"
    "      \"term\": \"Diarrhea\",\n"
    "      \"grade\": 2,\n"
    "      \"code\": {\n"
    "        \"system\": \"http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl\",\n"
    "        \"code\": \"C57788\",\n"
    "        \"display\": \"Diarrhea\"\n"
    "      }\n"
    "    }\n"
    "  ]\n"
    "}\n";

START_TEST(codes_round_trip)
{
    ldrt_patient *p = load_text(coded_doc);
    ldrt_code c;
    tu_assert_ok(ldrt_diagnosis_code(ldrt_patient_diagnosis_at(p, 0), LDRT_CODE_OF_TERM, &c));
    ck_assert_str_eq(c.code, "C43.72");
    ck_assert_ptr_null(c.display);
    tu_assert_ok(ldrt_diagnosis_code(ldrt_patient_diagnosis_at(p, 0), LDRT_CODE_OF_SITE, &c));
    ck_assert_str_eq(c.display, "Skin of lower limb and hip");
    tu_assert_ok(ldrt_lesion_code(ldrt_patient_lesion_at(p, 0), LDRT_CODE_OF_SITE, &c));
    ck_assert_str_eq(c.code, "C44.7");
    const ldrt_event *sys = ldrt_patient_event_at(p, 0);
    tu_assert_ok(ldrt_systemic_agent_code(ldrt_event_as_systemic(sys), 0, &c));
    ck_assert_str_eq(c.code, "3002");
    tu_assert_ok(ldrt_event_code(ldrt_patient_event_at(p, 2), LDRT_CODE_OF_TERM, &c));
    ck_assert_str_eq(c.code, "C57788");
    tu_assert_error(ldrt_event_code(ldrt_patient_event_at(p, 2), LDRT_CODE_OF_SITE, &c),
                    LDRT_ENOTFOUND, "site_code: not recorded");
    char *out = save_text(p);
    ck_assert_str_eq(out, coded_doc);
    free(out);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(bad_codes_are_refused_with_their_path)
{
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"diagnoses\": [{\"date\": \"2021\", "
               "\"condition\": \"melanoma\", \"code\": {\"system\": \"http://snomed.info/sct\", "
               "\"code\": \"372244007\"}}], \"events\": []}",
               LDRT_EINVAL, "diagnoses[0].code.code: 372244007 fails the SNOMED CT check digit");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [{\"type\": \"toxicity\", "
               "\"date\": \"2021\", \"code\": {\"system\": \"snomed\", \"code\": \"1\"}}]}",
               LDRT_EINVAL, "events[0].code.system: \"snomed\" is not one of the accepted");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [{\"type\": \"toxicity\", "
               "\"date\": \"2021\", \"code\": {\"system\": \"http://loinc.org\"}}]}",
               LDRT_EINVAL, "events[0].code.code: required");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [{\"type\": \"imaging\", "
               "\"date\": \"2021\", \"site_code\": {\"system\": \"http://loinc.org\", \"code\": "
               "\"21889-1\"}}]}",
               LDRT_EINVAL, "events[0].site_code: not a field of imaging events");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [{\"type\": \"note\", "
               "\"date\": \"2021\", \"code\": {\"system\": \"http://loinc.org\", \"code\": "
               "\"21889-1\"}}]}",
               LDRT_EINVAL, "events[0].code: a note has no coded term");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [{\"type\": \"systemic\", "
               "\"date\": \"2021\", \"agents\": [{\"drug\": \"x\", \"code\": {\"system\": "
               "\"http://www.nlm.nih.gov/research/umls/rxnorm\", \"code\": \"0123\"}}]}]}",
               LDRT_EINVAL, "events[0].agents[0].code.code: \"0123\" is not an RxNorm RXCUI");
    load_fails("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"lesions\": [{\"id\": \"T1\", "
               "\"site_code\": \"C44.7\"}], \"events\": []}",
               LDRT_EINVAL, "lesions[0].site_code: must be an object");
    /* ldrt validate lists every problem. */
    const char *two = "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [{\"type\": "
                      "\"toxicity\", \"date\": \"2021\", \"code\": {\"system\": \"http://loinc.org\", "
                      "\"code\": \"1-1\"}}, {\"type\": \"surgery\", \"date\": \"2022\", \"site_code\": "
                      "{\"system\": \"http://snomed.info/sct\", \"code\": \"123\"}}]}";
    char *report = NULL;
    size_t problems = 0;
    tu_assert_ok(ldrt_json_validate_buffer(two, strlen(two), &report, &problems));
    ck_assert_uint_eq(problems, 2);
    ck_assert_ptr_nonnull(strstr(report, "events[0].code.code: 1-1 fails the LOINC mod-10 check digit"));
    ck_assert_ptr_nonnull(strstr(report, "events[1].site_code.code: \"123\" is not a SNOMED CT identifier"));
    ldrt_free(report);
}
END_TEST

START_TEST(code_setters_validate)
{
    ldrt_patient *p = load_text(coded_doc);
    ldrt_diagnosis *d = ldrt_patient_diagnosis_at_mut(p, 0);
    tu_assert_error(ldrt_diagnosis_set_code(d, LDRT_CODE_OF_TERM, SCT, "372244007", NULL),
                    LDRT_EINVAL, "code.code: 372244007 fails");
    ldrt_code c;
    tu_assert_ok(ldrt_diagnosis_code(d, LDRT_CODE_OF_TERM, &c));
    ck_assert_str_eq(c.code, "C43.72"); /* unchanged */
    tu_assert_error(ldrt_diagnosis_set_code(d, 3, SCT, "1156506007", NULL), LDRT_EINVAL, "of");
    tu_assert_ok(ldrt_diagnosis_set_code(d, LDRT_CODE_OF_TERM, NULL, NULL, NULL));
    tu_assert_error(ldrt_diagnosis_code(d, LDRT_CODE_OF_TERM, &c), LDRT_ENOTFOUND, "code");
    ldrt_lesion *l = ldrt_patient_lesion_at_mut(p, 0);
    tu_assert_error(ldrt_lesion_set_code(l, LDRT_CODE_OF_TERM, SCT, "1156506007", NULL),
                    LDRT_EINVAL, "a lesion has only a site_code");
    ldrt_systemic *s = ldrt_event_as_systemic_mut(ldrt_patient_event_at_mut(p, 0));
    tu_assert_error(ldrt_systemic_set_agent_code(s, 1, SCT, "1156506007", NULL), LDRT_ERANGE,
                    "index");
    tu_assert_error(ldrt_systemic_set_agent_code(s, 0, SCT, "1156506007", ""), LDRT_EINVAL,
                    "display: must not be empty");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(the_seed_case_carries_its_codes)
{
    /* Left big toe melanoma: ICD-10-CM C43.72 "Malignant melanoma of left
     * lower limb, including hip" (listed in mCODE's cancer-condition value
     * set); ICD-O-3 topography C44.7 "Skin of lower limb and hip" (NCI SEER);
     * the grade 2 diarrhea: the table's CTCAE code. */
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &p));
    ldrt_code c, want;
    tu_assert_ok(ldrt_diagnosis_code(ldrt_patient_diagnosis_at(p, 0), LDRT_CODE_OF_TERM, &c));
    ck_assert_str_eq(c.code, "C43.72");
    tu_assert_ok(ldrt_diagnosis_code(ldrt_patient_diagnosis_at(p, 0), LDRT_CODE_OF_SITE, &c));
    ck_assert_str_eq(c.code, "C44.7");
    tu_assert_ok(ldrt_code_lookup("Diarrhea", 0, &want));
    int found = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        const char *term = ldrt_event_text(e, LDRT_FIELD_TERM);
        if (ldrt_event_type(e) != LDRT_EVENT_TOXICITY || !term)
            continue;
        if (ldrt_code_lookup(term, 0, &want) != LDRT_OK) {
            /* A term the table does not know stays uncoded. */
            tu_assert_error(ldrt_event_code(e, LDRT_CODE_OF_TERM, &c), LDRT_ENOTFOUND, "code");
            continue;
        }
        tu_assert_ok(ldrt_event_code(e, LDRT_CODE_OF_TERM, &c));
        ck_assert_str_eq(c.code, want.code);
        ck_assert_str_eq(c.system, want.system);
        found++;
    }
    ck_assert_int_eq(found, 1);
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
    tcase_add_test(e, patient_assessment_takes_the_follow_up_from_the_record);
    suite_add_tcase(s, e);
    TCase *v = tcase_create("vital");
    tcase_add_test(v, vital_status_round_trips);
    tcase_add_test(v, vital_status_errors_name_the_field);
    tcase_add_test(v, vital_setters_check_the_record);
    suite_add_tcase(s, v);
    TCase *c = tcase_create("codes");
    tcase_add_test(c, code_shapes_follow_each_system);
    tcase_add_test(c, every_table_code_has_its_system_shape_and_a_source);
    tcase_add_test(c, codes_round_trip);
    tcase_add_test(c, bad_codes_are_refused_with_their_path);
    tcase_add_test(c, code_setters_validate);
    tcase_add_test(c, the_seed_case_carries_its_codes);
    suite_add_tcase(s, c);
    return s;
}

TU_MAIN(record_suite)
