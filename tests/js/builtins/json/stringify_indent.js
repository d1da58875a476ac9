const o = { a: 1, b: [1, { c: 2 }], e: {}, f: [] };
console.log(JSON.stringify(o, null, 2));
console.log(JSON.stringify(o, null, '--'));
console.log(JSON.stringify([1], null, 20));
console.log(JSON.stringify({ a: 1 }, null, 'abcdefghijklmn'));
console.log(JSON.stringify({ a: 1 }, null, 0) + JSON.stringify({ a: 1 }, null, ''));
