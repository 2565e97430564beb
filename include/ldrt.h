/*
 * libldrt: the clinical record of immunotherapy plus (low-dose) radiotherapy.
 * SPDX-License-Identifier: MIT
 */
/**
 * @file ldrt.h
 * @brief Umbrella header: includes every public module header.
 */
#ifndef LDRT_H
#define LDRT_H

#include "ldrt/common.h"
#include "ldrt/limits.h"
#include "ldrt/dose.h"
#include "ldrt/patient.h"
#include "ldrt/response.h"
#include "ldrt/render.h"
#include "ldrt/io.h"
#include "ldrt/code.h"
#include "ldrt/study.h"

#endif /* LDRT_H */
