// runtime: cloudfront-js-1.0
// brink-only
// Destructuring uses `const`/`let` here, which runtime 1.0 rejects at load
// time with a SyntaxError before anything runs.
console.log('not printed');
const { a } = { a: 1 };
