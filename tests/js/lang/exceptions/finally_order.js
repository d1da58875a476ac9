const log = [];
function f() {
    try {
        log.push('try');
        return 'from try';
    } finally {
        log.push('finally');
    }
}
log.push(f());
console.log(log.join(' > '));
