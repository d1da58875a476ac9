/* hdrs.c: header field lists of an exchange, growing in the request arena.
 * Names and values are slices; whoever adds one makes sure its bytes live
 * as long as the arena. */
#include <stdarg.h>
#include <stdio.h>

#include "edge/edge_int.h"

int bk_edge__hdr_add(bk_arena_t *a, bk_edge_hdrs_t *h, bk_str_t name,
                     bk_str_t value)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 16;
        bk_edge_hdr_t *v = bk_arena_realloc(a, h->v, h->cap * sizeof(*v),
                                            cap * sizeof(*v));
        if (v == NULL)
            return BK_ERR;
        h->v = v;
        h->cap = cap;
    }
    h->v[h->n].name = name;
    h->v[h->n].value = value;
    h->n++;
    return BK_OK;
}

bk_str_t bk_edge__hdr_get(const bk_edge_hdrs_t *h, bk_str_t name)
{
    for (size_t i = 0; i < h->n; i++)
        if (bk_str_eq_ci(h->v[i].name, name))
            return h->v[i].value;
    return BK_STR_NULL;
}

size_t bk_edge__hdr_del(bk_edge_hdrs_t *h, bk_str_t name)
{
    size_t j = 0, removed = 0;
    for (size_t i = 0; i < h->n; i++) {
        if (bk_str_eq_ci(h->v[i].name, name)) {
            removed++;
            continue;
        }
        h->v[j++] = h->v[i];
    }
    h->n = j;
    return removed;
}

int bk_edge__hdr_set(bk_arena_t *a, bk_edge_hdrs_t *h, bk_str_t name,
                     bk_str_t value)
{
    bk_edge__hdr_del(h, name);
    return bk_edge__hdr_add(a, h, name, value);
}

bk_str_t bk_edge__printf(bk_arena_t *a, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0)
        return BK_STR_NULL;
    if ((size_t)n >= sizeof(tmp)) {
        char *p = bk_arena_alloc(a, (size_t)n + 1);
        if (p == NULL)
            return BK_STR_NULL;
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
        return bk_str(p, (size_t)n);
    }
    char *p = bk_arena_memdup(a, tmp, (size_t)n);
    return p ? bk_str(p, (size_t)n) : BK_STR_NULL;
}
