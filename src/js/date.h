/*
 * date.h: ECMAScript time values (ES5.1 §15.9.1) and Date's string forms.
 *
 * A time value is a double: milliseconds since 1970-01-01T00:00:00Z, NaN
 * for an invalid date. "Local" time is UTC shifted by a fixed offset in
 * milliseconds that callers pass in (brink runs Date in UTC: offset 0).
 *
 * Invariant: pure functions, no allocation; formatters write ASCII into a
 * caller buffer of BK_JS_DATE_BUF bytes, NUL-terminated, and return the
 * length.
 */
#ifndef BK_JS_DATE_H
#define BK_JS_DATE_H

#include <stddef.h>
#include <stdint.h>

#define BK_JS_DATE_BUF 96

#define BK_JS_MS_PER_DAY 86400000.0

/* The spec's abstract operations. Results are NaN when an input is. */
double bk_js_date_day(double t);              /* Day(t) */
double bk_js_date_time_within_day(double t);  /* TimeWithinDay(t) */
double bk_js_date_days_in_year(double y);     /* DaysInYear(y) */
double bk_js_date_day_from_year(double y);    /* DayFromYear(y) */
double bk_js_date_time_from_year(double y);   /* TimeFromYear(y) */
double bk_js_date_year_from_time(double t);   /* YearFromTime(t) */
int bk_js_date_in_leap_year(double t);        /* InLeapYear(t) */
double bk_js_date_month_from_time(double t);  /* MonthFromTime(t), 0..11 */
double bk_js_date_date_from_time(double t);   /* DateFromTime(t), 1..31 */
double bk_js_date_week_day(double t);         /* WeekDay(t), 0 = Sunday */
double bk_js_date_hour_from_time(double t);   /* HourFromTime(t) */
double bk_js_date_min_from_time(double t);    /* MinFromTime(t) */
double bk_js_date_sec_from_time(double t);    /* SecFromTime(t) */
double bk_js_date_ms_from_time(double t);     /* msFromTime(t) */

/* MakeTime(hour, min, sec, ms). */
double bk_js_date_make_time(double h, double m, double s, double ms);
/* MakeDay(year, month, date); month may be outside 0..11. */
double bk_js_date_make_day(double year, double month, double date);
/* MakeDate(day, time). */
double bk_js_date_make_date(double day, double time);
/* TimeClip(t): NaN past ±8.64e15, else an integer (no -0). */
double bk_js_date_time_clip(double t);

/* LocalTime(t) and UTC(t) for a fixed offset in milliseconds. */
double bk_js_date_local(double t, double offset_ms);
double bk_js_date_utc(double t, double offset_ms);

/* Date.parse: the ES date-time string format (date-only forms are UTC,
 * date-time forms without an offset are local), then the legacy forms V8
 * accepts (RFC 1123/2822, toString output, "Nov 15 1994", "1994/11/15
 * 08:12", ...). NaN when neither applies. */
double bk_js_date_parse_utf16(const uint16_t *s, size_t n, double offset_ms);
double bk_js_date_parse_latin1(const uint8_t *s, size_t n, double offset_ms);

/* toISOString: "2024-05-17T10:00:00.000Z" (±YYYYYY outside 0..9999).
 * Returns 0 for NaN: the caller throws RangeError "Invalid time value". */
size_t bk_js_date_to_iso(double t, char *buf);

/* toUTCString: "Tue, 15 Nov 1994 08:12:31 GMT"; "Invalid Date" for NaN. */
size_t bk_js_date_to_utc_string(double t, char *buf);

/* toString / toDateString / toTimeString for a local offset:
 * "Tue Nov 15 1994 08:12:31 GMT+0000 (Coordinated Universal Time)". The
 * zone name is printed only for offset 0. "Invalid Date" for NaN. */
size_t bk_js_date_to_string(double t, double offset_ms, char *buf);
size_t bk_js_date_to_date_string(double t, double offset_ms, char *buf);
size_t bk_js_date_to_time_string(double t, double offset_ms, char *buf);

/* toLocaleString / toLocaleDateString / toLocaleTimeString without
 * arguments, as node prints them in its default en-US locale:
 * "5/17/2024, 10:00:00 AM" (years <= 0 print as 1 - year, the era
 * omitted). "Invalid Date" for NaN. */
size_t bk_js_date_to_locale_string(double t, double offset_ms, char *buf);
size_t bk_js_date_to_locale_date_string(double t, double offset_ms,
                                        char *buf);
size_t bk_js_date_to_locale_time_string(double t, double offset_ms,
                                        char *buf);

#endif
