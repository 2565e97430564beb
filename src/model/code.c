/*
 * Coded terms: the accepted code systems, the shape of a code in each, the
 * curated table of the free-text terms the library knows, and the codes on
 * diagnoses, lesions, events and the drugs of systemic events.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "model.h"

/* ---- systems ------------------------------------------------------------------- */

/* The FHIR URIs of the code systems, as the HL7 mCODE implementation guide
 * (STU4, input/fsh/AL_CodeSystems.fsh) names them. */
static const char *const system_uris[] = {
    NULL,
    "http://snomed.info/sct",
    "http://hl7.org/fhir/sid/icd-10-cm",
    "http://terminology.hl7.org/CodeSystem/icd-o-3",
    "http://www.nlm.nih.gov/research/umls/rxnorm",
    "http://loinc.org",
    "http://unitsofmeasure.org",
    "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl",
    "http://terminology.hl7.org/CodeSystem/mdr",
};
#define N_SYSTEMS ((int)(sizeof system_uris / sizeof system_uris[0]))

const char *ldrt_code_system_uri(ldrt_code_system system)
{
    return (int)system >= 1 && (int)system < N_SYSTEMS ? system_uris[system] : NULL;
}

int ldrt_code_system_parse(const char *uri, ldrt_code_system *system)
{
    LDRT__CHECK_NOT_NULL(uri);
    LDRT__CHECK_NOT_NULL(system);
    for (int i = 1; i < N_SYSTEMS; i++)
        if (strcmp(uri, system_uris[i]) == 0) {
            *system = (ldrt_code_system)i;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "system: \"%.80s\" is not one of the accepted code systems "
                                       "(SNOMED CT, ICD-10-CM, ICD-O-3, RxNorm, LOINC, UCUM, NCI "
                                       "Thesaurus, MedDRA by their FHIR URIs)", uri);
}

/* ---- shapes -------------------------------------------------------------------- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}

/* Verhoeff's dihedral-group check (J. Verhoeff, Error Detecting Decimal
 * Codes, 1969), the check digit of SNOMED CT identifiers: the number is
 * valid when the running product over its digits, right to left, is 0. */
static int verhoeff_ok(const char *s, size_t n)
{
    static const unsigned char d[10][10] = {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
        { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 },
        { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
        { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };
    static const unsigned char p[8][10] = {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 },
        { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 }, { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 },
        { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };
    unsigned c = 0;
    for (size_t i = 0; i < n; i++)
        c = d[c][p[i % 8][s[n - 1 - i] - '0']];
    return c == 0;
}

/* LOINC's mod-10 check digit (LOINC Users' Guide, "Calculating Mod 10
 * check digits"): from the right, the digits in odd positions form a number
 * that is doubled, the digits in even positions are written before it, and
 * the check digit takes the sum of all those digits to the next multiple of
 * ten. Equal to Luhn's: each digit in an odd position doubled, the digits
 * of the products added. */
static int loinc_check_digit(const char *s, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned v = (unsigned)(s[n - 1 - i] - '0');
        if (i % 2 == 0) {
            v *= 2;
            v = v / 10 + v % 10;
        }
        sum += v;
    }
    return (int)((10 - sum % 10) % 10);
}

static int check_snomed(const char *code, size_t n)
{
    if (n < 6 || n > 18 || !all_digits(code, n) || code[0] == '0')
        return ldrt__error(LDRT_EINVAL, "code: \"%.40s\" is not a SNOMED CT identifier (6 to 18 "
                                        "digits, no leading zero)", code);
    /* The partition identifier (the two digits before the check digit):
     * 00 (short form) or 10 (long form) for a concept. */
    if (!((code[n - 3] == '0' || code[n - 3] == '1') && code[n - 2] == '0'))
        return ldrt__error(LDRT_EINVAL, "code: %s is not a SNOMED CT concept identifier (partition "
                                        "identifier %c%c, not 00 or 10)", code, code[n - 3], code[n - 2]);
    if (!verhoeff_ok(code, n))
        return ldrt__error(LDRT_EINVAL, "code: %s fails the SNOMED CT check digit (Verhoeff)", code);
    return LDRT_OK;
}

static int check_loinc(const char *code, size_t n)
{
    const char *dash = strchr(code, '-');
    size_t body = dash ? (size_t)(dash - code) : n;
    if (!dash || body < 1 || body > 7 || !all_digits(code, body) || n != body + 2 ||
        !is_digit(code[n - 1]))
        return ldrt__error(LDRT_EINVAL, "code: \"%.40s\" is not a LOINC code (digits, a hyphen and "
                                        "a check digit: 21889-1)", code);
    int want = loinc_check_digit(code, body);
    if (code[n - 1] - '0' != want)
        return ldrt__error(LDRT_EINVAL, "code: %s fails the LOINC mod-10 check digit (expected %d)",
                           code, want);
    return LDRT_OK;
}

static int check_icd10cm(const char *code, size_t n)
{
    int ok = n >= 3 && is_upper(code[0]) && is_digit(code[1]) &&
             (is_digit(code[2]) || is_upper(code[2]));
    if (ok && n > 3) {
        ok = code[3] == '.' && n >= 5 && n <= 8;
        for (size_t i = 4; ok && i < n; i++)
            ok = is_digit(code[i]) || is_upper(code[i]);
    }
    if (!ok)
        return ldrt__error(LDRT_EINVAL, "code: \"%.40s\" is not an ICD-10-CM code (a letter, a "
                                        "digit, a digit or letter, then a dot and 1 to 4 more: "
                                        "C43.72)", code);
    return LDRT_OK;
}

static int check_icdo3(const char *code, size_t n)
{
    /* Morphology 8720/3: histology 8000-9999, behaviour 0, 1, 2, 3, 6, 9. */
    if (n == 6 && all_digits(code, 4) && code[0] >= '8' && code[4] == '/' &&
        strchr("012369", code[5]) && code[5])
        return LDRT_OK;
    /* Topography C44.7. */
    if (n == 5 && code[0] == 'C' && all_digits(code + 1, 2) && code[3] == '.' && is_digit(code[4]))
        return LDRT_OK;
    return ldrt__error(LDRT_EINVAL, "code: \"%.40s\" is not an ICD-O-3 code (a morphology such as "
                                    "8720/3 or a topography such as C44.7)", code);
}

static int check_digits(const char *code, size_t n, size_t max, const char *what)
{
    if (n < 1 || n > max || !all_digits(code, n) || code[0] == '0')
        return ldrt__error(LDRT_EINVAL, "code: \"%.40s\" is not %s (1 to %zu digits, no leading zero)",
                           code, what, max);
    return LDRT_OK;
}

int ldrt_code_check(const char *system, const char *code)
{
    LDRT__CHECK_NOT_NULL(system);
    LDRT__CHECK_NOT_NULL(code);
    ldrt_code_system s;
    int rc = ldrt_code_system_parse(system, &s);
    if (rc)
        return rc == LDRT_ENOTFOUND ? LDRT_EINVAL : rc;
    size_t n = strnlen(code, 65);
    if (n == 0)
        return ldrt__error(LDRT_EINVAL, "code: must not be empty");
    switch (s) {
    case LDRT_CODE_SYSTEM_SNOMED_CT: return check_snomed(code, n);
    case LDRT_CODE_SYSTEM_ICD10CM: return check_icd10cm(code, n);
    case LDRT_CODE_SYSTEM_ICDO3: return check_icdo3(code, n);
    case LDRT_CODE_SYSTEM_RXNORM: return check_digits(code, n, 9, "an RxNorm RXCUI");
    case LDRT_CODE_SYSTEM_LOINC: return check_loinc(code, n);
    case LDRT_CODE_SYSTEM_UCUM:
        for (size_t i = 0; i < n; i++)
            if (code[i] < 0x21 || code[i] > 0x7e || n > 64)
                return ldrt__error(LDRT_EINVAL, "code: \"%.40s\" is not a UCUM unit (1 to 64 "
                                                "printable ASCII characters, no spaces)", code);
        return LDRT_OK;
    case LDRT_CODE_SYSTEM_NCIT:
        if (n >= 2 && n <= 8 && code[0] == 'C' && all_digits(code + 1, n - 1))
            return LDRT_OK;
        return ldrt__error(LDRT_EINVAL, "code: \"%.40s\" is not an NCI Thesaurus code (C and 1 to "
                                        "7 digits: C57788)", code);
    case LDRT_CODE_SYSTEM_MEDDRA:
        if (n == 8 && code[0] == '1' && all_digits(code, n))
            return LDRT_OK;
        return ldrt__error(LDRT_EINVAL, "code: \"%.40s\" is not a MedDRA code (8 digits starting "
                                        "with 1)", code);
    }
    return LDRT_EINVAL;
}

/* ---- the curated table ------------------------------------------------------------ */

/* The free-text terms the library knows, with codes verified against a
 * published entry of the code system (the source names where). A term not
 * here stays uncoded: nothing is added from memory or from a secondary
 * listing. Not here, because the code system's own published entry (RxNav
 * of the NLM for RxNorm, the SNOMED International browser for SNOMED CT,
 * NCI EVS for the NCI Thesaurus and CTCAE's MedDRA codes) could not be
 * consulted when the table was last reviewed:
 * - the RxNorm ingredient RXCUIs of the seven checkpoint inhibitors of
 *   ldrt_drug_is_checkpoint_inhibitor() (atezolizumab, avelumab,
 *   cemiplimab, durvalumab, ipilimumab, nivolumab, pembrolizumab): drug
 *   labels list product RXCUIs, not the ingredient's, and a product code is
 *   not the drug of an agent;
 * - the SNOMED CT concept for melanoma of unknown site (ICD-10-CM codes
 *   melanoma by site: C43.x for skin, which a record can carry itself);
 * - the MedDRA lowest-level-term code of the seed's CTCAE term (Diarrhea):
 *   its NCI Thesaurus code below is verified, the MedDRA one is not;
 * - SBRT (no technique code in mCODE STU4). */
typedef struct {
    const char *term;
    int system;
    const char *code;
    const char *display;
    const char *source;
} code_entry;

#define MCODE_MODALITY "HL7 mCODE STU4, TeleradiotherapyModalityVS (SNOMED CT concept and fully specified name)"
#define MCODE_TECHNIQUE "HL7 mCODE STU4, TeleradiotherapyPhotonBeamTechniqueVS (SNOMED CT concept and fully specified name)"

static const code_entry table[] = {
    /* Radiotherapy modalities (the `modality` of a radiotherapy event). */
    { "photon", LDRT_CODE_SYSTEM_SNOMED_CT, "1156506007",
      "External beam radiation therapy using photons (procedure)", MCODE_MODALITY },
    { "electron", LDRT_CODE_SYSTEM_SNOMED_CT, "45643008",
      "External beam radiation therapy using electrons (procedure)", MCODE_MODALITY },
    { "proton", LDRT_CODE_SYSTEM_SNOMED_CT, "10611004",
      "External beam radiation therapy protons (procedure)", MCODE_MODALITY },
    { "neutron", LDRT_CODE_SYSTEM_SNOMED_CT, "80347004",
      "External beam radiation therapy neutrons (procedure)", MCODE_MODALITY },
    { "carbon ion", LDRT_CODE_SYSTEM_SNOMED_CT, "1156505006",
      "External beam radiation therapy using carbon ions (procedure)", MCODE_MODALITY },
    /* Radiotherapy techniques (the `technique` of a radiotherapy event). */
    { "IMRT", LDRT_CODE_SYSTEM_SNOMED_CT, "441799006",
      "Intensity modulated radiation therapy (procedure)", MCODE_TECHNIQUE },
    { "VMAT", LDRT_CODE_SYSTEM_SNOMED_CT, "1156530009",
      "Volumetric Modulated Arc Therapy (procedure)", MCODE_TECHNIQUE },
    { "3D-CRT", LDRT_CODE_SYSTEM_SNOMED_CT, "1162782007",
      "Three dimensional external beam radiation therapy (procedure)", MCODE_TECHNIQUE },
    /* CTCAE v5.0 terms of the seed case (the `term` of a toxicity event). */
    { "Diarrhea", LDRT_CODE_SYSTEM_NCIT, "C57788", "Diarrhea",
      "HL7 CodeX Radiation Therapy, AdverseEventTermVS (CTCAE 5.0 terms as NCI Thesaurus codes, "
      "from NCIt_CTCAE_5.0.xlsx)" },
    /* Conditions (the `condition` of a diagnosis). */
    { "melanoma", LDRT_CODE_SYSTEM_ICDO3, "8720/3", "Malignant melanoma, NOS",
      "NCI SEER Training, Melanoma: ICD-O-3 morphology codes "
      "(training.seer.cancer.gov/melanoma/abstract-code-stage/morphology.html)" },
};
#define N_TABLE (sizeof table / sizeof table[0])

static void fill(ldrt_code *out, const code_entry *e)
{
    out->system = system_uris[e->system];
    out->code = e->code;
    out->display = e->display;
}

int ldrt_code_lookup(const char *term, ldrt_code_system system, ldrt_code *out)
{
    LDRT__CHECK_NOT_NULL(term);
    LDRT__CHECK_NOT_NULL(out);
    if (system != 0 && !ldrt_code_system_uri(system))
        return ldrt__error(LDRT_EINVAL, "system: unknown code system %d", (int)system);
    for (size_t i = 0; i < N_TABLE; i++)
        if ((system == 0 || table[i].system == (int)system) &&
            ldrt__ascii_casecmp(term, table[i].term) == 0) {
            fill(out, &table[i]);
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "term: \"%.80s\" has no verified code%s%s (left uncoded)",
                       term, system ? " in " : "", system ? ldrt_code_system_uri(system) : "");
}

size_t ldrt_code_table_count(void)
{
    return N_TABLE;
}

int ldrt_code_table_at(size_t index, const char **term, ldrt_code *code, const char **source)
{
    if (index >= N_TABLE)
        return ldrt__error(LDRT_ERANGE, "index: %zu is past the %zu entries", index, (size_t)N_TABLE);
    if (term)
        *term = table[index].term;
    if (code)
        fill(code, &table[index]);
    if (source)
        *source = table[index].source;
    return LDRT_OK;
}

/* ---- codes on items ------------------------------------------------------------- */

void ldrt__code_free(ldrt_patient *p, ldrt__code *c)
{
    if (!c)
        return;
    ldrt__free(c->system);
    ldrt__free(c->code);
    ldrt__free(c->display);
    ldrt__extra_free(p, c->extra);
    ldrt__free(c);
}

void ldrt__codes_free(ldrt_patient *p, ldrt__code **codes)
{
    for (int i = 0; i < LDRT__N_CODES; i++) {
        ldrt__code_free(p, codes[i]);
        codes[i] = NULL;
    }
}

static int check_of(int of, int site_only, int term_only)
{
    if (of != LDRT_CODE_OF_TERM && of != LDRT_CODE_OF_SITE)
        return ldrt__error(LDRT_EINVAL, "of: %d is not LDRT_CODE_OF_TERM or LDRT_CODE_OF_SITE", of);
    if (site_only && of != LDRT_CODE_OF_SITE)
        return ldrt__error(LDRT_EINVAL, "code: a lesion has only a site_code");
    if (term_only && of != LDRT_CODE_OF_TERM)
        return ldrt__error(LDRT_EINVAL, "site_code: this item has no site");
    return LDRT_OK;
}

static const char *member(int of)
{
    return of == LDRT_CODE_OF_SITE ? "site_code" : "code";
}

/* Replaces the code in *slot (system NULL clears it); nothing changes on failure. */
static int set_code(ldrt_patient *p, ldrt__code **slot, int of, const char *system, const char *code,
                    const char *display)
{
    if (!system) {
        ldrt__code_free(p, *slot);
        *slot = NULL;
        return LDRT_OK;
    }
    int rc = ldrt__check_text(system, "system");
    if (!rc)
        rc = ldrt__check_text(code, "code");
    if (!rc && display)
        rc = ldrt__check_text(display, "display");
    if (!rc)
        rc = ldrt_code_check(system, code);
    if (rc) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s", ldrt_last_error());
        return ldrt__error(rc, "%s.%s", member(of), msg);
    }
    ldrt__code *c = ldrt__calloc(1, sizeof *c);
    if (!c || !(c->system = ldrt__strdup(system)) || !(c->code = ldrt__strdup(code)) ||
        (display && !(c->display = ldrt__strdup(display)))) {
        ldrt__code_free(p, c);
        return LDRT_ENOMEM;
    }
    /* Keep the unknown members of a code being replaced by the same system. */
    if (*slot && strcmp((*slot)->system, system) == 0) {
        c->extra = (*slot)->extra;
        (*slot)->extra = NULL;
    }
    ldrt__code_free(p, *slot);
    *slot = c;
    return LDRT_OK;
}

static int get_code(const ldrt__code *c, int of, ldrt_code *out)
{
    if (!c)
        return ldrt__error(LDRT_ENOTFOUND, "%s: not recorded", member(of));
    out->system = c->system;
    out->code = c->code;
    out->display = c->display;
    return LDRT_OK;
}

int ldrt_diagnosis_code(const ldrt_diagnosis *d, ldrt_code_of of, ldrt_code *out)
{
    LDRT__CHECK_NOT_NULL(d);
    LDRT__CHECK_NOT_NULL(out);
    int rc = check_of(of, 0, 0);
    return rc ? rc : get_code(d->codes[of], of, out);
}

int ldrt_diagnosis_set_code(ldrt_diagnosis *d, ldrt_code_of of, const char *system, const char *code,
                            const char *display)
{
    LDRT__CHECK_NOT_NULL(d);
    int rc = check_of(of, 0, 0);
    return rc ? rc : set_code(d->patient, &d->codes[of], of, system, code, display);
}

int ldrt_lesion_code(const ldrt_lesion *l, ldrt_code_of of, ldrt_code *out)
{
    LDRT__CHECK_NOT_NULL(l);
    LDRT__CHECK_NOT_NULL(out);
    int rc = check_of(of, 1, 0);
    return rc ? rc : get_code(l->codes[of], of, out);
}

int ldrt_lesion_set_code(ldrt_lesion *l, ldrt_code_of of, const char *system, const char *code,
                         const char *display)
{
    LDRT__CHECK_NOT_NULL(l);
    int rc = check_of(of, 1, 0);
    return rc ? rc : set_code(l->patient, &l->codes[of], of, system, code, display);
}

int ldrt_event_code(const ldrt_event *e, ldrt_code_of of, ldrt_code *out)
{
    LDRT__CHECK_NOT_NULL(e);
    LDRT__CHECK_NOT_NULL(out);
    int rc = check_of(of, 0, 0);
    return rc ? rc : get_code(ldrt__src(e)->codes[of], of, out);
}

int ldrt_event_set_code(ldrt_event *e, ldrt_code_of of, const char *system, const char *code,
                        const char *display)
{
    LDRT__CHECK_NOT_NULL(e);
    int rc = check_of(of, 0, 0);
    if (rc)
        return rc;
    if (e->parent)
        return ldrt__error(LDRT_EINVAL, "%s: an administration of a series takes it from its series",
                           member(of));
    if (of == LDRT_CODE_OF_TERM && e->kind == LDRT_EVENT_NOTE)
        return ldrt__error(LDRT_EINVAL, "code: a note has no coded term");
    if (of == LDRT_CODE_OF_SITE && !ldrt__field_allowed(e->kind, LDRT_FIELD_SITE))
        return ldrt__error(LDRT_EINVAL, "site_code: a %s event has no site",
                           ldrt_event_kind_name(e->kind));
    return set_code(e->patient, &e->codes[of], of, system, code, display);
}

int ldrt_systemic_agent_code(const ldrt_systemic *s, size_t index, ldrt_code *out)
{
    LDRT__CHECK_NOT_NULL(s);
    LDRT__CHECK_NOT_NULL(out);
    const ldrt_event *e = ldrt__src(LDRT__CEV(s));
    if (e->kind != LDRT_EVENT_SYSTEMIC)
        return ldrt__error(LDRT_EINVAL, "systemic: not a systemic event");
    if (index >= e->n_agents)
        return ldrt__error(LDRT_ERANGE, "index: %zu is past the %zu agents", index, e->n_agents);
    return get_code(e->agents[index].code, LDRT_CODE_OF_TERM, out);
}

int ldrt_systemic_set_agent_code(ldrt_systemic *s, size_t index, const char *system, const char *code,
                                 const char *display)
{
    LDRT__CHECK_NOT_NULL(s);
    ldrt_event *e = LDRT__EV(s);
    if (e->kind != LDRT_EVENT_SYSTEMIC)
        return ldrt__error(LDRT_EINVAL, "systemic: not a systemic event");
    if (e->parent)
        return ldrt__error(LDRT_EINVAL, "code: an administration of a series takes it from its series");
    if (index >= e->n_agents)
        return ldrt__error(LDRT_ERANGE, "index: %zu is past the %zu agents", index, e->n_agents);
    return set_code(e->patient, &e->agents[index].code, LDRT_CODE_OF_TERM, system, code, display);
}
