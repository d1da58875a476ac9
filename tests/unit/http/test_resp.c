/*
 * test_resp.c: the origin-response head parser. Every message is parsed
 * whole, byte by byte from moving buffers and split at every position.
 */
#include "unit/http/http_test.h"

static void same_resp(const bk_http_resp_t *a, const uint8_t *ab,
                      const bk_http_resp_t *b, const uint8_t *bb, int rc)
{
    if (rc == BK_ERR) {
        assert_int_equal(b->status, 502);
        assert_string_equal(a->reason, b->reason);
        return;
    }
    if (rc != BK_OK)
        return;
    assert_int_equal(a->head_len, b->head_len);
    assert_int_equal(a->code, b->code);
    assert_int_equal(a->interim, b->interim);
    same_slice(a->reason_phrase, ab, b->reason_phrase, bb, "reason");
    assert_int_equal(a->nheaders, b->nheaders);
    for (size_t i = 0; i < a->nheaders; i++) {
        same_slice(a->headers[i].name, ab, b->headers[i].name, bb, "name");
        same_slice(a->headers[i].value, ab, b->headers[i].value, bb, "value");
    }
    assert_int_equal(a->framing.body, b->framing.body);
    assert_int_equal(a->framing.content_length, b->framing.content_length);
    assert_int_equal(a->framing.keep_alive, b->framing.keep_alive);
}

static int parse_resp_m(const char *msg, size_t n, bk_http_method_t m,
                        bk_http_resp_t *out, bk_http_header_t *hs)
{
    const uint8_t *b0 = (const uint8_t *)msg;
    bk_http_header_t h2[MAXH];
    bk_http_resp_t r2;
    int rc, rc2 = BK_AGAIN;

    bk_http_resp_init(out, hs, MAXH, m);
    rc = bk_http_resp_parse(out, b0, n);
    if (rc == BK_OK) {
        assert_true(out->head_len <= n);
        for (size_t i = 0; i < out->nheaders; i++)
            assert_true(hs[i].value.p + hs[i].value.n <= b0 + out->head_len);
    }
    bk_http_resp_init(&r2, h2, MAXH, m);
    uint8_t *last = NULL;
    for (size_t k = 1; k <= n && rc2 == BK_AGAIN; k++) {
        uint8_t *copy = malloc(k);
        assert_non_null(copy);
        memcpy(copy, b0, k);
        rc2 = bk_http_resp_parse(&r2, copy, k);
        if (rc2 != BK_AGAIN)
            same_resp(out, b0, &r2, copy, rc2);
        free(last);
        last = copy;
    }
    free(last);
    assert_int_equal(rc, rc2);
    for (size_t k = 0; k <= n; k++) {
        bk_http_resp_init(&r2, h2, MAXH, m);
        rc2 = bk_http_resp_parse(&r2, b0, k);
        if (rc2 == BK_AGAIN)
            rc2 = bk_http_resp_parse(&r2, b0, n);
        assert_int_equal(rc, rc2);
        same_resp(out, b0, &r2, b0, rc2);
    }
    return rc;
}

static int parse_resp(const char *msg, bk_http_resp_t *out,
                      bk_http_header_t *hs)
{
    return parse_resp_m(msg, strlen(msg), BK_HTTP_GET, out, hs);
}

#define assert_resp_fails(msg, why)                                           \
    do {                                                                      \
        bk_http_resp_t r_;                                                    \
        bk_http_header_t h_[MAXH];                                            \
        assert_int_equal(parse_resp((msg), &r_, h_), BK_ERR);                 \
        assert_int_equal(r_.status, 502);                                     \
        assert_string_equal(r_.reason, (why));                                \
    } while (0)

static void test_resp_simple(void **state)
{
    bk_http_resp_t r;
    bk_http_header_t h[MAXH];
    const char *m = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    "Content-Length: 5\r\n\r\nhello";
    assert_int_equal(parse_resp(m, &r, h), BK_OK);
    assert_int_equal(r.code, 200);
    assert_str(r.reason_phrase, "OK");
    assert_int_equal(r.minor, 1);
    assert_int_equal(r.head_len, strlen(m) - 5);
    assert_int_equal(r.nheaders, 2);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_LENGTH);
    assert_int_equal(r.framing.content_length, 5);
    assert_true(r.framing.keep_alive);
}

static void test_resp_reason_forms(void **state)
{
    bk_http_resp_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_resp("HTTP/1.1 404 Not  Found here\r\n"
                                "Content-Length: 0\r\n\r\n",
                                &r, h),
                     BK_OK);
    assert_str(r.reason_phrase, "Not  Found here");
    assert_int_equal(parse_resp("HTTP/1.1 204 \r\n\r\n", &r, h), BK_OK);
    assert_int_equal(r.reason_phrase.n, 0);
    /* Tolerated: no space and no reason at all. */
    assert_int_equal(parse_resp("HTTP/1.1 204\r\n\r\n", &r, h), BK_OK);
    assert_int_equal(r.code, 204);
    assert_int_equal(r.reason_phrase.n, 0);
}

static void test_resp_interim_skipped(void **state)
{
    bk_http_resp_t r;
    bk_http_header_t h[MAXH];
    const char *m = "HTTP/1.1 100 Continue\r\n\r\n"
                    "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                    "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
    assert_int_equal(parse_resp(m, &r, h), BK_OK);
    assert_int_equal(r.code, 201);
    assert_int_equal(r.interim, 2);
    assert_int_equal(r.head_len, strlen(m));
    assert_int_equal(r.nheaders, 1);
    assert_str(h[0].name, "Content-Length");
}

static void test_resp_101_refused(void **state)
{
    assert_resp_fails("HTTP/1.1 101 Switching Protocols\r\n"
                      "Upgrade: websocket\r\n\r\n",
                      "unrequested 101 Switching Protocols");
}

static void test_resp_no_body_cases(void **state)
{
    bk_http_resp_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_resp("HTTP/1.1 204 No Content\r\n\r\n", &r, h),
                     BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_NONE);
    assert_true(r.framing.keep_alive);
    assert_int_equal(parse_resp("HTTP/1.1 304 Not Modified\r\n"
                                "Content-Length: 1234\r\n\r\n",
                                &r, h),
                     BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_NONE);
    assert_int_equal(r.framing.content_length, 1234);
    const char *m = "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n";
    assert_int_equal(parse_resp_m(m, strlen(m), BK_HTTP_HEAD, &r, h), BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_NONE);
    assert_true(r.framing.has_length);
    m = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    assert_int_equal(parse_resp_m(m, strlen(m), BK_HTTP_HEAD, &r, h), BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_NONE);
}

static void test_resp_body_until_close(void **state)
{
    bk_http_resp_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_resp("HTTP/1.1 200 OK\r\nServer: x\r\n\r\nabc", &r,
                                h),
                     BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_CLOSE);
    assert_false(r.framing.keep_alive);
}

static void test_resp_chunked(void **state)
{
    bk_http_resp_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_resp("HTTP/1.1 200 OK\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n",
                                &r, h),
                     BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_CHUNKED);
    assert_resp_fails("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
                      "chunked is not the final transfer coding");
    assert_resp_fails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                      "Content-Length: 5\r\n\r\n",
                      "both Content-Length and Transfer-Encoding");
    assert_resp_fails("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                      "Transfer-Encoding in HTTP/1.0");
}

static void test_resp_keep_alive(void **state)
{
    bk_http_resp_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_resp("HTTP/1.1 200 OK\r\nConnection: close\r\n"
                                "Content-Length: 0\r\n\r\n",
                                &r, h),
                     BK_OK);
    assert_false(r.framing.keep_alive);
    assert_int_equal(parse_resp("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
                                &r, h),
                     BK_OK);
    assert_false(r.framing.keep_alive);
    assert_int_equal(parse_resp("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
                                "Content-Length: 0\r\n\r\n",
                                &r, h),
                     BK_OK);
    assert_true(r.framing.keep_alive);
}

static void test_resp_garbled(void **state)
{
    assert_resp_fails("HTTP/1.1 20 OK\r\n\r\n", "invalid status code");
    assert_resp_fails("HTTP/1.1 2000 OK\r\n\r\n", "invalid status code");
    assert_resp_fails("HTTP/1.1 099 Low\r\n\r\n", "invalid status code");
    assert_resp_fails("HTTP/1.1 abc OK\r\n\r\n", "invalid status code");
    assert_resp_fails("HTTP/2 200 OK\r\n\r\n", "invalid status line");
    assert_resp_fails("http/1.1 200 OK\r\n\r\n", "invalid status line");
    assert_resp_fails("HTTP/1.1  200 OK\r\n\r\n", "invalid status code");
    assert_resp_fails("HTTP/3.0 200 OK\r\n\r\n", "HTTP version not supported");
    assert_resp_fails("<html>hello</html>", "invalid status line");
    assert_resp_fails("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n",
                      "bare LF");
    assert_resp_fails("HTTP/1.1 200 O\x01K\r\n\r\n", "invalid status line");
    assert_resp_fails("HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n", "obs-fold");
    assert_resp_fails("HTTP/1.1 200 OK\r\nX : a\r\n\r\n",
                      "whitespace before colon");
    assert_resp_fails("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n"
                      "Content-Length: 1\r\n\r\n",
                      "duplicate Content-Length");
    assert_resp_fails("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                      "invalid Content-Length");
    assert_resp_fails("HTTP/1.1 200 OK\r\nX: \x7f\r\n\r\n",
                      "control byte in field value");
    assert_resp_fails("HTTP/1.1 200 OK\r\nX: a\rY: b\r\n\r\n", "bare CR");
}

static void test_resp_head_limit(void **state)
{
    bk_http_resp_t r;
    bk_http_header_t h[4];
    const char *m = "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\n\r\n";
    bk_http_resp_init(&r, h, 4, BK_HTTP_GET);
    r.max_head = strlen(m);
    assert_int_equal(bk_http_resp_parse(&r, (const uint8_t *)m, strlen(m)),
                     BK_OK);
    bk_http_resp_init(&r, h, 4, BK_HTTP_GET);
    r.max_head = strlen(m) - 1;
    assert_int_equal(bk_http_resp_parse(&r, (const uint8_t *)m, strlen(m)),
                     BK_ERR);
    assert_string_equal(r.reason, "header section too large");
    bk_http_resp_init(&r, h, 1, BK_HTTP_GET);
    assert_int_equal(bk_http_resp_parse(&r, (const uint8_t *)m, strlen(m)),
                     BK_ERR);
    assert_int_equal(r.status, 502);
    assert_string_equal(r.reason, "too many field lines");
}

static void test_resp_endless_interim(void **state)
{
    /* 1xx heads count against the same cap, so an origin cannot keep the
     * parser busy forever. */
    static char m[40000];
    size_t n = 0;
    while (n + 30 < sizeof(m))
        n += (size_t)snprintf(m + n, sizeof(m) - n, "HTTP/1.1 100 Continue"
                                                    "\r\n\r\n");
    bk_http_resp_t r;
    bk_http_header_t h[4];
    bk_http_resp_init(&r, h, 4, BK_HTTP_GET);
    assert_int_equal(bk_http_resp_parse(&r, (const uint8_t *)m, n), BK_ERR);
    assert_string_equal(r.reason, "header section too large");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resp_simple),
        cmocka_unit_test(test_resp_reason_forms),
        cmocka_unit_test(test_resp_interim_skipped),
        cmocka_unit_test(test_resp_101_refused),
        cmocka_unit_test(test_resp_no_body_cases),
        cmocka_unit_test(test_resp_body_until_close),
        cmocka_unit_test(test_resp_chunked),
        cmocka_unit_test(test_resp_keep_alive),
        cmocka_unit_test(test_resp_garbled),
        cmocka_unit_test(test_resp_head_limit),
        cmocka_unit_test(test_resp_endless_interim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
