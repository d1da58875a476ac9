/*
 * compile.c: AST (ast.h) to bytecode (opcodes.h).
 *
 * Two passes over each program. Pass 1 (analyse) builds a scope for every
 * function and every block that declares something, resolves every
 * identifier reference and marks the variables that a nested function
 * references ("captured"). Pass 2 (emit) gives uncaptured variables frame
 * slots (arguments or locals) and captured ones slots in environment
 * objects, one environment per scope that has captured variables, pushed on
 * scope entry and popped on exit; then it emits code.
 *
 * Top-level var/function declarations are properties of the global object
 * and top-level let/const/class live in the global lexical record; both are
 * reached by name (GET_GLOBAL), so the template built from the top level
 * can be shared by every invocation.
 *
 * Recursion follows the tree, whose depth the parser bounds
 * (BK_JS_PARSE_MAX_DEPTH), so hostile input cannot overflow the C stack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>

#include "js/ast.h"
#include "js/js_int.h"
#include "js/parse.h"
#include "js/re.h"

/* ---- state ---------------------------------------------------------- */

enum { K_VAR, K_LET, K_CONST, K_CLASS, K_FUNC, K_PARAM, K_ARGS, K_CALLEE };
enum { W_NONE, W_LOCAL, W_ARG, W_ENV };

typedef struct {
    bk_str_t name;
    uint8_t kind;
    uint8_t captured;
    uint8_t where;
    uint16_t slot;
    uint16_t arg; /* parameters: the argument index */
} cvar_t;

typedef struct cfunc cfunc_t;

typedef struct cscope {
    struct cscope *parent;
    cfunc_t *fs;
    cvar_t *vars;
    uint32_t nvars, cap;
    uint8_t is_func;
    uint8_t has_env;
    uint8_t assigned; /* pass 2 gave slots */
    uint16_t nenv;
} cscope_t;

/* Jump contexts: what a break/continue/return crosses. */
enum { J_LOOP, J_SWITCH, J_BLOCK, J_ENV, J_TRY, J_FIN, J_FINBODY };

typedef struct jctx {
    struct jctx *prev;
    int type;
    const bk_str_t *labels;
    uint32_t nlabels;
    int brk, cont;   /* label ids; -1: none */
    int extra;       /* stack items this context holds for its body */
    int iter;        /* J_LOOP over an iterator: ITER_CLOSE when crossed */
    int is_loop;
    /* J_FIN: pending jumps routed through the finally. */
    struct {
        int kind; /* 2 return, 3 break, 4 continue */
        struct jctx *target;
        int label;
    } pend[16];
    int npend;
    int fin_label;
} jctx_t;

typedef struct {
    int pos;
    int op_at;
    int label;
} fixup_t;

struct cfunc {
    cfunc_t *parent;
    const bk_js_func_t *ast;
    bk_buf_t code;
    val_t *consts;
    uint32_t nconsts, ccap;
    bk_js_code_t **funcs;
    uint32_t nfuncs, fcap;
    int *labels;
    uint32_t nlabels, lcap;
    fixup_t *fix;
    uint32_t nfix, fixcap;
    uint32_t nlocals;
    int depth, maxdepth;
    jctx_t *jc;
    cscope_t *scope;
    uint16_t flags;
    int ret_tmp;
    int is_program;
    struct chain *chain;
    /* Peephole state: where the last instruction and the last label are
     * (offset + 1; 0: none). Two instructions fuse only when no label
     * lies between them. */
    int last_op, last_label;
};

typedef struct chain {
    int base;
    int pads[64];
    int npads;
    int max_extra;
} chain_t;

typedef struct {
    bk_js_ctx_t *ctx;
    bk_arena_t *tmp; /* parse arena: working memory */
    const uint8_t *src;
    size_t srclen;
    const char *tsrc; /* the source copy in the template */
    jmp_buf jb;
    char *err;
    size_t errlen;
    /* node/func pointer -> scope */
    const void **mkeys;
    cscope_t **mvals;
    uint32_t mmask, mcount;
    cfunc_t *fs;
    cscope_t *scope; /* pass 1 */
    cfunc_t *p1fs;   /* pass 1 current function */
} comp_t;

BK_NORETURN static void cerror(comp_t *c, const char *fmt, ...)
    BK_PRINTF(2, 3);

static void cerror(comp_t *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(c->err, c->errlen, "SyntaxError: ");
    if (n > 0 && (size_t)n < c->errlen)
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    longjmp(c->jb, 1);
}

static void *talloc(comp_t *c, size_t n)
{
    void *p = bk_arena_calloc(c->tmp, n);
    if (p == NULL)
        cerror(c, "out of memory while compiling");
    return p;
}

/* Grows an array in the tmp arena. */
static void *tgrow(comp_t *c, void *p, uint32_t *cap, uint32_t n, size_t sz)
{
    if (n < *cap)
        return p;
    uint32_t nc = *cap ? *cap * 2 : 8;
    void *q = bk_arena_realloc(c->tmp, p, *cap * sz, nc * sz);
    if (q == NULL)
        cerror(c, "out of memory while compiling");
    *cap = nc;
    return q;
}

/* ---- the node -> scope map ----------------------------------------- */

static uint32_t phash(const void *p)
{
    return (uint32_t)(((uintptr_t)p >> 3) * 2654435761u);
}

static void map_put(comp_t *c, const void *k, cscope_t *s)
{
    if ((c->mcount + 1) * 2 > c->mmask + 1) {
        uint32_t size = c->mmask ? (c->mmask + 1) * 2 : 64;
        const void **nk = talloc(c, size * sizeof(*nk));
        cscope_t **nv = talloc(c, size * sizeof(*nv));
        for (uint32_t i = 0; c->mmask && i <= c->mmask; i++) {
            if (!c->mkeys[i])
                continue;
            uint32_t j = phash(c->mkeys[i]) & (size - 1);
            while (nk[j])
                j = (j + 1) & (size - 1);
            nk[j] = c->mkeys[i];
            nv[j] = c->mvals[i];
        }
        c->mkeys = nk;
        c->mvals = nv;
        c->mmask = size - 1;
    }
    uint32_t j = phash(k) & c->mmask;
    while (c->mkeys[j])
        j = (j + 1) & c->mmask;
    c->mkeys[j] = k;
    c->mvals[j] = s;
    c->mcount++;
}

static cscope_t *map_get(comp_t *c, const void *k)
{
    if (!c->mmask)
        return NULL;
    for (uint32_t j = phash(k) & c->mmask;; j = (j + 1) & c->mmask) {
        if (c->mkeys[j] == NULL)
            return NULL;
        if (c->mkeys[j] == k)
            return c->mvals[j];
    }
}

/* ---- scopes (pass 1) ------------------------------------------------- */

static cvar_t *scope_find(cscope_t *s, bk_str_t name)
{
    for (uint32_t i = 0; i < s->nvars; i++)
        if (bk_str_eq(s->vars[i].name, name))
            return &s->vars[i];
    return NULL;
}

static cvar_t *declare(comp_t *c, cscope_t *s, bk_str_t name, int kind)
{
    cvar_t *v = scope_find(s, name);
    if (v != NULL) {
        /* var after param, function after var, ...: one binding. */
        if (kind == K_LET || kind == K_CONST || kind == K_CLASS)
            v->kind = (uint8_t)kind;
        else if (kind == K_FUNC && v->kind == K_CALLEE)
            v->kind = K_VAR;
        return v;
    }
    s->vars = tgrow(c, s->vars, &s->cap, s->nvars, sizeof(cvar_t));
    v = &s->vars[s->nvars++];
    memset(v, 0, sizeof(*v));
    v->name = name;
    v->kind = (uint8_t)kind;
    return v;
}

static cscope_t *scope_new(comp_t *c, const void *key, int is_func)
{
    cscope_t *s = talloc(c, sizeof(*s));
    s->parent = c->scope;
    s->fs = c->p1fs;
    s->is_func = (uint8_t)is_func;
    map_put(c, key, s);
    c->scope = s;
    return s;
}

static void declare_decls(comp_t *c, cscope_t *s, const bk_js_decl_t *d,
                          uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        int k = d[i].kind == BK_JS_DECL_LET     ? K_LET
                : d[i].kind == BK_JS_DECL_CONST ? K_CONST
                : d[i].kind == BK_JS_DECL_CLASS ? K_CLASS
                : d[i].kind == BK_JS_DECL_FUNC  ? K_FUNC
                                                : K_VAR;
        declare(c, s, d[i].name, k);
    }
}

typedef void (*bound_fn)(comp_t *c, const bk_js_node_t *id, void *data);

/* Calls fn for every IDENT a binding target binds. */
static void bound_names(comp_t *c, const bk_js_node_t *t, bound_fn fn,
                        void *data)
{
    if (t == NULL)
        return;
    switch (t->kind) {
    case BK_JS_N_IDENT:
        fn(c, t, data);
        break;
    case BK_JS_N_ASSIGN_PATTERN:
        bound_names(c, t->u.bin.left, fn, data);
        break;
    case BK_JS_N_REST:
    case BK_JS_N_SPREAD:
        bound_names(c, t->u.unary.arg, fn, data);
        break;
    case BK_JS_N_ARRAY_PATTERN:
    case BK_JS_N_ARRAY:
        for (uint32_t i = 0; i < t->u.list.n; i++)
            bound_names(c, t->u.list.v[i], fn, data);
        break;
    case BK_JS_N_OBJECT_PATTERN:
    case BK_JS_N_OBJECT:
        for (uint32_t i = 0; i < t->u.list.n; i++) {
            const bk_js_node_t *p = t->u.list.v[i];
            if (p->kind == BK_JS_N_PROPERTY)
                bound_names(c, p->u.prop.value, fn, data);
            else
                bound_names(c, p, fn, data);
        }
        break;
    default:
        break;
    }
}

static void declare_local_cb(comp_t *c, const bk_js_node_t *id, void *data)
{
    declare(c, (cscope_t *)data, id->u.ident.name, K_LET);
}

static void declare_var_cb(comp_t *c, const bk_js_node_t *id, void *data)
{
    declare(c, (cscope_t *)data, id->u.ident.name, K_VAR);
}

static void reference(comp_t *c, bk_str_t name)
{
    for (cscope_t *s = c->scope; s != NULL; s = s->parent) {
        cvar_t *v = scope_find(s, name);
        if (v != NULL) {
            if (s->fs != c->p1fs)
                v->captured = 1;
            return;
        }
    }
}

static void analyse(comp_t *c, const bk_js_node_t *n);

static void analyse_list(comp_t *c, const bk_js_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        analyse(c, l->v[i]);
}

/* 'kind': 0 a function expression, 1 the program, 2 a declaration (whose
 * name is bound outside only: inside, it is that outer binding). */
static void analyse_func(comp_t *c, const bk_js_func_t *f, int kind)
{
    int is_program = kind == 1;
    cfunc_t *save_fs = c->p1fs;
    cscope_t *save_scope = c->scope;
    /* A fresh identity for "which function am I in". */
    c->p1fs = talloc(c, sizeof(cfunc_t));
    cscope_t *s = scope_new(c, f, 1);
    if (!is_program) {
        for (uint32_t i = 0; i < f->params.n; i++) {
            const bk_js_node_t *p = f->params.v[i];
            if (p->kind == BK_JS_N_IDENT) {
                cvar_t *v = declare(c, s, p->u.ident.name, K_PARAM);
                v->arg = (uint16_t)i;
            } else {
                bound_names(c, p, declare_var_cb, s);
            }
        }
        for (uint32_t i = 0; i < f->n_var_names; i++)
            declare(c, s, f->var_names[i], K_VAR);
        for (uint32_t i = 0; i < f->func_decls.n; i++) {
            const bk_js_node_t *fd = f->func_decls.v[i];
            declare(c, s, fd->u.func->name->u.ident.name, K_FUNC);
        }
        declare_decls(c, s, f->decls, f->n_decls);
        if ((f->flags & BK_JS_FN_USES_ARGUMENTS) &&
            !(f->flags & BK_JS_FN_ARROW) &&
            scope_find(s, BK_STR("arguments")) == NULL)
            declare(c, s, BK_STR("arguments"), K_ARGS);
        if (f->name != NULL && kind == 0 && !(f->flags & BK_JS_FN_METHOD) &&
            scope_find(s, f->name->u.ident.name) == NULL)
            declare(c, s, f->name->u.ident.name, K_CALLEE);
    }
    for (uint32_t i = 0; i < f->params.n; i++)
        analyse(c, f->params.v[i]);
    analyse_list(c, &f->body);
    c->p1fs = save_fs;
    c->scope = save_scope;
}

static void analyse(comp_t *c, const bk_js_node_t *n)
{
    if (n == NULL)
        return;
    cscope_t *save = c->scope;
    switch (n->kind) {
    case BK_JS_N_PROGRAM:
        analyse_func(c, n->u.func, 1);
        break;
    case BK_JS_N_IDENT:
        reference(c, n->u.ident.name);
        break;
    case BK_JS_N_FUNC_DECL:
    case BK_JS_N_FUNC_EXPR:
    case BK_JS_N_ARROW:
        analyse_func(c, n->u.func, n->kind == BK_JS_N_FUNC_DECL ? 2 : 0);
        break;
    case BK_JS_N_CLASS_DECL:
    case BK_JS_N_CLASS_EXPR: {
        const bk_js_class_t *k = n->u.cls;
        analyse(c, k->super);
        if (k->name) {
            /* the class's own name, const inside its body */
            cscope_t *s = scope_new(c, n, 0);
            declare(c, s, k->name->u.ident.name, K_CONST);
        }
        if (k->ctor)
            analyse(c, k->ctor);
        analyse_list(c, &k->members);
        break;
    }
    case BK_JS_N_CLASS_MEMBER:
    case BK_JS_N_PROPERTY:
        if (n->flags & BK_JS_NF_COMPUTED)
            analyse(c, n->u.prop.key);
        analyse(c, n->u.prop.value);
        break;
    case BK_JS_N_BLOCK:
        if (n->u.block.n_decls) {
            cscope_t *s = scope_new(c, n, 0);
            declare_decls(c, s, n->u.block.decls, n->u.block.n_decls);
        }
        analyse_list(c, &n->u.block.body);
        break;
    case BK_JS_N_FOR:
        if (n->u.for_.n_decls) {
            cscope_t *s = scope_new(c, n, 0);
            declare_decls(c, s, n->u.for_.decls, n->u.for_.n_decls);
        }
        analyse(c, n->u.for_.init);
        analyse(c, n->u.for_.test);
        analyse(c, n->u.for_.update);
        analyse(c, n->u.for_.body);
        break;
    case BK_JS_N_FOR_IN:
    case BK_JS_N_FOR_OF:
        analyse(c, n->u.forin.right);
        if (n->u.forin.n_decls) {
            cscope_t *s = scope_new(c, n, 0);
            declare_decls(c, s, n->u.forin.decls, n->u.forin.n_decls);
        }
        analyse(c, n->u.forin.left);
        analyse(c, n->u.forin.body);
        break;
    case BK_JS_N_SWITCH:
        analyse(c, n->u.switch_.disc);
        if (n->u.switch_.n_decls) {
            cscope_t *s = scope_new(c, n, 0);
            declare_decls(c, s, n->u.switch_.decls, n->u.switch_.n_decls);
        }
        analyse_list(c, &n->u.switch_.cases);
        break;
    case BK_JS_N_CASE:
        analyse(c, n->u.case_.test);
        analyse_list(c, &n->u.case_.body);
        break;
    case BK_JS_N_TRY:
        analyse(c, n->u.try_.block);
        if (n->u.try_.handler) {
            cscope_t *s = scope_new(c, n, 0);
            bound_names(c, n->u.try_.param, declare_local_cb, s);
            analyse(c, n->u.try_.param);
            analyse(c, n->u.try_.handler);
            c->scope = save;
        }
        analyse(c, n->u.try_.finalizer);
        break;
    case BK_JS_N_VAR:
        analyse_list(c, &n->u.var.decls);
        break;
    case BK_JS_N_DECLARATOR:
    case BK_JS_N_BINARY:
    case BK_JS_N_LOGICAL:
    case BK_JS_N_ASSIGN:
    case BK_JS_N_ASSIGN_PATTERN:
        analyse(c, n->u.bin.left);
        analyse(c, n->u.bin.right);
        break;
    case BK_JS_N_EXPR_STMT:
    case BK_JS_N_RETURN:
    case BK_JS_N_THROW:
    case BK_JS_N_UNARY:
    case BK_JS_N_UPDATE:
    case BK_JS_N_OPT_CHAIN:
    case BK_JS_N_SPREAD:
    case BK_JS_N_YIELD:
    case BK_JS_N_AWAIT:
    case BK_JS_N_REST:
        analyse(c, n->u.unary.arg);
        break;
    case BK_JS_N_IF:
    case BK_JS_N_CONDITIONAL:
        analyse(c, n->u.cond.test);
        analyse(c, n->u.cond.then);
        analyse(c, n->u.cond.else_);
        break;
    case BK_JS_N_WHILE:
    case BK_JS_N_DO_WHILE:
        analyse(c, n->u.loop.test);
        analyse(c, n->u.loop.body);
        break;
    case BK_JS_N_LABEL:
        analyse(c, n->u.label.body);
        break;
    case BK_JS_N_TEMPLATE:
        analyse_list(c, &n->u.tmpl.exprs);
        break;
    case BK_JS_N_TAGGED_TEMPLATE:
        analyse(c, n->u.tagged.tag);
        analyse(c, n->u.tagged.quasi);
        break;
    case BK_JS_N_ARRAY:
    case BK_JS_N_OBJECT:
    case BK_JS_N_SEQUENCE:
    case BK_JS_N_ARRAY_PATTERN:
    case BK_JS_N_OBJECT_PATTERN:
        analyse_list(c, &n->u.list);
        break;
    case BK_JS_N_CALL:
    case BK_JS_N_NEW:
        analyse(c, n->u.call.callee);
        analyse_list(c, &n->u.call.args);
        break;
    case BK_JS_N_MEMBER:
        analyse(c, n->u.member.obj);
        break;
    case BK_JS_N_INDEX:
        analyse(c, n->u.member.obj);
        analyse(c, n->u.member.prop);
        break;
    default:
        break;
    }
    c->scope = save;
}

/* ---- emission helpers ------------------------------------------------ */

static void emit_bytes(comp_t *c, const void *p, size_t n)
{
    if (bk_buf_append(&c->fs->code, p, n) != BK_OK)
        cerror(c, "out of memory while compiling");
}

static int here(comp_t *c) { return (int)c->fs->code.n; }

static void adjust(comp_t *c, int pop, int push)
{
    cfunc_t *f = c->fs;
    f->depth -= pop;
    if (f->depth < 0)
        f->depth = 0;
    f->depth += push;
    if (f->depth > f->maxdepth)
        f->maxdepth = f->depth;
}

static void emit_op(comp_t *c, int op)
{
    c->fs->last_op = here(c) + 1;
    uint8_t b = (uint8_t)op;
    emit_bytes(c, &b, 1);
    const struct bk_js_opinfo *oi = &bk_js__opinfo[op];
    if (op == OP_JUMP_IF_FALSE_KEEP || op == OP_JUMP_IF_TRUE_KEEP ||
        op == OP_JUMP_IF_NOT_NULLISH_KEEP)
        adjust(c, 1, 0); /* the fall-through path pops */
    else if (op == OP_NEW_ARRAY || op == OP_NEW_OBJECT_LIT)
        adjust(c, 0, 1); /* the caller accounts for the popped values */
    else if (oi->pop >= 0)
        adjust(c, oi->pop, oi->push);
}

static void emit_u8(comp_t *c, unsigned v)
{
    uint8_t b = (uint8_t)v;
    emit_bytes(c, &b, 1);
}
static void emit_u16(comp_t *c, unsigned v)
{
    uint16_t x = (uint16_t)v;
    emit_bytes(c, &x, 2);
}
static void emit_u32(comp_t *c, uint32_t v) { emit_bytes(c, &v, 4); }

static void op_u16(comp_t *c, int op, unsigned v)
{
    if (v > 0xFFFF)
        cerror(c, "function too large");
    emit_op(c, op);
    emit_u16(c, v);
}

static int new_label(comp_t *c)
{
    cfunc_t *f = c->fs;
    f->labels = tgrow(c, f->labels, &f->lcap, f->nlabels, sizeof(int));
    f->labels[f->nlabels] = -1;
    return (int)f->nlabels++;
}

static void place(comp_t *c, int label)
{
    c->fs->labels[label] = here(c);
    c->fs->last_label = here(c) + 1;
}

static void emit_jump(comp_t *c, int op, int label)
{
    cfunc_t *f = c->fs;
    int at = here(c);
    emit_op(c, op);
    f->fix = tgrow(c, f->fix, &f->fixcap, f->nfix, sizeof(fixup_t));
    f->fix[f->nfix++] = (fixup_t){here(c), at, label};
    emit_u32(c, 0);
}

static uint32_t add_const(comp_t *c, val_t v)
{
    cfunc_t *f = c->fs;
    for (uint32_t i = 0; i < f->nconsts; i++)
        if (f->consts[i] == v)
            return i;
    f->consts = tgrow(c, f->consts, &f->ccap, f->nconsts, sizeof(val_t));
    f->consts[f->nconsts] = v;
    return f->nconsts++;
}

static bk_js_str_t *atom_of(comp_t *c, bk_str_t s)
{
    bk_js_str_t *str = bk_js__str_utf8(c->ctx, (const char *)s.p, s.n);
    return bk_js__atom(c->ctx, str);
}

static bk_js_str_t *atom_u16(comp_t *c, const bk_js_u16_t *u)
{
    bk_js_str_t *s = bk_js__str_new16(c->ctx, u->units, u->len);
    return bk_js__atom(c->ctx, s);
}

static void op_atom(comp_t *c, int op, bk_js_str_t *a)
{
    cfunc_t *f = c->fs;
    if ((op == OP_GET_FIELD || op == OP_GET_FIELD2) && f->last_op &&
        f->last_op + 2 == here(c) && f->last_label != here(c) + 1 &&
        (f->code.p[f->last_op - 1] == OP_GET_LOC ||
         f->code.p[f->last_op - 1] == OP_GET_ARG)) {
        /* GET_LOC n; GET_FIELD k -> GET_LOC_FIELD n k (x.k on a local or
         * an argument, the commonest read): one dispatch instead of two. */
        int arg = f->code.p[f->last_op - 1] == OP_GET_ARG;
        f->code.p[f->last_op - 1] =
            op == OP_GET_FIELD ? (arg ? OP_GET_ARG_FIELD : OP_GET_LOC_FIELD)
                               : (arg ? OP_GET_ARG_FIELD2 : OP_GET_LOC_FIELD2);
        if (op == OP_GET_FIELD2)
            adjust(c, 1, 2);
        emit_u32(c, add_const(c, v_mkstr(a)));
        return;
    }
    emit_op(c, op);
    emit_u32(c, add_const(c, v_mkstr(a)));
}

static void push_const(comp_t *c, val_t v)
{
    op_u16(c, OP_PUSH_CONST, add_const(c, v));
}

static void push_num(comp_t *c, double d)
{
    int negzero = d == 0 && 1 / d < 0;
    if (d >= -128 && d <= 127 && d == (int8_t)d && !negzero) {
        emit_op(c, OP_PUSH_I8);
        emit_u8(c, (uint8_t)(int8_t)d);
    } else if (d >= -2147483648.0 && d <= 2147483647.0 && d == (int32_t)d &&
               !negzero) {
        emit_op(c, OP_PUSH_I32);
        emit_u32(c, (uint32_t)(int32_t)d);
    } else {
        push_const(c, v_mknum(d));
    }
}

static int new_local(comp_t *c)
{
    if (c->fs->nlocals >= 0xFFFF)
        cerror(c, "too many local variables");
    return (int)c->fs->nlocals++;
}

/* ---- scopes (pass 2) --------------------------------------------------- */

/* Gives the variables of s their slots; marks s as owning an env when
 * some are captured. */
static void assign_slots(comp_t *c, cscope_t *s)
{
    if (s->assigned)
        return;
    s->assigned = 1;
    for (uint32_t i = 0; i < s->nvars; i++) {
        cvar_t *v = &s->vars[i];
        if (v->captured) {
            v->where = W_ENV;
            v->slot = s->nenv++;
        } else if (v->kind == K_PARAM) {
            v->where = W_ARG;
            v->slot = v->arg;
        } else {
            v->where = W_LOCAL;
            v->slot = (uint16_t)new_local(c);
        }
    }
    s->has_env = s->nenv > 0;
}

static int is_lexical(const cvar_t *v)
{
    return v->kind == K_LET || v->kind == K_CONST || v->kind == K_CLASS;
}

typedef struct {
    cvar_t *v;
    unsigned depth; /* env hops */
} ref_t;

static int resolve(comp_t *c, bk_str_t name, ref_t *r)
{
    unsigned depth = 0;
    for (cscope_t *s = c->fs->scope; s != NULL; s = s->parent) {
        cvar_t *v = scope_find(s, name);
        if (v != NULL && s->assigned) {
            r->v = v;
            r->depth = depth;
            if (v->where == W_ENV && depth > 255)
                cerror(c, "scopes nested too deeply");
            return 1;
        }
        if (s->has_env)
            depth++;
    }
    return 0;
}

static void emit_env(comp_t *c, int op, unsigned depth, unsigned slot)
{
    emit_op(c, op);
    emit_u8(c, depth);
    emit_u16(c, slot);
}

static void emit_load_var(comp_t *c, const ref_t *r)
{
    cvar_t *v = r->v;
    int chk = is_lexical(v) || v->kind == K_FUNC;
    if (v->kind == K_FUNC)
        chk = 0;
    switch (v->where) {
    case W_ARG:
        op_u16(c, OP_GET_ARG, v->slot);
        break;
    case W_LOCAL:
        op_u16(c, chk ? OP_GET_LOC_CHK : OP_GET_LOC, v->slot);
        break;
    default:
        emit_env(c, chk ? OP_GET_ENV_CHK : OP_GET_ENV, r->depth, v->slot);
        break;
    }
}

/* Stores the top of stack (popped) into a variable. 'init': a declaration
 * initialising it (no TDZ check, const allowed). */
static void emit_store_var(comp_t *c, const ref_t *r, int init)
{
    cvar_t *v = r->v;
    if (!init && (v->kind == K_CONST || v->kind == K_CALLEE)) {
        op_atom(c, OP_CONST_ERR, atom_of(c, v->name));
        return;
    }
    int chk = !init && is_lexical(v);
    switch (v->where) {
    case W_ARG:
        op_u16(c, OP_PUT_ARG, v->slot);
        break;
    case W_LOCAL:
        op_u16(c, chk ? OP_PUT_LOC_CHK : OP_PUT_LOC, v->slot);
        break;
    default:
        emit_env(c, chk ? OP_PUT_ENV_CHK : OP_PUT_ENV, r->depth, v->slot);
        break;
    }
}

static void load_name(comp_t *c, bk_str_t name)
{
    ref_t r;
    if (resolve(c, name, &r)) {
        emit_load_var(c, &r);
        return;
    }
    if (bk_str_eq(name, BK_STR("undefined"))) {
        emit_op(c, OP_PUSH_UNDEF);
        return;
    }
    op_atom(c, OP_GET_GLOBAL, atom_of(c, name));
}

/* Pops the top of stack into 'name'. init: 0 assignment, 1 let/const
 * initialisation, 2 var declaration. */
static void store_name(comp_t *c, bk_str_t name, int init)
{
    ref_t r;
    if (resolve(c, name, &r)) {
        emit_store_var(c, &r, init == 1);
        return;
    }
    if (init == 1 && c->fs->is_program && c->fs->scope->is_func) {
        op_atom(c, OP_INIT_GLOBAL_LEX, atom_of(c, name));
        return;
    }
    op_atom(c, OP_PUT_GLOBAL, atom_of(c, name));
}

/* Jump context helpers. */
static jctx_t *jpush(comp_t *c, int type)
{
    jctx_t *j = talloc(c, sizeof(*j));
    j->prev = c->fs->jc;
    j->type = type;
    j->brk = j->cont = -1;
    c->fs->jc = j;
    return j;
}

static void jpop(comp_t *c) { c->fs->jc = c->fs->jc->prev; }

/* Enters a block scope: assigns slots, pushes its env and puts let/const
 * bindings in their dead zone. */
static cscope_t *enter_scope(comp_t *c, const void *key)
{
    cscope_t *s = map_get(c, key);
    if (s == NULL)
        return NULL;
    assign_slots(c, s);
    c->fs->scope = s;
    if (s->has_env) {
        op_u16(c, OP_PUSH_ENV, s->nenv);
        jpush(c, J_ENV);
    }
    for (uint32_t i = 0; i < s->nvars; i++) {
        cvar_t *v = &s->vars[i];
        if (is_lexical(v) && v->where == W_LOCAL) {
            emit_op(c, OP_PUSH_EMPTY);
            op_u16(c, OP_PUT_LOC, v->slot);
        } else if (!is_lexical(v) && v->where == W_ENV &&
                   v->kind != K_PARAM) {
            emit_op(c, OP_PUSH_UNDEF);
            emit_env(c, OP_PUT_ENV, 0, v->slot);
        }
    }
    return s;
}

static void leave_scope(comp_t *c, cscope_t *s)
{
    if (s == NULL)
        return;
    if (s->has_env) {
        emit_op(c, OP_POP_ENV);
        jpop(c);
    }
    c->fs->scope = s->parent;
}

/* ---- expressions ------------------------------------------------------ */

static void expr(comp_t *c, const bk_js_node_t *n);
static void stmt(comp_t *c, const bk_js_node_t *n);
static void stmts(comp_t *c, const bk_js_list_t *l);
static bk_js_code_t *compile_func(comp_t *c, const bk_js_func_t *f,
                                  bk_js_str_t *name, int extra_flags);
static void class_expr(comp_t *c, const bk_js_node_t *n, bk_js_str_t *name);
static void pattern(comp_t *c, const bk_js_node_t *t, int init);

static void closure(comp_t *c, const bk_js_func_t *f, bk_js_str_t *name,
                    int extra)
{
    bk_js_code_t *code = compile_func(c, f, name, extra);
    cfunc_t *fs = c->fs;
    fs->funcs = tgrow(c, fs->funcs, &fs->fcap, fs->nfuncs, sizeof(void *));
    fs->funcs[fs->nfuncs] = code;
    op_u16(c, OP_CLOSURE, fs->nfuncs++);
}

static int is_anon_fn(const bk_js_node_t *n)
{
    if (n == NULL)
        return 0;
    if (n->kind == BK_JS_N_ARROW)
        return 1;
    if (n->kind == BK_JS_N_FUNC_EXPR)
        return n->u.func->name == NULL;
    if (n->kind == BK_JS_N_CLASS_EXPR)
        return n->u.cls->name == NULL;
    return 0;
}

/* Compiles n, naming it 'name' when it is an anonymous function. */
static void named_expr(comp_t *c, const bk_js_node_t *n, bk_js_str_t *name)
{
    if (name != NULL && is_anon_fn(n)) {
        if (n->kind == BK_JS_N_CLASS_EXPR)
            class_expr(c, n, name);
        else
            closure(c, n->u.func, name, 0);
        return;
    }
    expr(c, n);
}

static bk_js_str_t *key_atom(comp_t *c, const bk_js_node_t *k)
{
    switch (k->kind) {
    case BK_JS_N_IDENT:
        return atom_of(c, k->u.ident.name);
    case BK_JS_N_STRING:
        return atom_u16(c, &k->u.str);
    case BK_JS_N_NUMBER:
        return bk_js__atom(c->ctx, bk_js__num_to_str(c->ctx, k->u.num));
    default:
        return NULL;
    }
}

/* obj["name"] with a string literal that is not an array index reads and
 * writes like obj.name: the key is interned once here instead of on every
 * access (CloudFront code indexes headers this way: h["user-agent"]). */
static bk_js_str_t *literal_key(comp_t *c, const bk_js_node_t *prop)
{
    if (prop->kind != BK_JS_N_STRING)
        return NULL;
    bk_js_str_t *a = atom_u16(c, &prop->u.str);
    return (a->flags & STR_INDEX) ? NULL : a;
}

/* Pushes a property key (computed or literal) as a value. */
static bk_js_str_t *push_key(comp_t *c, const bk_js_node_t *p)
{
    const bk_js_node_t *k = p->u.prop.key;
    if (p->flags & BK_JS_NF_COMPUTED) {
        expr(c, k);
        emit_op(c, OP_TO_PROPKEY);
        return NULL;
    }
    bk_js_str_t *a = key_atom(c, k);
    push_const(c, v_mkstr(a));
    return a;
}

/* A method, getter or setter of an object literal (enumerable 1) or a
 * class (0): its key pushed, the closure named after it and homed on the
 * object below it on the stack, then defined. */
static void define_method(comp_t *c, const bk_js_node_t *p, int enumerable)
{
    bk_js_str_t *a = push_key(c, p);
    closure(c, p->u.prop.value->u.func, a,
            p->op == BK_JS_PROP_METHOD ? FN_METHOD : FN_GETSET);
    if (a == NULL) {
        emit_op(c, OP_SET_FNAME);
        emit_u8(c, p->op == BK_JS_PROP_GET   ? 1
                   : p->op == BK_JS_PROP_SET ? 2
                                             : 0);
    }
    emit_op(c, OP_SET_HOME);
    emit_op(c, p->op == BK_JS_PROP_GET   ? OP_DEFINE_GETTER
               : p->op == BK_JS_PROP_SET ? OP_DEFINE_SETTER
                                         : OP_DEFINE_METHOD);
    emit_u8(c, (uint8_t)enumerable);
}

static int has_spread(const bk_js_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i] != NULL && l->v[i]->kind == BK_JS_N_SPREAD)
            return 1;
    return 0;
}

/* Pushes the arguments: returns their count, or -1 if they were gathered
 * into one array (spread, or too many). */
static int args(comp_t *c, const bk_js_list_t *l)
{
    if (!has_spread(l) && l->n <= 255) {
        for (uint32_t i = 0; i < l->n; i++)
            expr(c, l->v[i]);
        return (int)l->n;
    }
    op_u16(c, OP_NEW_ARRAY, 0);
    for (uint32_t i = 0; i < l->n; i++) {
        if (l->v[i]->kind == BK_JS_N_SPREAD) {
            expr(c, l->v[i]->u.unary.arg);
            emit_op(c, OP_ARRAY_SPREAD);
        } else {
            expr(c, l->v[i]);
            emit_op(c, OP_ARRAY_PUSH);
        }
    }
    return -1;
}

static void optional_jump(comp_t *c)
{
    chain_t *ch = c->fs->chain;
    if (ch == NULL)
        cerror(c, "optional chain outside a chain");
    int extra = c->fs->depth - 1 - ch->base;
    if (extra < 0)
        extra = 0;
    if (extra >= 64)
        cerror(c, "optional chain too complex");
    while (ch->npads <= extra)
        ch->pads[ch->npads++] = new_label(c);
    emit_jump(c, OP_JUMP_IF_NULLISH, ch->pads[extra]);
}

static void call_expr(comp_t *c, const bk_js_node_t *n)
{
    const bk_js_node_t *callee = n->u.call.callee;
    int optional = (n->flags & BK_JS_NF_OPTIONAL) != 0;
    if (callee->kind == BK_JS_N_SUPER) {
        int argc = args(c, &n->u.call.args);
        if (argc < 0) {
            emit_op(c, OP_SUPER_CALL_ARRAY);
        } else {
            emit_op(c, OP_SUPER_CALL);
            emit_u8(c, (unsigned)argc);
            adjust(c, argc, 1);
        }
        return;
    }
    if ((callee->kind == BK_JS_N_MEMBER || callee->kind == BK_JS_N_INDEX) &&
        !(callee->flags & BK_JS_NF_PAREN && 0)) {
        const bk_js_node_t *obj = callee->u.member.obj;
        if (obj->kind == BK_JS_N_SUPER) {
            emit_op(c, OP_PUSH_THIS);
            if (callee->kind == BK_JS_N_MEMBER)
                push_const(c, v_mkstr(atom_of(c, callee->u.member.prop
                                                     ->u.ident.name)));
            else
                expr(c, callee->u.member.prop);
            emit_op(c, OP_GET_SUPER);
        } else {
            expr(c, obj);
            if (callee->flags & BK_JS_NF_OPTIONAL)
                optional_jump(c);
            bk_js_str_t *lk;
            if (callee->kind == BK_JS_N_MEMBER) {
                op_atom(c, OP_GET_FIELD2,
                        atom_of(c, callee->u.member.prop->u.ident.name));
            } else if ((lk = literal_key(c, callee->u.member.prop)) != NULL) {
                op_atom(c, OP_GET_FIELD2, lk);
            } else {
                expr(c, callee->u.member.prop);
                emit_op(c, OP_GET_ELEM2);
            }
        }
    } else if (callee->kind == BK_JS_N_OPT_CHAIN &&
               (callee->u.unary.arg->kind == BK_JS_N_MEMBER ||
                callee->u.unary.arg->kind == BK_JS_N_INDEX)) {
        /* (a?.b)(): the chain keeps its this value. */
        const bk_js_node_t *m = callee->u.unary.arg;
        chain_t *save = c->fs->chain;
        chain_t ch = {.base = c->fs->depth};
        c->fs->chain = &ch;
        expr(c, m->u.member.obj);
        if (m->flags & BK_JS_NF_OPTIONAL)
            optional_jump(c);
        if (m->kind == BK_JS_N_MEMBER) {
            op_atom(c, OP_GET_FIELD2, atom_of(c, m->u.member.prop->u.ident.name));
        } else {
            expr(c, m->u.member.prop);
            emit_op(c, OP_GET_ELEM2);
        }
        c->fs->chain = save;
        if (ch.npads) {
            int end = new_label(c);
            emit_jump(c, OP_JUMP, end);
            for (int i = ch.npads - 1; i >= 0; i--) {
                place(c, ch.pads[i]);
                if (i > 0)
                    emit_op(c, OP_POP);
            }
            emit_op(c, OP_PUSH_UNDEF);
            emit_op(c, OP_PUSH_UNDEF);
            place(c, end);
            c->fs->depth = ch.base + 2;
        }
    } else {
        emit_op(c, OP_PUSH_UNDEF);
        expr(c, callee);
    }
    if (optional)
        optional_jump(c);
    int argc = args(c, &n->u.call.args);
    if (argc < 0) {
        emit_op(c, OP_CALL_ARRAY);
    } else {
        emit_op(c, OP_CALL);
        emit_u8(c, (unsigned)argc);
        adjust(c, argc + 2, 1);
    }
}

static int binop(int astop)
{
    switch (astop) {
    case BK_JS_OP_ADD: return OP_ADD;
    case BK_JS_OP_SUB: return OP_SUB;
    case BK_JS_OP_MUL: return OP_MUL;
    case BK_JS_OP_DIV: return OP_DIV;
    case BK_JS_OP_MOD: return OP_MOD;
    case BK_JS_OP_EXP: return OP_POW;
    case BK_JS_OP_SHL: return OP_SHL;
    case BK_JS_OP_SAR: return OP_SAR;
    case BK_JS_OP_SHR: return OP_SHR;
    case BK_JS_OP_LT: return OP_LT;
    case BK_JS_OP_GT: return OP_GT;
    case BK_JS_OP_LE: return OP_LE;
    case BK_JS_OP_GE: return OP_GE;
    case BK_JS_OP_EQ: return OP_EQ;
    case BK_JS_OP_NE: return OP_NE;
    case BK_JS_OP_SEQ: return OP_SEQ;
    case BK_JS_OP_SNE: return OP_SNE;
    case BK_JS_OP_BITAND: return OP_BAND;
    case BK_JS_OP_BITOR: return OP_BOR;
    case BK_JS_OP_BITXOR: return OP_BXOR;
    case BK_JS_OP_IN: return OP_IN;
    case BK_JS_OP_INSTANCEOF: return OP_INSTANCEOF;
    default: return OP_NOP;
    }
}

static int logical_jump(int astop)
{
    return astop == BK_JS_OP_AND  ? OP_JUMP_IF_FALSE_KEEP
           : astop == BK_JS_OP_OR ? OP_JUMP_IF_TRUE_KEEP
                                  : OP_JUMP_IF_NOT_NULLISH_KEEP;
}

/* Assignment: to an identifier, a member, or (=) a pattern. Leaves the
 * assigned value on the stack. */
/* 'want': whether the value of the assignment is used (an expression
 * statement drops it: a plain member store then leaves nothing). Returns
 * 0 when the value was left on the stack anyway. */
static int assign_expr_want(comp_t *c, const bk_js_node_t *n, int want);

static void assign_expr(comp_t *c, const bk_js_node_t *n)
{
    assign_expr_want(c, n, 1);
}

static int assign_expr_want(comp_t *c, const bk_js_node_t *n, int want)
{
    const bk_js_node_t *t = n->u.bin.left;
    const bk_js_node_t *v = n->u.bin.right;
    int op = n->op;
    int logical = op == BK_JS_OP_AND || op == BK_JS_OP_OR ||
                  op == BK_JS_OP_NULLISH;
    switch (t->kind) {
    case BK_JS_N_IDENT: {
        bk_str_t name = t->u.ident.name;
        if (op == BK_JS_OP_NONE) {
            named_expr(c, v, atom_of(c, name));
        } else if (logical) {
            int end = new_label(c);
            load_name(c, name);
            emit_jump(c, logical_jump(op), end);
            named_expr(c, v, atom_of(c, name));
            emit_op(c, OP_DUP);
            store_name(c, name, 0);
            place(c, end);
            return 1;
        } else {
            load_name(c, name);
            expr(c, v);
            emit_op(c, binop(op));
        }
        if (want)
            emit_op(c, OP_DUP);
        store_name(c, name, 0);
        return want;
    }
    case BK_JS_N_MEMBER:
    case BK_JS_N_INDEX: {
        int member = t->kind == BK_JS_N_MEMBER;
        if (t->u.member.obj->kind == BK_JS_N_SUPER) {
            if (logical)
                cerror(c, "'super' keyword unexpected here");
            if (member)
                push_const(c, v_mkstr(atom_of(c, t->u.member.prop
                                                     ->u.ident.name)));
            else
                expr(c, t->u.member.prop);
            emit_op(c, OP_TO_PROPKEY);
            if (op != BK_JS_OP_NONE) {
                emit_op(c, OP_DUP);
                emit_op(c, OP_GET_SUPER);
                expr(c, v);
                emit_op(c, binop(op));
            } else {
                expr(c, v);
            }
            emit_op(c, OP_SET_SUPER);
            return 1;
        }
        bk_js_str_t *k = member ? atom_of(c, t->u.member.prop->u.ident.name)
                                : literal_key(c, t->u.member.prop);
        member = k != NULL;
        expr(c, t->u.member.obj);
        if (!member)
            expr(c, t->u.member.prop);
        if (op == BK_JS_OP_NONE) {
            expr(c, v);
        } else {
            if (member) {
                emit_op(c, OP_DUP);
                op_atom(c, OP_GET_FIELD, k);
            } else {
                emit_op(c, OP_TO_PROPKEY);
                emit_op(c, OP_DUP2);
                emit_op(c, OP_GET_ELEM);
            }
            if (logical) {
                int keep = new_label(c), end = new_label(c);
                emit_jump(c, logical_jump(op), keep);
                expr(c, v);
                if (member)
                    op_atom(c, OP_SET_FIELD, k);
                else
                    emit_op(c, OP_SET_ELEM);
                emit_jump(c, OP_JUMP, end);
                place(c, keep);
                /* [obj (key) value] -> [value] */
                adjust(c, 0, member ? 1 : 2);
                emit_op(c, OP_NIP);
                if (!member)
                    emit_op(c, OP_NIP);
                place(c, end);
                return 1;
            }
            expr(c, v);
            emit_op(c, binop(op));
        }
        if (member)
            op_atom(c, want ? OP_SET_FIELD : OP_PUT_FIELD, k);
        else
            emit_op(c, want ? OP_SET_ELEM : OP_PUT_ELEM);
        return want;
    }
    default:
        /* destructuring assignment */
        expr(c, v);
        if (want)
            emit_op(c, OP_DUP);
        pattern(c, t, 0);
        return want;
    }
}

static void update_expr(comp_t *c, const bk_js_node_t *n, int want)
{
    const bk_js_node_t *t = n->u.unary.arg;
    int op = n->op == BK_JS_OP_INC ? OP_INC : OP_DEC;
    int prefix = (n->flags & BK_JS_NF_PREFIX) || !want;
    switch (t->kind) {
    case BK_JS_N_IDENT:
        load_name(c, t->u.ident.name);
        if (prefix) {
            emit_op(c, op);
            if (want)
                emit_op(c, OP_DUP);
        } else {
            emit_op(c, OP_TO_NUMERIC);
            emit_op(c, OP_DUP);
            emit_op(c, op);
        }
        store_name(c, t->u.ident.name, 0);
        return;
    case BK_JS_N_MEMBER: {
        bk_js_str_t *k = atom_of(c, t->u.member.prop->u.ident.name);
        expr(c, t->u.member.obj);
        emit_op(c, OP_DUP);
        op_atom(c, OP_GET_FIELD, k);
        if (prefix) {
            emit_op(c, op);
            op_atom(c, want ? OP_SET_FIELD : OP_PUT_FIELD, k);
        } else {
            emit_op(c, OP_TO_NUMERIC);
            emit_op(c, OP_DUP);
            emit_op(c, OP_ROT3R);
            emit_op(c, op);
            op_atom(c, OP_PUT_FIELD, k);
        }
        return;
    }
    case BK_JS_N_INDEX:
        expr(c, t->u.member.obj);
        expr(c, t->u.member.prop);
        emit_op(c, OP_TO_PROPKEY);
        emit_op(c, OP_DUP2);
        emit_op(c, OP_GET_ELEM);
        if (prefix) {
            emit_op(c, op);
            emit_op(c, want ? OP_SET_ELEM : OP_PUT_ELEM);
        } else {
            emit_op(c, OP_TO_NUMERIC);
            emit_op(c, OP_DUP);
            emit_op(c, OP_ROT4R);
            emit_op(c, op);
            emit_op(c, OP_PUT_ELEM);
        }
        return;
    default:
        cerror(c, "Invalid left-hand side expression in postfix operation");
    }
}

static void template_lit(comp_t *c, const bk_js_node_t *n)
{
    const bk_js_quasi_t *q = n->u.tmpl.quasis;
    uint32_t ne = n->u.tmpl.exprs.n;
    push_const(c, v_mkstr(atom_u16(c, &q[0].cooked)));
    for (uint32_t i = 0; i < ne; i++) {
        expr(c, n->u.tmpl.exprs.v[i]);
        emit_op(c, OP_TO_STRING);
        emit_op(c, OP_ADD);
        if (q[i + 1].cooked.len) {
            push_const(c, v_mkstr(atom_u16(c, &q[i + 1].cooked)));
            emit_op(c, OP_ADD);
        }
    }
}

/* The frozen strings array of a tagged template site, made once at
 * compile time (in the template, so every evaluation sees the same one). */
static bk_js_obj_t *template_site(comp_t *c, const bk_js_node_t *t)
{
    bk_js_ctx_t *ctx = c->ctx;
    uint32_t n = t->u.tmpl.exprs.n + 1;
    bk_js_obj_t *strs = bk_js__array_new(ctx, n);
    bk_js_obj_t *raw = bk_js__array_new(ctx, n);
    for (uint32_t i = 0; i < n; i++) {
        const bk_js_quasi_t *q = &t->u.tmpl.quasis[i];
        strs->elems[i] = q->cooked_ok ? v_mkstr(bk_js__str_new16(
                                            ctx, q->cooked.units, q->cooked.len))
                                      : V_UNDEF;
        raw->elems[i] = v_mkstr(bk_js__str_new16(ctx, q->raw.units,
                                                 q->raw.len));
    }
    strs->nelems = strs->len = raw->nelems = raw->len = n;
    bk_js__put_own(ctx, strs, A(ctx, raw), v_mkobj(raw), 0);
    bk_js__freeze(ctx, raw, 1);
    bk_js__freeze(ctx, strs, 1);
    return strs;
}

/* Appends keys[0..n) to the constants as one run (reusing an equal run
 * already there) and returns the index of its first entry. */
static uint32_t add_key_run(comp_t *c, bk_js_str_t *const *keys, uint32_t n)
{
    cfunc_t *f = c->fs;
    for (uint32_t i = 0; i + n <= f->nconsts; i++) {
        uint32_t k = 0;
        while (k < n && f->consts[i + k] == v_mkstr(keys[k]))
            k++;
        if (k == n)
            return i;
    }
    uint32_t first = f->nconsts;
    for (uint32_t k = 0; k < n; k++) {
        f->consts = tgrow(c, f->consts, &f->ccap, f->nconsts, sizeof(val_t));
        f->consts[f->nconsts++] = v_mkstr(keys[k]);
    }
    return first;
}

/* {a: x, b: y} with up to 8 distinct plain keys (no computed key, method,
 * accessor, spread or __proto__): the values are evaluated in order, then
 * NEW_OBJECT_LIT builds the object with its properties in one step (the
 * object cannot be observed before it is complete). Returns 0 when the
 * literal is not of that form (nothing emitted). */
static int object_lit_plain(comp_t *c, const bk_js_node_t *n)
{
    bk_js_str_t *keys[8];
    uint32_t nk = n->u.list.n;
    if (nk == 0 || nk > 8)
        return 0;
    for (uint32_t i = 0; i < nk; i++) {
        const bk_js_node_t *p = n->u.list.v[i];
        if (p->op != BK_JS_PROP_INIT || (p->flags & BK_JS_NF_COMPUTED))
            return 0;
        bk_js_str_t *a = key_atom(c, p->u.prop.key);
        if (a == NULL || a == A(c->ctx, __proto__) || a->len == 0 ||
            (a->flags & (STR_INDEX | STR_WIDE | STR_SYMBOL)) ||
            (a->d.u8[0] >= '0' && a->d.u8[0] <= '9'))
            return 0;
        for (uint32_t k = 0; k < i; k++)
            if (keys[k] == a)
                return 0;
        keys[i] = a;
    }
    for (uint32_t i = 0; i < nk; i++)
        named_expr(c, n->u.list.v[i]->u.prop.value, keys[i]);
    uint32_t first = add_key_run(c, keys, nk);
    emit_op(c, OP_NEW_OBJECT_LIT);
    emit_u16(c, nk);
    emit_u32(c, first);
    adjust(c, (int)nk, 0);
    return 1;
}

static void object_lit(comp_t *c, const bk_js_node_t *n)
{
    if (object_lit_plain(c, n))
        return;
    /* The properties the literal is known to define, so that its table is
     * sized once (spread adds an unknown number: those grow as needed). */
    unsigned nprops = 0;
    for (uint32_t i = 0; i < n->u.list.n; i++)
        if (n->u.list.v[i]->op != BK_JS_PROP_SPREAD && nprops < 255)
            nprops++;
    emit_op(c, OP_NEW_OBJECT);
    emit_u8(c, nprops);
    for (uint32_t i = 0; i < n->u.list.n; i++) {
        const bk_js_node_t *p = n->u.list.v[i];
        const bk_js_node_t *k = p->u.prop.key;
        switch (p->op) {
        case BK_JS_PROP_INIT: {
            if (p->flags & BK_JS_NF_COMPUTED) {
                expr(c, k);
                emit_op(c, OP_TO_PROPKEY);
                expr(c, p->u.prop.value);
                if (is_anon_fn(p->u.prop.value)) {
                    emit_op(c, OP_SET_FNAME);
                    emit_u8(c, 0);
                }
                emit_op(c, OP_DEFINE_ELEM);
                break;
            }
            bk_js_str_t *a = key_atom(c, k);
            if (a == A(c->ctx, __proto__) &&
                !(p->flags & BK_JS_NF_SHORTHAND)) {
                expr(c, p->u.prop.value);
                emit_op(c, OP_SET_PROTO);
                break;
            }
            named_expr(c, p->u.prop.value, a);
            op_atom(c, OP_DEFINE_FIELD, a);
            break;
        }
        case BK_JS_PROP_METHOD:
        case BK_JS_PROP_GET:
        case BK_JS_PROP_SET: {
            define_method(c, p, 1);
            break;
        }
        case BK_JS_PROP_SPREAD:
            expr(c, p->u.prop.value);
            emit_op(c, OP_OBJ_SPREAD);
            break;
        default:
            cerror(c, "unexpected property kind");
        }
    }
}

static void array_lit(comp_t *c, const bk_js_node_t *n)
{
    const bk_js_list_t *l = &n->u.list;
    int simple = l->n <= 1024;
    for (uint32_t i = 0; i < l->n && simple; i++)
        if (l->v[i] == NULL || l->v[i]->kind == BK_JS_N_SPREAD)
            simple = 0;
    if (simple) {
        for (uint32_t i = 0; i < l->n; i++)
            expr(c, l->v[i]);
        op_u16(c, OP_NEW_ARRAY, l->n);
        adjust(c, (int)l->n, 0);
        return;
    }
    op_u16(c, OP_NEW_ARRAY, 0);
    for (uint32_t i = 0; i < l->n; i++) {
        const bk_js_node_t *e = l->v[i];
        if (e == NULL) {
            emit_op(c, OP_ARRAY_HOLE);
        } else if (e->kind == BK_JS_N_SPREAD) {
            expr(c, e->u.unary.arg);
            emit_op(c, OP_ARRAY_SPREAD);
        } else {
            expr(c, e);
            emit_op(c, OP_ARRAY_PUSH);
        }
    }
}

static bk_js_code_t *default_ctor(comp_t *c, bk_js_str_t *name, int derived)
{
    bk_js_ctx_t *ctx = c->ctx;
    bk_js_code_t *fn = bk_js__izalloc(ctx, sizeof(*fn));
    uint8_t *code = bk_js__ialloc(ctx, 8);
    int n = 0;
    if (!derived)
        code[n++] = OP_INIT_FIELDS;
    if (derived) {
        code[n++] = OP_REST;
        code[n++] = 0;
        code[n++] = 0;
        code[n++] = OP_SUPER_CALL_ARRAY;
        code[n++] = OP_POP;
    }
    code[n++] = OP_RETURN_UNDEF;
    fn->code = code;
    fn->ncode = (uint32_t)n;
    fn->maxstack = 4;
    fn->name = name;
    fn->flags = FN_CLASS_CTOR | (derived ? FN_DERIVED : 0);
    return fn;
}

static void class_expr(comp_t *c, const bk_js_node_t *n, bk_js_str_t *name)
{
    const bk_js_class_t *k = n->u.cls;
    cscope_t *inner = NULL;
    if (k->name)
        inner = enter_scope(c, n);
    if (k->name)
        name = atom_of(c, k->name->u.ident.name);
    if (name == NULL)
        name = A(c->ctx, empty);
    int derived = k->super != NULL;
    if (derived)
        expr(c, k->super);
    else
        emit_op(c, OP_PUSH_EMPTY);
    if (k->ctor) {
        closure(c, k->ctor->u.prop.value->u.func, name,
                FN_CLASS_CTOR | (derived ? FN_DERIVED : 0));
    } else {
        bk_js_code_t *code = default_ctor(c, name, derived);
        cfunc_t *fs = c->fs;
        fs->funcs = tgrow(c, fs->funcs, &fs->fcap, fs->nfuncs, sizeof(void *));
        fs->funcs[fs->nfuncs] = code;
        op_u16(c, OP_CLOSURE, fs->nfuncs++);
    }
    op_atom(c, OP_CLASS, name);
    /* [proto ctor] */
    for (uint32_t i = 0; i < k->members.n; i++) {
        const bk_js_node_t *m = k->members.v[i];
        int is_static = (m->flags & BK_JS_NF_STATIC) != 0;
        if (m->op == BK_JS_PROP_FIELD) {
            /* [proto ctor] key init -> FIELD */
            bk_js_str_t *a = push_key(c, m);
            if (m->u.prop.value)
                closure(c, m->u.prop.value->u.func, a, FN_METHOD);
            else
                emit_op(c, OP_PUSH_UNDEF);
            emit_op(c, OP_FIELD);
            emit_u8(c, (unsigned)is_static);
            continue;
        }
        if (!is_static)
            emit_op(c, OP_SWAP);
        define_method(c, m, 0);
        if (!is_static)
            emit_op(c, OP_SWAP);
    }
    emit_op(c, OP_NIP);
    if (inner) {
        emit_op(c, OP_DUP);
        store_name(c, k->name->u.ident.name, 1);
        leave_scope(c, inner);
    }
}

static void expr(comp_t *c, const bk_js_node_t *n)
{
    switch (n->kind) {
    case BK_JS_N_IDENT:
        load_name(c, n->u.ident.name);
        break;
    case BK_JS_N_NUMBER:
        push_num(c, n->u.num);
        break;
    case BK_JS_N_STRING:
        push_const(c, v_mkstr(atom_u16(c, &n->u.str)));
        break;
    case BK_JS_N_TEMPLATE:
        template_lit(c, n);
        break;
    case BK_JS_N_TAGGED_TEMPLATE: {
        const bk_js_node_t *tag = n->u.tagged.tag;
        const bk_js_node_t *q = n->u.tagged.quasi;
        if (tag->kind == BK_JS_N_MEMBER || tag->kind == BK_JS_N_INDEX) {
            expr(c, tag->u.member.obj);
            if (tag->kind == BK_JS_N_MEMBER) {
                op_atom(c, OP_GET_FIELD2,
                        atom_of(c, tag->u.member.prop->u.ident.name));
            } else {
                expr(c, tag->u.member.prop);
                emit_op(c, OP_GET_ELEM2);
            }
        } else {
            emit_op(c, OP_PUSH_UNDEF);
            expr(c, tag);
        }
        push_const(c, v_mkobj(template_site(c, q)));
        for (uint32_t i = 0; i < q->u.tmpl.exprs.n; i++)
            expr(c, q->u.tmpl.exprs.v[i]);
        uint32_t argc = q->u.tmpl.exprs.n + 1;
        if (argc > 255)
            cerror(c, "too many template substitutions");
        emit_op(c, OP_CALL);
        emit_u8(c, argc);
        adjust(c, (int)argc + 2, 1);
        break;
    }
    case BK_JS_N_REGEXP: {
        /* Compiled once, here: every evaluation makes a new RegExp object
         * over the same immutable bk_js_re_t, which the program owns. */
        bk_js_str_t *pat = bk_js__str_utf8(c->ctx,
                                           (const char *)n->u.regexp.pattern.p,
                                           n->u.regexp.pattern.n);
        bk_js_str_t *fl = bk_js__str_utf8(c->ctx,
                                          (const char *)n->u.regexp.flags.p,
                                          n->u.regexp.flags.n);
        uint16_t *pu = talloc(c, ((size_t)pat->len + 1) * 2);
        uint16_t fu[16];
        for (uint32_t i = 0; i < pat->len; i++)
            pu[i] = (uint16_t)str_at(pat, i);
        for (uint32_t i = 0; i < fl->len && i < 16; i++)
            fu[i] = (uint16_t)str_at(fl, i);
        unsigned flags = 0;
        if (bk_js_re_parse_flags(fu, BK_MIN(fl->len, 16), &flags) != BK_OK)
            cerror(c, "Invalid regular expression flags");
        const char *reason = NULL;
        bk_js_re_t *re = bk_js_re_compile(pu, pat->len, flags, &reason);
        if (re == NULL) {
            char *p8 = bk_js__str_to_utf8(c->ctx, pat, NULL);
            char *f8 = bk_js__str_to_utf8(c->ctx, fl, NULL);
            cerror(c, "Invalid regular expression: /%s/%s: %s", p8, f8,
                   reason ? reason : "error");
        }
        bk_js_re_list_t *node = bk_js__izalloc(c->ctx, sizeof(*node));
        node->re = re;
        node->next = c->ctx->prog->regexps;
        c->ctx->prog->regexps = node;
        uint32_t a = add_const(c, (val_t)(uintptr_t)re);
        uint32_t b = add_const(c, v_mkstr(bk_js__atom(c->ctx, pat)));
        if (a > 0xFFFF || b > 0xFFFF)
            cerror(c, "function too large");
        emit_op(c, OP_REGEXP);
        emit_u16(c, a);
        emit_u16(c, b);
        break;
    }
    case BK_JS_N_NULL:
        emit_op(c, OP_PUSH_NULL);
        break;
    case BK_JS_N_TRUE:
        emit_op(c, OP_PUSH_TRUE);
        break;
    case BK_JS_N_FALSE:
        emit_op(c, OP_PUSH_FALSE);
        break;
    case BK_JS_N_THIS:
        emit_op(c, OP_PUSH_THIS);
        break;
    case BK_JS_N_NEW_TARGET:
        emit_op(c, OP_PUSH_NEW_TARGET);
        break;
    case BK_JS_N_ARRAY:
        array_lit(c, n);
        break;
    case BK_JS_N_OBJECT:
        object_lit(c, n);
        break;
    case BK_JS_N_FUNC_EXPR:
    case BK_JS_N_ARROW:
        closure(c, n->u.func, NULL, 0);
        break;
    case BK_JS_N_CLASS_EXPR:
        class_expr(c, n, NULL);
        break;
    case BK_JS_N_UNARY: {
        const bk_js_node_t *a = n->u.unary.arg;
        switch (n->op) {
        case BK_JS_OP_TYPEOF:
            if (a->kind == BK_JS_N_IDENT) {
                ref_t r;
                if (!resolve(c, a->u.ident.name, &r)) {
                    op_atom(c, OP_GET_GLOBAL_TYPEOF,
                            atom_of(c, a->u.ident.name));
                    emit_op(c, OP_TYPEOF);
                    return;
                }
            }
            expr(c, a);
            emit_op(c, OP_TYPEOF);
            return;
        case BK_JS_OP_DELETE:
            if (a->kind == BK_JS_N_MEMBER) {
                expr(c, a->u.member.obj);
                op_atom(c, OP_DELETE_FIELD,
                        atom_of(c, a->u.member.prop->u.ident.name));
            } else if (a->kind == BK_JS_N_INDEX) {
                expr(c, a->u.member.obj);
                expr(c, a->u.member.prop);
                emit_op(c, OP_DELETE_ELEM);
            } else {
                expr(c, a);
                emit_op(c, OP_POP);
                emit_op(c, OP_PUSH_TRUE);
            }
            return;
        case BK_JS_OP_VOID:
            expr(c, a);
            emit_op(c, OP_POP);
            emit_op(c, OP_PUSH_UNDEF);
            return;
        default:
            expr(c, a);
            emit_op(c, n->op == BK_JS_OP_NEG    ? OP_NEG
                       : n->op == BK_JS_OP_PLUS ? OP_PLUS
                       : n->op == BK_JS_OP_NOT  ? OP_NOT
                                                : OP_BNOT);
            return;
        }
    }
    case BK_JS_N_UPDATE:
        update_expr(c, n, 1);
        break;
    case BK_JS_N_BINARY:
        expr(c, n->u.bin.left);
        expr(c, n->u.bin.right);
        emit_op(c, binop(n->op));
        break;
    case BK_JS_N_LOGICAL: {
        int end = new_label(c);
        expr(c, n->u.bin.left);
        emit_jump(c, logical_jump(n->op), end);
        expr(c, n->u.bin.right);
        place(c, end);
        break;
    }
    case BK_JS_N_ASSIGN:
        assign_expr(c, n);
        break;
    case BK_JS_N_CONDITIONAL: {
        int els = new_label(c), end = new_label(c);
        expr(c, n->u.cond.test);
        emit_jump(c, OP_JUMP_IF_FALSE, els);
        expr(c, n->u.cond.then);
        emit_jump(c, OP_JUMP, end);
        adjust(c, 1, 0);
        place(c, els);
        expr(c, n->u.cond.else_);
        place(c, end);
        break;
    }
    case BK_JS_N_CALL:
        call_expr(c, n);
        break;
    case BK_JS_N_NEW: {
        expr(c, n->u.call.callee);
        int argc = args(c, &n->u.call.args);
        if (argc < 0) {
            emit_op(c, OP_NEW_ARRAY_ARGS);
        } else {
            emit_op(c, OP_NEW);
            emit_u8(c, (unsigned)argc);
            adjust(c, argc + 1, 1);
        }
        break;
    }
    case BK_JS_N_MEMBER:
    case BK_JS_N_INDEX: {
        const bk_js_node_t *obj = n->u.member.obj;
        if (obj->kind == BK_JS_N_SUPER) {
            if (n->kind == BK_JS_N_MEMBER)
                push_const(c, v_mkstr(atom_of(c, n->u.member.prop
                                                     ->u.ident.name)));
            else
                expr(c, n->u.member.prop);
            emit_op(c, OP_GET_SUPER);
            break;
        }
        expr(c, obj);
        if (n->flags & BK_JS_NF_OPTIONAL)
            optional_jump(c);
        bk_js_str_t *lk;
        if (n->kind == BK_JS_N_MEMBER) {
            op_atom(c, OP_GET_FIELD, atom_of(c, n->u.member.prop->u.ident.name));
        } else if ((lk = literal_key(c, n->u.member.prop)) != NULL) {
            op_atom(c, OP_GET_FIELD, lk);
        } else {
            expr(c, n->u.member.prop);
            emit_op(c, OP_GET_ELEM);
        }
        break;
    }
    case BK_JS_N_OPT_CHAIN: {
        chain_t *save = c->fs->chain;
        chain_t ch = {.base = c->fs->depth};
        c->fs->chain = &ch;
        expr(c, n->u.unary.arg);
        c->fs->chain = save;
        if (ch.npads) {
            int end = new_label(c);
            emit_jump(c, OP_JUMP, end);
            for (int i = ch.npads - 1; i >= 0; i--) {
                place(c, ch.pads[i]);
                if (i > 0)
                    emit_op(c, OP_POP);
            }
            emit_op(c, OP_PUSH_UNDEF);
            place(c, end);
            c->fs->depth = ch.base + 1;
        }
        break;
    }
    case BK_JS_N_SEQUENCE:
        for (uint32_t i = 0; i < n->u.list.n; i++) {
            expr(c, n->u.list.v[i]);
            if (i + 1 < n->u.list.n)
                emit_op(c, OP_POP);
        }
        break;
    case BK_JS_N_YIELD:
        if (n->flags & BK_JS_NF_DELEGATE) {
            int top = new_label(c), done = new_label(c);
            expr(c, n->u.unary.arg);
            emit_op(c, OP_GET_ITER);
            place(c, top);
            emit_jump(c, OP_ITER_NEXT, done);
            emit_op(c, OP_YIELD);
            emit_op(c, OP_POP);
            emit_jump(c, OP_JUMP, top);
            place(c, done);
            emit_op(c, OP_POP);
            emit_op(c, OP_POP);
            emit_op(c, OP_PUSH_UNDEF);
            break;
        }
        if (n->u.unary.arg)
            expr(c, n->u.unary.arg);
        else
            emit_op(c, OP_PUSH_UNDEF);
        emit_op(c, OP_YIELD);
        break;
    case BK_JS_N_AWAIT:
        expr(c, n->u.unary.arg);
        emit_op(c, OP_AWAIT);
        break;
    case BK_JS_N_SUPER:
        cerror(c, "'super' keyword unexpected here");
    default:
        cerror(c, "unsupported expression (%s)", bk_js_node_name(n->kind));
    }
}

/* ---- patterns ------------------------------------------------------- */

/* Pops the value on top of the stack into target t. init: as store_name. */
static void pattern(comp_t *c, const bk_js_node_t *t, int init)
{
    switch (t->kind) {
    case BK_JS_N_IDENT:
        store_name(c, t->u.ident.name, init);
        return;
    case BK_JS_N_MEMBER:
        expr(c, t->u.member.obj);
        emit_op(c, OP_SWAP);
        op_atom(c, OP_PUT_FIELD, atom_of(c, t->u.member.prop->u.ident.name));
        return;
    case BK_JS_N_INDEX:
        expr(c, t->u.member.obj);
        expr(c, t->u.member.prop);
        emit_op(c, OP_ROT3L);
        emit_op(c, OP_PUT_ELEM);
        return;
    case BK_JS_N_ASSIGN_PATTERN: {
        int have = new_label(c);
        emit_op(c, OP_DUP);
        emit_op(c, OP_IS_UNDEF);
        emit_jump(c, OP_JUMP_IF_FALSE, have);
        emit_op(c, OP_POP);
        bk_js_str_t *name = t->u.bin.left->kind == BK_JS_N_IDENT
                                ? atom_of(c, t->u.bin.left->u.ident.name)
                                : NULL;
        named_expr(c, t->u.bin.right, name);
        place(c, have);
        pattern(c, t->u.bin.left, init);
        return;
    }
    case BK_JS_N_OBJECT_PATTERN: {
        int ok = new_label(c);
        emit_op(c, OP_DUP);
        emit_op(c, OP_IS_UNDEF_OR_NULL);
        emit_jump(c, OP_JUMP_IF_FALSE, ok);
        emit_op(c, OP_THROW_ERR);
        emit_u8(c, ERR_TypeError);
        emit_u32(c, add_const(c, v_mkstr(bk_js__atom_cstr(
                                     c->ctx, "Cannot destructure 'undefined' "
                                             "or 'null'."))));
        place(c, ok);
        for (uint32_t i = 0; i < t->u.list.n; i++) {
            const bk_js_node_t *p = t->u.list.v[i];
            if (p->kind == BK_JS_N_REST) {
                emit_op(c, OP_DUP);
                emit_op(c, OP_NEW_OBJECT);
                emit_u8(c, 0);
                emit_op(c, OP_SWAP);
                emit_op(c, OP_OBJ_SPREAD);
                for (uint32_t j = 0; j < i; j++) {
                    const bk_js_node_t *q = t->u.list.v[j];
                    if (q->flags & BK_JS_NF_COMPUTED)
                        continue; /* XXX: computed keys stay in the rest */
                    emit_op(c, OP_DUP);
                    op_atom(c, OP_DELETE_FIELD, key_atom(c, q->u.prop.key));
                    emit_op(c, OP_POP);
                }
                pattern(c, p->u.unary.arg, init);
                continue;
            }
            emit_op(c, OP_DUP);
            if (p->flags & BK_JS_NF_COMPUTED) {
                expr(c, p->u.prop.key);
                emit_op(c, OP_GET_ELEM);
            } else {
                op_atom(c, OP_GET_FIELD, key_atom(c, p->u.prop.key));
            }
            pattern(c, p->u.prop.value, init);
        }
        emit_op(c, OP_POP);
        return;
    }
    case BK_JS_N_ARRAY_PATTERN: {
        emit_op(c, OP_GET_ITER);
        for (uint32_t i = 0; i < t->u.list.n; i++) {
            const bk_js_node_t *e = t->u.list.v[i];
            if (e != NULL && e->kind == BK_JS_N_REST) {
                int tmp = new_local(c);
                int top = new_label(c), done = new_label(c);
                op_u16(c, OP_NEW_ARRAY, 0);
                op_u16(c, OP_PUT_LOC, (unsigned)tmp);
                place(c, top);
                emit_jump(c, OP_ITER_NEXT, done);
                op_u16(c, OP_GET_LOC, (unsigned)tmp);
                emit_op(c, OP_SWAP);
                emit_op(c, OP_ARRAY_PUSH);
                emit_op(c, OP_POP);
                emit_jump(c, OP_JUMP, top);
                place(c, done);
                op_u16(c, OP_GET_LOC, (unsigned)tmp);
                pattern(c, e->u.unary.arg, init);
                continue;
            }
            int done = new_label(c), have = new_label(c);
            emit_jump(c, OP_ITER_NEXT, done);
            emit_jump(c, OP_JUMP, have);
            place(c, done);
            emit_op(c, OP_PUSH_UNDEF);
            adjust(c, 1, 0);
            place(c, have);
            if (e == NULL)
                emit_op(c, OP_POP);
            else
                pattern(c, e, init);
        }
        /* IteratorClose unless the pattern exhausted the iterator. */
        emit_op(c, OP_ITER_CLOSE);
        return;
    }
    default:
        cerror(c, "Invalid destructuring assignment target");
    }
}

/* ---- statements ------------------------------------------------------ */

/* Emits what leaving context j (crossing it outward) requires. Returns 0
 * if the jump was routed into a finally (stop walking). */
static int cross(comp_t *c, jctx_t *j, int kind, jctx_t *target, int label)
{
    switch (j->type) {
    case J_ENV:
        emit_op(c, OP_POP_ENV);
        break;
    case J_TRY:
        emit_op(c, OP_END_TRY);
        break;
    case J_LOOP:
    case J_SWITCH:
        if (j->iter)
            emit_op(c, OP_ITER_CLOSE);
        else
            for (int i = 0; i < j->extra; i++)
                emit_op(c, OP_POP);
        break;
    case J_FINBODY:
        emit_op(c, OP_POP);
        emit_op(c, OP_POP);
        break;
    case J_FIN: {
        emit_op(c, OP_END_TRY);
        if (j->npend >= 16)
            cerror(c, "too many jumps out of one try/finally");
        int k = j->npend++;
        j->pend[k].kind = kind;
        j->pend[k].target = target;
        j->pend[k].label = label;
        if (kind != 2)
            emit_op(c, OP_PUSH_UNDEF);
        push_num(c, 3 + k);
        emit_jump(c, OP_JUMP, j->fin_label);
        return 0;
    }
    default:
        break;
    }
    return 1;
}

/* Emits a jump to 'label' of context 'target' (break/continue), or a
 * return (target NULL, value on the stack) through what lies between. */
static void jump_out(comp_t *c, jctx_t *from, int kind, jctx_t *target,
                     int label)
{
    cfunc_t *f = c->fs;
    if (kind == 2) {
        /* return: stash the value while crossing. */
        int need = 0;
        for (jctx_t *j = from; j != NULL; j = j->prev)
            if (j->type == J_LOOP || j->type == J_SWITCH ||
                j->type == J_FINBODY || j->type == J_FIN)
                need = 1;
        if (!need) {
            emit_op(c, OP_RETURN);
            return;
        }
        if (f->ret_tmp < 0)
            f->ret_tmp = new_local(c);
        op_u16(c, OP_PUT_LOC, (unsigned)f->ret_tmp);
        for (jctx_t *j = from; j != NULL; j = j->prev) {
            if (j->type == J_FIN) {
                emit_op(c, OP_END_TRY);
                if (j->npend >= 16)
                    cerror(c, "too many jumps out of one try/finally");
                int k = j->npend++;
                j->pend[k].kind = 2;
                j->pend[k].target = NULL;
                j->pend[k].label = -1;
                op_u16(c, OP_GET_LOC, (unsigned)f->ret_tmp);
                push_num(c, 3 + k);
                emit_jump(c, OP_JUMP, j->fin_label);
                adjust(c, 2, 0);
                return;
            }
            if (j->type != J_ENV && j->type != J_TRY)
                cross(c, j, kind, NULL, -1);
        }
        op_u16(c, OP_GET_LOC, (unsigned)f->ret_tmp);
        emit_op(c, OP_RETURN);
        return;
    }
    for (jctx_t *j = from; j != target; j = j->prev) {
        if (!cross(c, j, kind, target, label)) {
            adjust(c, 2, 0);
            return;
        }
    }
    emit_jump(c, OP_JUMP, label);
}

static int has_label(const jctx_t *j, bk_str_t l)
{
    for (uint32_t i = 0; i < j->nlabels; i++)
        if (bk_str_eq(j->labels[i], l))
            return 1;
    return 0;
}

static void break_continue(comp_t *c, const bk_js_node_t *n, int is_break)
{
    bk_str_t l = n->u.jump.label;
    for (jctx_t *j = c->fs->jc; j != NULL; j = j->prev) {
        if (j->type != J_LOOP && j->type != J_SWITCH && j->type != J_BLOCK)
            continue;
        if (l.n ? has_label(j, l)
                : (is_break ? (j->type != J_BLOCK) : j->is_loop)) {
            if (!is_break && !j->is_loop)
                cerror(c, "Illegal continue statement");
            jump_out(c, c->fs->jc, is_break ? 3 : 4, j,
                     is_break ? j->brk : j->cont);
            return;
        }
    }
    cerror(c, "Illegal %s statement", is_break ? "break" : "continue");
}

/* The label set a loop receives from enclosing LABEL statements. */
typedef struct {
    const bk_str_t *v;
    uint32_t n;
} labels_t;

static labels_t pending_labels;

static jctx_t *loop_ctx(comp_t *c, int is_loop)
{
    jctx_t *j = jpush(c, J_LOOP);
    j->is_loop = is_loop;
    j->brk = new_label(c);
    j->cont = is_loop ? new_label(c) : -1;
    j->labels = pending_labels.v;
    j->nlabels = pending_labels.n;
    pending_labels.n = 0;
    pending_labels.v = NULL;
    return j;
}

static void var_decl(comp_t *c, const bk_js_node_t *n)
{
    int init = n->op == BK_JS_DECL_VAR ? 2 : 1;
    for (uint32_t i = 0; i < n->u.var.decls.n; i++) {
        const bk_js_node_t *d = n->u.var.decls.v[i];
        const bk_js_node_t *t = d->u.bin.left;
        if (d->u.bin.right == NULL) {
            if (init == 2)
                continue;
            emit_op(c, OP_PUSH_UNDEF);
        } else {
            bk_js_str_t *name = t->kind == BK_JS_N_IDENT
                                    ? atom_of(c, t->u.ident.name)
                                    : NULL;
            named_expr(c, d->u.bin.right, name);
        }
        pattern(c, t, init);
    }
}

/* Binds the for-in/of value on the stack to the loop's left side. */
static void for_target(comp_t *c, const bk_js_node_t *left)
{
    if (left->kind == BK_JS_N_VAR) {
        const bk_js_node_t *d = left->u.var.decls.v[0];
        pattern(c, d->u.bin.left, left->op == BK_JS_DECL_VAR ? 2 : 1);
    } else {
        pattern(c, left, 0);
    }
}

static void for_in_of(comp_t *c, const bk_js_node_t *n)
{
    int of = n->kind == BK_JS_N_FOR_OF;
    expr(c, n->u.forin.right);
    emit_op(c, of ? OP_GET_ITER : OP_FOR_IN);
    jctx_t *j = loop_ctx(c, 1);
    j->extra = of ? 2 : 1;
    j->iter = of;
    int top = new_label(c), done = new_label(c);
    place(c, top);
    emit_jump(c, of ? OP_ITER_NEXT : OP_FOR_IN_NEXT, done);
    cscope_t *save = c->fs->scope;
    cscope_t *s = enter_scope(c, n);
    for_target(c, n->u.forin.left);
    stmt(c, n->u.forin.body);
    if (s)
        leave_scope(c, s);
    c->fs->scope = save;
    place(c, j->cont);
    emit_jump(c, OP_JUMP, top);
    place(c, j->brk);
    jpop(c);
    if (of) {
        /* break: close the iterator; exhaustion: just drop it */
        int end = new_label(c);
        emit_op(c, OP_ITER_CLOSE);
        emit_jump(c, OP_JUMP, end);
        place(c, done);
        emit_op(c, OP_POP);
        emit_op(c, OP_POP);
        place(c, end);
    } else {
        place(c, done);
        emit_op(c, OP_POP);
    }
}

static void for_stmt(comp_t *c, const bk_js_node_t *n)
{
    cscope_t *save = c->fs->scope;
    cscope_t *s = enter_scope(c, n);
    const bk_js_node_t *init = n->u.for_.init;
    if (init != NULL) {
        if (init->kind == BK_JS_N_VAR) {
            var_decl(c, init);
        } else {
            expr(c, init);
            emit_op(c, OP_POP);
        }
    }
    jctx_t *j = loop_ctx(c, 1);
    int top = new_label(c);
    place(c, top);
    if (n->u.for_.test) {
        expr(c, n->u.for_.test);
        emit_jump(c, OP_JUMP_IF_FALSE, j->brk);
    }
    stmt(c, n->u.for_.body);
    place(c, j->cont);
    if (s && s->has_env)
        emit_op(c, OP_COPY_ENV);
    if (n->u.for_.update) {
        const bk_js_node_t *u = n->u.for_.update;
        if (u->kind == BK_JS_N_UPDATE) {
            update_expr(c, u, 0);
        } else {
            expr(c, u);
            emit_op(c, OP_POP);
        }
    }
    emit_jump(c, OP_JUMP, top);
    place(c, j->brk);
    jpop(c);
    leave_scope(c, s);
    c->fs->scope = save;
}

static void try_stmt(comp_t *c, const bk_js_node_t *n)
{
    const bk_js_node_t *fin = n->u.try_.finalizer;
    const bk_js_node_t *handler = n->u.try_.handler;
    jctx_t *fj = NULL;
    int fin_exc = -1;
    int base = c->fs->depth;
    if (fin) {
        fj = jpush(c, J_FIN);
        fj->fin_label = new_label(c);
        fin_exc = new_label(c);
        emit_jump(c, OP_TRY_FIN, fin_exc);
    }
    if (handler) {
        int catch_l = new_label(c), after = new_label(c);
        emit_jump(c, OP_TRY, catch_l);
        jpush(c, J_TRY);
        stmt(c, n->u.try_.block);
        jpop(c);
        emit_op(c, OP_END_TRY);
        emit_jump(c, OP_JUMP, after);
        place(c, catch_l);
        c->fs->depth = base;
        adjust(c, 0, 1);
        cscope_t *save = c->fs->scope;
        cscope_t *s = enter_scope(c, n);
        if (n->u.try_.param)
            pattern(c, n->u.try_.param, 1);
        else
            emit_op(c, OP_POP);
        stmt(c, handler);
        leave_scope(c, s);
        c->fs->scope = save;
        place(c, after);
    } else {
        stmt(c, n->u.try_.block);
    }
    if (!fin)
        return;
    jpop(c); /* the J_FIN */
    emit_op(c, OP_END_TRY);
    emit_op(c, OP_PUSH_UNDEF);
    push_num(c, 0);
    emit_jump(c, OP_JUMP, fj->fin_label);
    place(c, fin_exc);
    c->fs->depth = base;
    adjust(c, 0, 1);
    push_num(c, 1);
    place(c, fj->fin_label);
    jctx_t *fb = jpush(c, J_FINBODY);
    (void)fb;
    stmt(c, fin);
    jpop(c);
    int npend = fj->npend;
    int labels[16];
    for (int k = 0; k < npend; k++) {
        labels[k] = new_label(c);
        emit_op(c, OP_JUMP_KIND);
        emit_u8(c, (unsigned)(3 + k));
        cfunc_t *f = c->fs;
        f->fix = tgrow(c, f->fix, &f->fixcap, f->nfix, sizeof(fixup_t));
        f->fix[f->nfix++] = (fixup_t){here(c), here(c) - 2, labels[k]};
        emit_u32(c, 0);
    }
    emit_op(c, OP_FIN_END);
    if (npend) {
        int end = new_label(c);
        emit_jump(c, OP_JUMP, end);
        for (int k = 0; k < npend; k++) {
            place(c, labels[k]);
            c->fs->depth = base + 2;
            emit_op(c, OP_POP); /* kind */
            if (fj->pend[k].kind == 2) {
                jump_out(c, c->fs->jc, 2, NULL, -1);
            } else {
                emit_op(c, OP_POP);
                jump_out(c, c->fs->jc, fj->pend[k].kind, fj->pend[k].target,
                         fj->pend[k].label);
            }
        }
        place(c, end);
    }
    c->fs->depth = base;
}

static void switch_stmt(comp_t *c, const bk_js_node_t *n)
{
    expr(c, n->u.switch_.disc);
    jctx_t *j = loop_ctx(c, 0);
    j->type = J_SWITCH;
    j->extra = 1;
    cscope_t *save = c->fs->scope;
    cscope_t *s = enter_scope(c, n);
    uint32_t nc = n->u.switch_.cases.n;
    int *labels = talloc(c, (nc + 1) * sizeof(int));
    int def = -1;
    for (uint32_t i = 0; i < nc; i++) {
        const bk_js_node_t *cs = n->u.switch_.cases.v[i];
        labels[i] = new_label(c);
        if (cs->u.case_.test == NULL) {
            def = (int)i;
            continue;
        }
        emit_op(c, OP_DUP);
        expr(c, cs->u.case_.test);
        emit_op(c, OP_SEQ);
        emit_jump(c, OP_JUMP_IF_TRUE, labels[i]);
    }
    int endl = new_label(c);
    emit_jump(c, OP_JUMP, def >= 0 ? labels[def] : endl);
    for (uint32_t i = 0; i < nc; i++) {
        place(c, labels[i]);
        stmts(c, &n->u.switch_.cases.v[i]->u.case_.body);
    }
    place(c, endl);
    if (s)
        leave_scope(c, s);
    c->fs->scope = save;
    place(c, j->brk);
    jpop(c);
    emit_op(c, OP_POP);
}

/* Initialises the function declarations of a block (hoisted). */
static void block_funcs(comp_t *c, const bk_js_decl_t *d, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (d[i].kind != BK_JS_DECL_FUNC)
            continue;
        const bk_js_node_t *fd = d[i].node;
        closure(c, fd->u.func, atom_of(c, d[i].name), 0);
        store_name(c, d[i].name, 1);
    }
}

static void stmt(comp_t *c, const bk_js_node_t *n)
{
    if (n == NULL)
        return;
    cfunc_t *f = c->fs;
    switch (n->kind) {
    case BK_JS_N_EMPTY:
    case BK_JS_N_DEBUGGER:
    case BK_JS_N_FUNC_DECL:
        break;
    case BK_JS_N_VAR:
        var_decl(c, n);
        break;
    case BK_JS_N_CLASS_DECL:
        class_expr(c, n, NULL);
        store_name(c, n->u.cls->name->u.ident.name, 1);
        break;
    case BK_JS_N_EXPR_STMT: {
        const bk_js_node_t *e = n->u.unary.arg;
        if (e->kind == BK_JS_N_UPDATE) {
            update_expr(c, e, 0);
            break;
        }
        if (e->kind == BK_JS_N_ASSIGN) {
            if (assign_expr_want(c, e, 0))
                emit_op(c, OP_POP);
            break;
        }
        expr(c, e);
        emit_op(c, OP_POP);
        break;
    }
    case BK_JS_N_BLOCK: {
        cscope_t *save = f->scope;
        cscope_t *s = enter_scope(c, n);
        if (s)
            block_funcs(c, n->u.block.decls, n->u.block.n_decls);
        stmts(c, &n->u.block.body);
        leave_scope(c, s);
        f->scope = save;
        break;
    }
    case BK_JS_N_IF: {
        int els = new_label(c), end = new_label(c);
        expr(c, n->u.cond.test);
        emit_jump(c, OP_JUMP_IF_FALSE, els);
        stmt(c, n->u.cond.then);
        if (n->u.cond.else_) {
            emit_jump(c, OP_JUMP, end);
            place(c, els);
            stmt(c, n->u.cond.else_);
            place(c, end);
        } else {
            place(c, els);
        }
        break;
    }
    case BK_JS_N_WHILE: {
        jctx_t *j = loop_ctx(c, 1);
        place(c, j->cont);
        expr(c, n->u.loop.test);
        emit_jump(c, OP_JUMP_IF_FALSE, j->brk);
        stmt(c, n->u.loop.body);
        emit_jump(c, OP_JUMP, j->cont);
        place(c, j->brk);
        jpop(c);
        break;
    }
    case BK_JS_N_DO_WHILE: {
        jctx_t *j = loop_ctx(c, 1);
        int top = new_label(c);
        place(c, top);
        stmt(c, n->u.loop.body);
        place(c, j->cont);
        expr(c, n->u.loop.test);
        emit_jump(c, OP_JUMP_IF_TRUE, top);
        place(c, j->brk);
        jpop(c);
        break;
    }
    case BK_JS_N_FOR:
        for_stmt(c, n);
        break;
    case BK_JS_N_FOR_IN:
    case BK_JS_N_FOR_OF:
        for_in_of(c, n);
        break;
    case BK_JS_N_CONTINUE:
        break_continue(c, n, 0);
        break;
    case BK_JS_N_BREAK:
        break_continue(c, n, 1);
        break;
    case BK_JS_N_RETURN:
        if (n->u.unary.arg)
            expr(c, n->u.unary.arg);
        else
            emit_op(c, OP_PUSH_UNDEF);
        jump_out(c, f->jc, 2, NULL, -1);
        break;
    case BK_JS_N_THROW:
        expr(c, n->u.unary.arg);
        emit_op(c, OP_THROW);
        break;
    case BK_JS_N_TRY:
        try_stmt(c, n);
        break;
    case BK_JS_N_SWITCH:
        switch_stmt(c, n);
        break;
    case BK_JS_N_LABEL: {
        /* Collect consecutive labels; loops take them as their label set. */
        bk_str_t *set = talloc(c, 16 * sizeof(bk_str_t));
        uint32_t ns = 0;
        const bk_js_node_t *body = n;
        while (body->kind == BK_JS_N_LABEL && ns < 16) {
            set[ns++] = body->u.label.label;
            body = body->u.label.body;
        }
        int is_loop = body->kind == BK_JS_N_FOR ||
                      body->kind == BK_JS_N_FOR_IN ||
                      body->kind == BK_JS_N_FOR_OF ||
                      body->kind == BK_JS_N_WHILE ||
                      body->kind == BK_JS_N_DO_WHILE;
        if (is_loop) {
            pending_labels.v = set;
            pending_labels.n = ns;
            stmt(c, body);
            pending_labels.n = 0;
        } else {
            jctx_t *j = jpush(c, J_BLOCK);
            j->labels = set;
            j->nlabels = ns;
            j->brk = new_label(c);
            stmt(c, body);
            place(c, j->brk);
            jpop(c);
        }
        break;
    }
    case BK_JS_N_IMPORT: {
        const bk_js_node_t *src = n->u.import.source;
        op_atom(c, OP_IMPORT, atom_u16(c, &src->u.str));
        for (uint32_t i = 0; i < n->u.import.specs.n; i++) {
            const bk_js_node_t *sp = n->u.import.specs.v[i];
            emit_op(c, OP_DUP);
            bk_str_t imp = sp->u.spec.imported;
            if (!bk_str_eq(imp, BK_STR("default")) &&
                !bk_str_eq(imp, BK_STR("*")))
                op_atom(c, OP_GET_FIELD, atom_of(c, imp));
            store_name(c, sp->u.spec.local->u.ident.name, 1);
        }
        emit_op(c, OP_POP);
        break;
    }
    default:
        cerror(c, "unsupported statement (%s)", bk_js_node_name(n->kind));
    }
}

static void stmts(comp_t *c, const bk_js_list_t *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        int d = c->fs->depth;
        stmt(c, l->v[i]);
        c->fs->depth = d;
    }
}

/* ---- functions --------------------------------------------------- */

static void prologue(comp_t *c, const bk_js_func_t *f, cscope_t *s)
{
    if (s->has_env) {
        op_u16(c, OP_PUSH_ENV, s->nenv);
    }
    for (uint32_t i = 0; i < s->nvars; i++) {
        cvar_t *v = &s->vars[i];
        switch (v->kind) {
        case K_PARAM:
            if (v->where == W_ENV) {
                op_u16(c, OP_GET_ARG, v->arg);
                emit_env(c, OP_PUT_ENV, 0, v->slot);
            }
            break;
        case K_ARGS:
            emit_op(c, OP_ARGUMENTS);
            {
                ref_t r = {v, 0};
                emit_store_var(c, &r, 1);
            }
            break;
        case K_CALLEE: {
            emit_op(c, OP_PUSH_CALLEE);
            ref_t r = {v, 0};
            emit_store_var(c, &r, 1);
            break;
        }
        case K_LET:
        case K_CONST:
        case K_CLASS:
            if (v->where == W_LOCAL) {
                emit_op(c, OP_PUSH_EMPTY);
                op_u16(c, OP_PUT_LOC, v->slot);
            }
            break;
        default:
            if (v->where == W_ENV) {
                emit_op(c, OP_PUSH_UNDEF);
                emit_env(c, OP_PUT_ENV, 0, v->slot);
            }
            break;
        }
    }
    /* Parameters with defaults, patterns and rest. */
    for (uint32_t i = 0; i < f->params.n; i++) {
        const bk_js_node_t *p = f->params.v[i];
        if (p->kind == BK_JS_N_IDENT)
            continue;
        if (p->kind == BK_JS_N_REST) {
            op_u16(c, OP_REST, i);
            pattern(c, p->u.unary.arg, 2);
            continue;
        }
        op_u16(c, OP_GET_ARG, i);
        pattern(c, p, 2);
    }
    for (uint32_t i = 0; i < f->func_decls.n; i++) {
        const bk_js_node_t *fd = f->func_decls.v[i];
        bk_str_t name = fd->u.func->name->u.ident.name;
        closure(c, fd->u.func, atom_of(c, name), 0);
        store_name(c, name, 2);
    }
}

static void program_prologue(comp_t *c, const bk_js_func_t *f)
{
    for (uint32_t i = 0; i < f->n_var_names; i++)
        op_atom(c, OP_DEF_GLOBAL_VAR, atom_of(c, f->var_names[i]));
    for (uint32_t i = 0; i < f->n_decls; i++) {
        const bk_js_decl_t *d = &f->decls[i];
        op_atom(c, d->kind == BK_JS_DECL_CONST ? OP_DEF_GLOBAL_CONST
                                               : OP_DEF_GLOBAL_LEX,
                atom_of(c, d->name));
    }
    for (uint32_t i = 0; i < f->func_decls.n; i++) {
        const bk_js_node_t *fd = f->func_decls.v[i];
        bk_str_t name = fd->u.func->name->u.ident.name;
        closure(c, fd->u.func, atom_of(c, name), 0);
        op_atom(c, OP_DEF_GLOBAL_FUNC, atom_of(c, name));
    }
}

static bk_js_code_t *finish(comp_t *c, cfunc_t *f)
{
    bk_js_ctx_t *ctx = c->ctx;
    for (uint32_t i = 0; i < f->nfix; i++) {
        fixup_t *x = &f->fix[i];
        int target = f->labels[x->label];
        BK_ASSERT(target >= 0);
        int32_t off = target - x->op_at;
        memcpy(f->code.p + x->pos, &off, 4);
    }
    bk_js_code_t *fn = bk_js__izalloc(ctx, sizeof(*fn));
    fn->ncode = (uint32_t)f->code.n;
    fn->code = bk_js__ialloc(ctx, f->code.n ? f->code.n : 1);
    memcpy((uint8_t *)fn->code, f->code.p, f->code.n);
    fn->nconsts = f->nconsts;
    if (f->nconsts) {
        fn->consts = bk_js__ialloc(ctx, f->nconsts * sizeof(val_t));
        memcpy(fn->consts, f->consts, f->nconsts * sizeof(val_t));
    }
    fn->nfuncs = f->nfuncs;
    if (f->nfuncs) {
        fn->funcs = bk_js__ialloc(ctx, f->nfuncs * sizeof(void *));
        memcpy(fn->funcs, f->funcs, f->nfuncs * sizeof(void *));
    }
    if (f->nlocals > 0xFFFF || f->maxdepth > 0xFFF0)
        cerror(c, "function too large");
    fn->nlocals = (uint16_t)f->nlocals;
    fn->maxstack = (uint16_t)(f->maxdepth + 16);
    /* Register for the disassembler. */
    bk_js_prog_t *P = ctx->prog;
    if (P->nall_funcs == P->all_cap) {
        uint32_t nc = P->all_cap ? P->all_cap * 2 : 16;
        P->all_funcs = bk_js__irealloc(ctx, P->all_funcs,
                                      P->all_cap * sizeof(void *),
                                      nc * sizeof(void *));
        P->all_cap = nc;
    }
    P->all_funcs[P->nall_funcs++] = fn;
    return fn;
}

static bk_js_code_t *compile_func(comp_t *c, const bk_js_func_t *f,
                                  bk_js_str_t *name, int extra_flags)
{
    cfunc_t *fs = talloc(c, sizeof(*fs));
    fs->parent = c->fs;
    fs->ast = f;
    fs->ret_tmp = -1;
    fs->is_program = (f->flags & BK_JS_FN_PROGRAM) != 0;
    bk_buf_init(&fs->code, c->tmp);
    cscope_t *s = map_get(c, f);
    BK_ASSERT(s != NULL);
    fs->scope = s;
    c->fs = fs;
    assign_slots(c, s);
    uint16_t flags = (uint16_t)extra_flags;
    if (f->flags & BK_JS_FN_ARROW)
        flags |= FN_ARROW;
    if (f->flags & BK_JS_FN_ASYNC)
        flags |= FN_ASYNC;
    if (f->flags & BK_JS_FN_GENERATOR)
        flags |= FN_GEN;
    if (f->flags & (BK_JS_FN_GETTER | BK_JS_FN_SETTER))
        flags |= FN_GETSET;
    if (f->flags & BK_JS_FN_METHOD)
        flags |= FN_METHOD;
    if (fs->is_program) {
        flags |= FN_SCRIPT;
        program_prologue(c, f);
    } else {
        if ((extra_flags & FN_CLASS_CTOR) && !(extra_flags & FN_DERIVED))
            emit_op(c, OP_INIT_FIELDS);
        prologue(c, f, s);
    }
    if (flags & FN_GEN)
        emit_op(c, OP_INITIAL_YIELD);
    stmts(c, &f->body);
    emit_op(c, OP_RETURN_UNDEF);
    bk_js_code_t *fn = finish(c, fs);
    fn->flags = flags;
    uint32_t np = f->params.n;
    if (np && f->params.v[np - 1]->kind == BK_JS_N_REST)
        np--;
    fn->nparams = (uint16_t)np;
    fn->length = (uint16_t)f->length;
    if (f->name != NULL && !(flags & FN_GETSET))
        name = atom_of(c, f->name->u.ident.name);
    if (name != NULL && (flags & FN_GETSET)) {
        bk_js_str_t *pre = bk_js__str_cstr(
            c->ctx, (f->flags & BK_JS_FN_GETTER) ? "get " : "set ");
        name = bk_js__atom(c->ctx, bk_js__str_concat(c->ctx, pre, name));
    }
    fn->name = name;
    if (f->src_end > f->src_start && c->tsrc) {
        fn->src = c->tsrc + f->src_start;
        fn->srclen = f->src_end - f->src_start;
    }
    c->fs = fs->parent;
    return fn;
}

bk_js_code_t *bk_js__compile(bk_js_ctx_t *ctx, const char *src, size_t n,
                             char *err, size_t errlen)
{
    bk_arena_t tmp;
    bk_arena_init(&tmp, 64 * 1024, (size_t)256 << 20);
    bk_js_syntax_error_t se;
    bk_js_node_t *root = NULL;
    bk_js_lang_t lang = ctx->prog->runtime == BK_JS_RUNTIME_1_0
                            ? BK_JS_LANG_CF1
                            : BK_JS_LANG_CF2;
    if (bk_js_parse_ex(&tmp, (const uint8_t *)src, n, lang,
                       BK_JS_PARSE_CLASS_FIELDS, &root, &se) != BK_OK) {
        if (se.oom)
            snprintf(err, errlen, "SyntaxError: out of memory");
        else
            snprintf(err, errlen, "SyntaxError: %s", se.msg);
        bk_arena_destroy(&tmp);
        return NULL;
    }
    comp_t *c = bk_arena_calloc(&tmp, sizeof(comp_t));
    if (c == NULL) {
        snprintf(err, errlen, "SyntaxError: out of memory");
        bk_arena_destroy(&tmp);
        return NULL;
    }
    c->ctx = ctx;
    c->tmp = &tmp;
    c->src = (const uint8_t *)src;
    c->srclen = n;
    c->err = err;
    c->errlen = errlen;
    pending_labels.n = 0;
    bk_js_code_t *volatile fn = NULL;
    /* A limit hit while compiling (the template's cap) unwinds through
     * here first, so the working arena is freed, then goes on outward. */
    bk_js_guard_t g;
    bk_js__guard_enter(ctx, &g);
    if (BK_JS_SETJMP(g) != 0) {
        bk_arena_destroy(&tmp);
        bk_js__abort(ctx, ctx->limit);
    }
    if (setjmp(c->jb) == 0) {
        char *copy = bk_js__ialloc(ctx, n + 1);
        memcpy(copy, src, n);
        copy[n] = 0;
        c->tsrc = copy;
        analyse(c, root);
        fn = compile_func(c, root->u.func, NULL, 0);
    }
    bk_js__guard_leave(ctx, &g);
    bk_arena_destroy(&tmp);
    return fn;
}
