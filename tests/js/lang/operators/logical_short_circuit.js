let calls = [];
function t(v) { calls.push(v); return v; }
const r1 = t(0) && t(1);
const r2 = t('') || t('default');
const r3 = t(1) && t(2) && t(3);
console.log(String(r1) + ' ' + r2 + ' ' + String(r3));
console.log(calls.join(','));
let a = null;
a ||= 'set';
let b = 1;
b &&= 2;
let c = 0;
c ??= 5;
console.log(a + ' ' + b + ' ' + c);
