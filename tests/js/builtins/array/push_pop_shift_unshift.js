const a = [1, 2];
const r = [a.push(3, 4), a.pop(), a.shift(), a.unshift(0, 0.5), JSON.stringify(a)];
console.log(r.join(' '));
const e = [];
console.log(String(e.pop()) + ' ' + String(e.shift()) + ' ' + e.length);
