/*
 * The fields of the patient document, declared once: for each object shape
 * a table of its members (name, JSON type, required, limits, the kinds of
 * event it belongs to) with the item's getter and setter. The loader
 * (load.c) checks and sets the members by walking a table, the writer
 * (save.c) writes them by walking the same table in the same order, so a
 * member added here is read, written and refused on the wrong event kind
 * alike.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "io_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define TABLE(a) { (a), COUNT(a) }

/* ---- event scalars ----------------------------------------------------------------------- */

static int get_type(const void *item, ldrt__val *v)
{
    v->s = ldrt_event_kind_name(((const ldrt_event *)item)->kind);
    return v->s != NULL;
}

static int get_date(const void *item, ldrt__val *v)
{
    v->d = ((const ldrt_event *)item)->date;
    return v->d != LDRT_DATE_NONE;
}

static int get_end(const void *item, ldrt__val *v)
{
    v->d = ((const ldrt_event *)item)->end;
    return v->d != LDRT_DATE_NONE;
}

static int set_end(void *item, const ldrt__val *v)
{
    return ldrt_event_set_end(item, v->d);
}

/* The text fields share one getter and setter: arg names the field. */
static int get_text(const ldrt_event *e, int field, ldrt__val *v)
{
    v->s = e->text[field];
    return v->s != NULL;
}

#define TEXT_ACCESSORS(fn, field)                                                      \
    static int get_##fn(const void *item, ldrt__val *v) { return get_text(item, field, v); } \
    static int set_##fn(void *item, const ldrt__val *v)                                \
    {                                                                                  \
        return ldrt_event_set_text(item, field, v->s);                                 \
    }
TEXT_ACCESSORS(id, LDRT_FIELD_ID)
TEXT_ACCESSORS(site, LDRT_FIELD_SITE)
TEXT_ACCESSORS(detail, LDRT_FIELD_DETAIL)
TEXT_ACCESSORS(procedure, LDRT_FIELD_PROCEDURE)
TEXT_ACCESSORS(pathology, LDRT_FIELD_PATHOLOGY)
TEXT_ACCESSORS(regimen, LDRT_FIELD_REGIMEN)
TEXT_ACCESSORS(intent, LDRT_FIELD_INTENT)
TEXT_ACCESSORS(course_id, LDRT_FIELD_COURSE_ID)
TEXT_ACCESSORS(technique, LDRT_FIELD_TECHNIQUE)
TEXT_ACCESSORS(modality, LDRT_FIELD_MODALITY)
TEXT_ACCESSORS(term, LDRT_FIELD_TERM)
TEXT_ACCESSORS(attribution, LDRT_FIELD_ATTRIBUTION)
TEXT_ACCESSORS(reason, LDRT_FIELD_REASON)
TEXT_ACCESSORS(note, LDRT_FIELD_NOTE)
TEXT_ACCESSORS(during, LDRT_FIELD_DURING)

static int get_cycle(const void *item, ldrt__val *v)
{
    v->i = ((const ldrt_event *)item)->cycle;
    return v->i != 0;
}

static int set_cycle(void *item, const ldrt__val *v)
{
    return ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(item), (int)v->i);
}

static int get_margin(const void *item, ldrt__val *v)
{
    v->n = ((const ldrt_event *)item)->margin_mm;
    return !isnan(v->n);
}

static int set_margin(void *item, const ldrt__val *v)
{
    return ldrt_course_set_margin_mm(ldrt_event_as_course_mut(item), v->n);
}

static int get_baseline(const void *item, ldrt__val *v)
{
    v->b = ((const ldrt_event *)item)->baseline;
    return v->b >= 0;
}

static int set_baseline(void *item, const ldrt__val *v)
{
    return ldrt_scan_set_baseline(ldrt_event_as_scan_mut(item), v->b);
}

static int get_liver(const void *item, ldrt__val *v)
{
    v->n = ((const ldrt_event *)item)->liver_sul_mean;
    return !isnan(v->n);
}

static int set_liver(void *item, const ldrt__val *v)
{
    return ldrt_scan_set_liver_sul_mean(ldrt_event_as_scan_mut(item), v->n);
}

static int get_blood_pool(const void *item, ldrt__val *v)
{
    v->n = ((const ldrt_event *)item)->blood_pool_sul;
    return !isnan(v->n);
}

static int set_blood_pool(void *item, const ldrt__val *v)
{
    return ldrt_scan_set_blood_pool_sul(ldrt_event_as_scan_mut(item), v->n);
}

static int get_grade(const void *item, ldrt__val *v)
{
    v->i = ((const ldrt_event *)item)->grade;
    return v->i != 0;
}

static int set_grade(void *item, const ldrt__val *v)
{
    return ldrt_event_set_grade(item, (int)v->i);
}

static int get_resolved(const void *item, ldrt__val *v)
{
    v->d = ((const ldrt_event *)item)->resolved;
    return v->d != LDRT_DATE_NONE;
}

static int set_resolved(void *item, const ldrt__val *v)
{
    return ldrt_event_set_resolved(item, v->d);
}

static int get_hold_kind(const void *item, ldrt__val *v)
{
    const ldrt_event *e = item;
    v->s = e->hold_kind ? ldrt_hold_kind_name(e->hold_kind) : NULL;
    return v->s != NULL;
}

static int set_hold_kind(void *item, const ldrt__val *v)
{
    ldrt_hold_kind kind;
    if (ldrt_hold_kind_parse(v->s, &kind))
        return ldrt__error(LDRT_EINVAL, "kind: \"%.40s\" is not holiday or discontinued", v->s);
    return ldrt_event_set_hold_kind(item, kind);
}

static int get_new_therapy(const void *item, ldrt__val *v)
{
    int flag = ((const ldrt_event *)item)->new_therapy;
    v->b = flag == 1;
    return flag != 0;
}

static int set_new_therapy(void *item, const ldrt__val *v)
{
    ldrt_event *e = item;
    int rc = ldrt_event_set_new_therapy(e, v->b);
    if (!rc)
        e->new_therapy = v->b ? 1 : -1; /* false is kept on a round trip */
    return rc;
}

/* ---- the event table --------------------------------------------------------------------- */

#define K(k) LDRT__KIND(LDRT_EVENT_##k)
#define K_DX (K(DIAGNOSIS) | K(RECURRENCE) | K(PROGRESSION))
#define K_SYS K(SYSTEMIC)
#define K_RT K(RADIOTHERAPY)
#define K_IMG K(IMAGING)
#define K_TOX K(TOXICITY)
#define K_HOLD K(HOLD)
#define K_SURG K(SURGERY)

/* A text member of the kinds k (the model checks the kind again). */
#define TEXT(nm, fn, k) { .name = nm, .type = LDRT__J_STRING, .kinds = (k), .get = get_##fn, .set = set_##fn }
#define SCALAR(nm, t, k, fn) { .name = nm, .type = (t), .kinds = (k), .get = get_##fn, .set = set_##fn }
#define INT(nm, k, fn, l, h) { .name = nm, .type = LDRT__J_INT, .kinds = (k), .lo = (l), .hi = (h), \
                               .get = get_##fn, .set = set_##fn }
#define COMPOUND(nm, t, k, fn, most) { .name = nm, .type = (t), .kinds = (k), .hi = (most), \
                                       .load = ldrt__load_##fn, .save = ldrt__save_##fn }

/* In the order of the document. A member of several kinds at different
 * places (site, intent, modality) has one row per place. type and date are
 * what an event is made from (no setter). */
static const ldrt__field event_fields[] = {
    { .name = "type", .type = LDRT__J_STRING, .required = 1, .kinds = LDRT__ALL_KINDS, .get = get_type },
    { .name = "date", .type = LDRT__J_DATE, .required = 1, .kinds = LDRT__ALL_KINDS, .get = get_date },
    SCALAR("end", LDRT__J_DATE, LDRT__ALL_KINDS, end),
    TEXT("id", id, LDRT__ALL_KINDS),
    /* diagnosis, recurrence, progression */
    TEXT("site", site, K_DX),
    TEXT("detail", detail, K_DX),
    /* surgery */
    TEXT("procedure", procedure, K_SURG),
    TEXT("site", site, K_SURG),
    TEXT("pathology", pathology, K_SURG),
    COMPOUND("lesions", LDRT__J_ARRAY, K_SURG, removed, LDRT_MAX_ITEMS),
    /* systemic */
    COMPOUND("agents", LDRT__J_ARRAY, K_SYS, agents, LDRT_MAX_ITEMS),
    TEXT("regimen", regimen, K_SYS),
    INT("cycle", K_SYS, cycle, 1, 100000),
    TEXT("intent", intent, K_SYS),
    COMPOUND("repeat", LDRT__J_OBJECT, K_SYS, repeat, 0),
    /* radiotherapy */
    TEXT("course_id", course_id, K_RT),
    COMPOUND("targets", LDRT__J_ARRAY, K_RT, targets, LDRT_MAX_ITEMS),
    TEXT("site", site, K_RT),
    TEXT("technique", technique, K_RT),
    TEXT("modality", modality, K_RT),
    TEXT("intent", intent, K_RT),
    SCALAR("margin_mm", LDRT__J_NUMBER, K_RT, margin),
    COMPOUND("prescription", LDRT__J_OBJECT, K_RT, prescription, 0),
    COMPOUND("fractions", LDRT__J_ARRAY, K_RT, fractions, LDRT_MAX_FRACTIONS),
    /* imaging */
    TEXT("modality", modality, K_IMG),
    SCALAR("baseline", LDRT__J_BOOL, K_IMG, baseline),
    COMPOUND("measurements", LDRT__J_ARRAY, K_IMG, measurements, LDRT_MAX_ITEMS),
    COMPOUND("sul_peak", LDRT__J_ARRAY, K_IMG, sul, LDRT_MAX_ITEMS),
    SCALAR("liver_sul_mean", LDRT__J_NUMBER, K_IMG, liver),
    SCALAR("blood_pool_sul", LDRT__J_NUMBER, K_IMG, blood_pool),
    COMPOUND("non_target", LDRT__J_OBJECT, K_IMG, non_target, 0),
    COMPOUND("new_lesions", LDRT__J_ARRAY, K_IMG, new_lesions, LDRT_MAX_ITEMS),
    COMPOUND("recorded_response", LDRT__J_OBJECT, K_IMG, recorded_response, 0),
    /* toxicity */
    TEXT("term", term, K_TOX),
    INT("grade", K_TOX, grade, 1, 5),
    TEXT("attribution", attribution, K_TOX),
    SCALAR("resolved", LDRT__J_DATE, K_TOX, resolved),
    TEXT("during", during, K_TOX), /* checked once every event is in (load.c) */
    /* hold */
    SCALAR("kind", LDRT__J_STRING, K_HOLD, hold_kind),
    COMPOUND("drugs", LDRT__J_ARRAY, K_HOLD, drugs, LDRT_MAX_ITEMS),
    TEXT("reason", reason, K_HOLD),
    /* every kind (the model refuses a code on a note); a site code where
     * there is a site */
    COMPOUND("code", LDRT__J_OBJECT, LDRT__ALL_KINDS, event_code, 0),
    COMPOUND("site_code", LDRT__J_OBJECT, K_DX | K_SURG | K_RT, event_site_code, 0),
    SCALAR("new_therapy", LDRT__J_BOOL, K_SURG | K_SYS | K_RT, new_therapy),
    TEXT("note", note, LDRT__ALL_KINDS),
};
const ldrt__fields ldrt__event_fields = TABLE(event_fields);
_Static_assert(COUNT(event_fields) <= LDRT__EVENT_FIELDS_MAX, "the loader's row array is too small");

/* ---- members of the objects inside events ---------------------------------------------------- */

/* The members an item is made from have no setter: its loader reads them
 * from the table (in order) and makes the item with them. */

static int get_agent_drug(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__agent *)item)->drug;
    return v->s != NULL;
}

static int get_agent_dose(const void *item, ldrt__val *v)
{
    v->n = ((const ldrt__agent *)item)->dose;
    return !isnan(v->n);
}

static int get_agent_unit(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__agent *)item)->unit;
    return v->s != NULL;
}

/* agents[]: the code's load gets the series (its last agent), its save the agent. */
static const ldrt__field agent_fields[] = {
    { .name = "drug", .type = LDRT__J_STRING, .required = 1, .get = get_agent_drug },
    { .name = "dose", .type = LDRT__J_NUMBER, .get = get_agent_dose },
    { .name = "unit", .type = LDRT__J_STRING, .get = get_agent_unit },
    { .name = "code", .type = LDRT__J_OBJECT, .load = ldrt__load_agent_code,
      .save = ldrt__save_agent_code },
};
const ldrt__fields ldrt__agent_fields = TABLE(agent_fields);

static int get_code_system(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__code *)item)->system;
    return v->s != NULL;
}

static int get_code_code(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__code *)item)->code;
    return v->s != NULL;
}

static int get_code_display(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__code *)item)->display;
    return v->s != NULL;
}

/* code, site_code (of events, diagnoses, lesions, agents). */
static const ldrt__field code_fields[] = {
    { .name = "system", .type = LDRT__J_STRING, .required = 1, .get = get_code_system },
    { .name = "code", .type = LDRT__J_STRING, .required = 1, .get = get_code_code },
    { .name = "display", .type = LDRT__J_STRING, .get = get_code_display },
};
const ldrt__fields ldrt__code_fields = TABLE(code_fields);

static int get_fraction_date(const void *item, ldrt__val *v)
{
    v->d = ((const ldrt_fraction *)item)->date;
    return v->d != LDRT_DATE_NONE;
}

static int get_fraction_dose(const void *item, ldrt__val *v)
{
    v->n = ((const ldrt_fraction *)item)->dose_gy;
    return !isnan(v->n);
}

/* fractions[] of a course. */
static const ldrt__field fraction_fields[] = {
    { .name = "date", .type = LDRT__J_DATE, .required = 1, .get = get_fraction_date },
    { .name = "dose_gy", .type = LDRT__J_NUMBER, .required = 1, .get = get_fraction_dose },
};
const ldrt__fields ldrt__fraction_fields = TABLE(fraction_fields);

static int get_every_days(const void *item, ldrt__val *v)
{
    v->i = ((const ldrt_event *)item)->repeat_every_days;
    return 1;
}

static int get_count(const void *item, ldrt__val *v)
{
    v->i = ((const ldrt_event *)item)->repeat_count;
    return 1;
}

static int get_repeat_dates(const void *item, ldrt__val *v)
{
    v->s = "unknown";
    return ((const ldrt_event *)item)->repeat_undated;
}

static int get_repeat_until(const void *item, ldrt__val *v)
{
    v->d = ((const ldrt_event *)item)->repeat_until;
    return v->d != LDRT_DATE_NONE;
}

/* repeat of a series (the item is the series); dates ("unknown" only) and
 * until are checked by its loader. */
static const ldrt__field repeat_fields[] = {
    { .name = "every_days", .type = LDRT__J_INT, .required = 1, .lo = 1,
      .hi = LDRT_MAX_REPEAT_EVERY_DAYS, .get = get_every_days },
    { .name = "count", .type = LDRT__J_INT, .required = 1, .lo = 1, .hi = LDRT_MAX_REPEAT_COUNT,
      .get = get_count },
    { .name = "dates", .type = LDRT__J_STRING, .get = get_repeat_dates },
    { .name = "until", .type = LDRT__J_DATE, .get = get_repeat_until },
};
const ldrt__fields ldrt__repeat_fields = TABLE(repeat_fields);

static int get_rx_total(const void *item, ldrt__val *v)
{
    v->n = ((const ldrt_event *)item)->rx_total_gy;
    return 1;
}

static int get_rx_fractions(const void *item, ldrt__val *v)
{
    v->i = ((const ldrt_event *)item)->rx_fractions;
    return 1;
}

static int get_rx_schedule(const void *item, ldrt__val *v)
{
    v->s = ldrt_schedule_name(((const ldrt_event *)item)->rx_schedule);
    return v->s != NULL;
}

/* prescription of a course (the item is the course). */
static const ldrt__field rx_fields[] = {
    { .name = "total_gy", .type = LDRT__J_NUMBER, .required = 1, .get = get_rx_total },
    { .name = "fractions", .type = LDRT__J_INT, .required = 1, .lo = 1, .hi = LDRT_MAX_FRACTIONS,
      .get = get_rx_fractions },
    { .name = "schedule", .type = LDRT__J_STRING, .required = 1, .get = get_rx_schedule },
};
const ldrt__fields ldrt__rx_fields = TABLE(rx_fields);

static int get_meas_lesion(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__measurement *)item)->lesion->id;
    return 1;
}

static int get_meas_diameter(const void *item, ldrt__val *v)
{
    const ldrt__measurement *m = item;
    v->n = m->diameter_mm;
    return !isnan(v->n) ? 1 : m->diameter_null ? -1 : 0;
}

static int get_meas_too_small(const void *item, ldrt__val *v)
{
    v->b = ((const ldrt__measurement *)item)->too_small;
    return v->b >= 0;
}

/* measurements[] (diameter_mm may also be null: not evaluated). */
static const ldrt__field meas_fields[] = {
    { .name = "lesion", .type = LDRT__J_STRING, .required = 1, .get = get_meas_lesion },
    { .name = "diameter_mm", .type = LDRT__J_NUMBER, .nullable = 1, .get = get_meas_diameter },
    { .name = "too_small", .type = LDRT__J_BOOL, .get = get_meas_too_small },
};
const ldrt__fields ldrt__meas_fields = TABLE(meas_fields);

static int get_sul_lesion(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__sul *)item)->lesion->id;
    return 1;
}

static int get_sul_value(const void *item, ldrt__val *v)
{
    v->n = ((const ldrt__sul *)item)->value;
    return !isnan(v->n);
}

/* sul_peak[]. */
static const ldrt__field sul_fields[] = {
    { .name = "lesion", .type = LDRT__J_STRING, .required = 1, .get = get_sul_lesion },
    { .name = "value", .type = LDRT__J_NUMBER, .required = 1, .get = get_sul_value },
};
const ldrt__fields ldrt__sul_fields = TABLE(sul_fields);

static int get_new_id(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__new_lesion *)item)->id;
    return v->s != NULL;
}

static int get_new_site(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt__new_lesion *)item)->site;
    return v->s != NULL;
}

static int get_new_diameter(const void *item, ldrt__val *v)
{
    v->n = ((const ldrt__new_lesion *)item)->diameter_mm;
    return !isnan(v->n);
}

/* new_lesions[]. */
static const ldrt__field new_lesion_fields[] = {
    { .name = "id", .type = LDRT__J_STRING, .required = 1, .get = get_new_id },
    { .name = "site", .type = LDRT__J_STRING, .get = get_new_site },
    { .name = "diameter_mm", .type = LDRT__J_NUMBER, .get = get_new_diameter },
};
const ldrt__fields ldrt__new_lesion_fields = TABLE(new_lesion_fields);

static int get_rr_criteria(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt_event *)item)->rr_criteria;
    return v->s != NULL;
}

static int get_rr_overall(const void *item, ldrt__val *v)
{
    v->s = ((const ldrt_event *)item)->rr_overall;
    return v->s != NULL;
}

/* recorded_response of a scan (the item is the scan). */
static const ldrt__field rr_fields[] = {
    { .name = "criteria", .type = LDRT__J_STRING, .required = 1, .get = get_rr_criteria },
    { .name = "overall", .type = LDRT__J_STRING, .required = 1, .get = get_rr_overall },
};
const ldrt__fields ldrt__rr_fields = TABLE(rr_fields);

int ldrt__field_find(const ldrt__fields *t, const char *name, unsigned kinds)
{
    for (size_t i = 0; i < t->n; i++) {
        const ldrt__field *f = &t->f[i];
        if ((kinds == 0 || (f->kinds & kinds)) && f->name[0] == name[0] && strcmp(f->name, name) == 0)
            return (int)i;
    }
    return -1;
}
