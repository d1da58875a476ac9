// Invalid UTF-8 in Buffer.toString() and TextDecoder: random byte strings
// built from lead, continuation and never-valid bytes; one U+FFFD per
// maximal bad subsequence (WHATWG), as node. First 30 cases shown, then
// a hash over all of them.
let seed = 12345; const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
const pick = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xfe, 0xff];
let h = 0; const lines = [];
for (let t = 0; t < 4000; t++) {
  const n = 1 + Math.floor(rnd() * 6); const a = [];
  for (let i = 0; i < n; i++) a.push(pick[Math.floor(rnd() * pick.length)]);
  const s = Buffer.from(a).toString();
  const td = new TextDecoder().decode(new Uint8Array(a));
  const r = a.join(',') + ':' + Array.from(s, c => c.codePointAt(0).toString(16)).join('.') + (td === s ? '' : '!');
  for (let i = 0; i < r.length; i++) h = (h * 31 + r.charCodeAt(i)) | 0;
  if (t < 30) lines.push(r);
}
console.log(lines.join('\n')); console.log(h);
