// Symbol.isConcatSpreadable decides what concat spreads.
const obj = { length: 3, 0: 'a', 2: 'c', [Symbol.isConcatSpreadable]: true };
const r1 = [1].concat(obj);
console.log(r1.length + ' ' + JSON.stringify(r1) + ' ' + (1 in r1) + ' ' + (2 in r1));

const arr = [7, 8];
arr[Symbol.isConcatSpreadable] = false;
const r2 = [].concat(arr, 9);
console.log(r2.length + ' ' + (r2[0] === arr) + ' ' + r2[1]);

// Truthy/falsy values are converted; undefined falls back to IsArray.
const vals = [0, 1, '', 'x', null, undefined, NaN];
console.log(vals.map(v => {
    const o = { length: 2, 0: 'z', 1: 'y' };
    o[Symbol.isConcatSpreadable] = v;
    return [].concat(o).length;
}).join(','));

// Spreadable strings wrappers and functions.
const s = new String('hi');
s[Symbol.isConcatSpreadable] = true;
console.log(JSON.stringify([].concat(s)));
function f(a, b) {}
f[Symbol.isConcatSpreadable] = true;
console.log(JSON.stringify([].concat(f)));

// The getter runs once per argument, in order, after the constructor.
const log = [];
const g = {};
Object.defineProperty(g, Symbol.isConcatSpreadable, { get() { log.push('spread'); return false; } });
const base = [];
Object.defineProperty(base, 'constructor', { get() { log.push('ctor'); return Array; } });
base.concat(g);
console.log(log.join(','));

// Abrupt completions propagate.
const bad = {};
Object.defineProperty(bad, Symbol.isConcatSpreadable, { get() { throw new RangeError('no'); } });
try { [].concat(bad); } catch (e) { console.log(e.name); }
const badLen = { [Symbol.isConcatSpreadable]: true, get length() { throw new SyntaxError('len'); } };
try { [].concat(badLen); } catch (e) { console.log(e.name); }
// Holes stay holes.
const h = [1, , 3].concat([, 5]);
console.log(h.length + ' ' + Object.keys(h).join(','));
