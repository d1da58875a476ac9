console.log([
    Number.isInteger(5.0),
    Number.isInteger(5.5),
    Number.isInteger('5'),
    Number.isSafeInteger(2 ** 53),
    Number.isSafeInteger(2 ** 53 - 1),
    Number.isFinite('1'),
    isFinite('1'),
    Number.isNaN('x'),
    isNaN('x')
].join(','));
console.log([
    Number.EPSILON === 2 ** -52,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.parseFloat === parseFloat,
    Number.parseInt === parseInt
].map(String).join(' '));
