/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/course.h
 * @brief Radiotherapy courses of the patient record: targets, margin,
 *        fractions and prescriptions.
 */
#ifndef LDRT_COURSE_H
#define LDRT_COURSE_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/common.h"
#include "ldrt/event.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup course Radiotherapy courses
 * @ingroup patient
 * @brief A radiotherapy event through its own handle (::ldrt_course): its
 *        targets, margin, fractions and prescription. The doses of a
 *        course are in @ref course_dose (ldrt/patient.h).
 * @{
 */

/** The schedule of a prescription (`schedule`). */
typedef enum ldrt_schedule {
    LDRT_SCHEDULE_DAILY = 1,          /**< `"daily"`: one fraction each calendar day. */
    LDRT_SCHEDULE_WEEKDAYS = 2,       /**< `"weekdays"`: Monday to Friday. */
    LDRT_SCHEDULE_ALTERNATE_DAYS = 3  /**< `"alternate-days"`: every second calendar day. */
} ldrt_schedule;

/** @name Names
 * The document spellings, both ways.
 * @{ */
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
LDRT_API int ldrt_schedule_parse(const char *name, ldrt_schedule *schedule);
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
                                     int *fractions, ldrt_schedule *schedule);
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

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LDRT_COURSE_H */
