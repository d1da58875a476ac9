// Hash and HMAC inputs given as strings are UTF-8 encoded first (so 'é' is
// two bytes), for the data and for the HMAC key.
const crypto = require('crypto');
console.log(crypto.createHash('sha256').update('héllo 😀').digest('hex'));
console.log(crypto.createHmac('sha1', 'kéy').update('dätä').digest('hex'));
console.log(crypto.createHash('md5').update('é').digest('hex') + ' ' + crypto.createHash('md5').update('\u00c3\u00a9').digest('hex'));
