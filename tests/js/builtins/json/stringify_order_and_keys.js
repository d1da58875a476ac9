const o = { b: 1, a: 2, 10: 'ten', 2: 'two' };
Object.defineProperty(o, 'hidden', { value: 1, enumerable: false });
o[Symbol('s')] = 1;
console.log(JSON.stringify(o));
const proto = { inherited: 1 };
const c = Object.create(proto);
c.own = 2;
console.log(JSON.stringify(c));
console.log(JSON.stringify([, 1, , 2]));
