// Differential fuzz of JSON.stringify: pseudo-random values (8- and
// 16-bit strings with controls and surrogates, wrappers, toJSON, getters,
// holes, functions, symbols) with replacers and gaps; every result or
// error must be node's. Seeded, so the cases are fixed.
// exact-message
var seed = 424242;
function rnd(n) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >> 12) % n; }
function str() { var s = ''; var n = rnd(20); for (var i = 0; i < n; i++) { var k = rnd(10); s += String.fromCharCode(k < 5 ? 32 + rnd(95) : k < 7 ? rnd(32) : k < 8 ? 0x80 + rnd(0x80) : k < 9 ? 0xd7f0 + rnd(0x30) : rnd(0x10000)); } return s; }
function genv(d) {
    var t = rnd(d > 3 ? 5 : 8);
    if (t == 0) return [0, -0, 1.5, -1e21, 1e-7, NaN, Infinity, 123456789012345, 2 ** 53 + 2, rnd(1000)][rnd(10)];
    if (t == 1) return str();
    if (t == 2) return [true, false, null, undefined][rnd(4)];
    if (t == 3) return [new Number(rnd(9)), new String(str()), new Boolean(rnd(2)), function () {}, Symbol('q')][rnd(5)];
    if (t == 4) return { toJSON: function (k) { return 'tj:' + k; } };
    if (t == 5) { var a = []; var n2 = rnd(5); for (var i2 = 0; i2 < n2; i2++) a.push(genv(d + 1)); if (rnd(4) == 0) a[n2 + 2] = 1; return a; }
    var o = {}; var n3 = rnd(6); for (var i3 = 0; i3 < n3; i3++) o[rnd(3) ? str() : String(rnd(10))] = genv(d + 1);
    if (rnd(5) == 0) Object.defineProperty(o, 'getter', { get: function () { return [1, 'g']; }, enumerable: true });
    return o;
}
var out = [];
for (var c = 0; c < 300; c++) {
    var v = genv(0);
    var gaps = [undefined, 2, '\t', '\u2192x', 12, new Number(3), '', 0];
    var reps = [undefined, function (k, x) { return typeof x === 'string' ? x.length : x; }, ['0', '1', 2, 'a'], function (k, x) { return k === '' ? x : (typeof x === 'object' ? x : String(x)); }];
    var r;
    try { r = JSON.stringify(v, reps[rnd(4)], gaps[rnd(8)]); } catch (e) { r = e.name + ': ' + e.message; }
    out.push(c + ' ' + JSON.stringify(r));
}
console.log(out.join('\n'));
