function recurse(n) { return recurse(n + 1) + 1; }
try {
    recurse(0);
    console.log('returned');
} catch (e) {
    console.log(e.name + ' ' + (e instanceof RangeError));
}
console.log('still running');
