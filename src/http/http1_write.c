/*
 * http1_write.c: serializers for heads and chunks into a bk_buf_t.
 *
 * Key invariant: a writer either appends a whole well-formed piece or
 * nothing (the buffer is rolled back on any failure), and it refuses bytes
 * that would let a value end a line early: header values that came from a
 * function or an origin cannot split a response.
 */
#include <stdio.h>

#include "http/http1_int.h"

/* Whether a request-target may be sent: visible ASCII only. */
static int sendable_target(bk_str_t t)
{
    if (t.n == 0)
        return 0;
    for (size_t i = 0; i < t.n; i++)
        if (t.p[i] <= 0x20 || t.p[i] >= 0x7f)
            return 0;
    return 1;
}

static int put_header(bk_buf_t *b, bk_str_t name, bk_str_t value)
{
    if (!bk_http__is_token(name) || !bk_http__is_field_value(value))
        return BK_ERR;
    if (bk_buf_reserve(b, name.n + value.n + 4) != BK_OK)
        return BK_ERR;
    /* Room is reserved: the appends below cannot fail. */
    uint8_t *p = b->p + b->n;
    memcpy(p, name.p, name.n);
    p += name.n;
    *p++ = ':';
    *p++ = ' ';
    if (value.n)
        memcpy(p, value.p, value.n);
    p += value.n;
    *p++ = '\r';
    *p++ = '\n';
    b->n = (size_t)(p - b->p);
    return BK_OK;
}

int bk_http_write_header(bk_buf_t *b, bk_str_t name, bk_str_t value)
{
    return put_header(b, name, value);
}

static int put_fields(bk_buf_t *b, const bk_http_header_t *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (put_header(b, h[i].name, h[i].value) != BK_OK)
            return BK_ERR;
    return bk_buf_append(b, "\r\n", 2);
}

int bk_http_write_resp_head(bk_buf_t *b, int minor, int status,
                            bk_str_t reason, const bk_http_header_t *h,
                            size_t n)
{
    size_t mark = b->n;
    if (status < 100 || status > 999 || minor < 0 || minor > 1)
        return BK_ERR;
    if (reason.n == 0)
        reason = bk_str_c(bk_http_status_reason(status));
    if (!bk_http__is_field_value(reason))
        return BK_ERR;
    char line[32];
    int k = snprintf(line, sizeof(line), "HTTP/1.%d %d ", minor, status);
    if (bk_buf_append(b, line, (size_t)k) != BK_OK ||
        bk_buf_append_str(b, reason) != BK_OK ||
        bk_buf_append(b, "\r\n", 2) != BK_OK || put_fields(b, h, n) != BK_OK)
        goto fail;
    return BK_OK;
fail:
    b->n = mark;
    return BK_ERR;
}

int bk_http_write_req_head(bk_buf_t *b, bk_str_t method, bk_str_t target,
                           const bk_http_header_t *h, size_t n)
{
    size_t mark = b->n;
    if (!bk_http__is_token(method) || !sendable_target(target))
        return BK_ERR;
    if (bk_buf_append_str(b, method) != BK_OK ||
        bk_buf_putc(b, ' ') != BK_OK || bk_buf_append_str(b, target) != BK_OK ||
        bk_buf_append(b, " HTTP/1.1\r\n", 11) != BK_OK ||
        put_fields(b, h, n) != BK_OK)
        goto fail;
    return BK_OK;
fail:
    b->n = mark;
    return BK_ERR;
}

int bk_http_write_chunk(bk_buf_t *b, const void *p, size_t n)
{
    size_t mark = b->n;
    char line[24];
    if (n == 0)
        return BK_OK;
    int k = snprintf(line, sizeof(line), "%zx\r\n", n);
    if (bk_buf_reserve(b, (size_t)k + n + 2) != BK_OK ||
        bk_buf_append(b, line, (size_t)k) != BK_OK ||
        bk_buf_append(b, p, n) != BK_OK || bk_buf_append(b, "\r\n", 2) != BK_OK)
        goto fail;
    return BK_OK;
fail:
    b->n = mark;
    return BK_ERR;
}

int bk_http_write_chunk_end(bk_buf_t *b)
{
    return bk_buf_append(b, "0\r\n\r\n", 5);
}
