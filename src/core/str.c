/* str.c: operations on bk_str_t slices. None of them allocate except
 * bk_str_cstr, which copies into the arena it is given. */
#include "core/str.h"

static inline uint8_t lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c | 0x20) : c;
}

int bk_str__eq_ci_bytes(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i] && lower(a[i]) != lower(b[i]))
            return 0;
    return 1;
}

int bk_str_starts(bk_str_t s, bk_str_t pre)
{
    return s.n >= pre.n && (pre.n == 0 || memcmp(s.p, pre.p, pre.n) == 0);
}

int bk_str_ends(bk_str_t s, bk_str_t suf)
{
    return s.n >= suf.n &&
           (suf.n == 0 || memcmp(s.p + s.n - suf.n, suf.p, suf.n) == 0);
}

long bk_str_chr(bk_str_t s, uint8_t c)
{
    if (s.n == 0)
        return -1;
    const uint8_t *q = memchr(s.p, c, s.n);
    return q ? (long)(q - s.p) : -1;
}

bk_str_t bk_str_trim(bk_str_t s)
{
    while (s.n && (s.p[0] == ' ' || s.p[0] == '\t')) {
        s.p++;
        s.n--;
    }
    while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
        s.n--;
    return s;
}

bk_str_t bk_str_sub(bk_str_t s, size_t from, size_t n)
{
    if (from > s.n)
        from = s.n;
    if (n > s.n - from)
        n = s.n - from;
    return bk_str(s.p + from, n);
}

int bk_str_to_u64(bk_str_t s, uint64_t max, uint64_t *out)
{
    if (s.n == 0)
        return BK_ERR;
    uint64_t v = 0;
    for (size_t i = 0; i < s.n; i++) {
        uint8_t c = s.p[i];
        if (c < '0' || c > '9')
            return BK_ERR;
        uint64_t d = (uint64_t)(c - '0');
        if (v > (max - d) / 10)
            return BK_ERR;
        v = v * 10 + d;
    }
    *out = v;
    return BK_OK;
}

char *bk_str_cstr(bk_arena_t *a, bk_str_t s)
{
    return bk_arena_strndup(a, s.p, s.n);
}

void bk_str_lower(uint8_t *dst, bk_str_t s)
{
    for (size_t i = 0; i < s.n; i++)
        dst[i] = lower(s.p[i]);
}

uint64_t bk_hash_fnv1a(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
