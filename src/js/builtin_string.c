/*
 * builtin_string.c: String and String.prototype, with UTF-16 semantics
 * (indices and lengths count code units).
 *
 * Methods that take a pattern (split, replace, replaceAll, match, search)
 * handle string patterns here; for objects they call the pattern's
 * well-known method (RegExp.prototype[Symbol.split] and friends).
 */
#include <math.h>

#include "js/js_int.h"
#include "js/num.h"

static int this_str(bk_js_ctx_t *ctx, val_t this_val, bk_js_str_t **s)
{
    if (v_is_str(this_val)) {
        *s = v_str(this_val);
        return BK_OK;
    }
    if (v_is_nullish(this_val))
        return bk_js__type_error(ctx, "String.prototype method called on "
                                      "null or undefined");
    return bk_js__to_string(ctx, this_val, s);
}

static int arg_str(bk_js_ctx_t *ctx, val_t v, bk_js_str_t **s)
{
    if (BK_LIKELY(v_is_str(v))) {
        *s = v_str(v);
        return BK_OK;
    }
    return bk_js__to_string(ctx, v, s);
}

static int arg_int(bk_js_ctx_t *ctx, val_t v, double dflt, double *out)
{
    if (BK_LIKELY(v_is_num(v))) {
        /* ToIntegerOrInfinity of an int32 is itself (-0 becomes +0). */
        double d = v_num(v);
        if (d >= -2147483648.0 && d <= 2147483647.0 &&
            d == (double)(int32_t)d) {
            *out = (double)(int32_t)d;
            return BK_OK;
        }
    }
    if (v == V_UNDEF) {
        *out = dflt;
        return BK_OK;
    }
    if (bk_js__to_number(ctx, v, out) != BK_OK)
        return BK_ERR;
    *out = bk_js__to_integer(*out);
    return BK_OK;
}

static int String_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_str_t *s = A(ctx, empty);
    if (argc > 0) {
        if (ctx->new_target == V_UNDEF && v_is_sym(argv[0])) {
            bk_js_str_t *d = v_str(argv[0])->x.desc;
            bk_js_sb_t sb;
            bk_js__sb_init(&sb, ctx);
            bk_js__sb_cstr(&sb, "Symbol(");
            if (d)
                bk_js__sb_str(&sb, d);
            bk_js__sb_cstr(&sb, ")");
            *ret = v_mkstr(bk_js__sb_done(&sb));
            return BK_OK;
        }
        if (arg_str(ctx, argv[0], &s) != BK_OK)
            return BK_ERR;
    }
    if (ctx->new_target == V_UNDEF) {
        *ret = v_mkstr(s);
        return BK_OK;
    }
    bk_js_obj_t *o;
    if (bk_js__to_object(ctx, v_mkstr(s), &o) != BK_OK)
        return BK_ERR;
    *ret = v_mkobj(o);
    return BK_OK;
}

static int String_fromCharCode(bk_js_ctx_t *ctx, val_t this_val, int argc,
                               const val_t *argv, val_t *ret)
{
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    for (int i = 0; i < argc; i++) {
        double d;
        if (bk_js__to_number(ctx, argv[i], &d) != BK_OK)
            return BK_ERR;
        if (ctx->native_magic) {
            if (d != bk_js__to_integer(d) || d < 0 || d > 0x10FFFF) {
                char buf[64];
                bk_js__fmt_num(buf, sizeof(buf), d);
                return bk_js__range_error(ctx, "Invalid code point %s", buf);
            }
            uint32_t cp = (uint32_t)d;
            if (cp >= 0x10000) {
                cp -= 0x10000;
                bk_js__sb_putc(&sb, 0xD800 + (cp >> 10));
                bk_js__sb_putc(&sb, 0xDC00 + (cp & 0x3FF));
                continue;
            }
            bk_js__sb_putc(&sb, cp);
        } else {
            bk_js__sb_putc(&sb, bk_js_num_to_uint16(d));
        }
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static int String_raw(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_obj_t *cooked;
    if (bk_js__to_object(ctx, ARG(0), &cooked) != BK_OK)
        return BK_ERR;
    val_t raw;
    if (bk_js__get(ctx, v_mkobj(cooked), A(ctx, raw), &raw) != BK_OK)
        return BK_ERR;
    double len;
    if (bk_js__length_of(ctx, raw, &len) != BK_OK)
        return BK_ERR;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    for (uint32_t i = 0; i < len; i++) {
        val_t v;
        bk_js_str_t *s;
        if (bk_js__get_index(ctx, raw, i, &v) != BK_OK ||
            bk_js__to_string(ctx, v, &s) != BK_OK)
            return BK_ERR;
        bk_js__sb_str(&sb, s);
        if (i + 1 < len && (int)i + 1 < argc) {
            if (bk_js__to_string(ctx, argv[i + 1], &s) != BK_OK)
                return BK_ERR;
            bk_js__sb_str(&sb, s);
        }
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

/* magic: 0 charAt, 1 charCodeAt, 2 codePointAt, 3 at */
static int String_charAt(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    double i;
    int m = ctx->native_magic;
    if (this_str(ctx, this_val, &s) != BK_OK ||
        arg_int(ctx, ARG(0), 0, &i) != BK_OK)
        return BK_ERR;
    if (m == 3 && i < 0)
        i += s->len;
    if (i < 0 || i >= s->len) {
        *ret = m == 0 ? v_mkstr(A(ctx, empty)) : m == 1 ? V_NAN : V_UNDEF;
        return BK_OK;
    }
    uint32_t k = (uint32_t)i;
    uint32_t c = str_at(s, k);
    switch (m) {
    case 1:
        *ret = v_mknum(c);
        break;
    case 2:
        if (c >= 0xD800 && c < 0xDC00 && k + 1 < s->len) {
            uint32_t d = str_at(s, k + 1);
            if (d >= 0xDC00 && d < 0xE000)
                c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        }
        *ret = v_mknum(c);
        break;
    default:
        *ret = v_mkstr(bk_js__str_sub(ctx, s, k, k + 1));
    }
    return BK_OK;
}

/* magic: 0 indexOf, 1 lastIndexOf, 2 includes, 3 startsWith, 4 endsWith */
static int String_indexOf(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    bk_js_str_t *s, *p;
    int m = ctx->native_magic;
    if (this_str(ctx, this_val, &s) != BK_OK)
        return BK_ERR;
    if (m >= 2) {
        int isre = bk_js__is_regexp(ctx, ARG(0));
        if (isre < 0)
            return BK_ERR;
        if (isre)
            return bk_js__type_error(ctx, "First argument to String."
                                          "prototype method must not be a "
                                          "regular expression");
    }
    if (arg_str(ctx, ARG(0), &p) != BK_OK)
        return BK_ERR;
    double pos;
    uint32_t len = s->len;
    switch (m) {
    case 0:
    case 2: {
        if (arg_int(ctx, ARG(1), 0, &pos) != BK_OK)
            return BK_ERR;
        pos = BK_MIN(BK_MAX(pos, 0), len);
        int64_t r = bk_js__str_index_of(s, p, (uint32_t)pos);
        *ret = m == 0 ? v_mknum((double)r) : v_mkbool(r >= 0);
        return BK_OK;
    }
    case 1: {
        double d = NAN;
        if (ARG(1) != V_UNDEF && bk_js__to_number(ctx, argv[1], &d) != BK_OK)
            return BK_ERR;
        pos = d != d ? len : bk_js__to_integer(d);
        pos = BK_MIN(BK_MAX(pos, 0), len);
        int64_t r = -1;
        if (p->len <= len && p->len != 0 &&
            !((s->flags | p->flags) & STR_WIDE)) {
            /* 8-bit both: memrchr for the first unit, then the rest. */
            const uint8_t *h = s->d.u8, *pu = p->d.u8;
            size_t n = (size_t)BK_MIN(pos, (double)(len - p->len)) + 1;
            const uint8_t *q;
            while (n > 0 && (q = memrchr(h, pu[0], n)) != NULL) {
                if (memcmp(q + 1, pu + 1, p->len - 1) == 0) {
                    r = q - h;
                    break;
                }
                n = (size_t)(q - h);
            }
        } else if (p->len <= len) {
            for (int64_t i = (int64_t)BK_MIN(pos, (double)(len - p->len));
                 i >= 0; i--) {
                uint32_t k = 0;
                while (k < p->len && str_at(s, (uint32_t)i + k) == str_at(p, k))
                    k++;
                if (k == p->len) {
                    r = i;
                    break;
                }
            }
        }
        *ret = v_mknum((double)r);
        return BK_OK;
    }
    case 3: {
        if (arg_int(ctx, ARG(1), 0, &pos) != BK_OK)
            return BK_ERR;
        pos = BK_MIN(BK_MAX(pos, 0), len);
        uint32_t st = (uint32_t)pos;
        int ok = st + p->len <= len;
        for (uint32_t k = 0; ok && k < p->len; k++)
            ok = str_at(s, st + k) == str_at(p, k);
        *ret = v_mkbool(ok);
        return BK_OK;
    }
    default: {
        if (arg_int(ctx, ARG(1), len, &pos) != BK_OK)
            return BK_ERR;
        pos = BK_MIN(BK_MAX(pos, 0), len);
        uint32_t end = (uint32_t)pos;
        int ok = p->len <= end;
        for (uint32_t k = 0; ok && k < p->len; k++)
            ok = str_at(s, end - p->len + k) == str_at(p, k);
        *ret = v_mkbool(ok);
        return BK_OK;
    }
    }
}

/* magic: 0 slice, 1 substring, 2 substr */
static int String_slice(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (this_str(ctx, this_val, &s) != BK_OK)
        return BK_ERR;
    double len = s->len, a, b;
    int m = ctx->native_magic;
    if (arg_int(ctx, ARG(0), 0, &a) != BK_OK)
        return BK_ERR;
    if (m == 2) {
        if (arg_int(ctx, ARG(1), len, &b) != BK_OK)
            return BK_ERR;
        if (a < 0)
            a = BK_MAX(len + a, 0);
        a = BK_MIN(a, len);
        b = BK_MIN(BK_MAX(b, 0), len - a);
        *ret = v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)a,
                                      (uint32_t)(a + b)));
        return BK_OK;
    }
    if (arg_int(ctx, ARG(1), len, &b) != BK_OK)
        return BK_ERR;
    if (m == 0) {
        a = a < 0 ? BK_MAX(len + a, 0) : BK_MIN(a, len);
        b = b < 0 ? BK_MAX(len + b, 0) : BK_MIN(b, len);
        if (b < a)
            b = a;
    } else {
        a = BK_MIN(BK_MAX(a, 0), len);
        b = BK_MIN(BK_MAX(b, 0), len);
        if (b < a) {
            double t = a;
            a = b;
            b = t;
        }
    }
    *ret = v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)a, (uint32_t)b));
    return BK_OK;
}

/* Full Unicode case mapping (unicode.c): special casings, final sigma,
 * supplementary planes, as node. The locale forms are the same (no Intl). */
static int String_toUpperCase(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    bk_js_str_t *s, *r;
    if (this_str(ctx, this_val, &s) != BK_OK ||
        bk_js__str_case(ctx, s, ctx->native_magic, &r) != BK_OK)
        return BK_ERR;
    *ret = v_mkstr(r);
    return BK_OK;
}

/* magic: 0 trim, 1 trimStart, 2 trimEnd */
static int String_trim(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (this_str(ctx, this_val, &s) != BK_OK)
        return BK_ERR;
    uint32_t a = 0, b = s->len;
    int m = ctx->native_magic;
    if (m != 2)
        while (a < b && bk_js_num_is_space(str_at(s, a)))
            a++;
    if (m != 1)
        while (b > a && bk_js_num_is_space(str_at(s, b - 1)))
            b--;
    *ret = v_mkstr(bk_js__str_sub(ctx, s, a, b));
    return BK_OK;
}

/* magic: 0 padStart, 1 padEnd */
static int String_pad(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_str_t *s, *fill = NULL;
    double max;
    if (this_str(ctx, this_val, &s) != BK_OK ||
        arg_int(ctx, ARG(0), 0, &max) != BK_OK)
        return BK_ERR;
    if (ARG(1) != V_UNDEF && arg_str(ctx, argv[1], &fill) != BK_OK)
        return BK_ERR;
    if (fill == NULL)
        fill = bk_js__str_cstr(ctx, " ");
    if (max <= s->len || fill->len == 0) {
        *ret = v_mkstr(s);
        return BK_OK;
    }
    if (max > (1 << 29))
        return bk_js__range_error(ctx, "Invalid string length");
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    uint32_t need = (uint32_t)max - s->len;
    if (ctx->native_magic)
        bk_js__sb_str(&sb, s);
    for (uint32_t i = 0; i < need; i++)
        bk_js__sb_putc(&sb, str_at(fill, i % fill->len));
    if (!ctx->native_magic)
        bk_js__sb_str(&sb, s);
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static int String_repeat(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    double n;
    if (this_str(ctx, this_val, &s) != BK_OK ||
        arg_int(ctx, ARG(0), 0, &n) != BK_OK)
        return BK_ERR;
    if (n < 0 || isinf(n))
        return bk_js__range_error(ctx, "Invalid count value: %s",
                                  bk_js__describe(ctx, ARG(0)));
    if (s->len * n > (1 << 29))
        return bk_js__range_error(ctx, "Invalid string length");
    if (s->len == 0) {
        /* ''.repeat(2 ** 31 - 1) is '' at once, not 2^31 empty appends. */
        *ret = v_mkstr(A(ctx, empty));
        return BK_OK;
    }
    bk_js_str_t *r = A(ctx, empty);
    for (double i = 0; i < n; i++)
        r = bk_js__str_concat(ctx, r, s);
    *ret = v_mkstr(r);
    return BK_OK;
}

static int String_concat(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (this_str(ctx, this_val, &s) != BK_OK)
        return BK_ERR;
    for (int i = 0; i < argc; i++) {
        bk_js_str_t *t;
        if (arg_str(ctx, argv[i], &t) != BK_OK)
            return BK_ERR;
        s = bk_js__str_concat(ctx, s, t);
    }
    *ret = v_mkstr(s);
    return BK_OK;
}

/* For an object pattern: GetMethod(pat, @@sym) and, when there is one,
 * Call(method, pat, «O, args...»). 1 if called, 0 if there is no method
 * (or pat is not an object), BK_ERR if it threw. */
static int delegate(bk_js_ctx_t *ctx, val_t pat, int sym, val_t this_s,
                    int argc, const val_t *argv, val_t *ret)
{
    if (!v_is_obj(pat))
        return 0;
    val_t f;
    if (bk_js__get(ctx, pat, ctx->prog->sym[sym], &f) != BK_OK)
        return BK_ERR;
    if (v_is_nullish(f))
        return 0;
    if (!bk_js__is_callable(f))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, f));
    val_t args[2] = {this_s, argc > 1 ? argv[1] : V_UNDEF};
    if (bk_js__call(ctx, f, pat, sym == SYM_replace || sym == SYM_split ? 2
                                                                          : 1,
                    args, ret) != BK_OK)
        return BK_ERR;
    return 1;
}

/* For replaceAll and matchAll: a RegExp pattern must be global. */
static int require_global(bk_js_ctx_t *ctx, val_t pat, const char *what)
{
    int isre = bk_js__is_regexp(ctx, pat);
    if (isre <= 0)
        return isre;
    val_t f;
    bk_js_str_t *fs;
    if (bk_js__get(ctx, pat, bk_js__atom_cstr(ctx, "flags"), &f) != BK_OK)
        return BK_ERR;
    if (v_is_nullish(f))
        return bk_js__type_error(ctx, "%s: the RegExp's flags are %s", what,
                                 bk_js__describe(ctx, f));
    if (bk_js__to_string(ctx, f, &fs) != BK_OK)
        return BK_ERR;
    for (uint32_t i = 0; i < fs->len; i++)
        if (str_at(fs, i) == 'g')
            return BK_OK;
    return bk_js__type_error(ctx, "%s called with a non-global RegExp "
                                  "argument (flags must include 'g')",
                             what);
}

static int String_split(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    if (v_is_nullish(this_val))
        return bk_js__type_error(ctx, "String.prototype.split called on null "
                                      "or undefined");
    int d = delegate(ctx, ARG(0), SYM_split, this_val, argc, argv, ret);
    if (d != 0)
        return d < 0 ? BK_ERR : BK_OK;
    bk_js_str_t *s, *sep = NULL;
    if (this_str(ctx, this_val, &s) != BK_OK)
        return BK_ERR;
    double lim = 4294967295.0;
    if (ARG(1) != V_UNDEF) {
        if (bk_js__to_number(ctx, argv[1], &lim) != BK_OK)
            return BK_ERR;
        lim = (double)bk_js_num_to_uint32(lim);
    }
    if (ARG(0) != V_UNDEF && arg_str(ctx, argv[0], &sep) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *a = bk_js__array_new(ctx, 0);
    *ret = v_mkobj(a);
    if (lim == 0)
        return BK_OK;
    if (sep == NULL) {
        bk_js__array_push(ctx, a, v_mkstr(s));
        return BK_OK;
    }
    if (sep->len == 0) {
        for (uint32_t i = 0; i < s->len && i < lim; i++)
            bk_js__array_push(ctx, a, v_mkstr(bk_js__str_sub(ctx, s, i, i + 1)));
        return BK_OK;
    }
    uint32_t p = 0;
    for (;;) {
        int64_t q = bk_js__str_index_of(s, sep, p);
        if (q < 0)
            break;
        bk_js__array_push(ctx, a,
                          v_mkstr(bk_js__str_sub(ctx, s, p, (uint32_t)q)));
        if (bk_js__rd(ctx, a)->len >= lim)
            return BK_OK;
        p = (uint32_t)q + sep->len;
    }
    bk_js__array_push(ctx, a, v_mkstr(bk_js__str_sub(ctx, s, p, s->len)));
    return BK_OK;
}

/* GetSubstitution for string patterns: $$, $&, $`, $'. */
static void substitute(bk_js_sb_t *sb, bk_js_str_t *s, uint32_t pos,
                       bk_js_str_t *matched, bk_js_str_t *repl)
{
    for (uint32_t i = 0; i < repl->len; i++) {
        uint32_t c = str_at(repl, i);
        if (c == '$' && i + 1 < repl->len) {
            uint32_t d = str_at(repl, i + 1);
            if (d == '$') {
                bk_js__sb_putc(sb, '$');
                i++;
                continue;
            }
            if (d == '&') {
                bk_js__sb_str(sb, matched);
                i++;
                continue;
            }
            if (d == '`') {
                for (uint32_t k = 0; k < pos; k++)
                    bk_js__sb_putc(sb, str_at(s, k));
                i++;
                continue;
            }
            if (d == '\'') {
                for (uint32_t k = pos + matched->len; k < s->len; k++)
                    bk_js__sb_putc(sb, str_at(s, k));
                i++;
                continue;
            }
        }
        bk_js__sb_putc(sb, c);
    }
}

/* magic: 0 replace, 1 replaceAll */
static int String_replace(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    int all = ctx->native_magic;
    if (v_is_nullish(this_val))
        return bk_js__type_error(ctx, "String.prototype.%s called on null "
                                      "or undefined",
                                 all ? "replaceAll" : "replace");
    if (all && v_is_obj(ARG(0)) &&
        require_global(ctx, argv[0], "String.prototype.replaceAll") != BK_OK)
        return BK_ERR;
    int d = delegate(ctx, ARG(0), SYM_replace, this_val, argc, argv, ret);
    if (d != 0)
        return d < 0 ? BK_ERR : BK_OK;
    bk_js_str_t *s, *pat, *repl = NULL;
    if (this_str(ctx, this_val, &s) != BK_OK ||
        arg_str(ctx, ARG(0), &pat) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(1);
    int func = bk_js__is_callable(fn);
    if (!func && arg_str(ctx, fn, &repl) != BK_OK)
        return BK_ERR;
    int64_t q = bk_js__str_index_of(s, pat, 0);
    if (q < 0) {
        *ret = v_mkstr(s);
        return BK_OK;
    }
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    uint32_t p = 0, adv = pat->len ? pat->len : 1;
    while (q >= 0) {
        /* The next position first: the spec finds them all before it
         * calls a replacer (which cannot change s anyway). */
        int64_t nq = -1;
        if (all && (uint64_t)q + adv <= s->len)
            nq = bk_js__str_index_of(s, pat, (uint32_t)q + adv);
        for (uint32_t k = p; k < (uint32_t)q; k++)
            bk_js__sb_putc(&sb, str_at(s, k));
        if (func) {
            val_t args[3] = {v_mkstr(pat), v_mknum((double)q), v_mkstr(s)}, r;
            bk_js_str_t *rs;
            if (bk_js__call(ctx, fn, V_UNDEF, 3, args, &r) != BK_OK ||
                bk_js__to_string(ctx, r, &rs) != BK_OK)
                return BK_ERR;
            bk_js__sb_str(&sb, rs);
        } else {
            substitute(&sb, s, (uint32_t)q, pat, repl);
        }
        p = (uint32_t)q + pat->len;
        q = nq;
    }
    for (uint32_t k = p; k < s->len; k++)
        bk_js__sb_putc(&sb, str_at(s, k));
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

/* match / matchAll / search: the pattern's own method, else a new RegExp
 * made from it (RegExpCreate) and its method. */
static int String_match(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    static const int syms[] = {SYM_match, SYM_matchAll, SYM_search};
    static const char *const names[] = {"match", "matchAll", "search"};
    int m = ctx->native_magic;
    val_t pat = ARG(0);
    if (v_is_nullish(this_val))
        return bk_js__type_error(ctx, "String.prototype.%s called on null "
                                      "or undefined",
                                 names[m]);
    if (m == 1 && v_is_obj(pat) &&
        require_global(ctx, pat, "String.prototype.matchAll") != BK_OK)
        return BK_ERR;
    int d = delegate(ctx, pat, syms[m], this_val, 1, argv, ret);
    if (d != 0)
        return d < 0 ? BK_ERR : BK_OK;
    bk_js_str_t *s;
    val_t rx, f;
    if (this_str(ctx, this_val, &s) != BK_OK ||
        bk_js__regexp_create(ctx, pat,
                             m == 1 ? v_mkstr(bk_js__atom_cstr(ctx, "g"))
                                    : V_UNDEF,
                             &rx) != BK_OK ||
        bk_js__get(ctx, rx, ctx->prog->sym[syms[m]], &f) != BK_OK)
        return BK_ERR;
    val_t arg = v_mkstr(s);
    return bk_js__call(ctx, f, rx, 1, &arg, ret);
}

static int String_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    if (v_is_str(this_val)) {
        *ret = this_val;
        return BK_OK;
    }
    if (v_is_obj(this_val) && v_obj(this_val)->cls == CLS_STRING) {
        *ret = v_obj(this_val)->u.prim;
        return BK_OK;
    }
    return bk_js__type_error(ctx, "String.prototype.toString requires that "
                                  "'this' be a String");
}

static int String_localeCompare(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                const val_t *argv, val_t *ret)
{
    bk_js_str_t *s, *t;
    if (this_str(ctx, this_val, &s) != BK_OK ||
        arg_str(ctx, ARG(0), &t) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(bk_js__str_cmp(s, t));
    return BK_OK;
}

static int String_normalize(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    bk_js_str_t *s, *f, *r;
    if (this_str(ctx, this_val, &s) != BK_OK)
        return BK_ERR;
    int form = 0;
    if (ARG(0) != V_UNDEF) {
        static const char *const forms[] = {"NFC", "NFD", "NFKC", "NFKD"};
        if (bk_js__to_string(ctx, ARG(0), &f) != BK_OK)
            return BK_ERR;
        for (form = 0; form < 4; form++) {
            const char *n = forms[form];
            size_t k = strlen(n);
            uint32_t i = 0;
            if (f->len != k)
                continue;
            while (i < k && str_at(f, i) == (uint8_t)n[i])
                i++;
            if (i == k)
                break;
        }
        if (form == 4)
            return bk_js__range_error(ctx, "The normalization form should be "
                                           "one of NFC, NFD, NFKC, NFKD.");
    }
    if (bk_js__str_normalize(ctx, s, form, &r) != BK_OK)
        return BK_ERR;
    *ret = v_mkstr(r);
    return BK_OK;
}

static int String_iterator(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (this_str(ctx, this_val, &s) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *it = bk_js__obj_new(ctx, CLS_ITER,
                                     ctx->prog->proto[PROTO_ARRAY_ITER]);
    it->u.it.target = v_mkstr(s);
    it->u.it.i = 0;
    *ret = v_mkobj(it);
    return BK_OK;
}

void bk_js__install_string(bk_js_ctx_t *ctx)
{
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_STRING];
    bk_js_obj_t *w = bk_js__wr(ctx, proto);
    w->cls = CLS_STRING;
    w->u.prim = v_mkstr(A(ctx, empty));
    bk_js__put_own(ctx, proto, A(ctx, length), v_mknum(0), 0);
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "String", String_ctor, 1, proto);
    static const bk_js_method_t statics[] = {
        {"fromCharCode", String_fromCharCode, 1, 0},
        {"fromCodePoint", String_fromCharCode, 1, 1},
        {"raw", String_raw, 1, 0},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    static const bk_js_method_t methods[] = {
        {"charAt", String_charAt, 1, 0},
        {"charCodeAt", String_charAt, 1, 1},
        {"codePointAt", String_charAt, 1, 2},
        {"at", String_charAt, 1, 3},
        {"indexOf", String_indexOf, 1, 0},
        {"lastIndexOf", String_indexOf, 1, 1},
        {"includes", String_indexOf, 1, 2},
        {"startsWith", String_indexOf, 1, 3},
        {"endsWith", String_indexOf, 1, 4},
        {"slice", String_slice, 2, 0},
        {"substring", String_slice, 2, 1},
        {"substr", String_slice, 2, 2},
        {"toUpperCase", String_toUpperCase, 0, 1},
        {"toLowerCase", String_toUpperCase, 0, 0},
        {"toLocaleUpperCase", String_toUpperCase, 0, 1},
        {"toLocaleLowerCase", String_toUpperCase, 0, 0},
        {"trim", String_trim, 0, 0},
        {"trimStart", String_trim, 0, 1},
        {"trimEnd", String_trim, 0, 2},
        {"trimLeft", String_trim, 0, 1},
        {"trimRight", String_trim, 0, 2},
        {"padStart", String_pad, 2, 0},
        {"padEnd", String_pad, 2, 1},
        {"repeat", String_repeat, 1, 0},
        {"concat", String_concat, 1, 0},
        {"split", String_split, 2, 0},
        {"replace", String_replace, 2, 0},
        {"match", String_match, 1, 0},
        {"matchAll", String_match, 1, 1},
        {"search", String_match, 1, 2},
        {"toString", String_toString, 0, 0},
        {"valueOf", String_toString, 0, 0},
        {"localeCompare", String_localeCompare, 1, 0},
        {"normalize", String_normalize, 0, 0},
        {"@iterator", String_iterator, 0, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    if (ctx->prog->runtime != BK_JS_RUNTIME_1_0) {
        static const bk_js_method_t m2[] = {
            {"replaceAll", String_replace, 2, 1},
        };
        bk_js__def_methods(ctx, proto, m2, BK_COUNTOF(m2));
    }
}
