const r = [
    'a' < 'b', 'B' < 'a', '10' < '9', 10 < 9, '10' < 9, 'abc' < 'abd',
    null >= 0, undefined >= 0, NaN < 1, [2] > 1, 'Z' > 'z'
];
console.log(r.join(','));
