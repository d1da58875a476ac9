let reads = 0;
const o = { get flag() { reads++; return reads < 3; } };
let loops = 0;
while (o.flag) loops++;
console.log(loops + ' ' + reads);
