/*
 * cff_module.c: the `cloudfront` module of runtime 2.0 (reference §7) and
 * the per-run state it keeps (logCustomData, origin changes).
 *
 * XXX: kvs() needs Promise creation from natives, which the engine's
 * embedding API does not offer yet; until it does, `import cf from
 * 'cloudfront'` provides edgeLocation and logCustomData only, and
 * docs/compat.md says so.
 */
#include <string.h>

#include "edge/cff_int.h"

static __thread bk_cff_result_t *run_res;
static __thread bk_arena_t *run_out;

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

static int module_init(bk_js_ctx_t *ctx, void *data, bk_js_val_t *exports)
{
    (void)data;
    bk_js_val_t cf = bk_js_object(ctx), loc = bk_js_object(ctx);
    bk_js_val_t f = bk_js_function(ctx, "logCustomData", log_custom_data, 1);
    if (bk_js_is_undefined(cf) || bk_js_is_undefined(loc) ||
        bk_js_is_undefined(f) || bk_js_set(ctx, cf, "logCustomData", f) != BK_OK ||
        bk_js_set(ctx, cf, "edgeLocation", loc) != BK_OK)
        return BK_ERR;
    *exports = cf;
    return BK_OK;
}

int bk_cff__setup(bk_js_ctx_t *ctx, void *fn)
{
    (void)fn;
    if (bk_js_runtime(ctx) != BK_JS_RUNTIME_2_0)
        return BK_OK;
    return bk_js_register_module(ctx, "cloudfront", module_init, fn);
}

void bk_cff__run_begin(bk_cff_fn_t *fn, const bk_cff_event_t *ev, bk_arena_t *out,
                       bk_cff_result_t *res)
{
    (void)fn;
    (void)ev;
    run_res = res;
    run_out = out;
}

void bk_cff__run_end(bk_cff_fn_t *fn, bk_cff_result_t *res)
{
    (void)fn;
    (void)res;
    run_res = NULL;
    run_out = NULL;
}
