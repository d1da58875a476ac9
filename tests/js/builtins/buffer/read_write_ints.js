const { Buffer } = require('buffer');
const b = Buffer.alloc(16);
b.writeUInt8(255, 0);
b.writeInt16BE(-2, 1);
b.writeUInt16LE(0x1234, 3);
b.writeInt32LE(-123456, 5);
b.writeUInt32BE(0xdeadbeef, 9);
console.log(b.toString('hex'));
console.log([b.readUInt8(0), b.readInt8(0), b.readInt16BE(1), b.readUInt16LE(3), b.readInt32LE(5), b.readUInt32BE(9).toString(16)].join(','));
b.writeUIntBE(0x123456, 0, 3);
console.log(b.readUIntBE(0, 3).toString(16) + ' ' + b.readIntLE(0, 3) + ' ' + b.readUIntLE(0, 6));
try { b.readUInt32BE(14); } catch (e) { console.log(e.name); }
