/*
 * cache_cond.c: conditional requests (If-None-Match, If-Modified-Since,
 * If-Range) and single byte ranges, evaluated against a cached
 * representation. Pure functions over header values (RFC 9110 13 and 14).
 */
#include <string.h>

#include "cache/cache_int.h"

/* An entity-tag split into weakness and opaque-tag (without quotes). */
typedef struct {
    int weak;
    bk_str_t opaque;
} etag_t;

/* Parses one entity-tag at s[*i]; 0 if there is none there. A stored ETag
 * without quotes (sloppy origins) is taken whole as its opaque part. */
static int etag_next(bk_str_t s, size_t *i, etag_t *t)
{
    size_t j = *i;
    t->weak = 0;
    if (j + 1 < s.n && s.p[j] == 'W' && s.p[j + 1] == '/') {
        t->weak = 1;
        j += 2;
    }
    if (j >= s.n || s.p[j] != '"')
        return 0;
    size_t start = ++j;
    while (j < s.n && s.p[j] != '"')
        j++;
    if (j >= s.n)
        return 0;
    t->opaque = bk_str(s.p + start, j - start);
    *i = j + 1;
    return 1;
}

static int etag_parse1(bk_str_t s, etag_t *t)
{
    size_t i = 0;
    s = bk_str_trim(s);
    if (etag_next(s, &i, t) && i == s.n)
        return 1;
    t->weak = 0;
    t->opaque = s;
    return s.n > 0;
}

/* Whether list 'l' (If-None-Match) holds a tag matching 'e' by weak
 * comparison. A malformed member ends the scan without a match. */
static int list_match_weak(bk_str_t l, const etag_t *e)
{
    size_t i = 0;
    for (;;) {
        while (i < l.n && (l.p[i] == ' ' || l.p[i] == '\t' || l.p[i] == ','))
            i++;
        if (i >= l.n)
            return 0;
        etag_t t;
        if (!etag_next(l, &i, &t))
            return 0;
        if (bk_str_eq(t.opaque, e->opaque))
            return 1;
    }
}

int bk_cache_not_modified(bk_str_t inm, bk_str_t ims, bk_str_t etag,
                          int64_t last_modified)
{
    if (inm.p != NULL) {
        inm = bk_str_trim(inm);
        if (bk_str_eq(inm, BK_STR("*")))
            return 1; /* we hold a current representation */
        etag_t e;
        if (!etag_parse1(etag, &e))
            return 0;
        return list_match_weak(inm, &e);
    }
    if (ims.p != NULL && last_modified >= 0) {
        int64_t t;
        if (bk_date_parse(ims, BK_DATE_LENIENT, &t) != BK_OK)
            return 0; /* invalid dates are ignored */
        return last_modified <= t;
    }
    return 0;
}

int bk_cache_if_range_ok(bk_str_t if_range, bk_str_t etag,
                         int64_t last_modified)
{
    if (if_range.p == NULL)
        return 1;
    if_range = bk_str_trim(if_range);
    if (if_range.n == 0)
        return 1;
    if (if_range.p[0] == '"' || if_range.p[0] == 'W') {
        etag_t a, b;
        size_t i = 0;
        if (!etag_next(if_range, &i, &a) || i != if_range.n)
            return 0;
        if (!etag_parse1(etag, &b))
            return 0;
        return !a.weak && !b.weak && bk_str_eq(a.opaque, b.opaque);
    }
    int64_t t;
    return last_modified >= 0 &&
           bk_date_parse(if_range, BK_DATE_LENIENT, &t) == BK_OK && t == last_modified;
}

/* ---------------------------------------------------------------------- */
/* Range                                                                   */
/* ---------------------------------------------------------------------- */

/* Digits at s[*i]: 0 if none; *ovf set when the value passes UINT64_MAX. */
static int digits(bk_str_t s, size_t *i, uint64_t *v, int *ovf)
{
    size_t start = *i;
    *v = 0;
    *ovf = 0;
    while (*i < s.n && s.p[*i] >= '0' && s.p[*i] <= '9') {
        uint64_t d = (uint64_t)(s.p[*i] - '0');
        if (*v > (UINT64_MAX - d) / 10)
            *ovf = 1;
        else
            *v = *v * 10 + d;
        (*i)++;
    }
    return *i > start;
}

/* Compares two decimal digit strings by value (any length): <0, 0, >0. */
static int dec_cmp(bk_str_t a, bk_str_t b)
{
    while (a.n > 1 && a.p[0] == '0')
        a = bk_str(a.p + 1, a.n - 1);
    while (b.n > 1 && b.p[0] == '0')
        b = bk_str(b.p + 1, b.n - 1);
    if (a.n != b.n)
        return a.n < b.n ? -1 : 1;
    return memcmp(a.p, b.p, a.n);
}

int bk_cache_range_parse(bk_str_t range, uint64_t size, uint64_t *first,
                         uint64_t *last)
{
    if (range.p == NULL)
        return BK_DECLINED;
    range = bk_str_trim(range);
    if (range.n < 6 || !bk_str_eq_ci(bk_str(range.p, 6), BK_STR("bytes=")))
        return BK_DECLINED;
    bk_str_t s = bk_str(range.p + 6, range.n - 6);
    size_t i = 0;
    while (i < s.n && (s.p[i] == ' ' || s.p[i] == '\t'))
        i++;

    uint64_t a = 0, b = 0;
    int has_a, has_b, ovf_a = 0, ovf_b = 0;
    size_t a0 = i;
    has_a = digits(s, &i, &a, &ovf_a);
    bk_str_t a_txt = bk_str(s.p + a0, i - a0);
    if (i >= s.n || s.p[i] != '-')
        return BK_DECLINED;
    i++;
    size_t b0 = i;
    has_b = digits(s, &i, &b, &ovf_b);
    bk_str_t b_txt = bk_str(s.p + b0, i - b0);
    while (i < s.n && (s.p[i] == ' ' || s.p[i] == '\t'))
        i++;
    if (i < s.n) {
        /* More ranges (or junk): one range is all we serve as 206. */
        return BK_DECLINED;
    }
    if (!has_a && !has_b)
        return BK_DECLINED;

    if (!has_a) { /* suffix: the last b bytes */
        if (b == 0 || size == 0)
            return BK_ERR;
        *first = (ovf_b || b >= size) ? 0 : size - b;
        *last = size - 1;
        return BK_OK;
    }
    if (has_b && dec_cmp(b_txt, a_txt) < 0)
        return BK_DECLINED; /* invalid range-spec: ignore the header */
    if (ovf_a || a >= size)
        return BK_ERR;
    *first = a;
    *last = (!has_b || ovf_b || b >= size) ? size - 1 : b;
    return BK_OK;
}
