const a = { x: 1 }, b = { x: 1 }, c = a;
console.log([
    a == b,
    a === b,
    a === c,
    [] == [],
    'x' == new String('x'),
    new String('x') == new String('x')
].join(','));
console.log([
    null == 0,
    null == undefined,
    undefined == 0,
    NaN != NaN
].join(','));
