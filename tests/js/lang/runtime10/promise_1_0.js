// runtime: cloudfront-js-1.0
// Promise resolve/reject/then/catch/finally exist in 1.0 (no combinators).
var log = [];
Promise.resolve(1).then(function (v) { log.push('then ' + v); return Promise.reject(new Error('x')); })
    .catch(function (e) { log.push('catch ' + e.message); })
    .finally(function () { log.push('finally'); })
    .then(function () { console.log(log.join(', ')); });
log.push('sync');
