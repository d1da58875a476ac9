/*
 * parse.h: JavaScript source to AST (ast.h), always in strict mode, for one
 * of the CloudFront language levels.
 *
 * Invariant: the parser never recurses without bound (nesting deeper than
 * BK_JS_PARSE_MAX_DEPTH is a SyntaxError) and allocates only from the arena
 * it is given, so a byte cap on that arena bounds its memory.
 */
#ifndef BK_JS_PARSE_H
#define BK_JS_PARSE_H

#include "js/ast.h"

/* How deep expressions and statements may nest before a SyntaxError. */
#define BK_JS_PARSE_MAX_DEPTH 400

/* Why a parse failed: a SyntaxError (message worded like node's) or the
 * arena running out (oom set, message "out of memory"). Positions are of the
 * offending token: 1-based line and column (code points), byte offset. */
typedef struct {
    char msg[160];
    uint32_t line, col;
    uint32_t offset;
    uint8_t oom;
} bk_js_syntax_error_t;

/* Parses src[0..len) (UTF-8) as a script (a module when it holds import
 * declarations, 2.0 only) and sets *out to its PROGRAM node, allocated in
 * 'a'. The tree points into 'src', which must outlive it. BK_ERR: *err
 * says why; whatever was allocated in 'a' stays there until it is reset. */
BK_MUST_CHECK int bk_js_parse(bk_arena_t *a, const uint8_t *src, size_t len,
                              bk_js_lang_t lang, bk_js_node_t **out,
                              bk_js_syntax_error_t *err);

/* Options for bk_js_parse_ex(). */
enum {
    /* Accept ES2022 public class fields in 2.0 (CLASS_MEMBER with op
     * BK_JS_PROP_FIELD); without it they are "Class fields are not
     * supported". Opt-in until the compiler handles PROP_FIELD. */
    BK_JS_PARSE_CLASS_FIELDS = 1 << 0,
};

/* bk_js_parse() with BK_JS_PARSE_* option bits. */
BK_MUST_CHECK int bk_js_parse_ex(bk_arena_t *a, const uint8_t *src,
                                 size_t len, bk_js_lang_t lang,
                                 unsigned options, bk_js_node_t **out,
                                 bk_js_syntax_error_t *err);

#endif
