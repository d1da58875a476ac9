// Duplicate keys in an object literal are allowed in strict mode (ES2015):
// the last value wins and the key keeps its first position.
const o = { a: 1, b: 2, a: 3 };
console.log(JSON.stringify(o));
console.log(Object.keys(o).join(','));
