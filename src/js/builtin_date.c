/*
 * builtin_date.c: Date over date.h (ES5.1 time values), in UTC.
 *
 * The current time is read once per invocation (bk_js_begin) and frozen:
 * Date.now() and new Date() return the same instant for the whole run, as
 * CloudFront does. A Date's time value lives in u.prim.
 */
#include <math.h>
#include <time.h>

#include "js/date.h"
#include "js/js_int.h"

#define OFFSET 0.0 /* brink runs Date in UTC */

static double now_ms(bk_js_ctx_t *ctx)
{
    if (ctx->now_ms == 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ctx->now_ms = floor((double)ts.tv_sec * 1000.0 +
                            (double)(ts.tv_nsec / 1000000));
    }
    return ctx->now_ms;
}

static double str_parse(bk_js_str_t *s)
{
    return (s->flags & STR_WIDE)
               ? bk_js_date_parse_utf16(s->d.u16, s->len, OFFSET)
               : bk_js_date_parse_latin1(s->d.u8, s->len, OFFSET);
}

static val_t ascii(bk_js_ctx_t *ctx, const char *b, size_t n)
{
    return v_mkstr(bk_js__str_new8(ctx, (const uint8_t *)b, (uint32_t)n));
}

/* Time value from (year, month[, date, h, m, s, ms]) arguments. */
static int from_parts(bk_js_ctx_t *ctx, int argc, const val_t *argv,
                      double *out)
{
    double f[7] = {NAN, 0, 1, 0, 0, 0, 0};
    for (int i = 0; i < 7 && i < argc; i++)
        if (bk_js__to_number(ctx, argv[i], &f[i]) != BK_OK)
            return BK_ERR;
    double y = f[0];
    if (y == y) {
        double yi = bk_js__to_integer(y);
        if (yi >= 0 && yi <= 99)
            y = 1900 + yi;
    }
    *out = bk_js_date_make_date(bk_js_date_make_day(y, f[1], f[2]),
                                bk_js_date_make_time(f[3], f[4], f[5], f[6]));
    return BK_OK;
}

static int Date_ctor(bk_js_ctx_t *ctx, val_t this_val, int argc,
                     const val_t *argv, val_t *ret)
{
    double t;
    if (ctx->new_target == V_UNDEF) {
        char b[BK_JS_DATE_BUF];
        size_t n = bk_js_date_to_string(now_ms(ctx), OFFSET, b);
        *ret = ascii(ctx, b, n);
        return BK_OK;
    }
    if (argc == 0) {
        t = now_ms(ctx);
    } else if (argc == 1) {
        val_t v = argv[0];
        if (v_is_obj(v) && v_obj(v)->cls == CLS_DATE) {
            t = v_num(bk_js__rd(ctx, v_obj(v))->u.prim);
        } else {
            if (bk_js__to_primitive(ctx, v, 0, &v) != BK_OK)
                return BK_ERR;
            if (v_is_str(v)) {
                t = str_parse(v_str(v));
            } else if (bk_js__to_number(ctx, v, &t) != BK_OK) {
                return BK_ERR;
            }
        }
        t = bk_js_date_time_clip(t);
    } else {
        if (from_parts(ctx, argc, argv, &t) != BK_OK)
            return BK_ERR;
        t = bk_js_date_time_clip(bk_js_date_utc(t, OFFSET));
    }
    bk_js_obj_t *proto = ctx->prog->proto[PROTO_DATE];
    val_t pp;
    if (v_is_obj(ctx->new_target) &&
        bk_js__get(ctx, ctx->new_target, A(ctx, prototype), &pp) == BK_OK &&
        v_is_obj(pp))
        proto = v_obj(pp);
    bk_js_obj_t *d = bk_js__obj_new(ctx, CLS_DATE, proto);
    d->u.prim = v_mknum(t);
    *ret = v_mkobj(d);
    return BK_OK;
}

static int Date_now(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    *ret = v_mknum(now_ms(ctx));
    return BK_OK;
}

static int Date_parse(bk_js_ctx_t *ctx, val_t this_val, int argc,
                      const val_t *argv, val_t *ret)
{
    bk_js_str_t *s;
    if (bk_js__to_string(ctx, ARG(0), &s) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(bk_js_date_time_clip(str_parse(s)));
    return BK_OK;
}

static int Date_UTC(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    double t;
    if (from_parts(ctx, argc, argv, &t) != BK_OK)
        return BK_ERR;
    *ret = v_mknum(bk_js_date_time_clip(t));
    return BK_OK;
}

static int this_time(bk_js_ctx_t *ctx, val_t v, double *t)
{
    if (!v_is_obj(v) || v_obj(v)->cls != CLS_DATE)
        return bk_js__type_error(ctx, "this is not a Date object.");
    *t = v_num(bk_js__rd(ctx, v_obj(v))->u.prim);
    return BK_OK;
}

enum {
    G_TIME, G_YEAR, G_MONTH, G_DATE, G_DAY, G_HOURS, G_MINUTES, G_SECONDS,
    G_MS, G_OFFSET, G_FULLYEAR_LEGACY
};

/* Getters: magic = G_* (+ 16 for the UTC variants, same in UTC). */
static int Date_get(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    double t;
    if (this_time(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    int m = ctx->native_magic & 15;
    if (t != t) {
        *ret = V_NAN;
        return BK_OK;
    }
    double lt = bk_js_date_local(t, OFFSET), r;
    switch (m) {
    case G_TIME: r = t; break;
    case G_YEAR: r = bk_js_date_year_from_time(lt); break;
    case G_MONTH: r = bk_js_date_month_from_time(lt); break;
    case G_DATE: r = bk_js_date_date_from_time(lt); break;
    case G_DAY: r = bk_js_date_week_day(lt); break;
    case G_HOURS: r = bk_js_date_hour_from_time(lt); break;
    case G_MINUTES: r = bk_js_date_min_from_time(lt); break;
    case G_SECONDS: r = bk_js_date_sec_from_time(lt); break;
    case G_MS: r = bk_js_date_ms_from_time(lt); break;
    case G_OFFSET: r = (t - lt) / 60000.0 + 0.0; break;
    default: r = bk_js_date_year_from_time(lt) - 1900; break;
    }
    *ret = v_mknum(r);
    return BK_OK;
}

/* Setters: magic = field (G_*); they take the spec's optional trailing
 * arguments (setHours(h[, m[, s[, ms]]])). */
static int Date_set(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    double t;
    if (this_time(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    int m = ctx->native_magic & 15;
    double a[4] = {NAN, NAN, NAN, NAN};
    for (int i = 0; i < 4 && i < argc; i++)
        if (bk_js__to_number(ctx, argv[i], &a[i]) != BK_OK)
            return BK_ERR;
    double nt;
    if (m == G_TIME) {
        nt = bk_js_date_time_clip(a[0]);
    } else {
        double lt = (t != t && m == G_YEAR) ? 0 : bk_js_date_local(t, OFFSET);
        double y = bk_js_date_year_from_time(lt),
               mo = bk_js_date_month_from_time(lt),
               d = bk_js_date_date_from_time(lt),
               h = bk_js_date_hour_from_time(lt),
               mi = bk_js_date_min_from_time(lt),
               s = bk_js_date_sec_from_time(lt),
               ms = bk_js_date_ms_from_time(lt);
#define OPT(i, dflt) (argc > (i) ? a[i] : (dflt))
        switch (m) {
        case G_YEAR:
            y = a[0];
            mo = OPT(1, mo);
            d = OPT(2, d);
            break;
        case G_FULLYEAR_LEGACY: {
            double yy = bk_js__to_integer(a[0]);
            y = a[0] != a[0] ? NAN : (yy >= 0 && yy <= 99 ? 1900 + yy : a[0]);
            break;
        }
        case G_MONTH:
            mo = a[0];
            d = OPT(1, d);
            break;
        case G_DATE: d = a[0]; break;
        case G_HOURS:
            h = a[0];
            mi = OPT(1, mi);
            s = OPT(2, s);
            ms = OPT(3, ms);
            break;
        case G_MINUTES:
            mi = a[0];
            s = OPT(1, s);
            ms = OPT(2, ms);
            break;
        case G_SECONDS:
            s = a[0];
            ms = OPT(1, ms);
            break;
        default: ms = a[0]; break;
        }
#undef OPT
        nt = bk_js_date_make_date(bk_js_date_make_day(y, mo, d),
                                  bk_js_date_make_time(h, mi, s, ms));
        nt = bk_js_date_time_clip(bk_js_date_utc(nt, OFFSET));
        if (t != t && m != G_YEAR && m != G_FULLYEAR_LEGACY) {
            /* "If t is NaN, return NaN" - without storing: a valueOf may
             * have set the date meanwhile. */
            *ret = v_mknum(NAN);
            return BK_OK;
        }
    }
    bk_js__wr(ctx, v_obj(this_val))->u.prim = v_mknum(nt);
    *ret = v_mknum(nt);
    return BK_OK;
}

enum { S_STRING, S_DATE, S_TIME, S_ISO, S_UTC, S_LOCALE, S_LOCALE_DATE,
       S_LOCALE_TIME, S_JSON };

static int Date_str(bk_js_ctx_t *ctx, val_t this_val, int argc,
                    const val_t *argv, val_t *ret)
{
    int m = ctx->native_magic;
    if (m == S_JSON) {
        val_t tv;
        if (bk_js__to_primitive(ctx, this_val, 1, &tv) != BK_OK)
            return BK_ERR;
        if (v_is_num(tv) && !isfinite(v_num(tv))) {
            *ret = V_NULL;
            return BK_OK;
        }
        val_t f;
        if (bk_js__get(ctx, this_val, bk_js__atom_cstr(ctx, "toISOString"),
                       &f) != BK_OK)
            return BK_ERR;
        return bk_js__call(ctx, f, this_val, 0, NULL, ret);
    }
    double t;
    if (this_time(ctx, this_val, &t) != BK_OK)
        return BK_ERR;
    char b[BK_JS_DATE_BUF];
    size_t n;
    switch (m) {
    case S_DATE: n = bk_js_date_to_date_string(t, OFFSET, b); break;
    case S_TIME: n = bk_js_date_to_time_string(t, OFFSET, b); break;
    case S_ISO:
        n = bk_js_date_to_iso(t, b);
        if (n == 0)
            return bk_js__range_error(ctx, "Invalid time value");
        break;
    case S_UTC: n = bk_js_date_to_utc_string(t, b); break;
    case S_LOCALE: n = bk_js_date_to_locale_string(t, OFFSET, b); break;
    case S_LOCALE_DATE:
        n = bk_js_date_to_locale_date_string(t, OFFSET, b);
        break;
    case S_LOCALE_TIME:
        n = bk_js_date_to_locale_time_string(t, OFFSET, b);
        break;
    default: n = bk_js_date_to_string(t, OFFSET, b); break;
    }
    *ret = ascii(ctx, b, n);
    return BK_OK;
}

static int Date_toPrimitive(bk_js_ctx_t *ctx, val_t this_val, int argc,
                            const val_t *argv, val_t *ret)
{
    if (!v_is_obj(this_val))
        return bk_js__type_error(ctx, "Date.prototype[Symbol.toPrimitive] "
                                      "called on non-object");
    val_t hint = ARG(0);
    int str;
    if (v_is_str(hint) && (v_str(hint) == A(ctx, string) ||
                           v_str(hint) == A(ctx, default_)))
        str = 1;
    else if (v_is_str(hint) && v_str(hint) == A(ctx, number))
        str = 0;
    else
        return bk_js__type_error(ctx, "Invalid hint: %s",
                                 bk_js__describe(ctx, hint));
    bk_js_str_t *order[2] = {A(ctx, valueOf), A(ctx, toString)};
    if (str) {
        order[0] = A(ctx, toString);
        order[1] = A(ctx, valueOf);
    }
    for (int i = 0; i < 2; i++) {
        val_t f;
        if (bk_js__get(ctx, this_val, order[i], &f) != BK_OK)
            return BK_ERR;
        if (!bk_js__is_callable(f))
            continue;
        if (bk_js__call(ctx, f, this_val, 0, NULL, ret) != BK_OK)
            return BK_ERR;
        if (!v_is_obj(*ret))
            return BK_OK;
    }
    return bk_js__type_error(ctx, "Cannot convert object to primitive value");
}

void bk_js__install_date(bk_js_ctx_t *ctx)
{
    bk_js_prog_t *P = ctx->prog;
    bk_js_obj_t *proto = P->proto[PROTO_DATE];
    bk_js_obj_t *c = bk_js__def_ctor(ctx, "Date", Date_ctor, 7, proto);
    static const bk_js_method_t statics[] = {
        {"now", Date_now, 0, 0},
        {"parse", Date_parse, 1, 0},
        {"UTC", Date_UTC, 7, 0},
    };
    bk_js__def_methods(ctx, c, statics, BK_COUNTOF(statics));
    static const bk_js_method_t methods[] = {
        {"getTime", Date_get, 0, G_TIME},
        {"valueOf", Date_get, 0, G_TIME},
        {"getFullYear", Date_get, 0, G_YEAR},
        {"getUTCFullYear", Date_get, 0, G_YEAR + 16},
        {"getYear", Date_get, 0, G_FULLYEAR_LEGACY},
        {"getMonth", Date_get, 0, G_MONTH},
        {"getUTCMonth", Date_get, 0, G_MONTH + 16},
        {"getDate", Date_get, 0, G_DATE},
        {"getUTCDate", Date_get, 0, G_DATE + 16},
        {"getDay", Date_get, 0, G_DAY},
        {"getUTCDay", Date_get, 0, G_DAY + 16},
        {"getHours", Date_get, 0, G_HOURS},
        {"getUTCHours", Date_get, 0, G_HOURS + 16},
        {"getMinutes", Date_get, 0, G_MINUTES},
        {"getUTCMinutes", Date_get, 0, G_MINUTES + 16},
        {"getSeconds", Date_get, 0, G_SECONDS},
        {"getUTCSeconds", Date_get, 0, G_SECONDS + 16},
        {"getMilliseconds", Date_get, 0, G_MS},
        {"getUTCMilliseconds", Date_get, 0, G_MS + 16},
        {"getTimezoneOffset", Date_get, 0, G_OFFSET},
        {"setTime", Date_set, 1, G_TIME},
        {"setFullYear", Date_set, 3, G_YEAR},
        {"setUTCFullYear", Date_set, 3, G_YEAR + 16},
        {"setYear", Date_set, 1, G_FULLYEAR_LEGACY},
        {"setMonth", Date_set, 2, G_MONTH},
        {"setUTCMonth", Date_set, 2, G_MONTH + 16},
        {"setDate", Date_set, 1, G_DATE},
        {"setUTCDate", Date_set, 1, G_DATE + 16},
        {"setHours", Date_set, 4, G_HOURS},
        {"setUTCHours", Date_set, 4, G_HOURS + 16},
        {"setMinutes", Date_set, 3, G_MINUTES},
        {"setUTCMinutes", Date_set, 3, G_MINUTES + 16},
        {"setSeconds", Date_set, 2, G_SECONDS},
        {"setUTCSeconds", Date_set, 2, G_SECONDS + 16},
        {"setMilliseconds", Date_set, 1, G_MS},
        {"setUTCMilliseconds", Date_set, 1, G_MS + 16},
        {"toString", Date_str, 0, S_STRING},
        {"toDateString", Date_str, 0, S_DATE},
        {"toTimeString", Date_str, 0, S_TIME},
        {"toISOString", Date_str, 0, S_ISO},
        {"toUTCString", Date_str, 0, S_UTC},
        {"toGMTString", Date_str, 0, S_UTC},
        {"toLocaleString", Date_str, 0, S_LOCALE},
        {"toLocaleDateString", Date_str, 0, S_LOCALE_DATE},
        {"toLocaleTimeString", Date_str, 0, S_LOCALE_TIME},
        {"toJSON", Date_str, 1, S_JSON},
        {"@toPrimitive", Date_toPrimitive, 1, 0},
    };
    bk_js__def_methods(ctx, proto, methods, BK_COUNTOF(methods));
    /* toGMTString is the same function object as toUTCString. */
    bk_js_prop_t *u = bk_js__find(bk_js__rd(ctx, proto),
                                  bk_js__atom_cstr(ctx, "toUTCString"));
    bk_js__put_own(ctx, proto, bk_js__atom_cstr(ctx, "toGMTString"), u->v,
                   P_WRITABLE | P_CONFIGURABLE);
    /* @@toPrimitive is not writable. */
    bk_js_prop_t *tp = bk_js__find(bk_js__rd(ctx, proto),
                                   P->sym[SYM_toPrimitive]);
    if (tp != NULL)
        bk_js__put_own(ctx, proto, P->sym[SYM_toPrimitive], tp->v,
                       P_CONFIGURABLE);
}
