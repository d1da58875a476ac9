/*
 * upstream.c: origin connections, their pool and the fetch state machine.
 *
 * A connection belongs to the pool while idle and to exactly one fetch while
 * busy. Its libuv handles (tcp, timer) are closed together and the struct is
 * freed when both close callbacks have run. A pooled connection that fails
 * before the origin sent a byte is retried once on a fresh connection
 * without counting as an attempt: the origin may have closed it while idle
 * (the usual keep-alive race).
 *
 * HTTPS connections are the same state machine with TLS in between
 * (tls.c): after the TCP connect comes C_HANDSHAKE, and reads and writes go
 * through OpenSSL. The plain path only tests c->tls. A pooled connection is
 * reused only for the same host, port, scheme and TLS settings (c->key and
 * c->tls_ctx).
 */
#include "proxy/proxy_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uv_getaddrinfo_t req;
    bk_proxy_fetch_t *f; /* NULL: cancelled */
} dns_req_t;

const char *bk_proxy_result_str(bk_proxy_result_t r)
{
    switch (r) {
#define BK__PROXY_CASE(name, text)                                            \
    case BK_PROXY_##name:                                                     \
        return text;
        BK_PROXY_RESULT_MAP(BK__PROXY_CASE)
#undef BK__PROXY_CASE
    }
    return "OriginError";
}

bk_proxy_pool_t *bk_proxy_pool_new(uv_loop_t *loop)
{
    bk_proxy_pool_t *p = bk_calloc(1, sizeof(*p));
    if (p != NULL)
        p->loop = loop;
    return p;
}

size_t bk_proxy_pool_idle(const bk_proxy_pool_t *p) { return p->nidle; }

static void conn_close(bk_proxy_conn_t *c);
static void fail(bk_proxy_fetch_t *f, bk_proxy_result_t r);
static void attempt(bk_proxy_fetch_t *f, const struct sockaddr *sa);
static void resolve(bk_proxy_fetch_t *f);

static void maybe_free_pool(bk_proxy_pool_t *p)
{
    if (p->closing && p->nconns == 0) {
        bk_proxy__tls_pool_free(p);
        bk_free(p);
    }
}

void bk_proxy_pool_close(bk_proxy_pool_t *p)
{
    p->closing = 1;
    while (p->idle != NULL)
        conn_close(p->idle);
    maybe_free_pool(p);
}

/* ---- idle list ---------------------------------------------------------- */

static void idle_remove(bk_proxy_conn_t *c)
{
    if (c->prev)
        c->prev->next = c->next;
    else
        c->pool->idle = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->next = c->prev = NULL;
    c->pool->nidle--;
}

static void idle_add(bk_proxy_conn_t *c)
{
    c->prev = NULL;
    c->next = c->pool->idle;
    if (c->next)
        c->next->prev = c;
    c->pool->idle = c;
    c->pool->nidle++;
}

/* ---- connection teardown ------------------------------------------------ */

static void on_handle_closed(uv_handle_t *h)
{
    bk_proxy_conn_t *c = h->data;
    if (--c->handles_open > 0)
        return;
    bk_proxy_pool_t *p = c->pool;
    bk_buf_free(&c->rbuf);
    bk_proxy__tls_free(c);
    bk_free(c);
    p->nconns--;
    maybe_free_pool(p);
}

void bk_proxy__conn_close(bk_proxy_conn_t *c) { conn_close(c); }

static void conn_close(bk_proxy_conn_t *c)
{
    if (c->state == C_CLOSING)
        return;
    if (c->state == C_IDLE)
        idle_remove(c);
    c->state = C_CLOSING;
    c->f = NULL;
    uv_close((uv_handle_t *)&c->timer, on_handle_closed);
    uv_close((uv_handle_t *)&c->tcp, on_handle_closed);
}

/* ---- finishing a fetch -------------------------------------------------- */

static void on_timer_conn(uv_timer_t *t);

static void free_handle(uv_handle_t *h) { bk_free(h); }

static void send_request(bk_proxy_conn_t *c);

/* Detaches f from its connection (pooling or closing it) and reports. */
static void finish(bk_proxy_fetch_t *f, bk_proxy_result_t r, int reusable)
{
    bk_proxy_conn_t *c = f->_conn;
    f->_conn = NULL;
    f->_active = 0;
    f->result = r;
    if (c != NULL) {
        c->f = NULL;
        if (reusable && !c->pool->closing) {
            c->state = C_IDLE;
            bk_buf_clear(&c->rbuf);
            idle_add(c);
            uv_timer_start(&c->timer, on_timer_conn,
                           f->keepalive_ms ? f->keepalive_ms : 5000, 0);
        } else {
            conn_close(c);
        }
    }
    f->done(f);
}

void bk_proxy__fail(bk_proxy_fetch_t *f, bk_proxy_result_t r) { fail(f, r); }

/* Failure on a connection: retry when allowed, else report. */
static void fail(bk_proxy_fetch_t *f, bk_proxy_result_t r)
{
    bk_proxy_conn_t *c = f->_conn;
    int retry = 0;
    if (c != NULL && !c->got_bytes) {
        if (c->reused)
            retry = 1; /* stale pooled connection: not an attempt */
        else if ((r == BK_PROXY_CONNECT || r == BK_PROXY_CONNECT_TIMEOUT) &&
                 f->_tries < (f->attempts ? f->attempts : 1))
            retry = 1;
    }
    if (!retry) {
        finish(f, r, 0);
        return;
    }
    struct sockaddr_storage sa;
    int len = sizeof(sa);
    int have = uv_tcp_getpeername(&c->tcp, (struct sockaddr *)&sa, &len) == 0;
    f->_conn = NULL;
    conn_close(c);
    if (have)
        attempt(f, (struct sockaddr *)&sa);
    else
        resolve(f);
}

static void on_timer_conn(uv_timer_t *t)
{
    bk_proxy_conn_t *c = t->data;
    if (c->state == C_IDLE) {
        conn_close(c);
        return;
    }
    bk_proxy_fetch_t *f = c->f;
    if (f == NULL) {
        conn_close(c);
        return;
    }
    if (c->state == C_HANDSHAKE)
        snprintf(f->error, sizeof(f->error), "TLS handshake timed out");
    fail(f, c->connect_failed == 2 ? BK_PROXY_TLS
            : c->connect_failed ? BK_PROXY_CONNECT
            : (c->state == C_CONNECTING || c->state == C_HANDSHAKE)
                ? BK_PROXY_CONNECT_TIMEOUT
                : BK_PROXY_READ_TIMEOUT);
}

/* ---- reading the response ----------------------------------------------- */

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
    bk_proxy_conn_t *c = h->data;
    (void)hint;
    if (c->tls != NULL) {
        bk_proxy__tls_alloc(c, buf);
        return;
    }
    if (bk_buf_reserve(&c->rbuf, 16384) != BK_OK) {
        buf->base = NULL;
        buf->len = 0;
        return;
    }
    buf->base = (char *)c->rbuf.p + c->rbuf.n;
    buf->len = c->rbuf.cap - c->rbuf.n;
}

/* Feeds body bytes; returns 1 when the body is complete, 0 for more, -1 on
 * an error already reported. '*extra' is set when bytes follow the body. */
static int body_feed(bk_proxy_conn_t *c, const uint8_t *p, size_t n,
                     int *extra)
{
    bk_proxy_fetch_t *f = c->f;
    *extra = 0;
    switch (c->resp.framing.body) {
    case BK_HTTP_BODY_NONE:
        *extra = n > 0;
        return 1;
    case BK_HTTP_BODY_CLOSE:
        if (bk_buf_append(&f->_body, p, n) != BK_OK) {
            fail(f, BK_PROXY_TOO_LARGE);
            return -1;
        }
        return 0;
    case BK_HTTP_BODY_LENGTH: {
        size_t used = 0;
        bk_str_t d = BK_STR_NULL;
        int rc = n ? bk_http_length_parse(&c->length, p, n, &used, &d)
                   : (c->length.left == 0 ? BK_DONE : BK_AGAIN);
        if (d.n && bk_buf_append(&f->_body, d.p, d.n) != BK_OK) {
            fail(f, BK_PROXY_TOO_LARGE);
            return -1;
        }
        if (rc == BK_DONE) {
            *extra = used < n;
            return 1;
        }
        return 0;
    }
    case BK_HTTP_BODY_CHUNKED:
        while (n > 0) {
            size_t used = 0;
            bk_str_t d = BK_STR_NULL;
            int rc = bk_http_chunked_parse(&c->chunked, p, n, &used, &d);
            if (rc == BK_ERR) {
                fail(f, BK_PROXY_GARBLED);
                return -1;
            }
            if (d.n && bk_buf_append(&f->_body, d.p, d.n) != BK_OK) {
                fail(f, BK_PROXY_TOO_LARGE);
                return -1;
            }
            p += used;
            n -= used;
            if (rc == BK_DONE) {
                *extra = n > 0;
                return 1;
            }
            if (rc == BK_AGAIN)
                break;
        }
        return 0;
    }
    return 0;
}

/* The head is complete in c->rbuf: copy it where slices stay valid. */
static int take_head(bk_proxy_conn_t *c)
{
    bk_proxy_fetch_t *f = c->f;
    size_t hl = c->resp.head_len;
    if (bk_buf_append(&f->_head, c->rbuf.p, hl) != BK_OK)
        return BK_ERR;
    const uint8_t *old = c->rbuf.p;
    const uint8_t *nw = f->_head.p;
#define REBASE(s) ((s).p = (s).p ? nw + ((s).p - old) : NULL)
    f->status = c->resp.code;
    f->reason_phrase = c->resp.reason_phrase;
    REBASE(f->reason_phrase);
    f->nheaders = c->resp.nheaders;
    for (size_t i = 0; i < f->nheaders; i++) {
        f->headers[i] = c->hdrs[i];
        REBASE(f->headers[i].name);
        REBASE(f->headers[i].value);
    }
#undef REBASE
    return BK_OK;
}

/* The stream ended or failed while c served f: a close-delimited body is
 * complete, anything else is a failure. */
void bk_proxy__eof(bk_proxy_conn_t *c, ssize_t err)
{
    bk_proxy_fetch_t *f = c->f;
    if (err == UV_EOF && c->state == C_BODY &&
        c->resp.framing.body == BK_HTTP_BODY_CLOSE) {
        f->resp_body = bk_buf_str(&f->_body);
        finish(f, BK_PROXY_OK, 0);
        return;
    }
    fail(f, err == UV_ENOBUFS ? BK_PROXY_NOMEM : BK_PROXY_COMM);
}

void bk_proxy__data(bk_proxy_conn_t *c, size_t nread)
{
    bk_proxy_fetch_t *f = c->f;
    if (!c->got_bytes) {
        c->got_bytes = 1;
        f->first_byte_ns = uv_hrtime();
    }
    uv_timer_again(&c->timer);
    size_t from = c->rbuf.n;
    c->rbuf.n += nread;
    const uint8_t *p;
    size_t n;
    if (c->state == C_HEAD) {
        int rc = bk_http_resp_parse(&c->resp, c->rbuf.p, c->rbuf.n);
        if (rc == BK_AGAIN)
            return;
        if (rc != BK_OK) {
            fail(f, BK_PROXY_GARBLED);
            return;
        }
        if (take_head(c) != BK_OK) {
            fail(f, BK_PROXY_NOMEM);
            return;
        }
        c->state = C_BODY;
        if (c->resp.framing.body == BK_HTTP_BODY_LENGTH) {
            if (c->resp.framing.content_length > f->_body.limit) {
                fail(f, BK_PROXY_TOO_LARGE);
                return;
            }
            bk_http_length_init(&c->length, c->resp.framing.content_length);
        } else if (c->resp.framing.body == BK_HTTP_BODY_CHUNKED) {
            bk_http_chunked_init(&c->chunked);
        }
        p = c->rbuf.p + c->resp.head_len;
        n = c->rbuf.n - c->resp.head_len;
    } else {
        p = c->rbuf.p + from;
        n = nread;
    }
    int extra = 0;
    int done = body_feed(c, p, n, &extra);
    /* Body bytes were copied out: the read buffer can start over. */
    if (c->state == C_BODY && c->f == f)
        bk_buf_clear(&c->rbuf);
    if (done <= 0)
        return;
    f->resp_body = bk_buf_str(&f->_body);
    finish(f, BK_PROXY_OK,
           c->resp.framing.keep_alive && !extra &&
               c->resp.framing.body != BK_HTTP_BODY_CLOSE);
}

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
    bk_proxy_conn_t *c = s->data;
    (void)buf;
    if (c->tls != NULL) {
        bk_proxy__tls_read(c, nread);
        return;
    }
    if (c->state == C_IDLE) {
        /* Anything from an idle origin connection (data or close) makes it
         * unusable. */
        if (nread != 0)
            conn_close(c);
        return;
    }
    if (c->f == NULL || c->state == C_CLOSING)
        return;
    if (nread == 0)
        return;
    if (nread < 0) {
        bk_proxy__eof(c, nread);
        return;
    }
    bk_proxy__data(c, (size_t)nread);
}

/* ---- sending ------------------------------------------------------------ */

static void on_write(uv_write_t *w, int status)
{
    bk_proxy_conn_t *c = w->data;
    if (c->state == C_CLOSING || c->f == NULL)
        return;
    if (status < 0)
        fail(c->f, BK_PROXY_COMM);
}

void bk_proxy__send_request(bk_proxy_conn_t *c) { send_request(c); }

static void send_request(bk_proxy_conn_t *c)
{
    bk_proxy_fetch_t *f = c->f;
    c->state = C_HEAD;
    c->got_bytes = 0;
    bk_buf_clear(&c->rbuf);
    bk_http_resp_init(&c->resp, c->hdrs, BK_PROXY_MAX_HEADERS, f->method);
    if (c->tls != NULL) {
        if (bk_proxy__tls_send(c, f->head, f->body) != BK_OK) {
            fail(f, BK_PROXY_COMM);
            return;
        }
    } else {
        uv_buf_t bufs[2] = {
            uv_buf_init((char *)f->head.p, (unsigned)f->head.n),
            uv_buf_init((char *)f->body.p, (unsigned)f->body.n),
        };
        c->wreq.data = c;
        if (uv_write(&c->wreq, (uv_stream_t *)&c->tcp, bufs,
                     f->body.n ? 2 : 1, on_write) != 0) {
            fail(f, BK_PROXY_COMM);
            return;
        }
    }
    uv_timer_start(&c->timer, on_timer_conn, f->read_timeout_ms,
                   f->read_timeout_ms);
    /* A pooled connection is still reading (to notice the origin closing
     * it while idle): UV_EALREADY is expected then. */
    int rc = uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
    if (rc != 0 && rc != UV_EALREADY)
        fail(f, BK_PROXY_COMM);
}

static void on_connect(uv_connect_t *req, int status)
{
    bk_proxy_conn_t *c = req->data;
    if (c->state == C_CLOSING || c->f == NULL)
        return;
    if (status < 0) {
        fail(c->f, status == UV_ETIMEDOUT ? BK_PROXY_CONNECT_TIMEOUT
                                          : BK_PROXY_CONNECT);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    if (c->tls == NULL) {
        send_request(c);
        return;
    }
    if (uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read) != 0) {
        fail(c->f, BK_PROXY_COMM);
        return;
    }
    bk_proxy__tls_handshake(c);
}

/* ---- attempts and address resolution ------------------------------------- */

static void defer_cb(uv_timer_t *t)
{
    bk_proxy_fetch_t *f = t->data;
    uv_close((uv_handle_t *)t, free_handle);
    f->_defer = NULL;
    f->_active = 0;
    f->done(f);
}

/* Reports 'r' from the next loop iteration (start must not call done). */
static void fail_later(bk_proxy_fetch_t *f, bk_proxy_result_t r)
{
    f->result = r;
    uv_timer_t *t = bk_malloc(sizeof(*t));
    if (t == NULL) {
        /* Nothing else to do: report now. */
        f->_active = 0;
        f->done(f);
        return;
    }
    uv_timer_init(f->_pool->loop, t);
    t->data = f;
    f->_defer = t;
    uv_timer_start(t, defer_cb, 0, 0);
}

static void attempt(bk_proxy_fetch_t *f, const struct sockaddr *sa)
{
    bk_proxy_pool_t *p = f->_pool;
    char key[sizeof(((bk_proxy_conn_t *)0)->key)];
    if (f->tls)
        snprintf(key, sizeof(key), "https://%s:%u/%x", f->host,
                 (unsigned)f->port, f->tls_versions);
    else
        snprintf(key, sizeof(key), "%s:%u", f->host, (unsigned)f->port);

    /* Reuse an idle connection to the same origin (most recent first). */
    for (bk_proxy_conn_t *c = p->idle; c != NULL; c = c->next) {
        if (strcmp(c->key, key) != 0 || c->tls_ctx != f->_tls_ctx)
            continue;
        idle_remove(c);
        uv_timer_stop(&c->timer);
        c->f = f;
        c->reused = 1;
        f->_conn = c;
        f->reused = 1;
        send_request(c);
        return;
    }

    f->_tries++;
    bk_proxy_conn_t *c = bk_calloc(1, sizeof(*c));
    if (c == NULL) {
        finish(f, BK_PROXY_NOMEM, 0);
        return;
    }
    c->pool = p;
    snprintf(c->key, sizeof(c->key), "%s", key);
    bk_buf_init(&c->rbuf, NULL);
    uv_tcp_init(p->loop, &c->tcp);
    uv_timer_init(p->loop, &c->timer);
    c->tcp.data = c->timer.data = c->creq.data = c;
    c->handles_open = 2;
    p->nconns++;
    c->f = f;
    f->_conn = c;
    f->reused = 0;
    c->state = C_CONNECTING;
    if (f->tls) {
        c->tls_ctx = f->_tls_ctx;
        if (bk_proxy__tls_new(c, f) != BK_OK) {
            /* Reported from the timer, as a refused connect is. */
            c->connect_failed = 2;
            uv_timer_start(&c->timer, on_timer_conn, 0, 0);
            return;
        }
    }
    if (uv_tcp_connect(&c->creq, &c->tcp, sa, on_connect) != 0) {
        /* Leave the report to the next iteration through the timer. */
        c->connect_failed = 1;
        uv_timer_start(&c->timer, on_timer_conn, 0, 0);
        return;
    }
    uv_timer_start(&c->timer, on_timer_conn,
                   f->connect_timeout_ms ? f->connect_timeout_ms : 10000, 0);
}

static void set_port(struct sockaddr_storage *ss, uint16_t port)
{
    if (ss->ss_family == AF_INET)
        ((struct sockaddr_in *)ss)->sin_port = htons(port);
    else if (ss->ss_family == AF_INET6)
        ((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
}

static void on_resolved(uv_getaddrinfo_t *req, int status,
                        struct addrinfo *res)
{
    dns_req_t *d = req->data;
    bk_proxy_fetch_t *f = d->f;
    if (f == NULL) { /* cancelled */
        uv_freeaddrinfo(res);
        bk_free(d);
        return;
    }
    f->_dns = NULL;
    if (status < 0 || res == NULL) {
        uv_freeaddrinfo(res);
        bk_free(d);
        f->_active = 0;
        f->result = BK_PROXY_DNS;
        f->done(f);
        return;
    }
    bk_proxy_pool_t *p = f->_pool;
    dns_entry_t *e = &p->dns[p->dns_next++ % DNS_SLOTS];
    snprintf(e->host, sizeof(e->host), "%s", f->host);
    memcpy(&e->sa, res->ai_addr, res->ai_addrlen);
    e->expires = uv_now(p->loop) + DNS_TTL_MS;
    uv_freeaddrinfo(res);
    bk_free(d);
    struct sockaddr_storage sa = e->sa;
    set_port(&sa, f->port);
    attempt(f, (struct sockaddr *)&sa);
}

/* Turns f->host into an address: literal, cached, or through DNS. */
static void resolve(bk_proxy_fetch_t *f)
{
    bk_proxy_pool_t *p = f->_pool;
    struct sockaddr_storage sa;
    memset(&sa, 0, sizeof(sa));
    if (uv_ip4_addr(f->host, f->port, (struct sockaddr_in *)&sa) == 0 ||
        uv_ip6_addr(f->host, f->port, (struct sockaddr_in6 *)&sa) == 0) {
        attempt(f, (struct sockaddr *)&sa);
        return;
    }
    uint64_t now = uv_now(p->loop);
    for (unsigned i = 0; i < DNS_SLOTS; i++) {
        dns_entry_t *e = &p->dns[i];
        if (e->expires > now && strcmp(e->host, f->host) == 0) {
            sa = e->sa;
            set_port(&sa, f->port);
            attempt(f, (struct sockaddr *)&sa);
            return;
        }
    }
    dns_req_t *d = bk_malloc(sizeof(*d));
    if (d == NULL) {
        fail_later(f, BK_PROXY_NOMEM);
        return;
    }
    d->f = f;
    d->req.data = d;
    f->_dns = d; /* so that cancel can detach it */
    /* IPv4, as CloudFront's default ipAddressType. */
    struct addrinfo hints = {.ai_family = AF_INET,
                             .ai_socktype = SOCK_STREAM};
    if (uv_getaddrinfo(p->loop, &d->req, on_resolved, f->host, NULL,
                       &hints) != 0) {
        f->_dns = NULL;
        bk_free(d);
        fail_later(f, BK_PROXY_DNS);
    }
}

int bk_proxy_fetch_start(bk_proxy_pool_t *p, bk_proxy_fetch_t *f)
{
    if (p->closing)
        return BK_ERR;
    f->_pool = p;
    f->_conn = NULL;
    f->_tries = 0;
    f->_defer = NULL;
    f->_dns = NULL;
    f->_active = 1;
    f->result = BK_PROXY_OK;
    f->status = 0;
    f->nheaders = 0;
    f->resp_body = BK_STR_NULL;
    f->reason_phrase = BK_STR_NULL;
    f->reused = 0;
    f->tls_resumed = 0;
    f->error[0] = '\0';
    f->first_byte_ns = 0;
    f->_tls_ctx = NULL;
    bk_buf_init(&f->_head, NULL);
    bk_buf_init(&f->_body, NULL);
    f->_body.limit = f->max_body ? f->max_body : (size_t)1 << 30;
    if (f->tls) {
        f->_tls_ctx = bk_proxy__tls_ctx(p, f->tls_ca_file, f->error,
                                        sizeof(f->error));
        if (f->_tls_ctx == NULL) {
            fail_later(f, BK_PROXY_TLS);
            return BK_OK;
        }
    }
    resolve(f);
    return BK_OK;
}

void bk_proxy_fetch_cancel(bk_proxy_fetch_t *f)
{
    if (!f->_active)
        return;
    f->_active = 0;
    if (f->_defer != NULL) {
        uv_timer_stop(f->_defer);
        uv_close((uv_handle_t *)f->_defer, free_handle);
        f->_defer = NULL;
    }
    if (f->_dns != NULL) {
        ((dns_req_t *)f->_dns)->f = NULL;
        f->_dns = NULL;
    } else if (f->_conn != NULL) {
        f->_conn->f = NULL;
        conn_close(f->_conn);
    }
    f->_conn = NULL;
}

void bk_proxy_fetch_release(bk_proxy_fetch_t *f)
{
    bk_buf_free(&f->_head);
    bk_buf_free(&f->_body);
    f->resp_body = BK_STR_NULL;
    f->nheaders = 0;
}
