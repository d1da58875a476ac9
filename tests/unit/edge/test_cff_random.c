/* test_cff_random.c: randomized test events and handler results through
 * the whole test-function path (bk_cff_event_from_json, bk_cff_run,
 * bk_cff_output_json), checking invariants instead of exact answers:
 * nothing crashes (ASan/UBSan in `make test SAN=1`), a load error names
 * the file, an outcome is OK exactly when the message is empty, and
 * FunctionOutput is valid JSON with the documented top-level keys.
 * Seeded, so a failure replays. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edge/cff.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static const char *const seeds[] = {
    "{\"version\":\"1.0\",\"context\":{\"eventType\":\"viewer-request\"},"
    "\"viewer\":{\"ip\":\"198.51.100.1\"},\"request\":{\"method\":\"GET\","
    "\"uri\":\"/a/b\",\"querystring\":{\"q\":{\"value\":\"1\",\"multiValue\":"
    "[{\"value\":\"1\"},{\"value\":\"2\"}]}},\"headers\":{\"host\":{\"value\":"
    "\"example.com\"},\"accept\":{\"value\":\"*/*\"}},\"cookies\":{\"s\":"
    "{\"value\":\"x\"}}}}",
    "{\"version\":\"1.0\",\"context\":{\"eventType\":\"viewer-response\"},"
    "\"viewer\":{\"ip\":\"198.51.100.1\"},\"request\":{\"method\":\"GET\","
    "\"uri\":\"/\",\"querystring\":{},\"headers\":{\"host\":{\"value\":"
    "\"example.com\"}},\"cookies\":{}},\"response\":{\"statusCode\":200,"
    "\"statusDescription\":\"OK\",\"headers\":{\"content-type\":{\"value\":"
    "\"text/html\"},\"via\":{\"value\":\"1.1 x\"}},\"cookies\":{\"id\":"
    "{\"value\":\"1\",\"attributes\":\"Path=/\",\"multiValue\":[{\"value\":"
    "\"1\",\"attributes\":\"Path=/\"},{\"value\":\"2\"}]}}}}",
};

static const char *const inserts[] = {
    "\"", "{", "}", "[", "]", ",", ":", "null", "1e999", "-1", "\"\\u0000\"",
    "\"\\ud800\"", "\"multiValue\":[]", "\"value\":7", "\"attributes\":1", "true",
    "{\"value\":\"\\r\\n\"}", "\"X-Up\"", "\xff", "\"a\":{\"value\":\"b\"}",
};

/* A mutation of one of the seeds into buf; its length. */
static size_t mutate(char *buf, size_t cap)
{
    const char *s = seeds[rnd(BK_COUNTOF(seeds))];
    size_t n = strlen(s);
    memcpy(buf, s, n);
    for (uint32_t k = rnd(4); k > 0; k--) {
        size_t at = rnd((uint32_t)n + 1);
        switch (rnd(3)) {
        case 0: { /* delete a few bytes */
            size_t d = 1 + rnd(6);
            if (at + d > n)
                d = n - at;
            memmove(buf + at, buf + at + d, n - at - d);
            n -= d;
            break;
        }
        case 1: { /* insert a token */
            const char *t = inserts[rnd(BK_COUNTOF(inserts))];
            size_t tn = strlen(t);
            if (n + tn >= cap)
                break;
            memmove(buf + at + tn, buf + at, n - at);
            memcpy(buf + at, t, tn);
            n += tn;
            break;
        }
        default: /* flip a byte */
            if (at < n)
                buf[at] = (char)rnd(256);
        }
    }
    return n;
}

/* Handlers that return odd but plausible things. */
static const char *const handlers[] = {
    "function handler(e) { return e.request; }",
    "function handler(e) { return e.response || e.request; }",
    "function handler(e) { var r = e.request; r.headers['x-a'] = {value: r.uri};"
    " r.querystring.q = {value: 'z', multiValue: [{value: 'z'}, {value: 'y'}]};"
    " return r; }",
    "function handler(e) { return {statusCode: 302, headers: {location: {value: '/x'}},"
    " cookies: {c: {value: 'v', attributes: 'Secure'}}, body: 'moved'}; }",
    "function handler(e) { var r = e.response; if (!r) return e.request;"
    " r.cookies.id.value = 'new'; r.statusCode = 404; return r; }",
    "async function handler(e) { await null; var r = e.request;"
    " for (var k in r.headers) r.headers[k].value += '!'; return r; }",
    "function handler(e) { var r = e.request; r.uri = r.uri + '?'; return r; }",
    "function handler(e) { return {statusCode: 200, body: {encoding: 'base64',"
    " data: 'aGk='}}; }",
};

static void random_events_and_results(void **state)
{
    (void)state;
    bk_cff_fn_t *fns[BK_COUNTOF(handlers)];
    bk_js_ctx_t *ctxs[BK_COUNTOF(handlers)];
    char err[1024];
    for (size_t i = 0; i < BK_COUNTOF(handlers); i++) {
        fns[i] = bk_cff_load("r", handlers[i], strlen(handlers[i]), BK_JS_RUNTIME_2_0,
                             NULL, err, sizeof(err));
        assert_non_null(fns[i]);
        ctxs[i] = bk_cff_ctx_new(fns[i]);
        assert_non_null(ctxs[i]);
    }
    char buf[4096];
    int loaded = 0, ok = 0;
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = mutate(buf, sizeof(buf));
        bk_arena_t a;
        bk_arena_init(&a, 0, 0);
        bk_cff_event_t ev;
        if (bk_cff_event_from_json(buf, n, "ev.json", &a, &ev, err, sizeof(err)) !=
            BK_OK) {
            assert_memory_equal(err, "ev.json: ", 9);
            bk_arena_destroy(&a);
            continue;
        }
        loaded++;
        size_t h = rnd(BK_COUNTOF(handlers));
        bk_cff_result_t res;
        int rc = bk_cff_run(fns[h], ctxs[h], &ev, &a, &res);
        assert_non_null(res.message);
        assert_int_equal(rc == BK_OK, res.outcome == BK_CFF_OK);
        assert_int_equal(res.outcome == BK_CFF_OK, res.message[0] == '\0');
        assert_true(res.utilization <= 100);
        if (res.outcome == BK_CFF_OK) {
            ok++;
            bk_buf_t out;
            bk_buf_init(&out, &a);
            assert_int_equal(bk_cff_output_json(&res, &out), BK_OK);
            json_error_t je;
            json_t *j = json_loadb((const char *)out.p, out.n, 0, &je);
            if (j == NULL)
                fail_msg("FunctionOutput is not JSON (%s): %.*s", je.text, (int)out.n,
                         (const char *)out.p);
            assert_int_equal(json_object_size(j), 1);
            assert_true(json_object_get(j, res.is_response ? "response" : "request") !=
                        NULL);
            json_decref(j);
        }
        bk_arena_destroy(&a);
    }
    /* The mutations must leave enough valid events to exercise the run. */
    print_message("%d of 20000 events loaded, %d runs OK\n", loaded, ok);
    assert_true(loaded > 2000);
    assert_true(ok > 500);
    for (size_t i = 0; i < BK_COUNTOF(handlers); i++) {
        bk_js_ctx_free(ctxs[i]);
        bk_cff_free(fns[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_events_and_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
