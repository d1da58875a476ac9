// exact-message
// The TypeError for a cycle describes it as V8 does: where it starts, at
// most two steps after that, an ellipsis, the last step, and the key that
// closes it.
function t(f) {
    try {
        console.log(f());
    } catch (e) {
        console.log(e.name + ': ' + e.message);
    }
}
var a = { name: 'a' };
a.self = a;
t(() => JSON.stringify(a));
var b = [1, { x: [2] }];
b[1].x.push(b);
t(() => JSON.stringify(b));
var c = { p: { q: { r: { s: { t: {} } } } } };
c.p.q.r.s.t.back = c.p;
t(() => JSON.stringify({ root: c }));
class Foo { constructor() { this.me = this; } }
t(() => JSON.stringify(new Foo()));
var d = Object.create(null);
d.d = d;
t(() => JSON.stringify(d));
var e = {};
e[''] = e;
t(() => JSON.stringify(e));
var f = { a: { b: {} } };
f.a.b.c = f.a;
t(() => JSON.stringify(f));
var g = { a: { b: { c: {} } } };
g.a.b.c.d = g.a;
t(() => JSON.stringify(g));
var h = { a: {} };
h.a.z = h;
t(() => JSON.stringify([h]));
t(() => JSON.stringify(h, null, 2));
t(() => JSON.stringify({ k: h }, (k, v) => v));
// Not a cycle: the same object twice, side by side.
var s = { v: 1 };
t(() => JSON.stringify({ x: s, y: [s, s] }));
