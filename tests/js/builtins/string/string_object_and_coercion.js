const so = new String('abc');
console.log(typeof so + ' ' + so.length + ' ' + so[1] + ' ' + JSON.stringify(Object.keys(so)));
console.log([
    String(null),
    String(undefined),
    String(123),
    String(true),
    String([1, [2]]),
    String({}),
    String(Symbol('d'))
].join('|'));
console.log(String(-0) + ' ' + String([-0]) + ' ' + `${-0}`);
