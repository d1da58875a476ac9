// runtime: cloudfront-js-1.0
var host = 'example.com', path = '/a';
console.log(`https://${host}${path}?q=${1 + 1}`);
