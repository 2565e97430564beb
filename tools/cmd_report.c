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
           "Tells the whole story of a patient document: the patient and diagnoses;\n"
           "the timeline; each radiotherapy course with its physical dose, BED and\n"
           "EQD2 and its classification (low-dose, conventional, hypofractionated,\n"
           "SBRT) with the rules' sources; immunotherapy exposure per drug with its\n"
           "holidays; the timing of each drug against each course; and toxicities.\n"
           "Dates known only to the month or year stay partial, and intervals are\n"
           "given as the range of days they can span.\n"
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

static void num(char *buf, size_t n, double v)
{
    if (!isfinite(v))
        buf[0] = '\0';
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

/* The fraction doses of a course (malloc'd), or NULL when it has none. */
static double *course_doses(const ldrt_event *c, size_t *n)
{
    *n = ldrt_event_fraction_count(c);
    if (*n == 0)
        return NULL;
    double *d = calloc(*n, sizeof *d);
    if (!d)
        return NULL;
    for (size_t i = 0; i < *n; i++)
        if (ldrt_fraction_dose_gy(ldrt_event_fraction_at(c, i), &d[i]) != LDRT_OK)
            d[i] = NAN;
    return d;
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

static int section_timeline(report *r, const ldrt_patient *p)
{
    int fmt = r->format == REPORT_JSON ? LDRT_TIMELINE_JSON
              : r->format == REPORT_MARKDOWN ? LDRT_TIMELINE_MARKDOWN : LDRT_TIMELINE_TEXT;
    char *text = NULL;
    if (ldrt_timeline_render(p, fmt, &text, NULL) != LDRT_OK)
        return -1;
    report_section(r, "timeline", "Timeline");
    report_raw(r, "events", text);
    report_section_end(r);
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
        size_t n = 0;
        double *doses = course_doses(c, &n);
        if (n > 0 && !doses) {
            tool_text_free(&why);
            return -1;
        }
        char first[LDRT_DATE_BUFSIZE] = "", last[LDRT_DATE_BUFSIZE] = "", fx[16], total[32] = "",
             dpf[32] = "", days[48] = "", bed[32] = "", e10[32] = "", e3[32] = "", targets[256] = "";
        const char *cls = "";
        ldrt_date f0, f1;
        if (ldrt_course_fraction_dates(c, &f0, &f1) == LDRT_OK) {
            date_text(f0, first);
            date_text(f1, last);
        }
        snprintf(fx, sizeof fx, "%zu", n);
        double v;
        int uniform = 0;
        if (ldrt_course_total_dose_gy(c, &v) == LDRT_OK)
            num(total, sizeof total, v);
        if (ldrt_course_dose_per_fraction_gy(c, &v, &uniform) == LDRT_OK) {
            num(dpf, sizeof dpf, v);
            if (!uniform)
                strcat(dpf, " (mean)");
        }
        int64_t lo, hi;
        if (ldrt_course_overall_days(c, &lo, &hi) == LDRT_OK)
            range_text(days, sizeof days, lo, hi);
        for (size_t t = 0; t < ldrt_event_target_count(c); t++)
            snprintf(targets + strlen(targets), sizeof targets - strlen(targets), "%s%s",
                     t ? ", " : "", ldrt_lesion_id(ldrt_event_target_at(c, t)));
        const char *id = ldrt_event_text(c, LDRT_FIELD_COURSE_ID);
        if (n > 0) {
            if (ldrt_lq_bed_fractions(doses, n, ab10, &v) == LDRT_OK)
                num(bed, sizeof bed, v);
            if (ldrt_lq_eqd_fractions(doses, n, ab10, 2.0, &v) == LDRT_OK)
                num(e10, sizeof e10, v);
            if (ldrt_lq_eqd_fractions(doses, n, ab3, 2.0, &v) == LDRT_OK)
                num(e3, sizeof e3, v);
            int regimen;
            unsigned rules = 0;
            if (ldrt_regimen_classify_fractions(doses, n, &regimen, &rules) == LDRT_OK) {
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
        free(doses);
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

/* Where each drug falls against each course: the last administration
 * surely before the first fraction, the first surely after the last one,
 * and those during or too imprecisely dated to tell. */
static int section_timing(report *r, const ldrt_patient *p)
{
    const char *drugs[64];
    size_t nd = drug_names(p, drugs, 64);
    report_section(r, "timing", "Immunotherapy timing against radiotherapy");
    static const report_col cols[] = {
        { "Course", "course_id", COL_TEXT },
        { "Drug", "drug", COL_TEXT },
        { "Last before", "last_before", COL_TEXT },
        { "Days before 1st fx", "days_before_first_fraction", COL_TEXT },
        { "During", "during", COL_NUM },
        { "Undetermined", "undetermined", COL_TEXT },
        { "Next after", "next_after", COL_TEXT },
        { "Days after last fx", "days_after_last_fraction", COL_TEXT },
    };
    report_table(r, "courses", cols, 8);
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        ldrt_date f0, f1;
        if (ldrt_event_type(c) != LDRT_EVENT_RADIOTHERAPY ||
            ldrt_course_fraction_dates(c, &f0, &f1) != LDRT_OK)
            continue;
        /* The days the first and the last fraction can fall on. */
        size_t nf = ldrt_event_fraction_count(c);
        ldrt_date s0, s1, t0, t1;
        int64_t f_lo, f_hi, l_lo, l_hi;
        if (ldrt_fraction_span(ldrt_event_fraction_at(c, 0), &s0, &s1) != LDRT_OK ||
            ldrt_fraction_span(ldrt_event_fraction_at(c, nf - 1), &t0, &t1) != LDRT_OK ||
            ldrt_date_to_days(s0, &f_lo) != LDRT_OK || ldrt_date_to_days(s1, &f_hi) != LDRT_OK ||
            ldrt_date_to_days(t0, &l_lo) != LDRT_OK || ldrt_date_to_days(t1, &l_hi) != LDRT_OK)
            continue;
        const char *id = ldrt_event_text(c, LDRT_FIELD_COURSE_ID);
        for (size_t d = 0; d < nd; d++) {
            ldrt_event **adm = NULL;
            size_t na = 0;
            if (ldrt_patient_drug_administrations(p, drugs[d], &adm, &na) != LDRT_OK)
                return -1;
            const ldrt_event *before = NULL, *after = NULL;
            int64_t b_lo = 0, b_hi = 0, a_lo = 0, a_hi = 0;
            size_t during = 0;
            char undetermined[256] = "";
            for (size_t k = 0; k < na; k++) {
                ldrt_date ad = ldrt_event_date(adm[k]), e0, e1;
                int64_t a0, a1;
                if (ldrt_event_span(adm[k], &e0, &e1) != LDRT_OK ||
                    ldrt_date_to_days(e0, &a0) != LDRT_OK || ldrt_date_to_days(e1, &a1) != LDRT_OK)
                    continue;
                if (f_lo - a1 > 0) {
                    /* Surely before the first fraction: the latest one wins. */
                    before = adm[k];
                    b_lo = f_lo - a1;
                    b_hi = f_hi - a0;
                } else if (a0 - l_hi > 0) {
                    if (!after) {
                        after = adm[k];
                        a_lo = a0 - l_hi;
                        a_hi = a1 - l_lo;
                    }
                } else if (a0 >= f_hi && a1 <= l_lo) {
                    during++;
                } else {
                    char t[LDRT_DATE_BUFSIZE];
                    date_text(ad, t);
                    int cyc;
                    size_t len = strlen(undetermined);
                    if (ldrt_event_cycle(adm[k], &cyc) == LDRT_OK)
                        snprintf(undetermined + len, sizeof undetermined - len, "%s%s (cycle %d)",
                                 len ? ", " : "", t, cyc);
                    else
                        snprintf(undetermined + len, sizeof undetermined - len, "%s%s",
                                 len ? ", " : "", t);
                }
            }
            char bd[LDRT_DATE_BUFSIZE] = "", ad[LDRT_DATE_BUFSIZE] = "", bdays[48] = "",
                 adays[48] = "", dur[16];
            if (before) {
                date_text(ldrt_event_date(before), bd);
                range_text(bdays, sizeof bdays, b_lo, b_hi);
            }
            if (after) {
                date_text(ldrt_event_date(after), ad);
                range_text(adays, sizeof adays, a_lo, a_hi);
            }
            snprintf(dur, sizeof dur, "%zu", during);
            const char *row[] = { or_empty(id), drugs[d], bd, bdays, dur, undetermined, ad, adays };
            report_row(r, row);
            ldrt_free(adm);
        }
    }
    report_table_end(r);
    report_para(r, "note",
                "Days are counted between calendar dates; for a date known only to the month "
                "or year they are the range over every day it can mean. 'During' counts the "
                "administrations surely between the first and the last fraction; one is "
                "'undetermined' when its recorded date allows it to fall both inside and "
                "outside the course.");
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
        fprintf(stderr, "ldrt report: %s: %s\n", file, ldrt_last_error());
        return EXIT_INVALID;
    }
    report r;
    report_init(&r, format);
    char title[256];
    snprintf(title, sizeof title, "Report of patient %s", ldrt_patient_id(p));
    report_title(&r, title);
    section_patient(&r, p);
    int bad = section_timeline(&r, p) != 0 || section_radiotherapy(&r, p) != 0 ||
              section_immunotherapy(&r, p) != 0 || section_timing(&r, p) != 0;
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
