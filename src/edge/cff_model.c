/*
 * cff_model.c: the neutral event model of the CloudFront Functions runtime:
 * fields with one or more occurrences, and the text forms they come from
 * (query strings, Cookie and Set-Cookie values). Pure functions over
 * slices; everything new goes into the caller's arena.
 */
#include <string.h>

#include "edge/cff.h"

bk_cff_field_t *bk_cff_map_find(const bk_cff_map_t *m, bk_str_t name)
{
    for (uint32_t i = 0; i < m->n; i++)
        if (bk_str_eq(m->v[i].name, name))
            return &m->v[i];
    return NULL;
}

int bk_cff_map_add(bk_arena_t *a, bk_cff_map_t *m, bk_str_t name,
                   bk_str_t value)
{
    bk_cff_field_t *f = bk_cff_map_find(m, name);
    if (f == NULL) {
        if (m->n == m->cap) {
            uint32_t cap = m->cap ? m->cap * 2 : 8;
            bk_cff_field_t *v = bk_arena_realloc(a, m->v, m->cap * sizeof(*v),
                                                 cap * sizeof(*v));
            if (v == NULL)
                return BK_ERR;
            m->v = v;
            m->cap = cap;
        }
        f = &m->v[m->n++];
        f->name = name;
        f->items = NULL;
        f->n = 0;
        f->same = 0;
    }
    /* Occurrences are few: grow by one. */
    bk_cff_item_t *items = bk_arena_realloc(a, f->items, f->n * sizeof(*items),
                                            (f->n + 1) * sizeof(*items));
    if (items == NULL)
        return BK_ERR;
    f->items = items;
    memset(&f->items[f->n], 0, sizeof(f->items[0]));
    f->items[f->n].value = value;
    f->n++;
    return BK_OK;
}

int bk_cff_parse_query(bk_arena_t *a, bk_str_t q, bk_cff_map_t *m)
{
    const uint8_t *p = q.p, *end = q.p + q.n;
    while (p < end) {
        const uint8_t *amp = memchr(p, '&', (size_t)(end - p));
        const uint8_t *e = amp ? amp : end;
        if (e > p) {
            const uint8_t *eq = memchr(p, '=', (size_t)(e - p));
            bk_str_t name = bk_str(p, (size_t)((eq ? eq : e) - p));
            bk_str_t value = eq ? bk_str(eq + 1, (size_t)(e - eq - 1))
                                : BK_STR("");
            if (name.n && bk_cff_map_add(a, m, name, value) != BK_OK)
                return BK_ERR;
        }
        p = amp ? amp + 1 : end;
    }
    return BK_OK;
}

int bk_cff_parse_cookie(bk_arena_t *a, bk_str_t v, bk_cff_map_t *m)
{
    const uint8_t *p = v.p, *end = v.p + v.n;
    while (p < end) {
        const uint8_t *semi = memchr(p, ';', (size_t)(end - p));
        bk_str_t one = bk_str_trim(bk_str(p, (size_t)((semi ? semi : end) - p)));
        if (one.n) {
            long eq = bk_str_chr(one, '=');
            bk_str_t name = bk_str_trim(bk_str(one.p, eq < 0 ? one.n : (size_t)eq));
            bk_str_t value = eq < 0 ? BK_STR("")
                                    : bk_str_trim(bk_str(one.p + eq + 1,
                                                         one.n - (size_t)eq - 1));
            if (name.n && bk_cff_map_add(a, m, name, value) != BK_OK)
                return BK_ERR;
        }
        p = semi ? semi + 1 : end;
    }
    return BK_OK;
}

int bk_cff_parse_set_cookie(bk_arena_t *a, bk_str_t v, bk_cff_map_t *m)
{
    long semi = bk_str_chr(v, ';');
    bk_str_t pair = bk_str_trim(semi < 0 ? v : bk_str(v.p, (size_t)semi));
    long eq = bk_str_chr(pair, '=');
    bk_str_t name = bk_str_trim(bk_str(pair.p, eq < 0 ? pair.n : (size_t)eq));
    if (name.n == 0)
        return BK_OK; /* not a cookie CloudFront could name: dropped */
    bk_str_t value = eq < 0 ? BK_STR("")
                            : bk_str_trim(bk_str(pair.p + eq + 1,
                                                 pair.n - (size_t)eq - 1));
    if (bk_cff_map_add(a, m, name, value) != BK_OK)
        return BK_ERR;
    bk_cff_field_t *f = bk_cff_map_find(m, name);
    bk_cff_item_t *it = &f->items[f->n - 1];
    if (semi >= 0) {
        it->attrs = bk_str_trim(bk_str(v.p + semi + 1, v.n - (size_t)semi - 1));
        it->has_attrs = 1;
    }
    return BK_OK;
}

int bk_cff_query_string(const bk_cff_map_t *m, bk_buf_t *out)
{
    int first = 1;
    for (uint32_t i = 0; i < m->n; i++) {
        const bk_cff_field_t *f = &m->v[i];
        for (uint32_t k = 0; k < f->n; k++) {
            if ((!first && bk_buf_putc(out, '&') != BK_OK) ||
                bk_buf_append_str(out, f->name) != BK_OK ||
                bk_buf_putc(out, '=') != BK_OK ||
                bk_buf_append_str(out, f->items[k].value) != BK_OK)
                return BK_ERR;
            first = 0;
        }
    }
    return BK_OK;
}

bk_str_t bk_cff_title_case(bk_arena_t *a, bk_str_t name)
{
    uint8_t *p = bk_arena_alloc(a, name.n ? name.n : 1);
    if (p == NULL)
        return name;
    int up = 1;
    for (size_t i = 0; i < name.n; i++) {
        uint8_t c = name.p[i];
        if (up && c >= 'a' && c <= 'z')
            c = (uint8_t)(c - 32);
        else if (!up && c >= 'A' && c <= 'Z')
            c = (uint8_t)(c + 32);
        p[i] = c;
        up = c == '-';
    }
    return bk_str(p, name.n);
}
