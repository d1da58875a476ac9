// Replacement functions get (match, offset, string); their result is used
// literally (no $-patterns).
const r = 'a1b22c333'.replace(/\d+/g, (m, off, str) => '<' + m.length + '@' + off + '>');
console.log(r);
console.log('x-y'.replace('-', (m, off, whole) => typeof off + whole.length));
console.log('abc'.replaceAll('b', () => '$&'));
