/*
 * promise.c: Promise, its job queue reactions, and the combinators.
 *
 * A promise's state lives in a bk_js_pstate_t hung off the object. A
 * template promise (made by the top level) is never written: the first
 * write in an invocation copies the state (pstate_wr), like any COW body.
 * Jobs run in FIFO order from bk_js__run_jobs(), which the embedder calls
 * before ending an invocation.
 */
#include "js/js_int.h"

enum { PS_PENDING, PS_FULFILLED, PS_REJECTED };
enum { JOB_REACTION, JOB_THENABLE };

typedef struct reaction {
    struct reaction *next;
    val_t on_ok, on_err;
    bk_js_obj_t *result; /* derived promise, or NULL */
} reaction_t;

typedef struct {
    int state;
    int handled;
    val_t value;
    reaction_t *reactions, *tail;
    bk_js_obj_t *owner_copy; /* the body this state belongs to */
} pstate_t;

static pstate_t *pstate_rd(bk_js_ctx_t *ctx, bk_js_obj_t *p)
{
    return bk_js__rd(ctx, p)->u.g.state;
}

static pstate_t *pstate_wr(bk_js_ctx_t *ctx, bk_js_obj_t *p)
{
    bk_js_obj_t *b = bk_js__wr(ctx, p);
    pstate_t *s = b->u.g.state;
    if (s->owner_copy != b) {
        pstate_t *c = bk_js__ialloc(ctx, sizeof(*c));
        *c = *s;
        c->owner_copy = b;
        /* Reactions are only appended; share the old list, copy on append. */
        reaction_t *head = NULL, *tail = NULL;
        for (reaction_t *r = s->reactions; r; r = r->next) {
            reaction_t *n = bk_js__ialloc(ctx, sizeof(*n));
            *n = *r;
            n->next = NULL;
            if (tail)
                tail->next = n;
            else
                head = n;
            tail = n;
        }
        c->reactions = head;
        c->tail = tail;
        b->u.g.state = c;
        s = c;
    }
    return s;
}

int bk_js__is_promise(bk_js_ctx_t *ctx, val_t v)
{
    return v_is_obj(v) && v_obj(v)->cls == CLS_PROMISE;
}

static bk_js_obj_t *promise_with_proto(bk_js_ctx_t *ctx, bk_js_obj_t *proto)
{
    bk_js_obj_t *p = bk_js__obj_new(ctx, CLS_PROMISE, proto);
    pstate_t *s = bk_js__izalloc(ctx, sizeof(*s));
    s->value = V_UNDEF;
    s->owner_copy = p;
    p->u.g.state = s;
    return p;
}

bk_js_obj_t *bk_js__promise_new(bk_js_ctx_t *ctx)
{
    return promise_with_proto(ctx, ctx->prog->proto[PROTO_PROMISE]);
}

static void trigger(bk_js_ctx_t *ctx, pstate_t *s)
{
    for (reaction_t *r = s->reactions; r; r = r->next) {
        val_t h = s->state == PS_FULFILLED ? r->on_ok : r->on_err;
        bk_js__enqueue_job(ctx, h, s->value,
                           r->result ? v_mkobj(r->result) : V_UNDEF,
                           v_mknum(s->state), JOB_REACTION);
    }
    s->reactions = s->tail = NULL;
}

struct bk_js_rej {
    struct bk_js_rej *next;
    bk_js_obj_t *p;
};

void bk_js__promise_settle(bk_js_ctx_t *ctx, bk_js_obj_t *p, int rejected,
                           val_t v)
{
    pstate_t *s = pstate_wr(ctx, p);
    if (s->state != PS_PENDING)
        return;
    s->state = rejected ? PS_REJECTED : PS_FULFILLED;
    s->value = v;
    if (rejected && !s->handled) {
        struct bk_js_rej *r = bk_js__ialloc(ctx, sizeof(*r));
        r->p = p;
        r->next = ctx->rejections;
        ctx->rejections = r;
    }
    trigger(ctx, s);
}

int bk_js__check_rejections(bk_js_ctx_t *ctx)
{
    struct bk_js_rej *last = NULL;
    for (struct bk_js_rej *r = ctx->rejections; r; r = r->next) {
        pstate_t *s = pstate_rd(ctx, r->p);
        if (!s->handled)
            last = r;
    }
    ctx->rejections = NULL;
    if (last == NULL)
        return BK_OK;
    return bk_js__throw_val(ctx, pstate_rd(ctx, last->p)->value);
}

void bk_js__promise_resolve(bk_js_ctx_t *ctx, bk_js_obj_t *p, val_t v)
{
    if (v_is_obj(v) && v_obj(v) == p) {
        bk_js__type_error(ctx, "Chaining cycle detected for promise");
        val_t e = ctx->exc;
        ctx->has_exc = 0;
        bk_js__promise_settle(ctx, p, 1, e);
        return;
    }
    if (v_is_obj(v)) {
        val_t then;
        if (bk_js__get(ctx, v, A(ctx, then), &then) != BK_OK) {
            val_t e = ctx->exc;
            ctx->has_exc = 0;
            bk_js__promise_settle(ctx, p, 1, e);
            return;
        }
        if (bk_js__is_callable(then)) {
            bk_js__enqueue_job(ctx, then, v, v_mkobj(p), V_UNDEF,
                               JOB_THENABLE);
            return;
        }
    }
    bk_js__promise_settle(ctx, p, 0, v);
}

void bk_js__promise_then(bk_js_ctx_t *ctx, bk_js_obj_t *p, val_t on_ok,
                         val_t on_err, bk_js_obj_t *result)
{
    pstate_t *s = pstate_wr(ctx, p);
    s->handled = 1;
    reaction_t *r = bk_js__ialloc(ctx, sizeof(*r));
    r->next = NULL;
    r->on_ok = bk_js__is_callable(on_ok) ? on_ok : V_UNDEF;
    r->on_err = bk_js__is_callable(on_err) ? on_err : V_UNDEF;
    r->result = result;
    if (s->tail)
        s->tail->next = r;
    else
        s->reactions = r;
    s->tail = r;
    if (s->state != PS_PENDING)
        trigger(ctx, s);
}

/* Resolving functions: data = promise, magic 0 resolve / 1 reject. A flag
 * shared by the pair makes the second call a no-op. */
typedef struct {
    bk_js_obj_t *p;
    int done;
} resolving_t;

static int resolve_fn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    resolving_t *r = ctx->native_callee->u.n.data;
    *ret = V_UNDEF;
    if (r->done)
        return BK_OK;
    r->done = 1;
    if (ctx->native_magic)
        bk_js__promise_settle(ctx, r->p, 1, ARG(0));
    else
        bk_js__promise_resolve(ctx, r->p, ARG(0));
    return BK_OK;
}

static void resolving_pair(bk_js_ctx_t *ctx, bk_js_obj_t *p, val_t *res,
                           val_t *rej)
{
    resolving_t *r = bk_js__izalloc(ctx, sizeof(*r));
    r->p = p;
    bk_js_obj_t *a = bk_js__native_new(ctx, NULL, resolve_fn, 1, 0);
    a->u.n.data = r;
    bk_js_obj_t *b = bk_js__native_new(ctx, NULL, resolve_fn, 1, 1);
    b->u.n.data = r;
    *res = v_mkobj(a);
    *rej = v_mkobj(b);
}

int bk_js__job_run(bk_js_ctx_t *ctx, bk_js_job_t *j)
{
    if (j->kind == JOB_THENABLE) {
        val_t res, rej, r;
        resolving_pair(ctx, v_obj(j->a), &res, &rej);
        val_t args[2] = {res, rej};
        if (bk_js__call(ctx, j->fn, j->arg, 2, args, &r) != BK_OK) {
            val_t e = ctx->exc;
            ctx->has_exc = 0;
            val_t out;
            return bk_js__call(ctx, rej, V_UNDEF, 1, &e, &out);
        }
        return BK_OK;
    }
    int rejected = v_num(j->b) == PS_REJECTED;
    bk_js_obj_t *result = v_is_obj(j->a) ? v_obj(j->a) : NULL;
    if (j->fn == V_UNDEF) {
        if (result)
            bk_js__promise_settle(ctx, result, rejected, j->arg);
        return BK_OK;
    }
    val_t r;
    if (bk_js__call(ctx, j->fn, V_UNDEF, 1, &j->arg, &r) != BK_OK) {
        if (ctx->limit)
            return BK_ERR;
        val_t e = ctx->exc;
        ctx->has_exc = 0;
        if (result)
            bk_js__promise_settle(ctx, result, 1, e);
        return BK_OK;
    }
    if (result)
        bk_js__promise_resolve(ctx, result, r);
    return BK_OK;
}

int bk_js_promise_state(bk_js_ctx_t *ctx, bk_js_val_t p, bk_js_val_t *result)
{
    if (!bk_js__is_promise(ctx, p))
        return -1;
    pstate_t *s = pstate_rd(ctx, v_obj(p));
    if (result)
        *result = s->value;
    return s->state;
}

/* ---- the Promise constructor and prototype ---------------------------- */

static int Promise_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    if (ctx->new_target == V_UNDEF)
        return bk_js__type_error(ctx, "Promise constructor cannot be invoked "
                                      "without 'new'");
    val_t exec = ARG(0);
    if (!bk_js__is_callable(exec))
        return bk_js__type_error(ctx, "Promise resolver %s is not a function",
                                 bk_js__describe(ctx, exec));
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_PROMISE];
    val_t pp;
    if (v_is_obj(ctx->new_target) &&
        bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &pp) == BK_OK &&
        v_is_obj(pp))
        proto = v_obj(pp);
    bk_js_obj_t *p = promise_with_proto(ctx, proto);
    val_t res, rej, r;
    resolving_pair(ctx, p, &res, &rej);
    val_t args[2] = {res, rej};
    if (bk_js__call(ctx, exec, V_UNDEF, 2, args, &r) != BK_OK) {
        val_t e = ctx->exc;
        ctx->has_exc = 0;
        if (bk_js__call(ctx, rej, V_UNDEF, 1, &e, &r) != BK_OK)
            return BK_ERR;
    }
    *ret = v_mkobj(p);
    return BK_OK;
}

static int Promise_then(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    if (!bk_js__is_promise(ctx, this_val))
        return bk_js__type_error(ctx, "Method Promise.prototype.then called "
                                      "on incompatible receiver");
    bk_js_obj_t *r = bk_js__promise_new(ctx);
    if (ctx->native_magic == 1) /* catch */
        bk_js__promise_then(ctx, v_obj(this_val), V_UNDEF, ARG(0), r);
    else
        bk_js__promise_then(ctx, v_obj(this_val), ARG(0), ARG(1), r);
    *ret = v_mkobj(r);
    return BK_OK;
}

/* finally(f): f() runs, then the original outcome passes through. */
static int finally_step(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    bk_js_obj_t *self = ctx->native_callee;
    val_t *cap = self->u.n.data;
    int rejected = ctx->native_magic;
    val_t r;
    if (bk_js__call(ctx, cap[0], V_UNDEF, 0, NULL, &r) != BK_OK)
        return BK_ERR;
    if (rejected)
        return bk_js__throw_val(ctx, ARG(0));
    *ret = ARG(0);
    return BK_OK;
}

static int Promise_finally(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    if (!bk_js__is_promise(ctx, this_val))
        return bk_js__type_error(ctx, "Method Promise.prototype.finally "
                                      "called on incompatible receiver");
    val_t f = ARG(0);
    bk_js_obj_t *r = bk_js__promise_new(ctx);
    if (!bk_js__is_callable(f)) {
        bk_js__promise_then(ctx, v_obj(this_val), f, f, r);
    } else {
        val_t *cap = bk_js__ialloc(ctx, sizeof(val_t));
        cap[0] = f;
        bk_js_obj_t *ok = bk_js__native_new(ctx, NULL, finally_step, 1, 0);
        ok->u.n.data = cap;
        bk_js_obj_t *err = bk_js__native_new(ctx, NULL, finally_step, 1, 1);
        err->u.n.data = cap;
        bk_js__promise_then(ctx, v_obj(this_val), v_mkobj(ok), v_mkobj(err),
                            r);
    }
    *ret = v_mkobj(r);
    return BK_OK;
}

/* magic: 0 resolve, 1 reject */
static int Promise_resolve(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    val_t v = ARG(0);
    if (ctx->native_magic == 0 && bk_js__is_promise(ctx, v)) {
        *ret = v;
        return BK_OK;
    }
    bk_js_obj_t *p = bk_js__promise_new(ctx);
    if (ctx->native_magic)
        bk_js__promise_settle(ctx, p, 1, v);
    else
        bk_js__promise_resolve(ctx, p, v);
    *ret = v_mkobj(p);
    return BK_OK;
}

/* Combinators: all (0), allSettled (1), any (2), race (3). The element
 * callbacks share a state record. */
typedef struct {
    bk_js_obj_t *result;
    bk_js_obj_t *values;
    uint32_t remaining;
    int kind;
} combo_t;

typedef struct {
    combo_t *c;
    uint32_t index;
    int done;
} elem_t;

static int combo_elem(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    elem_t *e = ctx->native_callee->u.n.data;
    combo_t *c = e->c;
    int rejected = ctx->native_magic;
    *ret = V_UNDEF;
    if (e->done)
        return BK_OK;
    e->done = 1;
    val_t v = ARG(0);
    if (c->kind == 1) {
        bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                        ctx->prog->proto[PROTO_OBJECT]);
        bk_js__put_own(ctx, o, A(ctx, status),
                       v_mkstr(rejected ? A(ctx, rejected) : A(ctx, fulfilled)),
                       P_DEFAULT);
        bk_js__put_own(ctx, o, rejected ? A(ctx, reason) : A(ctx, value), v,
                       P_DEFAULT);
        v = v_mkobj(o);
    }
    if (bk_js__set_index(ctx, v_mkobj(c->values), e->index, v) != BK_OK)
        return BK_ERR;
    if (--c->remaining == 0) {
        if (c->kind == 2) {
            bk_js_obj_t *err = bk_js__error_new(
                ctx, ERR_AggregateError,
                bk_js__str_cstr(ctx, "All promises were rejected"));
            bk_js__put_own(ctx, err, A(ctx, errors), v_mkobj(c->values),
                           P_WRITABLE | P_CONFIGURABLE);
            bk_js__promise_settle(ctx, c->result, 1, v_mkobj(err));
        } else {
            bk_js__promise_resolve(ctx, c->result, v_mkobj(c->values));
        }
    }
    return BK_OK;
}

static int Promise_all(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    int kind = ctx->native_magic;
    combo_t *c = bk_js__izalloc(ctx, sizeof(*c));
    c->kind = kind;
    c->result = bk_js__promise_new(ctx);
    c->values = bk_js__array_new(ctx, 0);
    c->remaining = 1;
    *ret = v_mkobj(c->result);
    val_t it, next, v;
    if (bk_js__get_iterator(ctx, ARG(0), &it, &next) != BK_OK) {
        val_t e = ctx->exc;
        ctx->has_exc = 0;
        bk_js__promise_settle(ctx, c->result, 1, e);
        return BK_OK;
    }
    uint32_t i = 0;
    for (;; i++) {
        int r = bk_js__iter_step(ctx, it, next, &v);
        if (r < 0)
            return BK_ERR;
        if (r == 0)
            break;
        bk_js_obj_t *p;
        if (bk_js__is_promise(ctx, v)) {
            p = v_obj(v);
        } else {
            p = bk_js__promise_new(ctx);
            bk_js__promise_resolve(ctx, p, v);
        }
        if (kind == 3) {
            val_t res, rej;
            resolving_pair(ctx, c->result, &res, &rej);
            bk_js__promise_then(ctx, p, res, rej, NULL);
            continue;
        }
        bk_js__wr(ctx, c->values)->len = i + 1;
        c->remaining++;
        elem_t *e = bk_js__izalloc(ctx, sizeof(*e));
        e->c = c;
        e->index = i;
        val_t ok = V_UNDEF, err = V_UNDEF;
        bk_js_obj_t *f = bk_js__native_new(ctx, NULL, combo_elem, 1, 0);
        f->u.n.data = e;
        bk_js_obj_t *g = bk_js__native_new(ctx, NULL, combo_elem, 1, 1);
        g->u.n.data = e;
        if (kind == 0) {
            ok = v_mkobj(f);
            val_t res, rej;
            resolving_pair(ctx, c->result, &res, &rej);
            err = rej;
        } else if (kind == 1) {
            ok = v_mkobj(f);
            err = v_mkobj(g);
        } else {
            val_t res, rej;
            resolving_pair(ctx, c->result, &res, &rej);
            ok = res;
            err = v_mkobj(g);
        }
        bk_js__promise_then(ctx, p, ok, err, NULL);
    }
    if (kind != 3 && --c->remaining == 0) {
        if (kind == 2) {
            bk_js_obj_t *err = bk_js__error_new(
                ctx, ERR_AggregateError,
                bk_js__str_cstr(ctx, "All promises were rejected"));
            bk_js__put_own(ctx, err, A(ctx, errors), v_mkobj(c->values),
                           P_WRITABLE | P_CONFIGURABLE);
            bk_js__promise_settle(ctx, c->result, 1, v_mkobj(err));
        } else {
            bk_js__promise_resolve(ctx, c->result, v_mkobj(c->values));
        }
    }
    return BK_OK;
}

void bk_js__install_promise(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->proto[PROTO_PROMISE];
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "Promise", Promise_ctor, 1, proto);
    static const bk_js_method_t methods[] = {
        {"then", Promise_then, 2, 0},
        {"catch", Promise_then, 1, 1},
        {"finally", Promise_finally, 1, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    static const bk_js_method_t statics[] = {
        {"resolve", Promise_resolve, 1, 0},
        {"reject", Promise_resolve, 1, 1},
        {"all", Promise_all, 1, 0},
        {"allSettled", Promise_all, 1, 1},
        {"any", Promise_all, 1, 2},
        {"race", Promise_all, 1, 3},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    if (P->sym[SYM_toStringTag])
        bk_js__put_own(ctx, proto, P->sym[SYM_toStringTag],
                       v_mkstr(bk_js__atom_cstr(ctx, "Promise")),
                       P_CONFIGURABLE);
}
