const { a, ...others } = { a: 1, b: 2, c: 3 };
console.log(String(a) + ' ' + JSON.stringify(others));
const src = { x: 1, y: 2 };
const { ...copy } = src;
copy.x = 99;
console.log(String(src.x) + ' ' + String(copy.x));
