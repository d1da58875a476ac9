console.log([
    0x1F,
    0o17,
    0b11,
    1e3,
    1E-2,
    .5,
    5.,
    0.1e1,
    0B1,
    0O7,
    0XaB
].map(String).join(' '));
console.log(String(9007199254740993));
console.log(String(1e400) + ' ' + String(-1e400));
