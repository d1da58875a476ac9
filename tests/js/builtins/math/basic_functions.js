const r = [
    Math.abs(-3.5),
    Math.ceil(-1.5),
    Math.floor(-1.5),
    Math.round(2.5),
    Math.round(-2.5),
    Math.round(-0.4),
    Math.max(),
    Math.min(),
    Math.max(1, NaN),
    Math.max(-0, 0),
    Math.min(0, -0),
    Math.sqrt(16),
    Math.sqrt(-1),
    Math.pow(2, 0.5),
    Math.trunc(-4.7),
    Math.sign(-3),
    Math.sign(-0),
    Math.cbrt(27),
    Math.hypot(3, 4)
];
console.log(r.map(v => Object.is(v, -0) ? '-0' : String(v)).join(' '));
