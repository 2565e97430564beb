/*
 * See xmlcheck.h.
 * SPDX-License-Identifier: MIT
 */
#include "xmlcheck.h"

#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 256
#define MAX_NAME 64
#define MAX_ATTRS 64

static int fail(char *why, size_t n, const char *start, const char *p, const char *msg)
{
    snprintf(why, n, "%s at byte %ld", msg, (long)(p - start));
    return -1;
}

static int name_start(unsigned char c)
{
    return c == ':' || c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

static int name_char(unsigned char c)
{
    return name_start(c) || c == '-' || c == '.' || (c >= '0' && c <= '9');
}

/* Reads a name into buf; returns its length (0: none). */
static size_t read_name(const char **pp, char *buf)
{
    const char *p = *pp;
    size_t n = 0;
    if (!name_start((unsigned char)*p))
        return 0;
    while (name_char((unsigned char)*p)) {
        if (n + 1 < MAX_NAME)
            buf[n++] = *p;
        p++;
    }
    buf[n] = '\0';
    *pp = p;
    return n;
}

/* Checks one character (UTF-8 sequence) of content; returns its length, 0 if invalid. */
static size_t check_char(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x20)
        return c == '\t' || c == '\n' || c == '\r';
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned cp, min;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; min = 0x10000; }
    else return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

/* Checks text up to a stop character (not consumed): '<' for content, the
 * quote for attribute values. */
static int check_text(const char **pp, char stop, const char *start, char *why, size_t wn)
{
    const char *p = *pp;
    while (*p && *p != stop) {
        if (*p == '<')
            return fail(why, wn, start, p, "'<' in an attribute value");
        if (*p == '&') {
            static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
            size_t k;
            for (k = 0; k < 5; k++)
                if (strncmp(p, ents[k], strlen(ents[k])) == 0)
                    break;
            if (k < 5) {
                p += strlen(ents[k]);
                continue;
            }
            if (p[1] == '#') {
                const char *q = p + 2;
                int hex = *q == 'x';
                q += hex;
                const char *d = q;
                while ((hex && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f') ||
                                (*q >= 'A' && *q <= 'F'))) ||
                       (!hex && *q >= '0' && *q <= '9'))
                    q++;
                if (q > d && *q == ';') {
                    p = q + 1;
                    continue;
                }
            }
            return fail(why, wn, start, p, "bad entity or bare '&'");
        }
        size_t n = check_char((const unsigned char *)p);
        if (n == 0)
            return fail(why, wn, start, p, "invalid UTF-8 or forbidden character");
        p += n;
    }
    *pp = p;
    return 0;
}

static void skip_ws(const char **pp)
{
    while (**pp == ' ' || **pp == '\t' || **pp == '\n' || **pp == '\r')
        (*pp)++;
}

int tu_xml_check(const char *text, char *why, size_t wn)
{
    static char stack[MAX_DEPTH][MAX_NAME];
    int depth = 0, roots = 0;
    const char *p = text, *start = text;
    while (*p) {
        if (*p != '<') {
            if (depth == 0) {
                if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                    p++;
                    continue;
                }
                return fail(why, wn, start, p, "text outside the root element");
            }
            if (check_text(&p, '<', start, why, wn) != 0)
                return -1;
            continue;
        }
        if (strncmp(p, "<?", 2) == 0) {
            if (roots > 0 || depth > 0) {
                if (strncmp(p, "<?xml ", 6) == 0)
                    return fail(why, wn, start, p, "XML declaration not at the start");
            } else if (strncmp(p, "<?xml ", 6) == 0 && p != start) {
                return fail(why, wn, start, p, "XML declaration not at the start");
            }
            const char *e = strstr(p, "?>");
            if (!e)
                return fail(why, wn, start, p, "unterminated processing instruction");
            p = e + 2;
            continue;
        }
        if (strncmp(p, "<!--", 4) == 0) {
            const char *e = strstr(p + 4, "--");
            if (!e || e[2] != '>')
                return fail(why, wn, start, p, "bad comment");
            p = e + 3;
            continue;
        }
        if (strncmp(p, "<!", 2) == 0)
            return fail(why, wn, start, p, "DOCTYPE or CDATA not expected");
        if (p[1] == '/') {
            char name[MAX_NAME];
            p += 2;
            if (!read_name(&p, name))
                return fail(why, wn, start, p, "bad end tag");
            skip_ws(&p);
            if (*p != '>')
                return fail(why, wn, start, p, "bad end tag");
            p++;
            if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
                return fail(why, wn, start, p, "end tag does not match");
            depth--;
            continue;
        }
        /* A start tag. */
        char name[MAX_NAME];
        p++;
        if (!read_name(&p, name))
            return fail(why, wn, start, p, "bad start tag");
        if (depth == 0 && roots++ > 0)
            return fail(why, wn, start, p, "second root element");
        char attrs[MAX_ATTRS][MAX_NAME];
        int na = 0;
        for (;;) {
            const char *before = p;
            skip_ws(&p);
            if (*p == '>' || (p[0] == '/' && p[1] == '>'))
                break;
            if (p == before)
                return fail(why, wn, start, p, "missing space before an attribute");
            char an[MAX_NAME];
            if (!read_name(&p, an))
                return fail(why, wn, start, p, "bad attribute name");
            for (int i = 0; i < na; i++)
                if (strcmp(attrs[i], an) == 0)
                    return fail(why, wn, start, p, "duplicate attribute");
            if (na < MAX_ATTRS)
                strcpy(attrs[na++], an);
            skip_ws(&p);
            if (*p != '=')
                return fail(why, wn, start, p, "attribute without a value");
            p++;
            skip_ws(&p);
            char q = *p;
            if (q != '"' && q != '\'')
                return fail(why, wn, start, p, "unquoted attribute value");
            p++;
            if (check_text(&p, q, start, why, wn) != 0)
                return -1;
            if (*p != q)
                return fail(why, wn, start, p, "unterminated attribute value");
            p++;
        }
        if (*p == '/') {
            p += 2;
            continue;
        }
        p++;
        if (depth == MAX_DEPTH)
            return fail(why, wn, start, p, "nesting too deep");
        strcpy(stack[depth++], name);
    }
    if (depth != 0)
        return fail(why, wn, start, p, "unclosed element");
    if (roots != 1)
        return fail(why, wn, start, p, "no root element");
    return 0;
}
