/*
 * test_api_bulk.c: the embedding API's hot-path calls (js.h "keys and bulk
 * access"): keys interned in setup are permanent and shared, bulk-built
 * objects are ordinary objects a handler can read and change, external
 * strings read their bytes in place, entries/own/lone readers agree with
 * [[Get]] (and decline when a prototype was touched), and every call fails
 * cleanly at the memory cap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "js/js.h"

typedef struct {
    bk_js_key_t value, host, nested;
} keys_t;

static keys_t K;

static int setup_keys(bk_js_ctx_t *ctx, void *data)
{
    keys_t *k = data;
    k->value = bk_js_key(ctx, "value", 5);
    k->host = bk_js_key(ctx, "host", 4);
    k->nested = bk_js_key(ctx, "caf\xc3\xa9", 5); /* UTF-8: "café" */
    return k->value && k->host && k->nested ? BK_OK : BK_ERR;
}

static bk_js_prog_t *load(const char *src, size_t mem)
{
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.memory_limit = mem;
    o.setup = setup_keys;
    o.setup_data = &K;
    char err[256];
    bk_js_prog_t *p = bk_js_load(src, strlen(src), &o, err, sizeof(err));
    if (p == NULL)
        fprintf(stderr, "load failed: %s\n", err);
    return p;
}

/* handler(arg) as a C string (static buffer) or "!! exception". */
static const char *call(bk_js_ctx_t *ctx, bk_js_val_t arg)
{
    static char buf[512];
    bk_js_val_t f = bk_js_get_global(ctx, "handler"), r;
    if (bk_js_call(ctx, f, bk_js_undefined(), 1, &arg, &r) != BK_OK) {
        const char *e = bk_js_exception_str(ctx);
        snprintf(buf, sizeof(buf), "!! %s", e ? e : "?");
        return buf;
    }
    size_t n;
    const char *s = bk_js_to_utf8(ctx, r, &n);
    snprintf(buf, sizeof(buf), "%s", s ? s : "(null)");
    return buf;
}

/* Setup keys are the same atoms a script's property names use, in every
 * context and invocation; per-run keys work for the run. */
static void keys_are_permanent_and_shared(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("function handler(o) { return o.value + ',' + o['caf\\u00e9']; }",
                           0);
    assert_non_null(p);
    bk_js_ctx_t *a = bk_js_ctx_new(p), *b = bk_js_ctx_new(p);
    for (int run = 0; run < 3; run++) {
        bk_js_ctx_t *ctx = run % 2 ? b : a;
        bk_js_begin(ctx);
        bk_js_key_t ks[2] = {K.value, K.nested};
        bk_str_t vs[2] = {BK_STR("v"), BK_STR("x")};
        bk_js_val_t o = bk_js_object_strs(ctx, ks, vs, 2);
        assert_false(bk_js_is_undefined(o));
        assert_string_equal(call(ctx, o), "v,x");
        /* A key made during a run names the same property. */
        bk_js_key_t k2 = bk_js_key(ctx, "value", 5);
        assert_ptr_equal(k2, K.value);
        bk_js_key_t fresh = bk_js_key(ctx, "x-fresh", 7);
        assert_non_null(fresh);
        assert_int_equal(bk_js_set_k(ctx, o, fresh, bk_js_number(1)), BK_OK);
        bk_js_val_t got;
        assert_int_equal(bk_js_get_k(ctx, o, bk_js_key(ctx, "x-fresh", 7), &got),
                         BK_OK);
        assert_true(bk_js_is_number(got));
        bk_js_end(ctx);
    }
    bk_js_ctx_free(a);
    bk_js_ctx_free(b);
    bk_js_prog_free(p);
}

/* Bulk objects are ordinary: property order, a repeated key keeping its
 * first place and last value, writable, enumerable, deletable; records
 * give {name: {value}} maps; external strings are not copied and read back
 * in place; non-ASCII text is decoded. */
static void bulk_objects_are_ordinary(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "function handler(o) {"
        "  var out = [];"
        "  for (var k in o) out.push(k + '=' + (typeof o[k] === 'object' ? o[k].value : o[k]));"
        "  o.host = 'changed'; delete o.value; out.push(JSON.stringify(o));"
        "  return out.join(' ');"
        "}",
        0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_begin(ctx);
    bk_js_key_t ks[3] = {K.value, K.host, K.value};
    bk_js_val_t vs[3] = {bk_js_number(1), bk_js_number(2), bk_js_number(3)};
    bk_js_val_t o = bk_js_object_from(ctx, ks, vs, 3);
    assert_string_equal(call(ctx, o), "value=3 host=2 {\"host\":\"changed\"}");

    static char ua[] = "Mozilla/5.0 (X11)";
    bk_str_t names[3] = {BK_STR("user-agent"), BK_STR("caf\xc3\xa9"), BK_STR("0")};
    bk_str_t vals[3] = {bk_str(ua, strlen(ua)), BK_STR("d\xc3\xa9j\xc3\xa0"), BK_STR("")};
    bk_js_val_t m = bk_js_object_records(ctx, K.value, names, vals, 3, NULL);
    assert_false(bk_js_is_undefined(m));
    bk_js_val_t *keys, *v;
    uint32_t n;
    assert_int_equal(bk_js_entries(ctx, m, &keys, &v, &n), BK_OK);
    assert_int_equal(n, 3);
    size_t kn;
    /* Integer-like keys come first, as the spec orders own keys. */
    const char *k0 = bk_js_str_ascii(keys[0], &kn);
    assert_true(k0 && kn == 1 && k0[0] == '0');
    bk_js_val_t inner;
    assert_int_equal(bk_js_get_k(ctx, v[1], K.value, &inner), BK_OK);
    const char *s = bk_js_str_ascii(inner, &kn);
    assert_ptr_equal(s, ua); /* not copied */
    assert_int_equal(kn, strlen(ua));
    assert_int_equal(bk_js_get_k(ctx, v[2], K.value, &inner), BK_OK);
    assert_null(bk_js_str_ascii(inner, &kn)); /* not ASCII: converted */
    assert_string_equal(bk_js_to_utf8(ctx, inner, &kn), "d\xc3\xa9j\xc3\xa0");
    assert_null(bk_js_str_ascii(bk_js_number(1), &kn));
    bk_js_end(ctx);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* The readers that skip prototype walks answer as [[Get]] would, and
 * decline (so the caller does the full [[Get]]) once Object.prototype was
 * written in the invocation or the object is not a lone data record. */
static void shortcut_readers_follow_get(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "function handler(o) {"
        "  if (o.pollute) Object.prototype.extra = 1;"
        "  return 'ok';"
        "}",
        0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_val_t v;

    bk_js_begin(ctx);
    bk_str_t one = BK_STR("x");
    bk_js_val_t rec = bk_js_object_strs(ctx, &K.value, &one, 1);
    assert_int_equal(bk_js_lone_value(ctx, rec, K.value, &v), 1);
    assert_true(bk_js_is_string(v));
    bk_js_key_t vh[2] = {K.value, K.host};
    bk_js_val_t two[2];
    assert_int_equal(bk_js_own_values(ctx, rec, vh, 2, two), 1);
    assert_true(bk_js_is_string(two[0]));
    assert_true(bk_js_is_undefined(two[1]));
    assert_int_equal(bk_js_lone_value(ctx, rec, K.host, &v), 0);
    assert_int_equal(bk_js_set_k(ctx, rec, K.host, bk_js_number(5)), BK_OK);
    assert_int_equal(bk_js_lone_value(ctx, rec, K.value, &v), 0); /* two props */
    assert_int_equal(bk_js_own_values(ctx, rec, vh, 2, two), 1);
    assert_true(bk_js_is_number(two[1]));
    assert_int_equal(bk_js_own_values(ctx, bk_js_array(ctx), vh, 2, two), 0);
    bk_js_end(ctx);

    bk_js_begin(ctx);
    bk_js_key_t pk = bk_js_key(ctx, "pollute", 7);
    bk_js_val_t tv = bk_js_bool(1);
    bk_js_val_t arg = bk_js_object_from(ctx, &pk, &tv, 1);
    assert_string_equal(call(ctx, arg), "ok");
    rec = bk_js_object_strs(ctx, &K.value, &one, 1);
    assert_int_equal(bk_js_lone_value(ctx, rec, K.value, &v), 0);
    assert_int_equal(bk_js_own_values(ctx, rec, vh, 2, two), 0);
    bk_js_end(ctx);

    /* The next invocation starts from the template again. */
    bk_js_begin(ctx);
    rec = bk_js_object_strs(ctx, &K.value, &one, 1);
    assert_int_equal(bk_js_lone_value(ctx, rec, K.value, &v), 1);
    bk_js_end(ctx);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* "k1=v1 k2=v2 ..." from bk_js_entries(o) (values as text). */
static const char *entries_text(bk_js_ctx_t *ctx, bk_js_val_t o)
{
    static char buf[512];
    bk_js_val_t *ks, *vs;
    uint32_t n;
    size_t len = 0, kn, vn;
    buf[0] = 0;
    assert_int_equal(bk_js_entries(ctx, o, &ks, &vs, &n), BK_OK);
    for (uint32_t i = 0; i < n; i++) {
        const char *k = bk_js_to_utf8(ctx, ks[i], &kn);
        const char *v = bk_js_to_utf8(ctx, vs[i], &vn);
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s=%s",
                                i ? " " : "", k, v);
    }
    return buf;
}

/* Record keys come back through keys_out as the interned keys, and a key
 * read back from entries is that same pointer (bk_js_key_of). Entries
 * follow Object.entries on plain data objects and on the shapes that take
 * the general path: index keys first, getters called, symbols and
 * non-enumerable properties left out. */
static void record_keys_and_entries(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "function handler(o) {"
        "  if (o.mode === 1) { o[2] = 'two'; o[0] = 'zero'; }"
        "  if (o.mode === 2) Object.defineProperty(o, 'g', {enumerable: true,"
        "      get: function () { return 'got'; }});"
        "  if (o.mode === 3) { o[Symbol('s')] = 1;"
        "      Object.defineProperty(o, 'hidden', {value: 1}); }"
        "  return Object.entries(o).map(function (e) {"
        "      return e[0] + '=' + e[1]; }).join(' ');"
        "}",
        0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_begin(ctx);
    bk_str_t names[3] = {BK_STR("host"), BK_STR("x-new"), BK_STR("caf\xc3\xa9")};
    bk_str_t vals[3] = {BK_STR("a"), BK_STR("b"), BK_STR("c")};
    bk_js_key_t keys[3];
    bk_js_val_t m = bk_js_object_records(ctx, K.value, names, vals, 3, keys);
    assert_false(bk_js_is_undefined(m));
    assert_ptr_equal(keys[0], K.host);
    assert_ptr_equal(keys[1], bk_js_key(ctx, "x-new", 5));
    assert_ptr_equal(keys[2], K.nested);
    bk_js_val_t *ks, *vs;
    uint32_t n;
    assert_int_equal(bk_js_entries(ctx, m, &ks, &vs, &n), BK_OK);
    assert_int_equal(n, 3);
    for (uint32_t i = 0; i < n; i++)
        assert_ptr_equal(bk_js_key_of(ks[i]), keys[i]);
    assert_null(bk_js_key_of(bk_js_number(1)));
    bk_js_end(ctx);

    bk_js_key_t mode = NULL, extra = NULL;
    for (int t = 0; t < 4; t++) {
        bk_js_begin(ctx);
        mode = bk_js_key(ctx, "mode", 4);
        extra = bk_js_key(ctx, "b", 1);
        bk_js_key_t ok[2] = {mode, extra};
        bk_js_val_t ov[2] = {bk_js_number(t), bk_js_string(ctx, "x", 1)};
        bk_js_val_t o = bk_js_object_from(ctx, ok, ov, 2);
        char want[512];
        snprintf(want, sizeof(want), "%s", call(ctx, o));
        assert_string_equal(entries_text(ctx, o), want);
        bk_js_end(ctx);
    }
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* bk_js_own_values reads several own data properties at once and
 * declines (0) for an accessor, an index key, an object that is not plain,
 * or once Object.prototype was written in the run; bk_js_object_proto_lacks
 * looks at Object.prototype's own properties without calling getters. */
static void own_values_and_proto_lacks(void **state)
{
    (void)state;
    bk_js_prog_t *p = load(
        "Object.defineProperty(Object.prototype, 'trap', {configurable: true,"
        "  get: function () { throw new Error('called'); }});"
        "function handler(o) {"
        "  if (o.value === 'acc') Object.defineProperty(o, 'host', {"
        "      get: function () { return 1; }});"
        "  if (o.value === 'pollute') Object.prototype.host = 1;"
        "  return 'ok';"
        "}",
        0);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_begin(ctx);
    bk_js_key_t trap = bk_js_key(ctx, "trap", 4);
    assert_int_equal(bk_js_object_proto_lacks(ctx, &K.value, 1), 1);
    assert_int_equal(bk_js_object_proto_lacks(ctx, &trap, 1), 0); /* no call */
    bk_js_key_t two[2] = {K.value, K.host};
    bk_js_key_t idx = bk_js_key(ctx, "0", 1);
    bk_str_t one = BK_STR("x");
    bk_js_val_t rec = bk_js_object_strs(ctx, &K.value, &one, 1), vs[2];
    assert_int_equal(bk_js_own_values(ctx, rec, two, 2, vs), 1);
    assert_true(bk_js_is_string(vs[0]));
    assert_true(bk_js_is_undefined(vs[1]));
    bk_js_key_t withidx[2] = {K.value, idx};
    assert_int_equal(bk_js_own_values(ctx, rec, withidx, 2, vs), 0);
    assert_int_equal(bk_js_own_values(ctx, bk_js_array(ctx), two, 2, vs), 0);
    bk_js_end(ctx);

    const char *modes[] = {"acc", "pollute"};
    for (int m = 0; m < 2; m++) {
        bk_js_begin(ctx);
        bk_str_t mode = bk_str_c(modes[m]);
        bk_js_val_t o = bk_js_object_strs(ctx, &K.value, &mode, 1);
        assert_string_equal(call(ctx, o), "ok");
        assert_int_equal(bk_js_own_values(ctx, o, two, 2, vs), 0);
        assert_int_equal(bk_js_object_proto_lacks(ctx, &K.host, 1), m == 0);
        bk_js_end(ctx);
    }
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

/* Every bulk call ends cleanly at the invocation's byte cap and the next
 * invocation works. */
static void bulk_calls_fail_cleanly_at_the_cap(void **state)
{
    (void)state;
    bk_js_prog_t *p = load("function handler(o) { return typeof o; }", 64 << 10);
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    static char big[4096];
    memset(big, 'a', sizeof(big));
    bk_str_t names[32], vals[32];
    for (int i = 0; i < 32; i++) {
        names[i] = bk_str(big, (size_t)(100 + i));
        vals[i] = bk_str(big, sizeof(big));
    }
    bk_js_begin(ctx);
    int failed = 0;
    for (int i = 0; i < 10000 && !failed; i++) {
        bk_js_val_t m = bk_js_object_records(ctx, K.value, names, vals, 32, NULL);
        failed = bk_js_is_undefined(m);
    }
    assert_true(failed);
    assert_int_equal(bk_js_limit_hit(ctx), BK_JS_LIMIT_MEMORY);
    assert_null(bk_js_key(ctx, "later", 5));
    bk_js_end(ctx);

    bk_js_begin(ctx);
    bk_str_t one = BK_STR("x");
    bk_js_val_t rec = bk_js_object_strs(ctx, &K.value, &one, 1);
    assert_string_equal(call(ctx, rec), "object");
    bk_js_end(ctx);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys_are_permanent_and_shared),
        cmocka_unit_test(bulk_objects_are_ordinary),
        cmocka_unit_test(shortcut_readers_follow_get),
        cmocka_unit_test(record_keys_and_entries),
        cmocka_unit_test(own_values_and_proto_lacks),
        cmocka_unit_test(bulk_calls_fail_cleanly_at_the_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
