/* MuJS peer driver for the engine suite (Debian libmujs-dev, 1.3).
 *
 *   mujs_driver iso|warm TARGET_MS ROUNDS FILE.js
 *
 * Same contract as duk_driver.c. warm: one state, the program run once,
 * each invocation calls __bench_run(). iso: each invocation creates a fresh
 * state (JS_STRICT), compiles and runs the program, calls __bench_run(),
 * checks the result and frees the state. MuJS has no bytecode cache, so the
 * isolated figure includes parsing the source. */
#include "drv_common.h"

#include <mujs.h>

typedef struct {
    js_State *J;        /* warm: the one state */
    const char *src;
    char *expect;
} mujs_state_t;

static void report_quiet(js_State *J, const char *msg)
{
    (void)J;
    (void)msg;
}

static int call_bench(js_State *J, const char *expect)
{
    int rc = 0;
    js_getglobal(J, "__bench_run");
    js_pushundefined(J);
    if (js_pcall(J, 0)) {
        drv_set_got(js_trystring(J, -1, "(error)"));
        rc = -1;
    } else {
        const char *got = js_isstring(J, -1) ? js_tostring(J, -1) : NULL;
        if (!got || strcmp(got, expect) != 0) {
            drv_set_got(js_trystring(J, -1, "(not a string)"));
            rc = 1;
        }
    }
    js_pop(J, 1);
    return rc;
}

static int load_program(js_State *J, const char *src)
{
    if (js_ploadstring(J, "workload.js", src)) {
        drv_set_got(js_trystring(J, -1, "(error)"));
        js_pop(J, 1);
        return -1;
    }
    js_pushundefined(J);
    if (js_pcall(J, 0)) {
        drv_set_got(js_trystring(J, -1, "(error)"));
        js_pop(J, 1);
        return -1;
    }
    js_pop(J, 1);
    return 0;
}

static int invoke_warm(void *p)
{
    mujs_state_t *st = p;
    return call_bench(st->J, st->expect);
}

static int invoke_iso(void *p)
{
    mujs_state_t *st = p;
    js_State *J = js_newstate(NULL, NULL, JS_STRICT);
    if (!J) {
        drv_set_got("js_newstate failed");
        return -1;
    }
    js_setreport(J, report_quiet);
    int rc = load_program(J, st->src);
    if (rc == 0)
        rc = call_bench(J, st->expect);
    js_freestate(J);
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

    mujs_state_t st = {0};
    st.src = src;
    js_State *J = js_newstate(NULL, NULL, JS_STRICT);
    js_setreport(J, report_quiet);
    if (load_program(J, src) != 0) {
        drv_fail("exception at load");
        return 1;
    }
    js_getglobal(J, "BENCH_EXPECT");
    st.expect = strdup(js_trystring(J, -1, ""));
    js_pop(J, 1);
    st.J = J;

    int rc = drv_run(iso ? invoke_iso : invoke_warm, &st, target_ms, rounds);
    js_freestate(J);
    free(st.expect);
    free(src);
    return rc;
}
