const f = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); };
console.log(String(f(6)));
console.log(typeof fact);
const g = function self() {
    try { self = null; return 'assigned'; } catch (e) { return e.name; }
};
console.log(g());
