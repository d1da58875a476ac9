const cases = [[123.456, 4], [0.00012345, 2], [123456, 2], [1e21, 3], [1, 1], [0, 3], [-1.25, 2],
    [99.99, 3], [5e-7, 1], [1.5, 1], [2.5, 1], [123.456, 21]];
console.log(cases.map(([v, p]) => v.toPrecision(p)).join(' '));
console.log((123.456).toPrecision() + ' ' + (NaN).toPrecision(2) + ' ' + (-Infinity).toPrecision(2));
try { (1).toPrecision(0); } catch (e) { console.log(e.name); }
