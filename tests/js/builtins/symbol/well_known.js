console.log([
    typeof Symbol.iterator,
    typeof Symbol.asyncIterator,
    typeof Symbol.hasInstance,
    typeof Symbol.toPrimitive,
    typeof Symbol.toStringTag
].join(','));
class Even { static [Symbol.hasInstance](n) { return n % 2 === 0; } }
console.log(String(2 instanceof Even) + ' ' + String(3 instanceof Even));
