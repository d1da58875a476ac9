class MyError extends Error {
    constructor(m) { super(m); this.name = 'MyError'; }
}
const e = new MyError('bad');
console.log([e instanceof MyError, e instanceof Error, e.name, e.message, String(e)].join(' | '));
class Stack extends Array {
    top() { return this[this.length - 1]; }
}
const s = new Stack();
s.push(1, 2, 3);
console.log(String(s.top()) + ' ' + String(s.length) + ' ' + String(Array.isArray(s)));
