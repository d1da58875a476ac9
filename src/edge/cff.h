/*
 * cff.h: the CloudFront Functions runtime, on top of the JS engine's
 * embedding API (src/js/js.h). Used by `brink serve` (viewer-request and
 * viewer-response event points) and by `brink test-function`.
 *
 * The runtime works on a neutral C model of the event (bk_cff_event_t):
 * the server fills it from a parsed request/response, test-function from a
 * test event JSON file. A run builds the JS event object from the model,
 * calls the handler, drains the job queue, and reads what the handler
 * returned back into the model (bk_cff_result_t), applying CloudFront's
 * write-back and validation rules (cloudfront-functions.md §3-§5).
 *
 * Memory: the model's slices live in a caller arena (request or command);
 * a run copies everything it returns into 'out' before the JS invocation
 * ends, so results never point into the invocation arena.
 */
#ifndef BK_EDGE_CFF_H
#define BK_EDGE_CFF_H

#include "core/buf.h"
#include "js/js.h"

/* Limits (reference §8). */
#define BK_CFF_MAX_CODE 10240       /* bytes of source, comments included */
#define BK_CFF_MAX_MEMORY (2u << 20)
#define BK_CFF_MAX_LOG 10240        /* console.log bytes kept per run */
#define BK_CFF_MAX_URI 8192         /* uri + '?' + query must stay below */

typedef enum {
    BK_CFF_VIEWER_REQUEST = 0,
    BK_CFF_VIEWER_RESPONSE,
} bk_cff_event_type_t;

/* One occurrence of a query parameter, header or cookie. */
typedef struct {
    bk_str_t value;
    bk_str_t attrs;      /* response cookies: everything after the first ';' */
    unsigned has_attrs : 1;
} bk_cff_item_t;

/* A name with its occurrences (n > 1: the event shows multiValue). */
typedef struct {
    bk_str_t name;
    bk_cff_item_t *items;
    uint32_t n;
    /* In a run's result: the field is the event's own, name and items
     * unchanged (checks that passed on the event need not run again). */
    unsigned same : 1;
} bk_cff_field_t;

/* Fields in event order. */
typedef struct {
    bk_cff_field_t *v;
    uint32_t n, cap;
    /* Header maps: every name is a lower-case token and no value has CR,
     * LF or NUL (set by whoever built the map and knows it: the server's
     * parser guarantees it; test events are checked). */
    unsigned clean : 1;
} bk_cff_map_t;

typedef struct {
    bk_str_t method;
    bk_str_t uri;
    bk_cff_map_t qs;
    bk_cff_map_t headers;   /* lower-case names, Cookie excluded */
    bk_cff_map_t cookies;
    bk_str_t raw_qs;        /* rawQueryString(): without '?' */
    unsigned has_raw_qs : 1; /* the URL had a '?' */
} bk_cff_request_t;

typedef struct {
    int status;
    bk_str_t status_desc;
    unsigned has_desc : 1;
    bk_cff_map_t headers;   /* lower-case names, Set-Cookie excluded */
    bk_cff_map_t cookies;   /* with attributes */
    unsigned has_body : 1;  /* the function set a body */
    unsigned body_base64 : 1; /* it was given as base64 */
    bk_str_t body;          /* decoded bytes */
    bk_str_t body_text;     /* as the function gave it (output JSON) */
} bk_cff_response_t;

typedef struct {
    bk_cff_event_type_t type;
    bk_str_t dist_domain;   /* context.distributionDomainName ("" : absent) */
    bk_str_t dist_id;
    bk_str_t request_id;
    bk_str_t endpoint;      /* multi-tenant only */
    bk_str_t viewer_ip;
    /* cf.edgeLocation (viewer-request): the POP's IATA code, the address
     * the viewer reached, the regional cache's region; empty: unknown. */
    bk_str_t edge_name, edge_server_ip, edge_region;
    bk_cff_request_t req;
    bk_cff_response_t resp; /* viewer-response only */
} bk_cff_event_t;

/* How a run ended; the server answers 502 for VALIDATION, 503 for the
 * others that are not OK. */
typedef enum {
    BK_CFF_OK = 0,
    BK_CFF_EXEC_ERROR,       /* threw, rejected, or returned nothing usable */
    BK_CFF_VALIDATION_ERROR, /* returned an invalid request/response */
    BK_CFF_LIMIT,            /* memory or compute limit */
} bk_cff_outcome_t;

/* Which `cloudfront` origin helper a viewer-request run called (§7). */
typedef enum {
    BK_CFF_ORIGIN_NONE = 0,
    BK_CFF_ORIGIN_UPDATE,  /* cf.updateRequestOrigin(params) */
    BK_CFF_ORIGIN_SELECT,  /* cf.selectRequestOriginById(id[, overrides]) */
    BK_CFF_ORIGIN_GROUP,   /* cf.createRequestOriginGroup(params) */
} bk_cff_origin_op_t;

typedef struct {
    bk_cff_outcome_t outcome;
    const char *message;     /* FunctionErrorMessage ("" when OK) */
    unsigned utilization;    /* compute utilization 0-100 */
    int is_response;         /* the result is 'resp' (else 'req') */
    bk_cff_request_t req;
    bk_cff_response_t resp;
    const char **logs;       /* console.log lines (truncated per run) */
    size_t nlogs;
    bk_str_t log_custom_data; /* cf.logCustomData() */
    bk_cff_origin_op_t origin_op; /* origin helper called (the last call wins) */
    bk_str_t origin_json;     /* its argument as validated JSON (§7); for
                                 SELECT {"originId": id, overrides...} */
} bk_cff_result_t;

typedef struct bk_cff_fn bk_cff_fn_t;

/* A KeyValueStore loaded from CloudFront's import format. */
typedef struct bk_cff_kvs bk_cff_kvs_t;

/* Loads a KVS import file {"data":[{"key","value"}]}, checking CloudFront's
 * limits (key 512 B, value 1 KB, 5 MB, no duplicate keys). NULL with a
 * message naming the file and the offending key. */
bk_cff_kvs_t *bk_cff_kvs_load(const char *path, char *err, size_t errlen);
void bk_cff_kvs_free(bk_cff_kvs_t *k);

/* Loads a function: checks the 10 KB limit, compiles it and runs its top
 * level (bk_js_load). NULL with CloudFront-style text in 'err'. The KVS (may
 * be NULL) is borrowed and must outlive the function. */
bk_cff_fn_t *bk_cff_load(const char *name, const char *src, size_t n,
                         bk_js_runtime_t runtime, const bk_cff_kvs_t *kvs,
                         char *err, size_t errlen);
void bk_cff_free(bk_cff_fn_t *fn);

/* The function's name and runtime. */
const char *bk_cff_name(const bk_cff_fn_t *fn);
bk_js_runtime_t bk_cff_runtime(const bk_cff_fn_t *fn);

/* A per-thread context to run 'fn' in; NULL on allocation failure. */
bk_js_ctx_t *bk_cff_ctx_new(bk_cff_fn_t *fn);

/* Runs the handler on 'ev'. Everything in 'res' lives in 'out'. Always
 * fills res->outcome and res->message; returns BK_OK when the outcome is
 * BK_CFF_OK, BK_ERR otherwise (or when 'out' ran out of memory). */
int bk_cff_run(bk_cff_fn_t *fn, bk_js_ctx_t *ctx, const bk_cff_event_t *ev,
               bk_arena_t *out, bk_cff_result_t *res);

/* Whether a header is one CloudFront never shows to functions and never
 * lets them add (§4). */
int bk_cff__disallowed_name(bk_str_t name);

/* ---- model helpers (cff_model.c) --------------------------------------- */

/* Appends one occurrence of 'name' (joining an existing field). */
/* Sets m->clean when every name is a lower-case token and no value has CR,
 * LF or NUL. */
void bk_cff_map_mark_clean(bk_cff_map_t *m);

BK_MUST_CHECK int bk_cff_map_add(bk_arena_t *a, bk_cff_map_t *m, bk_str_t name,
                                 bk_str_t value);
/* The field named 'name' (exact match), or NULL. */
bk_cff_field_t *bk_cff_map_find(const bk_cff_map_t *m, bk_str_t name);

/* Splits a query string into m (names and values as they are, not
 * decoded, like CloudFront). */
BK_MUST_CHECK int bk_cff_parse_query(bk_arena_t *a, bk_str_t q, bk_cff_map_t *m);
/* Parses one Cookie header value into m. */
BK_MUST_CHECK int bk_cff_parse_cookie(bk_arena_t *a, bk_str_t v, bk_cff_map_t *m);
/* Parses one Set-Cookie value into m (name, value, attributes). */
BK_MUST_CHECK int bk_cff_parse_set_cookie(bk_arena_t *a, bk_str_t v,
                                          bk_cff_map_t *m);
/* Serialises m back into a query string ("a=1&b=2&b=3"). */
BK_MUST_CHECK int bk_cff_query_string(const bk_cff_map_t *m, bk_buf_t *out);
/* Title-cases a header name per hyphen part into the arena
 * ("x-my-hdr" -> "X-My-Hdr"). */
bk_str_t bk_cff_title_case(bk_arena_t *a, bk_str_t name);

/* ---- test-function (cff_json.c) ----------------------------------------- */

/* Reads a test event (the JSON `aws cloudfront test-function` takes) into
 * ev. BK_ERR with "file: line L column C: reason" in err. */
int bk_cff_event_from_json(const char *json, size_t n, const char *name,
                           bk_arena_t *a, bk_cff_event_t *ev, char *err,
                           size_t errlen);

/* Appends FunctionOutput's JSON text for a result. */
BK_MUST_CHECK int bk_cff_output_json(const bk_cff_result_t *res, bk_buf_t *out);

#endif
