// JSON.stringify of strings and keys on every path: 8-bit strings short
// and long with escapes anywhere, 16-bit strings (output switches to 16-bit
// units part way), lone and paired surrogates, Latin-1, keys needing
// escapes, 16-bit gaps, and property reads that see the object as it is
// when each key's turn comes.
function codes(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) out.push(s.charCodeAt(i).toString(16));
    return out.join(' ');
}
console.log(JSON.stringify('plain'));
console.log(JSON.stringify('q"b\\s/\b\f\n\r\t\u0000\u001f\u007f'));
var long = 'abcdefghijklmnopqrstuvwxyz0123456789';
for (var at = 0; at < 40; at += 7) {
    var s = long.slice(0, at) + '"' + long.slice(at) + '\n' + long;
    console.log(JSON.stringify(s));
}
console.log(JSON.stringify('caf\u00e9 \u00ff'), JSON.stringify('caf\u00e9').length);
var w = JSON.stringify(['ascii first', '\u4e2d\u6587', 'after \u20ac', 1]);
console.log(w, w.length, codes(w.slice(14, 20)));
console.log(codes(JSON.stringify('\ud83d\ude00')));
console.log(JSON.stringify('\ud800'), JSON.stringify('\udfff'),
            JSON.stringify('a\udc00\ud800b'), JSON.stringify('\ud800\ud800'));
console.log(JSON.stringify({ 'k"ey': 1, 'new\nline': 2, '\u20ac': 3, '': 4 }));
console.log(JSON.stringify({ a: [1, { b: 2 }] }, null, '\u2192\u2192'));
console.log(JSON.stringify([1, [2, [3]]], null, '--------------'));
console.log(JSON.stringify({ a: 1, b: [] , c: {} }, null, 20));
console.log(JSON.stringify([undefined, function () {}, Symbol('s')]));
console.log(JSON.stringify({ u: undefined, f: function () {}, s: Symbol(),
                             n: null, ok: 1 }));
console.log(JSON.stringify({ u: undefined }, null, 2), JSON.stringify({}, null, 2),
            JSON.stringify([], null, 2));
console.log(JSON.stringify(undefined), JSON.stringify(function () {}),
            JSON.stringify(Symbol()));
console.log(JSON.stringify([NaN, Infinity, -Infinity, -0, 0.1, 1e21, 1e-7,
                            123456789012345, 1234567890123456789, -42]));
console.log(JSON.stringify([new Number(3), new String('s'), new Boolean(false),
                            Object(Symbol())]));

// Keys are read when their turn comes: a getter that deletes a later key
// makes it disappear; one that adds a key does not add it to this walk.
var o = {
    get a() { delete this.b; this.z = 1; return 'a'; },
    b: 'b', c: 'c',
};
console.log(JSON.stringify(o), JSON.stringify(o));
var o2 = { first: 1, second: 2 };
Object.defineProperty(o2, 'hidden', { value: 3, enumerable: false });
o2[Symbol('sym')] = 4;
o2[2] = 'two';
o2[0] = 'zero';
console.log(JSON.stringify(o2));
var arr = [1, 2, 3];
arr.extra = 'x';
console.log(JSON.stringify(arr));
var holes = [1, , 3];
holes.length = 5;
console.log(JSON.stringify(holes));
var proto = { inherited: 1 };
var child = Object.create(proto);
child.own = 2;
console.log(JSON.stringify(child));
var toj = { toJSON: function (k) { return 'key=' + k; } };
console.log(JSON.stringify({ x: toj, y: [toj] }), JSON.stringify(toj));
console.log(JSON.stringify({ d: new Date(0) }));
Object.prototype.toJSON = function () { return 'P'; };
console.log(JSON.stringify({ a: 1 }), JSON.stringify([{}]));
delete Object.prototype.toJSON;
console.log(JSON.stringify({ a: [{ b: 1 }] }));
