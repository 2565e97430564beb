/*
 * Internal helpers of the FHIR R4 export and import (src/io/fhir_*.c):
 * canonical URLs, name-based UUIDs, JSON building. Not installed.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_FHIR_INTERNAL_H
#define LDRT_FHIR_INTERNAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "io_internal.h"

/* ---- canonical URLs --------------------------------------------------------------------- */
#define FHIR_MCODE "http://hl7.org/fhir/us/mcode/StructureDefinition/"
#define FHIR_SCT "http://snomed.info/sct"
#define FHIR_LOINC "http://loinc.org"
#define FHIR_UCUM "http://unitsofmeasure.org"
#define FHIR_RXNORM "http://www.nlm.nih.gov/research/umls/rxnorm"
#define FHIR_NCIT "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl"
#define FHIR_DCM "http://dicom.nema.org/resources/ontology/DCM"
#define FHIR_DAR "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
#define FHIR_DAR_CS "http://terminology.hl7.org/CodeSystem/data-absent-reason"
#define FHIR_AE_GRADE "http://hl7.org/fhir/uv/ae-research-backport-ig/StructureDefinition/ae-grade"
#define FHIR_COND_CAT "http://terminology.hl7.org/CodeSystem/condition-category"
#define FHIR_OBS_CAT "http://terminology.hl7.org/CodeSystem/observation-category"
#define FHIR_AE_OUTCOME "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"
#define FHIR_RES_TYPES "http://hl7.org/fhir/resource-types"
#define FHIR_ASSERTED "http://hl7.org/fhir/StructureDefinition/condition-assertedDate"
#define FHIR_CONDITION_RELATED "http://hl7.org/fhir/StructureDefinition/condition-related"

/* libldrt's own: extensions, code systems and identifier systems. */
#define LX LDRT_FHIR_BASE "/StructureDefinition/"
#define LCS LDRT_FHIR_BASE "/CodeSystem/"
#define LID LDRT_FHIR_BASE "/identifier/"

/* ---- SHA-1 (FIPS 180-4) and name-based UUIDs (RFC 4122 section 4.3, version 5) ---------- */
void ldrt__sha1(const void *data, size_t size, uint8_t digest[20]);
/* Formats the version-5 UUID of name in the libldrt FHIR namespace
 * (LDRT_FHIR_UUID_NAMESPACE) as 36 characters plus NUL. */
void ldrt__uuid5(const char *name, size_t size, char out[37]);

/* ---- the response code systems ---------------------------------------------------------- */
/* The SNOMED CT trend (mCODE ConditionStatusTrendVS) of a response label:
 * code and display, or NULL for a label without one (baseline). */
int ldrt__fhir_trend(const char *label, const char **code, const char **display);

/* ---- JSON Pointers (RFC 6901) ----------------------------------------------------------- */
/* Sets value (stolen) at pointer inside root, creating objects on the way;
 * 0, -1 when the pointer cannot be followed, -2 when memory ran out (value
 * is released on failure). */
int ldrt__json_pointer_set(json_t *root, const char *pointer, json_t *value);

#endif
