const log = [];
const iterable = {
    [Symbol.iterator]() {
        let i = 0;
        return {
            next() { i++; return { value: i, done: i > 10 }; },
            return() { log.push('return called'); return { done: true }; }
        };
    }
};
for (const v of iterable) {
    log.push(v);
    if (v === 3) break;
}
console.log(log.join(','));
