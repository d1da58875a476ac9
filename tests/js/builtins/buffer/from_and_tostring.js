const { Buffer } = require('buffer');
const b = Buffer.from('héllo');
console.log(String(b.length) + ' ' + b.toString('hex') + ' ' + b.toString('base64') + ' ' + b.toString());
console.log(Buffer.from('68656c6c6f', 'hex').toString() + ' ' + Buffer.from('aGk=', 'base64').toString() + ' ' + Buffer.from('aGk', 'base64url').toString());
console.log(Buffer.from([104, 105, 256 + 33]).toString() + ' ' + Buffer.from(Buffer.from('copy')).toString());
console.log(Buffer.from('abc').toString('utf8', 1, 2) + ' ' + JSON.stringify(Buffer.from('hi')));
