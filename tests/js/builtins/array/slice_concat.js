const a = [1, 2, 3, 4];
console.log([a.slice(1, 3), a.slice(-2), a.slice(3, 1), a.slice()].map(x => JSON.stringify(x)).join(' '));
console.log(JSON.stringify(a.concat(5, [6, [7]], 'x')));
const spreadable = { length: 2, 0: 'a', 1: 'b', [Symbol.isConcatSpreadable]: true };
console.log(JSON.stringify([0].concat(spreadable)));
