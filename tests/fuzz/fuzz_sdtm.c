/*
 * libFuzzer harness for the CSV reader and writer and the SDTM study reader:
 * - any bytes parsed as CSV never crash or leak; a table that parses,
 *   written back by the CSV writer, parses to the same cells;
 * - the input, cut at 0xFF bytes into tu.csv, tr.csv, rs.csv and dm.csv,
 *   read as an SDTM study never crashes; a study that reads is audited
 *   (RECIST 1.1), written as SDTM, and the written files read again.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ldrt.h"
#include "../io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir_in[64], dir_out[64];

static void setup(void)
{
    if (dir_in[0])
        return;
    strcpy(dir_in, "/tmp/ldrt-fuzz-sdtm-XXXXXX");
    strcpy(dir_out, "/tmp/ldrt-fuzz-sdtm-XXXXXX");
    if (!mkdtemp(dir_in) || !mkdtemp(dir_out))
        abort();
}

static void csv_round_trip(const char *text, size_t size)
{
    ldrt__csv *c = NULL;
    if (ldrt__csv_parse(text, size, "fuzz.csv", &c) != LDRT_OK)
        return;
    ldrt__csv_writer w;
    ldrt__csv_writer_init(&w, (const char *const *)c->cell, c->cols);
    for (size_t r = 0; r < c->rows; r++) {
        for (size_t k = 0; k < c->cols; k++)
            ldrt__csv_field(&w, ldrt__csv_get(c, r, (int)k));
        ldrt__csv_end_row(&w);
    }
    char *out = NULL;
    size_t len = 0;
    if (ldrt__csv_writer_finish(&w, &out, &len) != LDRT_OK)
        abort();
    ldrt__csv *d = NULL;
    if (ldrt__csv_parse(out, len, "again.csv", &d) != LDRT_OK)
        abort();
    if (d->rows != c->rows || d->cols != c->cols)
        abort();
    for (size_t k = 0; k < c->cols; k++)
        if (strcmp(c->cell[k], d->cell[k]) != 0)
            abort();
    for (size_t r = 0; r < c->rows; r++)
        for (size_t k = 0; k < c->cols; k++) {
            const char *a = ldrt__csv_get(c, r, (int)k), *b = ldrt__csv_get(d, r, (int)k);
            if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
                abort();
        }
    ldrt__csv_free(d);
    ldrt_free(out);
    ldrt__csv_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    csv_round_trip((const char *)data, size);
    static const char *const names[] = { "tu.csv", "tr.csv", "rs.csv", "dm.csv" };
    size_t start = 0;
    for (size_t k = 0; k < 4; k++) {
        size_t end = start;
        while (end < size && data[end] != 0xFF)
            end++;
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir_in, names[k]);
        FILE *f = fopen(path, "wb");
        if (!f)
            abort();
        if (end > start)
            fwrite(data + start, 1, end - start, f);
        fclose(f);
        start = end < size ? end + 1 : end;
    }
    ldrt_study *st = NULL;
    if (ldrt_study_read_sdtm(dir_in, NULL, &st) != LDRT_OK)
        return 0;
    ldrt_study_audit *a = NULL;
    if (ldrt_study_audit_new(st, LDRT_CRITERIA_RECIST11, &a) != LDRT_OK)
        abort();
    for (size_t i = 0; i < ldrt_study_subject_count(st); i++)
        if (ldrt_study_audit_add(a, i, NULL) != LDRT_OK)
            abort();
    char *text = NULL;
    if (ldrt_study_audit_render(a, LDRT_FORMAT_JSON, &text, NULL) != LDRT_OK)
        abort();
    ldrt_free(text);
    if (ldrt_study_audit_csv(a, &text, NULL) != LDRT_OK)
        abort();
    ldrt_free(text);
    ldrt_study_audit_free(a);
    if (ldrt_study_write_sdtm(st, dir_out, LDRT_CRITERIA_RECIST11, NULL) != LDRT_OK)
        abort();
    ldrt_study *back = NULL;
    if (ldrt_study_read_sdtm(dir_out, NULL, &back) != LDRT_OK)
        abort();
    if (ldrt_study_subject_count(back) != ldrt_study_subject_count(st))
        abort();
    ldrt_study_free(back);
    ldrt_study_free(st);
    return 0;
}
