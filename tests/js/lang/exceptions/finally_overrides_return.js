function f() {
    try {
        return 'try';
    } finally {
        return 'finally';
    }
}
function g() {
    try {
        throw new Error('lost');
    } finally {
        return 'finally wins over throw';
    }
}
console.log(f());
console.log(g());
