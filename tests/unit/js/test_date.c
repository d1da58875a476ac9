/*
 * test_date.c: time arithmetic, string forms and Date.parse against node's
 * answers (date_vectors.h from gen_date_vectors.js, node run with TZ=UTC).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "core/defs.h"
#include "js/date.h"
#include "date_vectors.h"

static int same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

static void test_components_and_strings(void **state)
{
    (void)state;
    char b[BK_JS_DATE_BUF];
    int fails = 0;
    for (size_t i = 0; i < BK_COUNTOF(date_fmt_vectors); i++) {
        double t = date_fmt_vectors[i].t;
#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond) && fails++ < 20)                                         \
            print_error("t=%.17g: %s\n", t, #cond);                          \
    } while (0)
        if (!isnan(t)) {
            CHECK(bk_js_date_year_from_time(t) == date_fmt_vectors[i].year);
            CHECK(bk_js_date_month_from_time(t) == date_fmt_vectors[i].month);
            CHECK(bk_js_date_date_from_time(t) == date_fmt_vectors[i].day);
            CHECK(bk_js_date_week_day(t) == date_fmt_vectors[i].wday);
            CHECK(bk_js_date_hour_from_time(t) == date_fmt_vectors[i].h);
            CHECK(bk_js_date_min_from_time(t) == date_fmt_vectors[i].m);
            CHECK(bk_js_date_sec_from_time(t) == date_fmt_vectors[i].s);
            CHECK(bk_js_date_ms_from_time(t) == date_fmt_vectors[i].ms);
        }
        size_t n = bk_js_date_to_iso(t, b);
        CHECK(n == 0 ? date_fmt_vectors[i].iso[0] == 0
                     : strcmp(b, date_fmt_vectors[i].iso) == 0);
        bk_js_date_to_utc_string(t, b);
        CHECK(strcmp(b, date_fmt_vectors[i].utc) == 0);
        bk_js_date_to_string(t, 0, b);
        CHECK(strcmp(b, date_fmt_vectors[i].str) == 0);
        bk_js_date_to_date_string(t, 0, b);
        CHECK(strcmp(b, date_fmt_vectors[i].date) == 0);
        bk_js_date_to_time_string(t, 0, b);
        CHECK(strcmp(b, date_fmt_vectors[i].time) == 0);
        bk_js_date_to_locale_string(t, 0, b);
        CHECK(strcmp(b, date_fmt_vectors[i].locale) == 0);
        bk_js_date_to_locale_date_string(t, 0, b);
        CHECK(strcmp(b, date_fmt_vectors[i].locale_date) == 0);
        bk_js_date_to_locale_time_string(t, 0, b);
        CHECK(strcmp(b, date_fmt_vectors[i].locale_time) == 0);
#undef CHECK
    }
    assert_int_equal(fails, 0);
}

/* The vectors come from d.setUTCFullYear(y, m, d); d.setUTCHours(...) on
 * new Date(0): the same two steps in spec operations. */
static void test_make(void **state)
{
    (void)state;
    int fails = 0;
    for (size_t i = 0; i < BK_COUNTOF(date_make_vectors); i++) {
        const double *a = date_make_vectors[i].a;
        double t = bk_js_date_time_clip(
            bk_js_date_make_date(bk_js_date_make_day(a[0], a[1], a[2]),
                                 bk_js_date_time_within_day(0)));
        if (!isnan(t))
            t = bk_js_date_time_clip(bk_js_date_make_date(
                bk_js_date_day(t), bk_js_date_make_time(a[3], a[4], a[5],
                                                        a[6])));
        if (!same(t, date_make_vectors[i].want) && fails++ < 20)
            print_error("make #%zu: got %.17g want %.17g\n", i, t,
                        date_make_vectors[i].want);
    }
    assert_int_equal(fails, 0);
}

static void test_parse(void **state)
{
    (void)state;
    int fails = 0;
    uint16_t u[256];
    for (size_t i = 0; i < BK_COUNTOF(date_parse_vectors); i++) {
        const char *s = date_parse_vectors[i].s;
        size_t n = strlen(s);
        double v = bk_js_date_parse_latin1((const uint8_t *)s, n, 0);
        for (size_t k = 0; k < n && k < 256; k++)
            u[k] = (uint8_t)s[k];
        double w = bk_js_date_parse_utf16(u, n, 0);
        if ((!same(v, date_parse_vectors[i].want) || !same(v, w)) &&
            fails++ < 30)
            print_error("parse \"%s\": got %.17g want %.17g\n", s, v,
                        date_parse_vectors[i].want);
    }
    assert_int_equal(fails, 0);
}

static void test_misc(void **state)
{
    (void)state;
    char b[BK_JS_DATE_BUF];
    assert_int_equal(bk_js_date_days_in_year(2000), 366);
    assert_int_equal(bk_js_date_days_in_year(1900), 365);
    assert_int_equal(bk_js_date_days_in_year(2024), 366);
    assert_int_equal(bk_js_date_days_in_year(-4), 366);
    assert_true(bk_js_date_in_leap_year(951782400000.0));
    assert_true(isnan(bk_js_date_time_clip(8.64e15 + 1)));
    assert_false(signbit(bk_js_date_time_clip(-0.5)));
    assert_true(isnan(bk_js_date_make_time(NAN, 0, 0, 0)));
    assert_int_equal(bk_js_date_to_iso(NAN, b), 0);
    bk_js_date_to_string(NAN, 0, b);
    assert_string_equal(b, "Invalid Date");
    /* A non-zero offset shifts local fields and prints GMT+hhmm. */
    bk_js_date_to_string(0, 5.5 * 3600000, b);
    assert_string_equal(b, "Thu Jan 01 1970 05:30:00 GMT+0530");
    bk_js_date_to_time_string(0, -3600000, b);
    assert_string_equal(b, "23:00:00 GMT-0100");
    /* Local forms without an offset use the caller's offset. */
    const char *s = "2024-05-17T10:00";
    assert_true(bk_js_date_parse_latin1((const uint8_t *)s, strlen(s),
                                        3600000) == 1715940000000.0 - 3600000);
    s = "2024-05-17";
    assert_true(bk_js_date_parse_latin1((const uint8_t *)s, strlen(s),
                                        3600000) == 1715904000000.0);
    /* Non-ASCII white space separates tokens; other letters are words. */
    uint16_t u[] = {'N', 'o', 'v', 0x3000, '1', '5', 0x00a0, '1', '9',
                    '9', '4'};
    assert_true(bk_js_date_parse_utf16(u, BK_COUNTOF(u), 0) ==
                784857600000.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_misc),
        cmocka_unit_test(test_components_and_strings),
        cmocka_unit_test(test_make),
        cmocka_unit_test(test_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
