// Fixed-width integer writes: stored bytes, returned offsets, range ends,
// fractions, NaN and the Uint aliases.
const cases = [
  ['writeUInt8', 0], ['writeUInt8', 255], ['writeInt8', -128], ['writeInt8', 127], ['writeInt8', -1.9],
  ['writeUInt16LE', 0xabcd], ['writeUInt16BE', 0xabcd], ['writeInt16LE', -32768], ['writeInt16BE', 32767],
  ['writeInt16BE', -2], ['writeUInt32LE', 0xdeadbeef], ['writeUInt32BE', 4294967295], ['writeInt32LE', -2147483648],
  ['writeInt32BE', 2147483647], ['writeInt32BE', -1.5], ['writeUInt16LE', 1.999], ['writeUInt32BE', NaN],
  ['writeUint8', 7], ['writeUint16LE', 0x0102], ['writeUint16BE', 0x0102], ['writeUint32LE', 0x01020304], ['writeUint32BE', 0x01020304],
  ['writeUInt16LE', '258'], ['writeInt8', true],
];
for (const [m, v] of cases) {
  const b = Buffer.alloc(6, 0xaa);
  const r = b[m](v, 1);
  console.log(m + '(' + String(v) + ') -> ' + r + ' ' + b.toString('hex'));
}
const z = Buffer.alloc(4);
console.log(String(z.writeUInt16BE(0x1234)) + ' ' + z.toString('hex') + ' ' + z.writeUInt32LE(1, 0) + ' ' + z.writeInt8(-1, 3) + ' ' + z.toString('hex'));
