/*
 * edge_int.h: what the files of src/edge share: the worker, the viewer
 * connection and the exchange (one request and its response).
 *
 * Memory: a worker owns its loop, origin pool and connections (heap); the
 * cache is the server's, shared by the workers (src/cache locks it).
 * A connection owns its read buffer (heap, grows to the head limit) and one
 * request arena, reset after each exchange; everything an exchange builds
 * (header lists, serialised heads, copies) lives in that arena. Cache
 * entries and origin responses an exchange uses are pinned to the arena and
 * released when it is reset.
 */
#ifndef BK_EDGE_EDGE_INT_H
#define BK_EDGE_EDGE_INT_H

#include <pthread.h>
#include <uv.h>

#include "cache/cache.h"
#include "config/config.h"
#include "edge/edge.h"
#include "core/date.h"
#include "http/http1.h"
#include "obs/metrics.h"
#include "proxy/proxy.h"

typedef struct bk_edge_worker bk_edge_worker_t;
typedef struct bk_edge_conn bk_edge_conn_t;
typedef struct bk_edge_xchg bk_edge_xchg_t;

/* Header field lists of an exchange: (name, value) slices, growable in the
 * request arena. Same layout as the cache's request headers. */
typedef bk_cache_hdr_t bk_edge_hdr_t;
typedef struct {
    bk_edge_hdr_t *v;
    size_t n, cap;
} bk_edge_hdrs_t;

/* Limits of the viewer side (CloudFront's where it has one). */
#define BK_EDGE_MAX_HEADERS 256
#define BK_EDGE_HEADER_TIMEOUT_MS 20000
#define BK_EDGE_BODY_TIMEOUT_MS 20000
#define BK_EDGE_IDLE_TIMEOUT_MS 60000
#define BK_EDGE_LINGER_MS 2000 /* idle time before request memory goes */
#define BK_EDGE_LINGER_MAX_CONNS 512 /* above: memory goes at once */
#define BK_EDGE_MAX_BODY (64u << 20)
#define BK_EDGE_MAX_ORIGIN_BODY (256u << 20)
#define BK_EDGE_REQ_ARENA_FIRST 16384

/* A shared, refcounted configuration generation: workers hold a reference
 * while an exchange uses it, so SIGHUP can swap in a new one at any time. */
typedef struct bk_edge_gen {
    bk_config_t *cfg;
    void *geo;      /* MMDB_s of cfg->geo_database, or NULL */
    struct bk_cff_fn **fns;  /* loaded CloudFront Functions, as cfg->functions */
    struct bk_cff_kvs **kvs; /* their KeyValueStores (or NULL) */
    size_t nfns;
    bk_str_t via;   /* "1.1 <domain> (CloudFront)", made at load */
    void *tls_ctx;  /* server SSL_CTX for Brink.ListenTls, or NULL */
    int refs; /* atomic */
    unsigned id;
} bk_edge_gen_t;

void bk_edge_gen_ref(bk_edge_gen_t *g);
void bk_edge_gen_unref(bk_edge_gen_t *g);

/* Messages from the main thread to a worker. */
enum { BK_EDGE_MAIL_RELOAD = 1, BK_EDGE_MAIL_PURGE, BK_EDGE_MAIL_STOP };
#define BK_EDGE_MAILBOX 16
#define BK_EDGE_MAX_WORKERS 64

typedef struct {
    int kind;
    char path[4096]; /* PURGE: the invalidation path */
} bk_edge_mail_t;

struct bk_edge_worker {
    bk_edge_server_t *srv;
    unsigned index;
    pthread_t thread;
    uv_loop_t loop;
    uv_tcp_t listener;
    uv_tcp_t tls_listener;  /* Brink.ListenTls (when tls_on) */
    int tls_on;
    uv_async_t wake;        /* main thread → worker: reload, stop, purge */
    bk_edge_gen_t *gen;     /* current config generation */
    bk_cache_t *cache;      /* the server's, shared by all workers */
    bk_cache_owner_t cache_owner; /* this loop, for collapsed waiters */
    uv_async_t cache_wake;  /* other workers → here: waiters to resume */
    /* Responses written whole by uv_try_write, finished in the loop's
     * check phase (conn.c: no uv_write, so no epoll_ctl per response). */
    uv_check_t written;
    /* Active while the list is not empty: an active idle handle makes the
     * loop poll without blocking, so a response finished outside the poll
     * phase (in a write callback run as a pending callback) is not left
     * waiting for the next event. */
    uv_idle_t written_wake;
    bk_edge_conn_t *written_head;
    bk_proxy_pool_t *pool;
    bk_obs_metrics_t metrics;
    bk_edge_conn_t *conns;  /* all open connections (list) */
    size_t nconns;
    int draining;
    uint64_t req_seq;
    uv_timer_t drain_timer;
    /* Mailbox, guarded by the server's lock. */
    bk_edge_mail_t mail[BK_EDGE_MAILBOX];
    size_t nmail;
    unsigned long mail_done; /* messages batches handled */
    size_t purged;           /* entries dropped by invalidations */
    int64_t date_at;         /* second date_buf was made for */
    char date_buf[BK_DATE_LEN + 1];
    /* Engine contexts for the functions of fn_ctx_gen (lazily made). */
    struct bk_js_ctx **fn_ctx;
    size_t nfn_ctx;
    bk_edge_gen_t *fn_ctx_gen;
};

/* The server: shared by the main thread and the workers (lock-guarded
 * fields are marked). */
struct bk_edge_server {
    bk_edge_opts_t opts;
    const char *config_path;    /* NULL: demo */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bk_edge_gen_t *gen;         /* current generation (lock) */
    bk_cache_t *cache;          /* one cache for every worker */
    bk_edge_worker_t *workers;
    unsigned nworkers;
    int running[BK_EDGE_MAX_WORKERS]; /* (lock) */
    uv_loop_t *main_loop;
    uv_signal_t sigterm, sigint, sighup;
    uv_tcp_t admin;
    int admin_on;
    int access_fd;
    int function_fd;
    int stopping;
    void (*on_ready)(bk_edge_server_t *s);
};

/* Runs the server on 'cfg' (taken over) until stopped; the exit status. */
int bk_edge_serve(bk_edge_server_t *s, bk_config_t *cfg);

/* Reloads s->config_path; BK_ERR keeps the running config. */
int bk_edge__reload(bk_edge_server_t *s);

/* Posts a message to every worker and waits until each has read it. */
void bk_edge__broadcast(bk_edge_server_t *s, int kind, const char *path);

/* Starts the admin listener if the config has one (main loop). */
int bk_edge__admin_start(bk_edge_server_t *s);

enum {
    BK_EDGE_C_HEAD = 1, /* reading a request head */
    BK_EDGE_C_BODY,     /* reading its body */
    BK_EDGE_C_BUSY,     /* the pipeline owns the exchange */
    BK_EDGE_C_WRITING,  /* the response is being written */
    BK_EDGE_C_CLOSING,
};

struct bk_edge_conn {
    uv_tcp_t tcp;
    uv_timer_t timer;
    uv_write_t wreq;
    uv_shutdown_t sreq;
    bk_edge_worker_t *w;
    bk_edge_conn_t *next, *prev;
    int state;
    int handles_open;
    int close_after;        /* close once the response is written */
    bk_buf_t rbuf;          /* heap; bytes from the viewer */
    size_t consumed;        /* bytes of rbuf used by finished exchanges */
    bk_http_req_t req;
    bk_http_header_t *hdrs; /* in the arena while a request is read */
    bk_http_chunked_t chunked;
    bk_http_length_t length;
    bk_buf_t body;          /* request body being read (request arena) */
    bk_arena_t arena;       /* request arena */
    bk_edge_xchg_t *x;      /* exchange in progress */
    struct bk_edge_vtls *tls; /* NULL: plain HTTP (tls_viewer.c) */
    unsigned nexch;         /* exchanges begun on this connection */
    char peer_ip[64];
    char local_ip[64];   /* filled on first need (cf.edgeLocation.serverIp) */
    bk_edge_conn_t *written_next; /* in w->written_head's list */
    int peer_port;
};

/* What the geo database says of a viewer (arena slices; empty if unknown). */
typedef struct {
    bk_str_t country, country_name, region, region_name, city, postal;
    bk_str_t lat, lon, metro, tz, asn;
} bk_edge_geo_t;

/* One request/response exchange; lives in the connection's arena. */
struct bk_edge_xchg {
    bk_edge_conn_t *conn;   /* NULL once the viewer went away */
    bk_edge_worker_t *w;
    bk_arena_t *arena;
    bk_edge_gen_t *gen;
    const bk_config_t *cfg;
    const bk_config_behavior_t *beh;
    uint64_t t_start;       /* uv_hrtime() */
    struct timespec wall_start;
    char request_id[64];

    /* The viewer request, as the pipeline sees and edits it. */
    bk_str_t method;
    bk_http_method_t method_id;
    bk_str_t path;
    bk_str_t query;
    int has_query;
    bk_str_t host;          /* the Host the viewer sent */
    bk_edge_hdrs_t req_hdrs;
    bk_str_t body;
    int minor;
    /* The viewer's TLS (static strings from OpenSSL; NULL: plain HTTP). */
    const char *tls_version; /* "TLSv1.3" */
    const char *tls_cipher;  /* "TLS_AES_128_GCM_SHA256" */
    const char *tls_handshake; /* CloudFront-Viewer-TLS's third field */
    size_t req_bytes;       /* cs-bytes */
    size_t sent_bytes;      /* sc-bytes */

    /* The response being built. */
    int status;
    bk_str_t reason;
    bk_edge_hdrs_t resp_hdrs;
    bk_str_t resp_body;
    const char *result_type;     /* x-edge-result-type: Hit, Miss, Error... */
    const char *detailed_type;   /* x-edge-detailed-result-type */
    const char *x_cache;         /* "Hit from cloudfront"... */
    int64_t range_first, range_last;

    /* The cache and origin side. */
    bk_buf_t key;
    bk_cache_entry_t *entry;
    bk_cache_fill_t *fill;
    bk_cache_waiter_t waiter;
    bk_proxy_fetch_t *fetch; /* in the arena, on the first origin fetch */
    int fetching;
    int failover_tried;
    const bk_config_origin_t *origin;
    uint64_t t_origin_start;
    uint64_t t_first_byte;
    int geo_done;
    bk_edge_geo_t geo;
    int err_page;           /* 1: fetching a custom error page; 2: done */
    int err_status;         /* the error that asked for it */
    int err_code;           /* the status to answer with */
    int generated;          /* the response is brink's own error page */
    int fn_generated;       /* a viewer-request function answered */
    bk_str_t vreq_log_data; /* cf.logCustomData() of each function */
    /* Origin changes a viewer-request function asked for (origin_ops.c). */
    const bk_config_origin_t *origin_override;
    const bk_config_origin_group_t *group_override;
    bk_str_t host_override;
    bk_str_t vresp_log_data;
};

/* ---- hdrs.c ------------------------------------------------------------ */

/* Appends a field (slices are not copied). */
BK_MUST_CHECK int bk_edge__hdr_add(bk_arena_t *a, bk_edge_hdrs_t *h,
                                   bk_str_t name, bk_str_t value);
/* The first value of 'name' (case-insensitive) or BK_STR_NULL. */
bk_str_t bk_edge__hdr_get(const bk_edge_hdrs_t *h, bk_str_t name);
/* Removes every field named 'name'; returns how many. */
size_t bk_edge__hdr_del(bk_edge_hdrs_t *h, bk_str_t name);
/* Sets 'name' to one field with 'value' (replacing all). */
BK_MUST_CHECK int bk_edge__hdr_set(bk_arena_t *a, bk_edge_hdrs_t *h,
                                   bk_str_t name, bk_str_t value);
/* An arena copy of a printf result as a slice (BK_STR_NULL on failure). */
bk_str_t bk_edge__printf(bk_arena_t *a, const char *fmt, ...) BK_PRINTF(2, 3);

/* ---- conn.c --------------------------------------------------------------- */

/* Accepts a new viewer connection on w's listener. */
void bk_edge__accept(uv_stream_t *listener, int status);
/* The worker's check callback: finishes responses written synchronously. */
void bk_edge__written_check(uv_check_t *h);

/* Sends x's response (head + body) to its viewer; ends the exchange. */
void bk_edge__respond(bk_edge_xchg_t *x);

/* Closes every idle connection of w (draining) and counts the busy ones. */
size_t bk_edge__close_idle(bk_edge_worker_t *w);

/* ---- tls_viewer.c --------------------------------------------------------- */

typedef struct bk_edge_vtls bk_edge_vtls_t;

/* The server SSL_CTX for cfg->listen_tls (*out NULL without one): TLS 1.2+,
 * ALPN http/1.1. BK_ERR with 'err' set. Any thread; freed with
 * bk_edge__vtls_ctx_free (connections keep their own reference). */
int bk_edge__vtls_ctx_new(const bk_config_t *cfg, void **out, char *err,
                          size_t errlen);
void bk_edge__vtls_ctx_free(void *ctx);

/* Makes c, just accepted, a TLS connection with 'ctx'. */
BK_MUST_CHECK int bk_edge__vtls_new(bk_edge_conn_t *c, void *ctx);

/* Frees c's TLS state (from the close callback). */
void bk_edge__vtls_free(bk_edge_conn_t *c);

/* Where libuv reads ciphertext to (a per-thread buffer: on_read consumes
 * it before the next read). */
void bk_edge__vtls_alloc(uv_buf_t *buf);

/* libuv read 'nread' ciphertext bytes (or an error): advances the
 * handshake and decrypts into c->rbuf. Returns the plaintext bytes added
 * (0: none yet), or a negative libuv error after which c must close (a
 * failed handshake is logged at info level). */
ssize_t bk_edge__vtls_read(bk_edge_conn_t *c, ssize_t nread);

/* Encrypts and writes bufs; 'done' (NULL: none) is called as
 * done(&c->wreq, status) once all is written. BK_ERR: nothing queued. */
BK_MUST_CHECK int bk_edge__vtls_send(bk_edge_conn_t *c, const uv_buf_t *bufs,
                                     unsigned nb, uv_write_cb done);

/* Queues a close_notify (before a graceful shutdown). */
void bk_edge__vtls_close_notify(bk_edge_conn_t *c);

/* Whether the handshake is done; fills the exchange's tls_* fields. */
int bk_edge__vtls_ready(const bk_edge_conn_t *c);
void bk_edge__vtls_describe(const bk_edge_conn_t *c, bk_edge_xchg_t *x);

/* ---- pipeline.c ------------------------------------------------------------ */

/* Runs the pipeline for a parsed request; ends with bk_edge__respond. */
void bk_edge__pipeline(bk_edge_xchg_t *x);

/* Abandons what the exchange waits on (viewer went away). */
void bk_edge__xchg_abort(bk_edge_xchg_t *x);

/* Fills x with an error response in CloudFront's style (HTML page). */
void bk_edge__error(bk_edge_xchg_t *x, int status, const char *detailed,
                    const char *why);

/* Writes the access log line and updates metrics for a finished exchange. */
void bk_edge__log_exchange(bk_edge_xchg_t *x, size_t sent_bytes);

/* ---- compress.c ------------------------------------------------------------ */

/* Compresses x's response body per CloudFront's rules, if they allow. */
void bk_edge__compress(bk_edge_xchg_t *x);

/* Whether a Content-Type is in CloudFront's compressible list. */
int bk_edge__compressible_type(bk_str_t content_type);

/* ---- viewer_hdrs.c, geo.c -------------------------------------------------- */

/* The value of a CloudFront-* request header CloudFront would add for this
 * exchange (device, viewer address, protocol, header order and count, geo);
 * BK_STR_NULL when 'name' is not one brink generates or has no value. */
bk_str_t bk_edge__cf_header(bk_edge_xchg_t *x, bk_str_t name);

/* The value of a CloudFront-Viewer-<geo> header from the worker's geo
 * database; BK_STR_NULL without a database or an answer. */
bk_str_t bk_edge__geo_header(bk_edge_xchg_t *x, bk_str_t name);

/* Opens a MaxMind DB file for a generation; BK_ERR with 'err' set. */
int bk_edge__geo_open(const char *path, void **out, char *err, size_t errlen);
void bk_edge__geo_close(void *db);

/* ---- functions.c ---------------------------------------------------------- */

/* Loads the config's CloudFront Functions into g; BK_ERR with 'err'. */
int bk_edge__fns_load(bk_edge_gen_t *g, char *err, size_t errlen);
void bk_edge__fns_free(bk_edge_gen_t *g);

/* Runs the function attached to event 'ev' of x's behaviour, if any.
 * BK_OK: go on (the request or response may have changed). BK_DONE: x
 * holds the response to send (generated, or an error page). */
int bk_edge__fn_phase(bk_edge_xchg_t *x, bk_config_event_t ev);

/* Applies a function's origin helper call (op: bk_cff_origin_op_t, its
 * validated JSON argument) to x; BK_ERR when it names an unknown origin. */
int bk_edge__origin_op(bk_edge_xchg_t *x, int op, bk_str_t json);

/* Frees a worker's function contexts. */
void bk_edge__fn_ctxs_drop(bk_edge_worker_t *w);

/* ---- server.c --------------------------------------------------------------- */

/* The access log sink shared by workers (one write per line). */
void bk_edge__access_log_write(bk_edge_server_t *s, const void *p, size_t n);

/* The node's POP name and distribution domain, for headers. */
bk_str_t bk_edge__pop(const bk_edge_xchg_t *x);

#endif
