// Buffer.from over objects, in node's order: valueOf() giving a string or
// an object, array-likes (length as a number only), {type: 'Buffer',
// data}, Symbol.toPrimitive, and the error for anything else.
const t = (f) => { try { const r = f(); console.log(Buffer.isBuffer(r) ? 'buf:' + r.toString('hex') : String(r)); } catch (e) { console.log(e.name + ': ' + e.message); } };
t(() => Buffer.from({ type: 'Buffer', data: [1, 2, 300] }));
t(() => Buffer.from(JSON.parse(JSON.stringify(Buffer.from('hi')))));
t(() => Buffer.from({ valueOf() { return 'abc'; } }, 'hex'));
t(() => Buffer.from({ valueOf() { return 'abcd'; } }, 'hex'));
t(() => Buffer.from({ valueOf() { return [1, 2]; } }));
t(() => Buffer.from({ valueOf() { return 5; } }));
t(() => Buffer.from({ length: '2', 0: 1 }));
t(() => Buffer.from({ length: 2.7, 0: 1, 1: 2, 2: 3 }));
t(() => Buffer.from({ length: -1 }));
t(() => Buffer.from({ length: NaN }));
t(() => Buffer.from({ [Symbol.toPrimitive](h) { return 'prim:' + h; } }));
t(() => Buffer.from({ [Symbol.toPrimitive]() { return 5; } }));
t(() => Buffer.from(new Number(5)));
t(() => Buffer.from(new String('xyz'), 'base64'));
t(() => Buffer.from({ type: 'Buffer', data: 'x' }));
t(() => Buffer.from({ buffer: new ArrayBuffer(2) }));
t(() => Buffer.from(Object.create(null)));
t(() => Buffer.from(new Boolean(true)));
t(() => Buffer.from(Symbol('s')));
