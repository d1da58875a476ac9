/*
 * re.c: JavaScript regular expressions on PCRE2 (16-bit code units).
 *
 * compile = a one-pass translator from ECMAScript pattern syntax to PCRE2
 * syntax (after a pre-scan that counts groups and collects names, since JS
 * allows forward references), then pcre2_compile (+ JIT when available).
 * The translator owns all syntax checking, so errors carry V8's texts;
 * everything it emits is plain PCRE2 that cannot be misread: literals other
 * than ASCII letters and digits become \x{..}, class escapes become explicit
 * ranges, backreferences \g{N}, named groups plain numbered groups. Loops
 * that need JS's per-iteration rules get hidden marker groups and a
 * callout (see loop_t), so PCRE2 group numbers map to JS ones via re->map.
 *
 * Invariant: no recursion (groups are tracked on an explicit stack), and
 * PCRE2's own limits (nesting 250, quantifier 65535) surface as SyntaxError.
 */
#define PCRE2_CODE_UNIT_WIDTH 16
#include "js/re.h"

#include <pcre2.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Character sets of the class escapes (inclusive ranges)
 * ------------------------------------------------------------------- */

typedef struct {
    uint32_t lo, hi;
} range_t;

static const range_t set_digit[] = {{0x30, 0x39}};
static const range_t set_word[] = {
    {0x30, 0x39}, {0x41, 0x5a}, {0x5f, 0x5f}, {0x61, 0x7a}};
/* \w with `u` and `i`: WordCharacters adds what case-folds into it. */
static const range_t set_word_iu[] = {
    {0x30, 0x39}, {0x41, 0x5a}, {0x5f, 0x5f}, {0x61, 0x7a}, {0x17f, 0x17f},
    {0x212a, 0x212a}};
static const range_t set_space[] = {
    {0x09, 0x0d},     {0x20, 0x20},     {0xa0, 0xa0},     {0x1680, 0x1680},
    {0x2000, 0x200a}, {0x2028, 0x2029}, {0x202f, 0x202f}, {0x205f, 0x205f},
    {0x3000, 0x3000}, {0xfeff, 0xfeff}};
static const range_t set_lineterm[] = {
    {0x0a, 0x0a}, {0x0d, 0x0d}, {0x2028, 0x2029}};

enum { SET_DIGIT, SET_WORD, SET_SPACE, SET_LINETERM, SET_COUNT };

static const struct {
    const range_t *r;
    int n;
} sets[SET_COUNT] = {
    {set_digit, 1}, {set_word, 4}, {set_space, 10}, {set_lineterm, 3}};

/* PCRE2's UTF mode cannot see a lone surrogate: in a subject it is an
 * invalid unit that nothing matches, and a pattern cannot name one. With
 * `u`, JS treats it as a code point of its own (matched by `.`, [^x], \S,
 * [\uD800]). So a `u` regex writes lone surrogates as stand-ins from the
 * private use block SUR_LO..SUR_HI (U+D800 + k -> SUR_LO + k), and exec
 * gives it a copy of the subject with its lone surrogates replaced the
 * same way. Both sides stay exact while neither names a real stand-in:
 * a pattern that does (a literal, a range partly over the block, a \p
 * property) is compiled the old way (lone surrogates match nothing), and
 * a subject that holds one is matched as it is. */
#define SUR_LO 0xf000u
#define SUR_HI 0xf7ffu
#define SUR(cp) (SUR_LO + ((cp) - 0xd800u))

/* ---------------------------------------------------------------------
 * Translator state
 * ------------------------------------------------------------------- */

typedef struct {
    size_t off, len; /* the decoded name in tr_t.namebuf */
    int group;
} pname_t;

#define MAX_DEPTH 256
#define MAX_NAMES 256
#define MAX_LOOPS 64
#define MAX_GROUPS 1024

/* A repeated group holding captures. JS clears those captures at the
 * start of every iteration; PCRE2 keeps the last value each one got. An
 * empty group (the marker) emitted at the start of the body records where
 * the last iteration began; after a match, captures inside that began
 * before it (from older iterations) are cleared.
 *
 * JS also rejects an iteration beyond the minimum that matches empty (the
 * "empty check"), where PCRE2 accepts it and leaves the loop. A callout at
 * the end of the body fails such an iteration: it is empty when the
 * marker stands at the current position; with minimum 1, a second marker
 * before the loop tells the (exempt) first iteration apart. */
typedef struct {
    size_t paren;  /* the group's '(' in the source */
    int first, last; /* JS groups inside it */
    int marker;    /* PCRE2 number of the marker */
    int min;       /* the quantifier's minimum, capped at 2 */
    int start;     /* min 1: PCRE2 number of a marker before the loop */
} loop_t;

enum { G_CAPTURE, G_PLAIN, G_LOOKAHEAD, G_LOOKBEHIND };

/* What the last emitted term was, for quantifier checks. */
enum { L_NONE, L_ATOM, L_LOOKAHEAD, L_LOOKBEHIND, L_ASSERT, L_QUANT };

typedef struct {
    const uint16_t *p;
    size_t n, i;
    int u, ic, dotall, multiline;
    int v; /* `v`: `u` plus the class syntax of UnicodeSets mode */
    int sur;       /* u: lone surrogates are written as stand-ins (SUR_*) */
    int pua_clash; /* the pattern names a stand-in itself (see SUR_*) */
    uint32_t max; /* largest code point: 0xffff, or 0x10ffff with u */
    bk_buf_t out; /* uint16_t units */
    int oom;
    const char *err;
    int ncaps;    /* from the pre-scan */
    int seen;     /* capture groups opened so far */
    int has_named;
    pname_t names[MAX_NAMES];
    int nnames;
    uint16_t namebuf[8192]; /* decoded group names */
    size_t namebuf_n;
    uint8_t stack[MAX_DEPTH];
    uint8_t extra[MAX_DEPTH]; /* the group got a loop marker: one more ')' */
    int depth;
    /* Repeated groups holding captures (see prescan_loops). */
    loop_t loops[MAX_LOOPS];
    int nloops;
    int map[MAX_GROUPS + 1]; /* JS group -> PCRE2 group */
    int npcre;               /* PCRE2 groups, markers included */
} tr_t;

static void put(tr_t *t, uint32_t unit)
{
    uint16_t u = (uint16_t)unit;
    if (bk_buf_append(&t->out, &u, 2) != BK_OK)
        t->oom = 1;
}

static void puts_(tr_t *t, const char *s)
{
    while (*s)
        put(t, (uint8_t)*s++);
}

static void put_hex(tr_t *t, uint32_t cp)
{
    char b[16];
    int n = 0;
    do {
        b[n++] = "0123456789abcdef"[cp & 15];
        cp >>= 4;
    } while (cp);
    puts_(t, "\\x{");
    while (n)
        put(t, (uint8_t)b[--n]);
    put(t, '}');
}

static int is_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

/* A literal code point outside a class. */
/* Case folding without `u`. JS canonicalises with toUpperCase and never
 * maps a non-ASCII character to ASCII; PCRE2 folds with Unicode's simple
 * folding. They disagree on these characters, each of which JS matches
 * only to itself (long s, Kelvin, Angstrom and Ohm signs, sharp s, capital
 * sharp s, capital theta symbol): */
static const uint32_t fold_odd[] = {0xdf,   0x17f,  0x3f4, 0x1e9e,
                                    0x2126, 0x212a, 0x212b};

/* ...and these are the JS case classes of their PCRE2 partners. */
static const uint32_t fold_groups[][4] = {
    {'S', 's', 0}, {'K', 'k', 0}, {0xc5, 0xe5, 0},
    {0x3a9, 0x3c9, 0}, {0x398, 0x3b8, 0x3d1, 0},
};

/* Pairs JS's simple case folding (with `u` and `i`) joins and PCRE2's
 * Unicode tables do not. */
static const uint32_t ufold_pairs[][2] = {
    {0x390, 0x1fd3}, {0x3b0, 0x1fe3}, {0xfb05, 0xfb06}};

static int is_fold_odd(uint32_t cp)
{
    for (size_t k = 0; k < BK_COUNTOF(fold_odd); k++)
        if (fold_odd[k] == cp)
            return 1;
    return 0;
}

/* The JS case class of cp when PCRE2's differs, else NULL. */
static const uint32_t *fold_group(uint32_t cp)
{
    for (size_t k = 0; k < BK_COUNTOF(fold_groups); k++)
        for (int j = 0; fold_groups[k][j]; j++)
            if (fold_groups[k][j] == cp)
                return fold_groups[k];
    return NULL;
}

static void put_lit(tr_t *t, uint32_t cp)
{
    if (t->u && cp >= SUR_LO && cp <= SUR_HI)
        t->pua_clash = 1;
    if (t->u && cp >= 0xd800 && cp <= 0xdfff) {
        /* PCRE2 in UTF mode cannot name a lone surrogate. */
        if (t->sur)
            put_hex(t, SUR(cp));
        else
            puts_(t, "(?!)");
        return;
    }
    if (t->ic && t->u) {
        for (size_t k = 0; k < BK_COUNTOF(ufold_pairs); k++)
            if (ufold_pairs[k][0] == cp || ufold_pairs[k][1] == cp) {
                puts_(t, "[");
                put_hex(t, ufold_pairs[k][0]);
                put_hex(t, ufold_pairs[k][1]);
                puts_(t, "]");
                return;
            }
    }
    if (t->ic && !t->u) {
        const uint32_t *g = fold_group(cp);
        if (g || is_fold_odd(cp)) {
            puts_(t, "(?-i:[");
            if (g)
                for (int j = 0; g[j]; j++)
                    put_hex(t, g[j]);
            else
                put_hex(t, cp);
            puts_(t, "])");
            return;
        }
    }
    if (is_alnum(cp))
        put(t, cp);
    else
        put_hex(t, cp);
}

/* A code point inside a class. */
static void put_class_cp(tr_t *t, uint32_t cp)
{
    put_hex(t, cp); /* put_range keeps surrogates away in UTF mode */
}

static void put_range(tr_t *t, uint32_t lo, uint32_t hi);

/* Adds to a class under `u` and `i` the partners of members in [lo, hi]. */
static void put_ufold_partners(tr_t *t, uint32_t lo, uint32_t hi)
{
    for (size_t k = 0; k < BK_COUNTOF(ufold_pairs); k++)
        for (int j = 0; j < 2; j++)
            if (ufold_pairs[k][j] >= lo && ufold_pairs[k][j] <= hi)
                put_hex(t, ufold_pairs[k][1 - j]);
}

static void put_range_(tr_t *t, uint32_t lo, uint32_t hi)
{
    if (t->u && t->ic)
        put_ufold_partners(t, lo, hi);
    if (t->u && lo <= 0xdfff && hi >= 0xd800) {
        /* Split around the surrogates, which UTF mode cannot name; their
         * stand-ins take their place. */
        if (lo < 0xd800)
            put_range_(t, lo, 0xd7ff);
        if (hi > 0xdfff)
            put_range_(t, 0xe000, hi);
        if (t->sur) {
            put_class_cp(t, SUR(BK_MAX(lo, 0xd800u)));
            put(t, '-');
            put_class_cp(t, SUR(BK_MIN(hi, 0xdfffu)));
        }
        return;
    }
    put_class_cp(t, lo);
    if (hi != lo) {
        put(t, '-');
        put_class_cp(t, hi);
    }
}

static void put_range(tr_t *t, uint32_t lo, uint32_t hi)
{
    /* A range over part of the stand-ins tells them from surrogates; one
     * over both blocks whole does not. */
    if (t->u && hi >= SUR_LO && lo <= SUR_HI && !(lo <= 0xd800 && hi >= SUR_HI))
        t->pua_clash = 1;
    put_range_(t, lo, hi);
}

/* The ranges of set 's', complemented over [0, max] when 'neg'. */
static void put_set_ranges(tr_t *t, int s, int neg)
{
    const range_t *r = sets[s].r;
    int n = sets[s].n;
    if (s == SET_WORD && t->u && t->ic) {
        r = set_word_iu;
        n = (int)BK_COUNTOF(set_word_iu);
    }
    if (!neg) {
        for (int k = 0; k < n; k++)
            put_range(t, r[k].lo, r[k].hi);
        return;
    }
    uint32_t next = 0;
    for (int k = 0; k < n; k++) {
        if (r[k].lo > next)
            put_range(t, next, r[k].lo - 1);
        next = r[k].hi + 1;
    }
    if (next <= t->max)
        put_range(t, next, t->max);
}

/* A standalone class escape (\d \D \w \W \s \S) as one atom. Under `i`
 * the set is matched case-sensitively: JS compares canonicalised
 * characters, and PCRE2's folding would let /\W/i match "s" (via U+017F). */
static void put_set_atom(tr_t *t, int s, int neg)
{
    if (t->ic)
        puts_(t, "(?-i:");
    put(t, '[');
    put_set_ranges(t, s, neg);
    put(t, ']');
    if (t->ic)
        put(t, ')');
}

static void put_word_boundary(tr_t *t, int negated)
{
    const char *W = t->u ? "[0-9A-Z_a-z\\x{17f}\\x{212a}]" : "[0-9A-Z_a-z]";
    if (!t->ic) {
        puts_(t, negated ? "\\B" : "\\b");
        return;
    }
    /* With `i` we compile with UCP (Unicode case folding), which would
     * make \b Unicode-aware; JS's \b stays ASCII. */
    puts_(t, "(?-i:(?:(?<=");
    puts_(t, W);
    puts_(t, negated ? ")(?=" : ")(?!");
    puts_(t, W);
    puts_(t, ")|(?<!");
    puts_(t, W);
    puts_(t, negated ? ")(?!" : ")(?=");
    puts_(t, W);
    puts_(t, ")))");
}

/* ---------------------------------------------------------------------
 * Lexical helpers
 * ------------------------------------------------------------------- */

static int hexval(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    return -1;
}

/* Reads exactly k hex digits at t->i; -1 (nothing consumed) if absent. */
static long read_hex(tr_t *t, int k)
{
    if (t->n - t->i < (size_t)k)
        return -1;
    long v = 0;
    for (int j = 0; j < k; j++) {
        int h = hexval(t->p[t->i + (size_t)j]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    t->i += (size_t)k;
    return v;
}

static int is_lead(uint32_t c) { return c >= 0xd800 && c <= 0xdbff; }
static int is_trail(uint32_t c) { return c >= 0xdc00 && c <= 0xdfff; }

/* The source character at t->i (a whole surrogate pair with `u`). */
static uint32_t next_char(tr_t *t)
{
    uint32_t c = t->p[t->i++];
    if (t->u && is_lead(c) && t->i < t->n && is_trail(t->p[t->i])) {
        c = 0x10000 + ((c - 0xd800) << 10) + (t->p[t->i] - 0xdc00);
        t->i++;
    }
    return c;
}

/* After "\u": the escape's code point, or -1 when it is not one (non-u:
 * then the caller treats "u" literally; u: an error was set). */
static long unicode_escape(tr_t *t)
{
    size_t save = t->i;
    if (t->u && t->i < t->n && t->p[t->i] == '{') {
        t->i++;
        long v = 0;
        int nd = 0;
        while (t->i < t->n && hexval(t->p[t->i]) >= 0) {
            v = v * 16 + hexval(t->p[t->i]);
            if (v > 0x10ffff)
                v = 0x110000;
            t->i++;
            nd++;
        }
        if (nd == 0 || v > 0x10ffff || t->i >= t->n || t->p[t->i] != '}') {
            t->err = "Invalid Unicode escape";
            return -1;
        }
        t->i++;
        return v;
    }
    long v = read_hex(t, 4);
    if (v < 0) {
        if (t->u)
            t->err = "Invalid Unicode escape";
        t->i = save;
        return -1;
    }
    if (t->u && is_lead((uint32_t)v) && t->n - t->i >= 6 &&
        t->p[t->i] == '\\' && t->p[t->i + 1] == 'u') {
        size_t s2 = t->i;
        t->i += 2;
        long w = read_hex(t, 4);
        if (w >= 0 && is_trail((uint32_t)w))
            return 0x10000 + ((v - 0xd800) << 10) + (w - 0xdc00);
        t->i = s2;
    }
    return v;
}

/* Annex B legacy octal after '\' (first digit at t->i, 0-7). */
static uint32_t legacy_octal(tr_t *t)
{
    uint32_t v = t->p[t->i++] - '0';
    if (t->i < t->n && t->p[t->i] >= '0' && t->p[t->i] <= '7') {
        v = v * 8 + (t->p[t->i++] - '0');
        if (v < 32 && t->i < t->n && t->p[t->i] >= '0' && t->p[t->i] <= '7')
            v = v * 8 + (t->p[t->i++] - '0');
    }
    return v;
}

static int is_syntax_char(uint32_t c)
{
    return c == '^' || c == '$' || c == '\\' || c == '.' || c == '*' ||
           c == '+' || c == '?' || c == '(' || c == ')' || c == '[' ||
           c == ']' || c == '{' || c == '}' || c == '|' || c == '/';
}

/* Whether cp may start (or continue) a group name: ID_Start or '$' '_'
 * (ID_Continue, '$', ZWNJ, ZWJ). Non-ASCII goes to PCRE2's Unicode
 * tables, through two tiny patterns compiled once per process. */
static pcre2_code *id_code(int start)
{
    static pcre2_code *codes[2];
    pcre2_code *c = __atomic_load_n(&codes[start], __ATOMIC_ACQUIRE);
    if (c)
        return c;
    static const uint16_t pat[2][16] = {
        {'\\', 'p', '{', 'I', 'D', '_', 'C', 'o', 'n', 't', 'i', 'n', 'u',
         'e', '}', 0},
        {'\\', 'p', '{', 'I', 'D', '_', 'S', 't', 'a', 'r', 't', '}', 0}};
    int ec;
    PCRE2_SIZE eo;
    c = pcre2_compile(pat[start], PCRE2_ZERO_TERMINATED,
                      PCRE2_UTF | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &ec,
                      &eo, NULL);
    if (!c)
        return NULL;
    pcre2_code *expected = NULL;
    if (!__atomic_compare_exchange_n(&codes[start], &expected, c, 0,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        pcre2_code_free(c);
        c = expected;
    }
    return c;
}

static int id_char(uint32_t cp, int start)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               cp == '$' || cp == '_' || (!start && cp >= '0' && cp <= '9');
    if (!start && (cp == 0x200c || cp == 0x200d))
        return 1;
    if (cp >= 0xd800 && cp <= 0xdfff)
        return 0;
    pcre2_code *c = id_code(start);
    if (!c)
        return 1; /* no tables: be lenient */
    uint16_t u[2];
    size_t n = 1;
    if (cp >= 0x10000) {
        u[0] = (uint16_t)(0xd800 + ((cp - 0x10000) >> 10));
        u[1] = (uint16_t)(0xdc00 + ((cp - 0x10000) & 0x3ff));
        n = 2;
    } else {
        u[0] = (uint16_t)cp;
    }
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    if (!md)
        return 0;
    int rc = pcre2_match(c, u, n, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc > 0;
}

/* Reads and decodes "name>" at p[*ip] (escapes \uXXXX, \u{...} and
 * surrogate pairs allowed) into out[0..*len) (cap units). 0 if malformed
 * or not an identifier. */
static int read_name(const uint16_t *p, size_t n, size_t *ip, uint16_t *out,
                     size_t cap, size_t *len)
{
    size_t i = *ip, k = 0;
    for (;;) {
        if (i >= n)
            return 0;
        uint32_t cp = p[i];
        if (cp == '>')
            break;
        if (cp == '\\') {
            if (i + 1 >= n || p[i + 1] != 'u')
                return 0;
            i += 2;
            if (i < n && p[i] == '{') {
                uint32_t v = 0;
                size_t d = ++i;
                while (i < n && hexval(p[i]) >= 0 && v <= 0x10ffff)
                    v = v * 16 + (uint32_t)hexval(p[i++]);
                if (i == d || i >= n || p[i] != '}' || v > 0x10ffff)
                    return 0;
                i++;
                cp = v;
            } else {
                uint32_t v = 0;
                for (int j = 0; j < 4; j++, i++) {
                    if (i >= n || hexval(p[i]) < 0)
                        return 0;
                    v = v * 16 + (uint32_t)hexval(p[i]);
                }
                cp = v;
                if (is_lead(cp) && i + 5 < n && p[i] == '\\' &&
                    p[i + 1] == 'u') {
                    uint32_t w = 0;
                    int ok = 1;
                    for (int j = 0; j < 4; j++)
                        if (hexval(p[i + 2 + (size_t)j]) < 0)
                            ok = 0;
                        else
                            w = w * 16 + (uint32_t)hexval(p[i + 2 + (size_t)j]);
                    if (ok && is_trail(w)) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (w - 0xdc00);
                        i += 6;
                    }
                }
            }
        } else if (is_lead(cp) && i + 1 < n && is_trail(p[i + 1])) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (p[i + 1] - 0xdc00u);
            i += 2;
        } else {
            i++;
        }
        if (!id_char(cp, k == 0) || k + 2 > cap)
            return 0;
        if (cp >= 0x10000) {
            out[k++] = (uint16_t)(0xd800 + ((cp - 0x10000) >> 10));
            out[k++] = (uint16_t)(0xdc00 + ((cp - 0x10000) & 0x3ff));
        } else {
            out[k++] = (uint16_t)cp;
        }
    }
    if (k == 0)
        return 0;
    *len = k;
    *ip = i + 1;
    return 1;
}

static int find_name(const tr_t *t, const uint16_t *name, size_t len)
{
    for (int k = 0; k < t->nnames; k++)
        if (t->names[k].len == len &&
            memcmp(t->namebuf + t->names[k].off, name, len * 2) == 0)
            return t->names[k].group;
    return -1;
}

/* Whether the quantifier at p[i] (if any) makes a loop that needs JS's
 * per-iteration treatment: more than one iteration, or minimum 0. Sets
 * *min (capped at 2). */
static int repeats(const uint16_t *p, size_t n, size_t i, int *min,
                   int *many)
{
    if (i >= n)
        return 0;
    if (p[i] == '*' || p[i] == '?' || p[i] == '+') {
        *min = p[i] == '+';
        *many = p[i] != '?';
        return 1;
    }
    if (p[i] != '{')
        return 0;
    size_t j = i + 1, d0 = j;
    uint64_t lo = 0, hi;
    while (j < n && p[j] >= '0' && p[j] <= '9') {
        lo = BK_MIN(lo * 10 + (p[j] - '0'), 1000u);
        j++;
    }
    if (j == d0 || j >= n)
        return 0;
    if (p[j] == '}') {
        hi = lo;
    } else if (p[j] == ',') {
        j++;
        size_t d1 = j;
        hi = 0;
        while (j < n && p[j] >= '0' && p[j] <= '9') {
            hi = BK_MIN(hi * 10 + (p[j] - '0'), 1000u);
            j++;
        }
        if (j >= n || p[j] != '}')
            return 0;
        if (j == d1)
            hi = 1000;
    } else {
        return 0;
    }
    if (hi < lo)
        return 0; /* a syntax error, reported later */
    *min = (int)BK_MIN(lo, 2u);
    *many = hi > 1;
    return hi > 1 || lo == 0;
}

/* The loop whose '(' is at 'paren', or -1. */
static int loop_index(const tr_t *t, size_t paren)
{
    for (int k = 0; k < t->nloops; k++)
        if (t->loops[k].paren == paren)
            return k;
    return -1;
}

/* Finds the repeated groups that hold captures (after prescan counted
 * them), then numbers the PCRE2 groups: JS groups in order, each loop's
 * marker right after the loop's own '('. */
static void prescan_loops(tr_t *t)
{
    struct {
        size_t paren;
        int first; /* first JS group inside */
        int look;  /* a lookaround: never a loop */
        int empty; /* may match empty (a conservative guess) */
    } st[MAX_DEPTH];
    int depth = 0, js = 0, in_class = 0;
    int alt_start = 1; /* nothing yet in the current alternative */
    int nullable = 0;  /* the scanned token may match empty */
    for (size_t i = 0; i < t->n; i++) {
        uint16_t c = t->p[i];
        nullable = 0;
        if (c == '\\') {
            uint16_t d = i + 1 < t->n ? t->p[i + 1] : 0;
            /* assertions and backreferences may match empty */
            nullable = d == 'b' || d == 'B' || d == 'k' ||
                       (d >= '1' && d <= '9');
            alt_start = 0;
            i++;
        } else if (in_class) {
            if (c == ']')
                in_class = 0;
        } else if (c == '[') {
            in_class = 1;
            alt_start = 0;
        } else if (c == '(') {
            int cap = 1, look = 0;
            if (i + 1 < t->n && t->p[i + 1] == '?') {
                cap = i + 3 < t->n && t->p[i + 2] == '<' &&
                      t->p[i + 3] != '=' && t->p[i + 3] != '!';
                look = !cap && i + 2 < t->n && t->p[i + 2] != ':';
            }
            js += cap;
            if (depth < MAX_DEPTH) {
                st[depth].paren = i;
                /* A repeated capture group counts itself: its last
                 * iteration may be one the empty check rejects. */
                st[depth].first = cap ? js : js + 1;
                st[depth].look = look;
                st[depth].empty = 0;
            }
            depth++;
            /* Skip the group's prefix, so that its '?' is no quantifier. */
            if (i + 1 < t->n && t->p[i + 1] == '?') {
                i++;
                while (i + 1 < t->n && t->p[i + 1] != ':' &&
                       t->p[i + 1] != '=' && t->p[i + 1] != '!' &&
                       t->p[i + 1] != '>' && t->p[i + 1] != ')' &&
                       t->p[i + 1] != '(')
                    i++;
                if (i + 1 < t->n && t->p[i + 1] != ')' && t->p[i + 1] != '(')
                    i++;
            }
            alt_start = 1;
            continue;
        } else if (c == ')' || c == '|') {
            nullable = alt_start; /* an empty alternative */
            if (c == ')' && depth > 0) {
                if (nullable && depth - 1 < MAX_DEPTH)
                    st[depth - 1].empty = 1;
                depth--;
                int min = 0, many = 0, k = depth < MAX_DEPTH;
                /* A loop needs markers when it repeats captures (reset), or
                 * when an iteration past the minimum may be empty. */
                if (k && !st[depth].look && t->nloops < MAX_LOOPS &&
                    repeats(t->p, t->n, i + 1, &min, &many) &&
                    ((many && st[depth].first <= js) ||
                     (st[depth].empty && min <= 1))) {
                    loop_t *l = &t->loops[t->nloops++];
                    l->paren = st[depth].paren;
                    l->first = st[depth].first;
                    l->last = js;
                    l->min = min;
                }
                /* A lookaround, or a group that may be empty, makes the
                 * enclosing group possibly empty too. */
                nullable = k && (st[depth].look || st[depth].empty);
                alt_start = 0;
            } else {
                alt_start = 1;
            }
        } else if (c == '*' || c == '?' ||
                   (c == '{' && i + 1 < t->n && t->p[i + 1] == '0')) {
            nullable = 1; /* a quantifier with minimum 0 */
        } else if (c == '^' || c == '$') {
            nullable = 1;
            alt_start = 0;
        } else {
            alt_start = 0;
        }
        if (nullable)
            for (int k = 0; k < depth && k < MAX_DEPTH; k++)
                st[k].empty = 1;
    }
    /* Number the PCRE2 groups in the order their '(' are emitted. */
    int pn = 0;
    js = 0;
    in_class = 0;
    for (size_t i = 0; i < t->n; i++) {
        uint16_t c = t->p[i];
        if (c == '\\') {
            i++;
        } else if (in_class) {
            if (c == ']')
                in_class = 0;
        } else if (c == '[') {
            in_class = 1;
        } else if (c == '(') {
            int cap = !(i + 1 < t->n && t->p[i + 1] == '?') ||
                      (i + 3 < t->n && t->p[i + 2] == '<' &&
                       t->p[i + 3] != '=' && t->p[i + 3] != '!');
            int l = loop_index(t, i);
            if (l >= 0 && t->loops[l].min == 1)
                t->loops[l].start = ++pn;
            if (cap && ++js <= MAX_GROUPS)
                t->map[js] = ++pn;
            if (l >= 0)
                t->loops[l].marker = ++pn;
        }
    }
    t->npcre = pn;
}



/* Counts capture groups and records names, so that \k<name>, \N and
 * forward references resolve. */
static void prescan(tr_t *t)
{
    int in_class = 0;
    for (size_t i = 0; i < t->n; i++) {
        uint16_t c = t->p[i];
        if (c == '\\') {
            i++;
        } else if (in_class) {
            if (c == ']')
                in_class = 0;
        } else if (c == '[') {
            in_class = 1;
        } else if (c == '(') {
            if (i + 1 < t->n && t->p[i + 1] == '?') {
                if (i + 3 < t->n && t->p[i + 2] == '<' && t->p[i + 3] != '=' &&
                    t->p[i + 3] != '!') {
                    t->ncaps++;
                    t->has_named = 1;
                    size_t l, j = i + 3;
                    if (t->nnames < MAX_NAMES &&
                        read_name(t->p, t->n, &j, t->namebuf + t->namebuf_n,
                                  BK_COUNTOF(t->namebuf) - t->namebuf_n,
                                  &l)) {
                        t->names[t->nnames].off = t->namebuf_n;
                        t->names[t->nnames].len = l;
                        t->names[t->nnames].group = t->ncaps;
                        t->namebuf_n += l;
                        t->nnames++;
                    }
                }
            } else {
                t->ncaps++;
            }
        }
    }
}

/* ---------------------------------------------------------------------
 * Escapes, classes and terms
 * ------------------------------------------------------------------- */

/* Long General_Category values JS accepts, with PCRE2's short names. */
static const char *const gc_long[][2] = {
    {"Letter", "L"}, {"Cased_Letter", "LC"}, {"Uppercase_Letter", "Lu"},
    {"Lowercase_Letter", "Ll"}, {"Titlecase_Letter", "Lt"},
    {"Modifier_Letter", "Lm"}, {"Other_Letter", "Lo"}, {"Mark", "M"},
    {"Combining_Mark", "M"}, {"Nonspacing_Mark", "Mn"},
    {"Spacing_Mark", "Mc"}, {"Enclosing_Mark", "Me"}, {"Number", "N"},
    {"Decimal_Number", "Nd"}, {"digit", "Nd"}, {"Letter_Number", "Nl"},
    {"Other_Number", "No"}, {"Punctuation", "P"}, {"punct", "P"},
    {"Connector_Punctuation", "Pc"}, {"Dash_Punctuation", "Pd"},
    {"Open_Punctuation", "Ps"}, {"Close_Punctuation", "Pe"},
    {"Initial_Punctuation", "Pi"}, {"Final_Punctuation", "Pf"},
    {"Other_Punctuation", "Po"}, {"Symbol", "S"}, {"Math_Symbol", "Sm"},
    {"Currency_Symbol", "Sc"}, {"Modifier_Symbol", "Sk"},
    {"Other_Symbol", "So"}, {"Separator", "Z"}, {"Space_Separator", "Zs"},
    {"Line_Separator", "Zl"}, {"Paragraph_Separator", "Zp"},
    {"Other", "C"}, {"Control", "Cc"}, {"cntrl", "Cc"}, {"Format", "Cf"},
    {"Surrogate", "Cs"}, {"Private_Use", "Co"}, {"Unassigned", "Cn"},
};

/* A class item. */
typedef struct {
    uint8_t kind; /* I_RANGE, I_SET, I_PROP */
    uint8_t neg;
    uint8_t set;
    uint32_t lo, hi;
    char prop[48]; /* PCRE2 property text for \p{...} */
} item_t;

enum { I_RANGE, I_SET, I_PROP };

/* After "\p" or "\P" with `u`: fills it->prop (or turns ASCII/Any into a
 * range). 0 with t->err set when the name is not one we know. */
static int property(tr_t *t, int neg, item_t *it)
{
    char name[40], value[40];
    size_t nn = 0, vn = 0;
    int has_value = 0;
    if (t->i >= t->n || t->p[t->i] != '{')
        goto bad;
    t->i++;
    while (t->i < t->n && t->p[t->i] != '}') {
        uint16_t c = t->p[t->i++];
        if (c == '=' && !has_value) {
            has_value = 1;
            continue;
        }
        if (!is_alnum(c) && c != '_')
            goto bad;
        if (has_value ? vn >= sizeof value - 1 : nn >= sizeof name - 1)
            goto bad;
        if (has_value)
            value[vn++] = (char)c;
        else
            name[nn++] = (char)c;
    }
    if (t->i >= t->n || nn == 0 || (has_value && vn == 0))
        goto bad;
    t->i++;
    name[nn] = 0;
    value[vn] = 0;
    it->neg = (uint8_t)neg;
    it->kind = I_PROP;
    if (has_value) {
        const char *pre;
        if (!strcmp(name, "General_Category") || !strcmp(name, "gc"))
            pre = "";
        else if (!strcmp(name, "Script") || !strcmp(name, "sc"))
            pre = "sc:";
        else if (!strcmp(name, "Script_Extensions") || !strcmp(name, "scx"))
            pre = "scx:";
        else
            goto bad;
        const char *v = value;
        if (!*pre)
            for (size_t k = 0; k < BK_COUNTOF(gc_long); k++)
                if (!strcmp(value, gc_long[k][0]))
                    v = gc_long[k][1];
        snprintf(it->prop, sizeof it->prop, "%s%s", pre, v);
        return 1;
    }
    if (!strcmp(name, "Assigned")) {
        snprintf(it->prop, sizeof it->prop, "Cn");
        it->neg = (uint8_t)!neg;
        return 1;
    }
    const char *v = name;
    for (size_t k = 0; k < BK_COUNTOF(gc_long); k++)
        if (!strcmp(name, gc_long[k][0]))
            v = gc_long[k][1];
    snprintf(it->prop, sizeof it->prop, "%s", v);
    return 1;
bad:
    t->err = "Invalid property name";
    return 0;
}

static void put_prop(tr_t *t, const item_t *it)
{
    t->pua_clash = 1; /* \p{Co} has the stand-ins, \p{Cs} not */
    if (t->ic && (!strcmp(it->prop, "Lu") || !strcmp(it->prop, "Ll") ||
                  !strcmp(it->prop, "Lt"))) {
        /* PCRE2 ignores case for \p; JS compares case-folded characters,
         * so under `i` a cased-letter class matches every cased letter,
         * and its complement matches everything. */
        puts_(t, it->neg ? "\\p{Any}" : "\\p{LC}");
        return;
    }
    puts_(t, it->neg ? "\\P{" : "\\p{");
    puts_(t, it->prop);
    put(t, '}');
}

/* Parses one class atom at t->i (inside [...]). 0 on error. */
static int class_atom(tr_t *t, item_t *it)
{
    it->kind = I_RANGE;
    it->neg = 0;
    if (t->p[t->i] != '\\') {
        it->lo = it->hi = next_char(t);
        return 1;
    }
    t->i++;
    if (t->i >= t->n) {
        t->err = "\\ at end of pattern";
        return 0;
    }
    uint32_t c = t->p[t->i];
    uint32_t v;
    switch (c) {
    case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
        t->i++;
        it->kind = I_SET;
        it->set = (c | 0x20) == 'd' ? SET_DIGIT
                  : (c | 0x20) == 'w' ? SET_WORD : SET_SPACE;
        it->neg = c < 'a';
        return 1;
    case 'p': case 'P':
        if (t->u) {
            t->i++;
            return property(t, c == 'P', it);
        }
        t->i++;
        v = c;
        break;
    case 'b': t->i++; v = 8; break;
    case 'f': t->i++; v = 12; break;
    case 'n': t->i++; v = 10; break;
    case 'r': t->i++; v = 13; break;
    case 't': t->i++; v = 9; break;
    case 'v': t->i++; v = 11; break;
    case '-': t->i++; v = '-'; break;
    case 'c':
        if (t->i + 1 < t->n) {
            uint32_t l = t->p[t->i + 1];
            if ((l | 0x20) >= 'a' && (l | 0x20) <= 'z') {
                t->i += 2;
                v = l % 32;
                break;
            }
            if (!t->u && ((l >= '0' && l <= '9') || l == '_')) {
                t->i += 2;
                v = l % 32;
                break;
            }
        }
        if (t->u) {
            t->err = "Invalid Unicode escape";
            return 0;
        }
        v = '\\'; /* Annex B: the backslash is literal, 'c' comes next */
        break;
    case 'x': {
        t->i++;
        long h = read_hex(t, 2);
        if (h < 0) {
            if (t->u) {
                t->err = "Invalid escape";
                return 0;
            }
            v = 'x';
        } else {
            v = (uint32_t)h;
        }
        break;
    }
    case 'u': {
        t->i++;
        long h = unicode_escape(t);
        if (h < 0) {
            if (t->err)
                return 0;
            v = 'u';
        } else {
            v = (uint32_t)h;
        }
        break;
    }
    default:
        if (c >= '0' && c <= '9') {
            if (t->u) {
                if (c == '0' && !(t->i + 1 < t->n && t->p[t->i + 1] >= '0' &&
                                  t->p[t->i + 1] <= '9')) {
                    t->i++;
                    v = 0;
                    break;
                }
                t->err = "Invalid class escape";
                return 0;
            }
            if (c <= '7') {
                v = legacy_octal(t);
            } else {
                t->i++;
                v = c;
            }
            break;
        }
        if (t->v && c == 'q') {
            t->err = "Unsupported \\q{} in character class";
            return 0;
        }
        if (t->u && !is_syntax_char(c) &&
            !(t->v && c != 0 && c < 128 && strchr("&-!#%,:;<=>@`~", (int)c))) {
            t->err = "Invalid escape";
            return 0;
        }
        v = next_char(t);
        break;
    }
    it->lo = it->hi = v;
    return 1;
}

/* In a `v` class, what may not stand unescaped where a class atom starts:
 * ClassSetSyntaxCharacters and doubled ClassSetReservedPunctuators. Nested
 * classes and the set operations (&&, --) are valid there but not
 * supported here, so they are rejected as well. 0 (with t->err) when the
 * atom at t->i is one of them. */
static int v_atom_ok(tr_t *t)
{
    uint32_t c = t->p[t->i];
    uint32_t d = t->i + 1 < t->n ? t->p[t->i + 1] : 0;
    if (c == '[' || (c == '&' && d == '&') || (c == '-' && d == '-')) {
        t->err = "Unsupported set operation or nested class in v-mode "
                 "character class";
        return 0;
    }
    if (c != 0 && c < 128 && strchr("(){}/-|", (int)c)) {
        t->err = "Invalid character in character class";
        return 0;
    }
    if (c != 0 && c < 128 && c == d && strchr("!#$%*+,.:;<=>?@^`~", (int)c)) {
        t->err = "Invalid set operation in character class";
        return 0;
    }
    return 1;
}

/* Items of one class; small classes stay on the stack. */
typedef struct {
    item_t local[16];
    item_t *v;
    int n, cap;
    int oom;
} items_t;

static void items_push(items_t *s, const item_t *it)
{
    if (s->n == s->cap) {
        int nc = s->cap * 2;
        item_t *nv = bk_malloc(sizeof(item_t) * (size_t)nc);
        if (!nv) {
            s->oom = 1;
            return;
        }
        memcpy(nv, s->v, sizeof(item_t) * (size_t)s->n);
        if (s->v != s->local)
            bk_free(s->v);
        s->v = nv;
        s->cap = nc;
    }
    s->v[s->n++] = *it;
}

static void put_items(tr_t *t, const items_t *s, int want_sets)
{
    for (int k = 0; k < s->n; k++) {
        const item_t *it = &s->v[k];
        if (it->kind == I_SET) {
            if (want_sets)
                put_set_ranges(t, it->set, it->neg);
        } else if (!want_sets) {
            if (it->kind == I_RANGE)
                put_range(t, it->lo, it->hi);
            else
                put_prop(t, it);
        }
    }
}

static int items_have(const items_t *s, uint32_t cp)
{
    for (int k = 0; k < s->n; k++)
        if (s->v[k].kind == I_RANGE && s->v[k].lo <= cp && cp <= s->v[k].hi)
            return 1;
    return 0;
}

/* The non-set items of a class under `i` as one atom, [plain] or [^plain].
 * Without `u`, the characters of fold_odd match only themselves in JS:
 * when the class touches one of them or their PCRE2 partners, a guard
 * takes out (or adds back, for [^...]) what JS would not match. */
static void put_plain(tr_t *t, const items_t *s, int neg)
{
    /* Candidates: the odd characters and their partners. A candidate c
     * is in the JS class iff its JS case class (its group, or {c}) meets
     * the listed items; PCRE2 may match more, never less. */
    uint32_t excl[BK_COUNTOF(fold_odd) + 4 * BK_COUNTOF(fold_groups)];
    int ne = 0, odd = 0;
    for (size_t k = 0; !t->u && k < BK_COUNTOF(fold_odd); k++)
        odd |= items_have(s, fold_odd[k]);
    for (size_t k = 0; !t->u && k < BK_COUNTOF(fold_groups); k++)
        for (int j = 0; fold_groups[k][j]; j++)
            odd |= items_have(s, fold_groups[k][j]);
    for (size_t k = 0; odd && k < BK_COUNTOF(fold_odd); k++)
        if (!items_have(s, fold_odd[k]))
            excl[ne++] = fold_odd[k];
    for (size_t k = 0; odd && k < BK_COUNTOF(fold_groups); k++) {
        int in = 0;
        for (int j = 0; fold_groups[k][j]; j++)
            in |= items_have(s, fold_groups[k][j]);
        for (int j = 0; !in && fold_groups[k][j]; j++)
            excl[ne++] = fold_groups[k][j];
    }
    if (ne && !neg) {
        puts_(t, "(?:(?!(?-i:[");
        for (int k = 0; k < ne; k++)
            put_hex(t, excl[k]);
        puts_(t, "]))");
    } else if (ne) {
        puts_(t, "(?:");
    }
    put(t, '[');
    if (neg)
        put(t, '^');
    put_items(t, s, 0);
    put(t, ']');
    if (ne && neg) {
        puts_(t, "|(?-i:[");
        for (int k = 0; k < ne; k++)
            put_hex(t, excl[k]);
        puts_(t, "])");
    }
    if (ne)
        put(t, ')');
}

/* Parses [...] (t->i just after '[') and emits one PCRE2 atom. */
static int char_class(tr_t *t)
{
    items_t s = {.v = NULL, .n = 0, .cap = 16, .oom = 0};
    s.v = s.local;
    int neg = 0, nsets = 0, nplain = 0, ok = 0;
    if (t->i < t->n && t->p[t->i] == '^') {
        neg = 1;
        t->i++;
    }
    for (;;) {
        if (t->i >= t->n) {
            t->err = "Unterminated character class";
            goto out;
        }
        if (t->p[t->i] == ']') {
            t->i++;
            break;
        }
        item_t a, b;
        if ((t->v && !v_atom_ok(t)) || !class_atom(t, &a))
            goto out;
        if (t->i + 1 < t->n && t->p[t->i] == '-' && t->p[t->i + 1] != ']' &&
            !(t->v && t->p[t->i + 1] == '-')) {
            t->i++;
            if ((t->v && !v_atom_ok(t)) || !class_atom(t, &b))
                goto out;
            if (a.kind != I_RANGE || b.kind != I_RANGE) {
                if (t->u) {
                    t->err = "Invalid character class";
                    goto out;
                }
                item_t dash = {.kind = I_RANGE, .lo = '-', .hi = '-'};
                items_push(&s, &a);
                items_push(&s, &dash);
                items_push(&s, &b);
                nsets += (a.kind == I_SET) + (b.kind == I_SET);
                nplain += 1 + (a.kind != I_SET) + (b.kind != I_SET);
                continue;
            }
            if (a.lo > b.lo) {
                t->err = "Range out of order in character class";
                goto out;
            }
            a.hi = b.lo;
        }
        items_push(&s, &a);
        if (a.kind == I_SET)
            nsets++;
        else
            nplain++;
    }
    if (s.oom) {
        t->oom = 1;
        goto out;
    }
    ok = 1;
    int only_surrogates = t->u && !t->sur;
    for (int k = 0; k < s.n && only_surrogates; k++)
        only_surrogates = s.v[k].kind == I_RANGE && s.v[k].lo >= 0xd800 &&
                          s.v[k].hi <= 0xdfff;
    if (s.n == 0 || only_surrogates) {
        /* Empty, or (with `u`) only lone surrogates, which never match
         * in UTF mode. */
        if (neg) {
            put(t, '[');
            put_range(t, 0, t->max);
            put(t, ']');
        } else {
            puts_(t, "(?!)");
        }
    } else if (!t->ic) {
        put(t, '[');
        if (neg)
            put(t, '^');
        put_items(t, &s, 0);
        put_items(t, &s, 1);
        put(t, ']');
    } else if (nsets == 0) {
        put_plain(t, &s, neg);
    } else if (!neg) {
        /* [plain ∪ sets]: the sets without case folding (see put_set_atom) */
        puts_(t, "(?:");
        if (nplain) {
            put_plain(t, &s, 0);
            put(t, '|');
        }
        puts_(t, "(?-i:[");
        put_items(t, &s, 1);
        puts_(t, "]))");
    } else {
        /* [^plain ∪ sets] = not plain, and not in any set. */
        puts_(t, "(?:");
        if (nplain) {
            puts_(t, "(?!");
            put_plain(t, &s, 0);
            put(t, ')');
        }
        puts_(t, "(?-i:[^");
        put_items(t, &s, 1);
        puts_(t, "]))");
    }
out:
    if (s.v != s.local)
        bk_free(s.v);
    return ok;
}

/* Parses {n}, {n,}, {n,m} at t->i ('{'); 0 (nothing consumed) if it is
 * not one. Bounds saturate at UINT32_MAX. */
static int brace_quant(tr_t *t, uint32_t *min, uint32_t *max)
{
    size_t i = t->i + 1;
    uint64_t a = 0, b;
    size_t d0 = i;
    while (i < t->n && t->p[i] >= '0' && t->p[i] <= '9') {
        a = BK_MIN(a * 10 + (t->p[i] - '0'), (uint64_t)UINT32_MAX);
        i++;
    }
    if (i == d0 || i >= t->n)
        return 0;
    if (t->p[i] == '}') {
        b = a;
    } else if (t->p[i] == ',') {
        i++;
        if (i < t->n && t->p[i] == '}') {
            b = UINT64_MAX;
        } else {
            size_t d1 = i;
            b = 0;
            while (i < t->n && t->p[i] >= '0' && t->p[i] <= '9') {
                b = BK_MIN(b * 10 + (t->p[i] - '0'), (uint64_t)UINT32_MAX);
                i++;
            }
            if (i == d1 || i >= t->n || t->p[i] != '}')
                return 0;
        }
    } else {
        return 0;
    }
    t->i = i + 1;
    *min = (uint32_t)a;
    *max = b == UINT64_MAX ? UINT32_MAX : (uint32_t)b;
    return 1;
}

static void put_uint(tr_t *t, uint32_t v)
{
    char b[12];
    snprintf(b, sizeof b, "%u", v);
    puts_(t, b);
}

/* An escape outside a class (t->i just after '\'); updates *last. */
static int atom_escape(tr_t *t, int *last)
{
    if (t->i >= t->n) {
        t->err = "\\ at end of pattern";
        return 0;
    }
    uint32_t c = t->p[t->i];
    *last = L_ATOM;
    switch (c) {
    case 'b': case 'B':
        t->i++;
        put_word_boundary(t, c == 'B');
        *last = L_ASSERT;
        return 1;
    case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
        t->i++;
        put_set_atom(t, (c | 0x20) == 'd' ? SET_DIGIT
                        : (c | 0x20) == 'w' ? SET_WORD : SET_SPACE,
                     c < 'a');
        return 1;
    case 'k':
        if (t->u || t->has_named) {
            uint16_t nm[256];
            size_t l;
            t->i++;
            if (t->i >= t->n || t->p[t->i] != '<') {
                t->err = "Invalid named reference";
                return 0;
            }
            t->i++;
            if (!read_name(t->p, t->n, &t->i, nm, BK_COUNTOF(nm), &l)) {
                t->err = "Invalid capture group name";
                return 0;
            }
            int g = find_name(t, nm, l);
            if (g < 0) {
                t->err = "Invalid named capture referenced";
                return 0;
            }
            puts_(t, "\\g{");
            put_uint(t, (uint32_t)t->map[g]);
            put(t, '}');
            return 1;
        }
        break;
    case '0':
        if (!(t->i + 1 < t->n && t->p[t->i + 1] >= '0' &&
              t->p[t->i + 1] <= '9')) {
            t->i++;
            put_lit(t, 0);
            return 1;
        }
        if (t->u) {
            t->err = "Invalid decimal escape";
            return 0;
        }
        put_lit(t, legacy_octal(t));
        return 1;
    default:
        break;
    }
    if (c >= '1' && c <= '9') {
        size_t i = t->i;
        uint32_t v = 0;
        while (i < t->n && t->p[i] >= '0' && t->p[i] <= '9') {
            v = BK_MIN(v * 10 + (t->p[i] - '0'), 100000u);
            i++;
        }
        if (v <= (uint32_t)t->ncaps) {
            t->i = i;
            puts_(t, "\\g{");
            put_uint(t, (uint32_t)t->map[v]);
            put(t, '}');
            return 1;
        }
        if (t->u) {
            t->err = "Invalid escape";
            return 0;
        }
        if (c <= '7') {
            put_lit(t, legacy_octal(t));
        } else {
            t->i++;
            put_lit(t, c);
        }
        return 1;
    }
    /* Everything else is a character escape: share the class code. */
    item_t it;
    if (c == 'c' && !(t->i + 1 < t->n && ((t->p[t->i + 1] | 0x20) >= 'a' &&
                                         (t->p[t->i + 1] | 0x20) <= 'z'))) {
        if (t->u) {
            t->err = "Invalid Unicode escape";
            return 0;
        }
        put_lit(t, '\\'); /* Annex B: "\c" is a backslash, then 'c' */
        return 1;
    }
    if (c == '-' && t->u) {
        t->err = "Invalid escape";
        return 0;
    }
    t->i--; /* back to the '\' for class_atom */
    if (!class_atom(t, &it))
        return 0;
    if (it.kind == I_PROP) {
        put_prop(t, &it);
    } else if (it.lo == it.hi) {
        put_lit(t, it.lo);
    } else {
        put(t, '[');
        put_range(t, it.lo, it.hi);
        put(t, ']');
    }
    return 1;
}

static int translate(tr_t *t)
{
    int last = L_NONE;
    while (t->i < t->n && !t->err && !t->oom) {
        uint32_t c = t->p[t->i];
        switch (c) {
        case '\\':
            t->i++;
            if (!atom_escape(t, &last))
                return 0;
            continue;
        case '^':
            t->i++;
            puts_(t, t->multiline ? "(?<![^\\x{a}\\x{d}\\x{2028}\\x{2029}])"
                                  : "\\A");
            last = L_ASSERT;
            continue;
        case '$':
            t->i++;
            puts_(t, t->multiline ? "(?![^\\x{a}\\x{d}\\x{2028}\\x{2029}])"
                                  : "\\z");
            last = L_ASSERT;
            continue;
        case '.':
            t->i++;
            if (t->dotall) {
                put(t, '[');
                put_range(t, 0, t->max);
                put(t, ']');
            } else {
                puts_(t, "[^\\x{a}\\x{d}\\x{2028}\\x{2029}]");
            }
            last = L_ATOM;
            continue;
        case '[':
            t->i++;
            if (!char_class(t))
                return 0;
            last = L_ATOM;
            continue;
        case '|':
            t->i++;
            put(t, '|');
            last = L_NONE;
            continue;
        case '(': {
            size_t paren = t->i;
            int loop = loop_index(t, paren);
            if (loop >= 0 && t->loops[loop].min == 1)
                puts_(t, "()"); /* where the loop starts (empty check) */
            t->i++;
            int kind = G_CAPTURE;
            if (t->i < t->n && t->p[t->i] == '?') {
                t->i++;
                uint32_t d = t->i < t->n ? t->p[t->i] : 0;
                if (d == ':') {
                    kind = G_PLAIN;
                    t->i++;
                    puts_(t, "(?:");
                } else if (d == '=' || d == '!') {
                    kind = G_LOOKAHEAD;
                    t->i++;
                    puts_(t, d == '=' ? "(?=" : "(?!");
                } else if (d == '<' && t->i + 1 < t->n &&
                           (t->p[t->i + 1] == '=' || t->p[t->i + 1] == '!')) {
                    kind = G_LOOKBEHIND;
                    puts_(t, t->p[t->i + 1] == '=' ? "(?<=" : "(?<!");
                    t->i += 2;
                } else if (d == '<') {
                    uint16_t nm[256];
                    size_t l;
                    t->i++;
                    if (!read_name(t->p, t->n, &t->i, nm, BK_COUNTOF(nm),
                                   &l)) {
                        t->err = "Invalid capture group name";
                        return 0;
                    }
                    t->seen++;
                    int g = find_name(t, nm, l);
                    if (g != t->seen) {
                        t->err = "Duplicate capture group name";
                        return 0;
                    }
                    put(t, '(');
                } else {
                    t->err = "Invalid group";
                    return 0;
                }
            } else {
                t->seen++;
                put(t, '(');
            }
            if (t->depth >= MAX_DEPTH) {
                t->err = "Regular expression too large";
                return 0;
            }
            /* extra: 0, or 1 + the loop's index */
            t->extra[t->depth] = (uint8_t)(loop + 1);
            if (loop >= 0)
                puts_(t, "()(?:");
            t->stack[t->depth++] = (uint8_t)kind;
            last = L_NONE;
            continue;
        }
        case ')': {
            t->i++;
            if (t->depth == 0) {
                t->err = "Unmatched ')'";
                return 0;
            }
            int kind = t->stack[--t->depth];
            int loop = t->extra[t->depth] - 1;
            if (loop >= 0) {
                put(t, ')'); /* the body's (?: */
                if (t->loops[loop].min <= 1) {
                    puts_(t, "(?C");
                    put_uint(t, (uint32_t)loop);
                    put(t, ')');
                }
            }
            put(t, ')');
            last = kind == G_LOOKAHEAD    ? L_LOOKAHEAD
                   : kind == G_LOOKBEHIND ? L_LOOKBEHIND
                                          : L_ATOM;
            continue;
        }
        case '*': case '+': case '?': case '{': {
            uint32_t min = 0, max = 0;
            int brace = c == '{', huge = 0;
            if (brace) {
                if (!brace_quant(t, &min, &max)) {
                    if (t->u) {
                        t->err = last == L_ATOM ? "Incomplete quantifier"
                                                : "Lone quantifier brackets";
                        return 0;
                    }
                    t->i++;
                    put_lit(t, '{');
                    last = L_ATOM;
                    continue;
                }
            } else {
                t->i++;
            }
            if (last == L_NONE || last == L_QUANT || last == L_ASSERT) {
                t->err = "Nothing to repeat";
                return 0;
            }
            if (last == L_LOOKBEHIND || (last == L_LOOKAHEAD && t->u)) {
                t->err = "Invalid quantifier";
                return 0;
            }
            if (brace) {
                if (min > max) {
                    t->err = "numbers out of order in {} quantifier";
                    return 0;
                }
                /* PCRE2 counts to 65535. More repetitions than that need a
                 * subject of over 64 Ki units: treated as never matching
                 * (XXX: wrong for such long subjects). */
                huge = min > 65535;
                if (huge)
                    min = max = 65535;
                put(t, '{');
                put_uint(t, min);
                if (max != min) {
                    put(t, ',');
                    if (max <= 65535)
                        put_uint(t, max);
                }
                put(t, '}');
            } else {
                put(t, c);
            }
            if (t->i < t->n && t->p[t->i] == '?') {
                t->i++;
                put(t, '?');
            }
            if (brace && huge)
                puts_(t, "(?!)");
            last = L_QUANT;
            continue;
        }
        case '}': case ']':
            if (t->u) {
                t->err = "Lone quantifier brackets";
                return 0;
            }
            /* fall through */
        default:
            put_lit(t, next_char(t));
            last = L_ATOM;
            continue;
        }
    }
    if (t->err || t->oom)
        return 0;
    if (t->depth > 0) {
        t->err = "Unterminated group";
        return 0;
    }
    return 1;
}

/* ---------------------------------------------------------------------
 * Compile
 * ------------------------------------------------------------------- */

struct bk_js_re {
    pcre2_code *code;
    int in_arena; /* from bk_js_re_compile_in(): freed with its arena */
    unsigned flags;
    int sur;      /* lone surrogates as stand-ins (SUR_*) */
    int ngroups;  /* JS capture groups */
    int npcre;    /* PCRE2 groups: JS groups plus loop markers */
    int *map;     /* JS group -> PCRE2 group (same block) */
    loop_t *loops; /* same block */
    int nloops;
    int nnames;
    bk_js_re_name_t *names; /* in the same block, after the struct */
    uint16_t *pat;          /* the PCRE2 pattern, same block */
    size_t patlen;
};

static void *heap_alloc(PCRE2_SIZE n, void *data)
{
    (void)data;
    return bk_malloc(n);
}

static void heap_free(void *p, void *data)
{
    (void)data;
    bk_free(p);
}

int bk_js_re_parse_flags(const uint16_t *s, size_t n, unsigned *flags)
{
    static const char letters[] = "dgimsuvy";
    unsigned f = 0;
    for (size_t i = 0; i < n; i++) {
        const char *q = s[i] < 128 ? strchr(letters, (int)s[i]) : NULL;
        if (!q || !s[i])
            return BK_ERR;
        unsigned bit = 1u << (q - letters);
        if (f & bit)
            return BK_ERR;
        f |= bit;
    }
    if ((f & BK_JS_RE_UNICODE) && (f & BK_JS_RE_UNICODE_SETS))
        return BK_ERR;
    *flags = f;
    return BK_OK;
}

/* PCRE2 allocates from the invocation arena; frees are no-ops (the arena
 * drops everything at once, and match data is reused across execs). */
static void *arena_alloc(PCRE2_SIZE n, void *data)
{
    return bk_arena_alloc((bk_arena_t *)data, n);
}

static void arena_free(void *p, void *data)
{
    (void)p;
    (void)data;
}

static const char *pcre_reason(int code)
{
    switch (code) {
    case PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH:
        return "Invalid lookbehind (variable length is not supported)";
    case PCRE2_ERROR_HEAP_FAILED:
    case PCRE2_ERROR_NOMEMORY:
        return "Out of memory";
    case PCRE2_ERROR_UNKNOWN_UNICODE_PROPERTY:
    case PCRE2_ERROR_MALFORMED_UNICODE_PROPERTY:
        return "Invalid property name";
    default:
        return "Regular expression too large";
    }
}

/* Compiles into the heap (a == NULL, with JIT) or into arena 'a' (no JIT:
 * a regex built at run time is usually matched a few times only). */
static bk_js_re_t *compile(const uint16_t *src, size_t n, unsigned flags,
                           const char **reason, bk_arena_t *a, int legacy)
{
    static const uint16_t empty[1] = {0};
    /* The translator's state (~14 KiB) is scratch: heap, freed below, so
     * a run-time compile leaves only the code and the regex in 'a'. */
    tr_t *t = bk_calloc(1, sizeof *t);
    bk_js_re_t *re = NULL;
    pcre2_general_context *gctx = NULL;
    pcre2_compile_context *cctx = NULL;
    *reason = "Out of memory";
    if (!t)
        return NULL;
    t->p = src ? src : empty;
    t->n = n;
    t->u = !!(flags & (BK_JS_RE_UNICODE | BK_JS_RE_UNICODE_SETS));
    t->v = !!(flags & BK_JS_RE_UNICODE_SETS);
    t->sur = t->u && !legacy;
    t->ic = !!(flags & BK_JS_RE_IGNORE_CASE);
    t->dotall = !!(flags & BK_JS_RE_DOT_ALL);
    t->multiline = !!(flags & BK_JS_RE_MULTILINE);
    t->max = t->u ? 0x10ffff : 0xffff;
    bk_buf_init(&t->out, NULL);
    prescan(t);
    if (t->ncaps > MAX_GROUPS) {
        *reason = "Regular expression too large";
        goto fail;
    }
    prescan_loops(t);
    if (!translate(t)) {
        if (t->err)
            *reason = t->err;
        goto fail;
    }
    if (t->oom)
        goto fail;
    if (t->sur && t->pua_clash) {
        /* The pattern names stand-ins: without them, the old way. */
        bk_buf_free(&t->out);
        bk_free(t);
        return compile(src, n, flags, reason, a, 1);
    }

    gctx = a ? pcre2_general_context_create(arena_alloc, arena_free, a)
             : pcre2_general_context_create(heap_alloc, heap_free, NULL);
    cctx = gctx ? pcre2_compile_context_create(gctx) : NULL;
    if (!cctx)
        goto fail;
    uint32_t opts = PCRE2_MATCH_UNSET_BACKREF;
    if (t->u)
        opts |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
    if (t->ic)
        opts |= PCRE2_CASELESS | PCRE2_UCP;
    int ec;
    PCRE2_SIZE eo;
    size_t plen = t->out.n / 2;
    pcre2_code *code = pcre2_compile(plen ? (PCRE2_SPTR)t->out.p : empty,
                                     plen, opts, &ec, &eo, cctx);
    if (!code) {
        *reason = pcre_reason(ec);
        goto fail;
    }
    /* JIT when the platform has it; matching falls back to the
     * interpreter by itself when JIT compilation failed. */
    if (!a)
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);

    size_t namebytes = 0;
    for (int k = 0; k < t->nnames; k++)
        namebytes += t->names[k].len * 2;
    size_t sz = sizeof *re + sizeof(bk_js_re_name_t) * (size_t)t->nnames +
                sizeof(loop_t) * (size_t)t->nloops +
                sizeof(int) * (size_t)(t->ncaps + 1) + namebytes + plen * 2 +
                2;
    re = a ? bk_arena_alloc(a, sz) : bk_malloc(sz);
    if (!re) {
        pcre2_code_free(code);
        goto fail;
    }
    re->code = code;
    re->in_arena = a != NULL;
    re->flags = flags;
    re->sur = t->sur;
    re->ngroups = t->ncaps;
    re->nnames = t->nnames;
    re->names = (bk_js_re_name_t *)(re + 1);
    re->loops = (loop_t *)(re->names + t->nnames);
    re->nloops = t->nloops;
    memcpy(re->loops, t->loops, sizeof(loop_t) * (size_t)t->nloops);
    re->map = (int *)(re->loops + t->nloops);
    re->npcre = t->npcre;
    re->map[0] = 0;
    for (int k = 1; k <= t->ncaps; k++)
        re->map[k] = t->map[k];
    uint16_t *q = (uint16_t *)(re->map + t->ncaps + 1);
    for (int k = 0; k < t->nnames; k++) {
        memcpy(q, t->namebuf + t->names[k].off, t->names[k].len * 2);
        re->names[k].name = q;
        re->names[k].len = t->names[k].len;
        re->names[k].group = t->names[k].group;
        q += t->names[k].len;
    }
    re->pat = q;
    re->patlen = plen;
    if (plen)
        memcpy(q, t->out.p, plen * 2);
    q[plen] = 0;
    *reason = NULL;
fail:
    if (cctx)
        pcre2_compile_context_free(cctx);
    if (gctx)
        pcre2_general_context_free(gctx);
    bk_buf_free(&t->out);
    bk_free(t);
    return re;
}

bk_js_re_t *bk_js_re_compile(const uint16_t *src, size_t n, unsigned flags,
                             const char **reason)
{
    return compile(src, n, flags, reason, NULL, 0);
}

bk_js_re_t *bk_js_re_compile_in(bk_arena_t *a, const uint16_t *src,
                                size_t n, unsigned flags, const char **reason)
{
    return compile(src, n, flags, reason, a, 0);
}


void bk_js_re_free(bk_js_re_t *re)
{
    if (!re || re->in_arena)
        return;
    pcre2_code_free(re->code);
    bk_free(re);
}

static int put_ascii16(bk_buf_t *out, const char *s)
{
    while (*s) {
        uint16_t u = (uint8_t)*s++;
        if (bk_buf_append(out, &u, 2) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

size_t bk_js_re_flags_str(unsigned flags, char *out)
{
    static const char letters[] = "dgimsuvy";
    size_t k = 0;
    for (int b = 0; b < 8; b++)
        if (flags & (1u << b))
            out[k++] = letters[b];
    out[k] = 0;
    return k;
}

int bk_js_re_source(bk_buf_t *out, const uint16_t *src, size_t n)
{
    if (n == 0)
        return put_ascii16(out, "(?:)");
    int in_class = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t c = src[i];
        const char *esc = NULL;
        if (c == '\\' && i + 1 < n) {
            /* An escape is copied whole (an escaped '/' stays as is);
             * only an escaped line terminator needs rewriting. */
            uint16_t d = src[i + 1];
            if (d != '\n' && d != '\r' && d != 0x2028 && d != 0x2029) {
                if (bk_buf_append(out, src + i, 4) != BK_OK)
                    return BK_ERR;
                i++;
                continue;
            }
            continue; /* the terminator below gets its own escape */
        }
        if (c == '[')
            in_class = 1;
        else if (c == ']')
            in_class = 0;
        if (c == '/' && !in_class)
            esc = "\\/";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == 0x2028)
            esc = "\\u2028";
        else if (c == 0x2029)
            esc = "\\u2029";
        if (esc ? put_ascii16(out, esc) != BK_OK
                : bk_buf_append(out, &c, 2) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

int bk_js_re_error_message(bk_buf_t *out, const uint16_t *src, size_t n,
                           unsigned flags, const char *reason)
{
    char fl[9];
    bk_js_re_flags_str(flags, fl);
    if (put_ascii16(out, "Invalid regular expression: /") != BK_OK ||
        (n && bk_buf_append(out, src, n * 2) != BK_OK) ||
        put_ascii16(out, "/") != BK_OK || put_ascii16(out, fl) != BK_OK ||
        put_ascii16(out, ": ") != BK_OK || put_ascii16(out, reason) != BK_OK)
        return BK_ERR;
    return BK_OK;
}

int bk_js_re_error_message_raw(bk_buf_t *out, const uint16_t *src, size_t n,
                               const uint16_t *flags, size_t fn,
                               const char *reason)
{
    if (put_ascii16(out, "Invalid regular expression: /") != BK_OK ||
        (n && bk_buf_append(out, src, n * 2) != BK_OK) ||
        put_ascii16(out, "/") != BK_OK ||
        (fn && bk_buf_append(out, flags, fn * 2) != BK_OK) ||
        put_ascii16(out, ": ") != BK_OK || put_ascii16(out, reason) != BK_OK)
        return BK_ERR;
    return BK_OK;
}

unsigned bk_js_re_flags(const bk_js_re_t *re) { return re->flags; }

int bk_js_re_groups(const bk_js_re_t *re) { return re->ngroups; }

const bk_js_re_name_t *bk_js_re_names(const bk_js_re_t *re, int *count)
{
    *count = re->nnames;
    return re->nnames ? re->names : NULL;
}

int bk_js_re_name_group(const bk_js_re_t *re, const uint16_t *name,
                        size_t len)
{
    for (int k = 0; k < re->nnames; k++)
        if (re->names[k].len == len &&
            memcmp(re->names[k].name, name, len * 2) == 0)
            return re->names[k].group;
    return -1;
}

const uint16_t *bk_js_re_pcre_pattern(const bk_js_re_t *re, size_t *len)
{
    *len = re->patlen;
    return re->pat;
}

/* ---------------------------------------------------------------------
 * Exec
 * ------------------------------------------------------------------- */

struct bk_js_re_ctx {
    bk_arena_t *arena;
    pcre2_general_context *gctx;
    pcre2_match_context *mctx;
    pcre2_match_data *md;
    uint32_t pairs;   /* ovector pairs of md */
    int32_t *cap;     /* 2 * pairs */
    pcre2_jit_stack *jit_stack; /* made on first JIT stack overflow */
    int jit_stack_failed;
    uint16_t *wide;   /* scratch for Latin-1 subjects */
    size_t wide_cap;  /* in units */
    /* The last subject given to a `u` regex, and its copy with lone
     * surrogates as stand-ins (NULL: it needed none). */
    const uint16_t *sur_src;
    size_t sur_n;
    uint16_t *sur_out;
    uint16_t *sur_buf;
    size_t sur_cap;
};

static void jit_stack_free(void *p) { pcre2_jit_stack_free(p); }

/* A bigger JIT stack than the 32 KiB default, made when a match first
 * needs it. Its pages are mmap'd by PCRE2 (outside the arena cap, at most
 * BK_JS_RE_JIT_STACK bytes) and released by the arena's cleanup. */
static int grow_jit_stack(bk_js_re_ctx_t *c)
{
    if (c->jit_stack || c->jit_stack_failed)
        return 0;
    c->jit_stack_failed = 1;
    pcre2_jit_stack *js =
        pcre2_jit_stack_create(64 * 1024, BK_JS_RE_JIT_STACK, c->gctx);
    if (!js)
        return 0;
    if (bk_arena_cleanup_add(c->arena, jit_stack_free, js) != BK_OK) {
        pcre2_jit_stack_free(js);
        return 0;
    }
    c->jit_stack = js;
    c->jit_stack_failed = 0;
    pcre2_jit_stack_assign(c->mctx, NULL, js);
    return 1;
}

bk_js_re_ctx_t *bk_js_re_ctx_new(bk_arena_t *a, uint32_t match_limit,
                                 uint32_t heap_limit_kib)
{
    bk_js_re_ctx_t *c = bk_arena_calloc(a, sizeof *c);
    if (!c)
        return NULL;
    c->arena = a;
    c->gctx = pcre2_general_context_create(arena_alloc, arena_free, a);
    if (!c->gctx)
        return NULL;
    c->mctx = pcre2_match_context_create(c->gctx);
    if (!c->mctx)
        return NULL;
    pcre2_set_match_limit(c->mctx, match_limit ? match_limit
                                               : BK_JS_RE_MATCH_LIMIT);
    pcre2_set_heap_limit(c->mctx, heap_limit_kib ? heap_limit_kib
                                                 : BK_JS_RE_HEAP_LIMIT_KIB);
    return c;
}

/* The empty check (see loop_t): fails an iteration that consumed nothing,
 * unless it is the first of a loop with minimum 1. */
static int empty_check(pcre2_callout_block *cb, void *data)
{
    const bk_js_re_t *re = data;
    if (cb->callout_number >= (uint32_t)re->nloops)
        return 0;
    const loop_t *l = &re->loops[cb->callout_number];
    PCRE2_SIZE top = cb->capture_top;
    if ((PCRE2_SIZE)l->marker >= top)
        return 0;
    PCRE2_SIZE it = cb->offset_vector[2 * l->marker];
    if (it == PCRE2_UNSET || it != cb->current_position)
        return 0;
    if (l->min == 1 && (PCRE2_SIZE)l->start < top &&
        cb->offset_vector[2 * l->start] == it)
        return 0;
    return 1;
}

/* The subject a stand-in regex sees (see SUR_*): subj itself, or a copy
 * with its lone surrogates replaced; NULL when out of memory. The last
 * answer is kept, so a global loop over one string scans it once
 * (strings are immutable, and the arena reuses no address while this ctx
 * lives). */
static const uint16_t *sur_subject(bk_js_re_ctx_t *c, const uint16_t *s,
                                   size_t n)
{
    if (c->sur_src == s && c->sur_n == n)
        return c->sur_out ? c->sur_out : s;
    c->sur_src = s;
    c->sur_n = n;
    c->sur_out = NULL;
    int lone = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t u = s[i];
        if (u >= SUR_LO && u <= SUR_HI)
            return s; /* holds a stand-in: matched as it is */
        if (u >= 0xd800 && u <= 0xdfff) {
            if (u <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 &&
                s[i + 1] <= 0xdfff)
                i++;
            else
                lone = 1;
        }
    }
    if (!lone)
        return s;
    if (n > c->sur_cap) {
        size_t cap = BK_MAX(n, c->sur_cap * 2);
        uint16_t *b = bk_arena_alloc(c->arena, cap * 2);
        if (!b) {
            c->sur_src = NULL;
            return NULL;
        }
        c->sur_buf = b;
        c->sur_cap = cap;
    }
    for (size_t i = 0; i < n; i++) {
        uint16_t u = s[i];
        if (u >= 0xd800 && u <= 0xdfff) {
            if (u <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 &&
                s[i + 1] <= 0xdfff) {
                c->sur_buf[i] = u;
                c->sur_buf[i + 1] = s[i + 1];
                i++;
                continue;
            }
            u = (uint16_t)SUR(u);
        }
        c->sur_buf[i] = u;
    }
    c->sur_out = c->sur_buf;
    return c->sur_out;
}

static int exec_units(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                      const uint16_t *subj, size_t n, size_t start,
                      bk_js_re_match_t *m, const char **err, int search);

static int exec_wide(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                     const uint16_t *subj, size_t n, size_t start,
                     bk_js_re_match_t *m, const char **err, int search)
{
    if (re->sur && subj) {
        subj = sur_subject(ctx, subj, n);
        if (!subj) {
            *err = "Out of memory";
            return BK_ERR;
        }
    }
    return exec_units(ctx, re, subj, n, start, m, err, search);
}

int bk_js_re_exec(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                  const uint16_t *subj, size_t n, size_t start,
                  bk_js_re_match_t *m, const char **err)
{
    return exec_wide(ctx, re, subj, n, start, m, err, 0);
}

int bk_js_re_search(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                    const uint16_t *subj, size_t n, size_t start,
                    bk_js_re_match_t *m, const char **err)
{
    return exec_wide(ctx, re, subj, n, start, m, err, 1);
}

/* bk_js_re_exec() on a subject already in the form the regex expects. */
static int exec_units(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                      const uint16_t *subj, size_t n, size_t start,
                      bk_js_re_match_t *m, const char **err, int search)
{
    static const uint16_t empty[1] = {0};
    uint32_t need = (uint32_t)re->ngroups + 1;
    uint32_t pneed = (uint32_t)re->npcre + 1;
    *err = NULL;
    if (start > n)
        return BK_DECLINED;
    if (n > INT32_MAX) {
        *err = "Subject too long"; /* offsets are int32_t */
        return BK_ERR;
    }
    /* With `u`, a start inside a surrogate pair backs up to its lead
     * (as V8 does). */
    if ((re->flags & (BK_JS_RE_UNICODE | BK_JS_RE_UNICODE_SETS)) &&
        start > 0 && start < n &&
        subj[start] >= 0xdc00 && subj[start] <= 0xdfff &&
        subj[start - 1] >= 0xd800 && subj[start - 1] <= 0xdbff)
        start--;
    if (!ctx->md || ctx->pairs < pneed) {
        uint32_t pairs = BK_MAX(pneed, 16u);
        ctx->md = pcre2_match_data_create(pairs, ctx->gctx);
        ctx->cap = bk_arena_alloc(ctx->arena, sizeof(int32_t) * 2 * pairs);
        if (!ctx->md || !ctx->cap) {
            ctx->md = NULL;
            *err = "Out of memory";
            return BK_ERR;
        }
        ctx->pairs = pairs;
    }
    uint32_t opts =
        (re->flags & BK_JS_RE_STICKY) && !search ? PCRE2_ANCHORED : 0;
    PCRE2_SPTR s = subj ? subj : empty;
    /* Only patterns with loop markers contain callouts; others never
     * look at the (possibly stale) setting. */
    if (re->nloops)
        pcre2_set_callout(ctx->mctx, empty_check, (void *)re);
    int rc = pcre2_match(re->code, s, n, start, opts, ctx->md, ctx->mctx);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT && grow_jit_stack(ctx))
        rc = pcre2_match(re->code, s, n, start, opts, ctx->md, ctx->mctx);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
        rc = pcre2_match(re->code, s, n, start, opts | PCRE2_NO_JIT, ctx->md,
                         ctx->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return BK_DECLINED;
    if (rc < 0) {
        switch (rc) {
        case PCRE2_ERROR_MATCHLIMIT:
        case PCRE2_ERROR_DEPTHLIMIT:
        case PCRE2_ERROR_HEAPLIMIT:
        case PCRE2_ERROR_JIT_STACKLIMIT:
            *err = "Regular expression too complex";
            return BK_ERR;
        case PCRE2_ERROR_NOMEMORY:
            *err = "Out of memory";
            return BK_ERR;
        default:
            /* e.g. a start offset inside a surrogate pair with `u` */
            return BK_DECLINED;
        }
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ctx->md);
    for (uint32_t j = 0; j < need; j++) {
        uint32_t k = (uint32_t)re->map[j];
        if (k < (uint32_t)rc && ov[2 * k] != PCRE2_UNSET) {
            ctx->cap[2 * j] = (int32_t)ov[2 * k];
            ctx->cap[2 * j + 1] = (int32_t)ov[2 * k + 1];
        } else {
            ctx->cap[2 * j] = ctx->cap[2 * j + 1] = -1;
        }
    }
    /* JS clears a loop's captures at each iteration: drop those that
     * began before the last iteration did (see loop_t). */
    for (int l = 0; l < re->nloops; l++) {
        uint32_t k = (uint32_t)re->loops[l].marker;
        int32_t mark = k < (uint32_t)rc && ov[2 * k] != PCRE2_UNSET
                           ? (int32_t)ov[2 * k]
                           : INT32_MAX;
        for (int j = re->loops[l].first; j <= re->loops[l].last; j++)
            if (ctx->cap[2 * j] >= 0 && ctx->cap[2 * j] < mark)
                ctx->cap[2 * j] = ctx->cap[2 * j + 1] = -1;
    }
    m->ncap = (int)need;
    m->cap = ctx->cap;
    return BK_OK;
}

static int exec_latin1(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                       const uint8_t *subj, size_t n, size_t start,
                       bk_js_re_match_t *m, const char **err, int search)
{
    if (n > ctx->wide_cap) {
        size_t cap = BK_MAX(n, BK_MAX(ctx->wide_cap * 2, (size_t)256));
        uint16_t *w = bk_arena_alloc(ctx->arena, cap * 2);
        if (!w) {
            *err = "Out of memory";
            return BK_ERR;
        }
        ctx->wide = w;
        ctx->wide_cap = cap;
    }
    for (size_t i = 0; i < n; i++)
        ctx->wide[i] = subj[i];
    /* Latin-1 holds no surrogates: no stand-ins needed. */
    return exec_units(ctx, re, ctx->wide, n, start, m, err, search);
}

int bk_js_re_exec_latin1(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                         const uint8_t *subj, size_t n, size_t start,
                         bk_js_re_match_t *m, const char **err)
{
    return exec_latin1(ctx, re, subj, n, start, m, err, 0);
}

int bk_js_re_search_latin1(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                           const uint8_t *subj, size_t n, size_t start,
                           bk_js_re_match_t *m, const char **err)
{
    return exec_latin1(ctx, re, subj, n, start, m, err, 1);
}

/* ---------------------------------------------------------------------
 * Replacement templates (GetSubstitution)
 * ------------------------------------------------------------------- */

/* A string of either width (the engine keeps Latin-1 strings narrow). */
typedef struct {
    const uint8_t *p8;
    const uint16_t *p16;
    size_t n;
} text_t;

static inline uint16_t text_at(const text_t *t, size_t i)
{
    return t->p16 ? t->p16[i] : t->p8[i];
}

/* Appends t[from..to) as UTF-16 units. */
static int put_text(bk_buf_t *out, const text_t *t, size_t from, size_t to)
{
    if (to <= from)
        return BK_OK;
    if (t->p16)
        return bk_buf_append(out, t->p16 + from, (to - from) * 2);
    if (bk_buf_reserve(out, (to - from) * 2) != BK_OK)
        return BK_ERR;
    uint16_t *d = (uint16_t *)(out->p + out->n);
    for (size_t i = from; i < to; i++)
        *d++ = t->p8[i];
    out->n += (to - from) * 2;
    return BK_OK;
}

static int put_group(bk_buf_t *out, const text_t *subj, const int32_t *cap,
                     int k)
{
    if (cap[2 * k] < 0)
        return BK_OK;
    return put_text(out, subj, (size_t)cap[2 * k], (size_t)cap[2 * k + 1]);
}

/* The group number of the name tmpl[from..to), or -1. */
static int name_in_text(const bk_js_re_t *re, const text_t *t, size_t from,
                        size_t to)
{
    for (int k = 0; k < re->nnames; k++) {
        if (re->names[k].len != to - from)
            continue;
        size_t j = 0;
        while (j < to - from && re->names[k].name[j] == text_at(t, from + j))
            j++;
        if (j == to - from)
            return re->names[k].group;
    }
    return -1;
}

static int expand(bk_buf_t *out, const text_t *tmpl, const text_t *subj,
                  const int32_t *cap, int ncap, const bk_js_re_t *re)
{
    size_t pos = (size_t)cap[0], end = (size_t)cap[1];
    size_t tn = tmpl->n, sn = subj->n;
    int m = ncap - 1; /* number of captures */
    size_t i = 0, lit = 0;
    while (i < tn) {
        if (text_at(tmpl, i) != '$' || i + 1 >= tn) {
            i++;
            continue;
        }
        /* Flush the literal run before this '$'. */
        if (put_text(out, tmpl, lit, i) != BK_OK)
            return BK_ERR;
        uint16_t c = text_at(tmpl, i + 1);
        size_t used = 2;
        int rc = BK_OK;
        if (c == '$') {
            uint16_t d = '$';
            rc = bk_buf_append(out, &d, 2);
        } else if (c == '&') {
            rc = put_text(out, subj, pos, end);
        } else if (c == '`') {
            rc = put_text(out, subj, 0, pos);
        } else if (c == '\'') {
            rc = put_text(out, subj, BK_MIN(end, sn), sn);
        } else if (c >= '0' && c <= '9') {
            int d1 = c - '0';
            uint16_t c2 = i + 2 < tn ? text_at(tmpl, i + 2) : 0;
            int two = c2 >= '0' && c2 <= '9';
            int d2 = two ? d1 * 10 + (c2 - '0') : -1;
            if (two && d2 >= 1 && d2 <= m) {
                rc = put_group(out, subj, cap, d2);
                used = 3;
            } else if (d1 >= 1 && d1 <= m) {
                rc = put_group(out, subj, cap, d1);
            } else {
                used = 0;
            }
        } else if (c == '<' && re && re->nnames > 0) {
            size_t j = i + 2;
            while (j < tn && text_at(tmpl, j) != '>')
                j++;
            if (j >= tn) {
                used = 0;
            } else {
                int g = name_in_text(re, tmpl, i + 2, j);
                if (g > 0 && g < ncap)
                    rc = put_group(out, subj, cap, g);
                used = j + 1 - i;
            }
        } else {
            used = 0;
        }
        if (rc != BK_OK)
            return BK_ERR;
        if (used == 0) {
            /* Not a substitution: the '$' stays literal. */
            lit = i;
            i++;
            continue;
        }
        i += used;
        lit = i;
    }
    return put_text(out, tmpl, lit, tn);
}

int bk_js_re_expand(bk_buf_t *out, const uint16_t *tmpl, size_t tn,
                    const uint16_t *subj, size_t sn, const int32_t *cap,
                    int ncap, const bk_js_re_t *re)
{
    text_t t = {NULL, tmpl, tn}, s = {NULL, subj, sn};
    return expand(out, &t, &s, cap, ncap, re);
}

int bk_js_re_expand_mixed(bk_buf_t *out, const void *tmpl, size_t tn,
                          int tmpl_wide, const void *subj, size_t sn,
                          int subj_wide, const int32_t *cap, int ncap,
                          const bk_js_re_t *re)
{
    text_t t = {tmpl_wide ? NULL : tmpl, tmpl_wide ? tmpl : NULL, tn};
    text_t s = {subj_wide ? NULL : subj, subj_wide ? subj : NULL, sn};
    return expand(out, &t, &s, cap, ncap, re);
}
