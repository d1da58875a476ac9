function f(a, ...rest) {
    return a + ':' + rest.length + ':' + rest.join('/') + ':' + Array.isArray(rest);
}
console.log(f(1));
console.log(f(1, 2, 3));
console.log(String(f.length));
const g = (...all) => all.reverse().join('');
console.log(g('a', 'b', 'c'));
