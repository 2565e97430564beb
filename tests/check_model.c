/*
 * Tests of the patient record (src/model): handles, mutations and their
 * validation, series and prescription expansion, time order, queries.
 * Expected dates and counts are hand calculations written next to each case;
 * the seed-case values come from Fong, Ho & So, Front. Oncol. 2025;15:1483117
 * (CC BY 4.0).
 * SPDX-License-Identifier: MIT
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "testutil.h"
#include "../model/model.h"

static ldrt_patient *new_patient(void)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_new("case-001", &p));
    ck_assert_ptr_nonnull(p);
    return p;
}

static ldrt_event *add(ldrt_patient *p, int kind, ldrt_date date)
{
    ldrt_event *e = NULL;
    tu_assert_ok(ldrt_patient_add_event(p, kind, date, &e));
    return e;
}

/* ---- names ---------------------------------------------------------------- */

START_TEST(kind_names_round_trip)
{
    static const char *const names[] = { "diagnosis", "recurrence", "progression", "surgery",
                                          "systemic", "radiotherapy", "imaging", "toxicity",
                                          "hold", "note" };
    for (int k = 1; k <= 10; k++) {
        ldrt_event_kind back = 0;
        ck_assert_str_eq(ldrt_event_kind_name(k), names[k - 1]);
        tu_assert_ok(ldrt_event_kind_parse(names[k - 1], &back));
        ck_assert_int_eq(back, k);
    }
    ldrt_event_kind v = (ldrt_event_kind)42;
    ck_assert_ptr_null(ldrt_event_kind_name(0));
    ck_assert_ptr_null(ldrt_event_kind_name(11));
    tu_assert_error(ldrt_event_kind_parse("chemo", &v), LDRT_ENOTFOUND, "type");
    tu_assert_error(ldrt_event_kind_parse(NULL, &v), LDRT_EINVAL, "name");
    ck_assert_int_eq(v, 42);
    ck_assert_int_eq(LDRT_EVENT_DIAGNOSIS, 1);
    ck_assert_int_eq(LDRT_EVENT_NOTE, 10);
}
END_TEST

/* Every spelling function of an enumeration behaves alike for a value that is
 * not one of its constants: it returns NULL, for negative, just-past-the-end
 * and extreme values, and leaves no error. Its known values have distinct
 * names, as many as the enumeration has constants. */
static const char *call_name(const char *which, long long v)
{
#define TRY(f, T) if (strcmp(which, #f) == 0) return f((T)v)
    TRY(ldrt_schedule_name, ldrt_schedule); TRY(ldrt_regimen_name, ldrt_regimen);
    TRY(ldrt_event_kind_name, ldrt_event_kind); TRY(ldrt_event_field_name, ldrt_event_field);
    TRY(ldrt_lesion_role_name, ldrt_lesion_role); TRY(ldrt_lesion_state_name, ldrt_lesion_state);
    TRY(ldrt_drug_timing_name, ldrt_drug_timing); TRY(ldrt_format_name, ldrt_format);
    TRY(ldrt_plot_kind_name, ldrt_plot_kind); TRY(ldrt_response_label_name, ldrt_response);
    TRY(ldrt_criteria_name, ldrt_criteria); TRY(ldrt_response_rule_name, ldrt_response_rule);
    TRY(ldrt_response_setting_name, ldrt_response_setting); TRY(ldrt_endpoint_name, ldrt_endpoint);
    TRY(ldrt_censor_name, ldrt_censor); TRY(ldrt_resistance_name, ldrt_resistance);
    TRY(ldrt_hold_kind_name, ldrt_hold_kind); TRY(ldrt_regimen_rule_name, unsigned);
#undef TRY
    ck_abort_msg("no spelling function %s", which);
    return NULL;
}

START_TEST(every_name_is_null_for_an_unknown_value)
{
    /* name, and how many constants its enumeration has in the header (every
     * one is named but LDRT_ROLE_NONE, which is no role; the regimen rules
     * are seven bits, 1 to 64). */
    static const struct { const char *fn; int known; } fns[] = {
        { "ldrt_schedule_name", 3 }, { "ldrt_regimen_name", 6 },
        { "ldrt_event_kind_name", 10 }, { "ldrt_event_field_name", 15 },
        { "ldrt_lesion_role_name", 6 }, { "ldrt_lesion_state_name", 7 },
        { "ldrt_drug_timing_name", 5 }, { "ldrt_format_name", 3 },
        { "ldrt_plot_kind_name", 3 }, { "ldrt_response_label_name", 17 },
        { "ldrt_criteria_name", 3 }, { "ldrt_response_rule_name", 28 },
        { "ldrt_response_setting_name", 17 }, { "ldrt_endpoint_name", 5 },
        { "ldrt_censor_name", 7 }, { "ldrt_resistance_name", 6 },
        { "ldrt_hold_kind_name", 2 }, { "ldrt_regimen_rule_name", 7 },
    };
    static const long long unknown[] = { -1, -2, 999, 1000000, INT_MIN, INT_MAX };
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        ldrt_clear_error();
        for (size_t u = 0; u < sizeof unknown / sizeof unknown[0]; u++)
            ck_assert_msg(call_name(fns[i].fn, unknown[u]) == NULL, "%s(%lld) is not NULL",
                          fns[i].fn, unknown[u]);
        int named = 0;
        for (long long v = 0; v <= 128; v++) {
            const char *a = call_name(fns[i].fn, v);
            if (!a)
                continue;
            named++;
            for (long long w = 0; w < v; w++) {
                const char *b = call_name(fns[i].fn, w);
                ck_assert_msg(!b || strcmp(a, b) != 0, "%s: %lld and %lld are both \"%s\"",
                              fns[i].fn, v, w, a);
            }
        }
        ck_assert_msg(named == fns[i].known, "%s names %d values, the header has %d", fns[i].fn,
                      named, fns[i].known);
        ck_assert_int_eq(ldrt_last_error_code(), LDRT_OK);
    }
}
END_TEST

START_TEST(other_names_round_trip)
{
    ldrt_hold_kind hk;
    ldrt_schedule sc;
    ldrt_lesion_role role = LDRT_ROLE_NONE;
    ldrt_lesion_state state = LDRT_STATE_PRESENT;
    tu_assert_ok(ldrt_lesion_role_parse("non-target", &role));
    ck_assert_int_eq(role, LDRT_ROLE_NON_TARGET);
    tu_assert_ok(ldrt_lesion_role_parse("new-target", &role));
    ck_assert_int_eq(role, LDRT_ROLE_NEW_TARGET);
    ck_assert_ptr_null(ldrt_lesion_role_name(LDRT_ROLE_NONE));
    ck_assert_str_eq(ldrt_lesion_role_name(LDRT_ROLE_BLOOD_POOL), "blood-pool");
    ck_assert_ptr_null(ldrt_lesion_role_name((ldrt_lesion_role)7));
    ck_assert_ptr_null(ldrt_lesion_state_name((ldrt_lesion_state)7));
    ck_assert_str_eq(ldrt_lesion_state_name(LDRT_STATE_TOO_SMALL), "too-small");
    ck_assert_str_eq(ldrt_lesion_role_name(LDRT_ROLE_NEW), "new");
    tu_assert_ok(ldrt_hold_kind_parse("discontinued", &hk));
    ck_assert_int_eq(hk, LDRT_HOLD_DISCONTINUED);
    ck_assert_str_eq(ldrt_hold_kind_name(LDRT_HOLD_HOLIDAY), "holiday");
    tu_assert_ok(ldrt_schedule_parse("alternate-days", &sc));
    ck_assert_int_eq(sc, LDRT_SCHEDULE_ALTERNATE_DAYS);
    ck_assert_str_eq(ldrt_schedule_name(LDRT_SCHEDULE_WEEKDAYS), "weekdays");
    tu_assert_ok(ldrt_lesion_state_parse("unequivocal-progression", &state));
    ck_assert_int_eq(state, LDRT_STATE_PROGRESSION);
    ck_assert_str_eq(ldrt_lesion_state_name(LDRT_STATE_NOT_EVALUATED), "not-evaluated");
    ck_assert_str_eq(ldrt_event_field_name(LDRT_FIELD_COURSE_ID), "course_id");
    ck_assert_ptr_null(ldrt_event_field_name(99));
    tu_assert_error(ldrt_schedule_parse("twice-daily", &sc), LDRT_ENOTFOUND, "schedule");
    tu_assert_error(ldrt_hold_kind_parse("pause", &hk), LDRT_ENOTFOUND, "kind");
    tu_assert_error(ldrt_lesion_role_parse("primary", &role), LDRT_ENOTFOUND, "role");
    tu_assert_error(ldrt_lesion_state_parse("gone", &state), LDRT_ENOTFOUND, "state");
    ck_assert_int_eq(state, LDRT_STATE_PROGRESSION);
}
END_TEST

/* ---- patient, diagnoses, lesions ------------------------------------------- */

START_TEST(patient_fields)
{
    ldrt_patient *p = new_patient();
    ldrt_date d = 1;
    ck_assert_str_eq(ldrt_patient_id(p), "case-001");
    ck_assert_ptr_null(ldrt_patient_sex(p));
    tu_assert_error(ldrt_patient_birth_date(p, &d), LDRT_ENOTFOUND, "birth_date");
    ck_assert_int_eq(d, 1);
    tu_assert_ok(ldrt_patient_set_sex(p, "male"));
    tu_assert_ok(ldrt_patient_set_birth_date(p, 19580000));
    tu_assert_ok(ldrt_patient_birth_date(p, &d));
    ck_assert_int_eq(d, 19580000);
    ck_assert_str_eq(ldrt_patient_sex(p), "male");
    tu_assert_ok(ldrt_patient_set_id(p, "case-002"));
    ck_assert_str_eq(ldrt_patient_id(p), "case-002");
    tu_assert_error(ldrt_patient_set_id(p, ""), LDRT_EINVAL, "id");
    tu_assert_error(ldrt_patient_set_birth_date(p, 19581301), LDRT_EINVAL, "birth_date");
    ck_assert_str_eq(ldrt_patient_id(p), "case-002");
    tu_assert_ok(ldrt_patient_set_sex(p, NULL));
    ck_assert_ptr_null(ldrt_patient_sex(p));
    ldrt_patient_free(p);
    ldrt_patient_free(NULL);
    ck_assert_ptr_null(ldrt_patient_id(NULL));
    ck_assert_uint_eq(ldrt_patient_event_count(NULL), 0);
}
END_TEST

START_TEST(patient_new_rejects)
{
    ldrt_patient *p = NULL;
    tu_assert_error(ldrt_patient_new(NULL, &p), LDRT_EINVAL, "id");
    tu_assert_error(ldrt_patient_new("", &p), LDRT_EINVAL, "id");
    tu_assert_error(ldrt_patient_new("x", NULL), LDRT_EINVAL, "out");
    ck_assert_ptr_null(p);
}
END_TEST

START_TEST(diagnoses)
{
    ldrt_patient *p = new_patient();
    ldrt_diagnosis *d = NULL;
    const char *name, *value;
    tu_assert_ok(ldrt_patient_add_diagnosis(p, 20210200, "melanoma", &d));
    tu_assert_ok(ldrt_diagnosis_set_site(d, "left big toe"));
    tu_assert_ok(ldrt_diagnosis_set_stage(d, "III"));
    tu_assert_ok(ldrt_diagnosis_set_marker(d, "BRAF", "positive"));
    tu_assert_ok(ldrt_diagnosis_set_marker(d, "NRAS", "unknown"));
    tu_assert_ok(ldrt_diagnosis_set_marker(d, "BRAF", "negative"));
    ck_assert_uint_eq(ldrt_diagnosis_marker_count(d), 2);
    tu_assert_ok(ldrt_diagnosis_marker_at(d, 0, &name, &value));
    ck_assert_str_eq(name, "BRAF");
    ck_assert_str_eq(value, "negative");
    tu_assert_ok(ldrt_diagnosis_set_marker(d, "NRAS", NULL));
    ck_assert_uint_eq(ldrt_diagnosis_marker_count(d), 1);
    tu_assert_error(ldrt_diagnosis_marker_at(d, 1, &name, &value), LDRT_ENOTFOUND, "index");
    ck_assert_int_eq(ldrt_diagnosis_date(d), 20210200);
    ck_assert_str_eq(ldrt_diagnosis_condition(d), "melanoma");
    ck_assert_str_eq(ldrt_diagnosis_site(d), "left big toe");
    ck_assert_str_eq(ldrt_diagnosis_stage(d), "III");
    ck_assert_ptr_eq(ldrt_patient_diagnosis_at(p, 0), d);
    ck_assert_ptr_null(ldrt_patient_diagnosis_at(p, 1));
    tu_assert_error(ldrt_patient_add_diagnosis(p, 20211300, "melanoma", NULL), LDRT_EINVAL, "date");
    tu_assert_error(ldrt_patient_add_diagnosis(p, 20210200, "", NULL), LDRT_EINVAL, "condition");
    tu_assert_error(ldrt_diagnosis_set_marker(d, "", "x"), LDRT_EINVAL, "name");
    ck_assert_uint_eq(ldrt_patient_diagnosis_count(p), 1);
    tu_assert_ok(ldrt_patient_remove_diagnosis(p, d));
    ck_assert_uint_eq(ldrt_patient_diagnosis_count(p), 0);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(lesions)
{
    ldrt_patient *p = new_patient();
    ldrt_lesion *l = NULL;
    const ldrt_lesion *found = NULL;
    int nodal = 7;
    tu_assert_ok(ldrt_patient_add_lesion(p, "T1", &l));
    tu_assert_error(ldrt_lesion_nodal(l, &nodal), LDRT_ENOTFOUND, "nodal");
    ck_assert_int_eq(nodal, 7);
    ck_assert_int_eq(ldrt_lesion_category_of(l), LDRT_ROLE_NONE);
    tu_assert_ok(ldrt_lesion_set_site(l, "mesentery"));
    tu_assert_ok(ldrt_lesion_set_organ(l, "peritoneum"));
    tu_assert_ok(ldrt_lesion_set_nodal(l, 0));
    tu_assert_ok(ldrt_lesion_set_category(l, LDRT_ROLE_TARGET));
    tu_assert_ok(ldrt_lesion_nodal(l, &nodal));
    ck_assert_int_eq(nodal, 0);
    ck_assert_str_eq(ldrt_lesion_site(l), "mesentery");
    ck_assert_str_eq(ldrt_lesion_organ(l), "peritoneum");
    ck_assert_int_eq(ldrt_lesion_category_of(l), LDRT_ROLE_TARGET);
    tu_assert_ok(ldrt_patient_find_lesion(p, "T1", &found));
    ck_assert_ptr_eq(found, l);
    tu_assert_error(ldrt_patient_find_lesion(p, "T2", &found), LDRT_ENOTFOUND, "T2");
    tu_assert_error(ldrt_patient_add_lesion(p, "T1", NULL), LDRT_EINVAL, "already exists");
    tu_assert_error(ldrt_lesion_set_nodal(l, 2), LDRT_EINVAL, "nodal");
    tu_assert_error(ldrt_lesion_set_category(l, 4), LDRT_EINVAL, "category");
    ck_assert_int_eq(ldrt_lesion_category_of(l), LDRT_ROLE_TARGET);
    ck_assert_uint_eq(ldrt_patient_lesion_count(p), 1);
    /* A lesion named by a scan cannot be removed. */
    ldrt_event *scan = add(p, LDRT_EVENT_IMAGING, 20230700);
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(scan), "T1", 22.0, 0));
    tu_assert_error(ldrt_patient_remove_lesion(p, l), LDRT_ESTATE, "still named by the imaging event of 2023-07");
    tu_assert_ok(ldrt_patient_remove_event(p, scan));
    tu_assert_ok(ldrt_patient_remove_lesion(p, l));
    ck_assert_uint_eq(ldrt_patient_lesion_count(p), 0);
    ldrt_patient_free(p);
}
END_TEST

/* ---- events: each kind ---------------------------------------------------- */

START_TEST(event_kind_fields)
{
    /* Each kind accepts its own text fields and refuses others. */
    static const struct { int kind; int ok_field; int bad_field; } rows[] = {
        { LDRT_EVENT_DIAGNOSIS, LDRT_FIELD_DETAIL, LDRT_FIELD_PROCEDURE },
        { LDRT_EVENT_RECURRENCE, LDRT_FIELD_SITE, LDRT_FIELD_TERM },
        { LDRT_EVENT_PROGRESSION, LDRT_FIELD_DETAIL, LDRT_FIELD_REGIMEN },
        { LDRT_EVENT_SURGERY, LDRT_FIELD_PATHOLOGY, LDRT_FIELD_DETAIL },
        { LDRT_EVENT_SYSTEMIC, LDRT_FIELD_REGIMEN, LDRT_FIELD_SITE },
        { LDRT_EVENT_RADIOTHERAPY, LDRT_FIELD_TECHNIQUE, LDRT_FIELD_REASON },
        { LDRT_EVENT_IMAGING, LDRT_FIELD_MODALITY, LDRT_FIELD_INTENT },
        { LDRT_EVENT_TOXICITY, LDRT_FIELD_ATTRIBUTION, LDRT_FIELD_SITE },
        { LDRT_EVENT_HOLD, LDRT_FIELD_REASON, LDRT_FIELD_TERM },
        { LDRT_EVENT_NOTE, LDRT_FIELD_NOTE, LDRT_FIELD_SITE },
    };
    ldrt_patient *p = new_patient();
    ldrt_event *e = add(p, rows[_i].kind, 20230721);
    ck_assert_int_eq(ldrt_event_type(e), rows[_i].kind);
    ck_assert_ptr_eq(ldrt_event_patient(e), p);
    tu_assert_ok(ldrt_event_set_text(e, rows[_i].ok_field, "text"));
    ck_assert_str_eq(ldrt_event_text(e, rows[_i].ok_field), "text");
    tu_assert_error(ldrt_event_set_text(e, rows[_i].bad_field, "text"), LDRT_EINVAL,
                    ldrt_event_field_name(rows[_i].bad_field));
    ck_assert_ptr_null(ldrt_event_text(e, rows[_i].bad_field));
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, "a note"));
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_ID, "e1"));
    ck_assert_str_eq(ldrt_event_id(e), "e1");
    tu_assert_ok(ldrt_event_set_text(e, rows[_i].ok_field, NULL));
    ck_assert_ptr_null(ldrt_event_text(e, rows[_i].ok_field));
    ldrt_patient_free(p);
}
END_TEST

START_TEST(systemic_event)
{
    ldrt_patient *p = new_patient();
    ldrt_event *e = add(p, LDRT_EVENT_SYSTEMIC, 20211100);
    double dose = 0;
    int cycle = 0;
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), "ipilimumab", 80, "mg"));
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), "pembrolizumab", 200, "mg"));
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), "investigational", NAN, NULL));
    tu_assert_ok(ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(e), 1));
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_REGIMEN, "ipilimumab + pembrolizumab q3w"));
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_INTENT, "palliative"));
    ck_assert_uint_eq(ldrt_systemic_agent_count(ldrt_event_as_systemic(e)), 3);
    ck_assert_str_eq(ldrt_systemic_agent_drug(ldrt_event_as_systemic(e), 1), "pembrolizumab");
    tu_assert_ok(ldrt_systemic_agent_dose(ldrt_event_as_systemic(e), 1, &dose));
    ck_assert_double_eq(dose, 200);
    ck_assert_str_eq(ldrt_systemic_agent_unit(ldrt_event_as_systemic(e), 0), "mg");
    tu_assert_error(ldrt_systemic_agent_dose(ldrt_event_as_systemic(e), 2, &dose), LDRT_ENOTFOUND, "dose");
    tu_assert_error(ldrt_systemic_agent_dose(ldrt_event_as_systemic(e), 3, &dose), LDRT_EINVAL, "index");
    ck_assert_ptr_null(ldrt_systemic_agent_drug(ldrt_event_as_systemic(e), 3));
    tu_assert_ok(ldrt_systemic_cycle(ldrt_event_as_systemic(e), &cycle));
    ck_assert_int_eq(cycle, 1);
    ck_assert(ldrt_systemic_gives_drug(ldrt_event_as_systemic(e), "ipilimumab"));
    ck_assert(!ldrt_systemic_gives_drug(ldrt_event_as_systemic(e), "nivolumab"));
    ck_assert_uint_eq(ldrt_systemic_administration_count(ldrt_event_as_systemic(e)), 1);
    ck_assert_ptr_eq(ldrt_systemic_administration_at(ldrt_event_as_systemic(e), 0), e);
    ck_assert_ptr_null(ldrt_systemic_administration_at(ldrt_event_as_systemic(e), 1));
    ck_assert(!ldrt_event_is_expanded(e));
    ldrt_patient_free(p);
}
END_TEST

START_TEST(hold_and_surgery_events)
{
    ldrt_patient *p = new_patient();
    ldrt_event *h = add(p, LDRT_EVENT_HOLD, 20220613);
    ldrt_event *s = add(p, LDRT_EVENT_SURGERY, 20230413);
    ldrt_hold_kind kind = 0;
    tu_assert_ok(ldrt_event_set_hold_kind(h, LDRT_HOLD_HOLIDAY));
    tu_assert_ok(ldrt_event_add_drug(h, "pembrolizumab"));
    tu_assert_ok(ldrt_event_set_text(h, LDRT_FIELD_REASON, "grade 2 skin toxicity"));
    tu_assert_ok(ldrt_event_hold_kind(h, &kind));
    ck_assert_int_eq(kind, LDRT_HOLD_HOLIDAY);
    ck_assert_uint_eq(ldrt_event_drug_count(h), 1);
    ck_assert_str_eq(ldrt_event_drug_at(h, 0), "pembrolizumab");
    tu_assert_error(ldrt_event_add_drug(h, "pembrolizumab"), LDRT_EINVAL, "already listed");
    tu_assert_ok(ldrt_patient_add_lesion(p, "SB1", NULL));
    tu_assert_ok(ldrt_event_add_removed_lesion(s, "SB1"));
    ck_assert_str_eq(ldrt_lesion_id(ldrt_event_removed_lesion_at(s, 0)), "SB1");
    ck_assert_uint_eq(ldrt_event_removed_lesion_count(s), 1);
    tu_assert_error(ldrt_event_add_removed_lesion(s, "SB9"), LDRT_ENOTFOUND, "SB9");
    tu_assert_error(ldrt_event_add_removed_lesion(h, "SB1"), LDRT_EINVAL, "lesions");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(toxicity_event)
{
    ldrt_patient *p = new_patient();
    ldrt_event *t = add(p, LDRT_EVENT_TOXICITY, 20230700);
    int g = 0;
    ldrt_date r = 0;
    tu_assert_ok(ldrt_event_set_text(t, LDRT_FIELD_TERM, "Diarrhea"));
    tu_assert_ok(ldrt_event_set_grade(t, 2));
    tu_assert_ok(ldrt_event_set_text(t, LDRT_FIELD_ATTRIBUTION, "radiotherapy"));
    tu_assert_ok(ldrt_event_set_resolved(t, 20230800));
    tu_assert_ok(ldrt_event_grade(t, &g));
    ck_assert_int_eq(g, 2);
    tu_assert_ok(ldrt_event_resolved(t, &r));
    ck_assert_int_eq(r, 20230800);
    /* Resolution in the same month as a month-level onset overlaps: allowed. */
    tu_assert_ok(ldrt_event_set_resolved(t, 20230715));
    tu_assert_error(ldrt_event_set_resolved(t, 20230630), LDRT_EINVAL, "resolved");
    tu_assert_error(ldrt_event_set_grade(t, 6), LDRT_EINVAL, "grade");
    tu_assert_error(ldrt_event_set_grade(t, -1), LDRT_EINVAL, "grade");
    tu_assert_ok(ldrt_event_grade(t, &g));
    ck_assert_int_eq(g, 2);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(imaging_event)
{
    ldrt_patient *p = new_patient();
    ldrt_event *s = add(p, LDRT_EVENT_IMAGING, 20230700);
    ldrt_lesion *t1;
    double v = 0;
    int b = 5;
    size_t idx = 9;
    const char *crit, *ov;
    tu_assert_ok(ldrt_patient_add_lesion(p, "T1", &t1));
    tu_assert_ok(ldrt_patient_add_lesion(p, "T2", NULL));
    tu_assert_ok(ldrt_patient_add_lesion(p, "NT1", NULL));
    tu_assert_error(ldrt_scan_baseline(ldrt_event_as_scan(s), &b), LDRT_ENOTFOUND, "baseline");
    tu_assert_ok(ldrt_scan_set_baseline(ldrt_event_as_scan_mut(s), 1));
    tu_assert_ok(ldrt_scan_baseline(ldrt_event_as_scan(s), &b));
    ck_assert_int_eq(b, 1);
    tu_assert_ok(ldrt_event_set_text(s, LDRT_FIELD_MODALITY, "PET/CT"));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T1", 22.0, 0));
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T2", NAN, LDRT_MEASUREMENT_TOO_SMALL));
    ldrt_lesion_state st = LDRT_STATE_EQUIVOCAL;
    tu_assert_ok(ldrt_scan_measurement_state(ldrt_event_as_scan(s), 0, &st));
    ck_assert_int_eq(st, LDRT_STATE_PRESENT);
    tu_assert_ok(ldrt_scan_measurement_state(ldrt_event_as_scan(s), 1, &st));
    ck_assert_int_eq(st, LDRT_STATE_TOO_SMALL);
    tu_assert_error(ldrt_scan_measurement_state(ldrt_event_as_scan(s), 2, &st), LDRT_EINVAL, "index");
    ck_assert_int_eq(st, LDRT_STATE_TOO_SMALL);
    tu_assert_ok(ldrt_scan_measurement_diameter_mm(ldrt_event_as_scan(s), 0, &v));
    ck_assert_double_eq(v, 22.0);
    tu_assert_error(ldrt_scan_measurement_diameter_mm(ldrt_event_as_scan(s), 1, &v), LDRT_ENOTFOUND, "T2");
    tu_assert_ok(ldrt_scan_find_measurement(ldrt_event_as_scan(s), t1, &idx));
    ck_assert_uint_eq(idx, 0);
    tu_assert_ok(ldrt_scan_add_sul_peak(ldrt_event_as_scan_mut(s), "T1", 6.1));
    tu_assert_ok(ldrt_scan_sul_peak_value(ldrt_event_as_scan(s), 0, &v));
    ck_assert_double_eq(v, 6.1);
    ck_assert_ptr_eq(ldrt_scan_sul_peak_lesion(ldrt_event_as_scan(s), 0), t1);
    tu_assert_ok(ldrt_scan_set_liver_sul_mean(ldrt_event_as_scan_mut(s), 1.8));
    tu_assert_ok(ldrt_scan_liver_sul_mean(ldrt_event_as_scan(s), &v));
    ck_assert_double_eq(v, 1.8);
    tu_assert_error(ldrt_scan_blood_pool_sul(ldrt_event_as_scan(s), &v), LDRT_ENOTFOUND, "blood_pool_sul");
    tu_assert_ok(ldrt_scan_set_blood_pool_sul(ldrt_event_as_scan_mut(s), 1.6));
    tu_assert_ok(ldrt_scan_blood_pool_sul(ldrt_event_as_scan(s), &v));
    ck_assert_double_eq(v, 1.6);
    tu_assert_ok(ldrt_scan_set_non_target(ldrt_event_as_scan_mut(s), "NT1", LDRT_STATE_PRESENT));
    tu_assert_ok(ldrt_scan_set_non_target(ldrt_event_as_scan_mut(s), "NT1", LDRT_STATE_ABSENT));
    ck_assert_uint_eq(ldrt_scan_non_target_count(ldrt_event_as_scan(s)), 1);
    tu_assert_ok(ldrt_scan_non_target_state(ldrt_event_as_scan(s), 0, &st));
    ck_assert_int_eq(st, LDRT_STATE_ABSENT);
    tu_assert_error(ldrt_scan_set_non_target(ldrt_event_as_scan_mut(s), "NT1", LDRT_STATE_TOO_SMALL), LDRT_EINVAL, "state");
    ck_assert(!ldrt_scan_new_lesions_reported(ldrt_event_as_scan(s)));
    tu_assert_ok(ldrt_scan_set_new_lesions_reported(ldrt_event_as_scan_mut(s), 1));
    ck_assert(ldrt_scan_new_lesions_reported(ldrt_event_as_scan(s)));
    tu_assert_ok(ldrt_scan_add_new_lesion(ldrt_event_as_scan_mut(s), "N1", "liver", 7));
    tu_assert_ok(ldrt_scan_new_lesion_diameter_mm(ldrt_event_as_scan(s), 0, &v));
    ck_assert_double_eq(v, 7);
    ck_assert_str_eq(ldrt_scan_new_lesion_id(ldrt_event_as_scan(s), 0), "N1");
    ck_assert_str_eq(ldrt_scan_new_lesion_site(ldrt_event_as_scan(s), 0), "liver");
    tu_assert_error(ldrt_scan_set_new_lesions_reported(ldrt_event_as_scan_mut(s), 0), LDRT_ESTATE, "new_lesions");
    tu_assert_ok(ldrt_scan_set_recorded_response(ldrt_event_as_scan_mut(s), "recist1.1", "PR"));
    tu_assert_ok(ldrt_scan_recorded_response(ldrt_event_as_scan(s), &crit, &ov));
    ck_assert_str_eq(crit, "recist1.1");
    ck_assert_str_eq(ov, "PR");
    tu_assert_error(ldrt_scan_set_recorded_response(ldrt_event_as_scan_mut(s), "recist1.1", "CMR"), LDRT_EINVAL, "overall");
    tu_assert_error(ldrt_scan_set_recorded_response(ldrt_event_as_scan_mut(s), "who", "PR"), LDRT_EINVAL, "criteria");
    tu_assert_ok(ldrt_scan_recorded_response(ldrt_event_as_scan(s), &crit, &ov));
    ck_assert_str_eq(ov, "PR");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(note_event)
{
    ldrt_patient *p = new_patient();
    ldrt_event *n = add(p, LDRT_EVENT_NOTE, 20240600);
    tu_assert_ok(ldrt_event_set_text(n, LDRT_FIELD_NOTE, "finished cycle 19"));
    ck_assert_str_eq(ldrt_event_text(n, LDRT_FIELD_NOTE), "finished cycle 19");
    ldrt_date lo, hi;
    tu_assert_ok(ldrt_event_span(n, &lo, &hi));
    ck_assert_int_eq(lo, 20240601);
    ck_assert_int_eq(hi, 20240630);
    ldrt_patient_free(p);
}
END_TEST

/* ---- radiotherapy ---------------------------------------------------------- */

START_TEST(course_with_listed_fractions)
{
    /* L-XRT of the seed case: 10 Gy in 5 fractions, 21 to 26 July 2023;
     * first and last day exact, the middle three at month precision. */
    ldrt_patient *p = new_patient();
    ldrt_event *c = add(p, LDRT_EVENT_RADIOTHERAPY, 20230721);
    ldrt_fraction *f = NULL;
    double v = 0, mean = 0;
    int uniform = 0;
    int64_t mn = -1, mx = -1;
    ldrt_date first, last;
    tu_assert_ok(ldrt_patient_add_lesion(p, "T1", NULL));
    tu_assert_ok(ldrt_course_add_target(ldrt_event_as_course_mut(c), "T1"));
    tu_assert_ok(ldrt_event_set_end(c, 20230726));
    tu_assert_ok(ldrt_course_set_margin_mm(ldrt_event_as_course_mut(c), 20));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230721, 2.0, &f));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230700, 2.0, NULL));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230700, 2.0, NULL));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230700, 2.0, NULL));
    tu_assert_ok(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230726, 2.0, NULL));
    ck_assert_uint_eq(ldrt_course_fraction_count(ldrt_event_as_course(c)), 5);
    ck_assert_ptr_eq(ldrt_course_fraction_at(ldrt_event_as_course(c), 0), f);
    ck_assert_ptr_eq(ldrt_fraction_course(f), c);
    ck_assert_uint_eq(ldrt_fraction_index(ldrt_course_fraction_at(ldrt_event_as_course(c), 4)), 4);
    ck_assert(!ldrt_fraction_is_expanded(f));
    tu_assert_ok(ldrt_fraction_dose_gy(f, &v));
    ck_assert_double_eq(v, 2.0);
    tu_assert_ok(ldrt_course_total_dose_gy(ldrt_event_as_course(c), &v));
    ck_assert_double_eq_tol(v, 10.0, 1e-12);
    tu_assert_ok(ldrt_course_dose_per_fraction_gy(ldrt_event_as_course(c), &mean, &uniform));
    ck_assert_double_eq_tol(mean, 2.0, 1e-12);
    ck_assert_int_eq(uniform, 1);
    tu_assert_ok(ldrt_course_fraction_dates(ldrt_event_as_course(c), &first, &last));
    ck_assert_int_eq(first, 20230721);
    ck_assert_int_eq(last, 20230726);
    /* 26 - 21 = 5 days, exact because both ends are exact. */
    tu_assert_ok(ldrt_course_overall_days(ldrt_event_as_course(c), &mn, &mx));
    ck_assert_int_eq(mn, 5);
    ck_assert_int_eq(mx, 5);
    tu_assert_ok(ldrt_course_margin_mm(ldrt_event_as_course(c), &v));
    ck_assert_double_eq(v, 20);
    /* Out of the course, out of order, bad doses: refused, nothing added. */
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230727, 2.0, NULL), LDRT_EINVAL, "outside the course");
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230720, 2.0, NULL), LDRT_EINVAL, "outside the course");
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230725, 2.0, NULL), LDRT_EINVAL, "previous fraction");
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230726, 0.0, NULL), LDRT_EINVAL, "dose_gy");
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230726, NAN, NULL), LDRT_EINVAL, "dose_gy");
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), 20230726, INFINITY, NULL), LDRT_EINVAL, "dose_gy");
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 10, 5, LDRT_SCHEDULE_DAILY), LDRT_ESTATE, "prescription");
    tu_assert_error(ldrt_event_set_end(c, 20230725), LDRT_EINVAL, "end");
    tu_assert_error(ldrt_course_set_margin_mm(ldrt_event_as_course_mut(c), -1), LDRT_EINVAL, "margin_mm");
    ck_assert_uint_eq(ldrt_course_fraction_count(ldrt_event_as_course(c)), 5);
    ldrt_patient_free(p);
}
END_TEST

/* Prescription expansion: schedule, start date, expected fraction dates and
 * overall time. 2023-07-21 is a Friday (ISO weekday 5). */
static const struct {
    int schedule;
    ldrt_date start;
    int n;
    ldrt_date dates[6];
    int64_t ott;
} rx_rows[] = {
    /* daily: consecutive calendar days */
    { LDRT_SCHEDULE_DAILY, 20230721, 5, { 20230721, 20230722, 20230723, 20230724, 20230725 }, 4 },
    /* weekdays: Fri 21, then Mon 24 .. Thu 27 (weekend skipped) */
    { LDRT_SCHEDULE_WEEKDAYS, 20230721, 5, { 20230721, 20230724, 20230725, 20230726, 20230727 }, 6 },
    /* alternate days: every second day */
    { LDRT_SCHEDULE_ALTERNATE_DAYS, 20220502, 5, { 20220502, 20220504, 20220506, 20220508, 20220510 }, 8 },
    /* across a month end and a leap day */
    { LDRT_SCHEDULE_DAILY, 20240227, 4, { 20240227, 20240228, 20240229, 20240301 }, 3 },
    /* weekdays across a weekend and a month end: Thu 29 Feb 2024, Fri 1, Mon 4 Mar */
    { LDRT_SCHEDULE_WEEKDAYS, 20240229, 3, { 20240229, 20240301, 20240304 }, 4 },
};

START_TEST(prescription_expansion)
{
    ldrt_patient *p = new_patient();
    ldrt_event *c = add(p, LDRT_EVENT_RADIOTHERAPY, rx_rows[_i].start);
    double total = 2.0 * rx_rows[_i].n, v;
    int n = 0;
    ldrt_schedule sched = 0;
    int64_t mn, mx;
    tu_assert_ok(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), total, rx_rows[_i].n, rx_rows[_i].schedule));
    ck_assert_uint_eq(ldrt_course_fraction_count(ldrt_event_as_course(c)), (size_t)rx_rows[_i].n);
    for (int k = 0; k < rx_rows[_i].n; k++) {
        const ldrt_fraction *f = ldrt_course_fraction_at(ldrt_event_as_course(c), (size_t)k);
        ck_assert_int_eq(ldrt_fraction_date(f), rx_rows[_i].dates[k]);
        ck_assert(ldrt_fraction_is_expanded(f));
        tu_assert_ok(ldrt_fraction_dose_gy(f, &v));
        ck_assert_double_eq_tol(v, 2.0, 1e-12);
    }
    tu_assert_ok(ldrt_course_overall_days(ldrt_event_as_course(c), &mn, &mx));
    ck_assert_int_eq(mn, rx_rows[_i].ott);
    ck_assert_int_eq(mx, rx_rows[_i].ott);
    tu_assert_ok(ldrt_course_prescription(ldrt_event_as_course(c), &v, &n, &sched));
    ck_assert_double_eq(v, total);
    ck_assert_int_eq(n, rx_rows[_i].n);
    ck_assert_int_eq(sched, rx_rows[_i].schedule);
    tu_assert_error(ldrt_course_add_fraction(ldrt_event_as_course_mut(c), rx_rows[_i].start, 2.0, NULL), LDRT_ESTATE, "prescription");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(prescription_partial_start)
{
    /* SBRT of the seed case: 40 Gy in 5 fractions on alternate days in May
     * 2022, day unknown. The fractions are dated "2022-05" by their earliest
     * possible day (1, 3, 5, 7, 9 May) and their spans run 30 days later
     * (31 May, 2, 4, 6, 8 June); the overall time is exactly 8 days. */
    ldrt_patient *p = new_patient();
    ldrt_event *c = add(p, LDRT_EVENT_RADIOTHERAPY, 20220500);
    int64_t mn, mx;
    ldrt_date lo, hi;
    double v;
    tu_assert_ok(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 40, 5, LDRT_SCHEDULE_ALTERNATE_DAYS));
    static const ldrt_date los[] = { 20220501, 20220503, 20220505, 20220507, 20220509 };
    static const ldrt_date his[] = { 20220531, 20220602, 20220604, 20220606, 20220608 };
    for (size_t k = 0; k < 5; k++) {
        const ldrt_fraction *f = ldrt_course_fraction_at(ldrt_event_as_course(c), k);
        ck_assert_int_eq(ldrt_fraction_date(f), 20220500);
        tu_assert_ok(ldrt_fraction_span(f, &lo, &hi));
        ck_assert_int_eq(lo, los[k]);
        ck_assert_int_eq(hi, his[k]);
        tu_assert_ok(ldrt_fraction_dose_gy(f, &v));
        ck_assert_double_eq_tol(v, 8.0, 1e-12);
    }
    tu_assert_ok(ldrt_course_overall_days(ldrt_event_as_course(c), &mn, &mx));
    ck_assert_int_eq(mn, 8);
    ck_assert_int_eq(mx, 8);
    /* Weekdays from a partial start: 5 fractions take 4 days (Mon-Fri
     * start) to 6 days (a start on Thursday or Friday spans a weekend). */
    ldrt_event *w = add(p, LDRT_EVENT_RADIOTHERAPY, 20230700);
    tu_assert_ok(ldrt_course_set_prescription(ldrt_event_as_course_mut(w), 10, 5, LDRT_SCHEDULE_WEEKDAYS));
    tu_assert_ok(ldrt_course_overall_days(ldrt_event_as_course(w), &mn, &mx));
    ck_assert_int_eq(mn, 4);
    ck_assert_int_eq(mx, 6);
    /* Earliest possible start is Mon 3 July 2023 (1 and 2 July are a weekend). */
    tu_assert_ok(ldrt_fraction_span(ldrt_course_fraction_at(ldrt_event_as_course(w), 0), &lo, &hi));
    ck_assert_int_eq(lo, 20230703);
    ck_assert_int_eq(hi, 20230731);
    ck_assert_int_eq(ldrt_fraction_date(ldrt_course_fraction_at(ldrt_event_as_course(w), 0)), 20230700);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(prescription_rejects)
{
    ldrt_patient *p = new_patient();
    ldrt_event *c = add(p, LDRT_EVENT_RADIOTHERAPY, 20230722); /* a Saturday */
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 10, 5, LDRT_SCHEDULE_WEEKDAYS), LDRT_EINVAL, "weekend");
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 0, 5, LDRT_SCHEDULE_DAILY), LDRT_EINVAL, "total_gy");
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), -10, 5, LDRT_SCHEDULE_DAILY), LDRT_EINVAL, "total_gy");
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), NAN, 5, LDRT_SCHEDULE_DAILY), LDRT_EINVAL, "total_gy");
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 10, 0, LDRT_SCHEDULE_DAILY), LDRT_EINVAL, "fractions");
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 10, LDRT_MAX_FRACTIONS + 1, LDRT_SCHEDULE_DAILY),
                    LDRT_EINVAL, "fractions");
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 10, 5, 0), LDRT_EINVAL, "schedule");
    tu_assert_ok(ldrt_event_set_end(c, 20230724));
    tu_assert_error(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 10, 5, LDRT_SCHEDULE_DAILY), LDRT_EINVAL, "after the course end");
    ck_assert_uint_eq(ldrt_course_fraction_count(ldrt_event_as_course(c)), 0);
    tu_assert_error(ldrt_course_prescription(ldrt_event_as_course(c), NULL, NULL, NULL), LDRT_ENOTFOUND, "prescription");
    tu_assert_ok(ldrt_course_set_prescription(ldrt_event_as_course_mut(c), 6, 3, LDRT_SCHEDULE_DAILY));
    /* Moving the start re-expands the course. */
    tu_assert_ok(ldrt_event_set_end(c, LDRT_DATE_NONE));
    tu_assert_ok(ldrt_event_set_date(c, 20230801));
    ck_assert_int_eq(ldrt_fraction_date(ldrt_course_fraction_at(ldrt_event_as_course(c), 2)), 20230803);
    ldrt_patient_free(p);
}
END_TEST

/* ---- series ---------------------------------------------------------------- */

START_TEST(series_expansion)
{
    /* Ipilimumab 80 mg + pembrolizumab 200 mg every 3 weeks x 4 from a full
     * date: 2021-11-10, +21 = 2021-12-01, +21 = 2021-12-22, +21 = 2022-01-12. */
    ldrt_patient *p = new_patient();
    ldrt_event *s = add(p, LDRT_EVENT_SYSTEMIC, 20211110);
    int count = 0, cycle = 0;
    int64_t every = 0;
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "ipilimumab", 80, "mg"));
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "pembrolizumab", 200, "mg"));
    tu_assert_ok(ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(s), 1));
    tu_assert_ok(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(s), 21, 4));
    tu_assert_ok(ldrt_systemic_repeat(ldrt_event_as_systemic(s), &every, &count));
    ck_assert_int_eq(every, 21);
    ck_assert_int_eq(count, 4);
    ck_assert_uint_eq(ldrt_systemic_administration_count(ldrt_event_as_systemic(s)), 4);
    static const ldrt_date want[] = { 20211110, 20211201, 20211222, 20220112 };
    for (size_t k = 0; k < 4; k++) {
        const ldrt_event *a = ldrt_systemic_administration_at(ldrt_event_as_systemic(s), k);
        ck_assert_int_eq(ldrt_event_date(a), want[k]);
        ck_assert(ldrt_event_is_expanded(a));
        ck_assert_ptr_eq(ldrt_event_parent(a), s);
        ck_assert_uint_eq(ldrt_systemic_agent_count(ldrt_event_as_systemic(a)), 2);
        ck_assert_str_eq(ldrt_systemic_agent_drug(ldrt_event_as_systemic(a), 0), "ipilimumab");
        tu_assert_ok(ldrt_systemic_cycle(ldrt_event_as_systemic(a), &cycle));
        ck_assert_int_eq(cycle, (int)k + 1);
        ck_assert_ptr_null(ldrt_event_id(a));
        /* A generated administration is handed out const; a caller that
         * casts the const away (or a binding without const) is still refused. */
        ldrt_event *generated = (ldrt_event *)a;
        tu_assert_error(ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(generated), 3), LDRT_ESTATE, "series");
        tu_assert_error(ldrt_patient_remove_event(p, generated), LDRT_ESTATE, "series");
    }
    ck_assert_ptr_null(ldrt_systemic_administration_at(ldrt_event_as_systemic(s), 4));
    /* Timeline with and without expansion. */
    const ldrt_event **ev = NULL;
    size_t n = 0;
    tu_assert_ok(ldrt_patient_events(p, LDRT_EVENT_ALL, LDRT_DATE_NONE, LDRT_DATE_NONE, 0, &ev, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_eq(ev[0], s);
    ldrt_free(ev);
    tu_assert_ok(ldrt_patient_events(p, LDRT_EVENT_ALL, LDRT_DATE_NONE, LDRT_DATE_NONE,
                                     LDRT_EVENTS_EXPAND, &ev, &n));
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(ldrt_event_date(ev[3]), 20220112);
    ldrt_free(ev);
    /* Removing the repeat removes the administrations. */
    tu_assert_ok(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(s), 0, 0));
    ck_assert_uint_eq(ldrt_systemic_administration_count(ldrt_event_as_systemic(s)), 1);
    tu_assert_error(ldrt_systemic_repeat(ldrt_event_as_systemic(s), &every, &count), LDRT_ENOTFOUND, "repeat");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(series_partial_start)
{
    /* Nivolumab 240 mg every 2 weeks x 16 from March 2021 (day unknown):
     * the k-th is dated by its earliest day 1 March + 14k at month precision;
     * the 16th (k = 15): 1 March + 210 days = 27 September 2021, and its
     * span runs to 31 March + 210 = 27 October 2021. */
    ldrt_patient *p = new_patient();
    ldrt_event *s = add(p, LDRT_EVENT_SYSTEMIC, 20210300);
    ldrt_date lo, hi;
    int64_t mn, mx;
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "nivolumab", 240, "mg"));
    tu_assert_ok(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(s), 14, 16));
    const ldrt_event *a = ldrt_systemic_administration_at(ldrt_event_as_systemic(s), 15);
    ck_assert_int_eq(ldrt_event_date(a), 20210900);
    tu_assert_ok(ldrt_event_span(a, &lo, &hi));
    ck_assert_int_eq(lo, 20210927);
    ck_assert_int_eq(hi, 20211027);
    ck_assert_int_eq(ldrt_event_date(ldrt_systemic_administration_at(ldrt_event_as_systemic(s), 2)), 20210300);
    ck_assert_int_eq(ldrt_event_date(ldrt_systemic_administration_at(ldrt_event_as_systemic(s), 3)), 20210400);
    /* Exposure: the last is 15 x 14 = 210 days after the first whatever the
     * start day (both shift together), though their spans alone would allow
     * 180 to 240 days. */
    tu_assert_ok(ldrt_patient_drug_exposure_days(p, "nivolumab", &mn, &mx));
    ck_assert_int_eq(mn, 210);
    ck_assert_int_eq(mx, 210);
    /* No gap longer than 14 days inside the series, even from a month-level start. */
    const ldrt_event **gaps;
    size_t ng = 9;
    tu_assert_ok(ldrt_patient_drug_gaps(p, "nivolumab", 14, &gaps, &ng));
    ck_assert_uint_eq(ng, 0);
    tu_assert_ok(ldrt_patient_drug_gaps(p, "nivolumab", 13, &gaps, &ng));
    ck_assert_uint_eq(ng, 15);
    ldrt_free(gaps);
    /* A later single administration in a month: the interval becomes a range,
     * from the first (1..31 March) to it (1..30 November 2021): 31 March ->
     * 1 November is 215 days (30 + 31 + 30 + 31 + 31 + 30 + 31 + 1), and
     * 1 March -> 30 November is 274 days (30 + 214 + 30). */
    ldrt_event *late = add(p, LDRT_EVENT_SYSTEMIC, 20211100);
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(late), "nivolumab", 480, "mg"));
    tu_assert_ok(ldrt_patient_drug_exposure_days(p, "nivolumab", &mn, &mx));
    ck_assert_int_eq(mn, 215);
    ck_assert_int_eq(mx, 274);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(series_rejects)
{
    ldrt_patient *p = new_patient();
    ldrt_event *s = add(p, LDRT_EVENT_SYSTEMIC, 20211110);
    ldrt_event *n = add(p, LDRT_EVENT_NOTE, 20211110);
    tu_assert_error(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(s), 0, 4), LDRT_EINVAL, "every_days");
    tu_assert_error(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(s), LDRT_MAX_REPEAT_EVERY_DAYS + 1, 4), LDRT_EINVAL, "every_days");
    tu_assert_error(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(s), 21, 0), LDRT_EINVAL, "count");
    tu_assert_error(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(s), 21, LDRT_MAX_REPEAT_COUNT + 1), LDRT_EINVAL, "count");
    ck_assert_ptr_null(ldrt_event_as_systemic_mut(n));
    ck_assert_ptr_eq(ldrt_systemic_as_event_mut(ldrt_event_as_systemic_mut(s)), s);
    tu_assert_error(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(n), 21, 4), LDRT_EINVAL, "systemic: must not be NULL");
    ck_assert_uint_eq(ldrt_systemic_administration_count(ldrt_event_as_systemic(s)), 1);
    ldrt_event *late = add(p, LDRT_EVENT_SYSTEMIC, 99990101);
    tu_assert_error(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(late), 3660, 1000), LDRT_ERANGE, "9999");
    tu_assert_error(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "x", 0, "mg"), LDRT_EINVAL, "dose");
    tu_assert_error(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "x", -1, "mg"), LDRT_EINVAL, "dose");
    tu_assert_error(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "x", 10, NULL), LDRT_EINVAL, "unit");
    tu_assert_error(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "", 10, "mg"), LDRT_EINVAL, "drug");
    tu_assert_error(ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(s), -2), LDRT_EINVAL, "cycle");
    ck_assert_uint_eq(ldrt_systemic_agent_count(ldrt_event_as_systemic(s)), 0);
    ldrt_patient_free(p);
}
END_TEST

/* ---- time order and queries -------------------------------------------------- */

START_TEST(partial_date_ordering)
{
    /* Added out of order; sorted by the rule of common.h (earliest day, then
     * the less precise first), stable for equal dates. */
    ldrt_patient *p = new_patient();
    ldrt_event *a = add(p, LDRT_EVENT_NOTE, 20230721);
    ldrt_event *b = add(p, LDRT_EVENT_NOTE, 20230700);
    ldrt_event *c = add(p, LDRT_EVENT_NOTE, 20230000);
    ldrt_event *d = add(p, LDRT_EVENT_NOTE, 20230701);
    ldrt_event *e = add(p, LDRT_EVENT_NOTE, 20230700);  /* equal to b: after b */
    ldrt_event *f = add(p, LDRT_EVENT_NOTE, 20230800);
    ldrt_event *want[] = { c, b, e, d, a, f };
    ck_assert_uint_eq(ldrt_patient_event_count(p), 6);
    for (size_t i = 0; i < 6; i++)
        ck_assert_ptr_eq(ldrt_patient_event_at(p, i), want[i]);
    ck_assert_ptr_null(ldrt_patient_event_at(p, 6));
    /* Moving an event re-sorts it. */
    tu_assert_ok(ldrt_event_set_date(f, 20220000));
    ck_assert_ptr_eq(ldrt_patient_event_at(p, 0), f);
    /* Removing keeps the order of the rest. */
    tu_assert_ok(ldrt_patient_remove_event(p, e));
    ck_assert_ptr_eq(ldrt_patient_event_at(p, 3), d);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(events_filter_by_kind_and_range)
{
    ldrt_patient *p = new_patient();
    add(p, LDRT_EVENT_IMAGING, 20230700);
    ldrt_event *rt = add(p, LDRT_EVENT_RADIOTHERAPY, 20230721);
    ldrt_event *ct = add(p, LDRT_EVENT_IMAGING, 20230900);
    add(p, LDRT_EVENT_IMAGING, 20231200);
    const ldrt_event **ev = NULL;
    size_t n = 99;
    /* Imaging from August 2023 to November 2023: only September. */
    tu_assert_ok(ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_IMAGING), 20230801, 20231130, 0,
                                     &ev, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_eq(ev[0], ct);
    ldrt_free(ev);
    /* A range given by a day inside July overlaps the month-level July scan. */
    tu_assert_ok(ldrt_patient_events(p, LDRT_EVENT_ALL, 20230721, 20230721, 0, &ev, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_eq(ev[1], rt);
    ldrt_free(ev);
    tu_assert_ok(ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_HOLD), LDRT_DATE_NONE,
                                     LDRT_DATE_NONE, 0, &ev, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(ev);
    tu_assert_error(ldrt_patient_events(p, LDRT_EVENT_ALL, 20231301, 0, 0, &ev, &n), LDRT_EINVAL, "from");
    tu_assert_error(ldrt_patient_events(p, LDRT_EVENT_ALL, 0, 20230230, 0, &ev, &n), LDRT_EINVAL, "to");
    tu_assert_error(ldrt_patient_events(p, LDRT_EVENT_ALL, 20231201, 20230101, 0, &ev, &n), LDRT_EINVAL, "to");
    tu_assert_error(ldrt_patient_events(p, LDRT_EVENT_ALL, 0, 0, 8, &ev, &n), LDRT_EINVAL, "flags");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(drug_queries)
{
    /* Pembrolizumab 200 mg q3w: 4 cycles from 2021-11-10 (with ipilimumab),
     * then 7 single administrations recorded one by one from 2022-02-02,
     * every 21 days: 11 in all = 2200 mg. */
    ldrt_patient *p = new_patient();
    ldrt_event *s = add(p, LDRT_EVENT_SYSTEMIC, 20211110);
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "ipilimumab", 80, "mg"));
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(s), "pembrolizumab", 200, "mg"));
    tu_assert_ok(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(s), 21, 4));
    ldrt_date d = 20220202;
    for (int k = 0; k < 7; k++) {
        ldrt_event *e = add(p, LDRT_EVENT_SYSTEMIC, d);
        tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), "pembrolizumab", 200, "mg"));
        tu_assert_ok(ldrt_date_add_days(d, k == 3 ? 63 : 21, &d)); /* a 63-day gap after the 4th */
    }
    ldrt_event *h = add(p, LDRT_EVENT_HOLD, 20220613);
    tu_assert_ok(ldrt_event_add_drug(h, "pembrolizumab"));
    ldrt_event *all = add(p, LDRT_EVENT_HOLD, 20220700); /* no drugs: all */
    ldrt_event *other = add(p, LDRT_EVENT_HOLD, 20220800);
    tu_assert_ok(ldrt_event_add_drug(other, "nivolumab"));
    ldrt_date first, last;
    size_t count = 0;
    double dose = 0;
    const char *unit = NULL;
    tu_assert_ok(ldrt_patient_drug_summary(p, "pembrolizumab", &first, &last, &count));
    ck_assert_int_eq(first, 20211110);
    ck_assert_uint_eq(count, 11);
    /* 2022-02-02 + 21*3 = 2022-04-06, + 63 = 2022-06-08, + 21*2 = 2022-07-20. */
    ck_assert_int_eq(last, 20220720);
    tu_assert_ok(ldrt_patient_drug_cumulative_dose(p, "pembrolizumab", &dose, &unit));
    ck_assert_double_eq(dose, 2200);
    ck_assert_str_eq(unit, "mg");
    tu_assert_ok(ldrt_patient_drug_cumulative_dose(p, "ipilimumab", &dose, NULL));
    ck_assert_double_eq(dose, 320);
    int64_t mn, mx;
    tu_assert_ok(ldrt_patient_drug_exposure_days(p, "pembrolizumab", &mn, &mx));
    /* 2021-11-10 to 2022-07-20: 51 + 200 = 252 days (Nov 10 -> Dec 31 is 51). */
    ck_assert_int_eq(mn, 252);
    ck_assert_int_eq(mx, 252);
    const ldrt_event **ev = NULL;
    size_t n = 0;
    tu_assert_ok(ldrt_patient_drug_gaps(p, "pembrolizumab", 31, &ev, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ldrt_event_date(ev[0]), 20220406);
    ldrt_free(ev);
    tu_assert_ok(ldrt_patient_drug_holds(p, "pembrolizumab", &ev, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_eq(ev[0], h);
    ck_assert_ptr_eq(ev[1], all);
    ldrt_free(ev);
    tu_assert_ok(ldrt_patient_drug_administrations(p, "ipilimumab", &ev, &n));
    ck_assert_uint_eq(n, 4);
    ck_assert_ptr_eq(ldrt_event_parent(ev[0]), s);
    ldrt_free(ev);
    tu_assert_error(ldrt_patient_drug_summary(p, "nivolumab", &first, &last, &count),
                    LDRT_ENOTFOUND, "nivolumab");
    tu_assert_error(ldrt_patient_drug_gaps(p, "pembrolizumab", -1, &ev, &n), LDRT_EINVAL,
                    "longer_than_days");
    /* Mixed units and a missing dose. */
    ldrt_event *x = add(p, LDRT_EVENT_SYSTEMIC, 20230101);
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(x), "pembrolizumab", 2, "mg/kg"));
    tu_assert_error(ldrt_patient_drug_cumulative_dose(p, "pembrolizumab", &dose, &unit),
                    LDRT_ESTATE, "mg/kg");
    ldrt_event *y = add(p, LDRT_EVENT_SYSTEMIC, 20230102);
    tu_assert_ok(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(y), "ipilimumab", NAN, NULL));
    tu_assert_error(ldrt_patient_drug_cumulative_dose(p, "ipilimumab", &dose, &unit),
                    LDRT_ENOTFOUND, "2023-01-02");
    ck_assert_double_eq(dose, 320);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(lesion_queries)
{
    ldrt_patient *p = new_patient();
    ldrt_lesion *t1, *n1;
    tu_assert_ok(ldrt_patient_add_lesion(p, "T1", &t1));
    tu_assert_ok(ldrt_patient_add_lesion(p, "N1", &n1));
    ldrt_event *sbrt = add(p, LDRT_EVENT_RADIOTHERAPY, 20220500);
    tu_assert_ok(ldrt_course_add_target(ldrt_event_as_course_mut(sbrt), "N1"));
    tu_assert_ok(ldrt_course_set_prescription(ldrt_event_as_course_mut(sbrt), 40, 5, LDRT_SCHEDULE_ALTERNATE_DAYS));
    ldrt_event *lx = add(p, LDRT_EVENT_RADIOTHERAPY, 20230721);
    tu_assert_ok(ldrt_course_add_target(ldrt_event_as_course_mut(lx), "T1"));
    tu_assert_ok(ldrt_course_set_prescription(ldrt_event_as_course_mut(lx), 10, 5, LDRT_SCHEDULE_DAILY));
    ldrt_event *s1 = add(p, LDRT_EVENT_IMAGING, 20230700);
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s1), "T1", 22, 0));
    ldrt_event *s2 = add(p, LDRT_EVENT_IMAGING, 20230900);
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s2), "T1", 14, 0));
    ldrt_event *s3 = add(p, LDRT_EVENT_IMAGING, 20240400);
    tu_assert_ok(ldrt_scan_set_non_target(ldrt_event_as_scan_mut(s3), "N1", LDRT_STATE_ABSENT));
    ck_assert(ldrt_course_targets_lesion(ldrt_event_as_course(lx), t1));
    ck_assert(!ldrt_course_targets_lesion(ldrt_event_as_course(lx), n1));
    const ldrt_fraction **fr = NULL;
    const ldrt_scan **ev = NULL;
    size_t n = 0;
    tu_assert_ok(ldrt_patient_lesion_fractions(p, t1, &fr, &n));
    ck_assert_uint_eq(n, 5);
    ck_assert_ptr_eq(ldrt_fraction_course(fr[0]), lx);
    ldrt_free(fr);
    tu_assert_ok(ldrt_patient_lesion_scans(p, t1, &ev, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_eq(ev[0], s1);
    ck_assert_ptr_eq(ev[1], s2);
    ldrt_free(ev);
    tu_assert_ok(ldrt_patient_lesion_scans(p, n1, &ev, &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_eq(ev[0], s3);
    ldrt_free(ev);
    const ldrt_course *c = NULL;
    tu_assert_ok(ldrt_event_set_text(lx, LDRT_FIELD_COURSE_ID, "LXRT"));
    tu_assert_ok(ldrt_patient_find_course(p, "LXRT", &c));
    ck_assert_ptr_eq(c, lx);
    tu_assert_error(ldrt_event_set_text(sbrt, LDRT_FIELD_COURSE_ID, "LXRT"), LDRT_EINVAL, "already used");
    tu_assert_error(ldrt_patient_find_course(p, "X", &c), LDRT_ENOTFOUND, "course_id");
    ck_assert_ptr_null(ldrt_event_as_course(s1));
    ck_assert_ptr_null(ldrt_event_as_course(NULL));
    ck_assert_ptr_null(ldrt_course_as_event(NULL));
    tu_assert_error(ldrt_course_total_dose_gy(ldrt_event_as_course(s1), &(double){ 0 }), LDRT_EINVAL, "course: must not be NULL");
    ldrt_patient_free(p);
}
END_TEST

/* ---- bad inputs leave the patient unchanged ------------------------------------ */

START_TEST(event_rejects)
{
    ldrt_patient *p = new_patient();
    ldrt_event *e = NULL;
    tu_assert_error(ldrt_patient_add_event(p, 0, 20230101, &e), LDRT_EINVAL, "kind");
    tu_assert_error(ldrt_patient_add_event(p, 11, 20230101, &e), LDRT_EINVAL, "kind");
    tu_assert_error(ldrt_patient_add_event(p, LDRT_EVENT_NOTE, 20230230, &e), LDRT_EINVAL, "date");
    tu_assert_error(ldrt_patient_add_event(p, LDRT_EVENT_NOTE, 0, &e), LDRT_EINVAL, "date");
    tu_assert_error(ldrt_patient_add_event(NULL, LDRT_EVENT_NOTE, 20230101, &e), LDRT_EINVAL, "p");
    ck_assert_ptr_null(e);
    ck_assert_uint_eq(ldrt_patient_event_count(p), 0);
    e = add(p, LDRT_EVENT_NOTE, 20230700);
    tu_assert_error(ldrt_event_set_end(e, 20230630), LDRT_EINVAL, "end");
    tu_assert_error(ldrt_event_set_end(e, 20231399), LDRT_EINVAL, "end");
    tu_assert_error(ldrt_event_set_text(e, 0, "x"), LDRT_EINVAL, "field");
    tu_assert_error(ldrt_event_set_text(e, LDRT_FIELD_NOTE, ""), LDRT_EINVAL, "note");
    tu_assert_error(ldrt_event_set_date(e, 20231301), LDRT_EINVAL, "date");
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_ID, "n1"));
    ldrt_event *f = add(p, LDRT_EVENT_NOTE, 20230800);
    tu_assert_error(ldrt_event_set_text(f, LDRT_FIELD_ID, "n1"), LDRT_EINVAL, "already used");
    const ldrt_event *found = NULL;
    tu_assert_ok(ldrt_patient_find_event(p, "n1", &found));
    ck_assert_ptr_eq(found, e);
    tu_assert_error(ldrt_patient_find_event(p, "n2", &found), LDRT_ENOTFOUND, "n2");
    /* Setting an end and then a date after it is refused. */
    tu_assert_ok(ldrt_event_set_end(e, 20230731));
    tu_assert_error(ldrt_event_set_date(e, 20230801), LDRT_EINVAL, "end");
    ck_assert_int_eq(ldrt_event_date(e), 20230700);
    ldrt_patient *q = new_patient();
    tu_assert_error(ldrt_patient_remove_event(q, e), LDRT_ENOTFOUND, "event");
    ldrt_patient_free(q);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(imaging_rejects)
{
    ldrt_patient *p = new_patient();
    ldrt_event *s = add(p, LDRT_EVENT_IMAGING, 20230900);
    ldrt_event *n = add(p, LDRT_EVENT_NOTE, 20230900);
    tu_assert_ok(ldrt_patient_add_lesion(p, "T1", NULL));
    tu_assert_error(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T9", 10, 0), LDRT_ENOTFOUND, "T9");
    tu_assert_error(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T1", -1, 0), LDRT_EINVAL, "diameter_mm");
    tu_assert_error(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T1", INFINITY, 0), LDRT_EINVAL, "diameter_mm");
    tu_assert_error(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T1", 1, 4), LDRT_EINVAL, "flags");
    /* A note is not a scan: the conversion refuses it, and the scan functions
     * refuse a NULL scan with a message naming it. */
    ck_assert_ptr_null(ldrt_event_as_scan_mut(n));
    ck_assert_ptr_null(ldrt_event_as_scan(n));
    ck_assert_ptr_null(ldrt_event_as_course_mut(s));
    ck_assert_ptr_null(ldrt_event_as_systemic_mut(s));
    ck_assert_ptr_eq(ldrt_scan_as_event(ldrt_event_as_scan(s)), s);
    tu_assert_error(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(n), "T1", 1, 0), LDRT_EINVAL, "scan: must not be NULL");
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T1", 0, 0));
    tu_assert_error(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T1", 1, 0), LDRT_EINVAL, "already measured");
    tu_assert_error(ldrt_scan_add_sul_peak(ldrt_event_as_scan_mut(s), "T1", -0.5), LDRT_EINVAL, "value");
    tu_assert_error(ldrt_scan_add_sul_peak(ldrt_event_as_scan_mut(s), "T2", 1), LDRT_ENOTFOUND, "T2");
    tu_assert_error(ldrt_scan_set_liver_sul_mean(ldrt_event_as_scan_mut(s), 0), LDRT_EINVAL, "liver_sul_mean");
    tu_assert_error(ldrt_scan_set_blood_pool_sul(ldrt_event_as_scan_mut(s), -1), LDRT_EINVAL, "blood_pool_sul");
    tu_assert_error(ldrt_scan_set_non_target(ldrt_event_as_scan_mut(s), "T1", 9), LDRT_EINVAL, "state");
    tu_assert_error(ldrt_scan_add_new_lesion(ldrt_event_as_scan_mut(s), "", NULL, NAN), LDRT_EINVAL, "id");
    tu_assert_error(ldrt_scan_add_new_lesion(ldrt_event_as_scan_mut(s), "N1", NULL, -3), LDRT_EINVAL, "diameter_mm");
    tu_assert_error(ldrt_scan_set_baseline(ldrt_event_as_scan_mut(s), 2), LDRT_EINVAL, "baseline");
    tu_assert_ok(ldrt_scan_add_new_lesion(ldrt_event_as_scan_mut(s), "N1", NULL, NAN));
    tu_assert_error(ldrt_scan_add_new_lesion(ldrt_event_as_scan_mut(s), "N1", NULL, NAN), LDRT_EINVAL, "already listed");
    ck_assert_uint_eq(ldrt_scan_measurement_count(ldrt_event_as_scan(s)), 1);
    ck_assert_uint_eq(ldrt_scan_sul_peak_count(ldrt_event_as_scan(s)), 0);
    ck_assert_uint_eq(ldrt_scan_non_target_count(ldrt_event_as_scan(s)), 0);
    ck_assert_uint_eq(ldrt_scan_new_lesion_count(ldrt_event_as_scan(s)), 1);
    ldrt_patient_free(p);
}
END_TEST

/* ---- handles: NULL is safe everywhere ---------------------------------------- */

START_TEST(null_handles_are_safe)
{
    /* Accessors return NULL / 0 for NULL handles, status functions EINVAL:
     * a binding may call them on a freed-and-cleared handle without a crash. */
    double v = 1;
    int i = 1;
    ldrt_date d = 1;
    size_t n = 1;
    ck_assert_ptr_null(ldrt_patient_sex(NULL));
    ck_assert_uint_eq(ldrt_patient_lesion_count(NULL), 0);
    ck_assert_uint_eq(ldrt_patient_diagnosis_count(NULL), 0);
    ck_assert_ptr_null(ldrt_patient_lesion_at(NULL, 0));
    ck_assert_ptr_null(ldrt_patient_event_at(NULL, 0));
    ck_assert_ptr_null(ldrt_patient_diagnosis_at(NULL, 0));
    ck_assert_ptr_null(ldrt_diagnosis_condition(NULL));
    ck_assert_ptr_null(ldrt_diagnosis_site(NULL));
    ck_assert_ptr_null(ldrt_diagnosis_stage(NULL));
    ck_assert_int_eq(ldrt_diagnosis_date(NULL), LDRT_DATE_NONE);
    ck_assert_uint_eq(ldrt_diagnosis_marker_count(NULL), 0);
    ck_assert_ptr_null(ldrt_lesion_id(NULL));
    ck_assert_ptr_null(ldrt_lesion_site(NULL));
    ck_assert_ptr_null(ldrt_lesion_organ(NULL));
    ck_assert_int_eq(ldrt_lesion_category_of(NULL), 0);
    ck_assert_ptr_null(ldrt_event_patient(NULL));
    ck_assert_int_eq(ldrt_event_type(NULL), 0);
    ck_assert_int_eq(ldrt_event_date(NULL), LDRT_DATE_NONE);
    ck_assert_ptr_null(ldrt_event_text(NULL, LDRT_FIELD_NOTE));
    ck_assert_ptr_null(ldrt_event_id(NULL));
    ck_assert_uint_eq(ldrt_systemic_agent_count(NULL), 0);
    ck_assert_ptr_null(ldrt_systemic_agent_drug(NULL, 0));
    ck_assert_ptr_null(ldrt_systemic_agent_unit(NULL, 0));
    ck_assert_int_eq(ldrt_systemic_gives_drug(NULL, "x"), 0);
    ck_assert_uint_eq(ldrt_systemic_administration_count(NULL), 0);
    ck_assert_ptr_null(ldrt_systemic_administration_at(NULL, 0));
    ck_assert_int_eq(ldrt_event_is_expanded(NULL), 0);
    ck_assert_ptr_null(ldrt_event_parent(NULL));
    ck_assert_uint_eq(ldrt_event_drug_count(NULL), 0);
    ck_assert_ptr_null(ldrt_event_drug_at(NULL, 0));
    ck_assert_uint_eq(ldrt_event_removed_lesion_count(NULL), 0);
    ck_assert_ptr_null(ldrt_event_removed_lesion_at(NULL, 0));
    ck_assert_uint_eq(ldrt_course_target_count(NULL), 0);
    ck_assert_ptr_null(ldrt_course_target_at(NULL, 0));
    ck_assert_int_eq(ldrt_course_targets_lesion(NULL, NULL), 0);
    ck_assert_uint_eq(ldrt_course_fraction_count(NULL), 0);
    ck_assert_ptr_null(ldrt_course_fraction_at(NULL, 0));
    ck_assert_ptr_null(ldrt_fraction_course(NULL));
    ck_assert_uint_eq(ldrt_fraction_index(NULL), 0);
    ck_assert_int_eq(ldrt_fraction_date(NULL), LDRT_DATE_NONE);
    ck_assert_int_eq(ldrt_fraction_is_expanded(NULL), 0);
    ck_assert_uint_eq(ldrt_scan_measurement_count(NULL), 0);
    ck_assert_ptr_null(ldrt_scan_measurement_lesion(NULL, 0));
    ldrt_lesion_state none;
    tu_assert_error(ldrt_scan_measurement_state(NULL, 0, &none), LDRT_EINVAL, "scan");
    ck_assert_uint_eq(ldrt_scan_sul_peak_count(NULL), 0);
    ck_assert_ptr_null(ldrt_scan_sul_peak_lesion(NULL, 0));
    ck_assert_uint_eq(ldrt_scan_non_target_count(NULL), 0);
    ck_assert_ptr_null(ldrt_scan_non_target_lesion(NULL, 0));
    tu_assert_error(ldrt_scan_non_target_state(NULL, 0, &none), LDRT_EINVAL, "scan");
    ck_assert_uint_eq(ldrt_scan_new_lesion_count(NULL), 0);
    ck_assert_ptr_null(ldrt_scan_new_lesion_id(NULL, 0));
    ck_assert_ptr_null(ldrt_scan_new_lesion_site(NULL, 0));
    ck_assert_int_eq(ldrt_scan_new_lesions_reported(NULL), 0);
    tu_assert_error(ldrt_patient_birth_date(NULL, &d), LDRT_EINVAL, "p");
    tu_assert_error(ldrt_lesion_nodal(NULL, &i), LDRT_EINVAL, "l");
    tu_assert_error(ldrt_event_end(NULL, &d), LDRT_EINVAL, "e");
    tu_assert_error(ldrt_event_span(NULL, &d, &d), LDRT_EINVAL, "e");
    tu_assert_error(ldrt_systemic_cycle(NULL, &i), LDRT_EINVAL, "e");
    tu_assert_error(ldrt_course_margin_mm(NULL, &v), LDRT_EINVAL, "e");
    tu_assert_error(ldrt_event_grade(NULL, &i), LDRT_EINVAL, "e");
    tu_assert_error(ldrt_scan_baseline(NULL, &i), LDRT_EINVAL, "e");
    tu_assert_error(ldrt_fraction_dose_gy(NULL, &v), LDRT_EINVAL, "f");
    tu_assert_error(ldrt_fraction_span(NULL, &d, &d), LDRT_EINVAL, "f");
    tu_assert_error(ldrt_event_set_text(NULL, LDRT_FIELD_NOTE, "x"), LDRT_EINVAL, "e");
    tu_assert_error(ldrt_course_add_fraction(NULL, 20230101, 2, NULL), LDRT_EINVAL, "e");
    tu_assert_error(ldrt_patient_events(NULL, LDRT_EVENT_ALL, 0, 0, 0, NULL, &n), LDRT_EINVAL, "p");
    tu_assert_error(ldrt_course_overall_days(NULL, NULL, NULL), LDRT_EINVAL, "e");
    ck_assert(v == 1 && i == 1 && d == 1 && n == 1);
}
END_TEST

START_TEST(children_by_index)
{
    ldrt_patient *p = new_patient();
    ldrt_lesion *t1, *nt;
    ldrt_date end = 0;
    tu_assert_ok(ldrt_patient_add_lesion(p, "T1", &t1));
    tu_assert_ok(ldrt_patient_add_lesion(p, "NT1", &nt));
    ck_assert_ptr_eq(ldrt_patient_lesion_at(p, 1), nt);
    ck_assert_ptr_null(ldrt_patient_lesion_at(p, 2));
    ldrt_event *c = add(p, LDRT_EVENT_RADIOTHERAPY, 20230721);
    tu_assert_ok(ldrt_course_add_target(ldrt_event_as_course_mut(c), "T1"));
    tu_assert_ok(ldrt_course_add_target(ldrt_event_as_course_mut(c), "NT1"));
    ck_assert_uint_eq(ldrt_course_target_count(ldrt_event_as_course(c)), 2);
    ck_assert_ptr_eq(ldrt_course_target_at(ldrt_event_as_course(c), 1), nt);
    ck_assert_ptr_null(ldrt_course_target_at(ldrt_event_as_course(c), 2));
    tu_assert_error(ldrt_event_end(c, &end), LDRT_ENOTFOUND, "end");
    tu_assert_ok(ldrt_event_set_end(c, 20230726));
    tu_assert_ok(ldrt_event_end(c, &end));
    ck_assert_int_eq(end, 20230726);
    ldrt_event *s = add(p, LDRT_EVENT_IMAGING, 20230900);
    tu_assert_ok(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(s), "T1", 14, 0));
    tu_assert_ok(ldrt_scan_set_non_target(ldrt_event_as_scan_mut(s), "NT1", LDRT_STATE_PRESENT));
    ck_assert_ptr_eq(ldrt_scan_measurement_lesion(ldrt_event_as_scan(s), 0), t1);
    ck_assert_ptr_null(ldrt_scan_measurement_lesion(ldrt_event_as_scan(s), 1));
    ck_assert_ptr_eq(ldrt_scan_non_target_lesion(ldrt_event_as_scan(s), 0), nt);
    ck_assert_ptr_null(ldrt_scan_non_target_lesion(ldrt_event_as_scan(s), 1));
    ldrt_lesion_state st;
    tu_assert_error(ldrt_scan_non_target_state(ldrt_event_as_scan(s), 1, &st), LDRT_EINVAL, "index");
    /* A series moved to another date is expanded again from it. */
    ldrt_event *sr = add(p, LDRT_EVENT_SYSTEMIC, 20230403);
    tu_assert_ok(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(sr), 21, 3));
    tu_assert_ok(ldrt_event_set_date(sr, 20230501));
    /* 1 May + 42 days = 12 June 2023 */
    ck_assert_int_eq(ldrt_event_date(ldrt_systemic_administration_at(ldrt_event_as_systemic(sr), 2)), 20230612);
    /* Moved to 31 Dec 9999 its third dose (+42 days) would fall in the year
     * 10000: refused with ERANGE and the series keeps its date. */
    tu_assert_error(ldrt_event_set_date(sr, 99991231), LDRT_ERANGE, "the year 9999");
    ck_assert_int_eq(ldrt_event_date(sr), 20230501);
    ck_assert_int_eq(ldrt_event_date(ldrt_systemic_administration_at(ldrt_event_as_systemic(sr), 2)), 20230612);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(strings_must_be_utf8)
{
    ldrt_patient *p = new_patient();
    ldrt_event *e = add(p, LDRT_EVENT_NOTE, 20230101);
    tu_assert_ok(ldrt_event_set_text(e, LDRT_FIELD_NOTE, "r\xc3\xa9sum\xc3\xa9 \xe2\x9c\x93"));
    static const char *const bad_utf8[] = {
        "\xff", "\xc3", "\xc0\xaf" /* overlong */, "\xed\xa0\x80" /* surrogate */,
        "\xf4\x90\x80\x80" /* above U+10FFFF */, "a\x80",
    };
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++)
        tu_assert_error(ldrt_event_set_text(e, LDRT_FIELD_NOTE, bad_utf8[i]), LDRT_EINVAL, "note: must be valid UTF-8");
    tu_assert_error(ldrt_patient_add_lesion(p, "\xff", NULL), LDRT_EINVAL, "id: must be valid UTF-8");
    ck_assert_str_eq(ldrt_event_text(e, LDRT_FIELD_NOTE), "r\xc3\xa9sum\xc3\xa9 \xe2\x9c\x93");
    ldrt_patient_free(p);
}
END_TEST

START_TEST(ids_follow_changes)
{
    /* Identifiers stay unique and findable through renames and removals. */
    ldrt_patient *p = new_patient();
    ldrt_event *a = add(p, LDRT_EVENT_RADIOTHERAPY, 20230101), *b = add(p, LDRT_EVENT_NOTE, 20230102);
    const ldrt_event *found = NULL;
    const ldrt_course *found_course = NULL;
    ldrt_lesion *l = NULL;
    tu_assert_ok(ldrt_event_set_text(a, LDRT_FIELD_ID, "x"));
    tu_assert_ok(ldrt_event_set_text(a, LDRT_FIELD_ID, "x"));  /* same event: allowed */
    tu_assert_ok(ldrt_event_set_text(a, LDRT_FIELD_ID, "y"));
    tu_assert_error(ldrt_patient_find_event(p, "x", &found), LDRT_ENOTFOUND, "x");
    tu_assert_ok(ldrt_event_set_text(b, LDRT_FIELD_ID, "x"));  /* "x" is free again */
    tu_assert_ok(ldrt_patient_find_event(p, "x", &found));
    ck_assert_ptr_eq(found, b);
    tu_assert_ok(ldrt_event_set_text(b, LDRT_FIELD_ID, NULL));
    tu_assert_error(ldrt_patient_find_event(p, "x", &found), LDRT_ENOTFOUND, "x");
    tu_assert_ok(ldrt_event_set_text(a, LDRT_FIELD_COURSE_ID, "C1"));
    tu_assert_ok(ldrt_patient_find_course(p, "C1", &found_course));
    ck_assert_ptr_eq(ldrt_course_as_event(found_course), a);
    ck_assert_ptr_eq(found_course, ldrt_event_as_course(a));
    tu_assert_ok(ldrt_patient_remove_event(p, a));
    tu_assert_error(ldrt_patient_find_course(p, "C1", &found_course), LDRT_ENOTFOUND, "C1");
    tu_assert_error(ldrt_patient_find_event(p, "y", &found), LDRT_ENOTFOUND, "y");
    /* Many ids (the index grows) and a removed lesion's id can be reused. */
    char id[16];
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "L%d", i);
        tu_assert_ok(ldrt_patient_add_lesion(p, id, NULL));
    }
    tu_assert_ok(ldrt_patient_find_lesion_mut(p, "L123", &l));
    ck_assert_str_eq(ldrt_lesion_id(l), "L123");
    tu_assert_ok(ldrt_patient_remove_lesion(p, l));
    tu_assert_error(ldrt_patient_find_lesion_mut(p, "L123", &l), LDRT_ENOTFOUND, "L123");
    tu_assert_ok(ldrt_patient_add_lesion(p, "L123", &l));
    ck_assert_uint_eq(ldrt_patient_lesion_count(p), 300);
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "L%d", i);
        tu_assert_ok(ldrt_patient_find_lesion_mut(p, id, &l));
        ck_assert_str_eq(ldrt_lesion_id(l), id);
    }
    ldrt_patient_free(p);
}
END_TEST

/* ---- allocation failures ------------------------------------------------------ */

static int build_record(void *arg)
{
    ldrt_patient **out = arg, *p = NULL;
    ldrt_event *e;
    int rc;
#define TRY(x) do { if ((rc = (x)) != LDRT_OK) { ldrt_patient_free(p); return rc; } } while (0)
    TRY(ldrt_patient_new("case-001", &p));
    TRY(ldrt_patient_set_sex(p, "male"));
    ldrt_diagnosis *d;
    TRY(ldrt_patient_add_diagnosis(p, 20210200, "melanoma", &d));
    TRY(ldrt_diagnosis_set_marker(d, "BRAF", "negative"));
    TRY(ldrt_patient_add_lesion(p, "T1", NULL));
    TRY(ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, 20210300, &e));
    TRY(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), "nivolumab", 240, "mg"));
    TRY(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(e), 14, 16));
    TRY(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, 20230721, &e));
    TRY(ldrt_course_add_target(ldrt_event_as_course_mut(e), "T1"));
    TRY(ldrt_event_set_text(e, LDRT_FIELD_TECHNIQUE, "VMAT"));
    TRY(ldrt_course_set_prescription(ldrt_event_as_course_mut(e), 10, 5, LDRT_SCHEDULE_WEEKDAYS));
    TRY(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, 20220500, &e));
    TRY(ldrt_course_add_fraction(ldrt_event_as_course_mut(e), 20220500, 8, NULL));
    TRY(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, 20230900, &e));
    TRY(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(e), "T1", 14, 0));
    TRY(ldrt_scan_add_sul_peak(ldrt_event_as_scan_mut(e), "T1", 3));
    TRY(ldrt_scan_set_non_target(ldrt_event_as_scan_mut(e), "T1", LDRT_STATE_PRESENT));
    TRY(ldrt_scan_add_new_lesion(ldrt_event_as_scan_mut(e), "N1", "liver", 5));
    TRY(ldrt_scan_set_recorded_response(ldrt_event_as_scan_mut(e), "recist1.1", "PR"));
    TRY(ldrt_patient_add_event(p, LDRT_EVENT_HOLD, 20220613, &e));
    TRY(ldrt_event_add_drug(e, "pembrolizumab"));
    const ldrt_event **ev;
    size_t n;
    TRY(ldrt_patient_events(p, LDRT_EVENT_ALL, 0, 0, LDRT_EVENTS_EXPAND, &ev, &n));
    ldrt_free(ev);
    int64_t mn, mx;
    TRY(ldrt_course_overall_days(ldrt_event_as_course(ldrt_patient_event_at(p, 3)), &mn, &mx));
    TRY(ldrt_patient_drug_gaps(p, "nivolumab", 1, &ev, &n));
    ldrt_free(ev);
#undef TRY
    *out = p;
    return LDRT_OK;
}

static void free_record(void *arg)
{
    ldrt_patient **p = arg;
    ldrt_patient_free(*p);
    *p = NULL;
}

START_TEST(allocation_failures_leave_nothing)
{
    ldrt_patient *p = NULL;
    tu_alloc_install();
    long used = tu_alloc_fail_each(build_record, free_record, &p);
    ck_assert_int_gt(used, 20);
    ck_assert_int_eq(tu_alloc_live(), 0);
    tu_alloc_uninstall();
}
END_TEST

static Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *t = tcase_create("names");
    tcase_add_test(t, kind_names_round_trip);
    tcase_add_test(t, other_names_round_trip);
    tcase_add_test(t, every_name_is_null_for_an_unknown_value);
    suite_add_tcase(s, t);
    t = tcase_create("record");
    tcase_add_test(t, patient_fields);
    tcase_add_test(t, patient_new_rejects);
    tcase_add_test(t, diagnoses);
    tcase_add_test(t, lesions);
    tcase_add_loop_test(t, event_kind_fields, 0, 10);
    tcase_add_test(t, systemic_event);
    tcase_add_test(t, hold_and_surgery_events);
    tcase_add_test(t, toxicity_event);
    tcase_add_test(t, imaging_event);
    tcase_add_test(t, note_event);
    tcase_add_test(t, event_rejects);
    tcase_add_test(t, imaging_rejects);
    tcase_add_test(t, null_handles_are_safe);
    tcase_add_test(t, children_by_index);
    tcase_add_test(t, strings_must_be_utf8);
    tcase_add_test(t, ids_follow_changes);
    suite_add_tcase(s, t);
    t = tcase_create("expansion");
    tcase_add_test(t, course_with_listed_fractions);
    tcase_add_loop_test(t, prescription_expansion, 0, (int)(sizeof rx_rows / sizeof rx_rows[0]));
    tcase_add_test(t, prescription_partial_start);
    tcase_add_test(t, prescription_rejects);
    tcase_add_test(t, series_expansion);
    tcase_add_test(t, series_partial_start);
    tcase_add_test(t, series_rejects);
    suite_add_tcase(s, t);
    t = tcase_create("queries");
    tcase_add_test(t, partial_date_ordering);
    tcase_add_test(t, events_filter_by_kind_and_range);
    tcase_add_test(t, drug_queries);
    tcase_add_test(t, lesion_queries);
    suite_add_tcase(s, t);
    t = tcase_create("memory");
    tcase_add_test(t, allocation_failures_leave_nothing);
    tcase_set_timeout(t, 60);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(model_suite)
