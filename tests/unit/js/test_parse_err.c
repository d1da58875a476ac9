/*
 * test_parse_err.c: the JavaScript parser's SyntaxErrors and limits. Tables
 * of {runtime, source, message, line, column} (messages worded like node's
 * where practical), the cloudfront-js-1.0 gates (each rejected in 1.0 with
 * the exact message and parsed in 2.0), hostile input (deep nesting, huge
 * literals under an arena cap), a sweep failing every allocation, and the
 * stack the deepest accepted nesting needs.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "js/parse.h"

typedef struct {
    int lang;
    const char *src;
    const char *msg;
    uint32_t line, col;
} err_case_t;

typedef struct {
    const char *src;
    const char *msg; /* NULL: parses in 1.0 too */
    uint32_t line, col;
} gate_case_t;

/* Parses src[0..n) with an arena capped at 'cap' bytes (0: none). */
static int parse_n(int lang, const char *src, size_t n, size_t cap,
                   bk_js_syntax_error_t *e)
{
    bk_arena_t a;
    bk_js_node_t *prog;
    int rc;
    bk_arena_init(&a, 0, cap);
    rc = bk_js_parse_ex(&a, (const uint8_t *)src, n, (bk_js_lang_t)lang,
                        BK_JS_PARSE_CLASS_FIELDS, &prog, e);
    if (rc == BK_OK) {
        assert_non_null(prog);
        assert_int_equal(prog->kind, BK_JS_N_PROGRAM);
    }
    bk_arena_destroy(&a);
    return rc;
}

static int parse_s(int lang, const char *src, bk_js_syntax_error_t *e)
{
    return parse_n(lang, src, strlen(src), 0, e);
}

static int expect_err(int lang, const char *src, const char *msg,
                      uint32_t line, uint32_t col)
{
    bk_js_syntax_error_t e;
    if (parse_s(lang, src, &e) == BK_OK) {
        print_error("cloudfront-js-%d.0 accepted: %s\n", lang, src);
        return 0;
    }
    if (strcmp(e.msg, msg) != 0 || e.line != line || e.col != col ||
        e.oom) {
        print_error("cloudfront-js-%d.0: %s\n  want: %u:%u %s\n"
                    "  got:  %u:%u %s\n", lang, src, line, col, msg, e.line,
                    e.col, e.msg);
        return 0;
    }
    return 1;
}

static const err_case_t err_cases[] = {
    {2, "x = @",
     "Invalid or unexpected token", 1, 5},
    {2, "x = \"abc",
     "Invalid or unexpected token", 1, 5},
    {2, "x = 'abc\n'",
     "Invalid or unexpected token", 1, 5},
    {2, "x = `abc",
     "Unterminated template literal", 1, 5},
    {2, "x = `${a`",
     "Unterminated template literal", 1, 9},
    {2, "/* never closed",
     "Invalid or unexpected token", 1, 1},
    {2, "x = 1 +",
     "Unexpected end of input", 1, 8},
    {2, "x = (1",
     "Unexpected end of input", 1, 7},
    {2, "f(a b)",
     "missing ) after argument list", 1, 3},
    {2, "f(a",
     "missing ) after argument list", 1, 3},
    {2, "x = [1, 2",
     "Unexpected end of input", 1, 10},
    {2, "x = {a: 1",
     "Unexpected end of input", 1, 10},
    {2, "x = {a 1}",
     "Unexpected number", 1, 8},
    {2, "var 1x",
     "Invalid or unexpected token", 1, 6},
    {2, "x = 3in [1]",
     "Invalid or unexpected token", 1, 6},
    {2, "x = 0x",
     "Invalid or unexpected token", 1, 5},
    {2, "x = 0b2",
     "Invalid or unexpected token", 1, 5},
    {2, "x = 1e",
     "Invalid or unexpected token", 1, 5},
    {2, "x = 1.e+",
     "Invalid or unexpected token", 1, 5},
    {2, "x = 10n",
     "BigInt literals are not supported", 1, 5},
    {2, "x = 1__0",
     "Only one underscore is allowed as numeric separator", 1, 7},
    {2, "x = 1_",
     "Numeric separators are not allowed at the end of numeric literals", 1, 6},
    {2, "x = 0_1",
     "Numeric separator can not be used after leading 0.", 1, 6},
    {2, "x = 1._5",
     "Numeric separators are not allowed here", 1, 7},
    {2, "x = 1_.5",
     "Numeric separators are not allowed at the end of numeric literals", 1, 6},
    {2, "x = 1_e5",
     "Numeric separators are not allowed at the end of numeric literals", 1, 6},
    {2, "x = \"\\x4g\"",
     "Invalid hexadecimal escape sequence", 1, 6},
    {2, "x = \"\\u12\"",
     "Invalid Unicode escape sequence", 1, 6},
    {2, "x = \"\\u{110000}\"",
     "Undefined Unicode code-point", 1, 6},
    {2, "x = \"\\u{}\"",
     "Invalid Unicode escape sequence", 1, 6},
    {2, "var \\u0030x",
     "Invalid Unicode escape sequence", 1, 5},
    {2, "var a\\u0020b",
     "Invalid Unicode escape sequence", 1, 6},
    {2, "x = /a",
     "Invalid regular expression: missing /", 1, 5},
    {2, "x = /a/gg",
     "Invalid regular expression flags", 1, 5},
    {2, "x = /a/x",
     "Invalid regular expression flags", 1, 5},
    {2, "x = /a\n/",
     "Invalid regular expression: missing /", 1, 5},
    {2, "x = `\\u{110000}`",
     "Undefined Unicode code-point", 1, 6},
    {2, "x = `\\xZ`",
     "Invalid hexadecimal escape sequence", 1, 6},
    {2, "}",
     "Unexpected token '}'", 1, 1},
    {2, ")",
     "Unexpected token ')'", 1, 1},
    {2, "x = a b",
     "Unexpected identifier 'b'", 1, 7},
    {2, "x = a 1",
     "Unexpected number", 1, 7},
    {2, "x = a 'b'",
     "Unexpected string", 1, 7},
    {2, "x = 1 2",
     "Unexpected number", 1, 7},
    {2, "if",
     "Unexpected end of input", 1, 3},
    {2, "var",
     "Unexpected end of input", 1, 4},
    {2, "var x = ",
     "Unexpected end of input", 1, 9},
    {2, "x = {,}",
     "Unexpected token ','", 1, 6},
    {2, "x = [,,",
     "Unexpected end of input", 1, 8},
    {2, "with (a) {}",
     "Strict mode code may not include a with statement", 1, 1},
    {2, "x = 010",
     "Octal literals are not allowed in strict mode.", 1, 5},
    {2, "x = 08",
     "Decimals with leading zeros are not allowed in strict mode.", 1, 5},
    {2, "x = 0777",
     "Octal literals are not allowed in strict mode.", 1, 5},
    {2, "x = \"\\01\"",
     "Octal escape sequences are not allowed in strict mode.", 1, 6},
    {2, "x = \"\\1\"",
     "Octal escape sequences are not allowed in strict mode.", 1, 6},
    {2, "x = \"\\08\"",
     "Octal escape sequences are not allowed in strict mode.", 1, 6},
    {2, "x = \"\\8\"",
     "\\8 and \\9 are not allowed in strict mode.", 1, 6},
    {2, "x = \"\\9\"",
     "\\8 and \\9 are not allowed in strict mode.", 1, 6},
    {2, "x = `\\01`",
     "Octal escape sequences are not allowed in template strings.", 1, 6},
    {2, "x = `\\8`",
     "\\8 and \\9 are not allowed in template strings.", 1, 6},
    {2, "function f(a, a) {}",
     "Duplicate parameter name not allowed in this context", 1, 15},
    {2, "x = function (a, b, a) {}",
     "Duplicate parameter name not allowed in this context", 1, 21},
    {2, "x = (a, a) => 1",
     "Duplicate parameter name not allowed in this context", 1, 9},
    {2, "function f(a, [a]) {}",
     "Duplicate parameter name not allowed in this context", 1, 16},
    {2, "var eval = 1",
     "Unexpected eval or arguments in strict mode", 1, 5},
    {2, "var arguments",
     "Unexpected eval or arguments in strict mode", 1, 5},
    {2, "let eval",
     "Unexpected eval or arguments in strict mode", 1, 5},
    {2, "function eval() {}",
     "Unexpected eval or arguments in strict mode", 1, 10},
    {2, "function f(eval) {}",
     "Unexpected eval or arguments in strict mode", 1, 12},
    {2, "function f(arguments) {}",
     "Unexpected eval or arguments in strict mode", 1, 12},
    {2, "x = function eval() {}",
     "Unexpected eval or arguments in strict mode", 1, 14},
    {2, "eval = 1",
     "Unexpected eval or arguments in strict mode", 1, 1},
    {2, "arguments = 1",
     "Unexpected eval or arguments in strict mode", 1, 1},
    {2, "eval++",
     "Unexpected eval or arguments in strict mode", 1, 1},
    {2, "--arguments",
     "Unexpected eval or arguments in strict mode", 1, 3},
    {2, "eval += 1",
     "Unexpected eval or arguments in strict mode", 1, 1},
    {2, "[eval] = x",
     "Unexpected eval or arguments in strict mode", 1, 2},
    {2, "({a: arguments} = x)",
     "Unexpected eval or arguments in strict mode", 1, 6},
    {2, "try {} catch (eval) {}",
     "Unexpected eval or arguments in strict mode", 1, 15},
    {2, "x = eval => 1",
     "Unexpected eval or arguments in strict mode", 1, 5},
    {2, "delete x",
     "Delete of an unqualified identifier in strict mode.", 1, 8},
    {2, "delete (x)",
     "Delete of an unqualified identifier in strict mode.", 1, 9},
    {2, "delete ((x))",
     "Delete of an unqualified identifier in strict mode.", 1, 10},
    {2, "var implements",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "var interface = 1",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "var let = 1",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "var package",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "var private",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "var protected",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "var public",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "var static",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "var yield",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "yield = 1",
     "Unexpected strict mode reserved word", 1, 1},
    {2, "x = static",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "function let() {}",
     "Unexpected strict mode reserved word", 1, 10},
    {2, "x = { let }",
     "Unexpected strict mode reserved word", 1, 7},
    {2, "var enum",
     "Unexpected reserved word", 1, 5},
    {2, "a + 1 = 2",
     "Invalid left-hand side in assignment", 1, 1},
    {2, "1 = 2",
     "Invalid left-hand side in assignment", 1, 1},
    {2, "f() = 1",
     "Invalid left-hand side in assignment", 1, 1},
    {2, "a++ = 1",
     "Invalid left-hand side in assignment", 1, 1},
    {2, "++a++",
     "Invalid left-hand side expression in prefix operation", 1, 3},
    {2, "(a + b)++",
     "Invalid left-hand side expression in postfix operation", 1, 2},
    {2, "++f()",
     "Invalid left-hand side expression in prefix operation", 1, 3},
    {2, "x = ++1",
     "Invalid left-hand side expression in prefix operation", 1, 7},
    {2, "this = 1",
     "Invalid left-hand side in assignment", 1, 1},
    {2, "(a, b) = 1",
     "Invalid left-hand side in assignment", 1, 2},
    {2, "a?.b = 1",
     "Invalid left-hand side in assignment", 1, 1},
    {2, "a?.b++",
     "Invalid left-hand side expression in postfix operation", 1, 1},
    {2, "[a + 1] = x",
     "Invalid destructuring assignment target", 1, 2},
    {2, "({a: 1} = x)",
     "Invalid destructuring assignment target", 1, 6},
    {2, "({a() {}} = x)",
     "Invalid destructuring assignment target", 1, 3},
    {2, "({get a() {}} = x)",
     "Invalid destructuring assignment target", 1, 3},
    {2, "[...a, b] = x",
     "Rest element must be last element", 1, 2},
    {2, "[...a,] = x",
     "Rest element must be last element", 1, 2},
    {2, "({...a, b} = x)",
     "Rest element must be last element", 1, 3},
    {2, "({...{a}} = x)",
     "Invalid destructuring assignment target", 1, 6},
    {2, "0, {...rest,} = {}",
     "Rest element must be last element", 1, 5},
    {2, "for ({...rest,} of x) ;",
     "Rest element must be last element", 1, 7},
    {2, "for (a + 1 in b);",
     "Invalid left-hand side in for-in loop", 1, 6},
    {2, "for (a + 1 of b);",
     "Invalid left-hand side in for-of loop", 1, 6},
    {2, "for (var a, b in c);",
     "Invalid left-hand side in for-in loop: Must have a single binding.", 1, 10},
    {2, "for (let a, b of c);",
     "Invalid left-hand side in for-of loop: Must have a single binding.", 1, 10},
    {2, "for (var a = 1 in b);",
     "for-in loop variable declaration may not have an initializer.", 1, 10},
    {2, "for (let a = 1 of b);",
     "for-of loop variable declaration may not have an initializer.", 1, 10},
    {2, "for (const a of b, c);",
     "Unexpected token ','", 1, 18},
    {2, "({a = 1})",
     "Invalid shorthand property initializer", 1, 3},
    {2, "({a = 1}).b",
     "Invalid shorthand property initializer", 1, 3},
    {2, "[{a = 1}]",
     "Invalid shorthand property initializer", 1, 3},
    {2, "f({a = 1})",
     "Invalid shorthand property initializer", 1, 4},
    {2, "({a = 1}) + 1",
     "Invalid shorthand property initializer", 1, 3},
    {2, "x = {a = 1}",
     "Invalid shorthand property initializer", 1, 6},
    {2, "({a = 1} = b) + ({c = 2})",
     "Invalid shorthand property initializer", 1, 19},
    {2, "x = {__proto__: 1, __proto__: 2}",
     "Duplicate __proto__ fields are not allowed in object literals", 1, 20},
    {2, "x = {__proto__: 1, \"__proto__\": 2}",
     "Duplicate __proto__ fields are not allowed in object literals", 1, 20},
    {2, "let a; let a",
     "Identifier 'a' has already been declared", 1, 12},
    {2, "let a; var a",
     "Identifier 'a' has already been declared", 1, 12},
    {2, "var a; let a",
     "Identifier 'a' has already been declared", 1, 12},
    {2, "const a = 1; let a",
     "Identifier 'a' has already been declared", 1, 18},
    {2, "let a; function a() {}",
     "Identifier 'a' has already been declared", 1, 17},
    {2, "function a() {} let a",
     "Identifier 'a' has already been declared", 1, 21},
    {2, "class A {} var A",
     "Identifier 'A' has already been declared", 1, 16},
    {2, "{ var a } let a",
     "Identifier 'a' has already been declared", 1, 15},
    {2, "let a; { var a }",
     "Identifier 'a' has already been declared", 1, 14},
    {2, "{ let a; { var a } }",
     "Identifier 'a' has already been declared", 1, 16},
    {2, "{ function f() {} function f() {} }",
     "Identifier 'f' has already been declared", 1, 28},
    {2, "{ function f() {} var f }",
     "Identifier 'f' has already been declared", 1, 23},
    {2, "switch (x) { case 1: let a; case 2: let a }",
     "Identifier 'a' has already been declared", 1, 41},
    {2, "function f(a) { let a }",
     "Identifier 'a' has already been declared", 1, 21},
    {2, "x = (a) => { let a }",
     "Identifier 'a' has already been declared", 1, 18},
    {2, "try {} catch (e) { let e }",
     "Identifier 'e' has already been declared", 1, 24},
    {2, "try {} catch ([e]) { var e }",
     "Identifier 'e' has already been declared", 1, 26},
    {2, "for (let i;;) { var i }",
     "Identifier 'i' has already been declared", 1, 21},
    {2, "const a",
     "Missing initializer in const declaration", 1, 7},
    {2, "const a, b = 1",
     "Missing initializer in const declaration", 1, 7},
    {2, "var [a]",
     "Missing initializer in destructuring declaration", 1, 5},
    {2, "let {a}",
     "Missing initializer in destructuring declaration", 1, 5},
    {2, "for (const a;;) {}",
     "Missing initializer in const declaration", 1, 12},
    {2, "let let = 1",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "const let = 1",
     "Unexpected strict mode reserved word", 1, 7},
    {2, "let [let] = 1",
     "Unexpected strict mode reserved word", 1, 6},
    {2, "import {a} from 'm'; let a",
     "Identifier 'a' has already been declared", 1, 26},
    {2, "import a from 'm'; import a from 'n'",
     "Identifier 'a' has already been declared", 1, 27},
    {2, "return",
     "Illegal return statement", 1, 1},
    {2, "return 1",
     "Illegal return statement", 1, 1},
    {2, "break",
     "Illegal break statement", 1, 1},
    {2, "continue",
     "Illegal continue statement: no surrounding iteration statement", 1, 1},
    {2, "if (a) break",
     "Illegal break statement", 1, 8},
    {2, "while (a) { function f() { break } }",
     "Illegal break statement", 1, 28},
    {2, "switch (a) { case 1: continue }",
     "Illegal continue statement: no surrounding iteration statement", 1, 22},
    {2, "a: { continue a }",
     "Illegal continue statement: 'a' does not denote an iteration statement", 1, 15},
    {2, "a: b: { continue a }",
     "Illegal continue statement: 'a' does not denote an iteration statement", 1, 18},
    {2, "break a",
     "Undefined label 'a'", 1, 7},
    {2, "continue a",
     "Undefined label 'a'", 1, 10},
    {2, "while (1) { continue a }",
     "Undefined label 'a'", 1, 22},
    {2, "a: a: ;",
     "Label 'a' has already been declared", 1, 4},
    {2, "a: { a: ; }",
     "Label 'a' has already been declared", 1, 6},
    {2, "a: function f() {}",
     "In strict mode code, functions can only be declared at top level or inside a block.", 1, 4},
    {2, "if (a) function f() {}",
     "In strict mode code, functions can only be declared at top level or inside a block.", 1, 8},
    {2, "while (a) function f() {}",
     "In strict mode code, functions can only be declared at top level or inside a block.", 1, 11},
    {2, "if (a) let x = 1",
     "Lexical declaration cannot appear in a single-statement context", 1, 8},
    {2, "if (a) const x = 1",
     "Unexpected token 'const'", 1, 8},
    {2, "if (a) class A {}",
     "Unexpected token 'class'", 1, 8},
    {2, "for (;;) let x",
     "Lexical declaration cannot appear in a single-statement context", 1, 10},
    {2, "if (a) async function f() {}",
     "Async functions can only be declared at the top level or inside a block.", 1, 8},
    {2, "if (a) function* g() {}",
     "In strict mode code, functions can only be declared at top level or inside a block.", 1, 8},
    {2, "throw\nnew Error()",
     "Illegal newline after throw", 2, 1},
    {2, "try {}",
     "Missing catch or finally after try", 1, 7},
    {2, "try {} catch {} catch {}",
     "Unexpected token 'catch'", 1, 17},
    {2, "try {} catch (a, b) {}",
     "Unexpected token ','", 1, 16},
    {2, "switch (a) { default: default: }",
     "More than one default clause in switch statement", 1, 23},
    {2, "switch (a) { x }",
     "Unexpected identifier 'x'", 1, 14},
    {2, "do x while (y)",
     "Unexpected token 'while'", 1, 6},
    {2, "for (;) {}",
     "Unexpected token ')'", 1, 7},
    {2, "for (a; b) {}",
     "Unexpected token ')'", 1, 10},
    {2, "for (let x = 1, y in z) {}",
     "Invalid left-hand side in for-in loop: Must have a single binding.", 1, 10},
    {2, "export default 1",
     "Unexpected token 'export'", 1, 1},
    {2, "export const a = 1",
     "Unexpected token 'export'", 1, 1},
    {2, "function f() { import x from 'y' }",
     "Unexpected token 'import'", 1, 16},
    {2, "{ import x from 'y' }",
     "Unexpected token 'import'", 1, 3},
    {2, "import(x)",
     "import() is not supported", 1, 1},
    {2, "x = import.meta",
     "import() is not supported", 1, 5},
    {2, "new.target",
     "new.target expression is not allowed here", 1, 1},
    {2, "function f() { return () => new.target } new.target",
     "new.target expression is not allowed here", 1, 42},
    {2, "debugger 1",
     "Unexpected number", 1, 10},
    {2, "function f() {",
     "Unexpected end of input", 1, 15},
    {2, "function () {}",
     "Function statements require a function name", 1, 10},
    {2, "function f {}",
     "Unexpected token '{'", 1, 12},
    {2, "function f(a {}",
     "Unexpected token '{'", 1, 14},
    {2, "function f(...a, b) {}",
     "Rest parameter must be last formal parameter", 1, 16},
    {2, "function f(...a,) {}",
     "Rest parameter must be last formal parameter", 1, 16},
    {2, "function f(...a = 1) {}",
     "Rest parameter may not have a default initializer", 1, 17},
    {2, "x = (...a, b) => 1",
     "Rest parameter must be last formal parameter", 1, 10},
    {2, "x = (...a,) => 1",
     "Rest parameter must be last formal parameter", 1, 10},
    {2, "x = (a,)",
     "Unexpected token ')'", 1, 8},
    {2, "x = ()",
     "Unexpected token ')'", 1, 6},
    {2, "x = (...a)",
     "Unexpected token '...'", 1, 6},
    {2, "x = (a)\n=> 1",
     "Unexpected token '=>'", 2, 1},
    {2, "x = a\n=> 1",
     "Unexpected token '=>'", 2, 1},
    {2, "x = ((a)) => 1",
     "Invalid destructuring assignment target", 1, 7},
    {2, "x = (a.b) => 1",
     "Invalid destructuring assignment target", 1, 6},
    {2, "x = (a + 1) => 1",
     "Invalid destructuring assignment target", 1, 6},
    {2, "x = (1) => 1",
     "Invalid destructuring assignment target", 1, 6},
    {2, "x = !a => 1",
     "Unexpected token '=>'", 1, 8},
    {2, "x = a + b => 1",
     "Unexpected token '=>'", 1, 11},
    {2, "x = async a\n=> 1",
     "Unexpected token '=>'", 2, 1},
    {2, "x = a => {} + 1",
     "Unexpected token '+'", 1, 13},
    {2, "x = a => {}()",
     "Unexpected token '('", 1, 12},
    {2, "f(a => 1 = 2)",
     "Invalid left-hand side in assignment", 1, 8},
    {2, "x = {get a(b) {}}",
     "Getter must not have any formal parameters.", 1, 11},
    {2, "x = {set a() {}}",
     "Setter must have exactly one formal parameter.", 1, 11},
    {2, "x = {set a(b, c) {}}",
     "Setter must have exactly one formal parameter.", 1, 11},
    {2, "x = {set a(...b) {}}",
     "Setter function argument must not be a rest parameter", 1, 11},
    {2, "x = {get a}",
     "Unexpected token '}'", 1, 11},
    {2, "x = {a b}",
     "Unexpected identifier 'b'", 1, 8},
    {2, "x = {'a'}",
     "Unexpected string", 1, 6},
    {2, "x = {1}",
     "Unexpected number", 1, 6},
    {2, "x = {[a]}",
     "Unexpected token '['", 1, 6},
    {2, "x = {if}",
     "Unexpected token 'if'", 1, 6},
    {2, "x = {a: 1,, b: 2}",
     "Unexpected token ','", 1, 11},
    {2, "function f(a = 1) { \"use strict\" }",
     "Illegal 'use strict' directive in function with non-simple parameter list", 1, 21},
    {2, "x = ({a}) => { \"use strict\" }",
     "Illegal 'use strict' directive in function with non-simple parameter list", 1, 16},
    {2, "x = (a, ...b) => { 'use strict' }",
     "Illegal 'use strict' directive in function with non-simple parameter list", 1, 20},
    {2, "x = -a ** 2",
     "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence", 1, 5},
    {2, "x = !a ** 2",
     "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence", 1, 5},
    {2, "x = typeof a ** 2",
     "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence", 1, 5},
    {2, "x = delete a.b ** 2",
     "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence", 1, 5},
    {2, "async function f() { await a ** 2 }",
     "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence", 1, 22},
    {2, "x = a ?\? b || c",
     "Unexpected token '||'", 1, 12},
    {2, "x = a ?\? b && c",
     "Unexpected token '&&'", 1, 12},
    {2, "x = a || b ?\? c",
     "Unexpected token '?\?'", 1, 12},
    {2, "x = a && b ?\? c",
     "Unexpected token '?\?'", 1, 12},
    {2, "x = a ?\? b | c && d",
     "Unexpected token '&&'", 1, 16},
    {2, "x = a ? b",
     "Unexpected end of input", 1, 10},
    {2, "x = a ? b : ",
     "Unexpected end of input", 1, 13},
    {2, "x = a ?",
     "Unexpected end of input", 1, 8},
    {2, "x = a.",
     "Unexpected end of input", 1, 7},
    {2, "x = a.1",
     "Unexpected number", 1, 6},
    {2, "x = a[]",
     "Unexpected token ']'", 1, 7},
    {2, "x = a?.`b`",
     "Invalid tagged template on optional chain", 1, 8},
    {2, "x = a?.b`c`",
     "Invalid tagged template on optional chain", 1, 9},
    {2, "x = new a?.b",
     "Invalid optional chain from new expression", 1, 10},
    {2, "x = new a?.()",
     "Invalid optional chain from new expression", 1, 10},
    {2, "x = a?.b = 1",
     "Invalid left-hand side in assignment", 1, 5},
    {2, "x = a?.[b] = 1",
     "Invalid left-hand side in assignment", 1, 5},
    {2, "x = new.foo",
     "Unexpected identifier 'foo'", 1, 9},
    {2, "x = a => a ?\? b || c",
     "Unexpected token '||'", 1, 17},
    {2, "x = ...a",
     "Unexpected token '...'", 1, 5},
    {2, "x = [...]",
     "Unexpected token ']'", 1, 9},
    {2, "f(...)",
     "Unexpected token ')'", 1, 6},
    {2, "x = a ++ b",
     "Unexpected identifier 'b'", 1, 10},
    {2, "function f() { await x }",
     "await is only valid in async functions and the top level bodies of modules", 1, 16},
    {2, "await x",
     "await is only valid in async functions and the top level bodies of modules", 1, 1},
    {2, "x = await 1",
     "await is only valid in async functions and the top level bodies of modules", 1, 5},
    {2, "async function f() { var await }",
     "Unexpected reserved word", 1, 26},
    {2, "async function f() { function await() {} }",
     "Unexpected reserved word", 1, 31},
    {2, "x = async function await() {}",
     "Unexpected reserved word", 1, 20},
    {2, "async function f(a = await 1) {}",
     "Illegal await-expression in formal parameters of async function", 1, 22},
    {2, "async function f() { x = async (a = await 1) => a }",
     "Illegal await-expression in formal parameters of async function", 1, 26},
    {2, "async (await) => 1",
     "'await' is not a valid identifier name in an async function", 1, 8},
    {2, "x = async (...a, b) => a",
     "Rest parameter must be last formal parameter", 1, 12},
    {2, "x = async (...a,) => a",
     "Rest parameter must be last formal parameter", 1, 12},
    {2, "async(a = (await) => {}) => {}",
     "'await' is not a valid identifier name in an async function", 1, 1},
    {2, "async(x = await) => {}",
     "'await' is not a valid identifier name in an async function", 1, 1},
    {2, "x = async await => 1",
     "Unexpected reserved word", 1, 11},
    {2, "async function f() { await }",
     "Unexpected token '}'", 1, 28},
    {2, "function* g() { var yield }",
     "Unexpected strict mode reserved word", 1, 21},
    {2, "function* g(a = yield) {}",
     "Yield expression not allowed in formal parameter", 1, 17},
    {2, "function* g() { x = (a = yield) => 1 }",
     "Yield expression not allowed in formal parameter", 1, 21},
    {2, "function* g() { yield\n* a }",
     "Unexpected token '*'", 2, 1},
    {2, "x = yield",
     "Unexpected strict mode reserved word", 1, 5},
    {2, "function f() { yield 1 }",
     "Unexpected strict mode reserved word", 1, 16},
    {2, "async\nfunction f() { await 1 }",
     "await is only valid in async functions and the top level bodies of modules", 2, 16},
    {2, "x = async () => await",
     "Unexpected end of input", 1, 22},
    {2, "for await (x of y) {}",
     "for await is not supported", 1, 5},
    {2, "class {}",
     "Unexpected token '{'", 1, 7},
    {2, "class A extends {}",
     "Unexpected end of input", 1, 19},
    {2, "class A { constructor() {} constructor() {} }",
     "A class may only have one constructor", 1, 28},
    {2, "class A { get constructor() {} }",
     "Class constructor may not be an accessor", 1, 15},
    {2, "class A { set constructor(v) {} }",
     "Class constructor may not be an accessor", 1, 15},
    {2, "class A { *constructor() {} }",
     "Class constructor may not be a generator", 1, 12},
    {2, "class A { async constructor() {} }",
     "Class constructor may not be an async method", 1, 17},
    {2, "class A { static prototype() {} }",
     "Classes may not have a static property named 'prototype'", 1, 18},
    {2, "class A { static get prototype() {} }",
     "Classes may not have a static property named 'prototype'", 1, 22},
    {2, "class A { #x() {} }",
     "Invalid or unexpected token", 1, 11},
    {2, "class A { constructor = 1 }",
     "Classes may not have a field named 'constructor'", 1, 11},
    {2, "class A { static prototype = 1 }",
     "Classes may not have a static property named 'prototype'", 1, 18},
    {2, "class A { x = arguments }",
     "'arguments' is not allowed in class field initializer or static initialization block", 1, 15},
    {2, "class A { x = () => arguments }",
     "'arguments' is not allowed in class field initializer or static initialization block", 1, 21},
    {2, "class A { a = 1 b = 2 }",
     "Unexpected identifier 'b'", 1, 17},
    {2, "class A { x = super() }",
     "'super' keyword unexpected here", 1, 15},
    {2, "class A { constructor() { super() } }",
     "'super' keyword unexpected here", 1, 27},
    {2, "class A { m() { super() } }",
     "'super' keyword unexpected here", 1, 17},
    {2, "class A extends B { m() { super() } }",
     "'super' keyword unexpected here", 1, 27},
    {2, "function f() { super.x }",
     "'super' keyword unexpected here", 1, 16},
    {2, "x = { m: function () { super.x } }",
     "'super' keyword unexpected here", 1, 24},
    {2, "super.x",
     "'super' keyword unexpected here", 1, 1},
    {2, "super()",
     "'super' keyword unexpected here", 1, 1},
    {2, "x = super",
     "'super' keyword unexpected here", 1, 5},
    {2, "class A { m() { super } }",
     "'super' keyword unexpected here", 1, 17},
    {2, "class A extends B { constructor() { function f() { super() } } }",
     "'super' keyword unexpected here", 1, 52},
    {2, "class A { a: 1 }",
     "Unexpected token ':'", 1, 12},
    {2, "class let {}",
     "Unexpected strict mode reserved word", 1, 7},
    {2, "class eval {}",
     "Unexpected eval or arguments in strict mode", 1, 7},
    {2, "class A { static static m() {} }",
     "Unexpected identifier 'm'", 1, 25},
    {2, "class A { get get a() {} }",
     "Unexpected identifier 'a'", 1, 19},
    {2, "x = class A extends B, C {}",
     "Unexpected token ','", 1, 22},
    {2, "x = \"\\uD800\" + y +",
     "Unexpected end of input", 1, 19},
    {2, "x = 1 x",
     "Unexpected identifier 'x'", 1, 7},
};

static const gate_case_t gate_cases[] = {
    {"let x = 1",
     "let declarations are not supported in cloudfront-js-1.0", 1, 1},
    {"const x = 1",
     "const declarations are not supported in cloudfront-js-1.0", 1, 1},
    {"for (let i = 0;;) {}",
     "let declarations are not supported in cloudfront-js-1.0", 1, 6},
    {"async function f() {}",
     "async functions are not supported in cloudfront-js-1.0", 1, 1},
    {"x = async function () {}",
     "async functions are not supported in cloudfront-js-1.0", 1, 5},
    {"x = async () => 1",
     "async functions are not supported in cloudfront-js-1.0", 1, 5},
    {"x = async x => 1",
     "async functions are not supported in cloudfront-js-1.0", 1, 5},
    {"x = {async f() {}}",
     "async methods are not supported in cloudfront-js-1.0", 1, 6},
    {"var [a] = b",
     "destructuring is not supported in cloudfront-js-1.0", 1, 5},
    {"var {a} = b",
     "destructuring is not supported in cloudfront-js-1.0", 1, 5},
    {"[a, b] = c",
     "destructuring is not supported in cloudfront-js-1.0", 1, 1},
    {"({a} = c)",
     "shorthand properties are not supported in cloudfront-js-1.0", 1, 4},
    {"function f([a]) {}",
     "destructuring is not supported in cloudfront-js-1.0", 1, 12},
    {"function f(a = 1) {}",
     "default values are not supported in cloudfront-js-1.0", 1, 14},
    {"function f(...[a]) {}",
     "destructuring is not supported in cloudfront-js-1.0", 1, 15},
    {"f(...a)",
     "spread arguments are not supported in cloudfront-js-1.0", 1, 3},
    {"x = [...a]",
     "spread elements are not supported in cloudfront-js-1.0", 1, 6},
    {"x = {...a}",
     "object spread is not supported in cloudfront-js-1.0", 1, 6},
    {"for (x of y) {}",
     "for-of loops are not supported in cloudfront-js-1.0", 1, 8},
    {"class A {}",
     "classes are not supported in cloudfront-js-1.0", 1, 1},
    {"x = class {}",
     "classes are not supported in cloudfront-js-1.0", 1, 5},
    {"x = a?.b",
     "optional chaining is not supported in cloudfront-js-1.0", 1, 6},
    {"x = a ?\? b",
     "the ?\? operator is not supported in cloudfront-js-1.0", 1, 7},
    {"a ?\?= b",
     "logical assignment is not supported in cloudfront-js-1.0", 1, 3},
    {"a ||= b",
     "logical assignment is not supported in cloudfront-js-1.0", 1, 3},
    {"a &&= b",
     "logical assignment is not supported in cloudfront-js-1.0", 1, 3},
    {"x = 1_000",
     "Numeric separators are not supported in cloudfront-js-1.0", 1, 6},
    {"x = 0x1_0",
     "Numeric separators are not supported in cloudfront-js-1.0", 1, 8},
    {"x = {a}",
     "shorthand properties are not supported in cloudfront-js-1.0", 1, 7},
    {"x = {[a]: 1}",
     "computed property names are not supported in cloudfront-js-1.0", 1, 6},
    {"x = {a() {}}",
     "methods are not supported in cloudfront-js-1.0", 1, 7},
    {"x = {*g() {}}",
     "generator methods are not supported in cloudfront-js-1.0", 1, 6},
    {"function* g() {}",
     "generators are not supported in cloudfront-js-1.0", 1, 9},
    {"try {} catch {}",
     "optional catch binding is not supported in cloudfront-js-1.0", 1, 14},
    {"import x from 'y'",
     "import declarations are not supported in cloudfront-js-1.0", 1, 1},
    {"f(a,)",
     "trailing commas in argument lists are not supported in cloudfront-js-1.0", 1, 5},
    {"function f(a,) {}",
     "trailing commas in parameter lists are not supported in cloudfront-js-1.0", 1, 14},
    {"function f() { new.target }",
     "new.target is not supported in cloudfront-js-1.0", 1, 19},
    {"x = 0b11",
     "binary and octal literals are not supported in cloudfront-js-1.0", 1, 5},
    {"x = 0o17",
     "binary and octal literals are not supported in cloudfront-js-1.0", 1, 5},
    {"x = /a/s", NULL, 0, 0},
    {"x = `a${b}`", NULL, 0, 0},
    {"x = a => a", NULL, 0, 0},
    {"function f(...a) {}", NULL, 0, 0},
    {"x = 2 ** 3", NULL, 0, 0},
    {"x = {get a() {}, set a(v) {}}", NULL, 0, 0},
    {"x = /a/d",
     "Invalid regular expression flags", 1, 5},
};

static void test_error_table(void **state)
{
    size_t i;
    int bad = 0;
    for (i = 0; i < BK_COUNTOF(err_cases); i++) {
        const err_case_t *c = &err_cases[i];
        bad += !expect_err(c->lang, c->src, c->msg, c->line, c->col);
    }
    assert_int_equal(bad, 0);
}

/* Every cloudfront-js-1.0 gate: rejected in 1.0 with its message, parsed
 * in 2.0; the ES2015+ forms 1.0 lists (templates, arrows, rest, **) parse
 * in both. */
static void test_runtime_gates(void **state)
{
    size_t i;
    int bad = 0;
    for (i = 0; i < BK_COUNTOF(gate_cases); i++) {
        const gate_case_t *c = &gate_cases[i];
        bk_js_syntax_error_t e;
        if (parse_s(BK_JS_LANG_CF2, c->src, &e) != BK_OK) {
            print_error("2.0 rejected %s: %s\n", c->src, e.msg);
            bad++;
        }
        if (c->msg == NULL) {
            if (parse_s(BK_JS_LANG_CF1, c->src, &e) != BK_OK) {
                print_error("1.0 rejected %s: %s\n", c->src, e.msg);
                bad++;
            }
            continue;
        }
        bad += !expect_err(BK_JS_LANG_CF1, c->src, c->msg, c->line, c->col);
        if (strstr(c->msg, "cloudfront-js-1.0") == NULL &&
            strstr(c->msg, "Unexpected") == NULL &&
            strcmp(c->msg, "Invalid regular expression flags") != 0) {
            print_error("gate message does not name the runtime: %s\n",
                        c->msg);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* A source: 'pre', then 'open' n times, 'mid', 'close' n times, 'post'. */
static char *nest(const char *pre, const char *open, const char *mid,
                  const char *close, const char *post, size_t n)
{
    size_t lp = strlen(pre), lo = strlen(open), lm = strlen(mid),
           lc = strlen(close), lq = strlen(post), i;
    char *s = malloc(n * (lo + lc) + lp + lm + lq + 1), *p = s;
    assert_non_null(s);
    memcpy(p, pre, lp);
    p += lp;
    for (i = 0; i < n; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, mid, lm);
    p += lm;
    for (i = 0; i < n; i++, p += lc)
        memcpy(p, close, lc);
    memcpy(p, post, lq + 1);
    return s;
}

static const struct {
    const char *pre, *open, *mid, *close, *post;
} nestings[] = {
    {"", "(", "a", ")", ""},
    {"", "[", "", "]", ""},
    {"x=", "{a:", "1", "}", ""},
    {"", "{", "", "}", ""},
    {"x=", "- ", "a", "", ""},
    {"x=", "!", "a", "", ""},
    {"x=", "typeof ", "a", "", ""},
    {"x=", "", "a", ".b", ""},
    {"x=", "", "f", "()", ""},
    {"x=", "", "a", "[0]", ""},
    {"x=", "a?b:", "c", "", ""},
    {"", "a=", "1", "", ""},
    {"", "if(a)", ";", "", ""},
    {"x=", "a=>", "1", "", ""},
    {"", "new ", "X", "", ""},
    {"x=", "`${", "1", "}`", ""},
    {"", "function f(){", "", "}", ""},
    {"", "f(", "", ")", ""},
    {"x=", "", "a", "+a", ""},
    {"x=", "", "a", "**a", ""},
    {"x=", "", "a", "??a", ""},
    {"x=", "", "a", "?.b", ""},
    {"var ", "[", "a", "]", "=x"},
    {"", "[", "a", "]", "=x"},
    {"(", "{a:", "b", "}", "=x)"},
    {"x=", "class extends (", "a", "){}", ""},
    {"", "async function f(){", "1", "}", ""},
    {"x=async function(){", "await ", "1", "", "}"},
    {"", "while(1)", ";", "", ""},
    {"", "try{", "", "}finally{}", ""},
    {"x=", "(a)=>", "1", "", ""},
    {"x=", "{get a(){return ", "1", "}}", ""},
    {"x=", "", "a", "?.(b)", ""},
    {"", "for(;;)", ";", "", ""},
    {"", "switch(a){case 1:", "", "}", ""},
};

#define NEST(i, n)                                                            \
    nest(nestings[i].pre, nestings[i].open, nestings[i].mid,                  \
         nestings[i].close, nestings[i].post, (n))

/* 100,000 levels of every kind of nesting end in a SyntaxError (not a
 * crash), and the tree of anything accepted stays shallow. */
static void test_hostile_nesting(void **state)
{
    size_t i;
    for (i = 0; i < BK_COUNTOF(nestings); i++) {
        char *s = NEST(i, 100000);
        bk_js_syntax_error_t e;
        int rc = parse_s(BK_JS_LANG_CF2, s, &e);
        if (rc == BK_OK)
            fail_msg("accepted 100000 x %s", nestings[i].open);
        if (strcmp(e.msg, "Maximum nesting depth exceeded") != 0)
            fail_msg("100000 x %s: %s", nestings[i].open, e.msg);
        free(s);
    }
}

/* Tree height, walked with an explicit stack over the union members the
 * dump uses, via the dump itself: the maximum parenthesis depth. */
static unsigned dump_height(const bk_js_node_t *n)
{
    bk_buf_t b;
    unsigned d = 0, m = 0;
    size_t i;
    int q = 0;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_js_ast_dump(&b, n), BK_OK);
    for (i = 0; i < b.n; i++) {
        char c = (char)b.p[i];
        if (q) {
            if (c == '\\')
                i++;
            else if (c == '"')
                q = 0;
        } else if (c == '"') {
            q = 1;
        } else if (c == '(' && ++d > m) {
            m = d;
        } else if (c == ')') {
            d--;
        }
    }
    bk_buf_free(&b);
    return m;
}

struct deep_arg {
    size_t levels;
    int ok, fails;
    unsigned max_height;
};

/* Runs in a thread with a 1 MiB stack: every nesting at a depth that is
 * still accepted (or just past it) must parse or fail cleanly. */
static void *deep_thread(void *arg)
{
    struct deep_arg *d = arg;
    size_t i;
    for (i = 0; i < BK_COUNTOF(nestings); i++) {
        char *s = NEST(i, d->levels);
        bk_arena_t a;
        bk_js_node_t *prog;
        bk_js_syntax_error_t e;
        bk_arena_init(&a, 0, 0);
        if (bk_js_parse(&a, (const uint8_t *)s, strlen(s), BK_JS_LANG_CF2,
                        &prog, &e) == BK_OK) {
            unsigned h = dump_height(prog);
            d->ok++;
            if (h > d->max_height)
                d->max_height = h;
        } else {
            d->fails++;
            if (getenv("BK_TEST_VERBOSE"))
                fprintf(stderr, "%zu x %s: %s\n", d->levels,
                        nestings[i].open, e.msg);
        }
        bk_arena_destroy(&a);
        free(s);
    }
    return NULL;
}

static void test_stack_bound(void **state)
{
    static const size_t levels[] = {50, 150, 390, 1000, 5000};
    size_t i;
    for (i = 0; i < BK_COUNTOF(levels); i++) {
        pthread_attr_t at;
        pthread_t th;
        struct deep_arg d = {levels[i], 0, 0, 0};
        assert_int_equal(pthread_attr_init(&at), 0);
        assert_int_equal(pthread_attr_setstacksize(&at, 1 << 20), 0);
        assert_int_equal(pthread_create(&th, &at, deep_thread, &d), 0);
        assert_int_equal(pthread_join(th, NULL), 0);
        pthread_attr_destroy(&at);
        assert_int_equal(d.ok + d.fails, (int)BK_COUNTOF(nestings));
        if (levels[i] == 50)
            assert_int_equal(d.fails, 0); /* shallow nesting is fine */
        /* The tree the compiler walks stays within a fixed height. */
        assert_true(d.max_height <= 4 * BK_JS_PARSE_MAX_DEPTH + 16);
    }
}

/* A 1 MB string literal (and template, and comment) under a 512 KiB arena
 * cap fails cleanly as out of memory; with room it parses. */
static void test_huge_literals(void **state)
{
    static const char *const wrap[][2] = {
        {"x='", "'"}, {"x=`", "`"}, {"x=t`", "`"}, {"x='\\u0041", "'"},
    };
    size_t i, n = 1 << 20;
    for (i = 0; i < BK_COUNTOF(wrap); i++) {
        size_t l0 = strlen(wrap[i][0]), l1 = strlen(wrap[i][1]);
        char *s = malloc(n + l0 + l1 + 1);
        bk_js_syntax_error_t e;
        assert_non_null(s);
        memcpy(s, wrap[i][0], l0);
        memset(s + l0, 'a', n);
        memcpy(s + l0 + n, wrap[i][1], l1 + 1);
        assert_int_equal(parse_n(2, s, strlen(s), 512 << 10, &e), BK_ERR);
        assert_int_equal(e.oom, 1);
        assert_string_equal(e.msg, "out of memory");
        assert_int_equal(parse_n(2, s, strlen(s), 0, &e), BK_OK);
        free(s);
    }
    /* Long identifiers and comments point into the source: no copy. */
    {
        char *s = malloc(n + 8);
        bk_js_syntax_error_t e;
        assert_non_null(s);
        memcpy(s, "var ", 4);
        memset(s + 4, 'a', n);
        memcpy(s + 4 + n, "=1", 3);
        assert_int_equal(parse_n(2, s, strlen(s), 64 << 10, &e), BK_OK);
        free(s);
    }
    {
        char *s = malloc(n + 8);
        bk_js_syntax_error_t e;
        assert_non_null(s);
        memcpy(s, "/*", 2);
        memset(s + 2, '*', n);
        memcpy(s + 2 + n, "/x", 3);
        assert_int_equal(parse_n(2, s, strlen(s), 64 << 10, &e), BK_OK);
        free(s);
    }
}

/* Many declarations in one scope and many statements stay linear: 20,000
 * let declarations parse (the symbol table is hashed). */
static void test_many_declarations(void **state)
{
    size_t i, n = 20000;
    bk_buf_t b;
    bk_js_syntax_error_t e;
    bk_buf_init(&b, NULL);
    for (i = 0; i < n; i++)
        assert_int_equal(bk_buf_printf(&b, "let v%zu = %zu;", i, i), BK_OK);
    assert_int_equal(parse_n(2, (const char *)b.p, b.n, 0, &e), BK_OK);
    assert_int_equal(bk_buf_printf(&b, "var v%zu;", n / 2), BK_OK);
    assert_int_equal(parse_n(2, (const char *)b.p, b.n, 0, &e), BK_ERR);
    assert_string_equal(e.msg, "Identifier 'v10000' has already been "
                               "declared");
    bk_buf_free(&b);
}

/* Failing the n-th allocation, for every n, gives a clean out-of-memory
 * error (never a crash), until the parse needs no more allocations. */
static void test_alloc_failures(void **state)
{
    const char *src =
        "import cf from 'cloudfront';\n"
        "async function handler(event) {\n"
        "  const { request: req, context } = event, [a = 1, ...rest] = [];\n"
        "  let uri = `${req.uri}/x${a}`, m = /^\\/(\\w+)/.exec(uri);\n"
        "  class K extends Object { constructor() { super(); } get g() "
        "{ return this?.x ?? 1 } }\n"
        "  for (const [k, v] of Object.entries(req.headers)) { v.value += k }\n"
        "  try { await cf.kvs().get('k') } catch { return 'x' + \"\\u00e9\" }\n"
        "  label: for (var i = 0; i < 3; i++) { if (i) continue label; }\n"
        "  return ({ ...req, uri, [k]: (x => x * 2)(3) });\n"
        "}\n";
    unsigned long n;
    int done = 0;
    for (n = 1; n < 10000 && !done; n++) {
        bk_arena_t a;
        bk_js_node_t *prog;
        bk_js_syntax_error_t e;
        int rc;
        bk_arena_init(&a, 256, 0);
        bk_alloc_fail_at(n);
        rc = bk_js_parse(&a, (const uint8_t *)src, strlen(src),
                         BK_JS_LANG_CF2, &prog, &e);
        bk_alloc_fail_at(0);
        if (rc == BK_OK) {
            done = 1;
        } else {
            assert_int_equal(e.oom, 1);
            assert_string_equal(e.msg, "out of memory");
        }
        bk_arena_destroy(&a);
    }
    assert_true(done);
    assert_true(n > 5); /* the sweep really failed some allocations */
}

/* Parsing is deterministic and independent of the arena's history. */
static void test_arena_reuse(void **state)
{
    bk_arena_t a;
    bk_js_node_t *prog;
    bk_js_syntax_error_t e;
    int i;
    bk_arena_init(&a, 0, 0);
    for (i = 0; i < 100; i++) {
        const char *src = i % 2 ? "let x = {a: [1, 2, `t${i}`]}" : "x = (";
        int rc = bk_js_parse(&a, (const uint8_t *)src, strlen(src),
                             BK_JS_LANG_CF2, &prog, &e);
        assert_int_equal(rc, i % 2 ? BK_OK : BK_ERR);
        bk_arena_reset(&a);
    }
    bk_arena_destroy(&a);
}

/* Errors on later lines and after multi-byte characters are placed in
 * code points; a NUL byte and invalid UTF-8 are tokens errors. */
static void test_error_positions(void **state)
{
    bk_js_syntax_error_t e;
    assert_int_equal(parse_s(2, "x = '\xc3\xa9\xe2\x82\xac';\r\n\r\n  y = )",
                             &e), BK_ERR);
    assert_int_equal(e.line, 3);
    assert_int_equal(e.col, 7);
    assert_int_equal(e.offset, 22);
    assert_string_equal(e.msg, "Unexpected token ')'");
    assert_int_equal(parse_s(2, "/* \xe2\x80\xa8 */ a b", &e), BK_ERR);
    assert_int_equal(e.line, 2);
    assert_int_equal(e.col, 7);
    assert_int_equal(parse_n(2, "x = 1\0", 6, 0, &e), BK_ERR);
    assert_string_equal(e.msg, "Invalid or unexpected token");
    assert_int_equal(e.col, 6);
    assert_int_equal(parse_s(2, "x = '\xff'", &e), BK_ERR);
    assert_string_equal(e.msg, "Invalid or unexpected token");
    assert_int_equal(parse_s(2, "x = \xc3", &e), BK_ERR);
    assert_string_equal(e.msg, "Invalid or unexpected token");
    assert_int_equal(parse_s(2, "x = 1 // \xff\xfe\nx", &e), BK_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_table),
        cmocka_unit_test(test_runtime_gates),
        cmocka_unit_test(test_hostile_nesting),
        cmocka_unit_test(test_stack_bound),
        cmocka_unit_test(test_huge_literals),
        cmocka_unit_test(test_many_declarations),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_arena_reuse),
        cmocka_unit_test(test_error_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
