/*
 * viewer_hdrs.c: the CloudFront-* request headers CloudFront adds from the
 * viewer's connection, User-Agent and IP (reference §11), computed on
 * demand for the names a behaviour's policies select.
 *
 * Device detection follows CloudFront's documented buckets (desktop,
 * mobile, tablet, smart TV, plus Android and iOS), from User-Agent tokens;
 * several may be true at once, as in CloudFront.
 */
#include <string.h>

#include "edge/edge_int.h"

static int has(bk_str_t ua, const char *tok)
{
    size_t n = strlen(tok);
    if (ua.n < n)
        return 0;
    for (size_t i = 0; i + n <= ua.n; i++)
        if (memcmp(ua.p + i, tok, n) == 0)
            return 1;
    return 0;
}

typedef struct {
    int desktop, mobile, tablet, smarttv, android, ios;
} device_t;

static void classify(bk_str_t ua, device_t *d)
{
    memset(d, 0, sizeof(*d));
    d->android = has(ua, "Android");
    d->ios = has(ua, "iPhone") || has(ua, "iPad") || has(ua, "iPod");
    d->smarttv = has(ua, "SmartTV") || has(ua, "SMART-TV") ||
                 has(ua, "GoogleTV") || has(ua, "AppleTV") ||
                 has(ua, "BRAVIA") || has(ua, "Tizen") || has(ua, "Web0S") ||
                 has(ua, "HbbTV") || has(ua, "CrKey") || has(ua, "Roku");
    d->tablet = has(ua, "iPad") || has(ua, "Tablet") ||
                (d->android && !has(ua, "Mobile")) || has(ua, "Kindle") ||
                has(ua, "Silk");
    d->mobile = !d->tablet && (has(ua, "Mobi") || has(ua, "iPhone") ||
                               has(ua, "iPod") || has(ua, "Opera Mini") ||
                               has(ua, "IEMobile") || has(ua, "BlackBerry"));
    d->desktop = !d->mobile && !d->tablet && !d->smarttv;
}

static bk_str_t tf(int b) { return b ? BK_STR("true") : BK_STR("false"); }

static int ieq(bk_str_t a, const char *b) { return bk_str_eq_ci(a, bk_str_c(b)); }

bk_str_t bk_edge__cf_header(bk_edge_xchg_t *x, bk_str_t name)
{
    if (!bk_str_starts(name, BK_STR("CloudFront-")) &&
        !bk_str_starts(name, BK_STR("cloudfront-")) &&
        !(name.n > 11 && bk_str_eq_ci(bk_str(name.p, 11), BK_STR("cloudfront-"))))
        return BK_STR_NULL;
    bk_arena_t *a = x->arena;
    bk_edge_conn_t *c = x->conn;
    if (ieq(name, "cloudfront-forwarded-proto"))
        return x->tls_version ? BK_STR("https") : BK_STR("http");
    if (ieq(name, "cloudfront-viewer-tls"))
        return x->tls_version ? bk_edge__printf(a, "%s:%s:%s", x->tls_version,
                                                x->tls_cipher,
                                                x->tls_handshake)
                              : BK_STR_NULL;
    if (ieq(name, "cloudfront-viewer-http-version"))
        return x->minor ? BK_STR("1.1") : BK_STR("1.0");
    if (ieq(name, "cloudfront-viewer-address") && c != NULL) {
        /* IPv6 addresses are written as they are, then ':port'. */
        return bk_edge__printf(a, "%s:%d", c->peer_ip, c->peer_port);
    }
    if (ieq(name, "cloudfront-viewer-header-count"))
        return bk_edge__printf(a, "%zu", x->req_hdrs.n);
    if (ieq(name, "cloudfront-viewer-header-order")) {
        bk_buf_t b;
        bk_buf_init(&b, a);
        for (size_t i = 0; i < x->req_hdrs.n; i++) {
            if ((i && bk_buf_putc(&b, ':') != BK_OK) ||
                bk_buf_append_str(&b, x->req_hdrs.v[i].name) != BK_OK)
                return BK_STR_NULL;
        }
        bk_str_t s = bk_buf_str(&b);
        if (s.n > 7680) /* CloudFront cuts the list there */
            s.n = 7680;
        return s;
    }
    device_t d;
    if (bk_str_starts(name, BK_STR("CloudFront-Is-")) ||
        (name.n > 14 && bk_str_eq_ci(bk_str(name.p, 14), BK_STR("cloudfront-is-")))) {
        classify(bk_edge__hdr_get(&x->req_hdrs, BK_STR("user-agent")), &d);
        if (ieq(name, "cloudfront-is-desktop-viewer")) return tf(d.desktop);
        if (ieq(name, "cloudfront-is-mobile-viewer")) return tf(d.mobile);
        if (ieq(name, "cloudfront-is-tablet-viewer")) return tf(d.tablet);
        if (ieq(name, "cloudfront-is-smarttv-viewer")) return tf(d.smarttv);
        if (ieq(name, "cloudfront-is-android-viewer")) return tf(d.android);
        if (ieq(name, "cloudfront-is-ios-viewer")) return tf(d.ios);
        return BK_STR_NULL;
    }
    return bk_edge__geo_header(x, name);
}
