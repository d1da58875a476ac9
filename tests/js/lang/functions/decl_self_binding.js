// Inside a function declaration its name is the outer binding, not the
// function itself; a named function expression binds its own name.
function f() { return typeof f; }
var g = f;
f = 1;
console.log(g());
var h = function named() { return typeof named; };
console.log(h());
function rec(n) { return n <= 1 ? 1 : n * rec(n - 1); }
console.log(rec(5));
var alias = rec;
rec = function () { return 100; };
console.log(alias(3));
function shadow() { var shadow = 3; return shadow; }
console.log(shadow());
var fe = function self() {
    try { self = 1; } catch (e) { return e.name + " " + typeof self; }
    return "assigned";
};
console.log(fe());
