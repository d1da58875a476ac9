/*
 * builtin_json.c: JSON.parse (with reviver) and JSON.stringify (replacer
 * function or list, indent, toJSON, cycle detection).
 *
 * Both recurse with the data's nesting, capped at MAX_DEPTH (RangeError),
 * so hostile input cannot exhaust the C stack.
 */
#include <math.h>
#include <stdio.h>

#include "js/js_int.h"
#include "js/num.h"

#define MAX_DEPTH 500

/* ---- stringify ------------------------------------------------------ */

typedef struct {
    bk_js_ctx_t *ctx;
    bk_js_sb_t sb;
    val_t replacer;  /* function or undefined */
    val_t *allow;    /* property list or NULL */
    uint32_t nallow;
    bk_js_str_t *gap;
    val_t stack[MAX_DEPTH];
    unsigned depth;
} jw_t;

static void quote(bk_js_sb_t *sb, const bk_js_str_t *s)
{
    static const char hex[] = "0123456789abcdef";
    bk_js__sb_putc(sb, '"');
    for (uint32_t i = 0; i < s->len; i++) {
        uint32_t c = str_at(s, i);
        switch (c) {
        case '"': bk_js__sb_cstr(sb, "\\\""); continue;
        case '\\': bk_js__sb_cstr(sb, "\\\\"); continue;
        case '\b': bk_js__sb_cstr(sb, "\\b"); continue;
        case '\f': bk_js__sb_cstr(sb, "\\f"); continue;
        case '\n': bk_js__sb_cstr(sb, "\\n"); continue;
        case '\r': bk_js__sb_cstr(sb, "\\r"); continue;
        case '\t': bk_js__sb_cstr(sb, "\\t"); continue;
        default: break;
        }
        int lone = 0;
        if (c >= 0xD800 && c < 0xDC00) {
            uint32_t d = i + 1 < s->len ? str_at(s, i + 1) : 0;
            if (d >= 0xDC00 && d < 0xE000) {
                bk_js__sb_putc(sb, c);
                bk_js__sb_putc(sb, d);
                i++;
                continue;
            }
            lone = 1;
        } else if (c >= 0xDC00 && c < 0xE000) {
            lone = 1;
        }
        if (c < 0x20 || lone) {
            bk_js__sb_cstr(sb, "\\u");
            bk_js__sb_putc(sb, (uint8_t)hex[(c >> 12) & 15]);
            bk_js__sb_putc(sb, (uint8_t)hex[(c >> 8) & 15]);
            bk_js__sb_putc(sb, (uint8_t)hex[(c >> 4) & 15]);
            bk_js__sb_putc(sb, (uint8_t)hex[c & 15]);
            continue;
        }
        bk_js__sb_putc(sb, c);
    }
    bk_js__sb_putc(sb, '"');
}

static void newline(jw_t *w)
{
    if (w->gap == NULL || w->gap->len == 0)
        return;
    bk_js__sb_putc(&w->sb, '\n');
    for (unsigned i = 0; i < w->depth; i++)
        bk_js__sb_str(&w->sb, w->gap);
}

/* Writes holder[key] (value v already fetched); *skip when undefined-like
 * (functions, symbols, undefined). */
static int write_val(jw_t *w, val_t holder, val_t key, val_t v, int *skip)
{
    bk_js_ctx_t *ctx = w->ctx;
    *skip = 0;
    bk_js__charge(ctx, 4);
    if (v_is_obj(v)) {
        val_t f;
        if (bk_js__get(ctx, v, A(ctx, toJSON), &f) != BK_OK)
            return BK_ERR;
        if (bk_js__is_callable(f) &&
            bk_js__call(ctx, f, v, 1, &key, &v) != BK_OK)
            return BK_ERR;
    }
    if (w->replacer != V_UNDEF) {
        val_t args[2] = {key, v};
        if (bk_js__call(ctx, w->replacer, holder, 2, args, &v) != BK_OK)
            return BK_ERR;
    }
    if (v_is_obj(v)) {
        int cls = v_obj(v)->cls;
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
            v = v_obj(v)->u.prim;
        }
    }
    if (v == V_NULL) {
        bk_js__sb_cstr(&w->sb, "null");
        return BK_OK;
    }
    if (v == V_TRUE || v == V_FALSE) {
        bk_js__sb_cstr(&w->sb, v == V_TRUE ? "true" : "false");
        return BK_OK;
    }
    if (v_is_str(v)) {
        quote(&w->sb, v_str(v));
        return BK_OK;
    }
    if (v_is_num(v)) {
        char buf[BK_JS_NUM_BUF];
        double d = v_num(v);
        if (!isfinite(d)) {
            bk_js__sb_cstr(&w->sb, "null");
        } else {
            bk_js_num_to_str(d, buf);
            bk_js__sb_cstr(&w->sb, buf);
        }
        return BK_OK;
    }
    if (!v_is_obj(v) || bk_js__is_callable(v)) {
        *skip = 1;
        return BK_OK;
    }
    for (unsigned i = 0; i < w->depth; i++)
        if (w->stack[i] == v)
            return bk_js__type_error(ctx, "Converting circular structure to "
                                          "JSON");
    if (w->depth >= MAX_DEPTH)
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    w->stack[w->depth++] = v;
    bk_js__charge(ctx, 48);
    if (v_obj(v)->cls == CLS_ARRAY) {
        double len;
        if (bk_js__length_of(ctx, v, &len) != BK_OK)
            return BK_ERR;
        bk_js__sb_putc(&w->sb, '[');
        for (uint32_t i = 0; i < len; i++) {
            if (i)
                bk_js__sb_putc(&w->sb, ',');
            newline(w);
            val_t e;
            int sk;
            if (bk_js__get_index(ctx, v, i, &e) != BK_OK ||
                write_val(w, v, v_mkstr(bk_js__atom_index(ctx, i)), e, &sk) !=
                    BK_OK)
                return BK_ERR;
            if (sk)
                bk_js__sb_cstr(&w->sb, "null");
        }
        w->depth--;
        if (len > 0)
            newline(w);
        bk_js__sb_putc(&w->sb, ']');
        return BK_OK;
    }
    uint32_t n;
    val_t *keys;
    if (w->allow) {
        keys = w->allow;
        n = w->nallow;
    } else {
        keys = bk_js__own_keys(ctx, v_obj(v), 1, 1, &n);
    }
    bk_js__sb_putc(&w->sb, '{');
    int any = 0;
    for (uint32_t i = 0; i < n; i++) {
        val_t e;
        if (bk_js__get(ctx, v, v_str(keys[i]), &e) != BK_OK)
            return BK_ERR;
        uint32_t mark = w->sb.n;
        if (any)
            bk_js__sb_putc(&w->sb, ',');
        newline(w);
        quote(&w->sb, v_str(keys[i]));
        bk_js__sb_putc(&w->sb, ':');
        if (w->gap && w->gap->len)
            bk_js__sb_putc(&w->sb, ' ');
        int sk;
        if (write_val(w, v, keys[i], e, &sk) != BK_OK)
            return BK_ERR;
        if (sk) {
            w->sb.n = mark;
            continue;
        }
        any = 1;
    }
    w->depth--;
    if (any)
        newline(w);
    bk_js__sb_putc(&w->sb, '}');
    return BK_OK;
}

static int JSON_stringify(bk_js_ctx_t *ctx, val_t this_val, int argc,
                          const val_t *argv, val_t *ret)
{
    jw_t *w = bk_js__izalloc(ctx, sizeof(*w));
    w->ctx = ctx;
    bk_js__sb_init(&w->sb, ctx);
    w->replacer = V_UNDEF;
    val_t r = ARG(1), space = ARG(2);
    if (bk_js__is_callable(r)) {
        w->replacer = r;
    } else if (v_is_obj(r) && v_obj(r)->cls == CLS_ARRAY) {
        double len;
        if (bk_js__length_of(ctx, r, &len) != BK_OK)
            return BK_ERR;
        w->allow = bk_js__ialloc(ctx, ((size_t)len + 1) * sizeof(val_t));
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
            for (uint32_t k = 0; k < w->nallow && !dup; k++)
                dup = v_str(w->allow[k]) == s;
            if (!dup)
                w->allow[w->nallow++] = v_mkstr(s);
        }
    }
    if (v_is_obj(space)) {
        if (v_obj(space)->cls == CLS_NUMBER || v_obj(space)->cls == CLS_STRING)
            space = v_obj(space)->u.prim;
    }
    if (v_is_num(space)) {
        double d = bk_js__to_integer(v_num(space));
        int n = d > 10 ? 10 : d < 0 ? 0 : (int)d;
        char buf[11];
        memset(buf, ' ', (size_t)n);
        buf[n] = 0;
        w->gap = bk_js__str_cstr(ctx, buf);
    } else if (v_is_str(space)) {
        bk_js_str_t *s = v_str(space);
        w->gap = bk_js__str_sub(ctx, s, 0, BK_MIN(s->len, 10));
    }
    bk_js_obj_t *holder = bk_js__obj_new(ctx, CLS_OBJECT,
                                         ctx->prog->proto[PROTO_OBJECT]);
    bk_js__put_own(ctx, holder, A(ctx, empty), ARG(0), P_DEFAULT);
    int skip;
    if (write_val(w, v_mkobj(holder), v_mkstr(A(ctx, empty)), ARG(0),
                  &skip) != BK_OK)
        return BK_ERR;
    *ret = skip ? V_UNDEF : v_mkstr(bk_js__sb_done(&w->sb));
    return BK_OK;
}

/* ---- parse -------------------------------------------------------- */

typedef struct {
    bk_js_ctx_t *ctx;
    bk_js_str_t *s;
    uint32_t i;
    unsigned depth;
} jp_t;

static int jp_err(jp_t *p)
{
    if (p->i >= p->s->len)
        return bk_js__throw(p->ctx, ERR_SyntaxError,
                            "Unexpected end of JSON input");
    uint32_t c = str_at(p->s, p->i);
    char ch[8];
    if (c < 128)
        snprintf(ch, sizeof(ch), "%c", (char)c);
    else
        snprintf(ch, sizeof(ch), "?");
    return bk_js__throw(p->ctx, ERR_SyntaxError,
                        "Unexpected token '%s', \"%s\" is not valid JSON", ch,
                        bk_js__describe(p->ctx, v_mkstr(p->s)));
}

static void ws(jp_t *p)
{
    while (p->i < p->s->len) {
        uint32_t c = str_at(p->s, p->i);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->i++;
    }
}

static int hexv(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if ((c | 32) >= 'a' && (c | 32) <= 'f')
        return (int)((c | 32) - 'a' + 10);
    return -1;
}

static int jp_string(jp_t *p, bk_js_str_t **out)
{
    bk_js_sb_t sb;
    bk_js__sb_init(&sb, p->ctx);
    p->i++; /* " */
    for (;;) {
        if (p->i >= p->s->len)
            return jp_err(p);
        uint32_t c = str_at(p->s, p->i);
        if (c == '"') {
            p->i++;
            break;
        }
        if (c < 0x20)
            return jp_err(p);
        if (c != '\\') {
            bk_js__sb_putc(&sb, c);
            p->i++;
            continue;
        }
        p->i++;
        if (p->i >= p->s->len)
            return jp_err(p);
        c = str_at(p->s, p->i);
        switch (c) {
        case '"': bk_js__sb_putc(&sb, '"'); break;
        case '\\': bk_js__sb_putc(&sb, '\\'); break;
        case '/': bk_js__sb_putc(&sb, '/'); break;
        case 'b': bk_js__sb_putc(&sb, '\b'); break;
        case 'f': bk_js__sb_putc(&sb, '\f'); break;
        case 'n': bk_js__sb_putc(&sb, '\n'); break;
        case 'r': bk_js__sb_putc(&sb, '\r'); break;
        case 't': bk_js__sb_putc(&sb, '\t'); break;
        case 'u': {
            uint32_t v = 0;
            for (int k = 1; k <= 4; k++) {
                int h = p->i + (uint32_t)k < p->s->len
                            ? hexv(str_at(p->s, p->i + (uint32_t)k))
                            : -1;
                if (h < 0) {
                    p->i += (uint32_t)k;
                    return jp_err(p);
                }
                v = v * 16 + (uint32_t)h;
            }
            bk_js__sb_putc(&sb, v);
            p->i += 4;
            break;
        }
        default:
            return jp_err(p);
        }
        p->i++;
    }
    *out = bk_js__sb_done(&sb);
    return BK_OK;
}

static int jp_value(jp_t *p, val_t *out)
{
    bk_js_ctx_t *ctx = p->ctx;
    ws(p);
    if (p->i >= p->s->len)
        return jp_err(p);
    uint32_t c = str_at(p->s, p->i);
    if (c == '{' || c == '[') {
        if (++p->depth > MAX_DEPTH)
            return bk_js__range_error(ctx, "Maximum call stack size exceeded");
        bk_js__charge(ctx, 16);
    }
    if (c == '{') {
        bk_js_obj_t *o = bk_js__obj_new(ctx, CLS_OBJECT,
                                        ctx->prog->proto[PROTO_OBJECT]);
        p->i++;
        ws(p);
        if (p->i < p->s->len && str_at(p->s, p->i) == '}') {
            p->i++;
        } else {
            for (;;) {
                ws(p);
                if (p->i >= p->s->len || str_at(p->s, p->i) != '"')
                    return jp_err(p);
                bk_js_str_t *k;
                if (jp_string(p, &k) != BK_OK)
                    return BK_ERR;
                ws(p);
                if (p->i >= p->s->len || str_at(p->s, p->i) != ':')
                    return jp_err(p);
                p->i++;
                val_t v;
                if (jp_value(p, &v) != BK_OK)
                    return BK_ERR;
                if (bk_js__define(ctx, o, bk_js__atom(ctx, k), v, P_DEFAULT) !=
                    BK_OK)
                    return BK_ERR;
                ws(p);
                if (p->i >= p->s->len)
                    return jp_err(p);
                c = str_at(p->s, p->i++);
                if (c == '}')
                    break;
                if (c != ',') {
                    p->i--;
                    return jp_err(p);
                }
            }
        }
        p->depth--;
        *out = v_mkobj(o);
        return BK_OK;
    }
    if (c == '[') {
        bk_js_obj_t *a = bk_js__array_new(ctx, 0);
        p->i++;
        ws(p);
        if (p->i < p->s->len && str_at(p->s, p->i) == ']') {
            p->i++;
        } else {
            for (;;) {
                val_t v;
                if (jp_value(p, &v) != BK_OK)
                    return BK_ERR;
                bk_js__array_push(ctx, a, v);
                ws(p);
                if (p->i >= p->s->len)
                    return jp_err(p);
                c = str_at(p->s, p->i++);
                if (c == ']')
                    break;
                if (c != ',') {
                    p->i--;
                    return jp_err(p);
                }
            }
        }
        p->depth--;
        *out = v_mkobj(a);
        return BK_OK;
    }
    if (c == '"') {
        bk_js_str_t *s;
        if (jp_string(p, &s) != BK_OK)
            return BK_ERR;
        *out = v_mkstr(s);
        return BK_OK;
    }
    static const struct {
        const char *w;
        val_t v;
    } lits[] = {{"true", V_TRUE}, {"false", V_FALSE}, {"null", V_NULL}};
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(lits[k].w);
        if (c != (uint8_t)lits[k].w[0])
            continue;
        for (size_t j = 0; j < n; j++) {
            if (p->i + j >= p->s->len ||
                str_at(p->s, p->i + (uint32_t)j) != (uint8_t)lits[k].w[j]) {
                p->i += (uint32_t)j;
                return jp_err(p);
            }
        }
        p->i += (uint32_t)n;
        *out = lits[k].v;
        return BK_OK;
    }
    /* number: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
    uint32_t st = p->i;
    if (c == '-')
        p->i++;
    if (p->i >= p->s->len)
        return jp_err(p);
    c = str_at(p->s, p->i);
    if (c == '0') {
        p->i++;
    } else if (c >= '1' && c <= '9') {
        while (p->i < p->s->len && str_at(p->s, p->i) >= '0' &&
               str_at(p->s, p->i) <= '9')
            p->i++;
    } else {
        return jp_err(p);
    }
    if (p->i < p->s->len && str_at(p->s, p->i) == '.') {
        p->i++;
        if (p->i >= p->s->len || str_at(p->s, p->i) < '0' ||
            str_at(p->s, p->i) > '9')
            return jp_err(p);
        while (p->i < p->s->len && str_at(p->s, p->i) >= '0' &&
               str_at(p->s, p->i) <= '9')
            p->i++;
    }
    if (p->i < p->s->len && (str_at(p->s, p->i) | 32) == 'e') {
        p->i++;
        if (p->i < p->s->len &&
            (str_at(p->s, p->i) == '+' || str_at(p->s, p->i) == '-'))
            p->i++;
        if (p->i >= p->s->len || str_at(p->s, p->i) < '0' ||
            str_at(p->s, p->i) > '9')
            return jp_err(p);
        while (p->i < p->s->len && str_at(p->s, p->i) >= '0' &&
               str_at(p->s, p->i) <= '9')
            p->i++;
    }
    bk_js_str_t *num = bk_js__str_sub(ctx, p->s, st, p->i);
    *out = v_mknum(bk_js__str_to_num(num));
    return BK_OK;
}

static int revive(bk_js_ctx_t *ctx, val_t reviver, val_t holder, val_t key,
                  unsigned depth, val_t *out)
{
    val_t v;
    if (depth > MAX_DEPTH)
        return bk_js__range_error(ctx, "Maximum call stack size exceeded");
    if (bk_js__get_v(ctx, holder, key, &v) != BK_OK)
        return BK_ERR;
    if (v_is_obj(v)) {
        uint32_t n;
        val_t *keys;
        if (v_obj(v)->cls == CLS_ARRAY) {
            double len;
            if (bk_js__length_of(ctx, v, &len) != BK_OK)
                return BK_ERR;
            n = (uint32_t)len;
            keys = bk_js__ialloc(ctx, ((size_t)n + 1) * sizeof(val_t));
            for (uint32_t i = 0; i < n; i++)
                keys[i] = v_mkstr(bk_js__atom_index(ctx, i));
        } else {
            keys = bk_js__own_keys(ctx, v_obj(v), 1, 1, &n);
        }
        for (uint32_t i = 0; i < n; i++) {
            val_t nv;
            if (revive(ctx, reviver, v, keys[i], depth + 1, &nv) != BK_OK)
                return BK_ERR;
            if (nv == V_UNDEF) {
                int ok;
                if (bk_js__delete(ctx, v_obj(v), v_str(keys[i]), &ok) != BK_OK)
                    return BK_ERR;
            } else if (bk_js__define(ctx, v_obj(v), v_str(keys[i]), nv,
                                     P_DEFAULT) != BK_OK) {
                return BK_ERR;
            }
        }
    }
    val_t args[2] = {key, v};
    return bk_js__call(ctx, reviver, holder, 2, args, out);
}

static int JSON_parse(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    jp_t p = {ctx, NULL, 0, 0};
    if (bk_js__to_string(ctx, ARG(0), &p.s) != BK_OK)
        return BK_ERR;
    if (jp_value(&p, ret) != BK_OK)
        return BK_ERR;
    ws(&p);
    if (p.i < p.s->len)
        return jp_err(&p);
    bk_js__charge(ctx, 3 * (int64_t)p.s->len);
    if (bk_js__is_callable(ARG(1))) {
        bk_js_obj_t *root = bk_js__obj_new(ctx, CLS_OBJECT,
                                           ctx->prog->proto[PROTO_OBJECT]);
        bk_js__put_own(ctx, root, A(ctx, empty), *ret, P_DEFAULT);
        return revive(ctx, argv[1], v_mkobj(root), v_mkstr(A(ctx, empty)), 0,
                      ret);
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
