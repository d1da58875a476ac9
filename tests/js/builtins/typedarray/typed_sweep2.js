// Every %TypedArray%.prototype method (a third of them, part 2) on five
// kinds of typed arrays, called with a grid of odd arguments (undefined,
// null, -0, fractions, NaN, infinities, 2**32, a string, objects, a
// callback): one hash per method over each result (or error name) and the
// array afterwards. DUMP = 'name' prints the lines behind a hash.
// Skipped: fill(v, undefined, end) (node 20's V8 ignores 'end' there, the
// spec does not) and toLocaleString (node groups digits by locale).
const DUMP = '';
const part = 2;
const vals = [undefined, null, 0, -0, 2, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 32, '1', {}, [1, 2], (x) => x > 1];
const kinds = [Int8Array, Uint8ClampedArray, Uint16Array, Float32Array, Float64Array];
const TA = Object.getPrototypeOf(Int8Array.prototype);
const names = Object.getOwnPropertyNames(TA).filter(k => typeof Object.getOwnPropertyDescriptor(TA, k).value === 'function' &&
  k !== 'constructor' && !/toReversed|toSorted|with|findLast|toLocaleString/.test(k)).sort().filter((k, i) => i % 3 === part);
const fmt = (r) => {
  if (ArrayBuffer.isView(r)) return r.constructor.name + '[' + Array.from(r, x => Object.is(x, -0) ? '-0' : String(x)).join(',') + ']';
  if (typeof r === 'number' && Object.is(r, -0)) return '-0';
  if (r && typeof r.next === 'function') return 'iter:' + Array.from(r).join(';');
  return typeof r === 'string' ? JSON.stringify(r) : String(r);
};
for (const name of names) {
  let h = 0, n = 0;
  for (const T of kinds) for (const a of vals) for (const b of vals) {
    if (name === 'fill' && b === undefined) continue;
    const t = new T([1, -2, 3.5, NaN, 200, 70000, -0]);
    let r;
    try { r = fmt(t[name](a, b, a)) + ' ' + fmt(t); } catch (e) { r = e.name; }
    if (DUMP === name) console.log(T.name + ' ' + fmt(a) + ' ' + fmt(b) + ' ' + r);
    for (let i = 0; i < r.length; i++) h = (h * 31 + r.charCodeAt(i)) | 0;
    n++;
  }
  console.log(name + ' ' + n + ' ' + h);
}
