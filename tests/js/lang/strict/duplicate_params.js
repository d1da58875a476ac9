// brink-only
// Duplicate parameter names are a SyntaxError in strict mode.
// Found at load time: nothing is printed.
function f(a, a) { return a; }
console.log('not printed');
