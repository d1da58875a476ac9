const o = {
    v: 'ov',
    m() { return this.v; }
};
console.log(o.m?.());
console.log(o?.m());
console.log(String((o?.m)()));
const fn = null;
console.log(String(fn?.(sideEffect())));
function sideEffect() { throw new Error('must not run'); }
