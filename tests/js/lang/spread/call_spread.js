function sum3(a, b, c) { return a + b + c; }
const nums = [1, 2, 3];
console.log(String(sum3(...nums)));
console.log(String(Math.max(...nums, 10, ...[20])));
console.log(String(sum3(...'abc')));
const d = new Date(...[2020, 0, 2]);
console.log(String(d.getDate()));
