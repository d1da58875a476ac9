// RFC 4231 test cases 1, 2, 3 and 6 for HMAC-SHA256.
const crypto = require('crypto');
const { Buffer } = require('buffer');
const hex = (s) => Buffer.from(s, 'hex');
console.log(crypto.createHmac('sha256', hex('0b'.repeat(20))).update('Hi There').digest('hex'));
console.log(crypto.createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex'));
console.log(crypto.createHmac('sha256', hex('aa'.repeat(20))).update(hex('dd'.repeat(50))).digest('hex'));
console.log(crypto.createHmac('sha256', hex('aa'.repeat(131))).update('Test Using Larger Than Block-Size Key - Hash Key First').digest('hex'));
