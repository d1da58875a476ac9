// brink-only
// JSON.parse errors are SyntaxErrors; uncaught one ends the script.
console.log('parsing');
JSON.parse('{"a":');
