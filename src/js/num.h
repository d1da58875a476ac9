/*
 * num.h: the engine's number <-> string conversions, exactly as ECMAScript
 * (and V8, where the spec leaves room) define them. Pure C: doubles in,
 * bytes out; strings in as UTF-16 code units or Latin-1 bytes.
 *
 * Invariant: every formatter writes plain ASCII into a caller buffer of at
 * least BK_JS_NUM_BUF bytes, NUL-terminates it and returns the length
 * (without the NUL). Nothing here allocates.
 */
#ifndef BK_JS_NUM_H
#define BK_JS_NUM_H

#include <stddef.h>
#include <stdint.h>

/* Room any formatter below may need (toString(2) of 2^-1074 is the worst). */
#define BK_JS_NUM_BUF 2200

/* Number::toString(10): the shortest round-trip digits ("1e+21", "1e-7",
 * "0.30000000000000004", -0 -> "0", "NaN", "-Infinity"). */
size_t bk_js_num_to_str(double v, char *buf);

/* The shortest digits of finite v > 0: digits[0..len) (no NUL) and 'point'
 * such that v = 0.d1d2... x 10^point. Returns len (1..17). */
int bk_js_num_shortest(double v, char *digits, int *point);

/* Number.prototype.toString(radix), radix 2..36, as V8 prints fractions. */
size_t bk_js_num_to_radix(double v, int radix, char *buf);

/* Number.prototype.toFixed(digits), digits 0..100 (caller checks range). */
size_t bk_js_num_to_fixed(double v, int digits, char *buf);

/* Number.prototype.toExponential(digits): digits 0..100, or -1 for
 * undefined (as many digits as the shortest form needs). */
size_t bk_js_num_to_exponential(double v, int digits, char *buf);

/* Number.prototype.toPrecision(precision), precision 1..100. */
size_t bk_js_num_to_precision(double v, int precision, char *buf);

/* StringToNumber: trims JS white space and line terminators; "" -> 0;
 * decimal, "Infinity" with sign, 0x/0o/0b without sign; otherwise NaN. */
double bk_js_num_from_utf16(const uint16_t *s, size_t n);
double bk_js_num_from_latin1(const uint8_t *s, size_t n);

/* parseFloat: the longest decimal prefix after leading white space. */
double bk_js_num_parse_float_utf16(const uint16_t *s, size_t n);
double bk_js_num_parse_float_latin1(const uint8_t *s, size_t n);

/* parseInt: 'radix' is ToInt32(radix argument), 0 when undefined. */
double bk_js_num_parse_int_utf16(const uint16_t *s, size_t n, int32_t radix);
double bk_js_num_parse_int_latin1(const uint8_t *s, size_t n, int32_t radix);

/* Whether code unit c is JS WhiteSpace or LineTerminator (for trim()). */
int bk_js_num_is_space(uint32_t c);

/* ToInt32 / ToUint32 / ToUint16 of any double (NaN, inf -> 0). */
int32_t bk_js_num_to_int32(double v);
uint32_t bk_js_num_to_uint32(double v);
uint16_t bk_js_num_to_uint16(double v);

/* If v is an array index / integer that prints as such, v as int64 in *out
 * and 1; else 0. For property keys ("1" vs "1.5"). */
int bk_js_num_is_int(double v, int64_t *out);

#endif
