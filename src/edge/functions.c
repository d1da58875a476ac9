/*
 * functions.c: CloudFront Functions at the viewer-request and
 * viewer-response event points of `brink serve`.
 *
 * Functions are loaded (compiled, top level run) once per configuration
 * generation; each worker runs them in its own engine contexts, created on
 * first use for the worker's current generation. A run is synchronous (no
 * I/O in CloudFront Functions), so no exchange holds a context across a
 * loop iteration; an exchange that outlives a reload runs the old program
 * in a context made for that one run.
 *
 * Outcomes (reference §5): a validation failure answers 502, an execution
 * error or a limit 503, each with CloudFront's error page, logged with the
 * function name and request id, and counted.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "edge/cff.h"
#include "edge/edge_int.h"

#define S(lit) BK_STR(lit)

int bk_edge__fns_load(bk_edge_gen_t *g, char *err, size_t errlen)
{
    const bk_config_t *cfg = g->cfg;
    if (cfg->n_functions == 0)
        return BK_OK;
    g->fns = bk_calloc(cfg->n_functions, sizeof(*g->fns));
    g->kvs = bk_calloc(cfg->n_functions, sizeof(*g->kvs));
    if (g->fns == NULL || g->kvs == NULL) {
        snprintf(err, errlen, "out of memory");
        return BK_ERR;
    }
    g->nfns = cfg->n_functions;
    for (size_t i = 0; i < cfg->n_functions; i++) {
        const bk_config_function_t *f = &cfg->functions[i];
        char name[80], msg[900];
        snprintf(name, sizeof(name), "%.*s", BK_STR_FMT(f->name));
        if (f->kvs_file != NULL) {
            g->kvs[i] = bk_cff_kvs_load(f->kvs_file, msg, sizeof(msg));
            if (g->kvs[i] == NULL) {
                snprintf(err, errlen, "function %s: %s", name, msg);
                return BK_ERR;
            }
        }
        bk_buf_t code;
        bk_buf_init(&code, NULL);
        if (bk_buf_read_file(&code, f->file) != BK_OK) {
            snprintf(err, errlen, "function %s: cannot read %s", name, f->file);
            bk_buf_free(&code);
            return BK_ERR;
        }
        g->fns[i] = bk_cff_load(name, (const char *)code.p, code.n,
                                f->runtime == BK_CONFIG_RUNTIME_JS_1_0
                                    ? BK_JS_RUNTIME_1_0
                                    : BK_JS_RUNTIME_2_0,
                                g->kvs[i], msg, sizeof(msg));
        bk_buf_free(&code);
        if (g->fns[i] == NULL) {
            snprintf(err, errlen, "function %s (%s): %s", name, f->file, msg);
            return BK_ERR;
        }
    }
    return BK_OK;
}

void bk_edge__fns_free(bk_edge_gen_t *g)
{
    for (size_t i = 0; i < g->nfns; i++) {
        bk_cff_free(g->fns ? g->fns[i] : NULL);
        bk_cff_kvs_free(g->kvs ? g->kvs[i] : NULL);
    }
    bk_free(g->fns);
    bk_free(g->kvs);
    g->fns = NULL;
    g->kvs = NULL;
    g->nfns = 0;
}

void bk_edge__fn_ctxs_drop(bk_edge_worker_t *w)
{
    for (size_t i = 0; i < w->nfn_ctx; i++)
        if (w->fn_ctx[i])
            bk_js_ctx_free(w->fn_ctx[i]);
    bk_free(w->fn_ctx);
    w->fn_ctx = NULL;
    w->nfn_ctx = 0;
    w->fn_ctx_gen = NULL;
}

/* The worker's context for function i of generation g, or a fresh one that
 * the caller frees (*temp) for an older generation. */
static bk_js_ctx_t *ctx_for(bk_edge_worker_t *w, bk_edge_gen_t *g, size_t i,
                            int *temp)
{
    *temp = 0;
    if (g != w->gen) {
        *temp = 1;
        return bk_cff_ctx_new(g->fns[i]);
    }
    if (w->fn_ctx_gen != g) {
        bk_edge__fn_ctxs_drop(w);
        w->fn_ctx = bk_calloc(g->nfns ? g->nfns : 1, sizeof(*w->fn_ctx));
        if (w->fn_ctx == NULL)
            return NULL;
        w->nfn_ctx = g->nfns;
        w->fn_ctx_gen = g;
    }
    if (w->fn_ctx[i] == NULL)
        w->fn_ctx[i] = bk_cff_ctx_new(g->fns[i]);
    return w->fn_ctx[i];
}

static size_t fn_index(const bk_edge_gen_t *g, const bk_config_function_t *f)
{
    return (size_t)(f - g->cfg->functions);
}

/* ---- the event model from an exchange -------------------------------------- */

/* The name in lower case: the request's own bytes when already so (then
 * map_to_hdrs finds the original spelling by pointer). */
static int lower_copy(bk_arena_t *a, bk_str_t s, bk_str_t *out)
{
    size_t i = 0;
    while (i < s.n && !(s.p[i] >= 'A' && s.p[i] <= 'Z'))
        i++;
    if (i == s.n) {
        *out = s;
        return BK_OK;
    }
    uint8_t *p = bk_arena_alloc(a, s.n ? s.n : 1);
    if (p == NULL)
        return BK_ERR;
    bk_str_lower(p, s);
    *out = bk_str(p, s.n);
    return BK_OK;
}

/* Headers as a function sees them: names lower-cased, the cookie header
 * ('cookie_name', parsed by 'parse') as cookies, disallowed headers never
 * shown (§4). */
static int split_headers(bk_arena_t *a, const bk_edge_hdrs_t *h,
                         bk_str_t cookie_name,
                         int (*parse)(bk_arena_t *, bk_str_t, bk_cff_map_t *),
                         bk_cff_map_t *headers, bk_cff_map_t *cookies)
{
    for (size_t i = 0; i < h->n; i++) {
        bk_str_t n = h->v[i].name, v = h->v[i].value, ln;
        if (bk_str_eq_ci(n, cookie_name)) {
            if (parse(a, v, cookies) != BK_OK)
                return BK_ERR;
            continue;
        }
        if (bk_cff__disallowed_name(n))
            continue;
        if (lower_copy(a, n, &ln) != BK_OK || bk_cff_map_add(a, headers, ln, v) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

/* cf.edgeLocation: the IATA code is the letters the POP name starts with
 * ("SEA19-C1" -> "SEA"), the server address the one this connection
 * reached (looked up once per connection). */
static void edge_location(bk_edge_xchg_t *x, bk_cff_event_t *ev)
{
    bk_str_t pop = x->cfg->pop;
    size_t n = 0;
    while (n < pop.n && ((pop.p[n] | 0x20) >= 'a' && (pop.p[n] | 0x20) <= 'z'))
        n++;
    ev->edge_name = bk_str(pop.p, n);
    ev->edge_region = x->cfg->region;
    bk_edge_conn_t *c = x->conn;
    if (c == NULL)
        return;
    if (c->local_ip[0] == 0) {
        struct sockaddr_storage ss;
        int len = sizeof(ss);
        if (uv_tcp_getsockname(&c->tcp, (struct sockaddr *)&ss, &len) == 0) {
            if (ss.ss_family == AF_INET)
                uv_ip4_name((struct sockaddr_in *)&ss, c->local_ip,
                            sizeof(c->local_ip));
            else
                uv_ip6_name((struct sockaddr_in6 *)&ss, c->local_ip,
                            sizeof(c->local_ip));
        }
    }
    ev->edge_server_ip = bk_str_c(c->local_ip);
}

static int fill_request(bk_edge_xchg_t *x, bk_cff_event_t *ev)
{
    bk_arena_t *a = x->arena;
    bk_cff_request_t *r = &ev->req;
    r->method = x->method;
    r->uri = x->path;
    r->raw_qs = x->query;
    r->has_raw_qs = x->has_query;
    if (bk_cff_parse_query(a, x->query, &r->qs) != BK_OK)
        return BK_ERR;
    /* The request parser admits only token names and values without CR,
     * LF or NUL; split_headers lower-cases the names. */
    r->headers.clean = 1;
    return split_headers(a, &x->req_hdrs, S("cookie"), bk_cff_parse_cookie,
                         &r->headers, &r->cookies);
}

static int fill_response(bk_edge_xchg_t *x, bk_cff_event_t *ev)
{
    bk_arena_t *a = x->arena;
    bk_cff_response_t *r = &ev->resp;
    r->status = x->status;
    const char *phrase = bk_http_status_reason(x->status);
    r->status_desc = x->reason.n ? x->reason : bk_str_c(phrase);
    r->has_desc = 1;
    r->headers.clean = 1; /* the response parser's guarantees, as above */
    return split_headers(a, &x->resp_hdrs, S("set-cookie"),
                         bk_cff_parse_set_cookie, &r->headers, &r->cookies);
}

/* ---- applying results -------------------------------------------------------- */

/* Header lists from a result map, names title-cased as CloudFront sends
 * them on; disallowed headers the viewer or origin sent are kept as they
 * were (the function never saw them). */
static int map_to_hdrs(bk_edge_xchg_t *x, const bk_cff_map_t *m,
                       const bk_edge_hdrs_t *old, bk_edge_hdrs_t *out,
                       bk_str_t keep_also)
{
    bk_arena_t *a = x->arena;
    bk_edge_hdrs_t h = {0};
    for (size_t i = 0; i < old->n; i++)
        if (bk_cff__disallowed_name(old->v[i].name) ||
            (keep_also.n && bk_str_eq_ci(old->v[i].name, keep_also)))
            if (bk_edge__hdr_add(a, &h, old->v[i].name, old->v[i].value) != BK_OK)
                return BK_ERR;
    size_t hint = 0; /* fields come back in the order the headers had */
    for (uint32_t i = 0; i < m->n; i++) {
        /* A header that was there keeps its spelling; a new one is
         * title-cased per hyphen part, as CloudFront writes it. */
        bk_str_t name = BK_STR_NULL;
        for (size_t j = 0; j < old->n && name.p == NULL; j++) {
            size_t k = (hint + j) % old->n;
            if (old->v[k].name.p == m->v[i].name.p ||
                bk_str_eq_ci(old->v[k].name, m->v[i].name)) {
                name = old->v[k].name;
                hint = k + 1;
            }
        }
        if (name.p == NULL)
            name = bk_cff_title_case(a, m->v[i].name);
        for (uint32_t k = 0; k < m->v[i].n; k++)
            if (bk_edge__hdr_add(a, &h, name, m->v[i].items[k].value) != BK_OK)
                return BK_ERR;
    }
    *out = h;
    return BK_OK;
}

static int apply_cookies_req(bk_edge_xchg_t *x, const bk_cff_map_t *m)
{
    if (m->n == 0)
        return BK_OK;
    bk_buf_t b;
    bk_buf_init(&b, x->arena);
    for (uint32_t i = 0; i < m->n; i++)
        for (uint32_t k = 0; k < m->v[i].n; k++)
            if ((b.n && bk_buf_append_cstr(&b, "; ") != BK_OK) ||
                bk_buf_append_str(&b, m->v[i].name) != BK_OK ||
                bk_buf_putc(&b, '=') != BK_OK ||
                bk_buf_append_str(&b, m->v[i].items[k].value) != BK_OK)
                return BK_ERR;
    return bk_edge__hdr_add(x->arena, &x->req_hdrs, S("Cookie"), bk_buf_str(&b));
}

static int apply_set_cookies(bk_edge_xchg_t *x, const bk_cff_map_t *m)
{
    for (uint32_t i = 0; i < m->n; i++)
        for (uint32_t k = 0; k < m->v[i].n; k++) {
            const bk_cff_item_t *it = &m->v[i].items[k];
            bk_str_t v = it->has_attrs && it->attrs.n
                             ? bk_edge__printf(x->arena, "%.*s=%.*s; %.*s",
                                               BK_STR_FMT(m->v[i].name),
                                               BK_STR_FMT(it->value),
                                               BK_STR_FMT(it->attrs))
                             : bk_edge__printf(x->arena, "%.*s=%.*s",
                                               BK_STR_FMT(m->v[i].name),
                                               BK_STR_FMT(it->value));
            if (v.p == NULL ||
                bk_edge__hdr_add(x->arena, &x->resp_hdrs, S("Set-Cookie"), v) != BK_OK)
                return BK_ERR;
        }
    return BK_OK;
}

static int apply_request(bk_edge_xchg_t *x, const bk_cff_request_t *r)
{
    x->path = r->uri;
    bk_buf_t q;
    bk_buf_init(&q, x->arena);
    if (bk_cff_query_string(&r->qs, &q) != BK_OK)
        return BK_ERR;
    x->query = bk_buf_str(&q);
    x->has_query = q.n > 0;
    bk_edge_hdrs_t h;
    if (map_to_hdrs(x, &r->headers, &x->req_hdrs, &h, BK_STR_NULL) != BK_OK)
        return BK_ERR;
    x->req_hdrs = h;
    return apply_cookies_req(x, &r->cookies);
}

static int apply_response(bk_edge_xchg_t *x, const bk_cff_response_t *r,
                          int generated)
{
    x->status = r->status;
    x->reason = r->has_desc ? r->status_desc : BK_STR_NULL;
    bk_edge_hdrs_t h;
    if (map_to_hdrs(x, &r->headers, generated ? &(bk_edge_hdrs_t){0} : &x->resp_hdrs,
                    &h, BK_STR_NULL) != BK_OK)
        return BK_ERR;
    x->resp_hdrs = h;
    if (apply_set_cookies(x, &r->cookies) != BK_OK)
        return BK_ERR;
    if (r->has_body)
        x->resp_body = r->body;
    else if (generated)
        x->resp_body = BK_STR_NULL;
    return BK_OK;
}

/* ---- the function log ---------------------------------------------------------- */

static void log_lines(bk_edge_xchg_t *x, const char *fname, const bk_cff_result_t *res)
{
    bk_edge_server_t *s = x->w->srv;
    if (s->function_fd < 0 || (res->nlogs == 0 && res->outcome == BK_CFF_OK))
        return;
    bk_buf_t b;
    bk_buf_init(&b, x->arena);
    char ts[32];
    struct tm tm;
    gmtime_r(&x->wall_start.tv_sec, &tm);
    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (size_t i = 0; i < res->nlogs; i++)
        if (bk_buf_printf(&b, "%s\t%s\t%s\t%s\n", ts, x->request_id, fname,
                          res->logs[i]) != BK_OK)
            return;
    if (res->outcome != BK_CFF_OK &&
        bk_buf_printf(&b, "%s\t%s\t%s\tERROR %s\n", ts, x->request_id, fname,
                      res->message) != BK_OK)
        return;
    ssize_t w = write(s->function_fd, b.p, b.n);
    (void)w;
}

/* ---- the phase ------------------------------------------------------------------ */

int bk_edge__fn_phase(bk_edge_xchg_t *x, bk_config_event_t evt)
{
    const bk_config_function_t *cf =
        evt == BK_CONFIG_EV_VIEWER_REQUEST    ? x->beh->viewer_request_fn
        : evt == BK_CONFIG_EV_VIEWER_RESPONSE ? x->beh->viewer_response_fn
                                              : NULL;
    if (cf == NULL)
        return BK_OK;
    bk_edge_gen_t *g = x->gen;
    size_t i = fn_index(g, cf);
    if (i >= g->nfns || g->fns[i] == NULL)
        return BK_OK;
    bk_cff_fn_t *fn = g->fns[i];
    const char *fname = bk_cff_name(fn);
    bk_obs_fn_metrics_t *m = bk_obs_fn(&x->w->metrics, fname);

    int temp;
    bk_js_ctx_t *ctx = ctx_for(x->w, g, i, &temp);
    if (ctx == NULL) {
        bk_log_error("request %s: function %s: no memory for a context",
                     x->request_id, fname);
        bk_edge__error(x, 503, "FunctionExecutionError", NULL);
        return BK_DONE;
    }
    bk_cff_event_t ev;
    memset(&ev, 0, sizeof(ev));
    ev.type = evt == BK_CONFIG_EV_VIEWER_REQUEST ? BK_CFF_VIEWER_REQUEST
                                                 : BK_CFF_VIEWER_RESPONSE;
    ev.dist_domain = x->cfg->domain_name;
    ev.dist_id = x->cfg->distribution_id;
    ev.request_id = bk_str_c(x->request_id);
    ev.viewer_ip = bk_str_c(x->conn ? x->conn->peer_ip : "");
    if (ev.type == BK_CFF_VIEWER_REQUEST)
        edge_location(x, &ev);
    bk_cff_result_t res;
    int rc;
    if (fill_request(x, &ev) != BK_OK ||
        (ev.type == BK_CFF_VIEWER_RESPONSE && fill_response(x, &ev) != BK_OK)) {
        rc = BK_ERR;
        memset(&res, 0, sizeof(res));
        res.outcome = BK_CFF_EXEC_ERROR;
        res.message = "out of memory building the event";
    } else {
        rc = bk_cff_run(fn, ctx, &ev, x->arena, &res);
    }
    if (temp)
        bk_js_ctx_free(ctx);
    if (m != NULL) {
        BK_OBS_INC(m->invocations);
        bk_obs_hist_observe(&m->compute, bk_obs_cu_bounds, BK_OBS_CU_BUCKETS,
                            (double)res.utilization);
    }
    log_lines(x, fname, &res);
    if (rc != BK_OK) {
        int validation = res.outcome == BK_CFF_VALIDATION_ERROR;
        if (m != NULL) {
            if (validation)
                BK_OBS_INC(m->validation_errors);
            else
                BK_OBS_INC(m->execution_errors);
        }
        bk_log_warn("request %s: function %s (%s): %s: %s", x->request_id, fname,
                    bk_config_event_name(evt),
                    validation ? "validation error" : "execution error",
                    res.message);
        bk_edge__error(x, validation ? 502 : 503,
                       validation ? "FunctionValidationError"
                                  : "FunctionExecutionError",
                       NULL);
        return BK_DONE;
    }
    if (res.log_custom_data.p != NULL) {
        if (ev.type == BK_CFF_VIEWER_REQUEST)
            x->vreq_log_data = res.log_custom_data;
        else
            x->vresp_log_data = res.log_custom_data;
    }
    int ok;
    if (ev.type == BK_CFF_VIEWER_REQUEST && res.is_response) {
        ok = apply_response(x, &res.resp, 1);
        x->result_type = x->detailed_type = "FunctionGeneratedResponse";
        x->x_cache = "FunctionGeneratedResponse from cloudfront";
        x->fn_generated = 1;
        if (ok == BK_OK)
            return BK_DONE;
    } else if (ev.type == BK_CFF_VIEWER_REQUEST) {
        ok = apply_request(x, &res.req);
        if (ok == BK_OK && res.origin_op != BK_CFF_ORIGIN_NONE &&
            bk_edge__origin_op(x, res.origin_op, res.origin_json) != BK_OK) {
            /* As CloudFront: "invalid value for origin rewrite" (§4). */
            if (m != NULL)
                BK_OBS_INC(m->validation_errors);
            bk_edge__error(x, 502, "FunctionValidationError", NULL);
            return BK_DONE;
        }
    } else {
        ok = apply_response(x, &res.resp, 0);
    }
    if (ok != BK_OK) {
        bk_log_error("request %s: function %s: out of memory applying its result",
                     x->request_id, fname);
        bk_edge__error(x, 503, "FunctionExecutionError", NULL);
        return BK_DONE;
    }
    return BK_OK;
}
