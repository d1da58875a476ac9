/*
 * builtin_uri.c: encodeURI, encodeURIComponent, decodeURI,
 * decodeURIComponent (UTF-8 percent-encoding, URIError on malformed
 * input), and atob/btoa (2.0).
 */
#include <string.h>

#include "js/js_int.h"

static const char HEX[] = "0123456789ABCDEF";

/* Unreserved marks kept by both encoders; encodeURI also keeps the
 * reserved set and '#'. */
static int keep(uint32_t c, int component)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9'))
        return 1;
    /* c != 0: strchr finds the terminating NUL. */
    if (c == 0 || c >= 128)
        return 0;
    if (strchr("-_.!~*'()", (int)c))
        return 1;
    if (!component && strchr(";/?:@&=+$,#", (int)c))
        return 1;
    return 0;
}

static int uri_encode(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    int component = ctx->native_magic;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = str_at(s, i);
        if (keep(c, component)) {
            bk_js__sb_putc(&sb, c);
            continue;
        }
        if (c >= 0xDC00 && c < 0xE000)
            return bk_js__throw(ctx, ERR_URIError, "URI malformed");
        if (c >= 0xD800 && c < 0xDC00) {
            uint32_t d = i + 1 < s->len ? str_at(s, i + 1) : 0;
            if (!(d >= 0xDC00 && d < 0xE000))
                return bk_js__throw(ctx, ERR_URIError, "URI malformed");
            c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
            i++;
        }
        uint8_t b[4];
        int n;
        if (c < 0x80) {
            b[0] = (uint8_t)c;
            n = 1;
        } else if (c < 0x800) {
            b[0] = (uint8_t)(0xC0 | (c >> 6));
            b[1] = (uint8_t)(0x80 | (c & 63));
            n = 2;
        } else if (c < 0x10000) {
            b[0] = (uint8_t)(0xE0 | (c >> 12));
            b[1] = (uint8_t)(0x80 | ((c >> 6) & 63));
            b[2] = (uint8_t)(0x80 | (c & 63));
            n = 3;
        } else {
            b[0] = (uint8_t)(0xF0 | (c >> 18));
            b[1] = (uint8_t)(0x80 | ((c >> 12) & 63));
            b[2] = (uint8_t)(0x80 | ((c >> 6) & 63));
            b[3] = (uint8_t)(0x80 | (c & 63));
            n = 4;
        }
        for (int k = 0; k < n; k++) {
            bk_js__sb_putc(&sb, '%');
            bk_js__sb_putc(&sb, (uint8_t)HEX[b[k] >> 4]);
            bk_js__sb_putc(&sb, (uint8_t)HEX[b[k] & 15]);
        }
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static int hexv(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if ((c | 32) >= 'a' && (c | 32) <= 'f')
        return (int)((c | 32) - 'a' + 10);
    return -1;
}

static int pct(bk_js_str_t *s, uint32_t i)
{
    if (i + 2 >= s->len || str_at(s, i) != '%')
        return -1;
    int h = hexv(str_at(s, i + 1)), l = hexv(str_at(s, i + 2));
    return h < 0 || l < 0 ? -1 : h * 16 + l;
}

static int uri_decode(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    int component = ctx->native_magic;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = str_at(s, i);
        if (c != '%') {
            bk_js__sb_putc(&sb, c);
            continue;
        }
        int b = pct(s, i);
        if (b < 0)
            return bk_js__throw(ctx, ERR_URIError, "URI malformed");
        if (b < 0x80) {
            if (!component && b != 0 && strchr(";/?:@&=+$,#", b)) {
                for (int k = 0; k < 3; k++)
                    bk_js__sb_putc(&sb, str_at(s, i + (uint32_t)k));
            } else {
                bk_js__sb_putc(&sb, (uint32_t)b);
            }
            i += 2;
            continue;
        }
        int n = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3
                : (b & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0)
            return bk_js__throw(ctx, ERR_URIError, "URI malformed");
        uint32_t cp = (uint32_t)b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
        uint32_t j = i + 3;
        for (int k = 1; k < n; k++, j += 3) {
            int x = pct(s, j);
            if (x < 0 || (x & 0xC0) != 0x80)
                return bk_js__throw(ctx, ERR_URIError, "URI malformed");
            cp = (cp << 6) | ((uint32_t)x & 0x3F);
        }
        if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
            (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp < 0xE000))
            return bk_js__throw(ctx, ERR_URIError, "URI malformed");
        if (cp >= 0x10000) {
            cp -= 0x10000;
            bk_js__sb_putc(&sb, 0xD800 + (cp >> 10));
            bk_js__sb_putc(&sb, 0xDC00 + (cp & 0x3FF));
        } else {
            bk_js__sb_putc(&sb, cp);
        }
        i = j - 1;
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static const char B64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int btoa_fn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                   const val_t *argv, val_t *ret)
{
    if (argc == 0)
        return bk_js__type_error(ctx, "The \"data\" argument must be "
                                      "specified");
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, argv[0], &s) != BK_OK)
        return BK_ERR;
    if (s->flags & STR_WIDE)
        return bk_js__throw(ctx, ERR_Error, "Invalid character");
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    const uint8_t *p = s->d.u8;
    uint32_t i = 0;
    for (; i + 2 < s->len; i += 3) {
        uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8) | p[i + 2];
        for (int k = 3; k >= 0; k--)
            bk_js__sb_putc(&sb, (uint8_t)B64[(v >> (6 * k)) & 63]);
    }
    if (s->len - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        bk_js__sb_putc(&sb, (uint8_t)B64[(v >> 18) & 63]);
        bk_js__sb_putc(&sb, (uint8_t)B64[(v >> 12) & 63]);
        bk_js__sb_cstr(&sb, "==");
    } else if (s->len - i == 2) {
        uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8);
        bk_js__sb_putc(&sb, (uint8_t)B64[(v >> 18) & 63]);
        bk_js__sb_putc(&sb, (uint8_t)B64[(v >> 12) & 63]);
        bk_js__sb_putc(&sb, (uint8_t)B64[(v >> 6) & 63]);
        bk_js__sb_putc(&sb, '=');
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

/* atob: forgiving-base64 decode (whitespace ignored, padding optional). */
static int atob_fn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                   const val_t *argv, val_t *ret)
{
    if (argc == 0)
        return bk_js__type_error(ctx, "The \"data\" argument must be "
                                      "specified");
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, argv[0], &s) != BK_OK)
        return BK_ERR;
    uint8_t *v = bk_js__ialloc(ctx, s->len + 1);
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = str_at(s, i);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r')
            continue;
        v[n++] = c < 128 ? (uint8_t)c : 0;
    }
    if (n % 4 == 0 && n >= 1 && v[n - 1] == '=') {
        n--;
        if (n >= 1 && v[n - 1] == '=')
            n--;
    }
    if (n % 4 == 1)
        goto bad;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    uint32_t acc = 0, bits = 0;
    for (uint32_t i = 0; i < n; i++) {
        const char *q = v[i] ? strchr(B64, v[i]) : NULL;
        if (q == NULL)
            goto bad;
        acc = (acc << 6) | (uint32_t)(q - B64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bk_js__sb_putc(&sb, (acc >> bits) & 0xFF);
        }
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
bad:
    return bk_js__throw(ctx, ERR_Error,
                        "The string to be decoded is not correctly encoded.");
}

void bk_js__install_uri(bk_js_ctx_t *ctx)
{
    static const bk_js_method_t m[] = {
        {"encodeURI", uri_encode, 1, 0},
        {"encodeURIComponent", uri_encode, 1, 1},
        {"decodeURI", uri_decode, 1, 0},
        {"decodeURIComponent", uri_decode, 1, 1},
    };
    bk_js__def_methods(ctx, ctx->prog->global, m, BK_COUNTOF(m));
    if (ctx->prog->runtime != BK_JS_RUNTIME_1_0) {
        static const bk_js_method_t m2[] = {
            {"atob", atob_fn, 1, 0},
            {"btoa", btoa_fn, 1, 0},
        };
        bk_js__def_methods(ctx, ctx->prog->global, m2, BK_COUNTOF(m2));
    }
}
