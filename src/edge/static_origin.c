/*
 * static_origin.c: a small file server used as the demo's origin. It runs
 * in its own thread and loop, so the edge reaches it over loopback exactly
 * as it reaches any origin (the real proxy path).
 *
 * GET and HEAD only; paths are decoded and confined to the root ('..'
 * segments are refused); directories serve index.html; ETag and
 * Last-Modified with If-None-Match → 304; Cache-Control max-age=60.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "edge/static_origin.h"
#include "core/date.h"
#include "http/http1.h"

struct bk_edge_static {
    char root[PATH_MAX];
    uv_loop_t loop;
    uv_tcp_t listener;
    uv_async_t stop;
    pthread_t thread;
};

typedef struct {
    uv_tcp_t tcp;
    uv_write_t wreq;
    bk_edge_static_t *st;
    bk_buf_t in;
    bk_buf_t out;
    bk_http_req_t req;
    bk_http_header_t hdrs[64];
    int close_after;
} sconn_t;

static void s_closed(uv_handle_t *h)
{
    sconn_t *c = h->data;
    bk_buf_free(&c->in);
    bk_buf_free(&c->out);
    bk_free(c);
}

static const char *mime(const char *path)
{
    static const struct { const char *ext, *type; } t[] = {
        {".html", "text/html; charset=utf-8"}, {".css", "text/css"},
        {".js", "application/javascript"},     {".json", "application/json"},
        {".png", "image/png"},                 {".jpg", "image/jpeg"},
        {".svg", "image/svg+xml"},             {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < BK_COUNTOF(t); i++)
        if (strcmp(dot, t[i].ext) == 0)
            return t[i].type;
    return "application/octet-stream";
}

/* Decodes the URL path into 'out' under the root; BK_ERR if it escapes. */
static int map_path(const char *root, bk_str_t p, char *out, size_t n)
{
    char dec[2048];
    size_t o = 0;
    for (size_t i = 0; i < p.n && o + 1 < sizeof(dec); i++) {
        uint8_t ch = p.p[i];
        if (ch == '%' && i + 2 < p.n) {
            char h[3] = {(char)p.p[i + 1], (char)p.p[i + 2], 0};
            char *end;
            long v = strtol(h, &end, 16);
            if (*end != '\0' || v == 0)
                return BK_ERR;
            ch = (uint8_t)v;
            i += 2;
        }
        dec[o++] = (char)ch;
    }
    dec[o] = '\0';
    if (dec[0] != '/' || strstr(dec, "/../") || strstr(dec, "/..\0") ||
        (o >= 3 && strcmp(dec + o - 3, "/..") == 0))
        return BK_ERR;
    int w = snprintf(out, n, "%s%s", root, dec);
    return (w > 0 && (size_t)w < n) ? BK_OK : BK_ERR;
}

static void s_written(uv_write_t *w, int status);

static void s_reply(sconn_t *c, int status, const char *ctype, const char *extra,
                    const void *body, size_t len, int head_only)
{
    bk_buf_clear(&c->out);
    int rc = bk_buf_printf(&c->out,
                           "HTTP/1.1 %d %s\r\nServer: brink-demo-origin\r\n"
                           "Content-Type: %s\r\nContent-Length: %zu\r\n%s%s\r\n",
                           status, bk_http_status_reason(status), ctype, len,
                           extra ? extra : "",
                           c->close_after ? "Connection: close\r\n" : "");
    if (rc == BK_OK && !head_only)
        rc = bk_buf_append(&c->out, body, len);
    if (rc != BK_OK) {
        uv_close((uv_handle_t *)&c->tcp, s_closed);
        return;
    }
    uv_buf_t b = uv_buf_init((char *)c->out.p, (unsigned)c->out.n);
    c->wreq.data = c;
    if (uv_write(&c->wreq, (uv_stream_t *)&c->tcp, &b, 1, s_written) != 0)
        uv_close((uv_handle_t *)&c->tcp, s_closed);
}

static void serve(sconn_t *c)
{
    bk_http_req_t *r = &c->req;
    int head_only = r->method_id == BK_HTTP_HEAD;
    if (r->method_id != BK_HTTP_GET && !head_only) {
        static const char m[] = "method not allowed\n";
        s_reply(c, 405, "text/plain", "Allow: GET, HEAD\r\n", m, sizeof(m) - 1, 0);
        return;
    }
    char path[3072];
    struct stat st;
    if (map_path(c->st->root, r->path.n ? r->path : BK_STR("/"), path,
                 sizeof(path)) != BK_OK) {
        static const char m[] = "bad path\n";
        s_reply(c, 400, "text/plain", NULL, m, sizeof(m) - 1, head_only);
        return;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t l = strlen(path);
        snprintf(path + l, sizeof(path) - l, "%sindex.html",
                 l && path[l - 1] == '/' ? "" : "/");
    }
    bk_buf_t body;
    bk_buf_init(&body, NULL);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        bk_buf_read_file(&body, path) != BK_OK) {
        bk_buf_free(&body);
        static const char m[] = "<html><body><h1>404 Not Found</h1></body></html>\n";
        s_reply(c, 404, "text/html", "Cache-Control: max-age=10\r\n", m,
                sizeof(m) - 1, head_only);
        return;
    }
    char etag[64], extra[256], date[BK_DATE_LEN + 1];
    snprintf(etag, sizeof(etag), "\"%llx-%llx\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtime);
    if (!bk_date_format((int64_t)st.st_mtime, date))
        date[0] = '\0';
    snprintf(extra, sizeof(extra),
             "ETag: %s\r\nLast-Modified: %s\r\nCache-Control: max-age=60\r\n",
             etag, date);
    bk_str_t inm = bk_http_header_get(r->headers, r->nheaders,
                                      BK_STR("If-None-Match"));
    if (inm.n && bk_str_eq(inm, bk_str_c(etag))) {
        bk_buf_clear(&c->out);
        if (bk_buf_printf(&c->out, "HTTP/1.1 304 Not Modified\r\n%s%s\r\n", extra,
                          c->close_after ? "Connection: close\r\n" : "") != BK_OK) {
            bk_buf_free(&body);
            uv_close((uv_handle_t *)&c->tcp, s_closed);
            return;
        }
        uv_buf_t b = uv_buf_init((char *)c->out.p, (unsigned)c->out.n);
        c->wreq.data = c;
        if (uv_write(&c->wreq, (uv_stream_t *)&c->tcp, &b, 1, s_written) != 0)
            uv_close((uv_handle_t *)&c->tcp, s_closed);
        bk_buf_free(&body);
        return;
    }
    s_reply(c, 200, mime(path), extra, body.p, body.n, head_only);
    bk_buf_free(&body);
}

static void s_process(sconn_t *c)
{
    int rc = bk_http_req_parse(&c->req, c->in.p, c->in.n);
    if (rc == BK_AGAIN)
        return;
    uv_read_stop((uv_stream_t *)&c->tcp);
    if (rc != BK_OK) {
        c->close_after = 1;
        static const char m[] = "bad request\n";
        s_reply(c, c->req.status ? c->req.status : 400, "text/plain", NULL, m,
                sizeof(m) - 1, 0);
        return;
    }
    c->close_after = !c->req.framing.keep_alive ||
                     c->req.framing.body != BK_HTTP_BODY_NONE;
    serve(c);
}

static void s_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b)
{
    sconn_t *c = h->data;
    (void)hint;
    if (bk_buf_reserve(&c->in, 4096) != BK_OK) {
        b->base = NULL;
        b->len = 0;
        return;
    }
    b->base = (char *)c->in.p + c->in.n;
    b->len = c->in.cap - c->in.n;
}

static void s_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *b)
{
    sconn_t *c = s->data;
    (void)b;
    if (nread < 0) {
        uv_close((uv_handle_t *)&c->tcp, s_closed);
        return;
    }
    c->in.n += (size_t)nread;
    s_process(c);
}

static void s_written(uv_write_t *w, int status)
{
    sconn_t *c = w->data;
    if (status < 0 || c->close_after) {
        uv_close((uv_handle_t *)&c->tcp, s_closed);
        return;
    }
    /* Keep-alive: drop the request just served, parse what follows. */
    size_t used = c->req.head_len;
    memmove(c->in.p, c->in.p + used, c->in.n - used);
    c->in.n -= used;
    bk_http_req_reset(&c->req);
    uv_read_start((uv_stream_t *)&c->tcp, s_alloc, s_read);
    if (c->in.n)
        s_process(c);
}

static void s_accept(uv_stream_t *l, int status)
{
    bk_edge_static_t *st = l->data;
    if (status < 0)
        return;
    sconn_t *c = bk_calloc(1, sizeof(*c));
    if (c == NULL)
        return;
    c->st = st;
    bk_buf_init(&c->in, NULL);
    c->in.limit = 65536;
    bk_buf_init(&c->out, NULL);
    bk_http_req_init(&c->req, c->hdrs, BK_COUNTOF(c->hdrs));
    uv_tcp_init(&st->loop, &c->tcp);
    c->tcp.data = c;
    if (uv_accept(l, (uv_stream_t *)&c->tcp) != 0) {
        uv_close((uv_handle_t *)&c->tcp, s_closed);
        return;
    }
    uv_read_start((uv_stream_t *)&c->tcp, s_alloc, s_read);
}

static void s_close_all(uv_handle_t *h, void *arg)
{
    (void)arg;
    if (!uv_is_closing(h))
        uv_close(h, h->type == UV_TCP && h->data && h->data != arg ? s_closed : NULL);
}

static void s_stop(uv_async_t *a)
{
    bk_edge_static_t *st = a->data;
    uv_close((uv_handle_t *)&st->listener, NULL);
    uv_close((uv_handle_t *)&st->stop, NULL);
    uv_walk(&st->loop, s_close_all, st);
}

static void *s_main(void *arg)
{
    bk_edge_static_t *st = arg;
    uv_run(&st->loop, UV_RUN_DEFAULT);
    uv_loop_close(&st->loop);
    return NULL;
}

bk_edge_static_t *bk_edge_static_start(const char *root, const char *host,
                                       uint16_t port, char *err, size_t errlen)
{
    bk_edge_static_t *st = bk_calloc(1, sizeof(*st));
    if (st == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (realpath(root, st->root) == NULL) {
        snprintf(err, errlen, "demo site %s: %s", root, strerror(errno));
        bk_free(st);
        return NULL;
    }
    struct sockaddr_in sa;
    uv_loop_init(&st->loop);
    uv_tcp_init(&st->loop, &st->listener);
    st->listener.data = st;
    int rc = uv_ip4_addr(host, port, &sa);
    if (rc == 0)
        rc = uv_tcp_bind(&st->listener, (const struct sockaddr *)&sa, 0);
    if (rc == 0)
        rc = uv_listen((uv_stream_t *)&st->listener, 128, s_accept);
    if (rc != 0) {
        snprintf(err, errlen, "demo origin on %s:%u: %s", host, (unsigned)port,
                 uv_strerror(rc));
        uv_close((uv_handle_t *)&st->listener, NULL);
        uv_run(&st->loop, UV_RUN_DEFAULT);
        uv_loop_close(&st->loop);
        bk_free(st);
        return NULL;
    }
    uv_async_init(&st->loop, &st->stop, s_stop);
    st->stop.data = st;
    if (pthread_create(&st->thread, NULL, s_main, st) != 0) {
        snprintf(err, errlen, "cannot start the demo origin thread");
        uv_close((uv_handle_t *)&st->listener, NULL);
        uv_close((uv_handle_t *)&st->stop, NULL);
        uv_run(&st->loop, UV_RUN_DEFAULT);
        uv_loop_close(&st->loop);
        bk_free(st);
        return NULL;
    }
    return st;
}

void bk_edge_static_stop(bk_edge_static_t *st)
{
    if (st == NULL)
        return;
    uv_async_send(&st->stop);
    pthread_join(st->thread, NULL);
    bk_free(st);
}
