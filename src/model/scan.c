/*
 * Imaging scans: baseline flag, measurements, SUL values, non-target states,
 * new lesions, recorded responses.
 * SPDX-License-Identifier: MIT
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "model.h"

/* ---- imaging ------------------------------------------------------------------------------------------- */

int ldrt_scan_baseline(const ldrt_scan *scan, int *baseline)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(baseline);
    if (e->baseline < 0)
        return ldrt__error(LDRT_ENOTFOUND, "baseline: not recorded");
    *baseline = e->baseline;
    return LDRT_OK;
}

int ldrt_scan_set_baseline(ldrt_scan *scan, int baseline)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "baseline");
    if (baseline < -1 || baseline > 1)
        return ldrt__error(LDRT_EINVAL, "baseline: must be 1, 0 or -1 (got %d)", baseline);
    e->baseline = baseline;
    return LDRT_OK;
}

int ldrt_scan_add_measurement(ldrt_scan *scan, const char *lesion_id, double diameter_mm,
                               unsigned flags)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "measurements");
    int rc = LDRT_OK;
    ldrt_lesion *l = ldrt__lesion_arg(e->patient, lesion_id, "lesion", &rc);
    if (!l)
        return rc;
    if (!isnan(diameter_mm) && (rc = ldrt__check_finite(diameter_mm, 0, 1, LDRT_MAX_LENGTH_MM, "diameter_mm")))
        return rc;
    if (flags & ~LDRT_MEASUREMENT_TOO_SMALL)
        return ldrt__error(LDRT_EINVAL, "flags: unknown flags 0x%x", flags);
    for (size_t i = 0; i < e->n_meas; i++)
        if (e->meas[i].lesion == l)
            return ldrt__error(LDRT_EINVAL, "lesion: \"%.60s\" is already measured on this scan",
                               lesion_id);
    if (e->n_meas >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "measurements: at most %d", LDRT_MAX_ITEMS);
    if (ldrt__reserve((void **)&e->meas, e->n_meas, sizeof *e->meas))
        return LDRT_ENOMEM;
    ldrt__measurement m = { .lesion = l, .diameter_mm = diameter_mm,
                            .too_small = (flags & LDRT_MEASUREMENT_TOO_SMALL) ? 1 : -1 };
    e->meas[e->n_meas++] = m;
    return LDRT_OK;
}

size_t ldrt_scan_measurement_count(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->n_meas : 0;
}
const ldrt_lesion *ldrt_scan_measurement_lesion(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_meas ? e->meas[i].lesion : NULL;
}

int ldrt_scan_measurement_state(const ldrt_scan *scan, size_t i, ldrt_lesion_state *state)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(state);
    if (i >= e->n_meas)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu measurements)", i,
                           e->n_meas);
    *state = ldrt__measurement_state(&e->meas[i]);
    return LDRT_OK;
}

int ldrt_scan_measurement_diameter_mm(const ldrt_scan *scan, size_t i, double *diameter_mm)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(diameter_mm);
    if (i >= e->n_meas)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu measurements)", i,
                           e->n_meas);
    if (isnan(e->meas[i].diameter_mm))
        return ldrt__error(LDRT_ENOTFOUND, "diameter_mm: no value for lesion \"%.60s\"",
                           e->meas[i].lesion->id);
    *diameter_mm = e->meas[i].diameter_mm;
    return LDRT_OK;
}

int ldrt_scan_find_measurement(const ldrt_scan *scan, const ldrt_lesion *l, size_t *index)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(l);
    LDRT__CHECK_NOT_NULL(index);
    for (size_t i = 0; i < e->n_meas; i++)
        if (e->meas[i].lesion == l) {
            *index = i;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "lesion: \"%.60s\" is not measured on this scan", l->id);
}

int ldrt_scan_add_sul_peak(ldrt_scan *scan, const char *lesion_id, double value)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "sul_peak");
    int rc = LDRT_OK;
    ldrt_lesion *l = ldrt__lesion_arg(e->patient, lesion_id, "lesion", &rc);
    if (!l)
        return rc;
    if ((rc = ldrt__check_finite(value, 0, 1, LDRT_MAX_SUL, "value")))
        return rc;
    for (size_t i = 0; i < e->n_sul; i++)
        if (e->sul[i].lesion == l)
            return ldrt__error(LDRT_EINVAL, "lesion: \"%.60s\" already has a SULpeak on this scan",
                               lesion_id);
    if (e->n_sul >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "sul_peak: at most %d", LDRT_MAX_ITEMS);
    if (ldrt__reserve((void **)&e->sul, e->n_sul, sizeof *e->sul))
        return LDRT_ENOMEM;
    ldrt__sul s = { .lesion = l, .value = value };
    e->sul[e->n_sul++] = s;
    return LDRT_OK;
}

size_t ldrt_scan_sul_peak_count(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->n_sul : 0;
}
const ldrt_lesion *ldrt_scan_sul_peak_lesion(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_sul ? e->sul[i].lesion : NULL;
}

int ldrt_scan_sul_peak_value(const ldrt_scan *scan, size_t i, double *value)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(value);
    if (i >= e->n_sul)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu SULpeaks)", i, e->n_sul);
    *value = e->sul[i].value;
    return LDRT_OK;
}

int ldrt_scan_liver_sul_mean(const ldrt_scan *scan, double *value)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(value);
    if (isnan(e->liver_sul_mean))
        return ldrt__error(LDRT_ENOTFOUND, "liver_sul_mean: not recorded");
    *value = e->liver_sul_mean;
    return LDRT_OK;
}

int ldrt_scan_set_liver_sul_mean(ldrt_scan *scan, double value)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "liver_sul_mean");
    if (!isnan(value)) {
        int rc = ldrt__check_finite(value, 0, 0, LDRT_MAX_SUL, "liver_sul_mean");
        if (rc)
            return rc;
    }
    e->liver_sul_mean = value;
    return LDRT_OK;
}

int ldrt_scan_blood_pool_sul(const ldrt_scan *scan, double *value)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(value);
    if (isnan(e->blood_pool_sul))
        return ldrt__error(LDRT_ENOTFOUND, "blood_pool_sul: not recorded");
    *value = e->blood_pool_sul;
    return LDRT_OK;
}

int ldrt_scan_set_blood_pool_sul(ldrt_scan *scan, double value)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "blood_pool_sul");
    if (!isnan(value)) {
        int rc = ldrt__check_finite(value, 0, 0, LDRT_MAX_SUL, "blood_pool_sul");
        if (rc)
            return rc;
    }
    e->blood_pool_sul = value;
    return LDRT_OK;
}

int ldrt_scan_set_non_target(ldrt_scan *scan, const char *lesion_id, ldrt_lesion_state state)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "non_target");
    int rc = LDRT_OK;
    ldrt_lesion *l = ldrt__lesion_arg(e->patient, lesion_id, "lesion", &rc);
    if (!l)
        return rc;
    if (!ldrt__non_target_state_ok(state))
        return ldrt__error(LDRT_EINVAL, "state: %d is not a non-target state", (int)state);
    for (size_t i = 0; i < e->n_nt; i++)
        if (e->nt[i].lesion == l) {
            e->nt[i].state = state;
            return LDRT_OK;
        }
    if (e->n_nt >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "non_target: at most %d", LDRT_MAX_ITEMS);
    if (ldrt__reserve((void **)&e->nt, e->n_nt, sizeof *e->nt))
        return LDRT_ENOMEM;
    ldrt__non_target n = { .lesion = l, .state = state };
    e->nt[e->n_nt++] = n;
    return LDRT_OK;
}

size_t ldrt_scan_non_target_count(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->n_nt : 0;
}
const ldrt_lesion *ldrt_scan_non_target_lesion(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_nt ? e->nt[i].lesion : NULL;
}
int ldrt_scan_non_target_state(const ldrt_scan *scan, size_t i, ldrt_lesion_state *state)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(state);
    if (i >= e->n_nt)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu non-target states)", i,
                           e->n_nt);
    *state = e->nt[i].state;
    return LDRT_OK;
}

int ldrt_scan_add_new_lesion(ldrt_scan *scan, const char *id, const char *site, double diameter_mm)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "new_lesions");
    int rc = ldrt__check_text(id, "id");
    if (!rc && site)
        rc = ldrt__check_text(site, "site");
    if (!rc && !isnan(diameter_mm))
        rc = ldrt__check_finite(diameter_mm, 0, 1, LDRT_MAX_LENGTH_MM, "diameter_mm");
    if (rc)
        return rc;
    for (size_t i = 0; i < e->n_new; i++)
        if (strcmp(e->newl[i].id, id) == 0)
            return ldrt__error(LDRT_EINVAL, "id: new lesion \"%.60s\" is already listed", id);
    if (e->n_new >= LDRT_MAX_ITEMS)
        return ldrt__error(LDRT_ERANGE, "new_lesions: at most %d", LDRT_MAX_ITEMS);
    ldrt__new_lesion n = { .diameter_mm = diameter_mm };
    n.id = ldrt__strdup(id);
    if (n.id && site)
        n.site = ldrt__strdup(site);
    if (!n.id || (site && !n.site) ||
        ldrt__reserve((void **)&e->newl, e->n_new, sizeof *e->newl)) {
        ldrt__free(n.id);
        ldrt__free(n.site);
        return LDRT_ENOMEM;
    }
    e->newl[e->n_new++] = n;
    e->new_lesions_present = 1;
    return LDRT_OK;
}

size_t ldrt_scan_new_lesion_count(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->n_new : 0;
}
const char *ldrt_scan_new_lesion_id(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_new ? e->newl[i].id : NULL;
}
const char *ldrt_scan_new_lesion_site(const ldrt_scan *scan, size_t i)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e && i < e->n_new ? e->newl[i].site : NULL;
}

int ldrt_scan_new_lesion_diameter_mm(const ldrt_scan *scan, size_t i, double *diameter_mm)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__CHECK_NOT_NULL(diameter_mm);
    if (i >= e->n_new)
        return ldrt__error(LDRT_EINVAL, "index: %zu is out of range (%zu new lesions)", i, e->n_new);
    if (isnan(e->newl[i].diameter_mm))
        return ldrt__error(LDRT_ENOTFOUND, "diameter_mm: not given for new lesion \"%.60s\"",
                           e->newl[i].id);
    *diameter_mm = e->newl[i].diameter_mm;
    return LDRT_OK;
}

int ldrt_scan_new_lesions_reported(const ldrt_scan *scan)
{
    const ldrt_event *e = LDRT__CEV(scan);
    return e ? e->new_lesions_present : 0;
}

int ldrt_scan_set_new_lesions_reported(ldrt_scan *scan, int reported)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "new_lesions");
    if (reported != 0 && reported != 1)
        return ldrt__error(LDRT_EINVAL, "reported: must be 1 or 0 (got %d)", reported);
    if (!reported && e->n_new)
        return ldrt__error(LDRT_ESTATE, "new_lesions: the list has %zu entries", e->n_new);
    e->new_lesions_present = reported;
    return LDRT_OK;
}

int ldrt_scan_set_recorded_response(ldrt_scan *scan, const char *criteria, const char *overall)
{
    ldrt_event *e = LDRT__EV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    LDRT__EVENT_CHECK(e, LDRT_EVENT_IMAGING, "recorded_response");
    if (!criteria) {
        ldrt__free(e->rr_criteria);
        ldrt__free(e->rr_overall);
        e->rr_criteria = e->rr_overall = NULL;
        ldrt__extra_free(e->patient, e->rr_extra);
        e->rr_extra = NULL;
        return LDRT_OK;
    }
    LDRT__CHECK_NOT_NULL(overall);
    int v = ldrt__label_of_criteria(criteria, overall);
    if (v < 0)
        return ldrt__error(LDRT_EINVAL,
                           "criteria: \"%.40s\" is not recist1.1, irecist or percist1.0", criteria);
    if (v == 0)
        return ldrt__error(LDRT_EINVAL, "overall: \"%.40s\" is not a %s response", overall,
                           criteria);
    char *c = ldrt__strdup(criteria);
    char *o = c ? ldrt__strdup(overall) : NULL;
    if (!o) {
        ldrt__free(c);
        return LDRT_ENOMEM;
    }
    ldrt__free(e->rr_criteria);
    ldrt__free(e->rr_overall);
    e->rr_criteria = c;
    e->rr_overall = o;
    return LDRT_OK;
}

int ldrt_scan_recorded_response(const ldrt_scan *scan, const char **criteria, const char **overall)
{
    const ldrt_event *e = LDRT__CEV(scan);
    LDRT__CHECK_NOT_NULL(scan);
    if (!e->rr_criteria)
        return ldrt__error(LDRT_ENOTFOUND, "recorded_response: not recorded");
    if (criteria)
        *criteria = e->rr_criteria;
    if (overall)
        *overall = e->rr_overall;
    return LDRT_OK;
}
