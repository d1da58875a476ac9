const cases = [[1.005, 2], [1.45, 1], [0, 2], [-0, 2], [1e21, 2], [123.456, 0], [0.5, 0], [1.5, 0], [2.5, 0],
    [-1.5, 0], [1e-10, 3], [0.000001, 7], [10.235, 2], [12345.6789, 10], [-0.0001, 2]];
console.log(cases.map(([v, d]) => v.toFixed(d)).join(' '));
try { (1).toFixed(101); } catch (e) { console.log(e.name); }
console.log((1.23).toFixed(100).length + '');
