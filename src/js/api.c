/*
 * api.c: the embedding API of js.h: programs (templates), contexts,
 * invocations, and values seen from C.
 *
 * Every entry point that can run JS or allocate sets up a guard, so that a
 * limit (memory cap, compute budget) ends the call with BK_ERR instead of
 * unwinding into the embedder. Once a limit has ended an invocation, every
 * further call in it fails at once; bk_js_begin() starts clean.
 */
#include <stdio.h>
#include <stdlib.h>

#include "js/js_int.h"
#include "js/re.h"

#define DEFAULT_MEMORY ((size_t)2 << 20)
#define DEFAULT_DEPTH 2000
#define STACK_VALUES (256 * 1024)
#define TEMPLATE_CAP ((size_t)256 << 20)
#define INV_FIRST_CHUNK ((size_t)64 << 10)

static const char *limit_msg(bk_js_limit_t l)
{
    return l == BK_JS_LIMIT_MEMORY ? "InternalError: memory limit exceeded"
                                   : "InternalError: compute budget exceeded";
}

/* ---- contexts ----------------------------------------------------------- */

static bk_js_ctx_t *ctx_alloc(bk_js_prog_t *p)
{
    bk_js_ctx_t *ctx = bk_calloc(1, sizeof(*ctx));
    if (ctx == NULL)
        return NULL;
    ctx->prog = p;
    ctx->stack = bk_malloc(STACK_VALUES * sizeof(val_t));
    ctx->max_frames = p->max_depth;
    ctx->frames = bk_malloc((ctx->max_frames + 1) * sizeof(bk_js_frame_t));
    ctx->max_tries = 8192;
    ctx->tries = bk_malloc(ctx->max_tries * sizeof(bk_js_try_t));
    if (!ctx->stack || !ctx->frames || !ctx->tries) {
        bk_free(ctx->stack);
        bk_free(ctx->frames);
        bk_free(ctx->tries);
        bk_free(ctx);
        return NULL;
    }
    ctx->stack_end = ctx->stack + STACK_VALUES;
    ctx->log = p->log;
    ctx->log_data = p->log_data;
    ctx->exc = V_UNDEF;
    ctx->new_target = V_UNDEF;
    return ctx;
}

static void ctx_release(bk_js_ctx_t *ctx)
{
    bk_free(ctx->stack);
    bk_free(ctx->frames);
    bk_free(ctx->tries);
    bk_free(ctx->overlay);
}

bk_js_ctx_t *bk_js_ctx_new(bk_js_prog_t *p)
{
    if (p == NULL || !p->loaded)
        return NULL;
    bk_js_ctx_t *ctx = ctx_alloc(p);
    if (ctx == NULL)
        return NULL;
    ctx->noverlay = p->nobjs + 1;
    ctx->overlay = bk_calloc(ctx->noverlay, sizeof(bk_js_overlay_t));
    if (ctx->overlay == NULL) {
        ctx_release(ctx);
        bk_free(ctx);
        return NULL;
    }
    size_t cap = p->memory_limit == SIZE_MAX ? 0 : p->memory_limit;
    bk_arena_init(&ctx->inv, cap && cap < INV_FIRST_CHUNK ? cap
                                                          : INV_FIRST_CHUNK,
                  cap);
    ctx->arena = &ctx->inv;
    ctx->budget = p->budget;
    /* Usable at once (generation 1: no overlay entry matches yet). */
    bk_js_begin(ctx);
    return ctx;
}

void bk_js_ctx_free(bk_js_ctx_t *ctx)
{
    if (ctx == NULL)
        return;
    bk_arena_destroy(&ctx->inv);
    ctx_release(ctx);
    bk_free(ctx);
}

void bk_js_begin(bk_js_ctx_t *ctx)
{
    if (++ctx->gen == 0) {
        /* Generation wrapped: forget every copy explicitly, once. */
        memset(ctx->overlay, 0, ctx->noverlay * sizeof(bk_js_overlay_t));
        ctx->gen = 1;
    }
    bk_arena_reset(&ctx->inv);
    ctx->arena = &ctx->inv;
    ctx->atoms.slots = NULL;
    ctx->atoms.mask = ctx->atoms.count = 0;
    ctx->nframes = ctx->ntries = 0;
    ctx->depth = 0;
    ctx->guard = NULL;
    ctx->limit = BK_JS_LIMIT_NONE;
    ctx->has_exc = 0;
    ctx->exc = V_UNDEF;
    ctx->exc_str = NULL;
    ctx->jobs = ctx->jobs_tail = NULL;
    ctx->rejections = NULL;
    ctx->join_depth = 0;
    ctx->now_ms = 0; /* the clock is read once, on first use */
    ctx->fuel = ctx->budget > (uint64_t)INT64_MAX ? INT64_MAX
                                                  : (int64_t)ctx->budget;
    ctx->rng = 0x9E3779B97F4A7C15ull ^ ctx->gen;
}

void bk_js_end(bk_js_ctx_t *ctx)
{
    ctx->jobs = ctx->jobs_tail = NULL;
    ctx->has_exc = 0;
    ctx->exc = V_UNDEF;
    bk_arena_reset(&ctx->inv);
}

void bk_js_set_budget(bk_js_ctx_t *ctx, uint64_t budget)
{
    ctx->budget = budget;
    ctx->fuel = budget > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)budget;
}

uint64_t bk_js_work_used(const bk_js_ctx_t *ctx)
{
    if (ctx->budget == 0 || ctx->budget > (uint64_t)INT64_MAX)
        return (uint64_t)(INT64_MAX - BK_MIN(ctx->fuel, INT64_MAX));
    int64_t left = ctx->fuel < 0 ? 0 : ctx->fuel;
    return ctx->budget - (uint64_t)left;
}

unsigned bk_js_utilization(const bk_js_ctx_t *ctx)
{
    if (ctx->budget == 0 || ctx->budget > (uint64_t)INT64_MAX)
        return 0;
    uint64_t used = bk_js_work_used(ctx);
    uint64_t u = (used * 100 + ctx->budget - 1) / ctx->budget;
    return (unsigned)BK_MIN(u, 100);
}

bk_js_limit_t bk_js_limit_hit(const bk_js_ctx_t *ctx) { return ctx->limit; }

void bk_js_set_log(bk_js_ctx_t *ctx, bk_js_log_cb_t cb, void *data)
{
    ctx->log = cb;
    ctx->log_data = data;
}

bk_js_runtime_t bk_js_runtime(const bk_js_ctx_t *ctx)
{
    return ctx->prog->runtime;
}

/* ---- exceptions -------------------------------------------------------- */

/* "Name: message" for a thrown value, as node-shim.js prints it. */
static const char *format_exc(bk_js_ctx_t *ctx, val_t e)
{
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    int has = 0;
    if (v_is_obj(e) &&
        bk_js__has(ctx, v_obj(e), A(ctx, name), &has) == BK_OK && has) {
        val_t name, msg;
        bk_js_str_t *s;
        if (bk_js__get(ctx, e, A(ctx, name), &name) == BK_OK &&
            bk_js__to_string(ctx, name, &s) == BK_OK)
            bk_js__sb_str(&sb, s);
        bk_js__sb_cstr(&sb, ": ");
        if (bk_js__get(ctx, e, A(ctx, message), &msg) == BK_OK &&
            bk_js__to_string(ctx, msg, &s) == BK_OK)
            bk_js__sb_str(&sb, s);
    } else {
        bk_js_str_t *s;
        bk_js__sb_cstr(&sb, "Error: uncaught ");
        if (v_is_sym(e))
            bk_js__sb_cstr(&sb, "Symbol()");
        else if (bk_js__to_string(ctx, e, &s) == BK_OK)
            bk_js__sb_str(&sb, s);
    }
    ctx->has_exc = 0;
    return bk_js__str_to_utf8(ctx, bk_js__sb_done(&sb), NULL);
}

const char *bk_js_exception_str(bk_js_ctx_t *ctx)
{
    if (ctx->limit != BK_JS_LIMIT_NONE)
        return limit_msg(ctx->limit);
    if (ctx->exc_str)
        return ctx->exc_str;
    if (!ctx->has_exc)
        return NULL;
    val_t e = ctx->exc;
    bk_js_guard_t g;
    bk_js__guard_enter(ctx, &g);
    if (BK_JS_SETJMP(g) == 0) {
        ctx->exc_str = format_exc(ctx, e);
        bk_js__guard_leave(ctx, &g);
    } else {
        return limit_msg(ctx->limit);
    }
    ctx->has_exc = 1;
    ctx->exc = e;
    return ctx->exc_str;
}

bk_js_val_t bk_js_take_exception(bk_js_ctx_t *ctx)
{
    val_t e = ctx->has_exc ? ctx->exc : V_UNDEF;
    ctx->has_exc = 0;
    ctx->exc = V_UNDEF;
    ctx->exc_str = NULL;
    return e;
}

/* ---- programs ------------------------------------------------------ */

static void make_atoms(bk_js_ctx_t *ctx)
{
    static const char *const names[] = {
#define BK_JS__ATOM_STR(id, s) s,
        BK_JS_ATOMS(BK_JS__ATOM_STR)
#undef BK_JS__ATOM_STR
    };
    for (int i = 0; i < ATOM__COUNT; i++)
        ctx->prog->atom[i] = bk_js__atom_cstr(ctx, names[i]);
}

/* The part of bk_js_load() that runs under a guard (kept apart so that
 * no local of the caller lives across the setjmp). */
static int load_guarded(bk_js_ctx_t *ctx, const char *src, size_t n,
                        const bk_js_opts_t *opts, char *err, size_t errlen)
{
    bk_js_prog_t *p = ctx->prog;
    volatile int ok = 0;
    bk_js_guard_t g;
    bk_js__guard_enter(ctx, &g);
    if (BK_JS_SETJMP(g) == 0) {
        make_atoms(ctx);
        if (opts->filename)
            p->filename = bk_arena_strndup(&p->arena, opts->filename,
                                           strlen(opts->filename));
        bk_js__install_builtins(ctx);
        if (opts->setup && opts->setup(ctx, opts->setup_data) != BK_OK) {
            const char *e = bk_js_exception_str(ctx);
            snprintf(err, errlen, "%s", e ? e : "Error: setup failed");
        } else {
            bk_js_code_t *fn = bk_js__compile(ctx, src, n, err, errlen);
            if (fn != NULL && opts->compile_only) {
                p->main = fn;
                ok = 1;
            } else if (fn != NULL) {
                p->main = fn;
                val_t ret;
                if (bk_js__run_script(ctx, fn, &ret) == BK_OK &&
                    bk_js__run_jobs(ctx) == BK_OK &&
                    (opts->allow_unhandled_rejections ||
                     bk_js__check_rejections(ctx) == BK_OK)) {
                    ok = 1;
                } else {
                    const char *e = bk_js_exception_str(ctx);
                    snprintf(err, errlen, "%s", e ? e : "Error: load failed");
                }
            }
        }
        bk_js__guard_leave(ctx, &g);
    } else {
        snprintf(err, errlen, "%s", limit_msg(ctx->limit));
    }
    return ok;
}

bk_js_prog_t *bk_js_load(const char *src, size_t n, const bk_js_opts_t *opts,
                         char *err, size_t errlen)
{
    bk_js_opts_t dflt;
    if (opts == NULL) {
        memset(&dflt, 0, sizeof(dflt));
        opts = &dflt;
    }
    if (errlen)
        err[0] = 0;
    bk_js_prog_t *p = bk_calloc(1, sizeof(*p));
    if (p == NULL) {
        snprintf(err, errlen, "InternalError: out of memory");
        return NULL;
    }
    bk_arena_init(&p->arena, 256 * 1024,
                  opts->template_limit ? opts->template_limit : TEMPLATE_CAP);
    p->runtime = opts->runtime ? opts->runtime : BK_JS_RUNTIME_2_0;
    p->memory_limit = opts->memory_limit ? opts->memory_limit : DEFAULT_MEMORY;
    p->budget = opts->compute_budget ? opts->compute_budget
                                     : BK_JS_DEFAULT_BUDGET;
    if (p->budget == UINT64_MAX)
        p->budget = 0;
    p->max_depth = opts->max_depth ? opts->max_depth : DEFAULT_DEPTH;
    p->log = opts->log;
    p->log_data = opts->log_data;
    bk_js_ctx_t *ctx = ctx_alloc(p);
    if (ctx == NULL) {
        bk_arena_destroy(&p->arena);
        bk_free(p);
        snprintf(err, errlen, "InternalError: out of memory");
        return NULL;
    }
    ctx->template_mode = 1;
    ctx->arena = &p->arena;
    /* The top level runs under a budget too (10x an invocation's). */
    ctx->budget = opts->load_budget ? opts->load_budget
                  : p->budget     ? p->budget * 10
                                  : 0;
    if (ctx->budget == UINT64_MAX)
        ctx->budget = 0;
    ctx->fuel = ctx->budget ? (int64_t)BK_MIN(ctx->budget, (uint64_t)INT64_MAX)
                            : INT64_MAX;
    int ok = load_guarded(ctx, src, n, opts, err, errlen);
    ctx_release(ctx);
    bk_free(ctx);
    if (!ok) {
        bk_js_prog_free(p);
        return NULL;
    }
    p->loaded = 1;
    return p;
}

void bk_js_prog_free(bk_js_prog_t *p)
{
    if (p == NULL)
        return;
    for (bk_js_re_list_t *r = p->regexps; r != NULL; r = r->next)
        bk_js_re_free(r->re);
    bk_arena_destroy(&p->arena);
    bk_free(p);
}

void bk_js_disasm(bk_js_prog_t *p, void *out)
{
    /* A scratch context for printing (atoms of names are in the template). */
    bk_js_ctx_t *ctx = bk_js_ctx_new(p);
    if (ctx == NULL)
        return;
    bk_js_begin(ctx);
    bk_js_guard_t g;
    bk_js__guard_enter(ctx, &g);
    if (BK_JS_SETJMP(g) == 0) {
        for (uint32_t i = p->nall_funcs; i-- > 0;) {
            bk_js__disasm_func(ctx, p->all_funcs[i], out);
            fputc('\n', (FILE *)out);
        }
        bk_js__guard_leave(ctx, &g);
    }
    bk_js_end(ctx);
    bk_js_ctx_free(ctx);
}

/* ---- guarded entry points ---------------------------------------------- */

#define GUARDED(ctx, fail, body)                                              \
    do {                                                                      \
        if ((ctx)->limit != BK_JS_LIMIT_NONE)                                 \
            return fail;                                                      \
        bk_js_guard_t g_;                                                     \
        bk_js__guard_enter((ctx), &g_);                                       \
        if (BK_JS_SETJMP(g_) == 0) {                                             \
            body;                                                             \
            bk_js__guard_leave((ctx), &g_);                                   \
        } else {                                                              \
            return fail;                                                      \
        }                                                                     \
    } while (0)

int bk_js_call(bk_js_ctx_t *ctx, bk_js_val_t f, bk_js_val_t this_val,
               int argc, const bk_js_val_t *argv, bk_js_val_t *ret)
{
    volatile int rc = BK_ERR;
    *ret = V_UNDEF;
    ctx->exc_str = NULL;
    GUARDED(ctx, BK_ERR, rc = bk_js__call(ctx, f, this_val, argc, argv, ret));
    return rc;
}

int bk_js_run_jobs(bk_js_ctx_t *ctx)
{
    volatile int rc = BK_ERR;
    GUARDED(ctx, BK_ERR, rc = bk_js__run_jobs(ctx));
    return rc;
}

bk_js_val_t bk_js_get_global(bk_js_ctx_t *ctx, const char *name)
{
    volatile val_t v = V_UNDEF;
    GUARDED(ctx, V_UNDEF, {
        bk_js_str_t *k = bk_js__atom_cstr(ctx, name);
        bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, ctx->prog->global_lex), k);
        val_t t = V_UNDEF;
        if (p != NULL && p->v != V_EMPTY)
            t = p->v;
        else if (bk_js__get(ctx, v_mkobj(ctx->prog->global), k, &t) != BK_OK)
            t = V_UNDEF;
        v = t;
    });
    return v;
}

int bk_js_set_global(bk_js_ctx_t *ctx, const char *name, bk_js_val_t v)
{
    GUARDED(ctx, BK_ERR,
            bk_js__put_own(ctx, ctx->prog->global,
                           bk_js__atom_cstr(ctx, name), v,
                           P_WRITABLE | P_CONFIGURABLE));
    return BK_OK;
}

/* ---- values ------------------------------------------------------------ */

bk_js_val_t bk_js_undefined(void) { return V_UNDEF; }
bk_js_val_t bk_js_null(void) { return V_NULL; }
bk_js_val_t bk_js_bool(int b) { return v_mkbool(b); }
bk_js_val_t bk_js_number(double d) { return v_mknum(d); }
int bk_js_is_undefined(bk_js_val_t v) { return v == V_UNDEF; }
int bk_js_is_null(bk_js_val_t v) { return v == V_NULL; }
int bk_js_is_bool(bk_js_val_t v) { return v_is_bool(v); }
int bk_js_is_number(bk_js_val_t v) { return v_is_num(v); }
int bk_js_is_string(bk_js_val_t v) { return v_is_str(v); }
int bk_js_is_object(bk_js_val_t v) { return v_is_obj(v); }
int bk_js_is_function(bk_js_val_t v) { return bk_js__is_callable(v); }
int bk_js_to_bool(bk_js_val_t v) { return bk_js__truthy(v); }
double bk_js_get_number(bk_js_val_t v) { return v_is_num(v) ? v_num(v) : 0; }

int bk_js_is_array(bk_js_ctx_t *ctx, bk_js_val_t v)
{
    return v_is_obj(v) && v_obj(v)->cls == CLS_ARRAY;
}

bk_js_val_t bk_js_string(bk_js_ctx_t *ctx, const char *s, size_t n)
{
    volatile val_t v = V_UNDEF;
    GUARDED(ctx, V_UNDEF, v = v_mkstr(bk_js__str_utf8(ctx, s, n)));
    return v;
}

const char *bk_js_to_utf8(bk_js_ctx_t *ctx, bk_js_val_t v, size_t *n)
{
    const char *volatile r = NULL;
    GUARDED(ctx, NULL, {
        bk_js_str_t *s;
        if (bk_js__to_string(ctx, v, &s) == BK_OK)
            r = bk_js__str_to_utf8(ctx, s, n);
    });
    return r;
}

bk_js_val_t bk_js_object(bk_js_ctx_t *ctx)
{
    volatile val_t v = V_UNDEF;
    GUARDED(ctx, V_UNDEF,
            v = v_mkobj(bk_js__obj_new(ctx, CLS_OBJECT,
                                       ctx->prog->proto[PROTO_OBJECT])));
    return v;
}

bk_js_val_t bk_js_array(bk_js_ctx_t *ctx)
{
    volatile val_t v = V_UNDEF;
    GUARDED(ctx, V_UNDEF, v = v_mkobj(bk_js__array_new(ctx, 0)));
    return v;
}

bk_js_val_t bk_js_function(bk_js_ctx_t *ctx, const char *name,
                           bk_js_native_t fn, int length)
{
    volatile val_t v = V_UNDEF;
    GUARDED(ctx, V_UNDEF,
            v = v_mkobj(bk_js__native_new(ctx, bk_js__atom_cstr(ctx, name), fn,
                                          length, 0)));
    return v;
}

int bk_js_set(bk_js_ctx_t *ctx, bk_js_val_t obj, const char *key,
              bk_js_val_t v)
{
    volatile int rc = BK_ERR;
    GUARDED(ctx, BK_ERR,
            rc = bk_js__set(ctx, obj, bk_js__atom_cstr(ctx, key), v));
    return rc;
}

int bk_js_set_index(bk_js_ctx_t *ctx, bk_js_val_t obj, uint32_t i,
                    bk_js_val_t v)
{
    volatile int rc = BK_ERR;
    GUARDED(ctx, BK_ERR, rc = bk_js__set_index(ctx, obj, i, v));
    return rc;
}

int bk_js_get(bk_js_ctx_t *ctx, bk_js_val_t obj, const char *key,
              bk_js_val_t *out)
{
    volatile int rc = BK_ERR;
    *out = V_UNDEF;
    GUARDED(ctx, BK_ERR,
            rc = bk_js__get(ctx, obj, bk_js__atom_cstr(ctx, key), out));
    return rc;
}

int bk_js_get_index(bk_js_ctx_t *ctx, bk_js_val_t obj, uint32_t i,
                    bk_js_val_t *out)
{
    volatile int rc = BK_ERR;
    *out = V_UNDEF;
    GUARDED(ctx, BK_ERR, rc = bk_js__get_index(ctx, obj, i, out));
    return rc;
}

uint32_t bk_js_array_length(bk_js_ctx_t *ctx, bk_js_val_t arr)
{
    if (!v_is_obj(arr) || v_obj(arr)->cls != CLS_ARRAY)
        return 0;
    return bk_js__rd(ctx, v_obj(arr))->len;
}

int bk_js_keys(bk_js_ctx_t *ctx, bk_js_val_t obj, bk_js_val_t **keys,
               uint32_t *n)
{
    *keys = NULL;
    *n = 0;
    if (!v_is_obj(obj))
        return BK_OK;
    GUARDED(ctx, BK_ERR, *keys = bk_js__own_keys(ctx, v_obj(obj), 1, 1, n));
    return BK_OK;
}

/* ---- keys and bulk access ---------------------------------------------- */

/* Strings the embedder hands over are capped well below the engine's own
 * string limit. */
#define EXT_MAX_LEN ((size_t)1 << 28)

static bk_js_str_t *key_of(bk_js_ctx_t *ctx, const char *s, size_t n)
{
    if (!bk_js__bytes_ascii((const uint8_t *)s, n))
        return bk_js__atom(ctx, bk_js__str_utf8(ctx, s, n));
    /* bk_js__atom copies a new atom out of the probe. */
    bk_js_str_t probe;
    memset(&probe, 0, sizeof(probe));
    probe.len = (uint32_t)n;
    probe.d.u8 = (const uint8_t *)s;
    return bk_js__atom(ctx, &probe);
}

bk_js_key_t bk_js_key(bk_js_ctx_t *ctx, const char *s, size_t n)
{
    bk_js_str_t *volatile k = NULL;
    if (n > EXT_MAX_LEN)
        return NULL;
    GUARDED(ctx, NULL, k = key_of(ctx, s, n));
    return k;
}

int bk_js_get_k(bk_js_ctx_t *ctx, bk_js_val_t obj, bk_js_key_t key,
                bk_js_val_t *out)
{
    volatile int rc = BK_ERR;
    *out = V_UNDEF;
    if (v_is_obj(obj) && key != NULL && !(key->flags & STR_INDEX)) {
        /* Ordinary objects holding data properties (the event and what
         * handlers return) need neither a guard nor the exotic cases:
         * walk the chain here; anything else takes the full [[Get]]. */
        bk_js_obj_t *o = v_obj(obj);
        while (o != NULL && o->cls == CLS_OBJECT) {
            bk_js_obj_t *b = bk_js__rd(ctx, o);
            bk_js_prop_t *p = bk_js__find(b, key);
            if (p != NULL) {
                if (p->flags & P_ACCESSOR)
                    break;
                *out = p->v;
                return BK_OK;
            }
            o = b->proto;
        }
        if (o == NULL)
            return BK_OK; /* absent: undefined */
    }
    GUARDED(ctx, BK_ERR, rc = bk_js__get(ctx, obj, key, out));
    return rc;
}

int bk_js_set_k(bk_js_ctx_t *ctx, bk_js_val_t obj, bk_js_key_t key,
                bk_js_val_t v)
{
    volatile int rc = BK_ERR;
    GUARDED(ctx, BK_ERR, rc = bk_js__set(ctx, obj, key, v));
    return rc;
}

int bk_js_define_k(bk_js_ctx_t *ctx, bk_js_val_t obj, bk_js_key_t key,
                   bk_js_val_t v)
{
    volatile int rc = BK_ERR;
    if (!v_is_obj(obj))
        return BK_ERR;
    GUARDED(ctx, BK_ERR,
            rc = bk_js__define(ctx, v_obj(obj), key, v, P_DEFAULT));
    return rc;
}

bk_js_val_t bk_js_object_from(bk_js_ctx_t *ctx, const bk_js_key_t *keys,
                              const bk_js_val_t *vals, uint32_t n)
{
    volatile val_t v = V_UNDEF;
    for (uint32_t i = 0; i < n; i++)
        if (keys[i] == NULL)
            return V_UNDEF;
    GUARDED(ctx, V_UNDEF,
            v = v_mkobj(bk_js__obj_from(ctx, ctx->prog->proto[PROTO_OBJECT],
                                        keys, vals, n, 0)));
    return v;
}

static void define_getter(bk_js_ctx_t *ctx, val_t obj, const char *key,
                          bk_js_native_t get)
{
    bk_js_str_t *k = bk_js__atom_cstr(ctx, key);
    bk_js_obj_t *g = bk_js__native_new(ctx, k, get, 0, 0);
    bk_js__put_accessor(ctx, v_obj(obj), k, v_mkobj(g), V_UNDEF,
                        P_ENUMERABLE | P_CONFIGURABLE);
}

int bk_js_define_getter(bk_js_ctx_t *ctx, bk_js_val_t obj, const char *key,
                        bk_js_native_t get)
{
    if (!v_is_obj(obj))
        return BK_ERR;
    GUARDED(ctx, BK_ERR, define_getter(ctx, obj, key, get));
    return BK_OK;
}

static bk_js_str_t *ext_str(bk_js_ctx_t *ctx, const char *s, size_t n)
{
    bk_js_str_t *x = bk_js__ialloc(ctx, sizeof(*x));
    memset(x, 0, sizeof(*x));
    x->len = (uint32_t)n;
    x->flags = STR_ASCII;
    x->d.u8 = (const uint8_t *)s;
    return x;
}

static val_t str_ext_val(bk_js_ctx_t *ctx, bk_str_t s)
{
    if (s.n == 0)
        return v_mkstr(A(ctx, empty));
    if (bk_js__bytes_ascii(s.p, s.n))
        return v_mkstr(ext_str(ctx, (const char *)s.p, s.n));
    return v_mkstr(bk_js__str_utf8(ctx, (const char *)s.p, s.n));
}

static val_t obj_strs(bk_js_ctx_t *ctx, bk_js_str_t *const *keys,
                      const bk_str_t *strs, uint32_t n)
{
    val_t vals[16];
    val_t *v = n <= 16 ? vals : bk_js__ialloc(ctx, n * sizeof(*v));
    for (uint32_t i = 0; i < n; i++)
        v[i] = str_ext_val(ctx, strs[i]);
    return v_mkobj(bk_js__obj_from(ctx, ctx->prog->proto[PROTO_OBJECT], keys,
                                   v, n, 0));
}

bk_js_val_t bk_js_object_strs(bk_js_ctx_t *ctx, const bk_js_key_t *keys,
                              const bk_str_t *strs, uint32_t n)
{
    volatile val_t v = V_UNDEF;
    for (uint32_t i = 0; i < n; i++)
        if (keys[i] == NULL || strs[i].n > EXT_MAX_LEN)
            return V_UNDEF;
    GUARDED(ctx, V_UNDEF, v = obj_strs(ctx, keys, strs, n));
    return v;
}

static val_t records(bk_js_ctx_t *ctx, bk_js_str_t *inner,
                     const bk_str_t *names, const bk_str_t *values, uint32_t n,
                     bk_js_str_t **keys_out)
{
    bk_js_obj_t *oproto = ctx->prog->proto[PROTO_OBJECT];
    bk_js_str_t *kbuf[16];
    val_t vbuf[16];
    bk_js_str_t **keys = keys_out ? keys_out
                         : n <= 16 ? kbuf
                                   : bk_js__ialloc(ctx, n * sizeof(*keys));
    val_t *vals = n <= 16 ? vbuf : bk_js__ialloc(ctx, n * sizeof(*vals));
    for (uint32_t i = 0; i < n; i++) {
        keys[i] = key_of(ctx, (const char *)names[i].p, names[i].n);
        val_t s = str_ext_val(ctx, values[i]);
        vals[i] = v_mkobj(bk_js__obj_from(ctx, oproto, &inner, &s, 1, 0));
    }
    /* Record maps are header maps: room for a few added ones. */
    return v_mkobj(bk_js__obj_from(ctx, oproto, keys, vals, n, 4));
}

bk_js_val_t bk_js_object_records(bk_js_ctx_t *ctx, bk_js_key_t inner,
                                 const bk_str_t *names, const bk_str_t *values,
                                 uint32_t n, bk_js_key_t *keys_out)
{
    volatile val_t v = V_UNDEF;
    if (inner == NULL)
        return V_UNDEF;
    for (uint32_t i = 0; i < n; i++)
        if (names[i].n > EXT_MAX_LEN || values[i].n > EXT_MAX_LEN)
            return V_UNDEF;
    GUARDED(ctx, V_UNDEF, v = records(ctx, inner, names, values, n, keys_out));
    return v;
}

/* obj as an ordinary object of this invocation whose prototype is the
 * template's Object.prototype, not written in this invocation; or NULL. */
static bk_js_obj_t *plain_obj(bk_js_ctx_t *ctx, val_t obj)
{
    if (!v_is_obj(obj))
        return NULL;
    bk_js_obj_t *o = v_obj(obj), *op = ctx->prog->proto[PROTO_OBJECT];
    if (o->tidx != 0 || o->cls != CLS_OBJECT || o->proto != op ||
        bk_js__rd(ctx, op) != op)
        return NULL;
    return o;
}

int bk_js_lone_value(bk_js_ctx_t *ctx, bk_js_val_t obj, bk_js_key_t key,
                     bk_js_val_t *out)
{
    bk_js_obj_t *o = plain_obj(ctx, obj);
    if (o == NULL || o->nprops != 1 || o->props[0].key != key ||
        (o->props[0].flags & P_ACCESSOR))
        return 0;
    *out = o->props[0].v;
    return 1;
}

int bk_js_own_values(bk_js_ctx_t *ctx, bk_js_val_t obj, const bk_js_key_t *keys,
                     uint32_t n, bk_js_val_t *vals)
{
    bk_js_obj_t *o = plain_obj(ctx, obj);
    if (o == NULL)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        if (keys[i]->flags & STR_INDEX)
            return 0;
        bk_js_prop_t *p = bk_js__find(o, keys[i]);
        if (p == NULL) {
            vals[i] = V_UNDEF;
            continue;
        }
        if (p->flags & P_ACCESSOR)
            return 0;
        vals[i] = p->v;
    }
    return 1;
}

int bk_js_object_proto_lacks(bk_js_ctx_t *ctx, const bk_js_key_t *keys, uint32_t n)
{
    bk_js_obj_t *op = bk_js__rd(ctx, ctx->prog->proto[PROTO_OBJECT]);
    if (op->proto != NULL)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (keys[i] == NULL || (keys[i]->flags & STR_INDEX) || bk_js__find(op, keys[i]))
            return 0;
    return 1;
}

bk_js_val_t bk_js_string_ext(bk_js_ctx_t *ctx, const char *s, size_t n)
{
    if (n > EXT_MAX_LEN)
        return V_UNDEF;
    volatile val_t v = V_UNDEF;
    GUARDED(ctx, V_UNDEF, v = str_ext_val(ctx, bk_str(s, n)));
    return v;
}

bk_js_key_t bk_js_key_of(bk_js_val_t v)
{
    if (!v_is_str(v) || !(v_str(v)->flags & STR_ATOM))
        return NULL;
    return v_str(v);
}

const char *bk_js_str_ascii(bk_js_val_t v, size_t *n)
{
    if (!v_is_str(v))
        return NULL;
    bk_js_str_t *s = v_str(v);
    if (!bk_js__str_ascii(s))
        return NULL;
    *n = s->len;
    return (const char *)s->d.u8;
}

/* Own enumerable string-keyed data properties of an ordinary object with
 * no index keys, read straight from its property array (their order is
 * the OwnPropertyKeys order). 0: the object needs the general path. */
static int data_entries(bk_js_ctx_t *ctx, bk_js_obj_t *o, val_t **keys,
                        val_t **vals, uint32_t *n)
{
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    if (b->cls != CLS_OBJECT || b->nelems != 0)
        return 0;
    uint32_t np = b->nprops, k = 0;
    val_t *ks = bk_js__ialloc(ctx, (np ? np : 1) * 2 * sizeof(val_t));
    val_t *vs = ks + (np ? np : 1);
    for (uint32_t i = 0; i < np; i++) {
        const bk_js_prop_t *p = &b->props[i];
        if (p->key == NULL)
            continue;
        if ((p->key->flags & STR_INDEX) || (p->flags & P_ACCESSOR))
            return 0;
        if ((p->key->flags & STR_SYMBOL) || !(p->flags & P_ENUMERABLE))
            continue;
        ks[k] = v_mkstr(p->key);
        vs[k++] = p->v;
    }
    bk_js__charge(ctx, np / 4 + 1);
    *keys = ks;
    *vals = vs;
    *n = k;
    return 1;
}

static int entries(bk_js_ctx_t *ctx, val_t obj, val_t **keys, val_t **vals,
                   uint32_t *n)
{
    if (data_entries(ctx, v_obj(obj), keys, vals, n))
        return BK_OK;
    uint32_t k = 0;
    val_t *ks = bk_js__own_keys(ctx, v_obj(obj), 1, 1, &k);
    val_t *vs = bk_js__ialloc(ctx, (k ? k : 1) * sizeof(*vs));
    for (uint32_t i = 0; i < k; i++)
        if (bk_js__get(ctx, obj, v_str(ks[i]), &vs[i]) != BK_OK)
            return BK_ERR;
    *keys = ks;
    *vals = vs;
    *n = k;
    return BK_OK;
}

int bk_js_entries(bk_js_ctx_t *ctx, bk_js_val_t obj, bk_js_val_t **keys,
                  bk_js_val_t **vals, uint32_t *n)
{
    *keys = *vals = NULL;
    *n = 0;
    if (!v_is_obj(obj))
        return BK_OK;
    volatile int rc = BK_ERR;
    GUARDED(ctx, BK_ERR, rc = entries(ctx, obj, keys, vals, n));
    return rc;
}

int bk_js_register_module(bk_js_ctx_t *ctx, const char *name,
                          bk_js_module_init_t init, void *data)
{
    GUARDED(ctx, BK_ERR, {
        bk_js_module_t *m = bk_js__izalloc(ctx, sizeof(*m));
        m->name = bk_js__atom_cstr(ctx, name);
        m->init = init;
        m->data = data;
        m->next = ctx->prog->modules;
        ctx->prog->modules = m;
    });
    return BK_OK;
}
