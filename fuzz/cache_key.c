/*
 * fuzz/cache_key.c: the cache's viewer-controlled inputs: the key builder
 * (path, query string, headers, cookies, Accept-Encoding), path patterns,
 * invalidation paths, and the header parsers of conditional and range
 * requests and of origin freshness.
 *
 * Also the stored-head builder and 304 merge over the same header lines.
 *
 * Input: byte 0 picks the query/cookie modes and encodings; the rest is
 * lines: path, query, host, pattern, then "Name: value" headers.
 * Checked: no crash or sanitizer report, keys are deterministic, the key's
 * URI starts with the path, and a stored entry is found again by its key.
 */
#include <stdlib.h>
#include <string.h>

#include "cache/cache.h"
#include "core/date.h"

#define MAX_HDRS 64

static bk_str_t line(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *s = *p;
    while (*p < end && **p != '\n')
        (*p)++;
    bk_str_t r = bk_str(s, (size_t)(*p - s));
    if (*p < end)
        (*p)++;
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    const uint8_t *p = data + 1, *end = data + size;
    bk_str_t path = line(&p, end), query = line(&p, end);
    bk_str_t host = line(&p, end), pattern = line(&p, end);

    bk_cache_hdr_t hdrs[MAX_HDRS];
    size_t nh = 0;
    bk_str_t ae = BK_STR_NULL, inm = BK_STR_NULL, ims = BK_STR_NULL;
    bk_str_t range = BK_STR_NULL;
    while (p < end && nh < MAX_HDRS) {
        bk_str_t l = line(&p, end);
        long colon = bk_str_chr(l, ':');
        if (colon < 0)
            continue;
        bk_cache_hdr_t *h = &hdrs[nh++];
        h->name = bk_str(l.p, (size_t)colon);
        h->value = bk_str_trim(bk_str(l.p + colon + 1, l.n - (size_t)colon - 1));
        if (bk_str_eq_ci(h->name, BK_STR("accept-encoding")))
            ae = h->value;
        else if (bk_str_eq_ci(h->name, BK_STR("if-none-match")))
            inm = h->value;
        else if (bk_str_eq_ci(h->name, BK_STR("if-modified-since")))
            ims = h->value;
        else if (bk_str_eq_ci(h->name, BK_STR("range")))
            range = h->value;
    }

    /* The names a policy selects come from the input too. */
    bk_str_t names[3] = {BK_STR("a"), BK_STR("session"), BK_STR("x-h")};
    if (nh > 0)
        names[0] = hdrs[0].name;
    bk_cache_key_policy_t pol = {
        .qs = (bk_cache_sel_t)(mode & 3),
        .qs_names = names, .qs_n = 3,
        .cookies = (bk_cache_sel_t)((mode >> 2) & 3),
        .cookie_names = names, .cookie_n = 3,
        .header_names = names, .header_n = (mode & 0x40) ? 3 : 0,
        .gzip = (mode >> 4) & 1, .br = (mode >> 5) & 1,
    };
    bk_cache_key_req_t req = {
        .host = host, .path = path, .query = query,
        .headers = hdrs, .header_n = nh, .accept_encoding = ae,
    };

    bk_arena_t a;
    bk_arena_init(&a, 0, 1 << 20);
    bk_buf_t k1, k2;
    bk_buf_init(&k1, &a);
    bk_buf_init(&k2, &a);
    int rc1 = bk_cache_key_build(&pol, &req, &a, &k1);
    int rc2 = bk_cache_key_build(&pol, &req, &a, &k2);
    if (rc1 != rc2)
        abort();
    if (rc1 == BK_OK) {
        bk_str_t key = bk_buf_str(&k1);
        if (!bk_str_eq(key, bk_buf_str(&k2)))
            abort();
        bk_str_t uri = bk_cache_key_uri(key);
        if (!bk_str_starts(uri, path))
            abort();

        bk_cache_conf_t conf = {.max_bytes = 1 << 16, .seed = {7, 8}};
        bk_cache_t *c = bk_cache_new(&conf);
        if (c) {
            bk_cache_entry_t *e = bk_cache_entry_new(key, 200, BK_STR(""),
                                                     "x", 1);
            if (e) {
                if (bk_cache_insert(c, e) == BK_OK) {
                    bk_cache_entry_t *got = bk_cache_lookup(c, key);
                    if (got != e)
                        abort();
                    bk_cache_entry_release(got);
                    if (bk_cache_inval_valid(pattern)) {
                        size_t n = bk_cache_invalidate(c, pattern);
                        if (n != (size_t)bk_cache_inval_match(pattern, uri))
                            abort();
                    }
                }
                bk_cache_entry_release(e);
            }
            bk_cache_free(c);
        }
    }

    (void)bk_cache_path_match(pattern, path);
    (void)bk_cache_accept_encoding(ae, 1, 1);
    int64_t t, t2;
    if (bk_date_parse(ims, BK_DATE_LENIENT, &t) == BK_OK && ims.n < 23)
        abort(); /* no valid HTTP-date is that short */
    /* What the exact grammar accepts, the lenient one reads the same. */
    if (bk_date_parse(ims, 0, &t2) == BK_OK &&
        (bk_date_parse(ims, BK_DATE_LENIENT, &t) != BK_OK || t != t2))
        abort();
    (void)bk_cache_not_modified(inm, ims, query, (int64_t)mode * 1000);
    (void)bk_cache_if_range_ok(inm, query, 0);
    uint64_t first, last;
    uint64_t sz = (uint64_t)host.n * 7;
    if (bk_cache_range_parse(range, sz, &first, &last) == BK_OK &&
        (first > last || last >= sz))
        abort();

    /* The header lines, as an origin response head. */
    bk_str_t head = bk_str(data + 1, size - 1);
    bk_cache_ttl_policy_t tp = {mode & 7, 86400, 31536000, 10};
    bk_cache_fresh_t f;
    (void)bk_cache_head_field_unstored(head, BK_STR("set-cookie"));

    /* The header lines as origin response fields: stored head, then a 304
     * revalidation with the same fields; both must read back. */
    bk_buf_t stored;
    bk_buf_init(&stored, NULL);
    if (bk_cache_head_build(hdrs, nh, mode & 1, &stored) == BK_OK) {
        bk_cache_entry_t *e = bk_cache_entry_new(path, 200,
                                                 bk_buf_str(&stored), "b", 1);
        if (e) {
            bk_cache_entry_t *r = bk_cache_entry_revalidated(e, hdrs, nh, 0);
            if (r && (r->body.n != 1 || !bk_str_eq(r->key, path)))
                abort();
            bk_cache_entry_release(r);
            bk_cache_entry_release(e);
        }
    }
    bk_buf_free(&stored);
    int status = (mode & 0x80) ? 404 : 200;
    bk_cache_freshness_head(&tp, status, head, 0, &f);
    if (status == 200 && f.cacheable && f.ttl > tp.max_ttl)
        abort();

    bk_arena_destroy(&a);
    return 0;
}
