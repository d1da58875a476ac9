// A Buffer is a Uint8Array: typed array methods, views over ArrayBuffers,
// shared memory, conversions from other typed arrays.
const b = Buffer.from([1, 2, 3, 250]);
console.log([b instanceof Uint8Array, Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(2)), ArrayBuffer.isView(b), Object.prototype.toString.call(b)].join(','));
console.log([b.map(x => x * 2).join(','), Buffer.isBuffer(b.map(x => x)), b.reduce((s, x) => s + x, 0), [...b].join('-'), Array.from(b.entries()).join(';')].join(' '));
const ab = new ArrayBuffer(8);
const view = Buffer.from(ab, 2, 4);
new Uint8Array(ab)[3] = 9;
view[1] += 1;
view.writeUInt16BE(0x0102, 2);
console.log([view.length, view.byteOffset, view.buffer === ab, view.toString('hex'), new Uint8Array(ab).join(',')].join(' '));
console.log([Buffer.from(ab).length, Buffer.from(ab, 8).length, Buffer.from(ab, 6).toString('hex'), Buffer.from(ab, 1, 0).length].join(','));
console.log(Buffer.from(new Uint16Array([1, 256, 65535])).toString('hex') + ' ' + Buffer.from(new Float64Array([1.9, -1])).toString('hex') + ' ' + Buffer.from(new Int8Array([-1, 2])).toString('hex'));
const u = new Uint8Array([104, 105]);
console.log(Buffer.from(u).toString() + ' ' + Buffer.prototype.readUInt16BE.call(u, 0) + ' ' + Buffer.concat([u, b]).toString('hex'));
const s = b.slice(1, 3);
s[0] = 42;
console.log([b.join(','), s.byteOffset - b.byteOffset, s.buffer === b.buffer, Buffer.isBuffer(s), Buffer.isBuffer(b.subarray(1))].join(' '));
console.log([Buffer.byteLength('héllo'), Buffer.byteLength('aGk=', 'base64'), Buffer.byteLength(ab), Buffer.byteLength(new Uint16Array(3)), Buffer.byteLength('abc', 'hex'), Buffer.byteLength('€', 'utf16le')].join(','));
const big = Buffer.alloc(3);
big.set([1, 2], 1);
console.log(big.toString('hex') + ' ' + JSON.stringify(big) + ' ' + Buffer.from({length: 2, 0: 7, 1: '8'}).toString('hex') + ' ' + Buffer.from(new String('str')).toString());
