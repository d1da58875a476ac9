// querystring.escape percent-encodes as encodeURIComponent does;
// unescape decodes %XX but keeps `+` and malformed escapes as they are.
const qs = require('querystring');
console.log(qs.escape('a b&c/é😀'));
console.log(qs.unescape('a%20b%26c+d'));
console.log(qs.unescape('%zz%41'));
