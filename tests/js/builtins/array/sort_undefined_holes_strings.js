const a = ['b', undefined, 'a', , 'c'];
a.sort();
console.log(JSON.stringify(a) + ' ' + a.length + ' ' + String(3 in a) + ' ' + String(4 in a));
const nums = [10, 1, undefined, 2];
nums.sort((x, y) => y - x);
console.log(JSON.stringify(nums));
