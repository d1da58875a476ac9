// runtime: cloudfront-js-1.0
var qs = require('querystring');
var p = qs.parse('a=1&b=2&a=3');
console.log(JSON.stringify(p) + ' ' + qs.stringify({ x: 'a b', y: ['1', '2'] }));
