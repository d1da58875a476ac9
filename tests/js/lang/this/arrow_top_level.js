const topArrow = () => this;
console.log(String(topArrow() === globalThis));
const o = { m: () => typeof this };
console.log(o.m());
