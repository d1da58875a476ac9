const arr = ['a', 'b'];
const out = [];
for (const [i, v] of arr.entries()) out.push(i + '=' + v);
for (const k of arr.keys()) out.push('k' + k);
for (const v of arr.values()) out.push('v' + v);
console.log(out.join(' '));
const o = { x: 1, y: 2 };
for (const [k, v] of Object.entries(o)) out.push(k + v);
console.log(out.slice(-2).join(','));
