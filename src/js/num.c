/*
 * num.c: double <-> string conversions for the JS engine.
 *
 * Shortest digits: Grisu3 over 64-bit "DIY floats" with cached powers of
 * ten; when Grisu3 cannot prove its answer shortest and closest (about 0.5 %
 * of doubles) we fall back to an exact bignum digit generator
 * (Steele & White / Burger & Dybvig, boundaries included for even
 * significands, halfway ties to the even digit, as V8 does). toFixed,
 * toExponential and toPrecision round the exact decimal expansion of the
 * double (every double has one, at most ~770 significant digits) half up,
 * as the spec's "pick the larger n" says. Parsing validates the JS grammar
 * here; short inputs take Clinger's exact fast path, the rest go as a
 * normalised, bounded decimal string to strtod_l in the "C" locale (glibc's
 * is correctly rounded); binary radixes are rounded exactly here.
 *
 * Invariant: no allocation; bignums live on the stack and are bounded by
 * BN_LIMBS, which fits f * 5^1074 (the longest exact expansion).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strtod_l, newlocale */
#endif
#include "js/num.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/defs.h"

/* ---------------------------------------------------------------------
 * Small bignums (little-endian 32-bit limbs)
 * ------------------------------------------------------------------- */

#define BN_LIMBS 100

typedef struct {
    uint32_t d[BN_LIMBS];
    int n; /* used limbs; 0 means the value 0 */
} bn_t;

static void bn_set_u64(bn_t *a, uint64_t v)
{
    a->n = 0;
    while (v) {
        a->d[a->n++] = (uint32_t)v;
        v >>= 32;
    }
}

static void bn_trim(bn_t *a)
{
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
}

static void bn_mul_small(bn_t *a, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->d[i] * m + carry;
        a->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) {
        BK_ASSERT(a->n < BN_LIMBS);
        a->d[a->n++] = (uint32_t)carry;
    }
}

static void bn_shl(bn_t *a, int bits)
{
    if (a->n == 0 || bits == 0)
        return;
    int limbs = bits / 32, b = bits % 32;
    BK_ASSERT(a->n + limbs + 1 <= BN_LIMBS);
    if (b == 0) {
        for (int i = a->n - 1; i >= 0; i--)
            a->d[i + limbs] = a->d[i];
    } else {
        a->d[a->n + limbs] = 0;
        for (int i = a->n - 1; i >= 0; i--) {
            a->d[i + limbs + 1] |= a->d[i] >> (32 - b);
            a->d[i + limbs] = a->d[i] << b;
        }
    }
    for (int i = 0; i < limbs; i++)
        a->d[i] = 0;
    a->n += limbs + (b != 0);
    bn_trim(a);
}

/* a *= 10^k */
static void bn_mul_pow10(bn_t *a, int k)
{
    while (k >= 9) {
        bn_mul_small(a, 1000000000u);
        k -= 9;
    }
    static const uint32_t p10[9] = {1,      10,      100,      1000,
                                    10000,  100000,  1000000,  10000000,
                                    100000000};
    if (k > 0)
        bn_mul_small(a, p10[k]);
}

/* a *= 5^k */
static void bn_mul_pow5(bn_t *a, int k)
{
    while (k >= 13) {
        bn_mul_small(a, 1220703125u); /* 5^13 */
        k -= 13;
    }
    uint32_t m = 1;
    while (k-- > 0)
        m *= 5;
    if (m > 1)
        bn_mul_small(a, m);
}

static int bn_cmp(const bn_t *a, const bn_t *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

/* Compares a + b with c. */
static int bn_plus_cmp(const bn_t *a, const bn_t *b, const bn_t *c)
{
    bn_t t;
    int n = BK_MAX(a->n, b->n);
    uint64_t carry = 0;
    for (int i = 0; i < n; i++) {
        uint64_t s = carry;
        if (i < a->n)
            s += a->d[i];
        if (i < b->n)
            s += b->d[i];
        t.d[i] = (uint32_t)s;
        carry = s >> 32;
    }
    t.n = n;
    if (carry)
        t.d[t.n++] = (uint32_t)carry;
    return bn_cmp(&t, c);
}

/* a -= b, requires a >= b. */
static void bn_sub(bn_t *a, const bn_t *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t s = (int64_t)a->d[i] - borrow - (i < b->n ? b->d[i] : 0);
        borrow = s < 0;
        a->d[i] = (uint32_t)(s + (borrow ? ((int64_t)1 << 32) : 0));
    }
    bn_trim(a);
}

/* Returns floor(a / b) (known to be small) and leaves a % b in a. */
static int bn_divmod_small(bn_t *a, const bn_t *b)
{
    int q = 0;
    while (bn_cmp(a, b) >= 0) {
        bn_sub(a, b);
        q++;
    }
    return q;
}

/* Divides a by 10^9 in place and returns the remainder. */
static uint32_t bn_div_1e9(bn_t *a)
{
    uint64_t rem = 0;
    for (int i = a->n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | a->d[i];
        a->d[i] = (uint32_t)(cur / 1000000000u);
        rem = cur % 1000000000u;
    }
    bn_trim(a);
    return (uint32_t)rem;
}

/* ---------------------------------------------------------------------
 * Double anatomy
 * ------------------------------------------------------------------- */

#define HIDDEN_BIT ((uint64_t)1 << 52)
#define DENORM_EXP (-1074)

/* v = f * 2^e with f an integer (hidden bit included); v finite, > 0. */
static void split(double v, uint64_t *f, int *e)
{
    uint64_t bits;
    memcpy(&bits, &v, 8);
    int be = (int)((bits >> 52) & 0x7ff);
    uint64_t m = bits & (HIDDEN_BIT - 1);
    if (be == 0) {
        *f = m;
        *e = DENORM_EXP;
    } else {
        *f = m | HIDDEN_BIT;
        *e = be - 1075;
    }
}

static int bitlen64(uint64_t v) { return v ? 64 - __builtin_clzll(v) : 0; }

/* ---------------------------------------------------------------------
 * Grisu3 (Loitsch 2010): shortest digits with 64-bit arithmetic
 * ------------------------------------------------------------------- */

typedef struct {
    uint64_t f;
    int e;
} diy_t;

typedef struct {
    uint64_t f;
    int16_t e;  /* binary exponent */
    int16_t k;  /* decimal exponent */
} cached_pow_t;

/* 10^k for k = -348, -340, ..., 340, normalised and rounded to 64 bits
 * (generated with exact integer arithmetic). */
static const cached_pow_t cached_pows[] = {
    {0xfa8fd5a0081c0288ULL, -1220, -348},
    {0xbaaee17fa23ebf76ULL, -1193, -340},
    {0x8b16fb203055ac76ULL, -1166, -332},
    {0xcf42894a5dce35eaULL, -1140, -324},
    {0x9a6bb0aa55653b2dULL, -1113, -316},
    {0xe61acf033d1a45dfULL, -1087, -308},
    {0xab70fe17c79ac6caULL, -1060, -300},
    {0xff77b1fcbebcdc4fULL, -1034, -292},
    {0xbe5691ef416bd60cULL, -1007, -284},
    {0x8dd01fad907ffc3cULL, -980, -276},
    {0xd3515c2831559a83ULL, -954, -268},
    {0x9d71ac8fada6c9b5ULL, -927, -260},
    {0xea9c227723ee8bcbULL, -901, -252},
    {0xaecc49914078536dULL, -874, -244},
    {0x823c12795db6ce57ULL, -847, -236},
    {0xc21094364dfb5637ULL, -821, -228},
    {0x9096ea6f3848984fULL, -794, -220},
    {0xd77485cb25823ac7ULL, -768, -212},
    {0xa086cfcd97bf97f4ULL, -741, -204},
    {0xef340a98172aace5ULL, -715, -196},
    {0xb23867fb2a35b28eULL, -688, -188},
    {0x84c8d4dfd2c63f3bULL, -661, -180},
    {0xc5dd44271ad3cdbaULL, -635, -172},
    {0x936b9fcebb25c996ULL, -608, -164},
    {0xdbac6c247d62a584ULL, -582, -156},
    {0xa3ab66580d5fdaf6ULL, -555, -148},
    {0xf3e2f893dec3f126ULL, -529, -140},
    {0xb5b5ada8aaff80b8ULL, -502, -132},
    {0x87625f056c7c4a8bULL, -475, -124},
    {0xc9bcff6034c13053ULL, -449, -116},
    {0x964e858c91ba2655ULL, -422, -108},
    {0xdff9772470297ebdULL, -396, -100},
    {0xa6dfbd9fb8e5b88fULL, -369, -92},
    {0xf8a95fcf88747d94ULL, -343, -84},
    {0xb94470938fa89bcfULL, -316, -76},
    {0x8a08f0f8bf0f156bULL, -289, -68},
    {0xcdb02555653131b6ULL, -263, -60},
    {0x993fe2c6d07b7facULL, -236, -52},
    {0xe45c10c42a2b3b06ULL, -210, -44},
    {0xaa242499697392d3ULL, -183, -36},
    {0xfd87b5f28300ca0eULL, -157, -28},
    {0xbce5086492111aebULL, -130, -20},
    {0x8cbccc096f5088ccULL, -103, -12},
    {0xd1b71758e219652cULL, -77, -4},
    {0x9c40000000000000ULL, -50, 4},
    {0xe8d4a51000000000ULL, -24, 12},
    {0xad78ebc5ac620000ULL, 3, 20},
    {0x813f3978f8940984ULL, 30, 28},
    {0xc097ce7bc90715b3ULL, 56, 36},
    {0x8f7e32ce7bea5c70ULL, 83, 44},
    {0xd5d238a4abe98068ULL, 109, 52},
    {0x9f4f2726179a2245ULL, 136, 60},
    {0xed63a231d4c4fb27ULL, 162, 68},
    {0xb0de65388cc8ada8ULL, 189, 76},
    {0x83c7088e1aab65dbULL, 216, 84},
    {0xc45d1df942711d9aULL, 242, 92},
    {0x924d692ca61be758ULL, 269, 100},
    {0xda01ee641a708deaULL, 295, 108},
    {0xa26da3999aef774aULL, 322, 116},
    {0xf209787bb47d6b85ULL, 348, 124},
    {0xb454e4a179dd1877ULL, 375, 132},
    {0x865b86925b9bc5c2ULL, 402, 140},
    {0xc83553c5c8965d3dULL, 428, 148},
    {0x952ab45cfa97a0b3ULL, 455, 156},
    {0xde469fbd99a05fe3ULL, 481, 164},
    {0xa59bc234db398c25ULL, 508, 172},
    {0xf6c69a72a3989f5cULL, 534, 180},
    {0xb7dcbf5354e9beceULL, 561, 188},
    {0x88fcf317f22241e2ULL, 588, 196},
    {0xcc20ce9bd35c78a5ULL, 614, 204},
    {0x98165af37b2153dfULL, 641, 212},
    {0xe2a0b5dc971f303aULL, 667, 220},
    {0xa8d9d1535ce3b396ULL, 694, 228},
    {0xfb9b7cd9a4a7443cULL, 720, 236},
    {0xbb764c4ca7a44410ULL, 747, 244},
    {0x8bab8eefb6409c1aULL, 774, 252},
    {0xd01fef10a657842cULL, 800, 260},
    {0x9b10a4e5e9913129ULL, 827, 268},
    {0xe7109bfba19c0c9dULL, 853, 276},
    {0xac2820d9623bf429ULL, 880, 284},
    {0x80444b5e7aa7cf85ULL, 907, 292},
    {0xbf21e44003acdd2dULL, 933, 300},
    {0x8e679c2f5e44ff8fULL, 960, 308},
    {0xd433179d9c8cb841ULL, 986, 316},
    {0x9e19db92b4e31ba9ULL, 1013, 324},
    {0xeb96bf6ebadf77d9ULL, 1039, 332},
    {0xaf87023b9bf0ee6bULL, 1066, 340},
};

/* The rounded upper half of the 128-bit product. */
static diy_t diy_mul(diy_t a, diy_t b)
{
    unsigned __int128 p = (unsigned __int128)a.f * b.f;
    uint64_t hi = (uint64_t)(p >> 64);
    if ((uint64_t)p & ((uint64_t)1 << 63))
        hi++;
    return (diy_t){hi, a.e + b.e + 64};
}

static diy_t diy_norm(diy_t a)
{
    int s = __builtin_clzll(a.f);
    return (diy_t){a.f << s, a.e - s};
}

/* Moves the last digit down while that brings it closer to v, then decides
 * whether the result is provably the closest shortest one. */
static int round_weed(char *buf, int len, uint64_t dist_high_w,
                      uint64_t unsafe, uint64_t rest, uint64_t ten_kappa,
                      uint64_t unit)
{
    uint64_t small = dist_high_w - unit, big = dist_high_w + unit;
    while (rest < small && unsafe - rest >= ten_kappa &&
           (rest + ten_kappa < small ||
            small - rest >= rest + ten_kappa - small)) {
        buf[len - 1]--;
        rest += ten_kappa;
    }
    if (rest < big && unsafe - rest >= ten_kappa &&
        (rest + ten_kappa < big || big - rest > rest + ten_kappa - big))
        return 0;
    return 2 * unit <= rest && rest <= unsafe - 4 * unit;
}

static int grisu3(double v, char *buf, int *len, int *point)
{
    uint64_t f;
    int e;
    split(v, &f, &e);
    diy_t w = diy_norm((diy_t){f, e});
    /* Boundaries m- and m+ halfway to the neighbours. */
    diy_t mp = diy_norm((diy_t){(f << 1) + 1, e - 1});
    diy_t mm;
    if (f == HIDDEN_BIT && e != DENORM_EXP)
        mm = (diy_t){(f << 2) - 1, e - 2};
    else
        mm = (diy_t){(f << 1) - 1, e - 1};
    mm.f <<= mm.e - mp.e;
    mm.e = mp.e;

    /* A cached power c with -60 <= w.e + c.e + 64 <= -32. */
    int want = -60 - (w.e + 64);
    int idx = (int)ceil((want + 63) * 0.30102999566398114);
    idx = (idx + 348 + 7) / 8;
    if (idx < 0)
        idx = 0;
    while (idx > 0 && cached_pows[idx - 1].e >= want)
        idx--;
    while (cached_pows[idx].e < want)
        idx++;
    const cached_pow_t *cp = &cached_pows[idx];
    diy_t c = {cp->f, cp->e};
    int mk = cp->k; /* sw = w * 10^mk */

    diy_t sw = diy_mul(w, c);
    diy_t slow = diy_mul(mm, c);
    diy_t shigh = diy_mul(mp, c);

    /* Digit generation over [slow, shigh], widened by one unit of error. */
    uint64_t unit = 1;
    uint64_t too_low = slow.f - unit, too_high = shigh.f + unit;
    uint64_t unsafe = too_high - too_low;
    int shift = -sw.e;
    uint64_t one = (uint64_t)1 << shift;
    uint32_t integrals = (uint32_t)(too_high >> shift);
    uint64_t fractionals = too_high & (one - 1);
    uint32_t divisor = 1;
    int kappa = 1;
    while (divisor <= integrals / 10) {
        divisor *= 10;
        kappa++;
    }
    int n = 0;
    while (kappa > 0) {
        uint32_t digit = integrals / divisor;
        buf[n++] = (char)('0' + digit);
        integrals %= divisor;
        kappa--;
        uint64_t rest = ((uint64_t)integrals << shift) + fractionals;
        if (rest < unsafe) {
            *len = n;
            *point = -mk + kappa + n;
            return round_weed(buf, n, too_high - sw.f, unsafe, rest,
                              (uint64_t)divisor << shift, unit);
        }
        divisor /= 10;
    }
    for (;;) {
        fractionals *= 10;
        unit *= 10;
        unsafe *= 10;
        buf[n++] = (char)('0' + (fractionals >> shift));
        fractionals &= one - 1;
        kappa--;
        if (fractionals < unsafe) {
            *len = n;
            *point = -mk + kappa + n;
            return round_weed(buf, n, (too_high - sw.f) * unit, unsafe,
                              fractionals, one, unit);
        }
    }
}

/* ---------------------------------------------------------------------
 * Exact shortest digits (fallback)
 * ------------------------------------------------------------------- */

static int bignum_shortest(double v, char *buf, int *point)
{
    uint64_t f;
    int e;
    split(v, &f, &e);
    int even = (f & 1) == 0;
    int lower_closer = f == HIDDEN_BIT && e != DENORM_EXP;
    bn_t r, s, mp, mm;
    /* v = r / s; mp / s and mm / s are the distances to the boundaries. */
    if (e >= 0) {
        bn_set_u64(&r, f);
        bn_shl(&r, e + (lower_closer ? 2 : 1));
        bn_set_u64(&s, lower_closer ? 4 : 2);
        bn_set_u64(&mp, 1);
        bn_shl(&mp, e + (lower_closer ? 1 : 0));
        bn_set_u64(&mm, 1);
        bn_shl(&mm, e);
    } else {
        bn_set_u64(&r, f << (lower_closer ? 2 : 1));
        bn_set_u64(&s, 1);
        bn_shl(&s, -e + (lower_closer ? 2 : 1));
        bn_set_u64(&mp, lower_closer ? 2 : 1);
        bn_set_u64(&mm, 1);
    }
    int k = (int)ceil((e + bitlen64(f) - 1) * 0.30102999566398114 - 1e-10);
    if (k >= 0) {
        bn_mul_pow10(&s, k);
    } else {
        bn_mul_pow10(&r, -k);
        bn_mul_pow10(&mp, -k);
        bn_mul_pow10(&mm, -k);
    }
    int c = bn_plus_cmp(&r, &mp, &s);
    if (even ? c >= 0 : c > 0) {
        *point = k + 1;
    } else {
        *point = k;
        bn_mul_small(&r, 10);
        bn_mul_small(&mp, 10);
        bn_mul_small(&mm, 10);
    }
    int n = 0;
    for (;;) {
        int digit = bn_divmod_small(&r, &s);
        buf[n++] = (char)('0' + digit);
        int cl = bn_cmp(&r, &mm);
        int low = even ? cl <= 0 : cl < 0;
        int ch = bn_plus_cmp(&r, &mp, &s);
        int high = even ? ch >= 0 : ch > 0;
        if (!low && !high) {
            bn_mul_small(&r, 10);
            bn_mul_small(&mp, 10);
            bn_mul_small(&mm, 10);
            continue;
        }
        if (low && high) {
            int h = bn_plus_cmp(&r, &r, &s);
            if (h > 0 || (h == 0 && (digit & 1)))
                buf[n - 1]++;
        } else if (high) {
            buf[n - 1]++;
        }
        break;
    }
    /* A digit rounded up to 10 only happens for the first digit (the
     * boundary reaches the next power of ten), and then it is "1". */
    if (buf[n - 1] == '0' + 10) {
        BK_ASSERT(n == 1);
        buf[0] = '1';
        (*point)++;
    }
    return n;
}

int bk_js_num_shortest(double v, char *digits, int *point)
{
    int len;
    if (grisu3(v, digits, &len, point))
        return len;
    return bignum_shortest(v, digits, point);
}

/* ---------------------------------------------------------------------
 * Number::toString(10)
 * ------------------------------------------------------------------- */

static size_t put_special(double v, char *buf)
{
    const char *s = v != v ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    size_t n = strlen(s);
    memcpy(buf, s, n + 1);
    return n;
}

static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

/* Decimal digits of u, two at a time (integers are the common case when
 * numbers meet strings). */
static size_t put_u64(uint64_t u, char *buf)
{
    char tmp[24];
    char *p = tmp + sizeof tmp;
    while (u >= 100) {
        unsigned r = (unsigned)(u % 100);
        u /= 100;
        p -= 2;
        memcpy(p, digit_pairs + 2 * r, 2);
    }
    if (u >= 10) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * u, 2);
    } else {
        *--p = (char)('0' + u);
    }
    size_t n = (size_t)(tmp + sizeof tmp - p);
    memcpy(buf, p, n);
    buf[n] = 0;
    return n;
}

/* Writes "e+X" / "e-X". */
static size_t put_exp(char *p, int e)
{
    size_t n = 0;
    p[n++] = 'e';
    p[n++] = e < 0 ? '-' : '+';
    n += put_u64((uint64_t)(e < 0 ? -e : e), p + n);
    return n;
}

/* Lays out k digits with decimal point position 'point' as the spec's
 * Number::toString does. */
static size_t layout(const char *d, int k, int point, char *p)
{
    size_t n = 0;
    if (k <= point && point <= 21) {
        memcpy(p, d, (size_t)k);
        n = (size_t)k;
        for (int i = k; i < point; i++)
            p[n++] = '0';
    } else if (0 < point && point <= 21) {
        memcpy(p, d, (size_t)point);
        n = (size_t)point;
        p[n++] = '.';
        memcpy(p + n, d + point, (size_t)(k - point));
        n += (size_t)(k - point);
    } else if (-6 < point && point <= 0) {
        p[n++] = '0';
        p[n++] = '.';
        for (int i = point; i < 0; i++)
            p[n++] = '0';
        memcpy(p + n, d, (size_t)k);
        n += (size_t)k;
    } else {
        p[n++] = d[0];
        if (k > 1) {
            p[n++] = '.';
            memcpy(p + n, d + 1, (size_t)(k - 1));
            n += (size_t)(k - 1);
        }
        n += put_exp(p + n, point - 1);
    }
    p[n] = 0;
    return n;
}

/* Fast path for decimals with few digits (prices, ratios): if m / 10^k
 * == v for an integer m < 10^15, m's digits are the shortest form. Any
 * decimal of at most 15 significant digits maps to its own double, so no
 * shorter decimal can also map to v (m's trailing zeros are dropped).
 * Returns 0 when v is not such a decimal. */
static int short_decimal(double v, char *d, int *point)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                                 1e15};
    if (v >= 1e15 || v < 1e-7)
        return 0;
    for (int k = 1; k <= 15; k++) {
        double m = v * p10[k];
        if (m >= 1e15)
            return 0;
        if (m == floor(m) && m / p10[k] == v) {
            char tmp[24];
            size_t len = put_u64((uint64_t)m, tmp);
            *point = (int)len - k;
            /* v * 10^k may round to an integer only at a larger k than
             * necessary: the zeros that leaves are not digits. */
            while (len > 1 && tmp[len - 1] == '0')
                len--;
            memcpy(d, tmp, len);
            return (int)len;
        }
    }
    return 0;
}

size_t bk_js_num_to_str(double v, char *buf)
{
    if (v != v || v - v != 0)
        return put_special(v, buf);
    if (v == 0) {
        buf[0] = '0';
        buf[1] = 0;
        return 1;
    }
    size_t n = 0;
    if (v < 0) {
        buf[n++] = '-';
        v = -v;
    }
    /* Integers below 2^53 print as themselves: the common case. */
    if (v < 9007199254740992.0 && v == (double)(uint64_t)v) {
        return n + put_u64((uint64_t)v, buf + n);
    }
    char d[20];
    int point;
    int k = short_decimal(v, d, &point);
    if (!k)
        k = bk_js_num_shortest(v, d, &point);
    return n + layout(d, k, point, buf + n);
}

/* ---------------------------------------------------------------------
 * Exact decimal expansion and fixed-digit formats
 * ------------------------------------------------------------------- */

/* All significant digits of finite v > 0 (no trailing zeros), with v =
 * 0.d1d2... x 10^point. 'd' needs 800 bytes. Returns the digit count. */
static int exact_digits(double v, char *d, int *point)
{
    uint64_t f;
    int e;
    split(v, &f, &e);
    bn_t a;
    bn_set_u64(&a, f);
    int scale10 = 0; /* v = a * 10^scale10 */
    if (e >= 0) {
        bn_shl(&a, e);
    } else {
        bn_mul_pow5(&a, -e);
        scale10 = e;
    }
    /* Decimal digits of a, least significant first in 9-digit groups. */
    char tmp[800];
    int n = 0;
    while (a.n > 0) {
        uint32_t g = bn_div_1e9(&a);
        for (int i = 0; i < 9; i++) {
            tmp[n++] = (char)('0' + g % 10);
            g /= 10;
        }
    }
    while (n > 1 && tmp[n - 1] == '0')
        n--;
    int k = 0;
    for (int i = n - 1; i >= 0; i--)
        d[k++] = tmp[i];
    *point = k + scale10;
    while (k > 1 && d[k - 1] == '0')
        k--;
    return k;
}

/* Rounds digits d[0..k) half up to 'keep' digits (keep may be <= 0, in
 * which case the result is "" or "1" with point moved). Updates k and
 * point; the digits stay without trailing-zero trimming (padded to keep). */
static int round_digits(char *d, int k, int *point, int keep)
{
    if (keep < 0) {
        d[0] = '0';
        return 0;
    }
    if (keep >= k) {
        for (int i = k; i < keep; i++)
            d[i] = '0';
        return keep;
    }
    int up = d[keep] >= '5';
    if (up) {
        int i = keep - 1;
        while (i >= 0 && d[i] == '9') {
            d[i] = '0';
            i--;
        }
        if (i >= 0) {
            d[i]++;
        } else {
            /* 99.9 -> 100: one more leading digit. */
            memmove(d + 1, d, (size_t)keep);
            d[0] = '1';
            (*point)++;
            return keep + 1;
        }
    }
    return keep;
}

size_t bk_js_num_to_fixed(double v, int digits, char *buf)
{
    if (v != v || v - v != 0)
        return put_special(v, buf);
    if (fabs(v) >= 1e21)
        return bk_js_num_to_str(v, buf);
    size_t n = 0;
    if (v < 0) {
        buf[n++] = '-';
        v = -v;
    }
    char d[820];
    int k = 0, point = 0;
    if (v != 0)
        k = exact_digits(v, d, &point);
    /* Integer n = round(v * 10^digits): its digits are d rounded to
     * point + digits places. */
    int keep = point + digits;
    if (v == 0 || keep < 0) {
        k = 0;
    } else {
        int pt = point;
        k = round_digits(d, k, &pt, keep);
        point = pt;
    }
    /* Now the integer has digits d[0..k); with k < digits+1 pad zeros. */
    char num[830];
    int m = 0;
    int intlen = k - digits; /* digits before the decimal point */
    if (intlen <= 0) {
        num[m++] = '0';
        if (digits > 0) {
            num[m++] = '.';
            for (int i = 0; i < -intlen; i++)
                num[m++] = '0';
            memcpy(num + m, d, (size_t)k);
            m += k;
        }
    } else {
        memcpy(num + m, d, (size_t)intlen);
        m += intlen;
        if (digits > 0) {
            num[m++] = '.';
            memcpy(num + m, d + intlen, (size_t)digits);
            m += digits;
        }
    }
    memcpy(buf + n, num, (size_t)m);
    n += (size_t)m;
    buf[n] = 0;
    return n;
}

/* Digits of v rounded to p significant digits: d[0..p), exponent e of the
 * first digit (v ~ d.ddd x 10^e). */
static void sig_digits(double v, int p, char *d, int *e)
{
    char tmp[820];
    int point;
    int k = exact_digits(v, tmp, &point);
    int m = round_digits(tmp, k, &point, p);
    BK_ASSERT(m >= p);
    memcpy(d, tmp, (size_t)p);
    *e = point - 1;
}

size_t bk_js_num_to_exponential(double v, int digits, char *buf)
{
    if (v != v || v - v != 0)
        return put_special(v, buf);
    size_t n = 0;
    if (v < 0) {
        buf[n++] = '-';
        v = -v;
    }
    char d[120];
    int k, e;
    if (v == 0) {
        k = digits < 0 ? 1 : digits + 1;
        memset(d, '0', (size_t)k);
        e = 0;
    } else if (digits < 0) {
        int point;
        k = bk_js_num_shortest(v, d, &point);
        e = point - 1;
    } else {
        k = digits + 1;
        sig_digits(v, k, d, &e);
    }
    buf[n++] = d[0];
    if (k > 1) {
        buf[n++] = '.';
        memcpy(buf + n, d + 1, (size_t)(k - 1));
        n += (size_t)(k - 1);
    }
    n += put_exp(buf + n, e);
    buf[n] = 0;
    return n;
}

size_t bk_js_num_to_precision(double v, int p, char *buf)
{
    if (v != v || v - v != 0)
        return put_special(v, buf);
    size_t n = 0;
    if (v < 0) {
        buf[n++] = '-';
        v = -v;
    }
    char d[120];
    int e;
    if (v == 0) {
        memset(d, '0', (size_t)p);
        e = 0;
    } else {
        sig_digits(v, p, d, &e);
    }
    if (e < -6 || e >= p) {
        buf[n++] = d[0];
        if (p > 1) {
            buf[n++] = '.';
            memcpy(buf + n, d + 1, (size_t)(p - 1));
            n += (size_t)(p - 1);
        }
        n += put_exp(buf + n, e);
    } else if (e >= 0) {
        memcpy(buf + n, d, (size_t)(e + 1));
        n += (size_t)(e + 1);
        if (e + 1 < p) {
            buf[n++] = '.';
            memcpy(buf + n, d + e + 1, (size_t)(p - e - 1));
            n += (size_t)(p - e - 1);
        }
    } else {
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = 0; i < -(e + 1); i++)
            buf[n++] = '0';
        memcpy(buf + n, d, (size_t)p);
        n += (size_t)p;
    }
    buf[n] = 0;
    return n;
}

/* ---------------------------------------------------------------------
 * toString(radix), following V8's DoubleToRadixCString so fractions print
 * the same digits: generate fraction digits while they are above half the
 * gap to the next double, rounding the last one to even.
 * ------------------------------------------------------------------- */

static const char radix_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

static double next_up(double v) { return nextafter(v, INFINITY); }

/* The binary exponent of v's 53-bit integer significand. */
static int sig_exponent(double v)
{
    uint64_t f;
    int e;
    split(v, &f, &e);
    return e;
}

size_t bk_js_num_to_radix(double v, int radix, char *buf)
{
    BK_ASSERT(radix >= 2 && radix <= 36);
    if (radix == 10)
        return bk_js_num_to_str(v, buf);
    if (v != v || v - v != 0)
        return put_special(v, buf);
    if (v == 0) {
        buf[0] = '0';
        buf[1] = 0;
        return 1;
    }
    char tmp[BK_JS_NUM_BUF];
    int mid = BK_JS_NUM_BUF / 2;
    int ic = mid, fc = mid;
    int neg = v < 0;
    if (neg)
        v = -v;
    double ip = floor(v);
    double frac = v - ip;
    double delta = 0.5 * (next_up(v) - v);
    if (delta < 4.9406564584124654e-324)
        delta = 4.9406564584124654e-324;
    if (frac >= delta) {
        tmp[fc++] = '.';
        do {
            frac *= radix;
            delta *= radix;
            int digit = (int)frac;
            tmp[fc++] = radix_chars[digit];
            frac -= digit;
            if (frac > 0.5 || (frac == 0.5 && (digit & 1))) {
                if (frac + delta > 1) {
                    /* Round up, propagating the carry leftwards. */
                    for (;;) {
                        fc--;
                        if (fc == mid) {
                            ip += 1;
                            break;
                        }
                        char c = tmp[fc];
                        int dg = c > '9' ? c - 'a' + 10 : c - '0';
                        if (dg + 1 < radix) {
                            tmp[fc++] = radix_chars[dg + 1];
                            break;
                        }
                    }
                    break;
                }
            }
        } while (frac >= delta && fc < BK_JS_NUM_BUF - 2);
    }
    /* Integer digits; those below the double's precision print as 0. */
    while (sig_exponent(ip / radix) > 0) {
        ip /= radix;
        tmp[--ic] = '0';
    }
    do {
        double rem = fmod(ip, radix);
        tmp[--ic] = radix_chars[(int)rem];
        ip = (ip - rem) / radix;
    } while (ip > 0);
    if (neg)
        tmp[--ic] = '-';
    size_t n = (size_t)(fc - ic);
    memcpy(buf, tmp + ic, n);
    buf[n] = 0;
    return n;
}

/* ---------------------------------------------------------------------
 * String -> number
 * ------------------------------------------------------------------- */

int bk_js_num_is_space(uint32_t c)
{
    if (c < 128)
        return c == ' ' || (c >= 9 && c <= 13);
    switch (c) {
    case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f:
    case 0x205f: case 0x3000: case 0xfeff:
        return 1;
    default:
        return c >= 0x2000 && c <= 0x200a;
    }
}

/* The input, one of two widths. */
typedef struct {
    const uint8_t *p8;
    const uint16_t *p16;
    size_t n;
} src_t;

static inline uint32_t at(const src_t *s, size_t i)
{
    return s->p16 ? s->p16[i] : s->p8[i];
}

static inline int digit_val(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c |= 0x20;
    if (c >= 'a' && c <= 'z')
        return (int)(c - 'a' + 10);
    return 99;
}

/* The "C" locale for strtod_l, so a process-wide setlocale() cannot change
 * the decimal point. Made once; a lost race leaks one locale object. */
static locale_t c_locale(void)
{
    static locale_t loc;
    locale_t l = __atomic_load_n(&loc, __ATOMIC_ACQUIRE);
    if (l)
        return l;
    l = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    BK_ASSERT(l != (locale_t)0);
    locale_t expected = (locale_t)0;
    if (!__atomic_compare_exchange_n(&loc, &expected, l, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        freelocale(l);
        l = expected;
    }
    return l;
}

/* Keeps this many significant digits for strtod; any nonzero digit past
 * them becomes a sticky final '1', which keeps the rounding exact (a double
 * is decided by its first 768 significant digits). */
#define MAX_SIG 780

/* Scans a StrUnsignedDecimalLiteral without "Infinity" at s[*i..end) and
 * returns the double (not negated); *i moves past it. Returns -1 in *ok
 * when no digits were found. */
static double scan_decimal(const src_t *s, size_t *ip, size_t end, int *ok)
{
    size_t i = *ip;
    char buf[MAX_SIG + 40];
    int nd = 0;           /* significant digits kept */
    long dexp = 0;        /* decimal exponent adjustment */
    int any = 0, sticky = 0;
    while (i < end && at(s, i) >= '0' && at(s, i) <= '9') {
        uint32_t c = at(s, i++);
        any = 1;
        if (nd == 0 && c == '0')
            continue;
        if (nd < MAX_SIG)
            buf[nd++] = (char)c;
        else {
            sticky |= c != '0';
            dexp++;
        }
    }
    if (i < end && at(s, i) == '.') {
        size_t j = i + 1;
        int fany = 0;
        while (j < end && at(s, j) >= '0' && at(s, j) <= '9') {
            uint32_t c = at(s, j++);
            fany = 1;
            if (nd == 0 && c == '0') {
                dexp--;
                continue;
            }
            if (nd < MAX_SIG) {
                buf[nd++] = (char)c;
                dexp--;
            } else {
                sticky |= c != '0';
            }
        }
        if (any || fany) {
            i = j;
            any = 1;
        }
    }
    if (!any) {
        *ok = 0;
        return 0;
    }
    if (i < end && (at(s, i) | 0x20) == 'e') {
        size_t j = i + 1;
        int eneg = 0;
        if (j < end && (at(s, j) == '+' || at(s, j) == '-'))
            eneg = at(s, j++) == '-';
        if (j < end && at(s, j) >= '0' && at(s, j) <= '9') {
            long ev = 0;
            while (j < end && at(s, j) >= '0' && at(s, j) <= '9') {
                if (ev < 100000000)
                    ev = ev * 10 + (long)(at(s, j) - '0');
                j++;
            }
            dexp += eneg ? -ev : ev;
            i = j;
        }
    }
    *ip = i;
    *ok = 1;
    if (nd == 0)
        return 0;
    if (sticky) {
        buf[nd++] = '1';
        dexp--;
    }
    if (dexp + nd > 400)
        return INFINITY;
    if (dexp + nd < -400)
        return 0;
    /* Clinger's fast path: up to 15 digits and 10^|dexp| <= 10^22 are
     * exact doubles, so one IEEE operation rounds correctly. */
    if (nd <= 15 && dexp >= -22 && dexp <= 22) {
        static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                     1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                     1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                     1e18, 1e19, 1e20, 1e21, 1e22};
        uint64_t mant = 0;
        for (int k = 0; k < nd; k++)
            mant = mant * 10 + (uint64_t)(buf[k] - '0');
        double dm = (double)mant;
        return dexp < 0 ? dm / p10[-dexp] : dm * p10[dexp];
    }
    int m = nd;
    buf[m++] = 'e';
    long ex = dexp;
    if (ex < 0) {
        buf[m++] = '-';
        ex = -ex;
    }
    char eb[12];
    int en = 0;
    do {
        eb[en++] = (char)('0' + ex % 10);
        ex /= 10;
    } while (ex);
    while (en)
        buf[m++] = eb[--en];
    buf[m] = 0;
    return strtod_l(buf, NULL, c_locale());
}

/* Whether s[i..end) starts with "Infinity". */
static int is_infinity(const src_t *s, size_t i, size_t end)
{
    static const char w[] = "Infinity";
    if (end - i < 8)
        return 0;
    for (int k = 0; k < 8; k++)
        if (at(s, i + (size_t)k) != (uint32_t)w[k])
            return 0;
    return 1;
}

/* Digits in a power-of-two radix (2^bits), rounded exactly (to even).
 * Returns -1 in *count when none. */
static double scan_pow2(const src_t *s, size_t *ip, size_t end, int radix,
                        int *count)
{
    int bits = __builtin_ctz((unsigned)radix);
    uint64_t m = 0;
    int ex = 0, sticky = 0, nd = 0;
    size_t i = *ip;
    while (i < end) {
        int d = digit_val(at(s, i));
        if (d >= radix)
            break;
        i++;
        nd++;
        if ((m >> (63 - bits)) == 0) {
            m = (m << bits) | (uint64_t)d;
        } else {
            ex += bits;
            sticky |= d != 0;
        }
    }
    *ip = i;
    *count = nd;
    int bl = bitlen64(m);
    if (bl <= 53)
        return ldexp((double)m, ex);
    int sh = bl - 53;
    uint64_t mant = m >> sh;
    uint64_t rest = m & (((uint64_t)1 << sh) - 1);
    uint64_t half = (uint64_t)1 << (sh - 1);
    if (rest > half || (rest == half && (sticky || (mant & 1))))
        mant++;
    return ldexp((double)mant, ex + sh);
}

static double to_number(const src_t *s)
{
    size_t i = 0, end = s->n;
    while (i < end && bk_js_num_is_space(at(s, i)))
        i++;
    while (end > i && bk_js_num_is_space(at(s, end - 1)))
        end--;
    if (i == end)
        return 0;
    if (end - i > 2 && at(s, i) == '0') {
        uint32_t c = at(s, i + 1) | 0x20;
        int radix = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (radix) {
            size_t j = i + 2;
            int cnt;
            double v = scan_pow2(s, &j, end, radix, &cnt);
            return cnt > 0 && j == end ? v : NAN;
        }
    }
    int neg = 0;
    if (at(s, i) == '+' || at(s, i) == '-')
        neg = at(s, i++) == '-';
    double v;
    if (is_infinity(s, i, end)) {
        v = INFINITY;
        i += 8;
    } else {
        int ok;
        v = scan_decimal(s, &i, end, &ok);
        if (!ok)
            return NAN;
    }
    if (i != end)
        return NAN;
    return neg ? -v : v;
}

double bk_js_num_from_utf16(const uint16_t *p, size_t n)
{
    src_t s = {NULL, p, n};
    return to_number(&s);
}

double bk_js_num_from_latin1(const uint8_t *p, size_t n)
{
    src_t s = {p, NULL, n};
    return to_number(&s);
}

static double parse_float(const src_t *s)
{
    size_t i = 0, end = s->n;
    while (i < end && bk_js_num_is_space(at(s, i)))
        i++;
    int neg = 0;
    if (i < end && (at(s, i) == '+' || at(s, i) == '-'))
        neg = at(s, i++) == '-';
    double v;
    if (is_infinity(s, i, end)) {
        v = INFINITY;
    } else {
        int ok;
        v = scan_decimal(s, &i, end, &ok);
        if (!ok)
            return NAN;
    }
    return neg ? -v : v;
}

double bk_js_num_parse_float_utf16(const uint16_t *p, size_t n)
{
    src_t s = {NULL, p, n};
    return parse_float(&s);
}

double bk_js_num_parse_float_latin1(const uint8_t *p, size_t n)
{
    src_t s = {p, NULL, n};
    return parse_float(&s);
}

static double parse_int(const src_t *s, int32_t radix)
{
    size_t i = 0, end = s->n;
    while (i < end && bk_js_num_is_space(at(s, i)))
        i++;
    int neg = 0;
    if (i < end && (at(s, i) == '+' || at(s, i) == '-'))
        neg = at(s, i++) == '-';
    int strip = 1;
    if (radix != 0) {
        if (radix < 2 || radix > 36)
            return NAN;
        if (radix != 16)
            strip = 0;
    } else {
        radix = 10;
    }
    if (strip && end - i >= 2 && at(s, i) == '0' &&
        (at(s, i + 1) | 0x20) == 'x') {
        i += 2;
        radix = 16;
    }
    double v = 0;
    if ((radix & (radix - 1)) == 0) {
        int cnt;
        v = scan_pow2(s, &i, end, radix, &cnt);
        if (cnt == 0)
            return NAN;
    } else if (radix == 10) {
        size_t j = i;
        while (j < end && at(s, j) >= '0' && at(s, j) <= '9')
            j++;
        if (j == i)
            return NAN;
        int ok;
        v = scan_decimal(s, &i, j, &ok);
    } else {
        /* As V8: 32-bit chunks folded into a double, which rounds for
         * values past 2^53 (the spec allows an approximation). */
        size_t j = i;
        while (j < end && digit_val(at(s, j)) < radix)
            j++;
        if (j == i)
            return NAN;
        /* V8 skips leading zeros first; it moves the chunk boundaries. */
        while (i < j && at(s, i) == '0')
            i++;
        while (i < j) {
            uint32_t part = 0, mult = 1;
            while (i < j) {
                uint32_t mm = mult * (uint32_t)radix;
                if (mm > 0xFFFFFFFFu / 36)
                    break;
                part = part * (uint32_t)radix + (uint32_t)digit_val(at(s, i));
                mult = mm;
                i++;
            }
            v = v * (double)mult + part;
        }
    }
    return neg ? -v : v;
}

double bk_js_num_parse_int_utf16(const uint16_t *p, size_t n, int32_t radix)
{
    src_t s = {NULL, p, n};
    return parse_int(&s, radix);
}

double bk_js_num_parse_int_latin1(const uint8_t *p, size_t n, int32_t radix)
{
    src_t s = {p, NULL, n};
    return parse_int(&s, radix);
}

/* ---------------------------------------------------------------------
 * Integer conversions
 * ------------------------------------------------------------------- */

uint32_t bk_js_num_to_uint32(double v)
{
    if (v >= 0 && v < 4294967296.0)
        return (uint32_t)v;
    if (v != v || v - v != 0)
        return 0;
    double t = trunc(v);
    t = fmod(t, 4294967296.0);
    if (t < 0)
        t += 4294967296.0;
    return (uint32_t)t;
}

int32_t bk_js_num_to_int32(double v)
{
    if (v > -2147483649.0 && v < 2147483648.0)
        return (int32_t)v;
    return (int32_t)bk_js_num_to_uint32(v);
}

uint16_t bk_js_num_to_uint16(double v)
{
    return (uint16_t)bk_js_num_to_uint32(v);
}

int bk_js_num_is_int(double v, int64_t *out)
{
    if (v >= -9007199254740991.0 && v <= 9007199254740991.0 &&
        v == (double)(int64_t)v && !(v == 0 && signbit(v))) {
        *out = (int64_t)v;
        return 1;
    }
    return 0;
}
