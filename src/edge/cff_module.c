/*
 * cff_module.c: the `cloudfront` module of runtime 2.0 (reference §7) and
 * the per-run state it keeps (logCustomData, origin changes).
 *
 * kvs() returns a handle whose get/exists/meta answer with promises, made
 * through the engine's public API (Promise.resolve / Promise.reject called
 * like any function), so a missing key is a rejection the function can
 * catch. The store is the one loaded with the function (bk_cff_load's
 * 'kvs'); natives find it through the run (or load) under way on this
 * thread, since handles are usually made at top level, in the template.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "edge/cff_int.h"

static __thread bk_cff_result_t *run_res;
static __thread bk_arena_t *run_out;
static __thread bk_cff_fn_t *run_fn;
static __thread bk_cff_fn_t *load_fn;

static int log_custom_data(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                           const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    *ret = bk_js_undefined();
    if (run_res == NULL || argc < 1)
        return BK_OK;
    size_t n;
    const char *s = bk_js_to_utf8(ctx, argv[0], &n);
    if (s == NULL)
        return BK_ERR;
    /* ≤ 800 bytes after URL-encoding; the last call wins (§7). */
    char buf[801];
    size_t o = 0;
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)s[i];
        int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || strchr("-_.~", c);
        if (c == 0)
            plain = 0;
        if (plain) {
            if (o + 1 > 800)
                break;
            buf[o++] = (char)c;
        } else {
            if (o + 3 > 800)
                break;
            buf[o++] = '%';
            buf[o++] = hex[c >> 4];
            buf[o++] = hex[c & 15];
        }
    }
    char *p = bk_arena_memdup(run_out, buf, o ? o : 1);
    if (p != NULL)
        run_res->log_custom_data = bk_str(p, o);
    return BK_OK;
}

/* ---- KeyValueStore ---------------------------------------------------------- */

/* *ret = Promise.resolve(v) (ok) or Promise.reject(v). */
static int settle(bk_js_ctx_t *ctx, int ok, bk_js_val_t v, bk_js_val_t *ret)
{
    bk_js_val_t promise = bk_js_get_global(ctx, "Promise"), f;
    if (!bk_js_is_function(promise))
        return bk_js_throw(ctx, "Error", "Promise is not available");
    if (bk_js_get(ctx, promise, ok ? "resolve" : "reject", &f) != BK_OK)
        return BK_ERR;
    return bk_js_call(ctx, f, promise, 1, &v, ret);
}

/* *ret = a promise rejected with new <name>(msg). The error is made by
 * throwing it and taking it back, the one way the API offers. */
static int reject_with(bk_js_ctx_t *ctx, bk_js_val_t *ret, const char *name,
                       const char *msg)
{
    (void)bk_js_throw(ctx, name, "%s", msg);
    if (bk_js_limit_hit(ctx))
        return BK_ERR;
    return settle(ctx, 0, bk_js_take_exception(ctx), ret);
}

/* The store of the run under way, or NULL (then *ret is a rejection). */
static const bk_cff_kvs_t *store(bk_js_ctx_t *ctx, bk_js_val_t *ret, int *rc)
{
    const bk_cff_kvs_t *k = run_fn ? run_fn->kvs : NULL;
    if (k == NULL)
        *rc = reject_with(ctx, ret, "Error",
                          "No KeyValueStore is associated with this function");
    return k;
}

/* The key argument as UTF-8 in the invocation arena. */
static const char *key_arg(bk_js_ctx_t *ctx, int argc, const bk_js_val_t *argv,
                           size_t *n)
{
    if (argc < 1 || !bk_js_is_string(argv[0]))
        return NULL;
    return bk_js_to_utf8(ctx, argv[0], n);
}

/* kvs.get(key[, {format: "string"|"json"|"bytes"}]): rejects on a missing
 * key (§7). */
static int kvs_get(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                   const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    int rc = BK_OK;
    const bk_cff_kvs_t *k = store(ctx, ret, &rc);
    if (k == NULL)
        return rc;
    size_t kn, vn, fn = 6;
    const char *key = key_arg(ctx, argc, argv, &kn);
    if (key == NULL)
        return reject_with(ctx, ret, "TypeError", "The key must be a string");
    const char *format = "string";
    if (argc > 1 && bk_js_is_object(argv[1])) {
        bk_js_val_t f;
        if (bk_js_get(ctx, argv[1], "format", &f) != BK_OK)
            return BK_ERR;
        if (!bk_js_is_undefined(f) &&
            (format = bk_js_to_utf8(ctx, f, &fn)) == NULL)
            return BK_ERR;
    }
    const char *v = bk_cff__kvs_get(k, bk_str(key, kn), &vn);
    if (v == NULL) {
        char m[600];
        snprintf(m, sizeof(m), "Key not found: %.512s", key);
        return reject_with(ctx, ret, "Error", m);
    }
    bk_js_val_t s = bk_js_string(ctx, v, vn);
    if (bk_js_is_undefined(s))
        return BK_ERR;
    if (strcmp(format, "string") == 0)
        return settle(ctx, 1, s, ret);
    if (strcmp(format, "json") == 0) {
        bk_js_val_t json = bk_js_get_global(ctx, "JSON"), parse, parsed;
        if (bk_js_get(ctx, json, "parse", &parse) != BK_OK)
            return BK_ERR;
        if (bk_js_call(ctx, parse, json, 1, &s, &parsed) != BK_OK) {
            if (bk_js_limit_hit(ctx))
                return BK_ERR;
            return settle(ctx, 0, bk_js_take_exception(ctx), ret);
        }
        return settle(ctx, 1, parsed, ret);
    }
    if (strcmp(format, "bytes") == 0)
        /* XXX: needs Buffer (or Uint8Array) in the engine. */
        return reject_with(ctx, ret, "TypeError",
                           "format 'bytes' is not supported yet");
    return reject_with(ctx, ret, "TypeError",
                       "format must be \"string\", \"json\" or \"bytes\"");
}

/* kvs.exists(key) -> Promise<boolean>. */
static int kvs_exists(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                      const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    int rc = BK_OK;
    const bk_cff_kvs_t *k = store(ctx, ret, &rc);
    if (k == NULL)
        return rc;
    size_t kn, vn;
    const char *key = key_arg(ctx, argc, argv, &kn);
    if (key == NULL)
        return reject_with(ctx, ret, "TypeError", "The key must be a string");
    return settle(ctx, 1, bk_js_bool(bk_cff__kvs_get(k, bk_str(key, kn), &vn) != NULL),
                  ret);
}

/* kvs.meta() -> Promise<{creationDateTime, lastUpdatedDateTime, keyCount}>;
 * both dates are the import file's modification time. */
static int kvs_meta(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                    const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    int rc = BK_OK;
    const bk_cff_kvs_t *k = store(ctx, ret, &rc);
    if (k == NULL)
        return rc;
    char when[32];
    time_t t = (time_t)bk_cff__kvs_mtime(k);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    bk_js_val_t m = bk_js_object(ctx), d = bk_js_string(ctx, when, strlen(when));
    if (bk_js_is_undefined(m) || bk_js_is_undefined(d) ||
        bk_js_set(ctx, m, "creationDateTime", d) != BK_OK ||
        bk_js_set(ctx, m, "lastUpdatedDateTime", d) != BK_OK ||
        bk_js_set(ctx, m, "keyCount", bk_js_number((double)bk_cff__kvs_count(k))) !=
            BK_OK)
        return BK_ERR;
    return settle(ctx, 1, m, ret);
}

/* cf.kvs([id]): a handle on the function's store. brink associates one
 * store per function (as CloudFront does), so any id names it. */
static int kvs(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
               const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    bk_cff_fn_t *fn = run_fn ? run_fn : load_fn;
    if (argc > 0 && !bk_js_is_undefined(argv[0]) && !bk_js_is_string(argv[0]))
        return bk_js_throw(ctx, "TypeError", "The KeyValueStore id must be a string");
    if (fn == NULL || fn->kvs == NULL)
        return bk_js_throw(ctx, "Error",
                           "No KeyValueStore is associated with this function");
    bk_js_val_t h = bk_js_object(ctx);
    bk_js_val_t g = bk_js_function(ctx, "get", kvs_get, 2);
    bk_js_val_t e = bk_js_function(ctx, "exists", kvs_exists, 1);
    bk_js_val_t m = bk_js_function(ctx, "meta", kvs_meta, 0);
    if (bk_js_is_undefined(h) || bk_js_is_undefined(g) || bk_js_is_undefined(e) ||
        bk_js_is_undefined(m) || bk_js_set(ctx, h, "get", g) != BK_OK ||
        bk_js_set(ctx, h, "exists", e) != BK_OK || bk_js_set(ctx, h, "meta", m) != BK_OK)
        return BK_ERR;
    *ret = h;
    return BK_OK;
}

/* ---- the module ----------------------------------------------------------------- */

static int module_init(bk_js_ctx_t *ctx, void *data, bk_js_val_t *exports)
{
    (void)data;
    bk_js_val_t cf = bk_js_object(ctx), loc = bk_js_object(ctx);
    bk_js_val_t f = bk_js_function(ctx, "logCustomData", log_custom_data, 1);
    bk_js_val_t k = bk_js_function(ctx, "kvs", kvs, 1);
    if (bk_js_is_undefined(cf) || bk_js_is_undefined(loc) ||
        bk_js_is_undefined(f) || bk_js_is_undefined(k) ||
        bk_js_set(ctx, cf, "logCustomData", f) != BK_OK ||
        bk_js_set(ctx, cf, "kvs", k) != BK_OK ||
        bk_js_set(ctx, cf, "edgeLocation", loc) != BK_OK)
        return BK_ERR;
    *exports = cf;
    return BK_OK;
}

int bk_cff__setup(bk_js_ctx_t *ctx, void *fn)
{
    load_fn = fn; /* for cf.kvs() at top level; cleared by bk_cff_load */
    if (bk_js_runtime(ctx) != BK_JS_RUNTIME_2_0)
        return BK_OK;
    return bk_js_register_module(ctx, "cloudfront", module_init, fn);
}

void bk_cff__load_end(void) { load_fn = NULL; }

void bk_cff__run_begin(bk_cff_fn_t *fn, const bk_cff_event_t *ev, bk_arena_t *out,
                       bk_cff_result_t *res)
{
    (void)ev;
    run_fn = fn;
    run_res = res;
    run_out = out;
}

void bk_cff__run_end(bk_cff_fn_t *fn, bk_cff_result_t *res)
{
    (void)fn;
    (void)res;
    run_fn = NULL;
    run_res = NULL;
    run_out = NULL;
}
