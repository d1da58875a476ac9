let s = '';
for (let i = 0; ; i++) { if (i > 2) break; s += i; }
let j = 0;
for (; j < 3;) j++;
for (const k of []) s += 'never';
console.log(s + ' ' + j);
const o = {};
for (o.k in { a: 1, b: 2 });
console.log(o.k);
