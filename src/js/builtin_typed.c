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
 * The prototype methods are %TypedArray%'s own, over the view's internal
 * length and bytes (a `length` property is never read); map, filter,
 * slice and subarray build their result with the species constructor
 * (TypedArraySpeciesCreate), from/of with their `this`. Runtime 1.0 gets
 * copyWithin, fill, join, set, slice, subarray and toString only
 * (reference 6.2). node's Buffer (builtin_buffer.c) is a Uint8Array whose
 * prototype chain install_typed links in.
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

typedef struct {
    bk_js_obj_t *buffer; /* CLS_ARRAYBUFFER */
    uint32_t offset, length;
} dview_t;


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
    /* GetPrototypeFromConstructor(newTarget, %ArrayBuffer.prototype%) */
    bk_js_obj_t *proto = NULL;
    val_t nt = ctx->new_target, pp;
    if (v_is_obj(nt) && v_obj(nt) != ctx->native_callee) {
        if (bk_js__get(ctx, nt, A(ctx, prototype), &pp) != BK_OK)
            return BK_ERR;
        if (v_is_obj(pp))
            proto = v_obj(pp);
    }
    if (n > (1 << 26))
        return bk_js__range_error(ctx, "Array buffer allocation failed");
    bk_js_obj_t *o = ab_new(ctx, (uint32_t)n);
    if (proto)
        o->proto = proto;
    *ret = v_mkobj(o);
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

/* slice(start, end): a copy, made by the species constructor. */
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
    /* %ArrayBuffer%, kept in the method's data at install */
    val_t dflt = v_mkobj(bk_js__rd(ctx, ctx->native_callee)->u.n.data), c;
    if (bk_js__species_ctor(ctx, this_val, dflt, &c) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *r;
    if (c == dflt) {
        r = ab_new(ctx, n);
    } else {
        val_t nv = v_mknum(n), rv;
        if (bk_js__construct(ctx, c, 1, &nv, c, &rv) != BK_OK)
            return BK_ERR;
        if (!v_is_obj(rv) || v_obj(rv)->cls != CLS_ARRAYBUFFER)
            return bk_js__type_error(ctx, "Receiver is not an ArrayBuffer");
        if (rv == this_val)
            return bk_js__type_error(ctx, "ArrayBuffer subclass returned "
                                          "this from species constructor");
        r = v_obj(rv);
        if (ab_bytes(ctx, r)->len < n)
            return bk_js__type_error(ctx, "Species constructor returned a "
                                          "too small ArrayBuffer");
    }
    b = ab_bytes(ctx, v_obj(this_val)); /* the constructor may have run JS */
    bk_js_bytes_t *d = bk_js__wr(ctx, r)->u.data;
    if (n)
        memcpy(d->p, b->p + (uint32_t)a, n);
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

/* A new typed array of n zeroed elements (n already range-checked). */
static bk_js_obj_t *typed_alloc(bk_js_ctx_t *ctx, int kind, uint32_t n,
                                bk_js_obj_t *proto)
{
    return typed_new(ctx, kind, ab_new(ctx, n * tsize[kind]), 0, n, proto);
}

bk_js_obj_t *bk_js__typed_u8(bk_js_ctx_t *ctx, bk_js_obj_t *ab, uint32_t off,
                             uint32_t n, bk_js_obj_t *proto)
{
    return typed_new(ctx, T_U8, ab ? ab : ab_new(ctx, n), off, n, proto);
}

uint8_t *bk_js__view_bytes(bk_js_ctx_t *ctx, val_t v, int wr, uint32_t *n,
                           bk_js_obj_t **abp, uint32_t *offp)
{
    if (!v_is_obj(v))
        return NULL;
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(v)), *ab;
    uint32_t off, len;
    if (b->cls == CLS_TYPED) {
        typed_t *t = b->u.data;
        ab = t->buffer;
        off = t->offset;
        len = t->length * tsize[t->kind];
    } else if (b->cls == CLS_DATAVIEW) {
        dview_t *d = b->u.data;
        ab = d->buffer;
        off = d->offset;
        len = d->length;
    } else if (b->cls == CLS_ARRAYBUFFER) {
        ab = v_obj(v);
        off = 0;
        len = ((bk_js_bytes_t *)b->u.data)->len;
    } else {
        return NULL;
    }
    bk_js_bytes_t *by = (wr ? bk_js__wr(ctx, ab) : bk_js__rd(ctx, ab))->u.data;
    *n = len;
    if (abp)
        *abp = ab;
    if (offp)
        *offp = off;
    return by->p + off;
}

static int this_typed(bk_js_ctx_t *ctx, val_t v, typed_t **t)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_TYPED)
        return bk_js__type_error(ctx, "this is not a typed array.");
    *t = bk_js__rd(ctx, v_obj(v))->u.data;
    return BK_OK;
}

/* Element i of a typed array known to be in range (as a number value). */
static val_t elem(bk_js_ctx_t *ctx, bk_js_obj_t *o, uint32_t i)
{
    val_t v;
    bk_js__typed_get(ctx, bk_js__rd(ctx, o), i, &v);
    return v;
}

/* The bytes of a view, for reading or (copied on write) writing. */
static uint8_t *tbytes(bk_js_ctx_t *ctx, const typed_t *t, int wr)
{
    bk_js_obj_t *b = wr ? bk_js__wr(ctx, t->buffer) : bk_js__rd(ctx, t->buffer);
    return ((bk_js_bytes_t *)b->u.data)->p + t->offset;
}

/* The typed array kind 'c' is the intrinsic constructor of, or -1. */
static int intrinsic_kind(bk_js_ctx_t *ctx, val_t c)
{
    if (!v_is_obj(c))
        return -1;
    for (int k = 0; k < T__N; k++)
        if (v_obj(c) == ctx->prog->typed_ctor[k])
            return k;
    return -1;
}

/* TypedArrayCreate(c, args): new c(...args), which must give a typed
 * array, at least args[0] long when args is one number. */
static int typed_create(bk_js_ctx_t *ctx, val_t c, int argc, const val_t *argv,
                        bk_js_obj_t **out)
{
    int k = intrinsic_kind(ctx, c);
    if (k >= 0 && argc == 1 && v_is_num(argv[0]) && v_num(argv[0]) >= 0 &&
        v_num(argv[0]) * tsize[k] <= (1 << 26) &&
        v_num(argv[0]) == (uint32_t)v_num(argv[0])) {
        *out = typed_alloc(ctx, k, (uint32_t)v_num(argv[0]), NULL);
        return BK_OK;
    }
    val_t r;
    if (bk_js__construct(ctx, c, argc, argv, c, &r) != BK_OK)
        return BK_ERR;
    if (!v_is_obj(r) || v_obj(r)->cls != CLS_TYPED)
        return bk_js__type_error(ctx, "this is not a typed array.");
    if (argc == 1 && v_is_num(argv[0]) &&
        bk_js__typed_length(bk_js__rd(ctx, v_obj(r))) < v_num(argv[0]))
        return bk_js__type_error(ctx, "Derived TypedArray constructor "
                                      "created an array which was too small");
    *out = v_obj(r);
    return BK_OK;
}

/* TypedArraySpeciesCreate(exemplar, args). */
static int species_create(bk_js_ctx_t *ctx, val_t ex, int argc,
                          const val_t *argv, bk_js_obj_t **out)
{
    typed_t *t = bk_js__rd(ctx, v_obj(ex))->u.data;
    val_t c;
    if (bk_js__species_ctor(ctx, ex, v_mkobj(ctx->prog->typed_ctor[t->kind]),
                            &c) != BK_OK)
        return BK_ERR;
    return typed_create(ctx, c, argc, argv, out);
}

/* The built-in %ArrayIteratorPrototype%.next, recorded at install so the
 * constructor can read a plain array directly when iterating it would
 * observably do the same. Atomic: every program's load stores the same
 * pointer while other threads may read it. */
static bk_js_native_t builtin_iter_next;

/* Is iterating array 'a' the built-in array iteration? */
static int plain_array_iteration(bk_js_ctx_t *ctx, val_t a, val_t f)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_native_t fn = __atomic_load_n(&builtin_iter_next, __ATOMIC_RELAXED);
    if (!v_is_obj(a) || v_obj(a)->cls != CLS_ARRAY || fn == NULL ||
        !v_is_obj(f) || v_obj(f) != P->array_values)
        return 0;
    bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, P->proto[PROTO_ARRAY_ITER]),
                                  A(ctx, next));
    if (p == NULL || (p->flags & P_ACCESSOR) || !v_is_obj(p->v))
        return 0;
    bk_js_obj_t *nb = bk_js__rd(ctx, v_obj(p->v));
    return nb->cls == CLS_NATIVE && nb->u.n.fn == fn;
}

/* The values an iterable gives (IterableToList with method f). */
static int iterable_to_list(bk_js_ctx_t *ctx, val_t src, val_t f,
                            bk_js_obj_t **out)
{
    bk_js_obj_t *arr = bk_js__array_new(ctx, 0);
    if (plain_array_iteration(ctx, src, f)) {
        double n;
        if (bk_js__length_of(ctx, src, &n) != BK_OK)
            return BK_ERR;
        for (uint32_t i = 0; i < n; i++) {
            val_t v;
            if (bk_js__get_index(ctx, src, i, &v) != BK_OK)
                return BK_ERR;
            bk_js__array_push(ctx, arr, v);
        }
        *out = arr;
        return BK_OK;
    }
    val_t it, next, v;
    if (bk_js__call(ctx, f, src, 0, NULL, &it) != BK_OK)
        return BK_ERR;
    if (!v_is_obj(it))
        return bk_js__type_error(ctx, "Result of the Symbol.iterator method "
                                      "is not an object");
    if (bk_js__get(ctx, it, A(ctx, next), &next) != BK_OK)
        return BK_ERR;
    for (;;) {
        int r = bk_js__iter_step(ctx, it, next, &v);
        if (r < 0)
            return BK_ERR;
        if (r == 0)
            break;
        bk_js__array_push(ctx, arr, v);
    }
    *out = arr;
    return BK_OK;
}

/* GetMethod(v, @@iterator): undefined, or a callable (else TypeError). */
static int iter_method(bk_js_ctx_t *ctx, val_t v, val_t *f)
{
    *f = V_UNDEF;
    if (bk_js__get(ctx, v, ctx->prog->sym[SYM_iterator], f) != BK_OK)
        return BK_ERR;
    if (v_is_nullish(*f)) {
        *f = V_UNDEF;
        return BK_OK;
    }
    if (!bk_js__is_callable(*f))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, *f));
    return BK_OK;
}

/* new XArray(length | typedArray | object | buffer[, byteOffset[,
 * length]]) */
static int typed_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    int kind = ctx->native_magic;
    if (ctx->new_target == V_UNDEF)
        return bk_js__type_error(ctx, "Constructor %s requires 'new'",
                                 tnames[kind]);
    val_t a0 = ARG(0), nt = ctx->new_target;
    unsigned es = tsize[kind];
    double n = 0;
    if (!v_is_obj(a0) && to_index(ctx, a0, &n) != BK_OK)
        return BK_ERR;
    /* GetPrototypeFromConstructor(newTarget, %XArray.prototype%) */
    bk_js_obj_t *proto = ctx->prog->typed_proto[kind];
    if (v_is_obj(nt) && v_obj(nt) != ctx->prog->typed_ctor[kind]) {
        val_t pp;
        if (bk_js__get(ctx, nt, A(ctx, prototype), &pp) != BK_OK)
            return BK_ERR;
        if (v_is_obj(pp))
            proto = v_obj(pp);
    }
    if (!v_is_obj(a0)) {
        if (n * es > (1 << 26))
            return bk_js__range_error(ctx, "Invalid typed array length: %g",
                                      n);
        *ret = v_mkobj(typed_alloc(ctx, kind, (uint32_t)n, proto));
        return BK_OK;
    }
    bk_js_obj_t *src = bk_js__rd(ctx, v_obj(a0));
    if (src->cls == CLS_ARRAYBUFFER) {
        uint32_t blen = ((bk_js_bytes_t *)src->u.data)->len;
        double off, len;
        if (to_index(ctx, ARG(1), &off) != BK_OK)
            return BK_ERR;
        if (fmod(off, es) != 0)
            return bk_js__range_error(ctx, "start offset of %s should be a "
                                           "multiple of %u",
                                      tnames[kind], es);
        if (ARG(2) != V_UNDEF && to_index(ctx, argv[2], &len) != BK_OK)
            return BK_ERR;
        if (ARG(2) == V_UNDEF) {
            if (blen % es)
                return bk_js__range_error(ctx, "byte length of %s should be "
                                               "a multiple of %u",
                                          tnames[kind], es);
            if (off > blen)
                return bk_js__range_error(ctx, "Start offset %g is outside "
                                               "the bounds of the buffer",
                                          off);
            len = (blen - off) / es;
        } else if (off + len * es > blen) {
            return bk_js__range_error(ctx, "Invalid typed array length: %g",
                                      len);
        }
        *ret = v_mkobj(typed_new(ctx, kind, v_obj(a0), (uint32_t)off,
                                 (uint32_t)len, proto));
        return BK_OK;
    }
    if (src->cls == CLS_TYPED) {
        typed_t *s = src->u.data;
        bk_js_obj_t *o = typed_alloc(ctx, kind, s->length, proto);
        typed_t *d = o->u.data;
        const uint8_t *sp = tbytes(ctx, s, 0);
        uint8_t *dp = tbytes(ctx, d, 1);
        if (s->kind == kind || (es == 1 && tsize[s->kind] == 1 &&
                                kind != T_U8C && s->kind != T_I8)) {
            memcpy(dp, sp, (size_t)s->length * es);
        } else {
            for (uint32_t i = 0; i < s->length; i++)
                store(dp + (size_t)i * es, kind,
                      load(sp + (size_t)i * tsize[s->kind], s->kind));
        }
        bk_js__charge(ctx, s->length / 8);
        *ret = v_mkobj(o);
        return BK_OK;
    }
    /* From an iterable, else an array-like. */
    val_t f, list = a0;
    if (iter_method(ctx, a0, &f) != BK_OK)
        return BK_ERR;
    if (f != V_UNDEF) {
        bk_js_obj_t *arr;
        if (iterable_to_list(ctx, a0, f, &arr) != BK_OK)
            return BK_ERR;
        list = v_mkobj(arr);
    }
    if (bk_js__length_of(ctx, list, &n) != BK_OK)
        return BK_ERR;
    if (n * es > (1 << 26))
        return bk_js__range_error(ctx, "Invalid typed array length: %g", n);
    bk_js_obj_t *o = typed_alloc(ctx, kind, (uint32_t)n, proto);
    for (uint32_t i = 0; i < n; i++) {
        val_t v;
        if (bk_js__get_index(ctx, list, i, &v) != BK_OK ||
            bk_js__typed_set(ctx, o, i, v) != BK_OK)
            return BK_ERR;
    }
    *ret = v_mkobj(o);
    return BK_OK;
}

/* %TypedArray%.from(source[, mapfn[, thisArg]]) (magic 0) and
 * %TypedArray%.of(...items) (magic 1), with 'this' the constructor. */
static int TypedArray_from(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    val_t c = this_val;
    if (!bk_js__is_ctor(c))
        return bk_js__type_error(ctx, "%s is not a constructor",
                                 bk_js__describe(ctx, c));
    bk_js_obj_t *o;
    if (ctx->native_magic == 1) { /* of */
        val_t n = v_mknum(argc);
        if (typed_create(ctx, c, 1, &n, &o) != BK_OK)
            return BK_ERR;
        for (int i = 0; i < argc; i++)
            if (bk_js__set_index(ctx, v_mkobj(o), (uint32_t)i, argv[i]) !=
                BK_OK)
                return BK_ERR;
        *ret = v_mkobj(o);
        return BK_OK;
    }
    val_t src = ARG(0), fn = ARG(1), f;
    if (fn != V_UNDEF && !bk_js__is_callable(fn))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, fn));
    if (v_is_nullish(src))
        return bk_js__type_error(ctx, "Cannot convert undefined or null to "
                                      "object");
    if (iter_method(ctx, src, &f) != BK_OK)
        return BK_ERR;
    val_t list = src;
    if (f != V_UNDEF) {
        bk_js_obj_t *arr;
        if (iterable_to_list(ctx, src, f, &arr) != BK_OK)
            return BK_ERR;
        list = v_mkobj(arr);
    } else {
        bk_js_obj_t *so;
        if (bk_js__to_object(ctx, src, &so) != BK_OK)
            return BK_ERR;
        list = v_mkobj(so);
    }
    double n;
    if (bk_js__length_of(ctx, list, &n) != BK_OK)
        return BK_ERR;
    val_t nv = v_mknum(n);
    if (typed_create(ctx, c, 1, &nv, &o) != BK_OK)
        return BK_ERR;
    for (uint32_t i = 0; i < n; i++) {
        val_t v;
        if (bk_js__get_index(ctx, list, i, &v) != BK_OK)
            return BK_ERR;
        if (fn != V_UNDEF) {
            val_t args[2] = {v, v_mknum(i)};
            if (bk_js__call(ctx, fn, ARG(2), 2, args, &v) != BK_OK)
                return BK_ERR;
        }
        if (bk_js__set_index(ctx, v_mkobj(o), i, v) != BK_OK)
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

/* ToIntegerOrInfinity(v) (undefined: dflt) made relative to len and
 * clamped to [0, len], as slice/fill/copyWithin do. */
static int rel_arg(bk_js_ctx_t *ctx, val_t v, uint32_t len, double dflt,
                   uint32_t *out)
{
    double d;
    if (rel(ctx, v, len, dflt, &d) != BK_OK)
        return BK_ERR;
    *out = (uint32_t)d;
    return BK_OK;
}

/* slice(start, end) (magic 1) and subarray(begin, end) (0). */
static int typed_subarray(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    typed_t *t;
    uint32_t a, e;
    if (this_typed(ctx, this_val, &t) != BK_OK ||
        rel_arg(ctx, ARG(0), t->length, 0, &a) != BK_OK ||
        rel_arg(ctx, ARG(1), t->length, t->length, &e) != BK_OK)
        return BK_ERR;
    uint32_t n = e > a ? e - a : 0, es = tsize[t->kind];
    bk_js_obj_t *o;
    if (ctx->native_magic == 0) { /* subarray: a view of the same bytes */
        val_t args[3] = {v_mkobj(t->buffer),
                         v_mknum((double)t->offset + (double)a * es),
                         v_mknum(n)};
        val_t c;
        if (bk_js__species_ctor(ctx, this_val,
                                v_mkobj(ctx->prog->typed_ctor[t->kind]),
                                &c) != BK_OK)
            return BK_ERR;
        if (intrinsic_kind(ctx, c) == t->kind) {
            *ret = v_mkobj(typed_new(ctx, t->kind, t->buffer,
                                     t->offset + a * es, n, NULL));
            return BK_OK;
        }
        if (typed_create(ctx, c, 3, args, &o) != BK_OK)
            return BK_ERR;
        *ret = v_mkobj(o);
        return BK_OK;
    }
    val_t nv = v_mknum(n);
    if (species_create(ctx, this_val, 1, &nv, &o) != BK_OK)
        return BK_ERR;
    typed_t *d = bk_js__rd(ctx, o)->u.data;
    if (n > 0 && d->kind == t->kind) {
        /* Byte by byte, forwards, as the spec's copy (the new array may
         * view the same buffer). */
        uint8_t *dp = tbytes(ctx, d, 1);
        const uint8_t *sp = tbytes(ctx, t, 0) + (size_t)a * es;
        size_t nb = BK_MIN((size_t)n * es, (size_t)d->length * es);
        for (size_t i = 0; i < nb; i++)
            dp[i] = sp[i];
        bk_js__charge(ctx, (int64_t)(nb / 16));
    } else {
        for (uint32_t i = 0; i < n; i++)
            if (bk_js__set_index(ctx, v_mkobj(o), i,
                                 elem(ctx, v_obj(this_val), a + i)) != BK_OK)
                return BK_ERR;
    }
    *ret = v_mkobj(o);
    return BK_OK;
}

/* set(source[, offset]) */
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
    }
    if (off < 0)
        return bk_js__range_error(ctx, "offset is out of bounds");
    val_t src = ARG(0);
    *ret = V_UNDEF;
    if (v_is_obj(src) && v_obj(src)->cls == CLS_TYPED) {
        typed_t *s = bk_js__rd(ctx, v_obj(src))->u.data;
        if ((double)s->length + off > t->length)
            return bk_js__range_error(ctx, "offset is out of bounds");
        uint32_t o = (uint32_t)off, es = tsize[t->kind];
        uint8_t *dp = tbytes(ctx, t, 1) + (size_t)o * es;
        const uint8_t *sp = tbytes(ctx, s, 0);
        if (s->kind == t->kind) {
            memmove(dp, sp, (size_t)s->length * es);
        } else {
            /* Read everything first: the views may share a buffer. */
            double *tmp = bk_js__ialloc(ctx, ((size_t)s->length + 1) *
                                                 sizeof(double));
            for (uint32_t i = 0; i < s->length; i++)
                tmp[i] = load(sp + (size_t)i * tsize[s->kind], s->kind);
            for (uint32_t i = 0; i < s->length; i++)
                store(dp + (size_t)i * es, t->kind, tmp[i]);
        }
        bk_js__charge(ctx, s->length / 8);
        return BK_OK;
    }
    bk_js_obj_t *so;
    double n;
    if (bk_js__to_object(ctx, src, &so) != BK_OK ||
        bk_js__length_of(ctx, v_mkobj(so), &n) != BK_OK)
        return BK_ERR;
    if (n + off > t->length)
        return bk_js__range_error(ctx, "offset is out of bounds");
    for (uint32_t i = 0; i < n; i++) {
        val_t v;
        if (bk_js__get_index(ctx, v_mkobj(so), i, &v) != BK_OK ||
            bk_js__typed_set(ctx, v_obj(this_val), (uint32_t)off + i, v) !=
                BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

/* forEach 0, map 1, filter 2, some 3, every 4, find 5, findIndex 6,
 * findLast 7, findLastIndex 8: the callback sees (value, index, array). */
static int typed_iterate(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    int m = ctx->native_magic;
    val_t fn = ARG(0);
    if (!bk_js__is_callable(fn))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, fn));
    uint32_t n = t->length, nk = 0;
    bk_js_obj_t *res = NULL;
    val_t *kept = NULL;
    if (m == 1) {
        val_t nv = v_mknum(n);
        if (species_create(ctx, this_val, 1, &nv, &res) != BK_OK)
            return BK_ERR;
    } else if (m == 2) {
        kept = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(val_t));
    }
    for (uint32_t j = 0; j < n; j++) {
        uint32_t i = m >= 7 ? n - 1 - j : j;
        val_t v = elem(ctx, v_obj(this_val), i), r;
        val_t args[3] = {v, v_mknum(i), this_val};
        if (bk_js__call(ctx, fn, ARG(1), 3, args, &r) != BK_OK)
            return BK_ERR;
        int yes = m != 1 && bk_js__truthy(r);
        switch (m) {
        case 1:
            if (bk_js__set_index(ctx, v_mkobj(res), i, r) != BK_OK)
                return BK_ERR;
            break;
        case 2:
            if (yes)
                kept[nk++] = v;
            break;
        case 3:
        case 4:
            if (yes == (m == 3)) {
                *ret = v_mkbool(m == 3);
                return BK_OK;
            }
            break;
        case 5:
        case 7:
        case 6:
        case 8:
            if (yes) {
                *ret = m == 5 || m == 7 ? v : v_mknum(i);
                return BK_OK;
            }
            break;
        }
    }
    switch (m) {
    case 1: *ret = v_mkobj(res); break;
    case 2: {
        val_t nv = v_mknum(nk);
        if (species_create(ctx, this_val, 1, &nv, &res) != BK_OK)
            return BK_ERR;
        for (uint32_t i = 0; i < nk; i++)
            if (bk_js__set_index(ctx, v_mkobj(res), i, kept[i]) != BK_OK)
                return BK_ERR;
        *ret = v_mkobj(res);
        break;
    }
    case 3: *ret = V_FALSE; break;
    case 4: *ret = V_TRUE; break;
    case 6:
    case 8: *ret = v_mknum(-1); break;
    default: *ret = V_UNDEF; break;
    }
    return BK_OK;
}

/* reduce (0) and reduceRight (1) */
static int typed_reduce(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(0);
    if (!bk_js__is_callable(fn))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, fn));
    uint32_t n = t->length, j = 0;
    int back = ctx->native_magic;
    val_t acc;
    if (argc >= 2) {
        acc = argv[1];
    } else {
        if (n == 0)
            return bk_js__type_error(ctx, "Reduce of empty array with no "
                                          "initial value");
        acc = elem(ctx, v_obj(this_val), back ? n - 1 : 0);
        j = 1;
    }
    for (; j < n; j++) {
        uint32_t i = back ? n - 1 - j : j;
        val_t args[4] = {acc, elem(ctx, v_obj(this_val), i), v_mknum(i),
                         this_val};
        if (bk_js__call(ctx, fn, V_UNDEF, 4, args, &acc) != BK_OK)
            return BK_ERR;
    }
    *ret = acc;
    return BK_OK;
}

/* indexOf (0), lastIndexOf (1), includes (2) */
static int typed_index_of(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    int m = ctx->native_magic;
    uint32_t n = t->length;
    *ret = m == 2 ? V_FALSE : v_mknum(-1);
    if (n == 0)
        return BK_OK;
    double k = m == 1 ? (double)n - 1 : 0;
    if (m != 1 || argc > 1) {
        if (bk_js__to_number(ctx, ARG(1), &k) != BK_OK)
            return BK_ERR;
        k = bk_js__to_integer(k);
    }
    if (!v_is_num(ARG(0)))
        return BK_OK;
    double x = v_num(argv[0]);
    const uint8_t *p = tbytes(ctx, t, 0);
    unsigned es = tsize[t->kind];
    if (m == 1) {
        if (k < 0)
            k += n;
        if (k < 0)
            return BK_OK;
        for (int64_t i = (int64_t)BK_MIN(k, (double)n - 1); i >= 0; i--)
            if (load(p + (size_t)i * es, t->kind) == x) {
                *ret = v_mknum((double)i);
                return BK_OK;
            }
        return BK_OK;
    }
    if (k < 0)
        k = BK_MAX(k + n, 0);
    bk_js__charge(ctx, n / 16);
    for (double i = k; i < n; i++) {
        double y = load(p + (size_t)i * es, t->kind);
        if (y == x || (m == 2 && x != x && y != y)) {
            *ret = m == 2 ? V_TRUE : v_mknum(i);
            return BK_OK;
        }
    }
    return BK_OK;
}

/* join(sep) (magic 0) and toLocaleString() (1) */
static int typed_join(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    bk_js_str_t *sep = NULL;
    if (ctx->native_magic == 0 && ARG(0) != V_UNDEF &&
        bk_js__to_string(ctx, argv[0], &sep) != BK_OK)
        return BK_ERR;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js_str_t *tls = bk_js__atom_cstr(ctx, "toLocaleString");
    for (uint32_t i = 0; i < t->length; i++) {
        if (i > 0) {
            if (sep)
                bk_js__sb_str(&sb, sep);
            else
                bk_js__sb_putc(&sb, ',');
        }
        val_t v = elem(ctx, v_obj(this_val), i), f;
        bk_js_str_t *s;
        if (ctx->native_magic == 1) {
            if (bk_js__get(ctx, v, tls, &f) != BK_OK)
                return BK_ERR;
            if (!bk_js__is_callable(f))
                return bk_js__type_error(ctx, "toLocaleString is not a "
                                              "function");
            if (bk_js__call(ctx, f, v, 0, NULL, &v) != BK_OK ||
                bk_js__to_string(ctx, v, &s) != BK_OK)
                return BK_ERR;
        } else {
            s = bk_js__num_to_str(ctx, v_num(v));
        }
        bk_js__sb_str(&sb, s);
        bk_js__charge(ctx, 1);
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static int typed_reverse(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    uint8_t *p = tbytes(ctx, t, 1), tmp[8];
    size_t es = tsize[t->kind];
    for (uint32_t i = 0, j = t->length; i + 1 < j; i++, j--) {
        memcpy(tmp, p + i * es, es);
        memcpy(p + i * es, p + (j - 1) * es, es);
        memcpy(p + (j - 1) * es, tmp, es);
    }
    bk_js__charge(ctx, t->length / 16);
    *ret = this_val;
    return BK_OK;
}

/* fill(value[, start[, end]]): the value is converted once, first. */
static int typed_fill(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    typed_t *t;
    double d;
    uint32_t a, e;
    if (this_typed(ctx, this_val, &t) != BK_OK ||
        bk_js__to_number(ctx, ARG(0), &d) != BK_OK ||
        rel_arg(ctx, ARG(1), t->length, 0, &a) != BK_OK ||
        rel_arg(ctx, ARG(2), t->length, t->length, &e) != BK_OK)
        return BK_ERR;
    uint8_t tmp[8], *p = tbytes(ctx, t, 1);
    size_t es = tsize[t->kind];
    store(tmp, t->kind, d);
    for (uint32_t i = a; i < e; i++)
        memcpy(p + i * es, tmp, es);
    bk_js__charge(ctx, (e > a ? e - a : 0) / 16);
    *ret = this_val;
    return BK_OK;
}

static int typed_copy_within(bk_js_ctx_t *ctx, val_t this_val, int argc,
                             const val_t *argv, val_t *ret)
{
    typed_t *t;
    uint32_t to, from, fin;
    if (this_typed(ctx, this_val, &t) != BK_OK ||
        rel_arg(ctx, ARG(0), t->length, 0, &to) != BK_OK ||
        rel_arg(ctx, ARG(1), t->length, 0, &from) != BK_OK ||
        rel_arg(ctx, ARG(2), t->length, t->length, &fin) != BK_OK)
        return BK_ERR;
    if (fin > from && to < t->length) {
        size_t es = tsize[t->kind];
        uint32_t count = BK_MIN(fin - from, t->length - to);
        uint8_t *p = tbytes(ctx, t, 1);
        memmove(p + to * es, p + from * es, count * es);
        bk_js__charge(ctx, count / 16);
    }
    *ret = this_val;
    return BK_OK;
}

static int typed_at(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    typed_t *t;
    double k;
    if (this_typed(ctx, this_val, &t) != BK_OK ||
        bk_js__to_number(ctx, ARG(0), &k) != BK_OK)
        return BK_ERR;
    k = bk_js__to_integer(k);
    if (k < 0)
        k += t->length;
    *ret = k >= 0 && k < t->length ? elem(ctx, v_obj(this_val), (uint32_t)k)
                                   : V_UNDEF;
    return BK_OK;
}

/* values (0), keys (1), entries (2): array iterators over the view. */
static int typed_values(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *it = bk_js__obj_new(ctx, CLS_ITER,
                                     ctx->prog->proto[PROTO_ARRAY_ITER]);
    it->u.it.target = this_val;
    it->u.it.i = 0;
    it->u.it.kind = (uint8_t)ctx->native_magic;
    *ret = v_mkobj(it);
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

/* Merges the sorted runs a[lo..mid) and a[mid..hi) with the user's
 * comparator (a stable merge; NaN results count as 0). */
static int merge_runs(bk_js_ctx_t *ctx, val_t cmp, double *a, double *tmp,
                      uint32_t lo, uint32_t mid, uint32_t hi)
{
    uint32_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        val_t args[2] = {v_mknum(a[i]), v_mknum(a[j])}, r;
        double c;
        if (bk_js__call(ctx, cmp, V_UNDEF, 2, args, &r) != BK_OK ||
            bk_js__to_number(ctx, r, &c) != BK_OK)
            return BK_ERR;
        tmp[k++] = c > 0 ? a[j++] : a[i++]; /* the right one first only if
                                               strictly smaller */
    }
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < hi)
        tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof(double));
    return BK_OK;
}

static int typed_sort(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t cmp = ARG(0);
    if (cmp != V_UNDEF && !bk_js__is_callable(cmp))
        return bk_js__type_error(ctx, "The comparison function must be "
                                      "either a function or undefined");
    typed_t *t;
    if (this_typed(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    uint32_t n = t->length;
    size_t es = tsize[t->kind];
    double *d = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(double));
    const uint8_t *p = tbytes(ctx, t, 0);
    for (uint32_t i = 0; i < n; i++)
        d[i] = load(p + i * es, t->kind);
    bk_js__charge(ctx, n / 4);
    if (cmp == V_UNDEF) {
        qsort(d, n, sizeof(double), num_cmp);
    } else {
        double *tmp = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(double));
        for (uint32_t w = 1; w < n; w *= 2)
            for (uint32_t lo = 0; lo + w < n; lo += 2 * w)
                if (merge_runs(ctx, cmp, d, tmp, lo, lo + w,
                               (uint32_t)BK_MIN((uint64_t)lo + 2 * w, n)) !=
                    BK_OK)
                    return BK_ERR;
    }
    uint8_t *q = tbytes(ctx, t, 1);
    for (uint32_t i = 0; i < n; i++)
        store(q + i * es, t->kind, d[i]);
    *ret = this_val;
    return BK_OK;
}

/* ---- DataView ---------------------------------------------------------- */


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
    if (src != V_UNDEF && !v_is_obj(src))
        return bk_js__type_error(ctx, "The \"list\" argument must be an "
                                      "instance of SharedArrayBuffer, "
                                      "ArrayBuffer or ArrayBufferView.");
    if (v_is_obj(src)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(src));
        if (b->cls == CLS_TYPED) {
            typed_t *t = b->u.data;
            p = ab_bytes(ctx, t->buffer)->p + t->offset;
            n = t->length * tsize[t->kind];
        } else if (b->cls == CLS_ARRAYBUFFER) {
            p = ((bk_js_bytes_t *)b->u.data)->p;
            n = ((bk_js_bytes_t *)b->u.data)->len;
        } else if (b->cls == CLS_DATAVIEW) {
            dview_t *d = b->u.data;
            p = ab_bytes(ctx, d->buffer)->p + d->offset;
            n = d->length;
        } else {
            return bk_js__type_error(ctx, "The \"list\" argument must be an "
                                          "instance of SharedArrayBuffer, "
                                          "ArrayBuffer or ArrayBufferView.");
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

/* An accessor 'get <name>' on o. */
static void getter(bk_js_ctx_t *ctx, bk_js_obj_t *o, const char *name,
                   bk_js_native_t fn, int magic)
{
    char fname[48];
    snprintf(fname, sizeof(fname), "get %s", name);
    bk_js_obj_t *f = bk_js__native_new(ctx, bk_js__atom_cstr(ctx, fname), fn,
                                       0, magic);
    bk_js__put_accessor(ctx, o, bk_js__atom_cstr(ctx, name), v_mkobj(f),
                        V_UNDEF, P_CONFIGURABLE);
}

void bk_js__install_typed(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    int v1 = P->runtime == BK_JS_RUNTIME_1_0;
    bk_js_obj_t *abp = P->proto[PROTO_ARRAYBUFFER];
    bk_js_obj_t *abc = bk_js__def_ctor(ctx, "ArrayBuffer", ArrayBuffer_ctor,
                                       1, abp);
    bk_js__def_species(ctx, abc);
    static const bk_js_method_t abs[] = {{"isView", ArrayBuffer_isView, 1, 0}};
    bk_js__def_methods(ctx, abc, abs, 1);
    static const bk_js_method_t abm[] = {{"slice", ArrayBuffer_slice, 2, 0}};
    bk_js__def_methods(ctx, abp, abm, 1);
    bk_js_prop_t *sl = bk_js__find(bk_js__rd(ctx, abp),
                                   bk_js__atom_cstr(ctx, "slice"));
    bk_js__wr(ctx, v_obj(sl->v))->u.n.data = abc;
    getter(ctx, abp, "byteLength", ArrayBuffer_byteLength, 0);
    bk_js__put_own(ctx, abp, P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, "ArrayBuffer")),
                   P_CONFIGURABLE);

    /* %TypedArray% and its prototype. Runtime 1.0 has copyWithin, fill,
     * join, set, slice, subarray and toString only (reference 6.2). */
    bk_js_obj_t *tap = P->proto[PROTO_TYPED];
    static const bk_js_method_t tm[] = {
        {"copyWithin", typed_copy_within, 2, 0},
        {"fill", typed_fill, 1, 0},
        {"join", typed_join, 1, 0},
        {"set", typed_set_m, 1, 0},
        {"slice", typed_subarray, 2, 1},
        {"subarray", typed_subarray, 2, 0},
    };
    bk_js__def_methods(ctx, tap, tm, BK_COUNTOF(tm));
    static const bk_js_method_t tm2[] = {
        {"every", typed_iterate, 1, 4},
        {"filter", typed_iterate, 1, 2},
        {"find", typed_iterate, 1, 5},
        {"findIndex", typed_iterate, 1, 6},
        {"findLast", typed_iterate, 1, 7},
        {"findLastIndex", typed_iterate, 1, 8},
        {"forEach", typed_iterate, 1, 0},
        {"includes", typed_index_of, 1, 2},
        {"indexOf", typed_index_of, 1, 0},
        {"lastIndexOf", typed_index_of, 1, 1},
        {"map", typed_iterate, 1, 1},
        {"reduce", typed_reduce, 1, 0},
        {"reduceRight", typed_reduce, 1, 1},
        {"reverse", typed_reverse, 0, 0},
        {"some", typed_iterate, 1, 3},
        {"sort", typed_sort, 1, 0},
        {"at", typed_at, 1, 0},
    };
    if (!v1)
        bk_js__def_methods(ctx, tap, tm2, BK_COUNTOF(tm2));
    /* Not in the reference's lists; kept in both runtimes like Array's. */
    static const bk_js_method_t tm3[] = {
        {"toLocaleString", typed_join, 0, 1},
        {"entries", typed_values, 0, 2},
        {"keys", typed_values, 0, 1},
        {"values", typed_values, 0, 0},
    };
    bk_js__def_methods(ctx, tap, tm3, BK_COUNTOF(tm3));
    bk_js_prop_t *vals = bk_js__find(bk_js__rd(ctx, tap),
                                     bk_js__atom_cstr(ctx, "values"));
    bk_js__put_own(ctx, tap, P->sym[SYM_iterator], vals->v,
                   P_WRITABLE | P_CONFIGURABLE);
    /* toString is Array.prototype.toString itself (spec 23.2.3.32). */
    bk_js_prop_t *ts = bk_js__find(bk_js__rd(ctx, P->proto[PROTO_ARRAY]),
                                   A(ctx, toString));
    bk_js__put_own(ctx, tap, A(ctx, toString), ts->v,
                   P_WRITABLE | P_CONFIGURABLE);
    static const char *const props[] = {"length", "byteLength", "byteOffset",
                                        "buffer"};
    for (int i = 0; i < 4; i++)
        getter(ctx, tap, props[i], typed_prop, i);
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
    bk_js__def_species(ctx, ta);
    if (!v1) {
        static const bk_js_method_t fm[] = {{"from", TypedArray_from, 1, 0},
                                            {"of", TypedArray_from, 0, 1}};
        bk_js__def_methods(ctx, ta, fm, BK_COUNTOF(fm));
    }
    for (int k = 0; k < T__N; k++) {
        bk_js_obj_t *proto = bk_js__obj_new(ctx, CLS_OBJECT, tap);
        P->typed_proto[k] = proto;
        bk_js_obj_t *c = bk_js__def_ctor(ctx, tnames[k], typed_ctor, 3, proto);
        P->typed_ctor[k] = c;
        bk_js__wr(ctx, c)->proto = ta;
        bk_js__wr(ctx, c)->u.n.magic = k;
        bk_js__def_value(ctx, c, "BYTES_PER_ELEMENT", v_mknum(tsize[k]), 0);
        bk_js__def_value(ctx, proto, "BYTES_PER_ELEMENT", v_mknum(tsize[k]), 0);
    }
    bk_js_prop_t *np = bk_js__find(
        bk_js__rd(ctx, P->proto[PROTO_ARRAY_ITER]), A(ctx, next));
    if (np != NULL && v_is_obj(np->v) && v_obj(np->v)->cls == CLS_NATIVE)
        __atomic_store_n(&builtin_iter_next, v_obj(np->v)->u.n.fn,
                         __ATOMIC_RELAXED);

    /* Buffer (2.0, builtin_buffer.c, installed before us) is a Uint8Array
     * subclass: link its constructor and prototype in. */
    bk_js_prop_t *bp = bk_js__find(bk_js__rd(ctx, P->global),
                                   bk_js__atom_cstr(ctx, "Buffer"));
    if (!v1 && bp != NULL && v_is_obj(bp->v)) {
        bk_js__wr(ctx, v_obj(bp->v))->proto = P->typed_ctor[T_U8];
        bk_js__wr(ctx, P->proto[PROTO_BUFFER])->proto = P->typed_proto[T_U8];
    }

    bk_js_obj_t *dvp = P->proto[PROTO_DATAVIEW];
    bk_js_obj_t *dvc = bk_js__def_ctor(ctx, "DataView", DataView_ctor, 1, dvp);
    if (v1) {
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
    for (int i = 0; i < 3; i++)
        getter(ctx, dvp, dprops[i], DataView_prop, i);
    bk_js__put_own(ctx, dvp, P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, "DataView")),
                   P_CONFIGURABLE);

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

