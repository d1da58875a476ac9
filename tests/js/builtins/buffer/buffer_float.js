// Float and double reads/writes, both byte orders, special values.
const vals = [0, -0, 1.5, -2.25, Math.PI, 1e-40, 3.4028234663852886e38, 1e39, -Infinity, Infinity, NaN, 5e-324, 1.7976931348623157e308, 0.1];
const show = (x) => Object.is(x, -0) ? '-0' : String(x);
for (const v of vals) {
  const b = Buffer.alloc(12);
  const r = [b.writeFloatLE(v, 0), b.writeFloatBE(v, 4)];
  const d = Buffer.alloc(16);
  r.push(d.writeDoubleLE(v, 0), d.writeDoubleBE(v, 8));
  console.log(`${show(v)}: ${r.join(',')} ${b.toString('hex', 0, 8)} ${show(b.readFloatLE(0))} ${show(b.readFloatBE(4))} ${d.toString('hex')} ${show(d.readDoubleLE(0))} ${show(d.readDoubleBE(8))}`);
}
const s = Buffer.from('3ff0000000000000bff8000000000000', 'hex');
console.log([s.readDoubleBE(), s.readDoubleBE(8), s.readFloatBE(0), s.readFloatLE(4), s.readDoubleLE(0)].map(show).join(' '));
console.log(show(Buffer.alloc(4).fill(0xff).readFloatLE()) + ' ' + Buffer.alloc(4).writeFloatLE('2.5'));
