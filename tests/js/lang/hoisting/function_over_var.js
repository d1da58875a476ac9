console.log(typeof dup);
var dup = 1;
function dup() {}
console.log(typeof dup);
function g() {
    return typeof inner;
    function inner() {}
}
console.log(g());
