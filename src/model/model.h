/*
 * The patient record's internal structures. Not installed.
 *
 * Other modules of the library (dose, response, io) may READ these structures
 * directly for speed; every change goes through the public mutation functions
 * (or the ldrt__ helpers below), which keep the invariants:
 *  - patient->events is sorted by (date, seq): the date ordering rule of
 *    common.h, stable by insertion sequence;
 *  - every event's lo/hi is the span (day numbers, days since 1970-01-01) of
 *    the days it can fall on; the same for fractions;
 *  - a series (systemic event with repeat_count > 0) owns admins[0..count-1],
 *    generated events with parent == the series; they are NOT in
 *    patient->events; a generated event reads agents and text fields from
 *    its parent (use ldrt__src());
 *  - a course owns fractions[], in time order; prescribed ones have
 *    expanded = 1;
 *  - lesion pointers in events always point to lesions of the same patient.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_MODEL_H
#define LDRT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/patient.h"
#include "ldrt/code.h"

/* Number of text fields (ldrt_event_field values are 1 .. LDRT__FIELD_COUNT - 1). */
#define LDRT__FIELD_COUNT 16

/* A typed handle (ldrt_course, ldrt_scan, ldrt_systemic) is the address of its
 * event: struct ldrt_course and its siblings are never defined, so the handle
 * cannot be read except by converting it back here. Internal code converts
 * without the kind check once it has checked the kind itself. */
#define LDRT__EV(h) ((ldrt_event *)(void *)(h))
#define LDRT__CEV(h) ((const ldrt_event *)(const void *)(h))
#define LDRT__COURSE(e) ((ldrt_course *)(void *)(e))
#define LDRT__CCOURSE(e) ((const ldrt_course *)(const void *)(e))
#define LDRT__SCAN(e) ((ldrt_scan *)(void *)(e))
#define LDRT__CSCAN(e) ((const ldrt_scan *)(const void *)(e))
#define LDRT__SYSTEMIC(e) ((ldrt_systemic *)(void *)(e))
#define LDRT__CSYSTEMIC(e) ((const ldrt_systemic *)(const void *)(e))

/* Unknown members of a document object, kept for a round trip. Owned by the
 * object; freed with patient->extra_free (set by the io module); the model
 * never looks inside. NULL when there are none. */
typedef void *ldrt__extra;

/* A code on an item (code.c): system URI, code, optional display, and the
 * unknown members of the document's code object. */
typedef struct ldrt__code {
    char *system, *code, *display;
    ldrt__extra extra;
} ldrt__code;
/* Codes of an item, indexed by ldrt_code_of (1 term, 2 site; 0 unused). */
#define LDRT__N_CODES 3

/* A string-keyed index of items (see index.c); keys are borrowed from the items. */
typedef struct ldrt__index_slot {
    const char *key;
    void *item;   /* NULL: empty slot */
} ldrt__index_slot;

typedef struct ldrt__index {
    ldrt__index_slot *slots;
    size_t cap, n, tombs;
} ldrt__index;

/* The item under key, or NULL. */
void *ldrt__index_find(const ldrt__index *x, const char *key);
/* Makes room for `more` additions (the only call that allocates). */
int ldrt__index_reserve(ldrt__index *x, size_t more);
/* Adds an item (room reserved; key not present). */
void ldrt__index_add(ldrt__index *x, const char *key, void *item);
/* Removes an item stored under key. */
void ldrt__index_remove(ldrt__index *x, const char *key, const void *item);
void ldrt__index_free(ldrt__index *x);

struct ldrt_lesion {
    ldrt_patient *patient;
    char *id;
    char *site;
    char *organ;
    int nodal;      /* -1 not recorded, 0, 1 */
    ldrt_lesion_role category;   /* NONE, TARGET, NON_TARGET or NEW */
    ldrt__code *codes[LDRT__N_CODES];
    ldrt__extra extra;
};

typedef struct ldrt__marker {
    char *name;
    char *value;
} ldrt__marker;

struct ldrt_diagnosis {
    ldrt_patient *patient;
    ldrt_date date;
    char *condition;
    char *site;
    char *stage;
    size_t n_markers;
    ldrt__marker *markers;
    int markers_present;  /* a "markers" object was given (even empty) */
    ldrt__code *codes[LDRT__N_CODES];
    ldrt__extra extra;
};

typedef struct ldrt__agent {
    char *drug;
    double dose;      /* NAN when absent */
    char *unit;       /* NULL when absent */
    ldrt__code *code; /* the drug's code, NULL when absent */
    ldrt__extra extra;
} ldrt__agent;

struct ldrt_fraction {
    ldrt_event *course;
    size_t index;
    ldrt_date date;
    int64_t lo, hi;   /* span of days it can fall on */
    double dose_gy;
    int expanded;     /* generated from a prescription */
    ldrt__extra extra;
};

typedef struct ldrt__measurement {
    ldrt_lesion *lesion;
    double diameter_mm;  /* NAN when absent or null */
    int diameter_null;   /* written as "diameter_mm": null */
    int too_small;       /* -1 absent, 0, 1 */
    ldrt__extra extra;
} ldrt__measurement;

typedef struct ldrt__sul {
    ldrt_lesion *lesion;
    double value;
    ldrt__extra extra;
} ldrt__sul;

typedef struct ldrt__non_target {
    ldrt_lesion *lesion;
    ldrt_lesion_state state;  /* PRESENT, ABSENT, PROGRESSION or NOT_EVALUATED */
} ldrt__non_target;

typedef struct ldrt__new_lesion {
    char *id;
    char *site;
    double diameter_mm;  /* NAN when absent */
    ldrt__extra extra;
} ldrt__new_lesion;

struct ldrt_event {
    ldrt_patient *patient;
    int kind;
    ldrt_date date;
    ldrt_date end;        /* LDRT_DATE_NONE when absent */
    int64_t lo, hi;       /* span of days of date (or of a generated item) */
    uint64_t seq;         /* insertion sequence (stable order) */
    char *text[LDRT__FIELD_COUNT];

    /* systemic */
    size_t n_agents;
    ldrt__agent *agents;
    int cycle;            /* 0 absent */
    int repeat_every_days, repeat_count;  /* 0 absent */
    int repeat_undated;   /* 1: "dates": "unknown", the series has no admins */
    ldrt_date repeat_until; /* "until" of an undated series, or LDRT_DATE_NONE */
    ldrt__extra repeat_extra;
    size_t n_admins;
    ldrt_event **admins;
    ldrt_event *parent;   /* series of a generated administration */
    size_t admin_index;

    /* hold */
    int hold_kind;        /* 0 absent */
    size_t n_drugs;
    char **drugs;

    /* surgery */
    size_t n_removed;
    ldrt_lesion **removed;

    /* radiotherapy */
    size_t n_targets;
    ldrt_lesion **targets;
    double margin_mm;     /* NAN absent */
    int has_rx;
    double rx_total_gy;
    int rx_fractions, rx_schedule;
    ldrt__extra rx_extra;
    size_t n_fractions;
    ldrt_fraction **fractions;

    /* imaging */
    int baseline;         /* -1 absent */
    size_t n_meas;
    ldrt__measurement *meas;
    size_t n_sul;
    ldrt__sul *sul;
    double liver_sul_mean;  /* NAN absent */
    double blood_pool_sul;  /* NAN absent */
    size_t n_nt;
    ldrt__non_target *nt;
    int new_lesions_present;
    size_t n_new;
    ldrt__new_lesion *newl;
    char *rr_criteria, *rr_overall;
    ldrt__extra rr_extra;

    /* systemic, radiotherapy, surgery: starts a new anticancer therapy
     * (1), says it does not (-1), absent (0) */
    int new_therapy;

    /* toxicity */
    int grade;            /* 0 absent */
    ldrt_date resolved;   /* LDRT_DATE_NONE absent */

    ldrt__code *codes[LDRT__N_CODES];  /* recorded events only */
    ldrt__extra extra;
};

struct ldrt_patient {
    char *id;
    char *sex;
    ldrt_date birth_date;
    ldrt_date death_date;     /* LDRT_DATE_NONE absent */
    char *death_cause;
    ldrt_date last_contact;   /* date last known alive; LDRT_DATE_NONE absent */
    size_t n_diagnoses;
    ldrt_diagnosis **diagnoses;
    int diagnoses_present;  /* a "diagnoses" list was given (even empty) */
    size_t n_lesions;
    ldrt_lesion **lesions;
    int lesions_present;
    size_t n_events;
    ldrt_event **events;    /* sorted by (date, seq) */
    uint64_t next_seq;
    size_t n_generated;     /* administrations + prescribed fractions */
    ldrt__extra extra;          /* unknown top-level members */
    ldrt__extra patient_extra;  /* unknown members of "patient" */
    void (*extra_free)(void *extra);
    ldrt__index lesion_ids;   /* lesions by id */
    ldrt__index event_ids;    /* recorded events by id */
    ldrt__index course_ids;   /* radiotherapy events by course_id */
};

/* The event whose agents and text a (possibly generated) event reads. */
static inline const ldrt_event *ldrt__src(const ldrt_event *e)
{
    return e->parent ? e->parent : e;
}

/* Day numbers of a date's span (valid date). */
void ldrt__date_span(ldrt_date d, int64_t *lo, int64_t *hi);
/* Full date of a day number (within years 1-9999). */
ldrt_date ldrt__date_of_day(int64_t day);
/* A lesion of the patient by id, or NULL. */
ldrt_lesion *ldrt__find_lesion(const ldrt_patient *p, const char *id);
/* Frees an extra through the patient's hook (NULL is fine). */
void ldrt__extra_free(ldrt_patient *p, ldrt__extra extra);
/* Whether a text field applies to a kind. */
int ldrt__field_allowed(int kind, int field);
/* 1 when overall is a label of criteria, 0 when not, -1 for unknown criteria. */
/* The state a measurement records (present, not evaluated, too small). */
ldrt_lesion_state ldrt__measurement_state(const ldrt__measurement *m);
/* 1 when a non-target lesion can have this state (present, absent,
 * unequivocal progression, not evaluated). */
int ldrt__non_target_state_ok(int state);
/* Makes room for element n (arrays grow by doubling; capacity implicit). */
int ldrt__reserve(void **array, size_t n, size_t elem);
/* Non-NULL, non-empty text, or an EINVAL naming it. */
int ldrt__check_text(const char *value, const char *name);
/* Replaces *slot by a copy of value (NULL clears; empty refused). */
int ldrt__set_text(char **slot, const char *value, const char *name);
/* A valid date, or an EINVAL naming it. */
int ldrt__check_date(ldrt_date d, const char *name);
/* Overall time of a course with fractions (days, min and max). */
int ldrt__course_ott(const ldrt_event *e, int64_t *min_days, int64_t *max_days);
/* Frees a recorded event and all it holds. */
void ldrt__event_free(ldrt_event *e);

/* code.c: frees a code, or the codes of an item (and clears them). */
void ldrt__code_free(ldrt_patient *p, ldrt__code *c);
void ldrt__codes_free(ldrt_patient *p, ldrt__code **codes);

/* vital.c: the last day the patient is known alive (span lo..hi): the later
 * of last_contact and the last event that shows the patient alive (*event,
 * NULL when last_contact decides); 0 when neither is recorded. */
int ldrt__last_known_alive(const ldrt_patient *p, int64_t *lo, int64_t *hi, const ldrt_event **event);
/* vital.c: LDRT_OK when a birth date is not after the death or last contact. */
int ldrt__check_birth(const ldrt_patient *p, ldrt_date birth);
/* The first event flagged new_therapy whose earliest day is after after_lo. */
const ldrt_event *ldrt__new_therapy_after(const ldrt_patient *p, int64_t after_lo);

/* The members of "patient" the format does not name (a jansson object,
 * borrowed; NULL when none), for the report. */
const void *ldrt__patient_extra(const ldrt_patient *p);

/* ---- shared by the event files (event.c, systemic.c, course.c, scan.c) ---- */

#define LDRT__DAYS_MAX INT64_C(2932896) /* 9999-12-31 */

/* Sets up a fresh event of kind at date (no allocation). */
void ldrt__event_init(ldrt_event *e, ldrt_patient *p, int kind, ldrt_date date);
/* Frees the first n generated administrations of a series, and the array. */
void ldrt__free_admins(ldrt_event **admins, size_t n);
/* Frees the first n fractions of a course, and the array. */
void ldrt__free_fractions(ldrt_patient *p, ldrt_fraction **f, size_t n);
/* Errors when the event is not of kind (what names the field). */
int ldrt__event_check_kind(const ldrt_event *e, int kind, const char *what);
/* Errors when the event is a generated administration (changed through its series). */
int ldrt__event_check_recorded(const ldrt_event *e, const char *what);
/* Returns from the calling mutation unless e is non-NULL, recorded and of kind. */
#define LDRT__EVENT_CHECK(e, kind, what)                         \
    do {                                                         \
        LDRT__CHECK_NOT_NULL(e);                                 \
        int rc_ = ldrt__event_check_recorded((e), (what));       \
        if (!rc_)                                                \
            rc_ = ldrt__event_check_kind((e), (kind), (what));   \
        if (rc_)                                                 \
            return rc_;                                          \
    } while (0)
/* A value of a quantity: finite, above min (or at it when min_inclusive), and
 * at most max, the quantity's limit of ldrt/limits.h ("absurd but finite"). */
int ldrt__check_finite(double v, double min, int min_inclusive, double max, const char *name);
/* The lesion of p named id, or NULL with *rc set (name names the argument). */
ldrt_lesion *ldrt__lesion_arg(ldrt_patient *p, const char *id, const char *name, int *rc);
/* Adds the lesion named id to an event's lesion list (no duplicates). */
int ldrt__add_lesion_ref(ldrt_event *e, ldrt_lesion ***list, size_t *n, const char *id,
                         const char *name);
/* The date of day at the precision of like (a month or year date stays one). */
ldrt_date ldrt__at_precision(int64_t day, ldrt_date like);
/* Builds the administrations of a series starting at (date, lo, hi). */
int ldrt__build_admins(ldrt_event *e, ldrt_date date, int every, int count, ldrt_event ***out);
/* Builds the prescribed fractions of a course from date (to end, may be NONE). */
int ldrt__build_rx(ldrt_event *e, ldrt_date date, ldrt_date end, double total_gy, int n,
                   int schedule, ldrt_fraction ***out);
/* A fraction span [lo, hi] fits a course from date to end (may be NONE). */
int ldrt__fraction_fits(ldrt_date date, ldrt_date end, int64_t lo, int64_t hi);

#endif /* LDRT_MODEL_H */
