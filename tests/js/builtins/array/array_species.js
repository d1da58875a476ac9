// ArraySpeciesCreate: map/filter/slice/splice/concat/flat build their result
// through constructor[Symbol.species].
class MyArray extends Array {}
const m = MyArray.from([1, 2, 3, 4]);
const results = [
    m.map(x => x * 2), m.filter(x => x % 2), m.slice(1), m.splice(0, 1),
    m.concat([9]), m.flat(), m.flatMap(x => [x, x])
];
console.log(results.map(r => (r instanceof MyArray) + ':' + r.join(',')).join(' '));

// A species constructor sees the length and gets CreateDataProperty calls.
const calls = [];
function Spy(n) { calls.push('ctor ' + n); this.length = 0; }
const a = [1, 2, 3];
a.constructor = { [Symbol.species]: Spy };
const r = a.map(x => x + 1);
console.log(calls.join(';') + ' ' + Object.keys(r).join(',') + ' ' + r[2] + ' ' + r.length);

// null species or an undefined constructor: a plain Array.
const b = [1, 2];
b.constructor = { [Symbol.species]: null };
console.log(Array.isArray(b.slice()) + ' ' + (b.slice().constructor === Array));
b.constructor = undefined;
console.log(Array.isArray(b.filter(() => true)));

// A constructor that is not an object, or a species that is not a
// constructor, throws a TypeError.
for (const c of [0, 'x', true, null]) {
    const x = [1];
    x.constructor = c;
    try { x.map(v => v); console.log('no error', String(c)); }
    catch (e) { console.log(e.name + ' for ' + String(c)); }
}
const y = [1];
y.constructor = { [Symbol.species]: parseInt };
try { y.concat(); } catch (e) { console.log(e.name); }

// A non-array receiver ignores its constructor.
const like = { length: 2, 0: 'a', 1: 'b', constructor: MyArray };
const s = Array.prototype.slice.call(like, 0);
console.log((s instanceof MyArray) + ' ' + Array.isArray(s) + ' ' + s.join('+'));

// The result must accept the new elements.
const z = [1, 2];
z.constructor = { [Symbol.species]: function () { return Object.freeze([]); } };
try { z.map(v => v); } catch (e) { console.log('frozen target: ' + e.name); }

const d = Object.getOwnPropertyDescriptor(Array, Symbol.species);
console.log(d.get.name + ' ' + d.get.length + ' ' + (d.set === undefined) + ' ' +
            d.configurable + ' ' + d.enumerable + ' ' + (Array[Symbol.species] === Array));
