// The classic: closures created in a var loop share one binding.
var fns = [];
for (var i = 0; i < 3; i++) {
    fns.push(function () { return i; });
}
console.log(fns.map(function (f) { return f(); }).join(','));
