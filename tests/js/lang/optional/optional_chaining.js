const o = { a: { b: { c: 'deep' } }, f() { return 'called'; }, arr: [10, 20] };
const n = null;
console.log([
    o?.a?.b?.c,
    n?.a,
    o.x?.y,
    o.f?.(),
    o.g?.(),
    o.arr?.[1],
    n?.[0]
].map(String).join(','));
console.log(String(o?.a.b.c));
