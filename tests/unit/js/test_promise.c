/*
 * test_promise.c: promises across invocations. A pending promise, its
 * resolving functions and a combinator's element functions made by the top
 * level live in the template; resolving them in an invocation must not
 * write the template (the next invocation, and other threads, see it
 * pending again). The job queue stays inside the compute budget and the
 * byte cap. The runtime gate: combinators exist in 2.0 only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/js.h"

static bk_js_prog_t *load(const char *src, bk_js_runtime_t rt, size_t mem,
                          uint64_t budget)
{
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.runtime = rt;
    o.memory_limit = mem;
    o.compute_budget = budget;
    char err[256];
    bk_js_prog_t *p = bk_js_load(src, strlen(src), &o, err, sizeof(err));
    if (p == NULL)
        fprintf(stderr, "load failed: %s\n", err);
    return p;
}

/* One invocation: calls 'handler', drains the jobs and renders the settled
 * result ("ok:<value>", "err:<reason>", "pending", or "!! <exception>")
 * into buf. */
static const char *once(bk_js_ctx_t *ctx, char *buf, size_t n)
{
    bk_js_begin(ctx);
    bk_js_val_t r, v;
    if (bk_js_call(ctx, bk_js_get_global(ctx, "handler"), bk_js_undefined(),
                   0, NULL, &r) != BK_OK ||
        bk_js_run_jobs(ctx) != BK_OK) {
        const char *e = bk_js_exception_str(ctx);
        snprintf(buf, n, "!! %s", e ? e : "?");
        bk_js_end(ctx);
        return buf;
    }
    int st = bk_js_promise_state(ctx, r, &v);
    size_t len;
    const char *s = st > 0 ? bk_js_to_utf8(ctx, v, &len) : NULL;
    if (st == 0)
        snprintf(buf, n, "pending");
    else
        snprintf(buf, n, "%s:%s", st == 1 ? "ok" : "err", s ? s : "?");
    bk_js_end(ctx);
    return buf;
}

/* Resolvers captured by the top level, an all() over a pending template
 * promise, a then() chain hung on it and a finally(): every invocation
 * settles them afresh. */
static const char *template_src =
    "let res, rej; const p = new Promise((a, b) => { res = a; rej = b; });"
    "const all = Promise.all([p, 2, Promise.resolve(3)]);"
    "const settled = Promise.allSettled([p]);"
    "const chained = p.then(v => v * 10);"
    "let fin = 0; const f = p.finally(() => { fin++; });"
    "async function handler() {"
    "  res(4); rej(5); res(6);"
    "  const a = await all; const s = await settled;"
    "  const c = await chained; await f;"
    "  return a.join(',') + ' ' + s[0].status + ' ' + c + ' ' + fin; }";

static void test_template_resolvers(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(template_src, BK_JS_RUNTIME_2_0, 0, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_ctx_t *ctx2 = bk_js_ctx_new(p);
    char buf[256];
    for (int i = 0; i < 3; i++) {
        assert_string_equal(once(ctx, buf, sizeof(buf)),
                            "ok:4,2,3 fulfilled 40 1");
        assert_string_equal(once(ctx2, buf, sizeof(buf)),
                            "ok:4,2,3 fulfilled 40 1");
    }
    bk_js_ctx_free(ctx2);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

static void *worker(void *arg)
{
    bk_js_ctx_t *ctx = bk_js_ctx_new(arg);
    if (ctx == NULL)
        return (void *)1;
    char buf[256];
    for (int i = 0; i < 500; i++) {
        if (strcmp(once(ctx, buf, sizeof(buf)), "ok:4,2,3 fulfilled 40 1")) {
            bk_js_ctx_free(ctx);
            return (void *)1;
        }
    }
    bk_js_ctx_free(ctx);
    return NULL;
}

static void test_template_threads(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(template_src, BK_JS_RUNTIME_2_0, 0, 0);
    assert_non_null(p);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, p), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        assert_int_equal(pthread_join(t[i], &r), 0);
        assert_null(r);
    }
    bk_js_prog_free(p);
}

/* A promise chain that never ends is stopped by the compute budget, one
 * that grows by the byte cap; the next invocation runs normally. */
static void test_job_limits(void **state)
{
    (void)state;
    const char *src =
        "let mode = 0; function setMode(m) { mode = m; }"
        "function spin() { return Promise.resolve().then(spin); }"
        "function grow(a) { a.push(Promise.all(a.slice(-64)));"
        "  return Promise.resolve(a).then(grow); }"
        "function handler() {"
        "  if (mode === 1) spin(); if (mode === 2) grow([1]);"
        "  return Promise.resolve('fine'); }";
    char buf[256];
    for (int mode = 1; mode <= 2; mode++) {
        /* spin: a budget and room to spare; grow: a cap and no budget */
        bk_js_prog_t *p = load(src, BK_JS_RUNTIME_2_0,
                               mode == 1 ? 64 << 20 : 256 << 10,
                               mode == 1 ? 200000 : 0);
        assert_non_null(p);
        bk_js_ctx_t *ctx = bk_js_ctx_new(p);
        bk_js_begin(ctx);
        bk_js_val_t m = bk_js_number(mode), r;
        assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "setMode"),
                                    bk_js_undefined(), 1, &m, &r),
                         BK_OK);
        assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "handler"),
                                    bk_js_undefined(), 0, NULL, &r),
                         BK_OK);
        assert_int_equal(bk_js_run_jobs(ctx), BK_ERR);
        assert_int_equal(bk_js_limit_hit(ctx), mode == 1
                                                   ? BK_JS_LIMIT_COMPUTE
                                                   : BK_JS_LIMIT_MEMORY);
        bk_js_end(ctx);
        assert_string_equal(once(ctx, buf, sizeof(buf)), "ok:fine");
        bk_js_ctx_free(ctx);
        bk_js_prog_free(p);
    }
}

/* Runtime 1.0 has resolve/reject/then/catch/finally, no combinators. */
static void test_runtime_gate(void **state)
{
    (void)state;
    const char *src =
        "function handler() { return Promise.resolve(typeof Promise.all +"
        "  typeof Promise.allSettled + typeof Promise.any +"
        "  typeof Promise.race + typeof Promise.prototype.finally); }";
    char buf[256];
    bk_js_prog_t *p = load(src, BK_JS_RUNTIME_1_0, 0, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    assert_string_equal(once(ctx, buf, sizeof(buf)),
                        "ok:undefinedundefinedundefinedundefinedfunction");
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
    p = load(src, BK_JS_RUNTIME_2_0, 0, 0);
    assert_non_null(p);
    ctx = bk_js_ctx_new(p);
    assert_string_equal(once(ctx, buf, sizeof(buf)),
                        "ok:functionfunctionfunctionfunctionfunction");
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_template_resolvers),
        cmocka_unit_test(test_template_threads),
        cmocka_unit_test(test_job_limits),
        cmocka_unit_test(test_runtime_gate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
