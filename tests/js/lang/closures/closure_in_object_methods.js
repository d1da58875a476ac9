function makeQueue() {
    const items = [];
    return {
        push(x) { items.push(x); return this; },
        drain() { const out = items.splice(0); return out.join(','); },
        get size() { return items.length; }
    };
}
const q = makeQueue(), q2 = makeQueue();
q.push(1).push(2);
q2.push('x');
console.log(String(q.size) + ' ' + q.drain() + ' ' + q.size + ' ' + q2.drain());
