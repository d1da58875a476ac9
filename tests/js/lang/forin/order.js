// Integer keys ascending first, then string keys in insertion order.
const o = { b: 1, 2: 'two', a: 2, 1: 'one', '-1': 'neg', '01': 'zero-one', 10: 'ten' };
const keys = [];
for (const k in o) keys.push(k);
console.log(keys.join(','));
console.log(Object.keys(o).join(','));
console.log(JSON.stringify(o));
