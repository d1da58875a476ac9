// runtime: cloudfront-js-1.0
var sq = (x) => x ** 2;
function joinAll(sep, ...parts) { return parts.map(sq).join(sep); }
console.log(`squares: ${joinAll('-', 1, 2, 3)}`);
var tag = function (s, ...v) { return s.raw.join('|') + v.length; };
console.log(tag`a${1}b${2}`);
