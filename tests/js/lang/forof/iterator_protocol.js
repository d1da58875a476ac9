const range = {
    from: 1, to: 4,
    [Symbol.iterator]() {
        let cur = this.from, last = this.to;
        return { next: () => (cur <= last ? { value: cur++, done: false } : { value: undefined, done: true }) };
    }
};
const r = [];
for (const v of range) r.push(v);
console.log(r.join(','));
console.log(JSON.stringify([...range]));
