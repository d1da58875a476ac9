/*
 * http_chunked.c: fuzz target for the chunked body decoder. The first byte
 * picks the limits (so the caps get exercised), the rest is the body.
 * Invariants: consumed never exceeds the input, data slices lie inside it,
 * and whole-buffer, one-byte-at-a-time and in-place decoding agree on the
 * verdict, the body bytes and (when done) the bytes consumed; so does
 * decoding into a small caller buffer, refilled until the decoder stops.
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

static void setup(bk_http_chunked_t *c, uint8_t sel)
{
    bk_http_chunked_init(c);
    if (sel & 1)
        c->max_chunk = 64;
    if (sel & 2)
        c->max_ext = 8;
    if (sel & 4)
        c->max_trailer = 16;
}

/* Feeds in[0..len) until the decoder wants more or stops. */
static int feed(bk_http_chunked_t *c, const uint8_t *in, size_t len,
                uint8_t *out, size_t *on, size_t *consumed)
{
    size_t at = 0, used;
    bk_str_t d;
    int rc;
    for (;;) {
        rc = bk_http_chunked_parse(c, in + at, len - at, &used, &d);
        CHECK(rc == BK_OK || rc == BK_AGAIN || rc == BK_DONE || rc == BK_ERR);
        CHECK(used <= len - at);
        CHECK(d.n == 0 || rc == BK_OK);
        if (d.n) {
            CHECK(d.p >= in + at && d.p + d.n <= in + at + used);
            memcpy(out + *on, d.p, d.n);
            *on += d.n;
        }
        at += used;
        if (rc != BK_OK)
            break;
        CHECK(used > 0);
    }
    *consumed += at;
    if (rc == BK_ERR)
        CHECK(c->status == 400 && c->reason != NULL);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t sel = data[0];
    const uint8_t *in = data + 1;
    size_t n = size - 1;
    uint8_t *o1 = malloc(n + 1), *o2 = malloc(n + 1), *copy = malloc(n + 1);
    size_t n1 = 0, n2 = 0, c1 = 0, c2 = 0;
    bk_http_chunked_t c;
    CHECK(o1 && o2 && copy);

    setup(&c, sel);
    int rc1 = feed(&c, in, n, o1, &n1, &c1);
    CHECK(c1 <= n && n1 <= c1);
    if (rc1 == BK_AGAIN)
        CHECK(c1 == n);

    /* One byte at a time, each from its own buffer. */
    setup(&c, sel);
    int rc2 = BK_AGAIN;
    for (size_t k = 0; k < n && rc2 == BK_AGAIN; k++) {
        uint8_t one = in[k];
        rc2 = feed(&c, &one, 1, o2, &n2, &c2);
    }
    CHECK(rc1 == rc2);
    if (rc1 != BK_ERR) {
        CHECK(n1 == n2 && memcmp(o1, o2, n1) == 0);
        if (rc1 == BK_DONE)
            CHECK(c1 == c2);
    }

    /* In place. */
    setup(&c, sel);
    memcpy(copy, in, n);
    size_t used = 0, w = 0;
    int rc3 = bk_http_chunked_decode(&c, copy, n, &used, &w);
    CHECK(rc3 == rc1);
    CHECK(w <= used && used <= n);
    if (rc1 != BK_ERR)
        CHECK(w == n1 && memcmp(copy, o1, w) == 0);
    if (rc1 == BK_DONE)
        CHECK(used == c1 && memcmp(copy + used, in + used, n - used) == 0);

    /* Into a small caller buffer, refilled until the decoder stops. */
    size_t cap = (size_t)(sel >> 3) % 16 + 1, at = 0, w3 = 0, u, k3;
    uint8_t small[16];
    int rc4;
    setup(&c, sel);
    for (;;) {
        rc4 = bk_http_chunked_read(&c, in + at, n - at, &u, small, cap, &k3);
        CHECK(u <= n - at && k3 <= cap);
        if (rc1 != BK_ERR)
            CHECK(w3 + k3 <= n1 && memcmp(o1 + w3, small, k3) == 0);
        w3 += k3;
        at += u;
        if (rc4 != BK_OK)
            break;
    }
    CHECK(rc4 == rc1);
    if (rc1 != BK_ERR)
        CHECK(w3 == n1);
    if (rc1 == BK_DONE)
        CHECK(at == c1);

    free(o1);
    free(o2);
    free(copy);
    return 0;
}
