/* test_collapse.c: request collapsing: one filler per key, waiters called
 * in order with the entry or with NULL on failure, cancellation, re-joining
 * from a callback, and freeing a cache with fills open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "cache/cache.h"

typedef struct {
    bk_cache_waiter_t w;
    int id;
    int calls;
    bk_cache_entry_t *got; /* pinned copy of what the callback saw */
    int failed;
} req_t;

static int order[16];
static int norder;
static bk_cache_t *cur;

static void on_done(bk_cache_waiter_t *w, bk_cache_entry_t *e)
{
    req_t *r = w->data;
    r->calls++;
    order[norder++] = r->id;
    if (e) {
        bk_cache_entry_ref(e);
        r->got = e;
    } else {
        r->failed = 1;
    }
}

static void req_init(req_t *r, int id)
{
    memset(r, 0, sizeof(*r));
    r->id = id;
    r->w.fn = on_done;
    r->w.data = r;
}

static bk_cache_t *mk(void)
{
    bk_cache_conf_t conf = {.max_bytes = 1 << 20, .seed = {5, 6}};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    norder = 0;
    return c;
}

static void test_three_waiters(void **state)
{
    (void)state;
    bk_cache_t *c = mk();
    bk_cache_fill_t *fill = NULL, *other = NULL, *f2 = NULL;
    req_t r[4];
    for (int i = 0; i < 4; i++)
        req_init(&r[i], i);

    /* First miss: filler. */
    assert_int_equal(bk_cache_fill_join(c, BK_STR("k"), &r[0].w, &fill),
                     BK_OK);
    assert_non_null(fill);
    /* Three more misses on the same key wait. */
    for (int i = 1; i < 4; i++)
        assert_int_equal(bk_cache_fill_join(c, BK_STR("k"), &r[i].w, &f2),
                         BK_AGAIN);
    assert_null(f2);
    /* Another key gets its own filler. */
    req_t o;
    req_init(&o, 9);
    assert_int_equal(bk_cache_fill_join(c, BK_STR("k2"), &o.w, &other),
                     BK_OK);
    assert_int_equal(bk_cache_fills_pending(c), 2);

    /* The filler stores the response and completes the fill. */
    bk_cache_entry_t *e =
        bk_cache_entry_new(BK_STR("k"), 200, BK_STR(""), "body", 4);
    assert_non_null(e);
    assert_int_equal(bk_cache_insert(c, e), BK_OK);
    bk_cache_fill_done(c, fill, e);
    bk_cache_entry_release(e); /* the filler's reference */

    assert_int_equal(norder, 3);
    for (int i = 1; i < 4; i++) {
        assert_int_equal(order[i - 1], i); /* join order */
        assert_int_equal(r[i].calls, 1);
        assert_ptr_equal(r[i].got, e);
        assert_memory_equal(r[i].got->body.p, "body", 4);
    }
    assert_int_equal(r[0].calls, 0); /* the filler is not called */
    assert_int_equal(o.calls, 0);
    assert_int_equal(bk_cache_fills_pending(c), 1);

    /* The key is free again: the next miss becomes a filler. */
    assert_int_equal(bk_cache_fill_join(c, BK_STR("k"), &r[1].w, &f2), BK_OK);
    bk_cache_fill_done(c, f2, NULL);
    bk_cache_fill_done(c, other, NULL);
    assert_int_equal(bk_cache_fills_pending(c), 0);

    for (int i = 1; i < 4; i++)
        bk_cache_entry_release(r[i].got);
    bk_cache_free(c);
}

static void test_failure_and_cancel(void **state)
{
    (void)state;
    bk_cache_t *c = mk();
    bk_cache_fill_t *fill = NULL, *dummy = NULL;
    req_t f, r[3];
    req_init(&f, 0);
    for (int i = 0; i < 3; i++)
        req_init(&r[i], i + 1);
    assert_int_equal(bk_cache_fill_join(c, BK_STR("k"), &f.w, &fill), BK_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(bk_cache_fill_join(c, BK_STR("k"), &r[i].w, &dummy),
                         BK_AGAIN);
    /* Waiter 2's client went away. */
    bk_cache_waiter_cancel(&r[1].w);
    bk_cache_waiter_cancel(&r[1].w); /* idempotent */
    /* The origin failed: everyone left is told, with NULL. */
    bk_cache_fill_done(c, fill, NULL);
    assert_int_equal(norder, 2);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 3);
    assert_true(r[0].failed && r[2].failed);
    assert_int_equal(r[1].calls, 0);
    assert_null(r[0].got);
    bk_cache_free(c);
}

/* A callback that retries by joining again: the first becomes the new
 * filler, the others wait on it. */
static bk_cache_fill_t *refill;

static void on_retry(bk_cache_waiter_t *w, bk_cache_entry_t *e)
{
    req_t *r = w->data;
    bk_cache_fill_t *f = NULL;
    r->calls++;
    assert_null(e);
    r->w.fn = on_done;
    int rc = bk_cache_fill_join(cur, BK_STR("k"), &r->w, &f);
    if (rc == BK_OK)
        refill = f;
    else
        assert_int_equal(rc, BK_AGAIN);
}

static void test_rejoin_from_callback(void **state)
{
    (void)state;
    bk_cache_t *c = mk();
    cur = c;
    bk_cache_fill_t *fill = NULL, *dummy = NULL;
    req_t f, r[3];
    req_init(&f, 0);
    assert_int_equal(bk_cache_fill_join(c, BK_STR("k"), &f.w, &fill), BK_OK);
    for (int i = 0; i < 3; i++) {
        req_init(&r[i], i + 1);
        r[i].w.fn = on_retry;
        assert_int_equal(bk_cache_fill_join(c, BK_STR("k"), &r[i].w, &dummy),
                         BK_AGAIN);
    }
    refill = NULL;
    bk_cache_fill_done(c, fill, NULL);
    assert_non_null(refill);
    assert_int_equal(bk_cache_fills_pending(c), 1);
    /* The new fill succeeds; waiters 2 and 3 get the entry. */
    bk_cache_entry_t *e = bk_cache_entry_new(BK_STR("k"), 200, BK_STR(""),
                                             "ok", 2);
    assert_non_null(e);
    bk_cache_fill_done(c, refill, e);
    bk_cache_entry_release(e); /* ours; the two waiters hold theirs */
    assert_int_equal(r[1].calls, 2);
    assert_int_equal(r[2].calls, 2);
    assert_int_equal(r[0].calls, 1);
    assert_ptr_equal(r[1].got, e);
    assert_memory_equal(r[2].got->body.p, "ok", 2);
    bk_cache_entry_release(r[1].got);
    bk_cache_entry_release(r[2].got);
    bk_cache_free(c);
}

static void test_free_with_open_fills(void **state)
{
    (void)state;
    bk_cache_t *c = mk();
    bk_cache_fill_t *fill = NULL, *dummy = NULL;
    req_t f, r;
    req_init(&f, 0);
    req_init(&r, 1);
    assert_int_equal(bk_cache_fill_join(c, BK_STR("a"), &f.w, &fill), BK_OK);
    assert_int_equal(bk_cache_fill_join(c, BK_STR("a"), &r.w, &dummy),
                     BK_AGAIN);
    bk_cache_free(c); /* fails the fill: r is told */
    assert_int_equal(r.calls, 1);
    assert_true(r.failed);

    /* An allocation failure on join is reported, not fatal. */
    c = mk();
    bk_alloc_fail_at(1);
    assert_int_equal(bk_cache_fill_join(c, BK_STR("a"), &f.w, &fill), BK_ERR);
    bk_alloc_fail_at(0);
    assert_int_equal(bk_cache_fills_pending(c), 0);
    bk_cache_free(c);
}

/* Random joins, cancels and completions over a few keys, against a model:
 * each waiter is called exactly once unless cancelled first, never after;
 * the pending count matches; completed entries reach their waiters. */
#define MKEYS 4
#define MREQS 64

typedef struct {
    bk_cache_waiter_t w;
    int key;        /* -1: idle */
    int waiting;    /* model: expects a call */
    int calls;
    int got_entry;
} mreq_t;

static void on_model(bk_cache_waiter_t *w, bk_cache_entry_t *e)
{
    mreq_t *r = w->data;
    assert_true(r->waiting); /* never called when not waiting */
    r->calls++;
    r->waiting = 0;
    r->got_entry = e != NULL;
    if (e)
        assert_int_equal(e->body.p[0], (uint8_t)('0' + r->key));
}

static void test_random_model(void **state)
{
    (void)state;
    bk_cache_t *c = mk();
    bk_cache_fill_t *fills[MKEYS] = {0};
    mreq_t reqs[MREQS];
    memset(reqs, 0, sizeof(reqs));
    for (int i = 0; i < MREQS; i++) {
        reqs[i].key = -1;
        reqs[i].w.fn = on_model;
        reqs[i].w.data = &reqs[i];
    }
    uint64_t x = 99;
    size_t expected_calls = 0, calls_seen = 0;
    for (int step = 0; step < 20000; step++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int k = (int)(x % MKEYS);
        int ri = (int)((x >> 8) % MREQS);
        mreq_t *r = &reqs[ri];
        char key[2] = {(char)('0' + k), 0};
        switch ((x >> 20) % 4) {
        case 0:
        case 1: /* a miss joins, if this request is idle */
            if (r->waiting)
                break;
            {
                bk_cache_fill_t *f = NULL;
                int rc = bk_cache_fill_join(c, bk_str_c(key), &r->w, &f);
                if (fills[k] == NULL) {
                    assert_int_equal(rc, BK_OK);
                    fills[k] = f;
                } else {
                    assert_int_equal(rc, BK_AGAIN);
                    r->key = k;
                    r->waiting = 1;
                    expected_calls++;
                }
            }
            break;
        case 2: /* the request goes away */
            if (r->waiting) {
                bk_cache_waiter_cancel(&r->w);
                r->waiting = 0;
                expected_calls--;
            }
            break;
        case 3: /* the fill for key k completes, half the time with an entry */
            if (fills[k]) {
                bk_cache_entry_t *e = NULL;
                if ((x >> 30) & 1) {
                    e = bk_cache_entry_new(bk_str_c(key), 200, BK_STR(""),
                                           key, 1);
                    assert_non_null(e);
                }
                bk_cache_fill_t *f = fills[k];
                fills[k] = NULL;
                bk_cache_fill_done(c, f, e);
                bk_cache_entry_release(e);
                for (int i = 0; i < MREQS; i++)
                    assert_false(reqs[i].waiting && reqs[i].key == k);
            }
            break;
        }
        size_t pending = 0;
        for (int i = 0; i < MKEYS; i++)
            pending += fills[i] != NULL;
        assert_int_equal(bk_cache_fills_pending(c), pending);
    }
    for (int i = 0; i < MREQS; i++)
        calls_seen += (size_t)reqs[i].calls;
    for (int i = 0; i < MKEYS; i++)
        if (fills[i])
            bk_cache_fill_done(c, fills[i], NULL);
    for (int i = 0; i < MREQS; i++)
        assert_false(reqs[i].waiting);
    size_t total = 0;
    for (int i = 0; i < MREQS; i++)
        total += (size_t)reqs[i].calls;
    assert_int_equal(total, expected_calls);
    assert_true(calls_seen > 100); /* the run exercised the callbacks */
    bk_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_waiters),
        cmocka_unit_test(test_failure_and_cancel),
        cmocka_unit_test(test_rejoin_from_callback),
        cmocka_unit_test(test_free_with_open_fills),
        cmocka_unit_test(test_random_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
