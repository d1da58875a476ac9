/*
 * vm.c: the bytecode interpreter, calls, exceptions, generators and async.
 *
 * Invariant: a JS-to-JS call never recurses on the C stack: the caller's
 * state is saved in its frame and the loop goes on with the callee. The C
 * stack grows only when native code calls back into JS (getters, Array
 * callbacks, generators, jobs); each such entry runs a nested loop that
 * returns when its FR_ENTRY frame returns, and counts against the depth cap.
 *
 * Dispatch is computed goto unless BK_JS_SWITCH is defined.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "js/js_int.h"

#define MAX_C_DEPTH 200 /* nested interpreter entries (natives -> JS) */

static inline uint16_t rd16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}
static inline uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static inline int32_t rdi32(const uint8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* ---- errors --------------------------------------------------------- */

static const char *const err_names[] = {
#define BK_JS__ERR_NAME(n) #n,
    BK_JS_ERRORS(BK_JS__ERR_NAME)
#undef BK_JS__ERR_NAME
};

bk_js_obj_t *bk_js__error_new(bk_js_ctx_t *ctx, int kind, bk_js_str_t *msg)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->err_proto[kind] ? P->err_proto[kind]
                                            : P->proto[PROTO_OBJECT];
    bk_js_obj_t *e = bk_js__obj_new(ctx, CLS_ERROR, proto);
    if (msg != NULL)
        bk_js__put_own(ctx, e, A(ctx, message), v_mkstr(msg),
                       P_WRITABLE | P_CONFIGURABLE);
    /* XXX: 'stack' is the "Name: message" line only, no frames. */
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__sb_cstr(&sb, err_names[kind]);
    if (msg != NULL && msg->len) {
        bk_js__sb_cstr(&sb, ": ");
        bk_js__sb_str(&sb, msg);
    }
    bk_js__sb_cstr(&sb, "\n    at <anonymous>");
    bk_js__put_own(ctx, e, A(ctx, stack), v_mkstr(bk_js__sb_done(&sb)),
                   P_WRITABLE | P_CONFIGURABLE);
    return e;
}

int bk_js__throw_val(bk_js_ctx_t *ctx, val_t v)
{
    ctx->exc = v;
    ctx->has_exc = 1;
    return BK_ERR;
}

int bk_js__throw(bk_js_ctx_t *ctx, int kind, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    bk_js_obj_t *e = bk_js__error_new(ctx, kind, bk_js__str_cstr(ctx, buf));
    return bk_js__throw_val(ctx, v_mkobj(e));
}

int bk_js_throw(bk_js_ctx_t *ctx, const char *name, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    int kind = ERR_Error;
    for (int i = 0; i < ERR__COUNT; i++)
        if (strcmp(err_names[i], name) == 0)
            kind = i;
    bk_js_obj_t *e = bk_js__error_new(ctx, kind, bk_js__str_cstr(ctx, buf));
    return bk_js__throw_val(ctx, v_mkobj(e));
}

/* bk_js__find for bodies without a hash index (up to a few properties),
 * inline; the index case calls it. */
static inline bk_js_prop_t *find_prop(bk_js_obj_t *b, const bk_js_str_t *key)
{
    if (b->hbits != 0)
        return bk_js__find(b, key);
    bk_js_prop_t *p = b->props;
    for (uint32_t i = 0, n = b->nprops; i < n; i++)
        if (p[i].key == key)
            return &p[i];
    return NULL;
}

/* ---- frames ----------------------------------------------------------- */

static bk_js_frame_t *frame_push(bk_js_ctx_t *ctx)
{
    if (ctx->nframes >= ctx->max_frames) {
        bk_js__range_error(ctx, "Maximum call stack size exceeded");
        return NULL;
    }
    bk_js_frame_t *f = &ctx->frames[ctx->nframes++];
    f->try_base = ctx->ntries;
    return f;
}

/* Sets up a bytecode frame for callee 'fo' whose arguments start at 'argv'
 * on the VM stack (argc of them). NULL: threw (stack overflow). */
static bk_js_frame_t *enter_code(bk_js_ctx_t *ctx, bk_js_obj_t *fo,
                                 val_t this_val, val_t *argv, uint32_t argc,
                                 val_t new_target, uint8_t flags)
{
    bk_js_code_t *fn = fo->u.f.fn;
    val_t *p = argv + argc;
    uint32_t need = (fn->nparams > argc ? fn->nparams - argc : 0) +
                    fn->nlocals + fn->maxstack + 8;
    if (p + need > ctx->stack_end) {
        bk_js__range_error(ctx, "Maximum call stack size exceeded");
        return NULL;
    }
    bk_js_frame_t *F = frame_push(ctx);
    if (F == NULL)
        return NULL;
    for (uint32_t i = argc; i < fn->nparams; i++)
        *p++ = V_UNDEF;
    F->fn = fn;
    F->callee = fo;
    F->pc = fn->code;
    F->argv = argv;
    F->argc = argc;
    F->locals = p;
    for (uint32_t i = 0; i < fn->nlocals; i++)
        *p++ = V_UNDEF;
    F->stack = F->sp = p;
    F->this_val = (fn->flags & FN_ARROW) ? fo->u.f.this_val : this_val;
    F->new_target = new_target;
    F->env = fo->u.f.env;
    F->gen = NULL;
    F->flags = flags;
    bk_js__charge(ctx, 2);
    return F;
}

/* ---- generators and async functions ----------------------------------- */

enum { GEN_START, GEN_SUSPENDED, GEN_RUNNING, GEN_DONE };

typedef struct {
    bk_js_frame_t fr;
    val_t *region;
    uint32_t region_size;
    bk_js_try_t *tries;
    uint32_t ntries, tcap;
    int state;
    int async;
    bk_js_obj_t *promise;
    bk_js_obj_t *owner; /* the body this state belongs to (COW) */
} gen_state_t;

/* The writable state of generator 'go': a generator made by the top level
 * is copied, with its stack region, the first time an invocation resumes
 * it, like any template object. */
static gen_state_t *gen_state_wr(bk_js_ctx_t *ctx, bk_js_obj_t *go)
{
    bk_js_obj_t *b = bk_js__wr(ctx, go);
    gen_state_t *g = b->u.g.state;
    if (g->owner == b)
        return g;
    gen_state_t *c = bk_js__ialloc(ctx, sizeof(*c));
    *c = *g;
    c->owner = b;
    c->region = bk_js__ialloc(ctx, g->region_size * sizeof(val_t));
    memcpy(c->region, g->region, g->region_size * sizeof(val_t));
    ptrdiff_t d = c->region - g->region;
    c->fr.argv += d;
    c->fr.locals += d;
    c->fr.sp += d;
    c->fr.stack += d;
    if (g->ntries) {
        c->tries = bk_js__ialloc(ctx, g->ntries * sizeof(bk_js_try_t));
        memcpy(c->tries, g->tries, g->ntries * sizeof(bk_js_try_t));
        for (uint32_t i = 0; i < g->ntries; i++)
            c->tries[i].sp += d;
        c->tcap = g->ntries;
    }
    b->u.g.state = c;
    return c;
}

static int run(bk_js_ctx_t *ctx, val_t *ret, int throwing);

/* Creates the suspended state of a generator/async call: the arguments are
 * copied into a private region that the frame will live in. */
static bk_js_obj_t *gen_create(bk_js_ctx_t *ctx, bk_js_obj_t *fo,
                               val_t this_val, const val_t *argv,
                               uint32_t argc, bk_js_obj_t *proto)
{
    bk_js_code_t *fn = fo->u.f.fn;
    uint32_t nargs = BK_MAX(argc, fn->nparams);
    uint32_t size = nargs + fn->nlocals + fn->maxstack + 8;
    gen_state_t *g = bk_js__izalloc(ctx, sizeof(*g));
    g->region = bk_js__ialloc(ctx, size * sizeof(val_t));
    g->region_size = size;
    for (uint32_t i = 0; i < nargs; i++)
        g->region[i] = i < argc ? argv[i] : V_UNDEF;
    val_t *p = g->region + nargs;
    g->fr.fn = fn;
    g->fr.callee = fo;
    g->fr.pc = fn->code;
    g->fr.argv = g->region;
    g->fr.argc = argc;
    g->fr.locals = p;
    for (uint32_t i = 0; i < fn->nlocals; i++)
        *p++ = V_UNDEF;
    g->fr.stack = g->fr.sp = p;
    g->fr.this_val = (fn->flags & FN_ARROW) ? fo->u.f.this_val : this_val;
    g->fr.new_target = V_UNDEF;
    g->fr.env = fo->u.f.env;
    g->state = GEN_START;
    g->async = (fn->flags & FN_ASYNC) != 0;
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_GENERATOR, proto);
    o->u.g.state = g;
    g->owner = o;
    g->fr.gen = o;
    return o;
}

/* Resumes 'go'. *done says whether it finished (then *ret is the return
 * value) or suspended (*ret is the yielded/awaited value). */
int bk_js__gen_resume(bk_js_ctx_t *ctx, bk_js_obj_t *go, int mode, val_t v,
                      val_t *ret, int *done)
{
    gen_state_t *g = gen_state_wr(ctx, go);
    *done = 1;
    if (g->state == GEN_RUNNING)
        return bk_js__type_error(ctx, "Generator is already running");
    if (g->state == GEN_START && mode != 0)
        g->state = GEN_DONE;
    if (g->state == GEN_DONE) {
        *ret = mode == 2 ? v : V_UNDEF;
        if (mode == 1)
            return bk_js__throw_val(ctx, v);
        return BK_OK;
    }
    if (mode == 2 && g->ntries == 0) {
        /* return() with no try around the yield: done at once. */
        g->state = GEN_DONE;
        *ret = v;
        return BK_OK;
    }
    if (ctx->depth >= MAX_C_DEPTH)
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    bk_js_frame_t *F = frame_push(ctx);
    if (F == NULL)
        return BK_ERR;
    uint32_t base = F->try_base;
    *F = g->fr;
    F->try_base = base;
    F->flags = FR_ENTRY;
    if (ctx->ntries + g->ntries > ctx->max_tries)
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    for (uint32_t i = 0; i < g->ntries; i++) {
        ctx->tries[ctx->ntries] = g->tries[i];
        ctx->tries[ctx->ntries].frame = ctx->nframes - 1;
        ctx->ntries++;
    }
    int throwing = 0;
    if (g->state == GEN_SUSPENDED) {
        if (mode == 1) {
            ctx->exc = v;
            ctx->has_exc = 1;
            throwing = 1;
        } else if (mode == 2) {
            /* return(): unwind from the yield through the finally blocks
             * only (the V_EMPTY exception skips catch handlers). */
            ctx->exc = V_EMPTY;
            ctx->has_exc = 1;
            ctx->gen_ret = v;
            throwing = 1;
        } else {
            *F->sp++ = v;
        }
    }
    g->state = GEN_RUNNING;
    ctx->depth++;
    int rc = run(ctx, ret, throwing);
    ctx->depth--;
    if (rc != BK_OK && ctx->has_exc && ctx->exc == V_EMPTY) {
        /* the return() completed through every finally */
        ctx->has_exc = 0;
        ctx->exc = V_UNDEF;
        *ret = ctx->gen_ret;
        rc = BK_OK;
    }
    if (g->state == GEN_RUNNING) {
        g->state = GEN_DONE;
        *done = 1;
    } else {
        *done = 0;
    }
    return rc;
}

/* Called by YIELD/AWAIT/INITIAL_YIELD: saves the running frame in its
 * generator and pops it. */
static void gen_suspend(bk_js_ctx_t *ctx, bk_js_frame_t *F)
{
    gen_state_t *g = ((bk_js_obj_t *)bk_js__rd(ctx, F->gen))->u.g.state;
    g->fr = *F;
    uint32_t n = ctx->ntries - F->try_base;
    if (n > g->tcap) {
        g->tries = bk_js__ialloc(ctx, n * sizeof(bk_js_try_t));
        g->tcap = n;
    }
    if (n)
        memcpy(g->tries, ctx->tries + F->try_base, n * sizeof(bk_js_try_t));
    g->ntries = n;
    ctx->ntries = F->try_base;
    ctx->nframes--;
    g->state = GEN_SUSPENDED;
}

static int async_step(bk_js_ctx_t *ctx, bk_js_obj_t *go, int mode, val_t v);

static int async_on_ok(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    *ret = V_UNDEF;
    bk_js_obj_t *go = ctx->native_callee->u.n.data;
    return async_step(ctx, go, ctx->native_magic, ARG(0));
}

/* Runs an async body until its next await or its end, settling its
 * promise at the end. */
static int async_step(bk_js_ctx_t *ctx, bk_js_obj_t *go, int mode, val_t v)
{
    gen_state_t *g = bk_js__rd(ctx, go)->u.g.state;
    val_t r;
    int done;
    int rc = bk_js__gen_resume(ctx, go, mode, v, &r, &done);
    if (rc != BK_OK) {
        val_t e = ctx->exc;
        ctx->has_exc = 0;
        ctx->exc = V_UNDEF;
        bk_js__promise_settle(ctx, g->promise, 1, e);
        return BK_OK;
    }
    if (done) {
        bk_js__promise_resolve(ctx, g->promise, r);
        return BK_OK;
    }
    /* Suspended on 'await r'. */
    bk_js_obj_t *p;
    if (bk_js__is_promise(ctx, r)) {
        p = v_obj(r);
    } else {
        p = bk_js__promise_new(ctx);
        bk_js__promise_resolve(ctx, p, r);
    }
    bk_js_obj_t *ok = bk_js__native_new(ctx, NULL, async_on_ok, 1, 0);
    ok->u.n.data = go;
    bk_js_obj_t *err = bk_js__native_new(ctx, NULL, async_on_ok, 1, 1);
    err->u.n.data = go;
    bk_js__promise_then(ctx, p, v_mkobj(ok), v_mkobj(err), NULL);
    return BK_OK;
}

static int call_async(bk_js_ctx_t *ctx, bk_js_obj_t *fo, val_t this_val,
                      const val_t *argv, uint32_t argc, val_t *ret)
{
    bk_js_obj_t *go = gen_create(ctx, fo, this_val, argv, argc, NULL);
    gen_state_t *g = bk_js__rd(ctx, go)->u.g.state;
    g->promise = bk_js__promise_new(ctx);
    *ret = v_mkobj(g->promise);
    if (fo->u.f.fn->flags & FN_GEN)
        return bk_js__type_error(ctx, "async generators are not supported");
    return async_step(ctx, go, 0, V_UNDEF);
}

static int call_generator(bk_js_ctx_t *ctx, bk_js_obj_t *fo, val_t this_val,
                          const val_t *argv, uint32_t argc, val_t *ret)
{
    val_t proto;
    if (bk_js__get(ctx, v_mkobj(fo), A(ctx, prototype), &proto) != BK_OK)
        return BK_ERR;
    bk_js_obj_t *po = v_is_obj(proto) ? v_obj(proto)
                                      : ctx->prog->proto[PROTO_GENERATOR];
    if (fo->u.f.fn->flags & FN_ASYNC)
        return bk_js__type_error(ctx, "async generators are not supported");
    bk_js_obj_t *go = gen_create(ctx, fo, this_val, argv, argc, po);
    /* Run the parameter initialisation up to INITIAL_YIELD. */
    val_t r;
    int done;
    gen_state_t *g = bk_js__rd(ctx, go)->u.g.state;
    if (bk_js__gen_resume(ctx, go, 0, V_UNDEF, &r, &done) != BK_OK)
        return BK_ERR;
    g->state = done ? GEN_DONE : GEN_START;
    *ret = v_mkobj(go);
    return BK_OK;
}

/* ---- calls from C ------------------------------------------------------ */

static int call_native(bk_js_ctx_t *ctx, bk_js_obj_t *fo, val_t this_val,
                       int argc, const val_t *argv, val_t new_target,
                       val_t *ret)
{
    if (ctx->depth >= MAX_C_DEPTH || ctx->nframes >= ctx->max_frames)
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    int32_t save_magic = ctx->native_magic;
    bk_js_obj_t *save_callee = ctx->native_callee;
    val_t save_nt = ctx->exc_str ? V_UNDEF : V_UNDEF;
    (void)save_nt;
    bk_js_obj_t *b = bk_js__rd(ctx, fo);
    ctx->native_magic = b->u.n.magic;
    ctx->native_callee = b;
    ctx->new_target = new_target;
    ctx->depth++;
    bk_js__charge(ctx, 8);
    *ret = V_UNDEF;
    int rc = b->u.n.fn(ctx, this_val, argc, argv, ret);
    ctx->depth--;
    ctx->native_magic = save_magic;
    ctx->native_callee = save_callee;
    ctx->new_target = V_UNDEF;
    if (rc != BK_OK && !ctx->has_exc)
        return bk_js__throw(ctx, ERR_InternalError, "native call failed");
    return rc == BK_OK ? BK_OK : BK_ERR;
}

/* Runs bytecode closure 'fo' from C: pushes its arguments on the VM stack
 * above whatever is live and runs a nested loop. */
static int call_code(bk_js_ctx_t *ctx, bk_js_obj_t *fo, val_t this_val,
                     int argc, const val_t *argv, val_t new_target,
                     uint8_t flags, val_t *ret)
{
    if (ctx->depth >= MAX_C_DEPTH)
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    /* Above the topmost frame living on the VM stack (generator frames
     * live in their own regions). */
    val_t *top = ctx->stack;
    for (uint32_t i = ctx->nframes; i-- > 0;) {
        val_t *s = ctx->frames[i].sp;
        if (s >= ctx->stack && s < ctx->stack_end) {
            top = s + 2;
            break;
        }
    }
    if (top + argc + 2 >= ctx->stack_end)
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    top[0] = this_val;
    top[1] = v_mkobj(fo);
    val_t *args = top + 2;
    for (int i = 0; i < argc; i++)
        args[i] = argv[i];
    bk_js_frame_t *F = enter_code(ctx, fo, this_val, args, (uint32_t)argc,
                                  new_target, flags | FR_ENTRY);
    if (F == NULL)
        return BK_ERR;
    if (flags & FR_CTOR)
        F->this_val = this_val;
    ctx->depth++;
    int rc = run(ctx, ret, 0);
    ctx->depth--;
    return rc;
}

static int bound_args(bk_js_ctx_t *ctx, bk_js_obj_t *b, int argc,
                      const val_t *argv, val_t **out)
{
    uint32_t n = b->u.b.nargs + (uint32_t)argc;
    val_t *a = bk_js__ialloc(ctx, (n + 1) * sizeof(val_t));
    for (uint32_t i = 0; i < b->u.b.nargs; i++)
        a[i] = b->u.b.args[i];
    for (int i = 0; i < argc; i++)
        a[b->u.b.nargs + (uint32_t)i] = argv[i];
    *out = a;
    return (int)n;
}

int bk_js__call(bk_js_ctx_t *ctx, val_t f, val_t this_val, int argc,
                const val_t *argv, val_t *ret)
{
    if (!bk_js__is_callable(f))
        return bk_js__type_error(ctx, "%s is not a function",
                                 bk_js__describe(ctx, f));
    bk_js_obj_t *fo = v_obj(f);
    switch (fo->cls) {
    case CLS_NATIVE:
        return call_native(ctx, fo, this_val, argc, argv, V_UNDEF, ret);
    case CLS_FUNCTION: {
        bk_js_code_t *fn = fo->u.f.fn;
        if (fo->flags & OF_CLASS_CTOR)
            return bk_js__type_error(
                ctx, "Class constructor cannot be invoked without 'new'");
        if (fn->flags & FN_ASYNC)
            return call_async(ctx, fo, this_val, argv, (uint32_t)argc, ret);
        if (fn->flags & FN_GEN)
            return call_generator(ctx, fo, this_val, argv, (uint32_t)argc,
                                  ret);
        return call_code(ctx, fo, this_val, argc, argv, V_UNDEF, 0, ret);
    }
    case CLS_BOUND: {
        bk_js_obj_t *b = bk_js__rd(ctx, fo);
        val_t *a;
        int n = bound_args(ctx, b, argc, argv, &a);
        return bk_js__call(ctx, b->u.b.target, b->u.b.this_val, n, a, ret);
    }
    default:
        return bk_js__type_error(ctx, "not a function");
    }
}

/* The prototype for an object made by 'new' on new_target. */
static bk_js_obj_t *ctor_proto(bk_js_ctx_t *ctx, val_t new_target,
                               bk_js_obj_t *fallback)
{
    val_t p;
    if (v_is_obj(new_target) &&
        bk_js__get(ctx, new_target, A(ctx, prototype), &p) == BK_OK &&
        v_is_obj(p))
        return v_obj(p);
    return fallback;
}

int bk_js__construct(bk_js_ctx_t *ctx, val_t f, int argc, const val_t *argv,
                     val_t new_target, val_t *ret)
{
    if (!bk_js__is_ctor(f))
        return bk_js__type_error(ctx, "%s is not a constructor",
                                 bk_js__describe(ctx, f));
    if (new_target == V_UNDEF)
        new_target = f;
    bk_js_obj_t *fo = v_obj(f);
    switch (fo->cls) {
    case CLS_NATIVE:
        return call_native(ctx, fo, V_UNDEF, argc, argv, new_target, ret);
    case CLS_FUNCTION: {
        val_t this_val = V_EMPTY;
        uint8_t flags = FR_CTOR;
        if (fo->u.f.fn->flags & FN_DERIVED) {
            flags |= FR_DERIVED;
        } else {
            bk_js_obj_t *proto = ctor_proto(ctx, new_target,
                                            ctx->prog->proto[PROTO_OBJECT]);
            this_val = v_mkobj(bk_js__obj_new(ctx, CLS_OBJECT, proto));
        }
        return call_code(ctx, fo, this_val, argc, argv, new_target, flags,
                         ret);
    }
    case CLS_BOUND: {
        bk_js_obj_t *b = bk_js__rd(ctx, fo);
        val_t *a;
        int n = bound_args(ctx, b, argc, argv, &a);
        if (new_target == f)
            new_target = b->u.b.target;
        return bk_js__construct(ctx, b->u.b.target, n, a, new_target, ret);
    }
    default:
        return bk_js__type_error(ctx, "not a constructor");
    }
}

int bk_js__run_script(bk_js_ctx_t *ctx, bk_js_code_t *fn, val_t *ret)
{
    val_t g = v_mkobj(ctx->prog->global);
    bk_js_obj_t *fo = bk_js__closure_new(ctx, fn, NULL, g);
    return call_code(ctx, fo, g, 0, NULL, V_UNDEF, 0, ret);
}

/* ---- iteration helpers ----------------------------------------------- */

bk_js_obj_t *bk_js__iter_result(bk_js_ctx_t *ctx, val_t v, int done)
{
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    o->props = bk_js__ialloc(ctx, 2 * sizeof(bk_js_prop_t));
    o->pcap = 2;
    bk_js__put_own(ctx, o, A(ctx, value), v, P_DEFAULT);
    bk_js__put_own(ctx, o, A(ctx, done), v_mkbool(done), P_DEFAULT);
    return o;
}

/* For arrays whose iteration is not customised, for-of walks the elements
 * directly: 'next' is V_EMPTY and 'iter' a CLS_ITER over the array. */
int bk_js__get_iterator(bk_js_ctx_t *ctx, val_t v, val_t *iter, val_t *next)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_str_t *sym = P->sym[SYM_iterator];
    if (sym == NULL)
        return bk_js__type_error(ctx, "%s is not iterable",
                                 bk_js__describe(ctx, v));
    val_t f;
    if (v_is_nullish(v) ||
        bk_js__get(ctx, v, sym, &f) != BK_OK) {
        if (!ctx->has_exc)
            bk_js__type_error(ctx, "%s is not iterable",
                              bk_js__describe(ctx, v));
        return BK_ERR;
    }
    if (((v_is_obj(v) && v_obj(v)->cls == CLS_ARRAY) || v_is_str(v)) &&
        v_is_obj(f) && P->array_values && v_obj(f) == P->array_values) {
        bk_js_obj_t *it = bk_js__obj_new(ctx, CLS_ITER,
                                         P->proto[PROTO_ARRAY_ITER]);
        it->u.it.target = v;
        it->u.it.i = 0;
        it->u.it.kind = 0;
        *iter = v_mkobj(it);
        *next = V_EMPTY;
        return BK_OK;
    }
    if (!bk_js__is_callable(f))
        return bk_js__type_error(ctx, "%s is not iterable",
                                 bk_js__describe(ctx, v));
    if (bk_js__call(ctx, f, v, 0, NULL, iter) != BK_OK)
        return BK_ERR;
    if (!v_is_obj(*iter))
        return bk_js__type_error(ctx, "Result of the Symbol.iterator method "
                                      "is not an object");
    return bk_js__get(ctx, *iter, A(ctx, next), next);
}

int bk_js__iter_step(bk_js_ctx_t *ctx, val_t iter, val_t next, val_t *v)
{
    if (next == V_EMPTY) {
        bk_js_obj_t *it = v_obj(iter);
        val_t t = it->u.it.target;
        if (v_is_str(t)) {
            bk_js_str_t *s = v_str(t);
            if (it->u.it.i >= s->len)
                return 0;
            uint32_t i = it->u.it.i, e = i + 1;
            uint32_t c = str_at(s, i);
            if (c >= 0xD800 && c < 0xDC00 && e < s->len &&
                str_at(s, e) >= 0xDC00 && str_at(s, e) < 0xE000)
                e++;
            *v = v_mkstr(bk_js__str_sub(ctx, s, i, e));
            it->u.it.i = e;
            return 1;
        }
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(t));
        if (it->u.it.i >= b->len)
            return 0;
        uint32_t i = it->u.it.i++;
        if (i < b->nelems && b->elems[i] != V_EMPTY) {
            *v = b->elems[i];
            return 1;
        }
        if (bk_js__get_index(ctx, t, i, v) != BK_OK)
            return BK_ERR;
        return 1;
    }
    val_t r;
    if (bk_js__call(ctx, next, iter, 0, NULL, &r) != BK_OK)
        return BK_ERR;
    if (!v_is_obj(r))
        return bk_js__type_error(ctx, "Iterator result %s is not an object",
                                 bk_js__describe(ctx, r));
    val_t d;
    if (bk_js__get(ctx, r, A(ctx, done), &d) != BK_OK)
        return BK_ERR;
    if (bk_js__truthy(d))
        return 0;
    if (bk_js__get(ctx, r, A(ctx, value), v) != BK_OK)
        return BK_ERR;
    return 1;
}

int bk_js__iter_close(bk_js_ctx_t *ctx, val_t iter)
{
    if (!v_is_obj(iter) || v_obj(iter)->cls == CLS_ITER)
        return BK_OK;
    val_t f, r;
    if (bk_js__get(ctx, iter, A(ctx, return_), &f) != BK_OK)
        return BK_ERR;
    if (v_is_nullish(f))
        return BK_OK;
    return bk_js__call(ctx, f, iter, 0, NULL, &r);
}

/* IteratorClose(iter, throw completion): return() runs, but the pending
 * exception wins over anything it throws. Always BK_ERR. */
int bk_js__iter_close_throw(bk_js_ctx_t *ctx, val_t iter)
{
    if (!ctx->has_exc)
        return BK_ERR; /* an uncatchable abort: nothing to run */
    val_t exc = ctx->exc;
    const char *es = ctx->exc_str;
    ctx->has_exc = 0;
    if (bk_js__iter_close(ctx, iter) != BK_OK && !ctx->has_exc)
        return BK_ERR;
    ctx->exc = exc;
    ctx->exc_str = es;
    ctx->has_exc = 1;
    return BK_ERR;
}

/* ---- jobs --------------------------------------------------------------- */

void bk_js__enqueue_job(bk_js_ctx_t *ctx, val_t fn, val_t arg, val_t a,
                        val_t b, int kind)
{
    bk_js_job_t *j = bk_js__ialloc(ctx, sizeof(*j));
    j->next = NULL;
    j->fn = fn;
    j->arg = arg;
    j->a = a;
    j->b = b;
    j->kind = kind;
    if (ctx->jobs_tail)
        ctx->jobs_tail->next = j;
    else
        ctx->jobs = j;
    ctx->jobs_tail = j;
}

int bk_js__job_run(bk_js_ctx_t *ctx, bk_js_job_t *j); /* promise.c */

int bk_js__run_jobs(bk_js_ctx_t *ctx)
{
    while (ctx->jobs != NULL) {
        bk_js_job_t *j = ctx->jobs;
        ctx->jobs = j->next;
        if (ctx->jobs == NULL)
            ctx->jobs_tail = NULL;
        if (bk_js__job_run(ctx, j) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

/* ---- operators ------------------------------------------------------ */

static int op_add(bk_js_ctx_t *ctx, val_t a, val_t b, val_t *out)
{
    if (v_is_str(a) && v_is_str(b)) {
        *out = v_mkstr(bk_js__str_concat(ctx, v_str(a), v_str(b)));
        return BK_OK;
    }
    if (bk_js__to_primitive(ctx, a, 0, &a) != BK_OK ||
        bk_js__to_primitive(ctx, b, 0, &b) != BK_OK)
        return BK_ERR;
    if (v_is_str(a) || v_is_str(b)) {
        bk_js_str_t *x, *y;
        if (bk_js__to_string(ctx, a, &x) != BK_OK ||
            bk_js__to_string(ctx, b, &y) != BK_OK)
            return BK_ERR;
        *out = v_mkstr(bk_js__str_concat(ctx, x, y));
        return BK_OK;
    }
    double x, y;
    if (bk_js__to_number(ctx, a, &x) != BK_OK ||
        bk_js__to_number(ctx, b, &y) != BK_OK)
        return BK_ERR;
    *out = v_mknum(x + y);
    return BK_OK;
}

/* Abstract relational comparison: 1 true, 0 false, -1 undefined (NaN). */
static int op_less(bk_js_ctx_t *ctx, val_t a, val_t b, int left_first,
                   int *out)
{
    if (left_first) {
        if (bk_js__to_primitive(ctx, a, 1, &a) != BK_OK ||
            bk_js__to_primitive(ctx, b, 1, &b) != BK_OK)
            return BK_ERR;
    } else {
        if (bk_js__to_primitive(ctx, b, 1, &b) != BK_OK ||
            bk_js__to_primitive(ctx, a, 1, &a) != BK_OK)
            return BK_ERR;
    }
    if (v_is_str(a) && v_is_str(b)) {
        *out = bk_js__str_cmp(v_str(a), v_str(b)) < 0;
        return BK_OK;
    }
    double x, y;
    if (bk_js__to_number(ctx, a, &x) != BK_OK ||
        bk_js__to_number(ctx, b, &y) != BK_OK)
        return BK_ERR;
    if (x != x || y != y)
        *out = -1;
    else
        *out = x < y;
    return BK_OK;
}

static int num2(bk_js_ctx_t *ctx, val_t a, val_t b, double *x, double *y)
{
    if (bk_js__to_number(ctx, a, x) != BK_OK)
        return BK_ERR;
    return bk_js__to_number(ctx, b, y);
}

static double js_pow(double x, double y)
{
    if (y != y)
        return NAN;
    if (y == 0)
        return 1;
    if ((x == 1 || x == -1) && isinf(y))
        return NAN;
    return pow(x, y);
}

static double js_mod(double x, double y)
{
    if (y == 0 || x != x || y != y || isinf(x))
        return NAN;
    if (isinf(y))
        return x;
    if (x == 0)
        return x;
    double r = fmod(x, y);
    return r;
}

static int op_in(bk_js_ctx_t *ctx, val_t k, val_t o, val_t *out)
{
    if (!v_is_obj(o))
        return bk_js__type_error(
            ctx, "Cannot use 'in' operator to search for '%s' in %s",
            bk_js__describe(ctx, k), bk_js__describe(ctx, o));
    bk_js_str_t *key;
    if (bk_js__to_propkey(ctx, k, &key) != BK_OK)
        return BK_ERR;
    int has;
    if (bk_js__has(ctx, v_obj(o), key, &has) != BK_OK)
        return BK_ERR;
    *out = v_mkbool(has);
    return BK_OK;
}

static bk_js_obj_t *make_arguments(bk_js_ctx_t *ctx, bk_js_frame_t *F)
{
    bk_js_obj_t *a = bk_js__obj_new(ctx, CLS_ARGUMENTS,
                                    ctx->prog->proto[PROTO_OBJECT]);
    a->elems = bk_js__ialloc(ctx, (F->argc + 1) * sizeof(val_t));
    memcpy(a->elems, F->argv, F->argc * sizeof(val_t));
    a->nelems = a->ecap = F->argc;
    a->len = F->argc;
    bk_js__put_own(ctx, a, A(ctx, length), v_mknum(F->argc),
                   P_WRITABLE | P_CONFIGURABLE);
    if (ctx->prog->sym[SYM_iterator] && ctx->prog->array_values)
        bk_js__put_own(ctx, a, ctx->prog->sym[SYM_iterator],
                       v_mkobj(ctx->prog->array_values),
                       P_WRITABLE | P_CONFIGURABLE);
    if (ctx->prog->throw_type_error) {
        val_t t = v_mkobj(ctx->prog->throw_type_error);
        bk_js__put_accessor(ctx, a, A(ctx, callee), t, t, 0);
    }
    return a;
}

static bk_js_obj_t *forin_new(bk_js_ctx_t *ctx, val_t v)
{
    bk_js_obj_t *it = bk_js__obj_new(ctx, CLS_FORIN, NULL);
    it->u.forin.obj = v;
    it->u.forin.i = 0;
    it->u.forin.n = 0;
    it->u.forin.keys = NULL;
    if (v_is_nullish(v))
        return it;
    bk_js_obj_t *o;
    if (bk_js__to_object(ctx, v, &o) != BK_OK)
        return it;
    it->u.forin.obj = v_mkobj(o);
    /* Own enumerable keys, then the prototypes' (shadowed ones skipped). */
    uint32_t n;
    val_t *keys = bk_js__own_keys(ctx, o, 1, 1, &n);
    bk_js_obj_t *p = bk_js__rd(ctx, o)->proto;
    uint32_t cap = n;
    for (; p != NULL; p = bk_js__rd(ctx, p)->proto) {
        uint32_t m;
        val_t *pk = bk_js__own_keys(ctx, p, 1, 1, &m);
        for (uint32_t i = 0; i < m; i++) {
            int dup = 0;
            for (uint32_t j = 0; j < n && !dup; j++)
                dup = keys[j] == pk[i];
            if (dup)
                continue;
            if (n == cap) {
                uint32_t nc = cap ? cap * 2 : 8;
                keys = bk_js__irealloc(ctx, keys, cap * sizeof(val_t),
                                      nc * sizeof(val_t));
                cap = nc;
            }
            keys[n++] = pk[i];
        }
    }
    it->u.forin.keys = keys;
    it->u.forin.n = n;
    return it;
}

/* Copies own enumerable properties of src onto o ({...src}). */
static int copy_props(bk_js_ctx_t *ctx, bk_js_obj_t *o, val_t src)
{
    if (v_is_nullish(src))
        return BK_OK;
    if (v_is_str(src)) {
        bk_js_str_t *s = v_str(src);
        for (uint32_t i = 0; i < s->len; i++)
            bk_js__put_own(ctx, o, bk_js__atom_index(ctx, i),
                           v_mkstr(bk_js__str_sub(ctx, s, i, i + 1)),
                           P_DEFAULT);
        return BK_OK;
    }
    if (!v_is_obj(src))
        return BK_OK;
    uint32_t n;
    val_t *keys = bk_js__own_keys(ctx, v_obj(src), 3, 1, &n);
    for (uint32_t i = 0; i < n; i++) {
        bk_js_str_t *k = v_str(keys[i]);
        val_t v;
        if (bk_js__get(ctx, src, k, &v) != BK_OK)
            return BK_ERR;
        if (bk_js__define(ctx, o, k, v, P_DEFAULT) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

static int spread_into(bk_js_ctx_t *ctx, bk_js_obj_t *a, val_t src)
{
    val_t it, next, v;
    if (bk_js__get_iterator(ctx, src, &it, &next) != BK_OK)
        return BK_ERR;
    for (;;) {
        int r = bk_js__iter_step(ctx, it, next, &v);
        if (r < 0)
            return BK_ERR;
        if (r == 0)
            return BK_OK;
        bk_js__array_push(ctx, a, v);
    }
}

static bk_js_obj_t *env_at(bk_js_frame_t *F, unsigned depth)
{
    bk_js_obj_t *e = F->env;
    while (depth--)
        e = e->u.env.parent;
    return e;
}

/* The global binding for 'key': the lexical record first, then the global
 * object. 0 when absent. */
static int global_get(bk_js_ctx_t *ctx, bk_js_str_t *key, val_t *out)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_prop_t *p = find_prop(bk_js__rd(ctx, P->global_lex), key);
    if (p != NULL) {
        if (p->v == V_EMPTY) {
            char *k = bk_js__str_to_utf8(ctx, key, NULL);
            bk_js__throw(ctx, ERR_ReferenceError,
                         "Cannot access '%s' before initialization", k);
            return -1;
        }
        *out = p->v;
        return 1;
    }
    bk_js_obj_t *g = bk_js__rd(ctx, P->global);
    p = find_prop(g, key);
    if (p != NULL && !(p->flags & P_ACCESSOR)) {
        *out = p->v;
        return 1;
    }
    int has;
    if (bk_js__has(ctx, P->global, key, &has) != BK_OK)
        return -1;
    if (!has)
        return 0;
    if (bk_js__get(ctx, v_mkobj(P->global), key, out) != BK_OK)
        return -1;
    return 1;
}

static int global_put(bk_js_ctx_t *ctx, bk_js_str_t *key, val_t v)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, P->global_lex), key);
    if (p != NULL) {
        char *k = bk_js__str_to_utf8(ctx, key, NULL);
        if (p->v == V_EMPTY)
            return bk_js__throw(ctx, ERR_ReferenceError,
                                "Cannot access '%s' before initialization", k);
        if (!(p->flags & P_WRITABLE))
            return bk_js__type_error(ctx, "Assignment to constant variable.");
        bk_js__find(bk_js__wr(ctx, P->global_lex), key)->v = v;
        return BK_OK;
    }
    int has;
    if (bk_js__has(ctx, P->global, key, &has) != BK_OK)
        return BK_ERR;
    if (!has) {
        char *k = bk_js__str_to_utf8(ctx, key, NULL);
        return bk_js__throw(ctx, ERR_ReferenceError, "%s is not defined", k);
    }
    return bk_js__set(ctx, v_mkobj(P->global), key, v);
}

/* Defines the class built by CLASS: wires prototypes of ctor and proto. */
static int make_class(bk_js_ctx_t *ctx, val_t parent, val_t ctor,
                      val_t *proto_out)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto_parent = P->proto[PROTO_OBJECT];
    bk_js_obj_t *ctor_parent = P->proto[PROTO_FUNCTION];
    if (parent != V_EMPTY) {
        if (parent == V_NULL) {
            proto_parent = NULL;
        } else {
            if (!bk_js__is_ctor(parent))
                return bk_js__type_error(
                    ctx, "Class extends value %s is not a constructor or null",
                    bk_js__describe(ctx, parent));
            val_t pp;
            if (bk_js__get(ctx, parent, A(ctx, prototype), &pp) != BK_OK)
                return BK_ERR;
            if (!v_is_obj(pp) && pp != V_NULL)
                return bk_js__type_error(
                    ctx, "Class extends value does not have valid prototype "
                         "property");
            proto_parent = v_is_obj(pp) ? v_obj(pp) : NULL;
            ctor_parent = v_obj(parent);
        }
    }
    bk_js_obj_t *proto = bk_js__obj_new(ctx, CLS_OBJECT, proto_parent);
    bk_js_obj_t *c = v_obj(ctor);
    bk_js__wr(ctx, c)->proto = ctor_parent;
    bk_js__put_own(ctx, c, A(ctx, prototype), v_mkobj(proto), 0);
    bk_js__put_own(ctx, proto, A(ctx, constructor), ctor,
                   P_WRITABLE | P_CONFIGURABLE);
    bk_js__wr(ctx, c)->u.f.home = proto;
    *proto_out = v_mkobj(proto);
    return BK_OK;
}

/* Defines the instance fields of class constructor 'ctor' on 'this'
 * (InitializeInstanceElements). */
static int init_fields(bk_js_ctx_t *ctx, bk_js_obj_t *ctor, val_t this_val)
{
    bk_js_obj_t *fl = bk_js__rd(ctx, ctor)->u.f.fields;
    if (fl == NULL || !v_is_obj(this_val))
        return BK_OK;
    bk_js_obj_t *b = bk_js__rd(ctx, fl);
    for (uint32_t i = 0; i + 1 < b->nelems; i += 2) {
        val_t k = b->elems[i], f = b->elems[i + 1], v = V_UNDEF;
        if (f != V_UNDEF && bk_js__call(ctx, f, this_val, 0, NULL, &v) != BK_OK)
            return BK_ERR;
        if (bk_js__define_v(ctx, v_obj(this_val), k, v, P_DEFAULT) != BK_OK)
            return BK_ERR;
        b = bk_js__rd(ctx, fl);
    }
    return BK_OK;
}

/* ---- inline fast paths -------------------------------------------------- */

/* ToInt32 with the int32 case inline (bitwise operators). */
static inline int32_t to_i32(double d)
{
    if (BK_LIKELY(d >= -2147483648.0 && d <= 2147483647.0))
        return (int32_t)d;
    return bk_js__to_int32(d);
}

/* bk_js__truthy for the common cases without a call. */
static inline int truthy(val_t v)
{
    if (v == V_TRUE || v_is_obj(v))
        return 1;
    if (v == V_FALSE || v_is_nullish(v))
        return 0;
    return bk_js__truthy(v);
}


/* Whether appending 'key' to an ordinary object needs none of add_prop's
 * bookkeeping (object.c): no index-like key (OF_SPARSE), no symbol. */
static inline int plain_key(const bk_js_str_t *k)
{
    return k->len != 0 &&
           !(k->flags & (STR_INDEX | STR_WIDE | STR_SYMBOL)) &&
           !(k->d.u8[0] >= '0' && k->d.u8[0] <= '9');
}

/* [[Set]] on an ordinary object that is not a template object: an own
 * writable data property is overwritten; a missing plain key (see
 * plain_key) is added to an extensible object while it has no hash index
 * (growing the table as add_prop in object.c does) when no object on the
 * prototype chain has the key as an accessor or a read-only property.
 * Nothing can run, so the result is the one bk_js__set gives. Returns 0
 * when bk_js__set must decide. */
static inline int set_fast(bk_js_ctx_t *ctx, val_t obj, bk_js_str_t *k,
                           val_t v)
{
    if (!v_is_obj(obj))
        return 0;
    bk_js_obj_t *o = v_obj(obj);
    if (o->tidx != 0 || o->cls != CLS_OBJECT)
        return 0;
    bk_js_prop_t *p = find_prop(o, k);
    if (p != NULL) {
        if ((p->flags & (P_ACCESSOR | P_WRITABLE)) != P_WRITABLE)
            return 0;
        p->v = v;
        return 1;
    }
    uint32_t n = o->nprops;
    if (n >= 8 || o->hbits != 0 || !(o->flags & OF_EXTENSIBLE) ||
        !plain_key(k))
        return 0;
    for (bk_js_obj_t *q = o->proto; q != NULL;) {
        bk_js_obj_t *qb = bk_js__rd(ctx, q);
        bk_js_prop_t *qp = find_prop(qb, k);
        if (qp != NULL) {
            if ((qp->flags & (P_ACCESSOR | P_WRITABLE)) != P_WRITABLE)
                return 0;
            break;
        }
        q = qb->proto;
    }
    if (n == o->pcap) {
        uint32_t cap = n ? n * 2 : 4;
        o->props = bk_js__irealloc(ctx, o->props, n * sizeof(bk_js_prop_t),
                                   cap * sizeof(bk_js_prop_t));
        o->pcap = cap;
    }
    p = &o->props[n];
    p->key = k;
    p->flags = P_DEFAULT;
    p->_pad = 0;
    p->v = v;
    o->nprops = n + 1;
    return 1;
}

/* DEFINE_FIELD on an object literal under construction: the literal's
 * properties were sized by NEW_OBJECT, so a new plain key is appended in
 * place. Returns 0 when the general path must run (template objects,
 * a full or indexed property table, existing non-default property). */
static inline int define_fast(bk_js_obj_t *o, bk_js_str_t *k, val_t v)
{
    if (o->tidx != 0 || o->cls != CLS_OBJECT || o->hbits != 0 ||
        !(o->flags & OF_EXTENSIBLE))
        return 0;
    bk_js_prop_t *p = o->props;
    uint32_t n = o->nprops;
    for (uint32_t i = 0; i < n; i++) {
        if (p[i].key == k) {
            if (p[i].flags != P_DEFAULT)
                return 0;
            p[i].v = v; /* {a: 1, a: 2}: the first place, the last value */
            return 1;
        }
    }
    if (n >= o->pcap || n >= 8 || !plain_key(k))
        return 0;
    p += n;
    p->key = k;
    p->flags = P_DEFAULT;
    p->_pad = 0;
    p->v = v;
    o->nprops = n + 1;
    return 1;
}

/* ---- the interpreter loop --------------------------------------------- */

#ifdef BK_JS_SWITCH
#define CASE(op) case OP_##op:
#define NEXT continue
#define DISPATCH() switch (*pc)
#else
#define CASE(op) L_##op:
#define NEXT goto *labels[*pc]
#define DISPATCH() NEXT;
#endif

#define SAVE() (F->pc = pc, F->sp = sp)
#define THROW_IF(x)                                                           \
    do {                                                                      \
        if (BK_UNLIKELY(x))                                                   \
            goto exception;                                                   \
    } while (0)
#define ATOM(off) (v_str(F->fn->consts[rd32(pc + (off))]))

/* Runs frames from the top one (an FR_ENTRY frame) until it returns. With
 * 'throwing', starts by propagating the pending exception. */
static int run(bk_js_ctx_t *ctx, val_t *ret, int throwing)
{
#ifndef BK_JS_SWITCH
    static void *const labels[] = {
#define BK_JS__OP_LABEL(name, size, pop, push, fmt) &&L_##name,
        BK_JS_OPCODES(BK_JS__OP_LABEL)
#undef BK_JS__OP_LABEL
    };
#endif
    bk_js_frame_t *F = &ctx->frames[ctx->nframes - 1];
    const uint8_t *pc = F->pc;
    val_t *sp = F->sp;
    val_t a, b, c;
    double x, y;
    int r;
    /* The call in progress (CALL/NEW/SUPER_CALL and their spread forms). */
    uint32_t argc;
    val_t *args, f, this_val, nt;
    int op;
    uint8_t flags;

    if (throwing)
        goto exception;

    for (;;) {
        DISPATCH()
        {
        CASE(NOP) pc++; NEXT;
        CASE(DEBUGGER) pc++; NEXT;
        CASE(PUSH_UNDEF) *sp++ = V_UNDEF; pc++; NEXT;
        CASE(PUSH_NULL) *sp++ = V_NULL; pc++; NEXT;
        CASE(PUSH_TRUE) *sp++ = V_TRUE; pc++; NEXT;
        CASE(PUSH_FALSE) *sp++ = V_FALSE; pc++; NEXT;
        CASE(PUSH_EMPTY) *sp++ = V_EMPTY; pc++; NEXT;
        CASE(PUSH_I8) *sp++ = v_mknum((int8_t)pc[1]); pc += 2; NEXT;
        CASE(PUSH_I32) *sp++ = v_mknum(rdi32(pc + 1)); pc += 5; NEXT;
        CASE(PUSH_CONST) *sp++ = F->fn->consts[rd16(pc + 1)]; pc += 3; NEXT;
        CASE(PUSH_THIS)
            if (BK_UNLIKELY(F->this_val == V_EMPTY)) {
                SAVE();
                bk_js__throw(ctx, ERR_ReferenceError,
                             "Must call super constructor in derived class "
                             "before accessing 'this' or returning from "
                             "derived constructor");
                goto exception;
            }
            *sp++ = F->this_val; pc++; NEXT;
        CASE(PUSH_NEW_TARGET) *sp++ = F->new_target; pc++; NEXT;
        CASE(PUSH_CALLEE) *sp++ = v_mkobj(F->callee); pc++; NEXT;
        CASE(CLOSURE) {
            bk_js_code_t *fn = F->fn->funcs[rd16(pc + 1)];
            SAVE();
            bk_js_obj_t *fo = bk_js__closure_new(ctx, fn, F->env, F->this_val);
            if (fn->flags & FN_ARROW)
                fo->u.f.home = F->callee ? F->callee->u.f.home : NULL;
            *sp++ = v_mkobj(fo);
            pc += 3;
            NEXT;
        }
        CASE(REGEXP) {
            SAVE();
            void *re = (void *)(uintptr_t)F->fn->consts[rd16(pc + 1)];
            bk_js_str_t *src = v_str(F->fn->consts[rd16(pc + 3)]);
            *sp++ = v_mkobj(bk_js__regexp_from_literal(ctx, re, src));
            pc += 5;
            NEXT;
        }
        CASE(ARGUMENTS) SAVE(); *sp++ = v_mkobj(make_arguments(ctx, F)); pc++;
            NEXT;
        CASE(REST) {
            uint32_t from = rd16(pc + 1);
            SAVE();
            uint32_t n = F->argc > from ? F->argc - from : 0;
            *sp++ = v_mkobj(bk_js__array_from(ctx, F->argv + from, n));
            pc += 3;
            NEXT;
        }
        CASE(POP) sp--; pc++; NEXT;
        CASE(DUP) sp[0] = sp[-1]; sp++; pc++; NEXT;
        CASE(DUP2) sp[0] = sp[-2]; sp[1] = sp[-1]; sp += 2; pc++; NEXT;
        CASE(SWAP) a = sp[-1]; sp[-1] = sp[-2]; sp[-2] = a; pc++; NEXT;
        CASE(ROT3L) a = sp[-3]; sp[-3] = sp[-2]; sp[-2] = sp[-1]; sp[-1] = a;
            pc++; NEXT;
        CASE(ROT3R) a = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = a;
            pc++; NEXT;
        CASE(ROT4R) a = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3];
            sp[-3] = sp[-4]; sp[-4] = a; pc++; NEXT;
        CASE(NIP) sp[-2] = sp[-1]; sp--; pc++; NEXT;

        CASE(GET_LOC) *sp++ = F->locals[rd16(pc + 1)]; pc += 3; NEXT;
        CASE(PUT_LOC) F->locals[rd16(pc + 1)] = *--sp; pc += 3; NEXT;
        CASE(SET_LOC) F->locals[rd16(pc + 1)] = sp[-1]; pc += 3; NEXT;
        CASE(GET_LOC_CHK)
            a = F->locals[rd16(pc + 1)];
            if (BK_UNLIKELY(a == V_EMPTY))
                goto tdz;
            *sp++ = a; pc += 3; NEXT;
        CASE(PUT_LOC_CHK)
            if (BK_UNLIKELY(F->locals[rd16(pc + 1)] == V_EMPTY))
                goto tdz;
            F->locals[rd16(pc + 1)] = *--sp; pc += 3; NEXT;
        CASE(GET_ARG) *sp++ = F->argv[rd16(pc + 1)]; pc += 3; NEXT;
        CASE(PUT_ARG) F->argv[rd16(pc + 1)] = *--sp; pc += 3; NEXT;
        CASE(SET_ARG) F->argv[rd16(pc + 1)] = sp[-1]; pc += 3; NEXT;
        CASE(GET_ENV) {
            bk_js_obj_t *e = env_at(F, pc[1]);
            *sp++ = bk_js__rd(ctx, e)->elems[rd16(pc + 2)];
            pc += 4;
            NEXT;
        }
        CASE(GET_ENV_CHK) {
            bk_js_obj_t *e = env_at(F, pc[1]);
            a = bk_js__rd(ctx, e)->elems[rd16(pc + 2)];
            if (BK_UNLIKELY(a == V_EMPTY))
                goto tdz;
            *sp++ = a;
            pc += 4;
            NEXT;
        }
        CASE(PUT_ENV) {
            bk_js_obj_t *e = env_at(F, pc[1]);
            SAVE();
            bk_js__wr(ctx, e)->elems[rd16(pc + 2)] = *--sp;
            pc += 4;
            NEXT;
        }
        CASE(PUT_ENV_CHK) {
            bk_js_obj_t *e = env_at(F, pc[1]);
            if (BK_UNLIKELY(bk_js__rd(ctx, e)->elems[rd16(pc + 2)] == V_EMPTY))
                goto tdz;
            SAVE();
            bk_js__wr(ctx, e)->elems[rd16(pc + 2)] = *--sp;
            pc += 4;
            NEXT;
        }
        CASE(SET_ENV) {
            bk_js_obj_t *e = env_at(F, pc[1]);
            SAVE();
            bk_js__wr(ctx, e)->elems[rd16(pc + 2)] = sp[-1];
            pc += 4;
            NEXT;
        }
        CASE(PUSH_ENV)
            SAVE();
            F->env = bk_js__env_new(ctx, F->env, rd16(pc + 1));
            pc += 3;
            NEXT;
        CASE(POP_ENV) F->env = F->env->u.env.parent; pc++; NEXT;
        CASE(COPY_ENV) {
            SAVE();
            bk_js_obj_t *old = bk_js__rd(ctx, F->env);
            bk_js_obj_t *e = bk_js__env_new(ctx, old->u.env.parent,
                                            old->nelems);
            memcpy(e->elems, old->elems, old->nelems * sizeof(val_t));
            F->env = e;
            pc++;
            NEXT;
        }
        CASE(CONST_ERR)
            SAVE();
            bk_js__type_error(ctx, "Assignment to constant variable.");
            goto exception;
        CASE(GET_GLOBAL) {
            bk_js_str_t *k = ATOM(1);
            SAVE();
            r = global_get(ctx, k, &a);
            if (BK_UNLIKELY(r <= 0)) {
                if (r == 0) {
                    char *s = bk_js__str_to_utf8(ctx, k, NULL);
                    bk_js__throw(ctx, ERR_ReferenceError, "%s is not defined",
                                 s);
                }
                goto exception;
            }
            *sp++ = a;
            pc += 5;
            NEXT;
        }
        CASE(GET_GLOBAL_TYPEOF) {
            SAVE();
            r = global_get(ctx, ATOM(1), &a);
            THROW_IF(r < 0);
            *sp++ = r ? a : V_UNDEF;
            pc += 5;
            NEXT;
        }
        CASE(PUT_GLOBAL)
            SAVE();
            THROW_IF(global_put(ctx, ATOM(1), sp[-1]) != BK_OK);
            sp--;
            pc += 5;
            NEXT;
        CASE(SET_GLOBAL)
            SAVE();
            THROW_IF(global_put(ctx, ATOM(1), sp[-1]) != BK_OK);
            pc += 5;
            NEXT;
        CASE(INIT_GLOBAL_LEX) {
            SAVE();
            bk_js_obj_t *lex = bk_js__wr(ctx, ctx->prog->global_lex);
            bk_js_prop_t *p = bk_js__find(lex, ATOM(1));
            if (p != NULL)
                p->v = *--sp;
            else /* an import binding: made here, read-only */
                bk_js__put_own(ctx, ctx->prog->global_lex, ATOM(1), *--sp, 0);
            pc += 5;
            NEXT;
        }
        CASE(DEF_GLOBAL_VAR) {
            bk_js_str_t *k = ATOM(1);
            SAVE();
            if (!bk_js__has_own(ctx, ctx->prog->global, k))
                bk_js__put_own(ctx, ctx->prog->global, k, V_UNDEF,
                               P_WRITABLE | P_ENUMERABLE);
            pc += 5;
            NEXT;
        }
        CASE(DEF_GLOBAL_LEX)
        CASE(DEF_GLOBAL_CONST) {
            bk_js_str_t *k = ATOM(1);
            SAVE();
            /* A lexical binding may shadow a configurable property of the
             * global object (a built-in), not a var or another lexical. */
            bk_js_prop_t *gp = bk_js__find(bk_js__rd(ctx, ctx->prog->global),
                                           k);
            if (bk_js__find(bk_js__rd(ctx, ctx->prog->global_lex), k) ||
                (gp != NULL && !(gp->flags & P_CONFIGURABLE))) {
                char *s = bk_js__str_to_utf8(ctx, k, NULL);
                bk_js__throw(ctx, ERR_SyntaxError,
                             "Identifier '%s' has already been declared", s);
                goto exception;
            }
            bk_js__put_own(ctx, ctx->prog->global_lex, k, V_EMPTY,
                           *pc == OP_DEF_GLOBAL_CONST ? 0 : P_WRITABLE);
            pc += 5;
            NEXT;
        }
        CASE(DEF_GLOBAL_FUNC)
            SAVE();
            bk_js__put_own(ctx, ctx->prog->global, ATOM(1), *--sp,
                           P_WRITABLE | P_ENUMERABLE);
            pc += 5;
            NEXT;

        CASE(GET_LOC_FIELD)
            /* GET_LOC then GET_FIELD, whose operand now sits at pc + 1. */
            *sp++ = F->locals[rd16(pc + 1)];
            pc += 2;
            goto get_field;
        CASE(GET_LOC_FIELD2)
            *sp++ = F->locals[rd16(pc + 1)];
            pc += 2;
            goto get_field2;
        CASE(GET_ARG_FIELD)
            *sp++ = F->argv[rd16(pc + 1)];
            pc += 2;
            goto get_field;
        CASE(GET_ARG_FIELD2)
            *sp++ = F->argv[rd16(pc + 1)];
            pc += 2;
            goto get_field2;
        CASE(GET_FIELD) {
        get_field:
            a = sp[-1];
            bk_js_str_t *k = ATOM(1);
            if (BK_LIKELY(v_is_obj(a))) {
                bk_js_obj_t *o = bk_js__rd(ctx, v_obj(a));
                bk_js_prop_t *p = find_prop(o, k);
                if (p != NULL && !(p->flags & P_ACCESSOR)) {
                    sp[-1] = p->v;
                    pc += 5;
                    NEXT;
                }
            } else if (v_is_str(a) && k == A(ctx, length)) {
                sp[-1] = v_mknum(v_str(a)->len);
                pc += 5;
                NEXT;
            }
            SAVE();
            THROW_IF(bk_js__get(ctx, a, k, &sp[-1]) != BK_OK);
            pc += 5;
            NEXT;
        }
        CASE(GET_FIELD2) {
        get_field2:
            a = sp[-1];
            if (v_is_str(a)) {
                /* s.method(...): a data property of String.prototype
                 * (own properties of a string are length and indices). */
                bk_js_str_t *k = ATOM(1);
                if (k != A(ctx, length) && !(k->flags & STR_INDEX)) {
                    bk_js_prop_t *p = find_prop(
                        bk_js__rd(ctx, ctx->prog->proto[PROTO_STRING]), k);
                    if (p != NULL && !(p->flags & P_ACCESSOR)) {
                        *sp++ = p->v;
                        pc += 5;
                        NEXT;
                    }
                }
            }
            SAVE();
            THROW_IF(bk_js__get(ctx, a, ATOM(1), &b) != BK_OK);
            *sp++ = b;
            pc += 5;
            NEXT;
        }
        CASE(PUT_FIELD)
            SAVE();
            if (!set_fast(ctx, sp[-2], ATOM(1), sp[-1])) {
                THROW_IF(bk_js__set(ctx, sp[-2], ATOM(1), sp[-1]) != BK_OK);
            }
            sp -= 2;
            pc += 5;
            NEXT;
        CASE(SET_FIELD)
            SAVE();
            if (!set_fast(ctx, sp[-2], ATOM(1), sp[-1])) {
                THROW_IF(bk_js__set(ctx, sp[-2], ATOM(1), sp[-1]) != BK_OK);
            }
            sp[-2] = sp[-1];
            sp--;
            pc += 5;
            NEXT;
        CASE(GET_ELEM) {
            a = sp[-2];
            b = sp[-1];
            if (v_is_obj(a) && v_is_num(b)) {
                bk_js_obj_t *o = bk_js__rd(ctx, v_obj(a));
                x = v_num(b);
                if (o->cls == CLS_ARRAY && x >= 0 && x < o->nelems &&
                    x == (double)(uint32_t)x &&
                    o->elems[(uint32_t)x] != V_EMPTY) {
                    sp[-2] = o->elems[(uint32_t)x];
                    sp--;
                    pc++;
                    NEXT;
                }
            } else if (v_is_obj(a) && v_is_str(b) &&
                       (v_str(b)->flags & (STR_ATOM | STR_INDEX)) ==
                           STR_ATOM) {
                /* o[k] with an interned key (for-in keys, Object.keys):
                 * as GET_FIELD. */
                bk_js_prop_t *p = find_prop(bk_js__rd(ctx, v_obj(a)), v_str(b));
                if (p != NULL && !(p->flags & P_ACCESSOR)) {
                    sp[-2] = p->v;
                    sp--;
                    pc++;
                    NEXT;
                }
            }
            SAVE();
            THROW_IF(bk_js__get_v(ctx, a, b, &c) != BK_OK);
            sp[-2] = c;
            sp--;
            pc++;
            NEXT;
        }
        CASE(GET_ELEM2)
            SAVE();
            THROW_IF(bk_js__get_v(ctx, sp[-2], sp[-1], &c) != BK_OK);
            sp[-1] = c;
            pc++;
            NEXT;
        CASE(PUT_ELEM)
            SAVE();
            if (!(v_is_str(sp[-2]) && (v_str(sp[-2])->flags & STR_ATOM) &&
                  set_fast(ctx, sp[-3], v_str(sp[-2]), sp[-1])))
                THROW_IF(bk_js__set_v(ctx, sp[-3], sp[-2], sp[-1]) != BK_OK);
            sp -= 3;
            pc++;
            NEXT;
        CASE(SET_ELEM)
            SAVE();
            if (!(v_is_str(sp[-2]) && (v_str(sp[-2])->flags & STR_ATOM) &&
                  set_fast(ctx, sp[-3], v_str(sp[-2]), sp[-1])))
                THROW_IF(bk_js__set_v(ctx, sp[-3], sp[-2], sp[-1]) != BK_OK);
            sp[-3] = sp[-1];
            sp -= 2;
            pc++;
            NEXT;
        CASE(DELETE_FIELD) {
            SAVE();
            a = sp[-1];
            int ok = 1;
            if (v_is_obj(a)) {
                THROW_IF(bk_js__delete(ctx, v_obj(a), ATOM(1), &ok) != BK_OK);
            } else if (v_is_nullish(a)) {
                bk_js__type_error(ctx, "Cannot convert undefined or null to "
                                       "object");
                goto exception;
            }
            sp[-1] = V_TRUE;
            pc += 5;
            NEXT;
        }
        CASE(DELETE_ELEM) {
            SAVE();
            a = sp[-2];
            bk_js_str_t *k;
            THROW_IF(bk_js__to_propkey(ctx, sp[-1], &k) != BK_OK);
            int ok = 1;
            if (v_is_obj(a)) {
                THROW_IF(bk_js__delete(ctx, v_obj(a), k, &ok) != BK_OK);
            } else if (v_is_nullish(a)) {
                bk_js__type_error(ctx, "Cannot convert undefined or null to "
                                       "object");
                goto exception;
            }
            sp[-2] = V_TRUE;
            sp--;
            pc++;
            NEXT;
        }
        CASE(GET_SUPER) {
            SAVE();
            bk_js_obj_t *home = F->callee ? F->callee->u.f.home : NULL;
            bk_js_obj_t *sup = home ? bk_js__rd(ctx, home)->proto : NULL;
            bk_js_str_t *k;
            THROW_IF(bk_js__to_propkey(ctx, sp[-1], &k) != BK_OK);
            if (sup == NULL) {
                sp[-1] = V_UNDEF;
            } else {
                THROW_IF(bk_js__get_from(ctx, sup, F->this_val, k, &sp[-1]) !=
                         BK_OK);
            }
            pc++;
            NEXT;
        }
        CASE(SET_SUPER) {
            /* [[Set]] on the home object's prototype with this as the
             * receiver: a setter up there runs, else this gets the value. */
            SAVE();
            bk_js_obj_t *home = F->callee ? F->callee->u.f.home : NULL;
            bk_js_obj_t *q = home ? bk_js__rd(ctx, home)->proto : NULL;
            bk_js_str_t *k;
            THROW_IF(bk_js__to_propkey(ctx, sp[-2], &k) != BK_OK);
            a = sp[-1];
            int done_set = 0;
            for (; q != NULL && !done_set; q = bk_js__rd(ctx, q)->proto) {
                bk_js_prop_t *pp = bk_js__find(bk_js__rd(ctx, q), k);
                if (pp == NULL)
                    continue;
                if (pp->flags & P_ACCESSOR) {
                    bk_js_accessor_t *acc = (bk_js_accessor_t *)(uintptr_t)pp->v;
                    if (acc->set == V_UNDEF) {
                        bk_js__type_error(ctx, "Cannot set property which has "
                                               "only a getter");
                        goto exception;
                    }
                    THROW_IF(bk_js__call(ctx, acc->set, F->this_val, 1, &a,
                                         &b) != BK_OK);
                    done_set = 1;
                }
                break;
            }
            if (!done_set) {
                if (!v_is_obj(F->this_val)) {
                    bk_js__type_error(ctx, "Cannot assign to super property "
                                           "here");
                    goto exception;
                }
                THROW_IF(bk_js__define(ctx, v_obj(F->this_val), k, a,
                                       P_DEFAULT) != BK_OK);
            }
            sp[-2] = a;
            sp--;
            pc++;
            NEXT;
        }
        CASE(TO_PROPKEY) {
            SAVE();
            bk_js_str_t *k;
            THROW_IF(bk_js__to_propkey(ctx, sp[-1], &k) != BK_OK);
            sp[-1] = (k->flags & STR_SYMBOL) ? v_mksym(k) : v_mkstr(k);
            pc++;
            NEXT;
        }
        CASE(NEW_OBJECT) {
            /* u8: how many properties the literal defines (sized once). */
            SAVE();
            bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                            ctx->prog->proto[PROTO_OBJECT]);
            if (pc[1]) {
                o->props = bk_js__ialloc(ctx, pc[1] * sizeof(bk_js_prop_t));
                o->pcap = pc[1];
            }
            *sp++ = v_mkobj(o);
            pc += 2;
            NEXT;
        }
        CASE(NEW_OBJECT_LIT) {
            /* Distinct plain keys (checked by the compiler): the values
             * go straight into a table of their size. */
            uint32_t n = rd16(pc + 1);
            const val_t *keys = &F->fn->consts[rd32(pc + 3)];
            SAVE();
            bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                            ctx->prog->proto[PROTO_OBJECT]);
            bk_js_prop_t *p = bk_js__ialloc(ctx, n * sizeof(bk_js_prop_t));
            sp -= n;
            for (uint32_t i = 0; i < n; i++) {
                p[i].key = v_str(keys[i]);
                p[i].flags = P_DEFAULT;
                p[i]._pad = 0;
                p[i].v = sp[i];
            }
            o->props = p;
            o->nprops = o->pcap = n;
            *sp++ = v_mkobj(o);
            pc += 7;
            NEXT;
        }
        CASE(NEW_ARRAY) {
            uint32_t n = rd16(pc + 1);
            SAVE();
            bk_js_obj_t *arr = bk_js__array_from(ctx, sp - n, n);
            sp -= n;
            *sp++ = v_mkobj(arr);
            pc += 3;
            NEXT;
        }
        CASE(ARRAY_PUSH)
            SAVE();
            bk_js__array_push(ctx, v_obj(sp[-2]), sp[-1]);
            sp--;
            pc++;
            NEXT;
        CASE(ARRAY_HOLE) {
            bk_js_obj_t *arr = bk_js__wr(ctx, v_obj(sp[-1]));
            SAVE();
            if (arr->nelems == arr->len) {
                bk_js__array_push(ctx, arr, V_EMPTY);
            } else {
                arr->len++;
            }
            pc++;
            NEXT;
        }
        CASE(ARRAY_SPREAD)
            SAVE();
            THROW_IF(spread_into(ctx, v_obj(sp[-2]), sp[-1]) != BK_OK);
            sp--;
            pc++;
            NEXT;
        CASE(DEFINE_FIELD)
            if (!define_fast(v_obj(sp[-2]), ATOM(1), sp[-1])) {
                SAVE();
                THROW_IF(bk_js__define(ctx, v_obj(sp[-2]), ATOM(1), sp[-1],
                                       P_DEFAULT) != BK_OK);
            }
            sp--;
            pc += 5;
            NEXT;
        CASE(DEFINE_ELEM)
            SAVE();
            THROW_IF(bk_js__define_v(ctx, v_obj(sp[-3]), sp[-2], sp[-1],
                                     P_DEFAULT) != BK_OK);
            sp -= 2;
            pc++;
            NEXT;
        CASE(DEFINE_GETTER)
        CASE(DEFINE_SETTER) {
            SAVE();
            bk_js_str_t *k;
            THROW_IF(bk_js__to_propkey(ctx, sp[-2], &k) != BK_OK);
            uint32_t fl = P_CONFIGURABLE | (pc[1] ? P_ENUMERABLE : 0);
            if (*pc == OP_DEFINE_GETTER)
                bk_js__put_accessor(ctx, v_obj(sp[-3]), k, sp[-1], V_EMPTY,
                                    fl);
            else
                bk_js__put_accessor(ctx, v_obj(sp[-3]), k, V_EMPTY, sp[-1],
                                    fl);
            sp -= 2;
            pc += 2;
            NEXT;
        }
        CASE(DEFINE_METHOD) {
            SAVE();
            bk_js_str_t *k;
            THROW_IF(bk_js__to_propkey(ctx, sp[-2], &k) != BK_OK);
            uint32_t fl = P_CONFIGURABLE | P_WRITABLE |
                          (pc[1] ? P_ENUMERABLE : 0);
            THROW_IF(bk_js__define(ctx, v_obj(sp[-3]), k, sp[-1], fl) !=
                     BK_OK);
            sp -= 2;
            pc += 2;
            NEXT;
        }
        CASE(OBJ_SPREAD)
            SAVE();
            THROW_IF(copy_props(ctx, v_obj(sp[-2]), sp[-1]) != BK_OK);
            sp--;
            pc++;
            NEXT;
        CASE(SET_PROTO)
            if (v_is_obj(sp[-1]) || sp[-1] == V_NULL) {
                SAVE();
                bk_js__wr(ctx, v_obj(sp[-2]))->proto =
                    v_is_obj(sp[-1]) ? v_obj(sp[-1]) : NULL;
            }
            sp--;
            pc++;
            NEXT;
        CASE(SET_HOME)
            if (v_is_obj(sp[-1]) && v_obj(sp[-1])->cls == CLS_FUNCTION) {
                SAVE();
                bk_js__wr(ctx, v_obj(sp[-1]))->u.f.home = v_obj(sp[-3]);
            }
            pc++;
            NEXT;
        CASE(FIELD) {
            SAVE();
            bk_js_obj_t *ctor = v_obj(sp[-3]);
            if (pc[1]) {
                a = V_UNDEF;
                if (sp[-1] != V_UNDEF)
                    THROW_IF(bk_js__call(ctx, sp[-1], sp[-3], 0, NULL, &a) !=
                             BK_OK);
                THROW_IF(bk_js__define_v(ctx, ctor, sp[-2], a, P_DEFAULT) !=
                         BK_OK);
            } else {
                bk_js_obj_t *cb = bk_js__wr(ctx, ctor);
                if (cb->u.f.fields == NULL)
                    cb->u.f.fields = bk_js__array_new(ctx, 4);
                bk_js__array_push(ctx, cb->u.f.fields, sp[-2]);
                bk_js__array_push(ctx, bk_js__wr(ctx, ctor)->u.f.fields,
                                  sp[-1]);
            }
            sp -= 2;
            pc += 2;
            NEXT;
        }
        CASE(INIT_FIELDS)
            SAVE();
            THROW_IF(init_fields(ctx, F->callee, F->this_val) != BK_OK);
            pc++;
            NEXT;
        CASE(SET_FNAME) {
            /* Names a function defined under a computed key. */
            a = sp[-1];
            if (v_is_obj(a) && v_obj(a)->cls == CLS_FUNCTION) {
                SAVE();
                bk_js_obj_t *fo = v_obj(a);
                bk_js_prop_t *np = bk_js__find(bk_js__rd(ctx, fo), A(ctx, name));
                if (np != NULL && v_is_str(np->v) && v_str(np->v)->len == 0) {
                    bk_js_sb_t sb;
                    bk_js__sb_init(&sb, ctx);
                    if (pc[1])
                        bk_js__sb_cstr(&sb, pc[1] == 1 ? "get " : "set ");
                    bk_js_str_t *k = v_str(sp[-2]);
                    if (v_is_sym(sp[-2])) {
                        if (k->x.desc) {
                            bk_js__sb_putc(&sb, '[');
                            bk_js__sb_str(&sb, k->x.desc);
                            bk_js__sb_putc(&sb, ']');
                        }
                    } else {
                        bk_js__sb_str(&sb, k);
                    }
                    bk_js__put_own(ctx, fo, A(ctx, name),
                                   v_mkstr(bk_js__sb_done(&sb)),
                                   P_CONFIGURABLE);
                }
            }
            pc += 2;
            NEXT;
        }
        CASE(CLASS)
            SAVE();
            THROW_IF(make_class(ctx, sp[-2], sp[-1], &a) != BK_OK);
            sp[-2] = a;
            pc += 5;
            NEXT;

#define ARITH(OPNAME, EXPR)                                                   \
    CASE(OPNAME)                                                              \
        a = sp[-2];                                                           \
        b = sp[-1];                                                           \
        if (BK_LIKELY(v_is_num(a) && v_is_num(b))) {                          \
            x = v_num(a);                                                     \
            y = v_num(b);                                                     \
        } else {                                                              \
            SAVE();                                                           \
            THROW_IF(num2(ctx, a, b, &x, &y) != BK_OK);                       \
        }                                                                     \
        sp[-2] = (EXPR);                                                      \
        sp--;                                                                 \
        pc++;                                                                 \
        NEXT;
        CASE(ADD)
            a = sp[-2];
            b = sp[-1];
            if (BK_LIKELY(v_is_num(a) && v_is_num(b))) {
                sp[-2] = v_mknum(v_num(a) + v_num(b));
            } else {
                SAVE();
                THROW_IF(op_add(ctx, a, b, &sp[-2]) != BK_OK);
            }
            sp--;
            pc++;
            NEXT;
        ARITH(SUB, v_mknum(x - y))
        ARITH(MUL, v_mknum(x * y))
        ARITH(DIV, v_mknum(x / y))
        CASE(MOD)
            a = sp[-2];
            b = sp[-1];
            if (BK_LIKELY(v_is_num(a) && v_is_num(b))) {
                x = v_num(a);
                y = v_num(b);
                /* Integer fast path; x >= 0 keeps -0 out of it. */
                if (x >= 0 && x <= 2147483647.0 && y >= 1 &&
                    y <= 2147483647.0 && x == (int32_t)x && y == (int32_t)y) {
                    sp[-2] = v_mknum((int32_t)x % (int32_t)y);
                    sp--;
                    pc++;
                    NEXT;
                }
            } else {
                SAVE();
                THROW_IF(num2(ctx, a, b, &x, &y) != BK_OK);
            }
            sp[-2] = v_mknum(js_mod(x, y));
            sp--;
            pc++;
            NEXT;
        ARITH(POW, v_mknum(js_pow(x, y)))
        ARITH(SHL, v_mknum((int32_t)((uint32_t)to_i32(x)
                                     << (to_i32(y) & 31))))
        ARITH(SAR, v_mknum(to_i32(x) >> (to_i32(y) & 31)))
        ARITH(SHR, v_mknum((uint32_t)to_i32(x) >>
                           (to_i32(y) & 31)))
        ARITH(BAND, v_mknum(to_i32(x) & to_i32(y)))
        ARITH(BOR, v_mknum(to_i32(x) | to_i32(y)))
        ARITH(BXOR, v_mknum(to_i32(x) ^ to_i32(y)))
        CASE(EQ)
        CASE(NE) {
            a = sp[-2];
            b = sp[-1];
            int eq;
            if (v_is_num(a) && v_is_num(b)) {
                eq = v_num(a) == v_num(b);
            } else {
                SAVE();
                THROW_IF(bk_js__loose_eq(ctx, a, b, &eq) != BK_OK);
            }
            sp[-2] = v_mkbool(*pc == OP_EQ ? eq : !eq);
            sp--;
            pc++;
            NEXT;
        }
        CASE(SEQ)
            sp[-2] = v_mkbool(bk_js__strict_eq(sp[-2], sp[-1]));
            sp--;
            pc++;
            NEXT;
        CASE(SNE)
            sp[-2] = v_mkbool(!bk_js__strict_eq(sp[-2], sp[-1]));
            sp--;
            pc++;
            NEXT;
        CASE(LT)
        CASE(LE)
        CASE(GT)
        CASE(GE) {
            a = sp[-2];
            b = sp[-1];
            int res;
            if (v_is_num(a) && v_is_num(b)) {
                x = v_num(a);
                y = v_num(b);
                switch (*pc) {
                case OP_LT: res = x < y; break;
                case OP_LE: res = x <= y; break;
                case OP_GT: res = x > y; break;
                default: res = x >= y; break;
                }
            } else {
                SAVE();
                switch (*pc) {
                case OP_LT:
                    THROW_IF(op_less(ctx, a, b, 1, &res) != BK_OK);
                    res = res == 1;
                    break;
                case OP_GT:
                    THROW_IF(op_less(ctx, b, a, 0, &res) != BK_OK);
                    res = res == 1;
                    break;
                case OP_LE:
                    THROW_IF(op_less(ctx, b, a, 0, &res) != BK_OK);
                    res = res == 0;
                    break;
                default:
                    THROW_IF(op_less(ctx, a, b, 1, &res) != BK_OK);
                    res = res == 0;
                    break;
                }
            }
            sp[-2] = v_mkbool(res);
            sp--;
            pc++;
            NEXT;
        }
        CASE(INSTANCEOF) {
            SAVE();
            int res;
            THROW_IF(bk_js__instance_of(ctx, sp[-2], sp[-1], &res) != BK_OK);
            sp[-2] = v_mkbool(res);
            sp--;
            pc++;
            NEXT;
        }
        CASE(IN)
            SAVE();
            THROW_IF(op_in(ctx, sp[-2], sp[-1], &sp[-2]) != BK_OK);
            sp--;
            pc++;
            NEXT;
        CASE(NEG)
        CASE(PLUS)
        CASE(BNOT)
        CASE(INC)
        CASE(DEC)
        CASE(TO_NUMERIC)
            a = sp[-1];
            if (v_is_num(a)) {
                x = v_num(a);
            } else {
                SAVE();
                THROW_IF(bk_js__to_number(ctx, a, &x) != BK_OK);
            }
            switch (*pc) {
            case OP_NEG: x = -x; break;
            case OP_BNOT: x = ~to_i32(x); break;
            case OP_INC: x = x + 1; break;
            case OP_DEC: x = x - 1; break;
            default: break;
            }
            sp[-1] = v_mknum(x);
            pc++;
            NEXT;
        CASE(NOT) sp[-1] = v_mkbool(!truthy(sp[-1])); pc++; NEXT;
        CASE(TYPEOF) SAVE(); sp[-1] = v_mkstr(bk_js__typeof(ctx, sp[-1]));
            pc++; NEXT;
        CASE(TO_STRING) {
            if (!v_is_str(sp[-1])) {
                bk_js_str_t *s;
                SAVE();
                THROW_IF(bk_js__to_string(ctx, sp[-1], &s) != BK_OK);
                sp[-1] = v_mkstr(s);
            }
            pc++;
            NEXT;
        }
        CASE(IS_UNDEF_OR_NULL) sp[-1] = v_mkbool(v_is_nullish(sp[-1])); pc++;
            NEXT;
        CASE(IS_UNDEF) sp[-1] = v_mkbool(sp[-1] == V_UNDEF); pc++; NEXT;

        CASE(JUMP) {
            int32_t off = rdi32(pc + 1);
            if (off <= 0) {
                /* A backward jump: charge the loop body's length. */
                ctx->fuel += off - 1;
                if (BK_UNLIKELY(ctx->fuel < 0) && ctx->budget) {
                    SAVE();
                    bk_js__abort(ctx, BK_JS_LIMIT_COMPUTE);
                }
            }
            pc += off;
            NEXT;
        }
        CASE(JUMP_IF_FALSE)
        CASE(JUMP_IF_TRUE) {
            a = *--sp;
            int t = truthy(a);
            if (t == (*pc == OP_JUMP_IF_TRUE)) {
                int32_t off = rdi32(pc + 1);
                if (off <= 0) {
                    ctx->fuel += off - 1;
                    if (BK_UNLIKELY(ctx->fuel < 0) && ctx->budget) {
                        SAVE();
                        bk_js__abort(ctx, BK_JS_LIMIT_COMPUTE);
                    }
                }
                pc += off;
            } else {
                pc += 5;
            }
            NEXT;
        }
        CASE(JUMP_IF_FALSE_KEEP)
            if (!truthy(sp[-1]))
                pc += rdi32(pc + 1);
            else
                sp--, pc += 5;
            NEXT;
        CASE(JUMP_IF_TRUE_KEEP)
            if (truthy(sp[-1]))
                pc += rdi32(pc + 1);
            else
                sp--, pc += 5;
            NEXT;
        CASE(JUMP_IF_NOT_NULLISH_KEEP)
            if (!v_is_nullish(sp[-1]))
                pc += rdi32(pc + 1);
            else
                sp--, pc += 5;
            NEXT;
        CASE(JUMP_IF_NULLISH)
            if (v_is_nullish(sp[-1])) {
                sp--;
                pc += rdi32(pc + 1);
            } else {
                pc += 5;
            }
            NEXT;
        CASE(JUMP_KIND)
            if (v_is_num(sp[-1]) && v_num(sp[-1]) == pc[1])
                pc += rdi32(pc + 2);
            else
                pc += 6;
            NEXT;

        CASE(CALL)
        CASE(NEW)
        CASE(SUPER_CALL) {
            argc = pc[1];
            args = sp - argc;
            nt = V_UNDEF;
            op = *pc;
            flags = 0;
            if (op == OP_CALL) {
                f = args[-1];
                this_val = args[-2];
            } else if (op == OP_NEW) {
                f = args[-1];
                this_val = V_EMPTY;
                nt = f;
            } else {
                /* super(...): the parent class of the running ctor. */
                f = v_mkobj(bk_js__rd(ctx, F->callee)->proto);
                this_val = V_EMPTY;
                nt = F->new_target;
                if (F->this_val != V_EMPTY) {
                    SAVE();
                    bk_js__throw(ctx, ERR_ReferenceError,
                                 "Super constructor may only be called once");
                    goto exception;
                }
            }
            pc += 2;
        do_call:
            SAVE();
            bk_js__charge(ctx, 8); /* a call costs about 8 loop steps */
            if (BK_LIKELY(v_is_obj(f)) && v_obj(f)->cls == CLS_FUNCTION &&
                F->gen == NULL) {
                bk_js_obj_t *fo = v_obj(f);
                bk_js_code_t *fn = fo->u.f.fn;
                if (op == OP_CALL) {
                    if (BK_UNLIKELY(fo->flags & OF_CLASS_CTOR)) {
                        bk_js__type_error(ctx, "Class constructor cannot be "
                                               "invoked without 'new'");
                        goto exception;
                    }
                    if (BK_UNLIKELY(fn->flags & (FN_ASYNC | FN_GEN))) {
                        r = (fn->flags & FN_ASYNC)
                                ? call_async(ctx, fo, this_val, args, argc, &a)
                                : call_generator(ctx, fo, this_val, args, argc,
                                                 &a);
                        THROW_IF(r != BK_OK);
                        sp = (op == OP_CALL ? args - 2 : args - 1);
                        *sp++ = a;
                        NEXT;
                    }
                } else {
                    if (!(fo->flags & OF_CTOR)) {
                        bk_js__type_error(ctx, "%s is not a constructor",
                                          bk_js__describe(ctx, f));
                        goto exception;
                    }
                    flags = FR_CTOR;
                    if (fn->flags & FN_DERIVED) {
                        flags |= FR_DERIVED;
                    } else {
                        bk_js_obj_t *proto = ctor_proto(
                            ctx, nt, ctx->prog->proto[PROTO_OBJECT]);
                        this_val = v_mkobj(bk_js__obj_new(ctx, CLS_OBJECT,
                                                          proto));
                    }
                }
                /* Where the result goes: the this/callee slots. */
                F->sp = op == OP_CALL ? args - 2 : args - 1;
                if (op == OP_SUPER_CALL)
                    F->sp = args;
                bk_js_frame_t *nf = enter_code(ctx, fo, this_val, args, argc,
                                               nt, flags);
                THROW_IF(nf == NULL);
                if (op == OP_SUPER_CALL)
                    nf->flags |= 0x80; /* result becomes the caller's this */
                F = nf;
                pc = F->pc;
                sp = F->sp;
                NEXT;
            }
            if (op == OP_CALL && v_is_obj(f) && v_obj(f)->cls == CLS_NATIVE &&
                (v_obj(f)->flags & OF_CALLABLE))
                r = call_native(ctx, v_obj(f), this_val, (int)argc, args,
                                V_UNDEF, &a);
            else if (op == OP_CALL)
                r = bk_js__call(ctx, f, this_val, (int)argc, args, &a);
            else
                r = bk_js__construct(ctx, f, (int)argc, args, nt, &a);
            THROW_IF(r != BK_OK);
            if (op == OP_SUPER_CALL) {
                if (F->this_val != V_EMPTY) {
                    bk_js__throw(ctx, ERR_ReferenceError,
                                 "Super constructor may only be called once");
                    goto exception;
                }
                F->this_val = a;
                sp = args;
                F->sp = sp;
                THROW_IF(init_fields(ctx, F->callee, a) != BK_OK);
            } else {
                sp = op == OP_CALL ? args - 2 : args - 1;
            }
            *sp++ = a;
            NEXT;
        }
        CASE(CALL_ARRAY)
        CASE(NEW_ARRAY_ARGS)
        CASE(SUPER_CALL_ARRAY) {
            /* Spread calls: unpack the array onto the stack, then call. */
            op = *pc == OP_CALL_ARRAY ? OP_CALL
                 : *pc == OP_NEW_ARRAY_ARGS ? OP_NEW : OP_SUPER_CALL;
            bk_js_obj_t *arr = bk_js__rd(ctx, v_obj(sp[-1]));
            argc = arr->len;
            sp--;
            if (sp + argc + 16 >= ctx->stack_end || argc > 65535) {
                SAVE();
                bk_js__range_error(ctx, "Maximum call stack size exceeded");
                goto exception;
            }
            for (uint32_t i = 0; i < argc; i++)
                sp[i] = i < arr->nelems && arr->elems[i] != V_EMPTY
                            ? arr->elems[i] : V_UNDEF;
            args = sp;
            sp += argc;
            this_val = V_EMPTY;
            nt = V_UNDEF;
            flags = 0;
            if (op == OP_CALL) {
                f = args[-1];
                this_val = args[-2];
            } else if (op == OP_NEW) {
                f = args[-1];
                nt = f;
            } else {
                f = v_mkobj(bk_js__rd(ctx, F->callee)->proto);
                nt = F->new_target;
            }
            pc += 1;
            goto do_call;
        }
        CASE(CHECK_THIS) pc++; NEXT;
        CASE(RETURN)
        CASE(RETURN_UNDEF) {
            a = *pc == OP_RETURN ? sp[-1] : V_UNDEF;
            if (F->flags & FR_CTOR) {
                if (!v_is_obj(a)) {
                    if (a != V_UNDEF && (F->flags & FR_DERIVED)) {
                        SAVE();
                        bk_js__type_error(ctx, "Derived constructors may only "
                                               "return object or undefined");
                        goto exception;
                    }
                    a = F->this_val;
                    if (a == V_EMPTY) {
                        SAVE();
                        bk_js__throw(ctx, ERR_ReferenceError,
                                     "Must call super constructor in derived "
                                     "class before accessing 'this' or "
                                     "returning from derived constructor");
                        goto exception;
                    }
                }
            }
            uint8_t fflags = F->flags;
            ctx->ntries = F->try_base;
            ctx->nframes--;
            if (fflags & FR_ENTRY) {
                *ret = a;
                return BK_OK;
            }
            F = &ctx->frames[ctx->nframes - 1];
            pc = F->pc;
            sp = F->sp;
            if (fflags & 0x80) {
                F->this_val = a;
                THROW_IF(init_fields(ctx, F->callee, a) != BK_OK);
            }
            *sp++ = a;
            NEXT;
        }
        CASE(THROW)
            SAVE();
            ctx->exc = sp[-1];
            ctx->has_exc = 1;
            goto exception;
        CASE(THROW_ERR) {
            SAVE();
            bk_js_str_t *k = ATOM(2);
            char *s = bk_js__str_to_utf8(ctx, k, NULL);
            bk_js__throw(ctx, pc[1], "%s", s);
            goto exception;
        }
        CASE(TRY)
        CASE(TRY_FIN) {
            if (ctx->ntries >= ctx->max_tries) {
                SAVE();
                bk_js__range_error(ctx, "Maximum call stack size exceeded");
                goto exception;
            }
            bk_js_try_t *t = &ctx->tries[ctx->ntries++];
            t->frame = ctx->nframes - 1;
            t->fin = *pc == OP_TRY_FIN;
            t->pc = pc + rdi32(pc + 1);
            t->sp = sp;
            t->env = F->env;
            pc += 5;
            NEXT;
        }
        CASE(END_TRY) ctx->ntries--; pc++; NEXT;
        CASE(FIN_END)
            if (v_is_num(sp[-1]) && v_num(sp[-1]) == 1) {
                SAVE();
                ctx->exc = sp[-2];
                ctx->has_exc = 1;
                goto exception;
            }
            sp -= 2;
            pc++;
            NEXT;
        CASE(FOR_IN)
            SAVE();
            sp[-1] = v_mkobj(forin_new(ctx, sp[-1]));
            pc++;
            NEXT;
        CASE(FOR_IN_NEXT) {
            bk_js_obj_t *it = v_obj(sp[-1]);
            SAVE();
            for (;;) {
                if (it->u.forin.i >= it->u.forin.n) {
                    pc += rdi32(pc + 1);
                    break;
                }
                a = it->u.forin.keys[it->u.forin.i++];
                int has;
                THROW_IF(bk_js__has(ctx, v_obj(it->u.forin.obj), v_str(a),
                                    &has) != BK_OK);
                if (!has)
                    continue;
                *sp++ = a;
                pc += 5;
                break;
            }
            bk_js__charge(ctx, 1);
            NEXT;
        }
        CASE(GET_ITER)
            SAVE();
            THROW_IF(bk_js__get_iterator(ctx, sp[-1], &a, &b) != BK_OK);
            sp[-1] = a;
            *sp++ = b;
            pc++;
            NEXT;
        CASE(ITER_NEXT)
            SAVE();
            /* next == null marks an iterator already done: no more calls */
            r = sp[-1] == V_NULL ? 0 : bk_js__iter_step(ctx, sp[-2], sp[-1], &a);
            THROW_IF(r < 0);
            bk_js__charge(ctx, 1);
            if (r == 0) {
                sp[-1] = V_NULL;
                pc += rdi32(pc + 1);
            } else {
                *sp++ = a;
                pc += 5;
            }
            NEXT;
        CASE(ITER_CLOSE)
            SAVE();
            sp -= 2;
            F->sp = sp;
            if (sp[1] != V_NULL)
                THROW_IF(bk_js__iter_close(ctx, sp[0]) != BK_OK);
            pc++;
            NEXT;
        CASE(AWAIT)
        CASE(YIELD)
        CASE(INITIAL_YIELD) {
            if (F->gen == NULL) {
                SAVE();
                bk_js__throw(ctx, ERR_SyntaxError, "unexpected yield/await");
                goto exception;
            }
            a = *pc == OP_INITIAL_YIELD ? V_UNDEF : *--sp;
            pc++;
            SAVE();
            gen_suspend(ctx, F);
            *ret = a;
            return BK_OK;
        }
        CASE(IMPORT) {
            SAVE();
            val_t req, name = v_mkstr(ATOM(1));
            r = global_get(ctx, bk_js__atom_cstr(ctx, "require"), &req);
            if (r == 0)
                bk_js__throw(ctx, ERR_Error, "Cannot find module");
            THROW_IF(r <= 0);
            THROW_IF(bk_js__call(ctx, req, V_UNDEF, 1, &name, &a) != BK_OK);
            *sp++ = a;
            pc += 5;
            NEXT;
        }
        }
#ifdef BK_JS_SWITCH
        /* unknown opcode */
        BK_ASSERT(!"bad opcode");
#endif
    tdz : {
        SAVE();
        bk_js__throw(ctx, ERR_ReferenceError,
                     "Cannot access a variable before initialization");
        goto exception;
    }
    exception:
        /* Unwind to the innermost handler; frames without one are popped
         * until the entry frame, which returns the error to C. */
        for (;;) {
            F = &ctx->frames[ctx->nframes - 1];
            if (ctx->ntries > F->try_base) {
                bk_js_try_t *t = &ctx->tries[--ctx->ntries];
                if (ctx->exc == V_EMPTY && !t->fin)
                    continue; /* a generator return(): catch is skipped */
                sp = t->sp;
                F->env = t->env;
                *sp++ = ctx->exc;
                ctx->has_exc = 0;
                ctx->exc = V_UNDEF;
                pc = t->pc;
                break;
            }
            uint8_t fflags = F->flags;
            ctx->nframes--;
            if (fflags & FR_ENTRY)
                return BK_ERR;
        }
        bk_js__charge(ctx, 1);
    }
}
