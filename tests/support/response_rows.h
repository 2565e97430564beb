/*
 * A small builder of one patient's scans for the response suites (see
 * response_rows.c). Every call checks its own result with Check.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_TEST_RESPONSE_ROWS_H
#define LDRT_TEST_RESPONSE_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "ldrt.h"

#define MAXROWS 256
#define MAXTP 32
typedef struct {
    size_t n_tp;
    ldrt_date dates[MAXTP];
    int64_t off[MAXTP + 1];
    int32_t lesion[MAXROWS];
    uint8_t role[MAXROWS], state[MAXROWS];
    double value[MAXROWS];
} tu_rows;

/* The patient being built. */
extern tu_rows P;

void pb_reset(void);
/* Starts a time point on date ("YYYY-MM-DD"). */
void pb_scan(const char *date);
/* Adds a row to the current time point. */
void pb_row(int lesion, int role, int state, double value);
/* Shorthands: a measured target, a measured nodal target, a target's state,
 * a non-target state, a new lesion. */
void T(int l, double mm);
void TN(int l, double mm);
void TS(int l, int state);
void NT(int l, int state);
void NEW(int l, int state);
/* The assessment of the rows built (ldrt_assess_arrays()); the caller frees it. */
ldrt_assessment *pb_assess(int criteria, const ldrt_response_options *o);
/* The overall response at time point i. */
int overall_at(const ldrt_assessment *a, size_t i);
/* The best overall response (confirmed or not). */
int best(const ldrt_assessment *a, int confirmed);
/* An assessment of recorded labels on days after 2023-01-01 (ldrt_assess_recorded()). */
ldrt_assessment *recorded(int criteria, const ldrt_response_options *o, size_t n,
                          const int *days, const int32_t *labels);

#define ck_label(got, want)                                                               \
    ck_assert_msg((int)(got) == (int)(want), "got %s, want %s", ldrt_response_label_name(got), \
                  ldrt_response_label_name(want))

#endif /* LDRT_TEST_RESPONSE_ROWS_H */
