/* temporary: moves into the patient header once it is split */
#ifndef LDRT_PENDING_RECORD_H
#define LDRT_PENDING_RECORD_H
#include "ldrt/patient.h"

/** @name Vital status and follow-up
 * `patient.death_date`, `patient.death_cause` and `patient.last_contact`
 * (the date last known alive), and the events flagged `new_therapy`.
 *
 * Date rules, with partial dates compared by the days they can mean (a date
 * is before another only when every day it can mean is): the death date is
 * not before the birth date, the last contact or any event (the
 * administrations of a series and the fractions of a course included); the
 * last contact is not before the birth date nor after the death; a cause of
 * death needs a death date. The setters refuse what breaks a rule against
 * what the record already holds; ldrt_patient_check_dates() checks the whole
 * record (ldrt_patient_load_json() does, once the events are in). A last
 * contact before the last recorded event is allowed: the patient was seen
 * alive then, so ldrt_patient_last_known_alive() takes the later date, and
 * ldrt_patient_assess() warns.
 * @{ */
/**
 * The date of death (`patient.death_date`), often partial (`"2024-03"`).
 * @param patient  a patient.
 * @param out      receives the date.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND when not recorded (alive, or unknown).
 */
LDRT_API int ldrt_patient_death_date(const ldrt_patient *patient, ldrt_date *out);
/**
 * Sets or clears the date of death.
 * @param patient  a patient.
 * @param date     a valid date not before the birth date, the last contact or
 *                 any event of the record; or #LDRT_DATE_NONE to clear it (refused
 *                 while a cause of death is recorded).
 * @return #LDRT_OK or #LDRT_EINVAL (the message names the date it conflicts with); nothing changed on failure.
 */
LDRT_API int ldrt_patient_set_death_date(ldrt_patient *patient, ldrt_date date);
/**
 * The cause of death as recorded (`patient.death_cause`, free text).
 * @param patient a patient.
 * @return the text (borrowed), or NULL when absent.
 */
LDRT_API const char *ldrt_patient_death_cause(const ldrt_patient *patient);
/**
 * Sets or clears the cause of death.
 * @param patient  a patient with a death date.
 * @param cause    free text (`"progressive melanoma"`), copied, at most
 *                 #LDRT_JSON_MAX_STRING bytes of UTF-8; NULL clears it.
 * @return #LDRT_OK, #LDRT_EINVAL (no death date, empty or bad text), #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_set_death_cause(ldrt_patient *patient, const char *cause);
/**
 * The date the patient was last known alive as recorded (`patient.last_contact`).
 * @param patient  a patient.
 * @param out      receives the date.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND when not recorded.
 */
LDRT_API int ldrt_patient_last_contact(const ldrt_patient *patient, ldrt_date *out);
/**
 * Sets or clears the date last known alive.
 * @param patient  a patient.
 * @param date     a valid date, not before the birth date nor after the death
 *                 date; or #LDRT_DATE_NONE to clear it.
 * @return #LDRT_OK or #LDRT_EINVAL; nothing changed on failure.
 */
LDRT_API int ldrt_patient_set_last_contact(ldrt_patient *patient, ldrt_date date);
/**
 * The date the patient was last known alive: the later of `last_contact` and
 * the date of the last event that shows the patient alive (every event but a
 * note), as written (a partial date stays partial).
 * @param patient  a patient.
 * @param out      receives the date.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (no last contact and no such event).
 */
LDRT_API int ldrt_patient_last_known_alive(const ldrt_patient *patient, ldrt_date *out);
/**
 * Checks the vital-status dates of a whole record against its other dates
 * (the rules above).
 * @param patient  a patient.
 * @return #LDRT_OK, or #LDRT_EINVAL with a message naming the field and the
 *         date it conflicts with (`death_date: 2023-05 is before the imaging of 2023-07-21`).
 */
LDRT_API int ldrt_patient_check_dates(const ldrt_patient *patient);
/**
 * Whether a systemic, radiotherapy or surgery event starts a new anticancer
 * therapy (`"new_therapy": true`, the next line of treatment), where the
 * tumour endpoints of ldrt_patient_assess() are censored. An administration
 * of a series reads its series' flag.
 * @param event  an event.
 * @param flag   receives 1 or 0.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_event_new_therapy(const ldrt_event *event, int *flag);
/**
 * Flags a systemic, radiotherapy or surgery event as the start of a new
 * anticancer therapy (1) or says it is not (0).
 * @param event  a recorded systemic, radiotherapy or surgery event.
 * @param flag   1 or 0.
 * @return #LDRT_OK or #LDRT_EINVAL (another kind, a generated administration, another value).
 */
LDRT_API int ldrt_event_set_new_therapy(ldrt_event *event, int flag);
/** @} */
#endif
