function f(a, b) {
    return arguments.length + ' ' + Array.prototype.slice.call(arguments).join(',');
}
console.log(f(1, 2, 3));
console.log(f());
function g(a) {
    arguments[0] = 'changed';
    return a;
}
console.log(g('orig'));
function h() { return Object.prototype.toString.call(arguments); }
console.log(h());
