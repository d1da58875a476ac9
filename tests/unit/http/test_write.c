/*
 * test_write.c: head and chunk writers (checked by parsing their output
 * back) and reason phrases. HTTP dates: tests/unit/core/test_date.c.
 */

#include "unit/http/http_test.h"

#define HDR(n, v) {BK_STR(n), BK_STR(v), 0, 0}

static void test_write_resp_head(void **state)
{
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    bk_http_header_t h[] = {HDR("Content-Length", "5"), HDR("X-Cache",
                                                            "Hit from brink")};
    assert_int_equal(bk_http_write_resp_head(&b, 1, 200, BK_STR_NULL, h, 2),
                     BK_OK);
    const char *want = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                       "X-Cache: Hit from brink\r\n\r\n";
    assert_int_equal(b.n, strlen(want));
    assert_memory_equal(b.p, want, b.n);

    /* It parses back to the same thing. */
    bk_http_resp_t r;
    bk_http_header_t rh[MAXH];
    bk_http_resp_init(&r, rh, MAXH, BK_HTTP_GET);
    assert_int_equal(bk_http_resp_parse(&r, b.p, b.n), BK_OK);
    assert_int_equal(r.code, 200);
    assert_int_equal(r.nheaders, 2);
    assert_str(rh[1].value, "Hit from brink");

    bk_buf_clear(&b);
    assert_int_equal(bk_http_write_resp_head(&b, 0, 599, BK_STR_NULL, NULL, 0),
                     BK_OK);
    assert_memory_equal(b.p, "HTTP/1.0 599 \r\n\r\n", b.n);
    bk_buf_clear(&b);
    assert_int_equal(
        bk_http_write_resp_head(&b, 1, 404, BK_STR("Nope"), NULL, 0), BK_OK);
    assert_memory_equal(b.p, "HTTP/1.1 404 Nope\r\n\r\n", b.n);
    bk_buf_free(&b);
}

static void test_write_refuses_splitting(void **state)
{
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_buf_append_cstr(&b, "keep"), BK_OK);
    const bk_http_header_t bad[][1] = {
        {HDR("X", "a\r\nSet-Cookie: evil")}, {HDR("X", "a\nb")},
        {HDR("X", "a\rb")}, {{BK_STR("X"), {(const uint8_t *)"a\0b", 3}, 0, 0}},
        {HDR("X Y", "v")}, {HDR("X:Y", "v")}, {HDR("", "v")},
        {HDR("X\r\n", "v")},
    };
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        assert_int_equal(
            bk_http_write_resp_head(&b, 1, 200, BK_STR_NULL, bad[i], 1),
            BK_ERR);
        assert_int_equal(
            bk_http_write_req_head(&b, BK_STR("GET"), BK_STR("/"), bad[i], 1),
            BK_ERR);
        assert_int_equal(
            bk_http_write_header(&b, bad[i][0].name, bad[i][0].value), BK_ERR);
        assert_int_equal(b.n, 4); /* nothing appended */
    }
    assert_int_equal(bk_http_write_resp_head(&b, 1, 99, BK_STR_NULL, NULL, 0),
                     BK_ERR);
    assert_int_equal(bk_http_write_resp_head(&b, 2, 200, BK_STR_NULL, NULL, 0),
                     BK_ERR);
    assert_int_equal(
        bk_http_write_resp_head(&b, 1, 200, BK_STR("O\r\nK"), NULL, 0), BK_ERR);
    assert_int_equal(
        bk_http_write_req_head(&b, BK_STR("G T"), BK_STR("/"), NULL, 0),
        BK_ERR);
    assert_int_equal(
        bk_http_write_req_head(&b, BK_STR("GET"), BK_STR("/a b"), NULL, 0),
        BK_ERR);
    assert_int_equal(
        bk_http_write_req_head(&b, BK_STR("GET"), BK_STR(""), NULL, 0), BK_ERR);
    assert_int_equal(b.n, 4);
    bk_buf_free(&b);
}

static void test_write_req_head(void **state)
{
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    bk_http_header_t h[] = {HDR("Host", "origin.example"),
                            HDR("Via", "1.1 brink"), HDR("Empty", "")};
    assert_int_equal(
        bk_http_write_req_head(&b, BK_STR("GET"), BK_STR("/a?b=c"), h, 3),
        BK_OK);
    const char *want = "GET /a?b=c HTTP/1.1\r\nHost: origin.example\r\n"
                       "Via: 1.1 brink\r\nEmpty: \r\n\r\n";
    assert_int_equal(b.n, strlen(want));
    assert_memory_equal(b.p, want, b.n);
    bk_http_req_t r;
    bk_http_header_t rh[MAXH];
    bk_http_req_init(&r, rh, MAXH);
    assert_int_equal(bk_http_req_parse(&r, b.p, b.n), BK_OK);
    assert_str(r.host, "origin.example");
    assert_int_equal(r.nheaders, 3);
    bk_buf_free(&b);
}

static void test_write_chunks(void **state)
{
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_http_write_chunk(&b, "hello", 5), BK_OK);
    assert_int_equal(bk_http_write_chunk(&b, "", 0), BK_OK);
    static char big[300];
    memset(big, 'z', sizeof(big));
    assert_int_equal(bk_http_write_chunk(&b, big, sizeof(big)), BK_OK);
    assert_int_equal(bk_http_write_chunk_end(&b), BK_OK);
    assert_memory_equal(b.p, "5\r\nhello\r\n12c\r\nzz", 17);
    assert_memory_equal(b.p + b.n - 8, "z\r\n0\r\n\r\n", 8);
    static chunk_res_t res;
    assert_int_equal(decode_all_ways(b.p, b.n, &res, NULL), BK_DONE);
    assert_int_equal(res.n, 305);
    assert_int_equal(res.consumed, b.n);
    bk_buf_free(&b);
}

static void test_write_buffer_limit(void **state)
{
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    b.limit = 20;
    bk_http_header_t h[] = {HDR("Content-Type", "text/plain; charset=utf-8")};
    assert_int_equal(bk_http_write_resp_head(&b, 1, 200, BK_STR_NULL, h, 1),
                     BK_ERR);
    assert_int_equal(b.n, 0);
    assert_int_equal(bk_http_write_chunk(&b, "0123456789abcdef", 16), BK_ERR);
    assert_int_equal(b.n, 0);
    bk_buf_free(&b);
}

static void test_status_reasons(void **state)
{
    assert_string_equal(bk_http_status_reason(200), "OK");
    assert_string_equal(bk_http_status_reason(304), "Not Modified");
    assert_string_equal(bk_http_status_reason(414), "URI Too Long");
    assert_string_equal(bk_http_status_reason(431),
                        "Request Header Fields Too Large");
    assert_string_equal(bk_http_status_reason(502), "Bad Gateway");
    assert_string_equal(bk_http_status_reason(505),
                        "HTTP Version Not Supported");
    assert_string_equal(bk_http_status_reason(299), "");
    assert_string_equal(bk_http_status_reason(-1), "");
}

/* Fails the N-th allocation for every N the writers reach: each write is
 * all or nothing, and the buffer stays usable. */
static void test_write_allocation_failures(void **state)
{
    static char big[5000];
    memset(big, 'b', sizeof(big));
    bk_http_header_t h[] = {HDR("Content-Type", "text/html"),
                            {BK_STR("X-Big"), {(const uint8_t *)big, 5000},
                             0, 0}};
    int failures = 0;
    for (unsigned long n = 1; n < 40; n++) {
        bk_arena_t a;
        bk_arena_init(&a, 64, 0);
        bk_buf_t b;
        bk_buf_init(&b, (n & 1) ? &a : NULL);
        bk_alloc_fail_at(n);
        size_t before = 0;
        int rc = bk_http_write_resp_head(&b, 1, 200, BK_STR_NULL, h, 2);
        if (rc != BK_OK) {
            failures++;
            assert_int_equal(b.n, before);
        }
        before = b.n;
        rc = bk_http_write_chunk(&b, big, sizeof(big));
        if (rc != BK_OK) {
            failures++;
            assert_int_equal(b.n, before);
        }
        bk_alloc_fail_at(0);
        /* The buffer still works. */
        assert_int_equal(bk_http_write_chunk_end(&b), BK_OK);
        if (b.arena == NULL)
            bk_buf_free(&b);
        bk_arena_destroy(&a);
    }
    assert_true(failures > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_resp_head),
        cmocka_unit_test(test_write_refuses_splitting),
        cmocka_unit_test(test_write_req_head),
        cmocka_unit_test(test_write_chunks),
        cmocka_unit_test(test_write_buffer_limit),
        cmocka_unit_test(test_write_allocation_failures),
        cmocka_unit_test(test_status_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
