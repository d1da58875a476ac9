/*
 * admin.c: the admin listener (main thread): Prometheus metrics, health,
 * and cache invalidation with CloudFront's path rules.
 *
 *   GET  /metrics                  Prometheus text format
 *   GET  /healthz                  "ok"
 *   POST /invalidate               body: CloudFront's InvalidationBatch JSON
 *                                  {"Paths":{"Quantity":N,"Items":[...]}}
 *   POST /invalidate?path=/img/%2A one path (percent-encoded), no body
 *
 * One request per connection (Connection: close): admin traffic is rare and
 * simple beats fast here.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "edge/edge_int.h"

#define ADMIN_MAX_REQ 65536

typedef struct {
    uv_tcp_t tcp;
    uv_write_t wreq;
    bk_edge_server_t *srv;
    bk_buf_t in;
    bk_buf_t out;
    bk_http_req_t req;
    bk_http_header_t hdrs[64];
    int responded;
    int parsed; /* the head is complete; only body bytes are awaited */
} admin_conn_t;

static void admin_closed(uv_handle_t *h)
{
    admin_conn_t *c = h->data;
    bk_buf_free(&c->in);
    bk_buf_free(&c->out);
    bk_free(c);
}

static void admin_written(uv_write_t *w, int status)
{
    (void)status;
    admin_conn_t *c = w->data;
    uv_close((uv_handle_t *)&c->tcp, admin_closed);
}

static void reply(admin_conn_t *c, int status, const char *ctype,
                  bk_str_t body)
{
    c->responded = 1;
    uv_read_stop((uv_stream_t *)&c->tcp);
    bk_buf_clear(&c->out);
    if (bk_buf_printf(&c->out,
                      "HTTP/1.1 %d %s\r\nContent-Type: %s\r\n"
                      "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                      status, bk_http_status_reason(status), ctype,
                      body.n) != BK_OK ||
        bk_buf_append_str(&c->out, body) != BK_OK) {
        uv_close((uv_handle_t *)&c->tcp, admin_closed);
        return;
    }
    uv_buf_t b = uv_buf_init((char *)c->out.p, (unsigned)c->out.n);
    c->wreq.data = c;
    if (uv_write(&c->wreq, (uv_stream_t *)&c->tcp, &b, 1, admin_written) != 0)
        uv_close((uv_handle_t *)&c->tcp, admin_closed);
}

static void reply_text(admin_conn_t *c, int status, const char *text)
{
    reply(c, status, "text/plain; charset=utf-8", bk_str_c(text));
}

static void do_metrics(admin_conn_t *c)
{
    bk_edge_server_t *s = c->srv;
    bk_obs_metrics_t *ws[BK_EDGE_MAX_WORKERS];
    for (unsigned i = 0; i < s->nworkers; i++)
        ws[i] = &s->workers[i].metrics;
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    if (bk_obs_metrics_render(&b, ws, s->nworkers) != BK_OK) {
        bk_buf_free(&b);
        reply_text(c, 500, "out of memory\n");
        return;
    }
    reply(c, 200, "text/plain; version=0.0.4", bk_buf_str(&b));
    bk_buf_free(&b);
}

/* Invalidates 'paths' on every worker; replies with what was done. */
static void invalidate(admin_conn_t *c, const char **paths, size_t n)
{
    bk_edge_server_t *s = c->srv;
    for (size_t i = 0; i < n; i++) {
        if (!bk_cache_inval_valid(bk_str_c(paths[i]))) {
            char msg[256];
            snprintf(msg, sizeof(msg),
                     "{\"Error\":{\"Code\":\"InvalidArgument\",\"Message\":"
                     "\"invalid invalidation path\"}}\n");
            reply(c, 400, "application/json", bk_str_c(msg));
            return;
        }
    }
    size_t before = 0, after = 0;
    pthread_mutex_lock(&s->lock);
    for (unsigned i = 0; i < s->nworkers; i++)
        before += s->workers[i].purged;
    pthread_mutex_unlock(&s->lock);
    for (size_t i = 0; i < n; i++)
        bk_edge__broadcast(s, BK_EDGE_MAIL_PURGE, paths[i]);
    pthread_mutex_lock(&s->lock);
    for (unsigned i = 0; i < s->nworkers; i++)
        after += s->workers[i].purged;
    pthread_mutex_unlock(&s->lock);

    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_string(paths[i]));
    json_t *o = json_pack("{s:{s:s,s:{s:{s:i,s:o}}},s:I}", "Invalidation",
                          "Status", "Completed", "InvalidationBatch", "Paths",
                          "Quantity", (int)n, "Items", items, "Purged",
                          (json_int_t)(after - before));
    char *txt = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (txt == NULL) {
        reply_text(c, 500, "out of memory\n");
        return;
    }
    bk_log_info("admin: invalidated %zu path(s), %zu object(s) dropped", n,
                after - before);
    reply(c, 201, "application/json", bk_str_c(txt));
    free(txt);
}

static void do_invalidate(admin_conn_t *c, bk_str_t query, bk_str_t body)
{
    const char *paths[64];
    size_t n = 0;
    char one[4100];
    if (bk_str_starts(query, BK_STR("path="))) {
        /* Minimal percent-decoding for the query form. */
        size_t o = 0;
        for (size_t i = 5; i < query.n && o + 1 < sizeof(one); i++) {
            uint8_t ch = query.p[i];
            if (ch == '%' && i + 2 < query.n) {
                char h[3] = {(char)query.p[i + 1], (char)query.p[i + 2], 0};
                ch = (uint8_t)strtol(h, NULL, 16);
                i += 2;
            } else if (ch == '&') {
                break;
            }
            one[o++] = (char)ch;
        }
        one[o] = '\0';
        paths[n++] = one;
        invalidate(c, paths, n);
        return;
    }
    json_error_t je;
    json_t *root = json_loadb((const char *)body.p, body.n, 0, &je);
    json_t *items = root ? json_object_get(json_object_get(root, "Paths"),
                                           "Items")
                         : NULL;
    if (!json_is_array(items) || json_array_size(items) == 0 ||
        json_array_size(items) > BK_COUNTOF(paths)) {
        json_decref(root);
        reply(c, 400, "application/json",
              BK_STR("{\"Error\":{\"Code\":\"MalformedInput\",\"Message\":"
                     "\"expected {\\\"Paths\\\":{\\\"Items\\\":[...]}} with "
                     "1 to 64 paths\"}}\n"));
        return;
    }
    for (size_t i = 0; i < json_array_size(items); i++) {
        const char *p = json_string_value(json_array_get(items, i));
        if (p == NULL) {
            json_decref(root);
            reply(c, 400, "application/json",
                  BK_STR("{\"Error\":{\"Code\":\"MalformedInput\",\"Message\":"
                         "\"paths must be strings\"}}\n"));
            return;
        }
        paths[n++] = p;
    }
    invalidate(c, paths, n);
    json_decref(root);
}

static void route(admin_conn_t *c, bk_str_t body)
{
    bk_http_req_t *r = &c->req;
    if (bk_str_eq(r->path, BK_STR("/metrics")) && r->method_id == BK_HTTP_GET) {
        do_metrics(c);
    } else if (bk_str_eq(r->path, BK_STR("/healthz"))) {
        reply_text(c, 200, "ok\n");
    } else if (bk_str_eq(r->path, BK_STR("/invalidate"))) {
        if (r->method_id != BK_HTTP_POST) {
            reply_text(c, 405, "use POST\n");
            return;
        }
        do_invalidate(c, r->query, body);
    } else {
        reply_text(c, 404, "not found: try /metrics, /healthz, POST /invalidate\n");
    }
}

static void admin_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
    admin_conn_t *c = h->data;
    (void)hint;
    if (c->in.n == c->in.cap) {
        b->base = NULL;
        b->len = 0;
        return;
    }
    b->base = (char *)c->in.p + c->in.n;
    b->len = c->in.cap - c->in.n;
}

static void admin_read(uv_stream_t *st, ssize_t nread, const uv_buf_t *b)
{
    admin_conn_t *c = st->data;
    (void)b;
    if (c->responded)
        return;
    if (nread < 0) {
        uv_close((uv_handle_t *)&c->tcp, admin_closed);
        return;
    }
    c->in.n += (size_t)nread;
    if (!c->parsed) {
        int rc = bk_http_req_parse(&c->req, c->in.p, c->in.n);
        if (rc == BK_AGAIN)
            return;
        if (rc != BK_OK) {
            reply_text(c, c->req.status ? c->req.status : 400, "bad request\n");
            return;
        }
        c->parsed = 1;
    }
    uint64_t need = c->req.framing.body == BK_HTTP_BODY_LENGTH
                        ? c->req.framing.content_length
                        : 0;
    if (c->req.framing.body == BK_HTTP_BODY_CHUNKED) {
        reply_text(c, 411, "send a Content-Length\n");
        return;
    }
    if (c->in.n - c->req.head_len < need)
        return;
    route(c, bk_str(c->in.p + c->req.head_len, (size_t)need));
}

static void admin_accept(uv_stream_t *l, int status)
{
    bk_edge_server_t *s = l->data;
    if (status < 0)
        return;
    admin_conn_t *c = bk_calloc(1, sizeof(*c));
    if (c == NULL)
        return;
    c->srv = s;
    bk_buf_init(&c->in, NULL);
    c->in.limit = ADMIN_MAX_REQ;
    /* The whole buffer up front: parsed slices must not move when the body
     * arrives after the head. */
    if (bk_buf_reserve(&c->in, ADMIN_MAX_REQ) != BK_OK) {
        bk_free(c);
        return;
    }
    bk_buf_init(&c->out, NULL);
    bk_http_req_init(&c->req, c->hdrs, BK_COUNTOF(c->hdrs));
    uv_tcp_init(l->loop, &c->tcp);
    c->tcp.data = c;
    if (uv_accept(l, (uv_stream_t *)&c->tcp) != 0) {
        uv_close((uv_handle_t *)&c->tcp, admin_closed);
        return;
    }
    uv_read_start((uv_stream_t *)&c->tcp, admin_alloc, admin_read);
}

int bk_edge__admin_start(bk_edge_server_t *s)
{
    const bk_config_addr_t *a = &s->gen->cfg->admin;
    if (!a->set)
        return BK_OK;
    uv_loop_t *loop = uv_default_loop();
    uv_tcp_init(loop, &s->admin);
    s->admin.data = s;
    int rc = uv_tcp_bind(&s->admin, (const struct sockaddr *)&a->sa, 0);
    if (rc == 0)
        rc = uv_listen((uv_stream_t *)&s->admin, 64, admin_accept);
    if (rc != 0) {
        fprintf(stderr, "brink: cannot listen on %s:%u (admin): %s\n", a->host,
                (unsigned)a->port, uv_strerror(rc));
        uv_close((uv_handle_t *)&s->admin, NULL);
        uv_run(loop, UV_RUN_NOWAIT);
        return BK_ERR;
    }
    s->admin_on = 1;
    return BK_OK;
}
