/*
 * ldrt dose: BED and EQD2 of a schedule, and the dose table of a patient
 * document. Public API only; output is built in memory and printed only on
 * success, so nothing reaches stdout when a command fails.
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ldrt.h"
#include "ldrt_tool.h"

#define MAX_RATIOS 8
#define CMD "dose"

static void help(void)
{
    printf(
        "Usage: ldrt dose --total GY --fractions N (--ab GY | --preset NAME) [options]\n"
        "       ldrt dose FILE [--ab GY]... [--preset NAME]... [options]\n"
        "       ldrt dose --list-presets [--format text|json]\n"
        "\n"
        "BED and EQD2 of a schedule under a radiobiological model, with its regimen\n"
        "class; or, for a patient document, the physical dose, BED, EQD2 and class of\n"
        "every radiotherapy course and the cumulative dose of every irradiated lesion,\n"
        "the timing of each checkpoint inhibitor against each course, and RadScopal\n"
        "pairs.\n"
        "\n"
        "Schedule options:\n"
        "  --total GY            total physical dose\n"
        "  --fractions N         number of fractions, >= 1\n"
        "  --ab GY               alpha/beta of the tissue (FILE: repeatable; default 10 and 3)\n"
        "  --preset NAME         alpha/beta of a tissue preset (see --list-presets)\n"
        "  --model lq|lql|hrs|usc  linear-quadratic (default); LQ-L (Astrahan 2008);\n"
        "                        induced repair / low-dose hypersensitivity (Joiner & Marples);\n"
        "                        universal survival curve (Park 2008)\n"
        "  --transition GY       LQ-L transition dose (required with --model lql)\n"
        "  --alpha-ratio R       HRS alpha_s/alpha_r (default 3) and\n"
        "  --dc GY               HRS dc (default 0.25 Gy): the public voxel EQD2 tool's\n"
        "                        defaults; the primary source is not confirmed\n"
        "  --alpha A --d0 GY --dq GY  USC parameters (required with --model usc; the\n"
        "                        tissue alpha/beta follows from them)\n"
        "  --ref GY              also print EQDx for this reference dose per fraction\n"
        "Patient options:\n"
        "  --recovery none|fixed lesion sums without recovery (default), or with the\n"
        "                        fixed re-irradiation factors (0 / 0.25 / 0.5 by 6 and 12 months)\n"
        "  --window DAYS         checkpoint-inhibitor window (default 90: Anscher et al.,\n"
        "                        JAMA Oncol 2022)\n"
        "  --radscopal-window DAYS  list RadScopal pairs at most DAYS apart (no default:\n"
        "                        no published window is confirmed)\n"
        "Output:\n"
        "  --format text|json    (default text)\n"
        "\n"
        "Examples:\n"
        "  ldrt dose --total 10 --fractions 5 --ab 10\n"
        "  ldrt dose --total 40 --fractions 5 --preset melanoma --format json\n"
        "  ldrt dose --total 60 --fractions 3 --ab 10 --model lql --transition 6\n"
        "  ldrt dose --total 2 --fractions 4 --ab 10 --model hrs\n"
        "  ldrt dose --total 54 --fractions 3 --model usc --alpha 0.33 --d0 1.25 --dq 1.8\n"
        "  ldrt dose case.json --ab 10 --ab 3 --preset melanoma --radscopal-window 30\n"
        "\n"
        "Exit status: 0 success, 1 invalid input, 2 usage error.\n");
}

/* ---- growing output ------------------------------------------------------------- */

struct out {
    char *buf;
    size_t len;
    FILE *f;
};

static int out_open(struct out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    return o->f ? 0 : -1;
}

/* Prints the output on success; discards it otherwise. */
static int out_close(struct out *o, int status)
{
    fclose(o->f);
    if (status == EXIT_OK) fwrite(o->buf, 1, o->len, stdout);
    free(o->buf);
    return status;
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

static int fail(void)
{
    fprintf(stderr, "ldrt %s: %s\n", CMD, ldrt_last_error());
    return EXIT_INVALID;
}

/* An error of the patient table: names the file and, when known, the course
 * or lesion it was computed for. */
static int fail_at(const char *file, const char *kind, const char *name)
{
    if (kind)
        fprintf(stderr, "ldrt %s: %s: %s %s: %s\n", CMD, file, kind, name, ldrt_last_error());
    else
        fprintf(stderr, "ldrt %s: %s: %s\n", CMD, file, ldrt_last_error());
    return EXIT_INVALID;
}

static int parse_double(const char *opt, const char *s, double *v)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || errno == ERANGE || !isfinite(x))
        return tool_usage_error(CMD, "%s: not a number: '%s'", opt, s);
    *v = x;
    return 0;
}

static int parse_days(const char *opt, const char *s, int64_t *v)
{
    char *end;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno == ERANGE || x < 0)
        return tool_usage_error(CMD, "%s: not a number of days: '%s'", opt, s);
    *v = x;
    return 0;
}

/* ---- options ------------------------------------------------------------------------ */

struct ratio {
    double ab;
    char label[64];
};

struct opts {
    double total, fractions, transition, alpha_ratio, dc, ref, alpha, d0, dq;
    int have_total, have_fractions, have_transition, have_ref, have_alpha, have_d0, have_dq;
    const char *model; /* lq, lql, hrs */
    int json, list_presets;
    const char *file;
    struct ratio ratios[MAX_RATIOS];
    int n_ratios;
    int recovery;
    int64_t window, radscopal_window;
    int have_radscopal;
};

static int add_ratio(struct opts *o, double ab, const char *label)
{
    if (o->n_ratios >= MAX_RATIOS)
        return tool_usage_error(CMD, "at most %d --ab/--preset values", MAX_RATIOS);
    o->ratios[o->n_ratios].ab = ab;
    snprintf(o->ratios[o->n_ratios].label, sizeof o->ratios[0].label, "%s", label);
    o->n_ratios++;
    return 0;
}

/* An option that takes one number and may record that it was given. */
struct number_option {
    const char *name;
    double *value;
    int *given; /* NULL when the option has a default instead */
};

static const struct number_option *find_number_option(const struct number_option *t,
                                                      const char *name)
{
    for (; t->name; t++)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

static int parse(int argc, char **argv, struct opts *o)
{
    const struct number_option numbers[] = {
        { "--total", &o->total, &o->have_total },
        { "--fractions", &o->fractions, &o->have_fractions },
        { "--transition", &o->transition, &o->have_transition },
        { "--alpha-ratio", &o->alpha_ratio, NULL },
        { "--dc", &o->dc, NULL },
        { "--alpha", &o->alpha, &o->have_alpha },
        { "--d0", &o->d0, &o->have_d0 },
        { "--dq", &o->dq, &o->have_dq },
        { "--ref", &o->ref, &o->have_ref },
        { NULL, NULL, NULL },
    };
    memset(o, 0, sizeof *o);
    o->model = "lq";
    o->alpha_ratio = 3.0; /* voxel EQD2 tool default (see --help) */
    o->dc = 0.25;
    o->window = LDRT_ICI_WINDOW_DAYS;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int rc = 0;
#define NEED_VALUE()                                                          \
        do {                                                                  \
            if (v == NULL) return tool_usage_error(CMD, "%s needs a value", a); \
            i++;                                                              \
        } while (0)
        const struct number_option *num = find_number_option(numbers, a);
        if (num) {
            NEED_VALUE();
            rc = parse_double(a, v, num->value);
            if (num->given)
                *num->given = 1;
        } else if (strcmp(a, "--ab") == 0) {
            NEED_VALUE();
            double ab;
            if ((rc = parse_double(a, v, &ab)) == 0) {
                char label[64];
                snprintf(label, sizeof label, "a/b %g", ab);
                rc = add_ratio(o, ab, label);
            }
        } else if (strcmp(a, "--preset") == 0) {
            NEED_VALUE();
            size_t idx;
            double ab;
            const char *name;
            if (ldrt_tissue_find(v, &idx) != LDRT_OK ||
                ldrt_tissue_info(idx, &name, &ab, NULL, NULL, NULL, NULL) != LDRT_OK)
                return tool_usage_error(CMD, "--preset: no tissue preset '%s' (see --list-presets)", v);
            char label[64];
            snprintf(label, sizeof label, "%s (a/b %g)", name, ab);
            rc = add_ratio(o, ab, label);
        } else if (strcmp(a, "--model") == 0) {
            NEED_VALUE();
            if (strcmp(v, "lq") && strcmp(v, "lql") && strcmp(v, "hrs") && strcmp(v, "usc"))
                return tool_usage_error(CMD, "--model: must be lq, lql, hrs or usc (got '%s')", v);
            o->model = v;
        } else if (strcmp(a, "--format") == 0) {
            NEED_VALUE();
            if (strcmp(v, "text") == 0) o->json = 0;
            else if (strcmp(v, "json") == 0) o->json = 1;
            else return tool_usage_error(CMD, "--format: must be text or json (got '%s')", v);
        } else if (strcmp(a, "--recovery") == 0) {
            NEED_VALUE();
            if (strcmp(v, "none") == 0) o->recovery = LDRT_RECOVERY_NONE;
            else if (strcmp(v, "fixed") == 0) o->recovery = LDRT_RECOVERY_FIXED;
            else return tool_usage_error(CMD, "--recovery: must be none or fixed (got '%s')", v);
        } else if (strcmp(a, "--window") == 0) {
            NEED_VALUE();
            rc = parse_days(a, v, &o->window);
        } else if (strcmp(a, "--radscopal-window") == 0) {
            NEED_VALUE();
            rc = parse_days(a, v, &o->radscopal_window);
            o->have_radscopal = 1;
        } else if (strcmp(a, "--list-presets") == 0) {
            o->list_presets = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return tool_usage_error(CMD, "unknown option '%s'", a);
        } else if (o->file == NULL) {
            o->file = a;
        } else {
            return tool_usage_error(CMD, "unexpected argument '%s'", a);
        }
        if (rc) return rc;
#undef NEED_VALUE
    }
    return 0;
}

/* ---- presets -------------------------------------------------------------------------- */

static int list_presets(const struct opts *o)
{
    struct out out;
    if (out_open(&out)) return fail();
    FILE *f = out.f;
    size_t n = ldrt_tissue_count();
    if (o->json) fputs("[\n", f);
    else fprintf(f, "%-20s %8s %16s %-10s %s\n", "preset", "a/b Gy", "CI or range", "verified",
                 "source");
    for (size_t i = 0; i < n; i++) {
        const char *name, *cit;
        double ab, lo, hi, tk, tp, al;
        int ver;
        ldrt_tissue_info(i, &name, &ab, &lo, &hi, &cit, &ver);
        int kin = ldrt_tissue_kinetics(i, &tk, &tp, &al) == LDRT_OK;
        if (o->json) {
            fputs("  {\"name\": ", f);
            json_str(f, name);
            fprintf(f, ", \"alpha_beta_gy\": %g", ab);
            if (!isnan(lo)) fprintf(f, ", \"low_gy\": %g, \"high_gy\": %g", lo, hi);
            if (kin) fprintf(f, ", \"kickoff_days\": %g, \"tpot_days\": %g, \"alpha_per_gy\": %g",
                             tk, tp, al);
            fprintf(f, ", \"verified\": %s, \"citation\": ", ver ? "true" : "false");
            json_str(f, cit);
            fprintf(f, "}%s\n", i + 1 < n ? "," : "");
        } else {
            char range[32] = "-";
            if (!isnan(lo)) snprintf(range, sizeof range, "%g to %g", lo, hi);
            fprintf(f, "%-20s %8g %16s %-10s %s\n", name, ab, range, ver ? "yes" : "UNVERIFIED",
                    cit);
        }
    }
    if (o->json) fputs("]\n", f);
    return out_close(&out, EXIT_OK);
}

/* ---- one schedule --------------------------------------------------------------------- */

static void rules_text(FILE *f, unsigned rules, int json)
{
    int first = 1;
    if (json) fputc('[', f);
    for (unsigned bit = 1; bit <= LDRT_REGIMEN_RULE_SABR_UK; bit <<= 1) {
        if (!(rules & bit)) continue;
        if (json) {
            if (!first) fputs(", ", f);
            json_str(f, ldrt_regimen_rule_name(bit));
        } else {
            fprintf(f, "%s%s", first ? "" : ", ", ldrt_regimen_rule_name(bit));
        }
        first = 0;
    }
    if (json) fputc(']', f);
    else if (first) fputs("none", f);
}

static int schedule_usc(const struct opts *o)
{
    if (!o->have_alpha || !o->have_d0 || !o->have_dq)
        return tool_usage_error(CMD, "--model usc needs --alpha, --d0 and --dq");
    if (o->n_ratios != 0)
        return tool_usage_error(CMD, "--model usc derives alpha/beta: drop --ab/--preset");
    double dt, ab, bed, eqd2, sfed, eqdx = 0;
    int rc = ldrt_usc_params(o->alpha, o->d0, o->dq, &dt, &ab);
    if (!rc) rc = ldrt_usc_bed(o->total, o->fractions, o->alpha, o->d0, o->dq, &bed);
    if (!rc) rc = ldrt_usc_eqd(o->total, o->fractions, o->alpha, o->d0, o->dq, 2, &eqd2);
    if (!rc) rc = ldrt_usc_sfed(o->total, o->fractions, o->alpha, o->d0, o->dq, &sfed);
    if (!rc && o->have_ref)
        rc = ldrt_usc_eqd(o->total, o->fractions, o->alpha, o->d0, o->dq, o->ref, &eqdx);
    if (rc) return fail();
    int regimen = LDRT_REGIMEN_OTHER;
    unsigned rules = 0;
    if (ldrt_regimen_classify(o->total, o->fractions, &regimen, &rules) != LDRT_OK) return fail();
    struct out out;
    if (out_open(&out)) return fail();
    FILE *f = out.f;
    double d = o->total / o->fractions;
    if (o->json) {
        fprintf(f, "{\"total_gy\": %.10g, \"fractions\": %.10g, \"dose_per_fraction_gy\": %.10g, "
                   "\"model\": \"usc\", \"alpha_per_gy\": %.10g, \"d0_gy\": %.10g, "
                   "\"dq_gy\": %.10g, \"transition_dose_gy\": %.10g, \"alpha_beta_gy\": %.10g, "
                   "\"bed_gy\": %.10g, \"eqd2_gy\": %.10g, \"sfed_gy\": %.10g", o->total,
                o->fractions, d, o->alpha, o->d0, o->dq, dt, ab, bed, eqd2, sfed);
        if (o->have_ref) fprintf(f, ", \"eqdx_gy\": %.10g, \"ref_dose_per_fraction_gy\": %.10g", eqdx, o->ref);
        fprintf(f, ", \"regimen\": \"%s\", \"rules\": ", ldrt_regimen_name(regimen));
        rules_text(f, rules, 1);
        fputs("}\n", f);
    } else {
        fprintf(f, "Schedule: %g Gy in %g fractions (%g Gy per fraction)\n", o->total, o->fractions, d);
        fprintf(f, "Model:    USC (Park 2008), alpha %g /Gy, D0 %g Gy, Dq %g Gy: transition %.3f Gy, "
                   "a/b %.4f Gy\n", o->alpha, o->d0, o->dq, dt, ab);
        fprintf(f, "BED:      %.3f Gy\nEQD2:     %.3f Gy\nSFED:     %.3f Gy\n", bed, eqd2, sfed);
        if (o->have_ref) fprintf(f, "EQD%g:     %.3f Gy\n", o->ref, eqdx);
        fprintf(f, "Class:    %s (rules: ", ldrt_regimen_name(regimen));
        rules_text(f, rules, 0);
        fputs(")\n", f);
    }
    return out_close(&out, EXIT_OK);
}

static int schedule(const struct opts *o)
{
    if (!o->have_total || !o->have_fractions)
        return tool_usage_error(CMD, "give --total and --fractions (or a patient FILE)");
    if (strcmp(o->model, "usc") == 0) return schedule_usc(o);
    if (o->n_ratios != 1)
        return tool_usage_error(CMD, "give exactly one --ab or --preset for a schedule");
    int lql = strcmp(o->model, "lql") == 0, hrs = strcmp(o->model, "hrs") == 0;
    if (lql && !o->have_transition)
        return tool_usage_error(CMD, "--model lql needs --transition GY");
    double ab = o->ratios[0].ab, bed, eqd2, eqdx = 0, lq_bed, lq_eqd2;
    int rc;
    if (lql) {
        rc = ldrt_lql_bed(o->total, o->fractions, ab, o->transition, &bed);
        if (!rc) rc = ldrt_lql_eqd(o->total, o->fractions, ab, o->transition, 2, &eqd2);
        if (!rc && o->have_ref) rc = ldrt_lql_eqd(o->total, o->fractions, ab, o->transition, o->ref, &eqdx);
    } else if (hrs) {
        rc = ldrt_hrs_bed(o->total, o->fractions, ab, o->alpha_ratio, o->dc, &bed);
        if (!rc) rc = ldrt_hrs_eqd(o->total, o->fractions, ab, o->alpha_ratio, o->dc, 2, &eqd2);
        if (!rc && o->have_ref) rc = ldrt_hrs_eqd(o->total, o->fractions, ab, o->alpha_ratio, o->dc, o->ref, &eqdx);
    } else {
        rc = ldrt_lq_bed(o->total, o->fractions, ab, &bed);
        if (!rc) rc = ldrt_lq_eqd2(o->total, o->fractions, ab, &eqd2);
        if (!rc && o->have_ref) rc = ldrt_lq_eqd(o->total, o->fractions, ab, o->ref, &eqdx);
    }
    if (!rc) rc = ldrt_lq_bed(o->total, o->fractions, ab, &lq_bed);
    if (!rc) rc = ldrt_lq_eqd2(o->total, o->fractions, ab, &lq_eqd2);
    if (rc) return fail();
    /* A schedule is whole fractions: fewer than one is refused here (the
     * models accept any n > 0 as an analytic extension). */
    int regimen = LDRT_REGIMEN_OTHER;
    unsigned rules = 0;
    if (ldrt_regimen_classify(o->total, o->fractions, &regimen, &rules) != LDRT_OK) return fail();
    struct out out;
    if (out_open(&out)) return fail();
    FILE *f = out.f;
    double d = o->total / o->fractions;
    if (o->json) {
        fprintf(f, "{\"total_gy\": %.10g, \"fractions\": %.10g, \"dose_per_fraction_gy\": %.10g, "
                   "\"model\": \"%s\", \"alpha_beta_gy\": %.10g", o->total, o->fractions, d,
                o->model, ab);
        if (lql) fprintf(f, ", \"transition_dose_gy\": %.10g", o->transition);
        if (hrs) fprintf(f, ", \"alpha_ratio\": %.10g, \"dc_gy\": %.10g", o->alpha_ratio, o->dc);
        fprintf(f, ", \"bed_gy\": %.10g, \"eqd2_gy\": %.10g", bed, eqd2);
        if (o->have_ref) fprintf(f, ", \"eqdx_gy\": %.10g, \"ref_dose_per_fraction_gy\": %.10g", eqdx, o->ref);
        if (lql || hrs) fprintf(f, ", \"lq_bed_gy\": %.10g, \"lq_eqd2_gy\": %.10g", lq_bed, lq_eqd2);
        fprintf(f, ", \"regimen\": \"%s\", \"rules\": ", ldrt_regimen_name(regimen));
        rules_text(f, rules, 1);
        fputs("}\n", f);
    } else {
        fprintf(f, "Schedule: %g Gy in %g fractions (%g Gy per fraction)\n", o->total,
                o->fractions, d);
        fprintf(f, "Model:    %s, %s", lql ? "LQ-L (Astrahan 2008)" : hrs ? "induced repair (HRS)" : "LQ",
                o->ratios[0].label);
        if (lql) fprintf(f, ", transition %g Gy", o->transition);
        if (hrs) fprintf(f, ", alpha_s/alpha_r %g, dc %g Gy", o->alpha_ratio, o->dc);
        fprintf(f, "\nBED:      %.3f Gy\nEQD2:     %.3f Gy\n", bed, eqd2);
        if (o->have_ref) fprintf(f, "EQD%g:     %.3f Gy\n", o->ref, eqdx);
        if (lql || hrs) fprintf(f, "Plain LQ: BED %.3f Gy, EQD2 %.3f Gy\n", lq_bed, lq_eqd2);
        fprintf(f, "Class:    %s (rules: ", ldrt_regimen_name(regimen));
        rules_text(f, rules, 0);
        fputs(")\n", f);
    }
    return out_close(&out, EXIT_OK);
}

/* ---- a patient document ------------------------------------------------------------------ */

static const char *course_name(const ldrt_event *e, char *buf, size_t size, size_t index)
{
    const char *id = ldrt_event_text(e, LDRT_FIELD_COURSE_ID);
    if (id) return id;
    snprintf(buf, size, "course-%zu", index + 1);
    return buf;
}

/* Distinct checkpoint inhibitors given to the patient, in first-seen order. */
static size_t ici_drugs(const ldrt_patient *p, const char **drugs, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        for (size_t k = 0; k < ldrt_systemic_agent_count(ldrt_event_as_systemic(e)); k++) {
            const char *d = ldrt_systemic_agent_drug(ldrt_event_as_systemic(e), k);
            if (!ldrt_drug_is_checkpoint_inhibitor(d)) continue;
            size_t j = 0;
            while (j < n && strcmp(drugs[j], d) != 0) j++;
            if (j == n && n < max) drugs[n++] = d;
        }
    }
    return n;
}

static int patient_table(struct opts *o)
{
    if (o->have_total || o->have_fractions)
        return tool_usage_error(CMD, "--total/--fractions do not apply to a patient FILE");
    if (strcmp(o->model, "lq") != 0)
        return tool_usage_error(CMD, "a patient FILE uses the LQ model of the real fractions");
    if (o->n_ratios == 0) {
        add_ratio(o, 10, "a/b 10");
        add_ratio(o, 3, "a/b 3");
    }
    ldrt_patient *p = NULL;
    if (ldrt_patient_load_json(o->file, &p) != LDRT_OK) return tool_file_error(CMD, o->file);
    struct out out;
    if (out_open(&out)) {
        ldrt_patient_free(p);
        return fail();
    }
    FILE *f = out.f;
    int status = EXIT_OK;
    const char *drugs[16];
    size_t n_drugs = ici_drugs(p, drugs, 16);
    char nb[32];
    size_t n_courses = 0;

    /* Courses. */
    if (o->json) {
        fputs("{\"patient\": ", f);
        json_str(f, ldrt_patient_id(p));
        fputs(", \"alpha_beta_gy\": [", f);
        for (int r = 0; r < o->n_ratios; r++) fprintf(f, "%s%g", r ? ", " : "", o->ratios[r].ab);
        fputs("], \"courses\": [", f);
    } else {
        fprintf(f, "Patient %s\n\nCourses\n", ldrt_patient_id(p));
        fprintf(f, "  %-14s %-10s %-10s %4s %8s %8s %-16s", "course", "first", "last", "fx",
                "total Gy", "Gy/fx", "class");
        for (int r = 0; r < o->n_ratios; r++) fprintf(f, " EQD2[%s]", o->ratios[r].label);
        fputs("  targets\n", f);
    }
    for (size_t i = 0; i < ldrt_patient_event_count(p) && status == EXIT_OK; i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        if (ldrt_event_type(e) != LDRT_EVENT_RADIOTHERAPY || ldrt_course_fraction_count(ldrt_event_as_course(e)) == 0)
            continue;
        const char *name = course_name(e, nb, sizeof nb, n_courses);
        ldrt_date first, last;
        double total, mean;
        int regimen;
        unsigned rules;
        char d0[LDRT_DATE_BUFSIZE], d1[LDRT_DATE_BUFSIZE];
        if (ldrt_course_fraction_dates(ldrt_event_as_course(e), &first, &last) || ldrt_date_format(first, d0, sizeof d0) ||
            ldrt_date_format(last, d1, sizeof d1) || ldrt_course_dose(ldrt_event_as_course(e), 10, &total, NULL, NULL) ||
            ldrt_course_dose_per_fraction_gy(ldrt_event_as_course(e), &mean, NULL) ||
            ldrt_course_classify(ldrt_event_as_course(e), &regimen, &rules)) {
            status = fail_at(o->file, "course", name);
            break;
        }
        double eqd2[MAX_RATIOS], bed[MAX_RATIOS];
        for (int r = 0; r < o->n_ratios && status == EXIT_OK; r++)
            if (ldrt_course_dose(ldrt_event_as_course(e), o->ratios[r].ab, NULL, &bed[r], &eqd2[r])) status = fail_at(o->file, "course", name);
        if (status != EXIT_OK) break;
        if (o->json) {
            fprintf(f, "%s\n  {\"course\": ", n_courses ? "," : "");
            json_str(f, name);
            fprintf(f, ", \"first\": \"%s\", \"last\": \"%s\", \"fractions\": %zu, "
                       "\"total_gy\": %.10g, \"mean_dose_per_fraction_gy\": %.10g, "
                       "\"regimen\": \"%s\", \"rules\": ", d0, d1, ldrt_course_fraction_count(ldrt_event_as_course(e)),
                    total, mean, ldrt_regimen_name(regimen));
            rules_text(f, rules, 1);
            fputs(", \"bed_gy\": [", f);
            for (int r = 0; r < o->n_ratios; r++) fprintf(f, "%s%.10g", r ? ", " : "", bed[r]);
            fputs("], \"eqd2_gy\": [", f);
            for (int r = 0; r < o->n_ratios; r++) fprintf(f, "%s%.10g", r ? ", " : "", eqd2[r]);
            fputs("], \"targets\": [", f);
            for (size_t t = 0; t < ldrt_course_target_count(ldrt_event_as_course(e)); t++) {
                if (t) fputs(", ", f);
                json_str(f, ldrt_lesion_id(ldrt_course_target_at(ldrt_event_as_course(e), t)));
            }
            fputs("], \"immunotherapy\": [", f);
        } else {
            fprintf(f, "  %-14s %-10s %-10s %4zu %8.2f %8.2f %-16s", name, d0, d1,
                    ldrt_course_fraction_count(ldrt_event_as_course(e)), total, mean, ldrt_regimen_name(regimen));
            for (int r = 0; r < o->n_ratios; r++)
                fprintf(f, " %*.2f", (int)strlen(o->ratios[r].label) + 6, eqd2[r]);
            fputs("  ", f);
            for (size_t t = 0; t < ldrt_course_target_count(ldrt_event_as_course(e)); t++)
                fprintf(f, "%s%s", t ? "," : "", ldrt_lesion_id(ldrt_course_target_at(ldrt_event_as_course(e), t)));
            fputc('\n', f);
        }
        for (size_t k = 0; k < n_drugs; k++) {
            int64_t since, until;
            int timing;
            if (ldrt_course_drug_timing(p, ldrt_event_as_course(e), drugs[k], o->window, &since, &until, &timing)) {
                status = fail_at(o->file, "course", name);
                break;
            }
            if (o->json) {
                fprintf(f, "%s{\"drug\": ", k ? ", " : "");
                json_str(f, drugs[k]);
                fprintf(f, ", \"days_since_previous\": %lld, \"days_until_next\": %lld, "
                           "\"timing\": \"%s\"}", (long long)since, (long long)until,
                        ldrt_drug_timing_name(timing));
            } else {
                char s1[24] = "-", s2[24] = "-";
                if (since >= 0) snprintf(s1, sizeof s1, "%lld d", (long long)since);
                if (until >= 0) snprintf(s2, sizeof s2, "%lld d", (long long)until);
                fprintf(f, "      %-14s previous %-8s next %-8s %s (window %lld d)\n", drugs[k],
                        s1, s2, ldrt_drug_timing_name(timing), (long long)o->window);
            }
        }
        if (o->json) fputs("]}", f);
        n_courses++;
    }

    /* Lesions. */
    if (status == EXIT_OK) {
        if (o->json) fputs("\n], \"lesions\": [", f);
        else {
            fprintf(f, "\nLesions (cumulative, recovery %s)\n  %-22s %7s %8s",
                    o->recovery == LDRT_RECOVERY_FIXED ? "fixed" : "none", "lesion", "courses",
                    "total Gy");
            for (int r = 0; r < o->n_ratios; r++) fprintf(f, " EQD2[%s]", o->ratios[r].label);
            fputc('\n', f);
        }
        size_t shown = 0;
        for (size_t i = 0; i < ldrt_patient_lesion_count(p) && status == EXIT_OK; i++) {
            const ldrt_lesion *l = ldrt_patient_lesion_at(p, i);
            double total, eqd2[MAX_RATIOS];
            size_t nc;
            if (ldrt_lesion_dose(p, l, o->ratios[0].ab, o->recovery, &total, NULL, NULL, &nc)) {
                status = fail_at(o->file, "lesion", ldrt_lesion_id(l));
                break;
            }
            if (nc == 0) continue;
            for (int r = 0; r < o->n_ratios && status == EXIT_OK; r++)
                if (ldrt_lesion_dose(p, l, o->ratios[r].ab, o->recovery, NULL, NULL, &eqd2[r], NULL))
                    status = fail_at(o->file, "lesion", ldrt_lesion_id(l));
            if (status != EXIT_OK) break;
            if (o->json) {
                fprintf(f, "%s\n  {\"lesion\": ", shown ? "," : "");
                json_str(f, ldrt_lesion_id(l));
                fprintf(f, ", \"courses\": %zu, \"total_gy\": %.10g, \"eqd2_gy\": [", nc, total);
                for (int r = 0; r < o->n_ratios; r++) fprintf(f, "%s%.10g", r ? ", " : "", eqd2[r]);
                fputs("]}", f);
            } else {
                fprintf(f, "  %-22s %7zu %8.2f", ldrt_lesion_id(l), nc, total);
                for (int r = 0; r < o->n_ratios; r++)
                    fprintf(f, " %*.2f", (int)strlen(o->ratios[r].label) + 6, eqd2[r]);
                fputc('\n', f);
            }
            shown++;
        }
        if (o->json) fprintf(f, "\n], \"recovery\": \"%s\", \"ici_window_days\": %lld",
                             o->recovery == LDRT_RECOVERY_FIXED ? "fixed" : "none",
                             (long long)o->window);
    }

    /* RadScopal. */
    if (status == EXIT_OK && o->have_radscopal) {
        const ldrt_course **hi = NULL, **lo = NULL;
        size_t np = 0;
        if (ldrt_patient_radscopal(p, o->radscopal_window, &hi, &lo, &np)) {
            status = fail_at(o->file, NULL, NULL);
        } else {
            char b1[32], b2[32];
            if (o->json) fprintf(f, ", \"radscopal_window_days\": %lld, \"radscopal\": [",
                                 (long long)o->radscopal_window);
            else fprintf(f, "\nRadScopal pairs (window %lld days): %zu\n",
                         (long long)o->radscopal_window, np);
            for (size_t k = 0; k < np; k++) {
                const char *h = course_name(ldrt_course_as_event(hi[k]), b1, sizeof b1, 0);
                const char *l = course_name(ldrt_course_as_event(lo[k]), b2, sizeof b2, 0);
                if (o->json) {
                    fprintf(f, "%s{\"high\": ", k ? ", " : "");
                    json_str(f, h);
                    fputs(", \"low\": ", f);
                    json_str(f, l);
                    fputc('}', f);
                } else {
                    fprintf(f, "  high-dose %s with low-dose %s\n", h, l);
                }
            }
            if (o->json) fputc(']', f);
            ldrt_free(hi);
            ldrt_free(lo);
        }
    }
    if (status == EXIT_OK && o->json) fputs("}\n", f);
    ldrt_patient_free(p);
    return out_close(&out, status);
}

int cmd_dose(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (tool_is_help(argv[i])) {
            help();
            return EXIT_OK;
        }
    struct opts o;
    int rc = parse(argc, argv, &o);
    if (rc) return rc;
    if (o.list_presets) return list_presets(&o);
    if (o.file) return patient_table(&o);
    return schedule(&o);
}
