// runtime: cloudfront-js-1.0
// brink-only
// Numeric separators are not in runtime 1.0: load-time SyntaxError.
var n = 1_000;
console.log('not printed');
