const proto = { inherited: 1, shadowed: 2 };
const o = Object.create(proto);
o.own = 3;
o.shadowed = 4;
Object.defineProperty(o, 'hidden', { value: 5, enumerable: false });
const keys = [];
for (const k in o) keys.push(k);
console.log(keys.join(','));
