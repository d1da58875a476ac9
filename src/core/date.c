/*
 * date.c: HTTP dates (RFC 9110 §5.6.7). Formats IMF-fixdate; parses
 * IMF-fixdate, the obsolete RFC 850 form and asctime, exactly or leniently
 * (date.h).
 *
 * Key invariant: pure arithmetic on the proleptic Gregorian calendar in
 * UTC, no locale, no time zone, no libc time functions, so results do not
 * depend on the environment (TZ, setlocale) of the server.
 */
#include <string.h>
#include <time.h>

#include "core/date.h"

static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed",
                                "Thu", "Fri", "Sat"};
static const char *const long_days[7] = {"Sunday",   "Monday", "Tuesday",
                                         "Wednesday", "Thursday", "Friday",
                                         "Saturday"};
static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Seconds from 0000-01-01 to the epoch and from the epoch to the end of
 * 9999: the range a four-digit year can show. */
#define MIN_T (-62167219200LL)
#define MAX_T (253402300799LL)

/* Days since 1970-01-01 of y-m-d (m 1..12), after H. Hinnant's algorithm. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

size_t bk_date_format(int64_t t, char out[BK_DATE_LEN + 1])
{
    if (t < MIN_T || t > MAX_T)
        return 0;
    int64_t z = floor_div(t, 86400), y;
    int64_t sec = t - z * 86400;
    unsigned m, d;
    civil_from_days(z, &y, &m, &d);
    int wd = (int)(((z % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    const char *dn = days[wd], *mn = months[m - 1];
    char *p = out;
    *p++ = dn[0], *p++ = dn[1], *p++ = dn[2], *p++ = ',', *p++ = ' ';
    *p++ = (char)('0' + d / 10), *p++ = (char)('0' + d % 10), *p++ = ' ';
    *p++ = mn[0], *p++ = mn[1], *p++ = mn[2], *p++ = ' ';
    *p++ = (char)('0' + y / 1000), *p++ = (char)('0' + y / 100 % 10);
    *p++ = (char)('0' + y / 10 % 10), *p++ = (char)('0' + y % 10);
    *p++ = ' ';
    int h = (int)(sec / 3600), mi = (int)(sec / 60 % 60), s = (int)(sec % 60);
    *p++ = (char)('0' + h / 10), *p++ = (char)('0' + h % 10), *p++ = ':';
    *p++ = (char)('0' + mi / 10), *p++ = (char)('0' + mi % 10), *p++ = ':';
    *p++ = (char)('0' + s / 10), *p++ = (char)('0' + s % 10);
    memcpy(p, " GMT", 5);
    return BK_DATE_LEN;
}

/* ---- parsing ------------------------------------------------------------ */

/* A cursor over the input; every reader fails (returns 0) without moving
 * past the end. 'ci': names compare without case (lenient). */
typedef struct {
    const uint8_t *p;
    size_t n, i;
    int ci;
} cur_t;

static int lit(cur_t *c, const char *s)
{
    size_t k = strlen(s);
    if (c->n - c->i < k)
        return 0;
    if (c->ci ? !bk_str_eq_ci(bk_str(c->p + c->i, k), bk_str(s, k))
              : memcmp(c->p + c->i, s, k) != 0)
        return 0;
    c->i += k;
    return 1;
}

/* Exactly 'k' digits. */
static int num(cur_t *c, int k, int *v)
{
    if (c->n - c->i < (size_t)k)
        return 0;
    *v = 0;
    for (int j = 0; j < k; j++) {
        uint8_t b = c->p[c->i + (size_t)j];
        if (b < '0' || b > '9')
            return 0;
        *v = *v * 10 + (b - '0');
    }
    c->i += (size_t)k;
    return 1;
}

static int month(cur_t *c, int *m)
{
    for (int j = 0; j < 12; j++)
        if (lit(c, months[j])) {
            *m = j + 1;
            return 1;
        }
    return 0;
}

/* "hh:mm:ss" */
static int hms(cur_t *c, int *h, int *mi, int *s)
{
    return num(c, 2, h) && lit(c, ":") && num(c, 2, mi) && lit(c, ":") &&
           num(c, 2, s);
}

static int leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int assemble(int64_t y, int m, int d, int h, int mi, int s, int64_t *t)
{
    static const uint8_t mdays[12] = {31, 28, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || h > 23 || mi > 59 || s > 60)
        return BK_ERR;
    if (d > mdays[m - 1] + (m == 2 && leap(y)))
        return BK_ERR;
    /* A leap second (:60) counts as the first second of the next minute. */
    *t = days_from_civil(y, (unsigned)m, (unsigned)d) * 86400 + h * 3600 +
         mi * 60 + s;
    return BK_OK;
}

/* The weekday: one of the names (short, or long for RFC 850) exactly; any
 * word of three or more letters when lenient (RFC 9110 lets a recipient
 * ignore it). *wd: its index, 7 when lenient. */
static int weekday(cur_t *c, int *wd)
{
    if (c->ci) {
        size_t i = c->i;
        while (i < c->n && (c->p[i] | 0x20) >= 'a' && (c->p[i] | 0x20) <= 'z')
            i++;
        if (i - c->i < 3)
            return 0;
        c->i = i;
        *wd = 7;
        return 1;
    }
    for (*wd = 0; *wd < 7; (*wd)++)
        if (lit(c, days[*wd])) {
            /* The long name when one follows (RFC 850). */
            c->i -= 3;
            if (!lit(c, long_days[*wd]))
                c->i += 3;
            return 1;
        }
    return 0;
}

/* RFC 9110: a two-digit year more than 50 years in the future is the most
 * recent past year with the same last two digits; otherwise the nearest
 * such year (so "01" read in 2099 is 2101). */
static int64_t full_year(int y, int64_t now_year)
{
    int64_t full = now_year - now_year % 100 + y;
    if (full > now_year + 50)
        full -= 100;
    else if (full <= now_year - 50)
        full += 100;
    return full;
}

int bk_date_parse_at(bk_str_t str, int flags, int64_t now_year, int64_t *t)
{
    if (str.p == NULL)
        return BK_ERR;
    if (flags & BK_DATE_LENIENT)
        str = bk_str_trim(str);
    cur_t c = {str.p, str.n, 0, (flags & BK_DATE_LENIENT) != 0};
    int d, m, y, h, mi, s, wd;
    if (!weekday(&c, &wd))
        return BK_ERR;
    size_t after_name = c.i;
    int long_name = wd < 7 && after_name == strlen(long_days[wd]);
    if (!lit(&c, ", ")) {
        /* asctime: Sun Nov  6 08:49:37 1994 */
        if (long_name || !lit(&c, " ") || !month(&c, &m) || !lit(&c, " "))
            return BK_ERR;
        if (lit(&c, " ")) {
            if (!num(&c, 1, &d))
                return BK_ERR;
        } else if (!num(&c, 2, &d) && !(c.ci && num(&c, 1, &d))) {
            return BK_ERR;
        }
        if (lit(&c, " ") && hms(&c, &h, &mi, &s) && lit(&c, " ") &&
            num(&c, 4, &y) && c.i == c.n)
            return assemble(y, m, d, h, mi, s, t);
        return BK_ERR;
    }
    if (!num(&c, 2, &d))
        return BK_ERR;
    if (lit(&c, " ")) {
        /* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
        if (!long_name && month(&c, &m) && lit(&c, " ") && num(&c, 4, &y) &&
            lit(&c, " ") && hms(&c, &h, &mi, &s) && lit(&c, " GMT") && c.i == c.n)
            return assemble(y, m, d, h, mi, s, t);
        return BK_ERR;
    }
    /* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
    if ((long_name || c.ci) && lit(&c, "-") && month(&c, &m) && lit(&c, "-") &&
        num(&c, 2, &y) && lit(&c, " ") && hms(&c, &h, &mi, &s) &&
        lit(&c, " GMT") && c.i == c.n)
        return assemble(full_year(y, now_year), m, d, h, mi, s, t);
    return BK_ERR;
}

int bk_date_parse(bk_str_t s, int flags, int64_t *t)
{
    int64_t z = floor_div((int64_t)time(NULL), 86400), y;
    unsigned m, d;
    civil_from_days(z, &y, &m, &d);
    return bk_date_parse_at(s, flags, y, t);
}
