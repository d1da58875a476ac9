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
#include <stddef.h>
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

/* An {"Enabled": bool} object 'o' (NULL: absent) for a feature brink does
 * not implement: warns 'what' at 'key' when it is enabled. XXX: a bad
 * Enabled is reported at the parent's path, as it always was. */
static int warn_enabled(bk_config__ld_t *ld, json_t *o, const char *key,
                        const char *what)
{
    bool on = false;
    if (o == NULL)
        return BK_OK;
    if (bk_config__get_bool(ld, o, "Enabled", 0, &on) != BK_OK)
        return BK_ERR;
    if (on && bk_config__warn(ld, key, "%s", what) != BK_OK)
        return BK_ERR;
    return BK_OK;
}

/* ======================================================================
 * Lists of objects
 * ====================================================================== */

/* How one kind of {Quantity, Items} list of objects is read. 'one' reads
 * Items[i] (an object, the path at it) into 'elem', the i-th element (NULL
 * when size is 0: the item goes into 'ctx'). Then each earlier element,
 * 'prev' being Items[j], is checked against it: the bk_str_t at 'id_off'
 * must differ when 'id_field' is set, and 'clash', when there is one,
 * fails when the two may not stand together. */
typedef struct {
    const char *key;      /* the member holding the list */
    unsigned flags;       /* BK_CONFIG__REQ: absent is an error */
    const char *empty;    /* the error for an empty list; NULL: allowed */
    size_t max;           /* more items than this is 'too_many' (0: any) */
    const char *too_many;
    size_t size;          /* bytes of an element; 0: no array */
    int (*one)(bk_config__ld_t *ld, json_t *it, void *elem, void *ctx);
    const char *id_field; /* "Id": "duplicate <id_what> \"...\"" */
    const char *id_what;
    size_t id_off;
    int (*clash)(bk_config__ld_t *ld, const void *prev, const void *elem,
                 size_t j);
} list_t;

/* Fails when 'elem' may not follow the earlier Items[j], 'prev'. */
static int check_clash(bk_config__ld_t *ld, const list_t *l,
                       const uint8_t *prev, const uint8_t *elem, size_t j)
{
    if (l->id_field != NULL) {
        const bk_str_t *a = (const void *)(prev + l->id_off);
        const bk_str_t *b = (const void *)(elem + l->id_off);
        if (bk_str_eq(*a, *b))
            return bk_config__fail(ld, l->id_field, "duplicate %s \"%.*s\" "
                                   "(also Items[%zu])", l->id_what,
                                   BK_STR_FMT(*b), j);
    }
    return l->clash != NULL ? l->clash(ld, prev, elem, j) : BK_OK;
}

/* Reads the n items of an already fetched list into 'elems' (see list_t),
 * the path at key.Items[i] for each; stops at the first error. */
static int each_item(bk_config__ld_t *ld, const list_t *l, json_t *items,
                     size_t n, void *elems, void *ctx)
{
    uint8_t *base = elems;
    size_t old = bk_config__push(ld, l->key);
    bk_config__push(ld, "Items");
    int rc = BK_OK;
    for (size_t i = 0; i < n && rc == BK_OK; i++) {
        json_t *it = json_array_get(items, i);
        uint8_t *elem = base != NULL ? base + i * l->size : NULL;
        size_t o2 = bk_config__push_idx(ld, i);
        if (!json_is_object(it))
            rc = bk_config__fail(ld, NULL, "must be an object");
        else
            rc = l->one(ld, it, elem, ctx);
        for (size_t j = 0; rc == BK_OK && base != NULL && j < i; j++)
            rc = check_clash(ld, l, base + j * l->size, elem, j);
        bk_config__pop(ld, o2);
    }
    bk_config__pop(ld, old);
    return rc;
}

/* Reads the list l->key of 'o' into a new array from the arena: *out (NULL
 * when empty or when l->size is 0) and *n_out, set on success only; either
 * may be NULL. */
static int read_list(bk_config__ld_t *ld, json_t *o, const list_t *l,
                     void *ctx, void **out, size_t *n_out)
{
    json_t *items;
    size_t n;
    void *elems = NULL;
    if (bk_config__get_list(ld, o, l->key, l->flags, &items, &n) != BK_OK)
        return BK_ERR;
    if (n == 0 && l->empty != NULL)
        return bk_config__fail(ld, l->key, "%s", l->empty);
    if (l->max != 0 && n > l->max)
        return bk_config__fail(ld, l->key, "%s", l->too_many);
    if (n != 0 && l->size != 0 &&
        (elems = bk_config__alloc(ld, n, l->size)) == NULL)
        return BK_ERR;
    if (each_item(ld, l, items, n, elems, ctx) != BK_OK)
        return BK_ERR;
    if (out != NULL)
        *out = elems;
    if (n_out != NULL)
        *n_out = n;
    return BK_OK;
}

/* ======================================================================
 * Origins
 * ====================================================================== */

static int custom_header(bk_config__ld_t *ld, json_t *it, void *elem,
                         void *ctx)
{
    static const char *const keys[] = {"HeaderName", "HeaderValue", NULL};
    bk_config_header_t *h = elem;
    if (bk_config__check_keys(ld, it, keys) != BK_OK ||
        bk_config__get_str(ld, it, "HeaderName", BK_CONFIG__REQ, 256,
                           &h->name) != BK_OK ||
        bk_config__get_str(ld, it, "HeaderValue", BK_CONFIG__REQ, 1783,
                           &h->value) != BK_OK)
        return BK_ERR;
    if (!valid_header_name(h->name))
        return bk_config__fail(ld, "HeaderName", "not a valid header name");
    if (forbidden_custom_header(h->name))
        return bk_config__fail(ld, "HeaderName", "CloudFront does not "
                               "allow \"%.*s\" as a custom origin header",
                               BK_STR_FMT(h->name));
    if (!valid_header_value(h->value))
        return bk_config__fail(ld, "HeaderValue",
                               "control characters are not allowed");
    return BK_OK;
}

static int header_clash(bk_config__ld_t *ld, const void *prev,
                        const void *elem, size_t j)
{
    const bk_config_header_t *a = prev, *b = elem;
    return bk_str_eq_ci(a->name, b->name)
               ? bk_config__fail(ld, "HeaderName",
                                 "duplicate header (also Items[%zu])", j)
               : BK_OK;
}

static const list_t header_list = {
    .key = "CustomHeaders", .max = 10,
    .too_many = "at most 10 custom headers per origin",
    .size = sizeof(bk_config_header_t), .one = custom_header,
    .clash = header_clash};

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

static int origin(bk_config__ld_t *ld, json_t *o, void *elem, void *ctx)
{
    bk_config_origin_t *org = elem;
    json_t *custom = NULL, *s3 = NULL, *vpc = NULL, *shield = NULL;
    int64_t attempts = 3, ctimeout = 10;
    bk_str_t oac = BK_STR_NULL;
    void *hs = NULL;
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
        read_list(ld, o, &header_list, NULL, &hs, &org->n_headers) != BK_OK)
        return BK_ERR;
    org->headers = hs;
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
    return warn_enabled(ld, shield, "OriginShield", "Origin Shield is not "
                        "implemented, ignored");
}

static const list_t origin_list = {
    .key = "Origins", .flags = BK_CONFIG__REQ,
    .empty = "at least one origin is required",
    .size = sizeof(bk_config_origin_t), .one = origin, .id_field = "Id",
    .id_what = "origin id", .id_off = offsetof(bk_config_origin_t, id)};

/* ======================================================================
 * Origin groups
 * ====================================================================== */

static const uint16_t failover_codes[] = {400, 403, 404, 416,
                                          500, 502, 503, 504};

/* Members.Items[i]: {"OriginId"}, an existing origin. */
static int member(bk_config__ld_t *ld, json_t *it, void *elem, void *ctx)
{
    static const char *const keys[] = {"OriginId", NULL};
    const bk_config_origin_t **m = elem;
    bk_str_t id = BK_STR_NULL;
    if (bk_config__check_keys(ld, it, keys) != BK_OK ||
        bk_config__get_str(ld, it, "OriginId", BK_CONFIG__REQ, ID_MAX, &id) !=
            BK_OK)
        return BK_ERR;
    if ((*m = bk_config_origin(ld->cfg, id)) == NULL)
        return bk_config__fail(ld, "OriginId", "no origin with id \"%.*s\"",
                               BK_STR_FMT(id));
    return BK_OK;
}

static int member_clash(bk_config__ld_t *ld, const void *prev,
                        const void *elem, size_t j)
{
    const bk_config_origin_t *const *a = prev, *const *b = elem;
    return *a == *b ? bk_config__fail(ld, "OriginId",
                                      "both members are the same origin")
                    : BK_OK;
}

static const list_t member_list = {
    .key = "Members", .size = sizeof(const bk_config_origin_t *),
    .one = member, .clash = member_clash};

static int group(bk_config__ld_t *ld, json_t *g, void *elem, void *ctx)
{
    bk_config_origin_group_t *og = elem;
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
    if (each_item(ld, &member_list, members, 2, m, NULL) != BK_OK)
        return BK_ERR;
    og->primary = m[0];
    og->secondary = m[1];
    return BK_OK;
}

static const list_t group_list = {
    .key = "OriginGroups", .size = sizeof(bk_config_origin_group_t),
    .one = group, .id_field = "Id", .id_what = "origin group id",
    .id_off = offsetof(bk_config_origin_group_t, id)};

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

static const char *const event_names[] = {
    "viewer-request", "origin-request", "origin-response", "viewer-response",
    NULL};

/* FunctionAssociations.Items[i] into the behaviour 'ctx'. */
static int function_assoc(bk_config__ld_t *ld, json_t *it, void *elem,
                          void *ctx)
{
    static const char *const keys[] = {"FunctionARN", "EventType", NULL};
    bk_config_behavior_t *bh = ctx;
    bk_str_t arn = BK_STR_NULL;
    int ev = 0;
    if (bk_config__check_keys(ld, it, keys) != BK_OK ||
        bk_config__get_str(ld, it, "FunctionARN", BK_CONFIG__REQ, 512,
                           &arn) != BK_OK ||
        bk_config__get_enum(ld, it, "EventType", BK_CONFIG__REQ, event_names,
                            &ev) != BK_OK)
        return BK_ERR;
    if (ev != BK_CONFIG_EV_VIEWER_REQUEST &&
        ev != BK_CONFIG_EV_VIEWER_RESPONSE)
        return bk_config__fail(ld, "EventType", "CloudFront Functions run "
                               "only at viewer-request and viewer-response");
    bk_str_t name = function_name(arn);
    const bk_config_function_t *fn = bk_config_function(ld->cfg, name);
    const bk_config_function_t **slot = ev == BK_CONFIG_EV_VIEWER_REQUEST
                                            ? &bh->viewer_request_fn
                                            : &bh->viewer_response_fn;
    if (fn == NULL)
        return bk_config__fail(ld, "FunctionARN", "no function \"%.*s\" "
                               "in Brink.Functions", BK_STR_FMT(name));
    if (*slot != NULL)
        return bk_config__fail(ld, "EventType", "a second function for %s",
                               event_names[ev]);
    *slot = fn;
    return BK_OK;
}

static const list_t function_list = {.key = "FunctionAssociations",
                                     .one = function_assoc};

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

/* LambdaFunctionAssociations.Items[i] into the behaviour 'ctx'. */
static int lambda_assoc(bk_config__ld_t *ld, json_t *it, void *elem,
                        void *ctx)
{
    static const char *const keys[] = {"LambdaFunctionARN", "EventType",
                                       "IncludeBody", NULL};
    bk_config_behavior_t *bh = ctx;
    bk_str_t arn = BK_STR_NULL;
    int ev = 0;
    bool body = false;
    if (bk_config__check_keys(ld, it, keys) != BK_OK ||
        bk_config__get_str(ld, it, "LambdaFunctionARN", BK_CONFIG__REQ, 512,
                           &arn) != BK_OK ||
        bk_config__get_enum(ld, it, "EventType", BK_CONFIG__REQ, event_names,
                            &ev) != BK_OK ||
        bk_config__get_bool(ld, it, "IncludeBody", 0, &body) != BK_OK)
        return BK_ERR;
    if (!lambda_arn_ok(arn))
        return bk_config__fail(ld, "LambdaFunctionARN", "must name a "
                               "numbered version: arn:aws:lambda:REGION:"
                               "ACCOUNT:function:NAME:VERSION ($LATEST "
                               "and aliases are not allowed)");
    if (bh->lambda[ev].set)
        return bk_config__fail(ld, "EventType", "a second Lambda function "
                               "for %s", event_names[ev]);
    if (body && ev != BK_CONFIG_EV_VIEWER_REQUEST &&
        ev != BK_CONFIG_EV_ORIGIN_REQUEST)
        return bk_config__fail(ld, "IncludeBody", "only for viewer-request "
                               "and origin-request");
    if ((ev == BK_CONFIG_EV_VIEWER_REQUEST && bh->viewer_request_fn) ||
        (ev == BK_CONFIG_EV_VIEWER_RESPONSE && bh->viewer_response_fn))
        return bk_config__fail(ld, "EventType", "%s already has a "
                               "CloudFront Function; one edge function per "
                               "viewer event", event_names[ev]);
    bh->lambda[ev].arn = arn;
    bh->lambda[ev].include_body = body;
    bh->lambda[ev].set = true;
    return BK_OK;
}

static const list_t lambda_list = {.key = "LambdaFunctionAssociations",
                                   .one = lambda_assoc};

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
        read_list(ld, b, &function_list, bh, NULL, NULL) != BK_OK ||
        read_list(ld, b, &lambda_list, bh, NULL, NULL) != BK_OK)
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
    return warn_enabled(ld, grpc, "GrpcConfig", "gRPC is not implemented, "
                        "ignored");
}

/* CacheBehaviors.Items[i]. */
static int cache_behavior(bk_config__ld_t *ld, json_t *it, void *elem,
                          void *ctx)
{
    return behavior(ld, it, false, elem);
}

static const list_t behavior_list = {
    .key = "CacheBehaviors", .size = sizeof(bk_config_behavior_t),
    .one = cache_behavior, .id_field = "PathPattern", .id_what = "pattern",
    .id_off = offsetof(bk_config_behavior_t, path_pattern)};

static int behaviors(bk_config__ld_t *ld, json_t *dc)
{
    json_t *def = NULL;
    void *bs = NULL;
    if (bk_config__get_obj(ld, dc, "DefaultCacheBehavior", BK_CONFIG__REQ,
                           &def) != BK_OK)
        return BK_ERR;
    size_t old = bk_config__push(ld, "DefaultCacheBehavior");
    int rc = behavior(ld, def, true, &ld->cfg->default_behavior);
    bk_config__pop(ld, old);
    if (rc != BK_OK || read_list(ld, dc, &behavior_list, NULL, &bs,
                                 &ld->cfg->n_behaviors) != BK_OK)
        return BK_ERR;
    ld->cfg->behaviors = bs;
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

static int error_response(bk_config__ld_t *ld, json_t *e, void *elem,
                          void *ctx)
{
    bk_config_error_response_t *er = elem;
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

static int error_clash(bk_config__ld_t *ld, const void *prev,
                       const void *elem, size_t j)
{
    const bk_config_error_response_t *a = prev, *b = elem;
    return a->error_code == b->error_code
               ? bk_config__fail(ld, "ErrorCode", "duplicate error code %u "
                                 "(also Items[%zu])", b->error_code, j)
               : BK_OK;
}

static const list_t error_list = {
    .key = "CustomErrorResponses",
    .size = sizeof(bk_config_error_response_t), .one = error_response,
    .clash = error_clash};

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

/* Top-level CloudFront fields brink accepts and ignores, in the order their
 * warnings come, each warned only when its value would make a difference:
 * IGN_PRESENT when given at all, IGN_TRUE when true, IGN_NONEMPTY when a
 * non-empty string, IGN_UNLESS when given and the string at key.sub[0].sub[1]
 * (as deep as 'sub' goes) is not 'ok'. Logging is read first, apart. */
enum { IGN_PRESENT, IGN_TRUE, IGN_NONEMPTY, IGN_UNLESS };

static const struct {
    const char *key;
    int when;
    const char *ok;
    const char *sub[2];
    const char *msg;
} ignored[] = {
    {"ViewerCertificate", IGN_PRESENT, NULL, {NULL, NULL},
     "ACM/IAM certificates are not used (HTTPS certificate: "
     "Brink.ListenTls), ignored"},
    {"PriceClass", IGN_PRESENT, NULL, {NULL, NULL},
     "one node has no price class, ignored"},
    {"Restrictions", IGN_UNLESS, "none", {"GeoRestriction", "RestrictionType"},
     "geographic restrictions are not implemented; content is served to "
     "every country"},
    {"WebACLId", IGN_NONEMPTY, NULL, {NULL, NULL},
     "AWS WAF is not available, ignored"},
    {"HttpVersion", IGN_UNLESS, "http1.1", {NULL, NULL},
     "brink speaks HTTP/1.1 only, ignored"},
    {"IsIPV6Enabled", IGN_TRUE, NULL, {NULL, NULL},
     "ignored: Brink.Listen decides the address family"},
    {"Staging", IGN_TRUE, NULL, {NULL, NULL},
     "staging distributions are not implemented; served as a primary"},
    {"ContinuousDeploymentPolicyId", IGN_NONEMPTY, NULL, {NULL, NULL},
     "continuous deployment is not implemented, ignored"},
    {"ConnectionMode", IGN_UNLESS, "direct", {NULL, NULL},
     "multi-tenant distributions are not implemented; served as a "
     "standard distribution"},
    {"AnycastIpListId", IGN_NONEMPTY, NULL, {NULL, NULL},
     "anycast IP lists are not available, ignored"},
};

/* Whether ignoring ignored[k], given as 'v' (NULL: absent), is worth a
 * warning. */
static bool ignored_matters(size_t k, json_t *v)
{
    if (v == NULL)
        return false;
    switch (ignored[k].when) {
    case IGN_TRUE:
        return json_is_true(v);
    case IGN_NONEMPTY:
        return json_is_string(v) && json_string_length(v) > 0;
    case IGN_UNLESS:
        for (size_t i = 0; i < 2 && ignored[k].sub[i] != NULL; i++)
            v = json_is_object(v) ? json_object_get(v, ignored[k].sub[i])
                                  : NULL;
        return !(json_is_string(v) &&
                 strcmp(json_string_value(v), ignored[k].ok) == 0);
    default:
        return true;
    }
}

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
    for (size_t k = 0; k < BK_COUNTOF(ignored); k++)
        if (ignored_matters(k, json_object_get(dc, ignored[k].key)) &&
            bk_config__warn(ld, ignored[k].key, "%s", ignored[k].msg) !=
                BK_OK)
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
    void *origins = NULL, *groups = NULL, *errors = NULL;
    if (bk_config__check_keys(ld, dc, dist_keys) != BK_OK ||
        bk_config__get_str(ld, dc, "CallerReference", 0, 0,
                           &c->caller_reference) != BK_OK ||
        bk_config__get_str(ld, dc, "Comment", 0, 128, &c->comment) != BK_OK ||
        bk_config__get_bool(ld, dc, "Enabled", 0, &c->enabled) != BK_OK ||
        bk_config__get_str(ld, dc, "DefaultRootObject", 0, 255, &dro) !=
            BK_OK ||
        unsupported(ld, dc) != BK_OK || aliases(ld, dc) != BK_OK ||
        read_list(ld, dc, &origin_list, NULL, &origins, &c->n_origins) !=
            BK_OK)
        return BK_ERR;
    /* Origins first: groups and behaviours look them up in c. */
    c->origins = origins;
    if (read_list(ld, dc, &group_list, NULL, &groups, &c->n_origin_groups) !=
        BK_OK)
        return BK_ERR;
    c->origin_groups = groups;
    if (behaviors(ld, dc) != BK_OK ||
        read_list(ld, dc, &error_list, NULL, &errors,
                  &c->n_error_responses) != BK_OK)
        return BK_ERR;
    c->error_responses = errors;
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
