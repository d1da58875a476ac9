// runtime: cloudfront-js-1.0
// brink-only
// Runtime 1.0 rejects const at load time.
var before = 1;
const y = 2;
console.log('not printed');
