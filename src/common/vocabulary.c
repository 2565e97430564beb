/*
 * The spellings shared by the layers: lesion roles and states (ldrt/lesion.h)
 * and the names of the response criteria and labels, which the record needs
 * (a recorded response) below the response module that defines their enums.
 * One table per concept, read both ways.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "internal.h"
#include "ldrt/lesion.h"

static const char *const role_names[] = {
    [LDRT_ROLE_NONE] = NULL,
    [LDRT_ROLE_TARGET] = "target",
    [LDRT_ROLE_NON_TARGET] = "non-target",
    [LDRT_ROLE_NEW] = "new",
    [LDRT_ROLE_NEW_TARGET] = "new-target",
    [LDRT_ROLE_REFERENCE] = "reference",
    [LDRT_ROLE_BLOOD_POOL] = "blood-pool",
};

static const char *const state_names[] = {
    [LDRT_STATE_PRESENT] = "present",
    [LDRT_STATE_ABSENT] = "absent",
    [LDRT_STATE_TOO_SMALL] = "too-small",
    [LDRT_STATE_NOT_EVALUATED] = "not-evaluated",
    [LDRT_STATE_PROGRESSION] = "unequivocal-progression",
    [LDRT_STATE_INCREASED] = "increased",
    [LDRT_STATE_EQUIVOCAL] = "equivocal",
};

/* Index: the values of ldrt_criteria (response.h). */
static const char *const criteria_names[] = { NULL, "recist1.1", "irecist", "percist1.0" };

/* Index: the values of ldrt_response (response.h); family: the ldrt_criteria
 * whose label it is (0: shared, as NE, or none). */
static const struct {
    const char *name;
    int family;
} labels[] = {
    { "", 0 },    { "CR", 1 },   { "PR", 1 },   { "SD", 1 },  { "PD", 1 },
    { "NE", 0 },  { "NON-CR/NON-PD", 1 },       { "iCR", 2 }, { "iPR", 2 },
    { "iSD", 2 }, { "iUPD", 2 }, { "iCPD", 2 }, { "NON-iCR/NON-iUPD", 2 },
    { "CMR", 3 }, { "PMR", 3 },  { "SMD", 3 },  { "PMD", 3 },
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

const char *ldrt__spelling(const char *const *names, int n, int value)
{
    return value >= 0 && value < n ? names[value] : NULL;
}

int ldrt__spelling_parse(const char *const *names, int n, const char *name, int *value,
                         const char *what)
{
    LDRT__CHECK_NOT_NULL(name);
    LDRT__CHECK_NOT_NULL(value);
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0) {
            *value = i;
            return LDRT_OK;
        }
    return ldrt__error(LDRT_ENOTFOUND, "%s: unknown value \"%.60s\"", what, name);
}

const char *ldrt_lesion_role_name(ldrt_lesion_role role)
{
    return ldrt__spelling(role_names, COUNT(role_names), (int)role);
}

int ldrt_lesion_role_parse(const char *name, ldrt_lesion_role *role)
{
    LDRT__CHECK_NOT_NULL(role);
    int v;
    int rc = ldrt__spelling_parse(role_names, COUNT(role_names), name, &v, "role");
    if (rc == LDRT_OK)
        *role = (ldrt_lesion_role)v;
    return rc;
}

const char *ldrt_lesion_state_name(ldrt_lesion_state state)
{
    return ldrt__spelling(state_names, COUNT(state_names), (int)state);
}

int ldrt_lesion_state_parse(const char *name, ldrt_lesion_state *state)
{
    LDRT__CHECK_NOT_NULL(state);
    int v;
    int rc = ldrt__spelling_parse(state_names, COUNT(state_names), name, &v, "state");
    if (rc == LDRT_OK)
        *state = (ldrt_lesion_state)v;
    return rc;
}

const char *ldrt__criteria_spelling(int criteria)
{
    return ldrt__spelling(criteria_names, COUNT(criteria_names), criteria);
}

int ldrt__criteria_count(void) { return COUNT(criteria_names); }

const char *ldrt__label_spelling(int label)
{
    return label >= 0 && label < COUNT(labels) ? labels[label].name : NULL;
}

int ldrt__label_count(void) { return COUNT(labels); }

int ldrt__label_of_criteria(const char *criteria, const char *label)
{
    int family = 0;
    for (int i = 1; i < COUNT(criteria_names); i++)
        if (strcmp(criteria, criteria_names[i]) == 0)
            family = i;
    if (!family)
        return -1;
    for (int i = 1; i < COUNT(labels); i++)
        if ((labels[i].family == family || labels[i].family == 0) &&
            strcmp(labels[i].name, label) == 0)
            return 1;
    return 0;
}
