function apply(f, ...args) { return f(...args); }
console.log(String(apply(Math.max, 3, 9, 2)));
console.log(apply((a, b) => a + b, 'x', 'y'));
function noReturn() {}
console.log(String(noReturn()));
console.log(String((function () { return; })()));
