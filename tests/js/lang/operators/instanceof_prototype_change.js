function F() {}
const f = new F();
console.log(String(f instanceof F));
F.prototype = {};
console.log(String(f instanceof F));
const g = new F();
console.log(String(g instanceof F));
Object.setPrototypeOf(f, F.prototype);
console.log(String(f instanceof F));
