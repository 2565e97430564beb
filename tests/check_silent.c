/*
 * Silent internals: a public call that succeeds leaves no message in
 * ldrt_last_error() and leaves ldrt_last_error_code() at LDRT_OK; a call
 * that fails leaves a message and its own code there.
 *
 * Every call is made on a cleared error (CALL/CALLP below), over the whole
 * surface a program reads a record through: every accessor of every
 * diagnosis, lesion, event, course, fraction, scan and systemic of the seed
 * case (examples/data/case-fong-2025.json) and of a record with every kind
 * of event (tests/data/all-kinds.json), the timeline queries, per-drug and
 * per-course dose and timing, the three criteria with every accessor of
 * their assessments, course responses, therapy lines and resistance, every
 * report section, timeline and plot in every format, saving and validating,
 * FHIR out and back in, and the names and spellings of every enumeration.
 * A last test checks that every library function the `ldrt` command calls
 * on a record is called here.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

/* Calls checked, and calls that broke the rule (each printed, so that one
 * run lists them all). */
static int checked, broken;

static void expect_silent(int ok, int rc, const char *call, int line)
{
    const char *msg = ldrt_last_error();
    int code = ldrt_last_error_code();
    checked++;
    if (ok && (msg[0] != '\0' || code != LDRT_OK)) {
        fprintf(stderr, "check_silent: line %d: %s succeeded but left \"%s\" (code %d)\n", line,
                call, msg, code);
        broken++;
    } else if (!ok && rc < 0 && (msg[0] == '\0' || code != rc)) {
        fprintf(stderr, "check_silent: line %d: %s failed with %d but left \"%s\" (code %d)\n",
                line, call, rc, msg, code);
        broken++;
    }
}

/* An int-returning call: success is >= 0 (a status, a count or a flag). */
#define CALL(call)                                                      \
    ({                                                                  \
        ldrt_clear_error();                                             \
        int rc_ = (call);                                               \
        expect_silent(rc_ >= 0, rc_, #call, __LINE__);                  \
        rc_;                                                            \
    })
/* A call returning a pointer, a count or a value: it reports no failure,
 * so it must never leave a message. */
#define CALLV(call)                                                     \
    ({                                                                  \
        ldrt_clear_error();                                             \
        __typeof__(call) v_ = (call);                                   \
        expect_silent(1, 0, #call, __LINE__);                           \
        v_;                                                             \
    })

static ldrt_patient *load(const char *path)
{
    ldrt_patient *p = NULL;
    ldrt_clear_error();
    tu_assert_ok(ldrt_patient_load_json(path, &p));
    expect_silent(1, 0, "ldrt_patient_load_json", __LINE__);
    return p;
}

/* ---- the record ------------------------------------------------------------------------ */

static void walk_course(const ldrt_patient *p, const ldrt_course *c)
{
    double d1, d2, d3;
    int i1;
    ldrt_schedule i2;
    ldrt_drug_timing i3;
    unsigned u;
    int64_t n1, n2;
    ldrt_date a, b;
    CALLV(ldrt_course_as_event(c));
    CALLV(ldrt_event_as_course(ldrt_course_as_event(c)));
    size_t nt = CALLV(ldrt_course_target_count(c));
    for (size_t i = 0; i < nt; i++) {
        const ldrt_lesion *l = CALLV(ldrt_course_target_at(c, i));
        CALL(ldrt_course_targets_lesion(c, l));
    }
    CALL(ldrt_course_margin_mm(c, &d1));
    CALL(ldrt_course_prescription(c, &d1, &i1, &i2));
    size_t nf = CALLV(ldrt_course_fraction_count(c));
    for (size_t i = 0; i < nf; i++) {
        const ldrt_fraction *f = CALLV(ldrt_course_fraction_at(c, i));
        CALLV(ldrt_fraction_course(f));
        CALLV(ldrt_fraction_index(f));
        CALLV(ldrt_fraction_date(f));
        CALL(ldrt_fraction_span(f, &a, &b));
        CALL(ldrt_fraction_dose_gy(f, &d1));
        CALL(ldrt_fraction_is_expanded(f));
    }
    CALL(ldrt_course_fraction_dates(c, &a, &b));
    CALL(ldrt_course_overall_days(c, &n1, &n2));
    CALL(ldrt_course_total_dose_gy(c, &d1));
    CALL(ldrt_course_dose_per_fraction_gy(c, &d1, &i1));
    CALL(ldrt_course_dose(c, 10.0, &d1, &d2, &d3));
    CALL(ldrt_course_dose(c, 3.0, &d1, &d2, &d3));
    CALL(ldrt_course_bed_repop(c, 10.0, 28.0, 0.3, 3.0, &d1, &d2));
    ldrt_regimen rg;
    CALL(ldrt_course_classify(c, &rg, &u));
    if (CALL(ldrt_course_classify(c, &rg, &u)) == 0) {
        CALLV(ldrt_regimen_name(rg));
        unsigned s1, s2;
        CALL(ldrt_regimen_rules_split(rg, u, &s1, &s2));
    }
    size_t ne = CALLV(ldrt_patient_event_count(p));
    for (size_t k = 0; k < ne; k++) {
        const ldrt_systemic *s = ldrt_event_as_systemic(ldrt_patient_event_at(p, k));
        size_t na = s ? ldrt_systemic_agent_count(s) : 0;
        for (size_t j = 0; j < na; j++) {
            const char *drug = ldrt_systemic_agent_drug(s, j);
            CALL(ldrt_course_drug_timing(p, c, drug, 0, &n1, &n2, &i3));
            if (CALL(ldrt_course_drug_timing(p, c, drug, 28, &n1, &n2, &i3)) == 0)
                CALLV(ldrt_drug_timing_name(i3));
        }
    }
}

static void walk_scan(const ldrt_scan *s)
{
    int i1;
    double d;
    ldrt_lesion_state st;
    size_t k;
    const char *c1, *c2;
    CALLV(ldrt_scan_as_event(s));
    CALL(ldrt_scan_baseline(s, &i1));
    size_t n = CALLV(ldrt_scan_measurement_count(s));
    for (size_t i = 0; i < n; i++) {
        const ldrt_lesion *l = CALLV(ldrt_scan_measurement_lesion(s, i));
        CALL(ldrt_scan_measurement_state(s, i, &st));
        CALL(ldrt_scan_measurement_diameter_mm(s, i, &d));
        CALL(ldrt_scan_find_measurement(s, l, &k));
    }
    n = CALLV(ldrt_scan_sul_peak_count(s));
    for (size_t i = 0; i < n; i++) {
        CALLV(ldrt_scan_sul_peak_lesion(s, i));
        CALL(ldrt_scan_sul_peak_value(s, i, &d));
    }
    CALL(ldrt_scan_liver_sul_mean(s, &d));
    CALL(ldrt_scan_blood_pool_sul(s, &d));
    n = CALLV(ldrt_scan_non_target_count(s));
    for (size_t i = 0; i < n; i++) {
        CALLV(ldrt_scan_non_target_lesion(s, i));
        CALL(ldrt_scan_non_target_state(s, i, &st));
    }
    n = CALLV(ldrt_scan_new_lesion_count(s));
    for (size_t i = 0; i < n; i++) {
        CALLV(ldrt_scan_new_lesion_id(s, i));
        CALLV(ldrt_scan_new_lesion_site(s, i));
        CALL(ldrt_scan_new_lesion_diameter_mm(s, i, &d));
    }
    CALL(ldrt_scan_new_lesions_reported(s));
    CALL(ldrt_scan_recorded_response(s, &c1, &c2));
}

static void walk_systemic(const ldrt_patient *p, const ldrt_systemic *s)
{
    int i1, i2;
    double d;
    CALLV(ldrt_systemic_as_event(s));
    size_t n = CALLV(ldrt_systemic_agent_count(s));
    for (size_t i = 0; i < n; i++) {
        const char *drug = CALLV(ldrt_systemic_agent_drug(s, i));
        CALL(ldrt_systemic_agent_dose(s, i, &d));
        CALLV(ldrt_systemic_agent_unit(s, i));
        CALL(ldrt_systemic_gives_drug(s, drug));
        CALL(ldrt_drug_is_checkpoint_inhibitor(drug));
        const ldrt_event **ev = NULL;
        size_t count;
        ldrt_date a, b;
        const char *unit;
        int64_t n1, n2;
        if (CALL(ldrt_patient_drug_administrations(p, drug, &ev, &count)) == 0)
            ldrt_free(ev);
        CALL(ldrt_patient_drug_summary(p, drug, &a, &b, &count));
        CALL(ldrt_patient_drug_cumulative_dose(p, drug, &d, &unit));
        CALL(ldrt_patient_drug_exposure_days(p, drug, &n1, &n2));
        if (CALL(ldrt_patient_drug_gaps(p, drug, 21, &ev, &count)) == 0)
            ldrt_free(ev);
        if (CALL(ldrt_patient_drug_holds(p, drug, &ev, &count)) == 0)
            ldrt_free(ev);
        ldrt_resistance_result *r = NULL;
        if (CALL(ldrt_patient_resistance(p, drug, LDRT_DATE_NONE, NULL, NULL, &r)) == 0) {
            ldrt_resistance cat;
            CALL(ldrt_resistance_category(r, &cat));
            CALLV(ldrt_resistance_missing(r));
            CALLV(ldrt_resistance_reason(r));
            ldrt_resistance_result_free(r);
        }
    }
    CALL(ldrt_systemic_cycle(s, &i1));
    int64_t every;
    CALL(ldrt_systemic_repeat(s, &every, &i2));
    n = CALLV(ldrt_systemic_administration_count(s));
    for (size_t i = 0; i < n; i++) {
        const ldrt_event *a = CALLV(ldrt_systemic_administration_at(s, i));
        CALL(ldrt_event_is_expanded(a));
        CALLV(ldrt_event_parent(a));
        CALLV(ldrt_event_date(a));
    }
}

static void walk_event(const ldrt_patient *p, const ldrt_event *e)
{
    ldrt_date a, b;
    int i1;
    CALLV(ldrt_event_patient(e));
    ldrt_event_kind kind = CALLV(ldrt_event_type(e));
    CALLV(ldrt_event_kind_name(kind));
    CALLV(ldrt_event_date(e));
    CALL(ldrt_event_span(e, &a, &b));
    CALL(ldrt_event_end(e, &a));
    for (int f = 0; f < 64; f++)
        if (ldrt_event_field_name((ldrt_event_field)f))
            CALLV(ldrt_event_text(e, (ldrt_event_field)f));
    CALLV(ldrt_event_id(e));
    CALL(ldrt_event_is_expanded(e));
    CALLV(ldrt_event_parent(e));
    ldrt_hold_kind hk;
    CALL(ldrt_event_hold_kind(e, &hk));
    size_t n = CALLV(ldrt_event_drug_count(e));
    for (size_t i = 0; i < n; i++)
        CALLV(ldrt_event_drug_at(e, i));
    n = CALLV(ldrt_event_removed_lesion_count(e));
    for (size_t i = 0; i < n; i++)
        CALLV(ldrt_event_removed_lesion_at(e, i));
    CALL(ldrt_event_grade(e, &i1));
    CALL(ldrt_event_resolved(e, &a));
    const ldrt_course *c = CALLV(ldrt_event_as_course(e));
    const ldrt_scan *s = CALLV(ldrt_event_as_scan(e));
    const ldrt_systemic *y = CALLV(ldrt_event_as_systemic(e));
    if (c)
        walk_course(p, c);
    if (s)
        walk_scan(s);
    if (y)
        walk_systemic(p, y);
    const char *id = ldrt_event_id(e);
    if (id) {
        const ldrt_event *found;
        CALL(ldrt_patient_find_event(p, id, &found));
        if (c) {
            const ldrt_course *fc;
            CALL(ldrt_patient_find_course(p, id, &fc));
        }
    }
}

static void walk_lesion(const ldrt_patient *p, const ldrt_lesion *l)
{
    int i1;
    double d1, d2, d3;
    size_t n;
    const char *id = CALLV(ldrt_lesion_id(l));
    CALLV(ldrt_lesion_site(l));
    CALLV(ldrt_lesion_organ(l));
    CALL(ldrt_lesion_nodal(l, &i1));
    ldrt_lesion_role role = CALLV(ldrt_lesion_category_of(l));
    CALLV(ldrt_lesion_role_name(role));
    CALL(ldrt_lesion_dose(p, l, 10.0, LDRT_RECOVERY_NONE, &d1, &d2, &d3, &n));
    CALL(ldrt_lesion_dose(p, l, 3.0, LDRT_RECOVERY_FIXED, &d1, &d2, &d3, &n));
    const ldrt_fraction **fr = NULL;
    if (CALL(ldrt_patient_lesion_fractions(p, l, &fr, &n)) == 0)
        ldrt_free(fr);
    const ldrt_scan **sc = NULL;
    if (CALL(ldrt_patient_lesion_scans(p, l, &sc, &n)) == 0)
        ldrt_free(sc);
    const ldrt_lesion *found;
    CALL(ldrt_patient_find_lesion(p, id, &found));
}

static void walk_record(const ldrt_patient *p)
{
    ldrt_date a, b;
    CALLV(ldrt_patient_id(p));
    CALLV(ldrt_patient_sex(p));
    CALL(ldrt_patient_birth_date(p, &a));
    size_t n = CALLV(ldrt_patient_diagnosis_count(p));
    for (size_t i = 0; i < n; i++) {
        const ldrt_diagnosis *d = CALLV(ldrt_patient_diagnosis_at(p, i));
        CALLV(ldrt_diagnosis_date(d));
        CALLV(ldrt_diagnosis_condition(d));
        CALLV(ldrt_diagnosis_site(d));
        CALLV(ldrt_diagnosis_stage(d));
        size_t m = CALLV(ldrt_diagnosis_marker_count(d));
        for (size_t j = 0; j < m; j++) {
            const char *k, *v;
            CALL(ldrt_diagnosis_marker_at(d, j, &k, &v));
        }
    }
    n = CALLV(ldrt_patient_lesion_count(p));
    for (size_t i = 0; i < n; i++)
        walk_lesion(p, CALLV(ldrt_patient_lesion_at(p, i)));
    n = CALLV(ldrt_patient_event_count(p));
    for (size_t i = 0; i < n; i++)
        walk_event(p, CALLV(ldrt_patient_event_at(p, i)));
    const ldrt_event **ev = NULL;
    size_t count;
    if (CALL(ldrt_patient_events(p, ~0u, LDRT_DATE_NONE, LDRT_DATE_NONE, 0, &ev, &count)) == 0)
        ldrt_free(ev);
    if (CALL(ldrt_patient_events(p, ~0u, LDRT_DATE_NONE, LDRT_DATE_NONE, LDRT_EVENTS_EXPAND,
                                 &ev, &count)) == 0) {
        for (size_t i = 0; i < count; i++)
            CALL(ldrt_event_span(ev[i], &a, &b));
        ldrt_free(ev);
    }
    const ldrt_course **hi = NULL, **lo = NULL;
    if (CALL(ldrt_patient_radscopal(p, 30, &hi, &lo, &count)) == 0) {
        ldrt_free(hi);
        ldrt_free(lo);
    }
}

/* ---- response ---------------------------------------------------------------------------- */

static void walk_assessment(const ldrt_assessment *a)
{
    int i4;
    ldrt_response i1, i2, i3;
    ldrt_criteria crit;
    ldrt_response_rule rule;
    ldrt_censor censor;
    double d1, d2, d3;
    int64_t n1, n2;
    ldrt_date date;
    CALL(ldrt_assessment_criteria(a, &crit));
    CALLV(ldrt_assessment_options(a));
    size_t n = CALLV(ldrt_assessment_timepoint_count(a));
    for (size_t i = 0; i < n; i++) {
        CALL(ldrt_assessment_timepoint(a, i, &date, &i1, &i2, &i3, &i4));
        CALL(ldrt_assessment_overall(a, i, &i1));
        CALLV(ldrt_response_label_name(i1));
        CALL(ldrt_assessment_values(a, i, &d1, &d2, &d3));
        CALL(ldrt_assessment_rule(a, i, &rule));
        CALLV(ldrt_response_rule_name(rule));
        CALLV(ldrt_assessment_reason(a, i));
    }
    for (int confirmed = 0; confirmed <= 1; confirmed++) {
        CALL(ldrt_assessment_best(a, confirmed, &i1));
        CALLV(ldrt_assessment_best_reason(a, confirmed));
    }
    for (int e = 1; ldrt_endpoint_name((ldrt_endpoint)e); e++) {
        if (CALL(ldrt_assessment_endpoint(a, (ldrt_endpoint)e, &n1, &censor)) == 0)
            CALLV(ldrt_censor_name(censor));
        CALL(ldrt_assessment_endpoint_range(a, (ldrt_endpoint)e, &n1, &n2));
    }
    n = CALLV(ldrt_assessment_warning_count(a));
    for (size_t i = 0; i < n; i++)
        CALLV(ldrt_assessment_warning(a, i));
    for (int f = LDRT_FORMAT_TEXT; f <= LDRT_FORMAT_JSON; f++) {
        char *out = NULL;
        size_t size;
        if (CALL(ldrt_assessment_render(a, (ldrt_format)f, &out, &size)) == 0)
            ldrt_free(out);
    }
}

static void walk_response(const ldrt_patient *p)
{
    ldrt_response_options *o = NULL;
    CALL(ldrt_response_options_new(&o));
    CALL(ldrt_response_options_set_confirm_days(o, 28));
    CALL(ldrt_response_options_set_sd_min_days(o, 42));
    for (int c = LDRT_CRITERIA_RECIST11; c <= LDRT_CRITERIA_PERCIST10; c++) {
        for (int k = 0; k < 2; k++) {
            ldrt_assessment *a = NULL;
            if (CALL(ldrt_patient_assess(p, (ldrt_criteria)c, k ? o : NULL, &a)) == 0) {
                walk_assessment(a);
                const ldrt_systemic **lines = NULL;
                size_t nl;
                if (CALL(ldrt_patient_therapy_lines(p, &lines, &nl)) == 0) {
                    for (size_t i = 0; i < nl; i++) {
                        ldrt_resistance_result *r = NULL;
                        if (CALL(ldrt_patient_line_resistance(p, lines[i], a, o, &r)) == 0)
                            ldrt_resistance_result_free(r);
                    }
                    ldrt_free(lines);
                }
                ldrt_assessment_free(a);
            }
        }
    }
    size_t ne = ldrt_patient_event_count(p);
    for (size_t i = 0; i < ne; i++) {
        const ldrt_course *c = ldrt_event_as_course(ldrt_patient_event_at(p, i));
        ldrt_course_response *r = NULL;
        if (!c || CALL(ldrt_patient_course_response(p, c, o, &r)) != 0)
            continue;
        size_t n = CALLV(ldrt_course_response_count(r));
        CALLV(ldrt_course_response_abscopal_count(r));
        for (size_t j = 0; j < n; j++) {
            const ldrt_lesion *l;
            int in_field, responded;
            double before, best, change;
            int64_t days;
            ldrt_date date;
            CALL(ldrt_course_response_lesion(r, j, &l, &in_field, &before, &best, &change,
                                             &responded, &days));
            size_t m = CALLV(ldrt_course_response_scan_count(r, j));
            for (size_t k = 0; k < m; k++)
                CALL(ldrt_course_response_scan(r, j, k, &date, &before, &change));
        }
        ldrt_course_response_free(r);
    }
    ldrt_response_options_free(o);
}

/* ---- render and io ----------------------------------------------------------------------- */

static void walk_output(const ldrt_patient *p)
{
    char *out = NULL;
    size_t size, problems;
    for (int f = LDRT_FORMAT_TEXT; f <= LDRT_FORMAT_JSON; f++) {
        if (CALL(ldrt_patient_report(p, (ldrt_format)f, LDRT_REPORT_ALL, &out, &size)) == 0)
            ldrt_free(out);
        for (unsigned s = 1; s & LDRT_REPORT_ALL; s <<= 1)
            if (CALL(ldrt_patient_report(p, (ldrt_format)f, s, &out, &size)) == 0)
                ldrt_free(out);
        if (CALL(ldrt_timeline_render(p, (ldrt_format)f, &out, &size)) == 0)
            ldrt_free(out);
        for (int c = LDRT_CRITERIA_RECIST11; c <= LDRT_CRITERIA_PERCIST10; c++)
            if (CALL(ldrt_patient_assessment_render(p, (ldrt_criteria)c, NULL, (ldrt_format)f,
                                                    &out, &size)) == 0)
                ldrt_free(out);
        if (CALL(ldrt_text_escape("a|b\n<c>", (ldrt_format)f, &out)) == 0)
            ldrt_free(out);
    }
    char dir[] = "/tmp/ldrt-silent-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[sizeof dir + 32];
    for (int k = LDRT_PLOT_SWIMMER; k <= LDRT_PLOT_DOSE; k++) {
        if (CALL(ldrt_plot_svg(p, (ldrt_plot_kind)k, &out, &size)) == 0)
            ldrt_free(out);
        snprintf(path, sizeof path, "%s/plot%d.svg", dir, k);
        if (CALL(ldrt_plot_save_svg(p, (ldrt_plot_kind)k, path)) == 0)
            remove(path);
    }
    if (CALL(ldrt_patient_save_json_buffer(p, &out, &size)) == 0) {
        ldrt_patient *q = NULL;
        if (CALL(ldrt_patient_load_json_buffer(out, size, &q)) == 0)
            ldrt_patient_free(q);
        char *report = NULL;
        if (CALL(ldrt_json_validate_buffer(out, size, &report, &problems)) == 0)
            ldrt_free(report);
        ldrt_free(out);
    }
    if (CALL(ldrt_patient_write_fhir(p, &out, &size)) == 0) {
        ldrt_patient *q = NULL;
        char *warnings = NULL;
        if (CALL(ldrt_patient_read_fhir(out, size, &q, &warnings)) == 0) {
            ldrt_patient_free(q);
            ldrt_free(warnings);
        }
        ldrt_free(out);
    }
    snprintf(path, sizeof path, "%s/case.fhir.json", dir);
    if (CALL(ldrt_patient_save_fhir(p, path)) == 0) {
        ldrt_patient *q = NULL;
        char *warnings = NULL;
        if (CALL(ldrt_patient_load_fhir(path, &q, &warnings)) == 0) {
            ldrt_patient_free(q);
            ldrt_free(warnings);
        }
        remove(path);
    }
    snprintf(path, sizeof path, "%s/case.json", dir);
    if (CALL(ldrt_patient_save_json(p, path)) == 0) {
        char *report = NULL;
        if (CALL(ldrt_json_validate_file(path, &report, &problems)) == 0)
            ldrt_free(report);
        remove(path);
    }
    rmdir(dir);
}

static void walk_all(const char *path)
{
    checked = broken = 0;
    ldrt_patient *p = load(path);
    walk_record(p);
    walk_response(p);
    walk_output(p);
    ldrt_patient_free(p);
    ck_assert_int_gt(checked, 200);
    ck_assert_msg(broken == 0, "%d of %d calls broke the rule (listed above)", broken, checked);
}

START_TEST(test_seed_case_silent) { walk_all(tu_example_path("case-fong-2025.json")); }
END_TEST

START_TEST(test_all_kinds_silent) { walk_all(tu_data_path("all-kinds.json")); }
END_TEST

/* ---- names, spellings and pure functions --------------------------------------------------- */

START_TEST(test_names_silent)
{
    ldrt_event_kind ek;
    ldrt_hold_kind hk;
    ldrt_schedule sc;
    ldrt_response rl;
    ldrt_criteria cr;
    ldrt_plot_kind pk;
    checked = broken = 0;
    for (int i = 0; i < 64; i++) {
        const char *s;
        if ((s = CALLV(ldrt_event_kind_name((ldrt_event_kind)i))))
            CALL(ldrt_event_kind_parse(s, &ek));
        if ((s = CALLV(ldrt_hold_kind_name((ldrt_hold_kind)i))))
            CALL(ldrt_hold_kind_parse(s, &hk));
        if ((s = CALLV(ldrt_schedule_name((ldrt_schedule)i))))
            CALL(ldrt_schedule_parse(s, &sc));
        if ((s = CALLV(ldrt_response_label_name((ldrt_response)i))) && *s)
            CALL(ldrt_response_label_parse(s, &rl));
        if ((s = CALLV(ldrt_criteria_name((ldrt_criteria)i))))
            CALL(ldrt_criteria_parse(s, &cr));
        if ((s = CALLV(ldrt_plot_kind_name((ldrt_plot_kind)i))))
            CALL(ldrt_plot_kind_parse(s, &pk));
        ldrt_format f;
        if ((s = CALLV(ldrt_format_name((ldrt_format)i)))) {
            CALL(ldrt_format_parse(s, &f));
            CALL(ldrt_timeline_format_parse(s, &f));
        }
        ldrt_lesion_role r;
        if ((s = CALLV(ldrt_lesion_role_name((ldrt_lesion_role)i))))
            CALL(ldrt_lesion_role_parse(s, &r));
        ldrt_lesion_state st;
        if ((s = CALLV(ldrt_lesion_state_name((ldrt_lesion_state)i))))
            CALL(ldrt_lesion_state_parse(s, &st));
        CALLV(ldrt_response_setting_name((ldrt_response_setting)i));
        CALLV(ldrt_resistance_name((ldrt_resistance)i));
        CALLV(ldrt_regimen_name((ldrt_regimen)i));
        CALLV(ldrt_regimen_rule_name(1u << (i % 32)));
        CALLV(ldrt_regimen_rule_source(1u << (i % 32)));
        CALLV(ldrt_strerror(-i));
    }
    CALLV(ldrt_version());
    CALLV(ldrt_version_string());
    /* The dose functions the command calls, on ordinary arguments. */
    double x, y, z;
    const char *name, *cite;
    size_t idx;
    unsigned rules;
    CALL(ldrt_lq_bed(10, 5, 10, &x));
    CALL(ldrt_lq_eqd(10, 5, 10, 2, &x));
    CALL(ldrt_lq_eqd2(10, 5, 10, &x));
    CALL(ldrt_lql_bed(40, 5, 10, 6, &x));
    CALL(ldrt_lql_eqd(40, 5, 10, 6, 2, &x));
    CALL(ldrt_hrs_bed(1, 1, 10, 10, 0.3, &x));
    CALL(ldrt_hrs_eqd(1, 1, 10, 10, 0.3, 2, &x));
    CALL(ldrt_usc_params(0.33, 1.25, 1.8, &x, &y));
    CALL(ldrt_usc_bed(40, 5, 0.33, 1.25, 1.8, &x));
    CALL(ldrt_usc_eqd(40, 5, 0.33, 1.25, 1.8, 2, &x));
    CALL(ldrt_usc_sfed(40, 5, 0.33, 1.25, 1.8, &x));
    ldrt_regimen reg;
    CALL(ldrt_regimen_classify(10, 5, &reg, &rules));
    size_t nt = CALLV(ldrt_tissue_count());
    for (size_t i = 0; i < nt; i++) {
        int v;
        CALL(ldrt_tissue_info(i, &name, &x, &y, &z, &cite, &v));
        CALL(ldrt_tissue_find(name, &idx));
        CALL(ldrt_tissue_kinetics(i, &x, &y, &z));
    }
    ldrt_date d;
    char buf[32];
    CALL(ldrt_date_parse("2023-07", &d));
    CALL(ldrt_date_format(d, buf, sizeof buf));
    ldrt_response_options *o = NULL;
    CALL(ldrt_response_options_new(&o));
    CALL(ldrt_response_options_set_reference_date(o, d));
    ldrt_response_options_free(o);
    ck_assert_msg(broken == 0, "%d of %d calls broke the rule (listed above)", broken, checked);
}
END_TEST

/* A failure leaves its message and code; the next success does not clear them
 * by itself (the caller clears), and ldrt_clear_error() does. */
START_TEST(test_failure_code)
{
    double x;
    ldrt_clear_error();
    int rc = ldrt_lq_bed(-1, 5, 10, &x);
    ck_assert_int_eq(rc, LDRT_EINVAL);
    ck_assert_int_eq(ldrt_last_error_code(), LDRT_EINVAL);
    ck_assert_ptr_nonnull(strstr(ldrt_last_error(), "total_gy"));
    ldrt_date d;
    ck_assert_int_eq(ldrt_date_parse("2023-13", &d), LDRT_EPARSE);
    ck_assert_int_eq(ldrt_last_error_code(), LDRT_EPARSE);
    ldrt_clear_error();
    ck_assert_str_eq(ldrt_last_error(), "");
    ck_assert_int_eq(ldrt_last_error_code(), LDRT_OK);
}
END_TEST

/* Every library function the ldrt command calls is called in this file. */
START_TEST(test_covers_the_command)
{
    size_t n;
    char *self = tu_slurp(__FILE__, &n);
    ck_assert_ptr_nonnull(self);
    FILE *ls = popen("cat tools/*.c | grep -oE '\\bldrt_[a-z0-9_]+\\(' | sort -u", "r");
    ck_assert_ptr_nonnull(ls);
    char line[128];
    int missing = 0, seen = 0;
    while (fgets(line, sizeof line, ls)) {
        line[strcspn(line, "\n")] = '\0';
        /* Not a call of a value-returning function (freeing, the error itself). */
        if (!strcmp(line, "ldrt_free(") || !strcmp(line, "ldrt_last_error(") ||
            !strcmp(line, "ldrt_patient_free(") || !strcmp(line, "ldrt_assessment_free(") ||
            !strcmp(line, "ldrt_response_options_free(") || !strncmp(line, "ldrt_tool_", 10))
            continue;
        /* The commands over a directory of SDTM datasets (ldrt study,
         * ldrt import/export --sdtm) read no single record: check_study. */
        if (!strncmp(line, "ldrt_study_", 11) || !strncmp(line, "ldrt_sdtm_", 10))
            continue;
        seen++;
        if (!strstr(self, line)) {
            fprintf(stderr, "check_silent: %s is called by the ldrt command but not here\n", line);
            missing++;
        }
    }
    pclose(ls);
    free(self);
    ck_assert_int_gt(seen, 40);
    ck_assert_int_eq(missing, 0);
}
END_TEST

static Suite *silent_suite(void)
{
    Suite *s = suite_create("silent");
    TCase *tc = tcase_create("silent");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_seed_case_silent);
    tcase_add_test(tc, test_all_kinds_silent);
    tcase_add_test(tc, test_names_silent);
    tcase_add_test(tc, test_failure_code);
    tcase_add_test(tc, test_covers_the_command);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(silent_suite)
