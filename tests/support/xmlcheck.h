/*
 * A small XML 1.0 well-formedness checker for the tests of the renderers
 * (SVG): one root element, balanced and properly nested tags, quoted
 * attribute values without '<', no duplicate attribute on an element,
 * character data without '<', only the five predefined entities or
 * numeric character references, valid UTF-8, no forbidden control
 * character, and nothing but comments, processing instructions and
 * whitespace outside the root. Enough to catch every way a renderer could
 * break a document; not a validating parser.
 * SPDX-License-Identifier: MIT
 */
#ifndef LDRT_XMLCHECK_H
#define LDRT_XMLCHECK_H

#include <stddef.h>

/* Returns 0 when text is well formed, else -1 with a reason (and the byte
 * offset) in why. */
int tu_xml_check(const char *text, char *why, size_t why_size);

#endif
