function kind(f) {
    try { f(); return 'no error'; } catch (e) { return e.name; }
}
console.log([
    kind(() => null.x),
    kind(() => undefinedVar),
    kind(() => new Array(-1)),
    kind(() => (1).toFixed(200)),
    kind(() => decodeURIComponent('%')),
    kind(() => JSON.parse('{')),
    kind(() => Symbol() + ''),
    kind(() => ({}).x.y),
    kind(() => 'abc'.repeat(-1)),
    kind(() => { 'use strict'; Object.defineProperty(1, 'x', {}); })
].join(','));
