function f() {}
const results = [];
for (const p of ['caller', 'arguments']) {
    try {
        f[p];
        results.push(p + ':read');
    } catch (e) {
        results.push(p + ':' + e.name);
    }
}
console.log(results.join(' '));
