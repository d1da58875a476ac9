// exact-message
// node's range and type errors: name, code, message and String(e).
const b = Buffer.alloc(4);
const tries = [
  () => b.readUInt8(4), () => b.readUInt8(-1), () => b.readUInt16LE(3), () => b.readInt32BE(1),
  () => b.readUInt8(1.5), () => b.readUInt8(NaN), () => b.readUInt8(Infinity), () => b.readUInt8('0'),
  () => b.readUInt8(null), () => b.readUInt8({}), () => b.readUInt8(2 ** 40), () => b.readDoubleLE(0),
  () => Buffer.alloc(1).readUInt16BE(0), () => b.readUIntLE(0, 7), () => b.readUIntBE(0, 0),
  () => b.readIntLE(0, 2.5), () => b.readIntBE(0, '2'), () => b.readUIntLE(undefined, 2), () => b.readUIntLE(0),
  () => b.writeUInt8(256, 0), () => b.writeUInt8(-1, 0), () => b.writeInt8(128, 0), () => b.writeUInt16LE(65536, 0),
  () => b.writeInt16BE(-32769, 0), () => b.writeUInt32LE(2 ** 32, 0), () => b.writeInt32BE(-(2 ** 31) - 1, 0),
  () => b.writeUIntLE(2 ** 40, 0, 5), () => b.writeIntBE(2 ** 47, 0, 6), () => b.writeIntLE(-(2 ** 39) - 1, 0, 5),
  () => b.writeUInt8(1, 4), () => b.writeUInt16BE(1, 3), () => b.writeUInt8(1, 'x'), () => b.writeUInt32LE(1e10, 'x'),
  () => b.writeDoubleBE(1, 0), () => b.writeFloatLE(1, 1), () => b.writeUIntLE(1, 0, 7), () => b.writeUIntBE(1, undefined, 2),
  () => Buffer.alloc(3).swap16(), () => Buffer.alloc(6).swap32(), () => Buffer.alloc(12).swap64(),
  () => b.write('x', 5), () => b.write('x', -1), () => b.write('x', 1.5), () => b.write('x', 0, 9), () => b.write('x', 'nope'),
  () => b.write(5), () => b.toString('nope'), () => Buffer.from('x', 'nope'), () => Buffer.alloc(-1), () => Buffer.alloc('3'),
  () => Buffer.from(7), () => Buffer.concat([b, 'x']), () => b.fill('x', 1, 9), () => b.fill('zz', 'hex'),
  () => b.copy('x'), () => b.copy(Buffer.alloc(2), -1), () => b.copy(Buffer.alloc(2), 0, 9), () => b.compare('x'),
  () => b.equals([1]), () => b.indexOf({}), () => Buffer.from(new ArrayBuffer(2), 3),
  () => b.readUInt8('a string that is longer than the limit'),
];
for (const f of tries) {
  try {
    console.log('no error: ' + String(f()));
  } catch (e) {
    console.log(e.name + ' ' + e.code + ' | ' + e.message + ' | ' + String(e));
  }
}
