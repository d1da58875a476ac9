/*
 * cache_store.c: the entry store: a hash index over key bytes split into
 * shards, each with its own mutex, chains and LRU list, and one byte cap
 * over all of them.
 *
 * Invariants: an entry is in its shard's index iff it is in that shard's
 * LRU list iff _linked; within a shard the list is ordered by _tick (a
 * global counter taken under the shard lock at each move to the front), so
 * the globally least recently moved entry is the shard tail with the
 * smallest _tick, which c->oldest[] publishes for evictors. The LRU is
 * approximate in one way: hits in the front half (fewer than count / 2
 * moves since the entry's own) do not reorder. c->g.bytes is the sum of
 * _size over linked entries; after an insert returns it is under
 * conf.max_bytes unless other threads' inserts are still evicting (at most
 * one object each over). The index holds one reference on each linked
 * entry; unlinking drops it (after the shard lock is released), so an entry
 * pinned by a request outlives its eviction and is freed by the last
 * release, on whichever thread that is.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "cache/cache_int.h"

/* ---------------------------------------------------------------------- */
/* SipHash-1-3                                                             */
/* ---------------------------------------------------------------------- */

/* Keys are built from viewer-chosen paths, query strings and cookies, so
 * an unkeyed hash (FNV, as in core) would let a viewer aim many keys at one
 * chain. SipHash with a per-cache random key removes that, for about 280
 * instructions on a 67-byte key (cachegrind over bench/cache); the 1-3
 * variant (one compression round) is what Rust and Python use for the same
 * purpose. */

static inline uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

#define SIPROUND                                                              \
    do {                                                                      \
        v0 += v1;                                                             \
        v1 = rotl(v1, 13);                                                    \
        v1 ^= v0;                                                             \
        v0 = rotl(v0, 32);                                                    \
        v2 += v3;                                                             \
        v3 = rotl(v3, 16);                                                    \
        v3 ^= v2;                                                             \
        v0 += v3;                                                             \
        v3 = rotl(v3, 21);                                                    \
        v3 ^= v0;                                                             \
        v2 += v1;                                                             \
        v1 = rotl(v1, 17);                                                    \
        v1 ^= v2;                                                             \
        v2 = rotl(v2, 32);                                                    \
    } while (0)

static inline uint64_t load_le64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

uint64_t bk_cache__hash(uint64_t k0, uint64_t k1, const void *data, size_t n)
{
    const uint8_t *p = data;
    uint64_t v0 = k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = k1 ^ 0x7465646279746573ULL;
    size_t i = 0;

    for (; i + 8 <= n; i += 8) {
        uint64_t m = load_le64(p + i);
        v3 ^= m;
        SIPROUND;
        v0 ^= m;
    }
    uint64_t b = (uint64_t)n << 56;
    for (size_t j = 0; i + j < n; j++)
        b |= (uint64_t)p[i + j] << (8 * j);
    v3 ^= b;
    SIPROUND;
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND;
    SIPROUND;
    SIPROUND;
    return v0 ^ v1 ^ v2 ^ v3;
}

/* ---------------------------------------------------------------------- */
/* Entries                                                                 */
/* ---------------------------------------------------------------------- */

size_t bk_cache_entry_cost(size_t key_len, size_t head_len, size_t body_len)
{
    size_t n = key_len + head_len;
    if (n < key_len || n + body_len < n ||
        n + body_len > SIZE_MAX - BK_CACHE_ENTRY_OVERHEAD)
        return SIZE_MAX;
    return n + body_len + BK_CACHE_ENTRY_OVERHEAD;
}

/* One allocation holds the struct, then key, head and body bytes. */
bk_cache_entry_t *bk_cache_entry_new(bk_str_t key, int status, bk_str_t head,
                                     const void *body, size_t body_len)
{
    size_t cost = bk_cache_entry_cost(key.n, head.n, body_len);
    if (cost == SIZE_MAX || sizeof(bk_cache_entry_t) > SIZE_MAX - cost)
        return NULL;
    size_t total = sizeof(bk_cache_entry_t) + key.n + head.n + body_len;
    bk_cache_entry_t *e = bk_malloc(total ? total : 1);
    if (e == NULL)
        return NULL;
    memset(e, 0, sizeof(*e));

    uint8_t *p = (uint8_t *)(e + 1);
    if (key.n)
        memcpy(p, key.p, key.n);
    e->key = bk_str(p, key.n);
    p += key.n;
    if (head.n)
        memcpy(p, head.p, head.n);
    e->head = bk_str(p, head.n);
    p += head.n;
    if (body != NULL && body_len)
        memcpy(p, body, body_len);
    e->body = bk_str(p, body_len);

    e->status = (uint16_t)status;
    e->_refs = 1;
    e->_size = cost;
    e->last_modified_t = -1;

    bk_str_t v = bk_cache_head_get(e->head, BK_STR("etag"));
    if (v.p != NULL)
        e->etag = v;
    v = bk_cache_head_get(e->head, BK_STR("last-modified"));
    if (v.p != NULL) {
        int64_t t;
        e->last_modified = v;
        if (bk_date_parse(v, BK_DATE_LENIENT, &t) == BK_OK)
            e->last_modified_t = t;
    }
    return e;
}

uint8_t *bk_cache_entry_body_mut(bk_cache_entry_t *e)
{
    BK_ASSERT(!e->_inserted);
    return (uint8_t *)e->body.p;
}

void bk_cache_entry_ref(bk_cache_entry_t *e)
{
    uint32_t was = __atomic_fetch_add(&e->_refs, 1, __ATOMIC_RELAXED);
    BK_ASSERT(was > 0 && was < UINT32_MAX);
}

void bk_cache_entry_release(bk_cache_entry_t *e)
{
    if (e == NULL)
        return;
    /* Release order so this thread's reads of the entry happen before the
     * free on another thread; acquire for the thread that frees. */
    uint32_t was = __atomic_fetch_sub(&e->_refs, 1, __ATOMIC_ACQ_REL);
    BK_ASSERT(was > 0);
    if (was == 1) {
        BK_ASSERT(!__atomic_load_n(&e->_linked, __ATOMIC_RELAXED));
        bk_free(e);
    }
}

static void release_cleanup(void *data)
{
    bk_cache_entry_release(data);
}

int bk_cache_entry_pin(bk_cache_entry_t *e, bk_arena_t *a)
{
    return bk_arena_cleanup_add(a, release_cleanup, e);
}

/* ---------------------------------------------------------------------- */
/* Cache                                                                   */
/* ---------------------------------------------------------------------- */

/* Per shard; each doubles on its own as it fills. */
#define INITIAL_BUCKETS 8

#define LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)
#define STORE(p, v) __atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define ADD(p, v) __atomic_add_fetch((p), (v), __ATOMIC_RELAXED)
#define SUB(p, v) __atomic_sub_fetch((p), (v), __ATOMIC_RELAXED)

static void shards_fini(bk_cache_t *c, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        bk_free(c->shards[i].buckets);
        pthread_mutex_destroy(&c->shards[i].lock);
    }
}

bk_cache_t *bk_cache_new(const bk_cache_conf_t *conf)
{
    if (conf == NULL || conf->max_bytes == 0)
        return NULL;
    /* The struct wants 64-byte alignment (lines of its own for shards and
     * atomics); bk_calloc gives 16, so over-allocate and align by hand. */
    void *raw = bk_calloc(1, sizeof(bk_cache_t) + 64);
    if (raw == NULL)
        return NULL;
    bk_cache_t *c = (bk_cache_t *)BK_ALIGN_UP((uintptr_t)raw, 64);
    c->raw = raw;
    c->conf = *conf;
    if (c->conf.max_object_bytes == 0 ||
        c->conf.max_object_bytes > c->conf.max_bytes)
        c->conf.max_object_bytes = c->conf.max_bytes;
    unsigned i;
    for (i = 0; i < BK_CACHE_SHARDS; i++) {
        bk_cache__shard_t *s = &c->shards[i];
        s->index = i;
        s->buckets = bk_calloc(INITIAL_BUCKETS, sizeof(*s->buckets));
        if (s->buckets == NULL)
            break;
        if (pthread_mutex_init(&s->lock, NULL) != 0) {
            bk_free(s->buckets);
            break;
        }
        s->mask = INITIAL_BUCKETS - 1;
        c->oldest[i] = UINT64_MAX;
    }
    if (i < BK_CACHE_SHARDS) {
        shards_fini(c, i);
        bk_free(raw);
        return NULL;
    }
    if (conf->seed[0] == 0 && conf->seed[1] == 0) {
        uint64_t s[2];
        if (getrandom(s, sizeof(s), GRND_NONBLOCK) != (ssize_t)sizeof(s)) {
            /* XXX: a weak fallback; getrandom only fails this early in boot
             * or under seccomp. */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            s[0] = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL;
            s[1] = (uint64_t)ts.tv_sec ^ (uint64_t)(uintptr_t)c;
        }
        c->k0 = s[0];
        c->k1 = s[1];
    } else {
        c->k0 = conf->seed[0];
        c->k1 = conf->seed[1];
    }
    return c;
}

/* Publishes the shard's tail tick after its tail may have changed; stores
 * only on a change, so evictors' scans rarely miss in their cache. */
static void publish_oldest(bk_cache_t *c, bk_cache__shard_t *s)
{
    uint64_t v = s->lru ? s->lru->_tick : UINT64_MAX;
    if (LOAD(&c->oldest[s->index]) != v)
        STORE(&c->oldest[s->index], v);
}

static void lru_unlink(bk_cache__shard_t *s, bk_cache_entry_t *e)
{
    if (e->_prev)
        e->_prev->_next = e->_next;
    else
        s->mru = e->_next;
    if (e->_next)
        e->_next->_prev = e->_prev;
    else
        s->lru = e->_prev;
    e->_prev = e->_next = NULL;
}

/* Under s->lock, which keeps ticks in one shard's list ordered. */
static void lru_push_front(bk_cache_t *c, bk_cache__shard_t *s,
                           bk_cache_entry_t *e)
{
    e->_tick = ADD(&c->g.tick, 1);
    e->_prev = NULL;
    e->_next = s->mru;
    if (s->mru)
        s->mru->_prev = e;
    else
        s->lru = e;
    s->mru = e;
}

/* Takes 'e' out of its shard's index and LRU (under s->lock). The index's
 * reference is the caller's to drop, once the lock is released. */
static void unlink_entry(bk_cache_t *c, bk_cache__shard_t *s,
                         bk_cache_entry_t *e)
{
    BK_ASSERT(e->_linked && e->_cache == c);
    bk_cache_entry_t **pp = &s->buckets[e->_hash & s->mask];
    while (*pp != e) {
        BK_ASSERT(*pp != NULL);
        pp = &(*pp)->_hnext;
    }
    *pp = e->_hnext;
    e->_hnext = NULL;
    int was_tail = s->lru == e;
    lru_unlink(s, e);
    STORE(&e->_linked, 0);
    s->count--;
    SUB(&c->g.count, 1);
    SUB(&c->g.bytes, e->_size);
    if (was_tail)
        publish_oldest(c, s);
}

static bk_cache_entry_t *find(bk_cache__shard_t *s, bk_str_t key, uint64_t h)
{
    for (bk_cache_entry_t *e = s->buckets[h & s->mask]; e; e = e->_hnext)
        if (e->_hash == h && bk_str_eq(e->key, key))
            return e;
    return NULL;
}

/* Doubles a shard's bucket array; on allocation failure chains just grow. */
static void grow(bk_cache__shard_t *s)
{
    size_t n = (s->mask + 1) * 2;
    if (n > SIZE_MAX / sizeof(*s->buckets))
        return;
    bk_cache_entry_t **nb = bk_calloc(n, sizeof(*nb));
    if (nb == NULL)
        return;
    for (size_t i = 0; i <= s->mask; i++) {
        bk_cache_entry_t *e = s->buckets[i];
        while (e) {
            bk_cache_entry_t *next = e->_hnext;
            size_t j = e->_hash & (n - 1);
            e->_hnext = nb[j];
            nb[j] = e;
            e = next;
        }
    }
    bk_free(s->buckets);
    s->buckets = nb;
    s->mask = n - 1;
}

/* Evicts globally least recently used entries until the cap holds: the
 * shard whose tail is oldest, found by scanning c->oldest without locks,
 * then re-checked under that shard's lock. One shard lock at a time. */
static void evict(bk_cache_t *c)
{
    while (LOAD(&c->g.bytes) > c->conf.max_bytes) {
        unsigned best = BK_CACHE_SHARDS;
        uint64_t min = UINT64_MAX;
        for (unsigned i = 0; i < BK_CACHE_SHARDS; i++) {
            uint64_t t = LOAD(&c->oldest[i]);
            if (t < min) {
                min = t;
                best = i;
            }
        }
        if (best == BK_CACHE_SHARDS)
            return; /* empty: another thread's entries are on their way */
        bk_cache__shard_t *s = &c->shards[best];
        bk_cache_entry_t *v = NULL;
        pthread_mutex_lock(&s->lock);
        /* Another evictor may have got there first: check both again. */
        if (s->lru != NULL && LOAD(&c->g.bytes) > c->conf.max_bytes) {
            v = s->lru;
            unlink_entry(c, s, v);
            ADD(&c->g.evictions, 1);
        }
        pthread_mutex_unlock(&s->lock);
        bk_cache_entry_release(v);
    }
}

/* Link, then evict: the new entry is the most recently used, so it only
 * goes if it is alone (and then it fits). A replaced entry's bytes are
 * freed first so an update of a large object does not evict others. */
int bk_cache_insert(bk_cache_t *c, bk_cache_entry_t *e)
{
    BK_ASSERT(!e->_inserted && e->_refs > 0);
    if (e->_size > c->conf.max_object_bytes) {
        ADD(&c->g.too_large, 1);
        return BK_DECLINED;
    }
    e->_inserted = 1;
    e->_cache = c;
    e->_hash = bk_cache__hash(c->k0, c->k1, e->key.p, e->key.n);
    bk_cache__shard_t *s = bk_cache__shard(c, e->_hash);

    pthread_mutex_lock(&s->lock);
    bk_cache_entry_t *old = find(s, e->key, e->_hash);
    if (old != NULL) {
        unlink_entry(c, s, old);
        s->replaced++;
    }
    /* Load factor at most 1: chains stay short, the array stays small
     * (8 bytes per entry against entries of hundreds of bytes or more). */
    if (s->count >= s->mask + 1)
        grow(s);
    size_t i = e->_hash & s->mask;
    e->_hnext = s->buckets[i];
    s->buckets[i] = e;
    lru_push_front(c, s, e);
    STORE(&e->_linked, 1);
    ADD(&e->_refs, 1); /* the index's reference */
    s->count++;
    ADD(&c->g.count, 1);
    ADD(&c->g.bytes, e->_size);
    s->inserts++;
    publish_oldest(c, s);
    pthread_mutex_unlock(&s->lock);

    bk_cache_entry_release(old);
    evict(c);
    return BK_OK;
}

bk_cache_entry_t *bk_cache_lookup(bk_cache_t *c, bk_str_t key)
{
    uint64_t h = bk_cache__hash(c->k0, c->k1, key.p, key.n);
    bk_cache__shard_t *s = bk_cache__shard(c, h);
    pthread_mutex_lock(&s->lock);
    bk_cache_entry_t *e = find(s, key, h);
    s->lookups++;
    if (e == NULL) {
        s->misses++;
        pthread_mutex_unlock(&s->lock);
        return NULL;
    }
    s->hits++;
    /* At most (tick - e->_tick) entries were moved in front of 'e' since
     * its own move, so below count / 2 it sits in the recent half, far
     * from eviction: leave the list (and three other entries) alone. Both
     * are global (the tail to evict is chosen across shards). */
    uint64_t tick = LOAD(&c->g.tick);
    if (e->_tick != tick && tick - e->_tick >= LOAD(&c->g.count) / 2) {
        int was_tail = s->lru == e;
        lru_unlink(s, e);
        lru_push_front(c, s, e);
        if (was_tail)
            publish_oldest(c, s);
    }
    ADD(&e->_refs, 1);
    pthread_mutex_unlock(&s->lock);
    return e;
}

int bk_cache_remove(bk_cache_t *c, bk_str_t key)
{
    uint64_t h = bk_cache__hash(c->k0, c->k1, key.p, key.n);
    bk_cache__shard_t *s = bk_cache__shard(c, h);
    pthread_mutex_lock(&s->lock);
    bk_cache_entry_t *e = find(s, key, h);
    if (e != NULL)
        unlink_entry(c, s, e);
    pthread_mutex_unlock(&s->lock);
    if (e == NULL)
        return BK_DECLINED;
    bk_cache_entry_release(e);
    return BK_OK;
}

/* A walk over every entry, one shard locked at a time: invalidations are
 * rare admin actions, and an index by URI would cost every insert for their
 * sake. Unlinked entries are chained through _hnext and released after the
 * lock, so frees do not lengthen it. */
size_t bk_cache_invalidate(bk_cache_t *c, bk_str_t path)
{
    size_t n = 0;
    for (unsigned i = 0; i < BK_CACHE_SHARDS; i++) {
        bk_cache__shard_t *s = &c->shards[i];
        bk_cache_entry_t *dead = NULL;
        size_t ns = 0;
        pthread_mutex_lock(&s->lock);
        bk_cache_entry_t *e = s->mru;
        while (e) {
            bk_cache_entry_t *next = e->_next;
            if (bk_cache_inval_match(path, bk_cache_key_uri(e->key))) {
                unlink_entry(c, s, e);
                e->_hnext = dead;
                dead = e;
                ns++;
            }
            e = next;
        }
        s->invalidated += ns;
        pthread_mutex_unlock(&s->lock);
        while (dead) {
            bk_cache_entry_t *next = dead->_hnext;
            dead->_hnext = NULL;
            bk_cache_entry_release(dead);
            dead = next;
        }
        n += ns;
    }
    return n;
}

void bk_cache_stats(const bk_cache_t *cc, bk_cache_stats_t *out)
{
    bk_cache_t *c = (bk_cache_t *)cc; /* the locks change; the data not */
    memset(out, 0, sizeof(*out));
    for (unsigned i = 0; i < BK_CACHE_SHARDS; i++) {
        bk_cache__shard_t *s = &c->shards[i];
        pthread_mutex_lock(&s->lock);
        out->lookups += s->lookups;
        out->hits += s->hits;
        out->misses += s->misses;
        out->inserts += s->inserts;
        out->replaced += s->replaced;
        out->invalidated += s->invalidated;
        pthread_mutex_unlock(&s->lock);
    }
    out->entries = LOAD(&c->g.count);
    out->bytes = LOAD(&c->g.bytes);
    out->evictions = LOAD(&c->g.evictions);
    out->too_large = LOAD(&c->g.too_large);
}

void bk_cache_usage(const bk_cache_t *c, size_t *bytes, size_t *entries,
                    uint64_t *evictions)
{
    *bytes = LOAD(&c->g.bytes);
    *entries = LOAD(&c->g.count);
    *evictions = LOAD(&c->g.evictions);
}

/* A merge of the shards' lists by _tick, newest first: O(entries x shards),
 * fine for listings and tests. */
void bk_cache_foreach(bk_cache_t *c, int (*fn)(void *, bk_cache_entry_t *),
                      void *data)
{
    bk_cache_entry_t *cur[BK_CACHE_SHARDS];
    for (unsigned i = 0; i < BK_CACHE_SHARDS; i++) {
        pthread_mutex_lock(&c->shards[i].lock);
        cur[i] = c->shards[i].mru;
    }
    for (;;) {
        unsigned best = BK_CACHE_SHARDS;
        for (unsigned i = 0; i < BK_CACHE_SHARDS; i++)
            if (cur[i] && (best == BK_CACHE_SHARDS ||
                           cur[i]->_tick > cur[best]->_tick))
                best = i;
        if (best == BK_CACHE_SHARDS)
            break;
        bk_cache_entry_t *e = cur[best];
        cur[best] = e->_next;
        if (fn(data, e))
            break;
    }
    for (unsigned i = BK_CACHE_SHARDS; i-- > 0;)
        pthread_mutex_unlock(&c->shards[i].lock);
}

void bk_cache_free(bk_cache_t *c)
{
    if (c == NULL)
        return;
    bk_cache__fills_abort(c);
    for (unsigned i = 0; i < BK_CACHE_SHARDS; i++) {
        bk_cache__shard_t *s = &c->shards[i];
        while (s->lru) {
            bk_cache_entry_t *e = s->lru;
            unlink_entry(c, s, e);
            bk_cache_entry_release(e);
        }
    }
    shards_fini(c, BK_CACHE_SHARDS);
    bk_free(c->raw);
}
