/*
 * test_parse.c: the request-head parser, one test per rule. Every message
 * goes through parse_req(), which also feeds it byte by byte from moving
 * buffers and split at every position, and checks all ways agree.
 */
#include "unit/http/http_test.h"
#include "http/http1_int.h"

#define H11 " HTTP/1.1\r\nHost: example.com\r\n"

/* ---- valid requests ---------------------------------------------------- */

static void test_simple_get(void **state)
{
    const char *m = "GET /index.html?a=1&b=2 HTTP/1.1\r\n"
                    "Host: example.com\r\n"
                    "Accept: */*\r\n\r\n";
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req(m, &r, h), BK_OK);
    assert_int_equal(r.head_len, strlen(m));
    assert_str(r.method, "GET");
    assert_int_equal(r.method_id, BK_HTTP_GET);
    assert_str(r.target, "/index.html?a=1&b=2");
    assert_int_equal(r.form, BK_HTTP_FORM_ORIGIN);
    assert_str(r.path, "/index.html");
    assert_str(r.query, "a=1&b=2");
    assert_str(r.host, "example.com");
    assert_int_equal(r.minor, 1);
    assert_int_equal(r.nheaders, 2);
    assert_str(h[0].name, "Host");
    assert_str(h[1].name, "Accept");
    assert_str(h[1].value, "*/*");
    assert_int_equal(r.framing.body, BK_HTTP_BODY_NONE);
    assert_true(r.framing.keep_alive);
    assert_false(r.framing.expect_continue);
    assert_null(r.scheme.p);
}

static const char browser_req[] =
    "GET /assets/app.js?v=20240101 HTTP/1.1\r\n"
    "Host: www.example.com\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,"
    "image/avif,image/webp,*/*;q=0.8\r\n"
    "Accept-Language: en-US,en;q=0.9\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Referer: https://www.example.com/\r\n"
    "Cookie: session=abc123; theme=dark\r\n"
    "Connection: keep-alive\r\n"
    "Sec-Fetch-Dest: script\r\n"
    "Sec-Fetch-Mode: no-cors\r\n"
    "\r\n";

static void test_browser_request(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req(browser_req, &r, h), BK_OK);
    assert_int_equal(r.nheaders, 10);
    assert_str(bk_http_header_get(h, r.nheaders, BK_STR("cookie")),
               "session=abc123; theme=dark");
    assert_str(bk_http_header_get(h, r.nheaders, BK_STR("ACCEPT-ENCODING")),
               "gzip, deflate, br");
    assert_true(r.framing.keep_alive);
}

static void test_pipelined_requests(void **state)
{
    const char *m = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                    "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req(m, &r, h), BK_OK);
    assert_int_equal(r.head_len, strlen(m) / 2);
    assert_str(r.path, "/a");
    const char *rest = m + r.head_len;
    assert_int_equal(parse_req(rest, &r, h), BK_OK);
    assert_str(r.path, "/b");
}

static void test_leading_empty_lines(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("\r\n\r\nGET /" H11 "\r\n", &r, h), BK_OK);
    assert_str(r.method, "GET");
    assert_req_fails("\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\nGET /" H11 "\r\n",
                     400, "too many empty lines before request");
    assert_req_fails("\nGET /" H11 "\r\n", 400, "bare LF");
}

static void test_absolute_form(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("GET http://Origin.example:8080/p/q?x=1 "
                               "HTTP/1.1\r\nHost: other.example\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_int_equal(r.form, BK_HTTP_FORM_ABSOLUTE);
    assert_str(r.scheme, "http");
    assert_str(r.authority, "Origin.example:8080");
    assert_str(r.host, "Origin.example:8080"); /* overrides Host */
    assert_str(r.path, "/p/q");
    assert_str(r.query, "x=1");
}

static void test_absolute_form_no_path(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("GET HTTPS://a.example?q HTTP/1.1\r\n"
                               "Host: a.example\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_str(r.scheme, "HTTPS");
    assert_str(r.host, "a.example");
    assert_int_equal(r.path.n, 0);
    assert_str(r.query, "q");
}

static void test_authority_form_connect(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("CONNECT db.example:5432 HTTP/1.1\r\n"
                               "Host: db.example:5432\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_int_equal(r.method_id, BK_HTTP_CONNECT);
    assert_int_equal(r.form, BK_HTTP_FORM_AUTHORITY);
    assert_str(r.host, "db.example:5432");
    assert_int_equal(parse_req("CONNECT [::1]:443 HTTP/1.1\r\n"
                               "Host: [::1]:443\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_req_fails("CONNECT db.example HTTP/1.1\r\nHost: h\r\n\r\n", 400,
                     "CONNECT needs authority-form host:port");
    assert_req_fails("CONNECT / HTTP/1.1\r\nHost: h\r\n\r\n", 400,
                     "CONNECT needs authority-form host:port");
    assert_req_fails("CONNECT a:99999 HTTP/1.1\r\nHost: h\r\n\r\n", 400,
                     "CONNECT needs authority-form host:port");
}

static void test_asterisk_form(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("OPTIONS *" H11 "\r\n", &r, h), BK_OK);
    assert_int_equal(r.form, BK_HTTP_FORM_ASTERISK);
    assert_str(r.host, "example.com");
    assert_req_fails("GET *" H11 "\r\n", 400,
                     "asterisk-form outside OPTIONS");
    assert_req_fails("OPTIONS *x" H11 "\r\n", 400, "invalid request-target");
}

static void test_http10(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("GET / HTTP/1.0\r\n\r\n", &r, h), BK_OK);
    assert_int_equal(r.minor, 0);
    assert_false(r.framing.keep_alive);
    assert_int_equal(r.host.n, 0);
    assert_int_equal(parse_req("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n"
                               "Host: h\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_true(r.framing.keep_alive);
    assert_str(r.host, "h");
}

static void test_connection_close(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("GET /" H11 "Connection: close\r\n\r\n", &r, h),
                     BK_OK);
    assert_false(r.framing.keep_alive);
    assert_int_equal(
        parse_req("GET /" H11 "Connection: keep-alive, Upgrade\r\n\r\n", &r, h),
        BK_OK);
    assert_true(r.framing.keep_alive);
    assert_true(r.framing.conn_upgrade);
    assert_int_equal(parse_req("GET /" H11 "Connection: foo\r\n"
                               "Connection: CLOSE\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_false(r.framing.keep_alive);
}

static void test_expect_continue(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("PUT /up" H11 "Expect: 100-Continue\r\n"
                               "Content-Length: 10\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_true(r.framing.expect_continue);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_LENGTH);
    assert_int_equal(r.framing.content_length, 10);
    assert_int_equal(parse_req("GET /" H11 "\r\n", &r, h), BK_OK);
    assert_false(r.framing.expect_continue);
    /* Ignored in HTTP/1.0 (RFC 9110 §10.1.1). */
    assert_int_equal(parse_req("PUT /up HTTP/1.0\r\nExpect: 100-continue\r\n"
                               "Content-Length: 1\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_false(r.framing.expect_continue);
}

static void test_content_length(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(
        parse_req("POST /" H11 "Content-Length:   0042  \r\n\r\n", &r, h),
        BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_LENGTH);
    assert_true(r.framing.has_length);
    assert_int_equal(r.framing.content_length, 42);
    assert_int_equal(parse_req("POST /" H11
                               "Content-Length: 9223372036854775807\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_int_equal(r.framing.content_length, INT64_MAX);
}

static void cl_fails(const char *v)
{
    char m[256];
    snprintf(m, sizeof(m), "POST /" H11 "Content-Length: %s\r\n\r\n", v);
    assert_req_fails(m, 400, "invalid Content-Length");
}

static void test_cl_sign(void **state)
{
    cl_fails("+5");
    cl_fails("-5");
}

static void test_cl_inner_space(void **state)
{
    cl_fails("1 0");
    cl_fails("1\t0");
}

static void test_cl_hex(void **state)
{
    cl_fails("0x5");
    cl_fails("5a");
    cl_fails("A");
}

static void test_cl_overflow(void **state)
{
    cl_fails("9223372036854775808");
    cl_fails("18446744073709551616");
    cl_fails("99999999999999999999999999");
}

static void test_cl_list(void **state)
{
    cl_fails("5,5");
    cl_fails("5, 5");
    cl_fails("5,");
}

static void test_cl_empty(void **state) { cl_fails(""); }

static void test_content_length_duplicate(void **state)
{
    /* Any repeat is refused, even one that agrees. */
    assert_req_fails("POST /" H11 "Content-Length: 5\r\n"
                     "Content-Length: 5\r\n\r\n",
                     400, "duplicate Content-Length");
    assert_req_fails("POST /" H11 "Content-Length: 5\r\n"
                     "content-length: 6\r\n\r\n",
                     400, "duplicate Content-Length");
}

static void test_chunked(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(
        parse_req("POST /" H11 "Transfer-Encoding: chunked\r\n\r\n", &r, h),
        BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_CHUNKED);
    assert_false(r.framing.has_length);
    /* Coding names are case-insensitive (RFC 9112 §7); HTAB is OWS. */
    assert_int_equal(
        parse_req("POST /" H11 "Transfer-Encoding:\tChunKed \r\n\r\n", &r, h),
        BK_OK);
    assert_int_equal(r.framing.body, BK_HTTP_BODY_CHUNKED);
}

static void test_te_unsupported_coding_501(void **state)
{
    assert_req_fails("POST /" H11 "Transfer-Encoding: gzip, chunked\r\n\r\n",
                     501, "unsupported transfer coding");
    assert_req_fails("POST /" H11 "Transfer-Encoding: foo\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n",
                     501, "unsupported transfer coding");
}

static void test_te_not_final(void **state)
{
    assert_req_fails("POST /" H11 "Transfer-Encoding: chunked, gzip\r\n\r\n",
                     400, "chunked is not the final transfer coding");
    assert_req_fails("POST /" H11 "Transfer-Encoding: gzip\r\n\r\n", 400,
                     "chunked is not the final transfer coding");
}

static void test_te_in_http10(void **state)
{
    assert_req_fails("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
                     400, "Transfer-Encoding in HTTP/1.0");
}

static void test_cl_and_te(void **state)
{
    assert_req_fails("POST /" H11 "Content-Length: 3\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n",
                     400, "both Content-Length and Transfer-Encoding");
}

static void test_header_values_trimmed(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("GET /" H11 "X-A: \t a  b \t\r\nX-Empty:\r\n"
                               "X-Sp:    \r\nX-Obs: caf\xc3\xa9\r\n\r\n",
                               &r, h),
                     BK_OK);
    assert_str(h[1].value, "a  b");
    assert_int_equal(h[2].value.n, 0);
    assert_int_equal(h[3].value.n, 0);
    assert_str(h[4].value, "caf\xc3\xa9"); /* obs-text is allowed */
}

static void test_header_lookup(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("GET /" H11 "Via: 1\r\nX: y\r\nvia: 2\r\n"
                               "VIA: 3\r\nCache-Control: no-cache, Max-Age=0"
                               "\r\n\r\n",
                               &r, h),
                     BK_OK);
    long j = bk_http_header_find(h, r.nheaders, BK_STR("via"), 0);
    assert_int_equal(j, 1);
    j = bk_http_header_find(h, r.nheaders, BK_STR("via"), (size_t)j + 1);
    assert_int_equal(j, 3);
    assert_str(h[j].value, "2");
    j = bk_http_header_find(h, r.nheaders, BK_STR("via"), (size_t)j + 1);
    assert_int_equal(j, 4);
    assert_int_equal(
        bk_http_header_find(h, r.nheaders, BK_STR("via"), (size_t)j + 1), -1);
    assert_str(bk_http_header_get(h, r.nheaders, BK_STR("VIA")), "1");
    assert_null(bk_http_header_get(h, r.nheaders, BK_STR("nope")).p);
    assert_true(bk_http_header_has_token(h, r.nheaders,
                                         BK_STR("cache-control"),
                                         BK_STR("max-age=0")));
    assert_false(bk_http_header_has_token(h, r.nheaders,
                                          BK_STR("cache-control"),
                                          BK_STR("no-store")));
}

static void test_methods(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    assert_int_equal(parse_req("PURGE /" H11 "\r\n", &r, h), BK_OK);
    assert_int_equal(r.method_id, BK_HTTP_OTHER);
    assert_str(r.method, "PURGE");
    /* Methods are case-sensitive: "get" is some other method. */
    assert_int_equal(parse_req("get /" H11 "\r\n", &r, h), BK_OK);
    assert_int_equal(r.method_id, BK_HTTP_OTHER);
    assert_int_equal(parse_req("DELETE /" H11 "\r\n", &r, h), BK_OK);
    assert_int_equal(r.method_id, BK_HTTP_DELETE);
    assert_string_equal(bk_http_method_name(BK_HTTP_PATCH), "PATCH");
    assert_string_equal(bk_http_method_name(BK_HTTP_OTHER), "");
}

static void test_method_invalid(void **state)
{
    assert_req_fails("G@T /" H11 "\r\n", 400, "invalid method");
    assert_req_fails("GET\t/" H11 "\r\n", 400, "invalid method");
    assert_req_fails(" GET /" H11 "\r\n", 400, "invalid method");
    char m[128];
    snprintf(m, sizeof(m), "%s /" H11 "\r\n",
             "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"); /* 33 bytes */
    assert_req_fails(m, 400, "method too long");
}

static void test_version_unsupported_505(void **state)
{
    assert_req_fails("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505,
                     "HTTP version not supported");
    assert_req_fails("GET / HTTP/1.2\r\nHost: h\r\n\r\n", 505,
                     "HTTP version not supported");
    assert_req_fails("GET / HTTP/0.9\r\n\r\n", 505,
                     "HTTP version not supported");
}

static void test_version_malformed(void **state)
{
    assert_req_fails("GET / http/1.1\r\nHost: h\r\n\r\n", 400,
                     "invalid HTTP version");
    assert_req_fails("GET / HTTP/1.10\r\nHost: h\r\n\r\n", 400,
                     "invalid HTTP version");
    assert_req_fails("GET / HTTP/11\r\nHost: h\r\n\r\n", 400,
                     "invalid HTTP version");
    assert_req_fails("GET /\r\n\r\n", 400, "missing HTTP version");
}

static void test_request_line_spaces(void **state)
{
    assert_req_fails("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400,
                     "extra whitespace in start line");
    assert_req_fails("GET /  HTTP/1.1\r\nHost: h\r\n\r\n", 400,
                     "extra whitespace in start line");
    assert_req_fails("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400,
                     "extra whitespace in start line");
    assert_req_fails("GET / HTTP/1.1\t\r\nHost: h\r\n\r\n", 400,
                     "extra whitespace in start line");
}

static void test_target_bytes(void **state)
{
    assert_req_fails("GET /a#frag" H11 "\r\n", 400, "invalid request-target");
    assert_req_fails("GET /caf\xc3\xa9" H11 "\r\n", 400,
                     "invalid request-target");
    assert_req_fails("GET /a\x7f" H11 "\r\n", 400, "invalid request-target");
    assert_req_fails("GET /a\tb" H11 "\r\n", 400, "invalid request-target");
    assert_req_fails("GET foo" H11 "\r\n", 400, "invalid request-target");
}

static char *repeat(const char *pre, char c, size_t n, const char *post)
{
    size_t a = strlen(pre), b = strlen(post);
    char *m = malloc(a + n + b + 1);
    assert_non_null(m);
    memcpy(m, pre, a);
    memset(m + a, c, n);
    memcpy(m + a + n, post, b + 1);
    return m;
}

static void test_target_414(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    char *ok = repeat("GET /", 'a', BK_HTTP_MAX_TARGET - 1, H11 "\r\n");
    assert_int_equal(parse_req(ok, &r, h), BK_OK);
    assert_int_equal(r.target.n, BK_HTTP_MAX_TARGET);
    free(ok);
    char *big = repeat("GET /", 'a', BK_HTTP_MAX_TARGET, H11 "\r\n");
    assert_req_fails(big, 414, "request-target too long");
    free(big);
}

static void test_target_limit_configurable(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[4];
    const char *m = "GET /abcdef" H11 "\r\n";
    bk_http_req_init(&r, h, 4);
    r.max_target = 6;
    assert_int_equal(bk_http_req_parse(&r, (const uint8_t *)m, strlen(m)),
                     BK_ERR);
    assert_int_equal(r.status, 414);
    bk_http_req_init(&r, h, 4);
    r.max_target = 7;
    assert_int_equal(bk_http_req_parse(&r, (const uint8_t *)m, strlen(m)),
                     BK_OK);
}

static void test_too_many_headers_431(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    char m[1024] = "GET /" H11;
    for (int i = 1; i < 8; i++)
        snprintf(m + strlen(m), sizeof(m) - strlen(m), "X-%d: v\r\n", i);
    strcat(m, "\r\n");
    assert_int_equal(parse_req_n(m, strlen(m), &r, h, 8), BK_OK);
    assert_int_equal(r.nheaders, 8);
    assert_int_equal(parse_req_n(m, strlen(m), &r, h, 7), BK_ERR);
    assert_int_equal(r.status, 431);
    assert_string_equal(r.reason, "too many field lines");
}

static void test_header_section_431(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    /* "Host: example.com\r\n" + "X: <v>\r\n" + "\r\n" is exactly the cap. */
    size_t fixed = strlen("Host: example.com\r\n") + strlen("X: \r\n") + 2;
    char *ok = repeat("GET /" H11 "X: ", 'v', BK_HTTP_MAX_HEAD - fixed,
                      "\r\n\r\n");
    assert_int_equal(parse_req(ok, &r, h), BK_OK);
    free(ok);
    char *big = repeat("GET /" H11 "X: ", 'v', BK_HTTP_MAX_HEAD - fixed + 1,
                       "\r\n\r\n");
    assert_req_fails(big, 431, "header section too large");
    free(big);
}

static void test_missing_host(void **state)
{
    assert_req_fails("GET / HTTP/1.1\r\n\r\n", 400, "missing Host");
    assert_req_fails("GET / HTTP/1.1\r\nX-Host: h\r\n\r\n", 400,
                     "missing Host");
}

static void test_multiple_host(void **state)
{
    assert_req_fails("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", 400,
                     "multiple Host");
    assert_req_fails("GET / HTTP/1.0\r\nHost: a\r\nHOST: b\r\n\r\n", 400,
                     "multiple Host");
}

static void test_invalid_host(void **state)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    const char *bad[] = {"", "a b", "a,b", "a:", "a:x", "a:123456", "a:65536",
                         "[::1", "[]", "[x]", "a/b", "a@b", "a:80:80"};
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        char m[128];
        snprintf(m, sizeof(m), "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", bad[i]);
        assert_req_fails(m, 400, "invalid Host");
    }
    const char *good[] = {"a", "A.Example-1_x~.", "a:0", "a:65535",
                          "[2001:db8::1]:8080", "10.0.0.1:80"};
    for (size_t i = 0; i < BK_COUNTOF(good); i++) {
        char m[128];
        snprintf(m, sizeof(m), "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", good[i]);
        assert_int_equal(parse_req(m, &r, h), BK_OK);
    }
}

static void test_empty_field_name(void **state)
{
    assert_req_fails("GET /" H11 ": v\r\n\r\n", 400, "empty field name");
}

static void test_space_before_colon(void **state)
{
    assert_req_fails("GET /" H11 "X : v\r\n\r\n", 400,
                     "whitespace before colon");
    assert_req_fails("GET /" H11 "X\t: v\r\n\r\n", 400,
                     "whitespace before colon");
}

static void test_invalid_name_bytes(void **state)
{
    const char *bad[] = {"X(y)", "X\"", "X/y", "X[1]", "X{", "X@", "X=y",
                         "X\xc3\xa9", "NoColon\r\n"};
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        char m[128];
        snprintf(m, sizeof(m), "GET /" H11 "%s: v\r\n\r\n", bad[i]);
        assert_req_fails(m, 400, "invalid byte in field name");
    }
}

static void test_obs_fold(void **state)
{
    assert_req_fails("GET /" H11 "X: a\r\n b\r\n\r\n", 400, "obs-fold");
    assert_req_fails("GET /" H11 "X: a\r\n\tb\r\n\r\n", 400, "obs-fold");
}

static void test_whitespace_before_first_field(void **state)
{
    assert_req_fails("GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400,
                     "whitespace before first field line");
}

static void test_bare_lf(void **state)
{
    assert_req_fails("GET / HTTP/1.1\nHost: h\r\n\r\n", 400, "bare LF");
    assert_req_fails("GET /" H11 "X: a\n\r\n", 400, "bare LF");
    assert_req_fails("GET /" H11 "\n", 400, "bare LF");
    assert_req_fails("GET /" H11 "X\n\r\n", 400, "bare LF");
    assert_req_fails("GET /" H11 "X:\n\r\n", 400, "bare LF");
}

static void test_bare_cr(void **state)
{
    assert_req_fails("GET / HTTP/1.1\rHost: h\r\n\r\n", 400, "bare CR");
    assert_req_fails("GET /" H11 "X: a\rb\r\n\r\n", 400, "bare CR");
    assert_req_fails("GET /" H11 "\rX\r\n", 400, "bare CR");
    assert_req_fails("\rGET /" H11 "\r\n", 400, "bare CR");
}

static void test_control_bytes(void **state)
{
    static const char ctl[] = {0, 1, 8, 0x0b, 0x0c, 0x1f, 0x7f};
    for (size_t i = 0; i < sizeof(ctl); i++) {
        char m[128];
        int n = snprintf(m, sizeof(m), "GET /" H11 "X: a%cb\r\n\r\n", '#');
        char *p = memchr(m, '#', (size_t)n);
        *p = ctl[i];
        bk_http_req_t r;
        bk_http_header_t h[MAXH];
        assert_int_equal(parse_req_n(m, (size_t)n, &r, h, MAXH), BK_ERR);
        assert_string_equal(r.reason, "control byte in field value");
        /* The same byte in a field name. */
        n = snprintf(m, sizeof(m), "GET /" H11 "X%cY: ab\r\n\r\n", '#');
        p = memchr(m, '#', (size_t)n);
        *p = ctl[i];
        assert_int_equal(parse_req_n(m, (size_t)n, &r, h, MAXH), BK_ERR);
        assert_string_equal(r.reason, "invalid byte in field name");
    }
}

static void test_incomplete_is_again(void **state)
{
    const char *m = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n";
    bk_http_header_t h[MAXH];
    bk_http_req_t r;
    for (size_t k = 0; k < strlen(m); k++) {
        bk_http_req_init(&r, h, MAXH);
        assert_int_equal(bk_http_req_parse(&r, (const uint8_t *)m, k),
                         BK_AGAIN);
    }
}

static void test_verdict_is_sticky(void **state)
{
    const char *m = "GET /x HTTP/1.1\r\nHost: h\r\n\r\nJUNK";
    bk_http_header_t h[MAXH];
    bk_http_req_t r;
    bk_http_req_init(&r, h, MAXH);
    assert_int_equal(bk_http_req_parse(&r, (const uint8_t *)m, strlen(m)),
                     BK_OK);
    assert_int_equal(bk_http_req_parse(&r, (const uint8_t *)m, strlen(m)),
                     BK_OK);
    assert_int_equal(r.head_len, strlen(m) - 4);
    bk_http_req_reset(&r);
    assert_int_equal(bk_http_req_parse(&r, (const uint8_t *)"G\n", 2), BK_ERR);
    assert_int_equal(bk_http_req_parse(&r, (const uint8_t *)"G\n", 2), BK_ERR);
    assert_int_equal(r.status, 400);
    /* A reset parser serves the next request normally. */
    bk_http_req_reset(&r);
    assert_int_equal(bk_http_req_parse(&r, (const uint8_t *)m, strlen(m)),
                     BK_OK);
}

static void test_chars_table(void **state)
{
    /* Re-derives each class from the RFC 9110 ABNF, byte by byte. */
    const char *tsp = "!#$%&'*+-.^_`|~";
    for (int c = 0; c < 256; c++) {
        int alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                    (c >= 'A' && c <= 'Z');
        int tchar = alnum || (c && strchr(tsp, c) != NULL);
        int vchar = c >= 0x21 && c <= 0x7e;
        assert_int_equal(!!BK_HTTP__IS(c, TCHAR), tchar);
        assert_int_equal(!!BK_HTTP__IS(c, FVCHAR), vchar || c >= 0x80);
        assert_int_equal(!!BK_HTTP__IS(c, FVAL),
                         vchar || c >= 0x80 || c == ' ' || c == '\t');
        assert_int_equal(!!BK_HTTP__IS(c, TARGET), vchar && c != '#');
        assert_int_equal(!!BK_HTTP__IS(c, HEX),
                         (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                             (c >= 'A' && c <= 'F'));
        assert_int_equal(!!BK_HTTP__IS(c, HOST),
                         alnum || (c && strchr("-._~", c) != NULL));
        assert_int_equal(!!BK_HTTP__IS(c, QDTEXT),
                         c == '\t' || c == ' ' || c == 0x21 ||
                             (c >= 0x23 && c <= 0x5b) ||
                             (c >= 0x5d && c <= 0x7e) || c >= 0x80);
    }
}

/* Every byte value at every position of a value and of a target, so the
 * word-at-a-time scanners see each byte in each lane of a word. */
static void test_every_byte_every_lane(void **state)
{
    bk_http_header_t h[8];
    bk_http_req_t r;
    char m[128];
    for (int c = 0; c < 256; c++) {
        for (int pos = 0; pos < 24; pos++) {
            char v[25];
            memset(v, 'a', 24);
            v[24] = 0;
            int n = snprintf(m, sizeof(m), "GET / HTTP/1.1\r\nHost: h\r\n"
                                           "X: %s\r\n\r\n", v);
            m[(int)strlen("GET / HTTP/1.1\r\nHost: h\r\nX: ") + pos] =
                (char)c;
            bk_http_req_init(&r, h, 8);
            int rc = bk_http_req_parse(&r, (const uint8_t *)m, (size_t)n);
            int ok = BK_HTTP__IS(c, FVAL) != 0;
            if (ok != (rc == BK_OK))
                fail_msg("value byte %#x at %d: rc %d", c, pos, rc);

            n = snprintf(m, sizeof(m), "GET /%s HTTP/1.1\r\nHost: h\r\n\r\n",
                         v);
            m[5 + pos] = (char)c;
            bk_http_req_init(&r, h, 8);
            rc = bk_http_req_parse(&r, (const uint8_t *)m, (size_t)n);
            ok = BK_HTTP__IS(c, TARGET) != 0;
            if (ok != (rc == BK_OK) && c != ' ')
                fail_msg("target byte %#x at %d: rc %d", c, pos, rc);
        }
    }
}

/* ---- generated valid requests ------------------------------------------ */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static char pick(const char *set) { return set[rnd((uint32_t)strlen(set))]; }

static const char TCHARS[] = "!#$%&'*+-.^_`|~0123456789"
                             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/* Random requests built from the RFC 9112 grammar (within brink's
 * documented limits) must all parse, with every field recovered exactly. */
static void test_generated_valid_requests(void **state)
{
    static char m[16384];
    char names[20][40], values[20][120];
    size_t nlen[20], vlen[20];
    for (int iter = 0; iter < 1500; iter++) {
        size_t n = 0;
        int nh = 1 + (int)rnd(19);
        int meth = (int)rnd(4);
        const char *mname = meth == 0 ? "GET" : meth == 1 ? "POST" : NULL;
        if (mname)
            n += (size_t)sprintf(m + n, "%s", mname);
        else
            for (int k = 1 + (int)rnd(12); k > 0; k--)
                m[n++] = pick(TCHARS);
        m[n++] = ' ';
        size_t toff = n;
        m[n++] = '/';
        for (int k = (int)rnd(60); k > 0; k--) {
            char c;
            do
                c = (char)(0x21 + rnd(0x7e - 0x21 + 1));
            while (c == '#');
            m[n++] = c;
        }
        size_t tlen = n - toff;
        n += (size_t)sprintf(m + n, " HTTP/1.%d\r\nHost: h%d.example\r\n",
                             (int)rnd(2), iter);
        for (int j = 0; j < nh; j++) {
            /* Names never collide with the framing fields. */
            nlen[j] = 2 + rnd(20);
            names[j][0] = 'X';
            names[j][1] = '-';
            for (size_t k = 2; k < nlen[j]; k++)
                names[j][k] = pick(TCHARS);
            memcpy(m + n, names[j], nlen[j]);
            n += nlen[j];
            m[n++] = ':';
            for (int k = (int)rnd(3); k > 0; k--)
                m[n++] = pick(" \t");
            vlen[j] = rnd(100);
            for (size_t k = 0; k < vlen[j]; k++) {
                uint32_t r = rnd(10);
                uint8_t c = r == 0   ? (uint8_t)(0x80 + rnd(0x80))
                            : r == 1 ? (uint8_t)pick(" \t")
                                     : (uint8_t)(0x21 + rnd(0x7e - 0x21 + 1));
                if ((k == 0 || k == vlen[j] - 1) && (c == ' ' || c == '\t'))
                    c = 'v'; /* OWS at the edges is not part of the value */
                values[j][k] = (char)c;
            }
            memcpy(m + n, values[j], vlen[j]);
            n += vlen[j];
            for (int k = (int)rnd(3); k > 0; k--)
                m[n++] = pick(" \t");
            m[n++] = '\r';
            m[n++] = '\n';
        }
        m[n++] = '\r';
        m[n++] = '\n';

        bk_http_req_t r;
        bk_http_header_t h[MAXH];
        int rc = iter % 50 == 0 ? parse_req_n(m, n, &r, h, MAXH)
                                : (bk_http_req_init(&r, h, MAXH),
                                   bk_http_req_parse(&r, (const uint8_t *)m,
                                                     n));
        if (rc != BK_OK)
            fail_msg("iteration %d: rc %d (%s)", iter, rc,
                     r.reason ? r.reason : "");
        assert_int_equal(r.head_len, n);
        assert_int_equal(r.target.n, tlen);
        assert_memory_equal(r.target.p, m + toff, tlen);
        assert_int_equal(r.nheaders, (size_t)nh + 1);
        for (int j = 0; j < nh; j++) {
            assert_int_equal(h[j + 1].name.n, nlen[j]);
            assert_memory_equal(h[j + 1].name.p, names[j], nlen[j]);
            assert_int_equal(h[j + 1].value.n, vlen[j]);
            if (vlen[j])
                assert_memory_equal(h[j + 1].value.p, values[j], vlen[j]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_get),
        cmocka_unit_test(test_browser_request),
        cmocka_unit_test(test_pipelined_requests),
        cmocka_unit_test(test_leading_empty_lines),
        cmocka_unit_test(test_absolute_form),
        cmocka_unit_test(test_absolute_form_no_path),
        cmocka_unit_test(test_authority_form_connect),
        cmocka_unit_test(test_asterisk_form),
        cmocka_unit_test(test_http10),
        cmocka_unit_test(test_connection_close),
        cmocka_unit_test(test_expect_continue),
        cmocka_unit_test(test_content_length),
        cmocka_unit_test(test_cl_sign),
        cmocka_unit_test(test_cl_inner_space),
        cmocka_unit_test(test_cl_hex),
        cmocka_unit_test(test_cl_overflow),
        cmocka_unit_test(test_cl_list),
        cmocka_unit_test(test_cl_empty),
        cmocka_unit_test(test_content_length_duplicate),
        cmocka_unit_test(test_chunked),
        cmocka_unit_test(test_te_unsupported_coding_501),
        cmocka_unit_test(test_te_not_final),
        cmocka_unit_test(test_te_in_http10),
        cmocka_unit_test(test_cl_and_te),
        cmocka_unit_test(test_header_values_trimmed),
        cmocka_unit_test(test_header_lookup),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_method_invalid),
        cmocka_unit_test(test_version_unsupported_505),
        cmocka_unit_test(test_version_malformed),
        cmocka_unit_test(test_request_line_spaces),
        cmocka_unit_test(test_target_bytes),
        cmocka_unit_test(test_target_414),
        cmocka_unit_test(test_target_limit_configurable),
        cmocka_unit_test(test_too_many_headers_431),
        cmocka_unit_test(test_header_section_431),
        cmocka_unit_test(test_missing_host),
        cmocka_unit_test(test_multiple_host),
        cmocka_unit_test(test_invalid_host),
        cmocka_unit_test(test_empty_field_name),
        cmocka_unit_test(test_space_before_colon),
        cmocka_unit_test(test_invalid_name_bytes),
        cmocka_unit_test(test_obs_fold),
        cmocka_unit_test(test_whitespace_before_first_field),
        cmocka_unit_test(test_bare_lf),
        cmocka_unit_test(test_bare_cr),
        cmocka_unit_test(test_control_bytes),
        cmocka_unit_test(test_incomplete_is_again),
        cmocka_unit_test(test_verdict_is_sticky),
        cmocka_unit_test(test_chars_table),
        cmocka_unit_test(test_every_byte_every_lane),
        cmocka_unit_test(test_generated_valid_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
