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
static void same_slice(bk_str_t a, const uint8_t *abase, bk_str_t b,
                       const uint8_t *bbase, const char *what)
{
    if (a.n != b.n || (a.p == NULL) != (b.p == NULL) ||
        (a.p && (a.p - abase) != (b.p - bbase)))
        fail_msg("%s differs: %.*s vs %.*s", what, BK_STR_FMT(a),
                 BK_STR_FMT(b));
}

static void same_req(const bk_http_req_t *a, const uint8_t *ab,
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
static void req_slices_inside(const bk_http_req_t *r, const uint8_t *buf)
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
static int parse_req_n(const char *msg, size_t n, bk_http_req_t *out,
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

static int parse_req(const char *msg, bk_http_req_t *out, bk_http_header_t *hs)
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

#endif
