with (a) {}
var x = 010;
function f(a, a) {}
