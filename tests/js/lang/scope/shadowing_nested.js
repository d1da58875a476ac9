var v = 'global';
function outer() {
    var v = 'outer';
    function inner() {
        var v = 'inner';
        return v;
    }
    return inner() + ',' + v;
}
console.log(outer() + ',' + v);
function param(v) {
    { let v2 = v + '!'; v = v2; }
    return v;
}
console.log(param('p'));
