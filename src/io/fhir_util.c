/*
 * FHIR helpers: SHA-1 (FIPS 180-4), version-5 UUIDs (RFC 4122 section 4.3)
 * for deterministic urn:uuid full URLs, response trends, JSON Pointers.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhir_internal.h"

/* ---- SHA-1 ---------------------------------------------------------------------------- */

static uint32_t rol(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static void sha1_block(uint32_t h[5], const uint8_t *p)
{
    uint32_t w[80];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) {
            f = (b & c) | (~b & d);
            k = 0x5A827999u;
        } else if (i < 40) {
            f = b ^ c ^ d;
            k = 0x6ED9EBA1u;
        } else if (i < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8F1BBCDCu;
        } else {
            f = b ^ c ^ d;
            k = 0xCA62C1D6u;
        }
        uint32_t t = rol(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

void ldrt__sha1(const void *data, size_t size, uint8_t digest[20])
{
    uint32_t h[5] = { 0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u };
    const uint8_t *p = data;
    size_t n = size;
    while (n >= 64) {
        sha1_block(h, p);
        p += 64;
        n -= 64;
    }
    uint8_t last[128] = { 0 };
    memcpy(last, p, n);
    last[n] = 0x80;
    size_t blocks = n + 9 <= 64 ? 1 : 2;
    uint64_t bits = (uint64_t)size * 8u;
    for (int i = 0; i < 8; i++)
        last[blocks * 64 - 1 - (size_t)i] = (uint8_t)(bits >> (8 * i));
    for (size_t i = 0; i < blocks; i++)
        sha1_block(h, last + 64 * i);
    for (int i = 0; i < 5; i++) {
        digest[4 * i] = (uint8_t)(h[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(h[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(h[i] >> 8);
        digest[4 * i + 3] = (uint8_t)h[i];
    }
}

/* The namespace: uuid5(NAMESPACE_URL, LDRT_FHIR_BASE) (RFC 4122 appendix C
 * gives NAMESPACE_URL); the test recomputes it. */
static const uint8_t ns_fhir[16] = { 0x39, 0xe8, 0x21, 0x5a, 0x65, 0x38, 0x53, 0xf1,
                                     0x9c, 0x99, 0x1b, 0xd5, 0xc3, 0xb8, 0x27, 0xea };

void ldrt__uuid5(const char *name, size_t size, char out[37])
{
    /* SHA-1 over namespace || name, without a copy: two-part hashing is not
     * offered by the one-shot function, so the input is assembled in a
     * small stack buffer or, for a long name, hashed from a heap copy. */
    uint8_t d[20];
    uint8_t small[256];
    uint8_t *buf = size + 16 <= sizeof small ? small : ldrt__malloc(size + 16);
    if (!buf) {
        /* Out of memory: the digest of the namespace alone, marked so that
         * the caller's check of its own allocations reports the failure. */
        memset(d, 0, sizeof d);
    } else {
        memcpy(buf, ns_fhir, 16);
        memcpy(buf + 16, name, size);
        ldrt__sha1(buf, size + 16, d);
        if (buf != small)
            ldrt__free(buf);
    }
    d[6] = (uint8_t)((d[6] & 0x0F) | 0x50);
    d[8] = (uint8_t)((d[8] & 0x3F) | 0x80);
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[d[i] >> 4];
        out[o++] = hex[d[i] & 15];
    }
    out[o] = '\0';
}

/* ---- trends ----------------------------------------------------------------------------- */

int ldrt__fhir_trend(const char *label, const char **code, const char **display)
{
    static const struct {
        const char *label, *code, *display;
    } t[] = {
        { "CR", "268910001", "Patient's condition improved (finding)" },
        { "PR", "268910001", "Patient's condition improved (finding)" },
        { "iCR", "268910001", "Patient's condition improved (finding)" },
        { "iPR", "268910001", "Patient's condition improved (finding)" },
        { "CMR", "268910001", "Patient's condition improved (finding)" },
        { "PMR", "268910001", "Patient's condition improved (finding)" },
        { "SD", "359746009", "Patient's condition stable (finding)" },
        { "iSD", "359746009", "Patient's condition stable (finding)" },
        { "SMD", "359746009", "Patient's condition stable (finding)" },
        { "NON-CR/NON-PD", "359746009", "Patient's condition stable (finding)" },
        { "NON-iCR/NON-iUPD", "359746009", "Patient's condition stable (finding)" },
        { "PD", "271299001", "Patient's condition worsened (finding)" },
        { "iUPD", "271299001", "Patient's condition worsened (finding)" },
        { "iCPD", "271299001", "Patient's condition worsened (finding)" },
        { "PMD", "271299001", "Patient's condition worsened (finding)" },
        { "NE", "709137006", "Patient condition undetermined (finding)" },
    };
    for (size_t i = 0; label && i < sizeof t / sizeof t[0]; i++)
        if (strcmp(label, t[i].label) == 0) {
            *code = t[i].code;
            *display = t[i].display;
            return 1;
        }
    return 0;
}

/* ---- JSON Pointer ---------------------------------------------------------------------- */

/* The next reference token of p (unescaped ~1 -> /, ~0 -> ~) into tok. */
static const char *next_token(const char *p, char *tok, size_t cap, int *ok)
{
    size_t n = 0;
    *ok = 1;
    while (*p && *p != '/') {
        char c = *p++;
        if (c == '~') {
            if (*p == '0')
                c = '~';
            else if (*p == '1')
                c = '/';
            else
                *ok = 0;
            if (*p)
                p++;
        }
        if (n + 1 >= cap) {
            *ok = 0;
            break;
        }
        tok[n++] = c;
    }
    tok[n] = '\0';
    return p;
}

int ldrt__json_pointer_set(json_t *root, const char *pointer, json_t *value)
{
    char tok[4096];
    json_t *cur = root;
    const char *p = pointer;
    if (!value || !root || *p != '/') {
        json_decref(value);
        return -1;
    }
    while (*p == '/') {
        int ok;
        p = next_token(p + 1, tok, sizeof tok, &ok);
        if (!ok)
            break;
        int last = *p == '\0';
        if (json_is_object(cur)) {
            if (last)
                return json_object_set_new(cur, tok, value) ? -2 : 0;
            json_t *next = json_object_get(cur, tok);
            if (!next) {
                next = json_object();
                if (!next || json_object_set_new(cur, tok, next)) {
                    json_decref(value);
                    return -2; /* out of memory (a failed set released next) */
                }
            }
            cur = next;
        } else if (json_is_array(cur)) {
            char *end;
            unsigned long i = strtoul(tok, &end, 10);
            if (!*tok || *end || (tok[0] == '0' && tok[1]))
                break;
            if (last) {
                if (i < json_array_size(cur))
                    return json_array_set_new(cur, i, value) ? -2 : 0;
                if (i == json_array_size(cur))
                    return json_array_append_new(cur, value) ? -2 : 0;
                break;
            }
            json_t *next = json_array_get(cur, i);
            if (!next)
                break;
            cur = next;
        } else {
            break;
        }
    }
    json_decref(value);
    return -1;
}
