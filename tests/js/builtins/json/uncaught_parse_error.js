// brink-only
// JSON.parse errors are SyntaxErrors; uncaught one ends the script.
// Output before the error is kept; only the error name is compared.
console.log('parsing');
JSON.parse('{"a":');
