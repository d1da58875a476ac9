// Methods use the internal length (not a `length` property), convert
// values once, and validate their receiver.
const t = new Int16Array([3, 1, 2]);
Object.defineProperty(t, 'length', { value: 0 });
console.log([t.join('-'), t.indexOf(2), t.includes(1), t.map(x => x).length, t.reduce((a, b) => a + b), [...t].length, t.slice().length].join(' '));
let n = 0;
const v = { valueOf() { n++; return 9; } };
const f = new Uint8Array(4).fill(v, 1, 3);
console.log(f.join(',') + ' ' + n);
const s = new Float64Array([3, 1, NaN, -0, 0, 2, -Infinity]);
console.log(Array.from(s.sort(), x => Object.is(x, -0) ? '-0' : String(x)).join(','));
const pairs = new Int8Array([5, 1, 4, 1, 5, 9, 2, 6]);
console.log(pairs.sort((a, b) => b - a).join(',') + ' ' + new Uint8Array([3, 1, 2]).sort(() => NaN).join(','));
const ov = new Uint8Array([1, 2, 3, 4, 5, 6]);
ov.set(ov.subarray(0, 4), 2);
const ov2 = new Uint16Array(ov.buffer, 0, 3);
new Uint8Array(ov.buffer).set(ov2, 1);
console.log(ov.join(',') + ' ' + ov2.join(','));
const f64 = new Float64Array([NaN, 1, NaN]);
console.log([f64.indexOf(NaN), f64.includes(NaN), f64.lastIndexOf(1, -3), f64.lastIndexOf(1, -2), new Int8Array([1, 2, 1]).lastIndexOf(1, undefined), new Int8Array([1, 2, 1]).lastIndexOf(1)].join(','));
console.log([new Int8Array([1, 2, 3, 4, 5]).copyWithin(-2, 0).join(''), new Int8Array([1, 2, 3, 4, 5]).copyWithin(1, -4, -2).join(''), new Int8Array([1, 2, 3]).at(-1), new Int8Array([1, 2, 3]).at(5)].join(' '));
console.log(new Float32Array([1.5, 2]).toLocaleString() + ' ' + Array.from(new Int8Array([7, 8]).entries()).join('|') + ' ' + Array.from(new Int8Array(2).keys()).join(','));
for (const name of ['join', 'map', 'fill', 'set', 'slice', 'subarray', 'sort', 'values', 'indexOf', 'reverse', 'copyWithin', 'every']) {
  try { Int8Array.prototype[name].call([1, 2], () => 1); console.log(name + ' no error'); } catch (e) { console.log(name + ' ' + e.name); }
}
