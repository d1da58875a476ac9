const obj = { a: 1, b: 2, c: 3 };
const fs = [];
for (let k in obj) {
    fs.push(() => k + obj[k]);
}
console.log(fs.map(f => f()).join('|'));
const gs = [];
for (const v of [7, 8, 9]) {
    gs.push(() => v);
}
console.log(gs.map(g => g()).join('|'));
