const a = [1, 2, 3, 4];
console.log([
    JSON.stringify(a.map((x, i) => x * i)), JSON.stringify(a.filter(x => x % 2)), a.some(x => x > 3), a.every(x => x > 0),
    a.find(x => x > 2), a.findIndex(x => x > 2), a.find(x => x > 9), a.findIndex(x => x > 9), a.indexOf(3), a.lastIndexOf(9)
].map(String).join(' '));
const seen = [];
a.forEach(function (x, i, arr) { seen.push(this.p + x + i + arr.length); }, { p: '#' });
console.log(seen.join(','));
