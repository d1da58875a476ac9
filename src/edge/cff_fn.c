/*
 * cff_fn.c: loading CloudFront functions (the 10 KB limit, the runtime,
 * the engine's limits) and KeyValueStores (CloudFront's import format and
 * limits).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/log.h"
#include "edge/cff_int.h"

#define KVS_MAX_KEY 512
#define KVS_MAX_VALUE 1024
#define KVS_MAX_TOTAL (5u << 20)

typedef struct {
    char *key;
    size_t klen;
    char *value;
    size_t vlen;
} kvs_item_t;

struct bk_cff_kvs {
    kvs_item_t *items; /* sorted by key */
    size_t n;
    char path[1024];
    int64_t mtime;
};

static int item_cmp(const void *a, const void *b)
{
    const kvs_item_t *x = a, *y = b;
    size_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = memcmp(x->key, y->key, n);
    return c ? c : (x->klen > y->klen) - (x->klen < y->klen);
}

void bk_cff_kvs_free(bk_cff_kvs_t *k)
{
    if (k == NULL)
        return;
    for (size_t i = 0; i < k->n; i++) {
        bk_free(k->items[i].key);
        bk_free(k->items[i].value);
    }
    bk_free(k->items);
    bk_free(k);
}

/* How many bytes of key 'k' an error message shows: at most 40, never
 * cutting a UTF-8 sequence, so messages stay valid text. */
static int key_shown(const char *k)
{
    size_t n = strlen(k);
    if (n <= 40)
        return (int)n;
    n = 40;
    while (n > 0 && ((uint8_t)k[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

bk_cff_kvs_t *bk_cff_kvs_load(const char *path, char *err, size_t errlen)
{
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        if (je.line < 1) /* could not open or read it */
            snprintf(err, errlen, "%s", je.text); /* names the file */
        else
            snprintf(err, errlen, "%s: line %d column %d: %s", path, je.line,
                     je.column, je.text);
        return NULL;
    }
    bk_cff_kvs_t *k = bk_calloc(1, sizeof(*k));
    json_t *data = json_object_get(root, "data");
    if (k == NULL) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto fail;
    }
    snprintf(k->path, sizeof(k->path), "%s", path);
    struct stat st;
    k->mtime = stat(path, &st) == 0 ? (int64_t)st.st_mtime : 0;
    if (!json_is_array(data)) {
        snprintf(err, errlen, "%s: $.data: expected an array of {\"key\", \"value\"}",
                 path);
        goto fail;
    }
    size_t n = json_array_size(data), total = 0;
    k->items = bk_calloc(n ? n : 1, sizeof(*k->items));
    if (k->items == NULL) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *it = json_array_get(data, i);
        json_t *key = json_object_get(it, "key"), *val = json_object_get(it, "value");
        if (!json_is_string(key) || !json_is_string(val)) {
            snprintf(err, errlen, "%s: $.data[%zu]: needs string \"key\" and \"value\"",
                     path, i);
            goto fail;
        }
        size_t kl = json_string_length(key), vl = json_string_length(val);
        if (kl == 0 || kl > KVS_MAX_KEY) {
            snprintf(err, errlen, "%s: key \"%.*s\": keys are 1 to %d bytes", path,
                     key_shown(json_string_value(key)), json_string_value(key),
                     KVS_MAX_KEY);
            goto fail;
        }
        if (vl > KVS_MAX_VALUE) {
            snprintf(err, errlen, "%s: key \"%.*s\": value is %zu bytes, more than %d",
                     path, key_shown(json_string_value(key)),
                     json_string_value(key), vl, KVS_MAX_VALUE);
            goto fail;
        }
        total += kl + vl;
        if (total > KVS_MAX_TOTAL) {
            snprintf(err, errlen, "%s: the store is larger than 5 MB (at key \"%.*s\")",
                     path, key_shown(json_string_value(key)),
                     json_string_value(key));
            goto fail;
        }
        kvs_item_t *x = &k->items[k->n];
        x->key = bk_malloc(kl + 1);
        x->value = bk_malloc(vl + 1);
        if (x->key == NULL || x->value == NULL) {
            bk_free(x->key);
            bk_free(x->value);
            snprintf(err, errlen, "%s: out of memory", path);
            goto fail;
        }
        memcpy(x->key, json_string_value(key), kl + 1);
        memcpy(x->value, json_string_value(val), vl + 1);
        x->klen = kl;
        x->vlen = vl;
        k->n++;
    }
    qsort(k->items, k->n, sizeof(*k->items), item_cmp);
    for (size_t i = 1; i < k->n; i++)
        if (item_cmp(&k->items[i - 1], &k->items[i]) == 0) {
            snprintf(err, errlen, "%s: key \"%.*s\" appears more than once", path,
                     key_shown(k->items[i].key), k->items[i].key);
            goto fail;
        }
    json_decref(root);
    return k;
fail:
    json_decref(root);
    bk_cff_kvs_free(k);
    return NULL;
}

/* The value of 'key' in k, or NULL. */
const char *bk_cff__kvs_get(const bk_cff_kvs_t *k, bk_str_t key, size_t *vlen)
{
    kvs_item_t probe = {(char *)(uintptr_t)key.p, key.n, NULL, 0};
    kvs_item_t *it = bsearch(&probe, k->items, k->n, sizeof(*k->items), item_cmp);
    if (it == NULL)
        return NULL;
    *vlen = it->vlen;
    return it->value;
}

size_t bk_cff__kvs_count(const bk_cff_kvs_t *k) { return k->n; }

int64_t bk_cff__kvs_mtime(const bk_cff_kvs_t *k) { return k->mtime; }

/* ---- functions ---------------------------------------------------------------- */

/* Header names most requests and responses carry: interned into the template
 * with the event's keys, so building a run's event finds them without
 * allocating. Others are interned per run. */
static const char *const common_names[] = {
    "host", "user-agent", "accept", "accept-language", "accept-encoding",
    "referer", "origin", "authorization", "cache-control", "pragma",
    "if-none-match", "if-modified-since", "range", "content-type",
    "content-length", "x-forwarded-for", "via", "upgrade-insecure-requests",
    "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "sec-fetch-user",
    "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "dnt", "te",
    "cloudfront-viewer-country", "cloudfront-is-mobile-viewer",
    "cloudfront-is-desktop-viewer", "cloudfront-is-tablet-viewer",
    "cloudfront-forwarded-proto", "cloudfront-viewer-address",
    "server", "date", "etag", "last-modified", "expires", "age", "vary",
    "content-encoding", "set-cookie", "location", "strict-transport-security",
    "x-content-type-options", "x-frame-options", "x-xss-protection",
    "content-security-policy", "referrer-policy", "access-control-allow-origin",
};

static int cff_setup(bk_js_ctx_t *ctx, void *data)
{
    bk_cff_fn_t *fn = data;
#define BK__CFF_KEY_MAKE(n)                                                   \
    if ((fn->k.n = bk_js_key(ctx, #n, sizeof(#n) - 1)) == NULL)               \
        return BK_ERR;
    BK_CFF_KEYS(BK__CFF_KEY_MAKE)
#undef BK__CFF_KEY_MAKE
    for (size_t i = 0; i < BK_COUNTOF(common_names); i++)
        if (bk_js_key(ctx, common_names[i], strlen(common_names[i])) == NULL)
            return BK_ERR;
    fn->k.s_version = bk_js_string(ctx, "1.0", 3);
    fn->k.f_raw_qs = bk_js_function(ctx, "rawQueryString",
                                    bk_cff__raw_query_string, 0);
    if (!bk_js_is_function(fn->k.f_raw_qs) ||
        !bk_js_is_string(fn->k.s_version))
        return BK_ERR;
    return bk_cff__setup(ctx, fn);
}

bk_cff_fn_t *bk_cff_load(const char *name, const char *src, size_t n,
                         bk_js_runtime_t runtime, const bk_cff_kvs_t *kvs,
                         char *err, size_t errlen)
{
    if (n > BK_CFF_MAX_CODE) {
        snprintf(err, errlen,
                 "The function code is %zu bytes; CloudFront Functions allow at "
                 "most %d bytes",
                 n, BK_CFF_MAX_CODE);
        return NULL;
    }
    bk_cff_fn_t *fn = bk_calloc(1, sizeof(*fn));
    if (fn == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    snprintf(fn->name, sizeof(fn->name), "%s", name);
    fn->runtime = runtime ? runtime : BK_JS_RUNTIME_2_0;
    fn->kvs = kvs;
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.runtime = fn->runtime;
    o.memory_limit = BK_CFF_MAX_MEMORY;
    o.filename = fn->name;
    o.setup = cff_setup;
    o.setup_data = fn;
    fn->prog = bk_js_load(src, n, &o, err, errlen);
    bk_cff__load_end();
    if (fn->prog == NULL) {
        bk_free(fn);
        return NULL;
    }
    return fn;
}

void bk_cff_free(bk_cff_fn_t *fn)
{
    if (fn == NULL)
        return;
    bk_js_prog_free(fn->prog);
    bk_free(fn);
}

const char *bk_cff_name(const bk_cff_fn_t *fn) { return fn->name; }
bk_js_runtime_t bk_cff_runtime(const bk_cff_fn_t *fn) { return fn->runtime; }

bk_js_ctx_t *bk_cff_ctx_new(bk_cff_fn_t *fn) { return bk_js_ctx_new(fn->prog); }
