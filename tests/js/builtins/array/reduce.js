const a = [1, 2, 3, 4];
console.log([a.reduce((s, x) => s + x), a.reduce((s, x) => s + x, 10), a.reduceRight((s, x) => s + x, ''),
    [[1, 2], [3]].reduce((acc, x) => acc.concat(x), []).join('')].join(' '));
try { [].reduce((a, b) => a); } catch (e) { console.log(e.name); }
console.log(String([5].reduce((a, b) => a * b)));
const idx = [];
['a', 'b', 'c'].reduce((acc, x, i) => { idx.push(i); return acc; });
console.log(idx.join(','));
