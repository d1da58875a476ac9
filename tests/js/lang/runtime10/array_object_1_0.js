// runtime: cloudfront-js-1.0
var a = [5, 3, 9, 1];
console.log([a.slice().sort(function (x, y) { return x - y; }).join(','), a.indexOf(9), a.includes(3),
    a.find(function (x) { return x > 4; }), a.findIndex(function (x) { return x === 1; }), Array.of(7).length,
    [1, 2, 3].fill(0, 1).join(''), [1, 2, 3, 4].copyWithin(0, 2).join('')].join(' '));
var o = Object.assign({}, { x: 1 }, { y: 2 });
console.log(JSON.stringify(Object.entries(o)) + ' ' + Object.values(o).join('') + ' ' + Object.is(NaN, NaN));
