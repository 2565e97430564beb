/*
 * Tests of CDISC SDTM in and out (src/io/csv.c, sdtm_read.c, sdtm_write.c,
 * study.c) and of ldrt import / export / study.
 *
 * The public data are pharmaversesdtm's onco domains (tests/data/sdtm/
 * pharmaverse, Apache-2.0, see its README). Their TR values are the
 * hand-written ones of the package's data-raw/tr_onco_recist.R; its RS
 * (rs_onco_recist) was derived from them by data-raw/rs_onco_recist.R with a
 * simplified RECIST rule, and its rs_onco_irecist was written by hand,
 * independently of TR. The sums below are calculated by hand from the TR
 * rows quoted in each test.
 * SPDX-License-Identifier: MIT
 */
#define _DEFAULT_SOURCE 1
#define _XOPEN_SOURCE 600
#include <errno.h>
#include <fcntl.h>
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
#include "../io/csv.h"

static const char *pharmaverse(void)
{
    static char path[512];
    snprintf(path, sizeof path, "%s", tu_data_path("sdtm/pharmaverse"));
    return path;
}

static ldrt_study *read_study(const char *dir, const char *reader, ldrt_criteria crit)
{
    ldrt_sdtm_options *o = NULL;
    ldrt_study *st = NULL;
    tu_assert_ok(ldrt_sdtm_options_new(&o));
    if (reader)
        tu_assert_ok(ldrt_sdtm_options_set_reader(o, reader));
    tu_assert_ok(ldrt_sdtm_options_set_criteria(o, crit));
    tu_assert_ok(ldrt_study_read_sdtm(dir, o, &st));
    ldrt_sdtm_options_free(o);
    return st;
}

static char tmp[64];

static void make_tmp(void)
{
    strcpy(tmp, "/tmp/ldrt-study-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmp));
}

static void rm_tmp(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *tmp_file(const char *name, const char *text)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    if (text) {
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fputs(text, f);
        fclose(f);
    }
    return path;
}

/* ---- CSV reader ------------------------------------------------------------- */

START_TEST(csv_reads_rfc4180)
{
    const char *text = "\xEF\xBB\xBF" "A,B,C\r\n"
                       "1,\"x, y\",\"he said \"\"hi\"\"\"\r\n"
                       "\n"
                       "NA,\"NA\",\"two\nlines\"\n"
                       ",\"\",last";
    ldrt__csv *c = NULL;
    tu_assert_ok(ldrt__csv_parse(text, strlen(text), "t.csv", &c));
    ck_assert_uint_eq(c->cols, 3);
    ck_assert_uint_eq(c->rows, 3);
    ck_assert_int_eq(ldrt__csv_column(c, "A"), 0);
    ck_assert_int_eq(ldrt__csv_column(c, "C"), 2);
    ck_assert_int_eq(ldrt__csv_column(c, "D"), -1);
    ck_assert_str_eq(ldrt__csv_get(c, 0, 1), "x, y");
    ck_assert_str_eq(ldrt__csv_get(c, 0, 2), "he said \"hi\"");
    /* An unquoted NA is missing, a quoted one is the text. */
    ck_assert_ptr_null(ldrt__csv_get(c, 1, 0));
    ck_assert_str_eq(ldrt__csv_get(c, 1, 1), "NA");
    ck_assert_str_eq(ldrt__csv_get(c, 1, 2), "two\nlines");
    ck_assert_ptr_null(ldrt__csv_get(c, 2, 0));
    ck_assert_ptr_null(ldrt__csv_get(c, 2, 1));
    ck_assert_str_eq(ldrt__csv_get(c, 2, 2), "last");
    /* Spreadsheet rows: header 1, the blank line 3 skipped, a field spans lines 4-5. */
    ck_assert_uint_eq(c->line[1], 2);
    ck_assert_uint_eq(c->line[2], 4);
    ck_assert_uint_eq(c->line[3], 6);
    ldrt__csv_free(c);
}
END_TEST

START_TEST(csv_refuses_bad_input)
{
    static const struct {
        const char *text;
        int code;
        const char *needle;
    } bad[] = {
        { "A,B\n1,\"open\n", LDRT_EPARSE, "t.csv: row 2, column 2: quoted field not closed" },
        { "A,B\n1,x\"y\n", LDRT_EPARSE, "row 2, column 2: quote inside an unquoted field" },
        { "A,B\n\"a\"b,2\n", LDRT_EPARSE, "row 2, column 1: text after the closing quote" },
        { "A,B\n1,2\n3\n", LDRT_EPARSE, "row 3: 1 fields, the header has 2" },
        { "A,B,A\n1,2,3\n", LDRT_EPARSE, "column 3: column name 'A' repeated" },
        { "A,,C\n1,2,3\n", LDRT_EPARSE, "column 2: empty column name" },
        { "", LDRT_EPARSE, "t.csv: no header row" },
        { "\n\r\n", LDRT_EPARSE, "no header row" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ldrt__csv *c = (ldrt__csv *)1;
        tu_assert_error(ldrt__csv_parse(bad[i].text, strlen(bad[i].text), "t.csv", &c),
                        bad[i].code, bad[i].needle);
        ck_assert_ptr_null(c);
    }
    const char nul[] = "A,B\n1,\0\n";
    ldrt__csv *c = NULL;
    tu_assert_error(ldrt__csv_parse(nul, sizeof nul - 1, "t.csv", &c), LDRT_EPARSE,
                    "row 2, column 2: NUL byte");
    /* A field over the limit. */
    size_t n = LDRT__CSV_MAX_FIELD + 10;
    char *big = malloc(n + 8);
    memcpy(big, "A\n", 2);
    memset(big + 2, 'x', n);
    tu_assert_error(ldrt__csv_parse(big, n + 2, "t.csv", &c), LDRT_ERANGE,
                    "row 2, column 1: field longer than 65536 bytes");
    big[2] = '"';
    tu_assert_error(ldrt__csv_parse(big, n + 2, "t.csv", &c), LDRT_ERANGE, "field longer than");
    free(big);
    /* More fields than the limit. */
    char *wide = malloc(3 * (LDRT__CSV_MAX_COLS + 2));
    size_t k = 0;
    for (int i = 0; i <= LDRT__CSV_MAX_COLS; i++)
        k += (size_t)sprintf(wide + k, "%s%c", "a", i == LDRT__CSV_MAX_COLS ? '\n' : ',');
    tu_assert_error(ldrt__csv_parse(wide, k, "t.csv", &c), LDRT_ERANGE, "row 1: more than 1024 fields");
    free(wide);
    tu_assert_error(ldrt__csv_read_file("/nonexistent/x.csv", &c), LDRT_EIO,
                    "/nonexistent/x.csv: cannot open");
}
END_TEST

/* ---- CSV writer ------------------------------------------------------------- */

START_TEST(csv_writer_quotes_and_reads_back)
{
    static const char *const head[] = { "A", "B", "C" };
    static const char *const values[] = { "plain", "a,b", "say \"x\"", " lead", "two\nlines",
                                          "cr\r", "", "trail ", "NA" };
    ldrt__csv_writer w;
    tu_assert_ok(ldrt__csv_writer_init(&w, head, 3));
    for (size_t i = 0; i < 9; i++) {
        tu_assert_ok(ldrt__csv_field(&w, values[i]));
        if (i % 3 == 2)
            tu_assert_ok(ldrt__csv_end_row(&w));
    }
    tu_assert_ok(ldrt__csv_number(&w, 32.32));
    tu_assert_ok(ldrt__csv_number(&w, NAN));
    tu_assert_ok(ldrt__csv_int(&w, -7));
    tu_assert_ok(ldrt__csv_end_row(&w));
    char *out = NULL;
    size_t len = 0;
    tu_assert_ok(ldrt__csv_writer_finish(&w, &out, &len));
    ck_assert_str_eq(out, "A,B,C\r\n"
                          "plain,\"a,b\",\"say \"\"x\"\"\"\r\n"
                          "\" lead\",\"two\nlines\",\"cr\r\"\r\n"
                          ",\"trail \",\"NA\"\r\n"
                          "32.32,,-7\r\n");
    ck_assert_uint_eq(len, strlen(out));
    ldrt__csv *c = NULL;
    tu_assert_ok(ldrt__csv_parse(out, len, "w.csv", &c));
    ck_assert_uint_eq(c->rows, 4);
    for (size_t i = 0; i < 9; i++)
        if (*values[i])
            ck_assert_str_eq(ldrt__csv_get(c, i / 3, (int)(i % 3)), values[i]);
    ck_assert_str_eq(ldrt__csv_get(c, 3, 0), "32.32");
    ldrt__csv_free(c);
    ldrt_free(out);
    /* A row with the wrong number of fields is refused. */
    tu_assert_ok(ldrt__csv_writer_init(&w, head, 3));
    ldrt__csv_field(&w, "1");
    tu_assert_error(ldrt__csv_end_row(&w), LDRT_ESTATE, "CSV row with 1 fields, the header has 3");
    ck_assert_int_eq(ldrt__csv_writer_finish(&w, &out, NULL), LDRT_ESTATE);
    ck_assert_ptr_null(out);
}
END_TEST

/* Found by fuzzing: a one-column table whose row is empty was written as a
 * blank line, which the reader skips, so the row was lost on reading back. */
START_TEST(csv_writer_keeps_empty_one_column_row)
{
    static const char *const head[] = { "A" };
    ldrt__csv_writer w;
    tu_assert_ok(ldrt__csv_writer_init(&w, head, 1));
    tu_assert_ok(ldrt__csv_field(&w, ""));
    tu_assert_ok(ldrt__csv_end_row(&w));
    tu_assert_ok(ldrt__csv_field(&w, "x"));
    tu_assert_ok(ldrt__csv_end_row(&w));
    char *out = NULL;
    size_t len = 0;
    tu_assert_ok(ldrt__csv_writer_finish(&w, &out, &len));
    ck_assert_str_eq(out, "A\r\n\"\"\r\nx\r\n");
    ldrt__csv *c = NULL;
    tu_assert_ok(ldrt__csv_parse(out, len, "w.csv", &c));
    ck_assert_uint_eq(c->rows, 2);
    ck_assert_ptr_null(ldrt__csv_get(c, 0, 0));
    ck_assert_str_eq(ldrt__csv_get(c, 1, 0), "x");
    ldrt__csv_free(c);
    ldrt_free(out);
}
END_TEST

typedef struct parse_arg {
    const char *text;
    ldrt__csv *c;
} parse_arg;

static int parse_fn(void *arg)
{
    parse_arg *a = arg;
    return ldrt__csv_parse(a->text, strlen(a->text), "t.csv", &a->c);
}

static void parse_cleanup(void *arg)
{
    parse_arg *a = arg;
    ldrt__csv_free(a->c);
    a->c = NULL;
}

START_TEST(csv_allocation_failures)
{
    parse_arg a = { "A,B\n1,\"2\"\n3,4\n", NULL };
    tu_alloc_install();
    long n = tu_alloc_fail_each(parse_fn, parse_cleanup, &a);
    tu_alloc_uninstall();
    ck_assert_int_gt(n, 3);
}
END_TEST

/* ---- the SDTM reader on the pharmaverse data ---------------------------------- */

static const ldrt_patient *subject(const ldrt_study *st, const char *id)
{
    size_t i = 0;
    tu_assert_ok(ldrt_study_find_subject(st, id, &i));
    return ldrt_study_patient_at(st, i);
}

static double diameter(const ldrt_patient *p, ldrt_date date, const char *lesion)
{
    for (size_t k = 0; k < ldrt_patient_event_count(p); k++) {
        const ldrt_scan *sc = ldrt_event_as_scan(ldrt_patient_event_at(p, k));
        if (!sc || ldrt_event_date(ldrt_patient_event_at(p, k)) != date)
            continue;
        for (size_t m = 0; m < ldrt_scan_measurement_count(sc); m++)
            if (strcmp(ldrt_lesion_id(ldrt_scan_measurement_lesion(sc, m)), lesion) == 0) {
                double mm = NAN;
                ldrt_scan_measurement_diameter_mm(sc, m, &mm);
                return mm;
            }
    }
    return -1;
}

START_TEST(sdtm_reads_pharmaverse)
{
    ldrt_study *st = read_study(pharmaverse(), NULL, LDRT_CRITERIA_RECIST11);
    ck_assert_str_eq(ldrt_study_id(st), "CDISCPILOT01");
    ck_assert_str_eq(ldrt_study_reader(st), "INVESTIGATOR");
    /* 8 subjects with tumour data, 26 with iRECIST responses, all in DM. */
    ck_assert_uint_eq(ldrt_study_subject_count(st), 26);
    ck_assert_uint_eq(ldrt_study_reader_count(st), 3);
    ck_assert_str_eq(ldrt_study_reader_at(st, 0), "INDEPENDENT ASSESSOR/RADIOLOGIST 1");
    ck_assert_str_eq(ldrt_study_reader_at(st, 1), "INDEPENDENT ASSESSOR/RADIOLOGIST 2");
    ck_assert_str_eq(ldrt_study_reader_at(st, 2), "INVESTIGATOR");
    const ldrt_patient *p = subject(st, "01-701-1015");
    /* DM: "F", BRTHDTC 1950-12-26, RFXSTDTC 2014-01-02. */
    ck_assert_str_eq(ldrt_patient_sex(p), "female");
    ldrt_date d = 0;
    tu_assert_ok(ldrt_patient_birth_date(p, &d));
    ck_assert_int_eq(d, 19501226);
    size_t i = 0;
    tu_assert_ok(ldrt_study_find_subject(st, "01-701-1015", &i));
    tu_assert_ok(ldrt_study_subject_date(st, i, LDRT_STUDY_FIRST_DOSE, &d));
    ck_assert_int_eq(d, 20140102);
    /* DS: RANDOMIZED on 2014-01-02. */
    tu_assert_ok(ldrt_study_subject_date(st, i, LDRT_STUDY_RANDOMIZATION, &d));
    ck_assert_int_eq(d, 20140102);
    /* TU: T01 adrenal gland, T02 lymph node (nodal), T03 body, T04 bone, all target. */
    ck_assert_uint_eq(ldrt_patient_lesion_count(p), 4);
    const ldrt_lesion *l = NULL;
    tu_assert_ok(ldrt_patient_find_lesion(p, "T02", &l));
    int nodal = 0;
    tu_assert_ok(ldrt_lesion_nodal(l, &nodal));
    ck_assert_int_eq(nodal, 1);
    ck_assert_str_eq(ldrt_lesion_site(l), "LYMPH NODE");
    ck_assert_int_eq(ldrt_lesion_category_of(l), LDRT_ROLE_TARGET);
    /* TR: T02 is a node, read by its short axis (LPERP 32, not LDIAM 31.04);
     * T01 by its longest diameter (LDIAM 21, not LPERP). */
    ck_assert(diameter(p, 20140102, "T02") == 32.0);
    ck_assert(diameter(p, 20140102, "T01") == 21.0);
    /* Week 6 is dated "2014-02" (partial, kept so): T02 and T03 not measured. */
    ck_assert(diameter(p, 20140200, "T01") == 20.0);
    ck_assert(diameter(p, 20140200, "T02") == -1);
    /* Week 9: T02 7 mm (a node below 10 mm), the others 0. */
    ck_assert(diameter(p, 20140306, "T02") == 7.0);
    /* EX: three placebo rows (EXDOSE 0: no dose); AE: three toxicities. */
    size_t systemic = 0, toxicity = 0;
    for (size_t k = 0; k < ldrt_patient_event_count(p); k++) {
        ldrt_event_kind kind = ldrt_event_type(ldrt_patient_event_at(p, k));
        systemic += kind == LDRT_EVENT_SYSTEMIC;
        toxicity += kind == LDRT_EVENT_TOXICITY;
    }
    ck_assert_uint_eq(systemic, 3);
    ck_assert_uint_eq(toxicity, 3);
    /* Non-target lesions of 01-701-1034 (NT01-NT03, followed by TUMSTATE). */
    const ldrt_patient *q = subject(st, "01-701-1034");
    tu_assert_ok(ldrt_patient_find_lesion(q, "NT02", &l));
    ck_assert_int_eq(ldrt_lesion_category_of(l), LDRT_ROLE_NON_TARGET);
    /* Nothing dropped silently: every unmapped row has its reason. */
    size_t n = ldrt_study_unmapped_count(st), lperp = 0, ldiam_node = 0, irecist = 0;
    ck_assert_uint_gt(n, 0);
    for (size_t k = 0; k < n; k++) {
        const char *dom, *file, *uid, *why;
        size_t row;
        tu_assert_ok(ldrt_study_unmapped_at(st, k, &dom, &file, &row, &uid, &why));
        ck_assert_uint_ge(row, 2);
        lperp += strstr(why, "LPERP of non-nodal lesion") != NULL;
        ldiam_node += strstr(why, "LDIAM of nodal lesion") != NULL;
        irecist += strstr(why, "RSCAT 'iRECIST': not the criteria read (recist1.1)") != NULL;
        if (k == 0) {
            /* The first listed: DS of 01-701-1015, row 3 (its "COMPLETED"). */
            ck_assert_str_eq(dom, "DS");
            ck_assert_str_eq(file, "ds.csv");
            ck_assert_str_eq(uid, "01-701-1015");
            ck_assert_uint_eq(row, 3);
        }
    }
    /* The investigator's 182 TR rows: 26 TUMSTATE, 78 LDIAM and 78 LPERP,
     * one of the two axes of each target (78) being the other axis: LPERP of
     * non-nodal lesions (the RECIST measure is LDIAM) and LDIAM of nodes (the
     * measure is the short axis). */
    ck_assert_uint_eq(lperp + ldiam_node, 78);
    /* rs_onco_irecist: 75 OVRLRESP rows, all iRECIST. */
    ck_assert_uint_eq(irecist, 75);
    ck_assert_int_eq(ldrt_study_unmapped_at(st, n, NULL, NULL, NULL, NULL, NULL), LDRT_EINVAL);
    ldrt_study_free(st);
}
END_TEST

START_TEST(sdtm_reader_streams)
{
    ldrt_sdtm_options *o = NULL;
    ldrt_study *st = (ldrt_study *)1;
    tu_assert_ok(ldrt_sdtm_options_new(&o));
    tu_assert_ok(ldrt_sdtm_options_set_reader(o, "INDEPENDENT ASSESSOR"));
    tu_assert_error(ldrt_study_read_sdtm(pharmaverse(), o, &st), LDRT_ENOTFOUND,
                    "reader 'INDEPENDENT ASSESSOR' is ambiguous; the reader streams are "
                    "'INDEPENDENT ASSESSOR/RADIOLOGIST 1', 'INDEPENDENT ASSESSOR/RADIOLOGIST 2', "
                    "'INVESTIGATOR'");
    ck_assert_ptr_null(st);
    tu_assert_ok(ldrt_sdtm_options_set_reader(o, "CENTRAL"));
    tu_assert_error(ldrt_study_read_sdtm(pharmaverse(), o, &st), LDRT_ENOTFOUND,
                    "reader 'CENTRAL' has no rows");
    tu_assert_error(ldrt_sdtm_options_set_reader(o, ""), LDRT_EINVAL, "must not be empty");
    tu_assert_error(ldrt_sdtm_options_set_criteria(o, (ldrt_criteria)9), LDRT_EINVAL, "criteria");
    tu_assert_error(ldrt_study_read_sdtm("/nonexistent-dir", o, &st), LDRT_EIO, "/nonexistent-dir");
    ldrt_sdtm_options_free(o);
    /* Case does not matter; RADIOLOGIST 2 reads its own values: T02 of
     * 01-701-1015 at baseline is LPERP 32 * (1 + d/100), d = (1 + 2 + 1 + 3) % 7 - 3 = -3:
     * 31.04 (data-raw/tr_onco_recist.R). */
    st = read_study(pharmaverse(), "independent assessor/radiologist 2", LDRT_CRITERIA_RECIST11);
    ck_assert_str_eq(ldrt_study_reader(st), "INDEPENDENT ASSESSOR/RADIOLOGIST 2");
    ck_assert(fabs(diameter(subject(st, "01-701-1015"), 20140102, "T02") - 31.04) < 1e-9);
    ldrt_study_free(st);
}
END_TEST

/* ---- the audit ------------------------------------------------------------------ */

typedef struct expected {
    const char *usubjid;
    int best, confirmed;
} expected;

static void check_audit(const ldrt_study_audit *a, const expected *e, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = 0;
        for (; i < ldrt_study_audit_count(a); i++) {
            const char *id = NULL;
            ldrt_study_audit_result(a, i, &id, NULL, NULL, NULL);
            if (strcmp(id, e[k].usubjid) == 0)
                break;
        }
        ck_assert_uint_lt(i, ldrt_study_audit_count(a));
        int computed = -2;
        ldrt_response best = -1;
        ldrt_response conf = -1;
        tu_assert_ok(ldrt_study_audit_result(a, i, NULL, &best, &conf, &computed));
        ck_assert_msg((int)best == e[k].best && (int)conf == e[k].confirmed, "%s: best %s confirmed %s",
                      e[k].usubjid, ldrt_response_label_name(best), ldrt_response_label_name(conf));
        ck_assert_int_eq(computed, 1);
    }
}

static ldrt_study_audit *audit_all(const ldrt_study *st, ldrt_criteria crit, int confirm_days)
{
    ldrt_study_audit *a = NULL;
    tu_assert_ok(ldrt_study_audit_new(st, crit, &a));
    for (size_t i = 0; i < ldrt_study_subject_count(st); i++) {
        ldrt_response_options *o = NULL;
        tu_assert_ok(ldrt_response_options_new(&o));
        if (confirm_days >= 0)
            tu_assert_ok(ldrt_response_options_set_confirm_days(o, confirm_days));
        tu_assert_ok(ldrt_study_audit_add(a, i, o));
        ldrt_response_options_free(o);
    }
    return a;
}

/*
 * RECIST 1.1, every reader stream: libldrt agrees with every recorded time
 * point of rs_onco_recist (0 disagreements in 66 rows). The generator's rule
 * (data-raw/rs_onco_recist.R) is simplified - no new-lesion rule, no
 * unequivocal non-target progression, NE whenever a target is missing
 * (RECIST 1.1 allows PD from the lesions measured) - but its data never
 * reach those cases, so its time points are right.
 * Its stated best responses are not all right. The script says subject 5
 * (01-701-1115: SD, PR, CR at weeks 3, 6, 9) has the confirmed BOR PR: the
 * PR of week 6 is followed by the CR 21 days later, and RECIST 1.1 section
 * 4.4 asks that a confirming assessment be "performed no less than 4 weeks
 * after the criteria for response are first met"; unconfirmed, week 6 is
 * an SD (at 42 days, the SD minimum), so the confirmed BOR is SD. With a
 * 21-day confirmation libldrt gives PR as the script does. The script says
 * subject 8 (01-701-1133: PR, CR, PD) has BOR SD: unconfirmed, its best
 * time point is the CR of week 6 (which RS itself records); confirmed, it is
 * SD (the CR 21 days after the PR confirms nothing, and is followed by PD).
 */
START_TEST(audit_pharmaverse_recist)
{
    static const expected inv[] = {
        { "01-701-1015", LDRT_RESPONSE_CR, LDRT_RESPONSE_SD },   /* script: CR, SD */
        { "01-701-1028", LDRT_RESPONSE_PD, LDRT_RESPONSE_PD },   /* script: PD, PD */
        { "01-701-1034", LDRT_RESPONSE_NON_CR_NON_PD, LDRT_RESPONSE_NON_CR_NON_PD },
        { "01-701-1097", LDRT_RESPONSE_NE, LDRT_RESPONSE_NE },   /* script: NE, NE */
        { "01-701-1115", LDRT_RESPONSE_CR, LDRT_RESPONSE_SD },   /* script: CR, PR (see above) */
        { "01-701-1118", LDRT_RESPONSE_PR, LDRT_RESPONSE_PR },   /* script: PR, PR */
        { "01-701-1130", LDRT_RESPONSE_SD, LDRT_RESPONSE_SD },   /* script: SD, SD */
        { "01-701-1133", LDRT_RESPONSE_CR, LDRT_RESPONSE_SD },   /* script: SD, SD (see above) */
    };
    static const char *const streams[] = { "INVESTIGATOR", "INDEPENDENT ASSESSOR/RADIOLOGIST 1",
                                           "INDEPENDENT ASSESSOR/RADIOLOGIST 2" };
    for (size_t s = 0; s < 3; s++) {
        ldrt_study *st = read_study(pharmaverse(), streams[s], LDRT_CRITERIA_RECIST11);
        ldrt_study_audit *a = audit_all(st, LDRT_CRITERIA_RECIST11, -1);
        ck_assert_uint_eq(ldrt_study_audit_count(a), 26);
        size_t with_data = 0;
        for (size_t i = 0; i < 26; i++) {
            int computed = 0;
            ldrt_study_audit_result(a, i, NULL, NULL, NULL, &computed);
            with_data += computed == 1;
            ck_assert_uint_eq(ldrt_study_audit_disagreement_count(a, i), 0);
        }
        ck_assert_uint_eq(with_data, 8);
        if (s == 0)
            check_audit(a, inv, 8);
        if (s == 1) {
            /* RADIOLOGIST 1 sees 01-701-1028 at week 6 with T02 34 * 1.03,
             * T03 41 * 0.98, T04 26 * 0.99, T05 9 * 1.00 (d = (2 + k + 3) % 7 - 3):
             * 35.02 + 40.18 + 25.74 + 9 = 109.94, T01 missing: NE, not PD - the
             * nadir's lesions are not all there and the sum of the others is
             * below 120% of it - and RS records NE too. */
            static const expected r1 = { "01-701-1028", LDRT_RESPONSE_SD, LDRT_RESPONSE_SD };
            check_audit(a, &r1, 1);
        }
        ldrt_study_audit_free(a);
        ldrt_study_free(st);
    }
    /* With confirmation at 21 days, 01-701-1115's PR is confirmed (the script's CBOR). */
    ldrt_study *st = read_study(pharmaverse(), NULL, LDRT_CRITERIA_RECIST11);
    ldrt_study_audit *a = audit_all(st, LDRT_CRITERIA_RECIST11, 21);
    static const expected c21 = { "01-701-1115", LDRT_RESPONSE_CR, LDRT_RESPONSE_PR };
    check_audit(a, &c21, 1);
    ldrt_study_audit_free(a);
    ldrt_study_free(st);
}
END_TEST

/*
 * iRECIST: rs_onco_irecist was written by hand without the TR data. Two of
 * its responses fall on a date with measurements and disagree with them:
 * - 01-701-1118, 2014-04-23: recorded iUPD; TR: T01 15 + T02 23 = 38 mm
 *   against the baseline 27 + 51 = 78 mm, -51.3%: iPR (RECIST 1.1 section
 *   4.3.1: PR is a decrease of at least 30%; iRECIST keeps it as iPR).
 * - 01-701-1130, 2014-03-29: recorded iUPD; TR: 37 + 28 + 31 = 96 mm, the
 *   nadir 31 + 24 + 33 = 88 mm (week 3): +9.1% and +8 mm, short of the 20%
 *   PD needs (section 4.3.1), baseline 35 + 22 + 33 = 90: +6.7%: iSD.
 * Its other responses fall on dates without measurements: listed with no
 * computed response (they cannot be recomputed). The 18 subjects with no TR
 * are assessed from their recorded responses, as given.
 */
START_TEST(audit_pharmaverse_irecist)
{
    ldrt_study *st = read_study(pharmaverse(), NULL, LDRT_CRITERIA_IRECIST);
    ldrt_study_audit *a = audit_all(st, LDRT_CRITERIA_IRECIST, -1);
    size_t real = 0, unchecked = 0, recorded = 0;
    for (size_t i = 0; i < ldrt_study_audit_count(a); i++) {
        const char *id = NULL;
        int basis = 0;
        ldrt_study_audit_result(a, i, &id, NULL, NULL, &basis);
        recorded += basis == 0;
        for (size_t j = 0; j < ldrt_study_audit_disagreement_count(a, i); j++) {
            ldrt_date d = 0;
            ldrt_response comp = 0;
            ldrt_response rec = 0;
            const char *why = NULL;
            tu_assert_ok(ldrt_study_audit_disagreement(a, i, j, &d, &comp, &rec, &why));
            if (comp == LDRT_RESPONSE_NONE) {
                unchecked++;
                continue;
            }
            real++;
            ck_assert_int_eq(rec, LDRT_RESPONSE_IUPD);
            if (strcmp(id, "01-701-1118") == 0) {
                ck_assert_int_eq(d, 20140423);
                ck_assert_int_eq(comp, LDRT_RESPONSE_IPR);
                ck_assert_ptr_nonnull(strstr(why, "-51.3% from baseline 78.0 mm"));
            } else {
                ck_assert_str_eq(id, "01-701-1130");
                ck_assert_int_eq(d, 20140329);
                ck_assert_int_eq(comp, LDRT_RESPONSE_ISD);
                ck_assert_ptr_nonnull(strstr(why, "+9.1% (+8.0 mm) from nadir 88.0 mm"));
            }
        }
    }
    ck_assert_uint_eq(real, 2);
    ck_assert_uint_eq(unchecked, 19);
    ck_assert_uint_eq(recorded, 18);
    ldrt_study_audit_free(a);
    ldrt_study_free(st);
}
END_TEST

/* A disagreement made on purpose: the recorded SD of 01-701-1118 at week 6
 * (sum 38 mm from 78 mm, -51.3%) is a PR by the measurements. */
START_TEST(audit_finds_a_planted_disagreement)
{
    make_tmp();
    const char *files[] = { "tu_onco_recist.csv", "tr_onco_recist.csv", "dm.csv" };
    for (size_t i = 0; i < 3; i++) {
        char src[600], dst[200];
        snprintf(src, sizeof src, "%s/%s", pharmaverse(), files[i]);
        snprintf(dst, sizeof dst, "%s/%s", tmp, files[i]);
        char *text = tu_slurp(src, NULL);
        FILE *f = fopen(dst, "w");
        fputs(text, f);
        fclose(f);
        free(text);
    }
    tmp_file("rs.csv", "USUBJID,RSTESTCD,RSCAT,RSSTRESC,RSDTC\n"
                       "01-701-1118,OVRLRESP,RECIST 1.1,SD,2014-04-23\n"
                       "01-701-1118,OVRLRESP,,PR,2014-05-14\n");
    ldrt_study *st = read_study(tmp, NULL, LDRT_CRITERIA_RECIST11);
    ldrt_study_audit *a = audit_all(st, LDRT_CRITERIA_RECIST11, -1);
    size_t i = 0;
    tu_assert_ok(ldrt_study_find_subject(st, "01-701-1118", &i));
    /* Week 9 (2014-05-14): T02 missing, T01 14 mm: NE by RECIST 1.1
     * (a target not evaluated), recorded PR. */
    ck_assert_uint_eq(ldrt_study_audit_disagreement_count(a, i), 2);
    ldrt_date d;
    ldrt_response comp;
    ldrt_response rec;
    const char *why;
    tu_assert_ok(ldrt_study_audit_disagreement(a, i, 0, &d, &comp, &rec, &why));
    ck_assert_int_eq(d, 20140423);
    ck_assert_int_eq(comp, LDRT_RESPONSE_PR);
    ck_assert_int_eq(rec, LDRT_RESPONSE_SD);
    ck_assert_ptr_nonnull(strstr(why, "sum -51.3% from baseline 78.0 mm"));
    tu_assert_ok(ldrt_study_audit_disagreement(a, i, 1, &d, &comp, &rec, &why));
    ck_assert_int_eq(d, 20140514);
    ck_assert_int_eq(comp, LDRT_RESPONSE_NE);
    ck_assert_int_eq(rec, LDRT_RESPONSE_PR);
    /* The JSON is the contract: parse it back and check its shape. */
    char *text = NULL;
    tu_assert_ok(ldrt_study_audit_render(a, LDRT_FORMAT_JSON, &text, NULL));
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(json_string_value(json_object_get(root, "criteria")), "recist1.1");
    json_t *subs = json_object_get(root, "subjects");
    ck_assert(json_is_array(subs));
    ck_assert_uint_eq(json_array_size(subs), 26);
    size_t k;
    json_t *s;
    json_array_foreach(subs, k, s) {
        ck_assert(json_is_string(json_object_get(s, "usubjid")));
        json_t *b = json_object_get(s, "best_overall_response");
        json_t *c = json_object_get(s, "confirmed_best_overall_response");
        ck_assert(json_is_string(b) || json_is_null(b));
        ck_assert(json_is_string(c) || json_is_null(c));
        json_t *ds = json_object_get(s, "disagreements");
        ck_assert(json_is_array(ds));
        size_t j;
        json_t *dj;
        json_array_foreach(ds, j, dj) {
            ck_assert(json_is_string(json_object_get(dj, "date")));
            ck_assert(json_is_string(json_object_get(dj, "reason")));
            ck_assert(json_is_string(json_object_get(dj, "recorded")));
        }
        if (strcmp(json_string_value(json_object_get(s, "usubjid")), "01-701-1118") == 0) {
            ck_assert_uint_eq(json_array_size(ds), 2);
            json_t *d0 = json_array_get(ds, 0);
            ck_assert_str_eq(json_string_value(json_object_get(d0, "date")), "2014-04-23");
            ck_assert_str_eq(json_string_value(json_object_get(d0, "computed")), "PR");
            ck_assert_str_eq(json_string_value(json_object_get(d0, "recorded")), "SD");
        }
    }
    json_decref(root);
    ldrt_free(text);
    /* CSV: read back by the reader. */
    size_t len = 0;
    tu_assert_ok(ldrt_study_audit_csv(a, &text, &len));
    ldrt__csv *c = NULL;
    tu_assert_ok(ldrt__csv_parse(text, len, "audit.csv", &c));
    ck_assert_uint_eq(c->rows, 27); /* 25 subjects without disagreement, 2 rows for 01-701-1118 */
    int col_rec = ldrt__csv_column(c, "recorded"), col_id = ldrt__csv_column(c, "usubjid");
    size_t found = 0;
    for (size_t r = 0; r < c->rows; r++)
        if (strcmp(ldrt__csv_get(c, r, col_id), "01-701-1118") == 0)
            found += ldrt__csv_get(c, r, col_rec) != NULL;
    ck_assert_uint_eq(found, 2);
    ldrt__csv_free(c);
    ldrt_free(text);
    ldrt_study_audit_free(a);
    ldrt_study_free(st);
    rm_tmp();
}
END_TEST

/* ---- rows the reader refuses, one by one ---------------------------------------- */

START_TEST(sdtm_unmapped_rows_named)
{
    make_tmp();
    tmp_file("tu.csv", "USUBJID,TULNKID,TUSTRESC,TULOC\n"
                       "S1,T1,TARGET,LIVER\n"
                       "S1,T1,TARGET,LIVER\n"
                       ",T2,TARGET,LUNG\n"
                       "S1,T3,MAYBE,LUNG\n"
                       "S1,N1,NEW,SKIN\n");
    tmp_file("tr.csv", "USUBJID,TRLNKID,TRTESTCD,TRSTRESC,TRSTRESN,TRSTRESU,TRSTAT,TRDTC\n"
                       "S1,T1,LDIAM,,20,mm,,2024-01-05\n"
                       "S1,T1,LDIAM,,2,cm,,2024-03\n"
                       "S1,T9,LDIAM,,20,mm,,2024-01-05\n"
                       "S1,T1,LDIAM,,20,in,,2024-05-01\n"
                       "S1,T1,LDIAM,,20,mm,,05/01/2024\n"
                       "S1,T1,VOLUME,,20,ml,,2024-05-01\n"
                       "S1,T1,LDIAM,TOO SMALL TO MEASURE,,,,2024-06-01\n"
                       "S1,T1,LDIAM,,,,NOT DONE,2024-07-01\n");
    tmp_file("rs.csv", "USUBJID,RSTESTCD,RSCAT,RSSTRESC,RSDTC\n"
                       "S1,OVRLRESP,,XX,2024-03\n"
                       "S1,OVRLRESP,WHO,PR,2024-03\n"
                       "S1,OVRLRESP,,SD,2024-03\n"
                       "S1,OVRLRESP,,PD,2024-03\n");
    tmp_file("ae.csv", "USUBJID,AETERM,AETOXGR,AESTDTC,AEENDTC\nS1,Rash,7,2024-02-01,\n"
                       "S1,Colitis,3,2024-02-03,2024-02-20\n");
    tmp_file("pr.csv", "USUBJID,PRTRT,PRCAT,PRGRPID,PRLOC,PRDOSE,PRDOSU,PRSTDTC\n"
                       "S1,SBRT,RADIOTHERAPY,C1,LIVER,8,Gy,2024-02-05\n"
                       "S1,SBRT,RADIOTHERAPY,C1,LIVER,8,Gy,2024-02-07\n"
                       "S1,BIOPSY,DIAGNOSTIC,,LIVER,,,2024-01-02\n"
                       "S1,HEPATECTOMY,SURGERY,,LIVER,,,2024-08-01\n");
    ldrt_study *st = read_study(tmp, NULL, LDRT_CRITERIA_RECIST11);
    static const struct {
        const char *domain;
        size_t row;
        const char *reason;
    } want[] = {
        { "AE", 2, "AETOXGR '7' is not a grade from 1 to 5" },
        { "PR", 4, "PRCAT 'DIAGNOSTIC', PRTRT 'BIOPSY': neither radiotherapy nor surgery" },
        { "RS", 2, "RSSTRESC 'XX' is not a response of recist1.1" },
        { "RS", 3, "RSCAT 'WHO' names no criteria libldrt knows" },
        { "RS", 5, "a second overall response on 2024-03 (SD already recorded)" },
        { "TR", 4, "TRLNKID 'T9' is not identified in TU" },
        { "TR", 5, "TRSTRESU 'in' is not mm or cm" },
        { "TR", 6, "TRDTC '05/01/2024' is not an ISO 8601 date" },
        { "TR", 7, "TRTESTCD 'VOLUME': not a measurement the criteria use" },
        { "TU", 3, "TULNKID 'T1' identified twice" },
        { "TU", 4, "no USUBJID" },
        { "TU", 5, "TUSTRESC 'MAYBE' is not TARGET, NON-TARGET or NEW" },
        { "TU", 6, "new lesion 'N1' without TUDTC: the scan it was found on is unknown" },
    };
    size_t n = ldrt_study_unmapped_count(st);
    for (size_t k = 0; n != sizeof want / sizeof want[0] && k < n; k++) {
        const char *dom, *why;
        size_t row;
        ldrt_study_unmapped_at(st, k, &dom, NULL, &row, NULL, &why);
        fprintf(stderr, "unmapped: %s row %zu: %s\n", dom, row, why);
    }
    ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
    for (size_t w = 0; w < n; w++) {
        size_t k = 0;
        for (; k < n; k++) {
            const char *dom, *why;
            size_t row;
            ldrt_study_unmapped_at(st, k, &dom, NULL, &row, NULL, &why);
            if (strcmp(dom, want[w].domain) == 0 && row == want[w].row &&
                strcmp(why, want[w].reason) == 0)
                break;
        }
        ck_assert_msg(k < n, "%s row %zu: '%s' not listed", want[w].domain, want[w].row,
                      want[w].reason);
    }
    const ldrt_patient *p = subject(st, "S1");
    /* 2 cm is 20 mm; too small and not done are kept as such. */
    ck_assert(diameter(p, 20240300, "T1") == 20.0);
    int found_small = 0, found_ne = 0, new_found = 0, course = 0, surgery = 0, grade = 0;
    for (size_t k = 0; k < ldrt_patient_event_count(p); k++) {
        const ldrt_event *e = ldrt_patient_event_at(p, k);
        const ldrt_scan *sc = ldrt_event_as_scan(e);
        if (ldrt_event_type(e) == LDRT_EVENT_RADIOTHERAPY)
            course = (int)ldrt_course_fraction_count(ldrt_event_as_course(e));
        surgery += ldrt_event_type(e) == LDRT_EVENT_SURGERY;
        if (ldrt_event_type(e) == LDRT_EVENT_TOXICITY)
            ldrt_event_grade(e, &grade);
        for (size_t m = 0; sc && m < ldrt_scan_measurement_count(sc); m++) {
            ldrt_lesion_state s;
            ldrt_scan_measurement_state(sc, m, &s);
            found_small += s == LDRT_STATE_TOO_SMALL;
            found_ne += s == LDRT_STATE_NOT_EVALUATED;
        }
        new_found += sc ? (int)ldrt_scan_new_lesion_count(sc) : 0;
    }
    ck_assert_int_eq(found_small, 1);
    ck_assert_int_eq(found_ne, 1);
    ck_assert_int_eq(course, 2);
    ck_assert_int_eq(surgery, 1);
    ck_assert_int_eq(grade, 3);
    ck_assert_int_eq(new_found, 0); /* N1 had no TUDTC: listed, not placed */
    ldrt_study_free(st);
    /* A missing required column is an error naming the file and the column. */
    tmp_file("tr.csv", "USUBJID,TRLNKID,TRTESTCD\nS1,T1,LDIAM\n");
    ldrt_study *none = (ldrt_study *)1;
    tu_assert_error(ldrt_study_read_sdtm(tmp, NULL, &none), LDRT_EPARSE, "tr.csv: row 1: no column TRDTC");
    ck_assert_ptr_null(none);
    tmp_file("tr.csv", "USUBJID,TRLNKID,TRTESTCD,TRDTC\nS1,\"T1,LDIAM,2024\n");
    tu_assert_error(ldrt_study_read_sdtm(tmp, NULL, &none), LDRT_EPARSE,
                    "tr.csv: row 2, column 2: quoted field not closed");
    rm_tmp();
}
END_TEST

/* ---- SDTM out and back in ------------------------------------------------------------ */

static char *doc_of(const ldrt_patient *p)
{
    char *out = NULL;
    tu_assert_ok(ldrt_patient_save_json_buffer(p, &out, NULL));
    return out;
}

START_TEST(sdtm_round_trip)
{
    make_tmp();
    ldrt_study *st = read_study(pharmaverse(), NULL, LDRT_CRITERIA_RECIST11);
    tu_assert_ok(ldrt_study_write_sdtm(st, tmp, LDRT_CRITERIA_RECIST11, NULL));
    ldrt_study *back = read_study(tmp, NULL, LDRT_CRITERIA_RECIST11);
    ck_assert_str_eq(ldrt_study_id(back), "CDISCPILOT01");
    ck_assert_uint_eq(ldrt_study_subject_count(back), ldrt_study_subject_count(st));
    ck_assert_uint_eq(ldrt_study_unmapped_count(back), 0);
    for (size_t i = 0; i < ldrt_study_subject_count(st); i++) {
        ldrt_date a = 0, b = 0;
        ldrt_study_subject_date(st, i, LDRT_STUDY_FIRST_DOSE, &a);
        ldrt_study_subject_date(back, i, LDRT_STUDY_FIRST_DOSE, &b);
        ck_assert_int_eq(a, b);
        ldrt_clear_error();
    }
    /* The recorded responses of the second read are libldrt's own: the
     * audit of the written study finds nothing, and the records are the same
     * but for them. */
    ldrt_study_audit *a = audit_all(back, LDRT_CRITERIA_RECIST11, -1);
    for (size_t i = 0; i < ldrt_study_audit_count(a); i++)
        ck_assert_uint_eq(ldrt_study_audit_disagreement_count(a, i), 0);
    ldrt_study_audit_free(a);
    /* Written again from the second read: byte for byte the same files. */
    char again[128];
    snprintf(again, sizeof again, "%s/again", tmp);
    ck_assert_int_eq(mkdir(again, 0700), 0);
    tu_assert_ok(ldrt_study_write_sdtm(back, again, LDRT_CRITERIA_RECIST11, NULL));
    static const char *const names[] = { "dm.csv", "ds.csv", "tu.csv", "tr.csv", "rs.csv",
                                         "ex.csv", "pr.csv", "ae.csv" };
    for (size_t k = 0; k < 8; k++) {
        char p1[200], p2[200];
        snprintf(p1, sizeof p1, "%s/%s", tmp, names[k]);
        snprintf(p2, sizeof p2, "%s/%s", again, names[k]);
        char *t1 = tu_slurp(p1, NULL), *t2 = tu_slurp(p2, NULL);
        ck_assert_msg(strcmp(t1, t2) == 0, "%s differs", names[k]);
        free(t1);
        free(t2);
    }
    ldrt_study_free(back);
    ldrt_study_free(st);
    rm_tmp();
}
END_TEST

/* A hand-made record with every kind SDTM carries, out and back. */
START_TEST(sdtm_round_trip_all_kinds)
{
    static const char doc[] =
        "{\"ldrt\": 1, \"patient\": {\"id\": \"S-01\", \"sex\": \"male\", \"birth_date\": \"1958\"},"
        " \"lesions\": [{\"id\": \"T1\", \"site\": \"LIVER\", \"organ\": \"LIVER\", \"category\": \"target\"},"
        "  {\"id\": \"T2\", \"site\": \"LYMPH NODE\", \"organ\": \"LYMPH NODE\", \"nodal\": true, \"category\": \"target\"},"
        "  {\"id\": \"NT1\", \"site\": \"BONE\", \"organ\": \"BONE\", \"category\": \"non-target\"}],"
        " \"events\": ["
        "  {\"type\": \"imaging\", \"date\": \"2024-01-05\", \"baseline\": true, \"measurements\": ["
        "    {\"lesion\": \"T1\", \"diameter_mm\": 30.5}, {\"lesion\": \"T2\", \"diameter_mm\": 18}],"
        "    \"non_target\": {\"NT1\": \"present\"}},"
        "  {\"type\": \"systemic\", \"date\": \"2024-01-10\", \"agents\": [{\"drug\": \"pembrolizumab\", \"dose\": 200, \"unit\": \"mg\"}]},"
        "  {\"type\": \"radiotherapy\", \"date\": \"2024-01-15\", \"course_id\": \"C1\", \"site\": \"LIVER\", \"technique\": \"SBRT\","
        "   \"targets\": [], \"fractions\": [{\"date\": \"2024-01-15\", \"dose_gy\": 8}, {\"date\": \"2024-01-17\", \"dose_gy\": 8}]},"
        "  {\"type\": \"toxicity\", \"date\": \"2024-02\", \"term\": \"Colitis\", \"grade\": 2},"
        "  {\"type\": \"imaging\", \"date\": \"2024-03\", \"measurements\": ["
        "    {\"lesion\": \"T1\", \"diameter_mm\": 12}, {\"lesion\": \"T2\", \"too_small\": true}],"
        "    \"non_target\": {\"NT1\": \"absent\"}},"
        "  {\"type\": \"surgery\", \"date\": \"2024-04-02\", \"procedure\": \"HEPATECTOMY\", \"site\": \"LIVER\"},"
        "  {\"type\": \"imaging\", \"date\": \"2024-05-06\", \"measurements\": ["
        "    {\"lesion\": \"T1\"}, {\"lesion\": \"T2\", \"diameter_mm\": 9}],"
        "    \"non_target\": {\"NT1\": \"not-evaluated\"}}"
        " ]}";
    make_tmp();
    ldrt_patient *p = NULL;
    tu_assert_ok(ldrt_patient_load_json_buffer(doc, strlen(doc), &p));
    ldrt_study *st = NULL;
    tu_assert_ok(ldrt_study_new("TRIAL-9", &st));
    tu_assert_ok(ldrt_study_add_patient(st, p));
    ldrt_patient *dup = NULL;
    tu_assert_ok(ldrt_patient_new("S-01", &dup));
    tu_assert_error(ldrt_study_add_patient(st, dup), LDRT_ESTATE, "already has a subject 'S-01'");
    ldrt_patient_free(dup);
    tu_assert_ok(ldrt_study_write_sdtm(st, tmp, LDRT_CRITERIA_RECIST11, NULL));
    ldrt_study *back = read_study(tmp, NULL, LDRT_CRITERIA_RECIST11);
    ck_assert_uint_eq(ldrt_study_unmapped_count(back), 0);
    ck_assert_str_eq(ldrt_study_id(back), "TRIAL-9");
    /* The record read back is the one written, but for the responses RS
     * now records on the follow-up scans (libldrt's own: 2024-03 PR - sum
     * 12 + 5 (too small counts as 5 mm) = 17 from 48.5, -65% - and
     * 2024-05-06 NE, a target not evaluated) and the baseline flag. */
    const ldrt_patient *q = ldrt_study_patient_at(back, 0);
    const char *c = NULL, *label = NULL;
    size_t scans = 0;
    for (size_t k = 0; k < ldrt_patient_event_count(q); k++) {
        ldrt_scan *sc = ldrt_event_as_scan_mut(ldrt_patient_event_at_mut((ldrt_patient *)q, k));
        if (!sc)
            continue;
        if (scans++ == 1) {
            tu_assert_ok(ldrt_scan_recorded_response(sc, &c, &label));
            ck_assert_str_eq(c, "recist1.1");
            ck_assert_str_eq(label, "PR");
        }
        ldrt_scan_set_recorded_response(sc, NULL, NULL);
    }
    ck_assert_uint_eq(scans, 3);
    char *d1 = doc_of(p), *d2 = doc_of(q);
    ck_assert_str_eq(d1, d2);
    ldrt_free(d1);
    ldrt_free(d2);
    ldrt_study_free(back);
    ldrt_study_free(st);
    rm_tmp();
}
END_TEST

/* ---- the command ------------------------------------------------------------------------ */

static const char *bin(void)
{
    const char *b = getenv("LDRT_BIN");
    return b && *b ? b : "bin/ldrt";
}

/* Runs a shell command line; returns its exit status, stdout and stderr. */
static int sh(const char *cmdline, char **out, char **err)
{
    char cmd[4096], po[200], pe[200];
    snprintf(po, sizeof po, "%s/.out", tmp);
    snprintf(pe, sizeof pe, "%s/.err", tmp);
    snprintf(cmd, sizeof cmd, "%s >'%s' 2>'%s'", cmdline, po, pe);
    int st = system(cmd);
    ck_assert(WIFEXITED(st));
    *out = tu_slurp(po, NULL);
    *err = tu_slurp(pe, NULL);
    return WEXITSTATUS(st);
}

START_TEST(cli_import_study_export)
{
    make_tmp();
    char cmd[2048], *out, *err;
    snprintf(cmd, sizeof cmd, "'%s' import --sdtm '%s' --output '%s/docs'", bin(), pharmaverse(), tmp);
    ck_assert_int_eq(sh(cmd, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(err, "ldrt import: not mapped: DS ds.csv row 3 USUBJID 01-701-1015: "
                                      "DSDECOD 'COMPLETED': only the randomization (RANDOMIZED) is read\n"));
    ck_assert_ptr_nonnull(strstr(err, "26 subjects written to"));
    free(out);
    free(err);
    ldrt_patient *p = NULL;
    snprintf(cmd, sizeof cmd, "%s/docs/01-701-1015.json", tmp);
    tu_assert_ok(ldrt_patient_load_json(cmd, &p));
    ck_assert_str_eq(ldrt_patient_id(p), "01-701-1015");
    ldrt_patient_free(p);
    /* study: JSON, parsed back; stderr not a terminal: no progress. */
    snprintf(cmd, sizeof cmd, "'%s' study '%s' --criteria irecist --format json", bin(), pharmaverse());
    ck_assert_int_eq(sh(cmd, &out, &err), 0);
    ck_assert_ptr_null(strstr(err, "subjects "));
    ck_assert_ptr_null(strchr(err, '\r'));
    json_error_t je;
    json_t *root = json_loads(out, 0, &je);
    ck_assert_ptr_nonnull(root);
    ck_assert_str_eq(json_string_value(json_object_get(root, "criteria")), "irecist");
    ck_assert_uint_eq(json_array_size(json_object_get(root, "subjects")), 26);
    json_decref(root);
    free(out);
    free(err);
    /* CSV and text. */
    snprintf(cmd, sizeof cmd, "'%s' study '%s' --criteria recist1.1 --format csv --reference-date first-dose",
             bin(), pharmaverse());
    ck_assert_int_eq(sh(cmd, &out, &err), 0);
    ldrt__csv *c = NULL;
    tu_assert_ok(ldrt__csv_parse(out, strlen(out), "stdout", &c));
    ck_assert_uint_eq(c->rows, 26);
    ldrt__csv_free(c);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "'%s' study '%s' --criteria recist1.1 --reader 'INDEPENDENT ASSESSOR/RADIOLOGIST 1'",
             bin(), pharmaverse());
    ck_assert_int_eq(sh(cmd, &out, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "01-701-1028  best SD  confirmed SD  (measurements)\n"));
    free(out);
    free(err);
    /* Usage errors. */
    snprintf(cmd, sizeof cmd, "'%s' study '%s' --criteria recist1.1 --reference-date someday", bin(), pharmaverse());
    ck_assert_int_eq(sh(cmd, &out, &err), 2);
    ck_assert_ptr_nonnull(strstr(err, "--reference-date"));
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "'%s' study '%s' --criteria recist1.1 --reader NOBODY", bin(), pharmaverse());
    ck_assert_int_eq(sh(cmd, &out, &err), 1);
    ck_assert_ptr_nonnull(strstr(err, "reader 'NOBODY' has no rows"));
    free(out);
    free(err);
    /* export from the documents, then study on the export. */
    snprintf(cmd, sizeof cmd, "'%s' export --sdtm '%s/sdtm' --study-id X1 '%s'/docs/*.json", bin(), tmp, tmp);
    ck_assert_int_eq(sh(cmd, &out, &err), 0);
    free(out);
    free(err);
    snprintf(cmd, sizeof cmd, "'%s' study '%s/sdtm' --criteria recist1.1 --format json", bin(), tmp);
    ck_assert_int_eq(sh(cmd, &out, &err), 0);
    root = json_loads(out, 0, &je);
    ck_assert_ptr_nonnull(root);
    size_t k;
    json_t *s;
    json_array_foreach(json_object_get(root, "subjects"), k, s)
        ck_assert_uint_eq(json_array_size(json_object_get(s, "disagreements")), 0);
    json_decref(root);
    free(out);
    free(err);
    rm_tmp();
}
END_TEST

/* The progress line, on a pseudo-terminal as stderr. */
START_TEST(cli_study_progress_on_a_terminal)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    ck_assert_int_ge(m, 0);
    ck_assert_int_eq(grantpt(m), 0);
    ck_assert_int_eq(unlockpt(m), 0);
    const char *name = ptsname(m);
    ck_assert_ptr_nonnull(name);
    char slave[256];
    snprintf(slave, sizeof slave, "%s", name);
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int s = open(slave, O_RDWR);
        int devnull = open("/dev/null", O_WRONLY);
        if (s < 0 || devnull < 0)
            _exit(126);
        dup2(s, 2);
        dup2(devnull, 1);
        execl(bin(), bin(), "study", pharmaverse(), "--criteria", "recist1.1", (char *)NULL);
        _exit(127);
    }
    char buf[8192];
    size_t len = 0;
    for (;;) {
        ssize_t n = read(m, buf + len, sizeof buf - 1 - len);
        if (n <= 0)
            break; /* EIO once the child has closed the terminal */
        len += (size_t)n;
    }
    buf[len] = '\0';
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(m);
    ck_assert_msg(strstr(buf, "subjects 26/26") != NULL, "no progress in '%s'", buf);
    ck_assert_ptr_nonnull(strstr(buf, "/s"));
    ck_assert_ptr_nonnull(strstr(buf, "left"));
}
END_TEST

/* ---- under allocation failure ------------------------------------------------ */

/*
 * The audit and the export with one allocation failing at every index: each
 * call fails with LDRT_ENOMEM and an out-of-memory message (the helpers of
 * testutil check the message: a failure once lost it, erased with the
 * message of a look-up on the way out), or succeeds with the result of the
 * run without a failure, never a shorter one.
 */
typedef struct audit_arg {
    const ldrt_study *st;
    ldrt_criteria crit;
    char *json;     /* the reference rendering */
    char *got;
} audit_arg;

static int audit_fn(void *arg)
{
    audit_arg *a = arg;
    ldrt_study_audit *au = NULL;
    int rc = ldrt_study_audit_new(a->st, a->crit, &au);
    for (size_t i = 0; rc == LDRT_OK && i < ldrt_study_subject_count(a->st); i++)
        rc = ldrt_study_audit_add(au, i, NULL);
    if (rc == LDRT_OK)
        rc = ldrt_study_audit_render(au, LDRT_FORMAT_JSON, &a->got, NULL);
    ldrt_study_audit_free(au);
    return rc;
}

static int audit_check(void *arg)
{
    audit_arg *a = arg;
    return strcmp(a->got, a->json) != 0;
}

static void audit_cleanup(void *arg)
{
    audit_arg *a = arg;
    ldrt_free(a->got);
    a->got = NULL;
}

START_TEST(audit_allocation_failures)
{
    ldrt_study *st = read_study(pharmaverse(), NULL, LDRT_CRITERIA_IRECIST);
    audit_arg a = { st, LDRT_CRITERIA_IRECIST, NULL, NULL };
    tu_assert_ok(audit_fn(&a));
    a.json = a.got;
    a.got = NULL;
    ck_assert_ptr_nonnull(strstr(a.json, "01-701-1015"));
    long failures = 0;
    tu_alloc_install();
    long n = tu_alloc_fail_once_each(audit_fn, audit_check, audit_cleanup, &a, &failures);
    tu_alloc_uninstall();
    ck_assert_int_gt(n, 100);
    ck_assert_int_gt(failures, 0);
    ldrt_free(a.json);
    ldrt_study_free(st);
}
END_TEST

static const char *const sdtm_names[] = { "dm.csv", "ds.csv", "tu.csv", "tr.csv",
                                          "rs.csv", "ex.csv", "pr.csv", "ae.csv" };

typedef struct export_arg {
    const ldrt_study *st;
    char dir[160];
    char *want[8]; /* the files of the run without a failure */
} export_arg;

static int export_fn(void *arg)
{
    export_arg *a = arg;
    return ldrt_study_write_sdtm(a->st, a->dir, LDRT_CRITERIA_RECIST11, NULL);
}

static int export_check(void *arg)
{
    export_arg *a = arg;
    for (size_t k = 0; k < 8; k++) {
        char path[240];
        snprintf(path, sizeof path, "%s/%s", a->dir, sdtm_names[k]);
        char *t = tu_slurp(path, NULL);
        int differs = strcmp(t, a->want[k]) != 0;
        free(t);
        if (differs)
            return 1;
    }
    return 0;
}

static void export_cleanup(void *arg)
{
    export_arg *a = arg;
    for (size_t k = 0; k < 8; k++) {
        char path[240];
        snprintf(path, sizeof path, "%s/%s", a->dir, sdtm_names[k]);
        unlink(path);
    }
}

START_TEST(sdtm_write_allocation_failures)
{
    make_tmp();
    /* Three subjects: one with measurements, responses and disagreements,
     * the first of the study, and one without tumour data. */
    ldrt_study *all = read_study(pharmaverse(), NULL, LDRT_CRITERIA_RECIST11), *st = NULL;
    tu_assert_ok(ldrt_study_new(ldrt_study_id(all), &st));
    static const char *const ids[] = { "01-701-1015", "01-701-1115", "01-701-1130" };
    for (size_t k = 0; k < 3; k++) {
        ldrt_patient *p = NULL;
        char *doc = doc_of(subject(all, ids[k]));
        tu_assert_ok(ldrt_patient_load_json_buffer(doc, strlen(doc), &p));
        ldrt_free(doc);
        tu_assert_ok(ldrt_study_add_patient(st, p));
    }
    export_arg a = { .st = st };
    snprintf(a.dir, sizeof a.dir, "%s", tmp);
    tu_assert_ok(export_fn(&a));
    for (size_t k = 0; k < 8; k++) {
        char path[240];
        snprintf(path, sizeof path, "%s/%s", a.dir, sdtm_names[k]);
        a.want[k] = tu_slurp(path, NULL);
    }
    ck_assert_ptr_nonnull(strstr(a.want[4], "01-701-1015")); /* RS rows */
    export_cleanup(&a);
    long failures = 0;
    tu_alloc_install();
    long n = tu_alloc_fail_once_each(export_fn, export_check, export_cleanup, &a, &failures);
    tu_alloc_uninstall();
    ck_assert_int_gt(n, 50);
    ck_assert_int_gt(failures, 0);
    for (size_t k = 0; k < 8; k++)
        free(a.want[k]);
    ldrt_study_free(st);
    ldrt_study_free(all);
    rm_tmp();
}
END_TEST

static Suite *study_suite(void)
{
    Suite *s = suite_create("study");
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, csv_reads_rfc4180);
    tcase_add_test(tc, csv_refuses_bad_input);
    tcase_add_test(tc, csv_writer_quotes_and_reads_back);
    tcase_add_test(tc, csv_writer_keeps_empty_one_column_row);
    tcase_add_test(tc, csv_allocation_failures);
    suite_add_tcase(s, tc);
    tc = tcase_create("sdtm");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sdtm_reads_pharmaverse);
    tcase_add_test(tc, sdtm_reader_streams);
    tcase_add_test(tc, sdtm_unmapped_rows_named);
    tcase_add_test(tc, sdtm_round_trip);
    tcase_add_test(tc, sdtm_round_trip_all_kinds);
    suite_add_tcase(s, tc);
    tc = tcase_create("audit");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, audit_pharmaverse_recist);
    tcase_add_test(tc, audit_pharmaverse_irecist);
    tcase_add_test(tc, audit_finds_a_planted_disagreement);
    suite_add_tcase(s, tc);
    tc = tcase_create("allocation failures");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, audit_allocation_failures);
    tcase_add_test(tc, sdtm_write_allocation_failures);
    suite_add_tcase(s, tc);
    tc = tcase_create("cli");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, cli_import_study_export);
    tcase_add_test(tc, cli_study_progress_on_a_terminal);
    suite_add_tcase(s, tc);
    return s;
}

TU_MAIN(study_suite)
