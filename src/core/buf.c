/* buf.c: growable buffers in an arena or on the heap. Growth doubles; a
 * failed append leaves the content unchanged. */
#include "core/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

void bk_buf_init(bk_buf_t *b, bk_arena_t *a)
{
    b->p = NULL;
    b->n = b->cap = 0;
    b->arena = a;
    b->limit = 0;
}

int bk_buf_reserve(bk_buf_t *b, size_t n)
{
    if (b->cap - b->n >= n)
        return BK_OK;
    if (n > SIZE_MAX / 2 - b->n)
        return BK_ERR;
    size_t want = b->n + n;
    if (b->limit && want > b->limit)
        return BK_ERR;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < want)
        cap *= 2;
    if (b->limit && cap > b->limit)
        cap = b->limit;
    uint8_t *p;
    if (b->arena != NULL)
        p = bk_arena_realloc(b->arena, b->p, b->cap, cap);
    else
        p = bk_realloc(b->p, cap);
    if (p == NULL)
        return BK_ERR;
    b->p = p;
    b->cap = cap;
    return BK_OK;
}

int bk_buf_append(bk_buf_t *b, const void *p, size_t n)
{
    if (n == 0)
        return BK_OK;
    if (bk_buf_reserve(b, n) != BK_OK)
        return BK_ERR;
    memcpy(b->p + b->n, p, n);
    b->n += n;
    return BK_OK;
}

int bk_buf_append_str(bk_buf_t *b, bk_str_t s)
{
    return bk_buf_append(b, s.p, s.n);
}

int bk_buf_append_cstr(bk_buf_t *b, const char *s)
{
    return bk_buf_append(b, s, strlen(s));
}

int bk_buf_putc(bk_buf_t *b, uint8_t c)
{
    if (b->n == b->cap && bk_buf_reserve(b, 1) != BK_OK)
        return BK_ERR;
    b->p[b->n++] = c;
    return BK_OK;
}

int bk_buf_vprintf(bk_buf_t *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    char small[256];
    int len = vsnprintf(small, sizeof(small), fmt, ap2);
    va_end(ap2);
    if (len < 0)
        return BK_ERR;
    if ((size_t)len < sizeof(small))
        return bk_buf_append(b, small, (size_t)len);
    if (bk_buf_reserve(b, (size_t)len + 1) != BK_OK)
        return BK_ERR;
    vsnprintf((char *)b->p + b->n, (size_t)len + 1, fmt, ap);
    b->n += (size_t)len;
    return BK_OK;
}

int bk_buf_printf(bk_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = bk_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int bk_buf_append_json_str(bk_buf_t *b, bk_str_t s)
{
    static const char hex[] = "0123456789abcdef";
    size_t start = b->n;
    if (bk_buf_putc(b, '"') != BK_OK)
        return BK_ERR;
    for (size_t i = 0; i < s.n; i++) {
        uint8_t c = s.p[i];
        const char *esc = NULL;
        char u[6];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20) {
                u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
                u[4] = hex[c >> 4]; u[5] = hex[c & 15];
                if (bk_buf_append(b, u, 6) != BK_OK)
                    goto fail;
                continue;
            }
        }
        if (esc != NULL) {
            if (bk_buf_append_cstr(b, esc) != BK_OK)
                goto fail;
        } else if (bk_buf_putc(b, c) != BK_OK) {
            goto fail;
        }
    }
    if (bk_buf_putc(b, '"') != BK_OK)
        goto fail;
    return BK_OK;
fail:
    b->n = start;
    return BK_ERR;
}

char *bk_buf_cstr(bk_buf_t *b)
{
    if (bk_buf_reserve(b, 1) != BK_OK)
        return NULL;
    b->p[b->n] = '\0';
    return (char *)b->p;
}

void bk_buf_free(bk_buf_t *b)
{
    if (b->arena == NULL)
        bk_free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

int bk_buf_read_file(bk_buf_t *b, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return BK_ERR;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return BK_ERR;
    }
    for (;;) {
        if (bk_buf_reserve(b, 4096) != BK_OK) {
            close(fd);
            errno = ENOMEM;
            return BK_ERR;
        }
        ssize_t r = read(fd, b->p + b->n, b->cap - b->n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            errno = e;
            return BK_ERR;
        }
        if (r == 0)
            break;
        b->n += (size_t)r;
    }
    close(fd);
    return BK_OK;
}
