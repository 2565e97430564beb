/*
 * Tumour response of the seed case (Fong, Ho and So, Front Oncol 2025): the
 * mesenteric nodule after low-dose radiotherapy by RECIST 1.1, its response to
 * the course, and what the record says about pembrolizumab resistance.
 *
 *   cd examples && ../build/examples/response_seed [data/case-fong-2025.json]
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "ldrt.h"

static int fail(const char *what)
{
    fprintf(stderr, "response_seed: %s: %s\n", what, ldrt_last_error());
    return 1;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "data/case-fong-2025.json";
    ldrt_patient *p = NULL;
    if (ldrt_patient_load_json(path, &p) != LDRT_OK)
        return fail(path);

    /* 1. RECIST 1.1 from the measurements, baselined on the July 2023 scan. */
    ldrt_assessment *a = NULL;
    char *table = NULL;
    if (ldrt_patient_assess(p, LDRT_CRITERIA_RECIST11, NULL, &a) != LDRT_OK ||
        ldrt_assessment_render(a, LDRT_TIMELINE_TEXT, &table, NULL) != LDRT_OK)
        return fail("assess");
    fputs(table, stdout);
    ldrt_free(table);

    /* 2. The lesions against the low-dose course: in field or out of field. */
    const ldrt_course *course = NULL;
    ldrt_course_response *cr = NULL;
    if (ldrt_patient_find_course(p, "LXRT-2023", &course) != LDRT_OK ||
        ldrt_patient_course_response(p, course, NULL, &cr) != LDRT_OK)
        return fail("course LXRT-2023");
    printf("\nCourse LXRT-2023 (10 Gy in 5 fractions, 21-26 July 2023):\n");
    for (size_t i = 0; i < ldrt_course_response_count(cr); i++) {
        const ldrt_lesion *l;
        int in_field, responded;
        double before, best, pct;
        int64_t days;
        ldrt_course_response_lesion(cr, i, &l, &in_field, &before, &best, &pct, &responded, &days);
        printf("  %s (%s): %.1f mm before, best %.1f mm (%+.1f%%)", ldrt_lesion_id(l),
               in_field ? "in field" : "out of field", before, best, pct);
        if (responded)
            printf(", >= 30%% smaller %lld days after the last fraction", (long long)days);
        printf("\n");
    }
    size_t n_abscopal = ldrt_course_response_abscopal_count(cr);
    int local = 0, out_of_field = 0;
    for (size_t i = 0; i < ldrt_course_response_count(cr); i++) {
        int in_field, responded;
        ldrt_course_response_lesion(cr, i, NULL, &in_field, NULL, NULL, NULL, &responded, NULL);
        local |= in_field && responded;
        out_of_field |= !in_field;
    }
    printf("  abscopal responses (out-of-field lesions >= 30%% smaller): %zu\n", n_abscopal);
    ldrt_course_response_free(cr);

    /* 3. SITC resistance per line of therapy: drugs given together are one
     * line; the adjuvant nivolumab is outside the advanced-disease
     * definitions. */
    const ldrt_systemic **lines = NULL;
    size_t n_lines = 0;
    if (ldrt_patient_therapy_lines(p, &lines, &n_lines) != LDRT_OK)
        return fail("lines");
    printf("\nResistance by line of therapy (SITC, Kluger et al. 2020):\n");
    int rechallenge = -1;
    ldrt_response best = 0;
    const char *missing = "";
    ldrt_resistance_result *last = NULL;
    ldrt_assessment_best(a, 1, &best);
    for (size_t i = 0; i < n_lines; i++) {
        ldrt_resistance_result *r = NULL;
        ldrt_resistance cat;
        char from[LDRT_DATE_BUFSIZE];
        if (ldrt_patient_line_resistance(p, lines[i], a, NULL, &r) != LDRT_OK)
            return fail("resistance");
        ldrt_resistance_category(r, &cat);
        ldrt_date_format(ldrt_event_date(ldrt_systemic_as_event(lines[i])), from, sizeof from);
        printf("  line from %s (", from);
        for (size_t k = 0; k < ldrt_systemic_agent_count(lines[i]); k++)
            printf("%s%s", k ? " + " : "", ldrt_systemic_agent_drug(lines[i], k));
        printf("): %s: %s", ldrt_resistance_name(cat), ldrt_resistance_reason(r));
        if (*ldrt_resistance_missing(r))
            printf(" (missing: %s)", ldrt_resistance_missing(r));
        printf("\n");
        rechallenge = cat;
        ldrt_resistance_result_free(last);
        last = r;
        missing = ldrt_resistance_missing(r);
    }
    ldrt_free(lines);
    /* What the data support after the rechallenge (the last line). */
    printf("\nAfter the 2023 rechallenge: ");
    if (rechallenge == LDRT_RESISTANCE_NONE)
        printf("the progression was not confirmed by SITC's rule, so primary\n"
               "resistance is not established; ");
    else if (rechallenge == LDRT_RESISTANCE_INSUFFICIENT)
        printf("the record cannot establish SITC resistance (missing: %s): the\n"
               "response after the low-dose course neither confirms nor refutes the July\n"
               "progression; ", missing);
    else
        printf("SITC category \"%s\"; ", ldrt_resistance_name(rechallenge));
    printf("the best confirmed response after the low-dose course\nis %s", ldrt_response_label_name(best));
    if (local)
        printf(", with the irradiated nodule responding in field");
    if (!out_of_field)
        printf("; no out-of-field lesion was measured, so an abscopal effect cannot be assessed");
    else
        printf("; %zu out-of-field lesion(s) responded (abscopal)", n_abscopal);
    printf(".\n");
    ldrt_resistance_result_free(last);
    ldrt_assessment_free(a);
    ldrt_patient_free(p);
    return 0;
}
