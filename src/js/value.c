/*
 * value.c: memory, strings, atoms and the type conversions of the spec.
 *
 * Strings are immutable: 8-bit when every UTF-16 unit is below 256, 16-bit
 * otherwise (never 16-bit when 8 would do, so equal strings have equal
 * widths). A string made by concatenation may carry spare room
 * (bk_js_strbuf_t); a later concatenation onto the *longest* string sharing
 * that room appends in place, which makes 's += x' loops linear in memory.
 * The room belongs to one arena: template strings are never extended.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "js/js_int.h"
#include "js/num.h"

/* ---- memory and aborts -------------------------------------------------- */

BK_NORETURN void bk_js__abort(bk_js_ctx_t *ctx, bk_js_limit_t why)
{
    bk_js_guard_t *g = ctx->guard;
    if (ctx->limit == BK_JS_LIMIT_NONE)
        ctx->limit = why;
    BK_ASSERT(g != NULL);
    ctx->guard = g->prev;
    ctx->nframes = g->nframes;
    ctx->ntries = g->ntries;
    ctx->depth = g->depth;
    BK_JS_LONGJMP(g->jb);
}

void bk_js__guard_enter(bk_js_ctx_t *ctx, bk_js_guard_t *g)
{
    g->prev = ctx->guard;
    g->nframes = ctx->nframes;
    g->ntries = ctx->ntries;
    g->depth = ctx->depth;
    ctx->guard = g;
}

void bk_js__guard_leave(bk_js_ctx_t *ctx, bk_js_guard_t *g)
{
    BK_ASSERT(ctx->guard == g);
    ctx->guard = g->prev;
}

void *bk_js__ialloc(bk_js_ctx_t *ctx, size_t n)
{
    void *p = bk_arena_alloc(ctx->arena, n);
    if (BK_UNLIKELY(p == NULL))
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    return p;
}

void *bk_js__izalloc(bk_js_ctx_t *ctx, size_t n)
{
    void *p = bk_js__ialloc(ctx, n);
    memset(p, 0, n);
    return p;
}

void *bk_js__irealloc(bk_js_ctx_t *ctx, void *p, size_t old, size_t n)
{
    if (n > ((size_t)1 << 31))
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    void *q = bk_arena_realloc(ctx->arena, p, old, n);
    if (BK_UNLIKELY(q == NULL))
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    return q;
}

/* ---- strings ------------------------------------------------------------ */

#define STR_MAX_LEN ((1u << 30) - 1)

static bk_js_str_t *str_alloc(bk_js_ctx_t *ctx, uint32_t n, int wide)
{
    if (n > STR_MAX_LEN)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    size_t bytes = sizeof(bk_js_str_t) + (size_t)n * (wide ? 2 : 1);
    bk_js_str_t *s = bk_js__ialloc(ctx, bytes);
    memset(s, 0, sizeof(*s));
    s->len = n;
    s->flags = wide ? STR_WIDE : 0;
    s->d.u8 = (const uint8_t *)(s + 1);
    return s;
}

bk_js_str_t *bk_js__str_new8(bk_js_ctx_t *ctx, const uint8_t *p, uint32_t n)
{
    bk_js_str_t *s = str_alloc(ctx, n, 0);
    if (n)
        memcpy((uint8_t *)s->d.u8, p, n);
    return s;
}

bk_js_str_t *bk_js__str_new16(bk_js_ctx_t *ctx, const uint16_t *p, uint32_t n)
{
    int wide = 0;
    for (uint32_t i = 0; i < n; i++)
        if (p[i] > 255) {
            wide = 1;
            break;
        }
    bk_js_str_t *s = str_alloc(ctx, n, wide);
    if (wide) {
        memcpy((uint16_t *)s->d.u16, p, (size_t)n * 2);
    } else {
        uint8_t *d = (uint8_t *)s->d.u8;
        for (uint32_t i = 0; i < n; i++)
            d[i] = (uint8_t)p[i];
    }
    return s;
}

/* Header names and values, URIs and keys are mostly 4 to 100 bytes: 32
 * bytes per step in four independent words, then the last (overlapping)
 * word instead of a byte loop; under 8 bytes, two overlapping half words. */
int bk_js__bytes_ascii(const uint8_t *p, size_t n)
{
    uint64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, w;
    if (n < 8) {
        uint32_t h0, h1;
        if (n >= 4) {
            memcpy(&h0, p, 4);
            memcpy(&h1, p + n - 4, 4);
            return ((h0 | h1) & 0x80808080u) == 0;
        }
        uint32_t acc = 0;
        for (size_t i = 0; i < n; i++)
            acc |= p[i];
        return (acc & 0x80u) == 0;
    }
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t b0, b1, b2, b3;
        memcpy(&b0, p + i, 8);
        memcpy(&b1, p + i + 8, 8);
        memcpy(&b2, p + i + 16, 8);
        memcpy(&b3, p + i + 24, 8);
        a0 |= b0;
        a1 |= b1;
        a2 |= b2;
        a3 |= b3;
    }
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, p + i, 8);
        a0 |= w;
    }
    memcpy(&w, p + n - 8, 8);
    a1 |= w;
    return ((a0 | a1 | a2 | a3) & 0x8080808080808080ull) == 0;
}

int bk_js__str_ascii(const bk_js_str_t *s)
{
    if (s->flags & STR_ASCII)
        return 1;
    return !(s->flags & (STR_WIDE | STR_SYMBOL)) && bk_js__bytes_ascii(s->d.u8, s->len);
}

bk_js_str_t *bk_js__str_cstr(bk_js_ctx_t *ctx, const char *s)
{
    return bk_js__str_utf8(ctx, s, strlen(s));
}

/* Decodes UTF-8 into UTF-16 units; malformed sequences become U+FFFD. */
bk_js_str_t *bk_js__str_utf8(bk_js_ctx_t *ctx, const char *src, size_t n)
{
    const uint8_t *p = (const uint8_t *)src;
    size_t i;
    for (i = 0; i < n && p[i] < 0x80; i++)
        ;
    if (i == n)
        return bk_js__str_new8(ctx, p, (uint32_t)BK_MIN(n, STR_MAX_LEN + 1ul));
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    i = 0;
    while (i < n) {
        uint32_t c = p[i];
        if (c < 0x80) {
            bk_js__sb_putc(&sb, c);
            i++;
            continue;
        }
        /* WHATWG UTF-8 decode: a bad byte ends the sequence with one
         * U+FFFD and is then looked at again on its own (the "maximal
         * subpart" rule node and browsers follow). */
        int len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        uint32_t cp = len == 4 ? c & 7 : len == 3 ? c & 15 : c & 31;
        uint8_t lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
        uint8_t hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        int k = 1;
        for (; len && k < len && i + (size_t)k < n; k++) {
            uint8_t b = p[i + k];
            if (b < lo || b > hi)
                break;
            cp = (cp << 6) | (b & 0x3F);
            lo = 0x80;
            hi = 0xBF;
        }
        if (len == 0 || k < len) {
            bk_js__sb_putc(&sb, 0xFFFD);
            i += len ? (size_t)k : 1;
            continue;
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            bk_js__sb_putc(&sb, 0xD800 + (cp >> 10));
            bk_js__sb_putc(&sb, 0xDC00 + (cp & 0x3FF));
        } else {
            bk_js__sb_putc(&sb, cp);
        }
        i += (size_t)len;
    }
    return bk_js__sb_done(&sb);
}

/* Whether p[0..n) == q[0..n). Short runs (header values, URL parts,
 * method names) compare with two overlapping word loads instead of a call
 * to memcmp. */
static inline int bytes_eq(const uint8_t *p, const uint8_t *q, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a0, a1, b0, b1;
        memcpy(&a0, p, 8);
        memcpy(&b0, q, 8);
        memcpy(&a1, p + n - 8, 8);
        memcpy(&b1, q + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4 && n < 8) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, p, 4);
        memcpy(&b0, q, 4);
        memcpy(&a1, p + n - 4, 4);
        memcpy(&b1, q + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (p[i] != q[i])
                return 0;
        return 1;
    }
    return memcmp(p, q, n) == 0;
}

int bk_js__str_eq(const bk_js_str_t *a, const bk_js_str_t *b)
{
    if (a == b)
        return 1;
    if (a->len != b->len)
        return 0;
    if ((a->flags & STR_ATOM) && (b->flags & STR_ATOM))
        return 0;
    if ((a->flags & STR_WIDE) != (b->flags & STR_WIDE))
        return 0;
    if (a->flags & STR_WIDE)
        return bytes_eq((const uint8_t *)a->d.u16,
                        (const uint8_t *)b->d.u16, (size_t)a->len * 2);
    return bytes_eq(a->d.u8, b->d.u8, a->len);
}

int bk_js__str_cmp(const bk_js_str_t *a, const bk_js_str_t *b)
{
    uint32_t n = BK_MIN(a->len, b->len);
    if (!(a->flags & STR_WIDE) && !(b->flags & STR_WIDE)) {
        int c = memcmp(a->d.u8, b->d.u8, n);
        if (c)
            return c < 0 ? -1 : 1;
    } else {
        for (uint32_t i = 0; i < n; i++) {
            uint32_t x = str_at(a, i), y = str_at(b, i);
            if (x != y)
                return x < y ? -1 : 1;
        }
    }
    return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

int64_t bk_js__str_index_of(const bk_js_str_t *s, const bk_js_str_t *pat,
                            uint32_t from)
{
    if (pat->len == 0)
        return from <= s->len ? from : s->len;
    if (pat->len > s->len)
        return -1;
    uint32_t last = s->len - pat->len;
    if (from > last)
        return -1;
    if (!((s->flags | pat->flags) & STR_WIDE) && pat->len >= 2 &&
        last - from < 128) {
        /* 8-bit both, a short haystack (header values, URIs): eight start
         * positions per step, those whose first and last units both match
         * (a zero byte of z; the borrow may flag a few more above a real
         * one, which the full comparison then rejects) are compared. */
        const uint64_t ones = 0x0101010101010101ull;
        const uint8_t *h = s->d.u8, *pu = pat->d.u8;
        uint32_t m = pat->len;
        uint64_t f = ones * pu[0], l = ones * pu[m - 1];
        uint32_t i = from;
        for (; i + 7 <= last; i += 8) {
            uint64_t a, b;
            memcpy(&a, h + i, 8);
            memcpy(&b, h + i + m - 1, 8);
            uint64_t z = (a ^ f) | (b ^ l);
            uint64_t t = (z - ones) & ~z & (ones << 7);
            while (t) {
                uint32_t k = i + (uint32_t)(__builtin_ctzll(t) >> 3);
                if (bytes_eq(h + k + 1, pu + 1, m - 1))
                    return k;
                t &= t - 1;
            }
        }
        for (; i <= last; i++)
            if (h[i] == pu[0] && bytes_eq(h + i + 1, pu + 1, m - 1))
                return i;
        return -1;
    }
    if (!((s->flags | pat->flags) & STR_WIDE)) {
        /* 8-bit both: memchr for the first unit (vectorised), then memcmp. */
        const uint8_t *h = s->d.u8, *q = h + from, *end = h + last + 1;
        while (q < end) {
            q = memchr(q, pat->d.u8[0], (size_t)(end - q));
            if (q == NULL)
                return -1;
            if (bytes_eq(q + 1, pat->d.u8 + 1, pat->len - 1))
                return q - h;
            q++;
        }
        return -1;
    }
    uint32_t first = str_at(pat, 0);
    for (uint32_t i = from; i <= last; i++) {
        if (str_at(s, i) != first)
            continue;
        uint32_t k = 1;
        while (k < pat->len && str_at(s, i + k) == str_at(pat, k))
            k++;
        if (k == pat->len)
            return i;
    }
    return -1;
}

bk_js_str_t *bk_js__str_sub(bk_js_ctx_t *ctx, bk_js_str_t *s, uint32_t from,
                            uint32_t to)
{
    if (from == 0 && to == s->len)
        return s;
    if (to <= from)
        return A(ctx, empty);
    if (s->flags & STR_WIDE)
        return bk_js__str_new16(ctx, s->d.u16 + from, to - from);
    if (to - from == 1 && ctx->prog->loaded) {
        /* Single characters are common (charAt, s[i]): share atoms. */
        uint8_t c = s->d.u8[from];
        bk_js_str_t tmp = {.len = 1, .d.u8 = &c};
        return bk_js__atom(ctx, &tmp);
    }
    /* A view into s: strings are immutable, so the bytes can be shared. */
    bk_js_str_t *r = bk_js__ialloc(ctx, sizeof(*r));
    memset(r, 0, sizeof(*r));
    r->len = to - from;
    r->d.u8 = s->d.u8 + from;
    return r;
}

bk_js_str_t *bk_js__str_concat(bk_js_ctx_t *ctx, bk_js_str_t *a,
                               bk_js_str_t *b)
{
    if (b->len == 0)
        return a;
    if (a->len == 0)
        return b;
    uint64_t total = (uint64_t)a->len + b->len;
    if (total > STR_MAX_LEN)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    int wide = (a->flags | b->flags) & STR_WIDE;
    bk_js_strbuf_t *buf = (a->flags & STR_SYMBOL) ? NULL : a->x.buf;
    if (buf != NULL && buf->owner == ctx->arena && buf->gen == ctx->gen &&
        buf->used == a->len && total <= buf->cap &&
        (wide ? 1 : 0) == ((a->flags & STR_WIDE) ? 1 : 0)) {
        /* In-place append: a's characters end where the room starts. */
        if (wide) {
            uint16_t *d = (uint16_t *)a->d.u16 + a->len;
            for (uint32_t i = 0; i < b->len; i++)
                d[i] = (uint16_t)str_at(b, i);
        } else {
            memcpy((uint8_t *)a->d.u8 + a->len, b->d.u8, b->len);
        }
        buf->used = (uint32_t)total;
        bk_js_str_t *r = bk_js__ialloc(ctx, sizeof(*r));
        memset(r, 0, sizeof(*r));
        r->len = (uint32_t)total;
        r->flags = (uint16_t)wide;
        r->d = a->d;
        r->x.buf = buf;
        bk_js__charge(ctx, 4 + (b->len >> 3));
        return r;
    }
    uint32_t cap = (uint32_t)total;
    if (total >= 32)
        cap = (uint32_t)BK_MIN(total * 2, (uint64_t)STR_MAX_LEN);
    size_t unit = wide ? 2 : 1;
    bk_js_str_t *r;
    uint8_t *d;
    if (cap == total) {
        /* No room to keep: the units follow the header, one allocation
         * (a URI plus a suffix, a header value plus a separator). */
        r = bk_js__ialloc(ctx, sizeof(*r) + (size_t)cap * unit);
        d = (uint8_t *)(r + 1);
    } else {
        r = bk_js__ialloc(ctx, sizeof(*r));
        d = bk_js__ialloc(ctx, (size_t)cap * unit);
    }
    memset(r, 0, sizeof(*r));
    r->len = (uint32_t)total;
    r->flags = (uint16_t)wide;
    r->d.u8 = d;
    if (wide) {
        uint16_t *w = (uint16_t *)d;
        for (uint32_t i = 0; i < a->len; i++)
            w[i] = (uint16_t)str_at(a, i);
        for (uint32_t i = 0; i < b->len; i++)
            w[a->len + i] = (uint16_t)str_at(b, i);
    } else {
        memcpy(d, a->d.u8, a->len);
        memcpy(d + a->len, b->d.u8, b->len);
    }
    if (cap > total) {
        buf = bk_js__ialloc(ctx, sizeof(*buf));
        buf->used = (uint32_t)total;
        buf->cap = cap;
        buf->owner = ctx->arena;
        buf->gen = ctx->gen;
        r->x.buf = buf;
    }
    bk_js__charge(ctx, 4 + (int64_t)(total >> 3));
    return r;
}

static size_t utf8_put(uint8_t *o, uint32_t c)
{
    if (c < 0x80) {
        o[0] = (uint8_t)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (uint8_t)(0xC0 | (c >> 6));
        o[1] = (uint8_t)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (uint8_t)(0xE0 | (c >> 12));
        o[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (uint8_t)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (uint8_t)(0xF0 | (c >> 18));
    o[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (uint8_t)(0x80 | (c & 0x3F));
    return 4;
}

/* Lone surrogates become U+FFFD, as node prints them. */
static size_t to_utf8(const bk_js_str_t *s, uint8_t *out)
{
    size_t o = 0;
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = str_at(s, i);
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < s->len) {
            uint32_t d = str_at(s, i + 1);
            if (d >= 0xDC00 && d < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
                i++;
            } else {
                c = 0xFFFD;
            }
        } else if (c >= 0xD800 && c < 0xE000) {
            c = 0xFFFD;
        }
        if (out)
            o += utf8_put(out + o, c);
        else
            o += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return o;
}

char *bk_js__str_to_utf8(bk_js_ctx_t *ctx, const bk_js_str_t *s, size_t *n)
{
    size_t len;
    if (!(s->flags & STR_WIDE)) {
        len = 0;
        for (uint32_t i = 0; i < s->len; i++)
            len += s->d.u8[i] < 0x80 ? 1 : 2;
    } else {
        len = to_utf8(s, NULL);
    }
    uint8_t *out = bk_js__ialloc(ctx, len + 1);
    if (!(s->flags & STR_WIDE)) {
        size_t o = 0;
        for (uint32_t i = 0; i < s->len; i++)
            o += utf8_put(out + o, s->d.u8[i]);
    } else {
        to_utf8(s, out);
    }
    out[len] = 0;
    if (n)
        *n = len;
    return (char *)out;
}

int bk_js__buf_str(bk_buf_t *b, const bk_js_str_t *s)
{
    size_t len = to_utf8(s, NULL);
    if (bk_buf_reserve(b, len) != BK_OK)
        return BK_ERR;
    to_utf8(s, b->p + b->n);
    b->n += len;
    return BK_OK;
}

/* ---- string builder ----------------------------------------------------- */

void bk_js__sb_init(bk_js_sb_t *sb, bk_js_ctx_t *ctx)
{
    sb->ctx = ctx;
    sb->p = NULL;
    sb->n = sb->cap = 0;
    sb->wide = 0;
}

void bk_js__sb_putc(bk_js_sb_t *sb, uint32_t unit)
{
    if (sb->n == sb->cap) {
        uint32_t cap = sb->cap ? sb->cap * 2 : 32;
        if (cap > STR_MAX_LEN)
            bk_js__abort(sb->ctx, BK_JS_LIMIT_MEMORY);
        sb->p = bk_js__irealloc(sb->ctx, sb->p, (size_t)sb->cap * 2,
                               (size_t)cap * 2);
        sb->cap = cap;
    }
    if (unit > 255)
        sb->wide = 1;
    sb->p[sb->n++] = (uint16_t)unit;
}

void bk_js__sb_cstr(bk_js_sb_t *sb, const char *s)
{
    while (*s)
        bk_js__sb_putc(sb, (uint8_t)*s++);
}

void bk_js__sb_str(bk_js_sb_t *sb, const bk_js_str_t *s)
{
    for (uint32_t i = 0; i < s->len; i++)
        bk_js__sb_putc(sb, str_at(s, i));
}

bk_js_str_t *bk_js__sb_done(bk_js_sb_t *sb)
{
    bk_js__charge(sb->ctx, sb->n >> 4);
    if (sb->n == 0)
        return A(sb->ctx, empty);
    return bk_js__str_new16(sb->ctx, sb->p, sb->n);
}

/* ---- atoms -------------------------------------------------------------- */

/* The atom table's hash, eight bytes a step (FNV-1a took a dependent
 * multiply per byte: ~2% of a CloudFront function run went to hashing the
 * event's header names). Never 0. */
static uint32_t hash_bytes(const uint8_t *p, size_t n)
{
    const uint64_t k1 = 0x9E3779B97F4A7C15ull, k2 = 0xBF58476D1CE4E5B9ull;
    uint64_t h = (uint64_t)n * k1;
    uint64_t w;
    if (n >= 8) {
        const uint8_t *end = p + n;
        for (; p + 8 <= end; p += 8) {
            memcpy(&w, p, 8);
            h = (h ^ w) * k2;
            h ^= h >> 29;
        }
        if (p < end) {
            memcpy(&w, end - 8, 8); /* overlaps bytes already mixed */
            h = (h ^ w) * k2;
            h ^= h >> 29;
        }
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
        h = (h ^ (((uint64_t)hi << 32) | lo)) * k2;
        h ^= h >> 29;
    } else if (n > 0) {
        w = ((uint64_t)p[0] << 16) | ((uint64_t)p[n / 2] << 8) | p[n - 1];
        h = (h ^ w) * k2;
        h ^= h >> 29;
    }
    h *= k1;
    h ^= h >> 32;
    return (uint32_t)h ? (uint32_t)h : 1;
}

static uint32_t str_hash(const bk_js_str_t *s)
{
    /* Equal strings have equal widths, so either width's bytes will do. */
    if (s->flags & STR_WIDE)
        return hash_bytes((const uint8_t *)s->d.u16, (size_t)s->len * 2);
    return hash_bytes(s->d.u8, s->len);
}

static bk_js_str_t *tab_find(const bk_js_atomtab_t *t, const bk_js_str_t *s,
                             uint32_t h)
{
    if (t->slots == NULL)
        return NULL;
    for (uint32_t i = h & t->mask;; i = (i + 1) & t->mask) {
        bk_js_str_t *a = t->slots[i];
        if (a == NULL)
            return NULL;
        if (a->hash == h && a->len == s->len &&
            ((a->flags ^ s->flags) & STR_WIDE) == 0 &&
            bytes_eq(a->d.u8, s->d.u8,
                     (size_t)s->len << ((s->flags & STR_WIDE) ? 1 : 0)))
            return a;
    }
}

static void tab_insert(bk_js_ctx_t *ctx, bk_js_atomtab_t *t, bk_js_str_t *a)
{
    if (t->slots == NULL || (t->count + 1) * 4 > (t->mask + 1) * 3) {
        uint32_t size = t->slots ? (t->mask + 1) * 2 : 64;
        bk_js_str_t **ns = bk_js__izalloc(ctx, size * sizeof(*ns));
        for (uint32_t i = 0; t->slots && i <= t->mask; i++) {
            bk_js_str_t *x = t->slots[i];
            if (x == NULL)
                continue;
            uint32_t j = x->hash & (size - 1);
            while (ns[j] != NULL)
                j = (j + 1) & (size - 1);
            ns[j] = x;
        }
        t->slots = ns;
        t->mask = size - 1;
    }
    uint32_t j = a->hash & t->mask;
    while (t->slots[j] != NULL)
        j = (j + 1) & t->mask;
    t->slots[j] = a;
    t->count++;
}

/* Whether s spells a canonical array index (0 .. 2^32-2). */
static int canonical_index(const bk_js_str_t *s, uint32_t *out)
{
    if (s->len == 0 || s->len > 10)
        return 0;
    uint64_t v = 0;
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = str_at(s, i);
        if (c < '0' || c > '9')
            return 0;
        if (i == 0 && c == '0' && s->len > 1)
            return 0;
        v = v * 10 + (c - '0');
    }
    if (v >= 0xFFFFFFFFull)
        return 0;
    *out = (uint32_t)v;
    return 1;
}

/* The interned string equal to s: the template's if it has one, else this
 * invocation's (created on first use). */
bk_js_str_t *bk_js__atom(bk_js_ctx_t *ctx, bk_js_str_t *s)
{
    if (s->flags & (STR_ATOM | STR_SYMBOL))
        return s;
    uint32_t h = str_hash(s);
    bk_js_str_t *a = tab_find(&ctx->prog->atoms, s, h);
    if (a != NULL)
        return a;
    bk_js_atomtab_t *t = ctx->template_mode ? &ctx->prog->atoms : &ctx->atoms;
    if (!ctx->template_mode) {
        a = tab_find(t, s, h);
        if (a != NULL)
            return a;
    }
    /* A fresh copy: 's' may be shared, in the template, a view into a
     * bigger string, or a temporary on the caller's stack. */
    size_t bytes = (size_t)s->len * ((s->flags & STR_WIDE) ? 2 : 1);
    a = bk_js__ialloc(ctx, sizeof(*a) + bytes);
    *a = *s;
    a->d.u8 = (const uint8_t *)(a + 1);
    if (bytes)
        memcpy((uint8_t *)(a + 1), s->d.u8, bytes);
    a->x.buf = NULL;
    a->flags = (uint16_t)((s->flags & STR_WIDE) | STR_ATOM);
    /* Keys are read back as bytes by embedders (bk_js_str_ascii). */
    if (!(s->flags & STR_WIDE) && bk_js__bytes_ascii(a->d.u8, a->len))
        a->flags |= STR_ASCII;
    a->hash = h;
    uint32_t idx;
    if (canonical_index(a, &idx)) {
        a->flags |= STR_INDEX;
        a->index = idx;
    }
    tab_insert(ctx, t, a);
    return a;
}

static bk_js_str_t *atom_cstr_slow(bk_js_ctx_t *ctx, const char *s)
{
    bk_js_str_t tmp = {.len = (uint32_t)strlen(s), .d.u8 = (const uint8_t *)s};
    for (const char *p = s; *p; p++)
        if ((uint8_t)*p >= 0x80)
            return bk_js__atom(ctx, bk_js__str_cstr(ctx, s));
    bk_js_str_t *a = bk_js__atom(ctx, &tmp);
    if (a->d.u8 == (const uint8_t *)s) {
        /* Interned from a C string whose lifetime we do not know. */
        a->d.u8 = (const uint8_t *)bk_js__ialloc(ctx, a->len + 1);
        memcpy((uint8_t *)a->d.u8, s, a->len + 1);
    }
    return a;
}

/* Atoms of the C strings the embedder passes (bk_js_set(ctx, o, "uri"))
 * are cached by pointer; a hit is checked against the atom's characters,
 * so a reused buffer with other contents is never confused. */
bk_js_str_t *bk_js__atom_cstr(bk_js_ctx_t *ctx, const char *s)
{
    unsigned h = (unsigned)(((uintptr_t)s >> 3) & 63);
    bk_js_str_t *a = ctx->acache[h].a;
    if (ctx->acache[h].p == s && a != NULL &&
        (ctx->acache[h].gen == 0 || ctx->acache[h].gen == ctx->gen) &&
        !(a->flags & STR_WIDE) && memcmp(a->d.u8, s, a->len) == 0 &&
        s[a->len] == 0)
        return a;
    a = atom_cstr_slow(ctx, s);
    int perm = ctx->template_mode ||
               tab_find(&ctx->prog->atoms, a, a->hash) == a;
    ctx->acache[h].p = s;
    ctx->acache[h].a = a;
    ctx->acache[h].gen = perm ? 0 : ctx->gen;
    return a;
}

/* Writes u in decimal at the end of buf[0..16); returns the first digit. */
static char *u32_digits(uint32_t u, char *end)
{
    char *p = end;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return p;
}

bk_js_str_t *bk_js__atom_index(bk_js_ctx_t *ctx, uint32_t i)
{
    char buf[16];
    char *p = u32_digits(i, buf + sizeof(buf));
    uint32_t n = (uint32_t)(buf + sizeof(buf) - p);
    bk_js_str_t tmp = {.len = n, .d.u8 = (const uint8_t *)p};
    bk_js_str_t *a = bk_js__atom(ctx, &tmp);
    if (a->d.u8 == (const uint8_t *)p) {
        a->d.u8 = (const uint8_t *)bk_js__ialloc(ctx, n);
        memcpy((uint8_t *)a->d.u8, p, n);
    }
    return a;
}

bk_js_str_t *bk_js__symbol_new(bk_js_ctx_t *ctx, bk_js_str_t *desc)
{
    bk_js_str_t *s = bk_js__izalloc(ctx, sizeof(*s));
    s->flags = STR_SYMBOL;
    s->x.desc = desc;
    s->d.u8 = (const uint8_t *)"";
    return s;
}

/* ---- numbers ------------------------------------------------------------- */

void bk_js__fmt_num(char *out, size_t outlen, double d)
{
    char buf[BK_JS_NUM_BUF];
    size_t n = bk_js_num_to_str(d, buf);
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, buf, n);
    out[n] = 0;
}

bk_js_str_t *bk_js__num_to_str(bk_js_ctx_t *ctx, double d)
{
    if (d >= 0 && d < 4294967295.0 && d == (double)(uint32_t)d) {
        char buf[16];
        char *p = u32_digits((uint32_t)d, buf + sizeof(buf));
        if (p == buf + sizeof(buf) - 1 && ctx->prog->loaded) {
            /* one digit: share the atom */
            bk_js_str_t tmp = {.len = 1, .d.u8 = (const uint8_t *)p};
            return bk_js__atom(ctx, &tmp);
        }
        return bk_js__str_new8(ctx, (const uint8_t *)p,
                               (uint32_t)(buf + sizeof(buf) - p));
    }
    char buf[40];
    bk_js__fmt_num(buf, sizeof(buf), d);
    return bk_js__str_new8(ctx, (const uint8_t *)buf, (uint32_t)strlen(buf));
}

/* StringToNumber: the StrNumericLiteral grammar, whitespace trimmed. */
double bk_js__str_to_num(const bk_js_str_t *s)
{
    if (s->flags & STR_WIDE)
        return bk_js_num_from_utf16(s->d.u16, s->len);
    return bk_js_num_from_latin1(s->d.u8, s->len);
}

double bk_js__to_integer(double d)
{
    if (d != d)
        return 0;
    if (isinf(d))
        return d;
    return trunc(d) + 0.0;
}

int32_t bk_js__to_int32(double d)
{
    if (d >= -2147483648.0 && d <= 2147483647.0)
        return (int32_t)d;
    /* Below 2^63 in magnitude the truncation is exact in an int64 and
     * modulo 2^32 is its low word (32-bit hashes written with shifts and
     * '>>> 0' land here on every step; fmod took ~100 cycles). */
    if (d > -9223372036854775808.0 && d < 9223372036854775808.0)
        return (int32_t)(uint32_t)(uint64_t)(int64_t)d;
    if (d != d || isinf(d))
        return 0;
    double m = fmod(trunc(d), 4294967296.0);
    if (m < 0)
        m += 4294967296.0;
    return (int32_t)(uint32_t)m;
}

/* ---- conversions ------------------------------------------------------- */

int bk_js__truthy(val_t v)
{
    if (v_is_num(v)) {
        double d = v_num(v);
        return d == d && d != 0;
    }
    if (v == V_TRUE)
        return 1;
    if (v_is_str(v))
        return v_str(v)->len != 0;
    return v_is_obj(v) || v_is_sym(v);
}

bk_js_str_t *bk_js__typeof(bk_js_ctx_t *ctx, val_t v)
{
    if (v_is_num(v))
        return A(ctx, number);
    if (v_is_str(v))
        return A(ctx, string);
    if (v_is_obj(v))
        return bk_js__is_callable(v) ? A(ctx, function) : A(ctx, object);
    if (v_is_sym(v))
        return A(ctx, symbol);
    if (v_is_bool(v))
        return A(ctx, boolean);
    if (v == V_NULL)
        return A(ctx, object);
    return A(ctx, undefined);
}

static int call_method(bk_js_ctx_t *ctx, val_t o, bk_js_str_t *name,
                       val_t *out, int *called)
{
    val_t f;
    *called = 0;
    if (bk_js__get(ctx, o, name, &f) != BK_OK)
        return BK_ERR;
    if (!bk_js__is_callable(f))
        return BK_OK;
    *called = 1;
    return bk_js__call(ctx, f, o, 0, NULL, out);
}

int bk_js__to_primitive(bk_js_ctx_t *ctx, val_t v, int hint, val_t *out)
{
    if (!v_is_obj(v)) {
        *out = v;
        return BK_OK;
    }
    if (ctx->prog->sym[SYM_toPrimitive] != NULL) {
        val_t f;
        if (bk_js__get(ctx, v, ctx->prog->sym[SYM_toPrimitive], &f) != BK_OK)
            return BK_ERR;
        if (!v_is_nullish(f)) {
            bk_js_str_t *h = hint == 1   ? A(ctx, number)
                             : hint == 2 ? A(ctx, string)
                                         : A(ctx, default_);
            val_t arg = v_mkstr(h);
            if (bk_js__call(ctx, f, v, 1, &arg, out) != BK_OK)
                return BK_ERR;
            if (v_is_obj(*out))
                return bk_js__type_error(
                    ctx, "Cannot convert object to primitive value");
            return BK_OK;
        }
    }
    bk_js_str_t *order[2] = {A(ctx, valueOf), A(ctx, toString)};
    if (hint == 2) {
        order[0] = A(ctx, toString);
        order[1] = A(ctx, valueOf);
    }
    for (int i = 0; i < 2; i++) {
        int called;
        if (call_method(ctx, v, order[i], out, &called) != BK_OK)
            return BK_ERR;
        if (called && !v_is_obj(*out))
            return BK_OK;
    }
    return bk_js__type_error(ctx, "Cannot convert object to primitive value");
}

int bk_js__to_string(bk_js_ctx_t *ctx, val_t v, bk_js_str_t **out)
{
    for (;;) {
        if (v_is_str(v)) {
            *out = v_str(v);
            return BK_OK;
        }
        if (v_is_num(v)) {
            *out = bk_js__num_to_str(ctx, v_num(v));
            return BK_OK;
        }
        switch (v) {
        case V_UNDEF:
            *out = A(ctx, undefined);
            return BK_OK;
        case V_NULL:
            *out = A(ctx, null_);
            return BK_OK;
        case V_TRUE:
            *out = A(ctx, true_);
            return BK_OK;
        case V_FALSE:
            *out = A(ctx, false_);
            return BK_OK;
        default:
            break;
        }
        if (v_is_sym(v))
            return bk_js__type_error(ctx,
                                     "Cannot convert a Symbol value to a string");
        if (!v_is_obj(v)) {
            *out = A(ctx, empty);
            return BK_OK;
        }
        if (bk_js__to_primitive(ctx, v, 2, &v) != BK_OK)
            return BK_ERR;
    }
}

int bk_js__to_number(bk_js_ctx_t *ctx, val_t v, double *out)
{
    for (;;) {
        if (v_is_num(v)) {
            *out = v_num(v);
            return BK_OK;
        }
        if (v_is_str(v)) {
            *out = bk_js__str_to_num(v_str(v));
            return BK_OK;
        }
        switch (v) {
        case V_UNDEF:
            *out = NAN;
            return BK_OK;
        case V_NULL:
        case V_FALSE:
            *out = 0;
            return BK_OK;
        case V_TRUE:
            *out = 1;
            return BK_OK;
        default:
            break;
        }
        if (v_is_sym(v))
            return bk_js__type_error(ctx,
                                     "Cannot convert a Symbol value to a number");
        if (bk_js__to_primitive(ctx, v, 1, &v) != BK_OK)
            return BK_ERR;
    }
}

int bk_js__to_object(bk_js_ctx_t *ctx, val_t v, bk_js_obj_t **out)
{
    bk_js_prog_t *P = ctx->prog;
    int cls;
    bk_js_obj_t *proto;
    if (v_is_obj(v)) {
        *out = v_obj(v);
        return BK_OK;
    }
    if (v_is_nullish(v))
        return bk_js__type_error(ctx, "Cannot convert undefined or null to object");
    if (v_is_num(v)) {
        cls = CLS_NUMBER;
        proto = P->proto[PROTO_NUMBER];
    } else if (v_is_str(v)) {
        cls = CLS_STRING;
        proto = P->proto[PROTO_STRING];
    } else if (v_is_sym(v)) {
        cls = CLS_SYMBOL;
        proto = P->proto[PROTO_SYMBOL];
    } else {
        cls = CLS_BOOLEAN;
        proto = P->proto[PROTO_BOOLEAN];
    }
    bk_js_obj_t *o = bk_js__obj_new(ctx, cls, proto);
    o->u.prim = v;
    if (cls == CLS_STRING)
        bk_js__put_own(ctx, o, A(ctx, length), v_mknum(v_str(v)->len), 0);
    *out = o;
    return BK_OK;
}

int bk_js__to_propkey(bk_js_ctx_t *ctx, val_t v, bk_js_str_t **out)
{
    if (v_is_str(v)) {
        *out = bk_js__atom(ctx, v_str(v));
        return BK_OK;
    }
    if (v_is_sym(v)) {
        *out = v_str(v);
        return BK_OK;
    }
    if (v_is_num(v)) {
        double d = v_num(v);
        if (d >= 0 && d < 4294967295.0 && d == (double)(uint32_t)d) {
            *out = bk_js__atom_index(ctx, (uint32_t)d);
            return BK_OK;
        }
    }
    if (v_is_obj(v)) {
        if (bk_js__to_primitive(ctx, v, 2, &v) != BK_OK)
            return BK_ERR;
        if (v_is_sym(v)) {
            *out = v_str(v);
            return BK_OK;
        }
    }
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, v, &s) != BK_OK)
        return BK_ERR;
    *out = bk_js__atom(ctx, s);
    return BK_OK;
}

int bk_js__same_value_zero(val_t a, val_t b)
{
    if (v_is_num(a) && v_is_num(b)) {
        double x = v_num(a), y = v_num(b);
        return x == y || (x != x && y != y);
    }
    return bk_js__strict_eq(a, b);
}

int bk_js__same_value(val_t a, val_t b)
{
    if (v_is_num(a) && v_is_num(b))
        return a == b;
    return bk_js__strict_eq(a, b);
}

int bk_js__loose_eq(bk_js_ctx_t *ctx, val_t a, val_t b, int *out)
{
    for (;;) {
        if ((v_is_num(a) && v_is_num(b)) || v_tag(a) == v_tag(b) ||
            (v_is_bool(a) && v_is_bool(b))) {
            if (!v_is_num(a) && v_tag(a) == BK_JS_TAG_SPECIAL &&
                v_tag(b) == BK_JS_TAG_SPECIAL) {
                *out = a == b || (v_is_nullish(a) && v_is_nullish(b));
                return BK_OK;
            }
            *out = bk_js__strict_eq(a, b);
            return BK_OK;
        }
        if (v_is_nullish(a) || v_is_nullish(b)) {
            *out = v_is_nullish(a) && v_is_nullish(b);
            return BK_OK;
        }
        if (v_is_num(a) && v_is_str(b)) {
            *out = v_num(a) == bk_js__str_to_num(v_str(b));
            return BK_OK;
        }
        if (v_is_str(a) && v_is_num(b)) {
            *out = bk_js__str_to_num(v_str(a)) == v_num(b);
            return BK_OK;
        }
        if (v_is_bool(a)) {
            a = v_mknum(a == V_TRUE);
            continue;
        }
        if (v_is_bool(b)) {
            b = v_mknum(b == V_TRUE);
            continue;
        }
        if (v_is_obj(a) && !v_is_obj(b)) {
            if (bk_js__to_primitive(ctx, a, 0, &a) != BK_OK)
                return BK_ERR;
            continue;
        }
        if (v_is_obj(b) && !v_is_obj(a)) {
            if (bk_js__to_primitive(ctx, b, 0, &b) != BK_OK)
                return BK_ERR;
            continue;
        }
        *out = 0;
        return BK_OK;
    }
}

const char *bk_js__describe(bk_js_ctx_t *ctx, val_t v)
{
    if (v_is_str(v)) {
        size_t n;
        char *s = bk_js__str_to_utf8(ctx, v_str(v), &n);
        if (n > 40)
            s[40] = 0;
        return s;
    }
    if (v_is_obj(v))
        return bk_js__is_callable(v) ? "function" : "object";
    if (v_is_sym(v))
        return "Symbol()";
    char *buf = bk_js__ialloc(ctx, 32);
    if (v_is_num(v)) {
        bk_js__fmt_num(buf, 32, v_num(v));
        return buf;
    }
    return v == V_UNDEF ? "undefined" : v == V_NULL ? "null"
           : v == V_TRUE ? "true" : "false";
}
