const o = {
    v: 'o',
    make() { return () => this.v; }
};
const f = o.make();
const other = { v: 'other', f };
console.log(f() + ' ' + other.f() + ' ' + f.call({ v: 'call' }) + ' ' + f.bind({ v: 'bind' })());
