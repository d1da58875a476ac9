/*
 * arena.c: chunked bump allocation with a byte cap.
 *
 * Chunks grow geometrically from the first size; the last chunk is cut to
 * what is left under the cap, so an arena never holds more than 'cap' bytes
 * of chunks. The first chunk survives bk_arena_reset() so that an arena
 * reused per request or per invocation costs no malloc in steady state.
 */
#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

struct bk_arena_chunk {
    bk_arena_chunk_t *prev;
    size_t size;           /* bytes of data[] */
    _Alignas(16) uint8_t data[];
};

struct bk_arena_cleanup {
    bk_arena_cleanup_t *next;
    void (*fn)(void *);
    void *data;
};

/* ---- the allocation failure hook --------------------------------------- */

int bk__alloc_hook_armed;
static unsigned long alloc_countdown;

void bk_alloc_fail_at(unsigned long n)
{
    alloc_countdown = n;
    bk__alloc_hook_armed = n != 0;
}

/* Counts one allocation; returns 1 when this one must fail. */
int bk__alloc_hook_fire(void)
{
    if (!bk__alloc_hook_armed)
        return 0;
    if (--alloc_countdown == 0) {
        bk__alloc_hook_armed = 0;
        return 1;
    }
    return 0;
}

void *bk_malloc(size_t n)
{
    if (BK_UNLIKELY(bk__alloc_hook_armed) && bk__alloc_hook_fire())
        return NULL;
    return malloc(n ? n : 1);
}

void *bk_calloc(size_t n, size_t size)
{
    if (BK_UNLIKELY(bk__alloc_hook_armed) && bk__alloc_hook_fire())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *bk_realloc(void *p, size_t n)
{
    if (BK_UNLIKELY(bk__alloc_hook_armed) && bk__alloc_hook_fire())
        return NULL;
    return realloc(p, n ? n : 1);
}

void bk_free(void *p) { free(p); }

/* ---- arenas ------------------------------------------------------------- */

void bk_arena_init(bk_arena_t *a, size_t first, size_t cap)
{
    memset(a, 0, sizeof(*a));
    a->first_size = first ? first : 4096;
    a->cap = cap;
    if (cap && a->first_size > cap)
        a->first_size = cap;
}

bk_arena_t *bk_arena_new(size_t first, size_t cap)
{
    bk_arena_t *a = bk_malloc(sizeof(*a));
    if (a == NULL)
        return NULL;
    bk_arena_init(a, first, cap);
    return a;
}

static void run_cleanups(bk_arena_t *a)
{
    while (a->cleanups != NULL) {
        bk_arena_cleanup_t *c = a->cleanups;
        a->cleanups = c->next;
        c->fn(c->data);
    }
}

void bk_arena_destroy(bk_arena_t *a)
{
    run_cleanups(a);
    bk_arena_chunk_t *c = a->chunk;
    while (c != NULL) {
        bk_arena_chunk_t *prev = c->prev;
        free(c);
        c = prev;
    }
    a->chunk = NULL;
    a->pos = a->end = NULL;
    a->total = 0;
    a->failed = 0;
}

void bk_arena_free(bk_arena_t *a)
{
    if (a == NULL)
        return;
    bk_arena_destroy(a);
    free(a);
}

void bk_arena_reset(bk_arena_t *a)
{
    run_cleanups(a);
    bk_arena_chunk_t *c = a->chunk;
    if (c == NULL)
        return;
    while (c->prev != NULL) {
        bk_arena_chunk_t *prev = c->prev;
        a->total -= c->size;
        free(c);
        c = prev;
    }
    a->chunk = c;
    a->pos = c->data;
    a->end = c->data + c->size;
    a->failed = 0;
}

void *bk__arena_alloc_slow(bk_arena_t *a, size_t n)
{
    if (BK_UNLIKELY(bk__alloc_hook_armed) && bk__alloc_hook_fire())
        return NULL;
    if ((size_t)(a->end - a->pos) >= n) {
        void *p = a->pos;
        a->pos += n;
        return p;
    }
    /* A new chunk: double the last size, at least n, at most what the cap
     * leaves. */
    size_t size = a->chunk ? a->chunk->size * 2 : a->first_size;
    if (size < n)
        size = n;
    if (a->cap) {
        size_t left = a->cap > a->total ? a->cap - a->total : 0;
        if (size > left)
            size = left;
        if (size < n) {
            a->failed = 1;
            return NULL;
        }
    }
    bk_arena_chunk_t *c = malloc(sizeof(*c) + size);
    if (c == NULL) {
        a->failed = 1;
        return NULL;
    }
    c->prev = a->chunk;
    c->size = size;
    a->chunk = c;
    a->total += size;
    a->pos = c->data + n;
    a->end = c->data + size;
    return c->data;
}

void *bk_arena_calloc(bk_arena_t *a, size_t n)
{
    void *p = bk_arena_alloc(a, n);
    if (p != NULL)
        memset(p, 0, n);
    return p;
}

void *bk_arena_alloc_aligned(bk_arena_t *a, size_t n, size_t align)
{
    if (align <= BK_ARENA_ALIGN)
        return bk_arena_alloc(a, n);
    uint8_t *p = bk_arena_alloc(a, n + align - 1);
    if (p == NULL)
        return NULL;
    return (void *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
}

char *bk_arena_strndup(bk_arena_t *a, const void *p, size_t n)
{
    char *s = bk_arena_alloc(a, n + 1);
    if (s == NULL)
        return NULL;
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

void *bk_arena_memdup(bk_arena_t *a, const void *p, size_t n)
{
    void *d = bk_arena_alloc(a, n);
    if (d != NULL && n)
        memcpy(d, p, n);
    return d;
}

void *bk_arena_realloc(bk_arena_t *a, void *p, size_t old, size_t n)
{
    size_t olda = BK_ALIGN_UP(old, BK_ARENA_ALIGN);
    size_t na = BK_ALIGN_UP(n, BK_ARENA_ALIGN);
    if (p != NULL && (uint8_t *)p + olda == a->pos) {
        if (na <= olda) {
            a->pos = (uint8_t *)p + na;
            return p;
        }
        if ((size_t)(a->end - (uint8_t *)p) >= na) {
            if (BK_UNLIKELY(bk__alloc_hook_armed) && bk__alloc_hook_fire())
                return NULL;
            a->pos = (uint8_t *)p + na;
            return p;
        }
    }
    if (n <= old)
        return p;
    void *q = bk_arena_alloc(a, n);
    if (q == NULL)
        return NULL;
    if (p != NULL && old)
        memcpy(q, p, old);
    return q;
}

int bk_arena_cleanup_add(bk_arena_t *a, void (*fn)(void *), void *data)
{
    bk_arena_cleanup_t *c = bk_arena_alloc(a, sizeof(*c));
    if (c == NULL)
        return BK_ERR;
    c->fn = fn;
    c->data = data;
    c->next = a->cleanups;
    a->cleanups = c;
    return BK_OK;
}

bk_arena_mark_t bk_arena_mark(bk_arena_t *a)
{
    return (bk_arena_mark_t){a->chunk, a->pos};
}

void bk_arena_rewind(bk_arena_t *a, bk_arena_mark_t m)
{
    while (a->chunk != m.chunk) {
        bk_arena_chunk_t *c = a->chunk;
        BK_ASSERT(c != NULL);
        a->chunk = c->prev;
        a->total -= c->size;
        free(c);
    }
    if (a->chunk == NULL) {
        a->pos = a->end = NULL;
        return;
    }
    a->pos = m.pos;
    a->end = a->chunk->data + a->chunk->size;
}

size_t bk_arena_used(const bk_arena_t *a)
{
    if (a->chunk == NULL)
        return 0;
    return a->total - (size_t)(a->end - a->pos);
}
