const kinds = [
    Error,
    TypeError,
    RangeError,
    ReferenceError,
    SyntaxError,
    URIError,
    EvalError
];
console.log(kinds.map(K => new K('m').name + ':' + (Object.getPrototypeOf(K.prototype) === Error.prototype || K === Error)).join(' '));
console.log(kinds.map(K => String(K('no new') instanceof K)).join(','));
