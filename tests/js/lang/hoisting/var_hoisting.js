console.log(String(v));
var v = 5;
console.log(String(v));
function f() {
    console.log('in f: ' + String(w));
    if (false) { var w = 1; }
    return typeof w;
}
console.log(f());
