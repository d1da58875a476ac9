/*
 * cache_head.c: the stored header block: which response fields are kept
 * (RFC 9111 3.1: no hop-by-hop fields, no fields a qualified no-cache or
 * private names) and how a 304 from a revalidation updates them (RFC 9111
 * 4.3.4).
 *
 * Invariant: a stored head is "Name: value\r\n" lines only, so every
 * reader in this module (bk_cache__head_next) and the edge can walk it
 * without a parser state.
 */
#include <string.h>

#include "cache/cache_int.h"

/* Fields that describe one connection, never stored (RFC 9110 7.6.1), and
 * Age, which the edge recomputes for each hit from the entry. */
static int hop_by_hop(bk_str_t name)
{
    static const bk_str_t names[] = {
        BK_STR("connection"), BK_STR("keep-alive"),
        BK_STR("proxy-connection"), BK_STR("te"), BK_STR("trailer"),
        BK_STR("transfer-encoding"), BK_STR("upgrade"), BK_STR("age"),
    };
    for (size_t i = 0; i < BK_COUNTOF(names); i++)
        if (bk_str_eq_ci(name, names[i]))
            return 1;
    return 0;
}

/* Whether field 'name' of a response with fields h[0..n) stays out of the
 * stored head: hop-by-hop, named by Connection, named by a qualified
 * no-cache/private, or Set-Cookie when asked. */
static int unstored(const bk_cache_hdr_t *h, size_t n, bk_str_t name,
                    unsigned flags)
{
    if (hop_by_hop(name))
        return 1;
    if ((flags & BK_CACHE_HEAD_DROP_SET_COOKIE) &&
        bk_str_eq_ci(name, BK_STR("set-cookie")))
        return 1;
    for (size_t i = 0; i < n; i++) {
        if (bk_str_eq_ci(h[i].name, BK_STR("connection")) &&
            bk_cache__list_has(h[i].value, name))
            return 1;
        if (bk_str_eq_ci(h[i].name, BK_STR("cache-control")) &&
            bk_cache__cc_names_field(h[i].value, name))
            return 1;
    }
    return 0;
}

static int put_line(bk_buf_t *out, bk_str_t name, bk_str_t value)
{
    if (bk_buf_reserve(out, name.n + value.n + 4) != BK_OK)
        return BK_ERR;
    /* Cannot fail after the reservation. */
    BK_ASSERT(bk_buf_append_str(out, name) == BK_OK);
    BK_ASSERT(bk_buf_append(out, ": ", 2) == BK_OK);
    BK_ASSERT(bk_buf_append_str(out, value) == BK_OK);
    BK_ASSERT(bk_buf_append(out, "\r\n", 2) == BK_OK);
    return BK_OK;
}

int bk_cache_head_build(const bk_cache_hdr_t *h, size_t n, unsigned flags,
                        bk_buf_t *out)
{
    for (size_t i = 0; i < n; i++)
        if (!unstored(h, n, h[i].name, flags) &&
            put_line(out, h[i].name, h[i].value) != BK_OK)
            return BK_ERR;
    return BK_OK;
}

/* Fields a 304 must not change in the stored response: what describes the
 * stored body itself (RFC 9111 4.3.4 names Content-Length; the coding and
 * range follow the same logic). */
static int body_field(bk_str_t name)
{
    return bk_str_eq_ci(name, BK_STR("content-length")) ||
           bk_str_eq_ci(name, BK_STR("content-encoding")) ||
           bk_str_eq_ci(name, BK_STR("content-range"));
}

bk_cache_entry_t *bk_cache_entry_revalidated(const bk_cache_entry_t *old,
                                             const bk_cache_hdr_t *h,
                                             size_t n, unsigned flags)
{
    bk_buf_t head;
    bk_buf_init(&head, NULL);
    bk_cache_entry_t *e = NULL;

    /* Stored lines the 304 does not replace, then the 304's own lines. */
    size_t pos = 0;
    bk_str_t name, value;
    while (bk_cache__head_next(old->head, &pos, &name, &value)) {
        int replaced = 0;
        if (!body_field(name))
            for (size_t i = 0; i < n && !replaced; i++)
                replaced = bk_str_eq_ci(h[i].name, name) &&
                           !unstored(h, n, name, flags);
        if (!replaced && put_line(&head, name, value) != BK_OK)
            goto fail;
    }
    for (size_t i = 0; i < n; i++)
        if (!body_field(h[i].name) && !unstored(h, n, h[i].name, flags) &&
            put_line(&head, h[i].name, h[i].value) != BK_OK)
            goto fail;

    e = bk_cache_entry_new(old->key, old->status, bk_buf_str(&head),
                           old->body.p, old->body.n);
fail:
    bk_buf_free(&head);
    return e;
}
