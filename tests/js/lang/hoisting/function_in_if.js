function f(flag) {
    if (flag) {
        function g() { return 'block g'; }
        return g();
    }
    return typeof g;
}
console.log(f(true) + ' ' + f(false));
