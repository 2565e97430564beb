/*
 * Rendering of a response assessment: the `ldrt assess` object of the
 * patient document format ("The ldrt assess JSON output", stable keys), a
 * plain-text table and a Markdown table.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_internal.h"
#include "ldrt/response.h"

/* A percentage or a length to one decimal, as the reasons print it. */
static double one_decimal(double v)
{
    return round(v * 10.0) / 10.0;
}

static json_t *num_or_null(double v, int decimals)
{
    if (isnan(v))
        return json_null();
    double scale = decimals == 2 ? 100.0 : 10.0;
    return json_real(round(v * scale) / scale);
}

static json_t *label_or_null(int label)
{
    const char *n = ldrt_response_label_name(label);
    return n && *n ? json_string(n) : json_null();
}

static json_t *date_json(ldrt_date d)
{
    char buf[LDRT_DATE_BUFSIZE];
    if (d == LDRT_DATE_NONE || ldrt_date_format(d, buf, sizeof buf) != LDRT_OK)
        return json_null();
    return json_string(buf);
}

/* json_object_set_new() that remembers a failure. jansson frees value when
 * the insertion fails, so a value still to be filled (an object or an array)
 * is attached with child() instead, never with put(). */
static void put(json_t *obj, const char *key, json_t *value, int *bad)
{
    if (!obj) {
        json_decref(value);
        *bad = 1;
    } else if (!value || json_object_set_new(obj, key, value)) {
        *bad = 1;  /* jansson freed value */
    }
}

/* Attaches a new container under key and returns it, borrowed from obj, or
 * NULL (and *bad set) when it could not be made or attached: a caller never
 * writes into a child that a failed insertion has freed. */
static json_t *child(json_t *obj, const char *key, json_t *made, int *bad)
{
    if (!obj || !made || json_object_set(obj, key, made)) {
        json_decref(made);
        *bad = 1;
        return NULL;
    }
    json_decref(made);  /* obj holds it now */
    return made;
}

static int is_baseline(const ldrt_assessment *a, size_t i)
{
    ldrt_response_rule rule = LDRT_RULE_NONE;
    ldrt_assessment_rule(a, i, &rule);
    return rule == LDRT_RULE_BASELINE || (i == 0 && rule == LDRT_RULE_BASELINE_INCOMPLETE);
}

static ldrt_date reference_of(const ldrt_assessment *a)
{
    double ref = 0;
    ldrt_response_options_get(ldrt_assessment_options(a), LDRT_SET_REFERENCE_DATE, &ref);
    if (ref != 0)
        return (ldrt_date)ref;
    ldrt_date d = LDRT_DATE_NONE;
    if (ldrt_assessment_timepoint_count(a) > 0)
        ldrt_assessment_timepoint(a, 0, &d, NULL, NULL, NULL, NULL);
    return d;
}

/* The settings the assessment ran with. */
static void json_settings(json_t *root, const ldrt_assessment *a, int *bad)
{
    const ldrt_response_options *o = ldrt_assessment_options(a);
    json_t *settings = child(root, "settings", json_object(), bad);
    double v;
    ldrt_response_options_get(o, LDRT_SET_CONFIRM_DAYS, &v);
    put(settings, "confirm_days", json_integer((json_int_t)v), bad);
    ldrt_response_options_get(o, LDRT_SET_SD_MIN_DAYS, &v);
    put(settings, "sd_min_days", json_integer((json_int_t)v), bad);
    put(settings, "reference_date", date_json(reference_of(a)), bad);
    ldrt_response_options_get(o, LDRT_SET_MAX_NE_BETWEEN, &v);
    put(settings, "max_ne_between", json_integer((json_int_t)v), bad);
}

/* The baseline object (under root) or one time point (appended to tps) of
 * time point i; returns 0 to stop (out of memory). */
static int json_timepoint(json_t *root, json_t *tps, const ldrt_assessment *a, ldrt_criteria crit, size_t i,
                          int *bad)
{
    ldrt_date d;
    ldrt_response ov, tg, nt;
    int nl;
    double sum, cb, cn;
    ldrt_assessment_timepoint(a, i, &d, &ov, &tg, &nt, &nl);
    ldrt_assessment_values(a, i, &sum, &cb, &cn);
    const char *reason = ldrt_assessment_reason(a, i);
    if (is_baseline(a, i)) {
        json_t *b = child(root, "baseline", json_object(), bad);
        if (b) {
            put(b, "date", date_json(d), bad);
            put(b, crit == LDRT_CRITERIA_PERCIST10 ? "sul_peak" : "target_sum_mm",
                num_or_null(sum, crit == LDRT_CRITERIA_PERCIST10 ? 2 : 1), bad);
            put(b, "reason", json_string(reason), bad);
        }
        return 1;
    }
    json_t *t = json_object();
    if (!t || json_array_append(tps, t)) {
        json_decref(t);
        *bad = 1;
        return 0;
    }
    json_decref(t);  /* tps holds it now: t is borrowed */
    put(t, "date", date_json(d), bad);
    if (crit == LDRT_CRITERIA_PERCIST10)
        put(t, "sul_peak", num_or_null(sum, 2), bad);
    else
        put(t, "target_sum_mm", num_or_null(sum, 1), bad);
    put(t, "change_from_baseline_pct", num_or_null(cb, 1), bad);
    if (crit != LDRT_CRITERIA_PERCIST10) {
        put(t, "change_from_nadir_pct", num_or_null(cn, 1), bad);
        put(t, "target", label_or_null(tg), bad);
        put(t, "non_target", label_or_null(nt), bad);
    }
    put(t, "new_lesions", json_boolean(nl), bad);
    put(t, "overall", label_or_null(ov), bad);
    put(t, "reason", json_string(reason), bad);
    return 1;
}

/* The endpoints object: days, range, event, censoring of each endpoint. */
static void json_endpoints(json_t *root, const ldrt_assessment *a, int *bad)
{
    json_t *eps = child(root, "endpoints", json_object(), bad);
    for (int e = LDRT_ENDPOINT_TIME_TO_RESPONSE; e <= LDRT_ENDPOINT_OVERALL_SURVIVAL && eps && !*bad; e++) {
        int64_t days;
        ldrt_censor censor;
        ldrt_assessment_endpoint(a, e, &days, &censor);
        json_t *ep = child(eps, ldrt_endpoint_name(e), json_object(), bad);
        if (!ep)
            break;
        int64_t dmin = -1, dmax = -1;
        ldrt_assessment_endpoint_range(a, e, &dmin, &dmax);
        int na = censor == LDRT_CENSOR_NOT_APPLICABLE;
        put(ep, "days", na ? json_null() : json_integer(days), bad);
        put(ep, "days_min", na ? json_null() : json_integer(dmin), bad);
        put(ep, "days_max", na ? json_null() : json_integer(dmax), bad);
        put(ep, "event", json_boolean(censor == LDRT_CENSOR_NONE), bad);
        put(ep, "censor", json_string(ldrt_censor_name(censor)), bad);
        int death = 0;
        ldrt_assessment_endpoint_death(a, e, &death);
        if (death)
            put(ep, "death", json_true(), bad);
    }
}

static json_t *build_json(const ldrt_assessment *a)
{
    ldrt_criteria crit = 0;
    int bad = 0;
    ldrt_assessment_criteria(a, &crit);
    json_t *root = json_object(), *tps = json_array();
    if (!root || !tps) {
        json_decref(root);
        json_decref(tps);
        return NULL;
    }
    put(root, "criteria", json_string(ldrt_criteria_name(crit)), &bad);
    put(root, "assessable", json_true(), &bad);
    json_settings(root, a, &bad);
    size_t n = ldrt_assessment_timepoint_count(a);
    for (size_t i = 0; i < n && !bad; i++)
        if (!json_timepoint(root, tps, a, crit, i, &bad))
            break;
    put(root, "timepoints", tps, &bad);  /* last use of tps */
    ldrt_response b0 = LDRT_RESPONSE_NONE, b1 = LDRT_RESPONSE_NONE;
    ldrt_assessment_best(a, 0, &b0);
    ldrt_assessment_best(a, 1, &b1);
    put(root, "best_overall_response", label_or_null(b0), &bad);
    put(root, "confirmed_best_overall_response", label_or_null(b1), &bad);
    put(root, "best_overall_response_reason", json_string(ldrt_assessment_best_reason(a, 0)), &bad);
    put(root, "confirmed_best_overall_response_reason",
        json_string(ldrt_assessment_best_reason(a, 1)), &bad);
    json_endpoints(root, a, &bad);
    json_t *w = child(root, "warnings", json_array(), &bad);
    for (size_t i = 0; w && i < ldrt_assessment_warning_count(a) && !bad; i++)
        if (json_array_append_new(w, json_string(ldrt_assessment_warning(a, i))))
            bad = 1;
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* A signed percentage to one decimal ("+12.5%"), "-" when there is none. */
static void fmt_pct(char *buf, size_t size, double v)
{
    char num[LDRT__NUM_BUFSIZE];
    ldrt__fmt_num(num, one_decimal(v), 1);
    if (!*num)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%s%s%%", v >= 0 ? "+" : "", num);
}

/* One row of the table: time point i. */
static int table_row(const ldrt_assessment *a, size_t i, int pet, int markdown, ldrt__buf *b)
{
    ldrt_date d;
    ldrt_response ov, tg, nt;
    int nl, rc;
    double sum, cb, cn;
    ldrt_assessment_timepoint(a, i, &d, &ov, &tg, &nt, &nl);
    ldrt_assessment_values(a, i, &sum, &cb, &cn);
    char date[LDRT_DATE_BUFSIZE], s[LDRT__NUM_BUFSIZE], pb[LDRT__NUM_BUFSIZE + 2],
        pn[LDRT__NUM_BUFSIZE + 2];
    ldrt_date_format(d, date, sizeof date);
    ldrt__fmt_num(s, sum, pet ? 2 : 1);
    if (!*s)
        snprintf(s, sizeof s, "-");
    fmt_pct(pb, sizeof pb, cb);
    fmt_pct(pn, sizeof pn, cn);
    const char *ovn = is_baseline(a, i) ? "baseline" : ldrt_response_label_name(ov);
    const char *tgn = ldrt_response_label_name(tg), *ntn = ldrt_response_label_name(nt);
    if (markdown) {
        rc = ldrt__buf_printf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | ", date, s, pb, pn,
                              *tgn ? tgn : "-", *ntn ? ntn : "-", nl ? "yes" : "no", ovn);
        if (!rc)
            rc = ldrt__buf_puts_safe(b, ldrt_assessment_reason(a, i), 0, 1);
        if (!rc)
            rc = ldrt__buf_puts(b, " |\n");
    } else {
        rc = ldrt__buf_printf(b, "%-10s  %8s  %8s  %8s  %-6s  %-13s  %-3s  %-7s  ", date, s,
                              pb, pn, *tgn ? tgn : "-", *ntn ? ntn : "-", nl ? "yes" : "no",
                              ovn);
        if (!rc)
            rc = ldrt__buf_puts_safe(b, ldrt_assessment_reason(a, i), 0, 0);
        if (!rc)
            rc = ldrt__buf_add(b, "\n", 1);
    }
    return rc;
}

/* The title line and the column heads. */
static int table_head(const ldrt_assessment *a, ldrt_criteria crit, int markdown, ldrt__buf *b)
{
    const ldrt_response_options *o = ldrt_assessment_options(a);
    double cd = 0, sd = 0;
    ldrt_response_options_get(o, LDRT_SET_CONFIRM_DAYS, &cd);
    ldrt_response_options_get(o, LDRT_SET_SD_MIN_DAYS, &sd);
    char ref[LDRT_DATE_BUFSIZE] = "-";
    ldrt_date rd = reference_of(a);
    if (rd)
        ldrt_date_format(rd, ref, sizeof ref);
    int pet = crit == LDRT_CRITERIA_PERCIST10;
    int rc = ldrt__buf_printf(b, "%sResponse by %s%s (confirmation >= %d days, SD minimum %d days from %s)\n\n",
                              markdown ? "**" : "", ldrt_criteria_name(crit), markdown ? "**" : "",
                              (int)cd, (int)sd, ref);
    if (!rc && markdown)
        rc = ldrt__buf_printf(b, "| Date | %s | vs baseline | vs nadir | Target | Non-target | New | Overall | Reason |\n"
                                 "|---|---|---|---|---|---|---|---|---|\n",
                              pet ? "SULpeak" : "Sum (mm)");
    else if (!rc)
        rc = ldrt__buf_printf(b, "%-10s  %8s  %8s  %8s  %-6s  %-13s  %-3s  %-7s  %s\n", "Date",
                              pet ? "SULpeak" : "Sum mm", "vs base", "vs nadir", "Target",
                              "Non-target", "New", "Overall", "Reason");
    return rc;
}

/* The endpoint lines: days (or their range) and why each ends. */
static int table_endpoints(const ldrt_assessment *a, int markdown, ldrt__buf *b)
{
    int rc = LDRT_OK;
    for (int e = LDRT_ENDPOINT_TIME_TO_RESPONSE; e <= LDRT_ENDPOINT_OVERALL_SURVIVAL && !rc; e++) {
        int64_t days;
        ldrt_censor censor;
        ldrt_assessment_endpoint(a, e, &days, &censor);
        if (censor == LDRT_CENSOR_NOT_APPLICABLE)
            rc = ldrt__buf_printf(b, "%s%s: not applicable\n", markdown ? "- " : "",
                                  ldrt_endpoint_name(e));
        else {
            int64_t dmin = days, dmax = days;
            int death = 0;
            ldrt_assessment_endpoint_range(a, e, &dmin, &dmax);
            ldrt_assessment_endpoint_death(a, e, &death);
            const char *why = death ? "death" : ldrt_censor_name(censor);
            if (dmin != dmax)
                rc = ldrt__buf_printf(b, "%s%s: %lld to %lld days (%s)\n", markdown ? "- " : "",
                                      ldrt_endpoint_name(e), (long long)dmin, (long long)dmax,
                                      why);
            else
                rc = ldrt__buf_printf(b, "%s%s: %lld days (%s)\n", markdown ? "- " : "",
                                      ldrt_endpoint_name(e), (long long)days, why);
        }
    }
    return rc;
}

static int render_table(const ldrt_assessment *a, int markdown, ldrt__buf *b)
{
    ldrt_criteria crit = 0;
    ldrt_assessment_criteria(a, &crit);
    int pet = crit == LDRT_CRITERIA_PERCIST10;
    int rc = table_head(a, crit, markdown, b);
    size_t n = ldrt_assessment_timepoint_count(a);
    for (size_t i = 0; i < n && !rc; i++)
        rc = table_row(a, i, pet, markdown, b);
    for (int c = 0; c < 2 && !rc; c++) {
        ldrt_response best = LDRT_RESPONSE_NONE;
        ldrt_assessment_best(a, c, &best);
        const char *bn = ldrt_response_label_name(best);
        rc = ldrt__buf_printf(b, "%s%s%s best overall response: %s (", c ? "" : "\n",
                              markdown ? "- " : "", c ? "Confirmed" : "Unconfirmed",
                              *bn ? bn : "none");
        if (!rc)
            rc = ldrt__buf_puts_safe(b, ldrt_assessment_best_reason(a, c), 0, 0);
        if (!rc)
            rc = ldrt__buf_puts(b, ")\n");
    }
    if (!rc)
        rc = table_endpoints(a, markdown, b);
    for (size_t i = 0; i < ldrt_assessment_warning_count(a) && !rc; i++) {
        rc = ldrt__buf_printf(b, "%swarning: ", markdown ? "- " : "");
        if (!rc)
            rc = ldrt__buf_puts_safe(b, ldrt_assessment_warning(a, i), 0, 0);
        if (!rc)
            rc = ldrt__buf_add(b, "\n", 1);
    }
    return rc;
}

int ldrt__assessment_build(const ldrt_assessment *a, ldrt_format format, ldrt__buf *b,
                           json_t **keep)
{
    if (format != LDRT_FORMAT_JSON)
        return render_table(a, format == LDRT_FORMAT_MARKDOWN, b);
    json_t *root = build_json(a);
    if (!root)
        return ldrt__error(LDRT_ENOMEM, "assessment: out of memory");
    int rc = LDRT_OK;
    if (keep)
        *keep = root;
    else {
        rc = ldrt__json_render(root, b);
        json_decref(root);
    }
    return rc;
}

int ldrt_assessment_render(const ldrt_assessment *assessment, ldrt_format format, char **out, size_t *size)
{
    LDRT__CHECK_NOT_NULL(assessment);
    LDRT__CHECK_NOT_NULL(out);
    if (format < LDRT_FORMAT_TEXT || format > LDRT_FORMAT_JSON)
        return ldrt__error(LDRT_EINVAL, "format: %d is not an output format", format);
    ldrt__buf b = { 0 };
    int rc = ldrt__assessment_build(assessment, (ldrt_format)format, &b, NULL);
    if (!rc && !b.data)
        rc = ldrt__buf_add(&b, "", 0);
    if (rc) {
        ldrt__buf_free(&b);
        return rc;
    }
    size_t len = b.len;
    char *text = NULL;
    rc = ldrt__buf_finish(&b, &text);
    if (rc)
        return rc;
    *out = text;
    if (size)
        *size = len;
    return LDRT_OK;
}

/* The answer for a patient without data for the criteria: "not assessable"
 * with the reason, in the same shape as an assessment (no time points, no
 * best response). */
static int render_not_assessable(ldrt_criteria crit, const char *why, ldrt_format format, ldrt__buf *b)
{
    const char *name = ldrt_criteria_name((ldrt_criteria)crit);
    if (format == LDRT_FORMAT_JSON) {
        int bad = 0;
        json_t *root = json_object();
        put(root, "criteria", json_string(name), &bad);
        put(root, "assessable", json_false(), &bad);
        put(root, "reason", ldrt__json_text(why), &bad);
        put(root, "timepoints", json_array(), &bad);
        put(root, "best_overall_response", json_null(), &bad);
        put(root, "confirmed_best_overall_response", json_null(), &bad);
        int rc = bad ? ldrt__error(LDRT_ENOMEM, "assessment: out of memory")
                     : ldrt__json_render(root, b);
        json_decref(root);
        return rc;
    }
    int md = format == LDRT_FORMAT_MARKDOWN;
    int rc = ldrt__buf_printf(b, "%sResponse by %s%s: not assessable: ", md ? "**" : "", name,
                              md ? "**" : "");
    if (!rc)
        rc = ldrt__buf_puts_safe(b, why, 0, md);
    if (!rc)
        rc = ldrt__buf_add(b, "\n", 1);
    return rc;
}

int ldrt_patient_assessment_render(const ldrt_patient *patient, ldrt_criteria criteria,
                                   const ldrt_response_options *options, ldrt_format format,
                                   char **out, size_t *size)
{
    LDRT__CHECK_NOT_NULL(patient);
    LDRT__CHECK_NOT_NULL(out);
    if (!ldrt_criteria_name(criteria))
        return ldrt__error(LDRT_EINVAL, "criteria: %d is not response criteria", (int)criteria);
    if (format < LDRT_FORMAT_TEXT || format > LDRT_FORMAT_JSON)
        return ldrt__error(LDRT_EINVAL, "format: %d is not an output format", format);
    ldrt_assessment *a = NULL;
    int rc = LDRT__SILENT(ldrt_patient_assess(patient, criteria, options, &a));
    ldrt__buf b = { 0 };
    if (rc == LDRT_OK) {
        rc = ldrt__assessment_build(a, format, &b, NULL);
        ldrt_assessment_free(a);
    } else if (rc == LDRT_ENOTFOUND) {
        /* the reason is the message of the refused assessment, as the report prints it */
        ldrt__buf why = { 0 };
        rc = ldrt__buf_puts(&why, ldrt__silent_error());
        if (!rc)
            rc = render_not_assessable((int)criteria, why.data ? why.data : "", format, &b);
        ldrt__buf_free(&why);
    } else {
        /* a failure passed on: its message made public */
        return rc == LDRT_ENOMEM ? rc : ldrt__error(rc, "%s", ldrt__silent_error());
    }
    if (!rc && !b.data)
        rc = ldrt__buf_add(&b, "", 0);
    if (rc) {
        ldrt__buf_free(&b);
        return rc;
    }
    size_t len = b.len;
    char *text = NULL;
    rc = ldrt__buf_finish(&b, &text);
    if (rc)
        return rc;
    *out = text;
    if (size)
        *size = len;
    return LDRT_OK;
}
