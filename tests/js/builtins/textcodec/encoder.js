const enc = new TextEncoder();
console.log(enc.encoding + ' ' + Array.from(enc.encode('aé€😀')).join(','));
console.log(String(enc.encode('').length) + ' ' + Array.from(enc.encode('\ud800')).join(','));
const target = new Uint8Array(4);
const r = enc.encodeInto('a€b', target);
console.log(JSON.stringify(r) + ' ' + Array.from(target).join(','));
