// brink-only
// Mixing ?? with || without parentheses is a SyntaxError at load time (node
// agrees; hand-written because the message is engine-specific).
console.log('not printed');
const x = null || undefined ?? 'v';
