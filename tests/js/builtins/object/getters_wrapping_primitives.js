const n = Object(1), s = Object('s'), b = Object(false);
console.log([
    typeof n,
    typeof s,
    typeof b,
    n + 1,
    s + '!',
    b ? 'truthy' : 'falsy',
    n instanceof Number
].join(','));
console.log(String(Object(null) instanceof Object) + ' ' + JSON.stringify(Object(undefined)));
