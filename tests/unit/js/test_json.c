/*
 * test_json.c: JSON.parse and JSON.stringify through the embedding API,
 * where the differential tests cannot reach: the memory cap (a huge or
 * deeply nested input, a huge output, ends the invocation with the
 * memory-limit error and the next one runs normally), every allocation
 * failing in turn, scratch stacks outgrowing their C-stack buffers, parsed
 * template objects copied on write, key atoms not outliving their
 * invocation, and inputs given as the embedder's strings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "js/js.h"

/* ---- helpers ---------------------------------------------------------- */

static bk_js_prog_t *load(const char *src, size_t mem)
{
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.memory_limit = mem;
    o.compute_budget = UINT64_MAX / 4;
    char err[256];
    bk_js_prog_t *p = bk_js_load(src, strlen(src), &o, err, sizeof(err));
    if (p == NULL)
        fprintf(stderr, "load failed: %s\n", err);
    return p;
}

/* Calls global 'handler' with one string argument (NULL: none); returns
 * the result as a C string (static buffer) or "!! <exception>". With
 * fail_at, the fail_at-th allocation of the call itself fails. */
static const char *call_failing(bk_js_ctx_t *ctx, const char *arg, size_t n,
                                unsigned long fail_at)
{
    static char buf[4096];
    bk_js_val_t f = bk_js_get_global(ctx, "handler"), r;
    bk_js_val_t a = arg ? bk_js_string_ext(ctx, arg, n) : bk_js_undefined();
    bk_alloc_fail_at(fail_at);
    int rc = bk_js_call(ctx, f, bk_js_undefined(), arg ? 1 : 0, &a, &r);
    bk_alloc_fail_at(0);
    if (rc != BK_OK) {
        const char *e = bk_js_exception_str(ctx);
        snprintf(buf, sizeof(buf), "!! %s", e ? e : "?");
        return buf;
    }
    size_t len;
    const char *s = bk_js_to_utf8(ctx, r, &len);
    snprintf(buf, sizeof(buf), "%s", s ? s : "(null)");
    return buf;
}

static const char *call(bk_js_ctx_t *ctx, const char *arg, size_t n)
{
    return call_failing(ctx, arg, n, 0);
}

static const char *once(bk_js_ctx_t *ctx, const char *arg)
{
    static char keep[4096];
    bk_js_begin(ctx);
    snprintf(keep, sizeof(keep), "%s", call(ctx, arg, arg ? strlen(arg) : 0));
    bk_js_end(ctx);
    return keep;
}

#define MEMORY_ERROR "!! InternalError: memory limit exceeded"

/* A malloc'd string of 'reps' copies of 'unit' between head and tail. */
static char *repeat(const char *head, const char *unit, size_t reps,
                    const char *tail, size_t *len)
{
    size_t hn = strlen(head), un = strlen(unit), tn = strlen(tail);
    size_t n = hn + un * reps + tn;
    char *s = malloc(n + 1);
    assert_non_null(s);
    memcpy(s, head, hn);
    for (size_t i = 0; i < reps; i++)
        memcpy(s + hn + i * un, unit, un);
    memcpy(s + hn + un * reps, tail, tn);
    s[n] = 0;
    *len = n;
    return s;
}

/* ---- the memory cap ---------------------------------------------------- */

/* A 4 MB input under a 512 KB cap: the parse ends the invocation with the
 * memory-limit error, and the context serves the next one. */
static void test_cap_huge_input(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("function handler(s) {"
                           "  if (s === undefined) return 'idle';"
                           "  var v = JSON.parse(s);"
                           "  return 'parsed ' + v.length; }",
                           512 * 1024);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    assert_non_null(ctx);
    size_t n;
    char *big = repeat("[", "{\"key\":\"value\",\"n\":[1,2.5,true]},", 120000,
                       "null]", &n);
    for (int round = 0; round < 2; round++) {
        bk_js_begin(ctx);
        assert_string_equal(call(ctx, big, n), MEMORY_ERROR);
        assert_int_equal(bk_js_limit_hit(ctx), BK_JS_LIMIT_MEMORY);
        bk_js_end(ctx);
        assert_string_equal(once(ctx, NULL), "idle");
        assert_string_equal(once(ctx, "[1,{\"a\":[]}]"), "parsed 2");
    }
    free(big);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* Nesting is limited by memory only (the parser keeps its own stack): a
 * million '[' under the cap is the memory-limit error, not a crash; two
 * thousand (200 KB of arrays) parse. */
static void test_cap_deep_input(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("function handler(s) {"
                           "  var v = JSON.parse(s), d = 0;"
                           "  while (Array.isArray(v)) { v = v[0]; d++; }"
                           "  return 'depth ' + d; }",
                           512 * 1024);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    size_t n;
    char *deep = repeat("", "[", 1000000, "", &n);
    bk_js_begin(ctx);
    assert_string_equal(call(ctx, deep, n), MEMORY_ERROR);
    bk_js_end(ctx);
    free(deep);
    char *ok = repeat("", "[", 2000, "", &n);
    char *s = malloc(2 * n + 1);
    memcpy(s, ok, n);
    memset(s + n, ']', n);
    s[2 * n] = 0;
    assert_string_equal(once(ctx, s), "depth 2000");
    /* Unbalanced: the error names the end of the input. */
    s[2 * n - 1] = 0;
    assert_string_equal(once(ctx, s),
                        "!! SyntaxError: Expected ',' or ']' after array "
                        "element in JSON at position 3999");
    free(s);
    free(ok);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* An output bigger than the cap: stringify ends the invocation too. */
static void test_cap_huge_output(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("function handler(s) {"
                           "  var a = [], x = 'x'.repeat(1000);"
                           "  for (var i = 0; i < 1000; i++) a.push(x);"
                           "  var o = s ? a.slice(0, 10) : a;"
                           "  return 'len ' + JSON.stringify(o).length; }",
                           512 * 1024);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    assert_string_equal(once(ctx, NULL), MEMORY_ERROR);
    assert_string_equal(once(ctx, "small"), "len 10031");
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* ---- failures and growth ------------------------------------------------ */

static const char *ROUNDTRIP =
    "function handler(s) {"
    "  var v = JSON.parse(s);"
    "  v.extra = ['\\u20ac', 'q\"\\n', -0.5e-3];"
    "  var t = JSON.stringify(v, null, 1);"
    "  var back = JSON.parse(t, function (k, x) {"
    "    return typeof x === 'number' ? x * 2 : x; });"
    "  return JSON.stringify(back).length + ' ' + JSON.stringify(back.b); }";

static const char *ROUNDTRIP_IN =
    "{\"a\":[1,2,{\"k\":\"v\"}],\"b\":{\"\\u0100\":\"wide \\u20ac\","
    "\"esc\":\"tab\\tquote\\\"\",\"n\":12345678901234567},\"c\":null}";

/* Every allocation of an invocation failing in turn: each run ends with
 * the right answer or the memory-limit error, never anything else, and
 * the next invocation is unaffected. */
static void test_alloc_failures(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(ROUNDTRIP, 0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    char want[4096];
    snprintf(want, sizeof(want), "%s", once(ctx, ROUNDTRIP_IN));
    /* As node prints it. */
    assert_string_equal(want, "121 {\"\xc4\x80\":\"wide \xe2\x82\xac\","
                              "\"esc\":\"tab\\tquote\\\"\","
                              "\"n\":24691357802469136}");
    int failed = 0;
    unsigned long last = 0;
    for (unsigned long n = 1; n < 400; n++) {
        bk_js_begin(ctx);
        const char *r = call_failing(ctx, ROUNDTRIP_IN, strlen(ROUNDTRIP_IN),
                                     n);
        if (strcmp(r, want) != 0) {
            assert_string_equal(r, MEMORY_ERROR);
            failed++;
            last = n;
        }
        bk_js_end(ctx);
        assert_string_equal(once(ctx, ROUNDTRIP_IN), want);
    }
    /* Every allocation point was hit: the last runs needed none to fail. */
    assert_true(failed > 0);
    assert_true(last < 390);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* Inputs that outgrow the parser's and the writer's C-stack scratch
 * buffers (many members, many open containers, many keys). */
static void test_scratch_growth(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "function handler(s) {"
        "  var v = JSON.parse(s);"
        "  var t = JSON.stringify(v);"
        "  if (t !== s) return 'mismatch ' + t.length + ' ' + s.length;"
        "  return 'ok ' + t.length; }",
        0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    size_t n;
    char *arr = repeat("[", "123,", 3000, "0]", &n);
    char want[64];
    snprintf(want, sizeof(want), "ok %zu", n);
    assert_string_equal(once(ctx, arr), want);
    free(arr);
    /* An object of 600 distinct keys, each holding an object of 3. */
    char *obj = malloc(64 * 600 + 16);
    size_t k = 0;
    obj[k++] = '{';
    for (int i = 0; i < 600; i++)
        k += (size_t)sprintf(obj + k, "%s\"key%d\":{\"a\":%d,\"b\":[],\"c\":\"\"}",
                             i ? "," : "", i, i);
    obj[k++] = '}';
    obj[k] = 0;
    snprintf(want, sizeof(want), "ok %zu", k);
    assert_string_equal(once(ctx, obj), want);
    free(obj);
    /* 300 nested objects each with two members around the nesting. */
    char *deep = malloc(40 * 300 + 16);
    k = 0;
    for (int i = 0; i < 300; i++)
        k += (size_t)sprintf(deep + k, "{\"x%d\":%d,\"in\":", i, i);
    k += (size_t)sprintf(deep + k, "[]");
    for (int i = 0; i < 300; i++)
        k += (size_t)sprintf(deep + k, ",\"z\":true}");
    deep[k] = 0;
    snprintf(want, sizeof(want), "ok %zu", k);
    assert_string_equal(once(ctx, deep), want);
    free(deep);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* ---- templates and atoms ----------------------------------------------- */

/* Objects parsed by the top level belong to the template: an invocation
 * that changes them changes its own copies only. */
static void test_template_objects(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "var CONF = JSON.parse('{\"sites\":{\"a\":{\"ttl\":60,\"tags\":[1,2]}},"
        "\"n\":1}');"
        "function handler(s) {"
        "  var before = JSON.stringify(CONF);"
        "  if (s) { CONF.sites.a.ttl = 5; CONF.sites.a.tags.push(3);"
        "    CONF.sites.b = {}; delete CONF.n; }"
        "  return before + ' ' + JSON.stringify(CONF); }",
        0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    const char *orig = "{\"sites\":{\"a\":{\"ttl\":60,\"tags\":[1,2]}},\"n\":1}";
    char want[512];
    snprintf(want, sizeof(want), "%s %s", orig,
             "{\"sites\":{\"a\":{\"ttl\":5,\"tags\":[1,2,3]},\"b\":{}}}");
    assert_string_equal(once(ctx, "change"), want);
    snprintf(want, sizeof(want), "%s %s", orig, orig);
    assert_string_equal(once(ctx, NULL), want);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* Keys first seen in one invocation are that invocation's atoms; the
 * next invocation, with other data in the same arena, interns them anew. */
static void test_invocation_atoms(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("function handler(s) {"
                           "  var o = JSON.parse(s), out = [];"
                           "  for (var k in o) out.push(k + '=' + o[k]);"
                           "  return out.join(',') + ' ' + JSON.stringify(o); }",
                           0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    for (int i = 0; i < 50; i++) {
        char in[256], want[512];
        snprintf(in, sizeof(in),
                 "{\"fresh%d\":%d,\"\\u00e9t\\u00e9%d\":\"x\",\"fresh%d\":%d}",
                 i, i, i, i, i + 1);
        snprintf(want, sizeof(want),
                 "fresh%d=%d,\xc3\xa9t\xc3\xa9%d=x "
                 "{\"fresh%d\":%d,\"\xc3\xa9t\xc3\xa9%d\":\"x\"}",
                 i, i + 1, i, i, i + 1, i);
        assert_string_equal(once(ctx, in), want);
    }
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* The embedder's strings (ASCII not copied) parse as views of its bytes;
 * the values stay right while the bytes do (until bk_js_end). */
static void test_embedder_string(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("var keep;"
                           "function handler(s) { keep = JSON.parse(s);"
                           "  return keep.a + keep.b[1]; }"
                           "function later() { return keep.a + keep.b[0]; }",
                           0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    char src[] = "{\"a\":\"hello \",\"b\":[\"world\",\"there\"]}";
    bk_js_begin(ctx);
    assert_string_equal(call(ctx, src, strlen(src)), "hello there");
    bk_js_val_t r;
    assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "later"),
                                bk_js_undefined(), 0, NULL, &r),
                     BK_OK);
    size_t n;
    assert_string_equal(bk_js_to_utf8(ctx, r, &n), "hello world");
    bk_js_end(ctx);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cap_huge_input),
        cmocka_unit_test(test_cap_deep_input),
        cmocka_unit_test(test_cap_huge_output),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_scratch_growth),
        cmocka_unit_test(test_template_objects),
        cmocka_unit_test(test_invocation_atoms),
        cmocka_unit_test(test_embedder_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
