/*
 * re.h: JavaScript regular expressions over PCRE2's 16-bit library.
 *
 * A JS pattern (UTF-16 code units) is translated into a PCRE2 pattern whose
 * matching follows ECMAScript: `^`/`$` and `.` use JS line terminators, the
 * class escapes are JS's ASCII/whitespace sets, named groups become numbered
 * groups with the names kept here, unset backreferences match empty, and
 * the Annex B leniencies apply without `u`. Syntax errors carry V8's texts.
 *
 * Invariant: a compiled bk_js_re_t is immutable and may be shared between
 * threads; everything a match allocates comes from a bk_js_re_ctx_t, which
 * lives in a caller's arena (one per invocation) and is never shared.
 *
 * Known differences from ECMAScript (PCRE2 limits): JS clears the captures
 * of a repeated group at each iteration; we clear the stale ones after the
 * match (so /(?:(a)|b)+/ on "ab" gives undefined, as JS), but during the
 * match a backreference still sees them (/(?:(a)|b)+\1/); JS's empty
 * check (an iteration past the minimum may not match empty) is done by a
 * callout in loops that hold captures or may match empty, but PCRE2 still
 * leaves a loop after an empty required iteration ("(?:|a)+" on "aa"
 * matches "" here, "aa" in JS); a lookbehind's top-level alternatives
 * must each have a fixed length (PCRE2 10.42; 10.43 lifts this); a
 * quantifier maximum above 65535 becomes unbounded and a minimum above it
 * never matches; the `v` flag is rejected; with `i`, case folding
 * is Unicode's simple folding (the known places where JS's toUpperCase
 * canonicalisation differs without `u` - U+017F, U+212A, U+212B, U+2126,
 * U+03F4, sharp s - are patched for literals and classes, not for
 * backreferences); with `u`, lone surrogates are matched through stand-ins
 * (re.c, SUR_*), except in a subject that also holds a stand-in character
 * (U+F000..U+F7FF) or by a pattern that names one or uses \p{..}: there a
 * lone surrogate matches nothing; `v` is `u` with v's class syntax, but
 * nested classes, set operations (&&, --) and \q{} are SyntaxErrors.
 */
#ifndef BK_JS_RE_H
#define BK_JS_RE_H

#include "core/arena.h"
#include "core/buf.h"

/* Flag bits, in the order RegExp.prototype.flags prints them. */
#define BK_JS_RE_HAS_INDICES 0x01 /* d */
#define BK_JS_RE_GLOBAL 0x02      /* g */
#define BK_JS_RE_IGNORE_CASE 0x04 /* i */
#define BK_JS_RE_MULTILINE 0x08   /* m */
#define BK_JS_RE_DOT_ALL 0x10     /* s */
#define BK_JS_RE_UNICODE 0x20     /* u */
#define BK_JS_RE_UNICODE_SETS 0x40 /* v */
#define BK_JS_RE_STICKY 0x80      /* y */

/* Default budgets for one exec: PCRE2 match (backtrack) limit and heap. */
#define BK_JS_RE_MATCH_LIMIT 2000000u
#define BK_JS_RE_HEAP_LIMIT_KIB 16384u
/* The largest JIT stack a ctx makes when the default 32 KiB overflows. */
#define BK_JS_RE_JIT_STACK (1024u * 1024u)

typedef struct bk_js_re bk_js_re_t;
typedef struct bk_js_re_ctx bk_js_re_ctx_t;

/* A named group: name (UTF-16, not NUL-terminated) and its group number. */
typedef struct {
    const uint16_t *name;
    size_t len;
    int group;
} bk_js_re_name_t;

/* The result of a successful exec: cap[2k], cap[2k+1] are the start and
 * end of group k (0 = whole match) in code units, -1 when unset. */
typedef struct {
    int ncap;     /* groups + 1 */
    int32_t *cap; /* 2 * ncap entries, owned by the ctx's arena */
} bk_js_re_match_t;

/* Parses flags "dgimsuvy" into BK_JS_RE_* bits. BK_ERR on an unknown or
 * repeated flag, or u with v (message: "Invalid regular expression
 * flags"). */
BK_MUST_CHECK int bk_js_re_parse_flags(const uint16_t *s, size_t n,
                                       unsigned *flags);

/* Compiles pattern src[0..n) with 'flags' (bits). On a syntax error returns
 * NULL and sets *reason to V8's text ("Unterminated group"); build the full
 * SyntaxError with bk_js_re_error_message(). NULL with *reason "Out of
 * memory" when allocation fails. The result is heap memory (it outlives
 * invocations); free it with bk_js_re_free(). */
BK_MUST_CHECK bk_js_re_t *bk_js_re_compile(const uint16_t *src, size_t n,
                                           unsigned flags,
                                           const char **reason);

/* bk_js_re_compile() for a regex made at run time (new RegExp(s)): the
 * compiled code and the regex live in arena 'a' and go with it (no JIT;
 * the translator's scratch is heap, freed before returning).
 * bk_js_re_free() on it is a no-op. */
BK_MUST_CHECK bk_js_re_t *bk_js_re_compile_in(bk_arena_t *a,
                                              const uint16_t *src, size_t n,
                                              unsigned flags,
                                              const char **reason);

/* Releases a compiled regex (NULL is fine). */
void bk_js_re_free(bk_js_re_t *re);

/* Appends "Invalid regular expression: /<src>/<flags>: <reason>" to 'out'
 * as UTF-16 code units. */
BK_MUST_CHECK int bk_js_re_error_message(bk_buf_t *out, const uint16_t *src,
                                         size_t n, unsigned flags,
                                         const char *reason);

/* The same with the flags as the script wrote them, for literals: V8
 * prints a literal's flags as written (/(/ug -> "/(/ug: ...") and the
 * constructor's in canonical order (bk_js_re_error_message). */
BK_MUST_CHECK int bk_js_re_error_message_raw(bk_buf_t *out,
                                             const uint16_t *src, size_t n,
                                             const uint16_t *flags,
                                             size_t fn, const char *reason);

/* The flags given to bk_js_re_compile(). */
unsigned bk_js_re_flags(const bk_js_re_t *re);

/* Number of capture groups (not counting group 0). */
int bk_js_re_groups(const bk_js_re_t *re);

/* The named groups in pattern order; *count set, NULL when none. */
const bk_js_re_name_t *bk_js_re_names(const bk_js_re_t *re, int *count);

/* The group number of name[0..len), or -1. */
int bk_js_re_name_group(const bk_js_re_t *re, const uint16_t *name,
                        size_t len);

/* Match state for one invocation: PCRE2 contexts whose allocator is 'a'
 * (so match data and backtracking frames count against its cap), with the
 * given match limit and heap limit (0: defaults above). NULL on failure. */
BK_MUST_CHECK bk_js_re_ctx_t *bk_js_re_ctx_new(bk_arena_t *a,
                                               uint32_t match_limit,
                                               uint32_t heap_limit_kib);

/* Runs 're' on subj[0..n) from 'start' (sticky regexes match only at
 * 'start'). BK_OK with *m filled; BK_DECLINED when there is no match;
 * BK_ERR with *err set when a limit was hit ("Regular expression
 * too complex" - catastrophic backtracking) or memory ran out. The offsets in
 * *m stay valid until the next exec on the same ctx. */
BK_MUST_CHECK int bk_js_re_exec(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                                const uint16_t *subj, size_t n, size_t start,
                                bk_js_re_match_t *m, const char **err);

/* bk_js_re_exec() / bk_js_re_exec_latin1() that search from 'start' even
 * when 're' is sticky (split finds its matches this way). */
BK_MUST_CHECK int bk_js_re_search(bk_js_re_ctx_t *ctx, const bk_js_re_t *re,
                                  const uint16_t *subj, size_t n,
                                  size_t start, bk_js_re_match_t *m,
                                  const char **err);
BK_MUST_CHECK int bk_js_re_search_latin1(bk_js_re_ctx_t *ctx,
                                         const bk_js_re_t *re,
                                         const uint8_t *subj, size_t n,
                                         size_t start, bk_js_re_match_t *m,
                                         const char **err);

/* GetSubstitution: appends to 'out' (UTF-16 code units) the replacement
 * template tmpl[0..tn) expanded for a match whose groups are 'cap'
 * (ncap groups incl. 0, offsets into subj, -1 unset): $$, $&, $`, $',
 * $1..$99 and, when 're' has named groups, $<name>. Pass re = NULL when
 * the spec's namedCaptures is undefined (a string pattern, or an exec()
 * result without groups): "$<" then stays literal. A groups object that
 * is not re's own (a user exec()) needs the caller's own lookup. */
BK_MUST_CHECK int bk_js_re_expand(bk_buf_t *out, const uint16_t *tmpl,
                                  size_t tn, const uint16_t *subj, size_t sn,
                                  const int32_t *cap, int ncap,
                                  const bk_js_re_t *re);

/* bk_js_re_expand() for strings of either width: tmpl and subj point to
 * uint16_t units when *_wide, else to Latin-1 bytes. Output is UTF-16. */
BK_MUST_CHECK int bk_js_re_expand_mixed(bk_buf_t *out, const void *tmpl,
                                        size_t tn, int tmpl_wide,
                                        const void *subj, size_t sn,
                                        int subj_wide, const int32_t *cap,
                                        int ncap, const bk_js_re_t *re);

/* bk_js_re_exec() on a Latin-1 subject: widened into a scratch buffer the
 * ctx keeps and reuses (it grows in the ctx's arena only when a longer
 * subject comes), so repeated matching does not grow the arena. */
BK_MUST_CHECK int bk_js_re_exec_latin1(bk_js_re_ctx_t *ctx,
                                       const bk_js_re_t *re,
                                       const uint8_t *subj, size_t n,
                                       size_t start, bk_js_re_match_t *m,
                                       const char **err);

/* RegExp.prototype.source: appends src[0..n) as V8 escapes it (UTF-16):
 * "(?:)" when empty, '/' outside a class as "\/", line terminators as
 * "\n", "\r", "\u2028", "\u2029". */
BK_MUST_CHECK int bk_js_re_source(bk_buf_t *out, const uint16_t *src,
                                  size_t n);

/* RegExp.prototype.flags: the letters of 'flags' in "dgimsuvy" order into
 * out (9 bytes), NUL-terminated; returns the count. */
size_t bk_js_re_flags_str(unsigned flags, char *out);

/* The PCRE2 pattern 're' was translated to, as UTF-16 (for debugging and
 * tests). */
const uint16_t *bk_js_re_pcre_pattern(const bk_js_re_t *re, size_t *len);

#endif
