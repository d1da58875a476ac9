/*
 * buf.h: growable byte buffers. A buffer either grows in an arena (freed with
 * it) or on the heap (bk_buf_free). Appends return BK_ERR on allocation
 * failure and leave the buffer as it was, so callers can report and stop.
 */
#ifndef BK_CORE_BUF_H
#define BK_CORE_BUF_H

#include <stdarg.h>
#include "core/str.h"

typedef struct {
    uint8_t *p;
    size_t n;
    size_t cap;
    bk_arena_t *arena; /* NULL: heap */
    size_t limit;      /* 0: none; appends past it fail */
} bk_buf_t;

/* An empty buffer growing in 'a' (NULL: heap). */
void bk_buf_init(bk_buf_t *b, bk_arena_t *a);

/* Makes room for n more bytes. */
BK_MUST_CHECK int bk_buf_reserve(bk_buf_t *b, size_t n);

BK_MUST_CHECK int bk_buf_append(bk_buf_t *b, const void *p, size_t n);
BK_MUST_CHECK int bk_buf_append_str(bk_buf_t *b, bk_str_t s);
BK_MUST_CHECK int bk_buf_append_cstr(bk_buf_t *b, const char *s);
BK_MUST_CHECK int bk_buf_putc(bk_buf_t *b, uint8_t c);
BK_MUST_CHECK int bk_buf_printf(bk_buf_t *b, const char *fmt, ...)
    BK_PRINTF(2, 3);
BK_MUST_CHECK int bk_buf_vprintf(bk_buf_t *b, const char *fmt, va_list ap);

/* Appends s as a JSON string literal, quotes included. */
BK_MUST_CHECK int bk_buf_append_json_str(bk_buf_t *b, bk_str_t s);

/* Ensures a NUL after the content (not counted in n); returns the C string
 * or NULL on failure. */
char *bk_buf_cstr(bk_buf_t *b);

static inline bk_str_t bk_buf_str(const bk_buf_t *b)
{
    return bk_str(b->p, b->n);
}

static inline void bk_buf_clear(bk_buf_t *b) { b->n = 0; }

/* Releases a heap buffer (no-op for arena buffers). */
void bk_buf_free(bk_buf_t *b);

/* Reads a whole file into b; BK_ERR with errno set on failure. */
BK_MUST_CHECK int bk_buf_read_file(bk_buf_t *b, const char *path);

#endif
