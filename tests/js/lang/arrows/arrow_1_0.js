// runtime: cloudfront-js-1.0
var nums = [3, 1, 2];
var sorted = nums.slice().sort((a, b) => a - b);
console.log(sorted.join(','));
var o = { v: 2, m: function () { return [1, 2].map(x => x * this.v).join(','); } };
console.log(o.m());
