// Array.of and Array.from (strings, array-likes, map functions with a
// thisArg); Array.isArray.
console.log(JSON.stringify([Array.of(7), Array.of(1, 2), Array.of(), Array.from('ab'), Array.from({ length: 3 }, (_, i) => i * i),
    Array.from([1, 2], function (x) { return x + this.d; }, { d: 10 }), Array.from({ length: 2, 0: 'a', 1: 'b' })]));
console.log(String(Array.isArray([])) + ' ' + String(Array.isArray({ length: 0 })) + ' ' + String(Array.isArray(Array.prototype)));
