// runtime: cloudfront-js-1.0
// brink-only
// Runtime 1.0 has no async arrow functions either: load-time SyntaxError.
var f = async () => 1;
console.log('not printed');
