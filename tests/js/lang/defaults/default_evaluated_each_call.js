let counter = 0;
function f(x = ++counter, list = []) {
    list.push(x);
    return list.length;
}
f(); f(); f();
console.log(String(counter) + ' ' + String(f()));
function g(cb = () => 'default cb') { return cb(); }
console.log(g() + ' ' + g(() => 'custom'));
