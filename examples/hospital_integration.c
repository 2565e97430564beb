/*
 * hospital_integration: how a hospital system records a patient with
 * libldrt, event by event as they happen, and keeps the document on disk
 * safe at every step.
 *
 * It links only with what `pkg-config --cflags --libs libldrt` gives, works
 * in a private temporary directory that it removes at the end, and shows:
 *   - creating the record and its lesions;
 *   - recording a baseline scan, an immunotherapy series and a radiotherapy
 *     course one delivered fraction at a time, saving atomically after each
 *     change (a crash never leaves a half-written file);
 *   - refusing a wrong entry (a negative dose) with a message naming the
 *     field, leaving both the record and the file unchanged;
 *   - validating the saved document and loading it back.
 *
 * Build against an installed library:
 *   cc -std=c11 hospital_integration.c $(pkg-config --cflags --libs libldrt)
 * SPDX-License-Identifier: MIT
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ldrt.h>

/* Stops with the library's message on any failure. */
#define CHECK(call)                                                                 \
    do {                                                                            \
        if ((call) != LDRT_OK) {                                                    \
            fprintf(stderr, "hospital_integration: %s failed: %s\n", #call,         \
                    ldrt_last_error());                                             \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

static ldrt_date day(const char *iso)
{
    ldrt_date d;
    CHECK(ldrt_date_parse(iso, &d));
    return d;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

int main(void)
{
    if (ldrt_version() / 10000 != LDRT_VERSION_MAJOR) {
        fprintf(stderr, "hospital_integration: built for libldrt %s, running with %s\n",
                LDRT_VERSION_STRING, ldrt_version_string());
        return 1;
    }
    /* A fresh directory under $TMPDIR (the usual /tmp when unset). */
    const char *tmpdir = getenv("TMPDIR");
    char dir[1024];
    int len = snprintf(dir, sizeof dir, "%s/ldrt-hospital-XXXXXX",
                       tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (len < 0 || (size_t)len >= sizeof dir) {
        fprintf(stderr, "hospital_integration: TMPDIR is too long\n");
        return 1;
    }
    if (!mkdtemp(dir)) {
        perror("hospital_integration: mkdtemp");
        return 1;
    }
    char path[sizeof dir + 16];
    snprintf(path, sizeof path, "%s/patient.json", dir);

    /* Admission: the record, its diagnosis and the lesions seen on the
     * baseline scan. */
    ldrt_patient *p;
    CHECK(ldrt_patient_new("MRN-0042", &p));
    CHECK(ldrt_patient_set_sex(p, "female"));
    CHECK(ldrt_patient_add_diagnosis(p, day("2024-01"), "melanoma", NULL));
    ldrt_lesion *liver, *lung;
    CHECK(ldrt_patient_add_lesion(p, "L1", &liver));
    CHECK(ldrt_lesion_set_site(liver, "liver segment VI"));
    CHECK(ldrt_lesion_set_organ(liver, "liver"));
    CHECK(ldrt_lesion_set_category(liver, LDRT_ROLE_TARGET));
    CHECK(ldrt_patient_add_lesion(p, "P1", &lung));
    CHECK(ldrt_lesion_set_site(lung, "right lower lobe"));
    CHECK(ldrt_lesion_set_organ(lung, "lung"));
    CHECK(ldrt_lesion_set_category(lung, LDRT_ROLE_TARGET));
    ldrt_event *scan;
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, day("2024-03-04"), &scan));
    CHECK(ldrt_event_set_text(scan, LDRT_FIELD_MODALITY, "CT"));
    CHECK(ldrt_scan_set_baseline(ldrt_event_as_scan_mut(scan), 1));
    CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(scan), "L1", 31.0, 0));
    CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(scan), "P1", 18.0, 0));
    CHECK(ldrt_patient_save_json(p, path));

    /* The pharmacy system records an anti-PD-1 series: 200 mg every 21 days. */
    ldrt_event *series;
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_SYSTEMIC, day("2024-03-11"), &series));
    CHECK(ldrt_systemic_add_agent(ldrt_event_as_systemic_mut(series), "pembrolizumab", 200, "mg"));
    CHECK(ldrt_systemic_set_cycle(ldrt_event_as_systemic_mut(series), 1));
    CHECK(ldrt_systemic_set_repeat(ldrt_event_as_systemic_mut(series), 21, 6));
    CHECK(ldrt_patient_save_json(p, path));

    /* The radiotherapy system records each fraction when it is delivered:
     * low-dose radiotherapy, 1 Gy a day to the liver lesion only. */
    ldrt_event *course;
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_RADIOTHERAPY, day("2024-03-18"), &course));
    CHECK(ldrt_event_set_text(course, LDRT_FIELD_COURSE_ID, "LDRT-1"));
    CHECK(ldrt_event_set_text(course, LDRT_FIELD_TECHNIQUE, "VMAT"));
    CHECK(ldrt_course_add_target(ldrt_event_as_course_mut(course), "L1"));
    static const char *const delivered[] = { "2024-03-18", "2024-03-19", "2024-03-20",
                                             "2024-03-21" };
    for (size_t i = 0; i < 4; i++) {
        CHECK(ldrt_course_add_fraction(ldrt_event_as_course_mut(course), day(delivered[i]), 1.0, NULL));
        CHECK(ldrt_patient_save_json(p, path)); /* atomic: old or new, never half */
    }

    /* A mistyped entry is refused, naming what was wrong; neither the record
     * nor the file changes. */
    char *before = read_file(path);
    int rc = ldrt_course_add_fraction(ldrt_event_as_course_mut(course), day("2024-03-22"), -1.0, NULL);
    if (rc != LDRT_EINVAL || strstr(ldrt_last_error(), "dose_gy") == NULL) {
        fprintf(stderr, "hospital_integration: a negative dose was not refused\n");
        return 1;
    }
    printf("refused as it should be: %s\n", ldrt_last_error());
    CHECK(ldrt_patient_save_json(p, path));
    char *after = read_file(path);
    if (!before || !after || strcmp(before, after) != 0) {
        fprintf(stderr, "hospital_integration: a refused entry changed the document\n");
        return 1;
    }
    free(before);
    free(after);
    CHECK(ldrt_course_add_fraction(ldrt_event_as_course_mut(course), day("2024-03-22"), 1.0, NULL));

    /* Follow-up: a toxicity and a scan. */
    ldrt_event *tox;
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_TOXICITY, day("2024-04-02"), &tox));
    CHECK(ldrt_event_set_text(tox, LDRT_FIELD_TERM, "Fatigue"));
    CHECK(ldrt_event_set_grade(tox, 1));
    CHECK(ldrt_event_set_text(tox, LDRT_FIELD_ATTRIBUTION, "immunotherapy"));
    CHECK(ldrt_patient_add_event(p, LDRT_EVENT_IMAGING, day("2024-05-27"), &scan));
    CHECK(ldrt_event_set_text(scan, LDRT_FIELD_MODALITY, "CT"));
    CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(scan), "L1", 19.0, 0));
    CHECK(ldrt_scan_add_measurement(ldrt_event_as_scan_mut(scan), "P1", 12.0, 0));
    CHECK(ldrt_scan_set_new_lesions_reported(ldrt_event_as_scan_mut(scan), 1));
    CHECK(ldrt_patient_save_json(p, path));

    /* Another system reads the file back: validate, load, compare. */
    char *problems;
    size_t n_problems;
    CHECK(ldrt_json_validate_file(path, &problems, &n_problems));
    if (n_problems != 0) {
        fprintf(stderr, "hospital_integration: the saved document has problems:\n%s", problems);
        return 1;
    }
    ldrt_free(problems);
    ldrt_patient *q;
    CHECK(ldrt_patient_load_json(path, &q));
    const ldrt_course *c2;
    CHECK(ldrt_patient_find_course(q, "LDRT-1", &c2));
    double total;
    CHECK(ldrt_course_total_dose_gy(c2, &total));
    ldrt_date first, last;
    size_t given;
    CHECK(ldrt_patient_drug_summary(q, "pembrolizumab", &first, &last, &given));
    char f[LDRT_DATE_BUFSIZE], l[LDRT_DATE_BUFSIZE];
    CHECK(ldrt_date_format(first, f, sizeof f));
    CHECK(ldrt_date_format(last, l, sizeof l));
    printf("%s: %zu events, course LDRT-1 %g Gy in %zu fractions, pembrolizumab x%zu "
           "from %s to %s\n",
           ldrt_patient_id(q), ldrt_patient_event_count(q), total,
           ldrt_course_fraction_count(c2), given, f, l);
    if (total != 5.0 || ldrt_course_fraction_count(c2) != 5 || given != 6) {
        fprintf(stderr, "hospital_integration: the document did not read back as written\n");
        return 1;
    }
    ldrt_patient_free(q);
    ldrt_patient_free(p);

    if (unlink(path) != 0 || rmdir(dir) != 0) {
        perror("hospital_integration: cleaning up");
        return 1;
    }
    return 0;
}
