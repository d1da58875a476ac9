const proto = { greet() { return 'hi ' + this.n; } };
const o = Object.create(proto, { n: { value: 'x', enumerable: true } });
console.log(o.greet() + ' ' + JSON.stringify(o) + ' ' + String(Object.getPrototypeOf(o) === proto));
const n = Object.create(null);
n.k = 1;
console.log(JSON.stringify(n) + ' ' + String('toString' in n));
try { Object.create(5); } catch (e) { console.log(e.name); }
const s = Object.setPrototypeOf({}, proto);
s.n = 'set';
console.log(s.greet());
