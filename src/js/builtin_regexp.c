/*
 * builtin_regexp.c: RegExp objects over re.h (PCRE2 with JS semantics):
 * the constructor, exec/test/toString, the flag getters, lastIndex, and
 * the well-known methods String.prototype delegates to (Symbol.match,
 * matchAll, replace, search, split).
 *
 * A literal is compiled once, by the compiler, into a bk_js_re_t the
 * program owns (immutable, shared by every invocation); new RegExp(s) at
 * run time compiles into the current arena. Matching state (PCRE2 match
 * data, backtracking frames) comes from a per-invocation bk_js_re_ctx_t in
 * the invocation arena, so it counts against the memory cap; a pattern
 * that backtracks catastrophically hits PCRE2's match limit and throws.
 */
#include "js/js_int.h"
#include "js/re.h"

typedef struct {
    const bk_js_re_t *re;
    bk_js_str_t *source; /* the pattern text as written */
    unsigned flags;
} regexp_t;

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

static int this_re(bk_js_ctx_t *ctx, val_t v, regexp_t **out)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_REGEXP)
        return bk_js__type_error(ctx, "RegExp method called on incompatible "
                                      "receiver %s",
                                 bk_js__describe(ctx, v));
    *out = bk_js__rd(ctx, v_obj(v))->u.data;
    return BK_OK;
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

static int get_last_index(bk_js_ctx_t *ctx, val_t rx, double *li)
{
    val_t v;
    if (bk_js__get(ctx, rx, A(ctx, lastIndex), &v) != BK_OK ||
        bk_js__to_number(ctx, v, li) != BK_OK)
        return BK_ERR;
    *li = bk_js__to_integer(*li);
    if (*li < 0)
        *li = 0;
    return BK_OK;
}

static int set_last_index(bk_js_ctx_t *ctx, val_t rx, double li)
{
    return bk_js__set(ctx, rx, A(ctx, lastIndex), v_mknum(li));
}

/* RegExpBuiltinExec: 1 and *m on a match, 0 none, BK_ERR threw. */
static int builtin_exec(bk_js_ctx_t *ctx, val_t rx, bk_js_str_t *s,
                        bk_js_re_match_t *m)
{
    regexp_t *r;
    if (this_re(ctx, rx, &r) != BK_OK)
        return BK_ERR;
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

/* The match array of an exec: [match, groups...], index, input, groups. */
static val_t match_array(bk_js_ctx_t *ctx, regexp_t *r, bk_js_str_t *s,
                         const bk_js_re_match_t *m)
{
    bk_js_obj_t *a = bk_js__array_new(ctx, (uint32_t)m->ncap);
    for (int k = 0; k < m->ncap; k++) {
        int32_t st = m->cap[2 * k], en = m->cap[2 * k + 1];
        val_t v = st < 0 ? V_UNDEF
                         : v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)st,
                                                  (uint32_t)en));
        bk_js__array_push(ctx, a, v);
    }
    bk_js__put_own(ctx, a, A(ctx, index), v_mknum(m->cap[0]), P_DEFAULT);
    bk_js__put_own(ctx, a, A(ctx, input), v_mkstr(s), P_DEFAULT);
    int nn;
    const bk_js_re_name_t *names = bk_js_re_names(r->re, &nn);
    val_t groups = V_UNDEF;
    if (names != NULL && nn > 0) {
        bk_js_obj_t *g = bk_js__obj_new(ctx, CLS_OBJECT, NULL);
        for (int i = 0; i < nn; i++) {
            bk_js_str_t *k = bk_js__atom(
                ctx, bk_js__str_new16(ctx, names[i].name,
                                      (uint32_t)names[i].len));
            int gi = names[i].group;
            val_t v = m->cap[2 * gi] < 0
                          ? V_UNDEF
                          : v_mkstr(bk_js__str_sub(ctx, s,
                                                   (uint32_t)m->cap[2 * gi],
                                                   (uint32_t)m->cap[2 * gi + 1]));
            bk_js__put_own(ctx, g, k, v, P_DEFAULT);
        }
        groups = v_mkobj(g);
    }
    bk_js__put_own(ctx, a, A(ctx, groups), groups, P_DEFAULT);
    return v_mkobj(a);
}

/* RegExpExec: a user 'exec' wins (as the spec says), else the built-in. */
static int regexp_exec(bk_js_ctx_t *ctx, val_t rx, bk_js_str_t *s, val_t *out)
{
    regexp_t *r;
    if (this_re(ctx, rx, &r) != BK_OK)
        return BK_ERR;
    bk_js_re_match_t m;
    int rv = builtin_exec(ctx, rx, s, &m);
    if (rv < 0)
        return BK_ERR;
    *out = rv ? match_array(ctx, r, s, &m) : V_NULL;
    return BK_OK;
}

static uint32_t advance(bk_js_str_t *s, uint32_t i, int unicode)
{
    if (unicode && i + 1 < s->len) {
        uint32_t c = str_at(s, i), d = str_at(s, i + 1);
        if (c >= 0xD800 && c < 0xDC00 && d >= 0xDC00 && d < 0xE000)
            return i + 2;
    }
    return i + 1;
}

/* ---- the constructor and prototype ------------------------------------ */

static int RegExp_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    val_t pat = ARG(0), fl = ARG(1);
    bk_js_str_t *src, *fs = NULL;
    unsigned flags = 0;
    if (v_is_obj(pat) && v_obj(pat)->cls == CLS_REGEXP) {
        regexp_t *r = bk_js__rd(ctx, v_obj(pat))->u.data;
        if (ctx->new_target == V_UNDEF && fl == V_UNDEF) {
            *ret = pat;
            return BK_OK;
        }
        src = r->source;
        flags = r->flags;
        if (fl == V_UNDEF) {
            bk_js_obj_t *proto = ctx->prog->proto[PROTO_REGEXP];
            *ret = v_mkobj(regexp_obj(ctx, r->re, src, flags, proto));
            return BK_OK;
        }
    } else if (pat == V_UNDEF) {
        src = A(ctx, empty);
    } else if (bk_js__to_string(ctx, pat, &src) != BK_OK) {
        return BK_ERR;
    }
    if (fl != V_UNDEF) {
        if (bk_js__to_string(ctx, fl, &fs) != BK_OK)
            return BK_ERR;
        if (bk_js_re_parse_flags(units(ctx, fs), fs->len, &flags) != BK_OK) {
            char *f8 = bk_js__str_to_utf8(ctx, fs, NULL);
            return bk_js__throw(ctx, ERR_SyntaxError,
                                "Invalid flags supplied to RegExp constructor "
                                "'%s'",
                                f8);
        }
    }
    const char *reason = NULL;
    const bk_js_re_t *re = bk_js_re_compile_in(ctx->arena, units(ctx, src),
                                               src->len, flags, &reason);
    if (re == NULL) {
        if (ctx->arena->failed)
            bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
        return syntax_error(ctx, src, flags, reason ? reason : "error");
    }
    bk_js__charge(ctx, 50 + src->len);
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_REGEXP];
    val_t pp;
    if (v_is_obj(ctx->new_target) &&
        bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &pp) == BK_OK &&
        v_is_obj(pp))
        proto = v_obj(pp);
    *ret = v_mkobj(regexp_obj(ctx, re, src, flags, proto));
    return BK_OK;
}

static int RegExp_exec(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    regexp_t *r;
    if (this_re(ctx, this_val, &r) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    if (ctx->native_magic == 0)
        return regexp_exec(ctx, this_val, s, ret);
    bk_js_re_match_t m;
    int rv = builtin_exec(ctx, this_val, s, &m);
    if (rv < 0)
        return BK_ERR;
    *ret = v_mkbool(rv);
    return BK_OK;
}

static int RegExp_toString(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    regexp_t *r;
    if (this_re(ctx, this_val, &r) != BK_OK)
        return BK_ERR;
    bk_buf_t b;
    bk_buf_init(&b, ctx->arena);
    if (bk_js_re_source(&b, units(ctx, r->source), r->source->len) != BK_OK)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    bk_js_str_t *src = bk_js__str_new16(ctx, (const uint16_t *)b.p,
                                        (uint32_t)(b.n / 2));
    char f[8];
    bk_js_re_flags_str(r->flags, f);
    int m = ctx->native_magic;
    if (m == 1) { /* source */
        *ret = v_mkstr(src);
        return BK_OK;
    }
    if (m == 2) { /* flags */
        *ret = v_mkstr(bk_js__str_cstr(ctx, f));
        return BK_OK;
    }
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__sb_putc(&sb, '/');
    bk_js__sb_str(&sb, src);
    bk_js__sb_putc(&sb, '/');
    bk_js__sb_cstr(&sb, f);
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

/* The boolean flag getters; magic is the flag bit. */
static int RegExp_flag(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    if (v_is_obj(this_val) && v_obj(this_val) == ctx->prog->proto[PROTO_REGEXP]) {
        *ret = V_UNDEF;
        return BK_OK;
    }
    regexp_t *r;
    if (this_re(ctx, this_val, &r) != BK_OK)
        return BK_ERR;
    *ret = v_mkbool(r->flags & (unsigned)ctx->native_magic);
    return BK_OK;
}

static int RegExp_match(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    regexp_t *r;
    bk_js_str_t *s;
    if (this_re(ctx, this_val, &r) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    if (!(r->flags & BK_JS_RE_GLOBAL))
        return regexp_exec(ctx, this_val, s, ret);
    if (set_last_index(ctx, this_val, 0) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *a = NULL;
    for (;;) {
        bk_js_re_match_t m;
        int rv = builtin_exec(ctx, this_val, s, &m);
        if (rv < 0)
            return BK_ERR;
        if (rv == 0)
            break;
        if (a == NULL)
            a = bk_js__array_new(ctx, 4);
        bk_js__array_push(ctx, a,
                          v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)m.cap[0],
                                                 (uint32_t)m.cap[1])));
        if (m.cap[0] == m.cap[1]) {
            double li;
            if (get_last_index(ctx, this_val, &li) != BK_OK ||
                set_last_index(ctx, this_val,
                               advance(s, (uint32_t)li,
                                       r->flags & BK_JS_RE_UNICODE)) != BK_OK)
                return BK_ERR;
        }
    }
    *ret = a ? v_mkobj(a) : V_NULL;
    return BK_OK;
}

static int RegExp_matchAll(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    regexp_t *r;
    bk_js_str_t *s;
    if (this_re(ctx, this_val, &r) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    /* A fresh regexp so the receiver's lastIndex is untouched; the matches
     * are collected at once and iterated. */
    bk_js_obj_t *rx = regexp_obj(ctx, r->re, r->source, r->flags, NULL);
    double li;
    if (get_last_index(ctx, this_val, &li) != BK_OK ||
        set_last_index(ctx, v_mkobj(rx), li) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *all = bk_js__array_new(ctx, 4);
    for (;;) {
        bk_js_re_match_t m;
        int rv = builtin_exec(ctx, v_mkobj(rx), s, &m);
        if (rv < 0)
            return BK_ERR;
        if (rv == 0)
            break;
        bk_js__array_push(ctx, all, match_array(ctx, r, s, &m));
        if (!(r->flags & BK_JS_RE_GLOBAL))
            break;
        if (m.cap[0] == m.cap[1] &&
            set_last_index(ctx, v_mkobj(rx),
                           advance(s, (uint32_t)m.cap[1],
                                   r->flags & BK_JS_RE_UNICODE)) != BK_OK)
            return BK_ERR;
    }
    bk_js_obj_t *it = bk_js__obj_new(ctx, CLS_ITER,
                                     ctx->prog->proto[PROTO_ARRAY_ITER]);
    it->u.it.target = v_mkobj(all);
    it->u.it.i = 0;
    it->u.it.kind = 0;
    *ret = v_mkobj(it);
    return BK_OK;
}

static int RegExp_search(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    regexp_t *r;
    bk_js_str_t *s;
    if (this_re(ctx, this_val, &r) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    val_t prev;
    if (bk_js__get(ctx, this_val, A(ctx, lastIndex), &prev) != BK_OK ||
        set_last_index(ctx, this_val, 0) != BK_OK)
        return BK_ERR;
    /* search ignores g and y's lastIndex but honours y's anchoring. */
    bk_js_re_match_t m;
    const char *err = NULL;
    int rv = (s->flags & STR_WIDE)
                 ? bk_js_re_exec(re_ctx(ctx), r->re, s->d.u16, s->len, 0, &m,
                                 &err)
                 : bk_js_re_exec_latin1(re_ctx(ctx), r->re, s->d.u8, s->len, 0,
                                        &m, &err);
    if (rv == BK_ERR)
        return bk_js__range_error(ctx, "%s",
                                  err ? err : "Regular expression too complex");
    if (bk_js__set(ctx, this_val, A(ctx, lastIndex), prev) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(rv == BK_OK ? m.cap[0] : -1);
    return BK_OK;
}

static int RegExp_replace(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    regexp_t *r;
    bk_js_str_t *s, *tmpl = NULL;
    if (this_re(ctx, this_val, &r) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    val_t fn = ARG(1);
    int func = bk_js__is_callable(fn);
    if (!func && bk_js__to_string(ctx, fn, &tmpl) != BK_OK)
        return BK_ERR;
    int global = (r->flags & BK_JS_RE_GLOBAL) != 0;
    if (global && set_last_index(ctx, this_val, 0) != BK_OK)
        return BK_ERR;
    bk_buf_t out;
    bk_buf_init(&out, ctx->arena);
    uint32_t pos = 0;
    int nn = 0;
    const bk_js_re_name_t *names = bk_js_re_names(r->re, &nn);
    for (;;) {
        bk_js_re_match_t m;
        int rv = builtin_exec(ctx, this_val, s, &m);
        if (rv < 0)
            return BK_ERR;
        if (rv == 0)
            break;
        uint32_t st = (uint32_t)m.cap[0], en = (uint32_t)m.cap[1];
        /* The copied matches: exec on the same ctx reuses the offsets. */
        int32_t *cap = bk_js__ialloc(ctx, (size_t)m.ncap * 2 * sizeof(int32_t));
        memcpy(cap, m.cap, (size_t)m.ncap * 2 * sizeof(int32_t));
        for (uint32_t k = pos; k < st; k++) {
            uint16_t u = (uint16_t)str_at(s, k);
            if (bk_buf_append(&out, &u, 2) != BK_OK)
                bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
        }
        if (func) {
            uint32_t n = (uint32_t)m.ncap + 3;
            val_t *args = bk_js__ialloc(ctx, n * sizeof(val_t));
            for (int k = 0; k < m.ncap; k++)
                args[k] = cap[2 * k] < 0
                              ? V_UNDEF
                              : v_mkstr(bk_js__str_sub(ctx, s,
                                                       (uint32_t)cap[2 * k],
                                                       (uint32_t)cap[2 * k + 1]));
            args[m.ncap] = v_mknum(st);
            args[m.ncap + 1] = v_mkstr(s);
            uint32_t argn = (uint32_t)m.ncap + 2;
            if (names && nn > 0) {
                val_t ma = match_array(ctx, r, s, &m);
                val_t g;
                if (bk_js__get(ctx, ma, A(ctx, groups), &g) != BK_OK)
                    return BK_ERR;
                args[argn++] = g;
            }
            val_t rv2;
            bk_js_str_t *rs;
            if (bk_js__call(ctx, fn, V_UNDEF, (int)argn, args, &rv2) != BK_OK ||
                bk_js__to_string(ctx, rv2, &rs) != BK_OK)
                return BK_ERR;
            for (uint32_t k = 0; k < rs->len; k++) {
                uint16_t u = (uint16_t)str_at(rs, k);
                if (bk_buf_append(&out, &u, 2) != BK_OK)
                    bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
            }
        } else {
            int wide = (s->flags & STR_WIDE) != 0;
            int twide = (tmpl->flags & STR_WIDE) != 0;
            if (bk_js_re_expand_mixed(&out, tmpl->d.u8, tmpl->len, twide,
                                      s->d.u8, s->len, wide, cap, m.ncap,
                                      r->re) != BK_OK)
                bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
        }
        pos = en;
        if (!global)
            break;
        if (st == en) {
            double li;
            if (get_last_index(ctx, this_val, &li) != BK_OK ||
                set_last_index(ctx, this_val,
                               advance(s, (uint32_t)li,
                                       r->flags & BK_JS_RE_UNICODE)) != BK_OK)
                return BK_ERR;
        }
    }
    for (uint32_t k = pos; k < s->len; k++) {
        uint16_t u = (uint16_t)str_at(s, k);
        if (bk_buf_append(&out, &u, 2) != BK_OK)
            bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    }
    *ret = v_mkstr(bk_js__str_new16(ctx, (const uint16_t *)out.p,
                                    (uint32_t)(out.n / 2)));
    return BK_OK;
}

static int RegExp_split(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    regexp_t *r;
    bk_js_str_t *s;
    if (this_re(ctx, this_val, &r) != BK_OK ||
        bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
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
    /* split searches, so a sticky regex is recompiled without 'y' (the
     * spec's splitter is sticky at every position, which is the same). */
    const bk_js_re_t *sre = r->re;
    if (r->flags & BK_JS_RE_STICKY) {
        const char *why = NULL;
        sre = bk_js_re_compile_in(ctx->arena, units(ctx, r->source),
                                  r->source->len,
                                  r->flags & ~(unsigned)BK_JS_RE_STICKY, &why);
        if (sre == NULL)
            bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    }
    const char *err = NULL;
    bk_js_re_ctx_t *rc = re_ctx(ctx);
    uint32_t size = s->len;
#define EXEC(at, m)                                                           \
    ((s->flags & STR_WIDE)                                                    \
         ? bk_js_re_exec(rc, sre, s->d.u16, s->len, (at), (m), &err)          \
         : bk_js_re_exec_latin1(rc, sre, s->d.u8, s->len, (at), (m), &err))
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
            q = advance(s, st, r->flags & BK_JS_RE_UNICODE);
            continue;
        }
        int32_t *cap = bk_js__ialloc(ctx, (size_t)m.ncap * 2 * sizeof(int32_t));
        memcpy(cap, m.cap, (size_t)m.ncap * 2 * sizeof(int32_t));
        bk_js__array_push(ctx, a, v_mkstr(bk_js__str_sub(ctx, s, p, st)));
        if (bk_js__rd(ctx, a)->len >= lim)
            return BK_OK;
        for (int k = 1; k < m.ncap; k++) {
            val_t v = cap[2 * k] < 0
                          ? V_UNDEF
                          : v_mkstr(bk_js__str_sub(ctx, s, (uint32_t)cap[2 * k],
                                                   (uint32_t)cap[2 * k + 1]));
            bk_js__array_push(ctx, a, v);
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

void bk_js__install_regexp(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->proto[PROTO_REGEXP];
    bk_js__def_ctor(ctx, "RegExp", RegExp_ctor, 2, proto);
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
        {"source", RegExp_toString, 1},
        {"flags", RegExp_toString, 2},
        {"global", RegExp_flag, BK_JS_RE_GLOBAL},
        {"ignoreCase", RegExp_flag, BK_JS_RE_IGNORE_CASE},
        {"multiline", RegExp_flag, BK_JS_RE_MULTILINE},
        {"dotAll", RegExp_flag, BK_JS_RE_DOT_ALL},
        {"unicode", RegExp_flag, BK_JS_RE_UNICODE},
        {"sticky", RegExp_flag, BK_JS_RE_STICKY},
        {"hasIndices", RegExp_flag, BK_JS_RE_HAS_INDICES},
    };
    for (size_t i = 0; i < BK_COUNTOF(getters); i++) {
        bk_js_str_t *k = bk_js__atom_cstr(ctx, getters[i].name);
        bk_js_obj_t *f = bk_js__native_new(ctx, k, getters[i].fn, 0,
                                           getters[i].magic);
        bk_js__put_accessor(ctx, proto, k, v_mkobj(f), V_UNDEF,
                            P_CONFIGURABLE);
    }
}
