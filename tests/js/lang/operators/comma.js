let x = (1, 2, 3);
console.log(String(x));
let i, j, out = [];
for (i = 0, j = 10; i < 3; i++, j--) out.push(i + ':' + j);
console.log(out.join(' '));
const f = () => (out.length = 0, 'cleared');
console.log(f() + ' ' + out.length);
