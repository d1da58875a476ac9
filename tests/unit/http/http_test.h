/*
 * http_test.h: helpers shared by the http unit tests. The central one,
 * parse_req_all_ways(), parses a message whole, then fed one byte at a time
 * from a buffer that moves on every call (a fresh malloc of exactly the
 * bytes given, so ASan sees any stale pointer), then split in two at every
 * position, and fails the test unless every way gives the same verdict and
 * the same results.
 */
#ifndef BK_TEST_HTTP_TEST_H
#define BK_TEST_HTTP_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http/http1.h"

#define MAXH 64

/* Whether two slices agree, each taken relative to its own buffer. */
static inline void same_slice(bk_str_t a, const uint8_t *abase, bk_str_t b,
                       const uint8_t *bbase, const char *what)
{
    if (a.n != b.n || (a.p == NULL) != (b.p == NULL) ||
        (a.p && (a.p - abase) != (b.p - bbase)))
        fail_msg("%s differs: %.*s vs %.*s", what, BK_STR_FMT(a),
                 BK_STR_FMT(b));
}

static inline void same_req(const bk_http_req_t *a, const uint8_t *ab,
                     const bk_http_req_t *b, const uint8_t *bb, int rc)
{
    if (rc == BK_ERR) {
        assert_int_equal(a->status, b->status);
        assert_string_equal(a->reason, b->reason);
        return;
    }
    if (rc != BK_OK)
        return;
    assert_int_equal(a->head_len, b->head_len);
    assert_int_equal(a->nheaders, b->nheaders);
    same_slice(a->method, ab, b->method, bb, "method");
    assert_int_equal(a->method_id, b->method_id);
    same_slice(a->target, ab, b->target, bb, "target");
    assert_int_equal(a->form, b->form);
    same_slice(a->scheme, ab, b->scheme, bb, "scheme");
    same_slice(a->authority, ab, b->authority, bb, "authority");
    same_slice(a->path, ab, b->path, bb, "path");
    same_slice(a->query, ab, b->query, bb, "query");
    same_slice(a->host, ab, b->host, bb, "host");
    assert_int_equal(a->minor, b->minor);
    assert_int_equal(a->framing.body, b->framing.body);
    assert_int_equal(a->framing.content_length, b->framing.content_length);
    assert_int_equal(a->framing.keep_alive, b->framing.keep_alive);
    assert_int_equal(a->framing.expect_continue, b->framing.expect_continue);
    for (size_t i = 0; i < a->nheaders; i++) {
        same_slice(a->headers[i].name, ab, b->headers[i].name, bb, "name");
        same_slice(a->headers[i].value, ab, b->headers[i].value, bb,
                   "value");
    }
}

/* Checks every slice of a parsed request lies inside buf[0..head_len). */
static inline void req_slices_inside(const bk_http_req_t *r, const uint8_t *buf)
{
    const bk_str_t s[] = {r->method, r->target, r->scheme, r->authority,
                          r->path,   r->query,  r->host};
    for (size_t i = 0; i < BK_COUNTOF(s); i++)
        if (s[i].p)
            assert_true(s[i].p >= buf && s[i].p + s[i].n <= buf + r->head_len);
    for (size_t i = 0; i < r->nheaders; i++) {
        bk_str_t n = r->headers[i].name, v = r->headers[i].value;
        assert_true(n.p >= buf && n.p + n.n <= buf + r->head_len);
        assert_true(v.p >= buf && v.p + v.n <= buf + r->head_len);
    }
}

/* Parses msg[0..n) whole into *out (slices into msg), then the other ways,
 * comparing. 'moving' chooses moving buffers for the byte-by-byte feed
 * (quadratic: keep it for messages of a few KB). Returns the verdict. */
static inline int parse_req_n(const char *msg, size_t n, bk_http_req_t *out,
                       bk_http_header_t *hs, size_t max)
{
    const uint8_t *m = (const uint8_t *)msg;
    bk_http_header_t h2[MAXH];
    bk_http_req_t r2;
    int rc, rc2 = BK_AGAIN;

    assert_true(max <= MAXH);
    bk_http_req_init(out, hs, max);
    rc = bk_http_req_parse(out, m, n);
    if (rc == BK_OK) {
        assert_true(out->head_len <= n);
        req_slices_inside(out, m);
    }

    /* One byte at a time; buffers move on every call when small. */
    bk_http_req_init(&r2, h2, max);
    uint8_t *last = NULL;
    for (size_t k = 1; k <= n; k++) {
        uint8_t *copy = NULL;
        const uint8_t *b = m;
        if (n <= 4096) {
            copy = malloc(k);
            assert_non_null(copy);
            memcpy(copy, m, k);
            b = copy;
        }
        rc2 = bk_http_req_parse(&r2, b, k);
        if (rc2 != BK_AGAIN) {
            if (rc2 == BK_OK)
                assert_int_equal(r2.head_len, k);
            same_req(out, m, &r2, b, rc2);
            free(last);
            last = copy;
            break;
        }
        free(last);
        last = copy;
    }
    free(last);
    assert_int_equal(rc, rc2);

    /* Two pieces, split at every position (sampled for big messages). */
    size_t step = n > 4096 ? 61 : 1;
    for (size_t k = 0; k <= n; k += step) {
        bk_http_req_init(&r2, h2, max);
        rc2 = bk_http_req_parse(&r2, m, k);
        if (rc2 == BK_AGAIN)
            rc2 = bk_http_req_parse(&r2, m, n);
        assert_int_equal(rc, rc2);
        same_req(out, m, &r2, m, rc2);
    }
    return rc;
}

static inline int parse_req(const char *msg, bk_http_req_t *out, bk_http_header_t *hs)
{
    return parse_req_n(msg, strlen(msg), out, hs, MAXH);
}

#define assert_str(s, lit)                                                    \
    do {                                                                      \
        bk_str_t s_ = (s);                                                    \
        if (!bk_str_eq(s_, BK_STR(lit)))                                      \
            fail_msg("got \"%.*s\", want \"%s\"", BK_STR_FMT(s_), lit);      \
    } while (0)

/* Expects msg to fail with 'status' and 'reason'. */
#define assert_req_fails(msg, st, why)                                        \
    do {                                                                      \
        bk_http_req_t r_;                                                     \
        bk_http_header_t h_[MAXH];                                            \
        assert_int_equal(parse_req((msg), &r_, h_), BK_ERR);                  \
        assert_int_equal(r_.status, (st));                                    \
        assert_string_equal(r_.reason, (why));                                \
    } while (0)

/* ---- chunked bodies ------------------------------------------------------ */

typedef struct {
    int rc;
    size_t consumed;
    size_t n;
    uint8_t data[65536];
    const char *reason;
} chunk_res_t;

/* Feeds in[0..len) to 'c' until it wants more or stops; appends the data. */
static inline int chunk_stream(bk_http_chunked_t *c, const uint8_t *in, size_t len,
                        chunk_res_t *res)
{
    size_t at = 0, used;
    bk_str_t d;
    int rc;
    for (;;) {
        rc = bk_http_chunked_parse(c, in + at, len - at, &used, &d);
        assert_true(used <= len - at);
        if (d.n) {
            assert_true(rc == BK_OK);
            assert_true(d.p >= in + at && d.p + d.n <= in + at + used);
            assert_true(res->n + d.n <= sizeof(res->data));
            memcpy(res->data + res->n, d.p, d.n);
            res->n += d.n;
        }
        at += used;
        if (rc != BK_OK)
            break;
    }
    res->consumed += at;
    res->rc = rc;
    res->reason = c->reason;
    return rc;
}

static inline void same_chunk(const chunk_res_t *a, const chunk_res_t *b)
{
    assert_int_equal(a->rc, b->rc);
    if (a->rc == BK_ERR) {
        assert_string_equal(a->reason, b->reason);
        return;
    }
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->data, b->data, a->n);
    if (a->rc == BK_DONE)
        assert_int_equal(a->consumed, b->consumed);
}

/* Decodes body[0..n) whole into *out, then byte by byte, split at every
 * position and in place; all must agree. 'setup' may shrink limits. */
static inline int decode_all_ways(const uint8_t *body, size_t n, chunk_res_t *out,
                           void (*setup)(bk_http_chunked_t *))
{
    static chunk_res_t r2;
    bk_http_chunked_t c;

    memset(out, 0, sizeof(*out));
    bk_http_chunked_init(&c);
    if (setup)
        setup(&c);
    chunk_stream(&c, body, n, out);
    if (out->rc == BK_ERR)
        assert_int_equal(c.status, 400);

    memset(&r2, 0, sizeof(r2));
    bk_http_chunked_init(&c);
    if (setup)
        setup(&c);
    r2.rc = BK_AGAIN;
    for (size_t k = 0; k < n && r2.rc == BK_AGAIN; k++) {
        uint8_t one = body[k];
        chunk_stream(&c, &one, 1, &r2);
    }
    same_chunk(out, &r2);

    for (size_t k = 0; k <= n; k += (n > 4096 ? 97 : 1)) {
        memset(&r2, 0, sizeof(r2));
        bk_http_chunked_init(&c);
        if (setup)
            setup(&c);
        if (chunk_stream(&c, body, k, &r2) == BK_AGAIN)
            chunk_stream(&c, body + k, n - k, &r2);
        same_chunk(out, &r2);
    }

    /* In place. */
    uint8_t *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    memcpy(copy, body, n);
    size_t used = 0, w = 0;
    bk_http_chunked_init(&c);
    if (setup)
        setup(&c);
    int rc = bk_http_chunked_decode(&c, copy, n, &used, &w);
    assert_int_equal(rc, out->rc);
    if (rc != BK_ERR) {
        assert_int_equal(w, out->n);
        assert_memory_equal(copy, out->data, w);
        if (rc == BK_DONE) {
            assert_int_equal(used, out->consumed);
            assert_memory_equal(copy + used, body + used, n - used);
        }
    }
    free(copy);
    return out->rc;
}

static inline int decode_str(const char *body, chunk_res_t *out)
{
    return decode_all_ways((const uint8_t *)body, strlen(body), out, NULL);
}

#endif
