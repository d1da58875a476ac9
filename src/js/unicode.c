/*
 * unicode.c: full Unicode case mapping (String.prototype.toUpperCase,
 * toLowerCase and their locale forms) and normalisation
 * (String.prototype.normalize) over ICU, as V8 does them, so results are
 * node's: special casings (ß → SS, ŉ → ʼN, ǰ → J̌), the context-dependent
 * final sigma, supplementary planes, NFC/NFD/NFKC/NFKD.
 *
 * ASCII strings never reach ICU: they are mapped here (most header values
 * and URIs a CloudFront function lowercases are ASCII). ICU writes into
 * buffers in the invocation arena; its data is loaded once per process.
 */
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "js/js_int.h"

static int is_ascii(const bk_js_str_t *s)
{
    if (s->flags & STR_WIDE)
        return 0;
    uint8_t acc = 0;
    for (uint32_t i = 0; i < s->len; i++)
        acc |= s->d.u8[i];
    return acc < 0x80;
}

/* The string's UTF-16 units: its own when wide, else a widened copy. */
static const UChar *units(bk_js_ctx_t *ctx, const bk_js_str_t *s)
{
    if (s->flags & STR_WIDE)
        return (const UChar *)s->d.u16;
    UChar *u = bk_js__ialloc(ctx, ((size_t)s->len + 1) * sizeof(UChar));
    for (uint32_t i = 0; i < s->len; i++)
        u[i] = s->d.u8[i];
    return u;
}

bk_js_str_t *bk_js__str_case(bk_js_ctx_t *ctx, bk_js_str_t *s, int upper)
{
    if (is_ascii(s)) {
        uint32_t i = 0;
        for (; i < s->len; i++) {
            uint8_t c = s->d.u8[i];
            if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'))
                break;
        }
        if (i == s->len)
            return s; /* nothing to change */
        uint8_t *d = bk_js__ialloc(ctx, s->len ? s->len : 1);
        for (uint32_t k = 0; k < s->len; k++) {
            uint8_t c = s->d.u8[k];
            if (upper && c >= 'a' && c <= 'z')
                c -= 32;
            else if (!upper && c >= 'A' && c <= 'Z')
                c += 32;
            d[k] = c;
        }
        bk_js__charge(ctx, s->len >> 4);
        return bk_js__str_new8(ctx, d, s->len);
    }
    const UChar *src = units(ctx, s);
    /* Full mappings grow a string at most threefold (U+0390 → 3 units). */
    int32_t cap = (int32_t)s->len * 3 + 1;
    if ((size_t)s->len * 3 + 1 > INT32_MAX)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    for (int pass = 0; pass < 2; pass++) {
        UChar *dst = bk_js__ialloc(ctx, (size_t)cap * sizeof(UChar));
        UErrorCode err = U_ZERO_ERROR;
        int32_t n = upper ? u_strToUpper(dst, cap, src, (int32_t)s->len, "", &err)
                          : u_strToLower(dst, cap, src, (int32_t)s->len, "", &err);
        if (U_SUCCESS(err) || err == U_STRING_NOT_TERMINATED_WARNING) {
            bk_js__charge(ctx, s->len >> 2);
            return bk_js__str_new16(ctx, (const uint16_t *)dst, (uint32_t)n);
        }
        if (err != U_BUFFER_OVERFLOW_ERROR)
            break;
        cap = n + 1;
    }
    bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
}

int bk_js__str_normalize(bk_js_ctx_t *ctx, bk_js_str_t *s, int form,
                         bk_js_str_t **out)
{
    if (is_ascii(s)) {
        *out = s; /* ASCII is in every normal form */
        return BK_OK;
    }
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n2 = form == 0   ? unorm2_getNFCInstance(&err)
                             : form == 1 ? unorm2_getNFDInstance(&err)
                             : form == 2 ? unorm2_getNFKCInstance(&err)
                                         : unorm2_getNFKDInstance(&err);
    if (U_FAILURE(err))
        return bk_js__throw(ctx, ERR_InternalError, "normalisation data missing: %s",
                            u_errorName(err));
    const UChar *src = units(ctx, s);
    /* Measure first: decompositions can grow a string a lot (U+FDFA). */
    int32_t n = unorm2_normalize(n2, src, (int32_t)s->len, NULL, 0, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return bk_js__throw(ctx, ERR_InternalError, "normalisation failed: %s",
                            u_errorName(err));
    UChar *dst = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(UChar));
    err = U_ZERO_ERROR;
    n = unorm2_normalize(n2, src, (int32_t)s->len, dst, n + 1, &err);
    if (U_FAILURE(err))
        return bk_js__throw(ctx, ERR_InternalError, "normalisation failed: %s",
                            u_errorName(err));
    bk_js__charge(ctx, s->len >> 2);
    *out = bk_js__str_new16(ctx, (const uint16_t *)dst, (uint32_t)n);
    return BK_OK;
}
