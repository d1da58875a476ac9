// Values chosen to be exactly representable results in every libm.
console.log([
    Math.exp(0),
    Math.log(1),
    Math.log(Math.E),
    Math.sin(0),
    Math.cos(0),
    Math.atan2(0, -0),
    Math.atan2(1, 1) * 4 === Math.PI,
    Math.log2(8),
    Math.log10(1000),
    Math.log1p(0),
    Math.expm1(0),
    Math.sinh(0),
    Math.cosh(0),
    Math.tanh(Infinity),
    Math.asinh(0),
    Math.acosh(1),
    Math.atanh(0),
    Math.acos(1),
    Math.asin(0),
    Math.atan(0)
].map(String).join(' '));
