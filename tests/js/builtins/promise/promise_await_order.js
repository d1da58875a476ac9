// await on values, native promises and thenables interleaved with then()
// chains: the tick counts the spec gives.
const out = [];
async function a1() { out.push('a1 start'); await 1; out.push('a1 after await 1'); await null; out.push('a1 after await 2'); }
async function a2() { out.push('a2 start'); await Promise.resolve(); out.push('a2 after promise'); }
async function a3() { await { then(r) { out.push('a3 thenable then'); r(); } }; out.push('a3 after thenable'); }
async function a4() { return Promise.resolve('a4'); }
async function a5() { try { await Promise.reject(new Error('e5')); } catch (e) { out.push('a5 caught ' + e.message); } }
Promise.resolve().then(() => out.push('t1')).then(() => out.push('t2')).then(() => out.push('t3')).then(() => out.push('t4'));
a1(); a2(); a3(); a4().then(v => out.push('a4 ' + v)); a5();
out.push('sync end');
let q = Promise.resolve();
for (let i = 0; i < 10; i++) q = q.then(() => {});
q.then(() => console.log(out.join('\n')));
