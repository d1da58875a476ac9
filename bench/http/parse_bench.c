/*
 * parse_bench.c: micro-benchmark of the request-head parser on a typical
 * ~500-byte browser request, plus the chunked decoder's throughput. Not
 * part of the tests. Build and run with bench/http/run (it uses the
 * libraries `make` builds):
 *
 *     bench/http/run [N]
 *
 * Prints CPU ns per request for the whole-buffer parse and for the same
 * request arriving in two pieces, and MB/s for in-place chunked decoding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http1.h"

static const char req[] =
    "GET /assets/js/app.min.js?v=20240101 HTTP/1.1\r\n"
    "Host: www.example.com\r\n"
    "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\r\n"
    "Accept: */*\r\n"
    "Accept-Language: en-US,en;q=0.9\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Referer: https://www.example.com/products/shoes\r\n"
    "Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark\r\n"
    "Sec-Fetch-Dest: script\r\n"
    "Sec-Fetch-Mode: no-cors\r\n"
    "Sec-Fetch-Site: same-origin\r\n"
    "Connection: keep-alive\r\n"
    "\r\n";

/* CPU time of this process: on a shared, loaded machine wall time mostly
 * measures the other processes. */
static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 2000000;
    bk_http_header_t h[64];
    bk_http_req_t r;
    size_t len = sizeof(req) - 1;
    const uint8_t *b = (const uint8_t *)req;
    volatile size_t sink = 0;

    /* Warm up, and make sure the request is what we think it is. */
    bk_http_req_init(&r, h, 64);
    if (bk_http_req_parse(&r, b, len) != BK_OK || r.head_len != len) {
        fprintf(stderr, "bench request does not parse\n");
        return 1;
    }

    double t0 = now_ns();
    for (long i = 0; i < n; i++) {
        bk_http_req_init(&r, h, 64);
        if (bk_http_req_parse(&r, b, len) != BK_OK)
            return 1;
        sink += r.nheaders;
    }
    double whole = (now_ns() - t0) / (double)n;

    t0 = now_ns();
    for (long i = 0; i < n; i++) {
        bk_http_req_init(&r, h, 64);
        if (bk_http_req_parse(&r, b, len / 2) != BK_AGAIN ||
            bk_http_req_parse(&r, b, len) != BK_OK)
            return 1;
        sink += r.nheaders;
    }
    double split = (now_ns() - t0) / (double)n;

    /* The worst arrival: one byte per call (a slow or hostile client);
     * linear, because no byte is scanned twice. */
    long n1 = n / 20 + 1;
    t0 = now_ns();
    for (long i = 0; i < n1; i++) {
        int rc = BK_AGAIN;
        bk_http_req_init(&r, h, 64);
        for (size_t k = 1; k <= len && rc == BK_AGAIN; k++)
            rc = bk_http_req_parse(&r, b, k);
        if (rc != BK_OK)
            return 1;
        sink += r.nheaders;
    }
    double bytewise = (now_ns() - t0) / (double)n1;

    /* Chunked: 1 MiB body in 16 KiB chunks, decoded in place. */
    size_t body = 1 << 20, chunk = 16384;
    bk_buf_t enc;
    bk_buf_init(&enc, NULL);
    char *data = malloc(chunk);
    if (data == NULL)
        return 1;
    memset(data, 'x', chunk);
    for (size_t k = 0; k < body; k += chunk)
        if (bk_http_write_chunk(&enc, data, chunk) != BK_OK)
            return 1;
    if (bk_http_write_chunk_end(&enc) != BK_OK)
        return 1;
    uint8_t *work = malloc(enc.n);
    if (work == NULL)
        return 1;
    long rounds = 200;
    double tc = 0;
    for (long i = 0; i < rounds; i++) {
        bk_http_chunked_t c;
        size_t used, out;
        memcpy(work, enc.p, enc.n);
        bk_http_chunked_init(&c);
        t0 = now_ns();
        int rc = bk_http_chunked_decode(&c, work, enc.n, &used, &out);
        tc += now_ns() - t0;
        if (rc != BK_DONE || out != body)
            return 1;
        sink += out;
    }
    double mbs = (double)body * (double)rounds / (tc / 1e9) / 1e6;

    printf("request head: %zu bytes, %zu fields, %ld iterations\n", len,
           r.nheaders, n);
    printf("parse whole:      %.1f ns/request (%.2f GB/s)\n", whole,
           (double)len / whole);
    printf("parse in 2 parts: %.1f ns/request\n", split);
    printf("one byte a call:  %.1f ns/request\n", bytewise);
    printf("chunked decode:   %.0f MB/s (16 KiB chunks, in place)\n", mbs);
    bk_buf_free(&enc);
    free(data);
    free(work);
    return sink == 0;
}
