/* test_cond.c: 304 decisions (If-None-Match, If-Modified-Since), If-Range
 * and single byte-range parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "cache/cache.h"

#define LM 784111777 /* Sun, 06 Nov 1994 08:49:37 GMT */

static const struct {
    const char *inm, *ims; /* NULL: absent */
    const char *etag;      /* "" : the entry has none */
    int64_t lm;
    int want304;
} nm[] = {
    /* If-None-Match, weak comparison, lists. */
    {"\"a\"", NULL, "\"a\"", LM, 1},
    {"\"b\"", NULL, "\"a\"", LM, 0},
    {"W/\"a\"", NULL, "\"a\"", LM, 1},
    {"\"a\"", NULL, "W/\"a\"", LM, 1},
    {"W/\"a\"", NULL, "W/\"a\"", LM, 1},
    {"\"x\", \"y\" ,\"a\"", NULL, "\"a\"", LM, 1},
    {"\"x\",W/\"a\"", NULL, "\"a\"", LM, 1},
    {"\"x\", \"y\"", NULL, "\"a\"", LM, 0},
    {"*", NULL, "\"a\"", LM, 1},
    {" * ", NULL, "", -1, 1},
    {"\"a\"", NULL, "", LM, 0},
    {"\"A\"", NULL, "\"a\"", LM, 0}, /* opaque tags are case-sensitive */
    {"a", NULL, "\"a\"", LM, 0},      /* unquoted: malformed */
    {"\"a", NULL, "\"a\"", LM, 0},
    {"", NULL, "\"a\"", LM, 0},
    {"\"a\"", NULL, "abc", LM, 0},
    {"\"abc\"", NULL, "abc", LM, 1},  /* sloppy stored ETag */
    /* If-None-Match wins over If-Modified-Since. */
    {"\"b\"", "Sun, 06 Nov 1994 08:49:37 GMT", "\"a\"", LM, 0},
    {"\"a\"", "Sat, 01 Jan 1994 00:00:00 GMT", "\"a\"", LM, 1},
    /* If-Modified-Since against Last-Modified. */
    {NULL, "Sun, 06 Nov 1994 08:49:37 GMT", "\"a\"", LM, 1},
    {NULL, "Sun, 06 Nov 1994 08:49:38 GMT", "", LM, 1},
    {NULL, "Sun, 06 Nov 1994 08:49:36 GMT", "", LM, 0},
    {NULL, "Sunday, 06-Nov-94 08:49:37 GMT", "", LM, 1},
    {NULL, "garbage", "", LM, 0},
    {NULL, "Sun, 06 Nov 1994 08:49:37 GMT", "", -1, 0},
    {NULL, NULL, "\"a\"", LM, 0},
};

static void test_not_modified(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(nm) / sizeof(nm[0]); i++) {
        int got = bk_cache_not_modified(bk_str_c(nm[i].inm),
                                        bk_str_c(nm[i].ims),
                                        bk_str_c(nm[i].etag), nm[i].lm);
        if (got != nm[i].want304)
            fail_msg("case %zu (inm=%s ims=%s etag=%s): got %d", i,
                     nm[i].inm ? nm[i].inm : "-",
                     nm[i].ims ? nm[i].ims : "-", nm[i].etag, got);
    }
}

static void test_if_range(void **state)
{
    (void)state;
    assert_true(bk_cache_if_range_ok(BK_STR_NULL, BK_STR("\"a\""), LM));
    assert_true(bk_cache_if_range_ok(BK_STR("\"a\""), BK_STR("\"a\""), LM));
    assert_false(bk_cache_if_range_ok(BK_STR("\"b\""), BK_STR("\"a\""), LM));
    /* Strong comparison only. */
    assert_false(bk_cache_if_range_ok(BK_STR("W/\"a\""), BK_STR("\"a\""), LM));
    assert_false(bk_cache_if_range_ok(BK_STR("\"a\""), BK_STR("W/\"a\""), LM));
    assert_true(bk_cache_if_range_ok(
        BK_STR("Sun, 06 Nov 1994 08:49:37 GMT"), BK_STR(""), LM));
    assert_false(bk_cache_if_range_ok(
        BK_STR("Sun, 06 Nov 1994 08:49:38 GMT"), BK_STR(""), LM));
    assert_false(bk_cache_if_range_ok(
        BK_STR("Sun, 06 Nov 1994 08:49:37 GMT"), BK_STR(""), -1));
    assert_false(bk_cache_if_range_ok(BK_STR("junk"), BK_STR("\"a\""), LM));
}

static const struct {
    const char *range;
    uint64_t size;
    int rc;
    uint64_t first, last;
} rg[] = {
    {"bytes=0-99", 1000, BK_OK, 0, 99},
    {"bytes=100-", 1000, BK_OK, 100, 999},
    {"bytes=-100", 1000, BK_OK, 900, 999},
    {"bytes=-5000", 1000, BK_OK, 0, 999},
    {"bytes=500-5000", 1000, BK_OK, 500, 999},
    {"bytes=999-999", 1000, BK_OK, 999, 999},
    {"bytes=0-0", 1, BK_OK, 0, 0},
    {"Bytes= 10-20 ", 1000, BK_OK, 10, 20},
    {"bytes=0-99999999999999999999999", 1000, BK_OK, 0, 999},
    {"bytes=-99999999999999999999999", 1000, BK_OK, 0, 999},
    /* Unsatisfiable: 416. */
    {"bytes=1000-", 1000, BK_ERR, 0, 0},
    {"bytes=1000-2000", 1000, BK_ERR, 0, 0},
    {"bytes=-0", 1000, BK_ERR, 0, 0},
    {"bytes=0-", 0, BK_ERR, 0, 0},
    {"bytes=-1", 0, BK_ERR, 0, 0},
    {"bytes=99999999999999999999999-", 1000, BK_ERR, 0, 0},
    {"bytes=99999999999999999999999-99999999999999999999999", 1000, BK_ERR,
     0, 0},
    /* Both past 2^64 and last < first: invalid, so ignored (found by a
     * differential run against a model). */
    {"bytes=99999999999999999999999-99999999999999999999998", 1000,
     BK_DECLINED, 0, 0},
    {"bytes=00010-0009", 1000, BK_DECLINED, 0, 0},
    {"bytes=0010-00020", 1000, BK_OK, 10, 20},
    /* Ignored: serve 200 with the whole body. */
    {NULL, 1000, BK_DECLINED, 0, 0},
    {"", 1000, BK_DECLINED, 0, 0},
    {"bytes=0-1,5-6", 1000, BK_DECLINED, 0, 0},
    {"bytes=0-1, 5-", 1000, BK_DECLINED, 0, 0},
    {"bytes=20-10", 1000, BK_DECLINED, 0, 0},
    {"bytes=-", 1000, BK_DECLINED, 0, 0},
    {"bytes=a-b", 1000, BK_DECLINED, 0, 0},
    {"bytes=1-2x", 1000, BK_DECLINED, 0, 0},
    {"items=0-1", 1000, BK_DECLINED, 0, 0},
    {"bytes 0-1", 1000, BK_DECLINED, 0, 0},
    {"bytes=", 1000, BK_DECLINED, 0, 0},
};

static void test_range(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rg) / sizeof(rg[0]); i++) {
        uint64_t f = 77, l = 77;
        int rc = bk_cache_range_parse(bk_str_c(rg[i].range), rg[i].size, &f,
                                      &l);
        if (rc != rg[i].rc ||
            (rc == BK_OK && (f != rg[i].first || l != rg[i].last)))
            fail_msg("'%s' size %llu: rc %d [%llu, %llu]",
                     rg[i].range ? rg[i].range : "(null)",
                     (unsigned long long)rg[i].size, rc,
                     (unsigned long long)f, (unsigned long long)l);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_modified),
        cmocka_unit_test(test_if_range),
        cmocka_unit_test(test_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
