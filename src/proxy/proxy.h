/*
 * proxy.h: fetching from origins over HTTP/1.1, plain or over TLS (HTTPS),
 * with per-worker pools of keep-alive connections.
 *
 * One bk_proxy_pool_t per worker loop; not thread-safe. A fetch sends a
 * request head (already serialised by the caller) and body, and collects
 * the whole response (head and de-chunked body) into heap buffers owned by
 * the fetch until bk_proxy_fetch_release(). done() is always called later
 * from the loop, never from inside bk_proxy_fetch_start().
 */
#ifndef BK_PROXY_PROXY_H
#define BK_PROXY_PROXY_H

#include <uv.h>

#include "core/buf.h"
#include "http/http1.h"

/* Why a fetch failed; the edge maps these to 502/504 and log codes. */
#define BK_PROXY_RESULT_MAP(X)                                                \
    X(OK, "ok")                                                               \
    X(DNS, "OriginDnsError")                                                  \
    X(CONNECT, "OriginConnectError")                                          \
    X(CONNECT_TIMEOUT, "OriginConnectTimeout")                                \
    X(COMM, "OriginCommError")                                                \
    X(READ_TIMEOUT, "OriginReadTimeout")                                      \
    X(TLS, "OriginConnectError") /* TLS handshake or setup */                 \
    X(GARBLED, "OriginInvalidResponse")                                       \
    X(TOO_LARGE, "OriginResponseTooLarge")                                    \
    X(NOMEM, "OriginNoMemory")                                                \
    X(CANCELLED, "Cancelled")

typedef enum {
#define BK__PROXY_ENUM(name, text) BK_PROXY_##name,
    BK_PROXY_RESULT_MAP(BK__PROXY_ENUM)
#undef BK__PROXY_ENUM
} bk_proxy_result_t;

/* The log code of a result ("OriginConnectError"...). */
const char *bk_proxy_result_str(bk_proxy_result_t r);

typedef struct bk_proxy_pool bk_proxy_pool_t;
typedef struct bk_proxy_fetch bk_proxy_fetch_t;
typedef struct bk_proxy_conn bk_proxy_conn_t;

/* TLS versions a fetch may use (bk_proxy_fetch_t.tls_versions). Versions
 * below TLS 1.2 are never used: they are accepted so that CloudFront's
 * OriginSslProtocols can be passed as it is. */
#define BK_PROXY_TLS_SSLV3 (1u << 0)
#define BK_PROXY_TLS_V1_0 (1u << 1)
#define BK_PROXY_TLS_V1_1 (1u << 2)
#define BK_PROXY_TLS_V1_2 (1u << 3)
#define BK_PROXY_TLS_V1_3 (1u << 4)

/* Max response header fields kept from an origin. */
#define BK_PROXY_MAX_HEADERS 128

struct bk_proxy_fetch {
    /* Inputs, set before bk_proxy_fetch_start. */
    const char *host;           /* DNS name or IP literal, NUL-terminated */
    uint16_t port;
    bk_http_method_t method;    /* HEAD responses have no body */
    bk_str_t head;              /* serialised request head */
    bk_str_t body;              /* request body (may be empty) */
    uint32_t connect_timeout_ms;
    uint32_t read_timeout_ms;   /* per read, as OriginReadTimeout */
    uint32_t keepalive_ms;      /* idle time a pooled connection is kept */
    unsigned attempts;          /* connection attempts, 1-3 */
    size_t max_body;            /* larger response body → TOO_LARGE */
    unsigned tls;               /* 1: HTTPS; SNI and certificate name = host */
    unsigned tls_versions;      /* BK_PROXY_TLS_*; 0: TLS 1.2 and 1.3 */
    const char *tls_ca_file;    /* PEM CA bundle; NULL: the system store */
    void (*done)(bk_proxy_fetch_t *f);
    void *data;

    /* Results, valid in done() until bk_proxy_fetch_release. */
    bk_proxy_result_t result;
    int status;                 /* origin status code */
    bk_str_t reason_phrase;
    bk_http_header_t headers[BK_PROXY_MAX_HEADERS];
    size_t nheaders;
    bk_str_t resp_body;
    uint64_t first_byte_ns;     /* uv_hrtime() of the first response byte */
    unsigned reused;            /* served on a pooled connection */
    unsigned tls_resumed;       /* the TLS handshake resumed a session */
    char error[160];            /* why it failed, in words ("" if no more
                                 * than the result code is known) */

    /* private */
    bk_proxy_pool_t *_pool;
    bk_proxy_conn_t *_conn;
    bk_buf_t _head;             /* response head copy (slices point here) */
    bk_buf_t _body;
    unsigned _tries;
    unsigned _active;
    uv_timer_t *_defer;         /* for async failure reports */
    void *_dns;                 /* DNS request in flight */
    void *_tls_ctx;             /* SSL_CTX for an HTTPS fetch */
};

/* A pool for 'loop'; NULL on allocation failure. */
bk_proxy_pool_t *bk_proxy_pool_new(uv_loop_t *loop);

/* Closes idle connections and frees the pool once they are closed (the
 * loop must run for that). Fetches in flight must be cancelled first. */
void bk_proxy_pool_close(bk_proxy_pool_t *p);

/* Idle pooled connections (tests, metrics). */
size_t bk_proxy_pool_idle(const bk_proxy_pool_t *p);

/* Starts a fetch; done() reports the outcome. BK_ERR only if the fetch
 * could not even be queued (then done() is not called). */
BK_MUST_CHECK int bk_proxy_fetch_start(bk_proxy_pool_t *p,
                                       bk_proxy_fetch_t *f);

/* Abandons a fetch in flight: done() will not be called; its connection is
 * closed. No-op when it is not in flight. */
void bk_proxy_fetch_cancel(bk_proxy_fetch_t *f);

/* Frees the response buffers of a finished fetch. */
void bk_proxy_fetch_release(bk_proxy_fetch_t *f);

#endif
