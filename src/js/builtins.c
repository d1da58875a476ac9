/*
 * builtins.c: the registration table of built-ins, the helpers every
 * builtin_*.c file uses, and the core objects the language itself needs:
 * Object, Function.prototype, the Error family, Boolean, Symbol, the
 * iterator prototypes, console and the globals.
 *
 * Everything here runs once per program, in template mode: the objects
 * become part of the immutable template every invocation starts from.
 * Adding a built-in: write builtin_<name>.c with an install function and
 * add it to 'table' below.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "js/js_int.h"

/* ---- helpers ------------------------------------------------------------ */

void bk_js__def_methods(bk_js_ctx_t *ctx, bk_js_obj_t *o,
                        const bk_js_method_t *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bk_js_str_t *k;
        if (m[i].name[0] == '@') {
            static const char *const sn[SYM__COUNT] = {
                "iterator", "asyncIterator", "hasInstance", "toPrimitive",
                "toStringTag", "match", "matchAll", "replace", "search",
                "split", "species", "isConcatSpreadable", "unscopables"};
            int s = SYM_iterator;
            for (int j = 0; j < SYM__COUNT; j++)
                if (strcmp(m[i].name + 1, sn[j]) == 0)
                    s = j;
            k = ctx->prog->sym[s];
            if (k == NULL)
                continue;
        } else {
            k = bk_js__atom_cstr(ctx, m[i].name);
        }
        bk_js_str_t *fname = k;
        if (k->flags & STR_SYMBOL) {
            bk_js_str_t *pre = bk_js__str_cstr(ctx, "[Symbol.");
            bk_js_str_t *d = k->x.desc ? k->x.desc : A(ctx, empty);
            d = bk_js__str_sub(ctx, d, 7, d->len); /* drop "Symbol." */
            fname = bk_js__atom(ctx, bk_js__str_concat(
                                         ctx, bk_js__str_concat(ctx, pre, d),
                                         bk_js__str_cstr(ctx, "]")));
        }
        bk_js_obj_t *f = bk_js__native_new(ctx, fname, m[i].fn, m[i].length,
                                           m[i].magic);
        bk_js__put_own(ctx, o, k, v_mkobj(f), P_WRITABLE | P_CONFIGURABLE);
    }
}

bk_js_obj_t *bk_js__def_ctor(bk_js_ctx_t *ctx, const char *name,
                             bk_js_native_t fn, int length,
                             bk_js_obj_t *proto)
{
    bk_js_obj_t *c = bk_js__native_new(ctx, bk_js__atom_cstr(ctx, name), fn,
                                       length, 0);
    c->flags |= OF_CTOR;
    if (proto != NULL) {
        bk_js__put_own(ctx, c, A(ctx, prototype), v_mkobj(proto), 0);
        bk_js__put_own(ctx, proto, A(ctx, constructor), v_mkobj(c),
                       P_WRITABLE | P_CONFIGURABLE);
    }
    bk_js__put_own(ctx, ctx->prog->global, bk_js__atom_cstr(ctx, name),
                   v_mkobj(c), P_WRITABLE | P_CONFIGURABLE);
    return c;
}

void bk_js__def_value(bk_js_ctx_t *ctx, bk_js_obj_t *o, const char *name,
                      val_t v, uint32_t flags)
{
    bk_js__put_own(ctx, o, bk_js__atom_cstr(ctx, name), v, flags);
}

void bk_js__def_getter(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                       bk_js_native_t fn)
{
    bk_js_obj_t *f = bk_js__native_new(ctx, key, fn, 0, 0);
    bk_js__put_accessor(ctx, o, key, v_mkobj(f), V_UNDEF, P_CONFIGURABLE);
}

int bk_js__species_getter(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    (void)ctx, (void)argc, (void)argv;
    *ret = this_val;
    return BK_OK;
}

void bk_js__def_species(bk_js_ctx_t *ctx, bk_js_obj_t *ctor)
{
    if (ctx->prog->runtime == BK_JS_RUNTIME_1_0)
        return; /* Symbol.species is 2.0+ */
    bk_js_obj_t *f = bk_js__native_new(
        ctx, bk_js__atom_cstr(ctx, "get [Symbol.species]"),
        bk_js__species_getter, 0, 0);
    bk_js__put_accessor(ctx, ctor, ctx->prog->sym[SYM_species], v_mkobj(f),
                        V_UNDEF, P_CONFIGURABLE);
}

int bk_js__species_ctor(bk_js_ctx_t *ctx, val_t obj, val_t default_ctor,
                        val_t *out)
{
    val_t c, s;
    if (bk_js__get(ctx, obj, A(ctx, constructor), &c) != BK_OK)
        return BK_ERR;
    if (c == V_UNDEF) {
        *out = default_ctor;
        return BK_OK;
    }
    if (!v_is_obj(c))
        return bk_js__type_error(ctx, "object.constructor is not an object");
    if (bk_js__get(ctx, c, ctx->prog->sym[SYM_species], &s) != BK_OK)
        return BK_ERR;
    if (v_is_nullish(s)) {
        *out = default_ctor;
        return BK_OK;
    }
    if (!bk_js__is_ctor(s))
        return bk_js__type_error(ctx, "object.constructor[Symbol.species] "
                                      "is not a constructor");
    *out = s;
    return BK_OK;
}

/* The prototype for 'new X' with new.target (subclassing built-ins). */
static bk_js_obj_t *proto_for_new(bk_js_ctx_t *ctx, bk_js_obj_t *dflt)
{
    val_t p;
    if (v_is_obj(ctx->new_target) &&
        bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &p) == BK_OK &&
        v_is_obj(p))
        return v_obj(p);
    return dflt;
}

/* ---- Object ----------------------------------------------------------- */

static int obj_arg(bk_js_ctx_t *ctx, val_t v, bk_js_obj_t **o)
{
    return bk_js__to_object(ctx, v, o);
}

static int Object_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    val_t v = ARG(0);
    if (v_is_nullish(v)) {
        *ret = v_mkobj(bk_js__obj_new(
            ctx, CLS_OBJECT, proto_for_new(ctx, ctx->prog->proto[PROTO_OBJECT])));
        return BK_OK;
    }
    bk_js_obj_t *o;
    if (bk_js__to_object(ctx, v, &o) != BK_OK)
        return BK_ERR;
    *ret = v_mkobj(o);
    return BK_OK;
}

/* magic: 0 keys, 1 values, 2 entries */
static int Object_keys(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_obj_t *o;
    if (obj_arg(ctx, ARG(0), &o) != BK_OK)
        return BK_ERR;
    uint32_t n;
    int mode = ctx->native_magic;
    /* values/entries run getters, which may change what comes later:
     * each key's descriptor is looked at when it is reached. */
    val_t *keys = bk_js__own_keys(ctx, o, 1, mode == 0, &n);
    bk_js_obj_t *a = bk_js__array_new(ctx, n);
    for (uint32_t i = 0; i < n; i++) {
        if (mode == 0) {
            bk_js__array_push(ctx, a, keys[i]);
            continue;
        }
        val_t v;
        uint32_t fl;
        bk_js_accessor_t *acc;
        if (!bk_js__get_own(ctx, o, v_str(keys[i]), &fl, &v, &acc) ||
            !(fl & P_ENUMERABLE))
            continue;
        if (bk_js__get(ctx, v_mkobj(o), v_str(keys[i]), &v) != BK_OK)
            return BK_ERR;
        if (mode == 1) {
            bk_js__array_push(ctx, a, v);
        } else {
            val_t pair[2] = {keys[i], v};
            bk_js__array_push(ctx, a, v_mkobj(bk_js__array_from(ctx, pair, 2)));
        }
    }
    *ret = v_mkobj(a);
    return BK_OK;
}

static int Object_getOwnPropertyNames(bk_js_ctx_t *ctx, val_t this_val,
                                      int argc, const val_t *argv, val_t *ret)
{
    bk_js_obj_t *o;
    if (obj_arg(ctx, ARG(0), &o) != BK_OK)
        return BK_ERR;
    uint32_t n;
    val_t *keys = bk_js__own_keys(ctx, o, ctx->native_magic ? 2 : 1, 0, &n);
    *ret = v_mkobj(bk_js__array_from(ctx, keys, n));
    return BK_OK;
}

static int Object_assign(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    bk_js_obj_t *t;
    if (obj_arg(ctx, ARG(0), &t) != BK_OK)
        return BK_ERR;
    for (int i = 1; i < argc; i++) {
        if (v_is_nullish(argv[i]))
            continue;
        bk_js_obj_t *s;
        if (bk_js__to_object(ctx, argv[i], &s) != BK_OK)
            return BK_ERR;
        uint32_t n;
        val_t *keys = bk_js__own_keys(ctx, s, 3, 1, &n);
        for (uint32_t k = 0; k < n; k++) {
            val_t v;
            if (bk_js__get(ctx, v_mkobj(s), v_str(keys[k]), &v) != BK_OK ||
                bk_js__set(ctx, v_mkobj(t), v_str(keys[k]), v) != BK_OK)
                return BK_ERR;
        }
    }
    *ret = v_mkobj(t);
    return BK_OK;
}

static int define_props(bk_js_ctx_t *ctx, bk_js_obj_t *o, val_t pv);

static int Object_create(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t p = ARG(0);
    if (!v_is_obj(p) && p != V_NULL)
        return bk_js__type_error(ctx, "Object prototype may only be an "
                                      "Object or null: %s",
                                 bk_js__describe(ctx, p));
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                    v_is_obj(p) ? v_obj(p) : NULL);
    *ret = v_mkobj(o);
    if (argc > 1 && argv[1] != V_UNDEF)
        return define_props(ctx, o, argv[1]);
    return BK_OK;
}

static int Object_getPrototypeOf(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                 const val_t *argv, val_t *ret)
{
    bk_js_obj_t *o;
    if (obj_arg(ctx, ARG(0), &o) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *p = bk_js__proto_of(ctx, o);
    *ret = p ? v_mkobj(p) : V_NULL;
    return BK_OK;
}

static int set_proto(bk_js_ctx_t *ctx, bk_js_obj_t *o, val_t p)
{
    bk_js_obj_t *np = v_is_obj(p) ? v_obj(p) : NULL;
    for (bk_js_obj_t *q = np; q != NULL; q = bk_js__proto_of(ctx, q))
        if (q == o)
            return bk_js__type_error(ctx, "Cyclic __proto__ value");
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    if (b->proto == np)
        return BK_OK;
    if (!(b->flags & OF_EXTENSIBLE))
        return bk_js__type_error(ctx, "#<Object> is not extensible");
    bk_js__wr(ctx, o)->proto = np;
    return BK_OK;
}

static int Object_setPrototypeOf(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                 const val_t *argv, val_t *ret)
{
    val_t o = ARG(0), p = ARG(1);
    if (v_is_nullish(o))
        return bk_js__type_error(ctx, "Object.setPrototypeOf called on null "
                                      "or undefined");
    if (!v_is_obj(p) && p != V_NULL)
        return bk_js__type_error(ctx, "Object prototype may only be an "
                                      "Object or null: %s",
                                 bk_js__describe(ctx, p));
    *ret = o;
    if (!v_is_obj(o))
        return BK_OK;
    return set_proto(ctx, v_obj(o), p);
}

/* ToPropertyDescriptor: reads the fields of 'desc' in the spec's order
 * (enumerable, configurable, value, writable, get, set). */
static int read_descriptor(bk_js_ctx_t *ctx, val_t desc, bk_js_desc_t *d)
{
    if (!v_is_obj(desc))
        return bk_js__type_error(ctx, "Property description must be an "
                                      "object: %s",
                                 bk_js__describe(ctx, desc));
    static const struct {
        int atom;
        uint32_t has, flag;
    } f[6] = {
        {ATOM_enumerable, D_ENUMERABLE, P_ENUMERABLE},
        {ATOM_configurable, D_CONFIGURABLE, P_CONFIGURABLE},
        {ATOM_value, D_VALUE, 0},
        {ATOM_writable, D_WRITABLE, P_WRITABLE},
        {ATOM_get, D_GET, 0},
        {ATOM_set, D_SET, 0},
    };
    memset(d, 0, sizeof(*d));
    d->value = d->get = d->set = V_UNDEF;
    for (int i = 0; i < 6; i++) {
        bk_js_str_t *k = ctx->prog->atom[f[i].atom];
        int has;
        val_t v;
        if (bk_js__has(ctx, v_obj(desc), k, &has) != BK_OK)
            return BK_ERR;
        if (!has)
            continue;
        if (bk_js__get(ctx, desc, k, &v) != BK_OK)
            return BK_ERR;
        d->has |= f[i].has;
        if (f[i].flag) {
            if (bk_js__truthy(v))
                d->flags |= f[i].flag;
        } else if (f[i].has == D_VALUE) {
            d->value = v;
        } else {
            if (v != V_UNDEF && !bk_js__is_callable(v))
                return bk_js__type_error(ctx, "%s must be a function: %s",
                                         f[i].has == D_GET ? "Getter"
                                                           : "Setter",
                                         bk_js__describe(ctx, v));
            if (f[i].has == D_GET)
                d->get = v;
            else
                d->set = v;
        }
    }
    if ((d->has & (D_GET | D_SET)) && (d->has & (D_VALUE | D_WRITABLE)))
        return bk_js__type_error(ctx, "Invalid property descriptor. Cannot "
                                      "both specify accessors and a value or "
                                      "writable attribute");
    return BK_OK;
}

/* Applies property descriptor object 'desc' to o[key]. */
static int to_descriptor(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                         val_t desc, int existing_only)
{
    bk_js_desc_t d;
    (void)existing_only;
    if (read_descriptor(ctx, desc, &d) != BK_OK)
        return BK_ERR;
    return bk_js__define_own(ctx, o, key, &d);
}

/* ObjectDefineProperties: every descriptor is read before any is
 * applied. */
static int define_props(bk_js_ctx_t *ctx, bk_js_obj_t *o, val_t pv)
{
    bk_js_obj_t *props;
    if (bk_js__to_object(ctx, pv, &props) != BK_OK)
        return BK_ERR;
    uint32_t n;
    val_t *keys = bk_js__own_keys(ctx, props, 3, 0, &n);
    bk_js_desc_t *ds = bk_js__ialloc(ctx, (n + 1) * sizeof(*ds));
    uint32_t m = 0;
    val_t *mk = bk_js__ialloc(ctx, (n + 1) * sizeof(val_t));
    for (uint32_t i = 0; i < n; i++) {
        uint32_t fl;
        val_t v;
        bk_js_accessor_t *acc;
        bk_js_str_t *k = v_str(keys[i]);
        if (!bk_js__get_own(ctx, props, k, &fl, &v, &acc) ||
            !(fl & P_ENUMERABLE))
            continue;
        if (bk_js__get(ctx, v_mkobj(props), k, &v) != BK_OK ||
            read_descriptor(ctx, v, &ds[m]) != BK_OK)
            return BK_ERR;
        mk[m++] = keys[i];
    }
    for (uint32_t i = 0; i < m; i++)
        if (bk_js__define_own(ctx, o, v_str(mk[i]), &ds[i]) != BK_OK)
            return BK_ERR;
    return BK_OK;
}

static int Object_defineProperty(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                 const val_t *argv, val_t *ret)
{
    val_t o = ARG(0);
    if (!v_is_obj(o))
        return bk_js__type_error(ctx, "Object.defineProperty called on "
                                      "non-object");
    bk_js_str_t *k;
    if (bk_js__to_propkey(ctx, ARG(1), &k) != BK_OK)
        return BK_ERR;
    if (to_descriptor(ctx, v_obj(o), k, ARG(2), 0) != BK_OK)
        return BK_ERR;
    *ret = o;
    return BK_OK;
}

static int Object_defineProperties(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                   const val_t *argv, val_t *ret)
{
    val_t o = ARG(0);
    if (!v_is_obj(o))
        return bk_js__type_error(ctx, "Object.defineProperties called on "
                                      "non-object");
    if (define_props(ctx, v_obj(o), ARG(1)) != BK_OK)
        return BK_ERR;
    *ret = o;
    return BK_OK;
}

static val_t from_descriptor(bk_js_ctx_t *ctx, uint32_t flags, val_t v,
                             bk_js_accessor_t *acc)
{
    bk_js_obj_t *d = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    if (flags & P_ACCESSOR) {
        bk_js__put_own(ctx, d, A(ctx, get), acc->get, P_DEFAULT);
        bk_js__put_own(ctx, d, A(ctx, set), acc->set, P_DEFAULT);
    } else {
        bk_js__put_own(ctx, d, A(ctx, value), v, P_DEFAULT);
        bk_js__put_own(ctx, d, A(ctx, writable),
                       v_mkbool(flags & P_WRITABLE), P_DEFAULT);
    }
    bk_js__put_own(ctx, d, A(ctx, enumerable), v_mkbool(flags & P_ENUMERABLE),
                   P_DEFAULT);
    bk_js__put_own(ctx, d, A(ctx, configurable),
                   v_mkbool(flags & P_CONFIGURABLE), P_DEFAULT);
    return v_mkobj(d);
}

static int Object_getOwnPropertyDescriptor(bk_js_ctx_t *ctx, val_t this_val,
                                           int argc, const val_t *argv,
                                           val_t *ret)
{
    bk_js_obj_t *o;
    if (obj_arg(ctx, ARG(0), &o) != BK_OK)
        return BK_ERR;
    bk_js_str_t *k;
    if (bk_js__to_propkey(ctx, ARG(1), &k) != BK_OK)
        return BK_ERR;
    uint32_t flags;
    val_t v;
    bk_js_accessor_t *acc;
    if (!bk_js__get_own(ctx, o, k, &flags, &v, &acc)) {
        *ret = V_UNDEF;
        return BK_OK;
    }
    *ret = from_descriptor(ctx, flags, v, acc);
    return BK_OK;
}

static int Object_getOwnPropertyDescriptors(bk_js_ctx_t *ctx, val_t this_val,
                                            int argc, const val_t *argv,
                                            val_t *ret)
{
    bk_js_obj_t *o;
    if (obj_arg(ctx, ARG(0), &o) != BK_OK)
        return BK_ERR;
    uint32_t n;
    val_t *keys = bk_js__own_keys(ctx, o, 3, 0, &n);
    bk_js_obj_t *r = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t flags;
        val_t v;
        bk_js_accessor_t *acc;
        if (bk_js__get_own(ctx, o, v_str(keys[i]), &flags, &v, &acc))
            bk_js__put_own(ctx, r, v_str(keys[i]),
                           from_descriptor(ctx, flags, v, acc), P_DEFAULT);
    }
    *ret = v_mkobj(r);
    return BK_OK;
}

/* magic: 0 freeze, 1 seal, 2 preventExtensions */
static int Object_freeze(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t o = ARG(0);
    *ret = o;
    if (!v_is_obj(o))
        return BK_OK;
    if (ctx->native_magic == 2) {
        bk_js_obj_t *b = bk_js__wr(ctx, v_obj(o));
        b->flags &= (uint8_t)~OF_EXTENSIBLE;
        return BK_OK;
    }
    bk_js__freeze(ctx, v_obj(o), ctx->native_magic == 0);
    return BK_OK;
}

/* magic: 0 isFrozen, 1 isSealed, 2 isExtensible */
static int Object_isFrozen(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    val_t o = ARG(0);
    int m = ctx->native_magic;
    if (!v_is_obj(o)) {
        *ret = v_mkbool(m != 2);
        return BK_OK;
    }
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(o));
    if (m == 2) {
        *ret = v_mkbool(b->flags & OF_EXTENSIBLE);
        return BK_OK;
    }
    int r = !(b->flags & OF_EXTENSIBLE);
    for (uint32_t i = 0; r && i < b->nprops; i++) {
        uint32_t f = b->props[i].flags;
        if (f & P_CONFIGURABLE)
            r = 0;
        if (m == 0 && !(f & P_ACCESSOR) && (f & P_WRITABLE))
            r = 0;
    }
    if (r && (b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS)) {
        int elems = 0;
        for (uint32_t i = 0; i < b->nelems; i++)
            if (b->elems[i] != V_EMPTY)
                elems = 1;
        if (elems && !(b->flags & (m == 0 ? OF_FROZEN : OF_SEALED)))
            r = 0;
        if (m == 0 && b->cls == CLS_ARRAY && !(b->flags & OF_LEN_RO))
            r = 0;
    }
    *ret = v_mkbool(r);
    return BK_OK;
}

static int Object_is(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    *ret = v_mkbool(bk_js__same_value(ARG(0), ARG(1)));
    return BK_OK;
}

static int Object_fromEntries(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    val_t it, next, e;
    if (bk_js__get_iterator(ctx, ARG(0), &it, &next) != BK_OK)
        return BK_ERR;
    for (;;) {
        int r = bk_js__iter_step(ctx, it, next, &e);
        if (r < 0)
            return BK_ERR;
        if (r == 0)
            break;
        val_t k, v;
        if (bk_js__get_index(ctx, e, 0, &k) != BK_OK ||
            bk_js__get_index(ctx, e, 1, &v) != BK_OK ||
            bk_js__define_v(ctx, o, k, v, P_DEFAULT) != BK_OK)
            return BK_ERR;
    }
    *ret = v_mkobj(o);
    return BK_OK;
}

static int ObjectProto_hasOwnProperty(bk_js_ctx_t *ctx, val_t this_val,
                                      int argc, const val_t *argv, val_t *ret)
{
    bk_js_str_t *k;
    if (bk_js__to_propkey(ctx, ARG(0), &k) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *o;
    if (bk_js__to_object(ctx, this_val, &o) != BK_OK)
        return BK_ERR;
    if (ctx->native_magic == 1) {
        uint32_t fl;
        val_t v;
        bk_js_accessor_t *acc;
        *ret = v_mkbool(bk_js__get_own(ctx, o, k, &fl, &v, &acc) &&
                        (fl & P_ENUMERABLE));
        return BK_OK;
    }
    *ret = v_mkbool(bk_js__has_own(ctx, o, k));
    return BK_OK;
}

static int Object_hasOwn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    ctx->native_magic = 0;
    return ObjectProto_hasOwnProperty(ctx, ARG(0), argc > 1 ? argc - 1 : 0,
                                      argv + 1, ret);
}

static int ObjectProto_isPrototypeOf(bk_js_ctx_t *ctx, val_t this_val,
                                     int argc, const val_t *argv, val_t *ret)
{
    *ret = V_FALSE;
    if (!v_is_obj(ARG(0)))
        return BK_OK;
    bk_js_obj_t *self;
    if (bk_js__to_object(ctx, this_val, &self) != BK_OK)
        return BK_ERR;
    for (bk_js_obj_t *p = bk_js__proto_of(ctx, v_obj(argv[0])); p;
         p = bk_js__proto_of(ctx, p))
        if (p == self) {
            *ret = V_TRUE;
            break;
        }
    return BK_OK;
}

static const char *class_name(bk_js_ctx_t *ctx, val_t v)
{
    if (v == V_UNDEF)
        return "Undefined";
    if (v == V_NULL)
        return "Null";
    if (v_is_num(v))
        return "Number";
    if (v_is_str(v))
        return "String";
    if (v_is_bool(v))
        return "Boolean";
    if (v_is_sym(v))
        return "Object"; /* a Symbol wrapper has no builtin tag */
    switch (v_obj(v)->cls) {
    case CLS_ARRAY: return "Array";
    case CLS_FUNCTION:
    case CLS_NATIVE:
    case CLS_BOUND: return "Function";
    case CLS_ERROR: return "Error";
    case CLS_BOOLEAN: return "Boolean";
    case CLS_NUMBER: return "Number";
    case CLS_STRING: return "String";
    case CLS_ARGUMENTS: return "Arguments";
    case CLS_DATE: return "Date";
    case CLS_REGEXP: return "RegExp";
    default: return "Object";
    }
}

static int ObjectProto_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                const val_t *argv, val_t *ret)
{
    const char *name = class_name(ctx, this_val);
    bk_js_str_t *tag = NULL;
    if (!v_is_nullish(this_val) && ctx->prog->sym[SYM_toStringTag]) {
        val_t t;
        if (bk_js__get(ctx, this_val, ctx->prog->sym[SYM_toStringTag], &t) !=
            BK_OK)
            return BK_ERR;
        if (v_is_str(t))
            tag = v_str(t);
    }
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__sb_cstr(&sb, "[object ");
    if (tag)
        bk_js__sb_str(&sb, tag);
    else
        bk_js__sb_cstr(&sb, name);
    bk_js__sb_cstr(&sb, "]");
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static int ObjectProto_toLocaleString(bk_js_ctx_t *ctx, val_t this_val,
                                      int argc, const val_t *argv, val_t *ret)
{
    val_t f;
    if (bk_js__get(ctx, this_val, A(ctx, toString), &f) != BK_OK)
        return BK_ERR;
    return bk_js__call(ctx, f, this_val, 0, NULL, ret);
}

static int ObjectProto_valueOf(bk_js_ctx_t *ctx, val_t this_val, int argc,
                               const val_t *argv, val_t *ret)
{
    bk_js_obj_t *o;
    if (bk_js__to_object(ctx, this_val, &o) != BK_OK)
        return BK_ERR;
    *ret = v_mkobj(o);
    return BK_OK;
}

static int ObjectProto_proto_get(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                 const val_t *argv, val_t *ret)
{
    bk_js_obj_t *o;
    if (bk_js__to_object(ctx, this_val, &o) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *p = bk_js__proto_of(ctx, o);
    *ret = p ? v_mkobj(p) : V_NULL;
    return BK_OK;
}

static int ObjectProto_proto_set(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                 const val_t *argv, val_t *ret)
{
    *ret = V_UNDEF;
    if (!v_is_obj(this_val) || (!v_is_obj(ARG(0)) && ARG(0) != V_NULL))
        return BK_OK;
    return set_proto(ctx, v_obj(this_val), argv[0]);
}

static void install_object(bk_js_ctx_t *ctx)
{
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_OBJECT];
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "Object", Object_ctor, 1, proto);
    static const bk_js_method_t statics[] = {
        {"keys", Object_keys, 1, 0},
        {"values", Object_keys, 1, 1},
        {"entries", Object_keys, 1, 2},
        {"assign", Object_assign, 2, 0},
        {"create", Object_create, 2, 0},
        {"getPrototypeOf", Object_getPrototypeOf, 1, 0},
        {"setPrototypeOf", Object_setPrototypeOf, 2, 0},
        {"defineProperty", Object_defineProperty, 3, 0},
        {"defineProperties", Object_defineProperties, 2, 0},
        {"getOwnPropertyNames", Object_getOwnPropertyNames, 1, 0},
        {"getOwnPropertySymbols", Object_getOwnPropertyNames, 1, 1},
        {"getOwnPropertyDescriptor", Object_getOwnPropertyDescriptor, 2, 0},
        {"getOwnPropertyDescriptors", Object_getOwnPropertyDescriptors, 1, 0},
        {"freeze", Object_freeze, 1, 0},
        {"seal", Object_freeze, 1, 1},
        {"preventExtensions", Object_freeze, 1, 2},
        {"isFrozen", Object_isFrozen, 1, 0},
        {"isSealed", Object_isFrozen, 1, 1},
        {"isExtensible", Object_isFrozen, 1, 2},
        {"is", Object_is, 2, 0},
        {"fromEntries", Object_fromEntries, 1, 0},
        {"hasOwn", Object_hasOwn, 2, 0},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    static const bk_js_method_t methods[] = {
        {"hasOwnProperty", ObjectProto_hasOwnProperty, 1, 0},
        {"propertyIsEnumerable", ObjectProto_hasOwnProperty, 1, 1},
        {"isPrototypeOf", ObjectProto_isPrototypeOf, 1, 0},
        {"toString", ObjectProto_toString, 0, 0},
        {"toLocaleString", ObjectProto_toLocaleString, 0, 0},
        {"valueOf", ObjectProto_valueOf, 0, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    bk_js_obj_t *g = bk_js__native_new(ctx, A(ctx, __proto__),
                                       ObjectProto_proto_get, 0, 0);
    bk_js_obj_t *s = bk_js__native_new(ctx, A(ctx, __proto__),
                                       ObjectProto_proto_set, 1, 0);
    bk_js__put_accessor(ctx, proto, A(ctx, __proto__), v_mkobj(g), v_mkobj(s),
                        P_CONFIGURABLE);
}

/* ---- Function ----------------------------------------------------------- */

static int Function_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    return bk_js__throw(ctx, ERR_EvalError,
                        "Function constructor is not supported");
}

static int eval_fn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                   const val_t *argv, val_t *ret)
{
    return bk_js__throw(ctx, ERR_EvalError, "eval is not supported");
}

static int FunctionProto_call(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    return bk_js__call(ctx, this_val, ARG(0), argc > 0 ? argc - 1 : 0,
                       argv + 1, ret);
}

/* The elements of an array-like as a C array (Function.prototype.apply,
 * Reflect-like helpers). */
static int list_from(bk_js_ctx_t *ctx, val_t a, val_t **out, uint32_t *n)
{
    *out = NULL;
    *n = 0;
    if (v_is_nullish(a))
        return BK_OK;
    if (!v_is_obj(a))
        return bk_js__type_error(ctx, "CreateListFromArrayLike called on "
                                      "non-object");
    double len;
    if (bk_js__length_of(ctx, a, &len) != BK_OK)
        return BK_ERR;
    if (len > 65535)
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    val_t *v = bk_js__ialloc(ctx, ((size_t)len + 1) * sizeof(val_t));
    for (uint32_t i = 0; i < (uint32_t)len; i++)
        if (bk_js__get_index(ctx, a, i, &v[i]) != BK_OK)
            return BK_ERR;
    *out = v;
    *n = (uint32_t)len;
    return BK_OK;
}

static int FunctionProto_apply(bk_js_ctx_t *ctx, val_t this_val, int argc,
                               const val_t *argv, val_t *ret)
{
    val_t *args;
    uint32_t n;
    if (list_from(ctx, ARG(1), &args, &n) != BK_OK)
        return BK_ERR;
    return bk_js__call(ctx, this_val, ARG(0), (int)n, args, ret);
}

static int FunctionProto_bind(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    if (!bk_js__is_callable(this_val))
        return bk_js__type_error(ctx, "Bind must be called on a function");
    bk_js_obj_t *target = v_obj(this_val);
    bk_js_obj_t *b = bk_js__obj_new(ctx, CLS_BOUND, bk_js__proto_of(ctx, target));
    b->flags |= OF_CALLABLE | (target->flags & OF_CTOR);
    b->u.b.target = this_val;
    b->u.b.this_val = ARG(0);
    b->u.b.nargs = argc > 1 ? (uint32_t)argc - 1 : 0;
    if (b->u.b.nargs) {
        b->u.b.args = bk_js__ialloc(ctx, b->u.b.nargs * sizeof(val_t));
        memcpy(b->u.b.args, argv + 1, b->u.b.nargs * sizeof(val_t));
    }
    val_t len, name;
    double l = 0;
    if (bk_js__has_own(ctx, target, A(ctx, length))) {
        if (bk_js__get(ctx, this_val, A(ctx, length), &len) != BK_OK)
            return BK_ERR;
        if (v_is_num(len)) {
            l = v_num(len);
            if (!isinf(l))
                l = bk_js__to_integer(l);
            l = l - b->u.b.nargs;
            if (!(l > 0)) /* also -Infinity and NaN */
                l = 0;
        }
    }
    if (bk_js__get(ctx, this_val, A(ctx, name), &name) != BK_OK)
        return BK_ERR;
    bk_js_str_t *nm = v_is_str(name) ? v_str(name) : A(ctx, empty);
    bk_js__put_own(ctx, b, A(ctx, length), v_mknum(l), P_CONFIGURABLE);
    bk_js__put_own(ctx, b, A(ctx, name),
                   v_mkstr(bk_js__str_concat(ctx, bk_js__str_cstr(ctx, "bound "),
                                             nm)),
                   P_CONFIGURABLE);
    *ret = v_mkobj(b);
    return BK_OK;
}

static int FunctionProto_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                  const val_t *argv, val_t *ret)
{
    if (!bk_js__is_callable(this_val))
        return bk_js__type_error(ctx, "Function.prototype.toString requires "
                                      "that 'this' be a Function");
    bk_js_obj_t *f = v_obj(this_val);
    if (f->cls == CLS_FUNCTION && f->u.f.fn->src) {
        *ret = v_mkstr(bk_js__str_utf8(ctx, f->u.f.fn->src,
                                       f->u.f.fn->srclen));
        return BK_OK;
    }
    val_t name;
    if (bk_js__get(ctx, this_val, A(ctx, name), &name) != BK_OK)
        return BK_ERR;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__sb_cstr(&sb, "function ");
    if (v_is_str(name))
        bk_js__sb_str(&sb, v_str(name));
    bk_js__sb_cstr(&sb, "() { [native code] }");
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

static int FunctionProto_hasInstance(bk_js_ctx_t *ctx, val_t this_val,
                                     int argc, const val_t *argv, val_t *ret)
{
    /* OrdinaryHasInstance(this, v): bound functions defer to their
     * target through instanceof; a non-object prototype is a TypeError. */
    val_t c = this_val, v = ARG(0), proto;
    *ret = V_FALSE;
    if (!bk_js__is_callable(c))
        return BK_OK;
    if (v_obj(c)->cls == CLS_BOUND) {
        int r;
        if (bk_js__instance_of(ctx, v, bk_js__rd(ctx, v_obj(c))->u.b.target,
                               &r) != BK_OK)
            return BK_ERR;
        *ret = v_mkbool(r);
        return BK_OK;
    }
    if (!v_is_obj(v))
        return BK_OK;
    if (bk_js__get(ctx, c, A(ctx, prototype), &proto) != BK_OK)
        return BK_ERR;
    if (!v_is_obj(proto))
        return bk_js__type_error(ctx, "Function has non-object prototype "
                                      "'%s' in instanceof check",
                                 bk_js__describe(ctx, proto));
    for (bk_js_obj_t *o = bk_js__proto_of(ctx, v_obj(v)); o;
         o = bk_js__proto_of(ctx, o))
        if (o == v_obj(proto)) {
            *ret = V_TRUE;
            break;
        }
    return BK_OK;
}

static int throw_type_error(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    return bk_js__type_error(ctx, "'caller', 'callee', and 'arguments' "
                                  "properties may not be accessed on strict "
                                  "mode functions or the arguments objects "
                                  "for calls to them");
}

static int empty_fn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    *ret = V_UNDEF;
    return BK_OK;
}

static void install_function(bk_js_ctx_t *ctx)
{
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_FUNCTION];
    bk_js__def_ctor(ctx, "Function", Function_ctor, 1, proto);
    static const bk_js_method_t methods[] = {
        {"call", FunctionProto_call, 1, 0},
        {"apply", FunctionProto_apply, 2, 0},
        {"bind", FunctionProto_bind, 1, 0},
        {"toString", FunctionProto_toString, 0, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    bk_js_obj_t *te = bk_js__native_new(ctx, A(ctx, empty), throw_type_error,
                                        0, 0);
    ctx->prog->throw_type_error = te;
    /* %ThrowTypeError%: length and name fixed, the object frozen. */
    bk_js__put_own(ctx, te, A(ctx, length), v_mknum(0), 0);
    bk_js__put_own(ctx, te, A(ctx, name), v_mkstr(A(ctx, empty)), 0);
    bk_js__wr(ctx, te)->flags &= (uint8_t)~OF_EXTENSIBLE;
    bk_js__put_accessor(ctx, proto, bk_js__atom_cstr(ctx, "caller"),
                        v_mkobj(te), v_mkobj(te), P_CONFIGURABLE);
    bk_js__put_accessor(ctx, proto, A(ctx, arguments), v_mkobj(te),
                        v_mkobj(te), P_CONFIGURABLE);
    if (ctx->prog->sym[SYM_hasInstance]) {
        bk_js_obj_t *f = bk_js__native_new(
            ctx, bk_js__atom_cstr(ctx, "[Symbol.hasInstance]"),
            FunctionProto_hasInstance, 1, 0);
        bk_js__put_own(ctx, proto, ctx->prog->sym[SYM_hasInstance],
                       v_mkobj(f), 0);
    }
    bk_js__def_value(ctx, ctx->prog->global, "eval",
                     v_mkobj(bk_js__native_new(
                         ctx, bk_js__atom_cstr(ctx, "eval"), eval_fn, 1, 0)),
                     P_WRITABLE | P_CONFIGURABLE);
}

/* ---- Error ---------------------------------------------------------- */

static int Error_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    int kind = ctx->native_magic;
    bk_js_obj_t *proto = proto_for_new(ctx, ctx->prog->err_proto[kind]);
    bk_js_obj_t *e = bk_js__obj_new(ctx, CLS_ERROR, proto);
    int mi = kind == ERR_AggregateError ? 1 : 0;
    val_t msg = ARG(mi);
    if (msg != V_UNDEF) {
        bk_js_str_t *s;
        if (bk_js__to_string(ctx, msg, &s) != BK_OK)
            return BK_ERR;
        bk_js__put_own(ctx, e, A(ctx, message), v_mkstr(s),
                       P_WRITABLE | P_CONFIGURABLE);
    }
    val_t opts = ARG(mi + 1);
    if (v_is_obj(opts)) {
        int has;
        if (bk_js__has(ctx, v_obj(opts), A(ctx, cause), &has) != BK_OK)
            return BK_ERR;
        if (has) {
            val_t cause;
            if (bk_js__get(ctx, opts, A(ctx, cause), &cause) != BK_OK)
                return BK_ERR;
            bk_js__put_own(ctx, e, A(ctx, cause), cause,
                           P_WRITABLE | P_CONFIGURABLE);
        }
    }
    if (kind == ERR_AggregateError) {
        val_t it, next, v;
        bk_js_obj_t *arr = bk_js__array_new(ctx, 0);
        if (bk_js__get_iterator(ctx, ARG(0), &it, &next) != BK_OK)
            return BK_ERR;
        for (;;) {
            int r = bk_js__iter_step(ctx, it, next, &v);
            if (r < 0)
                return BK_ERR;
            if (r == 0)
                break;
            bk_js__array_push(ctx, arr, v);
        }
        bk_js__put_own(ctx, e, A(ctx, errors), v_mkobj(arr),
                       P_WRITABLE | P_CONFIGURABLE);
    }
    /* stack: "Name: message" plus a frame line, like node's first lines. */
    val_t name, m2;
    bk_js_str_t *ns, *ms;
    if (bk_js__get(ctx, v_mkobj(e), A(ctx, name), &name) != BK_OK ||
        bk_js__to_string(ctx, name, &ns) != BK_OK ||
        bk_js__get(ctx, v_mkobj(e), A(ctx, message), &m2) != BK_OK ||
        bk_js__to_string(ctx, m2, &ms) != BK_OK)
        return BK_ERR;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__sb_str(&sb, ns);
    if (ms->len) {
        bk_js__sb_cstr(&sb, ": ");
        bk_js__sb_str(&sb, ms);
    }
    bk_js__sb_cstr(&sb, "\n    at <anonymous>");
    bk_js__put_own(ctx, e, A(ctx, stack), v_mkstr(bk_js__sb_done(&sb)),
                   P_WRITABLE | P_CONFIGURABLE);
    *ret = v_mkobj(e);
    return BK_OK;
}

static int ErrorProto_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                               const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val))
        return bk_js__type_error(ctx, "Error.prototype.toString called on "
                                      "non-object");
    val_t name, msg;
    bk_js_str_t *ns, *ms;
    if (bk_js__get(ctx, this_val, A(ctx, name), &name) != BK_OK)
        return BK_ERR;
    if (name == V_UNDEF)
        ns = A(ctx, Error);
    else if (bk_js__to_string(ctx, name, &ns) != BK_OK)
        return BK_ERR;
    if (bk_js__get(ctx, this_val, A(ctx, message), &msg) != BK_OK)
        return BK_ERR;
    if (msg == V_UNDEF)
        ms = A(ctx, empty);
    else if (bk_js__to_string(ctx, msg, &ms) != BK_OK)
        return BK_ERR;
    if (ns->len == 0) {
        *ret = v_mkstr(ms);
        return BK_OK;
    }
    if (ms->len == 0) {
        *ret = v_mkstr(ns);
        return BK_OK;
    }
    *ret = v_mkstr(bk_js__str_concat(
        ctx, bk_js__str_concat(ctx, ns, bk_js__str_cstr(ctx, ": ")), ms));
    return BK_OK;
}

static int Error_captureStackTrace(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                   const val_t *argv, val_t *ret)
{
    *ret = V_UNDEF;
    return BK_OK;
}

static void install_error(bk_js_ctx_t *ctx)
{
    static const char *const names[] = {
#define BK_JS__ERR_NAME(n) #n,
        BK_JS_ERRORS(BK_JS__ERR_NAME)
#undef BK_JS__ERR_NAME
    };
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *base_ctor = NULL;
    for (int i = 0; i < ERR__COUNT; i++) {
        if (i == ERR_MemoryError && P->runtime != BK_JS_RUNTIME_1_0) {
            /* 2.0 has no MemoryError global; keep a prototype for errors. */
        }
        bk_js_obj_t *proto = bk_js__obj_new(
            ctx, CLS_OBJECT, i == 0 ? P->proto[PROTO_OBJECT] : P->err_proto[0]);
        P->err_proto[i] = proto;
        bk_js_obj_t *c = bk_js__native_new(ctx, bk_js__atom_cstr(ctx, names[i]),
                                           Error_ctor,
                                           i == ERR_AggregateError ? 2 : 1, i);
        c->flags |= OF_CTOR;
        if (i > 0)
            bk_js__wr(ctx, c)->proto = base_ctor;
        else
            base_ctor = c;
        bk_js__put_own(ctx, c, A(ctx, prototype), v_mkobj(proto), 0);
        bk_js__put_own(ctx, proto, A(ctx, constructor), v_mkobj(c),
                       P_WRITABLE | P_CONFIGURABLE);
        bk_js__put_own(ctx, proto, A(ctx, name),
                       v_mkstr(bk_js__atom_cstr(ctx, names[i])),
                       P_WRITABLE | P_CONFIGURABLE);
        bk_js__put_own(ctx, proto, A(ctx, message), v_mkstr(A(ctx, empty)),
                       P_WRITABLE | P_CONFIGURABLE);
        P->err_ctor[i] = c;
        if (i == ERR_MemoryError && P->runtime != BK_JS_RUNTIME_1_0)
            continue;
        if (i == ERR_AggregateError && P->runtime == BK_JS_RUNTIME_1_0)
            continue; /* 2.0+, with Promise.any */
        bk_js__put_own(ctx, P->global, bk_js__atom_cstr(ctx, names[i]),
                       v_mkobj(c), P_WRITABLE | P_CONFIGURABLE);
    }
    static const bk_js_method_t methods[] = {
        {"toString", ErrorProto_toString, 0, 0},
    };
    bk_js__def_methods(ctx, P->err_proto[0], methods, 1);
    static const bk_js_method_t statics[] = {
        {"captureStackTrace", Error_captureStackTrace, 1, 0},
    };
    bk_js__def_methods(ctx, base_ctor, statics, 1);
}

/* ---- Boolean and Symbol -------------------------------------------------- */

static int Boolean_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    val_t b = v_mkbool(bk_js__truthy(ARG(0)));
    if (ctx->new_target == V_UNDEF) {
        *ret = b;
        return BK_OK;
    }
    bk_js_obj_t *o = bk_js__obj_new(
        ctx, CLS_BOOLEAN, proto_for_new(ctx, ctx->prog->proto[PROTO_BOOLEAN]));
    o->u.prim = b;
    *ret = v_mkobj(o);
    return BK_OK;
}

static int this_prim(bk_js_ctx_t *ctx, val_t this_val, int cls, val_t *out,
                     const char *what)
{
    if (v_is_obj(this_val) && v_obj(this_val)->cls == cls) {
        *out = v_obj(this_val)->u.prim;
        return BK_OK;
    }
    int ok = (cls == CLS_BOOLEAN && v_is_bool(this_val)) ||
             (cls == CLS_SYMBOL && v_is_sym(this_val));
    if (!ok)
        return bk_js__type_error(ctx, "%s requires that 'this' be a %s",
                                 what, cls == CLS_BOOLEAN ? "Boolean" : "Symbol");
    *out = this_val;
    return BK_OK;
}

static int BooleanProto_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                 const val_t *argv, val_t *ret)
{
    val_t b = V_FALSE;
    if (this_prim(ctx, this_val, CLS_BOOLEAN, &b,
                  "Boolean.prototype.toString") != BK_OK)
        return BK_ERR;
    *ret = ctx->native_magic ? b
                             : v_mkstr(b == V_TRUE ? A(ctx, true_)
                                                   : A(ctx, false_));
    return BK_OK;
}

static int Symbol_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    if (ctx->new_target != V_UNDEF)
        return bk_js__type_error(ctx, "Symbol is not a constructor");
    bk_js_str_t *desc = NULL;
    if (ARG(0) != V_UNDEF && bk_js__to_string(ctx, argv[0], &desc) != BK_OK)
        return BK_ERR;
    *ret = v_mksym(bk_js__symbol_new(ctx, desc));
    return BK_OK;
}

static int Symbol_for(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    /* The registry is an object keyed by description. */
    val_t reg;
    bk_js_str_t *rk = bk_js__atom_cstr(ctx, "__symbol_registry");
    bk_js_obj_t *ctor = bk_js__rd(ctx, ctx->native_callee)->u.n.data;
    (void)ctor;
    bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, ctx->prog->global_lex), rk);
    if (p == NULL) {
        bk_js_obj_t *r = bk_js__obj_new(ctx, CLS_OBJECT, NULL);
        bk_js__put_own(ctx, ctx->prog->global_lex, rk, v_mkobj(r), 0);
        reg = v_mkobj(r);
    } else {
        reg = p->v;
    }
    bk_js_str_t *k = bk_js__atom(ctx, s);
    bk_js_prop_t *q = bk_js__find(bk_js__rd(ctx, v_obj(reg)), k);
    if (q != NULL) {
        *ret = q->v;
        return BK_OK;
    }
    bk_js_str_t *sym = bk_js__symbol_new(ctx, s);
    sym->index = 1; /* registered */
    bk_js__put_own(ctx, v_obj(reg), k, v_mksym(sym), 0);
    *ret = v_mksym(sym);
    return BK_OK;
}

static int Symbol_keyFor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    if (!v_is_sym(ARG(0)))
        return bk_js__type_error(ctx, "%s is not a symbol",
                                 bk_js__describe(ctx, ARG(0)));
    bk_js_str_t *s = v_str(argv[0]);
    *ret = s->index == 1 && s->x.desc ? v_mkstr(s->x.desc) : V_UNDEF;
    return BK_OK;
}

static int SymbolProto_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                                const val_t *argv, val_t *ret)
{
    val_t s = V_UNDEF;
    if (this_prim(ctx, this_val, CLS_SYMBOL, &s,
                  "Symbol.prototype.toString") != BK_OK)
        return BK_ERR;
    bk_js_str_t *d = v_str(s)->x.desc;
    switch (ctx->native_magic) {
    case 1:
        *ret = s;
        return BK_OK;
    case 2:
        *ret = d ? v_mkstr(d) : V_UNDEF;
        return BK_OK;
    default: {
        bk_js_sb_t sb;
        bk_js__sb_init(&sb, ctx);
        bk_js__sb_cstr(&sb, "Symbol(");
        if (d)
            bk_js__sb_str(&sb, d);
        bk_js__sb_cstr(&sb, ")");
        *ret = v_mkstr(bk_js__sb_done(&sb));
        return BK_OK;
    }
    }
}

static void install_boolean_symbol(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *bp = P->proto[PROTO_BOOLEAN];
    bk_js__wr(ctx, bp)->cls = CLS_BOOLEAN;
    bk_js__wr(ctx, bp)->u.prim = V_FALSE;
    bk_js__def_ctor(ctx, "Boolean", Boolean_ctor, 1, bp);
    static const bk_js_method_t bm[] = {
        {"toString", BooleanProto_toString, 0, 0},
        {"valueOf", BooleanProto_toString, 0, 1},
    };
    bk_js__def_methods(ctx, bp, bm, BK_COUNTOF(bm));
    bk_js_obj_t *sp = P->proto[PROTO_SYMBOL];
    bk_js_obj_t *sc = bk_js__def_ctor(ctx, "Symbol", Symbol_ctor, 0, sp);
    if (P->runtime == BK_JS_RUNTIME_1_0) {
        /* 1.0 has no Symbol global; keep the ctor for internal use. */
        int ok;
        if (bk_js__delete(ctx, P->global, bk_js__atom_cstr(ctx, "Symbol"),
                          &ok) != BK_OK)
            ctx->has_exc = 0;
    }
    static const bk_js_method_t sm[] = {
        {"for", Symbol_for, 1, 0},
        {"keyFor", Symbol_keyFor, 1, 0},
    };
    bk_js__def_methods(ctx, sc, sm, BK_COUNTOF(sm));
    static const char *const wk[SYM__COUNT] = {
        "iterator", "asyncIterator", "hasInstance", "toPrimitive",
        "toStringTag", "match", "matchAll", "replace", "search", "split",
        "species", "isConcatSpreadable", "unscopables"};
    for (int i = 0; i < SYM__COUNT; i++)
        bk_js__put_own(ctx, sc, bk_js__atom_cstr(ctx, wk[i]),
                       v_mksym(P->sym[i]), 0);
    static const bk_js_method_t spm[] = {
        {"toString", SymbolProto_toString, 0, 0},
        {"valueOf", SymbolProto_toString, 0, 1},
    };
    bk_js__def_methods(ctx, sp, spm, BK_COUNTOF(spm));
    bk_js_obj_t *tp = bk_js__native_new(
        ctx, bk_js__atom_cstr(ctx, "[Symbol.toPrimitive]"),
        SymbolProto_toString, 1, 1);
    bk_js__put_own(ctx, sp, P->sym[SYM_toPrimitive], v_mkobj(tp),
                   P_CONFIGURABLE);
    bk_js_obj_t *dg = bk_js__native_new(ctx, bk_js__atom_cstr(ctx, "description"),
                                        SymbolProto_toString, 0, 2);
    bk_js__put_accessor(ctx, sp, bk_js__atom_cstr(ctx, "description"),
                        v_mkobj(dg), V_UNDEF, P_CONFIGURABLE);
    bk_js__put_own(ctx, sp, P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, "Symbol")), P_CONFIGURABLE);
}

/* ---- iterators and generators -------------------------------------- */

static int IterProto_iterator(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    *ret = this_val;
    return BK_OK;
}

/* next() of the built-in array/string/keys/entries iterators. */
static int ArrayIter_next(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val) || v_obj(this_val)->cls != CLS_ITER)
        return bk_js__type_error(ctx, "next method called on incompatible "
                                      "receiver");
    bk_js_obj_t *it = bk_js__wr(ctx, v_obj(this_val));
    val_t t = it->u.it.target;
    if (t == V_UNDEF) {
        *ret = v_mkobj(bk_js__iter_result(ctx, V_UNDEF, 1));
        return BK_OK;
    }
    if (v_is_str(t)) {
        val_t v;
        int r = bk_js__iter_step(ctx, this_val, V_EMPTY, &v);
        if (r < 0)
            return BK_ERR;
        if (r == 0)
            it->u.it.target = V_UNDEF;
        *ret = v_mkobj(bk_js__iter_result(ctx, r ? v : V_UNDEF, !r));
        return BK_OK;
    }
    double len;
    if (v_is_obj(t) && v_obj(t)->cls == CLS_TYPED) /* its own length */
        len = bk_js__typed_length(bk_js__rd(ctx, v_obj(t)));
    else if (bk_js__length_of(ctx, t, &len) != BK_OK)
        return BK_ERR;
    if (it->u.it.i >= len) {
        it->u.it.target = V_UNDEF;
        *ret = v_mkobj(bk_js__iter_result(ctx, V_UNDEF, 1));
        return BK_OK;
    }
    uint32_t i = it->u.it.i++;
    val_t v = V_UNDEF;
    if (it->u.it.kind != 1 && bk_js__get_index(ctx, t, i, &v) != BK_OK)
        return BK_ERR;
    if (it->u.it.kind == 1) {
        v = v_mknum(i);
    } else if (it->u.it.kind == 2) {
        val_t pair[2] = {v_mknum(i), v};
        v = v_mkobj(bk_js__array_from(ctx, pair, 2));
    }
    *ret = v_mkobj(bk_js__iter_result(ctx, v, 0));
    return BK_OK;
}

/* magic: 0 next, 1 throw, 2 return */
static int Generator_next(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val) || v_obj(this_val)->cls != CLS_GENERATOR)
        return bk_js__type_error(ctx, "next method called on incompatible "
                                      "receiver");
    val_t r;
    int done;
    if (bk_js__gen_resume(ctx, v_obj(this_val), ctx->native_magic, ARG(0), &r,
                          &done) != BK_OK)
        return BK_ERR;
    *ret = v_mkobj(bk_js__iter_result(ctx, r, done));
    return BK_OK;
}

static void install_iter(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    static const bk_js_method_t im[] = {{"@iterator", IterProto_iterator, 0, 0}};
    bk_js__def_methods(ctx, P->proto[PROTO_ITERATOR], im, 1);
    static const bk_js_method_t am[] = {{"next", ArrayIter_next, 0, 0}};
    bk_js__def_methods(ctx, P->proto[PROTO_ARRAY_ITER], am, 1);
    bk_js__put_own(ctx, P->proto[PROTO_ARRAY_ITER], P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, "Array Iterator")),
                   P_CONFIGURABLE);
    static const bk_js_method_t gm[] = {
        {"next", Generator_next, 1, 0},
        {"throw", Generator_next, 1, 1},
        {"return", Generator_next, 1, 2},
    };
    bk_js__def_methods(ctx, P->proto[PROTO_GENERATOR], gm, BK_COUNTOF(gm));
    bk_js__put_own(ctx, P->proto[PROTO_GENERATOR], P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, "Generator")),
                   P_CONFIGURABLE);
}

/* ---- globals -------------------------------------------------------- */

static int console_log(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    for (int i = 0; i < argc; i++) {
        bk_js_str_t *s;
        if (i)
            bk_js__sb_putc(&sb, ' ');
        if (v_is_sym(argv[i])) {
            bk_js_str_t *d = v_str(argv[i])->x.desc;
            bk_js__sb_cstr(&sb, "Symbol(");
            if (d)
                bk_js__sb_str(&sb, d);
            bk_js__sb_cstr(&sb, ")");
            continue;
        }
        if (bk_js__to_string(ctx, argv[i], &s) != BK_OK)
            return BK_ERR;
        bk_js__sb_str(&sb, s);
    }
    size_t n;
    char *line = bk_js__str_to_utf8(ctx, bk_js__sb_done(&sb), &n);
    if (ctx->log) {
        ctx->log(ctx->log_data, line, n);
    } else {
        fwrite(line, 1, n, stdout);
        fputc('\n', stdout);
    }
    *ret = V_UNDEF;
    return BK_OK;
}

static int require_fn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_str_t *name;
    if (bk_js__to_string(ctx, ARG(0), &name) != BK_OK)
        return BK_ERR;
    name = bk_js__atom(ctx, name);
    bk_js_prog_t *P = ctx->prog;
    bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, P->modules_cache), name);
    if (p != NULL) {
        *ret = p->v;
        return BK_OK;
    }
    for (bk_js_module_t *m = P->modules; m != NULL; m = m->next) {
        if (m->name != name)
            continue;
        val_t exports = V_UNDEF;
        if (m->init(ctx, m->data, &exports) != BK_OK)
            return BK_ERR;
        bk_js__put_own(ctx, P->modules_cache, name, exports, P_DEFAULT);
        *ret = exports;
        return BK_OK;
    }
    char *s = bk_js__str_to_utf8(ctx, name, NULL);
    return bk_js__throw(ctx, ERR_Error, "Cannot find module '%s'", s);
}

static int isNaN_fn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    double d;
    if (bk_js__to_number(ctx, ARG(0), &d) != BK_OK)
        return BK_ERR;
    *ret = v_mkbool(ctx->native_magic ? isfinite(d) : d != d);
    return BK_OK;
}

static void install_global(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *g = P->global;
    bk_js__def_value(ctx, g, "globalThis", v_mkobj(g),
                     P_WRITABLE | P_CONFIGURABLE);
    bk_js__def_value(ctx, g, "NaN", V_NAN, 0);
    bk_js__def_value(ctx, g, "Infinity", v_mknum(INFINITY), 0);
    bk_js__def_value(ctx, g, "undefined", V_UNDEF, 0);
    bk_js_obj_t *console = bk_js__obj_new(ctx, CLS_OBJECT,
                                          P->proto[PROTO_OBJECT]);
    static const bk_js_method_t cm[] = {
        {"log", console_log, 0, 0},
        {"info", console_log, 0, 0},
        {"warn", console_log, 0, 0},
        {"error", console_log, 0, 0},
    };
    bk_js__def_methods(ctx, console, cm, BK_COUNTOF(cm));
    bk_js__def_value(ctx, g, "console", v_mkobj(console),
                     P_WRITABLE | P_CONFIGURABLE);
    static const bk_js_method_t gm[] = {
        {"require", require_fn, 1, 0},
        {"isNaN", isNaN_fn, 1, 0},
        {"isFinite", isNaN_fn, 1, 1},
    };
    bk_js__def_methods(ctx, g, gm, BK_COUNTOF(gm));
    P->modules_cache = bk_js__obj_new(ctx, CLS_OBJECT, NULL);
}

/* ---- the table ------------------------------------------------------- */

static const bk_js_builtin_t table[] = {
    {"Object", install_object},
    {"Function", install_function},
    {"Error", install_error},
    {"Boolean/Symbol", install_boolean_symbol},
    {"iterators", install_iter},
    {"globals", install_global},
    {"Array", bk_js__install_array},
    {"String", bk_js__install_string},
    {"Number/Math", bk_js__install_number},
    {"JSON", bk_js__install_json},
    {"RegExp", bk_js__install_regexp},
    {"Date", bk_js__install_date},
    {"URI/base64", bk_js__install_uri},
    {"crypto", bk_js__install_crypto},
    {"querystring", bk_js__install_querystring},
    {"1.0 byte strings", bk_js__install_bytes},
    {"Buffer", bk_js__install_buffer},
    {"Map/Set", bk_js__install_map},
    {"typed arrays", bk_js__install_typed},
    {"Promise", bk_js__install_promise},
};

void bk_js__install_builtins(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *op = bk_js__obj_new(ctx, CLS_OBJECT, NULL);
    P->proto[PROTO_OBJECT] = op;
    bk_js_obj_t *fp = bk_js__obj_new(ctx, CLS_NATIVE, op);
    fp->flags |= OF_CALLABLE;
    fp->u.n.fn = empty_fn;
    P->proto[PROTO_FUNCTION] = fp;
    bk_js__put_own(ctx, fp, A(ctx, length), v_mknum(0), P_CONFIGURABLE);
    bk_js__put_own(ctx, fp, A(ctx, name), v_mkstr(A(ctx, empty)),
                   P_CONFIGURABLE);
    static const char *const wk[SYM__COUNT] = {
        "Symbol.iterator", "Symbol.asyncIterator", "Symbol.hasInstance",
        "Symbol.toPrimitive", "Symbol.toStringTag", "Symbol.match",
        "Symbol.matchAll", "Symbol.replace", "Symbol.search", "Symbol.split",
        "Symbol.species", "Symbol.isConcatSpreadable", "Symbol.unscopables"};
    for (int i = 0; i < SYM__COUNT; i++)
        P->sym[i] = bk_js__symbol_new(ctx, bk_js__atom_cstr(ctx, wk[i]));
    for (int i = PROTO_ARRAY; i < PROTO__COUNT; i++) {
        bk_js_obj_t *parent = op;
        if (i == PROTO_ARRAY_ITER || i == PROTO_STRING_ITER ||
            i == PROTO_GENERATOR)
            parent = P->proto[PROTO_ITERATOR];
        if (i == PROTO_ASYNC_FUNCTION || i == PROTO_GENERATOR_FUNCTION)
            parent = fp;
        P->proto[i] = bk_js__obj_new(ctx, CLS_OBJECT, parent);
    }
    bk_js__wr(ctx, P->proto[PROTO_ARRAY])->cls = CLS_ARRAY;
    P->global = bk_js__obj_new(ctx, CLS_OBJECT, op);
    P->global_lex = bk_js__obj_new(ctx, CLS_OBJECT, NULL);
    for (size_t i = 0; i < BK_COUNTOF(table); i++)
        table[i].install(ctx);
}
