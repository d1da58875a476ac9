/*
 * parse.c: the JavaScript parser's core: tokens, errors, the symbol table
 * that finds early errors (redeclarations) and builds the hoisting lists,
 * statements, functions and the program. Expressions are in parse_expr.c.
 *
 * Invariant: recursion is bounded by p->depth (BK_JS_PARSE_MAX_DEPTH, then a
 * SyntaxError), and long left-nested chains (a+b+c, a.b.c, f()()) count
 * towards it too, so the tree's height is bounded for the compiler as well.
 * All memory comes from the caller's arena; errors longjmp to bk_js_parse().
 */
#include <stdarg.h>
#include <stdio.h>
#include "js/parse_int.h"

/* ---- errors ------------------------------------------------------------ */

/* Line and column of byte 'off' (errors only: scans from the start). */
static void locate(bk_js__parser_t *p, uint32_t off, uint32_t *line,
                   uint32_t *col)
{
    const uint8_t *s = p->lx.src;
    uint32_t i, ln = 1, ls = 0, cont = 0;
    if (off > p->lx.len)
        off = p->lx.len;
    for (i = 0; i < off; i++) {
        uint8_t c = s[i];
        if (c == '\n' || (c == '\r' && !(i + 1 < p->lx.len &&
                                         s[i + 1] == '\n'))) {
            ln++;
            ls = i + 1;
            cont = 0;
        } else if (c == 0xe2 && i + 2 < p->lx.len && s[i + 1] == 0x80 &&
                   (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) {
            ln++;
            i += 2;
            ls = i + 1;
            cont = 0;
        } else if ((c & 0xc0) == 0x80) {
            cont++;
        }
    }
    *line = ln;
    *col = off - ls - cont + 1;
}

void bk_js__perr(bk_js__parser_t *p, uint32_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
    va_end(ap);
    p->err->oom = 0;
    p->err->offset = off;
    locate(p, off, &p->err->line, &p->err->col);
    longjmp(p->jb, 1);
}

static BK_NORETURN void lex_failed(bk_js__parser_t *p)
{
    longjmp(p->jb, 1);
}

/* How much of a name to quote in a message: at most 64 bytes, cut on a
 * UTF-8 character boundary. */
static int name_len(bk_str_t s)
{
    size_t n = BK_MIN(s.n, 64);
    while (n < s.n && n > 0 && (s.p[n] & 0xc0) == 0x80)
        n--;
    return (int)n;
}

void bk_js__unexpected(bk_js__parser_t *p, const bk_js_tok_t *t)
{
    int ty = t->type;
    if (ty == BK_JS_T_ERROR)
        lex_failed(p);
    if (ty == BK_JS_T_EOF)
        bk_js__perr(p, t->start, "Unexpected end of input");
    if (ty == BK_JS_T_NAME)
        bk_js__perr(p, t->start, "Unexpected identifier '%.*s'",
                    name_len(t->name), (const char *)t->name.p);
    if (ty == BK_JS_T_NUMBER)
        bk_js__perr(p, t->start, "Unexpected number");
    if (ty == BK_JS_T_STRING)
        bk_js__perr(p, t->start, "Unexpected string");
    if (ty >= BK_JS_T_TEMPLATE && ty <= BK_JS_T_TEMPLATE_TAIL)
        bk_js__perr(p, t->start, "Unexpected template string");
    if (ty == BK_JS_T_REGEXP)
        bk_js__perr(p, t->start, "Unexpected regular expression");
    if (ty == BK_JS_T_ENUM)
        bk_js__perr(p, t->start, "Unexpected reserved word");
    if (ty >= BK_JS_T_FIRST_STRICT)
        bk_js__perr(p, t->start, "Unexpected strict mode reserved word");
    bk_js__perr(p, t->start, "Unexpected token '%s'", bk_js_tok_name(ty));
}

void bk_js__gate(bk_js__parser_t *p, uint32_t off, const char *what)
{
    bk_js__perr(p, off, "%s not supported in cloudfront-js-1.0", what);
}

static BK_NORETURN void oom(bk_js__parser_t *p)
{
    snprintf(p->err->msg, sizeof(p->err->msg), "out of memory");
    p->err->oom = 1;
    p->err->offset = p->tok.start;
    p->err->line = p->tok.line;
    p->err->col = p->tok.col;
    longjmp(p->jb, 1);
}

/* ---- allocation and nodes ---------------------------------------------- */

BK_NORETURN void bk_js__oom(bk_js__parser_t *p)
{
    oom(p);
}

void bk_js__grow(bk_js__parser_t *p)
{
    uint32_t ncap = p->scap ? p->scap * 2 : 256;
    void **ns = bk_js__alloc(p, ncap * sizeof(void *));
    if (p->sp)
        memcpy(ns, p->stk, p->sp * sizeof(void *));
    p->stk = ns;
    p->scap = ncap;
}

bk_js_list_t bk_js__pop_list(bk_js__parser_t *p, uint32_t base)
{
    bk_js_list_t l = {NULL, p->sp - base};
    if (l.n) {
        l.v = bk_js__alloc(p, l.n * sizeof(bk_js_node_t *));
        memcpy(l.v, p->stk + base, l.n * sizeof(bk_js_node_t *));
    }
    p->sp = base;
    return l;
}

void bk_js__too_deep(bk_js__parser_t *p)
{
    bk_js__perr(p, p->tok.start, "Maximum nesting depth exceeded");
}

/* ---- tokens ------------------------------------------------------------ */

void bk_js__lex_failed(bk_js__parser_t *p)
{
    lex_failed(p);
}

const bk_js_tok_t *bk_js__peek(bk_js__parser_t *p)
{
    if (!p->has_ahead) {
        bk_js_lex_next(&p->lx, &p->ahead);
        p->has_ahead = 1;
        if (p->ahead.type == BK_JS_T_ERROR)
            lex_failed(p);
    }
    return &p->ahead;
}

void bk_js__expect(bk_js__parser_t *p, int type)
{
    if (p->tok.type != type)
        bk_js__unexpected(p, &p->tok);
    bk_js__next(p);
}

/* Automatic semicolon insertion: a `;`, or before `}`, the end, or a line
 * break. */
void bk_js__semicolon(bk_js__parser_t *p)
{
    if (p->tok.type == BK_JS_T_SEMI) {
        bk_js__next(p);
        return;
    }
    if (p->tok.type == BK_JS_T_RBRACE || p->tok.type == BK_JS_T_EOF ||
        p->tok.nl_before)
        return;
    bk_js__unexpected(p, &p->tok);
}

/* Whether slice s is the string literal c (length known at compile time,
 * so the compare is inlined). */
#define str_is(s, c)                                                          \
    ((s).n == sizeof(c) - 1 && memcmp((s).p, (c), sizeof(c) - 1) == 0)

/* Whether the current token can be an identifier reference or binding
 * here; raises the right error for reserved words. */
int bk_js__ident_ok(bk_js__parser_t *p, const bk_js_tok_t *t)
{
    if (t->type == BK_JS_T_NAME) {
        if (t->escaped == 2)
            bk_js__perr(p, t->start,
                        "Keyword must not contain escaped characters");
        if (str_is(t->name, "await") &&
            ((p->fn->flags & BK_JS_FN_ASYNC) || p->is_module))
            bk_js__perr(p, t->start, "Unexpected reserved word");
        return 1;
    }
    if (t->type >= BK_JS_T_FIRST_KEYWORD) {
        if (t->escaped)
            bk_js__perr(p, t->start,
                        "Keyword must not contain escaped characters");
        bk_js__unexpected(p, t);
    }
    return 0;
}

void bk_js__check_binding_name(bk_js__parser_t *p, const bk_js_node_t *id)
{
    bk_str_t n = id->u.ident.name;
    if (str_is(n, "eval") || str_is(n, "arguments"))
        bk_js__perr(p, id->start,
                    "Unexpected eval or arguments in strict mode");
}

/* A BindingIdentifier: the current token as an IDENT node. */
bk_js_node_t *bk_js__binding_ident(bk_js__parser_t *p)
{
    bk_js_node_t *id;
    if (!bk_js__ident_ok(p, &p->tok))
        bk_js__unexpected(p, &p->tok);
    id = bk_js__node(p, BK_JS_N_IDENT, &p->tok);
    id->u.ident.name = p->tok.name;
    if (str_is(id->u.ident.name, "await"))
        p->n_await_ident++;
    bk_js__check_binding_name(p, id);
    bk_js__next(p);
    return id;
}

/* Sets a usage flag on the current function, and through arrows on the
 * function whose `this`/`arguments` they share. */
void bk_js__mark_fn(bk_js__parser_t *p, uint32_t flag)
{
    bk_js__fn_t *f;
    for (f = p->fn; f != NULL; f = f->up) {
        f->f->flags |= flag;
        if (!(f->flags & BK_JS_FN_ARROW))
            break;
    }
}

/* ---- the symbol table and scopes --------------------------------------- */

static uint32_t hash_name(bk_str_t s)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < s.n; i++)
        h = (h ^ s.p[i]) * 16777619u;
    return h;
}

static bk_js__entry_t *lookup(bk_js__parser_t *p, bk_str_t name)
{
    uint32_t h = hash_name(name), i;
    bk_js__entry_t *e;
    if (p->tab_n * 2 >= p->tab_cap) {
        uint32_t ncap = p->tab_cap ? p->tab_cap * 2 : 64, j;
        bk_js__entry_t **nt = bk_js__alloc(p, ncap * sizeof(*nt));
        memset(nt, 0, ncap * sizeof(*nt));
        for (j = 0; j < p->tab_cap; j++) {
            e = p->tab[j];
            if (e == NULL)
                continue;
            for (i = e->hash & (ncap - 1); nt[i]; i = (i + 1) & (ncap - 1))
                ;
            nt[i] = e;
        }
        p->tab = nt;
        p->tab_cap = ncap;
    }
    for (i = h & (p->tab_cap - 1); (e = p->tab[i]) != NULL;
         i = (i + 1) & (p->tab_cap - 1))
        if (e->hash == h && bk_str_eq(e->name, name))
            return e;
    e = bk_js__alloc(p, sizeof(*e));
    e->name = name;
    e->hash = h;
    e->head = NULL;
    p->tab[i] = e;
    p->tab_n++;
    return e;
}

static void add_sym(bk_js__parser_t *p, bk_js__entry_t *e, bk_js__scope_t *s,
                    int kind, bk_js_node_t *node)
{
    bk_js__sym_t *y = bk_js__alloc(p, sizeof(*y));
    y->entry = e;
    y->scope = s;
    y->kind = (uint8_t)kind;
    y->node = node;
    y->shadow = e->head;
    e->head = y;
    y->next = NULL;
    if (s->last)
        s->last->next = y;
    else
        s->first = y;
    s->last = y;
    if (kind == BK_JS__SYM_LET || kind == BK_JS__SYM_CONST ||
        kind == BK_JS__SYM_CLASS || kind == BK_JS__SYM_BFUNC)
        s->n_lex++;
}

static int is_lexical(int kind)
{
    return kind == BK_JS__SYM_LET || kind == BK_JS__SYM_CONST ||
           kind == BK_JS__SYM_CLASS || kind == BK_JS__SYM_BFUNC ||
           kind == BK_JS__SYM_CATCH_PAT || kind == BK_JS__SYM_IMPORT;
}

static BK_NORETURN void redeclared(bk_js__parser_t *p, bk_js_node_t *id)
{
    bk_str_t n = id->kind == BK_JS_N_IDENT ? id->u.ident.name
                                           : id->u.func->name->u.ident.name;
    bk_js__perr(p, id->start, "Identifier '%.*s' has already been declared",
                name_len(n), (const char *)n.p);
}

/* Declares 'id' (an IDENT, or a FUNC_DECL/CLASS_DECL whose name is used)
 * in the current scope with BK_JS__SYM_* 'kind', raising the early errors
 * for conflicting declarations. */
void bk_js__declare(bk_js__parser_t *p, bk_js_node_t *id, int kind)
{
    bk_js_node_t *nm = id;
    if (id->kind == BK_JS_N_FUNC_DECL)
        nm = id->u.func->name;
    else if (id->kind == BK_JS_N_CLASS_DECL)
        nm = id->u.cls->name;
    bk_js__entry_t *e = lookup(p, nm->u.ident.name);
    bk_js__scope_t *s = p->scope, *top = p->fn->top, *sc;
    bk_js__sym_t *r;

    switch (kind) {
    case BK_JS__SYM_VAR: {
        int have = 0;
        for (r = e->head; r && r->scope->fn == p->fn; r = r->shadow) {
            if (is_lexical(r->kind))
                redeclared(p, nm);
            if (r->scope == top && r->kind != BK_JS__SYM_VARPASS)
                have = 1;
        }
        for (sc = s; sc != top; sc = sc->up) {
            int seen = 0;
            for (r = e->head; r && r->scope->fn == p->fn; r = r->shadow)
                if (r->scope == sc)
                    seen = 1;
            if (!seen)
                add_sym(p, e, sc, BK_JS__SYM_VARPASS, nm);
        }
        if (!have)
            add_sym(p, e, top, BK_JS__SYM_VAR, nm);
        return;
    }
    case BK_JS__SYM_PARAM:
        for (r = e->head; r && r->scope == s; r = r->shadow)
            bk_js__perr(p, nm->start,
                        "Duplicate parameter name not allowed in this "
                        "context");
        break;
    case BK_JS__SYM_FUNC:
        for (r = e->head; r && r->scope->fn == p->fn; r = r->shadow)
            if (r->scope == s && is_lexical(r->kind))
                redeclared(p, nm);
        break;
    default:
        for (r = e->head; r && r->scope->fn == p->fn; r = r->shadow)
            if (r->scope == s)
                redeclared(p, nm);
        break;
    }
    add_sym(p, e, s, kind, id);
}

struct declare_ctx {
    bk_js__parser_t *p;
    int kind;
};

static void declare_one(void *ctx, const bk_js_node_t *id)
{
    struct declare_ctx *d = ctx;
    bk_js__check_binding_name(d->p, id);
    bk_js__declare(d->p, (bk_js_node_t *)id, d->kind);
}

void bk_js__declare_pattern(bk_js__parser_t *p, bk_js_node_t *pat, int kind)
{
    struct declare_ctx d = {p, kind};
    bk_js_ast_bound_names(pat, declare_one, &d);
}

static bk_js__scope_t *push_scope(bk_js__parser_t *p, int is_fn)
{
    bk_js__scope_t *s = bk_js__alloc(p, sizeof(*s));
    memset(s, 0, sizeof(*s));
    s->up = p->scope;
    s->fn = p->fn;
    s->is_fn = (uint8_t)is_fn;
    p->scope = s;
    return s;
}

/* Closes the current scope: unlinks its bindings from the name chains and
 * returns its lexical declarations as an array (count in *n). */
static bk_js_decl_t *pop_scope(bk_js__parser_t *p, uint32_t *n)
{
    bk_js__scope_t *s = p->scope;
    bk_js_decl_t *d = NULL;
    bk_js__sym_t *y;
    uint32_t k = 0;
    if (s->n_lex)
        d = bk_js__alloc(p, s->n_lex * sizeof(*d));
    for (y = s->first; y; y = y->next) {
        bk_js__sym_t **pp = &y->entry->head;
        while (*pp != y)
            pp = &(*pp)->shadow;
        *pp = y->shadow;
        if (is_lexical(y->kind) && y->kind != BK_JS__SYM_CATCH_PAT &&
            y->kind != BK_JS__SYM_IMPORT) {
            d[k].kind = y->kind == BK_JS__SYM_LET     ? BK_JS_DECL_LET
                        : y->kind == BK_JS__SYM_CONST ? BK_JS_DECL_CONST
                        : y->kind == BK_JS__SYM_CLASS ? BK_JS_DECL_CLASS
                                                      : BK_JS_DECL_FUNC;
            d[k].name = y->entry->name;
            d[k].node = y->node;
            k++;
        }
    }
    p->scope = s->up;
    *n = k;
    return k ? d : NULL;
}

/* ---- functions --------------------------------------------------------- */

static bk_js__fn_t *fn_begin(bk_js__parser_t *p, bk_js_func_t *f,
                             uint32_t flags)
{
    bk_js__fn_t *fn = bk_js__alloc(p, sizeof(*fn));
    memset(fn, 0, sizeof(*fn));
    fn->up = p->fn;
    fn->f = f;
    fn->flags = flags;
    f->flags |= flags;
    if (flags & BK_JS_FN_ARROW) {
        if (p->fn) {
            fn->super_prop = p->fn->super_prop;
            fn->super_call = p->fn->super_call;
            fn->new_target = p->fn->new_target;
            fn->no_arguments = p->fn->no_arguments;
        }
    } else if (!(flags & BK_JS_FN_PROGRAM)) {
        fn->new_target = 1;
        fn->no_arguments = (flags & BK_JS_FN_FIELD_INIT) != 0;
        fn->super_prop = (flags & (BK_JS_FN_METHOD | BK_JS_FN_GETTER |
                                   BK_JS_FN_SETTER | BK_JS_FN_CTOR)) != 0;
        fn->super_call = (flags & BK_JS_FN_DERIVED) != 0;
    }
    p->fn = fn;
    fn->top = push_scope(p, 1);
    return fn;
}

static void fn_end(bk_js__parser_t *p)
{
    bk_js__fn_t *fn = p->fn;
    bk_js_func_t *f = fn->f;
    bk_js__sym_t *y;
    uint32_t nv = 0, base = p->sp;
    for (y = fn->top->first; y; y = y->next)
        if (y->kind == BK_JS__SYM_VAR)
            nv++;
    if (nv) {
        f->var_names = bk_js__alloc(p, nv * sizeof(bk_str_t));
        for (y = fn->top->first; y; y = y->next)
            if (y->kind == BK_JS__SYM_VAR)
                f->var_names[f->n_var_names++] = y->entry->name;
    }
    for (y = fn->top->first; y; y = y->next)
        if (y->kind == BK_JS__SYM_FUNC)
            bk_js__push(p, y->node);
    f->func_decls = bk_js__pop_list(p, base);
    f->decls = pop_scope(p, &f->n_decls);
    p->fn = fn->up;
}

/* Parses a parameter list `( ... )` into f->params, declaring the names. */
static void params(bk_js__parser_t *p, bk_js_func_t *f)
{
    uint32_t base = p->sp;
    int simple = 1, counting = 1;
    p->fn->in_params = 1;
    bk_js__expect(p, BK_JS_T_LPAREN);
    while (p->tok.type != BK_JS_T_RPAREN) {
        bk_js_node_t *el;
        if (p->tok.type == BK_JS_T_ELLIPSIS) {
            bk_js_tok_t t = p->tok;
            bk_js__next(p);
            el = bk_js__node(p, BK_JS_N_REST, &t);
            el->u.unary.arg = bk_js__binding_target(p);
            bk_js__finish(p, el);
            simple = counting = 0;
            if (p->tok.type == BK_JS_T_ASSIGN)
                bk_js__perr(p, p->tok.start, "Rest parameter may not have a "
                                             "default initializer");
            if (p->tok.type != BK_JS_T_RPAREN)
                bk_js__perr(p, p->tok.start,
                            "Rest parameter must be last formal parameter");
        } else {
            el = bk_js__binding_element(p);
            if (el->kind != BK_JS_N_IDENT)
                simple = 0;
            if (el->kind == BK_JS_N_ASSIGN_PATTERN)
                counting = 0;
            if (counting)
                f->length++;
        }
        bk_js__declare_pattern(p, el, BK_JS__SYM_PARAM);
        bk_js__push(p, el);
        if (p->tok.type != BK_JS_T_RPAREN) {
            bk_js__expect(p, BK_JS_T_COMMA);
            if (p->tok.type == BK_JS_T_RPAREN && p->lang < BK_JS_LANG_CF2)
                bk_js__gate(p, p->tok.start,
                            "trailing commas in parameter lists are");
        }
    }
    bk_js__next(p);
    f->params = bk_js__pop_list(p, base);
    if (simple)
        f->flags |= BK_JS_FN_SIMPLE_PARAMS;
    p->fn->in_params = 0;
}

static void statement_list(bk_js__parser_t *p, int end, int directives);

/* Parses `{ body }` of a function into f->body. */
static void fn_body(bk_js__parser_t *p, bk_js_func_t *f)
{
    uint32_t base = p->sp;
    uint8_t no_in = p->no_in;
    p->no_in = 0;
    bk_js__expect(p, BK_JS_T_LBRACE);
    statement_list(p, BK_JS_T_RBRACE, 1);
    f->body = bk_js__pop_list(p, base);
    if (!(f->flags & BK_JS_FN_SIMPLE_PARAMS)) {
        uint32_t i;
        for (i = 0; i < f->body.n; i++) {
            bk_js_node_t *s = f->body.v[i];
            if (!(s->flags & BK_JS_NF_DIRECTIVE))
                break;
            if (s->end - s->start >= 12 &&
                (memcmp(p->lx.src + s->start, "'use strict'", 12) == 0 ||
                 memcmp(p->lx.src + s->start, "\"use strict\"", 12) == 0))
                bk_js__perr(p, s->start,
                            "Illegal 'use strict' directive in function "
                            "with non-simple parameter list");
        }
    }
    p->prev_end = p->tok.end;
    bk_js__expect(p, BK_JS_T_RBRACE);
    p->no_in = no_in;
}

bk_js_node_t *bk_js__function(bk_js__parser_t *p, int kind, uint32_t flags,
                              bk_js_node_t *name, uint32_t src_start,
                              const bk_js_tok_t *first)
{
    bk_js_node_t *n = bk_js__node(p, kind, first);
    bk_js_func_t *f = bk_js__alloc(p, sizeof(*f));
    memset(f, 0, sizeof(*f));
    n->u.func = f;
    f->name = name;
    f->src_start = src_start;
    uint32_t lparen = p->tok.start; /* accessor errors point at `(` */
    bk_js__enter(p);
    fn_begin(p, f, flags);
    params(p, f);
    if ((flags & BK_JS_FN_GETTER) && f->params.n != 0)
        bk_js__perr(p, lparen, "Getter must not have any formal "
                               "parameters.");
    if ((flags & BK_JS_FN_SETTER) && f->params.n != 1)
        bk_js__perr(p, lparen, "Setter must have exactly one formal "
                               "parameter.");
    if ((flags & BK_JS_FN_SETTER) && f->params.v[0]->kind == BK_JS_N_REST)
        bk_js__perr(p, lparen,
                    "Setter function argument must not be a rest "
                    "parameter");
    fn_body(p, f);
    fn_end(p);
    bk_js__leave(p);
    f->src_end = p->prev_end;
    bk_js__finish(p, n);
    return n;
}

bk_js_node_t *bk_js__arrow(bk_js__parser_t *p, bk_js_list_t ps,
                           uint32_t flags, const bk_js_tok_t *first)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_ARROW, first);
    bk_js_func_t *f = bk_js__alloc(p, sizeof(*f));
    uint32_t i;
    int simple = 1, counting = 1;
    memset(f, 0, sizeof(*f));
    n->u.func = f;
    f->src_start = first->start;
    f->params = ps;
    bk_js__enter(p);
    fn_begin(p, f, flags | BK_JS_FN_ARROW);
    for (i = 0; i < ps.n; i++) {
        bk_js_node_t *el = ps.v[i];
        if (el->kind != BK_JS_N_IDENT)
            simple = 0;
        if (el->kind == BK_JS_N_ASSIGN_PATTERN || el->kind == BK_JS_N_REST)
            counting = 0;
        if (counting)
            f->length++;
        bk_js__declare_pattern(p, el, BK_JS__SYM_PARAM);
    }
    if (simple)
        f->flags |= BK_JS_FN_SIMPLE_PARAMS;
    if (p->tok.nl_before)
        bk_js__unexpected(p, &p->tok);
    bk_js__expect(p, BK_JS_T_ARROW);
    if (p->tok.type == BK_JS_T_LBRACE) {
        fn_body(p, f);
    } else {
        bk_js_node_t *r = bk_js__node(p, BK_JS_N_RETURN, &p->tok);
        uint32_t base = p->sp;
        r->u.unary.arg = bk_js__assign(p, NULL);
        bk_js__finish(p, r);
        bk_js__push(p, r);
        f->body = bk_js__pop_list(p, base);
        f->flags |= BK_JS_FN_EXPR_BODY;
    }
    fn_end(p);
    bk_js__leave(p);
    f->src_end = p->prev_end;
    bk_js__finish(p, n);
    return n;
}

bk_js_node_t *bk_js__field_init(bk_js__parser_t *p, const bk_js_tok_t *first,
                                uint32_t flags)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_FUNC_EXPR, first);
    bk_js_func_t *f = bk_js__alloc(p, sizeof(*f));
    bk_js_node_t *r;
    uint32_t base;
    memset(f, 0, sizeof(*f));
    n->u.func = f;
    f->src_start = p->tok.start;
    bk_js__enter(p);
    fn_begin(p, f, flags | BK_JS_FN_METHOD | BK_JS_FN_FIELD_INIT);
    f->flags |= BK_JS_FN_SIMPLE_PARAMS | BK_JS_FN_EXPR_BODY;
    r = bk_js__node(p, BK_JS_N_RETURN, &p->tok);
    base = p->sp;
    r->u.unary.arg = bk_js__assign(p, NULL);
    bk_js__finish(p, r);
    bk_js__push(p, r);
    f->body = bk_js__pop_list(p, base);
    fn_end(p);
    bk_js__leave(p);
    f->src_end = p->prev_end;
    bk_js__finish(p, n);
    return n;
}

/* ---- statements -------------------------------------------------------- */

static bk_js_node_t *statement(bk_js__parser_t *p, int decl_ok);

/* Parses statements up to (not including) token 'end' onto the scratch
 * stack. With 'directives', leading string statements are directives. */
static void statement_list(bk_js__parser_t *p, int end, int directives)
{
    while (p->tok.type != end) {
        bk_js_node_t *s;
        if (p->tok.type == BK_JS_T_EOF)
            bk_js__unexpected(p, &p->tok);
        s = statement(p, 1);
        if (directives) {
            if (s->kind == BK_JS_N_EXPR_STMT &&
                s->u.unary.arg->kind == BK_JS_N_STRING &&
                !(s->u.unary.arg->flags & BK_JS_NF_PAREN))
                s->flags |= BK_JS_NF_DIRECTIVE;
            else
                directives = 0;
        }
        bk_js__push(p, s);
    }
}

static bk_js_node_t *block(bk_js__parser_t *p)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_BLOCK, &p->tok);
    uint32_t base = p->sp;
    bk_js__expect(p, BK_JS_T_LBRACE);
    push_scope(p, 0);
    statement_list(p, BK_JS_T_RBRACE, 0);
    n->u.block.body = bk_js__pop_list(p, base);
    n->u.block.decls = pop_scope(p, &n->u.block.n_decls);
    bk_js__next(p);
    bk_js__finish(p, n);
    return n;
}

static int decl_sym_kind(int op)
{
    return op == BK_JS_DECL_VAR   ? BK_JS__SYM_VAR
           : op == BK_JS_DECL_LET ? BK_JS__SYM_LET
                                  : BK_JS__SYM_CONST;
}

/* var/let/const declarations after the keyword. 'in_for' (1): a for head,
 * where initializers are optional and `in`/`of` may follow. */
static bk_js_node_t *var_decl(bk_js__parser_t *p, int in_for)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_VAR, &p->tok);
    uint32_t base = p->sp;
    int op = p->tok.type == BK_JS_T_VAR   ? BK_JS_DECL_VAR
             : p->tok.type == BK_JS_T_LET ? BK_JS_DECL_LET
                                          : BK_JS_DECL_CONST;
    if (op != BK_JS_DECL_VAR && p->lang < BK_JS_LANG_CF2)
        bk_js__gate(p, p->tok.start, op == BK_JS_DECL_LET
                                         ? "let declarations are"
                                         : "const declarations are");
    n->op = (uint8_t)op;
    bk_js__next(p);
    for (;;) {
        bk_js_node_t *d = bk_js__node(p, BK_JS_N_DECLARATOR, &p->tok);
        bk_js_node_t *target = bk_js__binding_target(p);
        d->u.bin.left = target;
        if (op != BK_JS_DECL_VAR && target->kind == BK_JS_N_IDENT &&
            str_is(target->u.ident.name, "let"))
            bk_js__perr(p, target->start, "let is disallowed as a "
                                          "lexically bound name");
        if (p->tok.type == BK_JS_T_ASSIGN) {
            bk_js__next(p);
            d->u.bin.right = bk_js__assign(p, NULL);
        } else if (!(in_for && (p->tok.type == BK_JS_T_IN ||
                                bk_js__is_name(&p->tok, "of")))) {
            if (target->kind != BK_JS_N_IDENT)
                bk_js__perr(p, target->start, "Missing initializer in "
                                              "destructuring declaration");
            if (op == BK_JS_DECL_CONST)
                bk_js__perr(p, target->start,
                            "Missing initializer in const declaration");
        }
        bk_js__finish(p, d);
        bk_js__declare_pattern(p, target, decl_sym_kind(op));
        bk_js__push(p, d);
        if (p->tok.type != BK_JS_T_COMMA)
            break;
        bk_js__next(p);
    }
    n->u.var.decls = bk_js__pop_list(p, base);
    bk_js__finish(p, n);
    return n;
}

static bk_js_node_t *loop_body(bk_js__parser_t *p)
{
    bk_js_node_t *b;
    p->fn->loops++;
    p->fn->breakables++;
    b = statement(p, 0);
    p->fn->loops--;
    p->fn->breakables--;
    return b;
}

static bk_js_node_t *for_stmt(bk_js__parser_t *p)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_FOR, &p->tok), *init = NULL;
    bk_js__scope_t *sc = NULL;
    bk_js_decl_t *decls = NULL;
    uint32_t n_decls = 0;
    bk_js__next(p);
    if (bk_js__is_name(&p->tok, "await"))
        bk_js__perr(p, p->tok.start, "for await is not supported");
    bk_js__expect(p, BK_JS_T_LPAREN);
    if (p->tok.type == BK_JS_T_LET || p->tok.type == BK_JS_T_CONST) {
        sc = push_scope(p, 0);
        p->no_in = 1;
        init = var_decl(p, 1);
        p->no_in = 0;
    } else if (p->tok.type == BK_JS_T_VAR) {
        p->no_in = 1;
        init = var_decl(p, 1);
        p->no_in = 0;
    } else if (p->tok.type != BK_JS_T_SEMI) {
        bk_js__cover_t c = {0, 0};
        int maybe_pattern = p->tok.type == BK_JS_T_LBRACKET ||
                            p->tok.type == BK_JS_T_LBRACE;
        p->no_in = 1;
        init = maybe_pattern ? bk_js__assign(p, &c) : bk_js__expr(p, NULL);
        p->no_in = 0;
        if (p->tok.type == BK_JS_T_IN || bk_js__is_name(&p->tok, "of")) {
            if ((init->kind == BK_JS_N_OBJECT ||
                 init->kind == BK_JS_N_ARRAY) &&
                !(init->flags & BK_JS_NF_PAREN)) {
                init = bk_js__to_pattern(p, init, 0);
            } else {
                bk_js__check_simple_target(
                    p, init, p->tok.type == BK_JS_T_IN
                                 ? "Invalid left-hand side in for-in loop"
                                 : "Invalid left-hand side in for-of loop");
            }
        } else {
            if (c.shorthand_init)
                bk_js__perr(p, c.shorthand_init - 1,
                            "Invalid shorthand property initializer");
            if (maybe_pattern && p->tok.type == BK_JS_T_COMMA) {
                /* The head was `[..], more`: finish the sequence. */
                bk_js_node_t *sq = bk_js__node_at(p, BK_JS_N_SEQUENCE, init);
                uint32_t base = p->sp;
                bk_js__push(p, init);
                while (p->tok.type == BK_JS_T_COMMA) {
                    bk_js__next(p);
                    p->no_in = 1;
                    bk_js__push(p, bk_js__assign(p, NULL));
                    p->no_in = 0;
                }
                sq->u.list = bk_js__pop_list(p, base);
                bk_js__finish(p, sq);
                init = sq;
            }
        }
    }
    if (init && (p->tok.type == BK_JS_T_IN || bk_js__is_name(&p->tok, "of"))) {
        int of = p->tok.type != BK_JS_T_IN;
        if (of && p->lang < BK_JS_LANG_CF2)
            bk_js__gate(p, p->tok.start, "for-of loops are");
        if (init->kind == BK_JS_N_VAR) {
            if (init->u.var.decls.n != 1)
                bk_js__perr(p, init->u.var.decls.v[0]->start,
                            "Invalid left-hand side in %s loop: Must have "
                            "a single binding.", of ? "for-of" : "for-in");
            if (init->u.var.decls.v[0]->u.bin.right)
                bk_js__perr(p, init->u.var.decls.v[0]->start,
                            "%s loop variable declaration may not have an "
                            "initializer.", of ? "for-of" : "for-in");
        }
        n->kind = of ? BK_JS_N_FOR_OF : BK_JS_N_FOR_IN;
        bk_js__next(p);
        n->u.forin.left = init;
        n->u.forin.right = of ? bk_js__assign(p, NULL) : bk_js__expr(p, NULL);
        bk_js__expect(p, BK_JS_T_RPAREN);
        n->u.forin.body = loop_body(p);
        if (sc)
            n->u.forin.decls = pop_scope(p, &n->u.forin.n_decls);
        bk_js__finish(p, n);
        return n;
    }
    n->u.for_.init = init;
    bk_js__expect(p, BK_JS_T_SEMI);
    if (p->tok.type != BK_JS_T_SEMI)
        n->u.for_.test = bk_js__expr(p, NULL);
    bk_js__expect(p, BK_JS_T_SEMI);
    if (p->tok.type != BK_JS_T_RPAREN)
        n->u.for_.update = bk_js__expr(p, NULL);
    bk_js__expect(p, BK_JS_T_RPAREN);
    n->u.for_.body = loop_body(p);
    if (sc) {
        decls = pop_scope(p, &n_decls);
        n->u.for_.decls = decls;
        n->u.for_.n_decls = n_decls;
    }
    bk_js__finish(p, n);
    return n;
}

static bk_js_node_t *paren_expr(bk_js__parser_t *p)
{
    bk_js_node_t *e;
    bk_js__expect(p, BK_JS_T_LPAREN);
    e = bk_js__expr(p, NULL);
    bk_js__expect(p, BK_JS_T_RPAREN);
    return e;
}

static bk_js_node_t *jump(bk_js__parser_t *p, int kind)
{
    bk_js_node_t *n = bk_js__node(p, kind, &p->tok);
    bk_js__next(p);
    if (p->tok.type == BK_JS_T_NAME && !p->tok.nl_before) {
        bk_js__label_t *l;
        n->u.jump.label = p->tok.name;
        for (l = p->fn->labels; l; l = l->up)
            if (bk_str_eq(l->name, p->tok.name))
                break;
        if (l == NULL)
            bk_js__perr(p, p->tok.start, "Undefined label '%.*s'",
                        name_len(p->tok.name),
                        (const char *)p->tok.name.p);
        if (kind == BK_JS_N_CONTINUE && !l->loop)
            bk_js__perr(p, p->tok.start,
                        "Illegal continue statement: '%.*s' does not "
                        "denote an iteration statement",
                        name_len(p->tok.name),
                        (const char *)p->tok.name.p);
        bk_js__next(p);
    } else if (kind == BK_JS_N_CONTINUE && p->fn->loops == 0) {
        bk_js__perr(p, n->start, "Illegal continue statement: no "
                                 "surrounding iteration statement");
    } else if (kind == BK_JS_N_BREAK && p->fn->breakables == 0) {
        bk_js__perr(p, n->start, "Illegal break statement");
    }
    bk_js__semicolon(p);
    bk_js__finish(p, n);
    return n;
}

static bk_js_node_t *switch_stmt(bk_js__parser_t *p)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_SWITCH, &p->tok);
    uint32_t base;
    int have_default = 0;
    bk_js__next(p);
    n->u.switch_.disc = paren_expr(p);
    bk_js__expect(p, BK_JS_T_LBRACE);
    push_scope(p, 0);
    p->fn->breakables++;
    base = p->sp;
    while (p->tok.type != BK_JS_T_RBRACE) {
        bk_js_node_t *c = bk_js__node(p, BK_JS_N_CASE, &p->tok);
        uint32_t b2;
        if (p->tok.type == BK_JS_T_CASE) {
            bk_js__next(p);
            c->u.case_.test = bk_js__expr(p, NULL);
        } else if (p->tok.type == BK_JS_T_DEFAULT) {
            if (have_default)
                bk_js__perr(p, p->tok.start, "More than one default clause "
                                             "in switch statement");
            have_default = 1;
            bk_js__next(p);
        } else {
            bk_js__unexpected(p, &p->tok);
        }
        bk_js__expect(p, BK_JS_T_COLON);
        b2 = p->sp;
        while (p->tok.type != BK_JS_T_CASE &&
               p->tok.type != BK_JS_T_DEFAULT &&
               p->tok.type != BK_JS_T_RBRACE) {
            if (p->tok.type == BK_JS_T_EOF)
                bk_js__unexpected(p, &p->tok);
            bk_js__push(p, statement(p, 1));
        }
        c->u.case_.body = bk_js__pop_list(p, b2);
        bk_js__finish(p, c);
        bk_js__push(p, c);
    }
    n->u.switch_.cases = bk_js__pop_list(p, base);
    p->fn->breakables--;
    n->u.switch_.decls = pop_scope(p, &n->u.switch_.n_decls);
    bk_js__next(p);
    bk_js__finish(p, n);
    return n;
}

static bk_js_node_t *try_stmt(bk_js__parser_t *p)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_TRY, &p->tok);
    bk_js__next(p);
    n->u.try_.block = block(p);
    if (p->tok.type == BK_JS_T_CATCH) {
        bk_js_node_t *h;
        uint32_t base;
        bk_js__next(p);
        push_scope(p, 0);
        if (p->tok.type == BK_JS_T_LPAREN) {
            bk_js__next(p);
            n->u.try_.param = bk_js__binding_target(p);
            bk_js__declare_pattern(p, n->u.try_.param,
                                   n->u.try_.param->kind == BK_JS_N_IDENT
                                       ? BK_JS__SYM_CATCH
                                       : BK_JS__SYM_CATCH_PAT);
            bk_js__expect(p, BK_JS_T_RPAREN);
        } else if (p->lang < BK_JS_LANG_CF2) {
            bk_js__gate(p, p->tok.start, "optional catch binding is");
        }
        /* The catch body shares the parameter's scope, so `let e` in it
         * clashes with the parameter as the spec requires. */
        h = bk_js__node(p, BK_JS_N_BLOCK, &p->tok);
        base = p->sp;
        bk_js__expect(p, BK_JS_T_LBRACE);
        statement_list(p, BK_JS_T_RBRACE, 0);
        h->u.block.body = bk_js__pop_list(p, base);
        h->u.block.decls = pop_scope(p, &h->u.block.n_decls);
        bk_js__next(p);
        bk_js__finish(p, h);
        n->u.try_.handler = h;
    }
    if (p->tok.type == BK_JS_T_FINALLY) {
        bk_js__next(p);
        n->u.try_.finalizer = block(p);
    }
    if (n->u.try_.handler == NULL && n->u.try_.finalizer == NULL)
        bk_js__perr(p, p->tok.start, "Missing catch or finally after try");
    bk_js__finish(p, n);
    return n;
}

/* function / async function / function* declaration at statement level. */
static bk_js_node_t *func_decl(bk_js__parser_t *p, int decl_ok)
{
    bk_js_tok_t first = p->tok;
    uint32_t flags = 0;
    bk_js_node_t *name, *n;
    if (p->tok.type == BK_JS_T_NAME) { /* async */
        if (p->lang < BK_JS_LANG_CF2)
            bk_js__gate(p, p->tok.start, "async functions are");
        flags |= BK_JS_FN_ASYNC;
        bk_js__next(p);
    }
    bk_js__next(p); /* function */
    if (p->tok.type == BK_JS_T_STAR) {
        if (p->lang < BK_JS_LANG_CF2)
            bk_js__gate(p, p->tok.start, "generators are");
        flags |= BK_JS_FN_GENERATOR;
        bk_js__next(p);
    }
    if (!decl_ok)
        bk_js__perr(p, first.start,
                    (flags & BK_JS_FN_ASYNC)
                        ? "Async functions can only be declared at the top "
                          "level or inside a block."
                        : "In strict mode code, functions can only be "
                          "declared at top level or inside a block.");
    if (p->tok.type == BK_JS_T_LPAREN)
        bk_js__perr(p, p->tok.start,
                    "Function statements require a function name");
    name = bk_js__binding_ident(p);
    n = bk_js__function(p, BK_JS_N_FUNC_DECL, flags, name, first.start,
                        &first);
    bk_js__declare(p, n, p->scope->is_fn ? BK_JS__SYM_FUNC
                                         : BK_JS__SYM_BFUNC);
    return n;
}

static bk_js_node_t *import_decl(bk_js__parser_t *p)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_IMPORT, &p->tok);
    uint32_t base = p->sp;
    if (p->lang < BK_JS_LANG_CF2)
        bk_js__gate(p, p->tok.start, "import declarations are");
    if (p->fn->up != NULL || p->scope != p->fn->top)
        bk_js__unexpected(p, &p->tok);
    p->is_module = 1;
    p->fn->f->flags |= BK_JS_FN_MODULE;
    bk_js__next(p);
    if (p->tok.type != BK_JS_T_STRING) {
        if (p->tok.type == BK_JS_T_NAME) {
            bk_js_node_t *s = bk_js__node(p, BK_JS_N_IMPORT_SPEC, &p->tok);
            s->u.spec.imported = BK_STR("default");
            s->u.spec.local = bk_js__binding_ident(p);
            bk_js__finish(p, s);
            bk_js__push(p, s);
            if (p->tok.type == BK_JS_T_COMMA)
                bk_js__next(p);
            else if (!bk_js__is_name(&p->tok, "from"))
                bk_js__unexpected(p, &p->tok);
        }
        if (p->tok.type == BK_JS_T_STAR) {
            bk_js_node_t *s = bk_js__node(p, BK_JS_N_IMPORT_SPEC, &p->tok);
            bk_js__next(p);
            if (!bk_js__is_name(&p->tok, "as"))
                bk_js__unexpected(p, &p->tok);
            bk_js__next(p);
            s->u.spec.imported = BK_STR("*");
            s->u.spec.local = bk_js__binding_ident(p);
            bk_js__finish(p, s);
            bk_js__push(p, s);
        } else if (p->tok.type == BK_JS_T_LBRACE) {
            bk_js__next(p);
            while (p->tok.type != BK_JS_T_RBRACE) {
                bk_js_node_t *s = bk_js__node(p, BK_JS_N_IMPORT_SPEC,
                                              &p->tok);
                if (p->tok.type == BK_JS_T_STRING ||
                    !(p->tok.type == BK_JS_T_NAME ||
                      p->tok.type >= BK_JS_T_FIRST_KEYWORD))
                    bk_js__unexpected(p, &p->tok);
                s->u.spec.imported = p->tok.name;
                if (bk_js__peek(p) && bk_js__is_name(&p->ahead, "as")) {
                    bk_js__next(p);
                    bk_js__next(p);
                    s->u.spec.local = bk_js__binding_ident(p);
                } else {
                    s->u.spec.local = bk_js__binding_ident(p);
                }
                bk_js__finish(p, s);
                bk_js__push(p, s);
                if (p->tok.type != BK_JS_T_RBRACE)
                    bk_js__expect(p, BK_JS_T_COMMA);
            }
            bk_js__next(p);
        } else if (p->sp == base) {
            bk_js__unexpected(p, &p->tok);
        }
        if (!bk_js__is_name(&p->tok, "from"))
            bk_js__unexpected(p, &p->tok);
        bk_js__next(p);
    }
    if (p->tok.type != BK_JS_T_STRING)
        bk_js__unexpected(p, &p->tok);
    n->u.import.source = bk_js__node(p, BK_JS_N_STRING, &p->tok);
    n->u.import.source->u.str = p->tok.str;
    bk_js__next(p);
    bk_js__semicolon(p);
    n->u.import.specs = bk_js__pop_list(p, base);
    {
        uint32_t i;
        for (i = 0; i < n->u.import.specs.n; i++)
            bk_js__declare(p, n->u.import.specs.v[i]->u.spec.local,
                           BK_JS__SYM_IMPORT);
    }
    bk_js__finish(p, n);
    return n;
}

static bk_js_node_t *labelled(bk_js__parser_t *p, bk_js_node_t *id)
{
    bk_js_node_t *n = bk_js__node_at(p, BK_JS_N_LABEL, id);
    bk_js__label_t l, *it;
    for (it = p->fn->labels; it; it = it->up)
        if (bk_str_eq(it->name, id->u.ident.name))
            bk_js__perr(p, id->start, "Label '%.*s' has already been "
                                      "declared",
                        name_len(id->u.ident.name),
                        (const char *)id->u.ident.name.p);
    bk_js__next(p); /* : */
    l.up = p->fn->labels;
    l.name = id->u.ident.name;
    l.loop = 0;
    l.pending = 1;
    /* `a: b: while` labels the loop with both a and b: the labels stay
     * pending until a statement other than another label starts. */
    if (!(p->tok.type == BK_JS_T_NAME &&
          bk_js__peek(p)->type == BK_JS_T_COLON)) {
        int loop = p->tok.type == BK_JS_T_FOR ||
                   p->tok.type == BK_JS_T_WHILE || p->tok.type == BK_JS_T_DO;
        l.loop = (uint8_t)loop;
        l.pending = 0;
        for (it = l.up; it && it->pending; it = it->up) {
            it->loop = (uint8_t)loop;
            it->pending = 0;
        }
    }
    p->fn->labels = &l;
    n->u.label.label = id->u.ident.name;
    if (p->tok.type == BK_JS_T_FUNCTION)
        bk_js__perr(p, p->tok.start, "In strict mode code, functions can "
                                     "only be declared at top level or "
                                     "inside a block.");
    n->u.label.body = statement(p, 0);
    p->fn->labels = l.up;
    bk_js__finish(p, n);
    return n;
}

static bk_js_node_t *statement(bk_js__parser_t *p, int decl_ok)
{
    bk_js_node_t *n;
    bk_js_tok_t t = p->tok;
    bk_js__enter(p);
    switch (t.type) {
    case BK_JS_T_LBRACE:
        n = block(p);
        break;
    case BK_JS_T_VAR:
        n = var_decl(p, 0);
        bk_js__semicolon(p);
        bk_js__finish(p, n);
        break;
    case BK_JS_T_LET:
    case BK_JS_T_CONST:
        if (p->lang < BK_JS_LANG_CF2)
            bk_js__gate(p, t.start, t.type == BK_JS_T_LET
                                        ? "let declarations are"
                                        : "const declarations are");
        if (!decl_ok && t.type == BK_JS_T_LET)
            bk_js__perr(p, t.start, "Lexical declaration cannot appear in "
                                    "a single-statement context");
        if (!decl_ok)
            bk_js__unexpected(p, &t);
        n = var_decl(p, 0);
        bk_js__semicolon(p);
        bk_js__finish(p, n);
        break;
    case BK_JS_T_SEMI:
        n = bk_js__node(p, BK_JS_N_EMPTY, &t);
        bk_js__next(p);
        break;
    case BK_JS_T_IF:
        n = bk_js__node(p, BK_JS_N_IF, &t);
        bk_js__next(p);
        n->u.cond.test = paren_expr(p);
        n->u.cond.then = statement(p, 0);
        if (p->tok.type == BK_JS_T_ELSE) {
            bk_js__next(p);
            n->u.cond.else_ = statement(p, 0);
        }
        bk_js__finish(p, n);
        break;
    case BK_JS_T_FOR:
        n = for_stmt(p);
        break;
    case BK_JS_T_WHILE:
        n = bk_js__node(p, BK_JS_N_WHILE, &t);
        bk_js__next(p);
        n->u.loop.test = paren_expr(p);
        n->u.loop.body = loop_body(p);
        bk_js__finish(p, n);
        break;
    case BK_JS_T_DO:
        n = bk_js__node(p, BK_JS_N_DO_WHILE, &t);
        bk_js__next(p);
        n->u.loop.body = loop_body(p);
        bk_js__expect(p, BK_JS_T_WHILE);
        n->u.loop.test = paren_expr(p);
        /* ASI always applies after do-while's `)`. */
        if (p->tok.type == BK_JS_T_SEMI)
            bk_js__next(p);
        bk_js__finish(p, n);
        break;
    case BK_JS_T_CONTINUE:
        n = jump(p, BK_JS_N_CONTINUE);
        break;
    case BK_JS_T_BREAK:
        n = jump(p, BK_JS_N_BREAK);
        break;
    case BK_JS_T_RETURN:
        if (p->fn->up == NULL)
            bk_js__perr(p, t.start, "Illegal return statement");
        n = bk_js__node(p, BK_JS_N_RETURN, &t);
        bk_js__next(p);
        if (p->tok.type != BK_JS_T_SEMI && p->tok.type != BK_JS_T_RBRACE &&
            p->tok.type != BK_JS_T_EOF && !p->tok.nl_before)
            n->u.unary.arg = bk_js__expr(p, NULL);
        bk_js__semicolon(p);
        bk_js__finish(p, n);
        break;
    case BK_JS_T_THROW:
        n = bk_js__node(p, BK_JS_N_THROW, &t);
        bk_js__next(p);
        if (p->tok.nl_before)
            bk_js__perr(p, p->tok.start, "Illegal newline after throw");
        n->u.unary.arg = bk_js__expr(p, NULL);
        bk_js__semicolon(p);
        bk_js__finish(p, n);
        break;
    case BK_JS_T_TRY:
        n = try_stmt(p);
        break;
    case BK_JS_T_SWITCH:
        n = switch_stmt(p);
        break;
    case BK_JS_T_WITH:
        bk_js__perr(p, t.start,
                    "Strict mode code may not include a with statement");
    case BK_JS_T_DEBUGGER:
        n = bk_js__node(p, BK_JS_N_DEBUGGER, &t);
        bk_js__next(p);
        bk_js__semicolon(p);
        bk_js__finish(p, n);
        break;
    case BK_JS_T_FUNCTION:
        n = func_decl(p, decl_ok);
        break;
    case BK_JS_T_CLASS:
        if (p->lang < BK_JS_LANG_CF2)
            bk_js__gate(p, t.start, "classes are");
        if (!decl_ok)
            bk_js__unexpected(p, &t);
        n = bk_js__class(p, 1);
        break;
    case BK_JS_T_IMPORT:
        if (bk_js__peek(p)->type == BK_JS_T_LPAREN ||
            p->ahead.type == BK_JS_T_DOT)
            bk_js__perr(p, t.start, "import() is not supported");
        n = import_decl(p);
        break;
    case BK_JS_T_EXPORT:
        bk_js__unexpected(p, &t);
    default:
        if (bk_js__is_name(&t, "async") && p->lang >= BK_JS_LANG_CF2) {
            const bk_js_tok_t *nx = bk_js__peek(p);
            if (nx->type == BK_JS_T_FUNCTION && !nx->nl_before) {
                n = func_decl(p, decl_ok);
                break;
            }
        }
        n = bk_js__node(p, BK_JS_N_EXPR_STMT, &t);
        n->u.unary.arg = bk_js__expr(p, NULL);
        if (n->u.unary.arg->kind == BK_JS_N_IDENT &&
            !(n->u.unary.arg->flags & BK_JS_NF_PAREN) &&
            p->tok.type == BK_JS_T_COLON && t.type == BK_JS_T_NAME) {
            n = labelled(p, n->u.unary.arg);
            break;
        }
        bk_js__semicolon(p);
        bk_js__finish(p, n);
        break;
    }
    bk_js__leave(p);
    return n;
}

/* ---- the program ------------------------------------------------------- */

int bk_js_parse(bk_arena_t *a, const uint8_t *src, size_t len,
                bk_js_lang_t lang, bk_js_node_t **out,
                bk_js_syntax_error_t *err)
{
    return bk_js_parse_ex(a, src, len, lang, 0, out, err);
}

int bk_js_parse_ex(bk_arena_t *a, const uint8_t *src, size_t len,
                   bk_js_lang_t lang, unsigned options, bk_js_node_t **out,
                   bk_js_syntax_error_t *err)
{
    bk_js__parser_t *p;
    bk_js_node_t *prog;
    bk_js_func_t *f;
    uint32_t base;

    memset(err, 0, sizeof(*err));
    *out = NULL;
    if (len > UINT32_MAX / 2) {
        snprintf(err->msg, sizeof(err->msg), "source too large");
        return BK_ERR;
    }
    p = bk_arena_alloc(a, sizeof(*p));
    if (p == NULL) {
        snprintf(err->msg, sizeof(err->msg), "out of memory");
        err->oom = 1;
        return BK_ERR;
    }
    memset(p, 0, sizeof(*p));
    p->arena = a;
    p->lang = lang;
    p->options = options;
    p->err = err;
    bk_js_lex_init(&p->lx, a, src, (uint32_t)len, lang, err);
    if (setjmp(p->jb) != 0)
        return BK_ERR;

    bk_js__next(p);
    prog = bk_js__alloc(p, sizeof(*prog));
    memset(prog, 0, sizeof(*prog));
    prog->kind = BK_JS_N_PROGRAM;
    prog->line = 1;
    prog->col = 1;
    f = bk_js__alloc(p, sizeof(*f));
    memset(f, 0, sizeof(*f));
    prog->u.func = f;
    fn_begin(p, f, BK_JS_FN_PROGRAM);
    f->flags |= BK_JS_FN_SIMPLE_PARAMS;
    base = p->sp;
    statement_list(p, BK_JS_T_EOF, 1);
    f->body = bk_js__pop_list(p, base);
    fn_end(p);
    prog->end = (uint32_t)len;
    f->src_end = (uint32_t)len;
    *out = prog;
    return BK_OK;
}
