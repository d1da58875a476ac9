/*
 * object.c: objects, properties, arrays and copy-on-write of the template.
 *
 * An object's own properties are an array of (key, flags, value) in
 * insertion order, searched linearly while small and through an
 * open-addressing index of prop positions once it has more than
 * HASH_MIN entries. Arrays keep their dense part in 'elems' (holes are
 * V_EMPTY); index keys that would make it too sparse live in the props
 * (OF_SPARSE).
 *
 * Copy-on-write: template objects (tidx != 0) are read through
 * bk_js__rd() and written through bk_js__wr(). The first write in an
 * invocation copies the object's body (props, index, elements) into the
 * invocation arena and records the copy in the context's overlay slot for
 * tidx, tagged with the invocation generation; bk_js_begin() bumps the
 * generation, which drops every copy at once.
 */
#include <math.h>
#include <stdlib.h>

#include "js/js_int.h"

#define HASH_MIN 8
/* How far past the dense end an index may land and still extend it. */
#define DENSE_SLACK 1024

/* ---- copy-on-write -------------------------------------------------- */

bk_js_obj_t *bk_js__resolve(bk_js_ctx_t *ctx, bk_js_obj_t *o)
{
    bk_js_overlay_t *e = &ctx->overlay[o->tidx];
    return e->gen == ctx->gen ? e->copy : o;
}

bk_js_obj_t *bk_js__cow(bk_js_ctx_t *ctx, bk_js_obj_t *o)
{
    bk_js_overlay_t *e = &ctx->overlay[o->tidx];
    if (e->gen == ctx->gen)
        return e->copy;
    bk_js_obj_t *c = bk_js__ialloc(ctx, sizeof(*c));
    *c = *o;
    c->tidx = 0;
    if (o->nprops) {
        c->pcap = o->nprops;
        c->props = bk_js__ialloc(ctx, o->nprops * sizeof(bk_js_prop_t));
        memcpy(c->props, o->props, o->nprops * sizeof(bk_js_prop_t));
    } else {
        c->props = NULL;
        c->pcap = 0;
    }
    if (o->hbits) {
        size_t hn = (size_t)1 << o->hbits;
        c->hash = bk_js__ialloc(ctx, hn * sizeof(uint32_t));
        memcpy(c->hash, o->hash, hn * sizeof(uint32_t));
    }
    if (o->nelems) {
        c->ecap = o->nelems;
        c->elems = bk_js__ialloc(ctx, o->nelems * sizeof(val_t));
        memcpy(c->elems, o->elems, o->nelems * sizeof(val_t));
    } else {
        c->elems = NULL;
        c->ecap = 0;
    }
    if (o->cls == CLS_ARRAYBUFFER &&
        o->u.data != NULL) {
        const bk_js_bytes_t *ob = o->u.data;
        bk_js_bytes_t *nb = bk_js__ialloc(ctx, sizeof(*nb));
        nb->len = ob->len;
        nb->p = bk_js__ialloc(ctx, ob->len ? ob->len : 1);
        memcpy(nb->p, ob->p, ob->len);
        c->u.data = nb;
    }
    e->gen = ctx->gen;
    e->copy = c;
    bk_js__charge(ctx, 4 + o->nprops + o->nelems / 4);
    return c;
}

/* ---- creation ----------------------------------------------------------- */

bk_js_obj_t *bk_js__obj_new(bk_js_ctx_t *ctx, int cls, bk_js_obj_t *proto)
{
    bk_js_obj_t *o = bk_js__ialloc(ctx, sizeof(*o));
    memset(o, 0, sizeof(*o));
    o->cls = (uint8_t)cls;
    o->flags = OF_EXTENSIBLE;
    o->proto = proto;
    if (ctx->template_mode)
        o->tidx = ++ctx->prog->nobjs;
    return o;
}

bk_js_obj_t *bk_js__array_new(bk_js_ctx_t *ctx, uint32_t cap)
{
    bk_js_obj_t *a = bk_js__obj_new(ctx, CLS_ARRAY,
                                    ctx->prog->proto[PROTO_ARRAY]);
    if (cap) {
        a->elems = bk_js__ialloc(ctx, cap * sizeof(val_t));
        a->ecap = cap;
    }
    return a;
}

bk_js_obj_t *bk_js__array_from(bk_js_ctx_t *ctx, const val_t *v, uint32_t n)
{
    bk_js_obj_t *a = bk_js__array_new(ctx, n);
    if (n)
        memcpy(a->elems, v, n * sizeof(val_t));
    a->nelems = a->len = n;
    return a;
}

static void elems_reserve(bk_js_ctx_t *ctx, bk_js_obj_t *b, uint32_t n)
{
    if (n <= b->ecap)
        return;
    uint32_t cap = b->ecap ? b->ecap : 4;
    while (cap < n)
        cap = cap * 2;
    if (cap > (1u << 27))
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    b->elems = bk_js__irealloc(ctx, b->elems, b->ecap * sizeof(val_t),
                              cap * sizeof(val_t));
    b->ecap = cap;
}

void bk_js__array_push(bk_js_ctx_t *ctx, bk_js_obj_t *a, val_t v)
{
    bk_js_obj_t *b = bk_js__wr(ctx, a);
    if (b->nelems == b->len) {
        elems_reserve(ctx, b, b->nelems + 1);
        b->elems[b->nelems++] = v;
        b->len++;
        return;
    }
    if (bk_js__set_index(ctx, v_mkobj(a), b->len, v) != BK_OK)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY); /* not reached: no setters */
}

bk_js_obj_t *bk_js__native_new(bk_js_ctx_t *ctx, bk_js_str_t *name,
                               bk_js_native_t fn, int length, int magic)
{
    bk_js_obj_t *f = bk_js__obj_new(ctx, CLS_NATIVE,
                                    ctx->prog->proto[PROTO_FUNCTION]);
    f->flags |= OF_CALLABLE;
    f->u.n.fn = fn;
    f->u.n.magic = magic;
    bk_js__put_own(ctx, f, A(ctx, length), v_mknum(length), P_CONFIGURABLE);
    bk_js__put_own(ctx, f, A(ctx, name), v_mkstr(name ? name : A(ctx, empty)),
                   P_CONFIGURABLE);
    return f;
}

bk_js_obj_t *bk_js__closure_new(bk_js_ctx_t *ctx, bk_js_code_t *fn,
                                bk_js_obj_t *env, val_t this_val)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->proto[PROTO_FUNCTION];
    if ((fn->flags & (FN_ASYNC | FN_GEN)) == FN_ASYNC &&
        P->proto[PROTO_ASYNC_FUNCTION])
        proto = P->proto[PROTO_ASYNC_FUNCTION];
    else if ((fn->flags & FN_GEN) && P->proto[PROTO_GENERATOR_FUNCTION])
        proto = P->proto[PROTO_GENERATOR_FUNCTION];
    bk_js_obj_t *f = bk_js__obj_new(ctx, CLS_FUNCTION, proto);
    f->flags |= OF_CALLABLE;
    f->u.f.fn = fn;
    f->u.f.env = env;
    f->u.f.this_val = this_val;
    f->props = bk_js__ialloc(ctx, 3 * sizeof(bk_js_prop_t));
    f->pcap = 3;
    bk_js__put_own(ctx, f, A(ctx, length), v_mknum(fn->length),
                   P_CONFIGURABLE);
    bk_js__put_own(ctx, f, A(ctx, name),
                   v_mkstr(fn->name ? fn->name : A(ctx, empty)),
                   P_CONFIGURABLE);
    if (fn->flags & FN_CLASS_CTOR) {
        f->flags |= OF_CTOR | OF_CLASS_CTOR;
    } else if (fn->flags & FN_GEN) {
        bk_js_obj_t *p = bk_js__obj_new(ctx, CLS_OBJECT,
                                        P->proto[PROTO_GENERATOR]);
        bk_js__put_own(ctx, f, A(ctx, prototype), v_mkobj(p), P_WRITABLE);
    } else if (!(fn->flags & (FN_ARROW | FN_METHOD | FN_ASYNC | FN_GETSET))) {
        f->flags |= OF_CTOR;
        bk_js_obj_t *p = bk_js__obj_new(ctx, CLS_OBJECT,
                                        P->proto[PROTO_OBJECT]);
        bk_js__put_own(ctx, p, A(ctx, constructor), v_mkobj(f),
                       P_WRITABLE | P_CONFIGURABLE);
        bk_js__put_own(ctx, f, A(ctx, prototype), v_mkobj(p), P_WRITABLE);
    }
    return f;
}

bk_js_obj_t *bk_js__env_new(bk_js_ctx_t *ctx, bk_js_obj_t *parent, uint32_t n)
{
    bk_js_obj_t *e = bk_js__ialloc(ctx, sizeof(*e) + n * sizeof(val_t));
    memset(e, 0, sizeof(*e));
    e->cls = CLS_ENV;
    e->u.env.parent = parent;
    e->elems = (val_t *)(e + 1);
    e->nelems = e->ecap = n;
    for (uint32_t i = 0; i < n; i++)
        e->elems[i] = V_EMPTY;
    if (ctx->template_mode)
        e->tidx = ++ctx->prog->nobjs;
    return e;
}

/* ---- own properties ------------------------------------------------- */

static inline uint32_t key_hash(const bk_js_str_t *k)
{
    uint64_t x = (uint64_t)(uintptr_t)k >> 3;
    return (uint32_t)((x * 0x9E3779B97F4A7C15ull) >> 32);
}

static void rehash(bk_js_ctx_t *ctx, bk_js_obj_t *b)
{
    if (b->nprops <= HASH_MIN) {
        b->hbits = 0;
        b->hash = NULL;
        return;
    }
    unsigned bits = 4;
    while (((size_t)1 << bits) < (size_t)b->nprops * 2)
        bits++;
    size_t size = (size_t)1 << bits;
    uint32_t *h = bk_js__izalloc(ctx, size * sizeof(uint32_t));
    for (uint32_t i = 0; i < b->nprops; i++) {
        if (b->props[i].key == NULL)
            continue;
        uint32_t j = key_hash(b->props[i].key) & (uint32_t)(size - 1);
        while (h[j])
            j = (j + 1) & (uint32_t)(size - 1);
        h[j] = i + 1;
    }
    b->hash = h;
    b->hbits = (uint16_t)bits;
}

bk_js_prop_t *bk_js__find(bk_js_obj_t *b, const bk_js_str_t *key)
{
    if (b->hbits == 0) {
        bk_js_prop_t *p = b->props;
        for (uint32_t i = 0, n = b->nprops; i < n; i++)
            if (p[i].key == key)
                return &p[i];
        return NULL;
    }
    uint32_t mask = (1u << b->hbits) - 1;
    for (uint32_t j = key_hash(key) & mask;; j = (j + 1) & mask) {
        uint32_t i = b->hash[j];
        if (i == 0)
            return NULL;
        if (b->props[i - 1].key == key)
            return &b->props[i - 1];
    }
}

/* Appends a new property to a writable body (the key must be absent). */
static bk_js_prop_t *add_prop(bk_js_ctx_t *ctx, bk_js_obj_t *b,
                              bk_js_str_t *key, val_t v, uint32_t flags)
{
    if (b->nprops == b->pcap) {
        uint32_t cap = b->pcap ? b->pcap * 2 : 4;
        b->props = bk_js__irealloc(ctx, b->props,
                                  b->pcap * sizeof(bk_js_prop_t),
                                  cap * sizeof(bk_js_prop_t));
        b->pcap = cap;
    }
    bk_js_prop_t *p = &b->props[b->nprops++];
    p->key = key;
    p->flags = flags;
    p->_pad = 0;
    p->v = v;
    if (b->hbits) {
        if ((size_t)b->nprops * 2 > ((size_t)1 << b->hbits)) {
            rehash(ctx, b);
        } else {
            uint32_t mask = (1u << b->hbits) - 1;
            uint32_t j = key_hash(key) & mask;
            while (b->hash[j])
                j = (j + 1) & mask;
            b->hash[j] = b->nprops;
        }
    } else if (b->nprops > HASH_MIN) {
        rehash(ctx, b);
    }
    /* On arrays: some elements live in the props. On other objects: the
     * object may have integer keys (array [[Set]] and the Array methods'
     * hole skipping look at such prototypes and array-likes). */
    if ((key->flags & STR_INDEX) ||
        (key->len >= 10 && !(key->flags & (STR_SYMBOL | STR_WIDE)) &&
         key->d.u8[0] >= '1' && key->d.u8[0] <= '9'))
        b->flags |= OF_SPARSE;
    return p;
}

void bk_js__put_own(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                    val_t v, uint32_t flags)
{
    bk_js_obj_t *b = bk_js__wr(ctx, o);
    bk_js_prop_t *p = bk_js__find(b, key);
    if (p) {
        p->v = v;
        p->flags = flags;
        return;
    }
    add_prop(ctx, b, key, v, flags);
}

bk_js_obj_t *bk_js__obj_from(bk_js_ctx_t *ctx, bk_js_obj_t *proto,
                             bk_js_str_t *const *keys, const val_t *vals,
                             uint32_t n, uint32_t spare)
{
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT, proto);
    if (n + spare) {
        /* Sized once: the embedder builds event objects this way, with
         * room for what handlers usually add (headers). */
        o->props = bk_js__ialloc(ctx, (n + spare) * sizeof(bk_js_prop_t));
        o->pcap = n + spare;
    }
    for (uint32_t i = 0; i < n; i++) {
        bk_js_prop_t *p = bk_js__find(o, keys[i]);
        if (p != NULL) {
            p->v = vals[i];
        } else if (o->nprops < HASH_MIN && keys[i]->len &&
                   !(keys[i]->flags & (STR_INDEX | STR_WIDE | STR_SYMBOL)) &&
                   !(keys[i]->d.u8[0] >= '0' && keys[i]->d.u8[0] <= '9')) {
            /* Small, and a key no array logic cares about: append in
             * place (add_prop's bookkeeping is for the other cases). */
            p = &o->props[o->nprops++];
            p->key = keys[i];
            p->flags = P_DEFAULT;
            p->_pad = 0;
            p->v = vals[i];
        } else {
            add_prop(ctx, o, keys[i], vals[i], P_DEFAULT);
        }
    }
    return o;
}

void bk_js__put_accessor(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                         val_t getter, val_t setter, uint32_t flags)
{
    bk_js_obj_t *b = bk_js__wr(ctx, o);
    bk_js_prop_t *p = bk_js__find(b, key);
    bk_js_accessor_t *acc = bk_js__ialloc(ctx, sizeof(*acc));
    acc->get = getter;
    acc->set = setter;
    if (p && (p->flags & P_ACCESSOR)) {
        bk_js_accessor_t *old = (bk_js_accessor_t *)(uintptr_t)p->v;
        if (getter == V_EMPTY)
            acc->get = old->get;
        if (setter == V_EMPTY)
            acc->set = old->set;
    }
    if (acc->get == V_EMPTY)
        acc->get = V_UNDEF;
    if (acc->set == V_EMPTY)
        acc->set = V_UNDEF;
    val_t v = (val_t)(uintptr_t)acc;
    if (p) {
        p->v = v;
        p->flags = flags | P_ACCESSOR;
        return;
    }
    add_prop(ctx, b, key, v, flags | P_ACCESSOR);
}

static void remove_prop(bk_js_ctx_t *ctx, bk_js_obj_t *b, bk_js_prop_t *p)
{
    uint32_t i = (uint32_t)(p - b->props);
    memmove(&b->props[i], &b->props[i + 1],
            (b->nprops - i - 1) * sizeof(bk_js_prop_t));
    b->nprops--;
    if (b->hbits)
        rehash(ctx, b);
}

int bk_js__get_own(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                   uint32_t *flags, val_t *v, bk_js_accessor_t **acc)
{
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    int64_t idx = bk_js__key_index(key);
    *acc = NULL;
    if (idx >= 0 && (b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS) &&
        idx < b->nelems && b->elems[idx] != V_EMPTY) {
        *v = b->elems[idx];
        *flags = (b->flags & OF_FROZEN)   ? P_ENUMERABLE
                 : (b->flags & OF_SEALED) ? P_ENUMERABLE | P_WRITABLE
                                          : P_DEFAULT;
        return 1;
    }
    if (b->cls == CLS_ARRAY && key == A(ctx, length)) {
        *v = v_mknum(b->len);
        *flags = (b->flags & OF_LEN_RO) ? 0 : P_WRITABLE;
        return 1;
    }
    if (b->cls == CLS_TYPED && idx >= 0) {
        if (!bk_js__typed_get(ctx, b, (uint32_t)idx, v))
            return 0;
        *flags = P_WRITABLE | P_ENUMERABLE | P_CONFIGURABLE;
        return 1;
    }
    if (b->cls == CLS_STRING && idx >= 0) {
        bk_js_str_t *s = v_str(b->u.prim);
        if (idx < s->len) {
            *v = v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)idx,
                                        (uint32_t)idx + 1));
            *flags = P_ENUMERABLE;
            return 1;
        }
    }
    bk_js_prop_t *p = bk_js__find(b, key);
    if (p == NULL)
        return 0;
    *flags = p->flags;
    if (p->flags & P_ACCESSOR)
        *acc = (bk_js_accessor_t *)(uintptr_t)p->v;
    else
        *v = p->v;
    return 1;
}

int bk_js__has_own(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key)
{
    uint32_t f;
    val_t v;
    bk_js_accessor_t *acc;
    return bk_js__get_own(ctx, o, key, &f, &v, &acc);
}

int bk_js__has(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key, int *out)
{
    for (; o != NULL; o = bk_js__rd(ctx, o)->proto) {
        if (bk_js__has_own(ctx, o, key)) {
            *out = 1;
            return BK_OK;
        }
    }
    *out = 0;
    return BK_OK;
}

bk_js_obj_t *bk_js__proto_of(bk_js_ctx_t *ctx, bk_js_obj_t *o)
{
    return bk_js__rd(ctx, o)->proto;
}

/* CanonicalNumericIndexString(key) for typed arrays: "-1", "1.5", "-0"
 * name no property of theirs (reads give undefined, writes do nothing). */
static int canonical_numeric(bk_js_ctx_t *ctx, const bk_js_str_t *k)
{
    if (k->flags & STR_SYMBOL || k->len == 0 || k->len > 40)
        return 0;
    uint32_t c = str_at(k, 0);
    if (!((c >= '0' && c <= '9') || c == '-' || c == 'I' || c == 'N'))
        return 0;
    if (k->len == 2 && c == '-' && str_at(k, 1) == '0')
        return 1;
    double d = bk_js__str_to_num(k);
    char buf[64];
    bk_js__fmt_num(buf, sizeof(buf), d);
    if (strlen(buf) != k->len)
        return 0;
    for (uint32_t i = 0; i < k->len; i++)
        if ((uint32_t)(uint8_t)buf[i] != str_at(k, i))
            return 0;
    (void)ctx;
    return 1;
}

/* ---- [[Get]] -------------------------------------------------------- */

static bk_js_obj_t *prim_proto(bk_js_ctx_t *ctx, val_t v)
{
    bk_js_prog_t *P = ctx->prog;
    if (v_is_num(v))
        return P->proto[PROTO_NUMBER];
    if (v_is_str(v))
        return P->proto[PROTO_STRING];
    if (v_is_bool(v))
        return P->proto[PROTO_BOOLEAN];
    if (v_is_sym(v))
        return P->proto[PROTO_SYMBOL];
    return NULL;
}

int bk_js__get_from(bk_js_ctx_t *ctx, bk_js_obj_t *o, val_t receiver,
                    bk_js_str_t *key, val_t *out)
{
    int64_t idx = bk_js__key_index(key);
    unsigned hops = 0;
    while (o != NULL) {
        bk_js_obj_t *b = bk_js__rd(ctx, o);
        if (idx >= 0) {
            if ((b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS) &&
                idx < b->nelems && b->elems[idx] != V_EMPTY) {
                *out = b->elems[idx];
                return BK_OK;
            }
            if (b->cls == CLS_STRING && idx < v_str(b->u.prim)->len) {
                bk_js_str_t *s = v_str(b->u.prim);
                *out = v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)idx,
                                              (uint32_t)idx + 1));
                return BK_OK;
            }
            if (b->cls == CLS_TYPED) {
                bk_js__typed_get(ctx, b, (uint32_t)idx, out);
                return BK_OK;
            }
        } else if (b->cls == CLS_TYPED && canonical_numeric(ctx, key)) {
            *out = V_UNDEF;
            return BK_OK;
        } else if (b->cls == CLS_ARRAY && key == A(ctx, length)) {
            *out = v_mknum(b->len);
            return BK_OK;
        }
        bk_js_prop_t *p = bk_js__find(b, key);
        if (p != NULL) {
            if (!(p->flags & P_ACCESSOR)) {
                *out = p->v;
                return BK_OK;
            }
            bk_js_accessor_t *acc = (bk_js_accessor_t *)(uintptr_t)p->v;
            if (acc->get == V_UNDEF) {
                *out = V_UNDEF;
                return BK_OK;
            }
            return bk_js__call(ctx, acc->get, receiver, 0, NULL, out);
        }
        o = b->proto;
        if (++hops > 10000)
            return bk_js__range_error(ctx, "prototype chain too long");
    }
    *out = V_UNDEF;
    return BK_OK;
}

int bk_js__get(bk_js_ctx_t *ctx, val_t obj, bk_js_str_t *key, val_t *out)
{
    if (BK_LIKELY(v_is_obj(obj)))
        return bk_js__get_from(ctx, v_obj(obj), obj, key, out);
    if (v_is_str(obj)) {
        bk_js_str_t *s = v_str(obj);
        if (key == A(ctx, length)) {
            *out = v_mknum(s->len);
            return BK_OK;
        }
        int64_t idx = bk_js__key_index(key);
        if (idx >= 0 && idx < s->len) {
            *out = v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)idx,
                                          (uint32_t)idx + 1));
            return BK_OK;
        }
    }
    bk_js_obj_t *proto = prim_proto(ctx, obj);
    if (proto == NULL) {
        char *k = bk_js__str_to_utf8(ctx, key->flags & STR_SYMBOL
                                              ? (key->x.desc ? key->x.desc
                                                             : A(ctx, empty))
                                              : key,
                                     NULL);
        return bk_js__type_error(ctx,
                                 "Cannot read properties of %s (reading '%s')",
                                 obj == V_NULL ? "null" : "undefined", k);
    }
    return bk_js__get_from(ctx, proto, obj, key, out);
}

int bk_js__get_index(bk_js_ctx_t *ctx, val_t obj, uint32_t i, val_t *out)
{
    if (v_is_obj(obj)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(obj));
        if ((b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS) &&
            i < b->nelems && b->elems[i] != V_EMPTY) {
            *out = b->elems[i];
            return BK_OK;
        }
    } else if (v_is_str(obj)) {
        bk_js_str_t *s = v_str(obj);
        if (i < s->len) {
            *out = v_mkstr(bk_js__str_sub(ctx, s, i, i + 1));
            return BK_OK;
        }
    }
    return bk_js__get(ctx, obj, bk_js__atom_index(ctx, i), out);
}

int bk_js__get_v(bk_js_ctx_t *ctx, val_t obj, val_t key, val_t *out)
{
    if (v_is_num(key)) {
        double d = v_num(key);
        if (d >= 0 && d < 4294967295.0 && d == (double)(uint32_t)d)
            return bk_js__get_index(ctx, obj, (uint32_t)d, out);
    }
    if (v_is_nullish(obj)) {
        bk_js_str_t *k;
        if (bk_js__to_propkey(ctx, key, &k) != BK_OK)
            return BK_ERR;
        return bk_js__get(ctx, obj, k, out);
    }
    bk_js_str_t *k;
    if (bk_js__to_propkey(ctx, key, &k) != BK_OK)
        return BK_ERR;
    return bk_js__get(ctx, obj, k, out);
}

/* ---- [[Set]] -------------------------------------------------------- */

static int is_arr(const bk_js_obj_t *b)
{
    return b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS;
}

/* The attributes the dense elements of 'b' have. */
static uint32_t elem_flags(const bk_js_obj_t *b)
{
    return (b->flags & OF_FROZEN)   ? P_ENUMERABLE
           : (b->flags & OF_SEALED) ? P_ENUMERABLE | P_WRITABLE
                                    : P_DEFAULT;
}

/* Writes element i into the dense part of a writable array body. */
static void dense_put(bk_js_ctx_t *ctx, bk_js_obj_t *b, uint32_t i, val_t v)
{
    if (i >= b->nelems) {
        elems_reserve(ctx, b, i + 1);
        for (uint32_t k = b->nelems; k < i; k++)
            b->elems[k] = V_EMPTY;
        b->nelems = i + 1;
    }
    b->elems[i] = v;
    if (b->cls == CLS_ARRAY && i >= b->len)
        b->len = i + 1;
}

/* True when no object on the chain from 'p' can have an index property:
 * an array [[Set]] of a missing element then needs no prototype walk. */
static int chain_clean(bk_js_ctx_t *ctx, bk_js_obj_t *p)
{
    for (; p != NULL; p = bk_js__rd(ctx, p)->proto) {
        bk_js_obj_t *pb = bk_js__rd(ctx, p);
        if ((pb->flags & OF_SPARSE) || (is_arr(pb) && pb->nelems) ||
            pb->cls == CLS_STRING || pb->cls == CLS_TYPED)
            return 0;
    }
    return 1;
}

static int readonly_error(bk_js_ctx_t *ctx, bk_js_str_t *key)
{
    char *k = bk_js__str_to_utf8(ctx, key->flags & STR_SYMBOL ? A(ctx, symbol)
                                                              : key,
                                 NULL);
    return bk_js__type_error(
        ctx, "Cannot assign to read only property '%s' of object", k);
}

/* The TypeErrors of a failed [[Set]], in node's words. */
static int not_extensible(bk_js_ctx_t *ctx, bk_js_str_t *key)
{
    char *k = bk_js__str_to_utf8(ctx, key, NULL);
    return bk_js__type_error(
        ctx, "Cannot add property %s, object is not extensible", k);
}

static int getter_only(bk_js_ctx_t *ctx, bk_js_str_t *key)
{
    char *k = bk_js__str_to_utf8(ctx, key, NULL);
    return bk_js__type_error(
        ctx, "Cannot set property %s of %s which has only a getter", k, "#<Object>");
}

/* OrdinarySet(o, key, v, o) through the exotic-aware own-property view:
 * setters and read-only properties on o and its prototypes, then
 * CreateDataProperty. The slow path of array element writes. */
static int set_slow(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                    val_t v)
{
    uint32_t f;
    val_t cur;
    bk_js_accessor_t *acc;
    bk_js_desc_t d = {D_VALUE, 0, v, V_UNDEF, V_UNDEF};
    if (bk_js__get_own(ctx, o, key, &f, &cur, &acc)) {
        if (f & P_ACCESSOR)
            goto accessor;
        if (!(f & P_WRITABLE))
            return readonly_error(ctx, key);
        return bk_js__define_own(ctx, o, key, &d);
    }
    unsigned hops = 0;
    for (bk_js_obj_t *q = bk_js__rd(ctx, o)->proto; q != NULL;
         q = bk_js__rd(ctx, q)->proto) {
        if (bk_js__get_own(ctx, q, key, &f, &cur, &acc)) {
            if (f & P_ACCESSOR)
                goto accessor;
            if (!(f & P_WRITABLE))
                return readonly_error(ctx, key);
            break;
        }
        if (++hops > 10000)
            return bk_js__range_error(ctx, "prototype chain too long");
    }
    d.has = D_VALUE | D_WRITABLE | D_ENUMERABLE | D_CONFIGURABLE;
    d.flags = P_DEFAULT;
    if (!(bk_js__rd(ctx, o)->flags & OF_EXTENSIBLE))
        return not_extensible(ctx, key);
    return bk_js__define_own(ctx, o, key, &d);
accessor:
    if (acc->set == V_UNDEF)
        return getter_only(ctx, key);
    val_t r;
    return bk_js__call(ctx, acc->set, v_mkobj(o), 1, &v, &r);
}

static int set_elem(bk_js_ctx_t *ctx, bk_js_obj_t *o, uint32_t i, val_t v)
{
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    if (i < b->nelems && b->elems[i] != V_EMPTY) {
        if (b->flags & OF_FROZEN)
            return bk_js__type_error(
                ctx, "Cannot assign to read only property '%u' of object", i);
        bk_js__wr(ctx, o)->elems[i] = v;
        return BK_OK;
    }
    /* A new element with nothing in the way: straight into the dense
     * part (appends stay cheap). */
    if (!(b->flags & OF_SPARSE) && (b->flags & OF_EXTENSIBLE) &&
        i <= b->nelems + DENSE_SLACK &&
        !(b->cls == CLS_ARRAY && i >= b->len && (b->flags & OF_LEN_RO)) &&
        chain_clean(ctx, b->proto)) {
        dense_put(ctx, bk_js__wr(ctx, o), i, v);
        return BK_OK;
    }
    return set_slow(ctx, o, bk_js__atom_index(ctx, i), v);
}

int bk_js__set(bk_js_ctx_t *ctx, val_t obj, bk_js_str_t *key, val_t v)
{
    if (BK_UNLIKELY(!v_is_obj(obj))) {
        const char *k = bk_js__str_to_utf8(ctx, key->flags & STR_SYMBOL
                                                    ? A(ctx, symbol)
                                                    : key,
                                           NULL);
        if (v_is_nullish(obj))
            return bk_js__type_error(
                ctx, "Cannot set properties of %s (setting '%s')",
                obj == V_NULL ? "null" : "undefined", k);
        /* Setters on the prototypes still run for primitives. */
        bk_js_obj_t *p = prim_proto(ctx, obj);
        for (; p != NULL; p = bk_js__rd(ctx, p)->proto) {
            bk_js_prop_t *pp = bk_js__find(bk_js__rd(ctx, p), key);
            if (pp && (pp->flags & P_ACCESSOR)) {
                bk_js_accessor_t *acc = (bk_js_accessor_t *)(uintptr_t)pp->v;
                if (acc->set != V_UNDEF) {
                    val_t r;
                    return bk_js__call(ctx, acc->set, obj, 1, &v, &r);
                }
                break;
            }
            if (pp)
                break;
        }
        return bk_js__type_error(ctx, "Cannot create property '%s' on %s '%s'",
                                 k, bk_js__typeof(ctx, obj)->d.u8 ?
                                 (const char *)bk_js__str_to_utf8(
                                     ctx, bk_js__typeof(ctx, obj), NULL)
                                 : "", bk_js__describe(ctx, obj));
    }
    bk_js_obj_t *o = v_obj(obj);
    int64_t idx = bk_js__key_index(key);
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    if (idx >= 0 && (b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS))
        return set_elem(ctx, o, (uint32_t)idx, v);
    if (idx >= 0 && b->cls == CLS_TYPED)
        return bk_js__typed_set(ctx, o, (uint32_t)idx, v);
    if (b->cls == CLS_TYPED && canonical_numeric(ctx, key)) {
        double d;
        return bk_js__to_number(ctx, v, &d); /* converted, then dropped */
    }
    if (b->cls == CLS_ARRAY && key == A(ctx, length)) {
        if (b->flags & OF_LEN_RO)
            return readonly_error(ctx, key);
        bk_js_desc_t d = {D_VALUE, 0, v, V_UNDEF, V_UNDEF};
        return bk_js__define_own(ctx, o, key, &d);
    }
    bk_js_prop_t *p = bk_js__find(b, key);
    if (p != NULL) {
        if (p->flags & P_ACCESSOR)
            goto accessor;
        if (!(p->flags & P_WRITABLE))
            goto readonly;
        if (o->tidx)
            p = bk_js__find(bk_js__wr(ctx, o), key);
        p->v = v;
        return BK_OK;
    }
    if (b->cls == CLS_STRING && idx >= 0 && idx < v_str(b->u.prim)->len)
        goto readonly;
    /* Look up the chain for setters and read-only properties. */
    for (bk_js_obj_t *q = b->proto; q != NULL;) {
        bk_js_obj_t *qb = bk_js__rd(ctx, q);
        p = bk_js__find(qb, key);
        if (p != NULL) {
            if (p->flags & P_ACCESSOR)
                goto accessor;
            if (!(p->flags & P_WRITABLE))
                goto readonly;
            break;
        }
        q = qb->proto;
    }
    if (!(b->flags & OF_EXTENSIBLE))
        return not_extensible(ctx, key);
    add_prop(ctx, bk_js__wr(ctx, o), key, v, P_DEFAULT);
    return BK_OK;
accessor : {
    bk_js_accessor_t *acc = (bk_js_accessor_t *)(uintptr_t)p->v;
    if (acc->set == V_UNDEF)
        return getter_only(ctx, key);
    val_t r;
    return bk_js__call(ctx, acc->set, obj, 1, &v, &r);
}
readonly : {
    char *k = bk_js__str_to_utf8(ctx, key->flags & STR_SYMBOL ? A(ctx, symbol)
                                                              : key,
                                 NULL);
    return bk_js__type_error(
        ctx, "Cannot assign to read only property '%s' of object", k);
}
}

int bk_js__set_index(bk_js_ctx_t *ctx, val_t obj, uint32_t i, val_t v)
{
    if (v_is_obj(obj)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(obj));
        if (b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS)
            return set_elem(ctx, v_obj(obj), i, v);
    }
    return bk_js__set(ctx, obj, bk_js__atom_index(ctx, i), v);
}

int bk_js__set_v(bk_js_ctx_t *ctx, val_t obj, val_t key, val_t v)
{
    if (v_is_num(key)) {
        double d = v_num(key);
        if (d >= 0 && d < 4294967295.0 && d == (double)(uint32_t)d)
            return bk_js__set_index(ctx, obj, (uint32_t)d, v);
    }
    bk_js_str_t *k;
    if (bk_js__to_propkey(ctx, key, &k) != BK_OK)
        return BK_ERR;
    return bk_js__set(ctx, obj, k, v);
}

/* Sets an array's length to 'len' (not read-only), deleting the elements
 * at or above it from the top down; a non-configurable element stops the
 * deletion there and the call throws. 'ro' makes the length read-only
 * afterwards either way. */
static int array_truncate(bk_js_ctx_t *ctx, bk_js_obj_t *a, uint32_t len,
                          int ro)
{
    bk_js_obj_t *b = bk_js__wr(ctx, a);
    uint32_t stop = len;
    if (len < b->len) {
        if (b->flags & OF_SEALED) {
            for (uint32_t i = b->nelems; i-- > len;)
                if (b->elems[i] != V_EMPTY) {
                    stop = i + 1;
                    break;
                }
        }
        if (b->flags & OF_SPARSE) {
            for (uint32_t i = 0; i < b->nprops; i++) {
                bk_js_str_t *k = b->props[i].key;
                if ((k->flags & STR_INDEX) && k->index >= stop &&
                    !(b->props[i].flags & P_CONFIGURABLE))
                    stop = k->index + 1;
            }
            for (uint32_t i = 0; i < b->nprops;) {
                bk_js_str_t *k = b->props[i].key;
                if ((k->flags & STR_INDEX) && k->index >= stop)
                    remove_prop(ctx, b, &b->props[i]);
                else
                    i++;
            }
        }
        if (b->nelems > stop)
            b->nelems = stop;
        bk_js__charge(ctx, b->nprops / 4);
    }
    b->len = len > stop ? len : stop;
    if (ro)
        b->flags |= OF_LEN_RO;
    if (stop != len)
        return bk_js__type_error(ctx, "Cannot delete property '%u' of %s",
                                 stop - 1, "[object Array]");
    return BK_OK;
}

int bk_js__set_length(bk_js_ctx_t *ctx, bk_js_obj_t *a, double d)
{
    if (!(d >= 0 && d < 4294967296.0 && d == floor(d)))
        return bk_js__range_error(ctx, "Invalid array length");
    uint32_t len = (uint32_t)d;
    bk_js_obj_t *b = bk_js__rd(ctx, a);
    if (b->flags & OF_LEN_RO) {
        if (len == b->len)
            return BK_OK;
        return bk_js__type_error(
            ctx, "Cannot assign to read only property 'length' of object");
    }
    return array_truncate(ctx, a, len, 0);
}

/* ---- define / delete ------------------------------------------------ */

static int redefine_error(bk_js_ctx_t *ctx, bk_js_str_t *key)
{
    char *k = bk_js__str_to_utf8(ctx, key->flags & STR_SYMBOL ? A(ctx, symbol)
                                                              : key,
                                 NULL);
    return bk_js__type_error(ctx, "Cannot redefine property: %s", k);
}

/* Stores own property 'key' with its final attributes (P_ACCESSOR: get/
 * set, else v). An array element goes to the dense part when it has the
 * attributes dense elements have, to the props otherwise. */
static void store_prop(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                       uint32_t flags, val_t v, val_t get, val_t set)
{
    bk_js_obj_t *b = bk_js__wr(ctx, o);
    int64_t idx = bk_js__key_index(key);
    if (idx >= 0 && is_arr(b)) {
        uint32_t i = (uint32_t)idx;
        int dense = i < b->nelems && b->elems[i] != V_EMPTY;
        if (!(flags & P_ACCESSOR) && flags == elem_flags(b)) {
            if (dense) {
                b->elems[i] = v;
                return;
            }
            if (!(b->flags & OF_SPARSE) || bk_js__find(b, key) == NULL) {
                if (i <= b->nelems + DENSE_SLACK) {
                    dense_put(ctx, b, i, v);
                    return;
                }
            }
        } else if (dense) {
            b->elems[i] = V_EMPTY; /* moves to the props */
        }
        if (b->cls == CLS_ARRAY && i >= b->len)
            b->len = i + 1;
    }
    if (flags & P_ACCESSOR)
        bk_js__put_accessor(ctx, o, key, get, set,
                            flags & ~(uint32_t)P_ACCESSOR);
    else
        bk_js__put_own(ctx, o, key, v, flags);
}

/* ValidateAndApplyPropertyDescriptor over the own-property view. */
static int define_ordinary(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                           const bk_js_desc_t *d)
{
    uint32_t cf = 0;
    val_t cv = V_UNDEF;
    bk_js_accessor_t *ca = NULL;
    int exists = bk_js__get_own(ctx, o, key, &cf, &cv, &ca);
    int is_acc = (d->has & (D_GET | D_SET)) != 0;
    int is_data = (d->has & (D_VALUE | D_WRITABLE)) != 0;
    if (!exists) {
        if (!(bk_js__rd(ctx, o)->flags & OF_EXTENSIBLE)) {
            char *k = bk_js__str_to_utf8(ctx, key->flags & STR_SYMBOL
                                                  ? A(ctx, symbol)
                                                  : key,
                                         NULL);
            return bk_js__type_error(
                ctx, "Cannot define property %s, object is not extensible",
                k);
        }
        uint32_t f = d->flags & (P_ENUMERABLE | P_CONFIGURABLE);
        if (is_acc)
            store_prop(ctx, o, key, f | P_ACCESSOR, V_UNDEF,
                       (d->has & D_GET) ? d->get : V_UNDEF,
                       (d->has & D_SET) ? d->set : V_UNDEF);
        else
            store_prop(ctx, o, key, f | (d->flags & P_WRITABLE),
                       (d->has & D_VALUE) ? d->value : V_UNDEF, V_UNDEF,
                       V_UNDEF);
        return BK_OK;
    }
    if (!(cf & P_CONFIGURABLE)) {
        if ((d->has & D_CONFIGURABLE) && (d->flags & P_CONFIGURABLE))
            return redefine_error(ctx, key);
        if ((d->has & D_ENUMERABLE) && ((d->flags ^ cf) & P_ENUMERABLE))
            return redefine_error(ctx, key);
        if (is_acc || is_data) {
            if (is_acc != !!(cf & P_ACCESSOR))
                return redefine_error(ctx, key);
            if (cf & P_ACCESSOR) {
                if (((d->has & D_GET) && !bk_js__same_value(d->get, ca->get)) ||
                    ((d->has & D_SET) && !bk_js__same_value(d->set, ca->set)))
                    return redefine_error(ctx, key);
            } else if (!(cf & P_WRITABLE)) {
                if (((d->has & D_WRITABLE) && (d->flags & P_WRITABLE)) ||
                    ((d->has & D_VALUE) && !bk_js__same_value(d->value, cv)))
                    return redefine_error(ctx, key);
            }
        }
    }
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    int64_t idx = bk_js__key_index(key);
    if (b->cls == CLS_STRING && idx >= 0 && idx < v_str(b->u.prim)->len)
        return BK_OK; /* validated: nothing can change */
    uint32_t f = cf & (P_ENUMERABLE | P_CONFIGURABLE);
    if (d->has & D_ENUMERABLE)
        f = (f & ~(uint32_t)P_ENUMERABLE) | (d->flags & P_ENUMERABLE);
    if (d->has & D_CONFIGURABLE)
        f = (f & ~(uint32_t)P_CONFIGURABLE) | (d->flags & P_CONFIGURABLE);
    if (is_acc) {
        val_t g = V_UNDEF, st = V_UNDEF;
        if (cf & P_ACCESSOR) {
            g = ca->get;
            st = ca->set;
        }
        if (d->has & D_GET)
            g = d->get;
        if (d->has & D_SET)
            st = d->set;
        store_prop(ctx, o, key, f | P_ACCESSOR, V_UNDEF, g, st);
    } else if (is_data || !(cf & P_ACCESSOR)) {
        val_t v = (cf & P_ACCESSOR) ? V_UNDEF : cv;
        uint32_t w = (cf & P_ACCESSOR) ? 0 : (cf & P_WRITABLE);
        if (d->has & D_VALUE)
            v = d->value;
        if (d->has & D_WRITABLE)
            w = d->flags & P_WRITABLE;
        store_prop(ctx, o, key, f | w, v, V_UNDEF, V_UNDEF);
    } else {
        store_prop(ctx, o, key, f | P_ACCESSOR, V_UNDEF, ca->get, ca->set);
    }
    return BK_OK;
}

/* ArraySetLength: the value is converted twice (ToUint32, ToNumber) as
 * the spec does, and a bad length is a RangeError before any attribute
 * check. */
static int array_define_length(bk_js_ctx_t *ctx, bk_js_obj_t *a,
                               const bk_js_desc_t *d)
{
    bk_js_str_t *key = A(ctx, length);
    uint32_t newlen = 0;
    if (d->has & D_VALUE) {
        double n1, n2;
        if (bk_js__to_number(ctx, d->value, &n1) != BK_OK)
            return BK_ERR;
        newlen = (uint32_t)bk_js__to_int32(n1);
        if (bk_js__to_number(ctx, d->value, &n2) != BK_OK)
            return BK_ERR;
        if (n2 != (double)newlen)
            return bk_js__range_error(ctx, "Invalid array length");
    }
    if (((d->has & D_CONFIGURABLE) && (d->flags & P_CONFIGURABLE)) ||
        ((d->has & D_ENUMERABLE) && (d->flags & P_ENUMERABLE)) ||
        (d->has & (D_GET | D_SET)))
        return redefine_error(ctx, key);
    bk_js_obj_t *b = bk_js__rd(ctx, a);
    int ro = (d->has & D_WRITABLE) && !(d->flags & P_WRITABLE);
    if (b->flags & OF_LEN_RO) {
        if (((d->has & D_WRITABLE) && (d->flags & P_WRITABLE)) ||
            ((d->has & D_VALUE) && newlen != b->len))
            return redefine_error(ctx, key);
        return BK_OK;
    }
    if (!(d->has & D_VALUE)) {
        if (ro)
            bk_js__wr(ctx, a)->flags |= OF_LEN_RO;
        return BK_OK;
    }
    return array_truncate(ctx, a, newlen, ro);
}

int bk_js__define_own(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                      const bk_js_desc_t *d)
{
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    int64_t idx = bk_js__key_index(key);
    if (b->cls == CLS_ARRAY) {
        if (key == A(ctx, length))
            return array_define_length(ctx, o, d);
        if (idx >= 0 && (uint32_t)idx >= b->len && (b->flags & OF_LEN_RO))
            return redefine_error(ctx, key);
    } else if (b->cls == CLS_TYPED && idx >= 0) {
        val_t cur;
        if (!bk_js__typed_get(ctx, b, (uint32_t)idx, &cur) ||
            ((d->has & D_CONFIGURABLE) && !(d->flags & P_CONFIGURABLE)) ||
            ((d->has & D_ENUMERABLE) && !(d->flags & P_ENUMERABLE)) ||
            ((d->has & D_WRITABLE) && !(d->flags & P_WRITABLE)) ||
            (d->has & (D_GET | D_SET)))
            return redefine_error(ctx, key);
        if (d->has & D_VALUE)
            return bk_js__typed_set(ctx, o, (uint32_t)idx, d->value);
        return BK_OK;
    }
    return define_ordinary(ctx, o, key, d);
}

int bk_js__define(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key, val_t v,
                  uint32_t flags)
{
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    int64_t idx = bk_js__key_index(key);
    if ((idx >= 0 && is_arr(b)) ||
        (b->cls == CLS_ARRAY && key == A(ctx, length))) {
        if (idx >= 0 && flags == P_DEFAULT && elem_flags(b) == P_DEFAULT) {
            uint32_t i = (uint32_t)idx;
            if (i < b->nelems && b->elems[i] != V_EMPTY) {
                bk_js__wr(ctx, o)->elems[i] = v;
                return BK_OK;
            }
            if (!(b->flags & OF_SPARSE) && (b->flags & OF_EXTENSIBLE) &&
                i <= b->nelems + DENSE_SLACK &&
                !(b->cls == CLS_ARRAY && i >= b->len &&
                  (b->flags & OF_LEN_RO))) {
                dense_put(ctx, bk_js__wr(ctx, o), i, v);
                return BK_OK;
            }
        }
        bk_js_desc_t d = {D_VALUE | D_WRITABLE | D_ENUMERABLE |
                              D_CONFIGURABLE,
                          flags & P_DEFAULT, v, V_UNDEF, V_UNDEF};
        return bk_js__define_own(ctx, o, key, &d);
    }
    bk_js_prop_t *p = bk_js__find(b, key);
    if (p != NULL && !(p->flags & P_CONFIGURABLE)) {
        int same = !(p->flags & P_ACCESSOR) &&
                   ((p->flags & ~P_WRITABLE) == (flags & ~P_WRITABLE)) &&
                   ((p->flags & P_WRITABLE) ||
                    (!(flags & P_WRITABLE) && bk_js__same_value(p->v, v)));
        if (!same)
            return redefine_error(ctx, key);
    }
    if (p == NULL && !(b->flags & OF_EXTENSIBLE)) {
        char *k = bk_js__str_to_utf8(ctx, key, NULL);
        return bk_js__type_error(
            ctx, "Cannot define property %s, object is not extensible", k);
    }
    bk_js__put_own(ctx, o, key, v, flags);
    return BK_OK;
}

int bk_js__define_v(bk_js_ctx_t *ctx, bk_js_obj_t *o, val_t key, val_t v,
                    uint32_t flags)
{
    bk_js_str_t *k;
    if (bk_js__to_propkey(ctx, key, &k) != BK_OK)
        return BK_ERR;
    return bk_js__define(ctx, o, k, v, flags);
}

int bk_js__delete(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key, int *ok)
{
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    int64_t idx = bk_js__key_index(key);
    *ok = 1;
    if (idx >= 0 && (b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS) &&
        idx < b->nelems && b->elems[idx] != V_EMPTY) {
        if (b->flags & (OF_FROZEN | OF_SEALED))
            goto fail;
        b = bk_js__wr(ctx, o);
        b->elems[idx] = V_EMPTY;
        if (idx == b->nelems - 1)
            b->nelems--;
        return BK_OK;
    }
    if (b->cls == CLS_ARRAY && key == A(ctx, length))
        goto fail;
    if (b->cls == CLS_STRING && idx >= 0 && idx < v_str(b->u.prim)->len)
        goto fail;
    bk_js_prop_t *p = bk_js__find(b, key);
    if (p == NULL)
        return BK_OK;
    if (!(p->flags & P_CONFIGURABLE))
        goto fail;
    b = bk_js__wr(ctx, o);
    remove_prop(ctx, b, bk_js__find(b, key));
    return BK_OK;
fail : {
    char *k = bk_js__str_to_utf8(ctx, key->flags & STR_SYMBOL ? A(ctx, symbol)
                                                              : key,
                                 NULL);
    *ok = 0;
    return bk_js__type_error(ctx, "Cannot delete property '%s' of %s", k,
                             "#<Object>");
}
}

/* ---- keys ------------------------------------------------------------ */

static int cmp_index(const void *a, const void *b)
{
    uint32_t x = v_str(*(const val_t *)a)->index;
    uint32_t y = v_str(*(const val_t *)b)->index;
    return x < y ? -1 : x > y;
}

val_t *bk_js__own_keys(bk_js_ctx_t *ctx, bk_js_obj_t *o, int which,
                       int enum_only, uint32_t *n)
{
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    uint32_t slen = b->cls == CLS_STRING   ? v_str(b->u.prim)->len
                    : b->cls == CLS_TYPED  ? bk_js__typed_length(b)
                                           : 0;
    uint32_t max = b->nelems + b->nprops + slen + 1;
    val_t *keys = bk_js__ialloc(ctx, max * sizeof(val_t));
    uint32_t k = 0;
    bk_js__charge(ctx, max / 4 + 1);
    if (which & 1) {
        for (uint32_t i = 0; i < slen; i++)
            keys[k++] = v_mkstr(bk_js__atom_index(ctx, i));
        if (b->cls == CLS_ARRAY || b->cls == CLS_ARGUMENTS)
            for (uint32_t i = 0; i < b->nelems; i++)
                if (b->elems[i] != V_EMPTY)
                    keys[k++] = v_mkstr(bk_js__atom_index(ctx, i));
        uint32_t first_sparse = k;
        for (uint32_t i = 0; i < b->nprops; i++) {
            bk_js_prop_t *p = &b->props[i];
            if ((p->key->flags & STR_INDEX) &&
                (!enum_only || (p->flags & P_ENUMERABLE)))
                keys[k++] = v_mkstr(p->key);
        }
        if (k - first_sparse > 1 || (first_sparse > 0 && k > first_sparse))
            qsort(keys, k, sizeof(val_t), cmp_index);
        if (!enum_only && (b->cls == CLS_ARRAY))
            keys[k++] = v_mkstr(A(ctx, length));
        for (uint32_t i = 0; i < b->nprops; i++) {
            bk_js_prop_t *p = &b->props[i];
            if (p->key->flags & (STR_INDEX | STR_SYMBOL))
                continue;
            if (enum_only && !(p->flags & P_ENUMERABLE))
                continue;
            keys[k++] = v_mkstr(p->key);
        }
    }
    if (which & 2) {
        for (uint32_t i = 0; i < b->nprops; i++) {
            bk_js_prop_t *p = &b->props[i];
            if (!(p->key->flags & STR_SYMBOL))
                continue;
            if (enum_only && !(p->flags & P_ENUMERABLE))
                continue;
            keys[k++] = v_mksym(p->key);
        }
    }
    *n = k;
    return keys;
}

/* ---- misc ------------------------------------------------------------ */

int bk_js__length_of(bk_js_ctx_t *ctx, val_t o, double *len)
{
    if (v_is_obj(o)) {
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(o));
        if (b->cls == CLS_ARRAY) {
            *len = b->len;
            return BK_OK;
        }
    }
    val_t v;
    if (bk_js__get(ctx, o, A(ctx, length), &v) != BK_OK)
        return BK_ERR;
    double d;
    if (bk_js__to_number(ctx, v, &d) != BK_OK)
        return BK_ERR;
    d = bk_js__to_integer(d);
    if (d < 0)
        d = 0;
    if (d > 9007199254740991.0)
        d = 9007199254740991.0;
    *len = d;
    return BK_OK;
}

int bk_js__is_callable(val_t v)
{
    return v_is_obj(v) && (v_obj(v)->flags & OF_CALLABLE);
}

int bk_js__is_ctor(val_t v)
{
    return v_is_obj(v) && (v_obj(v)->flags & OF_CTOR);
}

int bk_js__instance_of(bk_js_ctx_t *ctx, val_t v, val_t ctor, int *out)
{
    if (!v_is_obj(ctor))
        return bk_js__type_error(
            ctx, "Right-hand side of 'instanceof' is not callable");
    if (ctx->prog->sym[SYM_hasInstance] != NULL) {
        val_t h;
        bk_js_obj_t *cb = bk_js__rd(ctx, v_obj(ctor));
        bk_js_prop_t *p = bk_js__find(cb, ctx->prog->sym[SYM_hasInstance]);
        if (p != NULL) {
            if (bk_js__get(ctx, ctor, ctx->prog->sym[SYM_hasInstance], &h) !=
                BK_OK)
                return BK_ERR;
            if (bk_js__is_callable(h)) {
                val_t r;
                if (bk_js__call(ctx, h, ctor, 1, &v, &r) != BK_OK)
                    return BK_ERR;
                *out = bk_js__truthy(r);
                return BK_OK;
            }
        }
    }
    if (!bk_js__is_callable(ctor))
        return bk_js__type_error(
            ctx, "Right-hand side of 'instanceof' is not callable");
    bk_js_obj_t *cf = v_obj(ctor);
    if (cf->cls == CLS_BOUND)
        return bk_js__instance_of(ctx, v, bk_js__rd(ctx, cf)->u.b.target, out);
    *out = 0;
    if (!v_is_obj(v))
        return BK_OK;
    val_t proto;
    if (bk_js__get(ctx, ctor, A(ctx, prototype), &proto) != BK_OK)
        return BK_ERR;
    if (!v_is_obj(proto))
        return bk_js__type_error(
            ctx, "Function has non-object prototype in instanceof check");
    for (bk_js_obj_t *o = bk_js__rd(ctx, v_obj(v))->proto; o != NULL;
         o = bk_js__rd(ctx, o)->proto) {
        if (o == v_obj(proto)) {
            *out = 1;
            break;
        }
    }
    return BK_OK;
}

void bk_js__freeze(bk_js_ctx_t *ctx, bk_js_obj_t *o, int freeze)
{
    bk_js_obj_t *b = bk_js__wr(ctx, o);
    b->flags &= (uint8_t)~OF_EXTENSIBLE;
    b->flags |= freeze ? (OF_FROZEN | OF_SEALED) : OF_SEALED;
    if (freeze && b->cls == CLS_ARRAY)
        b->flags |= OF_LEN_RO;
    for (uint32_t i = 0; i < b->nprops; i++) {
        b->props[i].flags &= ~(uint32_t)P_CONFIGURABLE;
        if (freeze && !(b->props[i].flags & P_ACCESSOR))
            b->props[i].flags &= ~(uint32_t)P_WRITABLE;
    }
}
