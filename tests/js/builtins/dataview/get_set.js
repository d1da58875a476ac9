const dv = new DataView(new ArrayBuffer(16));
dv.setInt8(0, -1);
dv.setUint16(1, 0x1234);
dv.setUint16(3, 0x1234, true);
dv.setInt32(5, -2);
dv.setFloat32(9, 1.5);
console.log([dv.getUint8(0), dv.getInt8(0), dv.getUint8(1), dv.getUint8(2), dv.getUint8(3), dv.getUint8(4),
    dv.getUint16(1), dv.getUint16(1, true), dv.getInt32(5), dv.getUint32(5), dv.getFloat32(9), dv.byteLength].join(','));
dv.setFloat64(0, Math.PI, true);
console.log(String(dv.getFloat64(0, true)) + ' ' + dv.getUint8(7));
try { dv.getUint32(14); } catch (e) { console.log(e.name); }
