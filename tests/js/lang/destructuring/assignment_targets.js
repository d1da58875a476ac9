const o = {};
const arr = [];
({ a: o.x, b: arr[0] } = { a: 'ox', b: 'arr0' });
console.log(o.x + ' ' + arr[0]);
let m, n;
[m, [n]] = [1, [2]];
console.log(String(m + n));
for (const [k, v] of Object.entries({ one: 1, two: 2 })) {
    o[k] = v * 10;
}
console.log(JSON.stringify(o));
