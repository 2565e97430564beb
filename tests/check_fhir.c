/*
 * Tests of the FHIR R4 export and import (src/io/fhir_*.c): SHA-1 against
 * the FIPS 180 examples, name-based UUIDs against Python's uuid module
 * (values computed with uuid.uuid5 and written here), the writer rules, the
 * mCODE codes of the seed case (Fong, Ho & So, Front. Oncol. 2025), lossless
 * round trips, the mCODE IG's example bundle, errors and allocation failures,
 * and the ldrt export / import commands.
 * SPDX-License-Identifier: MIT
 */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "testutil.h"
#include "../io/fhir_internal.h"

/* ---- helpers ------------------------------------------------------------------------- */

static ldrt_patient *load(const char *path)
{
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json(path, &p));
    return p;
}

static json_t *export_json(const ldrt_patient *p)
{
    char *text = NULL;
    size_t n = 0;
    tu_assert_ok(ldrt_patient_write_fhir(p, &text, &n));
    ck_assert_uint_eq(strlen(text), n);
    json_error_t err;
    json_t *b = json_loads(text, 0, &err);
    ck_assert_msg(b != NULL, "the bundle is not JSON: %s", err.text);
    ldrt_free(text);
    return b;
}

static char *save_text(const ldrt_patient *p)
{
    char *out = NULL;
    tu_assert_ok(ldrt_patient_save_json_buffer(p, &out, NULL));
    return out;
}

static const char *str_at(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The resources of a bundle of a type, in order. */
static size_t resources(json_t *bundle, const char *type, json_t **out, size_t max)
{
    size_t n = 0;
    json_t *e = json_object_get(bundle, "entry");
    for (size_t i = 0; i < json_array_size(e); i++) {
        json_t *r = json_object_get(json_array_get(e, i), "resource");
        if (!strcmp(str_at(r, "resourceType"), type)) {
            if (n < max)
                out[n] = r;
            n++;
        }
    }
    return n;
}

static json_t *extension(json_t *res, const char *url)
{
    json_t *a = json_object_get(res, "extension");
    for (size_t i = 0; i < json_array_size(a); i++)
        if (!strcmp(str_at(json_array_get(a, i), "url"), url))
            return json_array_get(a, i);
    return NULL;
}

static int has_coding(json_t *cc, const char *system, const char *code)
{
    json_t *a = json_object_get(cc, "coding");
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *c = json_array_get(a, i);
        if (!strcmp(str_at(c, "system"), system) && !strcmp(str_at(c, "code"), code))
            return 1;
    }
    return 0;
}

/* The writer rule: no null, no empty array, object or string anywhere. */
static void assert_no_empties(json_t *v, const char *where)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        ck_assert_msg(json_object_size(v) > 0, "%s: empty object", where);
        const char *k;
        json_t *m;
        json_object_foreach(v, k, m)
            assert_no_empties(m, k);
        break;
    }
    case JSON_ARRAY:
        ck_assert_msg(json_array_size(v) > 0, "%s: empty array", where);
        for (size_t i = 0; i < json_array_size(v); i++)
            assert_no_empties(json_array_get(v, i), where);
        break;
    case JSON_STRING:
        ck_assert_msg(json_string_length(v) > 0, "%s: empty string", where);
        break;
    case JSON_NULL:
        ck_abort_msg("%s: null", where);
        break;
    default:
        break;
    }
}

/* Every reference is a urn:uuid full URL of an entry of the bundle. */
static void assert_references_resolve(json_t *v, json_t *urls)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *m;
        json_object_foreach(v, k, m) {
            if (!strcmp(k, "reference")) {
                ck_assert_msg(json_object_get(urls, json_string_value(m)) != NULL,
                              "dangling reference %s", json_string_value(m));
            } else {
                assert_references_resolve(m, urls);
            }
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            assert_references_resolve(json_array_get(v, i), urls);
    }
}

static void check_bundle_shape(json_t *b)
{
    ck_assert_str_eq(str_at(b, "resourceType"), "Bundle");
    ck_assert_str_eq(str_at(b, "type"), "collection");
    assert_no_empties(b, "bundle");
    json_t *urls = json_object(), *e = json_object_get(b, "entry");
    for (size_t i = 0; i < json_array_size(e); i++) {
        json_t *x = json_array_get(e, i), *r = json_object_get(x, "resource");
        const char *u = str_at(x, "fullUrl");
        ck_assert_msg(u && !strncmp(u, "urn:uuid:", 9) && strlen(u) == 45, "fullUrl %s", u);
        ck_assert_str_eq(str_at(r, "id"), u + 9);
        ck_assert_msg(json_object_get(urls, u) == NULL, "duplicate fullUrl %s", u);
        json_object_set_new(urls, u, json_true());
    }
    assert_references_resolve(e, urls);
    json_decref(urls);
}

/* ---- SHA-1 and UUIDs ---------------------------------------------------------------------- */

static void hex(const uint8_t *d, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

START_TEST(sha1_fips_examples)
{
    /* FIPS 180-2 appendix A examples (and the empty message). */
    uint8_t d[20];
    char h[41];
    ldrt__sha1("abc", 3, d);
    hex(d, 20, h);
    ck_assert_str_eq(h, "a9993e364706816aba3e25717850c26c9cd0d89d");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ldrt__sha1(two, strlen(two), d);
    hex(d, 20, h);
    ck_assert_str_eq(h, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    ldrt__sha1("", 0, d);
    hex(d, 20, h);
    ck_assert_str_eq(h, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    char *million = malloc(1000000);
    memset(million, 'a', 1000000);
    ldrt__sha1(million, 1000000, d);
    free(million);
    hex(d, 20, h);
    ck_assert_str_eq(h, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}
END_TEST

START_TEST(uuid5_matches_python)
{
    /* The namespace is uuid5(NAMESPACE_URL, LDRT_FHIR_BASE): recomputed
     * here from RFC 4122's NAMESPACE_URL (6ba7b811-9dad-11d1-80b4-00c04fd430c8). */
    static const uint8_t url_ns[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                        0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
    uint8_t buf[64], d[20];
    size_t n = strlen(LDRT_FHIR_BASE);
    memcpy(buf, url_ns, 16);
    memcpy(buf + 16, LDRT_FHIR_BASE, n);
    ldrt__sha1(buf, 16 + n, d);
    d[6] = (uint8_t)((d[6] & 0x0F) | 0x50);
    d[8] = (uint8_t)((d[8] & 0x3F) | 0x80);
    char h[33];
    hex(d, 16, h);
    /* python3 -c "import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://ldrt.invalid/fhir'))" */
    ck_assert_str_eq(h, "39e8215a653853f19c991bd5c3b827ea");
    /* python3 -c "import uuid; ns = uuid.UUID('39e8215a-6538-53f1-9c99-1bd5c3b827ea'); print(uuid.uuid5(ns, 'x'))" */
    char u[37];
    ldrt__uuid5("x", 1, u);
    ck_assert_str_eq(u, "1f8da27e-72d1-5216-8cce-115e8b6494c5");
    /* A long name goes through the heap copy. */
    char longname[600];
    memset(longname, 'n', sizeof longname);
    ldrt__uuid5(longname, sizeof longname, u);
    ck_assert_int_eq(u[14], '5');
    ck_assert(strchr("89ab", u[19]) != NULL);
}
END_TEST

/* ---- export -------------------------------------------------------------------------------- */

START_TEST(export_is_deterministic_and_clean)
{
    static const char *const files[] = { "all-kinds.json", "corpus/minimal.json",
                                         "corpus/partial-dates.json", "corpus/empty-lists.json",
                                         "corpus/missing-values.json", "corpus/zero-values.json" };
    for (size_t i = 0; i <= sizeof files / sizeof files[0]; i++) {
        ldrt_patient *p = load(i ? tu_data_path(files[i - 1]) : tu_example_path("case-fong-2025.json"));
        char *a = NULL, *b = NULL;
        tu_assert_ok(ldrt_patient_write_fhir(p, &a, NULL));
        tu_assert_ok(ldrt_patient_write_fhir(p, &b, NULL));
        ck_assert_str_eq(a, b);
        ldrt_free(a);
        ldrt_free(b);
        json_t *bundle = export_json(p);
        check_bundle_shape(bundle);
        json_decref(bundle);
        ldrt_patient_free(p);
    }
}
END_TEST

START_TEST(seed_case_codes)
{
    ldrt_patient *p = load(tu_example_path("case-fong-2025.json"));
    json_t *b = export_json(p), *r[64];
    /* Patient: mCODE CancerPatient, male, no name in the record. */
    ck_assert_uint_eq(resources(b, "Patient", r, 64), 1);
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(json_object_get(r[0], "meta"), "profile"), 0)),
                     "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-patient");
    ck_assert_str_eq(str_at(r[0], "gender"), "male");
    json_t *name = json_array_get(json_object_get(r[0], "name"), 0);
    ck_assert_str_eq(str_at(extension(name, FHIR_DAR), "valueCode"), "unknown");
    /* One primary cancer condition, melanoma diagnosed 2021-02 (partial). */
    ck_assert_uint_eq(resources(b, "Condition", r, 64), 1);
    ck_assert_str_eq(str_at(json_object_get(r[0], "code"), "text"), "melanoma");
    ck_assert_str_eq(str_at(r[0], "onsetDateTime"), "2021-02");
    /* The codes the seed records are the codings: ICD-10-CM C43.72 for the
     * condition, ICD-O-3 topography C44.7 for its site (the document's
     * diagnoses[0].code and site_code), not kept aside as members. */
    ck_assert(has_coding(json_object_get(r[0], "code"), "http://hl7.org/fhir/sid/icd-10-cm", "C43.72"));
    ck_assert(has_coding(json_array_get(json_object_get(r[0], "bodySite"), 0),
                         "http://terminology.hl7.org/CodeSystem/icd-o-3", "C44.7"));
    ck_assert_str_eq(str_at(json_array_get(json_object_get(r[0], "bodySite"), 0), "text"), "left big toe");
    ck_assert_ptr_null(extension(r[0], LX "document-member"));
    /* Nine lesions and two radiotherapy volumes. */
    ck_assert_uint_eq(resources(b, "BodyStructure", r, 64), 11);
    /* Courses: SBRT-2022 40 Gy / 5 (4000 cGy), LXRT-2023 10 Gy / 5 (1000 cGy). */
    size_t n = resources(b, "Procedure", r, 64), courses = 0;
    for (size_t i = 0; i < n; i++) {
        if (!has_coding(json_object_get(r[i], "code"), FHIR_SCT, "1217123003"))
            continue;
        courses++;
        const char *id = str_at(json_array_get(json_object_get(r[i], "identifier"), 0), "value");
        json_t *dv = extension(r[i], FHIR_MCODE "mcode-radiotherapy-dose-delivered-to-volume");
        json_t *sub = json_object_get(dv, "extension");
        json_t *total = json_object_get(json_array_get(sub, 1), "valueQuantity");
        ck_assert_str_eq(str_at(total, "code"), "cGy");
        ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(sub, 2), "valueUnsignedInt")), 5);
        double eqd2_10 = NAN, bed_10 = NAN;
        json_t *exts = json_object_get(r[i], "extension");
        for (size_t k = 0; k < json_array_size(exts); k++) {
            json_t *e = json_array_get(exts, k);
            if (strcmp(str_at(e, "url"), LX "dose-equivalent"))
                continue;
            json_t *s = json_object_get(e, "extension");
            const char *metric = str_at(json_array_get(s, 0), "valueCode");
            double ab = json_number_value(json_object_get(json_object_get(json_array_get(s, 1), "valueQuantity"), "value"));
            double v = json_number_value(json_object_get(json_object_get(json_array_get(s, 2), "valueQuantity"), "value"));
            if (ab == 10.0 && !strcmp(metric, "EQD2"))
                eqd2_10 = v;
            if (ab == 10.0 && !strcmp(metric, "BED"))
                bed_10 = v;
        }
        if (!strcmp(id, "SBRT-2022")) {
            ck_assert_double_eq(json_number_value(json_object_get(total, "value")), 4000);
            /* BED = 40 (1 + 8/10) = 72 Gy; EQD2 = 72 / (1 + 2/10) = 60 Gy (hand calculation). */
            ck_assert_double_eq_tol(bed_10, 72.0, 1e-9);
            ck_assert_double_eq_tol(eqd2_10, 60.0, 1e-9);
            ck_assert_str_eq(str_at(json_object_get(r[i], "performedPeriod"), "start"), "2022-05");
            ck_assert_str_eq(str_at(extension(r[i], LX "technique"), "valueString"), "SBRT");
            /* SBRT has no mCODE technique code; no modality recorded: no modality entry. */
            ck_assert_ptr_null(extension(r[i], FHIR_MCODE "mcode-radiotherapy-modality-and-technique"));
        } else {
            ck_assert_str_eq(id, "LXRT-2023");
            ck_assert_double_eq(json_number_value(json_object_get(total, "value")), 1000);
            /* BED = 10 (1 + 2/10) = 12 Gy; EQD2 = 10 Gy. */
            ck_assert_double_eq_tol(bed_10, 12.0, 1e-9);
            ck_assert_double_eq_tol(eqd2_10, 10.0, 1e-9);
            ck_assert_str_eq(str_at(json_object_get(r[i], "performedPeriod"), "end"), "2023-07-26");
        }
    }
    ck_assert_uint_eq(courses, 2);
    ck_assert_uint_eq(n, 6); /* and four surgeries */
    /* T1: 22 mm at baseline (2023-07), 14 mm (2023-09), LOINC 21889-1 / 33728-7 in mm. */
    n = resources(b, "Observation", r, 64);
    int sizes = 0, pr = 0, cr = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *code = json_object_get(r[i], "code");
        if (has_coding(code, FHIR_LOINC, "21889-1")) {
            json_t *c = json_array_get(json_object_get(r[i], "component"), 0);
            ck_assert(has_coding(json_object_get(c, "code"), FHIR_LOINC, "33728-7"));
            json_t *q = json_object_get(c, "valueQuantity");
            ck_assert_str_eq(str_at(q, "code"), "mm");
            const char *d = str_at(r[i], "effectiveDateTime");
            double mm = json_number_value(json_object_get(q, "value"));
            if (!strcmp(d, "2023-07"))
                ck_assert_double_eq(mm, 22);
            if (!strcmp(d, "2023-09"))
                ck_assert_double_eq(mm, 14);
            sizes++;
        }
        if (has_coding(code, FHIR_LOINC, "97509-4")) {
            json_t *v = json_object_get(r[i], "valueCodeableConcept");
            const char *d = str_at(r[i], "effectiveDateTime");
            if (has_coding(v, LCS "response-recist1.1", "PR")) {
                /* RECIST 1.1: 22 -> 14 mm is -36.4% (>= 30% decrease): PR, improved. */
                ck_assert_str_eq(d, "2023-09");
                ck_assert(has_coding(v, FHIR_SCT, "268910001"));
                pr++;
            }
            if (has_coding(v, LCS "response-recist1.1", "CR")) {
                ck_assert(!strcmp(d, "2023-12") || !strcmp(d, "2024-04"));
                cr++;
            }
        }
    }
    ck_assert_int_eq(sizes, 4);
    ck_assert_int_eq(pr, 1);
    ck_assert_int_eq(cr, 2);
    /* Toxicities: grade 2 (NCIt C41339) twice. */
    ck_assert_uint_eq(resources(b, "AdverseEvent", r, 64), 2);
    for (int i = 0; i < 2; i++)
        ck_assert(has_coding(json_object_get(extension(r[i], FHIR_AE_GRADE), "valueCodeableConcept"),
                             FHIR_NCIT, "C41339"));
    /* Month-precision series: statements (5 lines, 6 agents), and the holiday. */
    ck_assert_uint_eq(resources(b, "MedicationStatement", r, 64), 9);
    ck_assert_uint_eq(resources(b, "MedicationAdministration", r, 64), 0);
    ck_assert_uint_eq(resources(b, "ImagingStudy", r, 64), 9);
    json_decref(b);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(nodes_series_and_holds)
{
    ldrt_patient *p = load(tu_data_path("all-kinds.json"));
    json_t *b = export_json(p), *r[128];
    size_t n = resources(b, "Observation", r, 128);
    int node = 0;
    for (size_t i = 0; i < n; i++) {
        if (!has_coding(json_object_get(r[i], "code"), FHIR_LOINC, "21889-1"))
            continue;
        json_t *c = json_object_get(r[i], "component");
        if (json_array_size(c) == 2) {
            /* T2, a node of 18 mm: short axis in 33729-5 marked short-axis; no longest dimension. */
            ck_assert(json_object_get(json_array_get(c, 0), "dataAbsentReason") != NULL);
            json_t *sa = json_array_get(c, 1);
            ck_assert(has_coding(json_object_get(sa, "code"), FHIR_LOINC, "33729-5"));
            ck_assert(has_coding(json_object_get(sa, "code"), LCS "observation", "short-axis"));
            ck_assert_double_eq(json_number_value(json_object_get(json_object_get(sa, "valueQuantity"), "value")), 18);
            node++;
        }
    }
    ck_assert_int_eq(node, 1);
    /* ipilimumab + nivolumab every 21 days x4 from 2020-07-01: 8 administrations. */
    n = resources(b, "MedicationAdministration", r, 128);
    ck_assert_uint_eq(n, 8);
    ck_assert_str_eq(str_at(r[0], "effectiveDateTime"), "2020-07-01");
    ck_assert_str_eq(str_at(r[1], "effectiveDateTime"), "2020-07-22");
    ck_assert_str_eq(str_at(r[2], "effectiveDateTime"), "2020-08-12");
    ck_assert_str_eq(str_at(r[3], "effectiveDateTime"), "2020-09-02");
    ck_assert_str_eq(str_at(r[4], "effectiveDateTime"), "2020-07-01"); /* nivolumab */
    ck_assert_str_eq(str_at(json_object_get(json_object_get(r[0], "dosage"), "dose"), "code"), "mg/kg");
    ck_assert_uint_eq(resources(b, "MedicationRequest", r, 128), 2);
    json_t *rep = json_object_get(json_object_get(json_array_get(json_object_get(r[0], "dosageInstruction"), 0), "timing"), "repeat");
    ck_assert_int_eq(json_integer_value(json_object_get(rep, "count")), 4);
    ck_assert_int_eq(json_integer_value(json_object_get(rep, "period")), 21);
    /* Holds: on-hold (holiday, two drugs) and stopped (discontinued); the 2020-10 line. */
    n = resources(b, "MedicationStatement", r, 128);
    int hold = 0, stopped = 0;
    for (size_t i = 0; i < n; i++) {
        hold += !strcmp(str_at(r[i], "status"), "on-hold");
        stopped += !strcmp(str_at(r[i], "status"), "stopped");
    }
    ck_assert_int_eq(hold, 2);
    ck_assert_int_eq(stopped, 1);
    ck_assert_uint_eq(n, 4);
    json_decref(b);
    ldrt_patient_free(p);
}
END_TEST

START_TEST(death_date_is_deceased)
{
    static const char doc[] = "{\"ldrt\": 1, \"patient\": {\"id\": \"d1\", \"sex\": \"female\", "
                              "\"death_date\": \"2024-05\"}, \"events\": []}";
    ldrt_patient *p = NULL, *q = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(doc, strlen(doc), &p));
    json_t *b = export_json(p), *r[2];
    ck_assert_uint_eq(resources(b, "Patient", r, 2), 1);
    ck_assert_str_eq(str_at(r[0], "deceasedDateTime"), "2024-05"); /* partial, as recorded */
    ck_assert_ptr_null(extension(r[0], LX "document-member"));
    char *text = NULL, *w = NULL;
    tu_assert_ok(ldrt_patient_write_fhir(p, &text, NULL));
    tu_assert_ok(ldrt_patient_read_fhir(text, strlen(text), &q, &w));
    ck_assert_str_eq(w, "");
    char *a = save_text(p), *c = save_text(q);
    ck_assert_str_eq(a, c);
    ldrt_free(text);
    ldrt_free(a);
    ldrt_free(c);
    ldrt_free(w);
    json_decref(b);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
}
END_TEST

/* ---- round trips ------------------------------------------------------------------------- */

static void round_trip(const char *path)
{
    ldrt_patient *p = load(path);
    char *bundle = NULL, *warnings = NULL;
    size_t n = 0;
    tu_assert_ok(ldrt_patient_write_fhir(p, &bundle, &n));
    ldrt_patient *q = NULL;
    tu_assert_ok(ldrt_patient_read_fhir(bundle, n, &q, &warnings));
    ck_assert_msg(!strcmp(warnings, ""), "%s: warnings: %s", path, warnings);
    char *a = save_text(p), *b = save_text(q);
    ck_assert_msg(!strcmp(a, b), "%s: the document changed:\n%s\n---\n%s", path, a, b);
    /* The same report and the same assessments. */
    char *ra = NULL, *rb = NULL;
    for (int f = LDRT_FORMAT_TEXT; f <= LDRT_FORMAT_JSON; f++) {
        tu_assert_ok(ldrt_patient_report(p, (ldrt_format)f, LDRT_REPORT_ALL, &ra, NULL));
        tu_assert_ok(ldrt_patient_report(q, (ldrt_format)f, LDRT_REPORT_ALL, &rb, NULL));
        ck_assert_str_eq(ra, rb);
        ldrt_free(ra);
        ldrt_free(rb);
    }
    ldrt_free(a);
    ldrt_free(b);
    ldrt_free(bundle);
    ldrt_free(warnings);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
}

/* A record with what the seed lacks: a death (partial date) with its cause,
 * a last contact, a secondary cancer by its ICD-10-CM code, codes on a
 * lesion site, a drug and a toxicity. The RxNorm and SNOMED CT codes here
 * are of a valid shape only (the test checks the mapping, not the codes). */
static const char coded_doc[] =
    "{\"ldrt\": 1, \"patient\": {\"id\": \"c1\", \"sex\": \"female\", \"birth_date\": \"1950\", "
    "\"death_date\": \"2024-05\", \"death_cause\": \"progressive melanoma\", "
    "\"last_contact\": \"2024-04-20\"},"
    " \"diagnoses\": ["
    "  {\"date\": \"2021-02\", \"condition\": \"melanoma\", \"code\": {\"system\": "
    "\"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"C43.72\"}},"
    "  {\"date\": \"2022-03\", \"condition\": \"liver metastases\", \"code\": {\"system\": "
    "\"http://hl7.org/fhir/sid/icd-10-cm\", \"code\": \"C78.7\", \"display\": \"Secondary "
    "malignant neoplasm of liver and intrahepatic bile duct\"}},"
    "  {\"date\": \"2022-04\", \"condition\": \"lung metastasis\", \"code\": {\"system\": "
    "\"http://terminology.hl7.org/CodeSystem/icd-o-3\", \"code\": \"8720/6\"}}],"
    " \"lesions\": [{\"id\": \"L1\", \"site\": \"liver\", \"site_code\": {\"system\": "
    "\"http://snomed.info/sct\", \"code\": \"10200004\", \"display\": \"Liver structure\"}}],"
    " \"events\": ["
    "  {\"type\": \"systemic\", \"date\": \"2022-04-01\", \"agents\": [{\"drug\": \"a drug\", "
    "\"code\": {\"system\": \"http://www.nlm.nih.gov/research/umls/rxnorm\", \"code\": \"12345\"}}]},"
    "  {\"type\": \"toxicity\", \"date\": \"2022-05\", \"term\": \"Diarrhea\", \"grade\": 2, "
    "\"code\": {\"system\": \"http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl\", \"code\": "
    "\"C57788\", \"display\": \"Diarrhea\"}}]}";

START_TEST(record_codes_death_and_secondary)
{
    ldrt_patient *p = NULL, *q = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(coded_doc, strlen(coded_doc), &p));
    json_t *b = export_json(p), *r[8];
    ck_assert_uint_eq(resources(b, "Patient", r, 8), 1);
    ck_assert_str_eq(str_at(r[0], "deceasedDateTime"), "2024-05");
    ck_assert_str_eq(str_at(extension(r[0], LX "death-cause"), "valueString"), "progressive melanoma");
    ck_assert_str_eq(str_at(extension(r[0], LX "last-contact"), "valueDate"), "2024-04-20");
    ck_assert_ptr_null(extension(r[0], LX "document-member"));
    /* C43.72 is primary; C78.7 (ICD-10-CM C77-C79) and 8720/6 (ICD-O-3
     * behaviour 6) are secondary. */
    ck_assert_uint_eq(resources(b, "Condition", r, 8), 3);
    static const char *const profile[] = { "mcode-primary-cancer-condition",
                                           "mcode-secondary-cancer-condition",
                                           "mcode-secondary-cancer-condition" };
    for (int i = 0; i < 3; i++) {
        const char *got = json_string_value(
            json_array_get(json_object_get(json_object_get(r[i], "meta"), "profile"), 0));
        ck_assert_str_eq(got + strlen(FHIR_MCODE), profile[i]);
        ck_assert_ptr_null(extension(r[i], LX "document-member"));
    }
    ck_assert(has_coding(json_object_get(r[1], "code"), "http://hl7.org/fhir/sid/icd-10-cm", "C78.7"));
    ck_assert_str_eq(str_at(json_object_get(r[1], "code"), "text"), "liver metastases");
    ck_assert_uint_eq(resources(b, "BodyStructure", r, 8), 1);
    ck_assert(has_coding(json_object_get(r[0], "location"), FHIR_SCT, "10200004"));
    ck_assert_uint_eq(resources(b, "MedicationAdministration", r, 8), 1);
    ck_assert(has_coding(json_object_get(r[0], "medicationCodeableConcept"), FHIR_RXNORM, "12345"));
    ck_assert_str_eq(str_at(json_object_get(r[0], "medicationCodeableConcept"), "text"), "a drug");
    ck_assert_uint_eq(resources(b, "AdverseEvent", r, 8), 1);
    ck_assert(has_coding(json_object_get(r[0], "event"), FHIR_NCIT, "C57788"));
    /* And back: the same document, codes, death and last contact included. */
    char *text = NULL, *w = NULL;
    tu_assert_ok(ldrt_patient_write_fhir(p, &text, NULL));
    tu_assert_ok(ldrt_patient_read_fhir(text, strlen(text), &q, &w));
    ck_assert_str_eq(w, "");
    char *a = save_text(p), *c = save_text(q);
    ck_assert_str_eq(a, c);
    ldrt_code code;
    tu_assert_ok(ldrt_diagnosis_code(ldrt_patient_diagnosis_at(q, 1), LDRT_CODE_OF_TERM, &code));
    ck_assert_str_eq(code.code, "C78.7");
    ldrt_date d;
    ldrt_date_precision prec = LDRT_DATE_PRECISION_YEAR;
    tu_assert_ok(ldrt_patient_death_date(q, &d));
    tu_assert_ok(ldrt_date_parts(d, NULL, NULL, NULL, &prec));
    ck_assert_int_eq(prec, LDRT_DATE_PRECISION_MONTH);
    ldrt_free(text);
    ldrt_free(a);
    ldrt_free(c);
    ldrt_free(w);
    json_decref(b);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
}
END_TEST

START_TEST(round_trips_are_lossless)
{
    round_trip(tu_example_path("case-fong-2025.json"));
    round_trip(tu_data_path("all-kinds.json"));
    DIR *d = opendir(tu_data_path("corpus"));
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 5, ".json"))
            continue;
        char name[300], path[4400];
        snprintf(name, sizeof name, "corpus/%s", e->d_name);
        snprintf(path, sizeof path, "%s", tu_data_path(name));
        ldrt_patient *p = NULL;
        if (ldrt_patient_load_json(path, &p) != LDRT_OK)
            continue; /* an invalid document of the corpus */
        ldrt_patient_free(p);
        round_trip(path);
        n++;
    }
    closedir(d);
    ck_assert_int_ge(n, 8);
}
END_TEST

START_TEST(save_and_load_files)
{
    ldrt_patient *p = load(tu_example_path("case-fong-2025.json")), *q = NULL;
    char dir[] = "/tmp/ldrt-check-fhir-XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/b.json", dir);
    tu_assert_ok(ldrt_patient_save_fhir(p, path));
    char *w = NULL;
    tu_assert_ok(ldrt_patient_load_fhir(path, &q, &w));
    char *a = save_text(p), *b = save_text(q);
    ck_assert_str_eq(a, b);
    tu_assert_error(ldrt_patient_load_fhir("/nonexistent/b.json", &q, NULL), LDRT_EIO, "/nonexistent/b.json");
    tu_assert_error(ldrt_patient_save_fhir(p, dir), LDRT_EIO, dir); /* a directory is not replaced */
    unlink(path);
    rmdir(dir);
    ldrt_free(a);
    ldrt_free(b);
    ldrt_free(w);
    ldrt_patient_free(p);
    ldrt_patient_free(q);
}
END_TEST

/* ---- the mCODE IG's example ------------------------------------------------------------- */

START_TEST(mcode_example_bundle)
{
    ldrt_patient *p = NULL;
    char *w = NULL;
    tu_assert_ok(ldrt_patient_load_fhir(tu_data_path("fhir/mcode-jenny-m.json"), &p, &w));
    ck_assert_str_eq(ldrt_patient_id(p), "MRN1234");
    ck_assert_str_eq(ldrt_patient_sex(p), "female");
    ldrt_date d;
    tu_assert_ok(ldrt_patient_birth_date(p, &d));
    ck_assert_int_eq(d, 19650101);
    ck_assert_uint_eq(ldrt_patient_diagnosis_count(p), 1);
    ck_assert_str_eq(ldrt_diagnosis_condition(ldrt_patient_diagnosis_at(p, 0)),
                     "Primary malignant neoplasm of female left breast (disorder)");
    /* Surgery 2018-04-01, three administrations 2018-04-22, the chest-wall course. */
    ck_assert_uint_eq(ldrt_patient_event_count(p), 5);
    const ldrt_course *c = NULL;
    tu_assert_ok(ldrt_patient_find_course(p, "radiotherapy-treatment-summary-chest-wall-jenny-m", &c));
    const ldrt_event *e = ldrt_course_as_event(c);
    ck_assert_str_eq(ldrt_event_text(e, LDRT_FIELD_MODALITY), "photon");
    ck_assert_str_eq(ldrt_event_text(e, LDRT_FIELD_TECHNIQUE), "VMAT");
    ck_assert_str_eq(ldrt_event_text(e, LDRT_FIELD_INTENT), "curative");
    ck_assert_int_eq(ldrt_event_date(e), 20180815);
    /* Every resource that did not fit is named. */
    static const char *const named[] = {
        "Observation/tumor-size-jenny-m: not mapped",
        "Observation/cancer-disease-status-jenny-m: not mapped",
        "MedicationRequest/cancer-related-medication-request-anastrozole-jenny-m: not mapped",
        "Procedure/radiotherapy-treatment-summary-chest-wall-jenny-m: the dose delivered",
        "Procedure/radiotherapy-treatment-summary-chest-wall-jenny-m: 2 modality and technique",
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        ck_assert_msg(strstr(w, named[i]) != NULL, "no warning %s in\n%s", named[i], w);
    /* ... and kept: the document holds them, and the course's dose delivered. */
    char *doc = save_text(p);
    json_t *j = json_loads(doc, 0, NULL);
    ck_assert_uint_eq(json_array_size(json_object_get(j, "fhir_unmapped")), 3);
    json_t *events = json_object_get(j, "events"), *course = NULL;
    for (size_t i = 0; i < json_array_size(events); i++)
        if (!strcmp(str_at(json_array_get(events, i), "type"), "radiotherapy"))
            course = json_array_get(events, i);
    json_t *dd = json_object_get(course, "fhir_dose_delivered");
    ck_assert_double_eq(json_number_value(json_object_get(json_array_get(dd, 0), "total_gy")), 60);
    ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(dd, 0), "fractions")), 30);
    ck_assert_str_eq(str_at(json_array_get(json_object_get(json_object_get(j, "patient"), "fhir_source"), 0), "id"),
                     "cancer-patient-jenny-m");
    json_decref(j);
    ldrt_free(doc);
    ldrt_free(w);
    ldrt_patient_free(p);
}
END_TEST

/* ---- errors ------------------------------------------------------------------------------ */

static int read_text(const char *text, ldrt_patient **p)
{
    return ldrt_patient_read_fhir(text, strlen(text), p, NULL);
}

START_TEST(bad_bundles_are_refused)
{
    ldrt_patient *p = NULL;
    char *w = NULL;
    tu_assert_error(ldrt_patient_write_fhir(NULL, &w, NULL), LDRT_EINVAL, "patient");
    tu_assert_error(ldrt_patient_read_fhir(NULL, 0, &p, NULL), LDRT_EINVAL, "data");
    tu_assert_error(ldrt_patient_read_fhir("{}", 2, NULL, NULL), LDRT_EINVAL, "out");
    tu_assert_error(read_text("{", &p), LDRT_EPARSE, "line 1");
    tu_assert_error(read_text("[]", &p), LDRT_EINVAL, "not a Bundle");
    tu_assert_error(read_text("{\"resourceType\": \"Patient\"}", &p), LDRT_EINVAL, "not a Bundle (resourceType is Patient)");
    tu_assert_error(read_text("{\"resourceType\": \"Bundle\", \"type\": \"collection\"}", &p), LDRT_EINVAL, "no Patient");
    tu_assert_error(read_text("{\"resourceType\": \"Bundle\", \"entry\": {}}", &p), LDRT_EINVAL, "entry: must be an array");
    tu_assert_error(read_text("{\"resourceType\": \"Bundle\", \"entry\": [{\"resource\": {}}]}", &p),
                    LDRT_EINVAL, "entry[0]: no resource with a resourceType");
    tu_assert_error(read_text("{\"resourceType\": \"Bundle\", \"entry\": ["
                              "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"a\"}},"
                              "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"b\"}}]}", &p),
                    LDRT_EINVAL, "more than one Patient (entry[1])");
    tu_assert_error(read_text("{\"resourceType\": \"Bundle\", \"a\": 1, \"a\": 2}", &p), LDRT_EPARSE, "duplicate");
    /* A value the record refuses names the resource it came from. */
    tu_assert_error(read_text("{\"resourceType\": \"Bundle\", \"entry\": ["
                              "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"a\"}},"
                              "{\"resource\": {\"resourceType\": \"AdverseEvent\", \"id\": \"tox\","
                              " \"date\": \"2020-01-01\", \"event\": {\"text\": \"rash\"},"
                              " \"extension\": [{\"url\": \"" FHIR_AE_GRADE "\", \"valueCodeableConcept\": {\"text\": \"Grade 9\"}}]},"
                              " \"subject\": {\"reference\": \"Patient/a\"}}]}", &p),
                    LDRT_EINVAL, "AdverseEvent/tox");
    ck_assert_ptr_null(p);
    /* Bigger than the document limit. */
    tu_assert_error(ldrt_patient_read_fhir("{}", (size_t)LDRT_JSON_MAX_BYTES + 1, &p, NULL), LDRT_ERANGE, "limit");
    /* A minimal bundle: a patient only. */
    tu_assert_ok(read_text("{\"resourceType\": \"Bundle\", \"entry\": ["
                           "{\"resource\": {\"resourceType\": \"Patient\", \"id\": \"a\", \"gender\": \"female\"}}]}", &p));
    ck_assert_str_eq(ldrt_patient_id(p), "a");
    ldrt_patient_free(p);
}
END_TEST

/* ---- allocation failures ---------------------------------------------------------------- */

typedef struct {
    ldrt_patient *p;
    char *text;
    size_t n;
    ldrt_patient *q;
    char *w;
} alloc_case;

static int do_write(void *arg)
{
    alloc_case *c = arg;
    return ldrt_patient_write_fhir(c->p, &c->text, &c->n);
}

static void undo_write(void *arg)
{
    alloc_case *c = arg;
    ldrt_free(c->text);
    c->text = NULL;
}

static int do_read(void *arg)
{
    alloc_case *c = arg;
    return ldrt_patient_read_fhir(c->text, c->n, &c->q, &c->w);
}

static void undo_read(void *arg)
{
    alloc_case *c = arg;
    ldrt_patient_free(c->q);
    ldrt_free(c->w);
    c->q = NULL;
    c->w = NULL;
}

START_TEST(allocation_failures)
{
    alloc_case c = { 0 };
    c.p = load(tu_data_path("corpus/partial-dates.json"));
    tu_alloc_install();
    long runs = tu_alloc_fail_each(do_write, undo_write, &c);
    ck_assert_int_gt(runs, 10);
    tu_alloc_uninstall();
    tu_assert_ok(ldrt_patient_write_fhir(c.p, &c.text, &c.n));
    tu_alloc_install();
    runs = tu_alloc_fail_each(do_read, undo_read, &c);
    ck_assert_int_gt(runs, 10);
    tu_alloc_uninstall();
    ldrt_free(c.text);
    ldrt_patient_free(c.p);
}
END_TEST

/* ---- the commands -------------------------------------------------------------------------- */

static int run_ldrt(const char *args, char **out, char **err)
{
    const char *bin = getenv("LDRT_BIN");
    char cmd[16384], of[] = "/tmp/ldrt-fhir-out-XXXXXX", ef[] = "/tmp/ldrt-fhir-err-XXXXXX";
    int fo = mkstemp(of), fe = mkstemp(ef);
    ck_assert(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", bin ? bin : "bin/ldrt", args, of, ef);
    int st = system(cmd);
    *out = tu_slurp(of, NULL);
    *err = tu_slurp(ef, NULL);
    unlink(of);
    unlink(ef);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

START_TEST(commands_export_and_import)
{
    char *out, *err, args[9000], dir[] = "/tmp/ldrt-fhir-cmd-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char seed[4096];
    snprintf(seed, sizeof seed, "%s", tu_example_path("case-fong-2025.json"));
    snprintf(args, sizeof args, "export --fhir %s", seed);
    ck_assert_int_eq(run_ldrt(args, &out, &err), 0);
    ck_assert_str_eq(err, "");
    ck_assert_ptr_nonnull(strstr(out, "\"resourceType\": \"Bundle\""));
    free(out);
    free(err);
    snprintf(args, sizeof args, "export --fhir %s --output %s/b.json", seed, dir);
    ck_assert_int_eq(run_ldrt(args, &out, &err), 0);
    ck_assert_str_eq(out, "");
    free(out);
    free(err);
    snprintf(args, sizeof args, "import --fhir %s/b.json --output %s/d.json", dir, dir);
    ck_assert_int_eq(run_ldrt(args, &out, &err), 0);
    ck_assert_str_eq(err, "");
    free(out);
    free(err);
    /* The imported document assesses and reports as the original. */
    static const char *const cmds[][2] = { { "assess ", " --criteria recist1.1 --format json" },
                                           { "assess ", " --criteria irecist" },
                                           { "report ", "" },
                                           { "report ", " --format json" } };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char *o1, *e1, *o2, *e2, file[4200];
        snprintf(args, sizeof args, "%s%s%s", cmds[i][0], seed, cmds[i][1]);
        ck_assert_int_eq(run_ldrt(args, &o1, &e1), 0);
        snprintf(file, sizeof file, "%s/d.json", dir);
        snprintf(args, sizeof args, "%s%s%s", cmds[i][0], file, cmds[i][1]);
        ck_assert_int_eq(run_ldrt(args, &o2, &e2), 0);
        ck_assert_str_eq(o1, o2);
        free(o1);
        free(e1);
        free(o2);
        free(e2);
    }
    /* Warnings of another system's bundle go to stderr; the document to stdout. */
    snprintf(args, sizeof args, "import --fhir %s", tu_data_path("fhir/mcode-jenny-m.json"));
    ck_assert_int_eq(run_ldrt(args, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(err, "warning: Observation/tumor-size-jenny-m: not mapped"));
    ck_assert_ptr_nonnull(strstr(out, "\"ldrt\": 1"));
    free(out);
    free(err);
    /* Usage errors (2) and bad input (1). */
    static const struct {
        const char *args;
        int status;
        const char *msg;
    } bad[] = {
        { "export", 2, "missing the format: --fhir FILE or --sdtm DIR" },
        { "export --fhir", 2, "--fhir needs" },
        { "export --fhir a --sdtm x", 2, "unknown option '--fhir'" }, /* one format */
        { "export --fhir a --output", 2, "--output needs a value" },
        { "export --fhir /nonexistent.json", 1, "/nonexistent.json" },
        { "import", 2, "missing the format: --fhir BUNDLE or --sdtm DIR" },
        { "import --fhir a b", 2, "unexpected argument 'b'" },
        { "import --fhir /nonexistent.json", 1, "/nonexistent.json" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(run_ldrt(bad[i].args, &out, &err), bad[i].status);
        ck_assert_msg(strstr(err, bad[i].msg) != NULL, "%s: %s", bad[i].args, err);
        ck_assert_str_eq(out, "");
        free(out);
        free(err);
    }
    snprintf(args, sizeof args, "import --fhir %s", seed); /* a document, not a bundle */
    ck_assert_int_eq(run_ldrt(args, &out, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "not a Bundle"));
    free(out);
    free(err);
    ck_assert_int_eq(run_ldrt("export --help", &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "Usage: ldrt export --fhir FILE"));
    free(out);
    free(err);
    ck_assert_int_eq(run_ldrt("import --help", &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "Usage: ldrt import --fhir BUNDLE"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "rm -rf %s", dir);
    ck_assert_int_eq(system(args), 0);
}
END_TEST

static Suite *fhir_suite(void)
{
    Suite *s = suite_create("fhir");
    TCase *t = tcase_create("core");
    tcase_add_test(t, sha1_fips_examples);
    tcase_add_test(t, uuid5_matches_python);
    tcase_add_test(t, export_is_deterministic_and_clean);
    tcase_add_test(t, seed_case_codes);
    tcase_add_test(t, nodes_series_and_holds);
    tcase_add_test(t, death_date_is_deceased);
    tcase_add_test(t, record_codes_death_and_secondary);
    tcase_add_test(t, round_trips_are_lossless);
    tcase_add_test(t, save_and_load_files);
    tcase_add_test(t, mcode_example_bundle);
    tcase_add_test(t, bad_bundles_are_refused);
    tcase_set_timeout(t, 120);
    suite_add_tcase(s, t);
    t = tcase_create("memory");
    tcase_add_test(t, allocation_failures);
    tcase_set_timeout(t, 600);
    suite_add_tcase(s, t);
    t = tcase_create("commands");
    tcase_add_test(t, commands_export_and_import);
    tcase_set_timeout(t, 120);
    suite_add_tcase(s, t);
    return s;
}

TU_MAIN(fhir_suite)
