/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/event.h
 * @brief Events of the patient record: kinds, dates, text fields, typed
 *        handles, surgery and toxicity; the handle types of the record.
 */
#ifndef LDRT_EVENT_H
#define LDRT_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/common.h"
#include "ldrt/lesion.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup event Events
 * @ingroup patient
 * @brief One event of a patient's record: its kind, dates and text fields,
 *        the typed handles of the kinds with their own data, and the
 *        fields of surgery and toxicity events.
 *
 * Events live in a patient (ldrt/patient.h says who owns what and how
 * they are ordered). Courses, scans and systemic therapy have their own
 * handle types and headers: ldrt/course.h, ldrt/scan.h, ldrt/systemic.h.
 * The handle types of the whole record are declared here, so that each of
 * these headers can be included on its own.
 * @{
 */

/** A diagnosis of the document's top-level `diagnoses` list (borrowed from its patient). */
typedef struct ldrt_diagnosis ldrt_diagnosis;
/** One patient's record: owns its events, fractions and lesions. */
typedef struct ldrt_patient ldrt_patient;
/** One event of a patient's record (borrowed from its patient). */
typedef struct ldrt_event ldrt_event;
/** One radiotherapy fraction (borrowed from its patient). */
typedef struct ldrt_fraction ldrt_fraction;
/** One lesion (borrowed from its patient). */
typedef struct ldrt_lesion ldrt_lesion;
/** A radiotherapy course: a radiotherapy event seen through its own type (borrowed). */
typedef struct ldrt_course ldrt_course;
/** An imaging scan: an imaging event seen through its own type (borrowed). */
typedef struct ldrt_scan ldrt_scan;
/** Systemic therapy: a systemic event seen through its own type (borrowed). */
typedef struct ldrt_systemic ldrt_systemic;

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
    LDRT_FIELD_REASON = 14,      /**< `reason`: hold. */
    LDRT_FIELD_DURING = 15       /**< `during`: toxicity; the `id` (or a course's `course_id`) of
                                      the event it occurred during (ldrt_event_placed_span()). */
} ldrt_event_field;

/** Flag of ldrt_patient_events(): list the administrations of a series instead of the series. */
#define LDRT_EVENTS_EXPAND 1u

/** @name Names
 * The document spellings, both ways.
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
LDRT_API int ldrt_event_kind_parse(const char *name, ldrt_event_kind *kind);
/**
 * The document name of a text field.
 * @param field an ::ldrt_event_field.
 * @return `"id"`, `"note"`, `"site"`, ... (static), or NULL for an unknown value.
 */
LDRT_API const char *ldrt_event_field_name(ldrt_event_field field);
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
 * The event a toxicity occurred during (`during`): the recorded event whose
 * `id` the member names, or else the radiotherapy course whose `course_id` it
 * names.
 * @param event  an event.
 * @return the borrowed event, or NULL when @p event is NULL, has no `during`,
 *         or names no event of the record (or names itself).
 */
LDRT_API const ldrt_event *ldrt_event_during(const ldrt_event *event);
/**
 * Every day an event can fall on once placed within the event it occurred
 * during. The span of an event named by `during` runs from the first day its
 * date can mean to the last day its `end` (or, without an end, its date) can
 * mean. When a toxicity names such an event and the two spans overlap, the
 * placed span is their intersection: earliest = max(the toxicity's earliest
 * day, the event's first day), latest = min(the toxicity's latest day, the
 * event's last day). A toxicity of `"2023-07"` during a course of 2023-07-21
 * to 2023-07-26 is placed on 2023-07-21 to 2023-07-26. Otherwise the placed
 * span is ldrt_event_span(). The timeline orders events and the plots draw
 * them by this span.
 * @param event     an event.
 * @param earliest  receives the first possible day (a full date); may be NULL.
 * @param latest    receives the last possible day (a full date); may be NULL.
 * @return #LDRT_OK (placed, or nothing to place by), #LDRT_EINVAL (NULL event,
 *         or `during` names the event itself), #LDRT_ENOTFOUND (`during` names
 *         no event of the record) or #LDRT_ERANGE (the spans do not overlap; the
 *         message names both dates). On an error the outputs still receive
 *         ldrt_event_span() (except for a NULL event).
 */
LDRT_API int ldrt_event_placed_span(const ldrt_event *event, ldrt_date *earliest,
                                    ldrt_date *latest);
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

/** @name New anticancer therapy
 * @{ */
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

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LDRT_EVENT_H */
