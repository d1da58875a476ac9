/*
 * test_write.c: head and chunk writers (checked by parsing their output
 * back), reason phrases, and HTTP dates (checked against libc's gmtime_r
 * and strftime in the C locale as an independent oracle).
 */
#include <time.h>

#include "unit/http/http_test.h"
/* Included for parse_date(), which takes the current year as an input. */
#include "http/http_date.c"

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

static void oracle(int64_t t, char out[64])
{
    time_t tt = (time_t)t;
    struct tm tm;
    assert_non_null(gmtime_r(&tt, &tm));
    /* %a and %b are locale-dependent; no setlocale: the C locale. */
    strftime(out, 64, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static void test_date_format(void **state)
{
    char d[BK_HTTP_DATE_LEN + 1], o[64];
    assert_int_equal(bk_http_date_format(784111777, d), BK_HTTP_DATE_LEN);
    assert_string_equal(d, "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_int_equal(bk_http_date_format(0, d), BK_HTTP_DATE_LEN);
    assert_string_equal(d, "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_int_equal(bk_http_date_format(-1, d), BK_HTTP_DATE_LEN);
    assert_string_equal(d, "Wed, 31 Dec 1969 23:59:59 GMT");
    assert_int_equal(bk_http_date_format(951782400, d), BK_HTTP_DATE_LEN);
    assert_string_equal(d, "Tue, 29 Feb 2000 00:00:00 GMT");
    assert_int_equal(bk_http_date_format(253402300799LL, d), BK_HTTP_DATE_LEN);
    assert_string_equal(d, "Fri, 31 Dec 9999 23:59:59 GMT");
    assert_int_equal(bk_http_date_format(253402300800LL, d), 0);
    assert_int_equal(bk_http_date_format(-62167219201LL, d), 0);
    /* A sweep against libc, years 1000..9999. */
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t t = (int64_t)(x % 283000000000ULL) - 30000000000LL;
        assert_int_equal(bk_http_date_format(t, d), BK_HTTP_DATE_LEN);
        oracle(t, o);
        assert_string_equal(d, o);
        int64_t back;
        assert_int_equal(parse_date(bk_str_c(d), 2026, &back), BK_OK);
        assert_int_equal(back, t);
    }
}

static void test_date_parse_formats(void **state)
{
    int64_t t;
    assert_int_equal(
        bk_http_date_parse(BK_STR("Sun, 06 Nov 1994 08:49:37 GMT"), &t), BK_OK);
    assert_int_equal(t, 784111777);
    assert_int_equal(
        bk_http_date_parse(BK_STR("Sunday, 06-Nov-94 08:49:37 GMT"), &t),
        BK_OK);
    assert_int_equal(t, 784111777);
    assert_int_equal(bk_http_date_parse(BK_STR("Sun Nov  6 08:49:37 1994"), &t),
                     BK_OK);
    assert_int_equal(t, 784111777);
    assert_int_equal(bk_http_date_parse(BK_STR("Thu Nov 16 08:49:37 1994"), &t),
                     BK_OK);
    assert_int_equal(t, 784111777 + 10 * 86400);
    /* A leap second is the next minute's first second. */
    assert_int_equal(
        bk_http_date_parse(BK_STR("Sat, 31 Dec 2016 23:59:60 GMT"), &t), BK_OK);
    assert_int_equal(t, 1483228800);
}

static void test_date_parse_invalid(void **state)
{
    const char *bad[] = {
        "",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 GMT ",
        " Sun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Mon, 29 Feb 1999 00:00:00 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sunday 06-Nov-94 08:49:37 GMT",
        "Sund, 06-Nov-94 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMTX",
    };
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        int64_t t;
        if (bk_http_date_parse(bk_str_c(bad[i]), &t) != BK_ERR)
            fail_msg("accepted \"%s\"", bad[i]);
    }
}

static void test_date_rfc850_century(void **state)
{
    int64_t t;
    char d[BK_HTTP_DATE_LEN + 1];
    assert_int_equal(
        parse_date(BK_STR("Monday, 01-Jan-26 00:00:00 GMT"), 2026, &t), BK_OK);
    bk_http_date_format(t, d);
    assert_string_equal(d, "Thu, 01 Jan 2026 00:00:00 GMT");
    assert_int_equal(
        parse_date(BK_STR("Monday, 01-Jan-76 00:00:00 GMT"), 2026, &t), BK_OK);
    bk_http_date_format(t, d);
    assert_string_equal(d, "Wed, 01 Jan 2076 00:00:00 GMT");
    assert_int_equal(
        parse_date(BK_STR("Monday, 01-Jan-77 00:00:00 GMT"), 2026, &t), BK_OK);
    bk_http_date_format(t, d);
    assert_string_equal(d, "Sat, 01 Jan 1977 00:00:00 GMT");
    assert_int_equal(
        parse_date(BK_STR("Monday, 01-Jan-01 00:00:00 GMT"), 2099, &t), BK_OK);
    bk_http_date_format(t, d);
    assert_string_equal(d, "Sat, 01 Jan 2101 00:00:00 GMT");
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
        cmocka_unit_test(test_date_format),
        cmocka_unit_test(test_date_parse_formats),
        cmocka_unit_test(test_date_parse_invalid),
        cmocka_unit_test(test_date_rfc850_century),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
