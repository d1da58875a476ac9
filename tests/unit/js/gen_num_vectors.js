// Generates num_vectors.h for test_num.c from node's own answers.
// Run: node tests/unit/js/gen_num_vectors.js > tests/unit/js/num_vectors.h
'use strict';
const dv = new DataView(new ArrayBuffer(8));
function bits(v) { dv.setFloat64(0, v); return '0x' + dv.getBigUint64(0).toString(16) + 'ULL'; }
let seed = 20261126;
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
function randDouble() {
  const k = rnd();
  if (k < 0.3) {
    dv.setUint32(0, (rnd() * 4294967296) >>> 0); dv.setUint32(4, (rnd() * 4294967296) >>> 0);
    const v = dv.getFloat64(0); return isFinite(v) ? v : 1.5;
  }
  if (k < 0.5) return Math.round(rnd() * 1e6) / Math.pow(10, Math.floor(rnd() * 8));
  if (k < 0.7) return (rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 40 - 20));
  if (k < 0.8) return Math.floor(rnd() * 1e9) * Math.pow(2, Math.floor(rnd() * 200 - 100));
  return Math.pow(10, Math.floor(rnd() * 600 - 300)) * (1 + Math.floor(rnd() * 10) / 10);
}
function cstr(s) { return JSON.stringify(s); }
const fmt = [];
function add(op, v, a) {
  let r;
  if (op === 's') r = String(v);
  else if (op === 'r') r = v.toString(a);
  else if (op === 'f') r = v.toFixed(a);
  else if (op === 'e') r = a < 0 ? v.toExponential() : v.toExponential(a);
  else r = v.toPrecision(a);
  fmt.push(`    {'${op}', ${bits(v)}, ${a}, ${cstr(r)}},`);
}
const special = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1e21, 1e-7, 123e-20,
  0.1 + 0.2, 1.005, 123.456, 2 ** 53, 2 ** 64, 1.7976931348623157e308,
  2.2250738585072014e-308, 0.5, 1.5, 2.5, -1.5, 1e-6, 999999999999999999999, 1e20,
  9.5, 0.05, 0.045, 1.45, 255, -255, 0.1, 1 / 3, -1 / 3, Math.PI, 1e300, 4.35,
  1.255, 8.345, 1000000000000000128, 1e-10, 3e-100, 2 ** -1074 * 3, 1e23, 9007199254740993,
  0.000001234, 1.5e-7, -1e-7, 100, 1e100, 2 ** -1022, 4294967295, 4294967296, -2147483648];
for (const v of special) {
  add('s', v, 0);
  for (const r of [2, 3, 7, 8, 16, 32, 36]) add('r', v, r);
  for (const f of [0, 1, 2, 3, 5, 10, 20, 50, 100]) add('f', v, f);
  for (const f of [-1, 0, 1, 2, 5, 20, 100]) add('e', v, f);
  for (const f of [1, 2, 3, 5, 7, 21, 22, 100]) add('p', v, f);
}
for (let i = 0; i < 3000; i++) {
  const v = randDouble();
  const op = 'sfrep'[i % 5];
  let a = 0;
  if (op === 'r') a = 2 + Math.floor(rnd() * 35);
  else if (op === 'f') a = Math.floor(rnd() * 30);
  else if (op === 'e') a = Math.floor(rnd() * 32) - 1;
  else if (op === 'p') a = 1 + Math.floor(rnd() * 30);
  add(op, v, a);
}
// Parsing: Number(), parseFloat, parseInt.
const parse = [];
function u16(s) {
  let o = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c >= 32 && c < 127 && ch !== '"' && ch !== '\\' && ch !== '?') o += ch;
    else if (c < 0xa0) o += '\\' + c.toString(8).padStart(3, '0');
    else o += '\\u' + c.toString(16).padStart(4, '0');
  }
  return 'u"' + o + '"';
}
function want(v) { return Number.isNaN(v) ? '1, 0' : '0, ' + bits(v); }
function padd(s) {
  parse.push(`    {'n', ${u16(s)}, 0, ${want(Number(s))}},`);
  parse.push(`    {'f', ${u16(s)}, 0, ${want(parseFloat(s))}},`);
  for (const r of [undefined, 2, 8, 10, 16, 36, 37, 1, 7, -1])
    parse.push(`    {'i', ${u16(s)}, ${r === undefined ? 0 : r}, ${want(parseInt(s, r))}},`);
}
const base = ['', '0', ' 12 ', '\t\n12\u00a0', '\ufeff1\u2028', '\u30001.5\u3000', '0x1F', '0X1f',
  '0b101', '0o17', '0B', '0x', '-0x10', '+0x10', 'Infinity', '-Infinity', '+Infinity', 'infinity',
  'inf', '1e1000', '-1e1000', '1e-400', '.5', '5.', '.', '+.5', '-.5e1', '1_000', '1e', '1e+',
  '1e+5', '1E-5', '00012', '-0', '+0', '  -0  ', '0.0000001', '123456789012345678901234567890',
  '9007199254740993', '9007199254740993.0000000001', '0x20000000000001', '0x20000000000003',
  '0x1fffffffffffff8', '0b' + '1'.repeat(80), '0o' + '7'.repeat(30), '1.7976931348623157e308',
  '1.7976931348623158e308', '1.7976931348623159e308', '2.4703282292062327e-324',
  '2.4703282292062328e-324', '4.9e-324', '12abc', 'abc', '  ', '\u180e1', '1 2', '- 1', '--1',
  '0.1e-2e', '1' + '0'.repeat(400), '0.' + '0'.repeat(400) + '1', '2.' + '0'.repeat(900) + '1e-10',
  '0x1.5', '1.5.3', '1e5.5', '\u0661\u0662', ' \u2000\u200a7\u205f', '\u200b7', '0xg', '0x10n', '0e5',
  '-0e5', 'Infinityx', '12e', '12.e3', '12.3e-0003', 'z', 'Z9', '0z', 'o' + '7'.repeat(40),
  '0j52hyotywm6nrq1t2abc7pesx39vf4pfm5b30'];
for (const s of base) padd(s);
const chars = '0123456789abcdefxXzZ.eE+- ';
for (let i = 0; i < 1500; i++) {
  let s = '';
  const L = 1 + Math.floor(rnd() * 25);
  for (let j = 0; j < L; j++) s += chars[Math.floor(rnd() * chars.length)];
  if (i % 3 === 0) s = String((rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 40 - 20))).slice(0, 3 + Math.floor(rnd() * 20));
  parse.push(`    {'n', ${u16(s)}, 0, ${want(Number(s))}},`);
  parse.push(`    {'f', ${u16(s)}, 0, ${want(parseFloat(s))}},`);
  const r = [0, 2, 3, 8, 10, 16, 36, 5, 23][i % 9];
  parse.push(`    {'i', ${u16(s)}, ${r}, ${want(parseInt(s, r || undefined))}},`);
}
console.log(`/* Generated by tests/unit/js/gen_num_vectors.js with node ${process.version}; do not edit. */
static const struct {
    char op;         /* s: toString, r: radix, f: toFixed, e: toExponential, p: toPrecision */
    uint64_t bits;   /* the double */
    int arg;         /* radix or digits (-1: undefined) */
    const char *want;
} num_fmt_vectors[] = {
${fmt.join('\n')}
};

static const struct {
    char op;              /* n: Number(s), f: parseFloat, i: parseInt */
    const uint16_t *s;    /* NUL-terminated UTF-16 */
    int radix;            /* parseInt radix, 0: undefined */
    int nan;              /* expect NaN */
    uint64_t bits;        /* else these bits */
} num_parse_vectors[] = {
${parse.join('\n')}
};`);
