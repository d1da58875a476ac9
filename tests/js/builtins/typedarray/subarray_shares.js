const a = new Uint8Array([0, 1, 2, 3, 4]);
const sub = a.subarray(1, 4);
const sl = a.slice(1, 4);
sub[0] = 100;
sl[1] = 200;
console.log(a.join(',') + ' | ' + sub.join(',') + ' | ' + sl.join(','));
console.log(String(sub.buffer === a.buffer) + ' ' + String(sl.buffer === a.buffer));
