// Resolving with a thenable calls its then() in a later job, and resolving
// with a native promise costs two extra ticks; the order is observable.
const out = [];
const thenable = { then(ok) { out.push('thenable.then called'); ok('t'); } };
const p = new Promise(r => { r(thenable); out.push('after resolve(thenable)'); });
out.push('sync end');
p.then(v => out.push('p ' + v));
const a = Promise.resolve();
const viaPromise = new Promise(r => r(Promise.resolve('inner')));
viaPromise.then(v => out.push('resolved via promise ' + v));
a.then(() => out.push('tick 1')).then(() => out.push('tick 2')).then(() => out.push('tick 3')).then(() => out.push('tick 4'));
const poisoned = {};
Object.defineProperty(poisoned, 'then', { get() { throw new Error('poisoned then'); } });
Promise.resolve(poisoned).catch(e => out.push('poisoned: ' + e.message));
const throwsAfter = { then(ok) { ok('first'); throw new Error('ignored'); } };
Promise.resolve(throwsAfter).then(v => out.push('throw after resolve: ' + v));
let q = Promise.resolve();
for (let i = 0; i < 10; i++) q = q.then(() => {});
q.then(() => console.log(out.join('\n')));
