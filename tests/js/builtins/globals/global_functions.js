console.log([
    isNaN('abc'),
    isNaN('12'),
    isFinite('1e3'),
    isFinite(Infinity),
    isNaN(undefined),
    isNaN(null)
].join(','));
console.log([
    typeof globalThis,
    globalThis.Math === Math,
    typeof globalThis.JSON,
    String(globalThis.undefined),
    globalThis.NaN
].map(String).join(','));
