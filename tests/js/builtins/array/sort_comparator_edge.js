const a = [5, 1, 4];
a.sort(() => 0);
console.log(a.join(','));
try { [1, 2].sort('not a function'); } catch (e) { console.log(e.name); }
const objs = [{ k: 'b' }, { k: 'a' }, { k: 'c' }];
console.log(objs.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : 0)).map(o => o.k).join(''));
console.log(String([2, 1].sort() === [2, 1].sort()) + ' ' + [3, 2, 1].sort().join(''));
