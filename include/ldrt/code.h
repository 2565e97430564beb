/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/code.h
 * @brief Coded terms: SNOMED CT, ICD-10-CM, ICD-O-3, RxNorm, LOINC, UCUM,
 *        NCI Thesaurus (CTCAE) and MedDRA codes on the items of a record.
 */
#ifndef LDRT_CODE_H
#define LDRT_CODE_H

#include <stddef.h>

#include "ldrt/common.h"
#include "ldrt/patient.h"

/**
 * @defgroup code Coded terms
 * @brief Codes next to the free text of diagnoses, sites, drugs,
 *        procedures, toxicity terms and observations.
 *
 * Any diagnosis, lesion site, drug, procedure, toxicity term or observation
 * may carry a code next to its free text: `"code": {"system":
 * "http://snomed.info/sct", "code": "1156506007", "display": "External beam
 * radiation therapy using photons (procedure)"}` in the document. The code
 * is optional and never replaces the text; a record without codes is as
 * valid as before.
 *
 * **Which code on which item** (::ldrt_code_of):
 * | item | #LDRT_CODE_OF_TERM (`code`) | #LDRT_CODE_OF_SITE (`site_code`) |
 * |---|---|---|
 * | diagnosis | the condition | its site |
 * | lesion | - | its site |
 * | drug of a systemic event (agent) | the drug | - |
 * | event | what the event is: the condition of a diagnosis, recurrence or progression; the procedure of a surgery or radiotherapy course; the imaging procedure or observation of a scan; the toxicity term | its `site` (kinds that have one) |
 *
 * **Shapes.** A system is one of a fixed list of URIs (::ldrt_code_system,
 * the FHIR names of the code systems as the HL7 mCODE implementation guide
 * writes them), and a code must have its system's syntax:
 * - SNOMED CT: 6 to 18 digits, no leading zero, a concept identifier
 *   (partition identifier 00 or 10) with a valid Verhoeff check digit
 *   (SNOMED CT Technical Implementation Guide, SCTID);
 * - LOINC: 1 to 7 digits, a hyphen and the mod-10 check digit of the LOINC
 *   Users' Guide (`21889-1`);
 * - RxNorm: an RXCUI, 1 to 9 digits without a leading zero;
 * - ICD-10-CM: a letter, a digit, a digit or letter, then optionally a dot
 *   and 1 to 4 digits or letters (`C43.72`);
 * - ICD-O-3: a morphology `8720/3` (4 digits from 8000, a slash, a
 *   behaviour 0, 1, 2, 3, 6 or 9) or a topography `C44.7`;
 * - UCUM: 1 to 64 printable ASCII characters without spaces;
 * - NCI Thesaurus: `C` and 1 to 7 digits (`C57788`);
 * - MedDRA: 8 digits starting with 1.
 * A code whose shape is wrong is refused by the setters and the loader with
 * a message naming the rule (`code: 372244007 fails the SNOMED CT check
 * digit (Verhoeff)`); `ldrt validate` lists them. The shape says nothing of
 * whether the code exists: that needs the code system itself.
 *
 * **The curated table.** ldrt_code_lookup() gives the code of a free-text
 * term the library knows (radiotherapy modalities and techniques, CTCAE
 * terms, conditions), each verified against a published entry of its code
 * system, named in the table (ldrt_code_table_at()). A term the table does
 * not hold stays uncoded: nothing is guessed.
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/** The code systems a record accepts (ldrt_code_system_uri()). */
typedef enum ldrt_code_system {
    LDRT_CODE_SYSTEM_SNOMED_CT = 1, /**< `http://snomed.info/sct` */
    LDRT_CODE_SYSTEM_ICD10CM = 2,   /**< `http://hl7.org/fhir/sid/icd-10-cm` */
    LDRT_CODE_SYSTEM_ICDO3 = 3,     /**< `http://terminology.hl7.org/CodeSystem/icd-o-3` */
    LDRT_CODE_SYSTEM_RXNORM = 4,    /**< `http://www.nlm.nih.gov/research/umls/rxnorm` */
    LDRT_CODE_SYSTEM_LOINC = 5,     /**< `http://loinc.org` */
    LDRT_CODE_SYSTEM_UCUM = 6,      /**< `http://unitsofmeasure.org` */
    LDRT_CODE_SYSTEM_NCIT = 7,      /**< `http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl` (NCI Thesaurus; CTCAE terms) */
    LDRT_CODE_SYSTEM_MEDDRA = 8     /**< `http://terminology.hl7.org/CodeSystem/mdr` */
} ldrt_code_system;

/** Which code of an item (see the table above). */
typedef enum ldrt_code_of {
    LDRT_CODE_OF_TERM = 1, /**< What the item is (`code`). */
    LDRT_CODE_OF_SITE = 2  /**< Its site (`site_code`). */
} ldrt_code_of;

/** A code: three strings borrowed from the record or the table. */
typedef struct ldrt_code {
    const char *system;  /**< The system URI. */
    const char *code;    /**< The code. */
    const char *display; /**< The display text, or NULL. */
} ldrt_code;

/**
 * The URI of a code system.
 * @param system an ::ldrt_code_system value.
 * @return a static string, or NULL for an unknown value.
 */
LDRT_API const char *ldrt_code_system_uri(ldrt_code_system system);
/**
 * The code system of a URI (exact spelling).
 * @param uri     the URI.
 * @param system  receives the ::ldrt_code_system.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (not one of the list).
 */
LDRT_API int ldrt_code_system_parse(const char *uri, ldrt_code_system *system);
/**
 * Checks the shape of a code in a system (the rules above).
 * @param system  the system URI.
 * @param code    the code.
 * @return #LDRT_OK, or #LDRT_EINVAL with a message naming the rule broken
 *         (an unknown system names the accepted ones).
 */
LDRT_API int ldrt_code_check(const char *system, const char *code);

/**
 * The code of a free-text term in the curated table: the term is matched
 * whole, ignoring ASCII case (`"Photon"`, `"IMRT"`, `"Diarrhea"`).
 * @param term    the free text, as the record writes it.
 * @param system  the system wanted, or 0 for the first the table has.
 * @param out     receives the code (static strings); not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (the table does not code
 *         the term in that system: it stays uncoded).
 */
LDRT_API int ldrt_code_lookup(const char *term, ldrt_code_system system, ldrt_code *out);
/**
 * The number of entries of the curated table.
 * @return the count.
 */
LDRT_API size_t ldrt_code_table_count(void);
/**
 * One entry of the curated table.
 * @param index   0 to ldrt_code_table_count() - 1.
 * @param term    receives the free-text term (static), or NULL.
 * @param code    receives the code (static strings), or NULL.
 * @param source  receives where the code was verified (static), or NULL.
 * @return #LDRT_OK or #LDRT_ERANGE.
 */
LDRT_API int ldrt_code_table_at(size_t index, const char **term, ldrt_code *code,
                                const char **source);

/**
 * A code of a diagnosis.
 * @param diagnosis  a diagnosis.
 * @param of         #LDRT_CODE_OF_TERM (the condition) or #LDRT_CODE_OF_SITE.
 * @param out        receives the code (borrowed from the record); not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND (no such code).
 */
LDRT_API int ldrt_diagnosis_code(const ldrt_diagnosis *diagnosis, ldrt_code_of of, ldrt_code *out);
/**
 * Sets or clears a code of a diagnosis.
 * @param diagnosis  a diagnosis.
 * @param of         #LDRT_CODE_OF_TERM or #LDRT_CODE_OF_SITE.
 * @param system     a system URI of the list, or NULL to clear the code.
 * @param code       a code of the system's shape (ldrt_code_check()).
 * @param display    its display text, or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE or #LDRT_ENOMEM; nothing changed on failure.
 */
LDRT_API int ldrt_diagnosis_set_code(ldrt_diagnosis *diagnosis, ldrt_code_of of,
                                     const char *system, const char *code, const char *display);
/**
 * The code of a lesion's site.
 * @param lesion  a lesion.
 * @param of      #LDRT_CODE_OF_SITE (a lesion has no other code).
 * @param out     receives the code; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_lesion_code(const ldrt_lesion *lesion, ldrt_code_of of, ldrt_code *out);
/**
 * Sets or clears the code of a lesion's site.
 * @param lesion   a lesion.
 * @param of       #LDRT_CODE_OF_SITE.
 * @param system   a system URI of the list, or NULL to clear.
 * @param code     a code of the system's shape.
 * @param display  its display text, or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_lesion_set_code(ldrt_lesion *lesion, ldrt_code_of of, const char *system,
                                  const char *code, const char *display);
/**
 * A code of an event (an administration of a series reads its series').
 * @param event  an event.
 * @param of     #LDRT_CODE_OF_TERM or #LDRT_CODE_OF_SITE.
 * @param out    receives the code; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_event_code(const ldrt_event *event, ldrt_code_of of, ldrt_code *out);
/**
 * Sets or clears a code of a recorded event. #LDRT_CODE_OF_TERM applies to
 * every kind but a note; #LDRT_CODE_OF_SITE to the kinds with a `site`.
 * @param event    a recorded event.
 * @param of       #LDRT_CODE_OF_TERM or #LDRT_CODE_OF_SITE.
 * @param system   a system URI of the list, or NULL to clear.
 * @param code     a code of the system's shape.
 * @param display  its display text, or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_event_set_code(ldrt_event *event, ldrt_code_of of, const char *system,
                                 const char *code, const char *display);
/**
 * The code of one drug of a systemic event.
 * @param systemic  a systemic event.
 * @param index     the agent, 0 to ldrt_systemic_agent_count() - 1.
 * @param out       receives the code; not NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE or #LDRT_ENOTFOUND.
 */
LDRT_API int ldrt_systemic_agent_code(const ldrt_systemic *systemic, size_t index, ldrt_code *out);
/**
 * Sets or clears the code of one drug of a recorded systemic event.
 * @param systemic  a systemic event.
 * @param index     the agent.
 * @param system    a system URI of the list, or NULL to clear.
 * @param code      a code of the system's shape.
 * @param display   its display text, or NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_systemic_set_agent_code(ldrt_systemic *systemic, size_t index,
                                          const char *system, const char *code,
                                          const char *display);

#ifdef __cplusplus
}
#endif

/** @} */
#endif /* LDRT_CODE_H */
