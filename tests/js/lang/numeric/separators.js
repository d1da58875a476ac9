const r = [
    1_000_000,
    0xFF_FF,
    0b1010_0101,
    0o7_7,
    1_0.5_0,
    1e1_0,
    0.000_001
];
console.log(r.map(String).join(' '));
console.log(String(Number('1_000')) + ' ' + String(parseInt('1_000')));
