/*
 * cache_store.c: the entry store: a chained hash index over key bytes and
 * an LRU list with a byte cap.
 *
 * Invariants: an entry is in the index iff it is in the LRU list iff
 * _linked; every entry in the back half of the list was moved to the front
 * less recently than any entry ahead of it (an approximate LRU: hits in the
 * front half do not reorder); c->bytes is the sum of _size over linked entries and never
 * exceeds conf.max_bytes after an insert returns. The index holds one
 * reference on each linked entry; unlinking drops it, so an entry pinned by
 * a request outlives its eviction and is freed by the last release.
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
        if (bk_cache_http_date(v, &t) == BK_OK)
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
    BK_ASSERT(e->_refs > 0 && e->_refs < UINT32_MAX);
    e->_refs++;
}

void bk_cache_entry_release(bk_cache_entry_t *e)
{
    if (e == NULL)
        return;
    BK_ASSERT(e->_refs > 0);
    if (--e->_refs == 0) {
        BK_ASSERT(!e->_linked);
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

#define INITIAL_BUCKETS 64

bk_cache_t *bk_cache_new(const bk_cache_conf_t *conf)
{
    if (conf == NULL || conf->max_bytes == 0)
        return NULL;
    bk_cache_t *c = bk_calloc(1, sizeof(*c));
    if (c == NULL)
        return NULL;
    c->conf = *conf;
    if (c->conf.max_object_bytes == 0 ||
        c->conf.max_object_bytes > c->conf.max_bytes)
        c->conf.max_object_bytes = c->conf.max_bytes;
    c->buckets = bk_calloc(INITIAL_BUCKETS, sizeof(*c->buckets));
    if (c->buckets == NULL) {
        bk_free(c);
        return NULL;
    }
    c->mask = INITIAL_BUCKETS - 1;
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

static void lru_unlink(bk_cache_t *c, bk_cache_entry_t *e)
{
    if (e->_prev)
        e->_prev->_next = e->_next;
    else
        c->mru = e->_next;
    if (e->_next)
        e->_next->_prev = e->_prev;
    else
        c->lru = e->_prev;
    e->_prev = e->_next = NULL;
}

static void lru_push_front(bk_cache_t *c, bk_cache_entry_t *e)
{
    e->_tick = ++c->tick;
    e->_prev = NULL;
    e->_next = c->mru;
    if (c->mru)
        c->mru->_prev = e;
    else
        c->lru = e;
    c->mru = e;
}

/* Takes 'e' out of the index and the LRU and drops the index's reference. */
static void unlink_entry(bk_cache_t *c, bk_cache_entry_t *e)
{
    BK_ASSERT(e->_linked && e->_cache == c);
    bk_cache_entry_t **pp = &c->buckets[e->_hash & c->mask];
    while (*pp != e) {
        BK_ASSERT(*pp != NULL);
        pp = &(*pp)->_hnext;
    }
    *pp = e->_hnext;
    e->_hnext = NULL;
    lru_unlink(c, e);
    e->_linked = 0;
    c->count--;
    c->bytes -= e->_size;
    bk_cache_entry_release(e);
}

static bk_cache_entry_t *find(bk_cache_t *c, bk_str_t key, uint64_t h)
{
    for (bk_cache_entry_t *e = c->buckets[h & c->mask]; e; e = e->_hnext)
        if (e->_hash == h && bk_str_eq(e->key, key))
            return e;
    return NULL;
}

/* Doubles the bucket array; on allocation failure chains just grow. */
static void grow(bk_cache_t *c)
{
    size_t n = (c->mask + 1) * 2;
    if (n > SIZE_MAX / sizeof(*c->buckets))
        return;
    bk_cache_entry_t **nb = bk_calloc(n, sizeof(*nb));
    if (nb == NULL)
        return;
    for (size_t i = 0; i <= c->mask; i++) {
        bk_cache_entry_t *e = c->buckets[i];
        while (e) {
            bk_cache_entry_t *next = e->_hnext;
            size_t j = e->_hash & (n - 1);
            e->_hnext = nb[j];
            nb[j] = e;
            e = next;
        }
    }
    bk_free(c->buckets);
    c->buckets = nb;
    c->mask = n - 1;
}

/* Replace, then evict, then link: the replaced entry's bytes are freed
 * first so an update of a large object does not evict others needlessly. */
int bk_cache_insert(bk_cache_t *c, bk_cache_entry_t *e)
{
    BK_ASSERT(!e->_inserted && e->_refs > 0);
    if (e->_size > c->conf.max_object_bytes) {
        c->st.too_large++;
        return BK_DECLINED;
    }
    e->_inserted = 1;
    e->_cache = c;
    e->_hash = bk_cache__hash(c->k0, c->k1, e->key.p, e->key.n);

    bk_cache_entry_t *old = find(c, e->key, e->_hash);
    if (old != NULL) {
        unlink_entry(c, old);
        c->st.replaced++;
    }
    while (c->bytes + e->_size > c->conf.max_bytes) {
        BK_ASSERT(c->lru != NULL);
        unlink_entry(c, c->lru);
        c->st.evictions++;
    }
    /* Load factor at most 1: chains stay short, the array stays small
     * (8 bytes per entry against entries of hundreds of bytes or more). */
    if (c->count >= c->mask + 1)
        grow(c);

    size_t i = e->_hash & c->mask;
    e->_hnext = c->buckets[i];
    c->buckets[i] = e;
    lru_push_front(c, e);
    e->_linked = 1;
    e->_refs++; /* the index's reference */
    c->count++;
    c->bytes += e->_size;
    c->st.inserts++;
    return BK_OK;
}

bk_cache_entry_t *bk_cache_lookup(bk_cache_t *c, bk_str_t key)
{
    uint64_t h = bk_cache__hash(c->k0, c->k1, key.p, key.n);
    bk_cache_entry_t *e = find(c, key, h);
    c->st.lookups++;
    if (e == NULL) {
        c->st.misses++;
        return NULL;
    }
    c->st.hits++;
    /* At most (tick - e->_tick) entries were moved in front of 'e' since
     * its own move, so below count / 2 it sits in the recent half, far
     * from eviction: leave the list (and three other entries) alone. */
    if (c->mru != e && c->tick - e->_tick >= c->count / 2) {
        lru_unlink(c, e);
        lru_push_front(c, e);
    }
    e->_refs++;
    return e;
}

int bk_cache_remove(bk_cache_t *c, bk_str_t key)
{
    uint64_t h = bk_cache__hash(c->k0, c->k1, key.p, key.n);
    bk_cache_entry_t *e = find(c, key, h);
    if (e == NULL)
        return BK_DECLINED;
    unlink_entry(c, e);
    return BK_OK;
}

/* A walk over every entry: invalidations are rare admin actions, and an
 * index by URI would cost every insert for their sake. */
size_t bk_cache_invalidate(bk_cache_t *c, bk_str_t path)
{
    size_t n = 0;
    bk_cache_entry_t *e = c->mru;
    while (e) {
        bk_cache_entry_t *next = e->_next;
        if (bk_cache_inval_match(path, bk_cache_key_uri(e->key))) {
            unlink_entry(c, e);
            n++;
        }
        e = next;
    }
    c->st.invalidated += n;
    return n;
}

void bk_cache_stats(const bk_cache_t *c, bk_cache_stats_t *out)
{
    *out = c->st;
    out->entries = c->count;
    out->bytes = c->bytes;
}

void bk_cache_foreach(bk_cache_t *c, int (*fn)(void *, bk_cache_entry_t *),
                      void *data)
{
    for (bk_cache_entry_t *e = c->mru; e; e = e->_next)
        if (fn(data, e))
            return;
}

void bk_cache_free(bk_cache_t *c)
{
    if (c == NULL)
        return;
    bk_cache__fills_abort(c);
    while (c->lru)
        unlink_entry(c, c->lru);
    bk_free(c->buckets);
    bk_free(c);
}
