/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/scan.h
 * @brief Imaging scans of the patient record: measurements, SUL values,
 *        non-target states, new lesions and recorded responses.
 */
#ifndef LDRT_SCAN_H
#define LDRT_SCAN_H

#include <stddef.h>

#include "ldrt/common.h"
#include "ldrt/event.h"
#include "ldrt/lesion.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup scan Imaging scans
 * @ingroup patient
 * @brief An imaging event through its own handle (::ldrt_scan): what the
 *        response criteria read (ldrt/response.h).
 * @{
 */

/** Flag of ldrt_scan_add_measurement(): the lesion is too small to measure. */
#define LDRT_MEASUREMENT_TOO_SMALL 1u

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

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LDRT_SCAN_H */
