const bad = ['{', '{"a":1,}', '[1,]', "{'a':1}", '01', '1.', '.5', 'NaN', 'undefined', '"\t"', '"\\x41"', '', ' ', '[1] x', '{"a" 1}', 'tru', '"abc', '+1', '0x10'];
const out = bad.map(s => {
    try { JSON.parse(s); return 'ok'; } catch (e) { return e.name === 'SyntaxError' ? 'SE' : e.name; }
});
console.log(out.join(','));
