// runtime: cloudfront-js-1.0
// brink-only: runtime 1.0 has typed arrays with copyWithin, fill, join,
// set, slice, subarray and toString only (reference 6.2); from/of and the
// iteration methods come with 2.0. node has them all.
var p = Object.getPrototypeOf(Int8Array.prototype);
var names = ['copyWithin', 'fill', 'join', 'set', 'slice', 'subarray', 'toString', 'every', 'filter', 'find', 'findIndex', 'forEach', 'includes', 'indexOf', 'lastIndexOf', 'map', 'reduce', 'reduceRight', 'reverse', 'some', 'sort'];
console.log(names.map(function (n) { return n + ':' + typeof p[n]; }).join(' '));
console.log(typeof Object.getPrototypeOf(Int8Array).from + ' ' + typeof Int8Array.of + ' ' + typeof DataView);
var a = new Int16Array([1, 2, 3, 4]);
a.set([9], 1);
console.log(a.join('-') + ' ' + a.slice(1, 3).toString() + ' ' + a.subarray(2).join() + ' ' + new Uint8Array(3).fill(7, 1).join() + ' ' + a.copyWithin(0, 2).join());
