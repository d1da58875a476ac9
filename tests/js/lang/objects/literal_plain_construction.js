// Plain literals (one-step construction): names, order, exceptions.
var o = { f: function () {}, g: () => 1, k: class {}, h: function named() {} };
console.log(o.f.name, o.g.name, o.k.name, o.h.name);
var order = [];
function v(x) { order.push(x); return x; }
var lit = { a: v(1), b: v(2), c: { d: v(3), e: v(4) }, f: v(5) };
console.log(order.join(), JSON.stringify(lit), Object.keys(lit.c).join());
try {
    var bad = { a: v(6), b: (function () { throw new Error("mid"); })(), c: v(7) };
} catch (e) { console.log(e.message, order.join()); }
var eight = { k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8 };
var nine = { k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9 };
eight.k9 = 9; nine.k10 = 10; eight.k1 = "x";
console.log(JSON.stringify(eight), JSON.stringify(nine));
var names = { constructor: 1, toString: 2, hasOwnProperty: 3, valueOf: 4 };
console.log(names.constructor, names.toString, Object.keys(names).join());
var pr = { "__proto__": { up: 1 } };
console.log(pr.up, Object.keys(pr).length);
var wide = { "\u00e9t\u00e9": 1, "\u20ac": 2 };
console.log(Object.keys(wide).join(), wide["\u20ac"]);
var props = Object.getOwnPropertyDescriptor({ x: 1 }, "x");
console.log(props.writable, props.enumerable, props.configurable);
var same = [];
for (var i = 0; i < 3; i++) same.push({ value: i });
console.log(same[0] !== same[1], same.map(function (s) { return s.value; }).join());
same[0].value = 9; same[1].extra = 1;
console.log(JSON.stringify(same));
Object.freeze(same[2]);
try { same[2].value = 1; } catch (e) { console.log(e.name, same[2].value); }
var p = Object.getPrototypeOf({ a: 1 }) === Object.prototype;
console.log(p, { a: 1 }.hasOwnProperty("a"), "a" in { a: undefined });
