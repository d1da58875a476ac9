/*
 * proxy_int.h: what upstream.c (connections, pool, fetch state machine) and
 * tls.c (OpenSSL over the connection's libuv stream) share.
 *
 * A connection with c->tls == NULL is plain HTTP and never enters tls.c:
 * the plain path costs one pointer test per read and write.
 */
#ifndef BK_PROXY_PROXY_INT_H
#define BK_PROXY_PROXY_INT_H

#include <netinet/in.h>

#include "proxy/proxy.h"

enum {
    C_CONNECTING = 1,
    C_HANDSHAKE, /* TCP up, TLS handshake in progress (connect timer runs) */
    C_HEAD,      /* request sent or being sent; reading the response head */
    C_BODY,
    C_IDLE,
    C_CLOSING,
};

typedef struct bk_proxy__tls bk_proxy__tls_t;

struct bk_proxy_conn {
    uv_tcp_t tcp;
    uv_timer_t timer;
    uv_connect_t creq;
    uv_write_t wreq;
    bk_proxy_pool_t *pool;
    bk_proxy_fetch_t *f;
    bk_proxy_conn_t *next, *prev; /* idle list */
    int state;
    int handles_open;
    int reused;
    int got_bytes;
    int connect_failed;  /* uv_tcp_connect refused synchronously */
    char key[288]; /* "host:port", or "https://host:port/<versions>" */
    bk_proxy__tls_t *tls; /* NULL: plain HTTP */
    void *tls_ctx;        /* the SSL_CTX it was made with (pool matching) */
    bk_buf_t rbuf;        /* plaintext read so far */
    bk_http_resp_t resp;
    bk_http_header_t hdrs[BK_PROXY_MAX_HEADERS];
    bk_http_chunked_t chunked;
    bk_http_length_t length;
};

#define DNS_SLOTS 16
#define DNS_TTL_MS 30000

typedef struct {
    char host[256];
    struct sockaddr_storage sa;
    uint64_t expires;
} dns_entry_t;

typedef struct bk_proxy__tls_pool bk_proxy__tls_pool_t;

struct bk_proxy_pool {
    uv_loop_t *loop;
    bk_proxy_conn_t *idle;
    size_t nidle;
    size_t nconns;
    int closing;
    dns_entry_t dns[DNS_SLOTS];
    unsigned dns_next;
    bk_proxy__tls_pool_t *tls; /* created with the first HTTPS fetch */
};

/* ---- upstream.c, for tls.c ------------------------------------------------ */

/* A failure of f on its connection: retried when allowed, else reported. */
void bk_proxy__fail(bk_proxy_fetch_t *f, bk_proxy_result_t r);

/* Sends f's request on c (handshake done, or plain). */
void bk_proxy__send_request(bk_proxy_conn_t *c);

/* 'n' response bytes were just written at c->rbuf.p + c->rbuf.n. */
void bk_proxy__data(bk_proxy_conn_t *c, size_t n);

/* The stream ended (UV_EOF) or failed while c was busy with a fetch. */
void bk_proxy__eof(bk_proxy_conn_t *c, ssize_t err);

/* Closes c (both handles); freed when their callbacks have run. */
void bk_proxy__conn_close(bk_proxy_conn_t *c);

/* ---- tls.c ---------------------------------------------------------------- */

/* The client SSL_CTX for 'ca_file' (NULL: the system store), shared by the
 * process and cached in the pool. NULL: 'why' says why (CA file unusable).
 * Owned by the pool (one reference). */
void *bk_proxy__tls_ctx(bk_proxy_pool_t *p, const char *ca_file, char *why,
                        size_t whylen);

/* Makes c a TLS connection for f (SNI, hostname check, versions, a cached
 * session). BK_ERR: f->error says why. */
BK_MUST_CHECK int bk_proxy__tls_new(bk_proxy_conn_t *c, bk_proxy_fetch_t *f);

/* Starts the handshake on a connected c (state C_HANDSHAKE). */
void bk_proxy__tls_handshake(bk_proxy_conn_t *c);

/* Where libuv reads ciphertext to. */
void bk_proxy__tls_alloc(bk_proxy_conn_t *c, uv_buf_t *buf);

/* libuv read 'nread' ciphertext bytes (or an error / UV_EOF). */
void bk_proxy__tls_read(bk_proxy_conn_t *c, ssize_t nread);

/* Encrypts head and body and writes them. BK_ERR: not sent. */
BK_MUST_CHECK int bk_proxy__tls_send(bk_proxy_conn_t *c, bk_str_t head,
                                     bk_str_t body);

/* Frees c's TLS state (from the close callback). */
void bk_proxy__tls_free(bk_proxy_conn_t *c);

/* Frees the pool's TLS state: its SSL_CTX reference, cached sessions. */
void bk_proxy__tls_pool_free(bk_proxy_pool_t *p);

#endif
