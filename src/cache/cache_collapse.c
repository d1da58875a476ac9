/*
 * cache_collapse.c: request collapsing bookkeeping, across threads. The
 * first miss on a key becomes the filler and goes to the origin; later
 * misses on the same key, from any thread, wait on the fill and are called
 * back, in join order, when the filler completes with an entry or a
 * failure. Pure data structure: no I/O, no timers (a waiter's own timeout
 * cancels it with bk_cache_waiter_cancel).
 *
 * Invariants: a fill is in its shard's table from join to done; a waiter is
 * in exactly one of three states: IDLE; WAITING on one fill's list (w->_fill
 * set; list and state guarded by the shard lock); POSTED on its owner's
 * queue with a reference on its result (guarded by the owner's lock). Only
 * the completing thread moves WAITING to POSTED, holding the shard lock and
 * then the owner's; only the owner's thread moves POSTED to IDLE (run or
 * cancel). Because cancel takes the shard lock first and fill_done holds it
 * from unlinking a waiter until it is queued and its owner woken, a cancel
 * never sees a waiter in between, and once the owner's thread has neither
 * waiting nor posted waiters no other thread touches them or the owner.
 * Waiters live in their request's memory, so lists are intrusive and the
 * only allocation is the fill record (key copy) from bk_malloc.
 */
#include <string.h>

#include "cache/cache_int.h"

static bk_cache_fill_t **slot(bk_cache__shard_t *s, uint64_t h)
{
    return &s->fills[h % BK_CACHE__FILL_BUCKETS];
}

/* ---------------------------------------------------------------------- */
/* Owners                                                                  */
/* ---------------------------------------------------------------------- */

int bk_cache_owner_init(bk_cache_owner_t *o, void (*wake)(bk_cache_owner_t *),
                        void *data)
{
    memset(o, 0, sizeof(*o));
    o->wake = wake;
    o->data = data;
    return pthread_mutex_init(&o->_lock, NULL) == 0 ? BK_OK : BK_ERR;
}

void bk_cache_owner_fini(bk_cache_owner_t *o)
{
    /* Taking the lock waits out a completer still inside wake(). */
    pthread_mutex_lock(&o->_lock);
    BK_ASSERT(o->_head == NULL);
    pthread_mutex_unlock(&o->_lock);
    pthread_mutex_destroy(&o->_lock);
}

/* Unlinks 'w' from o's queue (o->_lock held). */
static void owner_unlink(bk_cache_owner_t *o, bk_cache_waiter_t *w)
{
    if (w->_prev)
        w->_prev->_next = w->_next;
    else
        o->_head = w->_next;
    if (w->_next)
        w->_next->_prev = w->_prev;
    else
        o->_tail = w->_prev;
    w->_prev = w->_next = NULL;
}

size_t bk_cache_owner_run(bk_cache_owner_t *o)
{
    size_t n = 0;
    /* One at a time: a callback may cancel other queued waiters. */
    for (;;) {
        pthread_mutex_lock(&o->_lock);
        bk_cache_waiter_t *w = o->_head;
        if (w == NULL) {
            pthread_mutex_unlock(&o->_lock);
            break;
        }
        owner_unlink(o, w);
        bk_cache_entry_t *e = w->_entry;
        w->_entry = NULL;
        w->_state = BK_CACHE__W_IDLE;
        pthread_mutex_unlock(&o->_lock);
        w->fn(w, e);
        bk_cache_entry_release(e);
        n++;
    }
    return n;
}

/* ---------------------------------------------------------------------- */
/* Fills                                                                   */
/* ---------------------------------------------------------------------- */

int bk_cache_fill_join(bk_cache_t *c, bk_str_t key, bk_cache_waiter_t *w,
                       bk_cache_fill_t **fill)
{
    if (c->aborting) /* callbacks run by bk_cache_free cannot start fills */
        return BK_ERR;
    uint64_t h = bk_cache__hash(c->k0, c->k1, key.p, key.n);
    bk_cache__shard_t *s = bk_cache__shard(c, h);
    pthread_mutex_lock(&s->lock);
    for (bk_cache_fill_t *f = *slot(s, h); f; f = f->next) {
        if (f->hash != h || !bk_str_eq(bk_str(f->key, f->key_len), key))
            continue;
        BK_ASSERT(w != NULL && w->fn != NULL && w->_fill == NULL &&
                  w->_state == BK_CACHE__W_IDLE);
        w->_fill = f;
        w->_shard = s;
        w->_state = BK_CACHE__W_WAITING;
        w->_next = NULL;
        w->_prev = f->tail;
        if (f->tail)
            f->tail->_next = w;
        else
            f->head = w;
        f->tail = w;
        pthread_mutex_unlock(&s->lock);
        return BK_AGAIN;
    }
    bk_cache_fill_t *f = bk_malloc(sizeof(*f) + key.n);
    if (f == NULL) {
        pthread_mutex_unlock(&s->lock);
        return BK_ERR;
    }
    memset(f, 0, sizeof(*f));
    if (key.n)
        memcpy(f->key, key.p, key.n);
    f->key_len = key.n;
    f->hash = h;
    f->owner = w ? w->owner : NULL;
    f->next = *slot(s, h);
    *slot(s, h) = f;
    __atomic_add_fetch(&c->g.nfills, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&s->lock);
    *fill = f;
    return BK_OK;
}

/* Takes a WAITING waiter off its fill's list (shard lock held). */
static void fill_unlink(bk_cache_waiter_t *w)
{
    bk_cache_fill_t *f = w->_fill;
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

void bk_cache_waiter_cancel(bk_cache_waiter_t *w)
{
    bk_cache__shard_t *s = w->_shard;
    if (s == NULL)
        return; /* never joined */
    bk_cache_entry_t *e = NULL;
    pthread_mutex_lock(&s->lock);
    if (w->_state == BK_CACHE__W_WAITING) {
        fill_unlink(w);
        w->_state = BK_CACHE__W_IDLE;
    } else if (w->_state == BK_CACHE__W_POSTED) {
        /* The fill completed on another thread; the call is queued here. */
        pthread_mutex_lock(&w->owner->_lock);
        owner_unlink(w->owner, w);
        e = w->_entry;
        w->_entry = NULL;
        w->_state = BK_CACHE__W_IDLE;
        pthread_mutex_unlock(&w->owner->_lock);
    }
    pthread_mutex_unlock(&s->lock);
    bk_cache_entry_release(e);
}

/* fill_done with 'direct': call every waiter on this thread (bk_cache_free,
 * when no other thread is left). */
static void done(bk_cache_t *c, bk_cache_fill_t *fill, bk_cache_entry_t *e,
                 int direct)
{
    bk_cache__shard_t *s = bk_cache__shard(c, fill->hash);
    pthread_mutex_lock(&s->lock);
    bk_cache_fill_t **pp = slot(s, fill->hash);
    while (*pp != fill) {
        BK_ASSERT(*pp != NULL); /* done twice, or a foreign fill */
        pp = &(*pp)->next;
    }
    *pp = fill->next;
    __atomic_sub_fetch(&c->g.nfills, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&s->lock);

    /* Hold a reference so a callback releasing its pin cannot free 'e'
     * under the next waiter. */
    if (e)
        bk_cache_entry_ref(e);
    /* One waiter at a time: a callback may cancel others on this list, and
     * other threads may cancel theirs meanwhile. */
    for (;;) {
        pthread_mutex_lock(&s->lock);
        bk_cache_waiter_t *w = fill->head;
        if (w == NULL) {
            pthread_mutex_unlock(&s->lock);
            break;
        }
        fill_unlink(w);
        bk_cache_owner_t *o = w->owner;
        if (!direct && o != NULL && o != fill->owner) {
            if (e)
                bk_cache_entry_ref(e);
            pthread_mutex_lock(&o->_lock);
            w->_entry = e;
            w->_state = BK_CACHE__W_POSTED;
            w->_next = NULL;
            w->_prev = o->_tail;
            if (o->_tail)
                o->_tail->_next = w;
            else
                o->_head = w;
            o->_tail = w;
            /* Under both locks: the owner cannot finish this waiter (run
             * or cancel) and go away before wake() returns. */
            o->wake(o);
            pthread_mutex_unlock(&o->_lock);
            pthread_mutex_unlock(&s->lock);
            continue;
        }
        w->_state = BK_CACHE__W_IDLE;
        pthread_mutex_unlock(&s->lock);
        w->fn(w, e);
    }
    if (e)
        bk_cache_entry_release(e);
    bk_free(fill);
}

void bk_cache_fill_done(bk_cache_t *c, bk_cache_fill_t *fill,
                        bk_cache_entry_t *e)
{
    done(c, fill, e, 0);
}

size_t bk_cache_fills_pending(const bk_cache_t *c)
{
    return __atomic_load_n(&c->g.nfills, __ATOMIC_RELAXED);
}

void bk_cache__fills_abort(bk_cache_t *c)
{
    c->aborting = 1;
    for (unsigned i = 0; i < BK_CACHE_SHARDS; i++) {
        bk_cache__shard_t *s = &c->shards[i];
        for (size_t b = 0; b < BK_CACHE__FILL_BUCKETS; b++)
            while (s->fills[b])
                done(c, s->fills[b], NULL, 1);
    }
    c->aborting = 0;
}
