/* test_cff_rules.c: CloudFront's rules on what a function returns
 * (cloudfront-functions.md §3-§5, §8), run in process through the runtime
 * API the server uses (bk_cff_load / bk_cff_run): every disallowed header
 * and every read-only header per event, the read-only method, how a run
 * ends (validation vs execution vs limit), the log cap, and the KVS file
 * limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edge/cff.h"

static bk_arena_t arena;

static int setup(void **state)
{
    (void)state;
    bk_arena_init(&arena, 0, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    bk_arena_destroy(&arena);
    return 0;
}

static void add(bk_cff_map_t *m, const char *name, const char *value)
{
    assert_int_equal(bk_cff_map_add(&arena, m, bk_str_c(name), bk_str_c(value)), BK_OK);
}

/* A viewer-request (or -response) event with the headers a real request
 * has, read-only ones included. */
static void make_event(bk_cff_event_t *ev, bk_cff_event_type_t type)
{
    memset(ev, 0, sizeof(*ev));
    ev->type = type;
    ev->dist_id = BK_STR("EDFDVBD6EXAMPLE");
    ev->request_id = BK_STR("req-1");
    ev->viewer_ip = BK_STR("198.51.100.7");
    ev->req.method = BK_STR("POST");
    ev->req.uri = BK_STR("/upload");
    add(&ev->req.headers, "host", "www.example.com");
    add(&ev->req.headers, "content-length", "5");
    add(&ev->req.headers, "via", "1.1 proxy");
    add(&ev->req.headers, "cdn-loop", "other-cdn");
    add(&ev->req.headers, "transfer-encoding", "identity");
    add(&ev->req.headers, "user-agent", "test");
    add(&ev->req.qs, "a", "1");
    if (type == BK_CFF_VIEWER_RESPONSE) {
        ev->resp.status = 200;
        ev->resp.status_desc = BK_STR("OK");
        ev->resp.has_desc = 1;
        add(&ev->resp.headers, "content-type", "text/plain");
        add(&ev->resp.headers, "via", "1.1 abc.cloudfront.net (CloudFront)");
        add(&ev->resp.headers, "warning", "110 - stale");
        add(&ev->resp.headers, "content-length", "10");
        add(&ev->resp.headers, "host", "origin.example.com");
    }
}

/* Runs 'src' on 'ev'; the result lives in the test arena. */
static bk_cff_outcome_t run_js(const char *src, bk_js_runtime_t rt,
                               const bk_cff_event_t *ev, bk_cff_result_t *res)
{
    char err[512];
    bk_cff_fn_t *fn = bk_cff_load("t", src, strlen(src), rt, NULL, err, sizeof(err));
    if (fn == NULL) {
        memset(res, 0, sizeof(*res));
        res->outcome = BK_CFF_EXEC_ERROR;
        res->message = bk_arena_strndup(&arena, err, strlen(err));
        return res->outcome;
    }
    bk_js_ctx_t *ctx = bk_cff_ctx_new(fn);
    assert_non_null(ctx);
    int rc = bk_cff_run(fn, ctx, ev, &arena, res);
    assert_int_equal(rc == BK_OK, res->outcome == BK_CFF_OK);
    assert_true(res->utilization <= 100);
    assert_non_null(res->message);
    assert_int_equal(res->outcome == BK_CFF_OK, res->message[0] == '\0');
    bk_js_ctx_free(ctx);
    bk_cff_free(fn);
    return res->outcome;
}

/* Fields a function leaves alone skip the per-field checks only when the
 * event's map is clean: an unchanged header with CR/LF in its value is
 * still refused (and such a map is never marked clean), while changed or
 * added fields of a clean map are checked in full. */
static void unchanged_fields_checked_unless_clean(void **state)
{
    (void)state;
    bk_cff_event_t ev;
    bk_cff_result_t res;
    make_event(&ev, BK_CFF_VIEWER_REQUEST);
    add(&ev.req.headers, "x-bad", "a\r\nInjected: 1");
    const char *keep = "function handler(e) { return e.request; }";
    assert_int_equal(run_js(keep, BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_VALIDATION_ERROR);
    assert_non_null(strstr(res.message, "x-bad"));
    bk_cff_map_mark_clean(&ev.req.headers);
    assert_false(ev.req.headers.clean);

    make_event(&ev, BK_CFF_VIEWER_REQUEST);
    bk_cff_map_mark_clean(&ev.req.headers);
    assert_true(ev.req.headers.clean);
    assert_int_equal(run_js(keep, BK_JS_RUNTIME_2_0, &ev, &res), BK_CFF_OK);
    for (uint32_t i = 0; i < res.req.headers.n; i++)
        assert_true(res.req.headers.v[i].same);
    const char *bad = "function handler(e) {"
                      " e.request.headers['user-agent'].value = 'x\\ny';"
                      " return e.request; }";
    assert_int_equal(run_js(bad, BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_VALIDATION_ERROR);
    assert_non_null(strstr(res.message, "user-agent"));
    const char *upper = "function handler(e) {"
                        " e.request.headers['X-Up'] = {value: '1'};"
                        " return e.request; }";
    assert_int_equal(run_js(upper, BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_VALIDATION_ERROR);
}

static const bk_cff_field_t *field(const bk_cff_map_t *m, const char *name)
{
    for (uint32_t i = 0; i < m->n; i++)
        if (bk_str_eq(m->v[i].name, bk_str_c(name)))
            return &m->v[i];
    return NULL;
}

static void assert_field(const bk_cff_map_t *m, const char *name, const char *value,
                         int same)
{
    const bk_cff_field_t *f = field(m, name);
    assert_non_null(f);
    assert_int_equal(f->n, 1);
    assert_true(bk_str_eq(f->items[0].value, bk_str_c(value)));
    assert_int_equal(f->same, same);
}

/* Read-back finds the event's fields by their (interned) keys and takes an
 * entry still holding the event's own string as unchanged: an entry moved
 * under another name, a value copied from another header, an entry
 * re-created around the same string, a field deleted and re-added, and an
 * unchanged multiValue must each come back as what the handler means. */
static void write_back_by_key_identity(void **state)
{
    (void)state;
    bk_cff_event_t ev;
    bk_cff_result_t res;
    make_event(&ev, BK_CFF_VIEWER_REQUEST);
    bk_cff_map_mark_clean(&ev.req.headers);
    const char *src =
        "function handler(e) { var h = e.request.headers;"
        " h['user-agent'].value = h.host.value;"
        " h.via = {value: h.via.value};"
        " var cl = h['content-length']; delete h['content-length'];"
        " h['content-length'] = cl;"
        " h['cdn-loop'].multiValue = [{value: 'other-cdn'}];"
        " h['x-new'] = {value: 'n'};"
        " return e.request; }";
    assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &ev, &res), BK_CFF_OK);
    const bk_cff_map_t *h = &res.req.headers;
    assert_int_equal(h->n, 7);
    assert_field(h, "host", "www.example.com", 1);
    assert_field(h, "user-agent", "www.example.com", 0);
    assert_field(h, "via", "1.1 proxy", 1);
    assert_field(h, "content-length", "5", 1);
    assert_field(h, "cdn-loop", "other-cdn", 1);
    assert_field(h, "transfer-encoding", "identity", 1);
    assert_field(h, "x-new", "n", 0);
    /* The order is the object's: content-length moved after cdn-loop. */
    assert_true(bk_str_eq(h->v[h->n - 2].name, BK_STR("content-length")));

    /* An event entry under another name is that name's new value: a
     * read-only header given another header's entry has changed. */
    assert_int_equal(run_js("function handler(e) { var h = e.request.headers;"
                            " h.via = h.host; return e.request; }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_VALIDATION_ERROR);
    assert_non_null(strstr(res.message, "via"));
    /* A renamed custom header: the old name is gone, the new one added. */
    assert_int_equal(run_js("function handler(e) { var h = e.request.headers;"
                            " h['x-agent'] = h['user-agent'];"
                            " delete h['user-agent']; return e.request; }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_OK);
    assert_null(field(&res.req.headers, "user-agent"));
    assert_field(&res.req.headers, "x-agent", "test", 0);
}

/* A getter the function's top level puts on Object.prototype for a field
 * the result lacks is read by read-back exactly once, as [[Get]] would:
 * the one-pass read of plain results does not apply, and nothing calls the
 * getter before the handler runs. */
static void prototype_getter_read_once(void **state)
{
    (void)state;
    bk_cff_event_t ev;
    bk_cff_result_t res;
    make_event(&ev, BK_CFF_VIEWER_REQUEST);
    const char *src =
        "var calls = 0;"
        "Object.defineProperty(Object.prototype, 'cookies', {configurable: true,"
        "  get: function () { calls++; console.log('get ' + calls);"
        "    return calls === 1 ? {late: {value: '1'}} : undefined; }});"
        "function handler(e) { delete e.request.cookies; return e.request; }";
    assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &ev, &res), BK_CFF_OK);
    assert_int_equal(res.nlogs, 1);
    assert_string_equal(res.logs[0], "get 1");
    assert_int_equal(res.req.cookies.n, 1);
    assert_true(bk_str_eq(res.req.cookies.v[0].name, BK_STR("late")));

    /* The same for a key the runtime looks at before reading the rest:
     * an inherited statusCode makes the request a generated response. */
    const char *status =
        "var calls = 0;"
        "Object.defineProperty(Object.prototype, 'statusCode', {configurable: true,"
        "  get: function () { calls++; console.log('get ' + calls);"
        "    return calls === 1 ? 302 : undefined; }});"
        "function handler(e) { return e.request; }";
    assert_int_equal(run_js(status, BK_JS_RUNTIME_2_0, &ev, &res), BK_CFF_OK);
    assert_int_equal(res.nlogs, 1);
    assert_true(res.is_response);
    assert_int_equal(res.resp.status, 302);

    /* An accessor on the result itself takes the [[Get]] path too. */
    const char *own = "function handler(e) { var r = e.request;"
                      " Object.defineProperty(r, 'uri', {enumerable: true,"
                      "   get: function () { return '/from-getter'; }});"
                      " return r; }";
    assert_int_equal(run_js(own, BK_JS_RUNTIME_2_0, &ev, &res), BK_CFF_OK);
    assert_true(bk_str_eq(res.req.uri, BK_STR("/from-getter")));
}

/* Reading entries back without prototype walks must not change what a
 * handler sees: an Object.prototype given multiValue at top level or during
 * the run is still read (here every header inherits two values). */
static void inherited_multivalue_still_read(void **state)
{
    (void)state;
    static const char *const srcs[] = {
        "Object.prototype.multiValue = [{value: 'a'}, {value: 'b'}];"
        "function handler(e) { return e.request; }",
        "function handler(e) {"
        " Object.prototype.multiValue = [{value: 'a'}, {value: 'b'}];"
        " return e.request; }",
        "function handler(e) {"
        " Object.defineProperty(Object.prototype, 'multiValue',"
        "  {get: function () { return [{value: 'a'}, {value: 'b'}]; }});"
        " return e.request; }",
    };
    for (size_t i = 0; i < BK_COUNTOF(srcs); i++) {
        bk_cff_event_t ev;
        bk_cff_result_t res;
        memset(&ev, 0, sizeof(ev)); /* no read-only headers to trip on */
        ev.type = BK_CFF_VIEWER_REQUEST;
        ev.req.method = BK_STR("GET");
        ev.req.uri = BK_STR("/");
        add(&ev.req.headers, "user-agent", "test");
        bk_cff_map_mark_clean(&ev.req.headers);
        assert_int_equal(run_js(srcs[i], BK_JS_RUNTIME_2_0, &ev, &res), BK_CFF_OK);
        const bk_cff_field_t *ua = bk_cff_map_find(&res.req.headers, BK_STR("user-agent"));
        assert_non_null(ua);
        assert_int_equal(ua->n, 2);
        assert_true(bk_str_eq(ua->items[0].value, BK_STR("a")));
        assert_true(bk_str_eq(ua->items[1].value, BK_STR("b")));
    }
}

static const char *const disallowed[] = {
    "connection", "expect", "keep-alive", "proxy-authenticate",
    "proxy-authorization", "proxy-connection", "trailer", "upgrade",
    "x-accel-buffering", "x-accel-charset", "x-accel-limit-rate",
    "x-accel-redirect", "x-amz-cf-id", "x-amz-cf-pop", "x-amzn-auth",
    "x-amzn-cf-billing", "x-amzn-cf-id", "x-amzn-cf-xff", "x-amzn-errortype",
    "x-amzn-fle-profile", "x-amzn-header-count", "x-amzn-header-order",
    "x-amzn-lambda-integration-tag", "x-amzn-requestid", "x-cache",
    "x-edge-location", "x-edge-request-id", "x-forwarded-proto", "x-real-ip",
};

/* §4: adding any disallowed header fails validation, at both events and in
 * generated responses, and the message names the header. */
static void every_disallowed_header_refused(void **state)
{
    (void)state;
    bk_cff_event_t rq, rs;
    make_event(&rq, BK_CFF_VIEWER_REQUEST);
    make_event(&rs, BK_CFF_VIEWER_RESPONSE);
    for (size_t i = 0; i < BK_COUNTOF(disallowed); i++) {
        const char *h = disallowed[i];
        char src[512];
        bk_cff_result_t res;
        snprintf(src, sizeof(src),
                 "function handler(e) { e.request.headers['%s'] = {value: 'v'};"
                 " return e.request; }", h);
        assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &rq, &res),
                         BK_CFF_VALIDATION_ERROR);
        assert_non_null(strstr(res.message, h));
        snprintf(src, sizeof(src),
                 "function handler(e) { return {statusCode: 200, headers: "
                 "{'%s': {value: 'v'}}}; }", h);
        assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &rq, &res),
                         BK_CFF_VALIDATION_ERROR);
        assert_non_null(strstr(res.message, h));
        snprintf(src, sizeof(src),
                 "function handler(e) { e.response.headers['%s'] = {value: 'v'};"
                 " return e.response; }", h);
        assert_int_equal(run_js(src, BK_JS_RUNTIME_1_0, &rs, &res),
                         BK_CFF_VALIDATION_ERROR);
        assert_non_null(strstr(res.message, h));
    }
}

/* §4: read-only headers: added, changed or removed fails; left alone
 * passes; the lists differ per event. */
static void every_readonly_header_per_event(void **state)
{
    (void)state;
    static const char *const ro_req[] = {"cdn-loop", "content-length", "host",
                                         "transfer-encoding", "via"};
    static const char *const ro_resp[] = {"via", "warning"};
    static const char *const ops[] = {
        /* change */ "e.%s.headers['%s'] = {value: 'changed'};",
        /* remove */ "delete e.%s.headers['%s'];",
    };
    bk_cff_event_t ev[2];
    make_event(&ev[0], BK_CFF_VIEWER_REQUEST);
    make_event(&ev[1], BK_CFF_VIEWER_RESPONSE);
    for (int t = 0; t < 2; t++) {
        const char *obj = t == 0 ? "request" : "response";
        const char *const *ro = t == 0 ? ro_req : ro_resp;
        size_t nro = t == 0 ? BK_COUNTOF(ro_req) : BK_COUNTOF(ro_resp);
        for (size_t i = 0; i < nro; i++)
            for (size_t o = 0; o < BK_COUNTOF(ops); o++) {
                char body[256], src[512];
                bk_cff_result_t res;
                snprintf(body, sizeof(body), ops[o], obj, ro[i]);
                snprintf(src, sizeof(src),
                         "function handler(e) { %s return e.%s; }", body, obj);
                assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &ev[t], &res),
                                 BK_CFF_VALIDATION_ERROR);
                assert_non_null(strstr(res.message, ro[i]));
                assert_non_null(strstr(res.message, "read-only"));
            }
    }
    /* Added where the event has none: 'warning' in a response without it. */
    bk_cff_event_t bare;
    make_event(&bare, BK_CFF_VIEWER_RESPONSE);
    bare.resp.headers.n = 1; /* content-type only */
    bk_cff_result_t res;
    assert_int_equal(run_js("function handler(e) { e.response.headers.warning ="
                            " {value: '199 x'}; return e.response; }",
                            BK_JS_RUNTIME_2_0, &bare, &res),
                     BK_CFF_VALIDATION_ERROR);
    /* Each list applies to its own event only. */
    assert_int_equal(run_js("function handler(e) { var h = e.response.headers;"
                            " h.host = {value: 'x'}; h['content-length'] ="
                            " {value: '0'}; return e.response; }",
                            BK_JS_RUNTIME_2_0, &ev[1], &res),
                     BK_CFF_OK);
    assert_int_equal(run_js("function handler(e) { e.request.headers.warning ="
                            " {value: '199 x'}; return e.request; }",
                            BK_JS_RUNTIME_2_0, &ev[0], &res),
                     BK_CFF_OK);
    /* Untouched read-only headers pass and come back unchanged. */
    assert_int_equal(run_js("function handler(e) { e.request.headers['x-new'] ="
                            " {value: '1'}; return e.request; }",
                            BK_JS_RUNTIME_2_0, &ev[0], &res),
                     BK_CFF_OK);
    assert_false(res.is_response);
    bk_cff_field_t *host = bk_cff_map_find(&res.req.headers, BK_STR("host"));
    assert_non_null(host);
    assert_int_equal(res.req.headers.n, ev[0].req.headers.n + 1);
}

/* §3: request.method is read-only, whatever it is changed to. */
static void method_change_refused(void **state)
{
    (void)state;
    static const char *const methods[] = {"GET", "post", "PUT", "DELETE", ""};
    bk_cff_event_t ev;
    make_event(&ev, BK_CFF_VIEWER_REQUEST);
    for (size_t i = 0; i < BK_COUNTOF(methods); i++) {
        char src[256];
        bk_cff_result_t res;
        snprintf(src, sizeof(src),
                 "function handler(e) { e.request.method = '%s'; return e.request; }",
                 methods[i]);
        assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &ev, &res),
                         BK_CFF_VALIDATION_ERROR);
        assert_string_equal(res.message, "request.method is read-only");
    }
    bk_cff_result_t res;
    assert_int_equal(run_js("function handler(e) { e.request.method = 'POST';"
                            " return e.request; }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_OK);
}

/* §5: the three ways a run fails are told apart (502 vs 503 upstream). */
static void outcomes_distinct(void **state)
{
    (void)state;
    bk_cff_event_t ev;
    make_event(&ev, BK_CFF_VIEWER_REQUEST);
    bk_cff_result_t res;
    assert_int_equal(run_js("function handler(e) { throw new Error('x'); }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_EXEC_ERROR);
    assert_string_equal(res.message, "Error: x");
    assert_int_equal(run_js("async function handler(e) { await 1; throw new"
                            " TypeError('late'); }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_EXEC_ERROR);
    assert_string_equal(res.message, "TypeError: late");
    assert_int_equal(run_js("function handler(e) { e.request.uri = 'x';"
                            " return e.request; }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_VALIDATION_ERROR);
    assert_int_equal(run_js("function handler(e) { return 42; }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_VALIDATION_ERROR);
    assert_int_equal(run_js("function handler(e) { return e; }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_VALIDATION_ERROR);
    assert_int_equal(run_js("function handler(e) { for (;;) {} }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_LIMIT);
    assert_int_equal(res.utilization, 100);
    assert_int_equal(run_js("function handler(e) { var a = [];"
                            " for (var i = 0; i < 40; i++)"
                            " a.push('abcdefgh'.repeat(8192) + i); }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_LIMIT);
    assert_non_null(strstr(res.message, "memory"));
    /* Non-finite or out-of-range status codes are refused (no UB). */
    static const char *const codes[] = {"NaN", "Infinity", "-1e300", "1e300", "99",
                                        "600", "200.5", "'200'"};
    for (size_t i = 0; i < BK_COUNTOF(codes); i++) {
        char src[128];
        snprintf(src, sizeof(src), "function handler(e) { return {statusCode: %s}; }",
                 codes[i]);
        assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &ev, &res),
                         BK_CFF_VALIDATION_ERROR);
    }
    /* A getter that throws while the result is read is the function's
     * exception, not a validation failure. */
    static const char *const getters[] = {
        "return {get statusCode() { throw new TypeError('g1'); }};",
        "return {statusCode: 200, get headers() { throw new TypeError('g1'); }};",
        "var r = e.request; Object.defineProperty(r, 'uri', {get: function () {"
        " throw new TypeError('g1'); }}); return r;",
        "var r = e.request; Object.defineProperty(r.headers, 'x', {enumerable: true,"
        " get: function () { throw new TypeError('g1'); }}); return r;",
    };
    for (size_t i = 0; i < BK_COUNTOF(getters); i++) {
        char src[256];
        snprintf(src, sizeof(src), "function handler(e) { %s }", getters[i]);
        assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &ev, &res), BK_CFF_EXEC_ERROR);
        assert_string_equal(res.message, "TypeError: g1");
    }
    /* A limit is not catchable by the function. */
    assert_int_equal(run_js("function handler(e) { try { for (;;) {} } catch (x) {}"
                            " return e.request; }",
                            BK_JS_RUNTIME_2_0, &ev, &res),
                     BK_CFF_LIMIT);
}

/* §8: code over 10,240 bytes is refused before it is compiled. */
static void code_size_limit(void **state)
{
    (void)state;
    const char *fn = "function handler(e) { return e.request; }\n";
    size_t n = strlen(fn);
    char *src = malloc(BK_CFF_MAX_CODE + 2);
    assert_non_null(src);
    memcpy(src, fn, n);
    memset(src + n, ' ', BK_CFF_MAX_CODE + 1 - n);
    char err[256];
    bk_cff_fn_t *f = bk_cff_load("t", src, BK_CFF_MAX_CODE, BK_JS_RUNTIME_2_0, NULL,
                                 err, sizeof(err));
    assert_non_null(f);
    bk_cff_free(f);
    f = bk_cff_load("t", src, BK_CFF_MAX_CODE + 1, BK_JS_RUNTIME_2_0, NULL, err,
                    sizeof(err));
    assert_null(f);
    assert_non_null(strstr(err, "10241 bytes"));
    free(src);
}

/* §8: console.log keeps 10,240 bytes per run, and starts afresh on the
 * next run in the same context. */
static void log_cap_per_run(void **state)
{
    (void)state;
    const char *src = "function handler(e) { var s = 'abcdefghij'.repeat(300);"
                      " for (var i = 0; i < 5; i++) console.log(s);"
                      " return e.request; }";
    char err[256];
    bk_cff_fn_t *fn = bk_cff_load("t", src, strlen(src), BK_JS_RUNTIME_2_0, NULL, err,
                                  sizeof(err));
    assert_non_null(fn);
    bk_js_ctx_t *ctx = bk_cff_ctx_new(fn);
    bk_cff_event_t ev;
    make_event(&ev, BK_CFF_VIEWER_REQUEST);
    for (int run = 0; run < 2; run++) {
        bk_cff_result_t res;
        assert_int_equal(bk_cff_run(fn, ctx, &ev, &arena, &res), BK_OK);
        size_t total = 0;
        for (size_t i = 0; i < res.nlogs; i++)
            total += strlen(res.logs[i]);
        assert_int_equal(total, BK_CFF_MAX_LOG);
        assert_int_equal(res.nlogs, 4); /* 3000 + 3000 + 3000 + 1240 */
        assert_int_equal(strlen(res.logs[3]), 1240);
    }
    bk_js_ctx_free(ctx);
    bk_cff_free(fn);
}

/* Writes 'text' to a temporary file; returns its path (static buffer). */
static const char *tmp_file(const char *text, size_t n)
{
    static char path[64];
    snprintf(path, sizeof(path), "/tmp/brink-kvs-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

/* §8: the store is at most 5 MB; the message names the key where it
 * overflowed. */
static void kvs_store_5mb_limit(void **state)
{
    (void)state;
    /* 5,200 items of a 24-byte key and a 1,000-byte value: 5.3 MB. */
    size_t cap = 6u << 20, n = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "{\"data\":[");
    char value[1001];
    memset(value, 'v', 1000);
    value[1000] = '\0';
    for (int i = 0; i < 5200; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s{\"key\":\"key-%020d\",\"value\":\"%s\"}",
                              i ? "," : "", i, value);
    n += (size_t)snprintf(text + n, cap - n, "]}");
    const char *path = tmp_file(text, n);
    char err[512];
    bk_cff_kvs_t *k = bk_cff_kvs_load(path, err, sizeof(err));
    unlink(path);
    assert_null(k);
    assert_non_null(strstr(err, "larger than 5 MB"));
    /* 5 MB / 1,024 bytes per item: the item that crosses is number 5,120. */
    assert_non_null(strstr(err, "key-00000000000000005120"));
    /* Just under the cap loads. */
    n = 0;
    n += (size_t)snprintf(text + n, cap - n, "{\"data\":[");
    for (int i = 0; i < 5120; i++)
        n += (size_t)snprintf(text + n, cap - n, "%s{\"key\":\"key-%020d\",\"value\":\"%s\"}",
                              i ? "," : "", i, value);
    n += (size_t)snprintf(text + n, cap - n, "]}");
    path = tmp_file(text, n);
    k = bk_cff_kvs_load(path, err, sizeof(err));
    unlink(path);
    assert_non_null(k);
    bk_cff_kvs_free(k);
    free(text);
}

/* §7: cf.kvs() get (string, json; missing key rejects and can be caught),
 * exists, meta; without a store, kvs() throws. (require() here: `import`
 * from 'cloudfront' waits on the engine.) */
static void kvs_get_exists_meta(void **state)
{
    (void)state;
    static const char store_json[] =
        "{\"data\":[{\"key\":\"a\",\"value\":\"1\"},"
        "{\"key\":\"cfg\",\"value\":\"{\\\"on\\\":true,\\\"n\\\":42}\"},"
        "{\"key\":\"t\\u00e9\",\"value\":\"caf\\u00e9\"}]}";
    const char *path = tmp_file(store_json, sizeof(store_json) - 1);
    char err[512];
    bk_cff_kvs_t *k = bk_cff_kvs_load(path, err, sizeof(err));
    unlink(path);
    assert_non_null(k);
    const char *src =
        "const cf = require('cloudfront'); const kv = cf.kvs();\n"
        "async function handler(e) {\n"
        "  console.log(await kv.get('a'));\n"
        "  const c = await kv.get('cfg', {format: 'json'});\n"
        "  console.log(String(c.on) + ' ' + c.n);\n"
        "  console.log(await kv.get('t\\u00e9', {format: 'string'}));\n"
        "  const b = await kv.get('t\\u00e9', {format: 'bytes'});\n"
        "  console.log(b.length + ' ' + b.toString('hex'));\n"
        "  console.log(String(await kv.exists('a')) + ' ' + (await kv.exists('zz')));\n"
        "  const m = await kv.meta();\n"
        "  console.log(m.keyCount + ' ' + typeof m.creationDateTime);\n"
        "  try { await kv.get('zz'); console.log('no rejection'); }\n"
        "  catch (x) { console.log('rejected ' + x.message); }\n"
        "  return e.request;\n"
        "}\n";
    bk_cff_fn_t *fn = bk_cff_load("t", src, strlen(src), BK_JS_RUNTIME_2_0, k, err,
                                  sizeof(err));
    assert_non_null(fn);
    bk_js_ctx_t *ctx = bk_cff_ctx_new(fn);
    bk_cff_event_t ev;
    make_event(&ev, BK_CFF_VIEWER_REQUEST);
    bk_cff_result_t res;
    assert_int_equal(bk_cff_run(fn, ctx, &ev, &arena, &res), BK_OK);
    static const char *const want[] = {"1", "true 42", "caf\xc3\xa9", "5 636166c3a9",
                                       "true false",
                                       "3 string", "rejected Key not found: zz"};
    assert_int_equal(res.nlogs, BK_COUNTOF(want));
    for (size_t i = 0; i < BK_COUNTOF(want); i++)
        assert_string_equal(res.logs[i], want[i]);
    bk_js_ctx_free(ctx);
    bk_cff_free(fn);

    /* An uncaught rejection is an execution error. */
    const char *miss = "const kv = require('cloudfront').kvs();"
                       " async function handler(e) { await kv.get('nope');"
                       " return e.request; }";
    fn = bk_cff_load("t", miss, strlen(miss), BK_JS_RUNTIME_2_0, k, err, sizeof(err));
    assert_non_null(fn);
    ctx = bk_cff_ctx_new(fn);
    assert_int_equal(bk_cff_run(fn, ctx, &ev, &arena, &res), BK_ERR);
    assert_int_equal(res.outcome, BK_CFF_EXEC_ERROR);
    assert_string_equal(res.message, "Error: Key not found: nope");
    bk_js_ctx_free(ctx);
    bk_cff_free(fn);
    bk_cff_kvs_free(k);

    /* No store associated: kvs() throws at load. */
    fn = bk_cff_load("t", miss, strlen(miss), BK_JS_RUNTIME_2_0, NULL, err,
                     sizeof(err));
    assert_null(fn);
    assert_non_null(strstr(err, "No KeyValueStore"));
}

/* §7: origin helpers record their validated argument (the last call wins);
 * a wrong value makes the run a validation failure; viewer-response and
 * runtime 1.0 have none. */
static void origin_helpers(void **state)
{
    (void)state;
    bk_cff_event_t rq, rs;
    make_event(&rq, BK_CFF_VIEWER_REQUEST);
    make_event(&rs, BK_CFF_VIEWER_RESPONSE);
    bk_cff_result_t res;
    assert_int_equal(run_js("const cf = require('cloudfront');"
                            " function handler(e) { cf.updateRequestOrigin({"
                            "domainName: 'eu.example.com', originPath: '/v2',"
                            " customHeaders: {'x-region': 'eu'}, connectionAttempts: 2,"
                            " timeouts: {readTimeout: 30, connectionTimeout: 5},"
                            " originShield: {enabled: true, region: 'eu-central-1'}});"
                            " return e.request; }",
                            BK_JS_RUNTIME_2_0, &rq, &res),
                     BK_CFF_OK);
    assert_int_equal(res.origin_op, BK_CFF_ORIGIN_UPDATE);
    assert_int_equal(res.origin_json.n, strlen("{\"domainName\":\"eu.example.com\","
                                               "\"originPath\":\"/v2\",\"customHeaders\":"
                                               "{\"x-region\":\"eu\"},\"connectionAttempts\":2,"
                                               "\"timeouts\":{\"readTimeout\":30,"
                                               "\"connectionTimeout\":5},\"originShield\":"
                                               "{\"enabled\":true,\"region\":\"eu-central-1\"}}"));
    assert_memory_equal(res.origin_json.p, "{\"domainName\":\"eu.example.com\"", 30);

    assert_int_equal(run_js("const cf = require('cloudfront');"
                            " function handler(e) { cf.selectRequestOriginById('s3-eu',"
                            " {hostHeader: 'b.example.com'}); return e.request; }",
                            BK_JS_RUNTIME_2_0, &rq, &res),
                     BK_CFF_OK);
    assert_int_equal(res.origin_op, BK_CFF_ORIGIN_SELECT);
    assert_int_equal(res.origin_json.n,
                     strlen("{\"hostHeader\":\"b.example.com\",\"originId\":\"s3-eu\"}"));
    assert_memory_equal(res.origin_json.p,
                        "{\"hostHeader\":\"b.example.com\",\"originId\":\"s3-eu\"}",
                        res.origin_json.n);

    assert_int_equal(run_js("const cf = require('cloudfront');"
                            " function handler(e) { cf.createRequestOriginGroup({"
                            "originIds: [{originId: 'a'}, {originId: 'b'}],"
                            " failoverCriteria: {statusCodes: [500, 503]}});"
                            " return e.request; }",
                            BK_JS_RUNTIME_2_0, &rq, &res),
                     BK_CFF_OK);
    assert_int_equal(res.origin_op, BK_CFF_ORIGIN_GROUP);

    /* Wrong values: a validation failure naming the field. */
    static const char *const bad[][2] = {
        {"cf.updateRequestOrigin({domainName: '192.0.2.1'})", "IP address"},
        {"cf.updateRequestOrigin({domainName: 'a.example.com:8443'})", "no port"},
        {"cf.updateRequestOrigin({domainName: 'Bucket.s3.amazonaws.com'})", "lower case"},
        {"cf.updateRequestOrigin({originPath: 'v2'})", "originPath"},
        {"cf.updateRequestOrigin({originPath: '/v2/'})", "originPath"},
        {"cf.updateRequestOrigin({connectionAttempts: 0})", "connectionAttempts"},
        {"cf.updateRequestOrigin({timeouts: {readTimeout: 121}})", "readTimeout"},
        {"cf.updateRequestOrigin({timeouts: {connectionTimeout: 11}})", "connectionTimeout"},
        {"cf.updateRequestOrigin({timeouts: {keepAliveTimeout: 0}})", "keepAliveTimeout"},
        {"cf.updateRequestOrigin({customOriginConfig: {protocol: 'ftp'}})", "protocol"},
        {"cf.updateRequestOrigin({customOriginConfig: {port: 70000}})", "port"},
        {"cf.updateRequestOrigin({customOriginConfig: {sslProtocols: ['TLSv1.3']}})",
         "sslProtocols"},
        {"cf.updateRequestOrigin({ipAddressType: 'ipv6'})", "needs a new domainName"},
        {"cf.updateRequestOrigin({originAccessControlConfig: {enabled: true,"
         " signingBehavior: 'sometimes', signingProtocol: 'sigv4', originType: 's3'}})",
         "signingBehavior"},
        {"cf.updateRequestOrigin({originShield: {enabled: true}})", "originShield"},
        {"cf.updateRequestOrigin({allowedCertificateNames: ['" 
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']})",
         "allowedCertificateNames"},
        {"cf.updateRequestOrigin({customHeaders: {'bad header': 'x'}})", "customHeaders"},
        {"cf.updateRequestOrigin({hostname: 'x.example.com'})", "unknown field 'hostname'"},
        {"cf.createRequestOriginGroup({originIds: [{originId: 'a'}, {originId: 'b'},"
         " {originId: 'c'}], failoverCriteria: {statusCodes: [500]}})", "exactly two"},
        {"cf.createRequestOriginGroup({originIds: [{originId: 'a'}, {originId: 'b'}],"
         " failoverCriteria: {statusCodes: [501]}})", "statusCodes"},
        {"cf.createRequestOriginGroup({originIds: [{originId: 'a'}, {originId: 'b',"
         " originOverrides: {connectionAttempts: 5}}], failoverCriteria: {statusCodes: [500]}})",
         "connectionAttempts"},
    };
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        char src[700];
        snprintf(src, sizeof(src),
                 "const cf = require('cloudfront'); function handler(e) { %s;"
                 " return e.request; }", bad[i][0]);
        assert_int_equal(run_js(src, BK_JS_RUNTIME_2_0, &rq, &res),
                         BK_CFF_VALIDATION_ERROR);
        if (strstr(res.message, bad[i][1]) == NULL)
            fail_msg("%s: message '%s' lacks '%s'", bad[i][0], res.message, bad[i][1]);
    }
    /* The last call wins: a bad call followed by a good one passes. */
    assert_int_equal(run_js("const cf = require('cloudfront'); function handler(e) {"
                            " cf.updateRequestOrigin({connectionAttempts: 9});"
                            " cf.updateRequestOrigin({connectionAttempts: 3});"
                            " return e.request; }",
                            BK_JS_RUNTIME_2_0, &rq, &res),
                     BK_CFF_OK);
    assert_memory_equal(res.origin_json.p, "{\"connectionAttempts\":3}", 24);
    /* Wrong argument types throw at the call. */
    assert_int_equal(run_js("const cf = require('cloudfront'); function handler(e) {"
                            " cf.selectRequestOriginById(); return e.request; }",
                            BK_JS_RUNTIME_2_0, &rq, &res),
                     BK_CFF_EXEC_ERROR);
    assert_non_null(strstr(res.message, "TypeError"));
    /* viewer-request only. */
    assert_int_equal(run_js("const cf = require('cloudfront'); function handler(e) {"
                            " cf.updateRequestOrigin({domainName: 'x.example.com'});"
                            " return e.response; }",
                            BK_JS_RUNTIME_2_0, &rs, &res),
                     BK_CFF_VALIDATION_ERROR);
    assert_non_null(strstr(res.message, "viewer-request"));
    /* A run that calls nothing records nothing. */
    assert_int_equal(run_js("function handler(e) { return e.request; }",
                            BK_JS_RUNTIME_2_0, &rq, &res),
                     BK_CFF_OK);
    assert_int_equal(res.origin_op, BK_CFF_ORIGIN_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_disallowed_header_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(write_back_by_key_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(prototype_getter_read_once, setup, teardown),
        cmocka_unit_test_setup_teardown(unchanged_fields_checked_unless_clean, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(inherited_multivalue_still_read, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(every_readonly_header_per_event, setup, teardown),
        cmocka_unit_test_setup_teardown(method_change_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(outcomes_distinct, setup, teardown),
        cmocka_unit_test_setup_teardown(code_size_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(log_cap_per_run, setup, teardown),
        cmocka_unit_test_setup_teardown(kvs_store_5mb_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(kvs_get_exists_meta, setup, teardown),
        cmocka_unit_test_setup_teardown(origin_helpers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
