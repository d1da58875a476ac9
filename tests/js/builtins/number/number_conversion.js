console.log([
    Number(''),
    Number(' 42 '),
    Number('0b101'),
    Number('0o17'),
    Number('0x1g'),
    Number('1e'),
    Number(null),
    Number(undefined),
    Number([]),
    Number(['7']),
    Number([1, 2]),
    Number(true),
    Number('-Infinity'),
    Number('infinity'),
    Number('1_000'),
    Number('.'),
    Number('+.5')
].map(String).join(' '));
