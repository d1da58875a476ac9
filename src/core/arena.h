/*
 * arena.h: bump allocators with a byte cap, one per lifetime (config
 * generation, connection, request, JS invocation).
 *
 * Invariant: memory from an arena is released only all at once, by
 * bk_arena_reset(), bk_arena_rewind() or bk_arena_free(). The cap counts the
 * bytes of chunks taken from malloc, so allocation never exceeds it; the fast
 * path is a pointer bump and never looks at the cap.
 *
 * Test hook: bk_alloc_fail_at(n) makes the n-th allocation from now on (arena
 * or bk_malloc) fail, so tests can check that callers survive every failure.
 */
#ifndef BK_CORE_ARENA_H
#define BK_CORE_ARENA_H

#include "core/defs.h"

typedef struct bk_arena_chunk bk_arena_chunk_t;
typedef struct bk_arena_cleanup bk_arena_cleanup_t;

typedef struct bk_arena {
    uint8_t *pos;               /* next free byte of the current chunk */
    uint8_t *end;               /* end of the current chunk */
    bk_arena_chunk_t *chunk;    /* current chunk; older chunks linked */
    bk_arena_cleanup_t *cleanups;
    size_t cap;                 /* byte cap over all chunks; 0 = none */
    size_t total;               /* bytes of all chunks held */
    size_t first_size;          /* size of the first chunk (kept on reset) */
    unsigned failed;            /* set once an allocation hit the cap */
} bk_arena_t;

/* Where an arena stood; bk_arena_rewind() returns to it. */
typedef struct {
    bk_arena_chunk_t *chunk;
    uint8_t *pos;
} bk_arena_mark_t;

/* The alignment of every allocation. */
#define BK_ARENA_ALIGN 8

/* Global test hook state; see bk_alloc_fail_at(). */
extern int bk__alloc_hook_armed;
int bk__alloc_hook_fire(void);

/* Makes the n-th allocation from now (1 = the next) fail; 0 disarms. */
void bk_alloc_fail_at(unsigned long n);

/* Initialises 'a' with a first chunk of 'first' bytes (0: 4 KiB) and a byte
 * cap (0: none). The first chunk is allocated lazily. */
void bk_arena_init(bk_arena_t *a, size_t first, size_t cap);

/* A new heap-allocated arena; NULL on failure. */
bk_arena_t *bk_arena_new(size_t first, size_t cap);

/* Runs the cleanups and releases every chunk (and 'a' if from _new). */
void bk_arena_destroy(bk_arena_t *a);
void bk_arena_free(bk_arena_t *a);

/* Runs cleanups and drops all allocations but keeps the first chunk, so a
 * reused arena (one per worker per invocation) costs no malloc. */
void bk_arena_reset(bk_arena_t *a);

void *bk__arena_alloc_slow(bk_arena_t *a, size_t n);

/* n bytes, 8-aligned, uninitialised; NULL when the cap or malloc fails. */
BK_MUST_CHECK static inline void *bk_arena_alloc(bk_arena_t *a, size_t n)
{
    n = BK_ALIGN_UP(n, BK_ARENA_ALIGN);
    if (BK_LIKELY((size_t)(a->end - a->pos) >= n && !bk__alloc_hook_armed)) {
        void *p = a->pos;
        a->pos += n;
        return p;
    }
    return bk__arena_alloc_slow(a, n);
}

/* n zeroed bytes. */
BK_MUST_CHECK void *bk_arena_calloc(bk_arena_t *a, size_t n);

/* n bytes aligned to 'align' (a power of two). */
BK_MUST_CHECK void *bk_arena_alloc_aligned(bk_arena_t *a, size_t n,
                                           size_t align);

/* A NUL-terminated copy of p[0..n). */
BK_MUST_CHECK char *bk_arena_strndup(bk_arena_t *a, const void *p, size_t n);

/* A copy of p[0..n). */
BK_MUST_CHECK void *bk_arena_memdup(bk_arena_t *a, const void *p, size_t n);

/* Grows the most recent allocation 'p' of 'old' bytes in place to 'n' bytes
 * when it is at the top of the current chunk; else allocates and copies.
 * NULL on failure ('p' stays valid). */
BK_MUST_CHECK void *bk_arena_realloc(bk_arena_t *a, void *p, size_t old,
                                     size_t n);

/* Registers fn(data) to run when the arena is reset or destroyed (in reverse
 * order of registration). BK_ERR if the record cannot be allocated. */
BK_MUST_CHECK int bk_arena_cleanup_add(bk_arena_t *a, void (*fn)(void *),
                                       void *data);

bk_arena_mark_t bk_arena_mark(bk_arena_t *a);

/* Drops every allocation made since 'm' (cleanups registered since then are
 * not run: do not mix the two). */
void bk_arena_rewind(bk_arena_t *a, bk_arena_mark_t m);

/* Bytes of chunks held (what the cap is checked against). */
static inline size_t bk_arena_total(const bk_arena_t *a) { return a->total; }

/* Bytes handed out so far (approximate: ignores tails of retired chunks). */
size_t bk_arena_used(const bk_arena_t *a);

/* malloc/realloc/free through the same failure hook, for the few
 * long-lived structures that are not in an arena. */
BK_MUST_CHECK void *bk_malloc(size_t n);
BK_MUST_CHECK void *bk_calloc(size_t n, size_t size);
BK_MUST_CHECK void *bk_realloc(void *p, size_t n);
void bk_free(void *p);

#endif
