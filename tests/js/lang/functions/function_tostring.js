// Function.prototype.toString returns the source text for user functions and
// a string for natives (its exact native form is engine-specific).
function f(a) { return a; }
const s = f.toString();
console.log(String(s.indexOf('return a') > 0));
console.log(typeof Math.max.toString());
