// Generates date_vectors.h for test_date.c. Run with TZ=UTC:
//   TZ=UTC node tests/unit/js/gen_date_vectors.js > tests/unit/js/date_vectors.h
'use strict';
if (new Date(0).getTimezoneOffset() !== 0) throw new Error('run with TZ=UTC');
if (Intl.DateTimeFormat().resolvedOptions().locale !== 'en-US') throw new Error('run in the en-US locale');
let seed = 1994;
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
function num(v) { return Number.isNaN(v) ? 'NAN' : v === Infinity ? 'INFINITY' : v === -Infinity ? '-INFINITY' : (Object.is(v, -0) ? '-0.0' : String(v) + (Number.isInteger(v) ? '.0' : '')); }
function cstr(s) { return JSON.stringify(s).replace(/\?/g, '\\?'); }
// Time values -> components and strings.
const times = [0, -1, 1, 951782400000, 784887151000, -62198755200000, -62167219200000, 253402300800000,
  8.64e15, -8.64e15, 1e12, -1e12, 1715940000123, 86399999, -86400000, 4107542400000, -2208988800000, NaN];
for (let i = 0; i < 400; i++) times.push(Math.floor((rnd() - 0.5) * 2 * 8.64e15 * (rnd() < 0.5 ? 1 : 1e-4)));
const fmt = [];
for (const t of times) {
  const d = new Date(t);
  const ok = !Number.isNaN(t);
  let iso = '';
  try { iso = d.toISOString(); } catch (e) { iso = ''; }
  fmt.push(`    {${num(t)}, ${ok ? d.getUTCFullYear() : 0}, ${ok ? d.getUTCMonth() : 0}, ${ok ? d.getUTCDate() : 0}, ${ok ? d.getUTCDay() : 0}, ` +
    `${ok ? d.getUTCHours() : 0}, ${ok ? d.getUTCMinutes() : 0}, ${ok ? d.getUTCSeconds() : 0}, ${ok ? d.getUTCMilliseconds() : 0}, ` +
    `${cstr(iso)}, ${cstr(d.toUTCString())}, ${cstr(d.toString())}, ${cstr(d.toDateString())}, ${cstr(d.toTimeString())}, ` +
    `${cstr(d.toLocaleString())}, ${cstr(d.toLocaleDateString())}, ${cstr(d.toLocaleTimeString())}},`);
}
// Date.UTC(y, m, d, h, mi, s, ms) = TimeClip(MakeDate(MakeDay, MakeTime)).
const utc = [];
const U = [[2000, 0, 1, 0, 0, 0, 0], [2000, 1, 29, 0, 0, 0, 0], [2001, 1, 29, 0, 0, 0, 0], [1970, 0, 1, 0, 0, 0, -1],
  [2024, 13, 1, 0, 0, 0, 0], [2024, -1, 1, 0, 0, 0, 0], [2024, -13, 31, 0, 0, 0, 0], [2024, 0, 0, 0, 0, 0, 0],
  [2024, 0, 1, 25, 61, 61, 1001], [2024, 0, 1, -1, -1, -1, -1], [275760, 8, 13, 0, 0, 0, 0], [275760, 8, 13, 0, 0, 0, 1],
  [-271821, 3, 20, 0, 0, 0, 0], [-271821, 3, 19, 23, 59, 59, 999], [1e6, 0, 1, 0, 0, 0, 0], [1.5, 2.7, 3.9, 4.2, 5.5, 6.6, 7.7],
  [-1.5, -2.7, -3.9, 0, 0, 0, 0], [Infinity, 0, 1, 0, 0, 0, 0], [2000, NaN, 1, 0, 0, 0, 0], [0, 0, 1, 0, 0, 0, 0],
  [99, 0, 1, 0, 0, 0, 0], [-1, 0, 1, 0, 0, 0, 0], [1900, 1, 29, 0, 0, 0, 0], [2100, 1, 29, 0, 0, 0, 0], [1600, 1, 29, 0, 0, 0, 0],
  [2024, 1e7, 1, 0, 0, 0, 0], [2024, 0, 1e9, 0, 0, 0, 0], [2024, 0, 1, 1e9, 0, 0, 0]];
for (let i = 0; i < 300; i++) U.push([Math.floor(rnd() * 4000 - 1000), Math.floor(rnd() * 30 - 8), Math.floor(rnd() * 70 - 5),
  Math.floor(rnd() * 30 - 3), Math.floor(rnd() * 70 - 5), Math.floor(rnd() * 70 - 5), Math.floor(rnd() * 2100 - 50)]);
for (const a of U) {
  // Date.UTC maps years 0..99 to 1900+; the raw MakeDay does not, so use
  // setUTCFullYear to get the spec's MakeDay for every year.
  const d = new Date(0);
  const v = d.setUTCFullYear(a[0], a[1], a[2]) , w = d.setUTCHours(a[3], a[4], a[5], a[6]);
  void v;
  utc.push(`    {{${a.map(num).join(', ')}}, ${num(w)}},`);
}
// Date.parse.
const P = ['2024-05-17', '2024-05', '2024', '+002024-05-17', '-000001-01-01T00:00:00Z', '-000000-01-01', '+275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.001Z', '2024-05-17T10:00', '2024-05-17T10:00Z', '2024-05-17T10:00:00', '2024-05-17T10:00:00.1Z',
  '2024-05-17T10:00:00.12Z', '2024-05-17T10:00:00.123456Z', '2024-05-17T10:00:00+01:00', '2024-05-17T10:00:00-0130',
  '2024-05-17T10:00:00+1', '2024-05-17T24:00', '2024-05-17T24:00:01', '2024-05-17T25:00', '2024-13-01', '2024-02-30',
  '2024-02-31', '2024-5-17', '2024-05-17T10', '2024-05-17t10:00z', '2024-05-17 10:00', '2024-05-17T10:00:00.Z', '20240517',
  'Tue, 15 Nov 1994 08:12:31 GMT', 'Tuesday, 15-Nov-94 08:12:31 GMT', 'Tue Nov 15 08:12:31 1994', 'Sun, 06 Nov 1994 08:49:37 +0000',
  'Mon, 02 Jan 2006 15:04:05 -0700', 'Mon, 02 Jan 2006 15:04:05 +05:30', 'Mon, 02 Jan 2006 15:04:05 EST', '02 Jan 2006 15:04 PST',
  'Tue Nov 15 1994 08:12:31 GMT+0000 (Coordinated Universal Time)', 'Thu Jan 01 1970 00:00:00 GMT+0100 (CET)',
  'Thu Jan 01 1970 00:00:00 GMT-0830', 'Nov 15 1994', 'Nov 15', '15 Nov', '15 November 1994', 'November 15, 1994 10:00 AM',
  '1994/11/15 08:12', '1994/11/15', '11/15/1994', '11/15/94', '1/2/3', '12/31/1999 11:59 PM', '12/31/1999 12:00 AM',
  'Jan 1 2000 12:00 am', 'Jan 1 2000 12:00 pm EST', 'Jan 1 2000 13:00 pm', 'x 2000 1 1', '2000 1 1 x', 'foo', '', ' ',
  '24:00', 'Jan 1 2000 24:00', 'Jan 1 2000 24:01', 'Jan 1 2000 10:20:30.456', 'Jan 1 2000 10:20:30.4567', 'Jan 1 2000 10:20.30',
  'Jan 1 2000 10::', 'Jan 1 2000 GMT+2', 'Jan 1 2000 UTC-0500', 'Jan 1 2000 10:00 +05:30', 'Jan 1 2000 10:00 GMT+12345',
  'Jan 1 2000 (comment) 10:00', 'Jan 1 2000 10:00 (PST)', '2000-01-01T00:00:00.000+00:00', 'Sat, 01-Jan-2000 08:00:00 GMT',
  'Jan-01-2000', '01-Jan-2000', '2000-Jan-01', 'Thu, 01 Jan 1970 00:00:00 GMT-1', 'January 32, 2000', 'Feb 30 2000', 'Dec 25, 95',
  'Dec 25, 49', 'Dec 25, 50', 'Dec 25, 100', 'Dec 25 12345', '2000-01-01T00:00:00Z junk', ')2000', '2000 )', 'T10:00', 'Z',
  '2000-01-01T10:00:00.000Zz', 'Sept 5 2000', 'Ja 5 2000', 'Mayday 5 2000', '2000 5 Jan', '5 2000 Jan', 'Jan 2000 5'];
const parse = P.map(s => `    {${cstr(s)}, ${num(Date.parse(s))}},`);
// Random variations of real formats.
const parts = ['2024', '05', '17', 'T', '10', ':', '00', '-', '/', ' ', 'Z', '+', '01', 'GMT', 'Nov', 'Tue', ',', '.', '123', 'PM', '1994'];
for (let i = 0; i < 600; i++) {
  let s = ''; const L = 1 + Math.floor(rnd() * 12);
  for (let j = 0; j < L; j++) s += parts[Math.floor(rnd() * parts.length)];
  parse.push(`    {${cstr(s)}, ${num(Date.parse(s))}},`);
}
// Mutations (delete, insert, repeat) of real-world forms.
const real = ['Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', '2024-05-17 10:00:00 +0200', '17 May 2024',
  'May 17, 2024 10:00:00 GMT+0200', '2024/05/17T10:00', 'Fri, 17 May 2024 10:00:00 +0000', '2024-05-17T10:00:00.000+02:00',
  '5/17/2024, 10:00:00 AM', '17.05.2024', '2024.05.17', 'Fri May 17 2024 12:00:00 GMT+0200 (Central European Summer Time)',
  '10:00 2024-05-17', 'May 2024', '2024 May 17 10:00 pm', '12 am May 17 2024', 'Mon Jan 1 00:00:00 UTC 2024',
  'Jan 1, 2024 00:00:00 UTC+0530', '1 Jan 2024 0:0:0', 'Jan 1 2024 10:00:00.5'];
const mchars = ' -/:.,+TZ0123456789aAmMpP()GMTUC';
for (let i = 0; i < 1500; i++) {
  let s = real[Math.floor(rnd() * real.length)];
  const k = Math.floor(rnd() * 4);
  for (let j = 0; j < k; j++) {
    const p = Math.floor(rnd() * (s.length + 1)), op = Math.floor(rnd() * 3);
    if (op === 0) s = s.slice(0, p) + s.slice(p + 1);
    else if (op === 1) s = s.slice(0, p) + mchars[Math.floor(rnd() * mchars.length)] + s.slice(p);
    else s = s.slice(0, p) + s.slice(p, p + 3) + s.slice(p);
  }
  parse.push(`    {${cstr(s)}, ${num(Date.parse(s))}},`);
}
for (const t of times) {
  if (Number.isNaN(t)) continue;
  const d = new Date(t);
  for (const s of [d.toString(), d.toUTCString(), d.toISOString(), d.toDateString()])
    parse.push(`    {${cstr(s)}, ${num(Date.parse(s))}},`);
}
console.log(`/* Generated by tests/unit/js/gen_date_vectors.js with node ${process.version}, TZ=UTC; do not edit. */
static const struct {
    double t;
    int year, month, day, wday, h, m, s, ms;
    const char *iso; /* "" when toISOString throws */
    const char *utc, *str, *date, *time;
    const char *locale, *locale_date, *locale_time; /* en-US */
} date_fmt_vectors[] = {
${fmt.join('\n')}
};

/* {year, month, date, h, min, s, ms} -> TimeClip(MakeDate(MakeDay(), MakeTime())) */
static const struct {
    double a[7];
    double want;
} date_make_vectors[] = {
${utc.join('\n')}
};

static const struct {
    const char *s;
    double want;
} date_parse_vectors[] = {
${parse.join('\n')}
};`);
