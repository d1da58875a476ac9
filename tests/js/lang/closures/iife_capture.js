var fns = [];
for (var i = 0; i < 3; i++) {
    (function (j) {
        fns.push(function () { return j * j; });
    })(i);
}
console.log(fns.map(function (f) { return f(); }).join(' '));
