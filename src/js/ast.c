/*
 * ast.c: names of node kinds and operators, the S-expression dump used by
 * the parser tests, and the bound-names walk over binding patterns.
 *
 * Dump format (one line, no trailing newline):
 *   identifiers bare (x), numbers shortest round-trip (1.5, 1e+21),
 *   strings "..." with \" \\ \n and \uXXXX for units outside ASCII 32..126,
 *   regexps /pattern/flags, null true false this super new.target bare,
 *   holes `hole`, missing optional parts `-`;
 *   every other node (head child...), head being the operator for
 *   operators ((+ a b), (= a b), (+= a b), (pre++ x), (post-- x), (! x)),
 *   (. obj name) (?. obj name) ([] obj e) (?.[] obj e) (call f args)
 *   (call? f args) (new f args), and the kind name otherwise. Functions:
 *   (function NAME|- :flag... (params) [hoisting] body...), where hoisting
 *   lists are printed when non-empty: [var a b] [fn f] [let x] [const y]
 *   [class C] [bfn g]. Blocks, for heads and switch print their [let]...
 *   lists the same way.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "js/ast.h"

static const char *const node_names[] = {
#define BK__JS_NODE_STR(name, str) str,
    BK_JS_NODE_LIST(BK__JS_NODE_STR)
#undef BK__JS_NODE_STR
};

static const char *const op_names[] = {
#define BK__JS_OP_STR(name, str) str,
    BK_JS_OP_LIST(BK__JS_OP_STR)
#undef BK__JS_OP_STR
};

const char *bk_js_node_name(unsigned kind)
{
    return kind < BK_JS_N__COUNT ? node_names[kind] : "?";
}

const char *bk_js_op_name(unsigned op)
{
    return op < BK_JS_OP__COUNT ? op_names[op] : "?";
}

/* ---- children ---------------------------------------------------------- */

typedef void (*child_fn)(void *ctx, const bk_js_node_t *child);

static void each(const bk_js_list_t *l, child_fn fn, void *ctx)
{
    uint32_t i;
    for (i = 0; i < l->n; i++)
        if (l->v[i])
            fn(ctx, l->v[i]);
}

#define ONE(x)                                                                \
    do {                                                                      \
        if (x)                                                                \
            fn(ctx, (x));                                                     \
    } while (0)

void bk_js_ast_children(const bk_js_node_t *n, child_fn fn, void *ctx)
{
    switch (n->kind) {
    case BK_JS_N_PROGRAM:
    case BK_JS_N_FUNC_DECL:
    case BK_JS_N_FUNC_EXPR:
    case BK_JS_N_ARROW:
        ONE(n->u.func->name);
        each(&n->u.func->params, fn, ctx);
        each(&n->u.func->body, fn, ctx);
        break;
    case BK_JS_N_CLASS_DECL:
    case BK_JS_N_CLASS_EXPR:
        ONE(n->u.cls->name);
        ONE(n->u.cls->super);
        ONE(n->u.cls->ctor);
        each(&n->u.cls->members, fn, ctx);
        break;
    case BK_JS_N_VAR:
        each(&n->u.var.decls, fn, ctx);
        break;
    case BK_JS_N_DECLARATOR:
    case BK_JS_N_BINARY:
    case BK_JS_N_LOGICAL:
    case BK_JS_N_ASSIGN:
    case BK_JS_N_ASSIGN_PATTERN:
        ONE(n->u.bin.left);
        ONE(n->u.bin.right);
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
        ONE(n->u.unary.arg);
        break;
    case BK_JS_N_BLOCK:
        each(&n->u.block.body, fn, ctx);
        break;
    case BK_JS_N_IF:
    case BK_JS_N_CONDITIONAL:
        ONE(n->u.cond.test);
        ONE(n->u.cond.then);
        ONE(n->u.cond.else_);
        break;
    case BK_JS_N_FOR:
        ONE(n->u.for_.init);
        ONE(n->u.for_.test);
        ONE(n->u.for_.update);
        ONE(n->u.for_.body);
        break;
    case BK_JS_N_FOR_IN:
    case BK_JS_N_FOR_OF:
        ONE(n->u.forin.left);
        ONE(n->u.forin.right);
        ONE(n->u.forin.body);
        break;
    case BK_JS_N_WHILE:
        ONE(n->u.loop.test);
        ONE(n->u.loop.body);
        break;
    case BK_JS_N_DO_WHILE:
        ONE(n->u.loop.body);
        ONE(n->u.loop.test);
        break;
    case BK_JS_N_TRY:
        ONE(n->u.try_.block);
        ONE(n->u.try_.param);
        ONE(n->u.try_.handler);
        ONE(n->u.try_.finalizer);
        break;
    case BK_JS_N_SWITCH:
        ONE(n->u.switch_.disc);
        each(&n->u.switch_.cases, fn, ctx);
        break;
    case BK_JS_N_CASE:
        ONE(n->u.case_.test);
        each(&n->u.case_.body, fn, ctx);
        break;
    case BK_JS_N_LABEL:
        ONE(n->u.label.body);
        break;
    case BK_JS_N_IMPORT:
        each(&n->u.import.specs, fn, ctx);
        ONE(n->u.import.source);
        break;
    case BK_JS_N_IMPORT_SPEC:
        ONE(n->u.spec.local);
        break;
    case BK_JS_N_TEMPLATE:
        each(&n->u.tmpl.exprs, fn, ctx);
        break;
    case BK_JS_N_TAGGED_TEMPLATE:
        ONE(n->u.tagged.tag);
        ONE(n->u.tagged.quasi);
        break;
    case BK_JS_N_ARRAY:
    case BK_JS_N_OBJECT:
    case BK_JS_N_SEQUENCE:
    case BK_JS_N_ARRAY_PATTERN:
    case BK_JS_N_OBJECT_PATTERN:
        each(&n->u.list, fn, ctx);
        break;
    case BK_JS_N_PROPERTY:
    case BK_JS_N_CLASS_MEMBER:
        ONE(n->u.prop.key);
        ONE(n->u.prop.value);
        break;
    case BK_JS_N_CALL:
    case BK_JS_N_NEW:
        ONE(n->u.call.callee);
        each(&n->u.call.args, fn, ctx);
        break;
    case BK_JS_N_MEMBER:
    case BK_JS_N_INDEX:
        ONE(n->u.member.obj);
        ONE(n->u.member.prop);
        break;
    default:
        break;
    }
}

#undef ONE

/* ---- bound names ------------------------------------------------------- */

void bk_js_ast_bound_names(const bk_js_node_t *t,
                           void (*fn)(void *ctx, const bk_js_node_t *ident),
                           void *ctx)
{
    uint32_t i;
    if (t == NULL)
        return;
    switch (t->kind) {
    case BK_JS_N_IDENT:
        fn(ctx, t);
        break;
    case BK_JS_N_ASSIGN_PATTERN:
        bk_js_ast_bound_names(t->u.bin.left, fn, ctx);
        break;
    case BK_JS_N_REST:
        bk_js_ast_bound_names(t->u.unary.arg, fn, ctx);
        break;
    case BK_JS_N_ARRAY_PATTERN:
        for (i = 0; i < t->u.list.n; i++)
            bk_js_ast_bound_names(t->u.list.v[i], fn, ctx);
        break;
    case BK_JS_N_OBJECT_PATTERN:
        for (i = 0; i < t->u.list.n; i++) {
            const bk_js_node_t *pr = t->u.list.v[i];
            if (pr->kind == BK_JS_N_REST)
                bk_js_ast_bound_names(pr, fn, ctx);
            else
                bk_js_ast_bound_names(pr->u.prop.value, fn, ctx);
        }
        break;
    default:
        break;
    }
}

/* ---- dump -------------------------------------------------------------- */

typedef struct {
    bk_buf_t *b;
    int err;
} dump_t;

static void put(dump_t *d, const char *s)
{
    if (!d->err && bk_buf_append_cstr(d->b, s) != BK_OK)
        d->err = 1;
}

static void putn(dump_t *d, const void *p, size_t n)
{
    if (!d->err && bk_buf_append(d->b, p, n) != BK_OK)
        d->err = 1;
}

static void put_num(dump_t *d, double v)
{
    char s[40];
    int prec;
    if (isnan(v)) {
        put(d, "NaN");
        return;
    }
    if (isinf(v)) {
        put(d, v < 0 ? "-Infinity" : "Infinity");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e21) {
        snprintf(s, sizeof(s), "%.0f", v);
        put(d, v == 0 && signbit(v) ? "-0" : s);
        return;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(s, sizeof(s), "%.*g", prec, v);
        if (strtod(s, NULL) == v)
            break;
    }
    put(d, s);
}

static void put_u16(dump_t *d, const bk_js_u16_t *s)
{
    uint32_t i;
    char e[8];
    put(d, "\"");
    for (i = 0; i < s->len; i++) {
        uint16_t c = s->units[i];
        if (c == '"' || c == '\\') {
            e[0] = '\\';
            e[1] = (char)c;
            putn(d, e, 2);
        } else if (c == '\n') {
            put(d, "\\n");
        } else if (c >= 32 && c < 127) {
            e[0] = (char)c;
            putn(d, e, 1);
        } else {
            snprintf(e, sizeof(e), "\\u%04x", c);
            put(d, e);
        }
    }
    put(d, "\"");
}

static void put_str(dump_t *d, bk_str_t s)
{
    putn(d, s.p, s.n);
}

static void node(dump_t *d, const bk_js_node_t *n);

static void list(dump_t *d, const bk_js_list_t *l)
{
    uint32_t i;
    for (i = 0; i < l->n; i++) {
        put(d, " ");
        node(d, l->v[i]);
    }
}

static void opt(dump_t *d, const bk_js_node_t *n)
{
    put(d, " ");
    if (n)
        node(d, n);
    else
        put(d, "-");
}

static void decls(dump_t *d, const bk_js_decl_t *v, uint32_t n)
{
    static const char *const kinds[] = {"var", "let", "const", "class",
                                        "bfn"};
    int k;
    uint32_t i;
    for (k = 0; k < 5; k++) {
        int any = 0;
        for (i = 0; i < n; i++) {
            if (v[i].kind != k)
                continue;
            if (!any) {
                put(d, " [");
                put(d, kinds[k]);
            }
            any = 1;
            put(d, " ");
            put_str(d, v[i].name);
        }
        if (any)
            put(d, "]");
    }
}

static void func(dump_t *d, const char *head, const bk_js_func_t *f)
{
    static const struct {
        uint32_t flag;
        const char *s;
    } fl[] = {
        {BK_JS_FN_ASYNC, ":async"},       {BK_JS_FN_GENERATOR, ":gen"},
        {BK_JS_FN_GETTER, ":get"},        {BK_JS_FN_SETTER, ":set"},
        {BK_JS_FN_CTOR, ":ctor"},         {BK_JS_FN_DERIVED, ":derived"},
        {BK_JS_FN_STATIC, ":static"},     {BK_JS_FN_EXPR_BODY, ":expr"},
        {BK_JS_FN_USES_THIS, ":this"},    {BK_JS_FN_USES_ARGUMENTS, ":args"},
        {BK_JS_FN_USES_SUPER, ":super"},  {BK_JS_FN_SUPER_CALL, ":super()"},
        {BK_JS_FN_USES_NEW_TARGET, ":new.target"},
        {BK_JS_FN_MODULE, ":module"},     {BK_JS_FN_FIELD_INIT, ":field"},
    };
    size_t i;
    uint32_t j;
    put(d, "(");
    put(d, head);
    if (!(f->flags & BK_JS_FN_PROGRAM)) {
        put(d, " ");
        if (f->name)
            put_str(d, f->name->u.ident.name);
        else
            put(d, "-");
    }
    for (i = 0; i < BK_COUNTOF(fl); i++)
        if (f->flags & fl[i].flag) {
            put(d, " ");
            put(d, fl[i].s);
        }
    if (!(f->flags & BK_JS_FN_PROGRAM)) {
        put(d, " (");
        for (j = 0; j < f->params.n; j++) {
            if (j)
                put(d, " ");
            node(d, f->params.v[j]);
        }
        put(d, ")");
    }
    if (f->n_var_names) {
        put(d, " [var");
        for (j = 0; j < f->n_var_names; j++) {
            put(d, " ");
            put_str(d, f->var_names[j]);
        }
        put(d, "]");
    }
    if (f->func_decls.n) {
        put(d, " [fn");
        for (j = 0; j < f->func_decls.n; j++) {
            put(d, " ");
            put_str(d, f->func_decls.v[j]->u.func->name->u.ident.name);
        }
        put(d, "]");
    }
    decls(d, f->decls, f->n_decls);
    list(d, &f->body);
    put(d, ")");
}

static void node(dump_t *d, const bk_js_node_t *n)
{
    char tmp[32];
    uint32_t i;
    if (d->err)
        return;
    if (n == NULL) {
        put(d, "hole");
        return;
    }
    switch (n->kind) {
    case BK_JS_N_PROGRAM:
        func(d, "program", n->u.func);
        return;
    case BK_JS_N_FUNC_DECL:
    case BK_JS_N_FUNC_EXPR:
    case BK_JS_N_ARROW:
        func(d, bk_js_node_name(n->kind), n->u.func);
        return;
    case BK_JS_N_IDENT:
        put_str(d, n->u.ident.name);
        return;
    case BK_JS_N_NUMBER:
        put_num(d, n->u.num);
        return;
    case BK_JS_N_STRING:
        put_u16(d, &n->u.str);
        return;
    case BK_JS_N_REGEXP:
        put(d, "/");
        put_str(d, n->u.regexp.pattern);
        put(d, "/");
        put_str(d, n->u.regexp.flags);
        return;
    case BK_JS_N_NULL:
    case BK_JS_N_TRUE:
    case BK_JS_N_FALSE:
    case BK_JS_N_THIS:
    case BK_JS_N_SUPER:
    case BK_JS_N_NEW_TARGET:
        put(d, bk_js_node_name(n->kind));
        return;
    default:
        break;
    }
    put(d, "(");
    switch (n->kind) {
    case BK_JS_N_VAR:
        put(d, n->op == BK_JS_DECL_VAR ? "var"
               : n->op == BK_JS_DECL_LET ? "let" : "const");
        for (i = 0; i < n->u.var.decls.n; i++) {
            const bk_js_node_t *dc = n->u.var.decls.v[i];
            put(d, " ");
            if (dc->u.bin.right) {
                put(d, "(= ");
                node(d, dc->u.bin.left);
                put(d, " ");
                node(d, dc->u.bin.right);
                put(d, ")");
            } else {
                node(d, dc->u.bin.left);
            }
        }
        break;
    case BK_JS_N_DECLARATOR:
        put(d, "decl");
        opt(d, n->u.bin.left);
        opt(d, n->u.bin.right);
        break;
    case BK_JS_N_CLASS_DECL:
    case BK_JS_N_CLASS_EXPR:
        put(d, "class");
        opt(d, n->u.cls->name);
        if (n->u.cls->super) {
            put(d, " (extends ");
            node(d, n->u.cls->super);
            put(d, ")");
        }
        if (n->u.cls->ctor) {
            put(d, " ");
            node(d, n->u.cls->ctor);
        }
        list(d, &n->u.cls->members);
        break;
    case BK_JS_N_CLASS_MEMBER:
    case BK_JS_N_PROPERTY: {
        static const char *const k[] = {"init", "method", "get", "set",
                                        "spread", "ctor", "field"};
        put(d, n->op < 7 ? k[n->op] : "?");
        if (n->flags & BK_JS_NF_STATIC)
            put(d, " static");
        if (n->op != BK_JS_PROP_SPREAD) {
            put(d, n->flags & BK_JS_NF_COMPUTED ? " [" : " ");
            node(d, n->u.prop.key);
            if (n->flags & BK_JS_NF_COMPUTED)
                put(d, "]");
        }
        if (n->flags & BK_JS_NF_SHORTHAND)
            put(d, " :short");
        opt(d, n->u.prop.value);
        break;
    }
    case BK_JS_N_EXPR_STMT:
    case BK_JS_N_RETURN:
    case BK_JS_N_THROW:
    case BK_JS_N_SPREAD:
    case BK_JS_N_REST:
    case BK_JS_N_AWAIT:
    case BK_JS_N_OPT_CHAIN:
        put(d, n->kind == BK_JS_N_SPREAD ? "..." : bk_js_node_name(n->kind));
        if (n->u.unary.arg)
            opt(d, n->u.unary.arg);
        break;
    case BK_JS_N_YIELD:
        put(d, n->flags & BK_JS_NF_DELEGATE ? "yield*" : "yield");
        if (n->u.unary.arg)
            opt(d, n->u.unary.arg);
        break;
    case BK_JS_N_UNARY:
        put(d, bk_js_op_name(n->op));
        opt(d, n->u.unary.arg);
        break;
    case BK_JS_N_UPDATE:
        put(d, n->flags & BK_JS_NF_PREFIX ? "pre" : "post");
        put(d, bk_js_op_name(n->op));
        opt(d, n->u.unary.arg);
        break;
    case BK_JS_N_BINARY:
    case BK_JS_N_LOGICAL:
        put(d, bk_js_op_name(n->op));
        opt(d, n->u.bin.left);
        opt(d, n->u.bin.right);
        break;
    case BK_JS_N_ASSIGN:
        if (n->op != BK_JS_OP_NONE)
            put(d, bk_js_op_name(n->op));
        put(d, "=");
        opt(d, n->u.bin.left);
        opt(d, n->u.bin.right);
        break;
    case BK_JS_N_ASSIGN_PATTERN:
        put(d, "default");
        opt(d, n->u.bin.left);
        opt(d, n->u.bin.right);
        break;
    case BK_JS_N_BLOCK:
        put(d, "block");
        decls(d, n->u.block.decls, n->u.block.n_decls);
        list(d, &n->u.block.body);
        break;
    case BK_JS_N_IF:
    case BK_JS_N_CONDITIONAL:
        put(d, n->kind == BK_JS_N_IF ? "if" : "?");
        opt(d, n->u.cond.test);
        opt(d, n->u.cond.then);
        if (n->u.cond.else_ || n->kind == BK_JS_N_CONDITIONAL)
            opt(d, n->u.cond.else_);
        break;
    case BK_JS_N_FOR:
        put(d, "for");
        decls(d, n->u.for_.decls, n->u.for_.n_decls);
        opt(d, n->u.for_.init);
        opt(d, n->u.for_.test);
        opt(d, n->u.for_.update);
        opt(d, n->u.for_.body);
        break;
    case BK_JS_N_FOR_IN:
    case BK_JS_N_FOR_OF:
        put(d, bk_js_node_name(n->kind));
        decls(d, n->u.forin.decls, n->u.forin.n_decls);
        opt(d, n->u.forin.left);
        opt(d, n->u.forin.right);
        opt(d, n->u.forin.body);
        break;
    case BK_JS_N_WHILE:
        put(d, "while");
        opt(d, n->u.loop.test);
        opt(d, n->u.loop.body);
        break;
    case BK_JS_N_DO_WHILE:
        put(d, "do-while");
        opt(d, n->u.loop.body);
        opt(d, n->u.loop.test);
        break;
    case BK_JS_N_CONTINUE:
    case BK_JS_N_BREAK:
        put(d, bk_js_node_name(n->kind));
        if (n->u.jump.label.n) {
            put(d, " ");
            put_str(d, n->u.jump.label);
        }
        break;
    case BK_JS_N_TRY:
        put(d, "try");
        opt(d, n->u.try_.block);
        if (n->u.try_.handler) {
            put(d, " (catch");
            opt(d, n->u.try_.param);
            opt(d, n->u.try_.handler);
            put(d, ")");
        }
        if (n->u.try_.finalizer) {
            put(d, " (finally");
            opt(d, n->u.try_.finalizer);
            put(d, ")");
        }
        break;
    case BK_JS_N_SWITCH:
        put(d, "switch");
        decls(d, n->u.switch_.decls, n->u.switch_.n_decls);
        opt(d, n->u.switch_.disc);
        list(d, &n->u.switch_.cases);
        break;
    case BK_JS_N_CASE:
        if (n->u.case_.test) {
            put(d, "case");
            opt(d, n->u.case_.test);
        } else {
            put(d, "default");
        }
        list(d, &n->u.case_.body);
        break;
    case BK_JS_N_LABEL:
        put(d, "label ");
        put_str(d, n->u.label.label);
        opt(d, n->u.label.body);
        break;
    case BK_JS_N_IMPORT:
        put(d, "import");
        opt(d, n->u.import.source);
        list(d, &n->u.import.specs);
        break;
    case BK_JS_N_IMPORT_SPEC:
        put_str(d, n->u.spec.imported);
        opt(d, n->u.spec.local);
        break;
    case BK_JS_N_TEMPLATE:
        put(d, "template");
        for (i = 0; i <= n->u.tmpl.exprs.n; i++) {
            put(d, " ");
            if (n->u.tmpl.quasis[i].cooked_ok)
                put_u16(d, &n->u.tmpl.quasis[i].cooked);
            else
                put(d, "undefined");
            if (i < n->u.tmpl.exprs.n)
                opt(d, n->u.tmpl.exprs.v[i]);
        }
        break;
    case BK_JS_N_TAGGED_TEMPLATE:
        put(d, "tagged");
        opt(d, n->u.tagged.tag);
        opt(d, n->u.tagged.quasi);
        put(d, " (raw");
        for (i = 0; i <= n->u.tagged.quasi->u.tmpl.exprs.n; i++) {
            put(d, " ");
            put_u16(d, &n->u.tagged.quasi->u.tmpl.quasis[i].raw);
        }
        put(d, ")");
        break;
    case BK_JS_N_ARRAY:
    case BK_JS_N_OBJECT:
    case BK_JS_N_SEQUENCE:
    case BK_JS_N_ARRAY_PATTERN:
    case BK_JS_N_OBJECT_PATTERN:
        put(d, n->kind == BK_JS_N_SEQUENCE ? "," : bk_js_node_name(n->kind));
        list(d, &n->u.list);
        break;
    case BK_JS_N_CALL:
    case BK_JS_N_NEW:
        put(d, n->kind == BK_JS_N_NEW ? "new"
               : n->flags & BK_JS_NF_OPTIONAL ? "call?" : "call");
        opt(d, n->u.call.callee);
        list(d, &n->u.call.args);
        break;
    case BK_JS_N_MEMBER:
    case BK_JS_N_INDEX:
        snprintf(tmp, sizeof(tmp), "%s%s",
                 n->flags & BK_JS_NF_OPTIONAL ? "?." : "",
                 n->kind == BK_JS_N_MEMBER
                     ? (n->flags & BK_JS_NF_OPTIONAL ? "" : ".")
                     : "[]");
        put(d, tmp);
        opt(d, n->u.member.obj);
        opt(d, n->u.member.prop);
        break;
    default:
        put(d, bk_js_node_name(n->kind));
        break;
    }
    put(d, ")");
}

int bk_js_ast_dump(bk_buf_t *b, const bk_js_node_t *n)
{
    dump_t d = {b, 0};
    node(&d, n);
    return d.err ? BK_ERR : BK_OK;
}
