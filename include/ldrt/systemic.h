/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/systemic.h
 * @brief Systemic therapy of the patient record: agents, cycles, series and
 *        their administrations; holds (drug holidays and discontinuations).
 */
#ifndef LDRT_SYSTEMIC_H
#define LDRT_SYSTEMIC_H

#include <stddef.h>

#include "ldrt/common.h"
#include "ldrt/event.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup systemic Systemic therapy and holds
 * @ingroup patient
 * @brief A systemic event through its own handle (::ldrt_systemic): its
 *        agents, cycle and repeat; the hold events that pause or stop a drug.
 * @{
 */

/** The kind of a hold event (`kind`). */
typedef enum ldrt_hold_kind {
    LDRT_HOLD_HOLIDAY = 1,       /**< `"holiday"`: a pause. */
    LDRT_HOLD_DISCONTINUED = 2   /**< `"discontinued"`: the drug was stopped. */
} ldrt_hold_kind;

/** @name Names
 * The document spellings, both ways.
 * @{ */
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
LDRT_API int ldrt_hold_kind_parse(const char *name, ldrt_hold_kind *kind);
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
LDRT_API int ldrt_systemic_set_repeat(ldrt_systemic *systemic, int64_t every_days, int count);
/**
 * The repeat of a series.
 * @param systemic       a systemic handle.
 * @param every_days  receives the interval in days; may be NULL.
 * @param count       receives the number of administrations; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (not a series).
 */
LDRT_API int ldrt_systemic_repeat(const ldrt_systemic *systemic, int64_t *every_days, int *count);
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
LDRT_API int ldrt_event_hold_kind(const ldrt_event *event, ldrt_hold_kind *kind);
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

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LDRT_SYSTEMIC_H */
