const withValueOf = { valueOf() { return 7; } };
const withToString = { toString() { return '8'; } };
const date = new Date(1000);
console.log([
    +withValueOf,
    +withToString,
    +date,
    +[],
    +[5],
    +[1, 2],
    +{},
    +null,
    +undefined,
    +true
].map(String).join(','));
