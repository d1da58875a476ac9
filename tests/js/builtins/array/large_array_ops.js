const a = [];
for (let i = 0; i < 5000; i++) a.push((i * 7919) % 5000);
const sorted = a.slice().sort((x, y) => x - y);
let ok = true;
for (let i = 0; i < sorted.length; i++) if (sorted[i] !== i) ok = false;
console.log(String(ok) + ' ' + a.indexOf(4999) + ' ' + a.reduce((s, x) => s + x, 0));
