// JSON.parse corner cases of the fast paths: sources with 16-bit units,
// escapes in keys and values, repeated keys (first place, last value),
// integer-like keys, __proto__ as a plain key, big objects, numbers at the
// edges of exact integer parsing, and deep nesting.
function show(v) { console.log(JSON.stringify(v)); }
function codes(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) out.push(s.charCodeAt(i).toString(16));
    return out.join(' ');
}

// Repeated keys keep the first position and take the last value.
show(JSON.parse('{"a":1,"b":2,"a":3}'));
show(Object.keys(JSON.parse('{"b":1,"a":2,"b":3,"c":4,"a":5}')));
var big = '{';
for (var i = 0; i < 40; i++) big += (i ? ',' : '') + '"k' + (i % 25) + '":' + i;
big += '}';
var o = JSON.parse(big);
console.log(Object.keys(o).length + ' ' + o.k0 + ' ' + o.k14 + ' ' + o.k24);
show(Object.keys(o).slice(0, 5));
// Integer-like keys come first, ascending, as for any object.
show(Object.keys(JSON.parse('{"b":1,"2":2,"a":3,"1":4,"01":5,"4294967295":6}')));
// __proto__ is an own data property, not the prototype.
var p = JSON.parse('{"__proto__":{"x":1},"y":2}');
console.log(Object.getPrototypeOf(p) === Object.prototype, p.x,
            JSON.stringify(Object.getOwnPropertyNames(p)));
// Parsed objects are ordinary: extensible, writable, deletable.
var q = JSON.parse('{"a":1,"b":[1,2]}');
q.c = 3; delete q.a; q.b.push(3); q.b[10] = 1;
show(q);
console.log(Array.isArray(q.b), q.b.length);

// Escapes in values and keys; 16-bit sources.
show(JSON.parse('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\te"'));
console.log(codes(JSON.parse('"\\u0041\\u00e9\\u0100\\ud83d\\ude00\\udc00"')));
show(JSON.parse('{"\\u0061b":1,"a\\u0062":2}'));
var wide = JSON.parse('{"\u0100k":"v\u0101","k":["\u4e2d\u6587","plain",' +
                      '"mixed \u00e9 \u20ac",1.5e3]}');
show(wide);
console.log(codes(Object.keys(wide)[0]), codes(wide.k[2]));
show(JSON.parse(' [ "\u20ac" , { "\u20ac" : "\u20ac" } , "x\\u20acy" ] '));
console.log(JSON.parse('"caf\u00e9"') === 'caf\u00e9',
            JSON.parse('"\u00ff\u00fe"').length);
var longs = JSON.parse('["' + 'abcdefghij'.repeat(10) + '","' +
                       'x'.repeat(37) + '\\n' + 'y'.repeat(40) + '"]');
console.log(longs[0].length, longs[1].length, longs[1].indexOf('\n'));
show(JSON.parse('{"":"","e":"","s":" "}'));

// Numbers: integers exact up to 15 digits take a shortcut; longer ones,
// fractions and exponents go through the full conversion.
show(JSON.parse('[0,-0,1,-1,123456789012345,1234567890123456,' +
                '12345678901234567890,9007199254740993,0.1,-0.5,1e3,1E+3,' +
                '1e-3,2.5e-5,1e400,-1e400,5e-324,1.7976931348623157e308,' +
                '0.30000000000000004,100000000000000000000000]'));
console.log(1 / JSON.parse('-0'), 1 / JSON.parse('[-0]')[0],
            1 / JSON.parse('-0.0'), 1 / JSON.parse('-0e5'));

// Literals and white space.
show(JSON.parse(' \t\n\r[true , false,null ] \r\n'));
show(JSON.parse('{}'));
show(JSON.parse('[]'));
show(JSON.parse('[[],{},[{}],{"a":[]}]'));

// Deep nesting: parse is iterative.
var depth = 20000;
var deep = JSON.parse('['.repeat(depth) + ']'.repeat(depth));
var d = 0;
while (Array.isArray(deep)) { deep = deep[0]; d++; }
console.log(d, deep);
var deepo = JSON.parse('{"a":'.repeat(3000) + '1' + '}'.repeat(3000));
d = 0;
while (typeof deepo === 'object') { deepo = deepo.a; d++; }
console.log(d, deepo);
