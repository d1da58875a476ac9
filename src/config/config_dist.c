/*
 * config_dist.c: reads and validates the DistributionConfig object: origins,
 * origin groups, the default and ordered cache behaviours, custom error
 * responses and the top-level fields, with CloudFront's rules and ranges.
 *
 * Invariant: when bk_config__distribution() returns BK_OK every behaviour
 * points at an existing origin or origin group, its functions and policies
 * are resolved, and no two origins, groups, patterns or error codes clash.
 * Fields brink accepts but does not implement become warnings; fields whose
 * absence would change who may see content (signed URLs) are errors.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <string.h>

#include "config/config_int.h"

#define ONE_DAY 86400
#define ONE_YEAR 31536000
#define TTL_MAX 3153600000LL
/* Origin and group ids: CloudFront sets no documented limit and console
 * ids are often bucket domain names, so be generous. */
#define ID_MAX 512

/* ======================================================================
 * Small validators
 * ====================================================================== */

/* A DNS name (letters, digits, '-', '_', '.') or a numeric IPv4 address;
 * 'wild' allows a leading "*." (Aliases). */
static bool valid_host(bk_str_t s, bool wild)
{
    if (wild && s.n > 2 && s.p[0] == '*' && s.p[1] == '.')
        s = bk_str_sub(s, 2, s.n - 2);
    if (s.n == 0 || s.n > 253 || s.p[0] == '.' || s.p[0] == '-')
        return false;
    for (size_t i = 0; i < s.n; i++) {
        uint8_t c = s.p[i];
        if (!(isalnum(c) || c == '-' || c == '.' || c == '_'))
            return false;
        if (c == '.' && i + 1 < s.n && s.p[i + 1] == '.')
            return false;
    }
    return true;
}

/* CloudFront's PathPattern characters: letters, digits and _-.*$/~"'@:+&
 * plus the '?' wildcard. */
static bool pattern_char(uint8_t c)
{
    return isalnum(c) || (c != 0 && strchr("_-.*$/~\"'@:+&?", c) != NULL);
}

static bool valid_header_name(bk_str_t s)
{
    static const char extra[] = "!#$%&'*+-.^_`|~";
    if (s.n == 0)
        return false;
    for (size_t i = 0; i < s.n; i++)
        if (!(isalnum(s.p[i]) || (s.p[i] != 0 && strchr(extra, s.p[i]))))
            return false;
    return true;
}

/* Header values: visible ASCII, space, tab and obs-text; no CR/LF/NUL. */
static bool valid_header_value(bk_str_t s)
{
    for (size_t i = 0; i < s.n; i++) {
        uint8_t c = s.p[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

/* Headers CloudFront refuses as origin custom headers (it sets or owns
 * them); X-Amz-* and X-Edge-* are reserved prefixes. The list is the
 * Developer Guide's "Custom headers that CloudFront can't add to origin
 * requests" (add-origin-custom-headers.html). */
static bool forbidden_custom_header(bk_str_t n)
{
    static const char *const names[] = {
        "Cache-Control", "Connection", "Content-Length", "Cookie", "Host",
        "If-Match", "If-Modified-Since", "If-None-Match", "If-Range",
        "If-Unmodified-Since", "Max-Forwards", "Pragma",
        "Proxy-Authorization", "Proxy-Connection", "Range", "Request-Range",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Via", "X-Real-Ip",
        NULL};
    for (const char *const *p = names; *p; p++)
        if (bk_str_eq_ci(n, bk_str_c(*p)))
            return true;
    return (n.n >= 6 && bk_str_eq_ci(bk_str_sub(n, 0, 6), BK_STR("X-Amz-"))) ||
           (n.n >= 7 && bk_str_eq_ci(bk_str_sub(n, 0, 7), BK_STR("X-Edge-")));
}

/* Fails at path.key.Items[i] (the list element being read). */
static int fail_item(bk_config__ld_t *ld, const char *key, size_t i,
                     const char *what)
{
    size_t old = bk_config__push(ld, key);
    bk_config__push(ld, "Items");
    bk_config__push_idx(ld, i);
    bk_config__fail(ld, NULL, "%s", what);
    bk_config__pop(ld, old);
    return BK_ERR;
}

/* A string that may be given as "" to mean absent (CLI output does). */
static int get_opt_str(bk_config__ld_t *ld, json_t *o, const char *key,
                       size_t max, bk_str_t *out)
{
    bk_str_t s = BK_STR_NULL;
    if (bk_config__get_str(ld, o, key, 0, max, &s) != BK_OK)
        return BK_ERR;
    *out = s.n ? s : BK_STR_NULL;
    return BK_OK;
}

/* ======================================================================
 * Origins
 * ====================================================================== */

static int custom_headers(bk_config__ld_t *ld, json_t *o,
                          bk_config_origin_t *org)
{
    json_t *items;
    size_t n;
    if (bk_config__get_list(ld, o, "CustomHeaders", 0, &items, &n) != BK_OK)
        return BK_ERR;
    if (n == 0)
        return BK_OK;
    if (n > 10)
        return bk_config__fail(ld, "CustomHeaders",
                               "at most 10 custom headers per origin");
    bk_config_header_t *hs = bk_config__alloc(ld, n, sizeof(*hs));
    if (hs == NULL)
        return BK_ERR;
    static const char *const keys[] = {"HeaderName", "HeaderValue", NULL};
    size_t old = bk_config__push(ld, "CustomHeaders");
    bk_config__push(ld, "Items");
    int rc = BK_OK;
    for (size_t i = 0; i < n && rc == BK_OK; i++) {
        json_t *h = json_array_get(items, i);
        size_t o2 = bk_config__push_idx(ld, i);
        if (!json_is_object(h))
            rc = bk_config__fail(ld, NULL, "must be an object");
        else if (bk_config__check_keys(ld, h, keys) != BK_OK ||
                 bk_config__get_str(ld, h, "HeaderName", BK_CONFIG__REQ, 256,
                                    &hs[i].name) != BK_OK ||
                 bk_config__get_str(ld, h, "HeaderValue", BK_CONFIG__REQ,
                                    1783, &hs[i].value) != BK_OK)
            rc = BK_ERR;
        else if (!valid_header_name(hs[i].name))
            rc = bk_config__fail(ld, "HeaderName", "not a valid header name");
        else if (forbidden_custom_header(hs[i].name))
            rc = bk_config__fail(ld, "HeaderName", "CloudFront does not "
                                 "allow \"%.*s\" as a custom origin header",
                                 BK_STR_FMT(hs[i].name));
        else if (!valid_header_value(hs[i].value))
            rc = bk_config__fail(ld, "HeaderValue",
                                 "control characters are not allowed");
        for (size_t j = 0; rc == BK_OK && j < i; j++)
            if (bk_str_eq_ci(hs[j].name, hs[i].name))
                rc = bk_config__fail(ld, "HeaderName",
                                     "duplicate header (also Items[%zu])", j);
        bk_config__pop(ld, o2);
    }
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;
    org->headers = hs;
    org->n_headers = n;
    return BK_OK;
}

static const char *const custom_keys[] = {
    "HTTPPort", "HTTPSPort", "OriginProtocolPolicy", "OriginSslProtocols",
    "OriginReadTimeout", "OriginKeepaliveTimeout", "IpAddressType", NULL};
static const char *const proto_names[] = {"http-only", "match-viewer",
                                          "https-only", NULL};
static const char *const ssl_names[] = {"SSLv3", "TLSv1", "TLSv1.1",
                                        "TLSv1.2", NULL};
static const char *const ip_names[] = {"ipv4", "ipv6", "dualstack", NULL};

/* CloudFront accepts 80, 443 and 1024-65535 for origin ports. */
static int port(bk_config__ld_t *ld, json_t *o, const char *key, int64_t def,
                uint16_t *out)
{
    int64_t p = def;
    if (bk_config__get_int(ld, o, key, 0, 1, 65535, &p) != BK_OK)
        return BK_ERR;
    if (p != 80 && p != 443 && p < 1024)
        return bk_config__fail(ld, key, "must be 80, 443 or 1024-65535");
    *out = (uint16_t)p;
    return BK_OK;
}

static int custom_origin(bk_config__ld_t *ld, json_t *c,
                         bk_config_origin_t *org)
{
    int proto = 0, ip = 0;
    int64_t rt = 30, ka = 5;
    json_t *ssl_items;
    size_t n_ssl;
    if (bk_config__check_keys(ld, c, custom_keys) != BK_OK ||
        port(ld, c, "HTTPPort", 80, &org->http_port) != BK_OK ||
        port(ld, c, "HTTPSPort", 443, &org->https_port) != BK_OK ||
        bk_config__get_enum(ld, c, "OriginProtocolPolicy", BK_CONFIG__REQ,
                            proto_names, &proto) != BK_OK ||
        bk_config__get_int(ld, c, "OriginReadTimeout", 0, 1, 180, &rt) !=
            BK_OK ||
        bk_config__get_int(ld, c, "OriginKeepaliveTimeout", 0, 1, 180, &ka) !=
            BK_OK ||
        bk_config__get_enum(ld, c, "IpAddressType", 0, ip_names, &ip) !=
            BK_OK ||
        bk_config__get_list(ld, c, "OriginSslProtocols", 0, &ssl_items,
                            &n_ssl) != BK_OK)
        return BK_ERR;
    for (size_t i = 0; i < n_ssl; i++) {
        json_t *s = json_array_get(ssl_items, i);
        bool ok = false;
        for (unsigned k = 0; json_is_string(s) && ssl_names[k]; k++)
            if (strcmp(json_string_value(s), ssl_names[k]) == 0) {
                org->ssl_protocols |= 1u << k; /* BK_CONFIG_SSL_* order */
                ok = true;
            }
        if (!ok)
            return fail_item(ld, "OriginSslProtocols", i,
                             "must be one of: SSLv3, TLSv1, TLSv1.1, "
                             "TLSv1.2");
    }
    org->protocol = (bk_config_origin_proto_t)proto;
    org->read_timeout = (uint32_t)rt;
    org->keepalive_timeout = (uint32_t)ka;
    return BK_OK;
}

static const char *const origin_keys[] = {
    "Id", "DomainName", "OriginPath", "CustomHeaders", "S3OriginConfig",
    "CustomOriginConfig", "VpcOriginConfig", "ConnectionAttempts",
    "ConnectionTimeout", "ResponseCompletionTimeout", "OriginShield",
    "OriginAccessControlId", NULL};

static int origin(bk_config__ld_t *ld, json_t *o, bk_config_origin_t *org)
{
    json_t *custom = NULL, *s3 = NULL, *vpc = NULL, *shield = NULL;
    int64_t attempts = 3, ctimeout = 10;
    bk_str_t oac = BK_STR_NULL;
    org->origin_path = BK_STR("");
    if (bk_config__check_keys(ld, o, origin_keys) != BK_OK ||
        bk_config__get_str(ld, o, "Id", BK_CONFIG__REQ, ID_MAX, &org->id) !=
            BK_OK ||
        bk_config__get_str(ld, o, "DomainName", BK_CONFIG__REQ, 253,
                           &org->domain_name) != BK_OK ||
        bk_config__get_str(ld, o, "OriginPath", 0, 255, &org->origin_path) !=
            BK_OK ||
        bk_config__get_int(ld, o, "ConnectionAttempts", 0, 1, 3, &attempts) !=
            BK_OK ||
        bk_config__get_int(ld, o, "ConnectionTimeout", 0, 1, 10, &ctimeout) !=
            BK_OK ||
        bk_config__get_obj(ld, o, "CustomOriginConfig", 0, &custom) !=
            BK_OK ||
        bk_config__get_obj(ld, o, "S3OriginConfig", 0, &s3) != BK_OK ||
        bk_config__get_obj(ld, o, "VpcOriginConfig", 0, &vpc) != BK_OK ||
        bk_config__get_obj(ld, o, "OriginShield", 0, &shield) != BK_OK ||
        get_opt_str(ld, o, "OriginAccessControlId", 128, &oac) != BK_OK ||
        custom_headers(ld, o, org) != BK_OK)
        return BK_ERR;
    if (org->id.n == 0)
        return bk_config__fail(ld, "Id", "must not be empty");
    if (!valid_host(org->domain_name, false))
        return bk_config__fail(ld, "DomainName", "\"%.*s\" is not a host "
                               "name or IPv4 address",
                               BK_STR_FMT(org->domain_name));
    bk_str_t op = org->origin_path;
    if (op.n && (op.p[0] != '/' || op.p[op.n - 1] == '/'))
        return bk_config__fail(ld, "OriginPath", "must start with '/' and "
                               "not end with '/'");
    for (size_t i = 0; i < op.n; i++)
        if (op.p[i] <= 0x20 || op.p[i] == 0x7f || op.p[i] == '?' ||
            op.p[i] == '#')
            return bk_config__fail(ld, "OriginPath", "invalid character");
    org->connection_attempts = (uint32_t)attempts;
    org->connection_timeout = (uint32_t)ctimeout;

    if (vpc != NULL)
        return bk_config__fail(ld, "VpcOriginConfig",
                               "VPC origins are not supported by brink");
    if ((custom != NULL) + (s3 != NULL) != 1)
        return bk_config__fail(ld, NULL, "needs exactly one of "
                               "CustomOriginConfig and S3OriginConfig");
    if (custom != NULL) {
        size_t old = bk_config__push(ld, "CustomOriginConfig");
        int rc = custom_origin(ld, custom, org);
        bk_config__pop(ld, old);
        if (rc != BK_OK)
            return BK_ERR;
    } else {
        /* No S3 signing here: the bucket must be readable over plain
         * HTTP (a website endpoint or a local S3-compatible server). */
        org->s3 = true;
        org->http_port = 80;
        org->https_port = 443;
        org->protocol = BK_CONFIG_ORIGIN_HTTP_ONLY;
        org->read_timeout = 30;
        org->keepalive_timeout = 5;
        if (bk_config__warn(ld, "S3OriginConfig", "S3 origin treated as a "
                            "plain HTTP origin (http://%.*s:80); no "
                            "OAI/OAC request signing",
                            BK_STR_FMT(org->domain_name)) != BK_OK)
            return BK_ERR;
    }
    if (oac.p != NULL &&
        bk_config__warn(ld, "OriginAccessControlId", "origin access control "
                        "(request signing) is not implemented, ignored") !=
            BK_OK)
        return BK_ERR;
    if (shield != NULL) {
        bool on = false;
        if (bk_config__get_bool(ld, shield, "Enabled", 0, &on) != BK_OK)
            return BK_ERR;
        if (on && bk_config__warn(ld, "OriginShield", "Origin Shield is not "
                                  "implemented, ignored") != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

static int origins(bk_config__ld_t *ld, json_t *dc)
{
    json_t *items;
    size_t n;
    if (bk_config__get_list(ld, dc, "Origins", BK_CONFIG__REQ, &items, &n) !=
        BK_OK)
        return BK_ERR;
    if (n == 0)
        return bk_config__fail(ld, "Origins", "at least one origin is "
                               "required");
    bk_config_origin_t *os = bk_config__alloc(ld, n, sizeof(*os));
    if (os == NULL)
        return BK_ERR;
    size_t old = bk_config__push(ld, "Origins");
    bk_config__push(ld, "Items");
    int rc = BK_OK;
    for (size_t i = 0; i < n && rc == BK_OK; i++) {
        json_t *o = json_array_get(items, i);
        size_t o2 = bk_config__push_idx(ld, i);
        if (!json_is_object(o))
            rc = bk_config__fail(ld, NULL, "must be an object");
        else
            rc = origin(ld, o, &os[i]);
        for (size_t j = 0; rc == BK_OK && j < i; j++)
            if (bk_str_eq(os[j].id, os[i].id))
                rc = bk_config__fail(ld, "Id", "duplicate origin id \"%.*s\" "
                                     "(also Items[%zu])",
                                     BK_STR_FMT(os[i].id), j);
        bk_config__pop(ld, o2);
    }
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;
    ld->cfg->origins = os;
    ld->cfg->n_origins = n;
    return BK_OK;
}

/* ======================================================================
 * Origin groups
 * ====================================================================== */

static const uint16_t failover_codes[] = {400, 403, 404, 416,
                                          500, 502, 503, 504};

static int group(bk_config__ld_t *ld, json_t *g, bk_config_origin_group_t *og)
{
    static const char *const keys[] = {"Id", "FailoverCriteria", "Members",
                                       "SelectionCriteria", NULL};
    static const char *const sel_names[] = {"default", "media-quality-based",
                                            NULL};
    json_t *fc = NULL, *codes, *members;
    size_t n_codes, n_members;
    int sel = 0;
    if (bk_config__check_keys(ld, g, keys) != BK_OK ||
        bk_config__get_str(ld, g, "Id", BK_CONFIG__REQ, ID_MAX, &og->id) !=
            BK_OK ||
        bk_config__get_enum(ld, g, "SelectionCriteria", 0, sel_names, &sel) !=
            BK_OK ||
        bk_config__get_obj(ld, g, "FailoverCriteria", BK_CONFIG__REQ, &fc) !=
            BK_OK ||
        bk_config__get_list(ld, g, "Members", BK_CONFIG__REQ, &members,
                            &n_members) != BK_OK)
        return BK_ERR;
    if (og->id.n == 0)
        return bk_config__fail(ld, "Id", "must not be empty");
    if (sel != 0 && bk_config__warn(ld, "SelectionCriteria",
                                    "media-quality-based selection is not "
                                    "implemented; plain failover is used") !=
                        BK_OK)
        return BK_ERR;
    if (bk_config_origin(ld->cfg, og->id) != NULL)
        return bk_config__fail(ld, "Id", "\"%.*s\" is also an origin id",
                               BK_STR_FMT(og->id));

    size_t old = bk_config__push(ld, "FailoverCriteria");
    int rc = bk_config__get_list(ld, fc, "StatusCodes", BK_CONFIG__REQ,
                                 &codes, &n_codes);
    if (rc == BK_OK && n_codes == 0)
        rc = bk_config__fail(ld, "StatusCodes",
                             "at least one status code is required");
    uint16_t *sc = NULL;
    if (rc == BK_OK) {
        sc = bk_config__alloc(ld, n_codes, sizeof(*sc));
        rc = sc ? BK_OK : BK_ERR;
    }
    for (size_t i = 0; rc == BK_OK && i < n_codes; i++) {
        json_t *c = json_array_get(codes, i);
        json_int_t v = json_is_integer(c) ? json_integer_value(c) : -1;
        bool ok = false;
        for (size_t k = 0; k < BK_COUNTOF(failover_codes); k++)
            ok |= v == failover_codes[k];
        if (!ok)
            rc = fail_item(ld, "StatusCodes", i,
                           "must be one of 400, 403, 404, 416, 500, 502, "
                           "503, 504");
        for (size_t j = 0; rc == BK_OK && j < i; j++)
            if (sc[j] == v)
                rc = fail_item(ld, "StatusCodes", i, "duplicate status code");
        if (rc == BK_OK)
            sc[i] = (uint16_t)v;
    }
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;
    og->status_codes = sc;
    og->n_status_codes = n_codes;

    if (n_members != 2)
        return bk_config__fail(ld, "Members", "an origin group has exactly 2 "
                               "members, not %zu", n_members);
    const bk_config_origin_t *m[2];
    for (size_t i = 0; i < 2; i++) {
        json_t *it = json_array_get(members, i);
        bk_str_t id = BK_STR_NULL;
        old = bk_config__push(ld, "Members");
        bk_config__push(ld, "Items");
        bk_config__push_idx(ld, i);
        static const char *const mkeys[] = {"OriginId", NULL};
        if (!json_is_object(it))
            rc = bk_config__fail(ld, NULL, "must be an object");
        else if (bk_config__check_keys(ld, it, mkeys) != BK_OK ||
                 bk_config__get_str(ld, it, "OriginId", BK_CONFIG__REQ,
                                    ID_MAX,
                                    &id) != BK_OK)
            rc = BK_ERR;
        else if ((m[i] = bk_config_origin(ld->cfg, id)) == NULL)
            rc = bk_config__fail(ld, "OriginId", "no origin with id \"%.*s\"",
                                 BK_STR_FMT(id));
        else if (i == 1 && m[0] == m[1])
            rc = bk_config__fail(ld, "OriginId",
                                 "both members are the same origin");
        bk_config__pop(ld, old);
        if (rc != BK_OK)
            return BK_ERR;
    }
    og->primary = m[0];
    og->secondary = m[1];
    return BK_OK;
}

static int groups(bk_config__ld_t *ld, json_t *dc)
{
    json_t *items;
    size_t n;
    if (bk_config__get_list(ld, dc, "OriginGroups", 0, &items, &n) != BK_OK)
        return BK_ERR;
    if (n == 0)
        return BK_OK;
    bk_config_origin_group_t *gs = bk_config__alloc(ld, n, sizeof(*gs));
    if (gs == NULL)
        return BK_ERR;
    size_t old = bk_config__push(ld, "OriginGroups");
    bk_config__push(ld, "Items");
    int rc = BK_OK;
    for (size_t i = 0; i < n && rc == BK_OK; i++) {
        json_t *g = json_array_get(items, i);
        size_t o2 = bk_config__push_idx(ld, i);
        if (!json_is_object(g))
            rc = bk_config__fail(ld, NULL, "must be an object");
        else
            rc = group(ld, g, &gs[i]);
        for (size_t j = 0; rc == BK_OK && j < i; j++)
            if (bk_str_eq(gs[j].id, gs[i].id))
                rc = bk_config__fail(ld, "Id", "duplicate origin group id "
                                     "\"%.*s\" (also Items[%zu])",
                                     BK_STR_FMT(gs[i].id), j);
        bk_config__pop(ld, o2);
    }
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;
    ld->cfg->origin_groups = gs;
    ld->cfg->n_origin_groups = n;
    return BK_OK;
}

/* ======================================================================
 * Cache behaviours
 * ====================================================================== */

static const struct {
    const char *name;
    unsigned bit;
} methods[] = {
    {"GET", BK_CONFIG_M_GET},       {"HEAD", BK_CONFIG_M_HEAD},
    {"OPTIONS", BK_CONFIG_M_OPTIONS}, {"PUT", BK_CONFIG_M_PUT},
    {"PATCH", BK_CONFIG_M_PATCH},   {"POST", BK_CONFIG_M_POST},
    {"DELETE", BK_CONFIG_M_DELETE},
};

#define M_GH (BK_CONFIG_M_GET | BK_CONFIG_M_HEAD)
#define M_GHO (M_GH | BK_CONFIG_M_OPTIONS)
#define M_ALL                                                                 \
    (M_GHO | BK_CONFIG_M_PUT | BK_CONFIG_M_PATCH | BK_CONFIG_M_POST |         \
     BK_CONFIG_M_DELETE)

static int method_set(bk_config__ld_t *ld, json_t *o, const char *key,
                      unsigned *out)
{
    json_t *items;
    size_t n;
    if (bk_config__get_list(ld, o, key, BK_CONFIG__REQ, &items, &n) != BK_OK)
        return BK_ERR;
    unsigned set = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *m = json_array_get(items, i);
        unsigned bit = 0;
        for (size_t k = 0; json_is_string(m) && k < BK_COUNTOF(methods); k++)
            if (strcmp(json_string_value(m), methods[k].name) == 0)
                bit = methods[k].bit;
        if (bit == 0)
            return fail_item(ld, key, i, "not one of GET, HEAD, OPTIONS, "
                             "PUT, PATCH, POST, DELETE");
        if (set & bit)
            return fail_item(ld, key, i, "duplicate method");
        set |= bit;
    }
    *out = set;
    return BK_OK;
}

static int allowed_methods(bk_config__ld_t *ld, json_t *b,
                           bk_config_behavior_t *bh)
{
    json_t *am = NULL;
    bh->allowed_methods = M_GH;
    bh->cached_methods = M_GH;
    if (bk_config__get_obj(ld, b, "AllowedMethods", 0, &am) != BK_OK)
        return BK_ERR;
    if (am == NULL)
        return BK_OK;
    static const char *const keys[] = {"Quantity", "Items", "CachedMethods",
                                       NULL};
    size_t old = bk_config__push(ld, "AllowedMethods");
    int rc = BK_ERR;
    if (bk_config__check_keys(ld, am, keys) != BK_OK)
        goto out;
    /* The list itself is AllowedMethods: read it from the parent. */
    bk_config__pop(ld, old);
    if (method_set(ld, b, "AllowedMethods", &bh->allowed_methods) != BK_OK)
        return BK_ERR;
    bk_config__push(ld, "AllowedMethods");
    unsigned a = bh->allowed_methods;
    if (a != M_GH && a != M_GHO && a != M_ALL) {
        bk_config__fail(ld, NULL, "must be [GET, HEAD], [GET, HEAD, "
                        "OPTIONS] or [GET, HEAD, OPTIONS, PUT, PATCH, POST, "
                        "DELETE]");
        goto out;
    }
    if (json_object_get(am, "CachedMethods") != NULL) {
        if (method_set(ld, am, "CachedMethods", &bh->cached_methods) !=
            BK_OK)
            goto out;
        unsigned c = bh->cached_methods;
        if (c != M_GH && c != M_GHO) {
            bk_config__fail(ld, "CachedMethods", "must be [GET, HEAD] or "
                            "[GET, HEAD, OPTIONS]");
            goto out;
        }
        if ((c & ~a) != 0) {
            bk_config__fail(ld, "CachedMethods",
                            "must be a subset of AllowedMethods");
            goto out;
        }
    }
    rc = BK_OK;
out:
    bk_config__pop(ld, old);
    return rc;
}

/* The name in "arn:aws:cloudfront::123456789012:function/NAME"; a bare name
 * (no "function/") is taken as is. */
static bk_str_t function_name(bk_str_t arn)
{
    bk_str_t key = BK_STR("function/");
    for (size_t i = arn.n; i >= key.n; i--)
        if (memcmp(arn.p + i - key.n, key.p, key.n) == 0)
            return bk_str_sub(arn, i, arn.n - i);
    return arn;
}

static int function_assocs(bk_config__ld_t *ld, json_t *b,
                           bk_config_behavior_t *bh)
{
    static const char *const keys[] = {"FunctionARN", "EventType", NULL};
    static const char *const events[] = {"viewer-request", "origin-request",
                                         "origin-response", "viewer-response",
                                         NULL};
    json_t *items;
    size_t n;
    if (bk_config__get_list(ld, b, "FunctionAssociations", 0, &items, &n) !=
        BK_OK)
        return BK_ERR;
    size_t old = bk_config__push(ld, "FunctionAssociations");
    bk_config__push(ld, "Items");
    int rc = BK_OK;
    for (size_t i = 0; i < n && rc == BK_OK; i++) {
        json_t *it = json_array_get(items, i);
        size_t o2 = bk_config__push_idx(ld, i);
        bk_str_t arn = BK_STR_NULL;
        int ev = 0;
        if (!json_is_object(it)) {
            rc = bk_config__fail(ld, NULL, "must be an object");
        } else if (bk_config__check_keys(ld, it, keys) != BK_OK ||
                   bk_config__get_str(ld, it, "FunctionARN", BK_CONFIG__REQ,
                                      512, &arn) != BK_OK ||
                   bk_config__get_enum(ld, it, "EventType", BK_CONFIG__REQ,
                                       events, &ev) != BK_OK) {
            rc = BK_ERR;
        } else if (ev != BK_CONFIG_EV_VIEWER_REQUEST &&
                   ev != BK_CONFIG_EV_VIEWER_RESPONSE) {
            rc = bk_config__fail(ld, "EventType", "CloudFront Functions run "
                                 "only at viewer-request and "
                                 "viewer-response");
        } else {
            bk_str_t name = function_name(arn);
            const bk_config_function_t *fn = bk_config_function(ld->cfg,
                                                                name);
            const bk_config_function_t **slot =
                ev == BK_CONFIG_EV_VIEWER_REQUEST ? &bh->viewer_request_fn
                                                  : &bh->viewer_response_fn;
            if (fn == NULL)
                rc = bk_config__fail(ld, "FunctionARN", "no function \"%.*s\" "
                                     "in Brink.Functions", BK_STR_FMT(name));
            else if (*slot != NULL)
                rc = bk_config__fail(ld, "EventType", "a second function for "
                                     "%s", events[ev]);
            else
                *slot = fn;
        }
        bk_config__pop(ld, o2);
    }
    bk_config__pop(ld, old);
    return rc;
}

/* "arn:aws:lambda:REGION:ACCOUNT:function:NAME:VERSION", VERSION a number:
 * Lambda@Edge needs a published version, not $LATEST or an alias. */
static bool lambda_arn_ok(bk_str_t a)
{
    const char *parts[9];
    size_t lens[9], np = 0, start = 0;
    for (size_t i = 0; i <= a.n; i++)
        if (i == a.n || a.p[i] == ':') {
            if (np == 9)
                return false;
            parts[np] = (const char *)a.p + start;
            lens[np++] = i - start;
            start = i + 1;
        }
    if (np != 8 || lens[0] != 3 || memcmp(parts[0], "arn", 3) != 0 ||
        lens[2] != 6 || memcmp(parts[2], "lambda", 6) != 0 || lens[5] != 8 ||
        memcmp(parts[5], "function", 8) != 0 || lens[6] == 0 || lens[7] == 0)
        return false;
    for (size_t i = 0; i < lens[7]; i++)
        if (!isdigit((unsigned char)parts[7][i]))
            return false;
    return true;
}

static int lambda_assocs(bk_config__ld_t *ld, json_t *b,
                         bk_config_behavior_t *bh)
{
    static const char *const keys[] = {"LambdaFunctionARN", "EventType",
                                       "IncludeBody", NULL};
    static const char *const events[] = {"viewer-request", "origin-request",
                                         "origin-response", "viewer-response",
                                         NULL};
    json_t *items;
    size_t n;
    if (bk_config__get_list(ld, b, "LambdaFunctionAssociations", 0, &items,
                            &n) != BK_OK)
        return BK_ERR;
    size_t old = bk_config__push(ld, "LambdaFunctionAssociations");
    bk_config__push(ld, "Items");
    int rc = BK_OK;
    for (size_t i = 0; i < n && rc == BK_OK; i++) {
        json_t *it = json_array_get(items, i);
        size_t o2 = bk_config__push_idx(ld, i);
        bk_str_t arn = BK_STR_NULL;
        int ev = 0;
        bool body = false;
        if (!json_is_object(it)) {
            rc = bk_config__fail(ld, NULL, "must be an object");
        } else if (bk_config__check_keys(ld, it, keys) != BK_OK ||
                   bk_config__get_str(ld, it, "LambdaFunctionARN",
                                      BK_CONFIG__REQ, 512, &arn) != BK_OK ||
                   bk_config__get_enum(ld, it, "EventType", BK_CONFIG__REQ,
                                       events, &ev) != BK_OK ||
                   bk_config__get_bool(ld, it, "IncludeBody", 0, &body) !=
                       BK_OK) {
            rc = BK_ERR;
        } else if (!lambda_arn_ok(arn)) {
            rc = bk_config__fail(ld, "LambdaFunctionARN", "must name a "
                                 "numbered version: arn:aws:lambda:REGION:"
                                 "ACCOUNT:function:NAME:VERSION ($LATEST "
                                 "and aliases are not allowed)");
        } else if (bh->lambda[ev].set) {
            rc = bk_config__fail(ld, "EventType", "a second Lambda function "
                                 "for %s", events[ev]);
        } else if (body && ev != BK_CONFIG_EV_VIEWER_REQUEST &&
                   ev != BK_CONFIG_EV_ORIGIN_REQUEST) {
            rc = bk_config__fail(ld, "IncludeBody", "only for viewer-request "
                                 "and origin-request");
        } else if ((ev == BK_CONFIG_EV_VIEWER_REQUEST &&
                    bh->viewer_request_fn) ||
                   (ev == BK_CONFIG_EV_VIEWER_RESPONSE &&
                    bh->viewer_response_fn)) {
            rc = bk_config__fail(ld, "EventType", "%s already has a "
                                 "CloudFront Function; one edge function per "
                                 "viewer event", events[ev]);
        } else {
            bh->lambda[ev].arn = arn;
            bh->lambda[ev].include_body = body;
            bh->lambda[ev].set = true;
        }
        bk_config__pop(ld, o2);
    }
    bk_config__pop(ld, old);
    return rc;
}

static int forwarded_values(bk_config__ld_t *ld, json_t *fv,
                            bk_config_forwarded_t *f)
{
    static const char *const keys[] = {"QueryString", "Cookies", "Headers",
                                       "QueryStringCacheKeys", NULL};
    static const char *const ckeys[] = {"Forward", "WhitelistedNames", NULL};
    static const char *const fwd[] = {"none", "whitelist", "all", NULL};
    static const bk_config_sel_kind_t fwd_kinds[] = {
        BK_CONFIG_SEL_NONE, BK_CONFIG_SEL_WHITELIST, BK_CONFIG_SEL_ALL};
    json_t *ck = NULL;
    bk_str_t *names;
    size_t n;
    int k = 0;
    if (bk_config__check_keys(ld, fv, keys) != BK_OK ||
        bk_config__get_bool(ld, fv, "QueryString", BK_CONFIG__REQ,
                            &f->query_string) != BK_OK ||
        bk_config__get_obj(ld, fv, "Cookies", BK_CONFIG__REQ, &ck) != BK_OK)
        return BK_ERR;

    size_t old = bk_config__push(ld, "Cookies");
    int rc = BK_ERR;
    if (bk_config__check_keys(ld, ck, ckeys) != BK_OK ||
        bk_config__get_enum(ld, ck, "Forward", BK_CONFIG__REQ, fwd, &k) !=
            BK_OK ||
        bk_config__get_str_list(ld, ck, "WhitelistedNames", 0, 256, &names,
                                &n) != BK_OK)
        goto out;
    if (k == 1 && n == 0) {
        bk_config__fail(ld, "WhitelistedNames",
                        "whitelist needs at least one cookie name");
        goto out;
    }
    f->cookies.kind = fwd_kinds[k];
    if (k == 1) {
        f->cookies.names = names;
        f->cookies.n = n;
    }
    rc = BK_OK;
out:
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;

    if (bk_config__get_str_list(ld, fv, "Headers", 0, 256, &names, &n) !=
        BK_OK)
        return BK_ERR;
    f->headers.kind = n ? BK_CONFIG_SEL_WHITELIST : BK_CONFIG_SEL_NONE;
    for (size_t i = 0; i < n; i++) {
        if (bk_str_eq(names[i], BK_STR("*"))) {
            f->headers.kind = BK_CONFIG_SEL_ALL;
        } else if (!valid_header_name(names[i])) {
            return fail_item(ld, "Headers", i, "not a valid header name");
        }
    }
    if (f->headers.kind == BK_CONFIG_SEL_WHITELIST) {
        f->headers.names = names;
        f->headers.n = n;
    }

    if (bk_config__get_str_list(ld, fv, "QueryStringCacheKeys", 0, 256,
                                &names, &n) != BK_OK)
        return BK_ERR;
    if (!f->query_string) {
        f->query_string_keys.kind = BK_CONFIG_SEL_NONE;
    } else if (n) {
        f->query_string_keys.kind = BK_CONFIG_SEL_WHITELIST;
        f->query_string_keys.names = names;
        f->query_string_keys.n = n;
    } else {
        f->query_string_keys.kind = BK_CONFIG_SEL_ALL;
    }
    return BK_OK;
}

/* TrustedSigners / TrustedKeyGroups: enabled means the content is meant for
 * signed requests only. brink cannot check signatures, so serving it would
 * hand it to anyone: refuse rather than warn. */
static int trusted(bk_config__ld_t *ld, json_t *b, const char *key)
{
    json_t *t = NULL;
    bool on = false;
    static const char *const keys[] = {"Enabled", "Quantity", "Items", NULL};
    if (bk_config__get_obj(ld, b, key, 0, &t) != BK_OK)
        return BK_ERR;
    if (t == NULL)
        return BK_OK;
    size_t old = bk_config__push(ld, key);
    int rc = bk_config__check_keys(ld, t, keys);
    if (rc == BK_OK)
        rc = bk_config__get_bool(ld, t, "Enabled", 0, &on);
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;
    if (on)
        return bk_config__fail(ld, key, "signed URLs and cookies are not "
                               "implemented; brink would serve this "
                               "behaviour's content to anyone");
    return BK_OK;
}

static const char *const behavior_keys[] = {
    "PathPattern", "TargetOriginId", "TrustedSigners", "TrustedKeyGroups",
    "ViewerProtocolPolicy", "AllowedMethods", "SmoothStreaming", "Compress",
    "LambdaFunctionAssociations", "FunctionAssociations",
    "FieldLevelEncryptionId", "RealtimeLogConfigArn", "CachePolicyId",
    "OriginRequestPolicyId", "ResponseHeadersPolicyId", "GrpcConfig",
    "ForwardedValues", "MinTTL", "DefaultTTL", "MaxTTL", NULL};
static const char *const viewer_names[] = {"allow-all", "redirect-to-https",
                                           "https-only", NULL};

static int path_pattern(bk_config__ld_t *ld, json_t *b,
                        bk_config_behavior_t *bh)
{
    bk_str_t p = BK_STR_NULL;
    if (bk_config__get_str(ld, b, "PathPattern", BK_CONFIG__REQ, 0, &p) !=
        BK_OK)
        return BK_ERR;
    if (p.n == 0)
        return bk_config__fail(ld, "PathPattern", "must not be empty");
    if (p.n > 255)
        return bk_config__fail(ld, "PathPattern",
                               "longer than 255 characters");
    for (size_t i = 0; i < p.n; i++)
        if (!pattern_char(p.p[i]))
            return bk_config__fail(ld, "PathPattern", "invalid character "
                                   "'%c' (allowed: letters, digits, "
                                   "_-.*$/~\"'@:+& and ?)",
                                   isprint(p.p[i]) ? p.p[i] : '?');
    /* CloudFront reads a pattern without the leading slash as if it had
     * one; a leading wildcard already matches the '/'. */
    if (p.p[0] != '/' && p.p[0] != '*') {
        char *n = bk_config__alloc(ld, p.n + 2, 1);
        if (n == NULL)
            return BK_ERR;
        n[0] = '/';
        memcpy(n + 1, p.p, p.n);
        p = bk_str(n, p.n + 1);
    }
    bh->path_pattern = p;
    return BK_OK;
}

static int ttl(bk_config__ld_t *ld, json_t *b, const char *key, int64_t def,
               int64_t *out)
{
    *out = def;
    return bk_config__get_int(ld, b, key, 0, 0, TTL_MAX, out);
}

static int behavior(bk_config__ld_t *ld, json_t *b, bool is_default,
                    bk_config_behavior_t *bh)
{
    int vp = 0;
    bool smooth = false;
    json_t *grpc = NULL, *fv = NULL;
    bk_str_t cp = BK_STR_NULL, orp = BK_STR_NULL, fle = BK_STR_NULL,
             rtl = BK_STR_NULL, rhp = BK_STR_NULL;

    if (bk_config__check_keys(ld, b, behavior_keys) != BK_OK)
        return BK_ERR;
    if (is_default) {
        bh->path_pattern = BK_STR("*");
        if (json_object_get(b, "PathPattern") != NULL)
            return bk_config__fail(ld, "PathPattern", "the default behaviour "
                                   "has no PathPattern (it is always *)");
    } else if (path_pattern(ld, b, bh) != BK_OK) {
        return BK_ERR;
    }
    if (bk_config__get_str(ld, b, "TargetOriginId", BK_CONFIG__REQ,
                           ID_MAX,
                           &bh->target_origin_id) != BK_OK ||
        bk_config__get_enum(ld, b, "ViewerProtocolPolicy", BK_CONFIG__REQ,
                            viewer_names, &vp) != BK_OK ||
        trusted(ld, b, "TrustedSigners") != BK_OK ||
        trusted(ld, b, "TrustedKeyGroups") != BK_OK ||
        allowed_methods(ld, b, bh) != BK_OK ||
        bk_config__get_bool(ld, b, "SmoothStreaming", 0, &smooth) != BK_OK ||
        bk_config__get_bool(ld, b, "Compress", 0, &bh->compress) != BK_OK ||
        get_opt_str(ld, b, "CachePolicyId", 128, &cp) != BK_OK ||
        get_opt_str(ld, b, "OriginRequestPolicyId", 128, &orp) != BK_OK ||
        get_opt_str(ld, b, "ResponseHeadersPolicyId", 128, &rhp) != BK_OK ||
        get_opt_str(ld, b, "FieldLevelEncryptionId", 128, &fle) != BK_OK ||
        get_opt_str(ld, b, "RealtimeLogConfigArn", 2048, &rtl) != BK_OK ||
        bk_config__get_obj(ld, b, "GrpcConfig", 0, &grpc) != BK_OK ||
        bk_config__get_obj(ld, b, "ForwardedValues", 0, &fv) != BK_OK ||
        function_assocs(ld, b, bh) != BK_OK ||
        lambda_assocs(ld, b, bh) != BK_OK)
        return BK_ERR;
    bh->viewer_protocol = (bk_config_viewer_proto_t)vp;

    /* The target: an origin or an origin group. */
    bh->origin = bk_config_origin(ld->cfg, bh->target_origin_id);
    for (size_t i = 0; bh->origin == NULL && i < ld->cfg->n_origin_groups;
         i++)
        if (bk_str_eq(ld->cfg->origin_groups[i].id, bh->target_origin_id))
            bh->origin_group = &ld->cfg->origin_groups[i];
    if (bh->origin == NULL && bh->origin_group == NULL)
        return bk_config__fail(ld, "TargetOriginId", "no origin or origin "
                               "group with id \"%.*s\"",
                               BK_STR_FMT(bh->target_origin_id));

    /* Cache settings: a cache policy, or the legacy fields. */
    bool legacy_ttl = json_object_get(b, "MinTTL") ||
                      json_object_get(b, "DefaultTTL") ||
                      json_object_get(b, "MaxTTL");
    if (cp.p != NULL) {
        if (fv != NULL)
            return bk_config__fail(ld, "ForwardedValues", "cannot be "
                                   "combined with CachePolicyId");
        if (legacy_ttl)
            return bk_config__fail(ld, NULL, "MinTTL/DefaultTTL/MaxTTL "
                                   "cannot be combined with CachePolicyId "
                                   "(the policy has the TTLs)");
        bh->cache_policy = bk_config__find_cache_policy(ld, cp);
        if (bh->cache_policy == NULL)
            return bk_config__fail(ld, "CachePolicyId", "no cache policy "
                                   "\"%.*s\" (neither in "
                                   "Brink.CachePolicies nor managed)",
                                   BK_STR_FMT(cp));
        bh->min_ttl = bh->cache_policy->min_ttl;
        bh->default_ttl = bh->cache_policy->default_ttl;
        bh->max_ttl = bh->cache_policy->max_ttl;
    } else {
        if (fv == NULL)
            return bk_config__fail(ld, NULL, "needs CachePolicyId or (legacy) "
                                   "ForwardedValues");
        if (orp.p != NULL)
            return bk_config__fail(ld, "OriginRequestPolicyId", "needs a "
                                   "CachePolicyId (not legacy "
                                   "ForwardedValues)");
        bh->legacy = true;
        size_t old = bk_config__push(ld, "ForwardedValues");
        int rc = forwarded_values(ld, fv, &bh->forwarded);
        bk_config__pop(ld, old);
        int64_t mn, df, mx;
        if (rc != BK_OK || ttl(ld, b, "MinTTL", 0, &mn) != BK_OK ||
            ttl(ld, b, "DefaultTTL", BK_MAX(ONE_DAY, mn), &df) != BK_OK ||
            ttl(ld, b, "MaxTTL", BK_MAX(ONE_YEAR, df), &mx) != BK_OK)
            return BK_ERR;
        if (mn > df)
            return bk_config__fail(ld, "DefaultTTL", "must be at least MinTTL "
                                   "(%lld)", (long long)mn);
        if (df > mx)
            return bk_config__fail(ld, "MaxTTL", "must be at least "
                                   "DefaultTTL (%lld)", (long long)df);
        bh->min_ttl = (uint64_t)mn;
        bh->default_ttl = (uint64_t)df;
        bh->max_ttl = (uint64_t)mx;
    }
    if (orp.p != NULL) {
        bh->origin_request_policy = bk_config__find_orp(ld, orp);
        if (bh->origin_request_policy == NULL)
            return bk_config__fail(ld, "OriginRequestPolicyId", "no origin "
                                   "request policy \"%.*s\" (neither in "
                                   "Brink.OriginRequestPolicies nor "
                                   "managed)", BK_STR_FMT(orp));
    }

    /* Accepted, not implemented. */
    if (rhp.p != NULL) {
        bh->response_headers_policy_id = rhp;
        if (bk_config__warn(ld, "ResponseHeadersPolicyId", "response headers "
                            "policies are not implemented, ignored") != BK_OK)
            return BK_ERR;
    }
    if (smooth && bk_config__warn(ld, "SmoothStreaming", "Smooth Streaming "
                                  "is not implemented, ignored") != BK_OK)
        return BK_ERR;
    if (fle.p != NULL &&
        bk_config__warn(ld, "FieldLevelEncryptionId", "field-level "
                        "encryption is not implemented, ignored") != BK_OK)
        return BK_ERR;
    if (rtl.p != NULL &&
        bk_config__warn(ld, "RealtimeLogConfigArn", "real-time logs are not "
                        "implemented, ignored") != BK_OK)
        return BK_ERR;
    if (grpc != NULL) {
        bool on = false;
        if (bk_config__get_bool(ld, grpc, "Enabled", 0, &on) != BK_OK)
            return BK_ERR;
        if (on && bk_config__warn(ld, "GrpcConfig", "gRPC is not "
                                  "implemented, ignored") != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

static int behaviors(bk_config__ld_t *ld, json_t *dc)
{
    json_t *def = NULL, *items;
    size_t n;
    if (bk_config__get_obj(ld, dc, "DefaultCacheBehavior", BK_CONFIG__REQ,
                           &def) != BK_OK)
        return BK_ERR;
    size_t old = bk_config__push(ld, "DefaultCacheBehavior");
    int rc = behavior(ld, def, true, &ld->cfg->default_behavior);
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;

    if (bk_config__get_list(ld, dc, "CacheBehaviors", 0, &items, &n) != BK_OK)
        return BK_ERR;
    if (n == 0)
        return BK_OK;
    bk_config_behavior_t *bs = bk_config__alloc(ld, n, sizeof(*bs));
    if (bs == NULL)
        return BK_ERR;
    old = bk_config__push(ld, "CacheBehaviors");
    bk_config__push(ld, "Items");
    for (size_t i = 0; i < n && rc == BK_OK; i++) {
        json_t *b = json_array_get(items, i);
        size_t o2 = bk_config__push_idx(ld, i);
        if (!json_is_object(b))
            rc = bk_config__fail(ld, NULL, "must be an object");
        else
            rc = behavior(ld, b, false, &bs[i]);
        for (size_t j = 0; rc == BK_OK && j < i; j++)
            if (bk_str_eq(bs[j].path_pattern, bs[i].path_pattern))
                rc = bk_config__fail(ld, "PathPattern", "duplicate pattern "
                                     "\"%.*s\" (also Items[%zu])",
                                     BK_STR_FMT(bs[i].path_pattern), j);
        bk_config__pop(ld, o2);
    }
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;
    ld->cfg->behaviors = bs;
    ld->cfg->n_behaviors = n;
    return BK_OK;
}

/* ======================================================================
 * Custom error responses
 * ====================================================================== */

static const uint16_t error_codes[] = {400, 403, 404, 405, 414, 416,
                                       500, 501, 502, 503, 504};

static bool in_codes(int64_t v, bool allow_200)
{
    if (allow_200 && v == 200)
        return true;
    for (size_t i = 0; i < BK_COUNTOF(error_codes); i++)
        if (v == error_codes[i])
            return true;
    return false;
}

static int error_response(bk_config__ld_t *ld, json_t *e,
                          bk_config_error_response_t *er)
{
    static const char *const keys[] = {"ErrorCode", "ResponsePagePath",
                                       "ResponseCode", "ErrorCachingMinTTL",
                                       NULL};
    int64_t code = 0, ttl_v = 10, rcode = 0;
    er->page_path = BK_STR("");
    if (bk_config__check_keys(ld, e, keys) != BK_OK ||
        bk_config__get_int(ld, e, "ErrorCode", BK_CONFIG__REQ, 0, 999,
                           &code) != BK_OK ||
        bk_config__get_str(ld, e, "ResponsePagePath", 0, 4096,
                           &er->page_path) != BK_OK ||
        bk_config__get_int(ld, e, "ErrorCachingMinTTL", 0, 0, TTL_MAX,
                           &ttl_v) != BK_OK)
        return BK_ERR;
    if (!in_codes(code, false))
        return bk_config__fail(ld, "ErrorCode", "must be one of 400, 403, "
                               "404, 405, 414, 416, 500, 501, 502, 503, 504");
    /* ResponseCode is a string in CloudFront's API ("200", or "" for
     * none); a JSON integer is accepted too. */
    json_t *rc = json_object_get(e, "ResponseCode");
    if (rc != NULL && json_is_string(rc) && json_string_length(rc) > 0) {
        uint64_t v;
        if (bk_str_to_u64(bk_str(json_string_value(rc),
                                 json_string_length(rc)),
                          999, &v) != BK_OK)
            return bk_config__fail(ld, "ResponseCode", "must be a status "
                                   "code such as \"200\"");
        rcode = (int64_t)v;
    } else if (rc != NULL && json_is_integer(rc)) {
        rcode = json_integer_value(rc);
    } else if (rc != NULL && !json_is_string(rc) && !json_is_null(rc)) {
        return bk_config__fail(ld, "ResponseCode", "must be a status code "
                               "such as \"200\"");
    }
    if (rcode != 0 && !in_codes(rcode, true))
        return bk_config__fail(ld, "ResponseCode", "must be 200 or one of "
                               "400, 403, 404, 405, 414, 416, 500, 501, 502, "
                               "503, 504");
    bk_str_t pp = er->page_path;
    if (pp.n && pp.p[0] != '/')
        return bk_config__fail(ld, "ResponsePagePath", "must start with '/'");
    if ((pp.n != 0) != (rcode != 0))
        return bk_config__fail(ld, NULL, "ResponsePagePath and ResponseCode "
                               "go together: give both or neither");
    er->error_code = (uint16_t)code;
    er->response_code = (uint16_t)rcode;
    er->caching_min_ttl = (uint64_t)ttl_v;
    return BK_OK;
}

static int error_responses(bk_config__ld_t *ld, json_t *dc)
{
    json_t *items;
    size_t n;
    if (bk_config__get_list(ld, dc, "CustomErrorResponses", 0, &items, &n) !=
        BK_OK)
        return BK_ERR;
    if (n == 0)
        return BK_OK;
    bk_config_error_response_t *es = bk_config__alloc(ld, n, sizeof(*es));
    if (es == NULL)
        return BK_ERR;
    size_t old = bk_config__push(ld, "CustomErrorResponses");
    bk_config__push(ld, "Items");
    int rc = BK_OK;
    for (size_t i = 0; i < n && rc == BK_OK; i++) {
        json_t *e = json_array_get(items, i);
        size_t o2 = bk_config__push_idx(ld, i);
        if (!json_is_object(e))
            rc = bk_config__fail(ld, NULL, "must be an object");
        else
            rc = error_response(ld, e, &es[i]);
        for (size_t j = 0; rc == BK_OK && j < i; j++)
            if (es[j].error_code == es[i].error_code)
                rc = bk_config__fail(ld, "ErrorCode", "duplicate error code "
                                     "%u (also Items[%zu])",
                                     es[i].error_code, j);
        bk_config__pop(ld, o2);
    }
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;
    ld->cfg->error_responses = es;
    ld->cfg->n_error_responses = n;
    return BK_OK;
}

/* ======================================================================
 * Top level
 * ====================================================================== */

static const char *const dist_keys[] = {
    "CallerReference", "Aliases", "DefaultRootObject", "Origins",
    "OriginGroups", "DefaultCacheBehavior", "CacheBehaviors",
    "CustomErrorResponses", "Comment", "Logging", "PriceClass", "Enabled",
    "ViewerCertificate", "Restrictions", "WebACLId", "HttpVersion",
    "IsIPV6Enabled", "ContinuousDeploymentPolicyId", "Staging",
    "AnycastIpListId", "ConnectionMode", "Brink", NULL};

/* Top-level CloudFront fields brink accepts and ignores, warned only when
 * their value would make a difference. */
static int unsupported(bk_config__ld_t *ld, json_t *dc)
{
    json_t *v;
    if ((v = json_object_get(dc, "Logging")) != NULL) {
        bool on = false;
        if (!json_is_object(v))
            return bk_config__fail(ld, "Logging", "must be an object");
        size_t old = bk_config__push(ld, "Logging");
        int rc = bk_config__get_bool(ld, v, "Enabled", 0, &on);
        bk_config__pop(ld, old);
        if (rc != BK_OK)
            return BK_ERR;
        if (on && bk_config__warn(ld, "Logging", "standard logging to S3 is "
                                  "not implemented (use Brink.AccessLog), "
                                  "ignored") != BK_OK)
            return BK_ERR;
    }
    if (json_object_get(dc, "ViewerCertificate") != NULL &&
        bk_config__warn(ld, "ViewerCertificate", "ACM/IAM certificates "
                        "are not used (HTTPS certificate: "
                        "Brink.ListenTls), ignored") != BK_OK)
        return BK_ERR;
    if (json_object_get(dc, "PriceClass") != NULL &&
        bk_config__warn(ld, "PriceClass", "one node has no price class, "
                        "ignored") != BK_OK)
        return BK_ERR;
    if ((v = json_object_get(dc, "Restrictions")) != NULL) {
        json_t *g = json_is_object(v) ? json_object_get(v, "GeoRestriction")
                                      : NULL;
        json_t *t = json_is_object(g) ? json_object_get(g,
                                                        "RestrictionType")
                                      : NULL;
        if (!(json_is_string(t) && strcmp(json_string_value(t), "none") == 0)
            && bk_config__warn(ld, "Restrictions", "geographic restrictions "
                               "are not implemented; content is served to "
                               "every country") != BK_OK)
            return BK_ERR;
    }
    if ((v = json_object_get(dc, "WebACLId")) != NULL && json_is_string(v) &&
        json_string_length(v) > 0 &&
        bk_config__warn(ld, "WebACLId", "AWS WAF is not available, "
                        "ignored") != BK_OK)
        return BK_ERR;
    if ((v = json_object_get(dc, "HttpVersion")) != NULL &&
        !(json_is_string(v) && strcmp(json_string_value(v), "http1.1") == 0)
        && bk_config__warn(ld, "HttpVersion", "brink speaks HTTP/1.1 only, "
                           "ignored") != BK_OK)
        return BK_ERR;
    if (json_is_true(json_object_get(dc, "IsIPV6Enabled")) &&
        bk_config__warn(ld, "IsIPV6Enabled", "ignored: Brink.Listen decides "
                        "the address family") != BK_OK)
        return BK_ERR;
    if (json_is_true(json_object_get(dc, "Staging")) &&
        bk_config__warn(ld, "Staging", "staging distributions are not "
                        "implemented; served as a primary") != BK_OK)
        return BK_ERR;
    if ((v = json_object_get(dc, "ContinuousDeploymentPolicyId")) != NULL &&
        json_is_string(v) && json_string_length(v) > 0 &&
        bk_config__warn(ld, "ContinuousDeploymentPolicyId", "continuous "
                        "deployment is not implemented, ignored") != BK_OK)
        return BK_ERR;
    if ((v = json_object_get(dc, "ConnectionMode")) != NULL &&
        !(json_is_string(v) && strcmp(json_string_value(v), "direct") == 0)
        && bk_config__warn(ld, "ConnectionMode", "multi-tenant "
                           "distributions are not implemented; served as a "
                           "standard distribution") != BK_OK)
        return BK_ERR;
    if ((v = json_object_get(dc, "AnycastIpListId")) != NULL &&
        json_is_string(v) && json_string_length(v) > 0 &&
        bk_config__warn(ld, "AnycastIpListId", "anycast IP lists are not "
                        "available, ignored") != BK_OK)
        return BK_ERR;
    return BK_OK;
}

static int aliases(bk_config__ld_t *ld, json_t *dc)
{
    bk_str_t *a;
    size_t n;
    if (bk_config__get_str_list(ld, dc, "Aliases", 0, 253, &a, &n) != BK_OK)
        return BK_ERR;
    for (size_t i = 0; i < n; i++) {
        if (!valid_host(a[i], true))
            return fail_item(ld, "Aliases", i, "not a host name (a leading "
                             "\"*.\" is allowed)");
        for (size_t j = 0; j < i; j++)
            if (bk_str_eq_ci(a[i], a[j]))
                return fail_item(ld, "Aliases", i, "duplicate alias");
    }
    ld->cfg->aliases = a;
    ld->cfg->n_aliases = n;
    return BK_OK;
}

int bk_config__distribution(bk_config__ld_t *ld, json_t *dc)
{
    bk_config_t *c = ld->cfg;
    bk_str_t dro = BK_STR_NULL;
    if (bk_config__check_keys(ld, dc, dist_keys) != BK_OK ||
        bk_config__get_str(ld, dc, "CallerReference", 0, 0,
                           &c->caller_reference) != BK_OK ||
        bk_config__get_str(ld, dc, "Comment", 0, 128, &c->comment) != BK_OK ||
        bk_config__get_bool(ld, dc, "Enabled", 0, &c->enabled) != BK_OK ||
        bk_config__get_str(ld, dc, "DefaultRootObject", 0, 255, &dro) !=
            BK_OK ||
        unsupported(ld, dc) != BK_OK || aliases(ld, dc) != BK_OK ||
        origins(ld, dc) != BK_OK || groups(ld, dc) != BK_OK ||
        behaviors(ld, dc) != BK_OK || error_responses(ld, dc) != BK_OK)
        return BK_ERR;
    if (dro.n) {
        if (dro.p[0] == '/')
            return bk_config__fail(ld, "DefaultRootObject", "must not start "
                                   "with '/' (write \"index.html\")");
        for (size_t i = 0; i < dro.n; i++)
            if (dro.p[i] <= 0x20 || dro.p[i] == 0x7f || dro.p[i] == '?' ||
                dro.p[i] == '#')
                return bk_config__fail(ld, "DefaultRootObject",
                                       "invalid character");
        c->default_root_object = dro;
    }
    return BK_OK;
}
