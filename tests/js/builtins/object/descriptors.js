const o = { a: 1, get b() { return 2; } };
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(o, 'a')));
const all = Object.getOwnPropertyDescriptors(o);
console.log(Object.keys(all).join(',') + ' ' + typeof all.b.get + ' ' + all.b.enumerable);
console.log(String(Object.getOwnPropertyDescriptor(o, 'zz')));
console.log(JSON.stringify(Object.getOwnPropertyDescriptor([1], 'length')));
