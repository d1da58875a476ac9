console.log([
    function (a, b = 1, c) {}.length,
    ((...r) => 0).length,
    function (a, { b }) {}.length,
    Math.max.length,
    [].push.length,
    Array.length,
    Object.length,
    String.length,
    Function.prototype.length
].join(','));
const o = { ['comp' + 'uted']() {}, [Symbol('sy')]() {} };
console.log(o.computed.name + ' ' + o[Object.getOwnPropertySymbols(o)[0]].name);
