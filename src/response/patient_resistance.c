/*
 * Per-patient SITC resistance from the patient's drug administrations
 * (ldrt_patient_resistance()).
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt/patient.h"
#include "response_internal.h"
#include "patient_internal.h"

/* ---- resistance from the record ------------------------------------------------- */

int ldrt_patient_resistance(const ldrt_patient *patient, const char *drug, ldrt_date line_start,
                            const ldrt_assessment *assessment,
                            const ldrt_response_options *options, ldrt_resistance_result **out)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(drug);
    LDRT__CHECK_NOT_NULL(out);
    if (line_start != LDRT_DATE_NONE && ldrt_date_validate(line_start) != LDRT_OK)
        return ldrt__error(LDRT_EINVAL, "line_start: not a valid date (%d)", line_start);
    ldrt_criteria crit = 0;
    if (assessment) {
        ldrt_assessment_criteria(assessment, &crit);
        if (crit == LDRT_CRITERIA_PERCIST10)
            return ldrt__error(LDRT_EINVAL, "assessment: SITC resistance needs RECIST 1.1 or iRECIST responses");
    }
    const ldrt_event **adm = NULL, **ev = NULL, **holds = NULL, **lines = NULL;
    size_t n_adm = 0, n_ev = 0, n_holds = 0, n_lines = 0;
    cuts_t cuts = { 0 };
    ldrt_date *dates = NULL;
    int32_t *labels = NULL;
    int rc = ldrt_patient_drug_administrations(patient, drug, &adm, &n_adm);
    if (rc == LDRT_OK)
        rc = ldrt_patient_events(patient,
                                 LDRT_EVENT_BIT(LDRT_EVENT_PROGRESSION) |
                                     LDRT_EVENT_BIT(LDRT_EVENT_RECURRENCE),
                                 LDRT_DATE_NONE, LDRT_DATE_NONE, 0, &ev, &n_ev);
    if (rc == LDRT_OK)
        rc = ldrt_patient_drug_holds(patient, drug, &holds, &n_holds);
    if (rc != LDRT_OK)
        goto done;
    ldrt_date first = LDRT_DATE_NONE;
    for (size_t i = 0; i < n_adm; i++) {
        ldrt_date d = ldrt_event_date(adm[i]);
        if (line_start == LDRT_DATE_NONE || d >= line_start) {
            first = d;
            break;
        }
    }
    /* Responses on or after the first dose: the assessment's time points
     * and the record's progression and recurrence events (as PD). */
    size_t m = 0;
    if ((rc = ldrt__pt_merge_responses(assessment, crit, ev, n_ev, first, INT64_MAX, &dates, &labels,
                              &m)) != LDRT_OK)
        goto done;
    /* Last dose: the last administration before progression when a hold of
     * the drug follows it (else treatment continued). */
    ldrt_date last = LDRT_DATE_NONE;
    ldrt_date pd_date = LDRT_DATE_NONE;
    for (size_t i = 0; i < m; i++)
        if (labels[i] == LDRT_RESPONSE_PD || labels[i] == LDRT_RESPONSE_IUPD ||
            labels[i] == LDRT_RESPONSE_ICPD) {
            pd_date = dates[i];
            break;
        }
    if (first != LDRT_DATE_NONE && pd_date != LDRT_DATE_NONE) {
        ldrt_date last_adm = LDRT_DATE_NONE;
        for (size_t i = 0; i < n_adm; i++) {
            ldrt_date d = ldrt_event_date(adm[i]);
            if (d >= first && d < pd_date)
                last_adm = d;
        }
        for (size_t i = 0; i < n_holds && last_adm != LDRT_DATE_NONE; i++) {
            ldrt_date h = ldrt_event_date(holds[i]);
            if (h >= last_adm && h <= pd_date)
                last = last_adm;
        }
    }
    /* The line that holds the first dose: its setting, and the other
     * treatments that bound the confirmation window. */
    int setting = LDRT_LINE_ADVANCED;
    if (first != LDRT_DATE_NONE) {
        if ((rc = ldrt__pt_find_lines(patient, &lines, &n_lines)) != LDRT_OK)
            goto done;
        const ldrt_event *mine = NULL;
        for (size_t i = 0; i < n_lines; i++)
            if (ldrt__pt_lo_day(ldrt_event_date(lines[i])) <= ldrt__pt_lo_day(first) &&
                ldrt_systemic_gives_drug(ldrt_event_as_systemic(lines[i]), drug) == 1)
                mine = lines[i];
        if (mine)
            setting = ldrt__pt_line_setting(mine);
        if ((rc = ldrt__pt_collect_cuts(patient, lines, n_lines, mine, &cuts)) != LDRT_OK)
            goto done;
    }
    rc = ldrt__resistance_classify(options, setting, first, last, m, dates, labels, cuts.n,
                                   cuts.dates, (const char *const *)cuts.names, NULL, out);
done:
    ldrt__pt_cuts_free(&cuts);
    ldrt_free(lines);
    ldrt_free(adm);
    ldrt_free(ev);
    ldrt_free(holds);
    ldrt__free(dates);
    ldrt__free(labels);
    return rc;
}
