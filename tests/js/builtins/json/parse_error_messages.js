// exact-message
// JSON.parse's SyntaxError messages, word for word as node prints them:
// what was expected, the position in UTF-16 units, the unexpected token
// with up to ten units of context either side, the special strings.
function t(s) {
    try {
        JSON.parse(s);
        console.log(JSON.stringify(s) + ' ok');
    } catch (e) {
        console.log(JSON.stringify(s) + ' ' + e.name + ': ' + e.message);
    }
}
[
    '', ' ', '\n\t ', '{', '[', '[1,]', '{"a":1,}', '"abc', '[1 2]',
    '{"a" 1}', '{"a":1 "b"}', '1 2', '"a\nb"', '"\\x"', '"\\u12"',
    '"\\u12G4"', '"\\u', '"\\', '-', '1.', '1e', '1e+', '1E-', '01', '-01',
    '0-', '-x', '1.e5', '0x10', '+1', '.5', 'tru', 'truex', 't1', 't"',
    'nul', 'f', 'fals', 'nulL', 'undefined', 'NaN', 'Infinity', '-Infinity',
    '[object Object]', '{a:1}', "{'a':1}", '{"a":}', '{,}', '[,]',
    '{"a":1,"b"}', '{"a":1,"b" 2}', '{"a"', '{"a":', '[1', '[1,', '[1,2]]',
    '{"a":1}}', '{"a":1}\n\n x', '[1,\n2,\n x]', '"\t"', '\u00a0 1',
    '\u00e9', '[\u00e9]', '"\u00e9', '"\\\u00e9"', '"\\\u0100"', '[\u0100]',
    '\u2028', '[\ud800]', '\ud83d\ude00', '"\ud83d\ude00',
    '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,x]',
    'x[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]',
    '[1,2,3,4,5,6,7,8,9,10,11,x,13,14,15,16,17,18,19,20,21,22,23,24,25]',
    'x                   ', 'x                    ', '[1,1,1,1,1,1,1,1,x]',
    '[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,x]        ',
    '{"\u0100":1,"b" 2}', '["\u0100", x]', '["\u0100\u0100\u0100", 1 2]',
].forEach(t);
// Whatever the type of the argument, it is parsed as its string.
t(undefined);
t({});
t([1, 2]);
t(null);
t(12.5);
