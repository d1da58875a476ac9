/*
 * tls.c: HTTPS to origins. OpenSSL runs over memory BIOs (tls_bio.c, shared
 * with the viewer side), so it never touches a socket and never blocks:
 * every call returns at once, WANT_READ meaning "wait for the next read
 * callback".
 *
 * One client SSL_CTX per CA file for the whole process (shared by the
 * workers' pools; SSL_CTX is thread-safe once set up), verification against
 * the system store or Brink.OriginCaFile, hostname check and SNI with the
 * origin's DomainName, TLS 1.2 at least. Each pool keeps the last session
 * per origin so that a new connection resumes it (an abbreviated
 * handshake). A connection's TLS state (SSL object, BIOs, read buffer) is
 * freed with the connection.
 */
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxy/proxy_int.h"
#include "proxy/tls_bio.h"

struct bk_proxy__tls {
    bk_tls_t tls;
    uint8_t rbuf[BK_TLS_READ_BUF]; /* ciphertext libuv reads */
};

/* Sessions kept per pool (one per origin key, oldest replaced). */
#define SESS_SLOTS 16

struct bk_proxy__tls_pool {
    SSL_CTX *ctx;  /* one reference */
    char *ca_file; /* what ctx was made for; NULL: system store */
    struct {
        char key[288];
        SSL_SESSION *s;
    } sess[SESS_SLOTS];
    unsigned sess_next;
};

/* ---- the process-wide contexts ------------------------------------------ */

#define CTX_SLOTS 8

static pthread_mutex_t ctx_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    char *ca_file; /* NULL: system store */
    SSL_CTX *ctx;
    int used;
} ctxs[CTX_SLOTS];
static unsigned ctx_next;

static int same_ca(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The last queued OpenSSL error in words ('dflt' when there is none),
 * after 'prefix'; clears the queue. */
static void ssl_why(char *why, size_t n, const char *prefix,
                    const char *dflt)
{
    char buf[120];
    snprintf(why, n, "%s%s", prefix, bk_tls_reason(buf, sizeof(buf), dflt));
}

static int on_new_session(SSL *ssl, SSL_SESSION *s);

static SSL_CTX *ctx_make(const char *ca_file, char *why, size_t n)
{
    ERR_clear_error();
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL) {
        ssl_why(why, n, "TLS setup: ", "out of memory");
        return NULL;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    /* Idle pooled connections give their record buffers back. */
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    int ok = ca_file ? SSL_CTX_load_verify_locations(ctx, ca_file, NULL)
                     : SSL_CTX_set_default_verify_paths(ctx);
    if (ok != 1) {
        char pre[200];
        snprintf(pre, sizeof(pre), "cannot load CA file %s: ",
                 ca_file ? ca_file : "(system store)");
        ssl_why(why, n, pre, "no certificates");
        SSL_CTX_free(ctx);
        return NULL;
    }
    /* Sessions are kept by the pools, not in the shared context. */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT |
                                            SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, on_new_session);
    return ctx;
}

/* A new reference to the shared context for ca_file. */
static SSL_CTX *ctx_get(const char *ca_file, char *why, size_t n)
{
    SSL_CTX *ctx = NULL;
    pthread_mutex_lock(&ctx_lock);
    for (unsigned i = 0; i < CTX_SLOTS; i++)
        if (ctxs[i].used && same_ca(ctxs[i].ca_file, ca_file)) {
            ctx = ctxs[i].ctx;
            break;
        }
    if (ctx == NULL) {
        char *copy = ca_file ? strdup(ca_file) : NULL;
        if (ca_file != NULL && copy == NULL) {
            snprintf(why, n, "TLS setup: out of memory");
            goto out;
        }
        ctx = ctx_make(ca_file, why, n);
        if (ctx == NULL) {
            free(copy);
            goto out;
        }
        /* Replace the oldest slot: pools and connections holding it keep
         * their own references. */
        unsigned i = ctx_next++ % CTX_SLOTS;
        if (ctxs[i].used) {
            SSL_CTX_free(ctxs[i].ctx);
            free(ctxs[i].ca_file);
        }
        ctxs[i].ca_file = copy;
        ctxs[i].ctx = ctx;
        ctxs[i].used = 1;
    }
    SSL_CTX_up_ref(ctx);
out:
    pthread_mutex_unlock(&ctx_lock);
    return ctx;
}

void *bk_proxy__tls_ctx(bk_proxy_pool_t *p, const char *ca_file, char *why,
                        size_t whylen)
{
    bk_proxy__tls_pool_t *tp = p->tls;
    if (tp == NULL) {
        tp = bk_calloc(1, sizeof(*tp));
        if (tp == NULL) {
            snprintf(why, whylen, "TLS setup: out of memory");
            return NULL;
        }
        p->tls = tp;
    }
    if (tp->ctx != NULL && same_ca(tp->ca_file, ca_file))
        return tp->ctx;
    char *copy = NULL;
    if (ca_file != NULL) {
        size_t n = strlen(ca_file) + 1;
        copy = bk_malloc(n);
        if (copy == NULL) {
            snprintf(why, whylen, "TLS setup: out of memory");
            return NULL;
        }
        memcpy(copy, ca_file, n);
    }
    SSL_CTX *ctx = ctx_get(ca_file, why, whylen);
    if (ctx == NULL) {
        bk_free(copy);
        return NULL;
    }
    SSL_CTX_free(tp->ctx); /* NULL is fine */
    bk_free(tp->ca_file);
    tp->ctx = ctx;
    tp->ca_file = copy;
    return ctx;
}

void bk_proxy__tls_pool_free(bk_proxy_pool_t *p)
{
    bk_proxy__tls_pool_t *tp = p->tls;
    if (tp == NULL)
        return;
    for (unsigned i = 0; i < SESS_SLOTS; i++)
        SSL_SESSION_free(tp->sess[i].s);
    SSL_CTX_free(tp->ctx);
    bk_free(tp->ca_file);
    bk_free(tp);
    p->tls = NULL;
}

/* ---- sessions --------------------------------------------------------------- */

/* OpenSSL hands over a session (TLS 1.3: a ticket after the handshake);
 * returning 1 keeps its reference. Runs on the thread of the connection,
 * so only that connection's pool is touched. */
static int on_new_session(SSL *ssl, SSL_SESSION *s)
{
    bk_proxy_conn_t *c = SSL_get_app_data(ssl);
    if (c == NULL || c->pool->tls == NULL)
        return 0;
    bk_proxy__tls_pool_t *tp = c->pool->tls;
    unsigned slot = SESS_SLOTS;
    for (unsigned i = 0; i < SESS_SLOTS; i++)
        if (tp->sess[i].s != NULL && strcmp(tp->sess[i].key, c->key) == 0)
            slot = i;
    if (slot == SESS_SLOTS)
        slot = tp->sess_next++ % SESS_SLOTS;
    SSL_SESSION_free(tp->sess[slot].s);
    snprintf(tp->sess[slot].key, sizeof(tp->sess[slot].key), "%s", c->key);
    tp->sess[slot].s = s;
    return 1;
}

static SSL_SESSION *session_for(bk_proxy_pool_t *p, const char *key)
{
    bk_proxy__tls_pool_t *tp = p->tls;
    for (unsigned i = 0; tp != NULL && i < SESS_SLOTS; i++)
        if (tp->sess[i].s != NULL && strcmp(tp->sess[i].key, key) == 0)
            return tp->sess[i].s;
    return NULL;
}

/* ---- a connection ------------------------------------------------------------ */

static int version_range(unsigned v, int *min, int *max)
{
    if (v == 0)
        v = BK_PROXY_TLS_V1_2 | BK_PROXY_TLS_V1_3;
    /* Below TLS 1.2 is never offered (see proxy.h). */
    v &= BK_PROXY_TLS_V1_2 | BK_PROXY_TLS_V1_3;
    if (v == 0)
        return BK_ERR;
    *min = (v & BK_PROXY_TLS_V1_2) ? TLS1_2_VERSION : TLS1_3_VERSION;
    *max = (v & BK_PROXY_TLS_V1_3) ? TLS1_3_VERSION : TLS1_2_VERSION;
    return BK_OK;
}

static void on_sent(void *owner, int kind, int status);

int bk_proxy__tls_new(bk_proxy_conn_t *c, bk_proxy_fetch_t *f)
{
    int min, max;
    if (version_range(f->tls_versions, &min, &max) != BK_OK) {
        snprintf(f->error, sizeof(f->error),
                 "OriginSslProtocols allows no version brink offers "
                 "(TLSv1.2 or later)");
        return BK_ERR;
    }
    bk_proxy__tls_t *t = bk_malloc(sizeof(*t));
    if (t == NULL) {
        snprintf(f->error, sizeof(f->error), "TLS setup: out of memory");
        return BK_ERR;
    }
    if (bk_tls_init(&t->tls, f->_tls_ctx, (uv_stream_t *)&c->tcp, on_sent,
                    c) != BK_OK) {
        ssl_why(f->error, sizeof(f->error), "TLS setup: ", "out of memory");
        bk_free(t);
        return BK_ERR;
    }
    SSL *ssl = t->tls.ssl;
    SSL_set_app_data(ssl, c);
    SSL_set_connect_state(ssl);
    SSL_set_min_proto_version(ssl, min);
    SSL_set_max_proto_version(ssl, max);

    /* The certificate must name the origin; an IP literal is checked
     * against the certificate's IP addresses and sent without SNI (RFC 6066
     * allows host names only). */
    unsigned char ip[16];
    int literal = inet_pton(AF_INET, f->host, ip) == 1 ||
                  inet_pton(AF_INET6, f->host, ip) == 1;
    int ok = literal ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl),
                                                     f->host)
                     : SSL_set1_host(ssl, f->host) == 1 &&
                           SSL_set_tlsext_host_name(ssl, f->host) == 1;
    SSL_SESSION *s = session_for(c->pool, c->key);
    if (ok && s != NULL)
        ok = SSL_set_session(ssl, s);
    if (!ok) {
        ssl_why(f->error, sizeof(f->error), "TLS setup: ", "bad host name");
        bk_tls_free(&t->tls);
        bk_free(t);
        return BK_ERR;
    }
    c->tls = t;
    return BK_OK;
}

void bk_proxy__tls_free(bk_proxy_conn_t *c)
{
    if (c->tls == NULL)
        return;
    /* Without this, SSL_free marks the session of a connection closed
     * without close_notify as not resumable, and the pool's cached copy is
     * that very session. XXX: no close_notify is sent; origins see a plain
     * TCP close, as with most HTTP clients. */
    SSL_set_shutdown(c->tls->tls.ssl,
                     SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    bk_tls_free(&c->tls->tls);
    bk_free(c->tls);
    c->tls = NULL;
}

void bk_proxy__tls_alloc(bk_proxy_conn_t *c, uv_buf_t *buf)
{
    buf->base = (char *)c->tls->rbuf;
    buf->len = sizeof(c->tls->rbuf);
}

/* ---- moving ciphertext ------------------------------------------------------- */

/* A ciphertext write finished. After a close it still runs
 * (UV_ECANCELED), before the connection is freed. */
static void on_sent(void *owner, int kind, int status)
{
    bk_proxy_conn_t *c = owner;
    (void)kind; /* always 0: nothing waits for a particular write */
    if (status < 0 && c->state != C_CLOSING && c->f != NULL)
        bk_proxy__fail(c->f, BK_PROXY_COMM);
}

/* Reports a failed handshake with OpenSSL's reason (a verification
 * failure names the certificate problem). */
static void handshake_failed(bk_proxy_conn_t *c, const char *dflt)
{
    bk_proxy_fetch_t *f = c->f;
    long vr = SSL_get_verify_result(c->tls->tls.ssl);
    if (vr != X509_V_OK) {
        snprintf(f->error, sizeof(f->error), "TLS: certificate verify failed: %s",
                 X509_verify_cert_error_string(vr));
        ERR_clear_error();
    } else {
        ssl_why(f->error, sizeof(f->error), "TLS: ", dflt);
    }
    bk_proxy__fail(f, BK_PROXY_TLS);
}

/* Advances the handshake. 1: done; 0: wants more input; -1: failed and
 * reported. */
static int handshake(bk_proxy_conn_t *c)
{
    int e;
    int h = bk_tls_handshake(&c->tls->tls, &e);
    if (h == BK_OK) {
        c->f->tls_resumed = (unsigned)SSL_session_reused(c->tls->tls.ssl);
        return 1;
    }
    if (h == BK_AGAIN)
        return 0;
    if (e == SSL_ERROR_NONE) /* its last flight could not be queued */
        bk_proxy__fail(c->f, BK_PROXY_COMM);
    else
        handshake_failed(c, "handshake failed");
    return -1;
}

void bk_proxy__tls_handshake(bk_proxy_conn_t *c)
{
    c->state = C_HANDSHAKE;
    /* A client's first call only sends the ClientHello. */
    if (handshake(c) == 1)
        bk_proxy__send_request(c);
}

/* Decrypts what 'in' holds into the response buffer while a fetch wants
 * it; on an idle connection only protocol messages (session tickets) may
 * arrive: application data or a close makes it unusable. */
static void decrypt(bk_proxy_conn_t *c)
{
    for (;;) {
        bk_tls_t *t = &c->tls->tls;
        int r, e;
        if (c->state == C_HEAD || c->state == C_BODY) {
            if (bk_buf_reserve(&c->rbuf, 16384) != BK_OK) {
                bk_proxy__fail(c->f, BK_PROXY_NOMEM);
                return;
            }
            r = bk_tls_read(t, c->rbuf.p + c->rbuf.n, c->rbuf.cap - c->rbuf.n,
                            &e);
            if (r > 0) {
                bk_proxy__data(c, (size_t)r);
                if (c->state == C_CLOSING)
                    return;
                continue;
            }
        } else if (c->state == C_IDLE) {
            uint8_t b[1];
            r = bk_tls_read(t, b, 1, &e);
            if (r > 0) {
                bk_proxy__conn_close(c);
                return;
            }
        } else {
            return;
        }
        if (e == SSL_ERROR_WANT_READ)
            return;
        ERR_clear_error();
        /* close_notify or a protocol error */
        if (c->state == C_IDLE) {
            bk_proxy__conn_close(c);
            return;
        }
        bk_proxy__eof(c, e == SSL_ERROR_ZERO_RETURN ? UV_EOF : UV_EPROTO);
        return;
    }
}

void bk_proxy__tls_read(bk_proxy_conn_t *c, ssize_t nread)
{
    if (c->state == C_CLOSING)
        return;
    if (nread == 0)
        return;
    if (nread < 0) {
        if (c->state == C_IDLE) {
            bk_proxy__conn_close(c);
        } else if (c->state == C_HANDSHAKE) {
            if (c->f != NULL)
                handshake_failed(c, nread == UV_EOF
                                        ? "the origin closed the connection "
                                          "during the handshake"
                                        : uv_strerror((int)nread));
        } else if (c->f != NULL) {
            bk_proxy__eof(c, nread);
        }
        return;
    }
    if (c->state != C_IDLE && c->f == NULL)
        return;
    if (bk_tls_feed(&c->tls->tls, c->tls->rbuf, (size_t)nread) != BK_OK) {
        if (c->f != NULL)
            bk_proxy__fail(c->f, BK_PROXY_NOMEM);
        else
            bk_proxy__conn_close(c);
        return;
    }
    if (c->state == C_HANDSHAKE) {
        int h = handshake(c);
        if (h <= 0)
            return;
        bk_proxy__send_request(c);
        if (c->state == C_CLOSING)
            return;
    }
    decrypt(c);
}

int bk_proxy__tls_send(bk_proxy_conn_t *c, bk_str_t head, bk_str_t body)
{
    if (bk_tls_write(&c->tls->tls, head.p, head.n) != BK_OK ||
        bk_tls_write(&c->tls->tls, body.p, body.n) != BK_OK) {
        ssl_why(c->f->error, sizeof(c->f->error), "TLS: ", "write failed");
        return BK_ERR;
    }
    return bk_tls_flush(&c->tls->tls, 0);
}
