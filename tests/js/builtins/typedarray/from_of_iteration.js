const f = Uint8Array.from([1, 2, 3], x => x * 2);
const o = Int8Array.of(1, -1, 300);
console.log(f.join(',') + ' ' + o.join(','));
const out = [];
for (const v of new Uint16Array([9, 8])) out.push(v);
console.log(out.join(',') + ' ' + JSON.stringify([...new Uint8Array([5, 6]).entries()]));
console.log(JSON.stringify(new Uint8Array([1, 2])) + ' ' + Object.prototype.toString.call(new Float32Array(1)));
