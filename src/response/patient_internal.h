/*
 * Shared by the per-patient response files (patient.c, patient_course.c,
 * patient_lines.c, patient_resistance.c). Not installed.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_RESPONSE_PATIENT_INTERNAL_H
#define LDRT_RESPONSE_PATIENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt/patient.h"
#include "ldrt/response.h"

/* ---- per-scan lesion index (patient.c) ------------------------------------------
 * The patient's lesions by pointer (sorted once), and for the scan being
 * read, each lesion's measurement, non-target state and SULpeak: filled from
 * the scan's own lists, so reading every lesion of every scan costs
 * lesions + entries, not lesions x entries (and no lookup that fails, which
 * would format an error message, is made). */

typedef struct {
    uintptr_t key; /* 0: empty slot */
    int32_t idx;
} lesion_key;

typedef struct {
    size_t nl;
    lesion_key *keys;    /* open-addressing hash table, mask + 1 slots */
    size_t mask;
    int32_t *meas, *sul; /* per lesion: index in the scan's list, or -1 */
    uint8_t *nt;         /* per lesion: non-target state + 1, or 0 */
    const ldrt_event *loaded;
} scan_index;

void ldrt__pt_sx_free(scan_index *x);
int ldrt__pt_sx_init(scan_index *x, const ldrt_patient *p);
/* The index of lesion l, or -1. */
int32_t ldrt__pt_sx_find(const scan_index *x, const ldrt_lesion *l);
/* Fills the per-lesion entries from scan s. */
void ldrt__pt_sx_load(scan_index *x, const ldrt_event *s);

/* The earliest day number of a date (0 when it has none). */
int64_t ldrt__pt_lo_day(ldrt_date d);

/* ---- lines of therapy (patient_lines.c) ------------------------------------------ */

/* Dates that end a line's observation, with what ended it. */
typedef struct {
    ldrt_date *dates;
    char **names;
    size_t n, cap;
} cuts_t;

/* The narrowest ldrt_date covering every day an event can fall on. */
ldrt_date ldrt__pt_cover_date(const ldrt_event *e);
/* The systemic events that start a line of therapy, in time order. */
int ldrt__pt_find_lines(const ldrt_patient *patient, const ldrt_event ***out, size_t *count);
/* The SITC setting of a line from its intent. */
int ldrt__pt_line_setting(const ldrt_event *line);
/* The latest day (day number) a line's administrations of one drug can fall
 * on when a recorded hold of that drug ends the line: the latest day of the
 * earliest hold dated from day @p start_lo to before @p end_lo with no
 * administration of the drug in the line certainly after it (@p last_lo:
 * the largest earliest day of those administrations). INT64_MAX when no
 * hold ends the line. */
int64_t ldrt__pt_hold_bound(const ldrt_event *const *holds, size_t n_holds, int64_t start_lo,
                            int64_t end_lo, int64_t last_lo);
void ldrt__pt_cuts_free(cuts_t *c);
int ldrt__pt_collect_cuts(const ldrt_patient *p, const ldrt_event *const *lines, size_t n_lines,
                          const ldrt_event *line, cuts_t *c);
int ldrt__pt_merge_responses(const ldrt_assessment *assessment, int crit, const ldrt_event *const *ev,
                             size_t n_ev, ldrt_date first, int64_t end_lo, ldrt_date **dates_out,
                             int32_t **labels_out, size_t *m_out);

#endif /* LDRT_RESPONSE_PATIENT_INTERNAL_H */
