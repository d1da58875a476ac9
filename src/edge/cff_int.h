/* cff_int.h: what the files of the CloudFront Functions runtime share. */
#ifndef BK_EDGE_CFF_INT_H
#define BK_EDGE_CFF_INT_H

#include <stdarg.h>

#include "edge/cff.h"

/* The property names every run reads or writes, interned into the
 * program's template once (so a run never hashes a C string for them). */
#define BK_CFF_KEYS(X)                                                        \
    X(version) X(context) X(distributionDomainName) X(endpoint)               \
    X(distributionId) X(eventType) X(requestId) X(viewer) X(ip) X(request)    \
    X(method) X(uri) X(querystring) X(headers) X(cookies) X(rawQueryString)   \
    X(response) X(statusCode) X(statusDescription) X(value) X(multiValue)     \
    X(attributes) X(body) X(encoding) X(data)

typedef struct {
#define BK__CFF_KEY_FIELD(n) bk_js_key_t n;
    BK_CFF_KEYS(BK__CFF_KEY_FIELD)
#undef BK__CFF_KEY_FIELD
    /* Template strings for constant values. */
    bk_js_val_t s_version;
    bk_js_val_t f_raw_qs; /* request.rawQueryString (2.0) */
} bk_cff_keys_t;

/* The native behind request.rawQueryString() (cff_run.c). */
int bk_cff__raw_query_string(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                             const bk_js_val_t *argv, bk_js_val_t *ret);

struct bk_cff_fn {
    char name[65];
    bk_js_runtime_t runtime;
    bk_js_prog_t *prog;
    const bk_cff_kvs_t *kvs;
    bk_cff_keys_t k;
    /* The template's `handler`, read on the first run (any thread: every
     * context of the program reads the same immutable value). */
    bk_js_val_t handler;
    /* Whether the template's Object.prototype lacks every key read-back
     * may find missing from a plain object (multiValue, attributes, the
     * result's top-level fields; 0 not known yet, 1 yes, 2 no): then
     * plain objects are read without [[Get]] (bk_js_lone_value,
     * bk_js_own_values). */
    int plain_proto;
};

/* Checks a returned request against §4; BK_ERR with the reason in msg. */
int bk_cff__validate_request(char *msg, size_t n, const bk_cff_event_t *ev,
                             const bk_cff_request_t *r);

/* Checks a returned (or generated) response against §3.2 and §4. */
int bk_cff__validate_response(char *msg, size_t n, const bk_cff_event_t *ev,
                              const bk_cff_response_t *r);

/* Whether a header name may never be added or seen (§4 disallowed). */
int bk_cff__disallowed(bk_str_t name);

/* Decodes base64 or base64url (padding optional) into the arena. */
int bk_cff__b64_decode(bk_arena_t *a, bk_str_t in, bk_str_t *out);

/* The engine's setup hook: registers the `cloudfront` module (2.0). */
int bk_cff__setup(bk_js_ctx_t *ctx, void *fn);

/* KVS lookups (cff_fn.c). */
const char *bk_cff__kvs_get(const bk_cff_kvs_t *k, bk_str_t key, size_t *vlen);
size_t bk_cff__kvs_count(const bk_cff_kvs_t *k);
/* The import file's modification time (seconds since the epoch). */
int64_t bk_cff__kvs_mtime(const bk_cff_kvs_t *k);

/* Ends what bk_cff__setup began for a load (cff_module.c). */
void bk_cff__load_end(void);

/* Hooks around a run, for the `cloudfront` module's per-run state. */
void bk_cff__run_begin(bk_cff_fn_t *fn, const bk_cff_event_t *ev,
                       bk_arena_t *out, bk_cff_result_t *res);
void bk_cff__run_end(bk_cff_fn_t *fn, bk_cff_result_t *res);

#endif
