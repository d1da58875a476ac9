/*
 * builtin_array.c: Array and Array.prototype.
 *
 * Methods are written against the generic array-like protocol (length,
 * get/set by index) as the spec does, with fast paths for dense arrays
 * where the result cannot differ. Callbacks run through bk_js__call and
 * each element costs a unit of compute.
 */
#include <math.h>

#include "js/js_int.h"

static int this_obj(bk_js_ctx_t *ctx, val_t this_val, val_t *o, double *len)
{
    bk_js_obj_t *ob;
    if (bk_js__to_object(ctx, this_val, &ob) != BK_OK)
        return BK_ERR;
    *o = v_mkobj(ob);
    return bk_js__length_of(ctx, *o, len);
}

/* Relative index argument (slice, splice, fill, ...). */
static double rel_index(bk_js_ctx_t *ctx, val_t v, double len, double dflt,
                        int *err)
{
    if (v == V_UNDEF)
        return dflt;
    double d;
    if (bk_js__to_number(ctx, v, &d) != BK_OK) {
        *err = 1;
        return 0;
    }
    d = bk_js__to_integer(d);
    if (d < 0)
        d = BK_MAX(len + d, 0);
    else
        d = BK_MIN(d, len);
    return d;
}

static int has_index(bk_js_ctx_t *ctx, val_t o, uint32_t i, int *has)
{
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(o));
    if ((b->cls == CLS_ARRAY) && i < b->nelems && b->elems[i] != V_EMPTY) {
        *has = 1;
        return BK_OK;
    }
    return bk_js__has(ctx, v_obj(o), bk_js__atom_index(ctx, i), has);
}

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

static int Array_of(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    *ret = v_mkobj(bk_js__array_from(ctx, argv, (uint32_t)argc));
    return BK_OK;
}

static int Array_from(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t src = ARG(0), fn = ARG(1), this_arg = ARG(2);
    if (fn != V_UNDEF && !bk_js__is_callable(fn))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, fn));
    if (v_is_nullish(src))
        return bk_js__type_error(ctx, "%s is not iterable",
                                 bk_js__describe(ctx, src));
    bk_js_obj_t *a = bk_js__array_new(ctx, 0);
    val_t f = V_UNDEF;
    if (ctx->prog->sym[SYM_iterator] &&
        bk_js__get(ctx, src, ctx->prog->sym[SYM_iterator], &f) != BK_OK)
        return BK_ERR;
    uint32_t k = 0;
    if (!v_is_nullish(f)) {
        val_t it, next, v;
        if (bk_js__get_iterator(ctx, src, &it, &next) != BK_OK)
            return BK_ERR;
        for (;; k++) {
            int r = bk_js__iter_step(ctx, it, next, &v);
            if (r < 0)
                return BK_ERR;
            if (r == 0)
                break;
            if (fn != V_UNDEF) {
                val_t args[2] = {v, v_mknum(k)};
                if (bk_js__call(ctx, fn, this_arg, 2, args, &v) != BK_OK)
                    return BK_ERR;
            }
            bk_js__array_push(ctx, a, v);
        }
    } else {
        double len;
        if (bk_js__length_of(ctx, src, &len) != BK_OK)
            return BK_ERR;
        for (; k < len; k++) {
            val_t v;
            if (bk_js__get_index(ctx, src, k, &v) != BK_OK)
                return BK_ERR;
            if (fn != V_UNDEF) {
                val_t args[2] = {v, v_mknum(k)};
                if (bk_js__call(ctx, fn, this_arg, 2, args, &v) != BK_OK)
                    return BK_ERR;
            }
            bk_js__array_push(ctx, a, v);
        }
    }
    *ret = v_mkobj(a);
    return BK_OK;
}

static int set_len(bk_js_ctx_t *ctx, val_t o, double len)
{
    return bk_js__set(ctx, o, A(ctx, length), v_mknum(len));
}

static int Array_push(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    if (v_is_obj(this_val) && v_obj(this_val)->cls == CLS_ARRAY) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(this_val));
        if (b->nelems == b->len && (b->flags & OF_EXTENSIBLE) &&
            !(b->flags & (OF_LEN_RO | OF_SPARSE))) {
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
    for (int i = 0; i < argc; i++)
        if (bk_js__set_v(ctx, o, v_mknum(len + i), argv[i]) != BK_OK)
            return BK_ERR;
    if (set_len(ctx, o, len + argc) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(len + argc);
    return BK_OK;
}

static int Array_pop(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (len == 0) {
        *ret = V_UNDEF;
        return set_len(ctx, o, 0);
    }
    if (bk_js__get_index(ctx, o, (uint32_t)len - 1, ret) != BK_OK)
        return BK_ERR;
    int ok;
    if (bk_js__delete(ctx, v_obj(o), bk_js__atom_index(ctx, (uint32_t)len - 1),
                      &ok) != BK_OK)
        return BK_ERR;
    return set_len(ctx, o, len - 1);
}

/* Moves elements [from, from+count) to 'to' (overlap-safe), as shift/
 * unshift/splice need; holes stay holes. */
static int move_elems(bk_js_ctx_t *ctx, val_t o, double from, double to,
                      double count)
{
    bk_js__charge(ctx, (int64_t)count);
    if (to < from) {
        for (double k = 0; k < count; k++) {
            int has;
            if (has_index(ctx, o, (uint32_t)(from + k), &has) != BK_OK)
                return BK_ERR;
            if (has) {
                val_t v;
                if (bk_js__get_index(ctx, o, (uint32_t)(from + k), &v) !=
                        BK_OK ||
                    bk_js__set_index(ctx, o, (uint32_t)(to + k), v) != BK_OK)
                    return BK_ERR;
            } else {
                int ok;
                if (bk_js__delete(ctx, v_obj(o),
                                  bk_js__atom_index(ctx, (uint32_t)(to + k)),
                                  &ok) != BK_OK)
                    return BK_ERR;
            }
        }
    } else {
        for (double k = count; k-- > 0;) {
            int has;
            if (has_index(ctx, o, (uint32_t)(from + k), &has) != BK_OK)
                return BK_ERR;
            if (has) {
                val_t v;
                if (bk_js__get_index(ctx, o, (uint32_t)(from + k), &v) !=
                        BK_OK ||
                    bk_js__set_index(ctx, o, (uint32_t)(to + k), v) != BK_OK)
                    return BK_ERR;
            } else {
                int ok;
                if (bk_js__delete(ctx, v_obj(o),
                                  bk_js__atom_index(ctx, (uint32_t)(to + k)),
                                  &ok) != BK_OK)
                    return BK_ERR;
            }
        }
    }
    return BK_OK;
}

static int truncate_to(bk_js_ctx_t *ctx, val_t o, double oldlen, double len)
{
    for (double k = oldlen; k-- > len;) {
        int ok;
        if (bk_js__delete(ctx, v_obj(o), bk_js__atom_index(ctx, (uint32_t)k),
                          &ok) != BK_OK)
            return BK_ERR;
    }
    return set_len(ctx, o, len);
}

static int Array_shift(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (len == 0) {
        *ret = V_UNDEF;
        return set_len(ctx, o, 0);
    }
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(o));
    if (b->cls == CLS_ARRAY && b->nelems == b->len &&
        !(b->flags & (OF_SPARSE | OF_FROZEN | OF_SEALED | OF_LEN_RO))) {
        int dense = 1;
        for (uint32_t i = 0; i < b->nelems && dense; i++)
            dense = b->elems[i] != V_EMPTY;
        if (dense) {
            b = bk_js__wr(ctx, v_obj(o));
            *ret = b->elems[0];
            memmove(b->elems, b->elems + 1, (b->nelems - 1) * sizeof(val_t));
            b->nelems--;
            b->len--;
            bk_js__charge(ctx, b->nelems / 8);
            return BK_OK;
        }
    }
    if (bk_js__get_index(ctx, o, 0, ret) != BK_OK)
        return BK_ERR;
    if (move_elems(ctx, o, 1, 0, len - 1) != BK_OK)
        return BK_ERR;
    return truncate_to(ctx, o, len, len - 1);
}

static int Array_unshift(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    if (argc > 0) {
        if (move_elems(ctx, o, 0, argc, len) != BK_OK)
            return BK_ERR;
        for (int i = 0; i < argc; i++)
            if (bk_js__set_index(ctx, o, (uint32_t)i, argv[i]) != BK_OK)
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
    val_t o;
    double len;
    int err = 0;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    double from = rel_index(ctx, ARG(0), len, 0, &err);
    double to = rel_index(ctx, ARG(1), len, len, &err);
    if (err)
        return BK_ERR;
    bk_js_obj_t *a = bk_js__array_new(ctx, to > from ? (uint32_t)(to - from)
                                                     : 0);
    uint32_t n = 0;
    for (double k = from; k < to; k++, n++) {
        int has;
        if (has_index(ctx, o, (uint32_t)k, &has) != BK_OK)
            return BK_ERR;
        if (!has)
            continue;
        val_t v;
        if (bk_js__get_index(ctx, o, (uint32_t)k, &v) != BK_OK ||
            bk_js__set_index(ctx, v_mkobj(a), n, v) != BK_OK)
            return BK_ERR;
    }
    a->len = n;
    bk_js__charge(ctx, n / 4);
    *ret = v_mkobj(a);
    return BK_OK;
}

static int Array_splice(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    int err = 0;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    double start = rel_index(ctx, ARG(0), len, 0, &err);
    double del;
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
    if (err)
        return BK_ERR;
    bk_js_obj_t *removed = bk_js__array_new(ctx, (uint32_t)del);
    for (double k = 0; k < del; k++) {
        int has;
        if (has_index(ctx, o, (uint32_t)(start + k), &has) != BK_OK)
            return BK_ERR;
        if (has) {
            val_t v;
            if (bk_js__get_index(ctx, o, (uint32_t)(start + k), &v) != BK_OK)
                return BK_ERR;
            if (bk_js__set_index(ctx, v_mkobj(removed), (uint32_t)k, v) !=
                BK_OK)
                return BK_ERR;
        }
    }
    removed->len = (uint32_t)del;
    double items = argc > 2 ? argc - 2 : 0;
    if (items != del) {
        if (move_elems(ctx, o, start + del, start + items,
                       len - start - del) != BK_OK)
            return BK_ERR;
        if (items < del &&
            truncate_to(ctx, o, len, len - del + items) != BK_OK)
            return BK_ERR;
    }
    for (int i = 0; i < items; i++)
        if (bk_js__set_index(ctx, o, (uint32_t)(start + i), argv[2 + i]) !=
            BK_OK)
            return BK_ERR;
    if (set_len(ctx, o, len - del + items) != BK_OK)
        return BK_ERR;
    *ret = v_mkobj(removed);
    return BK_OK;
}

static int is_concat_spreadable(val_t v)
{
    return v_is_obj(v) && v_obj(v)->cls == CLS_ARRAY;
}

static int Array_concat(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    bk_js_obj_t *self;
    if (bk_js__to_object(ctx, this_val, &self) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *a = bk_js__array_new(ctx, 0);
    uint32_t n = 0;
    for (int i = -1; i < argc; i++) {
        val_t e = i < 0 ? v_mkobj(self) : argv[i];
        if (is_concat_spreadable(e)) {
            double len;
            if (bk_js__length_of(ctx, e, &len) != BK_OK)
                return BK_ERR;
            for (uint32_t k = 0; k < len; k++) {
                int has;
                if (has_index(ctx, e, k, &has) != BK_OK)
                    return BK_ERR;
                if (has) {
                    val_t v;
                    if (bk_js__get_index(ctx, e, k, &v) != BK_OK ||
                        bk_js__set_index(ctx, v_mkobj(a), n + k, v) != BK_OK)
                        return BK_ERR;
                }
            }
            n += (uint32_t)len;
            bk_js__wr(ctx, a)->len = n;
        } else {
            if (bk_js__set_index(ctx, v_mkobj(a), n++, e) != BK_OK)
                return BK_ERR;
        }
    }
    *ret = v_mkobj(a);
    return BK_OK;
}

int bk_js__array_join(bk_js_ctx_t *ctx, val_t o, bk_js_str_t *sep, val_t *ret)
{
    double len;
    if (bk_js__length_of(ctx, o, &len) != BK_OK)
        return BK_ERR;
    bk_js_str_t *r = A(ctx, empty);
    for (uint32_t k = 0; k < len; k++) {
        if (k > 0)
            r = bk_js__str_concat(ctx, r, sep);
        val_t v;
        if (bk_js__get_index(ctx, o, k, &v) != BK_OK)
            return BK_ERR;
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


static int Array_join(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_obj_t *ob;
    if (bk_js__to_object(ctx, this_val, &ob) != BK_OK)
        return BK_ERR;
    val_t o = v_mkobj(ob);
    bk_js_str_t *sep = bk_js__str_cstr(ctx, ",");
    if (ARG(0) != V_UNDEF && bk_js__to_string(ctx, argv[0], &sep) != BK_OK)
        return BK_ERR;
    for (unsigned i = 0; i < ctx->join_depth; i++)
        if (ctx->join_stack[i] == o) {
            *ret = v_mkstr(A(ctx, empty));
            return BK_OK;
        }
    if (ctx->join_depth >= BK_COUNTOF(ctx->join_stack))
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    ctx->join_stack[ctx->join_depth++] = o;
    int rc = bk_js__array_join(ctx, o, sep, ret);
    ctx->join_depth--;
    return rc;
}

static int Array_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    val_t f;
    if (bk_js__get(ctx, this_val, A(ctx, join), &f) != BK_OK)
        return BK_ERR;
    if (bk_js__is_callable(f))
        return bk_js__call(ctx, f, this_val, 0, NULL, ret);
    bk_js_str_t *s = bk_js__str_cstr(ctx, "[object Array]");
    *ret = v_mkstr(s);
    return BK_OK;
}

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
    double from;
    if (argc > 1) {
        if (bk_js__to_number(ctx, argv[1], &from) != BK_OK)
            return BK_ERR;
        from = bk_js__to_integer(from);
    } else {
        from = m == 1 ? len - 1 : 0;
    }
    if (m == 1) {
        if (from < 0)
            from += len;
        if (from >= len)
            from = len - 1;
        for (double k = from; k >= 0; k--) {
            int has;
            if (has_index(ctx, o, (uint32_t)k, &has) != BK_OK)
                return BK_ERR;
            if (!has)
                continue;
            val_t v;
            if (bk_js__get_index(ctx, o, (uint32_t)k, &v) != BK_OK)
                return BK_ERR;
            if (bk_js__strict_eq(v, x)) {
                *ret = v_mknum(k);
                return BK_OK;
            }
        }
        return BK_OK;
    }
    if (from < 0)
        from = BK_MAX(len + from, 0);
    for (double k = from; k < len; k++) {
        val_t v;
        if (m != 2) {
            int has;
            if (has_index(ctx, o, (uint32_t)k, &has) != BK_OK)
                return BK_ERR;
            if (!has)
                continue;
        }
        if (bk_js__get_index(ctx, o, (uint32_t)k, &v) != BK_OK)
            return BK_ERR;
        if (m == 2 ? bk_js__same_value_zero(v, x) : bk_js__strict_eq(v, x)) {
            *ret = m == 2 ? V_TRUE : v_mknum(k);
            return BK_OK;
        }
    }
    bk_js__charge(ctx, (int64_t)(len / 8));
    return BK_OK;
}

/* The callback methods. magic: 0 forEach, 1 map, 2 filter, 3 some,
 * 4 every, 5 find, 6 findIndex, 7 findLast, 8 findLastIndex */
static int Array_iterate(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    int m = ctx->native_magic;
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(0), this_arg = ARG(1);
    if (!bk_js__is_callable(fn))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, fn));
    bk_js_obj_t *a = NULL;
    if (m == 1) {
        a = bk_js__array_new(ctx, (uint32_t)BK_MIN(len, 1 << 20));
        bk_js__wr(ctx, a)->len = (uint32_t)len;
    } else if (m == 2) {
        a = bk_js__array_new(ctx, 0);
    }
    int rev = m >= 7;
    for (double i = 0; i < len; i++) {
        double k = rev ? len - 1 - i : i;
        val_t v;
        if (m < 5) {
            int has;
            if (has_index(ctx, o, (uint32_t)k, &has) != BK_OK)
                return BK_ERR;
            if (!has)
                continue;
        }
        if (bk_js__get_index(ctx, o, (uint32_t)k, &v) != BK_OK)
            return BK_ERR;
        val_t args[3] = {v, v_mknum(k), o}, r;
        if (bk_js__call(ctx, fn, this_arg, 3, args, &r) != BK_OK)
            return BK_ERR;
        switch (m) {
        case 1:
            if (bk_js__set_index(ctx, v_mkobj(a), (uint32_t)k, r) != BK_OK)
                return BK_ERR;
            break;
        case 2:
            if (bk_js__truthy(r))
                bk_js__array_push(ctx, a, v);
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
        *ret = v_mkobj(a);
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
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, fn));
    double i = 0;
    val_t acc = V_UNDEF;
    int have = argc > 1;
    if (have)
        acc = argv[1];
    for (; !have && i < len; i++) {
        double k = right ? len - 1 - i : i;
        int has;
        if (has_index(ctx, o, (uint32_t)k, &has) != BK_OK)
            return BK_ERR;
        if (has) {
            if (bk_js__get_index(ctx, o, (uint32_t)k, &acc) != BK_OK)
                return BK_ERR;
            have = 1;
        }
    }
    if (!have)
        return bk_js__type_error(ctx, "Reduce of empty array with no initial "
                                      "value");
    for (; i < len; i++) {
        double k = right ? len - 1 - i : i;
        int has;
        if (has_index(ctx, o, (uint32_t)k, &has) != BK_OK)
            return BK_ERR;
        if (!has)
            continue;
        val_t v;
        if (bk_js__get_index(ctx, o, (uint32_t)k, &v) != BK_OK)
            return BK_ERR;
        val_t args[4] = {acc, v, v_mknum(k), o};
        if (bk_js__call(ctx, fn, V_UNDEF, 4, args, &acc) != BK_OK)
            return BK_ERR;
    }
    *ret = acc;
    return BK_OK;
}

static int Array_reverse(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    for (double lo = 0, hi = len - 1; lo < hi; lo++, hi--) {
        int hl, hh;
        val_t a = V_UNDEF, b = V_UNDEF;
        if (has_index(ctx, o, (uint32_t)lo, &hl) != BK_OK ||
            has_index(ctx, o, (uint32_t)hi, &hh) != BK_OK)
            return BK_ERR;
        if (hl && bk_js__get_index(ctx, o, (uint32_t)lo, &a) != BK_OK)
            return BK_ERR;
        if (hh && bk_js__get_index(ctx, o, (uint32_t)hi, &b) != BK_OK)
            return BK_ERR;
        int ok;
        if (hh) {
            if (bk_js__set_index(ctx, o, (uint32_t)lo, b) != BK_OK)
                return BK_ERR;
        } else if (bk_js__delete(ctx, v_obj(o),
                                 bk_js__atom_index(ctx, (uint32_t)lo),
                                 &ok) != BK_OK) {
            return BK_ERR;
        }
        if (hl) {
            if (bk_js__set_index(ctx, o, (uint32_t)hi, a) != BK_OK)
                return BK_ERR;
        } else if (bk_js__delete(ctx, v_obj(o),
                                 bk_js__atom_index(ctx, (uint32_t)hi),
                                 &ok) != BK_OK) {
            return BK_ERR;
        }
    }
    *ret = o;
    return BK_OK;
}

/* Sort: a stable merge sort over the values, undefined last, holes
 * dropped to the end (as the spec's SortIndexedProperties). */
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
    bk_js_str_t *x, *y;
    if (bk_js__to_string(ctx, a, &x) != BK_OK ||
        bk_js__to_string(ctx, b, &y) != BK_OK)
        return BK_ERR;
    *out = bk_js__str_cmp(x, y);
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
    uint32_t n = 0;
    val_t *v = bk_js__ialloc(ctx, ((size_t)len + 1) * sizeof(val_t));
    for (uint32_t k = 0; k < len; k++) {
        int has;
        if (has_index(ctx, o, k, &has) != BK_OK)
            return BK_ERR;
        if (has && bk_js__get_index(ctx, o, k, &v[n++]) != BK_OK)
            return BK_ERR;
    }
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
    for (uint32_t k = 0; k < n; k++)
        if (bk_js__set_index(ctx, o, k, v[k]) != BK_OK)
            return BK_ERR;
    for (uint32_t k = n; k < len; k++) {
        int ok;
        if (bk_js__delete(ctx, v_obj(o), bk_js__atom_index(ctx, k), &ok) !=
            BK_OK)
            return BK_ERR;
    }
    *ret = o;
    return BK_OK;
}

static int Array_fill(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    int err = 0;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    double from = rel_index(ctx, ARG(1), len, 0, &err);
    double to = rel_index(ctx, ARG(2), len, len, &err);
    if (err)
        return BK_ERR;
    for (double k = from; k < to; k++)
        if (bk_js__set_index(ctx, o, (uint32_t)k, ARG(0)) != BK_OK)
            return BK_ERR;
    *ret = o;
    return BK_OK;
}

static int Array_copyWithin(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    val_t o;
    double len;
    int err = 0;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    double to = rel_index(ctx, ARG(0), len, 0, &err);
    double from = rel_index(ctx, ARG(1), len, 0, &err);
    double end = rel_index(ctx, ARG(2), len, len, &err);
    if (err)
        return BK_ERR;
    double count = BK_MIN(end - from, len - to);
    if (count > 0 && move_elems(ctx, o, from, to, count) != BK_OK)
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
    return bk_js__get_index(ctx, o, (uint32_t)d, ret);
}

static int flatten(bk_js_ctx_t *ctx, bk_js_obj_t *target, val_t src,
                   double depth, val_t fn, val_t this_arg)
{
    double len;
    if (bk_js__length_of(ctx, src, &len) != BK_OK)
        return BK_ERR;
    for (uint32_t k = 0; k < len; k++) {
        int has;
        if (has_index(ctx, src, k, &has) != BK_OK)
            return BK_ERR;
        if (!has)
            continue;
        val_t v;
        if (bk_js__get_index(ctx, src, k, &v) != BK_OK)
            return BK_ERR;
        if (fn != V_UNDEF) {
            val_t args[3] = {v, v_mknum(k), src};
            if (bk_js__call(ctx, fn, this_arg, 3, args, &v) != BK_OK)
                return BK_ERR;
        }
        if (depth > 0 && v_is_obj(v) && v_obj(v)->cls == CLS_ARRAY) {
            if (depth > 100)
                return bk_js__range_error(ctx, "Maximum call stack size "
                                               "exceeded");
            if (flatten(ctx, target, v, depth - 1, V_UNDEF, V_UNDEF) != BK_OK)
                return BK_ERR;
        } else {
            bk_js__array_push(ctx, target, v);
        }
    }
    return BK_OK;
}

static int Array_flat(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    val_t o;
    double len, depth = 1;
    if (this_obj(ctx, this_val, &o, &len) != BK_OK)
        return BK_ERR;
    val_t fn = V_UNDEF;
    if (ctx->native_magic) {
        fn = ARG(0);
        if (!bk_js__is_callable(fn))
            return bk_js__type_error(ctx, "flatMap mapper function is not "
                                          "callable");
    } else if (ARG(0) != V_UNDEF) {
        if (bk_js__to_number(ctx, argv[0], &depth) != BK_OK)
            return BK_ERR;
        depth = bk_js__to_integer(depth);
        if (depth > 100)
            depth = 100;
    }
    bk_js_obj_t *a = bk_js__array_new(ctx, 0);
    if (flatten(ctx, a, o, depth, fn, ARG(1)) != BK_OK)
        return BK_ERR;
    *ret = v_mkobj(a);
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
        {"toLocaleString", Array_toString, 0, 0},
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
