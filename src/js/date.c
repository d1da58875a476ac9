/*
 * date.c: ECMAScript time arithmetic, Date.parse and Date's string forms.
 *
 * The arithmetic is the spec's (ES5.1 §15.9.1) on doubles. Date.parse
 * follows V8's DateParser so strings parse as node parses them: first the
 * ES date-time format (±YYYYYY-MM-DDTHH:mm:ss.sssZ and its shorter forms),
 * and whatever that leaves goes to the legacy rules: words before the
 * first number are ignored, month names and AM/PM/UTC/GMT/EST... are
 * keywords, "n:" starts a time, a sign after a time or "GMT" is an offset,
 * and the remaining numbers are month, day and year in V8's order.
 *
 * Invariant: no allocation, no global state; "local" time is UTC plus an
 * offset the caller passes.
 */
#include "js/date.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/defs.h"
#include "js/num.h"

#define MS_PER_SECOND 1000.0
#define MS_PER_MINUTE 60000.0
#define MS_PER_HOUR 3600000.0
#define MS_PER_DAY BK_JS_MS_PER_DAY

/* Positive remainder. */
static double pmod(double a, double b)
{
    double r = fmod(a, b);
    return r < 0 ? r + b : r;
}

/* ---------------------------------------------------------------------
 * Time arithmetic
 * ------------------------------------------------------------------- */

double bk_js_date_day(double t) { return floor(t / MS_PER_DAY); }

double bk_js_date_time_within_day(double t) { return pmod(t, MS_PER_DAY); }

double bk_js_date_days_in_year(double y)
{
    if (pmod(y, 4) != 0)
        return 365;
    if (pmod(y, 100) != 0)
        return 366;
    if (pmod(y, 400) != 0)
        return 365;
    return 366;
}

double bk_js_date_day_from_year(double y)
{
    return 365 * (y - 1970) + floor((y - 1969) / 4) -
           floor((y - 1901) / 100) + floor((y - 1601) / 400);
}

double bk_js_date_time_from_year(double y)
{
    return MS_PER_DAY * bk_js_date_day_from_year(y);
}

double bk_js_date_year_from_time(double t)
{
    if (!isfinite(t))
        return NAN;
    double y = floor(t / (MS_PER_DAY * 365.2425)) + 1970;
    while (bk_js_date_time_from_year(y) > t)
        y--;
    while (bk_js_date_time_from_year(y + 1) <= t)
        y++;
    return y;
}

int bk_js_date_in_leap_year(double t)
{
    return bk_js_date_days_in_year(bk_js_date_year_from_time(t)) == 366;
}

/* Days before month m (0..12) in a year, leap or not. */
static const int cum_days[2][13] = {
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};

/* Year, month (0..11) and day of month (1..31) of finite t. */
static void ymd(double t, double *y, int *m, int *d)
{
    *y = bk_js_date_year_from_time(t);
    int leap = bk_js_date_days_in_year(*y) == 366;
    int dwy = (int)(bk_js_date_day(t) - bk_js_date_day_from_year(*y));
    int k = 0;
    while (k < 11 && dwy >= cum_days[leap][k + 1])
        k++;
    *m = k;
    *d = dwy - cum_days[leap][k] + 1;
}

double bk_js_date_month_from_time(double t)
{
    if (!isfinite(t))
        return NAN;
    double y;
    int m, d;
    ymd(t, &y, &m, &d);
    return m;
}

double bk_js_date_date_from_time(double t)
{
    if (!isfinite(t))
        return NAN;
    double y;
    int m, d;
    ymd(t, &y, &m, &d);
    return d;
}

double bk_js_date_week_day(double t)
{
    return pmod(bk_js_date_day(t) + 4, 7);
}

double bk_js_date_hour_from_time(double t)
{
    return pmod(floor(t / MS_PER_HOUR), 24);
}

double bk_js_date_min_from_time(double t)
{
    return pmod(floor(t / MS_PER_MINUTE), 60);
}

double bk_js_date_sec_from_time(double t)
{
    return pmod(floor(t / MS_PER_SECOND), 60);
}

double bk_js_date_ms_from_time(double t) { return pmod(t, MS_PER_SECOND); }

/* ToIntegerOrInfinity of a finite double (no -0). */
static double to_int(double v) { return trunc(v) + 0.0; }

double bk_js_date_make_time(double h, double m, double s, double ms)
{
    if (!isfinite(h) || !isfinite(m) || !isfinite(s) || !isfinite(ms))
        return NAN;
    return to_int(h) * MS_PER_HOUR + to_int(m) * MS_PER_MINUTE +
           to_int(s) * MS_PER_SECOND + to_int(ms);
}

double bk_js_date_make_day(double year, double month, double date)
{
    if (!isfinite(year) || !isfinite(month) || !isfinite(date))
        return NAN;
    double y = to_int(year), m = to_int(month), dt = to_int(date);
    /* V8's bounds; beyond them no valid time value can result. */
    if (y < -1000000 || y > 1000000 || m < -10000000 || m > 10000000)
        return NAN;
    double ym = y + floor(m / 12);
    int mn = (int)pmod(m, 12);
    int leap = bk_js_date_days_in_year(ym) == 366;
    return bk_js_date_day_from_year(ym) + cum_days[leap][mn] + dt - 1;
}

double bk_js_date_make_date(double day, double time)
{
    if (!isfinite(day) || !isfinite(time))
        return NAN;
    double t = day * MS_PER_DAY + time;
    return isfinite(t) ? t : NAN;
}

double bk_js_date_time_clip(double t)
{
    if (!isfinite(t) || fabs(t) > 8.64e15)
        return NAN;
    return to_int(t);
}

double bk_js_date_local(double t, double offset_ms) { return t + offset_ms; }

double bk_js_date_utc(double t, double offset_ms) { return t - offset_ms; }

/* ---------------------------------------------------------------------
 * Formatting
 * ------------------------------------------------------------------- */

static const char wdays[7][4] = {"Sun", "Mon", "Tue", "Wed",
                                 "Thu", "Fri", "Sat"};
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

typedef struct {
    double year;
    int month, day, wday, h, m, s, ms;
} parts_t;

static void split_time(double t, parts_t *p)
{
    ymd(t, &p->year, &p->month, &p->day);
    p->wday = (int)bk_js_date_week_day(t);
    p->h = (int)bk_js_date_hour_from_time(t);
    p->m = (int)bk_js_date_min_from_time(t);
    p->s = (int)bk_js_date_sec_from_time(t);
    p->ms = (int)bk_js_date_ms_from_time(t);
}

static size_t invalid(char *buf)
{
    memcpy(buf, "Invalid Date", 13);
    return 12;
}

/* The year as toString prints it: at least 4 digits, '-' when negative. */
static int year_str(double y, char *b, size_t cap)
{
    int v = (int)y; /* |y| <= 275760 for any time value */
    return v < 0 ? snprintf(b, cap, "-%04d", -v) : snprintf(b, cap, "%04d", v);
}

size_t bk_js_date_to_iso(double t, char *buf)
{
    if (!isfinite(t))
        return 0;
    parts_t p;
    split_time(t, &p);
    int y = (int)p.year;
    char yb[24];
    if (y >= 0 && y <= 9999)
        snprintf(yb, sizeof yb, "%04d", y);
    else
        snprintf(yb, sizeof yb, "%c%06d", y < 0 ? '-' : '+', y < 0 ? -y : y);
    return (size_t)snprintf(buf, BK_JS_DATE_BUF,
                            "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", yb,
                            p.month + 1, p.day, p.h, p.m, p.s, p.ms);
}

size_t bk_js_date_to_utc_string(double t, char *buf)
{
    if (!isfinite(t))
        return invalid(buf);
    parts_t p;
    split_time(t, &p);
    char yb[24];
    year_str(p.year, yb, sizeof yb);
    return (size_t)snprintf(buf, BK_JS_DATE_BUF,
                            "%s, %02d %s %s %02d:%02d:%02d GMT",
                            wdays[p.wday], p.day, months[p.month], yb, p.h,
                            p.m, p.s);
}

/* "GMT+hhmm (name)" for an offset. */
static void zone_str(double offset_ms, char *b, size_t cap)
{
    long mins = (long)(offset_ms / MS_PER_MINUTE);
    char sign = mins < 0 ? '-' : '+';
    if (mins < 0)
        mins = -mins;
    if (offset_ms == 0)
        snprintf(b, cap, "GMT+0000 (Coordinated Universal Time)");
    else
        snprintf(b, cap, "GMT%c%02ld%02ld", sign, mins / 60, mins % 60);
}

size_t bk_js_date_to_string(double t, double offset_ms, char *buf)
{
    if (!isfinite(t))
        return invalid(buf);
    parts_t p;
    split_time(bk_js_date_local(t, offset_ms), &p);
    char yb[24], zb[48];
    year_str(p.year, yb, sizeof yb);
    zone_str(offset_ms, zb, sizeof zb);
    return (size_t)snprintf(buf, BK_JS_DATE_BUF,
                            "%s %s %02d %s %02d:%02d:%02d %s", wdays[p.wday],
                            months[p.month], p.day, yb, p.h, p.m, p.s, zb);
}

size_t bk_js_date_to_date_string(double t, double offset_ms, char *buf)
{
    if (!isfinite(t))
        return invalid(buf);
    parts_t p;
    split_time(bk_js_date_local(t, offset_ms), &p);
    char yb[24];
    year_str(p.year, yb, sizeof yb);
    return (size_t)snprintf(buf, BK_JS_DATE_BUF, "%s %s %02d %s",
                            wdays[p.wday], months[p.month], p.day, yb);
}

size_t bk_js_date_to_time_string(double t, double offset_ms, char *buf)
{
    if (!isfinite(t))
        return invalid(buf);
    parts_t p;
    split_time(bk_js_date_local(t, offset_ms), &p);
    char zb[48];
    zone_str(offset_ms, zb, sizeof zb);
    return (size_t)snprintf(buf, BK_JS_DATE_BUF, "%02d:%02d:%02d %s", p.h,
                            p.m, p.s, zb);
}

/* en-US: "M/D/Y" and "h:mm:ss AM". */
static size_t locale_parts(double t, double offset_ms, char *buf, int date,
                           int time)
{
    if (!isfinite(t))
        return invalid(buf);
    parts_t p;
    split_time(bk_js_date_local(t, offset_ms), &p);
    int y = (int)p.year;
    if (y <= 0)
        y = 1 - y; /* a BC year; en-US omits the era */
    int n = 0;
    if (date)
        n += snprintf(buf + n, (size_t)(BK_JS_DATE_BUF - n), "%d/%d/%d",
                      p.month + 1, p.day, y);
    if (date && time)
        n += snprintf(buf + n, (size_t)(BK_JS_DATE_BUF - n), ", ");
    if (time)
        n += snprintf(buf + n, (size_t)(BK_JS_DATE_BUF - n),
                      "%d:%02d:%02d %s", p.h % 12 == 0 ? 12 : p.h % 12, p.m,
                      p.s, p.h < 12 ? "AM" : "PM");
    return (size_t)n;
}

size_t bk_js_date_to_locale_string(double t, double offset_ms, char *buf)
{
    return locale_parts(t, offset_ms, buf, 1, 1);
}

size_t bk_js_date_to_locale_date_string(double t, double offset_ms,
                                        char *buf)
{
    return locale_parts(t, offset_ms, buf, 1, 0);
}

size_t bk_js_date_to_locale_time_string(double t, double offset_ms,
                                        char *buf)
{
    return locale_parts(t, offset_ms, buf, 0, 1);
}

/* ---------------------------------------------------------------------
 * Date.parse (after V8's DateParser)
 * ------------------------------------------------------------------- */

#define NONE (-0x7fffffff)

enum { T_END, T_NUM, T_SYM, T_WS, T_WORD, T_UNKNOWN, T_INVALID };
enum { K_INVALID, K_MONTH, K_ZONE, K_TSEP, K_AMPM };

typedef struct {
    int tag;
    int num, len; /* T_NUM: value (first 9 significant digits), digits */
    int sym;      /* T_SYM */
    int ktype, kval; /* T_WORD */
} tok_t;

typedef struct {
    const uint8_t *p8;
    const uint16_t *p16;
    size_t n, i;
    tok_t next; /* one token of lookahead */
} scan_t;

static uint32_t ch(const scan_t *s)
{
    if (s->i >= s->n)
        return 0xffffffffu;
    return s->p16 ? s->p16[s->i] : s->p8[s->i];
}

static const struct {
    char w[4];
    int type, val;
} keywords[] = {
    {"jan", K_MONTH, 1}, {"feb", K_MONTH, 2},  {"mar", K_MONTH, 3},
    {"apr", K_MONTH, 4}, {"may", K_MONTH, 5},  {"jun", K_MONTH, 6},
    {"jul", K_MONTH, 7}, {"aug", K_MONTH, 8},  {"sep", K_MONTH, 9},
    {"oct", K_MONTH, 10}, {"nov", K_MONTH, 11}, {"dec", K_MONTH, 12},
    {"am", K_AMPM, 0},   {"pm", K_AMPM, 12},   {"ut", K_ZONE, 0},
    {"utc", K_ZONE, 0},  {"z", K_ZONE, 0},     {"gmt", K_ZONE, 0},
    {"cdt", K_ZONE, -5}, {"cst", K_ZONE, -6},  {"edt", K_ZONE, -4},
    {"est", K_ZONE, -5}, {"mdt", K_ZONE, -6},  {"mst", K_ZONE, -7},
    {"pdt", K_ZONE, -7}, {"pst", K_ZONE, -8},  {"t", K_TSEP, 0},
};

static tok_t scan_token(scan_t *s)
{
    tok_t t = {0};
    uint32_t c = ch(s);
    size_t start = s->i;
    if (s->i >= s->n) {
        t.tag = T_END;
        return t;
    }
    if (c >= '0' && c <= '9') {
        int v = 0, sig = 0;
        while (ch(s) == '0')
            s->i++;
        while ((c = ch(s)) >= '0' && c <= '9') {
            if (sig < 9)
                v = v * 10 + (int)(c - '0');
            sig++;
            s->i++;
        }
        t.tag = T_NUM;
        t.num = v;
        t.len = (int)(s->i - start);
        return t;
    }
    if (c == ':' || c == '-' || c == '+' || c == '.' || c == ')') {
        s->i++;
        t.tag = T_SYM;
        t.sym = (int)c;
        return t;
    }
    if (c >= 'A' && !bk_js_num_is_space(c)) {
        char w[4] = {0, 0, 0, 0};
        int len = 0;
        while ((c = ch(s)) != 0xffffffffu && c >= 'A' &&
               !bk_js_num_is_space(c)) {
            if (c >= 'A' && c <= 'Z')
                c |= 0x20;
            if (len < 3)
                w[len] = (char)(c < 128 ? c : 0x7f);
            len++;
            s->i++;
        }
        t.tag = T_WORD;
        t.len = len;
        t.ktype = K_INVALID;
        for (size_t k = 0; k < BK_COUNTOF(keywords); k++) {
            if (memcmp(w, keywords[k].w, 3) == 0 &&
                (len <= 3 || keywords[k].type == K_MONTH)) {
                t.ktype = keywords[k].type;
                t.kval = keywords[k].val;
                break;
            }
        }
        return t;
    }
    if (bk_js_num_is_space(c)) {
        while (s->i < s->n && bk_js_num_is_space(ch(s)))
            s->i++;
        t.tag = T_WS;
        return t;
    }
    if (c == '(') {
        int depth = 0;
        do {
            c = ch(s);
            if (c == ')')
                depth--;
            else if (c == '(')
                depth++;
            s->i++;
        } while (depth > 0 && s->i < s->n);
        t.tag = T_UNKNOWN;
        return t;
    }
    s->i++;
    t.tag = T_UNKNOWN;
    return t;
}

static tok_t next(scan_t *s)
{
    tok_t t = s->next;
    s->next = scan_token(s);
    return t;
}

static const tok_t *peek(const scan_t *s) { return &s->next; }

static int is_sym(const tok_t *t, int c)
{
    return t->tag == T_SYM && t->sym == c;
}

static int is_sign(const tok_t *t) { return is_sym(t, '+') || is_sym(t, '-'); }

static int is_fixed(const tok_t *t, int n)
{
    return t->tag == T_NUM && t->len == n;
}
static int is_kw_z(const tok_t *t)
{
    return t->tag == T_WORD && t->ktype == K_ZONE && t->len == 1 &&
           t->kval == 0;
}

static int skip_sym(scan_t *s, int c)
{
    if (is_sym(peek(s), c)) {
        next(s);
        return 1;
    }
    return 0;
}

static int between(int x, int lo, int hi) { return x >= lo && x <= hi; }
static int is_month(int x) { return between(x, 1, 12); }
static int is_day(int x) { return between(x, 1, 31); }
static int is_hour(int x) { return between(x, 0, 23); }
static int is_minute(int x) { return between(x, 0, 59); }
static int is_hour12(int x) { return between(x, 0, 12); }
static int is_ms(int x) { return between(x, 0, 999); }

typedef struct {
    int comp[3], index, named_month, iso;
} dayc_t;

typedef struct {
    int comp[4], index, hour_offset;
} timec_t;

typedef struct {
    int sign, hour, minute;
} tzc_t;

static int day_add(dayc_t *d, int n)
{
    if (d->index >= 3)
        return 0;
    d->comp[d->index++] = n;
    return 1;
}

static int time_add(timec_t *t, int n)
{
    if (t->index >= 4)
        return 0;
    t->comp[t->index++] = n;
    return 1;
}

static int time_add_final(timec_t *t, int n)
{
    if (!time_add(t, n))
        return 0;
    while (t->index < 4)
        t->comp[t->index++] = 0;
    return 1;
}

static int time_expecting(const timec_t *t, int n)
{
    return (t->index == 1 && is_minute(n)) || (t->index == 2 && is_minute(n)) ||
           (t->index == 3 && is_ms(n));
}

static void tz_set(tzc_t *z, int hours)
{
    z->sign = hours < 0 ? -1 : 1;
    z->hour = hours < 0 ? -hours : hours;
    z->minute = 0;
}

static int tz_is_utc(const tzc_t *z) { return z->hour == 0 && z->minute == 0; }

static int tz_expecting(const tzc_t *z, int n)
{
    return z->hour != NONE && z->minute == NONE && is_minute(n);
}

/* Three significant digits of a fraction token ("5" -> 500). */
static int read_ms(const tok_t *t)
{
    int v = t->num, len = t->len;
    if (len == 1)
        return v * 100;
    if (len == 2)
        return v * 10;
    if (len > 3) {
        if (len > 9)
            len = 9;
        int f = 1;
        while (len > 3) {
            f *= 10;
            len--;
        }
        v /= f;
    }
    return v;
}

/* The ES date-time format. Returns the first token it did not handle
 * (T_END when it parsed everything), T_INVALID for a definite error. */
static tok_t parse_iso(scan_t *s, dayc_t *day, timec_t *time, tzc_t *tz)
{
    tok_t inv = {.tag = T_INVALID};
    if (is_sign(peek(s))) {
        tok_t sign = next(s);
        if (!is_fixed(peek(s), 6))
            return sign;
        int year = next(s).num;
        if (sign.sym == '-' && year == 0)
            return sign;
        day_add(day, sign.sym == '-' ? -year : year);
    } else if (is_fixed(peek(s), 4)) {
        day_add(day, next(s).num);
    } else {
        return next(s);
    }
    if (skip_sym(s, '-')) {
        if (!is_fixed(peek(s), 2) || !is_month(peek(s)->num))
            return next(s);
        day_add(day, next(s).num);
        if (skip_sym(s, '-')) {
            if (!is_fixed(peek(s), 2) || !is_day(peek(s)->num))
                return next(s);
            day_add(day, next(s).num);
        }
    }
    if (!(peek(s)->tag == T_WORD && peek(s)->ktype == K_TSEP)) {
        if (peek(s)->tag != T_END)
            return next(s);
    } else {
        next(s);
        if (!is_fixed(peek(s), 2) || !between(peek(s)->num, 0, 24))
            return inv;
        int h24 = peek(s)->num == 24;
        time_add(time, next(s).num);
        if (!skip_sym(s, ':'))
            return inv;
        if (!is_fixed(peek(s), 2) || !is_minute(peek(s)->num) ||
            (h24 && peek(s)->num > 0))
            return inv;
        time_add(time, next(s).num);
        if (skip_sym(s, ':')) {
            if (!is_fixed(peek(s), 2) || !is_minute(peek(s)->num) ||
                (h24 && peek(s)->num > 0))
                return inv;
            time_add(time, next(s).num);
            if (skip_sym(s, '.')) {
                if (peek(s)->tag != T_NUM || (h24 && peek(s)->num > 0))
                    return inv;
                tok_t f = next(s);
                time_add(time, read_ms(&f));
            }
        }
        if (is_kw_z(peek(s))) {
            next(s);
            tz_set(tz, 0);
        } else if (is_sign(peek(s))) {
            tz->sign = next(s).sym == '+' ? 1 : -1;
            if (is_fixed(peek(s), 4)) {
                int hm = next(s).num;
                if (!is_hour(hm / 100) || !is_minute(hm % 100))
                    return inv;
                tz->hour = hm / 100;
                tz->minute = hm % 100;
            } else {
                if (!is_fixed(peek(s), 2) || !is_hour(peek(s)->num))
                    return inv;
                tz->hour = next(s).num;
                if (!skip_sym(s, ':'))
                    return inv;
                if (!is_fixed(peek(s), 2) || !is_minute(peek(s)->num))
                    return inv;
                tz->minute = next(s).num;
            }
        }
        if (peek(s)->tag != T_END)
            return inv;
    }
    /* Date-only forms are UTC; date-time forms without offset local. */
    if (tz->sign == NONE && time->index == 0)
        tz_set(tz, 0);
    day->iso = 1;
    tok_t end = {.tag = T_END};
    return end;
}

static double parse(scan_t *s, double offset_ms)
{
    dayc_t day = {{0}, 0, NONE, 0};
    timec_t time = {{0}, 0, NONE};
    tzc_t tz = {NONE, NONE, NONE};
    s->next = scan_token(s);
    tok_t tok = parse_iso(s, &day, &time, &tz);
    if (tok.tag == T_INVALID)
        return NAN;
    int has_number = day.index > 0;
    for (; tok.tag != T_END; tok = next(s)) {
        if (tok.tag == T_NUM) {
            has_number = 1;
            int n = tok.num;
            if (skip_sym(s, ':')) {
                if (skip_sym(s, ':')) {
                    if (time.index != 0)
                        return NAN;
                    time_add(&time, n);
                    time_add(&time, 0);
                } else {
                    if (!time_add(&time, n))
                        return NAN;
                    if (is_sym(peek(s), '.'))
                        next(s);
                }
            } else if (skip_sym(s, '.') && time_expecting(&time, n)) {
                time_add(&time, n);
                if (peek(s)->tag != T_NUM)
                    return NAN;
                tok_t f = next(s);
                int ms = read_ms(&f);
                if (ms < 0)
                    return NAN;
                time_add_final(&time, ms);
            } else if (tz_expecting(&tz, n)) {
                tz.minute = n;
            } else if (time_expecting(&time, n)) {
                time_add_final(&time, n);
                const tok_t *p = peek(s);
                if (p->tag != T_END && p->tag != T_WS && !is_kw_z(p) &&
                    !is_sign(p))
                    return NAN;
            } else {
                if (!day_add(&day, n))
                    return NAN;
                skip_sym(s, '-');
            }
        } else if (tok.tag == T_WORD) {
            if (tok.ktype == K_AMPM && time.index != 0) {
                time.hour_offset = tok.kval;
            } else if (tok.ktype == K_MONTH) {
                day.named_month = tok.kval;
                skip_sym(s, '-');
            } else if (tok.ktype == K_ZONE && has_number) {
                tz_set(&tz, tok.kval);
            } else {
                /* Words are ignored before the first number only, and must
                 * be separated from it. */
                if (has_number)
                    return NAN;
                if (peek(s)->tag == T_NUM)
                    return NAN;
            }
        } else if (is_sign(&tok) && (tz_is_utc(&tz) || time.index != 0)) {
            /* A UTC offset, only after UTC/GMT or a time. */
            tz.sign = tok.sym == '-' ? -1 : 1;
            int n = 0, len = 0;
            if (peek(s)->tag == T_NUM) {
                tok_t nt = next(s);
                n = nt.num;
                len = nt.len;
            }
            has_number = 1;
            if (is_sym(peek(s), ':')) {
                tz.hour = n;
                tz.minute = NONE;
            } else if (len == 1 || len == 2) {
                tz.hour = n;
                tz.minute = 0;
            } else if (len == 3 || len == 4) {
                tz.hour = n / 100;
                tz.minute = n % 100;
            } else {
                return NAN;
            }
        } else if ((is_sign(&tok) || is_sym(&tok, ')')) && has_number) {
            return NAN;
        }
    }

    /* Day: fill month and day with 1, then pick V8's order. */
    if (day.index < 1)
        return NAN;
    while (day.index < 3)
        day.comp[day.index++] = 1;
    int year = 0, month, mday;
    if (day.named_month == NONE) {
        if (day.iso || !is_day(day.comp[0])) {
            year = day.comp[0];
            month = day.comp[1];
            mday = day.comp[2];
        } else {
            month = day.comp[0];
            mday = day.comp[1];
            year = day.comp[2];
        }
    } else {
        month = day.named_month;
        if (!is_day(day.comp[0])) {
            year = day.comp[0];
            mday = day.comp[1];
        } else {
            mday = day.comp[0];
            year = day.comp[1];
        }
    }
    if (!day.iso) {
        if (between(year, 0, 49))
            year += 2000;
        else if (between(year, 50, 99))
            year += 1900;
    }
    if (!is_month(month) || !is_day(mday))
        return NAN;

    /* Time. */
    while (time.index < 4)
        time.comp[time.index++] = 0;
    int h = time.comp[0], mi = time.comp[1], sec = time.comp[2],
        ms = time.comp[3];
    if (time.hour_offset != NONE) {
        if (!is_hour12(h))
            return NAN;
        h = h % 12 + time.hour_offset;
    }
    if (!is_hour(h) || !is_minute(mi) || !is_minute(sec) || !is_ms(ms)) {
        if (h != 24 || mi != 0 || sec != 0 || ms != 0)
            return NAN;
    }

    double d = bk_js_date_make_date(bk_js_date_make_day(year, month - 1, mday),
                                    bk_js_date_make_time(h, mi, sec, ms));
    if (tz.sign != NONE) {
        double hh = tz.hour == NONE ? 0 : tz.hour;
        double mm = tz.minute == NONE ? 0 : tz.minute;
        double secs = hh * 3600 + mm * 60;
        if (secs > 1073741823.0) /* V8's Smi limit */
            return NAN;
        d -= (tz.sign < 0 ? -secs : secs) * 1000.0;
    } else {
        d = bk_js_date_utc(d, offset_ms);
    }
    return bk_js_date_time_clip(d);
}

double bk_js_date_parse_utf16(const uint16_t *p, size_t n, double offset_ms)
{
    scan_t s = {NULL, p, n, 0, {0}};
    return parse(&s, offset_ms);
}

double bk_js_date_parse_latin1(const uint8_t *p, size_t n, double offset_ms)
{
    scan_t s = {p, NULL, n, 0, {0}};
    return parse(&s, offset_ms);
}
