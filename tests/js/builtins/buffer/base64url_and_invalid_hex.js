const { Buffer } = require('buffer');
const raw = Buffer.from([0xfb, 0xff, 0xfe]);
console.log(raw.toString('base64') + ' ' + raw.toString('base64url'));
console.log(Buffer.from('-_-_', 'base64url').toString('hex') + ' ' + Buffer.from('+/+/', 'base64').toString('hex'));
console.log(Buffer.from('abz1', 'hex').toString('hex') + '|' + Buffer.from('abc', 'hex').toString('hex'));
console.log(Buffer.from('aGVsbG8gd29ybGQ', 'base64').toString());
