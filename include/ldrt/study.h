/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/study.h
 * @brief A study: the records of many subjects, read from and written to
 *        CDISC SDTM domains (CSV), and the audit of the responses a reader
 *        recorded (RS) against the ones the criteria give from the
 *        measurements (TR).
 */
#ifndef LDRT_STUDY_H
#define LDRT_STUDY_H

#include <stddef.h>

#include "ldrt/common.h"
#include "ldrt/patient.h"
#include "ldrt/render.h"
#include "ldrt/response.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup study Studies and CDISC SDTM
 * @brief One record per subject (named by its USUBJID), read from SDTM
 *        domains in CSV, written back, and audited.
 *
 * **Files.** ldrt_study_read_sdtm() reads, in a directory, every file named
 * `<domain>.csv` or `<domain>_<anything>.csv` (the pharmaversesdtm layout:
 * `tu_onco_recist.csv`, `rs_onco_irecist.csv`) for the domains DM, DS, TU,
 * TR, RS, EX, PR and AE (lower or upper case), in name order. The files are
 * CSV (RFC 4180) with the SDTM variable names in the header row; an empty
 * field or an unquoted `NA` is a missing value. SAS transport (.xpt) files
 * are not read.
 *
 * **Reader streams.** TU, TR and RS rows carry the evaluator (TUEVAL,
 * TREVAL, RSEVAL; with TUEVALID... when several assessors of one kind read
 * the same scans). A stream is named `EVAL` or `EVAL/EVALID`
 * (`"INVESTIGATOR"`, `"INDEPENDENT ASSESSOR/RADIOLOGIST 1"`); a row without
 * an evaluator belongs to `"INVESTIGATOR"`. One stream is read into the
 * records (ldrt_sdtm_options_set_reader()); the rows of the others are left
 * aside (not reported as unmapped) and ldrt_study_reader_at() lists every
 * stream found.
 *
 * **Nothing dropped silently.** A row that cannot be mapped onto the
 * record (an unknown test code, a measurement the criteria do not use, an
 * unparseable date, a response of other criteria) is listed with its
 * domain, file, row number (the header is row 1), USUBJID and the reason:
 * ldrt_study_unmapped_at().
 *
 * The variable mapping is tabulated in the guide `doc/guides/trials.md`.
 * @{
 */

/** A study: subjects (each an ::ldrt_patient whose id is the USUBJID). */
typedef struct ldrt_study ldrt_study;
/** Settings of the SDTM reader. */
typedef struct ldrt_sdtm_options ldrt_sdtm_options;
/** The audit of a study's recorded responses (ldrt_study_audit_new()). */
typedef struct ldrt_study_audit ldrt_study_audit;

/** Dates a study keeps per subject besides its record. Values are stable. */
typedef enum ldrt_study_date {
    LDRT_STUDY_FIRST_DOSE = 1,    /**< First dose of study treatment: DM.RFXSTDTC, else the earliest EX.EXSTDTC. */
    LDRT_STUDY_RANDOMIZATION = 2  /**< Randomization: DS.DSSTDTC of the row whose DSDECOD is RANDOMIZED. */
} ldrt_study_date;

/**
 * New reader settings: the stream `"INVESTIGATOR"`, RECIST 1.1 responses.
 * @param out  receives the settings; free with ldrt_sdtm_options_free().
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_sdtm_options_new(ldrt_sdtm_options **out);
/**
 * Frees reader settings.
 * @param options  settings, or NULL.
 */
LDRT_API void ldrt_sdtm_options_free(ldrt_sdtm_options *options);
/**
 * Chooses the reader stream to read: `EVAL` or `EVAL/EVALID`, compared
 * without regard to ASCII case. `EVAL` alone must not match streams of
 * several evaluator ids (the read then fails naming them).
 * @param options  settings.
 * @param reader   non-empty text; copied.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_sdtm_options_set_reader(ldrt_sdtm_options *options, const char *reader);
/**
 * Chooses the criteria whose recorded responses are read from RS
 * (OVRLRESP rows whose RSCAT names them; a row without RSCAT is taken as
 * these criteria). RS rows of other criteria are listed as unmapped.
 * @param options   settings.
 * @param criteria  an ::ldrt_criteria value.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_sdtm_options_set_criteria(ldrt_sdtm_options *options, ldrt_criteria criteria);

/**
 * A new, empty study.
 * @param studyid  the STUDYID written by ldrt_study_write_sdtm(), non-empty; copied.
 * @param out      receives the study; free with ldrt_study_free().
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_study_new(const char *studyid, ldrt_study **out);
/**
 * Frees a study and every record it holds.
 * @param study  a study, or NULL.
 */
LDRT_API void ldrt_study_free(ldrt_study *study);
/**
 * Reads the SDTM domains of a directory into a study, one record per
 * USUBJID (subjects in USUBJID order).
 *
 * - DM: SEX (`M`, `F`, `U` as `male`, `female`, `unknown`), BRTHDTC, RFXSTDTC, STUDYID.
 * - DS: DSSTDTC of DSDECOD `RANDOMIZED`.
 * - TU: one lesion per TULNKID (TUSTRESC `TARGET`, `NON-TARGET`, `NEW`;
 *   TULOC as site and organ; nodal when TULOC names a lymph node).
 * - TR: one scan per subject and TRDTC (the earliest is the baseline);
 *   LDIAM for a non-nodal target, SAXIS (else LPERP) for a nodal one,
 *   TRSTRESN in mm (`cm` converted), TRSTRESC `TOO SMALL TO MEASURE`,
 *   TRSTAT `NOT DONE` or no result: not evaluated; TUMSTATE of a
 *   non-target lesion (`PRESENT`, `ABSENT`, `UNEQUIVOCAL PROGRESSION`,
 *   `NOT EVALUATED`); the size of a new lesion.
 * - RS: OVRLRESP (RSSTRESC, else RSORRES) as the recorded response of the
 *   scan of that date (RSDTC; a scan is added when there is none).
 * - EX: a systemic event per row (EXTRT, EXDOSE > 0 with EXDOSU, EXSTDTC, EXENDTC).
 * - PR: PRCAT naming radiotherapy: fractions (PRDOSE in Gy, PRSTDTC) of
 *   one course per PRGRPID; PRCAT naming surgery: a surgery (PRTRT, PRLOC).
 * - AE: a toxicity per row (AEDECOD else AETERM, AETOXGR 1-5, AESTDTC, AEENDTC).
 *
 * Dates are ISO 8601 as SDTM writes them, partial ones kept partial
 * (`2014`, `2014-01`, `2014-01-02`, a time after `T` ignored).
 *
 * @param dir      the directory.
 * @param options  settings, or NULL for the defaults.
 * @param out      receives the study; free with ldrt_study_free().
 * @return #LDRT_OK; #LDRT_EIO (unreadable directory or file); #LDRT_EPARSE
 *         (bad CSV, a required variable missing: the message names the
 *         file, row and column); #LDRT_ENOTFOUND (no domain file, or the
 *         reader stream is ambiguous); #LDRT_ERANGE (a limit); #LDRT_EINVAL;
 *         #LDRT_ENOMEM. Nothing is returned on failure.
 */
LDRT_API int ldrt_study_read_sdtm(const char *dir, const ldrt_sdtm_options *options,
                                  ldrt_study **out);
/**
 * Writes a study as SDTM CSV files in an existing directory: dm.csv,
 * tu.csv, tr.csv, rs.csv, ex.csv, pr.csv and ae.csv, each replaced
 * atomically. RS holds the overall response libldrt computes at every
 * time point (RSORRES and RSSTRESC, the criteria in RSCAT), TR the
 * measurements (LDIAM, or SAXIS for a nodal lesion; TUMSTATE of non-target
 * lesions), the evaluator being the study's reader stream.
 * @param study     a study.
 * @param dir       an existing directory.
 * @param criteria  the criteria of the RS rows.
 * @param options   response settings, or NULL for the defaults.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_EIO or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_study_write_sdtm(const ldrt_study *study, const char *dir,
                                   ldrt_criteria criteria, const ldrt_response_options *options);
/**
 * The STUDYID.
 * @param study a study.
 * @return borrowed text, or NULL for NULL.
 */
LDRT_API const char *ldrt_study_id(const ldrt_study *study);
/**
 * The reader stream the records hold (ldrt_sdtm_options_set_reader()).
 * @param study a study.
 * @return borrowed text, or NULL for NULL.
 */
LDRT_API const char *ldrt_study_reader(const ldrt_study *study);
/**
 * Number of reader streams found in the data (TU, TR, RS).
 * @param study a study (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_study_reader_count(const ldrt_study *study);
/**
 * One reader stream found in the data, in name order.
 * @param study  a study.
 * @param index  0 to count - 1.
 * @return borrowed text, or NULL when out of range.
 */
LDRT_API const char *ldrt_study_reader_at(const ldrt_study *study, size_t index);
/**
 * Number of subjects.
 * @param study a study (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_study_subject_count(const ldrt_study *study);
/**
 * The record of one subject (its id is the USUBJID).
 * @param study  a study.
 * @param index  0 to count - 1.
 * @return the borrowed record, or NULL when out of range.
 */
LDRT_API const ldrt_patient *ldrt_study_patient_at(const ldrt_study *study, size_t index);
/**
 * The record of one subject, for change (its id must not be changed).
 * @param study  a study.
 * @param index  0 to count - 1.
 * @return the borrowed record, or NULL when out of range.
 */
LDRT_API ldrt_patient *ldrt_study_patient_at_mut(ldrt_study *study, size_t index);
/**
 * Finds a subject by USUBJID.
 * @param study    a study.
 * @param usubjid  the id.
 * @param index    receives the index; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_study_find_subject(const ldrt_study *study, const char *usubjid, size_t *index);
/**
 * Adds a record to a study, which takes it over on success (the caller
 * must not free it then); its id is the USUBJID.
 * @param study    a study.
 * @param patient  a record whose id no subject of the study has.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ESTATE (the id is taken: the record stays the caller's) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_study_add_patient(ldrt_study *study, ldrt_patient *patient);
/**
 * A date the study keeps for a subject.
 * @param study  a study.
 * @param index  subject index.
 * @param which  an ::ldrt_study_date.
 * @param out    receives the date; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (not recorded).
 */
LDRT_API int ldrt_study_subject_date(const ldrt_study *study, size_t index, ldrt_study_date which,
                                     ldrt_date *out);
/**
 * Sets or clears a date the study keeps for a subject.
 * @param study  a study.
 * @param index  subject index.
 * @param which  an ::ldrt_study_date.
 * @param date   a valid date, or #LDRT_DATE_NONE to clear.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_study_set_subject_date(ldrt_study *study, size_t index, ldrt_study_date which,
                                         ldrt_date date);
/**
 * Number of rows the reader could not map.
 * @param study a study (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_study_unmapped_count(const ldrt_study *study);
/**
 * One row the reader could not map. Every out parameter may be NULL.
 * @param study    a study.
 * @param index    0 to count - 1.
 * @param domain   receives the domain (`"TR"`), borrowed.
 * @param file     receives the file name (without its directory), borrowed.
 * @param row      receives the row number (the header is row 1).
 * @param usubjid  receives the USUBJID (`""` when missing), borrowed.
 * @param reason   receives why it was not mapped, borrowed.
 * @return #LDRT_OK or #LDRT_EINVAL (NULL study, @p index out of range).
 */
LDRT_API int ldrt_study_unmapped_at(const ldrt_study *study, size_t index, const char **domain,
                                    const char **file, size_t *row, const char **usubjid,
                                    const char **reason);

/**
 * Starts an audit of a study by some criteria: add subjects with
 * ldrt_study_audit_add(), then read or render the results.
 * @param study     a study; it must outlive the audit and not change meanwhile.
 * @param criteria  an ::ldrt_criteria value.
 * @param out       receives the audit; free with ldrt_study_audit_free().
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_study_audit_new(const ldrt_study *study, ldrt_criteria criteria,
                                  ldrt_study_audit **out);
/**
 * Frees an audit.
 * @param audit an audit, or NULL.
 */
LDRT_API void ldrt_study_audit_free(ldrt_study_audit *audit);
/**
 * Assesses one subject (ldrt_patient_assess()) and compares, time point by
 * time point, the computed overall response with the one recorded for the
 * scan of that date (RS). Every date where they differ (or where one of
 * them is missing while the other is not) is a disagreement, with the
 * reason of the computed answer (the rule and its numbers). A subject with
 * neither a baseline scan nor recorded responses is added as not
 * assessable (ldrt_study_audit_result()).
 * @param audit    an audit.
 * @param subject  subject index in the study.
 * @param options  response settings for this subject, or NULL for the defaults.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_study_audit_add(ldrt_study_audit *audit, size_t subject,
                                  const ldrt_response_options *options);
/**
 * Number of subjects audited.
 * @param audit an audit (NULL gives 0).
 * @return the count.
 */
LDRT_API size_t ldrt_study_audit_count(const ldrt_study_audit *audit);
/**
 * The result of one audited subject. Every out parameter may be NULL.
 * @param audit      an audit.
 * @param i          0 to count - 1.
 * @param usubjid    receives the USUBJID, borrowed.
 * @param best       receives the computed best overall ::ldrt_response (#LDRT_RESPONSE_NONE when none).
 * @param confirmed  receives the confirmed best overall ::ldrt_response.
 * @param computed   receives 1 when the responses were computed from measurements,
 *                   0 when the assessment took the recorded ones (no baseline),
 *                   -1 when the subject was not assessable.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_study_audit_result(const ldrt_study_audit *audit, size_t i, const char **usubjid,
                                     ldrt_response *best, ldrt_response *confirmed, int *computed);
/**
 * Number of disagreements of one audited subject.
 * @param audit  an audit.
 * @param i      0 to count - 1.
 * @return the count (0 when out of range).
 */
LDRT_API size_t ldrt_study_audit_disagreement_count(const ldrt_study_audit *audit, size_t i);
/**
 * One disagreement. Every out parameter may be NULL.
 * @param audit     an audit.
 * @param i         subject, 0 to count - 1.
 * @param j         disagreement, 0 to its count - 1.
 * @param date      receives the scan date.
 * @param computed  receives the computed ::ldrt_response (#LDRT_RESPONSE_NONE when none).
 * @param recorded  receives the recorded ::ldrt_response (#LDRT_RESPONSE_NONE when none).
 * @param reason    receives the reason (rule and numbers), borrowed.
 * @return #LDRT_OK or #LDRT_EINVAL.
 */
LDRT_API int ldrt_study_audit_disagreement(const ldrt_study_audit *audit, size_t i, size_t j,
                                           ldrt_date *date, ldrt_response *computed, ldrt_response *recorded,
                                           const char **reason);
/**
 * Renders an audit: #LDRT_FORMAT_TEXT (a line per subject, then its
 * disagreements), #LDRT_FORMAT_MARKDOWN (a table) or #LDRT_FORMAT_JSON
 * (`{"criteria": ..., "reader": ..., "subjects": [{"usubjid": ...,
 * "best_overall_response": ..., "confirmed_best_overall_response": ...,
 * "basis": "measurements" | "recorded" | "none", "disagreements": [{"date":
 * ..., "computed": ..., "recorded": ..., "reason": ...}]}]}`, a label
 * missing being `null`; written by the JSON library).
 * @param audit   an audit.
 * @param format  an ::ldrt_format.
 * @param out     receives the NUL-terminated text; free with ldrt_free().
 * @param len     receives its length; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_study_audit_render(const ldrt_study_audit *audit, ldrt_format format, char **out,
                                     size_t *len);
/**
 * Renders an audit as CSV (RFC 4180): the header `usubjid,
 * best_overall_response, confirmed_best_overall_response, basis, date,
 * computed, recorded, reason`, then a row per disagreement, and one row
 * with empty date, computed, recorded and reason for a subject without any.
 * @param audit  an audit.
 * @param out    receives the NUL-terminated text; free with ldrt_free().
 * @param len    receives its length; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_study_audit_csv(const ldrt_study_audit *audit, char **out, size_t *len);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LDRT_STUDY_H */
