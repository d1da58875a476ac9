// brink-only
// Legacy octal literals are a SyntaxError in strict mode.
// Found at load time: nothing is printed.
console.log('not printed');
var n = 017;
