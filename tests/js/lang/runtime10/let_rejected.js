// runtime: cloudfront-js-1.0
// brink-only
// Runtime 1.0 rejects let with a SyntaxError at load time (CloudFront 1.0
// documents let/const as unsupported).
console.log('not printed');
let x = 1;
