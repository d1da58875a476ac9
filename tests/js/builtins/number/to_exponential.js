const cases = [
    [123456, 2],
    [0, 0],
    [0.00015, 1],
    [1.5, 0],
    [-12.5, 3],
    [1e-7, undefined],
    [123.456, undefined],
    [1e21, 1]
];
console.log(cases.map(([v, d]) => v.toExponential(d)).join(' '));
try { (1).toExponential(-1); } catch (e) { console.log(e.name); }
