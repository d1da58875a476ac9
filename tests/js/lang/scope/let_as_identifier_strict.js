// brink-only
// `let` cannot be a variable name in strict mode (CloudFront is strict).
console.log('not printed');
var let = 5;
