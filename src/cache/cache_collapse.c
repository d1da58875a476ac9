/*
 * cache_collapse.c: request collapsing bookkeeping. The first miss on a key
 * becomes the filler and goes to the origin; later misses on the same key
 * wait on the fill and are called back, in join order, when the filler
 * completes with an entry or a failure. Pure data structure: no I/O, no
 * timers (a waiter's own timeout cancels it with bk_cache_waiter_cancel).
 *
 * Invariant: a fill is in the table from join to done; a waiter is on
 * exactly one fill's list while w->_fill is set. Waiters live in their
 * request's memory, so the list is intrusive and the only allocation is the
 * fill record (key copy) from bk_malloc.
 */
#include <string.h>

#include "cache/cache_int.h"

static bk_cache_fill_t **slot(bk_cache_t *c, uint64_t h)
{
    return &c->fills[h % BK_CACHE__FILL_BUCKETS];
}

int bk_cache_fill_join(bk_cache_t *c, bk_str_t key, bk_cache_waiter_t *w,
                       bk_cache_fill_t **fill)
{
    if (c->aborting) /* callbacks run by bk_cache_free cannot start fills */
        return BK_ERR;
    uint64_t h = bk_cache__hash(c->k0, c->k1, key.p, key.n);
    for (bk_cache_fill_t *f = *slot(c, h); f; f = f->next) {
        if (f->hash != h || !bk_str_eq(bk_str(f->key, f->key_len), key))
            continue;
        BK_ASSERT(w != NULL && w->fn != NULL && w->_fill == NULL);
        w->_fill = f;
        w->_next = NULL;
        w->_prev = f->tail;
        if (f->tail)
            f->tail->_next = w;
        else
            f->head = w;
        f->tail = w;
        return BK_AGAIN;
    }
    bk_cache_fill_t *f = bk_malloc(sizeof(*f) + key.n);
    if (f == NULL)
        return BK_ERR;
    memset(f, 0, sizeof(*f));
    if (key.n)
        memcpy(f->key, key.p, key.n);
    f->key_len = key.n;
    f->hash = h;
    f->next = *slot(c, h);
    *slot(c, h) = f;
    c->nfills++;
    *fill = f;
    return BK_OK;
}

void bk_cache_waiter_cancel(bk_cache_waiter_t *w)
{
    bk_cache_fill_t *f = w->_fill;
    if (f == NULL)
        return;
    if (w->_prev)
        w->_prev->_next = w->_next;
    else
        f->head = w->_next;
    if (w->_next)
        w->_next->_prev = w->_prev;
    else
        f->tail = w->_prev;
    w->_fill = NULL;
    w->_prev = w->_next = NULL;
}

void bk_cache_fill_done(bk_cache_t *c, bk_cache_fill_t *fill,
                        bk_cache_entry_t *e)
{
    bk_cache_fill_t **pp = slot(c, fill->hash);
    while (*pp != fill) {
        BK_ASSERT(*pp != NULL); /* done twice, or a foreign fill */
        pp = &(*pp)->next;
    }
    *pp = fill->next;
    c->nfills--;

    /* Hold a reference so a callback releasing its pin cannot free 'e'
     * under the next waiter. */
    if (e)
        bk_cache_entry_ref(e);
    /* One waiter at a time: a callback may cancel others on this list. */
    while (fill->head) {
        bk_cache_waiter_t *w = fill->head;
        bk_cache_waiter_cancel(w);
        w->fn(w, e);
    }
    if (e)
        bk_cache_entry_release(e);
    bk_free(fill);
}

size_t bk_cache_fills_pending(const bk_cache_t *c)
{
    return c->nfills;
}

void bk_cache__fills_abort(bk_cache_t *c)
{
    c->aborting = 1;
    for (size_t i = 0; i < BK_CACHE__FILL_BUCKETS; i++)
        while (c->fills[i])
            bk_cache_fill_done(c, c->fills[i], NULL);
    c->aborting = 0;
}
