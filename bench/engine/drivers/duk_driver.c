/* Duktape peer driver for the engine suite (Debian duktape-dev, 2.7).
 *
 *   duk_driver iso|warm TARGET_MS ROUNDS FILE.js
 *
 * FILE.js is a workload already assembled by bench/engine (prelude +
 * workload + harness): it defines __bench_run() and BENCH_EXPECT.
 * warm: one heap; the program runs once, then each invocation calls
 *       __bench_run() and compares its result with BENCH_EXPECT.
 * iso:  each invocation creates a fresh heap, loads the program from
 *       Duktape bytecode dumped once at start (so parsing is not counted;
 *       the most favourable isolated setup Duktape offers), runs its top
 *       level, calls __bench_run(), checks the result, destroys the heap. */
#include "drv_common.h"

#include <duktape.h>

typedef struct {
    duk_context *ctx;   /* warm: the one heap */
    void *bytecode;     /* iso: program dumped by duk_dump_function */
    size_t bytecode_len;
    char *expect;
} duk_state_t;

static int call_bench(duk_context *ctx, const char *expect)
{
    int rc = 0;
    duk_get_global_string(ctx, "__bench_run");
    if (duk_pcall(ctx, 0) != DUK_EXEC_SUCCESS) {
        drv_set_got(duk_safe_to_string(ctx, -1));
        rc = -1;
    } else {
        const char *got = duk_get_string(ctx, -1);
        if (!got || strcmp(got, expect) != 0) {
            drv_set_got(got ? got : duk_safe_to_string(ctx, -1));
            rc = 1;
        }
    }
    duk_pop(ctx);
    return rc;
}

static int invoke_warm(void *p)
{
    duk_state_t *st = p;
    return call_bench(st->ctx, st->expect);
}

static int load_program(duk_context *ctx, const void *bc, size_t len)
{
    void *buf = duk_push_fixed_buffer(ctx, len);
    memcpy(buf, bc, len);
    duk_load_function(ctx);
    if (duk_pcall(ctx, 0) != DUK_EXEC_SUCCESS) {
        drv_set_got(duk_safe_to_string(ctx, -1));
        duk_pop(ctx);
        return -1;
    }
    duk_pop(ctx);
    return 0;
}

static int invoke_iso(void *p)
{
    duk_state_t *st = p;
    duk_context *ctx = duk_create_heap_default();
    if (!ctx) {
        drv_set_got("duk_create_heap failed");
        return -1;
    }
    int rc = load_program(ctx, st->bytecode, st->bytecode_len);
    if (rc == 0)
        rc = call_bench(ctx, st->expect);
    duk_destroy_heap(ctx);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s iso|warm TARGET_MS ROUNDS FILE.js\n",
                argv[0]);
        return 2;
    }
    int iso = strcmp(argv[1], "iso") == 0;
    double target_ms = atof(argv[2]);
    int rounds = atoi(argv[3]);
    size_t len;
    char *src = drv_read_file(argv[4], &len);
    if (!src)
        return 2;

    duk_state_t st = {0};
    duk_context *ctx = duk_create_heap_default();
    if (duk_pcompile_lstring(ctx, 0, src, len) != 0) {
        drv_set_got(duk_safe_to_string(ctx, -1));
        drv_fail("syntax error");
        return 1;
    }
    if (iso) {
        /* Dump before running: the dump holds the program, not its state. */
        duk_dup(ctx, -1);
        duk_dump_function(ctx);
        duk_size_t blen;
        void *b = duk_get_buffer_data(ctx, -1, &blen);
        st.bytecode = malloc(blen);
        memcpy(st.bytecode, b, blen);
        st.bytecode_len = blen;
        duk_pop(ctx);
    }
    if (duk_pcall(ctx, 0) != DUK_EXEC_SUCCESS) {
        drv_set_got(duk_safe_to_string(ctx, -1));
        drv_fail("exception at load");
        return 1;
    }
    duk_pop(ctx);
    duk_get_global_string(ctx, "BENCH_EXPECT");
    st.expect = strdup(duk_safe_to_string(ctx, -1));
    duk_pop(ctx);
    st.ctx = ctx;

    int rc = drv_run(iso ? invoke_iso : invoke_warm, &st, target_ms, rounds);
    duk_destroy_heap(ctx);
    free(st.bytecode);
    free(st.expect);
    free(src);
    return rc;
}
