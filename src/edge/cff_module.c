/*
 * cff_module.c: the `cloudfront` module of runtime 2.0 (reference §7) and
 * the per-run state it keeps (logCustomData, origin changes).
 *
 * kvs() returns a handle whose get/exists/meta answer with promises, made
 * through the engine's public API (Promise.resolve / Promise.reject called
 * like any function), so a missing key is a rejection the function can
 * catch. The store is the one loaded with the function (bk_cff_load's
 * 'kvs'); natives find it through the run (or load) under way on this
 * thread, since handles are usually made at top level, in the template.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "edge/cff_int.h"

static __thread bk_cff_result_t *run_res;
static __thread bk_arena_t *run_out;
static __thread bk_cff_fn_t *run_fn;
static __thread bk_cff_fn_t *load_fn;
static __thread const bk_cff_event_t *run_ev;
static __thread const char *origin_err; /* last origin helper call, invalid */

static int log_custom_data(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                           const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    *ret = bk_js_undefined();
    if (run_res == NULL || argc < 1)
        return BK_OK;
    size_t n;
    const char *s = bk_js_to_utf8(ctx, argv[0], &n);
    if (s == NULL)
        return BK_ERR;
    /* ≤ 800 bytes after URL-encoding; the last call wins (§7). */
    char buf[801];
    size_t o = 0;
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)s[i];
        int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || strchr("-_.~", c);
        if (c == 0)
            plain = 0;
        if (plain) {
            if (o + 1 > 800)
                break;
            buf[o++] = (char)c;
        } else {
            if (o + 3 > 800)
                break;
            buf[o++] = '%';
            buf[o++] = hex[c >> 4];
            buf[o++] = hex[c & 15];
        }
    }
    char *p = bk_arena_memdup(run_out, buf, o ? o : 1);
    if (p != NULL)
        run_res->log_custom_data = bk_str(p, o);
    return BK_OK;
}

/* ---- KeyValueStore ---------------------------------------------------------- */

/* *ret = Promise.resolve(v) (ok) or Promise.reject(v). */
static int settle(bk_js_ctx_t *ctx, int ok, bk_js_val_t v, bk_js_val_t *ret)
{
    bk_js_val_t promise = bk_js_get_global(ctx, "Promise"), f;
    if (!bk_js_is_function(promise))
        return bk_js_throw(ctx, "Error", "Promise is not available");
    if (bk_js_get(ctx, promise, ok ? "resolve" : "reject", &f) != BK_OK)
        return BK_ERR;
    return bk_js_call(ctx, f, promise, 1, &v, ret);
}

/* *ret = a promise rejected with new <name>(msg). The error is made by
 * throwing it and taking it back, the one way the API offers. */
static int reject_with(bk_js_ctx_t *ctx, bk_js_val_t *ret, const char *name,
                       const char *msg)
{
    (void)bk_js_throw(ctx, name, "%s", msg);
    if (bk_js_limit_hit(ctx))
        return BK_ERR;
    return settle(ctx, 0, bk_js_take_exception(ctx), ret);
}

/* The store of the run under way, or NULL (then *ret is a rejection). */
static const bk_cff_kvs_t *store(bk_js_ctx_t *ctx, bk_js_val_t *ret, int *rc)
{
    const bk_cff_kvs_t *k = run_fn ? run_fn->kvs : NULL;
    if (k == NULL)
        *rc = reject_with(ctx, ret, "Error",
                          "No KeyValueStore is associated with this function");
    return k;
}

/* The key argument as UTF-8 in the invocation arena. */
static const char *key_arg(bk_js_ctx_t *ctx, int argc, const bk_js_val_t *argv,
                           size_t *n)
{
    if (argc < 1 || !bk_js_is_string(argv[0]))
        return NULL;
    return bk_js_to_utf8(ctx, argv[0], n);
}

/* kvs.get(key[, {format: "string"|"json"|"bytes"}]): rejects on a missing
 * key (§7). */
static int kvs_get(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                   const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    int rc = BK_OK;
    const bk_cff_kvs_t *k = store(ctx, ret, &rc);
    if (k == NULL)
        return rc;
    size_t kn, vn, fn = 6;
    const char *key = key_arg(ctx, argc, argv, &kn);
    if (key == NULL)
        return reject_with(ctx, ret, "TypeError", "The key must be a string");
    const char *format = "string";
    if (argc > 1 && bk_js_is_object(argv[1])) {
        bk_js_val_t f;
        if (bk_js_get(ctx, argv[1], "format", &f) != BK_OK)
            return BK_ERR;
        if (!bk_js_is_undefined(f) &&
            (format = bk_js_to_utf8(ctx, f, &fn)) == NULL)
            return BK_ERR;
    }
    const char *v = bk_cff__kvs_get(k, bk_str(key, kn), &vn);
    if (v == NULL) {
        char m[600];
        snprintf(m, sizeof(m), "Key not found: %.512s", key);
        return reject_with(ctx, ret, "Error", m);
    }
    bk_js_val_t s = bk_js_string(ctx, v, vn);
    if (bk_js_is_undefined(s))
        return BK_ERR;
    if (strcmp(format, "string") == 0)
        return settle(ctx, 1, s, ret);
    if (strcmp(format, "json") == 0) {
        bk_js_val_t json = bk_js_get_global(ctx, "JSON"), parse, parsed;
        if (bk_js_get(ctx, json, "parse", &parse) != BK_OK)
            return BK_ERR;
        if (bk_js_call(ctx, parse, json, 1, &s, &parsed) != BK_OK) {
            if (bk_js_limit_hit(ctx))
                return BK_ERR;
            return settle(ctx, 0, bk_js_take_exception(ctx), ret);
        }
        return settle(ctx, 1, parsed, ret);
    }
    if (strcmp(format, "bytes") == 0) {
        /* The stored value's UTF-8 bytes, as a Buffer (2.0's byte type). */
        bk_js_val_t buffer = bk_js_get_global(ctx, "Buffer"), from, bytes;
        if (!bk_js_is_function(buffer))
            return reject_with(ctx, ret, "TypeError",
                               "format 'bytes' needs Buffer, which is missing");
        if (bk_js_get(ctx, buffer, "from", &from) != BK_OK ||
            bk_js_call(ctx, from, buffer, 1, &s, &bytes) != BK_OK)
            return BK_ERR;
        return settle(ctx, 1, bytes, ret);
    }
    return reject_with(ctx, ret, "TypeError",
                       "format must be \"string\", \"json\" or \"bytes\"");
}

/* kvs.exists(key) -> Promise<boolean>. */
static int kvs_exists(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                      const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    int rc = BK_OK;
    const bk_cff_kvs_t *k = store(ctx, ret, &rc);
    if (k == NULL)
        return rc;
    size_t kn, vn;
    const char *key = key_arg(ctx, argc, argv, &kn);
    if (key == NULL)
        return reject_with(ctx, ret, "TypeError", "The key must be a string");
    return settle(ctx, 1, bk_js_bool(bk_cff__kvs_get(k, bk_str(key, kn), &vn) != NULL),
                  ret);
}

/* kvs.meta() -> Promise<{creationDateTime, lastUpdatedDateTime, keyCount}>;
 * both dates are the import file's modification time. */
static int kvs_meta(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                    const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    int rc = BK_OK;
    const bk_cff_kvs_t *k = store(ctx, ret, &rc);
    if (k == NULL)
        return rc;
    char when[32];
    time_t t = (time_t)bk_cff__kvs_mtime(k);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    bk_js_val_t m = bk_js_object(ctx), d = bk_js_string(ctx, when, strlen(when));
    if (bk_js_is_undefined(m) || bk_js_is_undefined(d) ||
        bk_js_set(ctx, m, "creationDateTime", d) != BK_OK ||
        bk_js_set(ctx, m, "lastUpdatedDateTime", d) != BK_OK ||
        bk_js_set(ctx, m, "keyCount", bk_js_number((double)bk_cff__kvs_count(k))) !=
            BK_OK)
        return BK_ERR;
    return settle(ctx, 1, m, ret);
}

/* cf.kvs([id]): a handle on the function's store. brink associates one
 * store per function (as CloudFront does), so any id names it. */
static int kvs(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
               const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    bk_cff_fn_t *fn = run_fn ? run_fn : load_fn;
    if (argc > 0 && !bk_js_is_undefined(argv[0]) && !bk_js_is_string(argv[0]))
        return bk_js_throw(ctx, "TypeError", "The KeyValueStore id must be a string");
    if (fn == NULL || fn->kvs == NULL)
        return bk_js_throw(ctx, "Error",
                           "No KeyValueStore is associated with this function");
    bk_js_val_t h = bk_js_object(ctx);
    bk_js_val_t g = bk_js_function(ctx, "get", kvs_get, 2);
    bk_js_val_t e = bk_js_function(ctx, "exists", kvs_exists, 1);
    bk_js_val_t m = bk_js_function(ctx, "meta", kvs_meta, 0);
    if (bk_js_is_undefined(h) || bk_js_is_undefined(g) || bk_js_is_undefined(e) ||
        bk_js_is_undefined(m) || bk_js_set(ctx, h, "get", g) != BK_OK ||
        bk_js_set(ctx, h, "exists", e) != BK_OK || bk_js_set(ctx, h, "meta", m) != BK_OK)
        return BK_ERR;
    *ret = h;
    return BK_OK;
}

/* ---- origin helpers (§7) ------------------------------------------------------ */

/* Each helper turns its argument into JSON (JSON.stringify, so getters and
 * toJSON behave as in JS), checks it against the documented fields and
 * ranges, and records it in the result for the server to apply; the last
 * call wins. A wrong value is not thrown at the call: the run ends as a
 * validation failure (502, "invalid value for origin rewrite" in user
 * reports). XXX: TestFunction in AWS reportedly skips these checks; brink
 * applies them in both places (docs/compat.md). */

typedef struct {
    char *m;
    size_t n;
} verr_t;

static int vfail(verr_t *e, const char *fmt, ...) BK_PRINTF(2, 3);
static int vfail(verr_t *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->m, e->n, fmt, ap);
    va_end(ap);
    return BK_ERR;
}

static int only_keys(verr_t *e, const char *what, json_t *o, const char *const *keys)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v)
    {
        size_t i = 0;
        while (keys[i] && strcmp(keys[i], k) != 0)
            i++;
        if (keys[i] == NULL)
            return vfail(e, "%s: unknown field '%s'", what, k);
    }
    return BK_OK;
}

static int is_int_in(json_t *v, long long lo, long long hi)
{
    double d;
    if (json_is_integer(v))
        d = (double)json_integer_value(v);
    else if (json_is_real(v))
        d = json_real_value(v);
    else
        return 0;
    return d == (double)(long long)d && d >= (double)lo && d <= (double)hi;
}

static int one_of(const char *s, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (strcmp(s, set[i]) == 0)
            return 1;
    return 0;
}

static int enum_field(verr_t *e, const char *what, json_t *o, const char *key,
                      const char *const *set, int required)
{
    json_t *v = json_object_get(o, key);
    if (v == NULL)
        return required ? vfail(e, "%s.%s is required", what, key) : BK_OK;
    if (!json_is_string(v) || !one_of(json_string_value(v), set))
        return vfail(e, "%s.%s: invalid value", what, key);
    return BK_OK;
}

static int string_list(verr_t *e, const char *what, json_t *v, size_t max_n,
                       size_t max_len)
{
    if (!json_is_array(v) || json_array_size(v) > max_n)
        return vfail(e, "%s: at most %zu strings", what, max_n);
    size_t i;
    json_t *it;
    json_array_foreach(v, i, it)
    {
        if (!json_is_string(it) || json_string_length(it) == 0 ||
            json_string_length(it) > max_len)
            return vfail(e, "%s[%zu]: a string of 1 to %zu characters", what, i,
                         max_len);
    }
    return BK_OK;
}

static int check_domain(verr_t *e, json_t *v)
{
    if (!json_is_string(v))
        return vfail(e, "domainName must be a string");
    const char *d = json_string_value(v);
    size_t n = strlen(d);
    int s3 = strstr(d, ".s3.") != NULL || strstr(d, ".s3-") != NULL;
    if (n == 0 || n > (s3 ? 128u : 253u))
        return vfail(e, "domainName: 1 to %d characters", s3 ? 128 : 253);
    int digits_dots = 1;
    for (size_t i = 0; i < n; i++) {
        char c = d[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '-'))
            return vfail(e, "domainName: '%c' is not allowed (no port, no IP "
                            "address)", c);
        if (s3 && c >= 'A' && c <= 'Z')
            return vfail(e, "domainName: S3 bucket domains are lower case");
        if (!((c >= '0' && c <= '9') || c == '.'))
            digits_dots = 0;
    }
    if (digits_dots)
        return vfail(e, "domainName: an IP address is not allowed");
    return BK_OK;
}

/* The fields updateRequestOrigin() and originOverrides take. */
static int check_update(verr_t *e, const char *what, json_t *o)
{
    static const char *const keys[] = {
        "domainName", "hostHeader", "originPath", "customHeaders",
        "connectionAttempts", "originShield", "originAccessControlConfig",
        "timeouts", "customOriginConfig", "ipAddressType", "sni",
        "allowedCertificateNames", NULL};
    if (!json_is_object(o))
        return vfail(e, "%s must be an object", what);
    if (only_keys(e, what, o, keys) != BK_OK)
        return BK_ERR;
    json_t *v;
    if ((v = json_object_get(o, "domainName")) && check_domain(e, v) != BK_OK)
        return BK_ERR;
    if ((v = json_object_get(o, "hostHeader")) &&
        (!json_is_string(v) || json_string_length(v) == 0))
        return vfail(e, "%s.hostHeader must be a non-empty string", what);
    if ((v = json_object_get(o, "originPath"))) {
        const char *p = json_is_string(v) ? json_string_value(v) : NULL;
        size_t n = p ? strlen(p) : 0;
        if (p == NULL || n == 0 || p[0] != '/' || p[n - 1] == '/' || n > 255)
            return vfail(e, "%s.originPath starts with '/', does not end with '/' "
                            "and has at most 255 characters", what);
    }
    if ((v = json_object_get(o, "customHeaders"))) {
        if (!json_is_object(v))
            return vfail(e, "%s.customHeaders must be an object of strings", what);
        const char *k;
        json_t *hv;
        json_object_foreach(v, k, hv)
        {
            if (!json_is_string(hv) || k[0] == '\0' ||
                strpbrk(k, " \t\r\n:()<>@,;\\\"/[]?={}") != NULL ||
                strpbrk(json_string_value(hv), "\r\n") != NULL)
                return vfail(e, "%s.customHeaders['%s'] is not a valid header", what, k);
        }
    }
    if ((v = json_object_get(o, "connectionAttempts")) && !is_int_in(v, 1, 3))
        return vfail(e, "%s.connectionAttempts: 1 to 3", what);
    if ((v = json_object_get(o, "originShield"))) {
        static const char *const sk[] = {"enabled", "region", NULL};
        json_t *en = json_object_get(v, "enabled"), *rg = json_object_get(v, "region");
        if (!json_is_object(v) || only_keys(e, "originShield", v, sk) != BK_OK ||
            !json_is_boolean(en) ||
            (json_is_true(en) && (!json_is_string(rg) || json_string_length(rg) == 0)) ||
            (rg && !json_is_string(rg)))
            return e->m[0] ? BK_ERR
                           : vfail(e, "%s.originShield: {enabled: boolean, region: "
                                      "string when enabled}", what);
    }
    if ((v = json_object_get(o, "originAccessControlConfig"))) {
        static const char *const ok[] = {"enabled", "signingBehavior",
                                         "signingProtocol", "originType", NULL};
        static const char *const beh[] = {"always", "never", "no-override", NULL};
        static const char *const proto[] = {"sigv4", NULL};
        static const char *const type[] = {"s3", "mediapackagev2", "mediastore",
                                           "lambda", NULL};
        const char *w = "originAccessControlConfig";
        if (!json_is_object(v))
            return vfail(e, "%s.%s must be an object", what, w);
        int on = json_is_true(json_object_get(v, "enabled"));
        if (only_keys(e, w, v, ok) != BK_OK)
            return BK_ERR;
        if (!json_is_boolean(json_object_get(v, "enabled")))
            return vfail(e, "%s.enabled must be a boolean", w);
        if (enum_field(e, w, v, "signingBehavior", beh, on) != BK_OK ||
            enum_field(e, w, v, "signingProtocol", proto, on) != BK_OK ||
            enum_field(e, w, v, "originType", type, on) != BK_OK)
            return BK_ERR;
    }
    if ((v = json_object_get(o, "timeouts"))) {
        static const char *const tk[] = {"readTimeout", "responseCompletionTimeout",
                                         "keepAliveTimeout", "connectionTimeout", NULL};
        if (!json_is_object(v))
            return vfail(e, "%s.timeouts must be an object", what);
        if (only_keys(e, "timeouts", v, tk) != BK_OK)
            return BK_ERR;
        json_t *rd = json_object_get(v, "readTimeout"),
               *rc = json_object_get(v, "responseCompletionTimeout"),
               *ka = json_object_get(v, "keepAliveTimeout"),
               *ct = json_object_get(v, "connectionTimeout");
        if (rd && !is_int_in(rd, 1, 120))
            return vfail(e, "timeouts.readTimeout: 1 to 120");
        if (ka && !is_int_in(ka, 1, 120))
            return vfail(e, "timeouts.keepAliveTimeout: 1 to 120");
        if (ct && !is_int_in(ct, 1, 10))
            return vfail(e, "timeouts.connectionTimeout: 1 to 10");
        if (rc && (!is_int_in(rc, 1, 1000000000) ||
                   (rd && json_number_value(rc) < json_number_value(rd))))
            return vfail(e, "timeouts.responseCompletionTimeout: at least "
                            "readTimeout");
    }
    if ((v = json_object_get(o, "customOriginConfig"))) {
        static const char *const ck[] = {"port", "protocol", "sslProtocols", NULL};
        static const char *const pr[] = {"http", "https", NULL};
        static const char *const ssl[] = {"SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2",
                                          NULL};
        const char *w = "customOriginConfig";
        if (!json_is_object(v))
            return vfail(e, "%s.%s must be an object", what, w);
        if (only_keys(e, w, v, ck) != BK_OK ||
            enum_field(e, w, v, "protocol", pr, 0) != BK_OK)
            return BK_ERR;
        json_t *port = json_object_get(v, "port");
        json_t *sp = json_object_get(v, "sslProtocols");
        if (port && !is_int_in(port, 1, 65535))
            return vfail(e, "%s.port: 1 to 65535", w);
        if (sp) {
            size_t i;
            json_t *it;
            if (!json_is_array(sp))
                return vfail(e, "%s.sslProtocols must be an array", w);
            json_array_foreach(sp, i, it)
            {
                if (!json_is_string(it) || !one_of(json_string_value(it), ssl))
                    return vfail(e, "%s.sslProtocols[%zu]: SSLv3, TLSv1, TLSv1.1 "
                                    "or TLSv1.2", w, i);
            }
        }
    }
    if ((v = json_object_get(o, "ipAddressType"))) {
        static const char *const ip[] = {"ipv4", "ipv6", "dualstack", NULL};
        if (enum_field(e, what, o, "ipAddressType", ip, 0) != BK_OK)
            return BK_ERR;
        if (json_object_get(o, "domainName") == NULL)
            return vfail(e, "%s.ipAddressType needs a new domainName", what);
    }
    if ((v = json_object_get(o, "sni")) &&
        (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > 253))
        return vfail(e, "%s.sni: a host name of 1 to 253 characters", what);
    if ((v = json_object_get(o, "allowedCertificateNames")) &&
        string_list(e, "allowedCertificateNames", v, 20, 64) != BK_OK)
        return BK_ERR;
    return BK_OK;
}

static int check_select(verr_t *e, json_t *o)
{
    static const char *const keys[] = {"originId", "hostHeader", "sni",
                                       "allowedCertificateNames", NULL};
    json_t *v;
    if (only_keys(e, "selectRequestOriginById options", o, keys) != BK_OK)
        return BK_ERR;
    if ((v = json_object_get(o, "hostHeader")) &&
        (!json_is_string(v) || json_string_length(v) == 0))
        return vfail(e, "hostHeader must be a non-empty string");
    if ((v = json_object_get(o, "sni")) &&
        (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > 253))
        return vfail(e, "sni: a host name of 1 to 253 characters");
    if ((v = json_object_get(o, "allowedCertificateNames")) &&
        string_list(e, "allowedCertificateNames", v, 20, 64) != BK_OK)
        return BK_ERR;
    return BK_OK;
}

static int check_group(verr_t *e, json_t *o)
{
    static const char *const keys[] = {"originIds", "selectionCriteria",
                                       "failoverCriteria", NULL};
    static const char *const sel[] = {"default", "media-quality-score", NULL};
    static const int codes[] = {400, 403, 404, 416, 500, 502, 503, 504};
    if (!json_is_object(o))
        return vfail(e, "the argument must be an object");
    if (only_keys(e, "createRequestOriginGroup", o, keys) != BK_OK ||
        enum_field(e, "createRequestOriginGroup", o, "selectionCriteria", sel, 0) !=
            BK_OK)
        return BK_ERR;
    json_t *ids = json_object_get(o, "originIds");
    if (!json_is_array(ids) || json_array_size(ids) != 2)
        return vfail(e, "originIds: exactly two origins, the primary first");
    size_t i;
    json_t *it;
    json_array_foreach(ids, i, it)
    {
        static const char *const ik[] = {"originId", "originOverrides", NULL};
        char w[64];
        snprintf(w, sizeof(w), "originIds[%zu]", i);
        json_t *id = json_is_object(it) ? json_object_get(it, "originId") : NULL;
        if (!json_is_string(id) || json_string_length(id) == 0)
            return vfail(e, "%s.originId must be a non-empty string", w);
        if (only_keys(e, w, it, ik) != BK_OK)
            return BK_ERR;
        json_t *ov = json_object_get(it, "originOverrides");
        if (ov && check_update(e, "originOverrides", ov) != BK_OK)
            return BK_ERR;
    }
    json_t *fc = json_object_get(o, "failoverCriteria");
    json_t *sc = json_is_object(fc) ? json_object_get(fc, "statusCodes") : NULL;
    if (!json_is_array(sc) || json_array_size(sc) == 0)
        return vfail(e, "failoverCriteria.statusCodes: a non-empty array");
    json_array_foreach(sc, i, it)
    {
        int ok = 0;
        for (size_t k = 0; k < BK_COUNTOF(codes); k++)
            ok |= is_int_in(it, codes[k], codes[k]);
        if (!ok)
            return vfail(e, "failoverCriteria.statusCodes[%zu]: one of 400, 403, "
                            "404, 416, 500, 502, 503, 504", i);
    }
    return BK_OK;
}

/* JSON.stringify(v) as a jansson value (NULL: threw, or not JSON). */
static json_t *to_json(bk_js_ctx_t *ctx, bk_js_val_t v, int *threw)
{
    bk_js_val_t json = bk_js_get_global(ctx, "JSON"), f, s;
    *threw = 0;
    if (bk_js_get(ctx, json, "stringify", &f) != BK_OK ||
        bk_js_call(ctx, f, json, 1, &v, &s) != BK_OK) {
        *threw = 1;
        return NULL;
    }
    size_t n;
    const char *t = bk_js_is_string(s) ? bk_js_to_utf8(ctx, s, &n) : NULL;
    if (t == NULL)
        return NULL;
    return json_loadb(t, n, 0, NULL);
}

/* Records (or refuses) one helper call; 'o' is owned here. */
static int record(bk_js_ctx_t *ctx, bk_cff_origin_op_t op, const char *name,
                  json_t *o, bk_js_val_t *ret)
{
    char m[400];
    verr_t e = {m, sizeof(m)};
    m[0] = '\0';
    *ret = bk_js_undefined();
    int rc;
    if (run_res == NULL || run_ev == NULL || run_ev->type != BK_CFF_VIEWER_REQUEST)
        rc = vfail(&e, "only available in viewer-request");
    else if (op == BK_CFF_ORIGIN_UPDATE)
        rc = check_update(&e, "origin", o);
    else if (op == BK_CFF_ORIGIN_SELECT)
        rc = check_select(&e, o);
    else
        rc = check_group(&e, o);
    if (rc != BK_OK) {
        char full[480];
        snprintf(full, sizeof(full), "cf.%s: %s", name, m);
        json_decref(o);
        if (run_out == NULL)
            return bk_js_throw(ctx, "Error", "%s", full);
        origin_err = bk_arena_strndup(run_out, full, strlen(full));
        return BK_OK;
    }
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (text == NULL)
        return bk_js_throw(ctx, "Error", "out of memory");
    char *p = bk_arena_strndup(run_out, text, strlen(text));
    size_t n = strlen(text);
    free(text);
    if (p == NULL)
        return bk_js_throw(ctx, "Error", "out of memory");
    origin_err = NULL; /* the last call wins */
    run_res->origin_op = op;
    run_res->origin_json = bk_str(p, n);
    return BK_OK;
}

static int update_request_origin(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                                 const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    if (argc < 1 || !bk_js_is_object(argv[0]))
        return bk_js_throw(ctx, "TypeError",
                           "updateRequestOrigin() takes an object of origin fields");
    int threw;
    json_t *o = to_json(ctx, argv[0], &threw);
    if (o == NULL)
        return threw ? BK_ERR
                     : bk_js_throw(ctx, "TypeError", "the origin fields are not JSON");
    return record(ctx, BK_CFF_ORIGIN_UPDATE, "updateRequestOrigin", o, ret);
}

static int select_request_origin_by_id(bk_js_ctx_t *ctx, bk_js_val_t this_val,
                                       int argc, const bk_js_val_t *argv,
                                       bk_js_val_t *ret)
{
    (void)this_val;
    size_t n;
    const char *id = argc > 0 && bk_js_is_string(argv[0])
                         ? bk_js_to_utf8(ctx, argv[0], &n) : NULL;
    if (id == NULL || n == 0)
        return bk_js_throw(ctx, "TypeError",
                           "selectRequestOriginById() takes an origin id");
    json_t *o;
    if (argc > 1 && !bk_js_is_undefined(argv[1])) {
        int threw;
        if (!bk_js_is_object(argv[1]))
            return bk_js_throw(ctx, "TypeError", "the options must be an object");
        if ((o = to_json(ctx, argv[1], &threw)) == NULL)
            return threw ? BK_ERR
                         : bk_js_throw(ctx, "TypeError", "the options are not JSON");
        if (json_object_get(o, "originId") != NULL) {
            json_decref(o);
            return bk_js_throw(ctx, "TypeError", "unknown option 'originId'");
        }
    } else {
        o = json_object();
    }
    if (o == NULL || json_object_set_new(o, "originId", json_stringn(id, n)) != 0) {
        json_decref(o);
        return bk_js_throw(ctx, "Error", "out of memory");
    }
    return record(ctx, BK_CFF_ORIGIN_SELECT, "selectRequestOriginById", o, ret);
}

static int create_request_origin_group(bk_js_ctx_t *ctx, bk_js_val_t this_val,
                                       int argc, const bk_js_val_t *argv,
                                       bk_js_val_t *ret)
{
    (void)this_val;
    if (argc < 1 || !bk_js_is_object(argv[0]))
        return bk_js_throw(ctx, "TypeError",
                           "createRequestOriginGroup() takes an object");
    int threw;
    json_t *o = to_json(ctx, argv[0], &threw);
    if (o == NULL)
        return threw ? BK_ERR
                     : bk_js_throw(ctx, "TypeError", "the origin group is not JSON");
    return record(ctx, BK_CFF_ORIGIN_GROUP, "createRequestOriginGroup", o, ret);
}

/* ---- cf.edgeLocation ------------------------------------------------------------- */

/* Made on first read in a run, the same object for the rest of it. */
static __thread bk_js_val_t run_loc;
static __thread int run_loc_made;

static int loc_str(bk_js_ctx_t *ctx, bk_js_val_t o, const char *k, bk_str_t s)
{
    if (s.n == 0)
        return BK_OK;
    bk_js_val_t v = bk_js_string(ctx, (const char *)s.p, s.n);
    return bk_js_is_undefined(v) ? BK_ERR : bk_js_set(ctx, o, k, v);
}

/* §7: {name, serverIp, region} at viewer-request, {} at viewer-response
 * (and at top level, outside any run). */
static int edge_location(bk_js_ctx_t *ctx, bk_js_val_t this_val, int argc,
                         const bk_js_val_t *argv, bk_js_val_t *ret)
{
    (void)this_val;
    (void)argc;
    (void)argv;
    if (run_ev != NULL && run_loc_made) {
        *ret = run_loc;
        return BK_OK;
    }
    bk_js_val_t o = bk_js_object(ctx);
    if (bk_js_is_undefined(o))
        return bk_js_throw(ctx, "Error", "out of memory");
    if (run_ev != NULL && run_ev->type == BK_CFF_VIEWER_REQUEST &&
        (loc_str(ctx, o, "name", run_ev->edge_name) != BK_OK ||
         loc_str(ctx, o, "serverIp", run_ev->edge_server_ip) != BK_OK ||
         loc_str(ctx, o, "region", run_ev->edge_region) != BK_OK))
        return BK_ERR;
    if (run_ev != NULL) {
        run_loc = o;
        run_loc_made = 1;
    }
    *ret = o;
    return BK_OK;
}

/* ---- the module ----------------------------------------------------------------- */

static int module_init(bk_js_ctx_t *ctx, void *data, bk_js_val_t *exports)
{
    (void)data;
    bk_js_val_t cf = bk_js_object(ctx);
    bk_js_val_t f = bk_js_function(ctx, "logCustomData", log_custom_data, 1);
    bk_js_val_t k = bk_js_function(ctx, "kvs", kvs, 1);
    bk_js_val_t u = bk_js_function(ctx, "updateRequestOrigin", update_request_origin, 1);
    bk_js_val_t sel = bk_js_function(ctx, "selectRequestOriginById",
                                     select_request_origin_by_id, 2);
    bk_js_val_t grp = bk_js_function(ctx, "createRequestOriginGroup",
                                     create_request_origin_group, 1);
    if (bk_js_is_undefined(cf) ||
        bk_js_is_undefined(f) || bk_js_is_undefined(k) || bk_js_is_undefined(u) ||
        bk_js_is_undefined(sel) || bk_js_is_undefined(grp) ||
        bk_js_set(ctx, cf, "logCustomData", f) != BK_OK ||
        bk_js_set(ctx, cf, "kvs", k) != BK_OK ||
        bk_js_set(ctx, cf, "updateRequestOrigin", u) != BK_OK ||
        bk_js_set(ctx, cf, "selectRequestOriginById", sel) != BK_OK ||
        bk_js_set(ctx, cf, "createRequestOriginGroup", grp) != BK_OK ||
        bk_js_define_getter(ctx, cf, "edgeLocation", edge_location) != BK_OK)
        return BK_ERR;
    *exports = cf;
    return BK_OK;
}

int bk_cff__setup(bk_js_ctx_t *ctx, void *fn)
{
    load_fn = fn; /* for cf.kvs() at top level; cleared by bk_cff_load */
    if (bk_js_runtime(ctx) != BK_JS_RUNTIME_2_0)
        return BK_OK;
    return bk_js_register_module(ctx, "cloudfront", module_init, fn);
}

void bk_cff__load_end(void) { load_fn = NULL; }

void bk_cff__run_begin(bk_cff_fn_t *fn, const bk_cff_event_t *ev, bk_arena_t *out,
                       bk_cff_result_t *res)
{
    run_fn = fn;
    run_ev = ev;
    run_loc_made = 0;
    run_res = res;
    run_out = out;
    origin_err = NULL;
}

/* An invalid origin change turns a run that was otherwise fine into a
 * validation failure (502). */
void bk_cff__run_end(bk_cff_fn_t *fn, bk_cff_result_t *res)
{
    (void)fn;
    if (origin_err != NULL && res->outcome == BK_CFF_OK) {
        res->outcome = BK_CFF_VALIDATION_ERROR;
        res->message = origin_err;
    }
    origin_err = NULL;
    run_ev = NULL;
    run_fn = NULL;
    run_res = NULL;
    run_out = NULL;
}
