// brink-only
// Duplicate parameter names are a SyntaxError in strict mode.
function f(a, a) { return a; }
console.log('not printed');
