// runtime: cloudfront-js-1.0
var d = new Date(Date.UTC(2023, 11, 31, 23, 59, 59));
console.log(d.toISOString() + ' ' + d.getUTCDay() + ' ' + new Date(d.getTime() + 1000).toISOString());
console.log([
    Math.max(1, 2, 3),
    Math.trunc(-1.5),
    Math.sign(-2),
    Math.log2(1024),
    Math.hypot(6, 8),
    Math.cbrt(8)
].join(' '));
