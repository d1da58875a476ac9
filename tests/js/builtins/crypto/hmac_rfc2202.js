// RFC 2202 test cases for HMAC-MD5 and HMAC-SHA1.
const crypto = require('crypto');
const { Buffer } = require('buffer');
const hex = (s) => Buffer.from(s, 'hex');
console.log(crypto.createHmac('md5', hex('0b'.repeat(16))).update('Hi There').digest('hex'));
console.log(crypto.createHmac('md5', 'Jefe').update('what do ya want for nothing?').digest('hex'));
console.log(crypto.createHmac('sha1', hex('0b'.repeat(20))).update('Hi There').digest('hex'));
console.log(crypto.createHmac('sha1', 'Jefe').update('what do ya want for nothing?').digest('hex'));
console.log(crypto.createHmac('sha1', hex('aa'.repeat(80))).update('Test Using Larger Than Block-Size Key - Hash Key First').digest('hex'));
