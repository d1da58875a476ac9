/*
 * builtin_json.c: JSON.parse (with reviver) and JSON.stringify (replacer
 * function or list, indent, toJSON, cycle detection).
 *
 * Both are built for the no-GC invocation model, where every byte allocated
 * stays until the invocation ends: they allocate what the result needs and
 * little else.
 *
 * parse: one pass over the source's 8- or 16-bit units (one specialised
 * copy of the scanner per width), iterative: open objects and arrays live
 * on an explicit stack, so nesting is bounded by the memory cap and never
 * by the C stack. Members are gathered on a scratch stack (on the C stack
 * until it overflows into the arena) and each object or array is built
 * once, when it closes, with its property or element storage allocated at
 * its exact size. Strings without escapes are views into the
 * source (strings are immutable); keys are interned through a small
 * per-parse cache in front of the atom table. Errors are the SyntaxErrors
 * V8 (node 20) throws, word for word, positions in UTF-16 units.
 *
 * stringify: writes 8-bit units (widening once if a unit > 255 shows up)
 * into one arena block that starts with the result's string header. When
 * nothing else allocates meanwhile (no toJSON, replacer or getter: the
 * common case) the block grows and is trimmed in place, so the result costs
 * its own size. Recursion follows the data's nesting, capped at MAX_DEPTH
 * levels and STACK_BUDGET bytes of C stack (RangeError), as is the
 * reviver's walk.
 */
#include <math.h>
#include <stdio.h>

#include "js/js_int.h"
#include "js/num.h"

/* Work units (the compute budget's currency, docs/js-engine.md) per value
 * and per character, set so that JSON work is charged at about the rate
 * of CPU time other work is (bench/js/calibrate.c). */
#define COST_VALUE 24
#define COST_UNIT 3

#define MAX_DEPTH 2000 /* nesting levels of one stringify or reviver walk */

/* C stack the walks may use below the embedder's entry into the engine:
 * natives calling back into JS (toJSON, getters, a reviver) can nest walks
 * inside walks, so the depth cap alone does not bound the stack. */
#if defined(__SANITIZE_ADDRESS__)
#define BK_JSON_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BK_JSON_ASAN 1
#endif
#endif
#ifdef BK_JSON_ASAN
#define STACK_BUDGET ((uintptr_t)4 << 20) /* AddressSanitizer's frames */
#else
#define STACK_BUDGET ((uintptr_t)1 << 20)
#endif
#define STR_LIMIT ((1u << 30) - 1) /* longest string (value.c) */

#define INLINE static inline __attribute__((always_inline))

/* ---- scratch stack ---------------------------------------------------- */

/* A stack of values that starts in a caller's buffer (C stack) and moves
 * to the arena when it overflows. Never hold a pointer into it across a
 * push. */
typedef struct {
    bk_js_ctx_t *ctx;
    val_t *v;
    uint32_t n, cap;
    int heap; /* v is in the arena */
} vstack_t;

static void vs_init(vstack_t *s, bk_js_ctx_t *ctx, val_t *buf, uint32_t cap)
{
    s->ctx = ctx;
    s->v = buf;
    s->n = 0;
    s->cap = cap;
    s->heap = 0;
}

static void vs_grow(vstack_t *s)
{
    uint32_t cap = s->cap * 2;
    if (cap > (1u << 27))
        bk_js__abort(s->ctx, BK_JS_LIMIT_MEMORY);
    if (s->heap) {
        s->v = bk_js__irealloc(s->ctx, s->v, (size_t)s->cap * sizeof(val_t),
                               (size_t)cap * sizeof(val_t));
    } else {
        val_t *nv = bk_js__ialloc(s->ctx, (size_t)cap * sizeof(val_t));
        memcpy(nv, s->v, (size_t)s->n * sizeof(val_t));
        s->v = nv;
        s->heap = 1;
    }
    s->cap = cap;
}

INLINE void vs_push(vstack_t *s, val_t v)
{
    if (BK_UNLIKELY(s->n == s->cap))
        vs_grow(s);
    s->v[s->n++] = v;
}

/* bk_js__ialloc(), inlined: the arena's bump, or the end of the run. */
INLINE void *ialloc(bk_js_ctx_t *ctx, size_t n)
{
    void *p = bk_arena_alloc(ctx->arena, n);
    if (BK_UNLIKELY(p == NULL))
        bk_js__abort(ctx, BK_JS_LIMIT_MEMORY);
    return p;
}

/* Where the embedder entered the engine: the outermost guard, a local of
 * that entry's frame. 0 when unknown. */
static uintptr_t stack_base(bk_js_ctx_t *ctx)
{
    bk_js_guard_t *g = ctx->guard;
    while (g != NULL && g->prev != NULL)
        g = g->prev;
    return (uintptr_t)g;
}

/* Whether this frame is more than STACK_BUDGET below 'base' (the stack
 * grows down). A distance too large to be one stack means the guard is not
 * on this one (a sanitizer's fake stack): no verdict then. */
static int stack_exhausted(uintptr_t base)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    return base > here && base - here > STACK_BUDGET &&
           base - here < ((uintptr_t)256 << 20);
}

/* ---- stringify: output ------------------------------------------------ */

/* An object being written (for cycles and their message): the object and
 * the key it was reached by (key, or the index idx when key is NULL). */
typedef struct {
    val_t obj;
    bk_js_str_t *key;
    uint32_t idx;
} jw_level_t;

typedef struct {
    bk_js_ctx_t *ctx;
    bk_js_str_t *hdr; /* result header; its units follow it */
    uint32_t n, cap;  /* units written, room */
    int wide;
    val_t replacer;   /* function or undefined */
    val_t *allow;     /* property list or NULL */
    uint32_t nallow;
    bk_js_str_t *gap; /* NULL when empty */
    vstack_t keys;    /* keys of the objects being written */
    uint32_t ran;     /* calls that may have run code (getters, toJSON...) */
    bk_js_obj_t *plain[2]; /* prototypes whose chain had no "toJSON" */
    uint32_t plain_at[2];  /* ... when 'ran' had this value */
    uintptr_t base;   /* stack_base() */
    unsigned depth;   /* objects being written: lv[0..depth) */
    unsigned lvcap;
    jw_level_t *lv;   /* first in the caller's buffer, then in the arena */
} jw_t;

static void out_grow(jw_t *w, uint32_t k)
{
    uint64_t need = (uint64_t)w->n + k;
    if (need > STR_LIMIT)
        bk_js__abort(w->ctx, BK_JS_LIMIT_MEMORY);
    uint64_t cap = w->cap ? (uint64_t)w->cap * 2 : 256;
    while (cap < need)
        cap *= 2;
    if (cap > STR_LIMIT)
        cap = STR_LIMIT;
    size_t unit = w->wide ? 2 : 1;
    w->hdr = bk_js__irealloc(w->ctx, w->hdr,
                             w->hdr ? sizeof(bk_js_str_t) + w->cap * unit : 0,
                             sizeof(bk_js_str_t) + (size_t)cap * unit);
    w->cap = (uint32_t)cap;
}

INLINE void reserve(jw_t *w, uint32_t k)
{
    if (BK_UNLIKELY(w->cap - w->n < k))
        out_grow(w, k);
}

INLINE uint8_t *out8(jw_t *w) { return (uint8_t *)(w->hdr + 1); }
INLINE uint16_t *out16(jw_t *w) { return (uint16_t *)(w->hdr + 1); }

/* Switches the output to 16-bit units (a unit > 255 is coming). */
static void widen(jw_t *w)
{
    uint32_t cap = w->cap < 64 ? 64 : w->cap;
    bk_js_str_t *h = bk_js__ialloc(w->ctx, sizeof(*h) + (size_t)cap * 2);
    uint16_t *d = (uint16_t *)(h + 1);
    const uint8_t *s = w->hdr ? out8(w) : NULL;
    for (uint32_t i = 0; i < w->n; i++)
        d[i] = s[i];
    w->hdr = h;
    w->cap = cap;
    w->wide = 1;
}

/* Appends units < 256 (the caller reserved room). */
INLINE void put_raw8(jw_t *w, const uint8_t *s, uint32_t k)
{
    if (BK_LIKELY(!w->wide)) {
        memcpy(out8(w) + w->n, s, k);
    } else {
        uint16_t *d = out16(w) + w->n;
        for (uint32_t i = 0; i < k; i++)
            d[i] = s[i];
    }
    w->n += k;
}

INLINE void put_bytes(jw_t *w, const char *s, uint32_t k)
{
    reserve(w, k);
    put_raw8(w, (const uint8_t *)s, k);
}

#define PUT_LIT(w, s) put_bytes((w), (s), (uint32_t)(sizeof(s) - 1))

INLINE void put_byte(jw_t *w, uint8_t c)
{
    reserve(w, 1);
    if (BK_LIKELY(!w->wide))
        out8(w)[w->n++] = c;
    else
        out16(w)[w->n++] = c;
}

static void put_unit(jw_t *w, uint32_t c)
{
    if (c > 255 && !w->wide)
        widen(w);
    reserve(w, 1);
    if (w->wide)
        out16(w)[w->n++] = (uint16_t)c;
    else
        out8(w)[w->n++] = (uint8_t)c;
}

static void put_str(jw_t *w, const bk_js_str_t *s)
{
    if (!(s->flags & STR_WIDE)) {
        put_bytes(w, (const char *)s->d.u8, s->len);
        return;
    }
    for (uint32_t i = 0; i < s->len; i++)
        put_unit(w, s->d.u16[i]);
}

/* The result: the block trimmed to its contents, header filled in. */
static bk_js_str_t *out_done(jw_t *w)
{
    bk_js__charge(w->ctx, (int64_t)w->n * COST_UNIT);
    size_t unit = w->wide ? 2 : 1;
    bk_js_str_t *s = bk_js__irealloc(w->ctx, w->hdr,
                                     sizeof(*s) + (size_t)w->cap * unit,
                                     sizeof(*s) + (size_t)w->n * unit);
    memset(s, 0, sizeof(*s));
    s->len = w->n;
    s->flags = w->wide ? STR_WIDE : 0;
    s->d.u8 = (const uint8_t *)(s + 1);
    w->hdr = NULL;
    return s;
}

/* ---- stringify: strings and numbers ------------------------------------ */

/* Units that QuoteJSONString escapes (below 256). */
static const uint8_t esc_tab[256] = {
    [0 ... 0x1f] = 1,
    ['"'] = 1,
    ['\\'] = 1,
};

/* Eight bytes at a time: the lowest byte of x that is '"', '\\' or a
 * control (below 0x20), as a bit mask of 0x80s; 0 if none. Bytes above a
 * flagged one may be flagged too (borrows), the lowest never wrongly. */
INLINE uint64_t stop_mask(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) |
            ((x - ones * 0x20) & ~x)) & high;
}

/* The first unit of s[i..n) that is a stop (see stop_mask), or n. */
INLINE uint32_t scan_plain8(const uint8_t *s, uint32_t i, uint32_t n)
{
    while (i + 8 <= n) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t m = stop_mask(x);
        if (m)
            return i + ((uint32_t)__builtin_ctzll(m) >> 3);
        i += 8;
    }
    while (i < n && !esc_tab[s[i]])
        i++;
    return i;
}

static void put_escape(jw_t *w, uint32_t c)
{
    static const char hex[] = "0123456789abcdef";
    char e[6] = {'\\', 0, 0, 0, 0, 0};
    switch (c) {
    case '"': e[1] = '"'; break;
    case '\\': e[1] = '\\'; break;
    case '\b': e[1] = 'b'; break;
    case '\f': e[1] = 'f'; break;
    case '\n': e[1] = 'n'; break;
    case '\r': e[1] = 'r'; break;
    case '\t': e[1] = 't'; break;
    default:
        e[1] = 'u';
        e[2] = hex[(c >> 12) & 15];
        e[3] = hex[(c >> 8) & 15];
        e[4] = hex[(c >> 4) & 15];
        e[5] = hex[c & 15];
        put_bytes(w, e, 6);
        return;
    }
    put_bytes(w, e, 2);
}

/* Copies the longest prefix of d[0..len) free of stops (see stop_mask) to
 * o, which has room for len bytes; returns its length. Whole words are
 * copied, so bytes after the prefix may be written too. */
INLINE uint32_t copy_plain8(uint8_t *o, const uint8_t *d, uint32_t len)
{
    uint32_t i = 0;
    if (len < 8) {
        if (len >= 4) { /* two overlapping halves, checked as one word */
            uint32_t lo, hi;
            memcpy(&lo, d, 4);
            memcpy(&hi, d + len - 4, 4);
            if (stop_mask(lo | (uint64_t)hi << 32) == 0) {
                memcpy(o, &lo, 4);
                memcpy(o + len - 4, &hi, 4);
                return len;
            }
        }
        while (i < len && !esc_tab[d[i]]) {
            o[i] = d[i];
            i++;
        }
        return i;
    }
    uint64_t x, m;
    for (; i + 8 <= len; i += 8) {
        memcpy(&x, d + i, 8);
        memcpy(o + i, &x, 8);
        m = stop_mask(x);
        if (m)
            return i + ((uint32_t)__builtin_ctzll(m) >> 3);
    }
    if (i == len)
        return len;
    /* The last word, overlapping what was checked (no stops there, so no
     * borrow flags the bytes after them). */
    uint32_t j = len - 8;
    memcpy(&x, d + j, 8);
    memcpy(o + j, &x, 8);
    m = stop_mask(x) & (~(uint64_t)0 << (8 * (i - j)));
    return m ? j + ((uint32_t)__builtin_ctzll(m) >> 3) : len;
}

/* QuoteJSONString, the general case: from unit i of s on. */
static void quote_slow(jw_t *w, const bk_js_str_t *s, uint32_t i)
{
    uint32_t len = s->len;
    if (!(s->flags & STR_WIDE)) {
        const uint8_t *d = s->d.u8;
        for (;;) {
            uint32_t j = i;
            while (j < len && !esc_tab[d[j]])
                j++;
            reserve(w, j - i + 1);
            put_raw8(w, d + i, j - i);
            if (j == len)
                break;
            put_escape(w, d[j]);
            i = j + 1;
        }
    } else {
        const uint16_t *d = s->d.u16;
        for (; i < len; i++) {
            uint32_t c = d[i];
            if (c < 256) {
                if (esc_tab[c])
                    put_escape(w, c);
                else
                    put_byte(w, (uint8_t)c);
            } else if (c >= 0xD800 && c < 0xDC00 && i + 1 < len &&
                       d[i + 1] >= 0xDC00 && d[i + 1] < 0xE000) {
                put_unit(w, c);
                put_unit(w, d[++i]);
            } else if (c >= 0xD800 && c < 0xE000) {
                put_escape(w, c); /* lone surrogate */
            } else {
                put_unit(w, c);
            }
        }
    }
    put_byte(w, '"');
}

/* QuoteJSONString. The common case, an 8-bit string with nothing to
 * escape written to 8-bit output, is one loop. */
static void quote(jw_t *w, const bk_js_str_t *s)
{
    uint32_t len = s->len, i = 0;
    reserve(w, len + 2);
    if (BK_LIKELY(!w->wide && !(s->flags & STR_WIDE))) {
        const uint8_t *d = s->d.u8;
        uint8_t *o = out8(w) + w->n;
        *o++ = '"';
        i = copy_plain8(o, d, len);
        o += i;
        w->n += i + 1;
        if (BK_LIKELY(i == len)) {
            *o = '"';
            w->n++;
            return;
        }
    } else {
        put_byte(w, '"');
    }
    quote_slow(w, s, i);
}

/* Kept out of line: its buffer would otherwise sit in every frame of the
 * recursive walk. */
static __attribute__((noinline)) void put_num_slow(jw_t *w, double d)
{
    char buf[BK_JS_NUM_BUF];
    size_t n = bk_js_num_to_str(d, buf);
    put_bytes(w, buf, (uint32_t)n);
}

static void put_num(jw_t *w, double d)
{
    if (!isfinite(d)) {
        PUT_LIT(w, "null");
        return;
    }
    if (d > -1e15 && d < 1e15 && d == (double)(int64_t)d) {
        char buf[24];
        char *p = buf + sizeof(buf);
        int64_t x = (int64_t)d;
        uint64_t u = x < 0 ? (uint64_t)-x : (uint64_t)x;
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (x < 0)
            *--p = '-';
        put_bytes(w, p, (uint32_t)(buf + sizeof(buf) - p));
        return;
    }
    put_num_slow(w, d);
}

static void newline_gap(jw_t *w)
{
    put_byte(w, '\n');
    for (unsigned i = 0; i < w->depth; i++)
        put_str(w, w->gap);
}

INLINE void newline(jw_t *w)
{
    if (w->gap != NULL)
        newline_gap(w);
}

/* ---- stringify: values ------------------------------------------------- */

/* The key a value was reached by, as a string (array indexes are only
 * made into strings when some code is going to see them). */
static val_t key_val(jw_t *w, bk_js_str_t *k, uint32_t idx)
{
    return v_mkstr(k ? k : bk_js__atom_index(w->ctx, idx));
}

/* GetV(v, "toJSON") for an object v: own data properties up the chain,
 * bk_js__get() for anything less plain. */
static int get_tojson(jw_t *w, val_t v, val_t *f)
{
    bk_js_ctx_t *ctx = w->ctx;
    bk_js_str_t *key = A(ctx, toJSON);
    bk_js_obj_t *b = bk_js__rd(ctx, v_obj(v));
    bk_js_prop_t *p = bk_js__find(b, key);
    if (p != NULL && !(p->flags & P_ACCESSOR)) {
        *f = p->v;
        return BK_OK;
    }
    bk_js_obj_t *proto = b->proto;
    *f = V_UNDEF;
    if (p == NULL && proto == NULL)
        return BK_OK;
    /* No code has run since this prototype's chain was seen without a
     * "toJSON": it still has none. */
    for (int i = 0; i < 2; i++)
        if (p == NULL && w->plain[i] == proto && w->plain_at[i] == w->ran)
            return BK_OK;
    bk_js_obj_t *o = proto;
    for (unsigned hops = 0; p == NULL && o != NULL && hops < 64; hops++) {
        b = bk_js__rd(ctx, o);
        p = bk_js__find(b, key);
        if (p == NULL)
            o = b->proto;
    }
    if (p == NULL && o == NULL) {
        int i = w->plain[0] == NULL ? 0 : w->plain[1] == NULL ? 1 : w->ran & 1;
        w->plain[i] = proto;
        w->plain_at[i] = w->ran;
        return BK_OK;
    }
    if (p != NULL && !(p->flags & P_ACCESSOR)) {
        *f = p->v;
        return BK_OK;
    }
    w->ran++;
    return bk_js__get(ctx, v, key, f);
}

/* The name V8 gives an object in messages: its constructor's name (a
 * plain data property lookup, no code runs), else "Object". */
static bk_js_str_t *ctor_name(bk_js_ctx_t *ctx, bk_js_obj_t *o)
{
    for (unsigned hops = 0; o != NULL && hops < 64; hops++) {
        bk_js_obj_t *b = bk_js__rd(ctx, o);
        bk_js_prop_t *p = bk_js__find(b, A(ctx, constructor));
        if (p != NULL) {
            if ((p->flags & P_ACCESSOR) || !v_is_obj(p->v))
                break;
            bk_js_prop_t *q = bk_js__find(bk_js__rd(ctx, v_obj(p->v)),
                                          A(ctx, name));
            if (q && !(q->flags & P_ACCESSOR) && v_is_str(q->v) &&
                v_str(q->v)->len)
                return v_str(q->v);
            break;
        }
        o = b->proto;
    }
    return bk_js__atom_cstr(ctx, "Object");
}

static void circ_key(bk_js_sb_t *sb, bk_js_str_t *k, uint32_t idx)
{
    if (k == NULL) {
        char b[24];
        snprintf(b, sizeof(b), "index %u", idx);
        bk_js__sb_cstr(sb, b);
    } else if (k->len == 0) {
        bk_js__sb_cstr(sb, "<anonymous>");
    } else {
        bk_js__sb_cstr(sb, "property '");
        bk_js__sb_str(sb, k);
        bk_js__sb_putc(sb, '\'');
    }
}

static void circ_line(jw_t *w, bk_js_sb_t *sb, unsigned i)
{
    bk_js__sb_cstr(sb, "\n    |     ");
    circ_key(sb, w->lv[i].key, w->lv[i].idx);
    bk_js__sb_cstr(sb, " -> object with constructor '");
    bk_js__sb_str(sb, ctor_name(w->ctx, v_obj(w->lv[i].obj)));
    bk_js__sb_putc(sb, '\'');
}

/* "Converting circular structure to JSON" and V8's picture of the circle:
 * the object it starts at, at most two steps after it, an ellipsis, the
 * last step, and the key that closes it (k, or index idx). */
static int circular(jw_t *w, unsigned start, bk_js_str_t *k, uint32_t idx)
{
    bk_js_ctx_t *ctx = w->ctx;
    unsigned size = w->depth, i = start;
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    bk_js__sb_cstr(&sb, "Converting circular structure to JSON\n    --> "
                        "starting at object with constructor '");
    bk_js__sb_str(&sb, ctor_name(ctx, v_obj(w->lv[i++].obj)));
    bk_js__sb_putc(&sb, '\'');
    unsigned prefix_end = BK_MIN(size, i + 2);
    for (; i < prefix_end; i++)
        circ_line(w, &sb, i);
    if (size > i + 1)
        bk_js__sb_cstr(&sb, "\n    |     ...");
    for (i = BK_MAX(i, size - 1); i < size; i++)
        circ_line(w, &sb, i);
    bk_js__sb_cstr(&sb, "\n    --- ");
    circ_key(&sb, k, idx);
    bk_js__sb_cstr(&sb, " closes the circle");
    bk_js_obj_t *e = bk_js__error_new(ctx, ERR_TypeError, bk_js__sb_done(&sb));
    return bk_js__throw_val(ctx, v_mkobj(e));
}

/* Writes a primitive; 0 for those JSON leaves out (undefined, symbols). */
INLINE int put_prim(jw_t *w, val_t v)
{
    if (v_is_str(v))
        quote(w, v_str(v));
    else if (v_is_num(v))
        put_num(w, v_num(v));
    else if (v == V_NULL)
        PUT_LIT(w, "null");
    else if (v == V_TRUE)
        PUT_LIT(w, "true");
    else if (v == V_FALSE)
        PUT_LIT(w, "false");
    else
        return 0;
    return 1;
}

static int write_val(jw_t *w, val_t holder, bk_js_str_t *k, uint32_t idx,
                     val_t v, int *skip);

static int write_array(jw_t *w, val_t v)
{
    bk_js_ctx_t *ctx = w->ctx;
    double len;
    if (bk_js__length_of(ctx, v, &len) != BK_OK)
        return BK_ERR;
    bk_js__charge(ctx, COST_VALUE * (int64_t)(1 + len));
    put_byte(w, '[');
    for (uint32_t i = 0; i < len; i++) {
        if (i)
            put_byte(w, ',');
        newline(w);
        bk_js_obj_t *b = bk_js__rd(ctx, v_obj(v));
        val_t e;
        if (i < b->nelems && b->elems[i] != V_EMPTY)
            e = b->elems[i];
        else if (w->ran++, bk_js__get_index(ctx, v, i, &e) != BK_OK)
            return BK_ERR;
        int sk;
        if (w->replacer == V_UNDEF && !v_is_obj(e)) /* no code can run */
            sk = !put_prim(w, e);
        else if (write_val(w, v, NULL, i, e, &sk) != BK_OK)
            return BK_ERR;
        if (sk)
            PUT_LIT(w, "null");
    }
    w->depth--;
    if (len > 0)
        newline(w);
    w->depth++;
    put_byte(w, ']');
    return BK_OK;
}

static int write_object(jw_t *w, val_t v)
{
    bk_js_ctx_t *ctx = w->ctx;
    bk_js_obj_t *o = v_obj(v);
    bk_js_obj_t *b = bk_js__rd(ctx, o);
    uint32_t base = w->keys.n, nk;
    const val_t *ext = NULL; /* keys outside the scratch stack */
    if (w->allow) {
        ext = w->allow;
        nk = w->nallow;
    } else if (b->cls == CLS_OBJECT) {
        int index = 0;
        for (uint32_t i = 0; i < b->nprops; i++) {
            bk_js_prop_t *p = &b->props[i];
            if (p->key == NULL || (p->key->flags & STR_SYMBOL) ||
                !(p->flags & P_ENUMERABLE))
                continue;
            index |= p->key->flags & STR_INDEX;
            vs_push(&w->keys, v_mkstr(p->key));
        }
        nk = w->keys.n - base;
        if (index) { /* integer keys come first: the general order */
            w->keys.n = base;
            ext = bk_js__own_keys(ctx, o, 1, 1, &nk);
        }
    } else {
        ext = bk_js__own_keys(ctx, o, 1, 1, &nk);
    }
    bk_js__charge(ctx, COST_VALUE * (1 + (int64_t)nk));
    put_byte(w, '{');
    int any = 0;
    uint32_t pi = 0; /* where the next key probably is in the props */
    for (uint32_t i = 0; i < nk; i++) {
        bk_js_str_t *key = v_str(ext ? ext[i] : w->keys.v[base + i]);
        val_t e;
        b = bk_js__rd(ctx, o);
        bk_js_prop_t *p = NULL;
        if (b->cls == CLS_OBJECT) {
            p = pi < b->nprops && b->props[pi].key == key
                    ? &b->props[pi]
                    : bk_js__find(b, key);
            if (p != NULL)
                pi = (uint32_t)(p - b->props) + 1;
        }
        if (p != NULL && !(p->flags & P_ACCESSOR))
            e = p->v;
        else if (w->ran++, bk_js__get(ctx, v, key, &e) != BK_OK)
            return BK_ERR;
        uint32_t mark = w->n;
        if (any)
            put_byte(w, ',');
        newline(w);
        quote(w, key);
        put_byte(w, ':');
        if (w->gap)
            put_byte(w, ' ');
        int sk;
        if (w->replacer == V_UNDEF && !v_is_obj(e)) /* no code can run */
            sk = !put_prim(w, e);
        else if (write_val(w, v, key, 0, e, &sk) != BK_OK)
            return BK_ERR;
        if (sk) {
            w->n = mark;
            continue;
        }
        any = 1;
    }
    w->keys.n = base;
    w->depth--;
    if (any)
        newline(w);
    w->depth++;
    put_byte(w, '}');
    return BK_OK;
}

/* SerializeJSONProperty for holder[key] (value v already read); key is k,
 * or the index idx when k is NULL. *skip: nothing to write (undefined,
 * functions, symbols). */
static int write_val(jw_t *w, val_t holder, bk_js_str_t *k, uint32_t idx,
                     val_t v, int *skip)
{
    bk_js_ctx_t *ctx = w->ctx;
    *skip = 0;
    if (v_is_obj(v)) {
        val_t f;
        if (get_tojson(w, v, &f) != BK_OK)
            return BK_ERR;
        if (bk_js__is_callable(f)) {
            val_t kv = key_val(w, k, idx);
            w->ran++;
            if (bk_js__call(ctx, f, v, 1, &kv, &v) != BK_OK)
                return BK_ERR;
        }
    }
    if (w->replacer != V_UNDEF) {
        val_t args[2] = {key_val(w, k, idx), v};
        w->ran++;
        if (bk_js__call(ctx, w->replacer, holder, 2, args, &v) != BK_OK)
            return BK_ERR;
    }
    if (v_is_obj(v)) {
        int cls = v_obj(v)->cls;
        if (cls == CLS_NUMBER || cls == CLS_STRING)
            w->ran++; /* valueOf, toString */
        if (cls == CLS_NUMBER) {
            double d;
            if (bk_js__to_number(ctx, v, &d) != BK_OK)
                return BK_ERR;
            v = v_mknum(d);
        } else if (cls == CLS_STRING) {
            bk_js_str_t *s;
            if (bk_js__to_string(ctx, v, &s) != BK_OK)
                return BK_ERR;
            v = v_mkstr(s);
        } else if (cls == CLS_BOOLEAN) {
            v = bk_js__rd(ctx, v_obj(v))->u.prim;
        }
    }
    if (!v_is_obj(v)) {
        *skip = !put_prim(w, v);
        return BK_OK;
    }
    if (bk_js__is_callable(v)) {
        *skip = 1;
        return BK_OK;
    }
    for (unsigned i = 0; i < w->depth; i++)
        if (w->lv[i].obj == v)
            return circular(w, i, k, idx);
    if (w->depth >= MAX_DEPTH || stack_exhausted(w->base))
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    if (w->depth == w->lvcap) {
        jw_level_t *nl = bk_js__ialloc(ctx, 2 * w->lvcap * sizeof(*nl));
        memcpy(nl, w->lv, w->depth * sizeof(*nl));
        w->lv = nl;
        w->lvcap *= 2;
    }
    w->lv[w->depth].obj = v;
    w->lv[w->depth].key = k;
    w->lv[w->depth++].idx = idx;
    int rc = v_obj(v)->cls == CLS_ARRAY ? write_array(w, v)
                                        : write_object(w, v);
    w->depth--;
    return rc;
}

static int JSON_stringify(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    jw_t w;
    val_t kbuf[128];
    jw_level_t lvbuf[32];
    w.ctx = ctx;
    w.hdr = NULL;
    w.n = w.cap = 0;
    w.wide = 0;
    w.replacer = V_UNDEF;
    w.allow = NULL;
    w.nallow = 0;
    w.gap = NULL;
    w.ran = 0;
    w.plain[0] = w.plain[1] = NULL;
    w.plain_at[0] = w.plain_at[1] = 0;
    w.depth = 0;
    w.base = stack_base(ctx);
    w.lv = lvbuf;
    w.lvcap = BK_COUNTOF(lvbuf);
    vs_init(&w.keys, ctx, kbuf, BK_COUNTOF(kbuf));
    val_t r = ARG(1), space = ARG(2);
    if (bk_js__is_callable(r)) {
        w.replacer = r;
    } else if (v_is_obj(r) && v_obj(r)->cls == CLS_ARRAY) {
        double len;
        if (bk_js__length_of(ctx, r, &len) != BK_OK)
            return BK_ERR;
        w.allow = bk_js__ialloc(ctx, ((size_t)len + 1) * sizeof(val_t));
        for (uint32_t i = 0; i < len; i++) {
            val_t e;
            if (bk_js__get_index(ctx, r, i, &e) != BK_OK)
                return BK_ERR;
            if (!v_is_str(e) && !v_is_num(e) &&
                !(v_is_obj(e) && (v_obj(e)->cls == CLS_STRING ||
                                  v_obj(e)->cls == CLS_NUMBER)))
                continue;
            bk_js_str_t *s;
            if (bk_js__to_string(ctx, e, &s) != BK_OK)
                return BK_ERR;
            s = bk_js__atom(ctx, s);
            int dup = 0;
            for (uint32_t k = 0; k < w.nallow && !dup; k++)
                dup = v_str(w.allow[k]) == s;
            if (!dup)
                w.allow[w.nallow++] = v_mkstr(s);
        }
    }
    if (v_is_obj(space)) {
        if (v_obj(space)->cls == CLS_NUMBER) {
            double d;
            if (bk_js__to_number(ctx, space, &d) != BK_OK)
                return BK_ERR;
            space = v_mknum(d);
        } else if (v_obj(space)->cls == CLS_STRING) {
            bk_js_str_t *s;
            if (bk_js__to_string(ctx, space, &s) != BK_OK)
                return BK_ERR;
            space = v_mkstr(s);
        }
    }
    if (v_is_num(space)) {
        double d = bk_js__to_integer(v_num(space));
        int n = d > 10 ? 10 : d < 1 ? 0 : (int)d;
        if (n > 0)
            w.gap = bk_js__str_new8(ctx, (const uint8_t *)"          ",
                                    (uint32_t)n);
    } else if (v_is_str(space) && v_str(space)->len) {
        bk_js_str_t *s = v_str(space);
        w.gap = bk_js__str_sub(ctx, s, 0, BK_MIN(s->len, 10));
    }
    /* The wrapper {"": value} is only visible to a replacer function. */
    val_t holder = V_UNDEF;
    if (w.replacer != V_UNDEF) {
        bk_js_obj_t *h = bk_js__obj_new(ctx, CLS_OBJECT,
                                        ctx->prog->proto[PROTO_OBJECT]);
        bk_js__put_own(ctx, h, A(ctx, empty), ARG(0), P_DEFAULT);
        holder = v_mkobj(h);
    }
    int skip;
    if (write_val(&w, holder, A(ctx, empty), 0, ARG(0), &skip) != BK_OK)
        return BK_ERR;
    *ret = skip ? V_UNDEF : v_mkstr(out_done(&w));
    return BK_OK;
}

/* ---- parse -------------------------------------------------------------- */

#define KCACHE 128

typedef struct {
    bk_js_ctx_t *ctx;
    bk_js_str_t *src;
    const uint8_t *s8;   /* the source's units: one of these two */
    const uint16_t *s16;
    uint32_t i, n;       /* position, length */
    vstack_t vs;         /* members of open containers (objects: key, value) */
    uint32_t *fr;        /* open containers: base in vs << 1 | is_object */
    uint32_t nfr, frcap;
    bk_js_str_t *kcache[KCACHE]; /* recent keys (8-bit, no escapes) */
} jp_t;

#define AT(i) (wide ? (uint32_t)p->s16[(i)] : (uint32_t)p->s8[(i)])


/* ---- parse: errors (V8's messages) ---- */

static int jp_throw(jp_t *p, bk_js_str_t *msg)
{
    return bk_js__throw_val(
        p->ctx, v_mkobj(bk_js__error_new(p->ctx, ERR_SyntaxError, msg)));
}

/* "<what> at position N" (what ends in "in JSON" but for one message). */
static int jp_fail(jp_t *p, const char *what, uint32_t pos)
{
    char buf[128];
    snprintf(buf, sizeof(buf), "%s at position %u", what, pos);
    return jp_throw(p, bk_js__str_cstr(p->ctx, buf));
}

static int src_is(const bk_js_str_t *s, const char *lit)
{
    size_t n = strlen(lit);
    if (s->len != n)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        if (str_at(s, i) != (uint8_t)lit[i])
            return 0;
    return 1;
}

/* V8's report for an unexpected character at 'pos' (ReportUnexpectedToken
 * with the token that character starts). */
static int jp_unexpected(jp_t *p, uint32_t pos)
{
    bk_js_ctx_t *ctx = p->ctx;
    bk_js_str_t *s = p->src;
    if (pos >= s->len)
        return jp_throw(p,
                        bk_js__str_cstr(ctx, "Unexpected end of JSON input"));
    uint32_t c = str_at(s, pos);
    if (c == '"')
        return jp_fail(p, "Unexpected string in JSON", pos);
    if (c == '-' || (c >= '0' && c <= '9'))
        return jp_fail(p, "Unexpected number in JSON", pos);
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, ctx);
    if (src_is(s, "[object Object]") || src_is(s, "undefined") ||
        src_is(s, "Infinity") || src_is(s, "NaN")) {
        bk_js__sb_putc(&sb, '"');
        bk_js__sb_str(&sb, s);
        bk_js__sb_cstr(&sb, "\" is not valid JSON");
        return jp_throw(p, bk_js__sb_done(&sb));
    }
    bk_js__sb_cstr(&sb, "Unexpected token '");
    bk_js__sb_putc(&sb, c);
    bk_js__sb_cstr(&sb, "', ");
    uint32_t from = 0, to = s->len;
    const char *pre = "\"", *post = "\" is not valid JSON";
    if (s->len >= 21) {
        if (pos < 10) {
            to = pos + 10;
            post = "\"... is not valid JSON";
        } else if (pos < s->len - 10) {
            from = pos - 10;
            to = pos + 10;
            pre = "...\"";
            post = "\"... is not valid JSON";
        } else {
            from = pos - 10;
            pre = "...\"";
        }
    }
    bk_js__sb_cstr(&sb, pre);
    for (uint32_t i = from; i < to; i++)
        bk_js__sb_putc(&sb, str_at(s, i));
    bk_js__sb_cstr(&sb, post);
    return jp_throw(p, bk_js__sb_done(&sb));
}

/* ---- parse: scanning ---- */

INLINE uint32_t skip_ws(const jp_t *p, const int wide, uint32_t i)
{
    while (i < p->n) {
        uint32_t c = AT(i);
        if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t'))
            break;
        i++;
    }
    return i;
}

static int hexv(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if ((c | 32) >= 'a' && (c | 32) <= 'f')
        return (int)((c | 32) - 'a' + 10);
    return -1;
}

/* A string of 'len' units, uninitialised, 8-bit unless 'wide'. */
static bk_js_str_t *str_make(bk_js_ctx_t *ctx, uint32_t len, int wide)
{
    bk_js_str_t *s = ialloc(ctx, sizeof(*s) + (size_t)len * (wide ? 2 : 1));
    memset(s, 0, sizeof(*s));
    s->len = len;
    s->flags = wide ? STR_WIDE : 0;
    s->d.u8 = (const uint8_t *)(s + 1);
    return s;
}

/* A view of len units at d (strings are immutable, so sharing the
 * source's units is safe; the view lives as long as the source does). */
static bk_js_str_t *str_view(bk_js_ctx_t *ctx, const void *d, uint32_t len,
                             int wide)
{
    bk_js_str_t *s = ialloc(ctx, sizeof(*s));
    memset(s, 0, sizeof(*s));
    s->len = len;
    s->flags = wide ? STR_WIDE : 0;
    s->d.u8 = d;
    return s;
}

/* The slow half of a string: from 'i' (the first unit the fast scan
 * stopped at) validates up to the closing quote, then decodes
 * [st, end) into a new string. */
INLINE int scan_string_slow(jp_t *p, const int wide, uint32_t st, uint32_t i,
                            uint32_t bits, bk_js_str_t **out)
{
    uint32_t n = p->n, len = i - st;
    for (;;) {
        if (i >= n)
            return jp_fail(p, "Unterminated string in JSON", n);
        uint32_t c = AT(i);
        if (c == '"')
            break;
        if (c == '\\') {
            if (++i >= n)
                return jp_unexpected(p, i);
            c = AT(i);
            if (c > 255)
                return jp_unexpected(p, i);
            switch (c) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n':
            case 'r': case 't':
                i++;
                break;
            case 'u': {
                uint32_t v = 0;
                for (int k = 0; k < 4; k++) {
                    int h = ++i < n ? hexv(AT(i)) : -1;
                    if (h < 0)
                        return jp_fail(p, "Bad Unicode escape in JSON", i);
                    v = v * 16 + (uint32_t)h;
                }
                bits |= v;
                i++;
                break;
            }
            default:
                return jp_fail(p, "Bad escaped character in JSON", i);
            }
            len++;
            continue;
        }
        if (c < 0x20)
            return jp_fail(p, "Bad control character in string literal "
                              "in JSON", i);
        bits |= c;
        len++;
        i++;
    }
    uint32_t end = i;
    int w16 = bits > 255;
    bk_js_str_t *s = str_make(p->ctx, len, w16);
    uint8_t *d8 = (uint8_t *)s->d.u8;
    uint16_t *d16 = (uint16_t *)s->d.u16;
    uint32_t k = 0;
    for (i = st; i < end; i++) {
        uint32_t c = AT(i);
        if (c == '\\') {
            c = AT(++i);
            switch (c) {
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'u':
                c = (uint32_t)(hexv(AT(i + 1)) << 12 | hexv(AT(i + 2)) << 8 |
                               hexv(AT(i + 3)) << 4 | hexv(AT(i + 4)));
                i += 4;
                break;
            default: break; /* '"', '\\', '/' stand for themselves */
            }
        }
        if (w16)
            d16[k++] = (uint16_t)c;
        else
            d8[k++] = (uint8_t)c;
    }
    p->i = end + 1;
    *out = s;
    return BK_OK;
}

/* A string value; p->i is at its opening quote. */
INLINE int scan_string(jp_t *p, const int wide, bk_js_str_t **out)
{
    uint32_t st = p->i + 1, i = st, n = p->n, bits = 0;
    if (!wide) {
        const uint8_t *s = p->s8;
        i = scan_plain8(s, i, n);
        if (BK_LIKELY(i < n && s[i] == '"')) {
            p->i = i + 1;
            *out = i == st ? A(p->ctx, empty)
                           : str_view(p->ctx, s + st, i - st, 0);
            return BK_OK;
        }
    } else {
        const uint16_t *s = p->s16;
        while (i < n && (s[i] > 255 || !esc_tab[s[i]]))
            bits |= s[i++];
        if (i < n && s[i] == '"') {
            p->i = i + 1;
            if (i == st) {
                *out = A(p->ctx, empty);
            } else if (bits > 255) {
                *out = str_view(p->ctx, s + st, i - st, 1);
            } else {
                bk_js_str_t *r = str_make(p->ctx, i - st, 0);
                uint8_t *d = (uint8_t *)r->d.u8;
                for (uint32_t k = st; k < i; k++)
                    d[k - st] = (uint8_t)s[k];
                *out = r;
            }
            return BK_OK;
        }
    }
    return scan_string_slow(p, wide, st, i, bits, out);
}

INLINE int same8(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    if (n >= 8 && n <= 16) { /* overlapping head and tail words */
        uint64_t a0, a1, b0, b1;
        memcpy(&a0, a, 8);
        memcpy(&a1, a + n - 8, 8);
        memcpy(&b0, b, 8);
        memcpy(&b1, b + n - 8, 8);
        return a0 == b0 && a1 == b1;
    }
    if (n >= 4 && n < 8) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, a, 4);
        memcpy(&a1, a + n - 4, 4);
        memcpy(&b0, b, 4);
        memcpy(&b1, b + n - 4, 4);
        return a0 == b0 && a1 == b1;
    }
    if (n > 16)
        return memcmp(a, b, n) == 0;
    for (uint32_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* The key cache slot of s[0..len) (room: bytes readable from s): a mix
 * of its length and its first and last eight bytes. */
INLINE unsigned key_slot(const uint8_t *s, uint32_t len, uint32_t room)
{
    uint64_t head = 0, tail = 0;
    if (room >= 8) {
        memcpy(&head, s, 8);
        if (len < 8)
            head &= ((uint64_t)1 << (8 * len)) - 1;
        else
            memcpy(&tail, s + len - 8, 8);
    } else {
        for (uint32_t k = 0; k < len; k++)
            head |= (uint64_t)s[k] << (8 * k);
    }
    uint64_t h = (head ^ (tail >> 1) ^ len) * 0x9E3779B97F4A7C15ull;
    return (unsigned)(h >> 57) & (KCACHE - 1);
}

/* A property key, interned; p->i is at its opening quote. */
INLINE int scan_key(jp_t *p, const int wide, bk_js_str_t **out)
{
    if (!wide) {
        const uint8_t *s = p->s8;
        uint32_t st = p->i + 1, n = p->n;
        uint32_t i = scan_plain8(s, st, n);
        if (BK_LIKELY(i < n && s[i] == '"')) {
            uint32_t len = i - st;
            unsigned slot = key_slot(s + st, len, n - st);
            bk_js_str_t *a = p->kcache[slot];
            if (a == NULL || a->len != len || (a->flags & STR_WIDE) ||
                !same8(a->d.u8, s + st, len)) {
                /* A key the cache has not seen: interned from the
                 * input's bytes (bk_js__atom copies a new one out). */
                bk_js_str_t tmp;
                memset(&tmp, 0, sizeof(tmp));
                tmp.len = len;
                tmp.d.u8 = s + st;
                a = bk_js__atom(p->ctx, &tmp);
                p->kcache[slot] = a;
            }
            p->i = i + 1;
            *out = a;
            return BK_OK;
        }
    }
    bk_js_str_t *k = NULL;
    if (scan_string(p, wide, &k) != BK_OK)
        return BK_ERR;
    *out = bk_js__atom(p->ctx, k);
    return BK_OK;
}

/* A number; p->i is at its '-' or first digit. */
INLINE int scan_number(jp_t *p, const int wide, val_t *out)
{
    uint32_t st = p->i, i = st, n = p->n;
    int neg = 0, simple = 1;
    if (AT(i) == '-') {
        neg = 1;
        if (++i >= n || AT(i) - '0' > 9)
            return jp_fail(p, "No number after minus sign in JSON", i);
    }
    uint64_t m = 0;
    uint32_t digits = 0;
    if (AT(i) == '0') {
        i++;
        digits = 1;
        if (i < n && AT(i) - '0' <= 9)
            return jp_unexpected(p, i);
    } else {
        uint32_t c;
        while (i < n && (c = AT(i) - '0') <= 9) {
            m = m * 10 + c;
            i++;
            if (++digits > 15)
                simple = 0;
        }
    }
    if (i < n && AT(i) == '.') {
        simple = 0;
        if (++i >= n || AT(i) - '0' > 9)
            return jp_fail(p, "Unterminated fractional number in JSON", i);
        while (i < n && AT(i) - '0' <= 9)
            i++;
    }
    if (i < n && (AT(i) | 32) == 'e') {
        simple = 0;
        if (++i < n && (AT(i) == '+' || AT(i) == '-'))
            i++;
        if (i >= n || AT(i) - '0' > 9)
            return jp_fail(p, "Exponent part is missing a number in JSON", i);
        while (i < n && AT(i) - '0' <= 9)
            i++;
    }
    p->i = i;
    double d;
    if (simple)
        d = (double)m;
    else if (wide)
        d = bk_js_num_from_utf16(p->s16 + st + neg, i - st - neg);
    else
        d = bk_js_num_from_latin1(p->s8 + st + neg, i - st - neg);
    *out = v_mknum(neg ? -d : d);
    return BK_OK;
}

/* true, false or null; p->i is at its first letter. V8 reports the first
 * unit that differs, or the end. */
INLINE int scan_literal(jp_t *p, const int wide, const char *lit, val_t v,
                        val_t *out)
{
    uint32_t i = p->i, n = p->n;
    for (uint32_t k = 1; lit[k]; k++) {
        if (i + k >= n)
            return jp_unexpected(p, n);
        if (AT(i + k) != (uint8_t)lit[k])
            return jp_unexpected(p, i + k);
    }
    p->i = i + (uint32_t)strlen(lit);
    *out = v;
    return BK_OK;
}

/* ---- parse: building ---- */

/* The object whose members are vs[base..): key, value pairs; a repeated
 * key keeps its first place and its last value. */
static val_t make_object(jp_t *p, uint32_t base)
{
    bk_js_ctx_t *ctx = p->ctx;
    uint32_t n = (p->vs.n - base) / 2;
    const val_t *kv = p->vs.v + base;
    bk_js__charge(ctx, COST_VALUE * (1 + (int64_t)n));
    bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    if (n == 0)
        return v_mkobj(o);
    bk_js_prop_t *pr = ialloc(ctx, (size_t)n * sizeof(bk_js_prop_t));
    o->props = pr;
    o->pcap = n;
    if (n <= 8) { /* no hash index at this size (object.c) */
        uint32_t k = 0;
        for (uint32_t j = 0; j < n; j++) {
            bk_js_str_t *key = v_str(kv[2 * j]);
            uint32_t m = 0;
            while (m < k && pr[m].key != key)
                m++;
            if (m == k) {
                pr[k].key = key;
                pr[k].flags = P_DEFAULT;
                pr[k]._pad = 0;
                k++;
            }
            pr[m].v = kv[2 * j + 1];
        }
        o->nprops = k;
    } else {
        for (uint32_t j = 0; j < n; j++)
            bk_js__put_own(ctx, o, v_str(kv[2 * j]), kv[2 * j + 1],
                           P_DEFAULT);
    }
    return v_mkobj(o);
}

static val_t make_array(jp_t *p, uint32_t base)
{
    bk_js_ctx_t *ctx = p->ctx;
    uint32_t n = p->vs.n - base;
    bk_js__charge(ctx, COST_VALUE * (1 + (int64_t)n));
    bk_js_obj_t *a = bk_js__obj_new(ctx, CLS_ARRAY,
                                    ctx->prog->proto[PROTO_ARRAY]);
    if (n) {
        a->elems = ialloc(ctx, (size_t)n * sizeof(val_t));
        memcpy(a->elems, p->vs.v + base, (size_t)n * sizeof(val_t));
        a->ecap = a->nelems = a->len = n;
    }
    return v_mkobj(a);
}

static void push_frame(jp_t *p, uint32_t f)
{
    if (BK_UNLIKELY(p->nfr == p->frcap)) {
        uint32_t cap = p->frcap * 2;
        if (cap > (1u << 27))
            bk_js__abort(p->ctx, BK_JS_LIMIT_MEMORY);
        uint32_t *nf = bk_js__ialloc(p->ctx, (size_t)cap * sizeof(uint32_t));
        memcpy(nf, p->fr, (size_t)p->nfr * sizeof(uint32_t));
        p->fr = nf;
        p->frcap = cap;
    }
    p->fr[p->nfr++] = f;
}

/* After a key: the ':' and whatever white space surrounds it. V8 names
 * the missing ':' only after an object's first key. */
INLINE int expect_colon(jp_t *p, const int wide, int first)
{
    uint32_t i = skip_ws(p, wide, p->i);
    if (BK_UNLIKELY(i >= p->n || AT(i) != ':'))
        return first ? jp_fail(p, "Expected ':' after property name in JSON",
                               i)
                     : jp_unexpected(p, i);
    p->i = i + 1;
    return BK_OK;
}

/* The whole text: one value, then only white space. */
INLINE int parse_text(jp_t *p, const int wide, val_t *out)
{
    uint32_t n = p->n;
    val_t v = V_UNDEF;
    bk_js_str_t *s = NULL;
    for (;;) {
        /* Produce a value (or open containers until one is produced). */
        uint32_t i = skip_ws(p, wide, p->i);
        if (i >= n)
            return jp_unexpected(p, i);
        p->i = i;
        switch (AT(i)) {
        case '"':
            if (scan_string(p, wide, &s) != BK_OK)
                return BK_ERR;
            v = v_mkstr(s);
            break;
        case '{':
            i = skip_ws(p, wide, i + 1);
            if (i < n && AT(i) == '}') {
                p->i = i + 1;
                v = make_object(p, p->vs.n);
                break;
            }
            if (i >= n || AT(i) != '"')
                return jp_fail(p, "Expected property name or '}' in JSON", i);
            push_frame(p, p->vs.n << 1 | 1);
            p->i = i;
            if (scan_key(p, wide, &s) != BK_OK)
                return BK_ERR;
            vs_push(&p->vs, v_mkstr(s));
            if (expect_colon(p, wide, 1) != BK_OK)
                return BK_ERR;
            continue;
        case '[':
            i = skip_ws(p, wide, i + 1);
            if (i < n && AT(i) == ']') {
                p->i = i + 1;
                v = make_array(p, p->vs.n);
                break;
            }
            push_frame(p, p->vs.n << 1);
            p->i = i;
            continue;
        case 't':
            if (scan_literal(p, wide, "true", V_TRUE, &v) != BK_OK)
                return BK_ERR;
            break;
        case 'f':
            if (scan_literal(p, wide, "false", V_FALSE, &v) != BK_OK)
                return BK_ERR;
            break;
        case 'n':
            if (scan_literal(p, wide, "null", V_NULL, &v) != BK_OK)
                return BK_ERR;
            break;
        case '-': case '0': case '1': case '2': case '3': case '4': case '5':
        case '6': case '7': case '8': case '9':
            if (scan_number(p, wide, &v) != BK_OK)
                return BK_ERR;
            break;
        default:
            return jp_unexpected(p, i);
        }
        /* Consume it, closing every container it completes. */
        for (;;) {
            if (p->nfr == 0) {
                uint32_t e = skip_ws(p, wide, p->i);
                if (e < n)
                    return jp_fail(p, "Unexpected non-whitespace character "
                                      "after JSON", e);
                *out = v;
                return BK_OK;
            }
            uint32_t f = p->fr[p->nfr - 1];
            vs_push(&p->vs, v);
            i = skip_ws(p, wide, p->i);
            if (i < n && AT(i) == ',') {
                i = skip_ws(p, wide, i + 1);
                p->i = i;
                if (f & 1) {
                    if (i >= n || AT(i) != '"')
                        return jp_fail(p, "Expected double-quoted property "
                                          "name in JSON", i);
                    if (scan_key(p, wide, &s) != BK_OK)
                        return BK_ERR;
                    vs_push(&p->vs, v_mkstr(s));
                    if (expect_colon(p, wide, 0) != BK_OK)
                        return BK_ERR;
                }
                break;
            }
            if (f & 1) {
                if (i >= n || AT(i) != '}')
                    return jp_fail(p, "Expected ',' or '}' after property "
                                      "value in JSON", i);
                v = make_object(p, f >> 1);
            } else {
                if (i >= n || AT(i) != ']')
                    return jp_fail(p, "Expected ',' or ']' after array "
                                      "element in JSON", i);
                v = make_array(p, f >> 1);
            }
            p->vs.n = f >> 1;
            p->nfr--;
            p->i = i + 1;
        }
    }
}

static int parse8(jp_t *p, val_t *out) { return parse_text(p, 0, out); }
static int parse16(jp_t *p, val_t *out) { return parse_text(p, 1, out); }

/* ---- parse: reviver ---- */

/* CreateDataProperty / [[Delete]] as InternalizeJSONProperty uses them:
 * a property that cannot be replaced or removed stays as it is. */
static int revive_put(bk_js_ctx_t *ctx, bk_js_obj_t *o, bk_js_str_t *key,
                      val_t nv)
{
    uint32_t fl;
    val_t old;
    bk_js_accessor_t *acc;
    int has = bk_js__get_own(ctx, o, key, &fl, &old, &acc);
    if (has && !(fl & P_CONFIGURABLE))
        return BK_OK;
    if (nv == V_UNDEF) {
        int ok;
        return has ? bk_js__delete(ctx, o, key, &ok) : BK_OK;
    }
    if (!has && !(bk_js__rd(ctx, o)->flags & OF_EXTENSIBLE))
        return BK_OK;
    return bk_js__define(ctx, o, key, nv, P_DEFAULT);
}

static int revive(bk_js_ctx_t *ctx, val_t reviver, val_t holder,
                  bk_js_str_t *key, unsigned depth, uintptr_t base, val_t *out)
{
    val_t v;
    if (depth > MAX_DEPTH || stack_exhausted(base))
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    if (bk_js__get(ctx, holder, key, &v) != BK_OK)
        return BK_ERR;
    if (v_is_obj(v)) {
        bk_js_obj_t *o = v_obj(v);
        if (o->cls == CLS_ARRAY) {
            double len;
            if (bk_js__length_of(ctx, v, &len) != BK_OK)
                return BK_ERR;
            for (uint32_t i = 0; i < len; i++) {
                bk_js_str_t *k = bk_js__atom_index(ctx, i);
                val_t nv;
                if (revive(ctx, reviver, v, k, depth + 1, base, &nv) != BK_OK ||
                    revive_put(ctx, o, k, nv) != BK_OK)
                    return BK_ERR;
            }
        } else {
            uint32_t n;
            val_t *keys = bk_js__own_keys(ctx, o, 1, 1, &n);
            for (uint32_t i = 0; i < n; i++) {
                val_t nv;
                if (revive(ctx, reviver, v, v_str(keys[i]), depth + 1, base,
                           &nv) != BK_OK ||
                    revive_put(ctx, o, v_str(keys[i]), nv) != BK_OK)
                    return BK_ERR;
            }
        }
    }
    val_t args[2] = {v_mkstr(key), v};
    return bk_js__call(ctx, reviver, holder, 2, args, out);
}

static int JSON_parse(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    jp_t p;
    val_t vbuf[256];
    uint32_t fbuf[64];
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    bk_js__charge(ctx, COST_VALUE + COST_UNIT * (int64_t)s->len);
    p.ctx = ctx;
    p.src = s;
    p.i = 0;
    p.n = s->len;
    vs_init(&p.vs, ctx, vbuf, BK_COUNTOF(vbuf));
    p.fr = fbuf;
    p.nfr = 0;
    p.frcap = BK_COUNTOF(fbuf);
    memset(p.kcache, 0, sizeof(p.kcache));
    int rc;
    if (s->flags & STR_WIDE) {
        p.s8 = NULL;
        p.s16 = s->d.u16;
        rc = parse16(&p, ret);
    } else {
        p.s8 = s->d.u8;
        p.s16 = NULL;
        rc = parse8(&p, ret);
    }
    if (rc != BK_OK)
        return BK_ERR;
    if (bk_js__is_callable(ARG(1))) {
        bk_js_obj_t *root = bk_js__obj_new(ctx, CLS_OBJECT,
                                           ctx->prog->proto[PROTO_OBJECT]);
        bk_js__put_own(ctx, root, A(ctx, empty), *ret, P_DEFAULT);
        return revive(ctx, argv[1], v_mkobj(root), A(ctx, empty), 0,
                      stack_base(ctx), ret);
    }
    return BK_OK;
}

void bk_js__install_json(bk_js_ctx_t *ctx)
{
    bk_js_obj_t *j = bk_js__obj_new(ctx, CLS_OBJECT,
                                    ctx->prog->proto[PROTO_OBJECT]);
    static const bk_js_method_t m[] = {
        {"parse", JSON_parse, 2, 0},
        {"stringify", JSON_stringify, 3, 0},
    };
    bk_js__def_methods(ctx, j, m, BK_COUNTOF(m));
    if (ctx->prog->sym[SYM_toStringTag])
        bk_js__put_own(ctx, j, ctx->prog->sym[SYM_toStringTag],
                       v_mkstr(bk_js__atom_cstr(ctx, "JSON")), P_CONFIGURABLE);
    bk_js__def_value(ctx, ctx->prog->global, "JSON", v_mkobj(j),
                     P_WRITABLE | P_CONFIGURABLE);
}
