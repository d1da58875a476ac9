const vals = [
    0.5,
    1.5,
    2.5,
    -2.5,
    0.045,
    1.255,
    8.345,
    1e-7,
    123.456e5,
    0.1 + 0.2
];
for (const d of [0, 1, 2, 5]) console.log(d + ': ' + vals.map(v => v.toFixed(d)).join(' '));
