// runtime: cloudfront-js-1.0
var crypto = require('crypto');
console.log(crypto.createHash('sha256').update('abc').digest('hex'));
console.log(crypto.createHmac('sha1', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'));
console.log(crypto.createHash('md5').update('').digest('base64'));
