/*
 * invoke.c: the cost of an isolated invocation through js.h, in ns.
 *
 *   cc -O2 -Isrc bench/js/invoke.c build/lib/libbk_js.a build/lib/libbk_core.a -lpcre2-16 -lpcre2-8 -lcrypto -lm -o build/js_invoke
 *   build/js_invoke [N]
 *
 * Prints the median over 11 rounds of N iterations (default 200000), in
 * thread CPU time, of:
 *   empty:    bk_js_begin() + bk_js_end() with nothing run;
 *   trivial:  begin, call handler(event) returning its argument, end;
 *   rewrite:  begin, build a CloudFront-style event object from C (uri and
 *             three headers), call a URI-rewrite handler that reads and
 *             writes headers, read the uri back as UTF-8, end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "js/js.h"

static const char *src =
    "function trivial(e) { return e; }\n"
    "function handler(event) {\n"
    "  var request = event.request;\n"
    "  var headers = request.headers;\n"
    "  var uri = request.uri;\n"
    "  if (uri.endsWith('/')) request.uri += 'index.html';\n"
    "  else if (!uri.includes('.')) request.uri += '/index.html';\n"
    "  if (headers['x-device'] && headers['x-device'].value === 'mobile')\n"
    "    request.uri = '/m' + request.uri;\n"
    "  headers['x-rewritten'] = { value: 'true' };\n"
    "  if (headers.host) headers['x-orig-host'] = { value: headers.host.value };\n"
    "  return request;\n"
    "}\n";

/* CPU time of this thread: the machine is shared, and wall time counts
 * whatever else runs; the median of CPU time is what the code costs. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static bk_js_val_t hdr(bk_js_ctx_t *ctx, const char *v)
{
    bk_js_val_t o = bk_js_object(ctx);
    if (bk_js_set(ctx, o, "value", bk_js_string(ctx, v, strlen(v))) != BK_OK)
        abort();
    return o;
}

static void run(bk_js_ctx_t *ctx, int mode)
{
    bk_js_begin(ctx);
    if (mode == 1) {
        bk_js_val_t f = bk_js_get_global(ctx, "trivial"), r;
        bk_js_val_t a = bk_js_number(1);
        if (bk_js_call(ctx, f, bk_js_undefined(), 1, &a, &r) != BK_OK)
            abort();
    } else if (mode == 2) {
        bk_js_val_t ev = bk_js_object(ctx), req = bk_js_object(ctx);
        bk_js_val_t h = bk_js_object(ctx), r, uri;
        if (bk_js_set(ctx, h, "host", hdr(ctx, "example.com")) != BK_OK ||
            bk_js_set(ctx, h, "x-device", hdr(ctx, "mobile")) != BK_OK ||
            bk_js_set(ctx, h, "accept", hdr(ctx, "*/*")) != BK_OK ||
            bk_js_set(ctx, req, "uri", bk_js_string(ctx, "/docs", 5)) != BK_OK ||
            bk_js_set(ctx, req, "headers", h) != BK_OK ||
            bk_js_set(ctx, ev, "request", req) != BK_OK)
            abort();
        bk_js_val_t f = bk_js_get_global(ctx, "handler");
        if (bk_js_call(ctx, f, bk_js_undefined(), 1, &ev, &r) != BK_OK ||
            bk_js_get(ctx, r, "uri", &uri) != BK_OK)
            abort();
        size_t n;
        const char *s = bk_js_to_utf8(ctx, uri, &n);
        if (s == NULL || strcmp(s, "/m/docs/index.html") != 0)
            abort();
    }
    bk_js_end(ctx);
}

int main(int argc, char **argv)
{
    long iters = argc > 1 ? atol(argv[1]) : 200000;
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    char err[256];
    bk_js_prog_t *p = bk_js_load(src, strlen(src), &o, err, sizeof(err));
    if (p == NULL) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    static const char *names[] = {"empty", "trivial", "rewrite"};
    for (int mode = 0; mode < 3; mode++) {
        double t[11];
        for (int r = 0; r < 11; r++) {
            double t0 = now();
            for (long i = 0; i < iters; i++)
                run(ctx, mode);
            t[r] = (now() - t0) / (double)iters;
        }
        qsort(t, 11, sizeof(double), cmp);
        printf("%-8s %8.1f ns/invocation (median of 11 x %ld)\n", names[mode],
               t[5], iters);
    }
    bk_js_ctx_free(ctx);
    bk_js_prog_free(p);
    return 0;
}
