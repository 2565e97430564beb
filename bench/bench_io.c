/*
 * Benchmark of the patient document: loading and saving a large generated
 * document (20000 events of every kind, in reverse time order), each as the
 * median over 11 rounds of its ratio to a reference measured in the same
 * round: jansson parsing the same bytes (json_loadb, then json_decref) for
 * loading, and jansson writing the parsed tree (json_dumps) for saving.
 * The ratio is the cost of building and checking the record (or of the
 * canonical, byte-stable writer) on top of plain JSON.
 * SPDX-License-Identifier: MIT
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ldrt.h"
#include "bench_util.h"

#define ROUNDS 11
#define EVENTS 20000

static char *make_document(size_t *size)
{
    size_t cap = (size_t)EVENTS * 200 + 1000, len = 0;
    char *s = malloc(cap);
    len += (size_t)snprintf(s, cap, "{\"ldrt\": 1, \"patient\": {\"id\": \"bench\"}, "
                                    "\"lesions\": [{\"id\": \"T1\", \"category\": \"target\"}], \"events\": [");
    for (int i = 0; i < EVENTS; i++) {
        int64_t day;
        ldrt_date d;
        ldrt_date_to_days(20000101, &day);
        ldrt_date_from_days(day + EVENTS - i, &d);
        char date[LDRT_DATE_BUFSIZE];
        ldrt_date_format(d, date, sizeof date);
        const char *sep = i ? "," : "";
        switch (i % 4) {
        case 0:
            len += (size_t)snprintf(s + len, cap - len, "%s{\"type\": \"systemic\", \"date\": \"%s\", \"id\": \"s%d\", "
                                    "\"agents\": [{\"drug\": \"pembrolizumab\", \"dose\": 200, \"unit\": \"mg\"}]}", sep, date, i);
            break;
        case 1:
            len += (size_t)snprintf(s + len, cap - len, "%s{\"type\": \"imaging\", \"date\": \"%s\", "
                                    "\"measurements\": [{\"lesion\": \"T1\", \"diameter_mm\": 22.5}]}", sep, date);
            break;
        case 2:
            len += (size_t)snprintf(s + len, cap - len, "%s{\"type\": \"radiotherapy\", \"date\": \"%s\", \"targets\": [\"T1\"], "
                                    "\"fractions\": [{\"date\": \"%s\", \"dose_gy\": 2}]}", sep, date, date);
            break;
        default:
            len += (size_t)snprintf(s + len, cap - len, "%s{\"type\": \"note\", \"date\": \"%s\", \"note\": \"text\"}", sep, date);
        }
    }
    len += (size_t)snprintf(s + len, cap - len, "]}");
    *size = len;
    return s;
}

int main(void)
{
    size_t size;
    char *doc = make_document(&size);
    double load[ROUNDS], save[ROUNDS], t_load = 0, t_parse = 0, t_save = 0, t_dump = 0;
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = bench_now();
        json_t *root = json_loadb(doc, size, 0, NULL);
        double t1 = bench_now();
        ldrt_patient *p = NULL;
        if (!root || ldrt_patient_load_json_buffer(doc, size, &p) != LDRT_OK) {
            fprintf(stderr, "bench_io: %s\n", ldrt_last_error());
            return 1;
        }
        double t2 = bench_now();
        char *dumped = json_dumps(root, JSON_INDENT(2));
        double t3 = bench_now();
        char *out = NULL;
        if (!dumped || ldrt_patient_save_json_buffer(p, &out, NULL) != LDRT_OK)
            return 1;
        double t4 = bench_now();
        load[r] = (t2 - t1) / (t1 - t0);
        save[r] = (t4 - t3) / (t3 - t2);
        t_parse += t1 - t0;
        t_load += t2 - t1;
        t_dump += t3 - t2;
        t_save += t4 - t3;
        free(dumped);
        ldrt_free(out);
        ldrt_patient_free(p);
        json_decref(root);
    }
    qsort(load, ROUNDS, sizeof load[0], bench_cmp_double);
    qsort(save, ROUNDS, sizeof save[0], bench_cmp_double);
    printf("bench_io: %d events, %zu bytes, median of %d rounds\n", EVENTS, size, ROUNDS);
    printf("  load (build and check the record) / jansson parse: %.2fx  (%.1f ms vs %.1f ms)\n",
           load[ROUNDS / 2], 1e3 * t_load / ROUNDS, 1e3 * t_parse / ROUNDS);
    printf("  save (canonical writer) / jansson dump:            %.2fx  (%.1f ms vs %.1f ms)\n",
           save[ROUNDS / 2], 1e3 * t_save / ROUNDS, 1e3 * t_dump / ROUNDS);
    free(doc);
    return 0;
}
