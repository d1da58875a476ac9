/*
 * bench/cache/bench_lookup.c: cache hits per second on a 10,000-entry
 * cache (keys as the edge builds them: host + path + query), measured as
 * lookup + release, and as key build + lookup + release. Prints one JSON
 * object. Not part of the tests.
 *
 * Build and run (after `make`, which builds the libraries):
 *   mkdir -p build/bench && cc -O2 -std=gnu11 -D_GNU_SOURCE -Isrc \
 *     -o build/bench/cache_lookup bench/cache/bench_lookup.c \
 *     build/lib/libbk_cache.a build/lib/libbk_core.a && \
 *   build/bench/cache_lookup [entries] [lookups]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache/cache.h"

/* Thread CPU time: the bench shares machines with builds and fuzzers, and
 * CPU time is less disturbed by preemption than wall time. */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t entries = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000;
    size_t lookups = argc > 2 ? strtoul(argv[2], NULL, 10) : 20000000;
    if (entries == 0 || lookups == 0)
        return 2;

    bk_cache_conf_t conf = {.max_bytes = (size_t)1 << 30};
    bk_cache_t *c = bk_cache_new(&conf);
    bk_arena_t a;
    bk_arena_init(&a, 1 << 20, 0);
    if (c == NULL)
        return 1;

    static const bk_str_t qs_names[] = {BK_STR("v"), BK_STR("w")};
    bk_cache_key_policy_t pol = {.qs = BK_CACHE_SEL_WHITELIST,
                                 .qs_names = qs_names, .qs_n = 2,
                                 .gzip = 1, .br = 1};
    char (*paths)[64] = malloc(entries * sizeof(*paths));
    bk_str_t *keys = malloc(entries * sizeof(*keys));
    char body[1024];
    memset(body, 'b', sizeof(body));
    if (paths == NULL || keys == NULL)
        return 1;

    for (size_t i = 0; i < entries; i++) {
        snprintf(paths[i], sizeof(paths[i]), "/assets/img/photo-%06zu.jpg",
                 i);
        bk_cache_key_req_t r = {
            .host = BK_STR("d111111abcdef8.cloudfront.net"),
            .path = bk_str_c(paths[i]),
            .query = BK_STR("v=3&utm_source=x"),
            .accept_encoding = BK_STR("gzip, deflate, br"),
        };
        bk_buf_t b;
        bk_buf_init(&b, &a);
        if (bk_cache_key_build(&pol, &r, &a, &b) != BK_OK)
            return 1;
        keys[i] = bk_buf_str(&b);
        bk_cache_entry_t *e = bk_cache_entry_new(
            keys[i], 200,
            BK_STR("Content-Type: image/jpeg\r\nETag: \"abc\"\r\n"), body,
            sizeof(body));
        if (e == NULL || bk_cache_insert(c, e) != BK_OK)
            return 1;
        bk_cache_entry_release(e);
    }

    /* A fixed pseudo-random visiting order, so caches are not too kind. */
    uint32_t *order = malloc(lookups < 1000000 ? lookups * 4 : 4000000);
    size_t norder = lookups < 1000000 ? lookups : 1000000;
    uint64_t x = 88172645463325252ULL;
    for (size_t i = 0; i < norder; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        order[i] = (uint32_t)(x % entries);
    }

    size_t hits = 0;
    double t0 = now_s();
    for (size_t i = 0; i < lookups; i++) {
        bk_cache_entry_t *e = bk_cache_lookup(c, keys[order[i % norder]]);
        hits += e != NULL;
        bk_cache_entry_release(e);
    }
    double t1 = now_s();

    /* Key build + lookup, as the edge does per request. */
    size_t build_n = lookups / 4;
    bk_arena_mark_t m = bk_arena_mark(&a);
    double t2 = now_s();
    for (size_t i = 0; i < build_n; i++) {
        size_t j = order[i % norder];
        bk_cache_key_req_t r = {
            .host = BK_STR("d111111abcdef8.cloudfront.net"),
            .path = bk_str_c(paths[j]),
            .query = BK_STR("v=3&utm_source=x"),
            .accept_encoding = BK_STR("gzip, deflate, br"),
        };
        bk_buf_t b;
        bk_buf_init(&b, &a);
        if (bk_cache_key_build(&pol, &r, &a, &b) != BK_OK)
            return 1;
        bk_cache_entry_t *e = bk_cache_lookup(c, bk_buf_str(&b));
        hits += e != NULL;
        bk_cache_entry_release(e);
        bk_arena_rewind(&a, m);
    }
    double t3 = now_s();

    /* Inserts into a full cache: each one evicts the least recent entry
     * (allocation, 1 KiB copy, index and LRU updates, free). */
    size_t ins_n = lookups / 20;
    bk_cache_conf_t small = {.max_bytes = entries *
                                          bk_cache_entry_cost(40, 0, 1024)};
    bk_cache_t *ic = bk_cache_new(&small);
    if (ic == NULL)
        return 1;
    char ikey[41];
    double t4 = now_s();
    for (size_t i = 0; i < ins_n + entries; i++) {
        if (i == entries)
            t4 = now_s(); /* full from here on */
        snprintf(ikey, sizeof(ikey), "/insert/%032zu", i);
        bk_cache_entry_t *e = bk_cache_entry_new(bk_str(ikey, 40), 200,
                                                 BK_STR(""), body, 1024);
        if (e == NULL || bk_cache_insert(ic, e) != BK_OK)
            return 1;
        bk_cache_entry_release(e);
    }
    double t5 = now_s();
    bk_cache_stats_t ist;
    bk_cache_stats(ic, &ist);
    bk_cache_free(ic);
    if (ist.evictions < ins_n) {
        fprintf(stderr, "expected evictions: %llu < %zu\n",
                (unsigned long long)ist.evictions, ins_n);
        return 1;
    }

    if (hits != lookups + build_n) {
        fprintf(stderr, "missed: %zu of %zu\n", lookups + build_n - hits,
                lookups + build_n);
        return 1;
    }
    printf("{\"bench\": \"cache_lookup\", \"entries\": %zu, "
           "\"lookups\": %zu, \"lookups_per_s\": %.0f, "
           "\"ns_per_lookup\": %.1f, \"key_build_lookups_per_s\": %.0f, "
           "\"ns_per_key_build_lookup\": %.1f, "
           "\"evicting_inserts_per_s\": %.0f}\n",
           entries, lookups, (double)lookups / (t1 - t0),
           (t1 - t0) * 1e9 / (double)lookups, (double)build_n / (t3 - t2),
           (t3 - t2) * 1e9 / (double)build_n, (double)ins_n / (t5 - t4));
    bk_cache_free(c);
    bk_arena_destroy(&a);
    free(order);
    free(keys);
    free(paths);
    return 0;
}
