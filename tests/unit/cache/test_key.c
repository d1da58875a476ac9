/* test_key.c: cache keys under each policy selection, Accept-Encoding
 * normalisation, and the URI part invalidation reads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "cache/cache.h"

static bk_arena_t arena;
static bk_buf_t bufs[4];
static int nbuf;

static int setup(void **state)
{
    (void)state;
    bk_arena_init(&arena, 0, 0);
    nbuf = 0;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bk_arena_destroy(&arena);
    return 0;
}

/* Builds a key into a fresh arena buffer. */
static bk_str_t key(const bk_cache_key_policy_t *pol,
                    const bk_cache_key_req_t *r)
{
    assert_true(nbuf < 4);
    bk_buf_t *b = &bufs[nbuf++];
    bk_buf_init(b, &arena);
    assert_int_equal(bk_cache_key_build(pol, r, &arena, b), BK_OK);
    return bk_buf_str(b);
}

static bk_str_t uri_of(const bk_cache_key_policy_t *pol, const char *path,
                       const char *query)
{
    bk_cache_key_req_t r = {.path = bk_str_c(path), .query = bk_str_c(query)};
    return bk_cache_key_uri(key(pol, &r));
}

#define URI_IS(pol, path, q, want)                                            \
    do {                                                                      \
        bk_str_t u_ = uri_of((pol), (path), (q));                             \
        if (!bk_str_eq(u_, BK_STR(want)))                                     \
            fail_msg("uri '%.*s', want '%s'", BK_STR_FMT(u_), want);          \
        nbuf = 0;                                                             \
    } while (0)

static void test_query_strings(void **state)
{
    (void)state;
    bk_cache_key_policy_t none = {0};
    URI_IS(&none, "/a.jpg", "x=1&y=2", "/a.jpg");
    URI_IS(&none, "/a.jpg", NULL, "/a.jpg");

    bk_cache_key_policy_t all = {.qs = BK_CACHE_SEL_ALL};
    URI_IS(&all, "/a.jpg", "x=1&y=2", "/a.jpg?x=1&y=2");
    /* Order and case matter (QueryStringParameters.html). */
    URI_IS(&all, "/a.jpg", "y=2&x=1", "/a.jpg?y=2&x=1");
    URI_IS(&all, "/a.jpg", NULL, "/a.jpg");

    bk_str_t names[] = {BK_STR("color"), BK_STR("size")};
    bk_cache_key_policy_t wl = {.qs = BK_CACHE_SEL_WHITELIST,
                                .qs_names = names, .qs_n = 2};
    URI_IS(&wl, "/i", "color=red&utm=x&size=L", "/i?color=red&size=L");
    URI_IS(&wl, "/i", "size=L&color=red", "/i?size=L&color=red");
    URI_IS(&wl, "/i", "Color=red", "/i");
    URI_IS(&wl, "/i", "utm=1", "/i");
    URI_IS(&wl, "/i", "color&&size=", "/i?color&size=");
    URI_IS(&wl, "/i", "color=1&color=2", "/i?color=1&color=2");
    /* ';' is not a separator: "red;size=large" is color's value. */
    URI_IS(&wl, "/i", "color=red;size=large", "/i?color=red;size=large");

    bk_cache_key_policy_t ex = {.qs = BK_CACHE_SEL_ALL_EXCEPT,
                                .qs_names = names, .qs_n = 2};
    URI_IS(&ex, "/i", "color=red&utm=x&size=L&b=2", "/i?utm=x&b=2");
    URI_IS(&ex, "/i", "size=L", "/i");
}

static void test_parts_distinguish(void **state)
{
    (void)state;
    bk_str_t hn[] = {BK_STR("X-Device"), BK_STR("Origin")};
    bk_str_t cn[] = {BK_STR("session"), BK_STR("lang")};
    bk_cache_key_policy_t pol = {
        .qs = BK_CACHE_SEL_ALL,
        .header_names = hn, .header_n = 2,
        .cookies = BK_CACHE_SEL_WHITELIST, .cookie_names = cn, .cookie_n = 2,
    };
    bk_cache_hdr_t h1[] = {
        {BK_STR("x-device"), BK_STR("mobile")},
        {BK_STR("Cookie"), BK_STR("lang=en; other=1; session=abc")},
    };
    bk_cache_hdr_t h2[] = {
        {BK_STR("Cookie"), BK_STR("session=abc")},
        {BK_STR("X-DEVICE"), BK_STR("mobile")},
        {BK_STR("cookie"), BK_STR("lang=en")},
        {BK_STR("cookie"), BK_STR("junk; =x; other=2")},
    };
    bk_cache_key_req_t r1 = {.host = BK_STR("Example.COM"),
                             .path = BK_STR("/p"),
                             .headers = h1, .header_n = 2};
    bk_cache_key_req_t r2 = r1;
    r2.host = BK_STR("example.com");
    r2.headers = h2;
    r2.header_n = 4;
    /* Same selection, different header order/case, cookies split over
     * headers and in another order, unselected cookies: same key. */
    bk_str_t k1 = key(&pol, &r1), k2 = key(&pol, &r2);
    assert_true(bk_str_eq(k1, k2));
    assert_true(bk_str_eq(bk_cache_key_uri(k1), BK_STR("/p")));

    /* Header value case matters, as does a selected cookie's value. */
    bk_cache_hdr_t h3[] = {
        {BK_STR("X-Device"), BK_STR("Mobile")},
        {BK_STR("Cookie"), BK_STR("lang=en; session=abc")},
    };
    bk_cache_key_req_t r3 = r1;
    r3.headers = h3;
    assert_false(bk_str_eq(key(&pol, &r3), k1));
    nbuf = 0;

    bk_cache_hdr_t h4[] = {
        {BK_STR("X-Device"), BK_STR("mobile")},
        {BK_STR("Cookie"), BK_STR("lang=EN; session=abc")},
    };
    bk_cache_key_req_t r4 = r1;
    r4.headers = h4;
    k1 = key(&pol, &r1);
    assert_false(bk_str_eq(key(&pol, &r4), k1));

    /* Absent header differs from an empty one. */
    bk_cache_hdr_t h5[] = {{BK_STR("X-Device"), BK_STR("")}};
    bk_cache_key_req_t r5 = {.path = BK_STR("/p"), .headers = h5,
                             .header_n = 1};
    bk_cache_key_req_t r6 = {.path = BK_STR("/p")};
    assert_false(bk_str_eq(key(&pol, &r5), key(&pol, &r6)));
    nbuf = 0;

    /* Host only when given; path vs query boundary is unambiguous. */
    bk_cache_key_policy_t all = {.qs = BK_CACHE_SEL_ALL};
    bk_cache_key_req_t a = {.path = BK_STR("/a?b"), .query = BK_STR("c")};
    bk_cache_key_req_t b = {.path = BK_STR("/a"), .query = BK_STR("b?c")};
    /* Both URIs read "/a?b?c": the raw path never holds '?', so this is
     * the same object, as in CloudFront. */
    assert_true(bk_str_eq(key(&all, &a), key(&all, &b)));
    nbuf = 0;
    bk_cache_key_req_t c = {.path = BK_STR("/a"), .host = BK_STR("h1")};
    bk_cache_key_req_t d = {.path = BK_STR("/a"), .host = BK_STR("h2")};
    assert_false(bk_str_eq(key(&all, &c), key(&all, &d)));
    nbuf = 0;

    /* A scope separates keys but not their URI (invalidation). */
    bk_cache_key_req_t s1 = {.path = BK_STR("/a"), .scope = BK_STR("o1")};
    bk_cache_key_req_t s2 = {.path = BK_STR("/a"), .scope = BK_STR("o2")};
    bk_str_t ks1 = key(&all, &s1), ks2 = key(&all, &s2);
    assert_false(bk_str_eq(ks1, ks2));
    assert_true(bk_str_eq(bk_cache_key_uri(ks1), BK_STR("/a")));
    assert_true(bk_str_eq(bk_cache_key_uri(ks2), BK_STR("/a")));
    nbuf = 0;

    /* Multiple occurrences of a policy header are joined in order. */
    bk_cache_hdr_t m1[] = {{BK_STR("Origin"), BK_STR("a")},
                           {BK_STR("Origin"), BK_STR("b")}};
    bk_cache_hdr_t m2[] = {{BK_STR("Origin"), BK_STR("a,b")}};
    bk_cache_key_req_t rm1 = {.path = BK_STR("/"), .headers = m1,
                              .header_n = 2};
    bk_cache_key_req_t rm2 = {.path = BK_STR("/"), .headers = m2,
                              .header_n = 1};
    assert_true(bk_str_eq(key(&pol, &rm1), key(&pol, &rm2)));
}

static void test_cookie_sort_and_modes(void **state)
{
    (void)state;
    bk_cache_key_policy_t all = {.cookies = BK_CACHE_SEL_ALL};
    bk_cache_hdr_t h1[] = {{BK_STR("Cookie"), BK_STR("b=2; a=1; c=3")}};
    bk_cache_hdr_t h2[] = {{BK_STR("Cookie"), BK_STR("c=3;a=1 ; b=2")}};
    bk_cache_key_req_t r1 = {.path = BK_STR("/"), .headers = h1,
                             .header_n = 1};
    bk_cache_key_req_t r2 = r1;
    r2.headers = h2;
    bk_str_t k1 = key(&all, &r1);
    assert_true(bk_str_eq(k1, key(&all, &r2)));
    /* The sorted order is visible in the key bytes. */
    const uint8_t *a = memmem(k1.p, k1.n, "a\x01" "1", 3);
    const uint8_t *b = memmem(k1.p, k1.n, "b\x01" "2", 3);
    const uint8_t *c = memmem(k1.p, k1.n, "c\x01" "3", 3);
    assert_non_null(a);
    assert_true(a < b && b < c);
    nbuf = 0;

    /* Cookie names are case-sensitive. */
    bk_cache_hdr_t h3[] = {{BK_STR("Cookie"), BK_STR("B=2; a=1; c=3")}};
    bk_cache_key_req_t r3 = r1;
    r3.headers = h3;
    assert_false(bk_str_eq(key(&all, &r1), key(&all, &r3)));
    nbuf = 0;

    bk_str_t ex[] = {BK_STR("b")};
    bk_cache_key_policy_t allx = {.cookies = BK_CACHE_SEL_ALL_EXCEPT,
                                  .cookie_names = ex, .cookie_n = 1};
    bk_cache_hdr_t h4[] = {{BK_STR("Cookie"), BK_STR("a=1; c=3; b=99")}};
    bk_cache_key_req_t r4 = r1;
    r4.headers = h4;
    assert_true(bk_str_eq(key(&allx, &r1), key(&allx, &r4)));
    nbuf = 0;

    /* Wildcard cookie names (legacy whitelists). */
    bk_str_t wl[] = {BK_STR("userid_*"), BK_STR("l?ng")};
    bk_cache_key_policy_t wild = {.cookies = BK_CACHE_SEL_WHITELIST,
                                  .cookie_names = wl, .cookie_n = 2};
    bk_cache_hdr_t h5[] = {{BK_STR("Cookie"),
                            BK_STR("userid_7=x; lang=en; other=1")}};
    bk_cache_hdr_t h6[] = {{BK_STR("Cookie"),
                            BK_STR("userid_7=x; lang=en; other=2; u=3")}};
    bk_cache_hdr_t h7[] = {{BK_STR("Cookie"), BK_STR("userid_8=x; lang=en")}};
    bk_cache_key_req_t r5 = r1, r6 = r1, r7 = r1;
    r5.headers = h5;
    r6.headers = h6;
    r7.headers = h7;
    bk_str_t k5 = key(&wild, &r5);
    assert_true(bk_str_eq(k5, key(&wild, &r6)));
    assert_false(bk_str_eq(k5, key(&wild, &r7)));
    assert_non_null(memmem(k5.p, k5.n, "lang", 4));
    nbuf = 0;

    /* Policy "none" ignores cookies entirely. */
    bk_cache_key_policy_t none = {0};
    assert_true(bk_str_eq(key(&none, &r1), key(&none, &r3)));
}

static void test_accept_encoding(void **state)
{
    (void)state;
    static const struct {
        const char *ae;
        int gzip, br;
        bk_cache_enc_t want;
    } t[] = {
        {"gzip, deflate, br", 1, 1, BK_CACHE_ENC_BR},
        {"gzip, deflate, br", 1, 0, BK_CACHE_ENC_GZIP},
        {"gzip, deflate, br", 0, 1, BK_CACHE_ENC_BR},
        {"gzip, deflate, br", 0, 0, BK_CACHE_ENC_IDENTITY},
        {"GZIP", 1, 1, BK_CACHE_ENC_GZIP},
        {"x-gzip", 1, 1, BK_CACHE_ENC_GZIP},
        {"br;q=0, gzip", 1, 1, BK_CACHE_ENC_GZIP},
        {"br;q=0.0, gzip;q=0.000", 1, 1, BK_CACHE_ENC_IDENTITY},
        {"br;q=0.5", 1, 1, BK_CACHE_ENC_BR},
        {"br ; q=1", 1, 1, BK_CACHE_ENC_BR},
        {"*", 1, 1, BK_CACHE_ENC_BR},
        {"*;q=0, gzip", 1, 1, BK_CACHE_ENC_GZIP},
        {"*, br;q=0", 1, 1, BK_CACHE_ENC_GZIP},
        {"identity", 1, 1, BK_CACHE_ENC_IDENTITY},
        {"deflate", 1, 1, BK_CACHE_ENC_IDENTITY},
        {"", 1, 1, BK_CACHE_ENC_IDENTITY},
        {"gzipx, brotli", 1, 1, BK_CACHE_ENC_IDENTITY},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        bk_cache_enc_t got =
            bk_cache_accept_encoding(bk_str_c(t[i].ae), t[i].gzip, t[i].br);
        if (got != t[i].want)
            fail_msg("'%s' gzip=%d br=%d: got %d want %d", t[i].ae, t[i].gzip,
                     t[i].br, got, t[i].want);
    }

    /* In the key only when the policy keys on encodings, and normalised:
     * two spellings of "gzip only" give one key. */
    bk_cache_key_policy_t pol = {.gzip = 1, .br = 1};
    bk_cache_key_req_t r1 = {.path = BK_STR("/"),
                             .accept_encoding = BK_STR("gzip, deflate")};
    bk_cache_key_req_t r2 = {.path = BK_STR("/"),
                             .accept_encoding = BK_STR("deflate,gzip;q=0.8")};
    bk_cache_key_req_t r3 = {.path = BK_STR("/"),
                             .accept_encoding = BK_STR("br")};
    assert_true(bk_str_eq(key(&pol, &r1), key(&pol, &r2)));
    nbuf = 0;
    assert_false(bk_str_eq(key(&pol, &r1), key(&pol, &r3)));
    nbuf = 0;
    bk_cache_key_policy_t off = {0};
    assert_true(bk_str_eq(key(&off, &r1), key(&off, &r3)));
}

static void test_errors_and_uri(void **state)
{
    (void)state;
    bk_cache_key_policy_t pol = {0};
    bk_cache_key_req_t r = {.path = BK_STR("")};
    bk_buf_t b;
    bk_buf_init(&b, &arena);
    assert_int_equal(bk_cache_key_build(&pol, &r, &arena, &b), BK_ERR);

    /* Allocation failure is reported. */
    bk_buf_t h;
    bk_buf_init(&h, NULL);
    r.path = BK_STR("/x");
    bk_alloc_fail_at(1);
    assert_int_equal(bk_cache_key_build(&pol, &r, &arena, &h), BK_ERR);
    bk_alloc_fail_at(0);
    bk_buf_free(&h);

    /* Long URIs use multi-byte lengths. */
    char path[700];
    memset(path, 'p', sizeof(path));
    path[0] = '/';
    bk_cache_key_req_t lr = {.path = bk_str(path, sizeof(path)),
                             .host = BK_STR("h")};
    bk_str_t k = key(&pol, &lr);
    assert_true(bk_str_eq(bk_cache_key_uri(k), bk_str(path, sizeof(path))));

    /* Keys not in the format read as their own URI. */
    assert_true(bk_str_eq(bk_cache_key_uri(BK_STR("/plain")),
                          BK_STR("/plain")));
    assert_true(bk_str_eq(bk_cache_key_uri(BK_STR("\x05/ab")),
                          BK_STR("\x05/ab")));
    assert_int_equal(bk_cache_key_uri(BK_STR("")).n, 0);
    assert_true(bk_str_eq(bk_cache_key_uri(BK_STR("\xff\xff")),
                          BK_STR("\xff\xff")));
}

/* Fail each allocation of a full key build in turn: every one reports
 * BK_ERR and leaks nothing (ASan), and the build succeeds once the hook
 * no longer fires. */
static void test_alloc_failure_sweep(void **state)
{
    (void)state;
    bk_str_t hn[] = {BK_STR("X-A"), BK_STR("X-B")};
    bk_cache_key_policy_t pol = {.qs = BK_CACHE_SEL_ALL,
                                 .cookies = BK_CACHE_SEL_ALL,
                                 .header_names = hn, .header_n = 2,
                                 .gzip = 1, .br = 1};
    char big[3000];
    memset(big, 'v', sizeof(big));
    bk_cache_hdr_t h[] = {
        {BK_STR("X-A"), bk_str(big, sizeof(big))},
        {BK_STR("Cookie"), BK_STR("b=2; a=1; c=3")},
        {BK_STR("X-B"), BK_STR("bee")},
    };
    bk_cache_key_req_t r = {.host = BK_STR("host.example"),
                            .path = bk_str(big, 900),
                            .query = bk_str(big, 1200),
                            .headers = h, .header_n = 3,
                            .accept_encoding = BK_STR("br")};
    int ok = 0, failures = 0;
    for (unsigned long n = 1; n < 200 && !ok; n++) {
        bk_arena_t a;
        bk_arena_init(&a, 256, 0);
        bk_buf_t b;
        bk_buf_init(&b, NULL);
        bk_alloc_fail_at(n);
        int rc = bk_cache_key_build(&pol, &r, &a, &b);
        bk_alloc_fail_at(0);
        if (rc == BK_OK) {
            ok = 1;
        } else {
            assert_int_equal(rc, BK_ERR);
            failures++;
        }
        bk_buf_free(&b);
        bk_arena_destroy(&a);
    }
    assert_true(ok);
    assert_true(failures >= 3); /* buffer growth, cookie list, arena */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_query_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parts_distinguish, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cookie_sort_and_modes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_accept_encoding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors_and_uri, setup, teardown),
        cmocka_unit_test(test_alloc_failure_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
