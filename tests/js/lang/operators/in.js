const o = { a: undefined };
const arr = ['x', 'y'];
console.log([
    'a' in o, 'b' in o, 'toString' in o, 0 in arr, 2 in arr, 'length' in arr, '1' in arr
].join(','));
try {
    'a' in 'string';
} catch (e) {
    console.log('primitive rhs: ' + e.name);
}
