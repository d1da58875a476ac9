// Buffer's statics (from, alloc, allocUnsafe, byteLength, isBuffer,
// isEncoding, compare, concat) over a grid of argument pairs: strings and
// encodings, numbers, arrays and array-likes, ArrayBuffers, typed arrays,
// Buffers. One hash per static over each result (bytes, and whether it is
// a Buffer) or error text; DUMP = 'from' prints the lines behind it.
const DUMP = '';
const vals = [undefined, null, 0, -0, 1, 3, -1, 1.5, NaN, '1', 'abc', 'hex', 'base64', 'latin1', 'ucs2', 'aGk=', {}, [], [1, 300, -1], { type: 'Buffer', data: [4, 5] }, { valueOf() { return 'ab'; } },
  { length: 2, 0: 5 }, true, new ArrayBuffer(4), new Uint16Array([1, 258]), new Uint8Array([7, 8, 9]), Buffer.from('xyz'), new String('str'), 'héllo'];
const fmt = (r) => {
  if (r instanceof Uint8Array) return 'buf:' + Buffer.from(r.buffer, r.byteOffset, r.length).toString('hex') + ':' + Buffer.isBuffer(r);
  if (typeof r === 'number' && Object.is(r, -0)) return '-0';
  return typeof r === 'string' ? JSON.stringify(r) : String(r);
};
for (const name of ['from', 'alloc', 'allocUnsafe', 'byteLength', 'isBuffer', 'isEncoding', 'compare', 'concat']) {
  let h = 0, n = 0;
  const one = (r) => { if (DUMP === name) console.log(r); for (let i = 0; i < r.length; i++) h = (h * 31 + r.charCodeAt(i)) | 0; n++; };
  for (const a of vals) for (const b of vals) for (const c of [undefined, 2, 'hex']) {
    let r;
    try { r = Buffer[name](a, b, c); r = name === 'allocUnsafe' ? String(r.length) : fmt(r); } catch (e) { r = e.name + ':' + e.code + ':' + e.message; }
    one(r);
  }
  if (name === 'concat') {
    for (const a of vals) {
      try { one(fmt(Buffer.concat([Buffer.from('ab'), Buffer.from('c')], a))); } catch (e) { one(e.name + ':' + e.message); }
    }
  }
  console.log(name + ' ' + n + ' ' + h);
}
