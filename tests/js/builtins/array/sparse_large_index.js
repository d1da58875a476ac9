// Large indices: length follows the highest index; holes stay holes.
const a = [];
a[1000000] = 'far';
a[2] = 'near';
console.log(String(a.length) + ' ' + Object.keys(a).join(','));
let visited = 0;
a.forEach(() => visited++);
console.log('visited ' + visited + ' ' + a.indexOf('far') + ' ' + a.lastIndexOf('near'));
a.length = 3;
console.log(String(a.length) + ' ' + JSON.stringify(a));
