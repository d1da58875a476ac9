// runtime: cloudfront-js-1.0
// brink-only
// async functions are a SyntaxError at load time in runtime 1.0.
console.log('not printed');
async function f() { return 1; }
