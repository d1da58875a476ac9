// `-2 ** 2` is ambiguous and a SyntaxError; parentheses are required.
console.log('not printed');
const x = -2 ** 2;
