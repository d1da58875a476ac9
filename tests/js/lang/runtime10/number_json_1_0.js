// runtime: cloudfront-js-1.0
var n = 1234.5678;
console.log([n.toFixed(2), n.toPrecision(6), n.toExponential(3), (255).toString(16), Number.isInteger(5),
    Number.isSafeInteger(2 * 9007199254740991), parseFloat('3.5e2x'), 0.1 + 0.2].join(' '));
console.log(JSON.stringify({ a: [1, { b: null }], c: 'x' }, null, 1));
console.log(JSON.parse('[1,"2",{"3":4}]')[2]['3'] + '');
