/*
 * test_smuggle.c: request-smuggling shapes, each a whole request (head and
 * body) that must end in 400 (so the connection is closed), whichever way
 * the bytes arrive. The head goes through parse_req() (whole, byte by byte
 * from moving buffers, split everywhere); a head that passes has its
 * chunked body decoded the same ways, and the 400 must come from there.
 */
#include "unit/http/http_test.h"

#define RL "POST / HTTP/1.1\r\nHost: example.com\r\n"

typedef struct {
    const char *name;
    const char *msg;
    size_t len;        /* 0: strlen(msg) (set for messages holding NUL) */
    const char *reason;
} smuggle_t;

static const smuggle_t cases[] = {
    /* CL.TE and TE.CL: both framings present. */
    {"CL.TE", RL "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
              "0\r\n\r\nG",
     0, "both Content-Length and Transfer-Encoding"},
    {"TE.CL", RL "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
              "8\r\nSMUGGLED\r\n0\r\n\r\n",
     0, "both Content-Length and Transfer-Encoding"},
    {"CL.TE with TE obfuscated by case", RL "Content-Length: 4\r\n"
     "tRaNsFeR-eNcOdInG: chunked\r\n\r\n", 0,
     "both Content-Length and Transfer-Encoding"},
    /* TE.TE: obfuscated transfer codings. */
    {"TE xchunked", RL "Transfer-Encoding: xchunked\r\n\r\n", 0,
     "chunked is not the final transfer coding"},
    {"TE chunk", RL "Transfer-Encoding: chunk\r\n\r\n", 0,
     "chunked is not the final transfer coding"},
    {"TE chunked, identity", RL "Transfer-Encoding: chunked, identity\r\n\r\n",
     0, "chunked is not the final transfer coding"},
    {"TE identity", RL "Transfer-Encoding: identity\r\n\r\n", 0,
     "chunked is not the final transfer coding"},
    {"TE chunked then second TE line", RL "Transfer-Encoding: chunked\r\n"
     "Transfer-Encoding: x\r\n\r\n", 0,
     "chunked is not the final transfer coding"},
    {"TE chunked twice in a list", RL "Transfer-Encoding: chunked, chunked"
     "\r\n\r\n", 0, "chunked applied twice"},
    {"TE chunked on two lines", RL "Transfer-Encoding: chunked\r\n"
     "Transfer-Encoding: chunked\r\n\r\n", 0, "chunked applied twice"},
    {"TE chunked with trailing junk", RL "Transfer-Encoding: chunked x\r\n"
     "\r\n", 0, "invalid Transfer-Encoding"},
    {"TE chunked with parameter", RL "Transfer-Encoding: chunked;q=1\r\n\r\n",
     0, "invalid Transfer-Encoding"},
    {"TE quoted chunked", RL "Transfer-Encoding: \"chunked\"\r\n\r\n", 0,
     "invalid Transfer-Encoding"},
    {"TE leading comma", RL "Transfer-Encoding: ,chunked\r\n\r\n", 0,
     "invalid Transfer-Encoding"},
    {"TE empty", RL "Transfer-Encoding:\r\n\r\n", 0,
     "invalid Transfer-Encoding"},
    {"TE with vertical tab", RL "Transfer-Encoding: chunked\x0b\r\n\r\n", 0,
     "control byte in field value"},
    {"TE space before colon", RL "Transfer-Encoding : chunked\r\n\r\n", 0,
     "whitespace before colon"},
    {"TE folded onto the next line", RL "Transfer-Encoding:\r\n chunked\r\n"
     "\r\n", 0, "obs-fold"},
    {"TE hidden by leading whitespace", "POST / HTTP/1.1\r\n"
     " Transfer-Encoding: chunked\r\nHost: h\r\n\r\n", 0,
     "whitespace before first field line"},
    {"TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n"
     "\r\n", 0, "Transfer-Encoding in HTTP/1.0"},
    /* Content-Length games. */
    {"duplicate CL, same value", RL "Content-Length: 5\r\n"
     "Content-Length: 5\r\n\r\n", 0, "duplicate Content-Length"},
    {"duplicate CL, different values", RL "Content-Length: 5\r\n"
     "Content-Length: 50\r\n\r\n", 0, "duplicate Content-Length"},
    {"CL list", RL "Content-Length: 5, 5\r\n\r\n", 0,
     "invalid Content-Length"},
    {"CL with sign", RL "Content-Length: +5\r\n\r\n", 0,
     "invalid Content-Length"},
    {"CL hex", RL "Content-Length: 0x10\r\n\r\n", 0,
     "invalid Content-Length"},
    {"CL inner space", RL "Content-Length: 1 0\r\n\r\n", 0,
     "invalid Content-Length"},
    {"CL overflow", RL "Content-Length: 18446744073709551617\r\n\r\n", 0,
     "invalid Content-Length"},
    {"CL with NUL", RL "Content-Length: 5\0\r\n\r\n",
     sizeof(RL "Content-Length: 5\0\r\n\r\n") - 1,
     "control byte in field value"},
    /* Line endings and bytes that parsers disagree on. */
    {"bare LF ends a field line", RL "Transfer-Encoding: chunked\n"
     "Content-Length: 5\r\n\r\n", 0, "bare LF"},
    {"bare CR inside a field line", RL "X: a\rTransfer-Encoding: chunked\r\n"
     "\r\n", 0, "bare CR"},
    {"bare LF ends the head", RL "Content-Length: 5\r\n\nhello", 0,
     "bare LF"},
    {"NUL in a field value", RL "X: a\0b\r\n\r\n",
     sizeof(RL "X: a\0b\r\n\r\n") - 1, "control byte in field value"},
    {"NUL in a field name", RL "Transfer-Encoding\0: chunked\r\n\r\n",
     sizeof(RL "Transfer-Encoding\0: chunked\r\n\r\n") - 1,
     "invalid byte in field name"},
    {"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 0,
     "multiple Host"},
    {"Host list", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n", 0, "invalid Host"},
    /* absolute-form oddities. */
    {"absolute-form with userinfo", "GET http://a@evil.example/ HTTP/1.1\r\n"
     "Host: a\r\n\r\n", 0, "userinfo in request-target"},
    {"absolute-form, other scheme", "GET ftp://a.example/ HTTP/1.1\r\n"
     "Host: a\r\n\r\n", 0, "absolute-form scheme not http(s)"},
    {"absolute-form, empty host", "GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n",
     0, "invalid authority in request-target"},
    {"absolute-form, one slash", "GET http:/a.example/ HTTP/1.1\r\n"
     "Host: a\r\n\r\n", 0, "invalid authority in request-target"},
    {"absolute-form, bad port", "GET http://a.example:80x/ HTTP/1.1\r\n"
     "Host: a\r\n\r\n", 0, "invalid authority in request-target"},
    {"request line with two spaces", "GET  /admin HTTP/1.1\r\nHost: a\r\n\r\n",
     0, "extra whitespace in start line"},
    /* Chunked bodies: the head is fine, the body is not. */
    {"chunk-size overflow", RL "Transfer-Encoding: chunked\r\n\r\n"
     "10000000000000000\r\nx\r\n0\r\n\r\n", 0, "chunk-size too large"},
    {"chunk-size just over 2^63", RL "Transfer-Encoding: chunked\r\n\r\n"
     "8000000000000000\r\n", 0, "chunk-size too large"},
    {"chunk-size padded with zeros", RL "Transfer-Encoding: chunked\r\n\r\n"
     "00000000000000005\r\nhello\r\n0\r\n\r\n", 0, "chunk-size too large"},
    {"negative chunk-size", RL "Transfer-Encoding: chunked\r\n\r\n"
     "-1\r\n\r\n", 0, "invalid chunk-size"},
    {"chunk-size 0x prefix", RL "Transfer-Encoding: chunked\r\n\r\n"
     "0x5\r\nhello\r\n0\r\n\r\n", 0, "invalid chunk-size"},
    {"chunk-size then space", RL "Transfer-Encoding: chunked\r\n\r\n"
     "5 \r\nhello\r\n0\r\n\r\n", 0, "invalid chunk-ext"},
    {"chunk-size bare LF", RL "Transfer-Encoding: chunked\r\n\r\n"
     "5\nhello\r\n0\r\n\r\n", 0, "bare CR or LF in chunk line"},
    {"chunk data longer than its size", RL "Transfer-Encoding: chunked\r\n"
     "\r\n3\r\nhello\r\n0\r\n\r\n", 0, "chunk data not followed by CRLF"},
    {"chunk data ended by bare LF", RL "Transfer-Encoding: chunked\r\n\r\n"
     "5\r\nhello\n0\r\n\r\n", 0, "chunk data not followed by CRLF"},
    {"chunk-ext with bare CR", RL "Transfer-Encoding: chunked\r\n\r\n"
     "5;a=\"x\ry\"\r\nhello\r\n0\r\n\r\n", 0, "invalid chunk-ext"},
    {"trailer with obs-fold", RL "Transfer-Encoding: chunked\r\n\r\n"
     "0\r\nX: a\r\n b\r\n\r\n", 0, "invalid trailer field"},
    {"last chunk with bare LF end", RL "Transfer-Encoding: chunked\r\n\r\n"
     "0\r\n\n", 0, "invalid trailer field"},
};

static void run_case(const smuggle_t *c)
{
    bk_http_req_t r;
    bk_http_header_t h[MAXH];
    size_t n = c->len ? c->len : strlen(c->msg);
    int rc = parse_req_n(c->msg, n, &r, h, MAXH);
    if (rc == BK_ERR) {
        if (r.status != 400 || strcmp(r.reason, c->reason) != 0)
            fail_msg("%s: head gave %d \"%s\", want 400 \"%s\"", c->name,
                     r.status, r.reason, c->reason);
        return;
    }
    if (rc != BK_OK || r.framing.body != BK_HTTP_BODY_CHUNKED)
        fail_msg("%s: head accepted (rc %d, body %d)", c->name, rc,
                 r.framing.body);
    static chunk_res_t res;
    rc = decode_all_ways((const uint8_t *)c->msg + r.head_len,
                         n - r.head_len, &res, NULL);
    if (rc != BK_ERR || strcmp(res.reason, c->reason) != 0)
        fail_msg("%s: body gave rc %d \"%s\", want 400 \"%s\"", c->name, rc,
                 res.reason ? res.reason : "", c->reason);
}

/* One cmocka test per case, named after it; 'state' is the case. */
static void test_smuggling_case(void **state)
{
    run_case((const smuggle_t *)*state);
}

static void test_table_size(void **state)
{
    assert_true(BK_COUNTOF(cases) >= 25);
}

/* The parser that refused a smuggling attempt, once reset, serves a normal
 * request: no state leaks from one message to the next. */
static void test_next_request_after_refusal(void **state)
{
    bk_http_header_t h[MAXH];
    bk_http_req_t r;
    const char *ok = "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n";
    bk_http_req_init(&r, h, MAXH);
    for (size_t i = 0; i < BK_COUNTOF(cases); i++) {
        const smuggle_t *c = &cases[i];
        size_t n = c->len ? c->len : strlen(c->msg);
        bk_http_req_reset(&r);
        assert_int_not_equal(
            bk_http_req_parse(&r, (const uint8_t *)c->msg, n), BK_AGAIN);
        bk_http_req_reset(&r);
        assert_int_equal(
            bk_http_req_parse(&r, (const uint8_t *)ok, strlen(ok)), BK_OK);
        assert_str(r.path, "/ok");
    }
}

int main(void)
{
    struct CMUnitTest tests[BK_COUNTOF(cases) + 2];
    for (size_t i = 0; i < BK_COUNTOF(cases); i++)
        tests[i] = (struct CMUnitTest){.name = cases[i].name,
                                       .test_func = test_smuggling_case,
                                       .initial_state = (void *)&cases[i]};
    tests[BK_COUNTOF(cases)] = (struct CMUnitTest)cmocka_unit_test(
        test_next_request_after_refusal);
    tests[BK_COUNTOF(cases) + 1] =
        (struct CMUnitTest)cmocka_unit_test(test_table_size);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
