/*
 * A study as CDISC SDTM (CSV): DM, DS, TU, TR, RS, EX, PR, AE, written with
 * the one CSV writer and replaced atomically.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "io_internal.h"
#include "study_internal.h"

enum { W_DM, W_DS, W_TU, W_TR, W_RS, W_EX, W_PR, W_AE, N_W };
static const char *const file_name[N_W] = { "dm.csv", "ds.csv", "tu.csv", "tr.csv",
                                            "rs.csv", "ex.csv", "pr.csv", "ae.csv" };
static const char *const code[N_W] = { "DM", "DS", "TU", "TR", "RS", "EX", "PR", "AE" };

static const char *const h_dm[] = { "STUDYID", "DOMAIN", "USUBJID", "SEX", "BRTHDTC", "RFXSTDTC" };
static const char *const h_ds[] = { "STUDYID", "DOMAIN", "USUBJID", "DSSEQ", "DSTERM", "DSDECOD",
                                    "DSCAT", "DSSTDTC" };
static const char *const h_tu[] = { "STUDYID", "DOMAIN", "USUBJID", "TUSEQ", "TULNKID", "TUTESTCD",
                                    "TUTEST", "TUORRES", "TUSTRESC", "TULOC", "TUEVAL", "TUEVALID",
                                    "TUDTC" };
static const char *const h_tr[] = { "STUDYID", "DOMAIN", "USUBJID", "TRSEQ", "TRGRPID", "TRLNKID",
                                    "TRTESTCD", "TRTEST", "TRORRES", "TRORRESU", "TRSTRESC",
                                    "TRSTRESN", "TRSTRESU", "TRSTAT", "TREVAL", "TREVALID",
                                    "VISITNUM", "TRDTC" };
static const char *const h_rs[] = { "STUDYID", "DOMAIN", "USUBJID", "RSSEQ", "RSTESTCD", "RSTEST",
                                    "RSCAT", "RSORRES", "RSSTRESC", "RSEVAL", "RSEVALID",
                                    "VISITNUM", "RSDTC" };
static const char *const h_ex[] = { "STUDYID", "DOMAIN", "USUBJID", "EXSEQ", "EXTRT", "EXDOSE",
                                    "EXDOSU", "EXSTDTC", "EXENDTC" };
static const char *const h_pr[] = { "STUDYID", "DOMAIN", "USUBJID", "PRSEQ", "PRGRPID", "PRTRT",
                                    "PRCAT", "PRLOC", "PRDOSE", "PRDOSU", "PRSTDTC", "PRENDTC" };
static const char *const h_ae[] = { "STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AETERM", "AEDECOD",
                                    "AETOXGR", "AESTDTC", "AEENDTC" };

#define HEAD(h) h, sizeof h / sizeof h[0]

typedef struct writing {
    const ldrt_study *st;
    ldrt__csv_writer w[N_W];
    long long seq[N_W];
    char eval[256], evalid[256];
} writing;

static const char *date_text(ldrt_date d, char *buf)
{
    buf[0] = '\0';
    if (d)
        ldrt_date_format(d, buf, LDRT_DATE_BUFSIZE);
    return buf;
}

/* The common first columns: STUDYID, DOMAIN, USUBJID, --SEQ (when seq). */
static void lead(writing *wr, int dom, const char *usubjid, int seq)
{
    ldrt__csv_writer *w = &wr->w[dom];
    ldrt__csv_field(w, wr->st->studyid);
    ldrt__csv_field(w, code[dom]);
    ldrt__csv_field(w, usubjid);
    if (seq)
        ldrt__csv_int(w, ++wr->seq[dom]);
}

static void upper_copy(const char *s, char *out, size_t size)
{
    size_t i = 0;
    for (; s && s[i] && i + 1 < size; i++)
        out[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i] == '-' ? ' ' : s[i];
    out[i] = '\0';
}

static void write_dm(writing *wr, size_t i)
{
    const ldrt_patient *p = wr->st->s[i].patient;
    ldrt__csv_writer *w = &wr->w[W_DM];
    char buf[LDRT_DATE_BUFSIZE];
    const char *sex = ldrt_patient_sex(p);
    const char *s = !sex ? NULL : strcmp(sex, "male") == 0 ? "M" : strcmp(sex, "female") == 0 ? "F"
                  : strcmp(sex, "unknown") == 0 ? "U" : strcmp(sex, "undifferentiated") == 0
                  ? "UNDIFFERENTIATED" : sex;
    ldrt_date birth = 0;
    ldrt_patient_birth_date(p, &birth);
    lead(wr, W_DM, ldrt_patient_id(p), 0);
    ldrt__csv_field(w, s);
    ldrt__csv_field(w, date_text(birth, buf));
    ldrt__csv_field(w, date_text(wr->st->s[i].first_dose, buf));
    ldrt__csv_end_row(w);
    if (wr->st->s[i].randomization) {
        lead(wr, W_DS, ldrt_patient_id(p), 1);
        ldrt__csv_field(&wr->w[W_DS], "RANDOMIZED");
        ldrt__csv_field(&wr->w[W_DS], "RANDOMIZED");
        ldrt__csv_field(&wr->w[W_DS], "PROTOCOL MILESTONE");
        ldrt__csv_field(&wr->w[W_DS], date_text(wr->st->s[i].randomization, buf));
        ldrt__csv_end_row(&wr->w[W_DS]);
    }
}

static void tu_row(writing *wr, const char *usubjid, const char *id, const char *role,
                   const char *site, ldrt_date d)
{
    ldrt__csv_writer *w = &wr->w[W_TU];
    char buf[LDRT_DATE_BUFSIZE];
    lead(wr, W_TU, usubjid, 1);
    ldrt__csv_field(w, id);
    ldrt__csv_field(w, "TUMIDENT");
    ldrt__csv_field(w, "Tumor Identification");
    ldrt__csv_field(w, role);
    ldrt__csv_field(w, role);
    ldrt__csv_field(w, site);
    ldrt__csv_field(w, wr->eval);
    ldrt__csv_field(w, wr->evalid[0] ? wr->evalid : NULL);
    ldrt__csv_field(w, date_text(d, buf));
    ldrt__csv_end_row(w);
}

/* One TR row: test "LDIAM"/"SAXIS" with a value (NaN: none) or TUMSTATE with text. */
static void tr_row(writing *wr, const char *usubjid, const char *grp, const char *id,
                   const char *test, double mm, const char *text, const char *stat, int visit,
                   ldrt_date d)
{
    ldrt__csv_writer *w = &wr->w[W_TR];
    char buf[LDRT_DATE_BUFSIZE];
    int state = strcmp(test, "TUMSTATE") == 0;
    lead(wr, W_TR, usubjid, 1);
    ldrt__csv_field(w, grp);
    ldrt__csv_field(w, id);
    ldrt__csv_field(w, test);
    ldrt__csv_field(w, state ? "Tumor State" : strcmp(test, "SAXIS") == 0 ? "Short Axis"
                                                                         : "Longest Diameter");
    if (text) {
        ldrt__csv_field(w, text);
        ldrt__csv_field(w, NULL);
        ldrt__csv_field(w, text);
    } else if (isfinite(mm)) {
        ldrt__csv_number(w, mm);
        ldrt__csv_field(w, "mm");
        ldrt__csv_number(w, mm);
    } else {
        for (int k = 0; k < 3; k++)
            ldrt__csv_field(w, NULL);
    }
    ldrt__csv_number(w, mm);
    ldrt__csv_field(w, isfinite(mm) ? "mm" : NULL);
    ldrt__csv_field(w, stat);
    ldrt__csv_field(w, wr->eval);
    ldrt__csv_field(w, wr->evalid[0] ? wr->evalid : NULL);
    ldrt__csv_int(w, visit);
    ldrt__csv_field(w, date_text(d, buf));
    ldrt__csv_end_row(w);
}

static void write_tumours(writing *wr, const ldrt_patient *p)
{
    const char *uid = ldrt_patient_id(p);
    size_t ne = ldrt_patient_event_count(p);
    ldrt_date base = 0;
    for (size_t k = 0; k < ne && !base; k++) {
        const ldrt_scan *sc = ldrt_event_as_scan(ldrt_patient_event_at(p, k));
        if (sc && (ldrt_scan_measurement_count(sc) || ldrt_scan_non_target_count(sc)))
            base = ldrt_event_date(ldrt_patient_event_at(p, k));
    }
    /* TU: target and non-target lesions at the baseline, new ones where first found. */
    for (size_t j = 0; j < ldrt_patient_lesion_count(p); j++) {
        const ldrt_lesion *l = ldrt_patient_lesion_at(p, j);
        ldrt_lesion_role role = ldrt_lesion_category_of(l);
        if (role == LDRT_ROLE_TARGET || role == LDRT_ROLE_NON_TARGET)
            tu_row(wr, uid, ldrt_lesion_id(l), role == LDRT_ROLE_TARGET ? "TARGET" : "NON-TARGET",
                   ldrt_lesion_site(l), base);
    }
    size_t nnew = 0;
    const char **seen = NULL;
    int visit = 0;
    for (size_t k = 0; k < ne; k++) {
        const ldrt_event *e = ldrt_patient_event_at(p, k);
        const ldrt_scan *sc = ldrt_event_as_scan(e);
        if (!sc)
            continue;
        visit++;
        ldrt_date d = ldrt_event_date(e);
        for (size_t m = 0; m < ldrt_scan_measurement_count(sc); m++) {
            const ldrt_lesion *l = ldrt_scan_measurement_lesion(sc, m);
            int nodal = 0;
            ldrt_lesion_nodal(l, &nodal);
            ldrt_lesion_state state = LDRT_STATE_NOT_EVALUATED;
            double mm = NAN;
            ldrt_scan_measurement_state(sc, m, &state);
            ldrt_scan_measurement_diameter_mm(sc, m, &mm);
            ldrt_lesion_role role = ldrt_lesion_category_of(l);
            tr_row(wr, uid, role == LDRT_ROLE_NON_TARGET ? "NON-TARGET" : "TARGET",
                   ldrt_lesion_id(l), nodal ? "SAXIS" : "LDIAM", mm,
                   state == LDRT_STATE_TOO_SMALL ? "TOO SMALL TO MEASURE" : NULL,
                   state == LDRT_STATE_NOT_EVALUATED ? "NOT DONE" : NULL, visit, d);
        }
        for (size_t m = 0; m < ldrt_scan_non_target_count(sc); m++) {
            ldrt_lesion_state state = LDRT_STATE_NOT_EVALUATED;
            ldrt_scan_non_target_state(sc, m, &state);
            char text[64];
            upper_copy(ldrt_lesion_state_name(state), text, sizeof text);
            tr_row(wr, uid, "NON-TARGET", ldrt_lesion_id(ldrt_scan_non_target_lesion(sc, m)),
                   "TUMSTATE", NAN, text, NULL, visit, d);
        }
        for (size_t m = 0; m < ldrt_scan_new_lesion_count(sc); m++) {
            const char *id = ldrt_scan_new_lesion_id(sc, m);
            size_t q = 0;
            while (q < nnew && strcmp(seen[q], id) != 0)
                q++;
            if (q == nnew) {
                const char **s2 = ldrt__reallocarray(seen, nnew + 1, sizeof *s2);
                if (!s2) {
                    wr->w[W_TU].failed = LDRT_ENOMEM;
                    break;
                }
                seen = s2;
                seen[nnew++] = id;
                tu_row(wr, uid, id, "NEW", ldrt_scan_new_lesion_site(sc, m), d);
            }
            double mm = NAN;
            if (ldrt_scan_new_lesion_diameter_mm(sc, m, &mm) == LDRT_OK)
                tr_row(wr, uid, "NEW", id, "LDIAM", mm, NULL, NULL, visit, d);
        }
    }
    ldrt__free(seen);
}

static void write_rs(writing *wr, const ldrt_patient *p, ldrt_criteria criteria,
                     const ldrt_response_options *options)
{
    ldrt_assessment *as = NULL;
    int rc = ldrt_patient_assess(p, criteria, options, &as);
    if (rc == LDRT_ENOMEM) {
        /* Memory, not the record: the export fails rather than lose the rows. */
        wr->w[W_RS].failed = rc;
        return;
    }
    if (rc != LDRT_OK)
        return; /* a record the criteria cannot assess has no RS rows */
    static const char *const cat[] = { "", "RECIST 1.1", "iRECIST", "PERCIST 1.0" };
    ldrt__csv_writer *w = &wr->w[W_RS];
    char buf[LDRT_DATE_BUFSIZE];
    /* VISITNUM: the scan's place among the patient's scans, as in TR. */
    size_t ne = ldrt_patient_event_count(p);
    for (size_t i = 0; i < ldrt_assessment_timepoint_count(as); i++) {
        ldrt_date d = 0;
        ldrt_response overall = LDRT_RESPONSE_NONE;
        ldrt_response_rule rule = LDRT_RULE_NONE;
        ldrt_assessment_timepoint(as, i, &d, &overall, NULL, NULL, NULL);
        ldrt_assessment_rule(as, i, &rule);
        const char *label = ldrt_response_label_name((ldrt_response)overall);
        if (rule == LDRT_RULE_BASELINE || !label || !*label)
            continue;
        int visit = 0, v = 0;
        for (size_t k = 0; k < ne; k++) {
            const ldrt_event *e = ldrt_patient_event_at(p, k);
            if (ldrt_event_type(e) != LDRT_EVENT_IMAGING)
                continue;
            v++;
            if (ldrt_event_date(e) == d && !visit)
                visit = v;
        }
        lead(wr, W_RS, ldrt_patient_id(p), 1);
        ldrt__csv_field(w, "OVRLRESP");
        ldrt__csv_field(w, "Overall Response");
        ldrt__csv_field(w, cat[criteria]);
        ldrt__csv_field(w, label);
        ldrt__csv_field(w, label);
        ldrt__csv_field(w, wr->eval);
        ldrt__csv_field(w, wr->evalid[0] ? wr->evalid : NULL);
        if (visit)
            ldrt__csv_int(w, visit);
        else
            ldrt__csv_field(w, NULL);
        ldrt__csv_field(w, date_text(d, buf));
        ldrt__csv_end_row(w);
    }
    ldrt_assessment_free(as);
}

static void write_therapy(writing *wr, const ldrt_patient *p)
{
    const char *uid = ldrt_patient_id(p);
    char b1[LDRT_DATE_BUFSIZE], b2[LDRT_DATE_BUFSIZE];
    for (size_t k = 0; k < ldrt_patient_event_count(p); k++) {
        const ldrt_event *e = ldrt_patient_event_at(p, k);
        ldrt_date end = 0;
        ldrt_event_end(e, &end);
        switch (ldrt_event_type(e)) {
        case LDRT_EVENT_SYSTEMIC: {
            const ldrt_systemic *sy = ldrt_event_as_systemic(e);
            for (size_t a = 0; a < ldrt_systemic_administration_count(sy); a++) {
                const ldrt_event *ad = ldrt_systemic_administration_at(sy, a);
                ldrt_date aend = 0;
                if (ldrt_event_end(ad, &aend) != LDRT_OK)
                    aend = 0;
                for (size_t g = 0; g < ldrt_systemic_agent_count(sy); g++) {
                    double dose = NAN;
                    ldrt_systemic_agent_dose(sy, g, &dose);
                    lead(wr, W_EX, uid, 1);
                    ldrt__csv_field(&wr->w[W_EX], ldrt_systemic_agent_drug(sy, g));
                    ldrt__csv_number(&wr->w[W_EX], dose);
                    ldrt__csv_field(&wr->w[W_EX], isfinite(dose) ? ldrt_systemic_agent_unit(sy, g) : NULL);
                    ldrt__csv_field(&wr->w[W_EX], date_text(ldrt_event_date(ad), b1));
                    ldrt__csv_field(&wr->w[W_EX], date_text(aend, b2));
                    ldrt__csv_end_row(&wr->w[W_EX]);
                }
            }
            break;
        }
        case LDRT_EVENT_RADIOTHERAPY: {
            const ldrt_course *c = ldrt_event_as_course(e);
            const char *tech = ldrt_event_text(e, LDRT_FIELD_TECHNIQUE);
            size_t nf = ldrt_course_fraction_count(c);
            for (size_t f = 0; f == 0 || f < nf; f++) {
                const ldrt_fraction *fr = nf ? ldrt_course_fraction_at(c, f) : NULL;
                double gy = NAN;
                if (fr)
                    ldrt_fraction_dose_gy(fr, &gy);
                lead(wr, W_PR, uid, 1);
                ldrt__csv_field(&wr->w[W_PR], ldrt_event_text(e, LDRT_FIELD_COURSE_ID));
                ldrt__csv_field(&wr->w[W_PR], tech ? tech : "RADIOTHERAPY");
                ldrt__csv_field(&wr->w[W_PR], "RADIOTHERAPY");
                ldrt__csv_field(&wr->w[W_PR], ldrt_event_text(e, LDRT_FIELD_SITE));
                ldrt__csv_number(&wr->w[W_PR], gy);
                ldrt__csv_field(&wr->w[W_PR], fr ? "Gy" : NULL);
                ldrt__csv_field(&wr->w[W_PR], date_text(fr ? ldrt_fraction_date(fr) : ldrt_event_date(e), b1));
                ldrt__csv_field(&wr->w[W_PR], fr ? NULL : date_text(end, b2));
                ldrt__csv_end_row(&wr->w[W_PR]);
            }
            break;
        }
        case LDRT_EVENT_SURGERY: {
            const char *proc = ldrt_event_text(e, LDRT_FIELD_PROCEDURE);
            lead(wr, W_PR, uid, 1);
            ldrt__csv_field(&wr->w[W_PR], NULL);
            ldrt__csv_field(&wr->w[W_PR], proc ? proc : "SURGERY");
            ldrt__csv_field(&wr->w[W_PR], "SURGERY");
            ldrt__csv_field(&wr->w[W_PR], ldrt_event_text(e, LDRT_FIELD_SITE));
            ldrt__csv_field(&wr->w[W_PR], NULL);
            ldrt__csv_field(&wr->w[W_PR], NULL);
            ldrt__csv_field(&wr->w[W_PR], date_text(ldrt_event_date(e), b1));
            ldrt__csv_field(&wr->w[W_PR], date_text(end, b2));
            ldrt__csv_end_row(&wr->w[W_PR]);
            break;
        }
        case LDRT_EVENT_TOXICITY: {
            int grade = 0;
            ldrt_date res = 0;
            ldrt_event_grade(e, &grade);
            ldrt_event_resolved(e, &res);
            const char *term = ldrt_event_text(e, LDRT_FIELD_TERM);
            lead(wr, W_AE, uid, 1);
            ldrt__csv_field(&wr->w[W_AE], term);
            ldrt__csv_field(&wr->w[W_AE], term);
            if (grade)
                ldrt__csv_int(&wr->w[W_AE], grade);
            else
                ldrt__csv_field(&wr->w[W_AE], NULL);
            ldrt__csv_field(&wr->w[W_AE], date_text(ldrt_event_date(e), b1));
            ldrt__csv_field(&wr->w[W_AE], date_text(res, b2));
            ldrt__csv_end_row(&wr->w[W_AE]);
            break;
        }
        default:
            break;
        }
    }
}

int ldrt_study_write_sdtm(const ldrt_study *st, const char *dir, ldrt_criteria criteria,
                          const ldrt_response_options *options)
{
    LDRT__CHECK_NOT_NULL(st);
    LDRT__CHECK_NOT_NULL(dir);
    if (!ldrt_criteria_name(criteria))
        return ldrt__error(LDRT_EINVAL, "criteria: unknown value %d", (int)criteria);
    writing wr;
    memset(&wr, 0, sizeof wr);
    wr.st = st;
    const char *slash = strchr(st->reader, '/');
    size_t n = slash ? (size_t)(slash - st->reader) : strlen(st->reader);
    snprintf(wr.eval, sizeof wr.eval, "%.*s", (int)n, st->reader);
    snprintf(wr.evalid, sizeof wr.evalid, "%s", slash ? slash + 1 : "");
    ldrt__csv_writer_init(&wr.w[W_DM], HEAD(h_dm));
    ldrt__csv_writer_init(&wr.w[W_DS], HEAD(h_ds));
    ldrt__csv_writer_init(&wr.w[W_TU], HEAD(h_tu));
    ldrt__csv_writer_init(&wr.w[W_TR], HEAD(h_tr));
    ldrt__csv_writer_init(&wr.w[W_RS], HEAD(h_rs));
    ldrt__csv_writer_init(&wr.w[W_EX], HEAD(h_ex));
    ldrt__csv_writer_init(&wr.w[W_PR], HEAD(h_pr));
    ldrt__csv_writer_init(&wr.w[W_AE], HEAD(h_ae));
    /* The look-ups of optional values below fail silently (a value the
     * record does not have is an empty cell); memory running out keeps its
     * public message and fails the writer it happened in. */
    ldrt__silence_begin();
    for (size_t i = 0; i < st->n; i++) {
        const ldrt_patient *p = st->s[i].patient;
        write_dm(&wr, i);
        write_tumours(&wr, p);
        write_rs(&wr, p, criteria, options);
        write_therapy(&wr, p);
    }
    ldrt__silence_end(0);
    int rc = LDRT_OK;
    char *text[N_W] = { 0 };
    size_t len[N_W] = { 0 };
    for (int d = 0; d < N_W; d++) {
        int r = ldrt__csv_writer_finish(&wr.w[d], &text[d], &len[d]);
        if (r != LDRT_OK && rc == LDRT_OK)
            rc = r;
    }
    size_t dl = strlen(dir);
    for (int d = 0; d < N_W && rc == LDRT_OK; d++) {
        size_t pn = dl + strlen(file_name[d]) + 2;
        char *path = ldrt__malloc(pn);
        if (!path) {
            rc = ldrt__error(LDRT_ENOMEM, "out of memory");
            break;
        }
        snprintf(path, pn, "%s/%s", dir, file_name[d]);
        rc = ldrt__write_file_atomic(path, text[d], len[d]);
        ldrt__free(path);
    }
    for (int d = 0; d < N_W; d++)
        ldrt_free(text[d]);
    return rc;
}
