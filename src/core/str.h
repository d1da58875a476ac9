/*
 * str.h: string slices. A bk_str_t never owns its bytes; it points into a
 * buffer whose lifetime the caller knows (usually a request arena).
 */
#ifndef BK_CORE_STR_H
#define BK_CORE_STR_H

#include <string.h>
#include "core/arena.h"

typedef struct {
    const uint8_t *p;
    size_t n;
} bk_str_t;

#define BK_STR(lit) ((bk_str_t){(const uint8_t *)(lit), sizeof(lit) - 1})
#define BK_STR_NULL ((bk_str_t){NULL, 0})
/* For printf: printf("%.*s", BK_STR_FMT(s)). */
#define BK_STR_FMT(s) (int)(s).n, (const char *)(s).p

static inline bk_str_t bk_str(const void *p, size_t n)
{
    return (bk_str_t){(const uint8_t *)p, n};
}

static inline bk_str_t bk_str_c(const char *s)
{
    return (bk_str_t){(const uint8_t *)s, s ? strlen(s) : 0};
}

static inline int bk_str_eq(bk_str_t a, bk_str_t b)
{
    /* Same bytes by pointer first: slices are often reused as they are. */
    return a.n == b.n && (a.n == 0 || a.p == b.p || memcmp(a.p, b.p, a.n) == 0);
}

/* ASCII case-insensitive equality (header names). The length test is
 * inline: header lists are searched by name on every request and most
 * names differ in length. */
int bk_str__eq_ci_bytes(const uint8_t *a, const uint8_t *b, size_t n);
static inline int bk_str_eq_ci(bk_str_t a, bk_str_t b)
{
    return a.n == b.n && (a.n == 0 || bk_str__eq_ci_bytes(a.p, b.p, a.n));
}

/* Whether 's' starts / ends with 'pre' / 'suf'. */
int bk_str_starts(bk_str_t s, bk_str_t pre);
int bk_str_ends(bk_str_t s, bk_str_t suf);

/* Index of the first 'c' in 's', or -1. */
long bk_str_chr(bk_str_t s, uint8_t c);

/* 's' without leading and trailing spaces and tabs (HTTP OWS). */
bk_str_t bk_str_trim(bk_str_t s);

/* s[from..from+n), clamped to the slice. */
bk_str_t bk_str_sub(bk_str_t s, size_t from, size_t n);

/* Parses a decimal unsigned integer that fills 's' entirely; BK_ERR on
 * empty input, a non-digit or overflow past 'max'. */
BK_MUST_CHECK int bk_str_to_u64(bk_str_t s, uint64_t max, uint64_t *out);

/* A NUL-terminated copy in 'a'. */
BK_MUST_CHECK char *bk_str_cstr(bk_arena_t *a, bk_str_t s);

/* Lower-cases ASCII letters of s into dst (which may equal s.p). */
void bk_str_lower(uint8_t *dst, bk_str_t s);

/* 64-bit FNV-1a, for hash tables that need no attack resistance. */
uint64_t bk_hash_fnv1a(const void *p, size_t n);

#endif
