// Array.prototype.fill and copyWithin with negative and omitted bounds; both
// return the array itself.
console.log(JSON.stringify([1, 2, 3, 4, 5].fill(0, 1, 3)) + ' ' + JSON.stringify(new Array(3).fill('x')) + ' ' + JSON.stringify([1, 2, 3].fill(9, -1)));
console.log(JSON.stringify([1, 2, 3, 4, 5].copyWithin(0, 3)) + ' ' + JSON.stringify([1, 2, 3, 4, 5].copyWithin(1, 0, 2)) + ' ' + JSON.stringify([1, 2, 3, 4, 5].copyWithin(-2, 0)));
const a = [1, 2, 3];
console.log(String(a.fill(7) === a) + ' ' + String(a.copyWithin(0, 1) === a) + ' ' + a.join(''));
