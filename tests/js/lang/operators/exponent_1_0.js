// runtime: cloudfront-js-1.0
// `**` is part of runtime 1.0 (with template literals, arrows and rest
// parameters).
var a = 4;
console.log(String(a ** 0.5) + ' ' + String(10 ** 3));
