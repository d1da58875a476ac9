const crypto = require('crypto');
console.log(crypto.createHash('sha256').update('héllo 😀').digest('hex'));
console.log(crypto.createHmac('sha1', 'kéy').update('dätä').digest('hex'));
