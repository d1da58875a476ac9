// read/write{U,}Int{LE,BE} with byteLength 1 to 6, both byte orders.
const vals = {
  1: [0, 1, 0x7f, 0xff], 2: [0x1234, 0xffff], 3: [0x123456, 0xffffff, 0x800000],
  4: [0x12345678, 0xffffffff], 5: [0x123456789a, 0xffffffffff, 0x8000000000],
  6: [0x123456789abc, 0xffffffffffff, 0x800000000000, 1],
};
for (let n = 1; n <= 6; n++) {
  for (const v of vals[n]) {
    for (const e of ['LE', 'BE']) {
      const b = Buffer.alloc(8);
      const r = b['writeUInt' + e](v, 1, n);
      console.log(`UInt${e} ${n} ${v}: ${r} ${b.toString('hex')} ${b['readUInt' + e](1, n)} ${b['readInt' + e](1, n)} ${b['readUint' + e](1, n)}`);
    }
  }
}
for (let n = 1; n <= 6; n++) {
  const max = 2 ** (8 * n - 1) - 1, min = -(2 ** (8 * n - 1));
  for (const v of [min, -1, max, -2]) {
    for (const e of ['LE', 'BE']) {
      const b = Buffer.alloc(n);
      const r = b['writeInt' + e](v, 0, n);
      console.log(`Int${e} ${n} ${v}: ${r} ${b.toString('hex')} ${b['readInt' + e](0, n)} ${b['readUIntLE'](0, n)}`);
    }
  }
}
const w = Buffer.alloc(6);
console.log([w.writeUintLE(0x0102, 0, 2), w.writeUintBE(0x0304, 2, 2), w.writeIntLE(-3, 4, 2), w.toString('hex')].join(' '));
