// Every DataView get/set method and the constructor over a grid of odd
// offsets, values and littleEndian flags on a view at byte 2 of a
// 12-byte buffer: one hash per method (result or error name, then the
// buffer's bytes), and each constructor case.
const vals = [undefined, null, 0, -0, 1, 3, -1, 1.5, NaN, Infinity, 2 ** 32, 2 ** 53, '2', {}, true, 1e40, -129, 65536];
const names = Object.getOwnPropertyNames(DataView.prototype).filter(k => typeof Object.getOwnPropertyDescriptor(DataView.prototype, k).value === 'function' && k !== 'constructor' && !/Big|Float16/.test(k)).sort();
const fmt = (r) => typeof r === 'number' && Object.is(r, -0) ? '-0' : String(r);
const lines = [];
for (const name of names) {
  let h = 0;
  for (const a of vals) for (const b of vals) for (const c of [undefined, true, 0]) {
    const ab = new ArrayBuffer(12); new Uint8Array(ab).set([1, 0x80, 0xff, 0x7f, 0, 9, 0xfe, 0x3f, 0xf0, 0, 0, 0]);
    const dv = new DataView(ab, 2, 8);
    let r;
    try { r = fmt(dv[name](a, b, c)) + ' ' + new Uint8Array(ab).join(','); } catch (e) { r = e.name; }
    for (let i = 0; i < r.length; i++) h = (h * 31 + r.charCodeAt(i)) | 0;
  }
  lines.push(name + ' ' + h);
}
for (const a of vals) for (const b of vals) { let r; try { const d = new DataView(new ArrayBuffer(8), a, b); r = d.byteOffset + ':' + d.byteLength; } catch (e) { r = e.name; } lines.push('ctor ' + fmt(a) + ' ' + fmt(b) + ' ' + r); }
console.log(lines.join('\n'));
