/*
 * date.h: HTTP dates (RFC 9110 §5.6.7), for every module that reads or
 * writes them: the server's Date and Last-Modified (edge), the cache's
 * Expires, If-Modified-Since and If-Range. Pure arithmetic on the
 * proleptic Gregorian calendar in UTC: no locale, time zone or libc time
 * functions, so results never depend on the server's environment.
 */
#ifndef BK_CORE_DATE_H
#define BK_CORE_DATE_H

#include "core/defs.h"
#include "core/str.h"

#define BK_DATE_LEN 29 /* "Sun, 06 Nov 1994 08:49:37 GMT" */

/* Writes the IMF-fixdate of 't' (seconds since the epoch, years 0..9999)
 * and a NUL into 'out'; returns BK_DATE_LEN, or 0 if out of range. */
size_t bk_date_format(int64_t t, char out[BK_DATE_LEN + 1]);

enum {
    /* What a cache accepts in Expires and validators from origins that
     * get the grammar slightly wrong (RFC 9111 §5.3 asks recipients to be
     * careful with such dates, not to drop them): surrounding blanks,
     * names in any case, a weekday that is any word of three or more
     * letters, and an asctime day with or without its padding. */
    BK_DATE_LENIENT = 1,
};

/* Parses an HTTP date in any of the three forms (IMF-fixdate, RFC 850,
 * asctime) into seconds since the epoch. BK_ERR if it is none of them or
 * names an impossible date. flags: 0 (the grammar exactly) or
 * BK_DATE_LENIENT. RFC 850's two-digit years are read relative to the
 * current year, as RFC 9110 says. */
BK_MUST_CHECK int bk_date_parse(bk_str_t s, int flags, int64_t *t);

/* bk_date_parse() with 'now_year' as the current year (tests). */
BK_MUST_CHECK int bk_date_parse_at(bk_str_t s, int flags, int64_t now_year,
                                   int64_t *t);

#endif
