/*
 * Internal helpers of the io module: a growing text buffer, the JSON
 * printer, and the model's extra-member hook. Not installed.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_IO_INTERNAL_H
#define LDRT_IO_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "internal.h"
#include "../model/model.h"
#include "ldrt/io.h"

#include "buf.h"

/* Replaces the file at path with data atomically (src/io/atomic.c, the one
 * writer of every file the library saves): a regular file only, a symbolic
 * link followed to its target, a temporary file in the same directory with
 * a name within NAME_MAX, written, fsynced and renamed over the target;
 * stale temporaries of the same target are removed. On failure the old file
 * is intact, no temporary is left, and LDRT_EIO names why. */
int ldrt__write_file_atomic(const char *path, const char *data, size_t size);

/* Prints a JSON value: objects and arrays of scalars that fit on one line
 * are written inline, others one member per line, indented by two spaces.
 * Reals are written with the fewest digits that read back to the same
 * double, whatever the locale. Ends without a newline. */
int ldrt__json_print(ldrt__buf *b, const json_t *value);

/* Walks the JSON text beside the tree jansson built from it: 0 when every
 * key, string, number and literal of the tree is what the text says, 1 when
 * one differs (jansson lost data to a failed allocation), LDRT_ENOMEM. A
 * document nested deeper than LDRT_JSON_MAX_DEPTH is not walked (0): the
 * limits check refuses it. */
int ldrt__json_verify(const char *data, size_t size, const json_t *root);

/* The extra-member hook the io module installs in patients it builds. */
void ldrt__json_extra_free(void *extra);

/* Builds the document of a patient (a new reference). */
int ldrt__patient_to_json(const ldrt_patient *p, json_t **out);

#endif
