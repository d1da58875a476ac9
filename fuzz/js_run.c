/*
 * js_run.c: fuzz target for compile + run with small limits. The input is
 * a script; it is loaded (compiled, top level run) under a 256 KB memory
 * cap and a small compute budget, then, if it defines `handler`, invoked
 * twice in a context, with the invocation's own small limits. Any outcome
 * but a crash or a hang is fine: syntax errors, exceptions and limits end
 * the run cleanly.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "js/js.h"

static void drop(void *data, const char *line, size_t n)
{
    (void)data;
    (void)line;
    (void)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.runtime = size && (data[0] & 1) ? BK_JS_RUNTIME_1_0 : BK_JS_RUNTIME_2_0;
    o.memory_limit = 256 * 1024;
    o.template_limit = 4 << 20;
    o.compute_budget = 200000;
    o.load_budget = 2000000;
    o.max_depth = 200;
    o.log = drop;
    char err[256];
    bk_js_prog_t *p = bk_js_load((const char *)data, size, &o, err,
                                 sizeof(err));
    if (p == NULL)
        return 0;
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    if (ctx != NULL) {
        for (int i = 0; i < 2; i++) {
            bk_js_begin(ctx);
            bk_js_val_t f = bk_js_get_global(ctx, "handler"), r;
            bk_js_val_t ev = bk_js_object(ctx);
            if (bk_js_is_function(f) &&
                bk_js_call(ctx, f, bk_js_undefined(), 1, &ev, &r) == BK_OK) {
                size_t n;
                (void)bk_js_to_utf8(ctx, r, &n);
                if (bk_js_run_jobs(ctx) != BK_OK)
                    (void)bk_js_exception_str(ctx);
            } else {
                (void)bk_js_exception_str(ctx);
            }
            bk_js_end(ctx);
        }
        bk_js_ctx_free(ctx);
    }
    bk_js_prog_free(p);
    return 0;
}
