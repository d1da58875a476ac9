// Generates re_vectors.h for test_re.c: node's answers for RegExp cases.
// Run: node tests/unit/js/gen_re_vectors.js > tests/unit/js/re_vectors.h
// Each vector: pattern, flags, subject (as hex UTF-16 units), lastIndex,
// and the expected result: E:<SyntaxError message>, N (no match) or
// M:<s,e per group>|<name=s,e per named group>.
'use strict';
function hex(s) { let o = ''; for (let i = 0; i < s.length; i++) o += s.charCodeAt(i).toString(16).padStart(4, '0'); return o; }
function run(p, f, s, li) {
  let re;
  if (/[^dgimsuy]/.test(f) || new Set(f).size !== f.length) return 'E:Invalid regular expression flags';
  try { re = new RegExp(p, f.includes('d') ? f : f + 'd'); } catch (e) {
    // V8 prints the constructor's flags in canonical order; drop the 'd'
    // added above unless the case has it.
    return 'E:' + e.message.replace(/^(Invalid regular expression: \/.*\/)d?([gimsuy]*): /s,
      (m, a, b) => a + (f.includes('d') ? 'd' : '') + b + ': ');
  }
  re.lastIndex = li;
  const m = re.exec(s);
  if (!m) return 'N';
  const caps = m.indices.map(x => x ? x[0] + ',' + x[1] : '-1,-1').join(';');
  const g = m.indices.groups ? Object.keys(m.indices.groups).map(k => k + '=' + (m.indices.groups[k] ? m.indices.groups[k].join(',') : '-1,-1')).join(';') : '';
  return 'M:' + caps + '|' + g;
}
const cases = [];
function add(p, f, s, li = 0) { cases.push([p, f, s, li]); }
// Errors and flags.
for (const [p, f] of [['(', ''], ['a)', ''], ['*', ''], ['a**', ''], ['+a', ''], ['?', ''], ['a{2,1}', ''],
  ['[b-a]', ''], ['[', ''], ['(?', ''], ['(?a)', ''], ['\\', ''], ['a{', 'u'], ['{', 'u'], ['}', 'u'], [']', 'u'],
  ['\\a', 'u'], ['\\1', 'u'], ['(a)\\2', 'u'], ['\\u{110000}', 'u'], ['\\u{12', 'u'], ['\\uZ', 'u'], ['\\xZ', 'u'],
  ['(?<a>x)(?<a>y)', ''], ['(?<1a>x)', ''], ['\\k<b>(?<a>x)', ''], ['\\k(?<a>x)', ''], ['\\k', 'u'], ['[\\d-a]', 'u'],
  ['\\c', 'u'], ['(?<=a)*', ''], ['(?=a)*', 'u'], ['^*', ''], ['\\b+', ''], ['\\p{Foo}', 'u'], ['\\p', 'u'],
  ['(?<a', ''], ['(?<>a)', ''], ['a', 'gg'], ['a', 'x'], ['a', 'gimsuyd'], ['\\00', 'u'], ['\\01', 'u'], ['\\-', 'u'],
  ['(?:a', ''], ['a|*', ''], ['x{3}{2}', ''], ['x{3}?{2}', ''], ['[z-a\\d]', ''], ['(?<a>.)\\k<b>', ''], ['{1}', ''],
  ['(', 'g'], ['a{2,1}', 'i'], ['((a)', ''], ['a))', ''], ['[\\c]', 'u'], ['x(?<=a)+', '']])
  add(p, f, 'abc');
// Semantics.
const S = [
  ['a', '', 'bab'], ['^b', '', 'ab'], ['^b', 'm', 'a\nb'], ['^b', 'm', 'a\rb'], ['^b', 'm', 'a\u2028b'], ['a$', '', 'a\n'],
  ['a$', 'm', 'a\nb'], ['a$', 'm', 'a\r\nb'], ['^$', 'm', 'a\r\nb'], ['.', '', '\n\r\u2028\u2029x'], ['.', 's', '\n'],
  ['a.c', '', 'a\u2029c abc'], ['\\s+', '', 'a \t\u00a0\ufeff\u3000\u2000\u200a\u1680\u180eb'], ['\\S+', '', ' \ufeffxy '],
  ['\\d+', '', '\u0661\u0662 42'], ['\\w+', '', '\u00e9t\u00e9 ok_1'], ['\\W+', '', 'ab-+c'], ['\\bfoo\\b', '', 'a foo b'],
  ['\\bé', '', 'xé é'], ['\\B.', '', 'ab cd'], ['[^]', '', '\n'], ['[]', '', 'abc'], ['a[]', '', 'a'], ['[^]*', '', 'ab\ncd'],
  ['\\cJ', '', 'a\nb'], ['\\c1', '', '\\c1'], ['[\\c1]', '', '\u0011'], ['[\\c_]', '', '\u001f'], ['\\0', '', 'a\u0000'],
  ['\\x41', '', 'zA'], ['\\x4', '', 'x4'], ['\\u0041', '', 'A'], ['\\u004', '', 'u004'], ['\\u{41}', 'u', 'A'],
  ['\\u{41}', '', 'u'.repeat(41)], ['\\u{1F600}', 'u', 'x\ud83d\ude00'], ['\\ud83d\\ude00', 'u', '\ud83d\ude00'],
  ['.', 'u', '\ud83d\ude00'], ['.', '', '\ud83d\ude00'], ['^.$', 'u', '\ud83d\ude00'], ['^.$', '', '\ud83d\ude00'],
  ['[\\ud83d\\ude00]', 'u', '\ud83d\ude00'], ['[😀-😂]', 'u', '😁'], ['(?<year>\\d{4})-(?<month>\\d{2})', '', 'on 2024-05-17'],
  ['(?<a>x)|(?<b>y)', '', 'y'], ['(?<a>.)\\k<a>', '', 'abccd'], ['\\k<a>(?<a>b)', '', 'b'], ['\\k<a>', '', 'k<a>'],
  ['(?<=\\$)\\d+', '', 'cost $42'], ['(?<!\\$)\\b\\d+', '', '$4 5'], ['(?<=ab|c)x', '', 'abx'], ['(a)|b', '', 'b'],
  ['\\1(a)', '', 'aa'], ['(a)\\1', '', 'aa'], ['(a)?\\1b', '', 'b'], ['\\2(a)(b)', '', 'ab'], ['(a)\\2', '', 'a\u0002'],
  ['(a)\\10', '', 'a\u0008'], ['\\8', '', '8'], ['\\18', '', '\u00018'], ['[\\1]', '', '\u0001'], ['\\a', '', 'a'],
  ['\\_', '', '_'], ['a{', '', 'a{'], ['a{1', '', 'a{1'], ['a{,2}', '', 'a{,2}'], ['a{2}', '', 'aaa'], ['a{2,}', '', 'aaaa'],
  ['a{1,2}?', '', 'aaa'], ['x*?y', '', 'xxy'], [']', '', 'a]'], ['}', '', '}'], ['a|', '', 'b'], ['|a', '', 'a'],
  ['(?=a)*a', '', 'a'], ['(?=(a))?', '', 'a'], ['(?!a)b', '', 'ab'], ['[a-]', '', '-'], ['[-a]', '', '-'],
  ['[\\d-z]', '', '-'], ['[\\w-]+', '', 'a-b c'], ['[\\s\\S]', '', '\n'], ['[^\\s]', '', ' x'], ['[^\\d\\s]', '', '1 x'],
  ['[\\b]', '', 'a\bb'], ['[\\-]', 'u', '-'], ['[.]', '', 'a.'], ['[$^]', '', 'a^'], ['(?:ab)+', '', 'ababab'],
  ['(a|ab)(c|bcd)(d*)', '', 'abcd'], ['a+?b', '', 'aaab'], ['(a*)*b', '', 'aab'], ['(a*)+', '', 'b'], ['(?:a|())*', '', 'aa'],
  ['ABC', 'i', 'xabc'], ['[a-z]+', 'i', 'HeLLo'], ['é', 'i', 'É'], ['[à-ö]', 'i', 'Ö'], ['ж', 'i', 'Ж'], ['\\w', 'i', 'ſ'],
  ['\\W', 'i', 's'], ['[\\W]', 'i', 'S'], ['[^\\W]', 'i', 'S'], ['[^a\\W]', 'i', 'A'], ['[^a\\W]', 'i', 'b'], ['\\bx', 'i', 'ax x'],
  ['\\u212a', 'iu', 'k'], ['σ', 'i', 'Σ'], ['a', 'y', 'ba', 0], ['a', 'y', 'ba', 1], ['a', 'g', 'aba', 1], ['a', 'g', 'a', 2],
  ['', 'g', 'ab', 2], ['', 'g', 'ab', 3], ['b', 'gy', 'abb', 1], ['^a', 'g', 'aa', 1], ['^a', 'gm', 'a\na', 1],
  ['(?<=a)b', 'g', 'ab', 1], ['\\p{L}+', 'u', 'héllo1'], ['\\p{Lu}', 'u', 'aB'], ['\\P{L}', 'u', 'ab1'],
  ['\\p{Script=Greek}+', 'u', 'abγδ'], ['\\p{sc=Latn}', 'u', '1a'], ['\\p{Letter}', 'u', '1b'], ['\\p{ASCII}+', 'u', 'é ab'],
  ['\\p{L}', '', 'p{L}'], ['[\\p{N}]+', 'u', 'a12'], ['\\p{General_Category=Decimal_Number}', 'u', 'x7'],
  ['\\/', '', '/'], ['a\\/b', 'u', 'a/b'], ['\\$', 'u', '$'], ['^(?:\\+|-)?\\d+(?:\\.\\d+)?$', '', '-12.5'],
  ['^/api/(v\\d+)/users/(\\d+)$', '', '/api/v2/users/42'], ['^([^:]+):(\\d+)$', '', 'example.com:8080'],
  ['(\\w+)\\s(\\w+)', '', 'John Smith'], ['(?:^|,)([^,]*)', 'g', 'a,b,,c', 2], ['\\.(jpe?g|png|gif)$', 'i', '/img/A.JPG'],
  ['^(?<scheme>https?)://(?<host>[^/:]+)(?::(?<port>\\d+))?', '', 'https://x.org/p'], ['[\\u0041-\\u005A]+', '', 'abCDe'],
  ['[\\x41-\\x43]', '', 'C'], ['\\t\\n\\v\\f\\r', '', '\t\n\v\f\r'], ['[\\t\\n\\v\\f\\r]+', '', 'a\t\n\v\f\rb'],
  ['\\u{1F600}', '', 'u'.repeat(0x1f600 > 5 ? 1 : 0)], ['^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$', '', 'a.b+c@ex-ample.co.uk'],
  ['(a)|(b)', '', 'b'], ['(?:(a)|b)', '', 'b'], ['x(?=y)', '', 'xy'], ['x(?!y)', '', 'xyxz'], ['(?<=(\\d+)(\\d+))$', '', '1053'],
  ['(?<=(\\d)(\\d))x', '', '12x'], ['(.)(?<=\\1)', '', 'aa'], ['\\0', 'u', '\u0000'], ['[\\0]', 'u', '\u0000'],
  ['\\u{0}', 'u', '\u0000'], ['[\\u{61}-\\u{63}]', 'u', 'b'], ['\\uD83D', '', '\ud83d\ude00'], ['\\uDE00', '', '\ud83d\ude00'],
  ['^[^x]$', 'u', '\ud83d\ude00'], ['^[^x]$', '', '\ud83d\ude00'], ['.+', 'u', 'a\ud83d\ude00b'], ['(?:)', '', ''],
  ['a(?:)b', '', 'ab'], ['()', '', 'x'], ['(?<$x>a)(?<_y>b)', '', 'ab'], ['(?<é>a)', '', 'a'], ['[a-z]{2,3}', 'g', 'abcdef', 3],
  ['.', 'gu', '\ud83d\ude00a', 1], ['.', 'g', '\ud83d\ude00a', 1], ['\\S', 'yu', '\ud83d\ude00a', 1], ['(?:)', 'gu', '\ud83d\ude00', 1],
  ['a', 'gu', 'xa', 5], ['\\p{Lu}', 'iu', 'a'], ['\\u{61}', 'iu', 'A'], ['[\\u{1F600}-\\u{1F64F}]+', 'u', 'hi \ud83d\ude00\ud83d\ude4f!'],
  ['\\w+@\\w+\\.com', 'gi', 'Mail: A@B.COM, c@d.com', 5], ['(?<x>a)(?<y>b)?', 'd', 'a'], ['[^\\x00-\\x7f]', '', 'abc\u00e9'],
  ['\\bcat\\b', 'gi', 'Cat concat CAT', 1], ['^\\/(.*)\\/$', '', '/a/b/'], ['%([0-9A-F]{2})', 'gi', 'a%2fb%3D', 2],
  ['\\s*,\\s*', '', 'a , b'], ['(\\d{1,3})(?=(\\d{3})+(?!\\d))', 'g', '1234567'], ['^(?:[a-z0-9-]+\\.)+[a-z]{2,}$', 'i', 'www.Example.com'],
  ['s', 'i', '\u017fS'], ['k', 'gi', '\u212aK'], ['[a-z]', 'i', '\u017f\u212aZ'], ['[^a-z]', 'i', 'S\u017f'], ['[^a-z\\d]', 'i', 'S1\u212a'],
  ['[a-z\\W]', 'i', '\u017f'], ['\u00e5', 'i', '\u212b\u00c5'], ['\u03c9', 'i', '\u2126\u03a9'], ['\u03b8+', 'i', '\u03f4\u03d1\u0398'],
  ['\u00df', 'i', '\u1e9e\u00df'], ['\u1e9e', 'i', '\u00df\u1e9e'], ['\u017f', 'i', 'sS\u017f'], ['[\u017f]', 'i', 'sS\u017f'],
  ['[\u212a]', 'i', 'k\u212a'], ['s', 'iu', '\u017f'], ['[a-z]+', 'iu', '\u017f\u212a'], ['\u00b5', 'i', '\u039c'], ['\u03c3', 'gi', '\u03c2\u03a3', 1],
  ['[^x]', 'i', '\u212a'], ['\\x73', 'i', '\u017fs'], ['[k-m]', 'i', '\u212aK'],
  ['(z)((a+)?(b+)?(c))*', '', 'zaacbbbcac'], ['(?:(a)|b)+', '', 'ab'], ['(?:(a)|(b))+', '', 'aba'], ['((a)|b)+', '', 'ab'],
  ['(?:(?:(a)|b)c)+', '', 'acbc'], ['(?:(a)|b){2}', '', 'ab'], ['(?:(a)|b){1,3}', '', 'abb'], ['(?:(a)|b)?', '', 'a'],
  ['(?:(?<n>a)|b)+\\k<n>', '', 'aba'], ['(?:(a)|b)+\\1', '', 'aba'], ['(?:(a)|b)*c', '', 'abc'], ['((a)|(b))*', '', 'abba'],
  ['(?:(x)|(?:(y)|z)+)+', '', 'xyzz'], ['(?=(?:(a)|b)+)', '', 'ab'], ['(a)|(?:(b)|c)+', '', 'bc'],
  ['(a*)*', '', 'b'], ['(a*)+', '', 'b'], ['(a*)?', '', 'b'], ['(a*){2,3}', '', 'b'], ['(?:|a)*', '', 'aa'], ['(?:|a)+', '', 'aa'],
  ['(a|)*b', '', 'aab'], ['(?:(a)|)*', '', 'aa'], ['((a)|)+?b', '', 'aab'], ['(a?)*?b', '', 'ab'], ['(?:a?())*x', '', 'aax'],
  ['(a*)*b', '', 'b'], ['(?:(a*))*b', '', 'ab'], ['(?:a*(b*))*c', '', 'abbac'], ['((a*)*)*', '', 'aa'], ['(?:x(a*)*)*', '', 'xaxx'],
  ['(a*)b\\1+', '', 'baaaac'], ['(?=(a+))a*b\\1', '', 'baaabac'], ['(.*?)a(?!(a+)b\\2c)\\2(.*)', '', 'baaabaac'],
  ['[\\u0390]', 'ui', '\u1fd3'], ['\\u1fd3', 'ui', '\u0390'], ['[\\u03b0-\\u03b1]', 'ui', '\u1fe3'], ['\\ufb06', 'iu', '\ufb05'],
  ['\\u0390', 'i', '\u1fd3'], ['b{70000}', '', 'bbb'], ['b{9007199254740991}', 'u', 'b'], ['b{9007199254740991,}?', '', 'b'],
  ['(?<\\u{1d4d1}\\u{1d4fb}>b)', '', 'ab'], ['(?<_\\u200C>a)', '', 'a'], ['(?<\\u{03C0}>a)\\k<\\u03c0>', 'u', 'aa'], ['(?<\u03c0>a)', 'u', 'a'],
  ['(?<\ud835\udc9c>a)', '', 'a'], ['(?<\\ud835\\udc9c>a)', 'u', 'a'], ['(?<\ud83e\udd8a>fox)', '', 'fox'], ['(?<\\u{1f98a}>fox)', 'u', 'fox'],
  ['(?<\ud835\udfdathe>the)', '', 'the'], ['(?<a\\uD801>.)', '', 'a'], ['(?<a\\u0030>.)\\k<a0>', '', 'aa'], ['(?<\\u0030a>.)', '', 'a'],
  ['(?<a\\x41>.)', '', 'a'], ['(?<$\\u{24}>.)', 'u', 'a'], ['(?<\u00e9t\u00e9>.)(?<\\u00e9t\\u00e9>.)', '', 'aa'],
  ['\\w', 'iu', '-\u017f'], ['\\W', 'iu', '\u017f-'], ['[\\w]', 'iu', '.\u212a'], ['\\W', 'iu', 'S.'], ['[^\\W]', 'iu', '.\u017f'],
  ['\\b', 'iu', ' \u017f'], ['\\B', 'iu', '\u017f\u017f'], ['\\w', 'i', '\u017fs'], ['[\\W\\d]', 'iu', 's1'], ['x\\b', 'iu', 'x\u212a x'],
  ['a{0}', '', 'a'], ['a{0,0}', '', 'a'], ['(a{2})*', '', 'aaaaa'], ['(?:a{2})*?$', '', 'aaaa'], ['^\\s*$', '', ' \u3000'],
];
for (const c of S) add(c[0], c[1], c[2], c[3] || 0);
// Random differential cases from a small grammar without the constructs
// where PCRE2 differs (captures in repeated groups, variable lookbehind).
let seed = 424242;
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return Math.floor(seed / 2147483648 * n); }
function pick(a) { return a[rnd(a.length)]; }
function atom(d, inRep) {
  const k = rnd(d > 2 ? 6 : 11);
  switch (k) {
    case 0: case 1: case 2: return pick(['a', 'b', 'c', 'ab', 'ba', 'A', '.', '\\d', '\\w', '\\s', '\\W', '-', ' ', '\\n', '\\b', '^', '$']);
    case 3: return pick(['[abc]', '[^a]', '[a-c]', '[\\d\\s]', '[^\\w]', '[-a]', '[\\W\\d]', '[A-Z]']);
    case 4: return '(?:' + alt(d + 1, inRep) + ')';
    case 5: return pick(['a', 'b', '.', '\\d', '\\w', '\\s', '[abc]', '[^a]', '(?:' + alt(d + 1, true) + ')']) +
      pick(['*', '+', '?', '{2}', '{1,3}', '*?', '+?', '??', '{0,2}?']);
    case 6: return inRep ? '(?:' + alt(d + 1, true) + ')' : '(' + alt(d + 1, false) + ')';
    case 7: return '(?=' + alt(d + 1, true) + ')';
    case 8: return '(?!' + alt(d + 1, true) + ')';
    case 9: return '(?<=' + pick(['a', 'b', '\\d', 'ab', '[ab]']) + ')';
    default: return pick(['\\1', '\\2', 'x', '\\.', '(?<n' + rnd(3) + '>a|b)']);
  }
}
function seq(d, r) { let s = ''; const n = 1 + rnd(3); for (let i = 0; i < n; i++) s += atom(d, r); return s; }
function alt(d, r) { let s = seq(d, r); if (rnd(4) === 0) s += '|' + seq(d, r); return s; }
const subjects = ["abc", "aab ba", "ABC abc", "a-b c\nd", "12 ab_c", "", "bbbaaa", "x.y", "a b  c", "cab\nabc", "A\r\nb", "\u00e9a\u2028b", "\ud83d\ude00a", "aaaa", "ab12 \t-"];
for (let i = 0; i < 4000; i++) {
  const p = alt(0, false);
  const f = pick(['', '', 'i', 'm', 's', 'g', 'y', 'u', 'im', 'gi']);
  const s = pick(subjects);
  add(p, f, s, f.includes('g') || f.includes('y') ? rnd(s.length + 2) : 0);
}
// Character soup: exercises the syntax checks (V8's error texts).
const alpha = '()[]{}|*+?^$\\.-,0123789abcdkAB<>=!:uxcpPsSwWdDbBfnrtv_/ \u00e9\u017f';
for (let i = 0; i < 3000; i++) {
  let p = '';
  const L = 1 + rnd(14);
  for (let j = 0; j < L; j++) p += alpha[rnd(alpha.length)];
  const f = pick(['', '', 'i', 'u', 'iu', 'g', 'm', 's', 'y']);
  const s = pick(subjects.concat(['a{1}b', '\\c', 'k<a>', 'x-y]', 'AB_12\u017f']));
  add(p, f, s, f.includes('g') || f.includes('y') ? rnd(s.length + 2) : 0);
}
const out = [];
for (const [p, f, s, li] of cases) {
  const r = run(p, f, s, li);
  out.push('    ' + JSON.stringify([hex(p), hex(f), hex(s), String(li), r].join('\t')).replace(/\?/g, '\\?') + ',');
}
console.log(`/* Generated by tests/unit/js/gen_re_vectors.js with node ${process.version}; do not edit.
 * pattern \\t flags \\t subject (hex UTF-16 units) \\t lastIndex \\t expected */
static const char *const re_vectors[] = {
${out.join('\n')}
};`);
