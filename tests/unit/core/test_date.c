/*
 * test_date.c: HTTP dates (core/date.h): IMF-fixdate output checked against
 * libc's gmtime_r and strftime in the C locale as an independent oracle;
 * the three input forms read exactly as RFC 9110 writes them (what brink
 * accepts from viewers) and leniently (what the cache accepts from
 * origins); RFC 850's two-digit years relative to the current year.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>

#include "core/date.h"

/* The exact grammar, read in the current year. */
static int bk_date_parse_strict(bk_str_t s, int64_t *t)
{
    return bk_date_parse(s, 0, t);
}

static void oracle(int64_t t, char out[64])
{
    time_t tt = (time_t)t;
    struct tm tm;
    assert_non_null(gmtime_r(&tt, &tm));
    /* %a and %b are locale-dependent; no setlocale: the C locale. */
    strftime(out, 64, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static void test_date_format(void **state)
{
    char d[BK_DATE_LEN + 1], o[64];
    assert_int_equal(bk_date_format(784111777, d), BK_DATE_LEN);
    assert_string_equal(d, "Sun, 06 Nov 1994 08:49:37 GMT");
    assert_int_equal(bk_date_format(0, d), BK_DATE_LEN);
    assert_string_equal(d, "Thu, 01 Jan 1970 00:00:00 GMT");
    assert_int_equal(bk_date_format(-1, d), BK_DATE_LEN);
    assert_string_equal(d, "Wed, 31 Dec 1969 23:59:59 GMT");
    assert_int_equal(bk_date_format(951782400, d), BK_DATE_LEN);
    assert_string_equal(d, "Tue, 29 Feb 2000 00:00:00 GMT");
    assert_int_equal(bk_date_format(253402300799LL, d), BK_DATE_LEN);
    assert_string_equal(d, "Fri, 31 Dec 9999 23:59:59 GMT");
    assert_int_equal(bk_date_format(253402300800LL, d), 0);
    assert_int_equal(bk_date_format(-62167219201LL, d), 0);
    /* A sweep against libc, years 1000..9999. */
    uint64_t x = 88172645463325252ULL;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        int64_t t = (int64_t)(x % 283000000000ULL) - 30000000000LL;
        assert_int_equal(bk_date_format(t, d), BK_DATE_LEN);
        oracle(t, o);
        assert_string_equal(d, o);
        int64_t back;
        assert_int_equal(bk_date_parse_at(bk_str_c(d), 0, 2026, &back), BK_OK);
        assert_int_equal(back, t);
    }
}

static void test_date_parse_formats(void **state)
{
    int64_t t;
    assert_int_equal(
        bk_date_parse_strict(BK_STR("Sun, 06 Nov 1994 08:49:37 GMT"), &t), BK_OK);
    assert_int_equal(t, 784111777);
    assert_int_equal(
        bk_date_parse_strict(BK_STR("Sunday, 06-Nov-94 08:49:37 GMT"), &t),
        BK_OK);
    assert_int_equal(t, 784111777);
    assert_int_equal(bk_date_parse_strict(BK_STR("Sun Nov  6 08:49:37 1994"), &t),
                     BK_OK);
    assert_int_equal(t, 784111777);
    assert_int_equal(bk_date_parse_strict(BK_STR("Thu Nov 16 08:49:37 1994"), &t),
                     BK_OK);
    assert_int_equal(t, 784111777 + 10 * 86400);
    /* A leap second is the next minute's first second. */
    assert_int_equal(
        bk_date_parse_strict(BK_STR("Sat, 31 Dec 2016 23:59:60 GMT"), &t), BK_OK);
    assert_int_equal(t, 1483228800);
}

static void test_date_parse_invalid(void **state)
{
    const char *bad[] = {
        "",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 GMT ",
        " Sun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Mon, 29 Feb 1999 00:00:00 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sunday 06-Nov-94 08:49:37 GMT",
        "Sund, 06-Nov-94 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMTX",
    };
    for (size_t i = 0; i < BK_COUNTOF(bad); i++) {
        int64_t t;
        if (bk_date_parse_strict(bk_str_c(bad[i]), &t) != BK_ERR)
            fail_msg("accepted \"%s\"", bad[i]);
    }
}

static void test_date_rfc850_century(void **state)
{
    int64_t t;
    char d[BK_DATE_LEN + 1];
    assert_int_equal(
        bk_date_parse_at(BK_STR("Monday, 01-Jan-26 00:00:00 GMT"), 0, 2026, &t), BK_OK);
    bk_date_format(t, d);
    assert_string_equal(d, "Thu, 01 Jan 2026 00:00:00 GMT");
    assert_int_equal(
        bk_date_parse_at(BK_STR("Monday, 01-Jan-76 00:00:00 GMT"), 0, 2026, &t), BK_OK);
    bk_date_format(t, d);
    assert_string_equal(d, "Wed, 01 Jan 2076 00:00:00 GMT");
    assert_int_equal(
        bk_date_parse_at(BK_STR("Monday, 01-Jan-77 00:00:00 GMT"), 0, 2026, &t), BK_OK);
    bk_date_format(t, d);
    assert_string_equal(d, "Sat, 01 Jan 1977 00:00:00 GMT");
    assert_int_equal(
        bk_date_parse_at(BK_STR("Monday, 01-Jan-01 00:00:00 GMT"), 0, 2099, &t), BK_OK);
    bk_date_format(t, d);
    assert_string_equal(d, "Sat, 01 Jan 2101 00:00:00 GMT");
}

/* What the cache accepts from origins: surrounding blanks, names in any
 * case, any weekday word, an unpadded asctime day; still no impossible
 * dates, missing zones or trailing text. Output round-trips. */
static void test_date_lenient(void **state)
{
    (void)state;
    int64_t t;
    const char *same[] = {
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun Nov 6 08:49:37 1994",
        "  Sun, 06 Nov 1994 08:49:37 GMT ",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "SUN, 06 NOV 1994 08:49:37 gmt",
        "Mon, 06 Nov 1994 08:49:37 GMT", /* the weekday is not checked */
        "Sunday, 06 Nov 1994 08:49:37 GMT",
    };
    for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
        if (bk_date_parse_at(bk_str_c(same[i]), BK_DATE_LENIENT, 2026, &t) != BK_OK)
            fail_msg("refused '%s'", same[i]);
        assert_int_equal(t, 784111777);
    }
    const char *bad[] = {
        "", "0", "-1", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMTX",
        "Sun Nov  6 08:49:37 1994 extra", "Sun,06 Nov 1994 08:49:37 GMT",
        "Sun, 31 Feb 1994 08:49:37 GMT", "Su, 06 Nov 1994 08:49:37 GMT",
        "Sun Nov 006 08:49:37 1994",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (bk_date_parse_at(bk_str_c(bad[i]), BK_DATE_LENIENT, 2026, &t) != BK_ERR)
            fail_msg("accepted bad date '%s'", bad[i]);
    assert_int_equal(bk_date_parse(BK_STR_NULL, BK_DATE_LENIENT, &t), BK_ERR);
    assert_int_equal(bk_date_parse_at(BK_STR("Thu, 29 Feb 2024 12:00:00 GMT"),
                                      BK_DATE_LENIENT, 2026, &t), BK_OK);
    assert_int_equal(t, 1709208000);
    assert_int_equal(bk_date_parse_at(BK_STR("Friday, 01-Jan-27 00:00:00 GMT"),
                                      BK_DATE_LENIENT, 2026, &t), BK_OK);
    assert_int_equal(t, 1798761600);
    /* Round trip over a span of days and times. */
    char buf[BK_DATE_LEN + 1];
    for (int64_t x = 0; x < 4102444800; x += 7777777) {
        assert_int_equal(bk_date_format(x, buf), BK_DATE_LEN);
        assert_int_equal(bk_date_parse(bk_str_c(buf), BK_DATE_LENIENT, &t), BK_OK);
        assert_int_equal(t, x);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_format),
        cmocka_unit_test(test_date_parse_formats),
        cmocka_unit_test(test_date_parse_invalid),
        cmocka_unit_test(test_date_rfc850_century),
        cmocka_unit_test(test_date_lenient),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
