/*
 * Dose equivalence of the seed case (Fong, Ho & So, Front Oncol 2025): the
 * EQD2 of its SBRT and low-dose courses at alpha/beta 10, 3 and the melanoma
 * preset, their regimen classes, and plain LQ next to the induced-repair
 * model for sub-gray fractions.
 *
 *   cd examples && ../build/examples/dose_seed_case
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "ldrt.h"

static int check(int rc)
{
    if (rc != LDRT_OK) fprintf(stderr, "dose_seed_case: %s\n", ldrt_last_error());
    return rc;
}

int main(void)
{
    ldrt_patient *p = NULL;
    if (check(ldrt_patient_load_json("data/case-fong-2025.json", &p))) return 1;

    size_t mel_index;
    double melanoma;
    if (check(ldrt_tissue_find("melanoma", &mel_index)) ||
        check(ldrt_tissue_info(mel_index, NULL, &melanoma, NULL, NULL, NULL, NULL))) {
        ldrt_patient_free(p);
        return 1;
    }

    const char *courses[] = { "SBRT-2022", "LXRT-2023" };
    for (int i = 0; i < 2; i++) {
        const ldrt_course *course;
        double total, eqd10, eqd3, eqd_mel;
        ldrt_regimen regimen;
        if (check(ldrt_patient_find_course(p, courses[i], &course)) ||
            check(ldrt_course_dose(course, 10, &total, NULL, &eqd10)) ||
            check(ldrt_course_dose(course, 3, NULL, NULL, &eqd3)) ||
            check(ldrt_course_dose(course, melanoma, NULL, NULL, &eqd_mel)) ||
            check(ldrt_course_classify(course, &regimen, NULL))) {
            ldrt_patient_free(p);
            return 1;
        }
        printf("%-10s %5.1f Gy in %zu fractions: %-12s EQD2 %6.2f (a/b 10) %6.2f (a/b 3) "
               "%6.2f (melanoma, a/b %g)\n", courses[i], total, ldrt_course_fraction_count(course),
               ldrt_regimen_name(regimen), eqd10, eqd3, eqd_mel, melanoma);
    }
    ldrt_patient_free(p);

    /* Below 1 Gy per fraction LQ and induced repair disagree: report both. */
    double lq, hrs;
    if (check(ldrt_lq_bed(2.0, 4, 10, &lq)) || check(ldrt_hrs_bed(2.0, 4, 10, 3.0, 0.25, &hrs)))
        return 1;
    printf("2 Gy as 4 x 0.5 Gy, a/b 10: BED %.2f Gy (LQ), %.2f Gy (induced repair)\n", lq, hrs);
    return 0;
}
