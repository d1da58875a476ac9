/*
 * parse_int.h: what parse.c (statements, functions, scopes) and
 * parse_expr.c (expressions, patterns, classes) share. Internal to src/js.
 *
 * Errors unwind with longjmp to bk_js_parse(), like Lua's parser: every
 * byte the parser took is in the caller's arena, so nothing leaks, and the
 * grammar code stays free of error plumbing.
 */
#ifndef BK_JS_PARSE_INT_H
#define BK_JS_PARSE_INT_H

#include <setjmp.h>
#include "js/lex.h"

/* Binding kinds recorded in scopes. */
enum {
    BK_JS__SYM_VAR = 1,    /* var, in the function scope */
    BK_JS__SYM_VARPASS,    /* trace of a var in a block it hoists through */
    BK_JS__SYM_PARAM,
    BK_JS__SYM_FUNC,       /* function declaration at function top level */
    BK_JS__SYM_LET,
    BK_JS__SYM_CONST,
    BK_JS__SYM_CLASS,
    BK_JS__SYM_BFUNC,      /* function declaration in a block */
    BK_JS__SYM_CATCH,      /* simple catch parameter (var may redeclare) */
    BK_JS__SYM_CATCH_PAT,  /* name from a catch pattern */
    BK_JS__SYM_IMPORT,
};

typedef struct bk_js__sym bk_js__sym_t;
typedef struct bk_js__scope bk_js__scope_t;
typedef struct bk_js__fn bk_js__fn_t;
typedef struct bk_js__label bk_js__label_t;

/* One name in the symbol table: the newest binding first. */
typedef struct {
    bk_str_t name;
    uint32_t hash;
    bk_js__sym_t *head;
} bk_js__entry_t;

struct bk_js__sym {
    bk_js__entry_t *entry;
    bk_js__scope_t *scope;
    bk_js__sym_t *shadow;  /* older binding of the same name */
    bk_js__sym_t *next;    /* next binding of the same scope */
    bk_js_node_t *node;    /* binding IDENT, or FUNC_DECL/CLASS_DECL */
    uint8_t kind;
};

struct bk_js__scope {
    bk_js__scope_t *up;
    bk_js__fn_t *fn;
    bk_js__sym_t *first, *last;
    uint32_t n_lex;        /* lexical bindings (for the decls array) */
    uint8_t is_fn;         /* the function's top scope */
};

struct bk_js__label {
    bk_js__label_t *up;
    bk_str_t name;
    uint8_t loop;          /* labels an iteration statement */
    uint8_t pending;       /* its statement has not started yet */
};

/* Per-function parse state. */
struct bk_js__fn {
    bk_js__fn_t *up;
    bk_js_func_t *f;
    bk_js__scope_t *top;
    bk_js__label_t *labels;
    uint32_t flags;        /* BK_JS_FN_* known up front (async, arrow...) */
    unsigned loops;        /* enclosing iteration statements */
    unsigned breakables;   /* enclosing iteration or switch statements */
    uint8_t in_params;     /* parsing the parameter list */
    uint8_t super_prop;    /* super.x allowed (methods) */
    uint8_t super_call;    /* super() allowed (derived ctor) */
    uint8_t new_target;    /* new.target allowed */
    uint8_t no_arguments;  /* `arguments` is an error (field initializers) */
};

/* Pending cover-grammar facts of an expression that may still turn out to
 * be a pattern or arrow parameters: offsets + 1 (0 = none). */
typedef struct {
    uint32_t shorthand_init; /* `{a = 1}` seen: only valid as a pattern */
    uint32_t dup_proto;      /* second `__proto__:` in an object literal */
} bk_js__cover_t;

typedef struct {
    bk_js_lex_t lx;
    bk_js_tok_t tok;         /* current token */
    bk_js_tok_t ahead;       /* peeked token when has_ahead */
    int has_ahead;
    uint32_t prev_end;       /* end of the previous token */
    bk_arena_t *arena;
    bk_js_lang_t lang;
    bk_js_syntax_error_t *err;
    jmp_buf jb;
    unsigned depth;
    uint32_t assign_start;   /* start offset of the current AssignmentExpr */
    uint8_t no_in;           /* `in` is not an operator (for-init) */
    bk_js__cover_t *cover;   /* where literals report cover-grammar facts */
    /* Use counters, so an arrow made from a parenthesised cover list can
     * tell whether its parameters used this/arguments/super/await/yield. */
    uint32_t n_this, n_args, n_super, n_super_call, n_new_target;
    uint32_t n_await, n_yield;
    uint32_t n_await_ident;  /* `await` used as an identifier */
    uint8_t is_module;
    unsigned options;        /* BK_JS_PARSE_* */
    /* scratch stack for building lists */
    void **stk;
    uint32_t sp, scap;
    /* symbol table: open addressing over entries */
    bk_js__entry_t **tab;
    uint32_t tab_cap, tab_n;
    bk_js__scope_t *scope;
    bk_js__fn_t *fn;
} bk_js__parser_t;

/* ---- shared helpers (parse.c) ------------------------------------------ */
BK_NORETURN void bk_js__perr(bk_js__parser_t *p, uint32_t off,
                             const char *fmt, ...) BK_PRINTF(3, 4);
BK_NORETURN void bk_js__unexpected(bk_js__parser_t *p, const bk_js_tok_t *t);
BK_NORETURN void bk_js__gate(bk_js__parser_t *p, uint32_t off,
                             const char *what);
BK_NORETURN void bk_js__oom(bk_js__parser_t *p);
BK_NORETURN void bk_js__too_deep(bk_js__parser_t *p);
BK_NORETURN void bk_js__lex_failed(bk_js__parser_t *p);
void bk_js__grow(bk_js__parser_t *p);
const bk_js_tok_t *bk_js__peek(bk_js__parser_t *p);
void bk_js__expect(bk_js__parser_t *p, int type);
void bk_js__semicolon(bk_js__parser_t *p);
bk_js_list_t bk_js__pop_list(bk_js__parser_t *p, uint32_t base);

/* The hot helpers are inline: every token and node goes through them. */

/* n bytes from the parse arena; never NULL (out of memory longjmps). */
static inline void *bk_js__alloc(bk_js__parser_t *p, size_t n)
{
    void *x = bk_arena_alloc(p->arena, n);
    if (BK_UNLIKELY(x == NULL))
        bk_js__oom(p);
    return x;
}

/* A zeroed node of 'kind' placed at token t. */
static inline bk_js_node_t *bk_js__node(bk_js__parser_t *p, int kind,
                                        const bk_js_tok_t *t)
{
    bk_js_node_t *n = bk_js__alloc(p, sizeof(*n));
    memset(n, 0, sizeof(*n));
    n->kind = (uint8_t)kind;
    n->start = t->start;
    n->end = t->end;
    n->line = t->line;
    n->col = t->col;
    return n;
}

/* A zeroed node of 'kind' placed where node 'from' is. */
static inline bk_js_node_t *bk_js__node_at(bk_js__parser_t *p, int kind,
                                           const bk_js_node_t *from)
{
    bk_js_node_t *n = bk_js__alloc(p, sizeof(*n));
    memset(n, 0, sizeof(*n));
    n->kind = (uint8_t)kind;
    n->start = from->start;
    n->end = from->end;
    n->line = from->line;
    n->col = from->col;
    return n;
}

/* Ends node n at the end of the last consumed token. */
static inline void bk_js__finish(bk_js__parser_t *p, bk_js_node_t *n)
{
    n->end = p->prev_end;
}

/* Moves to the next token (`/` scanned as division). */
static inline void bk_js__next(bk_js__parser_t *p)
{
    p->prev_end = p->tok.end;
    if (BK_UNLIKELY(p->has_ahead)) {
        p->tok = p->ahead;
        p->has_ahead = 0;
    } else {
        bk_js_lex_next(&p->lx, &p->tok);
    }
    if (BK_UNLIKELY(p->tok.type == BK_JS_T_ERROR))
        bk_js__lex_failed(p);
}

/* Pushes x on the scratch stack (lists are built there). */
static inline void bk_js__push(bk_js__parser_t *p, void *x)
{
    if (BK_UNLIKELY(p->sp == p->scap))
        bk_js__grow(p);
    p->stk[p->sp++] = x;
}

/* One more level of nesting; too many is a SyntaxError. */
static inline void bk_js__enter(bk_js__parser_t *p)
{
    if (BK_UNLIKELY(++p->depth > BK_JS_PARSE_MAX_DEPTH))
        bk_js__too_deep(p);
}

static inline void bk_js__leave(bk_js__parser_t *p) { p->depth--; }

/* Whether token t is the unescaped identifier 'lit' (a string literal). */
#define bk_js__is_name(t, lit)                                                \
    ((t)->type == BK_JS_T_NAME && !(t)->escaped &&                           \
     (t)->name.n == sizeof(lit) - 1 &&                                        \
     memcmp((t)->name.p, (lit), sizeof(lit) - 1) == 0)
int bk_js__ident_ok(bk_js__parser_t *p, const bk_js_tok_t *t);
bk_js_node_t *bk_js__binding_ident(bk_js__parser_t *p);
void bk_js__check_binding_name(bk_js__parser_t *p, const bk_js_node_t *id);
void bk_js__declare(bk_js__parser_t *p, bk_js_node_t *id, int kind);
void bk_js__declare_pattern(bk_js__parser_t *p, bk_js_node_t *pat, int kind);
void bk_js__mark_fn(bk_js__parser_t *p, uint32_t flag);

/* Parses a function's parameters (if 'params' is NULL) and body after its
 * name; the caller has set the fn flags. */
bk_js_node_t *bk_js__function(bk_js__parser_t *p, int kind, uint32_t flags,
                              bk_js_node_t *name, uint32_t src_start,
                              const bk_js_tok_t *first);
/* Builds an arrow function from already-parsed parameters ('params',
 * converted from the cover expression list), parsing `=> body`. */
bk_js_node_t *bk_js__arrow(bk_js__parser_t *p, bk_js_list_t params,
                           uint32_t flags, const bk_js_tok_t *first);

/* Parses a class field initializer (after `=`) as the body of a
 * synthesized method `return init`; returns its FUNC_EXPR node. */
bk_js_node_t *bk_js__field_init(bk_js__parser_t *p, const bk_js_tok_t *first,
                                uint32_t flags);

/* ---- expressions (parse_expr.c) ---------------------------------------- */
bk_js_node_t *bk_js__expr(bk_js__parser_t *p, bk_js__cover_t *c);
bk_js_node_t *bk_js__assign(bk_js__parser_t *p, bk_js__cover_t *c);
bk_js_node_t *bk_js__lhs(bk_js__parser_t *p);
bk_js_node_t *bk_js__binding_target(bk_js__parser_t *p);
bk_js_node_t *bk_js__binding_element(bk_js__parser_t *p);
bk_js_node_t *bk_js__to_pattern(bk_js__parser_t *p, bk_js_node_t *n,
                                int binding);
void bk_js__check_simple_target(bk_js__parser_t *p, bk_js_node_t *n,
                                const char *msg);
bk_js_node_t *bk_js__class(bk_js__parser_t *p, int is_decl);

#endif
