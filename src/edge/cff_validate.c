/*
 * cff_validate.c: CloudFront's checks on what a function returns
 * (cloudfront-functions.md §4): disallowed and read-only headers, the
 * read-only method, the URI and query string rules. A failure is a
 * validation error (the viewer gets 502), distinct from an execution error.
 */
#include <stdio.h>
#include <string.h>

#include "edge/cff_int.h"

/* The disallowed names (§4), with their lengths: the check runs for every
 * header of every run, so it compares lengths before bytes. */
#define D(s) {s, sizeof(s) - 1}
static const struct {
    const char *s;
    size_t n;
} disallowed[] = {
    D("connection"), D("expect"), D("keep-alive"), D("proxy-authenticate"),
    D("proxy-authorization"), D("proxy-connection"), D("trailer"), D("upgrade"),
    D("x-accel-buffering"), D("x-accel-charset"), D("x-accel-limit-rate"),
    D("x-accel-redirect"), D("x-amzn-auth"), D("x-amzn-cf-billing"), D("x-amzn-cf-id"),
    D("x-amzn-cf-xff"), D("x-amzn-errortype"), D("x-amzn-fle-profile"),
    D("x-amzn-header-count"), D("x-amzn-header-order"),
    D("x-amzn-lambda-integration-tag"), D("x-amzn-requestid"), D("x-cache"),
    D("x-forwarded-proto"), D("x-real-ip"),
};
#undef D

static int prefix_ci(bk_str_t s, const char *p, size_t n)
{
    return s.n >= n && bk_str_eq_ci(bk_str(s.p, n), bk_str(p, n));
}

int bk_cff__disallowed(bk_str_t name)
{
    if (name.n == 0)
        return 0;
    /* Every disallowed name starts with one of these letters. */
    switch (name.p[0] | 0x20) {
    case 'c': case 'e': case 'k': case 'p': case 't': case 'u': case 'x':
        break;
    default:
        return 0;
    }
    /* The x- ones continue with a, c, e, f or r: custom headers (x-device,
     * x-lang, ...) leave here. */
    if ((name.p[0] | 0x20) == 'x') {
        if (name.n < 3 || name.p[1] != '-')
            return 0;
        switch (name.p[2] | 0x20) {
        case 'a': case 'c': case 'e': case 'f': case 'r':
            break;
        default:
            return 0;
        }
    }
    if (prefix_ci(name, "x-amz-cf-", 9) || prefix_ci(name, "x-edge-", 7))
        return 1;
    for (size_t i = 0; i < BK_COUNTOF(disallowed); i++)
        if (name.n == disallowed[i].n &&
            bk_str_eq_ci(name, bk_str(disallowed[i].s, disallowed[i].n)))
            return 1;
    return 0;
}

int bk_cff__disallowed_name(bk_str_t name) { return bk_cff__disallowed(name); }

static int fail(char *msg, size_t n, const char *fmt, ...) BK_PRINTF(3, 4);
static int fail(char *msg, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, n, fmt, ap);
    va_end(ap);
    return BK_ERR;
}

static int fields_equal(const bk_cff_field_t *a, const bk_cff_field_t *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!bk_str_eq(a->items[i].value, b->items[i].value))
            return 0;
    return 1;
}

/* The bytes of a header name a function may set: RFC 9110 token
 * characters, lower case only. */
static const uint8_t name_char[256] = {
    ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1,
    ['*'] = 1, ['+'] = 1, ['-'] = 1, ['.'] = 1, ['^'] = 1, ['_'] = 1,
    ['`'] = 1, ['|'] = 1, ['~'] = 1, ['0' ... '9'] = 1, ['a' ... 'z'] = 1,
};

/* A header name as CloudFront takes it: token characters, lower case. One
 * table lookup per byte; the message for a failure is worked out after. */
static int name_ok(bk_str_t name)
{
    uint8_t ok = 1;
    for (size_t k = 0; k < name.n; k++)
        ok &= name_char[name.p[k]];
    return ok && name.n != 0;
}

/* CR, LF or NUL would split or end the header line the value goes into
 * (headers, Cookie, Set-Cookie, the status line): never allowed. This runs
 * over every new value of every run: short values (most) take one pass
 * with a table, long ones memchr's vector loops. */
static const uint8_t line_end[256] = {[0] = 1, ['\r'] = 1, ['\n'] = 1};

static int breaks_line(bk_str_t v)
{
    if (v.n <= 64) {
        int bad = 0;
        for (size_t k = 0; k < v.n; k++)
            bad |= line_end[v.p[k]];
        return bad;
    }
    return memchr(v.p, '\r', v.n) || memchr(v.p, '\n', v.n) ||
           memchr(v.p, 0, v.n);
}

void bk_cff_map_mark_clean(bk_cff_map_t *m)
{
    m->clean = 0;
    for (uint32_t i = 0; i < m->n; i++) {
        if (!name_ok(m->v[i].name))
            return;
        for (uint32_t k = 0; k < m->v[i].n; k++)
            if (breaks_line(m->v[i].items[k].value))
                return;
    }
    m->clean = 1;
}

static int has_upper(bk_str_t s)
{
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] >= 'A' && s.p[i] <= 'Z')
            return 1;
    return 0;
}

/* The read-only headers (§4), per event: the name's read-only spelling,
 * or NULL. By length first: this runs for every new or changed header. */
typedef const char *(*readonly_fn)(bk_str_t name);

static const char *named(bk_str_t name, const char *s)
{
    return memcmp(name.p, s, name.n) == 0 ? s : NULL;
}

static const char *readonly_in_request(bk_str_t name)
{
    switch (name.n) {
    case 3: return named(name, "via");
    case 4: return named(name, "host");
    case 8: return named(name, "cdn-loop");
    case 14: return named(name, "content-length");
    case 17: return named(name, "transfer-encoding");
    default: return NULL;
    }
}

static const char *readonly_in_response(bk_str_t name)
{
    switch (name.n) {
    case 3: return named(name, "via");
    case 7: return named(name, "warning");
    default: return NULL;
    }
}

static const char *readonly_none(bk_str_t name)
{
    (void)name;
    return NULL;
}

/* Header map rules shared by requests and responses. */
static int check_headers(char *msg, size_t n, const char *what,
                         const bk_cff_map_t *orig, const bk_cff_map_t *now,
                         readonly_fn readonly)
{
    uint32_t nsame = 0;
    for (uint32_t i = 0; i < now->n; i++) {
        bk_str_t name = now->v[i].name;
        nsame += now->v[i].same;
        /* A field the function left alone passes every check below when
         * the event's map was clean (and a disallowed one equals itself). */
        if (now->v[i].same && orig && orig->clean)
            continue;
        if (name.n == 0)
            return fail(msg, n, "%s: empty header name", what);
        if (!name_ok(name))
            return fail(msg, n,
                        has_upper(name) ? "%s: header name '%.*s' must be lower case"
                                        : "%s: invalid header name '%.*s'",
                        what, BK_STR_FMT(name));
        for (uint32_t k = 0; k < now->v[i].n; k++)
            if (breaks_line(now->v[i].items[k].value))
                return fail(msg, n,
                            "%s: header '%.*s' has a CR, LF or NUL in its value",
                            what, BK_STR_FMT(name));
        if (bk_cff__disallowed(name) &&
            !fields_equal(orig ? bk_cff_map_find(orig, name) : NULL, &now->v[i]))
            return fail(msg, n, "%s: header '%.*s' is not allowed", what,
                        BK_STR_FMT(name));
    }
    /* Read-only headers: added, changed and removed alike. Added or
     * changed ones are among the fields the function touched; removed ones
     * are the event's read-only fields missing from the result. */
    for (uint32_t i = 0; i < now->n; i++) {
        const bk_cff_field_t *f = &now->v[i];
        const char *r = f->same ? NULL : readonly(f->name);
        if (r && !fields_equal(orig ? bk_cff_map_find(orig, f->name) : NULL, f))
            return fail(msg, n, "%s: header '%s' is read-only", what, r);
    }
    /* Each 'same' field is a distinct event field left as it was: when
     * they are all of them, no read-only one was removed or changed. */
    for (uint32_t i = 0; orig && nsame < orig->n && i < orig->n; i++) {
        const bk_cff_field_t *f = &orig->v[i];
        const char *r = readonly(f->name);
        if (r && !fields_equal(f, bk_cff_map_find(now, f->name)))
            return fail(msg, n, "%s: header '%s' is read-only", what, r);
    }
    return BK_OK;
}

static int bad_cookie_name(bk_str_t name)
{
    if (name.n == 0)
        return 1;
    for (size_t k = 0; k < name.n; k++) {
        uint8_t c = name.p[k];
        if (c <= 0x20 || c >= 0x7f || c == ';' || c == '=' || c == ',')
            return 1;
    }
    return 0;
}

static int cookie_unchanged(const bk_cff_map_t *orig, const bk_cff_field_t *f)
{
    const bk_cff_field_t *o = orig ? bk_cff_map_find(orig, f->name) : NULL;
    if (o == NULL || o->n != f->n)
        return 0;
    for (uint32_t i = 0; i < f->n; i++)
        if (!bk_str_eq(o->items[i].value, f->items[i].value) ||
            o->items[i].has_attrs != f->items[i].has_attrs ||
            !bk_str_eq(o->items[i].attrs, f->items[i].attrs))
            return 0;
    return 1;
}

/* Cookie rules shared by requests and responses: names are tokens, values
 * and attributes stay on their header line. Cookies the function left as
 * the viewer or origin sent them are not its fault and pass. */
static int check_cookies(char *msg, size_t n, const char *what,
                         const bk_cff_map_t *orig, const bk_cff_map_t *m)
{
    for (uint32_t i = 0; i < m->n; i++) {
        const bk_cff_field_t *f = &m->v[i];
        if (cookie_unchanged(orig, f))
            continue;
        if (bad_cookie_name(f->name))
            return fail(msg, n, "%s: invalid cookie name '%.*s'", what,
                        BK_STR_FMT(f->name));
        for (uint32_t k = 0; k < f->n; k++)
            if (breaks_line(f->items[k].value) ||
                (f->items[k].has_attrs && breaks_line(f->items[k].attrs)))
                return fail(msg, n,
                            "%s['%.*s']: a CR, LF or NUL in the value or attributes",
                            what, BK_STR_FMT(f->name));
    }
    return BK_OK;
}

static int bad_qs_byte(uint8_t c)
{
    return c <= 0x20 || c == 0x7f || c == '#';
}

/* Bytes a URI path may not hold: controls, space, DEL, '?' and '#'. */
static const uint8_t uri_bad[256] = {
    [0 ... 0x20] = 1, [0x7f] = 1, ['?'] = 1, ['#'] = 1,
};

static int uri_ok(bk_str_t u)
{
    int bad = 0;
    for (size_t i = 0; i < u.n; i++)
        bad |= uri_bad[u.p[i]];
    return !bad;
}

int bk_cff__validate_request(char *msg, size_t n, const bk_cff_event_t *ev,
                             const bk_cff_request_t *r)
{
    if (!bk_str_eq(r->method, ev->req.method))
        return fail(msg, n, "request.method is read-only");
    if (r->uri.n == 0 || r->uri.p[0] != '/')
        return fail(msg, n, "request.uri must start with '/'");
    if (!uri_ok(r->uri))
        return fail(msg, n,
                    "request.uri must not contain spaces, control characters, "
                    "'?' or '#'");
    size_t qlen = 0;
    for (uint32_t i = 0; i < r->qs.n; i++) {
        const bk_cff_field_t *f = &r->qs.v[i];
        /* The character rules are about what the function creates or
         * updates; a parameter left as the viewer sent it only counts
         * toward the length. */
        if (fields_equal(bk_cff_map_find(&ev->req.qs, f->name), f)) {
            for (uint32_t j = 0; j < f->n; j++)
                qlen += f->name.n + 1 + f->items[j].value.n + 1;
            continue;
        }
        for (size_t k = 0; k < f->name.n; k++)
            if (bad_qs_byte(f->name.p[k]) || f->name.p[k] == '&' || f->name.p[k] == '=')
                return fail(msg, n,
                            "request.querystring: name '%.*s' has a space, control "
                            "character, '#', '&' or '='",
                            BK_STR_FMT(f->name));
        for (uint32_t j = 0; j < f->n; j++) {
            bk_str_t v = f->items[j].value;
            for (size_t k = 0; k < v.n; k++)
                if (bad_qs_byte(v.p[k]) || v.p[k] == '&')
                    return fail(msg, n,
                                "request.querystring['%.*s']: the value has a space, "
                                "control character, '#' or '&'",
                                BK_STR_FMT(f->name));
            qlen += f->name.n + 1 + v.n + 1;
        }
    }
    if (r->uri.n + qlen >= BK_CFF_MAX_URI)
        return fail(msg, n, "request.uri and query string must be shorter than %d "
                            "characters",
                    BK_CFF_MAX_URI);
    if (check_headers(msg, n, "request.headers", &ev->req.headers, &r->headers,
                      readonly_in_request) != BK_OK)
        return BK_ERR;
    return check_cookies(msg, n, "request.cookies", &ev->req.cookies,
                         &r->cookies);
}

int bk_cff__validate_response(char *msg, size_t n, const bk_cff_event_t *ev,
                              const bk_cff_response_t *r)
{
    if (r->has_desc)
        for (size_t i = 0; i < r->status_desc.n; i++) {
            uint8_t c = r->status_desc.p[i];
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                return fail(msg, n,
                            "response.statusDescription has a control character");
        }
    if (check_cookies(msg, n, "response.cookies",
                      ev->type == BK_CFF_VIEWER_RESPONSE ? &ev->resp.cookies : NULL,
                      &r->cookies) != BK_OK)
        return BK_ERR;
    if (ev->type == BK_CFF_VIEWER_REQUEST)
        return check_headers(msg, n, "response.headers", NULL, &r->headers,
                             readonly_none);
    return check_headers(msg, n, "response.headers", &ev->resp.headers, &r->headers,
                         readonly_in_response);
}
