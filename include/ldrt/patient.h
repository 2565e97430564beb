/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/patient.h
 * @brief The patient record: patients, diagnoses, lesions, timeline queries
 *        and per-patient doses; includes the headers of its events
 *        (ldrt/event.h, ldrt/systemic.h, ldrt/course.h, ldrt/scan.h).
 */
#ifndef LDRT_PATIENT_H
#define LDRT_PATIENT_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/common.h"
#include "ldrt/dose.h"
#include "ldrt/lesion.h"
#include "ldrt/event.h"
#include "ldrt/systemic.h"
#include "ldrt/course.h"
#include "ldrt/scan.h"

/**
 * @defgroup patient Patient record
 * @brief One patient's clinical record behind opaque handles.
 *
 * **Ownership.** An ::ldrt_patient owns everything in it: its diagnoses,
 * lesions, events, the fractions of its radiotherapy courses and the
 * administrations and fractions generated from series and prescriptions.
 * Every child handle (::ldrt_event, ::ldrt_fraction, ::ldrt_lesion,
 * ::ldrt_diagnosis) is *borrowed*: it stays valid until the patient is freed
 * or the child (or the event that holds it) is removed or re-expanded, and it
 * is never freed by the caller (there is no child free function). This makes
 * a Python finalizer safe: only the patient is freed, once.
 * ldrt_patient_free(NULL) is a no-op.
 *
 * **Strings** returned as `const char *` are borrowed from the object that
 * holds them and live until that object is freed or the field is changed;
 * NULL means the field is absent. Strings passed in are copied.
 *
 * **Numbers** are read through out parameters: the function returns
 * #LDRT_OK and writes the value, or #LDRT_ENOTFOUND (the message names the
 * field) when the field is absent and leaves the out parameter unchanged.
 *
 * **Mutations** validate every argument first (doses > 0 and finite, grades
 * 1-5, known lesion ids, valid dates, an end not before its start, fractions
 * in order and within their course) and on failure return an error naming the
 * argument, leaving the patient exactly as it was.
 *
 * **Time order.** The events of a patient are kept in time order by the
 * date ordering rule of common.h (ldrt_date_compare(): earliest day first,
 * and for the same earliest day the less precise date first); events with
 * equal dates keep the order in which they were added (stable).
 *
 * **Series and prescriptions.** A systemic event with a repeat
 * (ldrt_systemic_set_repeat()) is a *series*: it expands into `count`
 * administrations `every_days` apart, readable with
 * ldrt_systemic_administration_at(); each administration links back to its
 * series (ldrt_event_parent()). A radiotherapy course with a prescription
 * (ldrt_course_set_prescription()) expands into its fractions (daily: one a
 * calendar day; weekdays: Monday to Friday; alternate days: every second
 * day), starting on the course date. When the start date is partial (a month
 * or a year) no day is invented: the k-th item is dated at the start's
 * precision by the earliest day it can fall on, and ldrt_event_span() /
 * ldrt_fraction_span() give every day it can fall on.
 *
 * **Threads.** Different patients may be used from different threads at
 * once. One patient may be read from several threads at once; changing it
 * needs exclusive access.
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/** @name Patient
 * @{ */
/**
 * Creates an empty patient record.
 * @param id   the patient identifier (`patient.id`), non-empty; copied.
 * @param out  receives the new patient, owned by the caller (free with
 *             ldrt_patient_free()); not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_new(const char *id, ldrt_patient **out);
/**
 * Frees a patient and everything it owns; every handle borrowed from it
 * becomes invalid.
 * @param patient a patient, or NULL (no-op).
 */
LDRT_API void ldrt_patient_free(ldrt_patient *patient);
/**
 * The patient identifier.
 * @param patient a patient.
 * @return the id (borrowed), or NULL for a NULL patient.
 */
LDRT_API const char *ldrt_patient_id(const ldrt_patient *patient);
/**
 * Changes the patient identifier.
 * @param patient  a patient.
 * @param id       the new id, non-empty; copied.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_set_id(ldrt_patient *patient, const char *id);
/**
 * The patient's sex as recorded (`patient.sex`).
 * @param patient a patient.
 * @return the text (borrowed), or NULL when absent.
 */
LDRT_API const char *ldrt_patient_sex(const ldrt_patient *patient);
/**
 * Sets or clears the patient's sex.
 * @param patient  a patient.
 * @param sex      free text (`"male"`, `"female"`, ...), copied; NULL clears it.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_set_sex(ldrt_patient *patient, const char *sex);
/**
 * The birth date (`patient.birth_date`), often only a year.
 * @param patient  a patient.
 * @param out      receives the date.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND when absent.
 */
LDRT_API int ldrt_patient_birth_date(const ldrt_patient *patient, ldrt_date *out);
/**
 * Sets or clears the birth date.
 * @param patient  a patient.
 * @param date     a valid date, or #LDRT_DATE_NONE to clear it.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_patient_set_birth_date(ldrt_patient *patient, ldrt_date date);
/** @} */

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
/** @} */

/** @name Diagnoses (the document's top-level `diagnoses`)
 * @{ */
/**
 * Adds a diagnosis.
 * @param patient    a patient.
 * @param date       its valid date (partial allowed).
 * @param condition  the condition (`"melanoma"`), non-empty; copied.
 * @param out        receives the borrowed diagnosis; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE (more than #LDRT_MAX_ITEMS) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_add_diagnosis(ldrt_patient *patient, ldrt_date date,
                                        const char *condition, ldrt_diagnosis **out);
/**
 * Number of diagnoses.
 * @param patient a patient (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_patient_diagnosis_count(const ldrt_patient *patient);
/**
 * One diagnosis, in the order they were added.
 * @param patient  a patient.
 * @param index    0 to count - 1.
 * @return the borrowed diagnosis, or NULL when out of range.
 */
LDRT_API const ldrt_diagnosis *ldrt_patient_diagnosis_at(const ldrt_patient *patient,
                                                         size_t index);
/**
 * One diagnosis, for change: ldrt_patient_diagnosis_at() of a patient the caller may change.
 * @param patient  a patient.
 * @param index    0 to count - 1.
 * @return the borrowed diagnosis, or NULL when out of range.
 */
LDRT_API ldrt_diagnosis *ldrt_patient_diagnosis_at_mut(ldrt_patient *patient, size_t index);
/**
 * Removes a diagnosis (its handle becomes invalid).
 * @param patient    a patient.
 * @param diagnosis  one of its diagnoses.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (not this patient's).
 */
LDRT_API int ldrt_patient_remove_diagnosis(ldrt_patient *patient, ldrt_diagnosis *diagnosis);
/**
 * The date of a diagnosis.
 * @param diagnosis a diagnosis.
 * @return its date, or #LDRT_DATE_NONE for NULL.
 */
LDRT_API ldrt_date ldrt_diagnosis_date(const ldrt_diagnosis *diagnosis);
/**
 * The condition of a diagnosis (`condition`).
 * @param diagnosis a diagnosis.
 * @return the text (borrowed), or NULL.
 */
LDRT_API const char *ldrt_diagnosis_condition(const ldrt_diagnosis *diagnosis);
/**
 * The site of a diagnosis (`site`).
 * @param diagnosis a diagnosis.
 * @return the text (borrowed), or NULL when absent.
 */
LDRT_API const char *ldrt_diagnosis_site(const ldrt_diagnosis *diagnosis);
/**
 * The stage of a diagnosis (`stage`, e.g. `"III"`).
 * @param diagnosis a diagnosis.
 * @return the text (borrowed), or NULL when absent.
 */
LDRT_API const char *ldrt_diagnosis_stage(const ldrt_diagnosis *diagnosis);
/**
 * Sets or clears the site of a diagnosis.
 * @param diagnosis  a diagnosis.
 * @param site       text, copied; NULL clears.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_diagnosis_set_site(ldrt_diagnosis *diagnosis, const char *site);
/**
 * Sets or clears the stage of a diagnosis.
 * @param diagnosis  a diagnosis.
 * @param stage      text, copied; NULL clears.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_diagnosis_set_stage(ldrt_diagnosis *diagnosis, const char *stage);
/**
 * Sets (adds or replaces) a marker of a diagnosis (`markers`: `{"BRAF": "negative"}`).
 * @param diagnosis  a diagnosis.
 * @param name       marker name, non-empty; copied.
 * @param value      marker value; copied; NULL removes the marker.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_diagnosis_set_marker(ldrt_diagnosis *diagnosis, const char *name,
                                       const char *value);
/**
 * Number of markers of a diagnosis.
 * @param diagnosis a diagnosis (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_diagnosis_marker_count(const ldrt_diagnosis *diagnosis);
/**
 * One marker, in the order they were set.
 * @param diagnosis  a diagnosis.
 * @param index      0 to count - 1.
 * @param name       receives the name (borrowed); may be NULL.
 * @param value      receives the value (borrowed); may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (index out of range).
 */
LDRT_API int ldrt_diagnosis_marker_at(const ldrt_diagnosis *diagnosis, size_t index,
                                      const char **name, const char **value);
/** @} */

/** @name Lesions
 * @{ */
/**
 * Adds a lesion.
 * @param patient  a patient.
 * @param id       its identifier, non-empty and unique among the lesions; copied.
 * @param out      receives the borrowed lesion; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (also for a duplicate id), #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_add_lesion(ldrt_patient *patient, const char *id, ldrt_lesion **out);
/**
 * Number of lesions.
 * @param patient a patient (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_patient_lesion_count(const ldrt_patient *patient);
/**
 * One lesion, in the order they were added.
 * @param patient  a patient.
 * @param index    0 to count - 1.
 * @return the borrowed lesion, or NULL when out of range.
 */
LDRT_API const ldrt_lesion *ldrt_patient_lesion_at(const ldrt_patient *patient, size_t index);
/**
 * One lesion, for change: ldrt_patient_lesion_at() of a patient the caller may change.
 * @param patient  a patient.
 * @param index    0 to count - 1.
 * @return the borrowed lesion, or NULL when out of range.
 */
LDRT_API ldrt_lesion *ldrt_patient_lesion_at_mut(ldrt_patient *patient, size_t index);
/**
 * Finds a lesion by id.
 * @param patient  a patient.
 * @param id       the lesion id.
 * @param out      receives the borrowed lesion; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_patient_find_lesion(const ldrt_patient *patient, const char *id,
                                      const ldrt_lesion **out);
/**
 * Finds a lesion by id, for change.
 * @param patient  a patient.
 * @param id       the lesion id.
 * @param out      receives the borrowed lesion; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_patient_find_lesion_mut(ldrt_patient *patient, const char *id,
                                          ldrt_lesion **out);
/**
 * Removes a lesion that no event refers to.
 * @param patient  a patient.
 * @param lesion   one of its lesions.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (not this patient's) or
 *         #LDRT_ESTATE (an event still names it; the message says which).
 */
LDRT_API int ldrt_patient_remove_lesion(ldrt_patient *patient, ldrt_lesion *lesion);
/**
 * The lesion id.
 * @param lesion a lesion.
 * @return the id (borrowed), or NULL for NULL.
 */
LDRT_API const char *ldrt_lesion_id(const ldrt_lesion *lesion);
/**
 * The lesion site (`site`, e.g. `"mesentery"`).
 * @param lesion a lesion.
 * @return the text (borrowed), or NULL when absent.
 */
LDRT_API const char *ldrt_lesion_site(const ldrt_lesion *lesion);
/**
 * The organ of the lesion (`organ`, e.g. `"peritoneum"`), used for the per-organ target limit.
 * @param lesion a lesion.
 * @return the text (borrowed), or NULL when absent.
 */
LDRT_API const char *ldrt_lesion_organ(const ldrt_lesion *lesion);
/**
 * Whether the lesion is a lymph node (`nodal`; measured by its short axis).
 * @param lesion  a lesion.
 * @param nodal   receives 1 or 0.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND when not recorded.
 */
LDRT_API int ldrt_lesion_nodal(const ldrt_lesion *lesion, int *nodal);
/**
 * The baseline category of the lesion.
 * @param lesion a lesion.
 * @return its ::ldrt_lesion_role: #LDRT_ROLE_TARGET, #LDRT_ROLE_NON_TARGET or
 *         #LDRT_ROLE_NEW (#LDRT_ROLE_NONE when absent or NULL).
 */
LDRT_API ldrt_lesion_role ldrt_lesion_category_of(const ldrt_lesion *lesion);
/**
 * Sets or clears the site of a lesion.
 * @param lesion  a lesion.
 * @param site    text, copied; NULL clears.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_lesion_set_site(ldrt_lesion *lesion, const char *site);
/**
 * Sets or clears the organ of a lesion.
 * @param lesion  a lesion.
 * @param organ   text, copied; NULL clears.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_lesion_set_organ(ldrt_lesion *lesion, const char *organ);
/**
 * Sets or clears whether a lesion is nodal.
 * @param lesion  a lesion.
 * @param nodal   1 (nodal), 0 (not nodal) or -1 (clear: not recorded).
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_lesion_set_nodal(ldrt_lesion *lesion, int nodal);
/**
 * Sets or clears the baseline category of a lesion.
 * @param lesion    a lesion.
 * @param category  #LDRT_ROLE_TARGET, #LDRT_ROLE_NON_TARGET or #LDRT_ROLE_NEW
 *                  (#LDRT_ROLE_NONE clears; the rows-only roles are refused).
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_lesion_set_category(ldrt_lesion *lesion, ldrt_lesion_role category);
/** @} */

/** @name Timeline queries
 * Arrays handed out here are owned by the caller (free with ldrt_free());
 * the handles in them are borrowed from the patient. An empty result gives
 * a NULL array and a count of 0.
 * @{ */
/**
 * Events in time order, filtered by kind and date range.
 * An event is in the range when the span of days it can fall on overlaps
 * [earliest(@p from), latest(@p to)]. Events of equal date keep their
 * recorded order; generated administrations follow their series' position.
 * @param patient  a patient.
 * @param kinds    a mask of LDRT_EVENT_BIT(kind), or #LDRT_EVENT_ALL.
 * @param from     first date of the range, or #LDRT_DATE_NONE (no lower bound).
 * @param to       last date of the range, or #LDRT_DATE_NONE (no upper bound).
 * @param flags    0, or #LDRT_EVENTS_EXPAND to list each series' administrations instead of the series.
 * @param out      receives the array; not NULL.
 * @param count    receives its length; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_events(const ldrt_patient *patient, unsigned kinds, ldrt_date from,
                                 ldrt_date to, unsigned flags, const ldrt_event ***out,
                                 size_t *count);
/**
 * The administrations of a drug (series expanded), in time order.
 * @param patient  a patient.
 * @param drug     the drug name (compared exactly).
 * @param out      receives the array; not NULL.
 * @param count    receives its length; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_drug_administrations(const ldrt_patient *patient, const char *drug,
                                               const ldrt_event ***out, size_t *count);
/**
 * First and last administration dates of a drug and how many there were.
 * @param patient  a patient.
 * @param drug     the drug name.
 * @param first    receives the date of the first administration; may be NULL.
 * @param last     receives the date of the last administration; may be NULL.
 * @param count    receives the number of administrations; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (never given) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_drug_summary(const ldrt_patient *patient, const char *drug,
                                       ldrt_date *first, ldrt_date *last, size_t *count);
/**
 * Cumulative dose of a drug over its administrations.
 * @param patient  a patient.
 * @param drug     the drug name.
 * @param dose     receives the sum of the doses, in @p unit.
 * @param unit     receives the common unit (borrowed); may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (never given, or an
 *         administration without a dose: the message gives its date),
 *         #LDRT_ESTATE (mixed units) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_drug_cumulative_dose(const ldrt_patient *patient, const char *drug,
                                               double *dose, const char **unit);
/**
 * Exposure duration of a drug: days from the first to the last
 * administration, as the smallest and largest value the (possibly partial)
 * dates allow. Two administrations of one series are exactly their offset
 * apart, even when the series starts on a partial date.
 * @param patient   a patient.
 * @param drug      the drug name.
 * @param min_days  receives the smallest duration (>= 0); may be NULL.
 * @param max_days  receives the largest duration; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_drug_exposure_days(const ldrt_patient *patient, const char *drug,
                                             int64_t *min_days, int64_t *max_days);
/**
 * Gaps in the administrations of a drug: each administration followed by
 * the next one more than @p longer_than_days later (for partial dates, when
 * even the shortest possible interval is longer; within one series the
 * interval is exact).
 * @param patient           a patient.
 * @param drug              the drug name.
 * @param longer_than_days  threshold in days, >= 0 (e.g. 1.5 times the cycle length).
 * @param out               receives the administrations that open a gap; not NULL.
 * @param count             receives the number of gaps; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_drug_gaps(const ldrt_patient *patient, const char *drug,
                                    int64_t longer_than_days, const ldrt_event ***out,
                                    size_t *count);
/**
 * Holds (holidays, discontinuations) that apply to a drug: those naming it
 * and those naming no drug.
 * @param patient  a patient.
 * @param drug     the drug name.
 * @param out      receives the hold events in time order; not NULL.
 * @param count    receives their number; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_drug_holds(const ldrt_patient *patient, const char *drug,
                                     const ldrt_event ***out, size_t *count);
/**
 * First and last fraction dates of a course.
 * @param course  a course with at least one fraction.
 * @param first   receives the first fraction's date; may be NULL.
 * @param last    receives the last fraction's date; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (no fractions).
 */
LDRT_API int ldrt_course_fraction_dates(const ldrt_course *course, ldrt_date *first,
                                        ldrt_date *last);
/**
 * Overall treatment time of a course: days from the first to the last
 * fraction (the T of the LQ repopulation correction; 0 for one fraction), as
 * the smallest and largest value the dates allow. A prescription fixes the
 * spacing, so a daily or alternate-days course has an exact time even from
 * a partial start date.
 * @param course    a course with at least one fraction.
 * @param min_days  receives the smallest value; may be NULL.
 * @param max_days  receives the largest value; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (no fractions).
 */
LDRT_API int ldrt_course_overall_days(const ldrt_course *course, int64_t *min_days,
                                      int64_t *max_days);
/**
 * Total physical dose of a course: the sum of its fraction doses.
 * @param course    a course.
 * @param total_gy  receives gray (0 for a course without fractions).
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_course_total_dose_gy(const ldrt_course *course, double *total_gy);
/**
 * Dose per fraction of a course.
 * @param course   a course with at least one fraction.
 * @param mean_gy  receives the mean dose per fraction in gray.
 * @param uniform  receives 1 when every fraction has the same dose, else 0; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (no fractions).
 */
LDRT_API int ldrt_course_dose_per_fraction_gy(const ldrt_course *course, double *mean_gy,
                                              int *uniform);
/**
 * The fractions that targeted a lesion (of every course naming it), in time order.
 * @param patient  a patient.
 * @param lesion   one of its lesions.
 * @param out      receives the array; not NULL.
 * @param count    receives its length; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_lesion_fractions(const ldrt_patient *patient,
                                           const ldrt_lesion *lesion, const ldrt_fraction ***out,
                                           size_t *count);
/**
 * The scans that assessed a lesion (a measurement, a SULpeak or a non-target
 * state of it), in time order.
 * @param patient  a patient.
 * @param lesion   one of its lesions.
 * @param out      receives the imaging events; not NULL.
 * @param count    receives their number; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_lesion_scans(const ldrt_patient *patient, const ldrt_lesion *lesion,
                                       const ldrt_scan ***out, size_t *count);
/** @} */


#ifdef __cplusplus
}
#endif

/** @} */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup course_dose Per-patient dose: courses, lesions, RadScopal, immunotherapy timing
 * @ingroup patient
 * @brief Doses of a patient's real courses and lesions: the radiobiology of
 *        ldrt/dose.h applied to the record (implemented by the model).
 *
 * A course is a radiotherapy ::ldrt_event of a patient; its fractions carry
 * their own doses and dates (listed, or expanded from a prescription). The
 * BED and EQD2 use the real fraction doses (ldrt_lq_bed_fractions()), so an
 * unequal course is handled exactly; the overall time comes from the
 * fraction dates (ldrt_course_overall_days()). A course's dose applies to
 * each lesion it targets.
 * @{
 */

/**
 * Physical dose, BED and EQD2 of one course from its fractions. Out
 * parameters may be NULL.
 *
 * @param course         a course with at least one fraction.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy (a preset's value: ldrt_tissue_info()).
 * @param total_gy       receives the physical dose in Gy.
 * @param bed_gy         receives the BED in Gy.
 * @param eqd2_gy        receives the EQD2 in Gy.
 * @return #LDRT_OK; #LDRT_EINVAL (NULL, not a radiotherapy event, bad alpha/beta);
 *         #LDRT_ENOTFOUND (no fractions).
 */
LDRT_API int ldrt_course_dose(const ldrt_course *course, double alpha_beta_gy, double *total_gy, double *bed_gy, double *eqd2_gy);

/**
 * BED of a course with the repopulation correction, its overall time taken
 * from the fraction dates. With partial dates the time is a range; the BED
 * range follows (a longer time gives the lower BED). Out parameters may be NULL.
 *
 * @param course         a course with at least one fraction.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param kickoff_days   Tk, >= 0 days.
 * @param alpha_per_gy   alpha, > 0 per Gy.
 * @param tpot_days      Tpot, > 0 days.
 * @param bed_min_gy     receives the BED for the longest possible overall time.
 * @param bed_max_gy     receives the BED for the shortest possible overall time.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (no fractions).
 */
LDRT_API int ldrt_course_bed_repop(const ldrt_course *course, double alpha_beta_gy, double kickoff_days, double alpha_per_gy, double tpot_days, double *bed_min_gy, double *bed_max_gy);

/**
 * Classifies a course from its fraction doses (ldrt_regimen_classify_fractions()).
 *
 * @param course   a course with at least one fraction.
 * @param regimen  receives an ::ldrt_regimen (may be NULL).
 * @param rules    receives the ::ldrt_regimen_rule mask (may be NULL).
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (no fractions).
 */
LDRT_API int ldrt_course_classify(const ldrt_course *course, ldrt_regimen *regimen, unsigned *rules);

/** How earlier courses count in a lesion's cumulative dose. */
typedef enum ldrt_recovery {
    LDRT_RECOVERY_NONE = 0,  /**< Every course counts in full. */
    LDRT_RECOVERY_FIXED = 1  /**< Each earlier course counts (1 - r), r of ldrt_reirr_recovery_fixed() for the time from its last fraction to the first fraction of the lesion's latest course (the shortest time the dates allow, so the least recovery). */
} ldrt_recovery;

/**
 * Cumulative dose of a lesion over every course that targets it. Out
 * parameters may be NULL.
 *
 * Physical dose and BED are summed over the courses; with recovery each
 * earlier course's BED and EQD2 are weighted by (1 - r) (the physical total
 * is never weighted).
 *
 * @param patient        a patient.
 * @param lesion         one of its lesions.
 * @param alpha_beta_gy  alpha/beta, > 0 Gy.
 * @param recovery       an ::ldrt_recovery.
 * @param total_gy       receives the physical dose in Gy (0 when no course targets it).
 * @param bed_gy         receives the cumulative BED in Gy.
 * @param eqd2_gy        receives the cumulative EQD2 in Gy.
 * @param courses        receives the number of courses that target the lesion.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (lesion not of this patient) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_lesion_dose(const ldrt_patient *patient, const ldrt_lesion *lesion, double alpha_beta_gy, ldrt_recovery recovery, double *total_gy, double *bed_gy, double *eqd2_gy, size_t *courses);

/**
 * Finds RadScopal patterns: a high-dose course (class #LDRT_REGIMEN_SBRT or
 * #LDRT_REGIMEN_HYPOFRACTIONATED) to some lesions and a low-dose course
 * (#LDRT_REGIMEN_LOW_DOSE) to other lesions (no target in common), the two
 * courses at most @p window_days apart (the shortest time between their
 * fraction spans that the dates allow; 0 when they overlap).
 * Source of the pattern: the MD Anderson RadScopal technique (Welsh lab;
 * review in Immuno 2023;3(1):74-85, doi 10.3390/immuno3010006). No published
 * window between the two courses has been confirmed, so the caller chooses it.
 *
 * @param patient      a patient.
 * @param window_days  largest gap between the courses, >= 0 days.
 * @param high         receives the high-dose course of each pair (owned by the caller, ldrt_free()); not NULL.
 * @param low          receives the low-dose course of each pair (owned by the caller, ldrt_free()); not NULL.
 * @param pairs        receives the number of pairs; not NULL. With 0 pairs both arrays are NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_radscopal(const ldrt_patient *patient, int64_t window_days, const ldrt_course ***high, const ldrt_course ***low, size_t *pairs);

/**
 * Default window in days for concurrent radiotherapy and immunotherapy: 90.
 * Source: Anscher MS et al., JAMA Oncol 2022;8(2):232-240,
 * doi 10.1001/jamaoncol.2021.6439 (radiotherapy within 90 days of a checkpoint
 * inhibitor; "the interval for manifestation of acute radiation-related injuries").
 */
#define LDRT_ICI_WINDOW_DAYS 90

/** Timing of a drug against a radiotherapy course. */
typedef enum ldrt_drug_timing {
    LDRT_TIMING_NOT_GIVEN = 0,       /**< The drug was never given. */
    LDRT_TIMING_CONCURRENT = 1,      /**< An administration falls within the window of the course (or during it). */
    LDRT_TIMING_BEFORE = 2,          /**< Sequential: given only more than the window before the course. */
    LDRT_TIMING_AFTER = 3,           /**< Sequential: given only more than the window after the course. */
    LDRT_TIMING_BEFORE_AND_AFTER = 4 /**< Given before and after, but none within the window. */
} ldrt_drug_timing;

/**
 * Tells whether a drug is an immune checkpoint inhibitor: atezolizumab,
 * avelumab, cemiplimab, durvalumab, ipilimumab, nivolumab or pembrolizumab
 * (the inhibitors of Anscher et al., JAMA Oncol 2022), compared
 * case-insensitively.
 *
 * @param drug  a drug name; NULL gives 0.
 * @return 1 or 0.
 */
LDRT_API int ldrt_drug_is_checkpoint_inhibitor(const char *drug);

/**
 * Days between a course and the administrations of a drug, and their timing.
 *
 * The previous administration is the closest one that ends before the
 * course's first fraction; the next, the closest that starts after its last
 * fraction; one that can fall during the course counts as both, at 0 days.
 * Days are the shortest the (possibly partial) dates allow. Out parameters
 * may be NULL.
 *
 * @param patient              a patient.
 * @param course               one of its courses, with at least one fraction.
 * @param drug                 the drug name (compared exactly, as in the record); not NULL.
 * @param window_days          window, >= 0 days (#LDRT_ICI_WINDOW_DAYS by default).
 * @param days_since_previous  receives the days from the previous administration to the first fraction, or -1 when none.
 * @param days_until_next      receives the days from the last fraction to the next administration, or -1 when none.
 * @param timing               receives an ::ldrt_drug_timing.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (no fractions) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_course_drug_timing(const ldrt_patient *patient, const ldrt_course *course, const char *drug, int64_t window_days, int64_t *days_since_previous, int64_t *days_until_next, ldrt_drug_timing *timing);

/**
 * The timing of a drug against a course with both bounds the (possibly
 * partial) dates allow.
 *
 * The nearest distance is the number of days between the course (its first
 * to its last fraction) and the administration closest to it, 0 when one can
 * fall during the course. With month-level dates it is a range:
 * `*nearest_min` is the shortest the dates allow, `*nearest_max` the longest
 * (both -1 when the drug was never given; equal when every date is exact).
 * The drug is concurrent when an administration falls within the window of
 * the course, as for ldrt_course_drug_timing(); when that depends on where
 * in the ranges the true days lie (`*nearest_min` within the window,
 * `*nearest_max` beyond it), `*timing` is #LDRT_TIMING_CONCURRENT and
 * `*certain` is 0: "possibly concurrent". A sequential class (before,
 * after, before and after) is always certain. Out parameters may be NULL.
 *
 * A series whose dates are not recorded (ldrt_systemic_dates_known() 0)
 * counts as doses that may fall on any day of its span
 * (ldrt_systemic_series_days()): 0 days when the course lies in the span,
 * and at most its planned interval when the course lies where a dose came
 * every `every_days` (after the latest start, before the earliest end).
 *
 * @param patient      a patient.
 * @param course       one of its courses, with at least one fraction.
 * @param drug         the drug name (compared exactly, as in the record); not NULL.
 * @param window_days  window, >= 0 days (#LDRT_ICI_WINDOW_DAYS by default).
 * @param nearest_min  receives the shortest nearest distance in days, or -1.
 * @param nearest_max  receives the longest nearest distance in days, or -1.
 * @param timing       receives the timing: concurrent when it can be.
 * @param certain      receives 1 when the timing holds wherever in their ranges the dates lie, else 0.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (no fractions) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_course_drug_timing_range(const ldrt_patient *patient, const ldrt_course *course, const char *drug, int64_t window_days, int64_t *nearest_min, int64_t *nearest_max, ldrt_drug_timing *timing, int *certain);

/**
 * Names a drug timing: "not-given", "concurrent", "before", "after", "before-and-after".
 *
 * @param timing  an ::ldrt_drug_timing.
 * @return a static string, or NULL for an unknown value.
 */
LDRT_API const char *ldrt_drug_timing_name(ldrt_drug_timing timing);
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LDRT_PATIENT_H */
