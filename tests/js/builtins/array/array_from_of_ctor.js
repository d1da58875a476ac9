// Array.from / Array.of with a constructor as 'this'.
function C(n) { this.args = arguments.length === 0 ? 'none' : String(n); }
const o = Array.of.call(C, 'a', 'b');
console.log((o instanceof C) + ' ' + o.args + ' ' + o.length + ' ' + o[0] + o[1]);
const f1 = Array.from.call(C, { length: 2, 0: 'x', 1: 'y' });
console.log((f1 instanceof C) + ' ' + f1.args + ' ' + f1.length + ' ' + f1[1]);
const f2 = Array.from.call(C, new Set(['p', 'q']));
console.log((f2 instanceof C) + ' ' + f2.args + ' ' + f2.length + ' ' + f2[0]);
// Non-constructors give plain arrays.
const f3 = Array.from.call(Math.max, 'ab');
console.log(Array.isArray(f3) + ' ' + f3.join(''));
console.log(Array.isArray(Array.of.call(undefined, 1)));

// mapFn throwing closes the iterator; a failing element write too.
let closed = 0;
const iterable = {
    [Symbol.iterator]() {
        return { next() { return { value: 1, done: false }; }, return() { closed++; return {}; } };
    }
};
try { Array.from(iterable, () => { throw new TypeError('map'); }); } catch (e) { console.log(e.name + ' closed=' + closed); }
function Frozen() { return Object.freeze({}); }
try { Array.from.call(Frozen, iterable); } catch (e) { console.log(e.name + ' closed=' + closed); }
try { Array.of.call(Frozen, 1); } catch (e) { console.log('of: ' + e.name); }

// The constructor's length setter is called at the end.
let setLen = [];
function L() {}
Object.defineProperty(L.prototype, 'length', { set(v) { setLen.push(v); } });
Array.of.call(L, 1, 2, 3);
Array.from.call(L, [4, 5]);
console.log(setLen.join(','));

// Abrupt length / constructor.
try { Array.from({ get length() { throw new EvalError('x'); } }); } catch (e) { console.log(e.name); }
function Bad() { throw new URIError('ctor'); }
try { Array.of.call(Bad); } catch (e) { console.log(e.name); }
try { Array.from([], 5); } catch (e) { console.log(e.name); }
