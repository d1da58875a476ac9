/*
 * config.h: the distribution configuration, as `brink serve --config` reads
 * it: CloudFront's DistributionConfig (what `aws cloudfront
 * get-distribution-config` prints, with or without its ETag wrapper) plus one
 * `Brink` object for what CloudFront keeps elsewhere. docs/config.md lists
 * every field.
 *
 * Invariant: a bk_config_t is one config generation. Everything it points to
 * (strings, arrays, inline policies, warnings) lives in its own arena and is
 * released at once by bk_config_free(), except the managed policies, which
 * are static. A config is either fully loaded and validated or not returned
 * at all: every cross-reference (target origins, origin group members,
 * policies, functions) is resolved to a pointer at load time, so users never
 * look anything up by id.
 */
#ifndef BK_CONFIG_CONFIG_H
#define BK_CONFIG_CONFIG_H

#include <stdbool.h>
#include <sys/socket.h>

#include "core/str.h"

/* ---- small enums ------------------------------------------------------- */

/* CustomOriginConfig.OriginProtocolPolicy. */
typedef enum {
    BK_CONFIG_ORIGIN_HTTP_ONLY = 0,
    BK_CONFIG_ORIGIN_MATCH_VIEWER,
    BK_CONFIG_ORIGIN_HTTPS_ONLY,
} bk_config_origin_proto_t;

/* Cache behaviour ViewerProtocolPolicy. */
typedef enum {
    BK_CONFIG_VIEWER_ALLOW_ALL = 0,
    BK_CONFIG_VIEWER_REDIRECT_TO_HTTPS,
    BK_CONFIG_VIEWER_HTTPS_ONLY,
} bk_config_viewer_proto_t;

/* Method bits for AllowedMethods / CachedMethods. */
#define BK_CONFIG_M_GET (1u << 0)
#define BK_CONFIG_M_HEAD (1u << 1)
#define BK_CONFIG_M_OPTIONS (1u << 2)
#define BK_CONFIG_M_PUT (1u << 3)
#define BK_CONFIG_M_PATCH (1u << 4)
#define BK_CONFIG_M_POST (1u << 5)
#define BK_CONFIG_M_DELETE (1u << 6)

/* The four event points, in pipeline order (index of lambda[] below). */
typedef enum {
    BK_CONFIG_EV_VIEWER_REQUEST = 0,
    BK_CONFIG_EV_ORIGIN_REQUEST,
    BK_CONFIG_EV_ORIGIN_RESPONSE,
    BK_CONFIG_EV_VIEWER_RESPONSE,
    BK_CONFIG_EV_COUNT,
} bk_config_event_t;

/* FunctionConfig.Runtime. */
typedef enum {
    BK_CONFIG_RUNTIME_JS_1_0 = 1,
    BK_CONFIG_RUNTIME_JS_2_0 = 2,
} bk_config_runtime_t;

/* Which headers / cookies / query strings a policy (or legacy
 * ForwardedValues) selects: CloudFront's *Behavior strings. */
typedef enum {
    BK_CONFIG_SEL_NONE = 0,
    BK_CONFIG_SEL_WHITELIST,   /* only 'names' */
    BK_CONFIG_SEL_ALL_EXCEPT,  /* all but 'names' */
    BK_CONFIG_SEL_ALL,         /* all ("all"; "allViewer" for headers) */
    BK_CONFIG_SEL_ALL_VIEWER_AND_CF, /* headers: all viewer headers plus the
                                      * CloudFront headers in 'names' */
} bk_config_sel_kind_t;

/* A selection of names; 'names' are as written in the config (header names
 * compare case-insensitively, cookies and query strings exactly). */
typedef struct {
    bk_config_sel_kind_t kind;
    const bk_str_t *names;
    size_t n;
} bk_config_sel_t;

/* ---- policies ---------------------------------------------------------- */

/* A cache policy (CachePolicyConfig): TTLs and the cache key. Inline ones live
 * in the config's arena; managed ones are static. */
typedef struct {
    bk_str_t id;
    bk_str_t name;
    bk_str_t comment;
    uint64_t min_ttl, default_ttl, max_ttl; /* seconds */
    bool gzip, brotli; /* EnableAcceptEncodingGzip / Brotli */
    bk_config_sel_t headers, cookies, query_strings;
    bool managed;
} bk_config_cache_policy_t;

/* An origin request policy (OriginRequestPolicyConfig): what is forwarded to
 * the origin on top of the cache key. */
typedef struct {
    bk_str_t id;
    bk_str_t name;
    bk_str_t comment;
    bk_config_sel_t headers, cookies, query_strings;
    bool managed;
} bk_config_origin_request_policy_t;

/* The managed cache policy with this id, name ("CachingOptimized") or
 * console name ("Managed-CachingOptimized"); NULL if none. Static storage. */
const bk_config_cache_policy_t *bk_config_managed_cache_policy(bk_str_t key);

/* The same for managed origin request policies. */
const bk_config_origin_request_policy_t *
bk_config_managed_origin_request_policy(bk_str_t key);

/* The managed tables themselves (for docs and tests). */
extern const bk_config_cache_policy_t bk_config_managed_cache_policies[];
extern const size_t bk_config_n_managed_cache_policies;
extern const bk_config_origin_request_policy_t bk_config_managed_orps[];
extern const size_t bk_config_n_managed_orps;

/* ---- origins ----------------------------------------------------------- */

/* One origin header from CustomHeaders. */
typedef struct {
    bk_str_t name;
    bk_str_t value;
} bk_config_header_t;

/* OriginSslProtocols items, as bits of bk_config_origin_t.ssl_protocols. */
#define BK_CONFIG_SSL_SSLV3 (1u << 0)
#define BK_CONFIG_SSL_TLSV1 (1u << 1)
#define BK_CONFIG_SSL_TLSV1_1 (1u << 2)
#define BK_CONFIG_SSL_TLSV1_2 (1u << 3)

/* An origin (custom, or S3 treated as a plain HTTP one). */
typedef struct {
    bk_str_t id;
    bk_str_t domain_name;
    bk_str_t origin_path;      /* "" or "/x/y" (no trailing '/') */
    uint16_t http_port, https_port;
    bk_config_origin_proto_t protocol;
    uint32_t read_timeout;       /* s, OriginReadTimeout (1-180; 30) */
    uint32_t keepalive_timeout;  /* s, OriginKeepaliveTimeout (1-180; 5) */
    uint32_t connection_attempts; /* 1-3; 3 */
    uint32_t connection_timeout;  /* s, 1-10; 10 */
    const bk_config_header_t *headers; /* CustomHeaders */
    size_t n_headers;
    unsigned ssl_protocols; /* BK_CONFIG_SSL_* from OriginSslProtocols;
                             * 0 when not given */
    bool s3; /* given as S3OriginConfig */
} bk_config_origin_t;

/* An origin group: fail over from primary to secondary on the listed status
 * codes (or a connection failure / timeout). */
typedef struct {
    bk_str_t id;
    const bk_config_origin_t *primary;
    const bk_config_origin_t *secondary;
    const uint16_t *status_codes;
    size_t n_status_codes;
} bk_config_origin_group_t;

/* ---- functions --------------------------------------------------------- */

/* A CloudFront Function's code, from Brink.Functions. Paths are resolved
 * against the config file's directory. */
typedef struct {
    bk_str_t name;
    const char *file;
    bk_config_runtime_t runtime;
    const char *kvs_file; /* NULL: no KeyValueStore */
} bk_config_function_t;

/* A LambdaFunctionAssociations item, kept for the Lambda tier. */
typedef struct {
    bk_str_t arn;
    bool include_body;
    bool set;
} bk_config_lambda_t;

/* ---- behaviours -------------------------------------------------------- */

/* Legacy cache settings: ForwardedValues (with Min/Default/MaxTTL on the
 * behaviour). Everything selected is both in the cache key and forwarded. */
typedef struct {
    bool query_string;                /* QueryString */
    bk_config_sel_t query_string_keys; /* QueryStringCacheKeys (whitelist;
                                        * ALL when empty and query_string) */
    bk_config_sel_t headers;          /* ALL when Items has "*" */
    bk_config_sel_t cookies;          /* Forward none|whitelist|all */
} bk_config_forwarded_t;

/* A cache behaviour (the default one has path_pattern "*"). */
typedef struct {
    bk_str_t path_pattern;   /* normalised: starts with '/' unless "*..." */
    bk_str_t target_origin_id;
    const bk_config_origin_t *origin;             /* exactly one of these */
    const bk_config_origin_group_t *origin_group; /* two is non-NULL */
    bk_config_viewer_proto_t viewer_protocol;
    unsigned allowed_methods; /* BK_CONFIG_M_* */
    unsigned cached_methods;
    bool compress;
    /* TTLs in force: the cache policy's, or the legacy fields. */
    uint64_t min_ttl, default_ttl, max_ttl;
    bool legacy; /* ForwardedValues used; cache_policy is NULL */
    bk_config_forwarded_t forwarded;
    const bk_config_cache_policy_t *cache_policy;
    const bk_config_origin_request_policy_t *origin_request_policy;
    bk_str_t response_headers_policy_id; /* kept; not applied (warned) */
    const bk_config_function_t *viewer_request_fn;  /* or NULL */
    const bk_config_function_t *viewer_response_fn; /* or NULL */
    bk_config_lambda_t lambda[BK_CONFIG_EV_COUNT];
} bk_config_behavior_t;

/* A CustomErrorResponses item. */
typedef struct {
    uint16_t error_code;
    bk_str_t page_path;     /* "" when none */
    uint16_t response_code; /* 0: keep the error code */
    uint64_t caching_min_ttl; /* ErrorCachingMinTTL, s (default 10) */
} bk_config_error_response_t;

/* An address to listen on. */
typedef struct {
    const char *host; /* as written ("127.0.0.1", "::1", "0.0.0.0") */
    uint16_t port;
    struct sockaddr_storage sa;
    socklen_t salen;
    bool set;
} bk_config_addr_t;

/* Parses "host:port", "[v6]:port", "localhost:port" or ":port" (0.0.0.0)
 * as Brink.Listen does: numeric addresses only, never a DNS lookup. The host
 * string goes in 'a'. BK_ERR: 'why' (whylen bytes) says what is wrong;
 * *out is untouched. */
BK_MUST_CHECK int bk_config_addr_parse(const char *s, bk_arena_t *a,
                                       bk_config_addr_t *out, char *why,
                                       size_t whylen);

/* Brink.ListenTls: the HTTPS viewer listener. The certificate chain and
 * key are read (and checked to parse and match) when the config loads, so
 * a generation serves exactly the files as they were then. */
typedef struct {
    bk_config_addr_t addr; /* .set false: no HTTPS listener */
    const char *cert_file; /* PEM: the certificate, then its chain */
    const char *key_file;  /* PEM: its private key */
    bk_str_t cert_pem;     /* the files' contents (config arena); empty */
    bk_str_t key_pem;      /* with BK_CONFIG_NO_FILE_CHECKS */
} bk_config_listen_tls_t;

/* ---- the whole configuration ------------------------------------------ */

typedef struct bk_config {
    bk_arena_t *arena; /* owns everything below */
    uint64_t generation; /* 1, 2, ...: one per successful load */
    unsigned long _refs; /* see bk_config_ref(); atomic */
    const char *source; /* file name used in messages */
    const char *base_dir; /* directory relative paths were resolved from */

    /* DistributionConfig */
    bk_str_t etag;  /* "" when not wrapped */
    bk_str_t caller_reference;
    bk_str_t comment;
    bool enabled;
    const bk_str_t *aliases;
    size_t n_aliases;
    bk_str_t default_root_object; /* "" when none */
    const bk_config_origin_t *origins;
    size_t n_origins;
    const bk_config_origin_group_t *origin_groups;
    size_t n_origin_groups;
    bk_config_behavior_t default_behavior;
    const bk_config_behavior_t *behaviors; /* CacheBehaviors, in order */
    size_t n_behaviors;
    const bk_config_error_response_t *error_responses;
    size_t n_error_responses;

    /* Brink */
    bk_config_addr_t listen; /* default 127.0.0.1:8080 */
    bk_config_addr_t admin;  /* .set false: no admin listener */
    bk_config_listen_tls_t listen_tls; /* HTTPS for viewers (optional) */
    unsigned workers;        /* 0: one per core */
    uint64_t cache_memory;   /* bytes; default 256 MiB */
    const char *geo_database; /* NULL when none */
    const char *origin_ca_file; /* PEM CAs for HTTPS origins; NULL: system */
    const char *access_log;
    const char *function_log;
    bk_str_t node_name; /* default "brink" */
    bk_str_t pop;       /* default "BRK1-C1" (x-edge-location) */
    bk_str_t region;    /* cf.edgeLocation.region ("": not shown) */
    bk_str_t distribution_id;
    bk_str_t domain_name;
    const bk_config_function_t *functions;
    size_t n_functions;
    const bk_config_cache_policy_t *cache_policies; /* inline ones */
    size_t n_cache_policies;
    const bk_config_origin_request_policy_t *origin_request_policies;
    size_t n_origin_request_policies;

    /* One line per field brink accepts but does not implement, already
     * formatted "file: $.path: reason"; the server prints them. */
    const char *const *warnings;
    size_t n_warnings;
} bk_config_t;

/* Flags for the loaders. */
#define BK_CONFIG_NO_FILE_CHECKS (1u << 0) /* don't check files exist */

/* Longest error message (longer ones are cut). */
#define BK_CONFIG_ERR_MAX 1024

/* Reads and validates the config file 'path'. BK_OK: *out is a new config
 * (free with bk_config_free). BK_ERR: *out is NULL and 'err' holds the first
 * error, "path: $.json.path: reason" (or "path:line:col: ..." for JSON
 * syntax), NUL-terminated within errlen bytes. */
BK_MUST_CHECK int bk_config_load_file(const char *path, unsigned flags,
                                      bk_config_t **out, char *err,
                                      size_t errlen);

/* The same from memory: 'name' is used in messages, 'base_dir' (NULL: ".")
 * resolves relative paths. */
BK_MUST_CHECK int bk_config_load_mem(const void *p, size_t n,
                                     const char *name, const char *base_dir,
                                     unsigned flags, bk_config_t **out,
                                     char *err, size_t errlen);

/* Releases a config and everything in it, whatever its references; NULL
 * is a no-op. For a single owner. */
void bk_config_free(bk_config_t *c);

/* Takes one more reference on 'c' (a loaded config holds one), so that a
 * connection or request keeps its generation alive across a reload; any
 * thread. Returns 'c'. */
bk_config_t *bk_config_ref(bk_config_t *c);

/* Drops a reference; the last one frees the config. NULL is a no-op. */
void bk_config_unref(bk_config_t *c);

/* Whether 'path' (a URI path, starting with '/') matches a PathPattern with
 * CloudFront's wildcards: '*' any run of characters (including '/'), '?'
 * exactly one. Case-sensitive. */
bool bk_config_path_match(bk_str_t pattern, bk_str_t path);

/* The behaviour for a request path: the first CacheBehaviors entry whose
 * pattern matches, else the default one. Never NULL. */
const bk_config_behavior_t *bk_config_behavior_for(const bk_config_t *c,
                                                   bk_str_t path);

/* The function with this name, or NULL. */
const bk_config_function_t *bk_config_function(const bk_config_t *c,
                                               bk_str_t name);

/* The origin with this id, or NULL. */
const bk_config_origin_t *bk_config_origin(const bk_config_t *c, bk_str_t id);

/* The text of an event type ("viewer-request"...). */
const char *bk_config_event_name(bk_config_event_t ev);

#endif
