/*
 * builtin_crypto.c: the `crypto` module (require('crypto') / import):
 * createHash(alg) and createHmac(alg, key) for md5, sha1, sha256 (and the
 * other SHA-2s), with update(data) and digest([hex|base64|base64url|
 * latin1]), over OpenSSL's EVP digests.
 *
 * A hash object streams into an EVP_MD_CTX; the context is heap memory
 * OpenSSL owns, so it is freed by a cleanup registered on the arena the
 * object lives in (the invocation's), and nothing leaks when a limit ends
 * the run. HMAC is computed from the digest (RFC 2104): the inner context
 * starts with K^ipad, digest() finishes it and hashes K^opad || inner.
 */
#include <openssl/evp.h>
#include <strings.h>

#include "js/js_int.h"

typedef struct {
    EVP_MD_CTX *md;
    const EVP_MD *type;
    int hmac;
    int done;
    uint8_t opad[128];
    unsigned block;
} hash_t;

static void hash_cleanup(void *p)
{
    hash_t *h = p;
    EVP_MD_CTX_free(h->md);
    h->md = NULL;
}

static const EVP_MD *md_by_name(bk_js_str_t *s)
{
    static const struct {
        const char *n;
        const EVP_MD *(*f)(void);
    } t[] = {{"md5", EVP_md5},       {"sha1", EVP_sha1},
             {"sha256", EVP_sha256}, {"sha224", EVP_sha224},
             {"sha384", EVP_sha384}, {"sha512", EVP_sha512}};
    if (s->flags & STR_WIDE)
        return NULL;
    for (size_t i = 0; i < BK_COUNTOF(t); i++)
        if (strlen(t[i].n) == s->len &&
            strncasecmp(t[i].n, (const char *)s->d.u8, s->len) == 0)
            return t[i].f();
    return NULL;
}

/* The bytes of a string argument: UTF-8, or Latin-1 for encoding
 * 'latin1'/'binary' (1.0 byte strings). In the arena. */
static const uint8_t *bytes_of(bk_js_ctx_t *ctx, bk_js_str_t *s, int latin1,
                               size_t *n)
{
    if (latin1 || !(s->flags & STR_WIDE)) {
        int ascii = 1;
        for (uint32_t i = 0; i < s->len && !(s->flags & STR_WIDE); i++)
            if (s->d.u8[i] >= 0x80)
                ascii = 0;
        if ((ascii || latin1) && !(s->flags & STR_WIDE)) {
            *n = s->len;
            return s->d.u8;
        }
        if (latin1) {
            uint8_t *b = bk_js__ialloc(ctx, s->len + 1);
            for (uint32_t i = 0; i < s->len; i++)
                b[i] = (uint8_t)str_at(s, i);
            *n = s->len;
            return b;
        }
    }
    return (const uint8_t *)bk_js__str_to_utf8(ctx, s, n);
}

static int enc_is(bk_js_str_t *e, const char *name)
{
    return e != NULL && !(e->flags & STR_WIDE) && e->len == strlen(name) &&
           memcmp(e->d.u8, name, e->len) == 0;
}

static int this_hash(bk_js_ctx_t *ctx, val_t v, hash_t **h)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_OTHER ||
        bk_js__rd(ctx, v_obj(v))->u.data == NULL)
        return bk_js__type_error(ctx, "not a Hash object");
    *h = bk_js__rd(ctx, v_obj(v))->u.data;
    if ((*h)->md == NULL || (*h)->done)
        return bk_js__throw(ctx, ERR_Error, "Digest already called");
    return BK_OK;
}

static int Hash_update(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    hash_t *h;
    if (this_hash(ctx, this_val, &h) != BK_OK)
        return BK_ERR;
    bk_js_str_t *s, *enc = NULL;
    size_t n;
    const uint8_t *p;
    const bk_js_bytes_t *buf = bk_js__buffer_bytes(ctx, ARG(0));
    if (buf != NULL) {
        p = buf->p;
        n = buf->len;
    } else {
        if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
            return BK_ERR;
        if (v_is_str(ARG(1)))
            enc = v_str(argv[1]);
        p = bytes_of(ctx, s, enc_is(enc, "latin1") || enc_is(enc, "binary"),
                     &n);
    }
    if (EVP_DigestUpdate(h->md, p, n) != 1)
        return bk_js__throw(ctx, ERR_Error, "digest update failed");
    bk_js__charge(ctx, 8 + (int64_t)(n >> 4));
    *ret = this_val;
    return BK_OK;
}

static void b64(bk_js_sb_t *sb, const uint8_t *p, unsigned n, int url)
{
    const char *t = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                          "0123456789-_"
                        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                          "0123456789+/";
    unsigned i = 0;
    for (; i + 2 < n; i += 3) {
        uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8) | p[i + 2];
        for (int k = 3; k >= 0; k--)
            bk_js__sb_putc(sb, (uint8_t)t[(v >> (6 * k)) & 63]);
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        bk_js__sb_putc(sb, (uint8_t)t[(v >> 18) & 63]);
        bk_js__sb_putc(sb, (uint8_t)t[(v >> 12) & 63]);
        if (!url)
            bk_js__sb_cstr(sb, "==");
    } else if (n - i == 2) {
        uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8);
        bk_js__sb_putc(sb, (uint8_t)t[(v >> 18) & 63]);
        bk_js__sb_putc(sb, (uint8_t)t[(v >> 12) & 63]);
        bk_js__sb_putc(sb, (uint8_t)t[(v >> 6) & 63]);
        if (!url)
            bk_js__sb_putc(sb, '=');
    }
}

static int Hash_digest(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    hash_t *h;
    if (this_hash(ctx, this_val, &h) != BK_OK)
        return BK_ERR;
    uint8_t out[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    if (EVP_DigestFinal_ex(h->md, out, &n) != 1)
        return bk_js__throw(ctx, ERR_Error, "digest failed");
    if (h->hmac) {
        if (EVP_DigestInit_ex(h->md, h->type, NULL) != 1 ||
            EVP_DigestUpdate(h->md, h->opad, h->block) != 1 ||
            EVP_DigestUpdate(h->md, out, n) != 1 ||
            EVP_DigestFinal_ex(h->md, out, &n) != 1)
            return bk_js__throw(ctx, ERR_Error, "digest failed");
    }
    h->done = 1;
    bk_js_str_t *enc = v_is_str(ARG(0)) ? v_str(argv[0]) : NULL;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    if (enc_is(enc, "hex")) {
        static const char hx[] = "0123456789abcdef";
        for (unsigned i = 0; i < n; i++) {
            bk_js__sb_putc(&sb, (uint8_t)hx[out[i] >> 4]);
            bk_js__sb_putc(&sb, (uint8_t)hx[out[i] & 15]);
        }
    } else if (enc_is(enc, "base64") || enc_is(enc, "base64url")) {
        b64(&sb, out, n, enc_is(enc, "base64url"));
    } else if (enc == NULL && ctx->prog->runtime != BK_JS_RUNTIME_1_0) {
        *ret = bk_js__buffer_new(ctx, out, n); /* 2.0: a Buffer */
        return BK_OK;
    } else if (enc == NULL || enc_is(enc, "latin1") ||
               enc_is(enc, "binary")) {
        /* 1.0: a byte string, one character per byte */
        for (unsigned i = 0; i < n; i++)
            bk_js__sb_putc(&sb, out[i]);
    } else {
        char *e8 = bk_js__str_to_utf8(ctx, enc, NULL);
        return bk_js__type_error(ctx, "Unknown encoding: %s", e8);
    }
    *ret = v_mkstr(bk_js__sb_done(&sb));
    return BK_OK;
}

/* magic: 0 createHash(alg), 1 createHmac(alg, key) */
static int create_hash(bk_js_ctx_t *ctx, val_t this_val, int argc,
                       const val_t *argv, val_t *ret)
{
    bk_js_str_t *alg;
    if (bk_js__to_string(ctx, ARG(0), &alg) != BK_OK)
        return BK_ERR;
    const EVP_MD *type = md_by_name(alg);
    if (type == NULL) {
        char *a8 = bk_js__str_to_utf8(ctx, alg, NULL);
        return bk_js__throw(ctx, ERR_Error, "Digest method not supported: %s",
                            a8);
    }
    hash_t *h = bk_js__izalloc(ctx, sizeof(*h));
    h->type = type;
    h->md = EVP_MD_CTX_new();
    if (h->md == NULL)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    if (bk_arena_cleanup_add(ctx->arena, hash_cleanup, h) != BK_OK) {
        EVP_MD_CTX_free(h->md);
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    }
    if (EVP_DigestInit_ex(h->md, type, NULL) != 1)
        return bk_js__throw(ctx, ERR_Error, "digest init failed");
    if (ctx->native_magic) {
        size_t kn;
        const uint8_t *k;
        const bk_js_bytes_t *kb = bk_js__buffer_bytes(ctx, ARG(1));
        if (kb != NULL) {
            k = kb->p;
            kn = kb->len;
        } else {
            bk_js_str_t *ks;
            if (bk_js__to_string(ctx, ARG(1), &ks) != BK_OK)
                return BK_ERR;
            k = bytes_of(ctx, ks, 0, &kn);
        }
        unsigned block = (unsigned)EVP_MD_block_size(type);
        uint8_t key[128] = {0};
        if (kn > block) {
            unsigned dn = 0;
            if (EVP_Digest(k, kn, key, &dn, type, NULL) != 1)
                return bk_js__throw(ctx, ERR_Error, "digest failed");
        } else {
            memcpy(key, k, kn);
        }
        uint8_t ipad[128];
        for (unsigned i = 0; i < block; i++) {
            ipad[i] = key[i] ^ 0x36;
            h->opad[i] = key[i] ^ 0x5c;
        }
        h->block = block;
        h->hmac = 1;
        if (EVP_DigestUpdate(h->md, ipad, block) != 1)
            return bk_js__throw(ctx, ERR_Error, "digest failed");
    }
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OTHER,
                                    ctx->native_callee->u.n.data);
    o->u.data = h;
    *ret = v_mkobj(o);
    return BK_OK;
}

static int crypto_init(bk_js_ctx_t *ctx, void *data, val_t *exports)
{
    bk_js_obj_t *proto = bk_js__obj_new(ctx, CLS_OBJECT,
                                        ctx->prog->proto[PROTO_OBJECT]);
    static const bk_js_method_t pm[] = {
        {"update", Hash_update, 2, 0},
        {"digest", Hash_digest, 1, 0},
    };
    bk_js__def_methods(ctx, proto, pm, BK_COUNTOF(pm));
    bk_js_obj_t *m = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    static const bk_js_method_t mm[] = {
        {"createHash", create_hash, 1, 0},
        {"createHmac", create_hash, 2, 1},
    };
    bk_js__def_methods(ctx, m, mm, BK_COUNTOF(mm));
    /* The constructors find the prototype through their native data. */
    for (size_t i = 0; i < BK_COUNTOF(mm); i++) {
        bk_js_prop_t *p = bk_js__find(bk_js__rd(ctx, m),
                                      bk_js__atom_cstr(ctx, mm[i].name));
        bk_js__wr(ctx, v_obj(p->v))->u.n.data = proto;
    }
    *exports = v_mkobj(m);
    return BK_OK;
}

void bk_js__install_crypto(bk_js_ctx_t *ctx)
{
    bk_js_module_t *m = bk_js__izalloc(ctx, sizeof(*m));
    m->name = bk_js__atom_cstr(ctx, "crypto");
    m->init = crypto_init;
    m->next = ctx->prog->modules;
    ctx->prog->modules = m;
}
