function f(a, b = a * 2, c = a + b) { return [a, b, c].join(','); }
console.log(f(1));
console.log(f(1, 5));
console.log(f(1, undefined, 0));
console.log(f(1, null));
console.log(String(f.length));
