const target = { a: 1 };
const r = Object.assign(target, { b: 2 }, null, { a: 3 }, 'xy');
console.log(JSON.stringify(r) + ' ' + String(r === target));
const src = { get g() { return 'computed'; } };
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(Object.assign({}, src), 'g')));
const frozen = Object.freeze({ x: 1 });
try { Object.assign(frozen, { x: 2 }); } catch (e) { console.log(e.name); }
