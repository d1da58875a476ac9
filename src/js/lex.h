/*
 * lex.h: the JavaScript tokenizer. The parser drives it one token at a time
 * and tells it when a `/` starts a regular expression or a `}` resumes a
 * template (bk_js_lex_regexp, bk_js_lex_template), because only the grammar
 * knows.
 *
 * Invariant: the lexer allocates only from its arena (decoded strings and
 * escaped identifiers); tokens otherwise point into the source. Always
 * strict: legacy octal literals and escapes are errors here.
 */
#ifndef BK_JS_LEX_H
#define BK_JS_LEX_H

#include "js/parse.h"

/* Tokens: X(NAME, "text for messages"). Keywords keep their spelling so
 * "Unexpected token 'if'" can be printed from the list. */
#define BK_JS_TOK_LIST(X)                                                     \
    X(ERROR, "")                                                              \
    X(EOF, "end of input")                                                    \
    X(NAME, "identifier")                                                     \
    X(NUMBER, "number")                                                       \
    X(STRING, "string")                                                       \
    X(TEMPLATE, "template")     /* `...` with no substitution */              \
    X(TEMPLATE_HEAD, "template")   /* `...${ */                               \
    X(TEMPLATE_MIDDLE, "template") /* }...${ */                               \
    X(TEMPLATE_TAIL, "template")   /* }...` */                                \
    X(REGEXP, "regexp")                                                       \
    X(LBRACE, "{")                                                            \
    X(RBRACE, "}")                                                            \
    X(LPAREN, "(")                                                            \
    X(RPAREN, ")")                                                            \
    X(LBRACKET, "[")                                                          \
    X(RBRACKET, "]")                                                          \
    X(SEMI, ";")                                                              \
    X(COMMA, ",")                                                             \
    X(DOT, ".")                                                               \
    X(ELLIPSIS, "...")                                                        \
    X(QUESTION, "?")                                                          \
    X(QDOT, "?.")                                                             \
    X(COLON, ":")                                                             \
    X(ARROW, "=>")                                                            \
    X(LT, "<")                                                                \
    X(GT, ">")                                                                \
    X(LE, "<=")                                                               \
    X(GE, ">=")                                                               \
    X(EQ, "==")                                                               \
    X(NE, "!=")                                                               \
    X(SEQ, "===")                                                             \
    X(SNE, "!==")                                                             \
    X(PLUS, "+")                                                              \
    X(MINUS, "-")                                                             \
    X(STAR, "*")                                                              \
    X(SLASH, "/")                                                             \
    X(PERCENT, "%")                                                           \
    X(STARSTAR, "**")                                                         \
    X(INC, "++")                                                              \
    X(DEC, "--")                                                              \
    X(SHL, "<<")                                                              \
    X(SAR, ">>")                                                              \
    X(SHR, ">>>")                                                             \
    X(AMP, "&")                                                               \
    X(PIPE, "|")                                                              \
    X(CARET, "^")                                                             \
    X(BANG, "!")                                                              \
    X(TILDE, "~")                                                             \
    X(AND, "&&")                                                              \
    X(OR, "||")                                                               \
    X(NULLISH, "??")                                                          \
    X(ASSIGN, "=")                                                            \
    X(PLUS_ASSIGN, "+=")                                                      \
    X(MINUS_ASSIGN, "-=")                                                     \
    X(STAR_ASSIGN, "*=")                                                      \
    X(SLASH_ASSIGN, "/=")                                                     \
    X(PERCENT_ASSIGN, "%=")                                                   \
    X(STARSTAR_ASSIGN, "**=")                                                 \
    X(SHL_ASSIGN, "<<=")                                                      \
    X(SAR_ASSIGN, ">>=")                                                      \
    X(SHR_ASSIGN, ">>>=")                                                     \
    X(AMP_ASSIGN, "&=")                                                       \
    X(PIPE_ASSIGN, "|=")                                                      \
    X(CARET_ASSIGN, "^=")                                                     \
    X(AND_ASSIGN, "&&=")                                                      \
    X(OR_ASSIGN, "||=")                                                       \
    X(NULLISH_ASSIGN, "?\?=")                                                 \
    /* keywords */                                                            \
    X(BREAK, "break")                                                         \
    X(CASE, "case")                                                           \
    X(CATCH, "catch")                                                         \
    X(CLASS, "class")                                                         \
    X(CONST, "const")                                                         \
    X(CONTINUE, "continue")                                                   \
    X(DEBUGGER, "debugger")                                                   \
    X(DEFAULT, "default")                                                     \
    X(DELETE, "delete")                                                       \
    X(DO, "do")                                                               \
    X(ELSE, "else")                                                           \
    X(ENUM, "enum")                                                           \
    X(EXPORT, "export")                                                       \
    X(EXTENDS, "extends")                                                     \
    X(FALSE, "false")                                                         \
    X(FINALLY, "finally")                                                     \
    X(FOR, "for")                                                             \
    X(FUNCTION, "function")                                                   \
    X(IF, "if")                                                               \
    X(IMPORT, "import")                                                       \
    X(IN, "in")                                                               \
    X(INSTANCEOF, "instanceof")                                               \
    X(NEW, "new")                                                             \
    X(NULL, "null")                                                           \
    X(RETURN, "return")                                                       \
    X(SUPER, "super")                                                         \
    X(SWITCH, "switch")                                                       \
    X(THIS, "this")                                                           \
    X(THROW, "throw")                                                         \
    X(TRUE, "true")                                                           \
    X(TRY, "try")                                                             \
    X(TYPEOF, "typeof")                                                       \
    X(VAR, "var")                                                             \
    X(VOID, "void")                                                           \
    X(WHILE, "while")                                                         \
    X(WITH, "with")                                                           \
    /* strict mode reserved words */                                          \
    X(IMPLEMENTS, "implements")                                               \
    X(INTERFACE, "interface")                                                 \
    X(LET, "let")                                                             \
    X(PACKAGE, "package")                                                     \
    X(PRIVATE, "private")                                                     \
    X(PROTECTED, "protected")                                                 \
    X(PUBLIC, "public")                                                       \
    X(STATIC, "static")                                                       \
    X(YIELD, "yield")

typedef enum {
#define BK__JS_TOK_ENUM(name, str) BK_JS_T_##name,
    BK_JS_TOK_LIST(BK__JS_TOK_ENUM)
#undef BK__JS_TOK_ENUM
    BK_JS_T__COUNT
} bk_js_tok_type_t;

#define BK_JS_T_FIRST_KEYWORD BK_JS_T_BREAK
#define BK_JS_T_FIRST_STRICT BK_JS_T_IMPLEMENTS

/* Where the lexer stands; saved in each token so it can rescan from it. */
typedef struct {
    uint32_t pos;
    uint32_t line;
    uint32_t line_start;
    uint32_t cont;            /* UTF-8 continuation bytes on this line */
} bk_js_lexpos_t;

typedef struct {
    uint8_t type;             /* bk_js_tok_type_t */
    uint8_t nl_before;        /* a line terminator precedes the token */
    uint8_t escaped;          /* NAME written with \u escapes; 2: the
                               * name is a reserved word (so an error
                               * except as a property name) */
    uint8_t cooked_ok;        /* templates: no invalid escape */
    uint32_t start, end;      /* byte offsets */
    uint32_t line, col;       /* of start, 1-based */
    bk_js_lexpos_t at;        /* lexer state at start (for rescans) */
    double num;               /* NUMBER */
    bk_str_t name;            /* NAME/keywords: decoded; REGEXP: pattern */
    bk_str_t flags;           /* REGEXP */
    bk_js_u16_t str;          /* STRING; templates: cooked */
    bk_js_u16_t raw;          /* templates */
    const char *bad_escape;   /* templates: message for the invalid escape */
    uint32_t bad_off;         /* its byte offset */
} bk_js_tok_t;

typedef struct {
    const uint8_t *src;
    uint32_t len;
    bk_js_lexpos_t at;        /* next byte to scan */
    bk_arena_t *arena;
    bk_js_lang_t lang;
    bk_js_syntax_error_t *err; /* filled when a token comes back ERROR */
} bk_js_lex_t;

/* Prepares 'lx' for src[0..len). Sources over 4 GiB are refused by the
 * parser before this. */
void bk_js_lex_init(bk_js_lex_t *lx, bk_arena_t *a, const uint8_t *src,
                    uint32_t len, bk_js_lang_t lang,
                    bk_js_syntax_error_t *err);

/* Scans the next token into *t, `/` being division. BK_JS_T_ERROR: lx->err
 * says why (a SyntaxError, or oom). */
void bk_js_lex_next(bk_js_lex_t *lx, bk_js_tok_t *t);

/* Rescans *t, a SLASH or SLASH_ASSIGN token, as a regular expression. */
void bk_js_lex_regexp(bk_js_lex_t *lx, bk_js_tok_t *t);

/* Rescans *t, an RBRACE token, as the continuation of a template
 * (TEMPLATE_MIDDLE or TEMPLATE_TAIL). */
void bk_js_lex_template(bk_js_lex_t *lx, bk_js_tok_t *t);

/* The display text of a token type ("}", "if", "identifier"). */
const char *bk_js_tok_name(unsigned type);

/* Whether the code point may start / continue an identifier (Unicode
 * ID_Start / ID_Continue plus $ _ and ZWNJ/ZWJ, as ES2015+ says). */
int bk_js__id_start(uint32_t c);
int bk_js__id_part(uint32_t c);

#endif
