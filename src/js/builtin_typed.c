/*
 * builtin_typed.c: ArrayBuffer, the nine typed arrays, DataView, and
 * TextEncoder/TextDecoder (2.0).
 *
 * An ArrayBuffer is a CLS_ARRAYBUFFER object over a bk_js_bytes_t; a typed
 * array (CLS_TYPED) is a view {buffer object, byte offset, length, kind}
 * whose indexed elements object.c reads and writes through
 * bk_js__typed_get/_set. Bytes are little-endian (the host order of every
 * machine brink runs on). A template buffer's bytes are copied on the
 * first write in an invocation, like any object body.
 *
 * Most prototype methods reuse Array.prototype's generic algorithms (they
 * only need length and indexed access); map/filter/slice/subarray/set/sort
 * and the constructors are here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "js/js_int.h"

enum { T_I8, T_U8, T_U8C, T_I16, T_U16, T_I32, T_U32, T_F32, T_F64, T__N };

static const char *const tnames[T__N] = {
    "Int8Array",  "Uint8Array",  "Uint8ClampedArray",
    "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float32Array", "Float64Array"};
static const uint8_t tsize[T__N] = {1, 1, 1, 2, 2, 4, 4, 4, 8};

typedef struct {
    bk_js_obj_t *buffer; /* CLS_ARRAYBUFFER */
    uint32_t offset, length;
    uint8_t kind;
} typed_t;


/* ---- element access --------------------------------------------------- */

static const bk_js_bytes_t *ab_bytes(bk_js_ctx_t *ctx, bk_js_obj_t *ab)
{
    return bk_js__rd(ctx, ab)->u.data;
}

static double load(const uint8_t *p, int kind)
{
    switch (kind) {
    case T_I8: return (int8_t)p[0];
    case T_U8:
    case T_U8C: return p[0];
    case T_I16: { int16_t v; memcpy(&v, p, 2); return v; }
    case T_U16: { uint16_t v; memcpy(&v, p, 2); return v; }
    case T_I32: { int32_t v; memcpy(&v, p, 4); return v; }
    case T_U32: { uint32_t v; memcpy(&v, p, 4); return v; }
    case T_F32: { float v; memcpy(&v, p, 4); return v; }
    default: { double v; memcpy(&v, p, 8); return v; }
    }
}

static void store(uint8_t *p, int kind, double d)
{
    switch (kind) {
    case T_I8:
    case T_U8: p[0] = (uint8_t)bk_js__to_int32(d); break;
    case T_U8C: {
        double c = d != d ? 0 : d < 0 ? 0 : d > 255 ? 255 : d;
        double f = floor(c);
        /* round half to even */
        if (c - f > 0.5 || (c - f == 0.5 && fmod(f, 2) != 0))
            f += 1;
        p[0] = (uint8_t)f;
        break;
    }
    case T_I16:
    case T_U16: { uint16_t v = (uint16_t)bk_js__to_int32(d); memcpy(p, &v, 2); break; }
    case T_I32:
    case T_U32: { uint32_t v = (uint32_t)bk_js__to_int32(d); memcpy(p, &v, 4); break; }
    case T_F32: { float v = (float)d; memcpy(p, &v, 4); break; }
    default: memcpy(p, &d, 8); break;
    }
}

int bk_js__typed_get(bk_js_ctx_t *ctx, bk_js_obj_t *body, uint32_t i,
                     val_t *out)
{
    typed_t *t = body->u.data;
    if (i >= t->length) {
        *out = V_UNDEF;
        return 0;
    }
    const bk_js_bytes_t *b = ab_bytes(ctx, t->buffer);
    *out = v_mknum(load(b->p + t->offset + (size_t)i * tsize[t->kind],
                        t->kind));
    return 1;
}

int bk_js__typed_set(bk_js_ctx_t *ctx, bk_js_obj_t *o, uint32_t i, val_t v)
{
    double d;
    if (bk_js__to_number(ctx, v, &d) != BK_OK)
        return BK_ERR;
    typed_t *t = bk_js__rd(ctx, o)->u.data;
    if (i >= t->length)
        return BK_OK;
    bk_js_bytes_t *b = bk_js__wr(ctx, t->buffer)->u.data;
    store(b->p + t->offset + (size_t)i * tsize[t->kind], t->kind, d);
    return BK_OK;
}

uint32_t bk_js__typed_length(bk_js_obj_t *body)
{
    return ((typed_t *)body->u.data)->length;
}

/* ---- ArrayBuffer ------------------------------------------------------ */

static bk_js_obj_t *ab_new(bk_js_ctx_t *ctx, uint32_t n)
{
    if (n > (1u << 26))
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_ARRAYBUFFER,
                                    ctx->prog->proto[PROTO_ARRAYBUFFER]);
    bk_js_bytes_t *b = bk_js__ialloc(ctx, sizeof(*b));
    b->p = bk_js__izalloc(ctx, n ? n : 1);
    b->len = n;
    o->u.data = b;
    bk_js__charge(ctx, 4 + (n >> 4));
    return o;
}

static int to_index(bk_js_ctx_t *ctx, val_t v, double *out)
{
    double d = 0;
    if (v != V_UNDEF && bk_js__to_number(ctx, v, &d) != BK_OK)
        return BK_ERR;
    d = bk_js__to_integer(d);
    if (d < 0 || d > 9007199254740991.0)
        return bk_js__range_error(ctx, "Invalid array length");
    *out = d;
    return BK_OK;
}

static int ArrayBuffer_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    if (ctx->new_target == V_UNDEF)
        return bk_js__type_error(ctx, "Constructor ArrayBuffer requires "
                                      "'new'");
    double n;
    if (to_index(ctx, ARG(0), &n) != BK_OK)
        return BK_ERR;
    if (n > (1 << 26))
        return bk_js__range_error(ctx, "Array buffer allocation failed");
    *ret = v_mkobj(ab_new(ctx, (uint32_t)n));
    return BK_OK;
}

static int this_ab(bk_js_ctx_t *ctx, val_t v, const bk_js_bytes_t **b)
{
    *b = NULL;
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_ARRAYBUFFER)
        return bk_js__type_error(ctx, "Receiver is not an ArrayBuffer");
    *b = ab_bytes(ctx, v_obj(v));
    return BK_OK;
}

static int ArrayBuffer_byteLength(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                  const val_t *argv, val_t *ret)
{
    const bk_js_bytes_t *b;
    if (this_ab(ctx, this_val, &b) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(b->len);
    return BK_OK;
}

static int rel(bk_js_ctx_t *ctx, val_t v, double len, double dflt,
               double *out)
{
    double d = dflt;
    if (v != V_UNDEF) {
        if (bk_js__to_number(ctx, v, &d) != BK_OK)
            return BK_ERR;
        d = bk_js__to_integer(d);
    }
    *out = d < 0 ? BK_MAX(len + d, 0) : BK_MIN(d, len);
    return BK_OK;
}

static int ArrayBuffer_slice(bk_js_ctx_t *ctx, val_t this_val, int argc,
                             const val_t *argv, val_t *ret)
{
    const bk_js_bytes_t *b;
    double a, e;
    if (this_ab(ctx, this_val, &b) != BK_OK ||
        rel(ctx, ARG(0), b->len, 0, &a) != BK_OK ||
        rel(ctx, ARG(1), b->len, b->len, &e) != BK_OK)
        return BK_ERR;
    uint32_t n = e > a ? (uint32_t)(e - a) : 0;
    bk_js_obj_t *r = ab_new(ctx, n);
    memcpy(((bk_js_bytes_t *)r->u.data)->p, b->p + (uint32_t)a, n);
    *ret = v_mkobj(r);
    return BK_OK;
}

static int ArrayBuffer_isView(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    *ret = v_mkbool(v_is_obj(ARG(0)) && (v_obj(argv[0])->cls == CLS_TYPED ||
                                         v_obj(argv[0])->cls == CLS_DATAVIEW));
    return BK_OK;
}

/* ---- typed arrays ----------------------------------------------------- */

static bk_js_obj_t *typed_new(bk_js_ctx_t *ctx, int kind, bk_js_obj_t *ab,
                              uint32_t offset, uint32_t length,
                              bk_js_obj_t *proto)
{
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_TYPED,
                                    proto ? proto : ctx->prog->typed_proto[kind]);
    typed_t *t = bk_js__ialloc(ctx, sizeof(*t));
    t->buffer = ab;
    t->offset = offset;
    t->length = length;
    t->kind = (uint8_t)kind;
    o->u.data = t;
    return o;
}

static int this_typed(bk_js_ctx_t *ctx, val_t v, typed_t **t)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_TYPED)
        return bk_js__type_error(ctx, "this is not a typed array.");
    *t = bk_js__rd(ctx, v_obj(v))->u.data;
    return BK_OK;
}

static int typed_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    int kind = ctx->native_magic;
    if (ctx->new_target == V_UNDEF)
        return bk_js__type_error(ctx, "Constructor %s requires 'new'",
                                 tnames[kind]);
    bk_js_obj_t *proto = ctx->prog->typed_proto[kind];
    val_t pp;
    if (v_is_obj(ctx->new_target) &&
        bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &pp) == BK_OK &&
        v_is_obj(pp))
        proto = v_obj(pp);
    val_t a0 = ARG(0);
    unsigned es = tsize[kind];
    if (!v_is_obj(a0)) {
        double n;
        if (to_index(ctx, a0, &n) != BK_OK)
            return BK_ERR;
        if (n * es > (1 << 26))
            return bk_js__range_error(ctx, "Invalid typed array length: %g",
                                      n);
        *ret = v_mkobj(typed_new(ctx, kind, ab_new(ctx, (uint32_t)n * es), 0,
                                 (uint32_t)n, proto));
        return BK_OK;
    }
    bk_js_obj_t *src = v_obj(a0);
    if (src->cls == CLS_ARRAYBUFFER) {
        const bk_js_bytes_t *b = ab_bytes(ctx, src);
        double off, len;
        if (to_index(ctx, ARG(1), &off) != BK_OK)
            return BK_ERR;
        if (fmod(off, es) != 0)
            return bk_js__range_error(ctx, "start offset of %s should be a "
                                           "multiple of %u",
                                      tnames[kind], es);
        if (ARG(2) == V_UNDEF) {
            if (b->len % es)
                return bk_js__range_error(ctx, "byte length of %s should be "
                                               "a multiple of %u",
                                          tnames[kind], es);
            if (off > b->len)
                return bk_js__range_error(ctx, "Start offset %g is outside "
                                               "the bounds of the buffer",
                                          off);
            len = (b->len - off) / es;
        } else {
            if (to_index(ctx, argv[2], &len) != BK_OK)
                return BK_ERR;
            if (off + len * es > b->len)
                return bk_js__range_error(ctx, "Invalid typed array length: "
                                               "%g",
                                          len);
        }
        *ret = v_mkobj(typed_new(ctx, kind, src, (uint32_t)off,
                                 (uint32_t)len, proto));
        return BK_OK;
    }
    /* From an array-like or iterable: copy the values. */
    val_t list = a0;
    if (src->cls != CLS_TYPED && src->cls != CLS_ARRAY &&
        ctx->prog->sym[SYM_iterator]) {
        val_t f;
        if (bk_js__get(ctx, a0, ctx->prog->sym[SYM_iterator], &f) != BK_OK)
            return BK_ERR;
        if (bk_js__is_callable(f)) {
            val_t it, next, v;
            bk_js_obj_t *arr = bk_js__array_new(ctx, 0);
            if (bk_js__get_iterator(ctx, a0, &it, &next) != BK_OK)
                return BK_ERR;
            for (;;) {
                int r = bk_js__iter_step(ctx, it, next, &v);
                if (r < 0)
                    return BK_ERR;
                if (r == 0)
                    break;
                bk_js__array_push(ctx, arr, v);
            }
            list = v_mkobj(arr);
        }
    }
    double n;
    if (bk_js__length_of(ctx, list, &n) != BK_OK)
        return BK_ERR;
    if (n * es > (1 << 26))
        return bk_js__range_error(ctx, "Invalid typed array length: %g", n);
    bk_js_obj_t *o = typed_new(ctx, kind, ab_new(ctx, (uint32_t)n * es), 0,
                               (uint32_t)n, proto);
    for (uint32_t i = 0; i < n; i++) {
        val_t v;
        if (bk_js__get_index(ctx, list, i, &v) != BK_OK ||
            bk_js__typed_set(ctx, o, i, v) != BK_OK)
            return BK_ERR;
    }
    *ret = v_mkobj(o);
    return BK_OK;
}

/* getters: magic 0 length, 1 byteLength, 2 byteOffset, 3 buffer,
 * 4 @@toStringTag */
static int typed_prop(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    if (ctx->native_magic == 4) {
        *ret = v_is_obj(this_val) && v_obj(this_val)->cls == CLS_TYPED
                   ? v_mkstr(bk_js__atom_cstr(
                         ctx, tnames[((typed_t *)bk_js__rd(ctx,
                                                           v_obj(this_val))
                                          ->u.data)
                                         ->kind]))
                   : V_UNDEF;
        return BK_OK;
    }
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    switch (ctx->native_magic) {
    case 0: *ret = v_mknum(t->length); break;
    case 1: *ret = v_mknum((double)t->length * tsize[t->kind]); break;
    case 2: *ret = v_mknum(t->offset); break;
    default: *ret = v_mkobj(t->buffer); break;
    }
    return BK_OK;
}

static int typed_subarray(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    typed_t *t;
    double a, e;
    if (this_typed(ctx, this_val, &t) != BK_OK ||
        rel(ctx, ARG(0), t->length, 0, &a) != BK_OK ||
        rel(ctx, ARG(1), t->length, t->length, &e) != BK_OK)
        return BK_ERR;
    uint32_t n = e > a ? (uint32_t)(e - a) : 0;
    if (ctx->native_magic) { /* slice: a copy */
        bk_js_obj_t *o = typed_new(ctx, t->kind,
                                   ab_new(ctx, n * tsize[t->kind]), 0, n,
                                   NULL);
        const bk_js_bytes_t *b = ab_bytes(ctx, t->buffer);
        memcpy(((bk_js_bytes_t *)bk_js__rd(ctx, ((typed_t *)o->u.data)
                                                    ->buffer)
                    ->u.data)
                   ->p,
               b->p + t->offset + (uint32_t)a * tsize[t->kind],
               (size_t)n * tsize[t->kind]);
        *ret = v_mkobj(o);
        return BK_OK;
    }
    *ret = v_mkobj(typed_new(ctx, t->kind, t->buffer,
                             t->offset + (uint32_t)a * tsize[t->kind], n,
                             bk_js__proto_of(ctx, v_obj(this_val))));
    return BK_OK;
}

static int typed_set_m(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    double off = 0;
    if (ARG(1) != V_UNDEF) {
        if (bk_js__to_number(ctx, argv[1], &off) != BK_OK)
            return BK_ERR;
        off = bk_js__to_integer(off);
        if (off < 0)
            return bk_js__range_error(ctx, "offset is out of bounds");
    }
    val_t src = ARG(0);
    double n;
    if (!v_is_obj(src))
        return bk_js__type_error(ctx, "invalid_argument");
    if (bk_js__length_of(ctx, src, &n) != BK_OK)
        return BK_ERR;
    if (off + n > t->length)
        return bk_js__range_error(ctx, "offset is out of bounds");
    /* Read everything first: source and target may share a buffer. */
    val_t *vals = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(val_t));
    for (uint32_t i = 0; i < n; i++)
        if (bk_js__get_index(ctx, src, i, &vals[i]) != BK_OK)
            return BK_ERR;
    for (uint32_t i = 0; i < n; i++)
        if (bk_js__typed_set(ctx, v_obj(this_val), (uint32_t)off + i,
                             vals[i]) != BK_OK)
            return BK_ERR;
    *ret = V_UNDEF;
    return BK_OK;
}

/* map (0) and filter (1): results of the same kind. */
static int typed_map(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(0);
    if (!bk_js__is_callable(fn))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, fn));
    uint32_t n = t->length, k = 0;
    val_t *out = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(val_t));
    for (uint32_t i = 0; i < n; i++) {
        val_t v, r;
        bk_js__typed_get(ctx, bk_js__rd(ctx, v_obj(this_val)), i, &v);
        val_t args[3] = {v, v_mknum(i), this_val};
        if (bk_js__call(ctx, fn, ARG(1), 3, args, &r) != BK_OK)
            return BK_ERR;
        if (ctx->native_magic == 0)
            out[k++] = r;
        else if (bk_js__truthy(r))
            out[k++] = v;
    }
    bk_js_obj_t *o = typed_new(ctx, t->kind, ab_new(ctx, k * tsize[t->kind]),
                               0, k, NULL);
    for (uint32_t i = 0; i < k; i++)
        if (bk_js__typed_set(ctx, o, i, out[i]) != BK_OK)
            return BK_ERR;
    *ret = v_mkobj(o);
    return BK_OK;
}

static int num_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    if (x != x)
        return y != y ? 0 : 1;
    if (y != y)
        return -1;
    if (x < y)
        return -1;
    if (x > y)
        return 1;
    return signbit(x) && !signbit(y) ? -1 : !signbit(x) && signbit(y);
}

static int typed_sort(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    if (ARG(0) != V_UNDEF) {
        /* A comparator: the generic (stable) sort. */
        val_t f;
        if (bk_js__get(ctx, v_mkobj(ctx->prog->proto[PROTO_ARRAY]),
                       bk_js__atom_cstr(ctx, "sort"), &f) != BK_OK)
            return BK_ERR;
        return bk_js__call(ctx, f, this_val, argc, argv, ret);
    }
    uint32_t n = t->length;
    double *d = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(double));
    for (uint32_t i = 0; i < n; i++) {
        val_t v;
        bk_js__typed_get(ctx, bk_js__rd(ctx, v_obj(this_val)), i, &v);
        d[i] = v_num(v);
    }
    qsort(d, n, sizeof(double), num_cmp);
    for (uint32_t i = 0; i < n; i++)
        if (bk_js__typed_set(ctx, v_obj(this_val), i, v_mknum(d[i])) != BK_OK)
            return BK_ERR;
    *ret = this_val;
    return BK_OK;
}

static int typed_from(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    int kind = ctx->native_magic;
    val_t src = ARG(0), fn = ARG(1);
    if (ctx->native_magic >= 16) { /* of */
        kind -= 16;
        bk_js_obj_t *arr = bk_js__array_from(ctx, argv, (uint32_t)argc);
        src = v_mkobj(arr);
        fn = V_UNDEF;
    }
    if (fn != V_UNDEF) {
        val_t amap;
        if (bk_js__get(ctx, v_mkobj(ctx->prog->proto[PROTO_ARRAY]),
                       bk_js__atom_cstr(ctx, "map"), &amap) != BK_OK)
            return BK_ERR;
        bk_js_obj_t *tmp;
        val_t arr;
        val_t fa[1] = {src};
        /* Array.from semantics for iterables, then map */
        bk_js_prop_t *p = bk_js__find(
            bk_js__rd(ctx, v_obj(bk_js__find(bk_js__rd(ctx, ctx->prog->global),
                                             bk_js__atom_cstr(ctx, "Array"))
                                     ->v)),
            bk_js__atom_cstr(ctx, "from"));
        if (bk_js__call(ctx, p->v, V_UNDEF, 1, fa, &arr) != BK_OK)
            return BK_ERR;
        val_t margs[2] = {fn, ARG(2)};
        if (bk_js__call(ctx, amap, arr, 2, margs, &arr) != BK_OK)
            return BK_ERR;
        (void)tmp;
        src = arr;
    }
    val_t nt = ctx->new_target;
    ctx->new_target = v_mkobj(ctx->native_callee);
    ctx->native_magic = kind;
    val_t a[1] = {src};
    int rc = typed_ctor(ctx, V_UNDEF, 1, a, ret);
    ctx->new_target = nt;
    return rc;
}

/* ---- DataView ---------------------------------------------------------- */

typedef struct {
    bk_js_obj_t *buffer;
    uint32_t offset, length;
} dview_t;

static int DataView_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    if (ctx->new_target == V_UNDEF)
        return bk_js__type_error(ctx, "Constructor DataView requires 'new'");
    if (!v_is_obj(ARG(0)) || v_obj(argv[0])->cls != CLS_ARRAYBUFFER)
        return bk_js__type_error(ctx, "First argument to DataView "
                                      "constructor must be an ArrayBuffer");
    const bk_js_bytes_t *b = ab_bytes(ctx, v_obj(argv[0]));
    double off, len;
    if (to_index(ctx, ARG(1), &off) != BK_OK)
        return BK_ERR;
    if (off > b->len)
        return bk_js__range_error(ctx, "Start offset %g is outside the bounds "
                                       "of the buffer",
                                  off);
    if (ARG(2) == V_UNDEF) {
        len = b->len - off;
    } else {
        if (to_index(ctx, argv[2], &len) != BK_OK)
            return BK_ERR;
        if (off + len > b->len)
            return bk_js__range_error(ctx, "Invalid DataView length %g", len);
    }
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_DATAVIEW,
                                    ctx->prog->proto[PROTO_DATAVIEW]);
    dview_t *d = bk_js__ialloc(ctx, sizeof(*d));
    d->buffer = v_obj(argv[0]);
    d->offset = (uint32_t)off;
    d->length = (uint32_t)len;
    o->u.data = d;
    *ret = v_mkobj(o);
    return BK_OK;
}

/* get/set: magic = kind, +16 for set. */
static int DataView_access(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val) || v_obj(this_val)->cls != CLS_DATAVIEW)
        return bk_js__type_error(ctx, "Receiver is not a DataView");
    dview_t *d = bk_js__rd(ctx, v_obj(this_val))->u.data;
    int set = ctx->native_magic >= 16, kind = ctx->native_magic & 15;
    double idx, v = 0;
    if (to_index(ctx, ARG(0), &idx) != BK_OK)
        return BK_ERR;
    if (set && bk_js__to_number(ctx, ARG(1), &v) != BK_OK)
        return BK_ERR;
    int little = bk_js__truthy(set ? ARG(2) : ARG(1));
    unsigned es = tsize[kind];
    if (idx + es > d->length)
        return bk_js__range_error(ctx, "Offset is outside the bounds of the "
                                       "DataView");
    uint8_t tmp[8];
    if (set) {
        store(tmp, kind, v);
        if (!little)
            for (unsigned i = 0; i < es / 2; i++) {
                uint8_t x = tmp[i];
                tmp[i] = tmp[es - 1 - i];
                tmp[es - 1 - i] = x;
            }
        bk_js_bytes_t *b = bk_js__wr(ctx, d->buffer)->u.data;
        memcpy(b->p + d->offset + (uint32_t)idx, tmp, es);
        *ret = V_UNDEF;
        return BK_OK;
    }
    const bk_js_bytes_t *b = ab_bytes(ctx, d->buffer);
    memcpy(tmp, b->p + d->offset + (uint32_t)idx, es);
    if (!little)
        for (unsigned i = 0; i < es / 2; i++) {
            uint8_t x = tmp[i];
            tmp[i] = tmp[es - 1 - i];
            tmp[es - 1 - i] = x;
        }
    *ret = v_mknum(load(tmp, kind));
    return BK_OK;
}

static int DataView_prop(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val) || v_obj(this_val)->cls != CLS_DATAVIEW)
        return bk_js__type_error(ctx, "Receiver is not a DataView");
    dview_t *d = bk_js__rd(ctx, v_obj(this_val))->u.data;
    *ret = ctx->native_magic == 0   ? v_mknum(d->length)
           : ctx->native_magic == 1 ? v_mknum(d->offset)
                                    : v_mkobj(d->buffer);
    return BK_OK;
}

/* ---- TextEncoder / TextDecoder ------------------------------------------ */

static int TextEncoder_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    if (ctx->new_target == V_UNDEF)
        return bk_js__type_error(ctx, "Constructor TextEncoder requires "
                                      "'new'");
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                    bk_js__rd(ctx, ctx->native_callee)->u.n.data);
    *ret = v_mkobj(o);
    return BK_OK;
}

static int TextEncoder_encode(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    bk_js_str_t *s = A(ctx, empty);
    if (ARG(0) != V_UNDEF && bk_js__to_string(ctx, argv[0], &s) != BK_OK)
        return BK_ERR;
    size_t n;
    char *u = bk_js__str_to_utf8(ctx, s, &n);
    if (ctx->native_magic == 1) { /* encodeInto(s, u8) */
        val_t dst = ARG(1);
        if (!v_is_obj(dst) || v_obj(dst)->cls != CLS_TYPED)
            return bk_js__type_error(ctx, "The \"dest\" argument must be an "
                                          "instance of Uint8Array.");
        typed_t *t = bk_js__rd(ctx, v_obj(dst))->u.data;
        /* whole characters only */
        uint32_t read = 0, written = 0;
        size_t at = 0;
        for (uint32_t i = 0; i < s->len; i++) {
            uint32_t c = str_at(s, i);
            int units = 1;
            if (c >= 0xD800 && c < 0xDC00 && i + 1 < s->len &&
                str_at(s, i + 1) >= 0xDC00 && str_at(s, i + 1) < 0xE000)
                units = 2;
            size_t bl = c < 0x80 ? 1 : c < 0x800 ? 2 : units == 2 ? 4 : 3;
            if (written + bl > t->length)
                break;
            for (size_t k = 0; k < bl; k++)
                if (bk_js__typed_set(ctx, v_obj(dst), written + (uint32_t)k,
                                     v_mknum((uint8_t)u[at + k])) != BK_OK)
                    return BK_ERR;
            at += bl;
            written += (uint32_t)bl;
            read += (uint32_t)units;
            i += (uint32_t)units - 1;
        }
        bk_js_obj_t *r = bk_js__obj_new(ctx, CLS_OBJECT,
                                        ctx->prog->proto[PROTO_OBJECT]);
        bk_js__put_own(ctx, r, bk_js__atom_cstr(ctx, "read"), v_mknum(read),
                       P_DEFAULT);
        bk_js__put_own(ctx, r, bk_js__atom_cstr(ctx, "written"),
                       v_mknum(written), P_DEFAULT);
        *ret = v_mkobj(r);
        return BK_OK;
    }
    bk_js_obj_t *ab = ab_new(ctx, (uint32_t)n);
    memcpy(((bk_js_bytes_t *)ab->u.data)->p, u, n);
    *ret = v_mkobj(typed_new(ctx, T_U8, ab, 0, (uint32_t)n, NULL));
    return BK_OK;
}

static int TextDecoder_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    if (ctx->new_target == V_UNDEF)
        return bk_js__type_error(ctx, "Constructor TextDecoder requires "
                                      "'new'");
    if (ARG(0) != V_UNDEF) {
        bk_js_str_t *e;
        if (bk_js__to_string(ctx, argv[0], &e) != BK_OK)
            return BK_ERR;
        char *e8 = bk_js__str_to_utf8(ctx, e, NULL);
        if (strcasecmp(e8, "utf-8") != 0 && strcasecmp(e8, "utf8") != 0)
            return bk_js__range_error(ctx, "The \"%s\" encoding is not "
                                           "supported",
                                      e8);
    }
    int fatal = 0, ignore_bom = 0;
    if (v_is_obj(ARG(1))) {
        val_t f, b;
        if (bk_js__get(ctx, argv[1], bk_js__atom_cstr(ctx, "fatal"), &f) !=
                BK_OK ||
            bk_js__get(ctx, argv[1], bk_js__atom_cstr(ctx, "ignoreBOM"), &b) !=
                BK_OK)
            return BK_ERR;
        fatal = bk_js__truthy(f);
        ignore_bom = bk_js__truthy(b);
    }
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                    bk_js__rd(ctx, ctx->native_callee)->u.n.data);
    bk_js__put_own(ctx, o, bk_js__atom_cstr(ctx, "encoding"),
                   v_mkstr(bk_js__atom_cstr(ctx, "utf-8")), P_ENUMERABLE);
    bk_js__put_own(ctx, o, bk_js__atom_cstr(ctx, "fatal"), v_mkbool(fatal),
                   P_ENUMERABLE);
    bk_js__put_own(ctx, o, bk_js__atom_cstr(ctx, "ignoreBOM"),
                   v_mkbool(ignore_bom), P_ENUMERABLE);
    *ret = v_mkobj(o);
    return BK_OK;
}

static int TextDecoder_decode(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    val_t src = ARG(0);
    const uint8_t *p = (const uint8_t *)"";
    uint32_t n = 0;
    if (v_is_obj(src)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(src));
        if (b->cls == CLS_TYPED) {
            typed_t *t = b->u.data;
            p = ab_bytes(ctx, t->buffer)->p + t->offset;
            n = t->length * tsize[t->kind];
        } else if (b->cls == CLS_ARRAYBUFFER) {
            p = ((bk_js_bytes_t *)b->u.data)->p;
            n = ((bk_js_bytes_t *)b->u.data)->len;
        } else if (b->cls == CLS_BUFFER) {
            p = ((bk_js_bytes_t *)b->u.data)->p;
            n = ((bk_js_bytes_t *)b->u.data)->len;
        } else if (b->cls == CLS_DATAVIEW) {
            dview_t *d = b->u.data;
            p = ab_bytes(ctx, d->buffer)->p + d->offset;
            n = d->length;
        } else {
            return bk_js__type_error(ctx, "The \"input\" argument must be an "
                                          "instance of ArrayBuffer or "
                                          "ArrayBufferView");
        }
    }
    val_t fv, bv;
    if (bk_js__get(ctx, this_val, bk_js__atom_cstr(ctx, "fatal"), &fv) !=
            BK_OK ||
        bk_js__get(ctx, this_val, bk_js__atom_cstr(ctx, "ignoreBOM"), &bv) !=
            BK_OK)
        return BK_ERR;
    if (!bk_js__truthy(bv) && n >= 3 && p[0] == 0xEF && p[1] == 0xBB &&
        p[2] == 0xBF) {
        p += 3;
        n -= 3;
    }
    bk_js_str_t *s = bk_js__str_utf8(ctx, (const char *)p, n);
    if (bk_js__truthy(fv)) {
        /* fatal: a replacement character that was not in the input */
        size_t m;
        char *back = bk_js__str_to_utf8(ctx, s, &m);
        if (m != n || memcmp(back, p, n) != 0)
            return bk_js__type_error(ctx, "The encoded data was not valid for "
                                          "encoding utf-8");
    }
    *ret = v_mkstr(s);
    return BK_OK;
}

/* %TypedArray%: the abstract constructor every typed array constructor
 * inherits from; calling it throws. */
static int TypedArray_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    return bk_js__type_error(ctx, "Abstract class TypedArray not directly "
                                  "constructable");
}

/* ---- installation ----------------------------------------------------- */

void bk_js__install_typed(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *abp = P->proto[PROTO_ARRAYBUFFER];
    bk_js_obj_t *abc = bk_js__def_ctor(ctx, "ArrayBuffer", ArrayBuffer_ctor,
                                       1, abp);
    static const bk_js_method_t abs[] = {{"isView", ArrayBuffer_isView, 1, 0}};
    bk_js__def_methods(ctx, abc, abs, 1);
    static const bk_js_method_t abm[] = {{"slice", ArrayBuffer_slice, 2, 0}};
    bk_js__def_methods(ctx, abp, abm, 1);
    bk_js__def_getter(ctx, abp, bk_js__atom_cstr(ctx, "byteLength"),
                      ArrayBuffer_byteLength);
    bk_js__put_own(ctx, abp, P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, "ArrayBuffer")),
                   P_CONFIGURABLE);

    /* %TypedArray%.prototype: shared methods; Array's generic ones. */
    bk_js_obj_t *tap = P->proto[PROTO_TYPED];
    static const char *const generic[] = {
        "join", "indexOf", "lastIndexOf", "includes", "forEach", "every",
        "some", "find", "findIndex", "findLast", "findLastIndex", "reduce",
        "reduceRight", "reverse", "fill", "copyWithin", "at", "keys",
        "values", "entries", "toLocaleString"};
    bk_js_obj_t *ap = bk_js__rd(ctx, P->proto[PROTO_ARRAY]);
    for (size_t i = 0; i < BK_COUNTOF(generic); i++) {
        bk_js_prop_t *p = bk_js__find(ap, bk_js__atom_cstr(ctx, generic[i]));
        if (p != NULL)
            bk_js__put_own(ctx, tap, bk_js__atom_cstr(ctx, generic[i]), p->v,
                           P_WRITABLE | P_CONFIGURABLE);
        ap = bk_js__rd(ctx, P->proto[PROTO_ARRAY]);
    }
    bk_js_prop_t *vals = bk_js__find(bk_js__rd(ctx, tap),
                                     bk_js__atom_cstr(ctx, "values"));
    bk_js__put_own(ctx, tap, P->sym[SYM_iterator], vals->v,
                   P_WRITABLE | P_CONFIGURABLE);
    bk_js_prop_t *ts = bk_js__find(bk_js__rd(ctx, P->proto[PROTO_ARRAY]),
                                   A(ctx, toString));
    bk_js__put_own(ctx, tap, A(ctx, toString), ts->v,
                   P_WRITABLE | P_CONFIGURABLE);
    static const bk_js_method_t tm[] = {
        {"subarray", typed_subarray, 2, 0},
        {"slice", typed_subarray, 2, 1},
        {"set", typed_set_m, 1, 0},
        {"map", typed_map, 1, 0},
        {"filter", typed_map, 1, 1},
        {"sort", typed_sort, 1, 0},
    };
    bk_js__def_methods(ctx, tap, tm, BK_COUNTOF(tm));
    static const char *const props[] = {"length", "byteLength", "byteOffset",
                                        "buffer"};
    for (int i = 0; i < 4; i++) {
        bk_js_str_t *k = bk_js__atom_cstr(ctx, props[i]);
        bk_js_obj_t *f = bk_js__native_new(ctx, k, typed_prop, 0, i);
        bk_js__put_accessor(ctx, tap, k, v_mkobj(f), V_UNDEF, P_CONFIGURABLE);
    }
    bk_js_obj_t *tag = bk_js__native_new(
        ctx, bk_js__atom_cstr(ctx, "get [Symbol.toStringTag]"), typed_prop, 0,
        4);
    bk_js__put_accessor(ctx, tap, P->sym[SYM_toStringTag], v_mkobj(tag),
                        V_UNDEF, P_CONFIGURABLE);
    bk_js_obj_t *ta = bk_js__native_new(ctx, bk_js__atom_cstr(ctx,
                                                              "TypedArray"),
                                        TypedArray_ctor, 0, 0);
    ta->flags |= OF_CTOR;
    bk_js__put_own(ctx, ta, A(ctx, prototype), v_mkobj(tap), 0);
    bk_js__put_own(ctx, tap, A(ctx, constructor), v_mkobj(ta),
                   P_WRITABLE | P_CONFIGURABLE);
    for (int k = 0; k < T__N; k++) {
        bk_js_obj_t *proto = bk_js__obj_new(ctx, CLS_OBJECT, tap);
        ctx->prog->typed_proto[k] = proto;
        bk_js_obj_t *c = bk_js__def_ctor(ctx, tnames[k], typed_ctor, 3, proto);
        bk_js__wr(ctx, c)->proto = ta;
        bk_js__wr(ctx, c)->u.n.magic = k;
        bk_js__def_value(ctx, c, "BYTES_PER_ELEMENT", v_mknum(tsize[k]), 0);
        bk_js__def_value(ctx, proto, "BYTES_PER_ELEMENT", v_mknum(tsize[k]), 0);
        bk_js_method_t fm[] = {{"from", typed_from, 1, (int16_t)k},
                               {"of", typed_from, 0, (int16_t)(k + 16)}};
        bk_js__def_methods(ctx, c, fm, 2);
    }

    bk_js_obj_t *dvp = P->proto[PROTO_DATAVIEW];
    bk_js_obj_t *dvc = bk_js__def_ctor(ctx, "DataView", DataView_ctor, 1, dvp);
    if (P->runtime == BK_JS_RUNTIME_1_0) {
        /* DataView is a 2.0 addition (reference 6.2) */
        int ok;
        (void)dvc;
        if (bk_js__delete(ctx, P->global, bk_js__atom_cstr(ctx, "DataView"),
                          &ok) != BK_OK)
            ctx->has_exc = 0;
    }
    static const char *const dn[T__N] = {"Int8", "Uint8", NULL, "Int16",
                                         "Uint16", "Int32", "Uint32",
                                         "Float32", "Float64"};
    for (int k = 0; k < T__N; k++) {
        if (dn[k] == NULL)
            continue;
        char name[32];
        snprintf(name, sizeof(name), "get%s", dn[k]);
        bk_js_method_t g[] = {{name, DataView_access, 1, (int16_t)k}};
        bk_js__def_methods(ctx, dvp, g, 1);
        snprintf(name, sizeof(name), "set%s", dn[k]);
        bk_js_method_t s[] = {{name, DataView_access, 2, (int16_t)(k + 16)}};
        bk_js__def_methods(ctx, dvp, s, 1);
    }
    static const char *const dprops[] = {"byteLength", "byteOffset", "buffer"};
    for (int i = 0; i < 3; i++) {
        bk_js_str_t *k = bk_js__atom_cstr(ctx, dprops[i]);
        bk_js_obj_t *f = bk_js__native_new(ctx, k, DataView_prop, 0, i);
        bk_js__put_accessor(ctx, dvp, k, v_mkobj(f), V_UNDEF, P_CONFIGURABLE);
    }

    if (P->runtime != BK_JS_RUNTIME_1_0) {
        bk_js_obj_t *tep = bk_js__obj_new(ctx, CLS_OBJECT,
                                          P->proto[PROTO_OBJECT]);
        bk_js_obj_t *tec = bk_js__def_ctor(ctx, "TextEncoder", TextEncoder_ctor,
                                           0, tep);
        bk_js__wr(ctx, tec)->u.n.data = tep;
        static const bk_js_method_t em[] = {
            {"encode", TextEncoder_encode, 1, 0},
            {"encodeInto", TextEncoder_encode, 2, 1},
        };
        bk_js__def_methods(ctx, tep, em, BK_COUNTOF(em));
        bk_js__def_value(ctx, tep, "encoding",
                         v_mkstr(bk_js__atom_cstr(ctx, "utf-8")),
                         P_CONFIGURABLE);
        bk_js_obj_t *tdp = bk_js__obj_new(ctx, CLS_OBJECT,
                                          P->proto[PROTO_OBJECT]);
        bk_js_obj_t *tdc = bk_js__def_ctor(ctx, "TextDecoder", TextDecoder_ctor,
                                           0, tdp);
        bk_js__wr(ctx, tdc)->u.n.data = tdp;
        static const bk_js_method_t dm[] = {
            {"decode", TextDecoder_decode, 1, 0},
        };
        bk_js__def_methods(ctx, tdp, dm, BK_COUNTOF(dm));
    }
}
