// %RegExpStringIteratorPrototype%, the d (hasIndices) and v flags.
const it = 'a1b22'.matchAll(/\d+/g);
const proto = Object.getPrototypeOf(it);
console.log(Object.prototype.toString.call(it), proto[Symbol.toStringTag],
            typeof proto.next, proto.next.length,
            Object.getPrototypeOf(proto) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
let r;
while (!(r = it.next()).done) console.log(r.value[0], r.value.index);
console.log(JSON.stringify(it.next()));
try { proto.next.call({}); } catch (e) { console.log(e.name); }
// the matcher is a copy: the original's lastIndex is read once, not changed
const g = /a/g;
g.lastIndex = 1;
const it2 = 'aaa'.matchAll(g);
console.log(g.lastIndex, JSON.stringify([...it2].map(m => m.index)), g.lastIndex);
// empty matches advance by code points with u
console.log(JSON.stringify([...'\u{1F600}'.matchAll(/(?:)/gu)].map(m => m.index)));
// a non-global matcher gives one result
console.log(JSON.stringify([...RegExp.prototype[Symbol.matchAll].call(/b/, 'abcb')].map(m => m.index)));

// d: indices
const d = /(?<x>b)(c)?/d.exec('abd');
console.log(JSON.stringify(d.indices), JSON.stringify(d.indices.groups), String(/a/d.hasIndices), /a/dg.flags);
console.log(JSON.stringify(Object.keys(d)));
// v: u semantics; set operations are not supported here, so only plain classes
const v = /^[\w\d]\p{L}.$/v;
console.log(String(v.test('1é\u{1F600}')), v.flags, String(v.unicodeSets), String(/a/.unicodeSets));
for (const [p, f] of [['a', 'uv'], ['[a-]', 'v'], ['[(]', 'v'], ['[a!!]', 'v'], ['[\\&]', 'v']]) {
    try { console.log(String(new RegExp(p, f).test('&'))); } catch (e) { console.log(p, f, e.name); }
}
