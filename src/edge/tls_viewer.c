/*
 * tls_viewer.c: HTTPS for viewers (Brink.ListenTls). OpenSSL runs over
 * memory BIOs through the engine the origin side uses too
 * (src/proxy/tls_bio.c), so it never touches the socket and never blocks.
 * Plaintext comes out of SSL_read straight into the connection's read
 * buffer, where conn.c parses it exactly as on a plain connection.
 *
 * Invariants: a plain connection has c->tls == NULL and never enters this
 * file (conn.c pays one pointer test per read, write and accept). A TLS
 * connection's state (SSL object, BIOs, queued writes) is freed with the
 * connection; the SSL_CTX belongs to the configuration generation and each
 * SSL holds its own reference, so a reload never pulls a certificate from
 * under a live connection. A response is encrypted in pieces of
 * SEND_CHUNK bytes, the next one when the previous is written, so a large
 * body never sits in memory twice.
 */
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "edge/edge_int.h"
#include "proxy/tls_bio.h"

/* Plaintext encrypted per queued write of a response. */
#define SEND_CHUNK (64u * 1024)

struct bk_edge_vtls {
    bk_tls_t tls;
    int ready; /* handshake done */
    /* The response being sent: up to two parts (head, body). */
    const uint8_t *part[2];
    size_t part_n[2];
    unsigned nparts, cur;
    size_t off;
    uv_write_cb done;
};

/* One read's ciphertext. */
static __thread uint8_t read_buf[BK_TLS_READ_BUF];

/* The last queued OpenSSL reason ("wrong version number"), or 'dflt';
 * clears the queue. */
static const char *ssl_reason(const char *dflt)
{
    return bk_tls_reason(NULL, 0, dflt);
}

/* ---- the context -------------------------------------------------------- */

/* ALPN: http/1.1 only (no h2 yet). A client that offers ALPN without it
 * gets no_application_protocol, as RFC 7301 says. */
static int on_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                   const unsigned char *in, unsigned inlen, void *arg)
{
    static const unsigned char ours[] = "\x08http/1.1";
    unsigned char *sel;
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto(&sel, outlen, ours, sizeof(ours) - 1, in,
                              inlen) != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_ALERT_FATAL;
    *out = sel;
    return SSL_TLSEXT_ERR_OK;
}

/* Loads the PEM chain and key the config read at load time. */
static int use_pem(SSL_CTX *ctx, const bk_config_listen_tls_t *t,
                   char *err, size_t errlen)
{
    int rc = BK_ERR;
    X509 *x = NULL;
    EVP_PKEY *k = NULL;
    BIO *b = BIO_new_mem_buf(t->cert_pem.p, (int)t->cert_pem.n);
    if (b == NULL)
        goto fail;
    x = PEM_read_bio_X509_AUX(b, NULL, NULL, NULL);
    if (x == NULL || SSL_CTX_use_certificate(ctx, x) != 1)
        goto fail;
    X509 *more;
    while ((more = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL)
        if (SSL_CTX_add0_chain_cert(ctx, more) != 1) {
            X509_free(more);
            goto fail;
        }
    ERR_clear_error(); /* the end of the chain: "no start line" */
    BIO_free(b);
    b = BIO_new_mem_buf(t->key_pem.p, (int)t->key_pem.n);
    if (b == NULL)
        goto fail;
    k = PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)"");
    if (k == NULL || SSL_CTX_use_PrivateKey(ctx, k) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1)
        goto fail;
    rc = BK_OK;
fail:
    if (rc != BK_OK)
        snprintf(err, errlen, "Brink.ListenTls: %s / %s: %s", t->cert_file,
                 t->key_file, ssl_reason("cannot use the certificate"));
    BIO_free(b);
    X509_free(x);
    EVP_PKEY_free(k);
    return rc;
}

int bk_edge__vtls_ctx_new(const bk_config_t *cfg, void **out, char *err,
                          size_t errlen)
{
    const bk_config_listen_tls_t *t = &cfg->listen_tls;
    *out = NULL;
    if (!t->addr.set)
        return BK_OK;
    if (t->cert_pem.n == 0 || t->key_pem.n == 0) {
        snprintf(err, errlen, "Brink.ListenTls: certificate not loaded");
        return BK_ERR;
    }
    ERR_clear_error();
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL) {
        snprintf(err, errlen, "Brink.ListenTls: %s", ssl_reason("out of memory"));
        return BK_ERR;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION |
                                 SSL_OP_CIPHER_SERVER_PREFERENCE);
    /* Idle keep-alive connections give their record buffers back. */
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_alpn_select_cb(ctx, on_alpn, NULL);
    /* Sessions resume across the workers (the cache is the context's and
     * locked by OpenSSL); TLS 1.3 tickets need no cache. */
    SSL_CTX_set_session_id_context(ctx, (const unsigned char *)"brink", 5);
    if (use_pem(ctx, t, err, errlen) != BK_OK) {
        SSL_CTX_free(ctx);
        return BK_ERR;
    }
    *out = ctx;
    return BK_OK;
}

void bk_edge__vtls_ctx_free(void *ctx)
{
    SSL_CTX_free(ctx); /* NULL is fine */
}

/* ---- a connection ------------------------------------------------------- */

static void on_sent(void *owner, int kind, int status);

int bk_edge__vtls_new(bk_edge_conn_t *c, void *ctx)
{
    bk_edge_vtls_t *t = bk_calloc(1, sizeof(*t));
    if (t == NULL)
        return BK_ERR;
    if (bk_tls_init(&t->tls, ctx, (uv_stream_t *)&c->tcp, on_sent, c) !=
        BK_OK) {
        bk_log_warn("viewer %s: TLS setup: %s", c->peer_ip,
                    ssl_reason("out of memory"));
        bk_free(t);
        return BK_ERR;
    }
    SSL_set_accept_state(t->tls.ssl);
    c->tls = t;
    return BK_OK;
}

void bk_edge__vtls_free(bk_edge_conn_t *c)
{
    bk_edge_vtls_t *t = c->tls;
    if (t == NULL)
        return;
    bk_tls_free(&t->tls);
    bk_free(t);
    c->tls = NULL;
}

void bk_edge__vtls_alloc(uv_buf_t *buf)
{
    buf->base = (char *)read_buf;
    buf->len = sizeof(read_buf);
}

int bk_edge__vtls_ready(const bk_edge_conn_t *c)
{
    return c->tls != NULL && c->tls->ready;
}

void bk_edge__vtls_describe(const bk_edge_conn_t *c, bk_edge_xchg_t *x)
{
    SSL *ssl = c->tls->tls.ssl;
    x->tls_version = SSL_get_version(ssl);
    x->tls_cipher = SSL_get_cipher_name(ssl);
    x->tls_handshake = c->nexch > 1           ? "connectionReused"
                       : SSL_session_reused(ssl) ? "sessionResumed"
                                                 : "fullHandshake";
}

/* ---- moving ciphertext ---------------------------------------------------- */

/* Kinds of flushed writes: W_PLAIN (0, bk_tls_flush's own) carries
 * handshake flights and alerts; W_MORE a response piece after which the
 * next is encrypted; W_LAST the response's end. */
enum { W_PLAIN, W_MORE, W_LAST };

static int send_more(bk_edge_conn_t *c);

static void on_sent(void *owner, int kind, int status)
{
    bk_edge_conn_t *c = owner;
    if (kind == W_PLAIN)
        return; /* a failure shows in the response's own writes */
    bk_edge_vtls_t *t = c->tls;
    if (kind == W_MORE && status == 0 && c->state != BK_EDGE_C_CLOSING) {
        if (send_more(c) == BK_OK)
            return;
        status = UV_EPROTO;
    } else if (kind == W_MORE && status == 0) {
        status = UV_ECANCELED;
    }
    uv_write_cb done = t->done;
    t->done = NULL;
    if (done != NULL)
        done(&c->wreq, status);
}

/* Encrypts the next SEND_CHUNK bytes of the response and queues them. */
static int send_more(bk_edge_conn_t *c)
{
    bk_edge_vtls_t *t = c->tls;
    size_t budget = t->done ? SEND_CHUNK : SIZE_MAX;
    while (budget > 0 && t->cur < t->nparts) {
        size_t left = t->part_n[t->cur] - t->off;
        size_t take = left < budget ? left : budget;
        if (bk_tls_write(&t->tls, t->part[t->cur] + t->off, take) != BK_OK) {
            bk_log_info("viewer %s: TLS write: %s", c->peer_ip,
                        ssl_reason("failed"));
            return BK_ERR;
        }
        t->off += take;
        budget -= take;
        if (t->off == t->part_n[t->cur]) {
            t->cur++;
            t->off = 0;
        }
    }
    if (t->done == NULL)
        return bk_tls_flush(&t->tls, W_PLAIN);
    return bk_tls_flush(&t->tls, t->cur == t->nparts ? W_LAST : W_MORE);
}

int bk_edge__vtls_send(bk_edge_conn_t *c, const uv_buf_t *bufs, unsigned nb,
                       uv_write_cb done)
{
    bk_edge_vtls_t *t = c->tls;
    BK_ASSERT(nb <= 2 && t->ready && t->done == NULL);
    for (unsigned i = 0; i < nb; i++) {
        t->part[i] = (const uint8_t *)bufs[i].base;
        t->part_n[i] = bufs[i].len;
    }
    t->nparts = nb;
    t->cur = 0;
    t->off = 0;
    t->done = done;
    if (send_more(c) != BK_OK) {
        t->done = NULL;
        return BK_ERR;
    }
    return BK_OK;
}

void bk_edge__vtls_close_notify(bk_edge_conn_t *c)
{
    bk_edge_vtls_t *t = c->tls;
    if (!t->ready)
        return;
    ERR_clear_error();
    (void)SSL_shutdown(t->tls.ssl);
    ERR_clear_error();
    (void)bk_tls_flush(&t->tls, W_PLAIN);
}

/* ---- reading ---------------------------------------------------------------- */

/* Advances the handshake. BK_OK: done; BK_AGAIN: wants more; BK_ERR:
 * failed (logged, unless only its last flight could not be queued). */
static int handshake(bk_edge_conn_t *c)
{
    int e;
    int h = bk_tls_handshake(&c->tls->tls, &e);
    if (h == BK_OK)
        c->tls->ready = 1;
    else if (h == BK_ERR && e != SSL_ERROR_NONE)
        bk_log_info("viewer %s: TLS handshake failed: %s", c->peer_ip,
                    ssl_reason(e == SSL_ERROR_SYSCALL ? "connection error"
                                                      : "protocol error"));
    return h;
}

ssize_t bk_edge__vtls_read(bk_edge_conn_t *c, ssize_t nread)
{
    bk_edge_vtls_t *t = c->tls;
    if (nread < 0) {
        if (!t->ready)
            bk_log_info("viewer %s: TLS handshake: %s", c->peer_ip,
                        nread == UV_EOF ? "the viewer closed the connection"
                                        : uv_strerror((int)nread));
        return nread;
    }
    if (nread == 0)
        return 0;
    if (bk_tls_feed(&t->tls, read_buf, (size_t)nread) != BK_OK)
        return UV_ENOMEM;
    if (!t->ready) {
        int h = handshake(c);
        if (h == BK_ERR)
            return UV_EPROTO;
        if (h == BK_AGAIN)
            return 0;
    }
    ssize_t total = 0;
    for (;;) {
        if (bk_buf_reserve(&c->rbuf, 16384) != BK_OK)
            return UV_ENOBUFS;
        int e;
        int r = bk_tls_read(&t->tls, c->rbuf.p + c->rbuf.n,
                            c->rbuf.cap - c->rbuf.n, &e);
        if (r > 0) {
            c->rbuf.n += (size_t)r;
            total += r;
            continue;
        }
        if (e == SSL_ERROR_WANT_READ)
            break;
        if (e == SSL_ERROR_ZERO_RETURN) {
            /* close_notify: what came before it is served; the TCP end
             * follows. */
            ERR_clear_error();
            break;
        }
        bk_log_info("viewer %s: TLS error: %s", c->peer_ip,
                    ssl_reason("protocol error"));
        return UV_EPROTO;
    }
    return total;
}
