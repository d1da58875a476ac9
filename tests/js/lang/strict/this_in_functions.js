function f() { return typeof this; }
console.log(f());
console.log(String((function () { return this; })()));
const o = { g: f };
console.log(o.g());
console.log([1].map(function () { return String(this); }).join(''));
