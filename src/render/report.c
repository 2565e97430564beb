/*
 * The patient report (ldrt_patient_report()): the whole story of a patient,
 * section by section, through the document writer (doc.c). What `ldrt
 * report` prints.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_internal.h"
#include "ldrt/dose.h"
#include "ldrt/patient.h"
#include "ldrt/response.h"

/* ---- small helpers ------------------------------------------------------------------ */

static void date_text(ldrt_date d, char buf[LDRT_DATE_BUFSIZE])
{
    if (d == LDRT_DATE_NONE || ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE) != LDRT_OK)
        buf[0] = '\0';
}

static void range_text(ldrt__buf *b, int64_t lo, int64_t hi)
{
    if (lo == hi)
        ldrt__buf_printf(b, "%lld", (long long)lo);
    else
        ldrt__buf_printf(b, "%lld to %lld", (long long)lo, (long long)hi);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* A copy of the message of the last silenced look-up (LDRT__SILENT), for a
 * row that says why: the report succeeds, so the reason never reaches
 * ldrt_last_error(). */
static void why_text(ldrt__buf *b, const char *prefix)
{
    ldrt__buf_puts(b, prefix);
    ldrt__buf_puts(b, ldrt__silent_error());
}

/* A silenced failure that the report passes on: its message made public. */
static int pass_on(int rc)
{
    return rc == LDRT_OK || rc == LDRT_ENOMEM ? rc : ldrt__error(rc, "%s", ldrt__silent_error());
}

/* The distinct drug names in order of first appearance (borrowed), at most max. */
static size_t drug_names(const ldrt_patient *p, const char **names, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) != LDRT_EVENT_SYSTEMIC)
            continue;
        for (size_t a = 0; a < ldrt_systemic_agent_count(ldrt_event_as_systemic(e)); a++) {
            const char *d = ldrt_systemic_agent_drug(ldrt_event_as_systemic(e), a);
            size_t j = 0;
            while (j < k && strcmp(names[j], d) != 0)
                j++;
            if (j == k && k < max)
                names[k++] = d;
        }
    }
    return k;
}

#define MAX_DRUGS 64

static double preset_ab(const char *name, const char **citation)
{
    size_t i;
    double ab = NAN;
    if (ldrt_tissue_find(name, &i) == LDRT_OK)
        (void)ldrt_tissue_info(i, NULL, &ab, NULL, NULL, citation, NULL);
    return ab;
}

/* Fails the document with rc when it is LDRT_ENOMEM; true then. */
static int fatal(ldrt__doc *d, int rc)
{
    if (rc == LDRT_ENOMEM) {
        ldrt__doc_fail(d, rc);
        return 1;
    }
    return 0;
}

static int is_course(const ldrt_event *e)
{
    return ldrt_event_type(e) == LDRT_EVENT_RADIOTHERAPY;
}

/* ---- sections ------------------------------------------------------------------------- */

/* "Patient P: melanoma of the left big toe, stage III, diagnosed 2021-02." */
static void summary_diagnoses(ldrt__buf *t, const ldrt_patient *p)
{
    char d[LDRT_DATE_BUFSIZE];
    ldrt__buf_printf(t, "Patient %s", ldrt_patient_id(p));
    for (size_t i = 0; i < ldrt_patient_diagnosis_count(p); i++) {
        const ldrt_diagnosis *dg = ldrt_patient_diagnosis_at(p, i);
        date_text(ldrt_diagnosis_date(dg), d);
        ldrt__buf_printf(t, "%s %s", i ? ";" : ":", or_empty(ldrt_diagnosis_condition(dg)));
        if (ldrt_diagnosis_site(dg))
            ldrt__buf_printf(t, " of the %s", ldrt_diagnosis_site(dg));
        if (ldrt_diagnosis_stage(dg))
            ldrt__buf_printf(t, ", stage %s", ldrt_diagnosis_stage(dg));
        ldrt__buf_printf(t, ", diagnosed %s", d);
    }
    ldrt__buf_puts(t, ".");
}

/* The exposure of a patient per line of therapy, or NULL (out of memory
 * recorded in doc; any other failure leaves the part out). */
static ldrt_exposure *exposure_of(ldrt__doc *doc, const ldrt_patient *p)
{
    ldrt_exposure *x = NULL;
    int rc = LDRT__SILENT(ldrt_patient_exposure(p, &x));
    if (rc != LDRT_OK) {
        (void)fatal(doc, rc);
        return NULL;
    }
    return x;
}

/* "x16 (2021-03 to 2021-09)", "at least x19 (6 recorded, 2023-04 to 2024-06)". */
static void exposure_span_text(ldrt__buf *t, const ldrt_exposure *x, size_t line, size_t k)
{
    ldrt_date first = LDRT_DATE_NONE, last = LDRT_DATE_NONE;
    size_t recorded = 0, count = 0;
    int exact = 1;
    char f[LDRT_DATE_BUFSIZE], l[LDRT_DATE_BUFSIZE];
    if (LDRT__SILENT(ldrt_exposure_dates(x, line, k, &first, &last)) != LDRT_OK ||
        LDRT__SILENT(ldrt_exposure_count(x, line, k, &recorded, &count, &exact)) != LDRT_OK)
        return;
    date_text(first, f);
    date_text(last, l);
    ldrt__buf_printf(t, "%sx%zu (", exact ? "" : "at least ", count);
    if (!exact)
        ldrt__buf_printf(t, "%zu recorded, ", recorded);
    if (strcmp(f, l) == 0)
        ldrt__buf_printf(t, "%s)", f);
    else
        ldrt__buf_printf(t, "%s to %s)", f, l);
}

/* " Systemic therapy, line 1: nivolumab x16 (2021-03 to 2021-09); line 2: ..." */
static void summary_drugs(ldrt__buf *t, ldrt__doc *doc, const ldrt_patient *p)
{
    ldrt_exposure *x = exposure_of(doc, p);
    size_t nl = ldrt_exposure_line_count(x);
    for (size_t i = 0; i < nl; i++) {
        ldrt__buf_printf(t, "%s line %zu:", i ? ";" : " Systemic therapy,", i + 1);
        for (size_t k = 0; k < ldrt_exposure_drug_count(x, i); k++) {
            ldrt__buf_printf(t, "%s %s ", k ? "," : "", or_empty(ldrt_exposure_drug(x, i, k)));
            exposure_span_text(t, x, i, k);
        }
    }
    if (nl)
        ldrt__buf_puts(t, ".");
    ldrt_exposure_free(x);
}

/* " Treatment stopped: holiday of pembrolizumab from 2022-06-13." */
static void summary_holds(ldrt__buf *t, const ldrt_patient *p)
{
    char d[LDRT_DATE_BUFSIZE];
    size_t holds = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) != LDRT_EVENT_HOLD)
            continue;
        ldrt_hold_kind kind = LDRT_HOLD_HOLIDAY;
        (void)LDRT__SILENT(ldrt_event_hold_kind(e, &kind));
        date_text(ldrt_event_date(e), d);
        ldrt__buf_printf(t, "%s %s", holds++ ? "," : " Treatment stopped:",
                         or_empty(ldrt_hold_kind_name(kind)));
        for (size_t k = 0; k < ldrt_event_drug_count(e); k++)
            ldrt__buf_printf(t, "%s %s", k ? " and" : " of", ldrt_event_drug_at(e, k));
        ldrt__buf_printf(t, " from %s", d);
    }
    if (holds)
        ldrt__buf_puts(t, ".");
}

/* " Radiotherapy: LXRT-2023 (low-dose, 10 Gy in 5 fractions from 2023-07-21)." */
static void summary_courses(ldrt__buf *t, const ldrt_patient *p)
{
    char d[LDRT_DATE_BUFSIZE];
    size_t courses = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        double total;
        ldrt_regimen regimen;
        if (!is_course(c) || LDRT__SILENT(ldrt_course_total_dose_gy(ldrt_event_as_course(c), &total)) != LDRT_OK ||
            LDRT__SILENT(ldrt_course_classify(ldrt_event_as_course(c), &regimen, NULL)) != LDRT_OK)
            continue;
        ldrt_date f0 = LDRT_DATE_NONE, f1;
        char num[LDRT__NUM_BUFSIZE];
        (void)LDRT__SILENT(ldrt_course_fraction_dates(ldrt_event_as_course(c), &f0, &f1));
        date_text(f0, d);
        ldrt__fmt_num(num, total, -1);
        ldrt__buf_printf(t, "%s %s (%s, %s Gy in %zu fractions from %s)",
                         courses++ ? "," : " Radiotherapy:",
                         or_empty(ldrt_event_text(c, LDRT_FIELD_COURSE_ID)),
                         or_empty(ldrt_regimen_name(regimen)), num, ldrt_course_fraction_count(ldrt_event_as_course(c)), d);
    }
    if (courses)
        ldrt__buf_puts(t, ".");
}

/* " RECIST 1.1 from the baseline of ...: best overall response ..., confirmed ..."
 * and " Toxicities: N recorded, worst grade G." */
static void summary_outcome(ldrt__buf *t, ldrt__doc *doc, const ldrt_patient *p)
{
    char d[LDRT_DATE_BUFSIZE];
    ldrt_assessment *a = NULL;
    int rc = LDRT__SILENT(ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a));
    fatal(doc, rc);
    if (rc == LDRT_OK) {
        ldrt_response best = LDRT_RESPONSE_NONE, confirmed = LDRT_RESPONSE_NONE;
        ldrt_date base = 0;
        (void)ldrt_assessment_timepoint(a, 0, &base, NULL, NULL, NULL, NULL);
        (void)ldrt_assessment_best(a, 0, &best);
        (void)ldrt_assessment_best(a, 1, &confirmed);
        date_text(base, d);
        ldrt__buf_printf(t, " RECIST 1.1 from the baseline of %s: best overall response %s, "
                            "confirmed %s.",
                         d, or_empty(ldrt_response_label_name(best)),
                         or_empty(ldrt_response_label_name(confirmed)));
        ldrt_assessment_free(a);
    }
    size_t tox = 0;
    int worst = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        int g;
        if (ldrt_event_type(e) != LDRT_EVENT_TOXICITY)
            continue;
        tox++;
        if (LDRT__SILENT(ldrt_event_grade(e, &g)) == LDRT_OK && g > worst)
            worst = g;
    }
    if (tox)
        ldrt__buf_printf(t, " Toxicities: %zu recorded, worst grade %d.", tox, worst);
}

static void section_summary(ldrt__doc *doc, const ldrt_patient *p)
{
    ldrt__buf t = { 0 };
    summary_diagnoses(&t, p);
    summary_drugs(&t, doc, p);
    summary_holds(&t, p);
    summary_courses(&t, p);
    summary_outcome(&t, doc, p);
    ldrt__doc_fail(doc, t.failed);
    ldrt__doc_section(doc, "summary", "Summary");
    ldrt__doc_para(doc, "story", t.data);
    ldrt__doc_section_end(doc);
    ldrt__buf_free(&t);
}

/* A human label for a member of "patient" that the format does not name:
 * the known ones by name, any other one with its underscores as spaces and
 * a capital first letter; a trailing unit ("_years") leaves the label and
 * is returned, for the value ("63 years"). The JSON report keeps the
 * member's own name and value. */
static const char *extra_label(const char *key, char *out, size_t size)
{
    static const struct {
        const char *key, *label, *unit;
    } known[] = {
        { "age_at_presentation_years", "Age at presentation", "years" },
        { "age_at_diagnosis_years", "Age at diagnosis", "years" },
        { "history", "History", NULL },
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(key, known[i].key) == 0) {
            snprintf(out, size, "%s", known[i].label);
            return known[i].unit;
        }
    size_t n = 0, len = strlen(key);
    const char *unit = NULL;
    static const char *const units[] = { "_years", "_months", "_weeks", "_days", "_kg", "_cm" };
    for (size_t i = 0; i < sizeof units / sizeof units[0] && !unit; i++) {
        size_t ul = strlen(units[i]);
        if (len > ul && strcmp(key + len - ul, units[i]) == 0) {
            unit = units[i] + 1;
            len -= ul;
        }
    }
    for (size_t i = 0; i < len && n + 1 < size; i++) {
        char c = key[i] == '_' ? ' ' : key[i];
        out[n++] = (char)(i == 0 && c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    out[n] = '\0';
    return unit;
}

/* A date field of the patient, only when the record holds it. */
static void date_field(ldrt__doc *doc, const char *key, const char *name,
                       int (*get)(const ldrt_patient *, ldrt_date *), const ldrt_patient *p)
{
    ldrt_date v;
    char d[LDRT_DATE_BUFSIZE] = "";
    if (LDRT__SILENT(get(p, &v)) != LDRT_OK)
        return;
    date_text(v, d);
    ldrt__doc_field(doc, key, name, d);
}

static void section_patient(ldrt__doc *doc, const ldrt_patient *p)
{
    ldrt__doc_section(doc, "patient", "Patient");
    ldrt__doc_field(doc, "id", "Patient", ldrt_patient_id(p));
    ldrt__doc_field(doc, "sex", "Sex", ldrt_patient_sex(p));
    /* Dates only when the record holds them: an empty "Birth date" says
     * nothing the other fields do not. */
    date_field(doc, "birth_date", "Birth date", ldrt_patient_birth_date, p);
    date_field(doc, "death_date", "Death date", ldrt_patient_death_date, p);
    if (ldrt_patient_death_cause(p))
        ldrt__doc_field(doc, "death_cause", "Cause of death", ldrt_patient_death_cause(p));
    date_field(doc, "last_contact", "Last contact", ldrt_patient_last_contact, p);
    /* What else the record holds about the patient (members of "patient"
     * the format does not name, such as an age at presentation or a
     * history), as written: strings and numbers only. */
    const json_t *extra = (const json_t *)ldrt__patient_extra(p);
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)extra, key, v)
    {
        char num[96], label[128];
        const char *text = NULL, *unit = extra_label(key, label, sizeof label);
        if (json_is_string(v))
            text = json_string_value(v);
        else if (json_is_integer(v))
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), text = num;
        else if (json_is_real(v))
            snprintf(num, sizeof num, "%g", json_real_value(v)), text = num;
        if (text == num && unit && doc->format != LDRT_FORMAT_JSON)
            snprintf(num + strlen(num), sizeof num - strlen(num), " %s", unit);
        if (text)
            ldrt__doc_field(doc, key, label, text);
    }
    static const ldrt__col cols[] = {
        { "Date", "date", LDRT__COL_TEXT, 0 },   { "Condition", "condition", LDRT__COL_TEXT, 0 },
        { "Site", "site", LDRT__COL_TEXT, 0 },   { "Stage", "stage", LDRT__COL_TEXT, 0 },
        { "Markers", "markers", LDRT__COL_TEXT, 0 },
    };
    ldrt__doc_table(doc, "diagnoses", cols, 5);
    for (size_t i = 0; i < ldrt_patient_diagnosis_count(p); i++) {
        const ldrt_diagnosis *dg = ldrt_patient_diagnosis_at(p, i);
        char date[LDRT_DATE_BUFSIZE];
        ldrt__buf markers = { 0 };
        date_text(ldrt_diagnosis_date(dg), date);
        for (size_t m = 0; m < ldrt_diagnosis_marker_count(dg); m++) {
            const char *name = NULL, *value = NULL;
            if (ldrt_diagnosis_marker_at(dg, m, &name, &value) == LDRT_OK)
                ldrt__buf_printf(&markers, "%s%s %s", m ? ", " : "", or_empty(name),
                                 or_empty(value));
        }
        ldrt__doc_fail(doc, markers.failed);
        ldrt__doc_cell_text(doc, date);
        ldrt__doc_cell_text(doc, ldrt_diagnosis_condition(dg));
        ldrt__doc_cell_text(doc, ldrt_diagnosis_site(dg));
        ldrt__doc_cell_text(doc, ldrt_diagnosis_stage(dg));
        ldrt__doc_cell_text(doc, markers.data);
        ldrt__buf_free(&markers);
    }
    ldrt__doc_table_end(doc);
    ldrt__doc_section_end(doc);
}

/* The timeline: the object of ldrt_timeline_render() in JSON, its table in
 * text and Markdown. */
static void section_timeline(ldrt__doc *doc, const ldrt_patient *p)
{
    ldrt__buf text = { 0 };
    json_t *json = NULL;
    int rc = ldrt__timeline_build(p, doc->format, &text, doc->format == LDRT_FORMAT_JSON ? &json : NULL);
    ldrt__doc_fail(doc, rc);
    if (!rc && doc->format == LDRT_FORMAT_JSON) {
        ldrt__doc_block(doc, "timeline", NULL, json);
    } else if (!rc) {
        ldrt__doc_section(doc, "timeline", "Timeline");
        ldrt__doc_block(doc, "events", text.data, NULL);
        ldrt__doc_section_end(doc);
    }
    ldrt__buf_free(&text);
}

static void course_row(ldrt__doc *doc, const ldrt_event *c, double ab10, double ab3,
                       ldrt__buf *why)
{
    size_t n = ldrt_course_fraction_count(ldrt_event_as_course(c));
    char first[LDRT_DATE_BUFSIZE] = "", last[LDRT_DATE_BUFSIZE] = "";
    ldrt_date f0, f1;
    if (LDRT__SILENT(ldrt_course_fraction_dates(ldrt_event_as_course(c), &f0, &f1)) == LDRT_OK) {
        date_text(f0, first);
        date_text(f1, last);
    }
    double total = NAN, dpf = NAN, bed = NAN, e10 = NAN, e3 = NAN;
    int uniform = 1;
    (void)LDRT__SILENT(ldrt_course_total_dose_gy(ldrt_event_as_course(c), &total));
    if (LDRT__SILENT(ldrt_course_dose_per_fraction_gy(ldrt_event_as_course(c), &dpf, &uniform)) != LDRT_OK)
        dpf = NAN;
    ldrt__buf days = { 0 }, targets = { 0 };
    int64_t lo, hi;
    if (LDRT__SILENT(ldrt_course_overall_days(ldrt_event_as_course(c), &lo, &hi)) == LDRT_OK)
        range_text(&days, lo, hi);
    for (size_t t = 0; t < ldrt_course_target_count(ldrt_event_as_course(c)); t++)
        ldrt__buf_printf(&targets, "%s%s", t ? ", " : "",
                         or_empty(ldrt_lesion_id(ldrt_course_target_at(ldrt_event_as_course(c), t))));
    const char *id = ldrt_event_text(c, LDRT_FIELD_COURSE_ID), *cls = NULL;
    if (n > 0) {
        if (LDRT__SILENT(ldrt_course_dose(ldrt_event_as_course(c), ab10, NULL, &bed, &e10)) != LDRT_OK)
            bed = e10 = NAN;
        if (LDRT__SILENT(ldrt_course_dose(ldrt_event_as_course(c), ab3, NULL, NULL, &e3)) != LDRT_OK)
            e3 = NAN;
        ldrt_regimen regimen;
        unsigned rules = 0;
        if (LDRT__SILENT(ldrt_course_classify(ldrt_event_as_course(c), &regimen, &rules)) == LDRT_OK) {
            cls = ldrt_regimen_name(regimen);
            unsigned sup = 0, also = 0;
            (void)ldrt_regimen_rules_split(regimen, rules, &sup, &also);
            ldrt__buf_printf(why, "%s%s is classified %s%s", why->len ? "\n" : "",
                             id ? id : first, or_empty(cls),
                             sup ? " by:" : " (no rule defines it).");
            for (unsigned bit = 1; bit && bit <= sup; bit <<= 1)
                if (sup & bit)
                    ldrt__buf_printf(why, "\n- %s", or_empty(ldrt_regimen_rule_source(bit)));
            if (also)
                ldrt__buf_printf(why, "\nIt also matches (not a reason for %s):", or_empty(cls));
            for (unsigned bit = 1; bit && bit <= also; bit <<= 1)
                if (also & bit)
                    ldrt__buf_printf(why, "\n- %s", or_empty(ldrt_regimen_rule_source(bit)));
        }
    }
    ldrt__doc_fail(doc, days.failed ? days.failed : targets.failed);
    char dpf_text[LDRT__NUM_BUFSIZE + 8] = "";
    ldrt__fmt_num(dpf_text, dpf, -1);
    if (*dpf_text && !uniform)
        strcat(dpf_text, " (mean)"); /* fits: LDRT__NUM_BUFSIZE - 1 + 7 characters */
    ldrt__doc_cell_text(doc, id);
    ldrt__doc_cell_text(doc, ldrt_event_text(c, LDRT_FIELD_TECHNIQUE));
    ldrt__doc_cell_text(doc, targets.data);
    ldrt__doc_cell_text(doc, first);
    ldrt__doc_cell_text(doc, last);
    ldrt__doc_cell_int(doc, (int64_t)n);
    ldrt__doc_cell_num(doc, total);
    ldrt__doc_cell_num_text(doc, dpf, dpf_text);
    ldrt__doc_cell_bool(doc, uniform);
    ldrt__doc_cell_text(doc, days.data);
    ldrt__doc_cell_num(doc, bed);
    ldrt__doc_cell_num(doc, e10);
    ldrt__doc_cell_num(doc, e3);
    ldrt__doc_cell_text(doc, cls);
    ldrt__buf_free(&days);
    ldrt__buf_free(&targets);
}

static void section_radiotherapy(ldrt__doc *doc, const ldrt_patient *p)
{
    const char *cite10 = NULL, *cite3 = NULL;
    double ab10 = preset_ab("tumour", &cite10), ab3 = preset_ab("late", &cite3);
    ldrt__doc_section(doc, "radiotherapy", "Radiotherapy courses");
    char h_bed[64], h_eqd10[64], h_eqd3[64], n10[LDRT__NUM_BUFSIZE], n3[LDRT__NUM_BUFSIZE];
    ldrt__fmt_num(n10, ab10, -1);
    ldrt__fmt_num(n3, ab3, -1);
    snprintf(h_bed, sizeof h_bed, "BED a/b %s (Gy)", n10);
    snprintf(h_eqd10, sizeof h_eqd10, "EQD2 a/b %s (Gy)", n10);
    snprintf(h_eqd3, sizeof h_eqd3, "EQD2 a/b %s (Gy)", n3);
    const ldrt__col cols[] = {
        { "Course", "course_id", LDRT__COL_TEXT, 0 },
        { "Technique", "technique", LDRT__COL_TEXT, 0 },
        { "Targets", "targets", LDRT__COL_TEXT, 0 },
        { "First", "first_fraction", LDRT__COL_TEXT, 0 },
        { "Last", "last_fraction", LDRT__COL_TEXT, 0 },
        { "Fx", "fractions", LDRT__COL_NUM, 0 },
        { "Total (Gy)", "total_gy", LDRT__COL_NUM, -1 },
        { "Gy/fx", "dose_per_fraction_gy", LDRT__COL_NUM, -1 },
        { NULL, "uniform_fractions", LDRT__COL_JSON_ONLY, 0 },
        { "Days", "overall_days", LDRT__COL_TEXT, 0 },
        { h_bed, "bed_tumour_gy", LDRT__COL_NUM, -1 },
        { h_eqd10, "eqd2_tumour_gy", LDRT__COL_NUM, -1 },
        { h_eqd3, "eqd2_late_gy", LDRT__COL_NUM, -1 },
        { "Class", "regimen", LDRT__COL_TEXT, 0 },
    };
    ldrt__doc_table(doc, "courses", cols, sizeof cols / sizeof cols[0]);
    ldrt__buf why = { 0 };
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        if (is_course(c))
            course_row(doc, c, ab10, ab3, &why);
    }
    ldrt__doc_table_end(doc);
    ldrt__doc_fail(doc, why.failed);
    if (why.len)
        ldrt__doc_para(doc, "classification", why.data);
    ldrt__buf_free(&why);
    ldrt__buf note = { 0 };
    ldrt__buf_printf(&note,
                     "BED and EQD2 by the linear-quadratic model summed over the fractions, "
                     "without a time factor. alpha/beta %s Gy (tumour): %s. alpha/beta %s Gy "
                     "(late-responding tissue): %s. Days: overall time from the first to the "
                     "last fraction, as the range the recorded dates allow.",
                     n10, or_empty(cite10), n3, or_empty(cite3));
    ldrt__doc_fail(doc, note.failed);
    ldrt__doc_para(doc, "note", note.data);
    ldrt__buf_free(&note);
    ldrt__doc_section_end(doc);
}

/* One row of the exposure table: a drug of a line of therapy. */
static void exposure_row(ldrt__doc *doc, const ldrt_exposure *x, size_t line, size_t k)
{
    ldrt_date first = LDRT_DATE_NONE, last = LDRT_DATE_NONE;
    size_t recorded = 0, count = 0;
    int exact = 1;
    int64_t lo = 0, hi = 0;
    char f[LDRT_DATE_BUFSIZE], l[LDRT_DATE_BUFSIZE];
    int rc = LDRT__SILENT(ldrt_exposure_dates(x, line, k, &first, &last));
    if (rc == LDRT_OK)
        rc = LDRT__SILENT(ldrt_exposure_count(x, line, k, &recorded, &count, &exact));
    if (rc == LDRT_OK)
        rc = LDRT__SILENT(ldrt_exposure_days(x, line, k, &lo, &hi));
    if (rc != LDRT_OK) {
        ldrt__doc_fail(doc, pass_on(rc));
        return;
    }
    date_text(first, f);
    date_text(last, l);
    ldrt__buf given = { 0 }, days = { 0 };
    ldrt__buf_printf(&given, "%s%zu", exact ? "" : "at least ", count);
    range_text(&days, lo, hi);
    ldrt__doc_fail(doc, given.failed ? given.failed : days.failed);
    ldrt__doc_cell_int(doc, (int64_t)line + 1);
    ldrt__doc_cell_text(doc, ldrt_exposure_drug(x, line, k));
    ldrt__doc_cell_text(doc, f);
    ldrt__doc_cell_text(doc, l);
    ldrt__doc_cell_int(doc, (int64_t)recorded);
    ldrt__doc_cell_num_text(doc, (double)count, given.data);
    ldrt__doc_cell_bool(doc, exact);
    ldrt__doc_cell_text(doc, days.data);
    ldrt__doc_cell_int(doc, lo);
    ldrt__doc_cell_int(doc, hi);
    ldrt__buf_free(&given);
    ldrt__buf_free(&days);
}

/* 1 when some line gave the drug more often than the record lists. */
static int drug_undercounted(const ldrt_exposure *x, const char *drug)
{
    for (size_t i = 0; i < ldrt_exposure_line_count(x); i++)
        for (size_t k = 0; k < ldrt_exposure_drug_count(x, i); k++) {
            int exact = 1;
            const char *name = ldrt_exposure_drug(x, i, k);
            if (name && strcmp(name, drug) == 0 &&
                LDRT__SILENT(ldrt_exposure_count(x, i, k, NULL, NULL, &exact)) == LDRT_OK && !exact)
                return 1;
        }
    return 0;
}

/* One row of the totals table: a drug over the whole record. */
static void drug_row(ldrt__doc *doc, const ldrt_patient *p, const ldrt_exposure *x, const char *drug)
{
    ldrt__buf cum = { 0 }, holds = { 0 };
    double dose;
    const char *unit = NULL;
    int rc = LDRT__SILENT(ldrt_patient_drug_cumulative_dose(p, drug, &dose, &unit));
    if (rc == LDRT_OK) {
        char num[LDRT__NUM_BUFSIZE];
        ldrt__fmt_num(num, dose, -1);
        ldrt__buf_printf(&cum, "%s%s %s", drug_undercounted(x, drug) ? "at least " : "", num,
                         or_empty(unit));
    } else if (rc == LDRT_ENOTFOUND || rc == LDRT_ESTATE) {
        why_text(&cum, "not computable: ");
    } else {
        ldrt__doc_fail(doc, pass_on(rc));
    }
    const ldrt_event **hs = NULL;
    size_t nh = 0;
    rc = ldrt_patient_drug_holds(p, drug, &hs, &nh);
    ldrt__doc_fail(doc, rc);
    for (size_t h = 0; h < nh && !rc; h++) {
        ldrt_hold_kind kind = LDRT_HOLD_HOLIDAY;
        char hd[LDRT_DATE_BUFSIZE];
        (void)LDRT__SILENT(ldrt_event_hold_kind(hs[h], &kind));
        date_text(ldrt_event_date(hs[h]), hd);
        ldrt__buf_printf(&holds, "%s%s from %s", h ? "; " : "",
                         or_empty(ldrt_hold_kind_name(kind)), hd);
    }
    ldrt_free(hs);
    ldrt__doc_fail(doc, cum.failed ? cum.failed : holds.failed);
    ldrt__doc_cell_text(doc, drug);
    ldrt__doc_cell_text(doc, cum.data);
    ldrt__doc_cell_text(doc, holds.data);
    ldrt__buf_free(&cum);
    ldrt__buf_free(&holds);
}

static const char exposure_note[] =
    "Per line of therapy and per drug within it (a line starts at the first systemic therapy, "
    "at a cycle 1, a rechallenge included, or with a drug the current line does not give; "
    "drugs given together are one line). Recorded: the administrations the record lists. Given: the number "
    "given, 'at least' when the cycle numbers show administrations the record does not list. "
    "Time on drug: days from the first to the last administration in the line, as the range "
    "the recorded dates allow, with the time under a hold of the drug left out; the gap "
    "between lines is not counted. The cumulative dose and the holds are over the whole "
    "record; the cumulative dose adds the recorded administrations only.";

static void section_immunotherapy(ldrt__doc *doc, const ldrt_patient *p)
{
    ldrt__doc_section(doc, "immunotherapy", "Immunotherapy exposure");
    static const ldrt__col cols[] = {
        { "Line", "line", LDRT__COL_NUM, 0 },
        { "Drug", "drug", LDRT__COL_TEXT, 0 },
        { "First", "first", LDRT__COL_TEXT, 0 },
        { "Last", "last", LDRT__COL_TEXT, 0 },
        { "Recorded", "recorded", LDRT__COL_NUM, 0 },
        { "Given", "administrations", LDRT__COL_NUM, 0 },
        { NULL, "administrations_exact", LDRT__COL_JSON_ONLY, 0 },
        { "Time on drug (days)", "exposure_days", LDRT__COL_TEXT, 0 },
        { NULL, "exposure_days_min", LDRT__COL_JSON_ONLY, 0 },
        { NULL, "exposure_days_max", LDRT__COL_JSON_ONLY, 0 },
    };
    ldrt_exposure *x = exposure_of(doc, p);
    ldrt__doc_table(doc, "drugs", cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < ldrt_exposure_line_count(x) && !doc->rc; i++)
        for (size_t k = 0; k < ldrt_exposure_drug_count(x, i) && !doc->rc; k++)
            exposure_row(doc, x, i, k);
    ldrt__doc_table_end(doc);
    static const ldrt__col tcols[] = {
        { "Drug", "drug", LDRT__COL_TEXT, 0 },
        { "Cumulative dose", "cumulative_dose", LDRT__COL_TEXT, 0 },
        { "Holds", "holds", LDRT__COL_TEXT, 0 },
    };
    const char *drugs[MAX_DRUGS];
    size_t nd = drug_names(p, drugs, MAX_DRUGS);
    ldrt__doc_table(doc, "totals", tcols, sizeof tcols / sizeof tcols[0]);
    for (size_t i = 0; i < nd && !doc->rc; i++)
        drug_row(doc, p, x, drugs[i]);
    ldrt__doc_table_end(doc);
    ldrt__doc_para(doc, "note", exposure_note);
    ldrt_exposure_free(x);
    ldrt__doc_section_end(doc);
}

/* The timing of each drug against each course, as the dose module defines it. */
/* The nearest dose's range and the timing, "possibly-concurrent" when the
 * class depends on where in their ranges the dates lie. */
static void timing_range_cells(ldrt__doc *doc, const ldrt_patient *p, const ldrt_course *c,
                               const char *drug)
{
    int64_t lo = -1, hi = -1;
    ldrt_drug_timing t = LDRT_TIMING_NOT_GIVEN;
    int certain = 1;
    int rc = LDRT__SILENT(ldrt_course_drug_timing_range(p, c, drug, LDRT_ICI_WINDOW_DAYS, &lo, &hi,
                                                        &t, &certain));
    if (fatal(doc, rc))
        return;
    if (rc != LDRT_OK || lo < 0) {
        ldrt__doc_cell_none(doc);
        ldrt__doc_cell_none(doc);
    } else {
        ldrt__doc_cell_int(doc, lo);
        ldrt__doc_cell_int(doc, hi);
    }
    ldrt__doc_cell_text(doc, rc != LDRT_OK ? NULL
                             : certain   ? ldrt_drug_timing_name(t)
                                         : "possibly-concurrent");
}

static void section_timing(ldrt__doc *doc, const ldrt_patient *p)
{
    const char *drugs[MAX_DRUGS];
    size_t nd = drug_names(p, drugs, MAX_DRUGS);
    ldrt__doc_section(doc, "timing", "Immunotherapy timing against radiotherapy");
    static const ldrt__col cols[] = {
        { "Course", "course_id", LDRT__COL_TEXT, 0 },
        { "Drug", "drug", LDRT__COL_TEXT, 0 },
        { "Days since previous dose", "days_since_previous", LDRT__COL_NUM, 0 },
        { "Days until next dose", "days_until_next", LDRT__COL_NUM, 0 },
        { "Nearest dose (days)", "nearest_days_min", LDRT__COL_NUM, 0 },
        { "to (days)", "nearest_days_max", LDRT__COL_NUM, 0 },
        { "Timing", "timing", LDRT__COL_TEXT, 0 },
    };
    ldrt__doc_table(doc, "courses", cols, 7);
    for (size_t i = 0; i < ldrt_patient_event_count(p) && !doc->rc; i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        if (!is_course(c) || ldrt_course_fraction_count(ldrt_event_as_course(c)) == 0)
            continue;
        const char *id = ldrt_event_text(c, LDRT_FIELD_COURSE_ID);
        for (size_t d = 0; d < nd && !doc->rc; d++) {
            int64_t since, until;
            ldrt_drug_timing timing;
            int rc = LDRT__SILENT(ldrt_course_drug_timing(p, ldrt_event_as_course(c), drugs[d],
                                                          LDRT_ICI_WINDOW_DAYS, &since, &until, &timing));
            if (fatal(doc, rc))
                break;
            ldrt__doc_cell_text(doc, id);
            ldrt__doc_cell_text(doc, drugs[d]);
            if (rc != LDRT_OK) {
                ldrt__buf why = { 0 };
                why_text(&why, "");
                ldrt__doc_fail(doc, why.failed);
                for (int k = 0; k < 4; k++)
                    ldrt__doc_cell_none(doc);
                ldrt__doc_cell_text(doc, why.data);
                ldrt__buf_free(&why);
                continue;
            }
            if (since >= 0)
                ldrt__doc_cell_int(doc, since);
            else
                ldrt__doc_cell_none(doc);
            if (until >= 0)
                ldrt__doc_cell_int(doc, until);
            else
                ldrt__doc_cell_none(doc);
            timing_range_cells(doc, p, ldrt_event_as_course(c), drugs[d]);
        }
    }
    ldrt__doc_table_end(doc);
    ldrt__buf note = { 0 };
    ldrt__buf_printf(&note,
                     "Days since and until are the shortest the (possibly partial) dates allow: "
                     "from the previous administration to the first fraction, and from the last "
                     "fraction to the next one (0 when an administration can fall during the "
                     "course). The nearest dose is the range, from the shortest to the longest the "
                     "dates allow, of the days between the course and its closest administration. "
                     "A drug is concurrent when an administration falls within %d days of the "
                     "course: the window of Anscher MS et al., JAMA Oncol 2022;8(2):232-240; "
                     "possibly concurrent when that depends on where in their ranges the dates lie.",
                     LDRT_ICI_WINDOW_DAYS);
    ldrt__doc_fail(doc, note.failed);
    ldrt__doc_para(doc, "note", note.data);
    ldrt__buf_free(&note);
    ldrt__doc_section_end(doc);
}

/* Response under each criterion: a summary table, then each assessment as
 * ldrt_assessment_render() renders it. Returns the RECIST 1.1 assessment
 * (or NULL) for the resistance section. */
static ldrt_assessment *section_response(ldrt__doc *doc, const ldrt_patient *p, int write)
{
    static const int criteria[] = { LDRT_CRITERIA_RECIST11, LDRT_CRITERIA_IRECIST,
                                    LDRT_CRITERIA_PERCIST10 };
    ldrt_assessment *a[3] = { NULL, NULL, NULL };
    ldrt__buf why[3] = { { 0 }, { 0 }, { 0 } };
    for (size_t k = 0; k < 3 && !doc->rc; k++) {
        int rc = LDRT__SILENT(ldrt_patient_assess(p, criteria[k], NULL, &a[k]));
        if (rc != LDRT_OK)
            a[k] = NULL;
        if (!fatal(doc, rc) && rc != LDRT_OK)
            why_text(&why[k], "not assessable: ");
        ldrt__doc_fail(doc, why[k].failed);
        if (!write)
            break; /* only RECIST 1.1 is needed */
    }
    if (write && !doc->rc) {
        ldrt__doc_section(doc, "response", "Tumour response");
        static const ldrt__col cols[] = {
            { "Criteria", "criteria", LDRT__COL_TEXT, 0 },
            { "Scans", "timepoints", LDRT__COL_NUM, 0 },
            { "Best overall response", "best_overall_response", LDRT__COL_TEXT, 0 },
            { "Confirmed", "confirmed_best_overall_response", LDRT__COL_TEXT, 0 },
            { "Why", "reason", LDRT__COL_TEXT, 0 },
        };
        ldrt__doc_table(doc, "summary", cols, 5);
        for (size_t k = 0; k < 3; k++) {
            ldrt__doc_cell_text(doc, ldrt_criteria_name(criteria[k]));
            if (!a[k]) {
                ldrt__doc_cell_none(doc);
                ldrt__doc_cell_none(doc);
                ldrt__doc_cell_none(doc);
                ldrt__doc_cell_text(doc, why[k].data);
                continue;
            }
            ldrt_response b1 = LDRT_RESPONSE_NONE, b2 = LDRT_RESPONSE_NONE;
            ldrt__doc_cell_int(doc, (int64_t)ldrt_assessment_timepoint_count(a[k]));
            ldrt__doc_cell_text(doc, ldrt_assessment_best(a[k], 0, &b1) == LDRT_OK
                                         ? ldrt_response_label_name(b1) : NULL);
            ldrt__doc_cell_text(doc, ldrt_assessment_best(a[k], 1, &b2) == LDRT_OK
                                         ? ldrt_response_label_name(b2) : NULL);
            ldrt__doc_cell_text(doc, ldrt_assessment_best_reason(a[k], 1));
        }
        ldrt__doc_table_end(doc);
        for (size_t k = 0; k < 3 && !doc->rc; k++) {
            if (!a[k])
                continue;
            ldrt__buf text = { 0 };
            json_t *json = NULL;
            int rc = ldrt__assessment_build(a[k], doc->format, &text,
                                            doc->format == LDRT_FORMAT_JSON ? &json : NULL);
            ldrt__doc_fail(doc, rc);
            if (!rc)
                ldrt__doc_block(doc, ldrt_criteria_name(criteria[k]), text.data, json);
            ldrt__buf_free(&text);
        }
        ldrt__doc_section_end(doc);
    }
    for (size_t k = 0; k < 3; k++)
        ldrt__buf_free(&why[k]);
    ldrt_assessment_free(a[1]);
    ldrt_assessment_free(a[2]);
    if (doc->rc) {
        ldrt_assessment_free(a[0]);
        return NULL;
    }
    return a[0];
}

static void course_response_rows(ldrt__doc *doc, const ldrt_patient *p, const ldrt_event *c,
                                  ldrt__buf *summary)
{
    ldrt_course_response *cr = NULL;
    const char *id = or_empty(ldrt_event_text(c, LDRT_FIELD_COURSE_ID));
    int rc = LDRT__SILENT(ldrt_patient_course_response(p, ldrt_event_as_course(c), NULL, &cr));
    if (fatal(doc, rc))
        return;
    if (rc != LDRT_OK) {
        ldrt__buf_printf(summary, "%s%s: not assessable: %s", summary->len ? "\n" : "", id,
                         ldrt__silent_error());
        return;
    }
    size_t in = 0;
    for (size_t k = 0; k < ldrt_course_response_count(cr); k++) {
        const ldrt_lesion *l = NULL;
        int in_field = 0, responded = 0;
        double before = NAN, best = NAN, pct = NAN;
        int64_t days = -1;
        if (ldrt_course_response_lesion(cr, k, &l, &in_field, &before, &best, &pct, &responded,
                                        &days) != LDRT_OK)
            continue;
        in += in_field && responded;
        ldrt__doc_cell_text(doc, id);
        ldrt__doc_cell_text(doc, ldrt_lesion_id(l));
        ldrt__doc_cell_text(doc, in_field ? "in field" : "out of field");
        ldrt__doc_cell_num(doc, before);
        ldrt__doc_cell_num(doc, best);
        ldrt__doc_cell_num(doc, pct);
        ldrt__doc_cell_text(doc, responded ? "yes" : "no");
        int64_t dmin = -1, dmax = -1;
        (void)ldrt_course_response_days_range(cr, k, &dmin, &dmax);
        if (days >= 0)
            ldrt__doc_cell_int(doc, days);
        else
            ldrt__doc_cell_none(doc);
        if (dmin >= 0) {
            ldrt__doc_cell_int(doc, dmin);
            ldrt__doc_cell_int(doc, dmax);
        } else {
            ldrt__doc_cell_none(doc);
            ldrt__doc_cell_none(doc);
        }
    }
    ldrt__buf_printf(summary, "%s%s: %zu lesion(s) measured before and after, %zu "
                              "in-field response(s), %zu abscopal response(s).",
                     summary->len ? "\n" : "", id, ldrt_course_response_count(cr), in,
                     ldrt_course_response_abscopal_count(cr));
    ldrt_course_response_free(cr);
}

/* Each course's lesions before and after it: in-field responses and
 * out-of-field (abscopal) ones. */
static void section_course_response(ldrt__doc *doc, const ldrt_patient *p)
{
    ldrt__doc_section(doc, "course_response", "Response by course: in field and abscopal");
    static const ldrt__col cols[] = {
        { "Course", "course_id", LDRT__COL_TEXT, 0 },
        { "Lesion", "lesion", LDRT__COL_TEXT, 0 },
        { "Field", "field", LDRT__COL_TEXT, 0 },
        { "Before (mm)", "before_mm", LDRT__COL_NUM, -1 },
        { "Best after (mm)", "best_mm", LDRT__COL_NUM, -1 },
        { "Change (%)", "best_change_pct", LDRT__COL_NUM, 1 },
        { "Responded", "responded", LDRT__COL_TEXT, 0 },
        { "Days to response", "days_to_response", LDRT__COL_NUM, 0 },
        { "at least", "days_to_response_min", LDRT__COL_NUM, 0 },
        { "at most", "days_to_response_max", LDRT__COL_NUM, 0 },
    };
    ldrt__doc_table(doc, "lesions", cols, 10);
    ldrt__buf summary = { 0 };
    for (size_t i = 0; i < ldrt_patient_event_count(p) && !doc->rc; i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        if (is_course(c) && ldrt_course_fraction_count(ldrt_event_as_course(c)) > 0)
            course_response_rows(doc, p, c, &summary);
    }
    ldrt__doc_table_end(doc);
    ldrt__doc_fail(doc, summary.failed);
    if (summary.len)
        ldrt__doc_para(doc, "summary", summary.data);
    ldrt__doc_para(doc, "note",
                   "A lesion responded when its diameter fell by at least 30% from its last "
                   "measurement before the course (the default of the response module's "
                   "abscopal setting); an out-of-field lesion that responded is an abscopal "
                   "response. Lesions without a measurement both before and after a course "
                   "are not listed. Days to response run from the last fraction to the first "
                   "scan that met the threshold, between the earliest days of both dates; with "
                   "partial dates the days lie anywhere from \"at least\" to \"at most\".");
    ldrt__buf_free(&summary);
    ldrt__doc_section_end(doc);
}

static void line_row(ldrt__doc *doc, const ldrt_patient *p, const ldrt_event *e,
                     const ldrt_assessment *recist)
{
    ldrt__buf drugs = { 0 };
    int ici = 0;
    for (size_t a = 0; a < ldrt_systemic_agent_count(ldrt_event_as_systemic(e)); a++) {
        const char *d = ldrt_systemic_agent_drug(ldrt_event_as_systemic(e), a);
        ici |= ldrt_drug_is_checkpoint_inhibitor(d) == 1;
        ldrt__buf_printf(&drugs, "%s%s", a ? " + " : "", d);
    }
    ldrt__doc_fail(doc, drugs.failed);
    if (!ici || doc->rc) {
        ldrt__buf_free(&drugs);
        return;
    }
    char from[LDRT_DATE_BUFSIZE];
    date_text(ldrt_event_date(e), from);
    ldrt_resistance_result *res = NULL;
    int rc = LDRT__SILENT(ldrt_patient_line_resistance(p, ldrt_event_as_systemic(e), recist, NULL, &res));
    if (fatal(doc, rc)) {
        ldrt__buf_free(&drugs);
        return;
    }
    ldrt__doc_cell_text(doc, from);
    ldrt__doc_cell_text(doc, drugs.data);
    ldrt__doc_cell_text(doc, ldrt_event_text(e, LDRT_FIELD_INTENT));
    if (rc != LDRT_OK) {
        ldrt__buf why = { 0 };
        why_text(&why, "");
        ldrt__doc_fail(doc, why.failed);
        ldrt__doc_cell_text(doc, "not assessable");
        ldrt__doc_cell_text(doc, why.data);
        ldrt__doc_cell_none(doc);
        ldrt__buf_free(&why);
    } else {
        ldrt_resistance cat = 0;
        (void)ldrt_resistance_category(res, &cat);
        ldrt__doc_cell_text(doc, ldrt_resistance_name(cat));
        ldrt__doc_cell_text(doc, ldrt_resistance_reason(res));
        ldrt__doc_cell_text(doc, ldrt_resistance_missing(res));
        ldrt_resistance_result_free(res);
    }
    ldrt__buf_free(&drugs);
}

/* SITC resistance of each line of therapy that gives a checkpoint
 * inhibitor (ldrt_patient_therapy_lines(): drugs given together are one
 * line; a cycle-1 event starts a new line). */
static void section_resistance(ldrt__doc *doc, const ldrt_patient *p, const ldrt_assessment *recist)
{
    ldrt__doc_section(doc, "resistance", "Immunotherapy resistance (SITC)");
    static const ldrt__col cols[] = {
        { "Line from", "line_start", LDRT__COL_TEXT, 0 },
        { "Drugs", "drugs", LDRT__COL_TEXT, 0 },
        { "Intent", "intent", LDRT__COL_TEXT, 0 },
        { "Category", "category", LDRT__COL_TEXT, 0 },
        { "Why", "reason", LDRT__COL_TEXT, 0 },
        { "Missing", "missing", LDRT__COL_TEXT, 0 },
    };
    ldrt__doc_table(doc, "lines", cols, 6);
    const ldrt_systemic **lines = NULL;
    size_t nl = 0;
    ldrt__doc_fail(doc, ldrt_patient_therapy_lines(p, &lines, &nl));
    for (size_t k = 0; k < nl && !doc->rc; k++)
        line_row(doc, p, ldrt_systemic_as_event(lines[k]), recist);
    ldrt_free(lines);
    ldrt__doc_table_end(doc);
    ldrt__doc_para(doc, "note",
                   "Categories of the Society for Immunotherapy of Cancer (Kluger HM et al., "
                   "J Immunother Cancer 2020;8:e000398, Table 1: advanced disease), from the "
                   "RECIST 1.1 assessment and the record's progression and recurrence events. "
                   "A line of therapy is a systemic event recorded as cycle 1 (or the first, or "
                   "one giving a new drug) with the events that continue it; drugs given "
                   "together are one line (combinations: Kluger H et al., J Immunother Cancer "
                   "2023;11:e005921). Exposure runs from the line's first administration to its "
                   "last one not after the PD. An adjuvant or neoadjuvant line is not "
                   "applicable: the 2020 definitions are for advanced disease. A PD is "
                   "confirmed only by the next scan at least 28 days later taken before any "
                   "other treatment (another line, radiotherapy, surgery other than a biopsy); "
                   "this bound is a convention of the library.");
    ldrt__doc_section_end(doc);
}

static void section_toxicity(ldrt__doc *doc, const ldrt_patient *p)
{
    ldrt__doc_section(doc, "toxicity", "Toxicities");
    static const ldrt__col cols[] = {
        { "Date", "date", LDRT__COL_TEXT, 0 },
        { "Term (CTCAE)", "term", LDRT__COL_TEXT, 0 },
        { "Grade", "grade", LDRT__COL_NUM, 0 },
        { "Attribution", "attribution", LDRT__COL_TEXT, 0 },
        { "Resolved", "resolved", LDRT__COL_TEXT, 0 },
    };
    ldrt__doc_table(doc, "events", cols, 5);
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) != LDRT_EVENT_TOXICITY)
            continue;
        char d[LDRT_DATE_BUFSIZE], res[LDRT_DATE_BUFSIZE] = "";
        date_text(ldrt_event_date(e), d);
        int grade;
        ldrt_date rd;
        if (LDRT__SILENT(ldrt_event_resolved(e, &rd)) == LDRT_OK)
            date_text(rd, res);
        ldrt__doc_cell_text(doc, d);
        ldrt__doc_cell_text(doc, ldrt_event_text(e, LDRT_FIELD_TERM));
        if (LDRT__SILENT(ldrt_event_grade(e, &grade)) == LDRT_OK)
            ldrt__doc_cell_int(doc, grade);
        else
            ldrt__doc_cell_none(doc);
        ldrt__doc_cell_text(doc, ldrt_event_text(e, LDRT_FIELD_ATTRIBUTION));
        ldrt__doc_cell_text(doc, res);
    }
    ldrt__doc_table_end(doc);
    ldrt__doc_section_end(doc);
}

int ldrt_patient_report(const ldrt_patient *patient, ldrt_format format, unsigned sections,
                        char **out, size_t *size)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(out);
    if (!ldrt_format_name(format))
        return ldrt__error(LDRT_EINVAL, "format: %d is not an output format", (int)format);
    if (sections == 0 || (sections & ~LDRT_REPORT_ALL))
        return ldrt__error(LDRT_EINVAL, "sections: 0x%x is not a set of report sections",
                           sections);
    ldrt__doc doc;
    ldrt__doc_init(&doc, format);
    ldrt__buf title = { 0 };
    ldrt__buf_printf(&title, "Report of patient %s", ldrt_patient_id(patient));
    ldrt__doc_fail(&doc, title.failed);
    ldrt__doc_title(&doc, title.data);
    ldrt__buf_free(&title);
    if (sections & LDRT_REPORT_SUMMARY)
        section_summary(&doc, patient);
    if (sections & LDRT_REPORT_PATIENT)
        section_patient(&doc, patient);
    if (sections & LDRT_REPORT_TIMELINE)
        section_timeline(&doc, patient);
    if (sections & LDRT_REPORT_RADIOTHERAPY)
        section_radiotherapy(&doc, patient);
    if (sections & LDRT_REPORT_IMMUNOTHERAPY)
        section_immunotherapy(&doc, patient);
    if (sections & LDRT_REPORT_TIMING)
        section_timing(&doc, patient);
    ldrt_assessment *recist = NULL;
    if (sections & (LDRT_REPORT_RESPONSE | LDRT_REPORT_RESISTANCE))
        recist = section_response(&doc, patient, (sections & LDRT_REPORT_RESPONSE) != 0);
    if (sections & LDRT_REPORT_COURSE_RESPONSE)
        section_course_response(&doc, patient);
    if (sections & LDRT_REPORT_RESISTANCE)
        section_resistance(&doc, patient, recist);
    ldrt_assessment_free(recist);
    if (sections & LDRT_REPORT_TOXICITY)
        section_toxicity(&doc, patient);
    return ldrt__doc_finish(&doc, out, size);
}
