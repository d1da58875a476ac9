function f() {
    try {
        return typeof arguments.callee;
    } catch (e) {
        return 'callee: ' + e.name;
    }
}
console.log(f());
function g(a) { a = 'changed'; return arguments[0]; }
console.log(g('original'));
