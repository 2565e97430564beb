/*
 * The follow-up of a patient's assessment from the record: the death, the
 * date last known alive and the start of a new anticancer therapy
 * (ldrt_assessment_set_follow_up() has the rules).
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>

#include "../model/model.h"
#include "response_internal.h"

int ldrt__assess_follow_up(const ldrt_patient *p, ldrt_assessment *a)
{
    int64_t ref_lo, lo, hi;
    const ldrt_event *last_event = NULL;
    ldrt_date alive = LDRT_DATE_NONE, therapy = LDRT_DATE_NONE;
    if (ldrt__last_known_alive(p, &lo, &hi, &last_event))
        alive = last_event ? last_event->date : p->last_contact;
    if (ldrt__assessment_reference(a, &ref_lo)) {
        const ldrt_event *e = ldrt__new_therapy_after(p, ref_lo);
        if (e)
            therapy = e->date;
    }
    int rc = ldrt_assessment_set_follow_up(a, p->death_date, alive, therapy);
    if (rc)
        return rc;
    if (p->last_contact != LDRT_DATE_NONE && last_event) {
        int64_t clo, chi;
        ldrt__date_span(p->last_contact, &clo, &chi);
        if (chi < last_event->lo) {
            char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
            if (ldrt_date_format(p->last_contact, d1, sizeof d1) != LDRT_OK)
                snprintf(d1, sizeof d1, "?");
            if (ldrt_date_format(last_event->date, d2, sizeof d2) != LDRT_OK)
                snprintf(d2, sizeof d2, "?");
            rc = ldrt__assessment_warn(a, "patient.last_contact: %s is before the %s of %s; the "
                                          "patient was last known alive on %s (overall survival "
                                          "is censored there)",
                                       d1, ldrt_event_kind_name(last_event->kind), d2, d2);
        }
    }
    return rc;
}
