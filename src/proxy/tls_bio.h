/*
 * tls_bio.h: OpenSSL over two memory BIOs on a libuv stream, the engine
 * both TLS sides share: origins (src/proxy/tls.c, client) and viewers
 * (src/edge/tls_viewer.c, server). Ciphertext libuv read is fed into 'in';
 * what OpenSSL queues in 'out' is copied into heap write requests at once,
 * so bytes leave in the order OpenSSL produced them and OpenSSL never
 * touches a socket or blocks (WANT_READ means "wait for the next read").
 *
 * Who calls what: the caller owns the SSL_CTX, the read buffer, the
 * connection states and every message; this file only moves bytes and
 * turns OpenSSL's error queue into words.
 */
#ifndef BK_PROXY_TLS_BIO_H
#define BK_PROXY_TLS_BIO_H

#include <openssl/ssl.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#include "core/defs.h"

/* Ciphertext read buffer: one TLS record is at most 16 KB + overhead. */
#define BK_TLS_READ_BUF (16384 + 512)

/* A flushed write finished: 'kind' is what bk_tls_flush() was given,
 * 'status' libuv's (UV_ECANCELED after the stream was closed). */
typedef void (*bk_tls_sent_cb)(void *owner, int kind, int status);

typedef struct bk_tls {
    SSL *ssl;             /* NULL until bk_tls_init() succeeds */
    BIO *in, *out;        /* owned by ssl */
    uv_stream_t *stream;  /* where ciphertext goes */
    bk_tls_sent_cb sent;  /* called for every flushed write */
    void *owner;          /* the connection, for 'sent' */
} bk_tls_t;

/* Makes the SSL object for 'ctx' over a fresh memory BIO pair; the caller
 * then sets the connect or accept state. BK_ERR: nothing is left to free
 * and OpenSSL's reason is queued (see bk_tls_reason). */
BK_MUST_CHECK int bk_tls_init(bk_tls_t *t, SSL_CTX *ctx, uv_stream_t *stream,
                              bk_tls_sent_cb sent, void *owner);

/* Frees the SSL object and its BIOs (a never-initialised 't' is fine).
 * Writes already queued keep their own copies. */
void bk_tls_free(bk_tls_t *t);

/* The last queued OpenSSL error in words, or 'dflt' when the queue is
 * empty; clears the queue. The reason alone ("wrong version number"); an
 * error without a reason string is written whole ("error:0A00010B:...")
 * into 'buf' when one is given, else is 'dflt'. */
const char *bk_tls_reason(char *buf, size_t n, const char *dflt);

/* Hands 'n' ciphertext bytes libuv read to OpenSSL. BK_ERR: out of
 * memory. */
BK_MUST_CHECK int bk_tls_feed(bk_tls_t *t, const uint8_t *p, size_t n);

/* Queues what OpenSSL wrote to 'out' as one write on the stream whose
 * completion calls t->sent with 'kind'. Kind 0 is "plain": with nothing
 * pending nothing is written (and 'sent' is not called); any other kind
 * always writes, even zero bytes, so its callback comes. BK_ERR: not
 * queued (out of memory or the stream is closing). */
int bk_tls_flush(bk_tls_t *t, int kind);

/* Advances the handshake and flushes (kind 0) what it produced: the next
 * flight, or the alert telling the peer why we stop. BK_OK: done;
 * BK_AGAIN: wants more ciphertext; BK_ERR: failed, *err is OpenSSL's
 * SSL_ERROR_* (SSL_ERROR_NONE: the handshake finished but its last flight
 * could not be queued) and its reason is still queued. */
BK_MUST_CHECK int bk_tls_handshake(bk_tls_t *t, int *err);

/* Encrypts all 'n' bytes into 'out' (a memory BIO takes everything, so a
 * write is whole or fails); bk_tls_flush() sends them. BK_ERR: OpenSSL's
 * reason is queued. */
BK_MUST_CHECK int bk_tls_write(bk_tls_t *t, const uint8_t *p, size_t n);

/* Decrypts up to 'room' bytes (capped at INT32_MAX) into 'p'. >0: that
 * many bytes; 0: none, and *err says why (SSL_ERROR_WANT_READ: wait for
 * more ciphertext; SSL_ERROR_ZERO_RETURN: close_notify; else a failure
 * whose reason is queued), after flushing (kind 0) anything OpenSSL
 * wanted to answer (a KeyUpdate). */
BK_MUST_CHECK int bk_tls_read(bk_tls_t *t, uint8_t *p, size_t room,
                              int *err);

#endif
