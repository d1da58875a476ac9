let calls = 0;
function side() { calls++; return 'k'; }
const n = undefined;
const r = n?.a.b.c[side()]();
console.log(String(r) + ' calls=' + calls);
const o = { a: null };
try {
    o.a.b;
} catch (e) {
    console.log('without ?.: ' + e.name);
}
console.log(String(o.a?.b.c.d));
