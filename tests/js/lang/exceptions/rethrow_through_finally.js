const log = [];
function inner() {
    try {
        throw new TypeError('inner');
    } finally {
        log.push('inner finally');
    }
}
function outer() {
    try {
        inner();
    } catch (e) {
        log.push('caught ' + e.name + ' ' + e.message);
    } finally {
        log.push('outer finally');
    }
}
outer();
console.log(log.join('; '));
