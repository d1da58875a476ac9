const o = { a: 1, b: 2, a: 3 };
console.log(JSON.stringify(o));
console.log(Object.keys(o).join(','));
