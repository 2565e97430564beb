/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/response.h
 * @brief Tumour response: RECIST 1.1, iRECIST and PERCIST 1.0 from lesion
 *        measurements, best overall response with and without confirmation,
 *        durations, SITC resistance and abscopal (out-of-field) response.
 */
#ifndef LDRT_RESPONSE_H
#define LDRT_RESPONSE_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/common.h"
#include "ldrt/lesion.h"
#include "ldrt/patient.h"

/**
 * @defgroup response Response: RECIST 1.1, iRECIST, PERCIST, endpoints, resistance
 * @brief Classifies every scan of a patient (or of a whole cohort at once)
 *        from the measurements, and explains each answer.
 *
 * **Input shape.** A patient's scans are *time points* in date order; the
 * first is the baseline. Each time point owns a run of *measurements* in flat
 * arrays, one row per lesion seen (or not seen) on that scan:
 * `lesion` (an index, stable across the patient's scans), `role`
 * (::ldrt_lesion_role, plus #LDRT_ROLE_NODAL for a lymph node), `state`
 * (::ldrt_lesion_state) and `value` (the longest diameter of a non-nodal
 * lesion or the short axis of a node in millimetres for RECIST; the SULpeak
 * of the lesion, or the mean liver SUL for #LDRT_ROLE_REFERENCE, for
 * PERCIST). `tp_offsets[i]` to `tp_offsets[i+1]` are the rows of time point
 * `i`. The cohort entry points add `patient_offsets` over the time points.
 * Nothing is copied or kept: the arrays are read during the call only.
 *
 * **Exact thresholds.** Diameters are rounded to the nearest 0.01 mm and
 * summed as integers before any comparison, so the published inclusive
 * thresholds hold exactly: a sum 30.0% below baseline is a PR
 * (`10 * sum <= 7 * baseline`), and +20% with +4.9 mm is not PD
 * (`10 * sum >= 12 * nadir` *and* `sum - nadir >= 5.00 mm`). SUL values are
 * rounded to 0.001 SUL units the same way.
 *
 * **Explanations.** Every time-point answer carries the rule that decided it
 * (::ldrt_response_rule) and, through an ::ldrt_assessment, a sentence with
 * the numbers it used: `"sum -36.4% from baseline 22.0 mm"`.
 *
 * The criteria, settings, defaults and their sources are described in the
 * guide "Tumour response" (doc/guides/response.md).
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/** The response criteria. Names (ldrt_criteria_name()) follow the patient document. */
typedef enum ldrt_criteria {
    LDRT_CRITERIA_RECIST11 = 1,   /**< RECIST 1.1 (Eisenhauer et al., EJC 2009), name "recist1.1". */
    LDRT_CRITERIA_IRECIST = 2,    /**< iRECIST (Seymour et al., Lancet Oncol 2017), name "irecist". */
    LDRT_CRITERIA_PERCIST10 = 3   /**< PERCIST 1.0 (Wahl et al., JNM 2009), name "percist1.0". */
} ldrt_criteria;

/**
 * Response labels. ldrt_response_label_name() gives the CDISC RSORRES
 * spellings. The values are stable (append-only).
 */
typedef enum ldrt_response {
    LDRT_RESPONSE_NONE = 0,              /**< No response: the baseline, or a category that does not apply (name ""). */
    LDRT_RESPONSE_CR = 1,                /**< Complete response, "CR". */
    LDRT_RESPONSE_PR = 2,                /**< Partial response, "PR". */
    LDRT_RESPONSE_SD = 3,                /**< Stable disease, "SD". */
    LDRT_RESPONSE_PD = 4,                /**< Progressive disease, "PD". */
    LDRT_RESPONSE_NE = 5,                /**< Not evaluable, "NE". */
    LDRT_RESPONSE_NON_CR_NON_PD = 6,     /**< Non-target (or non-target-only) neither CR nor PD, "NON-CR/NON-PD". */
    LDRT_RESPONSE_ICR = 7,               /**< iRECIST complete response, "iCR". */
    LDRT_RESPONSE_IPR = 8,               /**< iRECIST partial response, "iPR". */
    LDRT_RESPONSE_ISD = 9,               /**< iRECIST stable disease, "iSD". */
    LDRT_RESPONSE_IUPD = 10,             /**< iRECIST unconfirmed progression, "iUPD". */
    LDRT_RESPONSE_ICPD = 11,             /**< iRECIST confirmed progression, "iCPD". */
    LDRT_RESPONSE_NON_ICR_NON_IUPD = 12, /**< iRECIST non-target-only neither iCR nor iUPD, "NON-iCR/NON-iUPD". */
    LDRT_RESPONSE_CMR = 13,              /**< PERCIST complete metabolic response, "CMR". */
    LDRT_RESPONSE_PMR = 14,              /**< PERCIST partial metabolic response, "PMR". */
    LDRT_RESPONSE_SMD = 15,              /**< PERCIST stable metabolic disease, "SMD". */
    LDRT_RESPONSE_PMD = 16               /**< PERCIST progressive metabolic disease, "PMD". */
} ldrt_response;

/* The role and state of a measurement row: ::ldrt_lesion_role and
 * ::ldrt_lesion_state of ldrt/lesion.h, shared with the patient record. */

/** The rule that decided a time-point response (ldrt_response_rule_name() names it). */
typedef enum ldrt_response_rule {
    LDRT_RULE_NONE = 0,                    /**< No rule (not assessed). */
    LDRT_RULE_BASELINE = 1,                /**< The baseline scan: the reference, no response. */
    LDRT_RULE_BASELINE_INCOMPLETE = 2,     /**< A baseline target lesion was not measured. */
    LDRT_RULE_NO_BASELINE_DISEASE = 3,     /**< No target or non-target lesion at baseline. */
    LDRT_RULE_NEW_LESION = 4,              /**< An unequivocal new lesion: PD. */
    LDRT_RULE_TARGET_PD = 5,               /**< Target sum >= 20% and >= 5 mm above the nadir: PD. */
    LDRT_RULE_TARGET_REAPPEARED = 6,       /**< A target lesion reappeared after a CR: PD. */
    LDRT_RULE_NON_TARGET_PD = 7,           /**< Unequivocal progression of non-target disease: PD. */
    LDRT_RULE_NON_TARGET_REAPPEARED = 8,   /**< A non-target lesion reappeared after a CR: PD. */
    LDRT_RULE_TARGET_MISSING = 9,          /**< A target lesion was not evaluated and could change the answer: NE. */
    LDRT_RULE_CR = 10,                     /**< All targets gone (nodes < 10 mm) and no non-target disease: CR. */
    LDRT_RULE_CR_NON_TARGET_PRESENT = 11,  /**< Targets CR, non-target disease persists: PR (Table 1). */
    LDRT_RULE_CR_NON_TARGET_NE = 12,       /**< Targets CR, non-targets not all evaluated: PR (Table 1). */
    LDRT_RULE_TARGET_PR = 13,              /**< Target sum >= 30% below baseline: PR. */
    LDRT_RULE_TARGET_SD = 14,              /**< Neither PR nor PD: SD. */
    LDRT_RULE_NON_TARGET_CR = 15,          /**< Non-target-only disease, all gone: CR (Table 2). */
    LDRT_RULE_NON_TARGET_NON_CR = 16,      /**< Non-target-only disease persists: NON-CR/NON-PD (Table 2). */
    LDRT_RULE_NON_TARGET_NE = 17,          /**< Non-target-only disease not all evaluated: NE (Table 2). */
    LDRT_RULE_IUPD = 18,                   /**< iRECIST: first RECIST progression, unconfirmed: iUPD. */
    LDRT_RULE_ICPD = 19,                   /**< iRECIST: progression confirmed after iUPD: iCPD. */
    LDRT_RULE_IUPD_PERSISTS = 20,          /**< iRECIST: iUPD neither confirmed nor reversed: stays iUPD. */
    LDRT_RULE_IUPD_TOO_EARLY = 21,         /**< iRECIST: scan too soon after iUPD to confirm it: stays iUPD. */
    LDRT_RULE_CMR = 22,                    /**< PERCIST: hottest lesion at or below the liver, no new lesion: CMR. */
    LDRT_RULE_PMR = 23,                    /**< PERCIST: SULpeak down >= 30% and >= 0.8 SUL: PMR. */
    LDRT_RULE_PMD = 24,                    /**< PERCIST: SULpeak up > 30% and > 0.8 SUL: PMD. */
    LDRT_RULE_SMD = 25,                    /**< PERCIST: none of the above: SMD. */
    LDRT_RULE_NOT_EVALUATED = 26,          /**< The scan's lesions were not evaluated: NE. */
    LDRT_RULE_RECORDED = 27                /**< The response was recorded by a reader, not computed. */
} ldrt_response_rule;

/** Settings of the response engine (ldrt_response_options_set()). */
typedef enum ldrt_response_setting {
    LDRT_SET_CONFIRM_DAYS = 1,          /**< CR/PR confirmation: later scan at least N days after (default 28). */
    LDRT_SET_SD_MIN_DAYS = 2,           /**< SD minimum: at least M days after the reference date (default 42). */
    LDRT_SET_MAX_NE_BETWEEN = 3,        /**< At most K not-evaluable scans between a response and its confirmation (default 1). */
    LDRT_SET_REFERENCE_DATE = 4,        /**< Reference date as an ::ldrt_date value; 0 means the baseline scan (default 0). */
    LDRT_SET_ICONFIRM_MIN_DAYS = 5,     /**< iRECIST: a scan confirms iUPD only at least this many days later (default 28). */
    LDRT_SET_ICONFIRM_TOLERANCE_DAYS = 6, /**< iRECIST: protocol variance allowed below that minimum (default 2). */
    LDRT_SET_PERCIST_PMR_PCT = 7,       /**< PERCIST PMR: minimum SULpeak decrease in percent (default 30). */
    LDRT_SET_PERCIST_PMR_SUL = 8,       /**< PERCIST PMR: minimum absolute decrease in SUL units (default 0.8). */
    LDRT_SET_PERCIST_PMD_PCT = 9,       /**< PERCIST PMD: SULpeak increase in percent that must be exceeded (default 30). */
    LDRT_SET_PERCIST_PMD_SUL = 10,      /**< PERCIST PMD: absolute increase in SUL units that must be exceeded (default 0.8). */
    LDRT_SET_PERCIST_LIVER_PCT = 11,    /**< PERCIST comparability: liver SUL within this percent of baseline (default 20). */
    LDRT_SET_PERCIST_LIVER_SUL = 12,    /**< PERCIST comparability: liver SUL within this many units of baseline (default 0.3). */
    LDRT_SET_ABSCOPAL_PCT = 13,         /**< Abscopal response: decrease of the longest diameter in percent (default 30). */
    LDRT_SET_RESIST_MIN_EXPOSURE_DAYS = 14,  /**< SITC primary resistance: minimum drug exposure (default 42 days = 6 weeks). */
    LDRT_SET_RESIST_LONG_DAYS = 15,     /**< SITC: "6 months" for secondary resistance and long SD (default 183 days). */
    LDRT_SET_RESIST_CONFIRM_DAYS = 16,  /**< SITC: confirmatory scan at least this long after PD (default 28 days = 4 weeks). */
    LDRT_SET_RESIST_OFF_TREATMENT_DAYS = 17  /**< SITC: PD more than this long after the last dose is progression after discontinuation (default 84 days = 12 weeks). */
} ldrt_response_setting;

/** Endpoints derived from the time-point responses (ldrt_assessment_endpoint()). */
typedef enum ldrt_endpoint {
    LDRT_ENDPOINT_TIME_TO_RESPONSE = 1,   /**< Reference date to the first CR/PR. */
    LDRT_ENDPOINT_DURATION_OF_RESPONSE = 2, /**< First CR/PR to the first PD. */
    LDRT_ENDPOINT_DURATION_OF_SD = 3,     /**< Reference date to the first PD, for a best response of SD or NON-CR/NON-PD. */
    LDRT_ENDPOINT_PROGRESSION_FREE = 4,   /**< Reference date to the first PD or the death, whichever comes first. */
    LDRT_ENDPOINT_OVERALL_SURVIVAL = 5    /**< Reference date to the death; censored at the date last known alive (ldrt_assessment_set_follow_up()). */
} ldrt_endpoint;

/** Why an endpoint has no event (ldrt_censor_name()). */
typedef enum ldrt_censor {
    LDRT_CENSOR_NONE = 0,             /**< The event happened: not censored. */
    LDRT_CENSOR_LAST_ASSESSMENT = 1,  /**< No event by the last assessment: censored there. */
    LDRT_CENSOR_NO_ASSESSMENT = 2,    /**< No assessment after the reference date: censored at the reference date. */
    LDRT_CENSOR_NOT_APPLICABLE = 3,   /**< The endpoint does not apply (no response for a duration of response, ...). */
    LDRT_CENSOR_PROGRESSED = 4,       /**< Progression came first (time to response): no response to time. */
    LDRT_CENSOR_NEW_THERAPY = 5,      /**< A new anticancer therapy started before the event: censored at the last assessment before it (FDA endpoints guidance, Appendix 3 PFS tables). */
    LDRT_CENSOR_LAST_KNOWN_ALIVE = 6  /**< Overall survival: alive at the last follow-up, censored at the date last known alive. */
} ldrt_censor;

/** SITC immunotherapy-resistance categories (Kluger et al., JITC 2020). */
typedef enum ldrt_resistance {
    LDRT_RESISTANCE_INSUFFICIENT = 0,  /**< The data do not allow a category; ldrt_resistance_missing() names what is missing. */
    LDRT_RESISTANCE_NONE = 1,          /**< No resistance: no progression, or progression not confirmed. */
    LDRT_RESISTANCE_PRIMARY = 2,       /**< Primary resistance. */
    LDRT_RESISTANCE_SECONDARY = 3,     /**< Secondary (acquired) resistance. */
    LDRT_RESISTANCE_AFTER_DISCONTINUATION = 4, /**< Progression after discontinuation of the drug. */
    LDRT_RESISTANCE_NOT_APPLICABLE = 5  /**< The line is adjuvant or neoadjuvant: Kluger 2020 Table 1 defines resistance "in advanced disease setting" only. */
} ldrt_resistance;

/** The disease setting of a line of therapy (its `intent`). */
typedef enum ldrt_line_setting {
    LDRT_LINE_ADVANCED = 0,    /**< Advanced (metastatic or unresectable) disease: the SITC definitions apply. */
    LDRT_LINE_ADJUVANT = 1,    /**< Adjuvant therapy after resection: no SITC resistance category (#LDRT_RESISTANCE_NOT_APPLICABLE). */
    LDRT_LINE_NEOADJUVANT = 2  /**< Neoadjuvant therapy before resection: no SITC resistance category (#LDRT_RESISTANCE_NOT_APPLICABLE). */
} ldrt_line_setting;

/** The settings of an assessment (opaque). */
typedef struct ldrt_response_options ldrt_response_options;
/** The result of assessing one patient's scans (opaque). */
typedef struct ldrt_assessment ldrt_assessment;
/** The result of a SITC resistance classification (opaque). */
typedef struct ldrt_resistance_result ldrt_resistance_result;
/** The per-lesion response to one radiotherapy course (opaque). */
typedef struct ldrt_course_response ldrt_course_response;

/** @name Names
 * @{ */
/**
 * The CDISC spelling of a response label.
 *
 * @param label an ::ldrt_response value.
 * @return "CR", "PR", "SD", "PD", "NE", "NON-CR/NON-PD", "iCR", "iPR", "iSD",
 *         "iUPD", "iCPD", "NON-iCR/NON-iUPD", "CMR", "PMR", "SMD", "PMD";
 *         "" for #LDRT_RESPONSE_NONE; NULL for a value that is not a label.
 *         Static storage.
 */
LDRT_API const char *ldrt_response_label_name(ldrt_response label);

/**
 * Parses a CDISC response spelling (exact, case-sensitive).
 *
 * @param text  "CR", "iUPD", "NON-CR/NON-PD", ...; not NULL.
 * @param label receives the ::ldrt_response value; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ENOTFOUND (unknown label).
 */
LDRT_API int ldrt_response_label_parse(const char *text, ldrt_response *label);

/**
 * The name of a criteria value.
 *
 * @param criteria an ::ldrt_criteria value.
 * @return "recist1.1", "irecist" or "percist1.0"; NULL for another value.
 */
LDRT_API const char *ldrt_criteria_name(ldrt_criteria criteria);

/**
 * Parses a criteria name.
 *
 * @param text      "recist1.1", "irecist" or "percist1.0"; not NULL.
 * @param criteria  receives the ::ldrt_criteria value; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_criteria_parse(const char *text, ldrt_criteria *criteria);

/**
 * A short English description of a rule ("target sum >= 30% below baseline").
 *
 * @param rule an ::ldrt_response_rule value.
 * @return static text; NULL for a value that is not a rule.
 */
LDRT_API const char *ldrt_response_rule_name(ldrt_response_rule rule);

/**
 * The stable key of a setting, as used in outputs ("confirm_days").
 *
 * @param setting an ::ldrt_response_setting value.
 * @return static text; NULL for a value that is not a setting.
 */
LDRT_API const char *ldrt_response_setting_name(ldrt_response_setting setting);

/**
 * The name of an endpoint ("time_to_response", "duration_of_response",
 * "duration_of_sd", "progression_free").
 *
 * @param endpoint an ::ldrt_endpoint value.
 * @return static text; NULL for another value.
 */
LDRT_API const char *ldrt_endpoint_name(ldrt_endpoint endpoint);

/**
 * The name of a censoring reason ("event", "last assessment", "no assessment",
 * "not applicable", "progressed first").
 *
 * @param censor an ::ldrt_censor value.
 * @return static text; NULL for another value.
 */
LDRT_API const char *ldrt_censor_name(ldrt_censor censor);

/**
 * The name of a resistance category ("insufficient data", "none",
 * "primary resistance", "secondary resistance",
 * "progression after discontinuation", "not applicable").
 *
 * @param category an ::ldrt_resistance value.
 * @return static text; NULL for another value.
 */
LDRT_API const char *ldrt_resistance_name(ldrt_resistance category);
/** @} */

/** @name Settings
 * @{ */
/**
 * Creates settings holding every default (see ::ldrt_response_setting and the
 * guide for each default and its source).
 *
 * @param out receives the new settings; free with ldrt_response_options_free().
 * @return #LDRT_OK, #LDRT_EINVAL (NULL @p out) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_response_options_new(ldrt_response_options **out);

/**
 * Frees settings.
 *
 * @param options settings from ldrt_response_options_new(), or NULL (no-op).
 */
LDRT_API void ldrt_response_options_free(ldrt_response_options *options);

/**
 * Changes one setting.
 *
 * Day counts must be whole numbers from 0 to 3650; #LDRT_SET_MAX_NE_BETWEEN
 * from 0 to 100; percentages above 0 and below 100 (up to 1000 for the PMD
 * increase); SUL units from 0 to 100; #LDRT_SET_REFERENCE_DATE a valid
 * ::ldrt_date or 0.
 *
 * @param options settings; not NULL.
 * @param setting an ::ldrt_response_setting value.
 * @param value   the new value, in the unit of the setting (days, percent,
 *                SUL units, or an ::ldrt_date value).
 * @return #LDRT_OK; #LDRT_EINVAL naming the setting when the value is out of
 *         its domain (nothing changes); #LDRT_ENOTFOUND for an unknown setting.
 */
LDRT_API int ldrt_response_options_set(ldrt_response_options *options, ldrt_response_setting setting, double value);

/**
 * Reads one setting.
 *
 * @param options settings, or NULL for the defaults.
 * @param setting an ::ldrt_response_setting value.
 * @param value   receives the value; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_response_options_get(const ldrt_response_options *options, ldrt_response_setting setting,
                                       double *value);

/**
 * Sets the CR/PR confirmation interval (same as #LDRT_SET_CONFIRM_DAYS).
 *
 * @param options settings; not NULL.
 * @param days    0 to 3650 days; "at least N days" includes N.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_response_options_set_confirm_days(ldrt_response_options *options, int64_t days);

/**
 * Sets the SD minimum (same as #LDRT_SET_SD_MIN_DAYS).
 *
 * @param options settings; not NULL.
 * @param days    0 to 3650 days after the reference date.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_response_options_set_sd_min_days(ldrt_response_options *options, int64_t days);

/**
 * Sets the reference date (same as #LDRT_SET_REFERENCE_DATE).
 *
 * @param options settings; not NULL.
 * @param date    a valid date, or #LDRT_DATE_NONE for the baseline scan's date.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_response_options_set_reference_date(ldrt_response_options *options,
                                                      ldrt_date date);
/** @} */

#ifdef LDRT_EXPERIMENTAL_API
/** @name Cohort engine (flat arrays, no per-patient objects; experimental)
 * The experimental tier: declared only with `LDRT_EXPERIMENTAL_API` defined
 * before the include, exported in the version node `LDRT_EXPERIMENTAL_0.1`,
 * and free to change in any minor release while the array layout is tuned
 * for speed (see @ref guide_abi). Day numbers are `int32_t` here, unlike the
 * `int64_t` day counts of the stable tier: a cohort has millions of time
 * points and the engine is bound by memory bandwidth, and a day number
 * since 1970 fits in 32 bits for the next five million years.
 * @{ */
/**
 * Classifies every time point of many patients by RECIST 1.1.
 *
 * Patient `p` owns time points `patient_offsets[p]` to
 * `patient_offsets[p+1] - 1`, in date order; its first time point is its
 * baseline. Time point `t` owns measurement rows `tp_offsets[t]` to
 * `tp_offsets[t+1] - 1` (see the group description for the row arrays).
 * Baseline roles decide which lesions are targets and non-targets; a later
 * row for a lesion must keep its baseline role, and NEW / NEW_TARGET rows
 * must name lesions that were not at baseline.
 *
 * The whole input is checked before anything is written.
 *
 * @param options          settings, or NULL for the defaults.
 * @param n_patients       number of patients (may be 0).
 * @param patient_offsets  `n_patients + 1` non-decreasing time-point offsets starting at 0.
 * @param tp_offsets       `patient_offsets[n_patients] + 1` non-decreasing row offsets starting at 0.
 * @param lesion           per row: lesion index (0 to 2^20 - 1), stable across a patient's scans.
 * @param role             per row: ::ldrt_lesion_role, optionally | #LDRT_ROLE_NODAL.
 * @param state            per row: ::ldrt_lesion_state.
 * @param value_mm         per row: diameter in mm (>= 0; NaN when not evaluated).
 * @param overall          per time point: receives the overall ::ldrt_response (#LDRT_RESPONSE_NONE at baseline); not NULL.
 * @param target           per time point: receives the target response, or NULL.
 * @param non_target       per time point: receives the non-target response, or NULL.
 * @param sum_mm           per time point: receives the target sum in mm over the lesions measured (NaN if none), or NULL.
 * @param rule             per time point: receives the deciding ::ldrt_response_rule, or NULL.
 * @return #LDRT_OK; #LDRT_EINVAL naming the first bad argument or row
 *         (nothing written); #LDRT_ENOMEM.
 */
LDRT_API int ldrt_recist_classify_arrays(const ldrt_response_options *options, size_t n_patients,
                                         const int64_t *patient_offsets,
                                         const int64_t *tp_offsets, const int32_t *lesion,
                                         const uint8_t *role, const uint8_t *state,
                                         const double *value_mm, int32_t *overall,
                                         int32_t *target, int32_t *non_target, double *sum_mm,
                                         int32_t *rule);

/**
 * Best overall response of many patients from their time-point responses,
 * without and with confirmation (see the guide for the rules).
 *
 * Patient `p` owns time points `patient_offsets[p]` to
 * `patient_offsets[p+1] - 1` in date order. Time points before the
 * patient's reference date and #LDRT_RESPONSE_NONE labels are ignored.
 *
 * @param options          settings, or NULL for the defaults (#LDRT_SET_REFERENCE_DATE is not used here).
 * @param n_patients       number of patients.
 * @param patient_offsets  `n_patients + 1` non-decreasing offsets starting at 0.
 * @param day              per time point: day number (days since 1970-01-01, ldrt_date_to_days()), non-decreasing within a patient.
 * @param label            per time point: an ::ldrt_response of one criteria family.
 * @param reference_day    per patient: day number of the reference date, or NULL for each patient's first time point.
 * @param bor              per patient: receives the best overall response without confirmation; not NULL.
 * @param confirmed_bor    per patient: receives the best overall response with confirmation, or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the first bad argument (nothing written), #LDRT_ENOMEM.
 */
LDRT_API int ldrt_bor_arrays(const ldrt_response_options *options, size_t n_patients,
                             const int64_t *patient_offsets, const int32_t *day,
                             const int32_t *label, const int32_t *reference_day, int32_t *bor,
                             int32_t *confirmed_bor);
/** @} */
#endif /* LDRT_EXPERIMENTAL_API */

/** @name One patient's assessment
 * @{ */
#ifdef LDRT_EXPERIMENTAL_API
/**
 * Assesses one patient's scans from measurements by the given criteria.
 *
 * Experimental tier (`LDRT_EXPERIMENTAL_API`): its row arrays are the cohort
 * engine's and change with them. ldrt_patient_assess() is the stable path.
 *
 * The time points are given in date order, the first being the baseline; the
 * row arrays are as for ldrt_recist_classify_arrays() (for PERCIST, `value`
 * is the SULpeak of a #LDRT_ROLE_TARGET lesion, and one #LDRT_ROLE_REFERENCE
 * row per scan may give the mean liver SUL). The patient's path runs through
 * the same array engine as the cohort entry point.
 *
 * @param criteria    an ::ldrt_criteria value.
 * @param options     settings, or NULL for the defaults (copied into the result).
 * @param n_timepoints number of scans, at least 1.
 * @param dates       per scan: its date (partial dates allowed; intervals then use the span that is certain).
 * @param tp_offsets  `n_timepoints + 1` non-decreasing row offsets starting at 0.
 * @param lesion      per row: lesion index.
 * @param role        per row: ::ldrt_lesion_role (| #LDRT_ROLE_NODAL).
 * @param state       per row: ::ldrt_lesion_state.
 * @param value       per row: diameter in mm, or SUL for PERCIST; NaN when not evaluated.
 * @param out         receives the assessment, owned by the caller (free with
 *                    ldrt_assessment_free()); not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL naming the bad argument or row;
 *         #LDRT_ENOTFOUND for an unknown criteria; #LDRT_ENOMEM.
 */
LDRT_API int ldrt_assess_arrays(ldrt_criteria criteria, const ldrt_response_options *options,
                                size_t n_timepoints, const ldrt_date *dates,
                                const int64_t *tp_offsets, const int32_t *lesion,
                                const uint8_t *role, const uint8_t *state, const double *value,
                                ldrt_assessment **out);
#endif /* LDRT_EXPERIMENTAL_API */

/**
 * Builds an assessment from responses someone already assigned (recorded
 * responses), so that endpoints can be derived without measurements.
 *
 * Every label must belong to the family of @p criteria (RECIST labels for
 * "recist1.1", i-labels for "irecist", metabolic labels for "percist1.0");
 * #LDRT_RESPONSE_NONE marks a baseline. Labels are taken as assigned, even
 * in an unusual order.
 *
 * @param criteria     an ::ldrt_criteria value.
 * @param options      settings, or NULL for the defaults.
 * @param n_timepoints number of scans (may be 0).
 * @param dates        per scan: its date, in date order.
 * @param labels       per scan: the recorded ::ldrt_response.
 * @param out          receives the assessment, owned by the caller (free with
 *                     ldrt_assessment_free()); not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad label or date, #LDRT_ENOTFOUND, #LDRT_ENOMEM.
 */
LDRT_API int ldrt_assess_recorded(ldrt_criteria criteria, const ldrt_response_options *options,
                                  size_t n_timepoints, const ldrt_date *dates,
                                  const int32_t *labels, ldrt_assessment **out);

/**
 * Frees an assessment.
 *
 * @param assessment an assessment, or NULL (no-op).
 */
LDRT_API void ldrt_assessment_free(ldrt_assessment *assessment);

/**
 * The criteria of an assessment.
 *
 * @param assessment an assessment; not NULL.
 * @param criteria   receives the ::ldrt_criteria value; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_assessment_criteria(const ldrt_assessment *assessment, ldrt_criteria *criteria);

/**
 * The settings an assessment used (a copy kept by the assessment).
 *
 * @param assessment an assessment; not NULL.
 * @return the settings, borrowed from @p assessment; NULL when @p assessment is NULL.
 */
LDRT_API const ldrt_response_options *ldrt_assessment_options(const ldrt_assessment *assessment);

/**
 * The number of time points (scans) of an assessment, baseline included.
 *
 * @param assessment an assessment, or NULL (0).
 * @return the number of time points.
 */
LDRT_API size_t ldrt_assessment_timepoint_count(const ldrt_assessment *assessment);

/**
 * The labels of time point @p i.
 *
 * @param assessment  an assessment; not NULL.
 * @param i           0 to count - 1 (0 is the baseline, unless the responses were recorded).
 * @param date        receives the scan date as given, or NULL.
 * @param overall     receives the overall ::ldrt_response, or NULL.
 * @param target      receives the target (PERCIST: metabolic) ::ldrt_response, or NULL.
 * @param non_target  receives the non-target ::ldrt_response (#LDRT_RESPONSE_NONE without non-target disease), or NULL.
 * @param new_lesions receives 1 when an unequivocal new lesion is present, else 0, or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL) or #LDRT_ERANGE (@p i too large).
 */
LDRT_API int ldrt_assessment_timepoint(const ldrt_assessment *assessment, size_t i,
                                       ldrt_date *date, ldrt_response *overall, ldrt_response *target,
                                       ldrt_response *non_target, int *new_lesions);

/**
 * The overall response of time point @p i.
 *
 * @param assessment an assessment; not NULL.
 * @param i          time-point index.
 * @param overall    receives the ::ldrt_response; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_assessment_overall(const ldrt_assessment *assessment, size_t i, ldrt_response *overall);

/**
 * The numbers of time point @p i. A value that does not apply is NaN.
 *
 * @param assessment               an assessment; not NULL.
 * @param i                        time-point index.
 * @param sum                      receives the target sum in mm (PERCIST: the hottest SULpeak), or NULL.
 * @param change_from_baseline_pct receives the change from baseline in percent, or NULL.
 * @param change_from_nadir_pct    receives the change from the nadir before this scan in percent, or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_assessment_values(const ldrt_assessment *assessment, size_t i, double *sum,
                                    double *change_from_baseline_pct,
                                    double *change_from_nadir_pct);

/**
 * The rule that decided time point @p i.
 *
 * @param assessment an assessment; not NULL.
 * @param i          time-point index.
 * @param rule       receives the ::ldrt_response_rule; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_assessment_rule(const ldrt_assessment *assessment, size_t i, ldrt_response_rule *rule);

/**
 * Why time point @p i got its response, with the numbers used
 * (`"sum -36.4% from baseline 22.0 mm"`).
 *
 * @param assessment an assessment.
 * @param i          time-point index.
 * @return text borrowed from @p assessment; NULL (with an error recorded)
 *         for a NULL @p assessment or an @p i out of range.
 */
LDRT_API const char *ldrt_assessment_reason(const ldrt_assessment *assessment, size_t i);

/**
 * Best overall response.
 *
 * @param assessment an assessment; not NULL.
 * @param confirmed  0 for the best response without confirmation, 1 with confirmation.
 * @param label      receives the ::ldrt_response (#LDRT_RESPONSE_NONE when no scan follows the reference date); not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_assessment_best(const ldrt_assessment *assessment, int confirmed, ldrt_response *label);

/**
 * Why the best overall response is what it is (`"PR on 2023-09-20 confirmed
 * by CR on 2023-12 (>= 28 days)"`).
 *
 * @param assessment an assessment.
 * @param confirmed  0 or 1 as for ldrt_assessment_best().
 * @return text borrowed from @p assessment; NULL (with an error) for bad arguments.
 */
LDRT_API const char *ldrt_assessment_best_reason(const ldrt_assessment *assessment, int confirmed);

/**
 * One endpoint: its duration and whether it ended with the event.
 *
 * @param assessment an assessment; not NULL.
 * @param endpoint   an ::ldrt_endpoint value.
 * @param days       receives the duration in days (from the earliest day each date can mean), or NULL; -1 when not applicable.
 * @param censor     receives the ::ldrt_censor reason (#LDRT_CENSOR_NONE for an event), or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (unknown endpoint).
 */
LDRT_API int ldrt_assessment_endpoint(const ldrt_assessment *assessment, ldrt_endpoint endpoint,
                                      int64_t *days, ldrt_censor *censor);

/**
 * Whether an endpoint's event is the death (progression-free time, duration
 * of response and overall survival can end with it).
 *
 * @param assessment an assessment; not NULL.
 * @param endpoint   an ::ldrt_endpoint value.
 * @param death      receives 1 when the endpoint ended with the death, 0 otherwise; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (unknown endpoint).
 */
LDRT_API int ldrt_assessment_endpoint_death(const ldrt_assessment *assessment,
                                            ldrt_endpoint endpoint, int *death);

/**
 * Gives an assessment the patient's follow-up and derives the endpoints
 * again (ldrt_patient_assess() does it from the record: `death_date`, the
 * date last known alive of ldrt_patient_last_known_alive(), and the first
 * event flagged `new_therapy` after the reference date). Each date may be
 * partial or #LDRT_DATE_NONE (unknown).
 *
 * The rules (doc/guides/response.md, "Durations"; FDA, Clinical Trial
 * Endpoints for the Approval of Cancer Drugs and Biologics, Appendix 3):
 * - progression-free time and the duration of response end with the first
 *   PD, or with the death when no PD came first;
 * - when a new anticancer therapy starts after the reference date, only
 *   time points whose earliest day is not after the therapy's earliest day
 *   count, and an endpoint without its event by then is censored at the
 *   last of them (#LDRT_CENSOR_NEW_THERAPY); a death after a new therapy is
 *   not an event of the tumour endpoints;
 * - overall survival runs from the reference date to the death, or is
 *   censored at the date last known alive (#LDRT_CENSOR_LAST_KNOWN_ALIVE);
 *   it is not applicable when neither date is known.
 * Every duration is a range when a date is partial (ldrt_assessment_endpoint_range()).
 *
 * @param assessment        an assessment; not NULL.
 * @param death             the date of death, or #LDRT_DATE_NONE.
 * @param last_known_alive  the date last known alive, or #LDRT_DATE_NONE.
 * @param new_therapy       the start of a new anticancer therapy, or #LDRT_DATE_NONE.
 * @return #LDRT_OK, or #LDRT_EINVAL (an invalid date; a death wholly before
 *         the date last known alive or before a time point), the assessment unchanged.
 */
LDRT_API int ldrt_assessment_set_follow_up(ldrt_assessment *assessment, ldrt_date death,
                                           ldrt_date last_known_alive, ldrt_date new_therapy);

/**
 * The range of one endpoint's duration that the dates allow. A partial date
 * ("2023-09") spans several days, so the interval between two dates is a
 * range: @p days_min is the latest day the start can mean to the earliest
 * day the end can mean, @p days_max the earliest start to the latest end
 * (neither below 0). Both equal ldrt_assessment_endpoint()'s days when both
 * dates are exact. For example from 2023-07-26 to "2023-09": 37 to 66 days.
 *
 * @param assessment an assessment; not NULL.
 * @param endpoint   an ::ldrt_endpoint value.
 * @param days_min   receives the shortest duration in days, or NULL; -1 when not applicable.
 * @param days_max   receives the longest duration in days, or NULL; -1 when not applicable.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL assessment) or #LDRT_ENOTFOUND (unknown endpoint).
 */
LDRT_API int ldrt_assessment_endpoint_range(const ldrt_assessment *assessment, ldrt_endpoint endpoint,
                                            int64_t *days_min, int64_t *days_max);

/**
 * The number of warnings of an assessment (target-selection rules broken,
 * PERCIST scans not comparable, CR followed by PR, partial dates, ...).
 *
 * @param assessment an assessment, or NULL (0).
 * @return the number of warnings.
 */
LDRT_API size_t ldrt_assessment_warning_count(const ldrt_assessment *assessment);

/**
 * Warning @p i of an assessment.
 *
 * @param assessment an assessment.
 * @param i          0 to count - 1.
 * @return text borrowed from @p assessment; NULL (with an error) for bad arguments.
 */
LDRT_API const char *ldrt_assessment_warning(const ldrt_assessment *assessment, size_t i);
/** @} */

/** @name SITC immunotherapy resistance
 * @{ */
/**
 * Classifies resistance to an immune checkpoint inhibitor by the SITC
 * Immunotherapy Resistance Taskforce definitions (Kluger et al., JITC 2020,
 * Table 1): primary resistance (exposure >= 6 weeks; best response PD, or SD
 * for < 6 months; PD confirmed by a scan >= 4 weeks later), secondary
 * resistance (exposure >= 6 months; best response CR, PR or SD > 6 months;
 * confirmed PD), or progression after discontinuation (PD more than 12 weeks
 * after the last dose). When the data do not decide, the category is
 * #LDRT_RESISTANCE_INSUFFICIENT and ldrt_resistance_missing() names the
 * missing item.
 *
 * @param options     settings, or NULL for the defaults.
 * @param first_dose  date of the first dose of the drug (line of therapy); #LDRT_DATE_NONE when unknown.
 * @param last_dose   date of the last dose; #LDRT_DATE_NONE when treatment continues.
 * @param n           number of scans (may be 0).
 * @param dates       per scan: its date, in date order (may be NULL when @p n is 0).
 * @param labels      per scan: RECIST 1.1 (or iRECIST) overall response.
 * @param out         receives the result; free with ldrt_resistance_result_free().
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, #LDRT_ENOMEM.
 */
LDRT_API int ldrt_resistance_classify(const ldrt_response_options *options, ldrt_date first_dose,
                                      ldrt_date last_dose, size_t n, const ldrt_date *dates,
                                      const int32_t *labels, ldrt_resistance_result **out);

/**
 * SITC resistance of one line of therapy, with its disease setting and a
 * bounded confirmation window.
 *
 * As ldrt_resistance_classify(), with two differences. (1) A line whose
 * @p setting is adjuvant or neoadjuvant is #LDRT_RESISTANCE_NOT_APPLICABLE:
 * Kluger et al. 2020 (Table 1) define primary and secondary resistance "in
 * advanced disease setting", and no published SITC definition for
 * (neo)adjuvant lines is applied. (2) The confirmatory scan of a PD is the
 * next evaluable scan at least #LDRT_SET_RESIST_CONFIRM_DAYS (28) days after
 * it (Kluger 2020 Table 1: ">= 4 weeks after initial PD") that lies wholly
 * before the first of @p interventions that may fall on or after the PD: a
 * scan taken after another line of therapy, radiotherapy or surgery measures
 * that treatment too, so it neither confirms nor refutes the PD (this bound
 * is a convention of the library, not a SITC rule). Without such a scan the
 * result is #LDRT_RESISTANCE_INSUFFICIENT and ldrt_resistance_missing()
 * names the confirmatory scan and the intervention that closed the window.
 * ldrt_resistance_classify() is this function with #LDRT_LINE_ADVANCED and
 * no interventions.
 *
 * @param options          settings, or NULL for the defaults.
 * @param setting          an ::ldrt_line_setting value.
 * @param first_dose       date of the line's first administration; #LDRT_DATE_NONE when unknown.
 * @param last_dose        date of the line's last administration before the PD; #LDRT_DATE_NONE when treatment continues.
 * @param n                number of scans (may be 0).
 * @param dates            per scan: its date, in date order (may be NULL when @p n is 0).
 * @param labels           per scan: RECIST 1.1 (or iRECIST) overall response.
 * @param n_interventions  number of intervention dates (may be 0).
 * @param interventions    dates of treatments other than the line (start of another line, first fraction of a radiotherapy course, surgery), in any order; may be NULL when @p n_interventions is 0.
 * @param out              receives the result; free with ldrt_resistance_result_free().
 * @return #LDRT_OK, #LDRT_EINVAL naming the bad argument, #LDRT_ENOMEM.
 */
LDRT_API int ldrt_resistance_classify_line(const ldrt_response_options *options, ldrt_line_setting setting,
                                           ldrt_date first_dose, ldrt_date last_dose, size_t n,
                                           const ldrt_date *dates, const int32_t *labels,
                                           size_t n_interventions, const ldrt_date *interventions,
                                           ldrt_resistance_result **out);

/**
 * Frees a resistance result.
 *
 * @param result a result, or NULL (no-op).
 */
LDRT_API void ldrt_resistance_result_free(ldrt_resistance_result *result);

/**
 * The category of a resistance result.
 *
 * @param result   a result; not NULL.
 * @param category receives the ::ldrt_resistance value; not NULL.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_resistance_category(const ldrt_resistance_result *result, ldrt_resistance *category);

/**
 * The item whose absence left the category undecided ("confirmatory scan >=
 * 28 days after PD"), or "" when the category is decided.
 *
 * @param result a result.
 * @return text borrowed from @p result; NULL for a NULL @p result.
 */
LDRT_API const char *ldrt_resistance_missing(const ldrt_resistance_result *result);

/**
 * The explanation of a resistance result, with the dates and durations used.
 *
 * @param result a result.
 * @return text borrowed from @p result; NULL for a NULL @p result.
 */
LDRT_API const char *ldrt_resistance_reason(const ldrt_resistance_result *result);
/** @} */

#ifdef LDRT_EXPERIMENTAL_API
/** @name Abscopal (out-of-field) response over arrays (experimental)
 * The experimental tier (`LDRT_EXPERIMENTAL_API`, see @ref guide_abi);
 * ldrt_patient_course_response() is the stable path from a record.
 * @{ */
/**
 * Flags lesions whose longest diameter fell by at least the abscopal
 * threshold (#LDRT_SET_ABSCOPAL_PCT, default 30%) from @p before_mm to
 * @p after_mm, and tells which of them are out of the radiation field.
 *
 * A lesion counts as an abscopal response when it is out of field
 * (`in_field[i] == 0`), both values are known, `before_mm > 0`, and
 * `after_mm <= before_mm * (1 - threshold/100)` (exact to 0.01 mm).
 *
 * @param options     settings, or NULL for the defaults.
 * @param n           number of lesions.
 * @param before_mm   per lesion: diameter before the course in mm (NaN unknown).
 * @param after_mm    per lesion: diameter after the course in mm (NaN unknown).
 * @param in_field    per lesion: 1 when irradiated by the course, 0 when out of field.
 * @param change_pct  per lesion: receives the change in percent (NaN when unknown), or NULL.
 * @param abscopal    per lesion: receives 1 for an abscopal response, else 0; not NULL.
 * @param n_abscopal  receives the number of abscopal responses, or NULL.
 * @return #LDRT_OK or #LDRT_EINVAL naming the bad argument (nothing written).
 */
LDRT_API int ldrt_abscopal_arrays(const ldrt_response_options *options, size_t n,
                                  const double *before_mm, const double *after_mm,
                                  const uint8_t *in_field, double *change_pct,
                                  uint8_t *abscopal, size_t *n_abscopal);
/** @} */
#endif /* LDRT_EXPERIMENTAL_API */


/** @name A patient's record
 * The same engine, fed from a patient record (patient.h).
 * @{ */
/**
 * Assesses a patient's scans by the given criteria.
 *
 * The baseline is the first imaging event marked `baseline` that has data
 * for the criteria (lesion measurements or non-target states for RECIST 1.1
 * and iRECIST, SULpeak values for PERCIST), else the first scan with such
 * data; earlier scans are ignored, and later scans that say nothing under
 * the criteria are skipped. Lesion roles come from each lesion's `category`
 * (a lesion without one is a target when measured at baseline, a non-target
 * when it has a non-target state there, else new). A lesion categorised
 * target that the baseline does not measure (or non-target that it does not
 * record) is left out of the assessment with a warning naming its id:
 * RECIST 1.1 chooses targets among the lesions measured at baseline. A new lesion with a
 * diameter of at least 10 mm (15 mm for a node) is an iRECIST new-lesion
 * target; the ids of `new_lesions` entries name new lesions across scans.
 * PERCIST uses the lesions with a SULpeak at baseline; later SULpeaks of
 * lesions marked new, and `new_lesions` entries, are new FDG-avid lesions.
 * When the patient has no such baseline, the endpoints are derived from the
 * scans' recorded responses for the criteria (ldrt_assess_recorded()).
 * Reasons name lesions by their ids.
 *
 * @param patient   a patient; not NULL.
 * @param criteria  an ::ldrt_criteria value.
 * @param options   settings, or NULL for the defaults.
 * @param out       receives the assessment; free with ldrt_assessment_free().
 * @return #LDRT_OK; #LDRT_ENOTFOUND for an unknown criteria or when the
 *         patient has neither a baseline nor recorded responses for it;
 *         #LDRT_EINVAL; #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_assess(const ldrt_patient *patient, ldrt_criteria criteria,
                                 const ldrt_response_options *options, ldrt_assessment **out);

/**
 * Per-lesion response to one radiotherapy course: in field (named in the
 * course's `targets`) or out of field, the diameter before the course (the
 * last measurement on a scan whose earliest day is not after the first
 * fraction's), every measurement after the course (scans whose earliest day
 * is after the last fraction's), the best (smallest) one, and whether the
 * lesion responded (a decrease of at least #LDRT_SET_ABSCOPAL_PCT, default
 * 30%, exact to 0.01 mm) and how many days after the last fraction. An
 * out-of-field lesion that responded is an abscopal response. Lesions without
 * a measurement before and after the course are left out. "Too small to
 * measure" counts as 5 mm.
 *
 * @param patient  a patient; not NULL.
 * @param course   one of its courses, with fractions.
 * @param options  settings, or NULL for the defaults.
 * @param out      receives the result; free with ldrt_course_response_free().
 * @return #LDRT_OK; #LDRT_EINVAL (NULL, not a course of this patient);
 *         #LDRT_ENOTFOUND (a course without fractions); #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_course_response(const ldrt_patient *patient, const ldrt_course *course,
                                          const ldrt_response_options *options,
                                          ldrt_course_response **out);

/**
 * Frees a course response.
 *
 * @param response a result, or NULL (no-op).
 */
LDRT_API void ldrt_course_response_free(ldrt_course_response *response);

/**
 * The number of lesions of a course response.
 *
 * @param response a result, or NULL (0).
 * @return the number of lesions measured before and after the course.
 */
LDRT_API size_t ldrt_course_response_count(const ldrt_course_response *response);

/**
 * The number of abscopal responses: out-of-field lesions that responded.
 *
 * @param response a result, or NULL (0).
 * @return the count.
 */
LDRT_API size_t ldrt_course_response_abscopal_count(const ldrt_course_response *response);

/**
 * One lesion of a course response. Every out parameter may be NULL.
 *
 * @param response          a result; not NULL.
 * @param i                 0 to count - 1.
 * @param lesion            receives the lesion (borrowed from the patient).
 * @param in_field          receives 1 when the course targets the lesion, else 0.
 * @param before_mm         receives the diameter before the course in mm.
 * @param best_mm           receives the smallest diameter after the course in mm.
 * @param best_change_pct   receives the change from before to best in percent.
 * @param responded         receives 1 when the decrease reached the threshold.
 * @param days_to_response  receives the days from the last fraction to the first scan that met it, or -1.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_course_response_lesion(const ldrt_course_response *response, size_t i,
                                         const ldrt_lesion **lesion, int *in_field,
                                         double *before_mm, double *best_mm,
                                         double *best_change_pct, int *responded,
                                         int64_t *days_to_response);

/**
 * The days from the last fraction to the first scan that met the response
 * threshold for lesion @p i, as the range the (possibly partial) dates
 * allow: from the earliest day of the scan to the latest day of the last
 * fraction (at least 0), and from the latest day of the scan to the
 * earliest day of the last fraction. A scan of September 2023 after a last
 * fraction on 2023-07-26 gives 37 to 66 days; exact dates give equal
 * bounds. -1 and -1 when the lesion did not respond. Out parameters may be
 * NULL.
 *
 * @param response  a result.
 * @param i         lesion index, < ldrt_course_response_count().
 * @param days_min  receives the shortest number of days, or -1.
 * @param days_max  receives the longest number of days, or -1.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_course_response_days_range(const ldrt_course_response *response, size_t i,
                                             int64_t *days_min, int64_t *days_max);

/**
 * The number of scans after the course that measured lesion @p i.
 *
 * @param response a result, or NULL (0).
 * @param i        lesion index (0 when out of range).
 * @return the count.
 */
LDRT_API size_t ldrt_course_response_scan_count(const ldrt_course_response *response, size_t i);

/**
 * One measurement of lesion @p i after the course: its change from before.
 *
 * @param response     a result; not NULL.
 * @param i            lesion index.
 * @param j            0 to scan count - 1, in date order.
 * @param date         receives the scan date, or NULL.
 * @param diameter_mm  receives the diameter in mm, or NULL.
 * @param change_pct   receives the change from before the course in percent, or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_course_response_scan(const ldrt_course_response *response, size_t i, size_t j,
                                       ldrt_date *date, double *diameter_mm, double *change_pct);

/**
 * SITC resistance to a drug from a patient's record: the first dose is the
 * first administration of @p drug on or after @p line_start; the responses
 * are the time points of @p assessment together with the record's
 * `progression` and `recurrence` events (taken as PD); the last dose is the
 * last administration before progression when a hold of the drug follows it
 * (otherwise treatment is taken as continuing). Then as
 * ldrt_resistance_classify_line(), with the setting (`intent`) of the line
 * of therapy (ldrt_patient_therapy_lines()) that holds the first dose, and
 * as interventions the starts of the other lines, the radiotherapy courses
 * and the surgery (as ldrt_patient_line_resistance()): an adjuvant line is
 * #LDRT_RESISTANCE_NOT_APPLICABLE and a scan after another treatment does
 * not confirm a PD. For a combination, prefer ldrt_patient_line_resistance(),
 * which treats the drugs given together as one line.
 *
 * @param patient     a patient; not NULL.
 * @param drug        the drug name (for example "pembrolizumab"); not NULL.
 * @param line_start  the start of the line of therapy, or #LDRT_DATE_NONE for the first administration ever.
 * @param assessment  a RECIST 1.1 or iRECIST assessment of the patient, or NULL.
 * @param options     settings, or NULL for the defaults.
 * @param out         receives the result; free with ldrt_resistance_result_free().
 * @return #LDRT_OK, #LDRT_EINVAL (NULL, bad date, a PERCIST assessment) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_resistance(const ldrt_patient *patient, const char *drug,
                                     ldrt_date line_start, const ldrt_assessment *assessment,
                                     const ldrt_response_options *options,
                                     ldrt_resistance_result **out);

/**
 * The lines of therapy of a patient: the systemic events that start one, in
 * time order. A systemic event starts a line when it is the patient's first,
 * when it records cycle 1 (a new line or a rechallenge), or when it gives a
 * drug that the current line's first event does not give; any other
 * systemic event (for example maintenance of one of the line's drugs)
 * continues the current line. Drugs given together in one event are one
 * line (a combination; SITC: Kluger et al., JITC 2023;11:e005921, consensus
 * definitions for resistance to combinations of immune checkpoint
 * inhibitors). A line ends where the next one starts.
 *
 * @param patient  a patient; not NULL.
 * @param out      receives the array of events (borrowed from the patient; free the array with ldrt_free()); not NULL.
 * @param count    receives the number of lines; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_therapy_lines(const ldrt_patient *patient, const ldrt_systemic ***out,
                                        size_t *count);

/** @name Drug exposure per line of therapy
 * Drug exposure as clinicians count it: per line of therapy
 * (ldrt_patient_therapy_lines()) and per drug within a line. A drug given
 * in two lines (a first course and a rechallenge) is counted twice, once
 * in each line, and the gap between the lines is not time on drug.
 *
 * - **Administrations.** `recorded` is the number of administrations the
 *   record lists in the line (series expanded). When the cycle numbers show
 *   more cycles than that (cycle 5 and cycle 19 recorded: cycles 6 to 18
 *   happened undated), `count` is the number of cycles they imply and
 *   `exact` is 0: the line gave *at least* `count` administrations. Without
 *   such evidence `count` equals `recorded` and `exact` is 1.
 * - **Time on drug.** Days from the first to the last administration of
 *   the drug in the line, with each interval that a hold of the drug
 *   (ldrt_patient_drug_holds()) interrupts left out: the administrations
 *   are split into runs at each hold dated between two of them, and the
 *   spans of the runs are added. Partial dates give a range
 *   [`min_days`, `max_days`]; two administrations of one series are
 *   exactly their offset apart. The last cycle's own length is not added.
 *
 * The result is a snapshot: it holds no reference to the patient except
 * the line handles (ldrt_exposure_line()), which are borrowed from it.
 * Line and drug indices start at 0; an index out of range is
 * #LDRT_ERANGE with a message naming it.
 * @{ */
/** Exposure of a patient to each drug of each line of therapy. */
typedef struct ldrt_exposure ldrt_exposure;

/**
 * Counts the exposure of a patient to each drug, per line of therapy.
 * @param patient  a patient; not NULL.
 * @param out      receives the result; free with ldrt_exposure_free().
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_exposure(const ldrt_patient *patient, ldrt_exposure **out);
/**
 * Frees an exposure result.
 * @param exposure  a result of ldrt_patient_exposure(), or NULL.
 */
LDRT_API void ldrt_exposure_free(ldrt_exposure *exposure);
/**
 * Number of lines of therapy.
 * @param exposure  a result; NULL gives 0.
 * @return the number of lines (as ldrt_patient_therapy_lines()).
 */
LDRT_API size_t ldrt_exposure_line_count(const ldrt_exposure *exposure);
/**
 * The systemic event that starts a line.
 * @param exposure  a result; not NULL.
 * @param line      the line, 0 to ldrt_exposure_line_count() - 1.
 * @return the event (borrowed from the patient), or NULL (error set).
 */
LDRT_API const ldrt_systemic *ldrt_exposure_line(const ldrt_exposure *exposure, size_t line);
/**
 * Number of drugs given in a line, in order of first use.
 * @param exposure  a result.
 * @param line      the line.
 * @return the number of drugs, or 0 when @p exposure is NULL or @p line out of range.
 */
LDRT_API size_t ldrt_exposure_drug_count(const ldrt_exposure *exposure, size_t line);
/**
 * The name of a drug of a line.
 * @param exposure  a result; not NULL.
 * @param line      the line.
 * @param drug      the drug, 0 to ldrt_exposure_drug_count() - 1.
 * @return the drug name (owned by @p exposure), or NULL (error set).
 */
LDRT_API const char *ldrt_exposure_drug(const ldrt_exposure *exposure, size_t line, size_t drug);
/**
 * First and last recorded administration of a drug in a line.
 * @param exposure  a result; not NULL.
 * @param line      the line.
 * @param drug      the drug.
 * @param first     receives the first administration's (possibly partial) date; may be NULL.
 * @param last      receives the last administration's (possibly partial) date; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_exposure_dates(const ldrt_exposure *exposure, size_t line, size_t drug,
                                 ldrt_date *first, ldrt_date *last);
/**
 * Number of administrations of a drug in a line.
 * @param exposure  a result; not NULL.
 * @param line      the line.
 * @param drug      the drug.
 * @param recorded  receives the number of administrations the record lists; may be NULL.
 * @param count     receives the number given: @p recorded, or more when the cycle numbers imply undated cycles; may be NULL.
 * @param exact     receives 1 when @p count is exact, 0 when it is a lower bound ("at least"); may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_exposure_count(const ldrt_exposure *exposure, size_t line, size_t drug,
                                 size_t *recorded, size_t *count, int *exact);
/**
 * Time on a drug in a line, holds excluded, as a range of days.
 * @param exposure  a result; not NULL.
 * @param line      the line.
 * @param drug      the drug.
 * @param min_days  receives the smallest value the dates allow (>= 0); may be NULL.
 * @param max_days  receives the largest; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ERANGE.
 */
LDRT_API int ldrt_exposure_days(const ldrt_exposure *exposure, size_t line, size_t drug,
                                int64_t *min_days, int64_t *max_days);
/** @} */

/**
 * SITC resistance of one line of therapy from a patient's record, with
 * ldrt_resistance_classify_line(). The line is the systemic event @p line
 * (one of ldrt_patient_therapy_lines()) and the systemic events that continue
 * it; its drugs are those of @p line. Its setting comes from the `intent` of
 * @p line ("adjuvant", "neoadjuvant", else advanced). Exposure runs from
 * the line's first administration to its last administration whose date
 * is not after the PD. The responses are the time points of @p assessment and
 * the record's `progression` and `recurrence` events (as PD) from the first
 * administration up to the start of the next line. The interventions are the
 * starts of the other lines, the first fraction of each radiotherapy course,
 * and each surgery (except a biopsy that removes no lesion: a surgery whose
 * `procedure` contains "biops" and that lists no removed lesion); the
 * result's texts name them.
 *
 * @param patient     a patient; not NULL.
 * @param line        a systemic event of @p patient that starts a line; not NULL.
 * @param assessment  a RECIST 1.1 or iRECIST assessment of the patient, or NULL.
 * @param options     settings, or NULL for the defaults.
 * @param out         receives the result; free with ldrt_resistance_result_free().
 * @return #LDRT_OK, #LDRT_EINVAL (NULL, not a line start of this patient, a PERCIST assessment) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_line_resistance(const ldrt_patient *patient, const ldrt_systemic *line,
                                          const ldrt_assessment *assessment,
                                          const ldrt_response_options *options,
                                          ldrt_resistance_result **out);
/** @} */

#ifdef __cplusplus
}
#endif

/** @} */
#endif /* LDRT_RESPONSE_H */
