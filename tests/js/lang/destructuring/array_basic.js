const [a, b, c] = [1, 2];
console.log(String(a) + ' ' + String(b) + ' ' + String(c));
const [x, , z] = ['x', 'skip', 'z'];
console.log(x + z);
const [first, ...rest] = 'hello';
console.log(first + '|' + rest.join(''));
let p = 1, q = 2;
[p, q] = [q, p];
console.log(p + ',' + q);
