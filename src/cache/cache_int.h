/*
 * cache_int.h: what the files of src/cache share and nobody else sees: the
 * cache object, the keyed hash, the header-block scanner.
 */
#ifndef BK_CACHE_CACHE_INT_H
#define BK_CACHE_CACHE_INT_H

#include "cache/cache.h"

/* Buckets of the in-flight fill table; fills are few (one per distinct key
 * being fetched), so a fixed table keeps the code short. */
#define BK_CACHE__FILL_BUCKETS 256

struct bk_cache_fill {
    bk_cache_fill_t *next;      /* hash chain */
    uint64_t hash;
    bk_cache_waiter_t *head, *tail;
    size_t key_len;
    uint8_t key[];
};

struct bk_cache {
    bk_cache_conf_t conf;
    uint64_t k0, k1;                 /* hash key */
    bk_cache_entry_t **buckets;
    size_t mask;                     /* buckets - 1 (power of two) */
    size_t count;
    size_t bytes;
    bk_cache_entry_t *mru, *lru;     /* LRU list ends */
    uint64_t tick;                   /* moves to the MRU end so far */
    bk_cache_stats_t st;
    bk_cache_fill_t *fills[BK_CACHE__FILL_BUCKETS];
    size_t nfills;
    int aborting;  /* bk_cache_free is failing the fills: no new ones */
};

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
