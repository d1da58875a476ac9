const o = {
    v: 42,
    get() { return this === undefined ? 'undefined this' : String(this.v); }
};
console.log(o.get());
const g = o.get;
console.log(g());
const bound = o.get.bind({ v: 7 });
console.log(bound());
