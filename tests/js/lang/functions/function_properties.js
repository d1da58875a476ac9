function named(a, b, c) {}
const anon = function () {};
const arrow = (x) => x;
const o = { method() {}, get acc() { return 1; } };
console.log([named.name, named.length, anon.name, arrow.name, arrow.length, o.method.name].join(','));
console.log(Object.getOwnPropertyDescriptor(o, 'acc').get.name);
const bound = named.bind(null, 1);
console.log(bound.name + ' ' + bound.length);
