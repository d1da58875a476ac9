// `-2 ** 2` is ambiguous and a SyntaxError; parentheses are required. The
// whole script is rejected at load time, before the first console.log.
// `-2 ** 2` is ambiguous and a SyntaxError; parentheses are required.
console.log('not printed');
const x = -2 ** 2;
