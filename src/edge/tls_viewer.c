/*
 * tls_viewer.c: HTTPS for viewers (Brink.ListenTls). The same approach as
 * the origin side (src/proxy/tls.c): OpenSSL runs over two memory BIOs, so
 * it never touches the socket and never blocks. Ciphertext libuv read is
 * written into 'in'; plaintext comes out of SSL_read straight into the
 * connection's read buffer, where conn.c parses it exactly as on a plain
 * connection; what OpenSSL queues in 'out' is copied into heap write
 * requests at once, so bytes leave in the order OpenSSL produced them.
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

/* One read's ciphertext: a TLS record is at most 16 KB + overhead. */
#define READ_BUF (16384 + 512)
/* Plaintext encrypted per queued write of a response. */
#define SEND_CHUNK (64u * 1024)

struct bk_edge_vtls {
    SSL *ssl;
    BIO *in, *out; /* owned by ssl */
    int ready;     /* handshake done */
    /* The response being sent: up to two parts (head, body). */
    const uint8_t *part[2];
    size_t part_n[2];
    unsigned nparts, cur;
    size_t off;
    uv_write_cb done;
};

static __thread uint8_t read_buf[READ_BUF];

/* The last queued OpenSSL reason ("wrong version number"), or 'dflt';
 * clears the queue. */
static const char *ssl_reason(const char *dflt)
{
    unsigned long e = ERR_peek_last_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    ERR_clear_error();
    return r ? r : dflt;
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

int bk_edge__vtls_new(bk_edge_conn_t *c, void *ctx)
{
    bk_edge_vtls_t *t = bk_calloc(1, sizeof(*t));
    if (t == NULL)
        return BK_ERR;
    ERR_clear_error();
    t->ssl = SSL_new(ctx);
    t->in = BIO_new(BIO_s_mem());
    t->out = BIO_new(BIO_s_mem());
    if (t->ssl == NULL || t->in == NULL || t->out == NULL) {
        bk_log_warn("viewer %s: TLS setup: %s", c->peer_ip,
                    ssl_reason("out of memory"));
        BIO_free(t->in);
        BIO_free(t->out);
        SSL_free(t->ssl);
        bk_free(t);
        return BK_ERR;
    }
    /* An empty 'in' means "wait for more", not end of stream. */
    BIO_set_mem_eof_return(t->in, -1);
    BIO_set_mem_eof_return(t->out, -1);
    SSL_set_bio(t->ssl, t->in, t->out);
    SSL_set_accept_state(t->ssl);
    c->tls = t;
    return BK_OK;
}

void bk_edge__vtls_free(bk_edge_conn_t *c)
{
    bk_edge_vtls_t *t = c->tls;
    if (t == NULL)
        return;
    SSL_free(t->ssl); /* frees the BIOs */
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
    SSL *ssl = c->tls->ssl;
    x->tls_version = SSL_get_version(ssl);
    x->tls_cipher = SSL_get_cipher_name(ssl);
    x->tls_handshake = c->nexch > 1           ? "connectionReused"
                       : SSL_session_reused(ssl) ? "sessionResumed"
                                                 : "fullHandshake";
}

/* ---- moving ciphertext ---------------------------------------------------- */

enum { W_PLAIN, W_MORE, W_LAST };

typedef struct {
    uv_write_t req;
    bk_edge_conn_t *c;
    int kind;
    uint8_t data[];
} twrite_t;

static int send_more(bk_edge_conn_t *c);

static void on_twrite(uv_write_t *w, int status)
{
    twrite_t *tw = w->data;
    bk_edge_conn_t *c = tw->c;
    int kind = tw->kind;
    bk_free(tw);
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

/* Writes what OpenSSL queued in 'out' as one write of 'kind'. BK_ERR: not
 * written (out of memory or the stream is closing). */
static int flush(bk_edge_conn_t *c, int kind)
{
    bk_edge_vtls_t *t = c->tls;
    size_t n = BIO_ctrl_pending(t->out);
    if (n == 0 && kind == W_PLAIN)
        return BK_OK;
    twrite_t *tw = bk_malloc(sizeof(*tw) + n);
    if (tw == NULL)
        return BK_ERR;
    int got = n ? BIO_read(t->out, tw->data, (int)n) : 0;
    BK_ASSERT(got == (int)n);
    tw->c = c;
    tw->kind = kind;
    tw->req.data = tw;
    uv_buf_t b = uv_buf_init((char *)tw->data, (unsigned)n);
    if (uv_write(&tw->req, (uv_stream_t *)&c->tcp, &b, 1, on_twrite) != 0) {
        bk_free(tw);
        return BK_ERR;
    }
    return BK_OK;
}

/* Encrypts the next SEND_CHUNK bytes of the response and queues them. */
static int send_more(bk_edge_conn_t *c)
{
    bk_edge_vtls_t *t = c->tls;
    size_t budget = t->done ? SEND_CHUNK : SIZE_MAX;
    while (budget > 0 && t->cur < t->nparts) {
        size_t left = t->part_n[t->cur] - t->off;
        size_t take = left < budget ? left : budget;
        if (take > (1u << 30))
            take = 1u << 30;
        if (take > 0) {
            ERR_clear_error();
            /* Memory BIOs take everything: a write is whole or fails. */
            int r = SSL_write(t->ssl, t->part[t->cur] + t->off, (int)take);
            if (r <= 0) {
                bk_log_info("viewer %s: TLS write: %s", c->peer_ip,
                            ssl_reason("failed"));
                return BK_ERR;
            }
            t->off += (size_t)r;
            budget -= (size_t)r;
        }
        if (t->off == t->part_n[t->cur]) {
            t->cur++;
            t->off = 0;
        }
    }
    if (t->done == NULL)
        return flush(c, W_PLAIN);
    return flush(c, t->cur == t->nparts ? W_LAST : W_MORE);
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
    (void)SSL_shutdown(t->ssl);
    ERR_clear_error();
    (void)flush(c, W_PLAIN);
}

/* ---- reading ---------------------------------------------------------------- */

/* Advances the handshake. 1: done; 0: wants more; -1: failed (logged). */
static int handshake(bk_edge_conn_t *c)
{
    bk_edge_vtls_t *t = c->tls;
    ERR_clear_error();
    int r = SSL_do_handshake(t->ssl);
    int e = r == 1 ? SSL_ERROR_NONE : SSL_get_error(t->ssl, r);
    /* The next flight, or the alert telling the viewer why we stop. */
    if (flush(c, W_PLAIN) != BK_OK && e == SSL_ERROR_NONE)
        return -1;
    if (r == 1) {
        t->ready = 1;
        return 1;
    }
    if (e == SSL_ERROR_WANT_READ)
        return 0;
    bk_log_info("viewer %s: TLS handshake failed: %s", c->peer_ip,
                ssl_reason(e == SSL_ERROR_SYSCALL ? "connection error"
                                                  : "protocol error"));
    return -1;
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
    if (BIO_write(t->in, read_buf, (int)nread) != (int)nread)
        return UV_ENOMEM;
    if (!t->ready) {
        int h = handshake(c);
        if (h < 0)
            return UV_EPROTO;
        if (h == 0)
            return 0;
    }
    ssize_t total = 0;
    for (;;) {
        if (bk_buf_reserve(&c->rbuf, 16384) != BK_OK)
            return UV_ENOBUFS;
        size_t room = c->rbuf.cap - c->rbuf.n;
        ERR_clear_error();
        int r = SSL_read(t->ssl, c->rbuf.p + c->rbuf.n,
                         room > INT32_MAX ? INT32_MAX : (int)room);
        if (r > 0) {
            c->rbuf.n += (size_t)r;
            total += r;
            continue;
        }
        int e = SSL_get_error(t->ssl, r);
        (void)flush(c, W_PLAIN); /* e.g. a KeyUpdate answer */
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
