/*
 * ast.h: the syntax tree the parser builds and the compiler reads.
 *
 * Invariants:
 * - Every node, list and string of one parse lives in the arena given to
 *   bk_js_parse() and dies with it. Identifier names (bk_str_t) point either
 *   into the source buffer (no escapes) or into that arena, so the source
 *   must outlive the tree (Function.prototype.toString needs it anyway).
 * - The tree is already checked: strict mode, runtime gates (1.0 vs 2.0),
 *   early errors. The compiler may assume any tree it gets is valid.
 * - Kinds, operators and flags are append-only: new entries go at the end.
 * - Height: the parser bounds nesting (BK_JS_PARSE_MAX_DEPTH, counting long
 *   a.b.c / a+b+c chains too), so a root-to-leaf path is at most a small
 *   multiple of BK_JS_PARSE_MAX_DEPTH nodes long (about 4x in the worst
 *   cases tested) and recursive walks are bounded.
 *
 * Scope *resolution* is the compiler's job; the parser only collects, per
 * function and per block, what is declared there (hoisting lists), so the
 * compiler needs no extra pass to find declarations.
 */
#ifndef BK_JS_AST_H
#define BK_JS_AST_H

#include "core/buf.h"
#include "core/str.h"

/* The language level: which CloudFront runtime the source targets. */
typedef enum {
    BK_JS_LANG_CF1 = 1, /* cloudfront-js-1.0: ES5.1, templates, =>, rest, ** */
    BK_JS_LANG_CF2 = 2, /* cloudfront-js-2.0: the ES2015-2021 subset */
} bk_js_lang_t;

/*
 * Node kinds: X(NAME, "dump name"). Payload used (see bk_js_node_t):
 *
 * Statements / declarations
 *   PROGRAM      u.func  (flags BK_JS_FN_PROGRAM [| BK_JS_FN_MODULE])
 *   VAR          u.var   op = BK_JS_DECL_VAR/LET/CONST; list of DECLARATOR
 *   DECLARATOR   u.bin   left = target (IDENT or pattern), right = init|NULL
 *   FUNC_DECL    u.func  name set
 *   CLASS_DECL   u.cls   name set
 *   EXPR_STMT    u.unary arg = expression
 *   BLOCK        u.block
 *   EMPTY        -
 *   IF           u.cond  test, then, else_ (NULL if none)
 *   FOR          u.for_  init (VAR, expression or NULL), test, update, body
 *   FOR_IN       u.forin left = VAR (one declarator, no init) or an
 *   FOR_OF       u.forin        assignment target (IDENT/MEMBER/INDEX/pattern)
 *   WHILE        u.loop
 *   DO_WHILE     u.loop
 *   CONTINUE     u.jump  label.n == 0: none
 *   BREAK        u.jump
 *   RETURN       u.unary arg or NULL
 *   THROW        u.unary
 *   TRY          u.try_  handler NULL: no catch; param NULL: `catch {`
 *   SWITCH       u.switch_ cases: list of CASE
 *   CASE         u.case_ test NULL: `default:`
 *   LABEL        u.label
 *   DEBUGGER     -
 *   IMPORT       u.import (top level of a 2.0 program only; its
 *                locals are const-like top-level bindings, not in decls)
 *   IMPORT_SPEC  u.spec
 *
 * Expressions
 *   IDENT        u.ident
 *   NUMBER       u.num
 *   STRING       u.str   (UTF-16 code units, escapes decoded)
 *   TEMPLATE     u.tmpl  untagged `a${x}b`
 *   TAGGED_TEMPLATE u.tagged  tag`...`; quasi is a TEMPLATE node
 *   REGEXP       u.regexp  pattern and flags as source text; flags checked
 *   NULL TRUE FALSE THIS SUPER NEW_TARGET   -
 *                (SUPER only appears as CALL callee or MEMBER/INDEX obj)
 *   ARRAY        u.list  elements; NULL = hole; SPREAD allowed
 *   OBJECT       u.list  of PROPERTY
 *   PROPERTY     u.prop  op = BK_JS_PROP_*; flags COMPUTED, SHORTHAND.
 *                key: IDENT (name), STRING, NUMBER, or any expression when
 *                COMPUTED; NULL for PROP_SPREAD. value: the expression,
 *                FUNC_EXPR for methods/getters/setters, the SPREAD argument.
 *                `__proto__: v` is a plain PROP_INIT with an IDENT/STRING
 *                key named __proto__ (the compiler gives it its meaning).
 *   FUNC_EXPR    u.func
 *   ARROW        u.func
 *   CLASS_EXPR   u.cls
 *   CLASS_MEMBER u.prop  op = BK_JS_PROP_METHOD/GET/SET/CTOR; flags
 *                STATIC, COMPUTED; value is a FUNC_EXPR.
 *                op = BK_JS_PROP_FIELD (2.0, ES2022 public fields): value
 *                is NULL (no initializer) or a FUNC_EXPR with flags
 *                METHOD|FIELD_INIT|EXPR_BODY whose body is `return init`,
 *                to be called with `this` = the instance (or the class for
 *                static fields) when the field is defined.
 *   UNARY        u.unary op = NEG PLUS NOT BITNOT TYPEOF VOID DELETE
 *   UPDATE       u.unary op = INC/DEC; flag PREFIX
 *   BINARY       u.bin   op = arithmetic/comparison/bitwise/IN/INSTANCEOF
 *   LOGICAL      u.bin   op = AND/OR/NULLISH
 *   ASSIGN       u.bin   op = NONE for `=`, else the operator (ADD for +=,
 *                        AND for &&=, NULLISH for ??=...). left is IDENT,
 *                        MEMBER, INDEX, or (op NONE only) a pattern.
 *   CONDITIONAL  u.cond
 *   CALL         u.call  flag OPTIONAL for `f?.()`; callee SUPER: super()
 *   NEW          u.call
 *   MEMBER       u.member prop is an IDENT holding the name: a.b, a?.b
 *   INDEX        u.member prop is an expression: a[b], a?.[b]
 *   OPT_CHAIN    u.unary  wraps a whole chain containing `?.`; an OPTIONAL
 *                         link whose object is null/undefined makes the
 *                         whole OPT_CHAIN evaluate to undefined
 *   SEQUENCE     u.list
 *   SPREAD       u.unary  in ARRAY elements and CALL/NEW args
 *   YIELD        u.unary  arg may be NULL; flag DELEGATE for yield*
 *   AWAIT        u.unary
 *
 * Patterns (binding and assignment targets)
 *   OBJECT_PATTERN u.list of PROPERTY (PROP_INIT: key, value = target) and
 *                  a final REST
 *   ARRAY_PATTERN  u.list of targets, NULL = hole, final REST
 *   ASSIGN_PATTERN u.bin  left = target, right = default value
 *   REST           u.unary arg = target (in params: IDENT or pattern)
 *   In binding patterns (declarations, params, catch) targets are IDENT or
 *   patterns; in assignment patterns they may also be MEMBER/INDEX.
 */
#define BK_JS_NODE_LIST(X)                                                    \
    X(PROGRAM, "program")                                                     \
    X(VAR, "var")                                                             \
    X(DECLARATOR, "decl")                                                     \
    X(FUNC_DECL, "function")                                                  \
    X(CLASS_DECL, "class")                                                    \
    X(EXPR_STMT, "expr")                                                      \
    X(BLOCK, "block")                                                         \
    X(EMPTY, "empty")                                                         \
    X(IF, "if")                                                               \
    X(FOR, "for")                                                             \
    X(FOR_IN, "for-in")                                                       \
    X(FOR_OF, "for-of")                                                       \
    X(WHILE, "while")                                                         \
    X(DO_WHILE, "do-while")                                                   \
    X(CONTINUE, "continue")                                                   \
    X(BREAK, "break")                                                         \
    X(RETURN, "return")                                                       \
    X(THROW, "throw")                                                         \
    X(TRY, "try")                                                             \
    X(SWITCH, "switch")                                                       \
    X(CASE, "case")                                                           \
    X(LABEL, "label")                                                         \
    X(DEBUGGER, "debugger")                                                   \
    X(IMPORT, "import")                                                       \
    X(IMPORT_SPEC, "import-spec")                                             \
    X(IDENT, "id")                                                            \
    X(NUMBER, "num")                                                          \
    X(STRING, "str")                                                          \
    X(TEMPLATE, "template")                                                   \
    X(TAGGED_TEMPLATE, "tagged")                                              \
    X(REGEXP, "regexp")                                                       \
    X(NULL, "null")                                                           \
    X(TRUE, "true")                                                           \
    X(FALSE, "false")                                                         \
    X(THIS, "this")                                                           \
    X(SUPER, "super")                                                         \
    X(NEW_TARGET, "new.target")                                               \
    X(ARRAY, "array")                                                         \
    X(OBJECT, "object")                                                       \
    X(PROPERTY, "prop")                                                       \
    X(FUNC_EXPR, "function-expr")                                             \
    X(ARROW, "arrow")                                                         \
    X(CLASS_EXPR, "class-expr")                                               \
    X(CLASS_MEMBER, "class-member")                                           \
    X(UNARY, "unary")                                                         \
    X(UPDATE, "update")                                                       \
    X(BINARY, "binary")                                                       \
    X(LOGICAL, "logical")                                                     \
    X(ASSIGN, "assign")                                                       \
    X(CONDITIONAL, "cond")                                                    \
    X(CALL, "call")                                                           \
    X(NEW, "new")                                                             \
    X(MEMBER, "member")                                                       \
    X(INDEX, "index")                                                         \
    X(OPT_CHAIN, "chain")                                                     \
    X(SEQUENCE, "seq")                                                        \
    X(SPREAD, "spread")                                                       \
    X(YIELD, "yield")                                                         \
    X(AWAIT, "await")                                                         \
    X(OBJECT_PATTERN, "object-pattern")                                       \
    X(ARRAY_PATTERN, "array-pattern")                                         \
    X(ASSIGN_PATTERN, "default")                                              \
    X(REST, "rest")

typedef enum {
#define BK__JS_NODE_ENUM(name, str) BK_JS_N_##name,
    BK_JS_NODE_LIST(BK__JS_NODE_ENUM)
#undef BK__JS_NODE_ENUM
    BK_JS_N__COUNT
} bk_js_node_kind_t;

/* Operators: X(NAME, "source text"). NONE is plain `=` in ASSIGN. */
#define BK_JS_OP_LIST(X)                                                      \
    X(NONE, "=")                                                              \
    X(ADD, "+")                                                               \
    X(SUB, "-")                                                               \
    X(MUL, "*")                                                               \
    X(DIV, "/")                                                               \
    X(MOD, "%")                                                               \
    X(EXP, "**")                                                              \
    X(SHL, "<<")                                                              \
    X(SAR, ">>")                                                              \
    X(SHR, ">>>")                                                             \
    X(LT, "<")                                                                \
    X(GT, ">")                                                                \
    X(LE, "<=")                                                               \
    X(GE, ">=")                                                               \
    X(EQ, "==")                                                               \
    X(NE, "!=")                                                               \
    X(SEQ, "===")                                                             \
    X(SNE, "!==")                                                             \
    X(BITAND, "&")                                                            \
    X(BITOR, "|")                                                             \
    X(BITXOR, "^")                                                            \
    X(IN, "in")                                                               \
    X(INSTANCEOF, "instanceof")                                               \
    X(AND, "&&")                                                              \
    X(OR, "||")                                                               \
    X(NULLISH, "??")                                                          \
    X(NEG, "-")                                                               \
    X(PLUS, "+")                                                              \
    X(NOT, "!")                                                               \
    X(BITNOT, "~")                                                            \
    X(TYPEOF, "typeof")                                                       \
    X(VOID, "void")                                                           \
    X(DELETE, "delete")                                                       \
    X(INC, "++")                                                              \
    X(DEC, "--")

typedef enum {
#define BK__JS_OP_ENUM(name, str) BK_JS_OP_##name,
    BK_JS_OP_LIST(BK__JS_OP_ENUM)
#undef BK__JS_OP_ENUM
    BK_JS_OP__COUNT
} bk_js_op_t;

/* VAR node op; also bk_js_decl_t.kind. */
enum {
    BK_JS_DECL_VAR = 0,
    BK_JS_DECL_LET,
    BK_JS_DECL_CONST,
    BK_JS_DECL_CLASS,    /* decl lists only: class declaration (TDZ) */
    BK_JS_DECL_FUNC,     /* decl lists only: function declared in a block */
};

/* PROPERTY / CLASS_MEMBER op. */
enum {
    BK_JS_PROP_INIT = 0, /* key: value (also shorthand `{a}` and patterns) */
    BK_JS_PROP_METHOD,   /* key() {} */
    BK_JS_PROP_GET,      /* get key() {} */
    BK_JS_PROP_SET,      /* set key(v) {} */
    BK_JS_PROP_SPREAD,   /* ...value (object literal) */
    BK_JS_PROP_CTOR,     /* class constructor() {} */
    BK_JS_PROP_FIELD,    /* class field `x = e;` / `static x;` */
};

/* Node flags (bk_js_node_t.flags). */
enum {
    BK_JS_NF_PAREN = 1 << 0,     /* expression was in parentheses */
    BK_JS_NF_OPTIONAL = 1 << 1,  /* MEMBER/INDEX/CALL: this link is `?.` */
    BK_JS_NF_PREFIX = 1 << 2,    /* UPDATE: ++x rather than x++ */
    BK_JS_NF_DELEGATE = 1 << 3,  /* YIELD: yield* */
    BK_JS_NF_COMPUTED = 1 << 4,  /* PROPERTY/CLASS_MEMBER: [key] */
    BK_JS_NF_SHORTHAND = 1 << 5, /* PROPERTY: {a} / {a = 1} in a pattern */
    BK_JS_NF_STATIC = 1 << 6,    /* CLASS_MEMBER: static */
    BK_JS_NF_DIRECTIVE = 1 << 7, /* EXPR_STMT: a directive ("use strict") */
    BK_JS_NF_TRAILING = 1 << 8,  /* ARRAY/OBJECT: ends with a comma (parser
                                  * use) */
};

/* Function flags (bk_js_func_t.flags). */
enum {
    BK_JS_FN_ARROW = 1 << 0,
    BK_JS_FN_ASYNC = 1 << 1,
    BK_JS_FN_GENERATOR = 1 << 2,
    BK_JS_FN_METHOD = 1 << 3,        /* object/class method (has home obj) */
    BK_JS_FN_GETTER = 1 << 4,
    BK_JS_FN_SETTER = 1 << 5,
    BK_JS_FN_CTOR = 1 << 6,          /* class constructor (explicit) */
    BK_JS_FN_DERIVED = 1 << 7,       /* constructor of a class with extends */
    BK_JS_FN_USES_ARGUMENTS = 1 << 8, /* `arguments` here or in inner arrows */
    BK_JS_FN_USES_THIS = 1 << 9,     /* `this` (or super) here or in arrows */
    BK_JS_FN_SIMPLE_PARAMS = 1 << 10, /* only plain identifiers, no =/.../{} */
    BK_JS_FN_EXPR_BODY = 1 << 11,    /* arrow `x => e`: body is RETURN e */
    BK_JS_FN_PROGRAM = 1 << 12,      /* the PROGRAM's pseudo-function */
    BK_JS_FN_MODULE = 1 << 13,       /* program contains import */
    BK_JS_FN_USES_SUPER = 1 << 14,   /* super.x / super[x] here or in arrows */
    BK_JS_FN_SUPER_CALL = 1 << 15,   /* super(...) here or in arrows */
    BK_JS_FN_USES_NEW_TARGET = 1 << 16,
    BK_JS_FN_STATIC = 1 << 17,       /* static class method */
    BK_JS_FN_HAS_AWAIT = 1 << 18,    /* contains await (own body) */
    BK_JS_FN_HAS_YIELD = 1 << 19,    /* contains yield (own body) */
    BK_JS_FN_FIELD_INIT = 1 << 20,   /* a class field's initializer */
};

typedef struct bk_js_node bk_js_node_t;
typedef struct bk_js_func bk_js_func_t;
typedef struct bk_js_class bk_js_class_t;

/* An array of nodes in the parse arena. */
typedef struct {
    bk_js_node_t **v;
    uint32_t n;
} bk_js_list_t;

/* A JS string value as UTF-16 code units (lone surrogates kept). latin1:
 * every unit < 256, so the VM may store it as bytes. */
typedef struct {
    const uint16_t *units;
    uint32_t len;
    uint8_t latin1;
} bk_js_u16_t;

/* One literal piece of a template. cooked_ok is 0 only in tagged templates
 * with an invalid escape (cooked is then `undefined`). Raw has CRLF and CR
 * normalised to LF, as the spec says. */
typedef struct {
    bk_js_u16_t cooked;
    bk_js_u16_t raw;
    uint8_t cooked_ok;
} bk_js_quasi_t;

/* A lexically scoped declaration (let/const/class, or a function declared
 * in a block): its name, kind (BK_JS_DECL_*) and the IDENT node that binds
 * it (or the FUNC_DECL/CLASS_DECL node). A BK_JS_DECL_FUNC is initialised
 * when its block is entered (its FUNC_DECL statement then does nothing);
 * let/const/class are in their TDZ until their statement runs. Import
 * bindings are not listed: see the IMPORT nodes (top level only). */
typedef struct {
    bk_str_t name;
    uint8_t kind;
    bk_js_node_t *node;
} bk_js_decl_t;

/* A function, the program, an arrow, a method, a getter or a setter. */
struct bk_js_func {
    bk_js_node_t *name;       /* IDENT or NULL (anonymous, arrows, program) */
    bk_js_list_t params;      /* IDENT, patterns, ASSIGN_PATTERN, last REST */
    bk_js_list_t body;        /* statements (arrow `x => e`: one RETURN e) */
    uint32_t flags;           /* BK_JS_FN_* */
    uint32_t length;          /* .length: params before first default/rest */
    /* Hoisting lists, this function's own body only (not nested ones). */
    bk_str_t *var_names;      /* `var` names (incl. nested blocks and loop
                               * heads, not nested functions), deduplicated,
                               * source order; excludes parameter names and
                               * names first declared by a function
                               * declaration (a later `var f` after
                               * `function f` adds nothing, an earlier one
                               * is listed: take the union with func_decls) */
    uint32_t n_var_names;
    bk_js_list_t func_decls;  /* FUNC_DECL at body top level (var scoped,
                               * initialised on entry; last one wins) */
    bk_js_decl_t *decls;      /* let/const/class at body top level */
    uint32_t n_decls;
    /* Source text of the whole function (from `function`/`async`/`get`/
     * the method name/the arrow params to the closing brace or end of the
     * expression body), for Function.prototype.toString. */
    uint32_t src_start, src_end;
};

/* A class declaration or expression. */
struct bk_js_class {
    bk_js_node_t *name;       /* IDENT or NULL */
    bk_js_node_t *super;      /* heritage expression or NULL */
    bk_js_node_t *ctor;       /* CLASS_MEMBER with PROP_CTOR, or NULL */
    bk_js_list_t members;     /* CLASS_MEMBER, ctor excluded, source order
                               * (methods and fields interleaved) */
    uint32_t src_start, src_end;
};

struct bk_js_node {
    uint8_t kind;             /* bk_js_node_kind_t */
    uint8_t op;               /* bk_js_op_t, BK_JS_DECL_*, BK_JS_PROP_* */
    uint16_t flags;           /* BK_JS_NF_* */
    uint32_t start, end;      /* byte offsets in the source [start, end) */
    uint32_t line, col;       /* of start; both 1-based, col in code points */
    union {
        struct {
            bk_str_t name;    /* UTF-8, escapes decoded */
        } ident;
        double num;
        bk_js_u16_t str;
        struct {
            bk_str_t pattern; /* source text between the slashes */
            bk_str_t flags;   /* validated: subset of dgimsuy, no repeats */
        } regexp;
        struct {
            bk_js_quasi_t *quasis; /* exprs.n + 1 of them */
            bk_js_list_t exprs;
        } tmpl;
        struct {
            bk_js_node_t *tag;
            bk_js_node_t *quasi; /* TEMPLATE */
        } tagged;
        bk_js_list_t list;
        struct {
            bk_js_node_t *key;
            bk_js_node_t *value;
        } prop;
        bk_js_func_t *func;
        bk_js_class_t *cls;
        struct {
            bk_js_node_t *arg;
        } unary;
        struct {
            bk_js_node_t *left;
            bk_js_node_t *right;
        } bin;
        struct {
            bk_js_node_t *test;
            bk_js_node_t *then;
            bk_js_node_t *else_;
        } cond;
        struct {
            bk_js_node_t *callee;
            bk_js_list_t args;
        } call;
        struct {
            bk_js_node_t *obj;
            bk_js_node_t *prop;
        } member;
        struct {
            bk_js_list_t decls; /* DECLARATOR */
        } var;
        struct {
            bk_js_list_t body;
            bk_js_decl_t *decls; /* lexical declarations of this block */
            uint32_t n_decls;
        } block;
        struct {
            bk_js_node_t *init;
            bk_js_node_t *test;
            bk_js_node_t *update;
            bk_js_node_t *body;
            bk_js_decl_t *decls; /* let/const of the head (per iteration) */
            uint32_t n_decls;
        } for_;
        struct {
            bk_js_node_t *left;
            bk_js_node_t *right;
            bk_js_node_t *body;
            bk_js_decl_t *decls; /* let/const of the head (per iteration) */
            uint32_t n_decls;
        } forin;
        struct {
            bk_js_node_t *test;
            bk_js_node_t *body;
        } loop;
        struct {
            bk_str_t label;
        } jump;
        struct {
            bk_js_node_t *block;   /* BLOCK */
            bk_js_node_t *param;   /* catch binding (IDENT/pattern) or NULL */
            bk_js_node_t *handler; /* BLOCK or NULL */
            bk_js_node_t *finalizer; /* BLOCK or NULL */
        } try_;
        struct {
            bk_js_node_t *disc;
            bk_js_list_t cases;  /* CASE */
            bk_js_decl_t *decls; /* lexical declarations of all cases */
            uint32_t n_decls;
        } switch_;
        struct {
            bk_js_node_t *test;  /* NULL: default */
            bk_js_list_t body;
        } case_;
        struct {
            bk_str_t label;
            bk_js_node_t *body;
        } label;
        struct {
            bk_js_node_t *source; /* STRING: the module name */
            bk_js_list_t specs;   /* IMPORT_SPEC */
        } import;
        struct {
            bk_str_t imported;    /* "default", "*" (namespace) or a name */
            bk_js_node_t *local;  /* IDENT bound at top level (const-like) */
        } spec;
    } u;
};

/* The name of a node kind ("call"), "?" when out of range. */
const char *bk_js_node_name(unsigned kind);

/* The source text of an operator ("+="-less: "+"), "?" when out of range. */
const char *bk_js_op_name(unsigned op);

/* Appends a compact S-expression dump of 'n' (and its subtree) to 'b', e.g.
 * `(program (expr (call (id f) (num 1))))`. Used by tests; the exact format
 * is documented in ast.c. BK_ERR only when 'b' cannot grow. */
BK_MUST_CHECK int bk_js_ast_dump(bk_buf_t *b, const bk_js_node_t *n);

/* Calls fn(ctx, child) for each non-NULL direct child of n: sub-nodes,
 * list elements, a function's name, params and body, a class's name,
 * heritage, constructor and members (keys included; hoisting lists and
 * decls are not children). Not recursive: callers choose their walk. */
void bk_js_ast_children(const bk_js_node_t *n,
                        void (*fn)(void *ctx, const bk_js_node_t *child),
                        void *ctx);

/* Calls fn(ctx, ident) for each IDENT bound by a binding target (IDENT or
 * pattern, as in params, declarators, catch), in source order. */
void bk_js_ast_bound_names(const bk_js_node_t *target,
                           void (*fn)(void *ctx, const bk_js_node_t *ident),
                           void *ctx);

#endif
