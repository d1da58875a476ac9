console.log(JSON.stringify({ s: 'x', n: 1.5, b: true, z: null, u: undefined, f() {}, sym: Symbol('s'), a: [undefined, function () {}, Symbol()] }));
console.log([
    JSON.stringify(undefined),
    JSON.stringify(() => {}),
    JSON.stringify(null),
    JSON.stringify('s'),
    JSON.stringify(NaN),
    JSON.stringify(-0),
    JSON.stringify(Infinity),
    JSON.stringify(new Date(0)),
    JSON.stringify(new String('w')),
    JSON.stringify(Object(5))
].join(' '));
