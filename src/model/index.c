/*
 * A string-keyed index (open addressing, linear probing, FNV-1a hash), so
 * that finding a lesion, an event id or a course id is O(1) and building a
 * record of n items is O(n), not O(n^2): a large document must not take
 * minutes to load. Keys are borrowed from the items (their id strings).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "internal.h"
#include "model.h"

#define TOMB ((void *)&tomb_marker)
static const char tomb_marker;

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211u;
    }
    return h;
}

void *ldrt__index_find(const ldrt__index *x, const char *key)
{
    if (!x->cap || !key)
        return NULL;
    size_t mask = x->cap - 1;
    for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
        const ldrt__index_slot *s = &x->slots[i];
        if (!s->item)
            return NULL;
        if (s->item != TOMB && strcmp(s->key, key) == 0)
            return s->item;
    }
}

static void put(ldrt__index *x, const char *key, void *item)
{
    size_t mask = x->cap - 1;
    size_t i = hash(key) & mask;
    while (x->slots[i].item && x->slots[i].item != TOMB)
        i = (i + 1) & mask;
    if (x->slots[i].item == TOMB)
        x->tombs--;
    x->slots[i].key = key;
    x->slots[i].item = item;
    x->n++;
}

int ldrt__index_reserve(ldrt__index *x, size_t more)
{
    /* Keep the table at most half full, tombstones included. */
    if ((x->n + x->tombs + more) * 2 <= x->cap)
        return LDRT_OK;
    size_t cap = 16;
    while (cap < (x->n + more) * 4)
        cap *= 2;
    ldrt__index_slot *slots = ldrt__calloc(cap, sizeof *slots);
    if (!slots)
        return LDRT_ENOMEM;
    ldrt__index old = *x;
    x->slots = slots;
    x->cap = cap;
    x->n = 0;
    x->tombs = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].item && old.slots[i].item != TOMB)
            put(x, old.slots[i].key, old.slots[i].item);
    ldrt__free(old.slots);
    return LDRT_OK;
}

void ldrt__index_add(ldrt__index *x, const char *key, void *item)
{
    put(x, key, item);
}

void ldrt__index_remove(ldrt__index *x, const char *key, const void *item)
{
    if (!x->cap || !key)
        return;
    size_t mask = x->cap - 1;
    for (size_t i = hash(key) & mask; x->slots[i].item; i = (i + 1) & mask)
        if (x->slots[i].item == item) {
            x->slots[i].item = TOMB;
            x->slots[i].key = NULL;
            x->n--;
            x->tombs++;
            return;
        }
}

void ldrt__index_free(ldrt__index *x)
{
    ldrt__free(x->slots);
    memset(x, 0, sizeof *x);
}
