/*
 * A small builder of one patient's scans for the response suites: rows of
 * (lesion, role, state, value) per time point, fed to the array engine.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "response_rows.h"
#include "testutil.h"

tu_rows P;

void pb_reset(void) { memset(&P, 0, sizeof P); }

void pb_scan(const char *date)
{
    ck_assert_uint_lt(P.n_tp, MAXTP);
    tu_assert_ok(ldrt_date_parse(date, &P.dates[P.n_tp]));
    P.off[P.n_tp + 1] = P.off[P.n_tp];
    P.n_tp++;
}

void pb_row(int lesion, int role, int state, double value)
{
    int64_t i = P.off[P.n_tp];
    ck_assert_int_lt(i, MAXROWS);
    P.lesion[i] = lesion;
    P.role[i] = (uint8_t)role;
    P.state[i] = (uint8_t)state;
    P.value[i] = value;
    P.off[P.n_tp]++;
}
/* Shorthands: a measured target, a non-target state, a new lesion. */
void T(int l, double mm) { pb_row(l, LDRT_ROLE_TARGET, LDRT_STATE_PRESENT, mm); }
void TN(int l, double mm) { pb_row(l, LDRT_ROLE_TARGET | LDRT_ROLE_NODAL, LDRT_STATE_PRESENT, mm); }
void TS(int l, int state) { pb_row(l, LDRT_ROLE_TARGET, state, NAN); }
void NT(int l, int state) { pb_row(l, LDRT_ROLE_NON_TARGET, state, NAN); }
void NEW(int l, int state) { pb_row(l, LDRT_ROLE_NEW, state, NAN); }

ldrt_assessment *pb_assess(int criteria, const ldrt_response_options *o)
{
    ldrt_assessment *a = NULL;
    tu_assert_ok(ldrt_assess_arrays(criteria, o, P.n_tp, P.dates, P.off, P.lesion, P.role,
                                    P.state, P.value, &a));
    return a;
}

int overall_at(const ldrt_assessment *a, size_t i)
{
    ldrt_response o = -1;
    tu_assert_ok(ldrt_assessment_overall(a, i, &o));
    return o;
}

int best(const ldrt_assessment *a, int confirmed)
{
    ldrt_response b = -1;
    tu_assert_ok(ldrt_assessment_best(a, confirmed, &b));
    return b;
}

ldrt_assessment *recorded(int criteria, const ldrt_response_options *o, size_t n,
                          const int *days, const int32_t *labels)
{
    ldrt_date dates[MAXTP];
    for (size_t i = 0; i < n; i++)
        tu_assert_ok(ldrt_date_add_days(20230101, days[i], &dates[i]));
    ldrt_assessment *a = NULL;
    tu_assert_ok(ldrt_assess_recorded(criteria, o, n, dates, labels, &a));
    return a;
}
