/*
 * unicode.c: full Unicode case mapping (String.prototype.toUpperCase,
 * toLowerCase and their locale forms) and normalisation
 * (String.prototype.normalize) over ICU, as V8 does them, so results are
 * node's: special casings (ß → SS, ŉ → ʼN, ǰ → J̌), the context-dependent
 * final sigma, supplementary planes, NFC/NFD/NFKC/NFKD.
 *
 * ASCII strings never reach ICU: they are mapped here (most header values
 * and URIs a CloudFront function lowercases are ASCII). ICU writes into
 * buffers in the invocation arena.
 *
 * ICU is opened with dlopen on first need, not linked: loading it costs
 * about a millisecond per process, which `brink test-function` (run in CI
 * loops, ≤ 5 ms) should not pay for functions that never need it. The
 * symbol names carry ICU's version suffix (u_strToUpper_72), taken from the
 * headers the build used.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uvernum.h>

#include "js/js_int.h"

#define SYM_(x) #x
#define SYM(x) SYM_(x) /* the renamed (versioned) symbol's name */

static struct {
    int32_t (*upper)(UChar *, int32_t, const UChar *, int32_t, const char *,
                     UErrorCode *);
    int32_t (*lower)(UChar *, int32_t, const UChar *, int32_t, const char *,
                     UErrorCode *);
    const UNormalizer2 *(*forms[4])(UErrorCode *);
    int32_t (*normalize)(const UNormalizer2 *, const UChar *, int32_t, UChar *,
                         int32_t, UErrorCode *);
    const char *(*error_name)(UErrorCode);
    int ok;
} icu;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;

static void icu_open(void)
{
    void *h = dlopen("libicuuc.so." U_ICU_VERSION_SHORT, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL)
        return;
    *(void **)&icu.upper = dlsym(h, SYM(u_strToUpper));
    *(void **)&icu.lower = dlsym(h, SYM(u_strToLower));
    *(void **)&icu.forms[0] = dlsym(h, SYM(unorm2_getNFCInstance));
    *(void **)&icu.forms[1] = dlsym(h, SYM(unorm2_getNFDInstance));
    *(void **)&icu.forms[2] = dlsym(h, SYM(unorm2_getNFKCInstance));
    *(void **)&icu.forms[3] = dlsym(h, SYM(unorm2_getNFKDInstance));
    *(void **)&icu.normalize = dlsym(h, SYM(unorm2_normalize));
    *(void **)&icu.error_name = dlsym(h, SYM(u_errorName));
    icu.ok = icu.upper && icu.lower && icu.forms[0] && icu.forms[1] &&
             icu.forms[2] && icu.forms[3] && icu.normalize && icu.error_name;
}

/* BK_OK when ICU is usable; else a thrown InternalError. */
static int need_icu(bk_js_ctx_t *ctx)
{
    pthread_once(&icu_once, icu_open);
    if (icu.ok)
        return BK_OK;
    return bk_js__throw(ctx, ERR_InternalError,
                        "Unicode case mapping and normalisation need "
                        "libicuuc.so.%s (Debian: libicu%s)",
                        U_ICU_VERSION_SHORT, U_ICU_VERSION_SHORT);
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

int bk_js__str_case(bk_js_ctx_t *ctx, bk_js_str_t *s, int upper,
                    bk_js_str_t **out)
{
    if (bk_js__str_ascii(s)) {
        uint32_t i = 0;
        for (; i < s->len; i++) {
            uint8_t c = s->d.u8[i];
            if (upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z'))
                break;
        }
        if (i == s->len) {
            *out = s; /* nothing to change */
            return BK_OK;
        }
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
        *out = bk_js__str_new8(ctx, d, s->len);
        return BK_OK;
    }
    if (need_icu(ctx) != BK_OK)
        return BK_ERR;
    const UChar *src = units(ctx, s);
    /* Full mappings grow a string at most threefold (U+0390 → 3 units). */
    int32_t cap = (int32_t)s->len * 3 + 1;
    if ((size_t)s->len * 3 + 1 > INT32_MAX)
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    for (int pass = 0; pass < 2; pass++) {
        UChar *dst = bk_js__ialloc(ctx, (size_t)cap * sizeof(UChar));
        UErrorCode err = U_ZERO_ERROR;
        int32_t n = (upper ? icu.upper : icu.lower)(dst, cap, src,
                                                    (int32_t)s->len, "", &err);
        if (U_SUCCESS(err) || err == U_STRING_NOT_TERMINATED_WARNING) {
            bk_js__charge(ctx, s->len >> 2);
            *out = bk_js__str_new16(ctx, (const uint16_t *)dst, (uint32_t)n);
            return BK_OK;
        }
        if (err != U_BUFFER_OVERFLOW_ERROR)
            return bk_js__throw(ctx, ERR_InternalError, "case mapping failed: %s",
                                icu.error_name(err));
        cap = n + 1;
    }
    return bk_js__throw(ctx, ERR_InternalError, "case mapping failed");
}

int bk_js__str_normalize(bk_js_ctx_t *ctx, bk_js_str_t *s, int form,
                         bk_js_str_t **out)
{
    if (bk_js__str_ascii(s)) {
        *out = s; /* ASCII is in every normal form */
        return BK_OK;
    }
    if (need_icu(ctx) != BK_OK)
        return BK_ERR;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n2 = icu.forms[form & 3](&err);
    if (U_FAILURE(err))
        return bk_js__throw(ctx, ERR_InternalError, "normalisation data missing: %s",
                            icu.error_name(err));
    const UChar *src = units(ctx, s);
    /* Measure first: decompositions can grow a string a lot (U+FDFA). */
    int32_t n = icu.normalize(n2, src, (int32_t)s->len, NULL, 0, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return bk_js__throw(ctx, ERR_InternalError, "normalisation failed: %s",
                            icu.error_name(err));
    UChar *dst = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(UChar));
    err = U_ZERO_ERROR;
    n = icu.normalize(n2, src, (int32_t)s->len, dst, n + 1, &err);
    if (U_FAILURE(err))
        return bk_js__throw(ctx, ERR_InternalError, "normalisation failed: %s",
                            icu.error_name(err));
    bk_js__charge(ctx, s->len >> 2);
    *out = bk_js__str_new16(ctx, (const uint16_t *)dst, (uint32_t)n);
    return BK_OK;
}
