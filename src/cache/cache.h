/*
 * cache.h: brink's in-memory response cache, as a library. It stores,
 * finds, evicts, computes freshness and coordinates collapsed misses; it
 * never fetches and knows no sockets (the edge pipeline drives it).
 *
 * Threading: one bk_cache_t is shared by every worker thread. The index and
 * LRU are split into BK_CACHE_SHARDS shards by key hash, each under its own
 * mutex; the byte count is one atomic against one cap, and eviction takes
 * the globally least recently used entry (the oldest shard tail). Entry
 * references are atomic, so an entry evicted by one thread while another
 * writes it to a socket lives until the last release. Collapsed misses
 * work across threads: a waiter names its owner (a bk_cache_owner_t per
 * event loop) and is called back on that owner's thread.
 *
 * Invariant: the cache's byte count covers exactly the entries in its index;
 * an entry leaves the index (eviction, replacement, invalidation) at once,
 * but its memory lives until the last reference is released, so a request
 * that pinned an entry keeps reading valid bytes.
 *
 * Times are Unix seconds (int64_t) passed in by the caller, so every rule
 * here is a pure function of its inputs. docs/cache.md lists the CloudFront
 * rules as built.
 */
#ifndef BK_CACHE_CACHE_H
#define BK_CACHE_CACHE_H

#include <pthread.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"

/* ======================================================================
 * Store: hash index + LRU with a byte cap
 * ==================================================================== */

typedef struct bk_cache bk_cache_t;
typedef struct bk_cache_entry bk_cache_entry_t;

/* A header field (request or response), as the edge passes it. */
typedef struct {
    bk_str_t name;
    bk_str_t value;
} bk_cache_hdr_t;

/* Shards of the index and LRU (a power of two): enough that worker threads
 * rarely meet on one lock, few enough that the eviction scan over the shard
 * tails stays short. */
#define BK_CACHE_SHARDS 64

/* Fixed cost charged per entry on top of its bytes: the entry struct, the
 * allocator's header and the index slot, so the cap tracks real memory. */
#define BK_CACHE_ENTRY_OVERHEAD (sizeof(struct bk_cache_entry) + 16 + 8)

typedef struct {
    size_t max_bytes;        /* cap over all indexed entries (required) */
    size_t max_object_bytes; /* entries above this are not stored; 0: cap */
    uint64_t seed[2];        /* hash seed; all zero: random per cache */
} bk_cache_conf_t;

/* A stored response. Once inserted, fields are read-only except the
 * freshness ones (stored_at .. must_revalidate), which bk_cache_entry_extend
 * may update while other threads read them: read those through
 * bk_cache_entry_age / _fresh / _stale_ok (relaxed atomics), not directly.
 * Slices point into the entry's own memory. Fields starting with '_' are
 * private to the cache. */
struct bk_cache_entry {
    bk_str_t head;          /* header block, "Name: value\r\n" lines */
    bk_str_t body;
    bk_str_t etag;          /* ETag value from head; empty if none */
    bk_str_t last_modified; /* Last-Modified value from head; or empty */
    int64_t last_modified_t; /* parsed Last-Modified; -1 if none/invalid */
    int64_t stored_at;      /* when the response was received */
    uint32_t ttl;           /* fresh while age < ttl (seconds) */
    uint32_t initial_age;   /* the origin's Age header at store time */
    uint32_t stale_while_revalidate; /* seconds past ttl (0: none) */
    uint32_t stale_if_error;         /* seconds past ttl (0: none) */
    uint16_t status;
    uint8_t must_revalidate; /* never served stale */
    /* The key sits just before the fields a lookup reads and the key bytes
     * follow the struct, so a hit touches few cache lines. */
    bk_str_t key;           /* key bytes (see bk_cache_key_build) */

    /* private */
    uint8_t _linked;        /* in the index and LRU (atomic) */
    uint8_t _inserted;      /* was inserted once (entries are not reused) */
    uint32_t _refs;         /* atomic */
    uint64_t _hash;
    bk_cache_entry_t *_hnext;
    bk_cache_entry_t *_prev, *_next; /* LRU: _prev toward MRU head */
    uint64_t _tick;         /* cache tick when last moved to the MRU end */
    size_t _size;           /* bytes charged against the cap */
    bk_cache_t *_cache;
};

typedef struct {
    size_t entries;
    size_t bytes;        /* charged bytes of indexed entries */
    uint64_t lookups, hits, misses;
    uint64_t inserts, replaced, evictions, too_large, invalidated;
} bk_cache_stats_t;

/* A new cache; NULL on allocation failure or a zero max_bytes. */
BK_MUST_CHECK bk_cache_t *bk_cache_new(const bk_cache_conf_t *conf);

/* Drops every entry from the index (pinned entries live on until released)
 * and frees the cache. Collapsed fills still open are failed first. */
void bk_cache_free(bk_cache_t *c);

/* A new entry with one reference owned by the caller: copies 'key' and
 * 'head' and reserves body_len bytes for the body, which are copied from
 * 'body' when it is not NULL, else left for the caller to fill through
 * bk_cache_entry_body_mut() before insertion. ETag and Last-Modified are
 * read from the copied head. The entry is heap memory (bk_malloc); NULL on
 * failure. The caller sets ttl and friends (bk_cache_entry_set_fresh). */
BK_MUST_CHECK bk_cache_entry_t *bk_cache_entry_new(bk_str_t key, int status,
                                                   bk_str_t head,
                                                   const void *body,
                                                   size_t body_len);

/* The writable body of an entry not yet inserted. */
uint8_t *bk_cache_entry_body_mut(bk_cache_entry_t *e);

/* Bytes an entry with these sizes is charged (key + head + body +
 * overhead), so callers can skip building entries that cannot be stored. */
size_t bk_cache_entry_cost(size_t key_len, size_t head_len, size_t body_len);

/* Adds the cache's own reference to 'e' and indexes it as most recently
 * used, replacing an entry with the same key and evicting least recently
 * used entries until the cap holds. The caller keeps its reference.
 * BK_DECLINED: larger than max_object_bytes (or the cap); not stored.
 * An entry can be inserted once. */
BK_MUST_CHECK int bk_cache_insert(bk_cache_t *c, bk_cache_entry_t *e);

/* The entry for 'key', pinned (one more reference for the caller) and made
 * most recently used; NULL if absent. Stale entries are returned too: the
 * caller decides between hit, refresh and miss with bk_cache_entry_fresh.
 * The LRU is exact except that an entry already in the most recently used
 * half is not moved again (that saves three cache-line writes per hit). */
BK_MUST_CHECK bk_cache_entry_t *bk_cache_lookup(bk_cache_t *c, bk_str_t key);

/* Takes one more reference. */
void bk_cache_entry_ref(bk_cache_entry_t *e);

/* Drops one reference; the last one frees an entry no longer indexed.
 * NULL is ignored. */
void bk_cache_entry_release(bk_cache_entry_t *e);

/* Hands one reference of the caller over to arena 'a': it is released when
 * the arena is reset or destroyed (a request's lifetime). BK_ERR if the
 * cleanup record cannot be allocated (the reference stays the caller's). */
BK_MUST_CHECK int bk_cache_entry_pin(bk_cache_entry_t *e, bk_arena_t *a);

/* Whether 'e' is still in the index (not evicted, replaced, invalidated). */
static inline int bk_cache_entry_live(const bk_cache_entry_t *e)
{
    return __atomic_load_n(&e->_linked, __ATOMIC_RELAXED);
}

/* Removes the entry for 'key'; BK_DECLINED if there is none. */
BK_MUST_CHECK int bk_cache_remove(bk_cache_t *c, bk_str_t key);

/* Drops every entry whose key's URI (bk_cache_key_uri) matches the
 * CloudFront invalidation path 'path' (bk_cache_inval_match); pinned ones
 * stay readable until released. Returns how many were dropped. */
size_t bk_cache_invalidate(bk_cache_t *c, bk_str_t path);

/* Counters since creation, and the current size (takes every shard lock
 * in turn: for metrics pages and tests, not per request). */
void bk_cache_stats(const bk_cache_t *c, bk_cache_stats_t *out);

/* The current size and eviction count, from three atomics: cheap enough to
 * call per request. */
void bk_cache_usage(const bk_cache_t *c, size_t *bytes, size_t *entries,
                    uint64_t *evictions);

/* Calls fn on each indexed entry from most to least recently used, until fn
 * returns non-zero (for admin listings and tests). Every shard stays locked
 * meanwhile: fn must not call into c. */
void bk_cache_foreach(bk_cache_t *c, int (*fn)(void *data, bk_cache_entry_t *e),
                      void *data);

/* ======================================================================
 * Freshness (CloudFront "Manage how long content stays in the cache")
 * ==================================================================== */

/* The TTL settings of a cache behaviour (or cache policy). */
typedef struct {
    uint32_t min_ttl;       /* MinTTL */
    uint32_t default_ttl;   /* DefaultTTL (CloudFront: 86400) */
    uint32_t max_ttl;       /* MaxTTL (CloudFront: 31536000) */
    uint32_t error_min_ttl; /* ErrorCachingMinTTL (CloudFront: 10) */
} bk_cache_ttl_policy_t;

/* Which rule decided a TTL; tests and logs name them. */
#define BK_CACHE_RULE_MAP(X)                                                  \
    X(STATUS, "status not cacheable")                                         \
    X(NO_STORE_MIN0, "no-store/no-cache/private and MinTTL 0: not cached")    \
    X(NO_STORE_MIN, "no-store/no-cache/private and MinTTL > 0: MinTTL")       \
    X(S_MAXAGE, "s-maxage clamped to [MinTTL, MaxTTL]")                       \
    X(MAX_AGE, "max-age clamped to [MinTTL, MaxTTL]")                         \
    X(EXPIRES, "Expires - Date clamped to [MinTTL, MaxTTL]")                  \
    X(DEFAULT, "no max-age/s-maxage/Expires: max(MinTTL, DefaultTTL)")        \
    X(ERROR, "error: max(ErrorCachingMinTTL, s-maxage/max-age/Expires)")     \
    X(ERROR_NEEDS_CC, "400/403/412/415 without max-age: not cached")         \
    X(ERROR_NO_STORE, "404/410/414/501 with no-store/no-cache/private")

typedef enum {
#define BK__CACHE_RULE_ENUM(name, text) BK_CACHE_RULE_##name,
    BK_CACHE_RULE_MAP(BK__CACHE_RULE_ENUM)
#undef BK__CACHE_RULE_ENUM
} bk_cache_rule_t;

/* The text of a rule. */
const char *bk_cache_rule_str(bk_cache_rule_t r);

typedef struct {
    int cacheable;
    bk_cache_rule_t rule;
    uint32_t ttl;           /* seconds; 0 with cacheable: store, revalidate */
    uint32_t initial_age;   /* origin's Age header (0 if absent) */
    uint32_t stale_while_revalidate;
    uint32_t stale_if_error;
    int must_revalidate;    /* must-revalidate or proxy-revalidate */
    int share_collapsed;    /* may go to requests collapsed onto this one */
} bk_cache_fresh_t;

/* The origin response header values freshness looks at; BK_STR_NULL (p
 * NULL) when absent, which differs from present but empty (an empty
 * Expires means "already expired"). Several Cache-Control lines: join them
 * with ',' or use bk_cache_freshness_head. */
typedef struct {
    bk_str_t cache_control;
    bk_str_t expires;
    bk_str_t date;
    bk_str_t age;
} bk_cache_resp_hdrs_t;

/* Decides whether a response with 'status' and headers 'h' is cached and for
 * how long under policy 'p', at time 'now' (used when Date is absent). */
void bk_cache_freshness(const bk_cache_ttl_policy_t *p, int status,
                        const bk_cache_resp_hdrs_t *h, int64_t now,
                        bk_cache_fresh_t *out);

/* Same, reading the headers from a "Name: value\r\n" block (every
 * Cache-Control line counts). */
void bk_cache_freshness_head(const bk_cache_ttl_policy_t *p, int status,
                             bk_str_t head, int64_t now,
                             bk_cache_fresh_t *out);

/* bk_cache_head_build flag: leave Set-Cookie out (CloudFront strips it
 * when the behaviour does not forward cookies, Cookies.html). */
#define BK_CACHE_HEAD_DROP_SET_COOKIE 1u

/* Appends the response fields h[0..n) to be stored, as "Name: value\r\n"
 * lines, to 'out': without hop-by-hop fields (Connection and what it
 * names, Keep-Alive, Proxy-Connection, TE, Trailer, Transfer-Encoding,
 * Upgrade), Age (recomputed per hit), fields a qualified no-cache/private
 * names, and Set-Cookie with BK_CACHE_HEAD_DROP_SET_COOKIE. BK_ERR on
 * allocation failure. */
BK_MUST_CHECK int bk_cache_head_build(const bk_cache_hdr_t *h, size_t n,
                                      unsigned flags, bk_buf_t *out);

/* A new entry (one reference, not inserted) for 'old' after a revalidation
 * answered 304 with fields h[0..n): the stored fields, each one the 304
 * carries replaced by the 304's value, except those describing the body
 * (Content-Length, -Encoding, -Range) and those bk_cache_head_build drops
 * (RFC 9111 4.3.4); same status and body. Compute freshness from the new
 * head, then insert it in place of 'old'. NULL on allocation failure. */
BK_MUST_CHECK bk_cache_entry_t *
bk_cache_entry_revalidated(const bk_cache_entry_t *old,
                           const bk_cache_hdr_t *h, size_t n, unsigned flags);

/* Whether the Cache-Control lines of response head 'head' name 'field'
 * in a qualified no-cache or private directive (no-cache="Set-Cookie"):
 * such fields must be left out of the stored head. */
int bk_cache_head_field_unstored(bk_str_t head, bk_str_t field);

/* Copies a freshness result into an entry stored at 'now'. Also what a
 * successful revalidation (origin 304) does to a cached entry: its age
 * restarts. XXX: header fields the 304 carries are not merged into the
 * stored head. For entries not yet inserted (bk_cache_entry_extend is the
 * one for shared entries). */
void bk_cache_entry_set_fresh(bk_cache_entry_t *e, const bk_cache_fresh_t *f,
                              int64_t now);

/* Makes a stale 'e' fresh for 'secs' more seconds from 'now', keeping its
 * other settings: what CloudFront does when the origin answers 5xx for an
 * expired object (it serves the object and keeps serving it for
 * ErrorCachingMinTTL, HTTPStatusCodes.html). Safe while other threads read
 * 'e': each field is stored atomically (a reader may briefly see a mix of
 * old and new fields, which only shifts the instant it turns fresh). */
void bk_cache_entry_extend(bk_cache_entry_t *e, int64_t now, uint32_t secs);

/* The Age header value for serving 'e' at 'now' (origin Age + residence). */
uint32_t bk_cache_entry_age(const bk_cache_entry_t *e, int64_t now);

/* Whether 'e' is fresh at 'now' (age < ttl). */
int bk_cache_entry_fresh(const bk_cache_entry_t *e, int64_t now);

/* Whether 'e' may be served at 'now' though stale. origin_error 0: within
 * stale-while-revalidate (serve, revalidate in the background). origin_error
 * 1 (origin answered 500/502/503/504, or failed): within stale-if-error when
 * the origin sent it, else always (CloudFront serves expired objects on 5xx).
 * Never with must-revalidate. */
int bk_cache_entry_stale_ok(const bk_cache_entry_t *e, int64_t now,
                            int origin_error);

/* The value of the first header 'name' (case-insensitive) in a
 * "Name: value\r\n" block, trimmed; BK_STR_NULL (p NULL) if absent. */
bk_str_t bk_cache_head_get(bk_str_t head, bk_str_t name);

/* ======================================================================
 * Conditional requests and ranges (pure)
 * ==================================================================== */

/* Whether a GET/HEAD with these If-None-Match / If-Modified-Since values
 * (empty if absent) gets 304 for a representation with 'etag' (empty if
 * none) and 'last_modified' (-1 if unknown). RFC 9110 13.2.2: If-None-Match
 * wins and uses weak comparison over its list ("*" matches any current
 * representation); If-Modified-Since counts only without it. */
int bk_cache_not_modified(bk_str_t if_none_match, bk_str_t if_modified_since,
                          bk_str_t etag, int64_t last_modified);

/* Whether an If-Range value (empty: none) lets a Range apply: a strong
 * ETag match, or an HTTP-date equal to 'last_modified'. */
int bk_cache_if_range_ok(bk_str_t if_range, bk_str_t etag,
                         int64_t last_modified);

/* Parses a Range header value against a representation of 'size' bytes.
 * BK_OK: one satisfiable range, [*first, *last] inclusive (serve 206).
 * BK_ERR: unsatisfiable (serve 416 with "Content-Range: bytes * /size").
 * BK_DECLINED: absent, malformed, not "bytes", or several ranges (serve
 * 200 with the whole body). */
BK_MUST_CHECK int bk_cache_range_parse(bk_str_t range, uint64_t size,
                                       uint64_t *first, uint64_t *last);

/* ======================================================================
 * Cache keys
 * ==================================================================== */

/* How a policy selects query strings or cookies (CloudFront's
 * QueryStringBehavior / CookieBehavior: none, all, whitelist, allExcept). */
typedef enum {
    BK_CACHE_SEL_NONE = 0,
    BK_CACHE_SEL_ALL,
    BK_CACHE_SEL_WHITELIST,
    BK_CACHE_SEL_ALL_EXCEPT,
} bk_cache_sel_t;

/* Content codings a policy keys on (EnableAcceptEncodingGzip/Brotli). */
typedef enum {
    BK_CACHE_ENC_IDENTITY = 0,
    BK_CACHE_ENC_GZIP,
    BK_CACHE_ENC_BR,
} bk_cache_enc_t;

/* The parts of a cache policy the key depends on. Names point into the
 * config generation. Header names are compared case-insensitively, query
 * string and cookie names case-sensitively (as CloudFront); cookie names
 * with '*' or '?' are wildcard patterns (legacy whitelists). */
typedef struct {
    bk_cache_sel_t qs;
    const bk_str_t *qs_names;
    size_t qs_n;
    bk_cache_sel_t cookies;
    const bk_str_t *cookie_names;
    size_t cookie_n;
    const bk_str_t *header_names; /* whitelist; CloudFront has no "all" */
    size_t header_n;
    int gzip;                     /* key on normalised Accept-Encoding */
    int br;
} bk_cache_key_policy_t;

/* The request parts a key can use. */
typedef struct {
    bk_str_t host;        /* empty: not part of the key */
    bk_str_t path;        /* must not be empty */
    bk_str_t query;       /* after '?', without it; empty if none */
    const bk_cache_hdr_t *headers; /* all request headers, in order */
    size_t header_n;
    bk_str_t accept_encoding;
    bk_str_t scope;       /* optional: keeps apart objects one URI reaches
                             through different behaviours or origins (a
                             function can rewrite the URI; the behaviour
                             stays), e.g. the target origin's id */
} bk_cache_key_req_t;

/* Appends the key for request 'r' under policy 'pol' to 'out': the URI
 * (path, '?', selected query string) length-prefixed, then scope, host,
 * headers, cookies (sorted by name, as CloudFront) and the normalised
 * encoding, each tagged and length-prefixed so that distinct inputs give
 * distinct keys. BK_ERR on allocation failure (out may hold a partial key) or an empty
 * path. 'scratch' holds temporary cookie lists (request arena). */
BK_MUST_CHECK int bk_cache_key_build(const bk_cache_key_policy_t *pol,
                                     const bk_cache_key_req_t *r,
                                     bk_arena_t *scratch, bk_buf_t *out);

/* The URI part of a key built by bk_cache_key_build (what invalidation
 * paths match); the whole key if it is not in that format. */
bk_str_t bk_cache_key_uri(bk_str_t key);

/* The coding an Accept-Encoding value selects among those allowed: br
 * before gzip, honouring q=0 and '*'. */
bk_cache_enc_t bk_cache_accept_encoding(bk_str_t ae, int gzip, int br);

/* ======================================================================
 * Path patterns and invalidation paths
 * ==================================================================== */

/* CloudFront PathPattern match: '*' any run (also '/'), '?' one byte,
 * case-sensitive, a leading '/' optional on the pattern. 'path' excludes
 * the query string. */
int bk_cache_path_match(bk_str_t pattern, bk_str_t path);

/* The index of the first of n patterns matching 'path', or n (the default
 * behaviour, pattern "*"). */
size_t bk_cache_behavior_select(const bk_str_t *patterns, size_t n,
                                bk_str_t path);

/* Whether 'path' is a valid invalidation path: starts with '/', at most
 * 4,000 bytes, '*' only as the last byte. */
int bk_cache_inval_valid(bk_str_t path);

/* Whether invalidation path 'path' covers 'uri' (path plus '?query' when
 * the key has query strings): equal, or a prefix when it ends in '*'. */
int bk_cache_inval_match(bk_str_t path, bk_str_t uri);

/* ======================================================================
 * Request collapsing
 * ==================================================================== */

typedef struct bk_cache_fill bk_cache_fill_t;
typedef struct bk_cache_waiter bk_cache_waiter_t;
typedef struct bk_cache_owner bk_cache_owner_t;

/* Called when the fill a waiter joined completes: 'e' is the new entry
 * (borrowed: take a reference or pin it to keep it), or NULL when the fill
 * failed or the entry was not cacheable; then the waiter should go to the
 * origin itself. The waiter is detached before the call, which runs on the
 * waiter's owner's thread (see bk_cache_owner_t). */
typedef void (*bk_cache_waiter_fn)(bk_cache_waiter_t *w, bk_cache_entry_t *e);

/* A waiting request; lives in the request's arena. */
struct bk_cache_waiter {
    bk_cache_waiter_fn fn;
    void *data;
    bk_cache_owner_t *owner; /* thread to call fn on; NULL: the completer's */
    /* private (guarded by _shard's lock, or by owner's lock once posted) */
    bk_cache_fill_t *_fill;
    bk_cache_waiter_t *_prev, *_next;
    void *_shard;             /* shard of the last join */
    bk_cache_entry_t *_entry; /* posted result (one reference) */
    int _state;               /* idle, waiting on _fill, posted to owner */
};

/* The thread (event loop) waiters belong to. When a fill completes on
 * another thread, its waiters of this owner are queued here (with their
 * result) and wake(o) is called, from the completing thread: it must make
 * the owner's thread call bk_cache_owner_run soon (e.g. uv_async_send).
 * wake is called with the owner's lock held, so it must not call into the
 * cache. The owner must outlive every waiter naming it. */
struct bk_cache_owner {
    void (*wake)(bk_cache_owner_t *o);
    void *data;
    /* private */
    pthread_mutex_t _lock;
    bk_cache_waiter_t *_head, *_tail; /* posted waiters, in post order */
};

/* Initialises an owner; BK_ERR if the mutex cannot be made. */
BK_MUST_CHECK int bk_cache_owner_init(bk_cache_owner_t *o,
                                      void (*wake)(bk_cache_owner_t *o),
                                      void *data);

/* Destroys an owner no waiter names any more (asserts none is queued). */
void bk_cache_owner_fini(bk_cache_owner_t *o);

/* On the owner's thread: calls every waiter posted to 'o' (in order) with
 * its result, and returns how many. */
size_t bk_cache_owner_run(bk_cache_owner_t *o);

/* Joins the fill for 'key'. BK_OK: none was in flight, the caller is now the
 * filler and *fill is set (finish it with bk_cache_fill_done, on the same
 * thread); w->owner (w may be NULL) is taken as the filler's thread.
 * BK_AGAIN: a fill is in flight and 'w' (fn, data and owner set by the
 * caller) will be called when it completes. BK_ERR: allocation failure (go
 * to the origin). */
BK_MUST_CHECK int bk_cache_fill_join(bk_cache_t *c, bk_str_t key,
                                     bk_cache_waiter_t *w,
                                     bk_cache_fill_t **fill);

/* Completes a fill: removes it (so a waiter may start a new fill for the
 * key), then, in join order, calls each waiter with 'e' (NULL: failure)
 * directly when it has no owner or the filler's, else posts it to its
 * owner. 'e' need not be inserted: CloudFront sends the filler's response
 * to the requests it paused even when it is not cached (no-cache), unless
 * it is private (RequestAndResponseBehaviorCustomOrigin.html, "Simultaneous
 * requests"); bk_cache_fresh_t.share_collapsed says which. */
void bk_cache_fill_done(bk_cache_t *c, bk_cache_fill_t *fill,
                        bk_cache_entry_t *e);

/* Detaches a waiter whose request went away, also when its fill already
 * completed on another thread and the call is queued to its owner; no-op
 * if neither. Call it on the waiter's owner's thread. */
void bk_cache_waiter_cancel(bk_cache_waiter_t *w);

/* Fills in flight (tests, metrics). */
size_t bk_cache_fills_pending(const bk_cache_t *c);

#endif
