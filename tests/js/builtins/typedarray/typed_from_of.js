// %TypedArray%.from / .of with a constructor `this`, iterables, map
// functions, array-likes and strings.
const show = (t) => t.constructor.name + '[' + Array.from(t).join(',') + ']';
console.log([Int8Array.from([1, 2, 300]), Uint8ClampedArray.from([1.5, 2.5, -3, 300]), Float32Array.from({ length: 3, 0: 1.1, 2: 3 }), Int16Array.from('123'),
  Uint8Array.from(new Set([3, 4])), Int32Array.from([1, 2], function (x, i) { return x * 10 + i + this.k; }, { k: 100 }),
  Float64Array.from(new Uint8Array([250, 5])), Int8Array.of(1, -2, 200), Uint16Array.of()].map(show).join(' '));
console.log(String(Int8Array.from === Uint8Array.from) + ' ' + Object.getPrototypeOf(Int8Array).from.name + ' ' + Int8Array.hasOwnProperty('of') + ' ' + Int8Array.from.length + ' ' + Int8Array.of.length);
class Sub extends Float64Array {}
console.log(show(Sub.from([1, 2])) + ' ' + show(Sub.of(3)) + ' ' + (Sub.of(1) instanceof Sub));
function* gen() { yield 7; yield 8; }
console.log(show(Uint32Array.from(gen())) + ' ' + show(new Int8Array(gen())) + ' ' + show(new Uint8Array(new Set([1, 1, 2]))));
const seen = [];
Int8Array.from([5, 6], function (v, k) { seen.push(arguments.length + ':' + v + ':' + k); return v; });
console.log(seen.join(' '));
for (const bad of [() => Int8Array.from.call({}, []), () => Int8Array.of.call(5), () => Int8Array.from([], 'notfn'), () => Int8Array.from(null),
  () => Int8Array.from.call(function () { return {}; }, [1]), () => Int8Array.of.call(function () { return new Int8Array(0); }, 1, 2)]) {
  try { bad(); console.log('no error'); } catch (e) { console.log(e.name); }
}
