/*
 * ldrt report FILE [--format text|markdown|json]: the whole story of a
 * patient document, section by section. Public API only.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"
#include "report.h"

static void report_help(void)
{
    printf("Usage: ldrt report FILE [--format text|markdown|json]\n"
           "\n"
           "Tells the whole story of a patient document: a summary; the patient and\n"
           "diagnoses; the timeline; each radiotherapy course with its physical dose, BED and\n"
           "EQD2 and its classification (low-dose, conventional, hypofractionated,\n"
           "SBRT) with the rules' sources; immunotherapy exposure per drug with its\n"
           "holidays; the timing of each drug against each course (90-day window);\n"
           "the response under RECIST 1.1, iRECIST and PERCIST 1.0 with the reason\n"
           "for every answer; each lesion's response to each course, in field and\n"
           "out of field (abscopal); SITC resistance per line of therapy; toxicities.\n"
           "Dates known only to the month or year stay partial.\n"
           "\n"
           "Options:\n"
           "  --format FORMAT  text (default), markdown or json\n"
           "\n"
           "Examples:\n"
           "  ldrt report examples/data/case-fong-2025.json\n"
           "  ldrt report case.json --format markdown > case.md\n"
           "  ldrt report case.json --format json | python3 -m json.tool\n"
           "\n"
           "Exit status: 0 success, 1 unreadable or invalid document, 2 usage error.\n");
}

/* ---- small helpers ------------------------------------------------------------------ */

static void date_text(ldrt_date d, char *buf)
{
    if (d == LDRT_DATE_NONE || ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE) != LDRT_OK)
        buf[0] = '\0';
}

/* A number for a cell: "" when not finite; beyond 1e15 in exponent form with
 * 6 significant digits, so that any finite double fits in a 32-byte buffer
 * whole (a fixed-point 1e30 would be cut and read as another number). */
static void num(char *buf, size_t n, double v)
{
    if (!isfinite(v))
        buf[0] = '\0';
    else if (fabs(v) >= 1e15)
        snprintf(buf, n, "%.6g", v);
    else if (fabs(v - round(v)) < 1e-9)
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.2f", v);
}

static void range_text(char *buf, size_t n, int64_t lo, int64_t hi)
{
    if (lo == hi)
        snprintf(buf, n, "%lld", (long long)lo);
    else
        snprintf(buf, n, "%lld to %lld", (long long)lo, (long long)hi);
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* The distinct drug names in order of first appearance (borrowed). */
static size_t drug_names(const ldrt_patient *p, const char **names, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) != LDRT_EVENT_SYSTEMIC)
            continue;
        for (size_t a = 0; a < ldrt_event_agent_count(e); a++) {
            const char *d = ldrt_event_agent_drug(e, a);
            size_t j = 0;
            while (j < k && strcmp(names[j], d) != 0)
                j++;
            if (j == k && k < max)
                names[k++] = d;
        }
    }
    return k;
}

static double preset_ab(const char *name, const char **citation)
{
    size_t i;
    double ab = NAN;
    if (ldrt_tissue_find(name, &i) == LDRT_OK)
        (void)ldrt_tissue_info(i, NULL, &ab, NULL, NULL, citation, NULL);
    return ab;
}

/* ---- sections ------------------------------------------------------------------------- */

static void section_patient(report *r, const ldrt_patient *p)
{
    report_section(r, "patient", "Patient");
    report_field(r, "id", "Patient", ldrt_patient_id(p), 0);
    report_field(r, "sex", "Sex", ldrt_patient_sex(p), 0);
    ldrt_date bd;
    char d[LDRT_DATE_BUFSIZE] = "";
    if (ldrt_patient_birth_date(p, &bd) == LDRT_OK)
        date_text(bd, d);
    report_field(r, "birth_date", "Birth date", d, 0);
    static const report_col cols[] = {
        { "Date", "date", COL_TEXT },   { "Condition", "condition", COL_TEXT },
        { "Site", "site", COL_TEXT },   { "Stage", "stage", COL_TEXT },
        { "Markers", "markers", COL_TEXT },
    };
    report_table(r, "diagnoses", cols, 5);
    for (size_t i = 0; i < ldrt_patient_diagnosis_count(p); i++) {
        const ldrt_diagnosis *dg = ldrt_patient_diagnosis_at(p, i);
        char date[LDRT_DATE_BUFSIZE], markers[256] = "";
        date_text(ldrt_diagnosis_date(dg), date);
        for (size_t m = 0; m < ldrt_diagnosis_marker_count(dg); m++) {
            const char *name = NULL, *value = NULL;
            if (ldrt_diagnosis_marker_at(dg, m, &name, &value) == LDRT_OK)
                snprintf(markers + strlen(markers), sizeof markers - strlen(markers), "%s%s %s",
                         m ? ", " : "", or_empty(name), or_empty(value));
        }
        const char *row[] = { date, ldrt_diagnosis_condition(dg), ldrt_diagnosis_site(dg),
                              ldrt_diagnosis_stage(dg), markers };
        report_row(r, row);
    }
    report_table_end(r);
    report_section_end(r);
}

/* A few sentences that tell the story before the details. */
static int section_summary(report *r, const ldrt_patient *p)
{
    tool_text t = { 0 };
    char d[LDRT_DATE_BUFSIZE];
    tool_text_printf(&t, "Patient %s", ldrt_patient_id(p));
    for (size_t i = 0; i < ldrt_patient_diagnosis_count(p); i++) {
        const ldrt_diagnosis *dg = ldrt_patient_diagnosis_at(p, i);
        date_text(ldrt_diagnosis_date(dg), d);
        tool_text_printf(&t, "%s %s", i ? ";" : ":", ldrt_diagnosis_condition(dg));
        if (ldrt_diagnosis_site(dg))
            tool_text_printf(&t, " of the %s", ldrt_diagnosis_site(dg));
        if (ldrt_diagnosis_stage(dg))
            tool_text_printf(&t, ", stage %s", ldrt_diagnosis_stage(dg));
        tool_text_printf(&t, ", diagnosed %s", d);
    }
    tool_text_puts(&t, ".");
    const char *drugs[64];
    size_t nd = drug_names(p, drugs, 64);
    if (nd) {
        tool_text_puts(&t, " Systemic therapy:");
        for (size_t i = 0; i < nd; i++) {
            size_t count = 0;
            ldrt_date first = 0, last = 0;
            char f[LDRT_DATE_BUFSIZE], l[LDRT_DATE_BUFSIZE];
            int rc = ldrt_patient_drug_summary(p, drugs[i], &first, &last, &count);
            if (rc == LDRT_ENOMEM) {
                tool_text_free(&t);
                return -1;
            }
            if (rc != LDRT_OK)
                continue;
            date_text(first, f);
            date_text(last, l);
            tool_text_printf(&t, "%s %s x%zu (%s to %s)", i ? "," : "", drugs[i], count, f, l);
        }
        tool_text_puts(&t, ".");
    }
    size_t holds = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) == LDRT_EVENT_HOLD) {
            int kind = LDRT_HOLD_HOLIDAY;
            (void)ldrt_event_hold_kind(e, &kind);
            date_text(ldrt_event_date(e), d);
            tool_text_printf(&t, "%s %s", holds++ ? "," : " Treatment stopped:",
                             or_empty(ldrt_hold_kind_name(kind)));
            for (size_t k = 0; k < ldrt_event_drug_count(e); k++)
                tool_text_printf(&t, "%s %s", k ? " and" : " of", ldrt_event_drug_at(e, k));
            tool_text_printf(&t, " from %s", d);
        }
    }
    if (holds)
        tool_text_puts(&t, ".");
    size_t courses = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        double total;
        int regimen;
        if (ldrt_event_type(c) != LDRT_EVENT_RADIOTHERAPY ||
            ldrt_course_total_dose_gy(c, &total) != LDRT_OK ||
            ldrt_course_classify(c, &regimen, NULL) != LDRT_OK)
            continue;
        ldrt_date f0, f1;
        (void)ldrt_course_fraction_dates(c, &f0, &f1);
        date_text(f0, d);
        tool_text_printf(&t, "%s %s (%s, %g Gy in %zu fractions from %s)",
                         courses++ ? "," : " Radiotherapy:",
                         or_empty(ldrt_event_text(c, LDRT_FIELD_COURSE_ID)),
                         ldrt_regimen_name(regimen), total, ldrt_event_fraction_count(c), d);
    }
    if (courses)
        tool_text_puts(&t, ".");
    ldrt_assessment *a = NULL;
    int rc = ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a);
    if (rc == LDRT_ENOMEM) {
        tool_text_free(&t);
        return -1;
    }
    if (rc == LDRT_OK) {
        int best = 0, confirmed = 0;
        ldrt_date base = 0;
        (void)ldrt_assessment_timepoint(a, 0, &base, NULL, NULL, NULL, NULL);
        (void)ldrt_assessment_best(a, 0, &best);
        (void)ldrt_assessment_best(a, 1, &confirmed);
        date_text(base, d);
        tool_text_printf(&t, " RECIST 1.1 from the baseline of %s: best overall response %s, "
                             "confirmed %s.",
                         d, ldrt_response_label_name(best), ldrt_response_label_name(confirmed));
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
        if (ldrt_event_grade(e, &g) == LDRT_OK && g > worst)
            worst = g;
    }
    if (tox)
        tool_text_printf(&t, " Toxicities: %zu recorded, worst grade %d.", tox, worst);
    if (t.failed) {
        tool_text_free(&t);
        return -1;
    }
    report_section(r, "summary", "Summary");
    report_para(r, "story", t.s);
    report_section_end(r);
    tool_text_free(&t);
    return 0;
}

static int section_timeline(report *r, const ldrt_patient *p)
{
    int fmt = r->format == REPORT_JSON ? LDRT_TIMELINE_JSON
              : r->format == REPORT_MARKDOWN ? LDRT_TIMELINE_MARKDOWN : LDRT_TIMELINE_TEXT;
    char *text = NULL;
    if (ldrt_timeline_render(p, fmt, &text, NULL) != LDRT_OK)
        return -1;
    if (r->format == REPORT_JSON) {
        /* The object of `ldrt timeline --format json`, as it is. */
        report_raw(r, "timeline", text);
    } else {
        report_section(r, "timeline", "Timeline");
        report_raw(r, "events", text);
        report_section_end(r);
    }
    ldrt_free(text);
    return 0;
}

static int section_radiotherapy(report *r, const ldrt_patient *p)
{
    const char *cite10 = NULL, *cite3 = NULL;
    double ab10 = preset_ab("tumour", &cite10), ab3 = preset_ab("late", &cite3);
    report_section(r, "radiotherapy", "Radiotherapy courses");
    char h_bed[32], h_eqd10[32], h_eqd3[32];
    snprintf(h_bed, sizeof h_bed, "BED a/b %g (Gy)", ab10);
    snprintf(h_eqd10, sizeof h_eqd10, "EQD2 a/b %g (Gy)", ab10);
    snprintf(h_eqd3, sizeof h_eqd3, "EQD2 a/b %g (Gy)", ab3);
    const report_col cols[] = {
        { "Course", "course_id", COL_TEXT },       { "Technique", "technique", COL_TEXT },
        { "Targets", "targets", COL_TEXT },         { "First", "first_fraction", COL_TEXT },
        { "Last", "last_fraction", COL_TEXT },      { "Fx", "fractions", COL_NUM },
        { "Total (Gy)", "total_gy", COL_NUM },      { "Gy/fx", "dose_per_fraction_gy", COL_NUM },
        { "Days", "overall_days", COL_TEXT },       { h_bed, "bed_tumour_gy", COL_NUM },
        { h_eqd10, "eqd2_tumour_gy", COL_NUM },     { h_eqd3, "eqd2_late_gy", COL_NUM },
        { "Class", "regimen", COL_TEXT },
    };
    report_table(r, "courses", cols, sizeof cols / sizeof cols[0]);
    tool_text why = { 0 };
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(c) != LDRT_EVENT_RADIOTHERAPY)
            continue;
        size_t n = ldrt_event_fraction_count(c);
        char first[LDRT_DATE_BUFSIZE] = "", last[LDRT_DATE_BUFSIZE] = "", fx[16], total[32] = "",
             dpf[32] = "", days[48] = "", bed[32] = "", e10[32] = "", e3[32] = "", targets[256] = "";
        const char *cls = "";
        ldrt_date f0, f1;
        if (ldrt_course_fraction_dates(c, &f0, &f1) == LDRT_OK) {
            date_text(f0, first);
            date_text(f1, last);
        }
        snprintf(fx, sizeof fx, "%zu", n);
        double v, b, e;
        int uniform = 0;
        if (ldrt_course_total_dose_gy(c, &v) == LDRT_OK)
            num(total, sizeof total, v);
        if (ldrt_course_dose_per_fraction_gy(c, &v, &uniform) == LDRT_OK) {
            num(dpf, sizeof dpf, v);
            /* JSON keeps the bare number (a cell of a COL_NUM column is
             * written as it is); the text says the fractions differ. */
            if (!uniform && r->format != REPORT_JSON)
                snprintf(dpf + strlen(dpf), sizeof dpf - strlen(dpf), " (mean)");
        }
        int64_t lo, hi;
        if (ldrt_course_overall_days(c, &lo, &hi) == LDRT_OK)
            range_text(days, sizeof days, lo, hi);
        for (size_t t = 0; t < ldrt_event_target_count(c); t++)
            snprintf(targets + strlen(targets), sizeof targets - strlen(targets), "%s%s",
                     t ? ", " : "", ldrt_lesion_id(ldrt_event_target_at(c, t)));
        const char *id = ldrt_event_text(c, LDRT_FIELD_COURSE_ID);
        if (n > 0) {
            if (ldrt_course_dose(c, ab10, NULL, &b, &e) == LDRT_OK) {
                num(bed, sizeof bed, b);
                num(e10, sizeof e10, e);
            }
            if (ldrt_course_dose(c, ab3, NULL, NULL, &e) == LDRT_OK)
                num(e3, sizeof e3, e);
            int regimen;
            unsigned rules = 0;
            if (ldrt_course_classify(c, &regimen, &rules) == LDRT_OK) {
                cls = ldrt_regimen_name(regimen);
                tool_text_printf(&why, "%s%s is classified %s. It meets:", why.len ? "\n" : "",
                                 id ? id : first, cls);
                for (unsigned bit = 1; bit && bit <= rules; bit <<= 1)
                    if (rules & bit)
                        tool_text_printf(&why, "\n- %s", ldrt_regimen_rule_source(bit));
            }
        }
        const char *row[] = { or_empty(id), or_empty(ldrt_event_text(c, LDRT_FIELD_TECHNIQUE)),
                              targets, first, last, fx, total, dpf, days, bed, e10, e3, cls };
        report_row(r, row);
    }
    report_table_end(r);
    if (why.failed) {
        tool_text_free(&why);
        return -1;
    }
    if (why.len)
        report_para(r, "classification", why.s);
    tool_text_free(&why);
    char note[1024];
    snprintf(note, sizeof note,
             "BED and EQD2 by the linear-quadratic model summed over the fractions, without "
             "a time factor. alpha/beta %g Gy (tumour): %s. alpha/beta %g Gy (late-responding "
             "tissue): %s. Days: overall time from the first to the last fraction, as the "
             "range the recorded dates allow.",
             ab10, or_empty(cite10), ab3, or_empty(cite3));
    report_para(r, "note", note);
    report_section_end(r);
    return 0;
}

static int section_immunotherapy(report *r, const ldrt_patient *p)
{
    const char *drugs[64];
    size_t nd = drug_names(p, drugs, 64);
    report_section(r, "immunotherapy", "Immunotherapy exposure");
    static const report_col cols[] = {
        { "Drug", "drug", COL_TEXT },           { "Given", "administrations", COL_NUM },
        { "First", "first", COL_TEXT },         { "Last", "last", COL_TEXT },
        { "Exposure (days)", "exposure_days", COL_TEXT },
        { "Cumulative dose", "cumulative_dose", COL_TEXT },
        { "Holds", "holds", COL_TEXT },
    };
    report_table(r, "drugs", cols, 7);
    for (size_t i = 0; i < nd; i++) {
        ldrt_date first = 0, last = 0;
        size_t count = 0;
        char f[LDRT_DATE_BUFSIZE] = "", l[LDRT_DATE_BUFSIZE] = "", n[16] = "", days[48] = "",
             cum[96] = "", holds[512] = "";
        int rc = ldrt_patient_drug_summary(p, drugs[i], &first, &last, &count);
        if (rc == LDRT_ENOMEM)
            return -1;
        if (rc == LDRT_OK) {
            date_text(first, f);
            date_text(last, l);
            snprintf(n, sizeof n, "%zu", count);
        }
        int64_t lo, hi;
        if (ldrt_patient_drug_exposure_days(p, drugs[i], &lo, &hi) == LDRT_OK)
            range_text(days, sizeof days, lo, hi);
        double dose;
        const char *unit = NULL;
        rc = ldrt_patient_drug_cumulative_dose(p, drugs[i], &dose, &unit);
        if (rc == LDRT_OK)
            snprintf(cum, sizeof cum, "%g %s", dose, or_empty(unit));
        else if (rc == LDRT_ENOTFOUND || rc == LDRT_ESTATE)
            snprintf(cum, sizeof cum, "not computable: %.70s", ldrt_last_error());
        else
            return -1;
        ldrt_event **hs = NULL;
        size_t nh = 0;
        if (ldrt_patient_drug_holds(p, drugs[i], &hs, &nh) != LDRT_OK)
            return -1;
        for (size_t h = 0; h < nh; h++) {
            int kind = LDRT_HOLD_HOLIDAY;
            char hd[LDRT_DATE_BUFSIZE];
            (void)ldrt_event_hold_kind(hs[h], &kind);
            date_text(ldrt_event_date(hs[h]), hd);
            snprintf(holds + strlen(holds), sizeof holds - strlen(holds), "%s%s from %s",
                     h ? "; " : "", or_empty(ldrt_hold_kind_name(kind)), hd);
        }
        ldrt_free(hs);
        const char *row[] = { drugs[i], n, f, l, days, cum, holds };
        report_row(r, row);
    }
    report_table_end(r);
    report_section_end(r);
    return 0;
}

/* The timing of each drug against each course, as the dose module defines it. */
static int section_timing(report *r, const ldrt_patient *p)
{
    const char *drugs[64];
    size_t nd = drug_names(p, drugs, 64);
    report_section(r, "timing", "Immunotherapy timing against radiotherapy");
    static const report_col cols[] = {
        { "Course", "course_id", COL_TEXT },
        { "Drug", "drug", COL_TEXT },
        { "Days since previous dose", "days_since_previous", COL_NUM },
        { "Days until next dose", "days_until_next", COL_NUM },
        { "Timing", "timing", COL_TEXT },
    };
    report_table(r, "courses", cols, 5);
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(c) != LDRT_EVENT_RADIOTHERAPY || ldrt_event_fraction_count(c) == 0)
            continue;
        const char *id = ldrt_event_text(c, LDRT_FIELD_COURSE_ID);
        for (size_t d = 0; d < nd; d++) {
            int64_t since, until;
            int timing;
            int rc = ldrt_course_drug_timing(p, c, drugs[d], LDRT_ICI_WINDOW_DAYS, &since, &until,
                                             &timing);
            if (rc == LDRT_ENOMEM)
                return -1;
            if (rc != LDRT_OK) {
                const char *row[] = { or_empty(id), drugs[d], "", "", ldrt_last_error() };
                report_row(r, row);
                continue;
            }
            char s1[24] = "", s2[24] = "";
            if (since >= 0)
                snprintf(s1, sizeof s1, "%lld", (long long)since);
            if (until >= 0)
                snprintf(s2, sizeof s2, "%lld", (long long)until);
            const char *row[] = { or_empty(id), drugs[d], s1, s2, ldrt_drug_timing_name(timing) };
            report_row(r, row);
        }
    }
    report_table_end(r);
    char note[512];
    snprintf(note, sizeof note,
             "Days are the shortest the (possibly partial) dates allow: from the previous "
             "administration to the first fraction, and from the last fraction to the next "
             "one (0 when an administration can fall during the course). A drug is "
             "concurrent when an administration falls within %d days of the course: the "
             "window of Anscher MS et al., JAMA Oncol 2022;8(2):232-240.",
             LDRT_ICI_WINDOW_DAYS);
    report_para(r, "note", note);
    report_section_end(r);
    return 0;
}

/* Response under each criterion: a summary table, then each assessment as
 * ldrt assess renders it. Returns the RECIST 1.1 assessment (or NULL) for
 * the resistance section; -1 in *bad on failure. */
static ldrt_assessment *section_response(report *r, const ldrt_patient *p, int *bad)
{
    static const int criteria[] = { LDRT_CRITERIA_RECIST11, LDRT_CRITERIA_IRECIST,
                                    LDRT_CRITERIA_PERCIST10 };
    ldrt_assessment *a[3] = { NULL, NULL, NULL };
    char why[3][256];
    for (size_t k = 0; k < 3; k++) {
        int rc = ldrt_patient_assess(p, criteria[k], NULL, &a[k]);
        if (rc != LDRT_OK)
            a[k] = NULL;
        if (rc != LDRT_OK && rc != LDRT_ENOMEM) {
            snprintf(why[k], sizeof why[k], "not assessable: %s", ldrt_last_error());
        } else if (rc != LDRT_OK) {
            for (size_t j = 0; j < k; j++)
                ldrt_assessment_free(a[j]);
            *bad = 1;
            return NULL;
        }
    }
    report_section(r, "response", "Tumour response");
    static const report_col cols[] = {
        { "Criteria", "criteria", COL_TEXT },
        { "Scans", "timepoints", COL_NUM },
        { "Best overall response", "best_overall_response", COL_TEXT },
        { "Confirmed", "confirmed_best_overall_response", COL_TEXT },
        { "Why", "reason", COL_TEXT },
    };
    report_table(r, "summary", cols, 5);
    for (size_t k = 0; k < 3; k++) {
        char n[16] = "";
        const char *best = "", *conf = "", *reason = why[k];
        if (a[k]) {
            int b1 = 0, b2 = 0;
            snprintf(n, sizeof n, "%zu", ldrt_assessment_timepoint_count(a[k]));
            if (ldrt_assessment_best(a[k], 0, &b1) == LDRT_OK)
                best = ldrt_response_label_name(b1);
            if (ldrt_assessment_best(a[k], 1, &b2) == LDRT_OK)
                conf = ldrt_response_label_name(b2);
            reason = ldrt_assessment_best_reason(a[k], 1);
        }
        const char *row[] = { ldrt_criteria_name(criteria[k]), n, or_empty(best), or_empty(conf),
                              or_empty(reason) };
        report_row(r, row);
    }
    report_table_end(r);
    int fmt = r->format == REPORT_JSON ? LDRT_TIMELINE_JSON
              : r->format == REPORT_MARKDOWN ? LDRT_TIMELINE_MARKDOWN : LDRT_TIMELINE_TEXT;
    for (size_t k = 0; k < 3; k++) {
        if (!a[k])
            continue;
        char *text = NULL;
        if (ldrt_assessment_render(a[k], fmt, &text, NULL) != LDRT_OK) {
            *bad = 1;
            break;
        }
        report_raw(r, ldrt_criteria_name(criteria[k]), text);
        ldrt_free(text);
    }
    report_section_end(r);
    ldrt_assessment_free(a[1]);
    ldrt_assessment_free(a[2]);
    if (*bad) {
        ldrt_assessment_free(a[0]);
        return NULL;
    }
    return a[0];
}

/* Each course's lesions before and after it: in-field responses and
 * out-of-field (abscopal) ones. */
static int section_abscopal(report *r, const ldrt_patient *p)
{
    report_section(r, "course_response", "Response by course: in field and abscopal");
    static const report_col cols[] = {
        { "Course", "course_id", COL_TEXT },      { "Lesion", "lesion", COL_TEXT },
        { "Field", "field", COL_TEXT },           { "Before (mm)", "before_mm", COL_NUM },
        { "Best after (mm)", "best_mm", COL_NUM }, { "Change (%)", "best_change_pct", COL_NUM },
        { "Responded", "responded", COL_TEXT },   { "Days to response", "days_to_response", COL_NUM },
    };
    report_table(r, "lesions", cols, 8);
    tool_text summary = { 0 };
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(c) != LDRT_EVENT_RADIOTHERAPY || ldrt_event_fraction_count(c) == 0)
            continue;
        ldrt_course_response *cr = NULL;
        int rc = ldrt_patient_course_response(p, c, NULL, &cr);
        if (rc == LDRT_ENOMEM) {
            tool_text_free(&summary);
            return -1;
        }
        if (rc != LDRT_OK) {
            tool_text_printf(&summary, "%s%s: not assessable: %s", summary.len ? "\n" : "",
                             or_empty(ldrt_event_text(c, LDRT_FIELD_COURSE_ID)),
                             ldrt_last_error());
            continue;
        }
        const char *id = or_empty(ldrt_event_text(c, LDRT_FIELD_COURSE_ID));
        size_t in = 0, out = 0;
        for (size_t k = 0; k < ldrt_course_response_count(cr); k++) {
            const ldrt_lesion *l = NULL;
            int in_field = 0, responded = 0;
            double before = NAN, best = NAN, pct = NAN;
            int64_t days = -1;
            if (ldrt_course_response_lesion(cr, k, &l, &in_field, &before, &best, &pct,
                                            &responded, &days) != LDRT_OK)
                continue;
            char b[32], bb[32], pc[32], dd[24] = "";
            num(b, sizeof b, before);
            num(bb, sizeof bb, best);
            if (!isfinite(pct))
                pc[0] = '\0';
            else
                snprintf(pc, sizeof pc, fabs(pct) >= 1e15 ? "%.6g" : "%.1f", pct);
            if (days >= 0)
                snprintf(dd, sizeof dd, "%lld", (long long)days);
            in += in_field && responded;
            out += !in_field && responded;
            const char *row[] = { id, ldrt_lesion_id(l), in_field ? "in field" : "out of field",
                                  b, bb, pc, responded ? "yes" : "no", dd };
            report_row(r, row);
        }
        tool_text_printf(&summary, "%s%s: %zu lesion(s) measured before and after, %zu "
                                   "in-field response(s), %zu abscopal response(s).",
                         summary.len ? "\n" : "", id, ldrt_course_response_count(cr), in,
                         ldrt_course_response_abscopal_count(cr));
        (void)out;
        ldrt_course_response_free(cr);
    }
    report_table_end(r);
    if (summary.failed) {
        tool_text_free(&summary);
        return -1;
    }
    if (summary.len)
        report_para(r, "summary", summary.s);
    report_para(r, "note",
                "A lesion responded when its diameter fell by at least 30% from its last "
                "measurement before the course (the default of the response module's "
                "abscopal setting); an out-of-field lesion that responded is an abscopal "
                "response. Lesions without a measurement both before and after a course are "
                "not listed.");
    tool_text_free(&summary);
    report_section_end(r);
    return 0;
}

/* SITC resistance of each line of therapy that gives a checkpoint
 * inhibitor (ldrt_patient_therapy_lines(): drugs given together are one
 * line; a cycle-1 event starts a new line). */
static int section_resistance(report *r, const ldrt_patient *p, const ldrt_assessment *recist)
{
    report_section(r, "resistance", "Immunotherapy resistance (SITC)");
    static const report_col cols[] = {
        { "Line from", "line_start", COL_TEXT }, { "Drugs", "drugs", COL_TEXT },
        { "Intent", "intent", COL_TEXT },        { "Category", "category", COL_TEXT },
        { "Why", "reason", COL_TEXT },           { "Missing", "missing", COL_TEXT },
    };
    report_table(r, "lines", cols, 6);
    ldrt_event **lines = NULL;
    size_t nl = 0;
    if (ldrt_patient_therapy_lines(p, &lines, &nl) != LDRT_OK)
        return -1;
    for (size_t k = 0; k < nl; k++) {
        const ldrt_event *e = lines[k];
        char drugs[256] = "";
        size_t len = 0;
        int ici = 0;
        for (size_t a = 0; a < ldrt_event_agent_count(e); a++) {
            const char *d = ldrt_event_agent_drug(e, a);
            ici |= ldrt_drug_is_checkpoint_inhibitor(d) == 1;
            int w = snprintf(drugs + len, sizeof drugs - len, "%s%s", a ? " + " : "", d);
            if (w > 0 && (size_t)w < sizeof drugs - len)
                len += (size_t)w;
        }
        if (!ici)
            continue;
        char from[LDRT_DATE_BUFSIZE];
        date_text(ldrt_event_date(e), from);
        const char *intent = ldrt_event_text(e, LDRT_FIELD_INTENT);
        ldrt_resistance_result *res = NULL;
        int rc = ldrt_patient_line_resistance(p, e, recist, NULL, &res);
        if (rc == LDRT_ENOMEM) {
            ldrt_free(lines);
            return -1;
        }
        if (rc != LDRT_OK) {
            const char *row[] = { from, drugs, or_empty(intent), "not assessable",
                                  ldrt_last_error(), "" };
            report_row(r, row);
            continue;
        }
        int cat = 0;
        (void)ldrt_resistance_category(res, &cat);
        const char *row[] = { from, drugs, or_empty(intent), ldrt_resistance_name(cat),
                              or_empty(ldrt_resistance_reason(res)),
                              or_empty(ldrt_resistance_missing(res)) };
        report_row(r, row);
        ldrt_resistance_result_free(res);
    }
    ldrt_free(lines);
    report_table_end(r);
    report_para(r, "note",
                "Categories of the Society for Immunotherapy of Cancer (Kluger HM et al., "
                "J Immunother Cancer 2020;8:e000398, Table 1: advanced disease), from the "
                "RECIST 1.1 assessment and the record's progression and recurrence events. "
                "A line of therapy is a systemic event recorded as cycle 1 (or the first, or "
                "one giving a new drug) with the events that continue it; drugs given together "
                "are one line (combinations: Kluger H et al., J Immunother Cancer "
                "2023;11:e005921). Exposure runs from the line's first administration to its "
                "last one not after the PD. An adjuvant or neoadjuvant line is not applicable: "
                "the 2020 definitions are for advanced disease. A PD is confirmed only by the "
                "next scan at least 28 days later taken before any other treatment (another "
                "line, radiotherapy, surgery other than a biopsy); this bound is a convention "
                "of the library.");
    report_section_end(r);
    return 0;
}

static void section_toxicity(report *r, const ldrt_patient *p)
{
    report_section(r, "toxicity", "Toxicities");
    static const report_col cols[] = {
        { "Date", "date", COL_TEXT },         { "Term (CTCAE)", "term", COL_TEXT },
        { "Grade", "grade", COL_NUM },        { "Attribution", "attribution", COL_TEXT },
        { "Resolved", "resolved", COL_TEXT },
    };
    report_table(r, "events", cols, 5);
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) != LDRT_EVENT_TOXICITY)
            continue;
        char d[LDRT_DATE_BUFSIZE], g[8] = "", res[LDRT_DATE_BUFSIZE] = "";
        date_text(ldrt_event_date(e), d);
        int grade;
        if (ldrt_event_grade(e, &grade) == LDRT_OK)
            snprintf(g, sizeof g, "%d", grade);
        ldrt_date rd;
        if (ldrt_event_resolved(e, &rd) == LDRT_OK)
            date_text(rd, res);
        const char *row[] = { d, or_empty(ldrt_event_text(e, LDRT_FIELD_TERM)), g,
                              or_empty(ldrt_event_text(e, LDRT_FIELD_ATTRIBUTION)), res };
        report_row(r, row);
    }
    report_table_end(r);
    report_section_end(r);
}

int cmd_report(int argc, char **argv)
{
    const char *file = NULL, *fmt = "text";
    for (int i = 1; i < argc; i++) {
        if (tool_is_help(argv[i])) {
            report_help();
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--format") == 0) {
            if (i + 1 >= argc)
                return tool_usage_error("report", "--format needs a value");
            fmt = argv[++i];
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            fmt = argv[i] + 9;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return tool_usage_error("report", "unknown option '%s'", argv[i]);
        } else if (file) {
            return tool_usage_error("report", "unexpected argument '%s'", argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!file)
        return tool_usage_error("report", "a patient document (FILE) is needed");
    int format = strcmp(fmt, "text") == 0       ? REPORT_TEXT
                 : strcmp(fmt, "markdown") == 0 ? REPORT_MARKDOWN
                 : strcmp(fmt, "json") == 0     ? REPORT_JSON
                                                : 0;
    if (!format)
        return tool_usage_error("report", "unknown format '%s' (text, markdown or json)", fmt);
    ldrt_patient *p = NULL;
    if (ldrt_patient_load_json(file, &p) != LDRT_OK) {
        return tool_file_error("report", file);
    }
    report r;
    report_init(&r, format);
    char title[256];
    snprintf(title, sizeof title, "Report of patient %s", ldrt_patient_id(p));
    report_title(&r, title);
    int bad = section_summary(&r, p) != 0;
    section_patient(&r, p);
    bad = bad || section_timeline(&r, p) != 0 || section_radiotherapy(&r, p) != 0 ||
              section_immunotherapy(&r, p) != 0 || section_timing(&r, p) != 0;
    ldrt_assessment *recist = NULL;
    if (!bad)
        recist = section_response(&r, p, &bad);
    if (!bad)
        bad = section_abscopal(&r, p) != 0 || section_resistance(&r, p, recist) != 0;
    ldrt_assessment_free(recist);
    if (!bad)
        section_toxicity(&r, p);
    bad = bad || report_finish(&r) != 0;
    ldrt_patient_free(p);
    if (bad) {
        fprintf(stderr, "ldrt report: %s: %s\n", file,
                r.out.failed ? "out of memory" : ldrt_last_error());
        report_free(&r);
        return EXIT_INVALID;
    }
    int status = EXIT_OK;
    if (fwrite(r.out.s, 1, r.out.len, stdout) != r.out.len || fflush(stdout) != 0) {
        fprintf(stderr, "ldrt report: cannot write the output\n");
        status = EXIT_INVALID;
    }
    report_free(&r);
    return status;
}
