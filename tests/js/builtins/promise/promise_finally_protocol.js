// finally(): then() invoked once with two functions; the callback's result
// is awaited (through the species constructor) but the value passes through.
const out = [];
const p = Promise.resolve('value');
let thenArgs;
const origThen = Promise.prototype.then;
p.then = function (a, b) {
    thenArgs = [typeof a, typeof b, a.length, b.length, a.name === '' ? 'anon' : a.name];
    return origThen.call(this, a, b);
};
p.finally(() => 'ignored').then(v => out.push('passes ' + v));
out.push('then args ' + thenArgs.join(' '));
p.finally(5).then(v => out.push('non-callable ' + v));
Promise.reject(new Error('orig')).finally(() => 1).catch(e => out.push('keeps reason ' + e.message));
Promise.resolve(1).finally(() => { throw new Error('override'); }).catch(e => out.push('override ' + e.message));
Promise.resolve(2).finally(() => Promise.reject(new Error('rejected cb'))).catch(e => out.push('cb rejection ' + e.message));
let done = false;
Promise.resolve(3).finally(() => new Promise(r => Promise.resolve().then(() => { done = true; r(); }))).then(v => out.push('waited ' + done + ' ' + v));
try { Promise.prototype.finally.call(1); } catch (e) { out.push('non-object this ' + e.name); }
const thenableThis = { then(a, b) { out.push('custom then ' + typeof a + ' ' + typeof b); return 'r'; } };
out.push('returns ' + Promise.prototype.finally.call(thenableThis, () => {}));
let q = Promise.resolve();
for (let i = 0; i < 12; i++) q = q.then(() => {});
q.then(() => console.log(out.join('\n')));
