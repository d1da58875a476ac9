/* brink's CloudFront Functions runtime driver (issue 5's in-process
 * target): the typical viewer-request function run through src/edge/cff.h
 * exactly as `brink serve` runs it - the JS event object built from the
 * C event model, the handler called, the result read back, written back
 * and validated - timed per run.
 *
 *   cff_driver TARGET_MS ROUNDS FUNCTION.js EVENT.json EXPECT_URI
 *
 * Each run must end BK_CFF_OK with the request's URI equal to EXPECT_URI
 * and an x-device header, or the driver reports a wrong answer. The
 * output arena is reset between runs, as the server's request arena is
 * per request. Prints the JSON line of drv_common.h. */
#include "drv_common.h"

#include "core/arena.h"
#include "core/buf.h"
#include "edge/cff.h"

typedef struct {
    bk_cff_fn_t *fn;
    bk_js_ctx_t *ctx;
    bk_cff_event_t ev;
    bk_arena_t out;
    bk_str_t expect;
} cff_state_t;

static int invoke(void *p)
{
    cff_state_t *st = p;
    bk_cff_result_t res;
    memset(&res, 0, sizeof(res));
    bk_arena_reset(&st->out);
    if (bk_cff_run(st->fn, st->ctx, &st->ev, &st->out, &res) != BK_OK) {
        drv_set_got(res.message ? res.message : "(run failed)");
        return -1;
    }
    if (res.is_response || !bk_str_eq(res.req.uri, st->expect) ||
        !bk_cff_map_find(&res.req.headers, BK_STR("x-device"))) {
        char got[256];
        snprintf(got, sizeof got, "uri %.*s", BK_STR_FMT(res.req.uri));
        drv_set_got(got);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s TARGET_MS ROUNDS FUNCTION.js EVENT.json "
                        "EXPECT_URI\n", argv[0]);
        return 2;
    }
    cff_state_t st;
    memset(&st, 0, sizeof(st));
    double target_ms = atof(argv[1]);
    int rounds = atoi(argv[2]);
    bk_buf_t code, evjson;
    bk_buf_init(&code, NULL);
    bk_buf_init(&evjson, NULL);
    if (bk_buf_read_file(&code, argv[3]) != BK_OK ||
        bk_buf_read_file(&evjson, argv[4]) != BK_OK) {
        drv_set_got("cannot read the function or the event");
        drv_fail("exception");
        return 2;
    }
    bk_arena_t evarena;
    bk_arena_init(&evarena, 65536, 0);
    bk_arena_init(&st.out, 65536, 0);
    char err[1024];
    if (bk_cff_event_from_json((const char *)evjson.p, evjson.n, argv[4],
                               &evarena, &st.ev, err, sizeof err) != BK_OK) {
        drv_set_got(err);
        drv_fail("exception");
        return 1;
    }
    st.fn = bk_cff_load("bench", (const char *)code.p, code.n,
                        BK_JS_RUNTIME_2_0, NULL, err, sizeof err);
    if (!st.fn) {
        drv_set_got(err);
        drv_fail("load failed");
        return 1;
    }
    st.ctx = bk_cff_ctx_new(st.fn);
    if (!st.ctx) {
        drv_set_got("bk_cff_ctx_new failed");
        drv_fail("exception");
        return 1;
    }
    st.expect = bk_str_c(argv[5]);
    int rc = drv_run(invoke, &st, target_ms, rounds);
    bk_js_ctx_free(st.ctx);
    bk_cff_free(st.fn);
    bk_arena_destroy(&st.out);
    bk_arena_destroy(&evarena);
    bk_buf_free(&code);
    bk_buf_free(&evjson);
    return rc;
}
