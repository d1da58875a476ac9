/*
 * lex.c: the JavaScript tokenizer (see lex.h).
 *
 * Invariant: every scan function leaves lx->at just past what it consumed
 * and keeps at.line / at.line_start / at.cont in step, so any token's
 * line and column (in code points) are known without rescanning the line.
 * String values are decoded into UTF-16 arrays sized from the literal's byte
 * length (an upper bound), in the lexer's arena.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "js/lex.h"

static const char *const tok_names[] = {
#define BK__JS_TOK_STR(name, str) str,
    BK_JS_TOK_LIST(BK__JS_TOK_STR)
#undef BK__JS_TOK_STR
};

const char *bk_js_tok_name(unsigned type)
{
    return type < BK_JS_T__COUNT ? tok_names[type] : "?";
}

/* ---- characters -------------------------------------------------------- */

#define LS 0x2028
#define PS 0x2029

static int is_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == 0x0b || c == 0x0c;
    return c == 0xa0 || c == 0xfeff || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200a) || c == 0x202f || c == 0x205f ||
           c == 0x3000;
}

static int is_nl(uint32_t c)
{
    return c == '\n' || c == '\r' || c == LS || c == PS;
}

/* ASCII identifier classes: 1 = may start, 2 = may continue. */
static const uint8_t id_tab[256] = {
    ['$'] = 3, ['_'] = 3,
    ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
    ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
#define L(c) [c] = 3, [c - 32] = 3,
    L('a') L('b') L('c') L('d') L('e') L('f') L('g') L('h') L('i') L('j')
    L('k') L('l') L('m') L('n') L('o') L('p') L('q') L('r') L('s') L('t')
    L('u') L('v') L('w') L('x') L('y') L('z')
#undef L
};

int bk_js__id_start(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' ||
               c == '_';
    /* XXX: no Unicode tables; accept any non-space, non-terminator code
     * point outside the surrogate range. */
    return !is_space(c) && !is_nl(c) && !(c >= 0xd800 && c <= 0xdfff) &&
           c != 0x200c && c != 0x200d && c <= 0x10ffff;
}

int bk_js__id_part(uint32_t c)
{
    if (c < 0x80)
        return bk_js__id_start(c) || (c >= '0' && c <= '9');
    return bk_js__id_start(c) || c == 0x200c || c == 0x200d;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the UTF-8 sequence at s[0..n); returns its length and sets *cp,
 * or 0 when it is malformed (overlong, surrogate, truncated, > U+10FFFF). */
static unsigned utf8_decode(const uint8_t *s, size_t n, uint32_t *cp)
{
    uint32_t c = s[0];
    unsigned len, i;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        c &= 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        c &= 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        c &= 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff))
        || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* ---- positions and errors ---------------------------------------------- */

void bk_js_lex_init(bk_js_lex_t *lx, bk_arena_t *a, const uint8_t *src,
                    uint32_t len, bk_js_lang_t lang,
                    bk_js_syntax_error_t *err)
{
    memset(lx, 0, sizeof(*lx));
    lx->src = src;
    lx->len = len;
    lx->at.line = 1;
    lx->arena = a;
    lx->lang = lang;
    lx->err = err;
}

static inline uint32_t col_of(const bk_js_lexpos_t *at)
{
    return at->pos - at->line_start - at->cont + 1;
}

/* Line and column of byte 'off', counting forward from 'from' (which must
 * not be past it). Only used to place errors, so speed does not matter. */
static void locate(const bk_js_lex_t *lx, bk_js_lexpos_t from, uint32_t off,
                   uint32_t *line, uint32_t *col)
{
    while (from.pos < off && from.pos < lx->len) {
        uint32_t c;
        unsigned n = utf8_decode(lx->src + from.pos, lx->len - from.pos, &c);
        if (n == 0) {
            n = 1;
            c = 0xfffd;
        }
        from.pos += n;
        if (is_nl(c) && !(c == '\r' && from.pos < lx->len &&
                          lx->src[from.pos] == '\n')) {
            from.line++;
            from.line_start = from.pos;
            from.cont = 0;
        } else {
            from.cont += n - 1;
        }
    }
    *line = from.line;
    *col = col_of(&from);
}

static void set_error(bk_js_lex_t *lx, bk_js_tok_t *t, uint32_t off,
                      const char *msg)
{
    bk_js_syntax_error_t *e = lx->err;
    e->oom = 0;
    snprintf(e->msg, sizeof(e->msg), "%s", msg);
    e->offset = off;
    locate(lx, t->at, off, &e->line, &e->col);
    t->type = BK_JS_T_ERROR;
}

static void set_oom(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    set_error(lx, t, t->start, "out of memory");
    lx->err->oom = 1;
}

/* Advances past one line terminator starting at lx->at.pos (CRLF = one). */
static void eat_nl(bk_js_lex_t *lx, unsigned n, uint32_t c)
{
    lx->at.pos += n;
    if (c == '\r' && lx->at.pos < lx->len && lx->src[lx->at.pos] == '\n')
        lx->at.pos++;
    lx->at.line++;
    lx->at.line_start = lx->at.pos;
    lx->at.cont = 0;
}

/* Reads the code point at the lexer position without consuming it; -1 at
 * the end, -2 for malformed UTF-8. *n gets its byte length. */
static int32_t peek_cp(const bk_js_lex_t *lx, uint32_t pos, unsigned *n)
{
    uint32_t c;
    if (pos >= lx->len) {
        *n = 0;
        return -1;
    }
    if (lx->src[pos] < 0x80) {
        *n = 1;
        return lx->src[pos];
    }
    *n = utf8_decode(lx->src + pos, lx->len - pos, &c);
    if (*n == 0)
        return -2;
    return (int32_t)c;
}

static inline void advance(bk_js_lex_t *lx, unsigned n)
{
    lx->at.pos += n;
    lx->at.cont += n - 1;
}

/* ---- whitespace and comments ------------------------------------------- */

/* Whether only spaces precede the lexer position on its line (for `-->`,
 * which opens a comment only at the start of a line). XXX: a block comment
 * before it on the same line is not recognised. */
static int line_blank(const bk_js_lex_t *lx)
{
    uint32_t i;
    for (i = lx->at.line_start; i < lx->at.pos; i++)
        if (lx->src[i] != ' ' && lx->src[i] != '\t')
            return 0;
    return 1;
}

/* Skips spaces, line terminators and comments; returns 1 if a line
 * terminator was crossed, -1 on an unterminated comment. Works on bytes:
 * the only non-ASCII characters that matter here are the line and space
 * separators, recognised by their UTF-8 lead bytes; anything else inside a
 * comment is skipped without decoding. */
static int skip_space(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    uint32_t len = lx->len;
    int nl = 0;
    for (;;) {
        uint32_t pos = lx->at.pos;
        unsigned n;
        int32_t c;
        if (pos >= len)
            return nl;
        switch (s[pos]) {
        case ' ': case '\t': case 0x0b: case 0x0c:
            lx->at.pos++;
            continue;
        case '\n':
            lx->at.pos++;
            lx->at.line++;
            lx->at.line_start = lx->at.pos;
            lx->at.cont = 0;
            nl = 1;
            continue;
        case '\r':
            eat_nl(lx, 1, '\r');
            nl = 1;
            continue;
        case '/':
            if (pos + 1 < len && s[pos + 1] == '/') {
                lx->at.pos += 2;
                goto line_comment;
            }
            if (pos + 1 < len && s[pos + 1] == '*') {
                uint32_t open = pos;
                pos += 2;
                for (;;) {
                    uint8_t b;
                    if (pos >= len) {
                        lx->at.pos = pos;
                        set_error(lx, t, open, "Invalid or unexpected token");
                        return -1;
                    }
                    b = s[pos];
                    if (b == '*' && pos + 1 < len && s[pos + 1] == '/') {
                        lx->at.pos = pos + 2;
                        break;
                    }
                    if (b == '\n' || b == '\r' ||
                        (b == 0xe2 && pos + 2 < len && s[pos + 1] == 0x80 &&
                         (s[pos + 2] == 0xa8 || s[pos + 2] == 0xa9))) {
                        lx->at.pos = pos;
                        eat_nl(lx, b == 0xe2 ? 3 : 1, b == 0xe2 ? LS : b);
                        pos = lx->at.pos;
                        nl = 1;
                        continue;
                    }
                    if ((b & 0xc0) == 0x80)
                        lx->at.cont++;
                    pos++;
                }
                continue;
            }
            return nl;
        case '<':
            if (pos + 3 < len && memcmp(s + pos, "<!--", 4) == 0) {
                /* Annex B HTML-like comment (scripts): to end of line. */
                lx->at.pos += 4;
                goto line_comment;
            }
            return nl;
        case '-':
            if ((nl || pos == 0 || line_blank(lx)) && pos + 2 < len &&
                memcmp(s + pos, "-->", 3) == 0) {
                lx->at.pos += 3;
                goto line_comment;
            }
            return nl;
        default:
            if (s[pos] < 0x80)
                return nl;
            c = peek_cp(lx, pos, &n);
            if (c == LS || c == PS) {
                eat_nl(lx, n, (uint32_t)c);
                nl = 1;
                continue;
            }
            if (c > 0 && is_space((uint32_t)c)) {
                advance(lx, n);
                continue;
            }
            return nl;
        }
    line_comment:
        pos = lx->at.pos;
        while (pos < len) {
            uint8_t b = s[pos];
            if (b == '\n' || b == '\r' ||
                (b == 0xe2 && pos + 2 < len && s[pos + 1] == 0x80 &&
                 (s[pos + 2] == 0xa8 || s[pos + 2] == 0xa9)))
                break;
            if ((b & 0xc0) == 0x80)
                lx->at.cont++;
            pos++;
        }
        lx->at.pos = pos;
    }
}

/* ---- identifiers ------------------------------------------------------- */

/* Keyword lookup: a switch on the first letter, then fixed-size compares
 * (the compiler inlines them), since every identifier goes through it. */
static uint8_t keyword_type(bk_str_t s)
{
#define KW(str, tp)                                                           \
    if (s.n == sizeof(str) - 1 && memcmp(s.p, str, sizeof(str) - 1) == 0)    \
        return BK_JS_T_##tp;
    if (s.n < 2 || s.n > 10)
        return BK_JS_T_NAME;
    switch (s.p[0]) {
    case 'b': KW("break", BREAK) break;
    case 'c':
        KW("case", CASE) KW("catch", CATCH) KW("class", CLASS)
        KW("const", CONST) KW("continue", CONTINUE) break;
    case 'd':
        KW("do", DO) KW("default", DEFAULT) KW("delete", DELETE)
        KW("debugger", DEBUGGER) break;
    case 'e':
        KW("else", ELSE) KW("enum", ENUM) KW("export", EXPORT)
        KW("extends", EXTENDS) break;
    case 'f':
        KW("for", FOR) KW("false", FALSE) KW("finally", FINALLY)
        KW("function", FUNCTION) break;
    case 'i':
        KW("if", IF) KW("in", IN) KW("import", IMPORT)
        KW("instanceof", INSTANCEOF) KW("implements", IMPLEMENTS)
        KW("interface", INTERFACE) break;
    case 'l': KW("let", LET) break;
    case 'n': KW("new", NEW) KW("null", NULL) break;
    case 'p':
        KW("package", PACKAGE) KW("private", PRIVATE)
        KW("protected", PROTECTED) KW("public", PUBLIC) break;
    case 'r': KW("return", RETURN) break;
    case 's': KW("super", SUPER) KW("switch", SWITCH) KW("static", STATIC)
        break;
    case 't':
        KW("this", THIS) KW("throw", THROW) KW("true", TRUE) KW("try", TRY)
        KW("typeof", TYPEOF) break;
    case 'v': KW("var", VAR) KW("void", VOID) break;
    case 'w': KW("while", WHILE) KW("with", WITH) break;
    case 'y': KW("yield", YIELD) break;
    default: break;
    }
    return BK_JS_T_NAME;
#undef KW
}

/* Reads \uXXXX or \u{X...} after the backslash at lx->at.pos; returns the
 * code point, -1 if malformed, -2 if out of range. Consumes it. */
static int32_t read_uescape(bk_js_lex_t *lx)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->at.pos + 1, v = 0;
    int d, i;
    if (p >= lx->len || s[p] != 'u')
        return -1;
    p++;
    if (p < lx->len && s[p] == '{') {
        p++;
        if (p >= lx->len || hexval(s[p]) < 0)
            return -1;
        while (p < lx->len && (d = hexval(s[p])) >= 0) {
            v = v * 16 + (uint32_t)d;
            if (v > 0x10ffff)
                return -2;
            p++;
        }
        if (p >= lx->len || s[p] != '}')
            return -1;
        p++;
    } else {
        for (i = 0; i < 4; i++, p++) {
            if (p >= lx->len || (d = hexval(s[p])) < 0)
                return -1;
            v = v * 16 + (uint32_t)d;
        }
    }
    lx->at.pos = p;
    return (int32_t)v;
}

static size_t put_utf8(uint8_t *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (uint8_t)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (uint8_t)(0xc0 | (c >> 6));
        o[1] = (uint8_t)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (uint8_t)(0xe0 | (c >> 12));
        o[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
        o[2] = (uint8_t)(0x80 | (c & 0x3f));
        return 3;
    }
    o[0] = (uint8_t)(0xf0 | (c >> 18));
    o[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
    o[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
    o[3] = (uint8_t)(0x80 | (c & 0x3f));
    return 4;
}

/* Where the identifier (with escapes) containing 'pos' ends, roughly:
 * an upper bound for its decoded byte length. */
static uint32_t ident_extent(const bk_js_lex_t *lx, uint32_t pos)
{
    while (pos < lx->len) {
        uint8_t c = lx->src[pos];
        if (c == '\\' || c >= 0x80 || c == '{' || c == '}' ||
            bk_js__id_part(c))
            pos++;
        else
            break;
    }
    return pos;
}

/* Scans an identifier or keyword starting at lx->at.pos (first char already
 * known to start one, or a backslash). */
static void scan_ident(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    uint32_t start = lx->at.pos;
    uint8_t *out = NULL;
    size_t on = 0;
    int first = 1;
    for (;;) {
        unsigned n;
        int32_t c;
        /* Fast path: a run of ASCII identifier characters. */
        if (out == NULL) {
            uint32_t q = lx->at.pos;
            if (first && q < lx->len && (id_tab[lx->src[q]] & 1))
                q++;
            if (q > lx->at.pos || !first)
                while (q < lx->len && (id_tab[lx->src[q]] & 2))
                    q++;
            if (q > lx->at.pos) {
                lx->at.pos = q;
                first = 0;
            }
            /* Ended on plain ASCII: the common case, done. */
            if (q >= lx->len || (lx->src[q] < 0x80 && lx->src[q] != '\\'))
                break;
        }
        c = peek_cp(lx, lx->at.pos, &n);
        if (c == '\\') {
            uint32_t esc = lx->at.pos;
            int32_t v = read_uescape(lx);
            if (v < 0 || !(first ? bk_js__id_start((uint32_t)v)
                                 : bk_js__id_part((uint32_t)v))) {
                set_error(lx, t, esc, "Invalid Unicode escape sequence");
                return;
            }
            if (out == NULL) {
                /* The decoded name is never longer than its source. */
                out = bk_arena_alloc(lx->arena, ident_extent(lx, esc) -
                                                    start + 4);
                if (out == NULL) {
                    set_oom(lx, t);
                    return;
                }
                memcpy(out, lx->src + start, esc - start);
                on = esc - start;
            }
            on += put_utf8(out + on, (uint32_t)v);
            t->escaped = 1;
        } else if (c >= 0 && (first ? bk_js__id_start((uint32_t)c)
                                    : bk_js__id_part((uint32_t)c))) {
            if (out != NULL) {
                memcpy(out + on, lx->src + lx->at.pos, n);
                on += n;
            }
            advance(lx, n);
        } else {
            break;
        }
        first = 0;
    }
    t->name = out ? bk_str(out, on) : bk_str(lx->src + start,
                                             lx->at.pos - start);
    t->type = keyword_type(t->name);
    if (t->escaped && t->type != BK_JS_T_NAME) {
        /* An escaped reserved word is only good as a property name. */
        t->type = BK_JS_T_NAME;
        t->escaped = 2;
    }
}

/* ---- numbers ----------------------------------------------------------- */

/* The "C" locale for strtod_l, so a process that called setlocale() still
 * reads "1.5" as 1.5. Created once; a lost race leaks one locale object. */
static locale_t c_locale(void)
{
    static locale_t loc;
    locale_t l = __atomic_load_n(&loc, __ATOMIC_ACQUIRE), expect = NULL;
    if (l != NULL)
        return l;
    l = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (l == NULL)
        return NULL;
    if (!__atomic_compare_exchange_n(&loc, &expect, l, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        freelocale(l);
        return expect;
    }
    return l;
}

/* Converts the digits of a power-of-two radix (bits per digit 'shift'),
 * separators already removed, to the nearest double (ties to even). */
static double radix2_to_double(const uint8_t *d, size_t n, unsigned shift)
{
    uint64_t m = 0;
    int exp = 0, sticky = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        uint64_t v = (uint64_t)hexval(d[i]);
        if (m >> (64 - shift)) {
            /* Full: keep the top bits, remember anything lost. */
            exp += (int)shift;
            sticky |= v != 0;
            continue;
        }
        m = (m << shift) | v;
    }
    if (m == 0)
        return 0.0;
    /* Normalise to 64 significant bits, then round to 53. */
    int lz = __builtin_clzll(m);
    m <<= lz;
    exp -= lz;
    uint64_t low = m & 0x7ff; /* the 11 bits dropped */
    m >>= 11;
    exp += 11;
    if (low > 0x400 || (low == 0x400 && (sticky || (m & 1))))
        m++;
    return ldexp((double)m, exp);
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* Scans a numeric literal at lx->at.pos. */
static void scan_number(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->at.pos, end = lx->len;
    uint8_t small[64], *buf = small;
    size_t bn = 0, cap = sizeof(small);
    int radix = 10;
    unsigned n;

    if (s[p] != '.') {
        /* Fast path: a short run of digits is exact as an integer. */
        uint32_t q = p;
        uint64_t v = 0;
        while (q < end && q - p < 15 && is_digit(s[q]))
            v = v * 10 + (uint64_t)(s[q++] - '0');
        if ((s[p] != '0' || q - p == 1) &&
            (q >= end ||
             (!(id_tab[s[q]] & 2) && s[q] != '.' && s[q] != '\\' &&
              s[q] < 0x80))) {
            t->num = (double)v;
            lx->at.pos = q;
            t->type = BK_JS_T_NUMBER;
            return;
        }
    }
    /* Worst case the cleaned copy is as long as the literal. */
    {
        uint32_t q = p;
        while (q < end && ((id_tab[s[q]] & 2) || s[q] == '.' ||
                           ((s[q] == '+' || s[q] == '-') &&
                            (s[q - 1] == 'e' || s[q - 1] == 'E'))))
            q++;
        if (q - p + 1 > cap) {
            cap = q - p + 1;
            buf = bk_arena_alloc(lx->arena, cap);
            if (buf == NULL) {
                set_oom(lx, t);
                return;
            }
        }
    }

    if (s[p] == '0' && p + 1 < end) {
        int c = s[p + 1] | 0x20;
        if (c == 'x')
            radix = 16;
        else if (c == 'o')
            radix = 8;
        else if (c == 'b')
            radix = 2;
        else if (is_digit(s[p + 1]) || s[p + 1] == '_') {
            uint32_t q = p + 1;
            if (s[p + 1] == '_') {
                set_error(lx, t, p + 1,
                          "Numeric separator can not be used after leading "
                          "0.");
                return;
            }
            while (q < end && is_digit(s[q]) && s[q] < '8')
                q++;
            if (q < end && is_digit(s[q]))
                set_error(lx, t, p, "Decimals with leading zeros are not "
                                    "allowed in strict mode.");
            else
                set_error(lx, t, p, "Octal literals are not allowed in "
                                    "strict mode.");
            return;
        }
    }

    if (radix != 10) {
        int prev_digit = 0;
        if (radix != 16 && lx->lang < BK_JS_LANG_CF2) {
            set_error(lx, t, p, "binary and octal literals are not "
                                "supported in cloudfront-js-1.0");
            return;
        }
        p += 2;
        for (; p < end; p++) {
            int v = hexval(s[p]);
            if (s[p] == '_') {
                if (lx->lang < BK_JS_LANG_CF2) {
                    set_error(lx, t, p, "Numeric separators are not "
                                        "supported in cloudfront-js-1.0");
                    return;
                }
                if (!prev_digit) {
                    set_error(lx, t, p, bn == 0 ?
                              "Numeric separators are not allowed here" :
                              "Only one underscore is allowed as numeric "
                              "separator");
                    return;
                }
                prev_digit = 0;
                continue;
            }
            if (v < 0 || v >= radix)
                break;
            buf[bn++] = s[p];
            prev_digit = 1;
        }
        if (bn == 0) {
            set_error(lx, t, lx->at.pos, "Invalid or unexpected token");
            return;
        }
        if (!prev_digit) {
            set_error(lx, t, p - 1, "Numeric separators are not allowed at "
                                    "the end of numeric literals");
            return;
        }
        t->num = radix2_to_double(buf, bn, radix == 16 ? 4
                                           : radix == 8 ? 3 : 1);
    } else {
        /* Decimal: digits [. digits] [e [+-] digits] */
        int sect = 0; /* 0 int, 1 frac, 2 exp */
        int prev_digit = 0;
        for (; p < end; p++) {
            uint8_t c = s[p];
            if (is_digit(c)) {
                buf[bn++] = c;
                prev_digit = 1;
            } else if (c == '_') {
                if (lx->lang < BK_JS_LANG_CF2) {
                    set_error(lx, t, p, "Numeric separators are not "
                                        "supported in cloudfront-js-1.0");
                    return;
                }
                if (!prev_digit) {
                    set_error(lx, t, p, s[p - 1] == '_' ?
                              "Only one underscore is allowed as numeric "
                              "separator" : "Numeric separators are not "
                              "allowed here");
                    return;
                }
                prev_digit = 0;
            } else if (c == '.' && sect == 0) {
                if (bn > 0 && !prev_digit) {
                    set_error(lx, t, p - 1, "Numeric separators are not "
                              "allowed at the end of numeric literals");
                    return;
                }
                buf[bn++] = c;
                sect = 1;
                prev_digit = 0;
                if (p + 1 < end && s[p + 1] == '_') {
                    set_error(lx, t, p + 1, "Numeric separators are not "
                                            "allowed here");
                    return;
                }
            } else if ((c | 0x20) == 'e' && sect < 2) {
                if (p > lx->at.pos && s[p - 1] == '_') {
                    set_error(lx, t, p - 1, "Numeric separators are not "
                              "allowed at the end of numeric literals");
                    return;
                }
                uint32_t q = p + 1;
                if (q < end && (s[q] == '+' || s[q] == '-'))
                    q++;
                if (q >= end || !is_digit(s[q])) {
                    set_error(lx, t, lx->at.pos,
                              "Invalid or unexpected token");
                    return;
                }
                buf[bn++] = 'e';
                if (s[p + 1] == '+' || s[p + 1] == '-')
                    buf[bn++] = s[++p];
                sect = 2;
                prev_digit = 0;
            } else {
                break;
            }
        }
        if (s[p - 1] == '_') {
            set_error(lx, t, p - 1, "Numeric separators are not allowed at "
                                    "the end of numeric literals");
            return;
        }
        buf[bn] = 0;
        {
            locale_t loc = c_locale();
            t->num = loc ? strtod_l((const char *)buf, NULL, loc)
                         : strtod((const char *)buf, NULL);
        }
    }
    if (p < end && s[p] == 'n') {
        set_error(lx, t, lx->at.pos, "BigInt literals are not supported");
        return;
    }
    /* An identifier or digit right after a number is an error (3in x). */
    int32_t c = peek_cp(lx, p, &n);
    if (c >= 0 && (bk_js__id_start((uint32_t)c) || is_digit(c) ||
                   c == '\\')) {
        set_error(lx, t, p, "Invalid or unexpected token");
        return;
    }
    lx->at.pos = p;
    t->type = BK_JS_T_NUMBER;
}

/* ---- strings and templates --------------------------------------------- */

static inline void put_u16(uint16_t *u, uint32_t *n, uint32_t c)
{
    if (c >= 0x10000) {
        c -= 0x10000;
        u[(*n)++] = (uint16_t)(0xd800 | (c >> 10));
        u[(*n)++] = (uint16_t)(0xdc00 | (c & 0x3ff));
    } else {
        u[(*n)++] = (uint16_t)c;
    }
}

static void finish_u16(bk_js_u16_t *s, uint16_t *u, uint32_t n)
{
    uint32_t i;
    s->units = u;
    s->len = n;
    s->latin1 = 1;
    for (i = 0; i < n; i++)
        if (u[i] > 0xff) {
            s->latin1 = 0;
            break;
        }
}

/* Decodes one escape after the backslash at lx->at.pos, for a string
 * (tmpl 0) or a template (tmpl 1). Returns the code point to append, -1 for
 * a line continuation (nothing), or -2 with *msg set for an invalid escape
 * (consumed as far as it goes). */
static int32_t read_escape(bk_js_lex_t *lx, int tmpl, const char **msg)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->at.pos + 1;
    unsigned n;
    int32_t c = peek_cp(lx, p, &n);
    switch (c) {
    case 'b': lx->at.pos = p + 1; return '\b';
    case 'f': lx->at.pos = p + 1; return '\f';
    case 'n': lx->at.pos = p + 1; return '\n';
    case 'r': lx->at.pos = p + 1; return '\r';
    case 't': lx->at.pos = p + 1; return '\t';
    case 'v': lx->at.pos = p + 1; return '\v';
    case 'x': {
        int a = p + 1 < lx->len ? hexval(s[p + 1]) : -1;
        int b = p + 2 < lx->len ? hexval(s[p + 2]) : -1;
        if (a < 0 || b < 0) {
            *msg = "Invalid hexadecimal escape sequence";
            lx->at.pos = p + 1;
            return -2;
        }
        lx->at.pos = p + 3;
        return a * 16 + b;
    }
    case 'u': {
        int32_t v = read_uescape(lx);
        if (v < 0) {
            *msg = v == -2 ? "Undefined Unicode code-point"
                           : "Invalid Unicode escape sequence";
            lx->at.pos = p + 1;
            return -2;
        }
        return v;
    }
    case '0':
        if (p + 1 >= lx->len || !is_digit(s[p + 1])) {
            lx->at.pos = p + 1;
            return 0;
        }
        /* \0 followed by a digit is a legacy octal escape */
        /* fall through */
    case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        *msg = tmpl ? "Octal escape sequences are not allowed in template "
                      "strings."
                    : "Octal escape sequences are not allowed in strict "
                      "mode.";
        lx->at.pos = p + 1;
        return -2;
    case '8': case '9':
        *msg = tmpl ? "\\8 and \\9 are not allowed in template strings."
                    : "\\8 and \\9 are not allowed in strict mode.";
        lx->at.pos = p + 1;
        return -2;
    case '\r': case '\n': case LS: case PS:
        lx->at.pos = p;
        eat_nl(lx, n, (uint32_t)c);
        return -1;
    case -1:
        *msg = "Invalid or unexpected token";
        lx->at.pos = p;
        return -2;
    case -2:
        *msg = "Invalid or unexpected token";
        lx->at.pos = p;
        return -2;
    default:
        advance(lx, n);
        lx->at.pos = p + n;
        return c;
    }
}

static void scan_string(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    uint8_t q = s[lx->at.pos];
    uint32_t p = lx->at.pos + 1, un = 0;
    uint16_t *u;
    /* Find the end first: the decoded length is at most the byte length. */
    while (p < lx->len && s[p] != q) {
        if (s[p] == '\\') {
            p++;
            if (p + 1 < lx->len && s[p] == '\r' && s[p + 1] == '\n')
                p++; /* a CRLF line continuation */
        } else if (s[p] == '\n' || s[p] == '\r') {
            break;
        }
        p++;
    }
    if (p >= lx->len || s[p] != q) {
        set_error(lx, t, t->start, "Invalid or unexpected token");
        return;
    }
    u = bk_arena_alloc(lx->arena, (p - lx->at.pos) * sizeof(uint16_t) + 2);
    if (u == NULL) {
        set_oom(lx, t);
        return;
    }
    lx->at.pos++;
    for (;;) {
        unsigned n;
        int32_t c;
        /* Fast path: plain ASCII characters copy straight through. */
        {
            uint32_t k = lx->at.pos;
            while (k < p && s[k] != q && s[k] != '\\' && s[k] < 0x80 &&
                   s[k] != '\n' && s[k] != '\r')
                u[un++] = s[k++];
            lx->at.pos = k;
        }
        c = peek_cp(lx, lx->at.pos, &n);
        if (c == q) {
            lx->at.pos++;
            break;
        }
        if (c == '\\') {
            const char *msg = NULL;
            uint32_t at = lx->at.pos;
            c = read_escape(lx, 0, &msg);
            if (c == -2) {
                set_error(lx, t, at, msg);
                return;
            }
            if (c >= 0)
                put_u16(u, &un, (uint32_t)c);
        } else if (c < 0 || c == '\n' || c == '\r') {
            set_error(lx, t, t->start, "Invalid or unexpected token");
            return;
        } else {
            if (c == LS || c == PS) {
                /* Allowed in strings since ES2019; still a new line. */
                eat_nl(lx, n, (uint32_t)c);
            } else {
                advance(lx, n);
            }
            put_u16(u, &un, (uint32_t)c);
        }
    }
    finish_u16(&t->str, u, un);
    t->type = BK_JS_T_STRING;
}

/* Scans template characters from lx->at.pos (just after ` or }) up to the
 * closing ` or ${, filling cooked and raw. 'head' says whether the piece
 * began with a backtick. */
static void scan_template_part(bk_js_lex_t *lx, bk_js_tok_t *t, int head)
{
    const uint8_t *s = lx->src;
    uint32_t p = lx->at.pos, un = 0, rn = 0;
    uint16_t *u, *r;
    /* Upper bound of the piece's length. */
    while (p < lx->len && s[p] != '`' &&
           !(s[p] == '$' && p + 1 < lx->len && s[p + 1] == '{')) {
        if (s[p] == '\\')
            p++;
        p++;
    }
    if (p >= lx->len) {
        set_error(lx, t, t->start, "Unterminated template literal");
        return;
    }
    size_t bytes = (p - lx->at.pos) * sizeof(uint16_t) + 2;
    u = bk_arena_alloc(lx->arena, bytes);
    r = u ? bk_arena_alloc(lx->arena, bytes) : NULL;
    if (r == NULL) {
        set_oom(lx, t);
        return;
    }
    t->cooked_ok = 1;
    t->bad_escape = NULL;
    for (;;) {
        unsigned n;
        uint32_t at = lx->at.pos;
        int32_t c = peek_cp(lx, at, &n);
        if (c == '`') {
            lx->at.pos++;
            t->type = head ? BK_JS_T_TEMPLATE : BK_JS_T_TEMPLATE_TAIL;
            break;
        }
        if (c == '$' && at + 1 < lx->len && s[at + 1] == '{') {
            lx->at.pos += 2;
            t->type = head ? BK_JS_T_TEMPLATE_HEAD : BK_JS_T_TEMPLATE_MIDDLE;
            break;
        }
        if (c == -2) {
            set_error(lx, t, at, "Invalid or unexpected token");
            return;
        }
        if (c == '\\') {
            const char *msg = NULL;
            int32_t v = read_escape(lx, 1, &msg);
            if (v == -2) {
                if (msg == NULL || lx->at.pos > lx->len) {
                    set_error(lx, t, t->start,
                              "Unterminated template literal");
                    return;
                }
                if (t->cooked_ok) {
                    t->cooked_ok = 0;
                    t->bad_escape = msg;
                    t->bad_off = at;
                }
            } else if (v >= 0) {
                put_u16(u, &un, (uint32_t)v);
            }
            /* Raw: the source text, line terminators normalised. */
            uint32_t q = at;
            while (q < lx->at.pos) {
                uint32_t cp;
                unsigned m = utf8_decode(s + q, lx->len - q, &cp);
                if (m == 0)
                    m = 1, cp = 0xfffd;
                if (cp == '\r') {
                    put_u16(r, &rn, '\n');
                    q += (q + 1 < lx->len && s[q + 1] == '\n') ? 2 : 1;
                    continue;
                }
                put_u16(r, &rn, cp);
                q += m;
            }
            continue;
        }
        if (c == '\r' || c == '\n' || c == LS || c == PS) {
            eat_nl(lx, n, (uint32_t)c);
            uint32_t v = (c == '\r') ? '\n' : (uint32_t)c;
            put_u16(u, &un, v);
            put_u16(r, &rn, v);
            continue;
        }
        advance(lx, n);
        put_u16(u, &un, (uint32_t)c);
        put_u16(r, &rn, (uint32_t)c);
    }
    finish_u16(&t->str, u, un);
    finish_u16(&t->raw, r, rn);
}

/* ---- the main scanner -------------------------------------------------- */

static void begin(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    t->at = lx->at;
    t->start = lx->at.pos;
    t->line = lx->at.line;
    t->col = col_of(&lx->at);
    t->escaped = 0;
}

void bk_js_lex_next(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    int nl;
    t->at = lx->at;
    t->start = lx->at.pos;
    nl = skip_space(lx, t);
    if (nl < 0)
        return;
    t->nl_before = (uint8_t)nl;
    begin(lx, t);
    if (lx->at.pos >= lx->len) {
        t->type = BK_JS_T_EOF;
        t->end = lx->len;
        return;
    }
    uint32_t p = lx->at.pos;
    uint8_t c = s[p];
    int type = -1, len = 1;
    if (id_tab[c] & 1) {
        scan_ident(lx, t);
        t->end = lx->at.pos;
        return;
    }
    uint8_t c1 = p + 1 < lx->len ? s[p + 1] : 0;
    uint8_t c2 = c1 && p + 2 < lx->len ? s[p + 2] : 0;
    uint8_t c3 = c2 && p + 3 < lx->len ? s[p + 3] : 0;

#define TOK(tp, l) (type = BK_JS_T_##tp, len = (l))
    switch (c) {
    case '{': TOK(LBRACE, 1); break;
    case '}': TOK(RBRACE, 1); break;
    case '(': TOK(LPAREN, 1); break;
    case ')': TOK(RPAREN, 1); break;
    case '[': TOK(LBRACKET, 1); break;
    case ']': TOK(RBRACKET, 1); break;
    case ';': TOK(SEMI, 1); break;
    case ',': TOK(COMMA, 1); break;
    case ':': TOK(COLON, 1); break;
    case '~': TOK(TILDE, 1); break;
    case '.':
        if (is_digit(c1)) {
            scan_number(lx, t);
            t->end = lx->at.pos;
            return;
        }
        if (c1 == '.' && c2 == '.')
            TOK(ELLIPSIS, 3);
        else
            TOK(DOT, 1);
        break;
    case '?':
        if (c1 == '?')
            c2 == '=' ? TOK(NULLISH_ASSIGN, 3) : TOK(NULLISH, 2);
        else if (c1 == '.' && !is_digit(c2))
            TOK(QDOT, 2);
        else
            TOK(QUESTION, 1);
        break;
    case '<':
        if (c1 == '<')
            c2 == '=' ? TOK(SHL_ASSIGN, 3) : TOK(SHL, 2);
        else
            c1 == '=' ? TOK(LE, 2) : TOK(LT, 1);
        break;
    case '>':
        if (c1 == '>') {
            if (c2 == '>')
                c3 == '=' ? TOK(SHR_ASSIGN, 4) : TOK(SHR, 3);
            else
                c2 == '=' ? TOK(SAR_ASSIGN, 3) : TOK(SAR, 2);
        } else {
            c1 == '=' ? TOK(GE, 2) : TOK(GT, 1);
        }
        break;
    case '=':
        if (c1 == '=')
            c2 == '=' ? TOK(SEQ, 3) : TOK(EQ, 2);
        else
            c1 == '>' ? TOK(ARROW, 2) : TOK(ASSIGN, 1);
        break;
    case '!':
        if (c1 == '=')
            c2 == '=' ? TOK(SNE, 3) : TOK(NE, 2);
        else
            TOK(BANG, 1);
        break;
    case '+':
        c1 == '+' ? TOK(INC, 2) : c1 == '=' ? TOK(PLUS_ASSIGN, 2)
                                            : TOK(PLUS, 1);
        break;
    case '-':
        c1 == '-' ? TOK(DEC, 2) : c1 == '=' ? TOK(MINUS_ASSIGN, 2)
                                            : TOK(MINUS, 1);
        break;
    case '*':
        if (c1 == '*')
            c2 == '=' ? TOK(STARSTAR_ASSIGN, 3) : TOK(STARSTAR, 2);
        else
            c1 == '=' ? TOK(STAR_ASSIGN, 2) : TOK(STAR, 1);
        break;
    case '/': c1 == '=' ? TOK(SLASH_ASSIGN, 2) : TOK(SLASH, 1); break;
    case '%': c1 == '=' ? TOK(PERCENT_ASSIGN, 2) : TOK(PERCENT, 1); break;
    case '^': c1 == '=' ? TOK(CARET_ASSIGN, 2) : TOK(CARET, 1); break;
    case '&':
        if (c1 == '&')
            c2 == '=' ? TOK(AND_ASSIGN, 3) : TOK(AND, 2);
        else
            c1 == '=' ? TOK(AMP_ASSIGN, 2) : TOK(AMP, 1);
        break;
    case '|':
        if (c1 == '|')
            c2 == '=' ? TOK(OR_ASSIGN, 3) : TOK(OR, 2);
        else
            c1 == '=' ? TOK(PIPE_ASSIGN, 2) : TOK(PIPE, 1);
        break;
    case '"':
    case '\'':
        scan_string(lx, t);
        t->end = lx->at.pos;
        return;
    case '`':
        lx->at.pos++;
        scan_template_part(lx, t, 1);
        t->end = lx->at.pos;
        return;
    default:
        if (is_digit(c)) {
            scan_number(lx, t);
            t->end = lx->at.pos;
            return;
        }
        {
            unsigned n;
            int32_t cp = peek_cp(lx, p, &n);
            if (cp == '\\' || (cp >= 0 && bk_js__id_start((uint32_t)cp))) {
                scan_ident(lx, t);
                t->end = lx->at.pos;
                return;
            }
        }
        set_error(lx, t, p, "Invalid or unexpected token");
        return;
    }
#undef TOK
    /* ES2020: ??= &&= ||= are 2.0 only; the parser rejects them in 1.0. */
    lx->at.pos += (uint32_t)len;
    t->type = (uint8_t)type;
    t->end = lx->at.pos;
}

void bk_js_lex_rewind(bk_js_lex_t *lx, const bk_js_tok_t *t)
{
    lx->at = t->at; /* the state at the token's first byte */
}

void bk_js_lex_regexp(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    const uint8_t *s = lx->src;
    uint32_t p = t->start + 1, pat;
    int in_class = 0;
    lx->at = t->at;
    pat = p;
    for (;;) {
        unsigned n;
        int32_t c = peek_cp(lx, p, &n);
        if (c < 0 || is_nl((uint32_t)c)) {
            set_error(lx, t, t->start, "Invalid regular expression: missing /");
            return;
        }
        if (c == '\\') {
            p++;
            c = peek_cp(lx, p, &n);
            if (c < 0 || is_nl((uint32_t)c)) {
                set_error(lx, t, t->start,
                          "Invalid regular expression: missing /");
                return;
            }
        } else if (c == '[') {
            in_class = 1;
        } else if (c == ']') {
            in_class = 0;
        } else if (c == '/' && !in_class) {
            break;
        }
        lx->at.cont += n - 1;
        p += n;
    }
    t->name = bk_str(s + pat, p - pat);
    p++;
    uint32_t fl = p;
    unsigned seen = 0;
    const char *allowed = lx->lang >= BK_JS_LANG_CF2 ? "dgimsuy" : "gimsuy";
    for (;;) {
        unsigned n;
        int32_t c = peek_cp(lx, p, &n);
        if (c == '\\') {
            set_error(lx, t, p, "Invalid regular expression flags");
            return;
        }
        if (c < 0 || !bk_js__id_part((uint32_t)c))
            break;
        const char *f = c < 0x80 ? strchr(allowed, c) : NULL;
        if (f == NULL || (seen & (1u << (f - allowed)))) {
            set_error(lx, t, t->start, "Invalid regular expression flags");
            return;
        }
        seen |= 1u << (f - allowed);
        p += n;
    }
    t->flags = bk_str(s + fl, p - fl);
    lx->at.pos = p;
    t->end = p;
    t->type = BK_JS_T_REGEXP;
}

void bk_js_lex_template(bk_js_lex_t *lx, bk_js_tok_t *t)
{
    /* t is the `}` (t->at: the state at it): resume right after it. */
    lx->at = t->at;
    lx->at.pos++;
    scan_template_part(lx, t, 0);
    t->end = lx->at.pos;
}
