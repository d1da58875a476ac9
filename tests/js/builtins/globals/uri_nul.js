// NUL is escaped and unescaped like any other control character (strchr
// must not match the string terminator).
console.log(encodeURI("\u0000"), encodeURIComponent("a\u0000b"));
console.log(JSON.stringify(decodeURI("%00")), JSON.stringify(decodeURIComponent("%00x")));
var qs = require('querystring');
console.log(qs.escape("\u0000a"), JSON.stringify(qs.unescape("%00")));
console.log(qs.stringify({k: "\u0000"}), JSON.stringify(qs.parse("k=%00")));
try { NaN.toFixed(Infinity); } catch (e) { console.log(e.name); }
console.log(NaN.toExponential(Infinity), NaN.toPrecision(1000));
