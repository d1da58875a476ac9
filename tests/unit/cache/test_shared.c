/* test_shared.c: one cache used by several threads at once: inserts,
 * lookups, pins released on other threads, removals, invalidations and
 * evictions on a small cap; collapsed misses whose waiters belong to other
 * threads (called back on their own thread through their owner, cancelled
 * while the completion races them). Worker threads check with CHECK (abort
 * with file:line: cmocka's asserts longjmp and belong to the main thread).
 * Run it under TSan too (docs/cache.md, "Testing"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            abort();                                                          \
        }                                                                     \
    } while (0)

static uint32_t rnd(uint64_t *s, uint32_t n)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return (uint32_t)(*s % n);
}

static size_t cost(size_t key_len, size_t n)
{
    return bk_cache_entry_cost(key_len, 0, n);
}

/* ======================================================================
 * Store hammering
 * ==================================================================== */

#define HKEYS 48
#define HTHREADS 4
#define HSTEPS 40000
#define HSLOTS 32

/* Pins handed between threads: a thread may release what another pinned. */
static struct {
    pthread_mutex_t lock;
    bk_cache_entry_t *e[HSLOTS];
} handoff = {PTHREAD_MUTEX_INITIALIZER, {0}};

typedef struct {
    bk_cache_t *c;
    size_t cap;
    uint64_t seed;
    unsigned long hits, inserts;
} hammer_t;

/* Bodies: byte 0 the key index, the rest one version byte, so a torn or
 * recycled body shows. */
static void check_entry(const bk_cache_entry_t *e)
{
    CHECK(e->body.n >= 2);
    char k[16];
    snprintf(k, sizeof(k), "/h/%u", (unsigned)e->body.p[0]);
    CHECK(bk_str_eq(e->key, bk_str_c(k)));
    for (size_t i = 2; i < e->body.n; i++)
        CHECK(e->body.p[i] == e->body.p[1]);
}

static void *hammer(void *arg)
{
    hammer_t *h = arg;
    uint8_t body[1500];
    char k[16];
    for (int step = 0; step < HSTEPS; step++) {
        unsigned key = rnd(&h->seed, HKEYS);
        snprintf(k, sizeof(k), "/h/%u", key);
        switch (rnd(&h->seed, 8)) {
        case 0:
        case 1: { /* insert a new version */
            size_t n = 2 + rnd(&h->seed, 1400);
            body[0] = (uint8_t)key;
            memset(body + 1, (int)rnd(&h->seed, 256), n - 1);
            bk_cache_entry_t *e =
                bk_cache_entry_new(bk_str_c(k), 200, BK_STR(""), body, n);
            CHECK(e != NULL);
            int rc = bk_cache_insert(h->c, e);
            CHECK(rc == BK_OK || (rc == BK_DECLINED &&
                                  cost(strlen(k), n) > h->cap / 4));
            h->inserts += rc == BK_OK;
            bk_cache_entry_release(e);
            break;
        }
        case 2:
        case 3:
        case 4: { /* lookup; sometimes hand the pin to the shared slots */
            bk_cache_entry_t *e = bk_cache_lookup(h->c, bk_str_c(k));
            if (e == NULL)
                break;
            h->hits++;
            check_entry(e);
            unsigned slot = rnd(&h->seed, HSLOTS);
            pthread_mutex_lock(&handoff.lock);
            bk_cache_entry_t *old = handoff.e[slot];
            handoff.e[slot] = e;
            pthread_mutex_unlock(&handoff.lock);
            if (old) {
                check_entry(old); /* still intact, maybe evicted */
                bk_cache_entry_release(old);
            }
            break;
        }
        case 5: /* remove */
            CHECK(bk_cache_remove(h->c, bk_str_c(k)) != BK_ERR);
            break;
        case 6: /* invalidate a prefix, now and then */
            if (rnd(&h->seed, 16) == 0) {
                snprintf(k, sizeof(k), "/h/%u*", key % 5);
                (void)bk_cache_invalidate(h->c, bk_str_c(k));
            }
            break;
        case 7: { /* extend a live entry while others read it */
            bk_cache_entry_t *e = bk_cache_lookup(h->c, bk_str_c(k));
            if (e) {
                h->hits++;
                bk_cache_entry_extend(e, 1000 + step, 10);
                (void)bk_cache_entry_stale_ok(e, 1000 + step, 1);
                bk_cache_entry_release(e);
            }
            break;
        }
        }
        /* The cap holds up to one in-flight object per other thread. */
        size_t bytes, entries;
        uint64_t ev;
        bk_cache_usage(h->c, &bytes, &entries, &ev);
        CHECK(bytes <= h->cap + HTHREADS * (h->cap / 4));
    }
    return NULL;
}

typedef struct {
    size_t n, bytes;
} tally_t;

static int tally(void *data, bk_cache_entry_t *e)
{
    tally_t *t = data;
    t->n++;
    t->bytes += bk_cache_entry_cost(e->key.n, e->head.n, e->body.n);
    check_entry(e);
    return 0;
}

static void test_hammer_store(void **state)
{
    (void)state;
    const size_t cap = 24 * cost(5, 700);
    bk_cache_conf_t conf = {.max_bytes = cap, .max_object_bytes = cap / 4};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    pthread_t th[HTHREADS];
    hammer_t h[HTHREADS];
    for (int i = 0; i < HTHREADS; i++) {
        h[i] = (hammer_t){.c = c, .cap = cap,
                          .seed = 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1)};
        assert_int_equal(pthread_create(&th[i], NULL, hammer, &h[i]), 0);
    }
    unsigned long hits = 0, inserts = 0;
    for (int i = 0; i < HTHREADS; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        hits += h[i].hits;
        inserts += h[i].inserts;
    }
    /* Quiet again: the exact invariants hold. */
    tally_t t = {0, 0};
    bk_cache_foreach(c, tally, &t);
    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    assert_int_equal(t.n, st.entries);
    assert_int_equal(t.bytes, st.bytes);
    assert_true(st.bytes <= cap);
    assert_true(st.evictions > 100); /* the cap was under pressure */
    assert_int_equal(st.hits, hits); /* no count lost to a race */
    assert_int_equal(st.inserts, inserts);
    assert_true(hits > 1000);
    /* Pins outlive the cache. */
    bk_cache_free(c);
    for (int i = 0; i < HSLOTS; i++) {
        if (handoff.e[i]) {
            check_entry(handoff.e[i]);
            bk_cache_entry_release(handoff.e[i]);
            handoff.e[i] = NULL;
        }
    }
}

/* One key, many threads: the hot-object case (all hits on one shard).
 * Every hit returns the one version inserted; refcounts balance (ASan and
 * LeakSanitizer would see a lost or doubled release). */
static void *hot_reader(void *arg)
{
    bk_cache_t *c = arg;
    for (int i = 0; i < 50000; i++) {
        bk_cache_entry_t *e = bk_cache_lookup(c, BK_STR("/hot"));
        CHECK(e != NULL);
        CHECK(e->body.n == 3 && memcmp(e->body.p, "hot", 3) == 0);
        bk_cache_entry_release(e);
    }
    return NULL;
}

static void test_hot_key(void **state)
{
    (void)state;
    bk_cache_conf_t conf = {.max_bytes = 1 << 20};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    bk_cache_entry_t *e =
        bk_cache_entry_new(BK_STR("/hot"), 200, BK_STR(""), "hot", 3);
    assert_non_null(e);
    assert_int_equal(bk_cache_insert(c, e), BK_OK);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, hot_reader, c), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    assert_int_equal(st.hits, 4 * 50000);
    /* Only ours and the index's references are left. */
    assert_int_equal(__atomic_load_n(&e->_refs, __ATOMIC_RELAXED), 2);
    bk_cache_entry_release(e);
    bk_cache_free(c);
}

/* Eviction takes the globally least recently used entry, whatever shard
 * it is in: with 200 keys spread over the shards and room for 100, the
 * first 100 inserted go, in order. */
static void test_global_lru_across_shards(void **state)
{
    (void)state;
    char k[16];
    bk_cache_conf_t conf = {.max_bytes = 100 * cost(6, 10), .seed = {7, 8}};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    for (int i = 0; i < 200; i++) {
        snprintf(k, sizeof(k), "/k%04d", i);
        bk_cache_entry_t *e =
            bk_cache_entry_new(bk_str_c(k), 200, BK_STR(""), "0123456789", 10);
        assert_non_null(e);
        assert_int_equal(bk_cache_insert(c, e), BK_OK);
        bk_cache_entry_release(e);
    }
    for (int i = 0; i < 200; i++) {
        snprintf(k, sizeof(k), "/k%04d", i);
        bk_cache_entry_t *e = bk_cache_lookup(c, bk_str_c(k));
        if (i < 100)
            assert_null(e);
        else
            assert_non_null(e);
        bk_cache_entry_release(e);
    }
    bk_cache_stats_t st;
    bk_cache_stats(c, &st);
    assert_int_equal(st.evictions, 100);
    bk_cache_free(c);
}

/* ======================================================================
 * Collapsing across threads
 * ==================================================================== */

/* A thread with an owner: wake() (called by other threads with the owner's
 * lock held) sets a flag and signals; the thread then runs its owner. */
typedef struct {
    bk_cache_owner_t o;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int woken;
    pthread_t self;
} loop_t;

static void loop_wake(bk_cache_owner_t *o)
{
    loop_t *l = o->data;
    pthread_mutex_lock(&l->lock);
    l->woken = 1;
    pthread_cond_signal(&l->cond);
    pthread_mutex_unlock(&l->lock);
}

static void loop_init(loop_t *l)
{
    memset(l, 0, sizeof(*l));
    pthread_mutex_init(&l->lock, NULL);
    pthread_cond_init(&l->cond, NULL);
    CHECK(bk_cache_owner_init(&l->o, loop_wake, l) == BK_OK);
}

static void loop_fini(loop_t *l)
{
    bk_cache_owner_fini(&l->o);
    pthread_mutex_destroy(&l->lock);
    pthread_cond_destroy(&l->cond);
}

/* Waits for a wake-up (up to ~2 s), then runs the owner; returns the
 * number of waiters called. */
static size_t loop_wait_run(loop_t *l)
{
    pthread_mutex_lock(&l->lock);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 2;
    while (!l->woken)
        if (pthread_cond_timedwait(&l->cond, &l->lock, &ts) != 0)
            break;
    l->woken = 0;
    pthread_mutex_unlock(&l->lock);
    return bk_cache_owner_run(&l->o);
}

typedef struct {
    bk_cache_waiter_t w;
    pthread_t want_thread;
    int calls;
    bk_cache_entry_t *got;
} xreq_t;

static void on_x(bk_cache_waiter_t *w, bk_cache_entry_t *e)
{
    xreq_t *r = w->data;
    CHECK(pthread_equal(pthread_self(), r->want_thread));
    r->calls++;
    if (e)
        bk_cache_entry_ref(e);
    r->got = e;
}

typedef struct {
    bk_cache_t *c;
    loop_t loop;
    xreq_t req[3];
    pthread_barrier_t *joined;
    size_t ran;
} waiter_thread_t;

static void *waiter_main(void *arg)
{
    waiter_thread_t *t = arg;
    t->loop.self = pthread_self();
    for (int i = 0; i < 3; i++) {
        xreq_t *r = &t->req[i];
        memset(r, 0, sizeof(*r));
        r->w.fn = on_x;
        r->w.data = r;
        r->w.owner = &t->loop.o;
        r->want_thread = pthread_self();
        bk_cache_fill_t *f = NULL;
        CHECK(bk_cache_fill_join(t->c, BK_STR("/x"), &r->w, &f) == BK_AGAIN);
    }
    /* The third request goes away before the fill completes. */
    bk_cache_waiter_cancel(&t->req[2].w);
    pthread_barrier_wait(t->joined);
    while (t->ran < 2)
        t->ran += loop_wait_run(&t->loop);
    return NULL;
}

/* The filler on the main thread, two waiting threads with two live waiters
 * each: every live waiter is called once, on its own thread, with the
 * entry; the cancelled one never. */
static void test_collapse_two_threads(void **state)
{
    (void)state;
    bk_cache_conf_t conf = {.max_bytes = 1 << 20};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    loop_t mine;
    loop_init(&mine);
    bk_cache_waiter_t fw = {.owner = &mine.o};
    bk_cache_fill_t *fill = NULL;
    assert_int_equal(bk_cache_fill_join(c, BK_STR("/x"), &fw, &fill), BK_OK);

    pthread_barrier_t joined;
    pthread_barrier_init(&joined, NULL, 3);
    waiter_thread_t wt[2];
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        memset(&wt[i], 0, sizeof(wt[i]));
        wt[i].c = c;
        wt[i].joined = &joined;
        loop_init(&wt[i].loop);
        assert_int_equal(pthread_create(&th[i], NULL, waiter_main, &wt[i]), 0);
    }
    pthread_barrier_wait(&joined); /* all joined (and one cancelled) */
    assert_int_equal(bk_cache_fills_pending(c), 1);

    bk_cache_entry_t *e =
        bk_cache_entry_new(BK_STR("/x"), 200, BK_STR(""), "xx", 2);
    assert_non_null(e);
    assert_int_equal(bk_cache_insert(c, e), BK_OK);
    bk_cache_fill_done(c, fill, e);
    bk_cache_entry_release(e);
    assert_int_equal(bk_cache_fills_pending(c), 0);

    for (int i = 0; i < 2; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(wt[i].ran, 2);
        for (int j = 0; j < 2; j++) {
            assert_int_equal(wt[i].req[j].calls, 1);
            assert_ptr_equal(wt[i].req[j].got, e);
            bk_cache_entry_release(wt[i].req[j].got);
        }
        assert_int_equal(wt[i].req[2].calls, 0);
        loop_fini(&wt[i].loop);
    }
    pthread_barrier_destroy(&joined);
    loop_fini(&mine);
    bk_cache_free(c);
}

/* A waiter on the filler's own owner is called inline; one whose fill
 * completed elsewhere and was posted can still be cancelled (its entry
 * reference is dropped, the callback never runs). */
static void test_cancel_posted(void **state)
{
    (void)state;
    bk_cache_conf_t conf = {.max_bytes = 1 << 20};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    loop_t a, b;
    loop_init(&a);
    loop_init(&b);
    bk_cache_waiter_t fw = {.owner = &a.o};
    xreq_t same = {.w = {.fn = on_x, .owner = &a.o}};
    xreq_t other = {.w = {.fn = on_x, .owner = &b.o}};
    same.w.data = &same;
    other.w.data = &other;
    same.want_thread = other.want_thread = pthread_self();
    bk_cache_fill_t *fill = NULL, *d = NULL;
    assert_int_equal(bk_cache_fill_join(c, BK_STR("/y"), &fw, &fill), BK_OK);
    assert_int_equal(bk_cache_fill_join(c, BK_STR("/y"), &same.w, &d),
                     BK_AGAIN);
    assert_int_equal(bk_cache_fill_join(c, BK_STR("/y"), &other.w, &d),
                     BK_AGAIN);
    bk_cache_entry_t *e =
        bk_cache_entry_new(BK_STR("/y"), 200, BK_STR(""), "yy", 2);
    assert_non_null(e);
    bk_cache_fill_done(c, fill, e); /* not inserted: shared with waiters */
    assert_int_equal(same.calls, 1); /* inline */
    assert_int_equal(other.calls, 0); /* posted to b */
    assert_int_equal(b.woken, 1);
    /* Posted: it holds a reference (ours, same's and other's). */
    assert_int_equal(__atomic_load_n(&e->_refs, __ATOMIC_RELAXED), 3);
    bk_cache_waiter_cancel(&other.w);
    bk_cache_waiter_cancel(&other.w); /* idempotent */
    assert_int_equal(__atomic_load_n(&e->_refs, __ATOMIC_RELAXED), 2);
    assert_int_equal(bk_cache_owner_run(&b.o), 0);
    assert_int_equal(other.calls, 0);
    bk_cache_entry_release(same.got);
    bk_cache_entry_release(e);
    loop_fini(&a);
    loop_fini(&b);
    bk_cache_free(c);
}

/* Random joins, completions, cancels and owner runs by three threads over
 * a few keys. Each request is called at most once, only on its own thread,
 * never after its cancel returned; requests are reused at once after a
 * cancel (a late touch would corrupt them). At the end every request not
 * cancelled has been called exactly once. */
#define RTHREADS 3
#define RKEYS 3
#define RREQS 24
#define RSTEPS 30000

typedef struct {
    bk_cache_waiter_t w;
    int waiting;       /* joined as a waiter, not yet called or cancelled */
    unsigned long calls, joins, cancels;
    int key;
} rreq_t;

typedef struct rthread {
    bk_cache_t *c;
    loop_t loop;
    uint64_t seed;
    rreq_t req[RREQS];
    bk_cache_fill_t *fill[RKEYS];
    pthread_barrier_t *bar;
    unsigned long called, fills_done;
} rthread_t;

static void on_r(bk_cache_waiter_t *w, bk_cache_entry_t *e)
{
    rreq_t *r = w->data;
    CHECK(r->waiting);
    r->waiting = 0;
    r->calls++;
    if (e)
        CHECK(e->body.n == 1 && e->body.p[0] == (uint8_t)('a' + r->key));
}

static void complete(rthread_t *t, int k)
{
    bk_cache_entry_t *e = NULL;
    if (rnd(&t->seed, 3)) {
        char key[3] = {'/', (char)('a' + k), 0};
        e = bk_cache_entry_new(bk_str_c(key), 200, BK_STR(""), key + 1, 1);
        CHECK(e != NULL);
        if (rnd(&t->seed, 2))
            CHECK(bk_cache_insert(t->c, e) == BK_OK);
    }
    bk_cache_fill_t *f = t->fill[k];
    t->fill[k] = NULL;
    bk_cache_fill_done(t->c, f, e);
    bk_cache_entry_release(e);
    t->fills_done++;
}

static void *random_main(void *arg)
{
    rthread_t *t = arg;
    for (int i = 0; i < RREQS; i++) {
        t->req[i].w.fn = on_r;
        t->req[i].w.data = &t->req[i];
        t->req[i].w.owner = &t->loop.o;
    }
    for (int step = 0; step < RSTEPS; step++) {
        int k = (int)rnd(&t->seed, RKEYS);
        rreq_t *r = &t->req[rnd(&t->seed, RREQS)];
        char key[3] = {'/', (char)('a' + k), 0};
        /* Phases in lockstep, so that the threads' steps interleave even
         * on a busy machine with fewer cores than threads. */
        if (step % 256 == 0)
            pthread_barrier_wait(t->bar);
        unsigned op = rnd(&t->seed, 16);
        switch (op < 6 ? 0 : op < 7 ? 2 : op < 11 ? 3 : 4) {
        case 0: /* a miss */
            if (r->waiting || t->fill[k] != NULL)
                break;
            {
                bk_cache_fill_t *f = NULL;
                int rc = bk_cache_fill_join(t->c, bk_str_c(key), &r->w, &f);
                if (rc == BK_OK) {
                    t->fill[k] = f;
                } else {
                    CHECK(rc == BK_AGAIN);
                    r->waiting = 1;
                    r->key = k;
                    r->joins++;
                }
            }
            break;
        case 2: /* the request goes away; its memory is reused at once */
            if (r->waiting) {
                bk_cache_waiter_cancel(&r->w);
                r->waiting = 0;
                r->cancels++;
                bk_cache_waiter_t fresh = {.fn = on_r, .data = r,
                                           .owner = &t->loop.o};
                r->w = fresh;
            }
            break;
        case 3: /* a fill of ours completes */
            if (t->fill[k])
                complete(t, k);
            break;
        case 4: /* our loop runs what other threads posted */
            t->called += bk_cache_owner_run(&t->loop.o);
            break;
        }
    }
    /* Finish our fills, wait for everyone's, then run what is left. */
    for (int k = 0; k < RKEYS; k++)
        if (t->fill[k])
            complete(t, k);
    pthread_barrier_wait(t->bar);
    t->called += bk_cache_owner_run(&t->loop.o);
    pthread_barrier_wait(t->bar);
    /* A waiter whose key no thread filled again would still wait: a
     * fill only ends by completion, and every thread completed its own;
     * waiters joined to a fill always see it complete. */
    for (int i = 0; i < RREQS; i++)
        CHECK(!t->req[i].waiting);
    return NULL;
}

static void test_collapse_random_threads(void **state)
{
    (void)state;
    bk_cache_conf_t conf = {.max_bytes = 1 << 16};
    bk_cache_t *c = bk_cache_new(&conf);
    assert_non_null(c);
    pthread_barrier_t bar;
    pthread_barrier_init(&bar, NULL, RTHREADS);
    static rthread_t t[RTHREADS];
    pthread_t th[RTHREADS];
    for (int i = 0; i < RTHREADS; i++) {
        memset(&t[i], 0, sizeof(t[i]));
        t[i].c = c;
        t[i].bar = &bar;
        t[i].seed = 0x2545F4914F6CDD1DULL * (uint64_t)(i + 3);
        loop_init(&t[i].loop);
        assert_int_equal(pthread_create(&th[i], NULL, random_main, &t[i]), 0);
    }
    unsigned long joins = 0, cancels = 0, calls = 0, posted_calls = 0;
    for (int i = 0; i < RTHREADS; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        for (int j = 0; j < RREQS; j++) {
            joins += t[i].req[j].joins;
            cancels += t[i].req[j].cancels;
            calls += t[i].req[j].calls;
        }
        posted_calls += t[i].called;
        loop_fini(&t[i].loop);
    }
    /* Every join ended in exactly one call or one cancel. */
    assert_int_equal(joins, cancels + calls);
    print_message("joins %lu, cancels %lu, calls %lu (%lu posted)\n", joins,
                  cancels, calls, posted_calls);
    assert_true(cancels > 100);
    assert_true(posted_calls > 100); /* cross-thread deliveries happened */
    assert_true(posted_calls <= calls);
    assert_int_equal(bk_cache_fills_pending(c), 0);
    pthread_barrier_destroy(&bar);
    bk_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hammer_store),
        cmocka_unit_test(test_hot_key),
        cmocka_unit_test(test_global_lru_across_shards),
        cmocka_unit_test(test_collapse_two_threads),
        cmocka_unit_test(test_cancel_posted),
        cmocka_unit_test(test_collapse_random_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
