// runtime: cloudfront-js-1.0
var a = 4;
console.log(String(a ** 0.5) + ' ' + String(10 ** 3));
