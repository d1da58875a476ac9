// brink-only
// `let` cannot be a variable name in strict mode (CloudFront is strict).
// Found at load time: nothing is printed.
console.log('not printed');
var let = 5;
