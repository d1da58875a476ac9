// runtime: cloudfront-js-1.0
// brink-only
// In 1.0, digest() without an encoding returns a byte string (one char per
// byte). md5('abc') = 900150983cd24fb0d6963f7d28e17f72.
var crypto = require('crypto');
var d = crypto.createHash('md5').update('abc').digest();
var hex = '';
for (var i = 0; i < d.length; i++) hex += (d.charCodeAt(i) < 16 ? '0' : '') + d.charCodeAt(i).toString(16);
console.log(typeof d + ' ' + d.length + ' ' + hex);
