/*
 * compress.c: CloudFront-style compression of origin responses.
 *
 * CloudFront compresses when the behaviour says Compress, the viewer accepts
 * gzip or br (br preferred), the response has no Content-Encoding, its type
 * is in CloudFront's list, and its size is 1,000 to 10,000,000 bytes. The
 * compressed copy is what gets cached: the cache key already carries the
 * normalised Accept-Encoding, so hits cost no CPU. A strong ETag becomes
 * weak (the bytes changed) and Vary gets Accept-Encoding.
 */
#include <brotli/encode.h>
#include <string.h>
#include <zlib.h>

#include "core/log.h"
#include "edge/edge_int.h"

#define MIN_SIZE 1000
#define MAX_SIZE 10000000

/* CloudFront's list of compressible content types. */
static const char *const types[] = {
    "application/dash+xml", "application/eot", "application/font",
    "application/font-sfnt", "application/javascript", "application/json",
    "application/opentype", "application/otf", "application/pdf",
    "application/pkcs7-mime", "application/protobuf", "application/rss+xml",
    "application/vnd.apple.mpegurl", "application/vnd.ms-fontobject",
    "application/wasm", "application/x-font-opentype",
    "application/x-font-truetype", "application/x-font-ttf",
    "application/x-httpd-cgi", "application/x-javascript",
    "application/x-mpegurl", "application/x-opentype", "application/x-otf",
    "application/x-perl", "application/x-ttf", "application/xhtml+xml",
    "application/xml", "font/eot", "font/opentype", "font/otf", "font/ttf",
    "image/svg+xml", "image/vnd.microsoft.icon", "image/x-icon", "text/css",
    "text/csv", "text/html", "text/javascript", "text/js", "text/plain",
    "text/richtext", "text/tab-separated-values", "text/x-component",
    "text/x-java-source", "text/x-script", "text/xml", "vnd.apple.mpegurl",
};

int bk_edge__compressible_type(bk_str_t ct)
{
    long semi = bk_str_chr(ct, ';');
    bk_str_t base = bk_str_trim(semi >= 0 ? bk_str(ct.p, (size_t)semi) : ct);
    for (size_t i = 0; i < BK_COUNTOF(types); i++)
        if (bk_str_eq_ci(base, bk_str_c(types[i])))
            return 1;
    return 0;
}

static int gzip_into(bk_arena_t *a, bk_str_t in, bk_str_t *out)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    /* 16 + 15 window bits: a gzip wrapper, as browsers expect. */
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return BK_ERR;
    size_t cap = deflateBound(&z, (uLong)in.n);
    uint8_t *buf = bk_arena_alloc(a, cap);
    if (buf == NULL) {
        deflateEnd(&z);
        return BK_ERR;
    }
    z.next_in = (Bytef *)(uintptr_t)in.p;
    z.avail_in = (uInt)in.n;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        return BK_ERR;
    *out = bk_str(buf, n);
    return BK_OK;
}

static int brotli_into(bk_arena_t *a, bk_str_t in, bk_str_t *out)
{
    size_t cap = BrotliEncoderMaxCompressedSize(in.n);
    if (cap == 0)
        return BK_ERR;
    uint8_t *buf = bk_arena_alloc(a, cap);
    if (buf == NULL)
        return BK_ERR;
    size_t n = cap;
    /* Quality 5: most of brotli's gain at a fraction of its top cost. */
    if (!BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, in.n,
                               in.p, &n, buf))
        return BK_ERR;
    *out = bk_str(buf, n);
    return BK_OK;
}

void bk_edge__compress(bk_edge_xchg_t *x)
{
    if (x->status != 200 || x->resp_body.n < MIN_SIZE ||
        x->resp_body.n > MAX_SIZE)
        return;
    if (bk_edge__hdr_get(&x->resp_hdrs, BK_STR("content-encoding")).p != NULL)
        return;
    if (!bk_edge__compressible_type(
            bk_edge__hdr_get(&x->resp_hdrs, BK_STR("content-type"))))
        return;
    const bk_config_behavior_t *b = x->beh;
    int gz = b->cache_policy ? b->cache_policy->gzip : 1;
    int br = b->cache_policy ? b->cache_policy->brotli : 0;
    bk_cache_enc_t enc = bk_cache_accept_encoding(
        bk_edge__hdr_get(&x->req_hdrs, BK_STR("accept-encoding")), gz, br);
    if (enc == BK_CACHE_ENC_IDENTITY)
        return;
    bk_str_t out;
    int rc = enc == BK_CACHE_ENC_BR ? brotli_into(x->arena, x->resp_body, &out)
                                    : gzip_into(x->arena, x->resp_body, &out);
    if (rc != BK_OK) {
        bk_log_warn("request %s: compression failed; sending identity",
                    x->request_id);
        return;
    }
    bk_arena_t *a = x->arena;
    int hr = bk_edge__hdr_add(a, &x->resp_hdrs, BK_STR("Content-Encoding"),
                              enc == BK_CACHE_ENC_BR ? BK_STR("br")
                                                     : BK_STR("gzip"));
    bk_str_t vary = bk_edge__hdr_get(&x->resp_hdrs, BK_STR("vary"));
    if (vary.p == NULL)
        hr |= bk_edge__hdr_add(a, &x->resp_hdrs, BK_STR("Vary"),
                               BK_STR("Accept-Encoding"));
    bk_str_t etag = bk_edge__hdr_get(&x->resp_hdrs, BK_STR("etag"));
    if (etag.n && etag.p[0] == '"')
        hr |= bk_edge__hdr_set(a, &x->resp_hdrs, BK_STR("ETag"),
                               bk_edge__printf(a, "W/%.*s", BK_STR_FMT(etag)));
    if (hr != BK_OK) {
        /* Without Content-Encoding the bytes would be misread: keep the
         * identity body. */
        bk_edge__hdr_del(&x->resp_hdrs, BK_STR("content-encoding"));
        return;
    }
    x->resp_body = out;
}
