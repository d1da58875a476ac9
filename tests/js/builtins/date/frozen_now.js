// brink-only
// CloudFront freezes the current time for the whole invocation: Date.now()
// and new Date() return the same value however much work runs in between.
const a = Date.now();
let x = 0;
for (let i = 0; i < 200000; i++) x += i;
const b = Date.now();
const c = new Date().getTime();
console.log(String(a === b) + ' ' + String(b === c) + ' ' + String(a > 1.6e12));
