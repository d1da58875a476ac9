function f(a) { return a; }
const s = f.toString();
console.log(String(s.indexOf('return a') > 0));
console.log(typeof Math.max.toString());
