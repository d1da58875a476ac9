/* brink's engine driver for the engine suite, through the embedding API of
 * src/js/js.h - the same calls src/edge makes per request.
 *
 *   brink_driver iso|warm TARGET_MS ROUNDS FILE.js
 *
 * FILE.js is an assembled workload (defines __bench_run and BENCH_EXPECT);
 * bk_js_load() runs its top level once into the template.
 * iso:  per invocation bk_js_begin(), call __bench_run(), read the result
 *       back as UTF-8, compare with BENCH_EXPECT, bk_js_end() - the full
 *       cost of an isolated invocation.
 * warm: one invocation per batch; __bench_run() called repeatedly inside
 *       it (memory is only released by bk_js_end(): there is no GC).
 * No memory cap and an unreachable compute budget, like `brink js
 * --no-limits`.
 * Built by bench/engine/suite.py against build/lib/libbk_js.a; prints the
 * JSON line of drv_common.h. */
#include "drv_common.h"

#include <stdint.h>

#include "js/js.h"

typedef struct {
    bk_js_ctx_t *ctx;
    const char *expect;
    size_t expect_len;
    int iso;
} brink_state_t;

static int call_bench(brink_state_t *st)
{
    bk_js_val_t f = bk_js_get_global(st->ctx, "__bench_run"), ret;
    if (bk_js_call(st->ctx, f, bk_js_undefined(), 0, NULL, &ret) != BK_OK) {
        const char *e = bk_js_exception_str(st->ctx);
        drv_set_got(e ? e : "(exception)");
        return -1;
    }
    size_t n;
    const char *got = bk_js_is_string(ret) ? bk_js_to_utf8(st->ctx, ret, &n)
                                            : NULL;
    if (!got || n != st->expect_len || memcmp(got, st->expect, n) != 0) {
        drv_set_got(got ? got : "(not a string)");
        return 1;
    }
    return 0;
}

static void batch_begin(void *p)
{
    bk_js_begin(((brink_state_t *)p)->ctx);
}

static void batch_end(void *p)
{
    bk_js_end(((brink_state_t *)p)->ctx);
}

static int invoke(void *p)
{
    brink_state_t *st = p;
    if (!st->iso)
        return call_bench(st);
    bk_js_begin(st->ctx);
    int rc = call_bench(st);
    bk_js_end(st->ctx);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s iso|warm TARGET_MS ROUNDS FILE.js\n",
                argv[0]);
        return 2;
    }
    brink_state_t st = {0};
    st.iso = strcmp(argv[1], "iso") == 0;
    double target_ms = atof(argv[2]);
    int rounds = atoi(argv[3]);
    size_t len;
    char *src = drv_read_file(argv[4], &len);
    if (!src)
        return 2;

    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.runtime = BK_JS_RUNTIME_2_0;
    o.memory_limit = SIZE_MAX;
    o.compute_budget = UINT64_MAX;
    o.filename = argv[4];
    char err[512];
    bk_js_prog_t *prog = bk_js_load(src, len, &o, err, sizeof err);
    if (!prog) {
        drv_set_got(err);
        drv_fail("load failed");
        return 1;
    }
    st.ctx = bk_js_ctx_new(prog);
    if (!st.ctx) {
        drv_set_got("bk_js_ctx_new failed");
        drv_fail("exception");
        return 1;
    }

    /* BENCH_EXPECT is read once, inside an invocation, and copied out. */
    bk_js_begin(st.ctx);
    size_t n = 0;
    const char *e = bk_js_to_utf8(st.ctx,
                                  bk_js_get_global(st.ctx, "BENCH_EXPECT"), &n);
    char *expect = malloc(n + 1);
    memcpy(expect, e ? e : "", e ? n : 0);
    expect[e ? n : 0] = '\0';
    bk_js_end(st.ctx);
    st.expect = expect;
    st.expect_len = strlen(expect);

    if (!st.iso) {
        drv_batch_begin = batch_begin;
        drv_batch_end = batch_end;
    }
    int rc = drv_run(invoke, &st, target_ms, rounds);
    bk_js_ctx_free(st.ctx);
    bk_js_prog_free(prog);
    free(expect);
    free(src);
    return rc;
}
