// TextDecoder (BOM, fatal, ignoreBOM, every view kind, bad input) and
// TextEncoder encode/encodeInto on cut multi-byte characters and lone
// surrogates. (Encodings besides utf-8 are not covered: node with full
// ICU knows latin2 & co., brink throws RangeError for them.)
const out = [];
const t = (label, f) => { let r; try { r = f(); r = typeof r === 'object' && r !== null ? JSON.stringify(r instanceof Uint8Array ? Array.from(r) : r) : String(r); } catch (e) { r = e.name; } out.push(label + ' ' + r); };
const inputs = [[], [0xef, 0xbb, 0xbf, 0x61], [0xef, 0xbb, 0xbf], [0x61, 0xef, 0xbb, 0xbf], [0xff, 0x61], [0xc3, 0xa9], [0xe2, 0x82], [0xf0, 0x9f, 0x98, 0x80]];
for (const inp of inputs) for (const opts of [undefined, { fatal: true }, { ignoreBOM: true }, { fatal: 1, ignoreBOM: 'x' }]) {
  t('decode ' + inp + ' ' + JSON.stringify(opts), () => new TextDecoder('utf-8', opts).decode(new Uint8Array(inp)));
  t('decode-ab ' + inp, () => new TextDecoder(undefined, opts).decode(new Uint8Array(inp).buffer));
  t('decode-dv ' + inp, () => new TextDecoder('UTF8', opts).decode(new DataView(new Uint8Array(inp).buffer)));
}
t('props', () => { const d = new TextDecoder('utf-8', { fatal: true }); return [d.encoding, d.fatal, d.ignoreBOM].join(); });
t('decode none', () => new TextDecoder().decode());
t('decode str', () => new TextDecoder().decode('abc'));
t('no new', () => TextDecoder());
for (const s of ['', 'abc', 'héllo', '€uro', '😀x', '\ud800z', 'a\udc00']) {
  t('encode ' + JSON.stringify(s), () => new TextEncoder().encode(s));
  for (const n of [0, 1, 2, 3, 4, 5]) {
    t('into ' + JSON.stringify(s) + ' ' + n, () => { const u = new Uint8Array(n); const r = new TextEncoder().encodeInto(s, u); return [r.read, r.written, Array.from(u).join('.')].join(' '); });
  }
}
t('encode none', () => new TextEncoder().encode());
t('encode num', () => new TextEncoder().encode(12));
t('into bad', () => new TextEncoder().encodeInto('a', []));
t('enc prop', () => new TextEncoder().encoding);
console.log(out.join('\n'));
