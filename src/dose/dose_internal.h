/*
 * Internal helpers of the dose module: argument checks shared by its files.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_DOSE_INTERNAL_H
#define LDRT_DOSE_INTERNAL_H

#include <math.h>

#include "internal.h"
#include "ldrt/dose.h"

/* A dose: finite and >= 0. */
#define LDRT__CHECK_DOSE(name, v)                                                   \
    do {                                                                            \
        if (!(isfinite(v) && (v) >= 0.0))                                           \
            return ldrt__error(LDRT_EINVAL, "%s: must be finite and >= 0 (got %g)", \
                               (name), (double)(v));                               \
    } while (0)

/* A strictly positive finite parameter. */
#define LDRT__CHECK_POS(name, v)                                                    \
    do {                                                                            \
        if (!(isfinite(v) && (v) > 0.0))                                            \
            return ldrt__error(LDRT_EINVAL, "%s: must be finite and > 0 (got %g)",  \
                               (name), (double)(v));                               \
    } while (0)

#define LDRT__CHECK_OUT(p) LDRT__CHECK_NOT_NULL(p)

#define LDRT__LN2 0.69314718055994530942

/* Writes a result that must be finite, or fails with ERANGE (an overflow of
 * extreme but valid arguments, such as 1e300 Gy). */
static inline int ldrt__put_finite(const char *name, double *out, double v)
{
    if (!isfinite(v))
        return ldrt__error(LDRT_ERANGE, "%s: the result is not finite (%g)", name, v);
    *out = v;
    return LDRT_OK;
}

/* A month for the recovery rules: 365.25 / 12 days. */
#define LDRT__DAYS_PER_MONTH (365.25 / 12.0)
#define LDRT__DAYS_PER_YEAR 365.25



/* Instruction-set levels of the bulk kernels. */
enum { LDRT__ISA_SCALAR = 0, LDRT__ISA_SSE2 = 1, LDRT__ISA_AVX2 = 2 };

/* Test hook: when >= 0, the kernels of the calling thread use at most this
 * level (tests run every path). Thread-local; -1 (the default) picks the best
 * level the processor supports. */
extern _Thread_local int ldrt__dose_isa_cap;

/* The level the kernels use in this thread. */
int ldrt__dose_isa(void);
#endif
