const a = [NaN, 0, -0, '1'];
console.log([
    a.indexOf(NaN),
    a.includes(NaN),
    a.indexOf(-0),
    a.includes(0),
    a.indexOf(1),
    a.includes('1'),
    a.lastIndexOf(0),
    a.indexOf(0, -1),
    a.includes(NaN, 1)
].join(','));
