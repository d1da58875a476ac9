/* test_cff_model.c: the pure parts of the CloudFront Functions runtime
 * (cloudfront-functions.md §3.1): header title-casing, query string,
 * Cookie and Set-Cookie parsing into fields with occurrences, the query
 * string written back, and base64 bodies (§3.2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "edge/cff.h"
#include "edge/cff_int.h"

static bk_arena_t arena;

static int setup(void **state)
{
    (void)state;
    bk_arena_init(&arena, 0, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bk_arena_destroy(&arena);
    return 0;
}

#define assert_str(s, lit)                                                    \
    do {                                                                      \
        bk_str_t s_ = (s);                                                    \
        assert_int_equal(s_.n, strlen(lit));                                  \
        assert_memory_equal(s_.p, (lit), s_.n);                               \
    } while (0)

/* §3.1: CloudFront title-cases each hyphen-separated part on output. */
static void header_title_casing(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"x-my-hdr", "X-My-Hdr"},
        {"content-type", "Content-Type"},
        {"host", "Host"},
        {"x-amz-cf-id", "X-Amz-Cf-Id"},
        {"cloudfront-viewer-country", "Cloudfront-Viewer-Country"},
        {"www-authenticate", "Www-Authenticate"},
        {"X-ALREADY-UPPER", "X-Already-Upper"},
        {"a--b", "A--B"},
        {"-lead", "-Lead"},
        {"trail-", "Trail-"},
        {"x-1st-2nd", "X-1st-2nd"},
        {"e-tag_x", "E-Tag_x"},
    };
    for (size_t i = 0; i < BK_COUNTOF(cases); i++)
        assert_str(bk_cff_title_case(&arena, bk_str_c(cases[i][0])), cases[i][1]);
    assert_int_equal(bk_cff_title_case(&arena, BK_STR("")).n, 0);
}

/* §3.1: repeated names collapse into one field with every occurrence,
 * first first; values are not decoded. */
static void query_duplicates_multivalue(void **state)
{
    (void)state;
    bk_cff_map_t m = {0};
    assert_int_equal(
        bk_cff_parse_query(&arena, BK_STR("tag=a&page=2&tag=b&q=red%20shoes&tag=c"), &m),
        BK_OK);
    assert_int_equal(m.n, 3);
    assert_str(m.v[0].name, "tag");
    assert_int_equal(m.v[0].n, 3);
    assert_str(m.v[0].items[0].value, "a");
    assert_str(m.v[0].items[1].value, "b");
    assert_str(m.v[0].items[2].value, "c");
    assert_str(m.v[1].name, "page");
    assert_int_equal(m.v[1].n, 1);
    assert_str(m.v[2].items[0].value, "red%20shoes");
}

static void query_edge_forms(void **state)
{
    (void)state;
    bk_cff_map_t m = {0};
    /* Empty parts are skipped, a name without '=' has an empty value, a
     * part without a name is dropped. */
    assert_int_equal(bk_cff_parse_query(&arena, BK_STR("&&flag&=x&k=&k2=a=b&"), &m),
                     BK_OK);
    assert_int_equal(m.n, 3);
    assert_str(m.v[0].name, "flag");
    assert_str(m.v[0].items[0].value, "");
    assert_str(m.v[1].name, "k");
    assert_str(m.v[1].items[0].value, "");
    assert_str(m.v[2].name, "k2");
    assert_str(m.v[2].items[0].value, "a=b");
    bk_cff_map_t e = {0};
    assert_int_equal(bk_cff_parse_query(&arena, BK_STR(""), &e), BK_OK);
    assert_int_equal(e.n, 0);
}

/* The query string goes back into the URI: every occurrence, in order. */
static void query_string_written_back(void **state)
{
    (void)state;
    bk_cff_map_t m = {0};
    assert_int_equal(bk_cff_parse_query(&arena, BK_STR("b=2&a=1&b=3&c="), &m), BK_OK);
    bk_buf_t b;
    bk_buf_init(&b, &arena);
    assert_int_equal(bk_cff_query_string(&m, &b), BK_OK);
    assert_str(bk_buf_str(&b), "b=2&b=3&a=1&c=");
    bk_cff_map_t e = {0};
    bk_buf_t b2;
    bk_buf_init(&b2, &arena);
    assert_int_equal(bk_cff_query_string(&e, &b2), BK_OK);
    assert_int_equal(b2.n, 0);
}

/* §3.1: Cookie headers become request cookies; duplicates → multiValue. */
static void cookie_header_parsed(void **state)
{
    (void)state;
    bk_cff_map_t m = {0};
    assert_int_equal(bk_cff_parse_cookie(&arena, BK_STR("a=1; b = two ;a=3;;noeq; c=x=y"),
                                         &m),
                     BK_OK);
    assert_int_equal(m.n, 4);
    assert_str(m.v[0].name, "a");
    assert_int_equal(m.v[0].n, 2);
    assert_str(m.v[0].items[0].value, "1");
    assert_str(m.v[0].items[1].value, "3");
    assert_str(m.v[1].name, "b");
    assert_str(m.v[1].items[0].value, "two");
    assert_str(m.v[2].name, "noeq");
    assert_str(m.v[2].items[0].value, "");
    assert_str(m.v[3].name, "c");
    assert_str(m.v[3].items[0].value, "x=y");
    /* A second Cookie header joins the same map. */
    assert_int_equal(bk_cff_parse_cookie(&arena, BK_STR("b=again"), &m), BK_OK);
    assert_int_equal(m.v[1].n, 2);
    assert_str(m.v[1].items[1].value, "again");
}

/* §3.1: Set-Cookie: name, value, and everything after the first ';' as
 * one attributes string. */
static void set_cookie_attributes(void **state)
{
    (void)state;
    bk_cff_map_t m = {0};
    assert_int_equal(bk_cff_parse_set_cookie(
                         &arena, BK_STR("sid=abc123; Path=/; Secure; HttpOnly"), &m),
                     BK_OK);
    assert_int_equal(bk_cff_parse_set_cookie(&arena, BK_STR("plain=1"), &m), BK_OK);
    assert_int_equal(bk_cff_parse_set_cookie(&arena, BK_STR("sid=def; Path=/b"), &m),
                     BK_OK);
    assert_int_equal(bk_cff_parse_set_cookie(&arena, BK_STR("=nameless; Path=/"), &m),
                     BK_OK);
    assert_int_equal(m.n, 2);
    bk_cff_field_t *sid = bk_cff_map_find(&m, BK_STR("sid"));
    assert_non_null(sid);
    assert_int_equal(sid->n, 2);
    assert_str(sid->items[0].value, "abc123");
    assert_true(sid->items[0].has_attrs);
    assert_str(sid->items[0].attrs, "Path=/; Secure; HttpOnly");
    assert_str(sid->items[1].attrs, "Path=/b");
    bk_cff_field_t *plain = bk_cff_map_find(&m, BK_STR("plain"));
    assert_non_null(plain);
    assert_false(plain->items[0].has_attrs);
    assert_null(bk_cff_map_find(&m, BK_STR("SID"))); /* names are exact */
}

/* §3.2: base64 bodies: padding optional, the URL-safe alphabet accepted,
 * anything else refused. */
static void base64_body_decoding(void **state)
{
    (void)state;
    bk_str_t out;
    assert_int_equal(bk_cff__b64_decode(&arena, BK_STR("aGVsbG8="), &out), BK_OK);
    assert_str(out, "hello");
    assert_int_equal(bk_cff__b64_decode(&arena, BK_STR("aGVsbG8"), &out), BK_OK);
    assert_str(out, "hello");
    assert_int_equal(bk_cff__b64_decode(&arena, BK_STR(""), &out), BK_OK);
    assert_int_equal(out.n, 0);
    assert_int_equal(bk_cff__b64_decode(&arena, BK_STR("-_8="), &out), BK_OK);
    assert_int_equal(out.n, 2);
    assert_int_equal(out.p[0], 0xfb);
    assert_int_equal(out.p[1], 0xff);
    assert_int_equal(bk_cff__b64_decode(&arena, BK_STR("+/8="), &out), BK_OK);
    assert_int_equal(out.p[0], 0xfb);
    assert_int_equal(bk_cff__b64_decode(&arena, BK_STR("not*base64"), &out), BK_ERR);
    assert_int_equal(bk_cff__b64_decode(&arena, BK_STR("aGV=sbG8"), &out), BK_ERR);
    assert_int_equal(bk_cff__b64_decode(&arena, BK_STR("aGVs bG8="), &out), BK_ERR);
}

/* §4: the disallowed list, with its two prefixes, any case. */
static void disallowed_header_names(void **state)
{
    (void)state;
    static const char *const no[] = {
        "connection", "expect", "keep-alive", "proxy-authenticate",
        "proxy-authorization", "proxy-connection", "trailer", "upgrade",
        "x-accel-buffering", "x-accel-charset", "x-accel-limit-rate",
        "x-accel-redirect", "x-amz-cf-id", "x-amz-cf-pop", "x-amz-cf-anything",
        "x-amzn-auth", "x-amzn-cf-billing", "x-amzn-cf-id", "x-amzn-cf-xff",
        "x-amzn-errortype", "x-amzn-fle-profile", "x-amzn-header-count",
        "x-amzn-header-order", "x-amzn-lambda-integration-tag",
        "x-amzn-requestid", "x-cache", "x-edge-location", "x-edge-anything",
        "x-forwarded-proto", "x-real-ip", "Connection", "X-Edge-Foo",
    };
    static const char *const yes[] = {
        "x-amz-cf", "x-amz-date", "x-edge", "x-cache-status", "host", "via",
        "x-forwarded-for", "x-amzn-trace-id", "cache-control", "x-accel",
    };
    for (size_t i = 0; i < BK_COUNTOF(no); i++)
        assert_true(bk_cff__disallowed(bk_str_c(no[i])));
    for (size_t i = 0; i < BK_COUNTOF(yes); i++)
        assert_false(bk_cff__disallowed(bk_str_c(yes[i])));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(header_title_casing, setup, teardown),
        cmocka_unit_test_setup_teardown(query_duplicates_multivalue, setup, teardown),
        cmocka_unit_test_setup_teardown(query_edge_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(query_string_written_back, setup, teardown),
        cmocka_unit_test_setup_teardown(cookie_header_parsed, setup, teardown),
        cmocka_unit_test_setup_teardown(set_cookie_attributes, setup, teardown),
        cmocka_unit_test_setup_teardown(base64_body_decoding, setup, teardown),
        cmocka_unit_test_setup_teardown(disallowed_header_names, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
