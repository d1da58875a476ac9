const o = { a: 1, b: 'two', c: { a: 3, d: 4 }, arr: [1, 2] };
console.log(JSON.stringify(o, (k, v) => (typeof v === 'number' ? v * 10 : v)));
console.log(JSON.stringify(o, ['a', 'c']));
console.log(JSON.stringify(o, (k, v) => (k === '' ? { wrapped: true } : v)));
const seen = [];
JSON.stringify({ x: { y: 1 } }, function (k, v) { seen.push(k === '' ? '<root>' : k); return v; });
console.log(seen.join(','));
console.log(JSON.stringify({ 1: 'one', b: 2 }, [1, 'b', 'b']));
