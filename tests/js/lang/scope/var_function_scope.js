// var is function-scoped: a var in a block is visible after the block.
function f() {
    if (true) {
        var x = 1;
    }
    return typeof x + ':' + x;
}
console.log(f());
function g() {
    for (var i = 0; i < 3; i++) {}
    return 'i=' + i;
}
console.log(g());
