/*
 * case_report: the seed case, end to end, through the public API.
 *
 * A man with metastatic melanoma progressed on pembrolizumab; 10 Gy in 5
 * daily fractions of low-dose radiotherapy to a 2.2 cm mesenteric nodule
 * reversed the resistance (Fong KHA, Ho I, So TH, Front Oncol
 * 2025;15:1483117, CC BY 4.0). This program loads that record
 * (data/case-fong-2025.json) and tells its story: the timeline, what each
 * radiotherapy course is worth biologically and what kind of regimen it
 * was, the immunotherapy around it, the response of the irradiated nodule
 * by RECIST 1.1 with the reason for every answer, what happened to the
 * lesions in and out of the field (abscopal), whether the record shows
 * resistance to pembrolizumab, and the toxicities.
 *
 *   case_report [FILE]      (default: data/case-fong-2025.json)
 *
 * `make demo` runs it.
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldrt.h>

static void die(const char *what)
{
    fprintf(stderr, "case_report: %s: %s\n", what, ldrt_last_error());
    exit(1);
}

static const char *date_str(ldrt_date d, char *buf)
{
    if (ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE) != LDRT_OK)
        strcpy(buf, "?");
    return buf;
}

static void heading(const char *title)
{
    printf("\n%s\n", title);
    for (size_t i = 0; i < strlen(title); i++)
        putchar('-');
    putchar('\n');
}

/* One line per recorded event: date, kind and the essentials. */
static void timeline(const ldrt_patient *p)
{
    heading("Timeline");
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        int kind = ldrt_event_type(e);
        if (kind == LDRT_EVENT_NOTE)
            continue;
        char d[LDRT_DATE_BUFSIZE];
        printf("  %-10s  %-12s  ", date_str(ldrt_event_date(e), d), ldrt_event_kind_name(kind));
        switch (kind) {
        case LDRT_EVENT_SYSTEMIC: {
            for (size_t a = 0; a < ldrt_systemic_agent_count(ldrt_event_as_systemic(e)); a++)
                printf("%s%s", a ? " + " : "", ldrt_systemic_agent_drug(ldrt_event_as_systemic(e), a));
            int count;
            int64_t every;
            if (ldrt_systemic_repeat(ldrt_event_as_systemic(e), &every, &count) == LDRT_OK)
                printf(", %d cycles every %" PRId64 " days", count, every);
            int cycle;
            if (ldrt_systemic_cycle(ldrt_event_as_systemic(e), &cycle) == LDRT_OK)
                printf(" (from cycle %d)", cycle);
            break;
        }
        case LDRT_EVENT_RADIOTHERAPY: {
            double total = 0;
            (void)ldrt_course_total_dose_gy(ldrt_event_as_course(e), &total);
            const char *id = ldrt_event_text(e, LDRT_FIELD_COURSE_ID);
            printf("%s: %g Gy in %zu fractions to %s", id ? id : "course", total,
                   ldrt_course_fraction_count(ldrt_event_as_course(e)), ldrt_event_text(e, LDRT_FIELD_SITE));
            break;
        }
        case LDRT_EVENT_IMAGING: {
            const char *mod = ldrt_event_text(e, LDRT_FIELD_MODALITY);
            printf("%s", mod ? mod : "scan");
            int baseline = 0;
            if (ldrt_scan_baseline(ldrt_event_as_scan(e), &baseline) == LDRT_OK && baseline)
                printf(" (baseline)");
            for (size_t m = 0; m < ldrt_scan_measurement_count(ldrt_event_as_scan(e)); m++) {
                double mm;
                if (ldrt_scan_measurement_diameter_mm(ldrt_event_as_scan(e), m, &mm) == LDRT_OK)
                    printf("%s %s %g mm", m ? "," : ":",
                           ldrt_lesion_id(ldrt_scan_measurement_lesion(ldrt_event_as_scan(e), m)), mm);
            }
            if (ldrt_scan_new_lesion_count(ldrt_event_as_scan(e)) > 0)
                printf("; %zu new lesion(s)", ldrt_scan_new_lesion_count(ldrt_event_as_scan(e)));
            break;
        }
        case LDRT_EVENT_SURGERY:
            printf("%s", ldrt_event_text(e, LDRT_FIELD_PROCEDURE));
            break;
        case LDRT_EVENT_TOXICITY: {
            int grade = 0;
            (void)ldrt_event_grade(e, &grade);
            printf("grade %d %s (%s)", grade, ldrt_event_text(e, LDRT_FIELD_TERM),
                   ldrt_event_text(e, LDRT_FIELD_ATTRIBUTION));
            break;
        }
        case LDRT_EVENT_HOLD: {
            ldrt_hold_kind hk = LDRT_HOLD_HOLIDAY;
            (void)ldrt_event_hold_kind(e, &hk);
            printf("%s of", ldrt_hold_kind_name(hk));
            for (size_t k = 0; k < ldrt_event_drug_count(e); k++)
                printf(" %s", ldrt_event_drug_at(e, k));
            break;
        }
        default: {
            const char *site = ldrt_event_text(e, LDRT_FIELD_SITE);
            printf("%s", site ? site : "");
        }
        }
        putchar('\n');
    }
}

/* Each course: physical dose, BED and EQD2 for three alpha/beta presets,
 * and the regimen class with the published rules it meets. */
static void radiotherapy(const ldrt_patient *p)
{
    static const char *const presets[] = { "tumour", "late", "melanoma" };
    heading("Radiotherapy: what each course is worth");
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *c = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(c) != LDRT_EVENT_RADIOTHERAPY)
            continue;
        size_t n = ldrt_course_fraction_count(ldrt_event_as_course(c));
        double *doses = calloc(n ? n : 1, sizeof *doses);
        if (!doses)
            die("memory");
        for (size_t f = 0; f < n; f++)
            if (ldrt_fraction_dose_gy(ldrt_course_fraction_at(ldrt_event_as_course(c), f), &doses[f]) != LDRT_OK)
                die("fraction dose");
        ldrt_date first, last;
        int64_t tmin, tmax;
        char d0[LDRT_DATE_BUFSIZE], d1[LDRT_DATE_BUFSIZE];
        double total;
        if (ldrt_course_fraction_dates(ldrt_event_as_course(c), &first, &last) != LDRT_OK ||
            ldrt_course_overall_days(ldrt_event_as_course(c), &tmin, &tmax) != LDRT_OK ||
            ldrt_course_total_dose_gy(ldrt_event_as_course(c), &total) != LDRT_OK)
            die("course");
        printf("  %s (%s): %g Gy in %zu fractions, %s to %s, overall %lld days%s\n",
               ldrt_event_text(c, LDRT_FIELD_COURSE_ID), ldrt_event_text(c, LDRT_FIELD_SITE),
               total, n, date_str(first, d0), date_str(last, d1), (long long)tmin,
               tmin == tmax ? "" : " (at least)");
        for (size_t k = 0; k < 3; k++) {
            size_t idx;
            double ab, bed, eqd2;
            if (ldrt_tissue_find(presets[k], &idx) != LDRT_OK ||
                ldrt_tissue_info(idx, NULL, &ab, NULL, NULL, NULL, NULL) != LDRT_OK ||
                ldrt_lq_bed_fractions(doses, n, ab, &bed) != LDRT_OK ||
                ldrt_lq_eqd_fractions(doses, n, ab, 2.0, &eqd2) != LDRT_OK)
                die("dose");
            printf("    alpha/beta %4.1f Gy (%-8s): BED %6.1f Gy, EQD2 %6.1f Gy\n", ab,
                   presets[k], bed, eqd2);
        }
        ldrt_regimen regimen;
        unsigned rules;
        if (ldrt_regimen_classify_fractions(doses, n, &regimen, &rules) != LDRT_OK)
            die("classification");
        printf("    class: %s, because it meets:\n", ldrt_regimen_name(regimen));
        for (unsigned bit = 1; bit && bit <= rules; bit <<= 1)
            if (rules & bit)
                printf("      - %s\n", ldrt_regimen_rule_source(bit));
        free(doses);
    }
}

/* Each drug: how much, from when to when, and its holidays. */
static void immunotherapy(const ldrt_patient *p)
{
    static const char *const drugs[] = { "nivolumab", "ipilimumab", "pembrolizumab" };
    heading("Immunotherapy");
    for (size_t i = 0; i < 3; i++) {
        ldrt_date first, last;
        size_t count;
        int64_t lo, hi;
        char d0[LDRT_DATE_BUFSIZE], d1[LDRT_DATE_BUFSIZE];
        if (ldrt_patient_drug_summary(p, drugs[i], &first, &last, &count) != LDRT_OK ||
            ldrt_patient_drug_exposure_days(p, drugs[i], &lo, &hi) != LDRT_OK)
            continue;
        printf("  %-13s %2zu administrations, %s to %s (%lld to %lld days)", drugs[i], count,
               date_str(first, d0), date_str(last, d1), (long long)lo, (long long)hi);
        double dose;
        const char *unit;
        if (ldrt_patient_drug_cumulative_dose(p, drugs[i], &dose, &unit) == LDRT_OK)
            printf(", %g %s in all", dose, unit);
        putchar('\n');
        const ldrt_event **holds;
        size_t nh;
        if (ldrt_patient_drug_holds(p, drugs[i], &holds, &nh) != LDRT_OK)
            die("holds");
        for (size_t h = 0; h < nh; h++) {
            ldrt_hold_kind kind = LDRT_HOLD_HOLIDAY;
            (void)ldrt_event_hold_kind(holds[h], &kind);
            printf("    %s from %s: %s\n", ldrt_hold_kind_name(kind),
                   date_str(ldrt_event_date(holds[h]), d0),
                   ldrt_event_text(holds[h], LDRT_FIELD_REASON));
        }
        ldrt_free(holds);
    }
}

/* The mesenteric nodule, scan by scan, against its baseline. */
static void nodule(const ldrt_patient *p)
{
    const ldrt_lesion *t1;
    if (ldrt_patient_find_lesion(p, "T1", &t1) != LDRT_OK)
        return;
    heading("The mesenteric nodule (T1)");
    const ldrt_fraction **fx;
    size_t nfx;
    if (ldrt_patient_lesion_fractions(p, t1, &fx, &nfx) != LDRT_OK)
        die("fractions");
    double gy = 0;
    for (size_t i = 0; i < nfx; i++) {
        double d;
        if (ldrt_fraction_dose_gy(fx[i], &d) == LDRT_OK)
            gy += d;
    }
    ldrt_free(fx);
    printf("  %s: %zu fractions, %g Gy in all\n", ldrt_lesion_site(t1), nfx, gy);
    const ldrt_scan **scans;
    size_t ns;
    if (ldrt_patient_lesion_scans(p, t1, &scans, &ns) != LDRT_OK)
        die("scans");
    double base = NAN;
    for (size_t i = 0; i < ns; i++) {
        size_t k;
        double mm;
        char d[LDRT_DATE_BUFSIZE];
        if (ldrt_scan_find_measurement(scans[i], t1, &k) != LDRT_OK ||
            ldrt_scan_measurement_diameter_mm(scans[i], k, &mm) != LDRT_OK)
            continue;
        if (isnan(base)) {
            base = mm;
            printf("  %-8s %5.1f mm  (baseline)\n", date_str(ldrt_event_date(ldrt_scan_as_event(scans[i])), d), mm);
        } else {
            printf("  %-8s %5.1f mm  %+6.1f%% from baseline\n",
                   date_str(ldrt_event_date(ldrt_scan_as_event(scans[i])), d), mm, 100.0 * (mm - base) / base);
        }
    }
    ldrt_free(scans);
}

/* RECIST 1.1, scan by scan, with the rule and numbers behind each answer. */
static ldrt_assessment *response(const ldrt_patient *p)
{
    heading("Response by RECIST 1.1");
    ldrt_assessment *a;
    if (ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a) != LDRT_OK)
        die("assessment");
    for (size_t i = 0; i < ldrt_assessment_timepoint_count(a); i++) {
        ldrt_date d;
        ldrt_response overall;
        char ds[LDRT_DATE_BUFSIZE];
        if (ldrt_assessment_timepoint(a, i, &d, &overall, NULL, NULL, NULL) != LDRT_OK)
            die("time point");
        const char *label = ldrt_response_label_name(overall);
        printf("  %-8s %-9s %s\n", date_str(d, ds), *label ? label : "baseline",
               ldrt_assessment_reason(a, i));
    }
    ldrt_response best;
    ldrt_response confirmed;
    if (ldrt_assessment_best(a, 0, &best) != LDRT_OK ||
        ldrt_assessment_best(a, 1, &confirmed) != LDRT_OK)
        die("best response");
    printf("  best overall response: %s; confirmed: %s (%s)\n", ldrt_response_label_name(best),
           ldrt_response_label_name(confirmed), ldrt_assessment_best_reason(a, 1));
    return a;
}

/* What the low-dose course did, for the conclusion. */
struct lxrt_outcome {
    int in_field_responded;  /* an irradiated lesion shrank >= 30% */
    size_t out_of_field;     /* out-of-field lesions measured before and after */
    size_t abscopal;         /* of those, the ones that responded */
};

/* Each lesion measured before and after the low-dose course. */
static void course_response(const ldrt_patient *p, struct lxrt_outcome *o)
{
    const ldrt_course *course;
    if (ldrt_patient_find_course(p, "LXRT-2023", &course) != LDRT_OK)
        return;
    heading("In the field and out of it (low-dose course)");
    ldrt_course_response *cr;
    if (ldrt_patient_course_response(p, course, NULL, &cr) != LDRT_OK)
        die("course response");
    for (size_t i = 0; i < ldrt_course_response_count(cr); i++) {
        const ldrt_lesion *l;
        int in_field, responded;
        double before, best, pct;
        int64_t days;
        if (ldrt_course_response_lesion(cr, i, &l, &in_field, &before, &best, &pct, &responded,
                                        &days) != LDRT_OK)
            die("course response");
        printf("  %-4s %-12s %4.1f mm -> %4.1f mm (%+.1f%%)%s", ldrt_lesion_id(l),
               in_field ? "in field" : "out of field", before, best, pct,
               responded ? ", responded" : ", no response");
        if (responded)
            printf(" %lld days after the last fraction", (long long)days);
        putchar('\n');
        o->in_field_responded |= in_field && responded;
        o->out_of_field += !in_field;
    }
    o->abscopal = ldrt_course_response_abscopal_count(cr);
    printf("  abscopal responses (out-of-field lesions that responded): %zu\n", o->abscopal);
    ldrt_course_response_free(cr);
}

/* SITC resistance of each line of therapy (drugs given together are one
 * line); returns the category of the last line (the 2023 rechallenge) and
 * copies what it misses into missing. */
static int resistance(const ldrt_patient *p, const ldrt_assessment *recist, char *missing,
                      size_t missing_size)
{
    int last = LDRT_RESISTANCE_NOT_APPLICABLE;
    const ldrt_systemic **lines;
    size_t n;
    heading("Resistance by line of therapy (SITC, Kluger et al. 2020)");
    if (ldrt_patient_therapy_lines(p, &lines, &n) != LDRT_OK)
        die("lines");
    for (size_t i = 0; i < n; i++) {
        ldrt_resistance_result *r;
        ldrt_resistance category;
        char from[LDRT_DATE_BUFSIZE];
        if (ldrt_patient_line_resistance(p, lines[i], recist, NULL, &r) != LDRT_OK ||
            ldrt_resistance_category(r, &category) != LDRT_OK ||
            ldrt_date_format(ldrt_event_date(ldrt_systemic_as_event(lines[i])), from, sizeof from) != LDRT_OK)
            die("resistance");
        printf("  line from %s (", from);
        for (size_t k = 0; k < ldrt_systemic_agent_count(lines[i]); k++)
            printf("%s%s", k ? " + " : "", ldrt_systemic_agent_drug(lines[i], k));
        printf("): %s\n    %s\n", ldrt_resistance_name(category), ldrt_resistance_reason(r));
        last = category;
        snprintf(missing, missing_size, "%s", ldrt_resistance_missing(r));
        ldrt_resistance_result_free(r);
    }
    ldrt_free(lines);
    return last;
}

/* What the record supports, derived from the answers above (nothing here is
 * written in advance: another record gives another conclusion). */
static void conclusion(const ldrt_assessment *recist, int rechallenge, const char *missing,
                       const struct lxrt_outcome *o)
{
    ldrt_response confirmed;
    if (ldrt_assessment_best(recist, 1, &confirmed) != LDRT_OK)
        die("best response");
    heading("What the record supports");
    printf("  After the 2023 rechallenge, SITC resistance: %s", ldrt_resistance_name(rechallenge));
    if (*missing)
        printf(" (missing: %s)", missing);
    printf(".\n");
    if (rechallenge == LDRT_RESISTANCE_PRIMARY || rechallenge == LDRT_RESISTANCE_SECONDARY)
        printf("  The record establishes resistance before the low-dose course, and after\n"
               "  it the confirmed best response is %s", ldrt_response_label_name(confirmed));
    else
        printf("  So the record cannot show that the low-dose course reversed an\n"
               "  established resistance: the progression before it was not confirmed.\n"
               "  It does show a response after it: the confirmed best response is %s",
               ldrt_response_label_name(confirmed));
    printf(o->in_field_responded ? ",\n  the irradiated nodule responding in field.\n"
                                 : ",\n  without an in-field response.\n");
    if (o->out_of_field == 0)
        printf("  No out-of-field lesion was measured before and after it, so an abscopal\n"
               "  effect cannot be assessed.\n");
    else
        printf("  %zu of %zu out-of-field lesions responded (abscopal).\n", o->abscopal,
               o->out_of_field);
}

static void toxicities(const ldrt_patient *p)
{
    heading("Toxicities");
    const ldrt_event **ev;
    size_t n;
    if (ldrt_patient_events(p, LDRT_EVENT_BIT(LDRT_EVENT_TOXICITY), LDRT_DATE_NONE,
                            LDRT_DATE_NONE, 0, &ev, &n) != LDRT_OK)
        die("toxicities");
    for (size_t i = 0; i < n; i++) {
        int grade = 0;
        char d[LDRT_DATE_BUFSIZE];
        (void)ldrt_event_grade(ev[i], &grade);
        printf("  %-8s grade %d %s, attributed to %s\n", date_str(ldrt_event_date(ev[i]), d),
               grade, ldrt_event_text(ev[i], LDRT_FIELD_TERM),
               ldrt_event_text(ev[i], LDRT_FIELD_ATTRIBUTION));
    }
    ldrt_free(ev);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "data/case-fong-2025.json";
    ldrt_patient *p;
    if (ldrt_patient_load_json(path, &p) != LDRT_OK)
        die(path);
    printf("Patient %s (%s)\n", ldrt_patient_id(p), ldrt_patient_sex(p));
    for (size_t i = 0; i < ldrt_patient_diagnosis_count(p); i++) {
        const ldrt_diagnosis *dg = ldrt_patient_diagnosis_at(p, i);
        char d[LDRT_DATE_BUFSIZE];
        printf("Diagnosed %s: %s of the %s, stage %s\n", date_str(ldrt_diagnosis_date(dg), d),
               ldrt_diagnosis_condition(dg), ldrt_diagnosis_site(dg), ldrt_diagnosis_stage(dg));
    }
    timeline(p);
    radiotherapy(p);
    immunotherapy(p);
    nodule(p);
    ldrt_assessment *recist = response(p);
    struct lxrt_outcome lxrt = { 0, 0, 0 };
    course_response(p, &lxrt);
    char missing[512] = "";
    int rechallenge = resistance(p, recist, missing, sizeof missing);
    toxicities(p);
    conclusion(recist, rechallenge, missing, &lxrt);
    ldrt_assessment_free(recist);
    printf("\nPictures: ldrt plot %s --kind swimmer --output swimmer.svg (or spider, dose)\n",
           argc > 1 ? path : "examples/data/case-fong-2025.json");
    ldrt_patient_free(p);
    return 0;
}
