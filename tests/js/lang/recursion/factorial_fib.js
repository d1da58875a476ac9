// Plain recursion: factorial past 2^53 (rounded doubles) and a doubly
// recursive Fibonacci.
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
console.log(String(fact(10)) + ' ' + String(fact(20)) + ' ' + String(fact(25)));
console.log(String(fib(20)));
