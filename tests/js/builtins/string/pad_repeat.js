console.log([
    '5'.padStart(3, '0'),
    'abc'.padStart(6, '12'),
    'abc'.padEnd(6),
    'abc'.padEnd(2, 'x'),
    'a'.padStart(5, ''),
    'ab'.repeat(3),
    ''.repeat(5),
    'x'.repeat(0)
].map(v => JSON.stringify(v)).join(','));
try { 'a'.repeat(Infinity); } catch (e) { console.log(e.name); }
