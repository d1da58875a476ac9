/*
 * test_vm_switch.c: the interpreter built with switch dispatch
 * (BK_JS_SWITCH) instead of computed goto runs the same programs. The VM
 * source is compiled into this test, so its symbols take the place of the
 * library's vm.o.
 */
#define BK_JS_SWITCH 1
#include "js/vm.c"

#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/buf.h"

static bk_buf_t out;

static void capture(void *data, const char *line, size_t n)
{
    (void)data;
    assert_int_equal(bk_buf_append(&out, line, n), BK_OK);
    assert_int_equal(bk_buf_putc(&out, '\n'), BK_OK);
}

static void run_src(const char *src, const char *want)
{
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.log = capture;
    char err[256];
    bk_buf_clear(&out);
    bk_js_prog_t *p = bk_js_load(src, strlen(src), &o, err, sizeof(err));
    if (p == NULL)
        fail_msg("load failed: %s", err);
    assert_int_equal(bk_buf_putc(&out, 0), BK_OK);
    assert_string_equal((char *)out.p, want);
    bk_js_prog_free(p);
}

static void test_switch_dispatch(void **state)
{
    (void)state;
    run_src("let s = 0; for (let i = 0; i < 1000; i++) s += i % 7;"
            "console.log(s)",
            "2997\n");
    run_src("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }"
            "console.log(fib(20))",
            "6765\n");
    run_src("class P { constructor(x) { this.x = x } m() { return this.x } }"
            "class Q extends P { m() { return super.m() * 2 } }"
            "try { null.f } catch (e) { console.log(e.name, new Q(21).m()) }",
            "TypeError 42\n");
    run_src("function* g() { yield* [1, 2]; } (async () => {"
            " for (const v of g()) console.log(await v) })()",
            "1\n2\n");
}

static void test_switch_budget(void **state)
{
    (void)state;
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.compute_budget = 10000;
    const char *src = "function handler() { for (;;) {} }";
    char err[256];
    bk_js_prog_t *p = bk_js_load(src, strlen(src), &o, err, sizeof(err));
    assert_non_null(p);
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    bk_js_begin(ctx);
    bk_js_val_t r;
    assert_int_equal(bk_js_call(ctx, bk_js_get_global(ctx, "handler"),
                                bk_js_undefined(), 0, NULL, &r),
                     BK_ERR);
    assert_int_equal(bk_js_limit_hit(ctx), BK_JS_LIMIT_COMPUTE);
    bk_js_end(ctx);
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
}

int main(void)
{
    bk_buf_init(&out, NULL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switch_dispatch),
        cmocka_unit_test(test_switch_budget),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    bk_buf_free(&out);
    return rc;
}
