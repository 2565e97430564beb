/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt/io.h
 * @brief The patient document (JSON) in and out, and its validation.
 */
#ifndef LDRT_IO_H
#define LDRT_IO_H

#include <stddef.h>

#include "ldrt/common.h"
#include "ldrt/patient.h"
#include "ldrt/response.h"

/**
 * @defgroup io Documents: JSON in and out
 * @brief The canonical patient document (format version 1); its renderers are in ldrt/render.h.
 *
 * The document format is described in the guide "The patient document".
 * Loading builds a whole patient or nothing: on any error no patient is
 * returned, and the message names the JSON path of the first problem
 * (`events[4].fractions[2].dose_gy: must be > 0 and finite (got 0)`).
 *
 * **Round trip.** Members the library does not know are kept (in their
 * order) and written back after the known ones. Series and prescriptions are
 * written in the compact form they were given (`repeat`, `prescription`),
 * never expanded. Saving a loaded document, loading that and saving again
 * gives the same bytes. Numbers of known fields with an integral value are
 * written as integers (`200`, `22`), others with the fewest digits that read
 * back to the same double (`2.2`).
 *
 * **Limits** against hostile documents (each refused with #LDRT_ERANGE and
 * a message naming the path): #LDRT_JSON_MAX_BYTES, #LDRT_JSON_MAX_DEPTH,
 * #LDRT_JSON_MAX_STRING, and the record limits (#LDRT_MAX_EVENTS,
 * #LDRT_MAX_ITEMS, #LDRT_MAX_FRACTIONS, #LDRT_MAX_REPEAT_COUNT,
 * #LDRT_MAX_GENERATED), all in ldrt/limits.h. Duplicate keys in an object
 * and NUL characters in strings are refused. The same limits hold when a
 * record is built through the API and when it is saved, so whatever is
 * saved can be loaded again.
 *
 * **Memory.** The documents are parsed with jansson. jansson's own
 * allocations use jansson's allocator (json_set_alloc_funcs(), which this
 * library never calls: it is process-wide and belongs to the program);
 * every allocation of libldrt itself goes through the hooks of
 * ldrt_set_allocator(). What jansson read is checked against the text, so
 * an allocation failure inside jansson that it does not report (its lexer
 * drops a character) is #LDRT_ENOMEM, never a record with changed text.
 *
 * **Saving** to a file is atomic: the document is written to a temporary file
 * in the same directory, flushed and synced, then renamed over the target;
 * on any failure the temporary file is removed and the previous file is left
 * as it was. A new file is created readable and writable by its owner only
 * (a patient record is confidential); an existing file keeps its permissions.
 * Only a regular file is replaced: a directory, FIFO, device node or socket
 * is refused (#LDRT_EIO) and left alone. A symbolic link is followed to its
 * target, as editors do (the link stays, the file it points to gets the new
 * content); a dangling link is refused. The temporary name is hidden and
 * fits NAME_MAX for any target name (`.<name, at most 200 bytes>.<hash>.tmp-XXXXXX`);
 * a temporary left by a killed save of the same target is removed by the
 * next save (a live one is locked by its writer and kept). Plots are saved
 * the same way.
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/** The document format version this library reads and writes (`"ldrt": 1`). */
#define LDRT_FORMAT_VERSION 1
/* The document limits (LDRT_JSON_MAX_BYTES, LDRT_JSON_MAX_STRING, ...) are in ldrt/limits.h. */

/**
 * Loads a patient document from a file.
 * @param path  file name; not NULL, not empty.
 * @param out   receives the new patient, owned by the caller (ldrt_patient_free()); not NULL.
 * @return #LDRT_OK; #LDRT_EINVAL (NULL argument, or a document that breaks a
 *         rule: the message names its path); #LDRT_EIO (cannot read);
 *         #LDRT_EPARSE (not JSON); #LDRT_ERANGE (a limit);
 *         #LDRT_EUNSUPPORTED (another `"ldrt"` version); #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_load_json(const char *path, ldrt_patient **out);

/**
 * Loads a patient document from memory.
 * @param data  the document (UTF-8 JSON, need not be NUL-terminated); not NULL.
 * @param size  its length in bytes.
 * @param out   receives the new patient, owned by the caller; not NULL.
 * @return as ldrt_patient_load_json(), without #LDRT_EIO.
 */
LDRT_API int ldrt_patient_load_json_buffer(const char *data, size_t size, ldrt_patient **out);

/**
 * Saves a patient document to a file, atomically (see the group notes).
 * @param patient  a patient; not NULL.
 * @param path     file name; not NULL, not empty.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE (the document would be longer
 *         than #LDRT_JSON_MAX_BYTES; nothing is written), #LDRT_EIO (the
 *         message names the file and the system error; the previous file is
 *         intact) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_save_json(const ldrt_patient *patient, const char *path);

/**
 * Saves a patient document to memory.
 * @param patient  a patient; not NULL.
 * @param out      receives the document, NUL-terminated, owned by the caller
 *                 (free with ldrt_free()); not NULL.
 * @param size     receives its length without the NUL; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL, #LDRT_ERANGE (the document would be longer
 *         than #LDRT_JSON_MAX_BYTES, which the loader refuses) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_save_json_buffer(const ldrt_patient *patient, char **out,
                                           size_t *size);

/**
 * Checks a document in memory and lists every problem found, each with its
 * JSON path (after a problem in one diagnosis, lesion or event the check goes
 * on with the next one).
 * @param data      the document; not NULL.
 * @param size      its length in bytes.
 * @param report    receives the problems, one per line (each line ends with
 *                  a newline; "" when valid), owned by the caller (ldrt_free());
 *                  not NULL. After #LDRT_JSON_MAX_PROBLEMS lines, one last line
 *                  says how many more problems were found.
 * @param problems  receives the number of problems (0: valid); not NULL.
 * @return #LDRT_OK when the check ran (whatever it found), #LDRT_EINVAL
 *         (NULL argument) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_json_validate_buffer(const char *data, size_t size, char **report,
                                       size_t *problems);

/**
 * Checks a document file, as ldrt_json_validate_buffer().
 * @param path      file name; not NULL, not empty.
 * @param report    receives the problems (owned by the caller); not NULL.
 * @param problems  receives their number; not NULL.
 * @return #LDRT_OK when the check ran, #LDRT_EINVAL, #LDRT_EIO (cannot read
 *         the file) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_json_validate_file(const char *path, char **report, size_t *problems);

#ifdef __cplusplus
}
#endif

/** @} */

#ifdef LDRT_EXPERIMENTAL_API
/**
 * @defgroup fhir FHIR R4: mCODE STU4 and CodeX Radiation Therapy, out and in
 * @brief One FHIR R4 Bundle per patient, and back (experimental: the mapping may still move).
 *
 * **Experimental tier.** Declared only with `LDRT_EXPERIMENTAL_API` defined
 * before the include and exported in the version node `LDRT_EXPERIMENTAL_0.1`
 * (see the guide "ABI and API stability"): the signatures are plain, but what
 * the bundle holds is still moving (the coded terms of the record, the
 * provisional #LDRT_FHIR_BASE of libldrt's extensions, a claim of the CodeX
 * profiles), and a program that reads or writes these bundles should opt in
 * knowingly.
 *
 * The mapping, resource by resource, with its codes and their sources, is in
 * the guide "FHIR R4 (mCODE) export and import" (doc/guides/fhir.md). In short:
 * a Bundle of type `collection` holds the Patient (mCODE CancerPatient), a
 * Condition per diagnosis (PrimaryCancerCondition), a BodyStructure per
 * lesion (Tumor), an ImagingStudy per scan with an Observation TumorSize
 * (LOINC 21889-1) per measurement and an Observation CancerDiseaseStatus
 * (LOINC 97509-4) per assessed time point carrying the libldrt overall
 * response, a Procedure RadiotherapyCourseSummary (SNOMED CT 1217123003) per
 * course with its RadiotherapyVolume, a Procedure per surgery,
 * MedicationAdministration per administration (MedicationStatement when the
 * day is unknown), AdverseEvent per toxicity with its CTCAE grade.
 *
 * **Deterministic.** Every entry's `fullUrl` is `urn:uuid:` followed by a
 * version-5 (SHA-1, name-based) UUID of the patient id and the entry's place
 * in the document, so the same record always gives the same bytes.
 * Partial dates stay partial (`2023-07`). No empty array, empty string or
 * null is ever written.
 *
 * **Lossless for libldrt's own bundles.** What FHIR has no element for is
 * written as an extension of libldrt's (under #LDRT_FHIR_BASE), including
 * members of the document the library does not know; reading the bundle
 * back gives the same record.
 *
 * **Reading others' bundles.** Patient, cancer Conditions, Tumors,
 * TumorSize observations, radiotherapy course summaries, surgical
 * procedures, medication administrations and statements and adverse
 * events are mapped; every other resource (and a resource that cannot be
 * mapped) is kept whole in the record's top-level member `fhir_unmapped`
 * and named in a warning, never dropped.
 * @{
 */

#ifdef __cplusplus
extern "C" {
#endif

/** The canonical base of libldrt's FHIR extensions, code systems and
 * identifier systems. The project has no web home yet: the base uses the
 * reserved top-level name `.invalid` (RFC 6761) so that it cannot be taken
 * for anyone's published guide. */
#define LDRT_FHIR_BASE "https://ldrt.invalid/fhir"

/**
 * Writes a patient as a FHIR R4 Bundle (JSON) in memory.
 *
 * The response of every scan is assessed under RECIST 1.1, iRECIST and
 * PERCIST 1.0 with the default settings (a criteria the record cannot be
 * assessed by is left out); the BED and EQD2 of every course are written at
 * alpha/beta 10 Gy and 3 Gy.
 * @param patient  a patient; not NULL.
 * @param out      receives the bundle, NUL-terminated, owned by the caller
 *                 (ldrt_free()); not NULL.
 * @param size     receives its length without the NUL; may be NULL.
 * @return #LDRT_OK, #LDRT_EINVAL (NULL argument), #LDRT_ERANGE (the bundle
 *         would be longer than #LDRT_JSON_MAX_BYTES) or #LDRT_ENOMEM.
 */
LDRT_API int ldrt_patient_write_fhir(const ldrt_patient *patient, char **out, size_t *size);

/**
 * Saves a patient as a FHIR R4 Bundle to a file, atomically (as
 * ldrt_patient_save_json()).
 * @param patient  a patient; not NULL.
 * @param path     file name; not NULL, not empty.
 * @return as ldrt_patient_write_fhir(), and #LDRT_EIO (the previous file is intact).
 */
LDRT_API int ldrt_patient_save_fhir(const ldrt_patient *patient, const char *path);

/**
 * Reads a FHIR R4 Bundle (JSON) into a new patient.
 * @param data      the bundle (UTF-8 JSON, need not be NUL-terminated); not NULL.
 * @param size      its length in bytes (at most #LDRT_JSON_MAX_BYTES).
 * @param out       receives the new patient, owned by the caller (ldrt_patient_free()); not NULL.
 * @param warnings  receives what could not be mapped, one line per resource
 *                  (`Observation/abc: not mapped (...)`, each line ends with
 *                  a newline; "" when everything was mapped), owned by the
 *                  caller (ldrt_free()); may be NULL.
 * @return #LDRT_OK; #LDRT_EPARSE (not JSON); #LDRT_EINVAL (not a Bundle,
 *         no Patient or more than one, or a record that breaks a rule of
 *         the document: the message names the resource or the path);
 *         #LDRT_ERANGE (a limit); #LDRT_ENOMEM. Nothing is returned on failure.
 */
LDRT_API int ldrt_patient_read_fhir(const char *data, size_t size, ldrt_patient **out,
                                    char **warnings);

/**
 * Reads a FHIR R4 Bundle from a file, as ldrt_patient_read_fhir().
 * @param path      file name; not NULL, not empty.
 * @param out       receives the new patient; not NULL.
 * @param warnings  receives the warnings (owned by the caller); may be NULL.
 * @return as ldrt_patient_read_fhir(), and #LDRT_EIO (cannot read).
 */
LDRT_API int ldrt_patient_load_fhir(const char *path, ldrt_patient **out, char **warnings);

#ifdef __cplusplus
}
#endif

/** @} */
#endif /* LDRT_EXPERIMENTAL_API */
#endif /* LDRT_IO_H */
