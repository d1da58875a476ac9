function kind(v) {
    switch (v) {
        case '1': return 'string one';
        case 1: return 'number one';
        case true: return 'true';
        case null: return 'null';
        case undefined: return 'undefined';
        default: return 'other';
    }
}
console.log([1, '1', true, null, undefined, NaN, 0].map(kind).join(','));
