/*
 * builtin_map.c: Map and Set (2.0). Entries are kept in insertion order in
 * an array (deleted ones become holes, so iteration in progress sees later
 * additions and skips removals, as the spec wants), with an open-addressing
 * index by SameValueZero hash.
 *
 * A Map/Set made by the top level is part of the template: its state is
 * copied on the first write in an invocation (like promise states).
 */
#include <math.h>

#include "js/js_int.h"

typedef struct {
    val_t *keys, *vals; /* vals NULL for sets; V_EMPTY key = deleted */
    uint32_t n, cap;    /* entries used (incl. deleted) */
    uint32_t live;
    uint32_t *index;    /* entry + 1 per slot; size cap * 2 */
    bk_js_obj_t *owner; /* the body this state belongs to */
} mstate_t;

static uint32_t hash_val(val_t v)
{
    uint64_t x;
    if (v_is_num(v)) {
        double d = v_num(v);
        if (d == 0)
            d = 0; /* -0 and +0 are the same key */
        memcpy(&x, &d, 8);
    } else if (v_is_str(v)) {
        bk_js_str_t *s = v_str(v);
        uint32_t h = 2166136261u;
        for (uint32_t i = 0; i < s->len; i++)
            h = (h ^ str_at(s, i)) * 16777619u;
        return h;
    } else {
        x = v;
    }
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return (uint32_t)x;
}

static void reindex(bk_js_ctx_t *ctx, mstate_t *m)
{
    uint32_t size = m->cap * 2;
    m->index = bk_js__izalloc(ctx, size * sizeof(uint32_t));
    for (uint32_t i = 0; i < m->n; i++) {
        if (m->keys[i] == V_EMPTY)
            continue;
        uint32_t j = hash_val(m->keys[i]) & (size - 1);
        while (m->index[j])
            j = (j + 1) & (size - 1);
        m->index[j] = i + 1;
    }
}

static int64_t find(mstate_t *m, val_t k)
{
    if (m->cap == 0)
        return -1;
    uint32_t size = m->cap * 2;
    for (uint32_t j = hash_val(k) & (size - 1);; j = (j + 1) & (size - 1)) {
        uint32_t e = m->index[j];
        if (e == 0)
            return -1;
        if (m->keys[e - 1] != V_EMPTY &&
            bk_js__same_value_zero(m->keys[e - 1], k))
            return e - 1;
    }
}

static mstate_t *state_rd(bk_js_ctx_t *ctx, val_t o)
{
    return bk_js__rd(ctx, v_obj(o))->u.data;
}

static mstate_t *state_wr(bk_js_ctx_t *ctx, val_t o)
{
    bk_js_obj_t *b = bk_js__wr(ctx, v_obj(o));
    mstate_t *m = b->u.data;
    if (m->owner != b) {
        mstate_t *c = bk_js__ialloc(ctx, sizeof(*c));
        *c = *m;
        c->owner = b;
        if (m->cap) {
            c->keys = bk_js__ialloc(ctx, m->cap * sizeof(val_t));
            memcpy(c->keys, m->keys, m->n * sizeof(val_t));
            if (m->vals) {
                c->vals = bk_js__ialloc(ctx, m->cap * sizeof(val_t));
                memcpy(c->vals, m->vals, m->n * sizeof(val_t));
            }
            reindex(ctx, c);
        }
        b->u.data = c;
        m = c;
    }
    return m;
}

static void add(bk_js_ctx_t *ctx, mstate_t *m, val_t k, val_t v, int is_map)
{
    if (v_is_num(k) && v_num(k) == 0)
        k = v_mknum(0);
    int64_t i = find(m, k);
    if (i >= 0) {
        if (is_map)
            m->vals[i] = v;
        return;
    }
    if (m->n == m->cap) {
        uint32_t cap = m->cap ? m->cap * 2 : 8;
        m->keys = bk_js__irealloc(ctx, m->keys, m->cap * sizeof(val_t),
                                  cap * sizeof(val_t));
        if (is_map)
            m->vals = bk_js__irealloc(ctx, m->vals, m->cap * sizeof(val_t),
                                      cap * sizeof(val_t));
        m->cap = cap;
        m->keys[m->n] = k;
        if (is_map)
            m->vals[m->n] = v;
        m->n++;
        m->live++;
        reindex(ctx, m);
        return;
    }
    m->keys[m->n] = k;
    if (is_map)
        m->vals[m->n] = v;
    uint32_t size = m->cap * 2;
    uint32_t j = hash_val(k) & (size - 1);
    while (m->index[j])
        j = (j + 1) & (size - 1);
    m->index[j] = ++m->n;
    m->live++;
}

static int this_coll(bk_js_ctx_t *ctx, val_t v, int cls)
{
    if (!v_is_obj(v) || v_obj(v)->cls != cls)
        return bk_js__type_error(ctx, "Method %s.prototype called on "
                                      "incompatible receiver %s",
                                 cls == CLS_MAP ? "Map" : "Set",
                                 bk_js__describe(ctx, v));
    return BK_OK;
}

static int coll_op(bk_js_ctx_t *ctx, val_t this_val, int argc,
                   const val_t *argv, val_t *ret);

static int coll_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    int is_map = ctx->native_magic == 0;
    if (ctx->new_target == V_UNDEF)
        return bk_js__type_error(ctx, "Constructor %s requires 'new'",
                                 is_map ? "Map" : "Set");
    bk_js_obj_t *proto = ctx->prog->proto[is_map ? PROTO_MAP : PROTO_SET];
    val_t pp;
    if (v_is_obj(ctx->new_target) &&
        bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &pp) == BK_OK &&
        v_is_obj(pp))
        proto = v_obj(pp);
    bk_js_obj_t *o = bk_js__obj_new(ctx, is_map ? CLS_MAP : CLS_SET, proto);
    mstate_t *m = bk_js__izalloc(ctx, sizeof(*m));
    m->owner = o;
    o->u.data = m;
    *ret = v_mkobj(o);
    val_t src = ARG(0);
    if (v_is_nullish(src))
        return BK_OK;
    /* AddEntriesFromIterable: the adder is this.set / this.add, read once
     * before iterating; the built-in one is applied directly. */
    val_t adder, it, next, e, r2;
    if (bk_js__get(ctx, *ret, bk_js__atom_cstr(ctx, is_map ? "set" : "add"),
                   &adder) != BK_OK)
        return BK_ERR;
    if (!bk_js__is_callable(adder))
        return bk_js__type_error(ctx, "'%s' returned for property '%s' of "
                                      "object '#<%s>' is not a function",
                                 bk_js__describe(ctx, adder),
                                 is_map ? "set" : "add", is_map ? "Map" : "Set");
    bk_js_obj_t *ab = bk_js__rd(ctx, v_obj(adder));
    int builtin = ab->cls == CLS_NATIVE && ab->u.n.fn == coll_op &&
                  ab->u.n.magic == (is_map ? 2 : 8 + 2);
    if (bk_js__get_iterator(ctx, src, &it, &next) != BK_OK)
        return BK_ERR;
    for (;;) {
        int r = bk_js__iter_step(ctx, it, next, &e);
        if (r < 0)
            return BK_ERR;
        if (r == 0)
            break;
        val_t kv[2] = {e, V_UNDEF};
        if (is_map) {
            if (!v_is_obj(e)) {
                bk_js__type_error(ctx, "Iterator value %s is not an entry "
                                       "object", bk_js__describe(ctx, e));
                return bk_js__iter_close_throw(ctx, it);
            }
            if (bk_js__get_index(ctx, e, 0, &kv[0]) != BK_OK ||
                bk_js__get_index(ctx, e, 1, &kv[1]) != BK_OK)
                return bk_js__iter_close_throw(ctx, it);
        }
        if (builtin)
            add(ctx, state_wr(ctx, *ret), kv[0], kv[1], is_map);
        else if (bk_js__call(ctx, adder, *ret, is_map ? 2 : 1, kv, &r2) !=
                 BK_OK)
            return bk_js__iter_close_throw(ctx, it);
        bk_js__charge(ctx, 2);
    }
    return BK_OK;
}

/* magic: 0 get, 1 has, 2 set/add, 3 delete, 4 clear, 5 size; +8 = Set */
static int coll_op(bk_js_ctx_t *ctx, val_t this_val, int argc,
                   const val_t *argv, val_t *ret)
{
    int is_map = ctx->native_magic < 8;
    int op = ctx->native_magic & 7;
    if (this_coll(ctx, this_val, is_map ? CLS_MAP : CLS_SET) != BK_OK)
        return BK_ERR;
    mstate_t *m = state_rd(ctx, this_val);
    int64_t i;
    bk_js__charge(ctx, 1);
    switch (op) {
    case 0:
        i = find(m, ARG(0));
        *ret = i >= 0 ? m->vals[i] : V_UNDEF;
        return BK_OK;
    case 1:
        *ret = v_mkbool(find(m, ARG(0)) >= 0);
        return BK_OK;
    case 2:
        add(ctx, state_wr(ctx, this_val), ARG(0), ARG(1), is_map);
        *ret = this_val;
        return BK_OK;
    case 3:
        i = find(m, ARG(0));
        if (i >= 0) {
            m = state_wr(ctx, this_val);
            m->keys[i] = V_EMPTY;
            m->live--;
            reindex(ctx, m);
        }
        *ret = v_mkbool(i >= 0);
        return BK_OK;
    case 4:
        m = state_wr(ctx, this_val);
        for (uint32_t k = 0; k < m->n; k++)
            m->keys[k] = V_EMPTY;
        m->live = 0;
        if (m->cap)
            reindex(ctx, m);
        *ret = V_UNDEF;
        return BK_OK;
    default:
        *ret = v_mknum(m->live);
        return BK_OK;
    }
}

static int coll_forEach(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    int is_map = ctx->native_magic == 0;
    if (this_coll(ctx, this_val, is_map ? CLS_MAP : CLS_SET) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(0);
    if (!bk_js__is_callable(fn))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, fn));
    for (uint32_t i = 0; i < state_rd(ctx, this_val)->n; i++) {
        mstate_t *m = state_rd(ctx, this_val);
        if (m->keys[i] == V_EMPTY)
            continue;
        val_t args[3] = {is_map ? m->vals[i] : m->keys[i], m->keys[i],
                         this_val},
              r;
        if (bk_js__call(ctx, fn, ARG(1), 3, args, &r) != BK_OK)
            return BK_ERR;
    }
    *ret = V_UNDEF;
    return BK_OK;
}

/* Iterators: CLS_ITER objects with target = the collection and kind
 * 0 values, 1 keys, 2 entries; their next() is coll_next. */
static int coll_iter(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    int is_map = ctx->native_magic < 8;
    if (this_coll(ctx, this_val, is_map ? CLS_MAP : CLS_SET) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *it = bk_js__obj_new(ctx, CLS_OTHER,
                                     bk_js__rd(ctx, ctx->native_callee)
                                         ->u.n.data);
    it->u.it.target = this_val;
    it->u.it.i = 0;
    it->u.it.kind = (uint8_t)(ctx->native_magic & 7);
    *ret = v_mkobj(it);
    return BK_OK;
}

static int coll_next(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val) || v_obj(this_val)->cls != CLS_OTHER)
        return bk_js__type_error(ctx, "next method called on incompatible "
                                      "receiver");
    bk_js_obj_t *it = bk_js__wr(ctx, v_obj(this_val));
    val_t t = it->u.it.target;
    if (t != V_UNDEF) {
        mstate_t *m = state_rd(ctx, t);
        while (it->u.it.i < m->n && m->keys[it->u.it.i] == V_EMPTY)
            it->u.it.i++;
        if (it->u.it.i < m->n) {
            uint32_t i = it->u.it.i++;
            int is_map = m->vals != NULL;
            val_t v;
            if (it->u.it.kind == 1 || !is_map) {
                v = it->u.it.kind == 2
                        ? v_mkobj(bk_js__array_from(
                              ctx, (val_t[2]){m->keys[i], m->keys[i]}, 2))
                        : m->keys[i];
            } else if (it->u.it.kind == 0) {
                v = m->vals[i];
            } else {
                v = v_mkobj(bk_js__array_from(
                    ctx, (val_t[2]){m->keys[i], m->vals[i]}, 2));
            }
            *ret = v_mkobj(bk_js__iter_result(ctx, v, 0));
            return BK_OK;
        }
        it->u.it.target = V_UNDEF;
    }
    *ret = v_mkobj(bk_js__iter_result(ctx, V_UNDEF, 1));
    return BK_OK;
}

static void install_one(bk_js_ctx_t *ctx, int is_map)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->proto[is_map ? PROTO_MAP : PROTO_SET];
    bk_js_obj_t *c = bk_js__def_ctor(ctx, is_map ? "Map" : "Set", coll_ctor,
                                     0, proto);
    bk_js__wr(ctx, c)->u.n.magic = is_map ? 0 : 1;
    bk_js__def_species(ctx, c);
    int s = is_map ? 0 : 8;
    bk_js_method_t m[] = {
        {"get", coll_op, 1, (int16_t)(s + 0)},
        {"has", coll_op, 1, (int16_t)(s + 1)},
        {is_map ? "set" : "add", coll_op, is_map ? 2 : 1, (int16_t)(s + 2)},
        {"delete", coll_op, 1, (int16_t)(s + 3)},
        {"clear", coll_op, 0, (int16_t)(s + 4)},
        {"forEach", coll_forEach, 1, (int16_t)(is_map ? 0 : 1)},
        {"values", coll_iter, 0, (int16_t)(s + 0)},
        {"keys", coll_iter, 0, (int16_t)(s + 1)},
        {"entries", coll_iter, 0, (int16_t)(s + 2)},
    };
    bk_js__def_methods(ctx, proto, is_map ? m : m + 1,
                       is_map ? BK_COUNTOF(m) : BK_COUNTOF(m) - 1);
    bk_js_obj_t *ip = bk_js__obj_new(ctx, CLS_OBJECT,
                                     P->proto[PROTO_ITERATOR]);
    static const bk_js_method_t nm[] = {{"next", coll_next, 0, 0}};
    bk_js__def_methods(ctx, ip, nm, 1);
    bk_js__put_own(ctx, ip, P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, is_map ? "Map Iterator"
                                                        : "Set Iterator")),
                   P_CONFIGURABLE);
    static const char *const iters[] = {"values", "keys", "entries"};
    for (int i = 0; i < 3; i++) {
        bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, proto),
                                      bk_js__atom_cstr(ctx, iters[i]));
        bk_js__wr(ctx, v_obj(p->v))->u.n.data = ip;
    }
    /* Set.prototype.keys is values; @@iterator is entries (Map) / values. */
    bk_js_obj_t *pb = bk_js__rd(ctx, proto);
    val_t values = bk_js__find(pb, bk_js__atom_cstr(ctx, "values"))->v;
    val_t entries = bk_js__find(pb, bk_js__atom_cstr(ctx, "entries"))->v;
    if (!is_map)
        bk_js__put_own(ctx, proto, bk_js__atom_cstr(ctx, "keys"), values,
                       P_WRITABLE | P_CONFIGURABLE);
    bk_js__put_own(ctx, proto, P->sym[SYM_iterator],
                   is_map ? entries : values, P_WRITABLE | P_CONFIGURABLE);
    bk_js_obj_t *sz = bk_js__native_new(ctx, bk_js__atom_cstr(ctx, "get size"),
                                        coll_op, 0, s + 5);
    bk_js__put_accessor(ctx, proto, bk_js__atom_cstr(ctx, "size"),
                        v_mkobj(sz), V_UNDEF, P_CONFIGURABLE);
    bk_js__put_own(ctx, proto, P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, is_map ? "Map" : "Set")),
                   P_CONFIGURABLE);
}

void bk_js__install_map(bk_js_ctx_t *ctx)
{
    if (ctx->prog->runtime == BK_JS_RUNTIME_1_0)
        return;
    install_one(ctx, 1);
    install_one(ctx, 0);
}
