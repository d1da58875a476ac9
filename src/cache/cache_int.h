/*
 * cache_int.h: what the files of src/cache share and nobody else sees: the
 * cache object and its shards, the keyed hash, the header-block scanner.
 *
 * Lock order: a shard's lock, then an owner's lock; never two shard locks
 * except bk_cache_foreach, which takes them all in index order.
 */
#ifndef BK_CACHE_CACHE_INT_H
#define BK_CACHE_CACHE_INT_H

#include "cache/cache.h"
#include "core/date.h"

/* Buckets of each shard's in-flight fill table; fills are few (one per
 * distinct key being fetched), so a fixed table keeps the code short. */
#define BK_CACHE__FILL_BUCKETS 16

/* Waiter states (bk_cache_waiter_t._state). */
enum { BK_CACHE__W_IDLE = 0, BK_CACHE__W_WAITING, BK_CACHE__W_POSTED };

struct bk_cache_fill {
    bk_cache_fill_t *next;      /* hash chain */
    uint64_t hash;
    bk_cache_waiter_t *head, *tail;
    bk_cache_owner_t *owner;    /* the filler's thread */
    size_t key_len;
    uint8_t key[];
};

/* One shard: a slice of the index by key hash, with its own LRU list and
 * fill table, all under 'lock'. Cache-line aligned so that two threads on
 * neighbouring shards do not share a line. */
typedef struct bk_cache__shard {
    pthread_mutex_t lock;
    unsigned index;
    bk_cache_entry_t **buckets;
    size_t mask;                     /* buckets - 1 (power of two) */
    size_t count;
    bk_cache_entry_t *mru, *lru;     /* LRU list ends */
    uint64_t lookups, hits, misses, inserts, replaced, invalidated;
    bk_cache_fill_t *fills[BK_CACHE__FILL_BUCKETS];
} __attribute__((aligned(64))) bk_cache__shard_t;

struct bk_cache {
    void *raw;                       /* the allocation (c is aligned in it) */
    bk_cache_conf_t conf;
    uint64_t k0, k1;                 /* hash key */
    int aborting;  /* bk_cache_free is failing the fills: no new ones */
    /* Atomics written by inserts and evictions, on their own lines. */
    struct {
        size_t bytes;                /* charged bytes of indexed entries */
        size_t count;
        uint64_t tick;               /* moves to an MRU end so far */
        uint64_t evictions, too_large;
        size_t nfills;
    } __attribute__((aligned(64))) g;
    /* oldest[i]: _tick of shard i's LRU tail, UINT64_MAX when empty
     * (atomic; written under shard i's lock, read by evictors without it).
     * Contiguous, so an eviction scans 8 lines to find the global LRU. */
    uint64_t oldest[BK_CACHE_SHARDS] __attribute__((aligned(64)));
    bk_cache__shard_t shards[BK_CACHE_SHARDS];
};

/* The shard of hash 'h': the top bits (bucket indexes use the low ones). */
static inline bk_cache__shard_t *bk_cache__shard(bk_cache_t *c, uint64_t h)
{
    return &c->shards[h >> (64 - __builtin_ctz(BK_CACHE_SHARDS))];
}

/* SipHash-1-3 of p[0..n) under key (k0, k1): keys come from viewers, so the
 * index must not be open to chosen collisions. */
uint64_t bk_cache__hash(uint64_t k0, uint64_t k1, const void *p, size_t n);

/* Steps through a "Name: value\r\n" block from *pos: sets name and value
 * (trimmed) and returns 1, or returns 0 at the end. Lines without a colon
 * are skipped; bare '\n' line ends are accepted. */
int bk_cache__head_next(bk_str_t head, size_t *pos, bk_str_t *name,
                        bk_str_t *value);

/* Whether a comma-separated list holds 'item' (trimmed, any case). */
int bk_cache__list_has(bk_str_t list, bk_str_t item);

/* Whether one Cache-Control value names 'field' in a qualified no-cache
 * or private directive. */
int bk_cache__cc_names_field(bk_str_t cc_value, bk_str_t field);

/* Glob match: '*' any run, '?' one byte, else exact; iterative. */
int bk_cache__glob(bk_str_t pattern, bk_str_t s);

/* Fails every open fill (bk_cache_free). */
void bk_cache__fills_abort(bk_cache_t *c);

#endif
