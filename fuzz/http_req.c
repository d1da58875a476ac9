/*
 * http_req.c: fuzz target for the request-head parser (and, past a good
 * head, the body reader its framing picks). Invariants: the verdict is one
 * of OK/AGAIN/ERR with a status from the documented set; head_len <= size;
 * every slice lies inside the head; parsing the whole input, one byte at a
 * time, and in two pieces from a moved buffer all agree exactly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http1.h"

#define CHECK(x)                                                              \
    do {                                                                      \
        if (!(x)) {                                                           \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #x, __FILE__,   \
                    __LINE__);                                                \
            abort();                                                          \
        }                                                                     \
    } while (0)

#define MAXH 24

static void inside(bk_str_t s, const uint8_t *b, size_t n)
{
    if (s.p == NULL) {
        CHECK(s.n == 0);
        return;
    }
    CHECK(s.p >= b && s.n <= n && s.p + s.n <= b + n);
}

/* Same slice, each relative to its own buffer. */
static void same(bk_str_t x, const uint8_t *xb, bk_str_t y, const uint8_t *yb)
{
    CHECK(x.n == y.n && (x.p == NULL) == (y.p == NULL));
    if (x.p)
        CHECK(x.p - xb == y.p - yb);
}

static void compare(const bk_http_req_t *a, const uint8_t *ab,
                    const bk_http_req_t *b, const uint8_t *bb, int rc)
{
    if (rc == BK_ERR) {
        CHECK(a->status == b->status && strcmp(a->reason, b->reason) == 0);
        return;
    }
    if (rc != BK_OK)
        return;
    CHECK(a->head_len == b->head_len && a->nheaders == b->nheaders);
    same(a->method, ab, b->method, bb);
    same(a->target, ab, b->target, bb);
    same(a->scheme, ab, b->scheme, bb);
    same(a->authority, ab, b->authority, bb);
    same(a->path, ab, b->path, bb);
    same(a->query, ab, b->query, bb);
    same(a->host, ab, b->host, bb);
    CHECK(a->method_id == b->method_id && a->form == b->form);
    CHECK(a->minor == b->minor);
    CHECK(memcmp(&a->framing, &b->framing, sizeof(a->framing)) == 0);
    for (size_t i = 0; i < a->nheaders; i++) {
        same(a->headers[i].name, ab, b->headers[i].name, bb);
        same(a->headers[i].value, ab, b->headers[i].value, bb);
    }
}

static void check_result(const bk_http_req_t *r, int rc, const uint8_t *b,
                         size_t n)
{
    CHECK(rc == BK_OK || rc == BK_AGAIN || rc == BK_ERR);
    if (rc == BK_ERR) {
        CHECK(r->status == 400 || r->status == 414 || r->status == 431 ||
              r->status == 501 || r->status == 505);
        CHECK(r->reason != NULL);
        return;
    }
    if (rc != BK_OK)
        return;
    CHECK(r->head_len >= 4 && r->head_len <= n);
    CHECK(b[r->head_len - 1] == '\n' && b[r->head_len - 2] == '\r');
    CHECK(r->nheaders <= MAXH);
    CHECK(r->minor == 0 || r->minor == 1);
    CHECK(r->target.n >= 1 && r->target.n <= r->max_target);
    inside(r->method, b, r->head_len);
    inside(r->target, b, r->head_len);
    inside(r->scheme, b, r->head_len);
    inside(r->authority, b, r->head_len);
    inside(r->path, b, r->head_len);
    inside(r->query, b, r->head_len);
    inside(r->host, b, r->head_len);
    for (size_t i = 0; i < r->nheaders; i++) {
        const bk_http_header_t *h = &r->headers[i];
        inside(h->name, b, r->head_len);
        inside(h->value, b, r->head_len);
        CHECK(h->name.n > 0);
        for (size_t j = 0; j < h->value.n; j++)
            CHECK((h->value.p[j] >= 0x20 && h->value.p[j] != 0x7f) ||
                  h->value.p[j] == '\t');
        if (h->value.n)
            CHECK(h->value.p[0] != ' ' && h->value.p[h->value.n - 1] != ' ');
    }
    if (r->framing.body == BK_HTTP_BODY_CHUNKED)
        CHECK(!r->framing.has_length && r->minor == 1);
    CHECK(r->framing.body != BK_HTTP_BODY_CLOSE);
}

/* Decodes a chunked body whole and byte by byte; they must agree. */
static void body_chunked(const uint8_t *in, size_t n)
{
    bk_http_chunked_t c1, c2;
    bk_str_t d;
    size_t used, at = 0, got1 = 0, got2 = 0, at2 = 0;
    int rc1, rc2 = BK_AGAIN;
    uint8_t *o = malloc(n + 1);
    CHECK(o != NULL);
    bk_http_chunked_init(&c1);
    do {
        rc1 = bk_http_chunked_parse(&c1, in + at, n - at, &used, &d);
        CHECK(used <= n - at);
        memcpy(o + got1, d.p, d.n);
        got1 += d.n;
        at += used;
    } while (rc1 == BK_OK);
    bk_http_chunked_init(&c2);
    for (size_t k = 0; k < n && rc2 == BK_AGAIN; k++) {
        size_t off = 0;
        do {
            rc2 = bk_http_chunked_parse(&c2, in + k + off, 1 - off, &used, &d);
            if (d.n) {
                CHECK(got2 + d.n <= got1 &&
                      memcmp(o + got2, d.p, d.n) == 0);
                got2 += d.n;
            }
            off += used;
        } while (rc2 == BK_OK);
        at2 += off;
    }
    CHECK(rc1 == rc2);
    if (rc1 != BK_ERR)
        CHECK(got1 == got2);
    if (rc1 == BK_DONE)
        CHECK(at == at2);
    free(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bk_http_header_t h1[MAXH], h2[MAXH];
    bk_http_req_t a, b;

    int tiny = size % 3 == 1;
    size_t maxh = tiny ? 3 : MAXH;
#define INIT(r, h)                                                            \
    do {                                                                      \
        bk_http_req_init((r), (h), maxh);                                     \
        if (tiny) {                                                           \
            (r)->max_target = 16;                                             \
            (r)->max_head = 96;                                               \
        }                                                                     \
    } while (0)

    INIT(&a, h1);
    int rc = bk_http_req_parse(&a, data, size);
    if (rc == BK_OK)
        CHECK(a.nheaders <= maxh);
    check_result(&a, rc, data, size);

    /* One byte more per call, same buffer. */
    INIT(&b, h2);
    int rc2 = BK_AGAIN;
    size_t k;
    for (k = 1; k <= size && rc2 == BK_AGAIN; k++)
        rc2 = bk_http_req_parse(&b, data, k);
    CHECK(rc2 == rc);
    compare(&a, data, &b, data, rc);
    if (rc == BK_OK)
        CHECK(a.head_len == k - 1);

    /* Two pieces, the second call from a moved copy. */
    size_t cut = size ? (size_t)data[size / 2] * 131 % (size + 1) : 0;
    uint8_t *p1 = malloc(cut + 1), *p2 = malloc(size + 1);
    CHECK(p1 && p2);
    memcpy(p1, data, cut);
    memcpy(p2, data, size);
    INIT(&b, h2);
    rc2 = bk_http_req_parse(&b, p1, cut);
    free(p1);
    if (rc2 == BK_AGAIN)
        rc2 = bk_http_req_parse(&b, p2, size);
    CHECK(rc2 == rc);
    if (rc == BK_OK && b.head_len <= cut) {
        /* Finished inside the first piece: slices are in the freed copy,
         * so compare the numbers only. */
        CHECK(a.head_len == b.head_len);
    } else {
        compare(&a, data, &b, p2, rc);
    }
    free(p2);

    if (rc == BK_OK && a.framing.body == BK_HTTP_BODY_CHUNKED)
        body_chunked(data + a.head_len, size - a.head_len);
    if (rc == BK_OK && a.framing.body == BK_HTTP_BODY_LENGTH) {
        bk_http_length_t l;
        bk_str_t d;
        size_t used;
        bk_http_length_init(&l, a.framing.content_length);
        int r = bk_http_length_parse(&l, data + a.head_len,
                                     size - a.head_len, &used, &d);
        CHECK(used <= size - a.head_len && d.n == used);
        CHECK(r == BK_DONE || used == size - a.head_len);
    }
    return 0;
}
