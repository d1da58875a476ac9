const sq = x => x * x;
const add = (a, b) => a + b;
const obj = () => ({ a: 1 });
const noargs = () => 'none';
const body = (x) => { const y = x + 1; return y * 2; };
console.log([sq(4), add(2, 3), obj().a, noargs(), body(1)].join(' '));
