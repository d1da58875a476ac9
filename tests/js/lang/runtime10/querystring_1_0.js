// runtime: cloudfront-js-1.0
// The querystring module under runtime 1.0: repeated keys become arrays,
// arrays stringify as repeated keys.
var qs = require('querystring');
var p = qs.parse('a=1&b=2&a=3');
console.log(JSON.stringify(p) + ' ' + qs.stringify({ x: 'a b', y: ['1', '2'] }));
