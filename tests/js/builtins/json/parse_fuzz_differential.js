// Differential fuzz of JSON.parse/stringify: pseudo-random documents,
// mutated or not, and random soups of JSON fragments; every result or
// error message must be node's. Seeded, so the cases are fixed.
// exact-message
var seed = 20261126;
function rnd(n) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >> 12) % n; }
var atoms = ['{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '9', '-', '+', '.', 'e', 'E', ' ', '\n', '\t', 'true', 'false', 'null', 'tru', 'a', 'x', '\u00e9', '\u0100', '\ud800', '\udc00', '\u20ac', '"k"', '"v"', '12', '0.5', '1e5', '\\n', '\\u00', '\\u0041', '\\"', '\u0001', '{"a":', '[1,', '"\\ud83d\\ude00"'];
function gen() {
    // Either a valid document mutated, or a random soup.
    if (rnd(2)) {
        var v = genv(0);
        var s = JSON.stringify(v, null, rnd(3) ? undefined : rnd(4));
        var k = rnd(4) - 1;
        for (var i = 0; i < k; i++) {
            var p = rnd(s.length + 1), op = rnd(3);
            if (op == 0) s = s.slice(0, p) + s.slice(p + 1);
            else if (op == 1) s = s.slice(0, p) + atoms[rnd(atoms.length)] + s.slice(p);
            else s = s.slice(0, p);
        }
        return s;
    }
    var n = rnd(12), out = '';
    for (var j = 0; j < n; j++) out += atoms[rnd(atoms.length)];
    return out;
}
function genv(d) {
    var t = rnd(d > 3 ? 4 : 6);
    if (t == 0) { var ns = (rnd(2) ? '-' : '') + rnd(100000000); if (rnd(2)) ns += '.' + rnd(1000000000); if (rnd(3) == 0) ns += 'e' + (rnd(2) ? '-' : '+') + rnd(330); return Number(ns); }
    if (t == 1) { var s = ''; var n = rnd(8); for (var i = 0; i < n; i++) s += String.fromCharCode(rnd(3) ? 32 + rnd(95) : rnd(0x300)); return s; }
    if (t == 2) return [true, false, null][rnd(3)];
    if (t == 3) return rnd(3) ? 'k' + rnd(5) : '';
    if (t == 4) { var a = []; var n2 = rnd(5); for (var i2 = 0; i2 < n2; i2++) a.push(genv(d + 1)); return a; }
    var o = {}; var n3 = rnd(5); for (var i3 = 0; i3 < n3; i3++) o[rnd(4) ? 'k' + rnd(6) : String(rnd(10))] = genv(d + 1); return o;
}
var out = [];
for (var c = 0; c < 500; c++) {
    var s = gen();
    var r;
    try { var v = JSON.parse(s); r = 'ok ' + JSON.stringify(v) + ' ' + JSON.stringify(v, null, 1).length; }
    catch (e) { r = e.name + ': ' + e.message; }
    var rv;
    try { rv = JSON.stringify(JSON.parse(s, function (k, x) { return typeof x === 'number' ? undefined : x; })); } catch (e) { rv = e.name; }
    out.push(JSON.stringify(s) + ' => ' + r + ' | ' + rv);
}
console.log(out.join('\n'));
