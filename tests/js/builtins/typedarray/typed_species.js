// Symbol.species for map/filter/slice/subarray, subclass instances, and a
// species constructor returning another kind.
class MyU8 extends Uint8Array {}
const m = new MyU8([1, 2, 3, 4]);
const r = [m.map(x => x * 2), m.filter(x => x % 2), m.slice(1, 3), m.subarray(2)];
console.log(r.map(x => (x instanceof MyU8) + ':' + x.constructor.name + ':' + x.join(',')).join(' '));
let calls = [];
class Logged extends Int16Array {
  static get [Symbol.species]() { calls.push('species'); return Float64Array; }
}
const l = new Logged([5, -6, 7]);
console.log([l.map(x => x / 2).join(','), l.filter(x => x > 0).constructor.name, l.slice(-2).join(','), calls.length].join(' '));
try { l.subarray(1); } catch (e) { console.log(e.name + ' ' + calls.length); }
const base = new Uint16Array([10, 20, 30, 40]);
base.constructor = { [Symbol.species]: function (...args) { calls.push(args.length); return new Uint8Array(args[0] instanceof ArrayBuffer ? 4 : args[0] + 1); } };
console.log([base.slice(1).join(','), base.map(x => x + 300).join(','), base.subarray(1, 2).join(','), calls.slice(3).join(',')].join(' '));
for (const bad of [() => { const t = new Int8Array(2); t.constructor = { [Symbol.species]: function () { return new Int8Array(1); } }; return t.map(x => x); },
  () => { const t = new Int8Array(2); t.constructor = { [Symbol.species]: function () { return []; } }; return t.slice(); },
  () => { const t = new Int8Array(2); t.constructor = 5; return t.filter(x => x); },
  () => { const t = new Int8Array(2); t.constructor = { [Symbol.species]: 5 }; return t.subarray(); }]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.name); }
}
const u = new Uint8Array([1, 2, 3]);
u.constructor = undefined;
console.log(u.map(x => x * 3).constructor.name + ' ' + new Float32Array([1.5]).slice().constructor.name);
