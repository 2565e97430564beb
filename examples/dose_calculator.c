/*
 * dose_calculator: biological dose equivalence of a radiotherapy schedule,
 * with no patient at all (the dose functions are pure).
 *
 *   dose_calculator                    the seed case's two courses
 *   dose_calculator 10 5               10 Gy in 5 fractions, every preset
 *   dose_calculator 24 3 melanoma      one preset by name
 *
 * For each schedule it prints the BED and the EQD2 for the alpha/beta of
 * each tissue preset (EQD2 is the total dose in 2 Gy fractions that has the
 * same effect), the regimen class and the published rules it meets.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldrt.h>

static int show(double total_gy, double fractions, const char *only)
{
    ldrt_regimen regimen;
    unsigned rules;
    if (ldrt_regimen_classify(total_gy, fractions, &regimen, &rules) != LDRT_OK) {
        fprintf(stderr, "dose_calculator: %s\n", ldrt_last_error());
        return 1;
    }
    printf("%g Gy in %g fractions (%g Gy per fraction)\n", total_gy, fractions,
           total_gy / fractions);
    printf("  class: %s\n", ldrt_regimen_name(regimen));
    for (unsigned bit = 1; bit && bit <= rules; bit <<= 1)
        if (rules & bit)
            printf("    meets: %s\n", ldrt_regimen_rule_source(bit));
    printf("  %-20s %9s %9s %9s\n", "tissue", "a/b (Gy)", "BED (Gy)", "EQD2 (Gy)");
    int shown = 0;
    for (size_t i = 0; i < ldrt_tissue_count(); i++) {
        const char *name, *citation;
        double ab, bed, eqd2;
        int verified;
        if (ldrt_tissue_info(i, &name, &ab, NULL, NULL, &citation, &verified) != LDRT_OK)
            return 1;
        if (only && strcmp(only, name) != 0)
            continue;
        if (ldrt_lq_bed(total_gy, fractions, ab, &bed) != LDRT_OK ||
            ldrt_lq_eqd2(total_gy, fractions, ab, &eqd2) != LDRT_OK) {
            fprintf(stderr, "dose_calculator: %s\n", ldrt_last_error());
            return 1;
        }
        printf("  %-20s %9.2f %9.2f %9.2f%s\n", name, ab, bed, eqd2,
               verified ? "" : "  (alpha/beta unverified)");
        if (only)
            printf("    source: %s\n", citation);
        shown++;
    }
    if (only && !shown) {
        fprintf(stderr, "dose_calculator: no tissue preset named '%s'\n", only);
        return 1;
    }
    printf("\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 1) {
        /* Fong, Ho & So 2025: SBRT 40 Gy in 5 fractions (May 2022) and
         * low-dose radiotherapy 10 Gy in 5 fractions (July 2023). */
        return show(40, 5, NULL) || show(10, 5, NULL);
    }
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: dose_calculator [TOTAL_GY FRACTIONS [TISSUE]]\n");
        return 2;
    }
    char *end1, *end2;
    double total = strtod(argv[1], &end1), n = strtod(argv[2], &end2);
    if (*end1 || *end2) {
        fprintf(stderr, "dose_calculator: TOTAL_GY and FRACTIONS must be numbers\n");
        return 2;
    }
    return show(total, n, argc == 4 ? argv[3] : NULL);
}
