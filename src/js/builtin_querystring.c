/*
 * builtin_querystring.c: the `querystring` module as node has it: parse
 * (decode), stringify (encode), escape, unescape.
 *
 * parse: pairs split on sep (default '&') and eq (default '='), '+' is a
 * space, repeated keys collect into arrays, at most maxKeys (default 1000,
 * 0 = no limit) pairs, percent-decoding as UTF-8 with U+FFFD for malformed
 * bytes (malformed escapes stay as they are), a custom decodeURIComponent
 * option is called instead. The result has no prototype, like node's.
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

/* Percent-decodes s[from..to) ('+' as space when plus): %XX become bytes,
 * other characters their UTF-8, then the bytes decode as UTF-8. */
static bk_js_str_t *unescape(bk_js_ctx_t *ctx, bk_js_str_t *s, uint32_t from,
                             uint32_t to, int plus)
{
    int simple = 1;
    for (uint32_t i = from; i < to && simple; i++) {
        uint32_t c = str_at(s, i);
        simple = c != '%' && !(plus && c == '+');
    }
    if (simple)
        return bk_js__str_sub(ctx, s, from, to);
    bk_buf_t b;
    bk_buf_init(&b, ctx->arena);
    for (uint32_t i = from; i < to; i++) {
        uint32_t c = str_at(s, i);
        uint8_t u[4];
        size_t n = 0;
        if (c == '+' && plus) {
            u[n++] = ' ';
        } else if (c == '%' && i + 2 < to && hexv(str_at(s, i + 1)) >= 0 &&
                   hexv(str_at(s, i + 2)) >= 0) {
            u[n++] = (uint8_t)(hexv(str_at(s, i + 1)) * 16 +
                               hexv(str_at(s, i + 2)));
            i += 2;
        } else if (c < 0x80) {
            u[n++] = (uint8_t)c;
        } else {
            /* re-encode the code unit (surrogates pass through as U+FFFD) */
            if (c >= 0xD800 && c < 0xE000)
                c = 0xFFFD;
            if (c < 0x800) {
                u[n++] = (uint8_t)(0xC0 | (c >> 6));
                u[n++] = (uint8_t)(0x80 | (c & 63));
            } else {
                u[n++] = (uint8_t)(0xE0 | (c >> 12));
                u[n++] = (uint8_t)(0x80 | ((c >> 6) & 63));
                u[n++] = (uint8_t)(0x80 | (c & 63));
            }
        }
        if (bk_buf_append(&b, u, n) != BK_OK)
            bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    }
    return bk_js__str_utf8(ctx, (const char *)b.p, b.n);
}

static int decode(bk_js_ctx_t *ctx, val_t fn, bk_js_str_t *s, uint32_t from,
                  uint32_t to, val_t *out)
{
    if (fn == V_UNDEF) {
        *out = v_mkstr(unescape(ctx, s, from, to, 1));
        return BK_OK;
    }
    /* A custom decoder sees the text with '+' already made a space. */
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    for (uint32_t i = from; i < to; i++) {
        uint32_t c = str_at(s, i);
        bk_js__sb_putc(&sb, c == '+' ? ' ' : c);
    }
    val_t arg = v_mkstr(bk_js__sb_done(&sb));
    return bk_js__call(ctx, fn, V_UNDEF, 1, &arg, out);
}

static int qs_parse(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT, NULL);
    *ret = v_mkobj(o);
    if (!v_is_str(ARG(0)) || v_str(argv[0])->len == 0)
        return BK_OK;
    bk_js_str_t *s = v_str(argv[0]), *sep = NULL, *eq = NULL;
    if (!v_is_nullish(ARG(1)) && bk_js__to_string(ctx, argv[1], &sep) != BK_OK)
        return BK_ERR;
    if (!v_is_nullish(ARG(2)) && bk_js__to_string(ctx, argv[2], &eq) != BK_OK)
        return BK_ERR;
    if (sep == NULL || sep->len == 0)
        sep = bk_js__str_cstr(ctx, "&");
    if (eq == NULL || eq->len == 0)
        eq = bk_js__str_cstr(ctx, "=");
    double max_keys = 1000;
    val_t dec = V_UNDEF;
    if (v_is_obj(ARG(3))) {
        val_t mk, d;
        if (bk_js__get(ctx, argv[3], bk_js__atom_cstr(ctx, "maxKeys"), &mk) !=
                BK_OK ||
            bk_js__get(ctx, argv[3],
                       bk_js__atom_cstr(ctx, "decodeURIComponent"),
                       &d) != BK_OK)
            return BK_ERR;
        if (v_is_num(mk))
            max_keys = v_num(mk);
        if (bk_js__is_callable(d))
            dec = d;
    }
    uint32_t p = 0, pairs = 0;
    while (p <= s->len) {
        if (max_keys > 0 && pairs >= max_keys)
            break;
        int64_t q = bk_js__str_index_of(s, sep, p);
        uint32_t end = q < 0 ? s->len : (uint32_t)q;
        if (end > p) {
            int64_t e = bk_js__str_index_of(s, eq, p);
            uint32_t kend = (e < 0 || (uint32_t)e >= end) ? end : (uint32_t)e;
            uint32_t vstart = kend < end ? kend + eq->len : end;
            val_t k, v;
            if (decode(ctx, dec, s, p, kend, &k) != BK_OK ||
                decode(ctx, dec, s, vstart, end, &v) != BK_OK)
                return BK_ERR;
            bk_js_str_t *key;
            if (bk_js__to_propkey(ctx, k, &key) != BK_OK)
                return BK_ERR;
            bk_js_prop_t *pr = bk_js__find(bk_js__rd(ctx, o), key);
            if (pr == NULL) {
                bk_js__put_own(ctx, o, key, v, P_DEFAULT);
            } else if (v_is_obj(pr->v) && v_obj(pr->v)->cls == CLS_ARRAY) {
                bk_js__array_push(ctx, v_obj(pr->v), v);
            } else {
                val_t two[2] = {pr->v, v};
                pr->v = v_mkobj(bk_js__array_from(ctx, two, 2));
            }
            pairs++;
        }
        if (q < 0)
            break;
        p = end + sep->len;
    }
    bk_js__charge(ctx, 8 + (s->len >> 3));
    return BK_OK;
}

static int hexdig(uint32_t v) { return "0123456789ABCDEF"[v & 15]; }

/* querystring.escape: encodeURIComponent's set; a lone surrogate is a
 * URIError as in node. */
static int escape_into(bk_js_ctx_t *ctx, bk_js_sb_t *sb, bk_js_str_t *s)
{
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = str_at(s, i);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') ||
            (c != 0 && c < 128 && strchr("-_.!~*'()", (int)c))) {
            bk_js__sb_putc(sb, c);
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
            bk_js__sb_putc(sb, '%');
            bk_js__sb_putc(sb, (uint32_t)hexdig(b[k] >> 4));
            bk_js__sb_putc(sb, (uint32_t)hexdig(b[k]));
        }
    }
    return BK_OK;
}

static int enc_value(bk_js_ctx_t *ctx, val_t fn, val_t v, bk_js_sb_t *sb)
{
    bk_js_str_t *s;
    if (v_is_str(v)) {
        s = v_str(v);
    } else if (v_is_num(v)) {
        double d = v_num(v);
        s = (d == d && d - d == 0) ? bk_js__num_to_str(ctx, d) : A(ctx, empty);
    } else if (v_is_bool(v)) {
        s = v == V_TRUE ? A(ctx, true_) : A(ctx, false_);
    } else {
        s = A(ctx, empty);
    }
    if (fn != V_UNDEF) {
        val_t arg = v_mkstr(s), r;
        bk_js_str_t *rs;
        if (bk_js__call(ctx, fn, V_UNDEF, 1, &arg, &r) != BK_OK ||
            bk_js__to_string(ctx, r, &rs) != BK_OK)
            return BK_ERR;
        bk_js__sb_str(sb, rs);
        return BK_OK;
    }
    return escape_into(ctx, sb, s);
}

static int qs_stringify(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    val_t obj = ARG(0);
    bk_js_str_t *sep = NULL, *eq = NULL;
    if (!v_is_nullish(ARG(1)) && bk_js__to_string(ctx, argv[1], &sep) != BK_OK)
        return BK_ERR;
    if (!v_is_nullish(ARG(2)) && bk_js__to_string(ctx, argv[2], &eq) != BK_OK)
        return BK_ERR;
    if (sep == NULL)
        sep = bk_js__str_cstr(ctx, "&");
    if (eq == NULL)
        eq = bk_js__str_cstr(ctx, "=");
    val_t enc = V_UNDEF;
    if (v_is_obj(ARG(3))) {
        val_t e;
        if (bk_js__get(ctx, argv[3], bk_js__atom_cstr(ctx, "encodeURIComponent"),
                       &e) != BK_OK)
            return BK_ERR;
        if (bk_js__is_callable(e))
            enc = e;
    }
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    if (!v_is_obj(obj)) {
        *ret = v_mkstr(A(ctx, empty));
        return BK_OK;
    }
    uint32_t n;
    val_t *keys = bk_js__own_keys(ctx, v_obj(obj), 1, 1, &n);
    int first = 1;
    for (uint32_t i = 0; i < n; i++) {
        val_t v;
        if (bk_js__get(ctx, obj, v_str(keys[i]), &v) != BK_OK)
            return BK_ERR;
        bk_js_sb_t ks;
        bk_js__sb_init(&ks, ctx);
        if (enc_value(ctx, enc, keys[i], &ks) != BK_OK)
            return BK_ERR;
        bk_js_str_t *k = bk_js__sb_done(&ks);
        if (v_is_obj(v) && v_obj(v)->cls == CLS_ARRAY) {
            double len;
            if (bk_js__length_of(ctx, v, &len) != BK_OK)
                return BK_ERR;
            for (uint32_t j = 0; j < len; j++) {
                val_t e;
                if (bk_js__get_index(ctx, v, j, &e) != BK_OK)
                    return BK_ERR;
                if (!first)
                    bk_js__sb_str(&sb, sep);
                first = 0;
                bk_js__sb_str(&sb, k);
                bk_js__sb_str(&sb, eq);
                if (enc_value(ctx, enc, e, &sb) != BK_OK)
                    return BK_ERR;
            }
            continue;
        }
        if (!first)
            bk_js__sb_str(&sb, sep);
        first = 0;
        bk_js__sb_str(&sb, k);
        bk_js__sb_str(&sb, eq);
        if (enc_value(ctx, enc, v, &sb) != BK_OK)
            return BK_ERR;
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static int qs_escape(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    if (escape_into(ctx, &sb, s) != BK_OK)
        return BK_ERR;
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static int qs_unescape(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    *ret = v_mkstr(unescape(ctx, s, 0, s->len, 0));
    return BK_OK;
}

static int qs_init(bk_js_ctx_t *ctx, void *data, val_t *exports)
{
    bk_js_obj_t *m = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    static const bk_js_method_t mm[] = {
        {"parse", qs_parse, 4, 0},
        {"stringify", qs_stringify, 4, 0},
        {"escape", qs_escape, 1, 0},
        {"unescape", qs_unescape, 1, 0},
    };
    bk_js__def_methods(ctx, m, mm, BK_COUNTOF(mm));
    bk_js_obj_t *b = bk_js__rd(ctx, m);
    bk_js__put_own(ctx, m, bk_js__atom_cstr(ctx, "decode"),
                   bk_js__find(b, bk_js__atom_cstr(ctx, "parse"))->v,
                   P_DEFAULT);
    b = bk_js__rd(ctx, m);
    bk_js__put_own(ctx, m, bk_js__atom_cstr(ctx, "encode"),
                   bk_js__find(b, bk_js__atom_cstr(ctx, "stringify"))->v,
                   P_DEFAULT);
    *exports = v_mkobj(m);
    return BK_OK;
}

void bk_js__install_querystring(bk_js_ctx_t *ctx)
{
    bk_js_module_t *m = bk_js__izalloc(ctx, sizeof(*m));
    m->name = bk_js__atom_cstr(ctx, "querystring");
    m->init = qs_init;
    m->next = ctx->prog->modules;
    ctx->prog->modules = m;
}
