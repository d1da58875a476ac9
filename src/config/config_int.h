/*
 * config_int.h: what the loader's files share: the load context (arena,
 * JSON path of the value being read, first error, warnings) and typed
 * getters that report errors with that path.
 *
 * Invariant: every getter that fails has written the error already; callers
 * only propagate BK_ERR. The path is a stack: a caller that pushes pops on
 * every exit, error or not.
 */
#ifndef BK_CONFIG_CONFIG_INT_H
#define BK_CONFIG_CONFIG_INT_H

#include <jansson.h>

#include "config/config.h"
#include "core/defs.h"

#define BK_CONFIG__PATH_MAX 1024

typedef struct bk_config__warn {
    struct bk_config__warn *next;
    const char *msg;
} bk_config__warn_t;

typedef struct {
    bk_arena_t *a;
    bk_config_t *cfg;
    const char *source;
    const char *base_dir;
    unsigned flags;
    char *err;
    size_t errlen;
    bool failed;
    char path[BK_CONFIG__PATH_MAX];
    size_t plen;
    bk_config__warn_t *warn_head, *warn_tail;
    size_t n_warn;
    /* Field names already warned about (a bounded set: the fixed list of
     * unimplemented fields), so dedupe never scans every warning. */
    const char *warned[32];
    size_t n_warned;
    /* Where the Brink object was ("$.Brink" or inside DistributionConfig),
     * for warnings given after it was read. */
    char brink_path[BK_CONFIG__PATH_MAX];
} bk_config__ld_t;

/* Longest {Quantity, Items} list: far above CloudFront's quotas, and it
 * bounds the quadratic duplicate checks on hostile input. */
#define BK_CONFIG__LIST_MAX 10000

/* Getter flags. */
#define BK_CONFIG__REQ 1u /* absent (or null) is an error */

/* ---- path and messages ------------------------------------------------- */

/* Appends ".key" (or ["key"] when not identifier-like) / "[i]" to the path;
 * returns the old length for bk_config__pop(). */
size_t bk_config__push(bk_config__ld_t *ld, const char *key);
size_t bk_config__push_idx(bk_config__ld_t *ld, size_t i);
void bk_config__pop(bk_config__ld_t *ld, size_t old);

/* Records the first error at path(.key) (key may be NULL); returns BK_ERR. */
int bk_config__fail(bk_config__ld_t *ld, const char *key, const char *fmt,
                    ...) BK_PRINTF(3, 4);

/* The out-of-memory error; returns BK_ERR. */
int bk_config__oom(bk_config__ld_t *ld);

/* Adds a warning at path(.key), unless one for 'key' was already given.
 * BK_ERR only when out of memory. */
BK_MUST_CHECK int bk_config__warn(bk_config__ld_t *ld, const char *key,
                                  const char *fmt, ...) BK_PRINTF(3, 4);

/* Warns about every member of 'obj' not in the NULL-terminated 'known'. */
BK_MUST_CHECK int bk_config__check_keys(bk_config__ld_t *ld, json_t *obj,
                                        const char *const *known);

/* ---- typed getters: absent and not REQ leaves *out as it was ----------- */

BK_MUST_CHECK int bk_config__get_obj(bk_config__ld_t *ld, json_t *obj,
                                     const char *key, unsigned fl,
                                     json_t **out);
/* A string copied into the arena (NUL-terminated); 'max' bytes at most
 * (0: no limit). */
BK_MUST_CHECK int bk_config__get_str(bk_config__ld_t *ld, json_t *obj,
                                     const char *key, unsigned fl, size_t max,
                                     bk_str_t *out);
BK_MUST_CHECK int bk_config__get_bool(bk_config__ld_t *ld, json_t *obj,
                                      const char *key, unsigned fl,
                                      bool *out);
/* An integer in [min, max]. */
BK_MUST_CHECK int bk_config__get_int(bk_config__ld_t *ld, json_t *obj,
                                     const char *key, unsigned fl,
                                     int64_t min, int64_t max, int64_t *out);
/* One of the NULL-terminated 'names'; *out is its index. */
BK_MUST_CHECK int bk_config__get_enum(bk_config__ld_t *ld, json_t *obj,
                                      const char *key, unsigned fl,
                                      const char *const *names, int *out);

/* CloudFront's {Quantity, Items} list at obj.key: checks the shape and that
 * Quantity matches; *items is the array (NULL when empty), *n its length.
 * Absent and not REQ: *n = 0. */
BK_MUST_CHECK int bk_config__get_list(bk_config__ld_t *ld, json_t *obj,
                                      const char *key, unsigned fl,
                                      json_t **items, size_t *n);

/* A {Quantity, Items} list of strings, copied into the arena. */
BK_MUST_CHECK int bk_config__get_str_list(bk_config__ld_t *ld, json_t *obj,
                                          const char *key, unsigned fl,
                                          size_t max_len, bk_str_t **out,
                                          size_t *n);

/* n zeroed elements of 'size' bytes from the arena (overflow-checked). */
void *bk_config__alloc(bk_config__ld_t *ld, size_t n, size_t size);

/* A copy of 's' in the arena, NULL on failure (error recorded). */
char *bk_config__strdup(bk_config__ld_t *ld, const char *s, size_t n);

/* ---- the parts (config_dist.c, config_policy.c) ------------------------ */

/* Reads Brink.CachePolicies / Brink.OriginRequestPolicies (obj may be NULL). */
BK_MUST_CHECK int bk_config__cache_policies(bk_config__ld_t *ld, json_t *obj);
BK_MUST_CHECK int bk_config__orps(bk_config__ld_t *ld, json_t *obj);

/* Resolves a CachePolicyId / OriginRequestPolicyId (inline first, then
 * managed); NULL when unknown. */
const bk_config_cache_policy_t *bk_config__find_cache_policy(
    bk_config__ld_t *ld, bk_str_t key);
const bk_config_origin_request_policy_t *bk_config__find_orp(
    bk_config__ld_t *ld, bk_str_t key);

/* Reads and checks Brink.ListenTls's certificate and key files into 't'
 * (config_tls.c); the path must be at ListenTls. No-op without file
 * checks. */
BK_MUST_CHECK int bk_config__tls_keypair(bk_config__ld_t *ld,
                                         bk_config_listen_tls_t *t);

/* Reads the DistributionConfig object (after Brink, so functions and
 * policies are known). */
BK_MUST_CHECK int bk_config__distribution(bk_config__ld_t *ld, json_t *dc);

#endif
