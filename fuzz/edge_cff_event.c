/*
 * edge_cff_event.c: fuzz target for the CloudFront Functions runtime's event
 * path: a test event (the JSON `brink test-function --event-object` reads)
 * is parsed, built into the JS event object, handed to one of a few fixed
 * handlers, and the result read back and validated - the code every run of
 * `brink serve` goes through. The first input byte picks the handler and
 * the runtime; the rest is the event. Any outcome but a crash, a hang or a
 * sanitizer report is fine.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "edge/cff.h"

/* Handlers that return the event unchanged, change and add fields,
 * rebuild maps, and answer with a generated response. */
static const char *const handlers[] = {
    "function handler(e) { return e.request || e.response; }",
    "function handler(e) { var r = e.request || e.response, h = r.headers;"
    "  for (var k in h) { if (h[k].multiValue) h[k].multiValue.reverse();"
    "    else h[k].value = h[k].value + 'x'; }"
    "  h['x-added'] = {value: 'a'}; return r; }",
    "function handler(e) { var r = e.request || e.response, n = {};"
    "  Object.keys(r.headers).sort().forEach(function (k) { n[k] = r.headers[k]; });"
    "  r.headers = n; if (r.cookies) { var c = {};"
    "  for (var k in r.cookies) c[k + '2'] = r.cookies[k]; r.cookies = c; }"
    "  if (e.request && e.request.querystring) e.request.querystring.q = {value: '1'};"
    "  return r; }",
    "function handler(e) { return {statusCode: 302, statusDescription: 'Found',"
    "  headers: {location: {value: 'https://x' + (e.request ? e.request.uri : '/')}},"
    "  cookies: {s: {value: '1', attributes: 'Path=/'}},"
    "  body: {encoding: 'base64', data: 'aGk='}}; }",
};

static bk_cff_fn_t *fns[2][sizeof(handlers) / sizeof(handlers[0])];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64 * 1024)
        return 0;
    size_t nh = sizeof(handlers) / sizeof(handlers[0]);
    unsigned h = data[0] % nh, rt = (data[0] / nh) & 1;
    char err[512];
    if (fns[rt][h] == NULL) {
        fns[rt][h] = bk_cff_load("fuzz", handlers[h], strlen(handlers[h]),
                                 rt ? BK_JS_RUNTIME_1_0 : BK_JS_RUNTIME_2_0, NULL,
                                 err, sizeof(err));
        if (fns[rt][h] == NULL) {
            fprintf(stderr, "handler %u does not load: %s\n", h, err);
            __builtin_trap();
        }
    }
    bk_arena_t a, out;
    bk_arena_init(&a, 0, 0);
    bk_arena_init(&out, 0, 0);
    bk_cff_event_t ev;
    if (bk_cff_event_from_json((const char *)data + 1, size - 1, "fuzz", &a, &ev, err,
                               sizeof(err)) == BK_OK) {
        bk_js_ctx_t *ctx = bk_cff_ctx_new(fns[rt][h]);
        if (ctx != NULL) {
            for (int i = 0; i < 2; i++) {
                bk_cff_result_t res;
                (void)bk_cff_run(fns[rt][h], ctx, &ev, &out, &res);
                bk_arena_reset(&out);
            }
            bk_js_ctx_free(ctx);
        }
    }
    bk_arena_destroy(&out);
    bk_arena_destroy(&a);
    return 0;
}
