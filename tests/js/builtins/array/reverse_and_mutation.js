const a = [1, 2, 3];
const r = a.reverse();
console.log(JSON.stringify(a) + ' ' + String(r === a));
console.log(JSON.stringify([1, , 3].reverse()));
const m = [1, 2, 3, 4];
const mapped = m.map((x, i, arr) => { if (i === 0) arr.pop(); return x; });
console.log(JSON.stringify(mapped) + ' ' + m.length);
