/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/limits.h
 * @brief Every limit of the library, in one place.
 *
 * Included by ldrt/common.h (and so by every module header).
 */
#ifndef LDRT_LIMITS_H
#define LDRT_LIMITS_H

/**
 * @defgroup limits Limits
 * @ingroup common
 * @brief Bounds on a record, on a document and on the values they hold.
 *
 * One set of limits holds on every path that creates data: the setters of
 * the record (ldrt_patient_new(), ldrt_event_set_text(), ...), the document
 * loader and ldrt_patient_save_json(). A value over a limit is refused where
 * it enters, with #LDRT_ERANGE (a count or a size) or #LDRT_EINVAL (a value
 * out of its domain) and a message naming the argument or the JSON path, so
 * that a record the library holds can always be saved, and whatever it saves
 * can always be loaded again.
 *
 * The value limits (doses, lengths) are far beyond any clinical value: they
 * only refuse numbers that can only be errors (a fraction of 1e30 Gy), so
 * that every output can print every accepted value in bounded space.
 * @{
 */

/** @name Sizes of the patient document
 * @{ */
/** Largest document, in bytes (16 MiB). ldrt_patient_save_json() refuses to
 *  write a longer one (#LDRT_ERANGE) rather than write what cannot be loaded. */
#define LDRT_JSON_MAX_BYTES (16u * 1024u * 1024u)
/** Deepest nesting of arrays and objects accepted (the top-level object is depth 1). */
#define LDRT_JSON_MAX_DEPTH 32
/** Longest string (a text field, an id, an object key), in bytes of UTF-8.
 *  Every text setter refuses a longer one with #LDRT_ERANGE. */
#define LDRT_JSON_MAX_STRING 65536
/** Most problems ldrt_json_validate_buffer() lists one by one (the others are counted). */
#define LDRT_JSON_MAX_PROBLEMS 1000
/** @} */

/** @name Counts of one record
 * Bounds that keep one record (and a hostile document) from exhausting memory.
 * @{ */
/** Most administrations one series may expand into (`repeat.count`). */
#define LDRT_MAX_REPEAT_COUNT 1000
/** Longest interval of a series in days (`repeat.every_days`), ten years. */
#define LDRT_MAX_REPEAT_EVERY_DAYS 3660
/** Most fractions one radiotherapy course may hold (listed or prescribed). */
#define LDRT_MAX_FRACTIONS 1000
/** Most events (recorded, not counting generated administrations) of one patient. */
#define LDRT_MAX_EVENTS 100000
/** Most administrations and fractions generated from series and prescriptions in one patient. */
#define LDRT_MAX_GENERATED 50000
/** Most items of one list (lesions, diagnoses, agents, measurements, ...). */
#define LDRT_MAX_ITEMS 1000
/** @} */

/** @name Values: absurd but finite
 * The largest value a record accepts for a quantity. Far above any clinical
 * value (the highest absorbed doses given, in radioembolization, are a few
 * hundred gray), they bound what an output has to print.
 * @{ */
/** Largest dose in gray: one fraction (`dose_gy`), a prescription (`total_gy`),
 *  and any physical dose a computation is asked to report. */
#define LDRT_MAX_DOSE_GY 1000.0
/** Largest length in millimetres: a diameter (`diameter_mm`) or a margin (`margin_mm`). */
#define LDRT_MAX_LENGTH_MM 10000.0
/** Largest standardized uptake value (`sul_peak[].value`, `liver_sul_mean`). */
#define LDRT_MAX_SUL 1000.0
/** Largest drug dose, in the agent's own unit (`agents[].dose`). */
#define LDRT_MAX_DRUG_DOSE 1e9
/** @} */

/** @} */

#endif /* LDRT_LIMITS_H */
