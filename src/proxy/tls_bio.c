/*
 * tls_bio.c: OpenSSL over memory BIOs on a libuv stream, for both TLS sides
 * (see tls_bio.h). Invariant: OpenSSL never blocks and never sees the
 * socket; every byte it queues in 'out' is in a write request before the
 * call that produced it returns, so records leave in order.
 */
#include <openssl/err.h>
#include <stdio.h>

#include "core/arena.h"
#include "proxy/tls_bio.h"

/* One flushed piece of ciphertext; freed when libuv is done with it. */
typedef struct {
    uv_write_t req;
    bk_tls_sent_cb sent;
    void *owner;
    int kind;
    uint8_t data[];
} twrite_t;

int bk_tls_init(bk_tls_t *t, SSL_CTX *ctx, uv_stream_t *stream,
                bk_tls_sent_cb sent, void *owner)
{
    ERR_clear_error();
    t->ssl = SSL_new(ctx);
    t->in = BIO_new(BIO_s_mem());
    t->out = BIO_new(BIO_s_mem());
    t->stream = stream;
    t->sent = sent;
    t->owner = owner;
    if (t->ssl == NULL || t->in == NULL || t->out == NULL) {
        BIO_free(t->in);
        BIO_free(t->out);
        SSL_free(t->ssl);
        t->ssl = NULL;
        t->in = t->out = NULL;
        return BK_ERR;
    }
    /* An empty 'in' means "wait for more", not end of stream. */
    BIO_set_mem_eof_return(t->in, -1);
    BIO_set_mem_eof_return(t->out, -1);
    SSL_set_bio(t->ssl, t->in, t->out);
    return BK_OK;
}

void bk_tls_free(bk_tls_t *t)
{
    SSL_free(t->ssl); /* frees the BIOs; NULL is fine */
    t->ssl = NULL;
    t->in = t->out = NULL;
}

const char *bk_tls_reason(char *buf, size_t n, const char *dflt)
{
    unsigned long e = ERR_peek_last_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    if (e != 0 && r == NULL && buf != NULL) {
        ERR_error_string_n(e, buf, n);
        r = buf;
    }
    ERR_clear_error();
    return r ? r : dflt;
}

int bk_tls_feed(bk_tls_t *t, const uint8_t *p, size_t n)
{
    if (n > INT32_MAX || BIO_write(t->in, p, (int)n) != (int)n)
        return BK_ERR;
    return BK_OK;
}

/* ---- moving ciphertext out ---------------------------------------------- */

static void on_twrite(uv_write_t *w, int status)
{
    twrite_t *tw = w->data;
    bk_tls_sent_cb sent = tw->sent;
    void *owner = tw->owner;
    int kind = tw->kind;
    bk_free(tw);
    /* The owner outlives its writes: after a close they finish
     * (UV_ECANCELED) before the stream's close callback. */
    sent(owner, kind, status);
}

int bk_tls_flush(bk_tls_t *t, int kind)
{
    size_t n = BIO_ctrl_pending(t->out);
    if (n == 0 && kind == 0)
        return BK_OK;
    twrite_t *tw = bk_malloc(sizeof(*tw) + n);
    if (tw == NULL)
        return BK_ERR;
    int got = n ? BIO_read(t->out, tw->data, (int)n) : 0;
    BK_ASSERT(got == (int)n);
    tw->sent = t->sent;
    tw->owner = t->owner;
    tw->kind = kind;
    tw->req.data = tw;
    uv_buf_t b = uv_buf_init((char *)tw->data, (unsigned)n);
    if (uv_write(&tw->req, t->stream, &b, 1, on_twrite) != 0) {
        bk_free(tw);
        return BK_ERR;
    }
    return BK_OK;
}

int bk_tls_handshake(bk_tls_t *t, int *err)
{
    ERR_clear_error();
    int r = SSL_do_handshake(t->ssl);
    int e = r == 1 ? SSL_ERROR_NONE : SSL_get_error(t->ssl, r);
    /* The next flight, or the alert telling the peer why we stop. */
    if (bk_tls_flush(t, 0) != BK_OK && e == SSL_ERROR_NONE) {
        *err = SSL_ERROR_NONE;
        return BK_ERR;
    }
    if (r == 1)
        return BK_OK;
    if (e == SSL_ERROR_WANT_READ)
        return BK_AGAIN;
    *err = e;
    return BK_ERR;
}

/* ---- plaintext ------------------------------------------------------------ */

int bk_tls_write(bk_tls_t *t, const uint8_t *p, size_t n)
{
    while (n > 0) {
        int chunk = n > (1u << 30) ? 1 << 30 : (int)n;
        ERR_clear_error();
        int r = SSL_write(t->ssl, p, chunk);
        if (r <= 0)
            return BK_ERR;
        p += r;
        n -= (size_t)r;
    }
    return BK_OK;
}

int bk_tls_read(bk_tls_t *t, uint8_t *p, size_t room, int *err)
{
    ERR_clear_error();
    int r = SSL_read(t->ssl, p, room > INT32_MAX ? INT32_MAX : (int)room);
    if (r > 0)
        return r;
    *err = SSL_get_error(t->ssl, r);
    (void)bk_tls_flush(t, 0); /* e.g. a KeyUpdate answer */
    return 0;
}
