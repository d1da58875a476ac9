/*
 * test_vm.c: the engine through its embedding API (js.h): load, invoke,
 * read back; each limit (memory cap, compute budget, stack depth) ending an
 * invocation cleanly with the next one unaffected; copy-on-write isolation
 * of the template (globals, top-level objects, built-in prototypes); and a
 * table of {source, expected console output} cases by feature.
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

#include "core/buf.h"
#include "js/js.h"

/* ---- helpers ---------------------------------------------------------- */

static bk_buf_t out; /* console.log lines, '\n'-separated */
static int quiet;    /* no load-failure messages (allocation failure test) */

static void capture(void *data, const char *line, size_t n)
{
    (void)data;
    assert_int_equal(bk_buf_append(&out, line, n), BK_OK);
    assert_int_equal(bk_buf_putc(&out, '\n'), BK_OK);
}

static bk_js_prog_t *load(const char *src, size_t mem, uint64_t budget)
{
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.memory_limit = mem;
    o.compute_budget = budget;
    o.log = capture;
    char err[256];
    bk_js_prog_t *p = bk_js_load(src, strlen(src), &o, err, sizeof(err));
    if (p == NULL && !quiet)
        fprintf(stderr, "load failed: %s\n", err);
    return p;
}

/* Calls global 'handler' with no arguments; returns its result as a C
 * string (static buffer) or "!! <exception>". */
static const char *invoke(bk_js_ctx_t *ctx)
{
    static char buf[512];
    bk_js_val_t f = bk_js_get_global(ctx, "handler"), r;
    if (bk_js_call(ctx, f, bk_js_undefined(), 0, NULL, &r) != BK_OK) {
        const char *e = bk_js_exception_str(ctx);
        snprintf(buf, sizeof(buf), "!! %s", e ? e : "?");
        return buf;
    }
    size_t n;
    const char *s = bk_js_to_utf8(ctx, r, &n);
    snprintf(buf, sizeof(buf), "%s", s ? s : "(null)");
    return buf;
}

/* One invocation start to end: begin, call handler, end. */
static const char *once(bk_js_ctx_t *ctx)
{
    static char keep[512];
    bk_js_begin(ctx);
    snprintf(keep, sizeof(keep), "%s", invoke(ctx));
    bk_js_end(ctx);
    return keep;
}

/* ---- basics --------------------------------------------------------- */

static void test_call_and_result(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("var n = 40; function handler() {"
                           " return 'v' + (n + 2); }",
                           0, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    assert_non_null(ctx);
    assert_string_equal(once(ctx), "v42");
    assert_string_equal(once(ctx), "v42");
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

static void test_syntax_error(void **state)
{
    (void)state;
    char err[256];
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    bk_js_prog_t *p = bk_js_load("let = ;", 7, &o, err, sizeof(err));
    assert_null(p);
    assert_true(strncmp(err, "SyntaxError: ", 13) == 0);
    p = bk_js_load("throw new TypeError('boom')", 27, &o, err, sizeof(err));
    assert_null(p);
    assert_string_equal(err, "TypeError: boom");
}

static void test_objects_from_c(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("function handler(e) { e.request.uri = "
                           "e.request.uri + '/index.html'; return e; }",
                           0, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_begin(ctx);
    bk_js_val_t ev = bk_js_object(ctx), req = bk_js_object(ctx);
    assert_int_equal(bk_js_set(ctx, req, "uri", bk_js_string(ctx, "/a", 2)),
                     BK_OK);
    assert_int_equal(bk_js_set(ctx, ev, "request", req), BK_OK);
    bk_js_val_t r, uri;
    assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "handler"),
                                bk_js_undefined(), 1, &ev, &r),
                     BK_OK);
    assert_int_equal(bk_js_get(ctx, req, "uri", &uri), BK_OK);
    size_t n;
    assert_string_equal(bk_js_to_utf8(ctx, uri, &n), "/a/index.html");
    bk_js_val_t *keys;
    uint32_t nk;
    assert_int_equal(bk_js_keys(ctx, ev, &keys, &nk), BK_OK);
    assert_int_equal(nk, 1);
    assert_string_equal(bk_js_to_utf8(ctx, keys[0], &n), "request");
    bk_js_end(ctx);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* ---- limits --------------------------------------------------------- */

static void test_memory_cap(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "var mode = 0;"
        "function handler() {"
        "  if (globalThis.big) { var a = [];"
        "    for (;;) a.push({x: a.length, s: 'abc' + a.length}); }"
        "  return 'ok';"
        "}",
        256 * 1024, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    for (int round = 0; round < 3; round++) {
        bk_js_begin(ctx);
        assert_int_equal(bk_js_set(ctx, bk_js_get_global(ctx, "globalThis"),
                                   "big", bk_js_bool(1)),
                         BK_OK);
        const char *r = invoke(ctx);
        assert_string_equal(r, "!! InternalError: memory limit exceeded");
        assert_int_equal(bk_js_limit_hit(ctx), BK_JS_LIMIT_MEMORY);
        /* The invocation is over: further calls fail at once. */
        bk_js_val_t v;
        assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "handler"),
                                    bk_js_undefined(), 0, NULL, &v),
                         BK_ERR);
        bk_js_end(ctx);
        /* The next invocation is unaffected (and 'big' was not kept). */
        assert_string_equal(once(ctx), "ok");
        assert_int_equal(bk_js_limit_hit(ctx), BK_JS_LIMIT_NONE);
    }
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

static void test_compute_budget(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("var spin = false;"
                           "function handler() {"
                           "  if (spin) { for (;;) {} }"
                           "  let s = 0; for (let i = 0; i < 100; i++) s += i;"
                           "  return 's' + s; }"
                           "function setSpin(v) { spin = v; }",
                           0, 100000);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    assert_string_equal(once(ctx), "s4950");
    unsigned small = bk_js_utilization(ctx);
    assert_true(small < 100);
    bk_js_begin(ctx);
    bk_js_val_t t = bk_js_bool(1), r;
    assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "setSpin"),
                                bk_js_undefined(), 1, &t, &r),
                     BK_OK);
    assert_string_equal(invoke(ctx), "!! InternalError: compute budget exceeded");
    assert_int_equal(bk_js_limit_hit(ctx), BK_JS_LIMIT_COMPUTE);
    assert_int_equal(bk_js_utilization(ctx), 100);
    bk_js_end(ctx);
    /* spin was set in that invocation only */
    assert_string_equal(once(ctx), "s4950");
    assert_int_equal(bk_js_utilization(ctx), small);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

static void test_stack_depth(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "function down(n) { return down(n + 1) + 1; }"
        "function viaNative(n) { return [n].map(viaNative)[0]; }"
        "var which = 0;"
        "function handler() {"
        "  if (which == 1) return down(0);"
        "  if (which == 2) { try { viaNative(0); } catch (e) {"
        "     return 'caught ' + e.name; } }"
        "  try { down(0); } catch (e) { return 'caught ' + e.name + ': ' +"
        "     e.message; }"
        "}"
        "function set(v) { which = v; }",
        0, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    assert_string_equal(once(ctx),
                        "caught RangeError: Maximum call stack size exceeded");
    for (int w = 1; w <= 2; w++) {
        bk_js_begin(ctx);
        bk_js_val_t v = bk_js_number(w), r;
        assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "set"),
                                    bk_js_undefined(), 1, &v, &r),
                         BK_OK);
        const char *res = invoke(ctx);
        if (w == 1)
            assert_string_equal(res,
                                "!! RangeError: Maximum call stack size exceeded");
        else
            assert_string_equal(res, "caught RangeError");
        assert_int_equal(bk_js_limit_hit(ctx), BK_JS_LIMIT_NONE);
        bk_js_end(ctx);
    }
    assert_string_equal(once(ctx),
                        "caught RangeError: Maximum call stack size exceeded");
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* ---- copy-on-write isolation ------------------------------------------ */

static void test_cow_isolation(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "var counter = 0; let lex = 'L'; const cfg = {n: 1, list: [1, 2]};"
        "function bump() { return ++counter; }"
        "function handler() {"
        "  var before = [counter, lex, cfg.n, cfg.list.length,"
        "    typeof Array.prototype.evil, typeof globalThis.leak,"
        "    [1, 2].join(), Object.keys(cfg).length, bump()].join(' ');"
        "  counter += 10; lex = 'changed'; cfg.n = 99; cfg.list.push(3);"
        "  cfg.extra = true; delete cfg.n;"
        "  Array.prototype.evil = 1; Array.prototype.join = function () {"
        "    return 'hacked'; };"
        "  globalThis.leak = 1; Object.freeze(cfg);"
        "  return before;"
        "}",
        0, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    for (int i = 0; i < 4; i++)
        assert_string_equal(once(ctx), "0 L 1 2 undefined undefined 1,2 2 1");
    /* A second context over the same template sees the same. */
    bk_js_ctx_t *ctx2 = bk_js_ctx_new(p);
    assert_string_equal(once(ctx2), "0 L 1 2 undefined undefined 1,2 2 1");
    bk_js_ctx_free(ctx2);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

static void test_template_identity(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("const shared = {a: 1};"
                           "function handler() { shared.a++;"
                           "  return String(globalThis.shared2 === undefined"
                           "    && shared === shared && shared.a); }",
                           0, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_begin(ctx);
    bk_js_val_t a = bk_js_get_global(ctx, "shared");
    assert_string_equal(invoke(ctx), "2");
    assert_string_equal(invoke(ctx), "3");
    bk_js_val_t b = bk_js_get_global(ctx, "shared");
    assert_true(a == b); /* identity: the template pointer */
    bk_js_end(ctx);
    assert_string_equal(once(ctx), "2");
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* s += x in a loop stays linear: 20,000 appends of 10 characters fit in
 * 2 MB (a quadratic scheme would need ~2 GB). */
static void test_concat_linear(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("function handler() { let s = '';"
                           "  for (let i = 0; i < 20000; i++) s += '0123456789';"
                           "  return String(s.length) + s.charAt(199999); }",
                           2 << 20, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    assert_string_equal(once(ctx), "2000009");
    assert_string_equal(once(ctx), "2000009");
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

static void test_async_jobs(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("async function handler() { const v = await "
                           "Promise.resolve(20); return v + 1; }",
                           0, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_begin(ctx);
    bk_js_val_t r, v;
    assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "handler"),
                                bk_js_undefined(), 0, NULL, &r),
                     BK_OK);
    assert_int_equal(bk_js_promise_state(ctx, r, &v), 0);
    assert_int_equal(bk_js_run_jobs(ctx), BK_OK);
    assert_int_equal(bk_js_promise_state(ctx, r, &v), 1);
    assert_true(bk_js_is_number(v));
    assert_true(bk_js_get_number(v) == 21);
    bk_js_end(ctx);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* ---- {source, expected output} by feature ---------------------------- */

static const struct {
    const char *src, *out;
} cases[] = {
    {"console.log(1 + 2, 'a' + 1, 7 / 2, 2 ** 10)", "3 a1 3.5 1024\n"},
    {"let fs = []; for (let i = 0; i < 3; i++) fs.push(() => i);"
     "console.log(fs.map(f => f()).join())",
     "0,1,2\n"},
    {"var fs = []; for (var i = 0; i < 3; i++) fs.push(() => i);"
     "console.log(fs.map(f => f()).join())",
     "3,3,3\n"},
    {"try { x; let x = 1; } catch (e) { console.log(e.name) }",
     "ReferenceError\n"},
    {"function f() { try { return 'try' } finally { console.log('fin') } }"
     "console.log(f())",
     "fin\ntry\n"},
    {"out: for (const a of [1, 2]) { for (const b of [1, 2]) {"
     " if (b == 2) continue out; console.log(a, b); } }",
     "1 1\n2 1\n"},
    {"switch (2) { case 1: console.log(1); case 2: console.log(2);"
     " case 3: console.log(3); break; default: console.log('d') }",
     "2\n3\n"},
    {"const o = { get v() { return this.x * 2 }, set v(n) { this.x = n } };"
     "o.v = 4; console.log(o.v)",
     "8\n"},
    {"class A { constructor(n) { this.n = n } get d() { return this.n * 2 } }"
     "class B extends A { constructor() { super(5) } d2() { return super.d } }"
     "console.log(new B().d2(), new B() instanceof A)",
     "10 true\n"},
    {"const {a, b: [c, ...d], ...r} = {a: 1, b: [2, 3, 4], e: 5};"
     "console.log(a, c, d.join(), JSON.stringify(r))",
     "1 2 3,4 {\"e\":5}\n"},
    {"function t(s, ...v) { return s.raw.join('|') + v.join() }"
     "console.log(t`a${1}b${2}c`)",
     "a|b|c1,2\n"},
    {"console.log(null ?? 'd', 0 ?? 'd', ({a: {b: 1}}).a?.b, undefined?.x)",
     "d 0 1 undefined\n"},
    {"function* g() { yield 1; yield 2 } console.log([...g()].join())",
     "1,2\n"},
    {"function* g() { try { yield 1; yield 2 } catch (e) { console.log('no') }"
     " finally { console.log('fin') } }"
     "for (const v of g()) { console.log(v); break }",
     "1\nfin\n"},
    {"(async () => { await 1; console.log('b') })(); console.log('a')",
     "a\nb\n"},
    {"console.log(typeof nope, typeof null, typeof (() => 1))",
     "undefined object function\n"},
    {"const o = {b: 1, a: 2, 1: 'x', 0: 'y'}; console.log(Object.keys(o).join())",
     "0,1,b,a\n"},
    {"console.log([3, 1, 2].sort().join(), 'abc'.toUpperCase(),"
     " 'a-b-c'.split('-').length)",
     "1,2,3 ABC 3\n"},
    {"console.log(0.1 + 0.2, 1e21, -0, (25).toString(2))",
     "0.30000000000000004 1e+21 0 11001\n"},
    {"console.log('/a/b.html'.replace(/\\.html$/, ''),"
     " /(?<y>\\d{4})-(\\d\\d)/.exec('on 2024-03').groups.y,"
     " 'a1b22c'.split(/\\d+/).join('|'))",
     "/a/b 2024 a|b|c\n"},
    {"const s = new Set(['US', 'CA']); const m = new Map([[1, 'x']]);"
     "console.log(s.has('US'), s.has('FR'), m.get(1), [...s].join())",
     "true false x US,CA\n"},
    {"console.log(Buffer.from('user:pass').toString('base64'),"
     " Buffer.from('dXNlcjpwYXNz', 'base64').toString())",
     "dXNlcjpwYXNz user:pass\n"},
    {"const qs = require('querystring');"
     "console.log(qs.stringify(qs.parse('b=2&a=1&a=x+y')),"
     " require('crypto').createHash('sha256').update('abc').digest('hex')"
     ".slice(0, 16))",
     "b=2&a=1&a=x%20y ba7816bf8f01cfea\n"},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bk_buf_clear(&out);
        bk_js_prog_t *p = load(cases[i].src, 0, 0);
        if (p == NULL)
            fail_msg("case %zu failed to load: %s", i, cases[i].src);
        assert_int_equal(bk_buf_putc(&out, 0), BK_OK);
        if (strcmp((char *)out.p, cases[i].out) != 0)
            fail_msg("case %zu: %s\n got: %s\nwant: %s", i, cases[i].src,
                     (char *)out.p, cases[i].out);
        bk_js_prog_free(p);
    }
}

/* One template, four worker threads, a context each: every invocation
 * mutates top-level state, built-in prototypes and a top-level generator,
 * and must still see the template as it was. */
static const char *thread_src =
    "let hits = 0; const cfg = {n: 1}; function* g() { let i = 0;"
    "  for (;;) yield i++; } const gen = g();"
    "function handler() {"
    "  const seen = hits + ':' + cfg.n + ':' + gen.next().value + ':' +"
    "    typeof Object.prototype.polluted;"
    "  hits++; cfg.n = Math.random(); Object.prototype.polluted = 1;"
    "  let s = ''; for (let i = 0; i < 50; i++) s += i;"
    "  return seen + ':' + s.length; }";

static void *worker(void *arg)
{
    bk_js_prog_t *p = arg;
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    if (ctx == NULL)
        return (void *)1;
    for (int i = 0; i < 2000; i++) {
        bk_js_begin(ctx);
        bk_js_val_t r;
        int rc = bk_js_call(ctx, bk_js_get_global(ctx, "handler"),
                            bk_js_undefined(), 0, NULL, &r);
        size_t n;
        const char *s = rc == BK_OK ? bk_js_to_utf8(ctx, r, &n) : NULL;
        int ok = s != NULL && strcmp(s, "0:1:0:undefined:90") == 0;
        bk_js_end(ctx);
        if (!ok) {
            bk_js_ctx_free(ctx);
            return (void *)1;
        }
    }
    bk_js_ctx_free(ctx);
    return NULL;
}

static void test_threads_share_template(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(thread_src, 0, 0);
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

/* Every allocation failing in turn during load ends cleanly. */
static void test_alloc_failures(void **state)
{
    (void)state;
    const char *src = "const o = {a: [1, 2, 3]}; function handler() {"
                      " return JSON.stringify(o) + 'x'.repeat(3); }";
    quiet = 1;
    for (unsigned long n = 1; n < 400; n += 7) {
        bk_alloc_fail_at(n);
        bk_js_prog_t *p = load(src, 0, 0);
        bk_alloc_fail_at(0);
        if (p == NULL)
            continue;
        bk_js_ctx_t *ctx = bk_js_ctx_new(p);
        if (ctx != NULL) {
            assert_string_equal(once(ctx), "{\"a\":[1,2,3]}xxx");
            bk_js_ctx_free(ctx);
        }
        bk_js_prog_free(p);
    }
    quiet = 0;
}

int main(void)
{
    bk_buf_init(&out, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_call_and_result),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_objects_from_c),
        cmocka_unit_test(test_memory_cap),
        cmocka_unit_test(test_compute_budget),
        cmocka_unit_test(test_stack_depth),
        cmocka_unit_test(test_cow_isolation),
        cmocka_unit_test(test_template_identity),
        cmocka_unit_test(test_concat_linear),
        cmocka_unit_test(test_async_jobs),
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_threads_share_template),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    bk_buf_free(&out);
    return rc;
}
