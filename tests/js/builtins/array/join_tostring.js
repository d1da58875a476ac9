console.log([1, null, undefined, 'x', [2, [3]]].join('-'));
console.log([].join() + '|' + [1, 2].join(undefined) + '|' + [1, 2].join('') + '|' + String([1, 2]));
const nested = [1];
nested.push(nested);
console.log(nested.join(',') + '|');
console.log(String([{}, { toString() { return 'T'; } }]));
