/*
 * ldrt import / ldrt export: patient documents from and to other formats
 * (CDISC SDTM: one document per subject, named by its USUBJID).
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ldrt.h"
#include "ldrt_tool.h"

/* One "not mapped" line on stderr, its record text escaped for the
 * terminal; -1 (nothing printed) when memory ran out for the escaping: the
 * line is whole or absent, never printed with a part missing. */
static int put_unmapped(const char *cmd, const char *dom, const char *file, size_t row,
                        const char *uid, const char *why)
{
    char *safe[3] = { NULL, NULL, NULL };
    const char *text[3] = { file ? file : "", *uid ? uid : "(none)", why ? why : "" };
    int ok = 1;
    for (int k = 0; k < 3 && ok; k++)
        ok = ldrt_text_escape(text[k], LDRT_FORMAT_TEXT, &safe[k]) == LDRT_OK;
    if (ok)
        fprintf(stderr, "ldrt %s: not mapped: %s %s row %zu USUBJID %s: %s\n", cmd, dom, safe[0],
                row, safe[1], safe[2]);
    for (int k = 0; k < 3; k++)
        ldrt_free(safe[k]);
    return ok ? 0 : -1;
}

int tool_report_unmapped(const char *cmd, const ldrt_study *st, int each)
{
    size_t n = ldrt_study_unmapped_count(st);
    for (size_t i = 0; each && i < n; i++) {
        const char *dom = NULL, *file = NULL, *uid = NULL, *why = NULL;
        size_t row = 0;
        ldrt_study_unmapped_at(st, i, &dom, &file, &row, &uid, &why);
        if (put_unmapped(cmd, dom, file, row, uid ? uid : "", why) != 0) {
            fprintf(stderr, "ldrt %s: out of memory (listing the rows not mapped)\n", cmd);
            return EXIT_INVALID;
        }
    }
    if (n)
        fprintf(stderr, "ldrt %s: %zu row%s not mapped%s\n", cmd, n, n == 1 ? "" : "s",
                each ? "" : " (ldrt import lists them)");
    return EXIT_OK;
}

int tool_make_dir(const char *cmd, const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (S_ISDIR(sb.st_mode))
            return EXIT_OK;
        fprintf(stderr, "ldrt %s: %s: not a directory\n", cmd, dir);
        return EXIT_INVALID;
    }
    if (mkdir(dir, 0777) != 0) {
        fprintf(stderr, "ldrt %s: %s: cannot create the directory: %s\n", cmd, dir, strerror(errno));
        return EXIT_INVALID;
    }
    return EXIT_OK;
}

/* A file name for a USUBJID: letters, digits, '-', '_' and '.' kept, any
 * other byte as '_', never starting with '.'. */
static void file_stem(const char *id, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = id; *p && n + 1 < size; p++) {
        char c = *p;
        int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || (c == '.' && n > 0);
        out[n++] = ok ? c : '_';
    }
    out[n] = '\0';
}

static void import_usage(FILE *out)
{
    fprintf(out,
            "Usage: ldrt import --sdtm DIR --output OUTDIR [--reader READER]\n"
            "                   [--criteria recist1.1|irecist|percist1.0]\n"
            "\n"
            "Reads the CDISC SDTM domains of DIR (CSV files with the SDTM variable names:\n"
            "dm.csv, ds.csv, tu*.csv, tr*.csv, rs*.csv, ex.csv, pr.csv, ae.csv) and writes\n"
            "one patient document per subject in OUTDIR, named USUBJID.json (a byte other\n"
            "than a letter, digit, '-', '_' or '.' becomes '_'). Every row that cannot be\n"
            "mapped is listed on stderr with its domain, file, row and USUBJID.\n"
            "\n"
            "Options:\n"
            "  --sdtm DIR        the SDTM directory (required)\n"
            "  --output OUTDIR   where the documents go (created when absent; required)\n"
            "  --reader READER   the reader stream: EVAL or EVAL/EVALID of TUEVAL, TREVAL,\n"
            "                    RSEVAL (default INVESTIGATOR)\n"
            "  --criteria C      the criteria whose recorded responses (RS) are read (default recist1.1)\n"
            "\n"
            "Example:\n"
            "  ldrt import --sdtm tests/data/sdtm/pharmaverse --output subjects\n");
}

int tool_read_study(const char *cmd, const char *dir, const char *reader, const char *criteria,
                    ldrt_study **out)
{
    ldrt_criteria crit = LDRT_CRITERIA_RECIST11;
    if (criteria && ldrt_criteria_parse(criteria, &crit) != LDRT_OK)
        return tool_usage_error(cmd, "--criteria: unknown criteria '%s' (recist1.1, irecist or percist1.0)",
                                criteria);
    ldrt_sdtm_options *o = NULL;
    int rc = ldrt_sdtm_options_new(&o);
    if (rc == LDRT_OK && reader)
        rc = ldrt_sdtm_options_set_reader(o, reader);
    if (rc == LDRT_OK)
        rc = ldrt_sdtm_options_set_criteria(o, (ldrt_criteria)crit);
    if (rc == LDRT_OK)
        rc = ldrt_study_read_sdtm(dir, o, out);
    ldrt_sdtm_options_free(o);
    if (rc != LDRT_OK)
        return tool_file_error(cmd, dir);
    return EXIT_OK;
}

static int import_sdtm(const char *dir, const char *outdir, const char *reader, const char *criteria)
{
    ldrt_study *st = NULL;
    int status = tool_read_study("import", dir, reader, criteria, &st);
    if (status != EXIT_OK)
        return status;
    status = tool_report_unmapped("import", st, 1);
    if (status == EXIT_OK)
        status = tool_make_dir("import", outdir);
    size_t n = ldrt_study_subject_count(st);
    char **names = calloc(n ? n : 1, sizeof *names);
    if (!names) {
        fprintf(stderr, "ldrt import: out of memory\n");
        status = EXIT_INVALID;
    }
    for (size_t i = 0; i < n && status == EXIT_OK; i++) {
        const ldrt_patient *p = ldrt_study_patient_at(st, i);
        char stem[256];
        file_stem(ldrt_patient_id(p), stem, sizeof stem);
        size_t len = strlen(outdir) + strlen(stem) + 7;
        names[i] = malloc(len);
        if (!names[i]) {
            fprintf(stderr, "ldrt import: out of memory\n");
            status = EXIT_INVALID;
            break;
        }
        snprintf(names[i], len, "%s/%s.json", outdir, stem);
        for (size_t j = 0; j < i; j++)
            if (strcmp(names[j], names[i]) == 0) {
                fprintf(stderr, "ldrt import: subjects '%s' and '%s' would both be saved as %s\n",
                        ldrt_patient_id(ldrt_study_patient_at(st, j)), ldrt_patient_id(p), names[i]);
                status = EXIT_INVALID;
            }
        if (status == EXIT_OK && ldrt_patient_save_json(p, names[i]) != LDRT_OK)
            status = tool_file_error("import", names[i]);
    }
    if (status == EXIT_OK)
        fprintf(stderr, "ldrt import: %zu subject%s written to %s\n", n, n == 1 ? "" : "s", outdir);
    for (size_t i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
    ldrt_study_free(st);
    return status;
}

int cmd_import_sdtm(int argc, char **argv)
{
    const char *sdtm = NULL, *outdir = NULL, *reader = NULL, *criteria = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (tool_is_help(a)) {
            import_usage(stdout);
            return EXIT_OK;
        }
        if (strncmp(a, "--", 2) != 0)
            return tool_usage_error("import", "unexpected argument '%s'", a);
        if (i + 1 >= argc)
            return tool_usage_error("import", "%s needs a value", a);
        const char *v = argv[++i];
        if (strcmp(a, "--sdtm") == 0)
            sdtm = v;
        else if (strcmp(a, "--output") == 0)
            outdir = v;
        else if (strcmp(a, "--reader") == 0)
            reader = v;
        else if (strcmp(a, "--criteria") == 0)
            criteria = v;
        else
            return tool_usage_error("import", "unknown option '%s'", a);
    }
    if (!sdtm)
        return tool_usage_error("import", "missing the format: --sdtm DIR");
    if (!outdir)
        return tool_usage_error("import", "missing --output OUTDIR");
    return import_sdtm(sdtm, outdir, reader, criteria);
}

static void export_usage(FILE *out)
{
    fprintf(out,
            "Usage: ldrt export --sdtm DIR FILE... [--criteria recist1.1|irecist|percist1.0]\n"
            "                   [--study-id ID]\n"
            "\n"
            "Writes the patient documents FILE... (one per subject; the patient id is the\n"
            "USUBJID) as CDISC SDTM CSV files in DIR (created when absent): dm.csv, ds.csv,\n"
            "tu.csv, tr.csv, rs.csv, ex.csv, pr.csv, ae.csv. RS holds the overall response\n"
            "libldrt computes at every time point, the criteria in RSCAT.\n"
            "\n"
            "Options:\n"
            "  --sdtm DIR        the output directory (required)\n"
            "  --criteria C      the criteria of the RS rows (default recist1.1)\n"
            "  --study-id ID     STUDYID (default STUDY)\n"
            "\n"
            "Example:\n"
            "  ldrt export --sdtm sdtm-out examples/data/case-fong-2025.json\n");
}

int cmd_export_sdtm(int argc, char **argv)
{
    const char *sdtm = NULL, *criteria = NULL, *studyid = "STUDY";
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nfiles = 0;
    if (!files) {
        fprintf(stderr, "ldrt export: out of memory\n");
        return EXIT_INVALID;
    }
    int status = EXIT_OK;
    for (int i = 1; i < argc && status == EXIT_OK; i++) {
        const char *a = argv[i];
        if (tool_is_help(a)) {
            export_usage(stdout);
            free(files);
            return EXIT_OK;
        }
        if (strncmp(a, "--", 2) != 0) {
            files[nfiles++] = a;
            continue;
        }
        if (i + 1 >= argc) {
            status = tool_usage_error("export", "%s needs a value", a);
            break;
        }
        const char *v = argv[++i];
        if (strcmp(a, "--sdtm") == 0)
            sdtm = v;
        else if (strcmp(a, "--criteria") == 0)
            criteria = v;
        else if (strcmp(a, "--study-id") == 0)
            studyid = v;
        else
            status = tool_usage_error("export", "unknown option '%s'", a);
    }
    ldrt_criteria crit = LDRT_CRITERIA_RECIST11;
    if (status == EXIT_OK && !sdtm)
        status = tool_usage_error("export", "missing the format: --sdtm DIR");
    if (status == EXIT_OK && nfiles == 0)
        status = tool_usage_error("export", "missing FILE (one or more patient documents)");
    if (status == EXIT_OK && criteria && ldrt_criteria_parse(criteria, &crit) != LDRT_OK)
        status = tool_usage_error("export", "--criteria: unknown criteria '%s' (recist1.1, irecist or percist1.0)",
                                  criteria);
    if (status == EXIT_OK && !*studyid)
        status = tool_usage_error("export", "--study-id: must not be empty");
    if (status != EXIT_OK) {
        free(files);
        return status;
    }
    ldrt_study *st = NULL;
    if (ldrt_study_new(studyid, &st) != LDRT_OK) {
        free(files);
        return tool_file_error("export", sdtm);
    }
    for (size_t i = 0; i < nfiles && status == EXIT_OK; i++) {
        ldrt_patient *p = NULL;
        if (ldrt_patient_load_json(files[i], &p) != LDRT_OK ||
            ldrt_study_add_patient(st, p) != LDRT_OK) {
            ldrt_patient_free(p);
            status = tool_file_error("export", files[i]);
        }
    }
    if (status == EXIT_OK)
        status = tool_make_dir("export", sdtm);
    if (status == EXIT_OK && ldrt_study_write_sdtm(st, sdtm, (ldrt_criteria)crit, NULL) != LDRT_OK)
        status = tool_file_error("export", sdtm);
    ldrt_study_free(st);
    free(files);
    return status;
}
