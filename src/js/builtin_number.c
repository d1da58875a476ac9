/*
 * builtin_number.c: Number, its prototype, parseInt/parseFloat and Math.
 * Formatting and parsing are num.h's (exact, V8-compatible).
 */
#include <math.h>
#include <stdio.h>

#include "js/js_int.h"
#include "js/num.h"

static bk_js_str_t *ascii(bk_js_ctx_t *ctx, const char *s, size_t n)
{
    return bk_js__str_new8(ctx, (const uint8_t *)s, (uint32_t)n);
}

static int Number_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    double d = 0;
    if (argc > 0 && bk_js__to_number(ctx, argv[0], &d) != BK_OK)
        return BK_ERR;
    if (ctx->new_target == V_UNDEF) {
        *ret = v_mknum(d);
        return BK_OK;
    }
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_NUMBER];
    val_t p;
    if (v_is_obj(ctx->new_target) &&
        bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &p) == BK_OK &&
        v_is_obj(p))
        proto = v_obj(p);
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_NUMBER, proto);
    o->u.prim = v_mknum(d);
    *ret = v_mkobj(o);
    return BK_OK;
}

static int this_num(bk_js_ctx_t *ctx, val_t v, double *d)
{
    *d = 0;
    if (v_is_num(v)) {
        *d = v_num(v);
        return BK_OK;
    }
    if (v_is_obj(v) && v_obj(v)->cls == CLS_NUMBER) {
        *d = v_num(v_obj(v)->u.prim);
        return BK_OK;
    }
    return bk_js__type_error(ctx, "Number.prototype method requires that "
                                  "'this' be a Number");
}

static int Number_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    double d = 0, r = 10;
    if (this_num(ctx, this_val, &d) != BK_OK)
        return BK_ERR;
    if (ARG(0) != V_UNDEF) {
        if (bk_js__to_number(ctx, argv[0], &r) != BK_OK)
            return BK_ERR;
        r = bk_js__to_integer(r);
        if (r < 2 || r > 36)
            return bk_js__range_error(ctx, "toString() radix must be between "
                                           "2 and 36");
    }
    char buf[BK_JS_NUM_BUF];
    size_t n = r == 10 ? bk_js_num_to_str(d, buf)
                       : bk_js_num_to_radix(d, (int)r, buf);
    *ret = v_mkstr(ascii(ctx, buf, n));
    return BK_OK;
}

static int Number_valueOf(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    double d = 0;
    if (this_num(ctx, this_val, &d) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(d);
    return BK_OK;
}

/* magic: 0 toFixed, 1 toExponential, 2 toPrecision */
static int Number_toFixed(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    double d = 0, p = 0;
    int m = ctx->native_magic;
    if (this_num(ctx, this_val, &d) != BK_OK)
        return BK_ERR;
    if (m == 2 && ARG(0) == V_UNDEF)
        return Number_toString(ctx, this_val, 0, NULL, ret);
    if (bk_js__to_number(ctx, ARG(0), &p) != BK_OK)
        return BK_ERR;
    p = bk_js__to_integer(p);
    char buf[BK_JS_NUM_BUF];
    size_t n;
    /* toFixed checks its argument before the value (the others after). */
    if (m == 0 && (p < 0 || p > 100))
        return bk_js__range_error(ctx, "toFixed() digits argument must be "
                                       "between 0 and 100");
    if (!isfinite(d)) {
        n = bk_js_num_to_str(d, buf);
    } else if (m == 0) {
        if (fabs(d) >= 1e21)
            n = bk_js_num_to_str(d, buf);
        else
            n = bk_js_num_to_fixed(d, (int)p, buf);
    } else if (m == 1) {
        if (p < 0 || p > 100)
            return bk_js__range_error(ctx, "toExponential() argument must be "
                                           "between 0 and 100");
        n = bk_js_num_to_exponential(d, ARG(0) == V_UNDEF ? -1 : (int)p, buf);
    } else {
        if (p < 1 || p > 100)
            return bk_js__range_error(ctx, "toPrecision() argument must be "
                                           "between 1 and 100");
        n = bk_js_num_to_precision(d, (int)p, buf);
    }
    *ret = v_mkstr(ascii(ctx, buf, n));
    return BK_OK;
}

/* magic: 0 isFinite, 1 isInteger, 2 isNaN, 3 isSafeInteger */
static int Number_isFinite(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    val_t v = ARG(0);
    if (!v_is_num(v)) {
        *ret = V_FALSE;
        return BK_OK;
    }
    double d = v_num(v);
    switch (ctx->native_magic) {
    case 0: *ret = v_mkbool(isfinite(d)); break;
    case 1: *ret = v_mkbool(isfinite(d) && trunc(d) == d); break;
    case 2: *ret = v_mkbool(d != d); break;
    default:
        *ret = v_mkbool(isfinite(d) && trunc(d) == d &&
                        fabs(d) <= 9007199254740991.0);
    }
    return BK_OK;
}

static int parse_float(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    double d = (s->flags & STR_WIDE)
                   ? bk_js_num_parse_float_utf16(s->d.u16, s->len)
                   : bk_js_num_parse_float_latin1(s->d.u8, s->len);
    *ret = v_mknum(d);
    return BK_OK;
}

static int parse_int(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    double r = 0;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    if (ARG(1) != V_UNDEF && bk_js__to_number(ctx, argv[1], &r) != BK_OK)
        return BK_ERR;
    int32_t radix = bk_js_num_to_int32(r);
    double d = (s->flags & STR_WIDE)
                   ? bk_js_num_parse_int_utf16(s->d.u16, s->len, radix)
                   : bk_js_num_parse_int_latin1(s->d.u8, s->len, radix);
    *ret = v_mknum(d);
    return BK_OK;
}

/* ---- Math --------------------------------------------------------------- */

enum {
    M_ABS, M_ACOS, M_ACOSH, M_ASIN, M_ASINH, M_ATAN, M_ATANH, M_CBRT, M_CEIL,
    M_COS, M_COSH, M_EXP, M_EXPM1, M_FLOOR, M_FROUND, M_LOG, M_LOG1P,
    M_LOG10, M_LOG2, M_ROUND, M_SIGN, M_SIN, M_SINH, M_SQRT, M_TAN, M_TANH,
    M_TRUNC, M_CLZ32
};

static double js_round(double d)
{
    if (!isfinite(d) || d == 0)
        return d;
    if (d > 0 && d < 0.5)
        return 0.0;
    if (d < 0 && d >= -0.5)
        return -0.0;
    double f = floor(d);
    return d - f >= 0.5 ? f + 1 : f;
}

static int Math_fn1(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    double x;
    if (bk_js__to_number(ctx, ARG(0), &x) != BK_OK)
        return BK_ERR;
    double r;
    switch (ctx->native_magic) {
    case M_ABS: r = fabs(x); break;
    case M_ACOS: r = acos(x); break;
    case M_ACOSH: r = acosh(x); break;
    case M_ASIN: r = asin(x); break;
    case M_ASINH: r = asinh(x); break;
    case M_ATAN: r = atan(x); break;
    case M_ATANH: r = atanh(x); break;
    case M_CBRT:
        r = cbrt(x);
        if (isfinite(r) && round(r) * round(r) * round(r) == x)
            r = round(r); /* glibc is 1 ulp off on some exact cubes */
        break;
    case M_CEIL: r = ceil(x); break;
    case M_COS: r = cos(x); break;
    case M_COSH: r = cosh(x); break;
    case M_EXP: r = exp(x); break;
    case M_EXPM1: r = expm1(x); break;
    case M_FLOOR: r = floor(x); break;
    case M_FROUND: r = (double)(float)x; break;
    case M_LOG: r = log(x); break;
    case M_LOG1P: r = log1p(x); break;
    case M_LOG10: r = log10(x); break;
    case M_LOG2: r = log2(x); break;
    case M_ROUND: r = js_round(x); break;
    case M_SIGN: r = x > 0 ? 1 : x < 0 ? -1 : x; break;
    case M_SIN: r = sin(x); break;
    case M_SINH: r = sinh(x); break;
    case M_SQRT: r = sqrt(x); break;
    case M_TAN: r = tan(x); break;
    case M_TANH: r = tanh(x); break;
    case M_TRUNC: r = trunc(x); break;
    default: {
        uint32_t u = bk_js_num_to_uint32(x);
        r = u ? __builtin_clz(u) : 32;
    }
    }
    *ret = v_mknum(r);
    return BK_OK;
}

/* magic: 0 max, 1 min, 2 hypot */
static int Math_max(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    int m = ctx->native_magic;
    double r = m == 0 ? -INFINITY : m == 1 ? INFINITY : 0;
    int nan = 0, inf = 0;
    for (int i = 0; i < argc; i++) {
        double x;
        if (bk_js__to_number(ctx, argv[i], &x) != BK_OK)
            return BK_ERR;
        if (x != x) {
            nan = 1;
            continue;
        }
        if (m == 2) {
            if (isinf(x))
                inf = 1;
            r = hypot(r, x);
        } else if (m == 0) {
            if (x > r || (x == 0 && r == 0 && !signbit(x)))
                r = x;
        } else if (x < r || (x == 0 && r == 0 && signbit(x))) {
            r = x;
        }
    }
    *ret = inf ? v_mknum(INFINITY) : nan ? V_NAN : v_mknum(r);
    return BK_OK;
}

/* magic: 0 pow, 1 atan2, 2 imul */
static int Math_fn2(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    double x, y;
    if (bk_js__to_number(ctx, ARG(0), &x) != BK_OK ||
        bk_js__to_number(ctx, ARG(1), &y) != BK_OK)
        return BK_ERR;
    switch (ctx->native_magic) {
    case 0:
        if (y != y || ((x == 1 || x == -1) && isinf(y)))
            *ret = V_NAN;
        else
            *ret = v_mknum(pow(x, y));
        break;
    case 1:
        *ret = v_mknum(atan2(x, y));
        break;
    default:
        *ret = v_mknum((int32_t)((uint32_t)bk_js_num_to_int32(x) *
                                 (uint32_t)bk_js_num_to_int32(y)));
    }
    return BK_OK;
}

/* xorshift64*, seeded per invocation (bk_js_begin). */
static int Math_random(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    uint64_t x = ctx->rng ? ctx->rng : 0x2545F4914F6CDD1Dull;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    ctx->rng = x;
    uint64_t r = x * 0x2545F4914F6CDD1Dull;
    *ret = v_mknum((double)(r >> 11) / 9007199254740992.0);
    return BK_OK;
}

void bk_js__install_number(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->proto[PROTO_NUMBER];
    bk_js__wr(ctx, proto)->cls = CLS_NUMBER;
    bk_js__wr(ctx, proto)->u.prim = v_mknum(0);
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "Number", Number_ctor, 1, proto);
    static const bk_js_method_t methods[] = {
        {"toString", Number_toString, 1, 0},
        {"toLocaleString", Number_toString, 0, 0},
        {"valueOf", Number_valueOf, 0, 0},
        {"toFixed", Number_toFixed, 1, 0},
        {"toExponential", Number_toFixed, 1, 1},
        {"toPrecision", Number_toFixed, 1, 2},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    static const bk_js_method_t statics[] = {
        {"isFinite", Number_isFinite, 1, 0},
        {"isInteger", Number_isFinite, 1, 1},
        {"isNaN", Number_isFinite, 1, 2},
        {"isSafeInteger", Number_isFinite, 1, 3},
        {"parseFloat", parse_float, 1, 0},
        {"parseInt", parse_int, 2, 0},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    bk_js__def_value(ctx, c, "EPSILON", v_mknum(2.220446049250313e-16), 0);
    bk_js__def_value(ctx, c, "MAX_SAFE_INTEGER", v_mknum(9007199254740991.0),
                     0);
    bk_js__def_value(ctx, c, "MIN_SAFE_INTEGER", v_mknum(-9007199254740991.0),
                     0);
    bk_js__def_value(ctx, c, "MAX_VALUE", v_mknum(1.7976931348623157e308), 0);
    bk_js__def_value(ctx, c, "MIN_VALUE", v_mknum(5e-324), 0);
    bk_js__def_value(ctx, c, "NaN", V_NAN, 0);
    bk_js__def_value(ctx, c, "POSITIVE_INFINITY", v_mknum(INFINITY), 0);
    bk_js__def_value(ctx, c, "NEGATIVE_INFINITY", v_mknum(-INFINITY), 0);
    /* The globals are the same function objects as Number's. */
    bk_js__def_value(ctx, P->global, "parseFloat",
                     bk_js__find(bk_js__rd(ctx, c),
                                 bk_js__atom_cstr(ctx, "parseFloat"))->v,
                     P_WRITABLE | P_CONFIGURABLE);
    bk_js__def_value(ctx, P->global, "parseInt",
                     bk_js__find(bk_js__rd(ctx, c),
                                 bk_js__atom_cstr(ctx, "parseInt"))->v,
                     P_WRITABLE | P_CONFIGURABLE);

    bk_js_obj_t *m = bk_js__obj_new(ctx, CLS_OBJECT, P->proto[PROTO_OBJECT]);
    static const bk_js_method_t mm[] = {
        {"abs", Math_fn1, 1, M_ABS},       {"acos", Math_fn1, 1, M_ACOS},
        {"acosh", Math_fn1, 1, M_ACOSH},   {"asin", Math_fn1, 1, M_ASIN},
        {"asinh", Math_fn1, 1, M_ASINH},   {"atan", Math_fn1, 1, M_ATAN},
        {"atanh", Math_fn1, 1, M_ATANH},   {"cbrt", Math_fn1, 1, M_CBRT},
        {"ceil", Math_fn1, 1, M_CEIL},     {"cos", Math_fn1, 1, M_COS},
        {"cosh", Math_fn1, 1, M_COSH},     {"exp", Math_fn1, 1, M_EXP},
        {"expm1", Math_fn1, 1, M_EXPM1},   {"floor", Math_fn1, 1, M_FLOOR},
        {"fround", Math_fn1, 1, M_FROUND}, {"log", Math_fn1, 1, M_LOG},
        {"log1p", Math_fn1, 1, M_LOG1P},   {"log10", Math_fn1, 1, M_LOG10},
        {"log2", Math_fn1, 1, M_LOG2},     {"round", Math_fn1, 1, M_ROUND},
        {"sign", Math_fn1, 1, M_SIGN},     {"sin", Math_fn1, 1, M_SIN},
        {"sinh", Math_fn1, 1, M_SINH},     {"sqrt", Math_fn1, 1, M_SQRT},
        {"tan", Math_fn1, 1, M_TAN},       {"tanh", Math_fn1, 1, M_TANH},
        {"trunc", Math_fn1, 1, M_TRUNC},   {"clz32", Math_fn1, 1, M_CLZ32},
        {"max", Math_max, 2, 0},           {"min", Math_max, 2, 1},
        {"hypot", Math_max, 2, 2},         {"pow", Math_fn2, 2, 0},
        {"atan2", Math_fn2, 2, 1},         {"imul", Math_fn2, 2, 2},
        {"random", Math_random, 0, 0},
    };
    bk_js__def_methods(ctx, m, mm, BK_COUNTOF(mm));
    static const struct {
        const char *n;
        double v;
    } k[] = {{"E", M_E},          {"LN10", M_LN10},       {"LN2", M_LN2},
             {"LOG10E", M_LOG10E}, {"LOG2E", M_LOG2E},    {"PI", M_PI},
             {"SQRT1_2", M_SQRT1_2}, {"SQRT2", M_SQRT2}};
    for (size_t i = 0; i < BK_COUNTOF(k); i++)
        bk_js__def_value(ctx, m, k[i].n, v_mknum(k[i].v), 0);
    if (P->sym[SYM_toStringTag])
        bk_js__put_own(ctx, m, P->sym[SYM_toStringTag],
                       v_mkstr(bk_js__atom_cstr(ctx, "Math")), P_CONFIGURABLE);
    bk_js__def_value(ctx, P->global, "Math", v_mkobj(m),
                     P_WRITABLE | P_CONFIGURABLE);
}
