// Every fixed-width integer read, both byte orders, at the buffer's edges.
const b = Buffer.from([0x80, 0x01, 0xff, 0x7f, 0x00, 0xfe, 0x12, 0x34, 0x56, 0x78]);
const out = [];
for (const bits of [8, 16, 32]) {
  const ends = bits === 8 ? [''] : ['LE', 'BE'];
  for (const e of ends) {
    for (const s of ['UInt', 'Int', 'Uint']) {
      const name = 'read' + s + bits + e;
      const last = b.length - bits / 8;
      out.push(name + ':' + [0, 1, 2, last].map(o => b[name](o)).join(','));
    }
  }
}
console.log(out.join('\n'));
console.log([b.readUInt8(), b.readInt16LE(), b.readUInt32BE()].join(','));
console.log([Buffer.from([0xff, 0xff, 0xff, 0xff]).readInt32LE(0), Buffer.from([0xff, 0xff, 0xff, 0xff]).readUInt32LE(0)].join(','));
console.log([b.readUInt8(-0), b.readInt8(9)].join(','));
