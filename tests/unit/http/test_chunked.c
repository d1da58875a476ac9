/*
 * test_chunked.c: the chunked decoder and the Content-Length reader. Every
 * body is decoded whole, byte by byte (each byte from its own one-byte
 * buffer), split at every position and in place; all must agree.
 */
#include "unit/http/http_test.h"

static chunk_res_t res;

static void test_chunked_simple(void **state)
{
    const char *b = "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\nNEXT";
    assert_int_equal(decode_str(b, &res), BK_DONE);
    assert_int_equal(res.n, 12);
    assert_memory_equal(res.data, "hello, world", 12);
    assert_int_equal(res.consumed, strlen(b) - 4);
}

static void test_chunked_hex_sizes(void **state)
{
    static char b[1024];
    char data[300];
    memset(data, 'x', sizeof(data));
    int n = snprintf(b, sizeof(b), "1A\r\n%.*s\r\n0000000000000000\r\n",
                     26, data);
    n += snprintf(b + n, sizeof(b) - (size_t)n, "\r\n");
    assert_int_equal(decode_str(b, &res), BK_DONE);
    assert_int_equal(res.n, 26);
    n = snprintf(b, sizeof(b), "012c\r\n%.*s\r\n0\r\n\r\n", 300, data);
    assert_int_equal(decode_str(b, &res), BK_DONE);
    assert_int_equal(res.n, 300);
}

static void test_chunked_incomplete(void **state)
{
    assert_int_equal(decode_str("5\r\nhel", &res), BK_AGAIN);
    assert_int_equal(res.n, 3);
    assert_int_equal(decode_str("5\r\nhello\r\n0\r\n", &res), BK_AGAIN);
    assert_int_equal(decode_str("", &res), BK_AGAIN);
}

static void test_chunked_size_overflow(void **state)
{
    assert_int_equal(decode_str("7fffffffffffffff\r\nab", &res), BK_AGAIN);
    assert_int_equal(decode_str("8000000000000000\r\n", &res), BK_ERR);
    assert_string_equal(res.reason, "chunk-size too large");
    assert_int_equal(decode_str("ffffffffffffffffff\r\n", &res), BK_ERR);
    assert_string_equal(res.reason, "chunk-size too large");
    assert_int_equal(decode_str("00000000000000001\r\n", &res), BK_ERR);
    assert_string_equal(res.reason, "chunk-size too large");
}

static void small_max(bk_http_chunked_t *c) { c->max_chunk = 16; }

static void test_chunked_size_configured_max(void **state)
{
    const char *ok = "10\r\n0123456789abcdef\r\n0\r\n\r\n";
    assert_int_equal(decode_all_ways((const uint8_t *)ok, strlen(ok), &res,
                                     small_max),
                     BK_DONE);
    const char *big = "11\r\n0123456789abcdefg\r\n0\r\n\r\n";
    assert_int_equal(decode_all_ways((const uint8_t *)big, strlen(big), &res,
                                     small_max),
                     BK_ERR);
    assert_string_equal(res.reason, "chunk-size too large");
}

static void test_chunked_size_syntax(void **state)
{
    const char *bad[] = {"\r\n", "g\r\n", "-5\r\n", " 5\r\n", "+5\r\n",
                         "0x5\r\n"};
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        assert_int_equal(decode_str(bad[i], &res), BK_ERR);
        assert_string_equal(res.reason, "invalid chunk-size");
    }
    assert_int_equal(decode_str("5\nhello", &res), BK_ERR);
    assert_string_equal(res.reason, "bare CR or LF in chunk line");
    assert_int_equal(decode_str("5\rhello", &res), BK_ERR);
    assert_string_equal(res.reason, "bare CR or LF in chunk line");
}

static void test_chunked_extensions(void **state)
{
    const char *good[] = {
        "5;a\r\nhello\r\n0\r\n\r\n",
        "5;a=b\r\nhello\r\n0\r\n\r\n",
        "5 ; a = b ; c\r\nhello\r\n0\r\n\r\n",
        "5;a=\"q \\\" ;x\"\r\nhello\r\n0;last\r\n\r\n",
        "5\t;name=\"\"\r\nhello\r\n0\r\n\r\n",
    };
    for (size_t i = 0; i < BK_COUNTOF(good); i++) {
        assert_int_equal(decode_str(good[i], &res), BK_DONE);
        assert_memory_equal(res.data, "hello", 5);
    }
    const char *bad[] = {
        "5;\r\nhello\r\n0\r\n\r\n",     "5;=b\r\nhello\r\n0\r\n\r\n",
        "5;a=\r\nhello\r\n0\r\n\r\n",   "5;a=b c\r\nhello\r\n0\r\n\r\n",
        "5;a b\r\nhello\r\n0\r\n\r\n",  "5;a=\"b\r\nhello\r\n0\r\n\r\n",
        "5;a=b \r\nhello\r\n0\r\n\r\n", "5;a@b\r\nhello\r\n0\r\n\r\n",
        "5;a=\"x\"y\r\nhello\r\n",      "5;a=\"\x01\"\r\nhello\r\n",
        "5 \r\nhello\r\n0\r\n\r\n",
    };
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        assert_int_equal(decode_str(bad[i], &res), BK_ERR);
        assert_string_equal(res.reason, "invalid chunk-ext");
    }
}

static void test_chunked_extension_cap(void **state)
{
    static char b[4096];
    int n = snprintf(b, sizeof(b), "5;n=");
    memset(b + n, 'v', BK_HTTP_MAX_CHUNK_EXT - 3);
    n += BK_HTTP_MAX_CHUNK_EXT - 3;
    snprintf(b + n, sizeof(b) - (size_t)n, "\r\nhello\r\n0\r\n\r\n");
    assert_int_equal(decode_str(b, &res), BK_DONE); /* exactly the cap */
    memmove(b + n + 1, b + n, strlen(b + n) + 1);
    b[n] = 'v';
    assert_int_equal(decode_str(b, &res), BK_ERR);
    assert_string_equal(res.reason, "chunk-ext too long");
}

static void test_chunked_data_crlf(void **state)
{
    const char *bad[] = {"3\r\nhello\r\n", "5\r\nhelloX\r\n",
                         "5\r\nhello\n0\r\n\r\n", "5\r\nhello\r0\r\n\r\n"};
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        assert_int_equal(decode_str(bad[i], &res), BK_ERR);
        assert_string_equal(res.reason, "chunk data not followed by CRLF");
    }
}

static void test_chunked_trailers(void **state)
{
    const char *b = "5\r\nhello\r\n0\r\nX-Sum: abc\r\nY:\r\n\r\nnext";
    assert_int_equal(decode_str(b, &res), BK_DONE);
    assert_int_equal(res.n, 5); /* trailers are dropped */
    assert_int_equal(res.consumed, strlen(b) - 4);
    const char *bad[] = {"0\r\nX\r\n\r\n", "0\r\nX : y\r\n\r\n",
                         "0\r\n y\r\n\r\n", "0\r\nX: a\nY: b\r\n\r\n",
                         "0\r\nX: \x01\r\n\r\n", "0\r\n\n",
                         "0\r\n: v\r\n\r\n"};
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        assert_int_equal(decode_str(bad[i], &res), BK_ERR);
        assert_string_equal(res.reason, "invalid trailer field");
    }
}

static void test_chunked_trailer_cap(void **state)
{
    static char b[BK_HTTP_MAX_TRAILER + 64];
    /* Trailer section bytes before the final CRLF: "X: vvv...\r\n". */
    int n = snprintf(b, sizeof(b), "0\r\nX: ");
    size_t fill = BK_HTTP_MAX_TRAILER - 5 - 1; /* "X: " + CRLF + final CR */
    memset(b + n, 'v', fill);
    snprintf(b + (size_t)n + fill, sizeof(b) - (size_t)n - fill,
             "\r\n\r\n");
    assert_int_equal(decode_str(b, &res), BK_DONE);
    memmove(b + n + 1, b + n, strlen(b + n) + 1);
    b[n] = 'v';
    assert_int_equal(decode_str(b, &res), BK_ERR);
    assert_string_equal(res.reason, "trailer section too large");
}

static void test_chunked_zero_copy(void **state)
{
    const uint8_t in[] = "4\r\nabcd\r\n0\r\n\r\n";
    bk_http_chunked_t c;
    bk_str_t d;
    size_t used;
    bk_http_chunked_init(&c);
    assert_int_equal(bk_http_chunked_parse(&c, in, sizeof(in) - 1, &used, &d),
                     BK_OK);
    assert_ptr_equal(d.p, in + 3); /* a slice of the input, not a copy */
    assert_int_equal(d.n, 4);
    assert_int_equal(used, 7);
    assert_int_equal(
        bk_http_chunked_parse(&c, in + used, sizeof(in) - 1 - used, &used, &d),
        BK_DONE);
    assert_int_equal(d.n, 0);
    /* Done is sticky and consumes nothing more. */
    assert_int_equal(bk_http_chunked_parse(&c, in, 3, &used, &d), BK_DONE);
    assert_int_equal(used, 0);
}

static void test_chunked_error_sticky(void **state)
{
    bk_http_chunked_t c;
    bk_str_t d;
    size_t used;
    bk_http_chunked_init(&c);
    assert_int_equal(
        bk_http_chunked_parse(&c, (const uint8_t *)"z", 1, &used, &d), BK_ERR);
    assert_int_equal(c.status, 400);
    assert_int_equal(
        bk_http_chunked_parse(&c, (const uint8_t *)"0\r\n\r\n", 5, &used, &d),
        BK_ERR);
}

static void test_length_reader(void **state)
{
    bk_http_length_t l;
    bk_str_t d;
    size_t used;
    const uint8_t in[] = "helloNEXT";
    bk_http_length_init(&l, 5);
    assert_int_equal(bk_http_length_parse(&l, in, 3, &used, &d), BK_OK);
    assert_int_equal(used, 3);
    assert_ptr_equal(d.p, in);
    assert_int_equal(bk_http_length_parse(&l, in + 3, 0, &used, &d), BK_AGAIN);
    assert_int_equal(bk_http_length_parse(&l, in + 3, 6, &used, &d), BK_DONE);
    assert_int_equal(used, 2);
    assert_int_equal(d.n, 2);
    bk_http_length_init(&l, 0);
    assert_int_equal(bk_http_length_parse(&l, in, 9, &used, &d), BK_DONE);
    assert_int_equal(used, 0);
    /* Byte by byte gives the same bytes. */
    bk_http_length_init(&l, 5);
    char got[8];
    size_t n = 0;
    int rc = BK_OK;
    for (size_t k = 0; k < 9 && rc != BK_DONE; k++) {
        rc = bk_http_length_parse(&l, in + k, 1, &used, &d);
        memcpy(got + n, d.p, d.n);
        n += d.n;
    }
    assert_int_equal(rc, BK_DONE);
    assert_int_equal(n, 5);
    assert_memory_equal(got, "hello", 5);
}

/* bk_http_chunked_read with small caller buffers, input whole and byte by
 * byte, gives the same bytes and verdict as the slice decoder. */
static void test_chunked_read_into_buffers(void **state)
{
    const char *bodies[] = {
        "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\nNEXT",
        "1a\r\nabcdefghijklmnopqrstuvwxyz\r\n3;x=y\r\n123\r\n0\r\nT: v\r\n\r\n",
        "5\r\nhello\r\n3\r\nabcd\r\n",
        "5\r\nhel",
    };
    const size_t caps[] = {1, 2, 3, 5, 7, 64};
    for (size_t bi = 0; bi < BK_COUNTOF(bodies); bi++) {
        const uint8_t *in = (const uint8_t *)bodies[bi];
        size_t n = strlen(bodies[bi]);
        decode_str(bodies[bi], &res);
        for (size_t ci = 0; ci < BK_COUNTOF(caps); ci++) {
            for (int bytewise = 0; bytewise < 2; bytewise++) {
                bk_http_chunked_t c;
                uint8_t out[64], all[256];
                size_t got = 0, at = 0, used, w;
                int rc = BK_AGAIN;
                bk_http_chunked_init(&c);
                while (at < n || rc == BK_OK) {
                    size_t avail = bytewise ? BK_MIN(n - at, 1) : n - at;
                    rc = bk_http_chunked_read(&c, in + at, avail, &used, out,
                                              caps[ci], &w);
                    assert_true(used <= avail && w <= caps[ci]);
                    memcpy(all + got, out, w);
                    got += w;
                    at += used;
                    if (rc == BK_DONE || rc == BK_ERR)
                        break;
                    if (rc == BK_AGAIN && at == n)
                        break;
                }
                assert_int_equal(rc, res.rc);
                if (rc != BK_ERR) {
                    assert_int_equal(got, res.n);
                    assert_memory_equal(all, res.data, got);
                }
                if (rc == BK_DONE)
                    assert_int_equal(at, res.consumed);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chunked_simple),
        cmocka_unit_test(test_chunked_hex_sizes),
        cmocka_unit_test(test_chunked_incomplete),
        cmocka_unit_test(test_chunked_size_overflow),
        cmocka_unit_test(test_chunked_size_configured_max),
        cmocka_unit_test(test_chunked_size_syntax),
        cmocka_unit_test(test_chunked_extensions),
        cmocka_unit_test(test_chunked_extension_cap),
        cmocka_unit_test(test_chunked_data_crlf),
        cmocka_unit_test(test_chunked_trailers),
        cmocka_unit_test(test_chunked_trailer_cap),
        cmocka_unit_test(test_chunked_zero_copy),
        cmocka_unit_test(test_chunked_error_sticky),
        cmocka_unit_test(test_chunked_read_into_buffers),
        cmocka_unit_test(test_length_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
