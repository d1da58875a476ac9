const crypto = require('crypto');
const d = (enc) => crypto.createHash('sha256').update('hello world').digest(enc);
console.log(d('hex'));
console.log(d('base64'));
console.log(d('base64url'));
console.log(crypto.createHash('md5').update('x').digest('base64') + ' ' + crypto.createHash('sha1').update('x').digest('base64url'));
