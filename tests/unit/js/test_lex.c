/*
 * test_lex.c: the JavaScript tokenizer: punctuators (longest match), words
 * and keywords, line-terminator flags, positions in code points across
 * CR/LF/CRLF/LS/PS and multi-byte text, comments (incl. HTML-like), the
 * regexp and template rescans the parser drives, and number values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "js/lex.h"

static bk_arena_t arena;
static bk_js_lex_t lx;
static bk_js_syntax_error_t err;

static void start(const char *src, int lang)
{
    bk_arena_init(&arena, 0, 0);
    bk_js_lex_init(&lx, &arena, (const uint8_t *)src, (uint32_t)strlen(src),
                   (bk_js_lang_t)lang, &err);
}

static void stop(void) { bk_arena_destroy(&arena); }

/* The space-separated token names of 'src' ("ERROR:msg" on error). */
static void tokens(const char *src, char *out, size_t cap)
{
    bk_js_tok_t t;
    size_t n = 0;
    start(src, BK_JS_LANG_CF2);
    out[0] = 0;
    for (;;) {
        bk_js_lex_next(&lx, &t);
        if (t.type == BK_JS_T_ERROR) {
            snprintf(out + n, cap - n, "%sERROR:%s", n ? " " : "", err.msg);
            break;
        }
        if (t.type == BK_JS_T_EOF)
            break;
        n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? " " : "",
                              t.type == BK_JS_T_NAME
                                  ? "name"
                                  : bk_js_tok_name(t.type));
    }
    stop();
}

static void test_punctuators(void **state)
{
    static const char *const t[][2] = {
        {"{}()[];,.:~?", "{ } ( ) [ ] ; , . : ~ ?"},
        {"a...b", "name ... name"},
        {"a?.b a?.5:1", "name ?. name name ? number : number"},
        {"< << <<= <= > >> >>> >>= >>>= >=",
         "< << <<= <= > >> >>> >>= >>>= >="},
        {"= == === => ! != !==", "= == === => ! != !=="},
        {"+ ++ += - -- -= * ** *= **=", "+ ++ += - -- -= * ** *= **="},
        {"/ /= % %= ^ ^=", "/ /= % %= ^ ^="},
        {"& && &= &&= | || |= ||= ?? ?\?=", "& && &= &&= | || |= ||= ?? ?\?="},
        {"a+++b", "name ++ + name"},
        {"a---b", "name -- - name"},
        {"x=>y", "name => name"},
        {".5.5", "number number"},
        {"1..a", "number . name"},
    };
    char buf[512];
    size_t i;
    for (i = 0; i < BK_COUNTOF(t); i++) {
        tokens(t[i][0], buf, sizeof(buf));
        assert_string_equal(buf, t[i][1]);
    }
}

static void test_words(void **state)
{
    char buf[512];
    tokens("if else let yield static enum async await of get set from as",
           buf, sizeof(buf));
    assert_string_equal(buf, "if else let yield static enum name name name "
                             "name name name name");
    tokens("iff _if $ _ $a1 \\u0069f", buf, sizeof(buf));
    assert_string_equal(buf, "name name name name name name");
    tokens("caf\xc3\xa9 \xe2\x84\xa6x", buf, sizeof(buf));
    assert_string_equal(buf, "name name");
    tokens("a\xc2\xa0" "b", buf, sizeof(buf)); /* NBSP separates */
    assert_string_equal(buf, "name name");
    /* U+05BB is ID_Continue but not ID_Start; U+00B7 likewise */
    tokens("a\xd6\xbb b\xc2\xb7", buf, sizeof(buf));
    assert_string_equal(buf, "name name");
    tokens("\xd6\xbb" "a", buf, sizeof(buf));
    assert_string_equal(buf, "ERROR:Invalid or unexpected token");
    tokens("\xe2\x82\xac", buf, sizeof(buf)); /* the euro sign is no letter */
    assert_string_equal(buf, "ERROR:Invalid or unexpected token");
    tokens("\\u{1D49C}x \xf0\x9d\x92\x9c", buf, sizeof(buf)); /* math A */
    assert_string_equal(buf, "name name");
    tokens("\\u0100\\u0800 \\u{2F804}", buf, sizeof(buf)); /* 2/3/4 bytes */
    assert_string_equal(buf, "name name");
    tokens("\\u0030", buf, sizeof(buf));
    assert_string_equal(buf, "ERROR:Invalid Unicode escape sequence");
    tokens("#", buf, sizeof(buf));
    assert_string_equal(buf, "ERROR:Invalid or unexpected token");
}

static void test_escaped_keyword(void **state)
{
    bk_js_tok_t t;
    start("\\u0069f i\\u{66}x", BK_JS_LANG_CF2);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_NAME);
    assert_int_equal(t.escaped, 2); /* a reserved word, escaped */
    assert_true(bk_str_eq(t.name, BK_STR("if")));
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.escaped, 1);
    assert_true(bk_str_eq(t.name, BK_STR("ifx")));
    stop();
}

/* nl_before, and 1-based line/column in code points. */
static void test_lines_and_columns(void **state)
{
    static const struct {
        uint32_t line, col, start;
        int nl;
    } want[] = {
        {1, 1, 0, 0},   /* a */
        {2, 1, 2, 1},   /* b after LF */
        {3, 1, 5, 1},   /* c after CRLF */
        {4, 1, 7, 1},   /* d after CR */
        {5, 1, 11, 1},  /* e after LS */
        {6, 3, 17, 1},  /* f after PS, 2 spaces */
        {6, 10, 27, 0}, /* g after "é€" string */
        {7, 3, 33, 1},  /* h after a comment containing a newline */
        {7, 5, 35, 0},  /* i */
    };
    const char *src = "a\nb\r\nc\rd\xe2\x80\xa8" "e\xe2\x80\xa9  f "
                      "'\xc3\xa9\xe2\x82\xac' g/*\n*/h i";
    bk_js_tok_t t;
    size_t i;
    start(src, BK_JS_LANG_CF2);
    for (i = 0; i < BK_COUNTOF(want); i++) {
        bk_js_lex_next(&lx, &t);
        if (i == 6) {
            assert_int_equal(t.type, BK_JS_T_STRING);
            bk_js_lex_next(&lx, &t);
        }
        assert_int_equal(t.type, BK_JS_T_NAME);
        if (t.line != want[i].line || t.col != want[i].col ||
            t.start != want[i].start || t.nl_before != want[i].nl)
            fail_msg("token %zu: %u:%u @%u nl=%d, want %u:%u @%u nl=%d", i,
                     t.line, t.col, t.start, t.nl_before, want[i].line,
                     want[i].col, want[i].start, want[i].nl);
    }
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_EOF);
    stop();
}

static void test_comments(void **state)
{
    char buf[256];
    tokens("a // x\nb /* y */ c /**/ d /*/ */ e", buf, sizeof(buf));
    assert_string_equal(buf, "name name name name name");
    tokens("a <!-- b\nc", buf, sizeof(buf));
    assert_string_equal(buf, "name name");
    tokens("a\n--> b\nc", buf, sizeof(buf));
    assert_string_equal(buf, "name name");
    tokens("a --> b", buf, sizeof(buf));
    assert_string_equal(buf, "name -- > name");
    tokens("a /* b", buf, sizeof(buf));
    assert_string_equal(buf, "name ERROR:Invalid or unexpected token");
}

static void test_regexp_rescan(void **state)
{
    bk_js_tok_t t;
    start("/[/]\\//gi.x /=a/ /a\n/", BK_JS_LANG_CF2);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_SLASH);
    bk_js_lex_regexp(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_REGEXP);
    assert_true(bk_str_eq(t.name, BK_STR("[/]\\/")));
    assert_true(bk_str_eq(t.flags, BK_STR("gi")));
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_DOT);
    bk_js_lex_next(&lx, &t);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_SLASH_ASSIGN);
    bk_js_lex_regexp(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_REGEXP);
    assert_true(bk_str_eq(t.name, BK_STR("=a")));
    bk_js_lex_next(&lx, &t);
    bk_js_lex_regexp(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_ERROR);
    assert_string_equal(err.msg, "Invalid regular expression: missing /");
    stop();
    /* d is a 2.0 flag only */
    start("/a/d", BK_JS_LANG_CF1);
    bk_js_lex_next(&lx, &t);
    bk_js_lex_regexp(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_ERROR);
    stop();
}

static void test_template_rescan(void **state)
{
    bk_js_tok_t t;
    start("`a${ b }c${d}e` `x`", BK_JS_LANG_CF2);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_TEMPLATE_HEAD);
    assert_int_equal(t.str.len, 1);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_NAME);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_RBRACE);
    bk_js_lex_template(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_TEMPLATE_MIDDLE);
    assert_int_equal(t.str.units[0], 'c');
    bk_js_lex_next(&lx, &t);
    bk_js_lex_next(&lx, &t);
    bk_js_lex_template(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_TEMPLATE_TAIL);
    assert_int_equal(t.str.units[0], 'e');
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_TEMPLATE);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_EOF);
    stop();
    /* A CRLF line continuation: nothing cooked, "\\\n" raw */
    start("`a\\\r\nb`", BK_JS_LANG_CF2);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_TEMPLATE);
    assert_int_equal(t.str.len, 2);
    assert_int_equal(t.raw.len, 4);
    assert_int_equal(t.raw.units[1], '\\');
    assert_int_equal(t.raw.units[2], '\n');
    stop();
    /* Malformed UTF-8 inside a template is an error */
    start("`\xff`", BK_JS_LANG_CF2);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_ERROR);
    stop();
    /* An invalid escape is recorded, not fatal: tagged templates allow it */
    start("`\\xg`", BK_JS_LANG_CF2);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_TEMPLATE);
    assert_int_equal(t.cooked_ok, 0);
    assert_string_equal(t.bad_escape, "Invalid hexadecimal escape sequence");
    assert_int_equal(t.raw.len, 3);
    stop();
}

static void test_number_values(void **state)
{
    static const struct {
        const char *src;
        double v;
    } t[] = {
        {"0", 0}, {"7", 7}, {"1.25", 1.25}, {"1e3", 1000}, {"1E+3", 1000},
        {"25e-1", 2.5}, {".125", 0.125}, {"0x7fffFFFF", 2147483647.0},
        {"0b1001", 9}, {"0O17", 15}, {"123_456", 123456},
        {"1.7976931348623157e308", 1.7976931348623157e308},
        {"5e-324", 5e-324}, {"4.9406564584124654e-324", 5e-324},
    };
    size_t i;
    for (i = 0; i < BK_COUNTOF(t); i++) {
        bk_js_tok_t tok;
        start(t[i].src, BK_JS_LANG_CF2);
        bk_js_lex_next(&lx, &tok);
        assert_int_equal(tok.type, BK_JS_T_NUMBER);
        if (tok.num != t[i].v)
            fail_msg("%s: %.17g", t[i].src, tok.num);
        stop();
    }
}

static void test_number_errors(void **state)
{
    static const struct {
        const char *src;
        int lang;
        const char *msg;
    } t[] = {
        {"012", 2, "Octal literals are not allowed in strict mode."},
        {"09", 2, "Decimals with leading zeros are not allowed in strict "
                  "mode."},
        {"1_000", 1, "Numeric separators are not supported in "
                     "cloudfront-js-1.0"},
        {"0b1", 1, "binary and octal literals are not supported in "
                   "cloudfront-js-1.0"},
        {"1n", 2, "BigInt literals are not supported"},
        {"1a", 2, "Invalid or unexpected token"},
        {"0x_1", 2, "Numeric separators are not allowed here"},
        {"0x1__1", 2, "Only one underscore is allowed as numeric separator"},
    };
    size_t i;
    for (i = 0; i < BK_COUNTOF(t); i++) {
        bk_js_tok_t tok;
        start(t[i].src, t[i].lang);
        bk_js_lex_next(&lx, &tok);
        assert_int_equal(tok.type, BK_JS_T_ERROR);
        assert_string_equal(err.msg, t[i].msg);
        stop();
    }
}

static void test_strings(void **state)
{
    bk_js_tok_t t;
    /* line continuations (LF, CRLF, LS) vanish; LS/PS may appear raw */
    start("'a\\\nb\\\r\nc\\\xe2\x80\xa8" "d\xe2\x80\xa9'", BK_JS_LANG_CF2);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_STRING);
    assert_int_equal(t.str.len, 5);
    assert_int_equal(t.str.units[3], 'd');
    assert_int_equal(t.str.units[4], 0x2029);
    assert_int_equal(t.str.latin1, 0);
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.type, BK_JS_T_EOF);
    assert_int_equal(t.line, 5); /* every line terminator counts */
    stop();
    start("\"\\a\\c\\'\"", BK_JS_LANG_CF2); /* non-escapes are the char */
    bk_js_lex_next(&lx, &t);
    assert_int_equal(t.str.len, 3);
    assert_int_equal(t.str.units[0], 'a');
    assert_int_equal(t.str.units[2], '\'');
    assert_int_equal(t.str.latin1, 1);
    stop();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_punctuators),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_escaped_keyword),
        cmocka_unit_test(test_lines_and_columns),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_regexp_rescan),
        cmocka_unit_test(test_template_rescan),
        cmocka_unit_test(test_number_values),
        cmocka_unit_test(test_number_errors),
        cmocka_unit_test(test_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
