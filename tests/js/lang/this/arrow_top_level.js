// Arrow functions take `this` from where they are defined: at the top
// level of a script that is the global object, also inside object literals.
const topArrow = () => this;
console.log(String(topArrow() === globalThis));
const o = { m: () => typeof this };
console.log(o.m());
