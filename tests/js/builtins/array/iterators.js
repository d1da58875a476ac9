const a = ['x', 'y'];
const it = a[Symbol.iterator]();
console.log(JSON.stringify([it.next(), it.next(), it.next()]));
console.log(String(a[Symbol.iterator] === a.values) + ' ' + JSON.stringify([...a.entries()]) + ' ' + JSON.stringify([...a.keys()]));
console.log(Object.prototype.toString.call(a.values()));
