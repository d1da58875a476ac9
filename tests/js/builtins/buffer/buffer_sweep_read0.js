// Every Buffer.prototype method (read group, half 0) called with a grid of odd
// arguments (undefined, null, -0, fractions, NaN, Infinity, 2**32, a string,
// an object) on buffers of 0, 1, 7 and 13 bytes: one hash per method over
// each call's result or error text and the buffer's bytes afterwards.
// To see the lines behind a differing hash, run this under node and brink
// with DUMP set to the method's name and diff the outputs.
const DUMP = '';
const vals = [undefined, null, 0, -0, 1, -1, 1.5, NaN, Infinity, 2 ** 32, '1', {}];
const bufs = () => [Buffer.alloc(0), Buffer.alloc(1, 0x81), Buffer.from([1, 0x80, 0xff, 0x7f, 0, 9, 0xfe]), Buffer.from('héllo wörld')];
const group = 'read', half = 0;
const names = Object.getOwnPropertyNames(Buffer.prototype).filter(k => typeof Buffer.prototype[k] === 'function' && k !== 'constructor' &&
  !/Big|Slice|Write|parent|offset|inspect|asciiSlice|latin1|utf8|hex|base64|ucs2/.test(k) &&
  (group === 'read' ? /^read/.test(k) : group === 'write' ? /^write./.test(k) : !/^(read|write.)/.test(k))).sort().filter((k, i) => i % 2 === half);
const fmt = (r) => {
  if (r instanceof Uint8Array) return 'buf:' + Buffer.from(r.buffer, r.byteOffset, r.length).toString('hex');
  if (typeof r === 'number' && Object.is(r, -0)) return '-0';
  return typeof r === 'string' ? JSON.stringify(r) : String(r);
};
for (const name of names.sort()) {
  let h = 0, n = 0;
  for (const a of vals) for (const b of vals) for (const c of [undefined, 2, 'hex']) {
    for (const buf of bufs()) {
      let r;
      try { r = fmt(buf[name](a, b, c)) + ' ' + buf.toString('hex'); } catch (e) { r = e.name + ':' + e.code + ':' + e.message; }
      if (DUMP === name) console.log(r);
      for (let i = 0; i < r.length; i++) h = (h * 31 + r.charCodeAt(i)) | 0;
      n++;
    }
  }
  console.log(name + ' ' + n + ' ' + h);
}
