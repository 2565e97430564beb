/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/patient.h
 * @brief The patient record: patients, events, fractions, lesions, diagnoses,
 *        and timeline queries.
 */
#ifndef LDRT_PATIENT_H
#define LDRT_PATIENT_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/common.h"
#include "ldrt/lesion.h"

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

/** A diagnosis of the document's top-level `diagnoses` list (borrowed from its patient). */
typedef struct ldrt_diagnosis ldrt_diagnosis;
/** @cond LDRT_INTERNAL */
typedef struct ldrt_patient ldrt_patient;
typedef struct ldrt_event ldrt_event;
typedef struct ldrt_fraction ldrt_fraction;
typedef struct ldrt_lesion ldrt_lesion;
typedef struct ldrt_course ldrt_course;
typedef struct ldrt_scan ldrt_scan;
typedef struct ldrt_systemic ldrt_systemic;
/** @endcond */

/* The limits (LDRT_MAX_EVENTS, LDRT_MAX_ITEMS, ...) are in ldrt/limits.h. */

/** The kind of an event (the `type` of the document). Values are stable. */
typedef enum ldrt_event_kind {
    LDRT_EVENT_DIAGNOSIS = 1,    /**< `"diagnosis"`: site, detail. */
    LDRT_EVENT_RECURRENCE = 2,   /**< `"recurrence"`: site, detail. */
    LDRT_EVENT_PROGRESSION = 3,  /**< `"progression"`: site, detail. */
    LDRT_EVENT_SURGERY = 4,      /**< `"surgery"`: procedure, site, pathology, removed lesions. */
    LDRT_EVENT_SYSTEMIC = 5,     /**< `"systemic"`: agents, regimen, cycle, intent, repeat. */
    LDRT_EVENT_RADIOTHERAPY = 6, /**< `"radiotherapy"`: one course with its fractions. */
    LDRT_EVENT_IMAGING = 7,      /**< `"imaging"`: a scan with its measurements. */
    LDRT_EVENT_TOXICITY = 8,     /**< `"toxicity"`: CTCAE term, grade, attribution, resolution. */
    LDRT_EVENT_HOLD = 9,         /**< `"hold"`: a drug holiday or discontinuation. */
    LDRT_EVENT_NOTE = 10         /**< `"note"`: free text. */
} ldrt_event_kind;

/** The bit of one event kind in a kinds mask (ldrt_patient_events()). */
#define LDRT_EVENT_BIT(kind) (1u << (unsigned)(kind))
/** A kinds mask that selects every kind. */
#define LDRT_EVENT_ALL 0xFFFFFFFFu

/** The text fields of an event (ldrt_event_text()). Values are stable. */
typedef enum ldrt_event_field {
    LDRT_FIELD_ID = 1,           /**< `id`: unique among the patient's events; any kind. */
    LDRT_FIELD_NOTE = 2,         /**< `note`: free text; any kind. */
    LDRT_FIELD_SITE = 3,         /**< `site`: diagnosis, recurrence, progression, surgery, radiotherapy. */
    LDRT_FIELD_DETAIL = 4,       /**< `detail`: diagnosis, recurrence, progression. */
    LDRT_FIELD_PROCEDURE = 5,    /**< `procedure`: surgery. */
    LDRT_FIELD_PATHOLOGY = 6,    /**< `pathology`: surgery. */
    LDRT_FIELD_REGIMEN = 7,      /**< `regimen`: systemic. */
    LDRT_FIELD_INTENT = 8,       /**< `intent`: systemic, radiotherapy. */
    LDRT_FIELD_COURSE_ID = 9,    /**< `course_id`: radiotherapy; unique among courses. */
    LDRT_FIELD_TECHNIQUE = 10,   /**< `technique`: radiotherapy (`"SBRT"`, `"IMRT"`, ...). */
    LDRT_FIELD_MODALITY = 11,    /**< `modality`: radiotherapy (`"photon"`), imaging (`"CT"`, `"PET/CT"`). */
    LDRT_FIELD_TERM = 12,        /**< `term`: toxicity (CTCAE term). */
    LDRT_FIELD_ATTRIBUTION = 13, /**< `attribution`: toxicity (`"immunotherapy"`, `"radiotherapy"`). */
    LDRT_FIELD_REASON = 14       /**< `reason`: hold. */
} ldrt_event_field;

/** The kind of a hold event (`kind`). */
typedef enum ldrt_hold_kind {
    LDRT_HOLD_HOLIDAY = 1,       /**< `"holiday"`: a pause. */
    LDRT_HOLD_DISCONTINUED = 2   /**< `"discontinued"`: the drug was stopped. */
} ldrt_hold_kind;

/** The schedule of a prescription (`schedule`). */
typedef enum ldrt_schedule {
    LDRT_SCHEDULE_DAILY = 1,          /**< `"daily"`: one fraction each calendar day. */
    LDRT_SCHEDULE_WEEKDAYS = 2,       /**< `"weekdays"`: Monday to Friday. */
    LDRT_SCHEDULE_ALTERNATE_DAYS = 3  /**< `"alternate-days"`: every second calendar day. */
} ldrt_schedule;

/** Flag of ldrt_scan_add_measurement(): the lesion is too small to measure. */
#define LDRT_MEASUREMENT_TOO_SMALL 1u

/** Flag of ldrt_patient_events(): list the administrations of a series instead of the series. */
#define LDRT_EVENTS_EXPAND 1u

/** @name Names
 * The document spellings of the enumerations, both ways.
 * @{ */
/**
 * The document name of an event kind.
 * @param kind an ::ldrt_event_kind.
 * @return `"diagnosis"`, ..., `"note"` (static), or NULL for an unknown value.
 */
LDRT_API const char *ldrt_event_kind_name(ldrt_event_kind kind);
/**
 * Parses an event kind name.
 * @param name  `"diagnosis"`, `"recurrence"`, `"progression"`, `"surgery"`,
 *              `"systemic"`, `"radiotherapy"`, `"imaging"`, `"toxicity"`,
 *              `"hold"` or `"note"`; not NULL.
 * @param kind  receives the ::ldrt_event_kind; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ENOTFOUND (unknown name).
 */
LDRT_API int ldrt_event_kind_parse(const char *name, int *kind);
/**
 * The document name of a text field.
 * @param field an ::ldrt_event_field.
 * @return `"id"`, `"note"`, `"site"`, ... (static), or NULL for an unknown value.
 */
LDRT_API const char *ldrt_event_field_name(ldrt_event_field field);
/**
 * The document name of a hold kind.
 * @param kind an ::ldrt_hold_kind.
 * @return `"holiday"` or `"discontinued"` (static), or NULL.
 */
LDRT_API const char *ldrt_hold_kind_name(ldrt_hold_kind kind);
/**
 * Parses a hold kind name.
 * @param name  `"holiday"` or `"discontinued"`; not NULL.
 * @param kind  receives the ::ldrt_hold_kind; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_hold_kind_parse(const char *name, int *kind);
/**
 * The document name of a schedule.
 * @param schedule an ::ldrt_schedule.
 * @return `"daily"`, `"weekdays"` or `"alternate-days"` (static), or NULL.
 */
LDRT_API const char *ldrt_schedule_name(ldrt_schedule schedule);
/**
 * Parses a schedule name.
 * @param name      `"daily"`, `"weekdays"` or `"alternate-days"`; not NULL.
 * @param schedule  receives the ::ldrt_schedule; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_schedule_parse(const char *name, int *schedule);
/** @} */

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

/** @name Events
 * @{ */
/**
 * Adds an event, placed in time order (after the events of the same date).
 * @param patient  a patient.
 * @param kind     an ::ldrt_event_kind.
 * @param date     a valid date (partial allowed).
 * @param out      receives the borrowed event; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE (more than #LDRT_MAX_EVENTS) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_add_event(ldrt_patient *patient, ldrt_event_kind kind, ldrt_date date,
                                    ldrt_event **out);
/**
 * Removes a recorded event with everything it holds (fractions, generated
 * administrations); their handles become invalid.
 * @param patient  a patient.
 * @param event    one of its recorded events (not a generated administration).
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (not this patient's) or
 *         #LDRT_ESTATE (a generated administration: change its series instead).
 */
LDRT_API int ldrt_patient_remove_event(ldrt_patient *patient, ldrt_event *event);
/**
 * Number of recorded events (a series counts once).
 * @param patient a patient (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_patient_event_count(const ldrt_patient *patient);
/**
 * One recorded event, in time order.
 * @param patient  a patient.
 * @param index    0 to count - 1.
 * @return the borrowed event, or NULL when out of range.
 */
LDRT_API const ldrt_event *ldrt_patient_event_at(const ldrt_patient *patient, size_t index);
/**
 * One recorded event, for change: ldrt_patient_event_at() of a patient the caller may change.
 * @param patient  a patient.
 * @param index    0 to count - 1.
 * @return the borrowed event, or NULL when out of range.
 */
LDRT_API ldrt_event *ldrt_patient_event_at_mut(ldrt_patient *patient, size_t index);
/**
 * Finds a recorded event by its `id`.
 * @param patient  a patient.
 * @param id       the event id.
 * @param out      receives the borrowed event; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_patient_find_event(const ldrt_patient *patient, const char *id,
                                     const ldrt_event **out);
/**
 * Finds a recorded event by its `id`, for change.
 * @param patient  a patient.
 * @param id       the event id.
 * @param out      receives the borrowed event; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_patient_find_event_mut(ldrt_patient *patient, const char *id,
                                         ldrt_event **out);
/**
 * Finds a radiotherapy course by its `course_id`.
 * @param patient    a patient.
 * @param course_id  the course id.
 * @param out        receives the borrowed course; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_patient_find_course(const ldrt_patient *patient, const char *course_id,
                                      const ldrt_course **out);
/**
 * Finds a radiotherapy course by its `course_id`, for change.
 * @param patient    a patient.
 * @param course_id  the course id.
 * @param out        receives the borrowed course; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_patient_find_course_mut(ldrt_patient *patient, const char *course_id,
                                          ldrt_course **out);
/**
 * The patient an event belongs to.
 * @param event an event.
 * @return the borrowed patient, or NULL for NULL.
 */
LDRT_API const ldrt_patient *ldrt_event_patient(const ldrt_event *event);
/**
 * The kind of an event (the document's `type`).
 * @param event an event.
 * @return an ::ldrt_event_kind, or 0 for NULL.
 */
LDRT_API ldrt_event_kind ldrt_event_type(const ldrt_event *event);
/**
 * The date of an event as recorded (for a generated item, see the group notes).
 * @param event an event.
 * @return its date, or #LDRT_DATE_NONE for NULL.
 */
LDRT_API ldrt_date ldrt_event_date(const ldrt_event *event);
/**
 * Every day an event can fall on: the span of its date, or for a generated
 * administration of a series with a partial start, the start's span shifted
 * by its offset.
 * @param event     an event.
 * @param earliest  receives the first possible day (a full date); may be NULL.
 * @param latest    receives the last possible day (a full date); may be NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_event_span(const ldrt_event *event, ldrt_date *earliest, ldrt_date *latest);
/**
 * Moves a recorded event to another date (re-sorting it, and re-expanding its
 * series or prescription). Refused when the end, the resolution or a listed
 * fraction would no longer fit.
 * @param event  a recorded event.
 * @param date   a valid date.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ESTATE (a generated administration),
 *         #LDRT_ERANGE (its series or prescription would run past the year 9999;
 *         nothing changes) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_event_set_date(ldrt_event *event, ldrt_date date);
/**
 * The end date of an event (`end`).
 * @param event  an event.
 * @param out    receives the date.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND when absent.
 */
LDRT_API int ldrt_event_end(const ldrt_event *event, ldrt_date *out);
/**
 * Sets or clears the end date; it may not lie entirely before the event date,
 * and a course's fractions must stay within it.
 * @param event  a recorded event.
 * @param end    a valid date, or #LDRT_DATE_NONE to clear.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ESTATE (a generated administration).
 */
LDRT_API int ldrt_event_set_end(ldrt_event *event, ldrt_date end);
/**
 * A text field of an event (a generated administration reads its series'
 * fields, except `id`, which it has not).
 * @param event  an event.
 * @param field  an ::ldrt_event_field.
 * @return the text (borrowed), or NULL when absent, not a field of this kind, or NULL event.
 */
LDRT_API const char *ldrt_event_text(const ldrt_event *event, ldrt_event_field field);
/**
 * Sets or clears a text field of a recorded event.
 * @param event  a recorded event.
 * @param field  an ::ldrt_event_field valid for the event's kind.
 * @param value  non-empty text, copied; NULL clears. An `id` must be unique
 *               among events and a `course_id` among courses.
 * @return #LDRT_OK, #LDRT_EINVAL (also a field of another kind, or a duplicate
 *         id), #LDRT_ESTATE (a generated administration) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_event_set_text(ldrt_event *event, ldrt_event_field field, const char *value);
/**
 * The event id (`id`): shorthand for ldrt_event_text(event, #LDRT_FIELD_ID).
 * @param event an event.
 * @return the id (borrowed), or NULL when absent.
 */
LDRT_API const char *ldrt_event_id(const ldrt_event *event);
/** @} */

/** @name Typed handles: courses, scans, systemic therapy
 * The three kinds of event that carry their own data have their own handle
 * type, so that passing a scan where a course is needed is a compile error:
 * ::ldrt_course (#LDRT_EVENT_RADIOTHERAPY), ::ldrt_scan (#LDRT_EVENT_IMAGING)
 * and ::ldrt_systemic (#LDRT_EVENT_SYSTEMIC, a single administration, a
 * series or a generated administration). A typed handle is the same borrowed
 * object as its event, reached by a checked conversion that gives NULL for an
 * event of another kind (and for NULL); the common fields (date, end, text
 * fields, id) stay on ::ldrt_event and are reached back through
 * ldrt_course_as_event() and its siblings. Each conversion has a const form
 * (a const event gives a const course) and a `_mut` form for change.
 * @{ */
/**
 * The course of a radiotherapy event.
 * @param event an event, or NULL.
 * @return the borrowed course, or NULL when @p event is NULL or of another kind.
 */
LDRT_API const ldrt_course *ldrt_event_as_course(const ldrt_event *event);
/**
 * The course of a radiotherapy event, for change.
 * @param event an event, or NULL.
 * @return the borrowed course, or NULL when @p event is NULL or of another kind.
 */
LDRT_API ldrt_course *ldrt_event_as_course_mut(ldrt_event *event);
/**
 * The scan of an imaging event.
 * @param event an event, or NULL.
 * @return the borrowed scan, or NULL when @p event is NULL or of another kind.
 */
LDRT_API const ldrt_scan *ldrt_event_as_scan(const ldrt_event *event);
/**
 * The scan of an imaging event, for change.
 * @param event an event, or NULL.
 * @return the borrowed scan, or NULL when @p event is NULL or of another kind.
 */
LDRT_API ldrt_scan *ldrt_event_as_scan_mut(ldrt_event *event);
/**
 * The systemic therapy of a systemic event (an administration, a series, or
 * an administration generated from a series).
 * @param event an event, or NULL.
 * @return the borrowed handle, or NULL when @p event is NULL or of another kind.
 */
LDRT_API const ldrt_systemic *ldrt_event_as_systemic(const ldrt_event *event);
/**
 * The systemic therapy of a systemic event, for change.
 * @param event an event, or NULL.
 * @return the borrowed handle, or NULL when @p event is NULL or of another kind.
 */
LDRT_API ldrt_systemic *ldrt_event_as_systemic_mut(ldrt_event *event);
/**
 * The event of a course (its date, end, text fields and id).
 * @param course a course, or NULL.
 * @return the borrowed event, or NULL for NULL.
 */
LDRT_API const ldrt_event *ldrt_course_as_event(const ldrt_course *course);
/**
 * The event of a course, for change.
 * @param course a course, or NULL.
 * @return the borrowed event, or NULL for NULL.
 */
LDRT_API ldrt_event *ldrt_course_as_event_mut(ldrt_course *course);
/**
 * The event of a scan.
 * @param scan a scan, or NULL.
 * @return the borrowed event, or NULL for NULL.
 */
LDRT_API const ldrt_event *ldrt_scan_as_event(const ldrt_scan *scan);
/**
 * The event of a scan, for change.
 * @param scan a scan, or NULL.
 * @return the borrowed event, or NULL for NULL.
 */
LDRT_API ldrt_event *ldrt_scan_as_event_mut(ldrt_scan *scan);
/**
 * The event of a systemic therapy.
 * @param systemic a systemic handle, or NULL.
 * @return the borrowed event, or NULL for NULL.
 */
LDRT_API const ldrt_event *ldrt_systemic_as_event(const ldrt_systemic *systemic);
/**
 * The event of a systemic therapy, for change.
 * @param systemic a systemic handle, or NULL.
 * @return the borrowed event, or NULL for NULL.
 */
LDRT_API ldrt_event *ldrt_systemic_as_event_mut(ldrt_systemic *systemic);
/** @} */

/** @name Systemic therapy
 * @{ */
/**
 * Adds an agent to a systemic event (`agents`: drug, dose, unit).
 * @param systemic  a recorded systemic handle (not a generated administration).
 * @param drug   drug name (`"pembrolizumab"`), non-empty; copied.
 * @param dose   dose in @p unit, > 0 and finite; NAN when not recorded.
 * @param unit   dose unit (`"mg"`, `"mg/kg"`), copied; required with a dose, NULL otherwise allowed.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ESTATE, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_systemic_add_agent(ldrt_systemic *systemic, const char *drug, double dose,
                                  const char *unit);
/**
 * Number of agents of a systemic event (of its series for an administration).
 * @param systemic a systemic handle (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_systemic_agent_count(const ldrt_systemic *systemic);
/**
 * The drug of one agent.
 * @param systemic  a systemic handle.
 * @param index  0 to count - 1.
 * @return the drug name (borrowed), or NULL when out of range.
 */
LDRT_API const char *ldrt_systemic_agent_drug(const ldrt_systemic *systemic, size_t index);
/**
 * The dose of one agent, in its unit.
 * @param systemic  a systemic handle.
 * @param index  0 to count - 1.
 * @param dose   receives the dose.
 * @return #LDRT_OK, #LDRT_EINVAL (index out of range) or #LDRT_ENOTFOUND (no dose recorded).
 */
LDRT_API int ldrt_systemic_agent_dose(const ldrt_systemic *systemic, size_t index, double *dose);
/**
 * The unit of one agent's dose.
 * @param systemic  a systemic handle.
 * @param index  0 to count - 1.
 * @return the unit (borrowed), or NULL when absent or out of range.
 */
LDRT_API const char *ldrt_systemic_agent_unit(const ldrt_systemic *systemic, size_t index);
/**
 * Whether a systemic event (or its series) gives a drug.
 * @param systemic  a systemic handle.
 * @param drug   a drug name (compared exactly).
 * @return 1 when it does, else 0.
 */
LDRT_API int ldrt_systemic_gives_drug(const ldrt_systemic *systemic, const char *drug);
/**
 * The cycle number (`cycle`); an administration of a series whose first
 * cycle is c has cycle c + its index.
 * @param systemic  a systemic handle.
 * @param cycle  receives the cycle (>= 1).
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_systemic_cycle(const ldrt_systemic *systemic, int *cycle);
/**
 * Sets or clears the cycle number.
 * @param systemic  a recorded systemic handle (not a generated administration).
 * @param cycle  >= 1, or 0 to clear.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ESTATE.
 */
LDRT_API int ldrt_systemic_set_cycle(ldrt_systemic *systemic, int cycle);
/**
 * Makes a systemic event a series (`repeat`) and expands it into
 * @p count administrations @p every_days apart, from the event date.
 * @param systemic       a recorded systemic handle (not a generated administration).
 * @param every_days  1 to #LDRT_MAX_REPEAT_EVERY_DAYS.
 * @param count       1 to #LDRT_MAX_REPEAT_COUNT; 0 (with @p every_days 0) removes the repeat.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE (#LDRT_MAX_GENERATED), #LDRT_ESTATE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_systemic_set_repeat(ldrt_systemic *systemic, int every_days, int count);
/**
 * The repeat of a series.
 * @param systemic       a systemic handle.
 * @param every_days  receives the interval in days; may be NULL.
 * @param count       receives the number of administrations; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (not a series).
 */
LDRT_API int ldrt_systemic_repeat(const ldrt_systemic *systemic, int *every_days, int *count);
/**
 * Number of administrations a systemic event stands for: its repeat count
 * for a series, 1 for a single administration, 0 for other kinds.
 * @param systemic a systemic handle.
 * @return the count.
 */
LDRT_API size_t ldrt_systemic_administration_count(const ldrt_systemic *systemic);
/**
 * One administration: a generated event of a series, or the event itself when
 * it is a single administration.
 * @param systemic  a systemic handle.
 * @param index  0 to count - 1.
 * @return the borrowed administration, or NULL when out of range.
 */
LDRT_API const ldrt_event *ldrt_systemic_administration_at(const ldrt_systemic *systemic,
                                                            size_t index);
/**
 * Whether an event was generated by expanding a series.
 * @param event an event.
 * @return 1 for a generated administration, else 0.
 */
LDRT_API int ldrt_event_is_expanded(const ldrt_event *event);
/**
 * The series a generated administration belongs to.
 * @param event an event.
 * @return the borrowed series, or NULL for a recorded event.
 */
LDRT_API const ldrt_event *ldrt_event_parent(const ldrt_event *event);
/** @} */

/** @name Holds (drug holidays and discontinuations)
 * @{ */
/**
 * The kind of a hold.
 * @param event  a hold event.
 * @param kind   receives an ::ldrt_hold_kind.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_event_hold_kind(const ldrt_event *event, int *kind);
/**
 * Sets or clears the kind of a hold.
 * @param event  a hold event.
 * @param kind   an ::ldrt_hold_kind, or 0 to clear.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_event_set_hold_kind(ldrt_event *event, ldrt_hold_kind kind);
/**
 * Adds a drug to a hold (`drugs`). A hold without drugs holds every drug.
 * @param event  a hold event.
 * @param drug   drug name, non-empty, not already listed; copied.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_event_add_drug(ldrt_event *event, const char *drug);
/**
 * Number of drugs of a hold.
 * @param event an event (other kinds give 0).
 * @return the count.
 */
LDRT_API size_t ldrt_event_drug_count(const ldrt_event *event);
/**
 * One drug of a hold.
 * @param event  a hold event.
 * @param index  0 to count - 1.
 * @return the name (borrowed), or NULL when out of range.
 */
LDRT_API const char *ldrt_event_drug_at(const ldrt_event *event, size_t index);
/** @} */

/** @name Surgery
 * @{ */
/**
 * Records that a surgery removed a lesion (`lesions`).
 * @param event      a surgery event.
 * @param lesion_id  the id of a lesion of the patient, not already listed.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (unknown lesion), #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_event_add_removed_lesion(ldrt_event *event, const char *lesion_id);
/**
 * Number of lesions a surgery removed.
 * @param event an event (other kinds give 0).
 * @return the count.
 */
LDRT_API size_t ldrt_event_removed_lesion_count(const ldrt_event *event);
/**
 * One removed lesion.
 * @param event  a surgery event.
 * @param index  0 to count - 1.
 * @return the borrowed lesion, or NULL when out of range.
 */
LDRT_API const ldrt_lesion *ldrt_event_removed_lesion_at(const ldrt_event *event, size_t index);
/** @} */

/** @name Radiotherapy courses
 * A radiotherapy event is one course: its targets, technique and margin, and
 * either fractions listed one by one or a prescription that expands into them.
 * @{ */
/**
 * Adds a target lesion to a course (`targets`).
 * @param course     a course.
 * @param lesion_id  the id of a lesion of the patient, not already listed.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_course_add_target(ldrt_course *course, const char *lesion_id);
/**
 * Number of target lesions of a course.
 * @param course a course (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_course_target_count(const ldrt_course *course);
/**
 * One target lesion of a course.
 * @param course  a course.
 * @param index   0 to count - 1.
 * @return the borrowed lesion, or NULL when out of range.
 */
LDRT_API const ldrt_lesion *ldrt_course_target_at(const ldrt_course *course, size_t index);
/**
 * Whether a course targets a lesion.
 * @param course  a course.
 * @param lesion  a lesion.
 * @return 1 when @p lesion is among the course targets, else 0.
 */
LDRT_API int ldrt_course_targets_lesion(const ldrt_course *course, const ldrt_lesion *lesion);
/**
 * The GTV-PTV (or CTV-PTV) margin of a course (`margin_mm`).
 * @param course     a course.
 * @param margin_mm  receives the margin in millimetres.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_course_margin_mm(const ldrt_course *course, double *margin_mm);
/**
 * Sets or clears the margin of a course.
 * @param course     a course.
 * @param margin_mm  millimetres, >= 0 and finite; NAN clears.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_course_set_margin_mm(ldrt_course *course, double margin_mm);
/**
 * Adds a fraction to a course whose fractions are listed (not prescribed).
 * The date must fall within the course (not entirely before its date nor
 * after its end) and not entirely before the previous fraction.
 * @param course   a course without a prescription.
 * @param date     a valid date (partial allowed when the day is unknown).
 * @param dose_gy  the fraction dose in gray, > 0 and finite.
 * @param out      receives the borrowed fraction; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ESTATE (the course has a
 *         prescription), #LDRT_ERANGE (#LDRT_MAX_FRACTIONS) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_course_add_fraction(ldrt_course *course, ldrt_date date, double dose_gy,
                                     ldrt_fraction **out);
/**
 * Prescribes a course (`prescription`) and expands it into its fractions from
 * the course date, replacing earlier prescribed fractions.
 * @param course     a course without listed fractions.
 * @param total_gy   total dose in gray, > 0 and finite.
 * @param fractions  number of fractions, 1 to #LDRT_MAX_FRACTIONS.
 * @param schedule   an ::ldrt_schedule (a weekdays course cannot start on a weekend day).
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ESTATE (fractions are listed), #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_course_set_prescription(ldrt_course *course, double total_gy, int fractions,
                                         ldrt_schedule schedule);
/**
 * The prescription of a course.
 * @param course     a course.
 * @param total_gy   receives the total dose in gray; may be NULL.
 * @param fractions  receives the number of fractions; may be NULL.
 * @param schedule   receives the ::ldrt_schedule; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (no prescription).
 */
LDRT_API int ldrt_course_prescription(const ldrt_course *course, double *total_gy,
                                     int *fractions, int *schedule);
/**
 * Number of fractions of a course (listed or prescribed).
 * @param course a course (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_course_fraction_count(const ldrt_course *course);
/**
 * One fraction of a course, in time order.
 * @param course  a course.
 * @param index   0 to count - 1.
 * @return the borrowed fraction, or NULL when out of range.
 */
LDRT_API const ldrt_fraction *ldrt_course_fraction_at(const ldrt_course *course, size_t index);
/**
 * The course a fraction belongs to.
 * @param fraction a fraction.
 * @return the borrowed radiotherapy event, or NULL for NULL.
 */
LDRT_API const ldrt_course *ldrt_fraction_course(const ldrt_fraction *fraction);
/**
 * The position of a fraction in its course.
 * @param fraction a fraction.
 * @return 0 for the first fraction (0 for NULL too).
 */
LDRT_API size_t ldrt_fraction_index(const ldrt_fraction *fraction);
/**
 * The date of a fraction.
 * @param fraction a fraction.
 * @return its date, or #LDRT_DATE_NONE for NULL.
 */
LDRT_API ldrt_date ldrt_fraction_date(const ldrt_fraction *fraction);
/**
 * Every day a fraction can fall on (see the group notes on partial dates).
 * @param fraction  a fraction.
 * @param earliest  receives the first possible day; may be NULL.
 * @param latest    receives the last possible day; may be NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_fraction_span(const ldrt_fraction *fraction, ldrt_date *earliest,
                                ldrt_date *latest);
/**
 * The dose of a fraction.
 * @param fraction  a fraction.
 * @param dose_gy   receives the dose in gray.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_fraction_dose_gy(const ldrt_fraction *fraction, double *dose_gy);
/**
 * Whether a fraction was generated from a prescription.
 * @param fraction a fraction.
 * @return 1 when generated, 0 when listed (or NULL).
 */
LDRT_API int ldrt_fraction_is_expanded(const ldrt_fraction *fraction);
/** @} */

/** @name Imaging
 * @{ */
/**
 * Whether a scan is the baseline scan (`baseline`).
 * @param scan      a scan.
 * @param baseline  receives 1 or 0.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND when not recorded.
 */
LDRT_API int ldrt_scan_baseline(const ldrt_scan *scan, int *baseline);
/**
 * Sets or clears the baseline flag of a scan.
 * @param scan      a scan.
 * @param baseline  1, 0, or -1 to clear.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_scan_set_baseline(ldrt_scan *scan, int baseline);
/**
 * Adds the measurement of a lesion to a scan (`measurements`).
 * @param scan         a scan.
 * @param lesion_id    a lesion of the patient not yet measured on this scan.
 * @param diameter_mm  longest diameter (short axis for a nodal lesion) in
 *                     millimetres, >= 0 and finite (0: disappeared); NAN:
 *                     listed but not evaluated (or too small without a value).
 * @param flags        0 or #LDRT_MEASUREMENT_TOO_SMALL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND (unknown lesion), #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_scan_add_measurement(ldrt_scan *scan, const char *lesion_id,
                                        double diameter_mm, unsigned flags);
/**
 * Number of measurements of a scan.
 * @param scan a scan (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_scan_measurement_count(const ldrt_scan *scan);
/**
 * The lesion of one measurement.
 * @param scan   a scan.
 * @param index  0 to count - 1.
 * @return the borrowed lesion, or NULL when out of range.
 */
LDRT_API const ldrt_lesion *ldrt_scan_measurement_lesion(const ldrt_scan *scan, size_t index);
/**
 * The state of one measurement: #LDRT_STATE_PRESENT (a diameter was
 * measured, 0 mm when the lesion disappeared), #LDRT_STATE_NOT_EVALUATED
 * (`"diameter_mm": null` or no diameter) or #LDRT_STATE_TOO_SMALL
 * (`"too_small": true`).
 * @param scan   a scan.
 * @param index  0 to count - 1.
 * @param state  receives the ::ldrt_lesion_state; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL (NULL, or @p index out of range).
 */
LDRT_API int ldrt_scan_measurement_state(const ldrt_scan *scan, size_t index,
                                         ldrt_lesion_state *state);
/**
 * The diameter of one measurement.
 * @param scan         a scan.
 * @param index        0 to count - 1.
 * @param diameter_mm  receives the diameter in millimetres.
 * @return #LDRT_OK, #LDRT_EINVAL (out of range) or #LDRT_ENOTFOUND (no value).
 */
LDRT_API int ldrt_scan_measurement_diameter_mm(const ldrt_scan *scan, size_t index,
                                                double *diameter_mm);
/**
 * Finds the measurement of a lesion on a scan.
 * @param scan    a scan.
 * @param lesion  a lesion.
 * @param index   receives the measurement index; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (the lesion is not listed).
 */
LDRT_API int ldrt_scan_find_measurement(const ldrt_scan *scan, const ldrt_lesion *lesion,
                                         size_t *index);
/**
 * Adds the SULpeak of a lesion (`sul_peak`).
 * @param scan       a scan.
 * @param lesion_id  a lesion of the patient not yet listed in this scan's SULpeaks.
 * @param value      SULpeak (g/mL, lean body mass normalised), >= 0 and finite.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_scan_add_sul_peak(ldrt_scan *scan, const char *lesion_id, double value);
/**
 * Number of SULpeak values of a scan.
 * @param scan a scan (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_scan_sul_peak_count(const ldrt_scan *scan);
/**
 * The lesion of one SULpeak value.
 * @param scan   a scan.
 * @param index  0 to count - 1.
 * @return the borrowed lesion, or NULL when out of range.
 */
LDRT_API const ldrt_lesion *ldrt_scan_sul_peak_lesion(const ldrt_scan *scan, size_t index);
/**
 * One SULpeak value.
 * @param scan   a scan.
 * @param index  0 to count - 1.
 * @param value  receives the SULpeak (g/mL).
 * @return #LDRT_OK or #LDRT_EINVAL (out of range).
 */
LDRT_API int ldrt_scan_sul_peak_value(const ldrt_scan *scan, size_t index, double *value);
/**
 * The mean SUL of normal liver (`liver_sul_mean`), for PERCIST comparability.
 * @param scan   a scan.
 * @param value  receives the SUL (g/mL).
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_scan_liver_sul_mean(const ldrt_scan *scan, double *value);
/**
 * Sets or clears the liver SUL mean.
 * @param scan   a scan.
 * @param value  > 0 and finite; NAN clears.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_scan_set_liver_sul_mean(ldrt_scan *scan, double value);
/**
 * The SUL of the surrounding background blood pool (`blood_pool_sul`), for
 * the PERCIST 1.0 complete metabolic response ("indistinguishable from
 * surrounding background blood-pool levels", Wahl et al. 2009).
 * @param scan   a scan.
 * @param value  receives the SUL (g/mL).
 * @return #LDRT_OK, #LDRT_EINVAL (NULL argument) or #LDRT_ENOTFOUND (not recorded).
 */
LDRT_API int ldrt_scan_blood_pool_sul(const ldrt_scan *scan, double *value);
/**
 * Sets or clears the blood-pool SUL.
 * @param scan   a scan.
 * @param value  > 0 and finite (g/mL); NAN clears.
 * @return #LDRT_OK or #LDRT_EINVAL (NULL, or a bad value).
 */
LDRT_API int ldrt_scan_set_blood_pool_sul(ldrt_scan *scan, double value);
/**
 * Sets (adds or replaces) the state of a non-target lesion on a scan (`non_target`).
 * @param scan       a scan.
 * @param lesion_id  a lesion of the patient.
 * @param state      #LDRT_STATE_PRESENT, #LDRT_STATE_ABSENT, #LDRT_STATE_PROGRESSION
 *                   or #LDRT_STATE_NOT_EVALUATED (the states a non-target lesion
 *                   can have; `"present"`, `"absent"`, `"unequivocal-progression"`,
 *                   `"not-evaluated"` in the document).
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ENOTFOUND, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_scan_set_non_target(ldrt_scan *scan, const char *lesion_id,
                                      ldrt_lesion_state state);
/**
 * Number of non-target states of a scan.
 * @param scan a scan (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_scan_non_target_count(const ldrt_scan *scan);
/**
 * The lesion of one non-target state.
 * @param scan   a scan.
 * @param index  0 to count - 1.
 * @return the borrowed lesion, or NULL when out of range.
 */
LDRT_API const ldrt_lesion *ldrt_scan_non_target_lesion(const ldrt_scan *scan, size_t index);
/**
 * One non-target state.
 * @param scan   a scan.
 * @param index  0 to count - 1.
 * @param state  receives the ::ldrt_lesion_state; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL (NULL, or @p index out of range).
 */
LDRT_API int ldrt_scan_non_target_state(const ldrt_scan *scan, size_t index,
                                        ldrt_lesion_state *state);
/**
 * Adds a new lesion found on a scan (`new_lesions`); also marks the list as reported.
 * @param scan         a scan.
 * @param id           its id, non-empty and unique among this scan's new lesions; copied.
 * @param site         its site, copied; may be NULL.
 * @param diameter_mm  its size in millimetres, >= 0 and finite; NAN when not given.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_scan_add_new_lesion(ldrt_scan *scan, const char *id, const char *site,
                                       double diameter_mm);
/**
 * Number of new lesions of a scan.
 * @param scan a scan (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_scan_new_lesion_count(const ldrt_scan *scan);
/**
 * The id of one new lesion.
 * @param scan   a scan.
 * @param index  0 to count - 1.
 * @return the id (borrowed), or NULL when out of range.
 */
LDRT_API const char *ldrt_scan_new_lesion_id(const ldrt_scan *scan, size_t index);
/**
 * The site of one new lesion.
 * @param scan   a scan.
 * @param index  0 to count - 1.
 * @return the site (borrowed), or NULL when absent or out of range.
 */
LDRT_API const char *ldrt_scan_new_lesion_site(const ldrt_scan *scan, size_t index);
/**
 * The size of one new lesion.
 * @param scan         a scan.
 * @param index        0 to count - 1.
 * @param diameter_mm  receives millimetres.
 * @return #LDRT_OK, #LDRT_EINVAL (out of range) or #LDRT_ENOTFOUND (no size).
 */
LDRT_API int ldrt_scan_new_lesion_diameter_mm(const ldrt_scan *scan, size_t index,
                                               double *diameter_mm);
/**
 * Whether the scan reports its new lesions (a `new_lesions` list, even empty).
 * A missing list means none were reported; the format treats both as none.
 * @param scan a scan.
 * @return 1 when the list is present, else 0.
 */
LDRT_API int ldrt_scan_new_lesions_reported(const ldrt_scan *scan);
/**
 * Marks the new-lesion list of a scan as present (`[]`) or absent.
 * @param scan      a scan.
 * @param reported  1 or 0 (0 is refused while the list has entries).
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ESTATE.
 */
LDRT_API int ldrt_scan_set_new_lesions_reported(ldrt_scan *scan, int reported);
/**
 * Records a response someone already assigned to the scan (`recorded_response`).
 * @param scan      a scan.
 * @param criteria  `"recist1.1"`, `"irecist"` or `"percist1.0"`; NULL clears.
 * @param overall   a label of those criteria (`"CR"`, `"PR"`, `"SD"`, `"PD"`,
 *                  `"NE"`, `"NON-CR/NON-PD"`; `"iCR"`, `"iPR"`, `"iSD"`,
 *                  `"iUPD"`, `"iCPD"`, `"NE"`; `"CMR"`, `"PMR"`, `"SMD"`, `"PMD"`, `"NE"`).
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_scan_set_recorded_response(ldrt_scan *scan, const char *criteria,
                                              const char *overall);
/**
 * The response recorded on a scan.
 * @param scan      a scan.
 * @param criteria  receives the criteria name (borrowed); may be NULL.
 * @param overall   receives the label (borrowed); may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_scan_recorded_response(const ldrt_scan *scan, const char **criteria,
                                          const char **overall);
/** @} */

/** @name Toxicity
 * @{ */
/**
 * The CTCAE grade of a toxicity.
 * @param event  a toxicity event.
 * @param grade  receives 1 to 5.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_event_grade(const ldrt_event *event, int *grade);
/**
 * Sets or clears the grade of a toxicity.
 * @param event  a toxicity event.
 * @param grade  1 to 5, or 0 to clear.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_event_set_grade(ldrt_event *event, int grade);
/**
 * The date a toxicity resolved (`resolved`).
 * @param event  a toxicity event.
 * @param out    receives the date.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_event_resolved(const ldrt_event *event, ldrt_date *out);
/**
 * Sets or clears the resolution date; it may not lie entirely before the onset.
 * @param event     a toxicity event.
 * @param resolved  a valid date, or #LDRT_DATE_NONE to clear.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_event_set_resolved(ldrt_event *event, ldrt_date resolved);
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
#endif /* LDRT_PATIENT_H */
