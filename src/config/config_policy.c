/*
 * config_policy.c: cache policies and origin request policies: the AWS
 * managed ones built in (by id and by name) and inline ones from
 * Brink.CachePolicies / Brink.OriginRequestPolicies, in the shapes
 * `aws cloudfront get-cache-policy` / `get-origin-request-policy` print.
 *
 * Invariant: the managed tables are static and immutable; an inline policy
 * may not reuse a managed policy's id or name, so a key always means one
 * policy.
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "config/config_int.h"

/* ======================================================================
 * Managed policies
 *
 * Source: the CloudFront Developer Guide, "Use managed cache policies"
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
 * and "Use managed origin request policies"
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
 * (ids, TTLs, cache-key and forwarded values as listed there; the guide's
 * older revision in github.com/awsdocs/amazon-cloudfront-developer-guide
 * doc_source/using-managed-*.md agrees for the policies it lists). The
 * two UseOriginCacheControlHeaders policies, HostHeaderOnly and the
 * AllViewerAndCloudFrontHeaders-2022-06 header list were cross-checked with
 * public infrastructure code naming the same ids.
 * ====================================================================== */

#define S(lit) {(const uint8_t *)(lit), sizeof(lit) - 1}
#define SEL(k, arr) {(k), (arr), BK_COUNTOF(arr)}
#define SEL_NONE {BK_CONFIG_SEL_NONE, NULL, 0}
#define SEL_ALL {BK_CONFIG_SEL_ALL, NULL, 0}
#define ONE_YEAR 31536000

static const bk_str_t amplify_headers[] = {
    S("Authorization"), S("CloudFront-Viewer-Country"), S("Host")};
static const bk_str_t mediapackage_headers[] = {S("Origin")};
static const bk_str_t mediapackage_qs[] = {
    S("aws.manifestfilter"), S("start"), S("end"), S("m")};
static const bk_str_t origin_cc_headers[] = {
    S("Host"), S("Origin"), S("X-HTTP-Method-Override"), S("X-HTTP-Method"),
    S("X-Method-Override")};

const bk_config_cache_policy_t bk_config_managed_cache_policies[] = {
    {S("2e54312d-136d-493c-8eb9-b001f22f67d2"), S("Amplify"), S(""), 2, 2,
     600, true, true, SEL(BK_CONFIG_SEL_WHITELIST, amplify_headers), SEL_ALL,
     SEL_ALL, true},
    {S("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"), S("CachingDisabled"), S(""),
     0, 0, 0, false, false, SEL_NONE, SEL_NONE, SEL_NONE, true},
    {S("658327ea-f89d-4fab-a63d-7e88639e58f6"), S("CachingOptimized"), S(""),
     1, 86400, ONE_YEAR, true, true, SEL_NONE, SEL_NONE, SEL_NONE, true},
    {S("b2884449-e4de-46a7-ac36-70bc7f1ddd6d"),
     S("CachingOptimizedForUncompressedObjects"), S(""), 1, 86400, ONE_YEAR,
     false, false, SEL_NONE, SEL_NONE, SEL_NONE, true},
    {S("08627262-05a9-4f76-9ded-b50ca2e3a84f"), S("Elemental-MediaPackage"),
     S(""), 0, 86400, ONE_YEAR, true, false,
     SEL(BK_CONFIG_SEL_WHITELIST, mediapackage_headers), SEL_NONE,
     SEL(BK_CONFIG_SEL_WHITELIST, mediapackage_qs), true},
    {S("83da9c7e-98b4-4e11-a168-04f0df8e2c65"),
     S("UseOriginCacheControlHeaders"), S(""), 0, 0, ONE_YEAR, true, true,
     SEL(BK_CONFIG_SEL_WHITELIST, origin_cc_headers), SEL_ALL, SEL_NONE,
     true},
    {S("4cc15a8a-d715-48a4-82b8-cc0b614638fe"),
     S("UseOriginCacheControlHeaders-QueryStrings"), S(""), 0, 0, ONE_YEAR,
     true, true, SEL(BK_CONFIG_SEL_WHITELIST, origin_cc_headers), SEL_ALL,
     SEL_ALL, true},
};
const size_t bk_config_n_managed_cache_policies =
    BK_COUNTOF(bk_config_managed_cache_policies);

static const bk_str_t cf_headers_2022_06[] = {
    S("CloudFront-Forwarded-Proto"), S("CloudFront-Is-Android-Viewer"),
    S("CloudFront-Is-Desktop-Viewer"), S("CloudFront-Is-IOS-Viewer"),
    S("CloudFront-Is-Mobile-Viewer"), S("CloudFront-Is-SmartTV-Viewer"),
    S("CloudFront-Is-Tablet-Viewer"), S("CloudFront-Viewer-Address"),
    S("CloudFront-Viewer-ASN"), S("CloudFront-Viewer-City"),
    S("CloudFront-Viewer-Country"), S("CloudFront-Viewer-Country-Name"),
    S("CloudFront-Viewer-Country-Region"),
    S("CloudFront-Viewer-Country-Region-Name"),
    S("CloudFront-Viewer-Http-Version"), S("CloudFront-Viewer-Latitude"),
    S("CloudFront-Viewer-Longitude"), S("CloudFront-Viewer-Metro-Code"),
    S("CloudFront-Viewer-Postal-Code"), S("CloudFront-Viewer-Time-Zone"),
    S("CloudFront-Viewer-TLS")};
static const bk_str_t host_only[] = {S("Host")};
static const bk_str_t origin_only[] = {S("Origin")};
static const bk_str_t cors_s3[] = {S("Origin"),
                                   S("Access-Control-Request-Headers"),
                                   S("Access-Control-Request-Method")};
static const bk_str_t mediatailor[] = {
    S("Origin"), S("Access-Control-Request-Headers"),
    S("Access-Control-Request-Method"), S("User-Agent"),
    S("X-Forwarded-For")};
static const bk_str_t ua_referer[] = {S("User-Agent"), S("Referer")};

const bk_config_origin_request_policy_t bk_config_managed_orps[] = {
    {S("216adef6-5c7f-47e4-b989-5492eafa07d3"), S("AllViewer"), S(""),
     SEL_ALL, SEL_ALL, SEL_ALL, true},
    {S("33f36d7e-f396-46d9-90e0-52428a34d9dc"),
     S("AllViewerAndCloudFrontHeaders-2022-06"), S(""),
     SEL(BK_CONFIG_SEL_ALL_VIEWER_AND_CF, cf_headers_2022_06), SEL_ALL,
     SEL_ALL, true},
    {S("b689b0a8-53d0-40ab-baf2-68738e2966ac"),
     S("AllViewerExceptHostHeader"), S(""),
     SEL(BK_CONFIG_SEL_ALL_EXCEPT, host_only), SEL_ALL, SEL_ALL, true},
    {S("59781a5b-3903-41f3-afcb-af62929ccde1"), S("CORS-CustomOrigin"), S(""),
     SEL(BK_CONFIG_SEL_WHITELIST, origin_only), SEL_NONE, SEL_NONE, true},
    {S("88a5eaf4-2fd4-4709-b370-b4c650ea3fcf"), S("CORS-S3Origin"), S(""),
     SEL(BK_CONFIG_SEL_WHITELIST, cors_s3), SEL_NONE, SEL_NONE, true},
    {S("775133bc-15f2-49f9-abea-afb2e0bf67d2"),
     S("Elemental-MediaTailor-PersonalizedManifests"), S(""),
     SEL(BK_CONFIG_SEL_WHITELIST, mediatailor), SEL_NONE, SEL_ALL, true},
    {S("bf0718e1-ba1e-49d1-88b1-f726733018ae"), S("HostHeaderOnly"), S(""),
     SEL(BK_CONFIG_SEL_WHITELIST, host_only), SEL_NONE, SEL_NONE, true},
    {S("acba4595-bd28-49b8-b9fe-13317c0390fa"), S("UserAgentRefererHeaders"),
     S(""), SEL(BK_CONFIG_SEL_WHITELIST, ua_referer), SEL_NONE, SEL_NONE,
     true},
};
const size_t bk_config_n_managed_orps = BK_COUNTOF(bk_config_managed_orps);

/* Whether 'key' names a managed policy with this id or name; the console
 * shows names with a "Managed-" prefix, accepted too. */
static bool managed_match(bk_str_t id, bk_str_t name, bk_str_t key)
{
    if (bk_str_eq(key, id) || bk_str_eq(key, name))
        return true;
    bk_str_t pre = BK_STR("Managed-");
    return bk_str_starts(key, pre) &&
           bk_str_eq(bk_str_sub(key, pre.n, key.n - pre.n), name);
}

const bk_config_cache_policy_t *bk_config_managed_cache_policy(bk_str_t key)
{
    for (size_t i = 0; i < bk_config_n_managed_cache_policies; i++) {
        const bk_config_cache_policy_t *p =
            &bk_config_managed_cache_policies[i];
        if (managed_match(p->id, p->name, key))
            return p;
    }
    return NULL;
}

const bk_config_origin_request_policy_t *
bk_config_managed_origin_request_policy(bk_str_t key)
{
    for (size_t i = 0; i < bk_config_n_managed_orps; i++) {
        const bk_config_origin_request_policy_t *p = &bk_config_managed_orps[i];
        if (managed_match(p->id, p->name, key))
            return p;
    }
    return NULL;
}

const bk_config_cache_policy_t *bk_config__find_cache_policy(
    bk_config__ld_t *ld, bk_str_t key)
{
    const bk_config_t *c = ld->cfg;
    for (size_t i = 0; i < c->n_cache_policies; i++)
        if (bk_str_eq(c->cache_policies[i].id, key))
            return &c->cache_policies[i];
    for (size_t i = 0; i < c->n_cache_policies; i++)
        if (bk_str_eq(c->cache_policies[i].name, key))
            return &c->cache_policies[i];
    return bk_config_managed_cache_policy(key);
}

const bk_config_origin_request_policy_t *bk_config__find_orp(
    bk_config__ld_t *ld, bk_str_t key)
{
    const bk_config_t *c = ld->cfg;
    for (size_t i = 0; i < c->n_origin_request_policies; i++)
        if (bk_str_eq(c->origin_request_policies[i].id, key))
            return &c->origin_request_policies[i];
    for (size_t i = 0; i < c->n_origin_request_policies; i++)
        if (bk_str_eq(c->origin_request_policies[i].name, key))
            return &c->origin_request_policies[i];
    return bk_config_managed_origin_request_policy(key);
}

/* ======================================================================
 * Inline policies
 * ====================================================================== */

/* An HTTP header name: RFC 9110 token characters. */
static bool is_token(bk_str_t s)
{
    static const char extra[] = "!#$%&'*+-.^_`|~";
    if (s.n == 0)
        return false;
    for (size_t i = 0; i < s.n; i++) {
        uint8_t c = s.p[i];
        if (!(isalnum(c) || (c != 0 && strchr(extra, c) != NULL)))
            return false;
    }
    return true;
}

/* Reads {<which>Behavior, <list>} (e.g. HeaderBehavior + Headers) into
 * 'sel'. 'behaviors' maps the accepted strings to kinds, in order. */
static int selection(bk_config__ld_t *ld, json_t *parent, const char *key,
                     const char *bkey, const char *lkey,
                     const char *const *names,
                     const bk_config_sel_kind_t *kinds, bool headers,
                     bk_config_sel_t *sel)
{
    json_t *o = NULL;
    if (bk_config__get_obj(ld, parent, key, BK_CONFIG__REQ, &o) != BK_OK)
        return BK_ERR;
    size_t old = bk_config__push(ld, key);
    const char *known[] = {bkey, lkey, NULL};
    int k = 0, rc = BK_ERR;
    bk_str_t *list = NULL;
    size_t n = 0;
    if (bk_config__check_keys(ld, o, known) != BK_OK ||
        bk_config__get_enum(ld, o, bkey, BK_CONFIG__REQ, names, &k) != BK_OK ||
        bk_config__get_str_list(ld, o, lkey, 0, 256, &list, &n) != BK_OK)
        goto out;
    sel->kind = kinds[k];
    if (n == 0 && (sel->kind == BK_CONFIG_SEL_WHITELIST ||
                   sel->kind == BK_CONFIG_SEL_ALL_EXCEPT ||
                   sel->kind == BK_CONFIG_SEL_ALL_VIEWER_AND_CF)) {
        bk_config__fail(ld, lkey, "%s needs at least one name",
                        names[k]);
        goto out;
    }
    if (n != 0 && (sel->kind == BK_CONFIG_SEL_NONE ||
                   sel->kind == BK_CONFIG_SEL_ALL)) {
        bk_config__fail(ld, lkey, "names are not allowed with %s", names[k]);
        goto out;
    }
    for (size_t i = 0; headers && i < n; i++)
        if (!is_token(list[i])) {
            size_t o2 = bk_config__push(ld, lkey);
            bk_config__push(ld, "Items");
            bk_config__push_idx(ld, i);
            bk_config__fail(ld, NULL, "not a valid header name");
            bk_config__pop(ld, o2);
            goto out;
        }
    sel->names = list;
    sel->n = n;
    rc = BK_OK;
out:
    bk_config__pop(ld, old);
    return rc;
}

static const char *const cp_header_names[] = {"none", "whitelist", NULL};
static const bk_config_sel_kind_t cp_header_kinds[] = {
    BK_CONFIG_SEL_NONE, BK_CONFIG_SEL_WHITELIST};
static const char *const four_names[] = {"none", "whitelist", "allExcept",
                                         "all", NULL};
static const bk_config_sel_kind_t four_kinds[] = {
    BK_CONFIG_SEL_NONE, BK_CONFIG_SEL_WHITELIST, BK_CONFIG_SEL_ALL_EXCEPT,
    BK_CONFIG_SEL_ALL};
static const char *const orp_header_names[] = {
    "none", "whitelist", "allViewer", "allViewerAndWhitelistCloudFront",
    "allExcept", NULL};
static const bk_config_sel_kind_t orp_header_kinds[] = {
    BK_CONFIG_SEL_NONE, BK_CONFIG_SEL_WHITELIST, BK_CONFIG_SEL_ALL,
    BK_CONFIG_SEL_ALL_VIEWER_AND_CF, BK_CONFIG_SEL_ALL_EXCEPT};

/* The policy's *Config object inside any of the accepted wrappers:
 * {ETag, <Outer>: {Id, LastModifiedTime, <Config>}}, {Id, <Config>} or the
 * config itself. Pushes the path taken; checks an inner Id against 'id'. */
static int unwrap(bk_config__ld_t *ld, json_t *v, const char *outer,
                  const char *inner, const char *id, json_t **out)
{
    if (!json_is_object(v))
        return bk_config__fail(ld, NULL, "must be an object");
    json_t *o = json_object_get(v, outer);
    if (o != NULL) {
        const char *k1[] = {"ETag", outer, NULL};
        if (bk_config__check_keys(ld, v, k1) != BK_OK)
            return BK_ERR;
        if (!json_is_object(o))
            return bk_config__fail(ld, outer, "must be an object");
        bk_config__push(ld, outer);
        v = o;
    }
    json_t *c = json_object_get(v, inner);
    if (c != NULL) {
        const char *k2[] = {"Id", "LastModifiedTime", inner, NULL};
        if (bk_config__check_keys(ld, v, k2) != BK_OK)
            return BK_ERR;
        bk_str_t got = BK_STR_NULL;
        if (bk_config__get_str(ld, v, "Id", 0, 128, &got) != BK_OK)
            return BK_ERR;
        if (got.p != NULL && !bk_str_eq(got, bk_str_c(id)))
            return bk_config__fail(ld, "Id", "does not match the key \"%s\"",
                                   id);
        if (!json_is_object(c))
            return bk_config__fail(ld, inner, "must be an object");
        bk_config__push(ld, inner);
        v = c;
    }
    *out = v;
    return BK_OK;
}

static bool valid_policy_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 128)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_' ||
              s[i] == '.'))
            return false;
    return true;
}

static const char *const cpc_keys[] = {
    "Comment", "Name", "DefaultTTL", "MaxTTL", "MinTTL",
    "ParametersInCacheKeyAndForwardedToOrigin", NULL};
static const char *const params_keys[] = {
    "EnableAcceptEncodingGzip", "EnableAcceptEncodingBrotli", "HeadersConfig",
    "CookiesConfig", "QueryStringsConfig", NULL};

#define TTL_MAX 3153600000LL /* 100 years: beyond any sane TTL */

static int one_cache_policy(bk_config__ld_t *ld, const char *id, json_t *v,
                            bk_config_cache_policy_t *p)
{
    json_t *c, *prm = NULL;
    if (!valid_policy_id(id))
        return bk_config__fail(ld, NULL, "policy ids are 1-128 letters, "
                               "digits, '-', '_' or '.'");
    if (unwrap(ld, v, "CachePolicy", "CachePolicyConfig", id, &c) != BK_OK)
        return BK_ERR;
    int64_t min = 0, def = -1, max = -1;
    if (bk_config__check_keys(ld, c, cpc_keys) != BK_OK ||
        bk_config__get_str(ld, c, "Name", BK_CONFIG__REQ, 128, &p->name) !=
            BK_OK ||
        bk_config__get_str(ld, c, "Comment", 0, 128, &p->comment) != BK_OK ||
        bk_config__get_int(ld, c, "MinTTL", BK_CONFIG__REQ, 0, TTL_MAX,
                           &min) != BK_OK ||
        bk_config__get_int(ld, c, "DefaultTTL", 0, 0, TTL_MAX, &def) !=
            BK_OK ||
        bk_config__get_int(ld, c, "MaxTTL", 0, 0, TTL_MAX, &max) != BK_OK ||
        bk_config__get_obj(ld, c, "ParametersInCacheKeyAndForwardedToOrigin",
                           BK_CONFIG__REQ, &prm) != BK_OK)
        return BK_ERR;
    /* CloudFront's defaults: DefaultTTL one day (or MinTTL if larger),
     * MaxTTL one year (or DefaultTTL if larger). */
    if (def < 0)
        def = BK_MAX(86400, min);
    if (max < 0)
        max = BK_MAX(ONE_YEAR, def);
    if (min > def)
        return bk_config__fail(ld, "DefaultTTL", "must be at least MinTTL "
                               "(%lld)", (long long)min);
    if (def > max)
        return bk_config__fail(ld, "MaxTTL", "must be at least DefaultTTL "
                               "(%lld)", (long long)def);
    p->min_ttl = (uint64_t)min;
    p->default_ttl = (uint64_t)def;
    p->max_ttl = (uint64_t)max;
    p->comment = p->comment.p ? p->comment : BK_STR("");

    size_t old = bk_config__push(ld,
                                 "ParametersInCacheKeyAndForwardedToOrigin");
    int rc = BK_ERR;
    if (bk_config__check_keys(ld, prm, params_keys) != BK_OK ||
        bk_config__get_bool(ld, prm, "EnableAcceptEncodingGzip",
                            BK_CONFIG__REQ, &p->gzip) != BK_OK ||
        bk_config__get_bool(ld, prm, "EnableAcceptEncodingBrotli", 0,
                            &p->brotli) != BK_OK ||
        selection(ld, prm, "HeadersConfig", "HeaderBehavior", "Headers",
                  cp_header_names, cp_header_kinds, true,
                  &p->headers) != BK_OK ||
        selection(ld, prm, "CookiesConfig", "CookieBehavior", "Cookies",
                  four_names, four_kinds, false, &p->cookies) != BK_OK ||
        selection(ld, prm, "QueryStringsConfig", "QueryStringBehavior",
                  "QueryStrings", four_names, four_kinds, false,
                  &p->query_strings) != BK_OK)
        goto out;
    /* CloudFront refuses cache-key settings on a policy that never caches:
     * they would only change what is forwarded, which is the origin
     * request policy's job. */
    if (max == 0 && (p->gzip || p->brotli ||
                     p->headers.kind != BK_CONFIG_SEL_NONE ||
                     p->cookies.kind != BK_CONFIG_SEL_NONE ||
                     p->query_strings.kind != BK_CONFIG_SEL_NONE)) {
        bk_config__fail(ld, NULL, "with MaxTTL 0 (caching disabled) the "
                        "cache key must be empty: use an origin request "
                        "policy to forward values");
        goto out;
    }
    rc = BK_OK;
out:
    bk_config__pop(ld, old);
    return rc;
}

static const char *const orpc_keys[] = {"Comment", "Name", "HeadersConfig",
                                        "CookiesConfig", "QueryStringsConfig",
                                        NULL};

/* CloudFront cannot forward Authorization on its own through an origin
 * request policy: it goes in the cache key (cache policy) or comes with
 * all viewer headers (Developer Guide, "Configure CloudFront to forward the
 * Authorization header"). */
static int no_authorization(bk_config__ld_t *ld,
                            const bk_config_sel_t *headers)
{
    if (headers->kind != BK_CONFIG_SEL_WHITELIST &&
        headers->kind != BK_CONFIG_SEL_ALL_VIEWER_AND_CF)
        return BK_OK;
    for (size_t i = 0; i < headers->n; i++)
        if (bk_str_eq_ci(headers->names[i], BK_STR("Authorization"))) {
            size_t old = bk_config__push(ld, "HeadersConfig");
            bk_config__push(ld, "Headers");
            bk_config__push(ld, "Items");
            bk_config__push_idx(ld, i);
            bk_config__fail(ld, NULL, "an origin request policy cannot "
                            "forward Authorization alone: put it in the "
                            "cache policy, or use allViewer");
            bk_config__pop(ld, old);
            return BK_ERR;
        }
    return BK_OK;
}

static int one_orp(bk_config__ld_t *ld, const char *id, json_t *v,
                   bk_config_origin_request_policy_t *p)
{
    json_t *c;
    if (!valid_policy_id(id))
        return bk_config__fail(ld, NULL, "policy ids are 1-128 letters, "
                               "digits, '-', '_' or '.'");
    if (unwrap(ld, v, "OriginRequestPolicy", "OriginRequestPolicyConfig", id,
               &c) != BK_OK)
        return BK_ERR;
    if (bk_config__check_keys(ld, c, orpc_keys) != BK_OK ||
        bk_config__get_str(ld, c, "Name", BK_CONFIG__REQ, 128, &p->name) !=
            BK_OK ||
        bk_config__get_str(ld, c, "Comment", 0, 128, &p->comment) != BK_OK ||
        selection(ld, c, "HeadersConfig", "HeaderBehavior", "Headers",
                  orp_header_names, orp_header_kinds, true,
                  &p->headers) != BK_OK ||
        no_authorization(ld, &p->headers) != BK_OK ||
        selection(ld, c, "CookiesConfig", "CookieBehavior", "Cookies",
                  four_names, four_kinds, false, &p->cookies) != BK_OK ||
        selection(ld, c, "QueryStringsConfig", "QueryStringBehavior",
                  "QueryStrings", four_names, four_kinds, false,
                  &p->query_strings) != BK_OK)
        return BK_ERR;
    p->comment = p->comment.p ? p->comment : BK_STR("");
    return BK_OK;
}

/* What differs between the kinds of user-defined policies: the struct, how
 * one is read, and the managed policies' names it must not reuse. */
typedef struct {
    size_t size;
    size_t id_off, name_off; /* offsetof(..., id) and (..., name) */
    int (*one)(bk_config__ld_t *ld, const char *id, json_t *v, void *out);
    int (*managed)(bk_str_t key);
} policy_kind_t;

#define POLICY_STR(base, off) ((bk_str_t *)(void *)((char *)(base) + (off)))

/* {"<id>": policy, ...}: each read by k->one; ids and names must not be a
 * managed policy's, and names are unique. Sets out and nout to the array. */
static int read_policies(bk_config__ld_t *ld, json_t *obj, const policy_kind_t *k,
                         void **out, size_t *nout)
{
    size_t n = json_object_size(obj);
    if (n == 0)
        return BK_OK;
    if (n > BK_CONFIG__LIST_MAX)
        return bk_config__fail(ld, NULL, "more than %d entries",
                               BK_CONFIG__LIST_MAX);
    char *ps = bk_config__alloc(ld, n, k->size);
    if (ps == NULL)
        return BK_ERR;
    size_t i = 0;
    const char *id;
    json_t *v;
    json_object_foreach(obj, id, v) {
        char *p = ps + i * k->size;
        bk_str_t *pid = POLICY_STR(p, k->id_off), *pname = POLICY_STR(p, k->name_off);
        size_t old = bk_config__push(ld, id);
        int rc = k->one(ld, id, v, p);
        if (rc == BK_OK) {
            *pid = bk_str_c(bk_config__strdup(ld, id, strlen(id)));
            if (pid->p == NULL)
                rc = BK_ERR;
        }
        if (rc == BK_OK && k->managed(*pid))
            rc = bk_config__fail(ld, NULL, "id \"%.*s\" is a managed "
                                 "policy's; pick another",
                                 BK_STR_FMT(*pid));
        if (rc == BK_OK && k->managed(*pname))
            rc = bk_config__fail(ld, "Name", "\"%.*s\" is a managed "
                                 "policy's name; pick another",
                                 BK_STR_FMT(*pname));
        for (size_t j = 0; rc == BK_OK && j < i; j++) {
            char *q = ps + j * k->size;
            if (bk_str_eq(*POLICY_STR(q, k->name_off), *pname))
                rc = bk_config__fail(ld, NULL, "Name \"%.*s\" is also used "
                                     "by policy \"%.*s\"",
                                     BK_STR_FMT(*pname),
                                     BK_STR_FMT(*POLICY_STR(q, k->id_off)));
        }
        bk_config__pop(ld, old);
        if (rc != BK_OK)
            return BK_ERR;
        i++;
    }
    *out = ps;
    *nout = n;
    return BK_OK;
}

static int one_cache_policy_v(bk_config__ld_t *ld, const char *id, json_t *v,
                              void *out)
{
    return one_cache_policy(ld, id, v, out);
}

static int managed_cache_policy(bk_str_t key)
{
    return bk_config_managed_cache_policy(key) != NULL;
}

int bk_config__cache_policies(bk_config__ld_t *ld, json_t *obj)
{
    static const policy_kind_t kind = {
        sizeof(bk_config_cache_policy_t), offsetof(bk_config_cache_policy_t, id),
        offsetof(bk_config_cache_policy_t, name), one_cache_policy_v,
        managed_cache_policy};
    void *ps = NULL;
    size_t n = 0;
    if (read_policies(ld, obj, &kind, &ps, &n) != BK_OK)
        return BK_ERR;
    ld->cfg->cache_policies = ps;
    ld->cfg->n_cache_policies = n;
    return BK_OK;
}

static int one_orp_v(bk_config__ld_t *ld, const char *id, json_t *v, void *out)
{
    return one_orp(ld, id, v, out);
}

static int managed_orp(bk_str_t key)
{
    return bk_config_managed_origin_request_policy(key) != NULL;
}

int bk_config__orps(bk_config__ld_t *ld, json_t *obj)
{
    static const policy_kind_t kind = {
        sizeof(bk_config_origin_request_policy_t),
        offsetof(bk_config_origin_request_policy_t, id),
        offsetof(bk_config_origin_request_policy_t, name), one_orp_v, managed_orp};
    void *ps = NULL;
    size_t n = 0;
    if (read_policies(ld, obj, &kind, &ps, &n) != BK_OK)
        return BK_ERR;
    ld->cfg->origin_request_policies = ps;
    ld->cfg->n_origin_request_policies = n;
    return BK_OK;
}
