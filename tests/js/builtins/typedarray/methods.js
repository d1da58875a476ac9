const a = new Int16Array([5, -3, 10, 1]);
console.log([a.join('|'), a.slice(1, 3).join(','), a.subarray(2).join(','), a.indexOf(10), a.includes(-3)].join(' '));
a.set([7, 8], 2);
console.log(a.join(','));
const sorted = new Float64Array([3, -1, 2, NaN, -0, 0]).sort();
console.log(Array.from(sorted).map(v => Object.is(v, -0) ? '-0' : String(v)).join(','));
console.log(String(new Uint8Array([1, 2, 3]).map(x => x * 100)) + ' ' + String(new Uint8Array([1, 2, 3, 4]).filter(x => x % 2)));
console.log(new Uint8Array(3).fill(7, 1).toString() + ' ' + new Uint8Array([1, 2, 3, 4, 5]).copyWithin(0, 3).toString());
console.log(String(new Uint8Array([1, 2, 3]).reduce((s, x) => s + x)) + ' ' + new Uint8Array([1, 2, 3]).reverse().join(''));
