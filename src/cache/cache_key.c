/*
 * cache_key.c: cache keys composed from the parts of a request a cache
 * policy selects, and Accept-Encoding normalisation.
 *
 * Key layout (compact, and injective: distinct selections give distinct
 * keys because every part is tagged and length-prefixed):
 *
 *   varint(len) URI                   path ['?' selected query string]
 *   'S' varint(len) scope             if given (behaviour/origin)
 *   'h' varint(len) host              lower-cased, if given
 *   'H' varint(len) name 0|1 [varint(len) value]   per policy header
 *   'C' varint(len) name varint(len) value         per cookie, by name
 *   'E' coding                        if the policy keys on encodings
 *
 * CloudFront rules followed (QueryStringParameters.html, Cookies.html):
 * query string parameters keep their order and case (a=1&b=2 and b=2&a=1
 * are two objects); cookie names and values are case-sensitive and cookies
 * are sorted by name; header names are case-insensitive.
 */
#include <string.h>

#include "cache/cache_int.h"

static int put_varint(bk_buf_t *b, size_t v)
{
    uint8_t tmp[10];
    size_t n = 0;
    do {
        tmp[n] = (uint8_t)(v & 0x7f);
        v >>= 7;
        if (v)
            tmp[n] |= 0x80;
        n++;
    } while (v);
    return bk_buf_append(b, tmp, n);
}

static int put_lp(bk_buf_t *b, bk_str_t s)
{
    if (put_varint(b, s.n) != BK_OK)
        return BK_ERR;
    return s.n ? bk_buf_append(b, s.p, s.n) : BK_OK;
}

/* Appends s lower-cased, length-prefixed. */
static int put_lp_lower(bk_buf_t *b, bk_str_t s)
{
    if (put_varint(b, s.n) != BK_OK || bk_buf_reserve(b, s.n) != BK_OK)
        return BK_ERR;
    bk_str_lower(b->p + b->n, s);
    b->n += s.n;
    return BK_OK;
}

/* Whether 'name' is in the list. With 'glob', list names holding '*' or
 * '?' are patterns (legacy ForwardedValues cookie whitelists allow them,
 * e.g. "userid_*"); '?' cannot occur in a cookie name, '*' rarely does. */
static int in_list(bk_str_t name, const bk_str_t *names, size_t n, int glob)
{
    for (size_t i = 0; i < n; i++) {
        if (bk_str_eq(name, names[i]))
            return 1;
        if (glob && (bk_str_chr(names[i], '*') >= 0 ||
                     bk_str_chr(names[i], '?') >= 0) &&
            bk_cache__glob(names[i], name))
            return 1;
    }
    return 0;
}

/* Whether a query parameter or cookie named 'name' is selected. */
static int selected(bk_cache_sel_t sel, bk_str_t name, const bk_str_t *names,
                    size_t n, int glob)
{
    switch (sel) {
    case BK_CACHE_SEL_NONE:
        return 0;
    case BK_CACHE_SEL_ALL:
        return 1;
    case BK_CACHE_SEL_WHITELIST:
        return in_list(name, names, n, glob);
    case BK_CACHE_SEL_ALL_EXCEPT:
        return !in_list(name, names, n, glob);
    }
    return 0;
}

/* Writes the selected query parameters, '&'-joined in request order, to
 * 'out' (when not NULL) and returns their length. "all" keeps the raw
 * string; the filtered modes drop empty parameters. */
static size_t query_select(const bk_cache_key_policy_t *pol, bk_str_t q,
                           uint8_t *out)
{
    if (pol->qs == BK_CACHE_SEL_NONE || q.n == 0)
        return 0;
    if (pol->qs == BK_CACHE_SEL_ALL) {
        if (out)
            memcpy(out, q.p, q.n);
        return q.n;
    }
    size_t len = 0, i = 0;
    while (i < q.n) {
        size_t s = i;
        while (i < q.n && q.p[i] != '&')
            i++;
        bk_str_t param = bk_str(q.p + s, i - s);
        i++;
        if (param.n == 0)
            continue;
        long eq = bk_str_chr(param, '=');
        bk_str_t name = eq < 0 ? param : bk_str(param.p, (size_t)eq);
        if (!selected(pol->qs, name, pol->qs_names, pol->qs_n, 0))
            continue;
        if (len) {
            if (out)
                out[len] = '&';
            len++;
        }
        if (out)
            memcpy(out + len, param.p, param.n);
        len += param.n;
    }
    return len;
}

typedef struct {
    bk_str_t name, value;
    size_t order; /* for a stable sort */
} cookie_t;

static int cookie_less(const cookie_t *a, const cookie_t *b)
{
    size_t n = BK_MIN(a->name.n, b->name.n);
    int c = n ? memcmp(a->name.p, b->name.p, n) : 0;
    if (c != 0)
        return c < 0;
    if (a->name.n != b->name.n)
        return a->name.n < b->name.n;
    return a->order < b->order;
}

static void cookies_sort(cookie_t *v, size_t n)
{
    /* Shell sort: no recursion, fine for the few cookies a request has. */
    for (size_t gap = n / 2; gap > 0; gap /= 2)
        for (size_t i = gap; i < n; i++) {
            cookie_t t = v[i];
            size_t j = i;
            while (j >= gap && cookie_less(&t, &v[j - gap])) {
                v[j] = v[j - gap];
                j -= gap;
            }
            v[j] = t;
        }
}

/* Adds the selected cookies from every Cookie header, sorted by name. */
static int put_cookies(const bk_cache_key_policy_t *pol,
                       const bk_cache_key_req_t *r, bk_arena_t *scratch,
                       bk_buf_t *out)
{
    if (pol->cookies == BK_CACHE_SEL_NONE)
        return BK_OK;
    size_t max = 0;
    for (size_t h = 0; h < r->header_n; h++)
        if (bk_str_eq_ci(r->headers[h].name, BK_STR("cookie"))) {
            bk_str_t v = r->headers[h].value;
            max++;
            for (size_t i = 0; i < v.n; i++)
                max += v.p[i] == ';';
        }
    if (max == 0)
        return BK_OK;
    if (max > SIZE_MAX / sizeof(cookie_t))
        return BK_ERR;
    cookie_t *v = bk_arena_alloc(scratch, max * sizeof(*v));
    if (v == NULL)
        return BK_ERR;
    size_t n = 0;
    for (size_t h = 0; h < r->header_n; h++) {
        if (!bk_str_eq_ci(r->headers[h].name, BK_STR("cookie")))
            continue;
        bk_str_t s = r->headers[h].value;
        size_t i = 0;
        while (i < s.n) {
            size_t st = i;
            while (i < s.n && s.p[i] != ';')
                i++;
            bk_str_t pair = bk_str_trim(bk_str(s.p + st, i - st));
            i++;
            long eq = bk_str_chr(pair, '=');
            if (eq <= 0)
                continue; /* CloudFront needs name=value */
            bk_str_t name = bk_str_trim(bk_str(pair.p, (size_t)eq));
            bk_str_t val = bk_str_trim(
                bk_str(pair.p + eq + 1, pair.n - (size_t)eq - 1));
            if (name.n == 0 || !selected(pol->cookies, name,
                                         pol->cookie_names, pol->cookie_n, 1))
                continue;
            BK_ASSERT(n < max);
            v[n].name = name;
            v[n].value = val;
            v[n].order = n;
            n++;
        }
    }
    cookies_sort(v, n);
    for (size_t i = 0; i < n; i++)
        if (bk_buf_putc(out, 'C') != BK_OK || put_lp(out, v[i].name) != BK_OK ||
            put_lp(out, v[i].value) != BK_OK)
            return BK_ERR;
    return BK_OK;
}

/* Adds one policy header: all its occurrences joined with ','. */
static int put_header(const bk_cache_key_req_t *r, bk_str_t name,
                      bk_buf_t *out)
{
    size_t len = 0, count = 0;
    for (size_t h = 0; h < r->header_n; h++)
        if (bk_str_eq_ci(r->headers[h].name, name)) {
            len += r->headers[h].value.n + (count ? 1 : 0);
            count++;
        }
    if (bk_buf_putc(out, 'H') != BK_OK || put_lp_lower(out, name) != BK_OK)
        return BK_ERR;
    if (count == 0)
        return bk_buf_putc(out, 0);
    if (bk_buf_putc(out, 1) != BK_OK || put_varint(out, len) != BK_OK)
        return BK_ERR;
    size_t k = 0;
    for (size_t h = 0; h < r->header_n; h++)
        if (bk_str_eq_ci(r->headers[h].name, name)) {
            if (k++ && bk_buf_putc(out, ',') != BK_OK)
                return BK_ERR;
            if (bk_buf_append_str(out, r->headers[h].value) != BK_OK)
                return BK_ERR;
        }
    return BK_OK;
}

int bk_cache_key_build(const bk_cache_key_policy_t *pol,
                       const bk_cache_key_req_t *r, bk_arena_t *scratch,
                       bk_buf_t *out)
{
    if (r->path.n == 0)
        return BK_ERR;

    size_t qlen = query_select(pol, r->query, NULL);
    size_t ulen = r->path.n + (qlen ? 1 + qlen : 0);
    /* One reservation covers the usual key (URI, host, a few tags). */
    if (bk_buf_reserve(out, ulen + r->host.n + 32) != BK_OK)
        return BK_ERR;
    if (put_varint(out, ulen) != BK_OK ||
        bk_buf_reserve(out, ulen) != BK_OK)
        return BK_ERR;
    memcpy(out->p + out->n, r->path.p, r->path.n);
    out->n += r->path.n;
    if (qlen) {
        out->p[out->n++] = '?';
        size_t got = query_select(pol, r->query, out->p + out->n);
        BK_ASSERT(got == qlen);
        out->n += qlen;
    }

    if (r->scope.n) {
        if (bk_buf_putc(out, 'S') != BK_OK || put_lp(out, r->scope) != BK_OK)
            return BK_ERR;
    }
    if (r->host.n) {
        if (bk_buf_putc(out, 'h') != BK_OK ||
            put_lp_lower(out, r->host) != BK_OK)
            return BK_ERR;
    }
    for (size_t i = 0; i < pol->header_n; i++)
        if (put_header(r, pol->header_names[i], out) != BK_OK)
            return BK_ERR;
    if (put_cookies(pol, r, scratch, out) != BK_OK)
        return BK_ERR;
    if (pol->gzip || pol->br) {
        bk_cache_enc_t e =
            bk_cache_accept_encoding(r->accept_encoding, pol->gzip, pol->br);
        static const char codes[] = {'i', 'g', 'b'};
        if (bk_buf_putc(out, 'E') != BK_OK ||
            bk_buf_putc(out, (uint8_t)codes[e]) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

bk_str_t bk_cache_key_uri(bk_str_t key)
{
    size_t v = 0, i = 0;
    int shift = 0;
    for (;;) {
        if (i >= key.n || shift > 63)
            return key;
        uint8_t b = key.p[i++];
        v |= (size_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
        shift += 7;
    }
    if (v > key.n - i)
        return key;
    return bk_str(key.p + i, v);
}

/* ---------------------------------------------------------------------- */
/* Accept-Encoding                                                         */
/* ---------------------------------------------------------------------- */

/* Whether a q value is zero ("0", "0.", "0.000"). */
static int q_zero(bk_str_t q)
{
    if (q.n == 0 || q.p[0] != '0')
        return 0;
    for (size_t i = 1; i < q.n; i++)
        if (!(i == 1 && q.p[i] == '.') && q.p[i] != '0')
            return 0;
    return 1;
}

bk_cache_enc_t bk_cache_accept_encoding(bk_str_t ae, int gzip, int br)
{
    /* -1: not listed; 0: refused (q=0); 1: accepted. */
    int q_gzip = -1, q_br = -1, q_star = -1;
    size_t i = 0;
    while (i < ae.n) {
        size_t s = i;
        while (i < ae.n && ae.p[i] != ',')
            i++;
        bk_str_t item = bk_str(ae.p + s, i - s);
        i++;
        long semi = bk_str_chr(item, ';');
        bk_str_t coding =
            bk_str_trim(semi < 0 ? item : bk_str(item.p, (size_t)semi));
        int ok = 1;
        if (semi >= 0) {
            bk_str_t params = bk_str(item.p + semi + 1,
                                     item.n - (size_t)semi - 1);
            params = bk_str_trim(params);
            if (params.n >= 2 && (params.p[0] | 0x20) == 'q' &&
                params.p[1] == '=')
                ok = !q_zero(bk_str_trim(bk_str(params.p + 2, params.n - 2)));
        }
        if (bk_str_eq_ci(coding, BK_STR("gzip")) ||
            bk_str_eq_ci(coding, BK_STR("x-gzip")))
            q_gzip = ok;
        else if (bk_str_eq_ci(coding, BK_STR("br")))
            q_br = ok;
        else if (bk_str_eq(coding, BK_STR("*")))
            q_star = ok;
    }
    if (q_gzip < 0)
        q_gzip = q_star > 0;
    if (q_br < 0)
        q_br = q_star > 0;
    if (br && q_br > 0)
        return BK_CACHE_ENC_BR;
    if (gzip && q_gzip > 0)
        return BK_CACHE_ENC_GZIP;
    return BK_CACHE_ENC_IDENTITY;
}
