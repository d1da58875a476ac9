const buf = new ArrayBuffer(8);
const u8 = new Uint8Array(buf);
const u32 = new Uint32Array(buf);
u32[0] = 0x01020304;
console.log(Array.from(u8).join(',') + ' ' + buf.byteLength);
const sub = new Uint8Array(buf, 2, 3);
sub[0] = 0xff;
console.log(String(u8[2]) + ' ' + sub.byteOffset + ' ' + sub.length);
try { new Uint32Array(buf, 1); } catch (e) { console.log(e.name); }
console.log(String(ArrayBuffer.isView(u8)) + ' ' + String(ArrayBuffer.isView(buf)) + ' ' + buf.slice(1, 3).byteLength);
