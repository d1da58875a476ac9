// runtime: cloudfront-js-1.0
// Template literals are part of runtime 1.0: interpolation, expressions and
// multi-line strings.
var host = 'example.com', path = '/a';
console.log(`https://${host}${path}?q=${1 + 1}`);
console.log(JSON.stringify(`two
lines`));
