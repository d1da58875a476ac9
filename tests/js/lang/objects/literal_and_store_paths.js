// Object literals (sized by the compiler, filled in place) and property
// stores as statements (PUT_FIELD), against the general paths.
function show(o) {
    var out = [];
    var keys = Object.getOwnPropertyNames(o);
    for (var i = 0; i < keys.length; i++) {
        var d = Object.getOwnPropertyDescriptor(o, keys[i]);
        out.push(keys[i] + ":" + ("value" in d ? String(d.value) : "acc") +
                 (d.writable ? "w" : "") + (d.enumerable ? "e" : "") +
                 (d.configurable ? "c" : ""));
    }
    return out.join(" ");
}
// duplicates keep the first place, the last value
console.log(show({ a: 1, b: 2, a: 3 }));
// an accessor then a data property of the same name
console.log(show({ get a() { return 1; }, a: 5 }));
console.log(show({ a: 5, get a() { return 1; } }));
// index-like and numeric keys are ordered first
console.log(show({ b: 1, 2: "two", a: 3, 1: "one", "10": "ten" }));
console.log(JSON.stringify({ z: 1, 1234567890: 2, y: 3 }));
// more properties than the small table holds
var big = { p0: 0, p1: 1, p2: 2, p3: 3, p4: 4, p5: 5, p6: 6, p7: 7, p8: 8,
            p9: 9, p10: 10, p0: "again" };
console.log(show(big), big.p9, big.p0);
// __proto__ in a literal sets the prototype; shorthand and computed do not
var proto = { inherited: 1 };
var o1 = { __proto__: proto, own: 2 };
console.log(Object.getPrototypeOf(o1) === proto, o1.inherited, show(o1));
var __proto__ = 7;
console.log(show({ __proto__ }), show({ ["__proto__"]: 8 }));
// spread and methods
var src = { s1: 1, s2: 2 };
console.log(show({ a: 1, ...src, b: 2, m() {}, s1: "over" }));
// a literal with no properties, then many added
var grow = {};
for (var i = 0; i < 20; i++) grow["k" + i] = i;
console.log(Object.keys(grow).length, grow.k0, grow.k19);
// a setter on the prototype runs for a new key
var log = [];
var withSetter = Object.create({ set x(v) { log.push("set " + v); } });
withSetter.x = 1;
console.log(log.join(), Object.keys(withSetter).length);
// a read-only property on the prototype refuses the store (strict)
var ro = Object.create(Object.defineProperty({}, "y", { value: 1 }));
try { ro.y = 2; console.log("stored"); } catch (e) { console.log(e.name); }
// frozen, sealed and non-extensible objects
var fr = Object.freeze({ a: 1 });
try { fr.a = 2; } catch (e) { console.log(e.name, fr.a); }
try { fr.b = 2; } catch (e) { console.log(e.name, fr.b); }
var ne = Object.preventExtensions({ a: 1 });
ne.a = 3;
try { ne.c = 1; } catch (e) { console.log(e.name, ne.a, "c" in ne); }
// Object.prototype setters see new keys on plain objects
Object.defineProperty(Object.prototype, "trap", {
    set: function (v) { log.push("trap " + v); }, configurable: true });
var plain = { a: 1 };
plain.trap = 9;
console.log(log.join(), Object.keys(plain).join());
delete Object.prototype.trap;
plain.trap = 10;
console.log(plain.trap, Object.keys(plain).join());
// __proto__ assignment as a statement goes through the accessor
var p2 = { q: 1 };
var o2 = {};
o2.__proto__ = p2;
console.log(Object.getPrototypeOf(o2) === p2, o2.q);
// assignment statements of every kind leave nothing behind
var a = 1, b = {}, c = [0, 0];
a = 2; b.x = 3; b["y z"] = 4; c[1] = 5; b.x += 1; a *= 3;
[a, b.w] = [7, 8];
({ x: b.v } = { x: 9 });
console.log(a, JSON.stringify(b), c.join());
// values of assignments used as expressions
var r = (b.x = 11) + (c[0] = 1) + (a = 2);
console.log(r, b.x, c[0], a);
// getter on a local's property, read through the fused local read
var g = { get v() { return "got"; } };
console.log(g.v, "abc".length, g.missing);
var s = "str";
console.log(s.length, s.toUpperCase(), s[1], s.at(-1));
String.prototype.extra = function () { return "extra:" + this; };
console.log(s.extra());
delete String.prototype.extra;
try { s.extra(); } catch (e) { console.log(e.name); }
Object.defineProperty(String.prototype, "getter", {
    get: function () { return "g:" + this; }, configurable: true });
console.log(s.getter);
delete String.prototype.getter;
