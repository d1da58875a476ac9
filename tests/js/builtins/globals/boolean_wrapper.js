console.log([
    Boolean(''),
    Boolean('0'),
    Boolean([]),
    Boolean({}),
    Boolean(NaN),
    Boolean(-0)
].join(','));
const b = new Boolean(false);
console.log(typeof b + ' ' + (b ? 'truthy' : 'falsy') + ' ' + b.valueOf() + ' ' + b.toString());
