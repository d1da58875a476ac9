// brink-only
// Binding or assigning `eval`/`arguments` is a SyntaxError in strict mode.
console.log('not printed');
var arguments = 1;
