const crypto = require('crypto');
const d = crypto.createHash('md5').update('abc').digest();
console.log(String(d.length) + ' ' + d.toString('hex') + ' ' + String(d[0]));
const h = crypto.createHmac('sha256', 'k').update('v').digest();
console.log(String(h.length) + ' ' + h.toString('base64'));
