/*
 * conn.c: viewer connections: reading and framing requests, handing each to
 * the pipeline, writing responses, keep-alive, pipelining and timeouts.
 *
 * A connection handles one exchange at a time; pipelined requests wait in
 * the read buffer until the previous response is written. Any framing error
 * is answered (400/413/414/431/501/505) and the connection closed, because
 * after a framing error the next request's start cannot be trusted. The
 * connection struct lives until its exchange ends even if the viewer goes
 * away, since the exchange's memory is the connection's arena.
 *
 * HTTPS connections (Brink.ListenTls) are these same connections with
 * c->tls set: tls_viewer.c turns ciphertext into plaintext in the read
 * buffer and encrypts responses; parsing, limits, timeouts, keep-alive and
 * pipelining are shared. The plain path pays one pointer test per read,
 * write and accept.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "edge/edge_int.h"

static void process(bk_edge_conn_t *c);
static void conn_close(bk_edge_conn_t *c);

/* ---- lifecycle ------------------------------------------------------------ */

static void on_closed(uv_handle_t *h)
{
    bk_edge_conn_t *c = h->data;
    if (--c->handles_open > 0)
        return;
    bk_edge_worker_t *w = c->w;
    if (c->prev)
        c->prev->next = c->next;
    else
        w->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    w->nconns--;
    if (c->tls != NULL)
        bk_edge__vtls_free(c);
    bk_arena_destroy(&c->arena);
    bk_buf_free(&c->rbuf);
    bk_free(c);
}

static void conn_close(bk_edge_conn_t *c)
{
    if (c->state == BK_EDGE_C_CLOSING)
        return;
    if (c->x != NULL && c->state == BK_EDGE_C_BUSY) {
        /* The pipeline still owns the exchange: close when it ends. */
        c->close_after = 1;
        uv_read_stop((uv_stream_t *)&c->tcp);
        return;
    }
    c->state = BK_EDGE_C_CLOSING;
    uv_close((uv_handle_t *)&c->timer, on_closed);
    uv_close((uv_handle_t *)&c->tcp, on_closed);
}

static void on_timeout(uv_timer_t *t)
{
    bk_edge_conn_t *c = t->data;
    if (c->tls != NULL && !bk_edge__vtls_ready(c)) {
        /* The handshake shares the header-read timeout. */
        bk_log_info("viewer %s: TLS handshake timeout", c->peer_ip);
    } else if (c->state == BK_EDGE_C_HEAD && c->rbuf.n > c->consumed) {
        bk_log_info("viewer %s: request head timeout", c->peer_ip);
    } else if (c->state == BK_EDGE_C_BODY) {
        bk_log_info("viewer %s: request body timeout", c->peer_ip);
    }
    conn_close(c);
}

/* Idle for BK_EDGE_LINGER_MS: release the request memory (10,000 idle
 * viewers must fit in a few tens of MB), then wait out the keep-alive. */
static void on_linger(uv_timer_t *t)
{
    bk_edge_conn_t *c = t->data;
    if (c->state == BK_EDGE_C_HEAD && c->rbuf.n == 0 && c->x == NULL) {
        bk_arena_destroy(&c->arena);
        bk_buf_free(&c->rbuf);
    }
    uv_timer_start(&c->timer, on_timeout,
                   BK_EDGE_IDLE_TIMEOUT_MS - BK_EDGE_LINGER_MS, 0);
}

size_t bk_edge__close_idle(bk_edge_worker_t *w)
{
    size_t busy = 0;
    bk_edge_conn_t *next;
    for (bk_edge_conn_t *c = w->conns; c != NULL; c = next) {
        next = c->next;
        if (c->state == BK_EDGE_C_HEAD && c->rbuf.n == c->consumed)
            conn_close(c);
        else if (c->state != BK_EDGE_C_CLOSING)
            busy++;
    }
    return busy;
}

/* ---- exchanges -------------------------------------------------------------- */

static void make_request_id(bk_edge_worker_t *w, char *out, size_t n)
{
    /* 40 random bytes, base64url with padding: 56 characters, the shape of
     * CloudFront's request ids. Uniqueness matters, secrecy does not, so a
     * fast generator seeded per worker is enough. */
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    uint64_t s = w->req_seq++ * 0x9E3779B97F4A7C15ULL ^ uv_hrtime() ^
                 ((uint64_t)w->index << 56);
    uint8_t raw[40];
    for (size_t i = 0; i < sizeof(raw); i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        raw[i] = (uint8_t)(s >> 24);
    }
    size_t o = 0;
    for (size_t i = 0; i + 2 < sizeof(raw) && o + 4 < n; i += 3) {
        uint32_t v = (uint32_t)raw[i] << 16 | (uint32_t)raw[i + 1] << 8 |
                     raw[i + 2];
        out[o++] = b64[v >> 18];
        out[o++] = b64[(v >> 12) & 63];
        out[o++] = b64[(v >> 6) & 63];
        out[o++] = b64[v & 63];
    }
    /* 39 bytes done; the 40th with padding. */
    if (o + 5 < n) {
        uint32_t v = (uint32_t)raw[39] << 16;
        out[o++] = b64[v >> 18];
        out[o++] = b64[(v >> 12) & 63];
        out[o++] = '=';
        out[o++] = '=';
    }
    out[o] = '\0';
}

static bk_edge_xchg_t *xchg_new(bk_edge_conn_t *c)
{
    bk_edge_xchg_t *x = bk_arena_calloc(&c->arena, sizeof(*x));
    if (x == NULL)
        return NULL;
    x->conn = c;
    x->w = c->w;
    x->arena = &c->arena;
    x->gen = c->w->gen;
    bk_edge_gen_ref(x->gen);
    x->cfg = x->gen->cfg;
    x->t_start = uv_hrtime();
    clock_gettime(CLOCK_REALTIME, &x->wall_start);
    x->range_first = x->range_last = -1;
    make_request_id(c->w, x->request_id, sizeof(x->request_id));
    bk_buf_init(&x->key, &c->arena);
    c->nexch++;
    if (c->tls != NULL)
        bk_edge__vtls_describe(c, x);
    c->x = x;
    return x;
}

/* Answers a framing error: the exchange gets an error page, then close. */
static void reject(bk_edge_conn_t *c, int status, const char *reason)
{
    bk_log_info("viewer %s: %d %s", c->peer_ip, status,
                reason ? reason : "bad request");
    c->close_after = 1;
    uv_read_stop((uv_stream_t *)&c->tcp);
    bk_edge_xchg_t *x = c->x ? c->x : xchg_new(c);
    if (x == NULL) {
        conn_close(c);
        return;
    }
    c->state = BK_EDGE_C_BUSY;
    if (x->method.n == 0)
        x->method = BK_STR("-");
    bk_edge__error(x, status, "InvalidRequest", reason);
    bk_edge__respond(x);
}

/* Copies the parsed head into the exchange (the read buffer may move). */
static int take_request(bk_edge_conn_t *c, bk_edge_xchg_t *x)
{
    bk_http_req_t *r = &c->req;
    const uint8_t *base = c->rbuf.p + c->consumed;
    uint8_t *copy = bk_arena_memdup(&c->arena, base, r->head_len);
    if (copy == NULL)
        return BK_ERR;
#define MOVE(s) ((s).p ? bk_str(copy + ((s).p - base), (s).n) : (s))
    x->method = MOVE(r->method);
    x->method_id = r->method_id;
    x->path = MOVE(r->path);
    if (x->path.n == 0)
        x->path = BK_STR("/");
    x->query = MOVE(r->query);
    /* The parser gives an empty query both for "/a" and "/a?"; look at the
     * target to tell them apart (rawQueryString() needs it). */
    bk_str_t target = MOVE(r->target);
    x->has_query = bk_str_chr(target, '?') >= 0;
    x->host = MOVE(r->host);
    x->minor = r->minor;
    x->req_bytes = r->head_len;
    for (size_t i = 0; i < r->nheaders; i++)
        if (bk_edge__hdr_add(&c->arena, &x->req_hdrs, MOVE(r->headers[i].name),
                             MOVE(r->headers[i].value)) != BK_OK)
            return BK_ERR;
#undef MOVE
    return BK_OK;
}

static void dispatch(bk_edge_conn_t *c)
{
    bk_edge_xchg_t *x = c->x;
    x->body = bk_buf_str(&c->body);
    x->req_bytes += x->body.n;
    c->state = BK_EDGE_C_BUSY;
    uv_timer_stop(&c->timer);
    if (!c->req.framing.keep_alive)
        c->close_after = 1;
    bk_edge__pipeline(x);
}

/* Moves request body bytes from the read buffer into c->body. Returns
 * BK_DONE when the body is complete, BK_AGAIN for more, BK_ERR after
 * rejecting. */
static int read_body(bk_edge_conn_t *c)
{
    const uint8_t *p = c->rbuf.p + c->consumed;
    size_t n = c->rbuf.n - c->consumed;
    if (c->req.framing.body == BK_HTTP_BODY_LENGTH) {
        size_t used = 0;
        bk_str_t d = BK_STR_NULL;
        int rc = c->length.left == 0
                     ? BK_DONE
                     : (n ? bk_http_length_parse(&c->length, p, n, &used, &d)
                          : BK_AGAIN);
        if (d.n && bk_buf_append(&c->body, d.p, d.n) != BK_OK) {
            reject(c, 413, "request body too large");
            return BK_ERR;
        }
        c->consumed += used;
        return rc == BK_DONE ? BK_DONE : BK_AGAIN;
    }
    while (n > 0) {
        size_t used = 0;
        bk_str_t d = BK_STR_NULL;
        int rc = bk_http_chunked_parse(&c->chunked, p, n, &used, &d);
        if (rc == BK_ERR) {
            reject(c, c->chunked.status ? c->chunked.status : 400,
                   c->chunked.reason);
            return BK_ERR;
        }
        if (d.n && bk_buf_append(&c->body, d.p, d.n) != BK_OK) {
            reject(c, 413, "request body too large");
            return BK_ERR;
        }
        c->consumed += used;
        p += used;
        n -= used;
        if (rc == BK_DONE)
            return BK_DONE;
        if (rc == BK_AGAIN)
            break;
    }
    return BK_AGAIN;
}

static void write_continue(bk_edge_conn_t *c)
{
    static const char msg[] = "HTTP/1.1 100 Continue\r\n\r\n";
    uv_buf_t b = uv_buf_init((char *)msg, sizeof(msg) - 1);
    if (c->tls != NULL) {
        /* Queued whole or not at all; as below, a lost one is not fatal. */
        if (bk_edge__vtls_send(c, &b, 1, NULL) != BK_OK)
            bk_log_debug("viewer %s: 100 Continue not sent", c->peer_ip);
        return;
    }
    /* A tiny write: try it synchronously; a partial one is not worth a
     * queue (the viewer will send the body after its own timeout). */
    (void)uv_try_write((uv_stream_t *)&c->tcp, &b, 1);
}

/* Parses what the read buffer holds, as far as it goes. */
static void process(bk_edge_conn_t *c)
{
    if (c->state == BK_EDGE_C_HEAD) {
        size_t n = c->rbuf.n - c->consumed;
        if (n == 0)
            return;
        if (c->hdrs == NULL) {
            /* The header array lives in the request arena, so an idle
             * connection holds none (10,000 idle viewers must fit in a few
             * tens of MB). */
            c->hdrs = bk_arena_alloc(&c->arena,
                                     BK_EDGE_MAX_HEADERS * sizeof(*c->hdrs));
            if (c->hdrs == NULL) {
                conn_close(c);
                return;
            }
            bk_http_req_init(&c->req, c->hdrs, BK_EDGE_MAX_HEADERS);
        }
        int rc = bk_http_req_parse(&c->req, c->rbuf.p + c->consumed, n);
        if (rc == BK_AGAIN)
            return;
        if (rc != BK_OK) {
            reject(c, c->req.status ? c->req.status : 400, c->req.reason);
            return;
        }
        bk_edge_xchg_t *x = xchg_new(c);
        if (x == NULL || take_request(c, x) != BK_OK) {
            reject(c, 500, "out of memory");
            return;
        }
        c->consumed += c->req.head_len;
        bk_buf_init(&c->body, &c->arena);
        c->body.limit = BK_EDGE_MAX_BODY;
        switch (c->req.framing.body) {
        case BK_HTTP_BODY_NONE:
            dispatch(c);
            return;
        case BK_HTTP_BODY_LENGTH:
            if (c->req.framing.content_length > BK_EDGE_MAX_BODY) {
                reject(c, 413, "request body too large");
                return;
            }
            bk_http_length_init(&c->length, c->req.framing.content_length);
            break;
        default:
            bk_http_chunked_init(&c->chunked);
            break;
        }
        c->state = BK_EDGE_C_BODY;
        if (c->req.framing.expect_continue && c->rbuf.n == c->consumed)
            write_continue(c);
        uv_timer_start(&c->timer, on_timeout, BK_EDGE_BODY_TIMEOUT_MS, 0);
    }
    if (c->state == BK_EDGE_C_BODY) {
        int rc = read_body(c);
        if (rc == BK_DONE)
            dispatch(c);
        else if (rc == BK_AGAIN)
            uv_timer_again(&c->timer);
    }
}

/* ---- reading -------------------------------------------------------------------- */

/* Drops body bytes already moved out of the read buffer. */
static void compact(bk_edge_conn_t *c)
{
    if (c->consumed > 0 && c->state == BK_EDGE_C_BODY) {
        memmove(c->rbuf.p, c->rbuf.p + c->consumed, c->rbuf.n - c->consumed);
        c->rbuf.n -= c->consumed;
        c->consumed = 0;
    }
}

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf)
{
    bk_edge_conn_t *c = h->data;
    (void)hint;
    if (c->tls != NULL) {
        bk_edge__vtls_alloc(buf);
        return;
    }
    /* Compact before growing: finished exchanges' bytes go. */
    compact(c);
    if (bk_buf_reserve(&c->rbuf, 8192) != BK_OK) {
        buf->base = NULL;
        buf->len = 0;
        return;
    }
    buf->base = (char *)c->rbuf.p + c->rbuf.n;
    buf->len = c->rbuf.cap - c->rbuf.n;
}

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
    bk_edge_conn_t *c = s->data;
    (void)buf;
    if (c->tls != NULL) {
        /* Plaintext goes into rbuf; 0 while the handshake runs. */
        compact(c);
        nread = bk_edge__vtls_read(c, nread);
    } else if (nread > 0) {
        c->rbuf.n += (size_t)nread;
    }
    if (nread == 0)
        return;
    if (nread < 0) {
        if (c->state == BK_EDGE_C_BUSY) {
            /* The viewer left while the pipeline works: finish quietly. */
            c->close_after = 1;
            uv_read_stop(s);
            return;
        }
        if (c->state == BK_EDGE_C_BODY && nread == UV_EOF &&
            c->req.framing.body == BK_HTTP_BODY_LENGTH) {
            bk_log_info("viewer %s: closed during request body", c->peer_ip);
        }
        conn_close(c);
        return;
    }
    if (c->state == BK_EDGE_C_HEAD) {
        uv_timer_start(&c->timer, on_timeout, BK_EDGE_HEADER_TIMEOUT_MS, 0);
        process(c);
    } else if (c->state == BK_EDGE_C_BODY) {
        process(c);
    } else if (c->rbuf.n - c->consumed > BK_HTTP_MAX_HEAD * 2) {
        /* Pipelined bytes pile up while busy: stop reading for now. */
        uv_read_stop(s);
    }
}

/* ---- writing -------------------------------------------------------------------- */

static void next_exchange(bk_edge_conn_t *c)
{
    c->x = NULL;
    c->hdrs = NULL;
    memmove(c->rbuf.p, c->rbuf.p + c->consumed, c->rbuf.n - c->consumed);
    c->rbuf.n -= c->consumed;
    c->consumed = 0;
    /* The arena keeps its first chunk and the read buffer stays: a busy
     * keep-alive connection reuses both without malloc, and on_linger gives
     * them back once it has been idle a little while. With many
     * connections open, memory goes back at once instead, so that
     * thousands of idle viewers never hold it all together. */
    int linger = c->rbuf.n == 0 && c->w->nconns <= BK_EDGE_LINGER_MAX_CONNS;
    if (c->rbuf.n == 0 && !linger) {
        bk_arena_destroy(&c->arena);
        bk_buf_free(&c->rbuf);
    } else {
        bk_arena_reset(&c->arena);
    }
    c->state = BK_EDGE_C_HEAD;
    if (c->w->draining && c->rbuf.n == 0) {
        conn_close(c);
        return;
    }
    uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
    if (c->rbuf.n)
        uv_timer_start(&c->timer, on_timeout, BK_EDGE_HEADER_TIMEOUT_MS, 0);
    else if (linger)
        uv_timer_start(&c->timer, on_linger, BK_EDGE_LINGER_MS, 0);
    else
        uv_timer_start(&c->timer, on_timeout, BK_EDGE_IDLE_TIMEOUT_MS, 0);
    process(c);
}

static void on_shutdown(uv_shutdown_t *r, int status)
{
    (void)status;
    conn_close(r->data);
}

static void finish_exchange(bk_edge_conn_t *c, size_t sent)
{
    bk_edge_xchg_t *x = c->x;
    bk_edge__log_exchange(x, sent);
    bk_edge_gen_unref(x->gen);
    if (c->state == BK_EDGE_C_CLOSING) {
        /* The viewer went away mid-write: the close is under way. */
        c->x = NULL;
        return;
    }
    if (c->close_after || c->w->draining) {
        c->state = BK_EDGE_C_WRITING; /* not BUSY: conn_close proceeds */
        if (c->tls != NULL)
            bk_edge__vtls_close_notify(c);
        c->sreq.data = c;
        if (uv_shutdown(&c->sreq, (uv_stream_t *)&c->tcp, on_shutdown) != 0)
            conn_close(c);
        c->x = NULL;
        return;
    }
    next_exchange(c);
}

static void on_written(uv_write_t *w, int status)
{
    bk_edge_conn_t *c = w->data;
    if (status < 0)
        c->close_after = 1;
    finish_exchange(c, status == 0 ? c->x->sent_bytes : 0);
}

/* Whether a response with this status and request method carries no body. */
static int no_body(const bk_edge_xchg_t *x)
{
    return x->method_id == BK_HTTP_HEAD || x->status == 204 ||
           x->status == 304 || (x->status >= 100 && x->status < 200);
}

/* The idle handle only keeps the loop from blocking (see edge_int.h). */
static void written_wake_cb(uv_idle_t *h) { (void)h; }

void bk_edge__respond(bk_edge_xchg_t *x)
{
    bk_edge_conn_t *c = x->conn;
    bk_arena_t *a = x->arena;
    c->state = BK_EDGE_C_WRITING;
    bk_buf_t head;
    bk_buf_init(&head, a);
    char num[24];
    int st = x->status >= 100 && x->status <= 999 ? x->status : 500;
    char sl[13] = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ',
                   (char)('0' + st / 100), (char)('0' + st / 10 % 10),
                   (char)('0' + st % 10), ' '};
    int rc = bk_buf_append(&head, sl, sizeof(sl));
    const char *phrase = bk_http_status_reason(x->status);
    rc |= x->reason.n ? bk_buf_append_str(&head, x->reason)
                      : bk_buf_append_cstr(&head, phrase[0] ? phrase : "Unknown");
    rc |= bk_buf_append_cstr(&head, "\r\n");
    for (size_t i = 0; i < x->resp_hdrs.n && rc == BK_OK; i++) {
        bk_str_t nm = x->resp_hdrs.v[i].name;
        if (bk_str_eq_ci(nm, BK_STR("content-length")) ||
            bk_str_eq_ci(nm, BK_STR("connection")) ||
            bk_str_eq_ci(nm, BK_STR("transfer-encoding")) ||
            bk_str_eq_ci(nm, BK_STR("keep-alive")))
            continue;
        if (bk_http_write_header(&head, nm, x->resp_hdrs.v[i].value) != BK_OK)
            bk_log_warn("request %s: dropped invalid response header %.*s",
                        x->request_id, BK_STR_FMT(nm));
    }
    int bodyless_status = x->status == 204 || x->status == 304;
    if (!bodyless_status) {
        /* Digits right to left: no printf on the hot path. */
        size_t v = x->resp_body.n, i = sizeof(num);
        do {
            num[--i] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        rc |= bk_buf_append_cstr(&head, "Content-Length: ");
        rc |= bk_buf_append(&head, num + i, sizeof(num) - i);
        rc |= bk_buf_append_cstr(&head, "\r\n");
    }
    if (c->close_after || c->w->draining)
        rc |= bk_buf_append_cstr(&head, "Connection: close\r\n");
    else if (x->minor == 0)
        rc |= bk_buf_append_cstr(&head, "Connection: keep-alive\r\n");
    rc |= bk_buf_append_cstr(&head, "\r\n");
    if (rc != BK_OK) {
        bk_log_error("request %s: out of memory writing the response",
                     x->request_id);
        c->close_after = 1;
        finish_exchange(c, 0);
        return;
    }
    uv_buf_t bufs[2] = {
        uv_buf_init((char *)head.p, (unsigned)head.n),
        uv_buf_init((char *)x->resp_body.p, (unsigned)x->resp_body.n),
    };
    unsigned nb = (no_body(x) || x->resp_body.n == 0) ? 1 : 2;
    c->wreq.data = c;
    x->sent_bytes = head.n + (nb == 2 ? x->resp_body.n : 0);
    if (c->tls != NULL) {
        if (bk_edge__vtls_send(c, bufs, nb, on_written) != BK_OK) {
            c->close_after = 1;
            finish_exchange(c, 0);
        }
        return;
    }
    /* Most responses fit the socket buffer: write them now. Finishing a
     * uv_write costs libuv an epoll_ctl (it re-arms the watcher when its
     * write queue drains); uv_try_write costs nothing more. The exchange
     * still finishes later in the loop (the check phase), as after
     * uv_write, so no caller sees it end inside this call. What is left
     * after a partial write goes by uv_write. */
    ssize_t n = uv_try_write((uv_stream_t *)&c->tcp, bufs, nb);
    if (n == (ssize_t)x->sent_bytes) {
        bk_edge_worker_t *w = c->w;
        if (w->written_head == NULL)
            uv_idle_start(&w->written_wake, written_wake_cb);
        c->written_next = w->written_head;
        w->written_head = c;
        return;
    }
    if (n > 0) {
        for (unsigned i = 0; i < nb && n > 0; i++) {
            size_t k = (size_t)n < bufs[i].len ? (size_t)n : bufs[i].len;
            bufs[i].base += k;
            bufs[i].len -= (unsigned)k;
            n -= (ssize_t)k;
        }
        if (bufs[0].len == 0) {
            bufs[0] = bufs[1];
            nb--;
        }
    } else if (n != UV_EAGAIN && n != UV_ENOSYS) {
        c->close_after = 1; /* the viewer is gone */
        finish_exchange(c, 0);
        return;
    }
    if (uv_write(&c->wreq, (uv_stream_t *)&c->tcp, bufs, nb, on_written) != 0) {
        c->close_after = 1;
        finish_exchange(c, 0);
    }
}

void bk_edge__written_check(uv_check_t *h)
{
    bk_edge_worker_t *w = h->data;
    /* Finishing may write the next pipelined response, which joins a new
     * list: take the current one whole first. */
    bk_edge_conn_t *c = w->written_head;
    w->written_head = NULL;
    uv_idle_stop(&w->written_wake);
    while (c != NULL) {
        bk_edge_conn_t *next = c->written_next;
        c->written_next = NULL;
        finish_exchange(c, c->x->sent_bytes);
        c = next;
    }
}

/* ---- accepting ------------------------------------------------------------------ */

void bk_edge__accept(uv_stream_t *listener, int status)
{
    bk_edge_worker_t *w = listener->data;
    if (status < 0) {
        bk_log_warn("accept: %s", uv_strerror(status));
        return;
    }
    bk_edge_conn_t *c = bk_calloc(1, sizeof(*c));
    if (c == NULL) {
        bk_log_error("accept: out of memory");
        return;
    }
    c->w = w;
    uv_tcp_init(&w->loop, &c->tcp);
    uv_timer_init(&w->loop, &c->timer);
    c->tcp.data = c->timer.data = c;
    c->handles_open = 2;
    bk_buf_init(&c->rbuf, NULL);
    bk_arena_init(&c->arena, BK_EDGE_REQ_ARENA_FIRST, 0);
    c->state = BK_EDGE_C_HEAD;
    c->next = w->conns;
    if (c->next)
        c->next->prev = c;
    w->conns = c;
    w->nconns++;
    if (uv_accept(listener, (uv_stream_t *)&c->tcp) != 0) {
        conn_close(c);
        return;
    }
    struct sockaddr_storage ss;
    int len = sizeof(ss);
    if (uv_tcp_getpeername(&c->tcp, (struct sockaddr *)&ss, &len) == 0) {
        if (ss.ss_family == AF_INET) {
            uv_ip4_name((struct sockaddr_in *)&ss, c->peer_ip,
                        sizeof(c->peer_ip));
            c->peer_port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
        } else {
            uv_ip6_name((struct sockaddr_in6 *)&ss, c->peer_ip,
                        sizeof(c->peer_ip));
            c->peer_port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
        }
    }
    if (listener == (uv_stream_t *)&w->tls_listener) {
        void *ctx = w->gen->tls_ctx;
        if (ctx == NULL || bk_edge__vtls_new(c, ctx) != BK_OK) {
            conn_close(c);
            return;
        }
    }
    uv_tcp_nodelay(&c->tcp, 1);
    uv_timer_start(&c->timer, on_timeout, BK_EDGE_HEADER_TIMEOUT_MS, 0);
    uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}
