/*
 * test_re.c: the RegExp layer against node's answers (re_vectors.h, from
 * gen_re_vectors.js): syntax errors with V8's messages, match offsets,
 * named groups, flags; plus replacement templates, limits on catastrophic
 * backtracking, and allocation failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "js/re.h"
#include "re_vectors.h"

/* Decodes hex UTF-16 units from s[0..n) into u; returns the count. */
static size_t unhex(const char *s, size_t n, uint16_t *u)
{
    size_t k = 0;
    for (size_t i = 0; i + 4 <= n; i += 4) {
        char b[5] = {s[i], s[i + 1], s[i + 2], s[i + 3], 0};
        u[k++] = (uint16_t)strtoul(b, NULL, 16);
    }
    return k;
}

static size_t from_ascii(const char *s, uint16_t *u)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        u[i] = (uint8_t)s[i];
    return n;
}

/* UTF-16 to UTF-8 (as node prints messages and names; a lone surrogate
 * comes out as its 3-byte form). */
static void to_ascii(const uint16_t *u, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 5 < cap; i++) {
        uint32_t c = u[i];
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && u[i + 1] >= 0xdc00 &&
            u[i + 1] <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (u[++i] - 0xdc00u);
            out[k++] = (char)(0xf0 | (c >> 18));
            out[k++] = (char)(0x80 | ((c >> 12) & 0x3f));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[k++] = (char)(0x80 | (c & 0x3f));
        } else if (c < 0x80) {
            out[k++] = (char)c;
        } else if (c < 0x800) {
            out[k++] = (char)(0xc0 | (c >> 6));
            out[k++] = (char)(0x80 | (c & 0x3f));
        } else {
            out[k++] = (char)(0xe0 | (c >> 12));
            out[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
            out[k++] = (char)(0x80 | (c & 0x3f));
        }
    }
    out[k] = 0;
}

/* Patterns where PCRE2 knowingly differs from JS (see re.h):
 * backreferences to captures of earlier iterations (cleared only after the
 * match), an empty first iteration of a '+' loop (PCRE2 then leaves the
 * loop), a quantified lookahead, and lookbehinds PCRE2 cannot compile
 * (variable length). The test checks that these, and only these, differ. */
static const char *const known_diffs[] = {
    "(?:(?<n>a)|b)+\\k<n>", /* a backreference sees the uncleared value */
    "(?:(a)|b)+\\1",
    "(?=(a))?", /* a repeated lookahead: no empty check */
    "(?:|a)+",  /* PCRE2 leaves a loop after an empty iteration */
    "(?<=(\\d+)(\\d+))$",
    "(.)(?<=\\1)",
};

static int known_seen[BK_COUNTOF(known_diffs)];

static int is_known_diff(const char *pat)
{
    for (size_t k = 0; k < BK_COUNTOF(known_diffs); k++)
        if (strcmp(pat, known_diffs[k]) == 0) {
            known_seen[k] = 1;
            return 1;
        }
    return 0;
}

/* Runs one vector and writes our result in the generator's format. */
static void run_vector(const char *line, char *got, size_t cap,
                       bk_js_re_ctx_t *ctx, bk_arena_t *ra)
{
    static uint16_t pat[4096], fl[16], subj[4096];
    const char *f[5];
    size_t len[5];
    const char *p = line;
    for (int k = 0; k < 5; k++) {
        const char *e = strchr(p, '\t');
        f[k] = p;
        len[k] = e ? (size_t)(e - p) : strlen(p);
        p = e ? e + 1 : p + len[k];
    }
    size_t pn = unhex(f[0], len[0], pat);
    size_t fn = unhex(f[1], len[1], fl);
    size_t sn = unhex(f[2], len[2], subj);
    size_t li = strtoul(f[3], NULL, 10);
    unsigned flags;
    if (bk_js_re_parse_flags(fl, fn, &flags) != BK_OK) {
        snprintf(got, cap, "E:Invalid regular expression flags");
        return;
    }
    const char *reason;
    /* Alternate vectors compile into an arena (no JIT) instead. */
    bk_js_re_t *re = ra ? bk_js_re_compile_in(ra, pat, pn, flags, &reason)
                        : bk_js_re_compile(pat, pn, flags, &reason);
    if (!re) {
        bk_buf_t b;
        bk_buf_init(&b, NULL);
        assert_int_equal(
            bk_js_re_error_message(&b, pat, pn, flags, reason), BK_OK);
        char msg[1024];
        to_ascii((const uint16_t *)b.p, b.n / 2, msg, sizeof msg);
        snprintf(got, cap, "E:%s", msg);
        bk_buf_free(&b);
        return;
    }
    size_t start = (flags & (BK_JS_RE_GLOBAL | BK_JS_RE_STICKY)) ? li : 0;
    bk_js_re_match_t m;
    const char *err;
    int rc = bk_js_re_exec(ctx, re, subj, sn, start, &m, &err);
    /* The Latin-1 entry point must agree whenever the subject fits. */
    int narrow = 1;
    static uint8_t s8[4096];
    for (size_t k = 0; k < sn; k++) {
        narrow &= subj[k] < 256;
        s8[k] = (uint8_t)subj[k];
    }
    if (narrow) {
        int32_t caps[2 * 64];
        int nc = rc == BK_OK ? BK_MIN(m.ncap, 64) : 0;
        memcpy(caps, rc == BK_OK ? m.cap : caps, sizeof(int32_t) * 2 * nc);
        bk_js_re_match_t m8;
        const char *err8;
        int rc8 = bk_js_re_exec_latin1(ctx, re, s8, sn, start, &m8, &err8);
        assert_int_equal(rc8, rc);
        if (rc == BK_OK)
            assert_memory_equal(m8.cap, caps, sizeof(int32_t) * 2 * nc);
        if (rc == BK_OK) /* restore m for the report below */
            m = m8;
    }
    if (rc == BK_DECLINED) {
        snprintf(got, cap, "N");
    } else if (rc != BK_OK) {
        snprintf(got, cap, "X:%s", err);
    } else {
        size_t k = (size_t)snprintf(got, cap, "M:");
        for (int g = 0; g < m.ncap; g++)
            k += (size_t)snprintf(got + k, cap - k, "%s%d,%d", g ? ";" : "",
                                  m.cap[2 * g], m.cap[2 * g + 1]);
        k += (size_t)snprintf(got + k, cap - k, "|");
        int nn;
        const bk_js_re_name_t *names = bk_js_re_names(re, &nn);
        for (int j = 0; j < nn; j++) {
            char nm[256];
            to_ascii(names[j].name, names[j].len, nm, sizeof nm);
            int g = names[j].group;
            k += (size_t)snprintf(got + k, cap - k, "%s%s=%d,%d",
                                  j ? ";" : "", nm, m.cap[2 * g],
                                  m.cap[2 * g + 1]);
        }
    }
    bk_js_re_free(re);
}

static void test_vectors(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 0, 0);
    bk_js_re_ctx_t *ctx = bk_js_re_ctx_new(&a, 0, 0);
    assert_non_null(ctx);
    size_t fails = 0, known = 0;
    static char got[8192], exp[8192];
    for (size_t i = 0; i < BK_COUNTOF(re_vectors); i++) {
        bk_arena_t ra;
        bk_arena_init(&ra, 0, 0);
        run_vector(re_vectors[i], got, sizeof got, ctx, i % 2 ? &ra : NULL);
        bk_arena_destroy(&ra);
        const char *e = re_vectors[i];
        for (int k = 0; k < 4; k++)
            e = strchr(e, '\t') + 1;
        /* node prints non-ASCII names and sources as themselves. */
        snprintf(exp, sizeof exp, "%s", e);
        if (strcmp(got, exp) != 0) {
            uint16_t u[4096];
            char pat[1024];
            size_t pn = unhex(re_vectors[i], (size_t)(strchr(re_vectors[i],
                                                   '\t') - re_vectors[i]), u);
            to_ascii(u, pn, pat, sizeof pat);
            if (is_known_diff(pat)) {
                known++;
                continue;
            }
            if (fails++ < 40)
                print_error("#%zu /%s/: got %s want %s\n", i, pat, got, exp);
        }
    }
    for (size_t k = 0; k < BK_COUNTOF(known_diffs); k++)
        if (!known_seen[k])
            print_error("known difference /%s/ now matches node\n",
                        known_diffs[k]);
    assert_int_equal(known, BK_COUNTOF(known_diffs));
    bk_arena_destroy(&a);
    if (fails)
        fail_msg("%zu of %zu vectors differ from node", fails,
                 BK_COUNTOF(re_vectors));
}

/* Expands template 't' for subject 's' and the match of 're' (a JS
 * pattern compiled with no flags) and compares with 'want'. */
static void check_expand(const char *pattern, const char *s, const char *t,
                         const char *want)
{
    uint16_t pu[256], su[256], tu[256];
    size_t pn = from_ascii(pattern, pu), sn = from_ascii(s, su),
           tn = from_ascii(t, tu);
    const char *reason, *err;
    bk_js_re_t *re = bk_js_re_compile(pu, pn, 0, &reason);
    assert_non_null(re);
    bk_arena_t a;
    bk_arena_init(&a, 0, 0);
    bk_js_re_ctx_t *ctx = bk_js_re_ctx_new(&a, 0, 0);
    bk_js_re_match_t m;
    assert_int_equal(bk_js_re_exec(ctx, re, su, sn, 0, &m, &err), BK_OK);
    bk_buf_t b;
    bk_buf_init(&b, &a);
    assert_int_equal(
        bk_js_re_expand(&b, tu, tn, su, sn, m.cap, m.ncap, re), BK_OK);
    char out[512];
    to_ascii((const uint16_t *)b.p, b.n / 2, out, sizeof out);
    assert_string_equal(out, want);
    /* The same through the mixed-width entry (Latin-1 template/subject). */
    bk_buf_t b8;
    bk_buf_init(&b8, &a);
    assert_int_equal(bk_js_re_expand_mixed(&b8, t, tn, 0, s, sn, 0, m.cap,
                                           m.ncap, re),
                     BK_OK);
    assert_int_equal(b8.n, b.n);
    assert_memory_equal(b8.p, b.p, b.n);
    bk_arena_destroy(&a);
    bk_js_re_free(re);
}

static void test_expand(void **state)
{
    (void)state;
    /* Expected strings from node: 'xabcy'.replace(/b(c)/, tmpl) etc. */
    check_expand("b(c)", "xabcy", "[$&]", "[bc]");
    check_expand("b(c)", "xabcy", "[$`]", "[xa]");
    check_expand("b(c)", "xabcy", "[$']", "[y]");
    check_expand("b(c)", "xabcy", "[$$]", "[$]");
    check_expand("b(c)", "xabcy", "[$1]", "[c]");
    check_expand("b(c)", "xabcy", "[$01]", "[c]");
    check_expand("b(c)", "xabcy", "[$10]", "[c0]");
    check_expand("b(c)", "xabcy", "[$2]", "[$2]");
    check_expand("b(c)", "xabcy", "[$0]", "[$0]");
    check_expand("b(c)", "xabcy", "[$00]", "[$00]");
    check_expand("b(c)", "xabcy", "[$<x>]", "[$<x>]");
    check_expand("b(c)", "xabcy", "$", "$");
    check_expand("b(c)", "xabcy", "a$", "a$");
    check_expand("b(c)", "xabcy", "$x$", "$x$");
    check_expand("b(?<n>c)(d)?", "xabcy", "[$<n>|$<m>|$2|$<n]",
                 "[c|||$<n]");
    check_expand("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "abcdefghijk",
                 "$11-$10-$1$0", "k-j-a$0");
}

static void test_catastrophic(void **state)
{
    (void)state;
    uint16_t pu[32], su[64];
    size_t pn = from_ascii("(a+)+$", pu);
    for (int i = 0; i < 40; i++)
        su[i] = 'a';
    su[40] = 'b';
    const char *reason, *err = NULL;
    bk_js_re_t *re = bk_js_re_compile(pu, pn, 0, &reason);
    assert_non_null(re);
    bk_arena_t a;
    bk_arena_init(&a, 0, 8 << 20);
    bk_js_re_ctx_t *ctx = bk_js_re_ctx_new(&a, 0, 0);
    bk_js_re_match_t m;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = bk_js_re_exec(ctx, re, su, 41, 0, &m, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    assert_int_equal(rc, BK_ERR);
    assert_string_equal(err, "Regular expression too complex");
    assert_true(ms < 2000);
    /* The same ctx keeps working after a blown limit. */
    assert_int_equal(bk_js_re_exec(ctx, re, su, 40, 0, &m, &err), BK_OK);
    assert_int_equal(m.cap[0], 0);
    assert_int_equal(m.cap[1], 40);
    bk_arena_destroy(&a);
    bk_js_re_free(re);
}

/* The match state lives in the arena: a tiny cap makes exec fail cleanly. */
static void test_arena_cap(void **state)
{
    (void)state;
    uint16_t pu[32], su[8];
    size_t pn = from_ascii("(a)(b)?", pu), sn = from_ascii("xab", su);
    const char *reason, *err;
    bk_js_re_t *re = bk_js_re_compile(pu, pn, 0, &reason);
    assert_non_null(re);
    int ok = 0, failed = 0;
    for (size_t cap = 256; cap <= (256u << 10); cap *= 2) {
        bk_arena_t a;
        bk_arena_init(&a, 256, cap);
        bk_js_re_ctx_t *ctx = bk_js_re_ctx_new(&a, 0, 0);
        if (ctx) {
            bk_js_re_match_t m;
            int rc = bk_js_re_exec(ctx, re, su, sn, 0, &m, &err);
            if (rc == BK_OK) {
                assert_int_equal(m.cap[0], 1);
                assert_int_equal(m.cap[5], 3);
                ok++;
            } else {
                assert_int_equal(rc, BK_ERR);
                failed++;
            }
        } else {
            failed++;
        }
        bk_arena_destroy(&a);
    }
    assert_true(ok > 0);
    assert_true(failed > 0);
    bk_js_re_free(re);
}

/* Compile survives every allocation failure. */
static void test_compile_alloc_fail(void **state)
{
    (void)state;
    uint16_t pu[64];
    size_t pn = from_ascii("^(?<a>x+)[\\w\\s-]*\\k<a>$", pu);
    int failures = 0;
    for (unsigned long n = 1; n < 200; n++) {
        const char *reason;
        bk_alloc_fail_at(n);
        bk_js_re_t *re = bk_js_re_compile(pu, pn, BK_JS_RE_IGNORE_CASE,
                                          &reason);
        bk_alloc_fail_at(0);
        if (!re) {
            assert_string_equal(reason, "Out of memory");
            failures++;
            continue;
        }
        bk_js_re_free(re);
        break;
    }
    assert_true(failures > 0);
}

/* One compiled regex, matched from several threads at once, each with
 * its own arena and ctx (the intended sharing model). */
static bk_js_re_t *shared_re;

static void *thread_main(void *arg)
{
    uintptr_t id = (uintptr_t)arg;
    uint16_t su[64];
    char s[64];
    snprintf(s, sizeof s, "GET /api/v%u/users/%u/x", (unsigned)id,
             (unsigned)(id * 1000 + 7));
    size_t sn = from_ascii(s, su);
    bk_arena_t a;
    bk_arena_init(&a, 0, 1 << 20);
    bk_js_re_ctx_t *ctx = bk_js_re_ctx_new(&a, 0, 0);
    uintptr_t bad = ctx == NULL;
    for (int i = 0; i < 5000 && !bad; i++) {
        bk_js_re_match_t m;
        const char *err;
        if (bk_js_re_exec(ctx, shared_re, su, sn, 0, &m, &err) != BK_OK ||
            m.cap[2] != 10 || m.cap[4] != 18 || m.cap[5] != (int32_t)sn - 2)
            bad = 1;
    }
    bk_arena_destroy(&a);
    return (void *)bad;
}

static void test_threads(void **state)
{
    (void)state;
    uint16_t pu[64];
    size_t pn = from_ascii("/v(\\d)/users/(\\d+)", pu);
    const char *reason;
    shared_re = bk_js_re_compile(pu, pn, BK_JS_RE_IGNORE_CASE, &reason);
    assert_non_null(shared_re);
    pthread_t th[4];
    for (uintptr_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, thread_main,
                                        (void *)(i + 1)), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        assert_int_equal(pthread_join(th[i], &r), 0);
        assert_null(r);
    }
    bk_js_re_free(shared_re);
}

/* Every allocation of ctx creation and exec may fail: no crash, a clean
 * BK_ERR / NULL, and success once the failure point is past. */
static void test_exec_alloc_fail(void **state)
{
    (void)state;
    uint16_t pu[32], su[16];
    size_t pn = from_ascii("(a)(?<n>b)?c", pu), sn = from_ascii("xabc", su);
    const char *reason, *err;
    bk_js_re_t *re = bk_js_re_compile(pu, pn, 0, &reason);
    assert_non_null(re);
    int failures = 0, done = 0;
    for (unsigned long n = 1; n < 100 && !done; n++) {
        bk_arena_t a;
        bk_arena_init(&a, 64, 0);
        bk_alloc_fail_at(n);
        bk_js_re_ctx_t *ctx = bk_js_re_ctx_new(&a, 0, 0);
        int rc = BK_ERR;
        bk_js_re_match_t m;
        if (ctx)
            rc = bk_js_re_exec(ctx, re, su, sn, 0, &m, &err);
        bk_alloc_fail_at(0);
        if (rc == BK_OK) {
            assert_int_equal(m.cap[0], 1);
            assert_int_equal(m.cap[1], 4);
            done = 1;
        } else {
            assert_int_equal(rc, BK_ERR);
            failures++;
        }
        bk_arena_destroy(&a);
    }
    assert_true(done);
    assert_true(failures > 0);
    bk_js_re_free(re);
}

static void check_source(const uint16_t *src, size_t n, const char *want)
{
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_js_re_source(&b, src, n), BK_OK);
    char out[256];
    to_ascii((const uint16_t *)b.p, b.n / 2, out, sizeof out);
    assert_string_equal(out, want);
    bk_buf_free(&b);
}

static void test_source(void **state)
{
    (void)state;
    /* Expected: new RegExp(s).source in node. */
    uint16_t u[32];
    check_source(u, from_ascii("a/b", u), "a\\/b");
    check_source(u, from_ascii("\n", u), "\\n");
    check_source(u, 0, "(?:)");
    check_source(u, from_ascii("[/]", u), "[/]");
    check_source(u, from_ascii("\\/", u), "\\/");
    check_source(u, from_ascii("a\\\\/b", u), "a\\\\\\/b");
    check_source(u, from_ascii("[\\]/]/", u), "[\\]/]\\/");
    static const uint16_t ls[] = {0x2028, 'x', '\r'};
    check_source(ls, 3, "\\u2028x\\r");
    /* Error texts keep the flags as written (node: "/(/ug: ..."). */
    bk_buf_t eb;
    bk_buf_init(&eb, NULL);
    uint16_t fl[4];
    size_t fln = from_ascii("ug", fl);
    const char *reason;
    bk_js_re_t *bad = bk_js_re_compile(u, from_ascii("(", u),
                                       BK_JS_RE_UNICODE | BK_JS_RE_GLOBAL,
                                       &reason);
    assert_null(bad);
    assert_int_equal(bk_js_re_error_message_raw(&eb, u, 1, fl, fln, reason),
                     BK_OK);
    char msg[128];
    to_ascii((const uint16_t *)eb.p, eb.n / 2, msg, sizeof msg);
    assert_string_equal(msg,
                        "Invalid regular expression: /(/ug: Unterminated group");
    bk_buf_free(&eb);
    char f[9];
    assert_int_equal(bk_js_re_flags_str(0xff, f), 8);
    assert_string_equal(f, "dgimsuvy");
    bk_js_re_flags_str(BK_JS_RE_GLOBAL | BK_JS_RE_STICKY, f);
    assert_string_equal(f, "gy");
}

static void test_flags(void **state)
{
    (void)state;
    uint16_t u[16];
    unsigned f;
    assert_int_equal(bk_js_re_parse_flags(u, from_ascii("dgimsuy", u), &f),
                     BK_OK);
    assert_int_equal(f, 0xbf);
    assert_int_equal(bk_js_re_parse_flags(u, from_ascii("gig", u), &f),
                     BK_ERR);
    assert_int_equal(bk_js_re_parse_flags(u, from_ascii("vg", u), &f),
                     BK_OK);
    assert_int_equal(f, BK_JS_RE_UNICODE_SETS | BK_JS_RE_GLOBAL);
    /* u and v exclude each other */
    assert_int_equal(bk_js_re_parse_flags(u, from_ascii("uv", u), &f),
                     BK_ERR);
    assert_int_equal(bk_js_re_parse_flags(u, 0, &f), BK_OK);
    assert_int_equal(f, 0);
}

/* bk_js_re_search ignores `y`; exec anchors there. Lone surrogates under
 * `u` match as code points (stand-ins), except when the subject holds a
 * stand-in character itself. */
static void test_search_and_surrogates(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 0, 0);
    bk_js_re_ctx_t *ctx = bk_js_re_ctx_new(&a, 0, 0);
    assert_non_null(ctx);
    uint16_t p[8], s[8];
    const char *reason = NULL, *err = NULL;
    bk_js_re_match_t m;
    bk_js_re_t *re = bk_js_re_compile(p, from_ascii("b", p), BK_JS_RE_STICKY,
                                      &reason);
    assert_non_null(re);
    size_t sn = from_ascii("ab", s);
    assert_int_equal(bk_js_re_exec(ctx, re, s, sn, 0, &m, &err),
                     BK_DECLINED);
    assert_int_equal(bk_js_re_search(ctx, re, s, sn, 0, &m, &err), BK_OK);
    assert_int_equal(m.cap[0], 1);
    assert_int_equal(bk_js_re_search_latin1(ctx, re, (const uint8_t *)"ab",
                                            2, 0, &m, &err),
                     BK_OK);
    assert_int_equal(m.cap[0], 1);
    bk_js_re_free(re);

    /* /^.$/u and /\uD800/u on a lone surrogate */
    re = bk_js_re_compile(p, from_ascii("^.$", p), BK_JS_RE_UNICODE, &reason);
    assert_non_null(re);
    s[0] = 0xd800;
    assert_int_equal(bk_js_re_exec(ctx, re, s, 1, 0, &m, &err), BK_OK);
    uint16_t s2[2] = {0xdc00, 0xf000};
    /* with a stand-in in the subject, the lone surrogate matches nothing */
    bk_js_re_t *re2 = bk_js_re_compile(p, from_ascii("^..$", p),
                                       BK_JS_RE_UNICODE, &reason);
    assert_non_null(re2);
    assert_int_equal(bk_js_re_exec(ctx, re2, s2, 2, 0, &m, &err),
                     BK_DECLINED);
    bk_js_re_free(re2);
    bk_js_re_free(re);
    size_t pn = from_ascii("\\uD800", p);
    re = bk_js_re_compile(p, pn, BK_JS_RE_UNICODE, &reason);
    assert_non_null(re);
    uint16_t s3[3] = {'a', 0xd800, 'b'};
    assert_int_equal(bk_js_re_exec(ctx, re, s3, 3, 0, &m, &err), BK_OK);
    assert_int_equal(m.cap[0], 1);
    uint16_t s4[2] = {0xd800, 0xdc00}; /* a pair is one code point */
    assert_int_equal(bk_js_re_exec(ctx, re, s4, 2, 0, &m, &err),
                     BK_DECLINED);
    bk_js_re_free(re);
    bk_arena_destroy(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_search_and_surrogates),
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_expand),
        cmocka_unit_test(test_catastrophic),
        cmocka_unit_test(test_arena_cap),
        cmocka_unit_test(test_compile_alloc_fail),
        cmocka_unit_test(test_exec_alloc_fail),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
