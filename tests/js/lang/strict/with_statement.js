// brink-only
// `with` is a SyntaxError in strict mode (CloudFront is always strict).
var o = { a: 1 };
with (o) { a = 2; }
console.log('not printed');
