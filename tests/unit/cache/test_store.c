/* test_store.c: the entry store: byte cap and LRU order, pinned entries
 * surviving eviction, replacement and invalidation, oversize objects,
 * the index growing, allocation failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cache/cache.h"

static const bk_cache_conf_t seeded = {.max_bytes = 0, .seed = {1, 2}};

static bk_cache_t *mk(size_t cap, size_t max_obj)
{
    bk_cache_conf_t conf = seeded;
    conf.max_bytes = cap;
    conf.max_object_bytes = max_obj;
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    return c;
}

/* Inserts key -> body; returns the caller's reference released. */
static int put(bk_cache_t *c, const char *key, size_t body_len)
{
    char body[4096];
    assert_true(body_len <= sizeof(body));
    memset(body, 'x', body_len);
    bk_cache_entry_t *e =
        bk_cache_entry_new(bk_str_c(key), 200, BK_STR(""), body, body_len);
    assert_non_null(e);
    int rc = bk_cache_insert(c, e);
    bk_cache_entry_release(e);
    return rc;
}

static int has(bk_cache_t *c, const char *key)
{
    bk_cache_entry_t *e = bk_cache_lookup(c, bk_str_c(key));
    if (e == NULL)
        return 0;
    bk_cache_entry_release(e);
    return 1;
}

/* Cost of an entry with a 1-byte key, empty head and n body bytes. */
static size_t cost(size_t n) { return bk_cache_entry_cost(1, 0, n); }

static void test_cap_and_lru_order(void **state)
{
    (void)state;
    /* Room for exactly three 100-byte entries. */
    bk_cache_t *c = mk(3 * cost(100), 0);
    assert_int_equal(put(c, "a", 100), BK_OK);
    assert_int_equal(put(c, "b", 100), BK_OK);
    assert_int_equal(put(c, "c", 100), BK_OK);
    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    assert_int_equal(st.entries, 3);
    assert_int_equal(st.bytes, 3 * cost(100));

    /* Touch "a": "b" becomes least recently used and goes first. */
    assert_true(has(c, "a"));
    assert_int_equal(put(c, "d", 100), BK_OK);
    assert_false(has(c, "b"));
    assert_true(has(c, "a"));
    assert_true(has(c, "c"));
    assert_true(has(c, "d"));

    /* The lookups of a, c, d (in that order) left "a" least recent. */
    assert_int_equal(put(c, "e", 100), BK_OK);
    assert_false(has(c, "a"));

    /* A bigger entry evicts as many as needed. */
    /* "f" costs one byte more than two 100-byte entries: all three go. */
    assert_int_equal(put(c, "f", 2 * 100 + BK_CACHE_ENTRY_OVERHEAD + 2),
                     BK_OK);
    bk_cache_stats(c, &st);
    assert_true(st.bytes <= 3 * cost(100));
    assert_int_equal(st.entries, 1);
    assert_true(has(c, "f"));
    assert_int_equal(st.evictions, 1 + 1 + 3);
    bk_cache_free(c);
}

static int collect(void *data, bk_cache_entry_t *e)
{
    char *out = data;
    strncat(out, (const char *)e->key.p, e->key.n);
    return 0;
}

static void test_foreach_mru_order(void **state)
{
    (void)state;
    bk_cache_t *c = mk(1 << 20, 0);
    assert_int_equal(put(c, "a", 1), BK_OK);
    assert_int_equal(put(c, "b", 1), BK_OK);
    assert_int_equal(put(c, "c", 1), BK_OK);
    assert_true(has(c, "a"));
    char order[16] = "";
    bk_cache_foreach(c, collect, order);
    assert_string_equal(order, "acb");
    bk_cache_free(c);
}

/* A hit in the least recent half moves the entry to the front; a hit in the
 * most recent half leaves the order alone (approximate LRU). */
static void test_lru_recent_half(void **state)
{
    (void)state;
    bk_cache_t *c = mk(10 * cost(10), 0);
    char k[4];
    for (int i = 0; i < 10; i++) {
        snprintf(k, sizeof(k), "%d", i);
        assert_int_equal(put(c, k, 10), BK_OK);
    }
    assert_true(has(c, "2")); /* back half: moved to the front */
    assert_true(has(c, "8")); /* front half: stays */
    char order[16] = "";
    bk_cache_foreach(c, collect, order);
    assert_string_equal(order, "2987654310");
    /* Evictions follow that order: 0, 1, then 3 (not 2). */
    assert_int_equal(put(c, "a", 10), BK_OK);
    assert_int_equal(put(c, "b", 10), BK_OK);
    assert_int_equal(put(c, "c", 10), BK_OK);
    assert_false(has(c, "0"));
    assert_false(has(c, "1"));
    assert_false(has(c, "3"));
    assert_true(has(c, "2"));
    assert_true(has(c, "4"));
    bk_cache_free(c);
}

static void test_pinned_survives_eviction(void **state)
{
    (void)state;
    bk_cache_t *c = mk(2 * cost(100), 0);
    assert_int_equal(put(c, "a", 100), BK_OK);
    bk_cache_entry_t *pinned = bk_cache_lookup(c, BK_STR("a"));
    assert_non_null(pinned);
    assert_true(bk_cache_entry_live(pinned));

    /* Two more inserts push "a" out of the index. */
    assert_int_equal(put(c, "b", 100), BK_OK);
    assert_int_equal(put(c, "c", 100), BK_OK);
    assert_false(has(c, "a"));
    assert_false(bk_cache_entry_live(pinned));

    /* Its bytes are intact (ASan would flag a use after free). */
    assert_int_equal(pinned->body.n, 100);
    for (size_t i = 0; i < pinned->body.n; i++)
        assert_int_equal(pinned->body.p[i], 'x');
    assert_memory_equal(pinned->key.p, "a", 1);
    bk_cache_entry_release(pinned);
    bk_cache_free(c);
}

static void test_pin_to_arena(void **state)
{
    (void)state;
    bk_cache_t *c = mk(1 << 20, 0);
    assert_int_equal(put(c, "k", 10), BK_OK);
    bk_arena_t a;
    bk_arena_init(&a, 0, 0);
    bk_cache_entry_t *e = bk_cache_lookup(c, BK_STR("k"));
    assert_non_null(e);
    assert_int_equal(bk_cache_entry_pin(e, &a), BK_OK);
    /* Invalidate while the "request" runs: the entry stays readable. */
    assert_int_equal(bk_cache_remove(c, BK_STR("k")), BK_OK);
    assert_int_equal(bk_cache_remove(c, BK_STR("k")), BK_DECLINED);
    assert_false(bk_cache_entry_live(e));
    assert_int_equal(e->body.n, 10);
    /* Freeing the cache does not touch pinned entries either. */
    bk_cache_free(c);
    assert_int_equal(e->body.p[9], 'x');
    bk_arena_destroy(&a); /* the last reference goes here */
}

static void test_oversize_not_stored(void **state)
{
    (void)state;
    bk_cache_t *c = mk(10 * cost(100), cost(100));
    assert_int_equal(put(c, "a", 100), BK_OK);
    assert_int_equal(put(c, "b", 101), BK_DECLINED);
    assert_false(has(c, "b"));
    assert_true(has(c, "a")); /* nothing evicted for it */
    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    assert_int_equal(st.too_large, 1);
    assert_int_equal(st.evictions, 0);
    bk_cache_free(c);

    /* Without max_object_bytes, the cap itself is the limit. */
    c = mk(cost(100), 0);
    assert_int_equal(put(c, "a", 101), BK_DECLINED);
    assert_int_equal(put(c, "a", 100), BK_OK);
    bk_cache_free(c);
}

static void test_replace_same_key(void **state)
{
    (void)state;
    bk_cache_t *c = mk(1 << 20, 0);
    bk_cache_entry_t *e1 =
        bk_cache_entry_new(BK_STR("k"), 200, BK_STR(""), "old", 3);
    assert_non_null(e1);
    assert_int_equal(bk_cache_insert(c, e1), BK_OK);
    bk_cache_entry_t *e2 =
        bk_cache_entry_new(BK_STR("k"), 200, BK_STR(""), "new!", 4);
    assert_non_null(e2);
    assert_int_equal(bk_cache_insert(c, e2), BK_OK);
    bk_cache_entry_release(e2);
    /* e1 (still ours) left the index; the lookup finds e2. */
    assert_false(bk_cache_entry_live(e1));
    assert_memory_equal(e1->body.p, "old", 3);
    bk_cache_entry_release(e1);
    bk_cache_entry_t *got = bk_cache_lookup(c, BK_STR("k"));
    assert_non_null(got);
    assert_memory_equal(got->body.p, "new!", 4);
    bk_cache_entry_release(got);
    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    assert_int_equal(st.entries, 1);
    assert_int_equal(st.replaced, 1);
    assert_int_equal(st.bytes, bk_cache_entry_cost(1, 0, 4));
    bk_cache_free(c);
}

static void test_many_entries_grow(void **state)
{
    (void)state;
    bk_cache_t *c = mk((size_t)64 << 20, 0);
    char k[32];
    for (int i = 0; i < 20000; i++) {
        snprintf(k, sizeof(k), "/obj/%d", i);
        assert_int_equal(put(c, k, 8), BK_OK);
    }
    for (int i = 0; i < 20000; i += 7) {
        snprintf(k, sizeof(k), "/obj/%d", i);
        assert_true(has(c, k));
    }
    assert_false(has(c, "/obj/20000"));
    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    assert_int_equal(st.entries, 20000);
    assert_true(st.misses >= 1);
    bk_cache_free(c);
}

static void test_entry_fields_from_head(void **state)
{
    (void)state;
    bk_str_t head = BK_STR("Content-Type: text/plain\r\n"
                           "ETag:  \"abc\"  \r\n"
                           "Last-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
    bk_cache_entry_t *e = bk_cache_entry_new(BK_STR("k"), 200, head, NULL, 5);
    assert_non_null(e);
    memcpy(bk_cache_entry_body_mut(e), "hello", 5);
    assert_true(bk_str_eq(e->etag, BK_STR("\"abc\"")));
    assert_true(bk_str_eq(e->last_modified,
                          BK_STR("Sun, 06 Nov 1994 08:49:37 GMT")));
    assert_int_equal(e->last_modified_t, 784111777);
    assert_int_equal(e->status, 200);
    assert_memory_equal(e->body.p, "hello", 5);
    /* Slices point into the entry's copy, not the caller's buffer. */
    assert_true(e->head.p != head.p);
    bk_cache_entry_release(e);

    e = bk_cache_entry_new(BK_STR("k"), 404, BK_STR("X: y\r\n"), "", 0);
    assert_non_null(e);
    assert_int_equal(e->etag.n, 0);
    assert_int_equal(e->last_modified_t, -1);
    bk_cache_entry_release(e);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    bk_cache_conf_t conf = seeded;
    conf.max_bytes = 1 << 20;
    /* Every allocation in bk_cache_new (the cache, then each shard's
     * buckets) can fail without a leak. */
    for (unsigned long n = 1; n <= 1 + BK_CACHE_SHARDS + 1; n++) {
        bk_alloc_fail_at(n);
        bk_cache_t *c = bk_cache_new(&conf);
        bk_alloc_fail_at(0);
        if (n <= 1 + BK_CACHE_SHARDS)
            assert_null(c);
        bk_cache_free(c);
    }
    bk_alloc_fail_at(1);
    assert_null(bk_cache_entry_new(BK_STR("k"), 200, BK_STR(""), "x", 1));
    bk_alloc_fail_at(0);

    /* Failed index growth leaves a working cache (longer chains): every
     * insert's one allocation (a shard's bigger bucket array) fails. */
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    char k[16];
    for (int i = 0; i < 2000; i++) {
        snprintf(k, sizeof(k), "k%d", i);
        bk_cache_entry_t *e =
            bk_cache_entry_new(bk_str_c(k), 200, BK_STR(""), "x", 1);
        assert_non_null(e);
        bk_alloc_fail_at(1);
        assert_int_equal(bk_cache_insert(c, e), BK_OK);
        bk_alloc_fail_at(0);
        bk_cache_entry_release(e);
    }
    for (int i = 0; i < 2000; i++) {
        snprintf(k, sizeof(k), "k%d", i);
        assert_true(has(c, k));
    }
    bk_cache_entry_t *e;
    /* Pinning fails cleanly when the arena cannot allocate. */
    bk_arena_t a;
    bk_arena_init(&a, 0, 0);
    e = bk_cache_lookup(c, BK_STR("k1"));
    assert_non_null(e);
    bk_alloc_fail_at(1);
    assert_int_equal(bk_cache_entry_pin(e, &a), BK_ERR);
    bk_alloc_fail_at(0);
    bk_cache_entry_release(e);
    bk_arena_destroy(&a);
    bk_cache_free(c);
}

static void test_bad_conf(void **state)
{
    (void)state;
    bk_cache_conf_t conf = {0};
    assert_null(bk_cache_new(&conf));
    assert_null(bk_cache_new(NULL));
    /* A random seed still finds what it stored. */
    conf.max_bytes = 4096;
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    assert_int_equal(put(c, "z", 1), BK_OK);
    assert_true(has(c, "z"));
    bk_cache_free(c);
}

/* Random operations against invariants: the byte count equals the sum of
 * the indexed entries' costs and stays under the cap; a lookup returns the
 * latest version of a key; pinned entries keep their bytes through any
 * eviction, replacement, removal or invalidation. */
#define NKEYS 40
#define NPINS 16

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

typedef struct {
    size_t n;
    size_t bytes;
} tally_t;

static int tally(void *data, bk_cache_entry_t *e)
{
    tally_t *t = data;
    t->n++;
    t->bytes += bk_cache_entry_cost(e->key.n, e->head.n, e->body.n);
    return 0;
}

/* Body bytes encode key index and version, so stale copies are caught. */
static void check_body(const bk_cache_entry_t *e, int key, unsigned ver)
{
    assert_true(e->body.n >= 2);
    assert_int_equal(e->body.p[0], (uint8_t)key);
    for (size_t i = 1; i < e->body.n; i++)
        assert_int_equal(e->body.p[i], (uint8_t)ver);
}

static void test_random_model(void **state)
{
    (void)state;
    const size_t cap = 12 * cost(300);
    bk_cache_t *c = mk(cap, cost(1000));
    unsigned version[NKEYS] = {0};
    struct {
        bk_cache_entry_t *e;
        int key;
        unsigned ver;
    } pins[NPINS] = {{0}};
    char k[8];
    uint8_t body[1200];

    for (int step = 0; step < 20000; step++) {
        int key = (int)rnd(NKEYS);
        snprintf(k, sizeof(k), "/k%d", key);
        switch (rnd(6)) {
        case 0:
        case 1: { /* insert a new version */
            size_t n = 2 + rnd(1100);
            version[key]++;
            body[0] = (uint8_t)key;
            memset(body + 1, (uint8_t)version[key], n - 1);
            bk_cache_entry_t *e =
                bk_cache_entry_new(bk_str_c(k), 200, BK_STR(""), body, n);
            assert_non_null(e);
            int rc = bk_cache_insert(c, e);
            if (bk_cache_entry_cost(strlen(k), 0, n) > cost(1000))
                assert_int_equal(rc, BK_DECLINED);
            else
                assert_int_equal(rc, BK_OK);
            if (rc != BK_OK)
                version[key]--; /* not stored: the old version stays */
            bk_cache_entry_release(e);
            break;
        }
        case 2:
        case 3: { /* lookup, maybe pin */
            bk_cache_entry_t *e = bk_cache_lookup(c, bk_str_c(k));
            if (e == NULL)
                break;
            check_body(e, key, version[key]);
            int slot = (int)rnd(NPINS);
            if (pins[slot].e == NULL) {
                pins[slot].e = e;
                pins[slot].key = key;
                pins[slot].ver = version[key];
            } else {
                bk_cache_entry_release(e);
            }
            break;
        }
        case 4: /* remove or invalidate a prefix */
            if (rnd(2)) {
                int rc = bk_cache_remove(c, bk_str_c(k));
                assert_true(rc == BK_OK || rc == BK_DECLINED);
                assert_false(has(c, k));
            } else {
                snprintf(k, sizeof(k), "/k%d*", key % 4);
                (void)bk_cache_invalidate(c, bk_str_c(k));
            }
            break;
        case 5: { /* release a pin, after checking its bytes */
            int slot = (int)rnd(NPINS);
            if (pins[slot].e) {
                check_body(pins[slot].e, pins[slot].key, pins[slot].ver);
                bk_cache_entry_release(pins[slot].e);
                pins[slot].e = NULL;
            }
            break;
        }
        }
        tally_t t = {0, 0};
        bk_cache_foreach(c, tally, &t);
        bk_cache_stats_t st;
        bk_cache_stats(c, &st);
        assert_int_equal(t.n, st.entries);
        assert_int_equal(t.bytes, st.bytes);
        assert_true(st.bytes <= cap);
    }
    for (int i = 0; i < NPINS; i++)
        if (pins[i].e) {
            check_body(pins[i].e, pins[i].key, pins[i].ver);
            bk_cache_entry_release(pins[i].e);
        }
    bk_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cap_and_lru_order),
        cmocka_unit_test(test_foreach_mru_order),
        cmocka_unit_test(test_lru_recent_half),
        cmocka_unit_test(test_pinned_survives_eviction),
        cmocka_unit_test(test_pin_to_arena),
        cmocka_unit_test(test_oversize_not_stored),
        cmocka_unit_test(test_replace_same_key),
        cmocka_unit_test(test_many_entries_grow),
        cmocka_unit_test(test_entry_fields_from_head),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_bad_conf),
        cmocka_unit_test(test_random_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
