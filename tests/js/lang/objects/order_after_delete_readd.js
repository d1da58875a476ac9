const o = { a: 1, b: 2, c: 3 };
delete o.a;
o.a = 4;
o.b = 5;
console.log(Object.keys(o).join(','));
console.log(Object.values(o).join(','));
