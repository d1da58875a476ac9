/*
 * builtin_buffer.c: node's Buffer for runtime 2.0 (global `Buffer` and
 * require('buffer').Buffer), the subset reference 6.3 lists: from, alloc,
 * allocUnsafe, byteLength, compare, concat, isBuffer, isEncoding; on the
 * prototype toString, write, slice/subarray (sharing bytes), equals,
 * compare, indexOf/lastIndexOf/includes, fill, copy, toJSON, swap16/32/64
 * and the read/write{Int,UInt}{8,16,32}{LE,BE}, {Int,UInt}{LE,BE} (1-6
 * bytes) and {Float,Double}{LE,BE} families (with node's lower-case Uint
 * aliases). Encodings: utf8, hex, base64, base64url, latin1/binary, ascii,
 * utf16le/ucs2.
 *
 * A Buffer is a Uint8Array (a CLS_TYPED view, builtin_typed.c) whose
 * prototype is Buffer.prototype, itself inheriting from Uint8Array's;
 * install_typed links the two chains. Methods work on any Uint8Array
 * receiver, as node's do. Errors carry node's texts and `code`
 * (ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE, ERR_BUFFER_OUT_OF_BOUNDS,
 * ERR_INVALID_BUFFER_SIZE, ERR_UNKNOWN_ENCODING), and String(e) gives
 * node's "RangeError [CODE]: message".
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "js/js_int.h"

/* ---- node's errors ------------------------------------------------------ */

static int err_to_string(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t n, c, m;
    bk_js_str_t *ns, *cs, *ms;
    if (bk_js__get(ctx, this_val, A(ctx, name), &n) != BK_OK ||
        bk_js__get(ctx, this_val, bk_js__atom_cstr(ctx, "code"), &c) !=
            BK_OK ||
        bk_js__get(ctx, this_val, A(ctx, message), &m) != BK_OK ||
        bk_js__to_string(ctx, n, &ns) != BK_OK ||
        bk_js__to_string(ctx, c, &cs) != BK_OK ||
        bk_js__to_string(ctx, m, &ms) != BK_OK)
        return BK_ERR;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__sb_str(&sb, ns);
    bk_js__sb_cstr(&sb, " [");
    bk_js__sb_str(&sb, cs);
    bk_js__sb_cstr(&sb, "]: ");
    bk_js__sb_str(&sb, ms);
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

/* Throws a node error: kind (ERR_TypeError/ERR_RangeError), its code, and
 * the printf-formatted message; String(e) shows the code unless 'code'
 * starts with '-' (errors node's C++ side throws). Returns BK_ERR. */
static int node_err(bk_js_ctx_t *ctx, int kind, const char *code,
                    const char *fmt, ...) BK_PRINTF(4, 5);
static int node_err(bk_js_ctx_t *ctx, int kind, const char *code,
                    const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    bk_js_obj_t *e = bk_js__error_new(ctx, kind, bk_js__str_utf8(ctx, msg,
                                                                 strlen(msg)));
    int plain = code[0] == '-';
    bk_js__put_own(ctx, e, bk_js__atom_cstr(ctx, "code"),
                   v_mkstr(bk_js__str_cstr(ctx, code + plain)), P_DEFAULT);
    if (!plain) {
        bk_js_obj_t *f = bk_js__native_new(ctx, A(ctx, toString),
                                           err_to_string, 0, 0);
        bk_js__put_own(ctx, e, A(ctx, toString), v_mkobj(f),
                       P_WRITABLE | P_CONFIGURABLE);
    }
    return bk_js__throw_val(ctx, v_mkobj(e));
}

/* A number as node's messages show it: integers beyond 2^32 with '_'
 * every three digits, -0 as "-0". */
static const char *fmt_received(bk_js_ctx_t *ctx, double d)
{
    char buf[64], *out = bk_js__ialloc(ctx, 96);
    if (d == 0 && signbit(d))
        return "-0";
    bk_js__fmt_num(buf, sizeof(buf), d);
    if (!(isfinite(d) && d == trunc(d) && fabs(d) > 4294967296.0) ||
        strchr(buf, 'e')) {
        memcpy(out, buf, strlen(buf) + 1);
        return out;
    }
    size_t n = strlen(buf), s = buf[0] == '-', k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > s && (n - i) % 3 == 0)
            out[k++] = '_';
        out[k++] = buf[i];
    }
    out[k] = 0;
    return out;
}

/* "Received ..." of ERR_INVALID_ARG_TYPE (node's determineSpecificType). */
static const char *describe_type(bk_js_ctx_t *ctx, val_t v)
{
    char *out = bk_js__ialloc(ctx, 128);
    if (v == V_UNDEF || v == V_NULL)
        return v == V_UNDEF ? "undefined" : "null";
    if (v_is_obj(v)) {
        val_t c, n;
        bk_js_str_t *s = NULL;
        int callable = bk_js__is_callable(v);
        if (callable) {
            if (bk_js__get(ctx, v, A(ctx, name), &n) == BK_OK && v_is_str(n) &&
                v_str(n)->len) {
                snprintf(out, 128, "function %s",
                         bk_js__str_to_utf8(ctx, v_str(n), NULL));
                return out;
            }
        } else if (bk_js__get(ctx, v, A(ctx, constructor), &c) == BK_OK &&
                   v_is_obj(c) &&
                   bk_js__get(ctx, c, A(ctx, name), &n) == BK_OK &&
                   v_is_str(n) && v_str(n)->len) {
            s = v_str(n);
            snprintf(out, 128, "an instance of %s",
                     bk_js__str_to_utf8(ctx, s, NULL));
            return out;
        }
        ctx->has_exc = 0;
        return callable ? "function " : "[Object: null prototype] {}";
    }
    char ins[64];
    if (v_is_str(v)) {
        /* cut to 25 characters + "..." past 28, then quoted */
        char *u = bk_js__str_to_utf8(ctx, v_str(v), NULL);
        snprintf(ins, sizeof(ins), "'%s'", u);
        if (strlen(u) > 28)
            snprintf(ins, sizeof(ins), "'%.25s...'", u);
    } else if (v_is_num(v)) {
        if (v_num(v) == 0 && signbit(v_num(v)))
            snprintf(ins, sizeof(ins), "-0");
        else
            bk_js__fmt_num(ins, sizeof(ins), v_num(v));
    } else if (v_is_bool(v)) {
        snprintf(ins, sizeof(ins), "%s", v == V_TRUE ? "true" : "false");
    } else {
        bk_js_str_t *d = v_str(v)->x.desc;
        snprintf(ins, sizeof(ins), "Symbol(%.40s)",
                 d ? bk_js__str_to_utf8(ctx, d, NULL) : "");
    }
    const char *ty = v_is_str(v)    ? "string"
                     : v_is_num(v)  ? "number"
                     : v_is_bool(v) ? "boolean"
                                    : "symbol";
    snprintf(out, 128, "type %s (%s)", ty, ins);
    return out;
}

static int arg_type_err(bk_js_ctx_t *ctx, const char *name, const char *what,
                        val_t v)
{
    return node_err(ctx, ERR_TypeError, "ERR_INVALID_ARG_TYPE",
                    "The \"%s\" argument must be %s. Received %s", name, what,
                    describe_type(ctx, v));
}

static int range_err(bk_js_ctx_t *ctx, const char *name, const char *range,
                     double v)
{
    return node_err(ctx, ERR_RangeError, "ERR_OUT_OF_RANGE",
                    "The value of \"%s\" is out of range. It must be %s. "
                    "Received %s",
                    name, range, fmt_received(ctx, v));
}

static int bounds_err(bk_js_ctx_t *ctx, const char *name)
{
    if (name == NULL)
        return node_err(ctx, ERR_RangeError, "ERR_BUFFER_OUT_OF_BOUNDS",
                        "Attempt to access memory outside buffer bounds");
    return node_err(ctx, ERR_RangeError, "ERR_BUFFER_OUT_OF_BOUNDS",
                    "\"%s\" is outside of buffer bounds", name);
}

/* node's validateNumber(v, name): a number, else ERR_INVALID_ARG_TYPE. */
static int want_number(bk_js_ctx_t *ctx, val_t v, const char *name)
{
    if (v_is_num(v))
        return BK_OK;
    return arg_type_err(ctx, name, "of type number", v);
}

/* node's validateOffset(v, name, min, max): an integer number in range. */
static int want_offset(bk_js_ctx_t *ctx, val_t v, const char *name,
                       double max, double *out)
{
    if (want_number(ctx, v, name) != BK_OK)
        return BK_ERR;
    double d = v_num(v);
    if (d != trunc(d) || isinf(d))
        return range_err(ctx, name, "an integer", d);
    if (d < 0 || d > max) {
        char r[64];
        snprintf(r, sizeof(r), ">= 0 && <= %.0f", max);
        return range_err(ctx, name, r, d);
    }
    *out = d;
    return BK_OK;
}

/* ---- buffers and their bytes ----------------------------------------------- */

#define MAX_LEN 4294967296.0 /* node 20's buffer.constants.MAX_LENGTH */
#define CAP (1u << 26)       /* what one buffer may take here */

static bk_js_obj_t *buf_new(bk_js_ctx_t *ctx, uint32_t n)
{
    if (n > CAP)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    bk_js__charge(ctx, 4 + (n >> 4));
    return bk_js__typed_u8(ctx, NULL, 0, n, ctx->prog->proto[PROTO_BUFFER]);
}

/* The bytes of a typed array value (NULL for anything else). */
static uint8_t *bytes_of(bk_js_ctx_t *ctx, val_t v, int wr, uint32_t *n)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_TYPED)
        return NULL;
    return bk_js__view_bytes(ctx, v, wr, n, NULL, NULL);
}

static uint8_t *buf_bytes(bk_js_ctx_t *ctx, bk_js_obj_t *o, uint32_t *n)
{
    return bk_js__view_bytes(ctx, v_mkobj(o), 1, n, NULL, NULL);
}

/* Is v a Uint8Array (a Buffer or a plain one)? */
static int is_u8(bk_js_ctx_t *ctx, val_t v)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_TYPED)
        return 0;
    for (bk_js_obj_t *p = bk_js__proto_of(ctx, v_obj(v)); p;
         p = bk_js__proto_of(ctx, p))
        if (p == ctx->prog->typed_proto[1] ||
            p == ctx->prog->proto[PROTO_BUFFER])
            return 1;
    return 0;
}

static int is_buffer(bk_js_ctx_t *ctx, val_t v)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_TYPED)
        return 0;
    for (bk_js_obj_t *p = bk_js__proto_of(ctx, v_obj(v)); p;
         p = bk_js__proto_of(ctx, p))
        if (p == ctx->prog->proto[PROTO_BUFFER])
            return 1;
    return 0;
}

/* The receiver's bytes; TypeError when it is not a typed array. */
static int this_bytes(bk_js_ctx_t *ctx, val_t v, int wr, uint8_t **p,
                      uint32_t *n)
{
    *p = bytes_of(ctx, v, wr, n);
    if (*p == NULL)
        return bk_js__type_error(ctx, "argument must be a buffer");
    return BK_OK;
}

/* ---- encodings ------------------------------------------------------------- */

enum { E_UTF8, E_HEX, E_B64, E_B64URL, E_LATIN1, E_ASCII, E_UTF16, E_BAD };

static int encoding(bk_js_ctx_t *ctx, val_t v)
{
    if (v == V_UNDEF)
        return E_UTF8;
    if (!v_is_str(v) || v_str(v)->len > 16)
        return E_BAD;
    char *s = bk_js__str_to_utf8(ctx, v_str(v), NULL);
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    static const struct {
        const char *name;
        int enc;
    } names[] = {{"utf8", E_UTF8},       {"utf-8", E_UTF8},
                 {"hex", E_HEX},         {"base64", E_B64},
                 {"base64url", E_B64URL}, {"latin1", E_LATIN1},
                 {"binary", E_LATIN1},   {"ascii", E_ASCII},
                 {"utf16le", E_UTF16},   {"utf-16le", E_UTF16},
                 {"ucs2", E_UTF16},      {"ucs-2", E_UTF16}};
    for (size_t i = 0; i < BK_COUNTOF(names); i++)
        if (!strcmp(s, names[i].name))
            return names[i].enc;
    return E_BAD;
}

static int unknown_encoding(bk_js_ctx_t *ctx, val_t v)
{
    bk_js_str_t *s;
    /* util.format's %s: -0 keeps its sign, empty objects and arrays are
     * inspected (XXX: others show their toString). */
    if (v_is_num(v) && v_num(v) == 0 && signbit(v_num(v)))
        v = v_mkstr(bk_js__str_cstr(ctx, "-0"));
    if (v_is_obj(v)) {
        uint32_t n;
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(v));
        bk_js__own_keys(ctx, v_obj(v), 3, 1, &n);
        if (n == 0 && (b->cls == CLS_ARRAY ||
                       bk_js__proto_of(ctx, v_obj(v)) ==
                           ctx->prog->proto[PROTO_OBJECT]))
            v = v_mkstr(bk_js__str_cstr(ctx, b->cls == CLS_ARRAY ? "[]"
                                                                 : "{}"));
    }
    if (bk_js__to_string(ctx, v, &s) != BK_OK)
        return BK_ERR;
    return node_err(ctx, ERR_TypeError, "ERR_UNKNOWN_ENCODING",
                    "Unknown encoding: %s", bk_js__str_to_utf8(ctx, s, NULL));
}

/* The encoding argument of fill() and alloc() (node's normalizeEncoding
 * then validateString): null/undefined is utf8. */
static int fill_encoding(bk_js_ctx_t *ctx, val_t v, int *enc)
{
    *enc = E_UTF8;
    if (v_is_nullish(v))
        return BK_OK;
    if ((*enc = encoding(ctx, v)) != E_BAD)
        return BK_OK;
    if (!v_is_str(v))
        return arg_type_err(ctx, "encoding", "of type string", v);
    return unknown_encoding(ctx, v);
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

/* The bytes of string s in encoding enc (node's lenient decoders), in the
 * arena; *n their count. */
static uint8_t *decode_str(bk_js_ctx_t *ctx, bk_js_str_t *s, int enc,
                           uint32_t *n)
{
    uint8_t *p;
    uint32_t k = 0;
    bk_js__charge(ctx, 1 + s->len / 8);
    switch (enc) {
    case E_HEX:
        p = bk_js__ialloc(ctx, s->len / 2 + 1);
        for (uint32_t i = 0; i + 1 < s->len; i += 2) {
            int h = hexv(str_at(s, i)), l = hexv(str_at(s, i + 1));
            if (h < 0 || l < 0)
                break;
            p[k++] = (uint8_t)(h * 16 + l);
        }
        break;
    case E_B64:
    case E_B64URL: {
        p = bk_js__ialloc(ctx, s->len * 3 / 4 + 3);
        uint32_t acc = 0, bits = 0;
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
                p[k++] = (uint8_t)((acc >> bits) & 0xFF);
            }
        }
        break;
    }
    case E_LATIN1:
    case E_ASCII:
        p = bk_js__ialloc(ctx, s->len + 1);
        for (uint32_t i = 0; i < s->len; i++)
            p[k++] = (uint8_t)str_at(s, i);
        break;
    case E_UTF16:
        p = bk_js__ialloc(ctx, (size_t)s->len * 2 + 1);
        for (uint32_t i = 0; i < s->len; i++) {
            uint32_t c = str_at(s, i);
            p[k++] = (uint8_t)c;
            p[k++] = (uint8_t)(c >> 8);
        }
        break;
    default: {
        size_t m;
        p = (uint8_t *)bk_js__str_to_utf8(ctx, s, &m);
        k = (uint32_t)m;
        break;
    }
    }
    *n = k;
    return p;
}

static bk_js_str_t *encode_bytes(bk_js_ctx_t *ctx, const uint8_t *p,
                                 uint32_t n, int enc)
{
    static const char hx[] = "0123456789abcdef";
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__charge(ctx, 1 + n / 8);
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
    case E_UTF16:
        for (uint32_t i = 0; i + 1 < n; i += 2)
            bk_js__sb_putc(&sb, p[i] | ((uint32_t)p[i + 1] << 8));
        break;
    default:
        return bk_js__str_utf8(ctx, (const char *)p, n);
    }
    return bk_js__sb_done(&sb);
}

/* ---- statics --------------------------------------------------------------- */

/* A new Buffer with the values of array-like 'v' (each ToUint8), its
 * length 'len' as node's fromArrayLike takes it. */
static int from_array_like(bk_js_ctx_t *ctx, val_t v, double len, val_t *ret)
{
    len = len != len || len < 0 ? 0 : trunc(len);
    if (len > CAP)
        return bk_js__range_error(ctx, "Array buffer allocation failed");
    bk_js_obj_t *o = buf_new(ctx, (uint32_t)len);
    uint32_t n;
    for (uint32_t i = 0; i < len; i++) {
        val_t e;
        double d;
        if (bk_js__get_index(ctx, v, i, &e) != BK_OK ||
            bk_js__to_number(ctx, e, &d) != BK_OK)
            return BK_ERR;
        buf_bytes(ctx, o, &n)[i] = (uint8_t)bk_js__to_int32(d);
    }
    *ret = v_mkobj(o);
    return BK_OK;
}

/* Buffer.from(v, a1, a2), node's order: a string (a1 its encoding); an
 * ArrayBuffer (a view: a1 byte offset, a2 length); an object whose
 * valueOf() gives a string or another object (again with that); a
 * Uint8Array (copied); an array-like or {type: 'Buffer', data: [...]};
 * an object with Symbol.toPrimitive giving a string. */
static int from_value(bk_js_ctx_t *ctx, val_t v, val_t a1, val_t a2,
                      int depth, val_t *ret)
{
    bk_js_obj_t *o;
    uint32_t n;
    if (v_is_str(v)) {
        /* a non-string or empty encoding means utf8 */
        int enc = E_UTF8;
        if (v_is_str(a1) && v_str(a1)->len &&
            (enc = encoding(ctx, a1)) == E_BAD)
            return unknown_encoding(ctx, a1);
        const uint8_t *p = decode_str(ctx, v_str(v), enc, &n);
        o = buf_new(ctx, n);
        if (n)
            memcpy(buf_bytes(ctx, o, &n), p, n);
        *ret = v_mkobj(o);
        return BK_OK;
    }
    if (v_is_obj(v) && v_obj(v)->cls == CLS_ARRAYBUFFER) {
        /* A view sharing the memory, as node's. */
        uint32_t blen;
        bk_js__view_bytes(ctx, v, 0, &blen, NULL, NULL);
        double off = 0, len;
        if (a1 != V_UNDEF) {
            if (bk_js__to_number(ctx, a1, &off) != BK_OK)
                return BK_ERR;
            off = off != off ? 0 : off;
        }
        double max = blen - off;
        if (max < 0)
            return bounds_err(ctx, "offset");
        len = max;
        if (a2 != V_UNDEF) {
            if (bk_js__to_number(ctx, a2, &len) != BK_OK)
                return BK_ERR;
            if (len > 0) {
                if (len > max)
                    return bounds_err(ctx, "length");
            } else {
                len = 0;
            }
        }
        /* then new Uint8Array(ab, off, len): ToIndex of both */
        off = trunc(off);
        len = trunc(len);
        if (off < 0)
            return bk_js__range_error(ctx, "Start offset %s is outside the "
                                           "bounds of the buffer",
                                      fmt_received(ctx, off));
        if (off + len > blen)
            return bk_js__range_error(ctx, "Invalid typed array length: %s",
                                      fmt_received(ctx, len));
        *ret = v_mkobj(bk_js__typed_u8(ctx, v_obj(v), (uint32_t)off,
                                       (uint32_t)len,
                                       ctx->prog->proto[PROTO_BUFFER]));
        return BK_OK;
    }
    if (v_is_obj(v) && depth < 8) {
        val_t f, vo;
        if (bk_js__get(ctx, v, A(ctx, valueOf), &f) != BK_OK)
            return BK_ERR;
        if (bk_js__is_callable(f)) {
            if (bk_js__call(ctx, f, v, 0, NULL, &vo) != BK_OK)
                return BK_ERR;
            if (!v_is_nullish(vo) && vo != v && (v_is_str(vo) || v_is_obj(vo)))
                return from_value(ctx, vo, a1, a2, depth + 1, ret);
        }
    }
    const uint8_t *sp = bytes_of(ctx, v, 0, &n);
    if (sp != NULL && is_u8(ctx, v)) {
        o = buf_new(ctx, n);
        sp = bytes_of(ctx, v, 0, &n);
        if (n)
            memcpy(buf_bytes(ctx, o, &n), sp, n);
        *ret = v_mkobj(o);
        return BK_OK;
    }
    if (v_is_obj(v)) {
        val_t lv, bv, tv, dv, pf, pv;
        if (bk_js__get(ctx, v, A(ctx, length), &lv) != BK_OK ||
            bk_js__get(ctx, v, bk_js__atom_cstr(ctx, "buffer"), &bv) != BK_OK)
            return BK_ERR;
        if (lv != V_UNDEF ||
            (v_is_obj(bv) && v_obj(bv)->cls == CLS_ARRAYBUFFER))
            return from_array_like(ctx, v, v_is_num(lv) ? v_num(lv) : 0, ret);
        if (bk_js__get(ctx, v, bk_js__atom_cstr(ctx, "type"), &tv) != BK_OK)
            return BK_ERR;
        if (v_is_str(tv) &&
            bk_js__str_eq(v_str(tv), bk_js__atom_cstr(ctx, "Buffer"))) {
            if (bk_js__get(ctx, v, bk_js__atom_cstr(ctx, "data"), &dv) !=
                BK_OK)
                return BK_ERR;
            if (v_is_obj(dv) && v_obj(dv)->cls == CLS_ARRAY) {
                double len;
                if (bk_js__length_of(ctx, dv, &len) != BK_OK)
                    return BK_ERR;
                return from_array_like(ctx, dv, len, ret);
            }
        }
        if (bk_js__get(ctx, v, ctx->prog->sym[SYM_toPrimitive], &pf) !=
            BK_OK)
            return BK_ERR;
        if (bk_js__is_callable(pf)) {
            val_t hint = v_mkstr(A(ctx, string));
            if (bk_js__call(ctx, pf, v, 1, &hint, &pv) != BK_OK)
                return BK_ERR;
            if (v_is_str(pv))
                return from_value(ctx, pv, a1, V_UNDEF, depth + 1, ret);
        }
    }
    return node_err(ctx, ERR_TypeError, "ERR_INVALID_ARG_TYPE",
                    "The first argument must be of type string or an "
                    "instance of Buffer, ArrayBuffer, or Array or an "
                    "Array-like Object. Received %s",
                    describe_type(ctx, v));
}

static int Buffer_from(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    return from_value(ctx, ARG(0), ARG(1), ARG(2), 0, ret);
}

static int fill_bytes(bk_js_ctx_t *ctx, uint8_t *p, uint32_t from,
                      uint32_t to, val_t value, int enc);

/* Buffer.alloc(size[, fill[, encoding]]) (magic 0), allocUnsafe(size) (1) */
static int Buffer_alloc(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    if (want_number(ctx, ARG(0), "size") != BK_OK)
        return BK_ERR;
    double n = v_num(argv[0]);
    if (!(n >= 0 && n <= MAX_LEN))
        return range_err(ctx, "size", ">= 0 && <= 4294967296", n);
    bk_js_obj_t *o = buf_new(ctx, (uint32_t)n);
    val_t fill = ARG(1);
    if (ctx->native_magic == 0 && fill != V_UNDEF && fill != v_mknum(0) &&
        n > 0) {
        int enc = E_UTF8;
        if (v_is_str(fill) && fill_encoding(ctx, ARG(2), &enc) != BK_OK)
            return BK_ERR;
        uint32_t len;
        uint8_t *p = buf_bytes(ctx, o, &len);
        if (fill_bytes(ctx, p, 0, len, fill, enc) != BK_OK)
            return BK_ERR;
    }
    *ret = v_mkobj(o);
    return BK_OK;
}

static int Buffer_byteLength(bk_js_ctx_t *ctx, val_t this_val, int argc,
                             const val_t *argv, val_t *ret)
{
    val_t v = ARG(0);
    uint32_t n;
    if (v_is_str(v)) {
        /* node's estimates: hex halves, base64 by 3/4 after '=' padding */
        bk_js_str_t *s = v_str(v);
        int enc = encoding(ctx, ARG(1));
        n = s->len;
        if (enc == E_HEX) {
            n = s->len / 2;
        } else if (enc == E_B64 || enc == E_B64URL) {
            if (n > 0 && str_at(s, n - 1) == '=')
                n--;
            if (n > 1 && str_at(s, n - 1) == '=')
                n--;
            n = (uint32_t)(((uint64_t)n * 3) >> 2);
        } else if (enc == E_UTF16) {
            n = s->len * 2;
        } else if (enc != E_LATIN1 && enc != E_ASCII) {
            decode_str(ctx, s, E_UTF8, &n);
        }
    } else if (bk_js__view_bytes(ctx, v, 0, &n, NULL, NULL) == NULL) {
        return arg_type_err(ctx, "string", "of type string or an instance "
                            "of Buffer or ArrayBuffer", v);
    }
    *ret = v_mknum(n);
    return BK_OK;
}

/* isBuffer (magic 0), isEncoding (1) */
static int Buffer_isBuffer(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    if (ctx->native_magic)
        *ret = v_mkbool(v_is_str(ARG(0)) && encoding(ctx, argv[0]) != E_BAD);
    else
        *ret = v_mkbool(is_buffer(ctx, ARG(0)));
    return BK_OK;
}

static int cmp_bytes(const uint8_t *a, uint32_t an, const uint8_t *b,
                     uint32_t bn)
{
    uint32_t n = BK_MIN(an, bn);
    int c = n ? memcmp(a, b, n) : 0;
    if (c)
        return c < 0 ? -1 : 1;
    return an < bn ? -1 : an > bn;
}

/* Buffer.compare(a, b) (magic 0), a.equals(b) (2) */
static int Buffer_compare(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    int m = ctx->native_magic;
    val_t a = m ? this_val : ARG(0), b = m ? ARG(0) : ARG(1);
    uint32_t an, bn;
    const uint8_t *ap, *bp;
    if (!is_u8(ctx, a))
        return arg_type_err(ctx, m ? "this" : "buf1", "an instance of Buffer "
                            "or Uint8Array", a);
    if (!is_u8(ctx, b))
        return arg_type_err(ctx, m ? "otherBuffer" : "buf2", "an instance "
                            "of Buffer or Uint8Array", b);
    ap = bytes_of(ctx, a, 0, &an);
    bp = bytes_of(ctx, b, 0, &bn);
    int c = cmp_bytes(ap, an, bp, bn);
    *ret = m == 2 ? v_mkbool(c == 0) : v_mknum(c);
    return BK_OK;
}

static int Buffer_concat(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t list = ARG(0);
    double n, total = 0;
    if (!v_is_obj(list) || v_obj(list)->cls != CLS_ARRAY)
        return arg_type_err(ctx, "list", "an instance of Array", list);
    if (bk_js__length_of(ctx, list, &n) != BK_OK)
        return BK_ERR;
    if (n == 0) {
        *ret = v_mkobj(buf_new(ctx, 0));
        return BK_OK;
    }
    if (ARG(1) == V_UNDEF) {
        for (uint32_t i = 0; i < n; i++) {
            val_t e;
            uint32_t len;
            if (bk_js__get_index(ctx, list, i, &e) != BK_OK)
                return BK_ERR;
            if (bytes_of(ctx, e, 0, &len) != NULL && is_u8(ctx, e))
                total += len;
        }
    } else if (want_offset(ctx, argv[1], "length", MAX_LEN, &total) !=
               BK_OK) {
        return BK_ERR;
    }
    if (total > CAP)
        return bk_js__range_error(ctx, "Array buffer allocation failed");
    bk_js_obj_t *r = buf_new(ctx, (uint32_t)total);
    uint32_t at = 0, rn;
    /* Every element is checked, even past the length asked for. */
    for (uint32_t i = 0; i < n; i++) {
        val_t e;
        uint32_t len;
        if (bk_js__get_index(ctx, list, i, &e) != BK_OK)
            return BK_ERR;
        if (!is_u8(ctx, e)) {
            char name[32];
            snprintf(name, sizeof(name), "list[%u]", i);
            return arg_type_err(ctx, name, "an instance of Buffer or "
                                "Uint8Array", e);
        }
        const uint8_t *p = bytes_of(ctx, e, 0, &len);
        uint8_t *d = buf_bytes(ctx, r, &rn);
        uint32_t k = (uint32_t)BK_MIN((double)len, total - at);
        if (k)
            memcpy(d + at, p, k);
        at += k;
    }
    *ret = v_mkobj(r);
    return BK_OK;
}

/* ---- prototype: strings ---------------------------------------------------- */

/* toString([encoding[, start[, end]]]), toLocaleString() */
static int Buffer_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    uint8_t *p;
    uint32_t len;
    if (this_bytes(ctx, this_val, 0, &p, &len) != BK_OK)
        return BK_ERR;
    double s = NAN, e = NAN;
    if (ARG(1) != V_UNDEF && bk_js__to_number(ctx, argv[1], &s) != BK_OK)
        return BK_ERR;
    if (ARG(2) != V_UNDEF && bk_js__to_number(ctx, argv[2], &e) != BK_OK)
        return BK_ERR;
    *ret = v_mkstr(A(ctx, empty));
    if (s <= 0 || s != s)
        s = 0;
    else if (s >= len)
        return BK_OK;
    else
        s = trunc(s);
    if (ARG(2) == V_UNDEF || e > len)
        e = len;
    else
        e = e != e ? 0 : trunc(e);
    if (e <= s)
        return BK_OK;
    int enc = encoding(ctx, ARG(0));
    if (enc == E_BAD)
        return unknown_encoding(ctx, argv[0]);
    p = bytes_of(ctx, this_val, 0, &len);
    *ret = v_mkstr(encode_bytes(ctx, p + (uint32_t)s, (uint32_t)(e - s), enc));
    return BK_OK;
}

/* Writes up to 'max' bytes of s in encoding enc at p; the count written.
 * utf8 and utf16le write whole characters only, as node's. */
static uint32_t write_str(bk_js_ctx_t *ctx, uint8_t *p, uint32_t max,
                          bk_js_str_t *s, int enc)
{
    uint32_t n;
    const uint8_t *b = decode_str(ctx, s, enc, &n);
    if (n <= max) {
        memcpy(p, b, n);
        return n;
    }
    if (enc == E_UTF8) {
        n = max;
        /* back up to the start of the cut character */
        uint32_t k = n;
        while (k > 0 && (b[k] & 0xC0) == 0x80)
            k--;
        n = k;
    } else if (enc == E_UTF16) {
        n = max & ~1u;
    } else {
        n = max;
    }
    memcpy(p, b, n);
    return n;
}

/* write(string[, offset[, length]][, encoding]) */
static int Buffer_write(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    uint8_t *p;
    uint32_t len;
    if (this_bytes(ctx, this_val, 0, &p, &len) != BK_OK)
        return BK_ERR;
    val_t str = ARG(0), encv = V_UNDEF;
    double off = 0, n = len;
    if (ARG(1) == V_UNDEF) {
        /* write(string) */
    } else if (ARG(2) == V_UNDEF && v_is_str(argv[1])) {
        encv = argv[1];
    } else {
        if (want_offset(ctx, argv[1], "offset", len, &off) != BK_OK)
            return BK_ERR;
        n = len - off;
        if (v_is_str(ARG(2))) {
            encv = argv[2];
        } else if (ARG(2) != V_UNDEF) {
            double l;
            if (want_offset(ctx, argv[2], "length", len, &l) != BK_OK)
                return BK_ERR;
            n = BK_MIN(l, n);
            encv = ARG(3);
        }
    }
    int enc = encoding(ctx, encv);
    if (enc == E_BAD && !(encv == V_NULL || encv == v_mkstr(A(ctx, empty)) ||
                          encv == V_FALSE || encv == v_mknum(0)))
        return unknown_encoding(ctx, encv);
    if (enc == E_BAD)
        enc = E_UTF8;
    if (!v_is_str(str))
        return node_err(ctx, ERR_TypeError, "-ERR_INVALID_ARG_TYPE",
                        "argument must be a string");
    p = bytes_of(ctx, this_val, 1, &len);
    *ret = v_mknum(write_str(ctx, p + (uint32_t)off, (uint32_t)n, v_str(str),
                             enc));
    return BK_OK;
}

static int Buffer_toJSON(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    uint8_t *p;
    uint32_t n;
    if (this_bytes(ctx, this_val, 0, &p, &n) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *a = bk_js__array_new(ctx, n);
    for (uint32_t i = 0; i < n; i++)
        bk_js__array_push(ctx, a, v_mknum(p[i]));
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    bk_js__put_own(ctx, o, bk_js__atom_cstr(ctx, "type"),
                   v_mkstr(bk_js__atom_cstr(ctx, "Buffer")), P_DEFAULT);
    bk_js__put_own(ctx, o, bk_js__atom_cstr(ctx, "data"), v_mkobj(a),
                   P_DEFAULT);
    *ret = v_mkobj(o);
    return BK_OK;
}

/* ---- prototype: views, search, fill, copy ------------------------------------ */

/* node's adjustOffset for slice/subarray. */
static double adjust(double d, double len)
{
    d = trunc(d);
    if (d == 0 || d != d)
        return 0;
    if (d < 0)
        return BK_MAX(d + len, 0);
    return BK_MIN(d, len);
}

/* slice / subarray (start, end): a Buffer over the same bytes. */
static int Buffer_slice(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    uint8_t *p;
    uint32_t len, off;
    bk_js_obj_t *ab;
    if (this_bytes(ctx, this_val, 0, &p, &len) != BK_OK)
        return BK_ERR;
    double s = NAN, e = len;
    if (ARG(0) != V_UNDEF && bk_js__to_number(ctx, argv[0], &s) != BK_OK)
        return BK_ERR;
    if (ARG(1) != V_UNDEF && bk_js__to_number(ctx, argv[1], &e) != BK_OK)
        return BK_ERR;
    s = adjust(s, len);
    e = ARG(1) == V_UNDEF ? len : adjust(e, len);
    bk_js__view_bytes(ctx, this_val, 0, &len, &ab, &off);
    *ret = v_mkobj(bk_js__typed_u8(ctx, ab, off + (uint32_t)s,
                                   e > s ? (uint32_t)(e - s) : 0,
                                   ctx->prog->proto[PROTO_BUFFER]));
    return BK_OK;
}

/* node's IndexOfOffset: where the search starts, or -1 for no match. */
static int64_t search_start(int64_t len, int64_t off, int64_t nlen, int fwd)
{
    if (off < 0) {
        if (off + len >= 0)
            return len + off;
        return fwd || nlen == 0 ? 0 : -1;
    }
    if (off + nlen <= len)
        return off;
    if (nlen == 0)
        return len;
    return fwd ? -1 : len - 1;
}

/* indexOf (magic 0), lastIndexOf (1), includes (2):
 * (value[, byteOffset][, encoding]) */
static int Buffer_indexOf(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    uint8_t *p;
    uint32_t len;
    if (this_bytes(ctx, this_val, 0, &p, &len) != BK_OK)
        return BK_ERR;
    int m = ctx->native_magic, fwd = m != 1;
    val_t val = ARG(0), offv = ARG(1), encv = ARG(2);
    double off;
    if (v_is_str(offv)) {
        encv = offv;
        offv = V_UNDEF;
    }
    if (bk_js__to_number(ctx, offv, &off) != BK_OK)
        return BK_ERR;
    if (off != off)
        off = fwd ? 0 : len;
    off = BK_MAX(BK_MIN(trunc(off), 2147483647.0), -2147483648.0);
    const uint8_t *needle;
    uint32_t nlen;
    uint8_t one;
    if (v_is_num(val)) {
        one = (uint8_t)bk_js__to_int32(v_num(val));
        needle = &one;
        nlen = 1;
    } else if (v_is_str(val)) {
        int enc = encoding(ctx, encv);
        if (enc == E_BAD)
            return unknown_encoding(ctx, encv);
        needle = decode_str(ctx, v_str(val), enc, &nlen);
    } else if (is_u8(ctx, val)) {
        needle = bytes_of(ctx, val, 0, &nlen);
    } else {
        return arg_type_err(ctx, "value", "one of type number or string or "
                            "an instance of Buffer or Uint8Array", val);
    }
    p = bytes_of(ctx, this_val, 0, &len);
    int64_t r = -1, at = search_start(len, (int64_t)off, nlen, fwd);
    bk_js__charge(ctx, 1 + len / 16);
    if (nlen == 0 && !v_is_num(val)) {
        r = at;
    } else if (at >= 0 && nlen <= len) {
        if (fwd) {
            for (int64_t i = at; i + nlen <= len; i++)
                if (memcmp(p + i, needle, nlen) == 0) {
                    r = i;
                    break;
                }
        } else {
            for (int64_t i = BK_MIN(at, (int64_t)len - nlen); i >= 0; i--)
                if (memcmp(p + i, needle, nlen) == 0) {
                    r = i;
                    break;
                }
        }
    }
    *ret = m == 2 ? v_mkbool(r >= 0) : v_mknum((double)r);
    return BK_OK;
}

/* Fills p[from..to) with value (number, string in enc, or bytes). */
static int fill_bytes(bk_js_ctx_t *ctx, uint8_t *p, uint32_t from,
                      uint32_t to, val_t value, int enc)
{
    const uint8_t *f;
    uint32_t fn;
    uint8_t one;
    if (v_is_str(value)) {
        f = decode_str(ctx, v_str(value), enc, &fn);
        if (v_str(value)->len == 0) {
            one = 0;
            f = &one;
            fn = 1;
        } else if (fn == 0) {
            return node_err(ctx, ERR_TypeError, "ERR_INVALID_ARG_VALUE",
                            "The argument 'value' is invalid. Received '%s'",
                            bk_js__str_to_utf8(ctx, v_str(value), NULL));
        }
    } else if (v_is_obj(value) && (v_obj(value)->cls == CLS_TYPED ||
                                   v_obj(value)->cls == CLS_DATAVIEW)) {
        /* any view: its raw bytes */
        f = bk_js__view_bytes(ctx, value, 0, &fn, NULL, NULL);
        if (fn == 0)
            return node_err(ctx, ERR_TypeError, "ERR_INVALID_ARG_VALUE",
                            "The argument 'value' is invalid. Received "
                            "Uint8Array(0) []");
    } else {
        double d;
        if (bk_js__to_number(ctx, value, &d) != BK_OK)
            return BK_ERR;
        one = (uint8_t)bk_js__to_int32(d);
        f = &one;
        fn = 1;
    }
    bk_js__charge(ctx, 1 + (to - from) / 16);
    if (fn == 1) {
        if (to > from)
            memset(p + from, f[0], to - from);
    } else {
        for (uint32_t i = from; i < to; i++)
            p[i] = f[(i - from) % fn];
    }
    return BK_OK;
}

/* fill(value[, offset[, end]][, encoding]) */
static int Buffer_fill(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    uint8_t *p;
    uint32_t len;
    if (this_bytes(ctx, this_val, 0, &p, &len) != BK_OK)
        return BK_ERR;
    val_t value = ARG(0), offv = ARG(1), endv = ARG(2), encv = ARG(3);
    int enc = E_UTF8;
    if (v_is_str(value)) {
        if (offv == V_UNDEF || v_is_str(offv)) {
            encv = offv;
            offv = V_UNDEF;
            endv = V_UNDEF;
        } else if (v_is_str(endv)) {
            encv = endv;
            endv = V_UNDEF;
        }
        if (fill_encoding(ctx, encv, &enc) != BK_OK)
            return BK_ERR;
    }
    double from = 0, to = len;
    if (offv == V_UNDEF && len == 0) {
        *ret = this_val;
        return BK_OK;
    }
    if (offv != V_UNDEF) {
        if (want_offset(ctx, offv, "offset", MAX_LEN, &from) != BK_OK)
            return BK_ERR;
        if (endv != V_UNDEF &&
            want_offset(ctx, endv, "end", len, &to) != BK_OK)
            return BK_ERR;
        if (from >= to) {
            *ret = this_val;
            return BK_OK;
        }
        if (to > len || from > len)
            return bounds_err(ctx, NULL);
    }
    p = bytes_of(ctx, this_val, 1, &len);
    if (fill_bytes(ctx, p, (uint32_t)from, (uint32_t)to, value, enc) != BK_OK)
        return BK_ERR;
    *ret = this_val;
    return BK_OK;
}

/* node's toInteger(n, 0) for copy()'s arguments. */
static int to_int_or0(bk_js_ctx_t *ctx, val_t v, double *out)
{
    double d;
    if (bk_js__to_number(ctx, v, &d) != BK_OK)
        return BK_ERR;
    *out = d == d && fabs(d) <= 9007199254740991.0 ? floor(d) : 0;
    return BK_OK;
}

/* copy(target[, targetStart[, sourceStart[, sourceEnd]]]) */
static int Buffer_copy(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    uint8_t *sp, *dp;
    uint32_t sn, dn;
    if (this_bytes(ctx, this_val, 0, &sp, &sn) != BK_OK)
        return BK_ERR;
    if (bytes_of(ctx, ARG(0), 0, &dn) == NULL)
        return arg_type_err(ctx, "target", "an instance of Buffer or "
                            "Uint8Array", ARG(0));
    double ts = 0, ss = 0, se = sn;
    char r[48];
    if (ARG(1) != V_UNDEF) {
        if (to_int_or0(ctx, argv[1], &ts) != BK_OK)
            return BK_ERR;
        if (ts < 0)
            return range_err(ctx, "targetStart", ">= 0", ts);
    }
    if (ARG(2) != V_UNDEF) {
        if (to_int_or0(ctx, argv[2], &ss) != BK_OK)
            return BK_ERR;
        if (ss < 0 || ss > sn) {
            snprintf(r, sizeof(r), ">= 0 && <= %u", sn);
            return range_err(ctx, "sourceStart", r, ss);
        }
    }
    if (ARG(3) != V_UNDEF) {
        if (to_int_or0(ctx, argv[3], &se) != BK_OK)
            return BK_ERR;
        if (se < 0)
            return range_err(ctx, "sourceEnd", ">= 0", se);
    }
    *ret = v_mknum(0);
    if (ts >= dn || ss >= se)
        return BK_OK;
    se = BK_MIN(se, sn);
    double nb = BK_MIN(se - ss, dn - ts);
    if (nb <= 0)
        return BK_OK;
    dp = bytes_of(ctx, ARG(0), 1, &dn);
    sp = bytes_of(ctx, this_val, 0, &sn);
    memmove(dp + (uint32_t)ts, sp + (uint32_t)ss, (size_t)nb);
    bk_js__charge(ctx, 1 + (int64_t)nb / 16);
    *ret = v_mknum(nb);
    return BK_OK;
}

/* compare(target[, targetStart[, targetEnd[, sourceStart[, sourceEnd]]]]) */
static int Buffer_compare_m(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    uint8_t *sp, *tp;
    uint32_t sn, tn;
    if (this_bytes(ctx, this_val, 0, &sp, &sn) != BK_OK)
        return BK_ERR;
    if (!is_u8(ctx, ARG(0)))
        return arg_type_err(ctx, "target", "an instance of Buffer or "
                            "Uint8Array", ARG(0));
    tp = bytes_of(ctx, argv[0], 0, &tn);
    double ts = 0, te = tn, ss = 0, se = sn;
    if ((ARG(1) != V_UNDEF &&
         want_offset(ctx, argv[1], "targetStart", MAX_LEN, &ts) != BK_OK) ||
        (ARG(2) != V_UNDEF &&
         want_offset(ctx, argv[2], "targetEnd", tn, &te) != BK_OK) ||
        (ARG(3) != V_UNDEF &&
         want_offset(ctx, argv[3], "sourceStart", MAX_LEN, &ss) != BK_OK) ||
        (ARG(4) != V_UNDEF &&
         want_offset(ctx, argv[4], "sourceEnd", sn, &se) != BK_OK))
        return BK_ERR;
    if (ss >= se) {
        *ret = v_mknum(ts >= te ? 0 : -1);
        return BK_OK;
    }
    if (ts >= te) {
        *ret = v_mknum(1);
        return BK_OK;
    }
    ss = BK_MIN(ss, sn);
    ts = BK_MIN(ts, tn);
    *ret = v_mknum(cmp_bytes(sp + (uint32_t)ss, (uint32_t)(se - ss),
                             tp + (uint32_t)ts,
                             (uint32_t)(BK_MIN(te, tn) - ts)));
    return BK_OK;
}

/* swap16/32/64 (magic 2, 4, 8): reverses each group of bytes in place. */
static int Buffer_swap(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    uint8_t *p;
    uint32_t n, w = (uint32_t)ctx->native_magic;
    if (this_bytes(ctx, this_val, 0, &p, &n) != BK_OK)
        return BK_ERR;
    if (n % w)
        return node_err(ctx, ERR_RangeError, "ERR_INVALID_BUFFER_SIZE",
                        "Buffer size must be a multiple of %u-bits", w * 8);
    p = bytes_of(ctx, this_val, 1, &n);
    for (uint32_t i = 0; i < n; i += w)
        for (uint32_t a = i, b = i + w - 1; a < b; a++, b--) {
            uint8_t t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
    bk_js__charge(ctx, 1 + n / 16);
    *ret = this_val;
    return BK_OK;
}

/* ---- prototype: numbers ---------------------------------------------------- */

/* The read/write family. magic: bits 0-3 size in bytes (0: the
 * byteLength argument says), bit 4 signed, bit 5 big-endian, bit 6 float,
 * bit 7 write. */
enum { RW_SIGNED = 16, RW_BE = 32, RW_FLOAT = 64, RW_WRITE = 128 };

/* node's boundsError(offset, len - size) for a bad or out-of-range
 * offset 'o' (a number). */
static int offset_err(bk_js_ctx_t *ctx, double o, double last)
{
    if (o != floor(o) || o != o)
        return range_err(ctx, "offset", "an integer", o);
    if (last < 0)
        return bounds_err(ctx, NULL);
    char r[48];
    snprintf(r, sizeof(r), ">= 0 and <= %.0f", last);
    return range_err(ctx, "offset", r, o);
}

/* node's checkInt message for a value out of [min, max]. */
static int value_err(bk_js_ctx_t *ctx, double v, unsigned size, int sgn,
                     double min, double max)
{
    char r[64];
    if (size > 4) {
        if (!sgn)
            snprintf(r, sizeof(r), ">= 0 and < 2 ** %u", size * 8);
        else
            snprintf(r, sizeof(r), ">= -(2 ** %u) and < 2 ** %u",
                     size * 8 - 1, size * 8 - 1);
    } else {
        snprintf(r, sizeof(r), ">= %.0f and <= %.0f", min, max);
    }
    return range_err(ctx, "value", r, v);
}

static int Buffer_rw(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    int m = ctx->native_magic, wr = m & RW_WRITE;
    unsigned size = m & 15;
    int sgn = m & RW_SIGNED, be = m & RW_BE, flt = m & RW_FLOAT;
    uint8_t *p;
    uint32_t len;
    if (this_bytes(ctx, this_val, 0, &p, &len) != BK_OK)
        return BK_ERR;
    val_t offv = wr ? ARG(1) : ARG(0);
    double v = 0;
    if (size == 0) {
        /* {read,write}{U,}Int{LE,BE}(... offset, byteLength) */
        val_t bl = wr ? ARG(2) : ARG(1);
        if (!wr && offv == V_UNDEF)
            return arg_type_err(ctx, "offset", "of type number", offv);
        if (!v_is_num(bl) || v_num(bl) != floor(v_num(bl)) ||
            v_num(bl) < 1 || v_num(bl) > 6) {
            if (!v_is_num(bl) || v_num(bl) != floor(v_num(bl)))
                return v_is_num(bl)
                           ? range_err(ctx, "byteLength", "an integer",
                                       v_num(bl))
                           : arg_type_err(ctx, "byteLength",
                                          "of type number", bl);
            return range_err(ctx, "byteLength", ">= 1 and <= 6", v_num(bl));
        }
        size = (unsigned)v_num(bl);
    } else if (offv == V_UNDEF) {
        offv = v_mknum(0);
    }
    double min = 0, max = 0;
    if (wr) {
        if (bk_js__to_number(ctx, ARG(0), &v) != BK_OK)
            return BK_ERR;
        if (!flt) {
            max = ldexp(1, (int)size * 8 - (sgn ? 1 : 0)) - 1;
            min = sgn ? -max - 1 : 0;
        }
        /* writeU_Int8 checks the offset's type before the value; the
         * others after. */
        if (size == 1 && want_number(ctx, offv, "offset") != BK_OK)
            return BK_ERR;
        if (!flt && (v > max || v < min))
            return value_err(ctx, v, size, sgn, min, max);
    }
    if (want_number(ctx, offv, "offset") != BK_OK)
        return BK_ERR;
    double o = v_num(offv);
    if (!(o >= 0 && o == floor(o) && o + size <= len))
        return offset_err(ctx, o, (double)len - size);
    uint32_t at = (uint32_t)o;
    uint8_t tmp[8];
    if (wr) {
        if (flt) {
            if (size == 4) {
                float f = (float)v;
                memcpy(tmp, &f, 4);
            } else {
                memcpy(tmp, &v, 8);
            }
        } else {
            /* Two's complement of trunc(v), as node's byte stores do
             * (NaN stores zeros). */
            double t = v != v ? 0 : trunc(v);
            uint64_t u = t < 0 ? (uint64_t)(int64_t)t : (uint64_t)t;
            for (unsigned i = 0; i < size; i++)
                tmp[i] = (uint8_t)(u >> (8 * i));
        }
        p = bytes_of(ctx, this_val, 1, &len);
        for (unsigned i = 0; i < size; i++)
            p[at + (be ? size - 1 - i : i)] = tmp[i];
        *ret = v_mknum((double)at + size);
        return BK_OK;
    }
    for (unsigned i = 0; i < size; i++)
        tmp[i] = p[at + (be ? size - 1 - i : i)];
    if (flt) {
        if (size == 4) {
            float f;
            memcpy(&f, tmp, 4);
            v = f;
        } else {
            memcpy(&v, tmp, 8);
        }
    } else {
        uint64_t u = 0;
        for (unsigned i = 0; i < size; i++)
            u |= (uint64_t)tmp[i] << (8 * i);
        if (sgn && (u >> (size * 8 - 1)) & 1)
            v = (double)(int64_t)(u | (~(uint64_t)0 << (size * 8)));
        else
            v = (double)u;
    }
    *ret = v_mknum(v);
    return BK_OK;
}

/* ---- installation ------------------------------------------------------------ */

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

/* Buffer(arg, ...) and new Buffer(...): node's deprecated forms. */
static int Buffer_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    if (v_is_num(ARG(0))) {
        ctx->native_magic = 0;
        return Buffer_alloc(ctx, this_val, 1, argv, ret);
    }
    return Buffer_from(ctx, this_val, argc, argv, ret);
}

/* The number methods: name, magic (see Buffer_rw). */
static void def_rw(bk_js_ctx_t *ctx, bk_js_obj_t *proto)
{
    static const struct {
        const char *name; /* with "UInt": also defined with "Uint" */
        int magic;
    } rw[] = {
        {"UInt8", 1},
        {"Int8", 1 | RW_SIGNED},
        {"UInt16LE", 2},
        {"UInt16BE", 2 | RW_BE},
        {"Int16LE", 2 | RW_SIGNED},
        {"Int16BE", 2 | RW_SIGNED | RW_BE},
        {"UInt32LE", 4},
        {"UInt32BE", 4 | RW_BE},
        {"Int32LE", 4 | RW_SIGNED},
        {"Int32BE", 4 | RW_SIGNED | RW_BE},
        {"UIntLE", 0},
        {"UIntBE", RW_BE},
        {"IntLE", RW_SIGNED},
        {"IntBE", RW_SIGNED | RW_BE},
        {"FloatLE", 4 | RW_FLOAT},
        {"FloatBE", 4 | RW_FLOAT | RW_BE},
        {"DoubleLE", 8 | RW_FLOAT},
        {"DoubleBE", 8 | RW_FLOAT | RW_BE},
    };
    for (size_t i = 0; i < BK_COUNTOF(rw); i++)
        for (int w = 0; w < 2; w++) {
            int magic = rw[i].magic | (w ? RW_WRITE : 0);
            /* node's lengths: (offset = 0), (value, offset = 0),
             * (offset, byteLength), (value, offset, byteLength) */
            int length = ((rw[i].magic & 15) == 0 ? 2 : 0) + w;
            for (int alias = 0; alias < 2; alias++) {
                char name[32];
                if (alias && strncmp(rw[i].name, "UInt", 4) != 0)
                    continue;
                snprintf(name, sizeof(name), "%s%s%s", w ? "write" : "read",
                         alias ? "Uint" : "", rw[i].name + (alias ? 4 : 0));
                bk_js_method_t m[] = {{name, Buffer_rw, (int16_t)length,
                                       (int16_t)magic}};
                bk_js__def_methods(ctx, proto, m, 1);
            }
        }
}

void bk_js__install_buffer(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    if (P->runtime == BK_JS_RUNTIME_1_0)
        return;
    bk_js_obj_t *proto = P->proto[PROTO_BUFFER];
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "Buffer", Buffer_ctor, 2, proto);
    static const bk_js_method_t statics[] = {
        {"from", Buffer_from, 3, 0},
        {"alloc", Buffer_alloc, 3, 0},
        {"allocUnsafe", Buffer_alloc, 1, 1},
        {"allocUnsafeSlow", Buffer_alloc, 1, 1},
        {"byteLength", Buffer_byteLength, 2, 0},
        {"isBuffer", Buffer_isBuffer, 1, 0},
        {"isEncoding", Buffer_isBuffer, 1, 1},
        {"compare", Buffer_compare, 2, 0},
        {"concat", Buffer_concat, 2, 0},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    static const bk_js_method_t methods[] = {
        {"toString", Buffer_toString, 3, 0},
        {"toLocaleString", Buffer_toString, 3, 0},
        {"write", Buffer_write, 4, 0},
        {"slice", Buffer_slice, 2, 0},
        {"subarray", Buffer_slice, 2, 0},
        {"toJSON", Buffer_toJSON, 0, 0},
        {"equals", Buffer_compare, 1, 2},
        {"compare", Buffer_compare_m, 5, 0},
        {"indexOf", Buffer_indexOf, 3, 0},
        {"lastIndexOf", Buffer_indexOf, 3, 1},
        {"includes", Buffer_indexOf, 3, 2},
        {"fill", Buffer_fill, 4, 0},
        {"copy", Buffer_copy, 4, 0},
        {"swap16", Buffer_swap, 0, 2},
        {"swap32", Buffer_swap, 0, 4},
        {"swap64", Buffer_swap, 0, 8},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    def_rw(ctx, proto);
    bk_js_module_t *m = bk_js__izalloc(ctx, sizeof(*m));
    m->name = bk_js__atom_cstr(ctx, "buffer");
    m->init = buffer_init;
    m->next = P->modules;
    P->modules = m;
}

val_t bk_js__buffer_new(bk_js_ctx_t *ctx, const uint8_t *p, uint32_t n)
{
    bk_js_obj_t *o = buf_new(ctx, n);
    uint32_t len;
    if (n)
        memcpy(buf_bytes(ctx, o, &len), p, n);
    return v_mkobj(o);
}

/* Any typed array's bytes (crypto's update() takes them all, as node's). */
const bk_js_bytes_t *bk_js__buffer_bytes(bk_js_ctx_t *ctx, val_t v)
{
    uint32_t n;
    uint8_t *p = bytes_of(ctx, v, 0, &n);
    if (p == NULL)
        return NULL;
    bk_js_bytes_t *b = bk_js__ialloc(ctx, sizeof(*b));
    b->p = p;
    b->len = n;
    return b;
}
