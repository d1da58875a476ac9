/*
 * cff_run.c: one CloudFront Functions invocation: event object in, handler
 * called, job queue drained, result read back and validated
 * (cloudfront-functions.md §2-§5).
 *
 * Write-back (§3.1): for each field the handler returned, a multiValue
 * array that differs from what the event held wins and 'value' is ignored;
 * otherwise 'value' replaces only the first occurrence and later ones stay.
 * A field missing from the returned object is removed.
 */
#include <stdio.h>
#include <string.h>

#include "edge/cff.h"
#include "edge/cff_int.h"

/* ---- building the event ------------------------------------------------------ */

/* The event's strings point at the model's bytes (no copy for ASCII): the
 * model lives in the caller's arena until after bk_js_end(). */
static int item_obj(bk_js_ctx_t *ctx, const bk_cff_keys_t *k,
                    const bk_cff_item_t *it, int attrs, bk_js_val_t *out)
{
    bk_js_key_t keys[2] = {k->value, k->attributes};
    bk_str_t strs[2] = {it->value, it->attrs};
    *out = bk_js_object_strs(ctx, keys, strs, attrs && it->has_attrs ? 2 : 1);
    return bk_js_is_undefined(*out) ? BK_ERR : BK_OK;
}

/* {"name": {value[, attributes][, multiValue: [...]]}}; built in chunks
 * of MAP_CHUNK fields, each one engine call. */
#define MAP_CHUNK 32
static int map_obj(bk_js_ctx_t *ctx, const bk_cff_keys_t *k,
                   const bk_cff_map_t *m, int attrs, bk_arena_t *a,
                   bk_js_val_t *out, bk_js_key_t **keys_out)
{
    bk_js_key_t names[MAP_CHUNK];
    bk_js_val_t vals[MAP_CHUNK];
    bk_js_val_t o = bk_js_undefined();
    /* The keys, parallel to m's fields, for read-back (read_map). */
    bk_js_key_t *keys = m->n ? bk_arena_alloc(a, m->n * sizeof(*keys)) : NULL;
    if (m->n && keys == NULL)
        return BK_ERR;
    *keys_out = keys;
    if (!attrs && m->n <= MAP_CHUNK) {
        /* The common case, every field once and no attributes: one call. */
        bk_str_t ns[MAP_CHUNK], vs[MAP_CHUNK];
        uint32_t i = 0;
        for (; i < m->n && m->v[i].n == 1; i++) {
            ns[i] = m->v[i].name;
            vs[i] = m->v[i].items[0].value;
        }
        if (i == m->n) {
            *out = bk_js_object_records(ctx, k->value, ns, vs, m->n, keys);
            return bk_js_is_undefined(*out) ? BK_ERR : BK_OK;
        }
    }
    for (uint32_t base = 0; base == 0 || base < m->n; base += MAP_CHUNK) {
        uint32_t n = m->n - base < MAP_CHUNK ? m->n - base : MAP_CHUNK;
        for (uint32_t i = 0; i < n; i++) {
            const bk_cff_field_t *f = &m->v[base + i];
            names[i] = keys[base + i] =
                bk_js_key(ctx, (const char *)f->name.p, f->name.n);
            if (names[i] == NULL ||
                item_obj(ctx, k, &f->items[0], attrs, &vals[i]) != BK_OK)
                return BK_ERR;
            if (f->n > 1) {
                bk_js_val_t arr = bk_js_array(ctx);
                if (bk_js_is_undefined(arr))
                    return BK_ERR;
                for (uint32_t j = 0; j < f->n; j++) {
                    bk_js_val_t it;
                    if (item_obj(ctx, k, &f->items[j], attrs, &it) != BK_OK ||
                        bk_js_set_index(ctx, arr, j, it) != BK_OK)
                        return BK_ERR;
                }
                if (bk_js_define_k(ctx, vals[i], k->multiValue, arr) != BK_OK)
                    return BK_ERR;
            }
        }
        if (base == 0) {
            o = bk_js_object_from(ctx, names, vals, n);
            if (bk_js_is_undefined(o))
                return BK_ERR;
        } else {
            for (uint32_t i = 0; i < n; i++)
                if (bk_js_define_k(ctx, o, names[i], vals[i]) != BK_OK)
                    return BK_ERR;
        }
    }
    *out = o;
    return BK_OK;
}

/* The event being run on this thread, for request.rawQueryString(). */
static __thread const bk_cff_event_t *current;

int bk_cff__raw_query_string(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                             const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    if (current == NULL || !current->req.has_raw_qs) {
        *ret = bk_js_undefined();
        return BK_OK;
    }
    *ret = bk_js_string(ctx, (const char *)current->req.raw_qs.p,
                        current->req.raw_qs.n);
    return BK_OK;
}

/* The keys each of the event's maps was built with, parallel to the
 * model's fields (map_obj). */
typedef struct {
    bk_js_key_t *qs, *headers, *cookies, *rheaders, *rcookies;
} built_keys_t;

static int build_event(bk_js_ctx_t *ctx, const bk_cff_keys_t *k,
                       const bk_cff_event_t *ev, bk_arena_t *a, built_keys_t *bk,
                       bk_js_val_t *out)
{
    bk_js_key_t keys[8];
    bk_js_val_t vals[8];
    bk_str_t strs[8];
    uint32_t n = 0;

    /* context: only the fields the event has. */
#define CTX_STR(key, s)                                                       \
    if ((s).p) {                                                              \
        keys[n] = k->key;                                                     \
        strs[n++] = (s);                                                      \
    }
    CTX_STR(distributionDomainName, ev->dist_domain)
    CTX_STR(endpoint, ev->endpoint)
    CTX_STR(distributionId, ev->dist_id)
    keys[n] = k->eventType;
    strs[n++] = ev->type == BK_CFF_VIEWER_REQUEST ? BK_STR("viewer-request")
                                                  : BK_STR("viewer-response");
    CTX_STR(requestId, ev->request_id)
#undef CTX_STR
    bk_js_val_t c = bk_js_object_strs(ctx, keys, strs, n);
    keys[0] = k->ip;
    strs[0] = ev->viewer_ip.p ? ev->viewer_ip : BK_STR("");
    bk_js_val_t vw = bk_js_object_strs(ctx, keys, strs, 1);
    if (bk_js_is_undefined(c) || bk_js_is_undefined(vw))
        return BK_ERR;

    /* request: method, uri, querystring, headers, cookies[, rawQueryString] */
    bk_js_val_t h, ck;
    n = 0;
    keys[n] = k->method;
    vals[n++] = bk_js_string_ext(ctx, (const char *)ev->req.method.p, ev->req.method.n);
    keys[n] = k->uri;
    vals[n++] = bk_js_string_ext(ctx, (const char *)ev->req.uri.p, ev->req.uri.n);
    keys[n++] = k->querystring;
    keys[n++] = k->headers;
    keys[n++] = k->cookies;
    if (bk_js_is_undefined(vals[0]) || bk_js_is_undefined(vals[1]) ||
        map_obj(ctx, k, &ev->req.qs, 0, a, &vals[2], &bk->qs) != BK_OK ||
        map_obj(ctx, k, &ev->req.headers, 0, a, &vals[3], &bk->headers) != BK_OK ||
        map_obj(ctx, k, &ev->req.cookies, 0, a, &vals[4], &bk->cookies) != BK_OK)
        return BK_ERR;
    if (bk_js_runtime(ctx) == BK_JS_RUNTIME_2_0) {
        keys[n] = k->rawQueryString;
        vals[n++] = k->f_raw_qs;
    }
    bk_js_val_t r = bk_js_object_from(ctx, keys, vals, n);
    if (bk_js_is_undefined(r))
        return BK_ERR;

    n = 0;
    keys[n] = k->version;
    vals[n++] = k->s_version;
    keys[n] = k->context;
    vals[n++] = c;
    keys[n] = k->viewer;
    vals[n++] = vw;
    keys[n] = k->request;
    vals[n++] = r;
    if (ev->type == BK_CFF_VIEWER_RESPONSE) {
        bk_js_val_t s = bk_js_object(ctx);
        if (bk_js_is_undefined(s) ||
            bk_js_define_k(ctx, s, k->statusCode, bk_js_number(ev->resp.status)) !=
                BK_OK ||
            (ev->resp.has_desc &&
             bk_js_define_k(ctx, s, k->statusDescription,
                            bk_js_string_ext(ctx, (const char *)ev->resp.status_desc.p,
                                             ev->resp.status_desc.n)) != BK_OK) ||
            map_obj(ctx, k, &ev->resp.headers, 0, a, &h, &bk->rheaders) != BK_OK ||
            bk_js_define_k(ctx, s, k->headers, h) != BK_OK ||
            map_obj(ctx, k, &ev->resp.cookies, 1, a, &ck, &bk->rcookies) != BK_OK ||
            bk_js_define_k(ctx, s, k->cookies, ck) != BK_OK)
            return BK_ERR;
        keys[n] = k->response;
        vals[n++] = s;
    }
    *out = bk_js_object_from(ctx, keys, vals, n);
    return bk_js_is_undefined(*out) ? BK_ERR : BK_OK;
}

/* ---- reading the result back --------------------------------------------------- */

/* The result's top-level fields read in one pass (bk_cff_run). */
enum { R_CONTEXT, R_REQUEST, R_STATUS, R_METHOD, R_URI, R_QS, R_HEADERS, R_COOKIES, R_N };

typedef struct {
    bk_js_ctx_t *ctx;
    const bk_cff_keys_t *k;
    int plain_proto;    /* bk_cff_fn_t.plain_proto == 1 */
    bk_arena_t *out;
    int threw;          /* a getter threw while reading: an execution error */
    built_keys_t bk;    /* the event's map keys (build_event) */
    const char *ewhat;  /* the entry being read, named in messages only */
    bk_str_t ename;
    char msg[512];
} rb_t;

/* "request.headers['name']" for the entry being read; formatted only when
 * a message needs it (this runs for every field of every run). */
static const char *entry_label(rb_t *rb, char *buf, size_t n)
{
    snprintf(buf, n, "%s['%.*s']", rb->ewhat, BK_STR_FMT(rb->ename));
    return buf;
}

static int invalid(rb_t *rb, const char *fmt, ...) BK_PRINTF(2, 3);
static int invalid(rb_t *rb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rb->msg, sizeof(rb->msg), fmt, ap);
    va_end(ap);
    return BK_ERR;
}

/* A JS string (or number) as a slice that outlives the invocation: 'same'
 * (a slice of the model, may be NULL) when the text is unchanged - the
 * common case - else a copy in rb->out. 'what' NULL: the entry being
 * read. */
static int take_str(rb_t *rb, bk_js_val_t v, const char *what,
                    const bk_str_t *same, bk_str_t *out)
{
    char lb[600];
    size_t n;
    const char *s = bk_js_str_ascii(v, &n);
    if (s == NULL) {
        if (!bk_js_is_string(v) && !bk_js_is_number(v))
            return invalid(rb, "%s must be a string",
                           what ? what : entry_label(rb, lb, sizeof(lb)));
        s = bk_js_to_utf8(rb->ctx, v, &n);
        if (s == NULL)
            return invalid(rb, "%s could not be read",
                           what ? what : entry_label(rb, lb, sizeof(lb)));
    }
    if (same && bk_str_eq(*same, bk_str(s, n))) {
        *out = *same;
        return BK_OK;
    }
    char *p = bk_arena_memdup(rb->out, s, n ? n : 1);
    if (p == NULL)
        return invalid(rb, "out of memory");
    *out = bk_str(p, n);
    return BK_OK;
}

/* o[k]; 'name' for the message if a getter throws. */
static int get(rb_t *rb, bk_js_val_t o, bk_js_key_t k, const char *name,
               bk_js_val_t *v)
{
    if (bk_js_get_k(rb->ctx, o, k, v) != BK_OK) {
        rb->threw = 1;
        return invalid(rb, "reading '%s' threw", name);
    }
    return BK_OK;
}

static int items_equal(const bk_cff_item_t *a, uint32_t na, const bk_cff_item_t *b,
                       uint32_t nb)
{
    if (na != nb)
        return 0;
    for (uint32_t i = 0; i < na; i++)
        if (!bk_str_eq(a[i].value, b[i].value) ||
            a[i].has_attrs != b[i].has_attrs ||
            (a[i].has_attrs && !bk_str_eq(a[i].attrs, b[i].attrs)))
            return 0;
    return 1;
}

/* Reads one returned entry {value, attributes?, multiValue?} against the
 * original field 'orig' (may be NULL) into f. */
static int read_entry(rb_t *rb, const char *what, bk_str_t name, bk_js_val_t e,
                      const bk_cff_field_t *orig, int attrs, bk_cff_field_t *f)
{
    const bk_cff_keys_t *k = rb->k;
    char w[600];
    rb->ewhat = what;
    rb->ename = name;
#define W entry_label(rb, w, sizeof(w))
    if (!bk_js_is_object(e))
        return invalid(rb, "%s must be an object with a value", W);
    f->name = name;
    f->same = 0;
    bk_js_val_t v, a = bk_js_undefined(), mv = bk_js_undefined();
    if (!(rb->plain_proto && bk_js_lone_value(rb->ctx, e, k->value, &v)) &&
        (get(rb, e, k->value, "value", &v) != BK_OK ||
         get(rb, e, k->multiValue, "multiValue", &mv) != BK_OK ||
         (attrs && get(rb, e, k->attributes, "attributes", &a) != BK_OK)))
        return BK_ERR;
    bk_cff_item_t first;
    memset(&first, 0, sizeof(first));
    int has_value = !bk_js_is_undefined(v);
    if (has_value &&
        take_str(rb, v, NULL, orig ? &orig->items[0].value : NULL, &first.value) !=
            BK_OK)
        return BK_ERR;
    if (attrs && !bk_js_is_undefined(a)) {
        if (take_str(rb, a, NULL, orig ? &orig->items[0].attrs : NULL,
                     &first.attrs) != BK_OK)
            return BK_ERR;
        first.has_attrs = 1;
    }
    if (bk_js_is_object(mv)) {
        uint32_t n = bk_js_array_length(rb->ctx, mv);
        bk_cff_item_t *items = bk_arena_calloc(rb->out, (n ? n : 1) * sizeof(*items));
        if (items == NULL)
            return invalid(rb, "out of memory");
        for (uint32_t i = 0; i < n; i++) {
            const bk_cff_item_t *oi = orig && i < orig->n ? &orig->items[i] : NULL;
            bk_js_val_t it, iv, ia = bk_js_undefined();
            if (bk_js_get_index(rb->ctx, mv, i, &it) != BK_OK) {
                rb->threw = 1;
                return invalid(rb, "%s.multiValue could not be read", W);
            }
            if (!bk_js_is_object(it))
                return invalid(rb, "%s.multiValue[%u] must be an object", W, i);
            if (get(rb, it, k->value, "value", &iv) != BK_OK ||
                take_str(rb, iv, NULL, oi ? &oi->value : NULL, &items[i].value) !=
                    BK_OK)
                return BK_ERR;
            if (attrs && get(rb, it, k->attributes, "attributes", &ia) != BK_OK)
                return BK_ERR;
            if (attrs && !bk_js_is_undefined(ia)) {
                if (take_str(rb, ia, NULL, oi ? &oi->attrs : NULL,
                             &items[i].attrs) != BK_OK)
                    return BK_ERR;
                items[i].has_attrs = 1;
            }
        }
        int unchanged = orig && items_equal(items, n, orig->items, orig->n);
        if (!unchanged && n > 0) {
            /* A changed multiValue wins; value is ignored. */
            f->items = items;
            f->n = n;
            return BK_OK;
        }
        if (n == 0 && !has_value)
            return invalid(rb, "%s has an empty multiValue and no value", W);
    }
    if (!has_value)
        return invalid(rb, "%s needs a value", W);
    if (orig && orig->n > 1) {
        /* value replaces the first occurrence only. */
        bk_cff_item_t *items = bk_arena_alloc(rb->out, orig->n * sizeof(*items));
        if (items == NULL)
            return invalid(rb, "out of memory");
        memcpy(items, orig->items, orig->n * sizeof(*items));
        items[0].value = first.value;
        if (first.has_attrs) {
            items[0].attrs = first.attrs;
            items[0].has_attrs = 1;
        }
        f->items = items;
        f->n = orig->n;
        return BK_OK;
    }
    if (orig && orig->n == 1 && items_equal(&first, 1, orig->items, 1)) {
        f->items = orig->items; /* unchanged: the model's item */
        f->n = 1;
        f->same = bk_str_eq(name, orig->name);
        return BK_OK;
    }
    f->items = bk_arena_memdup(rb->out, &first, sizeof(first));
    if (f->items == NULL)
        return invalid(rb, "out of memory");
    f->n = 1;
    return BK_OK;
#undef W
}

/* The index of the event field whose key is 'key' (okeys: the keys the
 * map was built with, parallel to orig's fields), trying 'hint' first:
 * fields usually come back in event order. -1: not an event field. */
static int32_t built_index(const bk_js_key_t *okeys, uint32_t n, bk_js_key_t key,
                           uint32_t hint)
{
    if (hint < n && okeys[hint] == key)
        return (int32_t)hint;
    for (uint32_t j = 0; j < n; j++)
        if (okeys[j] == key)
            return (int32_t)j;
    return -1;
}

/* e is still {value: the event's own string} for the one-occurrence field
 * 'of' (no copy of it was made, so its bytes are the model's). */
static int entry_untouched(rb_t *rb, bk_js_val_t e, const bk_cff_field_t *of)
{
    bk_js_val_t v;
    size_t n;
    if (of->n != 1 || !rb->plain_proto ||
        !bk_js_lone_value(rb->ctx, e, rb->k->value, &v))
        return 0;
    const char *p = bk_js_str_ascii(v, &n);
    return p != NULL && n == of->items[0].value.n && n != 0 &&
           (const uint8_t *)p == of->items[0].value.p;
}

/* o as a header, cookie or query map, against the event's map 'orig' (NULL
 * for a generated response) built with the keys 'okeys' (map_obj). */
static int read_map(rb_t *rb, bk_js_val_t o, const char *what,
                    const bk_cff_map_t *orig, const bk_js_key_t *okeys, int attrs,
                    bk_cff_map_t *out)
{
    memset(out, 0, sizeof(*out));
    if (bk_js_is_undefined(o) || bk_js_is_null(o))
        return BK_OK;
    if (!bk_js_is_object(o))
        return invalid(rb, "%s must be an object", what);
    bk_js_val_t *keys, *vals;
    uint32_t n;
    if (bk_js_entries(rb->ctx, o, &keys, &vals, &n) != BK_OK) {
        rb->threw = 1;
        return invalid(rb, "%s could not be read", what);
    }
    /* read_entry sets every member of the fields it reads. */
    out->v = bk_arena_alloc(rb->out, (n ? n : 1) * sizeof(*out->v));
    if (out->v == NULL)
        return invalid(rb, "out of memory");
    out->cap = n;
    for (uint32_t i = 0; i < n; i++) {
        if (bk_js_is_undefined(vals[i]))
            continue; /* obj[k] = undefined: treated as deleted */
        /* Keys are interned: the event's fields are found by pointer,
         * and a key matching none of them is a new field. */
        const bk_cff_field_t *of = NULL;
        bk_str_t name;
        if (orig && orig->n) {
            int32_t j = built_index(okeys, orig->n, bk_js_key_of(keys[i]), i);
            of = j >= 0 ? &orig->v[j] : NULL;
            if (of && !attrs && entry_untouched(rb, vals[i], of)) {
                out->v[out->n] = *of;
                out->v[out->n++].same = 1;
                continue;
            }
        }
        if (of)
            name = of->name; /* as the model spells it */
        else if (take_str(rb, keys[i], what, NULL, &name) != BK_OK)
            return BK_ERR;
        if (read_entry(rb, what, name, vals[i], of, attrs, &out->v[out->n]) != BK_OK)
            return BK_ERR;
        out->n++;
    }
    return BK_OK;
}

/* §4: the query string is read-only in viewer-response. The handler sees
 * event.request there too; any change it made to the query string (a
 * field added, removed or changed, or the map replaced by something else)
 * is a validation failure, like a read-only header. */
static int check_qs_untouched(rb_t *rb, bk_js_val_t event,
                              const bk_cff_event_t *ev)
{
    static const char ro[] = "request.querystring is read-only in viewer-response";
    bk_js_val_t r, qs;
    if (get(rb, event, rb->k->request, "request", &r) != BK_OK)
        return BK_ERR;
    if (!bk_js_is_object(r))
        return BK_OK; /* the request itself is not sent anywhere */
    if (get(rb, r, rb->k->querystring, "querystring", &qs) != BK_OK)
        return BK_ERR;
    bk_cff_map_t now;
    if (!bk_js_is_object(qs) ||
        read_map(rb, qs, "request.querystring", &ev->req.qs, rb->bk.qs, 0, &now) != BK_OK)
        return invalid(rb, "%s", ro);
    if (now.n != ev->req.qs.n)
        return invalid(rb, "%s", ro);
    for (uint32_t i = 0; i < now.n; i++) {
        const bk_cff_field_t *o = bk_cff_map_find(&ev->req.qs, now.v[i].name);
        if (o == NULL || !items_equal(now.v[i].items, now.v[i].n, o->items, o->n))
            return invalid(rb, "%s", ro);
    }
    return BK_OK;
}

/* 'have': r's fields already read (bk_js_own_values, R_*), or NULL. */
static int read_request(rb_t *rb, bk_js_val_t r, const bk_js_val_t *have,
                        const bk_cff_event_t *ev, bk_cff_request_t *req)
{
    const bk_cff_keys_t *k = rb->k;
    bk_js_val_t v;
    memset(req, 0, sizeof(*req));
    if (have)
        v = have[R_METHOD];
    else if (get(rb, r, k->method, "method", &v) != BK_OK)
        return BK_ERR;
    if (bk_js_is_undefined(v))
        req->method = ev->req.method;
    else if (take_str(rb, v, "request.method", &ev->req.method, &req->method) !=
             BK_OK)
        return BK_ERR;
    if (have)
        v = have[R_URI];
    else if (get(rb, r, k->uri, "uri", &v) != BK_OK)
        return BK_ERR;
    if (take_str(rb, v, "request.uri", &ev->req.uri, &req->uri) != BK_OK)
        return BK_ERR;
    bk_js_val_t qs, h, ck;
    if (have) {
        qs = have[R_QS];
        h = have[R_HEADERS];
        ck = have[R_COOKIES];
    } else if (get(rb, r, k->querystring, "querystring", &qs) != BK_OK ||
               get(rb, r, k->headers, "headers", &h) != BK_OK ||
               get(rb, r, k->cookies, "cookies", &ck) != BK_OK) {
        return BK_ERR;
    }
    if (bk_js_is_string(qs)) {
        /* A string query string is accepted and parsed, as njs-based
         * runtimes do (XXX: unconfirmed for CloudFront; docs/compat.md). */
        bk_str_t s;
        if (take_str(rb, qs, "request.querystring", NULL, &s) != BK_OK)
            return BK_ERR;
        if (s.n && s.p[0] == '?') {
            s.p++;
            s.n--;
        }
        if (bk_cff_parse_query(rb->out, s, &req->qs) != BK_OK)
            return invalid(rb, "out of memory");
    } else if (read_map(rb, qs, "request.querystring", &ev->req.qs, rb->bk.qs, 0,
                        &req->qs) !=
               BK_OK) {
        return BK_ERR;
    }
    if (read_map(rb, h, "request.headers", &ev->req.headers, rb->bk.headers, 0,
                 &req->headers) !=
            BK_OK ||
        read_map(rb, ck, "request.cookies", &ev->req.cookies, rb->bk.cookies, 0,
                 &req->cookies) !=
            BK_OK)
        return BK_ERR;
    req->raw_qs = ev->req.raw_qs;
    req->has_raw_qs = ev->req.has_raw_qs;
    return BK_OK;
}

static int b64val(uint8_t c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Decodes base64 (padding optional); BK_ERR on any other byte. */
int bk_cff__b64_decode(bk_arena_t *a, bk_str_t in, bk_str_t *out)
{
    uint8_t *p = bk_arena_alloc(a, in.n / 4 * 3 + 3);
    if (p == NULL)
        return BK_ERR;
    size_t o = 0;
    uint32_t acc = 0;
    int bits = 0;
    size_t i = 0;
    for (; i < in.n && in.p[i] != '='; i++) {
        int v = b64val(in.p[i]);
        if (v < 0)
            return BK_ERR;
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            p[o++] = (uint8_t)(acc >> bits);
        }
    }
    for (; i < in.n; i++)
        if (in.p[i] != '=')
            return BK_ERR;
    *out = bk_str(p, o);
    return BK_OK;
}

/* 'status': r.statusCode when already read (each field is read once, as
 * a getter would see it), or NULL. */
static int read_response(rb_t *rb, bk_js_val_t r, const bk_js_val_t *status,
                         const bk_cff_event_t *ev, bk_cff_response_t *resp)
{
    int generated = ev->type == BK_CFF_VIEWER_REQUEST;
    memset(resp, 0, sizeof(*resp));
    bk_js_val_t v;
    const bk_cff_keys_t *k = rb->k;
    if (status)
        v = *status;
    else if (get(rb, r, k->statusCode, "statusCode", &v) != BK_OK)
        return BK_ERR;
    if (bk_js_is_undefined(v) && !generated) {
        resp->status = ev->resp.status;
    } else {
        if (!bk_js_is_number(v))
            return invalid(rb, "response.statusCode must be a number");
        double d = bk_js_get_number(v);
        /* Range first: converting NaN or a huge double to int is undefined. */
        if (!(d >= 100 && d <= 599) || d != (double)(int)d)
            return invalid(rb, "response.statusCode must be an integer from 100 to 599");
        resp->status = (int)d;
    }
    if (get(rb, r, k->statusDescription, "statusDescription", &v) != BK_OK)
        return BK_ERR;
    if (!bk_js_is_undefined(v)) {
        if (take_str(rb, v, "response.statusDescription",
                     generated ? NULL : &ev->resp.status_desc,
                     &resp->status_desc) != BK_OK)
            return BK_ERR;
        resp->has_desc = 1;
    }
    bk_js_val_t h, ck, body;
    if (get(rb, r, k->headers, "headers", &h) != BK_OK ||
        get(rb, r, k->cookies, "cookies", &ck) != BK_OK ||
        get(rb, r, k->body, "body", &body) != BK_OK)
        return BK_ERR;
    if (read_map(rb, h, "response.headers", generated ? NULL : &ev->resp.headers,
                 generated ? NULL : rb->bk.rheaders, 0,
                 &resp->headers) != BK_OK ||
        read_map(rb, ck, "response.cookies", generated ? NULL : &ev->resp.cookies,
                 generated ? NULL : rb->bk.rcookies, 1,
                 &resp->cookies) != BK_OK)
        return BK_ERR;
    if (bk_js_is_undefined(body))
        return BK_OK;
    resp->has_body = 1;
    if (bk_js_is_string(body)) {
        if (take_str(rb, body, "response.body", NULL, &resp->body_text) != BK_OK)
            return BK_ERR;
        resp->body = resp->body_text;
        return BK_OK;
    }
    if (!bk_js_is_object(body))
        return invalid(rb, "response.body must be a string or {encoding, data}");
    bk_js_val_t enc, data;
    bk_str_t es = BK_STR("text");
    if (get(rb, body, k->encoding, "encoding", &enc) != BK_OK ||
        get(rb, body, k->data, "data", &data) != BK_OK)
        return BK_ERR;
    if (!bk_js_is_undefined(enc) &&
        take_str(rb, enc, "response.body.encoding", NULL, &es) != BK_OK)
        return BK_ERR;
    if (take_str(rb, data, "response.body.data", NULL, &resp->body_text) != BK_OK)
        return BK_ERR;
    if (bk_str_eq(es, BK_STR("text"))) {
        resp->body = resp->body_text;
    } else if (bk_str_eq(es, BK_STR("base64"))) {
        resp->body_base64 = 1;
        if (bk_cff__b64_decode(rb->out, resp->body_text, &resp->body) != BK_OK)
            return invalid(rb, "response.body.data is not valid base64");
    } else {
        return invalid(rb, "response.body.encoding must be \"text\" or \"base64\"");
    }
    return BK_OK;
}

/* ---- running ------------------------------------------------------------------------ */

typedef struct {
    bk_arena_t *out;
    const char **lines;
    size_t n, cap;
    size_t bytes;
    int truncated;
} logs_t;

static void on_log(void *data, const char *line, size_t n)
{
    logs_t *l = data;
    if (l->bytes >= BK_CFF_MAX_LOG) {
        l->truncated = 1;
        return;
    }
    if (n > BK_CFF_MAX_LOG - l->bytes) {
        n = BK_CFF_MAX_LOG - l->bytes;
        l->truncated = 1;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        const char **v = bk_arena_realloc(l->out, l->lines, l->cap * sizeof(*v),
                                          cap * sizeof(*v));
        if (v == NULL)
            return;
        l->lines = v;
        l->cap = cap;
    }
    char *s = bk_arena_strndup(l->out, line, n);
    if (s == NULL)
        return;
    l->lines[l->n++] = s;
    l->bytes += n;
}

static const char *copy_msg(bk_arena_t *out, const char *m)
{
    char *s = bk_arena_strndup(out, m, strlen(m));
    return s ? s : "out of memory";
}

int bk_cff_run(bk_cff_fn_t *fn, bk_js_ctx_t *ctx, const bk_cff_event_t *ev,
               bk_arena_t *out, bk_cff_result_t *res)
{
    memset(res, 0, sizeof(*res));
    res->message = "";
    logs_t logs = {.out = out};
    rb_t rb; /* not zeroed whole: msg is written only on failure */
    rb.ctx = ctx;
    rb.k = &fn->k;
    rb.out = out;
    rb.threw = 0;
    rb.ewhat = "";
    rb.ename = BK_STR_NULL;
    rb.msg[0] = 0;
    rb.plain_proto = 0;
    memset(&rb.bk, 0, sizeof(rb.bk));
    bk_js_set_log(ctx, on_log, &logs);
    bk_js_begin(ctx);
    current = ev;
    bk_cff__run_begin(fn, ev, out, res);

    bk_js_val_t event, result;
    /* Read before the handler runs, so always the template's value. */
    bk_js_val_t handler = __atomic_load_n(&fn->handler, __ATOMIC_RELAXED);
    if (handler == 0) {
        handler = bk_js_get_global(ctx, "handler");
        if (bk_js_is_function(handler))
            __atomic_store_n(&fn->handler, handler, __ATOMIC_RELAXED);
    }
    int plain = __atomic_load_n(&fn->plain_proto, __ATOMIC_RELAXED);
    if (plain == 0) {
        /* Before the handler runs: the template's Object.prototype lacks
         * every key read-back may find missing from a plain object. */
        bk_js_key_t probe[] = {fn->k.multiValue, fn->k.attributes, fn->k.context,
                               fn->k.request,    fn->k.statusCode, fn->k.method,
                               fn->k.uri,        fn->k.querystring, fn->k.headers,
                               fn->k.cookies};
        plain = bk_js_object_proto_lacks(ctx, probe, BK_COUNTOF(probe)) ? 1 : 2;
        __atomic_store_n(&fn->plain_proto, plain, __ATOMIC_RELAXED);
    }
    rb.plain_proto = plain == 1;
    int rc = BK_ERR;
    if (!bk_js_is_function(handler)) {
        res->outcome = BK_CFF_EXEC_ERROR;
        res->message = "The function has no handler function";
        goto done;
    }
    if (build_event(ctx, &fn->k, ev, out, &rb.bk, &event) != BK_OK) {
        res->outcome = bk_js_limit_hit(ctx) ? BK_CFF_LIMIT : BK_CFF_EXEC_ERROR;
        res->message = "The event object could not be built (out of memory)";
        goto done;
    }
    if (bk_js_call(ctx, handler, bk_js_undefined(), 1, &event, &result) != BK_OK ||
        bk_js_run_jobs(ctx) != BK_OK)
        goto threw;
    int st = bk_js_promise_state(ctx, result, &result);
    if (st == 0) {
        res->outcome = BK_CFF_EXEC_ERROR;
        res->message = "The handler's promise did not settle";
        goto done;
    }
    if (st == 2) {
        size_t n;
        const char *why = bk_js_to_utf8(ctx, result, &n);
        char m[512];
        snprintf(m, sizeof(m), "%s", why ? why : "the handler's promise was rejected");
        res->outcome = BK_CFF_EXEC_ERROR;
        res->message = copy_msg(out, m);
        goto done;
    }
    if (!bk_js_is_object(result)) {
        res->outcome = BK_CFF_VALIDATION_ERROR;
        res->message = ev->type == BK_CFF_VIEWER_REQUEST
                           ? "The function must return the request or a response object"
                           : "The function must return the response object";
        goto done;
    }
    /* The result's top-level fields in one pass when it is a plain object
     * of data properties (the usual case); else [[Get]] one by one. */
    const bk_js_key_t top[R_N] = {
        [R_CONTEXT] = fn->k.context, [R_REQUEST] = fn->k.request,
        [R_STATUS] = fn->k.statusCode, [R_METHOD] = fn->k.method,
        [R_URI] = fn->k.uri, [R_QS] = fn->k.querystring,
        [R_HEADERS] = fn->k.headers, [R_COOKIES] = fn->k.cookies,
    };
    bk_js_val_t tv[R_N];
    const bk_js_val_t *have =
        rb.plain_proto && bk_js_own_values(ctx, result, top, R_N, tv) ? tv : NULL;
    /* §2: the request or response object, never the whole event. */
    bk_js_val_t probe, probe2;
    if (have) {
        probe = have[R_CONTEXT];
        probe2 = have[R_REQUEST];
    } else if (bk_js_get_k(ctx, result, fn->k.context, &probe) != BK_OK ||
               bk_js_get_k(ctx, result, fn->k.request, &probe2) != BK_OK) {
        goto threw; /* a getter threw */
    }
    if (bk_js_is_object(probe) && bk_js_is_object(probe2)) {
        res->outcome = BK_CFF_VALIDATION_ERROR;
        res->message = ev->type == BK_CFF_VIEWER_REQUEST
                           ? "The function returned the event object; return "
                             "event.request or a response object"
                           : "The function returned the event object; return "
                             "event.response";
        goto done;
    }
    bk_js_val_t sc = bk_js_undefined();
    int sc_read = have != NULL || ev->type == BK_CFF_VIEWER_REQUEST;
    if (have)
        sc = have[R_STATUS];
    else if (sc_read && bk_js_get_k(ctx, result, fn->k.statusCode, &sc) != BK_OK)
        goto threw;
    if (ev->type == BK_CFF_VIEWER_REQUEST && bk_js_is_undefined(sc)) {
        res->is_response = 0;
        if (read_request(&rb, result, have, ev, &res->req) != BK_OK ||
            bk_cff__validate_request(&rb.msg[0], sizeof(rb.msg), ev, &res->req) !=
                BK_OK)
            goto invalid_out;
    } else {
        res->is_response = 1;
        if (read_response(&rb, result, sc_read ? &sc : NULL, ev, &res->resp) !=
                BK_OK ||
            bk_cff__validate_response(&rb.msg[0], sizeof(rb.msg), ev, &res->resp) !=
                BK_OK ||
            (ev->type == BK_CFF_VIEWER_RESPONSE &&
             check_qs_untouched(&rb, event, ev) != BK_OK))
            goto invalid_out;
    }
    if (bk_js_limit_hit(ctx))
        goto threw;
    res->outcome = BK_CFF_OK;
    rc = BK_OK;
    goto done;

invalid_out:
    if (bk_js_limit_hit(ctx) || rb.threw)
        goto threw;
    res->outcome = BK_CFF_VALIDATION_ERROR;
    res->message = copy_msg(out, rb.msg[0] ? rb.msg : "invalid result");
    goto done;

threw:
    if (bk_js_limit_hit(ctx) != BK_JS_LIMIT_NONE) {
        res->outcome = BK_CFF_LIMIT;
        res->message = bk_js_limit_hit(ctx) == BK_JS_LIMIT_MEMORY
                           ? "The function exceeded the memory limit (2 MB)"
                           : "The function exceeded its compute budget";
    } else {
        const char *e = bk_js_exception_str(ctx);
        res->outcome = BK_CFF_EXEC_ERROR;
        res->message = copy_msg(out, e ? e : "Error: the function threw");
    }

done:
    res->utilization = bk_js_utilization(ctx);
    res->logs = logs.lines;
    res->nlogs = logs.n;
    bk_cff__run_end(fn, res);
    if (res->outcome != BK_CFF_OK)
        rc = BK_ERR;
    current = NULL;
    bk_js_end(ctx);
    return rc;
}
