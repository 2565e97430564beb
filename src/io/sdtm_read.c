/*
 * CDISC SDTM (CSV) into a study: DM, DS, TU, TR, RS, EX, PR, AE.
 * The mapping is documented in ldrt/study.h and doc/guides/trials.md.
 * SPDX-License-Identifier: MIT
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "io_internal.h"
#include "study_internal.h"

#define STREAM_MAX 256

enum { D_DM, D_DS, D_TU, D_TR, D_RS, D_EX, D_PR, D_AE, N_DOMAINS };
static const char *const domain_code[N_DOMAINS] = { "DM", "DS", "TU", "TR", "RS", "EX", "PR", "AE" };

typedef struct domain_file {
    char *name; /* without the directory */
    int domain;
    ldrt__csv *csv;
} domain_file;

typedef struct reading {
    ldrt_study *st;
    const ldrt_sdtm_options *opt;
    domain_file *f;
    size_t nf;
    char reader[STREAM_MAX]; /* the stream read */
    /* the file and row being mapped */
    const domain_file *cur;
    size_t row;
    /* new lesions of TU, placed on their scans after TR (which may give their size) */
    struct pending_new {
        size_t subject;
        char *id, *site;
        ldrt_date date;
    } *pending;
    size_t npending;
    char **saxis; /* saxis_key() of the TR rows that give a short axis */
    size_t nsaxis;
    int saxis_sorted;
} reading;

/* ---- small helpers ---------------------------------------------------------------- */

static int upper_eq(const char *a, const char *b)
{
    return a && b && ldrt__ascii_casecmp(a, b) == 0;
}

static int contains_ci(const char *hay, const char *needle)
{
    if (!hay)
        return 0;
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && (hay[i] | 0x20) == (needle[i] | 0x20))
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* An SDTM date: ISO 8601, the precision kept ("2014", "2014-01",
 * "2014-01-02"), a time after 'T' ignored, a missing month with a known day
 * ("2014---15") kept as the year. */
static int sdtm_date(const char *text, ldrt_date *out)
{
    char buf[16];
    size_t n = 0;
    if (!text)
        return LDRT_ENOTFOUND;
    while (text[n] && text[n] != 'T' && n < sizeof buf - 1)
        n++;
    if (text[n] && text[n] != 'T')
        return LDRT_EPARSE;
    memcpy(buf, text, n);
    buf[n] = '\0';
    char *gap = strstr(buf, "--");
    if (gap)
        *gap = '\0';
    n = strlen(buf);
    while (n > 0 && buf[n - 1] == '-')
        buf[--n] = '\0';
    int rc = ldrt_date_parse(buf, out);
    if (rc != LDRT_OK)
        ldrt_clear_error();
    return rc == LDRT_OK ? LDRT_OK : LDRT_EPARSE;
}

/* A number: the whole text, finite. */
static int number(const char *text, double *out)
{
    if (!text || !*text)
        return LDRT_ENOTFOUND;
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (*end || errno || !isfinite(v))
        return LDRT_EPARSE;
    *out = v;
    return LDRT_OK;
}

static const char *cell(const reading *rd, const char *name)
{
    return ldrt__csv_get(rd->cur->csv, rd->row, ldrt__csv_column(rd->cur->csv, name));
}

/* The variable of the current domain: "TU" + "LNKID". */
static const char *var(const reading *rd, const char *suffix)
{
    char name[32];
    snprintf(name, sizeof name, "%s%s", domain_code[rd->cur->domain], suffix);
    return cell(rd, name);
}

static int unmapped(reading *rd, const char *fmt, ...) LDRT__PRINTF(2, 3);
static int unmapped(reading *rd, const char *fmt, ...)
{
    char reason[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    return ldrt__study_unmapped(rd->st, domain_code[rd->cur->domain], rd->cur->name,
                                rd->cur->csv->line[rd->row + 1], cell(rd, "USUBJID"), "%s", reason);
}

/* The reader stream of the current row ("EVAL" or "EVAL/EVALID"). */
static void row_stream(const reading *rd, char *out, size_t size)
{
    const char *eval = var(rd, "EVAL"), *id = var(rd, "EVALID");
    if (!eval)
        eval = "INVESTIGATOR";
    if (id)
        snprintf(out, size, "%s/%s", eval, id);
    else
        snprintf(out, size, "%s", eval);
}

static int in_stream(const reading *rd)
{
    char s[STREAM_MAX];
    row_stream(rd, s, sizeof s);
    return ldrt__ascii_casecmp(s, rd->reader) == 0;
}

/* The subject of the current row (created when new); NULL with an unmapped
 * row when the row has no USUBJID. rc receives the status. */
static ldrt_patient *subject(reading *rd, size_t *index, int *rc)
{
    const char *id = cell(rd, "USUBJID");
    *rc = LDRT_OK;
    if (!id) {
        *rc = unmapped(rd, "no USUBJID");
        return NULL;
    }
    const char *studyid = cell(rd, "STUDYID");
    if (studyid && strcmp(rd->st->studyid, "STUDY") == 0) {
        char *s = ldrt__strdup(studyid);
        if (!s) {
            *rc = ldrt__error(LDRT_ENOMEM, "out of memory");
            return NULL;
        }
        ldrt__free(rd->st->studyid);
        rd->st->studyid = s;
    }
    size_t i = 0;
    *rc = ldrt__study_subject(rd->st, id, &i);
    if (*rc != LDRT_OK)
        return NULL;
    if (index)
        *index = i;
    return rd->st->s[i].patient;
}

/* The scan of a date (added when absent). */
static int scan_of(ldrt_patient *p, ldrt_date date, ldrt_scan **out)
{
    size_t n = ldrt_patient_event_count(p);
    for (size_t k = 0; k < n; k++) {
        ldrt_event *e = ldrt_patient_event_at_mut(p, k);
        if (ldrt_event_type(e) == LDRT_EVENT_IMAGING && ldrt_event_date(e) == date) {
            *out = ldrt_event_as_scan_mut(e);
            return LDRT_OK;
        }
    }
    ldrt_event *e = NULL;
    int rc = ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, date, &e);
    if (rc != LDRT_OK)
        return rc;
    *out = ldrt_event_as_scan_mut(e);
    return LDRT_OK;
}

/* A library refusal of one row: listed as unmapped with the library's message. */
static int refused(reading *rd, int rc, const char *what)
{
    if (rc == LDRT_ENOMEM)
        return rc;
    char msg[300];
    snprintf(msg, sizeof msg, "%s", ldrt_last_error());
    ldrt_clear_error();
    return unmapped(rd, "%s: %s", what, msg);
}

/* The date of a variable of the current row; 0 with an unmapped row when
 * missing or bad (*rc receives the status). */
static ldrt_date row_date(reading *rd, const char *suffix, int required, int *rc)
{
    const char *t = var(rd, suffix);
    ldrt_date d = 0;
    *rc = LDRT_OK;
    if (!t) {
        if (required)
            *rc = unmapped(rd, "no %s%s", domain_code[rd->cur->domain], suffix);
        return 0;
    }
    if (sdtm_date(t, &d) != LDRT_OK) {
        *rc = unmapped(rd, "%s%s '%s' is not an ISO 8601 date", domain_code[rd->cur->domain],
                       suffix, t);
        return 0;
    }
    return d;
}

/* ---- the domains ---------------------------------------------------------------------- */

static int map_dm(reading *rd)
{
    size_t i;
    int rc;
    ldrt_patient *p = subject(rd, &i, &rc);
    if (!p)
        return rc;
    const char *sex = cell(rd, "SEX");
    if (sex) {
        const char *s = upper_eq(sex, "M") ? "male" : upper_eq(sex, "F") ? "female"
                      : upper_eq(sex, "U") ? "unknown" : upper_eq(sex, "UNDIFFERENTIATED") ? "undifferentiated" : NULL;
        if (!s)
            return unmapped(rd, "SEX '%s' is not M, F, U or UNDIFFERENTIATED", sex);
        if ((rc = ldrt_patient_set_sex(p, s)) != LDRT_OK)
            return refused(rd, rc, "SEX");
    }
    const char *b = cell(rd, "BRTHDTC");
    ldrt_date d = 0;
    if (b) {
        if (sdtm_date(b, &d) != LDRT_OK)
            return unmapped(rd, "BRTHDTC '%s' is not an ISO 8601 date", b);
        if ((rc = ldrt_patient_set_birth_date(p, d)) != LDRT_OK)
            return refused(rd, rc, "BRTHDTC");
    }
    const char *x = cell(rd, "RFXSTDTC");
    if (x) {
        if (sdtm_date(x, &d) != LDRT_OK)
            return unmapped(rd, "RFXSTDTC '%s' is not an ISO 8601 date", x);
        rd->st->s[i].first_dose = d;
        rd->st->s[i].first_dose_dm = 1;
    }
    return LDRT_OK;
}

static int map_ds(reading *rd)
{
    const char *decod = cell(rd, "DSDECOD");
    if (!upper_eq(decod, "RANDOMIZED"))
        return unmapped(rd, "DSDECOD '%s': only the randomization (RANDOMIZED) is read",
                        decod ? decod : "");
    size_t i;
    int rc;
    if (!subject(rd, &i, &rc))
        return rc;
    ldrt_date d = row_date(rd, "STDTC", 1, &rc);
    if (d)
        rd->st->s[i].randomization = d;
    return rc;
}

static int map_tu(reading *rd)
{
    int rc;
    const char *test = var(rd, "TESTCD");
    if (test && !upper_eq(test, "TUMIDENT"))
        return unmapped(rd, "TUTESTCD '%s': only tumour identification (TUMIDENT) is read", test);
    const char *id = var(rd, "LNKID");
    if (!id)
        return unmapped(rd, "no TULNKID");
    const char *res = var(rd, "STRESC");
    if (!res)
        res = var(rd, "ORRES");
    ldrt_lesion_role role = upper_eq(res, "TARGET") ? LDRT_ROLE_TARGET
                          : upper_eq(res, "NON-TARGET") ? LDRT_ROLE_NON_TARGET
                          : (res && ldrt__ascii_casecmp(res, "NEW") == 0) ? LDRT_ROLE_NEW
                          : contains_ci(res, "NEW") ? LDRT_ROLE_NEW : LDRT_ROLE_NONE;
    if (role == LDRT_ROLE_NONE)
        return unmapped(rd, "TUSTRESC '%s' is not TARGET, NON-TARGET or NEW", res ? res : "");
    ldrt_date found = 0;
    if (role == LDRT_ROLE_NEW) {
        found = row_date(rd, "DTC", 0, &rc);
        if (rc != LDRT_OK)
            return rc;
        if (!found)
            return unmapped(rd, "new lesion '%s' without TUDTC: the scan it was found on is unknown", id);
    }
    ldrt_patient *p = subject(rd, NULL, &rc);
    if (!p)
        return rc;
    const ldrt_lesion *old = NULL;
    if (ldrt_patient_find_lesion(p, id, &old) == LDRT_OK)
        return unmapped(rd, "TULNKID '%s' identified twice", id);
    ldrt_clear_error();
    const char *loc = var(rd, "LOC");
    ldrt_lesion *l = NULL;
    if ((rc = ldrt_patient_add_lesion(p, id, &l)) != LDRT_OK)
        return refused(rd, rc, "TULNKID");
    ldrt_lesion_set_category(l, role);
    if (loc) {
        if ((rc = ldrt_lesion_set_site(l, loc)) != LDRT_OK ||
            (rc = ldrt_lesion_set_organ(l, loc)) != LDRT_OK)
            return refused(rd, rc, "TULOC");
        if (contains_ci(loc, "LYMPH NODE"))
            ldrt_lesion_set_nodal(l, 1);
    }
    if (role == LDRT_ROLE_NEW) {
        /* Found on the scan of TUDTC: placed there after TR. */
        ldrt_date d = found;
        struct pending_new *pn = ldrt__reallocarray(rd->pending, rd->npending + 1, sizeof *pn);
        if (!pn)
            return ldrt__error(LDRT_ENOMEM, "out of memory");
        rd->pending = pn;
        pn += rd->npending;
        ldrt_study_find_subject(rd->st, ldrt_patient_id(p), &pn->subject);
        pn->id = ldrt__strdup(id);
        pn->site = loc ? ldrt__strdup(loc) : NULL;
        pn->date = d;
        rd->npending++;
        if (!pn->id || (loc && !pn->site))
            return ldrt__error(LDRT_ENOMEM, "out of memory");
    }
    return LDRT_OK;
}

enum { TR_PASS_SAXIS, TR_PASS_MAP, N_TR_PASSES };

/* The measurement value of a TR row: *state PRESENT (value in mm), TOO_SMALL
 * (value or NaN), NOT_EVALUATED; returns 1 when mapped, 0 after listing the
 * row as unmapped (rc set). */
static int tr_value(reading *rd, double *mm, ldrt_lesion_state *state, int *rc)
{
    const char *stresc = var(rd, "STRESC"), *orres = var(rd, "ORRES");
    const char *stat = var(rd, "STAT"), *unit = var(rd, "STRESU");
    *rc = LDRT_OK;
    *mm = NAN;
    if (contains_ci(stresc, "TOO SMALL") || contains_ci(orres, "TOO SMALL")) {
        *state = LDRT_STATE_TOO_SMALL;
        double v;
        if (number(var(rd, "STRESN"), &v) == LDRT_OK)
            *mm = v;
        return 1;
    }
    const char *n = var(rd, "STRESN");
    if (!n)
        n = stresc;
    double v = 0;
    if (upper_eq(stat, "NOT DONE") || !n || upper_eq(n, "NE") || upper_eq(n, "NOT EVALUATED") ||
        contains_ci(n, "NOT ASSESSABLE")) {
        *state = LDRT_STATE_NOT_EVALUATED;
        return 1;
    }
    if (number(n, &v) != LDRT_OK || v < 0) {
        *rc = unmapped(rd, "TRSTRESN '%s' is not a length", n);
        return 0;
    }
    if (unit && upper_eq(unit, "CM"))
        v *= 10.0;
    else if (unit && !upper_eq(unit, "MM")) {
        *rc = unmapped(rd, "TRSTRESU '%s' is not mm or cm", unit);
        return 0;
    }
    *state = LDRT_STATE_PRESENT;
    *mm = v;
    return 1;
}

/* The key of a lesion on a date: "USUBJID\x1fLNKID\x1fDTC". */
static void saxis_key(const reading *rd, char *out, size_t size)
{
    snprintf(out, size, "%s\x1f%s\x1f%s", cell(rd, "USUBJID") ? cell(rd, "USUBJID") : "",
             var(rd, "LNKID") ? var(rd, "LNKID") : "", var(rd, "DTC") ? var(rd, "DTC") : "");
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Pass 0 of TR: the lesions measured by a short axis, and where. */
static int note_saxis(reading *rd)
{
    if (!upper_eq(var(rd, "TESTCD"), "SAXIS") || !in_stream(rd))
        return LDRT_OK;
    /* Only lymph nodes have a short axis. */
    size_t i;
    ldrt_lesion *l = NULL;
    if (cell(rd, "USUBJID") && var(rd, "LNKID") &&
        ldrt_study_find_subject(rd->st, cell(rd, "USUBJID"), &i) == LDRT_OK &&
        ldrt_patient_find_lesion_mut(rd->st->s[i].patient, var(rd, "LNKID"), &l) == LDRT_OK)
        ldrt_lesion_set_nodal(l, 1);
    ldrt_clear_error();
    char key[600];
    saxis_key(rd, key, sizeof key);
    char **k = ldrt__reallocarray(rd->saxis, rd->nsaxis + 1, sizeof *k);
    if (!k)
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    rd->saxis = k;
    if (!(k[rd->nsaxis] = ldrt__strdup(key)))
        return ldrt__error(LDRT_ENOMEM, "out of memory");
    rd->nsaxis++;
    return LDRT_OK;
}

static int has_saxis(const reading *rd)
{
    char key[600], *kp = key;
    saxis_key(rd, key, sizeof key);
    return rd->nsaxis && bsearch(&kp, rd->saxis, rd->nsaxis, sizeof *rd->saxis, cmp_key) != NULL;
}

static int map_tr(reading *rd, int pass)
{
    int rc;
    if (pass == TR_PASS_SAXIS)
        return note_saxis(rd);
    if (rd->nsaxis > 1 && !rd->saxis_sorted) {
        qsort(rd->saxis, rd->nsaxis, sizeof *rd->saxis, cmp_key);
        rd->saxis_sorted = 1;
    }
    const char *test = var(rd, "TESTCD");
    const char *id = var(rd, "LNKID");
    int is_saxis = upper_eq(test, "SAXIS"), is_lperp = upper_eq(test, "LPERP");
    int is_ldiam = upper_eq(test, "LDIAM") || upper_eq(test, "DIAMETER") || upper_eq(test, "LONGDIAM");
    int is_state = upper_eq(test, "TUMSTATE");
    if (!is_saxis && !is_lperp && !is_ldiam && !is_state)
        return unmapped(rd, "TRTESTCD '%s': not a measurement the criteria use", test ? test : "");
    if (!id)
        return unmapped(rd, "no TRLNKID");
    ldrt_patient *p = subject(rd, NULL, &rc);
    if (!p)
        return rc;
    ldrt_lesion *l = NULL;
    if (ldrt_patient_find_lesion_mut(p, id, &l) != LDRT_OK) {
        ldrt_clear_error();
        return unmapped(rd, "TRLNKID '%s' is not identified in TU", id);
    }
    ldrt_date d = row_date(rd, "DTC", 1, &rc);
    if (!d)
        return rc;
    ldrt_scan *sc = NULL;
    if ((rc = scan_of(p, d, &sc)) != LDRT_OK)
        return refused(rd, rc, "TRDTC");
    ldrt_lesion_role role = ldrt_lesion_category_of(l);
    int nodal = 0;
    ldrt_lesion_nodal(l, &nodal);
    ldrt_clear_error();
    if (is_saxis && !nodal) {
        ldrt_lesion_set_nodal(l, 1); /* only lymph nodes have a short axis */
        nodal = 1;
    }
    double mm;
    ldrt_lesion_state state;
    if (role == LDRT_ROLE_NON_TARGET) {
        if (!is_state)
            return unmapped(rd, "TRTESTCD %s of non-target lesion '%s': non-target lesions are "
                            "followed by their state (TUMSTATE)", test, id);
        const char *s = var(rd, "STRESC");
        if (!s)
            s = var(rd, "ORRES");
        ldrt_lesion_state ns = upper_eq(s, "PRESENT") ? LDRT_STATE_PRESENT
                             : upper_eq(s, "ABSENT") ? LDRT_STATE_ABSENT
                             : contains_ci(s, "UNEQUIVOCAL") ? LDRT_STATE_PROGRESSION
                             : (!s || upper_eq(s, "NOT EVALUATED") || upper_eq(s, "NE") ||
                                upper_eq(var(rd, "STAT"), "NOT DONE")) ? LDRT_STATE_NOT_EVALUATED
                             : (ldrt_lesion_state)-1;
        if ((int)ns < 0)
            return unmapped(rd, "TUMSTATE '%s' is not PRESENT, ABSENT, UNEQUIVOCAL PROGRESSION "
                            "or NOT EVALUATED", s);
        if ((rc = ldrt_scan_set_non_target(sc, id, ns)) != LDRT_OK)
            return refused(rd, rc, "TUMSTATE");
        return LDRT_OK;
    }
    if (is_state)
        return unmapped(rd, "TUMSTATE of %s lesion '%s': measured lesions are read from their "
                        "diameters", role == LDRT_ROLE_NEW ? "new" : "target", id);
    if (role == LDRT_ROLE_NEW) {
        if (!is_ldiam)
            return unmapped(rd, "TRTESTCD %s of new lesion '%s': the longest diameter (LDIAM) "
                            "gives its size", test, id);
        if (!tr_value(rd, &mm, &state, &rc))
            return rc;
        for (size_t k = 0; k < ldrt_scan_new_lesion_count(sc); k++)
            if (strcmp(ldrt_scan_new_lesion_id(sc, k), id) == 0)
                return unmapped(rd, "new lesion '%s' already listed on this scan", id);
        if ((rc = ldrt_scan_add_new_lesion(sc, id, ldrt_lesion_site(l),
                                           state == LDRT_STATE_PRESENT ? mm : NAN)) != LDRT_OK)
            return refused(rd, rc, "new lesion");
        return LDRT_OK;
    }
    /* A target lesion (or one without a category): its diameter. */
    if (nodal && is_ldiam)
        return unmapped(rd, "LDIAM of nodal lesion '%s': RECIST 1.1 measures a lymph node by "
                        "its short axis (SAXIS, or LPERP)", id);
    if (!nodal && !is_ldiam)
        return unmapped(rd, "%s of non-nodal lesion '%s': RECIST 1.1 measures it by its longest "
                        "diameter (LDIAM)", test, id);
    if (is_lperp && has_saxis(rd))
        return unmapped(rd, "LPERP of nodal lesion '%s': its short axis (SAXIS) is given", id);
    size_t at;
    if (ldrt_scan_find_measurement(sc, l, &at) == LDRT_OK)
        return unmapped(rd, "lesion '%s' already measured on %s", id, var(rd, "DTC"));
    ldrt_clear_error();
    if (!tr_value(rd, &mm, &state, &rc))
        return rc;
    unsigned flags = state == LDRT_STATE_TOO_SMALL ? LDRT_MEASUREMENT_TOO_SMALL : 0;
    if ((rc = ldrt_scan_add_measurement(sc, id, mm, flags)) != LDRT_OK)
        return refused(rd, rc, "measurement");
    return LDRT_OK;
}

static int map_rs(reading *rd)
{
    int rc;
    const char *test = var(rd, "TESTCD");
    if (!upper_eq(test, "OVRLRESP"))
        return unmapped(rd, "RSTESTCD '%s': only the overall response (OVRLRESP) is read",
                        test ? test : "");
    const char *cat = var(rd, "CAT");
    const char *want = ldrt_criteria_name(rd->opt->criteria);
    const char *crit = want;
    if (cat) {
        crit = contains_ci(cat, "IRECIST") ? "irecist"
             : contains_ci(cat, "PERCIST") ? "percist1.0"
             : contains_ci(cat, "RECIST") ? "recist1.1" : NULL;
        if (!crit)
            return unmapped(rd, "RSCAT '%s' names no criteria libldrt knows", cat);
        if (strcmp(crit, want) != 0)
            return unmapped(rd, "RSCAT '%s': not the criteria read (%s)", cat, want);
    }
    const char *label = var(rd, "STRESC");
    if (!label)
        label = var(rd, "ORRES");
    if (!label)
        return unmapped(rd, "no RSSTRESC or RSORRES%s", upper_eq(var(rd, "STAT"), "NOT DONE")
                                                            ? " (RSSTAT NOT DONE)" : "");
    if (ldrt__label_of_criteria(crit, label) != 1)
        return unmapped(rd, "RSSTRESC '%s' is not a response of %s", label, crit);
    ldrt_patient *p = subject(rd, NULL, &rc);
    if (!p)
        return rc;
    ldrt_date d = row_date(rd, "DTC", 1, &rc);
    if (!d)
        return rc;
    ldrt_scan *sc = NULL;
    if ((rc = scan_of(p, d, &sc)) != LDRT_OK)
        return refused(rd, rc, "RSDTC");
    const char *oc = NULL, *ol = NULL;
    if (ldrt_scan_recorded_response(sc, &oc, &ol) == LDRT_OK)
        return unmapped(rd, "a second overall response on %s (%s already recorded)", var(rd, "DTC"),
                        ol);
    ldrt_clear_error();
    if ((rc = ldrt_scan_set_recorded_response(sc, crit, label)) != LDRT_OK)
        return refused(rd, rc, "RSSTRESC");
    return LDRT_OK;
}

static int map_ex(reading *rd)
{
    int rc;
    const char *trt = cell(rd, "EXTRT");
    if (!trt)
        return unmapped(rd, "no EXTRT");
    size_t i;
    ldrt_patient *p = subject(rd, &i, &rc);
    if (!p)
        return rc;
    ldrt_date d = row_date(rd, "STDTC", 1, &rc);
    if (!d)
        return rc;
    ldrt_date end = row_date(rd, "ENDTC", 0, &rc);
    if (rc != LDRT_OK)
        return rc;
    double dose = NAN;
    const char *unit = cell(rd, "EXDOSU");
    if (number(cell(rd, "EXDOSE"), &dose) != LDRT_OK || !(dose > 0) || !unit) {
        dose = NAN;
        unit = NULL;
    }
    ldrt_event *e = NULL;
    if ((rc = ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, d, &e)) != LDRT_OK)
        return refused(rd, rc, "EXSTDTC");
    if ((rc = ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(e), trt, dose, unit)) != LDRT_OK ||
        (end && (rc = ldrt_event_set_end(e, end)) != LDRT_OK)) {
        int r2 = refused(rd, rc, "EXTRT");
        ldrt_patient_remove_event(p, e);
        return r2;
    }
    study_subject *s = &rd->st->s[i];
    if (!s->first_dose_dm && (!s->first_dose || d < s->first_dose))
        s->first_dose = d;
    return LDRT_OK;
}

/* The radiotherapy course of a PRGRPID (or of the row alone). */
static int pr_course(reading *rd, ldrt_patient *p, ldrt_date d, ldrt_course **out)
{
    const char *grp = cell(rd, "PRGRPID");
    char cid[96];
    if (grp)
        snprintf(cid, sizeof cid, "%s", grp);
    else
        snprintf(cid, sizeof cid, "PR%zu", rd->cur->csv->line[rd->row + 1]);
    ldrt_course *c = NULL;
    if (ldrt_patient_find_course_mut(p, cid, &c) == LDRT_OK) {
        *out = c;
        return LDRT_OK;
    }
    ldrt_clear_error();
    ldrt_event *e = NULL;
    int rc = ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, d, &e);
    if (rc != LDRT_OK)
        return rc;
    if ((rc = ldrt_event_set_text(e, LDRT_FIELD_COURSE_ID, cid)) != LDRT_OK ||
        (cell(rd, "PRLOC") && (rc = ldrt_event_set_text(e, LDRT_FIELD_SITE, cell(rd, "PRLOC"))) != LDRT_OK) ||
        (cell(rd, "PRTRT") && !upper_eq(cell(rd, "PRTRT"), "RADIOTHERAPY") &&
         (rc = ldrt_event_set_text(e, LDRT_FIELD_TECHNIQUE, cell(rd, "PRTRT"))) != LDRT_OK)) {
        ldrt_patient_remove_event(p, e);
        return rc;
    }
    *out = ldrt_event_as_course_mut(e);
    return LDRT_OK;
}

static int map_pr(reading *rd)
{
    int rc;
    const char *cat = cell(rd, "PRCAT"), *trt = cell(rd, "PRTRT"), *decod = cell(rd, "PRDECOD");
    int radio = contains_ci(cat, "RADI") || contains_ci(trt, "RADIOTHERAPY") ||
                contains_ci(trt, "RADIATION") || contains_ci(decod, "RADIOTHERAPY");
    int surgery = !radio && (contains_ci(cat, "SURG") || contains_ci(decod, "SURG") ||
                             contains_ci(trt, "ECTOMY") || contains_ci(trt, "SURG") ||
                             contains_ci(trt, "RESECTION"));
    if (!radio && !surgery)
        return unmapped(rd, "PRCAT '%s', PRTRT '%s': neither radiotherapy nor surgery", cat ? cat : "",
                        trt ? trt : "");
    ldrt_patient *p = subject(rd, NULL, &rc);
    if (!p)
        return rc;
    ldrt_date d = row_date(rd, "STDTC", 1, &rc);
    if (!d)
        return rc;
    ldrt_date end = row_date(rd, "ENDTC", 0, &rc);
    if (rc != LDRT_OK)
        return rc;
    if (surgery) {
        ldrt_event *e = NULL;
        if ((rc = ldrt_patient_add_event(p, LDRT_EVENT_SURGERY, d, &e)) != LDRT_OK)
            return refused(rd, rc, "PRSTDTC");
        if ((trt && (rc = ldrt_event_set_text(e, LDRT_FIELD_PROCEDURE, trt)) != LDRT_OK) ||
            (cell(rd, "PRLOC") && (rc = ldrt_event_set_text(e, LDRT_FIELD_SITE, cell(rd, "PRLOC"))) != LDRT_OK)) {
            int r2 = refused(rd, rc, "PRTRT");
            ldrt_patient_remove_event(p, e);
            return r2;
        }
        return LDRT_OK;
    }
    double dose = NAN;
    const char *unit = cell(rd, "PRDOSU");
    int has_dose = number(cell(rd, "PRDOSE"), &dose) == LDRT_OK;
    if (has_dose && !upper_eq(unit, "GY"))
        return unmapped(rd, "PRDOSU '%s': a radiotherapy dose is read in Gy", unit ? unit : "");
    ldrt_course *c = NULL;
    if ((rc = pr_course(rd, p, d, &c)) != LDRT_OK)
        return refused(rd, rc, "PRGRPID");
    if (has_dose) {
        if ((rc = ldrt_course_add_fraction(c, d, dose, NULL)) != LDRT_OK)
            return refused(rd, rc, "PRDOSE");
    } else if (end) {
        if ((rc = ldrt_event_set_end(ldrt_course_as_event_mut(c), end)) != LDRT_OK)
            return refused(rd, rc, "PRENDTC");
    }
    return LDRT_OK;
}

static int map_ae(reading *rd)
{
    int rc;
    const char *term = cell(rd, "AEDECOD");
    if (!term)
        term = cell(rd, "AETERM");
    if (!term)
        return unmapped(rd, "no AEDECOD or AETERM");
    double g = 0;
    const char *gt = cell(rd, "AETOXGR");
    if (gt && (number(gt, &g) != LDRT_OK || g < 1 || g > 5 || g != floor(g)))
        return unmapped(rd, "AETOXGR '%s' is not a grade from 1 to 5", gt);
    ldrt_patient *p = subject(rd, NULL, &rc);
    if (!p)
        return rc;
    ldrt_date d = row_date(rd, "STDTC", 1, &rc);
    if (!d)
        return rc;
    ldrt_date end = row_date(rd, "ENDTC", 0, &rc);
    if (rc != LDRT_OK)
        return rc;
    ldrt_event *e = NULL;
    if ((rc = ldrt_patient_add_event(p, LDRT_EVENT_TOXICITY, d, &e)) != LDRT_OK)
        return refused(rd, rc, "AESTDTC");
    if ((rc = ldrt_event_set_text(e, LDRT_FIELD_TERM, term)) != LDRT_OK ||
        (gt && (rc = ldrt_event_set_grade(e, (int)g)) != LDRT_OK) ||
        (end && (rc = ldrt_event_set_resolved(e, end)) != LDRT_OK)) {
        int r2 = refused(rd, rc, "AE");
        ldrt_patient_remove_event(p, e);
        return r2;
    }
    return LDRT_OK;
}

/* ---- files and streams ------------------------------------------------------------------ */

static int domain_of(const char *name)
{
    size_t n = strlen(name);
    if (n < 6 || ldrt__ascii_casecmp(name + n - 4, ".csv") != 0)
        return -1;
    for (int d = 0; d < N_DOMAINS; d++) {
        const char *c = domain_code[d];
        if ((name[0] | 0x20) == (c[0] | 0x20) && (name[1] | 0x20) == (c[1] | 0x20) &&
            (name[2] == '.' || name[2] == '_'))
            return d;
    }
    return -1;
}

static int cmp_file(const void *a, const void *b)
{
    const domain_file *x = a, *y = b;
    if (x->domain != y->domain)
        return x->domain - y->domain;
    return strcmp(x->name, y->name);
}

static void files_free(reading *rd)
{
    for (size_t i = 0; i < rd->nf; i++) {
        ldrt__free(rd->f[i].name);
        ldrt__csv_free(rd->f[i].csv);
    }
    ldrt__free(rd->f);
}

static int list_files(reading *rd, const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return ldrt__error(LDRT_EIO, "%s: cannot open the directory: %s", dir, strerror(errno));
    int rc = LDRT_OK;
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(dh)) != NULL) {
        int d = domain_of(de->d_name);
        if (d < 0)
            continue;
        if (rd->nf == cap) {
            size_t nc = cap ? cap * 2 : 16;
            domain_file *f = ldrt__reallocarray(rd->f, nc, sizeof *f);
            if (!f) {
                rc = ldrt__error(LDRT_ENOMEM, "out of memory");
                break;
            }
            rd->f = f;
            cap = nc;
        }
        rd->f[rd->nf] = (domain_file){ .name = ldrt__strdup(de->d_name), .domain = d };
        if (!rd->f[rd->nf].name) {
            rc = ldrt__error(LDRT_ENOMEM, "out of memory");
            break;
        }
        rd->nf++;
    }
    closedir(dh);
    if (rc != LDRT_OK)
        return rc;
    if (rd->nf == 0)
        return ldrt__error(LDRT_ENOTFOUND, "%s: no SDTM domain file (dm.csv, tu*.csv, tr*.csv, "
                           "rs*.csv, ex.csv, pr.csv, ae.csv, ds.csv)", dir);
    qsort(rd->f, rd->nf, sizeof *rd->f, cmp_file);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < rd->nf && rc == LDRT_OK; i++) {
        size_t n = dl + strlen(rd->f[i].name) + 2;
        char *path = ldrt__malloc(n);
        if (!path)
            return ldrt__error(LDRT_ENOMEM, "out of memory");
        snprintf(path, n, "%s/%s", dir, rd->f[i].name);
        rc = ldrt__csv_read_file(path, &rd->f[i].csv);
        if (rc == LDRT_OK && ldrt__csv_column(rd->f[i].csv, "USUBJID") < 0)
            rc = ldrt__error(LDRT_EPARSE, "%s: row 1: no column USUBJID", path);
        static const char *const required[N_DOMAINS][3] = {
            [D_TU] = { "TULNKID" }, [D_TR] = { "TRLNKID", "TRTESTCD", "TRDTC" },
            [D_RS] = { "RSTESTCD", "RSDTC" },
        };
        for (int k = 0; rc == LDRT_OK && k < 3 && required[rd->f[i].domain][k]; k++)
            if (ldrt__csv_column(rd->f[i].csv, required[rd->f[i].domain][k]) < 0)
                rc = ldrt__error(LDRT_EPARSE, "%s: row 1: no column %s", path,
                                 required[rd->f[i].domain][k]);
        ldrt__free(path);
    }
    return rc;
}

static int is_stream_domain(int d) { return d == D_TU || d == D_TR || d == D_RS; }

/* Collects the streams and resolves the reader asked for. */
static int resolve_reader(reading *rd)
{
    for (size_t i = 0; i < rd->nf; i++) {
        if (!is_stream_domain(rd->f[i].domain))
            continue;
        rd->cur = &rd->f[i];
        for (rd->row = 0; rd->row < rd->cur->csv->rows; rd->row++) {
            char s[STREAM_MAX];
            row_stream(rd, s, sizeof s);
            int rc = ldrt__study_stream(rd->st, s);
            if (rc != LDRT_OK)
                return rc;
        }
    }
    const char *want = rd->opt->reader;
    snprintf(rd->reader, sizeof rd->reader, "%s", want);
    if (rd->st->nstreams == 0)
        return LDRT_OK;
    size_t match = 0, which = 0;
    for (size_t i = 0; i < rd->st->nstreams; i++) {
        const char *s = rd->st->streams[i];
        if (ldrt__ascii_casecmp(s, want) == 0) {
            snprintf(rd->reader, sizeof rd->reader, "%s", s);
            return LDRT_OK;
        }
        const char *slash = strchr(s, '/');
        size_t n = slash ? (size_t)(slash - s) : strlen(s);
        char eval[STREAM_MAX];
        snprintf(eval, sizeof eval, "%.*s", (int)n, s);
        if (ldrt__ascii_casecmp(eval, want) == 0) {
            match++;
            which = i;
        }
    }
    if (match == 1) {
        snprintf(rd->reader, sizeof rd->reader, "%s", rd->st->streams[which]);
        return LDRT_OK;
    }
    char list[1024] = "";
    for (size_t i = 0; i < rd->st->nstreams; i++) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s'%s'", i ? ", " : "", rd->st->streams[i]);
    }
    return ldrt__error(LDRT_ENOTFOUND, "reader '%s' %s; the reader streams are %s", want,
                       match ? "is ambiguous" : "has no rows", list);
}

/* Places the new lesions of TU on their scans (unless TR did, with a size). */
static int place_new(reading *rd)
{
    for (size_t i = 0; i < rd->npending; i++) {
        const struct pending_new *pn = &rd->pending[i];
        ldrt_patient *p = rd->st->s[pn->subject].patient;
        ldrt_scan *sc = NULL;
        int rc = scan_of(p, pn->date, &sc);
        if (rc != LDRT_OK)
            return rc;
        size_t k = 0, n = ldrt_scan_new_lesion_count(sc);
        while (k < n && strcmp(ldrt_scan_new_lesion_id(sc, k), pn->id) != 0)
            k++;
        if (k == n && (rc = ldrt_scan_add_new_lesion(sc, pn->id, pn->site, NAN)) != LDRT_OK)
            return rc;
    }
    return LDRT_OK;
}

static void pending_free(reading *rd)
{
    for (size_t i = 0; i < rd->nsaxis; i++)
        ldrt__free(rd->saxis[i]);
    ldrt__free(rd->saxis);
    for (size_t i = 0; i < rd->npending; i++) {
        ldrt__free(rd->pending[i].id);
        ldrt__free(rd->pending[i].site);
    }
    ldrt__free(rd->pending);
}

/* Marks the earliest scan with measurements or non-target states of every
 * subject as its baseline. */
static void mark_baselines(ldrt_study *st)
{
    for (size_t i = 0; i < st->n; i++) {
        ldrt_patient *p = st->s[i].patient;
        size_t n = ldrt_patient_event_count(p);
        for (size_t k = 0; k < n; k++) {
            ldrt_scan *sc = ldrt_event_as_scan_mut(ldrt_patient_event_at_mut(p, k));
            if (sc && (ldrt_scan_measurement_count(sc) || ldrt_scan_non_target_count(sc))) {
                ldrt_scan_set_baseline(sc, 1);
                break;
            }
        }
    }
}

int ldrt_study_read_sdtm(const char *dir, const ldrt_sdtm_options *options, ldrt_study **out)
{
    LDRT__CHECK_NOT_NULL(out);
    *out = NULL;
    LDRT__CHECK_NOT_NULL(dir);
    ldrt_sdtm_options *own = NULL;
    if (!options) {
        int rc = ldrt_sdtm_options_new(&own);
        if (rc != LDRT_OK)
            return rc;
        options = own;
    }
    reading rd = { .opt = options };
    int rc = ldrt_study_new("STUDY", &rd.st);
    if (rc == LDRT_OK)
        rc = list_files(&rd, dir);
    if (rc == LDRT_OK)
        rc = resolve_reader(&rd);
    if (rc == LDRT_OK) {
        char *r = ldrt__strdup(rd.reader);
        if (!r)
            rc = ldrt__error(LDRT_ENOMEM, "out of memory");
        else {
            ldrt__free(rd.st->reader);
            rd.st->reader = r;
        }
    }
    /* Domains in order (files sorted by domain): DM, DS, TU, TR (three
     * passes: short axes first), RS, EX, PR, AE. */
    for (size_t i = 0; i < rd.nf && rc == LDRT_OK; i++) {
        rd.cur = &rd.f[i];
        int dom = rd.cur->domain;
        int passes = dom == D_TR ? N_TR_PASSES : 1;
        for (int pass = 0; pass < passes && rc == LDRT_OK; pass++)
            for (rd.row = 0; rd.row < rd.cur->csv->rows && rc == LDRT_OK; rd.row++) {
                if (is_stream_domain(dom) && !in_stream(&rd))
                    continue;
                switch (dom) {
                case D_DM: rc = map_dm(&rd); break;
                case D_DS: rc = map_ds(&rd); break;
                case D_TU: rc = map_tu(&rd); break;
                case D_TR: rc = map_tr(&rd, pass); break;
                case D_RS: rc = map_rs(&rd); break;
                case D_EX: rc = map_ex(&rd); break;
                case D_PR: rc = map_pr(&rd); break;
                default: rc = map_ae(&rd); break;
                }
            }
    }
    if (rc == LDRT_OK)
        rc = place_new(&rd);
    if (rc == LDRT_OK) {
        mark_baselines(rd.st);
        rc = ldrt__study_sort(rd.st);
    }
    files_free(&rd);
    pending_free(&rd);
    ldrt_sdtm_options_free(own);
    if (rc != LDRT_OK) {
        ldrt_study_free(rd.st);
        return rc;
    }
    ldrt_clear_error();
    *out = rd.st;
    return LDRT_OK;
}
