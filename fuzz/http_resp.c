/*
 * http_resp.c: fuzz target for the origin-response head parser. The first
 * byte picks the request method (HEAD or GET) and the header-array size;
 * the rest is what the origin sent; sizes 1 mod 3 cap all heads at 128
 * bytes so the limit is reached by short inputs. Invariants: verdicts OK/AGAIN/ERR, any
 * error is a 502; head_len <= size; slices inside the head; whole, byte by
 * byte, and two-piece parsing from a moved buffer agree.
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

#define MAXH 24

static void inside(bk_str_t s, const uint8_t *b, size_t n)
{
    CHECK(s.p != NULL || s.n == 0);
    if (s.p)
        CHECK(s.p >= b && s.n <= n && s.p + s.n <= b + n);
}

static void compare(const bk_http_resp_t *a, const uint8_t *ab,
                    const bk_http_resp_t *b, const uint8_t *bb, int rc)
{
    if (rc == BK_ERR) {
        CHECK(b->status == 502 && strcmp(a->reason, b->reason) == 0);
        return;
    }
    if (rc != BK_OK)
        return;
    CHECK(a->head_len == b->head_len && a->nheaders == b->nheaders);
    CHECK(a->code == b->code && a->interim == b->interim);
    CHECK(a->reason_phrase.n == b->reason_phrase.n &&
          a->reason_phrase.p - ab == b->reason_phrase.p - bb);
    CHECK(memcmp(&a->framing, &b->framing, sizeof(a->framing)) == 0);
    for (size_t i = 0; i < a->nheaders; i++) {
        CHECK(a->headers[i].name.p - ab == b->headers[i].name.p - bb);
        CHECK(a->headers[i].value.p - ab == b->headers[i].value.p - bb);
        CHECK(a->headers[i].value.n == b->headers[i].value.n);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    bk_http_method_t m = (data[0] & 1) ? BK_HTTP_HEAD : BK_HTTP_GET;
    size_t maxh = (size_t)(data[0] >> 1) % (MAXH + 1);
    const uint8_t *in = data + 1;
    size_t n = size - 1;
    bk_http_header_t h1[MAXH], h2[MAXH];
    bk_http_resp_t a, b;

    size_t cap = size % 3 == 1 ? 128 : BK_HTTP_MAX_HEAD;
    bk_http_resp_init(&a, h1, maxh, m);
    a.max_head = cap;
    int rc = bk_http_resp_parse(&a, in, n);
    CHECK(rc == BK_OK || rc == BK_AGAIN || rc == BK_ERR);
    if (rc == BK_ERR)
        CHECK(a.status == 502 && a.reason != NULL);
    if (rc == BK_OK) {
        CHECK(a.head_len <= n && a.nheaders <= maxh);
        CHECK(a.code >= 200 && a.code <= 999);
        inside(a.reason_phrase, in, a.head_len);
        for (size_t i = 0; i < a.nheaders; i++) {
            inside(h1[i].name, in, a.head_len);
            inside(h1[i].value, in, a.head_len);
        }
        if (m == BK_HTTP_HEAD || a.code == 204 || a.code == 304)
            CHECK(a.framing.body == BK_HTTP_BODY_NONE);
        if (a.framing.body == BK_HTTP_BODY_CLOSE)
            CHECK(!a.framing.keep_alive);
    }

    bk_http_resp_init(&b, h2, maxh, m);
    b.max_head = cap;
    int rc2 = BK_AGAIN;
    for (size_t k = 1; k <= n && rc2 == BK_AGAIN; k++)
        rc2 = bk_http_resp_parse(&b, in, k);
    CHECK(rc2 == rc);
    compare(&a, in, &b, in, rc);

    size_t cut = (size_t)data[size / 2] * 131 % (n + 1);
    uint8_t *p1 = malloc(cut + 1), *p2 = malloc(n + 1);
    CHECK(p1 && p2);
    memcpy(p1, in, cut);
    memcpy(p2, in, n);
    bk_http_resp_init(&b, h2, maxh, m);
    b.max_head = cap;
    rc2 = bk_http_resp_parse(&b, p1, cut);
    free(p1);
    int first_done = rc2 != BK_AGAIN;
    if (!first_done)
        rc2 = bk_http_resp_parse(&b, p2, n);
    CHECK(rc2 == rc);
    if (rc == BK_OK && first_done)
        CHECK(a.head_len == b.head_len);
    else
        compare(&a, in, &b, p2, rc);
    free(p2);
    return 0;
}
