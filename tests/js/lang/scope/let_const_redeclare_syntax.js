// brink-only
// Redeclaring a let binding in the same scope is an early SyntaxError.
console.log('not printed');
let dup = 1;
let dup = 2;
