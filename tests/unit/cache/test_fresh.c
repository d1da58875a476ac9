/* test_fresh.c: the CloudFront TTL table row by row, Age, staleness
 * windows, HTTP dates and header-block lookups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cache/cache.h"

#define NOW 1700000000 /* Tue, 14 Nov 2023 22:13:20 GMT */

/* Policies: CloudFront's defaults, and MinTTL > 0. */
static const bk_cache_ttl_policy_t P0 = {0, 86400, 31536000, 10};
static const bk_cache_ttl_policy_t PMIN = {60, 300, 3600, 10};
static const bk_cache_ttl_policy_t PMAX = {0, 300, 600, 10};

static const struct {
    const char *name;
    const bk_cache_ttl_policy_t *pol;
    int status;
    const char *cc, *expires, *date, *age; /* NULL: header absent */
    int cacheable;
    uint32_t ttl;
    bk_cache_rule_t rule;
} cases[] = {
    /* No caching headers: DefaultTTL, or MinTTL when larger. */
    {"none", &P0, 200, NULL, NULL, NULL, NULL, 1, 86400,
     BK_CACHE_RULE_DEFAULT},
    {"none min", &PMIN, 200, NULL, NULL, NULL, NULL, 1, 300,
     BK_CACHE_RULE_DEFAULT},
    {"none min>default", &(bk_cache_ttl_policy_t){900, 300, 3600, 10}, 200,
     NULL, NULL, NULL, NULL, 1, 900, BK_CACHE_RULE_DEFAULT},
    {"unrelated cc", &P0, 200, "public", NULL, NULL, NULL, 1, 86400,
     BK_CACHE_RULE_DEFAULT},
    /* max-age: lesser of max-age and MaxTTL; at least MinTTL. */
    {"max-age", &P0, 200, "max-age=120", NULL, NULL, NULL, 1, 120,
     BK_CACHE_RULE_MAX_AGE},
    {"max-age>max", &PMAX, 200, "max-age=3600", NULL, NULL, NULL, 1, 600,
     BK_CACHE_RULE_MAX_AGE},
    {"max-age<min", &PMIN, 200, "max-age=5", NULL, NULL, NULL, 1, 60,
     BK_CACHE_RULE_MAX_AGE},
    {"max-age in range", &PMIN, 200, "max-age=100", NULL, NULL, NULL, 1, 100,
     BK_CACHE_RULE_MAX_AGE},
    {"max-age=0", &P0, 200, "max-age=0", NULL, NULL, NULL, 1, 0,
     BK_CACHE_RULE_MAX_AGE},
    {"max-age case/space", &P0, 200, " Public ,  MAX-AGE=77 ", NULL, NULL,
     NULL, 1, 77, BK_CACHE_RULE_MAX_AGE},
    {"max-age quoted", &P0, 200, "max-age=\"42\"", NULL, NULL, NULL, 1, 42,
     BK_CACHE_RULE_MAX_AGE},
    {"max-age invalid", &P0, 200, "max-age=abc", NULL, NULL, NULL, 1, 0,
     BK_CACHE_RULE_MAX_AGE},
    {"max-age huge", &P0, 200, "max-age=99999999999999999999", NULL, NULL,
     NULL, 1, 31536000, BK_CACHE_RULE_MAX_AGE},
    {"max-age first wins", &P0, 200, "max-age=10, max-age=20", NULL, NULL,
     NULL, 1, 10, BK_CACHE_RULE_MAX_AGE},
    /* s-maxage wins over max-age for a shared cache. */
    {"s-maxage", &P0, 200, "max-age=10, s-maxage=500", NULL, NULL, NULL, 1,
     500, BK_CACHE_RULE_S_MAXAGE},
    {"s-maxage>max", &PMAX, 200, "s-maxage=5000,max-age=1", NULL, NULL, NULL,
     1, 600, BK_CACHE_RULE_S_MAXAGE},
    {"s-maxage<min", &PMIN, 200, "s-maxage=1", NULL, NULL, NULL, 1, 60,
     BK_CACHE_RULE_S_MAXAGE},
    /* Expires: relative to the origin's Date; max-age wins over it. */
    {"expires", &P0, 200, NULL, "Tue, 14 Nov 2023 23:13:20 GMT",
     "Tue, 14 Nov 2023 22:13:20 GMT", NULL, 1, 3600, BK_CACHE_RULE_EXPIRES},
    {"expires skewed date", &P0, 200, NULL, "Tue, 14 Nov 2023 23:13:20 GMT",
     "Tue, 14 Nov 2023 23:03:20 GMT", NULL, 1, 600, BK_CACHE_RULE_EXPIRES},
    {"expires no date", &P0, 200, NULL, "Tue, 14 Nov 2023 22:23:20 GMT",
     NULL, NULL, 1, 600, BK_CACHE_RULE_EXPIRES},
    {"expires>max", &PMAX, 200, NULL, "Tue, 14 Nov 2023 23:13:20 GMT", NULL,
     NULL, 1, 600, BK_CACHE_RULE_EXPIRES},
    {"expires<min", &PMIN, 200, NULL, "Tue, 14 Nov 2023 22:13:30 GMT", NULL,
     NULL, 1, 60, BK_CACHE_RULE_EXPIRES},
    {"expires past", &P0, 200, NULL, "Sun, 06 Nov 1994 08:49:37 GMT", NULL,
     NULL, 1, 0, BK_CACHE_RULE_EXPIRES},
    {"expires invalid", &P0, 200, NULL, "0", NULL, NULL, 1, 0,
     BK_CACHE_RULE_EXPIRES},
    {"expires invalid min", &PMIN, 200, NULL, "-1", NULL, NULL, 1, 60,
     BK_CACHE_RULE_EXPIRES},
    {"max-age beats expires", &P0, 200, "max-age=30",
     "Tue, 14 Nov 2023 23:13:20 GMT", NULL, NULL, 1, 30,
     BK_CACHE_RULE_MAX_AGE},
    /* no-cache / no-store / private: not cached with MinTTL 0, else
     * cached for MinTTL. */
    {"no-store", &P0, 200, "no-store", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_NO_STORE_MIN0},
    {"no-cache", &P0, 200, "no-cache", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_NO_STORE_MIN0},
    {"private", &P0, 200, "private, max-age=600", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_NO_STORE_MIN0},
    /* Qualified no-cache/private only keep the named fields out. */
    {"no-cache fields", &P0, 200, "no-cache=\"Set-Cookie, X\", max-age=5",
     NULL, NULL, NULL, 1, 5, BK_CACHE_RULE_MAX_AGE},
    {"private fields", &P0, 200, "private=\"X-Secret\"", NULL, NULL, NULL, 1,
     86400, BK_CACHE_RULE_DEFAULT},
    {"no-cache= then no-cache", &P0, 200, "no-cache=\"A\", no-cache", NULL,
     NULL, NULL, 0, 0, BK_CACHE_RULE_NO_STORE_MIN0},
    {"no-store min", &PMIN, 200, "no-store, max-age=3000", NULL, NULL, NULL,
     1, 60, BK_CACHE_RULE_NO_STORE_MIN},
    {"private min", &PMIN, 200, "private", NULL, NULL, NULL, 1, 60,
     BK_CACHE_RULE_NO_STORE_MIN},
    /* Statuses. */
    {"301", &P0, 301, "max-age=5", NULL, NULL, NULL, 1, 5,
     BK_CACHE_RULE_MAX_AGE},
    {"206", &P0, 206, NULL, NULL, NULL, NULL, 1, 86400,
     BK_CACHE_RULE_DEFAULT},
    {"201", &P0, 201, "max-age=5", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_STATUS},
    {"304", &P0, 304, "max-age=5", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_STATUS},
    {"404 error min", &P0, 404, NULL, NULL, NULL, NULL, 1, 10,
     BK_CACHE_RULE_ERROR},
    {"404 max-age", &P0, 404, "max-age=300", NULL, NULL, NULL, 1, 300,
     BK_CACHE_RULE_ERROR},
    {"503 small max-age", &P0, 503, "max-age=2", NULL, NULL, NULL, 1, 10,
     BK_CACHE_RULE_ERROR},
    {"403 no cc", &P0, 403, NULL, NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_ERROR_NEEDS_CC},
    {"403 s-maxage", &P0, 403, "s-maxage=30", NULL, NULL, NULL, 1, 30,
     BK_CACHE_RULE_ERROR},
    {"418", &P0, 418, NULL, NULL, NULL, NULL, 0, 0, BK_CACHE_RULE_STATUS},
    /* custom-error-pages-expiration.html: Expires counts too; header values
     * stop at MaxTTL; 416 is never cached; no-store/no-cache/private keep
     * only 404, 410, 414 and 501 out. */
    {"410 error min", &P0, 410, NULL, NULL, NULL, NULL, 1, 10,
     BK_CACHE_RULE_ERROR},
    {"404 expires", &P0, 404, NULL, "Tue, 14 Nov 2023 22:18:20 GMT",
     "Tue, 14 Nov 2023 22:13:20 GMT", NULL, 1, 300, BK_CACHE_RULE_ERROR},
    {"404 expires past", &P0, 404, NULL, "Sun, 06 Nov 1994 08:49:37 GMT",
     NULL, NULL, 1, 10, BK_CACHE_RULE_ERROR},
    {"404 max-age>max", &PMAX, 404, "max-age=99999", NULL, NULL, NULL, 1, 600,
     BK_CACHE_RULE_ERROR},
    {"416", &P0, 416, "max-age=60", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_STATUS},
    {"404 no-store", &P0, 404, "no-store", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_ERROR_NO_STORE},
    {"410 private", &PMIN, 410, "private, max-age=60", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_ERROR_NO_STORE},
    {"501 no-cache", &P0, 501, "no-cache", NULL, NULL, NULL, 0, 0,
     BK_CACHE_RULE_ERROR_NO_STORE},
    {"503 no-store ignored", &P0, 503, "no-store", NULL, NULL, NULL, 1, 10,
     BK_CACHE_RULE_ERROR},
    {"500 private max-age", &P0, 500, "private, max-age=30", NULL, NULL, NULL,
     1, 30, BK_CACHE_RULE_ERROR},
};

static void test_ttl_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bk_cache_resp_hdrs_t h = {
            .cache_control = bk_str_c(cases[i].cc),
            .expires = bk_str_c(cases[i].expires),
            .date = bk_str_c(cases[i].date),
            .age = bk_str_c(cases[i].age),
        };
        bk_cache_fresh_t f;
        bk_cache_freshness(cases[i].pol, cases[i].status, &h, NOW, &f);
        if (f.cacheable != cases[i].cacheable || f.ttl != cases[i].ttl ||
            f.rule != cases[i].rule)
            fail_msg("%s: got cacheable=%d ttl=%u rule=%s, want %d %u %s",
                     cases[i].name, f.cacheable, f.ttl,
                     bk_cache_rule_str(f.rule), cases[i].cacheable,
                     cases[i].ttl, bk_cache_rule_str(cases[i].rule));
    }
}

static void test_share_collapsed(void **state)
{
    (void)state;
    static const struct {
        const char *cc;
        int status, share;
    } t[] = {
        {"max-age=60", 200, 1}, {NULL, 200, 1},        {"no-cache", 200, 1},
        {"private", 200, 0},    {"no-store", 200, 0},
        {"no-cache, private", 200, 0},                 {"max-age=0", 200, 1},
        {NULL, 404, 1},         {NULL, 403, 0},        {NULL, 201, 0},
        {"no-store", 404, 0},   {"no-store", 503, 1},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        bk_cache_resp_hdrs_t h = {.cache_control = bk_str_c(t[i].cc)};
        bk_cache_fresh_t f;
        bk_cache_freshness(&P0, t[i].status, &h, NOW, &f);
        if (f.share_collapsed != t[i].share)
            fail_msg("%s %d: share %d", t[i].cc ? t[i].cc : "-", t[i].status,
                     f.share_collapsed);
    }
    /* With MinTTL > 0 even private responses are cached, hence shared. */
    bk_cache_resp_hdrs_t h = {.cache_control = BK_STR("private")};
    bk_cache_fresh_t f;
    bk_cache_freshness(&PMIN, 200, &h, NOW, &f);
    assert_true(f.cacheable && f.share_collapsed);
}

static void test_head_form_and_stale(void **state)
{
    (void)state;
    /* Cache-Control split over two lines counts as one list. */
    bk_str_t head = BK_STR("Content-Type: text/html\r\n"
                           "Cache-Control: public\r\n"
                           "cache-control: s-maxage=90, "
                           "stale-while-revalidate=30, stale-if-error=600\r\n"
                           "Age: 20\r\n"
                           "Expires: Tue, 14 Nov 2023 23:13:20 GMT\r\n");
    bk_cache_fresh_t f;
    bk_cache_freshness_head(&P0, 200, head, NOW, &f);
    assert_true(f.cacheable);
    assert_int_equal(f.rule, BK_CACHE_RULE_S_MAXAGE);
    assert_int_equal(f.ttl, 90);
    assert_int_equal(f.initial_age, 20);
    assert_int_equal(f.stale_while_revalidate, 30);
    assert_int_equal(f.stale_if_error, 600);

    bk_cache_entry_t *e = bk_cache_entry_new(BK_STR("k"), 200, head, "b", 1);
    assert_non_null(e);
    bk_cache_entry_set_fresh(e, &f, NOW);
    /* Age counts the origin's Age plus time spent here. */
    assert_int_equal(bk_cache_entry_age(e, NOW), 20);
    assert_int_equal(bk_cache_entry_age(e, NOW + 50), 70);
    assert_int_equal(bk_cache_entry_age(e, NOW - 5), 20); /* clock went back */
    assert_true(bk_cache_entry_fresh(e, NOW + 69));
    assert_false(bk_cache_entry_fresh(e, NOW + 70));
    /* Stale windows start where freshness ends. */
    assert_true(bk_cache_entry_stale_ok(e, NOW + 99, 0));
    assert_false(bk_cache_entry_stale_ok(e, NOW + 100, 0));
    assert_true(bk_cache_entry_stale_ok(e, NOW + 669, 1));
    assert_false(bk_cache_entry_stale_ok(e, NOW + 670, 1));
    bk_cache_entry_release(e);

    /* must-revalidate turns the stale windows off. */
    bk_cache_freshness_head(
        &P0, 200,
        BK_STR("Cache-Control: max-age=5, stale-if-error=60, "
               "must-revalidate\r\n"),
        NOW, &f);
    assert_int_equal(f.ttl, 5);
    assert_int_equal(f.stale_if_error, 0);
    assert_true(f.must_revalidate);
    e = bk_cache_entry_new(BK_STR("k"), 200, BK_STR(""), "b", 1);
    assert_non_null(e);
    bk_cache_entry_set_fresh(e, &f, NOW);
    assert_true(bk_cache_entry_fresh(e, NOW + 4));
    assert_false(bk_cache_entry_stale_ok(e, NOW + 6, 1));
    assert_false(bk_cache_entry_stale_ok(e, NOW + 6, 0));
    bk_cache_entry_release(e);

    /* Without stale-if-error, CloudFront serves an expired object when the
     * origin fails, and keeps it for ErrorCachingMinTTL. */
    bk_cache_freshness_head(&P0, 200, BK_STR("Cache-Control: max-age=5\r\n"),
                            NOW, &f);
    e = bk_cache_entry_new(BK_STR("k"), 200, BK_STR(""), "b", 1);
    assert_non_null(e);
    bk_cache_entry_set_fresh(e, &f, NOW);
    assert_false(bk_cache_entry_stale_ok(e, NOW + 1000, 0));
    assert_true(bk_cache_entry_stale_ok(e, NOW + 1000, 1));
    bk_cache_entry_extend(e, NOW + 1000, P0.error_min_ttl);
    assert_true(bk_cache_entry_fresh(e, NOW + 1009));
    assert_false(bk_cache_entry_fresh(e, NOW + 1010));
    assert_int_equal(bk_cache_entry_age(e, NOW + 1003), 3);
    /* A 304 revalidation restarts the age with the new freshness. */
    bk_cache_freshness_head(&P0, 200, BK_STR("Cache-Control: max-age=60\r\n"),
                            NOW + 2000, &f);
    bk_cache_entry_set_fresh(e, &f, NOW + 2000);
    assert_true(bk_cache_entry_fresh(e, NOW + 2059));
    assert_false(bk_cache_entry_fresh(e, NOW + 2060));
    bk_cache_entry_release(e);

    /* Bare LF lines and no headers at all. */
    bk_cache_freshness_head(&P0, 200, BK_STR("Cache-Control:max-age=7\n"),
                            NOW, &f);
    assert_int_equal(f.ttl, 7);
    bk_cache_freshness_head(&P0, 200, BK_STR(""), NOW, &f);
    assert_int_equal(f.rule, BK_CACHE_RULE_DEFAULT);
}

static void test_unstored_fields(void **state)
{
    (void)state;
    bk_str_t head = BK_STR("Set-Cookie: a=1\r\n"
                           "Cache-Control: max-age=60, no-cache=\"set-cookie,"
                           " X-A\"\r\n"
                           "Cache-Control: private=\"X-B\", no-store\r\n");
    assert_true(bk_cache_head_field_unstored(head, BK_STR("Set-Cookie")));
    assert_true(bk_cache_head_field_unstored(head, BK_STR("x-a")));
    assert_true(bk_cache_head_field_unstored(head, BK_STR("X-B")));
    assert_false(bk_cache_head_field_unstored(head, BK_STR("X-C")));
    assert_false(bk_cache_head_field_unstored(head, BK_STR("max-age")));
    assert_false(bk_cache_head_field_unstored(
        BK_STR("Cache-Control: no-cache\r\n"), BK_STR("Set-Cookie")));
    assert_false(bk_cache_head_field_unstored(BK_STR(""), BK_STR("A")));
}

static void test_head_get(void **state)
{
    (void)state;
    bk_str_t head = BK_STR("A: 1\r\nbroken line\r\nETag: \"x\"\r\nEmpty:\r\n"
                           "etag: \"second\"\r\n");
    assert_true(bk_str_eq(bk_cache_head_get(head, BK_STR("etag")),
                          BK_STR("\"x\"")));
    assert_true(bk_str_eq(bk_cache_head_get(head, BK_STR("a")), BK_STR("1")));
    bk_str_t e = bk_cache_head_get(head, BK_STR("empty"));
    assert_non_null(e.p);
    assert_int_equal(e.n, 0);
    assert_null(bk_cache_head_get(head, BK_STR("missing")).p);
    assert_null(bk_cache_head_get(head, BK_STR("broken line")).p);
    assert_string_equal(bk_cache_rule_str(BK_CACHE_RULE_DEFAULT),
                        "no max-age/s-maxage/Expires: max(MinTTL, DefaultTTL)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ttl_table),
        cmocka_unit_test(test_share_collapsed),
        cmocka_unit_test(test_head_form_and_stale),
        cmocka_unit_test(test_unstored_fields),
        cmocka_unit_test(test_head_get),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
