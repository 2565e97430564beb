/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/lesion.h
 * @brief The words for lesions shared by the record and the response
 *        criteria: a lesion's role and its state on a scan, with their
 *        spellings.
 */
#ifndef LDRT_LESION_H
#define LDRT_LESION_H

#include "ldrt/common.h"

/**
 * @defgroup lesion Lesion vocabulary
 * @brief One enumeration per concept, used by the patient record (a lesion's
 *        `category`, a measurement's state, a non-target state) and by the
 *        response engines (the `role` and `state` of a measurement row).
 *
 * Each enumeration has one table of spellings, read both ways: a `*_name()`
 * function gives the static spelling of a known value and NULL for any other
 * value; a `*_parse()` function gives #LDRT_ENOTFOUND for an unknown name.
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The role of a lesion: its baseline category in the record (`category`:
 * target, non-target or new) and the role of a measurement row for the
 * response engines (which add new measurable lesions and the PERCIST
 * reference region). Values are stable.
 */
typedef enum ldrt_lesion_role {
    LDRT_ROLE_NONE = 0,        /**< No role given (a lesion without `category`); name NULL. */
    LDRT_ROLE_TARGET = 1,      /**< `"target"`: baseline target lesion (its diameter enters the sum). */
    LDRT_ROLE_NON_TARGET = 2,  /**< `"non-target"`: baseline non-target lesion (followed by state). */
    LDRT_ROLE_NEW = 3,         /**< `"new"`: found after baseline (iRECIST: new non-target). */
    LDRT_ROLE_NEW_TARGET = 4,  /**< `"new-target"`: new measurable lesion (iRECIST: summed apart); rows only. */
    LDRT_ROLE_REFERENCE = 5,   /**< `"reference"`: PERCIST reference region (the mean liver SUL); rows only. */
    LDRT_ROLE_BLOOD_POOL = 6   /**< `"blood-pool"`: PERCIST background blood pool (its SUL, optional); rows only. */
} ldrt_lesion_role;

/** Flag OR-ed into a role byte of a measurement row: the lesion is a lymph node (short axis). */
#define LDRT_ROLE_NODAL 0x10

/**
 * The state of a lesion on one scan, as recorded (a measurement, a
 * non-target state) and as the response engines read it. Values are stable.
 */
typedef enum ldrt_lesion_state {
    LDRT_STATE_PRESENT = 0,        /**< `"present"`: seen; a measurement holds its diameter (0 mm when it disappeared). */
    LDRT_STATE_ABSENT = 1,         /**< `"absent"`: disappeared (counts as 0 mm). */
    LDRT_STATE_TOO_SMALL = 2,      /**< `"too-small"`: present but too small to measure (RECIST 1.1: 5 mm). */
    LDRT_STATE_NOT_EVALUATED = 3,  /**< `"not-evaluated"`: not assessed on this scan. */
    LDRT_STATE_PROGRESSION = 4,    /**< `"unequivocal-progression"`: unequivocal progression. */
    LDRT_STATE_INCREASED = 5,      /**< `"increased"`: increased, not unequivocally (iRECIST confirmation). */
    LDRT_STATE_EQUIVOCAL = 6       /**< `"equivocal"`: a new lesion that is equivocal until confirmed. */
} ldrt_lesion_state;

/**
 * The spelling of a lesion role.
 * @param role an ::ldrt_lesion_role.
 * @return `"target"`, `"non-target"`, `"new"`, `"new-target"`, `"reference"` or `"blood-pool"`
 *         (static), or NULL for #LDRT_ROLE_NONE and any unknown value.
 */
LDRT_API const char *ldrt_lesion_role_name(ldrt_lesion_role role);
/**
 * Parses a lesion role name.
 * @param name  one of the names of ldrt_lesion_role_name(); not NULL.
 * @param role  receives the ::ldrt_lesion_role; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ENOTFOUND (unknown name).
 */
LDRT_API int ldrt_lesion_role_parse(const char *name, ldrt_lesion_role *role);
/**
 * The spelling of a lesion state.
 * @param state an ::ldrt_lesion_state.
 * @return `"present"`, `"absent"`, `"too-small"`, `"not-evaluated"`,
 *         `"unequivocal-progression"`, `"increased"` or `"equivocal"` (static),
 *         or NULL for an unknown value.
 */
LDRT_API const char *ldrt_lesion_state_name(ldrt_lesion_state state);
/**
 * Parses a lesion state name.
 * @param name   one of the names of ldrt_lesion_state_name(); not NULL.
 * @param state  receives the ::ldrt_lesion_state; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ENOTFOUND (unknown name).
 */
LDRT_API int ldrt_lesion_state_parse(const char *name, ldrt_lesion_state *state);

#ifdef __cplusplus
}
#endif

/** @} */
#endif /* LDRT_LESION_H */
