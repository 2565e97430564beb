/*
 * Internal interface of the response module: settings, the per-patient
 * kernels of the array engine, and best-response derivation.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_RESPONSE_INTERNAL_H
#define LDRT_RESPONSE_INTERNAL_H

#include <stdint.h>

#include "internal.h"
#include "ldrt/response.h"
#include "ldrt/patient.h"

#define LDRT__N_SETTINGS 18

struct ldrt_response_options {
    double v[LDRT__N_SETTINGS];
};

/* The value of a setting (opt may be NULL: defaults). */
double ldrt__opt(const ldrt_response_options *opt, int setting);
void ldrt__options_defaults(ldrt_response_options *opt);

/* Exact arithmetic: diameters in 0.01 mm, SUL in 0.001 units. The values
 * are validated before (at most 1e7, LDRT_MAX_LENGTH_MM, LDRT_MAX_SUL); the
 * conversion is checked all the same, since a double out of int64_t's range
 * (or NaN) would make the cast undefined: it saturates at +-LDRT__FIXED_MAX
 * (NaN to -LDRT__FIXED_MAX), far beyond any valid value and still safe to add. */
#define LDRT__FIXED_MAX ((int64_t)1 << 52)
static inline int64_t ldrt__fixed(double v, double scale)
{
    double x = v * scale + 0.5;
    if (!(x > -(double)LDRT__FIXED_MAX))
        return -LDRT__FIXED_MAX;
    if (!(x < (double)LDRT__FIXED_MAX))
        return LDRT__FIXED_MAX;
    return (int64_t)x;
}
static inline int64_t ldrt__centi(double v)
{
    return ldrt__fixed(v, 100.0);
}
static inline int64_t ldrt__milli(double v)
{
    return ldrt__fixed(v, 1000.0);
}

/* Label classes shared by the three criteria families. */
enum {
    LDRT__C_NONE = 0, LDRT__C_CR, LDRT__C_PR, LDRT__C_SD, LDRT__C_NON, LDRT__C_PD,
    LDRT__C_UPD, LDRT__C_NE
};
int ldrt__label_class(int label);
int ldrt__resistance_classify(const ldrt_response_options *options, int setting,
                              ldrt_date first_dose, ldrt_date last_dose, size_t n,
                              const ldrt_date *dates, const int32_t *labels, size_t n_cut,
                              const ldrt_date *cuts, const char *const *cut_names,
                              const ldrt_date *last_span, ldrt_resistance_result **out);
int ldrt__label_family(int label); /* criteria value, 0 for NONE, -1 invalid */
int ldrt__class_label(int family, int cls);

/* Everything the kernel knows about one time point. */
typedef struct ldrt__tp {
    int32_t overall, target, non_target, rule;
    int8_t new_lesion;        /* 0 none, 1 unequivocal, 2 only equivocal */
    int8_t nt_increase;       /* a baseline non-target is marked increased */
    int8_t nlnt_increase;     /* a new non-target lesion is marked increased */
    int8_t nlnt_pd;           /* a new non-target lesion progressed unequivocally */
    int8_t target_pd;         /* the target sum meets PD against the nadir */
    int32_t n_targets, n_missing, n_new, lesion;
    int64_t sum;              /* known target sum (0.01 mm) or hottest SUL (0.001); -1 none */
    int64_t base, nadir;      /* baseline and nadir before this scan; -1 none */
    int64_t nlt_sum;          /* sum of new-lesion targets (0.01 mm) */
    int64_t liver;            /* PERCIST: mean liver SUL (0.001), -1 unknown */
    int64_t blood_pool;       /* PERCIST: blood-pool SUL (0.001), -1 unknown */
    /* RECIST: the labels without the reappearance-after-CR rule, taken when
     * the CR before was not definitively assigned (not confirmed). */
    int32_t alt_overall, alt_target, alt_non_target, alt_rule;
    int8_t reappearance_not_pd; /* the reappearance was read so */
    int32_t cr_at;            /* the CR a reappearance follows (-1) */
    /* iRECIST: at an iUPD, the categories that triggered it; at the iCPD
     * that confirms it or an iUPD that persists, the Table 2 rule(s) that
     * decided (LDRT__IW_*); iupd_at: the iUPD scan (-1). */
    uint16_t iwhy;
    int32_t iupd_at;
} ldrt__tp;

enum {
    LDRT__IW_TRIG_TARGET = 1 << 0,  /* iUPD: targets met RECIST PD */
    LDRT__IW_TRIG_NT = 1 << 1,      /* iUPD: non-targets progressed unequivocally */
    LDRT__IW_TRIG_NEW = 1 << 2,     /* iUPD: new lesions */
    LDRT__IW_TARGET_GROWTH = 1 << 3, /* target sum >= 5 mm more than at a target iUPD */
    LDRT__IW_TARGET_NEW_PD = 1 << 4, /* targets newly meet PD after a non-target iUPD */
    LDRT__IW_NT_INCREASE = 1 << 5,  /* any further non-target increase after an NT iUPD */
    LDRT__IW_NT_NEW_PD = 1 << 6,    /* non-targets newly progress after another iUPD */
    LDRT__IW_NLT_GROWTH = 1 << 7,   /* new-lesion target sum >= 5 mm more than at iUPD */
    LDRT__IW_NLNT_INCREASE = 1 << 8, /* a new non-target lesion increased */
    LDRT__IW_MORE_NEW = 1 << 9,     /* more new lesions than at the iUPD */
    LDRT__IW_PERSIST_TARGET = 1 << 10, /* iUPD persists: targets still in PD */
    LDRT__IW_PERSIST_NT = 1 << 11,  /* iUPD persists: non-targets still in PD */
    LDRT__IW_PERSIST_NEW = 1 << 12  /* iUPD persists: new lesions unchanged */
};

/* Checks rows for n_patients patients; scratch-free for the caller. */
int ldrt__validate_rows(int criteria, size_t n_patients, const int64_t *patient_offsets,
                        const int64_t *tp_offsets, const int32_t *lesion, const uint8_t *role,
                        const uint8_t *state, const double *value);

/* One patient's time points [0, n_tp), rows from tp_offsets[0] (absolute).
 * Input already validated. detail may be NULL; output arrays may be NULL. */
void ldrt__recist_patient(size_t n_tp, const int64_t *tp_offsets, const int32_t *lesion,
                          const uint8_t *role, const uint8_t *state, const double *value,
                          ldrt__tp *detail, int32_t *overall, int32_t *target,
                          int32_t *non_target, double *sum_mm, int32_t *rule);
/* iRECIST over RECIST details (detail rewritten with i-labels); days are the
 * earliest and latest day numbers of each scan. pd_from receives, for each
 * time point, the index whose date the progression dates from (or itself). */
void ldrt__irecist_patient(const ldrt_response_options *opt, size_t n_tp, const int64_t *lo,
                           const int64_t *hi, ldrt__tp *detail, int32_t *pd_from);
void ldrt__percist_patient(const ldrt_response_options *opt, size_t n_tp,
                           const int64_t *tp_offsets, const uint8_t *role,
                           const uint8_t *state, const double *value, ldrt__tp *detail);

/* Best overall response of one patient. */
enum { LDRT__READ_NONE = 0, LDRT__READ_PD, LDRT__READ_REAPPEARED, LDRT__READ_CR_SD_ROW };
typedef struct ldrt__bor {
    int32_t bor, cbor;          /* classes */
    int32_t bor_i, cbor_i, cbor_j; /* deciding time points (-1) */
    int32_t cbor_read;          /* class the confirmed best's time point was read as */
    int32_t crpr_i;             /* a CR followed by PR/SD/NON-CR: the later index (-1) */
    int32_t cr_i;               /* ... and the first CR of that run (-1) */
    int32_t cr_revised;         /* an unconfirmed CR followed by PR was read as PR */
    int32_t first_resp, first_pd, last;  /* indexes (-1) */
    int32_t first_conf_resp;    /* first CR/PR confirmed under the settings (-1) */
    int32_t read_pd, read_pd_kind; /* first time point read as PD (-1), LDRT__READ_* */
} ldrt__bor;
static inline void ldrt__bor_init(ldrt__bor *b)
{
    *b = (ldrt__bor){ LDRT__C_NONE, LDRT__C_NONE, -1, -1, -1, LDRT__C_NONE, -1, -1, 0,
                      -1, -1, -1, -1, -1, LDRT__READ_NONE };
}
/* cls: classes per time point; scratch: 2 * n ints. */
void ldrt__bor_patient(const ldrt_response_options *opt, size_t n, const int64_t *lo,
                       const int64_t *hi, const int32_t *cls, int64_t ref_lo, int64_t ref_hi,
                       int32_t *scratch, ldrt__bor *out);

/* Per-patient assessment with optional lesion names for the reasons
 * (names[lesion index], NULL entries allowed). */
int ldrt__assess_rows(int criteria, const ldrt_response_options *options, size_t n_timepoints,
                      const ldrt_date *dates, const int64_t *tp_offsets, const int32_t *lesion,
                      const uint8_t *role, const uint8_t *state, const double *value,
                      const char *const *names, size_t n_names, ldrt_assessment **out);
/* The earliest day of the reference date (0 when the assessment has none). */
int ldrt__assessment_reference(const ldrt_assessment *a, int64_t *lo);
/* Gives the assessment of a patient its follow-up (follow_up.c). */
int ldrt__assess_follow_up(const ldrt_patient *p, ldrt_assessment *a);
/* Adds a warning to an assessment (printf-style). */
int ldrt__assessment_warn(ldrt_assessment *a, const char *fmt, ...) LDRT__PRINTF(2, 3);
#endif
