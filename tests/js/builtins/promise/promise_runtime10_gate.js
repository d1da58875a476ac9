// runtime: cloudfront-js-1.0
// brink-only: CloudFront's 1.0 runtime has no Promise combinators
// (reference §6.2: all allSettled any race are 2.0+); node has them.
var names = ['all', 'allSettled', 'any', 'race', 'resolve', 'reject'];
var out = [];
for (var i = 0; i < names.length; i++)
    out.push(names[i] + ' ' + typeof Promise[names[i]]);
out.push('finally ' + typeof Promise.prototype.finally);
out.push('AggregateError ' + typeof AggregateError);
console.log(out.join(', '));
