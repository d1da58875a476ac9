const { Buffer } = require('buffer');
const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
console.log(Buffer.from(b).swap16().toString('hex') + ' ' + Buffer.from(b).swap32().toString('hex') + ' ' + Buffer.from(b).swap64().toString('hex'));
try { Buffer.from([1, 2, 3]).swap16(); } catch (e) { console.log(e.name); }
console.log(JSON.stringify(b.toJSON()));
console.log(String(b instanceof Uint8Array) + ' ' + String(b.byteOffset >= 0) + ' ' + b.buffer.byteLength % 8);
