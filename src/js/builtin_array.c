/*
 * builtin_array.c: Array and Array.prototype.
 *
 * Methods follow the spec's generic algorithms over array-likes: indexes
 * are doubles up to 2^53 - 1 (keys past 2^32 - 2 are plain numeric
 * strings), results are made by ArraySpeciesCreate and filled with
 * CreateDataPropertyOrThrow, and lengths are written back with [[Set]].
 *
 * Holes are skipped without asking for every index: next_k() finds the
 * next index that the object or a prototype has, from the dense parts
 * and the integer keys of the props. With no Proxy in the engine,
 * HasProperty runs no user code, so this visits exactly the indexes the
 * spec's step-by-step loop would, and an array of length 2^32 - 1 with
 * three elements costs three steps. Dense plain arrays keep fast paths
 * where the result cannot differ. Each element costs compute.
 */
#include <math.h>

#include "js/js_int.h"

#define MAX_SAFE 9007199254740991.0 /* 2^53 - 1 */
#define MAX_INDEX 4294967295.0      /* 2^32 - 1: not an array index */

/* ---- index helpers --------------------------------------------------- */

static bk_js_str_t *key_of(bk_js_ctx_t *ctx, double k)
{
    if (k < MAX_INDEX)
        return bk_js__atom_index(ctx, (uint32_t)k);
    return bk_js__atom(ctx, bk_js__num_to_str(ctx, k));
}

static int get_k(bk_js_ctx_t *ctx, val_t o, double k, val_t *v)
{
    if (k < MAX_INDEX)
        return bk_js__get_index(ctx, o, (uint32_t)k, v);
    return bk_js__get(ctx, o, key_of(ctx, k), v);
}

/* Set(O, k, v, true). */
static int set_k(bk_js_ctx_t *ctx, val_t o, double k, val_t v)
{
    if (k < MAX_INDEX)
        return bk_js__set_index(ctx, o, (uint32_t)k, v);
    return bk_js__set(ctx, o, key_of(ctx, k), v);
}

/* DeletePropertyOrThrow(O, k). */
static int del_k(bk_js_ctx_t *ctx, val_t o, double k)
{
    int ok;
    return bk_js__delete(ctx, v_obj(o), key_of(ctx, k), &ok);
}

/* CreateDataPropertyOrThrow(A, k, v). */
static int put_k(bk_js_ctx_t *ctx, val_t a, double k, val_t v)
{
    return bk_js__define(ctx, v_obj(a), key_of(ctx, k), v, P_DEFAULT);
}

/* Set(O, "length", len, true). */
static int set_len(bk_js_ctx_t *ctx, val_t o, double len)
{
    return bk_js__set(ctx, o, A(ctx, length), v_mknum(len));
}

/* The integer a property key spells (up to 2^53 - 1), or -1. */
static double key_int(const bk_js_str_t *k)
{
    if (k->flags & STR_INDEX)
        return k->index;
    if ((k->flags & (STR_SYMBOL | STR_WIDE)) || k->len < 10 || k->len > 16 ||
        k->d.u8[0] < '1' || k->d.u8[0] > '9')
        return -1;
    double v = 0;
    for (uint32_t i = 0; i < k->len; i++) {
        uint8_t c = k->d.u8[i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v <= MAX_SAFE ? v : -1;
}

/* Integer keys of an object live in props only for arrays with sparse
 * parts and for other objects that ever got such a key (OF_SPARSE). */
static int may_have_int_keys(const bk_js_obj_t *b)
{
    return (b->flags & OF_SPARSE) != 0;
}

/* Length of the index range an exotic object provides by itself. */
static double exotic_len(bk_js_obj_t *b)
{
    switch (b->cls) {
    case CLS_STRING:
        return v_str(b->u.prim)->len;
    case CLS_TYPED:
        return bk_js__typed_length(b);
    default:
        return 0;
    }
}

/* Whether body 'b' has own key k in its props, looked up directly when
 * the props are many: a walk over an array-like whose every index is a
 * prop then costs O(1) per present index (a scan only at each gap). */
static int probe(bk_js_ctx_t *ctx, bk_js_obj_t *b, double k)
{
    if (b->nprops <= 16 || k >= MAX_INDEX)
        return 0;
    return bk_js__find(b, bk_js__atom_index(ctx, (uint32_t)k)) != NULL;
}

/* The first index in [k, end) for which HasProperty(o, index) holds, or
 * 'end'. Reads no property values, so calling it again after each step
 * gives the same visits as testing each index in turn. */
static double next_k(bk_js_ctx_t *ctx, val_t o, double k, double end)
{
    double best = end;
    unsigned hops = 0;
    for (bk_js_obj_t *p = v_obj(o); p != NULL && k < best && hops < 10000;
         p = bk_js__rd(ctx, p)->proto, hops++) {
        bk_js_obj_t *b = bk_js__rd(ctx, p);
        if ((b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS) &&
            k < b->nelems) {
            for (uint32_t i = (uint32_t)k; i < b->nelems && i < best; i++)
                if (b->elems[i] != V_EMPTY) {
                    best = i;
                    break;
                }
        }
        if (k < exotic_len(b))
            best = k;
        if (may_have_int_keys(b) && k < best) {
            if (probe(ctx, b, k)) {
                best = k;
                break;
            }
            bk_js__charge(ctx, b->nprops / 2);
            for (uint32_t i = 0; i < b->nprops; i++) {
                double x = key_int(b->props[i].key);
                if (x >= k && x < best)
                    best = x;
            }
        }
    }
    return best;
}

/* The last index in [lo, k] for which HasProperty holds, or lo - 1. */
static double prev_k(bk_js_ctx_t *ctx, val_t o, double k, double lo)
{
    double best = lo - 1;
    unsigned hops = 0;
    for (bk_js_obj_t *p = v_obj(o); p != NULL && k > best && hops < 10000;
         p = bk_js__rd(ctx, p)->proto, hops++) {
        bk_js_obj_t *b = bk_js__rd(ctx, p);
        if ((b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS) && b->nelems) {
            double top = BK_MIN(k, (double)b->nelems - 1);
            for (double i = top; i > best; i--)
                if (b->elems[(uint32_t)i] != V_EMPTY) {
                    best = i;
                    break;
                }
        }
        double el = exotic_len(b);
        if (el > 0 && best < BK_MIN(k, el - 1))
            best = BK_MIN(k, el - 1);
        if (may_have_int_keys(b) && k > best) {
            if (probe(ctx, b, k)) {
                best = k;
                break;
            }
            bk_js__charge(ctx, b->nprops / 2);
            for (uint32_t i = 0; i < b->nprops; i++) {
                double x = key_int(b->props[i].key);
                if (x >= 0 && x <= k && x > best)
                    best = x;
            }
        }
    }
    return best;
}

/* Dense fast path: element k of a plain array body, present. */
static inline int dense_at(bk_js_obj_t *b, double k, val_t *v)
{
    if (b->cls == CLS_ARRAY && k < b->nelems &&
        b->elems[(uint32_t)k] != V_EMPTY) {
        *v = b->elems[(uint32_t)k];
        return 1;
    }
    return 0;
}

/* Get(o, k) for an object, with missing elements read as undefined
 * without a lookup (nothing on the chain has them, so no getter runs):
 * walking holes makes no atom per index. */
static int get_h(bk_js_ctx_t *ctx, val_t o, double k, val_t *v)
{
    if (dense_at(bk_js__rd(ctx, v_obj(o)), k, v))
        return BK_OK;
    if (next_k(ctx, o, k, k + 1) > k) {
        *v = V_UNDEF;
        return BK_OK;
    }
    return get_k(ctx, o, k, v);
}

/* ToObject(this) and LengthOfArrayLike. */
static int this_obj(bk_js_ctx_t *ctx, val_t this_val, val_t *o, double *len)
{
    bk_js_obj_t *ob;
    if (bk_js__to_object(ctx, this_val, &ob) != BK_OK)
        return BK_ERR;
    *o = v_mkobj(ob);
    return bk_js__length_of(ctx, *o, len);
}

/* A relative index argument (slice, splice, fill, ...) clamped to
 * [0, len]. */
static int rel_index(bk_js_ctx_t *ctx, val_t v, double len, double dflt,
                     double *out)
{
    if (v == V_UNDEF) {
        *out = dflt;
        return BK_OK;
    }
    double d;
    if (bk_js__to_number(ctx, v, &d) != BK_OK)
        return BK_ERR;
    d = bk_js__to_integer(d);
    if (d < 0)
        d = BK_MAX(len + d, 0);
    else
        d = BK_MIN(d, len);
    *out = d;
    return BK_OK;
}

static int not_callable(bk_js_ctx_t *ctx, val_t fn)
{
    return bk_js__type_error(ctx, "%s is not a function",
                             bk_js__describe(ctx, fn));
}

/* A plain array whose missing elements no prototype supplies and whose
 * elements can all be written: pushes and pops may touch the dense part
 * directly. */
static int plain_array(bk_js_ctx_t *ctx, val_t v)
{
    if (!v_is_obj(v))
        return 0;
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(v));
    if (b->cls != CLS_ARRAY || !(b->flags & OF_EXTENSIBLE) ||
        (b->flags & (OF_SPARSE | OF_LEN_RO | OF_FROZEN | OF_SEALED)))
        return 0;
    for (bk_js_obj_t *p = b->proto, *pb; p != NULL; p = pb->proto) {
        pb = bk_js__rd(ctx, p);
        /* nelems != 0 on a non-array is rare and only costs the fast
         * path. */
        if ((pb->flags & OF_SPARSE) || pb->nelems || pb->cls == CLS_STRING ||
            pb->cls == CLS_TYPED)
            return 0;
    }
    return 1;
}

/* ---- ArraySpeciesCreate ---------------------------------------------- */

static int Array_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret);

static int is_array_ctor(bk_js_ctx_t *ctx, val_t c)
{
    if (!v_is_obj(c))
        return 0;
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(c));
    return b->cls == CLS_NATIVE && b->u.n.fn == Array_ctor;
}

/* ArrayCreate(len): no storage is reserved, so a huge length is free. */
static int array_create(bk_js_ctx_t *ctx, double len, val_t *out)
{
    if (len > 4294967295.0)
        return bk_js__range_error(ctx, "Invalid array length");
    bk_js_obj_t *a = bk_js__array_new(ctx, 0);
    a->len = (uint32_t)len;
    *out = v_mkobj(a);
    return BK_OK;
}

static int species_create(bk_js_ctx_t *ctx, val_t o, double len, val_t *out)
{
    if (!v_is_obj(o) || bk_js__rd(ctx, v_obj(o))->cls != CLS_ARRAY)
        return array_create(ctx, len, out);
    val_t c;
    if (bk_js__get(ctx, o, A(ctx, constructor), &c) != BK_OK)
        return BK_ERR;
    if (is_array_ctor(ctx, c)) {
        /* The usual case: Array, whose Symbol.species is still the
         * built-in getter (or absent, in 1.0). */
        bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, v_obj(c)),
                                      ctx->prog->sym[SYM_species]);
        if (p == NULL && ctx->prog->runtime == BK_JS_RUNTIME_1_0)
            return array_create(ctx, len, out);
        if (p != NULL && (p->flags & P_ACCESSOR)) {
            val_t g = ((bk_js_accessor_t *)(uintptr_t)p->v)->get;
            if (v_is_obj(g) &&
                bk_js__rd(ctx, v_obj(g))->cls == CLS_NATIVE &&
                bk_js__rd(ctx, v_obj(g))->u.n.fn == bk_js__species_getter)
                return array_create(ctx, len, out);
        }
    }
    if (v_is_obj(c)) {
        if (bk_js__get(ctx, c, ctx->prog->sym[SYM_species], &c) != BK_OK)
            return BK_ERR;
        if (c == V_NULL)
            c = V_UNDEF;
    }
    if (c == V_UNDEF)
        return array_create(ctx, len, out);
    if (!bk_js__is_ctor(c))
        return bk_js__type_error(ctx, "object.constructor[Symbol.species] "
                                      "is not a constructor");
    val_t n = v_mknum(len);
    return bk_js__construct(ctx, c, 1, &n, c, out);
}

/* ---- the constructor and its statics --------------------------------- */

static int Array_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_obj_t *a = bk_js__array_new(ctx, 0);
    if (v_is_obj(ctx->new_target)) {
        val_t p;
        if (bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &p) != BK_OK)
            return BK_ERR;
        if (v_is_obj(p))
            a->proto = v_obj(p);
    }
    if (argc == 1 && v_is_num(argv[0])) {
        if (bk_js__set_length(ctx, a, v_num(argv[0])) != BK_OK)
            return BK_ERR;
    } else {
        for (int i = 0; i < argc; i++)
            bk_js__array_push(ctx, a, argv[i]);
    }
    *ret = v_mkobj(a);
    return BK_OK;
}

static int Array_isArray(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    *ret = v_mkbool(v_is_obj(ARG(0)) && v_obj(argv[0])->cls == CLS_ARRAY);
    return BK_OK;
}

/* IsConstructor(C) ? Construct(C, args) : ArrayCreate(len). */
static int make_from_ctor(bk_js_ctx_t *ctx, val_t c, int with_len, double len,
                          val_t *out)
{
    if (!bk_js__is_ctor(c) || is_array_ctor(ctx, c))
        return array_create(ctx, with_len ? len : 0, out);
    val_t n = v_mknum(len);
    return bk_js__construct(ctx, c, with_len, &n, c, out);
}

static int Array_of(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    if (!bk_js__is_ctor(this_val) || is_array_ctor(ctx, this_val)) {
        *ret = v_mkobj(bk_js__array_from(ctx, argv, (uint32_t)argc));
        return BK_OK;
    }
    val_t a;
    if (make_from_ctor(ctx, this_val, 1, argc, &a) != BK_OK)
        return BK_ERR;
    for (int k = 0; k < argc; k++)
        if (put_k(ctx, a, k, argv[k]) != BK_OK)
            return BK_ERR;
    if (set_len(ctx, a, argc) != BK_OK)
        return BK_ERR;
    *ret = a;
    return BK_OK;
}

static int Array_from(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t items = ARG(0), fn = ARG(1), this_arg = ARG(2), c = this_val;
    int mapping = fn != V_UNDEF;
    if (mapping && !bk_js__is_callable(fn))
        return not_callable(ctx, fn);
    val_t f = V_UNDEF, a;
    if (v_is_nullish(items))
        return bk_js__type_error(ctx, "%s is not iterable",
                                 bk_js__describe(ctx, items));
    if (ctx->prog->sym[SYM_iterator] &&
        bk_js__get(ctx, items, ctx->prog->sym[SYM_iterator], &f) != BK_OK)
        return BK_ERR;
    if (!v_is_nullish(f)) {
        if (!bk_js__is_callable(f))
            return bk_js__type_error(ctx, "%s is not iterable",
                                     bk_js__describe(ctx, items));
        if (make_from_ctor(ctx, c, 0, 0, &a) != BK_OK)
            return BK_ERR;
        val_t it, next, v;
        if (ctx->prog->array_values && v_is_obj(f) &&
            v_obj(f) == ctx->prog->array_values &&
            ((v_is_obj(items) && v_obj(items)->cls == CLS_ARRAY) ||
             v_is_str(items))) {
            if (bk_js__get_iterator(ctx, items, &it, &next) != BK_OK)
                return BK_ERR;
        } else {
            if (bk_js__call(ctx, f, items, 0, NULL, &it) != BK_OK)
                return BK_ERR;
            if (!v_is_obj(it))
                return bk_js__type_error(ctx, "Result of the Symbol.iterator "
                                              "method is not an object");
            if (bk_js__get(ctx, it, A(ctx, next), &next) != BK_OK)
                return BK_ERR;
        }
        for (double k = 0;; k++) {
            if (k >= MAX_SAFE) {
                bk_js__type_error(ctx, "Invalid array length");
                return bk_js__iter_close_throw(ctx, it);
            }
            int r = bk_js__iter_step(ctx, it, next, &v);
            if (r < 0)
                return BK_ERR;
            if (r == 0) {
                if (set_len(ctx, a, k) != BK_OK)
                    return BK_ERR;
                *ret = a;
                return BK_OK;
            }
            if (mapping) {
                val_t args[2] = {v, v_mknum(k)};
                if (bk_js__call(ctx, fn, this_arg, 2, args, &v) != BK_OK)
                    return bk_js__iter_close_throw(ctx, it);
            }
            if (put_k(ctx, a, k, v) != BK_OK)
                return bk_js__iter_close_throw(ctx, it);
        }
    }
    bk_js_obj_t *src;
    if (bk_js__to_object(ctx, items, &src) != BK_OK)
        return BK_ERR;
    double len;
    if (bk_js__length_of(ctx, v_mkobj(src), &len) != BK_OK)
        return BK_ERR;
    if (make_from_ctor(ctx, c, 1, len, &a) != BK_OK)
        return BK_ERR;
    for (double k = 0; k < len; k++) {
        val_t v;
        bk_js__charge(ctx, 1);
        if (get_h(ctx, v_mkobj(src), k, &v) != BK_OK)
            return BK_ERR;
        if (mapping) {
            val_t args[2] = {v, v_mknum(k)};
            if (bk_js__call(ctx, fn, this_arg, 2, args, &v) != BK_OK)
                return BK_ERR;
        }
        if (put_k(ctx, a, k, v) != BK_OK)
            return BK_ERR;
    }
    if (set_len(ctx, a, len) != BK_OK)
        return BK_ERR;
    *ret = a;
    return BK_OK;
}

/* ---- mutators -------------------------------------------------------- */

/* One step of a move: a present source is copied (Get, Set), a missing
 * one deletes the target. */
static int move_one(bk_js_ctx_t *ctx, val_t o, double src, double dst,
                    int present)
{
    bk_js__charge(ctx, 1);
    if (!present)
        return del_k(ctx, o, dst);
    val_t v;
    if (get_k(ctx, o, src, &v) != BK_OK || set_k(ctx, o, dst, v) != BK_OK)
        return BK_ERR;
    return BK_OK;
}

/* Moves elements [from, from + count) to [to, to + count) as shift,
 * unshift, splice and copyWithin do, walking up ('down' 0) or down;
 * indexes where neither side exists are skipped. */
static int move_dir(bk_js_ctx_t *ctx, val_t o, double from, double to,
                    double count, int down)
{
    if (!down) {
        for (double k = 0; k < count; k++) {
            double a = next_k(ctx, o, from + k, from + count) - from;
            double b = next_k(ctx, o, to + k, to + count) - to;
            k = BK_MIN(a, b);
            if (k >= count)
                break;
            if (move_one(ctx, o, from + k, to + k, a == k) != BK_OK)
                return BK_ERR;
        }
    } else {
        for (double k = count - 1; k >= 0; k--) {
            double a = prev_k(ctx, o, from + k, from) - from;
            double b = prev_k(ctx, o, to + k, to) - to;
            k = BK_MAX(a, b);
            if (k < 0)
                break;
            if (move_one(ctx, o, from + k, to + k, a == k) != BK_OK)
                return BK_ERR;
        }
    }
    return BK_OK;
}

/* Up when to < from and down otherwise, so overlapping ranges are safe. */
static int move_elems(bk_js_ctx_t *ctx, val_t o, double from, double to,
                      double count)
{
    return move_dir(ctx, o, from, to, count, !(to < from));
}

/* Deletes the present indexes of [from, to), top down. */
static int delete_range(bk_js_ctx_t *ctx, val_t o, double from, double to)
{
    for (double k = to - 1; k >= from; k--) {
        k = prev_k(ctx, o, k, from);
        if (k < from)
            break;
        bk_js__charge(ctx, 1);
        if (del_k(ctx, o, k) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

static int Array_push(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    if (plain_array(ctx, this_val)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(this_val));
        if (b->nelems == b->len) {
            for (int i = 0; i < argc; i++)
                bk_js__array_push(ctx, v_obj(this_val), argv[i]);
            *ret = v_mknum(bk_js__rd(ctx, v_obj(this_val))->len);
            return BK_OK;
        }
    }
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (len + argc > MAX_SAFE)
        return bk_js__type_error(ctx, "Pushing %d elements on an array-like "
                                      "of length %.0f is disallowed",
                                 argc, len);
    for (int i = 0; i < argc; i++)
        if (set_k(ctx, o, len + i, argv[i]) != BK_OK)
            return BK_ERR;
    if (set_len(ctx, o, len + argc) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(len + argc);
    return BK_OK;
}

static int Array_pop(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    if (plain_array(ctx, this_val)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(this_val));
        if (b->len > 0 && b->nelems == b->len &&
            b->elems[b->len - 1] != V_EMPTY) {
            b = bk_js__wr(ctx, v_obj(this_val));
            *ret = b->elems[--b->nelems];
            b->len--;
            return BK_OK;
        }
    }
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (len == 0) {
        *ret = V_UNDEF;
        return set_len(ctx, o, 0);
    }
    if (get_k(ctx, o, len - 1, ret) != BK_OK || del_k(ctx, o, len - 1) != BK_OK)
        return BK_ERR;
    return set_len(ctx, o, len - 1);
}

static int Array_shift(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    if (plain_array(ctx, this_val)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(this_val));
        int dense = b->len > 0 && b->nelems == b->len;
        for (uint32_t i = 0; i < b->nelems && dense; i++)
            dense = b->elems[i] != V_EMPTY;
        if (dense) {
            b = bk_js__wr(ctx, v_obj(this_val));
            *ret = b->elems[0];
            memmove(b->elems, b->elems + 1, (b->nelems - 1) * sizeof(val_t));
            b->nelems--;
            b->len--;
            bk_js__charge(ctx, b->nelems / 8);
            return BK_OK;
        }
    }
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (len == 0) {
        *ret = V_UNDEF;
        return set_len(ctx, o, 0);
    }
    if (get_k(ctx, o, 0, ret) != BK_OK ||
        move_elems(ctx, o, 1, 0, len - 1) != BK_OK ||
        del_k(ctx, o, len - 1) != BK_OK)
        return BK_ERR;
    return set_len(ctx, o, len - 1);
}

static int Array_unshift(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (argc > 0) {
        if (len + argc > MAX_SAFE)
            return bk_js__type_error(ctx, "Unshifting %d elements on an "
                                          "array-like of length %.0f is "
                                          "disallowed",
                                     argc, len);
        if (move_elems(ctx, o, 0, argc, len) != BK_OK)
            return BK_ERR;
        for (int i = 0; i < argc; i++)
            if (set_k(ctx, o, i, argv[i]) != BK_OK)
                return BK_ERR;
    }
    if (set_len(ctx, o, len + argc) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(len + argc);
    return BK_OK;
}

static int Array_slice(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    val_t o, a;
    double len, from, to;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK ||
        rel_index(ctx, ARG(0), len, 0, &from) != BK_OK ||
        rel_index(ctx, ARG(1), len, len, &to) != BK_OK)
        return BK_ERR;
    double count = BK_MAX(to - from, 0);
    if (species_create(ctx, o, count, &a) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *ab = bk_js__rd(ctx, v_obj(a));
    if (plain_array(ctx, o) && plain_array(ctx, a) && ab->len == count &&
        ab->nelems == 0 && from + count <= bk_js__rd(ctx, v_obj(o))->nelems) {
        /* Dense copy; holes stay holes (no prototype fills them). */
        bk_js_obj_t *ob = bk_js__rd(ctx, v_obj(o));
        uint32_t n = (uint32_t)count;
        if (n > 0) {
            bk_js_obj_t *w = bk_js__wr(ctx, v_obj(a));
            w->elems = bk_js__ialloc(ctx, n * sizeof(val_t));
            memcpy(w->elems, ob->elems + (uint32_t)from, n * sizeof(val_t));
            w->ecap = w->nelems = n;
        }
        bk_js__charge(ctx, n / 4);
        *ret = a;
        return BK_OK;
    }
    for (double k = from; k < to; k++) {
        k = next_k(ctx, o, k, to);
        if (k >= to)
            break;
        val_t v;
        bk_js__charge(ctx, 1);
        if (get_k(ctx, o, k, &v) != BK_OK ||
            put_k(ctx, a, k - from, v) != BK_OK)
            return BK_ERR;
    }
    if (set_len(ctx, a, count) != BK_OK)
        return BK_ERR;
    *ret = a;
    return BK_OK;
}

static int Array_splice(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    val_t o, a;
    double len, start, del;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK ||
        rel_index(ctx, ARG(0), len, 0, &start) != BK_OK)
        return BK_ERR;
    double items = argc > 2 ? argc - 2 : 0;
    if (argc == 0) {
        del = 0;
    } else if (argc == 1) {
        del = len - start;
    } else {
        double d;
        if (bk_js__to_number(ctx, argv[1], &d) != BK_OK)
            return BK_ERR;
        d = bk_js__to_integer(d);
        del = BK_MIN(BK_MAX(d, 0), len - start);
    }
    if (len + items - del > MAX_SAFE)
        return bk_js__type_error(ctx, "Invalid array length");
    if (species_create(ctx, o, del, &a) != BK_OK)
        return BK_ERR;
    for (double k = 0; k < del; k++) {
        k = next_k(ctx, o, start + k, start + del) - start;
        if (k >= del)
            break;
        val_t v;
        bk_js__charge(ctx, 1);
        if (get_k(ctx, o, start + k, &v) != BK_OK ||
            put_k(ctx, a, k, v) != BK_OK)
            return BK_ERR;
    }
    if (set_len(ctx, a, del) != BK_OK)
        return BK_ERR;
    if (items < del) {
        if (move_elems(ctx, o, start + del, start + items,
                       len - start - del) != BK_OK ||
            delete_range(ctx, o, len - del + items, len) != BK_OK)
            return BK_ERR;
    } else if (items > del) {
        if (move_elems(ctx, o, start + del, start + items,
                       len - start - del) != BK_OK)
            return BK_ERR;
    }
    for (int i = 0; i < items; i++)
        if (set_k(ctx, o, start + i, argv[2 + i]) != BK_OK)
            return BK_ERR;
    if (set_len(ctx, o, len - del + items) != BK_OK)
        return BK_ERR;
    *ret = a;
    return BK_OK;
}

/* IsConcatSpreadable. */
static int spreadable(bk_js_ctx_t *ctx, val_t v, int *out)
{
    *out = 0;
    if (!v_is_obj(v))
        return BK_OK;
    bk_js_str_t *sym = ctx->prog->sym[SYM_isConcatSpreadable];
    val_t s;
    if (bk_js__get(ctx, v, sym, &s) != BK_OK)
        return BK_ERR;
    *out = s != V_UNDEF ? bk_js__truthy(s) : v_obj(v)->cls == CLS_ARRAY;
    return BK_OK;
}

static int Array_concat(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    bk_js_obj_t *self;
    val_t a;
    if (bk_js__to_object(ctx, this_val, &self) != BK_OK ||
        species_create(ctx, v_mkobj(self), 0, &a) != BK_OK)
        return BK_ERR;
    int fast = plain_array(ctx, a);
    double n = 0;
    for (int i = -1; i < argc; i++) {
        val_t e = i < 0 ? v_mkobj(self) : argv[i];
        int sp;
        if (spreadable(ctx, e, &sp) != BK_OK)
            return BK_ERR;
        if (!sp) {
            if (n >= MAX_SAFE)
                return bk_js__type_error(ctx, "Invalid array length");
            if (put_k(ctx, a, n++, e) != BK_OK)
                return BK_ERR;
            continue;
        }
        double len;
        if (bk_js__length_of(ctx, e, &len) != BK_OK)
            return BK_ERR;
        if (n + len > MAX_SAFE)
            return bk_js__type_error(ctx, "Invalid array length");
        bk_js_obj_t *eb = bk_js__rd(ctx, v_obj(e));
        if (fast && eb->cls == CLS_ARRAY && plain_array(ctx, e) &&
            eb->nelems == len && bk_js__rd(ctx, v_obj(a))->nelems == n &&
            n + len < MAX_INDEX) {
            for (uint32_t k = 0; k < eb->nelems; k++)
                bk_js__array_push(ctx, v_obj(a), eb->elems[k]);
            bk_js__charge(ctx, eb->nelems / 4);
            n += len;
            continue;
        }
        for (double k = 0; k < len; k++) {
            k = next_k(ctx, e, k, len);
            if (k >= len)
                break;
            val_t v;
            bk_js__charge(ctx, 1);
            if (get_k(ctx, e, k, &v) != BK_OK ||
                put_k(ctx, a, n + k, v) != BK_OK)
                return BK_ERR;
        }
        n += len;
    }
    if (set_len(ctx, a, n) != BK_OK)
        return BK_ERR;
    *ret = a;
    return BK_OK;
}

/* ---- strings --------------------------------------------------------- */

int bk_js__array_join(bk_js_ctx_t *ctx, val_t o, bk_js_str_t *sep, val_t *ret)
{
    double len;
    if (bk_js__length_of(ctx, o, &len) != BK_OK)
        return BK_ERR;
    if (len > 0 && sep->len > 0 && (len - 1) * sep->len >= (1u << 30))
        return bk_js__range_error(ctx, "Invalid string length");
    bk_js_str_t *r = A(ctx, empty);
    for (double k = 0; k < len; k++) {
        if (k > 0)
            r = bk_js__str_concat(ctx, r, sep);
        val_t v;
        if (v_is_obj(o) && !dense_at(bk_js__rd(ctx, v_obj(o)), k, &v)) {
            /* Missing elements read as undefined and join as "": only
             * their separators are added (new Array(n).join(s) makes no
             * atom per index). */
            double nk = next_k(ctx, o, k, len);
            if (nk > k) {
                if (sep->len > 0)
                    for (double j = k + 1; j < nk; j++)
                        r = bk_js__str_concat(ctx, r, sep);
                k = nk - 1;
                continue;
            }
            if (get_k(ctx, o, k, &v) != BK_OK)
                return BK_ERR;
        } else if (!v_is_obj(o) && get_k(ctx, o, k, &v) != BK_OK) {
            return BK_ERR;
        }
        if (v_is_nullish(v))
            continue;
        bk_js_str_t *s;
        if (bk_js__to_string(ctx, v, &s) != BK_OK)
            return BK_ERR;
        r = bk_js__str_concat(ctx, r, s);
    }
    *ret = v_mkstr(r);
    return BK_OK;
}

/* Runs 'fn' for Array.prototype.join/toLocaleString with the cycle guard
 * (a nested join of an array being joined gives ""). */
static int guarded(bk_js_ctx_t *ctx, val_t o, bk_js_str_t *sep,
                   int (*fn)(bk_js_ctx_t *, val_t, bk_js_str_t *, val_t *),
                   val_t *ret)
{
    for (unsigned i = 0; i < ctx->join_depth; i++)
        if (ctx->join_stack[i] == o) {
            *ret = v_mkstr(A(ctx, empty));
            return BK_OK;
        }
    if (ctx->join_depth >= BK_COUNTOF(ctx->join_stack))
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    ctx->join_stack[ctx->join_depth++] = o;
    int rc = fn(ctx, o, sep, ret);
    ctx->join_depth--;
    return rc;
}

static int Array_join(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    bk_js_str_t *sep = bk_js__str_cstr(ctx, ",");
    if (ARG(0) != V_UNDEF && bk_js__to_string(ctx, argv[0], &sep) != BK_OK)
        return BK_ERR;
    return guarded(ctx, o, sep, bk_js__array_join, ret);
}

static int Array_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    bk_js_obj_t *ob;
    if (bk_js__to_object(ctx, this_val, &ob) != BK_OK)
        return BK_ERR;
    val_t f, o = v_mkobj(ob);
    if (bk_js__get(ctx, o, A(ctx, join), &f) != BK_OK)
        return BK_ERR;
    if (bk_js__is_callable(f))
        return bk_js__call(ctx, f, o, 0, NULL, ret);
    /* %Object.prototype.toString% */
    bk_js_prop_t *p = bk_js__find(
        bk_js__rd(ctx, ctx->prog->proto[PROTO_OBJECT]), A(ctx, toString));
    if (p != NULL && !(p->flags & P_ACCESSOR) && bk_js__is_callable(p->v))
        return bk_js__call(ctx, p->v, o, 0, NULL, ret);
    *ret = v_mkstr(bk_js__str_cstr(ctx, "[object Object]"));
    return BK_OK;
}

static int locale_join(bk_js_ctx_t *ctx, val_t o, bk_js_str_t *sep,
                       val_t *ret)
{
    double len;
    if (bk_js__length_of(ctx, o, &len) != BK_OK)
        return BK_ERR;
    bk_js_str_t *r = A(ctx, empty);
    bk_js_str_t *name = bk_js__atom_cstr(ctx, "toLocaleString");
    for (double k = 0; k < len; k++) {
        if (k > 0)
            r = bk_js__str_concat(ctx, r, sep);
        val_t v, f, s;
        if (get_h(ctx, o, k, &v) != BK_OK)
            return BK_ERR;
        if (v_is_nullish(v))
            continue;
        if (bk_js__get(ctx, v, name, &f) != BK_OK)
            return BK_ERR;
        if (!bk_js__is_callable(f))
            return not_callable(ctx, f);
        bk_js_str_t *str;
        if (bk_js__call(ctx, f, v, 0, NULL, &s) != BK_OK ||
            bk_js__to_string(ctx, s, &str) != BK_OK)
            return BK_ERR;
        r = bk_js__str_concat(ctx, r, str);
    }
    *ret = v_mkstr(r);
    return BK_OK;
}

static int Array_toLocaleString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    return guarded(ctx, o, bk_js__str_cstr(ctx, ","), locale_join, ret);
}

/* ---- searching ------------------------------------------------------- */

/* magic: 0 indexOf, 1 lastIndexOf, 2 includes */
static int Array_indexOf(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    int m = ctx->native_magic;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    val_t x = ARG(0);
    *ret = m == 2 ? V_FALSE : v_mknum(-1);
    if (len == 0)
        return BK_OK;
    double n;
    if (argc > 1) {
        if (bk_js__to_number(ctx, argv[1], &n) != BK_OK)
            return BK_ERR;
        n = bk_js__to_integer(n);
    } else {
        n = m == 1 ? len - 1 : 0;
    }
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(o));
    int64_t steps = 0; /* charged per 8 elements looked at */
    if (m == 1) {
        double k = n >= 0 ? BK_MIN(n, len - 1) : len + n;
        for (; k >= 0; k--, steps++) {
            val_t v;
            if (!dense_at(b, k, &v)) {
                k = prev_k(ctx, o, k, 0);
                if (k < 0)
                    break;
                if (get_k(ctx, o, k, &v) != BK_OK)
                    return BK_ERR;
                b = bk_js__rd(ctx, v_obj(o));
            }
            if (bk_js__strict_eq(v, x)) {
                *ret = v_mknum(k);
                return BK_OK;
            }
        }
        bk_js__charge(ctx, steps / 8);
        return BK_OK;
    }
    double k = n >= 0 ? n : BK_MAX(len + n, 0);
    for (; k < len; k++, steps++) {
        val_t v;
        if (!dense_at(b, k, &v)) {
            double nk = next_k(ctx, o, k, len);
            if (m == 2 && nk > k && x == V_UNDEF) {
                *ret = V_TRUE; /* a missing element reads as undefined */
                return BK_OK;
            }
            k = nk;
            if (k >= len)
                break;
            if (get_k(ctx, o, k, &v) != BK_OK)
                return BK_ERR;
            b = bk_js__rd(ctx, v_obj(o));
        }
        if (m == 2 ? bk_js__same_value_zero(v, x) : bk_js__strict_eq(v, x)) {
            *ret = m == 2 ? V_TRUE : v_mknum(k);
            return BK_OK;
        }
    }
    bk_js__charge(ctx, steps / 8);
    return BK_OK;
}

/* ---- callbacks ------------------------------------------------------- */

/* The callback methods. magic: 0 forEach, 1 map, 2 filter, 3 some,
 * 4 every, 5 find, 6 findIndex, 7 findLast, 8 findLastIndex */
static int Array_iterate(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    int m = ctx->native_magic;
    val_t o, a = V_UNDEF;
    double len, to = 0;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(0), this_arg = ARG(1);
    if (!bk_js__is_callable(fn))
        return not_callable(ctx, fn);
    if ((m == 1 || m == 2) &&
        species_create(ctx, o, m == 1 ? len : 0, &a) != BK_OK)
        return BK_ERR;
    int fast = (m == 1 || m == 2) && plain_array(ctx, a);
    int rev = m >= 7;
    for (double i = 0; i < len; i++) {
        double k = rev ? len - 1 - i : i;
        val_t v;
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(o));
        if (!dense_at(b, k, &v)) {
            if (m < 5) {
                k = next_k(ctx, o, k, len);
                if (k >= len)
                    break;
                i = k;
            }
            if (get_h(ctx, o, k, &v) != BK_OK)
                return BK_ERR;
        }
        val_t args[3] = {v, v_mknum(k), o}, r;
        if (bk_js__call(ctx, fn, this_arg, 3, args, &r) != BK_OK)
            return BK_ERR;
        switch (m) {
        case 1:
            if (put_k(ctx, a, k, r) != BK_OK)
                return BK_ERR;
            break;
        case 2:
            if (bk_js__truthy(r)) {
                if (fast && plain_array(ctx, a) &&
                    bk_js__rd(ctx, v_obj(a))->nelems == to) {
                    bk_js__array_push(ctx, v_obj(a), v);
                    to++;
                } else if (put_k(ctx, a, to++, v) != BK_OK) {
                    return BK_ERR;
                }
            }
            break;
        case 3:
            if (bk_js__truthy(r)) {
                *ret = V_TRUE;
                return BK_OK;
            }
            break;
        case 4:
            if (!bk_js__truthy(r)) {
                *ret = V_FALSE;
                return BK_OK;
            }
            break;
        case 5:
        case 7:
            if (bk_js__truthy(r)) {
                *ret = v;
                return BK_OK;
            }
            break;
        case 6:
        case 8:
            if (bk_js__truthy(r)) {
                *ret = v_mknum(k);
                return BK_OK;
            }
            break;
        default:
            break;
        }
    }
    switch (m) {
    case 1:
    case 2:
        *ret = a;
        break;
    case 3:
        *ret = V_FALSE;
        break;
    case 4:
        *ret = V_TRUE;
        break;
    case 6:
    case 8:
        *ret = v_mknum(-1);
        break;
    default:
        *ret = V_UNDEF;
    }
    return BK_OK;
}

/* magic: 0 reduce, 1 reduceRight */
static int Array_reduce(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    int right = ctx->native_magic;
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(0);
    if (!bk_js__is_callable(fn))
        return not_callable(ctx, fn);
    val_t acc = V_UNDEF;
    int have = argc > 1;
    if (have)
        acc = argv[1];
    /* k walks up (reduce) or down (reduceRight); 'left' counts the
     * indexes still to visit. */
    double k = right ? len - 1 : 0;
    for (;;) {
        if (right) {
            if (k < 0)
                break;
            k = prev_k(ctx, o, k, 0);
            if (k < 0)
                break;
        } else {
            if (k >= len)
                break;
            k = next_k(ctx, o, k, len);
            if (k >= len)
                break;
        }
        val_t v;
        if (get_k(ctx, o, k, &v) != BK_OK)
            return BK_ERR;
        if (!have) {
            acc = v;
            have = 1;
        } else {
            val_t args[4] = {acc, v, v_mknum(k), o};
            if (bk_js__call(ctx, fn, V_UNDEF, 4, args, &acc) != BK_OK)
                return BK_ERR;
        }
        k += right ? -1 : 1;
    }
    if (!have)
        return bk_js__type_error(ctx, "Reduce of empty array with no initial "
                                      "value");
    *ret = acc;
    return BK_OK;
}

/* ---- reordering ------------------------------------------------------ */

static int Array_reverse(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    double mid = floor(len / 2);
    if (plain_array(ctx, o)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(o));
        if (b->nelems == b->len) {
            b = bk_js__wr(ctx, v_obj(o));
            for (uint32_t lo = 0, hi = b->len; lo + 1 < hi; lo++, hi--) {
                val_t t = b->elems[lo];
                b->elems[lo] = b->elems[hi - 1];
                b->elems[hi - 1] = t;
            }
            /* A hole moved to the end would leave nelems covering it:
             * that is allowed (holes are V_EMPTY anywhere). */
            bk_js__charge(ctx, b->len / 8);
            *ret = o;
            return BK_OK;
        }
    }
    for (double lo = 0; lo < mid; lo++) {
        /* The next pair where either side exists. */
        double nl = next_k(ctx, o, lo, mid);
        double nu = prev_k(ctx, o, len - 1 - lo, len - mid);
        double lo2 = nu >= len - mid ? len - 1 - nu : mid;
        lo = BK_MIN(nl, lo2);
        if (lo >= mid)
            break;
        double hi = len - 1 - lo;
        int hl, hh;
        val_t a = V_UNDEF, b = V_UNDEF;
        bk_js__charge(ctx, 1);
        hl = next_k(ctx, o, lo, lo + 1) == lo;
        if (hl && get_k(ctx, o, lo, &a) != BK_OK)
            return BK_ERR;
        hh = next_k(ctx, o, hi, hi + 1) == hi;
        if (hh && get_k(ctx, o, hi, &b) != BK_OK)
            return BK_ERR;
        if (hh) {
            if (set_k(ctx, o, lo, b) != BK_OK)
                return BK_ERR;
        } else if (hl && del_k(ctx, o, lo) != BK_OK) {
            return BK_ERR;
        }
        if (hl) {
            if (set_k(ctx, o, hi, a) != BK_OK)
                return BK_ERR;
        } else if (hh && del_k(ctx, o, hi) != BK_OK) {
            return BK_ERR;
        }
    }
    *ret = o;
    return BK_OK;
}

/* SortCompare: undefined last, then the comparator or string order. */
static int sort_cmp(bk_js_ctx_t *ctx, val_t fn, val_t a, val_t b, int *out)
{
    if (a == V_UNDEF || b == V_UNDEF) {
        *out = (a == V_UNDEF) - (b == V_UNDEF);
        return BK_OK;
    }
    if (fn != V_UNDEF) {
        val_t args[2] = {a, b}, r;
        if (bk_js__call(ctx, fn, V_UNDEF, 2, args, &r) != BK_OK)
            return BK_ERR;
        double d;
        if (bk_js__to_number(ctx, r, &d) != BK_OK)
            return BK_ERR;
        *out = d < 0 ? -1 : d > 0 ? 1 : 0;
        return BK_OK;
    }
    if (v_is_str(a) && v_is_str(b)) {
        *out = bk_js__str_cmp(v_str(a), v_str(b));
        return BK_OK;
    }
    bk_js_str_t *x, *y;
    if (bk_js__to_string(ctx, a, &x) != BK_OK ||
        bk_js__to_string(ctx, b, &y) != BK_OK)
        return BK_ERR;
    *out = bk_js__str_cmp(x, y);
    return BK_OK;
}

/* A stable merge sort of v[0..n) (SortIndexedProperties' sort step). */
static int merge_sort(bk_js_ctx_t *ctx, val_t fn, val_t *v, uint32_t n)
{
    val_t *tmp = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(val_t));
    for (uint32_t w = 1; w < n; w *= 2) {
        for (uint32_t lo = 0; lo < n - w; lo += 2 * w) {
            uint32_t mid = lo + w, hi = BK_MIN(lo + 2 * w, n);
            uint32_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                int c;
                if (sort_cmp(ctx, fn, v[j], v[i], &c) != BK_OK)
                    return BK_ERR;
                tmp[k++] = c < 0 ? v[j++] : v[i++];
            }
            while (i < mid)
                tmp[k++] = v[i++];
            while (j < hi)
                tmp[k++] = v[j++];
            memcpy(v + lo, tmp + lo, (hi - lo) * sizeof(val_t));
        }
    }
    bk_js__charge(ctx, n);
    return BK_OK;
}

static int Array_sort(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t fn = ARG(0);
    if (fn != V_UNDEF && !bk_js__is_callable(fn))
        return bk_js__type_error(ctx, "The comparison function must be either "
                                      "a function or undefined");
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    uint32_t n = 0, cap = len < 65536 ? (uint32_t)len + 1 : 65536;
    val_t *v = bk_js__ialloc(ctx, cap * sizeof(val_t));
    for (double k = 0; k < len; k++) {
        val_t x;
        if (!dense_at(bk_js__rd(ctx, v_obj(o)), k, &x)) {
            k = next_k(ctx, o, k, len);
            if (k >= len)
                break;
            if (get_k(ctx, o, k, &x) != BK_OK)
                return BK_ERR;
        }
        if (n == cap) {
            if (cap >= (1u << 27))
                bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
            v = bk_js__irealloc(ctx, v, cap * sizeof(val_t),
                                2 * cap * sizeof(val_t));
            cap *= 2;
        }
        v[n++] = x;
    }
    if (merge_sort(ctx, fn, v, n) != BK_OK)
        return BK_ERR;
    int direct = 0;
    if (plain_array(ctx, o)) {
        /* Each Set would overwrite a present own element: write the dense
         * part directly (checked after sorting: the comparator may have
         * changed the array). */
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(o));
        uint32_t k = 0;
        while (k < n && k < b->nelems && b->elems[k] != V_EMPTY)
            k++;
        if (k == n && n > 0) {
            memcpy(bk_js__wr(ctx, v_obj(o))->elems, v, n * sizeof(val_t));
            direct = 1;
        }
    }
    for (uint32_t k = 0; !direct && k < n; k++)
        if (set_k(ctx, o, k, v[k]) != BK_OK)
            return BK_ERR;
    if (delete_range(ctx, o, n, len) != BK_OK)
        return BK_ERR;
    *ret = o;
    return BK_OK;
}

static int Array_fill(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t o;
    double len, from, to;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK ||
        rel_index(ctx, ARG(1), len, 0, &from) != BK_OK ||
        rel_index(ctx, ARG(2), len, len, &to) != BK_OK)
        return BK_ERR;
    bk_js__charge(ctx, (int64_t)BK_MAX(to - from, 0) / 4);
    for (double k = from; k < to; k++)
        if (set_k(ctx, o, k, ARG(0)) != BK_OK)
            return BK_ERR;
    *ret = o;
    return BK_OK;
}

static int Array_copyWithin(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    val_t o;
    double len, to, from, end;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK ||
        rel_index(ctx, ARG(0), len, 0, &to) != BK_OK ||
        rel_index(ctx, ARG(1), len, 0, &from) != BK_OK ||
        rel_index(ctx, ARG(2), len, len, &end) != BK_OK)
        return BK_ERR;
    double count = BK_MIN(end - from, len - to);
    /* The spec walks down only when from < to < from + count. */
    if (count > 0 &&
        move_dir(ctx, o, from, to, count, from < to && to < from + count) !=
            BK_OK)
        return BK_ERR;
    *ret = o;
    return BK_OK;
}

static int Array_at(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    val_t o;
    double len, d;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (bk_js__to_number(ctx, ARG(0), &d) != BK_OK)
        return BK_ERR;
    d = bk_js__to_integer(d);
    if (d < 0)
        d += len;
    if (d < 0 || d >= len) {
        *ret = V_UNDEF;
        return BK_OK;
    }
    return get_h(ctx, o, d, ret);
}

/* FlattenIntoArray; returns the next target index in *n. */
static int flatten(bk_js_ctx_t *ctx, val_t target, val_t src, double srclen,
                   double *n, double depth, val_t fn, val_t this_arg,
                   int level)
{
    for (double k = 0; k < srclen; k++) {
        k = next_k(ctx, src, k, srclen);
        if (k >= srclen)
            break;
        val_t v;
        bk_js__charge(ctx, 1);
        if (get_k(ctx, src, k, &v) != BK_OK)
            return BK_ERR;
        if (fn != V_UNDEF) {
            val_t args[3] = {v, v_mknum(k), src};
            if (bk_js__call(ctx, fn, this_arg, 3, args, &v) != BK_OK)
                return BK_ERR;
        }
        if (depth > 0 && v_is_obj(v) && v_obj(v)->cls == CLS_ARRAY) {
            if (level >= 100)
                return bk_js__range_error(ctx, "Maximum call stack size "
                                               "exceeded");
            double elen;
            if (bk_js__length_of(ctx, v, &elen) != BK_OK ||
                flatten(ctx, target, v, elen, n, depth - 1, V_UNDEF, V_UNDEF,
                        level + 1) != BK_OK)
                return BK_ERR;
        } else {
            if (*n >= MAX_SAFE)
                return bk_js__type_error(ctx, "Invalid array length");
            if (put_k(ctx, target, *n, v) != BK_OK)
                return BK_ERR;
            (*n)++;
        }
    }
    return BK_OK;
}

/* magic: 0 flat, 1 flatMap */
static int Array_flat(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t o, a, fn = V_UNDEF;
    double len, depth = 1, n = 0;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (ctx->native_magic) {
        fn = ARG(0);
        if (!bk_js__is_callable(fn))
            return bk_js__type_error(ctx, "flatMap mapper function is not "
                                          "callable");
    } else if (ARG(0) != V_UNDEF) {
        if (bk_js__to_number(ctx, argv[0], &depth) != BK_OK)
            return BK_ERR;
        depth = bk_js__to_integer(depth);
        if (depth < 0)
            depth = 0;
    }
    if (species_create(ctx, o, 0, &a) != BK_OK ||
        flatten(ctx, a, o, len, &n, depth, fn, ARG(1), 0) != BK_OK)
        return BK_ERR;
    *ret = a;
    return BK_OK;
}

/* magic: 0 values, 1 keys, 2 entries */
static int Array_values(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    bk_js_obj_t *o;
    if (bk_js__to_object(ctx, this_val, &o) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *it = bk_js__obj_new(ctx, CLS_ITER,
                                     ctx->prog->proto[PROTO_ARRAY_ITER]);
    it->u.it.target = v_mkobj(o);
    it->u.it.i = 0;
    it->u.it.kind = (uint8_t)ctx->native_magic;
    *ret = v_mkobj(it);
    return BK_OK;
}

void bk_js__install_array(bk_js_ctx_t *ctx)
{
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_ARRAY];
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "Array", Array_ctor, 1, proto);
    static const bk_js_method_t statics[] = {
        {"isArray", Array_isArray, 1, 0},
        {"of", Array_of, 0, 0},
        {"from", Array_from, 1, 0},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    bk_js__def_species(ctx, c);
    static const bk_js_method_t methods[] = {
        {"push", Array_push, 1, 0},
        {"pop", Array_pop, 0, 0},
        {"shift", Array_shift, 0, 0},
        {"unshift", Array_unshift, 1, 0},
        {"slice", Array_slice, 2, 0},
        {"splice", Array_splice, 2, 0},
        {"concat", Array_concat, 1, 0},
        {"join", Array_join, 1, 0},
        {"toString", Array_toString, 0, 0},
        {"toLocaleString", Array_toLocaleString, 0, 0},
        {"indexOf", Array_indexOf, 1, 0},
        {"lastIndexOf", Array_indexOf, 1, 1},
        {"includes", Array_indexOf, 1, 2},
        {"forEach", Array_iterate, 1, 0},
        {"map", Array_iterate, 1, 1},
        {"filter", Array_iterate, 1, 2},
        {"some", Array_iterate, 1, 3},
        {"every", Array_iterate, 1, 4},
        {"find", Array_iterate, 1, 5},
        {"findIndex", Array_iterate, 1, 6},
        {"findLast", Array_iterate, 1, 7},
        {"findLastIndex", Array_iterate, 1, 8},
        {"reduce", Array_reduce, 1, 0},
        {"reduceRight", Array_reduce, 1, 1},
        {"reverse", Array_reverse, 0, 0},
        {"sort", Array_sort, 1, 0},
        {"fill", Array_fill, 1, 0},
        {"copyWithin", Array_copyWithin, 2, 0},
        {"at", Array_at, 1, 0},
        {"flat", Array_flat, 0, 0},
        {"flatMap", Array_flat, 1, 1},
        {"keys", Array_values, 0, 1},
        {"entries", Array_values, 0, 2},
        {"values", Array_values, 0, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, proto),
                                  bk_js__atom_cstr(ctx, "values"));
    ctx->prog->array_values = v_obj(p->v);
    if (ctx->prog->sym[SYM_iterator])
        bk_js__put_own(ctx, proto, ctx->prog->sym[SYM_iterator], p->v,
                       P_WRITABLE | P_CONFIGURABLE);
}
