/* test_head.c: which response fields are stored, and how a 304 from a
 * revalidation updates a stored response. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "cache/cache.h"

#define H(n, v) {BK_STR(n), BK_STR(v)}

static void expect_head(bk_str_t got, const char *want)
{
    if (!bk_str_eq(got, bk_str_c(want)))
        fail_msg("head:\n%.*s\nwant:\n%s", BK_STR_FMT(got), want);
}

static void test_head_build(void **state)
{
    (void)state;
    bk_cache_hdr_t h[] = {
        H("Content-Type", "text/html"),
        H("Connection", "keep-alive, X-Conn-Only"),
        H("Keep-Alive", "timeout=5"),
        H("Transfer-Encoding", "chunked"),
        H("X-Conn-Only", "secret"),
        H("Age", "30"),
        H("Cache-Control", "max-age=60, no-cache=\"Set-Cookie\""),
        H("Set-Cookie", "a=1"),
        H("Cache-Control", "private=\"X-User\""),
        H("X-User", "bob"),
        H("ETag", "\"v1\""),
        H("Upgrade", "h2c"),
        H("TE", "trailers"),
        H("Trailer", "X"),
        H("Proxy-Connection", "close"),
    };
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_cache_head_build(h, BK_COUNTOF(h), 0, &b), BK_OK);
    expect_head(bk_buf_str(&b),
                "Content-Type: text/html\r\n"
                "Cache-Control: max-age=60, no-cache=\"Set-Cookie\"\r\n"
                "Cache-Control: private=\"X-User\"\r\n"
                "ETag: \"v1\"\r\n");
    bk_buf_free(&b);

    /* Set-Cookie is kept unless the origin or the caller says otherwise. */
    bk_cache_hdr_t h2[] = {H("Set-Cookie", "a=1"), H("Vary", "Cookie")};
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_cache_head_build(h2, 2, 0, &b), BK_OK);
    expect_head(bk_buf_str(&b), "Set-Cookie: a=1\r\nVary: Cookie\r\n");
    bk_buf_clear(&b);
    assert_int_equal(
        bk_cache_head_build(h2, 2, BK_CACHE_HEAD_DROP_SET_COOKIE, &b), BK_OK);
    expect_head(bk_buf_str(&b), "Vary: Cookie\r\n");
    bk_buf_free(&b);

    /* The stored head reads back through the cache's own scanner. */
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_cache_head_build(h, BK_COUNTOF(h), 0, &b), BK_OK);
    bk_cache_entry_t *e =
        bk_cache_entry_new(BK_STR("k"), 200, bk_buf_str(&b), "x", 1);
    assert_non_null(e);
    assert_true(bk_str_eq(e->etag, BK_STR("\"v1\"")));
    bk_cache_entry_release(e);

    /* Allocation failure is reported. */
    bk_buf_clear(&b);
    bk_buf_free(&b);
    bk_buf_init(&b, NULL);
    bk_alloc_fail_at(1);
    assert_int_equal(bk_cache_head_build(h, BK_COUNTOF(h), 0, &b), BK_ERR);
    bk_alloc_fail_at(0);
    bk_buf_free(&b);
}

static void test_revalidated(void **state)
{
    (void)state;
    bk_str_t stored = BK_STR("Content-Type: text/html\r\n"
                             "Content-Length: 5\r\n"
                             "Content-Encoding: gzip\r\n"
                             "Cache-Control: max-age=10\r\n"
                             "ETag: \"v1\"\r\n"
                             "X-Kept: yes\r\n"
                             "Date: Tue, 14 Nov 2023 22:13:20 GMT\r\n");
    bk_cache_entry_t *old =
        bk_cache_entry_new(BK_STR("key"), 200, stored, "hello", 5);
    assert_non_null(old);

    bk_cache_hdr_t r304[] = {
        H("Cache-Control", "max-age=600"),
        H("ETag", "\"v2\""),
        H("Date", "Tue, 14 Nov 2023 23:00:00 GMT"),
        H("Content-Length", "0"),      /* about the 304, not the body */
        H("Content-Encoding", "br"),   /* would mislabel the stored body */
        H("Connection", "close"),
        H("X-New", "1"),
    };
    bk_cache_entry_t *e =
        bk_cache_entry_revalidated(old, r304, BK_COUNTOF(r304), 0);
    assert_non_null(e);
    expect_head(e->head, "Content-Type: text/html\r\n"
                         "Content-Length: 5\r\n"
                         "Content-Encoding: gzip\r\n"
                         "X-Kept: yes\r\n"
                         "Cache-Control: max-age=600\r\n"
                         "ETag: \"v2\"\r\n"
                         "Date: Tue, 14 Nov 2023 23:00:00 GMT\r\n"
                         "X-New: 1\r\n");
    assert_true(bk_str_eq(e->key, BK_STR("key")));
    assert_int_equal(e->status, 200);
    assert_memory_equal(e->body.p, "hello", 5);
    assert_true(bk_str_eq(e->etag, BK_STR("\"v2\"")));
    assert_false(bk_cache_entry_live(e));

    /* Freshness now follows the 304's Cache-Control. */
    bk_cache_ttl_policy_t pol = {0, 86400, 31536000, 10};
    bk_cache_fresh_t f;
    bk_cache_freshness_head(&pol, e->status, e->head, 1700000000, &f);
    assert_int_equal(f.ttl, 600);

    /* It replaces the old entry in a cache. */
    bk_cache_conf_t conf = {.max_bytes = 1 << 20, .seed = {1, 1}};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    assert_int_equal(bk_cache_insert(c, old), BK_OK);
    assert_int_equal(bk_cache_insert(c, e), BK_OK);
    assert_false(bk_cache_entry_live(old));
    bk_cache_entry_t *got = bk_cache_lookup(c, BK_STR("key"));
    assert_ptr_equal(got, e);
    bk_cache_entry_release(got);
    bk_cache_free(c);
    bk_cache_entry_release(e);

    /* An empty 304 keeps everything; allocation failures return NULL. */
    e = bk_cache_entry_revalidated(old, NULL, 0, 0);
    assert_non_null(e);
    assert_true(bk_str_eq(e->head, stored));
    bk_cache_entry_release(e);
    for (unsigned long n = 1; n <= 3; n++) {
        bk_alloc_fail_at(n);
        e = bk_cache_entry_revalidated(old, r304, BK_COUNTOF(r304), 0);
        bk_alloc_fail_at(0);
        bk_cache_entry_release(e); /* NULL or a complete entry */
    }
    bk_cache_entry_release(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_head_build),
        cmocka_unit_test(test_revalidated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
