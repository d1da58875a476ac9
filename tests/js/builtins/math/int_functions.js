console.log([
    Math.clz32(1),
    Math.clz32(0),
    Math.clz32(-1),
    Math.imul(3, 4),
    Math.imul(0xffffffff, 5),
    Math.imul(0x7fffffff, 2),
    Math.fround(5.5),
    Math.fround(5.05),
    Math.fround(2 ** 128)
].map(String).join(' '));
