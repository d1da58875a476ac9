function depth(n) {
    if (n === 0) throw new Error('bottom');
    try {
        return depth(n - 1);
    } finally {
        trace.push(n);
    }
}
var trace = [];
try { depth(4); } catch (e) { trace.push(e.message); }
console.log(trace.join(','));
