var b = Buffer.from('template bytes'), t = new Float64Array([1.5, -2, NaN]), ab = new ArrayBuffer(16);
var v = new Uint16Array(ab, 2, 3), d = new DataView(ab);
class Sub extends Int8Array { static get [Symbol.species]() { return Uint8Array; } }
function handler() {
  b[0]++; b.writeUInt32BE(0xdeadbeef, 4); b.swap16(); b.write('xyz', 9, 'latin1'); b.fill('ab', 1, 3);
  t.sort((x, y) => y - x); t.set([7], 2); t.reverse(); t.copyWithin(0, 1);
  v.fill(0xffff); d.setFloat64(8, Math.PI); new Sub([1, 2, 3]).map(x => x * 300).filter(x => x).slice(-2).subarray(1);
  try { new Uint8Array(1 << 30); } catch (e) {}
  try { b.readIntLE(1, 7); } catch (e) {}
  Int16Array.from({ length: 4 }, (x, i) => i * 1e5); Float32Array.of(1, 2, 3).join('|');
  Buffer.concat([b, b.subarray(2, 5), new Uint8Array(3)]).toString('base64');
  var r = b.toString('hex') + t.join() + v.join() + d.getUint8(3);
  try { Buffer.alloc(2 ** 31); } catch (e) {} /* ends the run: memory cap */
  return r;
}
