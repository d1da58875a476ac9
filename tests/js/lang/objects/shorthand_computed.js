const x = 1, y = 'two';
const key = 'dyn';
const o = {
    x, y,
    [key + 'amic']: true,
    [`k${1 + 1}`]: 'k2',
    method() { return 'm'; },
    [Symbol.for('s')]: 'sym'
};
console.log(JSON.stringify(o));
console.log(o.method() + ' ' + o[Symbol.for('s')]);
