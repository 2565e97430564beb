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

#include <jansson.h>

#include "ldrt.h"
#include "ldrt_tool.h"

#define MAX_RATIOS 8
#define CMD "dose"

static void help(void)
{
    printf(
        "Usage: ldrt dose --total GY --fractions N (--ab GY | --preset NAME) [options]\n"
        "       ldrt dose FILE [--ab GY]... [--preset NAME]... [options]\n"
        "       ldrt dose --list-presets [--format text|markdown|json]\n"
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
        "  --format text|markdown|json  (default text; Markdown: a list for a schedule,\n"
        "                        headings and tables for a document)\n"
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
    int markdown; /* 1: "Label: value" lines as a list; 2: the text in a code block */
};

static int out_open(struct out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->markdown = 0;
    o->f = open_memstream(&o->buf, &o->len);
    return o->f ? 0 : -1;
}

/* Markdown of the text output: "Label:    value" lines become a list of
 * "- **Label:** value"; an aligned table goes in a code block. */
static void write_markdown(const char *text, int mode)
{
    if (mode == 2) {
        printf("```text\n%s```\n", text);
        return;
    }
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        const char *colon = memchr(line, ':', len);
        if (colon && colon > line) {
            const char *v = colon + 1;
            while (*v == ' ')
                v++;
            printf("- **%.*s:** %.*s\n", (int)(colon - line), line, (int)(len - (size_t)(v - line)), v);
        } else {
            printf("%.*s\n", (int)len, line);
        }
        line += len + (nl ? 1 : 0);
    }
}

/* Prints the output on success; discards it otherwise. */
static int out_close(struct out *o, int status)
{
    if (fclose(o->f) != 0 && status == EXIT_OK) {
        fprintf(stderr, "ldrt %s: out of memory\n", CMD);
        status = EXIT_INVALID;
    }
    if (status == EXIT_OK && o->markdown)
        write_markdown(o->buf ? o->buf : "", o->markdown);
    else if (status == EXIT_OK)
        fwrite(o->buf, 1, o->len, stdout);
    free(o->buf);
    return status;
}

/* ---- JSON (through jansson: never written by hand) and escaped text -------------- */

/* A number: an integer when it is one, null when it is not finite. */
static json_t *jnum(double v)
{
    if (!isfinite(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* obj[key] = v (stolen); a failure (NULL v, no memory) is remembered in *bad.
 * After a failure nothing is added any more, v is only released: jansson
 * frees a value it could not add, and a container that was that value must
 * not be written into. */
static void jset(json_t *obj, const char *key, json_t *v, int *bad)
{
    if (*bad || !obj || !v) {
        json_decref(v);
        *bad = 1;
    } else if (json_object_set_new(obj, key, v)) {
        *bad = 1;
    }
}

static void jpush(json_t *arr, json_t *v, int *bad)
{
    if (*bad || !arr || !v) {
        json_decref(v);
        *bad = 1;
    } else if (json_array_append_new(arr, v)) {
        *bad = 1;
    }
}

/* Where json_dump_callback() writes, with a failure that sticks: jansson
 * 2.14 ignores a failed write of an object's key and goes on, which would
 * leave a member without its key in the output. */
struct jsink {
    FILE *f;
    int failed;
};

static int jsink_write(const char *buffer, size_t size, void *data)
{
    struct jsink *s = data;
    if (s->failed || fwrite(buffer, 1, size, s->f) != size)
        s->failed = 1;
    return s->failed ? -1 : 0;
}

/* Writes the document (10 significant digits, as the text) and frees it. */
static int jwrite(FILE *f, json_t *root, int bad, size_t indent)
{
    struct jsink sink = { f, bad };
    if (!bad &&
        json_dump_callback(root, jsink_write, &sink, JSON_REAL_PRECISION(10) | JSON_INDENT(indent)))
        sink.failed = 1;
    json_decref(root);
    if (sink.failed || fputc('\n', f) == EOF)
        return -1;
    return 0;
}

/* Record text escaped for a terminal (ldrt_text_escape()); the result lives
 * until eight more calls. */
static int esc_failed;
static ldrt_format esc_format = LDRT_FORMAT_TEXT; /* Markdown: table cells */
static char *ring[8];
static const char *esc(const char *s)
{
    static unsigned next;
    unsigned k = next++ % 8;
    ldrt_free(ring[k]);
    ring[k] = NULL;
    if (!s)
        return "";
    if (ldrt_text_escape(s, esc_format, &ring[k]) != LDRT_OK) {
        esc_failed = 1;
        return "?";
    }
    return ring[k];
}

/* Frees what esc() keeps (at the end of the command). */
static void esc_release(void)
{
    for (size_t k = 0; k < sizeof ring / sizeof ring[0]; k++) {
        ldrt_free(ring[k]);
        ring[k] = NULL;
    }
}

static int fail(void)
{
    fprintf(stderr, "ldrt %s: %s\n", CMD, ldrt_last_error());
    return EXIT_INVALID;
}

/* An error of the patient table: names the file and, when known, the course
 * or lesion it was computed for (escaped for the terminal). */
static int fail_at(const char *file, const char *kind, const char *name)
{
    char *safe = NULL;
    const char *msg = ldrt_text_escape(ldrt_last_error(), LDRT_FORMAT_TEXT, &safe) == LDRT_OK
                          ? safe : "out of memory";
    if (kind)
        fprintf(stderr, "ldrt %s: %s: %s %s: %s\n", CMD, file, kind, esc(name), msg);
    else
        fprintf(stderr, "ldrt %s: %s: %s\n", CMD, file, msg);
    ldrt_free(safe);
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
    int json, markdown, list_presets;
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
            o->json = o->markdown = 0;
            if (strcmp(v, "text") == 0) o->json = 0;
            else if (strcmp(v, "json") == 0) o->json = 1;
            else if (strcmp(v, "markdown") == 0) o->markdown = 1;
            else return tool_usage_error(CMD, "--format: must be text, markdown or json (got '%s')", v);
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
    /* A schedule is whole fractions (the models' analytic extension to any
     * n > 0 stays in the C API). */
    if (o->have_fractions &&
        (o->fractions < 1 || o->fractions > LDRT_MAX_FRACTIONS || o->fractions != floor(o->fractions)))
        return tool_usage_error(CMD, "--fractions: a whole number from 1 to %d (got %g)",
                                LDRT_MAX_FRACTIONS, o->fractions);
    return 0;
}

/* ---- presets -------------------------------------------------------------------------- */

static int list_presets(const struct opts *o)
{
    struct out out;
    if (out_open(&out)) return fail();
    out.markdown = o->markdown ? 2 : 0;
    FILE *f = out.f;
    size_t n = ldrt_tissue_count();
    json_t *arr = o->json ? json_array() : NULL;
    int bad = o->json && !arr;
    if (!o->json)
        fprintf(f, "%-20s %8s %16s %-10s %s\n", "preset", "a/b Gy", "CI or range", "verified",
                "source");
    for (size_t i = 0; i < n; i++) {
        const char *name, *cit;
        double ab, lo, hi, tk, tp, al;
        int ver;
        ldrt_tissue_info(i, &name, &ab, &lo, &hi, &cit, &ver);
        int kin = ldrt_tissue_kinetics(i, &tk, &tp, &al) == LDRT_OK;
        if (o->json) {
            json_t *e = json_object();
            jpush(arr, e, &bad);
            jset(e, "name", json_string(name), &bad);
            jset(e, "alpha_beta_gy", jnum(ab), &bad);
            if (!isnan(lo)) {
                jset(e, "low_gy", jnum(lo), &bad);
                jset(e, "high_gy", jnum(hi), &bad);
            }
            if (kin) {
                jset(e, "kickoff_days", jnum(tk), &bad);
                jset(e, "tpot_days", jnum(tp), &bad);
                jset(e, "alpha_per_gy", jnum(al), &bad);
            }
            jset(e, "verified", json_boolean(ver), &bad);
            jset(e, "citation", json_string(cit ? cit : ""), &bad);
        } else {
            char range[64] = "-";
            if (!isnan(lo)) snprintf(range, sizeof range, "%g to %g", lo, hi);
            fprintf(f, "%-20s %8g %16s %-10s %s\n", name, ab, range, ver ? "yes" : "UNVERIFIED",
                    cit);
        }
    }
    if (o->json && jwrite(f, arr, bad, 2)) {
        fprintf(stderr, "ldrt %s: out of memory\n", CMD);
        return out_close(&out, EXIT_INVALID);
    }
    return out_close(&out, EXIT_OK);
}

/* ---- one schedule --------------------------------------------------------------------- */

static void rules_text(FILE *f, unsigned rules)
{
    int first = 1;
    for (unsigned bit = 1; bit <= LDRT_REGIMEN_RULE_SABR_UK; bit <<= 1) {
        if (!(rules & bit)) continue;
        fprintf(f, "%s%s", first ? "" : ", ", ldrt_regimen_rule_name(bit));
        first = 0;
    }
    if (first) fputs("none", f);
}

static json_t *rules_json(unsigned rules, int *bad)
{
    json_t *arr = json_array();
    if (!arr)
        *bad = 1;
    for (unsigned bit = 1; arr && bit <= LDRT_REGIMEN_RULE_SABR_UK; bit <<= 1)
        if (rules & bit)
            jpush(arr, json_string(ldrt_regimen_rule_name(bit)), bad);
    return arr;
}

/* The one rule for absurd but finite doses (ldrt/limits.h): a total above
 * LDRT_MAX_DOSE_GY is refused, as a record refuses such a prescription. */
static int check_total(const struct opts *o)
{
    if (o->total > LDRT_MAX_DOSE_GY) {
        fprintf(stderr, "ldrt %s: --total: must be at most %g Gy (got %g)\n", CMD,
                LDRT_MAX_DOSE_GY, o->total);
        return EXIT_INVALID;
    }
    return EXIT_OK;
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
    ldrt_regimen regimen = LDRT_REGIMEN_OTHER;
    unsigned rules = 0;
    if (ldrt_regimen_classify(o->total, o->fractions, &regimen, &rules) != LDRT_OK) return fail();
    struct out out;
    if (out_open(&out)) return fail();
    out.markdown = o->markdown ? 1 : 0;
    FILE *f = out.f;
    double d = o->total / o->fractions;
    if (o->json) {
        int bad = 0;
        json_t *r = json_object();
        jset(r, "total_gy", jnum(o->total), &bad);
        jset(r, "fractions", jnum(o->fractions), &bad);
        jset(r, "dose_per_fraction_gy", jnum(d), &bad);
        jset(r, "model", json_string("usc"), &bad);
        jset(r, "alpha_per_gy", jnum(o->alpha), &bad);
        jset(r, "d0_gy", jnum(o->d0), &bad);
        jset(r, "dq_gy", jnum(o->dq), &bad);
        jset(r, "transition_dose_gy", jnum(dt), &bad);
        jset(r, "alpha_beta_gy", jnum(ab), &bad);
        jset(r, "bed_gy", jnum(bed), &bad);
        jset(r, "eqd2_gy", jnum(eqd2), &bad);
        jset(r, "sfed_gy", jnum(sfed), &bad);
        if (o->have_ref) {
            jset(r, "eqdx_gy", jnum(eqdx), &bad);
            jset(r, "ref_dose_per_fraction_gy", jnum(o->ref), &bad);
        }
        jset(r, "regimen", json_string(ldrt_regimen_name(regimen)), &bad);
        jset(r, "rules", rules_json(rules, &bad), &bad);
        if (jwrite(f, r, bad, 0)) {
            fprintf(stderr, "ldrt %s: out of memory\n", CMD);
            return out_close(&out, EXIT_INVALID);
        }
    } else {
        fprintf(f, "Schedule: %g Gy in %g fractions (%g Gy per fraction)\n", o->total, o->fractions, d);
        fprintf(f, "Model:    USC (Park 2008), alpha %g /Gy, D0 %g Gy, Dq %g Gy: transition %.3f Gy, "
                   "a/b %.4f Gy\n", o->alpha, o->d0, o->dq, dt, ab);
        fprintf(f, "BED:      %.3f Gy\nEQD2:     %.3f Gy\nSFED:     %.3f Gy\n", bed, eqd2, sfed);
        if (o->have_ref) fprintf(f, "EQD%g:     %.3f Gy\n", o->ref, eqdx);
        fprintf(f, "Class:    %s (rules: ", ldrt_regimen_name(regimen));
        rules_text(f, rules);
        fputs(")\n", f);
    }
    return out_close(&out, EXIT_OK);
}

static int schedule(const struct opts *o)
{
    if (!o->have_total || !o->have_fractions)
        return tool_usage_error(CMD, "give --total and --fractions (or a patient FILE)");
    if (check_total(o) != EXIT_OK)
        return EXIT_INVALID;
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
    ldrt_regimen regimen = LDRT_REGIMEN_OTHER;
    unsigned rules = 0;
    if (ldrt_regimen_classify(o->total, o->fractions, &regimen, &rules) != LDRT_OK) return fail();
    struct out out;
    if (out_open(&out)) return fail();
    out.markdown = o->markdown ? 1 : 0;
    FILE *f = out.f;
    double d = o->total / o->fractions;
    if (o->json) {
        int bad = 0;
        json_t *r = json_object();
        jset(r, "total_gy", jnum(o->total), &bad);
        jset(r, "fractions", jnum(o->fractions), &bad);
        jset(r, "dose_per_fraction_gy", jnum(d), &bad);
        jset(r, "model", json_string(o->model), &bad);
        jset(r, "alpha_beta_gy", jnum(ab), &bad);
        if (lql)
            jset(r, "transition_dose_gy", jnum(o->transition), &bad);
        if (hrs) {
            jset(r, "alpha_ratio", jnum(o->alpha_ratio), &bad);
            jset(r, "dc_gy", jnum(o->dc), &bad);
        }
        jset(r, "bed_gy", jnum(bed), &bad);
        jset(r, "eqd2_gy", jnum(eqd2), &bad);
        if (o->have_ref) {
            jset(r, "eqdx_gy", jnum(eqdx), &bad);
            jset(r, "ref_dose_per_fraction_gy", jnum(o->ref), &bad);
        }
        if (lql || hrs) {
            jset(r, "lq_bed_gy", jnum(lq_bed), &bad);
            jset(r, "lq_eqd2_gy", jnum(lq_eqd2), &bad);
        }
        jset(r, "regimen", json_string(ldrt_regimen_name(regimen)), &bad);
        jset(r, "rules", rules_json(rules, &bad), &bad);
        if (jwrite(f, r, bad, 0)) {
            fprintf(stderr, "ldrt %s: out of memory\n", CMD);
            return out_close(&out, EXIT_INVALID);
        }
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
        rules_text(f, rules);
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

/* The JSON of a patient's dose table, or its text into f. */
struct table {
    FILE *f;
    int json, bad;
    json_t *root, *courses, *lesions;
    int md;    /* Markdown: headings and tables */
    FILE *ici; /* Markdown: the timing rows, a table after the courses' */
};

static int course_rows(struct table *t, const struct opts *o, const ldrt_patient *p)
{
    FILE *f = t->f;
    const char *drugs[16];
    size_t n_drugs = ici_drugs(p, drugs, 16), n_courses = 0;
    char nb[32];
    for (size_t i = 0; i < ldrt_patient_event_count(p); i++) {
        const ldrt_event *e = ldrt_patient_event_at(p, i);
        const ldrt_course *course = ldrt_event_as_course(e);
        if (!course || ldrt_course_fraction_count(course) == 0)
            continue;
        const char *name = course_name(e, nb, sizeof nb, n_courses);
        ldrt_date first, last;
        double total, mean;
        ldrt_regimen regimen;
        unsigned rules;
        char d0[LDRT_DATE_BUFSIZE], d1[LDRT_DATE_BUFSIZE];
        if (ldrt_course_fraction_dates(course, &first, &last) || ldrt_date_format(first, d0, sizeof d0) ||
            ldrt_date_format(last, d1, sizeof d1) || ldrt_course_dose(course, 10, &total, NULL, NULL) ||
            ldrt_course_dose_per_fraction_gy(course, &mean, NULL) ||
            ldrt_course_classify(course, &regimen, &rules))
            return fail_at(o->file, "course", name);
        double eqd2[MAX_RATIOS], bed[MAX_RATIOS];
        for (int r = 0; r < o->n_ratios; r++)
            if (ldrt_course_dose(course, o->ratios[r].ab, NULL, &bed[r], &eqd2[r]))
                return fail_at(o->file, "course", name);
        json_t *c = NULL, *ici = NULL;
        if (t->json) {
            c = json_object();
            jpush(t->courses, c, &t->bad);
            jset(c, "course", json_string(name), &t->bad);
            jset(c, "first", json_string(d0), &t->bad);
            jset(c, "last", json_string(d1), &t->bad);
            jset(c, "fractions", json_integer((json_int_t)ldrt_course_fraction_count(course)), &t->bad);
            jset(c, "total_gy", jnum(total), &t->bad);
            jset(c, "mean_dose_per_fraction_gy", jnum(mean), &t->bad);
            jset(c, "regimen", json_string(ldrt_regimen_name(regimen)), &t->bad);
            jset(c, "rules", rules_json(rules, &t->bad), &t->bad);
            json_t *b = json_array(), *q = json_array(), *tg = json_array();
            jset(c, "bed_gy", b, &t->bad);
            jset(c, "eqd2_gy", q, &t->bad);
            jset(c, "targets", tg, &t->bad);
            for (int r = 0; r < o->n_ratios && !t->bad; r++) {
                jpush(b, jnum(bed[r]), &t->bad);
                jpush(q, jnum(eqd2[r]), &t->bad);
            }
            for (size_t k = 0; k < ldrt_course_target_count(course) && !t->bad; k++)
                jpush(tg, json_string(ldrt_lesion_id(ldrt_course_target_at(course, k))), &t->bad);
            ici = json_array();
            jset(c, "immunotherapy", ici, &t->bad);
            if (t->bad)
                return 0;
        } else if (t->md) {
            fprintf(f, "| %s | %s | %s | %zu | %.2f | %.2f | %s |", esc(name), d0, d1,
                    ldrt_course_fraction_count(course), total, mean, ldrt_regimen_name(regimen));
            for (int r = 0; r < o->n_ratios; r++)
                fprintf(f, " %.2f |", eqd2[r]);
            fputc(' ', f);
            for (size_t k = 0; k < ldrt_course_target_count(course); k++)
                fprintf(f, "%s%s", k ? ", " : "", esc(ldrt_lesion_id(ldrt_course_target_at(course, k))));
            fputs(" |\n", f);
        } else {
            fprintf(f, "  %-14s %-10s %-10s %4zu %8.2f %8.2f %-16s", esc(name), d0, d1,
                    ldrt_course_fraction_count(course), total, mean, ldrt_regimen_name(regimen));
            for (int r = 0; r < o->n_ratios; r++)
                fprintf(f, " %*.2f", (int)strlen(o->ratios[r].label) + 6, eqd2[r]);
            fputs("  ", f);
            for (size_t k = 0; k < ldrt_course_target_count(course); k++)
                fprintf(f, "%s%s", k ? "," : "", esc(ldrt_lesion_id(ldrt_course_target_at(course, k))));
            fputc('\n', f);
        }
        for (size_t k = 0; k < n_drugs; k++) {
            int64_t since, until;
            ldrt_drug_timing timing;
            if (ldrt_course_drug_timing(p, course, drugs[k], o->window, &since, &until, &timing))
                return fail_at(o->file, "course", name);
            if (t->json) {
                json_t *x = json_object();
                jpush(ici, x, &t->bad);
                jset(x, "drug", json_string(drugs[k]), &t->bad);
                jset(x, "days_since_previous", json_integer(since), &t->bad);
                jset(x, "days_until_next", json_integer(until), &t->bad);
                jset(x, "timing", json_string(ldrt_drug_timing_name(timing)), &t->bad);
            } else if (t->md) {
                char s1[24] = "-", s2[24] = "-";
                if (since >= 0) snprintf(s1, sizeof s1, "%lld", (long long)since);
                if (until >= 0) snprintf(s2, sizeof s2, "%lld", (long long)until);
                fprintf(t->ici, "| %s | %s | %s | %s | %s |\n", esc(name), esc(drugs[k]), s1, s2,
                        ldrt_drug_timing_name(timing));
            } else {
                char s1[24] = "-", s2[24] = "-";
                if (since >= 0) snprintf(s1, sizeof s1, "%lld d", (long long)since);
                if (until >= 0) snprintf(s2, sizeof s2, "%lld d", (long long)until);
                fprintf(f, "      %-14s previous %-8s next %-8s %s (window %lld d)\n", esc(drugs[k]),
                        s1, s2, ldrt_drug_timing_name(timing), (long long)o->window);
            }
        }
        n_courses++;
    }
    return 0;
}

static int lesion_rows(struct table *t, const struct opts *o, const ldrt_patient *p)
{
    FILE *f = t->f;
    if (t->md) {
        fprintf(f, "\n## Lesions (cumulative, recovery %s)\n\n| Lesion | Courses | Total Gy |",
                o->recovery == LDRT_RECOVERY_FIXED ? "fixed" : "none");
        for (int r = 0; r < o->n_ratios; r++) fprintf(f, " EQD2 [%s] |", esc(o->ratios[r].label));
        fputs("\n|---|---:|---:|", f);
        for (int r = 0; r < o->n_ratios; r++) fputs("---:|", f);
        fputc('\n', f);
    } else if (!t->json) {
        fprintf(f, "\nLesions (cumulative, recovery %s)\n  %-22s %7s %8s",
                o->recovery == LDRT_RECOVERY_FIXED ? "fixed" : "none", "lesion", "courses",
                "total Gy");
        for (int r = 0; r < o->n_ratios; r++) fprintf(f, " EQD2[%s]", o->ratios[r].label);
        fputc('\n', f);
    }
    for (size_t i = 0; i < ldrt_patient_lesion_count(p); i++) {
        const ldrt_lesion *l = ldrt_patient_lesion_at(p, i);
        double total, eqd2[MAX_RATIOS];
        size_t nc;
        if (ldrt_lesion_dose(p, l, o->ratios[0].ab, o->recovery, &total, NULL, NULL, &nc))
            return fail_at(o->file, "lesion", ldrt_lesion_id(l));
        if (nc == 0) continue;
        for (int r = 0; r < o->n_ratios; r++)
            if (ldrt_lesion_dose(p, l, o->ratios[r].ab, o->recovery, NULL, NULL, &eqd2[r], NULL))
                return fail_at(o->file, "lesion", ldrt_lesion_id(l));
        if (t->json) {
            json_t *x = json_object(), *q = json_array();
            jpush(t->lesions, x, &t->bad);
            jset(x, "lesion", json_string(ldrt_lesion_id(l)), &t->bad);
            jset(x, "courses", json_integer((json_int_t)nc), &t->bad);
            jset(x, "total_gy", jnum(total), &t->bad);
            jset(x, "eqd2_gy", q, &t->bad);
            for (int r = 0; r < o->n_ratios && !t->bad; r++)
                jpush(q, jnum(eqd2[r]), &t->bad);
        } else if (t->md) {
            fprintf(f, "| %s | %zu | %.2f |", esc(ldrt_lesion_id(l)), nc, total);
            for (int r = 0; r < o->n_ratios; r++)
                fprintf(f, " %.2f |", eqd2[r]);
            fputc('\n', f);
        } else {
            fprintf(f, "  %-22s %7zu %8.2f", esc(ldrt_lesion_id(l)), nc, total);
            for (int r = 0; r < o->n_ratios; r++)
                fprintf(f, " %*.2f", (int)strlen(o->ratios[r].label) + 6, eqd2[r]);
            fputc('\n', f);
        }
    }
    return 0;
}

static int radscopal_rows(struct table *t, const struct opts *o, const ldrt_patient *p)
{
    const ldrt_course **hi = NULL, **lo = NULL;
    size_t np = 0;
    if (ldrt_patient_radscopal(p, o->radscopal_window, &hi, &lo, &np))
        return fail_at(o->file, NULL, NULL);
    char b1[32], b2[32];
    json_t *arr = NULL;
    if (t->json) {
        jset(t->root, "radscopal_window_days", json_integer(o->radscopal_window), &t->bad);
        arr = json_array();
        jset(t->root, "radscopal", arr, &t->bad);
    } else {
        fprintf(t->f, t->md ? "\n## RadScopal pairs (window %lld days): %zu\n\n"
                             : "\nRadScopal pairs (window %lld days): %zu\n",
                (long long)o->radscopal_window, np);
    }
    for (size_t k = 0; k < np && !t->bad; k++) {
        const char *h = course_name(ldrt_course_as_event(hi[k]), b1, sizeof b1, 0);
        const char *l = course_name(ldrt_course_as_event(lo[k]), b2, sizeof b2, 0);
        if (t->json) {
            json_t *x = json_object();
            jpush(arr, x, &t->bad);
            jset(x, "high", json_string(h), &t->bad);
            jset(x, "low", json_string(l), &t->bad);
        } else {
            fprintf(t->f, t->md ? "- high-dose %s with low-dose %s\n"
                                 : "  high-dose %s with low-dose %s\n", esc(h), esc(l));
        }
    }
    ldrt_free((void *)hi);
    ldrt_free((void *)lo);
    return 0;
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
    /* Markdown: headings and tables (record text escaped for table cells). */
    struct table t = { out.f, o->json, 0, NULL, NULL, NULL, o->markdown, NULL };
    char *ici_buf = NULL;
    size_t ici_len = 0;
    if (o->markdown) {
        esc_format = LDRT_FORMAT_MARKDOWN;
        t.ici = open_memstream(&ici_buf, &ici_len);
        if (!t.ici) {
            ldrt_patient_free(p);
            fprintf(stderr, "ldrt %s: out of memory\n", CMD);
            return out_close(&out, EXIT_INVALID);
        }
    }
    if (t.json) {
        t.root = json_object();
        jset(t.root, "patient", json_string(ldrt_patient_id(p)), &t.bad);
        json_t *ab = json_array();
        jset(t.root, "alpha_beta_gy", ab, &t.bad);
        for (int r = 0; r < o->n_ratios && !t.bad; r++)
            jpush(ab, jnum(o->ratios[r].ab), &t.bad);
        t.courses = json_array();
        jset(t.root, "courses", t.courses, &t.bad);
        t.lesions = json_array();
        jset(t.root, "lesions", t.lesions, &t.bad);
        jset(t.root, "recovery", json_string(o->recovery == LDRT_RECOVERY_FIXED ? "fixed" : "none"), &t.bad);
        jset(t.root, "ici_window_days", json_integer(o->window), &t.bad);
    } else if (t.md) {
        fprintf(out.f, "# Patient %s\n\n## Courses\n\n"
                "| Course | First | Last | Fractions | Total Gy | Gy/fx | Class |",
                esc(ldrt_patient_id(p)));
        for (int r = 0; r < o->n_ratios; r++) fprintf(out.f, " EQD2 [%s] |", esc(o->ratios[r].label));
        fputs(" Targets |\n|---|---|---|---:|---:|---:|---|", out.f);
        for (int r = 0; r < o->n_ratios; r++) fputs("---:|", out.f);
        fputs("---|\n", out.f);
    } else {
        fprintf(out.f, "Patient %s\n\nCourses\n", esc(ldrt_patient_id(p)));
        fprintf(out.f, "  %-14s %-10s %-10s %4s %8s %8s %-16s", "course", "first", "last", "fx",
                "total Gy", "Gy/fx", "class");
        for (int r = 0; r < o->n_ratios; r++) fprintf(out.f, " EQD2[%s]", o->ratios[r].label);
        fputs("  targets\n", out.f);
    }
    int status = EXIT_OK;
    if (!t.bad && course_rows(&t, o, p))
        status = EXIT_INVALID;
    if (t.ici) {
        /* The timing of each checkpoint inhibitor, a table of its own. */
        if (fclose(t.ici) != 0) {
            t.bad = 1;
        } else if (status == EXIT_OK && ici_len > 0) {
            fprintf(out.f, "\n## Immunotherapy timing (window %lld days)\n\n"
                    "| Course | Drug | Days since previous dose | Days until next dose | Timing |\n"
                    "|---|---|---:|---:|---|\n", (long long)o->window);
            fwrite(ici_buf, 1, ici_len, out.f);
        }
        free(ici_buf);
        t.ici = NULL;
    }
    if (status != EXIT_OK || (!t.bad && lesion_rows(&t, o, p)) ||
        (!t.bad && o->have_radscopal && radscopal_rows(&t, o, p)))
        status = EXIT_INVALID;
    if (status == EXIT_OK && t.json && jwrite(out.f, t.root, t.bad, 0))
        t.bad = 1;
    else if (status != EXIT_OK || !t.json)
        json_decref(t.root);
    if (status == EXIT_OK && (t.bad || esc_failed)) {
        fprintf(stderr, "ldrt %s: out of memory\n", CMD);
        status = EXIT_INVALID;
    }
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
    if (o.list_presets)
        rc = list_presets(&o);
    else if (o.file)
        rc = patient_table(&o);
    else
        rc = schedule(&o);
    esc_release();
    return rc;
}
