/*
 * builtin_regexp.c: RegExp objects over re.h (PCRE2 with JS semantics):
 * the constructor, exec/test/toString, the flag getters, lastIndex, the
 * well-known methods String.prototype delegates to (Symbol.match,
 * matchAll, replace, search, split) and %RegExpStringIteratorPrototype%.
 *
 * The well-known methods follow the spec's generic protocol: they work on
 * any object through its `exec`, `flags` and `lastIndex` properties
 * (RegExpExec), and split/matchAll build their matcher with the species
 * constructor. A plain RegExp whose prototype still has the built-in exec
 * and flag getters ("pristine") takes a fast path that reads the compiled
 * regex directly: no property gets, no match arrays; the results are the
 * same because nothing user-visible runs on that path.
 *
 * A literal is compiled once, by the compiler, into a bk_js_re_t the
 * program owns (immutable, shared by every invocation); new RegExp(s) at
 * run time compiles into the current arena. Matching state (PCRE2 match
 * data, backtracking frames) comes from a per-invocation bk_js_re_ctx_t in
 * the invocation arena, so it counts against the memory cap; a pattern
 * that backtracks catastrophically hits PCRE2's match limit and throws.
 */
#include <stdio.h>

#include "js/js_int.h"
#include "js/re.h"

typedef struct {
    const bk_js_re_t *re;
    bk_js_str_t *source; /* the pattern text as written */
    unsigned flags;
} regexp_t;

#define MAX_LENGTH 9007199254740991.0 /* 2^53 - 1 */

static int RegExp_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret);
static int RegExp_exec(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret);
static int RegExp_source(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret);
static int RegExp_flags(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret);
static int RegExp_flag(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret);
static int RegExp_match(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret);

/* ---- helpers ------------------------------------------------------------ */

static const uint16_t *units(bk_js_ctx_t *ctx, bk_js_str_t *s)
{
    if (s->flags & STR_WIDE)
        return s->d.u16;
    uint16_t *u = bk_js__ialloc(ctx, ((size_t)s->len + 1) * 2);
    for (uint32_t i = 0; i < s->len; i++)
        u[i] = s->d.u8[i];
    return u;
}

static bk_js_re_ctx_t *re_ctx(bk_js_ctx_t *ctx)
{
    if (ctx->re_ctx == NULL || ctx->re_arena != ctx->arena ||
        ctx->re_gen != ctx->gen) {
        ctx->re_ctx = bk_js_re_ctx_new(ctx->arena, 0, 0);
        if (ctx->re_ctx == NULL)
            bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
        ctx->re_arena = ctx->arena;
        ctx->re_gen = ctx->gen;
    }
    return ctx->re_ctx;
}

/* The internal slots of a RegExp object, or NULL for anything else. */
static regexp_t *re_data(bk_js_ctx_t *ctx, val_t v)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_REGEXP)
        return NULL;
    return bk_js__rd(ctx, v_obj(v))->u.data;
}

static int incompatible(bk_js_ctx_t *ctx, val_t v)
{
    return bk_js__type_error(ctx, "RegExp method called on incompatible "
                                  "receiver %s",
                             bk_js__describe(ctx, v));
}

static int this_re(bk_js_ctx_t *ctx, val_t v, regexp_t **out)
{
    *out = re_data(ctx, v);
    return *out ? BK_OK : incompatible(ctx, v);
}

static int this_obj(bk_js_ctx_t *ctx, val_t v)
{
    return v_is_obj(v) ? BK_OK : incompatible(ctx, v);
}

/* 1 when 'f' is the built-in native 'fn' with 'magic'. */
static int is_native(bk_js_ctx_t *ctx, val_t f, bk_js_native_t fn, int magic)
{
    if (!v_is_obj(f) || v_obj(f)->cls != CLS_NATIVE)
        return 0;
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(f));
    return b->u.n.fn == fn && b->u.n.magic == magic;
}

/* 1 when own property 'name' of body 'b' is an accessor whose getter is
 * the built-in 'fn'/'magic' (or, with acc == 0, a data property holding
 * that native). */
static int has_native(bk_js_ctx_t *ctx, bk_js_obj_t *b, const char *name,
                      int acc, bk_js_native_t fn, int magic)
{
    bk_js_prop_t *p = bk_js__find(b, bk_js__atom_cstr(ctx, name));
    if (p == NULL || !!(p->flags & P_ACCESSOR) != acc)
        return 0;
    val_t f = acc ? ((bk_js_accessor_t *)(uintptr_t)p->v)->get : p->v;
    return is_native(ctx, f, fn, magic);
}

/* The flag getters RegExp.prototype.flags reads, in its order. */
static const struct {
    const char *name;
    unsigned bit;
    char letter;
} flag_getters[] = {
    {"hasIndices", BK_JS_RE_HAS_INDICES, 'd'},
    {"global", BK_JS_RE_GLOBAL, 'g'},
    {"ignoreCase", BK_JS_RE_IGNORE_CASE, 'i'},
    {"multiline", BK_JS_RE_MULTILINE, 'm'},
    {"dotAll", BK_JS_RE_DOT_ALL, 's'},
    {"unicode", BK_JS_RE_UNICODE, 'u'},
    {"unicodeSets", BK_JS_RE_UNICODE_SETS, 'v'},
    {"sticky", BK_JS_RE_STICKY, 'y'},
};

/* A hash of the properties of body b (keys, attributes, values, accessor
 * functions) and of where they live: any write to them changes it. */
static uint64_t props_stamp(const bk_js_obj_t *b)
{
    uint64_t h = (uintptr_t)b->props ^ b->nprops;
    for (uint32_t i = 0; i < b->nprops; i++) {
        const bk_js_prop_t *p = &b->props[i];
        uint64_t x = (uintptr_t)p->key ^ p->v ^ p->flags;
        if (p->flags & P_ACCESSOR) {
            const bk_js_accessor_t *a = (const void *)(uintptr_t)p->v;
            x += a->get ^ (a->set << 1);
        }
        h = (h + x) * 0x9E3779B97F4A7C15ull;
    }
    return (h ^ (h >> 31)) | 1;
}

/* 1 when RegExp.prototype has its built-in exec, flags, flag getters and
 * @@match: reading them runs no user code and gives the built-in answers.
 * The full check runs when the prototype's properties changed since it
 * last passed. */
static int proto_pristine(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *pb = bk_js__rd(ctx, P->proto[PROTO_REGEXP]);
    uint64_t stamp = props_stamp(pb);
    if (stamp == ctx->re_stamp)
        return 1;
    if (!has_native(ctx, pb, "exec", 0, RegExp_exec, 0) ||
        !has_native(ctx, pb, "flags", 1, RegExp_flags, 0))
        return 0;
    for (size_t i = 0; i < BK_COUNTOF(flag_getters); i++)
        if (!has_native(ctx, pb, flag_getters[i].name, 1, RegExp_flag,
                        (int)flag_getters[i].bit))
            return 0;
    bk_js_prop_t *p = bk_js__find(pb, P->sym[SYM_match]);
    if (p == NULL || (p->flags & P_ACCESSOR) ||
        !is_native(ctx, p->v, RegExp_match, 0))
        return 0;
    ctx->re_stamp = stamp;
    return 1;
}

/* 1 when SpeciesConstructor(rx, %RegExp%) is %RegExp% without running user
 * code: for a pristine rx, RegExp.prototype.constructor is %RegExp% and
 * %RegExp%[@@species] its built-in getter (or absent, in 1.0). */
static int species_pristine(bk_js_ctx_t *ctx)
{
    bk_js_obj_t *pb = bk_js__rd(ctx, ctx->prog->proto[PROTO_REGEXP]);
    bk_js_prop_t *p = bk_js__find(pb, A(ctx, constructor));
    if (p == NULL || (p->flags & P_ACCESSOR) ||
        !is_native(ctx, p->v, RegExp_ctor, 0))
        return 0;
    p = bk_js__find(bk_js__rd(ctx, v_obj(p->v)),
                    ctx->prog->sym[SYM_species]);
    return p == NULL ||
           ((p->flags & P_ACCESSOR) &&
            is_native(ctx, ((bk_js_accessor_t *)(uintptr_t)p->v)->get,
                      bk_js__species_getter, 0));
}

/* A RegExp with no own property but lastIndex whose prototype is the
 * intrinsic one, pristine as above: the methods below may use its
 * internal slots instead of the property protocol. NULL otherwise. */
static regexp_t *pristine(bk_js_ctx_t *ctx, val_t rx)
{
    if (!v_is_obj(rx) || v_obj(rx)->cls != CLS_REGEXP)
        return NULL;
    bk_js_obj_t *o = bk_js__rd(ctx, v_obj(rx));
    if (o->nprops != 1 || o->proto != ctx->prog->proto[PROTO_REGEXP] ||
        !proto_pristine(ctx))
        return NULL;
    return o->u.data;
}

static bk_js_obj_t *regexp_obj(bk_js_ctx_t *ctx, const bk_js_re_t *re,
                               bk_js_str_t *source, unsigned flags,
                               bk_js_obj_t *proto)
{
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_REGEXP,
                                    proto ? proto
                                          : ctx->prog->proto[PROTO_REGEXP]);
    regexp_t *r = bk_js__ialloc(ctx, sizeof(*r));
    r->re = re;
    r->source = source;
    r->flags = flags;
    o->u.data = r;
    bk_js__put_own(ctx, o, A(ctx, lastIndex), v_mknum(0), P_WRITABLE);
    return o;
}

bk_js_obj_t *bk_js__regexp_from_literal(bk_js_ctx_t *ctx, void *re,
                                        bk_js_str_t *source)
{
    return regexp_obj(ctx, re, source, bk_js_re_flags(re), NULL);
}

static int syntax_error(bk_js_ctx_t *ctx, bk_js_str_t *src, unsigned flags,
                        const char *reason)
{
    bk_buf_t b;
    bk_buf_init(&b, ctx->arena);
    if (bk_js_re_error_message(&b, units(ctx, src), src->len, flags,
                               reason) != BK_OK)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    bk_js_obj_t *e = bk_js__error_new(
        ctx, ERR_SyntaxError,
        bk_js__str_new16(ctx, (const uint16_t *)b.p, (uint32_t)(b.n / 2)));
    return bk_js__throw_val(ctx, v_mkobj(e));
}

/* ToLength */
static int to_length(bk_js_ctx_t *ctx, val_t v, double *out)
{
    double d;
    if (bk_js__to_number(ctx, v, &d) != BK_OK)
        return BK_ERR;
    d = bk_js__to_integer(d);
    *out = d <= 0 ? 0 : d > MAX_LENGTH ? MAX_LENGTH : d;
    return BK_OK;
}

static int get_last_index(bk_js_ctx_t *ctx, val_t rx, double *li)
{
    val_t v;
    if (bk_js__get(ctx, rx, A(ctx, lastIndex), &v) != BK_OK)
        return BK_ERR;
    return to_length(ctx, v, li);
}

static int set_last_index(bk_js_ctx_t *ctx, val_t rx, double li)
{
    return bk_js__set(ctx, rx, A(ctx, lastIndex), v_mknum(li));
}

/* AdvanceStringIndex */
static double advance(bk_js_str_t *s, double i, int unicode)
{
    if (unicode && i + 1 < s->len) {
        uint32_t c = str_at(s, (uint32_t)i), d = str_at(s, (uint32_t)i + 1);
        if (c >= 0xD800 && c < 0xDC00 && d >= 0xDC00 && d < 0xE000)
            return i + 2;
    }
    return i + 1;
}

/* The flag bits a flags string spells (unknown letters ignored). */
static unsigned flag_bits(bk_js_str_t *f)
{
    unsigned bits = 0;
    for (uint32_t i = 0; i < f->len; i++)
        for (size_t k = 0; k < BK_COUNTOF(flag_getters); k++)
            if (str_at(f, i) == (uint32_t)flag_getters[k].letter)
                bits |= flag_getters[k].bit;
    return bits;
}

/* ToString(Get(rx, "flags")): *fs the string (NULL when 'fast' says the
 * internal flags were used), *bits its flags. */
static int get_flags(bk_js_ctx_t *ctx, val_t rx, regexp_t *fast,
                     bk_js_str_t **fs, unsigned *bits)
{
    if (fast) {
        *fs = NULL;
        *bits = fast->flags;
        return BK_OK;
    }
    val_t v;
    if (bk_js__get(ctx, rx, bk_js__atom_cstr(ctx, "flags"), &v) != BK_OK ||
        bk_js__to_string(ctx, v, fs) != BK_OK)
        return BK_ERR;
    *bits = flag_bits(*fs);
    return BK_OK;
}

/* ---- exec --------------------------------------------------------------- */

/* RegExpBuiltinExec up to the match: 1 with *m (offsets valid until the
 * next exec on this invocation), 0 no match, BK_ERR threw. */
static int builtin_exec(bk_js_ctx_t *ctx, val_t rx, regexp_t *r,
                        bk_js_str_t *s, bk_js_re_match_t *m)
{
    double li;
    if (get_last_index(ctx, rx, &li) != BK_OK)
        return BK_ERR;
    int gy = (r->flags & (BK_JS_RE_GLOBAL | BK_JS_RE_STICKY)) != 0;
    if (!gy)
        li = 0;
    if (li > s->len) {
        if (gy && set_last_index(ctx, rx, 0) != BK_OK)
            return BK_ERR;
        return 0;
    }
    const char *err = NULL;
    bk_js_re_ctx_t *rc = re_ctx(ctx);
    int rv = (s->flags & STR_WIDE)
                 ? bk_js_re_exec(rc, r->re, s->d.u16, s->len, (size_t)li, m,
                                 &err)
                 : bk_js_re_exec_latin1(rc, r->re, s->d.u8, s->len,
                                        (size_t)li, m, &err);
    bk_js__charge(ctx, 8 + (s->len >> 4));
    if (rv == BK_ERR) {
        if (ctx->arena->failed)
            bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
        return bk_js__range_error(ctx, "%s",
                                  err ? err : "Regular expression too complex");
    }
    if (rv == BK_DECLINED) {
        if (gy && set_last_index(ctx, rx, 0) != BK_OK)
            return BK_ERR;
        return 0;
    }
    if (gy && set_last_index(ctx, rx, m->cap[1]) != BK_OK)
        return BK_ERR;
    return 1;
}

static val_t cap_str(bk_js_ctx_t *ctx, bk_js_str_t *s, const int32_t *cap,
                     int k)
{
    if (cap[2 * k] < 0)
        return V_UNDEF;
    return v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)cap[2 * k],
                                  (uint32_t)cap[2 * k + 1]));
}

static val_t index_pair(bk_js_ctx_t *ctx, const int32_t *cap, int k)
{
    if (cap[2 * k] < 0)
        return V_UNDEF;
    val_t v[2] = {v_mknum(cap[2 * k]), v_mknum(cap[2 * k + 1])};
    return v_mkobj(bk_js__array_from(ctx, v, 2));
}

/* The groups object of a match (null prototype), or undefined when the
 * regex has no named groups. 'pairs' gives the `indices.groups` form. */
static val_t groups_obj(bk_js_ctx_t *ctx, const bk_js_re_t *re,
                        bk_js_str_t *s, const int32_t *cap, int pairs)
{
    int nn;
    const bk_js_re_name_t *names = bk_js_re_names(re, &nn);
    if (names == NULL || nn == 0)
        return V_UNDEF;
    bk_js_obj_t *g = bk_js__obj_new(ctx, CLS_OBJECT, NULL);
    for (int i = 0; i < nn; i++) {
        bk_js_str_t *k = bk_js__atom(
            ctx, bk_js__str_new16(ctx, names[i].name, (uint32_t)names[i].len));
        int gi = names[i].group;
        bk_js__put_own(ctx, g, k,
                       pairs ? index_pair(ctx, cap, gi)
                             : cap_str(ctx, s, cap, gi),
                       P_DEFAULT);
    }
    return v_mkobj(g);
}

/* The match array of an exec: [match, groups...], index, input, groups
 * and, with `d`, indices. */
static val_t match_array(bk_js_ctx_t *ctx, regexp_t *r, bk_js_str_t *s,
                         const int32_t *cap, int ncap)
{
    bk_js_obj_t *a = bk_js__array_new(ctx, (uint32_t)ncap);
    for (int k = 0; k < ncap; k++)
        bk_js__array_push(ctx, a, cap_str(ctx, s, cap, k));
    bk_js__put_own(ctx, a, A(ctx, index), v_mknum(cap[0]), P_DEFAULT);
    bk_js__put_own(ctx, a, A(ctx, input), v_mkstr(s), P_DEFAULT);
    bk_js__put_own(ctx, a, A(ctx, groups), groups_obj(ctx, r->re, s, cap, 0),
                   P_DEFAULT);
    if (r->flags & BK_JS_RE_HAS_INDICES) {
        bk_js_obj_t *ind = bk_js__array_new(ctx, (uint32_t)ncap);
        for (int k = 0; k < ncap; k++)
            bk_js__array_push(ctx, ind, index_pair(ctx, cap, k));
        bk_js__put_own(ctx, ind, A(ctx, groups),
                       groups_obj(ctx, r->re, s, cap, 1), P_DEFAULT);
        bk_js__put_own(ctx, a, bk_js__atom_cstr(ctx, "indices"), v_mkobj(ind),
                       P_DEFAULT);
    }
    return v_mkobj(a);
}

/* A RegExpExec result: a built-in match kept as offsets (r != NULL), or
 * the object a user exec returned. */
typedef struct {
    regexp_t *r;
    int32_t *cap;
    int ncap;
    val_t obj;
} result_t;

/* RegExpExec(rx, s): 1 with *res, 0 null, BK_ERR threw. A built-in match
 * is copied when 'keep' (else its offsets die at the next exec). */
static int rx_exec(bk_js_ctx_t *ctx, val_t rx, regexp_t *fast, bk_js_str_t *s,
                   result_t *res, int keep)
{
    regexp_t *r = fast;
    if (r == NULL) {
        val_t ex;
        if (bk_js__get(ctx, rx, bk_js__atom_cstr(ctx, "exec"), &ex) != BK_OK)
            return BK_ERR;
        if (bk_js__is_callable(ex) && !is_native(ctx, ex, RegExp_exec, 0)) {
            val_t arg = v_mkstr(s), out;
            if (bk_js__call(ctx, ex, rx, 1, &arg, &out) != BK_OK)
                return BK_ERR;
            if (out == V_NULL)
                return 0;
            if (!v_is_obj(out))
                return bk_js__type_error(ctx, "exec result must be an object "
                                              "or null");
            res->r = NULL;
            res->obj = out;
            return 1;
        }
        if (this_re(ctx, rx, &r) != BK_OK)
            return BK_ERR;
    }
    bk_js_re_match_t m;
    int rv = builtin_exec(ctx, rx, r, s, &m);
    if (rv <= 0)
        return rv;
    res->r = r;
    res->ncap = m.ncap;
    res->cap = m.cap;
    res->obj = V_UNDEF;
    if (keep) {
        size_t sz = (size_t)m.ncap * 2 * sizeof(int32_t);
        res->cap = bk_js__ialloc(ctx, sz);
        memcpy(res->cap, m.cap, sz);
    }
    return 1;
}

/* The result as the JS value exec returns. */
static val_t result_val(bk_js_ctx_t *ctx, bk_js_str_t *s, result_t *res)
{
    if (res->r == NULL)
        return res->obj;
    return match_array(ctx, res->r, s, res->cap, res->ncap);
}

/* ToString(Get(result, "0")) */
static int result_matched(bk_js_ctx_t *ctx, bk_js_str_t *s, result_t *res,
                          bk_js_str_t **out)
{
    if (res->r) {
        *out = bk_js__str_sub(ctx, s, (uint32_t)res->cap[0],
                              (uint32_t)res->cap[1]);
        return BK_OK;
    }
    val_t v;
    if (bk_js__get_index(ctx, res->obj, 0, &v) != BK_OK)
        return BK_ERR;
    return bk_js__to_string(ctx, v, out);
}

/* After an empty match of a global loop: lastIndex = AdvanceStringIndex. */
static int skip_empty(bk_js_ctx_t *ctx, val_t rx, bk_js_str_t *s,
                      int unicode)
{
    double li;
    if (get_last_index(ctx, rx, &li) != BK_OK)
        return BK_ERR;
    return set_last_index(ctx, rx, advance(s, li, unicode));
}

/* ---- the constructor ---------------------------------------------------- */

int bk_js__is_regexp(bk_js_ctx_t *ctx, val_t v)
{
    if (!v_is_obj(v))
        return 0;
    val_t m;
    if (bk_js__get(ctx, v, ctx->prog->sym[SYM_match], &m) != BK_OK)
        return BK_ERR;
    if (m != V_UNDEF)
        return bk_js__truthy(m);
    return v_obj(v)->cls == CLS_REGEXP;
}

static int parse_flags(bk_js_ctx_t *ctx, bk_js_str_t *fs, unsigned *flags)
{
    unsigned allowed = ctx->prog->runtime == BK_JS_RUNTIME_1_0
                           ? ~(unsigned)(BK_JS_RE_HAS_INDICES |
                                         BK_JS_RE_UNICODE_SETS)
                           : ~0u;
    if (bk_js_re_parse_flags(units(ctx, fs), fs->len, flags) != BK_OK ||
        (*flags & ~allowed)) {
        char *f8 = bk_js__str_to_utf8(ctx, fs, NULL);
        return bk_js__throw(ctx, ERR_SyntaxError,
                            "Invalid flags supplied to RegExp constructor "
                            "'%s'",
                            f8);
    }
    return BK_OK;
}

/* RegExpInitialize on a new object with prototype 'proto': P and F are
 * undefined or values to convert; 'from' a compiled regex to reuse when
 * the flags are its own. */
static int initialize(bk_js_ctx_t *ctx, bk_js_obj_t *proto, val_t p, val_t f,
                      regexp_t *from, val_t *ret)
{
    bk_js_str_t *src = A(ctx, empty), *fs = NULL;
    unsigned flags = 0;
    if (from != NULL) {
        src = from->source;
        flags = from->flags;
    } else if (p != V_UNDEF && bk_js__to_string(ctx, p, &src) != BK_OK) {
        return BK_ERR;
    }
    if (f != V_UNDEF) {
        if (bk_js__to_string(ctx, f, &fs) != BK_OK ||
            parse_flags(ctx, fs, &flags) != BK_OK)
            return BK_ERR;
    }
    const bk_js_re_t *re = from && flags == from->flags ? from->re : NULL;
    if (re == NULL) {
        const char *reason = NULL;
        re = bk_js_re_compile_in(ctx->arena, units(ctx, src), src->len, flags,
                                 &reason);
        if (re == NULL) {
            if (ctx->arena->failed)
                bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
            return syntax_error(ctx, src, flags, reason ? reason : "error");
        }
        bk_js__charge(ctx, 50 + src->len);
    }
    *ret = v_mkobj(regexp_obj(ctx, re, src, flags, proto));
    return BK_OK;
}

int bk_js__regexp_create(bk_js_ctx_t *ctx, val_t pattern, val_t flags,
                         val_t *out)
{
    return initialize(ctx, ctx->prog->proto[PROTO_REGEXP], pattern, flags,
                      NULL, out);
}

static int RegExp_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    (void)this_val;
    val_t pat = ARG(0), fl = ARG(1);
    int isre = bk_js__is_regexp(ctx, pat);
    if (isre < 0)
        return BK_ERR;
    val_t nt = ctx->new_target;
    if (nt == V_UNDEF) {
        nt = v_mkobj(ctx->native_callee);
        if (isre && fl == V_UNDEF) {
            val_t c;
            if (bk_js__get(ctx, pat, A(ctx, constructor), &c) != BK_OK)
                return BK_ERR;
            if (c == nt) {
                *ret = pat;
                return BK_OK;
            }
        }
    }
    regexp_t *from = re_data(ctx, pat);
    val_t p = pat, f = fl;
    if (from == NULL && isre) {
        if (bk_js__get(ctx, pat, bk_js__atom_cstr(ctx, "source"), &p) !=
            BK_OK)
            return BK_ERR;
        if (fl == V_UNDEF &&
            bk_js__get(ctx, pat, bk_js__atom_cstr(ctx, "flags"), &f) != BK_OK)
            return BK_ERR;
    }
    /* RegExpAlloc reads newTarget.prototype before the pattern converts. */
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_REGEXP];
    if (ctx->new_target != V_UNDEF) {
        val_t pp;
        if (bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &pp) != BK_OK)
            return BK_ERR;
        if (v_is_obj(pp))
            proto = v_obj(pp);
    }
    return initialize(ctx, proto, p, f, from, ret);
}

/* ---- the prototype ------------------------------------------------------ */

/* exec (magic 0) and test (magic 1). */
static int RegExp_exec(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    regexp_t *r;
    if (ctx->native_magic == 0) {
        if (this_re(ctx, this_val, &r) != BK_OK ||
            bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
            return BK_ERR;
        bk_js_re_match_t m;
        int rv = builtin_exec(ctx, this_val, r, s, &m);
        if (rv < 0)
            return BK_ERR;
        *ret = rv ? match_array(ctx, r, s, m.cap, m.ncap) : V_NULL;
        return BK_OK;
    }
    if (this_obj(ctx, this_val) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    result_t res;
    int rv = rx_exec(ctx, this_val, NULL, s, &res, 0);
    if (rv < 0)
        return BK_ERR;
    *ret = v_mkbool(rv);
    return BK_OK;
}

static bk_js_str_t *source_str(bk_js_ctx_t *ctx, regexp_t *r)
{
    bk_buf_t b;
    bk_buf_init(&b, ctx->arena);
    if (bk_js_re_source(&b, units(ctx, r->source), r->source->len) != BK_OK)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    return bk_js__str_new16(ctx, (const uint16_t *)b.p, (uint32_t)(b.n / 2));
}

static int RegExp_source(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    (void)argc, (void)argv;
    regexp_t *r = re_data(ctx, this_val);
    if (r == NULL) {
        if (v_is_obj(this_val) &&
            v_obj(this_val) == ctx->prog->proto[PROTO_REGEXP]) {
            *ret = v_mkstr(bk_js__str_cstr(ctx, "(?:)"));
            return BK_OK;
        }
        return incompatible(ctx, this_val);
    }
    *ret = v_mkstr(source_str(ctx, r));
    return BK_OK;
}

static int RegExp_flags(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    (void)argc, (void)argv;
    if (this_obj(ctx, this_val) != BK_OK)
        return BK_ERR;
    char f[16];
    size_t n = 0;
    regexp_t *r = pristine(ctx, this_val);
    for (size_t i = 0; i < BK_COUNTOF(flag_getters); i++) {
        int on;
        if (r) {
            on = (r->flags & flag_getters[i].bit) != 0;
        } else {
            val_t v;
            if (bk_js__get(ctx, this_val,
                           bk_js__atom_cstr(ctx, flag_getters[i].name),
                           &v) != BK_OK)
                return BK_ERR;
            on = bk_js__truthy(v);
        }
        if (on)
            f[n++] = flag_getters[i].letter;
    }
    f[n] = 0;
    *ret = v_mkstr(bk_js__str_cstr(ctx, f));
    return BK_OK;
}

static int RegExp_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    (void)argc, (void)argv;
    if (this_obj(ctx, this_val) != BK_OK)
        return BK_ERR;
    val_t v;
    bk_js_str_t *src, *fl;
    if (bk_js__get(ctx, this_val, bk_js__atom_cstr(ctx, "source"), &v) !=
            BK_OK ||
        bk_js__to_string(ctx, v, &src) != BK_OK ||
        bk_js__get(ctx, this_val, bk_js__atom_cstr(ctx, "flags"), &v) !=
            BK_OK ||
        bk_js__to_string(ctx, v, &fl) != BK_OK)
        return BK_ERR;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__sb_putc(&sb, '/');
    bk_js__sb_str(&sb, src);
    bk_js__sb_putc(&sb, '/');
    bk_js__sb_str(&sb, fl);
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

/* The boolean flag getters; magic is the flag bit. */
static int RegExp_flag(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    (void)argc, (void)argv;
    regexp_t *r = re_data(ctx, this_val);
    if (r == NULL) {
        if (v_is_obj(this_val) &&
            v_obj(this_val) == ctx->prog->proto[PROTO_REGEXP]) {
            *ret = V_UNDEF;
            return BK_OK;
        }
        return incompatible(ctx, this_val);
    }
    *ret = v_mkbool(r->flags & (unsigned)ctx->native_magic);
    return BK_OK;
}

/* ---- Symbol.match, Symbol.search ---------------------------------------- */

static int RegExp_match(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    bk_js_str_t *s, *fs;
    unsigned fl;
    if (this_obj(ctx, this_val) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    regexp_t *fast = pristine(ctx, this_val);
    if (get_flags(ctx, this_val, fast, &fs, &fl) != BK_OK)
        return BK_ERR;
    result_t res;
    if (!(fl & BK_JS_RE_GLOBAL)) {
        int rv = rx_exec(ctx, this_val, fast, s, &res, 0);
        if (rv < 0)
            return BK_ERR;
        *ret = rv ? result_val(ctx, s, &res) : V_NULL;
        return BK_OK;
    }
    int unicode = (fl & (BK_JS_RE_UNICODE | BK_JS_RE_UNICODE_SETS)) != 0;
    if (set_last_index(ctx, this_val, 0) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *a = NULL;
    for (;;) {
        int rv = rx_exec(ctx, this_val, fast, s, &res, 0);
        if (rv < 0)
            return BK_ERR;
        if (rv == 0)
            break;
        bk_js_str_t *ms;
        if (result_matched(ctx, s, &res, &ms) != BK_OK)
            return BK_ERR;
        if (a == NULL)
            a = bk_js__array_new(ctx, 4);
        bk_js__array_push(ctx, a, v_mkstr(ms));
        if (ms->len == 0 && skip_empty(ctx, this_val, s, unicode) != BK_OK)
            return BK_ERR;
    }
    *ret = a ? v_mkobj(a) : V_NULL;
    return BK_OK;
}

static int RegExp_search(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (this_obj(ctx, this_val) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    val_t prev, cur;
    if (bk_js__get(ctx, this_val, A(ctx, lastIndex), &prev) != BK_OK)
        return BK_ERR;
    if (!bk_js__same_value(prev, v_mknum(0)) &&
        set_last_index(ctx, this_val, 0) != BK_OK)
        return BK_ERR;
    result_t res;
    int rv = rx_exec(ctx, this_val, pristine(ctx, this_val), s, &res, 0);
    if (rv < 0)
        return BK_ERR;
    int32_t at = rv && res.r ? res.cap[0] : -1;
    if (bk_js__get(ctx, this_val, A(ctx, lastIndex), &cur) != BK_OK)
        return BK_ERR;
    if (!bk_js__same_value(cur, prev) &&
        bk_js__set(ctx, this_val, A(ctx, lastIndex), prev) != BK_OK)
        return BK_ERR;
    if (rv == 0) {
        *ret = v_mknum(-1);
        return BK_OK;
    }
    if (res.r) {
        *ret = v_mknum(at);
        return BK_OK;
    }
    return bk_js__get(ctx, res.obj, A(ctx, index), ret);
}

/* ---- Symbol.replace ----------------------------------------------------- */

static void put_units(bk_js_ctx_t *ctx, bk_buf_t *out, bk_js_str_t *s,
                      uint32_t from, uint32_t to)
{
    if (from >= to)
        return;
    if (s->flags & STR_WIDE) {
        if (bk_buf_append(out, s->d.u16 + from, (size_t)(to - from) * 2) !=
            BK_OK)
            bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
        return;
    }
    for (uint32_t k = from; k < to; k++) {
        uint16_t u = s->d.u8[k];
        if (bk_buf_append(out, &u, 2) != BK_OK)
            bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    }
}

/* GetSubstitution for a result a user exec made: 'caps' holds the
 * captures (undefined or strings), 'named' the groups object or
 * undefined. */
static int substitute(bk_js_ctx_t *ctx, bk_buf_t *out, bk_js_str_t *matched,
                      bk_js_str_t *s, uint32_t pos, const val_t *caps,
                      uint32_t ncaps, val_t named, bk_js_str_t *t)
{
    uint32_t n = t->len;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = str_at(t, i);
        uint32_t d = i + 1 < n ? str_at(t, i + 1) : 0;
        if (c != '$' || i + 1 >= n) {
            put_units(ctx, out, t, i, i + 1);
            continue;
        }
        if (d == '$') {
            put_units(ctx, out, t, i, i + 1);
            i++;
        } else if (d == '&') {
            put_units(ctx, out, matched, 0, matched->len);
            i++;
        } else if (d == '`') {
            put_units(ctx, out, s, 0, pos);
            i++;
        } else if (d == '\'') {
            uint32_t tail = pos + matched->len;
            put_units(ctx, out, s, BK_MIN(tail, s->len), s->len);
            i++;
        } else if (d >= '0' && d <= '9') {
            uint32_t idx = d - '0', len = 1;
            uint32_t e = i + 2 < n ? str_at(t, i + 2) : 0;
            if (e >= '0' && e <= '9' && idx * 10 + (e - '0') <= ncaps &&
                idx * 10 + (e - '0') >= 1) {
                idx = idx * 10 + (e - '0');
                len = 2;
            } else if (e >= '0' && e <= '9' && (idx == 0 || idx > ncaps)) {
                /* "$0n" / "$nn" past the captures: a literal reference;
                 * with two digits the spec keeps the two-digit form when
                 * the one-digit one is no capture either. */
                uint32_t two = idx * 10 + (e - '0');
                if (two > ncaps || two == 0)
                    len = 2, idx = two;
            }
            if (idx >= 1 && idx <= ncaps) {
                val_t v = caps[idx - 1];
                if (v != V_UNDEF)
                    put_units(ctx, out, v_str(v), 0, v_str(v)->len);
            } else {
                put_units(ctx, out, t, i, i + 1 + len);
            }
            i += len;
        } else if (d == '<') {
            int64_t gt = -1;
            for (uint32_t k = i + 2; k < n; k++)
                if (str_at(t, k) == '>') {
                    gt = k;
                    break;
                }
            if (gt < 0 || named == V_UNDEF) {
                put_units(ctx, out, t, i, i + 2);
                i++;
                continue;
            }
            bk_js_str_t *name = bk_js__str_sub(ctx, t, i + 2, (uint32_t)gt);
            val_t v;
            if (bk_js__get(ctx, named, bk_js__atom(ctx, name), &v) != BK_OK)
                return BK_ERR;
            if (v != V_UNDEF) {
                bk_js_str_t *vs;
                if (bk_js__to_string(ctx, v, &vs) != BK_OK)
                    return BK_ERR;
                put_units(ctx, out, vs, 0, vs->len);
            }
            i = (uint32_t)gt;
        } else {
            put_units(ctx, out, t, i, i + 1);
        }
    }
    return BK_OK;
}

/* Grows an arena array of results. */
static result_t *push_result(bk_js_ctx_t *ctx, result_t *v, uint32_t n,
                             uint32_t *cap, const result_t *r)
{
    if (n == *cap) {
        uint32_t nc = *cap ? *cap * 2 : 8;
        v = bk_js__irealloc(ctx, v, (size_t)*cap * sizeof(*v),
                            (size_t)nc * sizeof(*v));
        *cap = nc;
    }
    v[n] = *r;
    return v;
}

/* One result of a replace: appends S's text since *next and the
 * replacement ('fn' called, or 'tmpl' expanded) to 'out' and moves *next
 * past the match, as the spec's loop over the results does. */
static int replace_one(bk_js_ctx_t *ctx, bk_buf_t *out, uint32_t *next,
                       bk_js_str_t *s, result_t *res, val_t fn,
                       bk_js_str_t *tmpl)
{
    int func = tmpl == NULL;
    bk_js_str_t *matched = NULL; /* built-in results: only for fn */
    uint32_t pos, mlen, ncaps;
    val_t *caps, named;
    if (res->r) {
        pos = (uint32_t)res->cap[0];
        mlen = (uint32_t)res->cap[1] - pos;
        ncaps = (uint32_t)res->ncap - 1;
        caps = NULL;
        named = V_UNDEF;
    } else {
        double len, p;
        val_t v;
        if (bk_js__length_of(ctx, res->obj, &len) != BK_OK ||
            result_matched(ctx, s, res, &matched) != BK_OK ||
            bk_js__get(ctx, res->obj, A(ctx, index), &v) != BK_OK ||
            bk_js__to_number(ctx, v, &p) != BK_OK)
            return BK_ERR;
        p = bk_js__to_integer(p);
        pos = p < 0 ? 0 : p > s->len ? s->len : (uint32_t)p;
        mlen = matched->len;
        double nc = len > 1 ? len - 1 : 0;
        /* XXX: the spec reads any number of captures; past 65535 (no
         * regex has that many) we throw rather than loop for long. */
        if (nc > 65535)
            return bk_js__range_error(ctx, "Too many captures");
        bk_js__charge(ctx, (int64_t)nc);
        ncaps = (uint32_t)nc;
        caps = bk_js__ialloc(ctx, (ncaps + 1) * sizeof(val_t));
        for (uint32_t k = 0; k < ncaps; k++) {
            if (bk_js__get_index(ctx, res->obj, k + 1, &v) != BK_OK)
                return BK_ERR;
            if (v != V_UNDEF) {
                bk_js_str_t *cs;
                if (bk_js__to_string(ctx, v, &cs) != BK_OK)
                    return BK_ERR;
                v = v_mkstr(cs);
            }
            caps[k] = v;
        }
        if (bk_js__get(ctx, res->obj, A(ctx, groups), &named) != BK_OK)
            return BK_ERR;
    }
    if (func) {
        /* matched, captures..., position, S[, groups] */
        val_t *args = bk_js__ialloc(ctx, (ncaps + 4) * sizeof(val_t));
        uint32_t na = 0;
        if (matched == NULL)
            matched = bk_js__str_sub(ctx, s, pos, pos + mlen);
        args[na++] = v_mkstr(matched);
        for (uint32_t k = 0; k < ncaps; k++)
            args[na++] = res->r ? cap_str(ctx, s, res->cap, (int)k + 1)
                                : caps[k];
        args[na++] = v_mknum(pos);
        args[na++] = v_mkstr(s);
        if (res->r)
            named = groups_obj(ctx, res->r->re, s, res->cap, 0);
        if (named != V_UNDEF)
            args[na++] = named;
        val_t rv;
        bk_js_str_t *rs;
        if (bk_js__call(ctx, fn, V_UNDEF, (int)na, args, &rv) != BK_OK ||
            bk_js__to_string(ctx, rv, &rs) != BK_OK)
            return BK_ERR;
        if (pos >= *next) {
            put_units(ctx, out, s, *next, pos);
            put_units(ctx, out, rs, 0, rs->len);
        }
    } else {
        if (pos >= *next)
            put_units(ctx, out, s, *next, pos);
        size_t mark = out->n;
        if (res->r) {
            int nn = 0;
            bk_js_re_names(res->r->re, &nn);
            if (bk_js_re_expand_mixed(out, tmpl->d.u8, tmpl->len,
                                      (tmpl->flags & STR_WIDE) != 0,
                                      s->d.u8, s->len,
                                      (s->flags & STR_WIDE) != 0,
                                      res->cap, res->ncap,
                                      nn > 0 ? res->r->re : NULL) != BK_OK)
                bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
        } else {
            if (named != V_UNDEF) {
                bk_js_obj_t *no;
                if (bk_js__to_object(ctx, named, &no) != BK_OK)
                    return BK_ERR;
                named = v_mkobj(no);
            }
            if (substitute(ctx, out, matched, s, pos, caps, ncaps, named,
                           tmpl) != BK_OK)
                return BK_ERR;
        }
        if (pos < *next)
            out->n = mark; /* the spec drops this result's text */
    }
    if (pos >= *next)
        *next = pos + mlen;
    return BK_OK;
}

static int RegExp_replace(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    val_t rx = this_val;
    bk_js_str_t *s, *tmpl = NULL, *fs;
    unsigned fl;
    if (this_obj(ctx, rx) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(1);
    int func = bk_js__is_callable(fn);
    if (!func && bk_js__to_string(ctx, fn, &tmpl) != BK_OK)
        return BK_ERR;
    regexp_t *fast = pristine(ctx, rx);
    if (get_flags(ctx, rx, fast, &fs, &fl) != BK_OK)
        return BK_ERR;
    int global = (fl & BK_JS_RE_GLOBAL) != 0;
    int unicode = (fl & (BK_JS_RE_UNICODE | BK_JS_RE_UNICODE_SETS)) != 0;
    if (global && set_last_index(ctx, rx, 0) != BK_OK)
        return BK_ERR;

    /* The spec runs every exec before it looks at the results (so a
     * replacer function runs after the last exec). With the built-in exec
     * and a template, nothing user-visible happens in between: each
     * result is used at once and none is kept. */
    int stream = fast != NULL && !func;
    bk_buf_t out;
    bk_buf_init(&out, ctx->arena);
    uint32_t next = 0; /* nextSourcePosition */
    result_t one, *all = &one;
    uint32_t n = 0, cap = 1;
    for (;;) {
        result_t res;
        int rv = rx_exec(ctx, rx, fast, s, &res, global && !stream);
        if (rv < 0)
            return BK_ERR;
        if (rv == 0)
            break;
        if (stream) {
            if (replace_one(ctx, &out, &next, s, &res, fn, tmpl) != BK_OK)
                return BK_ERR;
            n++;
        } else if (all == &one && n == 0) {
            one = res;
            n = 1;
        } else {
            if (all == &one) {
                all = bk_js__ialloc(ctx, 8 * sizeof(*all));
                all[0] = one;
                cap = 8;
            }
            all = push_result(ctx, all, n++, &cap, &res);
        }
        if (!global)
            break;
        if (res.r) {
            if (res.cap[0] == res.cap[1] &&
                skip_empty(ctx, rx, s, unicode) != BK_OK)
                return BK_ERR;
        } else {
            bk_js_str_t *ms;
            if (result_matched(ctx, s, &res, &ms) != BK_OK)
                return BK_ERR;
            if (ms->len == 0 && skip_empty(ctx, rx, s, unicode) != BK_OK)
                return BK_ERR;
        }
    }
    if (n == 0) {
        *ret = v_mkstr(s);
        return BK_OK;
    }
    for (uint32_t i = 0; !stream && i < n; i++)
        if (replace_one(ctx, &out, &next, s, &all[i], fn, tmpl) != BK_OK)
            return BK_ERR;
    if (next < s->len)
        put_units(ctx, &out, s, next, s->len);
    bk_js__charge(ctx, (int64_t)(out.n >> 4));
    *ret = v_mkstr(bk_js__str_new16(ctx, (const uint16_t *)out.p,
                                    (uint32_t)(out.n / 2)));
    return BK_OK;
}

/* ---- Symbol.split ------------------------------------------------------- */

/* split with the built-in regex itself: search from each position (even
 * for a sticky regex) instead of the spec's sticky attempt at every
 * position, which finds the same matches. */
static int split_fast(bk_js_ctx_t *ctx, regexp_t *r, bk_js_str_t *s,
                      double lim, bk_js_obj_t *a)
{
    const bk_js_re_t *sre = r->re;
    int unicode = (r->flags & (BK_JS_RE_UNICODE | BK_JS_RE_UNICODE_SETS)) != 0;
    const char *err = NULL;
    bk_js_re_ctx_t *rc = re_ctx(ctx);
    uint32_t size = s->len;
#define EXEC(at, m)                                                           \
    ((s->flags & STR_WIDE)                                                    \
         ? bk_js_re_search(rc, sre, s->d.u16, s->len, (at), (m), &err)        \
         : bk_js_re_search_latin1(rc, sre, s->d.u8, s->len, (at), (m), &err))
    if (size == 0) {
        bk_js_re_match_t m;
        int rv = EXEC(0, &m);
        if (rv == BK_ERR)
            return bk_js__range_error(ctx, "Regular expression too complex");
        if (rv != BK_OK)
            bk_js__array_push(ctx, a, v_mkstr(s));
        return BK_OK;
    }
    uint32_t p = 0, q = 0;
    while (q < size) {
        bk_js_re_match_t m;
        int rv = EXEC(q, &m);
        bk_js__charge(ctx, 4);
        if (rv == BK_ERR)
            return bk_js__range_error(ctx, "Regular expression too complex");
        if (rv != BK_OK)
            break;
        uint32_t st = (uint32_t)m.cap[0];
        uint32_t e = BK_MIN((uint32_t)m.cap[1], size);
        if (st >= size)
            break;
        if (e == p) {
            /* an empty match where the last piece ended: move on */
            q = (uint32_t)advance(s, st, unicode);
            continue;
        }
        int32_t *cap = bk_js__ialloc(ctx, (size_t)m.ncap * 2 * sizeof(int32_t));
        memcpy(cap, m.cap, (size_t)m.ncap * 2 * sizeof(int32_t));
        bk_js__array_push(ctx, a, v_mkstr(bk_js__str_sub(ctx, s, p, st)));
        if (bk_js__rd(ctx, a)->len >= lim)
            return BK_OK;
        for (int k = 1; k < m.ncap; k++) {
            bk_js__array_push(ctx, a, cap_str(ctx, s, cap, k));
            if (bk_js__rd(ctx, a)->len >= lim)
                return BK_OK;
        }
        p = e;
        q = e;
    }
#undef EXEC
    bk_js__array_push(ctx, a, v_mkstr(bk_js__str_sub(ctx, s, p, size)));
    return BK_OK;
}

/* SpeciesConstructor(rx, %RegExp%) for split/matchAll; *intrinsic when
 * it is %RegExp% itself (*c is then V_EMPTY or the constructor). */
static int species(bk_js_ctx_t *ctx, val_t rx, val_t *c, int *intrinsic)
{
    if (bk_js__species_ctor(ctx, rx, V_EMPTY, c) != BK_OK)
        return BK_ERR;
    *intrinsic = *c == V_EMPTY || is_native(ctx, *c, RegExp_ctor, 0);
    return BK_OK;
}

/* Construct(C, «rx, flags») with C the species constructor. */
static int make_matcher(bk_js_ctx_t *ctx, val_t c, int intrinsic, val_t rx,
                        bk_js_str_t *flags, val_t *out)
{
    val_t args[2] = {rx, v_mkstr(flags)};
    if (intrinsic) {
        /* new %RegExp%(rx, flags) */
        int isre = bk_js__is_regexp(ctx, rx);
        if (isre < 0)
            return BK_ERR;
        regexp_t *from = re_data(ctx, rx);
        val_t p = rx;
        if (from == NULL && isre &&
            bk_js__get(ctx, rx, bk_js__atom_cstr(ctx, "source"), &p) != BK_OK)
            return BK_ERR;
        return initialize(ctx, ctx->prog->proto[PROTO_REGEXP], p, args[1],
                          from, out);
    }
    return bk_js__construct(ctx, c, 2, args, c, out);
}

static int RegExp_split(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    val_t rx = this_val;
    bk_js_str_t *s, *fs;
    unsigned fl;
    if (this_obj(ctx, rx) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    val_t c = V_EMPTY;
    int intrinsic = 1;
    regexp_t *fast = pristine(ctx, rx);
    if (fast && !species_pristine(ctx))
        fast = NULL;
    if (!fast && species(ctx, rx, &c, &intrinsic) != BK_OK)
        return BK_ERR;
    if (get_flags(ctx, rx, fast, &fs, &fl) != BK_OK)
        return BK_ERR;
    int unicode = (fl & (BK_JS_RE_UNICODE | BK_JS_RE_UNICODE_SETS)) != 0;
    val_t splitter = V_UNDEF;
    if (!fast) {
        if (!(fl & BK_JS_RE_STICKY))
            fs = bk_js__str_concat(ctx, fs, bk_js__str_cstr(ctx, "y"));
        if (make_matcher(ctx, c, intrinsic, rx, fs, &splitter) != BK_OK)
            return BK_ERR;
    }
    double lim = 4294967295.0;
    if (ARG(1) != V_UNDEF) {
        if (bk_js__to_number(ctx, argv[1], &lim) != BK_OK)
            return BK_ERR;
        lim = (double)(uint32_t)bk_js__to_int32(lim);
    }
    bk_js_obj_t *a = bk_js__array_new(ctx, 0);
    *ret = v_mkobj(a);
    if (lim == 0)
        return BK_OK;
    if (fast)
        return split_fast(ctx, fast, s, lim, a);

    regexp_t *sfast = pristine(ctx, splitter);
    result_t res;
    uint32_t size = s->len;
    if (size == 0) {
        int rv = rx_exec(ctx, splitter, sfast, s, &res, 0);
        if (rv < 0)
            return BK_ERR;
        if (rv == 0)
            bk_js__array_push(ctx, a, v_mkstr(s));
        return BK_OK;
    }
    uint32_t p = 0, q = 0;
    while (q < size) {
        if (set_last_index(ctx, splitter, q) != BK_OK)
            return BK_ERR;
        int rv = rx_exec(ctx, splitter, sfast, s, &res, 1);
        if (rv < 0)
            return BK_ERR;
        if (rv == 0) {
            q = (uint32_t)advance(s, q, unicode);
            continue;
        }
        double e;
        if (get_last_index(ctx, splitter, &e) != BK_OK)
            return BK_ERR;
        if (e > size)
            e = size;
        if ((uint32_t)e == p) {
            q = (uint32_t)advance(s, q, unicode);
            continue;
        }
        bk_js__array_push(ctx, a, v_mkstr(bk_js__str_sub(ctx, s, p, q)));
        if (bk_js__rd(ctx, a)->len >= lim)
            return BK_OK;
        p = (uint32_t)e;
        double nc;
        if (res.r) {
            nc = res.ncap;
        } else if (bk_js__length_of(ctx, res.obj, &nc) != BK_OK) {
            return BK_ERR;
        }
        for (double i = 1; i < nc; i++) {
            val_t v;
            if (res.r)
                v = cap_str(ctx, s, res.cap, (int)i);
            else if (bk_js__get_index(ctx, res.obj, (uint32_t)i, &v) != BK_OK)
                return BK_ERR;
            bk_js__array_push(ctx, a, v);
            if (bk_js__rd(ctx, a)->len >= lim)
                return BK_OK;
        }
        q = p;
    }
    bk_js__array_push(ctx, a, v_mkstr(bk_js__str_sub(ctx, s, p, size)));
    return BK_OK;
}

/* ---- Symbol.matchAll and %RegExpStringIteratorPrototype% --------------- */

/* The iterator keeps its matcher in u.g.a, the string in u.g.b and its
 * state bits in u.g.state (in the body, so copies on write carry them). */
enum { IT_GLOBAL = 1, IT_UNICODE = 2, IT_DONE = 4 };

static int RegExp_matchAll(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    val_t rx = this_val;
    bk_js_str_t *s, *fs;
    unsigned fl;
    if (this_obj(ctx, rx) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    val_t c = V_EMPTY, matcher;
    int intrinsic = 1;
    regexp_t *fast = pristine(ctx, rx);
    if (fast && !species_pristine(ctx))
        fast = NULL;
    if (!fast && species(ctx, rx, &c, &intrinsic) != BK_OK)
        return BK_ERR;
    if (get_flags(ctx, rx, fast, &fs, &fl) != BK_OK)
        return BK_ERR;
    if (fast) {
        matcher = v_mkobj(regexp_obj(ctx, fast->re, fast->source, fast->flags,
                                     NULL));
    } else if (make_matcher(ctx, c, intrinsic, rx, fs, &matcher) != BK_OK) {
        return BK_ERR;
    }
    double li;
    if (get_last_index(ctx, rx, &li) != BK_OK ||
        set_last_index(ctx, matcher, li) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *it = bk_js__obj_new(ctx, CLS_REGEXP_ITER,
                                     ctx->prog->proto[PROTO_REGEXP_ITER]);
    unsigned bits = 0;
    if (fl & BK_JS_RE_GLOBAL)
        bits |= IT_GLOBAL;
    if (fl & (BK_JS_RE_UNICODE | BK_JS_RE_UNICODE_SETS))
        bits |= IT_UNICODE;
    it->u.g.state = (void *)(uintptr_t)bits;
    it->u.g.a = matcher;
    it->u.g.b = v_mkstr(s);
    *ret = v_mkobj(it);
    return BK_OK;
}

static int RegExpIter_next(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    (void)argc, (void)argv;
    if (!v_is_obj(this_val) || v_obj(this_val)->cls != CLS_REGEXP_ITER)
        return bk_js__type_error(ctx, "%%RegExpStringIterator%%.next called "
                                      "on incompatible receiver %s",
                                 bk_js__describe(ctx, this_val));
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(this_val));
    unsigned bits = (unsigned)(uintptr_t)b->u.g.state;
    if (bits & IT_DONE) {
        *ret = v_mkobj(bk_js__iter_result(ctx, V_UNDEF, 1));
        return BK_OK;
    }
    val_t rx = b->u.g.a;
    bk_js_str_t *s = v_str(b->u.g.b);
    result_t res;
    int rv = rx_exec(ctx, rx, pristine(ctx, rx), s, &res, 0);
    if (rv < 0)
        return BK_ERR;
    if (rv == 0 || !(bits & IT_GLOBAL)) {
        bk_js__wr(ctx, v_obj(this_val))->u.g.state =
            (void *)(uintptr_t)(bits | IT_DONE);
        *ret = v_mkobj(bk_js__iter_result(
            ctx, rv ? result_val(ctx, s, &res) : V_UNDEF, rv == 0));
        return BK_OK;
    }
    val_t m = result_val(ctx, s, &res);
    int empty;
    if (res.r) {
        empty = res.cap[0] == res.cap[1];
    } else {
        bk_js_str_t *ms;
        if (result_matched(ctx, s, &res, &ms) != BK_OK)
            return BK_ERR;
        empty = ms->len == 0;
    }
    if (empty &&
        skip_empty(ctx, rx, s, (bits & IT_UNICODE) != 0) != BK_OK)
        return BK_ERR;
    *ret = v_mkobj(bk_js__iter_result(ctx, m, 0));
    return BK_OK;
}

/* ---- install ------------------------------------------------------------ */

void bk_js__install_regexp(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->proto[PROTO_REGEXP];
    bk_js_obj_t *ctor = bk_js__def_ctor(ctx, "RegExp", RegExp_ctor, 2, proto);
    bk_js__def_species(ctx, ctor);
    static const bk_js_method_t methods[] = {
        {"exec", RegExp_exec, 1, 0},
        {"test", RegExp_exec, 1, 1},
        {"toString", RegExp_toString, 0, 0},
        {"@match", RegExp_match, 1, 0},
        {"@matchAll", RegExp_matchAll, 1, 0},
        {"@replace", RegExp_replace, 2, 0},
        {"@search", RegExp_search, 1, 0},
        {"@split", RegExp_split, 2, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    static const struct {
        const char *name;
        bk_js_native_t fn;
        int magic;
    } getters[] = {
        {"flags", RegExp_flags, 0},
        {"source", RegExp_source, 0},
        {"global", RegExp_flag, BK_JS_RE_GLOBAL},
        {"ignoreCase", RegExp_flag, BK_JS_RE_IGNORE_CASE},
        {"multiline", RegExp_flag, BK_JS_RE_MULTILINE},
        {"dotAll", RegExp_flag, BK_JS_RE_DOT_ALL},
        {"unicode", RegExp_flag, BK_JS_RE_UNICODE},
        {"unicodeSets", RegExp_flag, BK_JS_RE_UNICODE_SETS},
        {"sticky", RegExp_flag, BK_JS_RE_STICKY},
        {"hasIndices", RegExp_flag, BK_JS_RE_HAS_INDICES},
    };
    for (size_t i = 0; i < BK_COUNTOF(getters); i++) {
        char fname[32];
        snprintf(fname, sizeof fname, "get %s", getters[i].name);
        bk_js_str_t *k = bk_js__atom_cstr(ctx, getters[i].name);
        bk_js_obj_t *f = bk_js__native_new(ctx, bk_js__atom_cstr(ctx, fname),
                                           getters[i].fn, 0, getters[i].magic);
        bk_js__put_accessor(ctx, proto, k, v_mkobj(f), V_UNDEF,
                            P_CONFIGURABLE);
    }

    /* %RegExpStringIteratorPrototype% */
    bk_js_obj_t *ip = P->proto[PROTO_REGEXP_ITER];
    bk_js__wr(ctx, ip)->proto = P->proto[PROTO_ITERATOR];
    static const bk_js_method_t im[] = {{"next", RegExpIter_next, 0, 0}};
    bk_js__def_methods(ctx, ip, im, 1);
    bk_js__put_own(ctx, ip, P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, "RegExp String Iterator")),
                   P_CONFIGURABLE);
}
