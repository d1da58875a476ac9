// brink-only
// Binding or assigning `eval`/`arguments` is a SyntaxError in strict mode.
// Found at load time: nothing is printed.
console.log('not printed');
var arguments = 1;
