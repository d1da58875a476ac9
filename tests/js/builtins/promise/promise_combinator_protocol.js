// What the combinators look up and call: resolve once per call, then() once
// per element, iterators closed on abrupt completions, not on next() errors.
const out = [];
const origResolve = Promise.resolve;
let gets = 0, calls = 0;
Object.defineProperty(Promise, 'resolve', {
    configurable: true,
    get() { gets++; return function (v) { calls++; return origResolve.call(this, v); }; }
});
Promise.all([1, 2, 3]);
Promise.allSettled([1]);
Promise.race([]);
out.push('resolve gets ' + gets + ' calls ' + calls);
Object.defineProperty(Promise, 'resolve', { configurable: true, writable: true, value: origResolve });
function iter(values, log) {
    return {
        [Symbol.iterator]() {
            let i = 0;
            return {
                next() { return i < values.length ? { value: values[i++], done: false } : { done: true }; },
                return() { log.push('closed'); return {}; }
            };
        }
    };
}
const log1 = [];
const bad = Promise.resolve(1);
bad.then = function () { throw new Error('then throws'); };
Promise.all(iter([1, bad, 3], log1)).catch(e => out.push('all rejected: ' + e.message + ' ' + log1.join(',')));
const log2 = [];
const throwingNext = { [Symbol.iterator]() { return { next() { throw new Error('next throws'); }, return() { log2.push('closed'); return {}; } }; } };
Promise.race(throwingNext).catch(e => out.push('race rejected: ' + e.message + ' [' + log2.join(',') + ']'));
Promise.all(5).catch(e => out.push('not iterable: ' + e.name));
const saved = Promise.resolve;
Promise.resolve = 42;
Promise.any([1]).catch(e => out.push('resolve not callable: ' + e.name));
Promise.resolve = saved;
let thenCalls = 0;
const p1 = Promise.resolve('x');
p1.then = function (a, b) { thenCalls++; return Promise.prototype.then.call(this, a, b); };
Promise.all([p1, p1]).then(v => out.push('then calls ' + thenCalls + ' values ' + v.join('')));
let p = Promise.resolve();
for (let i = 0; i < 10; i++) p = p.then(() => {});
p.then(() => console.log(out.join('\n')));
