/*
 * Internal helpers of the io module: a growing text buffer, the JSON
 * printer, and the model's extra-member hook. Not installed.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_IO_INTERNAL_H
#define LDRT_IO_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "internal.h"
#include "../model/model.h"
#include "ldrt/io.h"

#include "buf.h"

/* Replaces the file at path with data atomically (src/io/atomic.c, the one
 * writer of every file the library saves): a regular file only, a symbolic
 * link followed to its target, a temporary file in the same directory with
 * a name within NAME_MAX, written, fsynced and renamed over the target;
 * stale temporaries of the same target are removed. On failure the old file
 * is intact, no temporary is left, and LDRT_EIO names why. */
int ldrt__write_file_atomic(const char *path, const char *data, size_t size);

/* Prints a JSON value: objects and arrays of scalars that fit on one line
 * are written inline, others one member per line, indented by two spaces.
 * Reals are written with the fewest digits that read back to the same
 * double, whatever the locale. Ends without a newline. */
int ldrt__json_print(ldrt__buf *b, const json_t *value);

/* Walks the JSON text beside the tree jansson built from it: 0 when every
 * key, string, number and literal of the tree is what the text says, 1 when
 * one differs (jansson lost data to a failed allocation), LDRT_ENOMEM. A
 * document nested deeper than LDRT_JSON_MAX_DEPTH is not walked (0): the
 * limits check refuses it. */
int ldrt__json_verify(const char *data, size_t size, const json_t *root);

/* Whether the JSON text holds a NUL byte, which JSON never allows (RFC 8259
 * section 7: control characters are escaped even inside strings), and where:
 * line and column (in bytes) from 1. jansson 2.14 skips one right after a
 * number or a literal (it reads [1<NUL>] as [1]), so the text is checked
 * before it is parsed. */
int ldrt__json_find_nul(const char *data, size_t size, int *line, int *column);

/* The extra-member hook the io module installs in patients it builds. */
void ldrt__json_extra_free(void *extra);

/* Builds the document of a patient (a new reference). */
int ldrt__patient_to_json(const ldrt_patient *p, json_t **out);

/* ---- the document's fields (fields.c): one table per object shape ---------------- */

/* The loading context (load.c) and the document builder (save.c). */
typedef struct ldrt__ld ldrt__ld;
typedef struct ldrt__bld ldrt__bld;

/* JSON type of a member, as the loader checks it. */
typedef enum {
    LDRT__J_STRING = 1, /* a non-empty string */
    LDRT__J_DATE,       /* a string holding an ISO 8601 date (ldrt_date_parse) */
    LDRT__J_NUMBER,     /* a number */
    LDRT__J_INT,        /* an integer from lo to hi */
    LDRT__J_BOOL,       /* true or false */
    LDRT__J_OBJECT,     /* an object, read and written by the member's load and save */
    LDRT__J_ARRAY       /* an array of at most hi items, likewise */
} ldrt__jtype;

/* A scalar member's value: s (STRING), d (DATE), n (NUMBER), i (INT), b (BOOL). */
typedef struct {
    const char *s;
    ldrt_date d;
    double n;
    int64_t i;
    int b;
} ldrt__val;

/* Which event kinds a member belongs to (bit 1 << kind); 0 in the tables of
 * other objects. */
#define LDRT__KIND(k) (1u << (k))
#define LDRT__ALL_KINDS 0x7feu

/* One member of a document object. The table of an object lists its members
 * in the order the document is written in; loading checks and sets them in
 * the same order. A scalar member has get (the value of the item: 0 when
 * absent, -1 when written as null) and set (an item's setter, called when
 * the member is present; NULL for the members the item is made from, which
 * its maker reads); a compound one (object, array) has load (load.c: builds
 * from the JSON value, with the member's name on the path) and save
 * (save.c: the JSON value, NULL when absent). */
typedef struct ldrt__field {
    const char *name;
    unsigned char type;     /* ldrt__jtype */
    unsigned char required; /* a missing member is an error ("required") */
    unsigned char nullable; /* null is read as absent, and kept ("diameter_mm": null) */
    unsigned short kinds;   /* events: LDRT__KIND() of the kinds it belongs to */
    int64_t lo, hi;         /* INT: range; ARRAY: hi, the most items */
    int (*get)(const void *item, ldrt__val *v);
    int (*set)(void *item, const ldrt__val *v);
    int (*load)(ldrt__ld *c, void *item, json_t *value);
    json_t *(*save)(ldrt__bld *b, const void *item);
} ldrt__field;

/* A table: its members and their number. */
typedef struct {
    const ldrt__field *f;
    size_t n;
} ldrt__fields;

/* The tables (fields.c). Events: one table for every kind, each member
 * marked with the kinds it belongs to. */
extern const ldrt__fields ldrt__event_fields, ldrt__agent_fields, ldrt__code_fields,
    ldrt__fraction_fields, ldrt__repeat_fields, ldrt__rx_fields, ldrt__meas_fields,
    ldrt__sul_fields, ldrt__new_lesion_fields, ldrt__rr_fields;

/* The most rows of the event table (fields.c checks it at compile time). */
#define LDRT__EVENT_FIELDS_MAX 64

/* Index of a member in a table, by name (the member of the event table for
 * kind, with kinds 0 any): -1 when none. */
int ldrt__field_find(const ldrt__fields *t, const char *name, unsigned kinds);

/* Compound members (load.c): each gets the item the member belongs to. */
int ldrt__load_agents(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_removed(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_targets(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_repeat(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_prescription(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_fractions(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_measurements(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_sul(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_non_target(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_new_lesions(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_recorded_response(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_drugs(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_event_code(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_event_site_code(ldrt__ld *c, void *e, json_t *v);
int ldrt__load_agent_code(ldrt__ld *c, void *agent_event, json_t *v);

/* Compound members (save.c). */
json_t *ldrt__save_agents(ldrt__bld *b, const void *e);
json_t *ldrt__save_removed(ldrt__bld *b, const void *e);
json_t *ldrt__save_targets(ldrt__bld *b, const void *e);
json_t *ldrt__save_repeat(ldrt__bld *b, const void *e);
json_t *ldrt__save_prescription(ldrt__bld *b, const void *e);
json_t *ldrt__save_fractions(ldrt__bld *b, const void *e);
json_t *ldrt__save_measurements(ldrt__bld *b, const void *e);
json_t *ldrt__save_sul(ldrt__bld *b, const void *e);
json_t *ldrt__save_non_target(ldrt__bld *b, const void *e);
json_t *ldrt__save_new_lesions(ldrt__bld *b, const void *e);
json_t *ldrt__save_recorded_response(ldrt__bld *b, const void *e);
json_t *ldrt__save_drugs(ldrt__bld *b, const void *e);
json_t *ldrt__save_event_code(ldrt__bld *b, const void *e);
json_t *ldrt__save_event_site_code(ldrt__bld *b, const void *e);
json_t *ldrt__save_agent_code(ldrt__bld *b, const void *agent);

#endif
