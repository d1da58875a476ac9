const { Buffer } = require('buffer');
const z = Buffer.alloc(4);
const f = Buffer.alloc(5, 'ab');
console.log(z.toString('hex') + ' ' + f.toString() + ' ' + Buffer.alloc(3, 7).toString('hex'));
console.log([Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('b').compare(Buffer.from('a')), Buffer.from('x').equals(Buffer.from('x'))].join(','));
console.log([Buffer.isBuffer(z), Buffer.isBuffer('z'), Buffer.isEncoding('hex'), Buffer.isEncoding('nope'), Buffer.byteLength('é😀'), Buffer.byteLength('aGk=', 'base64')].join(','));
const c = Buffer.concat([Buffer.from('ab'), Buffer.from('cd')]);
console.log(c.toString() + ' ' + Buffer.concat([Buffer.from('abc')], 2).toString());
