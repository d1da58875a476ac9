const dec = new TextDecoder();
console.log(dec.encoding + ' ' + String(dec.fatal) + ' ' + String(dec.ignoreBOM));
console.log(dec.decode(new Uint8Array([0x68, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80])));
console.log(JSON.stringify(dec.decode(new Uint8Array([0xff, 0x41, 0xc3]))));
console.log(JSON.stringify(dec.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
console.log(JSON.stringify(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))));
try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { console.log(e.name); }
console.log(JSON.stringify(dec.decode()) + ' ' + dec.decode(new Uint8Array([104, 105]).buffer));
