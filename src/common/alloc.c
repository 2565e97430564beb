/*
 * Allocation hooks: every allocation of the library goes through here, so a
 * caller can supply its own allocator and the tests can fail the N-th one.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void *default_malloc(size_t size, void *ud)
{
    (void)ud;
    return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *ud)
{
    (void)ud;
    return realloc(ptr, size);
}

static void default_free(void *ptr, void *ud)
{
    (void)ud;
    free(ptr);
}

/* Process-wide by design (documented in common.h): memory must be freed by
 * the allocator that gave it, so the hooks cannot differ between threads. */
static ldrt_malloc_fn hook_malloc = default_malloc;
static ldrt_realloc_fn hook_realloc = default_realloc;
static ldrt_free_fn hook_free = default_free;
static void *hook_data;

int ldrt_set_allocator(ldrt_malloc_fn malloc_fn, ldrt_realloc_fn realloc_fn,
                       ldrt_free_fn free_fn, void *user_data)
{
    if (!malloc_fn && !realloc_fn && !free_fn) {
        hook_malloc = default_malloc;
        hook_realloc = default_realloc;
        hook_free = default_free;
        hook_data = NULL;
        return LDRT_OK;
    }
    if (!malloc_fn)
        return ldrt__error(LDRT_EINVAL, "malloc_fn: must not be NULL when other hooks are set");
    if (!realloc_fn)
        return ldrt__error(LDRT_EINVAL, "realloc_fn: must not be NULL when other hooks are set");
    if (!free_fn)
        return ldrt__error(LDRT_EINVAL, "free_fn: must not be NULL when other hooks are set");
    hook_malloc = malloc_fn;
    hook_realloc = realloc_fn;
    hook_free = free_fn;
    hook_data = user_data;
    return LDRT_OK;
}

void *ldrt__malloc(size_t size)
{
    void *p = hook_malloc(size ? size : 1, hook_data);
    if (!p)
        ldrt__error(LDRT_ENOMEM, "out of memory allocating %zu bytes", size);
    return p;
}

void *ldrt__calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        ldrt__error(LDRT_ENOMEM, "allocation of %zu x %zu bytes overflows", count, size);
        return NULL;
    }
    size_t bytes = count * size;
    void *p = ldrt__malloc(bytes);
    if (p && bytes > 0)
        memset(p, 0, bytes);
    return p;
}

void *ldrt__realloc(void *ptr, size_t size)
{
    void *p = hook_realloc(ptr, size ? size : 1, hook_data);
    if (!p)
        ldrt__error(LDRT_ENOMEM, "out of memory allocating %zu bytes", size);
    return p;
}

void *ldrt__reallocarray(void *ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        ldrt__error(LDRT_ENOMEM, "allocation of %zu x %zu bytes overflows", count, size);
        return NULL;
    }
    return ldrt__realloc(ptr, count * size);
}

size_t ldrt__grow_cap(size_t cap, size_t need, size_t first)
{
    if (need <= cap)
        return cap;
    size_t c = cap ? cap : (first ? first : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return 0;
        c *= 2;
    }
    return c;
}

int ldrt__grow(void **array, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (need <= *cap)
        return LDRT_OK;
    size_t c = ldrt__grow_cap(*cap, need, first);
    if (!c)
        return ldrt__error(LDRT_ENOMEM, "a growing array overflows");
    void *p = ldrt__reallocarray(*array, c, elem);
    if (!p)
        return LDRT_ENOMEM;
    *array = p;
    *cap = c;
    return LDRT_OK;
}

void ldrt__free(void *ptr)
{
    if (ptr)
        hook_free(ptr, hook_data);
}

void ldrt_free(void *ptr)
{
    ldrt__free(ptr);
}

char *ldrt__strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = ldrt__malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *ldrt__strdup(const char *s)
{
    return ldrt__strndup(s, strlen(s));
}
