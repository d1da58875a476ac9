/*
 * parse_expr.c: expressions, patterns, templates, object and array literals,
 * classes and arrow functions for the JavaScript parser (see parse.c).
 *
 * Cover grammar: `(a, {b = 1}) => x` and `[a, b] = [b, a]` are parsed as
 * expressions first and converted to patterns by bk_js__to_pattern() when
 * `=>` or `=` shows what they were. Facts that are only errors if no
 * conversion happens (`{a = 1}`, a second `__proto__:`) are recorded in the
 * innermost bk_js__cover_t and raised when it is clear they stay
 * expressions.
 *
 * Binary operators use an explicit operand/operator stack (no recursion per
 * precedence level); every fourth link of a long chain counts one level of
 * depth, which bounds the height of the left-nested trees they build.
 */
#include "js/parse_int.h"

#define TOK (p->tok.type)
#define CF2 (p->lang >= BK_JS_LANG_CF2)

static bk_js_node_t *primary(bk_js__parser_t *p);
static bk_js_node_t *unary(bk_js__parser_t *p);
static bk_js_node_t *template_lit(bk_js__parser_t *p, int tagged);
static bk_js_node_t *function_expr(bk_js__parser_t *p);

/* Whether slice s is the string literal c (length known at compile time,
 * so the compare is inlined). */
#define str_is(s, c)                                                          \
    ((s).n == sizeof(c) - 1 && memcmp((s).p, (c), sizeof(c) - 1) == 0)

static int bare(const bk_js_node_t *n, int kind)
{
    return n->kind == kind && !(n->flags & BK_JS_NF_PAREN);
}

static void gate(bk_js__parser_t *p, const char *what)
{
    if (!CF2)
        bk_js__gate(p, p->tok.start, what);
}

static bk_js_node_t *ident_node(bk_js__parser_t *p, const bk_js_tok_t *t)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_IDENT, t);
    n->u.ident.name = t->name;
    if (str_is(t->name, "await"))
        p->n_await_ident++;
    return n;
}

/* ---- patterns ---------------------------------------------------------- */

void bk_js__check_simple_target(bk_js__parser_t *p, bk_js_node_t *n,
                                const char *msg)
{
    if (n->kind == BK_JS_N_IDENT) {
        bk_js__check_binding_name(p, n);
        return;
    }
    if (n->kind == BK_JS_N_MEMBER || n->kind == BK_JS_N_INDEX)
        return;
    bk_js__perr(p, n->start, "%s", msg);
}

static BK_NORETURN void bad_target(bk_js__parser_t *p, const bk_js_node_t *n)
{
    bk_js__perr(p, n->start, "Invalid destructuring assignment target");
}

static bk_js_node_t *to_elem(bk_js__parser_t *p, bk_js_node_t *n,
                             int binding)
{
    if (n->kind == BK_JS_N_ASSIGN && n->op == BK_JS_OP_NONE) {
        if (n->flags & BK_JS_NF_PAREN)
            bad_target(p, n);
        n->kind = BK_JS_N_ASSIGN_PATTERN;
        n->u.bin.left = bk_js__to_pattern(p, n->u.bin.left, binding);
        return n;
    }
    return bk_js__to_pattern(p, n, binding);
}

/* Converts an expression that turned out to be a target into a pattern,
 * in place. 'binding': arrow parameters (identifiers and patterns only). */
bk_js_node_t *bk_js__to_pattern(bk_js__parser_t *p, bk_js_node_t *n,
                                int binding)
{
    uint32_t i;
    if (n == NULL)
        return n;
    switch (n->kind) {
    case BK_JS_N_IDENT:
        if (binding && (n->flags & BK_JS_NF_PAREN))
            bad_target(p, n);
        bk_js__check_binding_name(p, n);
        return n;
    case BK_JS_N_MEMBER:
    case BK_JS_N_INDEX:
        if (binding)
            bad_target(p, n);
        return n;
    case BK_JS_N_OBJECT:
        if (n->flags & BK_JS_NF_PAREN)
            bad_target(p, n);
        if (!CF2)
            bk_js__gate(p, n->start, "destructuring is");
        bk_js__enter(p);
        n->kind = BK_JS_N_OBJECT_PATTERN;
        for (i = 0; i < n->u.list.n; i++) {
            bk_js_node_t *pr = n->u.list.v[i];
            if (pr->op == BK_JS_PROP_INIT) {
                pr->u.prop.value = to_elem(p, pr->u.prop.value, binding);
            } else if (pr->op == BK_JS_PROP_SPREAD) {
                bk_js_node_t *a = pr->u.prop.value;
                if (i + 1 != n->u.list.n || (n->flags & BK_JS_NF_TRAILING))
                    bk_js__perr(p, pr->start,
                                "Rest element must be last element");
                if (a->kind != BK_JS_N_IDENT &&
                    (binding || (a->kind != BK_JS_N_MEMBER &&
                                 a->kind != BK_JS_N_INDEX)))
                    bad_target(p, a);
                pr->kind = BK_JS_N_REST;
                pr->op = 0;
                pr->u.unary.arg = bk_js__to_pattern(p, a, binding);
            } else {
                bad_target(p, pr);
            }
        }
        bk_js__leave(p);
        return n;
    case BK_JS_N_ARRAY:
        if (n->flags & BK_JS_NF_PAREN)
            bad_target(p, n);
        if (!CF2)
            bk_js__gate(p, n->start, "destructuring is");
        bk_js__enter(p);
        n->kind = BK_JS_N_ARRAY_PATTERN;
        for (i = 0; i < n->u.list.n; i++) {
            bk_js_node_t *el = n->u.list.v[i];
            if (el == NULL)
                continue;
            if (el->kind == BK_JS_N_SPREAD) {
                if (i + 1 != n->u.list.n || (n->flags & BK_JS_NF_TRAILING))
                    bk_js__perr(p, el->start,
                                "Rest element must be last element");
                el->kind = BK_JS_N_REST;
                el->u.unary.arg = bk_js__to_pattern(p, el->u.unary.arg,
                                                    binding);
            } else {
                n->u.list.v[i] = to_elem(p, el, binding);
            }
        }
        bk_js__leave(p);
        return n;
    case BK_JS_N_ARRAY_PATTERN:
    case BK_JS_N_OBJECT_PATTERN:
        /* Already converted (`([a] = x) => a`): recheck as a binding. */
        if (binding) {
            bk_js__enter(p);
            for (i = 0; i < n->u.list.n; i++) {
                bk_js_node_t *el = n->u.list.v[i];
                if (el == NULL)
                    continue;
                if (n->kind == BK_JS_N_OBJECT_PATTERN &&
                    el->kind == BK_JS_N_PROPERTY)
                    el->u.prop.value = bk_js__to_pattern(p, el->u.prop.value,
                                                         1);
                else
                    n->u.list.v[i] = bk_js__to_pattern(p, el, 1);
            }
            bk_js__leave(p);
        }
        return n;
    case BK_JS_N_ASSIGN_PATTERN:
        n->u.bin.left = bk_js__to_pattern(p, n->u.bin.left, binding);
        return n;
    case BK_JS_N_REST:
        n->u.unary.arg = bk_js__to_pattern(p, n->u.unary.arg, binding);
        return n;
    default:
        bad_target(p, n);
    }
}

static bk_js_node_t *prop_name(bk_js__parser_t *p, int *computed);

/* BindingPattern or BindingIdentifier, parsed directly (declarations,
 * parameters, catch). */
bk_js_node_t *bk_js__binding_target(bk_js__parser_t *p)
{
    bk_js_node_t *n;
    uint32_t base = p->sp;
    if (TOK != BK_JS_T_LBRACKET && TOK != BK_JS_T_LBRACE)
        return bk_js__binding_ident(p);
    gate(p, "destructuring is");
    bk_js__enter(p);
    if (TOK == BK_JS_T_LBRACKET) {
        n = bk_js__node(p, BK_JS_N_ARRAY_PATTERN, &p->tok);
        bk_js__next(p);
        while (TOK != BK_JS_T_RBRACKET) {
            if (TOK == BK_JS_T_COMMA) {
                bk_js__next(p);
                bk_js__push(p, NULL);
                continue;
            }
            if (TOK == BK_JS_T_ELLIPSIS) {
                bk_js_node_t *r = bk_js__node(p, BK_JS_N_REST, &p->tok);
                bk_js__next(p);
                r->u.unary.arg = bk_js__binding_target(p);
                bk_js__finish(p, r);
                bk_js__push(p, r);
                if (TOK != BK_JS_T_RBRACKET)
                    bk_js__perr(p, p->tok.start,
                                "Rest element must be last element");
                break;
            }
            bk_js__push(p, bk_js__binding_element(p));
            if (TOK != BK_JS_T_RBRACKET)
                bk_js__expect(p, BK_JS_T_COMMA);
        }
    } else {
        n = bk_js__node(p, BK_JS_N_OBJECT_PATTERN, &p->tok);
        bk_js__next(p);
        while (TOK != BK_JS_T_RBRACE) {
            bk_js_tok_t t = p->tok;
            bk_js_node_t *pr;
            int computed = 0;
            if (TOK == BK_JS_T_ELLIPSIS) {
                bk_js_node_t *r = bk_js__node(p, BK_JS_N_REST, &p->tok);
                bk_js__next(p);
                r->u.unary.arg = bk_js__binding_ident(p);
                bk_js__finish(p, r);
                bk_js__push(p, r);
                if (TOK != BK_JS_T_RBRACE)
                    bk_js__perr(p, p->tok.start,
                                "Rest element must be last element");
                break;
            }
            pr = bk_js__node(p, BK_JS_N_PROPERTY, &t);
            pr->op = BK_JS_PROP_INIT;
            pr->u.prop.key = prop_name(p, &computed);
            if (computed)
                pr->flags |= BK_JS_NF_COMPUTED;
            if (TOK == BK_JS_T_COLON) {
                bk_js__next(p);
                pr->u.prop.value = bk_js__binding_element(p);
            } else {
                bk_js_node_t *id;
                if (computed || t.type == BK_JS_T_STRING ||
                    t.type == BK_JS_T_NUMBER)
                    bk_js__unexpected(p, &p->tok);
                (void)bk_js__ident_ok(p, &t);
                id = ident_node(p, &t);
                bk_js__check_binding_name(p, id);
                pr->flags |= BK_JS_NF_SHORTHAND;
                if (TOK == BK_JS_T_ASSIGN) {
                    bk_js_node_t *d = bk_js__node_at(p,
                                                     BK_JS_N_ASSIGN_PATTERN,
                                                     id);
                    bk_js__next(p);
                    d->u.bin.left = id;
                    d->u.bin.right = bk_js__assign(p, NULL);
                    bk_js__finish(p, d);
                    id = d;
                }
                pr->u.prop.value = id;
            }
            bk_js__finish(p, pr);
            bk_js__push(p, pr);
            if (TOK != BK_JS_T_RBRACE)
                bk_js__expect(p, BK_JS_T_COMMA);
        }
    }
    bk_js__next(p);
    n->u.list = bk_js__pop_list(p, base);
    bk_js__finish(p, n);
    bk_js__leave(p);
    return n;
}

/* A binding target with an optional `= default`. */
bk_js_node_t *bk_js__binding_element(bk_js__parser_t *p)
{
    bk_js_node_t *t = bk_js__binding_target(p), *d;
    if (TOK != BK_JS_T_ASSIGN)
        return t;
    gate(p, "default values are");
    d = bk_js__node_at(p, BK_JS_N_ASSIGN_PATTERN, t);
    bk_js__next(p);
    d->u.bin.left = t;
    d->u.bin.right = bk_js__assign(p, NULL);
    bk_js__finish(p, d);
    return d;
}

/* ---- expressions ------------------------------------------------------- */

bk_js_node_t *bk_js__expr(bk_js__parser_t *p, bk_js__cover_t *c)
{
    bk_js_node_t *e = bk_js__assign(p, c), *sq;
    uint32_t base;
    if (TOK != BK_JS_T_COMMA)
        return e;
    sq = bk_js__node_at(p, BK_JS_N_SEQUENCE, e);
    base = p->sp;
    bk_js__push(p, e);
    while (TOK == BK_JS_T_COMMA) {
        bk_js__next(p);
        bk_js__push(p, bk_js__assign(p, NULL));
    }
    sq->u.list = bk_js__pop_list(p, base);
    bk_js__finish(p, sq);
    return sq;
}

static int assign_op(bk_js__parser_t *p, int type)
{
    switch (type) {
    case BK_JS_T_ASSIGN: return BK_JS_OP_NONE;
    case BK_JS_T_PLUS_ASSIGN: return BK_JS_OP_ADD;
    case BK_JS_T_MINUS_ASSIGN: return BK_JS_OP_SUB;
    case BK_JS_T_STAR_ASSIGN: return BK_JS_OP_MUL;
    case BK_JS_T_SLASH_ASSIGN: return BK_JS_OP_DIV;
    case BK_JS_T_PERCENT_ASSIGN: return BK_JS_OP_MOD;
    case BK_JS_T_STARSTAR_ASSIGN: return BK_JS_OP_EXP;
    case BK_JS_T_SHL_ASSIGN: return BK_JS_OP_SHL;
    case BK_JS_T_SAR_ASSIGN: return BK_JS_OP_SAR;
    case BK_JS_T_SHR_ASSIGN: return BK_JS_OP_SHR;
    case BK_JS_T_AMP_ASSIGN: return BK_JS_OP_BITAND;
    case BK_JS_T_PIPE_ASSIGN: return BK_JS_OP_BITOR;
    case BK_JS_T_CARET_ASSIGN: return BK_JS_OP_BITXOR;
    case BK_JS_T_AND_ASSIGN: gate(p, "logical assignment is");
        return BK_JS_OP_AND;
    case BK_JS_T_OR_ASSIGN: gate(p, "logical assignment is");
        return BK_JS_OP_OR;
    case BK_JS_T_NULLISH_ASSIGN: gate(p, "logical assignment is");
        return BK_JS_OP_NULLISH;
    default: return -1;
    }
}

/* Whether 'type' can end an expression so that `yield` has no operand. */
static int ends_expr(int type)
{
    return type == BK_JS_T_RPAREN || type == BK_JS_T_RBRACKET ||
           type == BK_JS_T_RBRACE || type == BK_JS_T_COMMA ||
           type == BK_JS_T_SEMI || type == BK_JS_T_COLON ||
           type == BK_JS_T_EOF || type == BK_JS_T_QUESTION ||
           type == BK_JS_T_IN || type == BK_JS_T_TEMPLATE_MIDDLE ||
           type == BK_JS_T_TEMPLATE_TAIL;
}

static bk_js_node_t *yield_expr(bk_js__parser_t *p)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_YIELD, &p->tok);
    if (p->fn->in_params)
        bk_js__perr(p, p->tok.start,
                    "Yield expression not allowed in formal parameter");
    bk_js__next(p);
    if (TOK == BK_JS_T_STAR && !p->tok.nl_before) {
        n->flags |= BK_JS_NF_DELEGATE;
        bk_js__next(p);
        n->u.unary.arg = bk_js__assign(p, NULL);
    } else if (!p->tok.nl_before && !ends_expr(TOK)) {
        n->u.unary.arg = bk_js__assign(p, NULL);
    }
    p->fn->f->flags |= BK_JS_FN_HAS_YIELD;
    p->n_yield++;
    bk_js__finish(p, n);
    return n;
}

static bk_js_node_t *conditional(bk_js__parser_t *p);

bk_js_node_t *bk_js__assign(bk_js__parser_t *p, bk_js__cover_t *c)
{
    bk_js__cover_t lc = {0, 0}, *saved = p->cover;
    bk_js_node_t *left, *n;
    int op;
    if (TOK == BK_JS_T_YIELD && (p->fn->flags & BK_JS_FN_GENERATOR))
        return yield_expr(p);
    bk_js__enter(p);
    p->assign_start = p->tok.start;
    p->cover = &lc;
    left = conditional(p);
    p->cover = saved;
    if (bare(left, BK_JS_N_ARROW)) {
        bk_js__leave(p);
        return left;
    }
    op = assign_op(p, TOK);
    if (op < 0) {
        int lit = bare(left, BK_JS_N_OBJECT) || bare(left, BK_JS_N_ARRAY);
        if (lc.shorthand_init || lc.dup_proto) {
            if (c != NULL && lit) {
                if (!c->shorthand_init)
                    c->shorthand_init = lc.shorthand_init;
                if (!c->dup_proto)
                    c->dup_proto = lc.dup_proto;
            } else if (lc.shorthand_init) {
                bk_js__perr(p, lc.shorthand_init - 1,
                            "Invalid shorthand property initializer");
            } else {
                bk_js__perr(p, lc.dup_proto - 1,
                            "Duplicate __proto__ fields are not allowed in "
                            "object literals");
            }
        }
        bk_js__leave(p);
        return left;
    }
    if (op == BK_JS_OP_NONE &&
        (bare(left, BK_JS_N_OBJECT) || bare(left, BK_JS_N_ARRAY))) {
        left = bk_js__to_pattern(p, left, 0);
    } else {
        if (lc.shorthand_init)
            bk_js__perr(p, lc.shorthand_init - 1,
                        "Invalid shorthand property initializer");
        bk_js__check_simple_target(p, left,
                                   "Invalid left-hand side in assignment");
    }
    n = bk_js__node_at(p, BK_JS_N_ASSIGN, left);
    n->op = (uint8_t)op;
    bk_js__next(p);
    n->u.bin.left = left;
    n->u.bin.right = bk_js__assign(p, NULL);
    bk_js__finish(p, n);
    bk_js__leave(p);
    return n;
}

/* Binary precedence of a token (0: not a binary operator here). */
static int prec(bk_js__parser_t *p, int type, int *op)
{
    switch (type) {
    case BK_JS_T_NULLISH: *op = BK_JS_OP_NULLISH; return 1;
    case BK_JS_T_OR: *op = BK_JS_OP_OR; return 1;
    case BK_JS_T_AND: *op = BK_JS_OP_AND; return 2;
    case BK_JS_T_PIPE: *op = BK_JS_OP_BITOR; return 3;
    case BK_JS_T_CARET: *op = BK_JS_OP_BITXOR; return 4;
    case BK_JS_T_AMP: *op = BK_JS_OP_BITAND; return 5;
    case BK_JS_T_EQ: *op = BK_JS_OP_EQ; return 6;
    case BK_JS_T_NE: *op = BK_JS_OP_NE; return 6;
    case BK_JS_T_SEQ: *op = BK_JS_OP_SEQ; return 6;
    case BK_JS_T_SNE: *op = BK_JS_OP_SNE; return 6;
    case BK_JS_T_LT: *op = BK_JS_OP_LT; return 7;
    case BK_JS_T_GT: *op = BK_JS_OP_GT; return 7;
    case BK_JS_T_LE: *op = BK_JS_OP_LE; return 7;
    case BK_JS_T_GE: *op = BK_JS_OP_GE; return 7;
    case BK_JS_T_INSTANCEOF: *op = BK_JS_OP_INSTANCEOF; return 7;
    case BK_JS_T_IN:
        if (p->no_in)
            return 0;
        *op = BK_JS_OP_IN;
        return 7;
    case BK_JS_T_SHL: *op = BK_JS_OP_SHL; return 8;
    case BK_JS_T_SAR: *op = BK_JS_OP_SAR; return 8;
    case BK_JS_T_SHR: *op = BK_JS_OP_SHR; return 8;
    case BK_JS_T_PLUS: *op = BK_JS_OP_ADD; return 9;
    case BK_JS_T_MINUS: *op = BK_JS_OP_SUB; return 9;
    case BK_JS_T_STAR: *op = BK_JS_OP_MUL; return 10;
    case BK_JS_T_SLASH: *op = BK_JS_OP_DIV; return 10;
    case BK_JS_T_PERCENT: *op = BK_JS_OP_MOD; return 10;
    case BK_JS_T_STARSTAR: *op = BK_JS_OP_EXP; return 11;
    default: return 0;
    }
}

static int op_prec(int op)
{
    switch (op) {
    case BK_JS_OP_NULLISH: case BK_JS_OP_OR: return 1;
    case BK_JS_OP_AND: return 2;
    case BK_JS_OP_BITOR: return 3;
    case BK_JS_OP_BITXOR: return 4;
    case BK_JS_OP_BITAND: return 5;
    case BK_JS_OP_EQ: case BK_JS_OP_NE: case BK_JS_OP_SEQ:
    case BK_JS_OP_SNE: return 6;
    case BK_JS_OP_SHL: case BK_JS_OP_SAR: case BK_JS_OP_SHR: return 8;
    case BK_JS_OP_ADD: case BK_JS_OP_SUB: return 9;
    case BK_JS_OP_MUL: case BK_JS_OP_DIV: case BK_JS_OP_MOD: return 10;
    case BK_JS_OP_EXP: return 11;
    default: return 7;
    }
}

/* Reduces the top `left op right` of the stack into one node. */
static void reduce(bk_js__parser_t *p)
{
    bk_js_node_t *r = p->stk[p->sp - 1], *o = p->stk[p->sp - 2],
                 *l = p->stk[p->sp - 3];
    o->u.bin.left = l;
    o->u.bin.right = r;
    o->start = l->start;
    o->line = l->line;
    o->col = l->col;
    o->end = r->end;
    p->sp -= 2;
    p->stk[p->sp - 1] = o;
}

static int is_logical_andor(const bk_js_node_t *n)
{
    return bare(n, BK_JS_N_LOGICAL) &&
           (n->op == BK_JS_OP_AND || n->op == BK_JS_OP_OR);
}

static bk_js_node_t *binary(bk_js__parser_t *p)
{
    uint32_t base = p->sp;
    unsigned links = 0, depth0 = p->depth;
    bk_js_node_t *first = unary(p), *res;
    int op, pr;
    if (bare(first, BK_JS_N_ARROW) || prec(p, TOK, &op) == 0)
        return first;
    bk_js__push(p, first);
    while ((pr = prec(p, TOK, &op)) != 0) {
        bk_js_node_t *o;
        while (p->sp - base >= 3) {
            int top = op_prec(((bk_js_node_t *)p->stk[p->sp - 2])->op);
            if (top > pr || (top == pr && op != BK_JS_OP_EXP))
                reduce(p);
            else
                break;
        }
        {
            bk_js_node_t *left = p->stk[p->sp - 1];
            if (op == BK_JS_OP_NULLISH) {
                gate(p, "the ?? operator is");
                if (is_logical_andor(left))
                    bk_js__unexpected(p, &p->tok);
            }
            if (op == BK_JS_OP_AND || op == BK_JS_OP_OR) {
                if ((bare(left, BK_JS_N_LOGICAL) &&
                     left->op == BK_JS_OP_NULLISH) ||
                    (p->sp - base >= 3 &&
                     ((bk_js_node_t *)p->stk[p->sp - 2])->op ==
                         BK_JS_OP_NULLISH))
                    bk_js__unexpected(p, &p->tok);
            }
            if (op == BK_JS_OP_EXP &&
                (bare(left, BK_JS_N_UNARY) || bare(left, BK_JS_N_AWAIT)))
                bk_js__perr(p, left->start,
                            "Unary operator used immediately before "
                            "exponentiation expression. Parenthesis must "
                            "be used to disambiguate operator precedence");
        }
        o = bk_js__node(p, (op == BK_JS_OP_AND || op == BK_JS_OP_OR ||
                            op == BK_JS_OP_NULLISH)
                               ? BK_JS_N_LOGICAL
                               : BK_JS_N_BINARY,
                        &p->tok);
        o->op = (uint8_t)op;
        bk_js__push(p, o);
        bk_js__next(p);
        if ((++links & 3) == 0)
            bk_js__enter(p);
        bk_js__push(p, unary(p));
    }
    while (p->sp - base >= 3)
        reduce(p);
    res = p->stk[base];
    p->sp = base;
    p->depth = depth0;
    return res;
}

static bk_js_node_t *conditional(bk_js__parser_t *p)
{
    bk_js_node_t *t = binary(p), *n;
    uint8_t no_in;
    if (TOK != BK_JS_T_QUESTION || bare(t, BK_JS_N_ARROW))
        return t;
    n = bk_js__node_at(p, BK_JS_N_CONDITIONAL, t);
    n->u.cond.test = t;
    bk_js__next(p);
    no_in = p->no_in;
    p->no_in = 0;
    n->u.cond.then = bk_js__assign(p, NULL);
    p->no_in = no_in;
    bk_js__expect(p, BK_JS_T_COLON);
    n->u.cond.else_ = bk_js__assign(p, NULL);
    bk_js__finish(p, n);
    return n;
}

static int unary_op(bk_js__parser_t *p, int *kind)
{
    *kind = BK_JS_N_UNARY;
    switch (TOK) {
    case BK_JS_T_MINUS: return BK_JS_OP_NEG;
    case BK_JS_T_PLUS: return BK_JS_OP_PLUS;
    case BK_JS_T_BANG: return BK_JS_OP_NOT;
    case BK_JS_T_TILDE: return BK_JS_OP_BITNOT;
    case BK_JS_T_TYPEOF: return BK_JS_OP_TYPEOF;
    case BK_JS_T_VOID: return BK_JS_OP_VOID;
    case BK_JS_T_DELETE: return BK_JS_OP_DELETE;
    case BK_JS_T_INC: *kind = BK_JS_N_UPDATE; return BK_JS_OP_INC;
    case BK_JS_T_DEC: *kind = BK_JS_N_UPDATE; return BK_JS_OP_DEC;
    case BK_JS_T_NAME:
        if ((p->fn->flags & BK_JS_FN_ASYNC) && bk_js__is_name(&p->tok,
                                                             "await")) {
            *kind = BK_JS_N_AWAIT;
            return 0;
        }
        return -1;
    default: return -1;
    }
}

static bk_js_node_t *postfix(bk_js__parser_t *p)
{
    bk_js_node_t *e = bk_js__lhs(p), *n;
    if (bare(e, BK_JS_N_ARROW))
        return e;
    if ((TOK == BK_JS_T_INC || TOK == BK_JS_T_DEC) && !p->tok.nl_before) {
        bk_js__check_simple_target(p, e, "Invalid left-hand side expression "
                                         "in postfix operation");
        n = bk_js__node_at(p, BK_JS_N_UPDATE, e);
        n->op = TOK == BK_JS_T_INC ? BK_JS_OP_INC : BK_JS_OP_DEC;
        n->u.unary.arg = e;
        bk_js__next(p);
        bk_js__finish(p, n);
        return n;
    }
    return e;
}

static bk_js_node_t *unary(bk_js__parser_t *p)
{
    uint32_t base = p->sp;
    unsigned depth0 = p->depth;
    bk_js_node_t *e;
    int kind, op;
    while ((op = unary_op(p, &kind)) >= 0) {
        bk_js_node_t *n = bk_js__node(p, kind, &p->tok);
        n->op = (uint8_t)op;
        if (kind == BK_JS_N_UPDATE)
            n->flags |= BK_JS_NF_PREFIX;
        if (kind == BK_JS_N_AWAIT) {
            if (p->fn->in_params)
                bk_js__perr(p, p->tok.start,
                            "Illegal await-expression in formal parameters "
                            "of async function");
            p->fn->f->flags |= BK_JS_FN_HAS_AWAIT;
            p->n_await++;
        }
        bk_js__push(p, n);
        bk_js__next(p);
        bk_js__enter(p);
    }
    e = postfix(p);
    while (p->sp > base) {
        bk_js_node_t *n = p->stk[--p->sp];
        if (n->kind == BK_JS_N_UPDATE)
            bk_js__check_simple_target(p, e, "Invalid left-hand side "
                                             "expression in prefix "
                                             "operation");
        if (n->op == BK_JS_OP_DELETE && n->kind == BK_JS_N_UNARY &&
            e->kind == BK_JS_N_IDENT)
            bk_js__perr(p, e->start, "Delete of an unqualified identifier "
                                     "in strict mode.");
        n->u.unary.arg = e;
        n->end = e->end;
        e = n;
    }
    p->depth = depth0;
    return e;
}

/* Arguments `( ... )` onto the scratch stack; 'c' collects cover facts for
 * `async (...) =>`. Returns the list. */
static bk_js_list_t arguments(bk_js__parser_t *p, bk_js__cover_t *c,
                              int *trailing)
{
    uint32_t base = p->sp;
    uint8_t no_in = p->no_in;
    p->no_in = 0;
    bk_js__next(p); /* ( */
    while (TOK != BK_JS_T_RPAREN) {
        bk_js_node_t *a;
        if (TOK == BK_JS_T_ELLIPSIS) {
            gate(p, "spread arguments are");
            a = bk_js__node(p, BK_JS_N_SPREAD, &p->tok);
            bk_js__next(p);
            a->u.unary.arg = bk_js__assign(p, c);
            bk_js__finish(p, a);
        } else {
            a = bk_js__assign(p, c);
        }
        bk_js__push(p, a);
        if (TOK == BK_JS_T_RPAREN)
            break;
        if (TOK != BK_JS_T_COMMA)
            bk_js__perr(p, a->start, "missing ) after argument list");
        bk_js__next(p);
        if (TOK == BK_JS_T_RPAREN) {
            gate(p, "trailing commas in argument lists are");
            if (trailing)
                *trailing = 1;
        }
    }
    bk_js__next(p);
    p->no_in = no_in;
    return bk_js__pop_list(p, base);
}

static bk_js_node_t *member_name(bk_js__parser_t *p)
{
    if (TOK != BK_JS_T_NAME && TOK < BK_JS_T_FIRST_KEYWORD)
        bk_js__unexpected(p, &p->tok);
    bk_js_node_t *id = ident_node(p, &p->tok);
    bk_js__next(p);
    return id;
}

/* The .x [x] (args) `tpl` ?. links after 'e'. no_call: inside `new X`
 * before its arguments. */
static bk_js_node_t *chain(bk_js__parser_t *p, bk_js_node_t *e, int no_call,
                           int *optional)
{
    unsigned links = 0, depth0 = p->depth;
    for (;;) {
        bk_js_node_t *n;
        int opt = 0;
        if (TOK == BK_JS_T_QDOT) {
            if (no_call)
                bk_js__perr(p, p->tok.start, "Invalid optional chain from "
                                             "new expression");
            gate(p, "optional chaining is");
            bk_js__next(p);
            opt = 1;
            *optional = 1;
            if (TOK == BK_JS_T_TEMPLATE || TOK == BK_JS_T_TEMPLATE_HEAD)
                bk_js__perr(p, p->tok.start, "Invalid tagged template on "
                                             "optional chain");
            if (TOK != BK_JS_T_LPAREN && TOK != BK_JS_T_LBRACKET) {
                n = bk_js__node_at(p, BK_JS_N_MEMBER, e);
                n->flags |= BK_JS_NF_OPTIONAL;
                n->u.member.obj = e;
                n->u.member.prop = member_name(p);
                goto link;
            }
        }
        if (TOK == BK_JS_T_DOT) {
            n = bk_js__node_at(p, BK_JS_N_MEMBER, e);
            bk_js__next(p);
            n->u.member.obj = e;
            n->u.member.prop = member_name(p);
        } else if (TOK == BK_JS_T_LBRACKET) {
            uint8_t no_in = p->no_in;
            n = bk_js__node_at(p, BK_JS_N_INDEX, e);
            bk_js__next(p);
            n->u.member.obj = e;
            p->no_in = 0;
            n->u.member.prop = bk_js__expr(p, NULL);
            p->no_in = no_in;
            bk_js__expect(p, BK_JS_T_RBRACKET);
        } else if (TOK == BK_JS_T_LPAREN && !no_call) {
            n = bk_js__node_at(p, BK_JS_N_CALL, e);
            n->u.call.callee = e;
            n->u.call.args = arguments(p, NULL, NULL);
        } else if (TOK == BK_JS_T_TEMPLATE || TOK == BK_JS_T_TEMPLATE_HEAD) {
            if (*optional)
                bk_js__perr(p, p->tok.start, "Invalid tagged template on "
                                             "optional chain");
            n = bk_js__node_at(p, BK_JS_N_TAGGED_TEMPLATE, e);
            n->u.tagged.tag = e;
            n->u.tagged.quasi = template_lit(p, 1);
        } else {
            break;
        }
        if (opt)
            n->flags |= BK_JS_NF_OPTIONAL;
    link:
        bk_js__finish(p, n);
        e = n;
        if ((++links & 3) == 0)
            bk_js__enter(p);
    }
    p->depth = depth0;
    return e;
}

static bk_js_node_t *new_expr(bk_js__parser_t *p)
{
    bk_js_tok_t t = p->tok;
    bk_js_node_t *n, *callee;
    int optional = 0;
    bk_js__next(p);
    if (TOK == BK_JS_T_DOT) {
        gate(p, "new.target is");
        bk_js__next(p);
        if (!bk_js__is_name(&p->tok, "target"))
            bk_js__unexpected(p, &p->tok);
        if (!p->fn->new_target)
            bk_js__perr(p, t.start,
                        "new.target expression is not allowed here");
        bk_js__mark_fn(p, BK_JS_FN_USES_NEW_TARGET);
        p->n_new_target++;
        n = bk_js__node(p, BK_JS_N_NEW_TARGET, &t);
        bk_js__next(p);
        bk_js__finish(p, n);
        return n;
    }
    bk_js__enter(p);
    if (TOK == BK_JS_T_NEW)
        callee = new_expr(p);
    else if (TOK == BK_JS_T_IMPORT)
        bk_js__unexpected(p, &p->tok);
    else
        callee = primary(p);
    if (bare(callee, BK_JS_N_ARROW))
        bk_js__unexpected(p, &p->tok);
    callee = chain(p, callee, 1, &optional);
    n = bk_js__node(p, BK_JS_N_NEW, &t);
    n->u.call.callee = callee;
    if (TOK == BK_JS_T_LPAREN)
        n->u.call.args = arguments(p, NULL, NULL);
    bk_js__finish(p, n);
    bk_js__leave(p);
    return n;
}

bk_js_node_t *bk_js__lhs(bk_js__parser_t *p)
{
    bk_js_node_t *e;
    int optional = 0;
    if (TOK == BK_JS_T_NEW) {
        e = new_expr(p);
    } else {
        e = primary(p);
        if (bare(e, BK_JS_N_ARROW))
            return e;
    }
    e = chain(p, e, 0, &optional);
    if (optional) {
        bk_js_node_t *c = bk_js__node_at(p, BK_JS_N_OPT_CHAIN, e);
        c->u.unary.arg = e;
        c->end = e->end;
        e = c;
    }
    return e;
}

/* ---- primary expressions ----------------------------------------------- */

static void note_this(bk_js__parser_t *p)
{
    bk_js__mark_fn(p, BK_JS_FN_USES_THIS);
    p->n_this++;
}

/* Flags an arrow for what its parameters (parsed before the arrow existed)
 * used, from the counters saved in 'c0'. */
struct counters {
    uint32_t this_, args, super, super_call, new_target, await, yield;
    uint32_t await_ident;
};

static void save_counters(bk_js__parser_t *p, struct counters *c)
{
    c->this_ = p->n_this;
    c->args = p->n_args;
    c->super = p->n_super;
    c->super_call = p->n_super_call;
    c->new_target = p->n_new_target;
    c->await = p->n_await;
    c->yield = p->n_yield;
    c->await_ident = p->n_await_ident;
}

struct await_check {
    bk_js__parser_t *p;
};

static void no_await(void *ctx, const bk_js_node_t *id)
{
    struct await_check *ac = ctx;
    if (str_is(id->u.ident.name, "await"))
        bk_js__perr(ac->p, id->start, "'await' is not a valid identifier "
                                      "name in an async function");
}

static bk_js_node_t *make_arrow(bk_js__parser_t *p, bk_js_list_t params,
                                uint32_t flags, const bk_js_tok_t *first,
                                const struct counters *c0)
{
    bk_js_node_t *a;
    uint32_t i, extra = 0;
    if (p->n_yield != c0->yield)
        bk_js__perr(p, first->start,
                    "Yield expression not allowed in formal parameter");
    if (p->n_await != c0->await)
        bk_js__perr(p, first->start,
                    "Illegal await-expression in formal parameters of "
                    "async function");
    for (i = 0; i < params.n; i++)
        if (params.v[i]->kind != BK_JS_N_REST)
            params.v[i] = to_elem(p, params.v[i], 1);
    if (p->n_this != c0->this_)
        extra |= BK_JS_FN_USES_THIS;
    if (p->n_args != c0->args)
        extra |= BK_JS_FN_USES_ARGUMENTS;
    if (p->n_super != c0->super)
        extra |= BK_JS_FN_USES_SUPER | BK_JS_FN_USES_THIS;
    if (p->n_super_call != c0->super_call)
        extra |= BK_JS_FN_SUPER_CALL | BK_JS_FN_USES_THIS;
    if (p->n_new_target != c0->new_target)
        extra |= BK_JS_FN_USES_NEW_TARGET;
    if (flags & BK_JS_FN_ASYNC) {
        struct await_check ac = {p};
        for (i = 0; i < params.n; i++)
            bk_js_ast_bound_names(params.v[i], no_await, &ac);
        /* `await` anywhere else in the head (defaults, nested arrows) */
        if (p->n_await_ident != c0->await_ident)
            bk_js__perr(p, first->start, "'await' is not a valid identifier "
                                         "name in an async function");
    }
    a = bk_js__arrow(p, params, flags, first);
    a->u.func->flags |= extra;
    return a;
}

/* `(` ... `)`: a parenthesised expression or arrow parameters. */
static bk_js_node_t *paren(bk_js__parser_t *p)
{
    bk_js_tok_t t = p->tok;
    int arrow_ok = t.start == p->assign_start;
    bk_js__cover_t c = {0, 0};
    struct counters c0;
    uint32_t base = p->sp;
    uint32_t bad = 0; /* offset+1 of a rest element or trailing comma */
    uint8_t no_in = p->no_in;
    bk_js_node_t *e;
    save_counters(p, &c0);
    p->no_in = 0;
    bk_js__next(p);
    while (TOK != BK_JS_T_RPAREN) {
        bk_js_node_t *el;
        if (TOK == BK_JS_T_ELLIPSIS) {
            bad = p->tok.start + 1;
            el = bk_js__node(p, BK_JS_N_REST, &p->tok);
            bk_js__next(p);
            el->u.unary.arg = bk_js__binding_target(p);
            bk_js__finish(p, el);
            bk_js__push(p, el);
            if (TOK != BK_JS_T_RPAREN)
                bk_js__perr(p, p->tok.start,
                            "Rest parameter must be last formal parameter");
            break;
        }
        el = bk_js__assign(p, &c);
        bk_js__push(p, el);
        if (TOK != BK_JS_T_RPAREN) {
            bk_js__expect(p, BK_JS_T_COMMA);
            if (TOK == BK_JS_T_RPAREN)
                bad = p->tok.start + 1;
        }
    }
    if (p->sp == base)
        bad = p->tok.start + 1;
    bk_js__next(p); /* ) */
    p->no_in = no_in;
    if (TOK == BK_JS_T_ARROW && !p->tok.nl_before && arrow_ok) {
        bk_js_list_t ps = bk_js__pop_list(p, base);
        return make_arrow(p, ps, 0, &t, &c0);
    }
    if (bad) {
        bk_js_tok_t bt = p->tok;
        if (p->sp == base)
            bk_js__perr(p, bad - 1, "Unexpected token ')'");
        if (bad - 1 < bt.start && p->lx.src[bad - 1] == '.')
            bk_js__perr(p, bad - 1, "Unexpected token '...'");
        bk_js__perr(p, bad - 1, "Unexpected token ')'");
    }
    if (c.shorthand_init)
        bk_js__perr(p, c.shorthand_init - 1,
                    "Invalid shorthand property initializer");
    if (c.dup_proto)
        bk_js__perr(p, c.dup_proto - 1, "Duplicate __proto__ fields are not "
                                        "allowed in object literals");
    if (p->sp - base == 1) {
        e = p->stk[base];
        p->sp = base;
    } else {
        e = bk_js__node_at(p, BK_JS_N_SEQUENCE, p->stk[base]);
        e->u.list = bk_js__pop_list(p, base);
        e->end = e->u.list.v[e->u.list.n - 1]->end;
    }
    e->flags |= BK_JS_NF_PAREN;
    return e;
}

static bk_js_node_t *array_lit(bk_js__parser_t *p)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_ARRAY, &p->tok);
    bk_js__cover_t c = {0, 0};
    uint32_t base = p->sp;
    uint8_t no_in = p->no_in;
    bk_js__enter(p);
    p->no_in = 0;
    bk_js__next(p);
    while (TOK != BK_JS_T_RBRACKET) {
        bk_js_node_t *el;
        if (TOK == BK_JS_T_COMMA) {
            bk_js__next(p);
            bk_js__push(p, NULL);
            continue;
        }
        if (TOK == BK_JS_T_ELLIPSIS) {
            gate(p, "spread elements are");
            el = bk_js__node(p, BK_JS_N_SPREAD, &p->tok);
            bk_js__next(p);
            el->u.unary.arg = bk_js__assign(p, &c);
            bk_js__finish(p, el);
        } else {
            el = bk_js__assign(p, &c);
        }
        bk_js__push(p, el);
        if (TOK != BK_JS_T_RBRACKET) {
            bk_js__expect(p, BK_JS_T_COMMA);
            if (TOK == BK_JS_T_RBRACKET)
                n->flags |= BK_JS_NF_TRAILING;
        }
    }
    bk_js__next(p);
    p->no_in = no_in;
    n->u.list = bk_js__pop_list(p, base);
    bk_js__finish(p, n);
    if (c.shorthand_init || c.dup_proto) {
        if (p->cover == NULL)
            bk_js__perr(p, (c.shorthand_init ? c.shorthand_init
                                             : c.dup_proto) - 1,
                        c.shorthand_init
                            ? "Invalid shorthand property initializer"
                            : "Duplicate __proto__ fields are not allowed "
                              "in object literals");
        if (!p->cover->shorthand_init)
            p->cover->shorthand_init = c.shorthand_init;
        if (!p->cover->dup_proto)
            p->cover->dup_proto = c.dup_proto;
    }
    bk_js__leave(p);
    return n;
}

/* A property name: identifier name, string, number, or [computed]. */
static bk_js_node_t *prop_name(bk_js__parser_t *p, int *computed)
{
    bk_js_node_t *k;
    *computed = 0;
    switch (TOK) {
    case BK_JS_T_STRING:
        k = bk_js__node(p, BK_JS_N_STRING, &p->tok);
        k->u.str = p->tok.str;
        break;
    case BK_JS_T_NUMBER:
        k = bk_js__node(p, BK_JS_N_NUMBER, &p->tok);
        k->u.num = p->tok.num;
        break;
    case BK_JS_T_LBRACKET: {
        uint8_t no_in = p->no_in;
        gate(p, "computed property names are");
        bk_js__next(p);
        p->no_in = 0;
        k = bk_js__assign(p, NULL);
        p->no_in = no_in;
        *computed = 1;
        if (TOK != BK_JS_T_RBRACKET)
            bk_js__unexpected(p, &p->tok);
        break;
    }
    default:
        if (TOK != BK_JS_T_NAME && TOK < BK_JS_T_FIRST_KEYWORD)
            bk_js__unexpected(p, &p->tok);
        k = ident_node(p, &p->tok);
        break;
    }
    bk_js__next(p);
    return k;
}

static int key_is(const bk_js_node_t *k, const char *s)
{
    size_t n = strlen(s), i;
    if (k->kind == BK_JS_N_IDENT)
        return k->u.ident.name.n == n && memcmp(k->u.ident.name.p, s, n) == 0;
    if (k->kind != BK_JS_N_STRING || k->u.str.len != n)
        return 0;
    for (i = 0; i < n; i++)
        if (k->u.str.units[i] != (uint8_t)s[i])
            return 0;
    return 1;
}

/* Whether the token after get/set/async/static makes it a modifier rather
 * than the property name itself. */
static int is_modifier(const bk_js_tok_t *nx)
{
    return nx->type != BK_JS_T_LPAREN && nx->type != BK_JS_T_COLON &&
           nx->type != BK_JS_T_COMMA && nx->type != BK_JS_T_RBRACE &&
           nx->type != BK_JS_T_ASSIGN && nx->type != BK_JS_T_SEMI &&
           nx->type != BK_JS_T_EOF;
}

/* Modifiers of a method: async, *, get, set. Returns the BK_JS_FN_* flags
 * and sets *kind to BK_JS_PROP_METHOD/GET/SET, or PROP_INIT if none. */
static uint32_t method_modifiers(bk_js__parser_t *p, int *kind)
{
    uint32_t fl = 0;
    *kind = BK_JS_PROP_INIT;
    if (bk_js__is_name(&p->tok, "async") && is_modifier(bk_js__peek(p)) &&
        !p->ahead.nl_before) {
        gate(p, "async methods are");
        bk_js__next(p);
        fl |= BK_JS_FN_ASYNC;
        *kind = BK_JS_PROP_METHOD;
    }
    if (TOK == BK_JS_T_STAR) {
        gate(p, "generator methods are");
        bk_js__next(p);
        fl |= BK_JS_FN_GENERATOR;
        *kind = BK_JS_PROP_METHOD;
    }
    if (!fl && (bk_js__is_name(&p->tok, "get") ||
                bk_js__is_name(&p->tok, "set")) &&
        is_modifier(bk_js__peek(p)) && p->ahead.type != BK_JS_T_STAR) {
        int get = p->tok.name.p[0] == 'g';
        bk_js__next(p);
        fl |= get ? BK_JS_FN_GETTER : BK_JS_FN_SETTER;
        *kind = get ? BK_JS_PROP_GET : BK_JS_PROP_SET;
    }
    return fl;
}

static bk_js_node_t *object_lit(bk_js__parser_t *p)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_OBJECT, &p->tok);
    uint32_t base = p->sp;
    uint8_t no_in = p->no_in;
    bk_js__cover_t *cov = p->cover;
    bk_js__cover_t c = {0, 0};
    int protos = 0;
    bk_js__enter(p);
    p->no_in = 0;
    bk_js__next(p);
    while (TOK != BK_JS_T_RBRACE) {
        bk_js_tok_t t = p->tok;
        bk_js_node_t *pr = bk_js__node(p, BK_JS_N_PROPERTY, &t);
        int kind, computed;
        uint32_t fl;
        if (TOK == BK_JS_T_ELLIPSIS) {
            gate(p, "object spread is");
            bk_js__next(p);
            pr->op = BK_JS_PROP_SPREAD;
            pr->u.prop.value = bk_js__assign(p, &c);
            goto next;
        }
        fl = method_modifiers(p, &kind);
        bk_js_tok_t kt = p->tok;
        pr->u.prop.key = prop_name(p, &computed);
        if (computed)
            pr->flags |= BK_JS_NF_COMPUTED;
        if (kind != BK_JS_PROP_INIT || TOK == BK_JS_T_LPAREN) {
            if (kind == BK_JS_PROP_INIT) {
                gate(p, "methods are");
                kind = BK_JS_PROP_METHOD;
            }
            if (TOK != BK_JS_T_LPAREN)
                bk_js__unexpected(p, &p->tok);
            pr->op = (uint8_t)kind;
            pr->u.prop.value = bk_js__function(p, BK_JS_N_FUNC_EXPR,
                                               fl | BK_JS_FN_METHOD, NULL,
                                               t.start, &kt);
        } else if (TOK == BK_JS_T_COLON) {
            bk_js__next(p);
            pr->op = BK_JS_PROP_INIT;
            pr->u.prop.value = bk_js__assign(p, &c);
            if (!computed && key_is(pr->u.prop.key, "__proto__") &&
                ++protos == 2 && !c.dup_proto)
                c.dup_proto = t.start + 1;
        } else {
            bk_js_node_t *id;
            if (computed || kt.type == BK_JS_T_STRING ||
                kt.type == BK_JS_T_NUMBER)
                bk_js__unexpected(p, &kt);
            gate(p, "shorthand properties are");
            (void)bk_js__ident_ok(p, &kt);
            id = ident_node(p, &kt);
            if (str_is(kt.name, "arguments")) {
                if (p->fn->no_arguments)
                    bk_js__perr(p, kt.start, "'arguments' is not allowed in "
                                             "class field initializer or "
                                             "static initialization block");
                bk_js__mark_fn(p, BK_JS_FN_USES_ARGUMENTS);
                p->n_args++;
            }
            pr->op = BK_JS_PROP_INIT;
            pr->flags |= BK_JS_NF_SHORTHAND;
            if (TOK == BK_JS_T_ASSIGN) {
                /* CoverInitializedName: only valid if this becomes a
                 * pattern; kept as an `=` assignment until then. */
                bk_js_node_t *a = bk_js__node_at(p, BK_JS_N_ASSIGN, id);
                if (!c.shorthand_init)
                    c.shorthand_init = kt.start + 1;
                bk_js__next(p);
                a->op = BK_JS_OP_NONE;
                a->u.bin.left = id;
                a->u.bin.right = bk_js__assign(p, NULL);
                bk_js__finish(p, a);
                id = a;
            }
            pr->u.prop.value = id;
        }
    next:
        bk_js__finish(p, pr);
        bk_js__push(p, pr);
        if (TOK != BK_JS_T_RBRACE) {
            bk_js__expect(p, BK_JS_T_COMMA);
            if (TOK == BK_JS_T_RBRACE)
                n->flags |= BK_JS_NF_TRAILING;
        }
    }
    bk_js__next(p);
    p->no_in = no_in;
    n->u.list = bk_js__pop_list(p, base);
    bk_js__finish(p, n);
    if (c.shorthand_init || c.dup_proto) {
        if (cov == NULL)
            bk_js__perr(p, (c.shorthand_init ? c.shorthand_init
                                             : c.dup_proto) - 1,
                        c.shorthand_init
                            ? "Invalid shorthand property initializer"
                            : "Duplicate __proto__ fields are not allowed "
                              "in object literals");
        if (!cov->shorthand_init)
            cov->shorthand_init = c.shorthand_init;
        if (!cov->dup_proto)
            cov->dup_proto = c.dup_proto;
    }
    bk_js__leave(p);
    return n;
}

static bk_js_node_t *template_lit(bk_js__parser_t *p, int tagged)
{
    bk_js_node_t *n = bk_js__node(p, BK_JS_N_TEMPLATE, &p->tok);
    uint32_t base = p->sp, i, k;
    uint8_t no_in = p->no_in;
    bk_js__enter(p);
    p->no_in = 0;
    for (;;) {
        bk_js_quasi_t *q = bk_js__alloc(p, sizeof(*q));
        int last = TOK == BK_JS_T_TEMPLATE || TOK == BK_JS_T_TEMPLATE_TAIL;
        if (!p->tok.cooked_ok && !tagged)
            bk_js__perr(p, p->tok.bad_off, "%s", p->tok.bad_escape);
        q->cooked = p->tok.str;
        q->raw = p->tok.raw;
        q->cooked_ok = p->tok.cooked_ok;
        bk_js__push(p, q);
        bk_js__next(p);
        if (last)
            break;
        bk_js__push(p, bk_js__expr(p, NULL));
        if (TOK != BK_JS_T_RBRACE)
            bk_js__unexpected(p, &p->tok);
        p->has_ahead = 0;
        bk_js_lex_template(&p->lx, &p->tok);
        if (p->tok.type == BK_JS_T_ERROR)
            longjmp(p->jb, 1);
    }
    k = (p->sp - base) / 2; /* number of expressions */
    n->u.tmpl.quasis = bk_js__alloc(p, (k + 1) * sizeof(bk_js_quasi_t));
    for (i = 0; i <= k; i++)
        n->u.tmpl.quasis[i] = *(bk_js_quasi_t *)p->stk[base + 2 * i];
    for (i = 0; i < k; i++)
        p->stk[base + i] = p->stk[base + 2 * i + 1];
    p->sp = base + k;
    n->u.tmpl.exprs = bk_js__pop_list(p, base);
    p->no_in = no_in;
    bk_js__finish(p, n);
    bk_js__leave(p);
    return n;
}

static bk_js_node_t *function_expr(bk_js__parser_t *p)
{
    bk_js_tok_t first = p->tok;
    uint32_t flags = 0;
    bk_js_node_t *name = NULL;
    if (TOK == BK_JS_T_NAME) { /* async */
        flags |= BK_JS_FN_ASYNC;
        bk_js__next(p);
    }
    bk_js__next(p); /* function */
    if (TOK == BK_JS_T_STAR) {
        gate(p, "generators are");
        flags |= BK_JS_FN_GENERATOR;
        bk_js__next(p);
    }
    if (TOK != BK_JS_T_LPAREN) {
        if ((flags & BK_JS_FN_ASYNC) && bk_js__is_name(&p->tok, "await"))
            bk_js__perr(p, p->tok.start, "Unexpected reserved word");
        name = bk_js__binding_ident(p);
    }
    return bk_js__function(p, BK_JS_N_FUNC_EXPR, flags, name, first.start,
                           &first);
}

static int starts_operand(const bk_js_tok_t *t)
{
    switch (t->type) {
    case BK_JS_T_NAME: case BK_JS_T_NUMBER: case BK_JS_T_STRING:
    case BK_JS_T_THIS:
    case BK_JS_T_NEW: case BK_JS_T_NULL: case BK_JS_T_TRUE:
    case BK_JS_T_FALSE: case BK_JS_T_FUNCTION: case BK_JS_T_CLASS:
    case BK_JS_T_TYPEOF: case BK_JS_T_VOID: case BK_JS_T_DELETE:
    case BK_JS_T_BANG: case BK_JS_T_TILDE: case BK_JS_T_LBRACE:
        return 1;
    default:
        return 0;
    }
}

static bk_js_node_t *primary(bk_js__parser_t *p)
{
    bk_js_tok_t t = p->tok;
    bk_js_node_t *n;
    switch (t.type) {
    case BK_JS_T_NAME: {
        int arrow_ok = t.start == p->assign_start;
        if (bk_js__is_name(&t, "async")) {
            const bk_js_tok_t *nx = bk_js__peek(p);
            if (nx->type == BK_JS_T_FUNCTION && !nx->nl_before) {
                if (!CF2)
                    bk_js__gate(p, t.start, "async functions are");
                return function_expr(p);
            }
            if (nx->type == BK_JS_T_NAME && !nx->nl_before && arrow_ok) {
                struct counters c0;
                bk_js_list_t ps;
                if (!CF2)
                    bk_js__gate(p, t.start, "async functions are");
                bk_js__next(p);
                save_counters(p, &c0);
                if (bk_js__is_name(&p->tok, "await"))
                    bk_js__perr(p, p->tok.start, "Unexpected reserved word");
                ps.n = 1;
                ps.v = bk_js__alloc(p, sizeof(bk_js_node_t *));
                ps.v[0] = bk_js__binding_ident(p);
                if (TOK != BK_JS_T_ARROW)
                    bk_js__unexpected(p, &p->tok);
                return make_arrow(p, ps, BK_JS_FN_ASYNC, &t, &c0);
            }
            if (nx->type == BK_JS_T_LPAREN && !nx->nl_before) {
                /* async(...) call, or async arrow parameters. */
                bk_js__cover_t c = {0, 0};
                struct counters c0;
                int trailing = 0;
                bk_js_node_t *callee = ident_node(p, &t);
                bk_js_list_t args;
                save_counters(p, &c0);
                bk_js__next(p);
                args = arguments(p, &c, &trailing);
                if (TOK == BK_JS_T_ARROW && !p->tok.nl_before && arrow_ok) {
                    uint32_t i;
                    if (!CF2)
                        bk_js__gate(p, t.start, "async functions are");
                    for (i = 0; i < args.n; i++)
                        if (args.v[i]->kind == BK_JS_N_SPREAD) {
                            bk_js_node_t *r = args.v[i];
                            if (i + 1 != args.n || trailing)
                                bk_js__perr(p, r->start,
                                            "Rest parameter must be last "
                                            "formal parameter");
                            r->kind = BK_JS_N_REST;
                            r->u.unary.arg =
                                bk_js__to_pattern(p, r->u.unary.arg, 1);
                        }
                    return make_arrow(p, args, BK_JS_FN_ASYNC, &t, &c0);
                }
                if (c.shorthand_init)
                    bk_js__perr(p, c.shorthand_init - 1,
                                "Invalid shorthand property initializer");
                n = bk_js__node(p, BK_JS_N_CALL, &t);
                n->u.call.callee = callee;
                n->u.call.args = args;
                bk_js__finish(p, n);
                return n;
            }
        }
        if (bk_js__is_name(&t, "await") &&
            !(p->fn->flags & BK_JS_FN_ASYNC) && !p->is_module) {
            const bk_js_tok_t *nx = bk_js__peek(p);
            if (!nx->nl_before && starts_operand(nx))
                bk_js__perr(p, t.start, "await is only valid in async "
                                        "functions and the top level "
                                        "bodies of modules");
        }
        (void)bk_js__ident_ok(p, &t);
        n = ident_node(p, &t);
        bk_js__next(p);
        if (TOK == BK_JS_T_ARROW && arrow_ok && !p->tok.nl_before) {
            struct counters c0;
            bk_js_list_t ps;
            save_counters(p, &c0);
            ps.n = 1;
            ps.v = bk_js__alloc(p, sizeof(bk_js_node_t *));
            ps.v[0] = n;
            return make_arrow(p, ps, 0, &t, &c0);
        }
        if (str_is(t.name, "arguments")) {
            if (p->fn->no_arguments)
                bk_js__perr(p, t.start, "'arguments' is not allowed in "
                                        "class field initializer or static "
                                        "initialization block");
            bk_js__mark_fn(p, BK_JS_FN_USES_ARGUMENTS);
            p->n_args++;
        }
        return n;
    }
    case BK_JS_T_NUMBER:
        n = bk_js__node(p, BK_JS_N_NUMBER, &t);
        n->u.num = t.num;
        bk_js__next(p);
        return n;
    case BK_JS_T_STRING:
        n = bk_js__node(p, BK_JS_N_STRING, &t);
        n->u.str = t.str;
        bk_js__next(p);
        return n;
    case BK_JS_T_TEMPLATE:
    case BK_JS_T_TEMPLATE_HEAD:
        return template_lit(p, 0);
    case BK_JS_T_SLASH:
    case BK_JS_T_SLASH_ASSIGN:
        p->has_ahead = 0;
        bk_js_lex_regexp(&p->lx, &p->tok);
        if (p->tok.type == BK_JS_T_ERROR)
            longjmp(p->jb, 1);
        n = bk_js__node(p, BK_JS_N_REGEXP, &p->tok);
        n->u.regexp.pattern = p->tok.name;
        n->u.regexp.flags = p->tok.flags;
        bk_js__next(p);
        return n;
    case BK_JS_T_NULL:
    case BK_JS_T_TRUE:
    case BK_JS_T_FALSE:
        n = bk_js__node(p, t.type == BK_JS_T_NULL   ? BK_JS_N_NULL
                           : t.type == BK_JS_T_TRUE ? BK_JS_N_TRUE
                                                    : BK_JS_N_FALSE,
                        &t);
        if (t.escaped)
            bk_js__perr(p, t.start,
                        "Keyword must not contain escaped characters");
        bk_js__next(p);
        return n;
    case BK_JS_T_THIS:
        if (t.escaped)
            bk_js__perr(p, t.start,
                        "Keyword must not contain escaped characters");
        note_this(p);
        n = bk_js__node(p, BK_JS_N_THIS, &t);
        bk_js__next(p);
        return n;
    case BK_JS_T_SUPER: {
        const bk_js_tok_t *nx;
        n = bk_js__node(p, BK_JS_N_SUPER, &t);
        bk_js__next(p);
        nx = &p->tok;
        if (nx->type == BK_JS_T_LPAREN) {
            if (!p->fn->super_call)
                bk_js__perr(p, t.start, "'super' keyword unexpected here");
            bk_js__mark_fn(p, BK_JS_FN_SUPER_CALL | BK_JS_FN_USES_THIS);
            p->n_super_call++;
        } else if (nx->type == BK_JS_T_DOT ||
                   nx->type == BK_JS_T_LBRACKET) {
            if (!p->fn->super_prop)
                bk_js__perr(p, t.start, "'super' keyword unexpected here");
            bk_js__mark_fn(p, BK_JS_FN_USES_SUPER | BK_JS_FN_USES_THIS);
            p->n_super++;
        } else {
            bk_js__perr(p, t.start, "'super' keyword unexpected here");
        }
        return n;
    }
    case BK_JS_T_LPAREN:
        return paren(p);
    case BK_JS_T_LBRACKET:
        return array_lit(p);
    case BK_JS_T_LBRACE:
        return object_lit(p);
    case BK_JS_T_FUNCTION:
        return function_expr(p);
    case BK_JS_T_CLASS:
        gate(p, "classes are");
        return bk_js__class(p, 0);
    case BK_JS_T_IMPORT:
        bk_js__perr(p, t.start, "import() is not supported");
    default:
        bk_js__unexpected(p, &t);
    }
}

/* ---- classes ----------------------------------------------------------- */

bk_js_node_t *bk_js__class(bk_js__parser_t *p, int is_decl)
{
    bk_js_node_t *n = bk_js__node(p, is_decl ? BK_JS_N_CLASS_DECL
                                             : BK_JS_N_CLASS_EXPR, &p->tok);
    bk_js_class_t *cls = bk_js__alloc(p, sizeof(*cls));
    uint32_t base = p->sp;
    memset(cls, 0, sizeof(*cls));
    n->u.cls = cls;
    cls->src_start = p->tok.start;
    bk_js__enter(p);
    bk_js__next(p);
    if (TOK != BK_JS_T_EXTENDS && TOK != BK_JS_T_LBRACE)
        cls->name = bk_js__binding_ident(p);
    else if (is_decl)
        bk_js__unexpected(p, &p->tok);
    if (is_decl)
        bk_js__declare(p, n, BK_JS__SYM_CLASS);
    if (TOK == BK_JS_T_EXTENDS) {
        bk_js__next(p);
        cls->super = bk_js__lhs(p);
    }
    bk_js__expect(p, BK_JS_T_LBRACE);
    while (TOK != BK_JS_T_RBRACE) {
        bk_js_tok_t t = p->tok;
        bk_js_node_t *m;
        uint32_t fl = BK_JS_FN_METHOD;
        int kind, computed, is_static = 0;
        if (TOK == BK_JS_T_SEMI) {
            bk_js__next(p);
            continue;
        }
        m = bk_js__node(p, BK_JS_N_CLASS_MEMBER, &t);
        if (TOK == BK_JS_T_STATIC && !t.escaped &&
            is_modifier(bk_js__peek(p))) {
            is_static = 1;
            m->flags |= BK_JS_NF_STATIC;
            fl |= BK_JS_FN_STATIC;
            bk_js__next(p);
        }
        bk_js_tok_t mt = p->tok;
        fl |= method_modifiers(p, &kind);
        bk_js_tok_t kt = p->tok;
        m->u.prop.key = prop_name(p, &computed);
        if (computed)
            m->flags |= BK_JS_NF_COMPUTED;
        if (kind == BK_JS_PROP_INIT && TOK != BK_JS_T_LPAREN) {
            /* A field: `x;`, `x = e`, `static x`, ended by ; } or ASI. */
            if (!(p->options & BK_JS_PARSE_CLASS_FIELDS))
                bk_js__perr(p, kt.start, "Class fields are not supported");
            if (!computed && (key_is(m->u.prop.key, "constructor") ||
                              (is_static &&
                               key_is(m->u.prop.key, "prototype"))))
                bk_js__perr(p, kt.start,
                            is_static && key_is(m->u.prop.key, "prototype")
                                ? "Classes may not have a static property "
                                  "named 'prototype'"
                                : "Classes may not have a field named "
                                  "'constructor'");
            m->op = BK_JS_PROP_FIELD;
            if (TOK == BK_JS_T_ASSIGN) {
                bk_js__next(p);
                m->u.prop.value = bk_js__field_init(
                    p, &kt, is_static ? BK_JS_FN_STATIC : 0);
            }
            bk_js__semicolon(p);
            bk_js__finish(p, m);
            bk_js__push(p, m);
            continue;
        }
        if (kind == BK_JS_PROP_INIT)
            kind = BK_JS_PROP_METHOD;
        if (TOK != BK_JS_T_LPAREN)
            bk_js__unexpected(p, &p->tok);
        if (!computed && !is_static &&
            key_is(m->u.prop.key, "constructor")) {
            if (fl & (BK_JS_FN_GETTER | BK_JS_FN_SETTER))
                bk_js__perr(p, kt.start, "Class constructor may not be an "
                                         "accessor");
            if (fl & BK_JS_FN_GENERATOR)
                bk_js__perr(p, kt.start, "Class constructor may not be a "
                                         "generator");
            if (fl & BK_JS_FN_ASYNC)
                bk_js__perr(p, kt.start, "Class constructor may not be an "
                                         "async method");
            if (cls->ctor)
                bk_js__perr(p, kt.start, "A class may only have one "
                                         "constructor");
            kind = BK_JS_PROP_CTOR;
            fl |= BK_JS_FN_CTOR;
            if (cls->super)
                fl |= BK_JS_FN_DERIVED;
        }
        if (is_static && !computed && key_is(m->u.prop.key, "prototype"))
            bk_js__perr(p, kt.start, "Classes may not have a static "
                                     "property named 'prototype'");
        m->op = (uint8_t)kind;
        m->u.prop.value = bk_js__function(p, BK_JS_N_FUNC_EXPR, fl, NULL,
                                          mt.start, &kt);
        bk_js__finish(p, m);
        if (kind == BK_JS_PROP_CTOR)
            cls->ctor = m;
        else
            bk_js__push(p, m);
    }
    bk_js__next(p);
    cls->members = bk_js__pop_list(p, base);
    cls->src_end = p->prev_end;
    bk_js__finish(p, n);
    bk_js__leave(p);
    return n;
}
