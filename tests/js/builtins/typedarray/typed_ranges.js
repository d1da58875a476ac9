// Constructor, set and DataView argument ranges: RangeError / TypeError.
const tries = [
  () => new Int8Array(-1), () => new Float64Array(new ArrayBuffer(7)), () => new Int32Array(new ArrayBuffer(8), 2),
  () => new Int32Array(new ArrayBuffer(8), 12), () => new Int16Array(new ArrayBuffer(8), 2, 4), () => new Int16Array(new ArrayBuffer(8), 8).length,
  () => new Int8Array(2).set([1, 2, 3]), () => new Int8Array(2).set([1], 2), () => new Int8Array(2).set([1], -1), () => new Int8Array(2).set(new Int8Array(2), 1),
  () => new Int8Array(2).set([1], Infinity), () => new Int8Array(4).set('12', 1), () => new Int8Array(2).set(null), () => Int8Array(2), () => new Int8Array(2).set(5),
  () => new ArrayBuffer(-1), () => ArrayBuffer(1), () => new DataView(new ArrayBuffer(2), 3), () => new DataView(new ArrayBuffer(2)).getInt16(1),
  () => new DataView(new ArrayBuffer(2), 1, 2), () => new DataView({}), () => new DataView(new ArrayBuffer(4)).setFloat32(-1, 1),
  () => new Uint8Array(new ArrayBuffer(8), 1.5), () => new Uint8Array(3.7).length, () => new Uint8Array('2').length, () => new Uint8Array(null).length,
];
for (const f of tries) {
  try { const r = f(); console.log('ok ' + String(r)); } catch (e) { console.log(e.name); }
}
const ab = new ArrayBuffer(8);
const s = ab.slice(-6, -2);
new Uint8Array(ab)[2] = 5;
console.log([s.byteLength, new Uint8Array(s).join(','), ab.slice(4, 2).byteLength, ab.slice().byteLength, ArrayBuffer.isView(new DataView(ab)), ArrayBuffer.isView(ab)].join(' '));
class AB extends ArrayBuffer {}
const sub = new AB(4);
console.log([sub instanceof AB, sub.slice(1) instanceof AB, sub.slice(1).byteLength, Object.prototype.toString.call(sub), AB[Symbol.species] === AB].join(' '));
