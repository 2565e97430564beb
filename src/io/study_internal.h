/*
 * The study handle, shared by its reader, writer and audit. Not installed.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_STUDY_INTERNAL_H
#define LDRT_STUDY_INTERNAL_H

#include <stddef.h>

#include "internal.h"
#include "ldrt/study.h"

struct ldrt_sdtm_options {
    char *reader;
    ldrt_criteria criteria;
};

typedef struct study_subject {
    ldrt_patient *patient; /* its id is the USUBJID */
    ldrt_date first_dose;
    ldrt_date randomization;
    int first_dose_dm; /* first_dose came from DM.RFXSTDTC */
} study_subject;

typedef struct study_unmapped {
    char domain[4];
    char *file;
    size_t row;
    char *usubjid;
    char *reason;
} study_unmapped;

struct ldrt_study {
    char *studyid;
    char *reader;
    study_subject *s;
    size_t n, cap;
    size_t *hash;      /* open addressing: subject index + 1, 0 empty */
    size_t hash_cap;
    study_unmapped *u;
    size_t nu, capu;
    char **streams;
    size_t nstreams, capstreams;
};

/* The subject of a USUBJID, created (an empty record) when absent. */
int ldrt__study_subject(ldrt_study *st, const char *usubjid, size_t *index);
/* Records an unmapped row; reason is printf-formatted. */
int ldrt__study_unmapped(ldrt_study *st, const char *domain, const char *file, size_t row,
                         const char *usubjid, const char *fmt, ...) LDRT__PRINTF(6, 7);
/* Records a reader stream found in the data (once). */
int ldrt__study_stream(ldrt_study *st, const char *stream);
/* Sorts the subjects by USUBJID and rebuilds the index. */
int ldrt__study_sort(ldrt_study *st);

#endif
