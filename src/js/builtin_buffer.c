/*
 * builtin_buffer.c: the core of node's Buffer for runtime 2.0 (global
 * `Buffer` and require('buffer').Buffer): from (string+encoding, array,
 * buffer), alloc, byteLength, concat, compare, isBuffer, isEncoding;
 * prototype toString(enc, start, end), length, buf[i], slice/subarray
 * (sharing bytes), equals, compare, indexOf, toJSON, fill, copy,
 * readUInt8/writeUInt8. Encodings: utf8, hex, base64, base64url,
 * latin1/binary, ascii.
 *
 * A Buffer is a CLS_BUFFER object whose u.data is a bk_js_bytes_t (bytes,
 * length); object.c reads and writes its indexed elements. The bytes live
 * in the arena of whoever made the buffer; a template buffer is copied on
 * its first write like any object body.
 *
 * XXX: not a Uint8Array (no typed arrays yet); no readInt16BE & co.
 */
#include "js/js_int.h"

static bk_js_bytes_t *bytes_new(bk_js_ctx_t *ctx, uint32_t n)
{
    bk_js_bytes_t *b = bk_js__ialloc(ctx, sizeof(*b));
    b->p = bk_js__ialloc(ctx, n ? n : 1);
    memset(b->p, 0, n ? n : 1);
    b->len = n;
    return b;
}

static bk_js_obj_t *buffer_obj(bk_js_ctx_t *ctx, bk_js_bytes_t *b)
{
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_BUFFER,
                                    ctx->prog->proto[PROTO_BUFFER]);
    o->u.data = b;
    bk_js__charge(ctx, 4 + (b->len >> 4));
    return o;
}

static bk_js_bytes_t *get_bytes(bk_js_ctx_t *ctx, val_t v)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_BUFFER)
        return NULL;
    return bk_js__rd(ctx, v_obj(v))->u.data;
}

enum { E_UTF8, E_HEX, E_B64, E_B64URL, E_LATIN1, E_ASCII, E_BAD };

static int encoding(bk_js_ctx_t *ctx, val_t v)
{
    if (v == V_UNDEF)
        return E_UTF8;
    if (!v_is_str(v))
        return E_BAD;
    char *s = bk_js__str_to_utf8(ctx, v_str(v), NULL);
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    if (!strcmp(s, "utf8") || !strcmp(s, "utf-8"))
        return E_UTF8;
    if (!strcmp(s, "hex"))
        return E_HEX;
    if (!strcmp(s, "base64"))
        return E_B64;
    if (!strcmp(s, "base64url"))
        return E_B64URL;
    if (!strcmp(s, "latin1") || !strcmp(s, "binary"))
        return E_LATIN1;
    if (!strcmp(s, "ascii"))
        return E_ASCII;
    return E_BAD;
}

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

/* The bytes of string s in encoding enc (node's lenient decoders). */
static bk_js_bytes_t *decode_str(bk_js_ctx_t *ctx, bk_js_str_t *s, int enc)
{
    bk_js_bytes_t *b;
    switch (enc) {
    case E_HEX: {
        b = bytes_new(ctx, s->len / 2);
        uint32_t n = 0;
        for (uint32_t i = 0; i + 1 < s->len; i += 2) {
            int h = hexv(str_at(s, i)), l = hexv(str_at(s, i + 1));
            if (h < 0 || l < 0)
                break;
            b->p[n++] = (uint8_t)(h * 16 + l);
        }
        b->len = n;
        return b;
    }
    case E_B64:
    case E_B64URL: {
        b = bytes_new(ctx, s->len * 3 / 4 + 3);
        uint32_t n = 0, acc = 0, bits = 0;
        for (uint32_t i = 0; i < s->len; i++) {
            uint32_t c = str_at(s, i);
            if (c == '=')
                break;
            int v = b64v(c);
            if (v < 0)
                continue;
            acc = (acc << 6) | (uint32_t)v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                b->p[n++] = (uint8_t)((acc >> bits) & 0xFF);
            }
        }
        b->len = n;
        return b;
    }
    case E_LATIN1:
    case E_ASCII:
        b = bytes_new(ctx, s->len);
        for (uint32_t i = 0; i < s->len; i++)
            b->p[i] = (uint8_t)str_at(s, i);
        return b;
    default: {
        size_t n;
        char *u = bk_js__str_to_utf8(ctx, s, &n);
        b = bk_js__ialloc(ctx, sizeof(*b));
        b->p = (uint8_t *)u;
        b->len = (uint32_t)n;
        return b;
    }
    }
}

static bk_js_str_t *encode_bytes(bk_js_ctx_t *ctx, const uint8_t *p,
                                 uint32_t n, int enc)
{
    static const char hx[] = "0123456789abcdef";
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    switch (enc) {
    case E_HEX:
        for (uint32_t i = 0; i < n; i++) {
            bk_js__sb_putc(&sb, (uint8_t)hx[p[i] >> 4]);
            bk_js__sb_putc(&sb, (uint8_t)hx[p[i] & 15]);
        }
        break;
    case E_B64:
    case E_B64URL: {
        int url = enc == E_B64URL;
        const char *t = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                              "vwxyz0123456789-_"
                            : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                              "vwxyz0123456789+/";
        uint32_t i = 0;
        for (; i + 2 < n; i += 3) {
            uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8) |
                         p[i + 2];
            for (int k = 3; k >= 0; k--)
                bk_js__sb_putc(&sb, (uint8_t)t[(v >> (6 * k)) & 63]);
        }
        if (n - i == 1) {
            uint32_t v = (uint32_t)p[i] << 16;
            bk_js__sb_putc(&sb, (uint8_t)t[(v >> 18) & 63]);
            bk_js__sb_putc(&sb, (uint8_t)t[(v >> 12) & 63]);
            if (!url)
                bk_js__sb_cstr(&sb, "==");
        } else if (n - i == 2) {
            uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8);
            bk_js__sb_putc(&sb, (uint8_t)t[(v >> 18) & 63]);
            bk_js__sb_putc(&sb, (uint8_t)t[(v >> 12) & 63]);
            bk_js__sb_putc(&sb, (uint8_t)t[(v >> 6) & 63]);
            if (!url)
                bk_js__sb_putc(&sb, '=');
        }
        break;
    }
    case E_LATIN1:
        for (uint32_t i = 0; i < n; i++)
            bk_js__sb_putc(&sb, p[i]);
        break;
    case E_ASCII:
        for (uint32_t i = 0; i < n; i++)
            bk_js__sb_putc(&sb, p[i] & 0x7F);
        break;
    default:
        return bk_js__str_utf8(ctx, (const char *)p, n);
    }
    return bk_js__sb_done(&sb);
}

/* Buffer.from(value[, encoding]) */
static int Buffer_from(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    val_t v = ARG(0);
    bk_js_bytes_t *src = get_bytes(ctx, v), *b;
    if (src != NULL) {
        b = bytes_new(ctx, src->len);
        memcpy(b->p, src->p, src->len);
    } else if (v_is_str(v)) {
        int enc = encoding(ctx, ARG(1));
        if (enc == E_BAD)
            return bk_js__type_error(ctx, "Unknown encoding: %s",
                                     bk_js__describe(ctx, ARG(1)));
        b = decode_str(ctx, v_str(v), enc);
    } else if (v_is_obj(v)) {
        double len;
        if (bk_js__length_of(ctx, v, &len) != BK_OK)
            return BK_ERR;
        if (len > (1 << 26))
            return bk_js__range_error(ctx, "Array buffer allocation failed");
        b = bytes_new(ctx, (uint32_t)len);
        for (uint32_t i = 0; i < b->len; i++) {
            val_t e;
            double d;
            if (bk_js__get_index(ctx, v, i, &e) != BK_OK ||
                bk_js__to_number(ctx, e, &d) != BK_OK)
                return BK_ERR;
            b->p[i] = (uint8_t)bk_js__to_int32(d);
        }
    } else {
        return bk_js__type_error(ctx, "The first argument must be of type "
                                      "string or an instance of Buffer, "
                                      "ArrayBuffer, or Array or an "
                                      "Array-like Object.");
    }
    *ret = v_mkobj(buffer_obj(ctx, b));
    return BK_OK;
}

static int Buffer_alloc(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    double n;
    if (!v_is_num(ARG(0)))
        return bk_js__type_error(ctx, "The \"size\" argument must be of type "
                                      "number");
    n = v_num(argv[0]);
    if (!(n >= 0 && n <= (1 << 26)))
        return bk_js__range_error(ctx, "The value of \"size\" is out of "
                                       "range.");
    bk_js_bytes_t *b = bytes_new(ctx, (uint32_t)n);
    val_t fill = ARG(1);
    if (v_is_num(fill)) {
        memset(b->p, (uint8_t)bk_js__to_int32(v_num(fill)), b->len);
    } else if (v_is_str(fill) && b->len) {
        bk_js_bytes_t *f = decode_str(ctx, v_str(fill), encoding(ctx, ARG(2)));
        for (uint32_t i = 0; f->len && i < b->len; i++)
            b->p[i] = f->p[i % f->len];
    }
    *ret = v_mkobj(buffer_obj(ctx, b));
    return BK_OK;
}

static int Buffer_byteLength(bk_js_ctx_t *ctx, val_t this_val, int argc,
                             const val_t *argv, val_t *ret)
{
    bk_js_bytes_t *b = get_bytes(ctx, ARG(0));
    if (b == NULL) {
        bk_js_str_t *s;
        if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
            return BK_ERR;
        b = decode_str(ctx, s, encoding(ctx, ARG(1)));
    }
    *ret = v_mknum(b->len);
    return BK_OK;
}

static int Buffer_isBuffer(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    if (ctx->native_magic)
        *ret = v_mkbool(v_is_str(ARG(0)) && encoding(ctx, argv[0]) != E_BAD);
    else
        *ret = v_mkbool(get_bytes(ctx, ARG(0)) != NULL);
    return BK_OK;
}

static int cmp_bytes(const bk_js_bytes_t *a, const bk_js_bytes_t *b)
{
    uint32_t n = BK_MIN(a->len, b->len);
    int c = n ? memcmp(a->p, b->p, n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* Buffer.compare(a, b) (magic 0), a.compare(b) (1), a.equals(b) (2) */
static int Buffer_compare(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    int m = ctx->native_magic;
    bk_js_bytes_t *a = get_bytes(ctx, m ? this_val : ARG(0));
    bk_js_bytes_t *b = get_bytes(ctx, m ? ARG(0) : ARG(1));
    if (a == NULL || b == NULL)
        return bk_js__type_error(ctx, "The arguments must be Buffers");
    int c = cmp_bytes(a, b);
    *ret = m == 2 ? v_mkbool(c == 0) : v_mknum(c);
    return BK_OK;
}

static int Buffer_concat(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t list = ARG(0);
    double n;
    if (!v_is_obj(list) || bk_js__length_of(ctx, list, &n) != BK_OK)
        return bk_js__type_error(ctx, "The \"list\" argument must be an "
                                      "instance of Array");
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        val_t e;
        if (bk_js__get_index(ctx, list, i, &e) != BK_OK)
            return BK_ERR;
        bk_js_bytes_t *b = get_bytes(ctx, e);
        if (b == NULL)
            return bk_js__type_error(ctx, "The \"list\" argument must contain "
                                          "Buffers");
        total += b->len;
    }
    if (ARG(1) != V_UNDEF) {
        double t;
        if (bk_js__to_number(ctx, argv[1], &t) != BK_OK)
            return BK_ERR;
        total = t < 0 ? 0 : (uint64_t)t;
    }
    if (total > (1 << 26))
        return bk_js__range_error(ctx, "Array buffer allocation failed");
    bk_js_bytes_t *r = bytes_new(ctx, (uint32_t)total);
    uint32_t at = 0;
    for (uint32_t i = 0; i < n && at < total; i++) {
        val_t e;
        if (bk_js__get_index(ctx, list, i, &e) != BK_OK)
            return BK_ERR;
        bk_js_bytes_t *b = get_bytes(ctx, e);
        uint32_t k = (uint32_t)BK_MIN((uint64_t)b->len, total - at);
        memcpy(r->p + at, b->p, k);
        at += k;
    }
    *ret = v_mkobj(buffer_obj(ctx, r));
    return BK_OK;
}

static int this_bytes(bk_js_ctx_t *ctx, val_t v, bk_js_bytes_t **b)
{
    *b = get_bytes(ctx, v);
    if (*b == NULL)
        return bk_js__type_error(ctx, "argument must be a buffer");
    return BK_OK;
}

/* (start, end) clamped like slice(), defaults 0 and len. */
static int range_args(bk_js_ctx_t *ctx, val_t a, val_t b, uint32_t len,
                      uint32_t *from, uint32_t *to)
{
    double x = 0, y = len;
    if (a != V_UNDEF && bk_js__to_number(ctx, a, &x) != BK_OK)
        return BK_ERR;
    if (b != V_UNDEF && bk_js__to_number(ctx, b, &y) != BK_OK)
        return BK_ERR;
    x = bk_js__to_integer(x);
    y = bk_js__to_integer(y);
    x = x < 0 ? BK_MAX(len + x, 0) : BK_MIN(x, len);
    y = y < 0 ? BK_MAX(len + y, 0) : BK_MIN(y, len);
    *from = (uint32_t)x;
    *to = (uint32_t)BK_MAX(x, y);
    return BK_OK;
}

static int Buffer_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    bk_js_bytes_t *b;
    if (this_bytes(ctx, this_val, &b) != BK_OK)
        return BK_ERR;
    int enc = encoding(ctx, ARG(0));
    if (enc == E_BAD)
        return bk_js__type_error(ctx, "Unknown encoding: %s",
                                 bk_js__describe(ctx, ARG(0)));
    uint32_t from, to;
    if (range_args(ctx, ARG(1), ARG(2), b->len, &from, &to) != BK_OK)
        return BK_ERR;
    *ret = v_mkstr(encode_bytes(ctx, b->p + from, to - from, enc));
    return BK_OK;
}

static int Buffer_slice(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    bk_js_bytes_t *b;
    uint32_t from, to;
    if (this_bytes(ctx, this_val, &b) != BK_OK ||
        range_args(ctx, ARG(0), ARG(1), b->len, &from, &to) != BK_OK)
        return BK_ERR;
    bk_js_bytes_t *s = bk_js__ialloc(ctx, sizeof(*s));
    s->p = b->p + from; /* shares the memory, as node's */
    s->len = to - from;
    *ret = v_mkobj(buffer_obj(ctx, s));
    return BK_OK;
}

static int Buffer_toJSON(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    bk_js_bytes_t *b;
    if (this_bytes(ctx, this_val, &b) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *a = bk_js__array_new(ctx, b->len);
    for (uint32_t i = 0; i < b->len; i++)
        bk_js__array_push(ctx, a, v_mknum(b->p[i]));
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    bk_js__put_own(ctx, o, bk_js__atom_cstr(ctx, "type"),
                   v_mkstr(bk_js__atom_cstr(ctx, "Buffer")), P_DEFAULT);
    bk_js__put_own(ctx, o, bk_js__atom_cstr(ctx, "data"), v_mkobj(a),
                   P_DEFAULT);
    *ret = v_mkobj(o);
    return BK_OK;
}

static int Buffer_indexOf(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    bk_js_bytes_t *b, *needle;
    if (this_bytes(ctx, this_val, &b) != BK_OK)
        return BK_ERR;
    uint8_t one;
    bk_js_bytes_t tmp = {&one, 1};
    if (v_is_num(ARG(0))) {
        one = (uint8_t)bk_js__to_int32(v_num(argv[0]));
        needle = &tmp;
    } else if ((needle = get_bytes(ctx, ARG(0))) == NULL) {
        bk_js_str_t *s;
        if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
            return BK_ERR;
        needle = decode_str(ctx, s, E_UTF8);
    }
    double from = 0;
    if (v_is_num(ARG(1))) {
        from = bk_js__to_integer(v_num(argv[1]));
        if (from < 0)
            from = BK_MAX(b->len + from, 0);
    }
    int64_t r = -1;
    for (uint32_t i = (uint32_t)BK_MIN(from, b->len);
         needle->len && i + needle->len <= b->len; i++)
        if (memcmp(b->p + i, needle->p, needle->len) == 0) {
            r = i;
            break;
        }
    *ret = ctx->native_magic ? v_mkbool(r >= 0) : v_mknum((double)r);
    return BK_OK;
}

static int Buffer_fill(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_bytes_t *b;
    if (this_bytes(ctx, this_val, &b) != BK_OK)
        return BK_ERR;
    b = bk_js__wr(ctx, v_obj(this_val))->u.data;
    if (v_is_num(ARG(0))) {
        memset(b->p, (uint8_t)bk_js__to_int32(v_num(argv[0])), b->len);
    } else {
        bk_js_str_t *s;
        if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
            return BK_ERR;
        bk_js_bytes_t *f = decode_str(ctx, s, E_UTF8);
        for (uint32_t i = 0; f->len && i < b->len; i++)
            b->p[i] = f->p[i % f->len];
    }
    *ret = this_val;
    return BK_OK;
}

static int Buffer_copy(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_bytes_t *src, *dst;
    if (this_bytes(ctx, this_val, &src) != BK_OK ||
        this_bytes(ctx, ARG(0), &dst) != BK_OK)
        return BK_ERR;
    uint32_t ts, te, ss, se;
    if (range_args(ctx, ARG(1), V_UNDEF, dst->len, &ts, &te) != BK_OK ||
        range_args(ctx, ARG(2), ARG(3), src->len, &ss, &se) != BK_OK)
        return BK_ERR;
    uint32_t n = BK_MIN(se - ss, dst->len - ts);
    memmove(dst->p + ts, src->p + ss, n);
    *ret = v_mknum(n);
    return BK_OK;
}

static int Buffer_length(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    bk_js_bytes_t *b = get_bytes(ctx, this_val);
    *ret = v_mknum(b ? b->len : 0);
    return BK_OK;
}

static int buffer_init(bk_js_ctx_t *ctx, void *data, val_t *exports)
{
    bk_js_obj_t *m = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, ctx->prog->global),
                                  bk_js__atom_cstr(ctx, "Buffer"));
    bk_js__put_own(ctx, m, bk_js__atom_cstr(ctx, "Buffer"),
                   p ? p->v : V_UNDEF, P_DEFAULT);
    *exports = v_mkobj(m);
    return BK_OK;
}

static int Buffer_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    if (v_is_num(ARG(0)))
        return Buffer_alloc(ctx, this_val, argc, argv, ret);
    return Buffer_from(ctx, this_val, argc, argv, ret);
}

void bk_js__install_buffer(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    if (P->runtime == BK_JS_RUNTIME_1_0)
        return;
    bk_js_obj_t *proto = P->proto[PROTO_BUFFER];
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "Buffer", Buffer_ctor, 2, proto);
    static const bk_js_method_t statics[] = {
        {"from", Buffer_from, 2, 0},
        {"alloc", Buffer_alloc, 3, 0},
        {"allocUnsafe", Buffer_alloc, 1, 0},
        {"byteLength", Buffer_byteLength, 2, 0},
        {"isBuffer", Buffer_isBuffer, 1, 0},
        {"isEncoding", Buffer_isBuffer, 1, 1},
        {"compare", Buffer_compare, 2, 0},
        {"concat", Buffer_concat, 2, 0},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    static const bk_js_method_t methods[] = {
        {"toString", Buffer_toString, 3, 0},
        {"slice", Buffer_slice, 2, 0},
        {"subarray", Buffer_slice, 2, 0},
        {"toJSON", Buffer_toJSON, 0, 0},
        {"equals", Buffer_compare, 1, 2},
        {"compare", Buffer_compare, 1, 1},
        {"indexOf", Buffer_indexOf, 2, 0},
        {"includes", Buffer_indexOf, 2, 1},
        {"fill", Buffer_fill, 1, 0},
        {"copy", Buffer_copy, 4, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    bk_js__def_getter(ctx, proto, A(ctx, length), Buffer_length);
    bk_js_module_t *m = bk_js__izalloc(ctx, sizeof(*m));
    m->name = bk_js__atom_cstr(ctx, "buffer");
    m->init = buffer_init;
    m->next = P->modules;
    P->modules = m;
}

val_t bk_js__buffer_new(bk_js_ctx_t *ctx, const uint8_t *p, uint32_t n)
{
    bk_js_bytes_t *b = bytes_new(ctx, n);
    if (n)
        memcpy(b->p, p, n);
    return v_mkobj(buffer_obj(ctx, b));
}

const bk_js_bytes_t *bk_js__buffer_bytes(bk_js_ctx_t *ctx, val_t v)
{
    return get_bytes(ctx, v);
}
