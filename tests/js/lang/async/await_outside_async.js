// brink-only
// `await` outside an async function is a SyntaxError in a script (node
// agrees; written by hand because node's vm message differs).
console.log('not printed');
function f() { await g(); }
