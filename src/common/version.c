/*
 * The version of the running library.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

int ldrt_version(void)
{
    return LDRT_VERSION_NUMBER;
}

const char *ldrt_version_string(void)
{
    return LDRT_VERSION_STRING;
}
