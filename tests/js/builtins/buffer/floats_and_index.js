const { Buffer } = require('buffer');
const b = Buffer.alloc(12);
b.writeDoubleLE(Math.PI, 0);
b.writeFloatBE(1.5, 8);
console.log(String(b.readDoubleLE(0)) + ' ' + b.readFloatBE(8) + ' ' + b.toString('hex', 8));
b[0] = 300;
console.log(String(b[0]) + ' ' + String(b[100]) + ' ' + b.indexOf(0x3f) + ' ' + b.includes(0xc0));
const s = Buffer.from('hello world');
console.log([s.indexOf('o'), s.lastIndexOf('o'), s.indexOf('world'), s.includes('xyz'), s.indexOf('o', 5)].join(','));
