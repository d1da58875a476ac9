console.log(String(2 ** 10));
console.log(String(2 ** 3 ** 2));
console.log(String((-2) ** 2));
let x = 3;
x **= 2;
console.log(String(x));
console.log(String(2 ** -1) + ' ' + String(NaN ** 0) + ' ' + String(0 ** 0));
