/*
 * promise.c: Promise, its jobs, and the combinators, after ECMA-262 §27.2.
 *
 * A promise's state lives in a pstate_t hung off the object. A template
 * promise (made by the top level) is never written: the first write in an
 * invocation copies the state (pstate_wr), like any COW body. The same holds
 * for every other mutable record here (the resolving functions' "already
 * resolved" flag, a capability executor's slots, a combinator's counters):
 * each is reached through an object and copied by rec_wr() on the first
 * write of an invocation, so a template shared by threads is never written.
 *
 * A capability is {promise, resolve, reject}. When the constructor is the
 * intrinsic %Promise% and nobody can see the resolving functions (then(),
 * await, an async function's result), they are not made: resolve and reject
 * stay undefined and the promise is settled directly. The observable steps
 * (constructor lookups, Get of "then", call counts and job order) are the
 * spec's.
 *
 * Jobs run in FIFO order from bk_js__run_jobs(), which the embedder calls
 * before ending an invocation; each job is charged to the compute budget.
 */
#include "js/js_int.h"

enum { PS_PENDING, PS_FULFILLED, PS_REJECTED };
enum { JOB_REACTION, JOB_THENABLE };

/* A capability; resolve == V_UNDEF with an object promise: internal. */
typedef struct {
    val_t promise, resolve, reject;
} cap_t;

/* A PromiseReaction pair: the fulfil and reject reactions of one then()
 * share the capability. The record is also the job that runs it once the
 * promise settles (a pair triggers exactly one job), so settling allocates
 * nothing: while pending, j.next links the promise's reaction list; j.fn
 * and j.a hold the fulfil and reject handlers (V_UNDEF when empty); j.arg
 * and j.b (true: rejected) are filled when the job is queued. */
typedef struct reaction {
    bk_js_job_t j;
    cap_t cap;
} reaction_t;

typedef struct {
    bk_js_obj_t *owner_copy; /* the body this state belongs to */
    int state;
    int handled;
    val_t value;
    reaction_t *reactions, *tail;
} pstate_t;

/* ---- mutable records behind objects ------------------------------------ */

/* Every record reached through rec_rd/rec_wr starts with its owner. */
typedef struct {
    bk_js_obj_t *owner;
} rec_hdr_t;

static void **rec_slot(bk_js_obj_t *b)
{
    return b->cls == CLS_NATIVE ? &b->u.n.data : &b->u.data;
}

static void *rec_rd(bk_js_ctx_t *ctx, bk_js_obj_t *o)
{
    return *rec_slot(bk_js__rd(ctx, o));
}

/* The writable record of 'o' ('size' bytes): copied into the invocation on
 * the first write to a template's record. */
static void *rec_wr(bk_js_ctx_t *ctx, bk_js_obj_t *o, size_t size)
{
    bk_js_obj_t *b = bk_js__wr(ctx, o);
    void **slot = rec_slot(b);
    rec_hdr_t *h = *slot;
    if (h->owner != b) {
        rec_hdr_t *c = bk_js__ialloc(ctx, size);
        memcpy(c, h, size);
        c->owner = b;
        *slot = c;
        h = c;
    }
    return h;
}

/* A native function (name "") carrying record 'rec' (owner set here). */
static bk_js_obj_t *rec_fn(bk_js_ctx_t *ctx, bk_js_native_t fn, int length,
                           int magic, void *rec)
{
    bk_js_obj_t *f = bk_js__native_new(ctx, NULL, fn, length, magic);
    f->u.n.data = rec;
    if (rec)
        ((rec_hdr_t *)rec)->owner = f;
    return f;
}

/* An internal object holding record 'rec' for several functions. */
static bk_js_obj_t *rec_holder(bk_js_ctx_t *ctx, void *rec)
{
    bk_js_obj_t *h = bk_js__obj_new(ctx, CLS_OTHER, NULL);
    h->u.data = rec;
    ((rec_hdr_t *)rec)->owner = h;
    return h;
}

static val_t take_exc(bk_js_ctx_t *ctx)
{
    val_t e = ctx->exc;
    ctx->has_exc = 0;
    ctx->exc = V_UNDEF;
    return e;
}

/* ---- promise state ----------------------------------------------------- */

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
        /* Reactions are only appended; the records are shared, the links
         * copied. */
        reaction_t *head = NULL, *tail = NULL;
        for (reaction_t *r = s->reactions; r;
             r = (reaction_t *)r->j.next) {
            reaction_t *n = bk_js__ialloc(ctx, sizeof(*n));
            *n = *r;
            n->j.next = NULL;
            if (tail)
                tail->j.next = &n->j;
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
    (void)ctx;
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

static void enqueue(bk_js_ctx_t *ctx, bk_js_job_t *j)
{
    j->next = NULL;
    if (ctx->jobs_tail)
        ctx->jobs_tail->next = j;
    else
        ctx->jobs = j;
    ctx->jobs_tail = j;
}

static void enqueue_reaction(bk_js_ctx_t *ctx, reaction_t *r, int rejected,
                             val_t arg)
{
    r->j.arg = arg;
    r->j.b = rejected ? V_TRUE : V_FALSE;
    enqueue(ctx, &r->j);
}

/* TriggerPromiseReactions for a state just settled (its reaction records
 * belong to this invocation: pstate_wr copied a template's). */
static void trigger(bk_js_ctx_t *ctx, pstate_t *s)
{
    reaction_t *r = s->reactions, *next;
    s->reactions = s->tail = NULL;
    for (; r; r = next) {
        next = (reaction_t *)r->j.next;
        enqueue_reaction(ctx, r, s->state == PS_REJECTED, s->value);
    }
}

struct bk_js_rej {
    struct bk_js_rej *next;
    bk_js_obj_t *p;
};

/* FulfillPromise / RejectPromise (no-op when already settled). */
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

/* The steps of a promise resolve function after its "already resolved"
 * check: self-resolution, non-thenables, or a NewPromiseResolveThenableJob
 * (then() is called in a later job). */
void bk_js__promise_resolve(bk_js_ctx_t *ctx, bk_js_obj_t *p, val_t v)
{
    if (v_is_obj(v) && v_obj(v) == p) {
        bk_js__type_error(ctx, "Chaining cycle detected for promise");
        bk_js__promise_settle(ctx, p, 1, take_exc(ctx));
        return;
    }
    if (!v_is_obj(v)) {
        bk_js__promise_settle(ctx, p, 0, v);
        return;
    }
    val_t then;
    if (bk_js__get(ctx, v, A(ctx, then), &then) != BK_OK) {
        bk_js__promise_settle(ctx, p, 1, take_exc(ctx));
        return;
    }
    if (!bk_js__is_callable(then)) {
        bk_js__promise_settle(ctx, p, 0, v);
        return;
    }
    bk_js_job_t *j = bk_js__ialloc(ctx, sizeof(*j));
    j->kind = JOB_THENABLE;
    j->fn = then;
    j->arg = v;
    j->a = v_mkobj(p);
    j->b = V_UNDEF;
    enqueue(ctx, j);
}

/* PerformPromiseThen: 'cap' may have no promise (await). */
static void perform_then(bk_js_ctx_t *ctx, bk_js_obj_t *p, val_t on_ok,
                         val_t on_err, const cap_t *cap)
{
    pstate_t *s = pstate_wr(ctx, p);
    reaction_t *r = bk_js__ialloc(ctx, sizeof(*r));
    r->j.next = NULL;
    r->j.kind = JOB_REACTION;
    r->j.fn = bk_js__is_callable(on_ok) ? on_ok : V_UNDEF;
    r->j.a = bk_js__is_callable(on_err) ? on_err : V_UNDEF;
    r->cap = *cap;
    s->handled = 1;
    if (s->state == PS_PENDING) {
        if (s->tail)
            s->tail->j.next = &r->j;
        else
            s->reactions = r;
        s->tail = r;
    } else {
        enqueue_reaction(ctx, r, s->state == PS_REJECTED, s->value);
    }
}

void bk_js__promise_then(bk_js_ctx_t *ctx, bk_js_obj_t *p, val_t on_ok,
                         val_t on_err, bk_js_obj_t *result)
{
    cap_t cap = {result ? v_mkobj(result) : V_UNDEF, V_UNDEF, V_UNDEF};
    perform_then(ctx, p, on_ok, on_err, &cap);
}

/* ---- resolving functions ----------------------------------------------- */

/* CreateResolvingFunctions: the resolve function holds the record (the
 * promise and the shared "already resolved" flag); the reject function
 * (magic 1) points at the resolve function. */
typedef struct {
    bk_js_obj_t *owner;
    bk_js_obj_t *p;
    int done;
} resolving_t;

static int resolve_fn(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    (void)this_val;
    bk_js_obj_t *self = ctx->native_callee;
    int rejecting = ctx->native_magic;
    bk_js_obj_t *holder = rejecting ? self->u.n.data : self;
    *ret = V_UNDEF;
    resolving_t *r = rec_rd(ctx, holder);
    if (r->done)
        return BK_OK;
    r = rec_wr(ctx, holder, sizeof(*r));
    r->done = 1;
    if (rejecting)
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
    bk_js_obj_t *a = rec_fn(ctx, resolve_fn, 1, 0, r);
    bk_js_obj_t *b = bk_js__native_new(ctx, NULL, resolve_fn, 1, 1);
    b->u.n.data = a;
    *res = v_mkobj(a);
    *rej = v_mkobj(b);
}

/* ---- capabilities ------------------------------------------------------ */

static int Promise_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret);

static int is_intrinsic_ctor(bk_js_ctx_t *ctx, val_t c)
{
    return v_is_obj(c) && v_obj(c)->cls == CLS_NATIVE &&
           bk_js__rd(ctx, v_obj(c))->u.n.fn == Promise_ctor;
}

/* GetCapabilitiesExecutor: its record takes resolve and reject once. */
typedef struct {
    bk_js_obj_t *owner;
    val_t resolve, reject;
} capexec_t;

static int cap_executor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    (void)this_val;
    bk_js_obj_t *self = ctx->native_callee;
    capexec_t *c = rec_rd(ctx, self);
    *ret = V_UNDEF;
    if (c->resolve != V_UNDEF || c->reject != V_UNDEF)
        return bk_js__type_error(ctx, "Promise executor has already been "
                                      "invoked with non-undefined arguments");
    c = rec_wr(ctx, self, sizeof(*c));
    c->resolve = ARG(0);
    c->reject = ARG(1);
    return BK_OK;
}

/* NewPromiseCapability(C). With 'fns' 0 and C the intrinsic %Promise%, the
 * resolving functions are not made (internal capability). */
BK_MUST_CHECK static int new_cap(bk_js_ctx_t *ctx, val_t c, cap_t *out,
                                 int fns)
{
    if (!bk_js__is_ctor(c))
        return bk_js__type_error(ctx, "%s is not a constructor",
                                 bk_js__describe(ctx, c));
    if (is_intrinsic_ctor(ctx, c)) {
        bk_js_obj_t *p = bk_js__promise_new(ctx);
        out->promise = v_mkobj(p);
        out->resolve = out->reject = V_UNDEF;
        if (fns)
            resolving_pair(ctx, p, &out->resolve, &out->reject);
        return BK_OK;
    }
    capexec_t *rec = bk_js__ialloc(ctx, sizeof(*rec));
    rec->resolve = rec->reject = V_UNDEF;
    bk_js_obj_t *ex = rec_fn(ctx, cap_executor, 2, 0, rec);
    val_t exv = v_mkobj(ex), p;
    if (bk_js__construct(ctx, c, 1, &exv, c, &p) != BK_OK)
        return BK_ERR;
    rec = rec_rd(ctx, ex);
    if (!bk_js__is_callable(rec->resolve))
        return bk_js__type_error(ctx, "Promise resolve function %s is not "
                                      "callable",
                                 bk_js__describe(ctx, rec->resolve));
    if (!bk_js__is_callable(rec->reject))
        return bk_js__type_error(ctx, "Promise reject function %s is not "
                                      "callable",
                                 bk_js__describe(ctx, rec->reject));
    out->promise = p;
    out->resolve = rec->resolve;
    out->reject = rec->reject;
    return BK_OK;
}

/* Resolves (rejected 0) or rejects the capability with v; a user resolve
 * function may throw. */
BK_MUST_CHECK static int cap_settle(bk_js_ctx_t *ctx, const cap_t *cap,
                                    int rejected, val_t v)
{
    if (cap->resolve == V_UNDEF) {
        bk_js_obj_t *p = v_obj(cap->promise);
        if (rejected)
            bk_js__promise_settle(ctx, p, 1, v);
        else
            bk_js__promise_resolve(ctx, p, v);
        return BK_OK;
    }
    val_t r;
    return bk_js__call(ctx, rejected ? cap->reject : cap->resolve, V_UNDEF,
                       1, &v, &r);
}

/* IfAbruptRejectPromise: the pending exception rejects the capability;
 * *ret is its promise. BK_ERR only if reject itself threw. */
BK_MUST_CHECK static int cap_reject_pending(bk_js_ctx_t *ctx, const cap_t *cap,
                                            val_t *ret)
{
    val_t e = take_exc(ctx);
    if (cap_settle(ctx, cap, 1, e) != BK_OK)
        return BK_ERR;
    *ret = cap->promise;
    return BK_OK;
}

/* ---- jobs ------------------------------------------------------------- */

int bk_js__job_run(bk_js_ctx_t *ctx, bk_js_job_t *j)
{
    bk_js__charge(ctx, 2);
    if (j->kind == JOB_THENABLE) {
        val_t res, rej, r;
        resolving_pair(ctx, v_obj(j->a), &res, &rej);
        val_t args[2] = {res, rej};
        if (bk_js__call(ctx, j->fn, j->arg, 2, args, &r) != BK_OK) {
            val_t e = take_exc(ctx);
            return bk_js__call(ctx, rej, V_UNDEF, 1, &e, &r);
        }
        return BK_OK;
    }
    const reaction_t *re = (const reaction_t *)j;
    int rejected = j->b == V_TRUE;
    val_t h = rejected ? j->a : j->fn;
    val_t v = j->arg;
    int abrupt = rejected;
    if (h != V_UNDEF) {
        abrupt = 0;
        if (bk_js__call(ctx, h, V_UNDEF, 1, &j->arg, &v) != BK_OK) {
            v = take_exc(ctx);
            abrupt = 1;
        }
    }
    if (re->cap.promise == V_UNDEF) {
        /* await's reactions have no capability and never throw. */
        if (abrupt && h != V_UNDEF)
            return bk_js__throw_val(ctx, v);
        return BK_OK;
    }
    return cap_settle(ctx, &re->cap, abrupt, v);
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
    (void)this_val;
    val_t nt = ctx->new_target;
    if (nt == V_UNDEF)
        return bk_js__type_error(ctx, "Promise constructor cannot be invoked "
                                      "without 'new'");
    val_t exec = ARG(0);
    if (!bk_js__is_callable(exec))
        return bk_js__type_error(ctx, "Promise resolver %s is not a function",
                                 bk_js__describe(ctx, exec));
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_PROMISE];
    if (v_is_obj(nt) && !is_intrinsic_ctor(ctx, nt)) {
        val_t pp;
        if (bk_js__get(ctx, nt, A(ctx, prototype), &pp) != BK_OK)
            return BK_ERR;
        if (v_is_obj(pp))
            proto = v_obj(pp);
    }
    bk_js_obj_t *p = promise_with_proto(ctx, proto);
    val_t res, rej, r;
    resolving_pair(ctx, p, &res, &rej);
    val_t args[2] = {res, rej};
    if (bk_js__call(ctx, exec, V_UNDEF, 2, args, &r) != BK_OK) {
        val_t e = take_exc(ctx);
        if (bk_js__call(ctx, rej, V_UNDEF, 1, &e, &r) != BK_OK)
            return BK_ERR;
    }
    *ret = v_mkobj(p);
    return BK_OK;
}

/* SpeciesConstructor(o, %Promise%), as bk_js__species_ctor, but without
 * calling the getter when C[@@species] is an own accessor whose getter is
 * the shared one (it would return C): then() is on the await-free hot path
 * of promise chains. */
BK_MUST_CHECK static int species_ctor(bk_js_ctx_t *ctx, val_t o, val_t dflt,
                                      val_t *out)
{
    val_t c, s;
    if (bk_js__get(ctx, o, A(ctx, constructor), &c) != BK_OK)
        return BK_ERR;
    *out = dflt;
    if (c == V_UNDEF)
        return BK_OK;
    if (!v_is_obj(c))
        return bk_js__type_error(ctx, "object.constructor is not an object");
    bk_js_str_t *key = ctx->prog->sym[SYM_species];
    bk_js_prop_t *pr = bk_js__find(bk_js__rd(ctx, v_obj(c)), key);
    if (pr && (pr->flags & P_ACCESSOR)) {
        const bk_js_accessor_t *acc = (const bk_js_accessor_t *)(uintptr_t)
                                          pr->v;
        if (v_is_obj(acc->get) && v_obj(acc->get)->cls == CLS_NATIVE &&
            bk_js__rd(ctx, v_obj(acc->get))->u.n.fn ==
                bk_js__species_getter) {
            s = c;
            goto found;
        }
    }
    if (bk_js__get(ctx, c, key, &s) != BK_OK)
        return BK_ERR;
    if (v_is_nullish(s))
        return BK_OK;
found:
    if (!bk_js__is_ctor(s))
        return bk_js__type_error(ctx, "object.constructor[Symbol.species] "
                                      "is not a constructor");
    *out = s;
    return BK_OK;
}

/* %Promise%. XXX: kept in the otherwise unused union of Promise.prototype
 * (an ordinary object) rather than in a program slot of js_int.h. */
static val_t intrinsic(bk_js_ctx_t *ctx)
{
    return v_mkobj(ctx->prog->proto[PROTO_PROMISE]->u.data);
}

static int Promise_then(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    if (!bk_js__is_promise(ctx, this_val))
        return bk_js__type_error(ctx, "Method Promise.prototype.then called "
                                      "on incompatible receiver %s",
                                 bk_js__describe(ctx, this_val));
    val_t c;
    cap_t cap;
    if (species_ctor(ctx, this_val, intrinsic(ctx), &c) != BK_OK ||
        new_cap(ctx, c, &cap, 0) != BK_OK)
        return BK_ERR;
    perform_then(ctx, v_obj(this_val), ARG(0), ARG(1), &cap);
    *ret = cap.promise;
    return BK_OK;
}

/* Invoke(o, "then", args). */
BK_MUST_CHECK static int invoke_then(bk_js_ctx_t *ctx, val_t o, int argc,
                                     const val_t *argv, val_t *ret)
{
    val_t f;
    if (bk_js__get(ctx, o, A(ctx, then), &f) != BK_OK)
        return BK_ERR;
    if (!bk_js__is_callable(f))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, f));
    return bk_js__call(ctx, f, o, argc, argv, ret);
}

static int Promise_catch(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    val_t args[2] = {V_UNDEF, ARG(0)};
    return invoke_then(ctx, this_val, 2, args, ret);
}

/* PromiseResolve(C, x). */
BK_MUST_CHECK static int promise_resolve_c(bk_js_ctx_t *ctx, val_t c, val_t x,
                                           val_t *ret)
{
    if (bk_js__is_promise(ctx, x)) {
        val_t xc;
        if (bk_js__get(ctx, x, A(ctx, constructor), &xc) != BK_OK)
            return BK_ERR;
        if (bk_js__same_value(xc, c)) {
            *ret = x;
            return BK_OK;
        }
    }
    cap_t cap;
    if (new_cap(ctx, c, &cap, 0) != BK_OK ||
        cap_settle(ctx, &cap, 0, x) != BK_OK)
        return BK_ERR;
    *ret = cap.promise;
    return BK_OK;
}

/* finally(f): thenFinally (magic 0) and catchFinally (magic 1) share an
 * immutable record; each makes a value thunk (magic 0) or a thrower
 * (magic 1) for the outcome it saw. */
typedef struct {
    bk_js_obj_t *owner;
    val_t on_finally, c;
} finally_t;

typedef struct {
    bk_js_obj_t *owner;
    val_t v;
} thunk_t;

static int finally_thunk(bk_js_ctx_t *ctx, val_t this_val, int argc,
                         const val_t *argv, val_t *ret)
{
    (void)this_val, (void)argc, (void)argv;
    thunk_t *t = rec_rd(ctx, ctx->native_callee);
    if (ctx->native_magic)
        return bk_js__throw_val(ctx, t->v);
    *ret = t->v;
    return BK_OK;
}

static int finally_step(bk_js_ctx_t *ctx, val_t this_val, int argc,
                        const val_t *argv, val_t *ret)
{
    (void)this_val;
    finally_t *f = rec_rd(ctx, ctx->native_callee);
    int rejected = ctx->native_magic;
    val_t r, p;
    if (bk_js__call(ctx, f->on_finally, V_UNDEF, 0, NULL, &r) != BK_OK ||
        promise_resolve_c(ctx, f->c, r, &p) != BK_OK)
        return BK_ERR;
    thunk_t *t = bk_js__ialloc(ctx, sizeof(*t));
    t->v = ARG(0);
    val_t th = v_mkobj(rec_fn(ctx, finally_thunk, 0, rejected, t));
    return invoke_then(ctx, p, 1, &th, ret);
}

static int Promise_finally(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val))
        return bk_js__type_error(ctx, "Method Promise.prototype.finally "
                                      "called on incompatible receiver %s",
                                 bk_js__describe(ctx, this_val));
    val_t c, f = ARG(0);
    if (species_ctor(ctx, this_val, intrinsic(ctx), &c) != BK_OK)
        return BK_ERR;
    val_t args[2] = {f, f};
    if (bk_js__is_callable(f)) {
        finally_t *rec = bk_js__ialloc(ctx, sizeof(*rec));
        rec->on_finally = f;
        rec->c = c;
        bk_js_obj_t *ok = rec_fn(ctx, finally_step, 1, 0, rec);
        bk_js_obj_t *err = bk_js__native_new(ctx, NULL, finally_step, 1, 1);
        err->u.n.data = rec;
        args[0] = v_mkobj(ok);
        args[1] = v_mkobj(err);
    }
    return invoke_then(ctx, this_val, 2, args, ret);
}

/* ---- statics ---------------------------------------------------------- */

static int Promise_resolve(bk_js_ctx_t *ctx, val_t this_val, int argc,
                           const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val))
        return bk_js__type_error(ctx, "PromiseResolve called on non-object");
    return promise_resolve_c(ctx, this_val, ARG(0), ret);
}

static int Promise_reject(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    cap_t cap;
    if (new_cap(ctx, this_val, &cap, 0) != BK_OK ||
        cap_settle(ctx, &cap, 1, ARG(0)) != BK_OK)
        return BK_ERR;
    *ret = cap.promise;
    return BK_OK;
}

/* Combinators: all (0), allSettled (1), any (2), race (3). The state every
 * element function of one call shares hangs off a holder object; the
 * values (errors for any) are a dense array filled in place and handed out
 * when the count drops to zero. */
enum { K_ALL, K_ALL_SETTLED, K_ANY, K_RACE };

typedef struct {
    bk_js_obj_t *owner;
    cap_t cap;
    bk_js_obj_t *values;
    double remaining;
    int kind;
} combo_t;

/* An element function's record; allSettled's reject element (magic bit 1
 * with kind allSettled) points at its resolve element instead. */
typedef struct {
    bk_js_obj_t *owner;
    bk_js_obj_t *holder;
    uint32_t index;
    int done;
} elem_t;

static bk_js_obj_t *aggregate_error(bk_js_ctx_t *ctx, bk_js_obj_t *errors)
{
    bk_js_obj_t *err = bk_js__error_new(
        ctx, ERR_AggregateError,
        bk_js__str_cstr(ctx, "All promises were rejected"));
    bk_js__put_own(ctx, err, A(ctx, errors), v_mkobj(errors),
                   P_WRITABLE | P_CONFIGURABLE);
    return err;
}

/* Counts one element down; at zero settles the result. */
BK_MUST_CHECK static int combo_finish(bk_js_ctx_t *ctx, bk_js_obj_t *holder,
                                      val_t *ret)
{
    combo_t *c = rec_wr(ctx, holder, sizeof(*c));
    if (--c->remaining != 0)
        return BK_OK;
    val_t v;
    if (c->kind == K_ANY) {
        v = v_mkobj(aggregate_error(ctx, c->values));
        val_t r;
        return bk_js__call(ctx, c->cap.reject, V_UNDEF, 1, &v, ret ? ret : &r);
    }
    v = v_mkobj(c->values);
    val_t r;
    return bk_js__call(ctx, c->cap.resolve, V_UNDEF, 1, &v, ret ? ret : &r);
}

static int combo_elem(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    (void)this_val;
    bk_js_obj_t *self = ctx->native_callee;
    int magic = ctx->native_magic;
    int kind = magic >> 1, rejected = magic & 1;
    bk_js_obj_t *fo = (kind == K_ALL_SETTLED && rejected)
                          ? (bk_js_obj_t *)self->u.n.data
                          : self;
    *ret = V_UNDEF;
    elem_t *e = rec_rd(ctx, fo);
    if (e->done)
        return BK_OK;
    e = rec_wr(ctx, fo, sizeof(*e));
    e->done = 1;
    val_t v = ARG(0);
    if (kind == K_ALL_SETTLED) {
        bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                        ctx->prog->proto[PROTO_OBJECT]);
        bk_js__put_own(ctx, o, A(ctx, status),
                       v_mkstr(rejected ? A(ctx, rejected) : A(ctx, fulfilled)),
                       P_DEFAULT);
        bk_js__put_own(ctx, o, rejected ? A(ctx, reason) : A(ctx, value), v,
                       P_DEFAULT);
        v = v_mkobj(o);
    }
    combo_t *c = rec_rd(ctx, e->holder);
    bk_js_obj_t *vb = bk_js__wr(ctx, c->values);
    BK_ASSERT(e->index < vb->nelems);
    vb->elems[e->index] = v;
    return combo_finish(ctx, e->holder, ret);
}

static bk_js_obj_t *elem_fn(bk_js_ctx_t *ctx, bk_js_obj_t *holder,
                            uint32_t index, int kind, int rejected)
{
    elem_t *e = bk_js__izalloc(ctx, sizeof(*e));
    e->holder = holder;
    e->index = index;
    return rec_fn(ctx, combo_elem, 1, kind << 1 | rejected, e);
}

/* The loop of PerformPromiseAll/AllSettled/Any/Race. *closable says
 * whether an error left the iterator to be closed. */
BK_MUST_CHECK static int combo_loop(bk_js_ctx_t *ctx, int kind, val_t c,
                                    const cap_t *cap, val_t resolve, val_t it,
                                    val_t next, int *closable, val_t *ret)
{
    bk_js_obj_t *holder = NULL;
    if (kind != K_RACE) {
        combo_t *st = bk_js__izalloc(ctx, sizeof(*st));
        st->cap = *cap;
        st->values = bk_js__array_new(ctx, 0);
        st->remaining = 1;
        st->kind = kind;
        holder = rec_holder(ctx, st);
    }
    for (uint32_t i = 0;; i++) {
        val_t v, p, r;
        *closable = 0;
        int n = bk_js__iter_step(ctx, it, next, &v);
        if (n < 0)
            return BK_ERR;
        if (n == 0)
            break;
        *closable = 1;
        if (holder) {
            combo_t *st = rec_wr(ctx, holder, sizeof(*st));
            bk_js__array_push(ctx, st->values, V_UNDEF);
        }
        if (bk_js__call(ctx, resolve, c, 1, &v, &p) != BK_OK)
            return BK_ERR;
        val_t args[2];
        switch (kind) {
        case K_ALL:
            args[0] = v_mkobj(elem_fn(ctx, holder, i, kind, 0));
            args[1] = cap->reject;
            break;
        case K_ALL_SETTLED: {
            bk_js_obj_t *ok = elem_fn(ctx, holder, i, kind, 0);
            bk_js_obj_t *err = bk_js__native_new(ctx, NULL, combo_elem, 1,
                                                 kind << 1 | 1);
            err->u.n.data = ok;
            args[0] = v_mkobj(ok);
            args[1] = v_mkobj(err);
            break;
        }
        case K_ANY:
            args[0] = cap->resolve;
            args[1] = v_mkobj(elem_fn(ctx, holder, i, kind, 1));
            break;
        default:
            args[0] = cap->resolve;
            args[1] = cap->reject;
            break;
        }
        if (holder) {
            combo_t *st = rec_wr(ctx, holder, sizeof(*st));
            st->remaining++;
        }
        if (invoke_then(ctx, p, 2, args, &r) != BK_OK)
            return BK_ERR;
    }
    *closable = 0;
    if (holder && combo_finish(ctx, holder, NULL) != BK_OK)
        return BK_ERR;
    *ret = cap->promise;
    return BK_OK;
}

static int Promise_all(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    int kind = ctx->native_magic;
    val_t c = this_val, resolve, it = V_UNDEF, next = V_UNDEF;
    cap_t cap;
    if (new_cap(ctx, c, &cap, 1) != BK_OK)
        return BK_ERR;
    if (bk_js__get(ctx, c, bk_js__atom_cstr(ctx, "resolve"), &resolve) !=
        BK_OK)
        return cap_reject_pending(ctx, &cap, ret);
    if (!bk_js__is_callable(resolve)) {
        bk_js__type_error(ctx, "Promise resolve %s is not a function",
                          bk_js__describe(ctx, resolve));
        return cap_reject_pending(ctx, &cap, ret);
    }
    if (bk_js__get_iterator(ctx, ARG(0), &it, &next) != BK_OK)
        return cap_reject_pending(ctx, &cap, ret);
    int closable = 0;
    if (combo_loop(ctx, kind, c, &cap, resolve, it, next, &closable, ret) ==
        BK_OK)
        return BK_OK;
    if (closable)
        bk_js__iter_close_throw(ctx, it); /* the first error wins */
    return cap_reject_pending(ctx, &cap, ret);
}

/* %AsyncFunction%: like Function, it cannot compile source here. */
static int AsyncFunction_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                              const val_t *argv, val_t *ret)
{
    (void)this_val, (void)argc, (void)argv, (void)ret;
    return bk_js__throw(ctx, ERR_EvalError,
                        "AsyncFunction constructor is not supported");
}

/* The constructor behind async functions' prototype (not a global). */
static void install_async_function(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *afp = P->proto[PROTO_ASYNC_FUNCTION];
    bk_js_obj_t *c = bk_js__native_new(
        ctx, bk_js__atom_cstr(ctx, "AsyncFunction"), AsyncFunction_ctor, 1, 0);
    c->flags |= OF_CTOR;
    bk_js_prop_t *fc = bk_js__find(P->global, bk_js__atom_cstr(ctx, "Function"));
    if (fc && v_is_obj(fc->v))
        c->proto = v_obj(fc->v);
    bk_js__put_own(ctx, c, A(ctx, prototype), v_mkobj(afp), 0);
    bk_js__put_own(ctx, afp, A(ctx, constructor), v_mkobj(c), P_CONFIGURABLE);
    bk_js__put_own(ctx, afp, P->sym[SYM_toStringTag],
                   v_mkstr(bk_js__atom_cstr(ctx, "AsyncFunction")),
                   P_CONFIGURABLE);
}

void bk_js__install_promise(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->proto[PROTO_PROMISE];
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "Promise", Promise_ctor, 1, proto);
    proto->u.data = c; /* see intrinsic() */
    static const bk_js_method_t methods[] = {
        {"then", Promise_then, 2, 0},
        {"catch", Promise_catch, 1, 0},
        {"finally", Promise_finally, 1, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    static const bk_js_method_t statics[] = {
        {"reject", Promise_reject, 1, 0},
        {"resolve", Promise_resolve, 1, 0},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    if (P->runtime != BK_JS_RUNTIME_1_0) {
        static const bk_js_method_t combos[] = {
            {"all", Promise_all, 1, K_ALL},
            {"allSettled", Promise_all, 1, K_ALL_SETTLED},
            {"any", Promise_all, 1, K_ANY},
            {"race", Promise_all, 1, K_RACE},
        };
        bk_js__def_methods(ctx, c, combos, BK_COUNTOF(combos));
        install_async_function(ctx);
    }
    bk_js__def_species(ctx, c);
    if (P->sym[SYM_toStringTag])
        bk_js__put_own(ctx, proto, P->sym[SYM_toStringTag],
                       v_mkstr(bk_js__atom_cstr(ctx, "Promise")),
                       P_CONFIGURABLE);
}
