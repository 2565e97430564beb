/*
 * The timeline renderer: one row per recorded event, as a text table, a
 * Markdown table or JSON.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render_internal.h"

static const char *const format_names[] = { NULL, "text", "markdown", "json" };

const char *ldrt_format_name(ldrt_format format)
{
    return format >= LDRT_FORMAT_TEXT && format <= LDRT_FORMAT_JSON ? format_names[format] : NULL;
}

int ldrt_format_parse(const char *name, ldrt_format *format)
{
    LDRT__CHECK_NOT_NULL(name);
    LDRT__CHECK_NOT_NULL(format);
    for (int i = LDRT_FORMAT_TEXT; i <= LDRT_FORMAT_JSON; i++)
        if (strcmp(name, format_names[i]) == 0) {
            *format = (ldrt_format)i;
            return LDRT_OK;
        }
    ldrt__buf b = { 0 };
    ldrt__buf_puts_safe(&b, name, 0, 0);
    int rc = ldrt__error(LDRT_ENOTFOUND, "format: \"%.40s\" is not text, markdown or json",
                         b.data ? b.data : "");
    ldrt__buf_free(&b);
    return rc;
}

int ldrt_timeline_format_parse(const char *name, ldrt_format *format)
{
    return ldrt_format_parse(name, format);
}

/* A number with the fewest digits up to 4 decimals ("2", "2.2", "0.25"),
 * in bounded space (exponent notation from 1e15 on). */
static void fmt_num(char *buf, size_t size, double v)
{
    char tmp[LDRT__NUM_BUFSIZE];
    ldrt__fmt_num(tmp, v, 4);
    char *dot = strchr(tmp, '.');
    if (dot && !strchr(tmp, 'e')) {
        char *end = tmp + strlen(tmp) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    snprintf(buf, size, "%s", tmp);
}

static int summary_during(ldrt__buf *b, const ldrt_event *e);

static int sep(ldrt__buf *b)
{
    return b->len ? ldrt__buf_puts(b, "; ") : LDRT_OK;
}

static int text(ldrt__buf *b, const char *label, const char *value)
{
    if (!value)
        return LDRT_OK;
    int rc = sep(b);
    if (!rc && label)
        rc = ldrt__buf_printf(b, "%s: ", label);
    return rc ? rc : ldrt__buf_puts(b, value);
}

static int lesion_list(ldrt__buf *b, const char *label, ldrt_lesion *const *ls, size_t n)
{
    if (!n)
        return LDRT_OK;
    int rc = sep(b);
    if (!rc)
        rc = ldrt__buf_printf(b, "%s ", label);
    for (size_t i = 0; i < n && !rc; i++)
        rc = ldrt__buf_printf(b, "%s%s", i ? ", " : "", ls[i]->id);
    return rc;
}

static int summary_systemic(ldrt__buf *b, const ldrt_event *e)
{
    int rc = LDRT_OK;
    char num[32];
    for (size_t i = 0; i < e->n_agents && !rc; i++) {
        rc = ldrt__buf_printf(b, "%s%s", i ? " + " : "", e->agents[i].drug);
        if (!rc && !isnan(e->agents[i].dose)) {
            fmt_num(num, sizeof num, e->agents[i].dose);
            rc = ldrt__buf_printf(b, " %s %s", num, e->agents[i].unit);
        }
    }
    if (!rc && e->repeat_count) {
        rc = ldrt__buf_printf(b, " every %d days x%d", e->repeat_every_days, e->repeat_count);
        if (!rc && e->cycle)
            rc = ldrt__buf_printf(b, " (cycles %d-%d)", e->cycle, e->cycle + e->repeat_count - 1);
        if (!rc && e->repeat_undated)
            rc = ldrt__buf_puts(b, ", dates not recorded");
        char u[LDRT_DATE_BUFSIZE];
        if (!rc && e->repeat_undated && e->repeat_until &&
            ldrt_date_format(e->repeat_until, u, sizeof u) == LDRT_OK)
            rc = ldrt__buf_printf(b, ", the last by %s", u);
    } else if (!rc && e->cycle)
        rc = ldrt__buf_printf(b, " (cycle %d)", e->cycle);
    if (!rc)
        rc = text(b, NULL, e->text[LDRT_FIELD_REGIMEN]);
    if (!rc)
        rc = text(b, "intent", e->text[LDRT_FIELD_INTENT]);
    return rc;
}

static int summary_course(ldrt__buf *b, const ldrt_event *e)
{
    char num[32], num2[32];
    int rc = LDRT_OK;
    if (e->text[LDRT_FIELD_COURSE_ID])
        rc = ldrt__buf_printf(b, "%s: ", e->text[LDRT_FIELD_COURSE_ID]);
    if (!rc && e->text[LDRT_FIELD_TECHNIQUE])
        rc = ldrt__buf_printf(b, "%s ", e->text[LDRT_FIELD_TECHNIQUE]);
    double total = 0;
    for (size_t i = 0; i < e->n_fractions; i++)
        total += e->fractions[i]->dose_gy;
    fmt_num(num, sizeof num, total);
    if (!rc)
        rc = ldrt__buf_printf(b, "%s Gy in %zu fraction%s", num, e->n_fractions,
                              e->n_fractions == 1 ? "" : "s");
    if (!rc && e->has_rx)
        rc = ldrt__buf_printf(b, " (%s)", ldrt_schedule_name(e->rx_schedule));
    if (!rc && e->n_fractions) {
        char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
        (void)ldrt_date_format(e->fractions[0]->date, d1, sizeof d1);
        (void)ldrt_date_format(e->fractions[e->n_fractions - 1]->date, d2, sizeof d2);
        if (strcmp(d1, d2) != 0)
            rc = ldrt__buf_printf(b, ", %s to %s", d1, d2);
    }
    if (!rc)
        rc = lesion_list(b, "targets", e->targets, e->n_targets);
    if (!rc)
        rc = text(b, "site", e->text[LDRT_FIELD_SITE]);
    if (!rc && !isnan(e->margin_mm)) {
        fmt_num(num2, sizeof num2, e->margin_mm);
        rc = ldrt__buf_printf(b, "; margin %s mm", num2);
    }
    if (!rc)
        rc = text(b, "intent", e->text[LDRT_FIELD_INTENT]);
    return rc;
}

static int summary_imaging(ldrt__buf *b, const ldrt_event *e)
{
    char num[32];
    int rc = text(b, NULL, e->text[LDRT_FIELD_MODALITY]);
    if (!rc && e->baseline == 1)
        rc = ldrt__buf_puts(b, " (baseline)");
    for (size_t i = 0; i < e->n_meas && !rc; i++) {
        const ldrt__measurement *m = &e->meas[i];
        rc = i ? ldrt__buf_puts(b, ", ") : sep(b);
        if (rc)
            break;
        if (m->too_small == 1)
            rc = ldrt__buf_printf(b, "%s too small to measure", m->lesion->id);
        else if (isnan(m->diameter_mm))
            rc = ldrt__buf_printf(b, "%s not evaluated", m->lesion->id);
        else {
            fmt_num(num, sizeof num, m->diameter_mm);
            rc = ldrt__buf_printf(b, "%s %s mm", m->lesion->id, num);
        }
    }
    for (size_t i = 0; i < e->n_sul && !rc; i++) {
        fmt_num(num, sizeof num, e->sul[i].value);
        rc = i ? ldrt__buf_puts(b, ", ") : sep(b);
        if (!rc)
            rc = ldrt__buf_printf(b, "SULpeak %s %s", e->sul[i].lesion->id, num);
    }
    for (size_t i = 0; i < e->n_nt && !rc; i++) {
        rc = i ? ldrt__buf_puts(b, ", ") : sep(b);
        if (!rc)
            rc = ldrt__buf_printf(b, "%s %s", e->nt[i].lesion->id,
                                  ldrt_lesion_state_name(e->nt[i].state));
    }
    if (!rc && e->new_lesions_present) {
        rc = sep(b);
        if (!rc && e->n_new == 0)
            rc = ldrt__buf_puts(b, "no new lesions");
        for (size_t i = 0; i < e->n_new && !rc; i++)
            rc = ldrt__buf_printf(b, "%snew lesion %s%s%s", i ? ", " : "", e->newl[i].id,
                                  e->newl[i].site ? " " : "", e->newl[i].site ? e->newl[i].site : "");
    }
    if (!rc && e->rr_criteria) {
        rc = sep(b);
        if (!rc)
            rc = ldrt__buf_printf(b, "response %s (%s)", e->rr_overall, e->rr_criteria);
    }
    return rc;
}

static int summary(ldrt__buf *b, const ldrt_event *e)
{
    int rc = LDRT_OK;
    switch (e->kind) {
    case LDRT_EVENT_DIAGNOSIS:
    case LDRT_EVENT_RECURRENCE:
    case LDRT_EVENT_PROGRESSION:
        rc = text(b, NULL, e->text[LDRT_FIELD_SITE]);
        if (!rc)
            rc = text(b, NULL, e->text[LDRT_FIELD_DETAIL]);
        break;
    case LDRT_EVENT_SURGERY:
        rc = text(b, NULL, e->text[LDRT_FIELD_PROCEDURE]);
        if (!rc)
            rc = text(b, NULL, e->text[LDRT_FIELD_SITE]);
        if (!rc)
            rc = text(b, "pathology", e->text[LDRT_FIELD_PATHOLOGY]);
        if (!rc)
            rc = lesion_list(b, "removed", e->removed, e->n_removed);
        break;
    case LDRT_EVENT_SYSTEMIC:
        rc = summary_systemic(b, e);
        break;
    case LDRT_EVENT_RADIOTHERAPY:
        rc = summary_course(b, e);
        break;
    case LDRT_EVENT_IMAGING:
        rc = summary_imaging(b, e);
        break;
    case LDRT_EVENT_TOXICITY:
        rc = text(b, NULL, e->text[LDRT_FIELD_TERM]);
        if (!rc && e->grade)
            rc = ldrt__buf_printf(b, " grade %d", e->grade);
        if (!rc && e->text[LDRT_FIELD_ATTRIBUTION])
            rc = ldrt__buf_printf(b, " (%s)", e->text[LDRT_FIELD_ATTRIBUTION]);
        if (!rc && e->resolved) {
            char d[LDRT_DATE_BUFSIZE];
            (void)ldrt_date_format(e->resolved, d, sizeof d);
            rc = ldrt__buf_printf(b, "; resolved %s", d);
        }
        if (!rc)
            rc = summary_during(b, e);
        break;
    case LDRT_EVENT_HOLD:
        rc = ldrt__buf_puts(b, e->hold_kind ? ldrt_hold_kind_name(e->hold_kind) : "hold");
        for (size_t i = 0; i < e->n_drugs && !rc; i++)
            rc = ldrt__buf_printf(b, "%s%s", i ? ", " : ": ", e->drugs[i]);
        if (!rc && e->n_drugs == 0)
            rc = ldrt__buf_puts(b, ": all drugs");
        if (!rc)
            rc = text(b, "reason", e->text[LDRT_FIELD_REASON]);
        break;
    default:
        break;
    }
    return rc;
}

/* "during LXRT-2023, placed 2023-07-21 to 2023-07-26" for a toxicity that
 * names the event it occurred during. */
static int summary_during(ldrt__buf *b, const ldrt_event *e)
{
    const char *id = e->text[LDRT_FIELD_DURING];
    if (!id)
        return LDRT_OK;
    ldrt_date lo, hi;
    int placed = LDRT__SILENT(ldrt_event_placed_span(e, &lo, &hi)) == LDRT_OK;
    int rc = text(b, "during", id);
    if (!rc && placed) {
        char d1[LDRT_DATE_BUFSIZE], d2[LDRT_DATE_BUFSIZE];
        (void)ldrt_date_format(lo, d1, sizeof d1);
        (void)ldrt_date_format(hi, d2, sizeof d2);
        rc = lo == hi ? ldrt__buf_printf(b, ", placed %s", d1)
                      : ldrt__buf_printf(b, ", placed %s to %s", d1, d2);
    }
    return rc;
}

/* Time order of the rows: by the first day of the placed span (a toxicity
 * placed within the event it occurred during moves to that event), a placed
 * toxicity after the other events of its first day, then as recorded. */
typedef struct {
    int64_t day;
    int placed;
    size_t index;
} row_key;

static int row_cmp(const void *a, const void *b)
{
    const row_key *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->placed != y->placed)
        return x->placed - y->placed;
    return (x->index > y->index) - (x->index < y->index);
}

/* The recorded events in timeline order (an array to free), or NULL when out of memory. */
static size_t *row_order(const ldrt_patient *p)
{
    row_key *k = ldrt__calloc(p->n_events ? p->n_events : 1, sizeof *k);
    size_t *order = ldrt__calloc(p->n_events ? p->n_events : 1, sizeof *order);
    if (!k || !order) {
        ldrt__free(k);
        ldrt__free(order);
        return NULL;
    }
    for (size_t i = 0; i < p->n_events; i++) {
        const ldrt_event *e = p->events[i];
        ldrt_date lo;
        k[i].index = i;
        k[i].day = e->lo;
        if (e->text[LDRT_FIELD_DURING] &&
            LDRT__SILENT(ldrt_event_placed_span(e, &lo, NULL)) == LDRT_OK) {
            int64_t hi;
            ldrt__date_span(lo, &k[i].day, &hi);
            k[i].placed = 1;
        }
    }
    if (p->n_events > 1)
        qsort(k, p->n_events, sizeof *k, row_cmp);
    for (size_t i = 0; i < p->n_events; i++)
        order[i] = k[i].index;
    ldrt__free(k);
    return order;
}

/* Writes s into a Markdown cell (escaped). */
static int md_cell(ldrt__buf *b, const char *s)
{
    return ldrt__buf_puts_safe(b, s, 0, 1);
}

int ldrt__timeline_build(const ldrt_patient *p, ldrt_format format, ldrt__buf *out, json_t **keep)
{
    int rc = LDRT_OK;
    json_t *root = NULL, *rows = NULL;
    if (format == LDRT_TIMELINE_JSON) {
        root = json_object();
        rows = json_array();
        if (!root || !rows || json_object_set_new(root, "patient", json_string(p->id)) ||
            json_object_set(root, "events", rows)) {
            json_decref(root);
            json_decref(rows);
            return ldrt__error(LDRT_ENOMEM, "timeline: out of memory");
        }
    } else if (format == LDRT_TIMELINE_MARKDOWN) {
        rc = ldrt__buf_printf(out, "| Date | Event | Details |\n|---|---|---|\n");
    } else {
        rc = ldrt__buf_puts(out, "Timeline of patient ");
        if (!rc)
            rc = ldrt__buf_puts_safe(out, p->id, 0, 0);
        if (!rc)
            rc = ldrt__buf_printf(out, "\n%-24s  %-12s  %s\n", "Date", "Event", "Details");
    }
    size_t *order = rc ? NULL : row_order(p);
    if (!rc && !order)
        rc = ldrt__error(LDRT_ENOMEM, "timeline: out of memory");
    for (size_t i = 0; i < p->n_events && !rc; i++) {
        const ldrt_event *e = p->events[order[i]];
        ldrt__buf s = { 0 };
        char date[LDRT_DATE_BUFSIZE], end[LDRT_DATE_BUFSIZE] = "";
        (void)ldrt_date_format(e->date, date, sizeof date);
        if (e->end)
            (void)ldrt_date_format(e->end, end, sizeof end);
        rc = summary(&s, e);
        if (!rc && format != LDRT_TIMELINE_JSON && e->text[LDRT_FIELD_NOTE])
            rc = text(&s, "note", e->text[LDRT_FIELD_NOTE]);
        if (!rc && !s.data)
            rc = ldrt__buf_add(&s, "", 0);
        const char *kind = ldrt_event_kind_name(e->kind);
        if (rc) {
        } else if (format == LDRT_TIMELINE_JSON) {
            json_t *row = json_object();
            int bad = !row || json_array_append_new(rows, row) ||
                      json_object_set_new(row, "date", json_string(date)) ||
                      (e->end && json_object_set_new(row, "end", json_string(end))) ||
                      json_object_set_new(row, "type", json_string(kind)) ||
                      (e->text[LDRT_FIELD_ID] &&
                       json_object_set_new(row, "id", json_string(e->text[LDRT_FIELD_ID]))) ||
                      (e->text[LDRT_FIELD_DURING] &&
                       json_object_set_new(row, "during", json_string(e->text[LDRT_FIELD_DURING]))) ||
                      json_object_set_new(row, "summary", json_string(s.data)) ||
                      (e->text[LDRT_FIELD_NOTE] &&
                       json_object_set_new(row, "note", json_string(e->text[LDRT_FIELD_NOTE])));
            if (bad)
                rc = ldrt__error(LDRT_ENOMEM, "timeline: out of memory");
        } else if (format == LDRT_TIMELINE_MARKDOWN) {
            rc = ldrt__buf_printf(out, "| %s%s%s | %s | ", date, e->end ? " to " : "", end, kind);
            if (!rc)
                rc = md_cell(out, s.data);
            if (!rc)
                rc = ldrt__buf_puts(out, " |\n");
        } else {
            char when[32];
            snprintf(when, sizeof when, "%s%s%s", date, e->end ? " to " : "", end);
            rc = ldrt__buf_printf(out, "%-24s  %-12s  ", when, kind);
            if (!rc)
                rc = ldrt__buf_puts_safe(out, s.data, 0, 0);
            if (!rc)
                rc = ldrt__buf_add(out, "\n", 1);
        }
        ldrt__buf_free(&s);
    }
    ldrt__free(order);
    if (root) {
        if (!rc && keep)
            *keep = json_incref(root);
        else if (!rc)
            rc = ldrt__json_render(root, out);
        json_decref(rows);
        json_decref(root);
    }
    return rc;
}

int ldrt_timeline_render(const ldrt_patient *p, ldrt_format format, char **out, size_t *size)
{
    LDRT__CHECK_NOT_NULL(p);
    LDRT__CHECK_NOT_NULL(out);
    if (format < LDRT_TIMELINE_TEXT || format > LDRT_TIMELINE_JSON)
        return ldrt__error(LDRT_EINVAL, "format: %d is not a timeline format", format);
    ldrt__buf b = { 0 };
    int rc = ldrt__timeline_build(p, (ldrt_format)format, &b, NULL);
    if (!rc && !b.data)
        rc = ldrt__buf_add(&b, "", 0);
    if (rc) {
        ldrt__buf_free(&b);
        return rc;
    }
    *out = b.data;
    if (size)
        *size = b.len;
    return LDRT_OK;
}
