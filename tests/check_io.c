/*
 * Tests of the patient document (src/io): loading with JSON paths in errors,
 * every validation rule, limits, unknown-member preservation, byte-stable
 * round trips, atomic saving, allocation failures, the timeline renderer and
 * the ldrt timeline / validate commands. Seed-case facts come from Fong, Ho &
 * So, Front. Oncol. 2025;15:1483117 (CC BY 4.0), text and Table 1.
 * SPDX-License-Identifier: MIT
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "testutil.h"
#include "../model/model.h"

/* ---- helpers ----------------------------------------------------------------- */


static ldrt_patient *load_text(const char *text)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(text, strlen(text), &p));
    return p;
}

static ldrt_patient *load_seed(void)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(tu_example_path("case-fong-2025.json"), &p));
    return p;
}

static char *save_text(const ldrt_patient *p)
{
    char *out = NULL;
    size_t n = 0;
    tu_assert_ok(ldrt_patient_save_json_buffer(p, &out, &n));
    ck_assert_uint_eq(strlen(out), n);
    return out;
}

static char *make_temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *dir = malloc(4096);
    snprintf(dir, 4096, "%s/ldrt-check-io-XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4200];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

static int count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    if (d)
        closedir(d);
    return n;
}

/* ---- the seed case ------------------------------------------------------------- */

START_TEST(seed_case_loads_and_validates)
{
    char *report = NULL;
    size_t problems = 99;
    tu_assert_ok(ldrt_json_validate_file(tu_example_path("case-fong-2025.json"), &report, &problems));
    ck_assert_msg(problems == 0, "%s", report);
    ck_assert_str_eq(report, "");
    ldrt_free(report);
    ldrt_patient *p = load_seed();
    ck_assert_str_eq(ldrt_patient_sex(p), "male");
    const ldrt_diagnosis *d = ldrt_patient_diagnosis_at(p, 0);
    const char *name, *value;
    ck_assert_int_eq(ldrt_diagnosis_date(d), 20210200);   /* Table 1: Feb 2021 */
    ck_assert_str_eq(ldrt_diagnosis_stage(d), "III");
    tu_assert_ok(ldrt_diagnosis_marker_at(d, 0, &name, &value));
    ck_assert_str_eq(name, "BRAF");
    ck_assert_str_eq(value, "negative");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(seed_case_drugs)
{
    ldrt_patient *p = load_seed();
    ldrt_date first, last;
    size_t n;
    double dose;
    const char *unit;
    /* Nivolumab 240 mg every 2 weeks, 16 cycles, from March 2021. */
    tu_assert_ok(ldrt_patient_drug_summary(p, "nivolumab", &first, &last, &n));
    ck_assert_uint_eq(n, 16);
    ck_assert_int_eq(first, 20210300);
    tu_assert_ok(ldrt_patient_drug_cumulative_dose(p, "nivolumab", &dose, &unit));
    ck_assert_double_eq(dose, 16 * 240);
    ck_assert_str_eq(unit, "mg");
    /* Ipilimumab 80 mg x 4 from November 2021, then 75 mg x 4 from April 2023. */
    const ldrt_event **ev;
    tu_assert_ok(ldrt_patient_drug_administrations(p, "ipilimumab", &ev, &n));
    ck_assert_uint_eq(n, 8);
    ck_assert_int_eq(ldrt_event_date(ev[0]), 20211100);
    ck_assert_int_eq(ldrt_event_date(ev[4]), 20230400);
    tu_assert_ok(ldrt_systemic_agent_dose(ldrt_event_as_systemic(ev[0]), 0, &dose));
    ck_assert_double_eq(dose, 80);
    tu_assert_ok(ldrt_systemic_agent_dose(ldrt_event_as_systemic(ev[4]), 0, &dose));
    ck_assert_double_eq(dose, 75);
    ldrt_free(ev);
    tu_assert_ok(ldrt_patient_drug_cumulative_dose(p, "ipilimumab", &dose, NULL));
    ck_assert_double_eq(dose, 4 * 80 + 4 * 75);
    /* Pembrolizumab: 11 cycles before the holiday of 13 June 2022. */
    tu_assert_ok(ldrt_patient_drug_administrations(p, "pembrolizumab", &ev, &n));
    size_t before = 0;
    for (size_t i = 0; i < n; i++)
        if (ldrt_event_date(ev[i]) < 20220613)
            before++;
    ck_assert_uint_eq(before, 11);
    int cycle = 0;
    tu_assert_ok(ldrt_systemic_cycle(ldrt_event_as_systemic(ev[n - 1]), &cycle));
    ck_assert_int_eq(cycle, 19);                  /* finished cycle 19 in June 2024 */
    ck_assert_int_eq(ldrt_event_date(ev[n - 1]), 20240600);
    ldrt_free(ev);
    /* The 200 mg dose is stated only for the combination of November 2021. */
    tu_assert_error(ldrt_patient_drug_cumulative_dose(p, "pembrolizumab", &dose, NULL),
                    LDRT_ENOTFOUND, "no dose");
    tu_assert_ok(ldrt_patient_drug_holds(p, "pembrolizumab", &ev, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ldrt_event_date(ev[0]), 20220613);
    ldrt_hold_kind kind = 0;
    tu_assert_ok(ldrt_event_hold_kind(ev[0], &kind));
    ck_assert_int_eq(kind, LDRT_HOLD_HOLIDAY);
    ldrt_date end = 0;
    tu_assert_ok(ldrt_event_end(ev[0], &end));
    ck_assert_int_eq(end, 20230400);  /* rechallenged from April 2023 */
    ldrt_free(ev);
    ldrt_patient_free(p);
}
END_TEST

/* The note of the first event of a kind on a date ("2023-07"), or NULL. */
static const char *seed_note(const ldrt_patient *p, ldrt_event_kind kind, const char *date)
{
    char buf[32];
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) != kind)
            continue;
        tu_assert_ok(ldrt_date_format(ldrt_event_date(e), buf, sizeof buf));
        if (strcmp(buf, date) == 0)
            return ldrt_event_text(e, LDRT_FIELD_NOTE);
    }
    return NULL;
}

static void assert_note_says(const char *note, const char *words)
{
    ck_assert_ptr_nonnull(note);
    ck_assert_msg(strstr(note, words) != NULL, "the note does not say \"%s\": %s", words, note);
}

/* The seed case keeps what the paper does not say (Fong, Ho & So, Front.
 * Oncol. 2025;15:1483117): nothing invented, each gap and each disagreement
 * between the text and Table 1 written where it belongs. */
START_TEST(seed_case_says_what_the_paper_does_not)
{
    ldrt_patient *p = load_seed();
    /* 21 to 26 July 2023 holds four weekdays (Fri 21, Mon 24, Tue 25, Wed 26)
     * for five "daily" fractions. */
    const ldrt_course *c = NULL;
    tu_assert_ok(ldrt_patient_find_course(p, "LXRT-2023", &c));
    assert_note_says(ldrt_event_text(ldrt_course_as_event(c), LDRT_FIELD_NOTE),
                     "only four weekdays (Fri 21, Mon 24, Tue 25, Wed 26)");
    /* "Alternate days" in May 2022 does not fix the overall time. */
    assert_note_says(seed_note(p, LDRT_EVENT_RADIOTHERAPY, "2022-05"),
                     "'Alternate days' does not fix the overall time");
    /* The 2022 groin lesion: the paper names no organ (Table 1 has only the
     * knee skin lesion); none is recorded, and the disagreement is noted. */
    const ldrt_lesion *l = NULL;
    tu_assert_ok(ldrt_patient_find_lesion(p, "groin-2022", &l));
    ck_assert_ptr_null(ldrt_lesion_organ(l));
    assert_note_says(seed_note(p, LDRT_EVENT_IMAGING, "2022-01"),
                     "The organ of the groin lesion is not stated");
    /* The second peritoneal mass comes from Table 1 only, and its absence
     * later is an inference from "complete remission of disease". */
    tu_assert_ok(ldrt_patient_find_lesion(p, "NT1", &l));
    ck_assert_ptr_nonnull(strstr(ldrt_lesion_site(l), "Table 1 only"));
    assert_note_says(seed_note(p, LDRT_EVENT_IMAGING, "2023-07"), "comes from Table 1 only");
    assert_note_says(seed_note(p, LDRT_EVENT_IMAGING, "2023-12"),
                     "'absent' is an inference from 'complete remission of disease'");
    /* The mesenteric recurrence was not biopsied. */
    assert_note_says(seed_note(p, LDRT_EVENT_PROGRESSION, "2023-07"),
                     "a biopsy of the recurrent mesenteric tumor was not performed");
    /* The diarrhoea: "self-resolving grade 2" in the case description,
     * "mild" in the patient's perspective; the grade recorded is 2 and both
     * words are kept. */
    const char *tox = seed_note(p, LDRT_EVENT_TOXICITY, "2023-07");
    assert_note_says(tox, "self-resolving grade 2 diarrhea");
    assert_note_says(tox, "mild diarrhea during the treatment");
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) == LDRT_EVENT_TOXICITY &&
            strcmp(ldrt_event_text(e, LDRT_FIELD_TERM), "Diarrhea") == 0) {
            int grade = 0;
            tu_assert_ok(ldrt_event_grade(e, &grade));
            ck_assert_int_eq(grade, 2);
        }
    }
    ldrt_patient_free(p);
}
END_TEST

START_TEST(seed_case_radiotherapy_and_scans)
{
    ldrt_patient *p = load_seed();
    const ldrt_course *c = NULL;
    double v;
    int64_t mn, mx;
    int uniform;
    /* SBRT 40 Gy in 5 fractions on alternate days, May 2022. */
    tu_assert_ok(ldrt_patient_find_course(p, "SBRT-2022", &c));
    ck_assert_uint_eq(ldrt_course_fraction_count(c), 5);
    tu_assert_ok(ldrt_course_total_dose_gy(c, &v));
    ck_assert_double_eq_tol(v, 40, 1e-12);
    tu_assert_ok(ldrt_course_dose_per_fraction_gy(c, &v, &uniform));
    ck_assert_double_eq_tol(v, 8, 1e-12);
    tu_assert_ok(ldrt_course_overall_days(c, &mn, &mx));
    /* "Alternate days" does not fix the overall time (a weekend between
     * fractions lengthens it); the fractions are dated "2022-05": 0 to 30. */
    ck_assert_int_eq(mn, 0);
    ck_assert_int_eq(mx, 30);
    ck_assert_str_eq(ldrt_lesion_id(ldrt_course_target_at(c, 0)), "pelvic-node-2022");
    /* L-XRT 10 Gy in 5 fractions, 21 to 26 July 2023, 2 cm GTV-PTV margin. */
    tu_assert_ok(ldrt_patient_find_course(p, "LXRT-2023", &c));
    tu_assert_ok(ldrt_course_total_dose_gy(c, &v));
    ck_assert_double_eq_tol(v, 10, 1e-12);
    ck_assert_uint_eq(ldrt_course_fraction_count(c), 5);
    tu_assert_ok(ldrt_course_overall_days(c, &mn, &mx));
    ck_assert_int_eq(mn, 5);
    ck_assert_int_eq(mx, 5);
    tu_assert_ok(ldrt_course_margin_mm(c, &v));
    ck_assert_double_eq(v, 20);
    ldrt_date first, last;
    tu_assert_ok(ldrt_course_fraction_dates(c, &first, &last));
    ck_assert_int_eq(first, 20230721);
    ck_assert_int_eq(last, 20230726);
    /* The mesenteric nodule: 22 mm (July 2023) -> 14 mm -> 0 -> 0. */
    const ldrt_lesion *t1;
    tu_assert_ok(ldrt_patient_find_lesion(p, "T1", &t1));
    ck_assert_int_eq(ldrt_lesion_category_of(t1), LDRT_ROLE_TARGET);
    const ldrt_scan **scans;
    size_t n;
    tu_assert_ok(ldrt_patient_lesion_scans(p, t1, &scans, &n));
    ck_assert_uint_eq(n, 4);
    static const ldrt_date dates[] = { 20230700, 20230900, 20231200, 20240400 };
    static const double mm[] = { 22, 14, 0, 0 };
    for (size_t i = 0; i < 4; i++) {
        size_t k;
        ck_assert_int_eq(ldrt_event_date(ldrt_scan_as_event(scans[i])), dates[i]);
        tu_assert_ok(ldrt_scan_find_measurement(scans[i], t1, &k));
        tu_assert_ok(ldrt_scan_measurement_diameter_mm(scans[i], k, &v));
        ck_assert_double_eq(v, mm[i]);
    }
    int baseline = 0;
    tu_assert_ok(ldrt_scan_baseline(scans[0], &baseline));
    ck_assert_int_eq(baseline, 1);
    ck_assert(ldrt_scan_new_lesions_reported(scans[1]));  /* "no new lesions" */
    ck_assert_uint_eq(ldrt_scan_new_lesion_count(scans[1]), 0);
    ldrt_free(scans);
    const ldrt_fraction **fr;
    tu_assert_ok(ldrt_patient_lesion_fractions(p, t1, &fr, &n));
    ck_assert_uint_eq(n, 5);
    ldrt_free(fr);
    /* Grade 2 diarrhoea during L-XRT, grade 2 skin toxicity in 2022. */
    const ldrt_event **tox;
    tu_assert_ok(ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_TOXICITY), 0, 0, 0, &tox, &n));
    ck_assert_uint_eq(n, 2);
    int grade;
    tu_assert_ok(ldrt_event_grade(tox[1], &grade));
    ck_assert_int_eq(grade, 2);
    ck_assert_str_eq(ldrt_event_text(tox[1], LDRT_FIELD_TERM), "Diarrhea");
    ck_assert_int_eq(ldrt_event_date(tox[1]), 20230700);
    ldrt_free(tox);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(seed_case_round_trip_is_byte_stable)
{
    size_t size;
    char *file = tu_slurp(tu_example_path("case-fong-2025.json"), &size);
    ldrt_patient *p = load_seed();
    char *once = save_text(p);
    ldrt_patient *q = load_text(once);
    char *twice = save_text(q);
    ck_assert_str_eq(once, twice);
    /* The file is stored in the canonical form. */
    ck_assert_str_eq(once, file);
    ldrt_free(once);
    ldrt_free(twice);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
    free(file);
}
END_TEST

/* A series with unknown dates: read, kept unexpanded, written back as it
 * was; its date cannot move past its until. */
START_TEST(series_with_unknown_dates_round_trip)
{
    static const char doc[] =
        "{\"ldrt\": 1, \"patient\": {\"id\": \"u\"}, \"events\": [{\"type\": \"systemic\", "
        "\"date\": \"2023-07\", \"agents\": [{\"drug\": \"p\"}], \"cycle\": 5, \"repeat\": "
        "{\"every_days\": 21, \"count\": 14, \"dates\": \"unknown\", \"until\": \"2024-06\"}}]}";
    ldrt_patient *p = load_text(doc);
    ldrt_systemic *s = ldrt_event_as_systemic_mut(ldrt_patient_event_at_mut(p, 0));
    ck_assert_int_eq(ldrt_systemic_dates_known(s), 0);
    ck_assert_uint_eq(ldrt_systemic_administration_count(s), 0);
    ldrt_date until = 0;
    tu_assert_ok(ldrt_systemic_until(s, &until));
    ck_assert_int_eq(until, 20240600);
    char *once = save_text(p);
    ck_assert_ptr_nonnull(strstr(once, "\"repeat\": {\"every_days\": 21, \"count\": 14, "
                                       "\"dates\": \"unknown\", \"until\": \"2024-06\"}"));
    ldrt_patient *q = load_text(once);
    char *twice = save_text(q);
    ck_assert_str_eq(once, twice);
    /* The date may move up to the until (same month), not past it. */
    ldrt_event *e = ldrt_patient_event_at_mut(p, 0);
    tu_assert_ok(ldrt_event_set_date(e, 20240600));
    ck_assert_int_eq(ldrt_event_set_date(e, 20240701), LDRT_EINVAL);
    ck_assert_uint_eq(ldrt_systemic_administration_count(s), 0);
    ldrt_free(once);
    ldrt_free(twice);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
}
END_TEST

START_TEST(all_kinds_round_trip)
{
    /* Every event kind and every field (a toxicity "during" a course and a
     * series whose dates are unknown included), with unknown members at every
     * level; the file is canonical, so loading and saving gives it back byte
     * for byte. */
    size_t size;
    char *file = tu_slurp(tu_data_path("all-kinds.json"), &size);
    ldrt_patient *p = load_text(file);
    ck_assert_uint_eq(ldrt_patient_event_count(p), 16);
    char *out = save_text(p);
    ck_assert_str_eq(out, file);
    ldrt_free(out);
    ldrt_patient_free(p);
    free(file);
}
END_TEST

/* ---- during: a toxicity placed within the event it occurred during ----------------------- */

static const char during_doc[] =
    "{\"ldrt\": 1, \"patient\": {\"id\": \"d\"}, \"events\": ["
    " {\"type\": \"toxicity\", \"date\": \"2023-07\", \"term\": \"Diarrhea\", \"during\": \"LXRT\"},"
    " {\"type\": \"toxicity\", \"date\": \"2023-07-24\", \"term\": \"Nausea\", \"during\": \"ev-rt\"},"
    " {\"type\": \"toxicity\", \"date\": \"2023-07\", \"term\": \"Fatigue\"},"
    " {\"type\": \"radiotherapy\", \"date\": \"2023-07-21\", \"end\": \"2023-07-26\", \"id\": \"ev-rt\","
    "  \"course_id\": \"LXRT\"},"
    " {\"type\": \"toxicity\", \"date\": \"2023\", \"term\": \"Colitis\", \"during\": \"ev-rt\"}"
    "]}";

START_TEST(during_round_trip_and_placement)
{
    ldrt_patient *p = load_text(during_doc);
    char *once = save_text(p);
    ldrt_patient *q = load_text(once);
    char *twice = save_text(q);
    ck_assert_str_eq(once, twice);
    ck_assert_ptr_nonnull(strstr(once, "\"during\": \"LXRT\""));
    const ldrt_event **ev;
    size_t n;
    tu_assert_ok(ldrt_patient_events(q, LDRT_EVENT_BIT(LDRT_EVENT_TOXICITY), LDRT_DATE_NONE,
                                     LDRT_DATE_NONE, 0, &ev, &n));
    ck_assert_uint_eq(n, 4);
    ldrt_date rt_start, rt_end, lo, hi;
    tu_assert_ok(ldrt_date_parse("2023-07-21", &rt_start));
    tu_assert_ok(ldrt_date_parse("2023-07-26", &rt_end));
    for (size_t i = 0; i < n; i++) {
        const char *term = ldrt_event_text(ev[i], LDRT_FIELD_TERM);
        int rc = ldrt_event_placed_span(ev[i], &lo, &hi);
        tu_assert_ok(rc);
        if (strcmp(term, "Diarrhea") == 0 || strcmp(term, "Colitis") == 0) {
            /* "2023-07" is 2023-07-01..2023-07-31 (and "2023" 2023-01-01..2023-12-31);
             * the course runs 2023-07-21..2023-07-26 (date to end). Placed:
             * max(07-01, 07-21) = 07-21 .. min(07-31, 07-26) = 07-26. */
            ck_assert_int_eq(lo, rt_start);
            ck_assert_int_eq(hi, rt_end);
            ck_assert_ptr_nonnull(ldrt_event_during(ev[i]));
            ck_assert_int_eq(ldrt_event_type(ldrt_event_during(ev[i])), LDRT_EVENT_RADIOTHERAPY);
        } else if (strcmp(term, "Nausea") == 0) {
            /* a full date within the course stays that day */
            ldrt_date d;
            tu_assert_ok(ldrt_date_parse("2023-07-24", &d));
            ck_assert_int_eq(lo, d);
            ck_assert_int_eq(hi, d);
        } else {
            /* no during: the month's own span */
            ldrt_date a, z;
            tu_assert_ok(ldrt_event_span(ev[i], &a, &z));
            ck_assert_int_eq(lo, a);
            ck_assert_int_eq(hi, z);
            ck_assert_ptr_null(ldrt_event_during(ev[i]));
        }
    }
    ldrt_free(ev);
    /* Through the model: set, refused on another kind, cleared. */
    ldrt_event *t;
    tu_assert_ok(ldrt_patient_add_event(q, LDRT_EVENT_TOXICITY, 20230700, &t));
    tu_assert_ok(ldrt_event_set_text(t, LDRT_FIELD_DURING, "nowhere"));
    ck_assert_int_eq(LDRT__SILENT(ldrt_event_placed_span(t, &lo, &hi)), LDRT_ENOTFOUND);
    ck_assert_str_eq(ldrt_event_field_name(LDRT_FIELD_DURING), "during");
    tu_assert_ok(ldrt_event_set_text(t, LDRT_FIELD_DURING, NULL));
    tu_assert_ok(ldrt_event_placed_span(t, &lo, &hi));
    ldrt_free(once);
    ldrt_free(twice);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
}
END_TEST

START_TEST(seed_timeline_places_diarrhoea_in_the_course)
{
    /* Fong 2025: "low-dose radiation ... given from July 21 to 26, 2023. The
     * treatment was well tolerated, complicated only by self-resolving grade 2
     * diarrhea"; the record says during LXRT-2023. The timeline lists the
     * diarrhoea (dated "2023-07") after the course start, not before. */
    ldrt_patient *p = load_seed();
    char *out = NULL;
    tu_assert_ok(ldrt_timeline_render(p, LDRT_TIMELINE_TEXT, &out, NULL));
    const char *course = strstr(out, "2023-07-21 to 2023-07-26  radiotherapy");
    const char *diarrhoea = strstr(out, "Diarrhea grade 2");
    ck_assert_ptr_nonnull(course);
    ck_assert_ptr_nonnull(diarrhoea);
    ck_assert(diarrhoea > course);
    ck_assert_ptr_nonnull(strstr(out, "during: LXRT-2023, placed 2023-07-21 to 2023-07-26"));
    ldrt_free(out);
    ldrt_patient_free(p);
}
END_TEST

/* ---- unknown members ---------------------------------------------------------------- */

static const char unknown_doc[] =
    "{\"x-top\": {\"a\": [1, 2.5, null, true]}, \"ldrt\": 1,"
    " \"patient\": {\"x-p\": \"kept\", \"id\": \"u\"},"
    " \"diagnoses\": [{\"x-d\": 1, \"date\": \"2020\", \"condition\": \"melanoma\"}],"
    " \"lesions\": [{\"id\": \"T1\", \"x-l\": {\"deep\": {\"er\": [\"x\"]}}}],"
    " \"events\": ["
    "  {\"x-e\": false, \"type\": \"systemic\", \"date\": \"2021-01-04\","
    "   \"agents\": [{\"drug\": \"d\", \"x-a\": 3}], \"repeat\": {\"x-r\": \"r\", \"every_days\": 7, \"count\": 2}},"
    "  {\"type\": \"radiotherapy\", \"date\": \"2021-02-01\","
    "   \"prescription\": {\"x-rx\": 1, \"total_gy\": 8, \"fractions\": 1, \"schedule\": \"daily\"}},"
    "  {\"type\": \"radiotherapy\", \"date\": \"2021-03-01\", \"fractions\": [{\"x-f\": 0.5, \"date\": \"2021-03-01\", \"dose_gy\": 0.5}]},"
    "  {\"type\": \"imaging\", \"date\": \"2021-04\", \"measurements\": [{\"lesion\": \"T1\", \"x-m\": 1, \"diameter_mm\": 10.5}],"
    "   \"sul_peak\": [{\"lesion\": \"T1\", \"value\": 2.5, \"x-s\": 2}], \"new_lesions\": [{\"id\": \"N\", \"x-n\": 3}],"
    "   \"recorded_response\": {\"criteria\": \"percist1.0\", \"overall\": \"PMR\", \"x-rr\": 4}}"
    " ]}";

START_TEST(unknown_members_are_kept)
{
    ldrt_patient *p = load_text(unknown_doc);
    char *out = save_text(p);
    json_error_t err;
    json_t *a = json_loads(unknown_doc, 0, &err), *b = json_loads(out, 0, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    /* Equal as JSON (object member order aside): every unknown member is back. */
    ck_assert_msg(json_equal(a, b), "round trip differs:\n%s", out);
    /* Unknown members come after the known ones. */
    ck_assert_ptr_nonnull(strstr(out, "\"id\": \"u\", \"x-p\": \"kept\""));
    json_decref(a);
    json_decref(b);
    ldrt_free(out);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(numbers_and_strings_are_written_exactly)
{
    /* Reals with the fewest digits that read back (0.1 + 0.2 needs 17),
     * integral values as integers, escapes for quotes and control characters. */
    ldrt_patient *p = NULL;
    ldrt_event *e;
    tu_assert_ok(ldrt_patient_new("n", &p));
    tu_assert_ok(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, 20210301, &e));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(e), 20210301, 0.1 + 0.2, NULL));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(e), 20210302, 2.2, NULL));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(e), 20210303, 2.0, NULL));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(e), 20210304, 1e-7, NULL));
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, "a \"b\"\\\n\x01"));
    char *out = save_text(p);
    ck_assert_ptr_nonnull(strstr(out, "\"dose_gy\": 0.30000000000000004}"));
    ck_assert_ptr_nonnull(strstr(out, "\"dose_gy\": 2.2}"));
    ck_assert_ptr_nonnull(strstr(out, "\"dose_gy\": 2}"));
    ck_assert_ptr_nonnull(strstr(out, "\"dose_gy\": 1e-07}"));
    ck_assert_ptr_nonnull(strstr(out, "\"note\": \"a \\\"b\\\"\\\\\\n\\u0001\""));
    ldrt_patient *q = load_text(out);
    double v;
    tu_assert_ok(ldrt_fraction_dose_gy(ldrt_course_fraction_at(ldrt_event_as_course(ldrt_patient_event_at(q, 0)), 0), &v));
    ck_assert(v == 0.1 + 0.2);
    ck_assert_str_eq(ldrt_event_text(ldrt_patient_event_at(q, 0), LDRT_FIELD_NOTE), "a \"b\"\\\n\x01");
    ldrt_free(out);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
}
END_TEST

/* ---- bad documents ------------------------------------------------------------------------ */

#define HEAD "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"lesions\": [{\"id\": \"T1\"}, {\"id\": \"N1\", \"nodal\": true}], \"events\": ["
#define EV(x) HEAD x "]}"
#define RT "\"type\": \"radiotherapy\", \"date\": \"2023-07-21\""
#define IM "\"type\": \"imaging\", \"date\": \"2023-09\""
#define SY "\"type\": \"systemic\", \"date\": \"2023-04\""

static const struct {
    const char *doc;
    int code;
    const char *needle;
} bad[] = {
    /* document and top level */
    { "", LDRT_EPARSE, "document: line" },
    { "[]", LDRT_EINVAL, "document: must be a JSON object" },
    { "{\"ldrt\": 1,", LDRT_EPARSE, "document: line 1" },
    { "{\"ldrt\": 1} x", LDRT_EPARSE, "document: line 1" },
    { "{\"ldrt\": 1, \"ldrt\": 1}", LDRT_EPARSE, "duplicate" },
    { "{\"patient\": {\"id\": \"p\"}, \"events\": []}", LDRT_EINVAL, "ldrt: required" },
    { "{\"ldrt\": 2, \"patient\": {\"id\": \"p\"}, \"events\": []}", LDRT_EUNSUPPORTED, "ldrt: version 2" },
    { "{\"ldrt\": \"1\", \"patient\": {\"id\": \"p\"}, \"events\": []}", LDRT_EINVAL, "ldrt: must be an integer" },
    { "{\"ldrt\": 1, \"events\": []}", LDRT_EINVAL, "patient: required" },
    { "{\"ldrt\": 1, \"patient\": [], \"events\": []}", LDRT_EINVAL, "patient: must be an object" },
    { "{\"ldrt\": 1, \"patient\": {}, \"events\": []}", LDRT_EINVAL, "patient.id: required" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": 7}, \"events\": []}", LDRT_EINVAL, "patient.id: must be a string" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"\"}, \"events\": []}", LDRT_EINVAL, "patient.id: must not be empty" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"birth_date\": \"1958-13\"}, \"events\": []}", LDRT_EPARSE, "patient.birth_date: date" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}}", LDRT_EINVAL, "events: required" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": {}}", LDRT_EINVAL, "events: must be an array" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"x\": \"a\\u0000b\"}, \"events\": []}", LDRT_EPARSE, "document: line 1" },
    /* diagnoses */
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"diagnoses\": {}, \"events\": []}", LDRT_EINVAL, "diagnoses: must be an array" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"diagnoses\": [{\"condition\": \"m\"}], \"events\": []}", LDRT_EINVAL, "diagnoses[0].date: required" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"diagnoses\": [{\"date\": \"2020\"}], \"events\": []}", LDRT_EINVAL, "diagnoses[0].condition: required" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"diagnoses\": [{\"date\": \"2020\", \"condition\": \"m\", \"markers\": []}], \"events\": []}", LDRT_EINVAL, "diagnoses[0].markers: must be an object" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"diagnoses\": [{\"date\": \"2020\", \"condition\": \"m\", \"markers\": {\"BRAF\": 0}}], \"events\": []}", LDRT_EINVAL, "diagnoses[0].markers.BRAF: must be a string" },
    /* lesions */
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"lesions\": [{\"id\": \"T1\"}, {\"id\": \"T1\"}], \"events\": []}", LDRT_EINVAL, "lesions[1].id: lesion \"T1\" already exists" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"lesions\": [{\"id\": \"T1\", \"nodal\": \"yes\"}], \"events\": []}", LDRT_EINVAL, "lesions[0].nodal: must be true or false" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"lesions\": [{\"id\": \"T1\", \"category\": \"primary\"}], \"events\": []}", LDRT_EINVAL, "lesions[0].category: \"primary\"" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"lesions\": [\"T1\"], \"events\": []}", LDRT_EINVAL, "lesions[0]: must be an object" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"lesions\": [{\"site\": \"liver\"}], \"events\": []}", LDRT_EINVAL, "lesions[0].id: required" },
    /* every event */
    { EV("1"), LDRT_EINVAL, "events[0]: must be an object" },
    { EV("{\"date\": \"2023\"}"), LDRT_EINVAL, "events[0].type: required" },
    { EV("{\"type\": \"chemo\", \"date\": \"2023\"}"), LDRT_EINVAL, "events[0].type: unknown event type \"chemo\"" },
    { EV("{\"type\": \"note\"}"), LDRT_EINVAL, "events[0].date: required" },
    { EV("{\"type\": \"note\", \"date\": \"2023-13\"}"), LDRT_EPARSE, "events[0].date: date \"2023-13\"" },
    { EV("{\"type\": \"note\", \"date\": \"2023-02-30\"}"), LDRT_EPARSE, "events[0].date: date \"2023-02-30\"" },
    { EV("{\"type\": \"note\", \"date\": 2023}"), LDRT_EINVAL, "events[0].date: must be a string" },
    { EV("{\"type\": \"note\", \"date\": \"2023-07\", \"end\": \"2023-06\"}"), LDRT_EINVAL, "events[0].end: 2023-06 is before the event date 2023-07" },
    { EV("{\"type\": \"note\", \"date\": \"2023\", \"grade\": 2}"), LDRT_EINVAL, "events[0].grade: not a field of note events" },
    { EV("{\"type\": \"note\", \"date\": \"2023\"}, {\"type\": \"note\", \"date\": \"2023\", \"id\": \"\"}"), LDRT_EINVAL, "events[1].id: must not be empty" },
    { EV("{\"type\": \"note\", \"date\": \"2023\", \"id\": \"a\"}, {\"type\": \"note\", \"date\": \"2024\", \"id\": \"a\"}"), LDRT_EINVAL, "events[1].id: \"a\" is already used" },
    { EV("{\"type\": \"diagnosis\", \"date\": \"2023\", \"site\": 5}"), LDRT_EINVAL, "events[0].site: must be a string" },
    { EV("{\"type\": \"progression\", \"date\": \"2023\", \"detail\": \"\"}"), LDRT_EINVAL, "events[0].detail: must not be empty" },
    /* systemic */
    { EV("{" SY ", \"agents\": {}}"), LDRT_EINVAL, "events[0].agents: must be an array" },
    { EV("{" SY ", \"agents\": [\"pembrolizumab\"]}"), LDRT_EINVAL, "events[0].agents[0]: must be an object" },
    { EV("{" SY ", \"agents\": [{\"dose\": 200, \"unit\": \"mg\"}]}"), LDRT_EINVAL, "events[0].agents[0].drug: required" },
    { EV("{" SY ", \"agents\": [{\"drug\": \"p\", \"dose\": 0, \"unit\": \"mg\"}]}"), LDRT_EINVAL, "events[0].agents[0].dose: must be > 0" },
    { EV("{" SY ", \"agents\": [{\"drug\": \"p\", \"dose\": -5, \"unit\": \"mg\"}]}"), LDRT_EINVAL, "events[0].agents[0].dose: must be > 0" },
    { EV("{" SY ", \"agents\": [{\"drug\": \"p\", \"dose\": \"200\", \"unit\": \"mg\"}]}"), LDRT_EINVAL, "events[0].agents[0].dose: must be a number" },
    { EV("{" SY ", \"agents\": [{\"drug\": \"p\", \"dose\": 200}]}"), LDRT_EINVAL, "events[0].agents[0].unit: required with a dose" },
    { EV("{" SY ", \"cycle\": 0}"), LDRT_EINVAL, "events[0].cycle: must be 1 to" },
    { EV("{" SY ", \"cycle\": 1.5}"), LDRT_EINVAL, "events[0].cycle: must be an integer" },
    { EV("{" SY ", \"repeat\": []}"), LDRT_EINVAL, "events[0].repeat: must be an object" },
    { EV("{" SY ", \"repeat\": {\"every_days\": 0, \"count\": 4}}"), LDRT_EINVAL, "events[0].repeat.every_days: must be 1 to" },
    { EV("{" SY ", \"repeat\": {\"every_days\": 21}}"), LDRT_EINVAL, "events[0].repeat.count: required" },
    { EV("{" SY ", \"repeat\": {\"every_days\": 21, \"count\": 1001}}"), LDRT_EINVAL, "events[0].repeat.count: must be 1 to 1000" },
    /* dates: "unknown" is the only value; until only with it, a date, not before the event (2023-04) */
    { EV("{" SY ", \"repeat\": {\"every_days\": 21, \"count\": 4, \"dates\": \"known\"}}"), LDRT_EINVAL, "events[0].repeat.dates: \"known\" is not \"unknown\"" },
    { EV("{" SY ", \"repeat\": {\"every_days\": 21, \"count\": 4, \"dates\": true}}"), LDRT_EINVAL, "events[0].repeat.dates: must be a string" },
    { EV("{" SY ", \"repeat\": {\"every_days\": 21, \"count\": 4, \"until\": \"2024\"}}"), LDRT_EINVAL, "events[0].repeat.until: only with \"dates\": \"unknown\"" },
    { EV("{" SY ", \"repeat\": {\"every_days\": 21, \"count\": 4, \"dates\": \"unknown\", \"until\": \"2023-03\"}}"), LDRT_EINVAL, "events[0].repeat.until: before the date of the series" },
    { EV("{" SY ", \"repeat\": {\"every_days\": 21, \"count\": 4, \"dates\": \"unknown\", \"until\": \"2023-13\"}}"), LDRT_EPARSE, "events[0].repeat.until: date \"2023-13\"" },
    /* radiotherapy */
    { EV("{" RT ", \"targets\": [\"T9\"]}"), LDRT_ENOTFOUND, "events[0].targets[0]: unknown lesion \"T9\"" },
    { EV("{" RT ", \"targets\": [\"T1\", \"T1\"]}"), LDRT_EINVAL, "events[0].targets[1]: lesion \"T1\" is already listed" },
    { EV("{" RT ", \"targets\": [1]}"), LDRT_EINVAL, "events[0].targets[0]: must be a lesion id" },
    { EV("{" RT ", \"margin_mm\": -2}"), LDRT_EINVAL, "events[0].margin_mm: must be >= 0" },
    { EV("{" RT ", \"fractions\": [{\"date\": \"2023-07-21\", \"dose_gy\": 2}, {\"date\": \"2023-07-22\", \"dose_gy\": 0}]}"), LDRT_EINVAL, "events[0].fractions[1].dose_gy: must be > 0" },
    { EV("{" RT ", \"fractions\": [{\"date\": \"2023-07-21\"}]}"), LDRT_EINVAL, "events[0].fractions[0].dose_gy: required" },
    { EV("{" RT ", \"fractions\": [{\"dose_gy\": 2}]}"), LDRT_EINVAL, "events[0].fractions[0].date: required" },
    { EV("{" RT ", \"fractions\": [{\"date\": \"2023-07-20\", \"dose_gy\": 2}]}"), LDRT_EINVAL, "events[0].fractions[0].date: the fraction falls outside the course" },
    { EV("{" RT ", \"fractions\": [{\"date\": \"2023-07-24\", \"dose_gy\": 2}, {\"date\": \"2023-07-23\", \"dose_gy\": 2}]}"), LDRT_EINVAL, "events[0].fractions[1].date: the fraction is before the previous fraction" },
    { EV("{" RT ", \"end\": \"2023-07-22\", \"fractions\": [{\"date\": \"2023-07-23\", \"dose_gy\": 2}]}"), LDRT_EINVAL, "events[0].fractions[0].date: the fraction falls outside the course" },
    { EV("{" RT ", \"fractions\": [], \"prescription\": {\"total_gy\": 10, \"fractions\": 5, \"schedule\": \"daily\"}}"), LDRT_EINVAL, "events[0].prescription: a course has either" },
    { EV("{" RT ", \"prescription\": {\"total_gy\": -1, \"fractions\": 5, \"schedule\": \"daily\"}}"), LDRT_EINVAL, "events[0].prescription.total_gy: must be > 0" },
    { EV("{" RT ", \"prescription\": {\"total_gy\": 10, \"fractions\": 0, \"schedule\": \"daily\"}}"), LDRT_EINVAL, "events[0].prescription.fractions: must be 1 to 1000" },
    { EV("{" RT ", \"prescription\": {\"total_gy\": 10, \"fractions\": 5, \"schedule\": \"twice-daily\"}}"), LDRT_EINVAL, "events[0].prescription.schedule: \"twice-daily\"" },
    { EV("{" RT ", \"prescription\": {\"total_gy\": 10, \"fractions\": 5}}"), LDRT_EINVAL, "events[0].prescription.schedule: required" },
    { EV("{\"type\": \"radiotherapy\", \"date\": \"2023-07-22\", \"prescription\": {\"total_gy\": 10, \"fractions\": 5, \"schedule\": \"weekdays\"}}"), LDRT_EINVAL, "events[0].prescription.schedule: a weekdays course cannot start on a weekend day" },
    { EV("{" RT ", \"end\": \"2023-07-23\", \"prescription\": {\"total_gy\": 10, \"fractions\": 5, \"schedule\": \"daily\"}}"), LDRT_EINVAL, "events[0].prescription: the last of 5 fractions falls after the course end" },
    { EV("{" RT ", \"course_id\": \"C\"}, {" RT ", \"course_id\": \"C\"}"), LDRT_EINVAL, "events[1].course_id: \"C\" is already used" },
    /* imaging */
    { EV("{" IM ", \"measurements\": [{\"lesion\": \"T9\", \"diameter_mm\": 10}]}"), LDRT_ENOTFOUND, "events[0].measurements[0].lesion: unknown lesion \"T9\"" },
    { EV("{" IM ", \"measurements\": [{\"lesion\": \"T1\", \"diameter_mm\": -1}]}"), LDRT_EINVAL, "events[0].measurements[0].diameter_mm: must be >= 0" },
    { EV("{" IM ", \"measurements\": [{\"lesion\": \"T1\", \"diameter_mm\": \"22\"}]}"), LDRT_EINVAL, "events[0].measurements[0].diameter_mm: must be a number" },
    { EV("{" IM ", \"measurements\": [{\"diameter_mm\": 22}]}"), LDRT_EINVAL, "events[0].measurements[0].lesion: required" },
    { EV("{" IM ", \"measurements\": [{\"lesion\": \"T1\", \"diameter_mm\": 22}, {\"lesion\": \"T1\", \"diameter_mm\": 20}]}"), LDRT_EINVAL, "events[0].measurements[1].lesion: \"T1\" is already measured" },
    { EV("{" IM ", \"measurements\": [{\"lesion\": \"T1\", \"too_small\": \"yes\"}]}"), LDRT_EINVAL, "events[0].measurements[0].too_small: must be true or false" },
    { EV("{" IM ", \"sul_peak\": [{\"lesion\": \"T1\", \"value\": -1}]}"), LDRT_EINVAL, "events[0].sul_peak[0].value: must be >= 0" },
    { EV("{" IM ", \"sul_peak\": [{\"lesion\": \"T1\"}]}"), LDRT_EINVAL, "events[0].sul_peak[0].value: required" },
    { EV("{" IM ", \"liver_sul_mean\": 0}"), LDRT_EINVAL, "events[0].liver_sul_mean: must be > 0" },
    { EV("{" IM ", \"blood_pool_sul\": 0}"), LDRT_EINVAL, "events[0].blood_pool_sul: must be > 0" },
    { EV("{" IM ", \"non_target\": {\"T1\": \"gone\"}}"), LDRT_EINVAL, "events[0].non_target.T1: must be \"present\"" },
    { EV("{" IM ", \"non_target\": {\"X9\": \"present\"}}"), LDRT_ENOTFOUND, "events[0].non_target.X9: unknown lesion" },
    { EV("{" IM ", \"non_target\": [\"T1\"]}"), LDRT_EINVAL, "events[0].non_target: must be an object" },
    { EV("{" IM ", \"new_lesions\": [{\"site\": \"liver\"}]}"), LDRT_EINVAL, "events[0].new_lesions[0].id: required" },
    { EV("{" IM ", \"new_lesions\": [{\"id\": \"N\"}, {\"id\": \"N\"}]}"), LDRT_EINVAL, "events[0].new_lesions[1].id: new lesion \"N\" is already listed" },
    { EV("{" IM ", \"new_lesions\": [{\"id\": \"N\", \"diameter_mm\": -4}]}"), LDRT_EINVAL, "events[0].new_lesions[0].diameter_mm: must be >= 0" },
    { EV("{" IM ", \"recorded_response\": {\"criteria\": \"who\", \"overall\": \"PR\"}}"), LDRT_EINVAL, "events[0].recorded_response.criteria: \"who\"" },
    { EV("{" IM ", \"recorded_response\": {\"criteria\": \"recist1.1\", \"overall\": \"CMR\"}}"), LDRT_EINVAL, "events[0].recorded_response.overall: \"CMR\" is not a recist1.1 response" },
    { EV("{" IM ", \"recorded_response\": {\"criteria\": \"recist1.1\"}}"), LDRT_EINVAL, "events[0].recorded_response.overall: required" },
    { EV("{" IM ", \"baseline\": 1}"), LDRT_EINVAL, "events[0].baseline: must be true or false" },
    /* toxicity */
    { EV("{\"type\": \"toxicity\", \"date\": \"2023\", \"grade\": 6}"), LDRT_EINVAL, "events[0].grade: must be 1 to 5" },
    { EV("{\"type\": \"toxicity\", \"date\": \"2023\", \"grade\": 0}"), LDRT_EINVAL, "events[0].grade: must be 1 to 5" },
    { EV("{\"type\": \"toxicity\", \"date\": \"2023-07\", \"resolved\": \"2023-06-30\"}"), LDRT_EINVAL, "events[0].resolved: 2023-06-30 is before the event date 2023-07" },
    { EV("{\"type\": \"toxicity\", \"date\": \"2023-07\", \"term\": [\"Diarrhea\"]}"), LDRT_EINVAL, "events[0].term: must be a string" },
    /* during: another event of the record whose span overlaps the toxicity's */
    { EV("{\"type\": \"toxicity\", \"date\": \"2023-07\", \"during\": \"LXRT-2024\"}"), LDRT_ENOTFOUND, "events[0].during: undefined event id \"LXRT-2024\"" },
    { EV("{\"type\": \"toxicity\", \"date\": \"2023-07\", \"id\": \"tox\", \"during\": \"tox\"}"), LDRT_EINVAL, "events[0].during: \"tox\" names the toxicity itself" },
    { EV("{\"type\": \"toxicity\", \"date\": \"2023-08\", \"during\": \"C\"}, {\"type\": \"radiotherapy\", \"date\": \"2023-07-21\", \"end\": \"2023-07-26\", \"course_id\": \"C\"}"), LDRT_ERANGE, "events[0].during: the toxicity's date 2023-08 does not overlap \"C\" (2023-07-21 to 2023-07-26)" },
    { EV("{\"type\": \"toxicity\", \"date\": \"2023-07\", \"during\": 7}"), LDRT_EINVAL, "events[0].during: must be a string" },
    { EV("{\"type\": \"note\", \"date\": \"2023-07\", \"during\": \"x\"}"), LDRT_EINVAL, "events[0].during: not a field of note events" },
    /* hold and surgery */
    { EV("{\"type\": \"hold\", \"date\": \"2022-06-13\", \"kind\": \"pause\"}"), LDRT_EINVAL, "events[0].kind: \"pause\" is not holiday or discontinued" },
    { EV("{\"type\": \"hold\", \"date\": \"2022-06-13\", \"drugs\": [1]}"), LDRT_EINVAL, "events[0].drugs[0]: must be a drug name" },
    { EV("{\"type\": \"hold\", \"date\": \"2022-06-13\", \"drugs\": [\"x\", \"x\"]}"), LDRT_EINVAL, "events[0].drugs[1]: \"x\" is already listed" },
    { EV("{\"type\": \"surgery\", \"date\": \"2023-04-13\", \"lesions\": [\"SB\"]}"), LDRT_ENOTFOUND, "events[0].lesions[0]: unknown lesion \"SB\"" },
    { EV("{\"type\": \"surgery\", \"date\": \"2023-04-13\", \"pathology\": true}"), LDRT_EINVAL, "events[0].pathology: must be a string" },
    /* where a message of the model is placed: under the member it names, or
     * in place of the list or the object the path already names */
    { EV("{" SY ", \"agents\": [{\"drug\": \"p\", \"code\": {\"system\": \"http://snomed.info/sct\", \"code\": \"123\"}}]}"), LDRT_EINVAL, "events[0].agents[0].code.code: \"123\" is not a SNOMED CT identifier" },
    { EV("{" SY ", \"agents\": [{\"drug\": \"p\", \"code\": []}]}"), LDRT_EINVAL, "events[0].agents[0].code: must be an object" },
    { EV("{\"type\": \"note\", \"date\": \"2023\", \"code\": {\"system\": \"http://snomed.info/sct\", \"code\": \"1156506007\"}}"), LDRT_EINVAL, "events[0].code: a note has no coded term" },
    { EV("{\"type\": \"hold\", \"date\": \"2022-06-13\", \"drugs\": [\"\"]}"), LDRT_EINVAL, "events[0].drugs[0]: must not be empty" },
    { "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"diagnoses\": [{\"date\": \"2020\", \"condition\": \"m\", \"markers\": {\"BRAF\": \"\"}}], \"events\": []}", LDRT_EINVAL, "diagnoses[0].markers.BRAF: must not be empty" },
    { EV("{\"type\": \"hold\", \"date\": \"2022-06-13\", \"targets\": [\"T1\"]}"), LDRT_EINVAL, "events[0].targets: not a field of hold events" },
    /* the index of a later event */
    { EV("{\"type\": \"note\", \"date\": \"2023\"}, {\"type\": \"note\", \"date\": \"2023\"}, {" RT ", \"fractions\": [{\"date\": \"2023-07-21\", \"dose_gy\": 0}]}"), LDRT_EINVAL, "events[2].fractions[0].dose_gy: must be > 0" },
};

START_TEST(bad_documents_are_refused_with_their_path)
{
    ldrt_patient *p = (ldrt_patient *)&p; /* must stay untouched */
    ldrt_patient *keep = p;
    tu_assert_error(ldrt_patient_load_json_buffer(bad[_i].doc, strlen(bad[_i].doc), &p), bad[_i].code,
                    bad[_i].needle);
    ck_assert_ptr_eq(p, keep);
    /* The validator reports the same problem. */
    char *report = NULL;
    size_t problems = 0;
    tu_assert_ok(ldrt_json_validate_buffer(bad[_i].doc, strlen(bad[_i].doc), &report, &problems));
    ck_assert_uint_ge(problems, 1);
    ck_assert_msg(strstr(report, bad[_i].needle) != NULL, "report \"%s\" lacks \"%s\"", report,
                  bad[_i].needle);
    ldrt_free(report);
}
END_TEST

/* Found by fuzzing: jansson reads a NUL byte right after a number or a
 * literal as if it were not there; JSON allows no NUL byte anywhere, and the
 * loaders refuse it where it is (line 2, column 7 here, by hand), not as
 * memory running out. */
START_TEST(nul_byte_is_refused_where_it_is)
{
    static const char doc[] = "{\"ldrt\": 1,\n\"x\": 1\0, \"patient\": {\"id\": \"p\"}, \"events\": []}";
    ldrt_patient *p = NULL;
    tu_assert_error(ldrt_patient_load_json_buffer(doc, sizeof doc - 1, &p), LDRT_EPARSE,
                    "document: line 2, column 7: NUL byte");
    ck_assert_ptr_null(p);
    char *report = NULL;
    size_t problems = 0;
    tu_assert_ok(ldrt_json_validate_buffer(doc, sizeof doc - 1, &report, &problems));
    ck_assert_uint_eq(problems, 1);
    ck_assert_ptr_nonnull(strstr(report, "line 2, column 7: NUL byte"));
    ldrt_free(report);
    static const char bundle[] = "{\"resourceType\": \"Bundle\", \"type\": \"collection\",\n \"total\": 0\0}";
    char *warnings = NULL;
    tu_assert_error(ldrt_patient_read_fhir(bundle, sizeof bundle - 1, &p, &warnings), LDRT_EPARSE,
                    "FHIR bundle: line 2, column 12: NUL byte");
    ck_assert_ptr_null(p);
}
END_TEST

START_TEST(validation_lists_every_problem)
{
    char *report = NULL;
    size_t problems = 0;
    tu_assert_ok(ldrt_json_validate_file(tu_data_path("bad-multi.json"), &report, &problems));
    ck_assert_uint_eq(problems, 3);
    ck_assert_ptr_nonnull(strstr(report, "lesions[1].id: lesion \"T1\" already exists\n"));
    ck_assert_ptr_nonnull(strstr(report, "events[0].grade: must be 1 to 5 (got 7)\n"));
    ck_assert_ptr_nonnull(strstr(report, "events[2].fractions[0].dose_gy: must be > 0"));
    ldrt_free(report);
    tu_assert_error(ldrt_json_validate_file("no/such/file.json", &report, &problems), LDRT_EIO,
                    "no/such/file.json: cannot open");
    tu_assert_error(ldrt_patient_load_json("no/such/file.json", &(ldrt_patient *){ NULL }),
                    LDRT_EIO, "no/such/file.json");
    /* An empty file name is a bad argument, as for saving (not "": cannot open). */
    tu_assert_error(ldrt_json_validate_file("", &report, &problems), LDRT_EINVAL,
                    "path: must not be empty");
    tu_assert_error(ldrt_patient_load_json("", &(ldrt_patient *){ NULL }), LDRT_EINVAL,
                    "path: must not be empty");
    tu_assert_error(ldrt_json_validate_buffer(NULL, 0, &report, &problems), LDRT_EINVAL, "data");
}
END_TEST

/* ---- limits ------------------------------------------------------------------------------ */

static char *repeat_text(const char *head, const char *item, size_t n, const char *tail)
{
    size_t hl = strlen(head), il = strlen(item), tl = strlen(tail);
    char *s = malloc(hl + n * (il + 1) + tl + 1), *w = s;
    memcpy(w, head, hl);
    w += hl;
    for (size_t i = 0; i < n; i++) {
        if (i)
            *w++ = ',';
        memcpy(w, item, il);
        w += il;
    }
    memcpy(w, tail, tl + 1);
    return s;
}

static void assert_refused(const char *doc, size_t size, int code, const char *needle)
{
    ldrt_patient *p = NULL;
    tu_assert_error(ldrt_patient_load_json_buffer(doc, size, &p), code, needle);
    ck_assert_ptr_null(p);
}

START_TEST(limit_document_size)
{
    size_t n = LDRT_JSON_MAX_BYTES + 1;
    char *doc = malloc(n);
    memset(doc, ' ', n);
    assert_refused(doc, n, LDRT_ERANGE, "document: 16777217 bytes is more than the limit of 16777216");
    /* The same from a file: refused while reading, by the loader and the validator. */
    char *dir = make_temp_dir(), path[4200];
    snprintf(path, sizeof path, "%s/big.json", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_uint_eq(fwrite(doc, 1, n, f), n);
    fclose(f);
    ldrt_patient *p = NULL;
    tu_assert_error(ldrt_patient_load_json(path, &p), LDRT_ERANGE, "more than the limit of 16777216 bytes");
    ck_assert_ptr_null(p);
    char *report = NULL;
    size_t problems = 0;
    tu_assert_ok(ldrt_json_validate_file(path, &report, &problems));
    ck_assert_uint_eq(problems, 1);
    ck_assert_str_eq(report, "document: more than the limit of 16777216 bytes\n");
    ldrt_free(report);
    /* A directory is not a document. */
    tu_assert_error(ldrt_patient_load_json(dir, &p), LDRT_EIO, "cannot read");
    remove_dir(dir);
    free(dir);
    free(doc);
}
END_TEST

START_TEST(limit_nesting_depth)
{
    /* An unknown member "x" holding nested arrays: the top object is depth
     * 1, so 31 arrays reach depth 32 (accepted) and 32 arrays depth 33. */
    for (int arrays = 31; arrays <= 32; arrays++) {
        char doc[512];
        int h = snprintf(doc, sizeof doc, "%s", "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [], \"x\": ");
        memset(doc + h, '[', (size_t)arrays);
        memset(doc + h + arrays, ']', (size_t)arrays);
        strcpy(doc + h + 2 * arrays, "}");
        ldrt_patient *p = NULL;
        if (arrays == 31) {
            tu_assert_ok(ldrt_patient_load_json_buffer(doc, strlen(doc), &p));
            ldrt_patient_free(p);
        } else {
            assert_refused(doc, strlen(doc), LDRT_ERANGE,
                           "x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than the limit of 32 levels");
        }
    }
    /* Far deeper than jansson's own parser limit: still a clear ERANGE. */
    size_t n = 5000;
    char *doc = malloc(2 * n + 1);
    memset(doc, '[', n);
    memset(doc + n, ']', n);
    doc[2 * n] = '\0';
    assert_refused(doc, 2 * n, LDRT_ERANGE, "nested deeper");
    free(doc);
}
END_TEST

START_TEST(limit_string_length)
{
    size_t n = LDRT_JSON_MAX_STRING + 1;
    char *doc = malloc(n + 200);
    int h = snprintf(doc, 200, "{\"ldrt\": 1, \"patient\": {\"id\": \"p\", \"x\": \"");
    memset(doc + h, 'a', n);
    strcpy(doc + h + n, "\"}, \"events\": []}");
    assert_refused(doc, strlen(doc), LDRT_ERANGE, "patient.x: string of 65537 bytes is longer than the limit of 65536");
    /* Exactly at the limit is accepted. */
    strcpy(doc + h + n - 1, "\"}, \"events\": []}");
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(doc, strlen(doc), &p));
    ldrt_patient_free(p);
    free(doc);
}
END_TEST

START_TEST(limit_number_of_items)
{
    char *doc = repeat_text("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [",
                            "{}", LDRT_MAX_EVENTS + 1, "]}");
    assert_refused(doc, strlen(doc), LDRT_ERANGE, "events: has 100001 items, more than the limit of 100000");
    free(doc);
    doc = repeat_text(HEAD "{" RT ", \"fractions\": [", "{\"date\": \"2023-07-21\", \"dose_gy\": 1}",
                      LDRT_MAX_FRACTIONS + 1, "]}]}");
    assert_refused(doc, strlen(doc), LDRT_ERANGE, "events[0].fractions: has 1001 items");
    free(doc);
    doc = repeat_text(HEAD "{" IM ", \"new_lesions\": [", "{\"id\": \"x\"}", LDRT_MAX_ITEMS + 1, "]}]}");
    assert_refused(doc, strlen(doc), LDRT_ERANGE, "events[0].new_lesions: has 1001 items");
    free(doc);
    doc = repeat_text("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [], \"lesions\": [",
                      "{\"id\": \"x\"}", LDRT_MAX_ITEMS + 1, "]}");
    assert_refused(doc, strlen(doc), LDRT_ERANGE, "lesions: has 1001 items");
    free(doc);
}
END_TEST

START_TEST(limit_events_exactly_at_the_limit)
{
    /* LDRT_MAX_EVENTS events with ids, in reverse time order: accepted, sorted,
     * each id findable. (Building is O(n log n); a quadratic loader would not
     * finish within the test timeout.) */
    size_t n = LDRT_MAX_EVENTS, cap = n * 64 + 100, len = 0;
    char *doc = malloc(cap);
    len += (size_t)snprintf(doc, cap, "{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [");
    for (size_t i = 0; i < n; i++) {
        int64_t day;
        ldrt_date d;
        tu_assert_ok(ldrt_date_to_days(20000101, &day));
        tu_assert_ok(ldrt_date_from_days(day + (int64_t)(n - i), &d));
        len += (size_t)snprintf(doc + len, cap - len, "%s{\"type\": \"note\", \"date\": \"%04d-%02d-%02d\", \"id\": \"e%zu\"}",
                                i ? "," : "", d / 10000, d / 100 % 100, d % 100, i);
    }
    len += (size_t)snprintf(doc + len, cap - len, "]}");
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(doc, len, &p));
    ck_assert_uint_eq(ldrt_patient_event_count(p), n);
    ck_assert_str_eq(ldrt_event_id(ldrt_patient_event_at(p, 0)), "e99999");   /* 2000-01-02 */
    ck_assert_int_eq(ldrt_event_date(ldrt_patient_event_at(p, 0)), 20000102);
    const ldrt_event *e = NULL;
    tu_assert_ok(ldrt_patient_find_event(p, "e0", &e));
    ck_assert_ptr_eq(e, ldrt_patient_event_at(p, n - 1));
    ldrt_patient_free(p);
    free(doc);
}
END_TEST

START_TEST(limit_listed_problems)
{
    /* 1005 bad events: all counted, 1000 listed, then one summary line. */
    char *doc = repeat_text("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [",
                            "{\"type\": \"note\", \"date\": \"2023-13\"}", LDRT_JSON_MAX_PROBLEMS + 5, "]}");
    char *report = NULL;
    size_t problems = 0, lines = 0;
    tu_assert_ok(ldrt_json_validate_buffer(doc, strlen(doc), &report, &problems));
    ck_assert_uint_eq(problems, LDRT_JSON_MAX_PROBLEMS + 5);
    for (const char *c = report; *c; c++)
        lines += *c == '\n';
    ck_assert_uint_eq(lines, LDRT_JSON_MAX_PROBLEMS + 1);
    ck_assert_ptr_nonnull(strstr(report, "events[999].date: date \"2023-13\""));
    ck_assert_ptr_null(strstr(report, "events[1000].date"));
    ck_assert_ptr_nonnull(strstr(report, "document: 5 more problems not listed\n"));
    ldrt_free(report);
    free(doc);
}
END_TEST

START_TEST(limit_generated_items)
{
    /* 51 series of 1000 administrations pass LDRT_MAX_GENERATED (50000). */
    char *doc = repeat_text("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"events\": [",
                            "{\"type\": \"systemic\", \"date\": \"2020-01-01\", "
                            "\"repeat\": {\"every_days\": 1, \"count\": 1000}}",
                            LDRT_MAX_GENERATED / LDRT_MAX_REPEAT_COUNT + 1, "]}");
    assert_refused(doc, strlen(doc), LDRT_ERANGE, "events[50].repeat: the patient would have more than 50000");
    free(doc);
}
END_TEST

/* ---- saving ---------------------------------------------------------------------------------- */

START_TEST(save_and_load_a_file)
{
    char *dir = make_temp_dir();
    char path[4200];
    snprintf(path, sizeof path, "%s/case.json", dir);
    ldrt_patient *p = load_seed(), *q = NULL;
    tu_assert_ok(ldrt_patient_save_json(p, path));
    tu_assert_ok(ldrt_patient_load_json(path, &q));
    char *a = save_text(p), *b = save_text(q);
    ck_assert_str_eq(a, b);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0600);  /* a new record is private */
    ck_assert_int_eq(chmod(path, 0640), 0);
    tu_assert_ok(ldrt_patient_save_json(q, path));
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);  /* an existing file keeps its mode */
    ck_assert_int_eq(count_files(dir), 1);      /* no temporary file left */
    ldrt_free(a);
    ldrt_free(b);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
    remove_dir(dir);
    free(dir);
}
END_TEST

START_TEST(failed_save_leaves_the_old_file)
{
    char *dir = make_temp_dir();
    char path[4200];
    snprintf(path, sizeof path, "%s/case.json", dir);
    ldrt_patient *small = NULL, *big = load_seed();
    tu_assert_ok(ldrt_patient_new("small", &small));
    tu_assert_ok(ldrt_patient_save_json(small, path));
    size_t n0;
    char *before = tu_slurp(path, &n0);
    /* A write that fails part-way: the file size limit is hit. */
    struct rlimit old, lim;
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 4096;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    int rc = ldrt_patient_save_json(big, path);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, prev);
    tu_assert_error(rc, LDRT_EIO, "cannot write");
    ck_assert_ptr_nonnull(strstr(ldrt_last_error(), "case.json"));
    size_t n1;
    char *after = tu_slurp(path, &n1);
    ck_assert_uint_eq(n0, n1);
    ck_assert_int_eq(memcmp(before, after, n0), 0);
    ck_assert_int_eq(count_files(dir), 1);
    free(after);
    /* A directory where no temporary file can be created (not for root,
     * who may write anywhere). */
    if (geteuid() != 0) {
        ck_assert_int_eq(chmod(dir, 0500), 0);
        rc = ldrt_patient_save_json(big, path);
        ck_assert_int_eq(chmod(dir, 0700), 0);
        tu_assert_error(rc, LDRT_EIO, "cannot create a temporary file");
        after = tu_slurp(path, &n1);
        ck_assert_int_eq(memcmp(before, after, n0), 0);
        free(after);
    }
    /* A directory that does not exist. */
    snprintf(path, sizeof path, "%s/missing/case.json", dir);
    tu_assert_error(ldrt_patient_save_json(big, path), LDRT_EIO, "missing/case.json");
    tu_assert_error(ldrt_patient_save_json(big, ""), LDRT_EINVAL, "path");
    tu_assert_error(ldrt_patient_save_json(NULL, "x"), LDRT_EINVAL, "p");
    free(before);
    ldrt_patient_free(small);
    ldrt_patient_free(big);
    remove_dir(dir);
    free(dir);
}
END_TEST

/* ---- allocation failures ----------------------------------------------------------------------- */

struct io_arg {
    const char *text;
    size_t size;
    const char *path;
    ldrt_patient *p;
    char *out;
    int format;
};

static int try_load(void *a)
{
    struct io_arg *x = a;
    return ldrt_patient_load_json_buffer(x->text, x->size, &x->p);
}

static int try_load_file(void *a)
{
    struct io_arg *x = a;
    return ldrt_patient_load_json(x->path, &x->p);
}

static void undo_load(void *a)
{
    struct io_arg *x = a;
    ldrt_patient_free(x->p);
    x->p = NULL;
}

static int try_save(void *a)
{
    struct io_arg *x = a;
    return ldrt_patient_save_json_buffer(x->p, &x->out, NULL);
}

static int try_save_file(void *a)
{
    struct io_arg *x = a;
    return ldrt_patient_save_json(x->p, x->path);
}

static int try_validate(void *a)
{
    struct io_arg *x = a;
    size_t n;
    return ldrt_json_validate_buffer(x->text, x->size, &x->out, &n);
}

static int try_timeline(void *a)
{
    struct io_arg *x = a;
    return ldrt_timeline_render(x->p, x->format, &x->out, NULL);
}

static void undo_out(void *a)
{
    struct io_arg *x = a;
    ldrt_free(x->out);
    x->out = NULL;
}

START_TEST(allocation_failures_in_load_and_save)
{
    struct io_arg x = { 0 };
    char *text = tu_slurp(tu_data_path("all-kinds.json"), &x.size);
    x.text = text;
    tu_alloc_install();
    ck_assert_int_gt(tu_alloc_fail_each(try_load, undo_load, &x), 50);
    x.path = tu_data_path("all-kinds.json");
    ck_assert_int_gt(tu_alloc_fail_each(try_load_file, undo_load, &x), 50);
    tu_assert_ok(ldrt_patient_load_json_buffer(x.text, x.size, &x.p));
    ck_assert_int_gt(tu_alloc_fail_each(try_save, undo_out, &x), 50);
    char *dir = make_temp_dir(), path[4200];
    snprintf(path, sizeof path, "%s/out.json", dir);
    x.path = path;
    ck_assert_int_gt(tu_alloc_fail_each(try_save_file, NULL, &x), 50);
    ck_assert_int_eq(count_files(dir), 1);
    for (x.format = LDRT_TIMELINE_TEXT; x.format <= LDRT_TIMELINE_JSON; x.format++)
        ck_assert_int_gt(tu_alloc_fail_each(try_timeline, undo_out, &x), 5);
    ldrt_patient_free(x.p);
    x.p = NULL;
    free(text);
    text = tu_slurp(tu_data_path("bad-multi.json"), &x.size);
    x.text = text;
    ck_assert_int_gt(tu_alloc_fail_each(try_validate, undo_out, &x), 10);
    ck_assert_int_eq(tu_alloc_live(), 0);
    tu_alloc_uninstall();
    free(text);
    remove_dir(dir);
    free(dir);
}
END_TEST

/* A mutation that fails for lack of memory leaves the record exactly as it
 * was: the saved document is byte-identical before and after. */
struct mut_arg {
    ldrt_patient *p;
    char *before;
    int step, rc;
    ldrt_event *made;
};

static int mutate(void *a)
{
    struct mut_arg *m = a;
    ldrt_event *e = ldrt_patient_event_at_mut(m->p, 0);
    m->made = NULL;
    switch (m->step) {
    case 0: m->rc = ldrt_patient_add_event(m->p, LDRT_EVENT_NOTE, 20240101, &m->made); break;
    case 1: m->rc = ldrt_patient_add_lesion(m->p, "NEW", NULL); break;
    case 2: m->rc = ldrt_event_set_text(e, LDRT_FIELD_NOTE, "changed"); break;
    case 3: m->rc = ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(e), 7, 30); break;
    default: m->rc = ldrt_patient_add_diagnosis(m->p, 20200101, "melanoma", NULL); break;
    }
    return m->rc;
}

static void check_or_undo(void *a)
{
    struct mut_arg *m = a;
    if (m->rc == LDRT_OK) {
        ldrt_event *e = ldrt_patient_event_at_mut(m->p, 0);
        ldrt_lesion *l;
        switch (m->step) {
        case 0: tu_assert_ok(ldrt_patient_remove_event(m->p, m->made)); break;
        case 1:
            tu_assert_ok(ldrt_patient_find_lesion_mut(m->p, "NEW", &l));
            tu_assert_ok(ldrt_patient_remove_lesion(m->p, l));
            break;
        case 2: tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, NULL)); break;
        case 3: tu_assert_ok(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(e), 0, 0)); break;
        default:
            tu_assert_ok(ldrt_patient_remove_diagnosis(
                m->p, ldrt_patient_diagnosis_at_mut(m->p, ldrt_patient_diagnosis_count(m->p) - 1)));
            break;
        }
        return;
    }
    char *now = save_text(m->p);
    ck_assert_str_eq(now, m->before);
    ldrt_free(now);
}

START_TEST(failed_mutations_change_nothing)
{
    struct mut_arg m = { 0 };
    tu_alloc_install();
    /* Every list the mutations grow exists already: an undone success then
     * leaves only spare capacity, which is not a new block. */
    m.p = load_text("{\"ldrt\": 1, \"patient\": {\"id\": \"p\"}, \"lesions\": [{\"id\": \"T1\"}],"
                    " \"diagnoses\": [{\"date\": \"2019\", \"condition\": \"naevus\"}],"
                    " \"events\": [{\"type\": \"systemic\", \"date\": \"2023-04-03\", \"agents\": [{\"drug\": \"p\"}]}]}");
    m.before = save_text(m.p);
    for (m.step = 0; m.step < 5; m.step++)
        ck_assert_int_gt(tu_alloc_fail_each(mutate, check_or_undo, &m), 0);
    ldrt_free(m.before);
    ldrt_patient_free(m.p);
    ck_assert_int_eq(tu_alloc_live(), 0);
    tu_alloc_uninstall();
}
END_TEST

/* ---- timeline ----------------------------------------------------------------------------------- */

START_TEST(timeline_formats)
{
    ldrt_patient *p = load_seed();
    char *out = NULL;
    size_t n = 0;
    ldrt_format f = LDRT_FORMAT_TEXT;
    tu_assert_ok(ldrt_timeline_format_parse("markdown", &f));
    ck_assert_int_eq(f, LDRT_TIMELINE_MARKDOWN);
    tu_assert_error(ldrt_timeline_format_parse("html", &f), LDRT_ENOTFOUND, "html");
    tu_assert_ok(ldrt_timeline_render(p, LDRT_TIMELINE_MARKDOWN, &out, &n));
    ck_assert_int_eq(strncmp(out, "| Date | Event | Details |\n|---|---|---|\n", 40), 0);
    ck_assert_ptr_nonnull(strstr(out, "| 2023-07-21 to 2023-07-26 | radiotherapy | LXRT-2023: 10 Gy in 5 fractions"));
    ck_assert_uint_eq(strlen(out), n);
    ldrt_free(out);
    tu_assert_ok(ldrt_timeline_render(p, LDRT_TIMELINE_JSON, &out, &n));
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    ck_assert_msg(j != NULL, "%s", err.text);
    ck_assert_str_eq(json_string_value(json_object_get(j, "patient")), "fong-2025-melanoma");
    json_t *rows = json_object_get(j, "events");
    ck_assert_uint_eq(json_array_size(rows), ldrt_patient_event_count(p));
    json_t *hold = NULL;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
        if (strcmp(json_string_value(json_object_get(row, "type")), "hold") == 0)
            hold = row;
    ck_assert_ptr_nonnull(hold);
    ck_assert_str_eq(json_string_value(json_object_get(hold, "date")), "2022-06-13");
    ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(hold, "summary")), "holiday: pembrolizumab"));
    json_decref(j);
    ldrt_free(out);
    tu_assert_error(ldrt_timeline_render(p, 9, &out, &n), LDRT_EINVAL, "format");
    ldrt_patient_free(p);
}
END_TEST

/* ---- the ldrt command ---------------------------------------------------------------------------- */

/* Runs "ldrt ARGS", capturing stdout and stderr; returns the exit status. */
static int run_ldrt(const char *args, char **out, char **err)
{
    const char *bin = getenv("LDRT_BIN"), *tmp = getenv("TMPDIR");
    char cmd[16384], of[1024], ef[1024];
    snprintf(of, sizeof of, "%s/ldrt-out-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    snprintf(ef, sizeof ef, "%s/ldrt-err-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fo = mkstemp(of), fe = mkstemp(ef);
    ck_assert(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", bin ? bin : "bin/ldrt", args, of, ef);
    int st = system(cmd);
    *out = tu_slurp(of, NULL);
    *err = tu_slurp(ef, NULL);
    unlink(of);
    unlink(ef);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

START_TEST(command_timeline_shows_table_1)
{
    char *out, *err, args[4200];
    snprintf(args, sizeof args, "timeline %s", tu_example_path("case-fong-2025.json"));
    ck_assert_int_eq(run_ldrt(args, &out, &err), 0);
    ck_assert_str_eq(err, "");
    /* One fragment per row of Table 1 (Fong et al. 2025). */
    static const char *const rows[] = {
        "2021-02                   diagnosis",        /* Feb 2021: stage III, BRAF-negative */
        "Stage III melanoma",
        "nivolumab 240 mg every 14 days x16",          /* Mar 2021 */
        "2021-10                   recurrence",       /* Oct 2021 recurrence, biopsy, NGS */
        "biopsy of the left groin lymph node",
        "ipilimumab 80 mg + pembrolizumab 200 mg every 21 days x4", /* 4 cycles */
        "2022-01                   imaging",          /* Jan 2022 PET/CT */
        "new lesion knee-2022",
        "resection of the new left knee",             /* Feb 2022 */
        "pembrolizumab every 21 days x7 (cycles 5-11)",
        "SBRT-2022: SBRT 40 Gy in 5 fractions",        /* May 2022 */
        "holiday: pembrolizumab",                      /* June 2022 */
        "2022-09                   imaging",          /* Sept 2022 */
        "2023-03                   imaging",          /* Mar 2023 */
        "small bowel excision",                        /* April 2023 */
        "ipilimumab 75 mg + pembrolizumab every 21 days x4",
        "T1 22 mm",                                    /* July 2023 */
        "LXRT-2023: 10 Gy in 5 fractions",
        "T1 14 mm",                                    /* Sept 2023 */
        "2023-12                   imaging",          /* Dec 2023 */
        "2024-04                   imaging",          /* April 2024 */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        ck_assert_msg(strstr(out, rows[i]) != NULL, "timeline lacks \"%s\"", rows[i]);
    free(out);
    free(err);
    snprintf(args, sizeof args, "timeline --format json %s", tu_example_path("case-fong-2025.json"));
    ck_assert_int_eq(run_ldrt(args, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"patient\": \"fong-2025-melanoma\""));
    free(out);
    free(err);
}
END_TEST

START_TEST(command_exit_statuses)
{
    char *out, *err, args[4200];
    snprintf(args, sizeof args, "validate %s", tu_example_path("case-fong-2025.json"));
    ck_assert_int_eq(run_ldrt(args, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, ": valid"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "validate %s", tu_data_path("bad-multi.json"));
    ck_assert_int_eq(run_ldrt(args, &out, &err), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "bad-multi.json: events[0].grade: must be 1 to 5"));
    ck_assert_ptr_nonnull(strstr(err, "bad-multi.json: 3 problems"));
    free(out);
    free(err);
    ck_assert_int_eq(run_ldrt("validate", &out, &err), 2);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    ck_assert_int_eq(run_ldrt("validate --bogus x", &out, &err), 2);
    free(out);
    free(err);
    snprintf(args, sizeof args, "timeline %s", tu_data_path("bad-multi.json"));
    ck_assert_int_eq(run_ldrt(args, &out, &err), 1);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "bad-multi.json: lesions[1].id"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "timeline --format html %s", tu_example_path("case-fong-2025.json"));
    ck_assert_int_eq(run_ldrt(args, &out, &err), 2);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    ck_assert_int_eq(run_ldrt("timeline missing.json", &out, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "missing.json"));
    free(out);
    free(err);
    ck_assert_int_eq(run_ldrt("timeline --help", &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "Examples:"));
    free(out);
    free(err);
    ck_assert_int_eq(run_ldrt("validate --help", &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "Exit status"));
    free(out);
    free(err);
}
END_TEST

static Suite *io_suite(void)
{
    Suite *s = suite_create("io");
    TCase *t = tcase_create("seed");
    tcase_add_test(t, seed_case_loads_and_validates);
    tcase_add_test(t, seed_case_drugs);
    tcase_add_test(t, seed_case_radiotherapy_and_scans);
    tcase_add_test(t, seed_case_says_what_the_paper_does_not);
    tcase_add_test(t, seed_case_round_trip_is_byte_stable);
    tcase_add_test(t, all_kinds_round_trip);
    tcase_add_test(t, series_with_unknown_dates_round_trip);
    tcase_add_test(t, during_round_trip_and_placement);
    tcase_add_test(t, seed_timeline_places_diarrhoea_in_the_course);
    tcase_add_test(t, unknown_members_are_kept);
    tcase_add_test(t, numbers_and_strings_are_written_exactly);
    suite_add_tcase(s, t);
    t = tcase_create("bad");
    tcase_add_loop_test(t, bad_documents_are_refused_with_their_path, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(t, nul_byte_is_refused_where_it_is);
    tcase_add_test(t, validation_lists_every_problem);
    suite_add_tcase(s, t);
    t = tcase_create("limits");
    tcase_add_test(t, limit_document_size);
    tcase_add_test(t, limit_nesting_depth);
    tcase_add_test(t, limit_string_length);
    tcase_add_test(t, limit_number_of_items);
    tcase_add_test(t, limit_generated_items);
    tcase_add_test(t, limit_listed_problems);
    tcase_add_test(t, limit_events_exactly_at_the_limit);
    tcase_set_timeout(t, 300);
    suite_add_tcase(s, t);
    t = tcase_create("save");
    tcase_add_test(t, save_and_load_a_file);
    tcase_add_test(t, failed_save_leaves_the_old_file);
    suite_add_tcase(s, t);
    t = tcase_create("memory");
    tcase_add_test(t, allocation_failures_in_load_and_save);
    tcase_add_test(t, failed_mutations_change_nothing);
    tcase_set_timeout(t, 600);
    suite_add_tcase(s, t);
    t = tcase_create("timeline");
    tcase_add_test(t, timeline_formats);
    tcase_add_test(t, command_timeline_shows_table_1);
    tcase_add_test(t, command_exit_statuses);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(io_suite)
