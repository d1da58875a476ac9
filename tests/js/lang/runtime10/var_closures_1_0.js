// runtime: cloudfront-js-1.0
function counterFactory() {
    var count = 0;
    return function () { count += 1; return count; };
}
var c = counterFactory();
c(); c();
console.log(String(c()));
var fns = [];
for (var i = 0; i < 3; i++) fns.push((function (j) { return function () { return j; }; })(i));
console.log(fns.map(function (f) { return f(); }).join(','));
