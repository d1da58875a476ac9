const buf = new ArrayBuffer(8);
new Uint8Array(buf).set([1, 2, 3, 4, 5, 6, 7, 8]);
const dv = new DataView(buf, 2, 4);
console.log([dv.byteOffset, dv.byteLength, dv.getUint8(0), dv.getUint32(0).toString(16), dv.getUint32(0, true).toString(16)].join(' '));
try { new DataView(buf, 10); } catch (e) { console.log(e.name); }
