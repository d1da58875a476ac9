// brink-only
// Legacy octal literals are a SyntaxError in strict mode.
console.log('not printed');
var n = 017;
