function f() {
    try {
        throw new Error('first');
    } finally {
        throw new RangeError('second');
    }
}
try {
    f();
} catch (e) {
    console.log(e.name + ': ' + e.message);
}
