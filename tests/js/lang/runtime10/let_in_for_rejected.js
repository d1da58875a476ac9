// runtime: cloudfront-js-1.0
// brink-only
// `let` in a for head is rejected in 1.0 too.
for (let i = 0; i < 1; i++) {}
console.log('not printed');
