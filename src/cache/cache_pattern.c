/*
 * cache_pattern.c: CloudFront's two path languages: cache behaviour
 * PathPatterns ('*' and '?' wildcards anywhere, first match in order,
 * default "*") and invalidation paths (exact, or a prefix when the path
 * ends in '*').
 *
 * The glob matcher is iterative with one backtrack point (the last '*'),
 * so it runs in O(|pattern| * |path|) at worst and never recurses.
 */
#include <string.h>

#include "cache/cache_int.h"

static bk_str_t strip_slash(bk_str_t s)
{
    if (s.n && s.p[0] == '/')
        return bk_str(s.p + 1, s.n - 1);
    return s;
}

int bk_cache__glob(bk_str_t p, bk_str_t s)
{
    size_t pi = 0, si = 0;
    size_t star = SIZE_MAX, mark = 0;

    while (si < s.n) {
        if (pi < p.n && p.p[pi] == '*') {
            star = pi++;
            mark = si;
        } else if (pi < p.n && (p.p[pi] == '?' || p.p[pi] == s.p[si])) {
            pi++;
            si++;
        } else if (star != SIZE_MAX) {
            pi = star + 1;
            si = ++mark;
        } else {
            return 0;
        }
    }
    while (pi < p.n && p.p[pi] == '*')
        pi++;
    return pi == p.n;
}

int bk_cache_path_match(bk_str_t pattern, bk_str_t path)
{
    /* "CloudFront behavior is the same with or without the leading /"
     * (API CacheBehavior.PathPattern): compare both without it. */
    return bk_cache__glob(strip_slash(pattern), strip_slash(path));
}

size_t bk_cache_behavior_select(const bk_str_t *patterns, size_t n,
                                bk_str_t path)
{
    for (size_t i = 0; i < n; i++)
        if (bk_cache_path_match(patterns[i], path))
            return i;
    return n;
}

/* Longest invalidation path CloudFront accepts (Invalidation.html). */
#define INVAL_MAX 4000

int bk_cache_inval_valid(bk_str_t path)
{
    if (path.n == 0 || path.n > INVAL_MAX || path.p[0] != '/')
        return 0;
    for (size_t i = 0; i + 1 < path.n; i++)
        if (path.p[i] == '*')
            return 0;
    return 1;
}

int bk_cache_inval_match(bk_str_t path, bk_str_t uri)
{
    if (!bk_cache_inval_valid(path))
        return 0;
    if (path.p[path.n - 1] == '*')
        return bk_str_starts(uri, bk_str(path.p, path.n - 1));
    return bk_str_eq(path, uri);
}
