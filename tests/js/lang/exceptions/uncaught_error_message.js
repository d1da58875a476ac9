// exact-message
console.log('line one');
throw new RangeError('out of range: 42');
