function t(s) { return s; }
const s1 = t`abc`;
console.log(String(Object.isFrozen(s1)) + ' ' + String(Object.isFrozen(s1.raw)));
function same() { return t`same site`; }
console.log(String(same() === same()));
console.log(String(t`x` === t`x`));
