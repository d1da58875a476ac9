function* range(n) { for (let i = 0; i < n; i++) yield i; }
function* both() { yield* range(3); const got = yield; return got; }
const obj = { *gen() { yield 1 }, async *agen() { yield await 1 } };
