/*
 * cff_json.c: the JSON side of `brink test-function`: reading a test event
 * (the file `aws cloudfront test-function --event-object` takes) into the
 * event model, and writing FunctionOutput.
 *
 * FunctionOutput's top-level key order is the one AWS's published outputs
 * show: request {headers, method, querystring, uri, cookies}, response
 * {headers, statusDescription, cookies, statusCode}; within a map, keys
 * keep the order the function left them in.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "edge/cff.h"

typedef struct {
    bk_arena_t *a;
    char *err;
    size_t errlen;
    const char *name;
} jctx_t;

static int fail(jctx_t *j, const char *path, const char *why)
{
    snprintf(j->err, j->errlen, "%s: %s: %s", j->name, path, why);
    return BK_ERR;
}

static bk_str_t dup(jctx_t *j, const char *s, size_t n)
{
    char *p = bk_arena_memdup(j->a, s, n ? n : 1);
    return p ? bk_str(p, n) : BK_STR_NULL;
}

/* A string member (absent: *out untouched, BK_OK). */
static int get_str(jctx_t *j, json_t *o, const char *key, const char *path,
                   bk_str_t *out, int required)
{
    json_t *v = json_object_get(o, key);
    if (v == NULL) {
        if (!required)
            return BK_OK;
        char p[256];
        snprintf(p, sizeof(p), "%s.%s", path, key);
        return fail(j, p, "required");
    }
    if (!json_is_string(v)) {
        char p[256];
        snprintf(p, sizeof(p), "%s.%s", path, key);
        return fail(j, p, "expected a string");
    }
    *out = dup(j, json_string_value(v), json_string_length(v));
    return out->p ? BK_OK : fail(j, path, "out of memory");
}

/* Adds one occurrence (with attributes when 'at' is set) to m. */
static int add_item(jctx_t *j, bk_cff_map_t *m, bk_str_t name, bk_str_t val,
                    bk_str_t at, const char *path)
{
    if (bk_cff_map_add(j->a, m, name, val) != BK_OK)
        return fail(j, path, "out of memory");
    if (at.p) {
        bk_cff_field_t *f = bk_cff_map_find(m, name);
        f->items[f->n - 1].attrs = at;
        f->items[f->n - 1].has_attrs = 1;
    }
    return BK_OK;
}

/* Reads {"name":{"value":..,"multiValue":[{"value":..}], "attributes":..}}
 * into m. */
static int read_map(jctx_t *j, json_t *o, const char *path, bk_cff_map_t *m,
                    int with_attrs, int lower_names)
{
    if (o == NULL)
        return BK_OK;
    if (!json_is_object(o))
        return fail(j, path, "expected an object");
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        char p[512];
        snprintf(p, sizeof(p), "%s.%s", path, key);
        if (!json_is_object(v))
            return fail(j, p, "expected an object with a \"value\"");
        /* Functions see lower-case header names; CloudFront asks the same
         * of hand-made test events (§3). */
        if (lower_names && strpbrk(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            return fail(j, p, "header names must be lower case");
        bk_str_t name = dup(j, key, strlen(key));
        json_t *mv = json_object_get(v, "multiValue");
        if (mv != NULL) {
            if (!json_is_array(mv) || json_array_size(mv) == 0)
                return fail(j, p, "multiValue must be a non-empty array");
            size_t i;
            json_t *it;
            json_array_foreach(mv, i, it)
            {
                bk_str_t val = BK_STR_NULL, at = BK_STR_NULL;
                char ip[600];
                snprintf(ip, sizeof(ip), "%s.multiValue[%zu]", p, i);
                if (!json_is_object(it) ||
                    get_str(j, it, "value", ip, &val, 1) != BK_OK)
                    return json_is_object(it) ? BK_ERR
                                              : fail(j, ip, "expected an object");
                if (with_attrs && get_str(j, it, "attributes", ip, &at, 0) != BK_OK)
                    return BK_ERR;
                if (add_item(j, m, name, val, at, p) != BK_OK)
                    return BK_ERR;
            }
            continue;
        }
        bk_str_t val = BK_STR_NULL, at = BK_STR_NULL;
        if (get_str(j, v, "value", p, &val, 1) != BK_OK)
            return BK_ERR;
        if (with_attrs && get_str(j, v, "attributes", p, &at, 0) != BK_OK)
            return BK_ERR;
        if (add_item(j, m, name, val, at, p) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

int bk_cff_event_from_json(const char *json, size_t n, const char *name,
                           bk_arena_t *a, bk_cff_event_t *ev, char *err,
                           size_t errlen)
{
    jctx_t j = {a, err, errlen, name};
    memset(ev, 0, sizeof(*ev));
    /* Editors on Windows start files with a UTF-8 BOM; the config loader
     * accepts one too. Positions in messages then count from after it. */
    if (n >= 3 && memcmp(json, "\xef\xbb\xbf", 3) == 0) {
        json += 3;
        n -= 3;
    }
    json_error_t je;
    json_t *root = json_loadb(json, n, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        snprintf(err, errlen, "%s: line %d column %d: %s", name, je.line,
                 je.column, je.text);
        return BK_ERR;
    }
    int rc = BK_ERR;
    if (!json_is_object(root)) {
        fail(&j, "$", "the event must be a JSON object");
        goto out;
    }
    json_t *ctx = json_object_get(root, "context");
    json_t *viewer = json_object_get(root, "viewer");
    json_t *req = json_object_get(root, "request");
    json_t *resp = json_object_get(root, "response");
    if (ctx && !json_is_object(ctx)) {
        fail(&j, "$.context", "expected an object");
        goto out;
    }
    bk_str_t et = BK_STR_NULL;
    if (ctx && (get_str(&j, ctx, "eventType", "$.context", &et, 0) != BK_OK ||
                get_str(&j, ctx, "distributionDomainName", "$.context",
                        &ev->dist_domain, 0) != BK_OK ||
                get_str(&j, ctx, "distributionId", "$.context", &ev->dist_id,
                        0) != BK_OK ||
                get_str(&j, ctx, "requestId", "$.context", &ev->request_id,
                        0) != BK_OK ||
                get_str(&j, ctx, "endpoint", "$.context", &ev->endpoint, 0) !=
                    BK_OK))
        goto out;
    if (et.p == NULL)
        ev->type = resp ? BK_CFF_VIEWER_RESPONSE : BK_CFF_VIEWER_REQUEST;
    else if (bk_str_eq(et, BK_STR("viewer-request")))
        ev->type = BK_CFF_VIEWER_REQUEST;
    else if (bk_str_eq(et, BK_STR("viewer-response")))
        ev->type = BK_CFF_VIEWER_RESPONSE;
    else {
        fail(&j, "$.context.eventType",
             "must be \"viewer-request\" or \"viewer-response\"");
        goto out;
    }
    if (viewer && (!json_is_object(viewer) ||
                   get_str(&j, viewer, "ip", "$.viewer", &ev->viewer_ip, 0) !=
                       BK_OK)) {
        if (!json_is_object(viewer))
            fail(&j, "$.viewer", "expected an object");
        goto out;
    }
    if (!json_is_object(req)) {
        fail(&j, "$.request", req ? "expected an object" : "required");
        goto out;
    }
    ev->req.method = BK_STR("GET");
    ev->req.uri = BK_STR("/");
    if (get_str(&j, req, "method", "$.request", &ev->req.method, 0) != BK_OK ||
        get_str(&j, req, "uri", "$.request", &ev->req.uri, 0) != BK_OK ||
        read_map(&j, json_object_get(req, "querystring"), "$.request.querystring",
                 &ev->req.qs, 0, 0) != BK_OK ||
        read_map(&j, json_object_get(req, "headers"), "$.request.headers",
                 &ev->req.headers, 0, 1) != BK_OK ||
        read_map(&j, json_object_get(req, "cookies"), "$.request.cookies",
                 &ev->req.cookies, 0, 0) != BK_OK)
        goto out;
    /* rawQueryString() of a test event: the query string as the event's
     * querystring object spells it. */
    if (ev->req.qs.n) {
        bk_buf_t b;
        bk_buf_init(&b, a);
        if (bk_cff_query_string(&ev->req.qs, &b) != BK_OK) {
            fail(&j, "$.request.querystring", "out of memory");
            goto out;
        }
        ev->req.raw_qs = bk_buf_str(&b);
        ev->req.has_raw_qs = 1;
    }
    if (ev->type == BK_CFF_VIEWER_RESPONSE) {
        if (!json_is_object(resp)) {
            fail(&j, "$.response",
                 resp ? "expected an object" : "required for viewer-response");
            goto out;
        }
        json_t *sc = json_object_get(resp, "statusCode");
        if (sc != NULL && !json_is_integer(sc)) {
            fail(&j, "$.response.statusCode", "expected an integer");
            goto out;
        }
        ev->resp.status = sc ? (int)json_integer_value(sc) : 200;
        if (get_str(&j, resp, "statusDescription", "$.response",
                    &ev->resp.status_desc, 0) != BK_OK ||
            read_map(&j, json_object_get(resp, "headers"), "$.response.headers",
                     &ev->resp.headers, 0, 1) != BK_OK ||
            read_map(&j, json_object_get(resp, "cookies"), "$.response.cookies",
                     &ev->resp.cookies, 1, 0) != BK_OK)
            goto out;
        ev->resp.has_desc = ev->resp.status_desc.p != NULL;
        bk_cff_map_mark_clean(&ev->resp.headers);
    }
    bk_cff_map_mark_clean(&ev->req.headers);
    rc = BK_OK;
out:
    json_decref(root);
    return rc;
}

/* ---- FunctionOutput --------------------------------------------------------- */

static int put_map(bk_buf_t *o, const bk_cff_map_t *m, int cookies_with_attrs)
{
    if (bk_buf_putc(o, '{') != BK_OK)
        return BK_ERR;
    for (uint32_t i = 0; i < m->n; i++) {
        const bk_cff_field_t *f = &m->v[i];
        if ((i && bk_buf_putc(o, ',') != BK_OK) ||
            bk_buf_append_json_str(o, f->name) != BK_OK ||
            bk_buf_append_cstr(o, ":{") != BK_OK)
            return BK_ERR;
        const bk_cff_item_t *first = &f->items[0];
        if (cookies_with_attrs && first->has_attrs &&
            (bk_buf_append_cstr(o, "\"attributes\":") != BK_OK ||
             bk_buf_append_json_str(o, first->attrs) != BK_OK ||
             bk_buf_putc(o, ',') != BK_OK))
            return BK_ERR;
        if (bk_buf_append_cstr(o, "\"value\":") != BK_OK ||
            bk_buf_append_json_str(o, first->value) != BK_OK)
            return BK_ERR;
        if (f->n > 1) {
            if (bk_buf_append_cstr(o, ",\"multiValue\":[") != BK_OK)
                return BK_ERR;
            for (uint32_t k = 0; k < f->n; k++) {
                const bk_cff_item_t *it = &f->items[k];
                if ((k && bk_buf_putc(o, ',') != BK_OK) ||
                    bk_buf_putc(o, '{') != BK_OK)
                    return BK_ERR;
                if (cookies_with_attrs && it->has_attrs &&
                    (bk_buf_append_cstr(o, "\"attributes\":") != BK_OK ||
                     bk_buf_append_json_str(o, it->attrs) != BK_OK ||
                     bk_buf_putc(o, ',') != BK_OK))
                    return BK_ERR;
                if (bk_buf_append_cstr(o, "\"value\":") != BK_OK ||
                    bk_buf_append_json_str(o, it->value) != BK_OK ||
                    bk_buf_putc(o, '}') != BK_OK)
                    return BK_ERR;
            }
            if (bk_buf_putc(o, ']') != BK_OK)
                return BK_ERR;
        }
        if (bk_buf_putc(o, '}') != BK_OK)
            return BK_ERR;
    }
    return bk_buf_putc(o, '}');
}

int bk_cff_output_json(const bk_cff_result_t *res, bk_buf_t *o)
{
    if (!res->is_response) {
        const bk_cff_request_t *r = &res->req;
        if (bk_buf_append_cstr(o, "{\"request\":{\"headers\":") != BK_OK ||
            put_map(o, &r->headers, 0) != BK_OK ||
            bk_buf_append_cstr(o, ",\"method\":") != BK_OK ||
            bk_buf_append_json_str(o, r->method) != BK_OK ||
            bk_buf_append_cstr(o, ",\"querystring\":") != BK_OK ||
            put_map(o, &r->qs, 0) != BK_OK ||
            bk_buf_append_cstr(o, ",\"uri\":") != BK_OK ||
            bk_buf_append_json_str(o, r->uri) != BK_OK ||
            bk_buf_append_cstr(o, ",\"cookies\":") != BK_OK ||
            put_map(o, &r->cookies, 0) != BK_OK ||
            bk_buf_append_cstr(o, "}}") != BK_OK)
            return BK_ERR;
        return BK_OK;
    }
    const bk_cff_response_t *r = &res->resp;
    if (bk_buf_append_cstr(o, "{\"response\":{\"headers\":") != BK_OK ||
        put_map(o, &r->headers, 0) != BK_OK)
        return BK_ERR;
    if (r->has_desc && (bk_buf_append_cstr(o, ",\"statusDescription\":") != BK_OK ||
                        bk_buf_append_json_str(o, r->status_desc) != BK_OK))
        return BK_ERR;
    if (bk_buf_append_cstr(o, ",\"cookies\":") != BK_OK ||
        put_map(o, &r->cookies, 1) != BK_OK ||
        bk_buf_printf(o, ",\"statusCode\":%d", r->status) != BK_OK)
        return BK_ERR;
    if (r->has_body &&
        (bk_buf_printf(o, ",\"body\":{\"encoding\":\"%s\",\"data\":",
                       r->body_base64 ? "base64" : "text") != BK_OK ||
         bk_buf_append_json_str(o, r->body_text) != BK_OK ||
         bk_buf_putc(o, '}') != BK_OK))
        return BK_ERR;
    return bk_buf_append_cstr(o, "}}");
}
