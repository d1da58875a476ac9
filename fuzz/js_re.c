/*
 * js_re.c: fuzzes the JS RegExp translator and matcher. Input: byte 0 =
 * flags (BK_JS_RE_* bits), byte 1 bit 0 = read the rest as UTF-16LE units
 * (else Latin-1); then the pattern, a 0xFF byte, and a short subject.
 * Every compiled pattern runs from a few start offsets with a small match
 * limit, and its match feeds the replacement-template expander; Latin-1
 * inputs also go through the Latin-1 entry points, which must agree.
 */
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "js/re.h"

static size_t widen(const uint8_t *p, size_t n, int wide, uint16_t *out,
                    size_t cap)
{
    size_t k = 0;
    if (wide) {
        for (size_t i = 0; i + 1 < n && k < cap; i += 2)
            out[k++] = (uint16_t)(p[i] | (p[i + 1] << 8));
    } else {
        for (size_t i = 0; i < n && k < cap; i++)
            out[k++] = p[i];
    }
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint16_t pat[4096], subj[256];
    static const uint16_t tmpl[] = {'[', '$', '1', '$', '<', 'a', '>', '$',
                                    '&', '$', '`', '$', '\'', '$', '$', ']'};
    if (size < 2)
        return 0;
    unsigned flags = data[0]; /* all eight flag bits, u with v too */
    int wide = data[1] & 1;
    data += 2;
    size -= 2;
    const uint8_t *sep = memchr(data, 0xff, size);
    size_t pl = sep ? (size_t)(sep - data) : size;
    size_t pn = widen(data, pl, wide, pat, 4096);
    size_t sn = sep ? widen(sep + 1, size - pl - 1, wide, subj, 256) : 0;

    const char *reason;
    bk_js_re_t *re = bk_js_re_compile(pat, pn, flags, &reason);
    if (!re) {
        bk_buf_t b;
        bk_buf_init(&b, NULL);
        if (bk_js_re_error_message(&b, pat, pn, flags, reason) != BK_OK)
            __builtin_trap();
        bk_buf_free(&b);
        return 0;
    }
    bk_arena_t a;
    bk_arena_init(&a, 0, 4 << 20);
    bk_js_re_ctx_t *ctx = bk_js_re_ctx_new(&a, 20000, 1024);
    if (ctx) {
        for (size_t start = 0; start <= sn + 1; start += 1 + sn / 3) {
            bk_js_re_match_t m;
            const char *err;
            int rc = bk_js_re_exec(ctx, re, subj, sn, start, &m, &err);
            if (rc != BK_OK)
                continue;
            if (m.ncap != bk_js_re_groups(re) + 1)
                __builtin_trap();
            for (int g = 0; g < m.ncap; g++) {
                int32_t s = m.cap[2 * g], e = m.cap[2 * g + 1];
                if (s != -1 && (s < 0 || e < s || (size_t)e > sn))
                    __builtin_trap();
            }
            bk_buf_t out;
            bk_buf_init(&out, &a);
            if (bk_js_re_expand(&out, tmpl, BK_COUNTOF(tmpl), subj, sn, m.cap,
                                m.ncap, re) != BK_OK)
                break;
            if (!wide && sep) {
                /* The Latin-1 entry points agree with the UTF-16 ones. */
                int32_t caps[2 * 32];
                int nc = m.ncap < 32 ? m.ncap : 32;
                memcpy(caps, m.cap, sizeof(int32_t) * 2 * (size_t)nc);
                bk_js_re_match_t m8;
                if (bk_js_re_exec_latin1(ctx, re, sep + 1, sn, start, &m8,
                                         &err) != BK_OK ||
                    memcmp(m8.cap, caps, sizeof(int32_t) * 2 * (size_t)nc))
                    __builtin_trap();
                bk_buf_t out8;
                bk_buf_init(&out8, &a);
                if (bk_js_re_expand_mixed(&out8, tmpl, BK_COUNTOF(tmpl), 1,
                                          sep + 1, sn, 0, m8.cap, m8.ncap,
                                          re) != BK_OK)
                    break;
                if (out8.n != out.n || memcmp(out8.p, out.p, out.n))
                    __builtin_trap();
            }
        }
    }
    bk_arena_destroy(&a);
    bk_js_re_free(re);
    return 0;
}
