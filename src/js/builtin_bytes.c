/*
 * builtin_bytes.c: runtime 1.0's byte-string methods (removed in 2.0): a
 * byte string is a string whose characters are all below 256, one per
 * byte. String.bytesFrom(array|string, enc) decodes hex/base64/base64url;
 * String.prototype.fromBytes/toBytes convert (toBytes gives null when a
 * character is above 255), toUTF8/fromUTF8 encode and decode UTF-8
 * (fromUTF8 gives null on malformed input). All take optional
 * (start[, end]) as slice() does.
 */
#include "js/js_int.h"

static int hexv(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if ((c | 32) >= 'a' && (c | 32) <= 'f')
        return (int)((c | 32) - 'a' + 10);
    return -1;
}

static int b64v(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return (int)(c - 'A');
    if (c >= 'a' && c <= 'z')
        return (int)(c - 'a' + 26);
    if (c >= '0' && c <= '9')
        return (int)(c - '0' + 52);
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

static int String_bytesFrom(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    val_t src = ARG(0);
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    if (v_is_obj(src)) {
        double len;
        if (bk_js__length_of(ctx, src, &len) != BK_OK)
            return BK_ERR;
        for (uint32_t i = 0; i < len; i++) {
            val_t v;
            double d;
            if (bk_js__get_index(ctx, src, i, &v) != BK_OK ||
                bk_js__to_number(ctx, v, &d) != BK_OK)
                return BK_ERR;
            bk_js__sb_putc(&sb, (uint32_t)bk_js__to_int32(d) & 0xFF);
        }
        *ret = v_mkstr(bk_js__sb_done(&sb));
        return BK_OK;
    }
    bk_js_str_t *s, *enc = NULL;
    if (bk_js__to_string(ctx, src, &s) != BK_OK)
        return BK_ERR;
    if (ARG(1) != V_UNDEF && bk_js__to_string(ctx, argv[1], &enc) != BK_OK)
        return BK_ERR;
    int hex = enc != NULL && enc->len == 3 && str_at(enc, 0) == 'h';
    if (hex) {
        for (uint32_t i = 0; i + 1 < s->len; i += 2) {
            int h = hexv(str_at(s, i)), l = hexv(str_at(s, i + 1));
            if (h < 0 || l < 0)
                break;
            bk_js__sb_putc(&sb, (uint32_t)(h * 16 + l));
        }
    } else {
        uint32_t acc = 0, bits = 0;
        for (uint32_t i = 0; i < s->len; i++) {
            int v = b64v(str_at(s, i));
            if (v < 0)
                break;
            acc = (acc << 6) | (uint32_t)v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                bk_js__sb_putc(&sb, (acc >> bits) & 0xFF);
            }
        }
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

/* The (start[, end]) slice of 'this' as a string. */
static int slice_of(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, bk_js_str_t **out)
{
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, this_val, &s) != BK_OK)
        return BK_ERR;
    double len = s->len, a = 0, b = len;
    if (ARG(0) != V_UNDEF) {
        if (bk_js__to_number(ctx, argv[0], &a) != BK_OK)
            return BK_ERR;
        a = bk_js__to_integer(a);
        a = a < 0 ? BK_MAX(len + a, 0) : BK_MIN(a, len);
    }
    if (ARG(1) != V_UNDEF) {
        if (bk_js__to_number(ctx, argv[1], &b) != BK_OK)
            return BK_ERR;
        b = bk_js__to_integer(b);
        b = b < 0 ? BK_MAX(len + b, 0) : BK_MIN(b, len);
    }
    if (b < a)
        b = a;
    *out = bk_js__str_sub(ctx, s, (uint32_t)a, (uint32_t)b);
    return BK_OK;
}

/* magic: 0 fromBytes, 1 toBytes, 2 toUTF8, 3 fromUTF8 */
static int String_bytes(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (slice_of(ctx, this_val, argc, argv, &s) != BK_OK)
        return BK_ERR;
    switch (ctx->native_magic) {
    case 0: /* bytes are code points already */
        *ret = v_mkstr(s);
        return BK_OK;
    case 1:
        *ret = (s->flags & STR_WIDE) ? V_NULL : v_mkstr(s);
        return BK_OK;
    case 2: {
        size_t n;
        char *u = bk_js__str_to_utf8(ctx, s, &n);
        *ret = v_mkstr(bk_js__str_new8(ctx, (const uint8_t *)u, (uint32_t)n));
        return BK_OK;
    }
    default: {
        if (s->flags & STR_WIDE) {
            *ret = V_NULL;
            return BK_OK;
        }
        /* Strict UTF-8: any malformed sequence gives null. */
        const uint8_t *p = s->d.u8;
        for (uint32_t i = 0; i < s->len;) {
            uint32_t c = p[i];
            int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2
                      : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
            if (len == 0 || i + (uint32_t)len > s->len) {
                *ret = V_NULL;
                return BK_OK;
            }
            uint32_t cp = len == 1 ? c : c & (0x7F >> len);
            for (int k = 1; k < len; k++) {
                if ((p[i + (uint32_t)k] & 0xC0) != 0x80) {
                    *ret = V_NULL;
                    return BK_OK;
                }
                cp = (cp << 6) | (p[i + (uint32_t)k] & 0x3F);
            }
            if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                (cp >= 0xD800 && cp < 0xE000)) {
                *ret = V_NULL;
                return BK_OK;
            }
            i += (uint32_t)len;
        }
        *ret = v_mkstr(bk_js__str_utf8(ctx, (const char *)p, s->len));
        return BK_OK;
    }
    }
}

void bk_js__install_bytes(bk_js_ctx_t *ctx)
{
    if (ctx->prog->runtime != BK_JS_RUNTIME_1_0)
        return;
    bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, ctx->prog->global),
                                  bk_js__atom_cstr(ctx, "String"));
    static const bk_js_method_t statics[] = {
        {"bytesFrom", String_bytesFrom, 2, 0},
    };
    bk_js__def_methods(ctx, v_obj(p->v), statics, BK_COUNTOF(statics));
    static const bk_js_method_t methods[] = {
        {"fromBytes", String_bytes, 2, 0},
        {"toBytes", String_bytes, 2, 1},
        {"toUTF8", String_bytes, 2, 2},
        {"fromUTF8", String_bytes, 2, 3},
    };
    bk_js__def_methods(ctx, ctx->prog->proto[PROTO_STRING], methods,
                       BK_COUNTOF(methods));
}
